"""Our Rasa graph components, outside a trained model."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu_components import ArticleSearch, FaqConfidenceGate, SpacyLemmaTokenizer
from bot.search import PassageIndex
from bot.slots import ARTICLE_SEARCH_KEY


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
