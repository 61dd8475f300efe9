"""SMS and WhatsApp through Twilio: ``POST /webhooks/twilio/webhook``.

Why not Rasa's built-in TwilioInput: it does not check that a request really
comes from Twilio, and it answers through the Twilio REST API. This channel

* validates every request's ``X-Twilio-Signature`` (HMAC-SHA1 of the public
  URL and the form fields, keyed by the auth token). Forged or unsigned
  requests, and every request while no auth token is configured, get 403
  and never reach the assistant. ``validate_signature: false`` (env
  TWILIO_VALIDATE_SIGNATURE=false) turns this off for local development only;
* drops a replayed MessageSid with an empty 200 reply, whichever replica or
  restarted server it reaches (bot/channels/replay.py);
* answers with TwiML in the HTTP response: Twilio sends each ``<Message>``
  to the patient, for SMS and WhatsApp alike, so the assistant's answers need
  no outbound API call (only a staff reply from the console goes out through
  Twilio's REST API: bot/channels/twilio_out.py);
* formats replies for a phone (bot/channels/sms.py): no markdown, buttons as
  numbered options, long answers split, red-flag escalations first.

The conversation id is ``twilio:`` and Twilio's ``From`` value, e.g.
``twilio:+15551234567`` or ``twilio:whatsapp:+15551234567``: each number
keeps its own conversation, and no other channel can name it (issue 14).
"""
from __future__ import annotations

import inspect
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import parse_qs

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import guard, sms
from bot.channels.rate_limit import limiter
from bot.channels.replay import ReplayIds
from bot.names import TWILIO_CONVERSATION_PREFIX
from bot.channels.rest import webhook_blueprint
from bot.profile import ClinicProfile, load_profile

logger = logging.getLogger(__name__)

# A Twilio webhook is a small form; anything much bigger is not from Twilio.
MAX_REQUEST_BYTES = 64 * 1024
MAX_FORM_FIELDS = 200
FALSE_WORDS = {"false", "0", "no", "off"}


def _profile() -> ClinicProfile:
    """The clinic's numbers for fallback replies; defaults if unreadable."""
    try:
        return load_profile()
    except Exception:
        logger.exception("twilio: could not read the clinic profile")
        return ClinicProfile(name="the clinic", phone="")


def _flag(value: Any, default: bool = True) -> bool:
    """A credentials.yml switch; empty or missing means ``default``."""
    if value is None or str(value).strip() == "":
        return default
    return str(value).strip().lower() not in FALSE_WORDS


class _Form(dict):
    """Form fields as lists (every value is signed, blanks included), with
    the ``getall`` RequestValidator uses for repeated fields."""

    def getall(self, name: str) -> List[str]:
        return list(self[name])

    def first(self, name: str, default: str = "") -> str:
        values = self.get(name) or [default]
        return values[0]


def parse_form(body: bytes) -> _Form:
    """The urlencoded body, keeping blank fields (Twilio signs them too;
    Sanic's ``request.form`` drops them). Raises ValueError when invalid."""
    text = body.decode("utf-8")  # UnicodeDecodeError is a ValueError
    return _Form(parse_qs(text, keep_blank_values=True, strict_parsing=bool(text),
                          max_num_fields=MAX_FORM_FIELDS))


def public_url(request: Request, override: Optional[str] = None) -> str:
    """The URL Twilio called, which is what it signed.

    Behind a proxy the server sees another URL, so an explicit override
    (TWILIO_WEBHOOK_URL) wins; otherwise it is rebuilt from the request,
    honouring X-Forwarded-Proto and X-Forwarded-Host. Trusting these
    headers is safe for validation: they only choose the URL the signature
    must match, and a valid signature still needs the auth token."""
    if override:
        return override
    headers = request.headers
    proto = (headers.get("x-forwarded-proto") or "").split(",")[0].strip() or request.scheme
    host = (headers.get("x-forwarded-host") or "").split(",")[0].strip() or headers.get("host") \
        or request.host
    query = f"?{request.query_string}" if request.query_string else ""
    return f"{proto}://{host}{request.path}{query}"


