"""Properties of the expansion engine over random windows in 2026-2028 (DESIGN.md §7):
sorted, keys unique, inside the window, one occurrence of a series a day, and splitting a
window changes nothing."""

from __future__ import annotations

import functools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACME, DATA
from morctl.expand import Occurrence, expand
from morctl.validate import require_valid
from morctl.workspace import Workspace

WORKSPACES = {
    "office": DATA / "engine" / "office",
    "zones": DATA / "engine" / "zones",
    "weeks": DATA / "engine" / "weeks",
    "fiscal": DATA / "engine" / "fiscal",
    "fiscal_mid": DATA / "engine" / "fiscal_mid",
    "longfreeze": DATA / "engine" / "longfreeze",
    "leave": DATA / "engine" / "leave",
    "acme": ACME,
}
FIRST, LAST = date(2026, 1, 1), date(2028, 12, 31)
MAX_SPAN = 3 * 366  # days: any window inside 2026-2028


@functools.cache
def workspace(name: str) -> Workspace:
    return require_valid(str(WORKSPACES[name]))


def run(name: str, first: date, last: date, person: str | None = None) -> list[Occurrence]:
    return list(expand(workspace(name), first, last, person))


@st.composite
def windows(draw: st.DrawFn) -> tuple[date, date, date]:
    """a <= b < c, all inside 2026-2028, c - a at most MAX_SPAN days."""
    a = draw(st.dates(FIRST, LAST - timedelta(days=1)))
    c = draw(st.dates(a + timedelta(days=1), min(LAST, a + timedelta(days=MAX_SPAN))))
    b = draw(st.dates(a, c - timedelta(days=1)))
    return a, b, c


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def check_window(name: str, a: date, b: date, c: date, person: str | None = None) -> None:
    whole = run(name, a, c, person)
    # sorted by (day, all-day first, local start time, owner, activity, slot)
    keys = [o.sort_key() for o in whole]
    assert keys == sorted(keys)
    # keys unique
    assert len({o.key for o in whole}) == len(whole)
    # inside the window (by the local date it happens), and nothing before `effective`
    assert all(a <= o.day <= c for o in whole)
    effective = workspace(name).rhythm.effective
    assert effective is None or all(o.day >= effective for o in whole)
    for o in whole:
        if o.start is not None:
            assert o.start.date() == o.day  # the local date of the start is the day
        assert o.status in ("scheduled", "excused")
        assert (o.status == "excused") == (o.reason != "" and not o.moved)
    # a move never doubles an activity up: one series has at most one occurrence a day
    days = [(o.activity, o.owner, o.slot, o.day) for o in whole if o.status == "scheduled"]
    assert len(set(days)) == len(days)
    # splitting the window anywhere gives the same occurrences in the same order
    assert whole == run(name, a, b, person) + run(name, b + timedelta(days=1), c, person)


@SETTINGS
@given(windows())
def test_office(w: tuple[date, date, date]) -> None:
    check_window("office", *w)


@SETTINGS
@given(windows(), st.sampled_from(["mia", "noah", "cal", "vera", "fay"]))
def test_office_per_person(w: tuple[date, date, date], person: str) -> None:
    check_window("office", *w, person=person)


@SETTINGS
@given(windows())
def test_zones(w: tuple[date, date, date]) -> None:
    check_window("zones", *w)


@SETTINGS
@given(windows())
def test_weeks(w: tuple[date, date, date]) -> None:
    check_window("weeks", *w)


@SETTINGS
@given(windows(), st.sampled_from(["fiscal", "fiscal_mid"]))
def test_fiscal(w: tuple[date, date, date], name: str) -> None:
    check_window(name, *w)


@SETTINGS
@given(windows())
def test_blackouts_longer_than_a_move(w: tuple[date, date, date]) -> None:
    check_window("longfreeze", *w)


@settings(SETTINGS, max_examples=15)
@given(windows())
def test_acme(w: tuple[date, date, date]) -> None:
    check_window("acme", *w)


def test_split_at_every_day_of_a_holiday_season() -> None:
    """Deterministic companion to the properties: split one window at each of its days,
    across the moves of the year-end freeze and the 53rd ISO week."""
    a, c = date(2026, 12, 14), date(2027, 1, 12)
    for name in ("office", "weeks"):
        whole = run(name, a, c)
        for i in range((c - a).days):
            b = a + timedelta(days=i)
            assert whole == run(name, a, b) + run(name, b + timedelta(days=1), c), (name, b)


@SETTINGS
@given(windows())
def test_leave_that_follows_leave(w: tuple[date, date, date]) -> None:
    check_window("leave", *w)
