"""Hand-over to a person over REST, with the real servers and databases:
the request and its context reach staff, the assistant pauses (red flags
still escalate), and it answers again when the patient or staff resume it.
Also: a conversation survives a restart of the Rasa server."""
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.server import running_assistant

ROOT = Path(__file__).resolve().parents[2]
WHEN = re.compile(r"We're open until|We're closed|We open at|We close soon")


def staff(*args, tracker_url=""):
    env = dict(os.environ, TRACKER_STORE_URL=tracker_url) if tracker_url else os.environ
    return subprocess.run([sys.executable, "-m", "bot.staff", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


def _handover_id(sender):
    line = next(line for line in staff("handovers").splitlines() if line.endswith(sender))
    return int(line.split()[0])


def test_handover_pauses_until_the_patient_wants_the_assistant_back(assistant, sender, staff_webhook):
    assert "sciatica" in assistant.say(sender, "what is sciatica?").lower()
    reply = assistant.say(sender, "I'd like to talk to a real person please")
    assert "passed your request" in reply and WHEN.search(reply), reply
    assert "phone number or email" in reply          # the web has no number to reply to
    request = _handover_id(sender)
    shown = staff("handover", str(request))
    assert "patient: what is sciatica?" in shown and "assistant:" in shown
    _, notices = staff_webhook
    assert any(n["type"] == "handover_request" and n["id"] == request for n in notices)

    # Waiting: questions are passed on, not answered; a contact is picked up.
    reply = assistant.say(sender, "how long does an acupuncture session last?")
    assert "added that to your request" in reply and "minutes" not in reply
    reply = assistant.say(sender, "you can call me on 310 555 0142")
    assert "+13105550142" in reply
    shown = staff("handover", str(request))
    assert "how long does an acupuncture session last?" in shown and "+13105550142" in shown

    # A red flag is never held back.
    reply = assistant.say(sender, "I suddenly can't control my bladder")
    assert "emergency" in reply.lower() and "added that" not in reply

    reply = assistant.say(sender, "back to the assistant")
    assert "I'm back" in reply
    assert "sciatica" in assistant.say(sender, "what is sciatica?").lower()


def test_staff_resume_the_conversation_from_the_command_line(assistant, sender):
    assistant.say(sender, "can someone from the clinic call me")
    assert "added that" in assistant.say(sender, "hello?")
    request = _handover_id(sender)
    out = staff("resume", str(request), tracker_url=assistant.tracker_store_url)
    assert "the assistant answers again" in out
    assert "contacted" in staff("handovers")
    reply = assistant.say(sender, "what causes low back pain?")
    assert "added that" not in reply and "back" in reply.lower()


def test_a_conversation_survives_a_restart_of_the_rasa_server(tmp_path):
    env = {"TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}"}
    sender = "restart-test"
    with running_assistant(env=env) as bot:
        bot.say(sender, "I'd like to book an appointment")
        assert "phone number or email" in bot.say(sender, "Robin Park").lower()
    with running_assistant(env=env) as bot:
        # The form carries on where it was: the next answer is the contact.
        reply = bot.say(sender, "robin@example.org")
        assert "what day and time" in reply.lower()
