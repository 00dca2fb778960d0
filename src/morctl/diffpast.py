"""Roster changes that rewrite past weeks: a report reads the roster as it is now for every
day it covers, so a person added without `joined` has meetings due on every day since
the rhythm's `effective` date (missed, where nothing is logged), and a move to another
manager without `manager_since` charges the new manager with the weeks before it and
leaves the old manager's logged 1:1s with the person unplanned (docs/adherence.md).
Nothing in one side tells these from a roster that was always so; the change does.

The rhythm is read the same way: an activity added with no `starting`, a `starting` or the
rhythm's `effective` moved earlier, make meetings due on past days; an `every` or `grace`
changed counts an activity's past meetings another way (a weekday or time changed moves
them inside their periods, which reports match by, so it is not named here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from morctl.expand import Engine, expand
from morctl.model import Person
from morctl.workspace import Workspace

# With no first day at all (no `effective`, no `starting`), a report counts meetings on
# any past day it is asked for: the meetings counted are those of a year, to the last day.
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class PastChange:
    """A person whose meetings on days before ``today`` the change moves or adds."""

    person: str
    kind: str  # "joined": added with no `joined`; "manager_since": moved with no date
    since: date | None  # the first day rewritten (None: every past day)
    today: date
    manager_before: str | None = None  # for a move
    manager_after: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "activity": None,
            "kind": self.kind,
            "from": self.since.isoformat() if self.since else None,
            "to": (self.today - timedelta(days=1)).isoformat(),
            "meetings": None,
            "manager_before": self.manager_before,
            "manager_after": self.manager_after,
            "message": self.message(),
            "hint": self.hint(),
        }

    def _span(self) -> str:
        last = self.today - timedelta(days=1)
        return f"from {self.since} to {last}" if self.since else f"up to {last}"

    def message(self, code: Callable[[str], str] = str) -> str:
        who = code(self.person)
        if self.kind == "joined":
            since = f"since {self.since}, the rhythm's effective day" if self.since else "ever"
            return (
                f"{who} is added with no {code('joined')} day: reports count their meetings "
                f"due {since}, as missed where nothing is logged"
            )
        before, after = self.manager_before, self.manager_after
        if before and after:
            what = (
                f"{who} moves from {code(before)} to {code(after)} with no "
                f"{code('manager_since')}: reports of the days {self._span()} charge "
                f"{code(after)} with their 1:1s and count {code(before)}'s logged 1:1s with "
                "them as unplanned"
            )
        elif after:
            what = (
                f"{who} gets {code(after)} as manager with no {code('manager_since')}: "
                f"reports of the days {self._span()} charge {code(after)} with their 1:1s"
            )
        else:
            what = (
                f"{who} has no manager now, with no date: reports of the days {self._span()} "
                f"count {code(before or '')}'s logged 1:1s with them as unplanned"
            )
        return what

    def hint(self, code: Callable[[str], str] = str) -> str:
        if self.kind == "joined":
            return (
                f"write {code(f'joined: {self.today}')} in their entry (their first day, if "
                "not today): before it, reports expect nothing of them"
            )
        if self.manager_before and self.manager_after:
            return (
                f"write {code(f'manager_since: {self.today}')} and "
                f"{code(f'previous_manager: {self.manager_before}')} (the day of the move, if "
                f"not today): {code(self.manager_before)} keeps the days before it"
            )
        if self.manager_after:
            return (
                f"write {code(f'joined: {self.today}')} if they are new to the team, or "
                f"{code(f'manager_since: {self.today}')} with their previous manager"
            )
        return (
            f"keep {code(f'manager: {self.manager_before}')} and write "
            f"{code(f'left: {self.today - timedelta(days=1)}')} if they left (their last day)"
        )


def _attends(ws: Workspace, person: Person, manager: str | None) -> bool:
    """Whether ``person`` is in meetings ``manager`` holds with each report or the team."""
    boss = ws.by_id.get(manager) if manager else None
    if boss is None:
        return False
    return any(
        act.owner == boss.role
        and act.with_ != "alone"
        and (act.report_role is None or act.report_role == person.role)
        for act in ws.rhythm.activities.values()
    )


def _holds(ws: Workspace, person: Person) -> bool:
    return any(act.owner == person.role for act in ws.rhythm.activities.values())


def past_changes(old: Workspace, new: Workspace, today: date) -> list[PastChange]:
    """The people whose days before ``today`` this change rewrites, by id."""
    effective = new.rhythm.effective
    if effective is not None and effective >= today:
        return []  # the rhythm starts today or later: no report has past days of it
    out: list[PastChange] = []
    for pid in sorted(new.by_id):
        n, o = new.by_id[pid], old.by_id.get(pid)
        if o is None:
            if n.joined is None and (_holds(new, n) or _attends(new, n, n.manager)):
                out.append(PastChange(pid, "joined", effective, today))
            continue
        if n.manager == o.manager:
            continue
        dated = (
            n.manager_since is not None
            and n.manager_since != o.manager_since
            and n.previous_manager == o.manager
        )
        if dated:
            continue  # the days before the move keep their manager: diff lists them
        since = max(d for d in (effective, n.manager_since, n.joined, date.min) if d)
        if since >= today or not (_attends(old, o, o.manager) or _attends(new, n, n.manager)):
            continue
        first = since if since != date.min else None
        out.append(PastChange(pid, "manager_since", first, today, o.manager, n.manager))
    return out


@dataclass(frozen=True)
class PastActivity:
    """An activity (or, for `effective`, every one) whose meetings on days before ``today``
    the change makes due, or counts another way."""

    activity: str | None  # None: the rhythm's `effective` day, for every activity
    # "added": added with meetings before today; "starting": its `starting` removed or moved
    # earlier; "effective": the rhythm's moved earlier; "cadence": `every` or `grace` changed
    kind: str
    since: date | None  # the first day rewritten (None: every past day)
    last: date  # the last day rewritten
    today: date
    meetings: int | None = None  # due in [since, last], every owner; None for "cadence"
    before: date | None = None  # the old `starting` or `effective`
    starting: date | None = None  # the new `starting` of an added activity
    edits: tuple[str, ...] = ()  # for "cadence": `every: week → 2 weeks`

    def as_json(self) -> dict[str, Any]:
        return {
            "person": None,
            "activity": self.activity,
            "kind": self.kind,
            "from": self.since.isoformat() if self.since else None,
            "to": self.last.isoformat(),
            "meetings": self.meetings,
            "manager_before": None,
            "manager_after": None,
            "message": self.message(),
            "hint": self.hint(),
        }

    def _due(self, whose: str) -> str:
        n = self.meetings
        counted = f"{n} of them before today" if self.kind == "added" else f"{n} of them"
        if self.since is None:
            counted = f"{n} in the year to {self.last}"
        return f"as missed where nothing is logged: {counted}, for {whose}"

    def message(self, code: Callable[[str], str] = str) -> str:
        what = code(self.activity or "")
        span = (
            f"from {self.since} to {self.last}" if self.since else f"on every day up to {self.last}"
        )
        if self.kind == "added":
            if self.starting is not None:
                head = (
                    f"{what} is added with {code(f'starting: {self.starting}')}, before "
                    f"today: reports count its meetings due since {self.since}"
                )
            elif self.since is not None:
                head = (
                    f"{what} is added with no {code('starting')} day: reports count its "
                    f"meetings due since {self.since}, the rhythm's effective day,"
                )
            else:
                head = (
                    f"{what} is added with no {code('starting')} day: reports count its "
                    "meetings due on every past day"
                )
            return f"{head} {self._due('all its owners')}"
        if self.kind == "starting":
            head = (
                f"{what} loses its {code('starting')} day ({self.before})"
                if self.starting is None
                else f"{what} starts on {self.starting} instead of {self.before}"
            )
            return f"{head}: reports count its meetings due {span} {self._due('all its owners')}"
        if self.kind == "effective":
            moved = (
                f"moves from {self.before} to {self.since}"
                if self.since
                else f"is removed (it was {self.before})"
            )
            return (
                f"the rhythm's {code('effective')} day {moved}: reports count the meetings "
                f"due {span} {self._due('all activities and owners')}"
            )
        edits = "; ".join(code(e) for e in self.edits)
        days = f"of the days {span}" if self.since else "of every past day"
        return (
            f"{what} is counted another way ({edits}): reports {days} read its cadence as "
            "it is now, so their figures for it change"
        )

    def hint(self, code: Callable[[str], str] = str) -> str:
        held = "an earlier day is right only when {} since were held and are logged"
        if self.kind == "added":
            return (
                f"write {code(f'starting: {self.today}')} in its cadence (the day it begins, "
                "if not today): before it, reports expect none of its meetings; "
                + held.format("its meetings")
            )
        if self.kind == "starting":
            return (
                f"keep {code(f'starting: {self.before}')}: before it, reports expect none of "
                "its meetings; " + held.format("its meetings")
            )
        if self.kind == "effective":
            return (
                f"keep {code(f'effective: {self.before}')}: before it, reports expect "
                "nothing; " + held.format("the meetings")
            )
        # The old activity keeps its past, ended by `until` (docs/cookbook.md).
        last = self.today - timedelta(days=1)
        return (
            "to change it from a day on, keep the old activity as it was, ended with "
            f"{code(f'until: {last}')} (the day before the change), and write the new cadence "
            f"as a new activity with {code(f'starting: {self.today}')} (the day it begins, if "
            "not today)"
        )


def _meetings(engine: Engine, aids: list[str], spans: dict[str, tuple[date, date]]) -> int:
    """Occurrences (every owner) of each activity in its span, by the engine that expands
    the new side: the meetings a report of those days now expects."""
    ws = engine.ws
    return sum(1 for aid in aids for _ in expand(ws, *spans[aid], activities={aid}, engine=engine))


def past_activities(
    old: Workspace, new: Workspace, today: date, skip: set[str] | frozenset[str] = frozenset()
) -> list[PastActivity]:
    """The activities whose days before ``today`` this change rewrites: by id, then the
    rhythm's `effective` day, for the rest."""
    yesterday = today - timedelta(days=1)
    effective = new.rhythm.effective
    if effective is not None and effective >= today:
        return []  # the rhythm starts today or later: no report has past days of it
    o_eng, n_eng = Engine(old), Engine(new)
    o, n = old.rhythm.activities, new.rhythm.activities
    out: list[PastActivity] = []
    earlier: dict[str, tuple[date, date]] = {}  # effective moved earlier: activity → span
    for aid in sorted(n):
        if aid in skip:
            continue
        nc = n[aid].cadence
        first = n_eng.first_day(aid)
        if aid not in o:
            if first is not None and first >= today:
                continue
            span = (first or today - YEAR, yesterday)
            if count := _meetings(n_eng, [aid], {aid: span}):
                starting = nc.starting if nc.starting == first else None
                out.append(
                    PastActivity(aid, "added", first, yesterday, today, count, None, starting)
                )
            continue
        oc = o[aid].cadence
        edits = [
            f"{name}: {before} → {after}"
            for name, before, after in (
                ("every", oc.every, nc.every),
                ("grace", f"{oc.grace}d", f"{nc.grace}d"),
            )
            if before != after
        ]
        if edits and (first is None or first < today):
            out.append(PastActivity(aid, "cadence", first, yesterday, today, edits=tuple(edits)))
        was = o_eng.first_day(aid)
        if was is None or (first is not None and first >= min(was, today)):
            continue  # no day the old side left out is due now
        last = min(was, today) - timedelta(days=1)
        span = (first or last + timedelta(days=1) - YEAR, last)
        moved = nc.starting != oc.starting and (
            oc.starting is not None and (nc.starting is None or nc.starting < oc.starting)
        )
        if moved:
            if count := _meetings(n_eng, [aid], {aid: span}):
                before, after = oc.starting, nc.starting
                out.append(PastActivity(aid, "starting", first, last, today, count, before, after))
        else:
            earlier[aid] = span
    was = old.rhythm.effective
    if earlier and was is not None and (count := _meetings(n_eng, sorted(earlier), earlier)):
        last = min(was, today) - timedelta(days=1)
        out.append(PastActivity(None, "effective", effective, last, today, count, was))
    return out
