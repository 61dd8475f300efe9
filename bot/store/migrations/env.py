"""Alembic's environment for the clinic's tables: the connection comes from
bot/store/schema.py (the engine the store already has), never from a URL in
an ini file."""
from alembic import context

from bot.store.models import Base
from bot.store.schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  version_table=VERSION_TABLE, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
