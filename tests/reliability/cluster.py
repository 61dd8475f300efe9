"""Several Rasa servers sharing one action server and the same stores.

A variant of tests/e2e/server.py for the replica tests: ONE action server and
N `rasa run` processes on free loopback ports, each given its own endpoints
file (written here into a temporary folder) with the action server's URL and
the tracker and lock stores passed in. The same commands as `make run`.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
import time
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import yaml

from tests.e2e.server import MODEL, ROOT, Assistant, _wait, free_port


def write_endpoints(path: Path, action_url: str, stores: Dict) -> Path:
    """An endpoints file: the action server plus `stores` (tracker_store,
    lock_store... as Rasa's endpoints.yml keys)."""
    config = {"action_endpoint": {"url": action_url,
                                  "headers": {"Authorization": "Bearer ${ACTION_SERVER_TOKEN}"}}}
    config.update(stores)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _stop(procs: List[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def running_cluster(stores: Dict, replicas: int = 2, env: Optional[Dict[str, str]] = None,
                    timeout: float = 420) -> Iterator[List[Assistant]]:
    """One action server and `replicas` Rasa servers; yields one Assistant
    per Rasa server. Each server gets its own endpoints file built from
    `stores`. Logs: results/reliability-{actions,rasa}-<port>.log."""
    if not MODEL.exists():
        raise FileNotFoundError(f"{MODEL} is missing: run `make train`")
    action_port = free_port()
    action_url = f"http://127.0.0.1:{action_port}/webhook"
    work = Path(tempfile.mkdtemp(prefix="cluster-"))
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false",
                    TF_CPP_MIN_LOG_LEVEL="2", SANIC_WORKERS="1",
                    ACTION_ENDPOINT_URL=action_url, ACTION_SERVER_TOKEN=secrets.token_hex(16))
    full_env.update(env or {})
    logs = ROOT / "results"
    logs.mkdir(exist_ok=True)
    bin_dir = ROOT / ".venv" / "bin"
    procs: List[subprocess.Popen] = []
    with ExitStack() as files:
        try:
            a_log = files.enter_context(open(logs / f"reliability-actions-{action_port}.log", "w"))
            actions = subprocess.Popen([str(bin_dir / "python"), "-m", "bot.action_server", "--port",
                                        str(action_port), "--actions", "actions"],
                                       cwd=ROOT, env=full_env, stdout=a_log,
                                       stderr=subprocess.STDOUT)
            procs.append(actions)
            servers = []
            for i in range(replicas):
                port = free_port()
                endpoints = write_endpoints(work / f"endpoints-{i}.yml", action_url, stores)
                r_log = files.enter_context(open(logs / f"reliability-rasa-{port}.log", "w"))
                proc = subprocess.Popen([str(bin_dir / "python"), "-m", "bot.server", "run", "--model", str(MODEL),
                                         "--port", str(port), "--interface", "127.0.0.1",
                                         "--credentials", "credentials.yml",
                                         "--endpoints", str(endpoints)],
                                        cwd=ROOT, env=full_env, stdout=r_log,
                                        stderr=subprocess.STDOUT)
                procs.append(proc)
                servers.append((proc, port))
            deadline = time.time() + timeout
            _wait(f"http://127.0.0.1:{action_port}/health", actions, deadline)
            assistants = []
            for proc, port in servers:
                _wait(f"http://127.0.0.1:{port}/", proc, deadline)
                assistant = Assistant(f"http://127.0.0.1:{port}")
                # The model loads after the HTTP server starts: wait for a reply.
                warm = "warm-up-" + uuid.uuid4().hex[:8]
                while True:
                    try:
                        assistant.send(warm, "hello")
                        break
                    except Exception:
                        if time.time() > deadline or proc.poll() is not None:
                            raise
                        time.sleep(1)
                assistants.append(assistant)
            yield assistants
        finally:
            _stop(procs[1:] + procs[:1])
