"""The booking flow's paths that rules cannot express, as a dialogue policy.

Inside the form, Rasa runs the form first on every message and the form's
validation (actions/booking.py) takes any detail the message gives, so an
email classified as a question is still taken as the contact. What the
form cannot see is handled here:

* "never mind", "forget it", "I don't want to book" (data/booking/
  phrases.yml) leave the form or the read-back at any step, whatever the
  intent classifier thought;
* a correction at the read-back ("actually Sunday at 4pm instead", "change
  my email to ...") reopens the form, which takes the new value, and the
  request is read back again;
* "yes" after the safety note that paused the form carries on with it;
* the answer to "what day would suit you instead?" for an existing request;
* the name and contact of a request made in another conversation, when
  asked for them to change, cancel or check it;
* a booking request that came with a see-a-doctor sign ("fell off a
  ladder, can he be seen tomorrow?"): after the advice, the form, so the
  patient still leaves a request (never after an emergency); the same sign
  told again inside the form ("his back after the fall" as the reason) is
  an answer, not a new escalation;
* a change or cancellation that also books a new visit ("move my thurs
  physio to fri, and book the next one a week after"): once the change is
  recorded (or its lookup answered), the form for the new visit;
* a message that asks a question and asks to book ("what time do you
  open, can I be first in?", marked by BookingCueClassifier): the answer,
  then the form; when no answer fits the question confidently, the
  question is passed on with the request, then the form.

Red-flag messages are never taken here: the red-flag policy (priority 8)
and rules escalate them. Priority 7, above the rules (6).
"""
from __future__ import annotations

from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import names
from bot.booking.another import new_visit_waiting
from bot.booking.extract import extract
from bot.booking.phrases import asks_to_change, field_named, is_exit
from bot.fixed_policy import FixedRulePolicy, previous_bot_action
from bot.profile import load_profile
from bot.red_flags.memory import advised_again, booking_with_advice

NEVER_TAKEN = frozenset({*names.RED_FLAG_INTENTS, names.INTENT_OTHER_LANGUAGE, "human_handoff",
                         names.INTENT_WARNING_SIGNS})
OWN_ACTIONS = frozenset({names.ACTION_BOOKING_EXIT, *names.BOOKING_REQUEST_ACTIONS})
ANSWERS = frozenset({names.UTTER_FAQ, names.ACTION_ANSWER_OPEN, names.ACTION_SEARCH_ARTICLES})
CARRY_ON = {"yes", "yes please", "yeah", "yep", "ok", "okay", "sure", "continue", "carry on",
            "continue booking", "go on", "please do", "yes continue"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT,
                          is_trainable=True)
