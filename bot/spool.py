"""Booking requests that could not be stored because the database was down.

They are appended (and fsync'ed) to a local JSON-lines file and stored as
soon as the database answers again: by a retry thread in the action server,
before the next booking is stored, or by `python -m bot.staff flush`. Each
record keeps its request_key, so a record stored twice (a crash between the
insert and the file rewrite) is still one row.

SPOOL_DIR sets the folder (default: spool/ at the repo root). Each action
server replica keeps its own file on its own disk.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

from sqlalchemy.exc import SQLAlchemyError

from bot import ROOT
from bot.private_files import private_dir, private_open

logger = logging.getLogger(__name__)

RETRY_SECONDS = float(os.environ.get("SPOOL_RETRY_SECONDS", "10"))
FIELDS = ("request_key", "conversation_id", "name", "contact", "preferred_time", "reason", "channel")


def spool_path() -> Path:
    return Path(os.environ.get("SPOOL_DIR") or ROOT / "spool") / "bookings.jsonl"


class Spool:
    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = Path(path or spool_path())
        self._thread: Optional[threading.Thread] = None
        self._thread_lock = threading.Lock()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across threads and processes."""
        private_dir(self.path.parent)
        with private_open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def put(self, record: Dict[str, str]) -> None:
        line = json.dumps({k: record.get(k, "") for k in FIELDS}, ensure_ascii=False)
        with self._locked():
            with private_open(self.path, "a", encoding="utf-8") as f:
                f.write(line + "\n")
                f.flush()
                os.fsync(f.fileno())

    def pending(self) -> List[Dict[str, str]]:
        if not self.path.exists():
            return []
        records = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:   # a torn last line from a crash: keep nothing of it
                logger.warning("spool: skipped an unreadable line")
        return records

    def remove(self, matches: Callable[[Dict[str, str]], bool]) -> int:
        """Drop the waiting requests `matches` picks (erasure); how many."""
        if not self.path.exists():
            return 0
        with self._locked():
            records = self.pending()
            kept = [r for r in records if not matches(r)]
            if len(kept) != len(records):
                tmp = self.path.with_suffix(".tmp")
                with private_open(tmp, "w", encoding="utf-8") as f:
                    f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
                os.replace(tmp, self.path)
            return len(records) - len(kept)

    def flush(self, store, on_stored: Optional[Callable[[int, Dict[str, str]], None]] = None) -> int:
        """Store what is waiting; stops at the first failure (the database
        is still down) and keeps the rest. Returns how many were stored."""
        if not self.path.exists():
            return 0
        stored = 0
        with self._locked():
            if not self.path.exists():   # another process flushed it meanwhile
                return 0
            records = self.pending()
            remaining = list(records)
            for record in records:
                try:
                    request_id, created = store.add_booking_once(**record)
                except (SQLAlchemyError, OSError) as error:
                    logger.info("spool: database still unavailable (%s)", error.__class__.__name__)
                    break
                except Exception:
                    logger.exception("spool: could not store a kept request; will retry")
                    break
                remaining.pop(0)
                stored += 1
                if created and on_stored:
                    on_stored(request_id, record)
            if remaining:
                tmp = self.path.with_suffix(".tmp")
                with private_open(tmp, "w", encoding="utf-8") as f:
                    f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in remaining))
                os.replace(tmp, self.path)
            else:
                self.path.unlink(missing_ok=True)
        return stored

    def retry_in_background(self, store, on_stored=None, every: float = RETRY_SECONDS) -> None:
        """Keep flushing every few seconds until the file is empty (one
        daemon thread per process)."""
        with self._thread_lock:
            if self._thread and self._thread.is_alive():
                return

            def loop() -> None:
                stop = threading.Event()
                while self.path.exists():
                    try:
                        self.flush(store, on_stored)
                    except Exception:
                        logger.exception("spool: retry failed")
                    stop.wait(every)

            self._thread = threading.Thread(target=loop, name="booking-spool", daemon=True)
            self._thread.start()


_SPOOLS: Dict[Path, Spool] = {}


def get_spool() -> Spool:
    path = spool_path()
    if path not in _SPOOLS:
        _SPOOLS[path] = Spool(path)
    return _SPOOLS[path]
