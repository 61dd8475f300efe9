"""Questions about the clinic answered from its profile: opening times yes or no, and its
own topics told apart from health questions (bot/clinic_questions.py)."""
from datetime import datetime

import pytest

from bot.clinic_questions import clinic_topic, open_answer
from bot.profile import load_profile

NOW = datetime(2026, 11, 21, 18, 0)   # Saturday 6PM; the clinic is closed on Thursdays, open 8AM-8PM
PROFILE = load_profile()


@pytest.mark.parametrize("text, start", [
    ("are you open today?", "Yes, we're open today, 8AM to 8PM"),
    ("are you open on Sunday?", "Yes, we're open on Sunday 22 November (tomorrow)"),
    ("are you open thursday", "No, we're closed on Thursday 26 November"),
    ("open at 7pm tomorrow?", "Yes, we're open at 7PM on Sunday 22 November"),
    ("r u open at 9pm tonight", "No, we're not open at 9PM today"),
    ("are you open now", "Yes, we're open now"),
])
def test_yes_or_no_with_that_days_hours(text, start):
    assert open_answer(text, PROFILE, NOW).startswith(start)


def test_the_hours_in_general_are_left_to_the_faq_answer():
    assert open_answer("what are your opening hours", PROFILE, NOW) is None


def test_now_is_read_in_the_clinics_time_zone():
    late = datetime(2026, 11, 21, 21, 0)
    assert open_answer("are you open right now?", PROFILE, late).startswith("No, we're not open now")


@pytest.mark.parametrize("text, topic", [
    ("do you take bupa for physio?", "cost"),
    ("i will put the massage through my health fund", None),          # not a question
    ("can i put the massage through my health fund?", "cost"),
    ("is the remedial massage claimable on extras?", "cost"),
    ("how much for a 90 min session?", "cost"),
    ("is there a lift up to your rooms? my dad uses a walker", "clinic_details"),
    ("how long is the waiting list for a first visit?", "clinic_details"),
    ("what should i wear for a sports massage?", "clinic_details"),
    ("does acupuncture hurt?", None),
    ("how soon will i feel better after cupping?", None),
    ("what are the benefits of cupping?", None),
    ("my back hurts when i lift the baby, why?", None),
    ("why was i charged a fee when i cancelled a day ahead?", None),   # a complaint: a person, not prices
    ("twisted my back gardening, should i book the osteo or a massage?", "which_treatment"),
    ("is it better to see the acupuncturist or the physio first for a stiff neck?", "which_treatment"),
    ("should i see my doctor or wait and book a massage?", None),      # the articles' when-to-seek-help
    ("should i book now or after the weekend?", None),                  # no treatment named
])
def test_questions_about_the_clinic_itself_are_told_apart(text, topic):
    assert clinic_topic(text) == topic
