"""Twilio MessageSids already answered, shared by every replica and kept
across restarts (issue 14): Twilio's signature has no timestamp, so a
captured request would otherwise be answered again by another replica, or
by the same one after a restart.

Redis when REDIS_URL is set (SET NX with an expiry), else the clinic
database (table seen_messages, rows older than the window deleted now and
then). A process-local memory answers repeats at once. If the shared store
cannot be reached the message is still answered (a patient is never left
without a reply for it), and the failure is logged.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from datetime import datetime, timedelta, timezone
from typing import Optional

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 7 * 86400
EXPIRE_EVERY = 500


class RecentIds:
    """The last ``size`` ids this process has accepted (the fast path)."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._ids: "OrderedDict[str, None]" = OrderedDict()
        self._lock = threading.Lock()

    def add(self, sid: str) -> bool:
        with self._lock:
            if sid in self._ids:
                return False
            self._ids[sid] = None
            while len(self._ids) > self.size:
                self._ids.popitem(last=False)
            return True

    def discard(self, sid: str) -> None:
        with self._lock:
            self._ids.pop(sid, None)


class ReplayIds:
    """add(sid) is False for a sid any replica has accepted within the window."""

    def __init__(self, size: int = 10_000, redis_url: Optional[str] = None, store=None,
                 window_seconds: int = WINDOW_SECONDS) -> None:
        self.memory = RecentIds(size)
        self.window = window_seconds
        self._redis_url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "")
        self._store = store
        self._redis = None
        self._adds = 0

    def _key(self, sid: str) -> str:
        return f"clinic:twilio-sid:{sid[:64]}"

    def _client(self):
        if self._redis is None:
            import redis

            self._redis = redis.Redis.from_url(self._redis_url, socket_timeout=2, socket_connect_timeout=2)
        return self._redis

    def _database(self):
        if self._store is None:
            from bot.store import database_url, get_store

            self._store = get_store(database_url())
        return self._store

    def add(self, sid: str) -> bool:
        if not self.memory.add(sid):
            return False
        try:
            if self._redis_url:
                return bool(self._client().set(self._key(sid), 1, nx=True, ex=self.window))
            store = self._database()
            self._adds += 1
            if self._adds % EXPIRE_EVERY == 1:
                store.expire_messages(datetime.now(timezone.utc).replace(tzinfo=None)
                                      - timedelta(seconds=self.window))
            return store.remember_message(sid)
        except Exception as error:      # the shared store is down: this process's memory only
            logger.warning("twilio: replay ids not shared just now (%s)", error.__class__.__name__)
            return True

    def discard(self, sid: str) -> None:
        """Forget a sid whose answer failed, so Twilio's retry is let through."""
        self.memory.discard(sid)
        try:
            if self._redis_url:
                self._client().delete(self._key(sid))
            else:
                self._database().forget_message(sid)
        except Exception as error:
            logger.warning("twilio: could not forget a failed message id (%s)", error.__class__.__name__)
