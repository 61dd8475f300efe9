"""Misspellings and chat shorthand read as the words the model knows.

"helo i hav bad bak pain fro 2 weks" has few words the classifier saw in
training. Each word that is neither English (symspellpy's frequency list,
shipped in its package) nor in the training vocabulary is replaced, for the
NLU features only, by the nearest training word (SymSpell, one edit for
short words, two for longer) or by its meaning in data/spelling/
shorthand.yml. The patient's message itself is never changed: names,
emails and what the booking form stores stay as typed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

import yaml

SHORTHAND_FILE = Path(__file__).resolve().parents[1] / "data" / "spelling" / "shorthand.yml"
WORD = re.compile(r"^[a-z]+$")
MIN_LENGTH = 3          # shorter words are only read through the shorthand list
# A training word seen once that is not English is most likely a typo in a
# real patient's question ("bak", "sesion"): it is corrected like any other
# unknown word, towards the words seen at least this often.
TRUSTED_COUNT = 2


@lru_cache(maxsize=1)
def shorthand() -> Dict[str, str]:
    raw = yaml.safe_load(SHORTHAND_FILE.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): str(v).lower() for k, v in (raw.get("shorthand") or {}).items()}


@lru_cache(maxsize=1)
def english_words() -> FrozenSet[str]:
    """Every word of symspellpy's English frequency dictionary."""
    text = (resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    return frozenset(line.split(" ", 1)[0] for line in text.splitlines() if line)


class Speller:
    """Corrections towards a vocabulary: {surface word: (count, lemma)}."""

    def __init__(self, vocabulary: Dict[str, Tuple[int, str]]) -> None:
        from symspellpy import SymSpell

        self.vocabulary = vocabulary
        self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, (count, _) in vocabulary.items():
            if WORD.match(word) and len(word) >= MIN_LENGTH and self._trusted(word):
                self._symspell.create_dictionary_entry(word, max(1, int(count)))

    def _trusted(self, word: str) -> bool:
        """A word to keep as it is and to correct towards."""
        return word in english_words() or self.vocabulary.get(word, (0, ""))[0] >= TRUSTED_COUNT

    @staticmethod
    def vocabulary_of(words: Iterable[Tuple[str, str]]) -> Dict[str, Tuple[int, str]]:
        """Counts and lemmas of (word, lemma) pairs seen in training."""
        out: Dict[str, Tuple[int, str]] = {}
        for word, lemma in words:
            word = word.lower()
            count, _ = out.get(word, (0, lemma))
            out[word] = (count + 1, lemma.lower() or word)
        return out

    def correct(self, word: str) -> Optional[str]:
        """The word `word` stands for, or None to keep it."""
        from symspellpy import Verbosity

        lowered = word.lower()
        if lowered in shorthand():
            return shorthand()[lowered]
        if not WORD.match(lowered) or len(lowered) < MIN_LENGTH or self._trusted(lowered):
            return None
        distance = 1 if len(lowered) <= 5 else 2
        found = self._symspell.lookup(lowered, Verbosity.TOP, max_edit_distance=distance)
        return found[0].term if found else None

    def lemma(self, word: str) -> str:
        return self.vocabulary.get(word, (0, word))[1]

    def respell(self, text: str, spans: List[Tuple[int, int]]) -> Tuple[str, List[Tuple[int, int]], Dict[int, str]]:
        """The text with corrected words, the tokens' spans in it, and
        {token index: corrected word}."""
        pieces, new_spans, changed, position, cursor = [], [], {}, 0, 0
        for index, (start, end) in enumerate(spans):
            gap = text[cursor:start]
            word = text[start:end]
            fixed = self.correct(word)
            if fixed is not None:
                changed[index] = fixed
                word = fixed
            pieces.append(gap)
            position += len(gap)
            new_spans.append((position, position + len(word)))
            pieces.append(word)
            position += len(word)
            cursor = end
        pieces.append(text[cursor:])
        return "".join(pieces), new_spans, changed
