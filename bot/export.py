"""Booking requests as CSV, for the CLI (`bot.staff export`) and the
console's download: one column list, and no cell a spreadsheet would run
as a formula (CSV injection)."""
from __future__ import annotations

import csv
from typing import IO, Iterable

FIELDS = ("id", "status", "created_at", "name", "for_whom", "contact", "preferred_time", "reason",
          "question", "channel", "conversation_id")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_bookings(out: IO[str], rows: Iterable) -> int:
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    count = 0
    for row in rows:
        writer.writerow([cell(getattr(row, field)) for field in FIELDS])
        count += 1
    return count
