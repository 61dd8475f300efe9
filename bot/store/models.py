"""The clinic's own tables (SQLAlchemy 1.4 declarative models)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class RedFlagEvent(Base):
    """One escalation: level and matched sign, never the patient's words."""

    __tablename__ = "red_flag_events"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(64), nullable=False, default="unknown")
    level = Column(String(16), nullable=False)
    sign = Column(String(255), nullable=False)
    source = Column(String(16), nullable=False, default="rules")
    created_at = Column(DateTime, nullable=False, default=_now)


BOOKING_STATUSES = ("new", "contacted", "booked", "cancelled")
UPDATE_KINDS = ("change", "cancel")
UPDATE_STATUSES = ("new", "done")
HANDOVER_STATUSES = ("new", "contacted", "closed")


class BookingRequest(Base):
    """A patient's request for an appointment, for staff to confirm."""

    __tablename__ = "booking_requests"
    id = Column(Integer, primary_key=True)
    # One request per confirmation: a retried action finds the same key.
    request_key = Column(String(255), nullable=False, unique=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(64), nullable=False, default="unknown")
    name = Column(String(200), nullable=False)
    contact = Column(String(200), nullable=False)
    preferred_time = Column(String(32), nullable=False)
    reason = Column(String(500), nullable=False)
    # Who the visit is for when not the person who asked ("my mum"); empty for themselves.
    for_whom = Column(String(100), nullable=True)
    # A question asked with the request that the chat could not answer
    # (migration 0002): the clinic answers it when they get in touch.
    question = Column(String(500), nullable=True)
    status = Column(String(16), nullable=False, default="new", index=True)
    created_at = Column(DateTime, nullable=False, default=_now)
    updated_at = Column(DateTime, nullable=False, default=_now, onupdate=_now)


class HandoverRequest(Base):
    """A patient asked for a person: who, where, and the conversation so far."""

    __tablename__ = "handover_requests"
    id = Column(Integer, primary_key=True)
    request_key = Column(String(255), nullable=False, unique=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(64), nullable=False, default="unknown")
    contact = Column(String(200), nullable=True)
    context = Column(Text, nullable=False, default="")
    status = Column(String(16), nullable=False, default="new", index=True)
    created_at = Column(DateTime, nullable=False, default=_now)
    updated_at = Column(DateTime, nullable=False, default=_now, onupdate=_now)




class BookingUpdate(Base):
    """A patient's request to change or cancel a booking request, for staff
    to act on (the booking itself changes only when staff confirm)."""

    __tablename__ = "booking_updates"
    id = Column(Integer, primary_key=True)
    request_key = Column(String(255), nullable=False, unique=True)
    booking_id = Column(Integer, ForeignKey("booking_requests.id"), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    kind = Column(String(16), nullable=False)
    preferred_time = Column(String(32), nullable=True)   # the new time asked for, if any
    status = Column(String(16), nullable=False, default="new", index=True)
    created_at = Column(DateTime, nullable=False, default=_now)


class SeenMessage(Base):
    """A Twilio MessageSid already answered: a replayed request (the same
    signed body sent again) is recognised by every replica and after a
    restart (bot/channels/replay.py). Rows expire after a week."""

    __tablename__ = "seen_messages"
    sid = Column(String(64), primary_key=True)
    created_at = Column(DateTime, nullable=False, default=_now, index=True)


STAFF_ROLES = ("admin", "staff")


class StaffUser(Base):
    """A staff account of the console (bot/console/): an Argon2 hash, never
    the password."""

    __tablename__ = "staff_users"
    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False, default="staff")
    active = Column(Integer, nullable=False, default=1)
    created_at = Column(DateTime, nullable=False, default=_now)


class AuditEvent(Base):
    """Who viewed, exported, replied or changed what, and when (console and
    CLI). `target` names a record ("booking:12"), never a patient's words."""

    __tablename__ = "audit_events"
    id = Column(Integer, primary_key=True)
    actor = Column(String(100), nullable=False, index=True)
    action = Column(String(64), nullable=False)
    target = Column(String(100), nullable=False, default="")
    via = Column(String(16), nullable=False, default="console")
    created_at = Column(DateTime, nullable=False, default=_now, index=True)


class ReviewMark(Base):
    """A patient message staff marked as misunderstood, with the topic it
    should have had: a suggestion for training data (bot/review.py). Holds
    the patient's words, so erasure and the retention purge remove it."""

    __tablename__ = "review_marks"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    event_id = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    predicted = Column(String(255), nullable=False, default="")
    correct = Column(String(255), nullable=False)
    actor = Column(String(100), nullable=False)
    created_at = Column(DateTime, nullable=False, default=_now, index=True)
