"""Rule layer: spaCy Matcher token patterns for each sign
(data/red_flags/patterns.yml), one clause at a time, with the negation,
"fine", resolved-past and per-sign checks of bot.red_flags.context.

Deterministic and fast (~1 ms); it catches the wordings clinicians listed.
The semantic layer (bot.red_flags.semantic) catches what patients write
that no pattern names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from bot.red_flags import concepts, context as ctx
from bot.red_flags.signs import EMERGENCY, LEVEL_RANK, NONE, Sign, highest, load_yaml, signs


@dataclass
class Finding:
    sign: Sign
    text: str
    negated: bool = False
    resolved: bool = False
    layer: str = "rules"
    score: float = 1.0

    @property
    def counts(self) -> bool:
        return not self.negated and not self.resolved


@dataclass
class Assessment:
    """What one layer (or the combination) found in one message."""
    level: str = NONE
    findings: List[Finding] = field(default_factory=list)
    information_question: bool = False
    screen: bool = False          # Spanish: a place and a change of an emergency sign, unclear
    vetoed: List[str] = field(default_factory=list)   # signs matched, then set aside by a sign check

    @property
    def signs(self) -> List[Sign]:
        return [f.sign for f in self.findings if f.counts]

    @property
    def top_sign(self) -> Optional[Sign]:
        ranked = sorted(self.signs, key=lambda s: -LEVEL_RANK[s.level])
        return ranked[0] if ranked else None

    @property
    def negated_only(self) -> bool:
        """Every sign mentioned was negated or resolved."""
        return bool(self.findings) and not self.signs

    def settle(self) -> "Assessment":
        """Set the level from the findings (none for a general question)."""
        levels = [] if self.information_question else [s.level for s in self.signs]
        self.level = highest(*levels)
        return self

    def as_dict(self) -> Dict:
        top = self.top_sign
        return {"level": self.level, "sign": top.id if top else None,
                "label": top.label if top else None,
                "signs": sorted({s.id for s in self.signs}),
                "negated": sorted({f.sign.id for f in self.findings if not f.counts}),
                "information_question": self.information_question}


class _Patterns:
    """The token patterns, each with the words it cannot match without.

    One spaCy Matcher over all 347 patterns cost 1.4 ms a message, most of
    it in the `{0,n}` gaps trying patterns whose words are not in the
    message at all. Each pattern gets its own Matcher here, and only the
    patterns whose required words (every token without an OP) are all in
    the message run: the same matches for a fraction of the time.
    """

    def __init__(self, vocab, sign_patterns: Dict[str, List[List[Dict]]]):
        from spacy.matcher import Matcher

        self.entries = []   # (required word sets, sign order, matcher)
        for order, (sign_id, patterns) in enumerate(sign_patterns.items()):
            for pattern in patterns:
                for expanded in _expand_multiword(pattern):
                    matcher = Matcher(vocab)
                    matcher.add(sign_id, [expanded])
                    self.entries.append((_required(expanded), order, matcher))
        # Each pattern is listed under the words of its most selective
        # required token, so a message only looks at patterns it may match.
        self.by_word: Dict[str, List[int]] = {}
        self.always = []
        for i, (required, _, _) in enumerate(self.entries):
            if not required:
                self.always.append(i)
            for word in min(required, key=len, default=()):
                self.by_word.setdefault(word, []).append(i)

    def __call__(self, doc) -> List[Tuple[str, int, int]]:
        words = {token.lower_ for token in doc}
        candidates = set(self.always)
        for word in words & self.by_word.keys():
            candidates.update(self.by_word[word])
        found = {}
        for i in sorted(candidates):
            required, order, matcher = self.entries[i]
            if all(options & words for options in required):
                for match_id, start, end in matcher(doc):
                    found[(end, start, order, match_id)] = doc.vocab.strings[match_id]
        return [(found[key], key[1], key[0]) for key in sorted(found)]   # in the order a single Matcher gives


def _required(pattern: List[Dict]) -> List[frozenset]:
    """The word sets of a pattern's tokens that must be present."""
    out = []
    for token in pattern:
        if token.get("OP") not in (None, "+"):     # optional, a gap, or a "not this word"
            continue
        lower = token.get("LOWER")
        if isinstance(lower, str):
            out.append(frozenset([lower]))
        elif isinstance(lower, dict) and "IN" in lower:
            out.append(frozenset(lower["IN"]))
    return out


@lru_cache(maxsize=1)
def _matcher() -> _Patterns:
    from bot.text import nlp

    known = signs()
    raw = load_yaml("patterns.yml").get("patterns") or {}
    for sign_id in raw:
        if sign_id not in known:
            raise ValueError(f"patterns.yml: unknown sign {sign_id!r}")
    return _Patterns(nlp().vocab, raw)


def _expand_multiword(pattern: List[Dict]) -> List[List[Dict]]:
    """Entries like "inner thigh" in a token set become their own token
    sequences (the Matcher compares one token at a time)."""
    results: List[List[Dict]] = [[]]
    for token in pattern:
        lower = token.get("LOWER")
        values = lower.get("IN") if isinstance(lower, dict) else None
        multi = [v for v in values or [] if " " in v]
        if not multi:
            results = [r + [token] for r in results]
            continue
        single = dict(token)
        single["LOWER"] = {"IN": [v for v in values if " " not in v]}
        variants = [[single]] + [[{"LOWER": w} for w in v.split()] for v in multi]
        results = [r + v for r in results for v in variants]
    return results


def assess(text: str) -> Assessment:
    """Rule findings in one message: the token patterns, then the English
    concept pairs (bot/red_flags/concepts.py) for signs no pattern found."""
    from bot.text import nlp

    prepared = ctx.prepare(text)
    if not prepared.strip():
        return Assessment()
    doc = nlp()(prepared)
    spans = ctx.clauses(prepared) or [(0, len(prepared))]
    assessment = Assessment(information_question=ctx.information_question(prepared))
    seen: Dict[str, Finding] = {}
    found = [(sign_id, doc[start:end].text, doc[start:end].start_char)
             for sign_id, start, end in _matcher()(doc)]
    for sign_id, words, at in found + concepts.find(prepared, concepts.ENGLISH):
        if sign_id in seen and seen[sign_id].counts:
            continue
        c_lo, c_hi = next(((a, b) for a, b in spans if a <= at < b), spans[-1])
        clause = prepared[c_lo:c_hi]
        if not ctx.sign_check_ok(sign_id, prepared, clause, words):
            assessment.vetoed.append(sign_id)
            continue
        finding = Finding(signs()[sign_id], words)
        finding.negated = ctx.negated_before(prepared[c_lo:at].split(), words.split()[0]) or \
            ctx.clause_says_absent(clause)
        finding.resolved = not finding.sign.past_ok and (ctx.clause_in_past(clause) or ctx.transient(prepared)
                                                         or (finding.sign.level != EMERGENCY
                                                             and ctx.resolved_after_but(prepared, spans, c_hi)))
        previous = seen.get(sign_id)
        if previous is None or (not previous.counts and finding.counts):
            seen[sign_id] = finding
    assessment.findings = list(seen.values())
    return assessment.settle()
