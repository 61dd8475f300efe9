"""Booking requests, changes, cancellations and status questions by their
words, as an NLU component.

The intent classifier learns from examples; real patients ask for an
appointment in ways no list of examples covers ("can i come in sunday
morning?", "anything today??", "cancle"). The cues in
data/booking/intent_cues.yml name what a booking message contains; when the
classifier found no better reading (a fallback, an FAQ question, out of
scope, a greeting) and a cue matches, the message gets that booking intent.
A question about booking (how long, how much, referral, parking, ...) keeps
its answer. Red flags are read after this component and always win.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Pattern, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import ROOT
from bot.asked_question import FAQ_MIN_CONFIDENCE
from bot.booking.both import (BothCues, asks_something_else, asks_to_book, books_and_asks, books_another,
                              books_only, fill, load_both, mentions_booking, normal, only_supposes_booking, parts)
from bot.clinic_questions import clinic_topic, names_a_time
from bot.clinic_router import OPEN_QUESTION
from bot.names import (BOOKING_ALSO_KEY, BOOKING_ANOTHER_KEY, BOOKING_ASKED_KEY, BOOKING_QUESTION_KEY,
                       FALLBACK_INTENT, FAQ_INTENT, REQUEST_BOOKING_INTENT, faq_response_key)
from bot.nlu.fallback import to_fallback, to_intent
from bot.profile import lacks_detail, load_profile

CUES_FILE = ROOT / "data" / "booking" / "intent_cues.yml"
# What the classifier may have said for a message it did not understand as booking.
OVERRIDABLE = frozenset({"nlu_fallback", "faq", "out_of_scope", "greet", "what_can_you_do", "stop",
                         "booking_change", "request_booking", "affirm", "deny", "thank"})
# Intents a cue of another booking kind may replace (a request read as a cancellation, ...).
BOOKING = ("booking_status", "booking_cancel", "booking_reschedule", "request_booking")
# A question read as a booking request with no word of a request in it
# ("could my tight trousers be making my back worse?"), or any such message
# that names no day or time ("anything natural instead of tablets?"), is
# the FAQ question the classifier ranked next.
QUESTION_START = re.compile(r"^\W*(what|how|why|is|are|does|do|could|can|should|would|will|which|when)\b.*")
# A "request" that is a question asking nothing to be booked becomes the
# question only with an answer this confident (the ResponseSelector's).
ANSWERED_QUESTION = 0.5

# About an appointment already made: only with a word of one (`existing`).
EXISTING_ONLY = ("booking_status", "booking_reschedule", "booking_cancel")


def load_cues(path=CUES_FILE) -> Tuple[List[Tuple[str, List[Pattern]]], List[Pattern], List[Pattern]]:
    """The cues of each booking kind, the question cues that stop a request
    cue, and the plain wishes to book that a question cue does not stop."""
    raw = _raw(path)
    kinds = [(intent, [fill(p, raw) for p in patterns]) for intent, patterns in raw["kinds"].items()]
    return kinds, [re.compile(p) for p in raw["question"]], [fill(p, raw) for p in raw.get("wish") or ()]


def load_existing(path=CUES_FILE) -> Pattern:
    raw = _raw(path)
    return fill(raw["existing"], raw)


def load_existing_not(path=CUES_FILE) -> Pattern:
    """Words of an existing appointment that only suppose one."""
    raw = _raw(path)
    return fill(raw["existing_not"], raw)


def load_asking(path=CUES_FILE) -> Pattern:
    raw = _raw(path)
    return fill(raw["asking"], raw)


def _raw(path) -> Dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _faq_confidence(message: Message) -> float:
    """The ResponseSelector's confidence in its FAQ answer to the message."""
    selected = ((message.get("response_selector") or {}).get(FAQ_INTENT) or {}).get("response") or {}
    return float(selected.get("confidence") or 0.0)


