"""Optional staff notification: a short JSON notice POSTed to a webhook.

STAFF_WEBHOOK_URL (e.g. a Slack incoming webhook or the clinic's own
endpoint) turns it on. The notice carries no health details, only what staff
need to open the request with the staff CLI. With STAFF_WEBHOOK_SECRET set,
the body is signed (HMAC-SHA256, hex, header X-Clinic-Signature) so the
receiver can reject forgeries. A failed notice is logged and never reaches
the patient: the request itself is already stored.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from typing import Any, Dict, Optional

logger = logging.getLogger(__name__)

TIMEOUT_S = 3.0
SIGNATURE_HEADER = "X-Clinic-Signature"


def booking_notice(booking_id: int, channel: str, preferred: str) -> Dict[str, Any]:
    return {"type": "booking_request", "id": booking_id, "channel": channel,
            "text": f"New booking request #{booking_id} ({channel}, preferred {preferred}). "
                    f"See: python -m bot.staff show {booking_id}"}


def handover_notice(handover_id: int, channel: str, when: str) -> Dict[str, Any]:
    return {"type": "handover_request", "id": handover_id, "channel": channel,
            "text": f"A patient asked to talk to a person: hand-over #{handover_id} ({channel}). "
                    f"{when} See: python -m bot.staff handover {handover_id}"}


def sign(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def notify_staff(notice: Dict[str, Any], url: Optional[str] = None,
                       secret: Optional[str] = None) -> bool:
    """POST the notice; True when the receiver answered 2xx. Never raises."""
    url = url if url is not None else os.environ.get("STAFF_WEBHOOK_URL", "")
    if not url:
        return False
    secret = secret if secret is not None else os.environ.get("STAFF_WEBHOOK_SECRET", "")
    body = json.dumps(notice).encode()
    headers = {"Content-Type": "application/json"}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    try:
        import aiohttp

        timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(url, data=body, headers=headers) as response:
                if 200 <= response.status < 300:
                    return True
                logger.warning("staff webhook answered %s", response.status)
    except Exception as error:  # the patient's request is stored either way
        logger.warning("staff webhook failed: %s", error)
    return False
