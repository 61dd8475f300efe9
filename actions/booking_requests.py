"""A patient's existing booking request: did it go through, cancel it, move
it. Only the patient's own request is found: the same conversation, on
SMS/WhatsApp the number they write from, or else the name and contact it
was made under (both must match, as a receptionist checks on the phone;
its time and reason are then not read out). A change or cancellation is
recorded for staff, linked to the request; the request itself changes only
when the clinic confirms, through the contact stored with it."""
import logging

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import sender_phone
from bot import booking, messages, names
from bot.booking.another import new_visit_waiting
from bot.booking.extract import extract
from bot.profile import load_profile
from bot.store import get_store

logger = logging.getLogger(__name__)
PENDING = names.BOOKING_RESCHEDULE_PENDING
STATUS_WORDS = {"new": "received and waiting for the clinic to confirm it",
                "contacted": "received, and the clinic has been in touch about it",
                "booked": "confirmed by the clinic",
                "cancelled": "cancelled"}


def _own_request(tracker: Tracker):
    """(request, asked by phone number, found by name and contact)."""
    phone = sender_phone(tracker)
    found_id = tracker.get_slot(names.BOOKING_LOOKUP_ID)
    if found_id:
        return get_store().booking(int(found_id)), phone is not None, True
    row = get_store().latest_booking(tracker.sender_id, phone)
    if row is None:
        row = _by_name_and_contact(tracker)
        return row, phone is not None, row is not None
    return row, phone is not None, False


def _by_name_and_contact(tracker: Tracker):
    text = (tracker.latest_message or {}).get("text") or ""
    contact = extract(text, load_profile(), "contact").contact
    return get_store().booking_by_name_and_contact(text, contact) if contact else None


def _when(row, by_lookup: bool = False) -> str:
    if by_lookup:
        return "the time you gave"
    try:
        return booking.describe(row.preferred_time)
    except ValueError:
        return "the time you asked for"


def _open_request(tracker: Tracker, dispatcher: CollectingDispatcher, profile, kind: str):
    """(the patient's own request that can still be changed, found by
    lookup, events); no request after asking for its name and contact."""
    row, by_number, by_lookup = _own_request(tracker)
    if row is None or row.status == "cancelled":
        if row is None:
            after = f" {messages.BOOKING_ANOTHER_AFTER_LOOKUP}" if _marked(tracker) else ""
            dispatcher.utter_message(text=messages.booking_lookup_ask(profile, by_number) + after)
            return None, False, [SlotSet(names.BOOKING_LOOKUP_PENDING, kind)]
        dispatcher.utter_message(text=messages.booking_not_found(profile, by_number))
        return None, False, []
    events = [SlotSet(names.BOOKING_LOOKUP_ID, float(row.id))] if by_lookup else []
    return row, by_lookup, events


def _marked(tracker: Tracker) -> dict:
    """The latest message's change and new visit, when it also asked for one."""
    return (tracker.latest_message or {}).get(names.BOOKING_ANOTHER_KEY) or {}


def _then_new_visit(dispatcher: CollectingDispatcher, tracker: Tracker, events: List[EventType]) -> None:
    """Done with the change and nothing waits for an answer: the policy starts
    the form for the new visit the same message asked for; say so."""
    waiting = any(e.get("event") == "slot" and e.get("name") in (PENDING, names.BOOKING_LOOKUP_PENDING)
                  and e.get("value") for e in events)
    if not waiting and new_visit_waiting(tracker.events):
        dispatcher.utter_message(text=messages.BOOKING_ANOTHER_NEXT)


def _key(tracker: Tracker, kind: str) -> str:
    message = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
    return f"{tracker.sender_id}:{message.get('timestamp')}:{kind}"


def _recorded(dispatcher: CollectingDispatcher, profile, *update) -> bool:
    """Store a change or cancellation for staff; on a database failure say
    so and give the phone (the error is logged without the patient's data)."""
    try:
        get_store().add_booking_update(*update)
        return True
    except Exception:
        logger.exception("could not store a booking change or cancellation")
        dispatcher.utter_message(text=messages.booking_failed(profile))
        return False


