"""Our tables' schema through Alembic migrations (bot/store/migrations/).

Two processes (the assistant and the staff console) depend on these tables,
so their shape changes only by a migration. `upgrade(engine)` brings any
database to the newest revision: an empty one from the start; one created
before migrations existed (session 5's `create_all`, with its late
`for_whom` column added) is first stamped as revision 0001. `make run` and
the deployment run `python -m bot.store.schema`; the store also calls it on
first use, which finds nothing to do when the schema is current.
"""
from __future__ import annotations

import sys
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Our own version table: Rasa's tracker store may share the database.
VERSION_TABLE = "clinic_schema_version"
BASELINE = "0001"


def _config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _add_missing_columns(connection) -> None:
    """A pre-migration database made before `for_whom` existed."""
    from sqlalchemy import inspect, text

    present = {c["name"] for c in inspect(connection).get_columns("booking_requests")}
    if "for_whom" not in present:
        connection.execute(text("ALTER TABLE booking_requests ADD COLUMN for_whom VARCHAR(100)"))


def upgrade(engine) -> str:
    """Migrate to the newest revision; returns it."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import inspect

    with engine.begin() as connection:
        current = MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE}).get_current_revision()
        config = _config(connection)
        if current is None and inspect(connection).has_table("booking_requests"):
            _add_missing_columns(connection)
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
        return MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def main(argv=None) -> int:
    """`python -m bot.store.schema`: migrate DATABASE_URL (or clinic.db)."""
    from sqlalchemy import create_engine

    from bot.private_files import private_file
    from bot.store.database import database_url

    url = database_url()
    engine = create_engine(url, future=True, hide_parameters=True)
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        private_file(engine.url.database)
    revision = upgrade(engine)
    print(f"clinic database at schema revision {revision}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
