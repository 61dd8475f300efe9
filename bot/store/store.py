"""The clinic's records through SQLAlchemy 1.4: one repository per record
kind (red_flags, bookings, handovers, messages, accounts, audit, inbox,
review), sharing one
engine (engine.py). Nothing is created at import time."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from bot.store.accounts import StaffAccountRepository
from bot.store.audit import AuditRepository
from bot.store.bookings import BookingRepository
from bot.store.engine import Database
from bot.store.handovers import HandoverRepository
from bot.store.inbox import InboxRepository
from bot.store.messages import SeenMessageRepository
from bot.store.red_flags import RedFlagRepository
from bot.store.review import ReviewRepository


class Store(Database, RedFlagRepository, BookingRepository, HandoverRepository,
            SeenMessageRepository, StaffAccountRepository, AuditRepository, InboxRepository,
            ReviewRepository):
    """All of the clinic's records, for the assistant, the CLI and the console."""


@lru_cache(maxsize=None)
def get_store(url: Optional[str] = None) -> Store:
    """One store per database URL per process (the engine pools connections)."""
    return Store(url)
