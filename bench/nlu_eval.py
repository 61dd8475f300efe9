"""make nlu-eval: are real patients' questions answered with the right topic?

Parses the held-out questions of eval/faq/*.yml (real patient questions
worded from public sources, never used for training) with the trained model
in this process and compares the answer the assistant would give with the
labelled topic:

* an FAQ topic key (the ResponseSelector's answer when the intent is `faq`);
* `not_covered` (the honest "the articles don't cover that" answer,
  faq/not_covered), `clinic_unknown` (a clinic detail the profile may not
  have), `complaint` (apology and a person offered);
* anything else the assistant does instead (a fallback to the article
  search, a booking form, a red-flag escalation) counts as a miss.

Prints top-1 accuracy, the fallback rate, accuracy by kind of message
(typo-heavy, long story-like) and the most-confused pairs.

    .venv/bin/python bench/nlu_eval.py [--model models/clinic.tar.gz] [--show-misses] [--files F ...]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# Labels answered by an intent of their own rather than an FAQ topic.
INTENT_LABELS = {"complaint": "complaint"}


def answer_of(parse: dict) -> str:
    """The topic (or intent) the assistant answers this message with. After
    the see-a-doctor advice it also answers the question the message asked
    (actions/red_flags.py): that answer counts; an emergency or the
    screening question does not."""
    from bot import names
    from bot.asked_question import asked_faq_key

    intent = (parse.get("intent") or {}).get("name") or ""
    asked = asked_faq_key(parse) if intent == names.INTENT_URGENT else None
    if asked:
        return asked.split("/", 1)[-1]
    if intent == names.FAQ_INTENT:
        return names.faq_response_key(parse.get("response_selector")).split("/", 1)[-1]
    return intent


def expected_answers(label: str) -> set:
    answers = {label}
    if label in INTENT_LABELS:
        answers.add(INTENT_LABELS[label])
    if label == "clinic_unknown":   # the details answer, or the address/prices ones
        answers |= {"clinic_details", "cost", "clinic_contact"}
    if label == "opening_hours":    # "open on Sunday?" is answered yes or no by an action
        answers.add("ask_open_when")
    if label == "when_to_seek_help":  # "when should I worry?" gets the warning-signs list (issue #11)
        answers.add("ask_warning_signs")
    return answers


def load_questions(files=None) -> list:
    questions = []
    for path in [Path(f) for f in files] if files else sorted((ROOT / "eval" / "faq").glob("*.yml")):
        questions += yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    return questions


def kind_of(text: str) -> str:
    words = text.split()
    if len(words) >= 30 or text.count(".") + text.count(",") >= 4:
        return "long story-like"
    return "short"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "clinic.tar.gz"))
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--files", nargs="*", default=None,
                        help="instead of the held-out set: these question files (a new collection, read "
                             "by the model trained before it joined the training data)")
    args = parser.parse_args(argv)
    from rasa.core.agent import Agent

    questions = load_questions(args.files)
    agent = Agent.load(args.model)

    async def parse_all():
        return [await agent.parse_message(str(q["text"])) for q in questions]

    parses = asyncio.run(parse_all())
    rows = []
    for q, parse in zip(questions, parses):
        got = answer_of(parse)
        rows.append((q, got, got in expected_answers(q["topic"])))
    n = len(rows)
    ok = sum(r[2] for r in rows)
    fallback = sum(r[1] == "nlu_fallback" for r in rows)
    sites = {q["source"].split("/")[2] for q in questions}
    print(f"\nReal patient questions (held out): {n} from {len(sites)} sites, {len({q['topic'] for q in questions})} topics")
    print(f"  top-1 answer accuracy: {ok}/{n} = {100 * ok / n:.1f}%  (target >= 95%)")
    print(f"  fallback (article search): {fallback}/{n} = {100 * fallback / n:.1f}%")
    flagged = sum(r[1].startswith("red_flag_") for r in rows)
    booking = sum(r[1] in ("request_booking", "booking_status", "booking_cancel", "booking_reschedule") for r in rows)
    print(f"  red-flag escalation or question instead of the answer: {flagged}/{n} (read the misses: some "
          f"questions carry a real sign)")
    print(f"  booking started or booking action instead: {booking}/{n}")
    from bot.names import INTENT_URGENT

    advised = sum((p.get("intent") or {}).get("name") == INTENT_URGENT and not r[1].startswith("red_flag_")
                  for r, p in zip(rows, parses))
    print(f"  answered after the see-a-doctor advice (counted by the answer): {advised}/{n}")
    by_kind = Counter(kind_of(str(q["text"])) for q, _, _ in rows)
    for kind in sorted(by_kind):
        good = sum(r[2] for r in rows if kind_of(str(r[0]["text"])) == kind)
        print(f"  {kind:16s} {good}/{by_kind[kind]} = {100 * good / by_kind[kind]:.1f}%")
    pairs = Counter((q["topic"], got) for q, got, good in rows if not good)
    print("\nMost-confused (expected -> answered):")
    for (want, got), count in pairs.most_common(12):
        print(f"  {count:3d}  {want} -> {got}")
    weak = Counter(q["topic"] for q, _, good in rows if not good)
    total = Counter(q["topic"] for q, _, _ in rows)
    print("\nWeakest topics: " + ", ".join(f"{t} {total[t] - weak[t]}/{total[t]}" for t, _ in weak.most_common(8)))
    if args.show_misses:
        print("\nMisses:")
        for q, got, good in rows:
            if not good:
                print(f"- [{q['topic']} -> {got}] {q['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
