"""Load: 50 concurrent conversations of 20 messages each over REST against
one running assistant (one Rasa server, one action server, throw-away SQLite
clinic and tracker databases).

Every reply must be non-empty, the right next step of its own conversation
and attributable to it: each conversation books under its own name and phone
number (the read-back carries them, no one else's) and asks FAQ questions
whose answers have keywords no other answer of the set has, in an order
shifted per conversation so that neighbours ask different things at the same
moment. Afterwards each booking is stored exactly once, under its own
conversation.
"""
import asyncio
import json
import statistics
import time
from collections import Counter
from typing import Callable, Dict, List, Tuple

import aiohttp

from bot.store import Store
from tests.e2e.server import running_assistant
from tests.reliability.conftest import FAQ_KEYWORDS, faq_mismatch

CONVERSATIONS = 50
MESSAGES = 20
REQUEST_TIMEOUT = 180   # seconds per message: a slow machine under load

FIRST = ["Avery", "Blake", "Casey", "Dakota", "Emerson", "Finley", "Harper", "Jordan", "Kendall",
         "Logan", "Marlowe", "Noel", "Oakley", "Parker", "Quinn", "Reese", "Rowan", "Sawyer",
         "Tatum", "Teagan", "Sasha", "Valentina", "Wren", "Ximena", "Yara", "Zelda", "Ansel",
         "Bruno", "Cyrus", "Dorian", "Elliot", "Felix", "Gideon", "Hugo", "Ivo", "Jasper", "Kasimir",
         "Leander", "Magnus", "Nikolai", "Orson", "Pascal", "Rafferty", "Silas", "Thaddeus",
         "Ulric", "Viggo", "Wendell", "Xavier", "Yannick"]
LAST = ["Abernathy", "Bellweather", "Castellanos", "Delacroix", "Eastwood", "Fairbanks",
        "Galloway", "Hargreaves", "Ingersoll", "Jablonski", "Kowalczyk", "Lindqvist", "Montague",
        "Nakamura", "Oyelaran", "Pennington", "Quarrington", "Rutherford", "Szymanski",
        "Thorndike", "Underhill", "Vanderberg", "Whitcombe", "Yamashita", "Zimmerman",
        "Achterberg", "Blackwood", "Cartwright", "Dunleavy", "Ellsworth", "Fitzgerald",
        "Grimaldi", "Holloway", "Iwasaki", "Jorgensen", "Kirkpatrick", "Lockhart", "Mulligan",
        "Northcott", "Ostrowski", "Prendergast", "Radcliffe", "Sinclair", "Tremblay",
        "Umberger", "Villanueva", "Wainwright", "Xiong", "Yardley", "Zabriskie"]

Check = Callable[[str], str]   # reply -> '' when right, else what is wrong


def _contains(*needles: str) -> Check:
    def check(reply: str) -> str:
        missing = [n for n in needles if n.lower() not in reply.lower()]
        return f"missing {missing!r}" if missing else ""
    return check


def _faq(question: str) -> Check:
    return lambda reply: faq_mismatch(question, reply)


def script(i: int) -> Tuple[str, str, str, List[Tuple[str, Check]]]:
    """(sender, name, E.164 phone, 20 (message, check) steps) of conversation i."""
    name = f"{FIRST[i]} {LAST[i]}"
    number = 110 + i   # 310-555-0110..0159 (0100 is the clinic's own number)
    phone = f"+1310555{number:04d}"
    questions = list(FAQ_KEYWORDS)
    asked = [questions[(i + k) % len(questions)] for k in range(MESSAGES - 6)]
    booking = [
        ("I'd like to book", _contains("what name")),
        (name, _contains(f"Thanks, {name}", "phone number or email")),
        (f"+1 310 555 {number:04d}", _contains("what day and time")),
        ("next Friday at 10am", _contains("help with")),
        ("my lower back is stiff", _contains(name, phone, "Is that correct?")),
        ("yes", _contains("passed on")),
    ]
    steps = [(q, _faq(q)) for q in asked[:3]] + booking + [(q, _faq(q)) for q in asked[3:]]
    assert len(steps) == MESSAGES
    return f"load-{i:02d}-{time.time_ns() % 10**8}", name, phone, steps


