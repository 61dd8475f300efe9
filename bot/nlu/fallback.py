"""Giving a message another intent ahead of its old ranking (shared by the
NLU components that correct the classifier: the FAQ gate, the keyword
guard, the plain answers, the person request, the booking cues and the
clinic router)."""
from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.names import FALLBACK_INTENT


def to_intent(message: Message, name: str, confidence: float) -> None:
    """Make `name` the message's intent, first in the ranking and only once."""
    intent = {"name": name, "confidence": confidence}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)


def to_fallback(message: Message, confidence: float) -> None:
    """Make nlu_fallback the message's intent, ahead of the old ranking."""
    fallback = {"name": FALLBACK_INTENT, "confidence": confidence}
    message.set(INTENT, fallback, add_to_output=True)
    ranking = message.get(INTENT_RANKING_KEY) or []
    message.set(INTENT_RANKING_KEY, [fallback] + list(ranking), add_to_output=True)
