"""The cadence of each activity, checked without expanding it (DESIGN.md §6): what a
cadence must say (`starting` for every N weeks, `on`), times outside working hours (with
each_report slots run back to back), selectors that never fire, days outside the
workweek, all-day items longer than a day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from morctl.checkbase import diag, workweek_sound
from morctl.diagnostics import Diagnostic
from morctl.expand import slot_minute
from morctl.model import Activity
from morctl.values import DAY_END, DAY_START, WEEKDAYS, Selector, format_duration
from morctl.workspace import Workspace


def cadence_checks(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    r = ws.rhythm
    c = act.cadence
    base = ("activities", aid, "cadence")
    name = f"activities.{aid}.cadence"
    unit = c.every.unit
    if unit == "week" and not c.weekdays:
        yield diag(
            ws,
            "error",
            "MOR212",
            f"{name}: a weekly cadence needs 'on' (e.g. on: tue)",
            None,
            *base,
        )
    if unit in ("month", "quarter", "year") and c.selector is None:
        yield diag(
            ws,
            "error",
            "MOR212",
            f"{name}: a {unit} cadence needs 'on' with a day selector",
            "e.g. on: last business day, on: 2nd wed, on: day 10",
            *base,
        )
    if unit == "week" and c.every.n > 1 and c.starting is None and r.effective is None:
        yield diag(
            ws,
            "error",
            "MOR211",
            f"{name}: 'every: {c.every}' needs 'starting' (or the rhythm's 'effective') "
            "to know which weeks count",
            "add starting: YYYY-MM-DD",
            *base,
            "every",
        )
    if unit == "week" and c.every.n > 1 and c.weekdays:
        yield from _first_block(ws, aid, act)
    yield from _ends_before_start(ws, aid, act)
    # A workweek in error (empty, a day twice: MOR209) is the one mistake to report; days
    # outside it and selectors it makes impossible would only repeat it.
    sound = workweek_sound(r.workweek)
    for day in c.weekdays if sound else ():
        if day not in r.workweek:
            yield diag(
                ws,
                "warning",
                "MOR503",
                f"{name}: {WEEKDAYS[day]} is not in the workweek, so it is never a business day",
                "choose a workweek day",
                *base,
                "on",
            )
    if c.selector is not None and sound:
        problem = never_fires(c.selector, unit, frozenset(r.workweek))
        if problem:
            yield diag(
                ws,
                "error",
                "MOR502",
                f"{name}: '{c.selector}' can never fire: {problem}",
                "pick a day that every period has",
                *base,
                "on",
            )
        elif c.selector.kind == "weekday" and c.selector.weekday not in r.workweek:
            yield diag(
                ws,
                "warning",
                "MOR503",
                f"{name}: '{c.selector}' is never a business day",
                None,
                *base,
                "on",
            )
    if c.at is not None:
        slots = _most_reports(ws, act) if act.with_ == "each_report" else 1
        end_minutes = slot_minute(c.at, c.for_, max(slots, 1))  # the last slot's end
        # Every slot happens on the day its cadence gives (a calendar series, a checklist
        # line, the window a report counts): a slot that would start after midnight would
        # be put on the wrong day.
        late = next((k for k in range(slots) if slot_minute(c.at, c.for_, k) >= 24 * 60), None)
        if late is not None:
            yield diag(
                ws,
                "error",
                "MOR507",
                f"{name}: {slots} reports back to back from {c.at:%H:%M}, "
                f"{format_duration(c.for_)} each: report {late + 1} would start at "
                f"{_clock(slot_minute(c.at, c.for_, late), start=True)}; every slot must "
                "start on the day the cadence gives",
                "start the run earlier, or shorten `for`",
                *base,
                "at",
            )
        if c.at < DAY_START or end_minutes > DAY_END.hour * 60:
            end = _clock(end_minutes)
            yield diag(
                ws,
                "warning",
                "MOR501",
                f"{name}: {c.at:%H:%M}–{end}"
                + (f" ({slots} reports back to back)" if slots > 1 else "")
                + " is outside working hours (07:00–19:00 local)",
                "managers skip what lands outside their day",
                *base,
                "at",
            )
    if c.at is None and c.for_ > 24 * 60:
        yield diag(
            ws,
            "warning",
            "MOR506",
            f"{name}: an all-day item costing {format_duration(c.for_)} is more than a day",
            None,
            *base,
            "for",
        )


def _clock(minutes: int, start: bool = False) -> str:
    """Minutes after the start of the day as HH:MM, naming the day when a run crosses
    midnight: 16 slots of 45m from 13:00 end at "01:00 the next day", not at "01:00". An
    end at midnight is "24:00"; a start then is "00:00 the next day"."""
    days, rest = divmod(minutes, 24 * 60)
    text = f"{rest // 60:02d}:{rest % 60:02d}"
    if days == 1 and rest == 0 and not start:
        return "24:00"
    if days:
        text += " the next day" if days == 1 else f" {days} days later"
    return text


def _most_reports(ws: Workspace, act: Activity) -> int:
    """The longest run of back-to-back slots: the largest team (or the role's span)."""
    if not ws.has_roster:
        role = ws.rhythm.roles.get(act.owner)
        return role.span or 1 if role else 1
    owners = ws.holders.get(act.owner, ())
    return max((ws.largest_team(p, act.report_role) for p in owners), default=1)


def never_fires(sel: Selector, unit: str, workweek: frozenset[int]) -> str | None:
    # The most days / weekdays / business days any period of this kind can hold.
    days = {"month": 31, "quarter": 92, "year": 366}[unit]
    n = abs(sel.n)
    if sel.kind == "day" and n > days:
        return f"no {unit} has {n} days"
    if sel.kind == "weekday" and n > -(-days // 7):
        return f"no {unit} has {n} of that weekday"
    if sel.kind == "business":
        most = most_workdays(days, workweek)
        if n > most:
            return f"a {unit} has at most {most} business days"
    return None


def most_workdays(days: int, workweek: frozenset[int]) -> int:
    """The most workweek days that ``days`` consecutive days can hold, whichever weekday
    they start on: with [mon, wed, fri], 31 days hold 12 + at most 2 more, not 12 + 3."""
    full, rest = divmod(days, 7)
    return full * len(workweek) + max(
        sum((start + k) % 7 in workweek for k in range(rest)) for start in range(7)
    )


def _first_block(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    """MOR511: `every: N weeks` counts blocks of N ISO weeks from the week that holds its
    start (`starting`, else the rhythm's `effective`), and the days of that week before the
    start are not held. A start after every `on` day of its week (a Friday for a Monday
    meeting: "every other Monday from 1 January") puts the first meeting N weeks on, not
    in the next week, as people read it."""
    c = act.cadence
    start = c.starting or ws.rhythm.effective
    if start is None:
        return
    monday = start - timedelta(days=start.weekday())
    if any(monday + timedelta(days=d) >= start for d in c.weekdays):
        return
    first_day = min(c.weekdays)
    meant = monday + timedelta(days=7 + first_day)
    held = monday + timedelta(days=7 * c.every.n + first_day)
    which = "starting" if c.starting else "the rhythm's effective date"
    yield diag(
        ws,
        "warning",
        "MOR511",
        f"activities.{aid}.cadence: {which} {start} is a {start:%A}, after every 'on' day "
        f"of its week: 'every: {c.every}' counts from that week, so the first meeting is "
        f"{held:%a} {held}, not {meant:%a} {meant}",
        f"to meet from {meant:%a} {meant}, write starting: {meant}; to keep {held:%a} {held}, "
        f"write starting: {held}",
        "activities",
        aid,
        "cadence",
        *(("starting",) if c.starting else ("every",)),
    )


def _ends_before_start(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    """MOR208, as for a blackout: `until` before the first day the cadence may fire (its
    `starting`, else the rhythm's `effective`, the later of the two) leaves the activity
    no day at all, most likely two dates the wrong way round or a year mistyped."""
    c = act.cadence
    if c.until is None:
        return
    effective = ws.rhythm.effective
    if c.starting is not None and c.until < c.starting:
        which, start = "'starting'", c.starting
        hint = "swap the two dates; both days are included"
    elif effective is not None and c.until < effective:
        which, start = "the rhythm's 'effective'", effective
        hint = (
            f"write a day on or after {effective} (the last day it may run, included); an "
            "activity that ended before the rhythm began has no day in it: remove it"
        )
    else:
        return
    yield diag(
        ws,
        "error",
        "MOR208",
        f"activities.{aid}.cadence: 'until' {c.until} is before {which} {start}, so it never runs",
        hint,
        "activities",
        aid,
        "cadence",
        "until",
    )
