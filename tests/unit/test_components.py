"""Our Rasa graph components, outside a trained model."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.article_search import ArticleSearch
from bot.nlu.faq_gate import FaqConfidenceGate
from bot.nlu.tokenizer import SpacyLemmaTokenizer
from bot.search import PassageIndex
from bot.names import ARTICLE_SEARCH_KEY


def _faq_message(confidence):
    message = Message(data={"text": "q", "intent": {"name": "faq", "confidence": 0.99}})
    message.set("response_selector", {"faq": {"response": {"confidence": confidence,
                                                           "intent_response_key": "faq/psoas"}}})
    return message


def test_tokenizer_gives_lemmas():
    tokenizer = SpacyLemmaTokenizer(SpacyLemmaTokenizer.get_default_config())
    tokens = tokenizer.tokenize(Message(data={"text": "My knees were hurting, doctors?"}), "text")
    assert [t.text for t in tokens] == ["my", "knees", "were", "hurting", "doctors"]
    assert [t.lemma for t in tokens][1:5] == ["knee", "be", "hurt", "doctor"]
    assert tokens[1].start == 3


@pytest.mark.parametrize("confidence, expected", [(0.2, "nlu_fallback"), (0.9, "faq")])
def test_gate_turns_unconfident_answers_into_fallback(confidence, expected):
    gate = FaqConfidenceGate({"threshold": 0.45})
    [message] = gate.process([_faq_message(confidence)])
    assert message.get("intent")["name"] == expected


def test_article_search_runs_only_for_fallback_messages():
    component = ArticleSearch({"min_coverage": 0.5, "min_score": 3.0}, None, None,
                              PassageIndex.from_articles())
    fallback = Message(data={"text": "what does the psoas attach to", "intent": {"name": "nlu_fallback"}})
    greeting = Message(data={"text": "psoas", "intent": {"name": "greet"}})
    component.process([fallback, greeting])
    assert "psoas" in fallback.get(ARTICLE_SEARCH_KEY)["best"]["text"].lower()
    assert ARTICLE_SEARCH_KEY in fallback.as_dict(only_output_properties=True)
    assert greeting.get(ARTICLE_SEARCH_KEY) is None


def _with_vector(text, vector, intent=None, key=None):
    import numpy as np
    from rasa.shared.nlu.training_data.features import Features

    message = Message(data={"text": text})
    if intent:
        message.set("intent", intent)
        message.set("intent_response_key", key)
    message.add_features(Features(np.array([vector], dtype=np.float32), "sentence", "text", "minilm"))
    return message


def test_answer_ensemble_lets_the_embedding_overrule_a_weak_selector(tmp_path):
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from bot.nlu.faq_ensemble import FaqAnswerEnsemble

    storage = LocalModelStorage(tmp_path)
    resource = Resource("ensemble")
    component = FaqAnswerEnsemble(FaqAnswerEnsemble.get_default_config(), storage, resource)
    component.train(TrainingData([
        _with_vector("sleep?", [1, 0], "faq", "faq/sleep_position"),
        _with_vector("lifting?", [0, 1], "faq", "faq/lifting"),
    ]))
    loaded = FaqAnswerEnsemble.load(FaqAnswerEnsemble.get_default_config(), storage, resource, None)
    message = _with_vector("how do I lie in bed", [0.95, 0.05])
    message.set("response_selector", {"faq": {"response": {}, "ranking": [
        {"intent_response_key": "faq/lifting", "confidence": 0.55},
        {"intent_response_key": "faq/sleep_position", "confidence": 0.45}]}})
    [out] = loaded.process([message])
    answer = out.get("response_selector")["faq"]["response"]
    assert answer["intent_response_key"] == "faq/sleep_position"
    assert answer["utter_action"] == "utter_faq/sleep_position"
    assert 0.5 < answer["confidence"] <= 1.0


def test_stop_needs_a_stop_word():
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.keyword_guard import IntentKeywordGuard

    guard = IntentKeywordGuard(IntentKeywordGuard.get_default_config())
    cases = {"Quinn Queue": "nlu_fallback", "Stoppard Lee": "nlu_fallback",
             "stop": "stop", "please cancel that": "stop", "never mind": "stop",
             "I don’t want to continue": "stop", "/stop": "stop"}
    for text, expected in cases.items():
        message = Message(data={"text": text, "intent": {"name": "stop", "confidence": 0.9}})
        guard.process([message])
        assert message.get("intent")["name"] == expected, text
    other = Message(data={"text": "Quinn Queue", "intent": {"name": "greet", "confidence": 0.9}})
    guard.process([other])
    assert other.get("intent")["name"] == "greet"
