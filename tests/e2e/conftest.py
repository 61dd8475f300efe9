import uuid

import pytest

from tests.e2e.server import running_assistant


@pytest.fixture(scope="session")
def assistant():
    with running_assistant() as bot:
        yield bot


@pytest.fixture
def sender():
    return "e2e-" + uuid.uuid4().hex[:10]
