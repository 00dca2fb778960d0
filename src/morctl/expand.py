"""The one expansion engine: (workspace, window) → sorted, immutable occurrences.

`expand`, `calendar`, `checklist`, `show` and `report` all consume what this module returns;
nothing else computes a date. Work is memoized per distinct rule (activity, countries, away
periods), and local-time conversion per (zone, day, time), because a large organisation has
millions of occurrences but only a handful of distinct schedules.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from morctl.cadence import scheduled_days
from morctl.days import ONE_DAY, Calendar, Worked, period_of
from morctl.model import Activity, Person
from morctl.workspace import Workspace

MAX_MOVE_DAYS = 366
# Occurrences are produced a quarter at a time (sorted within it), so memory stays flat
# however long the window, and per-series work is not repeated too often.
CHUNK_DAYS = 92


class Occurrence(NamedTuple):
    """One occurrence of one activity. ``day`` is the local date it happens (after any move);
    ``scheduled`` the day its cadence put it on, which names it in the key.

    The first fields are the sort order (day, all-day items first, local start minute,
    owner, activity, report slot, key), so a list of occurrences sorts natively and fast.
    """

    day: date
    timed: bool
    minute: int  # local minute of the day it starts (its nominal wall time); 0 if all-day
    owner: str
    activity: str
    slot: int
    key: str
    with_: str | None
    title: str
    attendees: tuple[str, ...]
    timezone: str
    status: str  # "scheduled" | "excused"
    reason: str
    scheduled: date
    period_start: date
    period_end: date
    minutes: int
    start: datetime | None  # aware, in the owner's zone; None for an all-day item
    end: datetime | None

    @property
    def all_day(self) -> bool:
        return self.start is None

    @property
    def moved(self) -> bool:
        return self.day != self.scheduled

    @property
    def wall(self) -> time | None:
        """The wall-clock start the cadence asks for (``at`` plus the report's slot); the
        real start differs only inside a spring-forward gap. None for an all-day item."""
        return wall_time(self.minute) if self.timed else None

    @property
    def series(self) -> tuple[str, str, str | None]:
        return (self.activity, self.owner, self.with_)

    def sort_key(self) -> tuple[date, bool, int, str, str, int, str]:
        return (self.day, self.timed, self.minute, self.owner, self.activity, self.slot, self.key)


def wall_time(minute: int) -> time:
    """The wall-clock time of a local minute of the day (a late slot can pass midnight)."""
    return time(minute // 60 % 24, minute % 60)


def slot_minute(at: time, minutes: int, slot: int) -> int:
    """The local minute of the day report ``slot`` of a series starts: each_report slots
    run back to back from ``at``, ``minutes`` each."""
    return at.hour * 60 + at.minute + slot * minutes


def slot_wall(at: time | None, minutes: int, slot: int) -> time | None:
    """The nominal wall-clock start of report ``slot``; None for an all-day item."""
    return None if at is None else wall_time(slot_minute(at, minutes, slot))


class Entry(NamedTuple):
    """A scheduled day after the free-day rules: shared by every owner with the same rule."""

    day: date
    scheduled: date
    status: str
    reason: str
    period_start: date
    period_end: date
    key_day: str  # the scheduled day as it appears in occurrence keys
    week: str  # the ISO week of the day it happens, as reports group it: 2026-W48


def occurrence_key(activity: str, owner: str, with_: str | None, scheduled: date) -> str:
    """``ACTIVITY/OWNER/YYYY-MM-DD`` or ``ACTIVITY/OWNER/WITH/YYYY-MM-DD`` (DESIGN.md §3.2)."""
    if with_ is None:
        return f"{activity}/{owner}/{scheduled.isoformat()}"
    return f"{activity}/{owner}/{with_}/{scheduled.isoformat()}"


@functools.lru_cache(maxsize=65536)
def local_span(
    zone: str, day: date, at: time, offset: int, minutes: int
) -> tuple[datetime, datetime]:
    """Start and end of a timed occurrence. Per RFC 5545 §3.3.5 a wall time in a
    spring-forward gap takes the offset before the gap and a repeated time means the first:
    exactly zoneinfo's ``fold=0``. The end is the start plus the duration, in real time."""
    tz = _zone(zone)
    naive = datetime.combine(day, at) + timedelta(minutes=offset)
    start = naive.replace(tzinfo=tz)
    utc = start.astimezone(ZoneInfo("UTC"))
    start = utc.astimezone(tz)
    end = (utc + timedelta(minutes=minutes)).astimezone(tz)
    return start, end


@functools.lru_cache(maxsize=65536)
def iso_span(zone: str, day: date, at: time, offset: int, minutes: int) -> tuple[str, str]:
    """`local_span` as ISO 8601 text, memoized for writers of millions of rows."""
    start, end = local_span(zone, day, at, offset, minutes)
    return start.isoformat(), end.isoformat()


def _no_span(day: date) -> tuple[None, None]:
    return None, None  # an all-day item has no start or end time


def _span_on(
    zone: str, at: time, offset: int, minutes: int, day: date
) -> tuple[datetime, datetime]:
    return local_span(zone, day, at, offset, minutes)


@functools.lru_cache(maxsize=4096)
def iso_week(day: date) -> str:
    """``2026-W48``: the ISO week reports group occurrences by."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _runs(days: list[date]) -> list[int]:
    """The lengths, in days, of the runs of company days off that are a weekend or less
    apart (a closure written as its weekdays is one run); runs of three days or less (a
    bridge day, Christmas) are left to the month the margin always covers."""
    if not days:
        return []
    runs: list[int] = []
    start = prev = days[0]
    for day in days[1:]:
        if (day - prev).days > 3:
            runs.append((prev - start).days + 1)
            start = day
        prev = day
    runs.append((prev - start).days + 1)
    return [n for n in runs if n > 3]


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class Engine:
    """Expansion for one workspace; holds the memo tables for the duration of a run."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.rhythm = ws.rhythm
        self._calendars: dict[tuple[str, ...], Calendar] = {}
        self._entries: dict[tuple[object, ...], list[Entry]] = {}
        self._bounded: dict[tuple[int, tuple[date, date]], list[Entry]] = {}
        company = frozenset(self.rhythm.holidays.dates)
        self._company = company
        self._worked = Worked(self.rhythm.holidays.worked)
        # (A range that ends before it starts is an error validate reports; it covers no day.)
        # Ranges may follow each other, a weekend or a holiday apart (parental leave, then
        # annual leave; a week of leave per entry): a move can cross them all, so count
        # them together, with a week for the days off between two of them.
        spans = [max((b.to - b.from_).days + 1, 0) + 7 for b in self.rhythm.blackouts]
        aways = [sum(max((a.to - a.from_).days + 1, 0) + 7 for a in p.away) for p in ws.people]
        # A company closure may be written as its days off, one date each (a month in
        # August): each run of them counts like a blackout.
        spans += [length + 7 for length in _runs(sorted(company))]
        # Occurrences scheduled outside the window may move into it: look this far around.
        # A move never goes further than MAX_MOVE_DAYS, however long the blackouts are.
        reach = 31 + sum(spans) + max(aways, default=0)
        self.margin = timedelta(days=min(reach, MAX_MOVE_DAYS))

    def earliest(self) -> date | None:
        """No occurrence happens before this day: the rhythm's `effective` date (a move to
        an earlier free day stops there too); None when the rhythm has none."""
        return self.rhythm.effective

    def first_day(self, aid: str) -> date | None:
        """No occurrence of the activity happens before this day: the later of the rhythm's
        `effective` date and the cadence's `starting`; None when neither is given."""
        c = self.rhythm.activities[aid].cadence
        days = [d for d in (self.rhythm.effective, c.starting) if d is not None]
        return max(days) if days else None

    def bounds(self, owner: Person, with_: str | None) -> tuple[date, date] | None:
        """The days a series can have, both the day its cadence gives and any day a move
        takes it to: from the owner's `joined` day to their `left` day, narrowed to the
        report's for a per-report series (a 1:1 with a new hire starts when they join, and
        ends when either of the two leaves), and to the report's days in the owner's team
        when they changed teams (`manager_since`); None when the roster gives none of them
        such a day."""
        people = [owner]
        report = self.ws.by_id.get(with_) if with_ is not None else None
        if report is not None:
            people.append(report)
        starts = [p.joined for p in people if p.joined is not None]
        ends = [p.left for p in people if p.left is not None]
        if report is not None and (since := report.manager_since) is not None:
            if report.manager == owner.id:
                starts.append(since)
            else:  # the owner is their previous manager
                ends.append(since - timedelta(days=1))
        if not starts and not ends:
            return None
        return max(starts, default=date.min), min(ends, default=date.max)

    def series_entries(
        self, aid: str, owner: Person, with_: str | None, first: date, last: date
    ) -> list[Entry]:
        """`entries` of one series: those within its `bounds`, both the day the cadence gives
        and the day it is held. The same list object for the same arguments (callers
        memoize work by its id)."""
        entries = self.entries(aid, owner, first, last)
        if not self.ws.dated_people:
            return entries
        span = self.bounds(owner, with_)
        if span is None:
            return entries
        key = (id(entries), span)
        found = self._bounded.get(key)
        if found is None:
            lo, hi = span
            # Both days: a holiday must not move a meeting past a leaver's last day.
            found = self._bounded[key] = [
                e for e in entries if lo <= e.scheduled <= hi and lo <= e.day <= hi
            ]
        return found

    def series_first_day(self, aid: str, owner: Person, with_: str | None) -> date | None:
        """`first_day` of the activity, or the series' first day in the team if later."""
        if not self.ws.dated_people:
            return self.first_day(aid)
        days = [d for d in (self.first_day(aid),) if d is not None]
        span = self.bounds(owner, with_)
        if span is not None and span[0] != date.min:
            days.append(span[0])
        return max(days) if days else None

    def anchor(self, aid: str) -> date | None:
        """The day an activity's N-week blocks count from: its `starting`, else the
        rhythm's `effective`."""
        return self.rhythm.activities[aid].cadence.starting or self.rhythm.effective

    def period(self, aid: str, day: date) -> tuple[date, date]:
        """The cadence period of the activity (first and last day) that holds ``day``."""
        c = self.rhythm.activities[aid].cadence
        fiscal = self.rhythm.fiscal_year_start
        return period_of(day, c.every.unit, fiscal, c.every.n, self.anchor(aid))

    def calendar_for(self, person: Person) -> Calendar:
        countries = tuple(sorted(self.ws.countries_of(person)))
        cal = self._calendars.get(countries)
        if cal is None:
            cal = Calendar(countries, self.rhythm.workweek, self._company, self._worked)
            self._calendars[countries] = cal
        return cal

    def owners(self, activity: Activity) -> tuple[Person, ...]:
        if not self.ws.has_roster:
            return ()
        return self.ws.holders.get(activity.owner, ())

    # -- the free-day rules ------------------------------------------------------------

    def _not_free(
        self, aid: str, day: date, cal: Calendar, away: tuple[tuple[date, date], ...]
    ) -> str | None:
        reason = cal.not_business_reason(day)
        if reason:
            return reason
        for b in self.rhythm.blackouts:
            if b.from_ <= day <= b.to and (b.activities is None or aid in b.activities):
                return f"blackout: {b.name}"
        for first, last in away:
            if first <= day <= last:
                return "away"
        return None

    def entries(self, aid: str, person: Person, first: date, last: date) -> list[Entry]:
        """Days of one activity for one owner in [first, last] (by the day it happens)."""
        cal = self.calendar_for(person)
        away = tuple((a.from_, a.to) for a in person.away)
        memo_key = (aid, cal.countries, away, first, last)
        found = self._entries.get(memo_key)
        if found is None:
            found = self._entries[memo_key] = self._compute(aid, cal, away, first, last)
        return found

    def _compute(
        self, aid: str, cal: Calendar, away: tuple[tuple[date, date], ...], first: date, last: date
    ) -> list[Entry]:
        act = self.rhythm.activities[aid]
        c = act.cadence
        floor = self.first_day(aid) or date.min
        # `until` is the ceiling as `starting` is the floor: no occurrence is held after
        # it. It is judged by the day held: a month's last day in a freeze after `until`
        # that moves back to a day before it is held there (with `on_holiday: previous`,
        # so look past `until` by the margin for such days); a move forward never goes
        # past it.
        ceiling = c.until or date.max
        anchor = self.anchor(aid)
        fiscal = self.rhythm.fiscal_year_start
        lo = max(first - self.margin, floor)
        hi = last + self.margin
        if c.until is not None:
            hi = min(hi, c.until + self.margin if c.on_holiday == "previous" else c.until)
        out: list[Entry] = []
        if lo > hi:
            return out
        # (distance moved, scheduled day, why its own day is not free, the moved entry)
        moves: list[tuple[int, date, str, Entry]] = []
        for sched in scheduled_days(c, lo, hi, cal, fiscal, anchor):
            p_first, p_last = period_of(sched, c.every.unit, fiscal, c.every.n, anchor)
            iso = sched.isoformat()
            week = iso_week(sched)
            reason = self._not_free(aid, sched, cal, away)
            if reason is None:
                out.append(Entry(sched, sched, "scheduled", "", p_first, p_last, iso, week))
                continue
            if c.every.unit == "day" and reason == "weekend":
                continue  # a daily cadence runs on workweek days only
            moved = None
            if c.on_holiday != "skip" and c.every.unit != "day":
                step = -ONE_DAY if c.on_holiday == "previous" else ONE_DAY
                day = sched + step
                # A move back passes days after `until` (they are not free either) and is
                # judged where it lands, below.
                stop = ceiling if c.on_holiday == "next" else date.max
                for _ in range(MAX_MOVE_DAYS):
                    if not floor <= day <= stop:
                        break
                    if self._not_free(aid, day, cal, away) is None:
                        moved = day
                        break
                    day += step
            if moved is not None:
                entry = Entry(
                    moved,
                    sched,
                    "scheduled",
                    f"moved from {iso}: {reason}",
                    p_first,
                    p_last,
                    iso,
                    iso_week(moved),
                )
                moves.append((abs((moved - sched).days), sched, reason, entry))
            else:
                out.append(Entry(sched, sched, "excused", reason, p_first, p_last, iso, week))
        # A move never doubles the activity up: a day that already has one of its
        # occurrences (its own, or one moved there from nearer by) takes no other, which is
        # excused instead. Otherwise a two-week freeze would move both weeks' huddles onto
        # the Friday before it, at the same time, and a move past the next occurrence
        # would land on top of it. Every contender for a day lies between that day and the
        # contender's own day, so the window's margin holds them all.
        if moves:
            taken = {e.day for e in out if e.status == "scheduled"}
            for _, sched, reason, entry in sorted(moves, key=lambda m: (m[0], m[1])):
                if entry.day in taken:
                    week = iso_week(sched)
                    out.append(
                        entry._replace(day=sched, status="excused", reason=reason, week=week)
                    )
                else:
                    taken.add(entry.day)
                    out.append(entry)
        # A day after `until` is not held: one scheduled after it that did not move back
        # before it (or was excused) is no occurrence at all.
        out = [e for e in out if first <= e.day <= last and e.day <= ceiling]
        out.sort(key=lambda e: (e.day, e.scheduled))
        return out

    # -- occurrences -------------------------------------------------------------------

    def series_of(self, aid: str, owner: Person) -> list[tuple[str | None, tuple[str, ...]]]:
        """(with, attendees) for each series of an activity owned by ``owner``."""
        act = self.rhythm.activities[aid]
        if act.with_ == "alone":
            return [(None, ())]
        if act.with_ == "team":
            return [(None, tuple(p.id for p in self.ws.members.get(owner.id, ())))]
        return [(p.id, (p.id,)) for p in self.ws.members_for(owner, act.report_role)]

    def series_occurrences(
        self,
        aid: str,
        owner: Person,
        slot: int,
        with_: str | None,
        attendees: tuple[str, ...],
        entries: Iterable[Entry],
    ) -> list[Occurrence]:
        """The occurrences of one series on its schedule entries; day by day for a series
        whose team changes (`joined` / `left` days, a change of team)."""
        if self.ws.dated_people and self.changing_team(aid, owner):
            return self._day_by_day(aid, owner, slot, with_, attendees, list(entries))
        return self._plain(aid, owner, slot, with_, attendees, entries)

    def _plain(
        self,
        aid: str,
        owner: Person,
        slot: int,
        with_: str | None,
        attendees: tuple[str, ...],
        entries: Iterable[Entry],
    ) -> list[Occurrence]:
        """`series_occurrences` of a series whose every occurrence has the same slot and
        attendees. This loop runs once per occurrence, millions of times for a large
        organisation: everything that is the same for the whole series is worked out
        before it."""
        act = self.rhythm.activities[aid]
        c = act.cadence
        at, minutes, title, oid = c.at, c.for_, act.title, owner.id
        offset = slot * minutes
        zone = self.ws.timezone_of(owner)
        timed = at is not None
        minute = slot_minute(at, minutes, slot) if at is not None else 0
        prefix = f"{aid}/{oid}/" if with_ is None else f"{aid}/{oid}/{with_}/"
        if at is None:
            span: Callable[[date], tuple[datetime | None, datetime | None]] = _no_span
        else:
            span = functools.partial(_span_on, zone, at, offset, minutes)
        # A list comprehension, not a generator: this is the hottest loop of morctl.
        return [
            Occurrence(
                e.day,
                timed,
                minute,
                oid,
                aid,
                slot,
                prefix + e.key_day,
                with_,
                title,
                attendees,
                zone,
                e.status,
                e.reason,
                e.scheduled,
                e.period_start,
                e.period_end,
                minutes,
                *span(e.day),
            )
            for e in entries
        ]

    def changing_team(self, aid: str, owner: Person) -> bool:
        """Whether someone of the owner's team for the activity joins or leaves it (a
        `joined` or `left` day, or a change of team): a team meeting's attendees and the
        back-to-back slots of its 1:1s then change with the day."""
        act = self.rhythm.activities[aid]
        if act.with_ == "alone" or not self.ws.dated_people:
            return False
        role = act.report_role if act.with_ == "each_report" else None
        return any(p.dated for p in self.ws.members_for(owner, role))

    def _day_by_day(
        self,
        aid: str,
        owner: Person,
        slot: int,
        with_: str | None,
        attendees: tuple[str, ...],
        entries: list[Entry],
    ) -> list[Occurrence]:
        """`series_occurrences` of a series whose team changes, one day at a time: a team
        meeting lists those in the team on its day; a 1:1 takes its place in the run of
        back-to-back slots among the reports in the team that day, in roster order (so
        the history of someone who left keeps its times, and today's team has no gap).
        A 1:1 a holiday moved is held only with a report in the team on both its days
        (`series_entries`): the slots run among those, or a leaver's would be a gap."""
        act = self.rhythm.activities[aid]
        role = act.report_role if act.with_ == "each_report" else None
        out: list[Occurrence] = []
        for e in entries:
            present = [p.id for p in self.ws.team_on(owner, role, e.day)]
            if with_ is None:
                made = self._plain(aid, owner, slot, None, tuple(present), [e])
            else:
                if e.scheduled != e.day:
                    also = {p.id for p in self.ws.team_on(owner, role, e.scheduled)}
                    present = [pid for pid in present if pid in also]
                place = present.index(with_) if with_ in present else slot
                made = self._plain(aid, owner, place, with_, attendees, [e])
            out += made
        return out

    def occurrences_for(self, aid: str, owner: Person, first: date, last: date) -> list[Occurrence]:
        out: list[Occurrence] = []
        for slot, (with_, attendees) in enumerate(self.series_of(aid, owner)):
            entries = self.series_entries(aid, owner, with_, first, last)
            out += self.series_occurrences(aid, owner, slot, with_, attendees, entries)
        return out


def expand(
    ws: Workspace,
    first: date,
    last: date,
    person: str | None = None,
    owners_only: bool = False,
    activities: set[str] | None = None,
    owners: set[str] | None = None,
    engine: Engine | None = None,
) -> Iterator[Occurrence]:
    """Every occurrence whose day is in [first, last], sorted by day, time, owner, activity.

    With ``person``, only what that person owns or (unless ``owners_only``) attends;
    ``activities`` and ``owners`` narrow it further. Pass an ``engine`` to share its memo
    tables between calls.
    """
    engine = engine or Engine(ws)
    pairs = [
        (aid, owner)
        for aid, owner in _pairs(ws, person, owners_only, owners)
        if activities is None or aid in activities
    ]
    return expand_pairs(engine, pairs, first, last, person, owners_only)


def expand_pairs(
    engine: Engine,
    pairs: list[tuple[str, Person]],
    first: date,
    last: date,
    person: str | None = None,
    owners_only: bool = False,
    chunk_days: int = CHUNK_DAYS,
) -> Iterator[Occurrence]:
    """`expand` over given (activity, owner) pairs, month by month so memory stays flat
    (a caller that expands one owner at a time can take the window in one chunk)."""
    chunk_first = first
    while chunk_first <= last:
        chunk_last = min(chunk_first + timedelta(days=chunk_days - 1), last)
        batch: list[Occurrence] = []
        for aid, owner in pairs:
            found = engine.occurrences_for(aid, owner, chunk_first, chunk_last)
            if person is None:
                batch.extend(found)
            else:
                batch.extend(
                    o
                    for o in found
                    if o.owner == person or (not owners_only and person in o.attendees)
                )
        batch.sort()  # the leading fields are the sort order; keys are unique
        yield from batch
        chunk_first = chunk_last + ONE_DAY


def pairs_for(ws: Workspace, owners: set[str] | None) -> list[tuple[str, Person]]:
    """(activity, owner) pairs of the given owners (everyone when None)."""
    return _pairs(ws, None, False, owners)


def _pairs(
    ws: Workspace, person: str | None, owners_only: bool, owners: set[str] | None
) -> list[tuple[str, Person]]:
    """(activity, owner) pairs that can produce occurrences for ``person`` (or everyone)."""
    wanted = owners
    if person is not None:
        wanted = {person}
        p = ws.by_id.get(person)
        if p is not None and not owners_only:
            # Their manager's meetings, and their previous manager's (a change of team).
            wanted.update(p.managers)
        if owners is not None:
            wanted &= owners
    if wanted is not None:
        by_role: dict[str, list[str]] = {}
        for aid in sorted(ws.rhythm.activities):
            by_role.setdefault(ws.rhythm.activities[aid].owner, []).append(aid)
        return [
            (aid, ws.by_id[pid])
            for pid in sorted(wanted)
            if pid in ws.by_id
            for aid in by_role.get(ws.by_id[pid].role, ())
        ]
    return [
        (aid, owner)
        for aid in sorted(ws.rhythm.activities)
        for owner in ws.holders.get(ws.rhythm.activities[aid].owner, ())
    ]
