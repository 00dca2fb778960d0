"""MOR510: a meeting inside the owner's working day but outside an attendee's.

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

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from morctl.diagnostics import Diagnostic, joined
from morctl.expand import Engine, local_span
from morctl.model import Person
from morctl.values import DAY_END, DAY_START
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
    # The range inside both working days all year depends on the two zones alone, and is
    # read on every day of the window, not only the meeting days.
    pair_fits = {
        (aid, zone, theirs): _fits(ws, aid, zone, theirs, days)
        for (aid, zone, theirs, _, _) in cases
    }
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
        fits = pair_fits[(aid, zone, theirs)]
        reach: set[str] = {theirs}
        if act.with_ == "team":
            # A team meeting's `at` must suit everyone in it: every zone of the teams
            # that have someone in ``theirs``.
            reach = set().union(*(z for a, o, z in teams if (a, o) == (aid, zone) and theirs in z))
            for other in reach:
                fits = _narrow(fits, pair_fits.get((aid, zone, other), (0, 24 * 60)))
        file, mark = ws.at("activities", aid, "cadence", "at")
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR510",
            _message(aid, act.with_, theirs, out, some, people),
            _hint(act.with_, zone, fits, len(reach)),
        )


def _message(
    aid: str, with_: str, theirs: str, out: _Out, some: list[_Out], people: list[str]
) -> str:
    more = len(people) - SHOWN + 1
    named = joined(people if len(people) <= SHOWN else [*people[: SHOWN - 1], f"{more} more"])
    there = f"{out.start:%H:%M}–{out.end:%H:%M}" + (
        " the next day" if out.end.date() != out.start.date() else ""
    )
    # Up to "outside working hours there".
    if with_ == "team":
        said = f"{out.wall:%H:%M} in {out.zone} is {there} in {theirs} for {named},"
    elif len(people) == 1:
        said = f"the slot with {named}, {out.wall:%H:%M} in {out.zone}, is {there} in {theirs},"
    else:
        said = (
            f"the slots with {named}, the first at {out.wall:%H:%M} in {out.zone} "
            f"({there} in {theirs}), are"
        )
    when = ""
    if any(o.days < o.present for o in some):
        most = max(o.days for o in some)
        why = (
            "daylight-saving changes, or the days people join or leave the team,"
            if any(o.changing for o in some)
            else "daylight-saving changes"
        )
        many = "meeting" if out.of == 1 else "meetings"
        if len({o.days for o in some}) > 1:
            when = f" at up to {most} of the next {out.of} {many}, from {out.first:%a %Y-%m-%d} on"
        elif most <= SHOWN:  # a few meetings (a quarterly one's): their days say more
            when = f" at {most} of the next {out.of} {many}: " + joined(
                [f"{d:%a %Y-%m-%d}" for d in out.shown]
            )
        else:
            when = f" at {most} of the next {out.of} {many}, from {out.first:%a %Y-%m-%d} on"
        when += f" ({why} move it in and out)"
    return f"activities.{aid}: {said} outside working hours there (07:00–19:00 local){when}"


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
    first: tuple[date, datetime, datetime, datetime] | None = None
    shown: list[date] = []
    judged: dict[tuple[object, ...], bool] = {}  # the clocks of a day and a slot: outside?
    count = present = 0
    for i, day in enumerate(days):
        slot = slots[0] if len(slots) == 1 else slots[i]
        if slot is None:
            continue  # not in the team that day
        present += 1
        s, e = local_span(zone, day, c.at, slot * c.for_, c.for_)
        clocks = (s.utcoffset(), s.astimezone(there).utcoffset(), slot)
        out = judged.get(clocks)
        if out is None:  # clocks not seen yet (they change only on daylight-saving days)
            ls, le = s.astimezone(there), e.astimezone(there)
            out = ls.time() < DAY_START or le.date() != ls.date() or le.time() > DAY_END
            judged[clocks] = out
            if out and first is None:
                first = (day, s, ls, le)
        if out and len(shown) < SHOWN:
            shown.append(day)
        count += out
    if first is None:
        return None
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
    )


def _fits(
    ws: Workspace, aid: str, zone: str, theirs: str, days: list[date]
) -> tuple[int, int] | None:
    """The owner-zone starts (minutes of the day) inside both working days on every day of
    ``days`` (all of them, not only the meeting days: the hint says "all year"), read once
    for each pair of clocks at the meeting's start."""
    c = ws.rhythm.activities[aid].cadence
    assert c.at is not None
    here, there = ZoneInfo(zone), ZoneInfo(theirs)
    fits: tuple[int, int] | None = (0, 24 * 60)
    seen: set[tuple[object, ...]] = set()
    for day in days:
        s, _ = local_span(zone, day, c.at, 0, c.for_)
        clocks = (s.utcoffset(), s.astimezone(there).utcoffset())
        if clocks not in seen:
            seen.add(clocks)
            fits = _narrow(fits, _both(here, there, day, c.for_))
    return fits


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
