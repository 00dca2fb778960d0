"""Matching and scoring (DESIGN.md §8): which occurrences happened, on time or late, were
excused, missed or are still pending, and the figures built from those counts.

Occurrences come only from the engine. Completions of one series dated inside one cadence
period are matched to that period's occurrences one to one, in date order. The matching
works series by series over the engine's shared schedule entries (one list per distinct
rule), with a single pass over each series' completions, because a large organisation has
millions of occurrences and millions of log rows.
"""

from __future__ import annotations

import bisect
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple, TypeVar

from morctl.completion import Completion
from morctl.expand import Engine, Entry, Occurrence, iso_week, pairs_for
from morctl.model import Person
from morctl.progress import track
from morctl.unmatched import (
    after_end,
    all_taken,
    before_start,
    excused_all,
    excused_day,
    nearest,
    no_meeting,
    not_theirs,
    others_taken,
    outside_team,
    period_words,
)
from morctl.workspace import Workspace

Series = tuple[str, str, str | None]

# Counter slots of a Counts.
DONE, ON_TIME, LATE, MISSED, EXCUSED, PENDING = range(6)
USEFUL_SUM, USEFUL_N, ACTIONS_RECORDED, ACTIONS_SOME, HOLLOW = range(6, 11)
SKIPPED = 11  # excused by a skipped completion (called off, with a reason), not the calendar
_SLOTS = 12


class Unplanned(NamedTuple):
    """A completion dated in the window that matched no occurrence, and why (the words of
    `morctl.unmatched`: ids, dates, file names and the calendar's reasons, never a note)."""

    completion: Completion
    why: str


class Scored(NamedTuple):
    """An occurrence in the window with its outcome."""

    occ: Occurrence
    status: str  # done | excused | missed | pending
    on_time: bool | None
    completion: Completion | None


def bump(v: list[int], status: str, on_time: bool | None, c: Completion | None) -> None:
    """Count one outcome into the counter slots ``v``: the one place where a status
    becomes numbers."""
    if status == "done":
        v[DONE] += 1
        v[ON_TIME if on_time else LATE] += 1
        if c is not None:
            if c.useful is not None:
                v[USEFUL_SUM] += c.useful
                v[USEFUL_N] += 1
            if c.actions is not None:
                v[ACTIONS_RECORDED] += 1
                v[ACTIONS_SOME] += c.actions >= 1
            if (c.useful is not None and c.useful <= 2) or c.actions == 0:
                v[HOLLOW] += 1
    elif status == "missed":
        v[MISSED] += 1
    elif status == "excused":
        v[EXCUSED] += 1
        if c is not None:  # a skip took it; the calendar's excuses take no completion
            v[SKIPPED] += 1
    else:
        v[PENDING] += 1


def adherence_of(done: int, missed: int) -> float | None:
    """DESIGN.md §8: done / (done + missed); None when nothing was due."""
    due = done + missed
    return done / due if due else None


class Counts:
    """Counts of outcomes, and the figures derived from them."""

    __slots__ = ("v",)

    def __init__(self, values: list[int] | None = None) -> None:
        self.v = values if values is not None else [0] * _SLOTS

    def merge(self, other: Counts) -> None:
        self.v = list(map(operator.add, self.v, other.v))

    done = property(lambda self: self.v[DONE])
    on_time = property(lambda self: self.v[ON_TIME])
    late = property(lambda self: self.v[LATE])
    missed = property(lambda self: self.v[MISSED])
    excused = property(lambda self: self.v[EXCUSED])
    skipped = property(lambda self: self.v[SKIPPED])
    pending = property(lambda self: self.v[PENDING])
    hollow = property(lambda self: self.v[HOLLOW])
    rated = property(lambda self: self.v[USEFUL_N])
    useful_sum = property(lambda self: self.v[USEFUL_SUM])
    actions_recorded = property(lambda self: self.v[ACTIONS_RECORDED])
    with_actions = property(lambda self: self.v[ACTIONS_SOME])

    @property
    def expected(self) -> int:
        v = self.v
        return v[DONE] + v[MISSED] + v[EXCUSED] + v[PENDING]

    def _float(self, metric: str) -> float | None:
        # float() of a Fraction divides its integers as `/` does: the same float.
        f = self.fraction(metric)
        return None if f is None else float(f)

    adherence = property(lambda self: self._float("adherence"))
    on_time_rate = property(lambda self: self._float("on_time_rate"))
    useful = property(lambda self: self._float("useful"))
    action_rate = property(lambda self: self._float("action_rate"))

    def fraction(self, metric: str) -> Fraction | None:
        """A figure (``adherence``, ``on_time_rate``, ``useful``, ``action_rate``) as the
        exact fraction of its counts, for a report to round as a spreadsheet does; the
        one place each figure's formula is written (DESIGN §8)."""
        v = self.v
        part, whole = {
            "adherence": (v[DONE], v[DONE] + v[MISSED]),
            "on_time_rate": (v[ON_TIME], v[DONE] + v[MISSED]),
            "useful": (v[USEFUL_SUM], v[USEFUL_N]),
            "action_rate": (v[ACTIONS_SOME], v[ACTIONS_RECORDED]),
        }[metric]
        return Fraction(part, whole) if whole else None

    def __repr__(self) -> str:
        return f"Counts({self.v})"


