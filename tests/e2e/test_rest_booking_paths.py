"""Booking paths real patients take (issue #12), over REST against the
trained assistant, each checked against what was stored."""
import os

from bot.store import BookingRequest, Store


def _rows(sender):
    store = Store(os.environ["DATABASE_URL"])
    with store.session() as session:
        return session.query(BookingRequest).filter_by(conversation_id=sender).all()


def test_all_details_in_one_message_then_only_what_is_missing(assistant, sender):
    reply = assistant.say(sender, "book me in: John Smith, 310-555-7788, Friday at 3pm, sciatica")
    assert "John Smith" in reply and "+13105557788" in reply and "Friday" in reply and "3PM" in reply
    assert "is that correct?" in reply.lower()
    assert "passed on" in assistant.say(sender, "yes")
    [row] = _rows(sender)
    assert (row.name, row.contact, row.reason) == ("John Smith", "+13105557788", "sciatica")
    assert row.preferred_time.endswith("T15:00")


def test_an_email_is_taken_as_the_contact_and_the_confirmation_says_email(assistant, sender):
    assistant.say(sender, "I'd like to make an appointment")
    assistant.say(sender, "Sam Lee")
    assert "what day and time" in assistant.say(sender, "sam.lee@gmail.com").lower()
    assert "what time on" in assistant.say(sender, "the 13th").lower()
    assert "help with" in assistant.say(sender, "11am").lower()
    assistant.say(sender, "lower back pain")
    assert "email you at sam.lee@gmail.com" in assistant.say(sender, "yes")
    [row] = _rows(sender)
    assert row.contact == "sam.lee@gmail.com" and row.preferred_time.endswith("T11:00")
    assert row.preferred_time[8:10] == "13"


def test_a_correction_at_the_read_back_and_a_booking_for_someone_else(assistant, sender):
    assistant.say(sender, "can I make an appointment for my husband? his back went yesterday")
    assistant.say(sender, "Tom Reyes")
    assistant.say(sender, "tom.reyes@gmail.com")
    reply = assistant.say(sender, "Saturday at 1pm")
    assert "for my husband" in reply and "Saturday" in reply
    reply = assistant.say(sender, "actually make that Sunday at 4pm instead")
    assert "Sunday" in reply and "4PM" in reply and "is that correct?" in reply.lower()
    assistant.say(sender, "yes")
    [row] = _rows(sender)
    assert row.for_whom == "my husband" and row.preferred_time.endswith("T16:00")


def test_never_mind_leaves_the_form_and_nothing_is_stored(assistant, sender):
    assistant.say(sender, "book me in")
    assistant.say(sender, "Vic Stone")
    reply = assistant.say(sender, "never mind, I don't want to book")
    assert "nothing was sent" in reply
    assert _rows(sender) == []


def test_status_change_and_cancel_of_a_stored_request(assistant, sender):
    assert "can't find a booking request" in assistant.say(sender, "did my booking go through?")
    assistant.say(sender, "book me in: Ivan Petrov, ivan.p@gmail.com, Saturday at 10am, sciatica")
    assistant.say(sender, "yes")
    assert "reached the clinic" in assistant.say(sender, "did my booking go through?")
    reply = assistant.say(sender, "can I move it to Sunday at 11am?")
    assert "move your request to Sunday" in reply
    assert "cancel your request" in assistant.say(sender, "I need to cancel my appointment on Saturday")
    [row] = _rows(sender)
    kinds = [u.kind for u in Store(os.environ["DATABASE_URL"]).booking_updates(row.id)]
    assert kinds == ["cancel", "change"]


def test_a_red_flag_is_never_taken_as_a_form_answer(assistant, sender):
    assistant.say(sender, "book me in")
    assert "could be an emergency" in assistant.say(sender, "sorry, also I can't pee since this morning").lower()
    assert _rows(sender) == []
    other = sender + "-b"
    assistant.say(other, "book me in")
    assistant.say(other, "Pat Lee")
    assistant.say(other, "pat@example.com")
    assistant.say(other, "Monday at 10am")
    assert "could be an emergency" in assistant.say(other, "I've wet myself without noticing and my back is agony").lower()


