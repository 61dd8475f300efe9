"""PersonRequestClassifier: asking for a person that the classifier left unsure."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.person_request import PersonRequestClassifier


def _read(text, intent="nlu_fallback"):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.5})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.5}, {"name": "human_handoff", "confidence": 0.49}])
    PersonRequestClassifier({}).process([message])
    return message.get("intent")["name"], [r["name"] for r in message.get("intent_ranking")]


@pytest.mark.parametrize("text", [
    "could one of your staff ring me this afternoon?",
    "i would rather speak to the receptionist",
    "pls get somebody to phone me, bad signal for typing",
    "Human please",
    "put me through to someone at the front desk",
])
def test_asking_for_a_person_left_unsure_is_a_hand_over(text):
    intent, ranking = _read(text)
    assert intent == "human_handoff" and ranking.count("human_handoff") == 1


@pytest.mark.parametrize("text", [
    "nobody ever rang me back after my last visit",          # a complaint
    "will someone call me to confirm the booking?",          # the booking's confirmation
    "what helps sciatica at night?",
    "/human_handoff",
])
def test_other_messages_are_left_alone(text):
    assert _read(text)[0] == "nlu_fallback"


def test_a_confident_reading_is_never_changed():
    assert _read("please call me back about my booking request", intent="booking_status")[0] == "booking_status"
