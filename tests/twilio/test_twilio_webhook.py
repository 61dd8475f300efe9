"""The Twilio webhook of the running assistant (bot/channels/twilio.py via
credentials.yml): signed SMS and WhatsApp messages answered in TwiML."""
import os

from bot.profile import load_profile
from bot.store import get_store
from tests.twilio.conftest import messages
from tests.twilio.signing import twilio_form

EMERGENCY_START = "This could be an emergency"


def red_flags_of(sender):
    # This session's database explicitly: get_store() without a URL may hold
    # the store of an earlier test module in the same pytest run.
    return [e for e in get_store(os.environ["DATABASE_URL"]).red_flags(limit=500)
            if e.conversation_id == "twilio:" + sender]


def test_a_signed_sms_is_answered(twilio, phone):
    replies = twilio.text(phone, "what is sciatica?")
    assert replies
    assert "sciatic" in " ".join(replies).lower()


def test_a_whatsapp_message_is_answered(twilio):
    replies = twilio.text("whatsapp:+15551234567", "what are your opening hours?")
    assert load_profile().hours_text() in " ".join(replies)


def test_a_forged_signature_gets_403_and_is_not_processed(twilio, phone):
    status, _ = twilio.post(twilio_form(phone, "hi"), signature="bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==")
    assert status == 403
    # The first message that gets through opens the conversation (disclaimer).
    assert "not a doctor" in " ".join(twilio.text(phone, "hi"))


def test_a_missing_signature_gets_403_and_is_not_processed(twilio, phone):
    status, body = twilio.post(twilio_form(phone, "hi"), signature=None)
    assert status == 403 and "<Message>" not in body
    assert "not a doctor" in " ".join(twilio.text(phone, "hi"))


def test_a_message_signed_for_another_host_gets_403(twilio, phone):
    status, _ = twilio.post(twilio_form(phone, "hi"), headers={"X-Forwarded-Host": "evil.example"})
    assert status == 403


def test_buttons_are_numbered_and_1_selects_the_first(twilio, phone):
    question = " ".join(twilio.text(phone, "something feels wrong down there"))
    assert "when you pee" in question
    assert "Reply 1 for Yes, 2 for No." in question
    replies = twilio.text(phone, "1")  # the "Yes" button: /affirm
    assert replies[0].startswith("Thank you for telling me. " + EMERGENCY_START)
    assert [e.channel for e in red_flags_of(phone)] == ["twilio"]


def test_2_selects_the_second_button(twilio, phone):
    twilio.text(phone, "my waterworks feel odd")
    reply = " ".join(twilio.text(phone, "2"))  # the "No" button: /deny
    assert "If any of those do happen" in reply
    assert EMERGENCY_START not in reply
    assert red_flags_of(phone) == []


def test_a_red_flag_comes_first_and_whole(twilio, phone):
    replies = twilio.text(phone, "I've lost control of my bladder")
    number = load_profile().emergency_number
    first = replies[0]
    assert first.startswith(EMERGENCY_START)
    assert first.endswith("Do not wait for an acupuncture appointment.")
    assert f"call {number} now" in first
    # The first-contact disclaimer comes after it, in its own message.
    assert len(replies) >= 2 and "not a doctor" in replies[1]
    assert EMERGENCY_START not in " ".join(replies[1:])


def test_a_replayed_message_sid_is_not_processed_twice(twilio, phone):
    form = twilio_form(phone, "I've lost control of my bladder")
    status, first = twilio.post(form)
    assert status == 200 and messages(first)[0].startswith(EMERGENCY_START)
    status, again = twilio.post(form)
    assert status == 200 and messages(again) == []
    assert len(red_flags_of(phone)) == 1


def test_an_empty_message_gets_a_polite_reply(twilio, phone):
    assert "didn't get any text" in twilio.text(phone, "   ")[0]


def test_a_huge_message_gets_a_polite_reply(twilio, phone):
    reply = twilio.text(phone, "my back hurts " * 1000)[0]
    assert "too long" in reply and load_profile().emergency_number in reply


def test_a_non_form_body_is_a_4xx_not_a_500(twilio, phone):
    status, _ = twilio.post(twilio_form(phone, "hi"), headers={"Content-Type": "application/json"})
    assert 400 <= status < 500


def test_replies_fit_in_twilio_messages(twilio, phone):
    for question in ["what can you do?", "how does acupuncture help back pain?",
                     "zorgle blimfax quantum"]:
        for body in twilio.text(phone, question):  # messages() checks <= 1600, no markdown
            assert body.strip()
