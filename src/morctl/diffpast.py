"""Roster changes that rewrite past weeks: a report reads the roster as it is now for every
day it covers, so a person added without `joined` has meetings due on every day since
the rhythm's `effective` date (missed, where nothing is logged), and a move to another
manager without `manager_since` charges the new manager with the weeks before it and
leaves the old manager's logged 1:1s with the person unplanned (docs/adherence.md).
Nothing in one side tells these from a roster that was always so; the change does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from morctl.model import Person
from morctl.workspace import Workspace


@dataclass(frozen=True)
class PastChange:
    """A person whose meetings on days before ``today`` the change moves or adds."""

    person: str
    kind: str  # "joined": added with no `joined`; "manager_since": moved with no date
    since: date | None  # the first day rewritten (None: every past day)
    today: date
    manager_before: str | None = None  # for a move
    manager_after: str | None = None

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
