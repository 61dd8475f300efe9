"""Staff-side changes to a live conversation, written to Rasa's tracker store.

Used by `python -m bot.staff resume|close ID` to end a hand-over pause: the
SlotSet and a short note are appended to the conversation's events in the SQL
tracker store that the Rasa server reads on every message, so the next
message is answered by the assistant again. (Rasa's HTTP API could do the
same, but it is off unless RASA_AUTH_TOKEN is set.)
"""
from __future__ import annotations

import asyncio

import yaml

from bot import ROOT
from bot.names import HANDOVER_PENDING
from bot.store import tracker_store_url


async def _resume(sender_id: str, note: str) -> bool:
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, SlotSet
    from rasa.utils.endpoints import EndpointConfig

    # endpoints.yml's tracker_store section, with the URL resolved the way
    # scripts/env.sh resolves ${TRACKER_STORE_URL} for the server.
    section = dict(yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))["tracker_store"])
    section["url"] = tracker_store_url()
    store = TrackerStore.create(EndpointConfig.from_dict(section),
                                domain=Domain.load(str(ROOT / "domain")))
    tracker = await store.retrieve(sender_id)
    if tracker is None or not tracker.events:
        return False
    tracker.update(SlotSet(HANDOVER_PENDING, False))
    if note:
        tracker.update(BotUttered(note))
    await store.save(tracker)
    return True


def resume_conversation(sender_id: str, note: str = "") -> bool:
    """End the hand-over pause of one conversation; False if it is unknown."""
    return asyncio.run(_resume(sender_id, note))
