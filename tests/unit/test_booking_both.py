"""A message that asks a question and asks to book (bot/booking_cues.py
books_and_asks, BookingCueClassifier._booking_also): the answer, then the form."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import names
from bot.booking.both import books_and_asks, load_both, parts
from bot.booking_cues import BookingCueClassifier, load_cues

CUES = load_cues()
BOTH = load_both()


def test_parts_split_at_questions_commas_dashes_and_joining_words_not_in_numbers():
    assert parts("What time do you open? Can I be seen at 9.30, thanks") == \
        ["what time do you open?", "can i be seen at 9.30", "thanks"]
    assert parts("need an appt - is there a lift and parking") == ["need an appt", "is there a lift and parking"]
    assert parts("I need an appointment and is there parking? or can i just walk in") == \
        ["i need an appointment", "is there parking?", "or can i just walk in"]


@pytest.mark.parametrize("text", [
    "my mum needs a physio appt, she uses a walker, is there a ground floor room?",
    "do you have parking? i'd like to book for thursday afternoon",
    "can i book acupuncture for saturday? does it hurt much?",
    "how much is a first visit, and can you fit me in tomorrow",
    "Is there a lift in the building. I need an appointment for my dad next week",
    "Can I do a video consult instead of coming in? If yes please book me for tomorrow",
    "how long does a first visit take? want one tomorrow 12:30",
    # Session 15 (training part): the request worded as a plan.
    "how early should I get there for the first one? was thinking fri 6pm for a deep tissue",
    "can dry needling help tennis elbow? if so put me down for thurs 5.30",
])
def test_a_question_and_a_request_in_one_message(text):
    assert books_and_asks(text, CUES, BOTH)


@pytest.mark.parametrize("text", [
    "if i book a telehealth visit can you prescribe anything?",
    "before i book, do i need a referral?",
    "how far ahead do i need to book?",
    "can i book online?",
    "i'd like to book for tuesday at 10",
    "does acupuncture hurt?",
    "my back has been sore for a week, what exercises help?",
    "how many sessions will i need, like do i book 1 or a whole set",
    "do i need a gp referral to book with a physio, or can i just book directly?",
    "are you open today with all the snow? i have a 2pm appointment",
    "can i just ring and book or do i have to see my gp first for a referral",
    "can my wife come in the room with me? and do i need to see my gp before booking",
    "should i bring a list of my meds and supplements to the first appointment",
    "first time acupuncture next week, how long are the needles left in?",
    "",
])
def test_one_question_or_one_request_alone_is_not_both(text):
    assert not books_and_asks(text, CUES, BOTH)


def test_a_request_needs_a_question_about_the_clinic_to_be_answered_first():
    about = CUES[1]
    assert books_and_asks("i'd like to book for tuesday, is there parking?", CUES, BOTH, about)
    assert not books_and_asks("can i book for tuesday? is 10 ok?", CUES, BOTH, about)


def _parse(text, intent, confidence=0.8, key="faq/clinic_details"):
    return Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                         "intent_ranking": [{"name": intent, "confidence": 0.9}],
                         "response_selector": {"faq": {"response": {
                             "intent_response_key": key, "confidence": confidence}}}})


ALSO, NOTED = names.BOOKING_ALSO_KEY, names.BOOKING_QUESTION_KEY


@pytest.mark.parametrize("text, intent, confidence, marked", [
    # The clinic's answer, which with the demo clinic.yml gives only its
    # phone: the question goes with the request too (session 16).
    ("my mum needs a physio appt, she uses a walker, is there a ground floor room?", "faq", 0.8, [ALSO, NOTED]),
    # No answer fits: the question goes with the request (session 15).
    ("my mum needs a physio appt, she uses a walker, is there a ground floor room?", "nlu_fallback", 0.1, [NOTED]),
    ("i'd like to book for tuesday, is there parking?", "request_booking", 0.8, [ALSO, NOTED]),
    ("i'd like to book for tuesday, is there parking?", "request_booking", 0.1, [NOTED]),
    # Any question with a confident answer; one not about the clinic with a weak one.
    ("can dry needling help tennis elbow? if so put me down for thurs 5.30", "request_booking", 0.6, [ALSO]),
    ("can dry needling help tennis elbow? if so put me down for thurs 5.30", "request_booking", 0.3, [NOTED]),
    ("is there parking?", "faq", 0.8, []),
    ("i'd like to book for tuesday at 10", "request_booking", 0.8, []),
])
def test_the_classifier_marks_messages_that_ask_and_book(text, intent, confidence, marked):
    message = _parse(text, intent, confidence, "faq/trigger_points" if "needling" in text else "faq/clinic_details")
    BookingCueClassifier({}).process([message])
    assert [key for key in (ALSO, NOTED) if message.get(key)] == marked


def _classified(text, intent, confidence=0.9):
    message = _parse(text, intent, confidence)
    BookingCueClassifier({}).process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text, expected", [
    # A question that only mentions booking keeps its answer ...
    ("will i need x rays at my first appointment?", "faq"),
    ("can i bring my sister in with me as a chaperone for my first osteopath appointment", "faq"),
    ("do you direct bill green shield if i book a massage therapy appointment?", "faq"),
    ("is the tui na done with oil or through your clothes? thinking about booking one", "faq"),
    # ... and a request the classifier took for a question is a request.
    ("can i come in sunday morning?", "request_booking"),
    ("would like a new patient consult with dr smith asap", "request_booking"),
    ("any acupuncture slots thursday evening?", "request_booking"),
    ("appt for my nan pls - sciatica down her left leg. i'll come with her to help with the forms",
     "request_booking"),
])
def test_a_question_reading_stays_a_question_unless_a_part_asks_to_book(text, expected):
    assert _classified(text, "faq") == expected


@pytest.mark.parametrize("text, expected", [
    ("if i book a remedial massage can i claim it on my health fund?", "faq"),
    ("I bruise really easily - if I book acupuncture for my back will it leave bruises?", "faq"),
    ("when i book, do i need my referral letter with me?", "faq"),
    # A booking asked for, whatever else is said, stays a request.
    ("if he can manage the steps can you book him in for next week?", "request_booking"),
    ("do you have anything tuesday or wednesday morning?", "request_booking"),
    ("can i have a face to face appointment please, not a phone one", "request_booking"),
    # A question with no word of a request and a confident answer.
    ("is a virtual consultation available", "faq"),
    ("can you put me on the cancellation list? happy to come in at short notice", "request_booking"),    # Which to book (session 15, training part).
    ("is it chiro or massage I should book for upper back tightness from sitting all day?", "faq"),
    ("my back keeps flaring up, would you say book a physio or just keep up the massages?", "faq"),
    ("are you in network with aetna? want to check before my first appt", "faq"),
    ("can my partner come in to my massage to learn a few moves?", "faq"),
    # Someone coming along with a booking asked for, "wondering if he could
    # check her over", a time "after 3:30": still requests.
    ("can I book him for next week and come in with him?", "request_booking"),
    ("does dr lee see kids? wondering if he could check her over this week", "request_booking"),
])
def test_a_request_reading_that_only_supposes_a_booking_is_the_question(text, expected):
    assert _classified(text, "request_booking") == expected


def test_a_request_reading_of_a_question_about_the_clinics_cover_is_the_question_even_unsure():
    # Session 16: no answer is confident, but it asks about the clinic's own
    # prices or cover (data/faq/clinic_topics.yml): the clinic's answer, not the form.
    assert _classified_unsure("does my health fund cover physio at your clinic?") == "nlu_fallback"
    assert _classified_unsure("can i still use my medicare care plan sessions with you?") == "nlu_fallback"
    assert _classified_unsure("is a massage on friday covered by my health fund?") == "request_booking"   # a day
    assert _classified_unsure("does it hurt much the first time?") == "request_booking"   # not the clinic's


def _classified_unsure(text):
    message = _parse(text, "request_booking", 0.1)
    BookingCueClassifier({}).process([message])
    return message.get("intent")["name"]


def test_every_message_that_asks_to_book_is_marked_whatever_its_intent():
    message = _parse("car accident last month and my back has been off ever since. need a physio assessment",
                     "red_flag_urgent")
    BookingCueClassifier({}).process([message])
    assert message.get(names.BOOKING_ASKED_KEY) is True
    question = _parse("car accident last month and my back has been off ever since, should i see a doctor?",
                      "red_flag_urgent")
    BookingCueClassifier({}).process([question])
    assert not question.get(names.BOOKING_ASKED_KEY)


def test_a_short_request_after_an_everyday_slip_is_marked_as_asking_to_book():
    """Read as a red flag or not, "RMT appt sat?" after the story asks to
    book: the form follows any see-a-doctor advice (session 15)."""
    for text in ("pulled my lower back on an icy step. chiro 2moro?? x",
                 "slipped on the ice last month, back still achy. RMT appt sat?"):
        message = _parse(text, "red_flag_urgent")
        BookingCueClassifier({}).process([message])
        assert message.get(names.BOOKING_ASKED_KEY) is True, text


@pytest.mark.parametrize("text, expected", [
    # A question of its own, passed on when no answer fits (session 15, training parts).
    ("do u do cupping? want to book a session for my shoulders and upper back", True),
    ("Is the 20 min care plan consult totally free? Want to book one for my chronic low back next Monday", True),
    ("my mum needs a physio appt, she uses a walker, is there a ground floor room?", True),
    ("is there an age limit? my daughter's 17 and really tense with exams, would like to bring her in fri after school",
     True),
    # The request's own day, time or availability, a detail of it, a statement.
    ("strained my back moving furniture, id like a deep tissue massage focused on it. wed after 6?", False),
    ("looking to book an osteopathic assessment. what days do you have?", False),
    ("first massage visit, can i do an hour? upper back spasms. any day next week", False),
    ("60min remedial, lower back n hips, fri arvo if free. will claim on my extras", False),
    ("lower back spasm this morning, can barely stand up straight. can someone see me today pls", False),
    ("i'd like to book for tuesday at 10", False),
])
def test_a_question_of_its_own_beside_a_request(text, expected):
    from bot.booking.both import asks_something_else

    assert asks_something_else(text, CUES, BOTH) is expected


def test_a_supposed_booking_without_a_confident_answer_is_not_read_again_as_a_request():
    """It becomes the article search, and the booking cue does not turn that
    fallback back into a request (session 15)."""
    assert _classified("if i book a remedial massage can i claim it on my health fund?", "request_booking",
                       0.1) == "nlu_fallback"


@pytest.mark.parametrize("text, expected", [
    # An unclassified message: a request only when a part asks to book (session 15).
    ("massage tmrw", "request_booking"),
    ("physio next week", "request_booking"),
    ("same time next week?", "request_booking"),
    ("is physio free with acc if i book with u?", "nlu_fallback"),
    ("what's that smoky smell at acupuncture clinics? would you use it on me if I book?", "nlu_fallback"),
])
def test_an_unclassified_message_is_a_request_only_when_a_part_asks_to_book(text, expected):
    assert _classified(text, "nlu_fallback", 0.1) == expected
