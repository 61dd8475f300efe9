"""A console app on a real SQLite store, with two accounts."""
import re

import pytest

from bot.store import Store

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'clinic.db'}")
    store.add_user("rosa", PASSWORD, role="staff")
    store.add_user("ana", PASSWORD, role="admin")
    return store


@pytest.fixture
def app(store):
    from bot.console.app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test key"}, store=store)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client, name="rosa", password=PASSWORD):
    page = client.get("/sign-in").get_data(as_text=True)
    return client.post("/sign-in", data={"name": name, "password": password, "csrf_token": csrf(page)})
