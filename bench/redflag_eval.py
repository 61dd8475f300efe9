"""make redflag-eval: how well red flags are caught, layer by layer, on the
evaluation part of the sign bank (sources the matcher never saw), with the
look-alikes and the no-symptom messages, through the trained model loaded in
this process (the whole NLU pipeline, so the model layer is the real one).

    .venv/bin/python bench/redflag_eval.py [--model models/clinic.tar.gz] [--show-misses]

Prints recall per sign and per level for each layer alone (rules = English
and Spanish patterns, semantic, model, cross-clause cues) and combined;
"+screen" counts the screening question as caught too (the patient is asked
directly about the emergency signs); false escalations of look-alikes and
no-symptom messages; and the time the red-flag detector adds per message.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

LAYERS = ("rules", "semantic", "model", "cues")
RANK = {"none": 0, "clarify": 1, "urgent": 2, "emergency": 3}
TARGETS = {"emergency": 1.0, "urgent": 0.97}


def load_agent(model: str):
    from rasa.core.agent import Agent

    return Agent.load(model)


def timed_detector() -> List[float]:
    """Time RedFlagDetector._process for every message parsed."""
    from bot.red_flag_detector import RedFlagDetector

    times: List[float] = []
    original = RedFlagDetector._process

    def wrapper(self, message):
        start = time.perf_counter()
        try:
            return original(self, message)
        finally:
            times.append((time.perf_counter() - start) * 1000)

    RedFlagDetector._process = wrapper
    return times


async def parse_all(agent, texts: List[str]) -> List[Dict]:
    out = []
    for text in texts:
        out.append(await agent.parse_message(text))
    return out


def pct(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "   -  "


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(ROOT / "models" / "clinic.tar.gz"))
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--files", nargs="*", default=None,
                        help="instead of the evaluation part: the training-part wordings of these bank "
                             "files (a new collection, read against the model trained before it)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from bot.red_flags.bank import EVAL, TRAIN, part
    from bot.red_flags.signs import signs

    items = part(EVAL) if args.files is None else [w for w in part(TRAIN) if w.file in args.files]
    positives = [w for w in items if w.sign in signs()]
    lookalikes = [w for w in items if w.sign == "none"]
    vague = [w for w in items if w.sign == "clarify"]
    no_symptom = [w for w in items if w.sign == "no_symptom"]
    times = timed_detector()
    agent = load_agent(args.model)
    texts = [w.text for w in positives + lookalikes + vague + no_symptom]
    asyncio.run(parse_all(agent, texts[:5]))          # warm-up
    times.clear()
    parse_times = []
    results = []
    for text in texts:
        start = time.perf_counter()
        results.append(asyncio.run(agent.parse_message(text)))
        parse_times.append((time.perf_counter() - start) * 1000)
    records = [r.get("red_flag") or {} for r in results]
    by_text = dict(zip(texts, zip(records, results)))

    def levels(record: Dict) -> Dict[str, str]:
        out = {k: (record.get("layers") or {}).get(k, "none") for k in LAYERS}
        out["combined"] = record.get("level", "none")
        return out

    print(f"Sign bank evaluation part: {len(positives)} sign wordings, {len(lookalikes)} look-alikes, "
          f"{len(vague)} vague cues, {len(no_symptom)} no-symptom messages\n")
    header = f"{'sign':24} {'lang':4} {'n':>4} " + " ".join(f"{c:>8}" for c in LAYERS + ("combined",)) \
        + f" {'+screen':>8}"
    print(header)
    print("-" * len(header))
    per_level: Dict = defaultdict(lambda: defaultdict(int))
    misses = []
    groups: Dict = defaultdict(list)
    for w in positives:
        groups[(w.sign, w.lang)].append(w)
    for (sign_id, lang), words in sorted(groups.items(), key=lambda kv: (-RANK[signs()[kv[0][0]].level], kv[0])):
        want = signs()[sign_id].level
        counts = defaultdict(int)
        for w in words:
            got = levels(by_text[w.text][0])
            for name, level in got.items():
                counts[name] += RANK[level] >= RANK[want]
            screened = RANK[got["combined"]] >= RANK[want] or got["combined"] == "clarify"
            counts["+screen"] += screened
            if RANK[got["combined"]] < RANK[want]:
                misses.append((sign_id, lang, got["combined"], w.text))

        for key in (want, f"{want} ({lang})"):
            per_level[key]["n"] += len(words)
            for name, value in counts.items():
                per_level[key][name] += value
        print(f"{sign_id:24} {lang:4} {len(words):4d} " + " ".join(
            f"{pct(counts[c], len(words)):>8}" for c in LAYERS + ("combined", "+screen")))
    print("-" * len(header))
    for key in ("emergency", "emergency (en)", "emergency (es)", "urgent", "urgent (en)", "urgent (es)"):
        row = per_level.get(key)
        if row:
            print(f"{'ALL ' + key:29} {row['n']:4d} " + " ".join(
                f"{pct(row[c], row['n']):>8}" for c in LAYERS + ("combined", "+screen")))
    print()
    print(f"{'false escalations':29} {'n':>4} " + " ".join(f"{c:>8}" for c in LAYERS + ("combined",))
          + f" {'screened':>8}")
    for name, words in (("look-alikes -> emergency", lookalikes), ("look-alikes -> urgent", lookalikes),
                        ("vague cues -> emergency", vague), ("vague cues -> urgent", vague),
                        ("no-symptom -> escalated", no_symptom)):
        target = {"emergency": ("emergency",), "urgent": ("urgent",),
                  "escalated": ("emergency", "urgent")}[name.split()[-1]]
        counts = defaultdict(int)
        for w in words:
            got = levels(by_text[w.text][0])
            for layer, level in got.items():
                counts[layer] += level in target
            counts["screened"] += got["combined"] == "clarify"
            if got["combined"] in target:
                layers = ",".join(k for k in LAYERS if got[k] in target)
                misses.append((f"FALSE {name} [{layers}]", w.lang, got["combined"], w.text))
        print(f"{name:29} {len(words):4d} " + " ".join(
            f"{pct(counts[c], len(words)):>8}" for c in LAYERS + ("combined", "screened")))
    print()
    p50 = statistics.median(times)
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    print(f"red-flag detector per message: p50 {p50:.2f} ms, p95 {p95:.2f} ms "
          f"(whole NLU parse p50 {statistics.median(parse_times):.1f} ms) over {len(times)} messages")
    print()
    e, u = per_level["emergency"], per_level["urgent"]
    looks = len(lookalikes)
    le = sum(levels(by_text[w.text][0])["combined"] == "emergency" for w in lookalikes)
    lu = sum(levels(by_text[w.text][0])["combined"] == "urgent" for w in lookalikes)
    ns = sum(levels(by_text[w.text][0])["combined"] in ("emergency", "urgent") for w in no_symptom)
    checks = [
        ("emergency recall (en+es) = 100%", e["combined"] / max(1, e["n"]) >= 1.0,
         f"{e['combined'] / max(1, e['n']):.1%} (with screening {e['+screen'] / max(1, e['n']):.1%})"),
        ("urgent recall >= 97%", u["combined"] / max(1, u["n"]) >= 0.97, f"{u['combined'] / max(1, u['n']):.1%}"),
        ("look-alikes -> emergency <= 2%", le / max(1, looks) <= 0.02, f"{le / max(1, looks):.1%}"),
        ("look-alikes -> urgent <= 10%", lu / max(1, looks) <= 0.10, f"{lu / max(1, looks):.1%}"),
        ("no-symptom escalated = 0%", ns == 0, f"{ns}/{len(no_symptom)}"),
        ("added p50 latency <= 5 ms", p50 <= 5.0, f"{p50:.2f} ms"),
    ]
    for name, ok, value in checks:
        print(f"{'met ' if ok else 'MISS'}  {name:34} {value}")
    by_collection(items, lambda w: levels(by_text[w.text][0])["combined"])
    if args.show_misses:
        print("\nMisses and false escalations:")
        for sign_id, lang, got, text in misses:
            print(f"  {sign_id:28} {lang} got={got:9} {text}")
    return 0


def by_collection(items, combined) -> None:
    """The combined layer per bank file, so a collection added later (read
    by nobody while the matcher was built) is reported on its own."""
    from bot.red_flags.signs import signs

    print(f"\n{'by collection (combined)':28} {'emergency':>15} {'urgent':>15} {'look-alike esc.':>16}")
    for name in sorted({w.file for w in items}):
        row = []
        for want in ("emergency", "urgent"):
            words = [w for w in items if w.file == name and w.sign in signs() and signs()[w.sign].level == want]
            hit = sum(RANK[combined(w)] >= RANK[want] for w in words)
            row.append(f"{hit:>4}/{len(words):<4} {pct(hit, len(words))}" if words else f"{'-':>15}")
        looks = [w for w in items if w.file == name and w.sign == "none"]
        esc = sum(combined(w) in ("emergency", "urgent") for w in looks)
        row.append(f"{esc:>4}/{len(looks):<4} {pct(esc, len(looks))}" if looks else f"{'-':>16}")
        print(f"{name:28} " + " ".join(f"{c:>15}" for c in row))


if __name__ == "__main__":
    sys.exit(main())
