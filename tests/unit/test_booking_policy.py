"""The booking paths rules cannot express (bot/booking_policy.py), on real
trackers and the real domain."""
import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered

from bot import names
from tests.policy_harness import load_domain, predict


@pytest.fixture(scope="module")
def domain():
    return load_domain()


def _user(text, intent="faq"):
    return UserUttered(text, {"name": intent}, parse_data={"intent": {"name": intent}})


def _predict(domain, events):
    from bot.booking_policy import BookingFlowPolicy

    return predict(BookingFlowPolicy, domain, events)[0]


IN_FORM = [ActionExecuted("action_listen"), _user("book me in", "request_booking"),
           ActionExecuted("booking_form"), ActiveLoop("booking_form"),
           SlotSet("requested_slot", "booking_time"), ActionExecuted("action_listen")]
READ_BACK = [ActionExecuted("action_listen"), _user("yes", "affirm"),
             ActionExecuted(names.UTTER_CONFIRM_BOOKING), ActionExecuted("action_listen")]


@pytest.mark.parametrize("text, intent", [("never mind, I don't want to book", "faq"),
                                          ("forget it", "nlu_fallback"), ("cancel", "stop")])
def test_leaving_the_form_at_any_step_whatever_the_intent(domain, text, intent):
    assert _predict(domain, IN_FORM + [_user(text, intent)]) == names.ACTION_BOOKING_EXIT
    assert _predict(domain, READ_BACK + [_user(text, intent)]) == names.ACTION_BOOKING_EXIT


def test_a_red_flag_is_never_taken_by_the_booking_flow(domain):
    assert _predict(domain, IN_FORM + [_user("never mind, I can't pee", "red_flag_emergency")]) is None


@pytest.mark.parametrize("text", ["actually make that Sunday at 4pm instead", "change my email to jo@x.com",
                                  "wrong number, it's 310 555 0178"])
def test_a_correction_at_the_read_back_reopens_the_form(domain, text):
    assert _predict(domain, READ_BACK + [_user(text, "booking_change")]) == names.BOOKING_FORM


def test_yes_at_the_read_back_is_left_to_the_rules(domain):
    assert _predict(domain, READ_BACK + [_user("yes", "affirm")]) is None


def test_the_completed_form_is_read_back(domain):
    events = READ_BACK + [_user("actually Sunday at 4pm", "booking_change"), ActionExecuted("booking_form"),
                          ActiveLoop("booking_form"), SlotSet("booking_time", "2026-11-22T16:00"),
                          ActiveLoop(None), SlotSet("requested_slot", None)]
    assert _predict(domain, events) == names.UTTER_CONFIRM_BOOKING


def test_yes_after_the_safety_note_carries_on(domain):
    events = [ActionExecuted("action_listen"), _user("I hurt my back in a fall", "red_flag_urgent"),
              ActionExecuted("utter_red_flag_urgent"), ActionExecuted(names.UTTER_BOOKING_PAUSED),
              ActionExecuted("action_listen"), _user("yes", "affirm")]
    assert _predict(domain, events) == names.BOOKING_FORM


def test_the_new_time_for_an_existing_request(domain):
    events = [ActionExecuted("action_listen"), _user("can I move my appointment?", "booking_reschedule"),
              ActionExecuted("action_booking_reschedule_request"),
              SlotSet(names.BOOKING_RESCHEDULE_PENDING, True), ActionExecuted("action_listen"),
              _user("sunday at 11am", "nlu_fallback")]
    assert _predict(domain, events) == "action_booking_reschedule_request"
    assert _predict(domain, events + [ActionExecuted("action_booking_reschedule_request")]) == "action_listen"


def test_the_name_and_contact_of_a_request_made_elsewhere(domain):
    events = [ActionExecuted("action_listen"), _user("cancel my appointment", "booking_cancel"),
              ActionExecuted("action_booking_cancel_request"),
              SlotSet(names.BOOKING_LOOKUP_PENDING, "cancel"), ActionExecuted("action_listen")]
    assert _predict(domain, events + [_user("Nora Quinn, nora@example.com", "faq")]) == \
        names.ACTION_BOOKING_LOOKUP
    # Without a contact it is an ordinary message; after the lookup, listen.
    assert _predict(domain, events + [_user("why do you need that?", "faq")]) != names.ACTION_BOOKING_LOOKUP
    assert _predict(domain, events + [_user("Nora Quinn 310-555-0142", "faq"),
                                      ActionExecuted(names.ACTION_BOOKING_LOOKUP)]) == "action_listen"
    # A new booking with a contact in it is not an answer to the lookup.
    assert _predict(domain, events + [_user("book me in: Ivan Petrov, ivan@example.com, Saturday at 10am",
                                            "request_booking")]) != names.ACTION_BOOKING_LOOKUP
    assert _predict(domain, events + [_user("Ivan Petrov, ivan@example.com, Saturday at 10am", "faq")]) != \
        names.ACTION_BOOKING_LOOKUP


