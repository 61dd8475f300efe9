"""The inbox: booking requests, hand-overs and red flags, newest first, with
counts, filters and the CLI's actions; /inbox/poll lets the page refresh its
list when something new arrives (without keeping the session alive)."""
from __future__ import annotations

import io

from flask import Blueprint, Response, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from bot.console import live
from bot.console.auth import store
from bot.console.forms import BookingStatusForm, HandoverStatusForm, ReplyForm
from bot.export import write_bookings
from bot.handover import HAND_BACK_NOTES
from bot.store import BOOKING_STATUSES, HANDOVER_STATUSES

blueprint = Blueprint("inbox", __name__)
KINDS = ("bookings", "handovers", "red-flags")
CHANNELS = ("socketio", "twilio", "twilio_whatsapp", "rest", "cmdline")


def _filters():
    kind = request.args.get("kind", "bookings")
    if kind not in KINDS:
        kind = "bookings"
    statuses = {"bookings": BOOKING_STATUSES, "handovers": HANDOVER_STATUSES}.get(kind, ())
    status = request.args.get("status") or None
    if status not in statuses:
        status = None
    channel = request.args.get("channel") or None
    if channel not in CHANNELS:
        channel = None
    return kind, status, channel, statuses


def _rows(kind, status, channel):
    if kind == "bookings":
        rows = store().bookings(status=status, channel=channel)
        asked = {}
        for update in reversed(store().booking_updates(limit=1000)):
            if update.status == "new":
                asked[update.booking_id] = update
        return rows, asked
    if kind == "handovers":
        return store().handovers(status=status, channel=channel), {}
    return store().red_flags(limit=200, channel=channel), {}


@blueprint.route("/")
@login_required
def home():
    return redirect(url_for("inbox.inbox"))


@blueprint.route("/inbox")
@login_required
def inbox():
    kind, status, channel, statuses = _filters()
    rows, asked = _rows(kind, status, channel)
    store().audit(current_user.name, "viewed inbox", kind)       # names and contacts on screen
    return render_template("inbox.html", kind=kind, status=status, channel=channel, statuses=statuses,
                           channels=CHANNELS, rows=rows, asked=asked, counts=store().counts(),
                           kinds=KINDS, booking_form=BookingStatusForm(), handover_form=HandoverStatusForm())


@blueprint.route("/inbox/rows")
@login_required
def rows():
    """The list alone, for the page's refresh."""
    g.passive = True
    kind, status, channel, _ = _filters()
    rows, asked = _rows(kind, status, channel)
    return render_template("_rows.html", kind=kind, rows=rows, asked=asked,
                           booking_form=BookingStatusForm(), handover_form=HandoverStatusForm())


@blueprint.route("/inbox/poll")
@login_required
def poll():
    g.passive = True
    return jsonify(store().counts())


@blueprint.route("/bookings/<int:booking_id>")
@login_required
def booking(booking_id: int):
    row = store().booking(booking_id)
    if row is None:
        abort(404)
    store().audit(current_user.name, "viewed", f"booking:{booking_id}")
    return render_template("booking.html", row=row, updates=store().booking_updates(booking_id=booking_id),
                           form=BookingStatusForm(status=row.status))


@blueprint.route("/bookings/<int:booking_id>/status", methods=["POST"])
@login_required
def booking_status(booking_id: int):
    form = BookingStatusForm()
    if not form.validate_on_submit():
        abort(400)
    if not store().set_booking_status(booking_id, form.status.data):
        abort(404)
    store().audit(current_user.name, f"booking -> {form.status.data}", f"booking:{booking_id}")
    return redirect(request.referrer if _same_console(request.referrer) else url_for("inbox.inbox"))


@blueprint.route("/handovers/<int:handover_id>")
@login_required
def handover(handover_id: int):
    row = store().handover(handover_id)
    if row is None:
        abort(404)
    store().audit(current_user.name, "viewed", f"handover:{handover_id}")
    live_lines = live.transcript(row.conversation_id)
    lines = live_lines if live_lines is not None else [("", line) for line in (row.context or "").splitlines()]
    return render_template("handover.html", row=row, lines=lines, live=live_lines is not None,
                           can_reply=live.available(), form=HandoverStatusForm(status=row.status),
                           reply_form=ReplyForm())


@blueprint.route("/handovers/<int:handover_id>/transcript")
@login_required
def handover_transcript(handover_id: int):
    """The conversation alone, for the page's refresh while staff answer."""
    g.passive = True
    row = store().handover(handover_id)
    if row is None:
        abort(404)
    lines = live.transcript(row.conversation_id)
    if lines is None:
        lines = [("", line) for line in (row.context or "").splitlines()]
    return render_template("_transcript.html", lines=lines)


@blueprint.route("/handovers/<int:handover_id>/reply", methods=["POST"])
@login_required
def handover_reply(handover_id: int):
    """The patient gets the reply in the same conversation, on its channel."""
    form = ReplyForm()
    row = store().handover(handover_id)
    if row is None:
        abort(404)
    if not form.validate_on_submit():
        flash("Please write a reply of up to 1600 characters.", "error")
    else:
        sent, why = live.reply(row.conversation_id, row.channel, form.text.data, current_user.name)
        if sent:
            store().audit(current_user.name, "replied", f"handover:{handover_id}")
            flash("Sent to the patient.", "ok")
        else:
            flash(f"Not sent: {why}. Please phone the patient instead.", "error")
    return redirect(url_for("inbox.handover", handover_id=handover_id))


@blueprint.route("/handovers/<int:handover_id>/status", methods=["POST"])
@login_required
def handover_status(handover_id: int):
    form = HandoverStatusForm()
    if not form.validate_on_submit():
        abort(400)
    row = store().handover(handover_id)
    if row is None or not store().set_handover_status(handover_id, form.status.data):
        abort(404)
    store().audit(current_user.name, f"handover -> {form.status.data}", f"handover:{handover_id}")
    if form.status.data in HAND_BACK_NOTES and row.status == "new" and live.available():
        sent, _ = live.hand_back(row.conversation_id, row.channel, HAND_BACK_NOTES[form.status.data])
        flash("The assistant answers the patient again." if sent else
              "The assistant will answer again at the patient's next message.", "ok")
    return redirect(request.referrer if _same_console(request.referrer) else url_for("inbox.inbox"))


@blueprint.route("/export/bookings.csv")
@login_required
def export():
    out = io.StringIO()
    count = write_bookings(out, store().bookings(limit=100000))
    store().audit(current_user.name, "exported", f"bookings:{count}")
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=booking-requests.csv"})


def _same_console(referrer) -> bool:
    return bool(referrer) and referrer.startswith(request.host_url)
