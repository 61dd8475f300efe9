"""Conversations are scoped by channel (issue 14): a REST client naming a
patient's phone number reaches neither that patient's conversation nor
their half-filled booking (here with the Twilio server's fixture; the other
security tests are in tests/security/)."""
import json
import urllib.error
import urllib.request

from tests.twilio.signing import PATH


def _rest(twilio, sender, text):
    request = urllib.request.Request(twilio.url[:-len(PATH)] + "/webhooks/rest/webhook",
                                     data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, " ".join(m.get("text") or "" for m in json.loads(response.read() or b"[]"))
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_rest_posting_as_an_sms_number_does_not_continue_that_conversation(twilio, phone):
    twilio.text(phone, "book me in")
    twilio.text(phone, "Rosa Secret")
    assert "what day and time" in " ".join(twilio.text(phone, "rosa.secret@example.com")).lower()
    status, reply = _rest(twilio, phone, "Friday at 10am")
    assert status == 200
    assert "Rosa" not in reply and "rosa.secret" not in reply and "is that correct" not in reply.lower()
    # The patient's own conversation is where it was: the form goes on.
    assert "what would you like help with" in " ".join(twilio.text(phone, "Friday at 10am")).lower()


def test_rest_cannot_name_another_channels_conversation(twilio, phone):
    for sender in ("twilio:" + phone, "TWILIO:" + phone, "web:0123456789abcdef"):
        status, _ = _rest(twilio, sender, "hello")
        assert status == 403, sender