def test_changing_the_time_outside_the_form_is_about_a_stored_request(domain):
    events = [ActionExecuted("action_listen"), _user("can I change the time?", "booking_change")]
    assert _predict(domain, events) == "action_booking_reschedule_request"


def test_change_at_the_read_back_asks_which_part_and_a_named_part_is_asked_again(domain):
    assert _predict(domain, READ_BACK + [_user("change", "nlu_fallback")]) == "utter_ask_booking_field"
    events = READ_BACK + [_user("change", "nlu_fallback"), ActionExecuted("utter_ask_booking_field"),
                          ActionExecuted("action_listen"), _user("the email", "faq")]
    assert _predict(domain, events) == "action_booking_change"
    events.append(ActionExecuted("action_booking_change"))
    assert _predict(domain, events) == names.BOOKING_FORM


def test_the_read_back_and_the_question_which_part_wait_for_the_patient(domain):
    for question in (names.UTTER_CONFIRM_BOOKING, "utter_ask_booking_field"):
        events = [ActionExecuted("action_listen"), _user("change", "nlu_fallback"), ActionExecuted(question)]
        assert _predict(domain, events) == "action_listen"


def test_a_question_at_the_read_back_is_not_a_correction(domain):
    assert _predict(domain, READ_BACK + [_user("how should I sleep with back pain?", "faq")]) is None


def _urgent(text, before):
    parse = {"intent": {"name": names.INTENT_URGENT},
             names.RED_FLAG_KEY: {"level": "urgent", "sign": "trauma", names.RED_FLAG_INTENT_BEFORE: before}}
    return UserUttered(text, parse["intent"], parse_data=parse)


AFTER_ADVICE = [ActionExecuted(names.UTTER_URGENT), ActionExecuted(names.ACTION_RECORD_RED_FLAG),
                ActionExecuted(names.ACTION_ANSWER_AFTER_ADVICE)]


def test_a_booking_request_with_a_see_a_doctor_sign_gets_the_form_after_the_advice(domain):
    text = "my husband fell off a ladder and his back is in bits, can he be seen tomorrow?"
    events = [ActionExecuted("action_listen"), _urgent(text, names.REQUEST_BOOKING_INTENT)] + AFTER_ADVICE
    assert _predict(domain, events) == names.UTTER_BOOKING_AFTER_ADVICE
    assert _predict(domain, events + [ActionExecuted(names.UTTER_BOOKING_AFTER_ADVICE)]) == names.BOOKING_FORM


def test_a_question_with_a_see_a_doctor_sign_gets_no_form(domain):
    text = "fell off a ladder last week, is heat or ice better?"
    events = [ActionExecuted("action_listen"), _urgent(text, "faq")] + AFTER_ADVICE
    assert _predict(domain, events) is None


def test_no_form_after_emergency_advice_in_the_conversation(domain):
    text = "fell off a ladder, can i book for tomorrow?"
    events = [ActionExecuted("action_listen"), _user("i can't feel my bum on the toilet seat", "red_flag_emergency"),
              ActionExecuted(names.UTTER_EMERGENCY), ActionExecuted("action_listen"),
              _urgent(text, names.REQUEST_BOOKING_INTENT)] + AFTER_ADVICE
    assert _predict(domain, events) is None


def test_the_advised_sign_told_again_in_the_form_is_an_answer(domain):
    first = _urgent("my husband fell off a ladder, can he be seen friday?", names.REQUEST_BOOKING_INTENT)
    events = [ActionExecuted("action_listen"), first] + AFTER_ADVICE + [
        ActionExecuted(names.UTTER_BOOKING_AFTER_ADVICE), ActionExecuted("booking_form"),
        ActiveLoop("booking_form"), SlotSet("requested_slot", "booking_reason"), ActionExecuted("action_listen")]
    assert _predict(domain, events + [_urgent("his lower back after the fall", "faq")]) == names.BOOKING_FORM
    # A sign not advised about yet still goes to the red-flag rules.
    fever = UserUttered("and a fever", {"name": names.INTENT_URGENT}, parse_data={
        "intent": {"name": names.INTENT_URGENT}, names.RED_FLAG_KEY: {"level": "urgent", "sign": "fever"}})
    assert _predict(domain, events + [fever]) is None


