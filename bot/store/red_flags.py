"""Red-flag escalations: level and matched sign, never the patient's words."""
from __future__ import annotations

from typing import List, Optional

from bot.store.models import RedFlagEvent


class RedFlagRepository:
    def record_red_flag(self, conversation_id: str, level: str, sign: str,
                        channel: str = "unknown", source: str = "rules") -> int:
        with self.session() as session, session.begin():
            event = RedFlagEvent(conversation_id=conversation_id[:255], level=level[:16],
                                 sign=sign[:255], channel=(channel or "unknown")[:64],
                                 source=source[:16])
            session.add(event)
            session.flush()
            return event.id

    def red_flags(self, limit: int = 100, channel: Optional[str] = None,
                  level: Optional[str] = None) -> List[RedFlagEvent]:
        with self.session() as session:
            query = session.query(RedFlagEvent)
            if channel:
                query = query.filter(RedFlagEvent.channel == channel)
            if level:
                query = query.filter(RedFlagEvent.level == level)
            return list(query.order_by(RedFlagEvent.id.desc()).limit(limit))
