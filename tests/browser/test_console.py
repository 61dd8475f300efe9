"""The staff console in real Chromium, next to the real assistant and the
widget: sign-in and sign-out, a forged (CSRF-less) POST refused, a booking
made through the REST channel in the inbox and its status changed, and a
hand-over answered live: the reply typed in the console appears in the
patient's open widget (a second browser context), the paused assistant
stays quiet, and a red flag still escalates. Screenshots go to results/."""
import os
import time

import pytest

from bot.store import Store
from tests.browser.test_widget import bubbles, open_widget_by_keyboard, say, settle
from tests.e2e.server import ROOT

PASSWORD = "correct horse battery"
# Screenshots of each run (docs/console-*.png are copies of one, for the README).
SHOTS = ROOT / "results"


@pytest.fixture(scope="module")
def staff_page(browser, console):
    store = Store(os.environ["DATABASE_URL"])
    if not any(u.name == "rosa" for u in store.staff_users()):
        store.add_user("rosa", PASSWORD, role="admin")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the console: {errors}"


def sign_in(page, console, password=PASSWORD):
    page.goto(console + "/inbox")
    assert "/sign-in" in page.url          # no session: the sign-in page
    page.get_by_label("Name").fill("rosa")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_refuses_a_wrong_password_and_a_forged_post(staff_page, console):
    sign_in(staff_page, console, password="not the password at all")
    assert staff_page.get_by_role("alert").inner_text() == "That name and password do not match an account."
    forged = staff_page.request.post(console + "/bookings/1/status", form={"status": "booked"})
    assert forged.status == 400


def test_a_rest_booking_reaches_the_inbox_and_its_status_changes(staff_page, console, site):
    bot, sender = site.assistant, "browser-console-booking"
    bot.say(sender, "I'd like to book an appointment please")
    bot.say(sender, "Jamie Rivera")
    bot.say(sender, "(310) 555-0177")
    bot.say(sender, "next Friday at 11am")
    bot.say(sender, "my lower back has been stiff for a while")
    assert "passed on" in bot.say(sender, "yes")
    sign_in(staff_page, console)
    assert staff_page.url.endswith("/inbox")
    row = staff_page.get_by_role("row").filter(has_text="Jamie Rivera")
    assert "+13105550177" in row.inner_text()
    row.get_by_role("combobox").select_option("contacted")
    row.get_by_role("button", name="Save").click()
    row = staff_page.get_by_role("row").filter(has_text="Jamie Rivera")
    assert "contacted" in row.locator(".status").inner_text()
    staff_page.screenshot(path=str(SHOTS / "console-inbox.png"))


def test_a_hand_over_answered_live_from_the_console(staff_page, console, site, browser):
    patient_context = browser.new_context(viewport={"width": 1280, "height": 860})
    patient = patient_context.new_page()
    patient.goto(site.url)
    open_widget_by_keyboard(patient)
    settle(patient, bubbles(patient, "bot"), 0)
    assert "passed your request" in say(patient, "can I talk to a real person please")

    staff_page.goto(console + "/inbox?kind=handovers")
    staff_page.get_by_role("link", name="Open the conversation").first.click()
    assert "can I talk to a real person please" in staff_page.locator("#transcript").inner_text()
    before = bubbles(patient, "bot").count()
    staff_page.get_by_label("Reply to the patient").fill("Hi, this is Rosa at the clinic. How can I help?")
    sent = time.time()
    staff_page.get_by_role("button", name="Send").click()
    reply = settle(patient, bubbles(patient, "bot"), before, timeout=10)
    assert any("this is Rosa" in text for text in reply) and time.time() - sent < 5
    assert "Sent to the patient." in staff_page.inner_text("main")

    # While staff handle it the assistant stays quiet; a red flag still escalates.
    assert "added that to your request" in say(patient, "how long does a session last?")
    assert "emergency" in say(patient, "now I suddenly can't control my bladder").lower()
    # The console's copy of the conversation refreshes by itself.
    transcript = staff_page.locator("#transcript")
    deadline = time.time() + 10
    while "can't control my bladder" not in transcript.inner_text() and time.time() < deadline:
        staff_page.wait_for_timeout(200)
    assert "how long does a session last?" in transcript.inner_text()
    assert "staff (rosa): Hi, this is Rosa" in transcript.inner_text()
    staff_page.screenshot(path=str(SHOTS / "console-handover.png"), full_page=True)
    patient_context.close()


def test_sign_out_ends_the_session(staff_page, console):
    staff_page.goto(console + "/inbox")
    staff_page.get_by_role("button", name="Sign out").click()
    staff_page.goto(console + "/inbox")
    assert "/sign-in" in staff_page.url
