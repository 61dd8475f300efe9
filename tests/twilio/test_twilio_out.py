"""A staff reply sent by SMS/WhatsApp: the official twilio client's request,
made to a local HTTP server standing in for Twilio's REST API."""
import asyncio
import base64
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from bot.channels.twilio import TwilioChannel
from bot.channels.twilio_out import TwilioRestOutput


class FakeTwilio(BaseHTTPRequestHandler):
    requests = []

    def do_POST(self):  # noqa: N802
        body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        FakeTwilio.requests.append((self.path, self.headers.get("Authorization"), body))
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"sid": "SM123", "status": "queued"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def twilio_api(monkeypatch):
    FakeTwilio.requests = []
    server = HTTPServer(("127.0.0.1", 0), FakeTwilio)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TWILIO_API_BASE_URL", f"http://127.0.0.1:{server.server_port}")
    yield FakeTwilio.requests
    server.shutdown()


def test_a_staff_reply_is_sent_to_the_patients_number_with_the_account_credentials(twilio_api):
    output = TwilioRestOutput("AC123", "auth-token", "+13105550100")
    asyncio.run(output.send_text_message("twilio:+13105550142", "Hi, it's **Rosa** from the clinic."))
    [(path, auth, body)] = twilio_api
    assert path == "/2010-04-01/Accounts/AC123/Messages.json"
    assert auth == "Basic " + base64.b64encode(b"AC123:auth-token").decode()
    assert body["To"] == ["+13105550142"] and body["From"] == ["+13105550100"]
    assert body["Body"] == ["Hi, it's Rosa from the clinic."]


def test_whatsapp_replies_come_from_the_whatsapp_sender(twilio_api):
    output = TwilioRestOutput("AC123", "auth-token", "+13105550100")
    asyncio.run(output.send_text_message("twilio:whatsapp:+447700900123", "Hello"))
    [(_, _, body)] = twilio_api
    assert body["To"] == ["whatsapp:+447700900123"] and body["From"] == ["whatsapp:+13105550100"]


def test_the_channel_offers_the_rest_output_only_when_the_account_is_configured():
    assert TwilioChannel(auth_token="t", account_sid="AC1", twilio_number="+1310").get_output_channel() is not None
    assert TwilioChannel(auth_token="t").get_output_channel() is None
