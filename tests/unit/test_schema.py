"""Alembic migrations of our tables, on SQLite and the real PostgreSQL: from
an empty database, and from the schema the store made before migrations."""
import pytest
from sqlalchemy import create_engine, inspect, text

from bot.store import schema
from bot.store.models import Base
from tests.services import postgres_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'clinic.db'}"
        return
    with postgres_schema("m") as (_, url):
        yield url


def _differences(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": schema.VERSION_TABLE})
        return [d for d in compare_metadata(context, Base.metadata)
                if not (isinstance(d, tuple) and d[0] == "remove_table" and d[1].name == schema.VERSION_TABLE)]


def test_an_empty_database_gets_exactly_the_models_schema(url):
    engine = create_engine(url, future=True)
    assert schema.upgrade(engine) == "0004"
    assert _differences(engine) == []
    assert schema.upgrade(engine) == "0004"   # a second run finds nothing to do


def test_a_database_from_before_migrations_keeps_its_rows_and_gains_the_new_tables(url):
    engine = create_engine(url, future=True)
    old = [t for name, t in Base.metadata.tables.items()
           if name in ("red_flag_events", "booking_requests", "handover_requests", "booking_updates",
                       "seen_messages")]
    Base.metadata.create_all(engine, tables=old)
    with engine.begin() as connection:   # the oldest shape: no for_whom yet (nor the later question)
        connection.execute(text("ALTER TABLE booking_requests DROP COLUMN for_whom"))
        connection.execute(text("ALTER TABLE booking_requests DROP COLUMN question"))
        connection.execute(text(
            "INSERT INTO booking_requests (request_key, conversation_id, channel, name, contact, preferred_time,"
            " reason, status, created_at, updated_at) VALUES ('k', 'c', 'rest', 'Ann', '+13105550101',"
            " '2026-12-01T10:00', 'sciatica', 'new', '2026-11-30 10:00:00', '2026-11-30 10:00:00')"))
    assert schema.upgrade(engine) == "0004"
    inspector = inspect(engine)
    assert {"staff_users", "audit_events"} <= set(inspector.get_table_names())
    assert {"for_whom", "question"} <= {c["name"] for c in inspector.get_columns("booking_requests")}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM booking_requests")).scalar() == "Ann"
    assert _differences(engine) == []


def test_the_store_migrates_on_first_use(tmp_path):
    from bot.store import Store

    store = Store(f"sqlite:///{tmp_path / 'lazy.db'}")
    store.audit("cli:test", "viewed", "booking:1", via="cli")
    assert [e.action for e in store.audit_events()] == ["viewed"]
    assert "clinic_schema_version" in inspect(store.engine).get_table_names()
