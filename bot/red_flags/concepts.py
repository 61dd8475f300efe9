"""Red-flag signs as a place and a change in one sentence
(data/red_flags/spanish_concepts.yml, data/red_flags/english_concepts.yml).

Phrase and token patterns catch the wordings they were written from and
little else: on sources they never saw, a third of the Spanish emergencies
and of the English early bladder, bowel and saddle signs got only the
screening question (the English sentence encoder also reads Spanish by its
language more than by its meaning). A pair of concepts ("la pipi" ... "sin
fuerza", "peeing" ... "feels muted") carries over to new wording far better.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Pattern, Tuple

from bot.red_flags.signs import load_yaml, signs

SPANISH = "spanish_concepts.yml"
ENGLISH = "english_concepts.yml"


@dataclass(frozen=True)
class Pair:
    sign: str
    place: Pattern
    change: Pattern
    unless: Optional[Pattern] = None
    needs_pain: bool = False
    not_between: Optional[Pattern] = None   # words that part the place from the change ("bum and my calf is numb")


@dataclass(frozen=True)
class Concepts:
    window: int
    sentence_break: Pattern
    fine: Pattern
    not_a_change: Pattern
    pain: Pattern
    pairs: Tuple[Pair, ...]
    negation: Optional[Pattern] = None     # a negation just before a change word ("no numbness")
    hedged: Optional[Pattern] = None       # a sentence too unclear for a sign: the screening question asks


@lru_cache(maxsize=2)
def concepts(name: str) -> Concepts:
    raw = load_yaml(name)
    known = signs()
    pairs = []
    for item in raw["pairs"]:
        if item["sign"] not in known:
            raise ValueError(f"{name}: unknown sign {item['sign']!r}")
        unless = re.compile(item["unless"]) if item.get("unless") else None
        between = re.compile(item["not_between"]) if item.get("not_between") else None
        pairs.append(Pair(item["sign"], re.compile(item["place"]), re.compile(item["change"]), unless,
                          bool(item.get("needs_pain")), between))
    return Concepts(int(raw["window"]), re.compile(raw["sentence_break"]), re.compile(raw["fine"]),
                    re.compile(raw["not_a_change"]), re.compile(raw["pain"]), tuple(pairs),
                    re.compile(raw["negation"]) if raw.get("negation") else None,
                    re.compile(raw["hedged"]) if raw.get("hedged") else None)


def _near(pair: Pair, sentence: str, window: int, negation: Optional[Pattern]) -> Optional[Tuple[int, int]]:
    """The span from the first place to its change within `window`
    characters; a negated change ("no tingling or numbness") does not count."""
    places = list(pair.place.finditer(sentence))
    if not places:
        return None
    for change in pair.change.finditer(sentence):
        if negation is not None and negation.search(sentence[:change.start()]):
            continue
        for place in places:
            if place.start() <= change.start() < place.end() or change.start() <= place.start() < change.end():
                continue      # one word read as both ("orinar" in "no puedo orinar" is fine, but not alone)
            gap = max(change.start() - place.end(), place.start() - change.end())
            between = sentence[min(place.end(), change.end()):max(place.start(), change.start())]
            if gap <= window and not (pair.not_between is not None and pair.not_between.search(between)):
                return min(place.start(), change.start()), max(place.end(), change.end())
    return None


def find(text: str, name: str = SPANISH) -> List[Tuple[str, str, int]]:
    """(sign id, matched words, where they start) for each sign of the
    concept file `name` found in a lower-cased (Spanish: folded) message."""
    data = concepts(name)
    found = {}
    pain = bool(data.pain.search(text))
    offset, sentences = 0, []
    for piece in data.sentence_break.split(text):
        start = text.find(piece, offset)
        offset = start + len(piece)
        if piece and piece.strip():
            sentences.append((start, piece))
    # "el chorro es normal": a place said to be fine anywhere cancels its sign.
    fine = {pair.sign for pair in data.pairs for _, s in sentences if pair.place.search(s) and data.fine.search(s)}
    for start, sentence in sentences:
        if data.not_a_change.search(sentence) or (data.hedged is not None and data.hedged.search(sentence)):
            continue
        for pair in data.pairs:
            if pair.sign in found or pair.sign in fine or (pair.needs_pain and not pain) or \
                    (pair.unless is not None and pair.unless.search(sentence)):
                continue
            span = _near(pair, sentence, data.window, data.negation)
            if span:
                found[pair.sign] = (sentence[span[0]:span[1]], start + span[0])
    return [(sign_id, words, at) for sign_id, (words, at) in found.items()]
