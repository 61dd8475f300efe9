"""Red-flag escalation by the trained assistant over the REST channel."""
import os

import pytest

from bot.profile import load_profile
from bot.store import get_store

EMERGENCY = [
    "I think I've lost control of my bowels and my back is agony",
    "my father says his bum and groin have gone numb",
    "sciatica is now going down both legs",
]
URGENT = [
    "came off my bike on sunday and my back has hurt since",
    "I have a fever and my lower back is aching",
    "the back pain has been there for 8 weeks and isn't getting better",
]
BENIGN = [
    "my lower back is a bit stiff after gardening",
    "no numbness anywhere and I can pee fine, just a sore back",
    "what are the red flags for back pain?",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_emergency_signs_get_the_emergency_number(assistant, sender, text):
    reply = assistant.say(sender, text)
    assert load_profile().emergency_number in reply
    assert "could be an emergency" in reply.lower()


@pytest.mark.parametrize("text", URGENT)
def test_see_a_doctor_signs_are_named_back(assistant, sender, text):
    reply = assistant.say(sender, text).lower()
    assert "please see a doctor" in reply
    assert "because of" in reply


@pytest.mark.parametrize("text", BENIGN)
def test_benign_messages_do_not_escalate(assistant, sender, text):
    reply = assistant.say(sender, text).lower()
    assert "could be an emergency" not in reply
    assert "please see a doctor" not in reply


def test_escalation_after_an_faq_answer_is_recorded(assistant, sender):
    assistant.say(sender, "how should I sleep with back pain")
    reply = assistant.say(sender, "I can't feel anything when I wipe")
    assert "could be an emergency" in reply.lower()
    events = [e for e in get_store(os.environ["DATABASE_URL"]).red_flags(limit=50)
              if e.conversation_id == sender]
    assert events and events[0].level == "emergency" and events[0].sign == "saddle_numbness"
    assert events[0].channel == "rest"