def booking_intent(text: str, cues, both: Optional[BothCues] = None) -> Optional[str]:
    """The booking intent the message's words name, or None. With `both`, a
    request whose question cue is in a part that asks nothing ("appt for my
    nan pls, I'll come with her to help with the forms") stays a request."""
    kinds, questions, wishes = cues
    low = normal(text)
    if not low or low.startswith("/"):
        return None
    for intent, patterns in kinds:
        if any(p.search(low) for p in patterns):
            if intent == "request_booking" and any(q.search(low) for q in questions) and \
                    not any(w.search(low) for w in wishes) and not (both and books_only(low, cues, both)):
                break      # a question about booking, unless a part asks to book (below)
            return intent
    # A wish at the start of any part: "trying to avoid surgery, would like a
    # consult"; a part that asks to book: "(got a gift cert for xmas) ... next sat?".
    if any(w.search(p) for p in ([low] + (parts(low) if both else [])) for w in wishes) or \
            (both and asks_to_book(low, cues, both)):
        return "request_booking"
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class BookingCueClassifier(GraphComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self.cues = load_cues()
        self.existing = load_existing()
        self.existing_not = load_existing_not()
        self.asking = load_asking()
        self.both = load_both()
        # What a request's question must be about to be answered first: a
        # question cue, a cue of `both.about`, or the opening hours.
        self.about_clinic = [*self.cues[1], *self.both.about, OPEN_QUESTION]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "BookingCueClassifier":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._question_not_request(message)
            if self._supposed_not_request(message):
                continue   # the question, whatever booking words it has (not read again as a request)
            intent = booking_intent(message.get(TEXT) or "", self.cues, self.both)
            self._statement_not_request(message, intent)
            self._new_request_not_existing(message, intent)
            current = (message.get(INTENT) or {}).get("name")
            # A "change" with no word of a change in it but a request's
            # ("can I get booked in for Wednesday") is a new request.
            reschedule_misread = current == "booking_reschedule" and intent == "request_booking"
            if current not in OVERRIDABLE and not reschedule_misread:
                continue
            if intent is None or intent == current:
                continue
            if current in (FAQ_INTENT, FALLBACK_INTENT) and intent == REQUEST_BOOKING_INTENT and \
                    not asks_to_book(message.get(TEXT) or "", self.cues, self.both):
                continue   # a question that only mentions booking ("will i need x rays at my first appointment?")
            if current in BOOKING and BOOKING.index(intent) > BOOKING.index(current) and not reschedule_misread:
                continue   # keep a more specific booking reading
            to_intent(message, intent, 1.0)
        for message in messages:
            self._booking_also(message)
            self._booking_asked(message)
            self._booking_another(message)
        return messages

    def _booking_another(self, message: Message) -> None:
        if (message.get(INTENT) or {}).get("name") in ("booking_reschedule", "booking_cancel"):
            another = books_another(message.get(TEXT) or "", self.cues, self.both)
            if another:
                message.set(BOOKING_ANOTHER_KEY, another, add_to_output=True)

    def _booking_asked(self, message: Message) -> None:
        if asks_to_book(message.get(TEXT) or "", self.cues, self.both):
            message.set(BOOKING_ASKED_KEY, True, add_to_output=True)

    def _booking_also(self, message: Message) -> None:
        """Marks a message that asks a question and asks to book. A question
        the classifier answers with a part that asks to book, or a request
        whose question has a confident answer (about the clinic, or any
        with ANSWERED_QUESTION): the answer, then the form (booking_also).
        A request or an unclassified message whose question no answer fits:
        the question is passed on with the request (booking_question_noted)."""
        intent = (message.get(INTENT) or {}).get("name")
        text = message.get(TEXT) or ""
        if intent not in (FAQ_INTENT, FALLBACK_INTENT, REQUEST_BOOKING_INTENT) or \
                not books_and_asks(text, self.cues, self.both):
            return
        confidence = _faq_confidence(message)
        # A question of its own, not the request's day or availability.
        question = asks_something_else(text, self.cues, self.both)
        if intent == FAQ_INTENT or (question and confidence >= ANSWERED_QUESTION):
            key = BOOKING_ALSO_KEY
        elif intent == REQUEST_BOOKING_INTENT and (confidence >= FAQ_MIN_CONFIDENCE or bool(
                OPEN_QUESTION.search(text.lower()) and names_a_time(text, load_profile()))) \
                and books_and_asks(text, self.cues, self.both, self.about_clinic):
            # Answered by the ResponseSelector, or from the clinic profile
            # when it asks whether the clinic is open at a time it names.
            key = BOOKING_ALSO_KEY
        elif question:
            key = BOOKING_QUESTION_KEY
        elif intent == FALLBACK_INTENT:
            key = BOOKING_ALSO_KEY        # the article search, then the form
        else:
            return
        message.set(key, True, add_to_output=True)
        if key == BOOKING_ALSO_KEY and question and intent != FALLBACK_INTENT and \
                lacks_detail(load_profile(), faq_response_key(message.get("response_selector"))):
            # The clinic's answer only gives its phone: the question goes with the request too.
            message.set(BOOKING_QUESTION_KEY, True, add_to_output=True)

    def _new_request_not_existing(self, message: Message, intent: Optional[str]) -> None:
        """A change, cancellation or status question that names no appointment
        already made ("hello id like to see a physio, tuesday or wednesday
        please") is a new request when the words or the ranking say so: the
        patient was told "I can't find a booking request" instead."""
        current = (message.get(INTENT) or {}).get("name")
        if current not in EXISTING_ONLY or \
                self.existing.search(self.existing_not.sub(" ", normal(message.get(TEXT) or ""))):
            return
        ranking = message.get(INTENT_RANKING_KEY) or []
        runner_up = next((r for r in ranking if r.get("name") not in EXISTING_ONLY), {})
        if intent != "request_booking" and runner_up.get("name") != "request_booking":
            return
        to_intent(message, REQUEST_BOOKING_INTENT, 1.0)

    def _statement_not_request(self, message: Message, intent: Optional[str]) -> None:
        """A "request" that asks for nothing (no wish, question, day or
        appointment word) states symptoms: "I've had sciatica down my left
        leg since last week" once opened the booking form and its next
        message was taken for the patient's name."""
        current = (message.get(INTENT) or {}).get("name")
        if current != "request_booking" or intent is not None \
                or self.asking.search(normal(message.get(TEXT) or "")):
            return
        to_fallback(message, 1.0)

    def _supposed_not_request(self, message: Message) -> bool:
        """A "request" that names booking only as supposed ("if I book under
        ACC is there still a surcharge?"), or a question that asks nothing to
        be booked, is the question: its FAQ answer when confident enough,
        else the article search."""
        text = message.get(TEXT) or ""
        if (message.get(INTENT) or {}).get("name") != REQUEST_BOOKING_INTENT:
            return False
        confidence = _faq_confidence(message)
        # Or a question with no word of a request and no day, with a confident
        # answer ("is a virtual consultation available") or about the clinic's
        # own prices or cover ("can I still use the OHIP funded program at
        # your clinic?", data/faq/clinic_topics.yml).
        asked = QUESTION_START.match(normal(text)) and not mentions_booking(text, self.cues) \
            and (confidence >= ANSWERED_QUESTION or clinic_topic(text) == "cost") and not _names_a_day(text)
        if not (asked or only_supposes_booking(text, self.cues, self.both)):
            return False
        if confidence < FAQ_MIN_CONFIDENCE:
            to_fallback(message, 1.0 - confidence)
            return True
        to_intent(message, FAQ_INTENT, confidence)
        return True

    def _question_not_request(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        ranking = message.get(INTENT_RANKING_KEY) or []
        text = (message.get(TEXT) or "").lower()
        if intent.get("name") != "request_booking" or len(ranking) < 2 or ranking[1].get("name") != "faq":
            return
        kinds, _, _ = self.cues
        requested = any(p.search(text) for intent_name, patterns in kinds if intent_name == "request_booking"
                        for p in patterns)
        if requested or not (QUESTION_START.match(text) or not _names_a_day(text)):
            return
        message.set(INTENT, {"name": "faq", "confidence": ranking[1].get("confidence", 0.0)}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [ranking[1], ranking[0], *ranking[2:]], add_to_output=True)


def _names_a_day(text: str) -> bool:
    from datetime import date

    from bot.booking.when import find_when

    found = find_when(text, date.today())
    return bool(found.day or found.at)
