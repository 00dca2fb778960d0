"""MOR510: a meeting inside the owner's working day but outside an attendee's.

MOR501 reads `at` in the owner's zone; a VP's 16:00 Chicago forecast call with the team is
02:00 for the manager in Dubai. This check reads each meeting's start and end in every
attendee's own zone (a `team` meeting's reports, an `each_report` slot's report), on one
day a week over the next twelve months, so that the weeks between two countries'
daylight-saving changes are seen too. The work is per distinct (activity, owner zone,
attendee zone, slot): a large organisation has thousands of owners but few such
combinations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from morctl.diagnostics import Diagnostic, joined
from morctl.expand import local_span
from morctl.model import Person
from morctl.values import DAY_END, DAY_START
from morctl.workspace import Workspace

SHOWN = 3  # people named in a message; the rest are counted


def attendee_hours(
    ws: Workspace, start: date, end: date, sound: set[str], known: Callable[[Person], bool]
) -> Iterator[Diagnostic]:
    """MOR510 for the activities in ``sound`` (whose cadence can be expanded); ``known``:
    whether a person's own zone and country are known (the others are reported
    elsewhere)."""
    if not ws.has_roster:
        return
    # One pass over the roster for the reports in another zone than their manager's: in
    # most organisations a team shares its manager's zone, and nothing more is done.
    rz = ws.rhythm.timezone
    far: dict[str, set[str]] = {}
    for p in ws.people:
        m = ws.by_id.get(p.manager) if p.manager is not None else None
        if m is not None and (p.timezone or rz) != (m.timezone or rz) and not ws.gone(p):
            far.setdefault(m.id, set()).add(p.id)
    cases: dict[tuple[str, str, str, int], list[str]] = {}
    for aid in sorted(sound):
        act = ws.rhythm.activities[aid]
        if act.cadence.at is None or act.with_ not in ("team", "each_report"):
            continue
        per_report = act.with_ == "each_report"
        for owner in ws.holders.get(act.owner, ()):
            distant = far.get(owner.id)
            if not distant or not known(owner):
                continue
            zone = ws.timezone_of(owner)
            # The slots of today's team (a leaver's no longer run).
            for slot, r in enumerate(ws.team_of(owner, act.report_role if per_report else None)):
                if r.id in distant and known(r):
                    key = (aid, zone, ws.timezone_of(r), slot if per_report else 0)
                    cases.setdefault(key, []).append(r.id)
    days = _sample_days(start, end)
    # One message per activity and attendee zone: the first case found, and everyone.
    found: dict[tuple[str, str], tuple[_Out, list[str]]] = {}
    for (aid, zone, theirs, slot), people in sorted(cases.items()):
        out = _outside(ws, aid, zone, theirs, slot, days)
        if out is None:
            continue  # a later slot may come into the day of someone ahead in time
        if (aid, theirs) in found:
            found[(aid, theirs)][1].extend(people)
        else:
            found[(aid, theirs)] = (out, list(people))
    for (aid, theirs), (out, people) in sorted(found.items()):
        act = ws.rhythm.activities[aid]
        more = len(people) - SHOWN + 1
        named = joined(people if len(people) <= SHOWN else [*people[: SHOWN - 1], f"{more} more"])
        there = f"{out.start:%H:%M}–{out.end:%H:%M}" + (
            " the next day" if out.end.date() != out.start.date() else ""
        )
        # Up to "outside working hours there".
        if act.with_ == "team":
            said = f"{out.wall:%H:%M} in {out.zone} is {there} in {theirs} for {named},"
        elif len(people) == 1:
            said = f"the slot with {named}, {out.wall:%H:%M} in {out.zone}, is {there} in {theirs},"
        else:
            said = (
                f"the slots with {named}, the first at {out.wall:%H:%M} in {out.zone} "
                f"({there} in {theirs}), are"
            )
        when = (
            ""
            if out.days == out.of
            else f" for {out.days} of the next {out.of} days, from {out.first:%a %Y-%m-%d} on "
            "(daylight-saving changes move it in and out)"
        )
        file, mark = ws.at("activities", aid, "cadence", "at")
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR510",
            f"activities.{aid}: {said} outside working hours there (07:00–19:00 local){when}",
            _hint(act.with_, out),
        )


@dataclass(frozen=True)
class _Out:
    """A slot outside an attendee's working day: the first day it is, on how many of the
    days checked (``days`` of ``of``), its owner-zone start and its start and end in the
    attendee's zone, and the owner-zone starts (minutes of the day) inside both working
    days all year."""

    first: date
    days: int
    of: int
    wall: datetime
    start: datetime
    end: datetime
    zone: str
    fits: tuple[int, int] | None


def _sample_days(start: date, end: date) -> list[date]:
    """Every day of the window: the offsets between two zones change on their
    daylight-saving days, which may be a week apart (New York and London in March)."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _outside(
    ws: Workspace, aid: str, zone: str, theirs: str, slot: int, days: list[date]
) -> _Out | None:
    """Whether the slot falls outside the attendee's working day on some day of ``days``."""
    c = ws.rhythm.activities[aid].cadence
    assert c.at is not None
    here, there = ZoneInfo(zone), ZoneInfo(theirs)
    first: tuple[date, datetime, datetime, datetime] | None = None
    fits: tuple[int, int] | None = (0, 24 * 60)
    judged: dict[tuple[object, object], bool] = {}  # the clocks of a day: outside?
    count = 0
    for day in days:
        s, e = local_span(zone, day, c.at, slot * c.for_, c.for_)
        offsets = (s.utcoffset(), s.astimezone(there).utcoffset())
        out = judged.get(offsets)
        if out is None:  # clocks not seen yet (they change only on daylight-saving days)
            ls, le = s.astimezone(there), e.astimezone(there)
            out = ls.time() < DAY_START or le.date() != ls.date() or le.time() > DAY_END
            judged[offsets] = out
            fits = _narrow(fits, _both(here, there, day, c.for_))
            if out and first is None:
                first = (day, s, ls, le)
        count += out
    if first is None:
        return None
    return _Out(first[0], count, len(days), first[1], first[2], first[3], zone, fits)


