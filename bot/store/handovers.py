"""Requests to talk to a person, with the conversation so far."""
from __future__ import annotations

from typing import List, Optional, Tuple

from bot.store.models import HANDOVER_STATUSES, HandoverRequest


class HandoverRepository:
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

    def handovers(self, status: Optional[str] = None, limit: int = 200,
                 channel: Optional[str] = None) -> List[HandoverRequest]:
        return self._listing(HandoverRequest, status, limit, channel)

    def handover(self, handover_id: int) -> Optional[HandoverRequest]:
        return self._get(HandoverRequest, handover_id)

    def set_handover_status(self, handover_id: int, status: str) -> bool:
        return self._set_status(HandoverRequest, HANDOVER_STATUSES, handover_id, status)
