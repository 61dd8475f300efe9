"""A real Redis server for the tests (Rasa's lock store): use the one running
on loopback, else start the machine's redis-server, else install Debian's
package and start it.

The development and CI machines run Redis on 127.0.0.1:6379 (no password). A
fresh machine may not: then an installed `redis-server` is started on
loopback only, without persistence; failing that, as root with apt-get,
Debian's `redis-server` package is installed first. Where none of that is
possible the caller skips with the reason returned here.

Mirrors tests/services.py (PostgreSQL).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from functools import lru_cache
from typing import Optional, Tuple

REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))


def ping(host: str = REDIS_HOST, port: int = REDIS_PORT, timeout: float = 1.0) -> bool:
    """True when a Redis server answers PING (RESP inline command) there."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def _wait(seconds: float = 20) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if ping():
            return True
        time.sleep(0.3)
    return False


def _start_installed() -> bool:
    """Start redis-server daemonised on loopback: no persistence, a private
    work dir, its log next to it."""
    server = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)
    if not server:
        return False
    work = tempfile.mkdtemp(prefix="redis-test-")
    cmd = [server, "--daemonize", "yes", "--bind", REDIS_HOST, "--port", str(REDIS_PORT),
           "--save", "", "--appendonly", "no", "--dir", work,
           "--logfile", os.path.join(work, "redis.log")]
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return _wait()


def _apt_install() -> bool:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")

    def install() -> bool:
        try:
            return subprocess.run(["apt-get", "install", "-y", "-q", "redis-server"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=900).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False

    if install():
        return True
    try:
        subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return install()


@lru_cache(maxsize=None)
def redis() -> Tuple[Optional[Tuple[str, int]], str]:
    """((host, port), how), or (None, why not) when no server could be had."""
    if ping():
        return (REDIS_HOST, REDIS_PORT), "already running"
    if REDIS_HOST not in ("127.0.0.1", "localhost"):
        return None, f"no Redis answers on {REDIS_HOST}:{REDIS_PORT} (TEST_REDIS_HOST)"
    if _start_installed():
        return (REDIS_HOST, REDIS_PORT), "started the installed redis-server"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, (f"no Redis on {REDIS_HOST}:{REDIS_PORT} and cannot install one "
                      "(needs root and apt-get)")
    if not _apt_install():
        return None, "installing Debian's redis-server failed"
    # The package's service is not running in a container without systemd:
    # start the binary ourselves (or find that the package's init started it).
    if ping() or _start_installed():
        return (REDIS_HOST, REDIS_PORT), "installed Debian's redis-server and started it"
    return None, "installed Debian's redis-server but it did not start"
