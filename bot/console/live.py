"""Live replies from the console into a patient's conversation, through
Rasa's HTTP API: the reply is appended to the conversation as a bot event
with `execute_side_effects`, so Rasa sends it on the conversation's own
channel (the open website widget's room; SMS/WhatsApp through the Twilio
channel's output) and keeps it in the conversation's history. Behind Rasa's
token (RASA_AUTH_TOKEN); nothing writes into the tracker store directly.

Settings: RASA_INTERNAL_URL (http://localhost:5005), RASA_AUTH_TOKEN.
"""
from __future__ import annotations

import logging
import os
from typing import Dict, List, Optional, Tuple
from urllib.parse import quote

from bot.names import HANDOVER_PENDING, STAFF_REPLY_KEY

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10
MAX_REPLY = 1600          # one SMS thread's worth; Twilio's limit per message


def _settings() -> Tuple[str, str]:
    return (os.environ.get("RASA_INTERNAL_URL") or "http://localhost:5005").rstrip("/"), \
        os.environ.get("RASA_AUTH_TOKEN", "")


def available() -> bool:
    return bool(_settings()[1])


def _path(conversation_id: str) -> str:
    """The conversation id in a URL path: Rasa's router does not decode %3A,
    so the ":" and "+" of our scoped ids ("twilio:+1310...") stay as they are."""
    return quote(conversation_id, safe=":+@")


def _events_url(conversation_id: str) -> str:
    return f"{_settings()[0]}/conversations/{_path(conversation_id)}/tracker/events"


def push(conversation_id: str, events: List[Dict], channel: str) -> Tuple[bool, str]:
    """(sent, why not): append events and let Rasa send their messages on
    `channel` (the channel the conversation came in on)."""
    import requests

    url, token = _settings()
    if not token:
        return False, "the assistant's HTTP API is off (RASA_AUTH_TOKEN is not set)"
    try:
        # Rasa's token authentication reads `?token=` (its HTTP API docs).
        response = requests.post(_events_url(conversation_id), json=events, timeout=TIMEOUT_SECONDS,
                                 params={"token": token, "output_channel": channel or "latest",
                                         "execute_side_effects": "true"})
    except requests.RequestException as error:
        logger.warning("console: the assistant could not be reached (%s)", error.__class__.__name__)
        return False, "the assistant could not be reached"
    if response.status_code != 200:
        logger.warning("console: the assistant refused the events (HTTP %s)", response.status_code)
        return False, f"the assistant answered HTTP {response.status_code}"
    return True, ""


def reply(conversation_id: str, channel: str, text: str, staff: str) -> Tuple[bool, str]:
    text = (text or "").strip()
    if not text:
        return False, "the reply is empty"
    if len(text) > MAX_REPLY:
        return False, f"the reply is over {MAX_REPLY} characters"
    return push(conversation_id, [{"event": "bot", "text": text, "metadata": {STAFF_REPLY_KEY: staff}}], channel)


def hand_back(conversation_id: str, channel: str, note: str) -> Tuple[bool, str]:
    """End the pause now (the status change alone ends it at the patient's
    next message) and tell the patient the assistant answers again."""
    events: List[Dict] = [{"event": "slot", "name": HANDOVER_PENDING, "value": False}]
    if note:
        events.append({"event": "bot", "text": note})
    return push(conversation_id, events, channel)


def transcript(conversation_id: str) -> Optional[List[Tuple[str, str]]]:
    """(who, text) of the conversation so far, or None when the API is off
    or unreachable (the page then shows the hand-over's stored context)."""
    import requests

    url, token = _settings()
    if not token:
        return None
    try:
        response = requests.get(f"{url}/conversations/{_path(conversation_id)}/tracker",
                                params={"token": token, "include_events": "ALL"}, timeout=TIMEOUT_SECONDS)
    except requests.RequestException:
        return None
    if response.status_code != 200:
        return None
    from bot.review import speaker

    return [(speaker(event), event["text"]) for event in response.json().get("events") or []
            if event.get("event") in ("user", "bot") and event.get("text")]
