"""The expansion engine against hand-computed calendars (DESIGN.md §3.1, §3.2, §4).

Every expected date below was worked out from a printed calendar and the rules of the
design, not copied from the engine. The fixture workspaces live in tests/data/engine/;
their comments say what each one exercises.

Calendar facts relied on (checked with Python's ``calendar`` module):
- 2026: 1 Feb Sun, 1 May Fri, 1 Aug Sat, 1 Nov Sun, 29 Mar and 25 Oct are the last Sundays
  of March and October, 8 Mar the 2nd Sunday of March, 1 Nov the 1st Sunday of November,
  5 Apr and 4 Oct the 1st Sundays of April and October. 2026 has 53 ISO weeks (1 Jan is a
  Thursday): 28 Dec 2026 - 3 Jan 2027 is 2026-W53.
- Holidays (package ``holidays``): GB 2026 Good Friday 3 Apr, May Day 4 May, Spring bank
  holiday 25 May, Boxing Day observed Mon 28 Dec; GB 2027 Spring bank holiday Mon 31 May;
  US 2026 Memorial Day 25 May, Independence Day observed Fri 3 Jul, Labor Day 7 Sep,
  Columbus Day 12 Oct; US 2027 MLK Day 18 Jan, Memorial Day Mon 31 May, New Year's Day
  (2028) observed Fri 31 Dec 2027. GB (without a subdivision) has no Easter Monday and no
  August bank holiday.
"""

from __future__ import annotations

import functools
import re
import shutil
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from conftest import DATA
from morctl.days import Calendar, Worked, fiscal_year_start, holiday_key, period_of
from morctl.expand import Occurrence, expand
from morctl.export import record
from morctl.validate import require_valid
from morctl.values import MonthDay
from morctl.workspace import Workspace

ENGINE = DATA / "engine"


@functools.cache
def workspace(name: str) -> Workspace:
    return require_valid(str(ENGINE / name))


def occs(
    name: str, first: str, last: str, person: str | None = None, owners_only: bool = False
) -> list[Occurrence]:
    return list(
        expand(
            workspace(name),
            date.fromisoformat(first),
            date.fromisoformat(last),
            person,
            owners_only,
        )
    )


def of(found: list[Occurrence], activity: str, owner: str) -> list[Occurrence]:
    return [o for o in found if o.activity == activity and o.owner == owner]


def days(found: list[Occurrence]) -> list[date]:
    return [o.day for o in found]


def d(text: str) -> date:
    return date.fromisoformat(text)


def by_key(found: list[Occurrence]) -> dict[str, Occurrence]:
    out = {o.key: o for o in found}
    assert len(out) == len(found), "occurrence keys must be unique"
    return out


# -- daylight saving: 09:00 stays 09:00 local ---------------------------------------------

DST_CHANGES = [
    # person, last day before the change, first day after, UTC offset before, after
    ("lon", "2026-03-28", "2026-03-29", "+00:00", "+01:00"),  # last Sunday of March
    ("lon", "2026-10-24", "2026-10-25", "+01:00", "+00:00"),  # last Sunday of October
    ("nyc", "2026-03-07", "2026-03-08", "-05:00", "-04:00"),  # 2nd Sunday of March
    ("nyc", "2026-10-31", "2026-11-01", "-04:00", "-05:00"),  # 1st Sunday of November
    ("syd", "2026-04-04", "2026-04-05", "+11:00", "+10:00"),  # DST ends 1st Sunday of April
    ("syd", "2026-10-03", "2026-10-04", "+10:00", "+11:00"),  # DST starts 1st Sunday of Oct
    ("jer", "2026-03-26", "2026-03-27", "+02:00", "+03:00"),  # Friday before last Sunday
    ("jer", "2026-10-24", "2026-10-25", "+03:00", "+02:00"),  # last Sunday of October
]


@pytest.mark.parametrize(("person", "before", "after", "off_before", "off_after"), DST_CHANGES)
def test_morning_stays_at_nine_local_across_dst(
    person: str, before: str, after: str, off_before: str, off_after: str
) -> None:
    first, last = d(before) - timedelta(days=3), d(after) + timedelta(days=3)
    found = of(occs("zones", str(first), str(last)), "morning", person)
    # The fixture's workweek is all seven days: one occurrence every day, the change day too.
    assert days(found) == [first + timedelta(days=i) for i in range((last - first).days + 1)]
    for o in found:
        assert o.start is not None and o.end is not None
        offset = off_before if o.day <= d(before) else off_after
        assert o.start.isoformat() == f"{o.day}T09:00:00{offset}"
        assert o.end.isoformat() == f"{o.day}T09:30:00{offset}"
        assert o.status == "scheduled"
    # The same wall time is a different instant on either side of the change.
    b = next(o for o in found if o.day == d(before))
    a = next(o for o in found if o.day == d(after))
    assert b.start is not None and a.start is not None
    shift = (a.start.astimezone(UTC) - b.start.astimezone(UTC)) - timedelta(days=1)
    sign = 1 if off_before.startswith("+") else -1
    before_min = sign * (int(off_before[1:3]) * 60 + int(off_before[4:]))
    sign = 1 if off_after.startswith("+") else -1
    after_min = sign * (int(off_after[1:3]) * 60 + int(off_after[4:]))
    assert shift == timedelta(minutes=before_min - after_min)


def test_kolkata_has_no_dst() -> None:
    """Asia/Kolkata is +05:30 all year: 09:00 IST is 03:30 UTC on every day."""
    for first, last in (("2026-03-25", "2026-04-08"), ("2026-10-20", "2026-11-05")):
        found = of(occs("zones", first, last), "morning", "kol")
        assert len(found) == (d(last) - d(first)).days + 1
        for o in found:
            assert o.start is not None
            assert o.start.isoformat() == f"{o.day}T09:00:00+05:30"
            assert o.start.astimezone(UTC).time() == time(3, 30)


def test_spring_forward_gap_uses_the_offset_before_the_gap() -> None:
    """RFC 5545 §3.3.5: 01:30 does not exist in London on 29 March 2026 (01:00 GMT jumps to
    02:00 BST), so it is read with GMT: 01:30 UTC, which is 02:30 BST."""
    found = {o.day: o for o in of(occs("zones", "2026-03-28", "2026-03-30"), "early", "lon")}
    gap = found[d("2026-03-29")]
    assert gap.start is not None and gap.end is not None
    assert gap.start.isoformat() == "2026-03-29T02:30:00+01:00"
    assert gap.start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert gap.end.isoformat() == "2026-03-29T03:00:00+01:00"  # start + 30 minutes
    assert gap.key == "early/lon/2026-03-29"
    assert found[d("2026-03-28")].start.isoformat() == "2026-03-28T01:30:00+00:00"
    assert found[d("2026-03-30")].start.isoformat() == "2026-03-30T01:30:00+01:00"


