"""The clinic's own records: models.py (tables), schema.py and migrations/
(their shape, by Alembic), database.py (where they live), engine.py (engine
and sessions), one repository per record kind, and store.py (the Store that
combines them)."""
from bot.store.database import database_url, sqlite_wal, tracker_store_url  # noqa: F401
from bot.store.models import (  # noqa: F401
    BOOKING_STATUSES,
    HANDOVER_STATUSES,
    STAFF_ROLES,
    UPDATE_KINDS,
    AuditEvent,
    Base,
    BookingRequest,
    BookingUpdate,
    HandoverRequest,
    RedFlagEvent,
    ReviewMark,
    SeenMessage,
    StaffUser,
)
from bot.store.store import Store, get_store  # noqa: F401
