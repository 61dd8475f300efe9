"""A booking confirmed while the database is down is kept and stored once
the database is back: never lost, never stored twice."""
import asyncio
import threading

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import ActionSubmitBooking
from bot.spool import Spool, get_spool
from bot.store import Store, get_store

DOWN = "postgresql://postgres@127.0.0.1:9/clinic"   # nothing listens on port 9


def _record(i):
    return dict(request_key=f"c{i}:1", conversation_id=f"c{i}", name=f"Pat {i}", contact="+13105550142",
                preferred_time="2026-11-27T10:00", reason="stiff back", channel="rest")


def test_spooled_requests_are_stored_once_when_the_database_is_back(tmp_path):
    spool = Spool(tmp_path / "bookings.jsonl")
    for i in range(3):
        spool.put(_record(i))
    assert spool.flush(Store(DOWN)) == 0 and len(spool.pending()) == 3   # still down: kept
    up = Store(f"sqlite:///{tmp_path / 'clinic.db'}")
    up.add_booking_once(**_record(0))          # stored earlier by a crashed flush
    stored = []
    assert spool.flush(up, lambda rid, rec: stored.append(rec["name"])) == 3
    assert not spool.path.exists() and spool.flush(up) == 0
    assert sorted(b.name for b in up.bookings()) == ["Pat 0", "Pat 1", "Pat 2"]
    assert stored == ["Pat 1", "Pat 2"]        # notified once each, only when new


def test_concurrent_flushes_store_each_request_once(tmp_path):
    spool = Spool(tmp_path / "bookings.jsonl")
    for i in range(20):
        spool.put(_record(i))
    up = Store(f"sqlite:///{tmp_path / 'clinic.db'}")
    threads = [threading.Thread(target=Spool(spool.path).flush, args=(up,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(up.bookings()) == 20 and not spool.path.exists()


def test_a_torn_line_does_not_block_the_rest(tmp_path):
    spool = Spool(tmp_path / "bookings.jsonl")
    spool.put(_record(1))
    with open(spool.path, "a") as f:
        f.write('{"request_key": "half')
    assert [r["name"] for r in spool.pending()] == ["Pat 1"]


def test_the_patient_is_told_and_the_request_kept_when_the_database_is_down(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.setenv("DATABASE_URL", DOWN)
    get_store.cache_clear()
    slots = {"booking_name": "Ann Lee", "booking_contact": "+13105550142",
             "booking_time": "2026-11-27T10:00", "booking_time_text": "Friday 27 November at 10AM",
             "booking_reason": "'; DROP TABLE booking_requests; --"}
    events = [{"event": "user", "text": "yes", "timestamp": 1700000000.5}]
    tracker = Tracker("conv-db-down", slots, {"text": "yes", "intent": {"name": "affirm"}}, events,
                      False, None, {}, "utter_confirm_booking")
    dispatcher = CollectingDispatcher()
    try:
        result = asyncio.run(ActionSubmitBooking().run(dispatcher, tracker, {}))
        text = dispatcher.messages[0]["text"]
        assert "kept your request" in text and "call" in text
        assert all(e["value"] is None for e in result)        # the form is done
        waiting = get_spool().pending()
        assert [r["name"] for r in waiting] == ["Ann Lee"]
        # The database comes back: stored once, with the text as typed.
        up = Store(f"sqlite:///{tmp_path / 'clinic.db'}")
        assert get_spool().flush(up) == 1 and get_spool().flush(up) == 0
        rows = up.bookings()
        assert len(rows) == 1 and rows[0].reason == "'; DROP TABLE booking_requests; --"
    finally:
        get_store.cache_clear()


def test_a_store_first_used_while_the_database_is_down_works_once_it_is_back(tmp_path):
    import pytest
    from sqlalchemy.exc import OperationalError

    missing = tmp_path / "not-yet" / "clinic.db"      # SQLite cannot open it: "down"
    store = Store(f"sqlite:///{missing}")
    with pytest.raises(OperationalError):
        store.bookings()
    missing.parent.mkdir()                             # "back"
    assert store.add_booking_once(**_record(1))[1] and len(store.bookings()) == 1
