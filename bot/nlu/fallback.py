"""Turning a message into nlu_fallback (shared by the FAQ gate and the
keyword guard)."""
from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.names import FALLBACK_INTENT


def to_fallback(message: Message, confidence: float) -> None:
    """Make nlu_fallback the message's intent, ahead of the old ranking."""
    fallback = {"name": FALLBACK_INTENT, "confidence": confidence}
    message.set(INTENT, fallback, add_to_output=True)
    ranking = message.get(INTENT_RANKING_KEY) or []
    message.set(INTENT_RANKING_KEY, [fallback] + list(ranking), add_to_output=True)
