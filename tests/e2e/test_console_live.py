"""A hand-over handled end to end in the staff console, against the running
assistant: a website visitor asks for a person, staff open the request in
the console and type a reply, and the visitor's open widget (a socket.io
client) receives it in the same conversation; the paused assistant does not
answer meanwhile, a red flag still escalates, handing back resumes it, and
the conversation review shows what the assistant understood."""
import asyncio
import os
import time

from bot.store import Store
from tests.console.conftest import csrf, sign_in
from tests.e2e.test_socketio_sessions import _client, _wait


def _console(assistant, monkeypatch):
    from bot.console.app import create_app

    monkeypatch.setenv("RASA_INTERNAL_URL", assistant.url)
    monkeypatch.setenv("RASA_AUTH_TOKEN", assistant.api_token)
    store = Store(os.environ["DATABASE_URL"])    # the database the action server writes
    if not any(u.name == "rosa" for u in store.staff_users()):
        store.add_user("rosa", "correct horse battery")
    client = create_app({"SECRET_KEY": "test key", "TRACKER_STORE_URL": assistant.tracker_store_url},
                        store=store).test_client()
    sign_in(client)
    return client, store


def test_a_reply_typed_in_the_console_reaches_the_open_widget(assistant, monkeypatch):
    console, store = _console(assistant, monkeypatch)

    async def scenario():
        replies, confirms = [], []
        widget = await _client(assistant.url, replies, confirms)
        await widget.emit("session_request", {"session_id": None})
        assert await _wait(lambda: confirms)
        await widget.emit("user_uttered", {"message": "can I talk to a real person please"})
        assert await _wait(lambda: any("passed your request" in r for r in replies))
        [row] = [h for h in store.handovers(status="new") if h.channel == "socketio"
                 and h.conversation_id.startswith("web:")][:1]

        page = (await asyncio.to_thread(console.get, f"/handovers/{row.id}")).get_data(as_text=True)
        shown = page[page.find('id="transcript"'):page.find("Refresh the conversation")]
        assert "can I talk to a real person please" in shown, shown       # the live transcript
        before = len(replies)
        sent_at = time.perf_counter()
        response = await asyncio.to_thread(console.post, f"/handovers/{row.id}/reply",
                                           data={"text": "Hi, this is Rosa at the clinic. How can I help?",
                                                 "csrf_token": csrf(page)})
        assert response.status_code == 302
        assert await _wait(lambda: any("this is Rosa" in r for r in replies[before:]), seconds=5)
        assert time.perf_counter() - sent_at < 2.0    # the request and the delivery, well within 2 s

        # Paused: a question is passed on to staff, not answered by the assistant.
        before = len(replies)
        await widget.emit("user_uttered", {"message": "how long does a session last?"})
        assert await _wait(lambda: len(replies) > before)
        assert any("added that to your request" in r for r in replies[before:])
        # A red flag is still answered at once.
        before = len(replies)
        await widget.emit("user_uttered", {"message": "and now I suddenly can't control my bladder"})
        assert await _wait(lambda: any("emergency" in r.lower() for r in replies[before:]))

        # Staff hand back: the patient is told, and the assistant answers again.
        page = (await asyncio.to_thread(console.get, f"/handovers/{row.id}")).get_data(as_text=True)
        assert "staff (rosa):" in page
        before = len(replies)
        await asyncio.to_thread(console.post, f"/handovers/{row.id}/status",
                                data={"status": "closed", "csrf_token": csrf(page)})
        assert await _wait(lambda: any("answering your questions again" in r for r in replies[before:]))
        before = len(replies)
        await widget.emit("user_uttered", {"message": "what is sciatica?"})
        assert await _wait(lambda: any("sciatic" in r.lower() for r in replies[before:]))
        await widget.disconnect()

        # The conversation review reads the same conversation from Rasa's tracker store.
        page = (await asyncio.to_thread(console.get, "/review/conversation",
                                        query_string={"id": row.conversation_id})).get_data(as_text=True)
        assert "can I talk to a real person please" in page and "Understood as <strong>human_handoff" in page
        assert "staff (rosa)" in page and "Mark as wrong" in page

    asyncio.run(scenario())
