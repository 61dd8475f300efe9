"""A new visit asked for along with a change or cancellation ("can u move
my thurs physio to fri same time, and book the next one a week after").

BookingCueClassifier marks such a message (names.BOOKING_ANOTHER_KEY, the
change's text and the new visit's text). The change or cancellation is
recorded first, after a name-and-contact lookup or a question about the new
time if needed; then the booking form starts and reads the new visit's
text. Used by bot/booking_policy.py and actions/booking_requests.py, which
see the conversation's events as dicts.
"""
from typing import Dict, Iterable, Optional

from bot.names import BOOKING_ANOTHER_KEY, BOOKING_FORM

# The messages a change may take before it is recorded: the name and
# contact of a lookup, then the new time it asked for.
MAX_STEPS = 2


def new_visit_waiting(events: Iterable[dict]) -> Optional[Dict[str, str]]:
    """The latest marked message's texts, unless the booking form has run
    since it or more than MAX_STEPS messages came after it."""
    later = 0
    for event in reversed(list(events)):
        if event.get("event") == "active_loop" and event.get("name") == BOOKING_FORM:
            return None
        if event.get("event") == "user":
            another = (event.get("parse_data") or {}).get(BOOKING_ANOTHER_KEY)
            if another:
                return another
            later += 1
            if later > MAX_STEPS:
                return None
    return None
