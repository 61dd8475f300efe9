"""Booking intents by their words (bot/booking_cues.py, data/booking/intent_cues.yml)."""
import pytest

from bot.booking.both import load_both
from bot.booking_cues import booking_intent, load_cues

CUES = load_cues()


@pytest.mark.parametrize("text, intent", [
    ("can i come in sunday morning?", "request_booking"),
    ("anything today??", "request_booking"),
    ("how do I book?", "request_booking"),
    ("wanna bok an apointment", "request_booking"),
    ("put me on the waitlist for saturdays", "request_booking"),
    ("cancle", "booking_cancel"),
    ("I need to cancel my appointment on Saturday", "booking_cancel"),
    ("can I move my massage to another day", "booking_reschedule"),
    ("reschedule pls", "booking_reschedule"),
    ("did my booking go through?", "booking_status"),
    ("is my appointment still on for tomorrow?", "booking_status"),
])
def test_booking_messages(text, intent):
    assert booking_intent(text, CUES) == intent


@pytest.mark.parametrize("text", [
    "how long is the first appointment?", "how much is a session?", "do you take insurance for acupuncture?",
    "where do I park for my appointment?", "my back hurts", "does acupuncture hurt?", "/request_booking",
    "Tuesday at 10am", "",
])
def test_questions_about_booking_and_other_messages_are_left_alone(text):
    assert booking_intent(text, CUES) is None


def _message(text, first, second):
    from rasa.shared.nlu.training_data.message import Message

    return Message(data={"text": text, "intent": {"name": first, "confidence": 0.6},
                         "intent_ranking": [{"name": first, "confidence": 0.6}, {"name": second, "confidence": 0.3}]})


@pytest.mark.parametrize("text, expected", [
    ("could my tight jeans be making my lower back worse", "faq"),
    ("what would a session set me back", "faq"),
    ("could you fit me in on friday", "request_booking"),
    ("my neighbour can drive me, do you have anything tuesday", "request_booking"),
])
def test_a_question_read_as_a_request_without_a_request_word_is_the_question(text, expected):
    from bot.booking_cues import BookingCueClassifier

    message = _message(text, "request_booking", "faq")
    BookingCueClassifier({}).process([message])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    ("anything natural instead of tablets for chronic back pain", "faq"),
    ("deep tissue for my neck and upper back on saturday", "request_booking"),
])
def test_a_request_reading_without_request_words_or_a_day_is_the_question(text, expected):
    from bot.booking_cues import BookingCueClassifier

    message = _message(text, "request_booking", "faq")
    BookingCueClassifier({}).process([message])
    assert message.get("intent")["name"] == expected


def test_wanting_a_session_is_a_request():
    assert booking_intent("i want a session", CUES) == "request_booking"
    assert booking_intent("how many sessions will I need?", CUES) is None


@pytest.mark.parametrize("text", [
    "hello I'd like to see a physio about my back, tuesday or wednesday please",
    "can I get a deep tissue massage for my lower back? weekday mornings",
    "I need to see an acupuncturist about my sciatica",
])
def test_a_wish_with_a_day_or_a_practitioner_is_a_request(text):
    assert booking_intent(text.lower(), CUES) == "request_booking", text


def test_asking_whether_a_referral_is_needed_stays_a_question():
    assert booking_intent("can i see a chiropractor directly or does my gp have to refer me first?",
                          CUES) != "request_booking"


def test_a_request_read_as_a_change_is_a_request():
    from rasa.shared.nlu.training_data.message import Message

    from bot.booking_cues import BookingCueClassifier

    message = Message(data={"text": "can I get booked in for Wednesday",
                            "intent": {"name": "booking_reschedule", "confidence": 0.66},
                            "intent_ranking": [{"name": "booking_reschedule", "confidence": 0.66}]})
    BookingCueClassifier({}).process([message])
    assert message.get("intent")["name"] == "request_booking"
    moved = Message(data={"text": "can I move my appointment to Wednesday",
                          "intent": {"name": "booking_reschedule", "confidence": 0.9},
                          "intent_ranking": [{"name": "booking_reschedule", "confidence": 0.9}]})
    BookingCueClassifier({}).process([moved])
    assert moved.get("intent")["name"] == "booking_reschedule"


