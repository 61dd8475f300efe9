"""Rasa's REST channel (POST /webhooks/rest/webhook), hardened.

Rasa 3.6's RestInput passes whatever it gets to the assistant: a body that
is not JSON, a missing or non-text message, a 100,000-character message,
and it answers with an empty list when an action failed. This channel
answers malformed requests with 400 and a reason, refuses empty and
over-long messages politely before the NLU pipeline (bot/channels/guard.py),
and says "I can't do that right now, call ..." when a turn produced no reply
(e.g. the action server is down). The channel name stays "rest", so the URL
and the reply format ([{"recipient_id", "text", "buttons"...}]) are Rasa's.
"""
from __future__ import annotations

import hmac
import json
import logging
import os
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard
from bot.channels.rate_limit import limiter
from bot.names import SCOPED_PREFIXES
from bot.profile import load_profile

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
MAX_SENDER_CHARS = 255


def webhook_blueprint(name: str, handle: Callable[..., Awaitable[HTTPResponse]],
                      on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
    """GET / (health) and POST /webhook -> handle(request, on_new_message):
    the routes our REST and Twilio channels share."""
    hook = Blueprint(name, __name__)

    @hook.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @hook.route("/webhook", methods=["POST"])
    async def receive(request: Request) -> HTTPResponse:
        return await handle(request, on_new_message)

    return hook


def client_ip(request: Request) -> str:
    """The peer's address as Sanic saw it (forwarded headers are not trusted)."""
    return request.conn_info.client_ip if request.conn_info else ""


def allowed(request: Request) -> bool:
    """From loopback, always (local development); from anywhere else only
    with `Authorization: Bearer $REST_TOKEN`, and never when REST_TOKEN is
    unset (issue 14). The peer address is Sanic's, not a forwarded header."""
    peer = client_ip(request)
    if peer in ("127.0.0.1", "::1") or peer.startswith("127."):
        return True
    token = os.environ.get("REST_TOKEN", "")
    given = (request.headers.get("authorization") or "").encode()
    return len(token) >= 16 and hmac.compare_digest(given, f"Bearer {token}".encode())


def _bad(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


class RestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Any) -> InputChannel:
        # Rasa's process-wide adjustments are applied by bot/server.py, not here.
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return webhook_blueprint("clinic_rest_webhook", self.handle, on_new_message)

    async def handle(self, request: Request,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if not allowed(request):
            return _bad("forbidden: REST is for local development and trusted back-ends "
                        "(from elsewhere it needs REST_TOKEN)", 403)
        body = request.body or b""
        if len(body) > MAX_BODY_BYTES:
            return _bad("request too large", 413)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _bad('expected a JSON object: {"sender": "...", "message": "..."}')
        if not isinstance(payload, dict):
            return _bad('expected a JSON object: {"sender": "...", "message": "..."}')
        sender = payload.get("sender", "default")
        if isinstance(sender, int) and not isinstance(sender, bool):
            sender = str(sender)
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
            return _bad(f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters')
        if sender.strip().lower().startswith(SCOPED_PREFIXES):
            # Another channel's conversation (an SMS number, a widget session).
            return _bad('"sender" must not name another channel\'s conversation', 403)
        message = payload.get("message")
        if not isinstance(message, str):
            return _bad('"message" must be a string')
        profile = load_profile()
        text = guard.clean(message)
        refused = guard.refusal(text, profile)
        if refused:
            return response.json([{"recipient_id": sender, "text": refused}])
        if not limiter().allow([("conversation", "rest:" + sender), ("address", client_ip(request))]):
            return response.json([{"recipient_id": sender, "text": guard.slow_down(text, profile)}], status=429)
        collector = CollectingOutputChannel()
        try:
            async with guard.turn_slot():
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
        except CancelledError:
            logger.error("rest: a message timed out")
        except Exception:
            logger.exception("rest: a message could not be handled")
        messages: List[Dict[Text, Any]] = collector.messages
        if not messages:
            messages = [{"recipient_id": sender, "text": guard.no_reply(profile)}]
        return response.json(messages)
