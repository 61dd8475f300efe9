"""Record each red-flag escalation (level and sign) for staff review, and
carry on with the patient's question after a "no" to the screening question
or after the see-a-doctor advice.

The escalation message itself is a domain response sent by the Rasa server,
so it never waits for these actions or depends on the database."""
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import names
from bot.asked_question import asked_faq_key
from bot.store import get_store

logger = logging.getLogger(__name__)


def escalation_of(message: Dict[Text, Any], memory: Optional[Dict[Text, Any]] = None) -> Dict[Text, Any]:
    """Level and sign of the latest message's escalation."""
    found = message.get(names.RED_FLAG_KEY)
    if isinstance(found, dict) and found.get("level") in ("emergency", "urgent"):
        return {"level": found["level"], "sign": found.get("sign") or found.get("label") or "unspecified",
                "source": found.get("source") or "rules"}
    # Escalated by the conversation memory (signs over several messages).
    if isinstance(memory, dict) and memory.get("level"):
        return {"level": memory["level"], "sign": memory.get("sign") or "unspecified", "source": "memory"}
    # The patient answered "yes" to the direct question.
    return {"level": "emergency", "sign": "confirmed_after_question", "source": "question"}


class ActionRecordRedFlag(Action):
    def name(self) -> Text:
        return names.ACTION_RECORD_RED_FLAG

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        found = escalation_of(tracker.latest_message or {}, tracker.get_slot(names.RED_FLAG_MEMORY))
        try:
            get_store().record_red_flag(tracker.sender_id, found["level"], found["sign"],
                                        channel=tracker.get_latest_input_channel() or "unknown",
                                        source=found["source"])
        except Exception:  # the patient already has the escalation message
            logger.exception("could not record a red-flag escalation")
        return [SlotSet(names.RED_FLAG_MEMORY, None)]


def question_before_screening(events: List[Dict[Text, Any]]) -> Optional[Dict[Text, Any]]:
    """Parse data of the patient message that led to the screening question."""
    asked = False
    for event in reversed(events):
        if event.get("event") == "bot" and not asked:
            continue
        if event.get("event") == "action" and event.get("name") == names.UTTER_CLARIFY:
            asked = True
        elif event.get("event") == "user" and asked:
            return event.get("parse_data") or {}
    return None


class ActionRedFlagScreenDenied(Action):
    """After "no" to the screening question, answer what the patient asked
    in the message that led to it (an FAQ answer), else invite the question."""

    def name(self) -> Text:
        return names.ACTION_SCREEN_DENIED

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        key = asked_faq_key(question_before_screening(list(tracker.events)))
        dispatcher.utter_message(response=f"utter_{key}" if key else "utter_anything_else")
        return []


class ActionAnswerAfterAdvice(Action):
    """After the see-a-doctor advice, answer the question the same message
    asked ("... do I need to get it checked or just rest?"), if it asked one
    the articles answer; otherwise say nothing more."""

    def name(self) -> Text:
        return names.ACTION_ANSWER_AFTER_ADVICE

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        key = asked_faq_key(tracker.latest_message)
        if not key:
            return []
        dispatcher.utter_message(response="utter_answer_after_advice")
        dispatcher.utter_message(response=f"utter_{key}")
        return [SlotSet(names.LAST_TOPIC, key.split("/", 1)[-1])]
