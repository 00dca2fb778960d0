"""`morctl expand`: every occurrence in a window, as a table, CSV, JSON or JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date, time
from typing import Any, TextIO

from morctl.expand import Occurrence, expand, iso_span

MIDNIGHT = time(0)
COLUMNS = (
    "key",
    "activity",
    "title",
    "owner",
    "with",
    "attendees",
    "start",
    "end",
    "all_day",
    "timezone",
    "status",
    "reason",
)


def record(o: Occurrence) -> dict[str, Any]:
    """The public shape of an occurrence (DESIGN.md §7)."""
    if o.start is None:
        start, end = o.day.isoformat(), date.fromordinal(o.day.toordinal() + 1).isoformat()
    else:
        assert o.end is not None
        start, end = o.start.isoformat(), o.end.isoformat()
    return {
        "key": o.key,
        "activity": o.activity,
        "title": o.title,
        "owner": o.owner,
        "with": o.with_,
        "attendees": list(o.attendees),
        "start": start,
        "end": end,
        "all_day": o.start is None,
        "timezone": o.timezone,
        "status": o.status,
        "reason": o.reason or None,
    }


def defuse(cell: str) -> str:
    """Spreadsheets run cells that start with = + - @ (or a tab/CR) as formulas."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _csv_cell(text: str) -> str:
    """One CSV cell, defused, quoted only when it must be (RFC 4180)."""
    text = defuse(text)
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(occs: Iterable[Occurrence], out: TextIO) -> None:
    """CSV for a warehouse: ISO 8601 times with offsets, true/false, empty for none.

    Rows are assembled by hand rather than with csv.writer: the columns that repeat for
    a whole series are rendered once, and times once per instant, which makes writing
    millions of rows several times faster. Cells that need it are quoted as csv would.
    """
    out.write(",".join(COLUMNS) + "\n")
    series: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
    rows: list[str] = []
    for o in occs:
        # The key without its date names the series; its attendees change with the day
        # when someone joins or leaves the team.
        name = (o.key[:-10], o.attendees)
        parts = series.get(name)
        if parts is None:
            middle = ",".join(
                (o.activity, _csv_cell(o.title), o.owner, o.with_ or "", ";".join(o.attendees))
            )
            flag = "true," if o.start is None else "false,"
            parts = series[name] = (middle, flag + o.timezone)
        if o.start is None:
            start = o.day.isoformat()
            end = date.fromordinal(o.day.toordinal() + 1).isoformat()
        else:
            # The nominal start minute (at + the report's slot) resolves exactly as the
            # engine resolved it, memoized per (zone, day, minute).
            start, end = iso_span(o.timezone, o.day, MIDNIGHT, o.minute, o.minutes)
        reason = _csv_cell(o.reason) if o.reason else ""
        rows.append(f"{o.key},{parts[0]},{start},{end},{parts[1]},{o.status},{reason}\n")
        if len(rows) >= 8192:
            out.write("".join(rows))
            rows.clear()
    out.write("".join(rows))


def write_json(occs: Iterable[Occurrence], out: TextIO) -> None:
    out.write("[")
    first = True
    for o in occs:
        out.write("\n  " if first else ",\n  ")
        out.write(json.dumps(record(o), ensure_ascii=False))
        first = False
    out.write("\n]\n" if not first else "]\n")


def write_jsonl(occs: Iterable[Occurrence], out: TextIO) -> None:
    for o in occs:
        out.write(json.dumps(record(o), ensure_ascii=False) + "\n")


def write_table(occs: Iterable[Occurrence], out: TextIO) -> None:
    # Each day and time is the owner's, in their zone: named, or 09:00 in Paris, London and
    # New York would read as one moment.
    header = ("day", "time", "zone", "owner", "activity", "with", "status", "reason")
    rows = []
    for o in occs:
        when = "all day" if o.start is None else f"{o.start:%H:%M}"
        day = f"{o.day:%a %Y-%m-%d}"
        rows.append((day, when, o.timezone, o.owner, o.activity, o.with_ or "", o.status, o.reason))
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    for r in (header, *rows):
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"{len(rows)} occurrence{'s' * (len(rows) != 1)}\n")


FORMATS: dict[str, Callable[[Iterable[Occurrence], TextIO], None]] = {
    "table": write_table,
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
}


def run(
    root: str, first: date, last: date, person: str | None, fmt: str, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    from morctl.people import person_id
    from morctl.validate import require_valid

    ws = require_valid(root, command=("expand", "…"))
    person = person_id(ws, person)
    if not ws.people:
        sys.stderr.write(
            "morctl: warning: the workspace has no roster, so nobody has "
            "occurrences; add org.yaml or org.csv\n"
        )
    from morctl.progress import track_days
    from morctl.yamlload import gc_paused

    occurrences = track_days(expand(ws, first, last, person), "expanding", first, last)
    with gc_paused():  # millions of small tuples, none in a cycle: nothing to collect
        FORMATS[fmt](occurrences, out)
    return 0
