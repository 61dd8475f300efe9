"""Checks on the FAQ data that Rasa's validator does not make."""
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot.articles import titles

ROOT = Path(__file__).resolve().parents[2]
RESERVED = re.compile(r"\b(emergency|911|999|112|a&e)\b", re.I)


def _examples(folder):
    found = defaultdict(list)
    for path in sorted((ROOT / folder).glob("*.yml")):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "intent" in block:
                for line in block["examples"].splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        found[block["intent"]].append(line[2:].strip())
    return found


def _responses():
    found = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        for name, variants in ((yaml.safe_load(path.read_text()) or {}).get("responses") or {}).items():
            found[name] = variants
    return found


def _norm(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


TRAIN = _examples("data/nlu")
TEST = _examples("tests/nlu")
RESPONSES = _responses()
FAQ_TOPICS = sorted(i for i in TRAIN if i.startswith("faq/"))


def test_at_least_40_faq_topics_with_10_examples_each():
    assert len(FAQ_TOPICS) >= 40
    thin = {t: len(TRAIN[t]) for t in FAQ_TOPICS if len(TRAIN[t]) < 10}
    assert not thin


@pytest.mark.parametrize("topic", FAQ_TOPICS)
def test_every_topic_has_an_answer_that_names_its_article(topic):
    variants = RESPONSES.get("utter_" + topic)
    assert variants, topic
    known = set(titles().values())
    for variant in variants:
        text = variant["text"]
        assert not RESERVED.search(text), "FAQ answers must not sound like an escalation"
        if topic in {"faq/opening_hours", "faq/clinic_contact", "faq/cost", "faq/clinic_details",
                     "faq/not_covered"}:
            continue
        named = re.findall(r'"([^"]+)"', text.split("From the article")[-1])
        assert "From the article" in text and named, text
        assert set(named) <= known, named


def test_no_answer_without_a_topic():
    answers = {name[len("utter_"):] for name in RESPONSES if name.startswith("utter_faq/")}
    assert answers == set(FAQ_TOPICS)


def test_no_example_is_shared_between_intents():
    owner = {}
    for intent, examples in TRAIN.items():
        for example in examples:
            key = _norm(example)
            assert owner.setdefault(key, intent) == intent, (example, owner[key], intent)


def test_test_phrasings_are_unseen_and_cover_every_topic():
    seen = {_norm(e) for examples in TRAIN.values() for e in examples}
    leaked = [e for examples in TEST.values() for e in examples if _norm(e) in seen]
    assert not leaked
    assert set(FAQ_TOPICS) <= set(TEST)
