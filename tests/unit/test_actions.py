"""The actions, run as the action server runs them (Rasa SDK objects)."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.search import ActionSearchArticles
from actions.session import ActionSessionStart
from bot.profile import load_profile
from bot.names import ARTICLE_SEARCH_KEY


def _tracker(text="", parse=None, slots=None):
    latest = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.9}}
    latest.update(parse or {})
    return Tracker("test", slots or {}, latest, [], False, None, {}, "action_listen")


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_fallback_offers_the_passage_found_by_the_nlu_pipeline():
    hit = {"text": "Tight psoas pulls the low back vertebrae forward.", "title": "The Psoas Muscle, Back Pain and Acupuncture"}
    messages, _ = _run(ActionSearchArticles(), _tracker("psoas?", {ARTICLE_SEARCH_KEY: {"best": hit}}))
    assert len(messages) == 1
    assert "Tight psoas pulls" in messages[0]["text"]
    assert "The Psoas Muscle, Back Pain and Acupuncture" in messages[0]["text"]


def test_fallback_searches_itself_when_the_pipeline_did_not():
    messages, _ = _run(ActionSearchArticles(), _tracker("does the psoas attach to the femur"))
    assert "femur" in messages[0]["text"].lower()


def test_fallback_admits_it_does_not_know_and_offers_help():
    messages, _ = _run(ActionSearchArticles(), _tracker("x", {ARTICLE_SEARCH_KEY: {"best": None}}))
    text = messages[0]["text"]
    assert text.startswith("Sorry, I don't know")
    assert load_profile().phone in text
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_booking", "/human_handoff"]


def test_fallback_gives_the_clinic_answer_to_a_question_about_its_prices_or_cover_not_an_article():
    hit = {"text": "Acupuncture may ease chronic low back pain.", "title": "Low Back Pain: Causes and Holistic Treatment"}
    messages, _ = _run(ActionSearchArticles(), _tracker("will my health fund cover acupuncture for my back?",
                                                        {ARTICLE_SEARCH_KEY: {"best": hit}}))
    assert [m.get("response") for m in messages] == ["utter_faq/cost"]
    messages, _ = _run(ActionSearchArticles(), _tracker("is there a lift? my dad can't do stairs",
                                                        {ARTICLE_SEARCH_KEY: {"best": None}}))
    assert [m.get("response") for m in messages] == ["utter_faq/clinic_details"]


def test_fallback_leaves_which_treatment_to_book_to_the_clinics_practitioners():
    messages, _ = _run(ActionSearchArticles(), _tracker("should i book the chiro or a physio for my lower back?",
                                                        {ARTICLE_SEARCH_KEY: {"best": None}}))
    assert "practitioners" in messages[0]["text"] and load_profile().phone in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_booking", "/human_handoff"]


def test_session_start_says_once_that_it_is_not_a_doctor_and_keeps_slots():
    messages, events = _run(ActionSessionStart(), _tracker(slots={"patient_name": "Ann", "clinic_phone": "old"}))
    assert len(messages) == 1 and "not a doctor" in messages[0]["text"]
    assert "emergency" not in messages[0]["text"].lower()
    names = [e.get("event") for e in events]
    assert names[0] == "session_started" and names[-1] == "action"
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["patient_name"] == "Ann"
    assert slots["clinic_phone"] == load_profile().phone


def test_a_confirmation_with_missing_fields_is_never_stored(tmp_path, monkeypatch):
    from actions.booking import ActionSubmitBooking
    from bot.store import get_store

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    get_store.cache_clear()
    try:
        tracker = Tracker("blank", {"booking_name": None, "booking_contact": None}, {"text": "yes"},
                          [{"event": "user", "text": "yes", "timestamp": 1.0}], False, None, {},
                          "utter_confirm_booking")
        messages, events = _run(ActionSubmitBooking(), tracker)
        assert "haven't sent it" in messages[0]["text"] and load_profile().phone in messages[0]["text"]
        assert get_store().bookings() == []
    finally:
        get_store.cache_clear()
