"""Pages for admins only: the audit trail."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required

from bot.console.auth import store

blueprint = Blueprint("admin", __name__)


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


@blueprint.route("/audit")
@admin_required
def audit():
    actor = (request.args.get("actor") or "").strip()[:100] or None
    store().audit(current_user.name, "viewed", "audit")
    return render_template("audit.html", events=store().audit_events(actor=actor), actor=actor)
