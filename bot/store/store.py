"""The clinic's records: red flags, booking requests and their changes, and
hand-over requests, through SQLAlchemy 1.4. Nothing is created at import
time: the engine and tables are made on first use."""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import List, Optional, Tuple

from sqlalchemy import create_engine, or_
from sqlalchemy.orm import sessionmaker

from bot.private_files import private_file
from bot.store.database import add_missing_columns, database_url, sqlite_wal
from bot.store.models import (
    BOOKING_STATUSES,
    HANDOVER_STATUSES,
    Base,
    BookingRequest,
    UPDATE_KINDS,
    BookingUpdate,
    HandoverRequest,
    RedFlagEvent,
    SeenMessage,
)

# An email address or a run of digits: cut out before a stored name is looked
# for in a message, so that "maria.lopez@…" does not spell the name.
EMAIL_OR_NUMBER = re.compile(r"\S+@\S+|[+\d][\d\s().-]{5,}")


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
                    # hide_parameters: a failed write's exception (and its log
                    # line) names the SQL, never the patient's values.
                    engine = create_engine(self.url, pool_pre_ping=True, future=True, hide_parameters=True)
                    if engine.dialect.name == "sqlite":
                        sqlite_wal()   # fast commits, readers don't block the writer
                        if engine.url.database and engine.url.database != ":memory:":
                            private_file(engine.url.database)   # 0600, before SQLite creates it
                    try:
                        Base.metadata.create_all(engine)
                        add_missing_columns(engine)
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
                    preferred_time: str, reason: str, channel: str = "unknown",
                    for_whom: Optional[str] = None) -> int:
        """Store a confirmed request once: the same request_key returns the
        existing row's id instead of a second row."""
        return self.add_booking_once(request_key, conversation_id, name, contact, preferred_time,
                                     reason, channel, for_whom)[0]

    def add_booking_once(self, request_key: str, conversation_id: str, name: str, contact: str,
                         preferred_time: str, reason: str, channel: str = "unknown",
                         for_whom: Optional[str] = None) -> Tuple[int, bool]:
        """(id, created): created is False when a retry found its own row."""
        from sqlalchemy.exc import IntegrityError

        with self.session() as session:
            existing = session.query(BookingRequest).filter_by(request_key=request_key).one_or_none()
            if existing is not None:
                return existing.id, False
            row = BookingRequest(request_key=request_key[:255], conversation_id=conversation_id[:255],
                                 channel=(channel or "unknown")[:64], name=name[:200], contact=contact[:200],
                                 preferred_time=preferred_time[:32], reason=reason[:500],
                                 for_whom=(for_whom or None) and for_whom[:100])
            session.add(row)
            try:
                session.commit()
            except IntegrityError:   # a concurrent retry won the race, or a real failure
                session.rollback()
                found = session.query(BookingRequest).filter_by(request_key=request_key).one_or_none()
                if found is None:
                    raise
                return found.id, False
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

    def latest_booking(self, conversation_id: str, contact: Optional[str] = None
                       ) -> Optional[BookingRequest]:
        """The newest booking request of this conversation, or (on SMS and
        WhatsApp, where the conversation is the phone number) given with this
        contact. Only ever the asking patient's own: nothing is looked up by
        name or by anything another patient could type."""
        with self.session() as session:
            query = session.query(BookingRequest)
            if contact:
                query = query.filter(or_(BookingRequest.conversation_id == conversation_id[:255],
                                         BookingRequest.contact == contact[:200]))
            else:
                query = query.filter(BookingRequest.conversation_id == conversation_id[:255])
            return query.order_by(BookingRequest.id.desc()).first()

    def remember_message(self, sid: str) -> bool:
        """Note a message id; False when it was already noted (a replay)."""
        from sqlalchemy.exc import IntegrityError

        try:
            with self.session() as session, session.begin():
                session.add(SeenMessage(sid=sid[:64]))
            return True
        except IntegrityError:
            return False

    def forget_message(self, sid: str) -> None:
        with self.session() as session, session.begin():
            session.query(SeenMessage).filter(SeenMessage.sid == sid[:64]).delete()

    def expire_messages(self, before) -> int:
        with self.session() as session, session.begin():
            return session.query(SeenMessage).filter(SeenMessage.created_at < before).delete()

    def booking_by_name_and_contact(self, text: str, contact: str) -> Optional[BookingRequest]:
        """The newest open request made with this exact contact whose stored
        name is written in `text` too (the check a receptionist makes on the
        phone): for a patient asking from another conversation. Knowing a
        contact alone finds nothing."""
        words = set(re.findall(r"[^\W\d_]+", EMAIL_OR_NUMBER.sub(" ", text or "").casefold()))
        with self.session() as session:
            rows = session.query(BookingRequest).filter(BookingRequest.contact == contact[:200],
                                                        BookingRequest.status != "cancelled")
            for row in rows.order_by(BookingRequest.id.desc()).limit(20):
                name = set(re.findall(r"[^\W\d_]+", (row.name or "").casefold()))
                if name and name <= words:
                    return row
        return None

    def add_booking_update(self, request_key: str, booking_id: int, conversation_id: str, kind: str,
                           preferred_time: Optional[str] = None) -> Tuple[int, bool]:
        """A change or cancellation request for staff, stored once per key."""
        from sqlalchemy.exc import IntegrityError

        if kind not in UPDATE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(UPDATE_KINDS)}")
        with self.session() as session:
            existing = session.query(BookingUpdate).filter_by(request_key=request_key).one_or_none()
            if existing is not None:
                return existing.id, False
            row = BookingUpdate(request_key=request_key[:255], booking_id=booking_id,
                                conversation_id=conversation_id[:255], kind=kind,
                                preferred_time=(preferred_time or None) and preferred_time[:32])
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                found = session.query(BookingUpdate).filter_by(request_key=request_key).one_or_none()
                if found is None:
                    raise              # not a retry of the same request: a real failure
                return found.id, False
            return row.id, True

    def booking_updates(self, booking_id: Optional[int] = None, limit: int = 200) -> List[BookingUpdate]:
        with self.session() as session:
            query = session.query(BookingUpdate)
            if booking_id is not None:
                query = query.filter(BookingUpdate.booking_id == booking_id)
            return list(query.order_by(BookingUpdate.id.desc()).limit(limit))

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
