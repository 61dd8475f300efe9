"""The store against SQLite and, where one runs, a real PostgreSQL server."""
import pytest

from bot.store import BookingRequest, Store
from tests.services import postgres_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path / 'clinic.db'}")
        return
    # A schema of our own so parallel runs and old data don't interfere.
    with postgres_schema("t") as (_, url):
        yield Store(url)

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


def test_handover_request_is_opened_once_per_conversation_and_listed_new_first(store):
    first, created = store.open_handover("c1:h:1", "c1", "patient: talk to a person", channel="rest")
    assert created
    # The same key (a retried action) and a second ask in the same
    # conversation both find the open request.
    assert store.open_handover("c1:h:1", "c1", "again") == (first, False)
    again, created = store.open_handover("c1:h:2", "c1", "patient: hello?\npatient: a person please",
                                         contact="+13105550142")
    assert (again, created) == (first, False)
    row = store.handover(first)
    assert row.contact == "+13105550142" and "a person please" in row.context
    other, _ = store.open_handover("c2:h:1", "c2", "<script>alert(1)</script>'; DROP TABLE x;--",
                                   channel="twilio", contact="whatsapp:+15551234567")
    assert store.set_handover_status(first, "contacted")
    assert [r.id for r in store.handovers()] == [other, first]
    assert store.handover(other).context == "<script>alert(1)</script>'; DROP TABLE x;--"
    # Once handled, asking again opens a new request.
    third, created = store.open_handover("c1:h:3", "c1", "patient: me again")
    assert created and third not in (first, other)
    assert store.current_handover("c1").id == third


def test_handover_notes_and_statuses(store):
    request, _ = store.open_handover("c3:h:1", "c3", "patient: a person please")
    assert store.add_handover_note(request, "patient: a person please\npatient: 0310 555", contact=None)
    assert store.handover(request).contact is None
    assert store.add_handover_note(request, "x", contact="ann@example.org")
    assert store.handover(request).contact == "ann@example.org"
    assert not store.add_handover_note(9999, "x")
    with pytest.raises(ValueError):
        store.set_handover_status(request, "booked")
    assert not store.set_handover_status(9999, "closed")
    assert store.current_handover("nobody") is None


def test_booking_stored_once_reports_whether_it_was_new(store):
    assert store.add_booking_once("k:1", "c", "Ann", "+13105550142", "2026-11-27T10:00", "x")[1]
    assert not store.add_booking_once("k:1", "c", "Ann", "+13105550142", "2026-11-27T10:00", "x")[1]


def test_a_request_is_found_by_name_and_contact_together_only(store):
    first = store.add_booking("c1:1", "c1", "Maria Lopez", "maria.lopez@gmail.com", "2026-12-03T10:00", "sciatica")
    store.add_booking("c2:1", "c2", "Ann Lee", "+13105550142", "2026-12-04T10:00", "neck")
    assert store.booking_by_name_and_contact("it was Maria Lopez", "maria.lopez@gmail.com").id == first
    assert store.booking_by_name_and_contact("MARIA   lopez!", "maria.lopez@gmail.com").id == first
    # The email spells the name, but the email alone is not the check.
    assert store.booking_by_name_and_contact("maria.lopez@gmail.com", "maria.lopez@gmail.com") is None
    assert store.booking_by_name_and_contact("Maria", "maria.lopez@gmail.com") is None
    assert store.booking_by_name_and_contact("Ann Lee", "maria.lopez@gmail.com") is None
    assert store.booking_by_name_and_contact("Maria Lopez", "+13105550142") is None
    store.set_booking_status(first, "cancelled")
    assert store.booking_by_name_and_contact("Maria Lopez", "maria.lopez@gmail.com") is None


def test_a_failed_write_does_not_carry_the_patients_values(store):
    """A database error's text is what gets logged: it must not hold a name,
    a contact or a reason (issue 14)."""
    from sqlalchemy.exc import StatementError

    store.add_booking("k:1", "c", "Secret Name", "secret@example.com", "2026-12-03T10:00", "secret reason")
    with store.session() as session, session.begin():
        try:
            session.execute(BookingRequest.__table__.insert().values(
                request_key="k:1", conversation_id="c", name="Secret Name", contact="secret@example.com",
                preferred_time="2026-12-03T10:00", reason="secret reason"))
        except StatementError as error:
            text = str(error)
        else:
            raise AssertionError("a duplicate request key must fail")
    assert "INSERT" in text and "Secret" not in text and "secret@" not in text and "secret reason" not in text


def test_message_ids_are_remembered_once_and_expire(store):
    from datetime import datetime, timedelta

    assert store.remember_message("SM1") and not store.remember_message("SM1")
    store.forget_message("SM1")
    assert store.remember_message("SM1")
    assert store.expire_messages(datetime.utcnow() + timedelta(seconds=1)) == 1
    assert store.remember_message("SM1")
