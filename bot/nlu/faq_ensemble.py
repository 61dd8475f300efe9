"""FaqAnswerEnsemble: a second opinion on the FAQ answer from the nearest
training examples by sentence embedding."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.names import FAQ_INTENT
from bot.nlu.minilm import sentence_vector


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
