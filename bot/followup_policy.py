"""The topic just discussed, kept in the `last_topic` slot, and short
follow-ups answered about it, as a dialogue policy.

On a confident FAQ question it predicts the FAQ answer (as the rule would)
and sets `last_topic` to the answer's topic. On a short follow-up ("how
long?", "does it hurt?", "what about at night?"; data/faq/followups.yml)
after an answer, it predicts action_answer_followup with `last_topic` set to
the topic that answers it. A longer message, a new topic, a red flag, a
booking or a hand-over is left to the other policies. Priority 7.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import names
from bot.fixed_policy import FixedRulePolicy
from bot.followups import follow_up_topic

FAQ_ANSWER = "utter_faq"
# Intents a follow-up may have been given by the classifier (a short "is it
# safe?" reads as some FAQ topic, or as nothing confident).
FOLLOW_UP_INTENTS = frozenset({names.FAQ_INTENT, names.FALLBACK_INTENT, "out_of_scope", "affirm"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT,
                          is_trainable=True)
class FollowUpPolicy(FixedRulePolicy):
    PRIORITY = 7

    def choose(self, tracker: DialogueStateTracker, domain: Domain):
        latest = tracker.latest_action_name
        if latest == names.ACTION_ANSWER_FOLLOWUP:
            return ACTION_LISTEN_NAME, []
        message = tracker.latest_message
        if latest != ACTION_LISTEN_NAME or message is None or tracker.active_loop_name \
                or tracker.get_slot(names.HANDOVER_PENDING):
            return None, []
        intent = (message.intent or {}).get("name")
        if intent not in FOLLOW_UP_INTENTS:
            return None, []
        target = follow_up_topic(message.text or "", tracker.get_slot(names.LAST_TOPIC))
        if target:
            return names.ACTION_ANSWER_FOLLOWUP, [SlotSet(names.LAST_TOPIC, target)]
        key = names.faq_response_key((message.parse_data or {}).get("response_selector")).split("/", 1)[-1]
        if intent == names.FAQ_INTENT and key:
            return FAQ_ANSWER, [SlotSet(names.LAST_TOPIC, key)]
        return None, []
