"""Questions about opening times that name a day or a time, as an NLU
component: "are you open today?" is answered yes or no by an action
(bot/clinic_questions.py) instead of with the whole opening-hours text."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.clinic_questions import names_a_time
from bot.names import FAQ_INTENT, INTENT_OPEN_WHEN, faq_response_key
from bot.nlu.fallback import to_intent
from bot.profile import load_profile

OPENING_HOURS_KEY = "faq/opening_hours"
# "Are you open on Saturday?" is a question about the hours even when the
# classifier read it as a booking request ("r u open today?? back just went out").
OPEN_QUESTION = re.compile(r"\b(are|r|is) (you|u|ya|the clinic|it|your clinic)\b.{0,12}\b(open|closed|shut)\b"
                           r"|\bwhat time do (you|u) (open|close)\b|\b(you|u) open (on|at|today|tomorrow|tonight)\b")
REROUTED = frozenset({FAQ_INTENT, "request_booking", "nlu_fallback", "out_of_scope"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ClinicQuestionRouter(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "ClinicQuestionRouter":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT) or ""
            about_hours = (intent == FAQ_INTENT and faq_response_key(message.get("response_selector")) == OPENING_HOURS_KEY) or \
                (intent in REROUTED and OPEN_QUESTION.search(text.lower()))
            if not about_hours or not names_a_time(text, load_profile()):
                continue
            confidence = (message.get(INTENT) or {}).get("confidence", 1.0)
            to_intent(message, INTENT_OPEN_WHEN, confidence)
        return messages
