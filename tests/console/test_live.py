"""Live replies and hand-backs from the console go to Rasa's HTTP API, behind
its token: checked against a local HTTP server standing in for Rasa (the
real assistant's delivery to the widget is tests/e2e/test_console_live.py)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from tests.console.conftest import csrf, sign_in


class FakeRasa(BaseHTTPRequestHandler):
    calls = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeRasa.calls.append((urlparse(self.path).path, parse_qs(urlparse(self.path).query), body))
        ok = parse_qs(urlparse(self.path).query).get("token") == ["secret-token"]
        self.send_response(200 if ok else 401)
        self.end_headers()
        self.wfile.write(b"{}")

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"events": [
            {"event": "user", "text": "can I speak to someone?"},
            {"event": "bot", "text": "I've asked the team."},
            {"event": "bot", "text": "Hello, this is Rosa", "metadata": {"staff_reply": "rosa"}}]}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def rasa(monkeypatch):
    FakeRasa.calls = []
    server = HTTPServer(("127.0.0.1", 0), FakeRasa)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("RASA_INTERNAL_URL", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("RASA_AUTH_TOKEN", "secret-token")
    yield FakeRasa.calls
    server.shutdown()


def _handover(store, channel="socketio", conversation="web:abc123"):
    return store.open_handover("h-1", conversation, "patient: can I speak to someone?", channel=channel)[0]


def test_a_reply_is_appended_as_a_bot_event_sent_on_the_conversation_channel(client, store, rasa):
    handover = _handover(store)
    sign_in(client)
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    assert "staff (rosa):" in page and "Hello, this is Rosa" in page   # the live transcript
    response = client.post(f"/handovers/{handover}/reply", data={"text": "Hi, it's Rosa from the clinic.",
                                                                  "csrf_token": csrf(page)})
    assert response.status_code == 302
    path, query, body = rasa[-1]
    assert path == "/conversations/web:abc123/tracker/events"
    assert query["output_channel"] == ["socketio"] and query["execute_side_effects"] == ["true"]
    assert body == [{"event": "bot", "text": "Hi, it's Rosa from the clinic.", "metadata": {"staff_reply": "rosa"}}]
    assert ("replied", f"handover:{handover}") in [(e.action, e.target) for e in store.audit_events()]
    assert "Sent to the patient." in client.get(f"/handovers/{handover}").get_data(as_text=True)


def test_an_sms_conversation_is_answered_on_the_twilio_channel(client, store, rasa):
    handover = _handover(store, channel="twilio", conversation="twilio:+13105550142")
    sign_in(client)
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    client.post(f"/handovers/{handover}/reply", data={"text": "We'll call you at 3pm.", "csrf_token": csrf(page)})
    path, query, _ = rasa[-1]
    assert path == "/conversations/twilio:+13105550142/tracker/events" and query["output_channel"] == ["twilio"]


def test_handing_back_ends_the_pause_and_tells_the_patient(client, store, rasa):
    handover = _handover(store)
    sign_in(client)
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    client.post(f"/handovers/{handover}/status", data={"status": "closed", "csrf_token": csrf(page)})
    _, _, body = rasa[-1]
    assert body[0] == {"event": "slot", "name": "handover_pending", "value": False}
    assert body[1]["event"] == "bot" and "answering your questions again" in body[1]["text"]
    assert store.handover(handover).status == "closed"


def test_a_refused_or_unreachable_api_says_so_and_records_nothing(client, store, rasa, monkeypatch):
    handover = _handover(store)
    monkeypatch.setenv("RASA_AUTH_TOKEN", "wrong-token")
    sign_in(client)
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    client.post(f"/handovers/{handover}/reply", data={"text": "hello", "csrf_token": csrf(page)})
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    assert "Not sent: the assistant answered HTTP 401" in page
    assert "replied" not in [e.action for e in store.audit_events()]


def test_without_the_api_the_page_offers_the_phone_instead(client, store, monkeypatch):
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    handover = _handover(store)
    sign_in(client)
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    assert "please phone the patient" in page and "can I speak to someone?" in page


def test_the_conversation_refreshes_without_keeping_the_session_alive(client, store, rasa):
    handover = _handover(store)
    sign_in(client)
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    assert f'data-refresh="/handovers/{handover}/transcript"' in page
    response = client.get(f"/handovers/{handover}/transcript")
    assert "Hello, this is Rosa" in response.get_data(as_text=True) and "Set-Cookie" not in response.headers
