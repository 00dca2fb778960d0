"""Recurrence rules a calendar can hold: the RRULE for a cadence, limited to what Outlook
represents (daily/weekly with BYDAY and INTERVAL; monthly by day of month, by nth weekday,
or a BYDAY list with BYSETPOS; the same yearly), and the days a rule produces.

A candidate rule is only a proposal: the feed writer checks every instance against the
engine's occurrences and turns any disagreement into EXDATEs, overrides or single events,
so a feed can never disagree with `expand`.
"""

from __future__ import annotations

import functools
from datetime import date, datetime

from dateutil.rrule import rrulestr

from morctl.model import Cadence
from morctl.values import MonthDay

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def candidate(
    cadence: Cadence, workweek: tuple[int, ...], fiscal: MonthDay, dtstart: date
) -> str | None:
    """An RRULE (without DTSTART/UNTIL) whose instances should be the cadence's days, or None
    when Outlook cannot represent it cleanly. ``dtstart`` is the first scheduled day."""
    unit = cadence.every.unit
    week = ",".join(_DAYS[d] for d in sorted(set(workweek)))
    if unit == "day":
        return f"FREQ=WEEKLY;BYDAY={week}"
    if unit == "week":
        days = ",".join(_DAYS[d] for d in cadence.weekdays)
        # Every N weeks counts ISO weeks, Monday to Sunday. RFC 5545's default WKST is MO,
        # but some consumers start weeks on Sunday (Google writes WKST=SU itself): say it.
        interval = f";INTERVAL={cadence.every.n};WKST=MO" if cadence.every.n > 1 else ""
        return f"FREQ=WEEKLY{interval};BYDAY={days}"
    sel = cadence.selector
    if sel is None:
        return None
    if unit == "month":
        freq = "FREQ=MONTHLY"
    elif unit == "quarter":
        if fiscal.day != 1:
            return None  # quarters that start mid-month have no monthly rule
        freq = "FREQ=MONTHLY;INTERVAL=3"
    else:
        freq = f"FREQ=YEARLY;BYMONTH={dtstart.month}"
        if fiscal.day != 1:
            return None
    by = _by(sel.kind, sel.n, sel.weekday, week)
    return f"{freq};{by}" if by else None


def _by(kind: str, n: int, weekday: int | None, week: str) -> str | None:
    if kind == "weekday" and weekday is not None and (1 <= n <= 4 or n == -1):
        return f"BYDAY={n}{_DAYS[weekday]}"
    if kind == "day" and (1 <= n <= 28):
        return f"BYMONTHDAY={n}"
    if kind == "day" and n == -1:
        return f"BYDAY={','.join(_DAYS)};BYSETPOS=-1"
    if kind == "business" and (1 <= n <= 4 or n == -1):
        return f"BYDAY={week};BYSETPOS={n}"
    return None


@functools.lru_cache(maxsize=16384)
def instances(rule: str, dtstart: date, until: date) -> frozenset[date]:
    """Days the rule produces from ``dtstart`` to ``until`` (inclusive), memoized: many
    owners share one rule and one window."""
    start = datetime.combine(dtstart, datetime.min.time())
    end = datetime.combine(until, datetime.min.time())
    rr = rrulestr(f"RRULE:{rule}", dtstart=start)
    return frozenset(d.date() for d in rr.between(start, end, inc=True))
