"""Days and times in patients' words, checked against the clinic's hours.

Chat forms that dateparser reads wrongly or not at all are read first (a
clock time, "at 3", "after work" from data/booking/phrases.yml, today,
tomorrow, weekdays with "next" or "a week on", "the 13th"); explicit dates
("Dec 4", "December 3rd", "3/12", "in 2 weeks") go to dateparser, month
first or day first by the clinic's region. Every time is read back as a
weekday and a date so that a misread is caught.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional, Tuple

from bot.booking.fields import clean_text
from bot.booking.phrases import phrases
from bot.profile import WEEKDAYS, ClinicProfile

_DAYS = {d: i for i, d in enumerate(WEEKDAYS)}
_DAYS.update({d[:3]: i for i, d in enumerate(WEEKDAYS)})
_DAYS.update({"tues": 1, "weds": 2, "wednes": 2, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6})
_DAY_RE = "|".join(sorted(_DAYS, key=len, reverse=True))
_AMPM = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?)")
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b(?![./]\d)")
_AT = re.compile(r"(?:\bat|@|\baround|\babout|\bby|\bafter|\bfrom)\s*(\d{1,2})\b(?!\s*(?:st|nd|rd|th|/|-))|\b(\d{1,2})\s*o'?clock\b")
_WEEKDAY = re.compile(r"\b(?:(a|one) week (?:on|from) |(next|this|coming|this coming|on) )?(" + _DAY_RE
                      + r")(?:day)?s?\b( week)?")
_ORDINAL = re.compile(r"\b(?:the )?(\d{1,2})(?:st|nd|rd|th)\b(?! of)(?!\s+(?:" + "|".join(
    m.lower() for m in calendar.month_name[1:] + calendar.month_abbr[1:]) + r"))")
# "sat" and "sun" are days when a part of the day, a time or a question
# mark follows ("looking at sat am", "sun 2pm?"), not "sat 10 hours".
_SAT_SUN_AS_DAY = re.compile(r"\s*(am|pm|a\.m\.|p\.m\.|morning|mornings|arvo|afternoon|evening|eve|night|\?|"
                             r"\d{1,2}(?![\d:.]*\s*(hours?|hrs?|mins?|minutes?|days?|weeks?|years?)\b))")
_AMBIGUOUS = {"may", "sun", "sat", "mar", "second", "now", "march", "today", "week", "a week"}


@dataclass
class When:
    day: Optional[date] = None
    at: Optional[time] = None
    named_weekday: bool = False


def _afternoon_hour(hour: int) -> int:
    """"at 3" or "4:30" without am/pm in clinic hours means the afternoon."""
    return hour + 12 if 1 <= hour < 8 else hour


def _find_time(text: str) -> Tuple[Optional[time], str]:
    m = _AMPM.search(text)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            pm = m.group(3).startswith("p")
            return time(hour % 12 + (12 if pm else 0), minute), text[:m.start()] + " " + text[m.end():]
    m = _CLOCK.search(text)
    if m:
        return (time(_afternoon_hour(int(m.group(1))), int(m.group(2))),
                text[:m.start()] + " " + text[m.end():])
    m = _AT.search(text)
    if m:
        hour = int(m.group(1) or m.group(2))
        if 1 <= hour <= 12:
            return time(_afternoon_hour(hour), 0), text[:m.start()] + " " + text[m.end():]
    for phrase, at in phrases().times_of_day:
        if re.search(rf"\b{re.escape(phrase)}\b", text):
            return at, text.replace(phrase, " ")
    return None, text


def _month_day(day_of_month: int, today: date) -> Optional[date]:
    """"the 13th": this month if still ahead, else the next month that has it."""
    year, month = today.year, today.month
    for _ in range(3):
        if day_of_month <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day_of_month)
            if candidate >= today:
                return candidate
        month = month % 12 + 1
        year += month == 1
    return None


def _dateparser_day(text: str, today: date, region: str) -> Optional[date]:
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": datetime.combine(today, time(0)),
                "DATE_ORDER": "MDY" if region in ("US", "CA", "PH") else "DMY",
                "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": []}
    try:
        found = search_dates(text, languages=["en"], settings=settings) or []
    except Exception:   # dateparser raises on odd input; no date is the honest answer
        return None
    for span, value in found:
        span_l = span.strip().lower()
        if span_l in _AMBIGUOUS or not (re.search(r"\d", span_l) or re.search(
                r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", span_l)):
            continue
        if value.date() >= today:
            return value.date()
    return None


def find_when(text: str, today: date, region: str = "US") -> When:
    """The day and the time a message names, either or both."""
    value = " " + clean_text(text, 300).lower().replace("\u2019", "'") + " "
    at, rest = _find_time(value)
    found = When(at=at)
    if re.search(r"\bday after tomorrow\b", rest):
        found.day = today + timedelta(days=2)
    elif re.search(r"\b(tomorrow|tmrw|tmr|tomoz|2moro|tomorow)\b", rest):
        found.day = today + timedelta(days=1)
    elif re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", rest):
        found.day = today
    else:
        # The last weekday named is the one asked for ("hurt it on monday, can I
        # come on saturday?").
        m = next((w for w in reversed(list(_WEEKDAY.finditer(rest))) if w.group(3) not in ("sun", "sat")
                  or w.group(2) or len(rest.split()) <= 4 or _SAT_SUN_AS_DAY.match(rest, w.end())), None)
        if m:
            target = _DAYS[m.group(3)]
            ahead = (target - today.weekday()) % 7
            if ahead == 0 and m.group(2) == "next":
                ahead = 7
            if m.group(1) or m.group(4):
                ahead += 7
            found.day, found.named_weekday = today + timedelta(days=ahead), True
        else:
            m = _ORDINAL.search(rest)
            if m:
                found.day = _month_day(int(m.group(1)), today)
            else:
                found.day = _dateparser_day(rest, today, region)
    return found


def read_when(text: str, profile: ClinicProfile, now: Optional[datetime] = None,
              known_day: Optional[date] = None) -> Tuple[Optional[str], Optional[str], Optional[date]]:
    """(ISO day and time, None, day) when usable; else (None, what to ask, a
    day already given that the next answer can complete)."""
    if now is None:
        from zoneinfo import ZoneInfo

        now = datetime.now(ZoneInfo(profile.timezone)).replace(tzinfo=None)
    found = find_when(text, now.date(), profile.default_region)
    day = found.day or known_day
    hours = profile.hours_text()
    if day is None:
        return None, (f"Which day would suit you? For example \"next Friday at 10am\" or "
                      f"\"tomorrow afternoon\". We're open {hours}."), None
    span = profile.hours_on(day.weekday())
    if span is None:
        return None, (f"Sorry, the clinic is closed on {WEEKDAYS[day.weekday()].capitalize()}s. "
                      f"We're open {hours}. Which other day would suit you?"), None
    if found.at is None:
        return None, (f"What time on {day:%A} {day.day} {day:%B} would suit you? We're open "
                      f"{span[0]:%H:%M} to {span[1]:%H:%M} that day."), day
    when = datetime.combine(day, found.at)
    # "Saturday morning" said on a Saturday afternoon, or "Monday" answered on
    # a Monday and then "10:30am" once 10:30 has gone: the next one (the
    # read-back shows the date, so a misread is caught).
    named = found.named_weekday or (found.day is None and known_day is not None)
    if when <= now and named and day == now.date() and "today" not in text.lower():
        when += timedelta(days=7)
    if when <= now:
        return None, "That time has already passed. Which day and time in the future would suit you?", None
    if not (span[0] <= found.at < span[1]):
        return None, (f"Sorry, that's outside our opening hours on {day:%A}s ({span[0]:%H:%M} to "
                      f"{span[1]:%H:%M}). Which time between those would suit you?"), day
    return when.isoformat(timespec="minutes"), None, when.date()


def parse_preferred_time(text: str, profile: ClinicProfile,
                         now: Optional[datetime] = None) -> Tuple[Optional[str], Optional[str]]:
    """A day and time within opening hours, in the future, as an ISO string."""
    iso, problem, _ = read_when(text, profile, now)
    return iso, problem


def describe(iso: str) -> str:
    when = datetime.fromisoformat(iso)
    hour = when.hour % 12 or 12
    minute = "" if when.minute == 0 else f":{when.minute:02d}"
    suffix = "AM" if when.hour < 12 else "PM"
    return f"{when:%A} {when.day} {when:%B} at {hour}{minute}{suffix}"
