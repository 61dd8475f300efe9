"""The sign bank: patients' wordings of each sign, with their sources.

data/red_flags/bank/*.yml hold the wordings (sign, lang, source address,
text); data/red_flags/sources.yml puts every source in the training or the
evaluation part, so no source is in both and the evaluation measures wording
from sources the matcher never saw. `python -m bot.red_flags.bank split`
assigns new sources (about a third of each sign's wordings to evaluation).

Sign ids beyond signs.yml: `none` (look-alikes that must not escalate),
`clarify` (vague cues that deserve the screening question) and `no_symptom`
(booking answers, thanks, clinic questions; always evaluation).
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple
from urllib.parse import urlparse

import yaml

from bot.red_flags.signs import DATA_DIR, signs

BANK_DIR = DATA_DIR / "bank"
SOURCES_FILE = DATA_DIR / "sources.yml"
TRAIN, EVAL = "train", "eval"
NEGATIVE_IDS = ("none", "clarify", "no_symptom")
EVAL_SHARE = 0.33


@dataclass(frozen=True)
class Wording:
    sign: str
    text: str
    source: str
    lang: str = "en"
    file: str = ""


@lru_cache(maxsize=1)
def wordings() -> Tuple[Wording, ...]:
    known = set(signs()) | set(NEGATIVE_IDS)
    out = []
    for path in sorted(BANK_DIR.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("wordings") or []:
            if item.get("sign") not in known:
                raise ValueError(f"{path.name}: unknown sign {item.get('sign')!r}")
            out.append(Wording(item["sign"], str(item["text"]).strip(), str(item["source"]).strip(),
                               item.get("lang", "en"), path.name))
    return tuple(out)


def site(source: str) -> str:
    """The site a source address belongs to: the unit of the split, so two
    addresses of one story (patient.info and community.patient.info) stay
    on one side."""
    host = urlparse(source).netloc.lower() or source
    parts = host.split(":")[0].split(".")
    while len(parts) > 2 and parts[0] in ("www", "community", "m", "forum", "forums", "en", "es", "amp"):
        parts = parts[1:]
    return ".".join(parts)


def source_splits() -> Dict[str, str]:
    if not SOURCES_FILE.exists():
        return {}
    return dict((yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8")) or {}).get("sources") or {})


def part(split: str, lang: Optional[str] = None) -> List[Wording]:
    """The training or evaluation part of the bank."""
    splits = source_splits()
    return [w for w in wordings() if splits.get(site(w.source), EVAL) == split
            and (lang is None or w.lang == lang)]


def _key(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()


def assign(items: List[Wording], existing: Dict[str, str]) -> Dict[str, str]:
    """Keep existing assignments; put each new source in the evaluation part
    while every sign it has wordings for stays under EVAL_SHARE there."""
    splits = dict(existing)
    totals: Dict[str, int] = {}
    in_eval: Dict[str, int] = {}
    by_source: Dict[str, Dict[str, int]] = {}
    for w in items:
        totals[w.sign] = totals.get(w.sign, 0) + 1
        by_source.setdefault(site(w.source), {}).setdefault(w.sign, 0)
        by_source[site(w.source)][w.sign] += 1
    for source, counts in by_source.items():
        if splits.get(source) == EVAL:
            for s, n in counts.items():
                in_eval[s] = in_eval.get(s, 0) + n
    for source in sorted(by_source, key=_key):
        if source in splits:
            continue
        counts = by_source[source]
        if all(s == "no_symptom" for s in counts):
            splits[source] = EVAL
            continue
        fits = all(in_eval.get(s, 0) + n <= EVAL_SHARE * totals[s] + 1 for s, n in counts.items())
        splits[source] = EVAL if fits else TRAIN
        if fits:
            for s, n in counts.items():
                in_eval[s] = in_eval.get(s, 0) + n
    return splits


def write_splits(splits: Dict[str, str]) -> None:
    header = ("# Which part of the sign bank each source site belongs to (bot/red_flags/bank.py).\n"
              "# train: the semantic matcher's examples and threshold tuning; eval: make redflag-eval only.\n")
    body = yaml.safe_dump({"sources": dict(sorted(splits.items()))}, sort_keys=False, allow_unicode=True,
                          width=200)
    SOURCES_FILE.write_text(header + body, encoding="utf-8")


def main(argv: List[str]) -> int:
    if argv[:1] == ["split"]:
        splits = assign(list(wordings()), source_splits())
        write_splits(splits)
    splits = source_splits()
    table: Dict[Tuple[str, str], List[int]] = {}
    for w in wordings():
        row = table.setdefault((w.lang, w.sign), [0, 0, 0])
        row[0 if splits.get(site(w.source)) == TRAIN else 1] += 1
    print(f"{'lang':4} {'sign':24} {'train':>5} {'eval':>5}")
    for (lang, sign_id), (tr, ev, _) in sorted(table.items()):
        print(f"{lang:4} {sign_id:24} {tr:5d} {ev:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def fingerprint() -> str:
    """A hash of every file under data/red_flags/ (and data/languages.yml)
    and of the code that builds the semantic index: part of RedFlagDetector's
    config, so a change retrains it."""
    from pathlib import Path

    digest = hashlib.sha1()
    builder = Path(__file__).with_name("semantic.py")
    for path in sorted(DATA_DIR.rglob("*.yml")) + [DATA_DIR.parent / "languages.yml", builder]:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