# (activity, owner, with_) of a Completion.
_SERIES_OF = operator.itemgetter(
    *(Completion._fields.index(f) for f in ("activity", "owner", "with_"))
)


class Logged(NamedTuple):
    """Completions by series, each list in date order, then file and line. ``dated`` give a
    date only and are matched by it; ``named`` name their occurrence (a ticked checklist
    line, a calendar event) and take that occurrence first. ``later`` counts the completions
    dated after the as-of day, which are left out: a report judged on a day knows only
    what had happened by then; ``later_done`` those of them logged as done (a skip may be
    logged ahead, a meeting held only once it has happened); ``later_within`` those of
    them dated in the window (``since`` to ``until``, the report's first and last days): a
    report on a past week judged on its Sunday leaves out the months logged since, which
    are not its own, and one judged before its first day the days before it too.
    ``standing``: the records of ``named`` that give only a date and stand for the tick or
    event kept in their place, as (activity, owner, with, day, scheduled day)."""

    dated: dict[Series, list[Completion]]
    named: dict[Series, list[Completion]]
    later: int = 0
    later_done: int = 0
    later_within: int = 0
    standing: frozenset[tuple[str, str, str | None, date, date]] = frozenset()


def index(
    completions: Iterable[Completion],
    owners: set[str] | None = None,
    as_of: date | None = None,
    stands_for: Mapping[tuple[str, str, str | None, date], date] | None = None,
    until: date | None = None,
    since: date | None = None,
) -> Logged:
    """Completions by series (``completions`` must come in file and line order, as
    `read_logs` returns them), without those dated after ``as_of``. ``stands_for``: the
    records that give only a date and the occurrence each stands for (the tick or the
    calendar event they were kept in place of: `logcheck.Checker.stands_for`)."""
    by_series: dict[Series, list[Completion]] = defaultdict(list)
    named: dict[Series, list[Completion]] = defaultdict(list)
    series_of = _SERIES_OF  # a C-level getter: millions of rows
    for c in completions:
        if owners is None or c.owner in owners:
            (by_series if c.scheduled is None else named)[series_of(c)].append(c)
    # A few rows at most: each looked for in its own series only.
    standing: set[tuple[str, str, str | None, date, date]] = set()
    for (activity, owner, with_, day), scheduled in (stands_for or {}).items():
        key = (activity, owner, with_)
        dated = by_series.get(key, [])
        for i, c in enumerate(dated):
            if c.day == day:
                named[key].append(c._replace(scheduled=scheduled))
                standing.add((activity, owner, with_, day, scheduled))
                del dated[i]
                if not dated:
                    del by_series[key]
                break
    # Sorting by day alone is stable: completions arrive in (file, line) order, which then
    # breaks ties, and a C-level key is several times faster over millions of rows.
    by_day = operator.attrgetter("day")
    later = later_done = later_within = 0
    for groups in (by_series, named):
        for key, items in list(groups.items()):
            items.sort(key=by_day)
            if as_of is not None and items[-1].day > as_of:
                keep = bisect.bisect_right(items, as_of, key=by_day)
                later += len(items) - keep
                later_done += sum(c.status == "done" for c in items[keep:])
                if until is not None and until > as_of:
                    first = keep
                    if since is not None and since > as_of:
                        first = bisect.bisect_left(items, since, key=by_day)
                    later_within += max(0, bisect.bisect_right(items, until, key=by_day) - first)
                if keep:
                    del items[keep:]
                else:
                    del groups[key]
    return Logged(by_series, named, later, later_done, later_within, frozenset(standing))


# How far a cadence period can reach beyond a day it holds.
_REACH = {"day": 0, "month": 31, "quarter": 92, "year": 366}

# One occurrence's outcome: its schedule entry, status, on time, and the completion.
Outcome = tuple[Entry, str, bool | None, Completion | None]


class SeriesOutcomes(NamedTuple):
    """One series (report ``slot`` of an activity's owner) and the outcomes of its
    occurrences in the window, in date order."""

    activity: str
    owner: Person
    slot: int
    with_: str | None
    attendees: tuple[str, ...]
    outcomes: list[Outcome]


