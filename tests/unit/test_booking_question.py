"""A booking request's question that no answer fits: passed on with the
request (actions/booking_question.py), stored with it and shown to staff."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import ActionSubmitBooking
from actions.booking_question import ActionNoteBookingQuestion
from bot import messages, names
from bot.store import get_store

QUESTION = "do you treat tension headaches from desk work? looking at sat am for an adjustment"


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_the_question_is_kept_in_a_slot_and_the_patient_is_told_it_goes_with_the_request():
    tracker = Tracker("q", {}, {"text": "  " + QUESTION + "\n"}, [], False, None, {}, "action_listen")
    said, events = _run(ActionNoteBookingQuestion(), tracker)
    assert said[0]["text"] == messages.BOOKING_QUESTION_NOTED
    assert [(e["name"], e["value"]) for e in events if e.get("event") == "slot"] == [
        (names.BOOKING_QUESTION, QUESTION)]
    huge = Tracker("q", {}, {"text": "is it ok? " * 200}, [], False, None, {}, "action_listen")
    assert len(_run(ActionNoteBookingQuestion(), huge)[1][0]["value"]) == 500


def test_the_stored_request_carries_the_question_and_the_confirmation_says_it_will_be_answered(
        tmp_path, monkeypatch, capsys):
    from bot import staff

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    get_store.cache_clear()
    try:
        slots = {names.BOOKING_NAME: "Sam Lee", names.BOOKING_CONTACT: "sam.lee@gmail.com",
                 names.BOOKING_TIME: "2026-12-05T10:00", names.BOOKING_REASON: "neck and headaches",
                 names.BOOKING_QUESTION: QUESTION}
        tracker = Tracker("web:q1", slots, {"text": "yes"}, [{"event": "user", "text": "yes", "timestamp": 2.0}],
                          False, None, {}, names.UTTER_CONFIRM_BOOKING)
        said, events = _run(ActionSubmitBooking(), tracker)
        assert "answer your question" in said[0]["text"]
        row = get_store().bookings()[0]
        assert row.question == QUESTION and row.reason == "neck and headaches"
        # Cleared with the other booking slots: the next request starts clean.
        assert {"name": names.BOOKING_QUESTION, "value": None} in [
            {"name": e["name"], "value": e["value"]} for e in events if e.get("event") == "slot"]
        staff.main(["list"])
        assert "[has a QUESTION]" in capsys.readouterr().out
        staff.main(["show", str(row.id)])
        assert QUESTION in capsys.readouterr().out
        # A request without a question says nothing about one.
        del slots[names.BOOKING_QUESTION]
        plain = Tracker("web:q2", slots, {"text": "yes"}, [{"event": "user", "text": "yes", "timestamp": 3.0}],
                        False, None, {}, names.UTTER_CONFIRM_BOOKING)
        assert "question" not in _run(ActionSubmitBooking(), plain)[0][0]["text"]
    finally:
        get_store.cache_clear()


def test_after_the_clinics_answer_that_gave_only_its_phone_the_question_goes_with_the_request_too():
    tracker = Tracker("q", {}, {"text": "is there a lift? my dad needs an appt friday"}, [], False, None, {}, "utter_faq")
    said, events = _run(ActionNoteBookingQuestion(), tracker)
    assert said[0]["text"] == messages.BOOKING_QUESTION_NOTED_TOO
    assert events[0]["value"] == "is there a lift? my dad needs an appt friday"


def _classified(text, response_key, confidence=0.8):
    from rasa.shared.nlu.training_data.message import Message

    from bot.booking_cues import BookingCueClassifier

    message = Message(data={"text": text})
    message.set("intent", {"name": "request_booking", "confidence": 0.95})
    message.set("intent_ranking", [{"name": "request_booking", "confidence": 0.95}])
    message.set("response_selector", {"faq": {"response": {"intent_response_key": response_key,
                                                          "confidence": confidence}}})
    BookingCueClassifier({}).process([message])
    return message


def test_a_request_whose_clinic_answer_lacks_the_detail_also_passes_the_question_on(tmp_path, monkeypatch):
    from bot import profile

    text = "my dad needs a physio appt on friday. is there a lift up to your rooms?"
    marked = _classified(text, "faq/clinic_details")
    assert marked.get(names.BOOKING_ALSO_KEY) and marked.get(names.BOOKING_QUESTION_KEY)   # the demo profile
    filled = tmp_path / "clinic.yml"
    filled.write_text(profile.PROFILE_PATH.read_text().replace('accessibility: ""', 'accessibility: "lift to all floors"'))
    monkeypatch.setenv("CLINIC_PROFILE", str(filled))
    answered = _classified(text, "faq/clinic_details")
    assert answered.get(names.BOOKING_ALSO_KEY) and not answered.get(names.BOOKING_QUESTION_KEY)
    assert not _classified(text, "faq/sciatica_what").get(names.BOOKING_QUESTION_KEY)    # an article's answer
