"""Against the running assistant: a socket cannot name another visitor's
session, and a reloaded widget gets its conversation back (issue 14)."""
import asyncio

ORIGIN = "http://localhost:8080"


async def _client(url, replies, confirms):
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    client.on("bot_uttered", lambda data: replies.append(data.get("text") or ""))
    client.on("session_confirm", lambda data: confirms.append(data))
    await client.connect(url, headers={"Origin": ORIGIN}, transports=["polling"], socketio_path="/socket.io")
    return client


async def _wait(check, seconds=60):
    for _ in range(seconds * 4):
        if check():
            return True
        await asyncio.sleep(0.25)
    return False


def test_a_socket_hears_only_the_session_the_server_gave_it(assistant):
    async def scenario():
        a_replies, a_confirms, b_replies, b_confirms = [], [], [], []
        a = await _client(assistant.url, a_replies, a_confirms)
        await a.emit("session_request", {"session_id": None})
        assert await _wait(lambda: a_confirms)
        token = a_confirms[0]["session_id"]
        await a.emit("user_uttered", {"message": "what is sciatica?"})
        assert await _wait(lambda: any("sciatic" in r.lower() for r in a_replies))
        # B names A's token as its session id in a message, and asks for a
        # session with a made-up id: it hears nothing of A's conversation.
        b = await _client(assistant.url, b_replies, b_confirms)
        await b.emit("user_uttered", {"message": "what are your opening hours?", "session_id": token})
        await b.emit("session_request", {"session_id": "0123456789abcdef0123456789abcdef"})
        assert await _wait(lambda: b_confirms)
        assert b_confirms[0]["session_id"] != token and b_confirms[0]["history"] == []
        await a.emit("user_uttered", {"message": "how should I sleep with back pain?"})
        await asyncio.sleep(3)
        assert not any("sleep" in r.lower() or "sciatic" in r.lower() for r in b_replies)
        # A reload (a new socket with A's token) gets A's conversation back.
        await a.disconnect()
        c_replies, c_confirms = [], []
        c = await _client(assistant.url, c_replies, c_confirms)
        await c.emit("session_request", {"session_id": token})
        assert await _wait(lambda: c_confirms)
        shown = [m["text"] for m in c_confirms[0]["history"]]
        assert "what is sciatica?" in shown and any("sciatic" in t.lower() for t in shown[1:])
        await b.disconnect()
        await c.disconnect()

    asyncio.run(scenario())
