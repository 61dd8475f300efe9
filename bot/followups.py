"""Short follow-ups answered about the topic just discussed.

After "how does acupuncture help back pain?", "how long?" means how many
sessions, "does it hurt?" means its side effects; after an exercise, "how
often?" means how long to keep at it. The groups and answers are data
(data/faq/followups.yml). `follow_up_topic` is plain logic; the policy in
bot/followup_policy.py applies it to the conversation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Optional, Tuple

import yaml

from bot import ROOT

FOLLOWUPS_FILE = ROOT / "data" / "faq" / "followups.yml"


@lru_cache(maxsize=1)
def _data() -> Tuple[int, Dict[str, "re.Pattern"], Dict[str, str], Dict[str, Dict[str, str]]]:
    raw = yaml.safe_load(FOLLOWUPS_FILE.read_text(encoding="utf-8"))
    kinds = {kind: re.compile(pattern) for kind, pattern in raw["kinds"].items()}
    group_of = {topic: group for group, topics in raw["groups"].items() for topic in topics}
    return int(raw["max_words"]), kinds, group_of, raw["answers"]


def kind_of(text: str) -> Optional[str]:
    """The kind of follow-up a short message is ("how long", "is it safe"), or None."""
    max_words, kinds, _, _ = _data()
    low = " ".join((text or "").lower().split())
    if not low or len(low.split()) > max_words:
        return None
    return next((kind for kind, pattern in kinds.items() if pattern.search(low)), None)


def follow_up_topic(text: str, last_topic: Optional[str]) -> Optional[str]:
    """The FAQ topic that answers this follow-up after `last_topic`, or None."""
    if not last_topic:
        return None
    kind = kind_of(text)
    _, _, group_of, answers = _data()
    group = group_of.get(last_topic.split("/", 1)[-1])
    if kind is None or group is None:
        return None
    answer = answers.get(group, {}).get(kind)
    return last_topic.split("/", 1)[-1] if answer == "same" else answer
