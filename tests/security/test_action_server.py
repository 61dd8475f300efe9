"""The action server answers only Rasa (issue 14): loopback by default and a
shared token on every call (bot/action_server.py)."""
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.e2e.server import ROOT, free_port

BODY = json.dumps({"next_action": "action_booking_status", "sender_id": "forged",
                   "tracker": {"sender_id": "forged", "slots": {}, "latest_message": {"text": "x"},
                               "events": [], "paused": False, "latest_event_time": None,
                               "followup_action": None, "active_loop": {}, "latest_action_name": None},
                   "domain": {}, "version": "3.6.2"}).encode()


@pytest.fixture(scope="module")
def action_server():
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, PYTHONPATH=str(ROOT), ACTION_SERVER_TOKEN=token, SANIC_WORKERS="1")
    env.pop("ACTION_SERVER_HOST", None)
    proc = subprocess.Popen([sys.executable, "-m", "bot.action_server", "--port", str(port),
                             "--actions", "actions"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
            break
        except Exception:
            time.sleep(0.3)
    yield port, token
    proc.terminate()
    proc.wait(10)


def _post(port, headers):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook", data=BODY,
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_forged_call_without_the_token_is_refused(action_server):
    port, _ = action_server
    assert _post(port, {}) == 403
    assert _post(port, {"Authorization": "Bearer " + "0" * 32}) == 403


def test_rasa_with_the_token_is_served(action_server):
    port, token = action_server
    assert _post(port, {"Authorization": f"Bearer {token}"}) == 200


def test_it_listens_on_loopback_only(action_server):
    port, _ = action_server
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))       # no packet is sent: picks the outgoing address
        outside = probe.getsockname()[0]
    except OSError:
        outside = "127.0.0.1"
    finally:
        probe.close()
    if outside.startswith("127."):
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with pytest.raises(OSError):
        socket.create_connection((outside, port), timeout=2).close()


def test_it_refuses_to_start_without_a_token():
    env = dict(os.environ, PYTHONPATH=str(ROOT), ACTION_SERVER_TOKEN="")
    result = subprocess.run([sys.executable, "-m", "bot.action_server", "--port", str(free_port())],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "ACTION_SERVER_TOKEN" in result.stderr


def test_rasa_sends_the_token_from_endpoints_yml(monkeypatch):
    """The header Rasa reads from endpoints.yml, with the variable expanded
    (a quoted value is not expanded by Rasa's YAML loader)."""
    from rasa.core.utils import read_endpoints_from_path

    monkeypatch.setenv("ACTION_SERVER_TOKEN", "s3cret-s3cret-s3cret")
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("TRACKER_STORE_URL", "sqlite://")
    endpoints = read_endpoints_from_path(str(ROOT / "endpoints.yml"))
    assert endpoints.action.headers == {"Authorization": "Bearer s3cret-s3cret-s3cret"}
