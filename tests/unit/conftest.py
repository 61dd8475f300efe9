"""Fixtures shared by the unit tests."""
import pytest

from bot.store import get_store


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'staff.db'}")
    get_store.cache_clear()
    yield get_store()
    get_store.cache_clear()
