"""PlainAnswerClassifier: a plain yes or no that the classifier left unsure."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.plain_answer import PlainAnswerClassifier


def _read(text, intent="nlu_fallback"):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.5})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.5}, {"name": "deny", "confidence": 0.45}])
    PlainAnswerClassifier({}).process([message])
    return message.get("intent")["name"], [r["name"] for r in message.get("intent_ranking")]


@pytest.mark.parametrize("text, expected", [
    ("no", "deny"), ("Nope.", "deny"), ("nah", "deny"), ("no thankfully", "deny"), ("none of those", "deny"),
    ("yes", "affirm"), ("Yeah!", "affirm"), ("yep", "affirm"), ("yes i have", "affirm"), ("afraid so", "affirm"),
])
def test_a_plain_answer_left_unsure_is_that_answer(text, expected):
    intent, ranking = _read(text)
    assert intent == expected and ranking[0] == expected and ranking.count(expected) == 1


@pytest.mark.parametrize("text", ["no idea what causes it", "yes but my leg is numb now", "not sure", "/deny", ""])
def test_anything_more_than_a_plain_answer_is_left_alone(text):
    assert _read(text)[0] == "nlu_fallback"


def test_a_confident_reading_is_never_changed():
    assert _read("no", intent="stop")[0] == "stop"