def test_a_request_from_another_conversation_is_found_by_name_and_contact_only(assistant, sender):
    assistant.say(sender, "book me in: Nora Quinn, nora.quinn@gmail.com, Friday at 2pm, stiff lower back")
    assistant.say(sender, "yes")
    [row] = _rows(sender)
    later = sender + "-later"
    reply = assistant.say(later, "I need to cancel my appointment")
    assert "what name and phone number or email" in reply
    # The contact alone (or with another name) finds nothing and tells nothing.
    reply = assistant.say(later, "Jane Doe, nora.quinn@gmail.com")
    assert "couldn't find" in reply and "Friday" not in reply
    assistant.say(later, "cancel my booking please")
    reply = assistant.say(later, "it's under nora quinn, nora.quinn@gmail.com")
    assert "cancel your booking request" in reply and "stiff lower back" not in reply and "Friday" not in reply
    kinds = [u.kind for u in Store(os.environ["DATABASE_URL"]).booking_updates(row.id)]
    assert kinds == ["cancel"]
    third = sender + "-status"
    assistant.say(third, "did my booking go through?")
    reply = assistant.say(third, "Nora Quinn nora.quinn@gmail.com")
    assert "reached the clinic" in reply and "stiff lower back" not in reply


def test_a_question_about_booking_is_answered_with_an_offer_that_works(assistant, sender):
    reply = assistant.say(sender, "how much does a session cost?")
    assert 'just say "book"' in reply
    assert "what name should i put it under" in assistant.say(sender, "book").lower()


def test_a_question_and_a_request_in_one_message_get_the_answer_then_the_form(assistant, sender):
    reply = assistant.say(sender, "my mum needs a physio appointment next week. is there a lift to the clinic?")
    assert "(Clinic information.)" in reply                       # the question is answered ...
    assert reply.index("(Clinic information.)") < reply.index("What name should I put it under")  # ... first
    assert "for my mum" in reply
    assistant.say(sender, "Rosa Diaz")
    assistant.say(sender, "rosa.diaz@gmail.com")
    assistant.say(sender, "Monday at 10am")
    assert "is that correct?" in assistant.say(sender, "her lower back").lower()
    assistant.say(sender, "yes")
    [row] = _rows(sender)
    assert (row.name, row.for_whom, row.contact) == ("Rosa Diaz", "my mum", "rosa.diaz@gmail.com")
    assert row.preferred_time.endswith("T10:00")


def test_a_question_that_only_mentions_an_appointment_is_answered_without_the_form(assistant, sender):
    reply = assistant.say(sender, "will i need x rays at my first appointment?")
    assert "what name should i put it under" not in reply.lower()


def test_a_change_that_also_books_a_new_visit_records_both(assistant, sender):
    assistant.say(sender, "book me in: Lena Ortiz, lena.ortiz@gmail.com, Saturday at 10am, neck")
    assistant.say(sender, "yes")
    reply = assistant.say(sender, "can you move my saturday massage to sunday at 11am, and book my husband in for one on monday")
    assert "move your request to Sunday" in reply and "Now the new visit" in reply
    assert "what name should i put it under" in reply.lower()       # the form for the new visit
    assistant.say(sender, "Tom Ortiz")
    assistant.say(sender, "tom.ortiz@gmail.com")
    assistant.say(sender, "2pm")
    reply = assistant.say(sender, "his lower back")
    assert "Monday" in reply and "Sunday" not in reply               # the new visit's day, not the change's
    assistant.say(sender, "yes")
    first, second = sorted(_rows(sender), key=lambda row: row.id)
    assert first.name == "Lena Ortiz" and second.name == "Tom Ortiz" and second.for_whom == "my husband"
    assert second.preferred_time.endswith("T14:00")
    [change] = Store(os.environ["DATABASE_URL"]).booking_updates(first.id)
    assert change.kind == "change" and change.preferred_time.endswith("T11:00")


def test_a_cancellation_from_another_conversation_that_also_books_looks_it_up_first(assistant, sender):
    reply = assistant.say(sender, "need to cancel my physio on friday. also can i book a follow up for the week after?")
    assert "what name and phone number or email" in reply and "new visit" in reply
    reply = assistant.say(sender, "Ada Byrne, ada.byrne@gmail.com")
    assert "couldn't find" in reply and "Now the new visit" in reply
    assert "what day and time" in reply.lower()                       # name and contact taken from the answer
