"""What waits for staff, across record kinds: the console's counts and the
version its inbox polls to know that something changed."""
from __future__ import annotations

from typing import Dict

from bot.store.models import BookingRequest, BookingUpdate, HandoverRequest, RedFlagEvent


class InboxRepository:
    def counts(self) -> Dict[str, int]:
        """What waits for staff: new booking requests, new hand-overs, new
        change/cancel requests, and red flags of the last day."""
        from datetime import datetime, timedelta, timezone

        from sqlalchemy import func

        since = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=1)
        with self.session() as session:
            def count(model, *where):
                return session.query(func.count(model.id)).filter(*where).scalar() or 0
            return {"bookings": count(BookingRequest, BookingRequest.status == "new"),
                    "handovers": count(HandoverRequest, HandoverRequest.status == "new"),
                    "updates": count(BookingUpdate, BookingUpdate.status == "new"),
                    "red_flags": count(RedFlagEvent, RedFlagEvent.created_at >= since),
                    "version": "-".join(str(v) for v in (
                        *(session.query(func.max(m.id)).scalar() or 0
                          for m in (BookingRequest, HandoverRequest, RedFlagEvent, BookingUpdate)),
                        *(session.query(func.max(m.updated_at)).scalar() or ""
                          for m in (BookingRequest, HandoverRequest))))}
