"""ArticleSearch: builds the article passage index at train time, stores it
in the model and, for fallback messages, adds the best passage to the parse
data for action_search_articles."""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.names import ARTICLE_SEARCH_KEY, FALLBACK_INTENT
from bot.search import PassageIndex


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
