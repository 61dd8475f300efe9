"""The inbox lists what the assistant stored, filters it, changes statuses,
exports CSV and tells the page when something new arrives."""
import csv
import io

from tests.console.conftest import csrf, sign_in


def _booking(store, n=1, channel="socketio", name="Maria Lopez"):
    return store.add_booking(f"key-{n}", f"web:{n}", name, "+1 310 555 0101", "2026-12-03T10:00",
                             "sciatica", channel=channel)


def test_the_inbox_lists_booking_requests_with_their_details(client, store):
    _booking(store)
    sign_in(client)
    page = client.get("/inbox").get_data(as_text=True)
    assert "Maria Lopez" in page and "+1 310 555 0101" in page and "New booking requests: <strong" in page
    assert "Thursday 3 December at 10AM" in page          # the preferred time in words


def test_a_question_passed_on_with_a_request_is_shown_as_text(client, store):
    booking = store.add_booking("key-q", "web:q", "Lena Park", "lena@example.com", "2026-12-04T11:00",
                                "lower back", question="can I have the same <b>therapist</b> as my sister?")
    sign_in(client)
    assert "has a question" in client.get("/inbox").get_data(as_text=True)
    page = client.get(f"/bookings/{booking}").get_data(as_text=True)
    assert "Question to answer" in page and "same &lt;b&gt;therapist&lt;/b&gt; as my sister?" in page


def test_a_patient_name_is_shown_as_text_never_as_markup(client, store):
    _booking(store, name="<script>alert(1)</script>")
    sign_in(client)
    page = client.get("/inbox").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_filters_by_status_and_channel(client, store):
    first = _booking(store, 1, channel="socketio", name="Web Patient")
    _booking(store, 2, channel="twilio", name="Sms Patient")
    store.set_booking_status(first, "booked")
    sign_in(client)
    sms = client.get("/inbox?kind=bookings&channel=twilio").get_data(as_text=True)
    assert "Sms Patient" in sms and "Web Patient" not in sms
    booked = client.get("/inbox?kind=bookings&status=booked").get_data(as_text=True)
    assert "Web Patient" in booked and "Sms Patient" not in booked


def test_a_status_change_is_stored_and_audited(client, store):
    booking = _booking(store)
    sign_in(client)
    page = client.get("/inbox").get_data(as_text=True)
    response = client.post(f"/bookings/{booking}/status", data={"status": "contacted", "csrf_token": csrf(page)})
    assert response.status_code == 302
    assert store.booking(booking).status == "contacted"
    assert ("rosa", "booking -> contacted", f"booking:{booking}") in \
        [(e.actor, e.action, e.target) for e in store.audit_events()]


def test_an_unknown_status_is_refused(client, store):
    booking = _booking(store)
    sign_in(client)
    page = client.get("/inbox").get_data(as_text=True)
    response = client.post(f"/bookings/{booking}/status", data={"status": "deleted", "csrf_token": csrf(page)})
    assert response.status_code == 400 and store.booking(booking).status == "new"


def test_csv_export_escapes_formulas_and_is_audited(client, store):
    _booking(store, name="=HYPERLINK(\"http://x\")")
    sign_in(client)
    response = client.get("/export/bookings.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["id", "status", "created_at", "name"]
    assert rows[1][3].startswith("'=")
    assert "exported" in [e.action for e in store.audit_events()]


def test_hand_overs_open_with_the_conversation_so_far(client, store):
    handover, _ = store.open_handover("h-1", "web:abc", "patient: can I talk to someone?\nbot: of course",
                                      contact="+1 310 555 0199", channel="socketio")
    sign_in(client)
    listing = client.get("/inbox?kind=handovers").get_data(as_text=True)
    assert f"/handovers/{handover}" in listing
    page = client.get(f"/handovers/{handover}").get_data(as_text=True)
    assert "can I talk to someone?" in page and "+1 310 555 0199" in page
    assert ("viewed", f"handover:{handover}") in [(e.action, e.target) for e in store.audit_events()]


def test_red_flags_are_listed_with_their_level_and_sign(client, store):
    store.record_red_flag("web:x", "emergency", "saddle_numbness", channel="socketio")
    sign_in(client)
    page = client.get("/inbox?kind=red-flags").get_data(as_text=True)
    assert "saddle_numbness" in page and "emergency" in page


def test_the_poll_version_changes_when_a_request_arrives(client, store):
    sign_in(client)
    before = client.get("/inbox/poll").get_json()
    _booking(store)
    after = client.get("/inbox/poll").get_json()
    assert after["bookings"] == before["bookings"] + 1 and after["version"] != before["version"]
    assert "Maria Lopez" in client.get("/inbox/rows?kind=bookings").get_data(as_text=True)


def test_an_unknown_record_is_not_found(client):
    sign_in(client)
    assert client.get("/bookings/999").status_code == 404
    assert client.get("/handovers/999").status_code == 404


def test_a_status_change_settles_what_the_patient_asked_since(client, store):
    booking = _booking(store)
    store.add_booking_update("u-1", booking, "web:1", "cancel")
    sign_in(client)
    page = client.get("/inbox").get_data(as_text=True)
    assert "asks to cancel" in page and client.get("/inbox/poll").get_json()["updates"] == 1
    client.post(f"/bookings/{booking}/status", data={"status": "cancelled", "csrf_token": csrf(page)})
    assert "asks to cancel" not in client.get("/inbox").get_data(as_text=True)
    assert client.get("/inbox/poll").get_json()["updates"] == 0