def _status(dispatcher: CollectingDispatcher, profile, row, by_lookup: bool) -> None:
    status = STATUS_WORDS.get(row.status, row.status)
    if by_lookup:
        dispatcher.utter_message(text=messages.BOOKING_LOOKUP_STATUS.format(status=status, phone=profile.phone))
        return
    updates = get_store().booking_updates(row.id)
    pending = f" You also asked to {'cancel it' if updates[0].kind == 'cancel' else 'change it'}; " \
              f"the clinic will confirm." if updates and updates[0].status == "new" else ""
    dispatcher.utter_message(
        text=f"Yes, your booking request for {_when(row)} (\"{row.reason}\") reached the clinic on "
             f"{row.created_at:%d %B}. It is {status}.{pending}")


def _cancel(dispatcher: CollectingDispatcher, tracker: Tracker, profile, row, by_lookup: bool) -> None:
    if not _recorded(dispatcher, profile, _key(tracker, "cancel"), row.id, tracker.sender_id, "cancel"):
        return
    what = "cancel your booking request" if by_lookup else f"cancel your request for {_when(row)}"
    dispatcher.utter_message(text=messages.booking_update_received(profile, what, row.contact,
                                                                   _when(row, by_lookup)))


def _change(dispatcher: CollectingDispatcher, tracker: Tracker, profile, row, by_lookup: bool) -> List[EventType]:
    text = _marked(tracker).get("change") or (tracker.latest_message or {}).get("text") or ""
    found = extract(text, profile, "time")
    new_time: Optional[str] = found.time
    if new_time is None:
        if found.gave_time and found.time_problem:
            dispatcher.utter_message(text=found.time_problem)
        else:
            dispatcher.utter_message(text=f"What day and time would suit you instead of {_when(row, by_lookup)}? "
                                          f"We're open {profile.hours_text()}.")
        return [SlotSet(PENDING, True)]
    if not _recorded(dispatcher, profile, _key(tracker, "change"), row.id, tracker.sender_id, "change", new_time):
        return [SlotSet(PENDING, None)]
    dispatcher.utter_message(text=messages.booking_update_received(
        profile, f"move your request to {booking.describe(new_time)}", row.contact, _when(row, by_lookup)))
    return [SlotSet(PENDING, None)]


class ActionBookingStatus(Action):
    """"Did my booking go through?": what is stored, honestly."""

    def name(self) -> Text:
        return "action_booking_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        row, by_number, by_lookup = _own_request(tracker)
        if row is None:
            dispatcher.utter_message(text=messages.booking_lookup_ask(profile, by_number))
            return [SlotSet(names.BOOKING_LOOKUP_PENDING, "status")]
        _status(dispatcher, profile, row, by_lookup)
        return [SlotSet(names.BOOKING_LOOKUP_ID, float(row.id))] if by_lookup else []


class ActionBookingCancelRequest(Action):
    def name(self) -> Text:
        return "action_booking_cancel_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        row, by_lookup, events = _open_request(tracker, dispatcher, profile, "cancel")
        if row is not None:
            _cancel(dispatcher, tracker, profile, row, by_lookup)
        _then_new_visit(dispatcher, tracker, events)
        return events


class ActionBookingRescheduleRequest(Action):
    """"Can I move it to Sunday?": the new time from this message, or asked for."""

    def name(self) -> Text:
        return "action_booking_reschedule_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        row, by_lookup, events = _open_request(tracker, dispatcher, profile, "change")
        events += [SlotSet(PENDING, None)] if row is None else _change(dispatcher, tracker, profile, row, by_lookup)
        _then_new_visit(dispatcher, tracker, events)
        return events


class ActionBookingLookup(Action):
    """The name and contact of a request made in another conversation, after
    being asked for them: then what the patient wanted (cancel, change,
    status). Both must match; nothing about the request is read out."""

    def name(self) -> Text:
        return names.ACTION_BOOKING_LOOKUP

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        kind = tracker.get_slot(names.BOOKING_LOOKUP_PENDING)
        row = _by_name_and_contact(tracker)
        events: List[EventType] = [SlotSet(names.BOOKING_LOOKUP_PENDING, None)]
        if row is None:
            dispatcher.utter_message(text=messages.BOOKING_LOOKUP_NOT_FOUND.format(phone=profile.phone))
            _then_new_visit(dispatcher, tracker, events)
            return events
        events.append(SlotSet(names.BOOKING_LOOKUP_ID, float(row.id)))
        if kind == "cancel":
            _cancel(dispatcher, tracker, profile, row, True)
        elif kind == "change":
            events += _change(dispatcher, tracker, profile, row, True)
        else:
            _status(dispatcher, profile, row, True)
        _then_new_visit(dispatcher, tracker, events)
        return events
