"""Staff command line: booking requests and red-flag escalations.

    .venv/bin/python -m bot.staff list [--status new]      booking requests, new first
    .venv/bin/python -m bot.staff show ID
    .venv/bin/python -m bot.staff mark ID STATUS           new|contacted|booked|cancelled
    .venv/bin/python -m bot.staff export --csv [FILE]      all requests as CSV
    .venv/bin/python -m bot.staff red-flags [--limit N]
    .venv/bin/python -m bot.staff handovers [--status new]   requests for a person, new first
    .venv/bin/python -m bot.staff handover ID                 one request with its conversation
    .venv/bin/python -m bot.staff resume ID                   mark contacted; the assistant answers again
    .venv/bin/python -m bot.staff close ID                    mark closed; the assistant answers again
    .venv/bin/python -m bot.staff flush                       store requests kept while the database was down
    .venv/bin/python -m bot.staff forget PHONE|EMAIL|CONVERSATION   erase one patient's data (bot/erasure.py)
    .venv/bin/python -m bot.staff purge [--older-than DAYS]   erase everything older (default RETENTION_DAYS)

Console accounts and the audit trail: bot/staff_accounts.py (add-user, set-password, users, audit).
Every command that shows or changes a patient's record is written to the audit trail.
"""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from bot.booking import describe
from bot.handover import HAND_BACK_NOTES
from bot.staff_accounts import actor, add_commands
from bot.store import BOOKING_STATUSES, HANDOVER_STATUSES, get_store

FIELDS = ["id", "status", "created_at", "name", "for_whom", "contact", "preferred_time", "reason", "question",
          "channel", "conversation_id"]


def _when(iso: str) -> str:
    try:
        return describe(iso)
    except ValueError:
        return iso


def _list(args: argparse.Namespace) -> int:
    rows = get_store().bookings(status=args.status)
    if not rows:
        print("No booking requests.")
        return 0
    updates = {}
    for update in reversed(get_store().booking_updates(limit=100000)):
        updates[update.booking_id] = update   # the newest per request
    print(f"{'ID':>5}  {'STATUS':10}  {'RECEIVED (UTC)':16}  {'NAME':24}  {'CONTACT':26}  PREFERRED")
    for r in rows:
        print(f"{r.id:>5}  {r.status:10}  {r.created_at:%Y-%m-%d %H:%M}  {r.name[:24]:24}  "
              f"{r.contact[:26]:26}  {_when(r.preferred_time)}{_asked(updates.get(r.id))}"
              f"{'  [has a QUESTION]' if r.question else ''}")
    return 0


def _asked(update) -> str:
    """What the patient asked since: a cancellation or a new time, for staff to confirm."""
    if update is None or update.status != "new":
        return ""
    if update.kind == "cancel":
        return "  [patient asks to CANCEL]"
    return f"  [patient asks to MOVE to {_when(update.preferred_time or '')}]"


def _show(args: argparse.Namespace) -> int:
    row = get_store().booking(args.id)
    if row is None:
        print(f"No booking request {args.id}.", file=sys.stderr)
        return 1
    for field in FIELDS:
        value = getattr(row, field)
        print(f"{field:16} {_when(value) if field == 'preferred_time' else value}")
    for update in get_store().booking_updates(row.id):
        print(f"{'asked':16} {update.created_at:%Y-%m-%d %H:%M} {update.kind}"
              f"{' to ' + _when(update.preferred_time) if update.preferred_time else ''} ({update.status})")
    return 0


