"""Fixtures for the reliability suite (make test-reliability): real stores
shared by several Rasa servers, and FAQ questions whose answers can be told
apart (a keyword found in that answer and in no other of the set)."""
import uuid

import pytest

from tests.redis_service import redis
from tests.services import postgres_schema

# Question -> a keyword of the assistant's answer that no other answer in
# this set contains (checked against the replies of the trained model).
FAQ_KEYWORDS = {
    "what is cupping?": "suction",
    "what is gua sha?": "scraping",
    "how do I do a pelvic tilt?": "pelvic tilts",
    "how should I sleep with low back pain?": "stomach",
    "what shoes should I wear?": "high heels",
    "does smoking affect back pain?": "kick the habit",
    "what is the psoas?": "iliopsoas",
    "what is tui na?": "meridian blockages",
    "what are your opening hours?": "opening hours at",
    "how much does it cost?": "price list",
    "do you offer telemedicine?": "video consultation",
    "what is frozen shoulder?": "adhesive capsulitis",
    "what is ankylosing spondylitis?": "fuse together",
    "what are trigger points?": "referred pain",
    "how do I do the bridge exercise?": "hip-width",
    "what is knee arthritis?": "100 forms",
    "what is sciatica?": "10-40%",
    "what is lumbar spinal stenosis?": "l4-l5",
    "how should I lift heavy things?": "legs apart",
    "what mattress should I buy?": "particular type or brand",
}


def faq_mismatch(question: str, reply: str) -> str:
    """'' when the reply is the answer to `question` and to no other question
    of the set, else what is wrong."""
    text = reply.lower()
    own = FAQ_KEYWORDS[question]
    if own not in text:
        return f"no {own!r} in the reply"
    others = [q for q, k in FAQ_KEYWORDS.items() if q != question and k in text]
    return f"answers {others!r} too" if others else ""


@pytest.fixture
def faq():
    return FAQ_KEYWORDS, faq_mismatch


@pytest.fixture(scope="module")
def pg_schema_url():
    """An SQLAlchemy URL to a schema of our own in the test PostgreSQL
    (search_path in the URL), dropped afterwards."""
    with postgres_schema("rel") as (_, url):
        yield url


REDIS_DB = 5   # a spare Redis database for the lock store tests


@pytest.fixture(scope="module")
def redis_lock_store():
    """Rasa endpoints' lock_store section for the test Redis, with a key
    prefix of our own; its keys are deleted afterwards."""
    where, how = redis()
    if where is None:
        pytest.skip(how)
    host, port = where
    prefix = "rel" + uuid.uuid4().hex[:8]   # Rasa wants it alphanumeric
    yield {"type": "redis", "url": host, "port": port, "db": REDIS_DB, "key_prefix": prefix}
    import redis as redis_client

    client = redis_client.Redis(host=host, port=port, db=REDIS_DB)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()
