"""Fixtures for the chat widget's browser tests.

The whole stack is real: the action server and Rasa (tests/e2e/server.py,
with credentials.yml, so the socket.io channel is the one `make run` uses),
the demo page from `python -m bot.web`, and headless Chromium from Debian's
`chromium` package driven by Playwright. Chromium is installed with apt-get
when it is missing and we are root; otherwise the browser tests are skipped
with the reason.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import ROOT, free_port, running_assistant

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _install_chromium() -> str:
    """Install Debian's chromium; return why not, or '' when it is there."""
    if CHROMIUM.exists():
        return ""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return f"{CHROMIUM} is missing and we are not root to apt-get install chromium"
    if not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and there is no apt-get"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            return f"`{' '.join(command)}` failed: {(done.stderr or done.stdout)[-500:]}"
    return "" if CHROMIUM.exists() else "apt-get install chromium did not provide /usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    reason = _install_chromium()
    if reason:
        print(f"\nbrowser tests skipped: {reason}", file=sys.stderr)
        pytest.skip(reason)
    return str(CHROMIUM)


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright  # pinned in requirements/dev.txt

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"web server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.2)
    raise TimeoutError(url)


class Site:
    """The demo page and the Rasa server it talks to."""

    def __init__(self, url: str, rasa_url: str) -> None:
        self.url = url
        self.rasa_url = rasa_url


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Rasa + actions + `python -m bot.web`, wired as `make run` wires them.

    The page is served on 127.0.0.1:<free port>; only that origin is allowed
    on the socket (SOCKETIO_ALLOWED_ORIGINS), and the page is told the test
    Rasa URL through RASA_PUBLIC_URL, both as in production."""
    data = tmp_path_factory.mktemp("browser-db")
    # Throw-away databases, as in tests/e2e/conftest.py.
    os.environ["DATABASE_URL"] = f"sqlite:///{data / 'clinic.db'}"
    web_port = free_port()
    page_origin = f"http://127.0.0.1:{web_port}"
    env = {"SOCKETIO_ALLOWED_ORIGINS": page_origin,
           "TRACKER_STORE_URL": f"sqlite:///{data / 'tracker.db'}",
           # Rasa's HTTP API behind a token, for the staff console's live replies.
           "RASA_AUTH_TOKEN": secrets.token_hex(16)}
    with running_assistant(env=env) as assistant:
        web_env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_PUBLIC_URL=assistant.url)
        log = open(ROOT / "results" / "browser-web.log", "w")
        web = subprocess.Popen([sys.executable, "-m", "bot.web", "--host", "127.0.0.1",
                                "--port", str(web_port)],
                               cwd=ROOT, env=web_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_http(page_origin + "/", web)
            site = Site(page_origin + "/", assistant.url)
            site.assistant, site.env = assistant, env
            yield site
        finally:
            web.terminate()
            try:
                web.wait(timeout=10)
            except subprocess.TimeoutExpired:
                web.kill()
            log.close()


@pytest.fixture(scope="session")
def console(site):
    """`python -m bot.console` on a free port, on the same databases as the
    assistant and pointed at its HTTP API, as `make run` starts it."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_INTERNAL_URL=site.rasa_url,
               RASA_AUTH_TOKEN=site.env["RASA_AUTH_TOKEN"], TRACKER_STORE_URL=site.env["TRACKER_STORE_URL"],
               CONSOLE_SECRET_KEY=secrets.token_hex(16))
    log = open(ROOT / "results" / "browser-console.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "bot.console", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_http(f"http://127.0.0.1:{port}/sign-in", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
