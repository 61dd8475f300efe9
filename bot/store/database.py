"""Where the clinic's records live, and SQLite settings.

SQLite file by default (clinic.db at the repo root); DATABASE_URL selects
another database, e.g. postgresql://user@127.0.0.1:5432/clinic.
"""
from __future__ import annotations

import os

from bot import ROOT


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'clinic.db'}"


def tracker_store_url() -> str:
    """Rasa's conversation store, as scripts/env.sh sets it for endpoints.yml."""
    return (os.environ.get("TRACKER_STORE_URL") or os.environ.get("DATABASE_URL")
            or f"sqlite:///{ROOT / 'tracker.db'}")


def sqlite_wal() -> None:
    """Every SQLite database of this process in write-ahead-log mode with
    normal syncing (Rasa's SQL tracker store creates its engine after the
    channels, so the listener is on SQLAlchemy's Pool class).

    A commit then costs microseconds instead of milliseconds and readers
    don't block the writer; committed data survives a crash of the process
    (a power cut may lose the last commits). PostgreSQL is untouched."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    if event.contains(Pool, "connect", _sqlite_pragmas):
        return
    event.listen(Pool, "connect", _sqlite_pragmas)


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    if not isinstance(connection, sqlite3.Connection):
        return
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
