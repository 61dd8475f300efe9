"""Booking requests in patients' own words, plain Python.

fields.py reads names and contacts, when.py days and times (dateparser),
phrases.py loads the clinic-reviewed words in data/booking/phrases.yml and
extract.py finds every detail a message gives, in any order. Each parser
returns (value, problem): a normalised value, or None and a short reason the
patient can act on. Used by actions/booking.py and bot/booking_policy.py.
"""
from bot.booking.fields import (  # noqa: F401  (the package's interface)
    MAX_FIELD,
    clean_text,
    find_contact,
    looks_like_name,
    parse_contact,
    parse_name,
)
from bot.booking.when import describe, find_when, parse_preferred_time  # noqa: F401
