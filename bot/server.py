"""python -m bot.server run|shell ...: Rasa's CLI, after our adjustments to
Rasa 3.6 are applied, from this one visible place (issue 14).

Rasa 3.6 has no setting or hook for these, so they replace functions of
Rasa's once per process, here, before Rasa starts; each has a test that
fails without it. They were written against Rasa 3.6: on any other version
the server refuses to start rather than run with silently broken patches.

* apply_action_timeout: a turn waits ACTION_TIMEOUT_SECONDS (10) for the
  action server, not Rasa's five minutes;
* install_session_start_fallback: action_session_start runs inside the Rasa
  server, and a failed action says "I can't do that right now, call ...";
* install_fast_action_validation: action replies checked with a validator
  built once (about 20 ms -> 5 ms per action);
* sqlite_wal: SQLite databases in write-ahead-log mode.

Everything with a supported extension point uses it instead: the tracker
store class (bot/tracker_store.py), the channels (credentials.yml), the
action server's auth (bot/action_server.py).
"""
from __future__ import annotations

import logging
import sys
from typing import List, Optional

from bot.channels.guard import _env_number, no_reply

logger = logging.getLogger(__name__)
RASA_SERIES = "3.6."


def check_rasa_version() -> str:
    import rasa

    if not rasa.__version__.startswith(RASA_SERIES):
        raise SystemExit(f"bot.server: written for Rasa {RASA_SERIES}x, found {rasa.__version__}; "
                         "check each adjustment in bot/server.py against the new version first.")
    return rasa.__version__


DEFAULT_ACTION_TIMEOUT_SECONDS = 10.0


def action_timeout_seconds() -> float:
    return _env_number("ACTION_TIMEOUT_SECONDS", DEFAULT_ACTION_TIMEOUT_SECONDS, 1.0)


def apply_action_timeout() -> float:
    """Bound how long a turn waits for the action server.

    Rasa 3.6 waits up to five minutes for a custom action
    (rasa.core.constants.DEFAULT_REQUEST_TIMEOUT, read by RemoteAction at
    call time, with no setting for it), so a hung action server would hang
    the patient's turn for five minutes. Called once when the channels are
    created at server start (bot/server.py); after the timeout the
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


def apply_adjustments() -> None:
    """Every adjustment, once per process (idempotent)."""
    check_rasa_version()
    apply_action_timeout()
    install_session_start_fallback()
    install_fast_action_validation()
    from bot.store import sqlite_wal

    sqlite_wal()


def main(argv: Optional[List[str]] = None) -> int:
    """Rasa's own command line (`run`, `shell`, ...) with the adjustments on."""
    apply_adjustments()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa"] + list(sys.argv[1:] if argv is None else argv)
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
