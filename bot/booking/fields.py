"""Names and contacts in booking messages: phonenumbers for phones (any
country in `+` form, the clinic's region otherwise), email-validator for
emails (syntax only: no network check at chat time)."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from bot.booking.phrases import phrases, words

MAX_FIELD = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAME_PREFIX = re.compile(
    r"^(hi|hello|hey)?[,!. ]*(my name is|my name's|my names|name is|name's|names|the name is|"
    r"i am|i'm|im|it's|its|this is|call me|name:|it is|put it under|under)\s+", re.I)
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*([’'.\-][^\W\d_]*)*\.?$")
_NOT_NAMES = {"what", "when", "where", "why", "how", "who", "which", "does", "do", "is", "are",
              "can", "could", "will", "would", "should", "yes", "no", "nope", "ok", "okay",
              "hello", "hi", "hey", "thanks", "thank", "sure", "fine", "good", "great", "help",
              "not", "dont", "don't", "idk", "tomorrow", "today", "morning", "afternoon",
              "evening", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
              "sunday", "open", "hours", "price", "cost", "insurance", "phone", "email", "number"}


def clean_text(text: str, limit: int = MAX_FIELD) -> str:
    """Strip control characters and surrounding space; cut to `limit`."""
    return _CONTROL.sub("", text or "").strip()[:limit]


def strip_name_prefix(text: str) -> str:
    return _NAME_PREFIX.sub("", clean_text(text, 400)).strip(" .!,")


def looks_like_name(text: str) -> bool:
    """One to four name-like words that are not booking, symptom or question
    words: "Alex Morgan", "mary-jane o'neil", "Dr. Ana López"."""
    value = strip_name_prefix(text)
    tokens = value.split()
    if not 1 <= len(tokens) <= 4 or "?" in value:
        return False
    p = phrases()
    plain = " ".join(words(value))
    if plain in p.change_words or plain in p.exits:
        return False
    lowered = [t.lower().strip(".,") for t in tokens]
    if any(t in _NOT_NAMES or t in p.reason_words for t in lowered):
        return False
    if all(t in p.request_words for t in lowered):
        return False
    return all(_NAME_TOKEN.match(t.strip(",")) for t in tokens)


def parse_name(text: str) -> Tuple[Optional[str], Optional[str]]:
    value = strip_name_prefix(text)
    if not value or not re.search(r"[^\W\d_]", value):
        return None, "I didn't catch a name. What name should I put the request under?"
    if len(value) > 100:
        return None, "That's a bit long for a name. Could you give just your first and last name?"
    return value, None


def _email(word: str) -> Optional[str]:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(word, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def _emails_in(text: str):
    for word in text.split():
        word = word.strip(".,;:()<>[]\"'!?")
        if "@" in word:
            yield word


def find_contact(text: str, region: str = "US") -> Optional[str]:
    """The first valid email address or phone number anywhere in a message
    ("you can reach me on 310 555 0123 after 5"), or None."""
    import phonenumbers

    value = clean_text(text, 2000)
    for word in _emails_in(value):
        email = _email(word)
        if email:
            return email
    for match in phonenumbers.PhoneNumberMatcher(value, region, leniency=phonenumbers.Leniency.POSSIBLE):
        if _usable(match.number, match.raw_string):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _usable(number, raw: str) -> bool:
    """A valid number; with its own `+` country code, a possible one is
    enough (phonenumbers' ranges lag behind new and reserved numbers)."""
    import phonenumbers

    if phonenumbers.is_valid_number(number):
        return True
    return raw.strip().startswith("+") and phonenumbers.is_possible_number(number)


def parse_contact(text: str, region: str = "US") -> Tuple[Optional[str], Optional[str]]:
    """An email address, or a phone number normalised to E.164."""
    import phonenumbers

    value = clean_text(text, 400)
    found = find_contact(value, region)
    if found:
        return found, None
    if any(True for _ in _emails_in(value)):
        return None, "That email address doesn't look complete. Could you check it?"
    digits = re.sub(r"[^\d+]", "", value)
    if len(digits) < 7:
        return None, "Please give a phone number or an email address so the clinic can reach you."
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and _usable(number, value):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None
    return None, ("That phone number doesn't look valid. Could you check it, including the "
                  "area code (or the country code, like +44, for a number outside the US), "
                  "or use an email address?")


def contact_kind(contact: str) -> str:
    return "email" if "@" in (contact or "") else "phone"


def relation_in(text: str) -> Optional[str]:
    """Who the visit is for when it is someone else: "for my mum" -> "my mum"."""
    tokens = words(text)
    relations = phrases().relations
    for i, token in enumerate(tokens[:-1]):
        if token in ("my", "our") and tokens[i + 1] in relations and (i == 0 or tokens[i - 1] in (
                "for", "book", "booking", "take", "bring", "bringing", "get", "is", "of", "can", "could",
                "would", "and", "appointment", "see")):
            return f"{token} {tokens[i + 1]}"
    return None
