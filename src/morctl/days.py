"""Days (DESIGN.md §3.1): business days by country, fiscal periods, and the reason a day is
not free. Pure functions over dates; the engine memoizes them per distinct rule."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from morctl.values import MonthDay

ONE_DAY = timedelta(days=1)


@functools.lru_cache(maxsize=1024)
def public_holidays(code: str, year: int) -> frozenset[date]:
    """Public holidays of a country (``GB``) or subdivision (``GB-SCT``) in one year."""
    from morctl import holidaycache

    return holidaycache.public_holidays(code, year)


@functools.lru_cache(maxsize=1024)
def holiday_names(code: str, year: int) -> tuple[tuple[date, tuple[str, ...]], ...]:
    """Public holidays of a country or subdivision in one year, each day with the English
    names of its holidays, in date order."""
    from morctl import holidaycache

    return tuple(holidaycache.holiday_names(code, year).items())


# What the holidays package adds to a name on a day that stands in for the holiday, or
# before the date is announced: `Veterans Day (observed)`, `Eid al-Fitr (estimated)`.
_SUFFIX = re.compile(r"\s*\((?:observed|estimated|observed, estimated)\)\s*$", re.IGNORECASE)


def bare_name(name: str) -> str:
    """A holiday's name without a trailing (observed) or (estimated), spaces tidied."""
    text = " ".join(name.split())
    while (stripped := _SUFFIX.sub("", text)) != text:
        text = stripped
    return text


def holiday_key(name: str) -> str:
    """A holiday's name as `holidays.worked` matches it: any case, surrounding and repeated
    spaces ignored, and without a trailing (observed) or (estimated)."""
    return bare_name(name).casefold()


class Worked:
    """The public holidays a company works (`holidays.worked`): days, and names of holidays
    in any year."""

    def __init__(self, items: Iterable[date | str] = ()) -> None:
        items = tuple(items)
        self.days = frozenset(i for i in items if isinstance(i, date))
        self.names = frozenset(holiday_key(i) for i in items if isinstance(i, str))

    def covers(self, day: date, names: tuple[str, ...]) -> bool:
        """Whether the public holidays on ``day`` (named ``names``) are all worked."""
        return day in self.days or all(holiday_key(n) in self.names for n in names)


NOTHING_WORKED = Worked()


class Calendar:
    """Business days for one set of countries, one workweek, one list of company days and
    the public holidays worked."""

    def __init__(
        self,
        countries: tuple[str, ...],
        workweek: tuple[int, ...],
        company_days: frozenset[date],
        worked: Worked = NOTHING_WORKED,
    ) -> None:
        self.countries = countries
        self.workweek = frozenset(workweek)
        self.company_days = company_days
        self.worked = worked
        self._years: dict[int, frozenset[date]] = {}

    def holidays_in(self, year: int) -> frozenset[date]:
        days = self._years.get(year)
        if days is None:
            # A company day off stays off even when it is also worked: it is the company's
            # own decision (validate warns about a day in both lists, MOR218).
            found: set[date] = {d for d in self.company_days if d.year == year}
            for code in self.countries:
                if not (self.worked.days or self.worked.names):
                    found |= public_holidays(code, year)
                    continue
                found.update(
                    day
                    for day, names in holiday_names(code, year)
                    if not self.worked.covers(day, names)
                )
            days = self._years[year] = frozenset(found)
        return days

    def is_holiday(self, day: date) -> bool:
        return day in self.holidays_in(day.year)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.workweek and not self.is_holiday(day)

    def not_business_reason(self, day: date) -> str | None:
        """Why ``day`` is not a business day (``weekend`` / ``holiday``), or None."""
        if day.weekday() not in self.workweek:
            return "weekend"
        if self.is_holiday(day):
            return "holiday"
        return None

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - calendars live as long as the run
    def business_days(self, first: date, last: date) -> tuple[date, ...]:
        """Business days in [first, last], in order."""
        out = []
        day = first
        while day <= last:
            if self.is_business_day(day):
                out.append(day)
            day += ONE_DAY
        return tuple(out)


def iso_week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def fiscal_year_start(day: date, start: MonthDay) -> date:
    """First day of the fiscal year that holds ``day``."""
    this = date(day.year, start.month, start.day)
    return this if day >= this else date(day.year - 1, start.month, start.day)


def period_of(
    day: date, unit: str, start: MonthDay, n: int = 1, anchor: date | None = None
) -> tuple[date, date]:
    """The cadence period (first and last day) that holds ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        monday = iso_week_start(day)
        if n > 1 and anchor is not None:
            base = iso_week_start(anchor)
            offset = ((monday - base).days // 7) % n
            monday -= timedelta(weeks=offset)
        return monday, monday + timedelta(days=7 * n - 1)
    if unit == "month":
        first = day.replace(day=1)
        return first, first + relativedelta(months=1) - ONE_DAY
    fy = fiscal_year_start(day, start)
    if unit == "year":
        return fy, fy + relativedelta(years=1) - ONE_DAY
    # quarter: the fiscal year in three-month steps
    for q in range(4):
        first = fy + relativedelta(months=3 * q)
        last = fy + relativedelta(months=3 * q + 3) - ONE_DAY
        if first <= day <= last:
            return first, last
    raise AssertionError("a day always falls in one fiscal quarter")


def periods(first: date, last: date, unit: str, start: MonthDay) -> list[tuple[date, date]]:
    """Every month / fiscal quarter / fiscal year overlapping [first, last]."""
    out = []
    p = period_of(first, unit, start)
    while p[0] <= last:
        out.append(p)
        p = period_of(p[1] + ONE_DAY, unit, start)
    return out
