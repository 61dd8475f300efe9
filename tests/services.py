"""Real database servers for the tests: use the one running on loopback,
else start the machine's cluster, else install Debian's package and start it.

The development and CI machines run PostgreSQL on 127.0.0.1:5432 (trust
auth, database `test`). A fresh machine may not: then, as root with apt-get,
Debian's `postgresql` is installed and its cluster started on loopback with
trust auth for 127.0.0.1 only. Where none of that is possible the caller
skips with the reason returned here.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, Optional, Tuple

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_URL = os.environ.get("TEST_POSTGRES_URL", f"postgresql://postgres@{PG_HOST}:{PG_PORT}/test")


def reachable(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _run(cmd, timeout: float = 600) -> bool:
    try:
        return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=timeout).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _wait(host: str, port: int, seconds: float = 30) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if reachable(host, port):
            return True
        time.sleep(0.5)
    return False


def _clusters():
    return sorted(glob.glob("/etc/postgresql/*/main"))


def _start_cluster() -> bool:
    for path in _clusters():
        version = path.split("/")[3]
        if _run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], 60) \
                and _wait(PG_HOST, PG_PORT):
            return True
    return False


def _trust_loopback_and_create_test_db() -> None:
    """Only for a cluster this setup installed itself."""
    for path in _clusters():
        hba = os.path.join(path, "pg_hba.conf")
        with open(hba, encoding="utf-8") as f:
            text = f.read()
        line = "host all all 127.0.0.1/32 trust\n"
        if line not in text:
            with open(hba, "w", encoding="utf-8") as f:
                f.write(line + text)
        version = path.split("/")[3]
        _run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "reload"], 60)
    _run(["psql", "-h", PG_HOST, "-U", "postgres", "-c", "CREATE DATABASE test"], 60)


@lru_cache(maxsize=None)
def postgres() -> Tuple[Optional[str], str]:
    """(url, how) with url None when no server could be had; `how` says why."""
    if os.environ.get("TEST_POSTGRES_URL") or reachable(PG_HOST, PG_PORT):
        return PG_URL, "already running"
    if _clusters() and _start_cluster():
        return PG_URL, "started the installed cluster"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, ("no PostgreSQL on 127.0.0.1:5432 and cannot install one "
                      "(needs root and apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    ok = subprocess.run(["apt-get", "install", "-y", "-q", "postgresql"], env=env,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        timeout=900).returncode == 0
    if not ok:
        subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=600)
        ok = subprocess.run(["apt-get", "install", "-y", "-q", "postgresql"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=900).returncode == 0
    if not ok or not _start_cluster():
        return None, "installing Debian's postgresql failed or its cluster did not start"
    _trust_loopback_and_create_test_db()
    return PG_URL, "installed Debian's postgresql and started it"


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[Tuple[str, str]]:
    """(server URL, URL into a fresh schema of our own) on the test
    PostgreSQL; the schema is dropped afterwards. Skips when there is no
    server (call it from a test or fixture)."""
    import pytest
    from sqlalchemy import create_engine, text

    url, how = postgres()
    if url is None:
        pytest.skip(how)
    schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, future=True)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield url, f"{url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
