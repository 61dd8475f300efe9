"""Booking intents by their words (bot/booking_cues.py, data/booking/intent_cues.yml)."""
import pytest

from bot.booking_cues import booking_intent, load_cues

CUES = load_cues()


@pytest.mark.parametrize("text, intent", [
    ("can i come in sunday morning?", "request_booking"),
    ("anything today??", "request_booking"),
    ("how do I book?", "request_booking"),
    ("wanna bok an apointment", "request_booking"),
    ("put me on the waitlist for saturdays", "request_booking"),
    ("cancle", "booking_cancel"),
    ("I need to cancel my appointment on Saturday", "booking_cancel"),
    ("can I move my massage to another day", "booking_reschedule"),
    ("reschedule pls", "booking_reschedule"),
    ("did my booking go through?", "booking_status"),
    ("is my appointment still on for tomorrow?", "booking_status"),
])
def test_booking_messages(text, intent):
    assert booking_intent(text, CUES) == intent


@pytest.mark.parametrize("text", [
    "how long is the first appointment?", "how much is a session?", "do you take insurance for acupuncture?",
    "where do I park for my appointment?", "my back hurts", "does acupuncture hurt?", "/request_booking",
    "Tuesday at 10am", "",
])
def test_questions_about_booking_and_other_messages_are_left_alone(text):
    assert booking_intent(text, CUES) is None
