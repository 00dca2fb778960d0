"""Command-line windows: ``--from/--to`` days, ISO weeks (``2026-W48``) and months."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from morctl.errors import UsageError
from morctl.values import MAX_YEAR, MIN_YEAR, parse_date

_WEEK = re.compile(r"^(\d{4})-[Ww](\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK_ALONE = re.compile(r"^(?:[Ww](?:eek)?\s*)?(\d{1,2})$")
_YEAR_WEEK = re.compile(r"^(\d{4})\s*-?\s*[Ww]?\s*(\d{1,2})$")  # 2026-47, 2026W47, 2026 w 47
MAX_YEARS = 10  # the longest --from/--to window, in years
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _nearest(start_of: Callable[[int], date | None]) -> int | None:
    """The year whose week or month (``start_of(year)``, None when that year lacks it) is
    nearest to today: week 48 asked in March is last year's, week 10 this year's. None
    when none of last, this and next year has it (a week 53)."""
    from morctl import clock

    today = clock.today()
    years = [y for y in (today.year - 1, today.year, today.year + 1) if start_of(y)]
    if not years:
        return None
    return min(years, key=lambda y: abs(((start_of(y) or today) - today).days))


def _week_meant(text: str) -> str:
    """`W9`, `48` or `week 48`: the nearest week of that number; `2026-47` or `2026W47`:
    that week; otherwise this week, as an example."""
    from morctl import clock

    if (m := _WEEK_ALONE.match(text.strip())) and 1 <= (n := int(m.group(1))) <= 53:

        def monday(year: int) -> date | None:
            try:
                return date.fromisocalendar(year, n, 1)
            except ValueError:  # a year without a week 53
                return None

        if (year := _nearest(monday)) is not None:
            return f"did you mean {year}-W{n:02d}?"
    if (m := _YEAR_WEEK.match(text.strip())) is not None:
        year, n = int(m.group(1)), int(m.group(2))
        try:
            date.fromisocalendar(year, n, 1)
        except ValueError:  # week 0, or 53 in a year of 52 weeks: the example below
            pass
        else:
            return f"did you mean {year}-W{n:02d}?"
    year, number, _ = clock.today().isocalendar()
    return f"write it like {year}-W{number:02d} (this week)"


_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")  # 2026-3, 2026/03, 2026.03
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")  # 03/2026, 3-2026


def _month_meant(text: str) -> str:
    """`November`, `nov` or `11`: the nearest month of that name; `2026/03`, `2026-3` or
    `03/2026`: that month; otherwise this month."""
    from morctl import clock

    word = text.strip().lower()
    written = None
    if m := _YEAR_MONTH.match(word):
        written = int(m.group(1)), int(m.group(2))
    elif m := _MONTH_YEAR.match(word):
        written = int(m.group(2)), int(m.group(1))
    if written is not None and 1 <= written[1] <= 12:
        return f"did you mean {written[0]}-{written[1]:02d}?"
    n = int(word) if word.isdigit() and 1 <= int(word) <= 12 else 0
    if len(word) >= 3 and not n:
        n = next((i for i, m in enumerate(_MONTHS, 1) if word.startswith(m)), 0)
    if n:
        return f"did you mean {_nearest(lambda year: date(year, n, 1))}-{n:02d}?"
    return f"write it like {clock.today():%Y-%m} (this month)"


def day(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _year(year: int, option: str, text: str) -> None:
    """The years a date may have (as for --from/--to): far from Python's date limits."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f"{option}: '{text.strip()}' is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"
        )


def week(text: str, month_too: bool = False) -> tuple[date, date]:
    """``2026-W48`` → (Monday, Sunday) of that ISO week. ``month_too``: the command has
    --month, which the hint names for a month's form (`--week 2026-11`)."""
    m = _WEEK.match(text.strip())
    if not m:
        hint = _week_meant(text)
        month_form = _MONTH.match(text.strip())
        if month_too and month_form and 1 <= int(month_form.group(2)) <= 12:
            hint += f" (or --month {text.strip()} for the month)"
        raise UsageError(f"--week: '{text}' is not an ISO week", hint)
    _year(int(m.group(1)), "--week", text)
    try:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        year, n = int(m.group(1)), int(m.group(2))
        # ISO years have 52 or 53 weeks: the week holding 28 December is the last one.
        weeks = date(year, 12, 28).isocalendar().week
        hint = (
            f"{year} has {weeks} ISO weeks: the last is {year}-W{weeks}, "
            f"and the week after it {year + 1}-W01"
            if n > weeks
            else f"ISO weeks are numbered from {year}-W01; the week before it is "
            f"{year - 1}-W{date(year - 1, 12, 28).isocalendar().week}"
        )
        raise UsageError(f"--week: {text.strip()} does not exist", hint) from None
    return monday, monday + timedelta(days=6)


def month(text: str) -> tuple[date, date]:
    """``2026-11`` → (1 Nov, 30 Nov)."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise UsageError(f"--month: '{text}' is not a month (YYYY-MM)", _month_meant(text))
    _year(int(m.group(1)), "--month", text)
    first = date(int(m.group(1)), int(m.group(2)), 1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def next_twelve_months(start: date) -> tuple[date, date]:
    """The window a calendar or the date checks take by default: twelve months from
    ``start``, both ends included (1 April 2027 to 31 March 2028, a leap year's 366 days)."""
    if (start.month, start.day) == (2, 29):
        return start, date(start.year + 1, 2, 28)
    return start, start + relativedelta(years=1) - timedelta(days=1)


def resolve(
    from_: str | None,
    to: str | None,
    week_: str | None = None,
    month_: str | None = None,
    default: tuple[date, date] | None = None,
    offers: tuple[str, ...] = ("--week", "--month"),
) -> tuple[date, date]:
    """One window from exactly one of --week, --month or --from/--to (or the default);
    ``offers`` are the options besides --from/--to that the command has, for the hint."""
    # An option given empty (`--from "$START"` with START unset) is given, and refused as
    # not a date; taken as absent, it would quietly run another window.
    given = [name for name, v in (("--week", week_), ("--month", month_)) if v is not None]
    if from_ is not None or to is not None:
        given.append("--from/--to")
    if len(given) > 1:
        raise UsageError(f"give one of {', '.join(given)}, not several")
    if week_ is not None:
        return week(week_, month_too="--month" in offers)
    if month_ is not None:
        return month(month_)
    if from_ is not None or to is not None:
        # A date that is no date is named before the missing one: giving --to would not
        # mend `--from 2027-13-01`.
        first = day(from_, "--from") if from_ is not None else None
        last = day(to, "--to") if to is not None else None
        if first is None or last is None:
            raise UsageError("give both --from and --to", "e.g. --from 2026-11-01 --to 2026-11-30")
        if first > last:
            raise UsageError(
                f"--from {first} is after --to {last}",
                f"the window runs from the first day to the last: --from {last} --to {first}",
            )
        if last >= first + relativedelta(years=MAX_YEARS):
            # A slip (1926 for 2026) would otherwise run for minutes before showing itself.
            raise UsageError(
                f"--from {first} --to {last} is over {MAX_YEARS} years; a window is at "
                f"most {MAX_YEARS} years",
                "is a year mistyped? For a longer span, run one window at a time",
            )
        return first, last
    if default is None:
        examples = {"--week": "--week 2026-W48", "--month": "--month 2026-11"}
        forms = [examples[o] for o in offers] + ["--from 2026-11-01 --to 2026-11-30"]
        hint = forms[0] if len(forms) == 1 else f"{', '.join(forms[:-1])}, or {forms[-1]}"
        raise UsageError("give a window", hint)
    return default
