"""Choose the semantic matcher's thresholds on the training part of the sign
bank, recall first: `python -m bot.red_flags.tune`.

Each training wording is matched against the training part without its own
site (leave one site out), so the figures say how wording from an unseen
source fares. Prints, for a grid of thresholds, the combined recall (rules
+ semantic + cue combinations) per level and how many training look-alikes
would be escalated; the chosen values go into data/red_flags/thresholds.yml
by hand, with the table in docs/red-flags.md.
"""
from __future__ import annotations

import itertools
import sys
from typing import List

import numpy as np

from bot.red_flags import combine, rules
from bot.red_flags.bank import TRAIN, part, site
from bot.red_flags.semantic import SemanticMatcher, Thresholds
from bot.red_flags.signs import EMERGENCY, LEVEL_RANK, URGENT, signs


def main(argv: List[str]) -> int:
    from bot.encoder import shared_encoder

    raw = shared_encoder()
    memo = {}

    def encode(texts):
        todo = [t for t in texts if t not in memo]
        if todo:
            memo.update(zip(todo, raw.encode(todo)))
        return np.stack([memo[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    items = [w for w in part(TRAIN) if w.sign != "no_symptom" and w.lang == "en"]
    vectors = encode([w.text for w in items])
    base = Thresholds(1.0, 1.0, 1.0, 0.0)
    matcher = SemanticMatcher(vectors, [w.sign for w in items], [site(w.source) for w in items], base)
    rule_levels = [rules.assess(w.text) for w in items]
    emergency_grid = [0.5, 0.55, 0.6, 0.65, 0.7]
    urgent_grid = [0.55, 0.6, 0.65, 0.7]
    margins = [0.0, 0.03]
    print(f"{'emerg':>5} {'urg':>5} {'marg':>5} | {'E rec':>6} {'U rec':>6} | {'none->E':>7} {'none->U':>7} "
          f"{'clar->E':>7}")
    for e_t, u_t, margin in itertools.product(emergency_grid, urgent_grid, margins):
        matcher.thresholds = Thresholds(e_t, u_t, 0.5, margin)
        hits = {EMERGENCY: [0, 0], URGENT: [0, 0]}
        false = {"none": [0, 0, 0], "clarify": [0, 0, 0]}
        for w, vector, found in zip(items, vectors, rule_levels):
            result = matcher.assess(w.text, encode, message_vector=vector,
                                    exclude_source=site(w.source))
            level = combine.decide(w.text, found, result, clarify_low=0.5).level
            if w.sign in signs():
                want = signs()[w.sign].level
                hits[want][1] += 1
                hits[want][0] += LEVEL_RANK[level] >= LEVEL_RANK[want]
            else:
                row = false[w.sign]
                row[2] += 1
                row[0] += level == EMERGENCY
                row[1] += level == URGENT
        e = hits[EMERGENCY][0] / max(1, hits[EMERGENCY][1])
        u = hits[URGENT][0] / max(1, hits[URGENT][1])
        n = false["none"]
        c = false["clarify"]
        print(f"{e_t:5.2f} {u_t:5.2f} {margin:5.2f} | {e:6.1%} {u:6.1%} | {n[0] / max(1, n[2]):7.1%} "
              f"{n[1] / max(1, n[2]):7.1%} {c[0] / max(1, c[2]):7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
