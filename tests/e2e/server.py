"""Start the trained assistant (action server + Rasa server) for a test run.

Used by the end-to-end tests and the benchmark: real processes on loopback
ports, the same commands as `make run`.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "clinic.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Assistant:
    def __init__(self, url: str, tracker_store_url: str = "") -> None:
        self.url = url
        self.tracker_store_url = tracker_store_url

    def send(self, sender: str, text: str, timeout: float = 60.0) -> List[Dict]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(self.url + "/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode() or "[]")

    def say(self, sender: str, text: str) -> str:
        """All bot text sent in reply, buttons' titles included."""
        parts = []
        for message in self.send(sender, text):
            parts.append(message.get("text") or "")
            parts.extend(b.get("title", "") for b in message.get("buttons") or [])
        return "\n".join(parts)


def _wait(url: str, proc: subprocess.Popen, deadline: float) -> None:
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.5)
    raise TimeoutError(url)


@contextmanager
def running_assistant(env: Optional[Dict[str, str]] = None, timeout: float = 180) -> Iterator[Assistant]:
    """Both servers on free loopback ports. Conversations go to a fresh SQLite
    tracker store unless env sets TRACKER_STORE_URL (a restart test passes the
    same one twice)."""
    if not MODEL.exists():
        raise FileNotFoundError(f"{MODEL} is missing: run `make train`")
    rasa_port, action_port = free_port(), free_port()
    tracker_db = Path(tempfile.mkdtemp(prefix="tracker-")) / "tracker.db"
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false",
                    TF_CPP_MIN_LOG_LEVEL="2", SANIC_WORKERS="1",
                    SANIC_KEEP_ALIVE_TIMEOUT=os.environ.get("SANIC_KEEP_ALIVE_TIMEOUT", "120"),
                    ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
                    ACTION_SERVER_TOKEN=secrets.token_hex(16),
                    TRACKER_STORE_URL=f"sqlite:///{tracker_db}")
    full_env.update(env or {})
    logs = ROOT / "results"
    logs.mkdir(exist_ok=True)
    bin_dir = ROOT / ".venv" / "bin"
    # One log pair per start: several assistants may run at once.
    with open(logs / f"e2e-actions-{rasa_port}.log", "w") as a_log, \
            open(logs / f"e2e-rasa-{rasa_port}.log", "w") as r_log:
        actions = subprocess.Popen([str(bin_dir / "python"), "-m", "bot.action_server", "--port",
                                    str(action_port), "--actions", "actions"], cwd=ROOT, env=full_env,
                                   stdout=a_log, stderr=subprocess.STDOUT)
        # As scripts/run.sh: Rasa's HTTP API only with a token, and then behind it.
        api = ["--enable-api", "--auth-token", full_env["RASA_AUTH_TOKEN"]] if full_env.get("RASA_AUTH_TOKEN") else []
        rasa = subprocess.Popen([str(bin_dir / "python"), "-m", "bot.server", "run", "--model", str(MODEL),
                                 "--port", str(rasa_port), "--interface", "127.0.0.1",
                                 "--credentials", "credentials.yml", "--endpoints", "endpoints.yml", *api],
                                cwd=ROOT, env=full_env, stdout=r_log, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + timeout
            _wait(f"http://127.0.0.1:{action_port}/health", actions, deadline)
            _wait(f"http://127.0.0.1:{rasa_port}/", rasa, deadline)
            assistant = Assistant(f"http://127.0.0.1:{rasa_port}", full_env["TRACKER_STORE_URL"])
            assistant.processes = {"rasa": rasa, "actions": actions}   # for fault tests
            # The model loads after the HTTP server starts: wait for a reply.
            while True:
                try:
                    assistant.send("warm-up", "hello")
                    break
                except Exception:
                    if time.time() > deadline or rasa.poll() is not None:
                        raise
                    time.sleep(1)
            yield assistant
        finally:
            for proc in (rasa, actions):
                proc.terminate()
            for proc in (rasa, actions):
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
