"""The pause while a patient waits for a person, as a dialogue policy.

While the `handover_pending` slot is true, every message is passed on to the
clinic team (action_handover_relay) instead of being answered, except what
must never wait: red-flag messages (and the yes/no answer to the red-flag
question), "back to the assistant", and restarts. Rasa's own pause
(ConversationPaused) would also silence red-flag escalations, so it is not
used. Priority 7 puts this above the RulePolicy (6) on ties.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.names import HANDOVER_PENDING

RELAY_ACTION = "action_handover_relay"
PASS_THROUGH_INTENTS = frozenset({
    "red_flag_emergency", "red_flag_urgent", "red_flag_clarify",
    "resume_assistant", "restart", "session_start",
})
# The patient's yes/no to the red-flag question must reach its rule.
PASS_THROUGH_AFTER = frozenset({"utter_red_flag_clarify"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT,
                          is_trainable=True)
class HandoverPausePolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 7}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Optional[Any] = None) -> None:
        config = {**self.get_default_config(), **config}
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        """Nothing to learn: the pause is a fixed rule."""
        with self._model_storage.write_to(self._resource):
            pass
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self._action(tracker)
        if action:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

    @staticmethod
    def _action(tracker: DialogueStateTracker) -> Optional[Text]:
        if not tracker.get_slot(HANDOVER_PENDING):
            return None
        latest = tracker.latest_action_name
        if latest == RELAY_ACTION:
            return ACTION_LISTEN_NAME
        if latest != ACTION_LISTEN_NAME or tracker.latest_message is None:
            return None
        intent = (tracker.latest_message.intent or {}).get("name")
        if intent in PASS_THROUGH_INTENTS or _previous_bot_action(tracker) in PASS_THROUGH_AFTER:
            return None
        return RELAY_ACTION


def _previous_bot_action(tracker: DialogueStateTracker) -> Optional[Text]:
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