# Called once per series, not per occurrence: a large organisation has millions of these.
Visit = Callable[[SeriesOutcomes], None]

# A period's entry, with what the walk asks of it for every series: the last day a
# completion is on time, whether the entry is in the window, its status if nothing matches.
Item = tuple[Entry, date, bool, str]
# (first and last day of a period's span, the last day of the span without grace, its
# items, how many completions it wants)
Group = tuple[date, date, date, list[Item], int]


def _groups(
    entries: list[Entry], grace: timedelta, first: date, last: date, as_of: date
) -> list[Group]:
    """Entries grouped by period, periods in order, entries in date order inside each, with
    the span of days whose completions the period takes: the period itself, widened to
    the day of any occurrence moved out of it (a holiday moved a Monday review to the
    Friday before: a completion on that Friday is the one for that review) and to the end
    of its grace (a month-end debrief with 3 days' grace, held on the 1st, is that month's
    debrief, on time). Grace is for meetings held late: a skip takes a period's
    occurrence only inside the span without it."""
    by_period: dict[date, list[Entry]] = {}
    ends: dict[date, date] = {}
    for e in entries:
        by_period.setdefault(e.period_start, []).append(e)
        ends[e.period_start] = e.period_end
    out = []
    for p in sorted(by_period):
        group = by_period[p]
        days = [e.day for e in group]
        wanted = sum(e.status != "excused" for e in group)
        items = [
            (
                e,
                e.day + grace,
                first <= e.day <= last,
                # Missed once its period is over and its (moved) day and grace have passed.
                "missed" if max(ends[p], e.day + grace) < as_of else "pending",
            )
            for e in group
        ]
        own = max(ends[p], *days)
        out.append((min(p, *days), max(own, max(days) + grace), own, items, wanted))
    return out


def _day(c: Completion) -> date:
    return c.day


def _prefer_done(pool: list[Completion], wanted: int) -> tuple[list[Completion], list[Completion]]:
    """When a period has more completions than occurrences, a skip gives way to a done: a
    manager who logged a skip and then held the meeting after all did it. Returns the
    completions to match (date order) and the skips set aside."""
    surplus = len(pool) - wanted
    if surplus <= 0 or all(c.status != "skipped" for c in pool):
        return pool, []
    spare_ids: set[int] = set()
    for c in reversed(pool):  # the latest skips give way first
        if len(spare_ids) == surplus:
            break
        if c.status == "skipped":
            spare_ids.add(id(c))
    keep = [c for c in pool if id(c) not in spare_ids]
    return keep, [c for c in pool if id(c) in spare_ids]


def _claim(
    named: list[Completion],
    comps: list[Completion],
    groups: list[Group],
    unplanned: list[tuple[Completion, Entry]],
    standing: frozenset[tuple[str, str, str | None, date, date]],
) -> tuple[list[Completion], dict[date, Completion]]:
    """Records that name an occurrence of this series take it, by its scheduled day. One
    naming an excused occurrence is unplanned (the calendar excused it: it takes no
    completion); one naming a day the series does not have (the rhythm changed since the
    checklist was written) is matched by its date like any other. So is a record that
    gives only a date and stands for one naming an excused occurrence (``standing``, see
    `index`): the row is what the manager logged, the tick only its duplicate, and the row
    alone would be matched by its date; unplanned, it would make adding the tick lower
    the manager's adherence. Returns the completions left to match by date and the
    occurrences taken."""
    entries = {item[0].scheduled: item[0] for _, _, _, items, _ in groups for item in items}
    claimed: dict[date, Completion] = {}
    rest: list[Completion] = []
    for c in named:
        assert c.scheduled is not None
        e = entries.get(c.scheduled)
        if e is None or c.scheduled in claimed:
            rest.append(c)
        elif e.status == "excused":
            if standing and (*_SERIES_OF(c), c.day, c.scheduled) in standing:
                rest.append(c._replace(scheduled=None))
            else:
                unplanned.append((c, e))
        else:
            claimed[c.scheduled] = c
    return (sorted([*comps, *rest], key=_day) if rest else comps), claimed


def _moved(groups: list[Group]) -> list[Entry]:
    """Occurrences a holiday moved (Monday's huddle moved back to the Friday of the week
    before, Thursday's to the Wednesday of its week). The day moved to has no other
    occurrence of the series: the engine never doubles one up."""
    return [
        item[0]
        for _, _, _, items, _ in groups
        for item in items
        if item[0].status != "excused" and item[0].day != item[0].scheduled
    ]


