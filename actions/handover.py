"""Hand-over to a person: the request (stored once, with the conversation so
far), the pause while the patient waits, and the way back to the assistant.
The pause itself is bot/handover_policy.py; these actions only talk to the
store and the patient."""
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import handover
from bot.booking import describe, find_contact
from bot.notify import handover_notice, notify_staff
from bot.profile import load_profile
from bot.names import PHONE_CHANNELS, sender_number, BOOKING_CONTACT, BOOKING_NAME, BOOKING_REASON, BOOKING_TIME, HANDOVER_PENDING
from bot.store import get_store

logger = logging.getLogger(__name__)



def _booking_lines(tracker: Tracker) -> List[str]:
    """What the patient already gave the booking form, for staff."""
    lines = []
    for label, slot in (("name", BOOKING_NAME), ("contact", BOOKING_CONTACT),
                        ("preferred time", BOOKING_TIME), ("reason", BOOKING_REASON)):
        value = tracker.get_slot(slot)
        if value:
            if slot == BOOKING_TIME:
                try:
                    value = describe(value)
                except ValueError:
                    pass
            lines.append(f"booking form {label}: {value}")
    return lines


def _contact(tracker: Tracker, channel: Text) -> Optional[Text]:
    if channel in PHONE_CHANNELS:
        return sender_number(tracker.sender_id)
    return tracker.get_slot(BOOKING_CONTACT)


class ActionHandover(Action):
    """Create (or refresh) the conversation's hand-over request and pause."""

    def name(self) -> Text:
        return "action_handover"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        channel = tracker.get_latest_input_channel() or "unknown"
        asking = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
        key = f"{tracker.sender_id}:handover:{asking.get('timestamp')}"
        context = "\n".join(_booking_lines(tracker) + [handover.transcript(tracker.events)]).strip()
        contact = _contact(tracker, channel)
        try:
            request_id, created = get_store().open_handover(
                key, tracker.sender_id, context=context, contact=contact, channel=channel)
        except Exception:
            logger.exception("could not store a hand-over request")
            dispatcher.utter_message(
                text=f"Sorry, I couldn't pass your request to the team just now. Please call "
                     f"{profile.phone} (open {profile.hours_text()}).")
            return []
        if created:
            await notify_staff(handover_notice(request_id, channel, handover.when_text(profile)))
        dispatcher.utter_message(text=handover.handover_reply(
            profile, contact, reply_on_channel=channel in PHONE_CHANNELS))
        return [SlotSet(HANDOVER_PENDING, True)]


class ActionHandoverRelay(Action):
    """While waiting: add the message to the request; stop waiting once staff
    have handled the request."""

    def name(self) -> Text:
        return "action_handover_relay"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if text.startswith("/"):   # a button: note what it meant
            text = f"(chose: {(message.get('intent') or {}).get('name') or text[1:]})"
        try:
            store = get_store()
            request = store.current_handover(tracker.sender_id)
            if request is None or request.status != "new":
                dispatcher.utter_message(text=handover.resumed_reply(by_staff=True))
                return [SlotSet(HANDOVER_PENDING, False)]
            found = None if request.contact else find_contact(text, profile.default_region)
            store.add_handover_note(request.id, handover.append_note(request.context, text),
                                    contact=found)
        except Exception:
            logger.exception("could not add to a hand-over request")
            dispatcher.utter_message(
                text=f"Sorry, I couldn't pass that on just now. Please call {profile.phone}.")
            return []
        dispatcher.utter_message(text=handover.relay_reply(profile, found))
        return []


class ActionHandoverResume(Action):
    """The patient carries on with the assistant (the request stays open)."""

    def name(self) -> Text:
        return "action_handover_resume"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        if tracker.get_slot(HANDOVER_PENDING):
            dispatcher.utter_message(text=handover.resumed_reply(by_staff=False))
            return [SlotSet(HANDOVER_PENDING, False)]
        dispatcher.utter_message(text="I'm here. What would you like to know?")
        return []
