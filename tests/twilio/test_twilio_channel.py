"""The Twilio connector's checks without a server (bot/channels/twilio.py):
stub requests into TwilioChannel.handle, a fake assistant behind it."""
import asyncio
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from bot.channels.replay import RecentIds
from bot.channels.twilio import TwilioChannel, _flag, parse_form, public_url
from tests.twilio.signing import PATH, TOKEN, encode, sign, twilio_form


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """Each test's channels remember message ids in a database of its own."""
    from bot.channels import rate_limit

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setattr(rate_limit, "_LIMITER", None)        # counts of this test only

HOST = "127.0.0.1:5005"
URL = f"http://{HOST}{PATH}"


class Headers(dict):
    def __init__(self, items):
        super().__init__({k.lower(): v for k, v in items.items()})

    def get(self, key, default=None):
        return super().get(key.lower(), default)


def request(body=b"", headers=None, path=PATH, query=""):
    headers = Headers({"host": HOST, "content-type": "application/x-www-form-urlencoded",
                       **(headers or {})})
    return SimpleNamespace(headers=headers, body=body, scheme="http", host=HOST, path=path,
                           query_string=query, app=SimpleNamespace(ctx=SimpleNamespace(agent=None)))


class FakeAssistant:
    """Echoes each message back, recording what reached it."""

    def __init__(self):
        self.seen = []

    async def __call__(self, message):
        self.seen.append((message.sender_id, message.text, message.input_channel))
        await message.output_channel.send_response(message.sender_id, {"text": f"**echo** {message.text}"})


def run(channel, req, assistant=None):
    assistant = assistant or FakeAssistant()
    res = asyncio.run(channel.handle(req, assistant))
    return res, assistant


def signed(form, url=URL, token=TOKEN, headers=None):
    return request(encode(form), {"X-Twilio-Signature": sign(url, form, token), **(headers or {})})


def messages(res):
    return [m.text for m in ET.fromstring(res.body.decode()).findall("Message")]


def test_a_signed_message_reaches_the_assistant_and_is_answered_in_twiml():
    res, bot = run(TwilioChannel(auth_token=TOKEN), signed(twilio_form("+15550001111", "hi")))
    assert res.status == 200 and res.content_type.startswith("text/xml")
    assert messages(res) == ["echo hi"]
    assert bot.seen == [("twilio:+15550001111", "hi", "twilio")]


@pytest.mark.parametrize("make", [
    lambda f: request(encode(f)),  # unsigned
    lambda f: request(encode(f), {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}),  # forged
    lambda f: signed(f, token="another-token"),  # someone else's token
    lambda f: request(encode(dict(f, Body="tampered")),  # changed after signing
                      {"X-Twilio-Signature": sign(URL, f)}),
    lambda f: signed(f, url="http://127.0.0.1:5005/other"),  # signed for another URL
])
def test_forged_or_unsigned_requests_get_403_and_never_reach_the_assistant(make):
    res, bot = run(TwilioChannel(auth_token=TOKEN), make(twilio_form("+15550001111", "hi")))
    assert res.status == 403
    assert bot.seen == []


def test_without_an_auth_token_everything_is_refused():
    form = twilio_form("+15550001111", "hi")
    res, bot = run(TwilioChannel(auth_token=""), signed(form, token=""))
    assert res.status == 403 and bot.seen == []


def test_the_dev_flag_turns_validation_off():
    res, bot = run(TwilioChannel(auth_token="", validate_signature=False),
                   request(encode(twilio_form("+15550001111", "hi"))))
    assert res.status == 200 and bot.seen


def test_forwarded_headers_rebuild_the_public_url():
    form = twilio_form("+15550001111", "hi")
    public = f"https://clinic.example{PATH}"
    req = signed(form, url=public, headers={"X-Forwarded-Proto": "https",
                                            "X-Forwarded-Host": "clinic.example"})
    assert run(TwilioChannel(auth_token=TOKEN), req)[0].status == 200
    # The same signature without the proxy's headers does not match.
    req = request(encode(form), {"X-Twilio-Signature": sign(public, form)})
    assert run(TwilioChannel(auth_token=TOKEN), req)[0].status == 403


def test_the_webhook_url_override_is_what_must_be_signed():
    form = twilio_form("+15550001111", "hi")
    public = f"https://sms.clinic.example/rasa{PATH}?src=twilio"
    channel = TwilioChannel(auth_token=TOKEN, webhook_url=public)
    assert run(channel, signed(form, url=public))[0].status == 200
    channel = TwilioChannel(auth_token=TOKEN, webhook_url=public)
    assert run(channel, signed(form, url=URL))[0].status == 403


def test_a_replayed_message_sid_is_answered_empty_and_not_processed():
    channel, bot = TwilioChannel(auth_token=TOKEN), FakeAssistant()
    form = twilio_form("+15550001111", "hi")
    first = asyncio.run(channel.handle(signed(form), bot))
    again = asyncio.run(channel.handle(signed(form), bot))
    assert messages(first) and again.status == 200 and messages(again) == []
    assert len(bot.seen) == 1


@pytest.mark.parametrize("change, status, reply", [
    (dict(Body=""), 200, "didn't get any text"),
    (dict(Body="   ", NumMedia="1"), 200, "only read text"),
    (dict(Body="ouch " * 1000), 200, "too long"),
    (dict(From=""), 400, None),
    (dict(MessageSid="", SmsSid="", SmsMessageSid=""), 400, None),
])
def test_bad_input_gets_a_polite_reply_or_4xx(change, status, reply):
    res, bot = run(TwilioChannel(auth_token=TOKEN), signed(dict(twilio_form("+15550001111", "x"), **change)))
    assert res.status == status
    assert bot.seen == []
    if reply:
        assert reply in messages(res)[0]


