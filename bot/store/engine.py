"""The engine and sessions every repository of the store shares.

Nothing is created at import time: the engine is made on first use, and the
schema brought to the newest migration then (bot/store/schema.py)."""
from __future__ import annotations

import threading
from typing import Optional

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from bot.private_files import private_file
from bot.store.database import database_url, sqlite_wal
from bot.store.schema import upgrade


class Database:
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
                        upgrade(engine)
                    except Exception:
                        engine.dispose()
                        raise
                    self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)
                    self._engine = engine
        return self._engine

    def session(self):
        self.engine  # noqa: B018 (creates the engine and tables on first use)
        return self._sessions()

    def _listing(self, model, status: Optional[str], limit: int, channel: Optional[str] = None) -> list:
        """New requests first, then the rest; newest first within each."""
        from sqlalchemy import case

        with self.session() as session:
            query = session.query(model)
            if status:
                query = query.filter(model.status == status)
            if channel:
                query = query.filter(model.channel == channel)
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