def _held_where_moved(
    moved: list[Entry], comps: list[Completion], claimed: dict[date, Completion]
) -> list[Completion]:
    """A completion dated on the day an occurrence was moved to is that occurrence: the
    calendar showed it on that day (without this, it would be paired by date with the
    other period's occurrence, or with an earlier one of its own period). Returns the
    completions left; the taken ones go into ``claimed``. ``comps`` itself is not changed
    (it is matched again for the previous window)."""
    for e in moved:
        if e.scheduled in claimed:
            continue
        i = bisect.bisect_left(comps, e.day, key=_day)
        if i < len(comps) and comps[i].day == e.day:
            claimed[e.scheduled] = comps[i]
            comps = [*comps[:i], *comps[i + 1 :]]
    return comps


def _cut(groups: list[Group], t: int, comps: list[Completion], origin: bool) -> int | None:
    """Where the matching of one series may start so that the groups from ``t`` on come
    out as they would from the series' very first period: the latest group ``c <= t`` that
    no earlier group can take a completion from. Grace makes a period's span reach into
    the next one, and the earlier period takes a completion first, so a completion can
    pass a chain of periods on; a boundary that no completion falls across breaks it.
    ``groups[0]`` may lack entries before the engine's range; it is a start only when it
    is the series' first period (``origin``) or has no completion to take. None: look
    further back."""
    if t == len(groups):  # no period reaches the window: what is dated in it is unplanned
        return t
    for c in range(t, 0, -1):
        if _boundary(groups, c, comps):
            return c
    if origin or not comps or comps[0].day > groups[0][1]:
        return 0
    return None


def _end(groups: list[Group], last: date, comps: list[Completion]) -> int | None:
    """Where the matching of one series may stop so that the groups up to ``last`` come
    out as they would with every later period: the first group after the window that no
    earlier one can pass a completion on to (no completion falls in the days their spans
    share). A completion the window's last period leaves over goes on to the next one; with
    that period cut off, it matched nothing, and a skip gave way to it. None: look further
    on (the groups run out before such a boundary)."""
    for u in range(1, len(groups)):
        if groups[u][0] > last and _boundary(groups, u, comps):
            return u
    return None


def _boundary(groups: list[Group], u: int, comps: list[Completion]) -> bool:
    """Whether no completion falls in the days that group ``u``'s span shares with the
    span before it (none when they do not overlap): nothing is passed on across it."""
    w_first, prev_last = groups[u][0], groups[u - 1][1]
    if prev_last < w_first:
        return True
    i = bisect.bisect_left(comps, w_first, key=_day)
    return i == len(comps) or comps[i].day > prev_last


