"""Turn the assistant's replies into text messages (SMS and WhatsApp).

Pure functions, no Rasa and no I/O, so the rules are unit-tested on their
own (tests/unit/test_sms.py) and the Twilio connector only wires them up:

* phones show markdown literally, so it is stripped (links keep their URL);
* phones have no buttons, so they become numbered options and a reply of
  "1", "2", ... selects the button's payload (``select_payload``);
* Twilio rejects a message body over 1,600 characters, so long answers are
  split at sentence boundaries, never mid-word;
* red-flag escalations go out first and whole, before anything else said in
  the same turn, so the emergency advice is never buried or cut in half.

A message here is a dict like the output channel receives from Rasa:
``{"text": ..., "buttons": [{"title", "payload"}], "utter_action": ...}``.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Sequence
from xml.sax.saxutils import escape

from bot import names

# Twilio's limit for one message body (SMS and WhatsApp).
MAX_CHARS = 1600
# Twilio sends at most 10 <Message> replies to one incoming message.
MAX_MESSAGES = 10
# Responses that escalate a red flag (domain/red_flags.yml).
RED_FLAG_RESPONSES = frozenset({
    names.UTTER_EMERGENCY,
    names.UTTER_URGENT,
    names.UTTER_EMERGENCY_CONFIRMED,
    names.UTTER_EMERGENCY_HOLD,
})
TOO_MANY_MESSAGES = ("(The rest of this answer is too long for text messages: "
                     "please ask a narrower question.)")

# Polite replies to input the assistant cannot take, instead of an error.
EMPTY_MESSAGE = "I didn't get any text there. Please type your question, for example \"what is sciatica?\""
NO_TEXT_WITH_MEDIA = ("Sorry, I can only read text, not pictures, voice notes or files. "
                      "Please type your question.")
NOT_READY = "Sorry, I'm just starting up. Please send your message again in a minute."


def sorry_message(phone: str = "", emergency_number: str = "911") -> str:
    call = f" or call {phone}" if phone else ""
    return (f"Sorry, something went wrong on our side. Please try again in a few minutes{call}. "
            f"In an emergency, call {emergency_number}.")

Message = Dict[str, Any]

# --- markdown -------------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]+[^\s<>.,;:!?)\]'\"]")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_ITALIC_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.M)
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
_PLACEHOLDER = "\x00{}\x00"


def strip_markdown(text: str) -> str:
    """Plain text for a phone: **bold**, _italics_, `code`, headings and
    quotes lose their marks; [text](url) becomes "text (url)".

    URLs are set aside first so underscores or asterisks inside them are
    never taken for emphasis."""
    if not text:
        return ""
    kept: List[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return _PLACEHOLDER.format(len(kept) - 1)

    def link(match: "re.Match[str]") -> str:
        label, url = match.group(1).strip(), match.group(2)
        if not label or label == url:
            return keep(url)
        return label + " (" + keep(url) + ")"

    text = _LINK.sub(link, text)
    text = _BARE_URL.sub(lambda m: keep(m.group(0)), text)
    text = _CODE.sub(lambda m: keep(m.group(1)), text)
    text = _RULE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub(r"\1- ", text)
    for _ in range(2):  # nested emphasis, e.g. ***both***
        text = _BOLD.sub(r"\2", text)
        text = _STRIKE.sub(r"\1", text)
        text = _ITALIC_STAR.sub(r"\1", text)
        text = _ITALIC_UNDER.sub(r"\1", text)
    text = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- buttons --------------------------------------------------------------

def number_options(titles: Sequence[str], start: int = 1) -> str:
    """'Reply 1 for Yes, 2 for No.' for buttons numbered from ``start``."""
    if not titles:
        return ""
    options = [f"{start + i} for {strip_markdown(t) or 'option ' + str(start + i)}"
               for i, t in enumerate(titles)]
    return "Reply " + ", ".join(options) + "."


def _buttons(message: Message) -> List[Dict[str, Any]]:
    return [b for b in (message.get("buttons") or []) if isinstance(b, dict)]


def reply_buttons(messages: Iterable[Message]) -> List[Dict[str, Any]]:
    """The buttons of one turn in the order they are numbered on the phone.

    The connector calls this both when it formats a reply and when it reads
    the same turn back from the tracker store, so "1" always means the
    option that was shown as 1, on any replica."""
    return [b for m in order_messages(messages) for b in _buttons(m)]


_NUMBER_REPLY = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def option_number(text: str) -> Optional[int]:
    """The number in a reply like "1", " 2." or "#3", else None."""
    match = _NUMBER_REPLY.match(text or "")
    return int(match.group(1)) if match else None


def select_payload(text: str, buttons: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The payload of the button a numbered reply ("1", " 2.") selects, or
    None when the text is not such a reply or the number is out of range."""
    number = option_number(text)
    if number is None or not buttons:
        return None
    index = number - 1
    if 0 <= index < len(buttons):
        payload = buttons[index].get("payload")
        return str(payload) if payload else None
    return None


