"""Rasa's SQL tracker store with an engine that never writes message text
into logs or errors (issue 14), named in endpoints.yml as
`type: bot.tracker_store.PrivateSQLTrackerStore`: Rasa's supported way to
plug in a tracker store class, instead of patching Rasa's.

Rasa 3.6's SQLTrackerStore builds its engine without `hide_parameters`, so a
failed write logs the events' JSON (what the patient wrote) with the SQL
error. This class rebuilds the engine with the same URL and Rasa's own
engine options plus `hide_parameters=True`, and a SQLite file is created
owner-only (0600); everything else is Rasa's.
"""
from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

from bot.private_files import private_file


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        import sqlalchemy as sa

        host = str(kwargs.get("host") or "")
        if host.startswith("sqlite:///") and host != "sqlite:///:memory:":
            private_file(host[len("sqlite:///"):])      # 0600 before SQLite creates it
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, hide_parameters=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
