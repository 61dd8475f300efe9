"""bot/asked_question.py and the actions that answer a question asked with a
red flag (actions/red_flags.py): the see-a-doctor advice first, then the
answer; nothing more when no question the articles answer was asked."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.red_flags import ActionAnswerAfterAdvice
from bot import names
from bot.asked_question import asked_faq_key


def _parse(first="faq", confidence=0.8, key="faq/when_to_seek_help"):
    ranking = [{"name": names.INTENT_URGENT, "confidence": 1.0}, {"name": first, "confidence": 0.7}]
    selector = {"faq": {"response": {"intent_response_key": key, "confidence": confidence}}}
    return {"text": "fell off a ladder, do i need to get it checked?", "intent": ranking[0],
            "intent_ranking": ranking, "response_selector": selector}


def test_the_question_under_a_red_flag_is_the_classifiers_own_faq_answer():
    assert asked_faq_key(_parse()) == "faq/when_to_seek_help"


def test_no_answer_when_the_message_was_not_a_question_or_the_answer_is_a_guess():
    assert asked_faq_key(_parse(first="request_booking")) is None
    assert asked_faq_key(_parse(confidence=0.1)) is None
    assert asked_faq_key({}) is None and asked_faq_key(None) is None


def _run(parse):
    tracker = Tracker("t", {}, parse, [], False, None, {}, "action_record_red_flag")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerAfterAdvice().run(dispatcher, tracker, {}))
    return [m.get("response") for m in dispatcher.messages], events


def test_the_advice_is_followed_by_the_answer_and_the_topic_is_kept_for_follow_ups():
    responses, events = _run(_parse())
    assert responses == ["utter_answer_after_advice", "utter_faq/when_to_seek_help"]
    assert events[0]["name"] == names.LAST_TOPIC and events[0]["value"] == "when_to_seek_help"


def test_nothing_more_is_said_without_a_question():
    assert _run(_parse(first="request_booking")) == ([], [])


def test_the_answer_after_advice_uses_the_faq_gate_threshold():
    """The answer given after the advice is as confident as any FAQ answer."""
    from pathlib import Path

    import yaml

    from bot.asked_question import FAQ_MIN_CONFIDENCE

    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "config.yml").read_text())
    gate = next(c for c in config["pipeline"] if c["name"].endswith("FaqConfidenceGate"))
    assert FAQ_MIN_CONFIDENCE == gate["threshold"]
