"""Semantic layer: nearest neighbours of a message, clause by clause, among
the training part of the sign bank (bot.red_flags.bank), with the sentence
encoder the pipeline already runs (MiniLM).

Real patients describe a sign by what they notice ("I can't feel the loo
roll") rather than by the words a pattern lists. Look-alikes from the bank
(`none`) are neighbours too: a message closer to a harmless look-alike than
to any sign by `margin` is not escalated. Thresholds are chosen on the
training part for recall first (`python -m bot.red_flags.tune`) and kept in
data/red_flags/thresholds.yml. A message close to an emergency sign but
under its threshold falls in the clarify band: the screening question.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot.red_flags import context as ctx
from bot.red_flags.bank import TRAIN, part, site
from bot.red_flags.rules import Assessment, Finding
from bot.red_flags.signs import CLARIFY, EMERGENCY, NONE, load_yaml, signs

MAX_UNITS = 8
Encode = Callable[[List[str]], np.ndarray]


@dataclass(frozen=True)
class Thresholds:
    emergency: float
    urgent: float
    clarify_low: float
    margin: float
    k: int = 2
    other_language_extra: float = 0.1

    @classmethod
    def load(cls) -> "Thresholds":
        raw = load_yaml("thresholds.yml")
        return cls(float(raw["emergency"]), float(raw["urgent"]), float(raw["clarify_low"]),
                   float(raw["margin"]), int(raw.get("k", 2)), float(raw.get("other_language_extra", 0.1)))

    def for_level(self, level: str) -> float:
        return self.emergency if level == EMERGENCY else self.urgent


@dataclass
class SemanticResult:
    assessment: Assessment
    clarify: bool = False
    best: float = 0.0            # best similarity to any sign wording
    best_sign: Optional[str] = None
    thresholds: Optional[Thresholds] = None


def units(text: str) -> List[Tuple[str, str]]:
    """(unit text, its clause) to compare: the whole message, and each
    clause when there are several; negated symptoms cut out."""
    original = (text or "").replace("\u2019", "'").lower().strip()
    lowered = ctx.without_negated_symptoms(original).strip(" ,.;")
    if not lowered:
        return []
    spans = ctx.clauses(lowered)
    out = [(lowered, lowered)]
    if len(spans) > 1:
        out += [(lowered[a:b].strip(" ,.;!?\n"), lowered[a:b]) for a, b in spans[:MAX_UNITS]]
    return out


def _plain(text: str) -> str:
    return (text or "").replace("\u2019", "'").lower().strip().strip(" ,.;")


class SemanticMatcher:
    """1-nearest-neighbour per sign over the bank's training wordings."""

    def __init__(self, vectors: np.ndarray, labels: Sequence[str], sources: Sequence[str],
                 thresholds: Thresholds) -> None:
        # Kept sorted by label, so each label's wordings are one slice: the
        # k nearest per sign are then a partition of a slice, not a boolean
        # mask over every wording (a third of the detector's time).
        labels = np.array(list(labels))
        order = np.argsort(labels, kind="stable")
        self.vectors = np.ascontiguousarray(np.asarray(vectors, np.float32)[order])
        self.labels = labels[order]
        self.sources = np.array(list(sources))[order]
        self.thresholds = thresholds
        self.sign_ids = [s for s in signs() if s in set(self.labels.tolist())]
        bounds = {}
        for i, label in enumerate(self.labels.tolist()):
            bounds.setdefault(label, [i, i])[1] = i + 1
        self._slices = {label: slice(a, b) for label, (a, b) in bounds.items()}

    @classmethod
    def from_bank(cls, encode: Encode, thresholds: Optional[Thresholds] = None,
                  negatives: Sequence[str] = ()) -> "SemanticMatcher":
        """The bank's training part (and `negatives`, e.g. the FAQ and
        booking examples of the NLU data, as harmless neighbours)."""
        items = [(w.sign, w.text, site(w.source)) for w in part(TRAIN) if w.sign != "no_symptom"]
        items += [("none", text, "nlu") for text in negatives]
        vectors = encode([t for _, t, _ in items]) if items else np.zeros((0, 384), np.float32)
        return cls(vectors, [s for s, _, _ in items], [src for _, _, src in items],
                   thresholds or Thresholds.load())

    def _top(self, sims: np.ndarray, label: str) -> float:
        where = self._slices.get(label)
        if where is None:
            return -1.0
        values = sims[where]
        k = min(self.thresholds.k, len(values))
        return float(np.partition(values, -k)[-k:].sum()) / k

    def scores(self, vector: np.ndarray, exclude_source: Optional[str] = None) -> Dict[str, float]:
        """Mean similarity of the k nearest wordings per sign id, and for
        `none` and `clarify`."""
        sims = self.vectors @ np.asarray(vector, np.float32)
        if exclude_source is not None:
            sims = np.where(self.sources == exclude_source, -1.0, sims)
        out = {s: self._top(sims, s) for s in self.sign_ids}
        out["none"] = self._top(sims, "none")
        out["clarify"] = self._top(sims, "clarify")
        return out

    def decide(self, scores: Dict[str, float]) -> Tuple[List[Tuple[str, float]], bool]:
        """Signs over their level's threshold (and clear of the nearest
        look-alike by the margin); whether the message is in the clarify band."""
        t = self.thresholds
        found, clarify = [], False
        for sign_id in self.sign_ids:
            score = scores.get(sign_id, -1.0)
            level = signs()[sign_id].level
            if score >= t.for_level(level) and score >= scores["none"] + t.margin:
                found.append((sign_id, score))
            elif level == EMERGENCY and score >= t.clarify_low:
                clarify = True
        if scores.get("clarify", -1.0) >= t.clarify_low and scores["clarify"] >= scores["none"]:
            clarify = True
        return found, clarify

    def assess(self, text: str, encode: Encode, message_vector: Optional[np.ndarray] = None,
               exclude_source: Optional[str] = None) -> SemanticResult:
        pieces = units(text)
        result = SemanticResult(Assessment(), thresholds=self.thresholds)
        if not pieces or not len(self.labels):
            return result
        prepared = ctx.prepare(text)
        result.assessment.information_question = ctx.information_question(prepared)
        todo = [u for u, _ in pieces]
        if message_vector is not None and pieces[0][0] != _plain(text):
            message_vector = None
        if message_vector is not None:
            vectors = [message_vector] + (list(encode(todo[1:])) if len(todo) > 1 else [])
        else:
            vectors = list(encode(todo))
        seen: Dict[str, Finding] = {}
        for (unit, clause), vector in zip(pieces, vectors):
            scores = self.scores(np.asarray(vector, np.float32), exclude_source)
            found, clarify = self.decide(scores)
            best_sign = max(self.sign_ids, key=lambda s: scores.get(s, -1.0)) if self.sign_ids else None
            if best_sign and scores[best_sign] > result.best:
                result.best, result.best_sign = scores[best_sign], best_sign
            checked = ctx.prepare(clause)
            resolved = ctx.clause_in_past(checked) or ctx.transient(prepared)
            absent = ctx.clause_says_absent(checked)
            result.clarify = result.clarify or (clarify and not resolved and not absent)
            for sign_id, score in found:
                if not ctx.sign_check_ok(sign_id, prepared, checked, ""):
                    continue
                finding = Finding(signs()[sign_id], unit, negated=absent,
                                  resolved=resolved and not signs()[sign_id].past_ok,
                                  layer="semantic", score=score)
                previous = seen.get(sign_id)
                if previous is None or (not previous.counts and finding.counts) or \
                        (previous.counts == finding.counts and score > previous.score):
                    seen[sign_id] = finding
        result.assessment.findings = list(seen.values())
        result.assessment.settle()
        if result.assessment.level not in (NONE, CLARIFY):
            result.clarify = False
        return result
