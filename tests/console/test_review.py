"""Conversation review, marks, suggestions and the dashboard, over a tracker
store with Rasa's `events` table (rows as Rasa 3.6's SQLTrackerStore writes
them; the e2e test reads a real one)."""
import json
import time

import pytest
from sqlalchemy import create_engine, text

from bot import review
from tests.console.conftest import csrf, sign_in


def _event(kind, sender, when, **data):
    return {"sender_id": sender, "type_name": kind, "timestamp": when,
            "intent_name": (data.get("parse_data") or {}).get("intent", {}).get("name"),
            "action_name": None, "data": json.dumps({"event": kind, "timestamp": when, **data})}


@pytest.fixture
def tracker(tmp_path, app):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url, future=True)
    now = time.time()
    rows = [
        _event("bot", "web:a1", now - 60, text="Hello, I'm the virtual assistant."),
        _event("user", "web:a1", now - 50, text="can i sleep on my front with sciatica",
               parse_data={"intent": {"name": "faq", "confidence": 0.91},
                           "response_selector": {"faq": {"response": {"intent_response_key": "faq/sciatica_what",
                                                                      "confidence": 0.55}}}}),
        _event("bot", "web:a1", now - 49, text="Sciatica is ..."),
        _event("user", "web:a1", now - 40, text="what are ur opening times on thursdy",
               parse_data={"intent": {"name": "nlu_fallback", "confidence": 0.3}}),
        _event("user", "twilio:+13105550142", now - 30, text="What are ur opening times on Thursdy",
               parse_data={"intent": {"name": "nlu_fallback", "confidence": 0.2}}),
        _event("bot", "twilio:+13105550142", now - 20, text="Hi, Rosa here", metadata={"staff_reply": "rosa"}),
    ]
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
                                "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                                "action_name VARCHAR(255), data TEXT)"))
        connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)"
                                " VALUES (:sender_id, :type_name, :timestamp, :intent_name, :action_name, :data)"), rows)
    app.config["TRACKER_STORE_URL"] = url
    return url


def test_conversations_are_listed_newest_first(client, tracker):
    sign_in(client)
    page = client.get("/review").get_data(as_text=True)
    assert page.index("twilio:+13105550142") < page.index("web:a1")


def test_each_patient_message_shows_what_was_understood(client, tracker, store):
    sign_in(client)
    page = client.get("/review/conversation?id=web:a1").get_data(as_text=True)
    assert "can i sleep on my front with sciatica" in page and "faq/sciatica_what" in page
    assert "intent faq 91%" in page and "topic 55%" in page
    assert client.get("/review/conversation?id=web:nobody").status_code == 404
    # The audit names the conversation by a hash, never a phone number.
    client.get("/review/conversation?id=twilio:+13105550142")
    assert all("3105550142" not in e.target for e in store.audit_events())


def test_a_mark_becomes_a_suggested_training_example(client, tracker, store):
    sign_in(client)
    page = client.get("/review/conversation?id=web:a1").get_data(as_text=True)
    [turn] = [t for t in review.turns(tracker, "web:a1") if t.text.startswith("can i sleep")]
    response = client.post("/review/mark", data={"conversation_id": "web:a1", "event_id": turn.event_id,
                                                 "correct": "faq/sleep_position", "csrf_token": csrf(page)})
    assert response.status_code == 302
    [mark] = store.review_marks()
    assert (mark.text, mark.predicted, mark.correct, mark.actor) == \
        ("can i sleep on my front with sciatica", "faq/sciatica_what", "faq/sleep_position", "rosa")
    suggestions = client.get("/review/suggestions.yml").get_data(as_text=True)
    assert "- intent: faq/sleep_position\n  examples: |\n    - can i sleep on my front with sciatica" in suggestions
    import yaml
    assert yaml.safe_load(suggestions)["nlu"][0]["intent"] == "faq/sleep_position"


def test_a_mark_needs_a_known_topic_and_a_real_patient_message(client, tracker, store):
    sign_in(client)
    page = client.get("/review/conversation?id=web:a1").get_data(as_text=True)
    bad_topic = client.post("/review/mark", data={"conversation_id": "web:a1", "event_id": 2,
                                                  "correct": "faq/made_up", "csrf_token": csrf(page)})
    bot_turn = client.post("/review/mark", data={"conversation_id": "web:a1", "event_id": 1,
                                                 "correct": "faq/sleep_position", "csrf_token": csrf(page)})
    assert bad_topic.status_code == 400 and bot_turn.status_code == 404 and store.review_marks() == []


def test_the_dashboard_counts_per_day_and_lists_unanswered_questions(client, tracker, store):
    store.record_red_flag("web:a1", "urgent", "fever")
    sign_in(client)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "<svg" in page and "Red flags per day" in page
    assert "what are ur opening times on thursdy <span class=\"quiet\">(2×)" in page
    [today] = review.daily(tracker, [e.created_at for e in store.red_flags()], days=1)
    assert (today.conversations, today.fallbacks, today.red_flags) == (2, 2, 1)


def test_topics_cover_the_faq_answers_and_intents():
    topics = review.topics()
    assert "faq/sciatica_what" in topics and "request_booking" in topics and "faq" not in topics
