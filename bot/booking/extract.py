"""Every booking detail a message gives, in any order and any number.

"John Smith, 310-555-7788, Friday at 3pm, sciatica" gives four fields at
once; "actually make that Sunday at 4pm instead" gives a new time and no
reason; "sam.lee@gmail.com" is a contact whatever the intent classifier
thought. The field the form asked for (`requested`) is read from the whole
message; other fields only from clear values (a valid contact, a complete
day and time, "my name is ...", a capitalised name between commas, a part
that names a symptom or a treatment).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from bot.booking.fields import clean_text, find_contact, looks_like_name, relation_in, strip_name_prefix
from bot.booking.phrases import is_correction, is_exit, phrases, words
from bot.booking.when import _DAYS, find_when, read_when
from bot.profile import ClinicProfile

NAME, CONTACT, TIME, REASON = "name", "contact", "time", "reason"
_SEGMENTS = re.compile(r"[,;\n]+|:\s|\s[-–|/]\s|\.\s+|\?+\s+")
_NAMED = re.compile(r"\b(?:my name is|my name's|name is|name:|under the name)\s+"
                    r"([^\W\d_][^\W\d_'’\-]*(?:\s+[^\W\d_][^\W\d_'’\-]*){0,3})", re.I)
# "I'm Ana Ruiz", "this is Ana": a name only when capitalised ("i'm on blood thinners" is not).
_INTRODUCED = re.compile(r"\b(?:this is|i am|i'm|im|it's for)\s+([A-Z][^\W\d_'’\-]*(?:\s+[A-Z][^\W\d_'’\-]*){0,3})",
                         re.I)
_QUESTION = re.compile(r"\?\s*$|^\s*(what|how|does|do|is|are|can|could|should|when|where|why|will|would|which)\b",
                       re.I)
_TIMEY = set(_DAYS) | {"today", "tomorrow", "tonight", "am", "pm", "morning", "afternoon", "evening",
                       "noon", "next", "week", "this", "after", "work", "o'clock", "around", "about"}
_REASON_CUT = re.compile(r"\s(?:on|at|this|next|tomorrow|today|around|after)\s(?:.*\d|"
                         + "|".join(sorted(_DAYS, key=len, reverse=True)) + r"|tomorrow|today|morning|afternoon|evening).*$")


@dataclass
class Details:
    name: Optional[str] = None
    contact: Optional[str] = None
    time: Optional[str] = None            # ISO day and time, within opening hours
    time_problem: Optional[str] = None     # why a day or time given cannot be used
    day: Optional[date] = None             # a day given without a usable time
    gave_time: bool = False                # the message named a day or a time
    reason: Optional[str] = None
    for_whom: Optional[str] = None
    exit: bool = False
    correction: bool = False

    def fields(self) -> dict:
        found = {NAME: self.name, CONTACT: self.contact, TIME: self.time, REASON: self.reason}
        return {k: v for k, v in found.items() if v}


def _content_words(text: str) -> list:
    p = phrases()
    skip = p.request_words | set(p.corrections) | _TIMEY | {"instead", "that", "it", "number", "email", "we",
                                                            "how", "what", "lets", "let's", "better",
                                                            "phone", "contact", "mobile", "cell",
                                                            "change", "details", "address"}
    return [w for w in words(text) if w not in skip and not w.isdigit()]


def _literal_name(text: str) -> Optional[str]:
    """At the name question, any short answer that is not a question, an
    exit or only booking words is the name, kept literally
    ("Robert'); DROP TABLE ...", "Dr. O'Neil-Smythe")."""
    value = strip_name_prefix(text)
    p = phrases()
    plain = words(value)
    if not value or len(value) > 100 or _QUESTION.search(value) or " ".join(plain) in p.change_words:
        return None
    skip = p.request_words | p.reason_words | _TIMEY | {"yes", "no", "ok", "okay", "thanks", "sure", "hi", "hello"}
    return value if any(w not in skip for w in plain) else None


def _name_in(text: str, requested: Optional[str]) -> Optional[str]:
    if requested == NAME and looks_like_name(text):
        return strip_name_prefix(text)
    m = _NAMED.search(text)
    if not m:
        m = _INTRODUCED.search(text)
        if m and not m.group(1)[:1].isupper():
            m = None
    if m:
        stop = phrases().request_words | phrases().reason_words | _TIMEY
        tokens = []
        for token in m.group(1).split():
            if token.lower() in stop:
                break
            tokens.append(token)
        if tokens and looks_like_name(" ".join(tokens)):
            return " ".join(tokens)
    for segment in _SEGMENTS.split(text):
        segment = segment.strip(" .!")
        tokens = segment.split()
        if 2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens) and looks_like_name(segment):
            return segment
    return None


def _reason_in(text: str, requested: Optional[str], contact: Optional[str]) -> Optional[str]:
    if requested and _QUESTION.search(text) and not (requested == REASON and not text.strip().endswith("?")
                                       and len(text.split()) > 3):
        return None   # a question about the clinic is answered, not taken as the reason
    if requested == REASON:
        rest = text
        if contact:
            rest = re.sub(r"\S+@\S+|\+?[\d().\- ]{7,}", " ", rest)
        return clean_text(text, 500) if _content_words(rest) else None
    reason_words = phrases().reason_words
    # A part that asks a question comes last: "do you treat tension
    # headaches? looking at sat am for my lower back" is about the back.
    segments = [seg for seg in _SEGMENTS.split(text) if seg and seg.strip()]
    for segment in sorted(segments, key=lambda seg: bool(_QUESTION.search(seg.strip()))):
        if "@" in segment or not set(words(segment)) & reason_words:
            continue
        segment = _REASON_CUT.sub("", " " + segment.lower() + " ").strip()
        tokens = segment.split()
        skip = phrases().request_words | phrases().relations | _TIMEY
        while tokens and (tokens[0].strip("?!.") in skip or tokens[0].isdigit()):
            tokens.pop(0)
        while tokens and (tokens[-1].strip("?!.") in skip or tokens[-1].isdigit()):
            tokens.pop()
        value = " ".join(tokens).strip(" ?!.")
        if value and set(words(value)) & reason_words:
            return clean_text(value, 500)
    return None


def extract(text: str, profile: ClinicProfile, requested: Optional[str] = None,
            now: Optional[datetime] = None, known_day: Optional[date] = None) -> Details:
    """What the message gives; `requested` is the field just asked for."""
    text = clean_text(text, 2000)
    found = Details(exit=is_exit(text), correction=is_correction(text))
    if found.exit or not text:
        return found
    found.contact = find_contact(text, profile.default_region)
    scan = re.sub(r"\S+@\S+", " ", text)
    if found.contact and "@" not in found.contact:
        scan = re.sub(r"\+?\d[\d().\- ]{6,}\d", " ", scan)
    if now is None:
        from zoneinfo import ZoneInfo

        now = datetime.now(ZoneInfo(profile.timezone)).replace(tzinfo=None)
    when = find_when(scan, now.date(), profile.default_region)
    if when.day or (when.at and (requested == TIME or known_day)):
        found.gave_time = True
        found.time, found.time_problem, found.day = read_when(scan, profile, now, known_day)
    found.name = _name_in(scan, requested)
    if requested == NAME and found.name is None and not (found.contact or found.gave_time):
        found.name = _literal_name(scan)
    found.reason = None if (requested == REASON and (found.gave_time or found.contact)
                            and not _content_words(re.sub(r"\d", " ", scan))) \
        else _reason_in(scan, requested, found.contact)
    found.for_whom = relation_in(text)
    return found
