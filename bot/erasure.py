"""Erasure and retention (issue 14): one patient's data on request, and
everything older than the retention period.

    python -m bot.staff forget <phone | email | conversation id>
    python -m bot.staff purge [--older-than DAYS]     default: RETENTION_DAYS

Removed: the conversations' events in Rasa's tracker store, booking
requests and the changes asked for them, hand-over requests, staff review marks (which quote the patient), and booking
requests still waiting in the spool. Red-flag records lose their
conversation id (the counts per sign and channel stay, without identity).
A phone number also finds its SMS and WhatsApp conversations; a phone or
email finds every conversation in which it was given.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Dict, Optional, Set

from sqlalchemy import bindparam, create_engine, inspect, or_, text

from bot.names import SCOPED_PREFIXES, TWILIO_CONVERSATION_PREFIX
from bot.store.models import BookingRequest, BookingUpdate, HandoverRequest, RedFlagEvent, ReviewMark

FORGOTTEN = "(forgotten)"
DEFAULT_RETENTION_DAYS = 365


@dataclass
class Removed:
    counts: Dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + int(n or 0)

    def report(self) -> str:
        return "\n".join(f"  {what}: {n}" for what, n in self.counts.items()) or "  nothing"


def retention_days() -> int:
    return int(os.environ.get("RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)


def _contact_of(identifier: str) -> Optional[str]:
    from bot.booking import find_contact
    from bot.profile import load_profile

    return find_contact(identifier, load_profile().default_region)


def forget(identifier: str, store, tracker_url: Optional[str], spool) -> Removed:
    """Erase one patient's data: by phone or email (every conversation it was
    given in, and a phone's own SMS/WhatsApp conversations), else by exact
    conversation id."""
    identifier = (identifier or "").strip()
    if not identifier:
        raise ValueError("give a phone number, an email address or a conversation id")
    contact = None if identifier.startswith(SCOPED_PREFIXES) else _contact_of(identifier)
    conversations: Set[str] = {identifier}
    if contact:
        if "@" not in contact:
            conversations |= {TWILIO_CONVERSATION_PREFIX + contact, TWILIO_CONVERSATION_PREFIX + "whatsapp:" + contact}
        with store.session() as session:
            for model in (BookingRequest, HandoverRequest):
                conversations |= {row.conversation_id for row in
                                  session.query(model.conversation_id).filter(model.contact == contact)}
    removed = Removed()
    with store.session() as session, session.begin():
        mine = [BookingRequest.conversation_id.in_(conversations)]
        if contact:
            mine.append(BookingRequest.contact == contact)
        ids = [row.id for row in session.query(BookingRequest.id).filter(or_(*mine))]
        removed.add("booking changes and cancellations", session.query(BookingUpdate).filter(
            BookingUpdate.booking_id.in_(ids) | BookingUpdate.conversation_id.in_(conversations)
        ).delete(synchronize_session=False))
        removed.add("booking requests", session.query(BookingRequest).filter(BookingRequest.id.in_(ids))
                    .delete(synchronize_session=False))
        theirs = [HandoverRequest.conversation_id.in_(conversations)]
        if contact:
            theirs.append(HandoverRequest.contact == contact)
        removed.add("hand-over requests", session.query(HandoverRequest).filter(or_(*theirs))
                    .delete(synchronize_session=False))
        removed.add("review marks", session.query(ReviewMark).filter(
            ReviewMark.conversation_id.in_(conversations)).delete(synchronize_session=False))
        removed.add("red-flag records made anonymous", session.query(RedFlagEvent).filter(
            RedFlagEvent.conversation_id.in_(conversations)).update(
            {RedFlagEvent.conversation_id: FORGOTTEN}, synchronize_session=False))
    removed.add("conversation events", _delete_events(tracker_url, conversations=conversations))
    removed.add("requests waiting in the spool",
                spool.remove(lambda r: r.get("conversation_id") in conversations
                             or (contact is not None and r.get("contact") == contact)))
    return removed


def purge(days: int, store, tracker_url: Optional[str]) -> Removed:
    """Erase everything older than `days` days."""
    if days < 1:
        raise ValueError("the retention period is at least one day")
    cutoff = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=days)
    removed = Removed()
    with store.session() as session, session.begin():
        old = [row.id for row in session.query(BookingRequest.id).filter(BookingRequest.created_at < cutoff)]
        removed.add("booking changes and cancellations", session.query(BookingUpdate).filter(
            BookingUpdate.booking_id.in_(old) | (BookingUpdate.created_at < cutoff)).delete(synchronize_session=False))
        removed.add("booking requests", session.query(BookingRequest).filter(BookingRequest.id.in_(old))
                    .delete(synchronize_session=False))
        removed.add("hand-over requests", session.query(HandoverRequest).filter(
            HandoverRequest.created_at < cutoff).delete(synchronize_session=False))
        removed.add("review marks", session.query(ReviewMark).filter(
            ReviewMark.created_at < cutoff).delete(synchronize_session=False))
        removed.add("red-flag records made anonymous", session.query(RedFlagEvent).filter(
            RedFlagEvent.created_at < cutoff, RedFlagEvent.conversation_id != FORGOTTEN).update(
            {RedFlagEvent.conversation_id: FORGOTTEN}, synchronize_session=False))
    removed.add("conversation events", _delete_events(tracker_url, before=time.time() - days * 86400))
    return removed


def _delete_events(tracker_url: Optional[str], conversations: Optional[Set[str]] = None,
                   before: Optional[float] = None) -> int:
    """Rows of Rasa's `events` table (SQLTrackerStore) for these
    conversations, or older than `before` (epoch seconds)."""
    if not tracker_url or (conversations is not None and not conversations):
        return 0
    engine = create_engine(tracker_url, future=True, hide_parameters=True)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as connection:
            if conversations is not None:
                statement = text("DELETE FROM events WHERE sender_id IN :ids").bindparams(
                    bindparam("ids", expanding=True))
                return connection.execute(statement, {"ids": sorted(conversations)}).rowcount
            return connection.execute(text("DELETE FROM events WHERE timestamp < :before"),
                                      {"before": before}).rowcount
    finally:
        engine.dispose()


def describe(removed: Removed, what: str) -> str:
    return f"Removed for {what}:\n{removed.report()}"

