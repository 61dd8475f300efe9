"""make nlu-cv: Rasa's 5-fold cross-validation of the NLU training data,
summarised into docs/nlu-cross-validation.md (committed, so the confusion
summary can be read without running it: five NLU trainings, 47 minutes
on 2 cores in session 7 with another training beside it).

    .venv/bin/python bench/nlu_cv.py [--folds 5] [--out docs/nlu-cross-validation.md]

Rasa writes its reports to a temporary folder; this keeps the accuracy and
macro F1 of the intents and of the FAQ answer (ResponseSelector), the
weakest labels and the most-confused pairs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]


def confused(errors: List[Dict], want: str, got: str) -> Counter:
    pairs: Counter = Counter()
    for error in errors:
        truth, pred = error.get(want), error.get(got)
        if isinstance(pred, dict):
            pred = pred.get("name")
        if truth and pred and truth != pred:
            pairs[(truth, pred)] += 1
    return pairs


def section(title: str, report: Dict, errors: List[Dict], want: str, got: str, top: int) -> List[str]:
    labels = {k: v for k, v in report.items() if isinstance(v, dict) and "support" in v
              and k not in ("macro avg", "weighted avg", "micro avg")}
    lines = [f"## {title}", "",
             f"- accuracy {report.get('accuracy', 0):.3f}, macro F1 "
             f"{report.get('macro avg', {}).get('f1-score', 0):.3f}, weighted F1 "
             f"{report.get('weighted avg', {}).get('f1-score', 0):.3f} over {sum(v['support'] for v in labels.values())}"
             f" examples and {len(labels)} labels", "", "Weakest labels (F1, support):", ""]
    for name, row in sorted(labels.items(), key=lambda kv: kv[1]["f1-score"])[:top]:
        lines.append(f"- `{name}`: {row['f1-score']:.2f} ({row['support']})")
    lines += ["", "Most-confused pairs (true -> predicted, count):", ""]
    for (truth, pred), n in confused(errors, want, got).most_common(top):
        lines.append(f"- `{truth}` -> `{pred}`: {n}")
    return lines + [""]


def read(path: Path):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "docs" / "nlu-cross-validation.md"))
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    rasa = str(Path(sys.executable).with_name("rasa"))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.time()
        subprocess.run([rasa, "test", "nlu", "--cross-validation", "--folds", str(args.folds),
                        "--nlu", "data/nlu", "--config", "config.yml", "--domain", "domain",
                        "--out", tmp, "--no-plot"], cwd=ROOT, check=True)
        minutes = (time.time() - start) / 60
        out = Path(tmp)
        lines = ["# NLU cross-validation", "",
                 f"Rasa's {args.folds}-fold cross-validation of `data/nlu/` with `config.yml` (the whole "
                 f"NLU pipeline, our components included), written by `make nlu-cv` "
                 f"({time.strftime('%Y-%m-%d')}, {minutes:.0f} min). It measures the training data "
                 "against itself; the held-out real questions are `make nlu-eval`.", ""]
        lines += section("Intents", read(out / "intent_report.json"), read(out / "intent_errors.json") or [],
                         "intent", "intent_prediction", args.top)
        lines += section("FAQ answers (ResponseSelector)", read(out / "response_selection_report.json"),
                         read(out / "response_selection_errors.json") or [], "intent_response_key_target",
                         "intent_response_key_prediction", args.top)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
