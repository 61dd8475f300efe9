import os
import uuid

import pytest

from tests.e2e.server import running_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    # The action server and these tests share a throw-away SQLite database.
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'clinic.db'}"
    with running_assistant() as bot:
        yield bot


@pytest.fixture
def sender():
    return "e2e-" + uuid.uuid4().hex[:10]
