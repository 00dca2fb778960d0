"""Weekly load (admission question 4): minutes per week each owner spends on the rhythm.

One computation serves `validate` (Q4), `show` and `diff`, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from morctl.model import Activity, Person, Rhythm
from morctl.workspace import Workspace

# How many times per week each cadence runs, averaged over a year (DESIGN.md §6).
_PER_WEEK = {"month": 12 / 52, "quarter": 4 / 52, "year": 1 / 52}


def per_week(activity: Activity, rhythm: Rhythm) -> float:
    """Average occurrences of one series per week."""
    every = activity.cadence.every
    if every.unit == "day":
        return float(len(rhythm.workweek))
    if every.unit == "week":
        return max(len(activity.cadence.weekdays), 1) / every.n
    return _PER_WEEK[every.unit]


@dataclass(frozen=True)
class Load:
    """The weekly load of one person (or, without a roster, one role at its ``span``)."""

    role: str
    person: str | None
    minutes: float
    capacity: int | None
    items: tuple[tuple[str, float], ...]  # (activity id, minutes per week)
    # The day a team still to come makes the load this heavy (hires joining, reports moving
    # in): None when it is today's team.
    since: date | None = None
    # The first day the load is over capacity, when that is still to come: a team may be
    # over with its January hires and heavier still from a move in February.
    over_from: date | None = None

    @property
    def over(self) -> bool:
        return self.capacity is not None and self.minutes > self.capacity + 1e-9

    @property
    def shown(self) -> int:
        """The minutes rounded for print, and up when rounding would land on the capacity a
        load is over: 480.2 minutes against 480 prints as 8h01m, not as the 8h it breaks."""
        whole = round(self.minutes)
        if self.over and self.capacity is not None and whole <= self.capacity:
            return self.capacity + 1
        return whole


def _load(
    ws_rhythm: Rhythm, role: str, person: str | None, reports: dict[str, int], today: date
) -> Load:
    items = []
    for aid, act in sorted(ws_rhythm.activities.items()):
        if act.owner != role:
            continue
        if act.cadence.until is not None and act.cadence.until < today:
            continue  # ended (`until`): it takes no more of anyone's week
        times = reports.get(act.report_role or "", 0) if act.with_ == "each_report" else 1
        items.append((aid, act.cadence.for_ * times * per_week(act, ws_rhythm)))
    capacity = ws_rhythm.roles[role].capacity if role in ws_rhythm.roles else None
    return Load(role, person, sum(m for _, m in items), capacity, tuple(items))


def loads(ws: Workspace) -> list[Load]:
    """Load per person who holds an owning role; per role (with ``span``) without a roster."""
    rhythm = ws.rhythm
    owning = sorted({a.owner for a in rhythm.activities.values()})
    out: list[Load] = []
    if not ws.has_roster:
        for role in owning:
            span = rhythm.roles[role].span if role in rhythm.roles else None
            counts = {r: span or 0 for r in _report_roles(rhythm, role)}
            out.append(_load(rhythm, role, None, counts, ws.today))
        return out
    for role in owning:
        for person in ws.holders.get(role, ()):
            out.append(_heaviest(ws, role, person))
    return out


def _heaviest(ws: Workspace, role: str, person: Person) -> Load:
    """The person's load with their team at its heaviest from today on (`team_days`):
    the load to plan for. A hire still to join and a report moving in next month count
    alike, each from their day."""
    rhythm = ws.rhythm
    report_roles = _report_roles(rhythm, role)
    if not ws.dated_people:
        counts = {rr: len(ws.reports_for(person, rr or None)) for rr in report_roles}
        return _load(rhythm, role, person.id, counts, ws.today)
    today = ws.today
    best: Load | None = None
    over_from: date | None = None
    for day in ws.team_days(person):
        counts = {rr: len(ws.team_on(person, rr or None, day)) for rr in report_roles}
        load = _load(rhythm, role, person.id, counts, today)
        if load.over and over_from is None:
            over_from = day
        if best is None or load.minutes > best.minutes + 1e-9:
            best = load if day == today else replace(load, since=day)
    assert best is not None
    if over_from is not None and over_from != today:
        return replace(best, over_from=over_from)
    return best


def _report_roles(rhythm: Rhythm, role: str) -> set[str]:
    # "" stands for "all direct reports" (no report_role given).
    return {a.report_role or "" for a in rhythm.activities.values() if a.owner == role}
