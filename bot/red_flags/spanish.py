"""The Spanish safety net: red-flag signs in Spanish (data/red_flags/spanish.yml).

The clinic is in Los Angeles and the English rule and semantic layers miss
Spanish wording ("no puedo orinar, tengo las piernas dormidas"). Phrase
patterns and concept pairs (bot/red_flags/concepts.py) run on every
message, whatever language was detected, on lower-cased text with accents
removed; a message that says the symptom has passed does not count.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, List, Pattern, Tuple

from bot.red_flags import concepts
from bot.red_flags.rules import Assessment, Finding
from bot.red_flags.signs import load_yaml, signs


def fold(text: str) -> str:
    """Lower-case without accents ("ciática" -> "ciatica"); ñ -> n."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _data() -> Tuple[Pattern, Pattern, Dict[str, List[Pattern]], frozenset, Pattern, Pattern, Pattern,
                     Pattern, Pattern]:
    raw = load_yaml("spanish.yml")
    known = signs()
    patterns = {}
    for sign_id, items in (raw.get("signs") or {}).items():
        if sign_id not in known:
            raise ValueError(f"spanish.yml: unknown sign {sign_id!r}")
        patterns[sign_id] = [re.compile(p) for p in items]
    return (re.compile(raw["clause_break"]), re.compile(raw["resolved"]), patterns,
            frozenset(raw.get("needs_back") or ()), re.compile(raw["back"]),
            re.compile(raw["negation"]), re.compile(raw["question"]),
            re.compile(raw["screen_place"]), re.compile(raw["screen_change"]))


def assess(text: str) -> Assessment:
    """Spanish sign findings in one message."""
    _, resolved, patterns, needs_back, back, negation, question, place, change = _data()
    folded = fold(text)
    assessment = Assessment()
    if not folded.strip():
        return assessment
    seen: Dict[str, Finding] = {}

    def finding(sign_id: str, words: str, start: int) -> Finding:
        # "ya se me pasó" often follows the sign after a "pero": the whole
        # message is checked.
        return Finding(signs()[sign_id], words, layer="spanish",
                       resolved=bool(resolved.search(folded)) and not signs()[sign_id].past_ok,
                       negated=bool(negation.search(folded[max(0, start - 24):start])))

    for sign_id, items in patterns.items():
        if sign_id in needs_back and not back.search(folded):
            continue
        for pattern in items:
            match = pattern.search(folded)
            if not match:
                continue
            found = finding(sign_id, match.group(0), match.start())
            if sign_id not in seen or (found.counts and not seen[sign_id].counts):
                seen[sign_id] = found
    # The same sign as a place and a change in one sentence: new wording.
    for sign_id, words, start in concepts.find(folded, concepts.SPANISH):
        if sign_id not in seen:
            seen[sign_id] = finding(sign_id, words, start)
    assessment.findings = list(seen.values())
    assessment.information_question = bool(question.search(folded))
    assessment.screen = bool(place.search(folded) and change.search(folded)
                             and not resolved.search(folded) and not assessment.information_question)
    return assessment.settle()
