"""Custom Rasa graph components (imported by config.yml).

* SpacyLemmaTokenizer: tokens with lemmas from spaCy's offline lookup tables.
* FaqConfidenceGate: an FAQ answer below the confidence threshold becomes
  nlu_fallback, so the assistant searches the articles rather than guess.
* ArticleSearch: builds the article passage index at train time, stores it
  in the model and, for fallback messages, adds the best passage to the
  parse data for action_search_articles.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.search import PassageIndex
from bot.slots import ARTICLE_SEARCH_KEY
from bot.text import nlp, normalise

FALLBACK_INTENT = "nlu_fallback"
FAQ_INTENT = "faq"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SpacyLemmaTokenizer(Tokenizer):
    """spaCy tokenisation and lookup lemmas without a downloaded model."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "SpacyLemmaTokenizer":
        return cls(config)

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy"]

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        doc = nlp()(normalise(text))
        tokens = [
            Token(tok.text, tok.idx, lemma=(tok.lemma_ or tok.text).lower())
            for tok in doc
            if not tok.is_space and re.search(r"\w", tok.text)
        ]
        return self._apply_token_pattern(tokens)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FaqConfidenceGate(GraphComponent):
    """Turns an unconfident FAQ answer into nlu_fallback (runs after the
    ResponseSelector and the FallbackClassifier)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"threshold": 0.45}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.threshold = float(config["threshold"])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "FaqConfidenceGate":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") != FAQ_INTENT:
                continue
            selected = ((message.get("response_selector") or {}).get(FAQ_INTENT) or {}).get("response") or {}
            confidence = float(selected.get("confidence") or 0.0)
            if confidence < self.threshold:
                fallback = {"name": FALLBACK_INTENT, "confidence": 1.0 - confidence}
                message.set(INTENT, fallback, add_to_output=True)
                ranking = message.get(INTENT_RANKING_KEY) or []
                message.set(INTENT_RANKING_KEY, [fallback] + list(ranking), add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ArticleSearch(GraphComponent):
    """Article passage index, trained with the model, searched on fallback."""

    FILE = "passages.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_coverage": 0.5, "min_score": 3.0}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, index: Optional[PassageIndex] = None) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.index = index

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "ArticleSearch":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self.index = PassageIndex.from_articles()
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.FILE).write_text(json.dumps(self.index.to_dict()), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ArticleSearch":
        try:
            with model_storage.read_from(resource) as directory:
                data = json.loads((directory / cls.FILE).read_text(encoding="utf-8"))
            return cls(config, model_storage, resource, PassageIndex.from_dict(data))
        except ValueError:
            # Not trained (e.g. an NLU-less model): build from the articles.
            return cls(config, model_storage, resource, PassageIndex.from_articles())

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT or self.index is None:
                continue
            hit = self.index.best(message.get(TEXT) or "", self.config["min_coverage"],
                                  self.config["min_score"])
            message.set(ARTICLE_SEARCH_KEY, {"best": hit.as_dict() if hit else None},
                        add_to_output=True)
        return messages
