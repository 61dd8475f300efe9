"""The clinic profile (clinic.yml): the one place a clinic sets its details.

Responses read the values through slots whose initial values are rendered into
domain/clinic_profile.yml (`python -m bot.profile render`), so FAQ answers and
red-flag escalations work even when the action server is down.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot import ROOT

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PROFILE_PATH = ROOT / "clinic.yml"
RENDERED_DOMAIN = ROOT / "domain" / "clinic_profile.yml"

# Slot names (used by responses as {clinic_name} etc.).
SLOT_CLINIC_NAME = "clinic_name"
SLOT_CLINIC_PHONE = "clinic_phone"
SLOT_CLINIC_HOURS = "clinic_hours"
SLOT_BOOKING_URL = "booking_url"
SLOT_EMERGENCY_NUMBER = "emergency_number"
SLOT_CLINIC_DETAILS = "clinic_details"
SLOT_CLINIC_ADDRESS = "clinic_address"
SLOT_CLINIC_PRICES = "clinic_prices"


def _parse_span(text: str) -> Tuple[time, time]:
    start, end = (part.strip() for part in text.split("-"))
    return time.fromisoformat(start), time.fromisoformat(end)


@dataclass(frozen=True)
class ClinicProfile:
    name: str
    phone: str
    emergency_number: str = "911"
    booking_url: str = ""
    timezone: str = "UTC"
    default_region: str = "US"
    # When the clinic answers a booking request, in words ("within one working day").
    reply_time: str = "within one working day"
    # Details the clinic filled in (DETAIL_LABELS); missing ones are answered honestly.
    details: Dict[str, str] = field(default_factory=dict)
    hours: Dict[str, Optional[Tuple[time, time]]] = field(default_factory=dict)

    def hours_on(self, weekday: int) -> Optional[Tuple[time, time]]:
        """Opening span for a weekday (0 = Monday), None when closed."""
        return self.hours.get(WEEKDAYS[weekday])

    def is_open(self, weekday: int, at: time) -> bool:
        span = self.hours_on(weekday)
        return bool(span) and span[0] <= at < span[1]

    def closed_days(self) -> List[str]:
        return [day.capitalize() for day in WEEKDAYS if not self.hours.get(day)]

    def hours_text(self) -> str:
        """Human wording, grouping days with the same hours, e.g.
        '8AM-8PM Monday to Wednesday and Friday to Sunday; closed Thursday'."""
        groups: List[Tuple[str, List[str]]] = []
        for day in WEEKDAYS:
            span = self.hours.get(day)
            label = _span_text(span) if span else ""
            if label and groups and groups[-1][0] == label and _follows(groups[-1][1][-1], day):
                groups[-1][1].append(day)
            elif label:
                groups.append((label, [day]))
        by_label: Dict[str, List[str]] = {}
        for label, days in groups:
            run = days[0].capitalize() if len(days) == 1 else (
                f"{days[0].capitalize()} to {days[-1].capitalize()}")
            by_label.setdefault(label, []).append(run)
        parts = [f"{label} {' and '.join(runs)}" for label, runs in by_label.items()]
        text = "; ".join(parts)
        closed = self.closed_days()
        if closed:
            text += "; closed " + " and ".join(closed)
        return text


def _follows(prev: str, day: str) -> bool:
    return WEEKDAYS.index(day) == WEEKDAYS.index(prev) + 1


def clock_text(t: time) -> str:
    """9AM, 8PM, 4:30PM."""
    return _clock(t)


def _clock(t: time) -> str:
    hour = t.hour % 12 or 12
    suffix = "AM" if t.hour < 12 else "PM"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def _span_text(span: Tuple[time, time]) -> str:
    return f"{_clock(span[0])}-{_clock(span[1])}"


def load_profile(path: Optional[Path] = None) -> ClinicProfile:
    """The profile; CLINIC_PROFILE may point at another file (tests).

    Actions call this on every request: the file is parsed again only when
    it changed, so an edited phone number applies without a restart."""
    path = Path(path or os.environ.get("CLINIC_PROFILE") or PROFILE_PATH)
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> ClinicProfile:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    hours = {}
    for day in WEEKDAYS:
        value = (raw.get("hours") or {}).get(day)
        hours[day] = _parse_span(value) if value else None
    return ClinicProfile(
        name=str(raw["name"]),
        phone=str(raw["phone"]),
        emergency_number=str(raw.get("emergency_number") or "911"),
        booking_url=str(raw.get("booking_url") or ""),
        timezone=str(raw.get("timezone") or "UTC"),
        default_region=str(raw.get("default_region") or "US"),
        reply_time=str(raw.get("reply_time") or "within one working day"),
        details={k: str(v).strip() for k, v in (raw.get("details") or {}).items() if v and str(v).strip()},
        hours=hours,
    )


DETAIL_LABELS = {"address": "Address", "practitioners": "Practitioners", "session_length": "Sessions",
                 "prices": "Prices", "insurance": "Insurance", "parking": "Parking",
                 "accessibility": "Access"}


def details_text(profile: ClinicProfile) -> str:
    """What the profile says about the clinic beyond hours and phone, or the
    honest answer that this chat doesn't have it."""
    known = [f"{label}: {profile.details[key]}" for key, label in DETAIL_LABELS.items()
             if profile.details.get(key)]
    if not known:
        return "I don't have that detail about the clinic here."
    return "Here is what I have about the clinic. " + " ".join(
        k if k.endswith(".") else k + "." for k in known)


