"""bot/red_flags/combine.py: one decision from the layers, with a semantic
finding given directly (no encoder needed)."""
import pytest

from bot.red_flags import combine, rules, signs
from bot.red_flags.rules import Assessment, Finding
from bot.red_flags.semantic import SemanticResult


def _semantic_emergency(text):
    finding = Finding(signs()["urinary_retention"], text, layer="semantic", score=0.9)
    return SemanticResult(Assessment(level="emergency", findings=[finding]), best=0.9,
                          best_sign="urinary_retention")


@pytest.mark.parametrize("text", [
    # Real look-alikes the semantic layer alone once sent to emergency care.
    "badly constipated for days and now i can barely pee cos everything feels blocked up. no back pain or numbness though",
    "lately when i need a wee its suddenly urgent, up a few times at night too. no back problems or numbness",
    "leaking a bit after my haemorrhoid op because of the swelling. back is fine",
])
def test_the_semantic_layer_alone_asks_when_the_message_says_something_is_absent(text):
    decision = combine.decide(text, rules.assess(text), _semantic_emergency(text))
    assert decision.level == "clarify", text


def test_the_semantic_layer_alone_still_escalates_a_plain_message():
    text = "since the disc went i just sit on the loo and wait and wait"
    decision = combine.decide(text, rules.assess(text), _semantic_emergency(text))
    assert decision.level == "emergency"


def test_the_semantic_layer_alone_asks_on_pain_that_makes_walking_hard():
    # A real booking request once sent to 911 as weakness in both legs.
    text = "sneezed this morning and put my lower back out lol. can someone look at it today? can barely walk"
    assert combine.decide(text, rules.assess(text), _semantic_emergency(text)).level == "clarify"
    # With a leg or foot named it still escalates.
    text = "my legs keep giving way and i can barely walk"
    assert combine.decide(text, rules.assess(text), _semantic_emergency(text)).level == "emergency"
