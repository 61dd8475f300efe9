"""Widget sessions the server issues (issue 14 item 2): signed, timed,
bound to the socket; the conversation so far comes back from the server."""
import time

from bot.channels.sessions import Sessions, history


def test_a_token_names_the_session_it_was_issued_for():
    sessions = Sessions(secret="s" * 32)
    token, session_id = sessions.issue()
    assert len(session_id) >= 22 and session_id not in ("", token)     # 128 random bits
    assert sessions.verify(token) == session_id
    assert Sessions(secret="s" * 32).verify(token) == session_id       # another replica, same secret


def test_forged_altered_foreign_and_expired_tokens_are_refused():
    sessions = Sessions(secret="s" * 32)
    token, session_id = sessions.issue()
    assert sessions.verify(session_id) is None                         # the bare id: not a token
    assert sessions.verify(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert Sessions(secret="t" * 32).verify(token) is None              # another secret
    for junk in (None, 42, "", "x" * 600, "../../etc"):
        assert sessions.verify(junk) is None
    short = Sessions(secret="s" * 32, max_age_seconds=0)
    old, _ = short.issue()
    time.sleep(1.1)
    assert short.verify(old) is None


def test_the_socket_binding_is_what_messages_use():
    sessions = Sessions(secret="s" * 32)
    sessions.bind("socket-1", "abc")
    assert sessions.of_socket("socket-1") == "abc" and sessions.of_socket("socket-2") is None
    sessions.unbind("socket-1")
    assert sessions.of_socket("socket-1") is None


def test_history_shows_what_the_patient_saw():
    events = [
        {"event": "bot", "text": "I'm not a doctor."},
        {"event": "user", "text": "/session_start"},
        {"event": "bot", "text": "How can I help?", "data": {"buttons": [{"title": "Book a visit",
                                                                      "payload": "/request_booking"}]}},
        {"event": "user", "text": "/request_booking"},
        {"event": "slot", "name": "x"},
        {"event": "bot", "text": "What name should I put it under?"},
        {"event": "user", "text": "Sam <b>Example</b>"},
    ]
    assert history(events) == [
        {"from": "bot", "text": "I'm not a doctor.", "buttons": []},
        {"from": "bot", "text": "How can I help?", "buttons": [{"title": "Book a visit", "payload": "/request_booking"}]},
        {"from": "user", "text": "Book a visit"},
        {"from": "bot", "text": "What name should I put it under?", "buttons": []},
        {"from": "user", "text": "Sam <b>Example</b>"},
    ]
