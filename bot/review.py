"""Conversation review for staff (issue 15): recent conversations, each
patient message with what the assistant understood (intent, FAQ topic and
their confidence), per-day counts, and the questions it could not answer.

Read-only, from Rasa's SQL tracker store (`events` table, the same table
bot/erasure.py deletes from); nothing here writes to it.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import yaml

from bot import ROOT
from bot.names import FALLBACK_INTENT, STAFF_REPLY_KEY

DOMAIN_DIR = ROOT / "domain"


@dataclass
class Turn:
    event_id: int
    when: datetime
    who: str                 # "patient", "assistant" or "staff (name)"
    text: str
    intent: str = ""
    confidence: float = 0.0
    topic: str = ""          # the FAQ answer chosen, e.g. "faq/sciatica_what"
    topic_confidence: float = 0.0

    @property
    def understood(self) -> str:
        return self.topic or self.intent


@dataclass
class Day:
    day: date
    conversations: int = 0
    fallbacks: int = 0
    red_flags: int = 0


def speaker(event: Dict) -> str:
    """Who said a user or bot event, as staff read it."""
    if event.get("event") == "user":
        return "patient"
    staff = (event.get("metadata") or {}).get(STAFF_REPLY_KEY)
    return f"staff ({staff})" if staff else "assistant"


def _engine(tracker_url: str):
    from sqlalchemy import create_engine, inspect

    engine = create_engine(tracker_url, future=True, hide_parameters=True)
    return engine if inspect(engine).has_table("events") else None


def _when(timestamp: Optional[float]) -> datetime:
    return datetime.fromtimestamp(timestamp or 0, tz=timezone.utc).replace(tzinfo=None)


def recent_conversations(tracker_url: str, limit: int = 50) -> List[Tuple[str, datetime, int]]:
    """(conversation id, last patient message, patient messages), newest first."""
    from sqlalchemy import text

    engine = _engine(tracker_url)
    if engine is None:
        return []
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT sender_id, MAX(timestamp), COUNT(*) FROM events WHERE type_name = 'user' "
            "GROUP BY sender_id ORDER BY MAX(timestamp) DESC LIMIT :limit"), {"limit": limit}).all()
    engine.dispose()
    return [(sender, _when(last), count) for sender, last, count in rows]


def turns(tracker_url: str, conversation_id: str) -> List[Turn]:
    from sqlalchemy import text

    engine = _engine(tracker_url)
    if engine is None:
        return []
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, type_name, timestamp, data FROM events WHERE sender_id = :sender "
            "AND type_name IN ('user', 'bot') ORDER BY id"), {"sender": conversation_id}).all()
    engine.dispose()
    out = []
    for event_id, kind, timestamp, data in rows:
        event = json.loads(data or "{}")
        if not event.get("text"):
            continue
        if kind == "bot":
            out.append(Turn(event_id, _when(timestamp), speaker(event), event["text"]))
            continue
        parse = event.get("parse_data") or {}
        intent = parse.get("intent") or {}
        turn = Turn(event_id, _when(timestamp), "patient", event["text"], intent.get("name") or "",
                    float(intent.get("confidence") or 0.0))
        selected = ((parse.get("response_selector") or {}).get(turn.intent) or {}).get("response") or {}
        if selected.get("intent_response_key"):
            turn.topic = selected["intent_response_key"]
            turn.topic_confidence = float(selected.get("confidence") or 0.0)
        out.append(turn)
    return out


def daily(tracker_url: str, red_flag_times: List[datetime], days: int = 14,
          today: Optional[date] = None) -> List[Day]:
    """Conversations (with a patient message that day), fallbacks and red
    flags per day, oldest first."""
    from sqlalchemy import text

    today = today or datetime.now(timezone.utc).date()
    first = today - timedelta(days=days - 1)
    table = {first + timedelta(days=n): Day(first + timedelta(days=n)) for n in range(days)}
    since = datetime.combine(first, datetime.min.time(), tzinfo=timezone.utc).timestamp()
    engine = _engine(tracker_url)
    if engine is not None:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT sender_id, timestamp, intent_name FROM events WHERE type_name = 'user' "
                "AND timestamp >= :since"), {"since": since}).all()
        engine.dispose()
        seen = set()
        for sender, timestamp, intent in rows:
            day = _when(timestamp).date()
            if day in table:
                if (sender, day) not in seen:
                    seen.add((sender, day))
                    table[day].conversations += 1
                table[day].fallbacks += intent == FALLBACK_INTENT
    for moment in red_flag_times:
        if moment.date() in table:
            table[moment.date()].red_flags += 1
    return list(table.values())


def unanswered(tracker_url: str, limit: int = 10, days: int = 30) -> List[Tuple[str, int]]:
    """The patient messages most often not understood (nlu_fallback)."""
    from sqlalchemy import text

    engine = _engine(tracker_url)
    if engine is None:
        return []
    since = datetime.now(timezone.utc).timestamp() - days * 86400
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT data FROM events WHERE type_name = 'user' AND intent_name = :intent AND timestamp >= :since"),
            {"intent": FALLBACK_INTENT, "since": since}).all()
    engine.dispose()
    counts = Counter(" ".join((json.loads(data or "{}").get("text") or "").lower().split()) for (data,) in rows)
    counts.pop("", None)
    return counts.most_common(limit)


@lru_cache(maxsize=1)
def topics() -> Tuple[str, ...]:
    """What a message can be marked as: the domain's intents (not the
    red-flag or internal ones) and every FAQ topic ("faq/<topic>")."""
    intents, faq = set(), set()
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in data.get("intents") or []:
            name = intent if isinstance(intent, str) else next(iter(intent))
            intents.add(name)
        for response in data.get("responses") or {}:
            if response.startswith("utter_faq/"):
                faq.add("faq/" + response[len("utter_faq/"):])
    intents -= {"faq", FALLBACK_INTENT, "red_flag_emergency", "red_flag_urgent", "red_flag_clarify",
                "other_language"}
    return tuple(sorted(intents)) + tuple(sorted(faq))


def suggestions_yaml(marks) -> str:
    """Marked messages as Rasa NLU training data, for the team to review
    before anything is trained (never added automatically)."""
    examples: Dict[str, List[str]] = {}
    for mark in marks:
        text = " ".join((mark.text or "").split())
        if text and text not in examples.setdefault(mark.correct, []):
            examples[mark.correct].append(text)
    lines = ["# Suggested NLU examples from staff review (python -m bot.staff suggestions).",
             "# Review every line before adding it to data/nlu/: these are patients' own words.",
             'version: "3.1"', "nlu:"]
    for intent in sorted(examples):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines.extend("    - " + text for text in examples[intent])   # a block scalar: taken literally
    return "\n".join(lines) + "\n"
