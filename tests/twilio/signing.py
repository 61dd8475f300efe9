"""Build webhook requests the way Twilio does: a urlencoded form signed
with the real RequestValidator algorithm (HMAC-SHA1 of URL + sorted fields)."""
import uuid
from typing import Dict
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

TOKEN = "test-auth-token-0123456789abcdef"
ACCOUNT_SID = "AC" + "0" * 32
PATH = "/webhooks/twilio/webhook"


def twilio_form(sender: str, body: str, sid: str = "") -> Dict[str, str]:
    """The fields of a real inbound message, blank ones included (they are signed too)."""
    return {
        "ToCountry": "US", "ToState": "CA", "SmsMessageSid": sid, "NumMedia": "0",
        "ToCity": "", "FromZip": "", "SmsSid": sid, "FromState": "", "SmsStatus": "received",
        "FromCity": "", "Body": body, "FromCountry": "US", "To": "+15557654321",
        "ToZip": "", "NumSegments": "1", "MessageSid": sid or "SM" + uuid.uuid4().hex,
        "AccountSid": ACCOUNT_SID, "From": sender, "ApiVersion": "2010-04-01",
    }


def sign(url: str, form: Dict[str, str], token: str = TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, form)


def encode(form: Dict[str, str]) -> bytes:
    return urlencode(form).encode()
