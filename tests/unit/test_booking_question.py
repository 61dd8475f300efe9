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
