"""One simulated patient of `make booking-eval`: answers what the assistant
asks, over REST or the Twilio webhook (signed as Twilio signs), and the
check of what was stored for them."""
from __future__ import annotations

import itertools
import json
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from typing import List, Optional
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

# What the assistant is asking for, by the words of its question (the last
# message that asks something wins: an answer to a question may come first).
QUESTIONS = (("confirm", ("is that correct?",)),
             ("field", ("which part would you like to change",)),
             # A request made in another conversation: name and contact asked.
             ("lookup", ("what name and phone number or email did you give",)),
             ("contact", ("phone number or email", "shall i use this number", "email address doesn't",
                          "phone number doesn't")),
             ("time", ("what day and time", "what time on", "which day would suit", "which other day",
                       "which time between", "already passed", "day and time in the future")),
             ("name", ("what name should i put", "didn't catch a name")),
             ("reason", ("what would you like help with", "in a few words what")))
DONE = ("has been passed on to", "i've kept your request")
RED_FLAG = ("this could be an emergency", "please see a doctor", "i want to make sure you're safe")
TWILIO_PATH = "/webhooks/twilio/webhook"


def question_of(replies: List[str]) -> Optional[str]:
    for reply in reversed(replies):
        low = reply.lower()
        for name, cues in QUESTIONS:
            if any(cue in low for cue in cues):
                return name
    return None


# Each simulated SMS patient writes from a number of their own (each run
# has a fresh database): drawn at random, two of 20 once shared one and the
# check found "2 records".
_PHONE_SUFFIXES = itertools.count()


class Patient:
    def __init__(self, url: str, persona: dict, twilio_token: str) -> None:
        self.url, self.persona, self.token = url, persona, twilio_token
        self.twilio = persona.get("channel") == "twilio"
        self.sender = f"+1424555{next(_PHONE_SUFFIXES) % 10000:04d}" if self.twilio else "eval-" + uuid.uuid4().hex[:12]
        self.transcript: List[str] = []
        self.problems: List[str] = []
        self.red_flag = False
        self.stored = False
        self._asked: dict = {}
        self._scripted: set = set()

    def say(self, text: str) -> List[str]:
        replies = self._twilio(text) if self.twilio else self._rest(text)
        self.transcript.append(f"> {text}")
        self.transcript += [f"< {r}" for r in replies]
        low = " ".join(replies).lower()
        self.red_flag |= any(cue in low for cue in RED_FLAG)
        self.stored |= any(cue in low for cue in DONE)
        return replies

    def _rest(self, text: str) -> List[str]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        req = urllib.request.Request(self.url + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return [m.get("text") or "" for m in json.loads(resp.read().decode() or "[]")]

    def _twilio(self, text: str) -> List[str]:
        from twilio.request_validator import RequestValidator

        url = self.url + TWILIO_PATH
        form = {"Body": text, "From": self.sender, "To": "+15557654321", "NumMedia": "0",
                "MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32,
                "SmsStatus": "received", "ApiVersion": "2010-04-01"}
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                   "X-Twilio-Signature": RequestValidator(self.token).compute_signature(url, form)}
        req = urllib.request.Request(url, data=urlencode(form).encode(), headers=headers, method="POST")
        with urllib.request.urlopen(req, timeout=60) as resp:
            root = ET.fromstring(resp.read().decode())
        return [m.text or "" for m in root.findall("Message")]

    def _answer(self, field: str) -> Optional[str]:
        for line in self.persona.get("script") or []:
            key = (line["at"], line["say"])
            if line["at"] == field and key not in self._scripted:
                self._scripted.add(key)
                return line["say"]
        if field == "confirm":
            return self.persona.get("confirm", "yes")
        value = (self.persona.get("answers") or {}).get(field)
        if isinstance(value, list):
            index = self._asked.get(field, 0)
            self._asked[field] = index + 1
            return value[min(index, len(value) - 1)]
        return value

    def run(self, max_turns: int = 14) -> None:
        replies = self.say(self.persona["start"])
        for cue in self.persona.get("first_expect") or []:
            if cue not in " ".join(replies).lower():
                self.problems.append(f"first reply lacks {cue!r}")
        self._answer_all(replies, max_turns)
        for line in self.persona.get("then") or []:
            replies = self.say(line)
        for cue in self.persona.get("then_expect") or []:
            if cue not in " ".join(replies).lower():
                self.problems.append(f"last reply lacks {cue!r}")
        if self.persona.get("then_answers"):
            # The last `then` line also booked a new visit: the form again.
            self.persona = dict(self.persona, answers=self.persona["then_answers"], script=[])
            self.stored, self._asked = False, {}
            self._answer_all(replies, max_turns)

    def _answer_all(self, replies: List[str], max_turns: int) -> None:
        for _ in range(max_turns):
            if self.stored:
                break
            field = question_of(replies)
            if field is None:
                break
            answer = self._answer(field)
            if answer is None and field == "lookup":
                break                       # the patient made no request elsewhere
            if answer is None:
                self.problems.append(f"no answer scripted for {field}")
                break
            replies = self.say(answer)
            if field == "confirm" and answer.lower().startswith(("no", "cancel")):
                break


