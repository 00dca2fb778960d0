"""Command-line windows: --week, --month, --from/--to (window.py), by hand-checked dates."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import DATA, morctl
from morctl import window
from morctl.errors import UsageError


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-W48", date(2026, 11, 23), date(2026, 11, 29)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),  # ISO week 1 holds 1 Jan (Thu)
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),  # 2026 starts on a Thursday
        (" 2999-W52 ", date(2999, 12, 23), date(2999, 12, 29)),
        ("2026-w48", date(2026, 11, 23), date(2026, 11, 29)),  # as some people type it
    ],
)
def test_week_is_monday_to_sunday(text: str, first: date, last: date) -> None:
    assert window.week(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("1900-01", date(1900, 1, 1), date(1900, 1, 31)),
    ],
)
def test_month_is_its_first_to_last_day(text: str, first: date, last: date) -> None:
    assert window.month(text) == (first, last)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: window.week("2026-48"), "is not an ISO week"),
        (lambda: window.week("2025-W53"), "2025-W53 does not exist"),
        (lambda: window.week("0001-W01"), "use a year from 1900 to 2999"),
        (lambda: window.month("2026-13"), "is not a month"),
        (lambda: window.month("9999-12"), "use a year from 1900 to 2999"),
        (lambda: window.month("1899-12"), "use a year from 1900 to 2999"),
        (lambda: window.resolve("2026-11-30", "2026-11-01"), "--from 2026-11-30 is after"),
        (lambda: window.resolve("2026-11-01", None), "give both --from and --to"),
        # a date that is no date is named first: giving --to would not mend it
        (
            lambda: window.resolve("2027-13-01", None),
            r"--from: '2027-13-01' is not a real date \(there is no month 13\)",
        ),
        (
            lambda: window.resolve(None, "2027-02-30"),
            r"--to: '2027-02-30' is not a real date \(February 2027 has 28 days\)",
        ),
        (lambda: window.resolve(None, None, "2026-W48", "2026-11"), "give one of"),
        (lambda: window.resolve(None, None), "give a window"),
        (lambda: window.resolve("2026-01-01", "2036-01-01"), "is over 10 years"),
        (lambda: window.resolve("2028-02-29", "2038-03-01"), "is over 10 years"),
    ],
)
def test_bad_windows_are_usage_errors(call: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("call", "hint"),
    [
        # asked on Wed 3 Mar 2027 (2027-W09): the nearest week or month of that number
        (lambda: window.week("W9"), "did you mean 2027-W09?"),
        (lambda: window.week("week 10"), "did you mean 2027-W10?"),
        (lambda: window.week("48"), "did you mean 2026-W48?"),  # last November's
        (lambda: window.week("53"), "did you mean 2026-W53?"),  # 2027 and 2028 have none
        (lambda: window.week("next week"), "write it like 2027-W09 (this week)"),
        # a real week's form for a week the year lacks: how many weeks it has
        (
            lambda: window.week("2027-W53"),
            "2027 has 52 ISO weeks: the last is 2027-W52, and the week after it 2028-W01",
        ),
        (
            lambda: window.week("2026-W54"),
            "2026 has 53 ISO weeks: the last is 2026-W53, and the week after it 2027-W01",
        ),
        (
            lambda: window.week("2027-W00"),
            "ISO weeks are numbered from 2027-W01; the week before it is 2026-W53",
        ),
        # the year written, the W or the dash left out: that very week
        (lambda: window.week("2026-47"), "did you mean 2026-W47?"),
        (lambda: window.week("2026W47"), "did you mean 2026-W47?"),
        (lambda: window.week("2026 w 7"), "did you mean 2026-W07?"),
        (lambda: window.week("2026-53"), "did you mean 2026-W53?"),
        (lambda: window.week("2027-53"), "write it like 2027-W09 (this week)"),  # 52 weeks
        (lambda: window.week("2027-00"), "write it like 2027-W09 (this week)"),
        (lambda: window.month("November"), "did you mean 2026-11?"),
        (lambda: window.month("apr"), "did you mean 2027-04?"),
        (lambda: window.month("3"), "did you mean 2027-03?"),
        (lambda: window.month("2027-13"), "write it like 2027-03 (this month)"),
        # the year written, the month unpadded or another separator: that very month
        (lambda: window.month("2026-3"), "did you mean 2026-03?"),
        (lambda: window.month("2026/03"), "did you mean 2026-03?"),
        (lambda: window.month("03/2026"), "did you mean 2026-03?"),
        (lambda: window.month("2026.11"), "did you mean 2026-11?"),
        (lambda: window.month("2026/13"), "write it like 2027-03 (this month)"),
    ],
)
def test_a_bad_window_is_read_for_what_it_can_mean(
    call: object, hint: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MORCTL_TODAY", "2027-03-03")
    with pytest.raises(UsageError) as err:
        call()  # type: ignore[operator]
    assert err.value.hint == hint


def test_a_month_given_as_a_week_is_named_where_the_command_has_month() -> None:
    with pytest.raises(UsageError) as err:
        window.resolve(None, None, "2026-11", None)  # report: --week, --month
    assert err.value.hint == "did you mean 2026-W11? (or --month 2026-11 for the month)"
    with pytest.raises(UsageError) as err:
        window.resolve(None, None, "2026-11", None, offers=("--week",))  # checklist
    assert err.value.hint == "did you mean 2026-W11?"
    with pytest.raises(UsageError) as err:
        window.resolve(None, None, "2026-47", None)  # no month 47
    assert err.value.hint == "did you mean 2026-W47?"


def test_a_week_53_no_nearby_year_has_is_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2028, 2029 and 2030 have no week 53: the hint falls back to this week's form.
    monkeypatch.setenv("MORCTL_TODAY", "2029-06-06")
    with pytest.raises(UsageError) as err:
        window.week("53")
    assert err.value.hint == "write it like 2029-W23 (this week)"


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--week", "0001-W01"),
        ("report", "--month", "9999-12"),
        ("checklist", "--person", "priya", "--week", "0001-W01"),
    ],
)
def test_a_window_out_of_range_exits_2_without_a_traceback(args: tuple[str, ...]) -> None:
    r = morctl(args[0], str(DATA.parent.parent / "examples" / "acme"), *args[1:])
    assert r.code == 2, r.err
    assert "use a year from 1900 to 2999" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize(
    ("first", "last", "before"),
    [
        # the same number of days just before (DESIGN.md §8)
        ("2026-11-23", "2026-11-29", ("2026-11-16", "2026-11-22")),
        ("2026-01-01", "2026-01-01", ("2025-12-31", "2025-12-31")),
        ("2026-03-02", "2026-03-31", ("2026-01-31", "2026-03-01")),
        ("2026-03-01", "2026-03-30", ("2026-01-30", "2026-02-28")),
        # whole calendar months: the same number of months (docs/adherence.md, "change")
        ("2026-03-01", "2026-03-31", ("2026-02-01", "2026-02-28")),
        ("2028-03-01", "2028-03-31", ("2028-02-01", "2028-02-29")),
        ("2026-01-01", "2026-01-31", ("2025-12-01", "2025-12-31")),
        ("2026-02-01", "2026-04-30", ("2025-11-01", "2026-01-31")),  # a fiscal quarter
        ("2026-01-01", "2026-12-31", ("2025-01-01", "2025-12-31")),
        ("2025-12-01", "2026-01-31", ("2025-10-01", "2025-11-30")),
    ],
)
def test_the_report_compares_with_the_window_before(
    first: str, last: str, before: tuple[str, str]
) -> None:
    from morctl.report import previous_window

    got = previous_window(date.fromisoformat(first), date.fromisoformat(last))
    assert tuple(d.isoformat() for d in got) == before


def test_a_window_of_ten_years_is_the_longest() -> None:
    assert window.resolve("2026-01-01", "2035-12-31") == (date(2026, 1, 1), date(2035, 12, 31))
    # from a 29 February, ten years on is 28 February (relativedelta's month end)
    assert window.resolve("2028-02-29", "2038-02-27")[1] == date(2038, 2, 27)


@pytest.mark.parametrize(
    ("text", "meant"),
    [("2026-3-1", "2026-03-01"), ("2026/3/1", "2026-03-01"), ("2026.11.05", "2026-11-05")],
)
def test_a_day_with_the_year_first_and_no_padding_is_read_for_what_it_means(
    text: str, meant: str
) -> None:
    with pytest.raises(UsageError) as err:
        window.day(text, "--from")
    assert err.value.message == (
        f"--from: '{text}' is not a date; write it as YYYY-MM-DD (did you mean {meant}?)"
    )


@pytest.mark.parametrize(
    ("start", "last"),
    [
        ("2026-11-23", "2027-11-22"),
        ("2027-04-01", "2028-03-31"),  # across 29 February 2028: 366 days
        ("2027-03-01", "2028-02-29"),
        ("2028-02-29", "2029-02-28"),
        ("2028-02-28", "2029-02-27"),
        ("2028-03-01", "2029-02-28"),
    ],
)
def test_the_default_window_is_the_next_twelve_months(start: str, last: str) -> None:
    first = date.fromisoformat(start)
    assert window.next_twelve_months(first) == (first, date.fromisoformat(last))
