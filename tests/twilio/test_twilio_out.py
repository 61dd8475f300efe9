"""A staff reply sent by SMS/WhatsApp: the official twilio client's request,
made to a local HTTP server standing in for Twilio's REST API."""
import asyncio
import base64

import pytest

from bot.channels.twilio import TwilioChannel
from bot.channels.twilio_out import TwilioRestOutput


@pytest.fixture
def sent(twilio_api, monkeypatch):
    """What the client posted to the local stand-in for Twilio's API
    (tests/twilio/conftest.py), from this test on."""
    url, requests = twilio_api
    monkeypatch.setenv("TWILIO_API_BASE_URL", url)
    del requests[:]
    return requests


def test_a_staff_reply_is_sent_to_the_patients_number_with_the_account_credentials(sent):
    output = TwilioRestOutput("AC123", "auth-token", "+13105550100")
    asyncio.run(output.send_text_message("twilio:+13105550142", "Hi, it's **Rosa** from the clinic."))
    [(path, auth, body)] = sent
    assert path == "/2010-04-01/Accounts/AC123/Messages.json"
    assert auth == "Basic " + base64.b64encode(b"AC123:auth-token").decode()
    assert body["To"] == ["+13105550142"] and body["From"] == ["+13105550100"]
    assert body["Body"] == ["Hi, it's Rosa from the clinic."]


def test_whatsapp_replies_come_from_the_whatsapp_sender(sent):
    output = TwilioRestOutput("AC123", "auth-token", "+13105550100")
    asyncio.run(output.send_text_message("twilio:whatsapp:+447700900123", "Hello"))
    [(_, _, body)] = sent
    assert body["To"] == ["whatsapp:+447700900123"] and body["From"] == ["whatsapp:+13105550100"]


def test_the_channel_offers_the_rest_output_only_when_the_account_is_configured():
    assert TwilioChannel(auth_token="t", account_sid="AC1", twilio_number="+1310").get_output_channel() is not None
    assert TwilioChannel(auth_token="t").get_output_channel() is None
