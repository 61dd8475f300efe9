"""Faults: the action server down or hung, the database down during a
booking, the Rasa server restarted mid-form. FAQ answers and red-flag
escalations never depend on the action server; nothing is lost or stored
twice."""
import os
import signal
import socket
import threading
import time
import uuid

import pytest

from bot.store import Store
from tests.e2e.server import running_assistant
from tests.services import postgres_schema


def _booking_until_readback(bot, sender, name):
    bot.say(sender, "I'd like to book an appointment")
    bot.say(sender, name)
    bot.say(sender, "+1 310 555 0142")
    bot.say(sender, "next Friday at 10am")
    reply = bot.say(sender, "my lower back is stiff")
    assert "is that correct?" in reply.lower() and name in reply


@pytest.fixture
def bot(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'clinic.db'}", "ACTION_TIMEOUT_SECONDS": "4",
           "SPOOL_DIR": str(tmp_path / "spool")}
    with running_assistant(env=env) as assistant:
        assistant.database_url = env["DATABASE_URL"]
        yield assistant


def test_action_server_down_faq_and_red_flags_still_work(bot):
    sender = "down-" + uuid.uuid4().hex[:6]
    _booking_until_readback(bot, sender, "Dana Down")
    bot.processes["actions"].kill()
    bot.processes["actions"].wait()
    assert "sciatic" in bot.say("fresh-" + uuid.uuid4().hex[:6], "what is sciatica?").lower()
    assert "sleep" in bot.say(sender, "how should I sleep with back pain?").lower()
    reply = bot.say(sender, "I can't control my bladder since this morning")
    assert "emergency" in reply.lower() and "911" in reply
    # Something that needs the action server: told it can't be done, with the number.
    reply = bot.say("ho-" + uuid.uuid4().hex[:6], "can I talk to a person?")
    assert "can't do that right now" in reply and "+1 310 555 0100" in reply


def test_a_hung_action_server_costs_a_bounded_wait_not_the_conversation(bot):
    sender = "hung-" + uuid.uuid4().hex[:6]
    _booking_until_readback(bot, sender, "Harper Hung")
    actions = bot.processes["actions"]
    os.kill(actions.pid, signal.SIGSTOP)          # accepts connections, never answers
    try:
        started = time.time()
        reply = bot.say(sender, "yes")
        waited = time.time() - started
        assert "can't do that right now" in reply and waited < 30, (reply, waited)
        assert "sciatic" in bot.say(sender, "what is sciatica?").lower()
    finally:
        os.kill(actions.pid, signal.SIGCONT)


class _Proxy:
    """A TCP proxy in front of PostgreSQL that can be cut and restored, so the
    database is unreachable for the assistant only."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen(64)
        self.up = True
        self.conns = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            server = socket.create_connection(("127.0.0.1", self.target))
            self.conns += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b):
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass

    def cut(self):
        self.up = False
        for s in self.conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.conns = []

    def restore(self):
        self.up = True


def test_database_down_during_a_booking_keeps_the_request_and_stores_it_once(tmp_path):
    with postgres_schema("fault") as (_, direct_url):
        _database_down_during_a_booking(tmp_path, direct_url)


def _database_down_during_a_booking(tmp_path, direct_url):
    proxy = _Proxy(5432)
    url = direct_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    env = {"DATABASE_URL": url, "SPOOL_DIR": str(tmp_path / "spool"), "SPOOL_RETRY_SECONDS": "2",
           "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}"}
    try:
        with running_assistant(env=env) as bot:
            Store(url).bookings()                          # tables exist
            sender = "dbdown-" + uuid.uuid4().hex[:6]
            _booking_until_readback(bot, sender, "Quinn Queue")
            proxy.cut()
            reply = bot.say(sender, "yes")
            assert "kept your request" in reply, reply
            assert "sciatic" in bot.say(sender, "what is sciatica?").lower()
            proxy.restore()
            direct = Store(direct_url)
            deadline = time.time() + 60
            while time.time() < deadline and not direct.bookings():
                time.sleep(1)
            time.sleep(5)                                  # a second retry must not add a row
            rows = [r for r in direct.bookings() if r.name == "Quinn Queue"]
            assert len(rows) == 1 and rows[0].conversation_id == sender
            assert not (tmp_path / "spool" / "bookings.jsonl").exists()
    finally:
        proxy.cut()
        proxy.sock.close()


def test_a_restart_in_the_middle_of_the_form_carries_on_where_it_was(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'clinic.db'}",
           "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}"}
    sender = "restart-" + uuid.uuid4().hex[:6]
    with running_assistant(env=env) as bot:
        bot.say(sender, "book me in please")
        bot.say(sender, "Riley Restart")
        assert "what day and time" in bot.say(sender, "riley@example.org").lower()
    with running_assistant(env=env) as bot:
        assert "help with" in bot.say(sender, "next Friday at 11am").lower()
        reply = bot.say(sender, "stiff neck and back")
        assert "Riley Restart" in reply and "riley@example.org" in reply
        assert "passed on" in bot.say(sender, "yes")
    rows = Store(env["DATABASE_URL"]).bookings()
    assert [r.name for r in rows] == ["Riley Restart"]
