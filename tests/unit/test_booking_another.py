"""A change or cancellation that also books a new visit (bot/booking/both.py
books_another, bot/booking/another.py, BookingCueClassifier marking it)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import names
from bot.booking.another import new_visit_waiting
from bot.booking.both import books_another, load_both
from bot.booking_cues import BookingCueClassifier, load_cues

CUES = load_cues()
BOTH = load_both()


@pytest.mark.parametrize("text, change, book", [
    ("can you move my tues massage to wed, and book my wife in for one on sat",
     "can you move my tues massage to wed", "book my wife in for one on sat"),
    ("need to cancel my physio on friday. also can i book a follow up for the week after?",
     "need to cancel my physio on friday", "can i book a follow up for the week after?"),
    ("could we push my acupuncture back a week? and please put my son in for a first visit, any evening",
     "could we push my acupuncture back a week?", "please put my son in for a first visit, any evening"),
])
def test_the_change_and_the_new_visit_are_read_apart(text, change, book):
    assert books_another(text, CUES, BOTH) == {"change": change, "book": book}


@pytest.mark.parametrize("text", [
    "can i move my appointment on monday? anything open on tuesday?",
    "i need to cancel my 3pm today, sorry, give it to someone on the waiting list",
    "need to reschedule my massage, any weekday morning next week works for me",
    "can't make my appointment tomorrow, my husband can take my booking instead",
    "please move my booking to thursday",
    "i'd like to book for saturday",
])
def test_a_change_alone_or_a_request_alone_books_nothing_else(text):
    assert books_another(text, CUES, BOTH) is None


def _message(text, intent):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.9})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.9}])
    return message


def test_the_classifier_marks_a_change_that_books_another_visit_and_nothing_else():
    classifier = BookingCueClassifier({})
    marked = _message("can you move my tues massage to wed, and book my wife in for one on sat", "booking_reschedule")
    plain = _message("can you move my tues massage to wed", "booking_reschedule")
    request = _message("book my wife in for one on sat", "request_booking")
    classifier.process([marked, plain, request])
    assert marked.get(names.BOOKING_ANOTHER_KEY)["book"] == "book my wife in for one on sat"
    assert plain.get(names.BOOKING_ANOTHER_KEY) is None and request.get(names.BOOKING_ANOTHER_KEY) is None


def _user(text, another=None):
    data = {names.BOOKING_ANOTHER_KEY: another} if another else {}
    return {"event": "user", "text": text, "parse_data": data}


ANOTHER = {"change": "move my tues massage to wed", "book": "book my wife in on sat"}


def test_the_new_visit_waits_through_a_lookup_and_a_new_time():
    events = [_user("move my tues massage, and book my wife in on sat", ANOTHER), {"event": "bot", "text": "name?"},
              _user("Sam Lee, sam@example.com"), {"event": "bot", "text": "what time instead?"},
              _user("wednesday at 3pm")]
    assert new_visit_waiting(events) == ANOTHER


def test_the_new_visit_is_not_taken_twice_nor_long_after():
    started = [_user("move it, and book my wife in", ANOTHER), {"event": "active_loop", "name": names.BOOKING_FORM}]
    assert new_visit_waiting(started) is None
    later = [_user("move it, and book my wife in", ANOTHER)] + [_user(f"message {i}") for i in range(3)]
    assert new_visit_waiting(later) is None
    assert new_visit_waiting([_user("can I move it to sunday?")]) is None
