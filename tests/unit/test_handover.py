"""Hand-over: when staff reply (hours-aware), what the patient is told, what
staff get, the staff notification, and the pause policy's decisions."""
import asyncio
import hashlib
import hmac
import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bot import handover
from bot.booking import find_contact
from bot.notify import SIGNATURE_HEADER, booking_notice, handover_notice, notify_staff
from bot.profile import load_profile

PROFILE = load_profile()  # Los Angeles time, 8AM-8PM, closed Thursday


def utc(text):
    return datetime.fromisoformat(text)


@pytest.mark.parametrize("now, expected", [
    # Friday 20 Nov 2026, 10AM in Los Angeles.
    ("2026-11-20T18:00:00", "We're open until 8PM today, so a member of the team will get back to you today"),
    # Thursday 19 Nov, 10AM: closed all day.
    ("2026-11-19T18:00:00", "We're closed on Thursdays, so a member of the team will get back to you "
                            "tomorrow (Friday) from 8AM."),
    # Wednesday 18 Nov, 9PM: after closing, and tomorrow is Thursday.
    ("2026-11-19T05:00:00", "We're closed for the day (we close at 8PM), so a member of the team will get "
                            "back to you on Friday from 8AM."),
    # Friday 7:45PM: too late to be answered today.
    ("2026-11-21T03:45:00", "We close soon (at 8PM), so a member of the team will get back to you "
                            "tomorrow (Saturday) from 8AM."),
    # Saturday 6AM: opens later today.
    ("2026-11-21T14:00:00", "We open at 8AM, so a member of the team will get back to you today from 8AM."),
])
def test_when_staff_will_reply(now, expected):
    assert handover.when_text(PROFILE, utc(now)).startswith(expected)


def test_no_opening_hours_at_all():
    from dataclasses import replace
    closed = replace(PROFILE, hours={})
    assert handover.next_reply_time(closed, utc("2026-11-20T18:00:00")) == (False, None)
    assert "as soon as they can" in handover.when_text(closed, utc("2026-11-20T18:00:00"))


def test_reply_says_how_staff_will_reach_the_patient():
    thursday = utc("2026-11-19T18:00:00")
    sms = handover.handover_reply(PROFILE, "+13105550142", reply_on_channel=True, now=thursday)
    assert "reply to this number" in sms and "Friday" in sms and "back to the assistant" in sms
    known = handover.handover_reply(PROFILE, "ann@example.org", reply_on_channel=False, now=thursday)
    assert "ann@example.org" in known
    unknown = handover.handover_reply(PROFILE, None, reply_on_channel=False, now=thursday)
    assert "phone number or email" in unknown and PROFILE.phone in unknown
    assert PROFILE.emergency_number in unknown


def test_transcript_keeps_the_last_messages_for_staff():
    events = [{"event": "user", "text": "/greet"}, {"event": "action", "name": "x"}]
    for i in range(30):
        events += [{"event": "user", "text": f"question  {i}\n<b>x</b>"},
                   {"event": "bot", "text": f"answer {i}"}]
    text = handover.transcript(events, limit=6)
    lines = text.splitlines()
    assert lines[0] == "patient: question 27 <b>x</b>" and lines[-1] == "assistant: answer 29"
    assert len(lines) == 6 and "/greet" not in text
    assert len(handover.transcript(events, limit=100, max_chars=200)) <= 200


def test_notes_are_appended_and_bounded():
    context = handover.append_note("patient: hi", "my number is 310 555 0142", at=utc("2026-11-20T18:00:00"))
    assert context.endswith("[2026-11-20 18:00 UTC] patient: my number is 310 555 0142")
    huge = handover.append_note("x" * 30000, "latest")
    assert len(huge) == handover.MAX_CONTEXT_CHARS and huge.endswith("latest")


@pytest.mark.parametrize("text, expected", [
    ("you can reach me on (310) 555-0142 after 5", "+13105550142"),
    ("email me: Ann.Lee@Example.org, thanks", "ann.lee@example.org"),
    ("call me tomorrow at 5", None),
    ("'; DROP TABLE handover_requests; --", None),
    ("x" * 100000, None),
])
def test_contact_found_anywhere_in_a_message(text, expected):
    assert find_contact(text, "US") == expected


class _Receiver(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Receiver.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Receiver.received = []
    yield f"http://127.0.0.1:{server.server_port}/notify"
    server.shutdown()


def test_staff_notification_is_posted_and_signed(receiver):
    notice = handover_notice(7, "twilio", "We're open until 8PM today.")
    assert asyncio.run(notify_staff(notice, url=receiver, secret="s3cret"))
    headers, body = _Receiver.received[0]
    assert json.loads(body) == notice and "bot.staff handover 7" in notice["text"]
    assert headers[SIGNATURE_HEADER] == hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert asyncio.run(notify_staff(booking_notice(3, "rest", "Friday 27 November at 10AM"),
                                    url=receiver, secret=""))
    assert SIGNATURE_HEADER not in _Receiver.received[1][0]
    assert "sciatica" not in json.dumps(booking_notice(3, "rest", "Friday"))   # no health details


def test_staff_notification_off_or_failing_never_raises(monkeypatch):
    monkeypatch.delenv("STAFF_WEBHOOK_URL", raising=False)
    assert not asyncio.run(notify_staff({"type": "x"}))
    assert not asyncio.run(notify_staff({"type": "x"}, url="http://127.0.0.1:9/nothing-listens"))


# The pause policy, on real trackers and the real domain.

@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain
    from bot import ROOT
    return Domain.load(str(ROOT / "domain"))


def _predict(domain, events):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.trackers import DialogueStateTracker
    import tempfile
    from pathlib import Path

    from bot.handover_policy import HandoverPausePolicy

    storage = LocalModelStorage(Path(tempfile.mkdtemp()))
    policy = HandoverPausePolicy.create({}, storage, Resource("p"), ExecutionContext(GraphSchema({}), "x"))
    tracker = DialogueStateTracker.from_events("t", events, domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if prediction.max_confidence == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


def _waiting(*extra):
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    return [ActionExecuted("action_listen"), UserUttered("a person", {"name": "human_handoff"}),
            ActionExecuted("action_handover"), SlotSet("handover_pending", True),
            ActionExecuted("action_listen"), *extra]


def test_pause_passes_messages_on_but_never_holds_back_red_flags(domain):
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered

    assert _predict(domain, _waiting(UserUttered("what is sciatica", {"name": "faq"}))) == \
        "action_handover_relay"
    assert _predict(domain, _waiting(UserUttered("book me", {"name": "request_booking"}),
                                     ActionExecuted("action_handover_relay"))) == "action_listen"
    for intent in ("red_flag_emergency", "red_flag_urgent", "red_flag_clarify", "resume_assistant"):
        assert _predict(domain, _waiting(UserUttered("x", {"name": intent}))) is None
    # The yes/no answer to the red-flag question reaches its rule.
    answer = _waiting(UserUttered("down there", {"name": "red_flag_clarify"}),
                      ActionExecuted("utter_red_flag_clarify"), ActionExecuted("action_listen"),
                      UserUttered("yes", {"name": "affirm"}))
    assert _predict(domain, answer) is None
    # Not waiting: the policy stays out of the way.
    assert _predict(domain, _waiting(SlotSet("handover_pending", False),
                                     UserUttered("hi", {"name": "greet"}))) is None