def test_repeated_hour_means_the_first() -> None:
    """01:30 happens twice in London on 25 October 2026; the first is BST, 00:30 UTC.
    The end is 30 real minutes later: 01:00 GMT (the clocks went back in between)."""
    (o,) = [o for o in of(occs("zones", "2026-10-25", "2026-10-25"), "early", "lon")]
    assert o.start is not None and o.end is not None
    assert o.start.isoformat() == "2026-10-25T01:30:00+01:00"
    assert o.start.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert o.end.astimezone(UTC) == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert o.end.isoformat() == "2026-10-25T01:00:00+00:00"
    # (subtract in UTC: Python subtracts wall times of datetimes that share a tzinfo)
    assert o.end.astimezone(UTC) - o.start.astimezone(UTC) == timedelta(minutes=30)


def test_repeated_hour_in_jerusalem_keeps_the_local_day() -> None:
    """Jerusalem repeats 01:00-02:00 on 25 October 2026: 01:30 is IDT (+03:00), which is
    22:30 UTC the day before; the occurrence still belongs to the 25th, locally."""
    (o,) = of(occs("zones", "2026-10-25", "2026-10-25"), "early", "jer")
    assert o.start is not None
    assert o.start.isoformat() == "2026-10-25T01:30:00+03:00"
    assert o.start.astimezone(UTC) == datetime(2026, 10, 24, 22, 30, tzinfo=UTC)
    assert o.day == d("2026-10-25")
    # The window compares the local date: the 24th holds only the 24th's own occurrence.
    (own,) = of(occs("zones", "2026-10-24", "2026-10-24"), "early", "jer")
    assert own.key == "early/jer/2026-10-24"


# -- a fiscal year that starts in February --------------------------------------------------


def test_fiscal_periods_from_february() -> None:
    fy = MonthDay(2, 1)
    assert fiscal_year_start(d("2026-01-31"), fy) == d("2025-02-01")
    assert fiscal_year_start(d("2026-02-01"), fy) == d("2026-02-01")
    assert period_of(d("2026-03-15"), "quarter", fy) == (d("2026-02-01"), d("2026-04-30"))
    assert period_of(d("2026-05-01"), "quarter", fy) == (d("2026-05-01"), d("2026-07-31"))
    assert period_of(d("2026-10-31"), "quarter", fy) == (d("2026-08-01"), d("2026-10-31"))
    assert period_of(d("2027-01-15"), "quarter", fy) == (d("2026-11-01"), d("2027-01-31"))
    assert period_of(d("2026-12-25"), "year", fy) == (d("2026-02-01"), d("2027-01-31"))


def test_fiscal_quarter_first_tuesday() -> None:
    """1st Tuesday of each fiscal quarter: of February, May, August and November."""
    found = of(occs("fiscal", "2026-01-01", "2027-05-31"), "kickoff", "fran")
    assert days(found) == [
        d("2026-02-03"),  # 1 Feb 2026 is a Sunday
        d("2026-05-05"),  # 1 May is a Friday
        d("2026-08-04"),  # 1 Aug is a Saturday
        d("2026-11-03"),  # 1 Nov is a Sunday
        d("2027-02-02"),  # 1 Feb 2027 is a Monday
        d("2027-05-04"),  # 1 May 2027 is a Saturday
    ]
    assert [o.start.isoformat() for o in found[:2]] == [
        "2026-02-03T10:00:00+00:00",
        "2026-05-05T10:00:00+01:00",
    ]
    assert found[1].attendees == ("rob", "rae")
    assert (found[1].period_start, found[1].period_end) == (d("2026-05-01"), d("2026-07-31"))


def test_fiscal_quarter_day_ten() -> None:
    """``day 10`` is the 10th calendar day of the quarter; 10 May 2026 is a Sunday, so with
    on_holiday: next it moves to Monday 11 May and keeps its key."""
    found = of(occs("fiscal", "2026-01-01", "2027-02-28"), "plan_day", "fran")
    assert days(found) == [
        d("2026-02-10"),
        d("2026-05-11"),
        d("2026-08-10"),
        d("2026-11-10"),
        d("2027-02-10"),
    ]
    moved = found[1]
    assert moved.key == "plan_day/fran/2026-05-10"
    assert moved.scheduled == d("2026-05-10")
    assert moved.status == "scheduled"
    assert moved.reason.startswith("moved from 2026-05-10")
    assert moved.all_day and moved.start is None
    rec = record(moved)
    assert (rec["start"], rec["end"], rec["all_day"]) == ("2026-05-11", "2026-05-12", True)
    assert all(o.reason == "" for o in found if o is not moved)


def test_fiscal_year_first_business_day() -> None:
    found = of(occs("fiscal", "2026-01-01", "2028-12-31"), "annual_plan", "fran")
    # FY2026 starts Sun 1 Feb 2026 -> Mon 2 Feb; 1 Feb 2027 is a Monday, 1 Feb 2028 a Tuesday.
    assert days(found) == [d("2026-02-02"), d("2027-02-01"), d("2028-02-01")]
    assert found[0].period_start == d("2026-02-01") and found[0].period_end == d("2027-01-31")


def test_fiscal_quarter_last_business_day() -> None:
    found = of(occs("fiscal", "2026-01-01", "2027-05-31"), "quarter_close", "fran")
    assert days(found) == [
        d("2026-01-30"),  # quarter Nov 2025 - Jan 2026; 31 Jan 2026 is a Saturday
        d("2026-04-30"),  # Thursday
        d("2026-07-31"),  # Friday
        d("2026-10-30"),  # 31 Oct 2026 is a Saturday
        d("2027-01-29"),  # 31 Jan 2027 is a Sunday
        d("2027-04-30"),  # Friday
    ]
    assert all(o.reason == "" and o.status == "scheduled" for o in found)


