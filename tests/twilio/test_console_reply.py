"""The SMS path of a live reply, end to end: a patient texting asks for a
person, staff reply in the console, Rasa's HTTP API hands the message to the
Twilio channel's output, and the official twilio client posts it to Twilio's
REST API (a local stand-in, asserted here) for the patient's number."""
import base64
import time

from bot.store import Store
from tests.console.conftest import csrf, sign_in
from tests.twilio.signing import ACCOUNT_SID, TOKEN


def test_a_staff_reply_reaches_an_sms_patient_through_twilios_api(twilio, twilio_api, phone, monkeypatch):
    import os

    from bot.console.app import create_app

    _, sent = twilio_api
    replies = twilio.text(phone, "can someone from the clinic call me please")
    assert any("passed your request" in r for r in replies)
    store = Store(os.environ["DATABASE_URL"])
    [row] = [h for h in store.handovers() if h.conversation_id == f"twilio:{phone}"]
    assert row.channel == "twilio"

    monkeypatch.setenv("RASA_INTERNAL_URL", twilio.assistant.url)
    monkeypatch.setenv("RASA_AUTH_TOKEN", twilio.env["RASA_AUTH_TOKEN"])
    store.add_user("sam", "correct horse battery")
    console = create_app({"SECRET_KEY": "k"}, store=store).test_client()
    sign_in(console, name="sam")
    page = console.get(f"/handovers/{row.id}").get_data(as_text=True)
    assert "by SMS/WhatsApp" in page and "can someone from the clinic call me please" in page
    before = len(sent)
    console.post(f"/handovers/{row.id}/reply", data={"text": "Hi, it's Sam at the clinic. I'll call you at 3pm.",
                                                     "csrf_token": csrf(page)})
    deadline = time.time() + 10
    while len(sent) == before and time.time() < deadline:
        time.sleep(0.1)
    path, auth, body = sent[-1]
    assert path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert auth == "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{TOKEN}".encode()).decode()
    assert body == {"To": [phone], "From": ["+15557654321"], "Body": ["Hi, it's Sam at the clinic. I'll call you at 3pm."]}
    assert "Sent to the patient." in console.get(f"/handovers/{row.id}").get_data(as_text=True)
