"""Weekly load (admission question 4): minutes per week each owner spends on the rhythm.

One computation serves `validate` (Q4), `show` and `diff`, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from morctl.diagnostics import joined
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
    # The day a team or an activity still to come makes the load this heavy (hires joining,
    # reports moving in, an activity's `starting`): None when it is today's load.
    since: date | None = None
    # The first day the load is over capacity, when that is still to come: a team may be
    # over with its January hires and heavier still from a move in February.
    over_from: date | None = None
    # What comes on ``since``: the team grows (`joined`, `manager_since`), and the
    # activities that start then.
    grows: bool = False
    starts: tuple[str, ...] = ()

    @property
    def cause(self) -> str:
        """What makes the load heavier on ``since``, in words: "as the team grows", "as
        pipeline_review_wed starts", or both."""
        said = ["the team grows"] if self.grows else []
        if self.starts:
            verb = "starts" if len(self.starts) == 1 else "start"
            said.append(f"{joined(self.starts)} {verb}")
        return "as " + " and ".join(said) if said else ""

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


def runs_on(activity: Activity, rhythm: Rhythm, day: date) -> bool:
    """Whether the activity runs on ``day``, from its `starting` to its `until`. A day
    before the rhythm's `effective` stands for that first day: the rhythm is planned for as
    it will begin."""
    c = activity.cadence
    if rhythm.effective is not None:
        day = max(day, rhythm.effective)
    return (c.starting is None or c.starting <= day) and (c.until is None or day <= c.until)


def _load(
    ws_rhythm: Rhythm, role: str, person: str | None, reports: dict[str, int], day: date
) -> Load:
    """The load on ``day``: of the activities that run that day (one ended by `until`
    takes no more of anyone's week, one from a later `starting` none yet)."""
    items = []
    for aid, act in sorted(ws_rhythm.activities.items()):
        if act.owner != role or not runs_on(act, ws_rhythm, day):
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
        out += [_heaviest(ws, role, None) for role in owning]
        return out
    for role in owning:
        for person in ws.holders.get(role, ()):
            out.append(_heaviest(ws, role, person))
    return out


def _team(ws: Workspace, role: str, person: Person | None, day: date) -> dict[str, int]:
    """The reports the owner has on ``day``, per report role; the role's `span` without a
    roster."""
    rhythm = ws.rhythm
    report_roles = _report_roles(rhythm, role)
    if person is None:
        span = rhythm.roles[role].span if role in rhythm.roles else None
        return {rr: span or 0 for rr in report_roles}
    if not ws.dated_people:
        return {rr: len(ws.reports_for(person, rr or None)) for rr in report_roles}
    return {rr: len(ws.team_on(person, rr or None, day)) for rr in report_roles}


def _heaviest(ws: Workspace, role: str, person: Person | None) -> Load:
    """The load at its heaviest from today on: the load to plan for. It grows on the days
    the team grows (`team_days`: a hire still to join, a report moving in next month)
    and on an activity's `starting`, each counted from its day; between two such days it
    can only shrink (someone leaves, an activity reaches its `until`), so those days and
    today are the ones to weigh. An activity replaced from a date (`until` on the old one,
    `starting` on the new) counts once on every day."""
    rhythm = ws.rhythm
    today = ws.today
    starting = {
        a.cadence.starting
        for a in rhythm.activities.values()
        if a.owner == role and a.cadence.starting is not None and a.cadence.starting > today
    }
    team_days = ws.team_days(person) if person is not None and ws.dated_people else [today]
    grows = set(team_days) - {today}
    pid = person.id if person is not None else None
    best: Load | None = None
    over_from: date | None = None
    for day in sorted({today, *team_days, *starting}):
        load = _load(rhythm, role, pid, _team(ws, role, person, day), day)
        if load.over and over_from is None:
            over_from = day
        if best is None or load.minutes > best.minutes + 1e-9:
            if day == today:
                best = load
            else:
                starts = tuple(
                    aid for aid, a in sorted(rhythm.activities.items())
                    if a.owner == role and a.cadence.starting == day
                )  # fmt: skip
                best = replace(load, since=day, grows=day in grows, starts=starts)
    assert best is not None
    if over_from is not None and over_from != today:
        return replace(best, over_from=over_from)
    return best


def _report_roles(rhythm: Rhythm, role: str) -> set[str]:
    # "" stands for "all direct reports" (no report_role given).
    return {a.report_role or "" for a in rhythm.activities.values() if a.owner == role}