def walk(
    ws: Workspace,
    engine: Engine,
    logged: Logged,
    first: date,
    last: date,
    as_of: date,
    owners: set[str] | None,
    visit: Visit,
) -> list[Unplanned]:
    """Match every series and call ``visit`` with the outcomes of its occurrences in
    [first, last]; returns the completions dated in the window that matched nothing
    (unplanned), each with why. Records that name their occurrence take it first; the rest
    are matched period by period, in date order. The outcomes do not depend on the window:
    the matching starts far enough back to come out as it would from the first period."""
    unplanned: list[Unplanned] = []
    grouped: dict[int, tuple[list[Group], list[Entry]]] = {}
    walked: set[Series] = set()
    # A year of 10,000 managers' logs takes the better part of a minute (DESIGN §5: a bar).
    for aid, owner in track(pairs_for(ws, owners), "matching completions"):
        cadence = ws.rhythm.activities[aid].cadence
        unit = cadence.every.unit
        # A period's length less a day: the period holding `first` starts no earlier.
        reach = 7 * cadence.every.n - 1 if unit == "week" else _REACH[unit]
        grace = timedelta(days=cadence.grace)
        hi = last + timedelta(days=reach)

        for slot, (with_, attendees) in enumerate(engine.series_of(aid, owner)):
            series = (aid, owner.id, with_)
            floor = engine.series_first_day(aid, owner, with_)
            bounds = engine.bounds(owner, with_) if ws.dated_people else None
            # A series that ends (a `left` day, a change of team) takes completions up to
            # the end of its last period, and its grace days: its last meeting may be
            # logged a day late, as any other.
            until = date.max
            if bounds is not None and bounds[1] != date.max:
                until = engine.period(aid, bounds[1])[1] + grace
            walked.add(series)
            # Two periods before the one holding `first`, so that one whole period comes
            # before any that reaches into the window; further back while a chain of
            # completions runs across the boundaries (rare: see _cut).
            back = timedelta(days=2 * (reach + 1)) + grace
            # One period after the one holding `last`, and its grace: where a completion
            # the window leaves over goes (further while they chain on: see _end).
            ahead = timedelta(days=reach + 1) + grace + engine.margin
            top = hi + ahead
            while True:
                lo = first - back
                entries = engine.series_entries(aid, owner, with_, lo, top)
                found = grouped.get(id(entries))
                if found is None:  # the entries list is shared by owners with the same rule
                    made = _groups(entries, grace, first, last, as_of)
                    found = grouped[id(entries)] = (made, _moved(made))
                groups, moved = found
                named = logged.named.get(series)
                # The days whose completions the series takes: its days in the team (the
                # grace days after its last period included), and with records that name
                # their occurrence, the days its periods cover (the outcomes then do not
                # depend on how far back the window's walk starts).
                keep = None if bounds is None else (bounds[0], until)
                if named and groups:
                    # A record that names an occurrence outside the range (an override
                    # dragged five weeks) is that occurrence's, whatever the window: bring
                    # the occurrence in, or it would be matched by its date.
                    span = (groups[0][0], max(last, groups[-1][1]))
                    keep = span if keep is None else (max(keep[0], span[0]), min(keep[1], span[1]))
                    # The engine gives the entries held in [lo, top]: one scheduled inside
                    # may be held outside, moved by a holiday (`on_holiday`) as far as the
                    # engine's margin, so a named occurrence counts as in only that far
                    # from the ends.
                    far = [
                        c.scheduled
                        for c in named
                        if c.scheduled is not None
                        and span[0] <= c.day <= span[1]
                        and not lo + engine.margin <= c.scheduled <= top - engine.margin
                    ]
                    if far:
                        pad = timedelta(days=reach + 1) + engine.margin
                        back = max(back, first - min(far) + pad)
                        top = max(top, max(far) + pad)
                        continue
                comps = logged.dated.get(series, [])
                outside: list[Completion] = []
                if keep is not None and comps:
                    # A meeting logged on a day before someone joined is none of theirs:
                    # it would take the first meeting of their week; nor one logged after
                    # the last period of a series that ends.
                    opens, shuts = keep
                    inside = [c for c in comps if opens <= c.day <= shuts]
                    if len(inside) < len(comps):
                        outside.extend(c for c in comps if not opens <= c.day <= shuts)
                        comps = inside
                claimed: dict[date, Completion] = {}
                # named an occurrence the calendar excused
                refused: list[tuple[Completion, Entry]] = []
                if named:
                    comps, claimed = _claim(named, comps, groups, refused, logged.standing)
                if moved and comps:
                    comps = _held_where_moved(moved, comps, claimed)
                t = next((i for i, g in enumerate(groups) if g[1] >= first), len(groups))
                start = _cut(groups, t, comps, floor is not None and lo <= floor)
                if start is None:
                    back *= 2
                    continue
                stop = _end(groups, last, comps)
                if stop is None:
                    # No boundary after the window that nothing crosses, among the periods
                    # read: read further on, unless no completion is dated that far, or the
                    # series has no period there (it ends, or the days read pass the last
                    # completion by a period and its grace already).
                    if (
                        comps
                        and groups
                        and comps[-1].day >= groups[-1][0]
                        and top < min(until, comps[-1].day + timedelta(days=reach + 1) + grace)
                    ):
                        top += ahead
                        ahead *= 2
                        continue
                    stop = len(groups)
                break
            left: list[tuple[Completion, Carried | None]] = []
            outcomes = _match(groups[start:stop], comps, claimed, first, last, left)
            if refused or outside or left:
                why = _Why(ws, engine, aid, owner, with_, groups, claimed, (lo, top))
                for c, e in refused:
                    if first <= c.day <= last:
                        unplanned.append(Unplanned(c, excused_day(e.day, e.reason)))
                for c in outside:
                    if first <= c.day <= last:
                        unplanned.append(Unplanned(c, why.outside(c)))
                unplanned.extend(
                    # After the series' last day, what ended it says why.
                    Unplanned(c, why.outside(c) if bounds and c.day > bounds[1] else why.of(c, tag))
                    for c, tag in left
                )
            if outcomes:
                visit(SeriesOutcomes(aid, owner, slot, with_, attendees, outcomes))
    # Completions of series that have no occurrence at all (another role's activity,
    # a report who is not theirs) are unplanned too.
    for table in (logged.dated, logged.named):
        for series, comps in table.items():
            if series not in walked:
                unplanned.extend(
                    Unplanned(c, _not_in_rhythm(ws, c)) for c in comps if first <= c.day <= last
                )
    unplanned.sort(
        key=lambda u: (
            u.completion.day,
            u.completion.owner,
            u.completion.activity,
            u.completion.with_ or "",
            u.completion.file,
            u.completion.line,
        )
    )
    return unplanned


