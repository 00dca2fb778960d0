"""MOR510: a meeting inside the owner's working day but outside an attendee's: before 07:00,
after 19:00, or on a day that is not a workday there (an Auckland Monday morning is Sunday
in Los Angeles).

MOR501 reads `at` in the owner's zone; a VP's 16:00 Chicago forecast call with the team is
02:00 for the manager in Dubai. This check reads each meeting's start and end in every
attendee's own zone (a `team` meeting's reports, an `each_report` slot's report), at every
meeting of the next twelve months, so that the weeks between two countries' daylight-saving
changes are seen too, and the days a slot moves because someone earlier in the run joins
or leaves. The message counts meetings, not days: a quarterly review outside someone's day
twice a year is "2 of the next 4 meetings". The work is per distinct (activity, owner zone,
attendee zone, meeting days, slot), and per day only until the clocks of a day have been
seen: a large organisation has thousands of owners but few such combinations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from morctl.diagnostics import Diagnostic, joined
from morctl.expand import Engine, local_span
from morctl.model import Person
from morctl.values import DAY_END, DAY_START, WEEKDAYS
from morctl.workspace import Workspace

SHOWN = 3  # people (or meeting days) named in a message; the rest are counted


# A report's slot on each meeting day (None: not in the team that day), or one slot for
# every day when the team does not change.
Slots = tuple[int | None, ...]
# The days a series meets in the window (moved ones on the day they are held).
Held = tuple[date, ...]


def attendee_hours(
    ws: Workspace,
    engine: Engine,
    start: date,
    end: date,
    sound: set[str],
    known: Callable[[Person], bool],
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
        for mid in p.managers:
            m = ws.by_id.get(mid)
            if m is not None and (p.timezone or rz) != (m.timezone or rz) and not ws.gone(p):
                far.setdefault(m.id, set()).add(p.id)
    days = _sample_days(start, end)
    # (activity, owner zone, attendee zone, meeting days, slots): the reports it stands for.
    cases: dict[tuple[str, str, str, Held, Slots], list[str]] = {}
    # One tuple per list of entries (the engine returns the same list for the same
    # calendar), so that owners who meet on the same days share their cases.
    helds: dict[int, Held] = {}
    teams: set[tuple[str, str, frozenset[str]]] = set()  # (activity, owner zone, zones)
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
            reports = ws.members_for(owner, act.report_role if per_report else None)
            changing = any(r.dated for r in reports)
            zones = frozenset(ws.timezone_of(r) for r in reports if r.id in distant)
            teams.add((aid, zone, zones))
            for slot, r in enumerate(reports):
                if r.id not in distant or not known(r):
                    continue
                entries = engine.series_entries(
                    aid, owner, r.id if per_report else None, start, end
                )
                held = helds.get(id(entries))
                if held is None:
                    held = helds[id(entries)] = tuple(
                        e.day for e in entries if e.status == "scheduled"
                    )
                slots: Slots = (
                    _slots_by_day(ws, owner, act.report_role, r, held, per_report)
                    if changing
                    else (slot if per_report else 0,)
                )
                cases.setdefault((aid, zone, ws.timezone_of(r), held, slots), []).append(r.id)
    outs = {key: _outside(ws, *key) for key in cases}
    # The range inside both working days all year depends on the two zones and the
    # weekdays the meeting is held on, and is read on every such day of the window, not
    # only the meeting days.
    weekdays: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for aid, zone, theirs, held, _ in cases:
        weekdays[(aid, zone, theirs)].update(d.weekday() for d in held)
    pair_fits = {pair: _fits(ws, *pair, days, on) for pair, on in weekdays.items()}
    # One message per activity, owner zone and attendee zone.
    found: dict[tuple[str, str, str], tuple[list[_Out], list[str]]] = {}
    # Sorted for the same output from the same roster; a day out of the team (None) sorts
    # before every slot.
    for key, people in sorted(cases.items(), key=_case_order):
        out = outs[key]
        if out is not None:
            got = found.setdefault(key[:3], ([], []))
            got[0].append(out)
            got[1].extend(people)
    for (aid, zone, theirs), (some, people) in sorted(found.items()):
        act = ws.rhythm.activities[aid]
        out = min(some, key=lambda o: o.first)
        fits, off, elsewhen = pair_fits[(aid, zone, theirs)]
        reach: set[str] = {theirs}
        if act.with_ == "team":
            # A team meeting's `at` must suit everyone in it: every zone of the teams
            # that have someone in ``theirs``.
            reach = set().union(*(z for a, o, z in teams if (a, o) == (aid, zone) and theirs in z))
            for other in reach:
                fits = _narrow(fits, pair_fits.get((aid, zone, other), ((0, 24 * 60),))[0])
        file, mark = ws.at("activities", aid, "cadence", "at")
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR510",
            _message(aid, act.with_, theirs, out, some, people, ws.rhythm.workweek),
            _day_off_hint(zone, theirs, off, fits is not None and elsewhen, ws.rhythm.workweek)
            # The days off aside, the time may be out on the other days too.
            + _also(act.with_, zone, fits, len(reach), act.cadence.at)
            if off and elsewhen and fits is not None
            else _hint(act.with_, zone, fits, len(reach)),
        )


def _message(
    aid: str,
    with_: str,
    theirs: str,
    out: _Out,
    some: list[_Out],
    people: list[str],
    workweek: tuple[int, ...],
) -> str:
    more = len(people) - SHOWN + 1
    named = joined(people if len(people) <= SHOWN else [*people[: SHOWN - 1], f"{more} more"])
    there = f"{out.start:%H:%M}–{out.end:%H:%M}" + (
        " the next day" if out.end.date() != out.start.date() else ""
    )
    seasons = ""
    if out.others:
        # The clocks of the two zones change on different days: the times of one season
        # are not the year's, so the first meeting is quoted by its date there.
        there += f" on {out.start:%a %Y-%m-%d}"
        seasons = f" ({joined(out.others, 'or')} at other meetings, as the clocks change)"
    elif out.start.date() != out.wall.date():
        # 08:30 on an Auckland Monday is Sunday evening in Dubai: the day says as much as
        # the hour. Days of the meeting that are other weekdays there are named together.
        if len(out.local_days) <= 2:
            there = "/".join(WEEKDAYS[d].capitalize() for d in out.local_days) + f" {there}"
        else:  # a monthly item's many weekdays
            there += " the day after" if out.start.date() > out.wall.date() else " the day before"
    there += f" in {theirs}"
    # Up to "outside working hours there".
    if with_ == "team":
        said = f"{out.wall:%H:%M} in {out.zone} is {there}{seasons} for {named},"
    elif len(people) == 1:
        said = f"the slot with {named}, {out.wall:%H:%M} in {out.zone}, is {there}{seasons},"
    else:
        said = (
            f"the slots with {named}, the first at {out.wall:%H:%M} in {out.zone} "
            f"({there}{seasons.replace(' (', '; ').removesuffix(')')}), are"
        )
    hours = "07:00–19:00 local"
    if any(o.off for o in some):
        hours = f"07:00–19:00, {_days(workweek)} local"
    when = ""
    if any(o.days < o.present for o in some):
        most = max(o.days for o in some)
        why = (
            "daylight-saving changes, or the days people join or leave the team,"
            if any(o.changing for o in some)
            else "daylight-saving changes"
        )
        # Whether the hours move it in and out, or only the days off do (a Monday and
        # Thursday huddle whose Mondays are Sundays there).
        moved = f"{why} move it in and out"
        if any(o.off for o in some):
            off = "the ones on a day off there"
            moved = f"{off}, and {moved}" if any(o.moved for o in some) else off
        many = "meeting" if out.of == 1 else "meetings"
        if len({o.days for o in some}) > 1:
            when = f" at up to {most} of the next {out.of} {many}, from {out.first:%a %Y-%m-%d} on"
        elif most <= SHOWN:  # a few meetings (a quarterly one's): their days say more
            when = f" at {most} of the next {out.of} {many}: " + joined(
                [f"{d:%a %Y-%m-%d}" for d in out.shown]
            )
        else:
            when = f" at {most} of the next {out.of} {many}, from {out.first:%a %Y-%m-%d} on"
        when += f" ({moved})"
    return f"activities.{aid}: {said} outside working hours there ({hours}){when}"


def _days(workweek: tuple[int, ...]) -> str:
    """The workweek in its own order: `Mon–Fri`, `Sun–Thu`, or the days one by one when
    they are not in a row."""
    from morctl.checklist import work_week_start

    start = work_week_start(workweek)
    days = sorted(workweek, key=lambda d: (d - start) % 7)
    if len(days) > 2 and all((b - a) % 7 == 1 for a, b in pairwise(days)):
        return f"{WEEKDAYS[days[0]].capitalize()}–{WEEKDAYS[days[-1]].capitalize()}"
    return ", ".join(WEEKDAYS[d].capitalize() for d in days)


def _case_order(
    item: tuple[tuple[str, str, str, Held, Slots], list[str]],
) -> tuple[str, str, str, Held, tuple[int, ...]]:
    (aid, zone, theirs, held, slots), _ = item
    return aid, zone, theirs, held, tuple(-1 if s is None else s for s in slots)


def _slots_by_day(
    ws: Workspace, owner: Person, role: str | None, r: Person, days: Held, per_report: bool
) -> Slots:
    """``r``'s slot on each meeting day: their place in the team that day (`Workspace.team_on`,
    as the engine runs the slots; 0 for a team meeting), or None when not in it."""
    out: list[int | None] = []
    for day in days:
        if not r.active_on(day) or r.manager_on(day) != owner.id:
            out.append(None)
        elif per_report:
            out.append(ws.team_on(owner, role, day).index(r))
        else:
            out.append(0)
    return tuple(out)


@dataclass(frozen=True)
class _Out:
    """A slot outside an attendee's working day: the first meeting day it is, at how many
    of the meetings (``days`` of ``present``, those they are in the team for, of ``of``),
    the first few of those days, its owner-zone start, and its start and end in the
    attendee's zone."""

    first: date
    days: int
    present: int
    of: int
    shown: tuple[date, ...]
    wall: datetime
    start: datetime
    end: datetime
    zone: str
    changing: bool  # the team changes (joined / left days)
    others: tuple[str, ...]  # the other local starts of meetings outside their day
    local_days: tuple[int, ...]  # the attendee's weekdays of those meetings, in week order
    off: bool  # some of them fall on a day that is not a workday there
    moved: bool  # the hours alone put some of the meetings out and others in


