"""The component that sends "are you open on ...?" to the yes-or-no answer (bot/clinic_router.py)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.clinic_router import ClinicQuestionRouter


def _message(text, intent, key=None):
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                            "intent_ranking": [{"name": intent, "confidence": 0.9}]})
    if key:
        message.set("response_selector", {"faq": {"response": {"intent_response_key": key}}})
    return message


@pytest.mark.parametrize("text, intent, key, routed", [
    ("are you open on sunday?", "faq", "faq/opening_hours", True),
    ("r u open today?? my back just went out", "request_booking", None, True),
    ("what are your opening hours?", "faq", "faq/opening_hours", False),   # no day: the hours answer
    ("can I come in on sunday?", "request_booking", None, False),          # a booking request
    ("is sciatica worse on sundays?", "faq", "faq/sciatica_what", False),
])
def test_open_questions_naming_a_day_are_routed(text, intent, key, routed):
    message = _message(text, intent, key)
    ClinicQuestionRouter().process([message])
    assert (message.get("intent")["name"] == "ask_open_when") is routed