def test_mid_month_fiscal_year() -> None:
    """Fiscal year from 15 July: quarters 15 Jul, 15 Oct, 15 Jan, 15 Apr."""
    found = occs("fiscal_mid", "2026-07-01", "2027-07-31")
    assert days(of(found, "quarter_start", "max")) == [
        d("2026-07-20"),  # 15 Jul 2026 is a Wednesday
        d("2026-10-19"),  # 15 Oct 2026 is a Thursday
        d("2027-01-19"),  # Mon 18 Jan 2027 is MLK Day: on_holiday next -> Tuesday
        d("2027-04-19"),  # 15 Apr 2027 is a Thursday
        d("2027-07-19"),  # 15 Jul 2027 is a Thursday
    ]
    mlk = of(found, "quarter_start", "max")[2]
    assert mlk.key == "quarter_start/max/2027-01-18"
    assert mlk.reason.startswith("moved from 2027-01-18") and "holiday" in mlk.reason
    assert mlk.start is not None and mlk.start.isoformat() == "2027-01-19T11:00:00-05:00"
    assert days(of(found, "quarter_end", "max")) == [
        d("2026-07-14"),
        d("2026-10-14"),
        d("2027-01-14"),
        d("2027-04-14"),
        d("2027-07-14"),
    ]
    assert days(of(found, "year_end", "max")) == [d("2026-07-14"), d("2027-07-14")]


# -- last business day when the month's last weekday is a holiday ---------------------------


def test_last_business_day_skips_holidays_at_month_end() -> None:
    found = occs("office", "2026-05-01", "2027-12-31")
    mia = of(found, "month_end", "mia")
    noah = of(found, "month_end", "noah")
    expected_2026 = [
        d("2026-05-29"),
        d("2026-06-29"),  # Tue 30 Jun is a company day off: Monday is the last business day
        d("2026-07-31"),
        d("2026-08-31"),  # GB without a subdivision has no August bank holiday
        d("2026-09-30"),
        d("2026-10-30"),
        d("2026-11-30"),
        d("2026-12-18"),  # Thu 31 Dec is in the year-end freeze: on_holiday previous
    ]
    expected_2027 = [
        d("2027-01-29"),
        d("2027-02-26"),
        d("2027-03-31"),
        d("2027-04-30"),
        d("2027-05-28"),  # Mon 31 May 2027: GB Spring bank holiday and US Memorial Day
        d("2027-06-30"),
        d("2027-07-30"),
        d("2027-08-31"),
        d("2027-09-30"),
        d("2027-10-29"),
        d("2027-11-30"),
    ]
    assert days(mia) == [*expected_2026, *expected_2027, d("2027-12-31")]
    # Fri 31 Dec 2027 is the US observance of New Year's Day 2028.
    assert days(noah) == [*expected_2026, *expected_2027, d("2027-12-30")]
    # A last business day that is simply earlier is not a move: same key date, no reason.
    june = mia[1]
    assert (june.key, june.reason) == ("month_end/mia/2026-06-29", "")
    may27 = mia[12]
    assert (may27.key, may27.reason) == ("month_end/mia/2027-05-28", "")
    dec = mia[7]
    assert dec.key == "month_end/mia/2026-12-31"
    assert dec.reason.startswith("moved from 2026-12-31") and "Year-end freeze" in dec.reason
    assert all(o.status == "scheduled" for o in mia + noah)


# -- on_holiday, blackouts, away, every: day, effective ------------------------------------


def test_on_holiday_next_moves_a_friday_across_the_weekend() -> None:
    """Fri 9 Oct 2026 is a company day off: the wrap-up moves to Monday 12 Oct for the London
    manager, and to Tuesday 13 Oct in New York, where the Monday is Columbus Day."""
    found = by_key(occs("office", "2026-10-05", "2026-10-18"))
    mia = found["wrap/mia/2026-10-09"]
    assert mia.day == d("2026-10-12") and mia.scheduled == d("2026-10-09")
    assert mia.status == "scheduled"
    assert mia.reason.startswith("moved from 2026-10-09") and "holiday" in mia.reason
    assert mia.start is not None and mia.start.isoformat() == "2026-10-12T16:00:00+01:00"
    noah = found["wrap/noah/2026-10-09"]
    assert noah.day == d("2026-10-13")
    assert noah.start is not None and noah.start.isoformat() == "2026-10-13T16:00:00-04:00"
    # Fri 16 Oct is an ordinary Friday.
    assert found["wrap/mia/2026-10-16"].day == d("2026-10-16")


def test_on_holiday_next_for_a_real_friday_holiday() -> None:
    """Fri 3 Jul 2026 is Independence Day (observed) in the US, not in GB."""
    found = by_key(occs("office", "2026-06-29", "2026-07-12"))
    assert found["wrap/noah/2026-07-03"].day == d("2026-07-06")
    assert found["wrap/mia/2026-07-03"].day == d("2026-07-03")
    assert found["wrap/mia/2026-07-03"].reason == ""


def test_on_holiday_previous() -> None:
    """Mon 25 May 2026 is a bank holiday in GB and Memorial Day in the US: the huddle moves
    back to Friday 22 May in both places. Mon 7 Sep is Labor Day in the US only."""
    found = by_key(occs("office", "2026-05-18", "2026-09-13"))
    for owner, offset in (("mia", "+01:00"), ("noah", "-04:00")):
        o = found[f"huddle/{owner}/2026-05-25"]
        assert o.day == d("2026-05-22")
        assert o.status == "scheduled"
        assert o.reason.startswith("moved from 2026-05-25") and "holiday" in o.reason
        assert o.start is not None and o.start.isoformat() == f"2026-05-22T08:30:00{offset}"
    assert found["huddle/noah/2026-09-07"].day == d("2026-09-04")
    assert found["huddle/mia/2026-09-07"].day == d("2026-09-07")


def test_on_holiday_previous_never_moves_before_effective() -> None:
    """``effective`` is Mon 4 May 2026, GB's May Day: the London huddle cannot move back to
    Friday 1 May, before the rhythm starts, so it is excused. New York has no holiday."""
    found = by_key(occs("office", "2026-04-27", "2026-05-10"))
    mia = found["huddle/mia/2026-05-04"]
    assert (mia.day, mia.status, mia.reason) == (d("2026-05-04"), "excused", "holiday")
    noah = found["huddle/noah/2026-05-04"]
    assert (noah.status, noah.reason) == ("scheduled", "")
    assert min(o.day for o in found.values()) == d("2026-05-04")


def test_nothing_before_effective() -> None:
    assert occs("office", "2026-01-01", "2026-05-03") == []
    assert occs("weeks", "2026-01-01", "2026-12-13") == []


