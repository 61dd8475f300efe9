"""Spanish red-flag signs as a place and a change in one sentence
(data/red_flags/spanish_concepts.yml).

The phrase patterns of spanish.yml generalise poorly: Spanish wording from
sources they were not written from mostly got only the screening question,
and the English sentence encoder reads Spanish by its language more than by
its meaning. A pair of concepts ("la pipi" ... "sin fuerza", "las dos
piernas" ... "no me responden") carries over to new wording far better.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Pattern, Tuple

from bot.red_flags.signs import load_yaml, signs


@dataclass(frozen=True)
class Pair:
    sign: str
    place: Pattern
    change: Pattern
    unless: Optional[Pattern] = None
    needs_pain: bool = False


@dataclass(frozen=True)
class Concepts:
    window: int
    sentence_break: Pattern
    fine: Pattern
    not_a_change: Pattern
    pain: Pattern
    pairs: Tuple[Pair, ...]


@lru_cache(maxsize=1)
def concepts() -> Concepts:
    raw = load_yaml("spanish_concepts.yml")
    known = signs()
    pairs = []
    for item in raw["pairs"]:
        if item["sign"] not in known:
            raise ValueError(f"spanish_concepts.yml: unknown sign {item['sign']!r}")
        unless = re.compile(item["unless"]) if item.get("unless") else None
        pairs.append(Pair(item["sign"], re.compile(item["place"]), re.compile(item["change"]), unless,
                          bool(item.get("needs_pain"))))
    return Concepts(int(raw["window"]), re.compile(raw["sentence_break"]), re.compile(raw["fine"]),
                    re.compile(raw["not_a_change"]), re.compile(raw["pain"]), tuple(pairs))


def _near(pair: Pair, sentence: str, window: int) -> str:
    """The words of the first place and change within `window` characters."""
    places = list(pair.place.finditer(sentence))
    if not places:
        return ""
    for change in pair.change.finditer(sentence):
        for place in places:
            if place.start() <= change.start() < place.end() or change.start() <= place.start() < change.end():
                continue      # one word read as both ("orinar" in "no puedo orinar" is fine, but not alone)
            gap = max(change.start() - place.end(), place.start() - change.end())
            if gap <= window:
                return sentence[min(place.start(), change.start()):max(place.end(), change.end())]
    return ""


def find(folded: str) -> List[Tuple[str, str]]:
    """(sign id, matched words) for each sign found in a folded message."""
    data = concepts()
    found = {}
    pain = bool(data.pain.search(folded))
    sentences = [s for s in data.sentence_break.split(folded) if s and s.strip()]
    # "el chorro es normal": a place said to be fine anywhere cancels its sign.
    fine = {pair.sign for pair in data.pairs for s in sentences if pair.place.search(s) and data.fine.search(s)}
    for sentence in sentences:
        if data.not_a_change.search(sentence):
            continue
        for pair in data.pairs:
            if pair.sign in found or pair.sign in fine or (pair.needs_pain and not pain) or \
                    (pair.unless is not None and pair.unless.search(sentence)):
                continue
            words = _near(pair, sentence, data.window)
            if words:
                found[pair.sign] = words
    return list(found.items())
