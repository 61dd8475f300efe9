"""`make bench`: speed, memory, training time and accuracy of our assistant
against Rasa's default (`rasa init`) pipeline on the same data (issue #6).

    .venv/bin/python bench/run.py            # full run (what `make bench` does)
    .venv/bin/python bench/run.py --quick    # fewer messages, no training runs,
                                             # reuses existing models

Writes bench/results.json ({"ours": {...}, "baseline": {...}}) and prints a
table (ours, baseline, ratio, target, met?). Progress goes to stderr.
bench/README.md explains every figure.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import aiohttp
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from launcher import BIN, ROOT, Stack  # noqa: E402

BENCH = ROOT / "bench"
CONFIGS = {"ours": ROOT / "config.yml", "baseline": BENCH / "baseline_config.yml"}
EVAL_DIR = ROOT.parent / "shared" / "eval"
KEYS = ["p50_ms", "p95_ms", "p99_ms", "p95_ms_c16", "msgs_per_s_c16", "rasa_rss_mb",
        "actions_rss_mb", "startup_s", "train_s", "retrain_s", "dev_accuracy"]


def inputs_digest() -> str:
    """Hash of everything training reads (config, data, domain, our code,
    the baseline config): other people edit the same checkout, and a change
    in the middle of a run makes its figures mix two models."""
    h = hashlib.sha256()
    paths = [ROOT / "config.yml", CONFIGS["baseline"]]
    for folder in ("data", "domain", "bot"):
        paths += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in paths:
        h.update(str(path.relative_to(ROOT)).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values: List[float], q: float) -> Optional[float]:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def load_conversations(path: Path) -> List[List[str]]:
    data = yaml.safe_load(path.read_text())
    return [[text for _kind, text in conv] for conv in data["conversations"]]


# --- training --------------------------------------------------------------

def train(stack: str, workdir: Path, logdir: Path, fresh: bool) -> Tuple[float, Path]:
    """`rasa train` into workdir/<stack>/models with its own graph cache
    (RASA_CACHE_DIRECTORY=workdir/<stack>/cache). fresh=True empties the
    cache and the output first: training from scratch. Returns (seconds, model)."""
    base = workdir / stack
    cache, out = base / "cache", base / "models"
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(cache), RASA_TELEMETRY_ENABLED="false",
               TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="",
               PYTHONPATH=str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"]
                                       if os.environ.get("PYTHONPATH") else ""))
    cmd = [str(BIN / "rasa"), "train", "--config", str(CONFIGS[stack]), "--domain", "domain",
           "--data", "data", "--out", str(out), "--fixed-model-name", stack]
    logfile = logdir / f"{stack}-train{'' if fresh else '-again'}.log"
    log(f"{stack}: rasa train ({'from scratch' if fresh else 'nothing changed'}), log {logfile}")
    t0 = time.perf_counter()
    with open(logfile, "w") as f:
        rc = subprocess.call(cmd, cwd=ROOT, env=env, stdout=f, stderr=subprocess.STDOUT)
    took = time.perf_counter() - t0
    model = out / f"{stack}.tar.gz"
    if rc != 0 or not model.exists():
        raise RuntimeError(f"{stack}: rasa train failed (exit {rc}); see {logfile}")
    log(f"{stack}: trained in {took:.1f}s")
    return took, model


# --- load ------------------------------------------------------------------

async def _send(session: aiohttp.ClientSession, url: str, sender: str, text: str,
                timeout: float) -> Tuple[float, bool]:
    t0 = time.perf_counter()
    try:
        async with session.post(url + "/webhooks/rest/webhook",
                                json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            body = await resp.json(content_type=None)
            ok = resp.status == 200 and isinstance(body, list) and len(body) > 0
    except Exception:
        ok = False
    return time.perf_counter() - t0, ok


async def play(url: str, conversations: List[List[str]], concurrency: int, tag: str,
               timeout: float = 60.0) -> Dict[str, object]:
    """Plays every conversation once, `concurrency` conversations at a time;
    each conversation's messages in order, under its own new sender id.
    Returns latencies (s), errors, wall time."""
    queue: asyncio.Queue = asyncio.Queue()
    for conv in conversations:
        queue.put_nowait(conv)
    latencies: List[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while True:
            try:
                conv = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            sender = f"bench-{tag}-{uuid.uuid4().hex[:10]}"
            for text in conv:
                dt, ok = await _send(session, url, sender, text, timeout)
                if ok:
                    latencies.append(dt)
                else:
                    errors += 1

    async with aiohttp.ClientSession(connector=connector) as session:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return {"latencies": latencies, "errors": errors, "wall_s": wall}


def run_eval(url: str, script: Path, cases: Path, logfile: Path) -> Tuple[Optional[float], str]:
    """Pass rate of the shared scorer against the running stack."""
    cmd = [shutil.which("python3") or sys.executable, str(script), str(cases),
           "--url", url, "--show-failures"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    logfile.write_text(proc.stdout + proc.stderr)
    found = re.search(r"passed (\d+)/(\d+)", proc.stdout)
    if not found:
        log(f"score.py printed no 'passed N/M' line; see {logfile}")
        return None, ""
    good, total = int(found.group(1)), int(found.group(2))
    return (good / total if total else None), f"{good}/{total}"


def measure_stack(name: str, model: Path, conversations: List[List[str]], args) -> Dict:
    logdir = args.workdir / "logs"
    res: Dict[str, object] = {}
    log(f"{name}: starting servers with {model}")
    stack = Stack(name, model, logdir, timeout=args.start_timeout)
    stack.start()
    try:
        res["startup_s"] = stack.startup_s
        log(f"{name}: first answer after {stack.startup_s:.1f}s")
        # Warm-up: every message once (TF graph tracing, caches, pools), and
        # one burst at full concurrency; not measured.
        asyncio.run(play(stack.url, conversations, 1, f"warm-{name}"))
        asyncio.run(play(stack.url, conversations[:args.concurrency], args.concurrency, f"warmc-{name}"))

        seq_convs = conversations * args.rounds
        n = sum(map(len, seq_convs))
        log(f"{name}: {n} messages, one conversation at a time")
        seq = asyncio.run(play(stack.url, seq_convs, 1, f"seq-{name}"))
        lat = [x * 1000 for x in seq["latencies"]]
        res["p50_ms"], res["p95_ms"], res["p99_ms"] = (percentile(lat, q) for q in (50, 95, 99))
        log(f"{name}: median {res['p50_ms']:.0f} ms, p95 {res['p95_ms']:.0f} ms, "
            f"p99 {res['p99_ms']:.0f} ms, {seq['errors']} errors")

        con_convs = conversations * args.rounds_c
        n = sum(map(len, con_convs))
        log(f"{name}: {n} messages, {args.concurrency} conversations at once")
        con = asyncio.run(play(stack.url, con_convs, args.concurrency, f"c{args.concurrency}-{name}"))
        clat = [x * 1000 for x in con["latencies"]]
        res["p95_ms_c16"] = percentile(clat, 95)
        res["msgs_per_s_c16"] = len(clat) / con["wall_s"] if con["wall_s"] else None
        log(f"{name}: c{args.concurrency} p95 {res['p95_ms_c16']:.0f} ms, "
            f"{res['msgs_per_s_c16']:.1f} msgs/s, {con['errors']} errors")

        passed = ""
        if args.no_eval:
            res["dev_accuracy"] = None
        else:
            log(f"{name}: scoring {args.eval_cases}")
            res["dev_accuracy"], passed = run_eval(stack.url, args.eval_script, args.eval_cases,
                                                   logdir / f"{name}-eval.log")
            log(f"{name}: dev passed {passed}")
        stack.sampler.sample()
        res["rasa_rss_mb"] = stack.sampler.peak_mb("rasa")
        res["actions_rss_mb"] = stack.sampler.peak_mb("actions")
        log(f"{name}: peak RSS rasa {res['rasa_rss_mb']:.0f} MB, actions {res['actions_rss_mb']:.0f} MB")
        res["details"] = {
            "model": str(model),
            "messages_sequential": len(lat), "errors_sequential": seq["errors"],
            "mean_ms": sum(lat) / len(lat) if lat else None,
            "messages_c16": len(clat), "errors_c16": con["errors"],
            "p50_ms_c16": percentile(clat, 50), "p99_ms_c16": percentile(clat, 99),
            "wall_s_c16": con["wall_s"], "concurrency": args.concurrency,
            "dev_passed": passed, "rasa_log": str(logdir / f"{name}-rasa.log"),
        }
    finally:
        stack.stop()
    return res


# --- report ------------------------------------------------------------------

# figure: (label, unit, absolute target or None, higher is better)
TARGETS = {
    "p50_ms": ("median, 1 at a time", "ms", 50, False),
    "p95_ms": ("p95, 1 at a time", "ms", 150, False),
    "p99_ms": ("p99, 1 at a time", "ms", None, False),
    "p95_ms_c16": ("p95, 16 at once", "ms", 400, False),
    "msgs_per_s_c16": ("throughput, 16 at once", "msg/s", 40, True),
    "rasa_rss_mb": ("Rasa server peak RSS", "MB", 1536, False),
    "actions_rss_mb": ("action server peak RSS", "MB", None, False),
    "startup_s": ("start to first answer", "s", 30, False),
    "train_s": ("training from scratch", "s", 600, False),
    "retrain_s": ("retrain, nothing changed", "s", 30, False),
    "dev_accuracy": ("dev.json pass rate", "", None, True),
}


TOLERANCE = {"value": 0.05}  # --tolerance: noise allowed in "no worse than baseline"


def verdict(key: str, ours, base) -> Tuple[str, str]:
    _label, _unit, target, higher = TARGETS[key]
    parts = []
    if target is not None:
        parts.append(f"{'>=' if higher else '<='} {target:g}")
    if key == "dev_accuracy":
        parts.append("> base")
    else:
        parts.append(">= base" if higher else "<= base")
    text = ", ".join(parts)
    if ours is None:
        return text, "n/a"
    problems = []
    if target is not None and ((ours < target) if higher else (ours > target)):
        problems.append("target")
    if base is not None:
        if key == "dev_accuracy":
            worse = ours <= base
        else:
            tol = TOLERANCE["value"]
            worse = ours < base * (1 - tol) if higher else ours > base * (1 + tol)
        if worse:
            problems.append("vs base")
    return text, ("yes" if not problems else "NO (" + ", ".join(problems) + ")")


def fmt(key: str, value) -> str:
    if value is None:
        return "-"
    if key == "dev_accuracy":
        return f"{100 * value:.1f}%"
    if key.endswith("_s") and not key.startswith("msgs"):
        return f"{value:.1f}"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def table(results: Dict[str, Dict]) -> str:
    ours, base = results["ours"], results["baseline"]
    rows = [("figure", "unit", "ours", "baseline", "ratio", "target", "met?")]
    for key in KEYS:
        label, unit, _t, _h = TARGETS[key]
        o, b = ours.get(key), base.get(key)
        ratio = f"{o / b:.2f}" if (o is not None and b) else "-"
        target, met = verdict(key, o, b)
        rows.append((f"{label} ({key})", unit, fmt(key, o), fmt(key, b), ratio, target, met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i in (0, 1, 5, 6) else c.rjust(w)
                       for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="fewer messages, no training measurements, reuse existing models")
    ap.add_argument("--rounds", type=int, help="passes over the message list, one at a time "
                    "(default 5, quick 1)")
    ap.add_argument("--rounds-c", type=int, help="passes over the message list at 16 at once "
                    "(default 8, quick 2)")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--messages", type=Path, default=BENCH / "messages.yml")
    ap.add_argument("--workdir", type=Path, default=BENCH / "work",
                    help="models, graph caches, tracker stores' logs (default bench/work)")
    ap.add_argument("--ours-model", type=Path,
                    help="model to serve for ours (default: the one trained by this run; "
                    "with --quick, models/clinic.tar.gz)")
    ap.add_argument("--baseline-model", type=Path,
                    help="model to serve for the baseline (default: WORKDIR/baseline/models/"
                    "baseline.tar.gz, trained if missing)")
    ap.add_argument("--stacks", default="ours,baseline", help="comma-separated subset")
    ap.add_argument("--no-eval", action="store_true", help="skip the dev.json accuracy run")
    ap.add_argument("--eval-script", type=Path, default=EVAL_DIR / "score.py")
    ap.add_argument("--eval-cases", type=Path, default=EVAL_DIR / "dev.json")
    ap.add_argument("--start-timeout", type=float, default=300.0)
    ap.add_argument("--tolerance", type=float, default=0.05,
                    help="met? counts ours as no worse than the baseline within this fraction "
                    "(measurement noise; default 0.05; dev accuracy must be strictly higher)")
    ap.add_argument("--out", type=Path, default=BENCH / "results.json")
    args = ap.parse_args()
    TOLERANCE["value"] = args.tolerance
    args.rounds = args.rounds or (1 if args.quick else 5)
    args.rounds_c = args.rounds_c or (2 if args.quick else 8)
    args.workdir = args.workdir.resolve()
    (args.workdir / "logs").mkdir(parents=True, exist_ok=True)
    if not args.no_eval and not (args.eval_script.exists() and args.eval_cases.exists()):
        log(f"no {args.eval_script} or {args.eval_cases}: dev_accuracy skipped")
        args.no_eval = True

    conversations = load_conversations(args.messages)
    stacks = [s.strip() for s in args.stacks.split(",") if s.strip()]
    results: Dict[str, Dict] = {"ours": {}, "baseline": {}}
    models: Dict[str, Path] = {}
    failures: List[str] = []

    digest_start = inputs_digest()

    # 1. Training (nothing else of ours running meanwhile).
    for name in stacks:
        given = getattr(args, f"{name}_model")
        if given:
            models[name] = given.resolve()
        elif args.quick:
            default = (ROOT / "models" / "clinic.tar.gz" if name == "ours"
                       else args.workdir / name / "models" / f"{name}.tar.gz")
            try:
                if not default.exists():
                    log(f"{name}: no model at {default}: training it (not timed as a figure)")
                    train(name, args.workdir, args.workdir / "logs", fresh=True)
                models[name] = default
            except Exception as exc:
                log(f"{name}: {exc}")
                failures.append(f"{name} training: {exc}")
        if args.quick:
            results[name]["train_s"] = results[name]["retrain_s"] = None
        else:
            try:
                results[name]["train_s"], model = train(name, args.workdir, args.workdir / "logs", fresh=True)
                results[name]["retrain_s"], model = train(name, args.workdir, args.workdir / "logs",
                                                          fresh=False)
                models.setdefault(name, model)
            except Exception as exc:  # report the other stack all the same
                log(f"{name}: {exc}")
                failures.append(f"{name} training: {exc}")

    # 2. Serving, one stack at a time.
    for name in stacks:
        if name not in models:  # its training failed: already reported
            continue
        try:
            results[name].update(measure_stack(name, models[name], conversations, args))
        except Exception as exc:
            log(f"{name}: {exc}")
            failures.append(f"{name} serving: {exc}")

    digest_end = inputs_digest()
    changed = digest_end != digest_start
    if changed:
        log("WARNING: config.yml, data/, domain/ or bot/ changed during the run: "
            "the figures may mix models; run again on a quiet checkout")
    for name in results:
        for key in KEYS:
            results[name].setdefault(key, None)
        results[name] = {**{k: results[name][k] for k in KEYS},
                         **{k: v for k, v in results[name].items() if k not in KEYS}}
        results[name].setdefault("details", {})["quick"] = args.quick
        results[name]["details"]["inputs_digest"] = digest_start
        results[name]["details"]["inputs_changed_during_run"] = changed
        if failures:
            results[name]["details"]["failures"] = [f for f in failures if f.startswith(name + " ")]
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"wrote {args.out}")
    print(table(results))
    print(f"(met?: target, and ours no worse than the baseline within {100 * args.tolerance:g}%; "
          f"dev accuracy strictly higher.{' Quick run: few messages, no training.' if args.quick else ''})")
    if changed:
        print("WARNING: training inputs changed during the run (another edit in the checkout?): "
              "figures may mix two models.")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
