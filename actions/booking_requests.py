"""A patient's existing booking request: did it go through, cancel it, move
it. Only the patient's own request is ever found: the same conversation, or
on SMS/WhatsApp the number they write from (bot/store/store.py). A change
or cancellation is recorded for staff, linked to the request; the request
itself changes only when the clinic confirms."""
import logging

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import sender_phone
from bot import booking, messages
from bot.booking.extract import extract
from bot.profile import load_profile
from bot.store import get_store

logger = logging.getLogger(__name__)
PENDING = "booking_reschedule_pending"
STATUS_WORDS = {"new": "received and waiting for the clinic to confirm it",
                "contacted": "received, and the clinic has been in touch about it",
                "booked": "confirmed by the clinic",
                "cancelled": "cancelled"}


def _own_request(tracker: Tracker):
    phone = sender_phone(tracker)
    return get_store().latest_booking(tracker.sender_id, phone), phone is not None


def _when(row) -> str:
    try:
        return booking.describe(row.preferred_time)
    except ValueError:
        return "the time you asked for"


def _open_request(tracker: Tracker, dispatcher: CollectingDispatcher, profile):
    """The patient's own request that can still be changed, or None after
    telling them honestly that there is none."""
    row, by_number = _own_request(tracker)
    if row is None or row.status == "cancelled":
        dispatcher.utter_message(text=messages.booking_not_found(profile, by_number))
        return None
    return row


def _key(tracker: Tracker, kind: str) -> str:
    message = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
    return f"{tracker.sender_id}:{message.get('timestamp')}:{kind}"


class ActionBookingStatus(Action):
    """"Did my booking go through?": what is stored, honestly."""

    def name(self) -> Text:
        return "action_booking_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        row, by_number = _own_request(tracker)
        if row is None:
            dispatcher.utter_message(text=messages.booking_not_found(profile, by_number))
            return []
        updates = get_store().booking_updates(row.id)
        pending = f" You also asked to {'cancel it' if updates[0].kind == 'cancel' else 'change it'}; " \
                  f"the clinic will confirm." if updates and updates[0].status == "new" else ""
        dispatcher.utter_message(
            text=f"Yes, your booking request for {_when(row)} (\"{row.reason}\") reached the clinic on "
                 f"{row.created_at:%d %B}. It is {STATUS_WORDS.get(row.status, row.status)}.{pending}")
        return []


class ActionBookingCancelRequest(Action):
    def name(self) -> Text:
        return "action_booking_cancel_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        row = _open_request(tracker, dispatcher, profile)
        if row is None:
            return []
        get_store().add_booking_update(_key(tracker, "cancel"), row.id, tracker.sender_id, "cancel")
        dispatcher.utter_message(text=messages.booking_update_received(
            profile, f"cancel your request for {_when(row)}", row.contact, _when(row)))
        return []


class ActionBookingRescheduleRequest(Action):
    """"Can I move it to Sunday?": the new time from this message, or asked for."""

    def name(self) -> Text:
        return "action_booking_reschedule_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        row = _open_request(tracker, dispatcher, profile)
        if row is None:
            return [SlotSet(PENDING, None)]
        text = (tracker.latest_message or {}).get("text") or ""
        found = extract(text, profile, "time")
        new_time: Optional[str] = found.time
        if new_time is None:
            if found.gave_time and found.time_problem:
                dispatcher.utter_message(text=found.time_problem)
            else:
                dispatcher.utter_message(text=f"What day and time would suit you instead of {_when(row)}? "
                                              f"We're open {profile.hours_text()}.")
            return [SlotSet(PENDING, True)]
        get_store().add_booking_update(_key(tracker, "change"), row.id, tracker.sender_id, "change",
                                       new_time)
        dispatcher.utter_message(text=messages.booking_update_received(
            profile, f"move your request to {booking.describe(new_time)}", row.contact, _when(row)))
        return [SlotSet(PENDING, None)]
