"""IntentKeywordGuard: an intent that must name its keyword (\"stop\")."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.fallback import to_fallback


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
            to_fallback(message, 1.0)
        return messages