def _sample_days(start: date, end: date) -> list[date]:
    """Every day of the window: the offsets between two zones change on their
    daylight-saving days, which may be a week apart (New York and London in March)."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _outside(
    ws: Workspace, aid: str, zone: str, theirs: str, days: Held, slots: Slots
) -> _Out | None:
    """Whether the slot falls outside the attendee's working day at some meeting, on the
    meeting days ``days`` (None if never)."""
    c = ws.rhythm.activities[aid].cadence
    assert c.at is not None
    there = ZoneInfo(theirs)
    workweek = ws.rhythm.workweek
    first: tuple[date, datetime, datetime, datetime] | None = None
    shown: list[date] = []
    # The clocks of a day, its weekday and a slot: outside the attendee's hours, and on a
    # day off there.
    judged: dict[tuple[object, ...], tuple[bool, bool]] = {}
    starts: list[str] = []  # the local starts of the meetings outside, as first met
    local_days: set[int] = set()
    count = present = by_hours = 0
    off = False
    for i, day in enumerate(days):
        slot = slots[0] if len(slots) == 1 else slots[i]
        if slot is None:
            continue  # not in the team that day
        present += 1
        s, e = local_span(zone, day, c.at, slot * c.for_, c.for_)
        clocks = (s.utcoffset(), s.astimezone(there).utcoffset(), slot, day.weekday())
        seen = judged.get(clocks)
        if seen is None:  # clocks not seen yet (they change only on daylight-saving days)
            ls, le = s.astimezone(there), e.astimezone(there)
            hours = ls.time() < DAY_START or le.date() != ls.date() or le.time() > DAY_END
            seen = judged[clocks] = (hours, ls.weekday() not in workweek)
            if hours or seen[1]:
                if first is None:
                    first = (day, s, ls, le)
                if f"{ls:%H:%M}" not in starts:
                    starts.append(f"{ls:%H:%M}")
                local_days.add(ls.weekday())
        out = seen[0] or seen[1]
        if out and len(shown) < SHOWN:
            shown.append(day)
        count += out
        by_hours += seen[0]
        off = off or seen[1]
    if first is None:
        return None
    from morctl.checklist import work_week_start

    week = work_week_start(workweek)
    return _Out(
        first[0],
        count,
        present,
        len(days),
        tuple(shown),
        first[1],
        first[2],
        first[3],
        zone,
        len(slots) > 1,
        tuple(sorted(starts[1:])),
        tuple(sorted(local_days, key=lambda d: (d - week) % 7)),
        off,
        0 < by_hours < present,
    )


def _fits(
    ws: Workspace, aid: str, zone: str, theirs: str, days: list[date], on: set[int]
) -> tuple[tuple[int, int] | None, tuple[int, ...], bool]:
    """The owner-zone starts (minutes of the day) inside both working days on every day of
    ``days`` that is a weekday of ``on`` (all of them, not only the meeting days: the
    hint says "all year"), read once for each pair of clocks at the meeting's start.
    Then the weekdays of ``on`` left out of that range because they are a day off there
    at every such start (an Auckland Monday is Sunday in Los Angeles), and whether the
    meeting would have a time on the other days (the ones it is held on, or any workday
    when those are all days off there)."""
    c = ws.rhythm.activities[aid].cadence
    assert c.at is not None
    here, there = ZoneInfo(zone), ZoneInfo(theirs)
    workweek = ws.rhythm.workweek
    by_day: dict[int, tuple[int, int] | None] = {}
    off: set[int] = set()
    seen: set[tuple[object, ...]] = set()
    for day in days:
        w = day.weekday()
        s, _ = local_span(zone, day, c.at, 0, c.for_)
        clocks = (s.utcoffset(), s.astimezone(there).utcoffset(), w)
        if w in workweek and clocks not in seen:
            seen.add(clocks)
            both = _both(here, there, day, c.for_, workweek)
            if both is None and _both(here, there, day, c.for_, tuple(range(7))) is not None:
                off.add(w)  # the hours would do; the day there is off
            by_day[w] = _narrow(by_day.get(w, (0, 24 * 60)), both)
    fits: tuple[int, int] | None = (0, 24 * 60)
    for w in on - off:
        fits = _narrow(fits, by_day.get(w, (0, 24 * 60)))
    other = on - off or set(by_day) - off
    return fits, tuple(sorted(on & off)), any(by_day[w] is not None for w in other)


def _both(
    here: ZoneInfo, there: ZoneInfo, day: date, minutes: int, workweek: tuple[int, ...]
) -> tuple[int, int] | None:
    """The owner-zone starts (minutes of ``day``) of a meeting of ``minutes`` inside both
    working days: the attendee's day may be the owner's day before or after (Chicago's
    afternoon is Sydney's next morning), and is one only if a workday there."""
    best: tuple[int, int] | None = None
    own_start = datetime.combine(day, DAY_START, here)
    own_end = datetime.combine(day, DAY_END, here)
    for shift in (-1, 0, 1):
        d = day + timedelta(days=shift)
        if d.weekday() not in workweek:
            continue
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


def _also(with_: str, zone: str, fits: tuple[int, int] | None, zones: int, at: time | None) -> str:
    """``; on the other days, ...`` and the `at` range, when ``at`` is not in it."""
    if fits is None or at is None or fits[0] <= at.hour * 60 + at.minute <= fits[1]:
        return ""
    return "; on the other days, " + _hint(with_, zone, fits, zones)


def _day_off_hint(
    zone: str, theirs: str, off: tuple[int, ...], elsewhen: bool, workweek: tuple[int, ...]
) -> str:
    """For a meeting held on weekdays whose working day is a day off there (or too early
    in theirs) at every start, while its other days have a time inside both: no `at`
    helps, another day does."""
    days = "/".join(WEEKDAYS[d].capitalize() for d in off)
    return (
        f"no time of a {days}'s working day in {zone} is inside a working day in {theirs} "
        f"({_days(workweek)}, 07:00–19:00): hold it on another day (`on`), or keep the warning"
    )


def _hint(with_: str, zone: str, fits: tuple[int, int] | None, zones: int) -> str:
    """The `at` range, in the owner's zone, inside the working days of everyone it reaches
    all year (for a team meeting, every zone of the team); or that there is none."""
    whose = (
        "the working day of every zone of the team" if with_ == "team" and zones > 1 else "theirs"
    )
    if fits is None:
        # A team meeting cannot leave one report out: only a call per person can (MOR510's
        # fix in docs/diagnostics.md says how).
        apart = (
            "a call of its own for them, with: each_report and a report_role only they hold"
            if with_ == "team"
            else "an activity of its own for them, with a report_role only they hold"
        )
        return (
            f"no time of the working day in {zone} is inside {whose} all year for this "
            f"long: hold {apart} (see MOR510 in docs/diagnostics.md), or keep the warning"
        )
    lo, hi = (f"{m // 60:02d}:{m % 60:02d}" for m in fits)
    span = f"of {lo} in {zone}" if lo == hi else f"from {lo} to {hi} in {zone}"
    if with_ == "each_report":
        return (
            f"a slot starting {span.removeprefix('of ')} is inside both working days all "
            "year: move `at`, or list these reports first (or last) in the roster so that "
            "their slots fall there"
        )
    who = "everyone's working day" if with_ == "team" else "both working days"
    return f"an `at` {span} is inside {who} all year"
