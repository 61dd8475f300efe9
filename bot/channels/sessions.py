"""Website chat sessions the server issues (issue 14).

A widget session id used to be whatever the browser sent: anyone who named
another visitor's id joined that conversation's room and heard its replies.
Now the server makes the id (128 random bits), hands the browser only a
token signed with SOCKETIO_SESSION_SECRET (itsdangerous, with an expiry of
SOCKETIO_SESSION_HOURS, default 24), and binds the id to the socket that
presented the token: a socket can only ever send to, and hear, the session
it was given. A forged, altered or expired token starts a fresh
conversation.

Without SOCKETIO_SESSION_SECRET a random secret is made per process: fine
for one server, but sessions then end at a restart and replicas must share
a secret (docs/deploy.md).

The widget keeps only the token (sessionStorage); after a reload the
conversation so far is sent back from the tracker (`history`).
"""
from __future__ import annotations

import logging
import os
import secrets
from typing import Any, Dict, List, Optional, Tuple

from itsdangerous import BadData, URLSafeTimedSerializer

logger = logging.getLogger(__name__)
SALT = "clinic-widget-session"
HIDDEN = ("/session_start",)


def _secret() -> str:
    secret = os.environ.get("SOCKETIO_SESSION_SECRET", "")
    if len(secret) >= 16:
        return secret
    logger.warning("socket.io: no SOCKETIO_SESSION_SECRET (16+ characters); widget sessions end when "
                   "this server restarts and are not valid on other replicas.")
    return secrets.token_hex(32)


class Sessions:
    def __init__(self, secret: Optional[str] = None, max_age_seconds: Optional[int] = None) -> None:
        self._serializer = URLSafeTimedSerializer(secret or _secret(), salt=SALT)
        hours = float(os.environ.get("SOCKETIO_SESSION_HOURS") or 24)
        self.max_age = int(max_age_seconds if max_age_seconds is not None else hours * 3600)
        self._by_socket: Dict[str, str] = {}

    def issue(self) -> Tuple[str, str]:
        """(token for the browser, the new session id)."""
        session_id = secrets.token_urlsafe(16)
        return self._serializer.dumps(session_id), session_id

    def verify(self, token: Any) -> Optional[str]:
        """The session id of a valid, unexpired token, else None."""
        if not isinstance(token, str) or not token or len(token) > 512:
            return None
        try:
            session_id = self._serializer.loads(token, max_age=self.max_age)
        except BadData:
            return None
        return session_id if isinstance(session_id, str) else None

    def bind(self, socket_id: str, session_id: str) -> None:
        self._by_socket[socket_id] = session_id

    def of_socket(self, socket_id: str) -> Optional[str]:
        return self._by_socket.get(socket_id)

    def unbind(self, socket_id: str) -> None:
        self._by_socket.pop(socket_id, None)


def history(events: List[Dict[str, Any]], limit: int = 200) -> List[Dict[str, Any]]:
    """The conversation as the widget shows it, from the tracker's events:
    the patient's messages (a button's title rather than its payload; the
    hidden session start left out) and the bot's, with their buttons."""
    out: List[Dict[str, Any]] = []
    last_buttons: List[Dict[str, str]] = []
    for event in events:
        kind = event.get("event")
        if kind == "bot":
            data = event.get("data") or {}
            buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                       for b in (data.get("buttons") or data.get("quick_replies") or [])
                       if isinstance(b, dict)]
            text = event.get("text") or ""
            if text or buttons:
                out.append({"from": "bot", "text": text, "buttons": buttons})
                last_buttons = buttons
        elif kind == "user":
            text = event.get("text") or ""
            if not text or text in HIDDEN:
                continue
            shown = next((b["title"] for b in last_buttons if b["payload"] == text), text)
            out.append({"from": "user", "text": shown})
    return out[-limit:]
