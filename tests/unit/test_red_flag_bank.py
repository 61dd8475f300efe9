"""The sign bank (bot/red_flags/bank.py, data/red_flags/bank/): enough real
wordings per sign, each with a source, split into training and evaluation
by source site with no site on both sides."""
from collections import Counter

from bot.red_flags.bank import EVAL, TRAIN, part, site, source_splits, wordings
from bot.red_flags.signs import EMERGENCY, signs


def test_every_wording_has_a_source_and_a_known_sign():
    for w in wordings():
        assert w.source and w.text
        assert w.source == "invented" or w.source.startswith("http"), w


def test_at_least_30_english_wordings_per_sign():
    counts = Counter(w.sign for w in wordings() if w.lang == "en")
    for sign_id in signs():
        if sign_id != "vague_down_there":
            assert counts[sign_id] >= 30, (sign_id, counts[sign_id])


def test_spanish_covers_every_emergency_sign():
    counts = Counter(w.sign for w in wordings() if w.lang == "es")
    for sign_id, sign in signs().items():
        if sign.level == EMERGENCY:
            assert counts[sign_id] >= 8, sign_id


def test_every_source_site_is_on_one_side():
    splits = source_splits()
    assert {site(w.source) for w in wordings()} <= set(splits)
    train_sites = {site(w.source) for w in part(TRAIN)}
    eval_sites = {site(w.source) for w in part(EVAL)}
    assert not train_sites & eval_sites


def test_every_sign_is_in_both_parts():
    for sign_id in signs():
        if sign_id == "vague_down_there":
            continue
        assert any(w.sign == sign_id for w in part(TRAIN)), sign_id
        assert any(w.sign == sign_id for w in part(EVAL)), sign_id


def test_look_alikes_and_no_symptom_sets_are_big_enough():
    evaluation = part(EVAL)
    assert sum(w.sign in ("none", "clarify") for w in evaluation) >= 60
    assert sum(w.sign == "no_symptom" for w in evaluation) >= 100


def test_the_smoke_test_is_not_in_the_bank():
    import json
    from pathlib import Path

    dev = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.json"
    if not dev.exists():
        return
    said = {t["say"].lower().strip() for case in json.loads(dev.read_text()) for t in case.get("turns", [])}
    assert not said & {w.text.lower().strip() for w in wordings()}
