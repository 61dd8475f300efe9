"""Booking request fields: parsing and validation, plain Python.

Each parser returns (value, problem): a normalised value, or None and a short
reason the patient can act on. Used by actions/booking.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional, Tuple

from bot.profile import WEEKDAYS, ClinicProfile

MAX_FIELD = 200
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAME_PREFIX = re.compile(r"^(my name is|my name's|name is|i am|i'm|im|it's|its|this is|call me|name:)\s+", re.I)

_DAY_NAMES = {d: i for i, d in enumerate(WEEKDAYS)}
_DAY_NAMES.update({d[:3]: i for i, d in enumerate(WEEKDAYS)})
_DAY_NAMES.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_PARTS = {"morning": time(9, 0), "afternoon": time(14, 0), "evening": time(18, 0),
          "noon": time(12, 0), "midday": time(12, 0), "lunchtime": time(12, 0)}


def clean_text(text: str, limit: int = MAX_FIELD) -> str:
    """Strip control characters and surrounding space; cut to `limit`."""
    return _CONTROL.sub("", text or "").strip()[:limit]


def parse_name(text: str) -> Tuple[Optional[str], Optional[str]]:
    value = _NAME_PREFIX.sub("", clean_text(text, 400)).strip(" .!,")
    if not value or not re.search(r"[^\W\d_]", value):
        return None, "I didn't catch a name. What name should I put the request under?"
    if len(value) > 100:
        return None, "That's a bit long for a name. Could you give just your first and last name?"
    return value, None


def parse_contact(text: str, region: str = "US") -> Tuple[Optional[str], Optional[str]]:
    """An email address, or a phone number normalised to E.164."""
    import phonenumbers

    value = clean_text(text, 200)
    email = next((w.strip(".,;") for w in value.split() if "@" in w), None)
    if email:
        if _EMAIL.match(email):
            return email.lower(), None
        return None, "That email address doesn't look complete. Could you check it?"
    digits = re.sub(r"[^\d+]", "", value)
    if len(digits) < 7:
        return None, "Please give a phone number or an email address so the clinic can reach you."
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return None, ("That phone number doesn't look valid. Could you check it, including the "
                      "area code (or use an email address)?")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None



def find_contact(text: str, region: str = "US") -> Optional[str]:
    """The first email address or valid phone number anywhere in a message
    ("you can reach me on 310 555 0123 after 5"), or None."""
    import phonenumbers

    value = clean_text(text, 2000)
    for word in value.split():
        word = word.strip(".,;:()<>\"'")
        if "@" in word and _EMAIL.match(word):
            return word.lower()
    for match in phonenumbers.PhoneNumberMatcher(value, region):
        if phonenumbers.is_valid_number(match.number):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    return None

@dataclass
class Slot:
    when: datetime

    def text(self) -> str:
        hour = self.when.hour % 12 or 12
        minute = "" if self.when.minute == 0 else f":{self.when.minute:02d}"
        suffix = "AM" if self.when.hour < 12 else "PM"
        return f"{self.when:%A} {self.when.day} {self.when:%B} at {hour}{minute}{suffix}"


def _parse_time(text: str) -> Optional[time]:
    m = re.search(r"\b(\d{1,2})(?::|\.)?(\d{2})?\s*(am|pm|a\.m\.|p\.m\.)\b", text)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        pm = m.group(3).startswith("p")
        return time((hour % 12) + (12 if pm else 0), minute)
    m = re.search(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b", text)
    if m:
        return time(int(m.group(1)), int(m.group(2)))
    m = re.search(r"\bat (\d{1,2})\b", text)
    if m and 1 <= int(m.group(1)) <= 12:
        hour = int(m.group(1))
        return time(hour + 12 if hour < 8 else hour, 0)   # "at 3" means 3PM in clinic hours
    for word, value in _PARTS.items():
        if word in text:
            return value
    return None


def _parse_day(text: str, today: date) -> Optional[date]:
    if re.search(r"\btoday\b", text):
        return today
    if re.search(r"\btomorrow\b", text):
        return today + timedelta(days=1)
    m = re.search(r"\b(next|this|on)?\s*(" + "|".join(sorted(_DAY_NAMES, key=len, reverse=True)) + r")s?\b", text)
    if m:
        target = _DAY_NAMES[m.group(2)]
        ahead = (target - today.weekday()) % 7
        if ahead == 0:
            ahead = 7 if m.group(1) == "next" else 0
        return today + timedelta(days=ahead)
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def parse_preferred_time(text: str, profile: ClinicProfile,
                         now: Optional[datetime] = None) -> Tuple[Optional[str], Optional[str]]:
    """A day and time within opening hours, in the future, as an ISO string."""
    if now is None:
        from zoneinfo import ZoneInfo

        now = datetime.now(ZoneInfo(profile.timezone)).replace(tzinfo=None)
    value = clean_text(text, 200).lower()
    day = _parse_day(value, now.date())
    at = _parse_time(value)
    hours = profile.hours_text()
    if day is None:
        return None, (f"Which day would suit you? For example \"next Friday at 10am\" or "
                      f"\"tomorrow afternoon\". We're open {hours}.")
    span = profile.hours_on(day.weekday())
    if span is None:
        return None, (f"Sorry, the clinic is closed on {WEEKDAYS[day.weekday()].capitalize()}s. "
                      f"We're open {hours}. Which other day would suit you?")
    if at is None:
        return None, (f"What time on {day:%A} would suit you? We're open "
                      f"{hours.split(';')[0]}.")
    when = datetime.combine(day, at)
    if when <= now and day == now.date() and "today" not in value:
        when += timedelta(days=7)   # "Saturday morning" said on a Saturday afternoon
    if when <= now:
        return None, "That time has already passed. Which day and time in the future would suit you?"
    if not (span[0] <= at < span[1]):
        return None, (f"Sorry, that's outside our opening hours ({hours.split(';')[0]}). "
                      f"Would a time between {span[0]:%H:%M} and {span[1]:%H:%M} suit you?")
    return when.isoformat(timespec="minutes"), None


def describe(iso: str) -> str:
    return Slot(datetime.fromisoformat(iso)).text()
