"""Booking and questions in the parts of one message.

"What time do you open, can I be first in?" or "my mum needs a physio
appt, she uses a walker, is there a ground floor room?" asks a question and
asks to book: the answer, then the booking form (bot/booking_cues.py marks
the message, bot/booking_policy.py acts). The same parts tell a question
that only names an appointment ("will I need x-rays at my first
appointment?") or supposes one ("if I book under ACC is there a
surcharge?") from a request.

A part asks to book when a request cue or a wish of
data/booking/intent_cues.yml matches it, no question cue does, it has a
word of asking and none of the `both.not_request` cues (a supposed booking,
a question how booking works, someone coming along, an appointment already
held).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Pattern, Sequence, Tuple

import yaml

from bot import ROOT
from bot.text import normal  # noqa: F401  (the cues' form of a message; imported from here too)

CUES_FILE = ROOT / "data" / "booking" / "intent_cues.yml"
# Split after ? ! ; at a full stop or comma not inside a number, at a dash,
# and at "and", "but", "also" before the start of a new sentence.
STARTS = r"(?:i|i'?m|i'?d|i'?ll|im|id|can|could|would|will|is|are|do|does|what|how|when|where|who|please|pls|" \
         r"my|we|he|she|they|it|if|any|also)\b"
CLAUSES = re.compile(r"(?<=[?!;])\s*|(?:(?<!\d)[.,]|[.,](?!\d))\s*|\s+[-\u2013\u2014]+\s+"
                     r"|\s+(?:plus|btw|also)\s+|\s+(?:and|but)\s+(?=" + STARTS + ")")
JOINED = re.compile(r"^(?:(?:and|but|also|plus|btw|oh|so|ok|okay|ps|like)\b\W*)+")
ASKS = re.compile(r"\?\W*$|^\W*(what|how|why|is|are|does|do|could|can|should|would|will|which|when|where|who|any)\b")
# A question of its own: a question mark, a question word, or a verb asking
# about someone ("do you", "can i", "is there"), not "will claim on my extras".
QUESTION = re.compile(r"\?\W*$|^\W*(what|how|why|where|who|which|when)\b|^\W*(do|does|did|is|are|can|could|will|would|"
                      r"should)\s+(i|you|u|we|they|he|she|it|there|my|the|your|one|someone|anyone)\b")


class BothCues(NamedTuple):
    asking: Pattern
    not_request: List[Pattern]
    about: List[Pattern]
    not_question: Sequence[Pattern] = ()
    another: Optional[Pattern] = None
    when: Optional[Pattern] = None


def fill(pattern: str, raw: dict) -> Pattern:
    """A cue with the file's {days} and {appointment} words filled in."""
    return re.compile(pattern.replace("{days}", raw["days"]).replace("{appointment}", raw["appointment"]))


def load_both(path=CUES_FILE) -> BothCues:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    both = raw["both"]
    return BothCues(fill(both["asking"], raw), [fill(p, raw) for p in both["not_request"]],
                    [fill(p, raw) for p in both["about"]], [fill(p, raw) for p in both.get("not_question") or ()],
                    fill(both["another"], raw) if both.get("another") else None,
                    fill(both["when"], raw) if both.get("when") else None)


def parts(text: str) -> List[str]:
    return list(_parts(text))


@lru_cache(maxsize=256)
def _parts(text: str) -> Tuple[str, ...]:
    """Cached: the classifier asks several questions of the same message."""
    found = (JOINED.sub("", p.strip()) for p in CLAUSES.split(normal(text)) if p)
    return tuple(p for p in found if len(p) > 2)


def _cued(part: str, cues) -> bool:
    kinds, _, wishes = cues
    return any(w.search(part) for w in wishes) or \
        any(p.search(part) for intent, patterns in kinds if intent == "request_booking" for p in patterns)


