"""Rasa's socket.io channel with a configurable origin allow-list.

Rasa 3.6's ``SocketIOInput`` builds its server with ``cors_allowed_origins=[]``,
which switches python-engineio's origin check off entirely: any web page could
open a socket to the assistant, and there is no setting to change it. This
subclass reads ``cors_allowed_origins`` from its credentials.yml entry (a list
or a comma-separated string, e.g. ``${SOCKETIO_ALLOWED_ORIGINS}``) and hands it
to engineio, which then rejects other origins (WebSocket and polling alike)
and answers CORS for the listed ones.

The widget's first, hidden message ``/session_start`` is answered by running
the session start once (the not-a-doctor notice), without logging a user turn.
Passed to Rasa as a message it would run ``action_session_start`` twice on a
new conversation: once because the tracker is empty
(``MessageProcessor._update_tracker_session``) and once more because the
default rule maps the ``session_start`` intent to ``action_session_start``,
so the notice would be shown twice.

Sessions are the server's (bot/channels/sessions.py): ``session_request``
answers with a signed token for a new or still valid session, the socket is
bound to that session's room (awaiting ``enter_room``, a coroutine since
python-socketio 5.10 that Rasa 3.6 never awaits, RasaHQ/rasa#13027), and
every message is taken for the session bound to its socket, whatever id the
client puts in it. ``session_confirm`` carries the conversation so far, so
a reloaded widget shows it without keeping it in the browser.

credentials.yml::

    bot.channels.socketio.SocketIOInput:
      session_persistence: true
      cors_allowed_origins: ${SOCKETIO_ALLOWED_ORIGINS}
"""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint, Sanic

from bot.channels import guard
from bot.channels.rate_limit import limiter
from bot.channels.sessions import Sessions, history
from bot.names import WEB_CONVERSATION_PREFIX
from bot.profile import load_profile

logger = logging.getLogger(__name__)



def conversation_id(session_id: Text) -> Text:
    """The tracker's id (and the socket.io room) of a widget session: scoped
    to this channel, so no other channel can address it (issue 14)."""
    return WEB_CONVERSATION_PREFIX + session_id
SESSION_START = "/session_start"
DEFAULT_ORIGINS = ["http://localhost:8080", "http://127.0.0.1:8080"]


def parse_origins(value: Union[None, Text, List[Text]]) -> List[Text]:
    """Origins from a list or a comma-separated string; '*' is refused.

    An empty value falls back to the local demo page's origins rather than to
    "anyone", so a missing variable never opens the socket to every site."""
    if value is None:
        items: List[Text] = []
    elif isinstance(value, str):
        items = value.split(",")
    else:
        items = [str(item) for item in value]
    origins = [item.strip().rstrip("/") for item in items if item and item.strip()]
    if "*" in origins:
        raise ValueError("cors_allowed_origins must list the sites that embed the widget, not '*'")
    return origins or list(DEFAULT_ORIGINS)


