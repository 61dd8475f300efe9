"""Names and contacts in booking messages (bot/booking/fields.py)."""
import pytest

from bot.booking import find_contact, looks_like_name, parse_contact, parse_name
from bot.booking.fields import relation_in

@pytest.mark.parametrize("text, expected", [
    ("310 555 0142", "+13105550142"),
    ("(310) 555-0142", "+13105550142"),
    ("+44 20 7946 0958", "+442079460958"),
    ("my email is Alex.Morgan@Example.com", "alex.morgan@example.com"),
])
def test_contacts_are_normalised(text, expected):
    assert parse_contact(text, "US") == (expected, None)


@pytest.mark.parametrize("text", ["12", "call me maybe", "555", "alex@", "not-an-email@x"])
def test_bad_contacts_are_refused_with_a_reason(text):
    value, problem = parse_contact(text, "US")
    assert value is None and problem


@pytest.mark.parametrize("text, expected", [
    ("Alex Morgan", "Alex Morgan"),
    ("my name is Zoë O'Brien", "Zoë O'Brien"),
    ("Robert'); DROP TABLE booking_requests;--", "Robert'); DROP TABLE booking_requests;--"),
    ("<script>alert(1)</script> Ann", "<script>alert(1)</script> Ann"),
])
def test_names_are_kept_literally(text, expected):
    assert parse_name(text) == (expected, None)


@pytest.mark.parametrize("text", ["", "   ", "12345", "a" * 150])
def test_unusable_names_are_refused(text):
    value, problem = parse_name(text)
    assert value is None and problem


@pytest.mark.parametrize("text, expected", [
    ("sam.lee@gmail.com", "sam.lee@gmail.com"),
    ("my email is jo@example.com", "jo@example.com"),
    ("+44 7700 900123", "+447700900123"),
    ("+33 6 12 34 56 78", "+33612345678"),
    ("+61 412 345 678", "+61412345678"),
    ("+52 55 1234 5678", "+525512345678"),
    ("310-555-7788", "+13105557788"),
    ("310.555.7788", "+13105557788"),
    ("3105557788", "+13105557788"),
    ("1 (310) 555 7788", "+13105557788"),
    ("you can reach me on 424 555 0190 after 5", "+14245550190"),
    ("text me at 213 555 0142 thx", "+12135550142"),
    ("mj.oneil@gmail.com", "mj.oneil@gmail.com"),
    ("O'Brien@mail.ie", "o'brien@mail.ie"),
    ("first.last+clinic@sub.domain.co.uk", "first.last+clinic@sub.domain.co.uk"),
    ("email: ana_lopez99@yahoo.com.mx", "ana_lopez99@yahoo.com.mx"),
    ("it's raj.mehta@newmail.com, thanks", "raj.mehta@newmail.com"),
    ("<bea.moss@gmail.com>", "bea.moss@gmail.com"),
    ("my cell 818 555 0177", "+18185550177"),
    ("(626) 555-0123", "+16265550123"),
])
def test_realistic_contacts(text, expected):
    assert parse_contact(text, "US") == (expected, None)
    assert find_contact(text, "US") == expected


@pytest.mark.parametrize("text", ["bea.moss@gmail", "jo@@x.com", "555-1234", "call me", "x@localhost"])
def test_incomplete_contacts_are_refused(text):
    value, problem = parse_contact(text, "US")
    assert value is None and problem


@pytest.mark.parametrize("text", [
    "Alex Morgan", "olivia brown", "Mary-Jane O'Neil", "Dr. Ana López", "it's Noah Kim",
    "my name is Zoë O'Brien", "Quinn", "José Luis García Pérez", "Nguyễn Văn An", "Abe Lincoln",
    "this is Priya", "Sam", "Jo Park", "Seth Gold", "name: Tara Singh", "Uri Levi",
    "Kim Novak", "Lena Fox", "Ivan Petrov", "Hana Sato",
])
def test_names_look_like_names(text):
    assert looks_like_name(text)


@pytest.mark.parametrize("text", [
    "what are your hours?", "yes", "book me in please", "sciatica", "tomorrow morning",
    "how much is it", "I don't know", "lower back pain", "310 555 0142", "can I come friday", "change",
    "never mind",
])
def test_questions_and_other_answers_are_not_names(text):
    assert not looks_like_name(text)


@pytest.mark.parametrize("text, who", [
    ("I'd like to book my mum in for cupping", "my mum"),
    ("can I make an appointment for my husband?", "my husband"),
    ("booking for my son please", "my son"),
    ("can my daughter come in on saturday", "my daughter"),
    ("I'd like to book for myself", None),
    ("my back hurts", None),
])
def test_who_the_visit_is_for(text, who):
    assert relation_in(text) == who
