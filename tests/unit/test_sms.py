"""Replies formatted for SMS and WhatsApp (bot/channels/sms.py)."""
import re
import xml.etree.ElementTree as ET

import pytest

from bot.channels import sms

# --- markdown ---------------------------------------------------------------


@pytest.mark.parametrize("markdown, plain", [
    ("**Rest** is not always best.", "Rest is not always best."),
    ("__Rest__ and _gentle_ movement", "Rest and gentle movement"),
    ("Try *gentle* stretches", "Try gentle stretches"),
    ("***Really*** important", "Really important"),
    ("See [our booking page](https://clinic.example/book) today.",
     "See our booking page (https://clinic.example/book) today."),
    ("[https://clinic.example](https://clinic.example)", "https://clinic.example"),
    ("## Opening hours\nMon-Fri", "Opening hours\nMon-Fri"),
    ("* heat\n* stretches", "- heat\n- stretches"),
    ("> a quote", "a quote"),
    ("Use `ice` first", "Use ice first"),
    ("~~old~~ new", "old new"),
])
def test_markdown_is_stripped(markdown, plain):
    assert sms.strip_markdown(markdown) == plain


@pytest.mark.parametrize("text", [
    "Fill in booking_name and booking_contact",
    "Go to https://clinic.example/a_b_c/_x_/page?q=*y* now.",
    "2 * 3 = 6 and 10-40% of adults",
    "It's a plain sentence, isn't it?",
])
def test_plain_text_and_urls_are_left_alone(text):
    assert sms.strip_markdown(text) == text


def test_link_urls_keep_their_underscores():
    out = sms.strip_markdown("[Sciatica](https://clinic.example/sciatica_self_care_)")
    assert out == "Sciatica (https://clinic.example/sciatica_self_care_)"


# --- buttons ----------------------------------------------------------------

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


def test_buttons_become_numbered_options():
    text = sms.message_text({"text": "Do you have numbness?", "buttons": YES_NO})
    assert text == "Do you have numbness?\n\nReply 1 for Yes, 2 for No."


@pytest.mark.parametrize("reply, payload", [
    ("1", "/affirm"), (" 2 ", "/deny"), ("2.", "/deny"), ("1)", "/affirm"),
    ("3", None), ("0", None), ("yes", None), ("1 and 2", None), ("", None),
])
def test_numbered_reply_selects_the_payload(reply, payload):
    assert sms.select_payload(reply, YES_NO) == payload


def test_a_number_without_buttons_is_just_text():
    assert sms.select_payload("1", []) is None


def test_options_are_numbered_across_a_turn_in_display_order():
    turn = [
        {"text": "Pick a topic", "buttons": [{"title": "Exercises", "payload": "/a"}]},
        {"text": "Or", "buttons": [{"title": "Book", "payload": "/b"}, {"title": "Call", "payload": "/c"}]},
    ]
    bodies = sms.format_reply(turn)
    assert "Reply 1 for Exercises." in bodies[0]
    assert "Reply 2 for Book, 3 for Call." in bodies[0]
    buttons = sms.reply_buttons(turn)
    assert sms.select_payload("3", buttons) == "/c"


def test_red_flag_buttons_numbering_follows_reordering():
    turn = [{"text": "Booking?", "buttons": [{"title": "Book", "payload": "/book"}]},
            {"text": "Emergency!", "utter_action": "utter_red_flag_emergency",
             "buttons": [{"title": "Call", "payload": "/call"}]}]
    bodies = sms.format_reply(turn)
    assert bodies[0].startswith("Emergency!") and "Reply 1 for Call." in bodies[0]
    assert "Reply 2 for Book." in bodies[1]
    assert sms.select_payload("2", sms.reply_buttons(turn)) == "/book"


# --- splitting --------------------------------------------------------------

def _sentences(n_chars):
    words = "Gentle movement usually helps low back pain more than bed rest does".split()
    out, i = [], 0
    while len(" ".join(out)) < n_chars:
        out.append(" ".join(words[: 3 + i % 9]) + ".")
        i += 1
    return " ".join(out)


def test_short_text_is_not_split():
    assert sms.split_text("Hello there.") == ["Hello there."]
    assert sms.split_text("") == []


def test_a_2000_character_answer_splits_at_sentences():
    text = _sentences(2000)
    assert len(text) >= 2000
    pieces = sms.split_text(text)
    assert len(pieces) == 2
    assert all(len(p) <= sms.MAX_CHARS for p in pieces)
    assert all(p.endswith(".") for p in pieces)  # cut between sentences
    assert " ".join(pieces) == text  # nothing lost or reordered


def test_split_never_cuts_a_word():
    text = _sentences(5000)
    words = text.split()
    pieces = sms.split_text(text, limit=300)
    assert all(len(p) <= 300 for p in pieces)
    assert [w for p in pieces for w in p.split()] == words


