"""Staff marks on misunderstood patient messages (conversation review)."""
from __future__ import annotations

from typing import List

from bot.store.models import ReviewMark


class ReviewRepository:
    def mark_message(self, conversation_id: str, event_id: int, text: str, predicted: str, correct: str,
                     actor: str) -> int:
        """One mark per message: marking it again replaces the topic."""
        with self.session() as session, session.begin():
            row = (session.query(ReviewMark).filter_by(conversation_id=conversation_id[:255], event_id=event_id)
                   .one_or_none())
            if row is None:
                row = ReviewMark(conversation_id=conversation_id[:255], event_id=event_id)
                session.add(row)
            row.text, row.predicted, row.correct, row.actor = text[:5000], predicted[:255], correct[:255], actor[:100]
            session.flush()
            return row.id

    def review_marks(self, conversation_id: str = "", limit: int = 10000) -> List[ReviewMark]:
        with self.session() as session:
            query = session.query(ReviewMark)
            if conversation_id:
                query = query.filter(ReviewMark.conversation_id == conversation_id)
            return list(query.order_by(ReviewMark.id.desc()).limit(limit))
