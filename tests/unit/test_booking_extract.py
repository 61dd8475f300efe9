"""Every booking detail a message gives, in any order (bot/booking/extract.py)."""
from datetime import datetime

import pytest

from bot.booking.extract import extract
from bot.booking.phrases import is_correction, is_exit
from bot.profile import load_profile

NOW = datetime(2026, 11, 21, 18, 0)   # a Saturday evening
PROFILE = load_profile()


def _fields(text, requested=None):
    found = extract(text, PROFILE, requested, NOW)
    return {k: v for k, v in found.fields().items()}, found


def test_four_fields_in_one_message():
    fields, found = _fields("John Smith, 310-555-7788, Friday at 3pm, sciatica")
    assert fields == {"name": "John Smith", "contact": "+13105557788", "time": "2026-11-27T15:00",
                      "reason": "sciatica"}


def test_details_after_a_colon():
    fields, _ = _fields("book me in: Theo Blake, theo.blake@gmail.com, Friday at 9am, lower back")
    assert fields["name"] == "Theo Blake" and fields["reason"] == "lower back"


def test_name_and_number_in_one_sentence():
    fields, _ = _fields("my name is maria lopez and my number is 323 555 0199")
    assert fields == {"name": "maria lopez", "contact": "+13235550199"}


@pytest.mark.parametrize("text, requested, expected", [
    ("sam.lee@gmail.com", "contact", {"contact": "sam.lee@gmail.com"}),
    ("my email is jo@example.com", "contact", {"contact": "jo@example.com"}),
    ("+44 7700 900123", "contact", {"contact": "+447700900123"}),
    ("Tuesday at 10am", "time", {"time": "2026-11-24T10:00"}),
    ("Alex Morgan", "name", {"name": "Alex Morgan"}),
    ("sciatica in my right leg", "reason", {"reason": "sciatica in my right leg"}),
    ("what are your hours?", "name", {}),
    ("how much does it cost?", "contact", {}),
])
def test_the_requested_field_is_read_from_the_whole_message(text, requested, expected):
    assert _fields(text, requested)[0] == expected


def test_a_request_with_a_treatment_a_day_and_someone_else():
    fields, found = _fields("I'd like to book my mum in for cupping next tuesday morning")
    assert fields == {"time": "2026-11-24T09:00", "reason": "cupping"}
    assert found.for_whom == "my mum"


def test_a_correction_of_the_time_is_not_a_reason():
    fields, found = _fields("actually make that Sunday at 4pm instead", "reason")
    assert fields == {"time": "2026-11-22T16:00"} and found.correction


@pytest.mark.parametrize("text", ["never mind, I don't want to book", "forget it", "Never mind.",
                                  "cancel", "no thanks", "I changed my mind", "scrap that"])
def test_exits(text):
    assert is_exit(text) and extract(text, PROFILE, "reason", NOW).fields() == {}


@pytest.mark.parametrize("text", ["cancel my appointment on saturday", "sciatica", "no pain in my legs"])
def test_not_exits(text):
    assert not is_exit(text)


def test_corrections_are_recognised():
    assert is_correction("wrong number, it's 310 555 0178")
    assert is_correction("change my email to raj@newmail.com")
    assert not is_correction("Friday at 3pm")


def test_huge_and_binary_input_gives_nothing_and_does_not_crash():
    assert extract("\x00\x01" * 50000, PROFILE, "name", NOW).fields() == {}
    extract("Friday at 3pm " * 10000, PROFILE, "time", NOW)   # cut to 2,000 characters, read once


@pytest.mark.parametrize("text, name", [
    ("Robert'); DROP TABLE booking_requests;--", "Robert'); DROP TABLE booking_requests;--"),
    ("<b>Ann</b>", "<b>Ann</b>"),
    ("what are your hours?", None),
    ("yes", None),
    ("book me in please", None),
])
def test_at_the_name_question_a_short_answer_is_kept_literally(text, name):
    assert extract(text, PROFILE, "name", NOW).name == name


def test_the_reason_comes_from_the_part_that_is_not_a_question():
    """Session 15: a request that also asks a question took the question as
    the reason ("dr lee back from leave yet? need an appt for my neck")."""
    from bot.booking.extract import extract
    from bot.profile import load_profile

    found = extract("is dr lee back from leave yet? need an appt for my neck tuesday at 3pm", load_profile())
    assert found.reason == "neck"
    found = extract("can I ask for the same therapist as my sister? want a massage for my lower back on friday",
                    load_profile())
    assert found.reason == "massage for my lower back"
