"""PlainAnswerClassifier: a message that is only "yes" or "no" is affirm or deny."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.names import FALLBACK_INTENT, INTENT_AFFIRM, INTENT_DENY
from bot.nlu.fallback import to_intent
from bot.red_flags import context as ctx


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlainAnswerClassifier(GraphComponent):
    """The intent classifier learns yes and no from a few examples, and
    a retraining can leave a bare "no" just under the fallback threshold
    (0.535 for deny against 0.55 in session 15): the patient declining an
    offer got an article passage. A message the classifier left unsure
    that is only a plain answer (the wordings the screening question
    takes, data/red_flags/context.yml) is that answer."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "PlainAnswerClassifier":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT or text.startswith("/"):
                continue
            answer = ctx.screening_answer(ctx.prepare(text))
            if answer is None:
                continue
            to_intent(message, INTENT_AFFIRM if answer == "yes" else INTENT_DENY, 1.0)
        return messages
