"""Booking field parsing: dates against the clinic's hours, phones, emails."""
from datetime import datetime

import pytest

from bot.booking import describe, parse_contact, parse_name, parse_preferred_time
from bot.profile import load_profile

NOW = datetime(2026, 11, 21, 18, 0)   # a Saturday evening
PROFILE = load_profile()


@pytest.mark.parametrize("text, expected", [
    ("next Friday at 10am", "2026-11-27T10:00"),
    ("tomorrow afternoon", "2026-11-22T14:00"),
    ("Saturday morning", "2026-11-28T09:00"),
    ("monday 9:30am", "2026-11-23T09:30"),
    ("friday 14:30", "2026-11-27T14:30"),
    ("Can I come Sunday at 3?", "2026-11-22T15:00"),
])
def test_natural_language_times_inside_opening_hours(text, expected):
    assert parse_preferred_time(text, PROFILE, NOW) == (expected, None)


@pytest.mark.parametrize("text, reason", [
    ("thursday at 3pm", "closed on Thursdays"),
    ("friday at 9pm", "outside our opening hours"),
    ("today at 10am", "already passed"),
    ("sometime next week", "Which day"),
    ("el viernes a las diez", "Which day"),
    ("x" * 100000, "Which day"),
])
def test_refusals_say_why_and_suggest(text, reason):
    value, problem = parse_preferred_time(text, PROFILE, NOW)
    assert value is None and reason in problem


def test_time_is_described_for_the_read_back():
    assert describe("2026-11-27T10:00") == "Friday 27 November at 10AM"


@pytest.mark.parametrize("text, expected", [
    ("310 555 0142", "+13105550142"),
    ("(310) 555-0142", "+13105550142"),
    ("+44 20 7946 0958", "+442079460958"),
    ("my email is Alex.Morgan@Example.com", "alex.morgan@example.com"),
])
def test_contacts_are_normalised(text, expected):
    assert parse_contact(text, "US") == (expected, None)


@pytest.mark.parametrize("text", ["12", "call me maybe", "555", "alex@", "not-an-email@x"])
def test_bad_contacts_are_refused_with_a_reason(text):
    value, problem = parse_contact(text, "US")
    assert value is None and problem


@pytest.mark.parametrize("text, expected", [
    ("Alex Morgan", "Alex Morgan"),
    ("my name is Zoë O'Brien", "Zoë O'Brien"),
    ("Robert'); DROP TABLE booking_requests;--", "Robert'); DROP TABLE booking_requests;--"),
    ("<script>alert(1)</script> Ann", "<script>alert(1)</script> Ann"),
])
def test_names_are_kept_literally(text, expected):
    assert parse_name(text) == (expected, None)


@pytest.mark.parametrize("text", ["", "   ", "12345", "a" * 150])
def test_unusable_names_are_refused(text):
    value, problem = parse_name(text)
    assert value is None and problem
