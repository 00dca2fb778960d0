"""Matching and scoring (DESIGN.md §8): which occurrences happened, on time or late, were
excused, missed or are still pending, and the figures built from those counts.

Occurrences come only from the engine. Completions of one series dated inside one cadence
period are matched to that period's occurrences one to one, in date order.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from morctl.completion import Completion
from morctl.expand import Engine, Occurrence, expand
from morctl.workspace import Workspace

Series = tuple[str, str, str | None]


class Scored(NamedTuple):
    """An occurrence in the window with its outcome."""

    occ: Occurrence
    status: str  # done | excused | missed | pending
    on_time: bool | None
    completion: Completion | None


@dataclass
class Counts:
    """Counts of outcomes, and the figures derived from them."""

    done: int = 0
    on_time: int = 0
    late: int = 0
    missed: int = 0
    excused: int = 0
    pending: int = 0
    useful_sum: int = 0
    useful_n: int = 0
    actions_recorded: int = 0
    actions_some: int = 0
    hollow: int = 0

    def add(self, s: Scored) -> None:
        if s.status == "done":
            self.done += 1
            if s.on_time:
                self.on_time += 1
            else:
                self.late += 1
            c = s.completion
            if c is not None:
                if c.useful is not None:
                    self.useful_sum += c.useful
                    self.useful_n += 1
                if c.actions is not None:
                    self.actions_recorded += 1
                    self.actions_some += c.actions >= 1
                if (c.useful is not None and c.useful <= 2) or c.actions == 0:
                    self.hollow += 1
        elif s.status == "missed":
            self.missed += 1
        elif s.status == "excused":
            self.excused += 1
        else:
            self.pending += 1

    def merge(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def expected(self) -> int:
        return self.done + self.missed + self.excused + self.pending

    @property
    def adherence(self) -> float | None:
        due = self.done + self.missed
        return self.done / due if due else None

    @property
    def on_time_rate(self) -> float | None:
        due = self.done + self.missed
        return self.on_time / due if due else None

    @property
    def useful(self) -> float | None:
        return self.useful_sum / self.useful_n if self.useful_n else None

    @property
    def action_rate(self) -> float | None:
        return self.actions_some / self.actions_recorded if self.actions_recorded else None


@dataclass
class Scoring:
    scored: list[Scored]
    unplanned: list[Completion]


def _index(
    completions: Iterable[Completion], owners: set[str] | None
) -> dict[Series, list[Completion]]:
    by_series: dict[Series, list[Completion]] = defaultdict(list)
    for c in completions:
        if owners is None or c.owner in owners:
            by_series[c.series].append(c)
    for items in by_series.values():
        items.sort(key=lambda c: (c.day, c.file, c.line))
    return by_series


def score(
    ws: Workspace,
    completions: Iterable[Completion],
    first: date,
    last: date,
    as_of: date,
    owners: set[str] | None = None,
    engine: Engine | None = None,
) -> Scoring:
    """Score every occurrence in [first, last] owned by ``owners`` (everyone if None)."""
    engine = engine or Engine(ws)
    in_window = list(expand(ws, first, last, owners=owners, engine=engine))
    # A period may reach outside the window; its other occurrences take part in matching
    # (so that completions pair with the right occurrence) but are not reported.
    bounds: dict[str, tuple[date, date]] = {}
    for o in in_window:
        lo, hi = bounds.get(o.activity, (o.period_start, o.period_end))
        bounds[o.activity] = (min(lo, o.period_start), max(hi, o.period_end))
    outside: list[Occurrence] = []
    for aid, (lo, hi) in sorted(bounds.items()):
        if lo < first:
            outside += expand(
                ws, lo, first - timedelta(days=1), owners=owners, activities={aid}, engine=engine
            )
        if hi > last:
            outside += expand(
                ws, last + timedelta(days=1), hi, owners=owners, activities={aid}, engine=engine
            )
    groups: dict[tuple[Series, date], list[Occurrence]] = defaultdict(list)
    for o in (*in_window, *outside):
        groups[(o.series, o.period_start)].append(o)
    by_series = _index(completions, owners)
    days = {s: [c.day for c in items] for s, items in by_series.items()}
    used: set[int] = set()
    outcome: dict[str, Scored] = {}
    for (series, p_start), occs in groups.items():
        occs.sort(key=lambda o: (o.day, o.slot, o.key))
        eligible = [o for o in occs if o.status == "scheduled"]
        items = by_series.get(series, [])
        p_end = occs[0].period_end
        if items:
            lo_i = bisect.bisect_left(days[series], p_start)
            hi_i = bisect.bisect_right(days[series], p_end)
            matched = items[lo_i:hi_i]
        else:
            matched = []
        for o in occs:
            if o.status == "excused":
                outcome[o.key] = Scored(o, "excused", None, None)
        for o, c in zip(eligible, matched, strict=False):
            used.add(id(c))
            if c.status == "skipped":
                outcome[o.key] = Scored(o, "excused", None, c)
            else:
                due = o.day + timedelta(days=ws.rhythm.activities[o.activity].cadence.grace)
                outcome[o.key] = Scored(o, "done", c.day <= due, c)
        for o in eligible[len(matched) :]:
            status = "missed" if o.period_end < as_of else "pending"
            outcome[o.key] = Scored(o, status, None, None)
    scored = [outcome[o.key] for o in in_window]
    unplanned = [
        c
        for items in by_series.values()
        for c in items
        if id(c) not in used and first <= c.day <= last
    ]
    unplanned.sort(key=lambda c: (c.day, c.owner, c.activity, c.with_ or "", c.file, c.line))
    return Scoring(scored, unplanned)


@dataclass
class Tally:
    """Counts per person, per person × activity, per activity, per week."""

    people: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    person_activity: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: defaultdict(Counts)
    )
    activities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    weeks: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    person_weeks: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    grid: dict[tuple[str, str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    org: Counts = field(default_factory=Counts)


def iso_week(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def tally(scored: Iterable[Scored]) -> Tally:
    t = Tally()
    for s in scored:
        o = s.occ
        week = iso_week(o.day)
        t.people[o.owner].add(s)
        t.person_activity[(o.owner, o.activity)].add(s)
        t.activities[o.activity].add(s)
        t.weeks[week].add(s)
        t.person_weeks[(o.owner, week)].add(s)
        t.grid[(o.owner, o.activity, week)].add(s)
        t.org.add(s)
    return t