def _text(messages: List[Dict]) -> str:
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(b.get("title", "") for b in message.get("buttons") or [])
    return "\n".join(parts)


async def _converse(session: aiohttp.ClientSession, url: str, sender: str,
                    steps: List[Tuple[str, Check]], other_names: List[str],
                    latencies: List[float], failures: List[str]) -> int:
    """Send the steps in order; stop at the first wrong reply. Returns how
    many messages got their right reply."""
    for n, (text, check) in enumerate(steps):
        start = time.monotonic()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.text()
                status = response.status
        except Exception as e:   # timeouts, resets
            failures.append(f"{sender} #{n} {text!r}: {type(e).__name__}: {e}")
            return n
        latencies.append(time.monotonic() - start)
        if status != 200:
            failures.append(f"{sender} #{n} {text!r}: HTTP {status} {body[:200]!r}")
            return n
        try:
            reply = _text(json.loads(body or "[]"))
        except ValueError:
            failures.append(f"{sender} #{n} {text!r}: not JSON: {body[:200]!r}")
            return n
        if not reply.strip():
            failures.append(f"{sender} #{n} {text!r}: empty reply")
            return n
        problem = check(reply)
        strangers = [name for name in other_names if name in reply]
        if strangers:
            problem = (problem + "; " if problem else "") + f"mentions {strangers!r}"
        if problem:
            failures.append(f"{sender} #{n} {text!r}: {problem}: {reply[:300]!r}")
            return n
    return len(steps)


async def _run(url: str, scripts) -> Tuple[int, float, List[float], List[str]]:
    latencies: List[float] = []
    failures: List[str] = []
    names = [name for _, name, _, _ in scripts]
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=CONVERSATIONS + 10)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        start = time.monotonic()
        done = await asyncio.gather(*[
            _converse(session, url, sender, steps, [n for n in names if n != name],
                      latencies, failures)
            for sender, name, _, steps in scripts])
        wall = time.monotonic() - start
    return sum(done), wall, latencies, failures


def test_fifty_concurrent_conversations(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'clinic.db'}"
    env = {"DATABASE_URL": db_url,
           "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
           "SPOOL_DIR": str(tmp_path / "spool"),
           "STAFF_WEBHOOK_URL": "", "STAFF_WEBHOOK_SECRET": ""}
    scripts = [script(i) for i in range(CONVERSATIONS)]
    with running_assistant(env=env, timeout=300) as assistant:
        ok, wall, latencies, failures = asyncio.run(
            _run(assistant.url + "/webhooks/rest/webhook", scripts))

    total = CONVERSATIONS * MESSAGES
    lat = sorted(latencies) or [0.0]
    print(f"\nload: {CONVERSATIONS} conversations x {MESSAGES} messages = {total} messages; "
          f"{ok} answered right, {len(failures)} failures; wall {wall:.1f}s, "
          f"{len(latencies) / wall:.1f} msgs/s; latency mean {statistics.mean(lat):.2f}s, "
          f"p50 {lat[len(lat) // 2]:.2f}s, p95 {lat[int(len(lat) * 0.95) - 1]:.2f}s, "
          f"max {lat[-1]:.2f}s")
    assert not failures, "\n".join(failures[:15])
    assert ok == total

    # Every booking stored exactly once, under its own conversation.
    rows = Store(db_url).bookings(limit=10000)
    counts = Counter(row.name for row in rows)
    by_name = {row.name: row for row in rows}
    problems = []
    for sender, name, phone, _ in scripts:
        if counts[name] != 1:
            problems.append(f"{name}: {counts[name]} rows")
        elif (by_name[name].conversation_id, by_name[name].contact) != (sender, phone):
            problems.append(f"{name}: stored as {by_name[name].conversation_id} "
                            f"{by_name[name].contact}, expected {sender} {phone}")
    assert len(rows) == CONVERSATIONS, f"{len(rows)} rows for {CONVERSATIONS} bookings"
    assert not problems, problems
