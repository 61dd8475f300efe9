"""Session start: the not-a-doctor notice, once per conversation."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import messages
from bot.profile import load_profile, profile_slots


class ActionSessionStart(Action):
    """Starts the session like Rasa's default action, plus the disclaimer.

    Profile slots are refreshed from clinic.yml so a changed phone number is
    used by new conversations without retraining."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        # Carry over what the patient already told us, as Rasa's default does.
        profile = load_profile()
        fresh = profile_slots(profile)
        events.extend(SlotSet(name, value) for name, value in (tracker.slots or {}).items()
                      if value is not None and name not in fresh)
        events.extend(SlotSet(name, value) for name, value in fresh.items())
        dispatcher.utter_message(text=messages.disclaimer(profile))
        events.append(ActionExecuted("action_listen"))
        return events
