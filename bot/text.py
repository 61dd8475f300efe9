"""spaCy text processing shared by the NLU tokenizer, the article search and
the red-flag rules.

spaCy 3.4 has no trained English pipeline on the package registries, so we
use `spacy.blank("en")` with the lookup lemmatizer whose tables ship in the
`spacy-lookups-data` package: offline, deterministic and fast. The pipeline is
built on first use (not at import) and shared by the process.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

# Small English stop list for retrieval; negations are kept out of it on
# purpose because the red-flag rules need them.
STOP_WORDS = frozenset("""
a an the and or but if so of to in on at for from by with about as into over
under is are was were be been being am do does did doing have has had having
i me my mine myself you your yours we us our they them their he him his she
her it its this that these those there here what which who whom whose when
where why how can could would should will shall may might must just also
very really quite too than then now any some all each every much many more
most other such own same only up down out off again further once
get got getting go going gone want wanted like know tell please thank thanks
hi hello hey ok okay yes yeah one thing things lot bit kind sort
""".split())

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def nlp():
    """Blank English pipeline with the lookup lemmatizer (built once)."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


def normal(text: str) -> str:
    """Lower case, one space, straight apostrophes, at most 1000 characters:
    the form the cue files' patterns are written for."""
    return " ".join((text or "").lower().replace("\u2019", "'").split())[:1000]


def normalise(text: str) -> str:
    """Lower-case and straighten quotes; the articles lost some characters as '?'."""
    return (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()


def lemmas(text: str) -> List[str]:
    """Lemmas of the alphanumeric tokens of `text`, lower-cased."""
    doc = nlp()(normalise(text))
    out = []
    for token in doc:
        if not _WORD.fullmatch(token.text):
            continue
        lemma = (token.lemma_ or token.text).lower()
        out.append(lemma)
    return out


def content_lemmas(text: str) -> List[str]:
    """Lemmas without stop words: the terms that carry a question's meaning."""
    return [lemma for lemma in lemmas(text) if lemma not in STOP_WORDS and len(lemma) > 1]
