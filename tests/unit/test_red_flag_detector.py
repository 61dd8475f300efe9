"""RedFlagDetector (bot/red_flag_detector.py) outside a trained model: the
layers combined on one message, with the semantic matcher built from the
sign bank's training part."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import names
from bot.red_flag_detector import RedFlagDetector
from bot.red_flags.semantic import SemanticMatcher


@pytest.fixture(scope="module")
def detector():
    matcher = SemanticMatcher.from_bank(RedFlagDetector._encode, negatives=["what is sciatica",
                                                                             "can I book for friday"])
    return RedFlagDetector(RedFlagDetector.get_default_config(), None, None, matcher)


def _message(text, intent="faq", confidence=0.9):
    ranking = [{"name": intent, "confidence": confidence}, {"name": "faq", "confidence": 0.05}]
    return Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})


def _run(detector, text, **kwargs):
    message = _message(text, **kwargs)
    detector.process([message])
    return message


def test_an_indirect_saddle_sign_is_an_emergency(detector):
    message = _run(detector, "I can't feel the loo roll when I wipe")
    assert message.get("intent")["name"] == names.INTENT_EMERGENCY
    assert any(e["entity"] == names.RED_FLAG_ENTITY for e in message.get("entities"))


def test_a_booking_answer_is_never_a_red_flag_even_if_the_model_says_so(detector):
    for text in ("Tuesday at 10am", "Wednesday at 10am", "Maria Lopez", "310 555 0142"):
        message = _run(detector, text, intent=names.INTENT_URGENT, confidence=0.95)
        assert message.get("intent")["name"] not in names.RED_FLAG_INTENTS, text


def test_the_model_layer_still_escalates_a_symptom(detector):
    message = _run(detector, "my back is weird and I feel awful", intent=names.INTENT_URGENT, confidence=0.95)
    assert message.get("intent")["name"] in (names.INTENT_URGENT, names.INTENT_EMERGENCY)


def test_a_question_about_the_warning_signs_gets_the_list(detector):
    message = _run(detector, "what are the signs of cauda equina?")
    assert message.get("intent")["name"] == names.INTENT_WARNING_SIGNS
    assert message.get(names.RED_FLAG_KEY)["level"] == "none"


def test_spanish_emergency_is_caught_and_marked_spanish(detector):
    message = _run(detector, "no puedo orinar, tengo las piernas dormidas", intent="nlu_fallback")
    assert message.get("intent")["name"] == names.INTENT_EMERGENCY
    assert {"entity": "language", "value": "es"}.items() <= next(
        e for e in message.get("entities") if e["entity"] == "language").items()


def test_another_language_without_a_sign_gets_the_language_reply(detector):
    message = _run(detector, "hola, ¿cuánto cuesta una sesión de acupuntura?", intent="nlu_fallback")
    assert message.get("intent")["name"] == names.INTENT_OTHER_LANGUAGE


def test_vague_cue_asks_the_screening_question(detector):
    message = _run(detector, "my back hurts and things feel a bit odd down there")
    assert message.get("intent")["name"] == names.INTENT_CLARIFY


def test_negation_overrides_a_model_guess(detector):
    message = _run(detector, "no numbness in my groin and no bladder problems", intent=names.INTENT_EMERGENCY)
    assert message.get("intent")["name"] not in (names.INTENT_EMERGENCY, names.INTENT_URGENT)


def test_empty_and_huge_messages(detector):
    assert _run(detector, "").get(names.RED_FLAG_KEY)["level"] == "none"
    _run(detector, "my back hurts " * 10000)


def test_the_model_alone_does_not_overrule_what_the_rules_set_aside(detector):
    """Weight lost on a diet (the rules' weight-loss check sets it aside) and a
    numb foot that came right at once: a see-a-doctor guess of the model
    alone escalates nobody (session 5)."""
    for text in ("back aching since i started my diet and dropped a few kilos, is that normal?",
                 "woke up with my foot numb from lying on it, it came right after a minute"):
        message = _run(detector, text, intent=names.INTENT_URGENT, confidence=0.95)
        assert message.get("intent")["name"] not in names.RED_FLAG_INTENTS, text


def test_one_leg_is_not_both_legs_whatever_the_neighbours(detector):
    """The path of sciatica down one leg is not sciatica in both legs, and
    the model alone on one leg asks rather than escalates (session 5)."""
    message = _run(detector, "electric zaps from my butt down to my calf, what is it")
    assert message.get("intent")["name"] != names.INTENT_EMERGENCY
    message = _run(detector, "feels like heat going down the front of my leg", intent=names.INTENT_EMERGENCY,
                   confidence=0.95)
    assert message.get("intent")["name"] != names.INTENT_EMERGENCY
    message = _run(detector, "sciatica down the back of both legs and they feel weak")
    assert message.get("intent")["name"] == names.INTENT_EMERGENCY


def test_the_model_alone_asks_before_calling_an_emergency(detector):
    """The model's emergency guess without a rule, neighbour or cue behind it
    asks the screening question when the message has a neurological cue,
    and nothing without one ("acute back and leg pain, can I be seen
    tomorrow?" was once told to call 911, then asked about CES signs)."""
    message = _run(detector, "back pain since yesterday and my legs feel heavy, can i be seen tomorrow?",
                   intent=names.INTENT_EMERGENCY, confidence=1.0)
    assert message.get(names.RED_FLAG_KEY)["level"] in ("clarify", "emergency")
    message = _run(detector, "acute low back + leg pain since yesterday, can i be seen tomorrow?",
                   intent=names.INTENT_EMERGENCY, confidence=1.0)
    assert message.get(names.RED_FLAG_KEY)["level"] == "none"
