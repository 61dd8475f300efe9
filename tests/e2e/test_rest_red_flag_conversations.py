"""Red flags over a whole conversation, by the trained assistant over REST:
signs split over messages, the screening question, the warning signs, the
advice kept after an emergency, and other languages (issue #11)."""
import os

from bot.profile import load_profile
from bot.store import get_store

EMERGENCY = "could be an emergency"
SCREEN = "make sure you're safe"


def test_one_leg_then_the_other_is_sciatica_in_both_legs(assistant, sender):
    first = assistant.say(sender, "I've had sciatica down my left leg since last week")
    assert EMERGENCY not in first.lower()
    second = assistant.say(sender, "and now it's in my right leg too")
    assert EMERGENCY in second.lower() and "both legs" in second.lower()
    events = [e for e in get_store(os.environ["DATABASE_URL"]).red_flags(limit=50)
              if e.conversation_id == sender]
    assert events and events[0].sign == "bilateral_sciatica" and events[0].source == "memory"
    # Named once: the next message is answered normally.
    assert EMERGENCY not in assistant.say(sender, "thanks").lower()


def test_numbness_then_where_it_is(assistant, sender):
    assistant.say(sender, "my back went yesterday and now I've gone a bit numb")
    reply = assistant.say(sender, "it's around my bottom and between my legs")
    assert EMERGENCY in reply.lower()


def test_screening_question_yes_is_an_emergency(assistant, sender):
    assert SCREEN in assistant.say(sender, "my back hurts and things feel a bit odd down there").lower()
    reply = assistant.say(sender, "yes")
    assert EMERGENCY in reply.lower() and load_profile().emergency_number in reply


def test_screening_question_no_carries_on_with_their_question(assistant, sender):
    reply = assistant.say(sender, "my back hurts and my waterworks feel a bit funny, what exercises can I do?")
    assert SCREEN in reply.lower()
    after = assistant.say(sender, "no")
    assert EMERGENCY not in after.lower()
    assert "exercise" in after.lower() or "anything else" in after.lower()


def test_screening_question_ignored_for_a_question(assistant, sender):
    assert SCREEN in assistant.say(sender, "my back hurts and things feel a bit odd down there").lower()
    reply = assistant.say(sender, "how many acupuncture sessions will I need?")
    assert EMERGENCY not in reply.lower() and SCREEN not in reply.lower()


def test_the_warning_signs_when_asked(assistant, sender):
    reply = assistant.say(sender, "what are the signs of cauda equina?")
    assert "both legs" in reply and load_profile().emergency_number in reply and "NHS" in reply
    assert EMERGENCY not in reply.lower()
    events = [e for e in get_store(os.environ["DATABASE_URL"]).red_flags(limit=50)
              if e.conversation_id == sender]
    assert not events


def test_after_an_emergency_booking_gets_the_advice_again(assistant, sender):
    assert EMERGENCY in assistant.say(sender, "I can't feel the toilet paper when I wipe").lower()
    reply = assistant.say(sender, "can I just book an acupuncture session instead?")
    assert "emergency care first" in reply.lower()
    assert "name" not in reply.lower()          # the booking form did not start
    assert "emergency care first" in assistant.say(sender, "can it wait until monday?").lower()


def test_a_sign_in_the_booking_form_stops_it(assistant, sender):
    assistant.say(sender, "I'd like to book an appointment")
    reply = assistant.say(sender, "sorry, also I can't pee since this morning")
    assert EMERGENCY in reply.lower()
    assert "continue booking" not in reply.lower()


def test_a_booking_request_with_a_see_a_doctor_sign_still_leaves_a_request(assistant, sender):
    reply = assistant.say(sender, "my husband fell off a ladder on sunday and his back is in bits, "
                                  "can someone see him next friday at 11am?").lower()
    assert "see a doctor" in reply and "what name" in reply
    assistant.say(sender, "Alex Moreno")
    # The day and time came with the request; the reason restates the sign
    # already advised about, and is taken as the answer, not escalated again.
    assert "help with" in assistant.say(sender, "310 555 0163").lower()
    reply = assistant.say(sender, "his lower back after the fall")
    assert "see a doctor" not in reply.lower()
    assert "Alex Moreno" in reply and "Friday" in reply and "is that correct?" in reply.lower()
    assistant.say(sender, "yes")
    stored = get_store(os.environ["DATABASE_URL"]).latest_booking(sender)
    assert stored is not None and stored.name == "Alex Moreno" and stored.contact == "+13105550163"
    flags = [e for e in get_store(os.environ["DATABASE_URL"]).red_flags(limit=50) if e.conversation_id == sender]
    assert flags and flags[0].sign == "trauma"


def test_booking_answers_are_not_symptoms(assistant, sender):
    assistant.say(sender, "book me in please")
    assistant.say(sender, "Maria Lopez")
    assistant.say(sender, "310 555 0142")
    for text in ("Tuesday at 10am", "Wednesday at 10am"):
        reply = assistant.say(sender, text).lower()
        assert "see a doctor" not in reply and EMERGENCY not in reply


def test_spanish_emergency_in_spanish(assistant, sender):
    reply = assistant.say(sender, "no puedo orinar, tengo las piernas dormidas")
    assert "emergencia" in reply.lower() and load_profile().emergency_number in reply


def test_other_language_gets_a_short_reply_in_it(assistant, sender):
    reply = assistant.say(sender, "hola, ¿cuánto cuesta una sesión de acupuntura?")
    assert "solo puedo responder en inglés" in reply.lower() and load_profile().phone in reply
    reply = assistant.say(sender, "我的背很痛，你们周日开门吗？")
    assert "英语" in reply


def test_screening_is_asked_once_unless_a_new_kind_of_cue_appears(assistant, sender):
    assert SCREEN in assistant.say(sender, "my legs feel a bit tingly on and off with my back pain").lower()
    assistant.say(sender, "no")
    again = assistant.say(sender, "my legs are still a bit tingly, what stretches can I do for my back?")
    assert SCREEN not in again.lower()
    new_cue = assistant.say(sender, "and peeing feels a bit different since the back pain, is that normal?")
    assert SCREEN in new_cue.lower() or EMERGENCY in new_cue.lower()


def test_a_sign_while_waiting_for_a_person_escalates(assistant, sender):
    assistant.say(sender, "can I talk to a person please")
    reply = assistant.say(sender, "also I can't feel the toilet paper when I wipe")
    assert EMERGENCY in reply.lower()
