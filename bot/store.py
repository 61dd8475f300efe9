"""The clinic's own records, through SQLAlchemy 1.4.

SQLite file by default (clinic.db at the repo root); DATABASE_URL selects
another database, e.g. postgresql://user@127.0.0.1:5432/clinic. Nothing is
created at import time: the engine and tables are made on first use.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from functools import lru_cache
from typing import List, Optional

from sqlalchemy import Column, DateTime, Integer, String, create_engine
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


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'clinic.db'}"


class Store:
    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        self._engine = None
        self._sessions = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = create_engine(self.url, pool_pre_ping=True, future=True)
            Base.metadata.create_all(self._engine)
            self._sessions = sessionmaker(self._engine, future=True, expire_on_commit=False)
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

    def red_flags(self, limit: int = 100) -> List[RedFlagEvent]:
        with self.session() as session:
            return list(session.query(RedFlagEvent).order_by(RedFlagEvent.id.desc()).limit(limit))


@lru_cache(maxsize=None)
def get_store(url: Optional[str] = None) -> Store:
    """One store per database URL per process (the engine pools connections)."""
    return Store(url)
