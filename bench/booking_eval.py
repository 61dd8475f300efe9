"""make booking-eval: do patients finish a booking, whatever they say?

Starts the assistant (bench/launcher.py: action server + Rasa server, a
throw-away clinic database) and drives it over REST and over the Twilio
webhook with signed requests:

* the simulated patients of bench/booking_personas.yml, each checked
  against the record stored afterwards (name, contact, time, reason, who
  the visit is for, changes and cancellations), not the wording of replies;
* the `eval` part of data/booking/real_requests.yml (sources never used for
  training): does each real booking request start the form, does each
  question about booking get an answer instead, and do changes,
  cancellations and status questions reach their action.

    .venv/bin/python bench/booking_eval.py [--model models/clinic.tar.gz] [--root DIR] [--show-misses]

--root runs another checkout's assistant (an earlier commit) with this
file's personas, for before/after figures.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import launcher  # noqa: E402
from bench.booking_sim import RED_FLAG, Patient, check_record, question_of  # noqa: E402

TWILIO_TOKEN = "bench-twilio-token-0123456789"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    model = Path(args.model or root / "models" / "clinic.tar.gz").resolve()
    personas = yaml.safe_load((ROOT / "bench" / "booking_personas.yml").read_text())["personas"]
    real = [dict(r, file=path.name) for path in sorted((ROOT / "data" / "booking").glob("real_requests*.yml"))
            for r in yaml.safe_load(path.read_text())["requests"] if r.get("split") == "eval"]
    os.environ.update({"TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "TWILIO_VALIDATE_SIGNATURE": "true",
                       "TWILIO_NUMBER": "+15557654321", "TWILIO_WEBHOOK_URL": ""})
    launcher.ROOT, launcher.BIN = root, root / ".venv" / "bin"
    logdir = ROOT / "results" / "booking-eval"
    with launcher.Stack("booking", model, logdir) as stack:
        from bot.store import Store

        store = Store(stack.env["DATABASE_URL"])
        results = [run_persona(stack.url, store, p) for p in personas]
        real_results = [run_real(stack.url, r) for r in real]
    report(results, real_results, args.show_misses)
    return 0


def run_persona(url: str, store, persona: dict) -> dict:
    patient = Patient(url, persona, TWILIO_TOKEN)
    try:
        patient.run()
    except Exception as error:   # a crash of the stack is a failed persona, not a failed benchmark
        patient.problems.append(f"error: {error}")
    problems = list(patient.problems)
    problems += check_record(store, patient, persona)
    return {"id": persona["id"], "ok": not problems, "problems": problems,
            "wrong_record": any(p.startswith("wrong") for p in problems),
            "red_flag": patient.red_flag, "transcript": patient.transcript}


def _say(url: str, sender: str, text: str) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(url + "/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return [m.get("text") or "" for m in json.loads(resp.read().decode() or "[]")]


ANSWERED = ("from the article", "(clinic information.)", "yes, we're open", "no, we're not open")
NOTED = "pass your question on"     # bot/messages.py BOOKING_QUESTION_NOTED
ACTION_WORDS = {"change": ("instead of", "move your request", "can't find a booking request"),
                "cancel": ("cancel your request", "can't find a booking request"),
                "status": ("reached the clinic", "can't find a booking request")}


def run_real(url: str, item: dict) -> dict:
    sender = "real-" + uuid.uuid4().hex[:12]
    replies = _say(url, sender, str(item["text"]))
    asked = question_of(replies)
    if item.get("also_books") and "what name and phone number or email" in " ".join(replies).lower():
        # A change that also books, with no request in this conversation: the
        # lookup is answered (nothing is stored under it), then the new booking.
        later = _say(url, sender, "Sam Lee, sam.lee@example.com")
        asked, replies = question_of(later), replies + later
    kind = item["kind"]
    text = " ".join(replies).lower()
    escalated = any(cue in text for cue in RED_FLAG)
    if kind == "request":
        ok = asked in ("name", "contact", "time", "reason", "confirm")
    elif kind == "question":
        ok = asked is None and "sorry, i don't know" not in text
    else:
        ok = any(w in text for w in ACTION_WORDS[kind])
        if item.get("also_books"):   # "move my thurs physio to fri, and book the next one": the form too
            ok = ok and asked in ("name", "contact", "time", "reason", "confirm")
    # A request that also asks a question: an answer (an article's, the
    # clinic's information or its hours) before the form's first question.
    answered = any(marker in reply.lower() for reply in replies[:-1] for marker in ANSWERED)
    noted = any(NOTED in reply.lower() for reply in replies[:-1])
    # The clinic's answer when clinic.yml does not hold that detail (prices,
    # cover, ...): the phone and an offer, not the answer itself.
    referred = "(clinic information.)" in text and "i don't have" in text
    return {"kind": kind, "ok": ok, "escalated": escalated and not ok, "text": item["text"], "file": item["file"],
            "reply": replies[-1:] if replies else [], "also_asks": bool(item.get("also_asks")),
            "also_books": bool(item.get("also_books")),
            "answered": answered, "noted": noted, "referred": referred}


def report(results: list, real: list, show_misses: bool) -> None:
    n = len(results)
    ok = sum(r["ok"] for r in results)
    wrong = sum(r["wrong_record"] for r in results)
    flags = sum(r["red_flag"] for r in results)
    print(f"\nSimulated patients: {n}")
    print(f"  ended with exactly the right stored record: {ok}/{n} = {100 * ok / n:.1f}%  (target >= 95%)")
    print(f"  wrong records stored: {wrong}  (target 0)")
    print(f"  red flags raised by booking answers: {flags}  (target 0)")
    for name in sorted({r["file"] for r in real}):
        report_real([r for r in real if r["file"] == name], name)
    if show_misses:
        print("\nPersonas that failed:")
        for r in results:
            if not r["ok"]:
                print(f"- {r['id']}: {'; '.join(r['problems'])}")
                for line in r["transcript"][-8:]:
                    print("    " + line[:220])
        print("\nReal messages that failed:")
        for r in real:
            if not r["ok"]:
                flag = " (red flag)" if r["escalated"] else ""
                print(f"- [{r['kind']}]{flag} {r['text']!r} -> {(r['reply'] or [''])[0][:120]!r}")


def report_real(real: list, name: str) -> None:
    sites = {r.get("source", "").split("/")[2] for r in real if r.get("source")}
    print(f"\nReal booking messages, {name} (evaluation part, sources never trained on):")
    for kind in ("request", "question", "change", "cancel", "status"):
        items = [r for r in real if r["kind"] == kind]
        if items:
            good = sum(r["ok"] for r in items)
            what = {"request": "start the form", "question": "answered, form not started"}.get(
                kind, "reach the right action")
            books = sum(bool(r["also_books"]) for r in items)
            if books:
                what += f" (and {books} that also book another visit: the form too)"
            print(f"  {kind:9s} {good:3d}/{len(items):3d} = {100 * good / len(items):5.1f}%  {what}"
                  + ("  (target 100%)" if kind == "request" else ""))
            if kind == "question":
                referred = sum(r["ok"] and r["referred"] for r in items)
                print(f"  {'':9s} {referred:3d}/{len(items):3d} of them: the clinic's answer without the detail "
                      f"(clinic.yml does not have it): its phone and an offer")
            if kind == "request":
                flagged = sum(r["escalated"] for r in items)
                print(f"  {'':9s} {flagged:3d}/{len(items):3d} escalated a red flag in the request first "
                      f"(safety first); started or escalated: {100 * (good + flagged) / len(items):.1f}%")
                both = [r for r in items if r["also_asks"]]
                if both:
                    fine = sum(r["ok"] and r["answered"] for r in both)
                    noted = sum(r["ok"] and r["noted"] and not r["answered"] for r in both)
                    print(f"  {'':9s} {fine:3d}/{len(both):3d} of the requests that also ask a question: "
                          f"answered, then the form; {noted} more: the question passed on with the request")
                plain = [r for r in items if not r["also_asks"] and (r["answered"] or r["noted"])]
                if both:
                    print(f"  {'':9s} {len(plain):3d}/{len(items) - len(both):3d} requests that ask nothing else "
                          f"got an answer or 'I'll pass your question on' anyway")


if __name__ == "__main__":
    t0 = time.time()
    code = main()
    print(f"\n(booking-eval took {time.time() - t0:.0f}s)")
    sys.exit(code)
