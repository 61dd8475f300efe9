"""Booking form: validation, submission (stored once), changes and reset."""
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import booking, messages
from bot.notify import booking_notice, notify_staff
from bot.profile import load_profile
from bot.names import (
    BOOKING_CONTACT,
    BOOKING_FIELD,
    BOOKING_NAME,
    BOOKING_REASON,
    BOOKING_SLOTS,
    BOOKING_TIME,
    BOOKING_TIME_TEXT,
)
from bot.spool import get_spool
from bot.store import get_store

logger = logging.getLogger(__name__)


class ValidateBookingForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_booking_form"

    @staticmethod
    def _result(slot: Text, value: Any, problem: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        if problem:
            dispatcher.utter_message(text=problem)
            return {slot: None}
        return {slot: value}

    def validate_booking_name(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._result(BOOKING_NAME, *booking.parse_name(str(value or "")), dispatcher)

    def validate_booking_contact(self, value: Any, dispatcher: CollectingDispatcher,
                                 tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        profile = load_profile()
        return self._result(BOOKING_CONTACT, *booking.parse_contact(str(value or ""), profile.default_region),
                            dispatcher)

    def validate_booking_time(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        iso, problem = booking.parse_preferred_time(str(value or ""), load_profile())
        if problem:
            dispatcher.utter_message(text=problem)
            return {BOOKING_TIME: None, BOOKING_TIME_TEXT: None}
        return {BOOKING_TIME: iso, BOOKING_TIME_TEXT: booking.describe(iso)}

    def validate_booking_reason(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = booking.clean_text(str(value or ""), 500)
        if not text:
            dispatcher.utter_message(text="Could you tell me in a few words what you'd like help with?")
            return {BOOKING_REASON: None}
        return {BOOKING_REASON: text}


def _notify_later(request_id: int, record: Dict[Text, Any]) -> None:
    """Staff notice for a request stored from the spool (retry thread)."""
    import asyncio

    try:
        when = booking.describe(record.get("preferred_time") or "")
    except ValueError:
        when = "not given"
    asyncio.run(notify_staff(booking_notice(request_id, record.get("channel") or "unknown", when)))


def _reset() -> List[EventType]:
    return [SlotSet(slot, None) for slot in BOOKING_SLOTS]


class ActionSubmitBooking(Action):
    """Store the confirmed request exactly once (the key is the confirming
    message, so a retried action finds the row it already wrote)."""

    def name(self) -> Text:
        return "action_submit_booking"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        profile = load_profile()
        missing = [slot for slot in (BOOKING_NAME, BOOKING_CONTACT, BOOKING_TIME, BOOKING_REASON)
                   if not tracker.get_slot(slot)]
        if missing:   # e.g. the form's validation failed earlier: never store a blank request
            logger.warning("booking confirmed with missing fields %s; not stored", missing)
            dispatcher.utter_message(text=messages.booking_incomplete(profile))
            return _reset()
        confirming = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
        key = f"{tracker.sender_id}:{confirming.get('timestamp')}"
        channel = tracker.get_latest_input_channel() or "unknown"
        record = dict(request_key=key, conversation_id=tracker.sender_id,
                      name=tracker.get_slot(BOOKING_NAME) or "",
                      contact=tracker.get_slot(BOOKING_CONTACT) or "",
                      preferred_time=tracker.get_slot(BOOKING_TIME) or "",
                      reason=tracker.get_slot(BOOKING_REASON) or "", channel=channel)
        store, spool = get_store(), get_spool()
        try:
            spool.flush(store, _notify_later)   # older requests first, if any wait
            request_id, created = store.add_booking_once(**record)
        except Exception:
            logger.exception("could not store a booking request; keeping it in the spool")
            try:
                spool.put(record)
            except Exception:
                logger.exception("could not spool a booking request")
                dispatcher.utter_message(text=messages.booking_failed(profile))
                return []
            spool.retry_in_background(store, _notify_later)
            dispatcher.utter_message(text=messages.booking_queued(profile))
            return _reset()
        if created:
            await notify_staff(booking_notice(request_id, channel,
                                              tracker.get_slot(BOOKING_TIME_TEXT) or "not given"))
        dispatcher.utter_message(text=messages.booking_received(profile))
        return _reset()


class ActionResetBooking(Action):
    def name(self) -> Text:
        return "action_reset_booking"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        return _reset()


class ActionBookingChange(Action):
    """Forget one field so that the form asks for it again."""

    def name(self) -> Text:
        return "action_booking_change"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        field = tracker.get_slot(BOOKING_FIELD)
        events: List[EventType] = [SlotSet(BOOKING_FIELD, None)]
        if field in (BOOKING_NAME, BOOKING_CONTACT, BOOKING_TIME, BOOKING_REASON):
            events.append(SlotSet(field, None))
            if field == BOOKING_TIME:
                events.append(SlotSet(BOOKING_TIME_TEXT, None))
        return events
