"""Red flags remembered across the conversation, as a dialogue policy.

The NLU component sees one message at a time. This policy sees the whole
conversation (since the session started) and, on each patient message:

* combines the cues of all messages (data/red_flags/context.yml
  `combinations`): "sciatica in my left leg" then "now my right leg too" is
  sciatica in both legs, and escalates at once;
* keeps the advice after an emergency: asking to book, or whether it can
  wait, after being sent to emergency care gets the advice again, not a
  booking form;
* asks the screening question once: a second vague cue with nothing new is
  answered as a question instead.

It predicts with priority 8, above the hand-over pause (7) and the rules
(6), and carries out its plan over the next predictions of the turn. The
logic is in plain functions (bot.red_flags.memory) tested on their own.
"""
from __future__ import annotations

from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import names
from bot.fixed_policy import FixedRulePolicy
from bot.red_flags.memory import Turn, plan_for

SKIPPED = frozenset({"action_extract_slots", ACTION_LISTEN_NAME, "action_session_start"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT,
                          is_trainable=True)
class RedFlagMemoryPolicy(FixedRulePolicy):
    PRIORITY = 8

    def choose(self, tracker: DialogueStateTracker, domain: Domain):
        turns, done = session_turns(tracker)
        plan = plan_for(turns) if turns else None
        if plan is None or len(done) >= len(plan.actions) or plan.actions[:len(done)] != done:
            return None, []
        events = []
        if not done and plan.slot_value is not None:
            events = [SlotSet(names.RED_FLAG_SIGN, plan.slot_value),
                      SlotSet(names.RED_FLAG_MEMORY, plan.record)]
        return plan.actions[len(done)], events


def session_turns(tracker: DialogueStateTracker) -> "tuple[List[Turn], List[str]]":
    """The patient's messages of this session as Turns (with what the
    assistant did after each), and the actions done since the latest one."""
    turns: List[Turn] = []
    done: List[str] = []
    active: Optional[str] = None
    for event in tracker.events:
        if isinstance(event, SessionStarted):
            turns, done = [], []
        elif isinstance(event, ActiveLoop):
            active = event.name
        elif isinstance(event, UserUttered):
            if turns:
                turns[-1].after = list(done)
            parse = event.parse_data or {}
            ranking = [r.get("name") for r in parse.get("intent_ranking") or []
                       if r.get("name") not in names.RED_FLAG_INTENTS]
            turns.append(Turn(intent=(event.intent or {}).get("name") or "",
                              record=dict(parse.get(names.RED_FLAG_KEY) or {}),
                              text=event.text or "", form_active=active == "booking_form",
                              alt_intent=ranking[0] if ranking else ""))
            done = []
        elif isinstance(event, ActionExecuted) and event.action_name not in SKIPPED:
            done.append(event.action_name)
    if turns:
        turns[-1].after = list(done)
    return turns, done
