"""Start one stack (action server + Rasa server) for the benchmark.

Like tests/e2e/server.py (same commands as `make run`), but for any model
file, with a throw-away SQLite tracker store and clinic database, the time
from start to the first answer, and the process ids for memory sampling.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- memory of a process tree, from /proc --------------------------------

def _children() -> Dict[int, List[int]]:
    kids: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces and brackets: ppid follows the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def process_tree(pid: int) -> List[int]:
    kids = _children()
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(kids.get(p, []))
    return tree


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """Samples the summed VmRSS of each named process tree every `interval`
    seconds; peak_mb() is the larger of the sampled peak and the summed
    VmHWM (the kernel's own high-water mark) of the tree's live processes."""

    def __init__(self, pids: Dict[str, int], interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.interval = interval
        self.peak_kb = {name: 0 for name in pids}
        self.hwm_kb = {name: 0 for name in pids}
        self._halt = threading.Event()

    def sample(self) -> None:
        for name, pid in self.pids.items():
            tree = process_tree(pid)
            rss = sum(_status_kb(p, "VmRSS") for p in tree)
            hwm = sum(_status_kb(p, "VmHWM") for p in tree)
            self.peak_kb[name] = max(self.peak_kb[name], rss)
            self.hwm_kb[name] = max(self.hwm_kb[name], hwm)

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self.sample()
        self._halt.set()
        self.join(timeout=5)

    def peak_mb(self, name: str) -> float:
        return max(self.peak_kb[name], self.hwm_kb[name]) / 1024.0


# --- the stack -------------------------------------------------------------

def _post(url: str, sender: str, text: str, timeout: float = 30.0) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(url + "/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read().decode() or "[]")


def bench_env(workdir: Path, action_port: int) -> Dict[str, str]:
    """The scripts' environment (scripts/env.sh defaults if it was not
    sourced), with a throw-away tracker store and clinic database and no
    staff webhook (no network)."""
    env = dict(os.environ)
    defaults = {
        "SOCKETIO_ALLOWED_ORIGINS": "http://localhost:8080,http://127.0.0.1:8080",
        "RASA_PUBLIC_URL": "http://localhost:5005",
        "TWILIO_ACCOUNT_SID": "", "TWILIO_AUTH_TOKEN": "", "TWILIO_NUMBER": "",
        "TWILIO_WEBHOOK_URL": "", "TWILIO_VALIDATE_SIGNATURE": "true",
        "CUDA_VISIBLE_DEVICES": "",
        "ACTION_SERVER_TOKEN": secrets.token_hex(16),
    }
    for key, value in defaults.items():
        env.setdefault(key, value)
    env.update({
        "PYTHONPATH": str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SANIC_WORKERS": "1",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "TRACKER_STORE_URL": f"sqlite:///{workdir / 'tracker.db'}",
        "DATABASE_URL": f"sqlite:///{workdir / 'clinic.db'}",
        "STAFF_WEBHOOK_URL": "",
        "STAFF_WEBHOOK_SECRET": "",
    })
    return env


class Stack:
    """Action server + Rasa server for one model on free loopback ports.

    start() returns once the first message got a non-empty answer and sets
    startup_s: seconds from launching both servers to that answer."""

    def __init__(self, name: str, model: Path, logdir: Path, timeout: float = 300.0) -> None:
        self.name = name
        self.model = Path(model)
        self.logdir = Path(logdir)
        self.timeout = timeout
        self.rasa_port = free_port()
        self.action_port = free_port()
        self.url = f"http://127.0.0.1:{self.rasa_port}"
        self.tmp = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
        self.env = bench_env(self.tmp, self.action_port)
        self.procs: Dict[str, subprocess.Popen] = {}
        self.startup_s: Optional[float] = None
        self.sampler: Optional[MemorySampler] = None
        self._logs: list = []

    def start(self) -> "Stack":
        if not self.model.exists():
            raise FileNotFoundError(self.model)
        self.logdir.mkdir(parents=True, exist_ok=True)
        a_log = open(self.logdir / f"{self.name}-actions.log", "w")
        r_log = open(self.logdir / f"{self.name}-rasa.log", "w")
        self._logs = [a_log, r_log]
        t0 = time.perf_counter()
        self.procs["actions"] = subprocess.Popen(
            [str(BIN / "python"), "-m", "bot.action_server", "--port", str(self.action_port), "--actions", "actions"],
            cwd=ROOT, env=self.env, stdout=a_log, stderr=subprocess.STDOUT)
        # As scripts/run.sh serves (both stacks): one TensorFlow thread per op
        # for the Rasa server only (set for the action server, Rasa's CLI
        # would import TensorFlow there too), two messages admitted at a time.
        rasa_env = {"TF_INTER_OP_PARALLELISM_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "1",
                    "MAX_CONCURRENT_TURNS": "2", **self.env}
        self.procs["rasa"] = subprocess.Popen(
            [str(BIN / "python"), "-m", "bot.server", "run", "--model", str(self.model), "--port", str(self.rasa_port),
             "--interface", "127.0.0.1", "--credentials", "credentials.yml",
             "--endpoints", "endpoints.yml"],
            cwd=ROOT, env=rasa_env, stdout=r_log, stderr=subprocess.STDOUT)
        self.sampler = MemorySampler({k: p.pid for k, p in self.procs.items()})
        self.sampler.start()
        deadline = time.time() + self.timeout
        # The model loads after the HTTP server is up: the first answer is
        # the first non-empty reply (it needs the action server too, for
        # action_session_start).
        while True:
            for key, proc in self.procs.items():
                if proc.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"{self.name} {key} server exited with {proc.returncode}; "
                                       f"see {self.logdir}/{self.name}-{key}.log")
            try:
                if _post(self.url, "bench-startup", "hello", timeout=10):
                    break
            except Exception:
                pass
            if time.time() > deadline:
                self.stop()
                raise TimeoutError(f"{self.name}: no answer within {self.timeout:.0f}s")
            time.sleep(0.1)
        self.startup_s = time.perf_counter() - t0
        return self

    def stop(self) -> None:
        if self.sampler is not None and self.sampler.is_alive():
            self.sampler.stop()
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self._logs:
            log.close()
        # The throw-away tracker store and clinic database.
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
