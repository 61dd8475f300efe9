"""Follow-ups answered about the topic just discussed (issue #13): 30
two-turn conversations over REST against the trained assistant. The first
question is one the articles answer; the follow-up only makes sense after it."""
import pytest

SESSIONS = "varies from person to person"
SIDE_EFFECTS = "rarely produce side effects"
EXERCISE_TIME = "every day, you should start to see some improvement"
EXERCISE_SAFETY = "take it slowly"
SLEEP = "sleeping on your side"
PREGNANCY = "late pregnancy"

CONVERSATIONS = [
    ("how does acupuncture help back pain?", "how long?", SESSIONS),
    ("how does acupuncture help back pain?", "does it hurt?", SIDE_EFFECTS),
    ("how does acupuncture help back pain?", "is it safe?", SIDE_EFFECTS),
    ("how does acupuncture help back pain?", "how often?", SESSIONS),
    ("what happens at an acupuncture appointment?", "does it hurt", SIDE_EFFECTS),
    ("can acupuncture help sciatica?", "how many sessions?", SESSIONS),
    ("can acupuncture help sciatica?", "any side effects?", SIDE_EFFECTS),
    ("what is cupping?", "is it safe?", SIDE_EFFECTS),
    ("what is cupping?", "does it hurt?", SIDE_EFFECTS),
    ("what is gua sha?", "is it painful?", SIDE_EFFECTS),
    ("what is tui na?", "how often would I need it?", SESSIONS),
    ("how do I do the bridge exercise?", "how often?", "Repeat 5 to 10 times"),
    ("how do I do the bridge exercise?", "how long until it works?", EXERCISE_TIME),
    ("how do I do a pelvic tilt?", "is it safe?", EXERCISE_SAFETY),
    ("how do I do knee rolls?", "what if it hurts?", EXERCISE_SAFETY),
    ("what exercises help lower back pain?", "how often should I do them?", EXERCISE_TIME),
    ("what exercises help lower back pain?", "and if I'm pregnant?", PREGNANCY),
    ("how do I do the knee to chest stretch?", "how many times a day?", "4 times on each side"),
    ("what are the core muscles?", "is it safe to train them?", EXERCISE_SAFETY),
    ("what is sciatica?", "what about at night?", SLEEP),
    ("what is sciatica?", "and in pregnancy?", PREGNANCY),
    ("what is a herniated disc?", "what about at night?", SLEEP),
    ("what is spinal stenosis?", "what about sleeping?", SLEEP),
    ("what causes back pain?", "what about in bed?", SLEEP),
    ("what is ankylosing spondylitis?", "is exercise safe?", EXERCISE_SAFETY),
    ("how should I lift heavy things?", "what about when pregnant?", PREGNANCY),
    ("what's the best way to sit at a desk?", "what about at night?", SLEEP),
    ("does my mattress matter for back pain?", "and if I'm pregnant?", PREGNANCY),
    ("what does TCM say about back pain?", "how long does it take to work?", SESSIONS),
    ("what is trigger point therapy?", "does it hurt?", SIDE_EFFECTS),
]


@pytest.mark.parametrize("question, follow_up, expected", CONVERSATIONS)
def test_a_follow_up_is_answered_about_the_topic_just_discussed(assistant, sender, question, follow_up, expected):
    assistant.say(sender, question)
    reply = assistant.say(sender, follow_up)
    assert expected in reply, reply