@pytest.mark.parametrize("text, first, second, expected", [
    # No appointment already made is named: a new request.
    ("hi, could i see someone thursday or friday please", "booking_status", "faq", "request_booking"),
    ("need acupuncture for my sciatica, saturday morning?", "booking_reschedule", "request_booking",
     "request_booking"),
    # An appointment already made is named: the classifier's reading stays.
    ("can you push my 3pm to friday", "booking_reschedule", "request_booking", "booking_reschedule"),
    ("did it go through? i booked online last night", "booking_status", "request_booking", "booking_status"),
    ("cant make it today, please cancel", "booking_cancel", "request_booking", "booking_cancel"),
    # Neither a request word nor a request ranked next: left alone.
    ("whats happening with that", "booking_status", "faq", "booking_status"),
])
def test_a_change_or_status_that_names_no_appointment_made(text, first, second, expected):
    from bot.booking_cues import BookingCueClassifier

    message = _message(text, first, second)
    BookingCueClassifier({}).process([message])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent", [
    # Session 8, from the training part's cue misses (own wordings).
    ("am i actually booked in for friday? never got a text", "booking_status"),
    ("replied Y to the reminder, did that go through ok?", "booking_status"),
    ("what time was my appt again?", "booking_status"),
    ("just checking you have me down for saturday", "booking_status"),
    ("wont be coming in this afternoon, sorry, sick kid", "booking_cancel"),
    ("he has to miss his appointment tomorrow, school trip", "booking_cancel"),
    ("take me off todays list please", "booking_cancel"),
    ("cant come, please cancel", "booking_cancel"),
    ("got rescheduled last week but need to move again", "booking_reschedule"),
    ("can i swap my monday physio to tuesday?", "booking_reschedule"),
    ("could i come at 3 instead of 1 today?", "booking_reschedule"),
    ("can we bring my mums review forward a week?", "booking_reschedule"),
    ("forgot my appointment this morning, can i get a new time", "booking_reschedule"),
])
def test_changes_cancellations_and_status_in_patients_words(text, intent):
    assert booking_intent(text, CUES) == intent


@pytest.mark.parametrize("text", [
    "is it ok to bring my baby to the appointment?",
    "if i have to cancel because im ill do i still get charged?",
    "do i need to bring my MRI report to the first appointment?",
])
def test_questions_about_policies_are_not_changes_or_cancellations(text):
    assert booking_intent(text, CUES) not in ("booking_reschedule", "booking_cancel")


@pytest.mark.parametrize("text,expected", [
    # A statement of symptoms the classifier read as a request (it opened the
    # form and the next message became the patient's name).
    ("I've had sciatica down my left leg since last week", "nlu_fallback"),
    ("my lower back has been stiff for a few days", "nlu_fallback"),
    # Anything that asks stays a request.
    ("sciatica down my left leg, can someone see me?", "request_booking"),
    ("appointment pls", "request_booking"),
    ("put me down for wednesday", "request_booking"),
    ("hola, quisiera una cita de acupuntura para mi papá", "request_booking"),
])
def test_a_request_that_asks_for_nothing_is_a_statement(text, expected):
    from rasa.shared.nlu.training_data.message import Message

    from bot.booking_cues import BookingCueClassifier

    message = Message(data={"text": text, "intent": {"name": "request_booking", "confidence": 0.64},
                            "intent_ranking": [{"name": "request_booking", "confidence": 0.64}]})
    BookingCueClassifier({}).process([message])
    assert message.get("intent")["name"] == expected, text


@pytest.mark.parametrize("text, intent", [
    # Session 10 cues (our own wordings, in the shape of the ninth collection).
    ("is dr patel free? can i see her?", "request_booking"),
    ("could i get an hour with sam, lower back again", "request_booking"),
    ("Jo Bloggs 07700 900123, thursday after 5, sciatica", "request_booking"),
    ("what times have you got on saturday?", "request_booking"),
    ("acupuncture for my neck pls, not this week", "request_booking"),
    ("tweaked my back lifting, could you check me over", "request_booking"),
    ("can you move my 4:30 massage to tomorrow?", "booking_reschedule"),
    ("could i move my follow up to the week after", "booking_reschedule"),
])
def test_practitioners_details_and_treatments_start_a_request(text, intent):
    assert booking_intent(text, CUES) == intent


@pytest.mark.parametrize("text", [
    # Moving a joint, pushing the hips forward, looking at the tongue: not bookings.
    "when my neck flares should i keep it still or try and move it?",
    "my shoulder hurts to move it at all, is that frozen shoulder?",
    "do i tuck my belly in and push my hips forward when i stand?",
    "why would the acupuncturist look at my tongue? my first session is thursday",
])
def test_moving_a_joint_is_not_a_change_of_booking(text):
    assert booking_intent(text, CUES) is None


@pytest.mark.parametrize("text", [
    # A plain wish to book is a request even with a question word in it.
    "no referral from my gp, but id like to book an assessment with a physio",
    "i'd like to refer myself to the osteopath for my lower back",
    "id like some dry needling for my neck, mondays suit me",
])
def test_a_plain_wish_to_book_is_a_request_despite_a_question_word(text):
    assert booking_intent(text, CUES) == "request_booking"


def test_a_question_about_referrals_without_a_wish_stays_a_question():
    assert booking_intent("do i need a referral to book a physio appointment?", CUES) is None


@pytest.mark.parametrize("text", [
    "how much notice do you need if i have to cancel my appointment? is there a fee?",
    "what time is your last appointment on a weekday?",
])
def test_policy_and_hours_questions_are_not_bookings(text):
    assert booking_intent(text, CUES) is None


