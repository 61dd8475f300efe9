"""Booking form: every detail read from every message, validation, the
read-back, submission (stored once), corrections and exits. The reading
itself is plain Python in bot/booking/."""
import logging
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import booking, messages
from bot.booking.extract import CONTACT, NAME, REASON, TIME, Details, extract
from bot.names import (
    sender_number,
    BOOKING_ANOTHER_KEY,
    BOOKING_ASKED_KEY,
    BOOKING_CONTACT,
    BOOKING_DAY,
    BOOKING_DAY_TEXT,
    BOOKING_FIELD,
    BOOKING_FOR,
    BOOKING_NAME,
    BOOKING_QUESTION,
    BOOKING_REASON,
    BOOKING_REQUIRED,
    BOOKING_SLOTS,
    BOOKING_TIME,
    BOOKING_TIME_TEXT,
    NOT_FORM_ANSWER_INTENTS,
    PHONE_CHANNELS,
    RED_FLAG_INTENTS,
    RED_FLAG_KEY,
    REQUESTED_SLOT,
)
from bot.notify import booking_notice, notify_staff
from bot.profile import load_profile
from bot.red_flags.memory import advised_again, booking_with_advice
from bot.spool import get_spool
from bot.store import get_store

logger = logging.getLogger(__name__)
FIELD_OF = {BOOKING_NAME: NAME, BOOKING_CONTACT: CONTACT, BOOKING_TIME: TIME, BOOKING_REASON: REASON}
YES = {"yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "please", "yes please", "that's fine",
       "thats fine", "that one", "use that", "use this number", "this number", "correct"}


def sender_phone(tracker: Tracker) -> Optional[str]:
    """The number an SMS/WhatsApp patient writes from, when the channel gives it."""
    if tracker.get_latest_input_channel() not in PHONE_CHANNELS:
        return None
    return booking.find_contact(sender_number(tracker.sender_id).split(":")[-1], load_profile().default_region)


def details(tracker: Tracker) -> Details:
    """What the latest message gives, read once per action run; of a change
    that also books a new visit, only the new visit's part."""
    text = ((tracker.latest_message or {}).get(BOOKING_ANOTHER_KEY) or {}).get("book") \
        or (tracker.latest_message or {}).get("text") or ""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    requested = FIELD_OF.get(tracker.get_slot(REQUESTED_SLOT))
    cache = getattr(tracker, "_booking_details", None)
    if cache and cache[0] == (text, requested):
        return cache[1]
    latest = tracker.latest_message or {}
    if intent in RED_FLAG_INTENTS and not (
            requested is None and booking_with_advice(latest.get(RED_FLAG_KEY), bool(latest.get(BOOKING_ASKED_KEY)))) \
            and not advised_again(list(tracker.events)):
        # A red-flag message is never a form answer ("sorry, also I can't pee"
        # is not a name or a reason): the form rejects it and the red-flag
        # rules escalate at once. A booking request that came with a
        # see-a-doctor sign starts the form after the advice, with its details,
        # and that sign told again is an answer.
        tracker._booking_details = ((text, requested), Details())
        return Details()
    known = tracker.get_slot(BOOKING_DAY)
    found = extract(text, load_profile(), requested, known_day=date.fromisoformat(known) if known else None)
    if requested == CONTACT and not found.contact and text.strip().lower().strip(".!") in YES:
        found.contact = sender_phone(tracker)
    tracker._booking_details = ((text, requested), found)
    return found


