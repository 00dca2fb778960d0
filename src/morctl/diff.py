"""`morctl diff`: what a change to a workspace does to people's weeks.

Both sides are read (`diffsides`), compared field by field (`diffwords`), for load
(`load.loads`, the Q4 numbers), for occurrences in the next 90 days or ``--days`` (the
engine) and for admission results (the MOR40x diagnostics of `checks`), into one
`DiffResult` that the formats in `diffrender` print.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

from morctl.diagnostics import Diagnostic
from morctl.diffadmission import AdmissionChange, admission_changes
from morctl.diffhistory import Orphaned, logs_folder, orphaned
from morctl.diffload import Budget, PersonLoad, RoleLoad, compare_loads
from morctl.diffpast import PastActivity, PastChange, past_activities, past_changes
from morctl.diffsides import Side, read_side
from morctl.diffwords import (
    Change,
    activity_changes,
    activity_text,
    rhythm_changes,
    roster_changes,
)
from morctl.expand import Engine, Occurrence, expand, wall_time
from morctl.values import format_duration
from morctl.workspace import Workspace

WINDOW_DAYS = 90  # the default of --days
MAX_DAYS = 3660  # ten years, the longest --from/--to window of the other commands


@dataclass(frozen=True)
class SideSummary:
    label: str
    id: str | None
    name: str | None
    errors: tuple[Diagnostic, ...]
    absent: bool = False  # the old side: a REV:path that the change adds


@dataclass(frozen=True)
class ActivityLine:
    """An added or removed activity, said in one line."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Moved:
    """An occurrence both sides have (the same key) at another day, time or length: a
    retimed meeting, a report re-slotted by the roster, a meeting a holiday moves."""

    key: str
    before: str  # `2026-03-03 09:00 for 30m`; with the time zone when it changes
    after: str
    # The owner's time zone on each side, in which the times are: a team spans London,
    # Paris and New York, and 14:30 alone does not say whose 14:30.
    timezone_before: str = ""
    timezone_after: str = ""

    def said(self) -> tuple[str, str]:
        """Before and after, each with its time zone after the time, for people to read:
        `2026-03-03 09:00 Europe/Paris for 30m` (an all-day occurrence has no time)."""
        if self.timezone_before != self.timezone_after:
            return self.before, self.after  # they name it already

        def zoned(text: str, tz: str) -> str:
            day, at, rest = text.split(" ", 2)
            return text if at == "all" or not tz else f"{day} {at} {tz} {rest}"

        return zoned(self.before, self.timezone_before), zoned(self.after, self.timezone_after)


@dataclass(frozen=True)
class RoleOccurrences:
    """Occurrence keys (scheduled, inside the window) added, removed and moved for one role."""

    role: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[Moved, ...] = ()

    def by_activity(self) -> list[tuple[str, int, int, int]]:
        """(activity, added, removed, moved), sorted by activity."""
        counts: dict[str, list[int]] = {}
        moved = tuple(m.key for m in self.moved)
        for i, keys in enumerate((self.added, self.removed, moved)):
            for key in keys:
                counts.setdefault(key.split("/", 1)[0], [0, 0, 0])[i] += 1
        return [(a, n[0], n[1], n[2]) for a, n in sorted(counts.items())]


