"""The clinic's own records (models.py), where they live (database.py) and
the one class that reads and writes them (store.py)."""
from bot.store.database import database_url, sqlite_wal, tracker_store_url  # noqa: F401
from bot.store.models import (  # noqa: F401
    BOOKING_STATUSES,
    HANDOVER_STATUSES,
    UPDATE_KINDS,
    Base,
    BookingRequest,
    BookingUpdate,
    HandoverRequest,
    RedFlagEvent,
    SeenMessage,
)
from bot.store.store import Store, get_store  # noqa: F401
