"""Questions about the clinic answered from its profile (clinic.yml).

Questions about its prices, cover, waiting times and practical details that
the classifier could not place (clinic_topic) get the clinic's answer for
that topic rather than an article passage.

"Are you open today?", "are you open on Sunday?", "open at 7pm tomorrow?"
get yes or no with the hours of that day, in the clinic's time zone, rather
than the whole opening-hours text. The day and time are read the way the
booking form reads them (bot/booking/when.py).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Optional, Pattern, Tuple

import yaml

from bot import ROOT
from bot.booking.when import find_when
from bot.profile import WEEKDAYS, ClinicProfile, clock_text
from bot.text import normal

_NOW = re.compile(r"\b(right now|now|at the moment|currently|still open)\b")


def _now(profile: ClinicProfile) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(profile.timezone)).replace(tzinfo=None)


def names_a_time(text: str, profile: ClinicProfile, now: Optional[datetime] = None) -> bool:
    """Does the question ask about one day or moment (not the hours in general)?"""
    now = now or _now(profile)
    found = find_when(text, now.date(), profile.default_region)
    return bool(found.day or found.at or _NOW.search(text.lower()))


def open_answer(text: str, profile: ClinicProfile, now: Optional[datetime] = None) -> Optional[str]:
    """Yes or no with that day's hours; None when no day or time is named."""
    now = now or _now(profile)
    low = text.lower()
    found = find_when(text, now.date(), profile.default_region)
    asks_now = bool(_NOW.search(low)) and not (found.day or found.at)
    day = found.day or now.date()
    if not (found.day or found.at or asks_now):
        return None
    name = "today" if day == now.date() else f"on {day:%A} {day.day} {day:%B}" + (
        " (tomorrow)" if day == now.date() + timedelta(days=1) else "")
    span = profile.hours_on(day.weekday())
    hours = f"We're open {profile.hours_text()}."
    if span is None:
        return (f"No, we're closed {name} (the clinic is closed on {WEEKDAYS[day.weekday()].capitalize()}s). "
                f"{hours} Holidays may differ: please call {profile.phone} to check.")
    opening = f"{clock_text(span[0])} to {clock_text(span[1])}"
    at = found.at or (now.time() if asks_now else None)
    if at is not None:
        when = "now" if asks_now else f"at {clock_text(at)} {name}"
        if span[0] <= at < span[1]:
            return f"Yes, we're open {when}: {name} the clinic is open {opening}. {hours}"
        return (f"No, we're not open {when}: {name} the clinic is open {opening}. {hours} "
                f"I can pass a booking request for another time if you like.")
    return (f"Yes, we're open {name}, {opening}. {hours} Holidays may differ: please call "
            f"{profile.phone} to check. I can pass a booking request to the clinic if you like.")


TOPICS_FILE = ROOT / "data" / "faq" / "clinic_topics.yml"


@lru_cache(maxsize=1)
def _topics() -> Tuple[Pattern, Pattern, Tuple[Tuple[str, Pattern], ...]]:
    raw = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return re.compile(raw["question"]), re.compile(raw["not"]), tuple(
        (topic, re.compile(pattern)) for topic, pattern in raw["topics"].items())


def clinic_topic(text: str) -> Optional[str]:
    """The clinic's own topic (cost, clinic_details) a question names, as
    data/faq/clinic_topics.yml lists them, or None (also for a complaint)."""
    low = normal(text)
    question, complaint, topics = _topics()
    if not question.search(low) or complaint.search(low):
        return None
    return next((topic for topic, pattern in topics if pattern.search(low)), None)
