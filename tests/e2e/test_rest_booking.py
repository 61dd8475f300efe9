"""A booking made over the REST channel reaches the staff list."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_booking_over_rest_is_listed_for_staff(assistant, sender):
    assert "name" in assistant.say(sender, "I'd like to book an appointment please").lower()
    assert "phone number or email" in assistant.say(sender, "Jamie Rivera").lower()
    reply = assistant.say(sender, "(310) 555-0177")
    assert "what day and time" in reply.lower()
    reply = assistant.say(sender, "thursday at 11am")
    assert "closed on thursdays" in reply.lower()
    assert "help with" in assistant.say(sender, "next Friday at 11am").lower()
    reply = assistant.say(sender, "my lower back has been stiff for a while")
    assert "Jamie Rivera" in reply and "+13105550177" in reply and "is that correct?" in reply.lower()
    done = assistant.say(sender, "yes")
    assert "passed on" in done and "call or text" in done
    listing = subprocess.run([sys.executable, "-m", "bot.staff", "list"], cwd=ROOT, env=os.environ,
                             capture_output=True, text=True, check=True).stdout
    assert "Jamie Rivera" in listing and "+13105550177" in listing


def test_a_question_in_the_form_is_answered_and_the_form_resumes(assistant, sender):
    assistant.say(sender, "book me in")
    reply = assistant.say(sender, "what are your opening hours?").lower()
    assert "8am-8pm" in reply and "what name" in reply


def test_an_emergency_in_the_form_interrupts_it(assistant, sender):
    assistant.say(sender, "book me in")
    assistant.say(sender, "Pat Doe")
    reply = assistant.say(sender, "wait, I can't feel anything when I wipe")
    assert "could be an emergency" in reply.lower()
    # Emergency care comes first: the booking is not offered again (issue #11).
    assert "continue booking" not in reply.lower()
    assert "emergency care first" in assistant.say(sender, "continue booking").lower()
