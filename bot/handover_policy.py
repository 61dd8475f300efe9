"""The pause while a patient waits for a person, as a dialogue policy.

While the `handover_pending` slot is true, every message is passed on to the
clinic team (action_handover_relay) instead of being answered, except what
must never wait: red-flag messages (and the yes/no answer to the red-flag
question), "back to the assistant", and restarts. Rasa's own pause
(ConversationPaused) would also silence red-flag escalations, so it is not
used. Priority 7 puts this above the RulePolicy (6) on ties.
"""
from __future__ import annotations

from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.fixed_policy import FixedRulePolicy, previous_bot_action
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
class HandoverPausePolicy(FixedRulePolicy):
    PRIORITY = 7

    def choose(self, tracker: DialogueStateTracker, domain: Domain):
        return self._action(tracker), []

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
        if intent in PASS_THROUGH_INTENTS or previous_bot_action(tracker) in PASS_THROUGH_AFTER:
            return None
        return RELAY_ACTION

