"""Passage search over the articles (BM25 on spaCy lemmas).

Used when the assistant is not confident about a question: rather than guess,
it offers the article passage that best matches, or admits it does not know.
The index is built at train time (see bot.nlu.article_search.ArticleSearch) and
stored inside the trained model as plain JSON.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from bot.articles import Passage, load_articles, passages
from bot.text import content_lemmas

# Spelling variants patients use for the same thing.
SYNONYMS = {
    "disk": "disc", "slip": "herniate", "slipped": "herniate", "herniated": "herniate",
    "prolapse": "herniate", "prolapsed": "herniate", "bulge": "herniate", "bulging": "herniate",
    "acupressure": "tuina", "tui": "tuina", "na": "tuina", "guasha": "gua",
    "needle": "acupuncture", "needling": "acupuncture", "acupuncturist": "acupuncture",
    "lumbago": "back", "spinal": "spine", "lumbar": "back",
}


def _stem(term: str) -> str:
    """Smooth over the lookup lemmatizer's noun bias ("attaches" -> "attache"
    but "attach" -> "attach"): the same stem for query and passage is all
    retrieval needs."""
    term = SYNONYMS.get(term, term)
    return term[:-1] if len(term) > 4 and term.endswith("e") else term


def _terms(text: str) -> List[str]:
    return [_stem(t) for t in content_lemmas(text) if t not in _QUERY_NOISE]


# Lemmas of question words the lookup table gets wrong ("does" -> "doe").
_QUERY_NOISE = frozenset({"doe", "anything", "something", "someone", "help", "info", "information"})


@dataclass
class Hit:
    passage: Passage
    score: float
    coverage: float   # share of the query's IDF weight found in the passage

    def as_dict(self) -> Dict[str, Any]:
        return {"text": self.passage.text, "title": self.passage.title,
                "article_id": self.passage.article_id,
                "score": round(self.score, 3), "coverage": round(self.coverage, 3)}


class PassageIndex:
    """A small BM25 index; plain data so it persists as JSON."""

    def __init__(self, docs: List[Passage], k1: float = 1.4, b: float = 0.75) -> None:
        self.docs = docs
        self.k1, self.b = k1, b
        self.doc_terms = [Counter(_terms(d.text)) for d in docs]
        self.lengths = [sum(c.values()) for c in self.doc_terms]
        self.avg_len = (sum(self.lengths) / len(self.lengths)) if docs else 1.0
        df: Counter = Counter()
        for counts in self.doc_terms:
            df.update(counts.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    @classmethod
    def from_articles(cls) -> "PassageIndex":
        return cls(passages(load_articles()))

    def to_dict(self) -> Dict[str, Any]:
        return {"passages": [[p.article_id, p.title, p.text] for p in self.docs]}

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "PassageIndex":
        return cls([Passage(a, t, x) for a, t, x in data["passages"]])

    def search(self, query: str, top_k: int = 3) -> List[Hit]:
        q_terms = list(dict.fromkeys(_terms(query)))
        # Unknown words carry weight too: a question full of words the
        # articles never use is not well covered by any passage.
        unknown_idf = math.log(1 + len(self.docs) + 0.5)
        q_weight = sum(self.idf.get(t, unknown_idf) for t in q_terms) or 1.0
        hits = []
        for doc, counts, length in zip(self.docs, self.doc_terms, self.lengths):
            score, found = 0.0, 0.0
            for term in q_terms:
                tf = counts.get(term)
                if not tf:
                    continue
                idf = self.idf[term]
                found += idf
                score += idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length / self.avg_len))
            if score > 0:
                hits.append(Hit(doc, score, found / q_weight))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:top_k]

    def best(self, query: str, min_coverage: float = 0.5, min_score: float = 3.0) -> Optional[Hit]:
        """The best passage if it matches well enough to offer, else None."""
        hits = self.search(query, top_k=1)
        if hits and hits[0].coverage >= min_coverage and hits[0].score >= min_score:
            return hits[0]
        return None
