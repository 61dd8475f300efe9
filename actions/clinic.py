"""Questions about the clinic answered from its profile (bot/clinic_questions.py)."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.clinic_questions import open_answer
from bot.profile import load_profile


class ActionAnswerOpen(Action):
    """"Are you open today / on Sunday / at 7pm?": yes or no with that day's hours."""

    def name(self) -> Text:
        return "action_answer_open"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        text = (tracker.latest_message or {}).get("text") or ""
        answer = open_answer(text, profile) or (
            f"We're open {profile.hours_text()}. To check a specific day or a holiday, call {profile.phone}.")
        dispatcher.utter_message(text=answer)
        return []
