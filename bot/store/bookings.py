"""Booking requests and the changes and cancellations patients ask for."""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from sqlalchemy import or_

from bot.store.models import BOOKING_STATUSES, UPDATE_KINDS, BookingRequest, BookingUpdate

# An email address or a run of digits: cut out before a stored name is looked
# for in a message, so that "maria.lopez@…" does not spell the name.
EMAIL_OR_NUMBER = re.compile(r"\S+@\S+|[+\d][\d\s().-]{5,}")


class BookingRepository:
    def add_booking(self, request_key: str, conversation_id: str, name: str, contact: str,
                    preferred_time: str, reason: str, channel: str = "unknown",
                    for_whom: Optional[str] = None, question: Optional[str] = None) -> int:
        """Store a confirmed request once: the same request_key returns the
        existing row's id instead of a second row."""
        return self.add_booking_once(request_key, conversation_id, name, contact, preferred_time,
                                     reason, channel, for_whom, question)[0]

    def add_booking_once(self, request_key: str, conversation_id: str, name: str, contact: str,
                         preferred_time: str, reason: str, channel: str = "unknown",
                         for_whom: Optional[str] = None, question: Optional[str] = None) -> Tuple[int, bool]:
        """(id, created): created is False when a retry found its own row."""
        from sqlalchemy.exc import IntegrityError

        with self.session() as session:
            existing = session.query(BookingRequest).filter_by(request_key=request_key).one_or_none()
            if existing is not None:
                return existing.id, False
            row = BookingRequest(request_key=request_key[:255], conversation_id=conversation_id[:255],
                                 channel=(channel or "unknown")[:64], name=name[:200], contact=contact[:200],
                                 preferred_time=preferred_time[:32], reason=reason[:500],
                                 for_whom=(for_whom or None) and for_whom[:100],
                                 question=(question or None) and question[:500])
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

    def bookings(self, status: Optional[str] = None, limit: int = 200,
                 channel: Optional[str] = None) -> List[BookingRequest]:
        return self._listing(BookingRequest, status, limit, channel)

    def booking(self, booking_id: int) -> Optional[BookingRequest]:
        return self._get(BookingRequest, booking_id)

    def set_booking_status(self, booking_id: int, status: str) -> bool:
        """Staff set a request's status after acting on it: the changes and
        cancellations the patient asked for until then count as handled."""
        if not self._set_status(BookingRequest, BOOKING_STATUSES, booking_id, status):
            return False
        with self.session() as session, session.begin():
            session.query(BookingUpdate).filter(BookingUpdate.booking_id == booking_id,
                                                BookingUpdate.status == "new").update(
                {BookingUpdate.status: "done"}, synchronize_session=False)
        return True

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
