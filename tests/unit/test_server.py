"""bot/server.py: Rasa's adjustments from one start-up module, for Rasa 3.6
only (issue 14 item 10)."""
import pytest

from bot import server


def test_the_adjustments_are_in_place_after_start_up(monkeypatch):
    import rasa.core.actions.action as rasa_actions

    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "7")
    server.apply_adjustments()
    server.apply_adjustments()                     # twice is harmless
    assert rasa_actions.DEFAULT_REQUEST_TIMEOUT == 7.0
    assert getattr(rasa_actions.RemoteAction.run, "clinic_fallback", False)
    assert getattr(rasa_actions.RemoteAction._validate_action_result, "clinic_fast", False)


def test_another_rasa_version_refuses_to_start(monkeypatch):
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(SystemExit, match="written for Rasa 3.6"):
        server.apply_adjustments()


def test_a_channel_no_longer_applies_them_as_a_side_effect():
    import inspect

    from bot.channels import rest

    source = inspect.getsource(rest.RestInput.from_credentials)
    assert "apply_adjustments" not in source and "harden" not in source