def lacks_detail(profile: ClinicProfile, response_key: str) -> bool:
    """The clinic's answer chosen ("faq/cost", "faq/clinic_details") has none
    of the details it gives (then it only gives the phone)."""
    if response_key == "faq/cost":
        return not (profile.details.get("prices") or profile.details.get("insurance"))
    if response_key == "faq/clinic_details":
        return not any(profile.details.get(key) for key in DETAIL_LABELS)
    return False


def _detail(profile: ClinicProfile, key: str, missing: str) -> str:
    value = profile.details.get(key)
    return f"{DETAIL_LABELS[key]}: {value}" + ("" if value.endswith(".") else ".") if value else missing


def profile_slots(profile: ClinicProfile) -> Dict[str, str]:
    return {
        SLOT_CLINIC_NAME: profile.name,
        SLOT_CLINIC_PHONE: profile.phone,
        SLOT_CLINIC_HOURS: profile.hours_text(),
        SLOT_BOOKING_URL: profile.booking_url or "our website",
        SLOT_EMERGENCY_NUMBER: profile.emergency_number,
        SLOT_CLINIC_DETAILS: details_text(profile),
        SLOT_CLINIC_ADDRESS: _detail(profile, "address", "I don't have the address in this chat, so please "
                                                         "call and the team will give you directions."),
        SLOT_CLINIC_PRICES: " ".join(filter(None, [
            _detail(profile, "prices", "I don't have a price list here."),
            _detail(profile, "insurance", "")])),
    }


def render_domain(profile: ClinicProfile) -> str:
    """Domain fragment with one text slot per profile value (initial value set)."""
    slots = {
        name: {
            "type": "text",
            "initial_value": value,
            "influence_conversation": False,
            "mappings": [{"type": "custom"}],
        }
        for name, value in profile_slots(profile).items()
    }
    header = ("# GENERATED from clinic.yml by `python -m bot.profile render` "
              "(run by `make train`). Do not edit: edit clinic.yml.\n")
    body = yaml.safe_dump({"version": "3.1", "slots": slots}, sort_keys=False, allow_unicode=True)
    return header + body


def main(argv: List[str]) -> int:
    if argv[:1] == ["render"]:
        text = render_domain(load_profile())
        if not RENDERED_DOMAIN.exists() or RENDERED_DOMAIN.read_text(encoding="utf-8") != text:
            RENDERED_DOMAIN.write_text(text, encoding="utf-8")
            print(f"wrote {RENDERED_DOMAIN.relative_to(ROOT)}")
        return 0
    print("usage: python -m bot.profile render", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
