"""Twilio message ids already answered (bot/channels/replay.py)."""
from __future__ import annotations

from bot.store.models import SeenMessage


class SeenMessageRepository:
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
