"""The clinic-reviewed booking words (data/booking/phrases.yml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from typing import Dict, FrozenSet, Tuple

import yaml

from bot import ROOT

PHRASES_FILE = ROOT / "data" / "booking" / "phrases.yml"


@dataclass(frozen=True)
class Phrases:
    times_of_day: Tuple[Tuple[str, time], ...]    # longest phrase first
    exits: FrozenSet[str]
    exit_contains: Tuple[str, ...]
    corrections: Tuple[str, ...]
    relations: FrozenSet[str]
    reason_words: FrozenSet[str]
    request_words: FrozenSet[str]
    change_words: FrozenSet[str]
    field_words: Tuple[Tuple[str, Tuple[str, ...]], ...]


def _clock(value: str) -> time:
    hour, minute = str(value).split(":")
    return time(int(hour), int(minute))


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    parts: Dict[str, time] = {str(k).lower(): _clock(v) for k, v in raw["times_of_day"].items()}
    return Phrases(
        times_of_day=tuple(sorted(parts.items(), key=lambda kv: -len(kv[0]))),
        exits=frozenset(str(p).lower() for p in raw["exits"]),
        exit_contains=tuple(str(p).lower() for p in raw["exit_contains"]),
        corrections=tuple(str(p).lower() for p in raw["corrections"]),
        relations=frozenset(str(p).lower() for p in raw["relations"]),
        reason_words=frozenset(str(p).lower() for p in raw["reason_words"]),
        request_words=frozenset(str(p).lower() for p in raw["request_words"]),
        change_words=frozenset(str(p).lower() for p in raw["change_words"]),
        field_words=tuple((slot, tuple(str(w).lower() for w in ws)) for slot, ws in raw["field_words"].items()),
    )


def words(text: str) -> list:
    return re.findall(r"[a-z][a-z'\-]*", text.lower().replace("\u2019", "'"))


def is_exit(text: str) -> bool:
    """"never mind", "forget it", "I don't want to book": leave the form."""
    p = phrases()
    plain = " ".join(words(text))
    return plain in p.exits or any(phrase in plain for phrase in p.exit_contains)


def is_correction(text: str) -> bool:
    plain = " " + " ".join(words(text)) + " "
    return any(f" {phrase} " in plain for phrase in phrases().corrections)


def asks_to_change(text: str) -> bool:
    """"change", "edit it", "something's wrong" at the read-back."""
    return " ".join(words(text)) in phrases().change_words


def field_named(text: str) -> "str | None":
    """The booking slot a message names after "which part?" ("the email")."""
    plain = " " + " ".join(words(text)) + " "
    for slot, names in phrases().field_words:
        if any(f" {name} " in plain for name in names):
            return slot
    return None