def _expected_day(spec: dict, today: date) -> Optional[date]:
    if "in_days" in spec:
        return today + timedelta(days=spec["in_days"])
    return None


def when_matches(iso: str, spec: dict, today: date) -> bool:
    try:
        when = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return False
    if when.hour != spec.get("hour") or when.minute != spec.get("minute", 0):
        return False
    if "weekday" in spec:
        ahead = (when.date() - today).days
        weeks = spec.get("weeks_ahead", 0)
        return when.weekday() == spec["weekday"] and 7 * weeks <= ahead <= 7 * weeks + 7
    if "in_days" in spec:
        return when.date() == _expected_day(spec, today)
    return when.day == spec["day"] and ("month" not in spec or when.month == spec["month"]) \
        and 0 <= (when.date() - today).days <= 62


def check_record(store, patient: Patient, persona: dict) -> List[str]:
    """What is wrong with what was stored for this patient ('wrong ...' for a
    stored record with a wrong field, 'missing ...' when nothing was stored)."""
    from bot.names import TWILIO_CONVERSATION_PREFIX
    from bot.store import BookingRequest

    expect = persona.get("expect") or {}
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    with store.session() as session:
        conversation = (TWILIO_CONVERSATION_PREFIX if patient.twilio else "") + patient.sender
        rows = session.query(BookingRequest).filter_by(conversation_id=conversation).all()
    if expect.get("none"):
        return [f"wrong: {len(rows)} record(s) stored, none expected"] if rows else []
    expected = [expect] + ([persona["expect_new"]] if persona.get("expect_new") else [])
    if len(rows) != len(expected):
        return [f"missing: {len(rows)} records stored"] if len(rows) < len(expected) else [f"wrong: {len(rows)} records"]
    rows = sorted(rows, key=lambda r: r.id)
    problems = [p for row, spec in zip(rows[1:], expected[1:]) for p in _fields(row, spec, patient, today)]
    row = rows[0]
    problems += _fields(row, expect, patient, today)
    update = persona.get("expect_update")
    if update:
        updates = store.booking_updates(row.id)
        if not updates or updates[0].kind != update["kind"]:
            problems.append(f"missing {update['kind']} update")
        elif "when" in update and not when_matches(updates[0].preferred_time, update["when"], today):
            problems.append(f"wrong update time {updates[0].preferred_time!r}")
    return problems


def _fields(row, expect: dict, patient: Patient, today: date) -> List[str]:
    problems = []
    contact = patient.sender if expect.get("contact") == "sender" else expect.get("contact")
    if row.name != expect.get("name"):
        problems.append(f"wrong name {row.name!r}")
    if row.contact != contact:
        problems.append(f"wrong contact {row.contact!r}")
    if not when_matches(row.preferred_time, expect.get("when") or {}, today):
        problems.append(f"wrong time {row.preferred_time!r}")
    if str(expect.get("reason", "")).lower() not in (row.reason or "").lower():
        problems.append(f"wrong reason {row.reason!r}")
    if (row.for_whom or None) != expect.get("for_whom"):
        problems.append(f"wrong for_whom {row.for_whom!r}")
    # A question passed on with the request, only when one was asked.
    question = expect.get("question")
    if bool(row.question) != bool(question) or (question and question.lower() not in row.question.lower()):
        problems.append(f"wrong question {row.question!r}")
    return problems
