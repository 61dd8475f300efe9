"""Red-flag signs and levels, read from data/red_flags/signs.yml.

The list a clinician reviews is data, not code: this module only loads it
(once, on first use) and ranks levels.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "red_flags"

NONE = "none"
CLARIFY = "clarify"
URGENT = "urgent"
EMERGENCY = "emergency"
LEVEL_RANK = {NONE: 0, CLARIFY: 1, URGENT: 2, EMERGENCY: 3}


@dataclass(frozen=True)
class Sign:
    id: str
    level: str
    label: str              # named back to the patient: "loss of bladder control"
    past_ok: bool = False   # still a flag when in the past ("history of cancer")


def load_yaml(name: str) -> Dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@lru_cache(maxsize=1)
def signs() -> Dict[str, Sign]:
    raw = load_yaml("signs.yml")
    levels = raw.get("levels") or []
    if levels != list(LEVEL_RANK):
        raise ValueError(f"signs.yml levels {levels} differ from {list(LEVEL_RANK)}")
    out = {}
    for sign_id, spec in (raw.get("signs") or {}).items():
        if spec["level"] not in LEVEL_RANK:
            raise ValueError(f"sign {sign_id}: unknown level {spec['level']!r}")
        out[sign_id] = Sign(sign_id, spec["level"], spec["label"], bool(spec.get("past_ok")))
    return out


def sign(sign_id: str) -> Optional[Sign]:
    return signs().get(sign_id)


def highest(*levels: str) -> str:
    """The most serious of the given levels."""
    return max(levels or (NONE,), key=lambda level: LEVEL_RANK.get(level, 0))