def test_no_english_form_after_advice_given_in_another_language(domain):
    parse = {"intent": {"name": names.INTENT_URGENT},
             names.RED_FLAG_KEY: {"level": "urgent", "sign": "trauma", "language": "es",
                                  names.RED_FLAG_INTENT_BEFORE: names.REQUEST_BOOKING_INTENT}}
    message = UserUttered("me caí de la escalera, quiero una cita el viernes", parse["intent"], parse_data=parse)
    assert _predict(domain, [ActionExecuted("action_listen"), message] + AFTER_ADVICE) is None


def _both(text, intent):
    parse = {"intent": {"name": intent}, names.BOOKING_ALSO_KEY: True}
    return UserUttered(text, parse["intent"], parse_data=parse)


@pytest.mark.parametrize("answer", [names.UTTER_FAQ, names.ACTION_ANSWER_OPEN, names.ACTION_SEARCH_ARTICLES])
def test_a_question_that_also_asks_to_book_gets_the_answer_then_the_form(domain, answer):
    events = [ActionExecuted("action_listen"), _both("what time do you open, can I be first in?", "faq")]
    assert _predict(domain, events) is None                      # the rules answer it
    assert _predict(domain, events + [ActionExecuted(answer)]) == names.BOOKING_FORM
    plain = [ActionExecuted("action_listen"), _user("what time do you open?"), ActionExecuted(answer)]
    assert _predict(domain, plain) is None


def test_a_request_that_also_asks_about_the_clinic_gets_the_answer_first(domain):
    events = [ActionExecuted("action_listen"),
              _both("i'd like to book for tuesday, is there parking?", names.REQUEST_BOOKING_INTENT)]
    assert _predict(domain, events) == names.UTTER_FAQ
    assert _predict(domain, events + [ActionExecuted(names.UTTER_FAQ)]) == names.BOOKING_FORM


@pytest.mark.parametrize("intent", [names.REQUEST_BOOKING_INTENT, "nlu_fallback"])
def test_a_request_whose_question_no_answer_fits_passes_it_on_then_the_form(domain, intent):
    parse = {"intent": {"name": intent}, names.BOOKING_QUESTION_KEY: True}
    message = UserUttered("do you treat tension headaches? looking at sat am for an adjustment",
                          parse["intent"], parse_data=parse)
    events = [ActionExecuted("action_listen"), message]
    assert _predict(domain, events) == names.ACTION_NOTE_BOOKING_QUESTION
    assert _predict(domain, events + [ActionExecuted(names.ACTION_NOTE_BOOKING_QUESTION)]) == names.BOOKING_FORM
    # Not inside a running form: the form's own rules take the message.
    assert _predict(domain, IN_FORM[:-1] + [message]) != names.ACTION_NOTE_BOOKING_QUESTION


def test_no_form_for_a_question_and_request_after_emergency_advice_or_inside_the_form(domain):
    after_emergency = [ActionExecuted("action_listen"), _user("i can't feel my bum on the toilet seat",
                                                                "red_flag_emergency"),
                       ActionExecuted(names.UTTER_EMERGENCY), ActionExecuted("action_listen"),
                       _both("how much is it, can i come in today?", "faq"), ActionExecuted(names.UTTER_FAQ)]
    assert _predict(domain, after_emergency) is None
    in_form = IN_FORM + [_both("is there parking? i need an appt", "faq"), ActionExecuted(names.UTTER_FAQ)]
    assert _predict(domain, in_form) is None                     # the form's own rule carries on


def test_a_request_read_as_a_red_flag_still_gets_the_form_after_the_advice(domain):
    parse = {"intent": {"name": names.INTENT_URGENT}, names.BOOKING_ASKED_KEY: True,
             names.RED_FLAG_KEY: {"level": "urgent", "sign": "trauma", names.RED_FLAG_INTENT_BEFORE: "red_flag_emergency"}}
    message = UserUttered("car accident last month, back has been off since. need a physio assessment",
                          parse["intent"], parse_data=parse)
    events = [ActionExecuted("action_listen"), message] + AFTER_ADVICE
    assert _predict(domain, events) == names.UTTER_BOOKING_AFTER_ADVICE
    parse = {key: value for key, value in parse.items() if key != names.BOOKING_ASKED_KEY}
    message = UserUttered(message.text, parse["intent"], parse_data=parse)
    assert _predict(domain, [ActionExecuted("action_listen"), message] + AFTER_ADVICE) is None
