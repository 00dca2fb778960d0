"""Regenerate examples/acme/logs/: sixteen weeks of completion logs, seeded.

    python examples/gen_acme_logs.py            # rewrites examples/acme/logs/
    python examples/gen_acme_logs.py COPY       # writes COPY/logs/ (COPY: a copy of acme)

The managers differ the way real ones do:
- priya runs everything, on time, and her reps rate it well;
- tomasz logs everything but rates it useless and records no actions (hollow);
- marcus was solid until the last month, then slipped; his October is a calendar export;
- alice was on leave for a week in August (excused by the calendar), skips a few with
  reasons, logs some entries late, and ticked one week's checklist instead of logging;
- dana (the VP) runs her roll-ups and the quarterly business review.
Occurrences come from morctl's own engine, so the logs match the rhythm exactly.
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from morctl.checklist import render_md
from morctl.expand import Occurrence, expand
from morctl.validate import require_valid

ROOT = Path(__file__).resolve().parent / "acme"
FIRST, LAST = date(2026, 8, 3), date(2026, 11, 22)
SLIP_FROM = date(2026, 10, 26)
CHECKLIST_WEEK = (date(2026, 11, 9), date(2026, 11, 15))  # alice ticks this week's list
EXPORT_MONTH = (date(2026, 10, 1), date(2026, 10, 31))  # marcus's calendar export
COLUMNS = ("date", "activity", "owner", "with", "status", "useful", "actions", "note", "reason")
NOTES = ("Rep asked for help on pricing", "Ran over; finish next week", "Good energy, clear asks")
REASONS = ("Customer workshop all day", "Rep off sick", "Board prep clashed")


def _row(rnd: random.Random, o: Occurrence) -> dict[str, str] | None:
    """What this owner logged for this occurrence, if anything."""
    owner = o.owner
    late = 0
    useful, actions = rnd.randint(4, 5), rnd.randint(1, 3)
    if owner == "priya":
        if rnd.random() < 0.03:
            return None
    elif owner == "tomasz":
        useful, actions = rnd.randint(1, 2), 0
        if rnd.random() < 0.05:
            return None
    elif owner == "marcus":
        if rnd.random() < (0.5 if o.day >= SLIP_FROM else 0.05):
            return None
        useful, actions = rnd.randint(3, 5), rnd.randint(0, 2)
        late = rnd.choice((0, 0, 1, 2)) if o.day >= SLIP_FROM else 0
    elif owner == "alice":
        if rnd.random() < 0.06:
            return {"status": "skipped", "reason": rnd.choice(REASONS), "late": "0"}
        if rnd.random() < 0.05:
            return None
        useful, actions = rnd.randint(3, 5), rnd.randint(0, 2)
        late = rnd.choice((0, 0, 0, 1, 3))
    else:  # dana
        if rnd.random() < 0.08:
            return None
    note = rnd.choice(NOTES) if rnd.random() < 0.05 else ""
    return {
        "status": "done",
        "useful": str(useful),
        "actions": str(actions),
        "note": note,
        "late": str(late),
    }


def main(root: Path = ROOT) -> None:
    """Rewrite ``root/logs`` (a test regenerates them in a copy to check they are current)."""
    # From inside the workspace, so that the checklist's log lines read `morctl log . ...`
    # as a manager's own `morctl checklist .` writes them.
    here = Path.cwd()
    os.chdir(root)
    try:
        _generate()
    finally:
        os.chdir(here)


def _generate() -> None:
    ws = require_valid(".")
    rnd = random.Random(20261122)
    logs = Path("logs")
    if logs.exists():
        shutil.rmtree(logs)
    (logs / "checklists").mkdir(parents=True)
    (logs / "calendar").mkdir(parents=True)
    (logs / ".gitkeep").write_text("", encoding="utf-8")
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    ticked: dict[str, dict[str, str]] = {}
    exported: list[Occurrence] = []
    occurrences = list(expand(ws, FIRST, LAST))
    days_of: dict[str, set[date]] = defaultdict(set)
    for o in occurrences:
        days_of[o.key[:-10]].add(o.day)
    for o in occurrences:
        if o.status != "scheduled":
            continue
        got = _row(rnd, o)
        if got is None:
            continue
        if o.owner == "alice" and CHECKLIST_WEEK[0] <= o.day <= CHECKLIST_WEEK[1]:
            if got["status"] == "done":
                ticked[o.key] = got
            continue
        if o.owner == "marcus" and EXPORT_MONTH[0] <= o.day <= EXPORT_MONTH[1]:
            exported.append(o)
            continue
        day = o.day + timedelta(days=int(got.pop("late")))
        if day != o.day and day in days_of[o.key[:-10]]:
            day = o.day  # logged late onto the next meeting's day would read as that one
        rows[f"{day:%Y-%m}"].append(
            {
                "date": day.isoformat(),
                "activity": o.activity,
                "owner": o.owner,
                "with": o.with_ or "",
                **got,
            }
        )
    for month, items in sorted(rows.items()):
        with open(logs / f"{month}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(items)
    _checklist(ws, ticked, logs / "checklists" / "alice-2026-W46.md")
    _calendar_export(ws, exported, logs / "calendar" / "marcus-2026-10.ics")


def _checklist(ws: object, ticked: dict[str, dict[str, str]], path: Path) -> None:
    """Alice's checklist for the week, as `morctl checklist` writes it, boxes ticked."""
    from morctl.workspace import Workspace

    assert isinstance(ws, Workspace)
    occs = list(expand(ws, *CHECKLIST_WEEK, "alice", owners_only=True))
    text = render_md(ws, occs, *CHECKLIST_WEEK)
    out = []
    for line in text.splitlines():
        m = re.search(r"<!-- morctl:(\S+) ", line)
        if m and m.group(1) in ticked:
            got = ticked[m.group(1)]
            marker = line.index(" <!--")
            line = line.replace("- [ ]", "- [x]", 1)
            line = (
                f"{line[: marker - 0]} useful={got['useful']} actions={got['actions']}"
                f"{line[marker:]}"
                if got["useful"]
                else line
            )
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _calendar_export(ws: object, occs: list[Occurrence], path: Path) -> None:
    """Marcus's October as his calendar app exports it: one event per meeting held."""
    from morctl import icaltext as ic
    from morctl.workspace import Workspace

    assert isinstance(ws, Workspace)
    # The header Google Calendar writes to an export: morctl's own PRODID would mark the
    # file as a feed it wrote, which the log readers refuse (it is the plan).
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ic.escape_text(ws.by_id['marcus'].name)}",
        "X-WR-TIMEZONE:America/New_York",
    ]
    for o in occs:
        assert o.start is not None and o.end is not None
        lines += [
            "BEGIN:VEVENT",
            f"UID:{o.key}@{ws.rhythm.id}.morctl",
            "DTSTAMP:20261101T090000Z",
            f"DTSTART:{ic.format_utc(o.start)}",
            f"DTEND:{ic.format_utc(o.end)}",
            f"SUMMARY:{ic.escape_text(o.title)}",
            "STATUS:CONFIRMED",
            "END:VEVENT",
        ]
    lines += ic.calendar_footer()
    path.write_bytes(ic.serialize(lines).encode("utf-8"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
