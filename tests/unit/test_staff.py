"""The staff command line against a real SQLite file."""
import pytest

from bot import staff
from bot.store import get_store


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'staff.db'}")
    get_store.cache_clear()
    yield get_store()
    get_store.cache_clear()


def test_list_show_mark_export(db, capsys, tmp_path):
    first = db.add_booking("c1:1", "c1", "Ann Lee", "+13105550142", "2026-11-27T10:00", "sciatica")
    second = db.add_booking("c2:1", "c2", "=HYPERLINK(\"x\")", "b@x.org", "2026-11-28T09:00", "<b>cupping</b>")
    assert staff.main(["mark", str(first), "contacted"]) == 0
    assert staff.main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.index("=HYPERLINK") < out.index("Ann Lee")   # new requests first
    assert "Friday 27 November at 10AM" in out
    assert staff.main(["show", str(second)]) == 0
    assert "<b>cupping</b>" in capsys.readouterr().out
    assert staff.main(["show", "999"]) == 1
    path = tmp_path / "out.csv"
    assert staff.main(["export", "--csv", str(path)]) == 0
    text = path.read_text()
    assert text.splitlines()[0].startswith("id,status")
    assert "'=HYPERLINK" in text
