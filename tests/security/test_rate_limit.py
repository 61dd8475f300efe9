"""Rate limits per conversation and per client address (issue 14 item 6):
polite replies, 429 on REST, and a red-flag sign in a limited message is
still answered."""
import asyncio
import uuid
from types import SimpleNamespace

import pytest

from bot.channels import guard
from bot.channels.rate_limit import RateLimiter
from bot.profile import load_profile


def test_the_conversation_limit_counts_per_minute(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "3")
    limiter = RateLimiter(redis_url="")
    key = [("conversation", "c1")]
    assert [limiter.allow(key, now=60.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow([("conversation", "c2")], now=60.0)       # another patient
    assert limiter.allow(key, now=120.0)                           # the next minute


def test_the_address_limit_spares_loopback(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS", "2")
    limiter = RateLimiter(redis_url="")
    assert [limiter.allow([("address", "192.0.2.9")], now=0.0) for _ in range(3)] == [True, True, False]
    assert all(limiter.allow([("address", "127.0.0.1")], now=0.0) for _ in range(5))


def test_replicas_count_together_through_redis(monkeypatch):
    from tests.redis_service import redis

    server, why = redis()
    if server is None:
        pytest.skip(why)
    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "2")
    url = f"redis://{server[0]}:{server[1]}/0"
    key = [("conversation", "c-" + uuid.uuid4().hex)]
    one, two = RateLimiter(redis_url=url), RateLimiter(redis_url=url)
    assert one.allow(key, now=0.0) and two.allow(key, now=0.0) and not one.allow(key, now=0.0)


def test_a_limited_message_with_a_red_flag_still_gets_the_warning():
    profile = load_profile()
    reply = guard.slow_down("I can't pee and my legs are numb", profile)
    assert profile.emergency_number in reply and "faster than I can answer" in reply
    assert "must be checked by a doctor" in reply
    assert "must be checked" not in guard.slow_down("what are your hours?", profile)


def test_rest_answers_429_over_the_limit(monkeypatch):
    from bot.channels import rate_limit
    from bot.channels.rest import RestInput

    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "1")
    monkeypatch.setattr(rate_limit, "_LIMITER", RateLimiter(redis_url=""))
    seen = []

    async def on_new_message(message):
        seen.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "ok")

    def request(text):
        body = ('{"sender": "rl-1", "message": "%s"}' % text).encode()
        return SimpleNamespace(body=body, headers={}, conn_info=SimpleNamespace(client_ip="127.0.0.1"))

    channel = RestInput()
    first = asyncio.run(channel.handle(request("hello"), on_new_message))
    second = asyncio.run(channel.handle(request("hello again"), on_new_message))
    assert first.status == 200 and second.status == 429 and seen == ["hello"]
    assert b"faster than I can answer" in second.body
