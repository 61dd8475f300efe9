"""A booking request that also asks a question no answer here fits
confidently ("do you treat tension headaches from desk work? looking at sat
am for an adjustment"): the question is passed on with the request, which
the booking form then collects (bot/booking_policy.py). A guessed answer
would be worse than none; a question left unanswered is lost. Also after the
clinic's answer when clinic.yml lacks the detail asked about (it gave only
the phone)."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import messages
from bot.names import ACTION_NOTE_BOOKING_QUESTION, BOOKING_QUESTION, UTTER_FAQ

# The column's size (bot/store/models.py BookingRequest.question).
MAX_QUESTION = 500


class ActionNoteBookingQuestion(Action):
    def name(self) -> Text:
        return ACTION_NOTE_BOOKING_QUESTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        text = " ".join(((tracker.latest_message or {}).get("text") or "").split())[:MAX_QUESTION]
        answered = tracker.latest_action_name == UTTER_FAQ     # the clinic's answer, with its phone only
        dispatcher.utter_message(text=messages.BOOKING_QUESTION_NOTED_TOO if answered
                                 else messages.BOOKING_QUESTION_NOTED)
        return [SlotSet(BOOKING_QUESTION, text or None)]