def _both(here: ZoneInfo, there: ZoneInfo, day: date, minutes: int) -> tuple[int, int] | None:
    """The owner-zone starts (minutes of ``day``) of a meeting of ``minutes`` inside both
    working days: the attendee's day may be the owner's day before or after (Chicago's
    afternoon is Sydney's next morning)."""
    best: tuple[int, int] | None = None
    own_start = datetime.combine(day, DAY_START, here)
    own_end = datetime.combine(day, DAY_END, here)
    for shift in (-1, 0, 1):
        d = day + timedelta(days=shift)
        a = max(own_start, datetime.combine(d, DAY_START, there))
        b = min(own_end, datetime.combine(d, DAY_END, there)) - timedelta(minutes=minutes)
        if a <= b:
            lo, hi = (_minute(a.astimezone(here)), _minute(b.astimezone(here)))
            if best is None or hi - lo > best[1] - best[0]:
                best = (lo, hi)
    return best


def _minute(t: datetime) -> int:
    return t.hour * 60 + t.minute


def _narrow(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None or max(a[0], b[0]) > min(a[1], b[1]):
        return None
    return max(a[0], b[0]), min(a[1], b[1])


def _hint(with_: str, out: _Out) -> str:
    if out.fits is None:
        return (
            f"no time of the working day in {out.zone} is inside theirs all year for this "
            "long: hold it apart for them (an activity of its own)"
        )
    lo, hi = (f"{m // 60:02d}:{m % 60:02d}" for m in out.fits)
    span = f"of {lo} in {out.zone}" if lo == hi else f"from {lo} to {hi} in {out.zone}"
    if with_ == "each_report":
        return (
            f"a slot starting {span.removeprefix('of ')} is inside both working days all "
            "year: move `at`, or "
            "list these reports first (or last) in the roster so that their slots fall there"
        )
    return f"an `at` {span} is inside both working days all year"
