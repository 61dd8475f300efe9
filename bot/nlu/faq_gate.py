"""FaqConfidenceGate: an FAQ answer below the confidence threshold becomes
nlu_fallback, so the assistant searches the articles rather than guess."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message

from bot.names import FAQ_INTENT
from bot.nlu.fallback import to_fallback


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
                to_fallback(message, 1.0 - confidence)
        return messages
