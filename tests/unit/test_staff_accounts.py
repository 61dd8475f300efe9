"""Console accounts and the audit trail from the command line, on real SQLite."""
from bot import staff


def test_add_user_stores_an_argon2_hash_that_signs_in(db, monkeypatch, capsys):
    monkeypatch.setenv("CONSOLE_PASSWORD", "a long enough password")
    assert staff.main(["add-user", "rosa", "--role", "admin"]) == 0
    [user] = db.staff_users()
    assert user.role == "admin" and user.password_hash.startswith("$argon2id$")
    assert "a long enough password" not in user.password_hash
    assert db.check_password("rosa", "a long enough password").name == "rosa"
    assert db.check_password("rosa", "wrong password here") is None
    assert staff.main(["add-user", "rosa"]) == 1
    assert "already" in capsys.readouterr().err


def test_a_short_password_is_refused(db, monkeypatch, capsys):
    monkeypatch.setenv("CONSOLE_PASSWORD", "short")
    assert staff.main(["add-user", "rosa"]) == 1
    assert "12 characters" in capsys.readouterr().err and db.staff_users() == []


def test_cli_actions_on_records_are_in_the_audit_trail_without_patient_data(db, capsys):
    booking = db.add_booking("c1:1", "c1", "Ann Lee", "+13105550142", "2026-11-27T10:00", "sciatica")
    assert staff.main(["show", str(booking)]) == 0
    assert staff.main(["mark", str(booking), "booked"]) == 0
    assert staff.main(["forget", "+13105550142"]) == 0
    events = [(e.action, e.target, e.via) for e in db.audit_events()]
    assert ("viewed", f"booking:{booking}", "cli") in events
    assert ("booking -> booked", f"booking:{booking}", "cli") in events
    assert ("erased a patient's data", "", "cli") in events
    assert all("3105550142" not in e.target and "Ann" not in e.target for e in db.audit_events())
    capsys.readouterr()
    assert staff.main(["audit"]) == 0
    assert "booking -> booked" in capsys.readouterr().out


def test_suggestions_export_marks_and_erasure_removes_them(db, capsys, tmp_path):
    from bot import erasure
    from bot.spool import Spool

    db.mark_message("twilio:+13105550142", 7, "wat tims r u open", "nlu_fallback", "clinic_hours", "rosa")
    assert staff.main(["suggestions"]) == 0
    out = capsys.readouterr().out
    assert "- intent: clinic_hours" in out and "    - wat tims r u open" in out
    removed = erasure.forget("+13105550142", db, None, Spool(tmp_path / "spool"))
    assert removed.counts["review marks"] == 1 and db.review_marks() == []
