"""The website chat widget in a real browser against the real assistant.

One conversation, as a patient would have it, checks what a patient relies
on: the not-a-doctor notice comes first, answers arrive, quick-reply buttons
work, a reload keeps the conversation (on screen and in Rasa), bot and user
text are never interpreted as HTML, links open in a new tab, emergencies are
escalated, and the panel is usable by keyboard and on a 375px phone.
Expected texts come from the clinic's own data (clinic.yml, the article
index, the domain), not from copies in this file.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from bot.profile import load_profile
from tests.e2e.server import ROOT

XSS = "<img src=x onerror=alert(1)>"
# Each run saves its screenshot with the test results; docs/widget.png is a
# copy of one, committed by hand (a test run must not change tracked files).
SCREENSHOT = ROOT / "results" / "widget.png"
OPEN = "Open chat with the clinic assistant"


def article_titles():
    index = yaml.safe_load((ROOT / "data" / "articles" / "index.yml").read_text())
    return [a["title"] for a in index["articles"]]


def domain_buttons(response: str):
    for path in sorted((ROOT / "domain").glob("*.yml")):
        responses = (yaml.safe_load(path.read_text()) or {}).get("responses") or {}
        if response in responses:
            return responses[response][0]["buttons"]
    raise KeyError(response)


# ---- helpers that read the widget the way a patient sees it ----

def bubbles(page, who: str):
    return page.locator(f".cc-log .cc-{who} .cc-text")


def settle(page, locator, before: int, timeout: float = 60) -> list:
    """Texts of the messages after the first `before`, once no more arrive.

    Rasa sends a reply as several socket messages; wait for the first, then
    until the count has been stable for a second."""
    deadline = time.time() + timeout
    while locator.count() <= before:
        if time.time() > deadline:
            raise AssertionError(f"no reply within {timeout}s; log: {page.locator('.cc-log').inner_text()}")
        page.wait_for_timeout(100)
    count, stable_since = locator.count(), time.time()
    while time.time() - stable_since < 1.2 and time.time() < deadline:
        page.wait_for_timeout(100)
        if locator.count() != count:
            count, stable_since = locator.count(), time.time()
    return [locator.nth(i).text_content() for i in range(before, count)]


def say(page, text: str) -> str:
    """Type `text` and press Enter (keyboard only); return the bot's reply."""
    before = bubbles(page, "bot").count()
    field = page.get_by_label("Type your message")
    field.fill(text)
    field.press("Enter")
    return "\n".join(settle(page, bubbles(page, "bot"), before))


def open_widget_by_keyboard(page) -> None:
    toggle = page.get_by_role("button", name=OPEN)
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("dialog").is_visible()
    # Focus moves to the message field, so the patient can type straight away.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Type your message"