def _mark(args: argparse.Namespace) -> int:
    if not get_store().set_booking_status(args.id, args.status):
        print(f"No booking request {args.id}.", file=sys.stderr)
        return 1
    print(f"Request {args.id} is now {args.status}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from bot.export import write_bookings
    from bot.private_files import private_open

    # The export holds patients' names and contacts: owner-only (0600).
    out = private_open(args.file, "w", newline="", encoding="utf-8") if args.file else sys.stdout
    try:
        count = write_bookings(out, get_store().bookings(limit=100000))
        get_store().audit(actor(), "exported", f"bookings:{count}", via="cli")
    finally:
        if args.file:
            out.close()
    return 0


def _red_flags(args: argparse.Namespace) -> int:
    events = get_store().red_flags(limit=args.limit)
    if not events:
        print("No red-flag escalations recorded.")
        return 0
    print(f"{'ID':>5}  {'WHEN (UTC)':19}  {'LEVEL':9}  {'SIGN':28}  {'SOURCE':8}  {'CHANNEL':10}  CONVERSATION")
    for e in events:
        print(f"{e.id:>5}  {e.created_at:%Y-%m-%d %H:%M:%S}  {e.level:9}  {e.sign[:28]:28}  "
              f"{e.source:8}  {e.channel[:10]:10}  {e.conversation_id}")
    return 0


def _handovers(args: argparse.Namespace) -> int:
    rows = get_store().handovers(status=args.status)
    if not rows:
        print("No hand-over requests.")
        return 0
    print(f"{'ID':>5}  {'STATUS':10}  {'RECEIVED (UTC)':16}  {'CHANNEL':10}  {'CONTACT':26}  CONVERSATION")
    for r in rows:
        print(f"{r.id:>5}  {r.status:10}  {r.created_at:%Y-%m-%d %H:%M}  {r.channel[:10]:10}  "
              f"{(r.contact or '-')[:26]:26}  {r.conversation_id}")
    return 0


def _handover(args: argparse.Namespace) -> int:
    row = get_store().handover(args.id)
    if row is None:
        print(f"No hand-over request {args.id}.", file=sys.stderr)
        return 1
    for field in ("id", "status", "created_at", "updated_at", "channel", "contact", "conversation_id"):
        print(f"{field:16} {getattr(row, field) or '-'}")
    print("conversation:")
    for line in (row.context or "").splitlines():
        print("  " + line)
    return 0


def _set_handover(args: argparse.Namespace, status: str) -> int:
    store = get_store()
    row = store.handover(args.id)
    if row is None:
        print(f"No hand-over request {args.id}.", file=sys.stderr)
        return 1
    store.set_handover_status(args.id, status)
    print(f"Hand-over {args.id} is now {status}.")
    try:
        from bot.conversations import resume_conversation

        if resume_conversation(row.conversation_id, HAND_BACK_NOTES[status]):
            print(f"Conversation {row.conversation_id}: the assistant answers again.")
        else:
            print(f"Conversation {row.conversation_id} was not found in the tracker store; "
                  f"the assistant will resume at the patient's next message.")
    except Exception as error:  # the status change above already ends the pause
        print(f"Could not update the conversation ({error}); the assistant will resume at "
              f"the patient's next message.", file=sys.stderr)
    return 0


def _flush(args: argparse.Namespace) -> int:
    from bot.spool import get_spool

    spool = get_spool()
    waiting = len(spool.pending())
    stored = spool.flush(get_store())
    print(f"Stored {stored} of {waiting} waiting booking request(s).")
    return 0 if stored == waiting else 1


def _forget(args: argparse.Namespace) -> int:
    from bot import erasure
    from bot.spool import Spool
    from bot.store import tracker_store_url

    removed = erasure.forget(args.who, get_store(), tracker_store_url(), Spool())
    print(erasure.describe(removed, args.who))
    return 0


def _purge(args: argparse.Namespace) -> int:
    from bot import erasure
    from bot.store import tracker_store_url

    days = args.older_than or erasure.retention_days()
    removed = erasure.purge(days, get_store(), tracker_store_url())
    print(erasure.describe(removed, f"everything older than {days} days"))
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    import signal

    if hasattr(signal, "SIGPIPE"):   # `... | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(prog="python -m bot.staff", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="booking requests, new ones first")
    listing.add_argument("--status", choices=BOOKING_STATUSES)
    listing.set_defaults(run=_list)
    show = sub.add_parser("show", help="one booking request")
    show.add_argument("id", type=int)
    show.set_defaults(run=_show)
    mark = sub.add_parser("mark", help="set a booking request's status")
    mark.add_argument("id", type=int)
    mark.add_argument("status", choices=BOOKING_STATUSES)
    mark.set_defaults(run=_mark)
    export = sub.add_parser("export", help="booking requests as CSV")
    export.add_argument("--csv", action="store_true", required=True)
    export.add_argument("file", nargs="?")
    export.set_defaults(run=_export)
    flags = sub.add_parser("red-flags", help="list red-flag escalations, newest first")
    flags.add_argument("--limit", type=int, default=100)
    flags.set_defaults(run=_red_flags)
    handovers = sub.add_parser("handovers", help="requests to talk to a person, new ones first")
    handovers.add_argument("--status", choices=HANDOVER_STATUSES)
    handovers.set_defaults(run=_handovers)
    one = sub.add_parser("handover", help="one hand-over request with its conversation")
    one.add_argument("id", type=int)
    one.set_defaults(run=_handover)
    resume = sub.add_parser("resume", help="mark a hand-over contacted; the assistant answers again")
    resume.add_argument("id", type=int)
    resume.set_defaults(run=lambda a: _set_handover(a, "contacted"))
    close = sub.add_parser("close", help="mark a hand-over closed; the assistant answers again")
    close.add_argument("id", type=int)
    close.set_defaults(run=lambda a: _set_handover(a, "closed"))
    flush = sub.add_parser("flush", help="store booking requests kept while the database was down")
    flush.set_defaults(run=_flush)
    forget = sub.add_parser("forget", help="erase one patient's data: phone, email or conversation id")
    forget.add_argument("who")
    forget.set_defaults(run=_forget)
    purge = sub.add_parser("purge", help="erase everything older than the retention period")
    purge.add_argument("--older-than", type=int, default=None, metavar="DAYS")
    purge.set_defaults(run=_purge)
    add_commands(sub)
    args = parser.parse_args(argv)
    status = args.run(args)
    if status == 0 and args.command in AUDITED:
        get_store().audit(actor(), AUDITED[args.command].format(status=getattr(args, "status", "")),
                          _target(args), via="cli")
    return status


# Commands that show or change patients' records; erasures name no patient.
AUDITED = {"show": "viewed", "mark": "booking -> {status}", "handover": "viewed", "resume": "handover -> contacted",
           "close": "handover -> closed", "forget": "erased a patient's data", "purge": "purged old records",
           "list": "listed bookings", "handovers": "listed handovers", "red-flags": "listed red flags"}


def _target(args: argparse.Namespace) -> str:
    kind = "booking" if args.command in ("show", "mark") else "handover"
    return f"{kind}:{args.id}" if hasattr(args, "id") else ""


if __name__ == "__main__":
    sys.exit(main())
