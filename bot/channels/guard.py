"""What every channel checks before a message reaches the NLU pipeline, and
what it says when the assistant produced no reply at all.

Pure functions: the REST, socket.io and Twilio channels share them.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from typing import Any, Optional

from bot.profile import ClinicProfile

logger = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_CHARS = 2000
# Control characters (NUL, escapes...) never reach the pipeline; newlines
# and tabs stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# How much of a refused long message the red-flag rules still read.
RED_FLAG_SCAN_CHARS = 20000


def _env_number(name: str, default: float, minimum: float) -> float:
    """A numeric setting from the environment; unset or unreadable: default."""
    try:
        return max(minimum, float(os.environ.get(name) or default))
    except ValueError:
        return default


def max_message_chars() -> int:
    return int(_env_number("MAX_MESSAGE_CHARS", DEFAULT_MAX_MESSAGE_CHARS, 50))


def clean(text: str) -> str:
    """The message without control characters, surrounding space or
    unpaired surrogates (from invalid UTF-8 sent as JSON escapes)."""
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    return _CONTROL.sub("", text).strip()


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


EMPTY = "Your message looks empty. What would you like to know about back pain, acupuncture or the clinic?"
TOO_LONG = ("Your message is too long for me (more than {limit:,} characters). Please send a shorter "
            "question, or call {phone} to talk it through. If this is an emergency, call "
            "{emergency} now.")
RED_FLAG_IN_LONG = ("Your message mentions {sign}. That must be checked by a doctor: if it is new or "
                    "getting worse, call {emergency} now or go to the nearest emergency department.")
SLOW_DOWN = ("You're sending messages faster than I can answer them. Please wait a minute and try "
             "again, or call {phone}. If this is an emergency, call {emergency} now.")
NO_REPLY = ("Sorry, I can't do that right now. Please try again in a few minutes, or call {phone} "
            "and the clinic team will help you.")


def refusal(text: str, profile: ClinicProfile, limit: Optional[int] = None) -> Optional[str]:
    """A polite reply for a message that must not reach the pipeline
    (empty, or over the configured length), else None. A refused long
    message is still read by the red-flag rules, so a sign in it is never
    ignored."""
    limit = limit or max_message_chars()
    if not text.strip():
        return EMPTY
    if len(text) <= limit:
        return None
    return _red_flag_first(text, profile, TOO_LONG.format(limit=limit, phone=profile.phone,
                                                          emergency=profile.emergency_number))


def slow_down(text: str, profile: ClinicProfile) -> str:
    """The reply to a message over a rate limit (bot/channels/rate_limit.py):
    it is not answered, but a red-flag sign in it is never ignored."""
    return _red_flag_first(text, profile, SLOW_DOWN.format(phone=profile.phone,
                                                           emergency=profile.emergency_number))


def _red_flag_first(text: str, profile: ClinicProfile, reply: str) -> str:
    """The red-flag rules read a message the pipeline will not: a sign in it
    is named first, with the emergency number."""
    from bot.red_flags import EMERGENCY, URGENT, assess

    found = assess(text[:RED_FLAG_SCAN_CHARS])
    if found.level in (EMERGENCY, URGENT) and found.top_sign is not None:
        reply = RED_FLAG_IN_LONG.format(sign=found.top_sign.label,
                                        emergency=profile.emergency_number) + " " + reply
    return reply


def no_reply(profile: ClinicProfile) -> str:
    """Said when a turn produced no message (an action failed, e.g. the
    action server is down)."""
    return NO_REPLY.format(phone=profile.phone)


_TURNS: Optional[Any] = None


def turn_slot() -> Any:
    """At most MAX_CONCURRENT_TURNS messages in the pipeline at once (0 or
    unset: no limit).

    The NLU graph and the policies run synchronously on the server's one
    event loop, so messages in flight only take turns at the CPU; each await
    (tracker store, action server) sends a message to the back of the queue
    again, which gives the slowest messages a long tail under load. Admitting
    two at a time keeps the order first come, first served: 16 conversations
    at once, p95 875 -> 392 ms (bench/README.md). scripts/run.sh sets 2 for a
    single server. Leave it unset with replicas: Rasa 3.6's RedisLockStore
    issues tickets with a non-atomic read-modify-write, and with the limit on
    a burst for one conversation across two replicas lost events
    (tests/reliability/test_replicas.py). Created on first use."""
    global _TURNS
    if _TURNS is None:
        limit = int(_env_number("MAX_CONCURRENT_TURNS", 0, 0))
        _TURNS = asyncio.Semaphore(limit) if limit else contextlib.nullcontext()
    return _TURNS
