"""Erasure and retention (issue 14 item 4): `bot.staff forget` and `purge`
on SQLite and on a real PostgreSQL; afterwards every table is read."""
import asyncio
import json
import time
from datetime import datetime, timedelta

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot import erasure
from bot.spool import Spool
from bot.store import BookingRequest, HandoverRequest, RedFlagEvent, Store
from bot.tracker_store import PrivateSQLTrackerStore
from tests.services import postgres_schema

PHONE, EMAIL = "+13105550142", "rosa@example.com"


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request, tmp_path):
    """A clinic database, a conversation store and a spool, with two patients."""
    if request.param == "sqlite":
        urls = (f"sqlite:///{tmp_path / 'clinic.db'}", f"sqlite:///{tmp_path / 'tracker.db'}")
        yield _fill(*urls, tmp_path)
        return
    with postgres_schema("erase") as (_, url):
        yield _fill(url, url, tmp_path)


def _fill(store_url, tracker_url, tmp_path):
    store = Store(store_url)
    tracker_store = PrivateSQLTrackerStore(host=tracker_url)
    patient_sms, patient_web, other = "twilio:" + PHONE, "web:rosa-session-1234", "web:someone-else-5678"
    for conversation, words in ((patient_sms, "I cannot pee, Rosa here"), (patient_web, "Rosa Diaz rosa@example.com"),
                                (other, "Tom asks a question about cupping")):
        tracker = DialogueStateTracker(conversation, [])
        tracker.update(UserUttered(words))
        asyncio.run(tracker_store.save(tracker))
    booking = store.add_booking("k1", patient_sms, "Rosa Diaz", PHONE, "2026-12-03T10:00", "sciatica", "twilio")
    store.add_booking_update("k1:c", booking, patient_sms, "cancel")
    store.add_booking("k2", patient_web, "Rosa Diaz", EMAIL, "2026-12-04T10:00", "neck", "socketio")
    store.add_booking("k3", other, "Tom Lee", "tom@example.com", "2026-12-05T10:00", "cupping", "socketio")
    store.open_handover("h1", patient_web, "wants a person", contact=EMAIL, channel="socketio")
    store.record_red_flag(patient_sms, "emergency", "urinary_retention", channel="twilio")
    spool = Spool(tmp_path / "spool" / "bookings.jsonl")
    spool.put({"request_key": "s1", "conversation_id": patient_web, "name": "Rosa Diaz", "contact": EMAIL})
    spool.put({"request_key": "s2", "conversation_id": other, "name": "Tom Lee", "contact": "tom@example.com"})
    return store, tracker_url, spool


def _everything(store, tracker_url, spool):
    """Every row of every table, and the spool, as one text."""
    out = []
    for url in {store.url, tracker_url}:
        engine = create_engine(url, future=True)
        with engine.connect() as connection:
            for table in ("booking_requests", "booking_updates", "handover_requests", "red_flag_events", "events"):
                try:
                    out += [" | ".join(str(v) for v in row) for row in connection.execute(text(f"SELECT * FROM {table}"))]
                except Exception:
                    pass
        engine.dispose()
    out += [json.dumps(r) for r in spool.pending()]
    return "\n".join(out)


def test_forgetting_by_phone_removes_that_patient_everywhere(world):
    store, tracker_url, spool = world
    removed = erasure.forget("(310) 555-0142", store, tracker_url, spool)
    everything = _everything(store, tracker_url, spool)
    assert PHONE not in everything and "I cannot pee" not in everything
    assert removed.counts["booking requests"] == 1 and removed.counts["booking changes and cancellations"] == 1
    assert removed.counts["red-flag records made anonymous"] == 1
    # The red-flag count stays, without identity; the other patient is untouched.
    assert "urinary_retention" in everything and erasure.FORGOTTEN in everything
    assert "Tom Lee" in everything and "a question about cupping" in everything


def test_forgetting_by_email_finds_every_conversation_it_was_given_in(world):
    store, tracker_url, spool = world
    erasure.forget(EMAIL, store, tracker_url, spool)
    everything = _everything(store, tracker_url, spool)
    assert EMAIL not in everything and "Rosa Diaz rosa@" not in everything and "wants a person" not in everything
    assert "Tom Lee" in everything and len(spool.pending()) == 1


def test_purge_removes_what_is_older_than_the_retention_period(world):
    store, tracker_url, spool = world
    with store.session() as session, session.begin():
        old = datetime.utcnow() - timedelta(days=400)
        for model in (BookingRequest, HandoverRequest, RedFlagEvent):
            session.query(model).update({model.created_at: old})
    engine = create_engine(tracker_url, future=True)
    with engine.begin() as connection:
        connection.execute(text("UPDATE events SET timestamp = :t"), {"t": time.time() - 400 * 86400})
    engine.dispose()
    removed = erasure.purge(365, store, tracker_url)
    everything = _everything(store, tracker_url, spool)
    assert removed.counts["booking requests"] == 3 and removed.counts["conversation events"] >= 3
    tables = everything.replace(json.dumps(spool.pending()), "")
    assert "I cannot pee" not in tables and "sciatica" not in tables and "a question about cupping" not in tables
    # The red-flag count stays, without identity.
    assert "urinary_retention" in tables and "twilio:" + PHONE not in tables


def test_a_blank_identifier_is_refused(world):
    store, tracker_url, spool = world
    with pytest.raises(ValueError):
        erasure.forget("  ", store, tracker_url, spool)
