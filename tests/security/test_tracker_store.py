"""Rasa's conversation store as endpoints.yml configures it (issue 14): our
class is the one loaded, and its database errors carry no message text."""
import asyncio
from pathlib import Path

import pytest
import yaml
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy.exc import StatementError

from bot.tracker_store import PrivateSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    section = dict(yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))["tracker_store"])
    section["url"] = f"sqlite:///{tmp_path / 'tracker.db'}"
    return TrackerStore.create(EndpointConfig.from_dict(section))


def test_endpoints_yml_loads_our_store_not_the_in_memory_fallback(store):
    assert isinstance(store, PrivateSQLTrackerStore)


def test_a_failed_write_carries_no_message_text(store):
    tracker = DialogueStateTracker("c1", [])
    tracker.update(UserUttered("my secret symptom text"))
    asyncio.run(store.save(tracker))
    assert asyncio.run(store.retrieve("c1")).latest_message.text == "my secret symptom text"
    table = store.SQLEvent.__table__
    with store.engine.begin() as connection:
        row = connection.execute(table.select()).first()
        with pytest.raises(StatementError) as error:      # the same primary key again
            connection.execute(table.insert().values(**row._mapping))
    assert "INSERT" in str(error.value) and "secret symptom" not in str(error.value)


def test_a_sqlite_conversation_file_is_owner_only(tmp_path, store):
    import os
    import stat

    assert stat.S_IMODE(os.stat(tmp_path / "tracker.db").st_mode) == 0o600