def test_skip_excuses_with_reason_holiday() -> None:
    """Tue 30 Jun and Tue 10 Nov 2026 are company days off; pipeline reviews skip them."""
    found = occs("office", "2026-06-29", "2026-07-03") + occs("office", "2026-11-09", "2026-11-13")
    tuesdays = [o for o in found if o.activity == "pipeline"]
    assert sorted(o.key for o in tuesdays) == sorted(
        f"pipeline/{owner}/{rep}/{day}"
        for day in ("2026-06-30", "2026-11-10")
        for owner, rep in (("mia", "ana"), ("mia", "ben"), ("mia", "dee"))
        + (("noah", "eli"), ("noah", "fay"))
    )
    assert {(o.status, o.reason) for o in tuesdays} == {("excused", "holiday")}
    assert all(o.day == o.scheduled for o in tuesdays)


def test_blackout_listing_some_activities() -> None:
    """The Summer offsite (6-10 Jul 2026) covers pipeline and standup only."""
    found = occs("office", "2026-07-06", "2026-07-10", person="mia", owners_only=True)
    pipeline = of(found, "pipeline", "mia")
    assert [o.key for o in pipeline] == [
        "pipeline/mia/ana/2026-07-07",
        "pipeline/mia/ben/2026-07-07",
        "pipeline/mia/dee/2026-07-07",
    ]
    assert {(o.status, o.reason) for o in pipeline} == {("excused", "blackout: Summer offsite")}
    standup = of(found, "standup", "mia")
    assert days(standup) == [d("2026-07-06") + timedelta(days=i) for i in range(5)]
    assert {(o.status, o.reason) for o in standup} == {("excused", "blackout: Summer offsite")}
    # Activities the blackout does not list are unaffected.
    (huddle,) = of(found, "huddle", "mia")
    assert (huddle.day, huddle.status, huddle.reason) == (d("2026-07-06"), "scheduled", "")
    (wrap,) = of(found, "wrap", "mia")
    assert (wrap.day, wrap.status, wrap.reason) == (d("2026-07-10"), "scheduled", "")
    (qbr,) = of(occs("office", "2026-07-06", "2026-07-17"), "qbr", "vera")
    assert (qbr.day, qbr.status) == (d("2026-07-14"), "scheduled")


def test_blackout_for_everything_moves_and_excuses() -> None:
    """The year-end freeze (21 Dec 2026 - 1 Jan 2027) covers every activity."""
    found = by_key(occs("office", "2026-12-14", "2027-01-10"))
    # huddle, on_holiday previous: Mon 21 Dec goes back to Fri 18 Dec. Mon 28 Dec would go
    # there too, but a move never doubles an activity up: it is excused, with the reason
    # its own day is not free (28 Dec is Boxing Day, observed, in GB: a holiday first).
    h21, h28 = found["huddle/mia/2026-12-21"], found["huddle/mia/2026-12-28"]
    assert (h21.day, h21.status) == (d("2026-12-18"), "scheduled")
    assert h21.reason == "moved from 2026-12-21: blackout: Year-end freeze"
    assert (h28.day, h28.status, h28.reason) == (d("2026-12-28"), "excused", "holiday")
    assert [o.key for o in occs("office", "2026-12-18", "2026-12-18") if o.owner == "mia"
            and o.activity == "huddle"] == ["huddle/mia/2026-12-21"]  # fmt: skip
    n28 = found["huddle/noah/2026-12-28"]
    assert (n28.status, n28.reason) == ("excused", "blackout: Year-end freeze")
    # wrap, on_holiday next: Fri 25 Dec and Fri 1 Jan (holidays inside the freeze) would
    # both go forward to Mon 4 Jan 2027, the first free day. The nearer one, 1 Jan, does;
    # 25 Dec is excused.
    for owner in ("mia", "noah"):
        w1 = found[f"wrap/{owner}/2027-01-01"]
        assert (w1.day, w1.status) == (d("2027-01-04"), "scheduled")
        w25 = found[f"wrap/{owner}/2026-12-25"]
        assert (w25.day, w25.status, w25.reason) == (d("2026-12-25"), "excused", "holiday")
    # pipeline (skip) is excused on 22 and 29 Dec with the blackout's name
    for day in ("2026-12-22", "2026-12-29"):
        o = found[f"pipeline/mia/ana/{day}"]
        assert (o.status, o.reason) == ("excused", "blackout: Year-end freeze")
    # standup (every: day) on Christmas Day is a holiday; on other freeze days a blackout
    assert found["standup/mia/2026-12-25"].reason == "holiday"
    assert found["standup/mia/2026-12-23"].reason == "blackout: Year-end freeze"


def test_a_long_blackout_moves_only_the_nearest_occurrence() -> None:
    """The long freeze (1 Feb 2027 - 30 Jun 2029) covers the weekly review, which moves
    back (on_holiday: previous) to Fri 29 Jan 2027. Only Wed 3 Feb, the nearest, moves
    there: the Wednesdays after it are excused, not piled up on that Friday (a move looks
    at most 366 days away, which bounds the work a blackout of years costs)."""
    friday = occs("longfreeze", "2027-01-29", "2027-01-29")
    assert [(o.key, o.status) for o in friday] == [("weekly/wes/2027-02-03", "scheduled")]
    later = of(occs("longfreeze", "2027-02-01", "2029-06-30"), "weekly", "wes")
    # Wed 3 Feb 2027 to Wed 27 Jun 2029 is 875 days: 126 Wednesdays, all but the first
    assert len(later) == 125 and later[0].scheduled == d("2027-02-10")
    assert {(o.status, o.reason) for o in later} == {("excused", "blackout: Long freeze")}
    assert all(o.day == o.scheduled for o in later)
    # A blackout of six years that ends on 31 Mar 2026: the monthly call (on_holiday:
    # next) of March 2026 moves forward to Wed 1 Apr 2026; April's own is on Mon 6 Apr.
    april = of(occs("longfreeze", "2026-04-01", "2026-04-30"), "monthly", "wes")
    assert [(o.key, o.day, o.status) for o in april] == [
        ("monthly/wes/2026-03-02", d("2026-04-01"), "scheduled"),
        ("monthly/wes/2026-04-06", d("2026-04-06"), "scheduled"),
    ]
    march = of(occs("longfreeze", "2025-04-01", "2026-03-31"), "monthly", "wes")
    assert len(march) == 11 and {o.status for o in march} == {"excused"}


