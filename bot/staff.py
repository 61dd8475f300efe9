"""Staff command line: review what the assistant recorded.

    .venv/bin/python -m bot.staff red-flags [--limit N]
"""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from bot.store import get_store


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


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.staff", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    flags = sub.add_parser("red-flags", help="list red-flag escalations, newest first")
    flags.add_argument("--limit", type=int, default=100)
    flags.set_defaults(run=_red_flags)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
