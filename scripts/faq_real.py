"""Regenerate data/nlu/faq_real.yml from data/faq_sources/questions_a_m*.yml:
the training part of the real patient questions, as NLU examples of their
FAQ topic (clinic_unknown -> faq/clinic_details, not_covered ->
faq/not_covered, complaint -> complaint). The held-out part
(eval/faq/questions_n_z.yml) is never read here.

    .venv/bin/python scripts/faq_real.py
"""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "data" / "faq_sources").glob("questions_a_m*.yml"))
TARGET = ROOT / "data" / "nlu" / "faq_real.yml"
SPECIAL = {"clinic_unknown": "faq/clinic_details", "not_covered": "faq/not_covered", "complaint": "complaint"}
HEADER = """version: "3.1"
# GENERATED from data/faq_sources/questions_a_m*.yml (real patient questions, sites a-m, with
# their sources there) by scripts/faq_real.py: do not edit here. The held-out questions
# (sites n-z) are eval/faq/questions_n_z.yml and never used for training.
nlu:
"""


def main() -> None:
    groups = {}
    questions = [q for path in SOURCES for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    for question in questions:
        intent = SPECIAL.get(question["topic"], "faq/" + question["topic"])
        groups.setdefault(intent, []).append(" ".join(str(question["text"]).split()))
    lines = []
    for intent in sorted(groups):
        lines += [f"- intent: {intent}", "  examples: |"] + [f"    - {text}" for text in groups[intent]]
    TARGET.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
