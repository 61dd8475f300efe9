"""Past one machine: two Rasa servers (and one action server) sharing a real
PostgreSQL tracker store and a real Redis lock store, as replicas behind a
load balancer without session affinity would.

* One booking conversation whose every message goes to the other server: each
  reply is the right next step, and PostgreSQL holds every user message once,
  in order, each followed by its own bot replies.
* A burst of concurrent messages for one sender at both servers at once: the
  lock store serialises them (every message stored once; each turn's events
  are contiguous and end with action_listen, no interleaving).

Skipped, with the reason, only when PostgreSQL or Redis cannot be had
(tests/services.py, tests/redis_service.py).
"""
import asyncio
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

import pytest

from tests.reliability.cluster import running_cluster
from tests.reliability.conftest import FAQ_KEYWORDS, faq_mismatch


@pytest.fixture(scope="module")
def stores(pg_schema_url, redis_lock_store):
    # Create Rasa's tables first: two servers starting at once on an empty
    # schema would both try to CREATE TABLE events.
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    SQLTrackerStore(Domain.empty(), host=pg_schema_url).engine.dispose()
    return {"tracker_store": {"type": "bot.tracker_store.PrivateSQLTrackerStore", "url": pg_schema_url},
            "lock_store": redis_lock_store}


@pytest.fixture(scope="module")
def servers(stores, pg_schema_url, tmp_path_factory):
    spool = tmp_path_factory.mktemp("spool")
    env = {"DATABASE_URL": pg_schema_url, "SPOOL_DIR": str(spool),
           "STAFF_WEBHOOK_URL": "", "STAFF_WEBHOOK_SECRET": ""}
    with running_cluster(stores, replicas=2, env=env) as assistants:
        yield assistants


def _texts(messages: List[Dict]) -> List[str]:
    return [m["text"] for m in messages if m.get("text")]


def stored_events(url: str, sender: str) -> List[Dict]:
    """The conversation's events as Rasa stored them, in insertion order."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"),
                                {"s": sender}).all()
    finally:
        engine.dispose()
    return [json.loads(row[0]) for row in rows]


def turns(events: List[Dict]) -> Tuple[List[Dict], List[Tuple[str, List[Dict]]]]:
    """(events before the first user message, [(user text, the events after
    it up to the next user message)])."""
    before: List[Dict] = []
    result: List[Tuple[str, List[Dict]]] = []
    for event in events:
        if event.get("event") == "user":
            result.append((event.get("text"), []))
        elif result:
            result[-1][1].append(event)
        else:
            before.append(event)
    return before, result


def turn_problems(text: str, following: List[Dict], expected_bot: List[str]) -> List[str]:
    """A turn is the user message, its actions and bot messages, ending with
    the one action_listen; its bot messages are the ones the sender got."""
    problems = []
    actions = [e.get("name") for e in following if e.get("event") == "action"]
    if not actions or actions[-1] != "action_listen" or following[-1].get("event") != "action":
        problems.append(f"{text!r}: turn does not end with action_listen: "
                        f"{[e.get('event') for e in following]}")
    if actions.count("action_listen") != 1:
        problems.append(f"{text!r}: {actions.count('action_listen')} action_listen in one turn "
                        f"(interleaved turns?): {actions}")
    bot = [e.get("text") for e in following if e.get("event") == "bot" and e.get("text")]
    if bot != expected_bot:
        problems.append(f"{text!r}: stored bot messages {bot!r} != replies sent {expected_bot!r}")
    return problems


def test_a_conversation_alternating_between_servers(servers, pg_schema_url):
    sender = "replica-" + uuid.uuid4().hex[:10]
    name, phone = "Morgan Alvarez", "+13105550142"
    steps = [
        ("what is cupping?", "suction"),
        ("I'd like to book", "what name"),
        (name, "phone number or email"),
        ("+1 310 555 0142", "what day and time"),
        ("next Friday at 10am", "help with"),
        ("my lower back is stiff", "is that correct?"),
        ("yes", "passed on"),
        ("what is gua sha?", "scraping"),
    ]
    replies = []
    for n, (text, expected) in enumerate(steps):
        server = servers[n % 2]
        texts = _texts(server.send(sender, text, timeout=120))
        joined = "\n".join(texts)
        assert expected in joined.lower(), \
            f"step {n} ({text!r}) via {server.url}: expected {expected!r}, got {joined!r}"
        replies.append(texts)
    assert name in "\n".join(replies[5]) and phone in "\n".join(replies[5])

    events = stored_events(pg_schema_url, sender)
    before, stored = turns(events)
    assert [t for t, _ in stored] == [t for t, _ in steps], "user messages lost, doubled or reordered"
    assert any(e.get("event") == "session_started" for e in before)
    # The greeting of the first reply is stored with the session start,
    # before the first user message.
    greeting = [e.get("text") for e in before if e.get("event") == "bot" and e.get("text")]
    assert greeting and replies[0][:len(greeting)] == greeting
    replies[0] = replies[0][len(greeting):]
    problems = []
    for (text, following), sent in zip(stored, replies):
        problems += turn_problems(text, following, sent)
    assert not problems, "\n".join(problems)

    # Rasa itself reads the same conversation back from PostgreSQL.
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(Domain.empty(), host=pg_schema_url)
    try:
        tracker = asyncio.run(store.retrieve(sender))
    finally:
        store.engine.dispose()
    assert [e.text for e in tracker.events if e.type_name == "user"] == [t for t, _ in steps]

    # The booking reached the clinic database (same PostgreSQL) once.
    from bot.store import Store

    rows = [r for r in Store(pg_schema_url).bookings(limit=10000) if r.conversation_id == sender]
    assert [(r.name, r.contact) for r in rows] == [(name, phone)]


def test_a_burst_for_one_sender_at_both_servers_is_serialised(servers, pg_schema_url):
    sender = "burst-" + uuid.uuid4().hex[:10]
    servers[0].send(sender, "hello", timeout=120)   # the session starts first
    questions = list(FAQ_KEYWORDS)[:12]

    def ask(n_question):
        n, question = n_question
        start = time.monotonic()
        texts = _texts(servers[n % 2].send(sender, question, timeout=300))
        return question, texts, time.monotonic() - start

    start = time.monotonic()
    with ThreadPoolExecutor(len(questions)) as pool:
        results = list(pool.map(ask, enumerate(questions)))
    wall = time.monotonic() - start
    print(f"\nburst: {len(questions)} concurrent messages for one sender over 2 servers in "
          f"{wall:.1f}s (slowest reply {max(r[2] for r in results):.1f}s)")

    sent = {}
    problems = []
    for question, texts, _ in results:
        sent[question] = texts
        wrong = faq_mismatch(question, "\n".join(texts))
        if wrong:
            problems.append(f"reply to {question!r}: {wrong}: {texts!r}")
    assert not problems, "\n".join(problems)

    _, stored = turns(stored_events(pg_schema_url, sender))
    stored_texts = [t for t, _ in stored]
    assert stored_texts[0] == "hello"
    assert sorted(stored_texts[1:]) == sorted(questions), \
        f"user messages lost or doubled: {stored_texts}"
    for text, following in stored[1:]:
        problems += turn_problems(text, following, sent[text])
    assert not problems, "\n".join(problems)
    print(f"burst: stored order {[FAQ_KEYWORDS[t] for t in stored_texts[1:]]}")
