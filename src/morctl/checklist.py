"""`morctl checklist`: what each owner has due in a window, as GitHub task lines.

A task line is ``- [ ] Tue 24 Nov 09:00 Title — Other person <!-- morctl:KEY due=DAY -->``.
The comment carries the occurrence key and the day it is due, so a ticked checklist can be
read back as a completion log (see `morctl.logs`); everything else on the line is for people.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TextIO

from morctl.errors import UsageError
from morctl.expand import Occurrence, expand
from morctl.mdtext import inert
from morctl.workspace import Workspace

MARKER = "morctl:"
RHYTHM_MARKER = "morctl-rhythm:"


def _when(o: Occurrence) -> str:
    day = f"{o.day:%a} {o.day.day} {o.day:%b}"
    return f"{day} {o.start:%H:%M}" if o.start is not None else f"{day} (all day)"


def _label(ws: Workspace, o: Occurrence) -> str:
    # Title and name are made inert apart, as the log reader strips them apart again (a
    # title such as "Huddle (actions=blockers)" is no rating the manager typed).
    label = inert(o.title)
    if o.with_ is not None and o.with_ in ws.by_id:
        label += f" — {inert(ws.by_id[o.with_].name)}"
    return label


def _log_hint(ws: Workspace, o: Occurrence) -> str:
    act = ws.rhythm.activities[o.activity]
    # The workspace as the checklist was made with it: the line runs from the same folder.
    root = os.path.normpath(ws.root)
    # A folder whose name starts with a dash would be read as an option: ./-team is it.
    root = f"./{root}" if root.startswith("-") else root
    cmd = f"morctl log {shlex.quote(root)} {o.activity} --owner {o.owner}"
    if o.with_:
        cmd += f" --with {o.with_}"
    cmd += f" --date {o.day} --useful N --actions N"
    useful = act.admission.evidence.useful if act.admission and act.admission.evidence else None
    return f"`{cmd}`" + (f" — useful when: {_escape_md(useful)}" if useful else "")


def _escape_md(text: str) -> str:
    """Rhythm text as inert Markdown on one line: it opens no HTML comment (which could
    forge a ticked line a report reads), no box, link or emphasis, and on GitHub, where
    checklists are kept and pasted, no `@team` mention or `#12` link."""
    return inert(" ".join(text.split()))


def render_md(ws: Workspace, occs: list[Occurrence], first: date, last: date) -> str:
    # The rhythm's id, once a file (GitHub does not show it): a checklist saved into another
    # team's logs/ is refused there, as a calendar export of another rhythm is.
    out = [
        f"# {_escape_md(ws.rhythm.name)}: checklist {first} to {last}",
        f"<!-- {RHYTHM_MARKER} {ws.rhythm.id} -->",
        "",
    ]
    by_owner: dict[str, list[Occurrence]] = defaultdict(list)
    for o in occs:
        by_owner[o.owner].append(o)
    if not by_owner:
        starts = ws.rhythm.effective
        later = f": the rhythm takes effect on {starts}" if starts and last < starts else ""
        if not ws.people:
            later = (
                ": the workspace has no roster, so nobody owns a meeting (add org.yaml or org.csv)"
            )
        out += [f"Nothing is due in this window{later}.", ""]
    for owner in sorted(by_owner):
        person = ws.by_id[owner]
        out += [f"## {_escape_md(person.name)} ({owner})", ""]
        day = None
        for o in by_owner[owner]:
            if o.day != day:
                day = o.day
                if out[-1]:
                    out.append("")
                out += [f"### {o.day:%A} {o.day.day} {o.day:%B %Y}", ""]
            act = ws.rhythm.activities[o.activity]
            label = f"{_when(o)} {_label(ws, o)}"
            if o.status == "excused":
                out.append(f"- ~~{label}~~ — excused: {_escape_md(o.reason)}")
                continue
            moved = (
                f" (moved from {o.scheduled:%a} {o.scheduled.day} {o.scheduled:%b})"
                if o.moved
                else ""
            )
            out.append(f"- [ ] {label}{moved} <!-- {MARKER}{o.key} due={o.day} -->")
            if act.admission and act.admission.standard:
                out.append(f"  - Standard: {_escape_md(act.admission.standard)}")
            out += [f"  - {_escape_md(step)}" for step in act.checklist]
            out.append(f"  - Log: {_log_hint(ws, o)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_json(ws: Workspace, occs: list[Occurrence], first: date, last: date) -> str:
    people: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in occs:
        act = ws.rhythm.activities[o.activity]
        people[o.owner].append(
            {
                "key": o.key,
                "day": o.day.isoformat(),
                "time": None if o.start is None else f"{o.start:%H:%M}",
                "activity": o.activity,
                "title": o.title,
                "with": o.with_,
                "status": o.status,
                "reason": o.reason or None,
                "standard": act.admission.standard if act.admission else None,
                "steps": list(act.checklist),
            }
        )
    doc = {
        "window": {"from": first.isoformat(), "to": last.isoformat()},
        "people": [
            {"id": pid, "name": ws.by_id[pid].name, "items": items}
            for pid, items in sorted(people.items())
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Workspace, list[Occurrence], date, date], str]] = {
    "md": render_md,
    "json": render_json,
}


def work_week_start(workweek: tuple[int, ...]) -> int:
    """The weekday a work week starts on: the day after its longest run of days off
    (Sunday for [sun, mon, tue, wed, thu]; Monday for the usual week, or when every day
    is a workday)."""
    days = set(workweek)
    if len(days) == 7 or not days:
        return 0
    best, start = -1, 0
    for first in range(7):  # runs of days off that end the day before `first`
        run = 0
        while run < 7 and (first - 1 - run) % 7 not in days:
            run += 1
        if first in days and run > best:
            best, start = run, first
    return start


def shift_week(monday: date, workweek: tuple[int, ...]) -> tuple[date, date]:
    """An ISO week (from its Monday) as the team's work week: the seven days from the
    work week's first day nearest that Monday (Sun 22 - Sat 28 Nov for 2026-W48 and a
    Sunday-to-Thursday week)."""
    start = work_week_start(workweek)
    first = monday + timedelta(days=start if start <= 3 else start - 7)
    return first, first + timedelta(days=6)


def run(
    root: str,
    first: date,
    last: date,
    person: str | None,
    fmt: str,
    out: TextIO | None = None,
    week: bool = False,
    out_path: str | None = None,
) -> int:
    """``week``: the window is an ISO week (--week), to be read as the team's work week.
    ``out_path``: a new file to write (never an existing one: a saved checklist holds the
    ticks made in it)."""
    out = out or sys.stdout
    from morctl.people import person_id
    from morctl.validate import require_valid, runs_nothing

    if out_path is not None:
        _not_a_folder(out_path, first, last, person, fmt)
    if out_path is not None and os.path.lexists(out_path):
        _exists(out_path)
    if out_path is not None:
        _read_back(root, out_path, fmt)
    ws = require_valid(root, command=("checklist", "…"))
    person = person_id(ws, person)
    if note := runs_nothing(ws, person, offers_team=False):
        sys.stderr.write(note)
    if week:
        first, last = shift_week(first, ws.rhythm.workweek)
    occs = list(expand(ws, first, last, person, owners_only=True))
    # By the real start, which the lines print: on a daylight-saving day a slot read in
    # the clock's gap (01:00 → 02:00) would otherwise come before an earlier one.
    occs.sort(
        key=lambda o: (o.owner, o.day, o.timed, o.start.timestamp() if o.start else 0.0,
                       o.sort_key())
    )  # fmt: skip
    if not occs and person is not None and note is None:
        sys.stderr.write(_next_due(ws, person, last))
    text = FORMATS[fmt](ws, occs, first, last)
    if out_path is None:
        out.write(text)
        return 0
    from morctl.atomic import write_new

    if not write_new(out_path, text):  # it appeared while the checklist was being made
        _exists(out_path)
    sys.stderr.write(f"wrote the checklist to {out_path}\n")
    return 0


def _next_due(ws: Workspace, person: str, last: date) -> str:
    """For a person whose window is empty (a director whose one meeting is quarterly): when
    their next meeting is, and the week to ask for, so that "nothing is due" is not read
    as "nothing to do ever"."""
    from morctl.expand import iso_week

    start = max(last + timedelta(days=1), ws.rhythm.effective or last)
    for o in expand(ws, start, start + timedelta(days=400), person, owners_only=True):
        if o.status == "scheduled":
            title = ws.rhythm.activities[o.activity].title
            return (
                f"morctl: note: {person}'s next meeting is {title} on {o.day:%a %d %b %Y} "
                f"(--week {iso_week(o.day)})\n"
            )
    return f"morctl: note: {person} has no meeting in the next 400 days\n"


def _not_a_folder(out_path: str, first: date, last: date, person: str | None, fmt: str) -> None:
    """Refuse a folder (`--out reports/`, made or not), with a file in it to give instead:
    named as the docs name checklists, `priya-2026-W48.md`."""
    from morctl.outpath import need_file, window_name

    # A name or an e-mail (`--person "Priya Natarajan"`) makes a poor file name.
    who = person if person is not None and re.fullmatch(r"[\w-]+", person) else "checklist"
    need_file(out_path, f"{who}-{window_name(first, last)}.{fmt}", new=True)


def _read_back(root: str, out_path: str, fmt: str) -> None:
    """Refuse a checklist saved among the logs that they would not read back: its ticks
    would count for nothing, a week later, with only a rejected line in the report."""
    from pathlib import Path

    from morctl.logs import read_as_log

    if not read_as_log(Path(root) / "logs", out_path):
        return
    stem, suffix = os.path.splitext(os.path.basename(out_path))
    if fmt != "md":
        raise UsageError(
            f"--out {out_path}: a checklist in logs/ is read back only as Markdown, and "
            f"this one is {fmt}",
            "leave out --format to save the Markdown checklist there",
        )
    if suffix.lower() != ".md":
        raise UsageError(
            f"--out {out_path}: a checklist in logs/ is read back only from a .md file",
            f"name it {stem or 'checklist'}.md",
        )


def _exists(out_path: str) -> None:
    from morctl.atomic import dead_link

    if os.path.isdir(out_path):
        raise UsageError(f"--out {out_path} is a folder", "give the name of a new file in it")
    if why := dead_link(out_path):
        raise UsageError(f"--out {out_path} is {why}", "give the name of a new file")
    if os.path.exists(out_path) and not os.path.isfile(out_path):
        # /dev/stdout, /dev/null, a pipe: no ticks in it, but not a file to keep either.
        raise UsageError(
            f"--out {out_path} is not a file", "write to standard output with --out - (or none)"
        )
    raise UsageError(
        f"--out {out_path} exists already; a saved checklist holds the ticks made in it",
        "give a new file name (keep that one: its ticks are the week's log)",
    )
