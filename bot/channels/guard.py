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
    reply = TOO_LONG.format(limit=limit, phone=profile.phone, emergency=profile.emergency_number)
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


DEFAULT_ACTION_TIMEOUT_SECONDS = 10.0


def action_timeout_seconds() -> float:
    return _env_number("ACTION_TIMEOUT_SECONDS", DEFAULT_ACTION_TIMEOUT_SECONDS, 1.0)


def apply_action_timeout() -> float:
    """Bound how long a turn waits for the action server.

    Rasa 3.6 waits up to five minutes for a custom action
    (rasa.core.constants.DEFAULT_REQUEST_TIMEOUT, read by RemoteAction at
    call time, with no setting for it), so a hung action server would hang
    the patient's turn for five minutes. Called once when the channels are
    created at server start (bot/channels/rest.py); after the timeout the
    action counts as failed and the channel says "I can't do that right
    now, call ..." (no_reply)."""
    import rasa.core.actions.action as rasa_actions

    seconds = action_timeout_seconds()
    rasa_actions.DEFAULT_REQUEST_TIMEOUT = seconds
    return seconds


# Actions whose failure the patient need not hear about (the escalation
# message itself is a response, already sent).
SILENT_ACTIONS = frozenset({"action_record_red_flag"})


async def session_start(output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
    """actions/session.py, run inside the Rasa server: Rasa's default
    session start (carrying slots over), the profile's current values, and
    the not-a-doctor notice. The action server is not involved, so a new
    conversation never waits for it or fails with it, and a first message
    costs no HTTP round trip (bench/README.md)."""
    from rasa.core.actions import action as rasa_actions
    from rasa.shared.core.events import BotUttered, SlotSet

    from bot.messages import disclaimer
    from bot.profile import load_profile, profile_slots

    profile = load_profile()
    events = await rasa_actions.ActionSessionStart().run(output_channel, nlg, tracker, domain)
    fresh = [SlotSet(name, value) for name, value in profile_slots(profile).items()]
    return [BotUttered(disclaimer(profile))] + events[:-1] + fresh + events[-1:]


def install_session_start_fallback() -> None:
    """New conversations and failed actions without the action server.

    Our action_session_start (actions/session.py) would run on the action
    server. When that is down, Rasa 3.6 logs the failure and carries on
    without the SessionStarted/action_listen events, so the rules no longer
    match the patient's first message and even FAQ answers are lost; any
    other failed action leaves the patient with no reply at all. This wraps
    Rasa's RemoteAction.run once per process: action_session_start runs in
    the Rasa server (session_start above; actions/session.py stays for
    processes without our channels, such as `rasa shell`), and any other
    failed action says "I can't do that right now, please call ..." (silent
    record-keeping actions say nothing)."""
    from rasa.core.actions import action as rasa_actions
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.core.constants import ACTION_SESSION_START_NAME
    from rasa.shared.core.events import BotUttered

    original = rasa_actions.RemoteAction.run
    if getattr(original, "clinic_fallback", False):
        return

    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        if self.name() == ACTION_SESSION_START_NAME:
            return await session_start(output_channel, nlg, tracker, domain)
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise                              # a form declining a slot: Rasa's own flow
        except Exception:
            from bot.profile import load_profile

            profile = load_profile()
            logger.warning("action server unavailable for %s", self.name())
            if self.name() in SILENT_ACTIONS:
                return []
            return [BotUttered(no_reply(profile))]

    run.clinic_fallback = True  # type: ignore[attr-defined]
    rasa_actions.RemoteAction.run = run


def install_fast_action_validation() -> None:
    """Check action-server replies with a validator built once.

    Rasa 3.6 calls jsonschema.validate() on every reply, which rebuilds the
    validator each time: about 20 ms on this machine, on the event loop that
    serves every conversation (bench/README.md). A validator built once for
    the same schema checks the same reply in about 5 ms, with the same
    errors."""
    from jsonschema import ValidationError, validators
    from rasa.core.actions import action as rasa_actions

    remote = rasa_actions.RemoteAction
    if getattr(remote._validate_action_result, "clinic_fast", False):
        return
    schema = remote.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)
    docs = rasa_actions.DOCS_BASE_URL

    def validate(self, result):  # type: ignore[no-untyped-def]
        try:
            validator.validate(result)
            return True
        except ValidationError as error:
            error.message += (". Failed to validate Action server response from API, make sure "
                              "your response from the Action endpoint is valid. For more "
                              f"information about the format visit {docs}/custom-actions")
            raise error

    validate.clinic_fast = True  # type: ignore[attr-defined]
    remote._validate_action_result = validate


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


def harden_rasa() -> None:
    """The process-wide adjustments, applied when the channels are created."""
    apply_action_timeout()
    install_session_start_fallback()
    install_fast_action_validation()
    from bot.store import sqlite_wal

    sqlite_wal()
