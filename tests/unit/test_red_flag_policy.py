"""The conversation memory as a Rasa policy (bot/red_flag_policy.py), on real
trackers and the real domain."""
import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered

from bot import names
from bot.red_flags import context as ctx
from tests.policy_harness import predict


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    from bot import ROOT
    return Domain.load(str(ROOT / "domain"))


def _user(text, intent="faq", level="none"):
    record = {"level": level, "cues": sorted(ctx.cues(ctx.prepare(text)))}
    return UserUttered(text, {"name": intent}, parse_data={"intent": {"name": intent}, "red_flag": record,
                                                           "intent_ranking": [{"name": intent}]})


def _predict(domain, events):
    from bot.red_flag_policy import RedFlagMemoryPolicy

    return predict(RedFlagMemoryPolicy, domain, events)


def test_two_halves_in_two_messages_escalate_and_name_the_sign(domain):
    events = [ActionExecuted("action_listen"), _user("sciatica down my left leg"), ActionExecuted("utter_faq"),
              ActionExecuted("action_listen"), _user("now my right leg too")]
    action, extra = _predict(domain, events)
    assert action == names.UTTER_EMERGENCY
    assert SlotSet(names.RED_FLAG_SIGN, "sciatica or leg symptoms in both legs") in extra
    # ...then records it and listens.
    events.append(ActionExecuted(names.UTTER_EMERGENCY))
    assert _predict(domain, events)[0] == names.ACTION_RECORD_RED_FLAG
    events.append(ActionExecuted(names.ACTION_RECORD_RED_FLAG))
    assert _predict(domain, events)[0] == "action_listen"


def test_in_the_booking_form_the_form_is_stopped_first(domain):
    events = [ActionExecuted("action_listen"), _user("my left leg is numb"), ActionExecuted("utter_faq"),
              ActionExecuted("action_listen"), _user("book me in", "request_booking"),
              ActionExecuted("booking_form"), ActiveLoop("booking_form"), ActionExecuted("action_listen"),
              _user("my right leg is tingling now too", "nlu_fallback")]
    assert _predict(domain, events)[0] == "action_deactivate_loop"


def test_nothing_to_remember_leaves_it_to_the_other_policies(domain):
    events = [ActionExecuted("action_listen"), _user("what is sciatica")]
    assert _predict(domain, events)[0] is None


def test_after_an_emergency_a_booking_request_gets_the_advice(domain):
    events = [ActionExecuted("action_listen"), _user("I can't pee", names.INTENT_EMERGENCY, "emergency"),
              ActionExecuted(names.UTTER_EMERGENCY), ActionExecuted(names.ACTION_RECORD_RED_FLAG),
              ActionExecuted("action_listen"), _user("can I book acupuncture instead", "request_booking")]
    assert _predict(domain, events)[0] == names.UTTER_EMERGENCY_HOLD