def _not_in_rhythm(ws: Workspace, c: Completion) -> str:
    """Why the rhythm has no series of ``c``'s activity, owner and report."""
    found = not_theirs(ws, c)
    return found[0] if found else "the rhythm has no such meeting"


# The period a completion left over was last matched in: its group, the completions
# matched there by date, and how many of them took a meeting (the claimed ones aside).
Carried = tuple[Group, list[Completion], int]


class _Why:
    """Why a completion of one series matched nothing, in `morctl.unmatched`'s words: made
    only for a series that has such completions. ``groups`` are the series' periods in
    ``span``, the days whose entries the walk took from the engine."""

    def __init__(
        self,
        ws: Workspace,
        engine: Engine,
        aid: str,
        owner: Person,
        with_: str | None,
        groups: list[Group],
        claimed: dict[date, Completion],
        span: tuple[date, date],
    ) -> None:
        self.ws, self.engine, self.aid, self.owner, self.with_ = ws, engine, aid, owner, with_
        self.groups, self.claimed, self.span = groups, claimed, span
        self._days: list[date] | None = None

    def outside(self, c: Completion) -> str:
        away = outside_team(self.ws, c)
        return away[0] if away else self.of(c, None)

    def of(self, c: Completion, tag: Carried | None) -> str:
        """``tag``: the period it was left over in, or None when no period of the series
        reaches its day."""
        # A skip dated in the grace days after a period calls off its own period's meeting
        # only (adherence.md): left over, its own period has none.
        if tag is None or (c.status == "skipped" and c.day > tag[0][2]):
            return self._no_meeting(c)
        (_, _, _, items, wanted), pool, taken = tag
        entries = [item[0] for item in items]
        held = sorted(
            [*(self.claimed[e.scheduled] for e in entries if e.scheduled in self.claimed),
             *pool[:taken]],
            key=_day,
        )  # fmt: skip
        where = period_words(self.ws, self.aid, entries[0].period_start, entries[0].period_end)
        off = next((e for e in entries if e.status == "excused" and e.day == c.day), None)
        if off is not None:
            return excused_day(c.day, off.reason) + (others_taken(where, held) if held else "")
        if not wanted:
            return excused_all(where, (e.reason for e in entries))
        return all_taken(where, held)

    def _no_meeting(self, c: Completion) -> str:
        if (early := before_start(self.ws, c)) is not None:
            return early
        if (late := after_end(self.ws, c)) is not None:
            return late  # the nearest meeting would be the last one: the end says more
        p_first, p_last = self.engine.period(self.aid, c.day)
        why = no_meeting(self.ws, c.day, period_words(self.ws, self.aid, p_first, p_last))
        if self._days is None:
            self._days = _held_days(e for g in self.groups for e, _, _, _ in g[3])
        best = _nearest(self._days, c.day)
        lo, hi = self.span
        # A meeting outside the days the walk looked at may be nearer: look around the
        # day itself, further out until one is found (a rhythm may end, or start later).
        reach = 7
        while best is None or abs((best - c.day).days) > min((c.day - lo).days, (hi - c.day).days):
            if reach > 800:
                break
            lo, hi = c.day - timedelta(days=reach), c.day + timedelta(days=reach)
            found = self.engine.series_entries(self.aid, self.owner, self.with_, lo, hi)
            best = _nearest(_held_days(found), c.day)
            reach *= 4
        return why if best is None else f"{why}; {nearest(best)}"


def _held_days(entries: Iterable[Entry]) -> list[date]:
    """The days, in order, on which the entries not excused by the calendar are held."""
    return sorted(e.day for e in entries if e.status != "excused")


def _nearest(days: list[date], day: date) -> date | None:
    """The day of ``days`` (in order) nearest to ``day``, the earlier of two as near."""
    i = bisect.bisect_left(days, day)
    near = days[max(i - 1, 0) : i + 1]  # the days on either side of it
    return min(near, key=lambda d: (abs((d - day).days), d)) if near else None


def _match(
    groups: list[Group],
    comps: list[Completion],
    claimed: dict[date, Completion],
    first: date,
    last: date,
    unplanned: list[tuple[Completion, Carried | None]],
) -> list[Outcome]:
    """One series' walk over its periods from ``groups[0]``: the outcomes of the
    occurrences in the window; completions dated in the window that match nothing go
    to ``unplanned``, with the period they were left over in (None: no period of the
    series reaches their day).

    A skip keeps its meeting from a done of the grace days after its period, which goes on
    to the next period, whose days they are: a meeting called off is not waiting to be
    held late. When a done then matches nothing further on, the walk is made again with
    the skip giving way in that period, as it does to a done of its own days: the meeting
    was held after all, and adding a skip never turns a meeting held into one called off
    beside a row unplanned. Rare: only a skip followed by more dones than meetings."""
    relaxed: set[int] = set()
    while True:
        left: list[tuple[Completion, Carried | None]] = []
        outcomes, again = _walk_periods(groups, comps, claimed, first, last, left, relaxed)
        if again is None:
            unplanned.extend(left)
            return outcomes
        relaxed.add(again)