class ValidateBookingForm(FormValidationAction):
    """Fills any booking slot the message gives; the requested one from the
    whole message. A message that gives nothing for the requested slot and
    was classified as a question (or stop, hand-over, ...) is left to the
    rules, so the question is answered and the form carries on."""

    def name(self) -> Text:
        return "validate_booking_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """As the SDK's, but the companion slots an extraction sets (who the
        visit is for, the day given without a time, the time in words) are
        returned too: the SDK keeps only the form's required slots."""
        extraction = await self.get_extraction_events(dispatcher, tracker, domain)
        tracker.add_slots(extraction)
        validation = await self._extract_validation_events(dispatcher, tracker, domain)
        validated = {event["name"] for event in validation}
        return validation + [event for event in extraction if event["name"] not in validated]

    @staticmethod
    def _not_an_answer(tracker: Tracker, slot: Text) -> bool:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        return tracker.get_slot(REQUESTED_SLOT) != slot or intent in NOT_FORM_ANSWER_INTENTS

    def _problem(self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: Text,
                 problem: Optional[Text]) -> Dict[Text, Any]:
        if self._not_an_answer(tracker, slot):
            return {}
        if problem:
            dispatcher.utter_message(text=problem)
        return {slot: None}

    async def extract_booking_name(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        found = details(tracker)
        if found.exit:
            return {}
        events: Dict[Text, Any] = {}
        if found.for_whom and not tracker.get_slot(BOOKING_FOR):
            events[BOOKING_FOR] = found.for_whom
        if found.name and (not tracker.get_slot(BOOKING_NAME) or tracker.get_slot(REQUESTED_SLOT) == BOOKING_NAME
                           or found.correction):
            events[BOOKING_NAME] = found.name
        elif tracker.get_slot(REQUESTED_SLOT) == BOOKING_NAME and not found.fields():
            events.update(self._problem(dispatcher, tracker, BOOKING_NAME,
                                        "I didn't catch a name. What name should I put the request under?"))
        return events

    async def extract_booking_contact(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[Text, Any]:
        found = details(tracker)
        if found.contact:
            return {BOOKING_CONTACT: found.contact}
        if tracker.get_slot(REQUESTED_SLOT) == BOOKING_CONTACT and not found.fields() and not found.exit:
            text = (tracker.latest_message or {}).get("text") or ""
            _, problem = booking.parse_contact(text, load_profile().default_region)
            return self._problem(dispatcher, tracker, BOOKING_CONTACT, problem)
        return {}

    async def extract_booking_time(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        found = details(tracker)
        if found.time:
            return {BOOKING_TIME: found.time, BOOKING_TIME_TEXT: booking.describe(found.time),
                    BOOKING_DAY: None, BOOKING_DAY_TEXT: None}
        if found.gave_time:
            events: Dict[Text, Any] = {}
            if found.day:
                events = {BOOKING_DAY: found.day.isoformat(),
                          BOOKING_DAY_TEXT: f"{found.day:%A} {found.day.day} {found.day:%B}"}
            asked_day_only = found.day is not None and "What time on" in (found.time_problem or "")
            if found.time_problem and not asked_day_only:
                dispatcher.utter_message(text=found.time_problem)
            if tracker.get_slot(REQUESTED_SLOT) == BOOKING_TIME or found.correction:
                events[BOOKING_TIME] = None
            return events
        if tracker.get_slot(REQUESTED_SLOT) == BOOKING_TIME and not found.fields() and not found.exit:
            return self._problem(dispatcher, tracker, BOOKING_TIME, None)
        return {}

    async def extract_booking_reason(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        found = details(tracker)
        if found.reason and (not tracker.get_slot(BOOKING_REASON)
                             or tracker.get_slot(REQUESTED_SLOT) == BOOKING_REASON):
            return {BOOKING_REASON: found.reason}
        if tracker.get_slot(REQUESTED_SLOT) == BOOKING_REASON and not found.fields() and not found.exit:
            return self._problem(dispatcher, tracker, BOOKING_REASON,
                                 "Could you tell me in a few words what you'd like help with?")
        return {}


class ActionAskBookingContact(Action):
    """Asks for a phone or email; on SMS/WhatsApp offers the number they
    write from."""

    def name(self) -> Text:
        return "action_ask_booking_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        who = tracker.get_slot(BOOKING_NAME)
        thanks = f"Thanks, {who}. " if who else ""
        phone = sender_phone(tracker)
        if phone:
            dispatcher.utter_message(text=f"{thanks}Shall I use this number ({phone}) for the clinic to reach "
                                          f"you? Say yes, or give another phone number or an email.")
        else:
            dispatcher.utter_message(text=f"{thanks}What's the best phone number or email to reach you?")
        return []


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
        missing = [slot for slot in BOOKING_REQUIRED if not tracker.get_slot(slot)]
        if missing:   # e.g. the form's validation failed earlier: never store a blank request
            logger.warning("booking confirmed with missing fields %s; not stored", missing)
            dispatcher.utter_message(text=messages.booking_incomplete(profile))
            return _reset()
        confirming = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
        key = f"{tracker.sender_id}:{confirming.get('timestamp')}"
        channel = tracker.get_latest_input_channel() or "unknown"
        contact = tracker.get_slot(BOOKING_CONTACT) or ""
        record = dict(request_key=key, conversation_id=tracker.sender_id,
                      name=tracker.get_slot(BOOKING_NAME) or "", contact=contact,
                      preferred_time=tracker.get_slot(BOOKING_TIME) or "",
                      reason=tracker.get_slot(BOOKING_REASON) or "", channel=channel,
                      for_whom=tracker.get_slot(BOOKING_FOR) or None,
                      question=tracker.get_slot(BOOKING_QUESTION) or None)
        store, spool = get_store(), get_spool()
        try:
            spool.flush(store, _notify_later)   # older requests first, if any wait
            request_id, created = store.add_booking_once(**record)
        except Exception:
            logger.error("could not store a booking request; keeping it in the spool")
            try:
                spool.put(record)
            except Exception:
                logger.error("could not spool a booking request")
                dispatcher.utter_message(text=messages.booking_failed(profile))
                return []
            spool.retry_in_background(store, _notify_later)
            dispatcher.utter_message(text=messages.booking_queued(profile))
            return _reset()
        if created:
            await notify_staff(booking_notice(request_id, channel,
                                              tracker.get_slot(BOOKING_TIME_TEXT) or "not given"))
        dispatcher.utter_message(text=messages.booking_received(profile, contact, bool(record["question"])))
        return _reset()


class ActionResetBooking(Action):
    def name(self) -> Text:
        return "action_reset_booking"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        return _reset()


class ActionBookingExit(Action):
    """"never mind", "forget it" at any step: leave the form, keep nothing."""

    def name(self) -> Text:
        return "action_booking_exit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_booking_cancelled")
        return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), *_reset()]


class ActionBookingChange(Action):
    """Forget one field so that the form asks for it again."""

    def name(self) -> Text:
        return "action_booking_change"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        field = tracker.get_slot(BOOKING_FIELD)
        events: List[EventType] = [SlotSet(BOOKING_FIELD, None)]
        if field in BOOKING_REQUIRED:
            events.append(SlotSet(field, None))
            if field == BOOKING_TIME:
                events += [SlotSet(BOOKING_TIME_TEXT, None), SlotSet(BOOKING_DAY, None),
                           SlotSet(BOOKING_DAY_TEXT, None)]
        return events
