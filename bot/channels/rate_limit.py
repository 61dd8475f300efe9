"""Rate limits per conversation and per client address, on every channel
(issue 14): one client cannot fill the conversation store or starve the
server for everyone else.

Fixed one-minute windows: RATE_LIMIT_PER_CONVERSATION messages (default
30) per conversation and RATE_LIMIT_PER_ADDRESS (default 120) per client
address; 0 turns a limit off. Loopback addresses (local development, a
proxy on the same host) are not limited per address: behind a proxy every
patient shares its address, so the per-conversation limit is the one that
counts there. Counters live in Redis when REDIS_URL is set,
so every replica counts together, else in this process's memory. A message
over the limit is still read by the red-flag rules: a sign in it gets its
warning with the "please slow down" reply (bot/channels/guard.py), never
silence. If Redis cannot be reached, messages are let through.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Dict, Iterable, Optional, Tuple

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 60
DEFAULTS = {"conversation": 30, "address": 120}


def limit_for(kind: str) -> int:
    raw = os.environ.get(f"RATE_LIMIT_PER_{kind.upper()}", "")
    try:
        return max(0, int(raw)) if raw.strip() else DEFAULTS[kind]
    except ValueError:
        return DEFAULTS[kind]


class RateLimiter:
    def __init__(self, redis_url: Optional[str] = None) -> None:
        self._redis_url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "")
        self._redis = None
        self._counts: Dict[Tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def _client(self):
        if self._redis is None:
            import redis

            self._redis = redis.Redis.from_url(self._redis_url, socket_timeout=1, socket_connect_timeout=1)
        return self._redis

    def _count(self, key: str, window: int) -> int:
        if self._redis_url:
            name = f"clinic:rate:{key}:{window}"
            pipe = self._client().pipeline()
            pipe.incr(name)
            pipe.expire(name, WINDOW_SECONDS * 2)
            return int(pipe.execute()[0])
        with self._lock:
            if len(self._counts) > 100_000:     # old windows
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window - 1}
            self._counts[(key, window)] = self._counts.get((key, window), 0) + 1
            return self._counts[(key, window)]

    def allow(self, keys: Iterable[Tuple[str, str]], now: Optional[float] = None) -> bool:
        """Count one message for each (kind, key) - kind "conversation" or
        "address" - and say whether every count is within its limit."""
        window = int((now if now is not None else time.time()) // WINDOW_SECONDS)
        allowed = True
        for kind, key in keys:
            limit = limit_for(kind)
            if not limit or not key or (kind == "address" and _loopback(key)):
                continue
            try:
                if self._count(f"{kind}:{key}", window) > limit:
                    allowed = False
            except Exception as error:
                logger.warning("rate limit not counted (%s)", error.__class__.__name__)
        return allowed

    def within(self, key: str, limit: int, now: Optional[float] = None) -> bool:
        """Count one attempt under `key` (any address, loopback included) and
        say whether this minute's count is within `limit`: the console's
        sign-in throttling."""
        window = int((now if now is not None else time.time()) // WINDOW_SECONDS)
        try:
            return self._count(key, window) <= limit
        except Exception as error:
            logger.warning("rate limit not counted (%s)", error.__class__.__name__)
            return True


def _loopback(address: str) -> bool:
    return address.startswith("127.") or address in ("::1", "localhost")


_LIMITER: Optional[RateLimiter] = None


def limiter() -> RateLimiter:
    """One limiter per process, made on first use."""
    global _LIMITER
    if _LIMITER is None:
        _LIMITER = RateLimiter()
    return _LIMITER
