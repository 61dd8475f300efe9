"""Which language a message is in, with lingua (its models ship inside the
wheel: nothing is downloaded). Restricted to the languages of
data/languages.yml and to messages long enough to tell: short English
replies ("ok", "Maria Lopez", "cupping") must never be taken for another
language.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict

import yaml

from bot.red_flags.signs import DATA_DIR
from bot.text import STOP_WORDS

LANGUAGES_FILE = DATA_DIR.parent / "languages.yml"
ENGLISH = "en"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Emails, web addresses and numbers say nothing about the language
# ("change my email to raj.mehta@newmail.com" was read as French).
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\S*\d\S*")


@lru_cache(maxsize=1)
def settings() -> Dict:
    with open(LANGUAGES_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    names = list(settings()["languages"])
    return LanguageDetectorBuilder.from_languages(*[getattr(Language, n) for n in names]) \
        .with_low_accuracy_mode().build()


@lru_cache(maxsize=1024)
def detect(text: str) -> str:
    """ISO 639-1 code of the message's language; "en" when unsure (cached:
    the spelling normaliser and the red-flag detector both ask)."""
    text = _NOT_WORDS.sub(" ", (text or "")[:2000])
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ENGLISH
    latin = sum(1 for c in letters if _LATIN.match(c)) / len(letters)
    conf = settings()
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return ENGLISH
    top = values[0]
    code = conf["languages"].get(top.language.name, ENGLISH)
    if latin < 0.5:
        return code if top.value >= conf["min_confidence_script"] else ENGLISH
    english_value = next((v.value for v in values if v.language.name == "ENGLISH"), 0.0)
    if english_value >= conf["max_english_confidence"]:
        return ENGLISH
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < conf["min_words"] or top.value < conf["min_confidence"]:
        return ENGLISH
    # lingua's small models read "do you offer telemedicine?" as French:
    # a message with enough English function words is English.
    english = sum(1 for w in words if w in STOP_WORDS) / len(words)
    if english >= conf["english_function_words"]:
        return ENGLISH
    return code