def _walk_periods(
    groups: list[Group],
    comps: list[Completion],
    claimed: dict[date, Completion],
    first: date,
    last: date,
    unplanned: list[tuple[Completion, Carried | None]],
    relaxed: set[int],
) -> tuple[list[Outcome], int | None]:
    """One walk of `_match`: the outcomes and, when a done matched nothing after a period
    whose skips kept their meetings from the dones of its grace days (with the completions
    passed on from period to period in between), that period, to walk again with its skips
    giving way (the outcomes are then incomplete). ``relaxed``: the periods (by index) where
    they give way already."""
    # Completions before the first span or after the last play no part.
    start = min(first, groups[0][0]) if groups else first
    ci = bisect.bisect_left(comps, start, key=_day)
    n = bisect.bisect_right(comps, max(last, groups[-1][1]) if groups else last, key=_day)
    carried: list[Completion] = []  # left over, may still fall in the next span
    came_from: Carried | None = None  # the period they were left over in
    outcomes: list[Outcome] = []
    kept: int | None = None  # the latest period whose skips kept their meetings, if linked

    for gi, g in enumerate(groups):
        w_first, w_last, own_last, group, wanted = g
        pool: list[Completion] = []
        for x in carried:
            if x.day >= w_first:
                pool.append(x)
            elif kept is not None and x.status == "done":
                return outcomes, kept
            elif first <= x.day <= last:
                unplanned.append((x, came_from))
        if not pool:
            kept = None  # nothing passed on: what comes after cannot go back to it
        while ci < n and comps[ci].day < w_first:  # between periods: no occurrence
            if first <= comps[ci].day <= last:
                unplanned.append((comps[ci], None))
            ci += 1
        j = ci
        while j < n and comps[j].day <= w_last:
            j += 1
        if j > ci:
            pool += comps[ci:j]
            ci = j
        spare: list[Completion] = []
        if w_last > own_last and pool and pool[-1].day > own_last:
            # A skip dated in the grace days calls off the next period's meeting.
            spare = [x for x in pool if x.status == "skipped" and x.day > own_last]
            if spare:
                pool = [x for x in pool if not (x.status == "skipped" and x.day > own_last)]
        released: set[date] = set()
        if claimed:
            wanted -= sum(item[0].scheduled in claimed for item in group)
            if len(pool) > wanted:
                # A skip on the day a meeting moved to gives way to a done as any skip does:
                # back into the pool, where `_prefer_done` sets it aside.
                for e, _, _, _ in group:
                    c = claimed.get(e.scheduled)
                    if c is not None and c.status == "skipped" and e.status != "excused":
                        released.add(e.scheduled)
                        bisect.insort(pool, c, key=_day)
                        wanted += 1
        later = 0  # the dones of the grace days, last in ``pool``, when skips keep theirs
        if len(pool) > wanted:
            if w_last > own_last and pool[-1].day > own_last and gi not in relaxed:
                later = len(pool) - bisect.bisect_right(pool, own_last, key=_day)
            if later:
                inner, extra = _prefer_done(pool[:-later], wanted)
                pool = [*inner, *pool[-later:]]
            else:
                pool, extra = _prefer_done(pool, wanted)
            spare += extra
        have = len(pool)
        taken = 0
        held_off = False  # a skip took a meeting while dones of the grace days go on
        for e, due, inside, unmet in group:
            if e.status == "excused":
                status, on_time, c = "excused", None, None
            elif claimed and e.scheduled in claimed and e.scheduled not in released:
                c = claimed[e.scheduled]
                if c.status == "done":
                    status, on_time = "done", c.day <= due
                else:
                    status, on_time = "excused", None
            elif taken < have:
                c = pool[taken]
                taken += 1
                if c.status == "skipped":
                    status, on_time = "excused", None
                    held_off = held_off or bool(later)
                else:
                    status, on_time = "done", c.day <= due
            else:
                status, on_time, c = unmet, None, None
            if inside:
                outcomes.append((e, status, on_time, c))
        if held_off and taken < have:
            kept = gi
        if taken < have or spare:
            carried = sorted((*pool[taken:], *spare), key=lambda x: (x.day, x.file, x.line))
            came_from = (g, pool, taken)
        else:
            carried = []
            kept = None
    for x in carried:
        if kept is not None and x.status == "done":
            return outcomes, kept
        if first <= x.day <= last:
            unplanned.append((x, came_from))
    for x in comps[ci:n]:
        if first <= x.day <= last:
            unplanned.append((x, None))
    return outcomes, None