def test_one_long_sentence_splits_between_words():
    sentence = " ".join(["acupuncture"] * 300) + "."
    pieces = sms.split_text(sentence)
    assert len(pieces) == 3
    assert all(len(p) <= sms.MAX_CHARS for p in pieces)
    assert all(set(p.split()) <= {"acupuncture", "acupuncture."} for p in pieces)


def test_a_long_sentence_then_short_ones():
    text = "First. " + " ".join(["word"] * 100) + ". Last one."
    pieces = sms.split_text(text, limit=120)
    assert all(len(p) <= 120 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_only_a_word_longer_than_the_limit_is_cut():
    url = "https://clinic.example/" + "x" * 2000
    pieces = sms.split_text("See " + url)
    assert all(len(p) <= sms.MAX_CHARS for p in pieces)
    assert pieces[0] == "See" and "".join(pieces[1:]) == url


def test_paragraphs_are_boundaries():
    text = "a" * 50 + "\n" + "b" * 50
    assert sms.split_text(text, limit=60) == ["a" * 50, "b" * 50]


# --- a turn -----------------------------------------------------------------

EMERGENCY = ("This could be an emergency: loss of bladder control must be checked by a doctor "
             "straight away. Please call 911 now or go to the nearest emergency department. "
             "Do not wait for an acupuncture appointment.")


def test_red_flags_go_first_and_whole():
    turn = [{"text": "Hello, I'm the virtual assistant. I'm **not** a doctor.",
             "utter_action": None},
            {"text": EMERGENCY, "utter_action": "utter_red_flag_emergency"},
            {"text": "Would you like to continue booking?", "utter_action": "utter_booking_paused"}]
    bodies = sms.format_reply(turn)
    assert bodies[0] == EMERGENCY
    assert "not a doctor" in bodies[1] and "continue booking" in bodies[1]
    assert "**" not in "".join(bodies)


@pytest.mark.parametrize("name", sorted(sms.RED_FLAG_RESPONSES))
def test_every_red_flag_response_is_recognised(name):
    turn = [{"text": "x" * 1500 + "."}, {"text": "Call 911.", "utter_action": name}]
    assert sms.format_reply(turn)[0] == "Call 911."


def test_red_flag_is_not_merged_or_split_by_neighbours():
    long = _sentences(1500)
    turn = [{"text": long}, {"text": EMERGENCY, "utter_action": "utter_red_flag_urgent"}]
    bodies = sms.format_reply(turn)
    assert bodies == [EMERGENCY, long]


def test_short_messages_are_joined_long_ones_split():
    turn = [{"text": "Hi."}, {"text": "Ask me anything."}, {"text": _sentences(3000)}]
    bodies = sms.format_reply(turn)
    assert bodies[0].startswith("Hi.\n\nAsk me anything.")
    assert all(len(b) <= sms.MAX_CHARS for b in bodies)
    assert len(bodies) == 2


def test_at_most_ten_messages():
    bodies = sms.format_reply([{"text": _sentences(30000)}])
    assert len(bodies) == sms.MAX_MESSAGES
    assert bodies[-1] == sms.TOO_MANY_MESSAGES


def test_images_are_sent_as_links():
    assert sms.format_reply([{"text": "Stretch", "image": "https://x.example/a.png"}]) == [
        "Stretch\n\nhttps://x.example/a.png"]


# --- TwiML ------------------------------------------------------------------

def test_twiml_escapes_and_parses():
    doc = sms.twiml(["Tom & Jerry <b>hi</b> \"q\"", "second\x01"])
    root = ET.fromstring(doc)
    assert root.tag == "Response"
    assert [m.text for m in root.findall("Message")] == ["Tom & Jerry <b>hi</b> \"q\"", "second"]
    assert "<b>" not in doc


def test_empty_twiml_sends_nothing():
    doc = sms.twiml([])
    assert re.search(r"<Response\s*/>$", doc)
    assert ET.fromstring(doc).findall("Message") == []


@pytest.mark.parametrize("text, number", [("1", 1), (" 12. ", 12), ("#3", 3), ("1st", None),
                                          ("one", None), ("123", None)])
def test_option_number(text, number):
    assert sms.option_number(text) == number


def test_the_screening_question_by_sms_has_numbered_replies():
    """The CES screening question from the domain, as an SMS: one message,
    the question whole, "Reply 1 for Yes, 2 for No"; "1" selects yes."""
    from rasa.shared.core.domain import Domain

    from bot import ROOT, names

    response = Domain.load(str(ROOT / "domain")).responses[names.UTTER_CLARIFY][-1]
    turn = [{"text": response["text"], "buttons": response["buttons"], "utter_action": names.UTTER_CLARIFY}]
    bodies = sms.format_reply(turn)
    assert len(bodies) == 1
    assert bodies[0].startswith(response["text"])
    assert bodies[0].endswith("Reply 1 for Yes, 2 for No.")
    assert sms.select_payload("1", response["buttons"]) == "/affirm"
    assert sms.select_payload("2", response["buttons"]) == "/deny"
