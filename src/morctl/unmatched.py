"""Why a completion matches no meeting of the rhythm, in the words that `morctl report`
(beside each unplanned completion) and `morctl log` (in its warning) share.

The words hold ids, dates, file names and lines, and the calendar's own reasons (holiday,
weekend, away, a blackout's name): never a note, a skip's reason or any other free text
of a log row. ``named`` ("pipeline_review with oliver") is given by `log`, whose warning
follows the row it wrote; a report lists the row's activity, owner and report beside
the reason, so it leaves ``named`` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from morctl.completion import Completion
from morctl.diagnostics import visible
from morctl.values import WEEKDAYS
from morctl.workspace import Workspace


def _of(named: str | None) -> str:
    return f" of {named}" if named else ""


def period_words(ws: Workspace, activity: str, first: date, last: date) -> str:
    """The cadence period [first, last] of an activity: 'on Mon 2026-11-23', 'in its week
    (2026-11-23 to 2026-11-29)', 'in its 2-week block (...)', 'in its month (...)'."""
    every = ws.rhythm.activities[activity].cadence.every
    span = every.unit if every.n == 1 else f"{every.n}-{every.unit} block"
    return f"on {first:%a} {first}" if first == last else f"in its {span} ({first} to {last})"


def rows_words(held: Sequence[Completion]) -> str:
    """The records that have a period's meetings, by file, line and date (three at most)."""
    return ", ".join(f"{visible(c.file)}:{c.line} on {c.day}" for c in held[:3])


def all_taken(where: str, held: Sequence[Completion], named: str | None = None) -> str:
    """Every meeting of the period has its completion: this one is one too many."""
    return f"every meeting{_of(named)} {where} has its completion already ({rows_words(held)})"


def excused_day(day: date, reason: str, named: str | None = None) -> str:
    """The calendar excuses the meeting of the completion's own day: it takes none."""
    return f"the calendar already excuses {named or 'the meeting'} on {day} ({reason})"


def others_taken(where: str, held: Sequence[Completion]) -> str:
    """Said after `excused_day` when the period's other meetings have their completions."""
    return f", and its other meetings {where} have theirs ({rows_words(held)})"


def excused_all(where: str, reasons: Iterable[str], named: str | None = None) -> str:
    """The calendar excuses every meeting of the period (a holiday, a blackout, leave)."""
    why = ", ".join(sorted(set(reasons)))
    return f"the calendar excuses every meeting{_of(named)} {where} ({why})"


def no_meeting(ws: Workspace, day: date, where: str, named: str | None = None) -> str:
    """The period holding ``day`` has no meeting of the series at all (a Saturday for a
    daily huddle, the off week of a cadence, a week before a new hire's first 1:1)."""
    why = f"no meeting{_of(named)} is scheduled {where}"
    week = ws.rhythm.workweek
    if day.weekday() not in week:
        why += f", outside the workweek ({', '.join(WEEKDAYS[d] for d in week)})"
    return why


def nearest(day: date) -> str:
    return f"the nearest meeting is on {day:%a} {day}"


def outside_team(ws: Workspace, c: Completion) -> tuple[str, str] | None:
    """Why no meeting with the owner or the report is held on ``c``'s day: one of them had
    left the team by then, or not joined yet (the roster's `left` and `joined` days), or
    the report was in the other team of a change of team (`manager_since`).
    Returns the words and the roster key that says so; None when both were in the team."""
    for pid in (c.owner, c.with_):
        p = ws.by_id.get(pid) if pid is not None else None
        if p is not None and p.left is not None and c.day > p.left:
            return f"{pid} left the team on {p.left:%a} {p.left}", "left"
        if p is not None and p.joined is not None and c.day < p.joined:
            return f"{pid} joined the team on {p.joined:%a} {p.joined}", "joined"
    rep = ws.by_id.get(c.with_) if c.with_ is not None else None
    since = rep.manager_since if rep is not None else None
    if rep is not None and since is not None and rep.manager_on(c.day) != c.owner:
        # The owner is their manager on the other side of the change (`not_theirs` tells
        # an owner who never was).
        return f"{rep.id} moved to {rep.manager}'s team on {since:%a} {since}", "manager_since"
    return None


def not_theirs(ws: Workspace, c: Completion) -> tuple[str, str] | None:
    """Why the rhythm has no such series at all: the owner's role does not run the activity
    (``role``), the report is another manager's (``report``), or of a role the activity is
    not held with (``report_role``). Returns the words and which; None when it has."""
    act = ws.rhythm.activities[c.activity]
    owner = ws.by_id[c.owner]
    rep = ws.by_id.get(c.with_) if c.with_ else None
    if owner.role != act.owner:
        why = f"{c.owner} ({owner.role}) does not run {c.activity}; the {act.owner} role does"
        return why, "role"
    if rep is not None and owner.id not in rep.managers:
        boss = f"{rep.manager}'s" if rep.manager else "nobody's"
        return f"{rep.id} is {boss} direct report, not {c.owner}'s", "report"
    if rep is not None and act.report_role is not None and rep.role != act.report_role:
        return (
            f"{c.activity} is held only with reports whose role is {act.report_role}, and "
            f"{rep.id}'s is {rep.role}",
            "report_role",
        )
    return None


def before_start(ws: Workspace, c: Completion) -> str | None:
    """Words for a completion dated before the rhythm's `effective` date (the caller knows
    its period has no meeting, which it would otherwise count for); None when it is not."""
    start = ws.rhythm.effective
    if start is None or c.day >= start:
        return None
    why = f"{c.day} is before the rhythm takes effect ({start})"
    unit = ws.rhythm.activities[c.activity].cadence.every.unit
    # A month, say, can hold a meeting after `effective`, which the completion is then for.
    return why if unit == "day" else f"{why}, and no meeting of its {unit} comes after"


def after_end(ws: Workspace, c: Completion) -> str | None:
    """Words for a completion dated after its activity's `until` (the caller knows its
    period has no meeting, which it would otherwise count for); None when it is not."""
    end = ws.rhythm.activities[c.activity].cadence.until
    if end is None or c.day <= end:
        return None
    return f"{c.day} is after {c.activity} ends (until: {end})"
