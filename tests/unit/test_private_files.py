"""Patients' data on disk is owner-only: SQLite database, spool, CSV export
(issue 14), whatever the umask."""
import os
import stat

import pytest

from bot.private_files import private_open
from bot.spool import Spool
from bot.store import Store


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_sqlite_database_is_owner_only(tmp_path, open_umask):
    (tmp_path / "data").mkdir(mode=0o700)
    store = Store(f"sqlite:///{tmp_path / 'data' / 'clinic.db'}")
    store.add_booking("k", "c", "Ann Lee", "ann@example.com", "2026-12-03T10:00", "sciatica")
    assert _mode(tmp_path / "data" / "clinic.db") == 0o600
    assert _mode(tmp_path / "data") == 0o700
    for extra in ("clinic.db-wal", "clinic.db-shm"):
        if (tmp_path / "data" / extra).exists():
            assert _mode(tmp_path / "data" / extra) == 0o600


def test_the_spool_is_owner_only(tmp_path, open_umask):
    spool = Spool(tmp_path / "spool" / "bookings.jsonl")
    spool.put({"request_key": "k", "name": "Ann Lee"})
    assert _mode(tmp_path / "spool") == 0o700
    assert _mode(tmp_path / "spool" / "bookings.jsonl") == 0o600
    assert _mode(tmp_path / "spool" / "bookings.lock") == 0o600


def test_the_csv_export_is_owner_only(tmp_path, open_umask, monkeypatch):
    from bot import staff

    monkeypatch.setattr(staff, "get_store", lambda: Store(f"sqlite:///{tmp_path / 'clinic.db'}"))
    assert staff.main(["export", "--csv", str(tmp_path / "out.csv")]) == 0
    assert _mode(tmp_path / "out.csv") == 0o600


def test_an_existing_wider_file_is_narrowed(tmp_path, open_umask):
    path = tmp_path / "old.jsonl"
    path.write_text("x\n")
    os.chmod(path, 0o644)
    with private_open(path, "a") as f:
        f.write("y\n")
    assert _mode(path) == 0o600 and path.read_text() == "x\ny\n"
