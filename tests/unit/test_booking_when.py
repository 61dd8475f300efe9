"""Days and times in patients' words against the clinic's hours (bot/booking/when.py)."""
from datetime import datetime

import pytest

from bot.booking import describe, parse_preferred_time
from bot.booking.when import read_when
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




# Realistic wordings from booking requests: (text, expected ISO), said on
# Saturday 21 November 2026 at 6PM; Thursday is the clinic's closed day.
@pytest.mark.parametrize("text, expected", [
    ("the 13th at 11am", "2026-12-13T11:00"),
    ("Dec 4 at 11am", "2026-12-04T11:00"),
    ("December 3rd at 2", None),                     # a Thursday: closed, see below
    ("the 5th at 10", "2026-12-05T10:00"),
    ("a week on Monday at 11", "2026-11-30T11:00"),
    ("monday week at 4", "2026-11-30T16:00"),
    ("Friday after work", "2026-11-27T17:30"),
    ("3/12 10:30", "2027-03-12T10:30"),
    ("12/14 at 10:30", "2026-12-14T10:30"),
    ("Tuesday at 10am", "2026-11-24T10:00"),
    ("next friday morning", "2026-11-27T09:00"),
    ("wed 2pm", "2026-11-25T14:00"),
    ("Sat 9 a.m.", "2026-11-28T09:00"),
    ("sun 4pm", "2026-11-22T16:00"),
    ("i'm free saturdays after 3", "2026-11-28T15:00"),
    ("the sun is out, can I come monday at 2", "2026-11-23T14:00"),
    ("in 2 weeks at 10am", "2026-12-05T10:00"),
    ("tomorrow at 3pm", "2026-11-22T15:00"),
    ("2pm on wednesday", "2026-11-25T14:00"),
    ("sunday around 11", "2026-11-22T11:00"),
    ("actually make that Sunday at 4pm instead", "2026-11-22T16:00"),
    ("John Smith, 310-555-7788, Friday at 3pm, sciatica", "2026-11-27T15:00"),
    ("hurt my back lifting boxes on monday. can i come in on saturday at 10?", "2026-11-28T10:00"),
])
def test_worded_days_and_times(text, expected):
    iso, problem, _ = read_when(text, PROFILE, NOW)
    assert iso == expected, problem


@pytest.mark.parametrize("text, day", [
    ("Dec 4", "2026-12-04"), ("the 9th", "2026-12-09"), ("Monday", "2026-11-23"),
])
def test_a_day_without_a_time_is_kept_for_the_next_answer(text, day):
    iso, problem, found = read_when(text, PROFILE, NOW)
    assert iso is None and "What time on" in problem and found.isoformat() == day
    assert read_when("10:30am", PROFILE, NOW, known_day=found)[0] == day + "T10:30"


@pytest.mark.parametrize("text", ["may i book", "second opinion please", "asap"])
def test_words_that_look_like_dates_are_not_dates(text):
    assert read_when(text, PROFILE, NOW)[2] is None


def test_todays_weekday_then_a_time_already_gone_is_next_week():
    """"Monday" answered on a Monday at 11AM, then "10:30am": next Monday (the
    booking-eval persona that once looped on "That time has already passed")."""
    monday = datetime(2026, 11, 30, 11, 0)
    _, problem, day = read_when("Monday", PROFILE, monday)
    assert day.isoformat() == "2026-11-30" and "What time on Monday 30 November" in problem
    assert read_when("10:30am", PROFILE, monday, known_day=day)[0] == "2026-12-07T10:30"
    assert read_when("4pm", PROFILE, monday, known_day=day)[0] == "2026-11-30T16:00"
    assert "already passed" in read_when("10:30am today", PROFILE, monday, known_day=day)[1]


def test_sat_and_sun_are_days_before_a_part_of_the_day_or_a_time():
    """Session 15: "looking at sat am" after a question was not read as a day,
    so the form asked for one again; "sat in the sun" is still no day."""
    from datetime import date

    from bot.booking.when import find_when

    tuesday = date(2026, 12, 1)
    assert find_when("do you treat headaches from desk work? looking at sat am for an adjustment",
                     tuesday).day == date(2026, 12, 5)
    assert find_when("sun 2pm? my lower back is stiff from the drive", tuesday).day == date(2026, 12, 6)
    assert find_when("we sat in the sun all day and my lower back is stiff", tuesday).day is None
