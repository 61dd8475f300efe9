"""The clinic's own records, through SQLAlchemy 1.4.

SQLite file by default (clinic.db at the repo root); DATABASE_URL selects
another database, e.g. postgresql://user@127.0.0.1:5432/clinic. Nothing is
created at import time: the engine and tables are made on first use.
"""
from __future__ import annotations

import os
import threading
from datetime import datetime, timezone
from functools import lru_cache
from typing import List, Optional, Tuple

from sqlalchemy import Column, DateTime, Integer, String, Text, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

from bot import ROOT

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


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'clinic.db'}"


def tracker_store_url() -> str:
    """Rasa's conversation store, as scripts/env.sh sets it for endpoints.yml."""
    return (os.environ.get("TRACKER_STORE_URL") or os.environ.get("DATABASE_URL")
            or f"sqlite:///{ROOT / 'tracker.db'}")


def sqlite_wal() -> None:
    """Every SQLite database of this process in write-ahead-log mode with
    normal syncing (Rasa's SQL tracker store creates its engine after the
    channels, so the listener is on SQLAlchemy's Pool class).

    A commit then costs microseconds instead of milliseconds and readers
    don't block the writer; committed data survives a crash of the process
    (a power cut may lose the last commits). PostgreSQL is untouched."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    if event.contains(Pool, "connect", _sqlite_pragmas):
        return
    event.listen(Pool, "connect", _sqlite_pragmas)


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    if not isinstance(connection, sqlite3.Connection):
        return
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store:
    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        self._engine = None
        self._sessions = None
        self._lock = threading.Lock()

    @property
    def engine(self):
        """Engine and tables on first use. If the database is down then, the
        next call tries again (nothing half-initialised is kept)."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    engine = create_engine(self.url, pool_pre_ping=True, future=True)
                    if engine.dialect.name == "sqlite":
                        sqlite_wal()   # fast commits, readers don't block the writer
                    try:
                        Base.metadata.create_all(engine)
                    except Exception:
                        engine.dispose()
                        raise
                    self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)
                    self._engine = engine
        return self._engine

    def session(self):
        self.engine  # noqa: B018 (creates the engine and tables on first use)
        return self._sessions()

    def record_red_flag(self, conversation_id: str, level: str, sign: str,
                        channel: str = "unknown", source: str = "rules") -> int:
        with self.session() as session, session.begin():
            event = RedFlagEvent(conversation_id=conversation_id[:255], level=level[:16],
                                 sign=sign[:255], channel=(channel or "unknown")[:64],
                                 source=source[:16])
            session.add(event)
            session.flush()
            return event.id

    def add_booking(self, request_key: str, conversation_id: str, name: str, contact: str,
                    preferred_time: str, reason: str, channel: str = "unknown") -> int:
        """Store a confirmed request once: the same request_key returns the
        existing row's id instead of a second row."""
        return self.add_booking_once(request_key, conversation_id, name, contact, preferred_time,
                                     reason, channel)[0]

    def add_booking_once(self, request_key: str, conversation_id: str, name: str, contact: str,
                         preferred_time: str, reason: str, channel: str = "unknown"
                         ) -> Tuple[int, bool]:
        """(id, created): created is False when a retry found its own row."""
        from sqlalchemy.exc import IntegrityError

        with self.session() as session:
            existing = session.query(BookingRequest).filter_by(request_key=request_key).one_or_none()
            if existing is not None:
                return existing.id, False
            row = BookingRequest(request_key=request_key[:255], conversation_id=conversation_id[:255],
                                 channel=(channel or "unknown")[:64], name=name[:200], contact=contact[:200],
                                 preferred_time=preferred_time[:32], reason=reason[:500])
            session.add(row)
            try:
                session.commit()
            except IntegrityError:   # a concurrent retry won the race
                session.rollback()
                return session.query(BookingRequest).filter_by(request_key=request_key).one().id, False
            return row.id, True

    def _listing(self, model, status: Optional[str], limit: int) -> list:
        """New requests first, then the rest; newest first within each."""
        from sqlalchemy import case

        with self.session() as session:
            query = session.query(model)
            if status:
                query = query.filter(model.status == status)
            order = case((model.status == "new", 0), else_=1)
            return list(query.order_by(order, model.id.desc()).limit(limit))

    def _get(self, model, row_id: int):
        with self.session() as session:
            return session.get(model, row_id)

    def _set_status(self, model, statuses, row_id: int, status: str) -> bool:
        if status not in statuses:
            raise ValueError(f"status must be one of {', '.join(statuses)}")
        with self.session() as session, session.begin():
            row = session.get(model, row_id)
            if row is None:
                return False
            row.status = status
            return True

    def bookings(self, status: Optional[str] = None, limit: int = 200) -> List[BookingRequest]:
        return self._listing(BookingRequest, status, limit)

    def booking(self, booking_id: int) -> Optional[BookingRequest]:
        return self._get(BookingRequest, booking_id)

    def set_booking_status(self, booking_id: int, status: str) -> bool:
        return self._set_status(BookingRequest, BOOKING_STATUSES, booking_id, status)

    def open_handover(self, request_key: str, conversation_id: str, context: str,
                      contact: Optional[str] = None, channel: str = "unknown") -> Tuple[int, bool]:
        """(id, created): the conversation's open request is reused (a second
        "talk to a person" refreshes it); a retried action finds its key."""
        from sqlalchemy.exc import IntegrityError

        with self.session() as session:
            row = (session.query(HandoverRequest)
                   .filter(HandoverRequest.request_key == request_key).one_or_none()
                   or session.query(HandoverRequest)
                   .filter(HandoverRequest.conversation_id == conversation_id[:255],
                           HandoverRequest.status == "new")
                   .order_by(HandoverRequest.id.desc()).first())
            if row is not None:
                row.context = context
                if contact:
                    row.contact = contact[:200]
                session.commit()
                return row.id, False
            row = HandoverRequest(request_key=request_key[:255], conversation_id=conversation_id[:255],
                                  channel=(channel or "unknown")[:64], context=context,
                                  contact=(contact or None) and contact[:200])
            session.add(row)
            try:
                session.commit()
            except IntegrityError:   # a concurrent retry won the race
                session.rollback()
                return session.query(HandoverRequest).filter_by(request_key=request_key).one().id, False
            return row.id, True

    def current_handover(self, conversation_id: str) -> Optional[HandoverRequest]:
        """The conversation's newest hand-over request, whatever its status."""
        with self.session() as session:
            return (session.query(HandoverRequest)
                    .filter(HandoverRequest.conversation_id == conversation_id[:255])
                    .order_by(HandoverRequest.id.desc()).first())

    def add_handover_note(self, handover_id: int, context: str, contact: Optional[str] = None) -> bool:
        with self.session() as session, session.begin():
            row = session.get(HandoverRequest, handover_id)
            if row is None:
                return False
            row.context = context
            if contact:
                row.contact = contact[:200]
            return True

    def handovers(self, status: Optional[str] = None, limit: int = 200) -> List[HandoverRequest]:
        return self._listing(HandoverRequest, status, limit)

    def handover(self, handover_id: int) -> Optional[HandoverRequest]:
        return self._get(HandoverRequest, handover_id)

    def set_handover_status(self, handover_id: int, status: str) -> bool:
        return self._set_status(HandoverRequest, HANDOVER_STATUSES, handover_id, status)

    def red_flags(self, limit: int = 100) -> List[RedFlagEvent]:
        with self.session() as session:
            return list(session.query(RedFlagEvent).order_by(RedFlagEvent.id.desc()).limit(limit))


@lru_cache(maxsize=None)
def get_store(url: Optional[str] = None) -> Store:
    """One store per database URL per process (the engine pools connections)."""
    return Store(url)
