"""Hand-over to a person: when staff will reply, and what they are told.

Pure functions (no Rasa, no database) so the wording and the opening-hours
arithmetic are unit-tested directly.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Iterable, List, Mapping, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.profile import WEEKDAYS, ClinicProfile, _clock

# Staff need a little time to answer: a request made in the last half hour
# before closing is answered at the next opening.
LAST_CALL = timedelta(minutes=30)
CONTEXT_MESSAGES = 20
CONTEXT_CHARS = 4000
MAX_CONTEXT_CHARS = 20000

# What the patient is told when staff hand the conversation back to the
# assistant (bot.staff resume|close, the console's status change).
HAND_BACK_NOTES = {
    "contacted": "A member of the clinic team has picked up your request. I'm answering your "
                 "questions again in the meantime.",
    "closed": "The clinic team has dealt with your request. I'm answering your questions again.",
}

# Said by the patient to carry on with the assistant while waiting.
RESUME_PHRASE = "back to the assistant"


def local_now(profile: ClinicProfile, now: Optional[datetime] = None) -> datetime:
    """The clinic's wall-clock time (now may be naive UTC or aware)."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(ZoneInfo(profile.timezone))


def next_reply_time(profile: ClinicProfile, now: Optional[datetime] = None
                    ) -> Tuple[bool, Optional[datetime]]:
    """(open now, next opening): open now means staff can reply today.

    Returns (True, None) during opening hours (before the last half hour),
    otherwise (False, the next opening as a local datetime), or (False, None)
    when the profile has no opening hours at all."""
    local = local_now(profile, now)
    span = profile.hours_on(local.weekday())
    if span:
        opens = datetime.combine(local.date(), span[0], local.tzinfo)
        closes = datetime.combine(local.date(), span[1], local.tzinfo)
        if opens <= local < closes - LAST_CALL:
            return True, None
        if local < opens:
            return False, opens
    for offset in range(1, 8):
        day = local.date() + timedelta(days=offset)
        span = profile.hours_on(day.weekday())
        if span:
            return False, datetime.combine(day, span[0], local.tzinfo)
    return False, None


def _day_words(day: date, today: date) -> str:
    name = WEEKDAYS[day.weekday()].capitalize()
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return f"tomorrow ({name})"
    return f"on {name}"


def when_text(profile: ClinicProfile, now: Optional[datetime] = None) -> str:
    """One sentence: when a member of staff will reply, and why if not now."""
    local = local_now(profile, now)
    open_now, opening = next_reply_time(profile, now)
    if open_now:
        closes = profile.hours_on(local.weekday())[1]
        return (f"We're open until {_clock(closes)} today, so a member of the team "
                f"will get back to you today, usually within the hour.")
    if opening is None:
        return "A member of the team will get back to you as soon as they can."
    span = profile.hours_on(local.weekday())
    if not span:
        why = f"We're closed on {WEEKDAYS[local.weekday()].capitalize()}s"
    elif local.time() < span[0]:
        why = f"We open at {_clock(span[0])}"
    elif local.time() < span[1]:
        why = f"We close soon (at {_clock(span[1])})"
    else:
        why = f"We're closed for the day (we close at {_clock(span[1])})"
    return (f"{why}, so a member of the team will get back to you "
            f"{_day_words(opening.date(), local.date())} from {_clock(opening.time())}.")


def handover_reply(profile: ClinicProfile, contact: Optional[str], reply_on_channel: bool,
                   now: Optional[datetime] = None) -> str:
    """What the patient is told when the request is made."""
    if reply_on_channel:
        reach = "They'll reply to this number."
    elif contact:
        reach = f"They'll contact you on {contact}."
    else:
        reach = ("So they can reach you, please type your phone number or email here "
                 f"(or call us on {profile.phone}).")
    return (f"I've passed your request to the team at {profile.name}. {when_text(profile, now)} "
            f"{reach} Until then I'll add anything you write here to your request. "
            f"If it's urgent, call {profile.phone}; in an emergency call {profile.emergency_number}. "
            f"If you'd like to carry on with me instead, say \"{RESUME_PHRASE}\".")


def relay_reply(profile: ClinicProfile, contact_saved: Optional[str] = None) -> str:
    """What the patient is told for each message while waiting for staff."""
    saved = f" I've noted {contact_saved} as the way to reach you." if contact_saved else ""
    return (f"I've added that to your request for the clinic team.{saved} They'll get back to you "
            f"as soon as they can. To carry on with me instead, say \"{RESUME_PHRASE}\".")


def resumed_reply(by_staff: bool) -> str:
    if by_staff:
        return ("The clinic team has picked up your request, so I'm answering again. "
                "What would you like to know?")
    return ("OK, I'm back. Your request stays with the clinic team and they'll still get back "
            "to you. What would you like to know?")


def transcript(events: Iterable[Mapping], limit: int = CONTEXT_MESSAGES,
               max_chars: int = CONTEXT_CHARS) -> str:
    """The last messages of a conversation as 'patient:'/'assistant:' lines,
    for staff to read. Text is kept as typed (staff tools print it, never
    render it as HTML)."""
    lines: List[str] = []
    for event in events:
        kind = event.get("event")
        text = (event.get("text") or "").strip()
        if kind == "user" and text and not text.startswith("/"):
            lines.append("patient: " + " ".join(text.split())[:500])
        elif kind == "bot" and text:
            lines.append("assistant: " + " ".join(text.split())[:500])
    lines = lines[-limit:]
    while lines and sum(len(line) + 1 for line in lines) > max_chars:
        lines.pop(0)
    return "\n".join(lines)


def append_note(context: str, text: str, at: Optional[datetime] = None) -> str:
    """Add a message written after the hand-over, keeping the newest text
    when the request's context grows too long."""
    at = at or datetime.now(timezone.utc)
    line = f"[{at:%Y-%m-%d %H:%M} UTC] patient: " + " ".join(text.split())[:1000]
    joined = (context + "\n" + line) if context else line
    return joined[-MAX_CONTEXT_CHARS:]


__all__ = ["append_note", "handover_reply", "local_now", "next_reply_time", "relay_reply",
           "resumed_reply", "transcript", "when_text", "RESUME_PHRASE"]
