"""Conversation review (read-only) and the dashboard: what the assistant
understood at each patient message, staff marks on what it got wrong, the
marks as NLU suggestions, and per-day counts with the most frequent
unanswered questions (bot/review.py reads Rasa's tracker store)."""
from __future__ import annotations

import hashlib

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from bot import review
from bot.console.auth import store
from bot.console.forms import MarkForm

blueprint = Blueprint("review", __name__)


def _tracker() -> str:
    return current_app.config["TRACKER_STORE_URL"]


def conversation_ref(conversation_id: str) -> str:
    """The audit trail names a conversation by a hash: an SMS conversation's
    id is the patient's phone number."""
    return "conversation:" + hashlib.sha256(conversation_id.encode()).hexdigest()[:12]


@blueprint.route("/review")
@login_required
def conversations():
    store().audit(current_user.name, "viewed conversations")
    return render_template("review.html", rows=review.recent_conversations(_tracker()))


@blueprint.route("/review/conversation")
@login_required
def conversation():
    conversation_id = (request.args.get("id") or "")[:255]
    turns = review.turns(_tracker(), conversation_id)
    if not turns:
        abort(404)
    store().audit(current_user.name, "viewed", conversation_ref(conversation_id))
    marks = {m.event_id: m for m in store().review_marks(conversation_id)}
    return render_template("conversation.html", conversation_id=conversation_id, turns=turns, marks=marks,
                           topics=review.topics(), form=MarkForm())


@blueprint.route("/review/mark", methods=["POST"])
@login_required
def mark():
    form = MarkForm()
    conversation_id = (form.conversation_id.data or "")[:255]
    if not form.validate_on_submit() or form.correct.data not in review.topics():
        abort(400)
    turn = next((t for t in review.turns(_tracker(), conversation_id)
                 if t.event_id == form.event_id.data and t.who == "patient"), None)
    if turn is None:
        abort(404)
    store().mark_message(conversation_id, turn.event_id, turn.text, turn.understood, form.correct.data,
                         current_user.name)
    store().audit(current_user.name, f"marked as {form.correct.data}", conversation_ref(conversation_id))
    flash(f"Marked: should have been {form.correct.data}.", "ok")
    return redirect(url_for("review.conversation", id=conversation_id) + f"#turn-{turn.event_id}")


@blueprint.route("/review/suggestions.yml")
@login_required
def suggestions():
    marks = store().review_marks()
    store().audit(current_user.name, "exported suggestions", f"marks:{len(marks)}")
    return Response(review.suggestions_yaml(marks), mimetype="text/yaml",
                    headers={"Content-Disposition": "attachment; filename=nlu-suggestions.yml"})


@blueprint.route("/dashboard")
@login_required
def dashboard():
    flags = [e.created_at for e in store().red_flags(limit=100000)]
    days = review.daily(_tracker(), flags)
    charts = [(title, key, max([getattr(d, key) for d in days] + [1]))
              for title, key in (("Conversations", "conversations"), ("Not understood (fallback)", "fallbacks"),
                                 ("Red flags", "red_flags"))]
    return render_template("dashboard.html", days=days, charts=charts,
                           unanswered=review.unanswered(_tracker()))