@pytest.mark.parametrize("body, headers, status", [
    (b"\xff\xfe=\x00", {}, 400),  # not UTF-8
    (b"a=1&b", {}, 400),  # not a form
    (b'{"Body": "hi"}', {"Content-Type": "application/json"}, 415),
    (b"a=" + b"x" * 70_000, {}, 413),
])
def test_invalid_requests_get_4xx(body, headers, status):
    req = request(body, {"X-Twilio-Signature": "c2ln", **headers})
    res, bot = run(TwilioChannel(auth_token=TOKEN), req)
    assert res.status == status and bot.seen == []


def test_a_failing_assistant_gets_a_polite_reply_not_a_500():
    async def broken(message):
        raise RuntimeError("boom")

    res = asyncio.run(TwilioChannel(auth_token=TOKEN).handle(
        signed(twilio_form("+15550001111", "hi")), broken))
    assert res.status == 200 and "went wrong" in messages(res)[0]


def test_a_replay_reaching_another_replica_or_a_restarted_server_is_not_processed():
    """Two channels (two replicas, or one server before and after a restart)
    share the database: the second one refuses the replay."""
    form = twilio_form("+15550001111", "hi")
    first_bot, second_bot = FakeAssistant(), FakeAssistant()
    first = asyncio.run(TwilioChannel(auth_token=TOKEN).handle(signed(form), first_bot))
    again = asyncio.run(TwilioChannel(auth_token=TOKEN).handle(signed(form), second_bot))
    assert messages(first) and messages(again) == [] and second_bot.seen == []


def test_replay_ids_are_shared_through_redis_when_configured():
    from bot.channels.replay import ReplayIds
    from tests.redis_service import redis

    server, why = redis()
    if server is None:
        pytest.skip(why)
    url = f"redis://{server[0]}:{server[1]}/0"
    sid = "SM" + __import__("uuid").uuid4().hex
    one, two = ReplayIds(redis_url=url, window_seconds=60), ReplayIds(redis_url=url, window_seconds=60)
    assert one.add(sid) and not two.add(sid)
    two.discard(sid)                      # an answer failed: Twilio's retry goes through
    assert ReplayIds(redis_url=url).add(sid)


def test_a_number_over_its_rate_limit_gets_a_polite_reply_and_a_red_flag_is_still_read(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "1")
    channel, bot = TwilioChannel(auth_token=TOKEN), FakeAssistant()
    asyncio.run(channel.handle(signed(twilio_form("+15550002222", "hi")), bot))
    res = asyncio.run(channel.handle(signed(twilio_form("+15550002222", "I can't pee and my back hurts")), bot))
    reply = " ".join(messages(res))
    assert len(bot.seen) == 1 and "faster than I can answer" in reply and "must be checked by a doctor" in reply


def test_recent_ids_are_bounded():
    ids = RecentIds(size=3)
    assert all(ids.add(s) for s in "abcd")
    assert not ids.add("d") and not ids.add("b")
    assert ids.add("a")  # forgotten: only the last 3 are kept


def test_parse_form_keeps_blank_and_repeated_fields():
    form = parse_form(b"Body=hi+there&ToCity=&Media=a&Media=b")
    assert form == {"Body": ["hi there"], "ToCity": [""], "Media": ["a", "b"]}


@pytest.mark.parametrize("value, expected", [
    (None, True), ("", True), ("true", True), (True, True),
    ("false", False), ("FALSE", False), ("0", False), (False, False), ("off", False),
])
def test_validation_flag(value, expected):
    assert _flag(value) is expected


def test_public_url_uses_the_first_forwarded_value_and_keeps_the_query():
    req = request(headers={"X-Forwarded-Proto": "https, http", "X-Forwarded-Host": "a.example, b"},
                  query="x=1")
    assert public_url(req) == f"https://a.example{PATH}?x=1"
    assert public_url(request()) == URL


def test_a_numbered_reply_uses_the_last_turns_buttons_from_the_tracker_store():
    from rasa.shared.core.events import BotUttered, UserUttered

    old = [{"title": "Old", "payload": "/old"}]
    yes_no = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    events = [BotUttered("Earlier", {"buttons": old}), UserUttered("something odd"),
              BotUttered("Do you have numbness?", {"buttons": yes_no},
                         {"utter_action": "utter_red_flag_clarify"})]

    class Store:
        async def retrieve(self, sender_id):
            return SimpleNamespace(events=events) if sender_id == "twilio:+15550001111" else None

    req = signed(twilio_form("+15550001111", "2"))
    req.app.ctx.agent = SimpleNamespace(tracker_store=Store(), is_ready=lambda: True)
    res, bot = run(TwilioChannel(auth_token=TOKEN), req)
    assert bot.seen == [("twilio:+15550001111", "/deny", "twilio")]
    # Out of range, or someone else's conversation: the text as typed.
    for sender, text in (("+15550001111", "3"), ("+15550002222", "1")):
        req = signed(twilio_form(sender, text))
        req.app.ctx.agent = SimpleNamespace(tracker_store=Store(), is_ready=lambda: True)
        assert run(TwilioChannel(auth_token=TOKEN), req)[1].seen[0][1] == text
