"""Sign-in and sign-out. Passwords are checked by the store's Argon2 hashes;
the session is Flask-Login's, permanent so that the idle timeout applies."""
from __future__ import annotations

from urllib.parse import urlparse

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user

from bot.console.forms import ActionForm, SignInForm

blueprint = Blueprint("auth", __name__)


class StaffMember(UserMixin):
    def __init__(self, user) -> None:
        self.id = user.id
        self.name = user.name
        self.role = user.role

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def store():
    return current_app.extensions["clinic_store"]


def _safe_next(target: str) -> str:
    """Only a path of this console: never an open redirect."""
    parsed = urlparse(target or "")
    if parsed.scheme or parsed.netloc or not (target or "").startswith("/") or target.startswith("//"):
        return url_for("inbox.inbox")
    return target


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        user = store().check_password(form.name.data, form.password.data)
        if user is None:
            store().audit(form.name.data.strip()[:100] or "unknown", "sign-in refused")
            error = "That name and password do not match an account."
        else:
            session.clear()
            session.permanent = True
            login_user(StaffMember(user))
            store().audit(user.name, "signed in")
            return redirect(_safe_next(request.args.get("next", "")))
    elif request.method == "POST":
        error = "Please enter your name and password."
    return render_template("sign_in.html", form=form, error=error), (401 if error else 200)


@blueprint.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    form = ActionForm()
    if form.validate_on_submit():
        store().audit(current_user.name, "signed out")
        logout_user()
        session.clear()
    return redirect(url_for("auth.sign_in"))
