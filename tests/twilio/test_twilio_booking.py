"""Booking over SMS/WhatsApp (signed Twilio webhook): the number the patient
writes from is offered, and a cancellation finds the request by that number."""
import os

from bot.store import Store


def _store():
    return Store(os.environ["DATABASE_URL"])


def test_the_sms_number_is_offered_and_stored_and_a_cancellation_is_linked(twilio, phone):
    twilio.text(phone, "book me in")
    reply = " ".join(twilio.text(phone, "Cal Reed")).lower()
    assert "shall i use this number" in reply and phone in reply
    twilio.text(phone, "yes")
    twilio.text(phone, "Monday at 3pm")
    read_back = " ".join(twilio.text(phone, "lower back pain"))
    assert "Cal Reed" in read_back and phone in read_back
    done = " ".join(twilio.text(phone, "yes"))
    assert f"call or text you on {phone}" in done
    row = _store().latest_booking("twilio:" + phone)
    assert (row.name, row.contact, row.reason) == ("Cal Reed", phone, "lower back pain")
    reply = " ".join(twilio.text(phone, "I can't make my appointment, please cancel it")).lower()
    assert "cancel your request" in reply
    updates = _store().booking_updates(row.id)
    assert [u.kind for u in updates] == ["cancel"]
