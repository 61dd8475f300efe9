"""Sign-in, sign-out, CSRF, throttling, idle timeout and headers of the console."""
from datetime import timedelta

from tests.console.conftest import PASSWORD, csrf, sign_in


def test_a_page_without_a_session_redirects_to_sign_in(client):
    response = client.get("/inbox")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_sign_in_with_the_right_password_opens_the_inbox(client):
    response = sign_in(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/inbox")
    assert "Inbox" in client.get("/inbox").get_data(as_text=True)


def test_a_wrong_password_or_unknown_name_is_refused_alike(client, store):
    wrong = sign_in(client, password="not the password")
    unknown = sign_in(client, name="nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_data(as_text=True).count("do not match") == 1
    assert client.get("/inbox").status_code == 302
    assert [e.action for e in store.audit_events()][:2] == ["sign-in refused", "sign-in refused"]


def test_a_post_without_its_csrf_token_is_refused(client):
    response = client.post("/sign-in", data={"name": "rosa", "password": PASSWORD})
    assert response.status_code == 400
    sign_in(client)
    assert client.post("/bookings/1/status", data={"status": "booked"}).status_code == 400
    assert client.post("/sign-out").status_code == 400


def test_sign_out_ends_the_session(client, store):
    sign_in(client)
    page = client.get("/inbox").get_data(as_text=True)
    response = client.post("/sign-out", data={"csrf_token": csrf(page)})
    assert response.status_code == 302
    assert client.get("/inbox").status_code == 302
    assert "signed out" in [e.action for e in store.audit_events()]


def test_sign_in_is_throttled_after_five_attempts_a_minute(client):
    import time

    if time.time() % 60 > 50:            # the counters are per clock minute: start a fresh one
        time.sleep(61 - time.time() % 60)
    statuses = [sign_in(client, password=f"guess {n}").status_code for n in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    assert "Too many" in sign_in(client).get_data(as_text=True)


def test_the_session_cookie_is_httponly_and_samesite(client):
    sign_in(client)
    cookie = client.get_cookie("clinic_console")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Strict"


def test_an_idle_session_expires(store):
    from bot.console.app import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "k", "PERMANENT_SESSION_LIFETIME": timedelta(seconds=1)},
                     store=store)
    client = app.test_client()
    sign_in(client)
    import time
    time.sleep(2.1)
    assert client.get("/inbox").status_code == 302


def test_polling_does_not_keep_a_session_alive(client):
    sign_in(client)
    assert client.get("/inbox/poll").status_code == 200
    response = client.get("/inbox/poll")
    assert "Set-Cookie" not in response.headers
    assert "Set-Cookie" in client.get("/inbox").headers


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("/sign-in").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"


def test_after_sign_in_only_a_local_path_is_followed(client):
    page = client.get("/sign-in").get_data(as_text=True)
    response = client.post("/sign-in?next=https://evil.example/x",
                           data={"name": "rosa", "password": PASSWORD, "csrf_token": csrf(page)})
    assert response.headers["Location"].endswith("/inbox")


def test_the_audit_trail_is_for_admins_only(client, app):
    sign_in(client)
    assert client.get("/audit").status_code == 403
    other = app.test_client()
    sign_in(other, name="ana")
    page = other.get("/audit").get_data(as_text=True)
    assert "signed in" in page and "rosa" in page
