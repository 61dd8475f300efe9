"""The store against SQLite and, where one runs, a real PostgreSQL server."""
import os
import socket
import uuid

import pytest

from bot.store import Store

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path / 'clinic.db'}")
        return
    if not _postgres_reachable():
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432 (the dev and CI machines run one)")
    # A schema of our own so parallel runs and old data don't interfere.
    schema = "t_" + uuid.uuid4().hex[:8]
    from sqlalchemy import create_engine, text
    admin = create_engine(PG_URL, future=True)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield Store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_red_flag_events_are_stored_and_listed_newest_first(store):
    first = store.record_red_flag("conv-1", "urgent", "fever", channel="rest")
    second = store.record_red_flag("conv-2", "emergency", "saddle_numbness", channel="twilio", source="model")
    assert second > first
    events = store.red_flags()
    assert [e.id for e in events] == [second, first]
    assert (events[0].level, events[0].sign, events[0].channel, events[0].source) == \
        ("emergency", "saddle_numbness", "twilio", "model")


def test_hostile_values_are_stored_literally(store):
    nasty = "x'); DROP TABLE red_flag_events; --<script>"
    store.record_red_flag(nasty, "urgent", nasty)
    [event] = store.red_flags(limit=1)
    assert event.conversation_id == nasty and event.sign == nasty


def test_nothing_is_created_before_first_use(tmp_path):
    path = tmp_path / "lazy.db"
    Store(f"sqlite:///{path}")
    assert not path.exists()


def test_a_confirmed_booking_is_stored_once_and_listed_new_first(store):
    first = store.add_booking("conv-a:1", "conv-a", "Ann", "+13105550142", "2026-11-27T10:00", "sciatica")
    again = store.add_booking("conv-a:1", "conv-a", "Ann", "+13105550142", "2026-11-27T10:00", "sciatica")
    assert again == first
    other = store.add_booking("conv-b:1", "conv-b", "Bob'); DROP TABLE booking_requests;--", "b@x.org",
                              "2026-11-28T09:00", "<b>cupping</b>", channel="twilio")
    assert store.set_booking_status(first, "booked")
    rows = store.bookings()
    assert [r.id for r in rows] == [other, first]
    assert rows[0].name == "Bob'); DROP TABLE booking_requests;--" and rows[0].reason == "<b>cupping</b>"
    assert store.booking(first).status == "booked"
    with pytest.raises(ValueError):
        store.set_booking_status(first, "lost")
