"""Staff accounts of the console, from the command line (bot.staff):

    .venv/bin/python -m bot.staff add-user NAME [--role admin|staff]   asks for the password twice
    .venv/bin/python -m bot.staff set-password NAME
    .venv/bin/python -m bot.staff users
    .venv/bin/python -m bot.staff audit [--limit N]                     who did what, newest first
    .venv/bin/python -m bot.staff suggestions [FILE]                    staff review marks as NLU examples

CONSOLE_PASSWORD in the environment replaces the prompt (scripts and tests).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from bot.store import STAFF_ROLES, get_store


def actor() -> str:
    """Who runs the CLI, for the audit trail: the operating-system account."""
    try:
        return "cli:" + getpass.getuser()
    except Exception:   # no user name in a bare container
        return "cli:unknown"


def _password() -> str:
    if os.environ.get("CONSOLE_PASSWORD"):
        return os.environ["CONSOLE_PASSWORD"]
    first = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("The same password again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _add_user(args: argparse.Namespace) -> int:
    try:
        get_store().add_user(args.name, _password(), role=args.role)
    except ValueError as error:
        print(f"Not added: {error}.", file=sys.stderr)
        return 1
    get_store().audit(actor(), f"added {args.role} user", f"user:{args.name}", via="cli")
    print(f"Added {args.role} user {args.name}.")
    return 0


def _set_password(args: argparse.Namespace) -> int:
    try:
        changed = get_store().set_password(args.name, _password())
    except ValueError as error:
        print(f"Not changed: {error}.", file=sys.stderr)
        return 1
    if not changed:
        print(f"No user {args.name}.", file=sys.stderr)
        return 1
    get_store().audit(actor(), "set password", f"user:{args.name}", via="cli")
    print(f"Password of {args.name} changed.")
    return 0


def _users(_args: argparse.Namespace) -> int:
    for user in get_store().staff_users():
        print(f"{user.name:24} {user.role:6} {'active' if user.active else 'disabled'}")
    return 0


def _audit(args: argparse.Namespace) -> int:
    for event in get_store().audit_events(limit=args.limit):
        print(f"{event.created_at:%Y-%m-%d %H:%M:%S}  {event.via:7}  {event.actor[:24]:24}  "
              f"{event.action[:28]:28}  {event.target}")
    return 0


def _suggestions(args: argparse.Namespace) -> int:
    from bot.private_files import private_open
    from bot.review import suggestions_yaml

    marks = get_store().review_marks()
    text = suggestions_yaml(marks)
    if args.file:
        with private_open(args.file, "w", encoding="utf-8") as out:   # patients' words: owner-only
            out.write(text)
    else:
        sys.stdout.write(text)
    get_store().audit(actor(), "exported suggestions", f"marks:{len(marks)}", via="cli")
    return 0


def add_commands(sub) -> None:
    add = sub.add_parser("add-user", help="a console account (asks for its password)")
    add.add_argument("name")
    add.add_argument("--role", choices=STAFF_ROLES, default="staff")
    add.set_defaults(run=_add_user)
    password = sub.add_parser("set-password", help="a new password for a console account")
    password.add_argument("name")
    password.set_defaults(run=_set_password)
    sub.add_parser("users", help="console accounts").set_defaults(run=_users)
    audit = sub.add_parser("audit", help="who viewed, exported or changed what, newest first")
    audit.add_argument("--limit", type=int, default=100)
    audit.set_defaults(run=_audit)
    suggestions = sub.add_parser("suggestions", help="messages staff marked as misunderstood, as NLU examples")
    suggestions.add_argument("file", nargs="?")
    suggestions.set_defaults(run=_suggestions)