@pytest.mark.parametrize(("owner", "day"), [("pat", "2027-09-20"), ("sam", "2027-09-13")])
def test_a_move_across_leave_that_follows_leave_is_in_every_window(owner: str, day: str) -> None:
    """Pat's two leaves (81 days in all) and Sam's ten weekly leave entries: the Q3
    planning of Thu 1 Jul 2027 moves past them all, and every window that holds the day
    it moved to shows it (one that starts long after 1 Jul used not to look back far
    enough, and a calendar regenerated that day cancelled the meeting)."""
    for first, last in [(day, day), ("2027-09-06", "2027-09-30"), ("2027-06-01", "2027-12-31")]:
        found = of(occs("leave", first, last), "qplan", owner)
        (moved,) = [o for o in found if o.scheduled == d("2027-07-01")]
        assert (moved.day, moved.status) == (d(day), "scheduled")
        assert moved.reason == "moved from 2027-07-01: away"


def test_away_week() -> None:
    """Mia is away 14-18 Sep 2026; Noah is not."""
    found = by_key(occs("office", "2026-09-07", "2026-09-27"))
    for rep in ("ana", "ben", "dee"):
        o = found[f"pipeline/mia/{rep}/2026-09-15"]
        assert (o.status, o.reason, o.day) == ("excused", "away", d("2026-09-15"))
    for day in range(14, 19):
        o = found[f"standup/mia/2026-09-{day}"]
        assert (o.status, o.reason) == ("excused", "away")
    huddle = found["huddle/mia/2026-09-14"]  # on_holiday previous
    assert huddle.day == d("2026-09-11") and huddle.status == "scheduled"
    assert huddle.reason.startswith("moved from 2026-09-14") and "away" in huddle.reason
    wrap = found["wrap/mia/2026-09-18"]  # on_holiday next
    assert wrap.day == d("2026-09-21") and wrap.status == "scheduled"
    assert found["pipeline/noah/eli/2026-09-15"].status == "scheduled"
    assert found["huddle/noah/2026-09-14"].day == d("2026-09-14")


def test_every_day_is_never_moved() -> None:
    """standup is ``every: day`` with on_holiday: next, which a daily cadence ignores."""
    found = of(occs("office", "2026-05-04", "2027-05-31"), "standup", "mia")
    assert all(o.day == o.scheduled for o in found)
    assert all(o.day.weekday() < 5 for o in found)  # workweek days only, never a weekend
    assert not any("moved" in o.reason for o in found)
    by_day = {o.day: o for o in found}
    assert (by_day[d("2026-05-25")].status, by_day[d("2026-05-25")].reason) == (
        "excused",
        "holiday",
    )
    assert by_day[d("2026-05-26")].status == "scheduled"
    # one occurrence per workweek day from 4 May 2026 to 31 May 2027
    weekdays = [
        d("2026-05-04") + timedelta(days=i)
        for i in range((d("2027-05-31") - d("2026-05-04")).days + 1)
        if (d("2026-05-04") + timedelta(days=i)).weekday() < 5
    ]
    assert days(found) == weekdays


def test_window_filters_on_the_moved_date() -> None:
    """The window compares the day an occurrence happens, not the day it was scheduled."""
    on_12th = occs("office", "2026-10-12", "2026-10-12", person="mia")
    assert "wrap/mia/2026-10-09" in [o.key for o in on_12th]
    on_9th = occs("office", "2026-10-09", "2026-10-09", person="mia")
    assert [o for o in on_9th if o.activity == "wrap"] == []
    # ... and an occurrence moved out of the window is not in it
    may = occs("office", "2026-05-25", "2026-05-31", person="mia", owners_only=True)
    assert "huddle/mia/2026-05-25" not in [o.key for o in may]


def test_each_report_slots_in_roster_order() -> None:
    """Reports of role rep (not cal, the sales engineer), back to back from 09:00."""
    found = of(occs("office", "2026-05-05", "2026-05-05"), "pipeline", "mia")
    assert [(o.key, o.with_, o.attendees, o.slot) for o in found] == [
        ("pipeline/mia/ana/2026-05-05", "ana", ("ana",), 0),
        ("pipeline/mia/ben/2026-05-05", "ben", ("ben",), 1),
        ("pipeline/mia/dee/2026-05-05", "dee", ("dee",), 2),
    ]
    assert [(o.start.isoformat(), o.end.isoformat()) for o in found] == [
        ("2026-05-05T09:00:00+01:00", "2026-05-05T09:30:00+01:00"),
        ("2026-05-05T09:30:00+01:00", "2026-05-05T10:00:00+01:00"),
        ("2026-05-05T10:00:00+01:00", "2026-05-05T10:30:00+01:00"),
    ]
    noah = of(occs("office", "2026-05-05", "2026-05-05"), "pipeline", "noah")
    assert [(o.with_, o.start.isoformat()) for o in noah] == [
        ("eli", "2026-05-05T09:00:00-04:00"),
        ("fay", "2026-05-05T09:30:00-04:00"),
    ]


def test_team_attendees_and_keys() -> None:
    found = by_key(occs("office", "2026-07-13", "2026-07-14"))
    huddle = found["huddle/mia/2026-07-13"]
    assert (huddle.with_, huddle.attendees) == (None, ("ana", "ben", "cal", "dee"))
    assert found["huddle/noah/2026-07-13"].attendees == ("eli", "fay")
    qbr = found["qbr/vera/2026-07-14"]
    assert qbr.attendees == ("mia", "noah")
    assert qbr.start is not None and qbr.start.isoformat() == "2026-07-14T15:00:00+01:00"
    assert qbr.end is not None and qbr.end.isoformat() == "2026-07-14T17:00:00+01:00"


def test_qbr_business_day_ten() -> None:
    """10th business day of each calendar quarter for a GB owner with company days off."""
    found = of(occs("office", "2026-05-04", "2027-06-30"), "qbr", "vera")
    assert days(found) == [
        d("2026-07-14"),  # 1 Jul Wed ... 14 Jul is the 10th business day
        d("2026-10-15"),  # 9 Oct is a company day off, so the 10th is Thu 15 Oct
        d("2027-01-15"),  # 1 Jan is a holiday: 4-8 and 11-15 Jan
        d("2027-04-14"),  # 1, 2, 5-9, 12-14 Apr (GB has no Easter Monday)
    ]


