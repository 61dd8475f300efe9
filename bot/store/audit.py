"""The audit trail: who viewed, exported, replied or changed what, and when,
from the console and the CLI. A target names a record ("booking:12"), never
a patient's words."""
from __future__ import annotations

from typing import List, Optional

from bot.store.models import AuditEvent


class AuditRepository:
    def audit(self, actor: str, action: str, target: str = "", via: str = "console") -> int:
        with self.session() as session, session.begin():
            event = AuditEvent(actor=(actor or "unknown")[:100], action=action[:64],
                               target=(target or "")[:100], via=via[:16])
            session.add(event)
            session.flush()
            return event.id

    def audit_events(self, actor: Optional[str] = None, limit: int = 500) -> List[AuditEvent]:
        with self.session() as session:
            query = session.query(AuditEvent)
            if actor:
                query = query.filter(AuditEvent.actor == actor)
            return list(query.order_by(AuditEvent.id.desc()).limit(limit))
