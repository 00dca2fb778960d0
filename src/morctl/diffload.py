"""Weekly load before → after, per role and per person, and the budgets a change breaks.

The numbers are `load.loads`, the same Q4 figures `validate` and `show` use, rounded to
the minute (`Load.shown`). A load that is the same on both sides reads the same on both,
so that its change is 0m/week whatever capacity each side holds it against.
"""

from __future__ import annotations

from dataclasses import dataclass

from morctl.load import Load, loads
from morctl.workspace import Workspace

Key = tuple[str, str | None]  # (role, person); person is None without a roster


@dataclass(frozen=True)
class PersonLoad:
    role: str
    person: str
    before: int | None  # minutes a week; None when the person owns nothing on that side
    after: int | None
    capacity_before: int | None
    capacity_after: int | None
    over_before: bool
    over_after: bool

    @property
    def delta(self) -> int:
        return (self.after or 0) - (self.before or 0)


@dataclass(frozen=True)
class RoleLoad:
    """A role's load: the role's own figure without a roster, else the average per person
    who holds it (``people_*`` counts them)."""

    role: str
    people_before: int
    people_after: int
    before: int | None
    after: int | None
    capacity_before: int | None
    capacity_after: int | None
    over_before: int  # people (or, without a roster, the role itself) over capacity
    over_after: int

    @property
    def delta(self) -> int:
        return (self.after or 0) - (self.before or 0)


@dataclass(frozen=True)
class Budget:
    """A capacity newly exceeded (or no longer exceeded) by one person or role."""

    role: str
    person: str | None
    minutes: int
    capacity: int
    delta: int
    # The day (ISO) a team still to come makes the load this heavy, as `Load.since`, and
    # the first day it is over capacity, when that is still to come (`Load.over_from`).
    since: str | None = None
    over_from: str | None = None

    @property
    def who(self) -> str:
        return f"{self.person} ({self.role})" if self.person else f"role {self.role}"


@dataclass(frozen=True)
class LoadComparison:
    roles: tuple[RoleLoad, ...]
    people: tuple[PersonLoad, ...]
    broken: tuple[Budget, ...]
    fixed: tuple[Budget, ...]


def _by_key(ws: Workspace) -> dict[Key, Load]:
    # A person is keyed by their id alone: in a renamed role (or moved to another) they
    # are one person whose load may not change, not one who leaves and one who comes.
    return {("", x.person) if x.person else (x.role, None): x for x in loads(ws)}


def _sort(key: Key) -> tuple[str, str]:
    return key[0], key[1] or ""


def _mean(rows: list[Load]) -> float | None:
    return sum(x.minutes for x in rows) / len(rows) if rows else None


def _own(rows: list[Load]) -> Load | None:
    """A role's own load (no roster), which is held against its capacity."""
    return rows[0] if len(rows) == 1 and rows[0].person is None else None


def _capacity(ws: Workspace, role: str) -> int | None:
    r = ws.rhythm.roles.get(role)
    return r.capacity if r else None


def _figures(b: Load | None, a: Load | None) -> tuple[int | None, int | None]:
    """The minutes printed before and after. Each side rounds up a load it is over rather
    than onto its capacity (`Load.shown`); that rounding depends on the capacity, so a
    load the change leaves as it is takes the higher figure on both sides: 70.4 minutes
    against 2h, then against 1h10m, is 1h11m → 1h11m (0m/week), not 1h10m → 1h11m."""
    if b is not None and a is not None and abs(a.minutes - b.minutes) < 1e-9:
        return (same := max(b.shown, a.shown)), same
    return (None if b is None else b.shown), (None if a is None else a.shown)


def _rounded(m: float | None) -> int | None:
    return None if m is None else round(m)


def compare_loads(old: Workspace, new: Workspace) -> LoadComparison:
    """Rows only for what changed: load, capacity, or being over capacity."""
    before, after = _by_key(old), _by_key(new)
    people: list[PersonLoad] = []
    broken: list[Budget] = []
    fixed: list[Budget] = []

    def order(key: Key) -> tuple[str, str]:
        return _sort(((after.get(key) or before[key]).role, key[1]))

    for key in sorted(set(before) | set(after), key=order):
        person = key[1]
        b, a = before.get(key), after.get(key)
        role = (a if a is not None else before[key]).role
        over_b, over_a = bool(b and b.over), bool(a and a.over)
        fig_b, fig_a = _figures(b, a)
        if a is not None and fig_a is not None and a.capacity is not None and over_a != over_b:
            since = a.since.isoformat() if over_a and a.since else None
            first = a.over_from.isoformat() if over_a and a.over_from else None
            budget = Budget(role, person, fig_a, a.capacity, fig_a - (fig_b or 0), since, first)
            (broken if over_a else fixed).append(budget)
        if person is None:
            continue
        row = PersonLoad(
            role,
            person,
            fig_b,
            fig_a,
            _capacity(old, b.role if b else role),
            _capacity(new, role),
            over_b,
            over_a,
        )
        # A capacity change alone shows on the role's row, not once per person.
        if _changed(row.before, row.after, over_b, over_a):
            people.append(row)
    roles = []
    for role in sorted({x.role for x in (*before.values(), *after.values())}):
        rb = [x for x in before.values() if x.role == role]
        ra = [x for x in after.values() if x.role == role]
        own_b, own_a = _own(rb), _own(ra)
        mean_b, mean_a = _rounded(_mean(rb)), _rounded(_mean(ra))
        if own_b is not None or own_a is not None:
            fig_b, fig_a = _figures(own_b, own_a)
            mean_b = fig_b if own_b is not None else mean_b
            mean_a = fig_a if own_a is not None else mean_a
        rl = RoleLoad(
            role,
            sum(1 for x in rb if x.person is not None),
            sum(1 for x in ra if x.person is not None),
            mean_b,
            mean_a,
            _capacity(old, role),
            _capacity(new, role),
            sum(1 for x in rb if x.over),
            sum(1 for x in ra if x.over),
        )
        if _changed(
            rl.before,
            rl.after,
            rl.capacity_before,
            rl.capacity_after,
            rl.over_before,
            rl.over_after,
            rl.people_before,
            rl.people_after,
        ):
            roles.append(rl)
    return LoadComparison(tuple(roles), tuple(people), tuple(broken), tuple(fixed))


def _changed(*pairs: object) -> bool:
    """Whether any (before, after) pair in the flat argument list differs."""
    return any(pairs[i] != pairs[i + 1] for i in range(0, len(pairs), 2))
