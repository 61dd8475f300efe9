"""The clinic's articles: loading, cleaning and splitting into passages.

The articles are the assistant's source of truth. Passages are short runs of
whole sentences from one article, small enough to quote in a chat or an SMS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import yaml

from bot import ROOT

ARTICLES_DIR = ROOT / "data" / "articles"
MAX_PASSAGE_CHARS = 420
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
_BULLET = re.compile(r"^\s*(?:[.•·*-]|\d+\.)\s+")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    author: str
    text: str


@dataclass(frozen=True)
class Passage:
    article_id: str
    title: str
    text: str


def _cut(text: str, start: Optional[str], end: Optional[str]) -> str:
    if start and start in text:
        text = text[text.index(start):]
    if end and end in text:
        text = text[:text.index(end)]
    return text


def _clean(text: str) -> str:
    """Repair what was lost upstream: runs of '?' stood for dashes/quotes."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"(\d)\?{1,3}(\d)", r"\1-\2", text)   # "5???10" -> "5-10"
    text = re.sub(r"\?{2,}", "'", text)                  # "body???s" -> "body's"
    return text


def load_articles(directory: Path = ARTICLES_DIR) -> List[Article]:
    index = yaml.safe_load((directory / "index.yml").read_text(encoding="utf-8"))
    articles = []
    for entry in index["articles"]:
        raw = (directory / entry["file"]).read_text(encoding="utf-8", errors="replace")
        body = _clean(_cut(raw, entry.get("body_start"), entry.get("body_end")))
        articles.append(Article(entry["id"], entry["title"], entry.get("author", ""), body))
    return articles


def titles(directory: Path = ARTICLES_DIR) -> Dict[str, str]:
    return {article.id: article.title for article in load_articles(directory)}


def _blocks(text: str) -> Iterator[str]:
    """Paragraphs; a bullet list becomes one block joined with '; '."""
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
        if not lines:
            continue
        lines = [_BULLET.sub("", ln) for ln in lines]
        yield " ".join(lines) if len(lines) == 1 else "; ".join(lines)


def _sentences(block: str) -> List[str]:
    return [s.strip() for s in _SENTENCE_END.split(block) if s.strip()]


def passages(articles: List[Article], max_chars: int = MAX_PASSAGE_CHARS) -> List[Passage]:
    """Split every article into passages of whole sentences (<= max_chars
    where a sentence allows). A short heading-like block is carried into the
    next passage so the passage keeps its context ("Knee Rolls: Lie on...")."""
    out: List[Passage] = []
    for article in articles:
        carry = ""
        for block in _blocks(article.text):
            if len(block) < 60 and not block.endswith((".", "?", "!")):
                if block[:1].islower():   # image captions such as "acupuncture for pain"
                    continue
                carry = (carry + " " + block).strip() if len(carry) < 120 else block
                continue
            current = carry + ": " if carry else ""
            carry = ""
            for sentence in _sentences(block):
                if current and len(current) + len(sentence) + 1 > max_chars and not current.endswith(": "):
                    out.append(Passage(article.id, article.title, current.strip()))
                    current = ""
                current = (current + " " + sentence) if current and not current.endswith(": ") else current + sentence
            if current.strip():
                block_start = len(out)
                if len(current) < 120 and out and out[-1].article_id == article.id and block_start and len(out[-1].text) + len(current) < max_chars + 120:
                    out[-1] = Passage(article.id, article.title, out[-1].text + " " + current.strip())
                else:
                    out.append(Passage(article.id, article.title, current.strip()))
    return out