def test_person_filter_owner_and_attendee() -> None:
    cal = occs("office", "2026-05-04", "2026-05-10", person="cal")
    assert {o.activity for o in cal} == {"huddle", "standup"}  # not a rep: no pipeline
    assert all(o.owner == "mia" and "cal" in o.attendees for o in cal)
    ana = occs("office", "2026-05-04", "2026-05-10", person="ana")
    assert [o.key for o in ana if o.activity == "pipeline"] == ["pipeline/mia/ana/2026-05-05"]
    vera = occs("office", "2026-07-13", "2026-07-14", person="vera")
    assert [o.key for o in vera] == ["qbr/vera/2026-07-14"]
    noah = occs("office", "2026-07-13", "2026-07-14", person="noah")
    assert "qbr/vera/2026-07-14" in [o.key for o in noah]
    assert "qbr/vera/2026-07-14" not in [
        o.key for o in occs("office", "2026-07-13", "2026-07-14", "noah", owners_only=True)
    ]


# -- N weeks across a year end ---------------------------------------------------------------


def test_two_weeks_across_a_53_week_year() -> None:
    """Every 2 weeks from Thu 17 Dec 2026: 31 Dec (2026-W53), 14 Jan 2027 (W02), ...; a
    rule based on the parity of ISO week numbers would wrongly pick 7 Jan (W01)."""
    assert date(2026, 12, 31).isocalendar()[:2] == (2026, 53)
    found = of(occs("weeks", "2026-12-01", "2028-02-29"), "fortnightly", "wes")
    expected = []
    day = d("2026-12-17")
    while day <= d("2028-02-29"):
        expected.append(day)
        day += timedelta(days=14)
    assert days(found) == expected
    assert {d("2026-12-31"), d("2027-01-14"), d("2027-12-16"), d("2027-12-30")} <= set(expected)
    assert d("2028-01-13") in expected and d("2027-01-07") not in expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2027-01-01", "2027-01-31", ["2027-01-14", "2027-01-28"]),
        ("2027-01-05", "2027-01-20", ["2027-01-14"]),
        ("2026-12-28", "2027-01-10", ["2026-12-31"]),
        ("2027-12-20", "2028-01-20", ["2027-12-30", "2028-01-13"]),
    ],
)
def test_two_weeks_parity_in_any_window(first: str, last: str, expected: list[str]) -> None:
    found = of(occs("weeks", first, last), "fortnightly", "wes")
    assert [str(x) for x in days(found)] == expected


def test_two_weeks_counts_from_effective() -> None:
    """No ``starting``: the blocks count from ``effective``, Mon 14 Dec 2026 (W51)."""
    found = of(occs("weeks", "2026-12-01", "2027-03-01"), "from_effective", "wes")
    assert days(found) == [d("2026-12-15") + timedelta(days=14 * i) for i in range(6)]
    assert d("2026-12-29") in days(found)  # a Tuesday of 2026-W53


def test_three_weeks_on_two_days_from_a_mid_week_start() -> None:
    """Every 3 weeks on Mon and Wed, starting Wed 30 Dec 2026 (its Monday, 28 Dec, is before
    the start): blocks begin the weeks of 28 Dec, 18 Jan, 8 Feb, 1 Mar."""
    found = of(occs("weeks", "2026-12-01", "2027-03-07"), "triweekly", "wes")
    assert days(found) == [
        d("2026-12-30"),
        d("2027-01-18"),
        d("2027-01-20"),
        d("2027-02-08"),
        d("2027-02-10"),
        d("2027-03-01"),
        d("2027-03-03"),
    ]


# -- keys and ordering -----------------------------------------------------------------------


def test_keys_use_the_scheduled_date_and_sort_order() -> None:
    found = occs("office", "2026-05-04", "2026-12-31")
    for o in found:
        expected = "/".join(
            [o.activity, o.owner, *([o.with_] if o.with_ else []), o.scheduled.isoformat()]
        )
        assert o.key == expected
    keys = [o.sort_key() for o in found]
    assert keys == sorted(keys)
    # on one day: all-day first, then by local start time, owner, activity, slot
    day = [o for o in occs("fiscal", "2026-11-10", "2026-11-10")]
    assert [o.activity for o in day] == ["plan_day"]
    tue = occs("office", "2026-05-05", "2026-05-05")
    assert [(f"{o.start:%H:%M}", o.owner, o.activity, o.slot) for o in tue] == [
        ("08:50", "mia", "standup", 0),
        ("08:50", "noah", "standup", 0),
        ("09:00", "mia", "pipeline", 0),
        ("09:00", "noah", "pipeline", 0),
        ("09:30", "mia", "pipeline", 1),
        ("09:30", "noah", "pipeline", 1),
        ("10:00", "mia", "pipeline", 2),
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2027-09-06", "2027-09-06"),
        ("2027-09-06", "2027-09-12"),
        ("2027-08-01", "2027-09-30"),
        ("2027-06-04", "2027-12-31"),  # a long window, expanded in chunks
    ],
)
def test_a_move_across_a_closure_of_company_days_off_is_in_every_window(
    first: str, last: str
) -> None:
    """A closure written as 25 company days off (holidays.dates) is looked past like a
    blackout: the kickoff of Mon 2 Aug 2027 moves to Mon 6 Sep in every window that holds
    that day (a window starting more than a month after 2 Aug used to lose it)."""
    found = of(occs("closure", first, last), "kickoff", "manon")
    (moved,) = [o for o in found if o.scheduled == d("2027-08-02")]
    assert (moved.day, moved.status, moved.reason) == (
        d("2027-09-06"),
        "scheduled",
        "moved from 2027-08-02: holiday",
    )


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        ("2026-04-29", "2026-01-31", "2026-04-29"),
        ("2026-04-30", "2026-04-30", "2026-07-30"),  # April has no 31st: its last day
        ("2026-07-31", "2026-07-31", "2026-10-30"),
        ("2027-01-30", "2026-10-31", "2027-01-30"),
    ],
)
def test_fiscal_quarters_from_the_31st(day: str, first: str, last: str) -> None:
    """reference.md: with fiscal_year_start 01-31, quarters start on 31 January, 30 April,
    31 July and 31 October, and tile the year."""
    assert period_of(d(day), "quarter", MonthDay(1, 31)) == (d(first), d(last))


# -- holidays.worked -----------------------------------------------------------------------


def unworked(name: str, tmp_path: Path) -> Workspace:
    """The fixture with its `worked:` list emptied: the package's holidays all stand."""
    dest = tmp_path / name
    shutil.copytree(ENGINE / name, dest)
    text = (dest / "rhythm.yaml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^  worked: .*$", "  worked: []", text)
    assert n == 1
    (dest / "rhythm.yaml").write_text(text, encoding="utf-8")
    return require_valid(str(dest))