# --- splitting ------------------------------------------------------------

# After ., ! or ? (and any closing quotes or brackets), before whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*(?=\s)|\n")


def _sentences(text: str) -> List[str]:
    """Sentences with the whitespace that followed each kept on its end."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        if end > start:
            parts.append(text[start:end])
            start = end
    if start < len(text):
        parts.append(text[start:])
    return parts


def _split_words(text: str, limit: int) -> List[str]:
    """A too-long sentence, cut at spaces; only a single word longer than
    the limit (a huge URL) is cut inside the word, as there is no choice."""
    chunks: List[str] = []
    current = ""
    for word in re.findall(r"\S+\s*", text):
        if len(current) + len(word.rstrip()) <= limit:
            current += word
            continue
        if current.strip():
            chunks.append(current.rstrip())
        while len(word.rstrip()) > limit:
            chunks.append(word[:limit])
            word = word[limit:]
        current = word
    if current.strip():
        chunks.append(current.rstrip())
    return chunks


def split_text(text: str, limit: int = MAX_CHARS) -> List[str]:
    """Pieces of at most ``limit`` characters, cut between sentences (a
    sentence over the limit is cut between words)."""
    text = (text or "").strip()
    if len(text) <= limit:
        return [text] if text else []
    chunks: List[str] = []
    current = ""
    for sentence in _sentences(text):
        if len(current) + len(sentence.rstrip()) <= limit:
            current += sentence
            continue
        if current.strip():
            chunks.append(current.strip())
        current = ""
        if len(sentence.rstrip()) > limit:
            *full, current = _split_words(sentence, limit)
            chunks.extend(c.strip() for c in full)
            current += " " if sentence[-1:].isspace() else ""
        else:
            current = sentence
    if current.strip():
        chunks.append(current.strip())
    return chunks


# --- one turn -------------------------------------------------------------

def is_red_flag(message: Message) -> bool:
    return message.get("utter_action") in RED_FLAG_RESPONSES


def order_messages(messages: Iterable[Message]) -> List[Message]:
    """Red-flag escalations first (in the order they were said), then the
    rest; a stable partition, so nothing else changes order."""
    messages = list(messages)
    return [m for m in messages if is_red_flag(m)] + [m for m in messages if not is_red_flag(m)]


def message_text(message: Message, first_option: int = 1) -> str:
    """One message as plain text, its buttons as numbered options and an
    image or attachment as its URL."""
    parts = [strip_markdown(str(message.get("text") or ""))]
    for key in ("image", "attachment"):
        url = message.get(key)
        if isinstance(url, str) and url and url not in parts[0]:
            parts.append(url)
    titles = [str(b.get("title") or "") for b in _buttons(message)]
    if titles:
        parts.append(number_options(titles, first_option))
    return "\n\n".join(p for p in parts if p)


def format_reply(messages: Iterable[Message], limit: int = MAX_CHARS,
                 max_messages: int = MAX_MESSAGES) -> List[str]:
    """The bodies of the text messages to send for one turn.

    Red flags come first, each as its own message and whole (a red-flag
    text over the limit, which the domain never has, is split as it must
    be). The other messages are joined while they fit, since separate SMS
    may reach the phone out of order, and split when too long. Twilio sends
    at most ``max_messages``; anything beyond is cut with a note."""
    bodies: List[str] = []
    pending = ""
    number = 1
    for message in order_messages(messages):
        text = message_text(message, number)
        number += len(_buttons(message))
        if not text:
            continue
        if is_red_flag(message):
            bodies.extend(split_text(text, limit))
            continue
        for piece in split_text(text, limit):
            if pending and len(pending) + 2 + len(piece) <= limit:
                pending += "\n\n" + piece
            else:
                if pending:
                    bodies.append(pending)
                pending = piece
    if pending:
        bodies.append(pending)
    if len(bodies) > max_messages:
        bodies = bodies[:max_messages - 1] + [TOO_MANY_MESSAGES]
    return bodies


# --- TwiML ----------------------------------------------------------------

# Characters XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def twiml(bodies: Iterable[str]) -> str:
    """A TwiML messaging response with one <Message> per body; an empty
    list gives ``<Response/>``, which tells Twilio to send nothing."""
    messages = "".join(f"<Message>{escape(_XML_INVALID.sub('', b))}</Message>" for b in bodies)
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return head + (f"<Response>{messages}</Response>" if messages else "<Response/>")
