"""The REST channel is for local development and trusted back-ends (issue
14): loopback always; elsewhere only with REST_TOKEN."""
from types import SimpleNamespace

import pytest

from bot.channels.rest import allowed

TOKEN = "t" * 32


def _request(ip, authorization=None):
    headers = {"authorization": authorization} if authorization else {}
    return SimpleNamespace(conn_info=SimpleNamespace(client_ip=ip), headers=headers)


@pytest.mark.parametrize("ip", ["127.0.0.1", "127.0.1.1", "::1"])
def test_loopback_is_local_development(ip, monkeypatch):
    monkeypatch.delenv("REST_TOKEN", raising=False)
    assert allowed(_request(ip))


def test_from_elsewhere_without_a_configured_token_nothing_is_accepted(monkeypatch):
    monkeypatch.delenv("REST_TOKEN", raising=False)
    assert not allowed(_request("192.0.2.7"))
    assert not allowed(_request("192.0.2.7", "Bearer "))


def test_from_elsewhere_the_token_is_needed(monkeypatch):
    monkeypatch.setenv("REST_TOKEN", TOKEN)
    assert not allowed(_request("192.0.2.7"))
    assert not allowed(_request("192.0.2.7", "Bearer wrong-token-wrong-token"))
    assert allowed(_request("192.0.2.7", f"Bearer {TOKEN}"))
