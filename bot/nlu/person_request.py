"""PersonRequestClassifier: asking for a person is human_handoff even when
the classifier was unsure."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, Pattern, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import ROOT
from bot.names import FALLBACK_INTENT, INTENT_HANDOFF
from bot.nlu.fallback import to_intent
from bot.text import normal

CUES_FILE = ROOT / "data" / "handover" / "asks_for_person.yml"


@lru_cache(maxsize=1)
def _cues() -> Tuple[Pattern, Pattern]:
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    return re.compile(raw["asks_for_person"]), re.compile(raw["not"])


def asks_for_person(text: str) -> bool:
    """The message asks for a person at the clinic (data/handover/asks_for_person.yml)."""
    low = normal(text)
    asks, not_asking = _cues()
    return bool(asks.search(low)) and not not_asking.search(low)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PersonRequestClassifier(GraphComponent):
    """Reaching a person is one of the three things the clinic asked for:
    a message the classifier left unsure (nlu_fallback) that asks for one
    is human_handoff. A confident reading is never changed."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "PersonRequestClassifier":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT or text.startswith("/") \
                    or not asks_for_person(text):
                continue
            to_intent(message, INTENT_HANDOFF, 1.0)
        return messages
