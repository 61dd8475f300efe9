"""What the assistant's own dialogue policies share: a policy that learns
nothing and predicts one action from the tracker by a fixed rule (the
red-flag memory, the hand-over pause, the booking flow)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


class FixedRulePolicy(Policy):
    """Subclasses set PRIORITY and implement `choose` (an action name or None)."""

    PRIORITY = 7

    @classmethod
    def get_default_config(cls) -> Dict[Text, Any]:
        return {"priority": cls.PRIORITY}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Optional[Any] = None) -> None:
        config = {**self.get_default_config(), **config}
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        """Nothing to learn: the policy is a fixed rule over the tracker."""
        with self._model_storage.write_to(self._resource):
            pass
        return self._resource

    def choose(self, tracker: DialogueStateTracker, domain: Domain) -> "tuple[Optional[Text], list]":
        raise NotImplementedError

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action, events = self.choose(tracker, domain)
        if action and action in domain.action_names_or_texts:
            probabilities[domain.index_for_action(action)] = 1.0
            return self._prediction(probabilities, optional_events=events or None)
        return self._prediction(probabilities)


def previous_bot_action(tracker: DialogueStateTracker) -> Optional[Text]:
    """The last action before the listen that preceded this message."""
    from rasa.shared.core.events import ActionExecuted

    seen_listen = False
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            if event.action_name == ACTION_LISTEN_NAME and not seen_listen:
                seen_listen = True
                continue
            if seen_listen:
                return event.action_name
    return None