def status_of(ws: Workspace, activity: str, owner: str, scheduled: str) -> tuple[str, str, str]:
    """(day, status, reason) of the occurrence scheduled on ``scheduled``."""
    day = d(scheduled)
    found = expand(ws, day - timedelta(days=7), day + timedelta(days=7))
    (o,) = [o for o in found if (o.activity, o.owner, o.scheduled) == (activity, owner, day)]
    return o.day.isoformat(), o.status, o.reason or ""


@pytest.mark.parametrize("owner", ["cam", "nia"])  # US-IL (the rhythm's) and US-NY (nia's)
def test_a_worked_holiday_is_a_business_day(owner: str, tmp_path: Path) -> None:
    """Monday 12 Oct 2026 is Columbus Day in US-IL and US-NY; Tuesday 3 Nov Election Day;
    Wednesday 11 Nov Veterans Day (worked as ` veterans DAY `); Thursday 26 Nov
    Thanksgiving, not worked."""
    ws, off = workspace("worked"), unworked("worked", tmp_path)
    assert status_of(ws, "pipeline", owner, "2026-10-12") == ("2026-10-12", "scheduled", "")
    assert status_of(off, "pipeline", owner, "2026-10-12") == ("2026-10-12", "excused", "holiday")
    assert status_of(ws, "forecast", owner, "2026-11-03") == ("2026-11-03", "scheduled", "")
    assert status_of(off, "forecast", owner, "2026-11-03") == (
        "2026-11-04",
        "scheduled",
        "moved from 2026-11-03: holiday",
    )
    standup = [o for o in expand(ws, d("2026-11-09"), d("2026-11-27")) if o.owner == owner]
    standup = [o for o in standup if o.activity == "standup" and o.status == "scheduled"]
    assert d("2026-11-11") in days(standup) and d("2026-11-26") not in days(standup)
    standup = [o for o in expand(off, d("2026-11-09"), d("2026-11-27")) if o.owner == owner]
    standup = [o for o in standup if o.activity == "standup" and o.status == "scheduled"]
    assert d("2026-11-11") not in days(standup)


def test_business_days_count_a_worked_holiday(tmp_path: Path) -> None:
    """March 2027 in US-IL: Mon 1 Mar is Casimir Pulaski Day. Worked, the business days
    are 1, 2, 3 March and `business day 3` is Wed 3 March; kept, they are 2, 3, 4 March."""

    def close(ws: Workspace) -> list[date]:
        found = expand(ws, d("2027-03-01"), d("2027-03-31"), "cam")
        return days(of(found, "close", "cam"))

    assert close(workspace("worked")) == [d("2027-03-03")]
    assert close(unworked("worked", tmp_path)) == [d("2027-03-04")]
    # New York has no Casimir Pulaski Day: 3 March either way.
    found = expand(unworked("worked", tmp_path / "ny"), d("2027-03-01"), d("2027-03-31"), "nia")
    assert days(of(found, "close", "nia")) == [d("2027-03-03")]


def test_a_worked_date_takes_back_an_estimated_holiday(tmp_path: Path) -> None:
    """AE 2027: the package estimates Eid al-Fitr on Tue 9 March, its holiday on Wed 10 and
    Thu 11 March. The fixture works 9 March and takes Fri 12 March off (holidays.dates).
    Business days of March: 1-5, 8, 9 (worked) → `business day 7` is 9 March; without
    `worked` 9-12 March are off and the 7th is Mon 15 March."""
    ws, off = workspace("worked_ae"), unworked("worked_ae", tmp_path)
    assert status_of(ws, "pipeline", "dana", "2027-03-09") == ("2027-03-09", "scheduled", "")
    assert status_of(off, "pipeline", "dana", "2027-03-09") == ("2027-03-09", "excused", "holiday")
    assert status_of(ws, "pipeline", "dana", "2027-03-12") == ("2027-03-12", "excused", "holiday")
    assert days(of(occs("worked_ae", "2027-03-01", "2027-03-31"), "close", "dana")) == [
        d("2027-03-09")
    ]
    found = expand(off, d("2027-03-01"), d("2027-03-31"))
    assert days(of(found, "close", "dana")) == [d("2027-03-15")]


def test_worked_names_match_observed_days_and_any_case() -> None:
    """US 2028: 11 Nov is a Saturday, the package's "Veterans Day (observed)" Fri 10 Nov.
    A day holding two holidays is worked only when both are."""
    cal = Calendar(("US",), (0, 1, 2, 3, 4), frozenset(), Worked([" VETERANS day "]))
    assert cal.is_business_day(d("2028-11-10"))
    assert not cal.is_business_day(d("2028-11-23"))  # Thanksgiving
    assert holiday_key("Eid al-Fitr (observed, estimated)") == "eid al-fitr"
    both = Worked(["Christmas Day"])
    assert both.covers(d("2027-12-25"), ("Christmas Day",))
    assert not both.covers(d("2027-12-25"), ("Christmas Day", "Boxing Day"))
    # A company day off stays off, worked or not.
    cal = Calendar(("US",), (0, 1, 2, 3, 4), frozenset({d("2026-10-12")}), Worked(["2026-10-12"]))
    assert not cal.is_business_day(d("2026-10-12"))


SUN_THU_FORTNIGHT = """\
morctl: 1
id: gulf
name: Gulf fortnight
timezone: Asia/Dubai
effective: 2026-07-05
workweek: [sun, mon, tue, wed, thu]
levers: {l: Pipeline at 3x quota}
roles: {manager: {title: Manager, capacity: 4h}}
activities:
  review:
    title: Fortnightly review
    area: execution
    owner: manager
    with: alone
    cadence: {every: 2 weeks, on: [sun, thu], at: "10:00", for: 30m}
    admission: {lever: l, standard: A standard, evidence: {happened: log, useful: rated}}
people:
  - {id: hala, name: Hala, role: manager}
"""


