"""No health data in logs (issue 14 item 3): every write path fails on a
database that refuses writes (a trigger aborts every INSERT and UPDATE, so
the error carries the statement), and the captured logs hold no name,
contact, reason or message text."""
import asyncio
import logging

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, text

from bot.store import Store, get_store
from bot.tracker_store import PrivateSQLTrackerStore

NAME, CONTACT, REASON, SAID = "Zelda Quist", "zelda.quist@example.com", "numb groin zq", "I told you zq-secret"
SECRETS = (NAME, CONTACT, REASON, SAID, "Zelda", "zelda.quist", "zq-secret")


def _refuse_writes(url: str, tables) -> None:
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        for table in tables:
            for op in ("INSERT", "UPDATE"):
                connection.execute(text(f"CREATE TRIGGER no_{op.lower()}_{table} BEFORE {op} ON {table} "
                                        f"BEGIN SELECT RAISE(ABORT, 'writes refused'); END"))
    engine.dispose()


@pytest.fixture
def broken_clinic_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    store = Store(url)
    booking = store.add_booking("old:1", "conv-logs", NAME, CONTACT, "2026-12-04T10:00", REASON, "rest")
    _refuse_writes(url, ("booking_requests", "booking_updates", "handover_requests", "red_flag_events"))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    get_store.cache_clear()
    yield booking
    get_store.cache_clear()


def _tracker(slots=None, latest=None):
    events = [{"event": "user", "text": SAID, "timestamp": 1700000000.5, "parse_data": {}},
              {"event": "bot", "text": "ok", "timestamp": 1700000001.0}]
    return Tracker("conv-logs", slots or {}, latest or {"text": SAID, "intent": {"name": "affirm"}}, events,
                   False, None, {}, "action_listen")


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_every_write_path_fails_without_patient_data_in_the_logs(broken_clinic_db, caplog):
    from actions.booking import ActionSubmitBooking
    from actions.booking_requests import ActionBookingCancelRequest
    from actions.handover import ActionHandover
    from actions.red_flags import ActionRecordRedFlag

    caplog.set_level(logging.DEBUG)
    booking_slots = {"booking_name": NAME, "booking_contact": CONTACT, "booking_time": "2026-12-04T10:00",
                     "booking_time_text": "Friday 4 December at 10AM", "booking_reason": REASON}
    _run(ActionSubmitBooking(), _tracker(booking_slots))                      # booking_requests
    _run(ActionBookingCancelRequest(), _tracker())                           # booking_updates
    _run(ActionHandover(), _tracker({"booking_contact": CONTACT, "booking_name": NAME}))  # handover_requests
    red_flag = {"text": SAID, "intent": {"name": "red_flag_emergency"},
                "red_flag": {"level": "emergency", "sign": "saddle_numbness", "source": "rules"}}
    _run(ActionRecordRedFlag(), _tracker(latest=red_flag))                   # red_flag_events
    failures = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert failures, "the writes were expected to fail and be logged"
    logged = caplog.text
    assert "writes refused" in logged or "spool" in logged.lower()
    for secret in SECRETS:
        assert secret not in logged, secret


def test_a_failed_conversation_save_carries_no_message_text(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = PrivateSQLTrackerStore(host=url)
    _refuse_writes(url, ("events",))
    tracker = DialogueStateTracker("conv-logs", [])
    tracker.update(UserUttered(SAID))
    with pytest.raises(Exception) as error:
        asyncio.run(store.save(tracker))
    assert "writes refused" in str(error.value) and "zq-secret" not in str(error.value)
