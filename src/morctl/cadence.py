"""Where a cadence falls: the scheduled days of one activity for one calendar of business
days, before the free-day rules (blackouts, away, on_holiday) apply."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from morctl.days import ONE_DAY, Calendar, iso_week_start, periods
from morctl.model import Cadence
from morctl.values import MonthDay, Selector


def select(sel: Selector, first: date, last: date, cal: Calendar) -> date | None:
    """The day ``sel`` picks inside the period [first, last], or None if it has no such day."""
    if sel.kind == "day":
        length = (last - first).days + 1
        index = sel.n - 1 if sel.n > 0 else length + sel.n
        return first + timedelta(days=index) if 0 <= index < length else None
    if sel.kind == "business":
        days = cal.business_days(first, last)
        index = sel.n - 1 if sel.n > 0 else len(days) + sel.n
        return days[index] if 0 <= index < len(days) else None
    assert sel.weekday is not None
    if sel.n > 0:
        day = first + timedelta(days=(sel.weekday - first.weekday()) % 7)
        day += timedelta(weeks=sel.n - 1)
    else:
        day = last - timedelta(days=(last.weekday() - sel.weekday) % 7)
    return day if first <= day <= last else None


def scheduled_days(
    cadence: Cadence,
    first: date,
    last: date,
    cal: Calendar,
    fiscal_start: MonthDay,
    anchor: date | None,
) -> Iterator[date]:
    """Scheduled days in [first, last], in order (``anchor`` counts N-week blocks)."""
    unit = cadence.every.unit
    if unit == "day":
        day = first
        while day <= last:
            if day.weekday() in cal.workweek:
                yield day
            day += ONE_DAY
        return
    if unit == "week":
        n = cadence.every.n
        monday = iso_week_start(first)
        if n > 1 and anchor is not None:
            base = iso_week_start(anchor)
            monday += timedelta(weeks=(-((monday - base).days // 7)) % n)
        while monday <= last:
            for wd in cadence.weekdays:
                day = monday + timedelta(days=wd)
                if first <= day <= last:
                    yield day
            monday += timedelta(weeks=n)
        return
    sel = cadence.selector
    assert sel is not None
    for p_first, p_last in periods(first, last, unit, fiscal_start):
        picked = select(sel, p_first, p_last, cal)
        if picked is not None and first <= picked <= last:
            yield picked
