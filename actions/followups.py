"""A follow-up answered about the topic just discussed: the FAQ answer of
the topic the follow-up policy put in `last_topic` (bot/followup_policy.py)."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.names import LAST_TOPIC


class ActionAnswerFollowup(Action):
    def name(self) -> Text:
        return "action_answer_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        topic = tracker.get_slot(LAST_TOPIC)
        response = f"utter_faq/{topic}"
        if topic and response in (domain.get("responses") or {}):
            dispatcher.utter_message(response=response)
        else:   # a topic without an answer would be a data error: say so honestly
            dispatcher.utter_message(text="Sorry, I don't have an answer to that here. Could you ask it another way?")
        return []