@dataclass(frozen=True)
class DiffResult:
    old: SideSummary
    new: SideSummary
    same_rhythm: bool
    first: date
    last: date
    days: int = WINDOW_DAYS  # last - first + 1
    settings: tuple[Change, ...] = ()
    added: tuple[ActivityLine, ...] = ()
    removed: tuple[ActivityLine, ...] = ()
    changed: tuple[Change, ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()  # (activity, "old" | "new" | "both")
    # ("person ID" | "role ID" | "lever ID" | "people" | "roles" | "levers", side)
    unreadable_settings: tuple[tuple[str, str], ...] = ()
    role_loads: tuple[RoleLoad, ...] = ()
    person_loads: tuple[PersonLoad, ...] = ()
    broken: tuple[Budget, ...] = ()
    fixed: tuple[Budget, ...] = ()
    occurrences: tuple[RoleOccurrences, ...] = ()
    admission: tuple[AdmissionChange, ...] = ()
    notes: tuple[str, ...] = ()
    logs: str | None = None  # the logs/ folder read for the history the change orphans
    orphaned: tuple[Orphaned, ...] = ()
    orphaned_total: int = 0  # completions in all (one may name two people who leave)
    history_read: bool = True  # False: both sides from git, which bring no logs/
    # Warnings the new side has and the old side has not, and how many of the old side's
    # the new side no longer has; None when they are not compared (a side has errors).
    new_warnings: tuple[Diagnostic, ...] | None = None
    resolved_warnings: int | None = None
    # People whose days before today the change rewrites (added without `joined`, moved
    # without `manager_since`), then activities (added without `starting`, started
    # earlier, counted another way) and the rhythm's `effective` day moved earlier:
    # reports of past weeks change.
    past: tuple[PastChange | PastActivity, ...] = ()

    @property
    def changed_ids(self) -> list[str]:
        return sorted({c.subject for c in self.changed})


def _summary(side: Side) -> SideSummary:
    ws = side.workspace
    return SideSummary(
        side.label,
        ws.rhythm.id if ws else None,
        ws.rhythm.name if ws else None,
        side.errors,
        side.absent,
    )


def _broken_activities(ws: Workspace) -> set[str]:
    """The activities ``ws`` left out for an error, and those with a key written twice
    (MOR106: `area:` twice): of the two values, the one read need not be the one meant,
    so the activity is not compared, as one that cannot be read."""
    prefix = "activities."
    twice = {
        str(path[1])
        for path in ws.rhythm_positions.twice
        if len(path) > 1 and path[0] == "activities" and str(path[1]) in ws.rhythm.activities
    }
    return {b[len(prefix) :] for b in ws.broken if b.startswith(prefix)} | twice


# Sections whose entries, when one side cannot read them, are taken from the other side:
# a typo in one person's entry must not read as that person leaving with all their meetings.
_SUBJECT = {"people": "person", "roles": "role", "levers": "lever"}


def _unreadable_entries(old: Workspace, new: Workspace) -> list[tuple[str, str]]:
    """(subject, side) for each roster, role or lever entry (or whole section) that one
    side or both could not read."""
    found: dict[str, set[str]] = {}
    for ws, side in ((old, "old"), (new, "new")):
        for b in ws.broken:
            section, _, name = b.partition(".")
            if section in _SUBJECT:
                subject = f"{_SUBJECT[section]} {name}" if name else section
                found.setdefault(subject, set()).add(side)
    return [(k, "both" if len(v) == 2 else next(iter(v))) for k, v in sorted(found.items())]


# Rhythm settings that, when one side cannot read them, fall back to the model's default
# (workspace._validate_rhythm): compared as written, a typo would read as the setting reset
# and move every meeting it governs. They are taken from the other side instead.
_SETTINGS = ("timezone", "effective", "workweek", "fiscal_year_start", "holidays", "blackouts")


def _unreadable_settings(old: Workspace, new: Workspace) -> list[tuple[str, str]]:
    out = []
    for key in _SETTINGS:
        sides = [name for ws, name in ((old, "old"), (new, "new")) if ws.is_broken(key)]
        if sides:
            out.append((key, "both" if len(sides) == 2 else sides[0]))
    return out


def _settings_from(ws: Workspace, other: Workspace) -> Workspace:
    take = {k: getattr(other.rhythm, k) for k in _SETTINGS if ws.is_broken(k)}
    take = {k: v for k, v in take.items() if not other.is_broken(k)}
    if not take:
        return ws
    return dataclasses.replace(ws, rhythm=ws.rhythm.model_copy(update=take))


def _norm(name: str) -> str:
    """An id as a typo leaves it: `Alice` for alice, `Pipeline_review ` for pipeline_review."""
    return name.strip().casefold().replace("-", "_")


def _broken_names(ws: Workspace, section: str) -> set[str]:
    """The normalised names of the entries of ``section`` that ``ws`` could not read."""
    prefix = section + "."
    return {_norm(b[len(prefix) :]) for b in ws.broken if b.startswith(prefix)}


def _patched(ws: Workspace, other: Workspace) -> Workspace:
    """``ws`` with the entries it could not read taken from ``other``, so that they compare
    as unchanged: they are listed as "cannot be compared" instead."""
    # An entry ws could not read may be under a mistyped id (`Alice`, `Manager`): the
    # other side's entry of that id is taken, not reported as gone.
    missing = {
        section: {n for n in theirs if n not in mine and _norm(n) in _broken_names(ws, section)}
        for section, mine, theirs in (
            ("roles", ws.rhythm.roles, other.rhythm.roles),
            ("levers", ws.rhythm.levers, other.rhythm.levers),
        )
    }
    roles = {**ws.rhythm.roles, **{n: other.rhythm.roles[n] for n in missing["roles"]}}
    levers = {**ws.rhythm.levers, **{n: other.rhythm.levers[n] for n in missing["levers"]}}
    people = list(ws.people)
    if ws.is_broken("people"):
        people = list(other.people)
    else:
        broken = _broken_names(ws, "people")
        for i, p in enumerate(other.people):
            if p.id in ws.by_id or _norm(p.id) not in broken:
                continue
            # In its place, after the person before it on the other side: the order of a
            # manager's reports is the order of their back-to-back meetings.
            ids = [q.id for q in people]
            before = next((q.id for q in reversed(other.people[:i]) if q.id in ids), None)
            people.insert(ids.index(before) + 1 if before is not None else 0, p)
    if (roles, levers, people) == (ws.rhythm.roles, ws.rhythm.levers, list(ws.people)):
        return ws
    rhythm = ws.rhythm.model_copy(update={"roles": roles, "levers": levers})
    return dataclasses.replace(ws, rhythm=rhythm, people=tuple(people))


def _without(ws: Workspace, drop: set[str]) -> Workspace:
    """The workspace without ``drop``: activities one side cannot read are left out of
    both sides' load and occurrences, so they do not show up as removed or added."""
    if not drop & set(ws.rhythm.activities):
        return ws
    kept = {k: v for k, v in ws.rhythm.activities.items() if k not in drop}
    return dataclasses.replace(ws, rhythm=ws.rhythm.model_copy(update={"activities": kept}))


# When an occurrence happens, as compared between the sides: the day (after a holiday
# move), whether it is timed, the local start minute, the length and the owner's time zone.
When = tuple[date, bool, int, int, str]


def _when(o: Occurrence) -> When:
    return (o.day, o.timed, o.minute, o.minutes, o.timezone)


def _when_text(when: When, zone: bool) -> str:
    """``2026-03-03 09:00 for 30m``; the time zone too when it is what differs."""
    day, timed, minute, length, tz = when
    at = f"{wall_time(minute):%H:%M}" if timed else "all day"
    return f"{day} {at}{f' {tz}' if zone else ''} for {format_duration(length)}"


def _occurrences(
    ws: Workspace, first: date, last: date, guarded: bool
) -> tuple[dict[str, tuple[str, When]], set[str]]:
    """Scheduled occurrence keys → (owner role, when), and the ``activity/owner`` series
    that could not be expanded. On a side with errors each series is expanded on its own,
    so a broken cadence or time zone costs only its own occurrences."""
    roles = {p.id: p.role for p in ws.people}
    found: list[Occurrence] = []
    failed: set[str] = set()
    if not guarded:
        found = list(expand(ws, first, last))
    else:
        engine = Engine(ws)
        for aid, act in sorted(ws.rhythm.activities.items()):
            for owner in ws.holders.get(act.owner, ()):
                try:
                    # list() first: a failure half-way must not leave half a series
                    found += list(
                        expand(ws, first, last, activities={aid}, owners={owner.id}, engine=engine)
                    )
                except Exception:  # the side is already known to be invalid
                    failed.add(f"{aid}/{owner.id}")
    keys = {o.key: (roles.get(o.owner, "?"), _when(o)) for o in found if o.status == "scheduled"}
    return keys, failed


def _series(key: str) -> str:
    return "/".join(key.split("/", 2)[:2])


def _compare_occurrences(
    old: Workspace, new: Workspace, first: date, last: date, guard: tuple[bool, bool]
) -> tuple[tuple[RoleOccurrences, ...], list[str]]:
    before, failed_old = _occurrences(old, first, last, guard[0])
    after, failed_new = _occurrences(new, first, last, guard[1])
    skip = failed_old | failed_new
    notes = []
    if skip:
        notes.append(
            "occurrences not compared for " + ", ".join(sorted(skip)) + ": they cannot be "
            "expanded on a side with errors"
        )
    if not old.has_roster and not new.has_roster:
        notes.append("neither side has a roster, so there are no occurrences to compare")
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    moved: dict[str, list[Moved]] = {}
    for key in sorted(set(after) - set(before)):
        if _series(key) not in skip:
            added.setdefault(after[key][0], []).append(key)
    for key in sorted(set(before) - set(after)):
        if _series(key) not in skip:
            removed.setdefault(before[key][0], []).append(key)
    # The same occurrence on both sides at another time: neither added nor removed, but
    # the people in it must be told (a new report above others re-slots all after them).
    for key in sorted(set(before) & set(after)):
        (_, was), (role, now) = before[key], after[key]
        if was != now and _series(key) not in skip:
            zone = was[4] != now[4]
            moved.setdefault(role, []).append(
                Moved(key, _when_text(was, zone), _when_text(now, zone), was[4], now[4])
            )
    rows = tuple(
        RoleOccurrences(
            role,
            tuple(added.get(role, ())),
            tuple(removed.get(role, ())),
            tuple(moved.get(role, ())),
        )
        for role in sorted(set(added) | set(removed) | set(moved))
    )
    return rows, notes


# Where a warning's message says where something else is: another file's line
# (`org.yaml:10`, `main:emea/org.csv:3`), lines of its own file (`line 6`, `lines 12, 15
# and 19`, `lines 5–34, …`, `line 3, column 4`), the first day something happens (`first on
# Tue 2026-03-03`, which moves with a change of cadence though the clash is the same).
# Lines shift in any edit, so a warning is compared by its code and its message without
# them: the same warning a row further down is not new.
_FILE_PLACE = re.compile(r"\S*\.(?:ya?ml|csv):\d+(?::\d+)?")
_LINES = re.compile(
    r"\b(?:lines?|columns?) (?:\d+(?:–\d+)?|…)(?:(?:, | and |, column )(?:\d+(?:–\d+)?|…))*"
)
_FIRST_DAY = re.compile(r"\bfirst on (?:[A-Z][a-z]{2} )?\d{4}-\d{2}-\d{2}")


def _warning_key(d: Diagnostic) -> tuple[str, str]:
    message = _FILE_PLACE.sub("…", d.message)
    message = _LINES.sub("line …", message)
    return d.code, _FIRST_DAY.sub("first on …", message)


def _compare_warnings(old: Side, new: Side) -> tuple[tuple[Diagnostic, ...], int]:
    """The new side's warnings that the old side has not, and how many of the old side's
    the new side has not. Counted, not as sets: a second warning alike is a new one."""
    before = Counter(_warning_key(d) for d in old.diagnostics if d.severity == "warning")
    after = Counter(_warning_key(d) for d in new.diagnostics if d.severity == "warning")
    seen: Counter[tuple[str, str]] = Counter()
    brought = []
    for d in new.diagnostics:  # in validate's order: by file and line
        if d.severity != "warning":
            continue
        key = _warning_key(d)
        seen[key] += 1
        if seen[key] > before[key]:
            brought.append(d)
    return tuple(brought), sum((before - after).values())


def _same_rhythm(old: Workspace | None, new: Workspace | None) -> bool:
    """False only when both ids could be read and differ."""
    if old is None or new is None or old.is_broken("id") or new.is_broken("id"):
        return True
    return old.rhythm.id == new.rhythm.id


def window(
    old: Workspace | None, new: Workspace | None, today: date, days: int = WINDOW_DAYS
) -> tuple[date, date]:
    """The next ``days`` days from today, or from the rhythm's ``effective`` date when both
    sides start later (a rhythm not yet in force). Moving ``effective`` later removes the
    meetings until then: the window starts today, so that they show as removed."""
    dates = [ws.rhythm.effective for ws in (old, new) if ws is not None]
    first = today
    if dates and None not in dates:
        first = max(today, min(d for d in dates if d is not None))
    return first, first + timedelta(days=days - 1)


def _dated(ws: Workspace) -> set[tuple[str, date]]:
    """The days a side names, each with what it is: a change to one beyond the window is
    one whose meetings the diff does not count (a holiday four months out, a leaver)."""
    r = ws.rhythm
    found = {("effective", r.effective)} if r.effective else set()
    found |= {("holiday", d) for d in r.holidays.dates}
    found |= {("worked", d) for d in r.holidays.worked if isinstance(d, date)}
    for b in r.blackouts:
        found |= {(f"blackout {b.name} {b.activities}", d) for d in (b.from_, b.to)}
    for aid, act in r.activities.items():
        if act.cadence.starting is not None:
            found.add((f"{aid} starting", act.cadence.starting))
        if act.cadence.until is not None:
            found.add((f"{aid} until", act.cadence.until))
    for p in ws.people:
        for what, day in (("joined", p.joined), ("left", p.left), ("since", p.manager_since)):
            if day is not None:
                found.add((f"{p.id} {what} {p.previous_manager}", day))
        found |= {(f"{p.id} away", d) for a in p.away for d in (a.from_, a.to)}
    return found


def _beyond(old: Workspace, new: Workspace, first: date, last: date, days: int) -> str | None:
    """A note when the change moves a day after the window, and the --days that reach it."""
    later = sorted(d for _, d in _dated(old) ^ _dated(new) if d > last)
    if not later:
        return None
    # A day past the most --days allows (a blackout to 2099 that retires an activity) is
    # named as such: no --days reaches it, so none is advised for it.
    reach = [d for d in later if (d - first).days + 1 <= MAX_DAYS]
    beyond = f"beyond the {MAX_DAYS} days diff compares at most"
    head = f"changes beyond the next {days} days are not counted"
    if not reach:
        return f"{head} (the first on {later[0]}, {beyond})"
    need = max(365, (reach[-1] - first).days + 1)
    unreached = f" ({later[-1]} is {beyond})" if later[-1] not in reach else ""
    return f"{head} (the first on {later[0]}); use --days {need}{unreached}"


def compare(old: Side, new: Side, today: date, days: int = WINDOW_DAYS) -> DiffResult:
    """Everything that differs between two sides, for the ``days`` that start ``today``."""
    ows, nws = old.workspace, new.workspace
    first, last = window(ows, nws, today, days)
    notes: list[str] = []
    for side, name in ((old, "old"), (new, "new")):
        if side.absent:
            notes.append(
                f"the {name} side ({side.label}) does not exist: the whole rhythm is new, so "
                "nothing is compared; `morctl validate` checks it"
            )
        elif side.workspace is None or side.workspace.is_broken("activities"):
            notes.append(
                f"the {name} side ({side.label}) cannot be read as a rhythm, so nothing is "
                "compared; its errors are listed"
            )
    same = _same_rhythm(ows, nws)
    if ows is None or nws is None or notes:
        return DiffResult(_summary(old), _summary(new), same, first, last, days, notes=tuple(notes))
    entries = tuple(_unreadable_entries(ows, nws)) + tuple(_unreadable_settings(ows, nws))
    if entries:
        ows, nws = _patched(ows, nws), _patched(nws, ows)
        ows, nws = _settings_from(ows, nws), _settings_from(nws, ows)
        first, last = window(ows, nws, today, days)
    bad_old, bad_new = _broken_activities(ows), _broken_activities(nws)
    unreadable = tuple(
        (aid, "both" if aid in bad_old and aid in bad_new else "old" if aid in bad_old else "new")
        for aid in sorted(bad_old | bad_new)
    )
    o, n = ows.rhythm.activities, nws.rhythm.activities
    # An activity one side cannot read, under its id or a mistyped one (`Pipeline_review`),
    # is neither removed nor added: it cannot be compared.
    broken = {_norm(a) for a in bad_old | bad_new}
    skip = bad_old | bad_new | {a for a in set(o) | set(n) if _norm(a) in broken}
    added = [a for a in sorted(set(n) - set(o)) if a not in skip]
    removed = [a for a in sorted(set(o) - set(n)) if a not in skip]
    changed = [c for a in sorted(set(o) & set(n)) for c in activity_changes(a, o[a], n[a])]
    settings = rhythm_changes(ows.rhythm, nws.rhythm) + roster_changes(ows, nws)
    if ows.is_broken("id") or nws.is_broken("id"):  # an id one side cannot read is no change
        settings = [c for c in settings if (c.subject, c.field) != ("rhythm", "id")]
    cold, cnew = _without(ows, skip), _without(nws, skip)
    loads = compare_loads(cold, cnew)
    occurrences, more = _compare_occurrences(
        cold, cnew, first, last, (bool(old.errors), bool(new.errors))
    )
    if note := _beyond(ows, nws, first, last, days):
        more.append(note)
    logs = logs_folder((old.folder, new.folder))
    history, total = orphaned(ows, nws, logs, skip) if logs is not None else ([], 0)
    warnings: tuple[Diagnostic, ...] | None = None
    resolved: int | None = None
    if invalid := [name for side, name in ((old, "old"), (new, "new")) if side.errors]:
        # A side with errors is checked only where they do not reach, so a warning may be
        # missing there; the others are still worth a reviewer's eye (an error over
        # capacity leaves every meeting's hours checked), so they are compared, and the
        # reader is told the comparison may be short of some.
        both = len(invalid) == 2
        more.append(
            f"the {' and '.join(invalid)} side{'s have' if both else ' has'} errors: "
            f"{'their' if both else 'its'} checks leave out what the errors touch, so the "
            "warnings compared may be short of some; `morctl validate` lists "
            f"{'their' if both else 'its'} warnings"
        )
    warnings, resolved = _compare_warnings(old, new)
    unread = old.folder is None and new.folder is None
    if unread:
        # A side read from git brings no logs: say the history was not checked, rather
        # than let "0 rejected" read as checked and clean.
        more.append(
            "logged history not checked: a side read from git brings no logs/; give the "
            "new side as a folder to count the completions this change would orphan"
        )
    return DiffResult(
        old=_summary(old),
        new=_summary(new),
        same_rhythm=same,
        first=first,
        last=last,
        days=days,
        settings=tuple(settings),
        added=tuple(ActivityLine(a, n[a].title, activity_text(n[a])) for a in added),
        removed=tuple(ActivityLine(a, o[a].title, activity_text(o[a])) for a in removed),
        changed=tuple(changed),
        unreadable=unreadable,
        unreadable_settings=entries,
        role_loads=loads.roles,
        person_loads=loads.people,
        broken=loads.broken,
        fixed=loads.fixed,
        occurrences=occurrences,
        admission=tuple(admission_changes(old, new, skip)),
        notes=tuple(more),
        logs=os.path.normpath(str(logs)) if logs is not None else None,
        orphaned=tuple(history),
        orphaned_total=total,
        history_read=not unread,
        new_warnings=warnings,
        resolved_warnings=resolved,
        past=(*past_changes(ows, nws, today), *past_activities(ows, nws, today, skip)),
    )


def run(old: str, new: str, fmt: str, out: TextIO | None = None, days: int = WINDOW_DAYS) -> int:
    """Print what changes from ``old`` to ``new``; exit 0 once both sides could be read."""
    from morctl import clock
    from morctl.diffrender import FORMATS

    before, after = read_side(old), read_side(new, new=True)
    result = compare(before, after, clock.today(), days)
    (out or sys.stdout).write(FORMATS[fmt](result))
    return 0