@pytest.fixture
def dialogs(page):
    seen = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    return seen


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_a_conversation_in_the_widget(site, page, dialogs):
    profile = load_profile()
    page.goto(site.url)
    # Chromium enforces the page's CSP: a widget that needs inline code or a
    # CDN fails here, as it would for patients.
    assert page.evaluate("typeof window.io") == "function"

    # First open: the notice is the first thing shown, before any typing.
    open_widget_by_keyboard(page)
    notice = settle(page, bubbles(page, "bot"), 0)
    assert "not a doctor" in notice[0]
    assert len([t for t in notice if "not a doctor" in t]) == 1, notice
    assert bubbles(page, "user").count() == 0, "the hidden /session_start must not be shown"
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"

    # A topic question gets an answer from the articles.
    reply = say(page, "how should I sleep with back pain?")
    assert "sleep" in reply.lower()
    assert any(title in reply for title in article_titles()), reply
    # The widget open on the demo page, a real exchange (see SCREENSHOT).
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    # A reply with quick-reply buttons (those the domain defines).
    buttons = domain_buttons("utter_what_can_you_do")
    say(page, "what can you do?")
    group = page.get_by_role("group", name="Suggested replies").last
    for button in buttons:
        assert group.get_by_role("button", name=button["title"]).is_visible()

    # Clicking a button shows its title as the patient's message and sends
    # its payload: the booking form asks for a name.
    booking = next(b for b in buttons if b["payload"] == "/request_booking")
    before = bubbles(page, "bot").count()
    group.get_by_role("button", name=booking["title"]).click()
    asked = "\n".join(settle(page, bubbles(page, "bot"), before))
    assert bubbles(page, "user").last.text_content() == booking["title"]
    assert "/request_booking" not in page.locator(".cc-log").inner_text()
    assert "name" in asked.lower()
    # Used buttons are disabled so the same answer cannot be sent twice.
    assert group.get_by_role("button", name=booking["title"]).is_disabled()

    # Reload: the transcript is still there, and Rasa continues the same
    # conversation (the form remembers it asked for the name).
    transcript = page.locator(".cc-log").inner_text()
    page.reload()
    assert page.get_by_role("dialog").is_visible()
    page.locator(".cc-log .cc-msg").first.wait_for()
    assert page.locator(".cc-log").inner_text() == transcript
    reply = say(page, "Sam Example")
    assert "Sam Example" in reply, "the reload started a new conversation in Rasa"
    say(page, "sam@example.com")
    say(page, "next Monday at 10am")

    # Markup typed by the patient and echoed back by the bot stays text.
    readback = say(page, f"{XSS} sore lower back")
    assert bubbles(page, "user").last.text_content() == f"{XSS} sore lower back"
    assert XSS in readback
    assert page.locator(".cc-log img").count() == 0
    assert not dialogs

    # The confirmation's booking link is a real link that opens a new tab.
    reply = say(page, "yes")
    if profile.booking_url:
        assert profile.booking_url in reply
        link = page.locator(".cc-log .cc-bot a").last
        assert link.get_attribute("href") == profile.booking_url
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in link.get_attribute("rel")

    # A red flag gets the emergency message with the clinic's number.
    reply = say(page, "I can't control my bladder and my groin is numb")
    assert "could be an emergency" in reply.lower()
    assert profile.emergency_number in reply

    # Escape closes the panel and gives focus back to the toggle.
    page.get_by_label("Type your message").press("Escape")
    assert not page.get_by_role("dialog").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == OPEN


def test_the_panel_fits_a_375px_phone(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(site.url)
        page.get_by_role("button", name=OPEN).click()
        settle(page, bubbles(page, "bot"), 0)
        say(page, "how should I sleep with back pain?")
        panel = page.get_by_role("dialog").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 375
        assert panel["width"] >= 360, "the panel should use the phone's whole width"
        for i in range(bubbles(page, "bot").count()):
            box = bubbles(page, "bot").nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        # Nothing scrolls sideways: long answers wrap.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert page.evaluate(
            "(() => { const l = document.querySelector('.cc-log'); return l.scrollWidth <= l.clientWidth; })()")
        # The input and send button are on screen.
        send = page.get_by_role("button", name="Send message").bounding_box()
        assert send["x"] + send["width"] <= 375 and send["y"] + send["height"] <= 667
        close = page.get_by_role("button", name="Close chat")
        close.click()
        assert not page.get_by_role("dialog").is_visible()
    finally:
        context.close()


def test_the_socket_refuses_other_sites(site):
    """Only SOCKETIO_ALLOWED_ORIGINS may open the socket (CORS and WebSocket)."""
    handshake = site.rasa_url + "/socket.io/?EIO=4&transport=polling"
    allowed = site.url.rstrip("/")
    with urllib.request.urlopen(urllib.request.Request(handshake, headers={"Origin": allowed})) as r:
        assert r.headers["Access-Control-Allow-Origin"] == allowed
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(handshake, headers={"Origin": "http://evil.example"}))
    assert refused.value.code == 400


def test_widget_code_never_assigns_html():
    """A cheap guard next to the browser checks: no HTML-string APIs at all."""
    code = (ROOT / "web" / "widget.js").read_text()
    for api in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function"):
        assert api not in code, api


def test_page_headers_and_traversal(site):
    with urllib.request.urlopen(site.url) as r:
        csp = r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    connect = re.search(r"connect-src ([^;]+)", csp).group(1).split()
    assert set(connect) <= {"'self'", site.rasa_url, "ws" + site.rasa_url[4:]}
    assert "'unsafe-inline'" not in csp and "*" not in csp
    with urllib.request.urlopen(site.url + "config.js") as r:
        assert site.rasa_url in r.read().decode()
    for path in ("../bot/web.py", "%2e%2e/bot/web.py", "..%2fbot%2fweb.py", "node_modules/socket.io-client/package.json",
                 "package.json", ".gitignore"):
        request = urllib.request.Request(site.url + path)
        # urllib would normalise "..": send the raw path.
        request.selector = "/" + path
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(request)
        assert missing.value.code == 404, path
