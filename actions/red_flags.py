"""Record each red-flag escalation (level and sign) for staff review.

The escalation message itself is a domain response sent by the Rasa server,
so it never waits for this action or depends on the database."""
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.store import get_store

logger = logging.getLogger(__name__)


def escalation_of(message: Dict[Text, Any]) -> Dict[Text, Any]:
    """Level and sign of the latest message's escalation."""
    found = message.get("red_flag")
    if isinstance(found, dict) and found.get("level"):
        return {"level": found["level"], "sign": found.get("sign") or found.get("label") or "unspecified",
                "source": found.get("source") or "rules"}
    # The patient answered "yes" to the direct question.
    return {"level": "emergency", "sign": "confirmed_after_question", "source": "question"}


class ActionRecordRedFlag(Action):
    def name(self) -> Text:
        return "action_record_red_flag"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        found = escalation_of(tracker.latest_message or {})
        try:
            get_store().record_red_flag(tracker.sender_id, found["level"], found["sign"],
                                        channel=tracker.get_latest_input_channel() or "unknown",
                                        source=found["source"])
        except Exception:  # the patient already has the escalation message
            logger.exception("could not record a red-flag escalation")
        return []