@pytest.mark.parametrize("text, intent", [
    # Session 11: a day "if you have it", a wish with an insurance word,
    # walking in; a video appointment and the late policy asked about.
    ("friday 3pm if you have it? first visit, sore lower back", "request_booking"),
    ("got my authorisation from my insurer, can i book my first session please?", "request_booking"),
    ("can i just walk in this morning? my back has gone", "request_booking"),
    ("would a phone consultation work for my sciatica or do i have to come in?", None),
    ("what happens if i am 10 minutes late, do i lose the slot?", None),
    ("when is the best time to book a massage before a race?", None),
    ("stuck in traffic, running 10 mins late", "booking_status"),
])
def test_session_11_cues(text, intent):
    assert booking_intent(text, CUES) == intent


@pytest.mark.parametrize("text,intent", [
    # Session 12 (our wordings of the eleventh collection's shapes): walk-ins,
    # a cancellation or waiting list, how far ahead days book up and how to
    # choose a length are questions; "did you get my number?" is a status check.
    ("do you take walk-ins on saturday or do i have to book?", None),
    ("is there a waiting list for acupuncture appointments at the moment?", None),
    ("how far in advance do your evening appointments get booked up?", None),
    ("how would i decide between a 30 and a 60 minute session?", None),
    ("left a voicemail to book this morning, did you get my phone number?", "booking_status"),
    # Still requests: a plain wish with a day.
    ("i'd like to book a session on saturday please", "request_booking"),
])
def test_session_12_cues(text, intent):
    assert booking_intent(text, CUES) == intent


@pytest.mark.parametrize("text, intent", [
    # Session 14 (thirteenth collection, training part): someone else got
    # in, first thing, a clipped wish at the start of any part.
    ("can i get him in next week, his back seized picking up groceries", "request_booking"),
    ("first thing this morning possible??", "request_booking"),
    ("need an initial consult for my lower back, tues or thurs", "request_booking"),
    ("trying to avoid surgery, looking for a second opinion appointment with a physio", "request_booking"),
    # A question cue in a part that asks nothing keeps a request.
    ("appt for my nan pls - sciatica down her left leg. i'll come with her to help with the forms",
     "request_booking"),
    # Still questions.
    ("what's the first thing i should do when my back goes?", None),
    ("after a session is it normal to be sore?", None),
])
def test_session_14_cues(text, intent):
    assert booking_intent(text, CUES, load_both()) == intent


@pytest.mark.parametrize("text, intent", [
    # Session 14 (fourteenth collection, training part): notes with a
    # treatment and a day, a day "if avail", "want one tomorrow".
    ("remedial with a female therapist pls, wed am", "request_booking"),
    ("1hr chinese therapeutic massage fri eve", "request_booking"),
    ("sports massage, lower back, sat morning if avail", "request_booking"),
    # Not a new request: a question, or an appointment already made.
    ("is massage ok on friday if my back is still sore?", None),
    ("i think i've got another acupuncture session next week, can you check?", None),
])
def test_session_14_notes(text, intent):
    assert booking_intent(text, CUES, load_both()) == intent


@pytest.mark.parametrize("text, intent", [
    # Session 15 (fifteenth collection, training part): a plan with a day,
    # "put me down", someone to look at it, chat spellings of days, a
    # treatment and a day at the end of a message.
    ("was thinking fri 6pm for a deep tissue", "request_booking"),
    ("lower back cramping since the weekend, hoping to come in after work tmrw", "request_booking"),
    ("can dry needling help tennis elbow? if so put me down for thurs 5.30", "request_booking"),
    ("my lower back's ached since the allotment. could someone look at it this week?", "request_booking"),
    ("pinched smthg in my back just sitting on the couch!! any chance 2day pm", "request_booking"),
    ("pulled my lower back on an icy step. chiro 2moro?? x", "request_booking"),
    ("trigger point session, neck + shoulders - wkend?", "request_booking"),
    ("can we move physio to the 14th?", "booking_reschedule"),
    ("sore lower back from the drive, i'm free thursday after 3", "request_booking"),
    ("would like to try a first session tues eve", "request_booking"),
    # Still questions: exercises at home in the morning, no plan.
    ("is there a basic set of exercises i could do at home morning and evening?", None),
    # Session 15: a part that is only a day or a time asked for, a day and a
    # time "ok?", "can i do tues", "whichever is sooner"; moving "tomorrow's
    # physio"; not being at the physio.
    ("first massage ever, shoulders are tight. next sat?", "request_booking"),
    ("sat 10 ok for a remedial on my lower back?", "request_booking"),
    ("do i need the assessment first? if so can i do tues", "request_booking"),
    ("pilates for my mum, beginner class or 1-1 whichever is sooner", "request_booking"),
    ("need to move tomorrows physio, got called into work", "booking_reschedule"),
    ("wont be at physio at 4 today, sorry", "booking_cancel"),
    # Still not a booking: a time alone with no question mark.
    ("Tuesday at 10am", None),
])
def test_session_15_cues(text, intent):
    assert booking_intent(text, CUES, load_both()) == intent