class BookingFlowPolicy(FixedRulePolicy):
    PRIORITY = 7

    def choose(self, tracker: DialogueStateTracker, domain: Domain):
        if tracker.latest_action_name == ACTION_LISTEN_NAME and tracker.latest_message is not None \
                and previous_bot_action(tracker) == "utter_ask_booking_field" \
                and not tracker.latest_message.text.startswith("/"):
            slot = field_named(tracker.latest_message.text or "")
            if slot and not extract(tracker.latest_message.text or "", load_profile()).fields():
                return "action_booking_change", [SlotSet(names.BOOKING_FIELD, slot)]
        return self._action(tracker), []

    @staticmethod
    def _action(tracker: DialogueStateTracker) -> Optional[Text]:
        latest = tracker.latest_action_name
        if latest in names.BOOKING_CHANGE_ACTIONS and _new_visit_next(tracker):
            return names.BOOKING_FORM                # the change is recorded: now the new visit
        if latest in OWN_ACTIONS or latest in (names.UTTER_CONFIRM_BOOKING, "utter_ask_booking_field",
                                               names.UTTER_BOOKING_PAUSED):
            return ACTION_LISTEN_NAME                # these questions wait for the patient
        if latest == names.ACTION_ANSWER_AFTER_ADVICE and _booking_with_advice(tracker):
            return names.UTTER_BOOKING_AFTER_ADVICE
        if latest == names.UTTER_BOOKING_AFTER_ADVICE:
            return names.BOOKING_FORM
        if latest in ANSWERS and _asked_to_book_too(tracker):
            if _asked_to_book_too(tracker, names.BOOKING_QUESTION_KEY):
                return names.ACTION_NOTE_BOOKING_QUESTION   # the answer gave only the phone: pass it on too
            return names.BOOKING_FORM                # the question is answered: now the request
        if latest == names.ACTION_NOTE_BOOKING_QUESTION and tracker.active_loop_name is None:
            return names.BOOKING_FORM                # the question goes with the request
        if latest == "action_booking_change" and tracker.active_loop_name is None:
            return names.BOOKING_FORM                # ask for the part again, then read back
        if latest == names.BOOKING_FORM and tracker.active_loop_name is None \
                and tracker.get_slot(names.REQUESTED_SLOT) is None:
            return names.UTTER_CONFIRM_BOOKING      # the form is complete (also after a correction)
        if latest != ACTION_LISTEN_NAME or tracker.latest_message is None:
            return None
        intent = (tracker.latest_message.intent or {}).get("name")
        if intent == names.INTENT_URGENT and tracker.active_loop_name == names.BOOKING_FORM \
                and advised_again([event.as_dict() for event in tracker.events]):
            return names.BOOKING_FORM                # the sign again, as the answer: already advised
        if intent in NEVER_TAKEN or tracker.get_slot(names.HANDOVER_PENDING):
            return None
        text = tracker.latest_message.text or ""
        in_form = tracker.active_loop_name == names.BOOKING_FORM
        if intent == names.REQUEST_BOOKING_INTENT and not in_form and _asked_to_book_too(tracker):
            return names.UTTER_FAQ                   # "can I book Tuesday? is there parking?": answer first
        before = previous_bot_action(tracker)
        if not in_form and before not in (names.UTTER_CONFIRM_BOOKING, "utter_ask_booking_field") \
                and _asked_to_book_too(tracker, names.BOOKING_QUESTION_KEY):
            return names.ACTION_NOTE_BOOKING_QUESTION   # no answer fits: passed on with the request
        at_read_back = before in (names.UTTER_CONFIRM_BOOKING, "utter_ask_booking_field")
        if (in_form or at_read_back) and is_exit(text):
            return names.ACTION_BOOKING_EXIT
        if before == names.UTTER_CONFIRM_BOOKING and asks_to_change(text):
            return "utter_ask_booking_field"
        if at_read_back and intent not in ("affirm", "deny", "stop") and not text.startswith("/"):
            found = extract(text, load_profile())
            # A new contact or time, or a name given as a correction; a
            # question ("how should I sleep?") is answered, not taken.
            if found.contact or found.gave_time or (found.name and found.correction):
                return names.BOOKING_FORM
        if before == names.UTTER_BOOKING_PAUSED and not in_form and \
                " ".join(text.lower().strip(" .!").split()) in CARRY_ON:
            return names.BOOKING_FORM
        if intent == "booking_change" and not in_form and before not in (
                names.UTTER_CONFIRM_BOOKING, "utter_ask_booking_field"):
            return "action_booking_reschedule_request"   # "can I change the time?" of a stored request
        if intent == "booking_reschedule" and (in_form or at_read_back):
            return "utter_ask_booking_field"              # a change to the request being made
        if tracker.get_slot(names.BOOKING_LOOKUP_PENDING) and not in_form \
                and before in names.BOOKING_REQUEST_ACTIONS and intent != names.REQUEST_BOOKING_INTENT:
            found = extract(text, load_profile(), "contact")
            # A name and a contact answer the question; a new booking
            # ("book me in: ..., Saturday at 10am") is not a lookup.
            if found.contact and not found.gave_time:
                return names.ACTION_BOOKING_LOOKUP
        if tracker.get_slot(names.BOOKING_RESCHEDULE_PENDING) and not in_form:
            found = extract(text, load_profile(), "time")
            if found.gave_time:
                return "action_booking_reschedule_request"
        return None


def _asked_to_book_too(tracker: DialogueStateTracker, key: str = names.BOOKING_ALSO_KEY) -> bool:
    """The latest message asked a question and asked to book (marked with
    `key`), and nothing since has started the form, escalated or paused the
    assistant (never after emergency advice, as for any request)."""
    message = tracker.latest_message
    if message is None or tracker.active_loop_name or tracker.get_slot(names.HANDOVER_PENDING) \
            or not (message.parse_data or {}).get(key):
        return False
    return (message.intent or {}).get("name") not in NEVER_TAKEN and not _emergency_advised(tracker)


def _new_visit_next(tracker: DialogueStateTracker) -> bool:
    """A change or cancellation that also asked for a new visit is done:
    nothing is waiting for the patient's answer (a lookup, a new time)."""
    if tracker.active_loop_name or tracker.get_slot(names.BOOKING_LOOKUP_PENDING) \
            or tracker.get_slot(names.BOOKING_RESCHEDULE_PENDING) or tracker.get_slot(names.HANDOVER_PENDING):
        return False
    return new_visit_waiting(e.as_dict() for e in tracker.events) is not None and not _emergency_advised(tracker)


def _emergency_advised(tracker: DialogueStateTracker) -> bool:
    return any(names.ESCALATION_UTTERS.get(getattr(e, "action_name", None)) == "emergency"
               for e in tracker.events)


def _booking_with_advice(tracker: DialogueStateTracker) -> bool:
    """The latest message asked to book and got the see-a-doctor advice, with
    no form running and no emergency advice in this conversation."""
    message = tracker.latest_message
    if message is None or tracker.active_loop_name \
            or not booking_with_advice((message.parse_data or {}).get(names.RED_FLAG_KEY),
                                       bool((message.parse_data or {}).get(names.BOOKING_ASKED_KEY))):
        return False
    return not _emergency_advised(tracker)
