"""RedFlagDetector: the Rasa NLU component that reads every message for red
flags (bot.red_flags) and its language.

Layers, any of which can escalate (bot.red_flags.combine): the rule
patterns, the Spanish patterns, the semantic matcher over the sign bank,
and the `red_flag_*` intents DIET learned. It sets the intent to
red_flag_emergency/_urgent/_clarify (confidence 1.0) with a `red_flag_sign`
entity naming the sign, `ask_warning_signs` for a question about the
warning signs, `other_language` for a message in another language, a
`language` entity on every message (conditional responses answer Spanish
in Spanish), and the whole decision under the `red_flag` parse key, which
the conversation memory (bot.red_flag_policy) combines across messages.
Must be the last intent component of the pipeline.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import names
from bot.nlu.minilm import sentence_vector
from bot.red_flags import combine, language, rules, spanish
from bot.red_flags.bank import fingerprint
from bot.red_flags.semantic import SemanticMatcher, Thresholds
from bot.red_flags.signs import CLARIFY, EMERGENCY, NONE, URGENT

logger = logging.getLogger(__name__)
SCAN_CHARS = 5000


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class RedFlagDetector(GraphComponent):
    FILE = "sign_bank.npz"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # The bank's fingerprint is part of the config so that Rasa retrains
        # this component (and only it) when data/red_flags/ changes.
        return {"model_threshold": 0.5, "featurizer": "minilm", "bank_fingerprint": fingerprint()}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 matcher: Optional[SemanticMatcher] = None) -> None:
        self.config = config
        self.model_threshold = float(config["model_threshold"])
        self._model_storage = model_storage
        self._resource = resource
        self.matcher = matcher

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "RedFlagDetector":
        return cls(config, model_storage, resource)

    @staticmethod
    def _encode(texts: List[str]) -> np.ndarray:
        from bot.encoder import shared_encoder

        return shared_encoder().encode(texts)

    def train(self, training_data: TrainingData) -> Resource:
        """Embed the bank's training part, with the NLU examples of every
        other intent as harmless neighbours."""
        negatives = [m.get(TEXT) for m in training_data.intent_examples
                     if m.get(INTENT) not in names.RED_FLAG_INTENTS and m.get(TEXT)]
        matcher = SemanticMatcher.from_bank(self._encode, negatives=negatives)
        with self._model_storage.write_to(self._resource) as directory:
            np.savez(directory / self.FILE, vectors=matcher.vectors, labels=matcher.labels,
                     sources=matcher.sources)
        self.matcher = matcher
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "RedFlagDetector":
        try:
            with model_storage.read_from(resource) as directory:
                data = np.load(directory / cls.FILE)
                matcher = SemanticMatcher(data["vectors"], list(data["labels"]), list(data["sources"]),
                                          Thresholds.load())
        except (ValueError, FileNotFoundError, OSError):
            logger.warning("red-flag sign bank missing from the model: semantic layer off")
            matcher = None
        detector = cls(config, model_storage, resource, matcher)
        detector.warm_up()
        return detector

    def warm_up(self) -> None:
        """Build the matchers and the language detector, and trace the
        encoder for clause batches, at server start rather than on the
        first patient's message (which took 8 s without this)."""
        try:
            self.assess("my back hurts, and my legs are numb; I can't pee")
            language.detect("no puedo orinar, tengo las piernas dormidas")
        except Exception:  # never stop the server for a warm-up
            logger.exception("red-flag warm-up failed")

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _vector(self, message: Message) -> Optional[np.ndarray]:
        return sentence_vector(message, self.config["featurizer"])

    def _model_level(self, message: Message) -> str:
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or [])
                   if r.get("name") != names.FALLBACK_INTENT]
        if ranking and ranking[0].get("name") in names.RED_FLAG_INTENTS \
                and float(ranking[0].get("confidence") or 0) >= self.model_threshold:
            return names.RED_FLAG_INTENTS[ranking[0]["name"]]
        return NONE

    def assess(self, text: str, message: Optional[Message] = None,
               code: str = language.ENGLISH) -> combine.Decision:
        """The decision for one message in language `code`."""
        text = (text or "")[:SCAN_CHARS]
        found = rules.assess(text)
        found_es = spanish.assess(text)
        found.findings += found_es.findings
        found.settle()
        semantic = None
        if self.matcher is not None:
            vector = self._vector(message) if message is not None else None
            semantic = self.matcher.assess(text, self._encode, message_vector=vector)
        model_level = self._model_level(message) if message is not None else NONE
        thresholds = self.matcher.thresholds if self.matcher else None
        return combine.decide(text, found, semantic, model_level,
                              clarify_low=thresholds.clarify_low if thresholds else 1.0, language=code,
                              other_language_extra=thresholds.other_language_extra if thresholds else 0.1,
                              spanish_screen=found_es.screen and code != language.ENGLISH)

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        code = language.detect(text)
        decision = self.assess(text, message, code)
        record = decision.as_dict()
        record["language"] = code
        # What the message asked for besides the sign: a booking request with
        # a see-a-doctor sign still gets its form after the advice.
        record[names.RED_FLAG_INTENT_BEFORE] = (message.get(INTENT) or {}).get("name")
        message.set(names.RED_FLAG_KEY, record, add_to_output=True)
        entities = [e for e in (message.get("entities") or [])
                    if e.get("entity") not in (names.RED_FLAG_ENTITY, names.LANGUAGE_ENTITY)]
        entities.append(_entity(names.LANGUAGE_ENTITY, code, text))
        current = (message.get(INTENT) or {}).get("name")
        level = decision.level
        if level in (EMERGENCY, URGENT, CLARIFY):
            label = decision.label or "these symptoms"
            entities.append(_entity(names.RED_FLAG_ENTITY, label, text))
            _set_intent(message, f"red_flag_{level}")
        elif decision.warning_signs_question:
            _set_intent(message, names.INTENT_WARNING_SIGNS)
        elif code != language.ENGLISH:
            _set_intent(message, names.INTENT_OTHER_LANGUAGE)
        elif current in names.RED_FLAG_INTENTS:
            _demote(message)
        message.set("entities", entities, add_to_output=True)


def _entity(name: str, value: str, text: str) -> Dict[Text, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(text),
            "extractor": RedFlagDetector.__name__, "confidence_entity": 1.0}


def _set_intent(message: Message, name: str) -> None:
    intent = {"name": name, "confidence": 1.0}
    message.set(INTENT, intent, add_to_output=True)
    ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != name]
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)


def _demote(message: Message) -> None:
    """The model guessed a red flag the layers rule out: use its next guess."""
    ranking = [r for r in (message.get(INTENT_RANKING_KEY) or [])
               if r.get("name") not in names.RED_FLAG_INTENTS]
    best = ranking[0] if ranking else {"name": names.FALLBACK_INTENT, "confidence": 1.0}
    message.set(INTENT, best, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
