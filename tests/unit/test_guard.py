"""The input guard every channel applies before the NLU pipeline."""
import pytest

from bot import server
from bot.channels import guard
from bot.profile import load_profile

PROFILE = load_profile()


@pytest.mark.parametrize("raw, cleaned", [
    ("  hello \u0000there\u0007 ", "hello there"),
    ("line one\nline two\ttab", "line one\nline two\ttab"),
    ("bad \ud800 surrogate", "bad ? surrogate"),
    ("\ufeff\ufffe", "\ufeff"),
])
def test_clean_drops_control_characters_and_lone_surrogates(raw, cleaned):
    assert guard.clean(raw) == cleaned


def test_refusals(monkeypatch):
    assert guard.refusal("", PROFILE) == guard.EMPTY
    assert guard.refusal("what is sciatica?", PROFILE) is None
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "100")
    long = "my back hurts " * 20
    reply = guard.refusal(long, PROFILE)
    assert "more than 100 characters" in reply and PROFILE.phone in reply
    assert PROFILE.emergency_number in reply
    flagged = guard.refusal(long + " and now I have lost control of my bowels", PROFILE)
    assert flagged.startswith("Your message mentions") and "bowel" in flagged


def test_settings_fall_back_to_defaults_when_unreadable(monkeypatch):
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "lots")
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "-5")
    assert guard.max_message_chars() == guard.DEFAULT_MAX_MESSAGE_CHARS
    assert server.action_timeout_seconds() == 1.0