def _twiml(bodies: List[str]) -> HTTPResponse:
    return response.text(sms.twiml(bodies), content_type="text/xml")


def _refuse(status: int, why: str) -> HTTPResponse:
    return response.text(why, status=status)


class TwilioCollector(CollectingOutputChannel):
    """Collects a turn's messages whole, with the response name.

    The base class splits text at blank lines and drops ``utter_action``,
    which is how red-flag escalations are recognised."""

    @classmethod
    def name(cls) -> Text:
        return TwilioChannel.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        kept = {k: message.get(k) for k in ("text", "buttons", "image", "attachment",
                                             "utter_action")}
        kept["buttons"] = kept["buttons"] or message.get("quick_replies")
        if message.get("custom") and not message.get("text"):
            logger.debug("twilio: a custom payload cannot be sent by SMS; skipped")
        if any(kept.get(k) for k in ("text", "buttons", "image", "attachment")):
            self.messages.append({"recipient_id": recipient_id,
                                  **{k: v for k, v in kept.items() if v}})


class TwilioChannel(InputChannel):
    """Twilio Messaging webhook (SMS and WhatsApp senders) with TwiML replies."""

    def __init__(self, auth_token: Optional[str] = None, account_sid: Optional[str] = None,
                 twilio_number: Optional[str] = None, webhook_url: Optional[str] = None,
                 validate_signature: bool = True, replay_window: int = 10_000) -> None:
        self.auth_token = auth_token or ""
        self.account_sid = account_sid or ""  # only to check AccountSid when set
        self.twilio_number = twilio_number or ""  # informational: replies go via TwiML
        self.webhook_url = webhook_url or ""
        self.validate_signature = validate_signature
        self.recent = ReplayIds(replay_window)     # shared by replicas, kept across restarts
        if not validate_signature:
            logger.warning("twilio: SIGNATURE VALIDATION IS OFF (TWILIO_VALIDATE_SIGNATURE=false); "
                           "anyone can post messages. Use this for local development only.")
        elif not self.auth_token:
            logger.warning("twilio: no TWILIO_AUTH_TOKEN configured; every webhook request gets 403.")

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def get_output_channel(self) -> Optional["OutputChannel"]:
        """For messages the clinic starts (a staff reply pushed through Rasa's
        HTTP API): Twilio's REST API, when the account is configured."""
        from bot.channels.twilio_out import TwilioRestOutput

        if not (self.account_sid and self.auth_token and self.twilio_number):
            logger.warning("twilio: no account SID, auth token or number; a staff reply cannot be sent by SMS")
            return None
        return TwilioRestOutput(self.account_sid, self.auth_token, self.twilio_number)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioChannel":
        credentials = credentials or {}
        return cls(auth_token=credentials.get("auth_token"),
                   account_sid=credentials.get("account_sid"),
                   twilio_number=credentials.get("twilio_number"),
                   webhook_url=credentials.get("webhook_url"),
                   validate_signature=_flag(credentials.get("validate_signature"), True))

    # --- checks -------------------------------------------------------------

    def _signature_ok(self, request: Request, form: _Form) -> bool:
        if not self.validate_signature:
            return True
        signature = request.headers.get("x-twilio-signature") or ""
        if not self.auth_token or not signature:
            return False
        url = public_url(request, self.webhook_url)
        ok = RequestValidator(self.auth_token).validate(url, form, signature)
        if not ok:
            logger.warning("twilio: bad signature for %s (set TWILIO_WEBHOOK_URL to the URL "
                           "configured in Twilio if a proxy rewrites it)", url)
        return ok

    @staticmethod
    async def _last_turn_buttons(request: Request, sender_id: str) -> List[Dict[str, Any]]:
        """Buttons the bot showed this sender last turn, read from the
        tracker store, so a numbered reply works on any replica and after
        a restart (nothing is kept in this process)."""
        agent = getattr(request.app.ctx, "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return []
        try:
            tracker = store.retrieve(sender_id)
            if inspect.isawaitable(tracker):
                tracker = await tracker
        except Exception:  # the number is then taken as plain text
            logger.exception("twilio: could not read the conversation of a numbered reply")
            return []
        if tracker is None:
            return []
        turn: List[Dict[str, Any]] = []
        for event in reversed(tracker.events):
            if event.type_name == "user":
                break
            if event.type_name == "bot":
                data, meta = event.data or {}, event.metadata or {}
                turn.append({"text": event.text, "buttons": data.get("buttons"),
                             "utter_action": meta.get("utter_action")})
        return sms.reply_buttons(reversed(turn))

    # --- webhook ------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return webhook_blueprint("clinic_twilio_webhook", self.handle, on_new_message)

    async def handle(self, request: Request,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        """One webhook request: checks first (403/4xx), then the assistant's
        reply as TwiML. Never a 500: a failure gets a polite reply."""
        if self.validate_signature and (not self.auth_token
                                        or not request.headers.get("x-twilio-signature")):
            return _refuse(403, "forbidden")
        body = request.body or b""
        if len(body) > MAX_REQUEST_BYTES:
            return _refuse(413, "request too large")
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return _refuse(415, "expected a form")
        try:
            form = parse_form(body)
        except ValueError:
            return _refuse(400, "invalid form")
        if not self._signature_ok(request, form):
            return _refuse(403, "forbidden")
        if self.account_sid and form.first("AccountSid") not in ("", self.account_sid):
            return _refuse(403, "forbidden")

        sender = form.first("From").strip()
        sid = (form.first("MessageSid") or form.first("SmsMessageSid") or form.first("SmsSid")).strip()
        if not sender or not sid:
            return _refuse(400, "From and MessageSid are required")
        if not self.recent.add(sid):
            logger.info("twilio: replayed MessageSid %s ignored", sid)
            return _twiml([])

        text = form.first("Body").strip()
        if not text:
            media = form.first("NumMedia", "0").strip() not in ("", "0")
            return _twiml([sms.NO_TEXT_WITH_MEDIA if media else sms.EMPTY_MESSAGE])
        text = guard.clean(text)
        refused = guard.refusal(text, _profile())   # over MAX_MESSAGE_CHARS: before the pipeline
        if refused:
            return _twiml([refused])

        if not limiter().allow([("conversation", TWILIO_CONVERSATION_PREFIX + sender)]):
            return _twiml([guard.slow_down(text, _profile())])   # the address is Twilio's: per number only
        try:
            return _twiml(await self._answer(request, on_new_message, sender, text))
        except Exception:
            self.recent.discard(sid)  # let a retry of this message through
            logger.exception("twilio: could not answer a message")
            profile = _profile()
            return _twiml([sms.sorry_message(profile.phone, profile.emergency_number)])

    async def _answer(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      sender: str, text: str) -> List[str]:
        agent = getattr(request.app.ctx, "agent", None)
        if agent is not None and hasattr(agent, "is_ready") and not agent.is_ready():
            return [sms.NOT_READY]
        conversation = TWILIO_CONVERSATION_PREFIX + sender     # never reachable from another channel
        payload = None
        if sms.option_number(text) is not None:  # only then is the store read
            payload = sms.select_payload(text, await self._last_turn_buttons(request, conversation))
        collector = TwilioCollector()
        channel = "whatsapp" if sender.lower().startswith("whatsapp:") else "sms"
        async with guard.turn_slot():
            await on_new_message(UserMessage(payload or text, collector, conversation,
                                             input_channel=self.name(),
                                             metadata={"twilio_channel": channel}))
        if not collector.messages:   # an action failed (e.g. the action server is down)
            return [guard.no_reply(_profile())]
        return sms.format_reply(collector.messages)
