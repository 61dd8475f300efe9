"""Where the time per message goes: the benchmark's message mix through a
model loaded in this process (same endpoints as the server: SQLite SQL
tracker store, a real action server over HTTP), with timers around every
graph node (NLU components, policies), graph runs, the tracker store and the
action server calls.

    .venv/bin/python bench/pipeline_profile.py [--model models/clinic.tar.gz] [--rounds 3]

Prints mean milliseconds per user message for each part. Timers nest: graph
nodes run inside "graph runs", which run inside "NLU parse" or the
prediction loop; all run inside "total". The HTTP layer (Sanic, REST
channel, JSON) is not included: compare "total" with bench/run.py's p50.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import functools
import logging
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from launcher import BIN, ROOT, bench_env, free_port  # noqa: E402
from run import load_conversations  # noqa: E402

TIMES: dict = collections.defaultdict(float)
CALLS: dict = collections.defaultdict(int)
WINNERS: collections.Counter = collections.Counter()
ENABLED = {"on": False}


def _add(key: str, dt: float) -> None:
    if ENABLED["on"]:
        TIMES[key] += dt
        CALLS[key] += 1


def wrap_sync(cls, meth: str, key_fn) -> None:
    orig = getattr(cls, meth)

    @functools.wraps(orig)
    def inner(self, *a, **kw):
        t0 = time.perf_counter()
        try:
            return orig(self, *a, **kw)
        finally:
            _add(key_fn(self, *a, **kw), time.perf_counter() - t0)
    setattr(cls, meth, inner)


def wrap_async(cls, meth: str, key_fn) -> None:
    orig = getattr(cls, meth)

    @functools.wraps(orig)
    async def inner(self, *a, **kw):
        t0 = time.perf_counter()
        try:
            return await orig(self, *a, **kw)
        finally:
            _add(key_fn(self, *a, **kw), time.perf_counter() - t0)
    setattr(cls, meth, inner)


def instrument() -> None:
    from rasa.core.actions.action import ActionExtractSlots, RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.engine.graph import GraphNode
    from rasa.engine.runner.dask import DaskGraphRunner

    wrap_sync(GraphNode, "__call__", lambda self, *a, **k: "node " + self._node_name)
    wrap_sync(DaskGraphRunner, "run", lambda self, *a, **k: "graph runs (all nodes + dask/schema overhead)")
    wrap_async(MessageProcessor, "parse_message", lambda *a, **k: "NLU parse (processor.parse_message)")
    wrap_sync(MessageProcessor, "_predict_next_with_tracker",
              lambda *a, **k: "policy prediction (each predicted action)")
    orig_predict = MessageProcessor._predict_next_with_tracker

    def count_winner(self, *a, **k):
        prediction = orig_predict(self, *a, **k)
        if ENABLED["on"]:
            WINNERS[str(prediction.policy_name)] += 1
        return prediction
    MessageProcessor._predict_next_with_tracker = count_winner
    wrap_async(SQLTrackerStore, "retrieve", lambda *a, **k: "SQL tracker store retrieve")
    wrap_async(SQLTrackerStore, "save", lambda *a, **k: "SQL tracker store save")
    wrap_async(RemoteAction, "run", lambda self, *a, **k: f"action server call: {self.name()}")
    wrap_sync(RemoteAction, "_action_call_format",
              lambda *a, **k: "  of which tracker + domain to JSON for the action server")
    wrap_sync(RemoteAction, "_validate_action_result",
              lambda *a, **k: "  of which jsonschema check of the action server's reply")
    from rasa.utils.endpoints import EndpointConfig
    wrap_async(EndpointConfig, "request", lambda *a, **k: "  of which HTTP POST to the action server")
    wrap_async(ActionExtractSlots, "run", lambda *a, **k: "action_extract_slots (in Rasa)")


async def main_async(args) -> None:
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints

    # Rasa logs at DEBUG when no CLI configured it: that alone costs time.
    logging.basicConfig(level=logging.WARNING)
    for name in ("rasa", "rasa_sdk", "sqlalchemy", "tensorflow"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from rasa.utils.log_utils import configure_structlog
    configure_structlog(logging.WARNING)  # as `rasa run` does (at its INFO)
    instrument()
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    t0 = time.perf_counter()
    agent = await load_agent(model_path=str(args.model), endpoints=endpoints)
    print(f"model loaded in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    conversations = load_conversations(args.messages)

    async def play(tag: str, rounds: int) -> int:
        n = 0
        for r in range(rounds):
            for i, conv in enumerate(conversations):
                sender = f"prof-{tag}-{r}-{i}-{os.getpid()}"
                for text in conv:
                    out = CollectingOutputChannel()
                    t = time.perf_counter()
                    await agent.handle_message(UserMessage(text, out, sender))
                    _add("total (agent.handle_message)", time.perf_counter() - t)
                    n += 1
        return n

    await play("warm", 1)
    ENABLED["on"] = True
    n = await play("run", args.rounds)
    ENABLED["on"] = False
    total = TIMES["total (agent.handle_message)"]
    print(f"\n{n} messages, {1000 * total / n:.1f} ms per message in-process "
          f"(mean); parts in ms per message, calls per message:\n")
    rows = sorted(TIMES.items(), key=lambda kv: -kv[1])
    for key, value in rows:
        if 1000 * value / n < args.min_ms:
            continue
        print(f"{1000 * value / n:8.2f} ms  {CALLS[key] / n:5.2f}x  {key}")
    print("\npredictions won by policy (next actions, action_listen included):")
    for policy, count in WINNERS.most_common():
        print(f"{count:6d}  {policy}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "clinic.tar.gz")
    ap.add_argument("--messages", type=Path, default=ROOT / "bench" / "messages.yml")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--min-ms", type=float, default=0.05, help="hide parts below this")
    args = ap.parse_args()
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    env = bench_env(tmp, port)
    os.environ.update(env)
    actions = subprocess.Popen([str(BIN / "python"), "-m", "bot.action_server", "--port", str(port),
                                "--actions", "actions"], cwd=ROOT, env=env,
                               stdout=open(tmp / "actions.log", "w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except Exception:
                if time.time() > deadline or actions.poll() is not None:
                    raise RuntimeError(f"action server did not start; see {tmp}/actions.log")
                time.sleep(0.3)
        os.chdir(ROOT)
        asyncio.run(main_async(args))
    finally:
        actions.terminate()
        actions.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
