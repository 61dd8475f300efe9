"""Messages the clinic starts on SMS/WhatsApp: staff replies from the console
(pushed through Rasa's HTTP API with output_channel=twilio) go out through
Twilio's REST API with the official `twilio` client. The assistant's own
answers still go back as TwiML in the webhook response (bot/channels/twilio.py).

TWILIO_API_BASE_URL points the client at another address (the tests' local
stand-in for Twilio's API); unset, it is Twilio's own.
"""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Text

from rasa.core.channels.channel import OutputChannel

from bot.names import sender_number

logger = logging.getLogger(__name__)


class TwilioRestOutput(OutputChannel):
    def __init__(self, account_sid: str, auth_token: str, twilio_number: str) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self._client = None

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def client(self):
        if self._client is None:
            from twilio.rest import Client

            self._client = Client(self.account_sid, self.auth_token)
            base = os.environ.get("TWILIO_API_BASE_URL")
            if base:
                self._client.api.base_url = base.rstrip("/")
        return self._client

    def _send(self, recipient_id: str, text: str) -> None:
        to = sender_number(recipient_id)
        sender = self.twilio_number
        if to.startswith("whatsapp:") and not sender.startswith("whatsapp:"):
            sender = "whatsapp:" + sender
        self.client().messages.create(to=to, from_=sender, body=text)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        from bot.channels import sms

        for part in sms.split_text(sms.strip_markdown(text)):
            try:
                await asyncio.to_thread(self._send, recipient_id, part)
            except Exception as error:   # logged without the number or the text
                logger.error("twilio: a message could not be sent (%s)", error.__class__.__name__)
                raise
