"""The console's Flask app: sessions (Flask-Login), CSRF on every form
(Flask-WTF), sign-in throttling, an idle timeout and strict
security headers. Everything is made in create_app, nothing at import time.

Settings (environment): CONSOLE_SECRET_KEY (a new random key per start when
unset: sessions end at a restart), CONSOLE_IDLE_MINUTES (15),
CONSOLE_SECURE_COOKIES=true behind HTTPS in production, REDIS_URL (shared
throttling counters; in memory without it), DATABASE_URL (the store).
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from typing import Any, Mapping, Optional

from flask import Flask, g, render_template
from flask.sessions import SecureCookieSessionInterface

from bot.store import Store, get_store, tracker_store_url

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
SIGN_IN_PER_MINUTE = 5


class IdleSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, whose max age is the idle timeout, but
    not refreshed by the inbox's background polling (g.passive): only what
    a person does keeps a session alive."""

    def should_set_cookie(self, app: Flask, session: Any) -> bool:
        if g.get("passive"):
            return False
        return super().should_set_cookie(app, session)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def create_app(config: Optional[Mapping[str, Any]] = None, store: Optional[Store] = None) -> Flask:
    from flask_login import LoginManager
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("CONSOLE_SECRET_KEY") or secrets.token_hex(32),
        SESSION_COOKIE_NAME="clinic_console",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=_flag("CONSOLE_SECURE_COOKIES"),
        SESSION_REFRESH_EACH_REQUEST=True,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=int(os.environ.get("CONSOLE_IDLE_MINUTES", "15"))),
        REMEMBER_COOKIE_DURATION=timedelta(seconds=0),
        WTF_CSRF_TIME_LIMIT=None,   # the token lives as long as the session
        RATE_LIMIT_REDIS_URL=os.environ.get("REDIS_URL", ""),
        TRACKER_STORE_URL=tracker_store_url(),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.config.update(config or {})
    app.session_interface = IdleSessionInterface()
    app.extensions["clinic_store"] = store or get_store()

    CSRFProtect(app)
    login = LoginManager(app)
    login.login_view = "auth.sign_in"
    login.login_message = "Please sign in."
    login.session_protection = "strong"

    from bot.console.auth import StaffMember, blueprint as auth

    @login.user_loader
    def _load(user_id: str):
        try:
            user = app.extensions["clinic_store"].staff_user(int(user_id))
        except (TypeError, ValueError):
            return None
        return StaffMember(user) if user is not None else None

    from bot.console.admin import blueprint as admin
    from bot.console.inbox import blueprint as inbox
    from bot.console.review import blueprint as review

    app.register_blueprint(auth)
    app.register_blueprint(inbox)
    app.register_blueprint(admin)
    app.register_blueprint(review)
    @app.template_filter("when")
    def _when(iso):
        """A preferred time as staff read it: "Friday 4 December at 11AM"."""
        from bot.booking import describe

        try:
            return describe(iso)
        except (TypeError, ValueError):
            return iso or ""

    @app.context_processor
    def _sign_out_form():
        from bot.console.forms import ActionForm

        return {"sign_out": ActionForm()}

    _throttle_sign_in(app)
    _headers(app)
    _errors(app)
    return app


def _throttle_sign_in(app: Flask) -> None:
    """At most SIGN_IN_PER_MINUTE sign-in attempts a minute from one address
    and for one name (counters in Redis with REDIS_URL, so every console
    replica counts together; the assistant's limiter, bot/channels/rate_limit.py)."""
    from flask import abort, request

    from bot.channels.rate_limit import RateLimiter

    limiter = RateLimiter(app.config["RATE_LIMIT_REDIS_URL"])

    @app.before_request
    def _throttle():
        if request.endpoint != "auth.sign_in" or request.method != "POST":
            return None
        name = (request.form.get("name") or "").strip().lower()[:100]
        address = request.remote_addr or "unknown"
        if not (limiter.within(f"console-sign-in:address:{address}", SIGN_IN_PER_MINUTE)
                & limiter.within(f"console-sign-in:name:{name}", SIGN_IN_PER_MINUTE)):
            abort(429)
        return None


def _headers(app: Flask) -> None:
    @app.after_request
    def _secure(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def _errors(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def _csrf(_error):
        return render_template("message.html", title="Form expired",
                               text="That form had expired or did not come from this console. "
                                    "Please go back, reload the page and try again."), 400

    @app.errorhandler(429)
    def _throttled(_error):
        return render_template("message.html", title="Too many attempts",
                               text="Too many sign-in attempts. Please wait a few minutes and try again."), 429

    @app.errorhandler(404)
    def _missing(_error):
        return render_template("message.html", title="Not found", text="There is nothing here."), 404
