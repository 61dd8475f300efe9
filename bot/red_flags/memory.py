"""Signs and cues remembered across a conversation: what the assistant does
on a patient message given everything said since the session started.

Plain functions over `Turn`s (one per patient message, with the red-flag
record the NLU component made and the actions that followed), used by
bot.red_flag_policy and tested without Rasa. A plan is the list of actions
to run for the latest message, or None to leave it to the other policies.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

from bot import names
from bot.red_flags import context as ctx
from bot.red_flags.combine import NEURO_CUES
from bot.red_flags.language import ENGLISH
from bot.red_flags.signs import EMERGENCY, LEVEL_RANK, NONE, URGENT, signs

LISTEN = "action_listen"
DEACTIVATE = "action_deactivate_loop"
SEARCH = "action_search_articles"
FAQ_ANSWER = "utter_faq"


@dataclass
class Turn:
    intent: str
    record: Dict = field(default_factory=dict)
    text: str = ""
    form_active: bool = False
    alt_intent: str = ""
    after: List[str] = field(default_factory=list)

    @property
    def cues(self) -> Set[str]:
        return set(self.record.get("cues") or [])

    @property
    def level(self) -> str:
        return self.record.get("level") or NONE


@dataclass
class Plan:
    actions: List[str]
    slot_value: Optional[str] = None     # red_flag_sign to name the sign
    record: Optional[Dict] = None        # red_flag_memory for the recorder
    reason: str = ""


def escalated_levels(turns: List[Turn]) -> Set[str]:
    return {names.ESCALATION_UTTERS[a] for t in turns for a in t.after if a in names.ESCALATION_UTTERS}


def new_combinations(turns: List[Turn]) -> List[str]:
    """Signs that the cues of several messages make only now, with the
    latest message's cues (each is escalated once, when it completes)."""
    before = ctx.combined_signs([t.cues for t in turns[:-1]])
    now = ctx.combined_signs([t.cues for t in turns])
    alone = ctx.combined_signs([turns[-1].cues])
    return [s for s in now if s not in before and s not in alone]


def plan_for(turns: List[Turn]) -> Optional[Plan]:
    latest, earlier = turns[-1], turns[:-1]
    if latest.level == EMERGENCY:
        return None                      # the rules escalate it
    done = escalated_levels(earlier)
    combined = [s for s in new_combinations(turns) if s in signs()]
    if combined:
        sign = max((signs()[s] for s in combined), key=lambda s: LEVEL_RANK[s.level])
        # An urgent message that completes an emergency sign with an earlier
        # one ("now my right leg too") is the emergency.
        if latest.level != URGENT or sign.level == EMERGENCY:
            if not (sign.level == URGENT and EMERGENCY in done):
                return _escalation(sign.id, latest.form_active)
    if latest.level == URGENT:
        return None                      # the rules escalate it
    answer = _plain_screening_answer(latest, earlier)
    if answer == "yes":
        return Plan([names.UTTER_EMERGENCY_CONFIRMED, names.ACTION_RECORD_RED_FLAG, LISTEN], reason="screened yes")
    if answer == "no":
        return Plan([names.UTTER_CLARIFY_DENIED, names.ACTION_SCREEN_DENIED, LISTEN], reason="screened no")
    if EMERGENCY in done and (latest.intent == "request_booking"
                              or ctx.wait_question(ctx.prepare(latest.text))):
        return Plan([names.UTTER_EMERGENCY_HOLD, LISTEN], reason="hold")
    if latest.intent == names.INTENT_CLARIFY and _asked_before(earlier) and \
            not _new_neuro_cue(latest, earlier):
        answer = FAQ_ANSWER if latest.alt_intent == names.FAQ_INTENT else SEARCH
        return Plan([answer, LISTEN], reason="screened once")
    return None


def _escalation(sign_id: str, form_active: bool) -> Plan:
    sign = signs()[sign_id]
    utter = names.UTTER_EMERGENCY if sign.level == EMERGENCY else names.UTTER_URGENT
    actions = ([DEACTIVATE] if form_active else []) + [utter, names.ACTION_RECORD_RED_FLAG]
    if form_active and sign.level == URGENT:
        actions.append(names.UTTER_BOOKING_PAUSED)
    return Plan(actions + [LISTEN], slot_value=sign.label,
                record={"level": sign.level, "sign": sign.id, "source": "memory"},
                reason="combined")


def _plain_screening_answer(latest: Turn, earlier: List[Turn]) -> Optional[str]:
    """A plain yes or no to the screening question just asked, which the
    classifier left unsure (the rules take a confident affirm or deny)."""
    if not earlier or names.UTTER_CLARIFY not in earlier[-1].after or latest.intent != names.FALLBACK_INTENT:
        return None
    return ctx.screening_answer(ctx.prepare(latest.text))


def _asked_before(turns: List[Turn]) -> bool:
    return any(names.UTTER_CLARIFY in t.after for t in turns)


def _new_neuro_cue(latest: Turn, earlier: List[Turn]) -> bool:
    seen = set().union(*[t.cues for t in earlier]) if earlier else set()
    return bool((latest.cues & NEURO_CUES) - seen)


def booking_with_advice(record: Optional[Dict], asked: bool = False) -> bool:
    """The red-flag record of a message that asked to book (its intent
    before the red flag, or `asked`: a part of it asks to book) and gets the
    see-a-doctor advice, in English (the booking form is in English only)."""
    return isinstance(record, dict) and record.get("level") == URGENT \
        and (asked or record.get(names.RED_FLAG_INTENT_BEFORE) == names.REQUEST_BOOKING_INTENT) \
        and record.get("language", ENGLISH) == ENGLISH


def advised_again(events: List[Dict]) -> bool:
    """The latest patient message repeats a see-a-doctor sign the patient was
    already advised about in this session (events as dicts, newest last):
    "his lower back after the fall" as the reason for a visit booked after
    the advice about the fall is an answer, not a new sign."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if not users:
        return False
    latest = (events[users[-1]].get("parse_data") or {}).get(names.RED_FLAG_KEY) or {}
    if not isinstance(latest, dict) or latest.get("level") != URGENT or not latest.get("sign"):
        return False
    start = max([i for i, e in enumerate(events) if e.get("event") == "session_started"] or [0])
    advised = None
    for event in events[start:users[-1]]:
        if event.get("event") == "user":
            found = (event.get("parse_data") or {}).get(names.RED_FLAG_KEY) or {}
            advised = found.get("sign") if isinstance(found, dict) else None
        elif event.get("event") == "action" and event.get("name") == names.UTTER_URGENT and \
                advised == latest["sign"]:
            return True
    return False
