"""Short follow-ups about the topic just discussed (bot/followups.py and
bot/followup_policy.py on real trackers and the real domain)."""
import pytest
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered

from bot import names
from bot.followups import follow_up_topic, kind_of
from tests.policy_harness import load_domain, predict


@pytest.mark.parametrize("text, last, topic", [
    ("how long?", "acupuncture_how", "acupuncture_sessions"),
    ("does it hurt?", "acupuncture_how", "acupuncture_side_effects"),
    ("is it safe?", "cupping", "acupuncture_side_effects"),
    ("how often should i do it", "exercise_bridge", "exercise_bridge"),          # its repetitions
    ("how long until it helps?", "exercise_bridge", "exercise_how_long"),
    ("how often should i do them", "exercises_overview", "exercise_how_long"),
    ("what about at night?", "sciatica_what", "sleep_position"),
    ("and if i'm pregnant?", "exercise_pelvic_tilt", "pregnancy"),
    ("how long does a session take at your clinic usually", "acupuncture_how", None),  # a new question
    ("what is sciatica", "acupuncture_how", None),
    ("how long?", None, None),
])
def test_follow_up_topics(text, last, topic):
    assert follow_up_topic(text, last) == topic


def test_a_long_message_is_not_a_follow_up():
    assert kind_of("how long " + "really " * 12) is None


@pytest.fixture(scope="module")
def domain():
    return load_domain()


def _user(text, intent="faq", key=None):
    parse = {"intent": {"name": intent}}
    if key:
        parse["response_selector"] = {"faq": {"response": {"intent_response_key": f"faq/{key}"}}}
    return UserUttered(text, {"name": intent}, parse_data=parse)


def _predict(domain, events):
    from bot.followup_policy import FollowUpPolicy

    return predict(FollowUpPolicy, domain, events)


def test_an_faq_answer_keeps_its_topic_and_a_follow_up_is_answered_about_it(domain):
    events = [ActionExecuted("action_listen"), _user("how does acupuncture help back pain", key="acupuncture_how")]
    action, extra = _predict(domain, events)
    assert action == "utter_faq" and SlotSet(names.LAST_TOPIC, "acupuncture_how") in extra
    events += extra + [ActionExecuted("utter_faq"), ActionExecuted("action_listen"),
                       _user("does it hurt?", key="exercise_safety")]
    action, extra = _predict(domain, events)
    assert action == names.ACTION_ANSWER_FOLLOWUP
    assert SlotSet(names.LAST_TOPIC, "acupuncture_side_effects") in extra
    events += extra + [ActionExecuted(names.ACTION_ANSWER_FOLLOWUP)]
    assert _predict(domain, events)[0] == "action_listen"


def test_a_red_flag_or_a_booking_is_never_taken_as_a_follow_up(domain):
    events = [SlotSet(names.LAST_TOPIC, "acupuncture_how"), ActionExecuted("action_listen"),
              _user("how long? I can't feel my legs", "red_flag_emergency")]
    assert _predict(domain, events)[0] is None
    events[-1] = _user("how long is the wait for an appointment", "request_booking")
    assert _predict(domain, events)[0] is None
