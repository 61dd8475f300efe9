"""The staff command line against a real SQLite file."""
from bot import staff


def test_list_show_mark_export(db, capsys, tmp_path):
    first = db.add_booking("c1:1", "c1", "Ann Lee", "+13105550142", "2026-11-27T10:00", "sciatica")
    second = db.add_booking("c2:1", "c2", "=HYPERLINK(\"x\")", "b@x.org", "2026-11-28T09:00", "<b>cupping</b>")
    assert staff.main(["mark", str(first), "contacted"]) == 0
    assert staff.main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.index("=HYPERLINK") < out.index("Ann Lee")   # new requests first
    assert "Friday 27 November at 10AM" in out
    assert staff.main(["show", str(second)]) == 0
    assert "<b>cupping</b>" in capsys.readouterr().out
    assert staff.main(["show", "999"]) == 1
    path = tmp_path / "out.csv"
    assert staff.main(["export", "--csv", str(path)]) == 0
    text = path.read_text()
    assert text.splitlines()[0].startswith("id,status")
    assert "'=HYPERLINK" in text


def test_changes_and_cancellations_are_shown_with_their_request(db, capsys):
    first = db.add_booking("c1:1", "c1", "Ann Lee", "+13105550142", "2026-11-27T10:00", "sciatica",
                           for_whom="my mum")
    second = db.add_booking("c2:1", "c2", "Bo Chan", "bo@x.org", "2026-11-28T09:00", "neck")
    db.add_booking_update("c1:2:change", first, "c1", "change", "2026-11-29T11:00")
    db.add_booking_update("c2:2:cancel", second, "c2", "cancel")
    assert staff.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "asks to MOVE to Sunday 29 November at 11AM" in out and "asks to CANCEL" in out
    assert staff.main(["show", str(first)]) == 0
    out = capsys.readouterr().out
    assert "my mum" in out and "change to Sunday 29 November at 11AM (new)" in out


def test_handovers_listed_shown_and_resumed_in_the_real_tracker_store(db, capsys, tmp_path, monkeypatch):
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import ROOT

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    domain = Domain.load(str(ROOT / "domain"))
    tracker_store = SQLTrackerStore(domain, host=url)
    events = [ActionExecuted("action_listen"), UserUttered("a person please", {"name": "human_handoff"}),
              ActionExecuted("action_handover"), SlotSet("handover_pending", True),
              ActionExecuted("action_listen")]
    asyncio.run(tracker_store.save(DialogueStateTracker.from_events("web-1", events, domain.slots)))
    request, _ = db.open_handover("web-1:h:1", "web-1", "patient: a person please\n<i>hi</i>",
                                  channel="socketio")
    assert staff.main(["handovers"]) == 0
    assert "web-1" in capsys.readouterr().out
    assert staff.main(["handover", str(request)]) == 0
    assert "  patient: a person please\n  <i>hi</i>" in capsys.readouterr().out

    assert staff.main(["resume", str(request)]) == 0
    assert "the assistant answers again" in capsys.readouterr().out
    assert db.handover(request).status == "contacted"
    tracker = asyncio.run(tracker_store.retrieve("web-1"))
    assert tracker.get_slot("handover_pending") is False
    assert isinstance(tracker.events[-1], BotUttered) and "picked up" in tracker.events[-1].text
    assert len(tracker.events) == len(events) + 2   # nothing stored twice

    assert staff.main(["close", str(request)]) == 0
    assert db.handover(request).status == "closed"
    assert staff.main(["resume", "999"]) == 1
    assert staff.main(["handovers", "--status", "new"]) == 0
    assert "No hand-over requests." in capsys.readouterr().out