@dataclass
class Scoring:
    scored: list[Scored]
    unplanned: list[Completion]
    why: list[str]  # why each of ``unplanned`` matched nothing, in the same order


def score(
    ws: Workspace,
    completions: Iterable[Completion],
    first: date,
    last: date,
    as_of: date,
    owners: set[str] | None = None,
    engine: Engine | None = None,
    stands_for: Mapping[tuple[str, str, str | None, date], date] | None = None,
) -> Scoring:
    """Every occurrence in [first, last] owned by ``owners`` (everyone if None) with its
    outcome, in the engine's order, and the unplanned completions."""
    engine = engine or Engine(ws)
    scored: list[Scored] = []

    def visit(s: SeriesOutcomes) -> None:
        entries = [e for e, _, _, _ in s.outcomes]
        occs = engine.series_occurrences(s.activity, s.owner, s.slot, s.with_, s.attendees, entries)
        for occ, (_, status, on_time, c) in zip(occs, s.outcomes, strict=True):
            scored.append(Scored(occ, status, on_time, c))

    in_order = sorted(completions, key=lambda c: (c.file, c.line))
    logged = index(in_order, owners, as_of, stands_for)
    unplanned = walk(ws, engine, logged, first, last, as_of, owners, visit)
    scored.sort(key=lambda s: s.occ)
    return Scoring(scored, [u.completion for u in unplanned], [u.why for u in unplanned])


@dataclass
class Tally:
    """Counts per person, per person × activity, per activity, per ISO week, per person ×
    activity × week (the grid, whose cells are bare counter slots: a large organisation has
    millions of them), and for the whole organisation."""

    people: dict[str, Counts] = field(default_factory=dict)
    person_activity: dict[tuple[str, str], Counts] = field(default_factory=dict)
    activities: dict[str, Counts] = field(default_factory=dict)
    weeks: dict[str, Counts] = field(default_factory=dict)
    grid: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    org: Counts = field(default_factory=Counts)

    def roll_up(self) -> Tally:
        """Fill every level from the grid: weeks and person × activity from the cells,
        the rest from person × activity, which has far fewer entries than the grid."""
        by_week: dict[str, list[list[int]]] = defaultdict(list)
        by_pair: dict[tuple[str, str], list[list[int]]] = defaultdict(list)
        for (pid, aid, week), v in self.grid.items():
            by_week[week].append(v)
            by_pair[(pid, aid)].append(v)
        for week, cells in by_week.items():
            _into(self.weeks, week, _sum(cells))
        for pair, cells in by_pair.items():
            _into(self.person_activity, pair, _sum(cells))
        for (pid, aid), c in self.person_activity.items():
            _into(self.people, pid, c.v)
            _into(self.activities, aid, c.v)
            self.org.merge(c)
        return self


K = TypeVar("K")


def _sum(cells: list[list[int]]) -> list[int]:
    """Slot-wise sum of counter lists (transposed and summed in C: the grid has millions)."""
    return [sum(slot) for slot in zip(*cells, strict=True)]


def _into(table: dict[K, Counts], key: K, v: list[int]) -> None:
    have = table.get(key)
    if have is None:
        table[key] = Counts(list(v))
    else:
        have.v = list(map(operator.add, have.v, v))


def tally(scored: Iterable[Scored]) -> Tally:
    t = Tally()
    for s in scored:
        o = s.occ
        key = (o.owner, o.activity, iso_week(o.day))
        cell = t.grid.get(key)
        if cell is None:
            cell = t.grid[key] = [0] * _SLOTS
        bump(cell, s.status, s.on_time, s.completion)
    return t.roll_up()


def count(
    ws: Workspace,
    logged: Logged,
    first: date,
    last: date,
    as_of: date,
    owners: set[str] | None,
    engine: Engine,
) -> tuple[Tally, list[Unplanned]]:
    """The tally and the unplanned completions (each with why), without building an object
    per occurrence (the fast path of `morctl report`; `score` + `tally` give the same
    numbers)."""
    grid: dict[tuple[str, str, str], list[int]] = {}

    def visit(s: SeriesOutcomes) -> None:
        oid, aid = s.owner.id, s.activity
        for e, status, on_time, c in s.outcomes:
            key = (oid, aid, e.week)
            cell = grid.get(key)
            if cell is None:
                cell = grid[key] = [0] * _SLOTS
            bump(cell, status, on_time, c)

    unplanned = walk(ws, engine, logged, first, last, as_of, owners, visit)
    return Tally(grid=grid).roll_up(), unplanned