def _requests(part: str, cues, both: BothCues) -> bool:
    _, questions, wishes = cues
    if not both.asking.search(part) or any(p.search(part) for p in both.not_request):
        return False
    if any(w.search(part) for w in wishes):
        return True
    return _cued(part, cues) and not any(q.search(part) for q in questions)


def _booking_parts(text: str, cues, both: BothCues) -> Tuple[List[str], List[str]]:
    """(the message's parts, those that ask to book)."""
    found = parts(text)
    return found, [p for p in found if _requests(p, cues, both)]


def books_and_asks(text: str, cues, both: BothCues, about: Sequence[Pattern] = ()) -> bool:
    """One part asks to book and another asks a question; with `about`, the
    other parts must name something about the clinic that one of its
    patterns matches (a request's question is answered first only then)."""
    found, booking = _booking_parts(text, cues, both)
    if not booking:
        return False
    rest = [p for p in found if p not in booking]
    if not any(ASKS.search(p) for p in rest):
        return False
    return not about or any(q.search(p) for q in about for p in rest)


def asks_something_else(text: str, cues, both: BothCues) -> bool:
    """A part that asks to book and another that asks a question of its own:
    not about a day, a time or availability, not itself a request, not a
    statement ("can barely stand up straight"), at least three words.
    Stricter than books_and_asks: such a question is passed on to the
    clinic when no answer fits it."""
    found, booking = _booking_parts(text, cues, both)
    return bool(booking) and any(
        QUESTION.search(p) and len(p.split()) >= 3 and not _cued(p, cues)
        and not any(n.search(p) for n in both.not_question) for p in found if p not in booking)


def books_only(text: str, cues, both: BothCues) -> bool:
    """A part asks to book and no other part asks anything."""
    found, booking = _booking_parts(text, cues, both)
    return bool(booking) and not any(ASKS.search(p) for p in found if p not in booking)


def asks_to_book(text: str, cues, both: BothCues) -> bool:
    """Some part of the message asks to book, or the message is a note: a
    request cue, a part that only says when, and no question."""
    found = parts(text)
    return any(_requests(p, cues, both) for p in found) or _note(text, found, cues, both)


def _note(text: str, found: List[str], cues, both: BothCues) -> bool:
    if both.when is None or not any(both.when.search(p) for p in found) or any(ASKS.search(p) for p in found):
        return False
    low = normal(text)
    return _cued(low, cues) and not any(n.search(low) for n in both.not_request)


def only_supposes_booking(text: str, cues, both: BothCues) -> bool:
    """The message asks a question and names booking only as supposed or
    how it works ("if I book a remedial massage can I claim it on my health
    fund?"): no part asks to book."""
    found = parts(text)
    cued = [p for p in found if _cued(p, cues)]
    return bool(cued) and any(n.search(p) for p in cued for n in both.not_request) \
        and not any(_requests(p, cues, both) for p in found) and any(ASKS.search(p) for p in found)


def mentions_booking(text: str, cues) -> bool:
    """A request cue or a wish anywhere in the message."""
    return _cued(normal(text), cues)


def books_another(text: str, cues, both: BothCues) -> Optional[Dict[str, str]]:
    """A change or cancellation that also asks for a new visit ("can u move
    my thurs physio to fri same time, and book the next one a week after"):
    {"change": the parts about the appointment already made, "book": the
    part that asks to book, not itself a change, with the parts after it up
    to the next change}; None when no such part."""
    changing = [p for intent, patterns in cues[0] if intent in ("booking_reschedule", "booking_cancel")
                for p in patterns]
    found = parts(text)
    change = [any(c.search(p) for c in changing) for p in found]
    if not any(change):
        return None
    start = next((i for i, p in enumerate(found) if not change[i] and _requests(p, cues, both)
                  and both.another is not None and both.another.search(p)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(found)) if change[i]), len(found))
    return {"change": ", ".join(found[:start] + found[end:]), "book": ", ".join(found[start:end])}
