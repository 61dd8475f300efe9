"""The trained assistant over the REST channel, on phrasings that are not in
the training data (one per main topic), plus out-of-scope and fallback."""
import re

import pytest

from bot.profile import load_profile

# (unseen question, words the answer must contain, article it must name)
TOPICS = [
    ("my sciatic nerve is playing up again, what is this condition exactly",
     ["sciatic", "leg"], "Relieving Sciatica Discomfort"),
    ("narrowing in the lower spine pinching nerves, what's that called",
     ["stenosis"], "Low Back Pain: Causes and Holistic Treatment"),
    ("which way should i lie in bed at night so my lower back is ok",
     ["side", "knee"], "Low Back Pain: Causes and Holistic Treatment"),
    ("moving house next week, tips for picking up boxes without wrecking my back",
     ["knee"], "Low Back Pain: Causes and Holistic Treatment"),
    ("in what way do the needles actually reduce back pain",
     ["acupuncture"], None),
]


@pytest.mark.parametrize("question, words, article", TOPICS)
def test_topic_answers_say_what_the_article_says(assistant, sender, question, words, article):
    reply = assistant.say(sender, question).lower()
    for word in words:
        assert word in reply, reply
    assert "from the article" in reply
    if article:
        assert article.lower() in reply


def test_first_reply_says_once_it_is_not_a_doctor(assistant, sender):
    first = assistant.say(sender, "hi there")
    second = assistant.say(sender, "hello again")
    assert "not a doctor" in first
    assert "not a doctor" not in second


def test_opening_hours_come_from_the_clinic_profile(assistant, sender):
    reply = assistant.say(sender, "are you guys open on thursdays")
    assert load_profile().hours_text() in reply


def test_out_of_scope_is_declined_politely(assistant, sender):
    reply = assistant.say(sender, "which stocks should I buy this year").lower()
    assert re.search(r"sorry|can't|cannot|only", reply)
    assert "from the article" not in reply


def test_unknown_question_is_not_guessed(assistant, sender):
    reply = assistant.say(sender, "zorgle blimfax quantum").lower()
    assert "from the article" not in reply
    assert "sorry" in reply or "not sure" in reply