def test_n_weeks_count_iso_weeks_for_a_sunday_to_thursday_team(tmp_path: Path) -> None:
    """`every: 2 weeks` counts ISO weeks (Monday to Sunday) whatever the workweek, as the
    reference says; this pins it. From Sun 5 Jul 2026, the last day of 2026-W27 (29 Jun -
    5 Jul), the weeks on are W27, W29 (13-19 Jul) and W31 (27 Jul - 2 Aug): each block's
    Thursday comes before its Sunday, and a Sunday-to-Thursday week is split, its Sunday
    in one block and its Thursday in the next (Sun 5 Jul, then Thu 16 Jul). No holidays."""
    (tmp_path / "rhythm.yaml").write_text(SUN_THU_FORTNIGHT, encoding="utf-8")
    found = list(expand(require_valid(str(tmp_path)), d("2026-07-01"), d("2026-08-05")))
    assert [(o.day, o.status) for o in found] == [
        (d("2026-07-05"), "scheduled"),  # Sun, W27
        (d("2026-07-16"), "scheduled"),  # Thu, W29
        (d("2026-07-19"), "scheduled"),  # Sun, W29
        (d("2026-07-30"), "scheduled"),  # Thu, W31
        (d("2026-08-02"), "scheduled"),  # Sun, W31
    ]
    assert {(o.period_start, o.period_end) for o in found if o.day <= d("2026-07-05")} == {
        (d("2026-06-29"), d("2026-07-12"))
    }


# -- until -----------------------------------------------------------------------------


def ending(tmp_path: Path, **until: str) -> Workspace:
    """The office fixture with ``until`` added to the cadence of each activity named."""
    dest = tmp_path / "office"
    shutil.copytree(ENGINE / "office", dest)
    text = (dest / "rhythm.yaml").read_text(encoding="utf-8")
    for aid, day in until.items():
        text, n = re.subn(
            rf"(?m)^(  {aid}:\n(?:    .*\n)*?    cadence: \{{.*?)\}}", rf"\1, until: {day}}}", text
        )
        assert n == 1, aid
    (dest / "rhythm.yaml").write_text(text, encoding="utf-8")
    return require_valid(str(dest))


def series(ws: Workspace, activity: str, owner: str, first: str, last: str) -> list[tuple]:
    """(scheduled, day, status) of one owner's occurrences of one activity (the first slot)."""
    found = expand(ws, d(first), d(last), owner, owners_only=True, activities={activity})
    return [
        (o.scheduled.isoformat(), o.day.isoformat(), o.status)
        for o in found
        if o.slot == 0 and o.activity == activity
    ]


def test_nothing_after_until(tmp_path: Path) -> None:
    """`until: 2026-11-30`, a Monday: the Tuesday review runs to 24 Nov (10 Nov is a company
    day off, excused); the month-end call's last is Mon 30 Nov, November's last business
    day and the until day itself (included); the daily stand-up runs to that Monday."""
    ws = ending(tmp_path, pipeline="2026-11-30", month_end="2026-11-30", standup="2026-11-30")
    assert series(ws, "pipeline", "mia", "2026-11-01", "2027-01-31") == [
        ("2026-11-03", "2026-11-03", "scheduled"),
        ("2026-11-10", "2026-11-10", "excused"),
        ("2026-11-17", "2026-11-17", "scheduled"),
        ("2026-11-24", "2026-11-24", "scheduled"),
    ]
    assert series(ws, "month_end", "mia", "2026-10-01", "2027-03-31") == [
        ("2026-10-30", "2026-10-30", "scheduled"),
        ("2026-11-30", "2026-11-30", "scheduled"),
    ]
    standup = series(ws, "standup", "mia", "2026-11-23", "2026-12-31")
    assert [s[0] for s in standup] == [
        "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30",
    ]  # fmt: skip
    # The activities without `until` run on.
    assert series(ws, "wrap", "mia", "2026-12-01", "2026-12-06") == [
        ("2026-12-04", "2026-12-04", "scheduled")
    ]


def test_a_move_never_goes_past_until(tmp_path: Path) -> None:
    """Fri 9 Oct 2026 is a company day off: the wrap-up (`on_holiday: next`) would move to
    Mon 12 Oct, after `until: 2026-10-09`, so it is excused instead. A move back before
    `until` stands: the huddle of Mon 25 May (a bank holiday) moves to Fri 22 May."""
    ws = ending(tmp_path, wrap="2026-10-09", huddle="2026-05-25")
    assert series(ws, "wrap", "mia", "2026-09-28", "2026-12-31") == [
        ("2026-10-02", "2026-10-02", "scheduled"),
        ("2026-10-09", "2026-10-09", "excused"),
    ]
    assert series(ws, "huddle", "mia", "2026-05-04", "2026-12-31") == [
        ("2026-05-04", "2026-05-04", "excused"),
        ("2026-05-11", "2026-05-11", "scheduled"),
        ("2026-05-18", "2026-05-18", "scheduled"),
        ("2026-05-25", "2026-05-22", "scheduled"),
    ]


def test_an_occurrence_moved_back_to_until_is_held(tmp_path: Path) -> None:
    """`until` is judged by the day a meeting is held. December's month-end call is due Thu
    31 Dec 2026, in the year-end freeze (21 Dec to 1 Jan), and moves back to Fri 18 Dec:
    with `until: 2026-12-18` or `2026-12-20` (a Sunday) it is held there, keyed by 31 Dec;
    with `until: 2026-12-17` it would be held after its end, so there is none. Likewise
    the huddle of Mon 25 May (a bank holiday) moves to Fri 22 May, `until: 2026-05-22`;
    with `until: 2026-12-20`, the huddle of Mon 21 Dec moves back to Fri 18 Dec and that of
    Mon 28 Dec (which has no free day left before it) is after the end, so not listed."""
    december = [
        ("2026-11-30", "2026-11-30", "scheduled"),
        ("2026-12-31", "2026-12-18", "scheduled"),
    ]
    for n, until in enumerate(("2026-12-18", "2026-12-20")):
        ws = ending(tmp_path / str(n), month_end=until)
        assert series(ws, "month_end", "mia", "2026-11-01", "2027-03-31") == december, until
    ws = ending(tmp_path / "20h", huddle="2026-12-20")
    assert series(ws, "huddle", "mia", "2026-12-07", "2027-01-31") == [
        ("2026-12-07", "2026-12-07", "scheduled"),
        ("2026-12-14", "2026-12-14", "scheduled"),
        ("2026-12-21", "2026-12-18", "scheduled"),
    ]
    ws = ending(tmp_path / "17", month_end="2026-12-17", huddle="2026-05-22")
    assert series(ws, "month_end", "mia", "2026-11-01", "2027-03-31") == december[:1]
    assert series(ws, "huddle", "mia", "2026-05-04", "2026-12-31") == [
        ("2026-05-04", "2026-05-04", "excused"),
        ("2026-05-11", "2026-05-11", "scheduled"),
        ("2026-05-18", "2026-05-18", "scheduled"),
        ("2026-05-25", "2026-05-22", "scheduled"),
    ]
