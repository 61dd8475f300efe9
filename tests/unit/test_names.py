"""The shared names (bot/names.py) exist in the domain."""
from pathlib import Path

import yaml

from bot import names

DOMAIN = Path(__file__).resolve().parents[2] / "domain"


def _domain():
    merged = {"intents": set(), "slots": set(), "actions": set(), "responses": set(), "entities": set()}
    for path in DOMAIN.glob("*.yml"):
        data = yaml.safe_load(path.read_text()) or {}
        merged["intents"] |= {i if isinstance(i, str) else next(iter(i)) for i in data.get("intents") or []}
        merged["slots"] |= set(data.get("slots") or {})
        merged["actions"] |= set(data.get("actions") or [])
        merged["responses"] |= set(data.get("responses") or {})
        merged["entities"] |= {e if isinstance(e, str) else next(iter(e)) for e in data.get("entities") or []}
    return merged


def test_names_are_in_the_domain():
    domain = _domain()
    for value in [names.INTENT_EMERGENCY, names.INTENT_URGENT, names.INTENT_CLARIFY, names.INTENT_WARNING_SIGNS,
                  names.INTENT_OTHER_LANGUAGE, *names.HOLD_AFTER_EMERGENCY_INTENTS, names.FAQ_INTENT,
                  names.REQUEST_BOOKING_INTENT, *names.NOT_FORM_ANSWER_INTENTS, names.INTENT_OPEN_WHEN,
                  names.INTENT_COMPLAINT, names.INTENT_AFFIRM, names.INTENT_DENY, names.INTENT_HANDOFF]:
        assert value in domain["intents"], value
    for value in [names.RED_FLAG_SIGN, names.LANGUAGE, names.RED_FLAG_MEMORY, names.HANDOVER_PENDING,
                  *names.BOOKING_SLOTS, names.BOOKING_RESCHEDULE_PENDING, names.LAST_TOPIC]:
        assert value in domain["slots"], value
    for value in [names.RED_FLAG_ENTITY, names.LANGUAGE_ENTITY]:
        assert value in domain["entities"], value
    for value in [names.ACTION_RECORD_RED_FLAG, names.ACTION_SCREEN_DENIED, names.ACTION_BOOKING_EXIT,
                  names.ACTION_ANSWER_FOLLOWUP, names.ACTION_ANSWER_AFTER_ADVICE,
                  names.ACTION_ANSWER_OPEN, names.ACTION_SEARCH_ARTICLES, names.ACTION_NOTE_BOOKING_QUESTION,
                  *names.BOOKING_CHANGE_ACTIONS]:
        assert value in domain["actions"], value
    for value in [names.UTTER_EMERGENCY, names.UTTER_URGENT, names.UTTER_CLARIFY, names.UTTER_EMERGENCY_CONFIRMED,
                  names.UTTER_CLARIFY_DENIED, names.UTTER_EMERGENCY_HOLD, names.UTTER_WARNING_SIGNS,
                  names.UTTER_OTHER_LANGUAGE, names.UTTER_BOOKING_PAUSED, names.UTTER_CONFIRM_BOOKING]:
        assert value in domain["responses"], value
    # The retrieval action: Rasa adds it for the faq/... responses.
    assert any(r.startswith(names.UTTER_FAQ + "/") for r in domain["responses"])
