import os
import secrets
import threading
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs

import pytest

from tests.e2e.server import running_assistant
from tests.twilio.signing import ACCOUNT_SID, PATH, TOKEN, encode, sign, twilio_form


class TwilioClient:
    """Posts to the running server's Twilio webhook like Twilio does."""

    def __init__(self, base_url: str) -> None:
        self.url = base_url + PATH

    def post(self, form: Dict[str, str], signature: Optional[str] = "sign",
             headers: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
        all_headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                       **(headers or {})}
        if signature == "sign":
            signature = sign(self.url, form)
        if signature is not None:
            all_headers["X-Twilio-Signature"] = signature
        request = urllib.request.Request(self.url, data=encode(form), headers=all_headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def text(self, sender: str, body: str, **kwargs) -> List[str]:
        """Send a signed message; the bodies of the <Message> replies."""
        status, xml = self.post(twilio_form(sender, body), **kwargs)
        assert status == 200, (status, xml)
        return messages(xml)


def messages(xml: str) -> List[str]:
    root = ET.fromstring(xml)
    assert root.tag == "Response"
    bodies = [m.text or "" for m in root.findall("Message")]
    assert all(len(b) <= 1600 for b in bodies), [len(b) for b in bodies]
    assert all("**" not in b for b in bodies)
    return bodies


class FakeTwilioApi(BaseHTTPRequestHandler):
    """Stands in for Twilio's REST API (the real one is out of reach here):
    records what the official client sends when staff reply by SMS."""
    requests: List[Tuple[str, str, Dict[str, List[str]]]] = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        FakeTwilioApi.requests.append((self.path, self.headers.get("Authorization") or "", body))
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"sid": "SM0123", "status": "queued"}')

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def twilio_api():
    server = HTTPServer(("127.0.0.1", 0), FakeTwilioApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", FakeTwilioApi.requests
    server.shutdown()


@pytest.fixture(scope="session")
def twilio(tmp_path_factory, twilio_api):
    """The trained assistant with the Twilio channel on, as in credentials.yml,
    its HTTP API behind a token (staff replies from the console) and the
    official Twilio client pointed at the local stand-in."""
    db = tmp_path_factory.mktemp("twilio-db")
    os.environ["DATABASE_URL"] = f"sqlite:///{db / 'clinic.db'}"  # read by bot.store here too
    env = {"TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_NUMBER": "+15557654321",
           "TWILIO_WEBHOOK_URL": "", "TWILIO_VALIDATE_SIGNATURE": "true",
           "DATABASE_URL": os.environ["DATABASE_URL"],
           "TRACKER_STORE_URL": f"sqlite:///{db / 'tracker.db'}",
           "RASA_AUTH_TOKEN": secrets.token_hex(16), "TWILIO_API_BASE_URL": twilio_api[0]}
    with running_assistant(env=env) as bot:
        client = TwilioClient(bot.url)
        client.assistant, client.env = bot, env
        yield client


@pytest.fixture
def phone():
    return "+1555" + str(uuid.uuid4().int)[:7]