class SocketIOInput(RasaSocketIOInput):
    """socket.io channel: origin allow-list, awaited session rooms."""

    @classmethod
    def name(cls) -> Text:
        # Same name as Rasa's channel: the widget and the trackers see "socketio".
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_allowed_origins = parse_origins(credentials.get("cors_allowed_origins"))
        return channel

    def __init__(self, *args: Any, cors_allowed_origins: Optional[List[Text]] = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cors_allowed_origins = parse_origins(cors_allowed_origins)
        self._app: Optional[Sanic] = None
        self.sessions = Sessions()          # server-issued, signed session ids (bot/channels/sessions.py)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        # Rasa passes [] ("no CORS handling at all"); engineio reads this
        # attribute on every request, so setting it here turns the check on.
        sio.eio.cors_allowed_origins = list(self.cors_allowed_origins)
        logger.debug("socket.io allowed origins: %s", self.cors_allowed_origins)

        @socketio_webhook.listener("before_server_start")
        async def remember_app(app: Sanic, _loop: Any) -> None:
            self._app = app

        # Registering an event again replaces Rasa's handler.
        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Dict) -> None:
            if isinstance(data, dict) and data.get("message") == SESSION_START:
                await self._start_session(sid, data)
                return
            await self._handle_message(sid, data, on_new_message)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            token = data.get("session_id")
            session_id = self.sessions.verify(token)
            if session_id is None:               # none, forged, altered or expired: a fresh one
                token, session_id = self.sessions.issue()
            self.sessions.bind(sid, session_id)
            await sio.enter_room(sid, conversation_id(session_id), namespace=self.namespace)
            await sio.emit("session_confirm", {"session_id": token,
                                               "history": await self._history(conversation_id(session_id))},
                           room=sid, namespace=self.namespace)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            self.sessions.unbind(sid)

        return socketio_webhook

    def _address(self, sid: Text) -> Text:
        """The client's address for the rate limit ("" if unknown)."""
        try:
            environ = self.sio.get_environ(sid, namespace=self.namespace) or {}
        except Exception:
            return ""
        request = environ.get("sanic.request")
        if request is not None and getattr(request, "conn_info", None):
            return request.conn_info.client_ip or ""
        return str(environ.get("REMOTE_ADDR") or "")

    async def _history(self, conversation: Text) -> List[Dict]:
        """The conversation so far, for a widget that reloaded."""
        agent = getattr(self._app.ctx, "agent", None) if self._app else None
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return []
        try:
            tracker = await store.retrieve_full_tracker(conversation)   # every session the patient saw
        except Exception:
            logger.exception("socket.io: could not read a conversation's history")
            return []
        return history([e.as_dict() for e in tracker.events]) if tracker else []

    def _conversation(self, sid: Text) -> Optional[Text]:
        """The conversation this socket was given (never one a client names)."""
        session_id = self.sessions.of_socket(sid)
        return conversation_id(session_id) if session_id else None

    async def _start_session(self, sid: Text, data: Dict) -> None:
        """Run action_session_start if this conversation has no events yet.

        Same calls and lock as Rasa's own tracker endpoint and Agent.handle_message;
        an existing conversation is left alone (its next message starts a new
        session when the old one has expired)."""
        sender_id = self._conversation(sid)
        agent = getattr(self._app.ctx, "agent", None) if self._app else None
        if not sender_id or agent is None or not agent.is_ready() or self.sio is None:
            logger.debug("session start ignored: no conversation id or no model loaded")
            return
        metadata = data.get(self.metadata_key) or None
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        output = SocketIOOutput(self.sio, self.bot_message_evt)
        async with agent.lock_store.lock(sender_id):
            tracker = await agent.processor.fetch_tracker_with_initial_session(
                sender_id, output, metadata)
            await agent.processor.save_tracker(tracker)

    async def _handle_message(self, sid: Text, data: Any,
                              on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Rasa's handler, checked: a malformed payload is dropped (logged),
        an empty or over-long message gets a polite reply without reaching
        the pipeline (bot/channels/guard.py), and a turn that produced no
        reply (an action failed) gets "I can't do that right now"."""
        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
            logger.info("socket.io: malformed user message dropped")
            return
        sender_id = self._conversation(sid)         # the conversation, and the room it is sent to
        if sender_id is None:
            logger.info("socket.io: message from a socket without a session dropped")
            return
        metadata = data.get(self.metadata_key)
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except ValueError:
                metadata = None
        if not isinstance(metadata, dict):
            metadata = None
        output = _CountingOutput(self.sio, self.bot_message_evt)
        profile = load_profile()
        text = guard.clean(data["message"])
        refused = guard.refusal(text, profile)
        if refused:
            await output.send_text_message(sender_id, refused)
            return
        if not limiter().allow([("conversation", sender_id), ("address", self._address(sid))]):
            await output.send_text_message(sender_id, guard.slow_down(text, profile))
            return
        try:
            async with guard.turn_slot():
                await on_new_message(UserMessage(text, output, sender_id, input_channel=self.name(),
                                                 metadata=metadata))
        except Exception:
            logger.exception("socket.io: a message could not be handled")
        if not output.sent:
            await output.send_text_message(sender_id, guard.no_reply(profile))


class _CountingOutput(SocketIOOutput):
    """Rasa's socket.io output, counting what it sent this turn."""

    def __init__(self, sio: Any, bot_message_evt: Text) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)
