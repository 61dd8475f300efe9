import json
import os
import secrets
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.e2e.server import running_assistant


class StaffWebhook(BaseHTTPRequestHandler):
    """A local stand-in for the clinic's notification endpoint."""

    notices = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        StaffWebhook.notices.append(json.loads(body or b"{}"))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def staff_webhook():
    server = HTTPServer(("127.0.0.1", 0), StaffWebhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/notify", StaffWebhook.notices
    server.shutdown()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, staff_webhook):
    # The action server and these tests share a throw-away SQLite database.
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'clinic.db'}"
    hook_url, _ = staff_webhook
    # Rasa's HTTP API on, behind a token, for the console's live replies
    # (tests/e2e/test_console_live.py), as `make run` has it.
    token = secrets.token_hex(16)
    with running_assistant(env={"STAFF_WEBHOOK_URL": hook_url, "STAFF_WEBHOOK_SECRET": "",
                                "RASA_AUTH_TOKEN": token}) as bot:
        bot.api_token = token
        yield bot


@pytest.fixture
def sender():
    return "e2e-" + uuid.uuid4().hex[:10]
