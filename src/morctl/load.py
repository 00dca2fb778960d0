"""Weekly load (admission question 4): minutes per week each owner spends on the rhythm.

One computation serves `validate` (Q4), `show` and `diff`, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from morctl.model import Activity, Rhythm
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


def _load(ws_rhythm: Rhythm, role: str, person: str | None, reports: dict[str, int]) -> Load:
    items = []
    for aid, act in sorted(ws_rhythm.activities.items()):
        if act.owner != role:
            continue
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
            out.append(_load(rhythm, role, None, counts))
        return out
    for role in owning:
        for person in ws.holders.get(role, ()):
            counts = {}
            for report_role in _report_roles(rhythm, role):
                counts[report_role] = len(ws.team_of(person, report_role or None))
            out.append(_load(rhythm, role, person.id, counts))
    return out


def _report_roles(rhythm: Rhythm, role: str) -> set[str]:
    # "" stands for "all direct reports" (no report_role given).
    return {a.report_role or "" for a in rhythm.activities.values() if a.owner == role}
