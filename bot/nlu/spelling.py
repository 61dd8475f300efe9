"""SpellingNormaliser: misspellings and chat shorthand read as the words the
model was trained on (bot/spelling.py), after the tokenizer.

It sets each corrected token's lemma, which Rasa's CountVectorsFeaturizer
uses, and the respelled text with its tokens' spans for the sentence
encoder (MiniLMFeaturizer). The message text, its tokens and their offsets
stay as typed. The vocabulary is the training data's own words, stored
with the model.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.names import SPELLED_SPANS_KEY, SPELLED_TEXT_KEY
from bot.red_flags import language
from bot.spelling import Speller


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SpellingNormaliser(GraphComponent):
    FILE = "vocabulary.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Dict[str, Any]] = None) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self._speller = Speller({w: tuple(v) for w, v in (vocabulary or {}).items()}) \
            if vocabulary is not None else None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "SpellingNormaliser":
        return cls(config, model_storage, resource)

    @staticmethod
    def required_packages() -> List[Text]:
        return ["symspellpy"]

    def train(self, training_data: TrainingData) -> Resource:
        pairs = [(t.text, t.lemma or t.text) for m in training_data.training_examples
                 for t in (m.get(TOKENS_NAMES[TEXT]) or [])]
        vocabulary = Speller.vocabulary_of(pairs)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.FILE).write_text(json.dumps(vocabulary), encoding="utf-8")
        self._speller = Speller(vocabulary)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SpellingNormaliser":
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = json.loads((directory / cls.FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            vocabulary = None
        return cls(config, model_storage, resource, vocabulary)

    def _respell(self, message: Message) -> None:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        text = message.get(TEXT) or ""
        if self._speller is None or not tokens or language.detect(text) != language.ENGLISH:
            return                  # Spanish words are not English misspellings
        spelled, spans, changed = self._speller.respell(text, [(t.start, t.end) for t in tokens])
        if not changed:
            return
        for index, word in changed.items():
            tokens[index].lemma = self._speller.lemma(word)
        message.set(SPELLED_TEXT_KEY, spelled)
        message.set(SPELLED_SPANS_KEY, spans)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training words are in the vocabulary: nothing to correct there.
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._respell(message)
        return messages
