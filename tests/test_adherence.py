"""Matching and scoring (DESIGN.md §8, issue 4 item 6): a hand-computed case for every
status and every figure.

Every expected number below was worked out from a calendar, never by running the code:
the fixture comments (tests/data/adherence/*/rhythm.yaml) give the calendar facts each case
rests on, and each test says how its numbers come about. March 2026: W10 = Mon 2 - Sun 8,
W11 = 9-15, W12 = 16-22, W13 = 23-29.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import ACME, DATA, ROOT, morctl
from morctl.adherence import Scored, index, score, tally
from morctl.completion import Completion
from morctl.logs import read
from morctl.workspace import Workspace, load_workspace

HERE = DATA / "adherence"
TEAM = HERE / "team"
ORG = HERE / "org"
ESCAPE = HERE / "escape"
ADHERENCE_DOC = ROOT / "docs" / "examples" / "adherence"
FORMATS = ("table", "json", "csv", "md", "html")
NOTE = "ZEBRA-NOTE-42"  # a note in tests/data/adherence/team/logs and escape/logs
REASON = "QUOKKA-REASON"  # a skip's free-text reason in team/logs


@functools.cache
def ws(name: str) -> Workspace:
    loaded = load_workspace(str(HERE / name))
    assert loaded.workspace is not None, [d.headline() for d in loaded.diagnostics]
    return loaded.workspace


def d(text: str) -> date:
    return date.fromisoformat(text)


def done(
    day: str,
    activity: str,
    owner: str,
    with_: str | None = None,
    useful: int | None = None,
    actions: int | None = None,
    line: int = 0,
) -> Completion:
    return Completion(
        d(day), activity, owner, with_, "done", useful, actions, None, None, "t", line
    )


def skipped(day: str, activity: str, owner: str, with_: str | None = None) -> Completion:
    return Completion(d(day), activity, owner, with_, "skipped", None, None, None, "why", "t", 0)


def label(s: Scored) -> str:
    if s.status == "done":
        return "on time" if s.on_time else "late"
    return s.status


def run_score(
    name: str,
    completions: list[Completion],
    first: str,
    last: str,
    as_of: str,
    owners: set[str] | None = None,
    stands_for: dict[tuple[str, str, str | None, date], date] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Outcome label per occurrence key in the window, and the unplanned completions as
    ``ACTIVITY/OWNER[/WITH]@DAY``."""
    result = score(
        ws(name), completions, d(first), d(last), d(as_of), owners, stands_for=stands_for
    )
    outcomes = {s.occ.key: label(s) for s in result.scored}
    assert len(outcomes) == len(result.scored), "an occurrence was reported twice"
    unplanned = [
        "/".join(p for p in c.series if p) + "@" + c.day.isoformat() for c in result.unplanned
    ]
    return outcomes, unplanned


# -- done: on time, late, grace -------------------------------------------------------------


@pytest.mark.parametrize(
    ("logged", "as_of", "march", "april", "unplanned"),
    [
        # the 1st of April is inside March's grace (Tue 31 + 3 days = Fri 3): March's debrief,
        # on time; April's, unlogged, is missed
        (["2026-04-01"], "2026-05-05", "on time", "missed", []),
        (["2026-04-03"], "2026-05-05", "on time", "missed", []),
        # Mon 6 Apr is past March's grace: April's debrief, early
        (["2026-04-06"], "2026-05-05", "missed", "on time", []),
        # both months logged: each its own
        (["2026-03-31", "2026-04-02"], "2026-05-05", "on time", "on time", []),
        # nothing logged: March's is still pending while its grace runs, missed after
        ([], "2026-04-03", "pending", "pending", []),
        ([], "2026-04-04", "missed", "pending", []),
        # April's grace runs to Sun 3 May: pending on that day, missed on the 4th
        ([], "2026-05-03", "missed", "pending", []),
        ([], "2026-05-04", "missed", "missed", []),
    ],
)
def test_grace_reaches_past_the_end_of_the_period(
    logged: list[str], as_of: str, march: str, april: str, unplanned: list[str]
) -> None:
    got, extra = run_score(
        "grace", [done(day, "debrief", "mia") for day in logged], "2026-03-01", "2026-04-30", as_of
    )
    assert got == {"debrief/mia/2026-03-31": march, "debrief/mia/2026-04-30": april}
    assert extra == unplanned


# -- grace chains: an occurrence's outcome does not depend on the window --------------------


def only(prefix: str, outcomes: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in outcomes.items() if k.startswith(prefix)}


CHAIN_WINDOWS = [
    ("2026-11-09", "2026-11-29"),
    ("2026-11-09", "2026-11-15"),
    ("2026-11-16", "2026-11-22"),
    ("2026-11-23", "2026-11-29"),
    ("2026-11-16", "2026-11-29"),
    ("2026-11-20", "2026-11-20"),
]


@pytest.mark.parametrize(("first", "last"), CHAIN_WINDOWS)
def test_a_completion_in_the_grace_days_counts_once_whatever_the_window(
    first: str, last: str
) -> None:
    # review: Fri with 3 days' grace, held on Mon 16 and Mon 23 only. Mon 16 is inside
    # Fri 13's grace and the earlier period takes a completion first: Fri 13 on time
    # (Mon 16), Fri 20 on time (Mon 23), Fri 27 missed. Two meetings, two done, in every
    # window; a weekly report once counted Mon 16 for both W46 and W47.
    comps = [done("2026-11-16", "review", "mia"), done("2026-11-23", "review", "mia")]
    whole = {
        "review/mia/2026-11-13": "on time",
        "review/mia/2026-11-20": "on time",
        "review/mia/2026-11-27": "missed",
    }
    got, unplanned = run_score("chains", comps, first, last, "2026-12-10")
    expected = {k: v for k, v in whole.items() if first <= k.rsplit("/", 1)[1] <= last}
    assert only("review/", got) == expected
    assert unplanned == []


@pytest.mark.parametrize(("first", "last"), [*CHAIN_WINDOWS, ("2026-11-17", "2026-11-17")])
def test_a_daily_chain_gives_the_same_outcomes_in_every_window(first: str, last: str) -> None:
    # standup: every workday, 1 day's grace; held Tue 17 - Fri 20 Nov, not on Mon 16.
    # Each day takes the next day's completion: Mon 16 <- Tue 17, ..., Thu 19 <- Fri 20,
    # and Fri 20 is missed (its grace runs to Sat 21).
    comps = [done(f"2026-11-{day}", "standup", "mia") for day in (17, 18, 19, 20)]
    got, unplanned = run_score("chains", comps, first, last, "2026-12-10")
    week = {f"standup/mia/2026-11-{day}": "on time" for day in (16, 17, 18, 19)}
    week["standup/mia/2026-11-20"] = "missed"
    in_window = {k: v for k, v in got.items() if k in week}
    expected = {k: v for k, v in week.items() if first <= k.rsplit("/", 1)[1] <= last}
    assert in_window == expected
    assert unplanned == []


def test_a_long_chain_is_followed_back_to_where_it_starts() -> None:
    # review held every Monday from 12 Oct to 23 Nov, seven times: each Monday is the
    # late review of the Friday before (9 Oct ... 20 Nov), so Fri 27 Nov is missed. The
    # week of 23 Nov alone must say so too, though the chain starts six weeks earlier.
    mondays = [date(2026, 10, 12) + timedelta(weeks=i) for i in range(7)]
    comps = [done(m.isoformat(), "review", "mia") for m in mondays]
    got, unplanned = run_score("chains", comps, "2026-11-23", "2026-11-29", "2026-12-10")
    assert only("review/", got) == {"review/mia/2026-11-27": "missed"}
    assert unplanned == []  # Mon 23 is Fri 20's review, outside this window
    got, _ = run_score("chains", comps, "2026-10-05", "2026-11-29", "2026-12-10")
    assert list(only("review/", got).values()) == ["on time"] * 7 + ["missed"]


@pytest.mark.parametrize(
    ("status", "fri20", "fri27"),
    [
        # held on Mon 23: inside Fri 20's grace, which takes it first (docs/adherence.md)
        ("done", "on time", "missed"),
        # called off on Mon 23: a skip is not a meeting held late, so it calls off the
        # week it is dated in (Fri 27), and Fri 20, neither held nor called off, is missed
        ("skipped", "missed", "excused"),
    ],
)
def test_a_skip_dated_in_the_grace_days_calls_off_its_own_week(
    status: str, fri20: str, fri27: str
) -> None:
    row = Completion(
        d("2026-11-23"), "review", "mia", None, status, None, None, None, "offsite", "t", 1
    )
    got, unplanned = run_score("chains", [row], "2026-11-16", "2026-11-29", "2026-12-10")
    assert only("review/", got) == {
        "review/mia/2026-11-20": fri20,
        "review/mia/2026-11-27": fri27,
    }
    assert unplanned == []


def test_a_skip_keeps_its_meeting_from_the_next_days_done() -> None:
    # standup: every workday, 1 day's grace. Held Mon 16, Tue 17, Thu 19 and Fri 20 Nov,
    # called off (with a reason) on Wed 18. Thu 19 is inside Wed 18's grace, but a meeting
    # called off is not waiting to be held late: Thu 19 is Thursday's own standup, and every
    # day is on time or excused. (It once took Wed 18 from the skip, Fri 20 then took
    # Thu 19, and Fri 20 was missed with the skip unplanned.)
    comps = [done(f"2026-11-{day}", "standup", "mia") for day in (16, 17, 19, 20)]
    comps.append(skipped("2026-11-18", "standup", "mia"))
    got, unplanned = run_score("chains", comps, "2026-11-16", "2026-11-22", "2026-11-25")
    assert only("standup/", got) == {
        "standup/mia/2026-11-16": "on time",
        "standup/mia/2026-11-17": "on time",
        "standup/mia/2026-11-18": "excused",
        "standup/mia/2026-11-19": "on time",
        "standup/mia/2026-11-20": "on time",
    }
    assert unplanned == []


@pytest.mark.parametrize(
    ("logged", "fri4", "fri11", "unplanned"),
    [
        # Fri 4 called off, the review held on Mon 7: a review called off is not one held
        # late, so Mon 7 is the early review of Fri 11's week (3 days' grace or not)
        (["skipped 2026-12-04", "done 2026-12-07"], "excused", "on time", []),
        # ... but with Fri 11's own review logged too, Mon 7 is one more than that week
        # has: rather than leave a done unplanned, the skip gives way to it, and Mon 7 is
        # Fri 4's review held after all, inside its grace
        (
            ["skipped 2026-12-04", "done 2026-12-07", "done 2026-12-11"],
            "on time",
            "on time",
            ["review/mia@2026-12-04"],
        ),
        # Fri 4 not logged at all: Mon 7 is its late review, within the grace
        (["done 2026-12-07"], "on time", "missed", []),
        # the skip gives way to a done of its own week (held after all on Sat 5)
        (["skipped 2026-12-04", "done 2026-12-05"], "on time", "missed", ["review/mia@2026-12-04"]),
    ],
)
def test_a_skip_gives_way_only_to_a_done_of_its_own_period(
    logged: list[str], fri4: str, fri11: str, unplanned: list[str]
) -> None:
    # review: Fridays, 3 days' grace (Fri 4 Dec is on time until Mon 7).
    comps = [
        (done if how == "done" else skipped)(day, "review", "mia")
        for how, day in (text.split() for text in logged)
    ]
    got, extra = run_score("chains", comps, "2026-11-30", "2026-12-13", "2026-12-20")
    assert only("review/", got) == {"review/mia/2026-12-04": fri4, "review/mia/2026-12-11": fri11}
    assert extra == unplanned


@pytest.mark.parametrize(
    ("first", "last"),
    [("2026-11-30", "2026-12-13"), ("2026-11-30", "2026-12-06"), ("2026-12-04", "2026-12-04")],
)
def test_a_done_after_the_window_does_not_unsettle_a_skip_in_it(first: str, last: str) -> None:
    # review: Fridays, 3 days' grace. Fri 4 Dec called off, the review held on Mon 7: the
    # early review of Fri 11's week, and Fri 4 excused. A window ending before Mon 7 had no
    # later week for Mon 7 to go to: the skip gave way to it (Fri 4 held late, the skip
    # unplanned), so the week read otherwise alone than in the fortnight (found by an
    # audit of weekly reports against the month's).
    comps = [skipped("2026-12-04", "review", "mia"), done("2026-12-07", "review", "mia")]
    got, unplanned = run_score("chains", comps, first, last, "2026-12-20")
    whole = {"review/mia/2026-12-04": "excused", "review/mia/2026-12-11": "on time"}
    assert only("review/", got) == {k: v for k, v in whole.items() if first <= k[-10:] <= last}
    assert unplanned == []


def test_a_daily_chain_after_the_window_does_not_reach_back_into_it() -> None:
    # A daily standup with 3 days' grace (the audit's case): Wed 9 and Thu 10 Sep called
    # off, held Fri 11, Sat 12 and Mon 14. Over the fortnight: Mon 7 missed, Tue 8 held
    # on Fri 11 (in its grace), Wed and Thu excused, Fri 11 held on Sat 12, Mon 14 on its
    # day.
    # The week alone counted Mon 14 as well (done 3), and the week after too.
    comps = [
        skipped("2026-09-09", "standup", "mia"),
        skipped("2026-09-10", "standup", "mia"),
        *(done(f"2026-09-{day}", "standup", "mia") for day in (11, 12, 14)),
    ]
    week = {
        "standup/mia/2026-09-07": "missed",
        "standup/mia/2026-09-08": "on time",
        "standup/mia/2026-09-09": "excused",
        "standup/mia/2026-09-10": "excused",
        "standup/mia/2026-09-11": "on time",
    }
    for last in ("2026-09-13", "2026-09-20"):
        got, unplanned = run_score("grace3", comps, "2026-09-07", last, "2026-09-30")
        assert {k: v for k, v in only("standup/", got).items() if k in week} == week
        assert only("standup/", got).get("standup/mia/2026-09-14", "on time") == "on time"
        assert unplanned == []


def test_a_skip_gives_way_to_a_done_nothing_else_takes() -> None:
    # review: Fridays, 3 days' grace. Fri 4 Dec called off; Fri 11's review ticked on the
    # checklist (it names its meeting); a row of Mon 7 as well. Mon 7 is not needed for
    # Fri 11, which has its tick: rather than leave it unplanned, it is Fri 4's review,
    # held after all inside its grace, and the skip gives way to it. Without the skip,
    # Mon 7 is Fri 4's review too: adding the skip must not lower anything.
    tick = done("2026-12-11", "review", "mia")._replace(scheduled=d("2026-12-11"))
    mon7 = done("2026-12-07", "review", "mia")
    for comps in ([skipped("2026-12-04", "review", "mia"), mon7, tick], [mon7, tick]):
        got, unplanned = run_score("chains", comps, "2026-11-30", "2026-12-13", "2026-12-20")
        assert only("review/", got) == {
            "review/mia/2026-12-04": "on time",
            "review/mia/2026-12-11": "on time",
        }
        assert unplanned == (["review/mia@2026-12-04"] if len(comps) == 3 else [])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-02", "on time"),  # Mon: earlier than due (Tue 3)
        ("2026-03-03", "on time"),  # Tue: on the due day
        ("2026-03-04", "on time"),  # Wed: due + grace 1d, exactly at the boundary
        ("2026-03-05", "late"),  # Thu: one day past the grace
        ("2026-03-08", "late"),  # Sun: last day of the period, still matched
    ],
)
def test_done_on_time_or_late_with_grace(day: str, expected: str) -> None:
    # review: weekly on Tue with grace 1d; mia/ravi's W10 occurrence is due Tue 3 Mar.
    got, unplanned = run_score(
        "team", [done(day, "review", "mia", "ravi")], "2026-03-02", "2026-03-08", "2026-03-09"
    )
    assert got["review/mia/ravi/2026-03-03"] == expected, f"completion on {day}"
    assert got["review/mia/sara/2026-03-03"] == "missed"  # its own series, unlogged
    assert unplanned == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2026-03-02", "on time"), ("2026-03-03", "late")],  # no grace: one day after is late
)
def test_done_without_grace(day: str, expected: str) -> None:
    got, _ = run_score(
        "team", [done(day, "exec_call", "dana")], "2026-03-02", "2026-03-08", "2026-03-09",
        {"dana"},
    )  # fmt: skip
    assert got == {"exec_call/dana/2026-03-02": expected}


# -- on_holiday moves: the due day is the moved day -----------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-18", "on time"),  # Wed, before the moved day
        ("2026-03-19", "on time"),  # Thu 19, the moved (due) day
        ("2026-03-20", "late"),  # Fri 20, the original day: a day after the due day
        ("2026-03-21", "late"),
    ],
)
def test_on_holiday_previous_due_on_the_moved_day(day: str, expected: str) -> None:
    # forecast: Fridays, on_holiday previous; Fri 20 Mar is a company day off -> Thu 19.
    result = score(
        ws("team"), [done(day, "forecast", "mia")], d("2026-03-16"), d("2026-03-22"),
        d("2026-03-23"), {"mia"},
    )  # fmt: skip
    (s,) = [s for s in result.scored if s.occ.activity == "forecast"]
    assert (s.occ.key, s.occ.day, s.occ.scheduled) == (
        "forecast/mia/2026-03-20",
        d("2026-03-19"),
        d("2026-03-20"),
    )
    assert label(s) == expected, f"completion on {day}, due Thu 19 Mar (moved from Fri 20)"
    assert result.unplanned == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-02-02", "on time"),  # Mon 2 Feb, the original (holiday) day: before the due day
        ("2026-02-03", "on time"),  # Tue 3 Feb, the moved (due) day
        ("2026-02-04", "late"),  # the day after the due day, no grace
    ],
)
def test_on_holiday_next_due_on_the_moved_day(day: str, expected: str) -> None:
    # monthly: first Monday, on_holiday next; Mon 2 Feb is a company day off -> Tue 3 Feb.
    got, unplanned = run_score(
        "periods", [done(day, "monthly", "wes")], "2026-02-01", "2026-02-28", "2026-03-01"
    )
    assert got["monthly/wes/2026-02-02"] == expected, f"completion on {day}, due Tue 3 Feb"
    assert unplanned == []


def test_a_move_across_the_period_boundary_keeps_the_due_day_completion() -> None:
    # crossmove: Monday huddle, on_holiday previous; Mon 6 Apr is a day off, so the W15
    # occurrence is due Fri 3 Apr, which lies in W14. A log that ticks both occurrences on
    # their due days (Mon 30 Mar and Fri 3 Apr) must score both done on time (DESIGN §8:
    # "on time if dated no later than the day the occurrence was due, after any move").
    got, unplanned = run_score(
        "crossmove",
        [done("2026-03-30", "huddle", "wes"), done("2026-04-03", "huddle", "wes")],
        "2026-03-30",
        "2026-04-12",
        "2026-04-13",
    )
    assert (got, unplanned) == (
        {"huddle/wes/2026-03-30": "on time", "huddle/wes/2026-04-06": "on time"},
        [],
    ), (
        "a completion on the moved due day (Fri 3 Apr) of the occurrence scheduled Mon 6 Apr "
        "must match it; matching by the period of the *scheduled* day (W15) cannot see a "
        "completion dated in W14, so it becomes a surplus in W14 (unplanned) and the "
        "occurrence is missed"
    )


# -- excused --------------------------------------------------------------------------------


def test_excused_by_the_calendar_takes_no_completion() -> None:
    # W11-W12, nobody logged anything. Leo is away Mon 9 - Tue 10; Thu 12 is a day off; the
    # Offsite blackout (Wed 18 - Thu 19) covers the huddle only, so Thu 19's forecast (moved
    # from the holiday Fri 20) is not excused.
    result = score(ws("team"), [], d("2026-03-09"), d("2026-03-22"), d("2026-03-23"), {"leo"})
    got = {s.occ.key: (label(s), s.occ.reason) for s in result.scored}
    assert got == {
        "huddle/leo/2026-03-09": ("excused", "away"),
        "review/leo/tom/2026-03-10": ("excused", "away"),
        "huddle/leo/2026-03-12": ("excused", "holiday"),
        "forecast/leo/2026-03-13": ("missed", ""),
        "huddle/leo/2026-03-16": ("missed", ""),
        "review/leo/tom/2026-03-17": ("missed", ""),
        "huddle/leo/2026-03-19": ("excused", "blackout: Offsite"),
        "forecast/leo/2026-03-20": ("missed", "moved from 2026-03-20: holiday"),
    }


def test_a_completion_in_an_excused_period_is_unplanned() -> None:
    # Leo's W11 review (Tue 10) is excused (away): his review logged Tue 10 has nothing to
    # take it. Mia's W12 huddles: Mon 16 takes the Mon 16 completion; Thu 19 is blacked
    # out, so the Thu 19 completion is a surplus.
    got, unplanned = run_score(
        "team",
        [
            done("2026-03-10", "review", "leo", "tom"),
            done("2026-03-16", "huddle", "mia"),
            done("2026-03-19", "huddle", "mia"),
        ],
        "2026-03-09",
        "2026-03-22",
        "2026-03-23",
    )
    assert got["review/leo/tom/2026-03-10"] == "excused"
    assert got["huddle/mia/2026-03-16"] == "on time"
    assert got["huddle/mia/2026-03-19"] == "excused"
    assert unplanned == ["review/leo/tom@2026-03-10", "huddle/mia@2026-03-19"]


def test_a_completion_on_a_holiday_goes_to_the_periods_free_occurrence() -> None:
    # W11: Mia's huddles are Mon 9 (scheduled) and Thu 12 (day off). A huddle logged on
    # Thu 12 is the first completion of the period: it takes Mon 9, late.
    got, unplanned = run_score(
        "team", [done("2026-03-12", "huddle", "mia")], "2026-03-09", "2026-03-15", "2026-03-16"
    )
    assert got["huddle/mia/2026-03-09"] == "late"
    assert got["huddle/mia/2026-03-12"] == "excused"
    assert unplanned == []


def test_excused_by_a_skipped_completion() -> None:
    got, unplanned = run_score(
        "team",
        [
            skipped("2026-03-03", "review", "mia", "ravi"),
            done("2026-03-03", "review", "mia", "sara"),
        ],
        "2026-03-02",
        "2026-03-08",
        "2026-03-09",
        {"mia"},
    )
    assert got["review/mia/ravi/2026-03-03"] == "excused"
    assert got["review/mia/sara/2026-03-03"] == "on time"
    assert unplanned == []
    t = tally(score(ws("team"), [skipped("2026-03-03", "review", "mia", "ravi")],
                    d("2026-03-02"), d("2026-03-08"), d("2026-03-09"), {"mia"}).scored)  # fmt: skip
    # mia's W10: huddle Mon 2, Thu 5; review ravi, sara Tue 3; forecast Fri 6 -> 5
    # occurrences, 1 excused by the skip, 4 missed.
    c = t.people["mia"]
    assert (c.expected, c.done, c.missed, c.excused, c.pending) == (5, 0, 4, 1, 0)
    assert c.adherence == 0.0


# -- missed or pending around --as-of -------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2026-03-02", "pending"),  # the day of the first occurrence
        ("2026-03-03", "pending"),  # Mon 2 is past, but its week is not over
        ("2026-03-08", "pending"),  # the period's last day == as-of: not over yet
        ("2026-03-09", "missed"),  # the period's last day (Sun 8) is before as-of
        ("2026-06-01", "missed"),
    ],
)
def test_missed_or_pending(as_of: str, expected: str) -> None:
    got, _ = run_score("team", [], "2026-03-02", "2026-03-08", as_of, {"mia"})
    assert got["huddle/mia/2026-03-02"] == expected
    assert got["huddle/mia/2026-03-05"] == expected


@pytest.mark.parametrize(
    ("as_of", "monday", "thursday", "later"),
    [
        # Judged on Wed 4, Thursday's completion has not happened yet: Monday's huddle is
        # still pending (its week is not over), not done late; nothing is unplanned.
        ("2026-03-04", "pending", "pending", 1),
        # Judged on the day itself, it counts.
        ("2026-03-05", "late", "pending", 0),
        ("2026-03-09", "late", "missed", 0),
    ],
)
def test_completions_dated_after_as_of_are_not_counted(
    as_of: str, monday: str, thursday: str, later: int
) -> None:
    logged = [done("2026-03-05", "huddle", "mia")]
    got, unplanned = run_score("team", logged, "2026-03-02", "2026-03-08", as_of, {"mia"})
    assert (got["huddle/mia/2026-03-02"], got["huddle/mia/2026-03-05"]) == (monday, thursday)
    assert unplanned == []
    assert index(logged, {"mia"}, d(as_of)).later == later


LOGGED_AFTER_16_MARCH = 3


def test_a_report_says_how_many_completions_it_left_for_after_as_of() -> None:
    # team/logs hold three readable completions dated after Mon 16 March (mia's skip on the
    # 17th, her forecast on the 20th, her review on the 23rd; leo's row of the 18th is
    # rejected). Judged on the 16th, the report knows only what had happened by then.
    window = ("--from", "2026-03-09", "--to", "2026-03-15")
    doc = json.loads(report(TEAM, *window, "--as-of", "2026-03-16"))
    assert doc["org"]["after_as_of"] == LOGGED_AFTER_16_MARCH
    none = json.loads(report(TEAM, *window, "--as-of", "2026-04-01"))["org"]["after_as_of"]
    assert none == 0
    table = report(TEAM, *window, "--as-of", "2026-03-16", fmt="table")
    assert (
        "Completions dated after the as-of day (2026-03-16), not counted: "
        f"{LOGGED_AFTER_16_MARCH} (all after the window)" in table
    )
    assert "not counted" not in report(TEAM, *window, "--as-of", "2026-04-01", fmt="table")
    # Judged within the window, what it leaves out of its own days is said apart: only
    # those could have counted (mia's skip of the 17th and forecast of the 20th).
    week = ("--from", "2026-03-16", "--to", "2026-03-22", "--as-of", "2026-03-16")
    doc = json.loads(report(TEAM, *week))
    assert (doc["org"]["after_as_of"], doc["org"]["after_as_of_in_window"]) == (3, 2)
    assert "not counted: 3 (2 in the window, 1 after it)" in report(TEAM, *week, fmt="table")
    assert index([done("2026-03-05", "huddle", "mia")], None, d("2026-03-02"), None,
                 d("2026-03-08")).later_within == 1  # fmt: skip
    # Judged before the window's first day: the days between are not the window's. It
    # said "10 (all in the window)"; mia's rows of the 11th to the 13th and of the 23rd
    # are outside it (the rows of the 16th, 17th and 20th are in it).
    early = ("--from", "2026-03-16", "--to", "2026-03-22", "--as-of", "2026-03-10")
    org = json.loads(report(TEAM, *early))["org"]
    assert (org["after_as_of"], org["after_as_of_in_window"]) == (10, 4)
    assert "not counted: 10 (4 in the window, 6 outside it)" in report(TEAM, *early, fmt="table")
    logged = index([done("2026-03-05", "huddle", "mia"), done("2026-03-12", "huddle", "mia")],
                   None, d("2026-03-02"), None, d("2026-03-15"), d("2026-03-09"))  # fmt: skip
    assert (logged.later, logged.later_within) == (2, 1)
    # Judged on today (no --as-of), a meeting logged done on a later day is most likely a
    # mistyped date: say so. (A skip may be logged ahead: mia's of the 17th is not in it.)
    assert doc["org"]["after_as_of_done"] == 2
    r = morctl("report", ".", *window, cwd=TEAM, env={**os.environ, "MORCTL_TODAY": "2026-03-16"})
    assert r.code == 0, r.err
    assert (
        "warning: 2 completions logged done are dated after today (2026-03-16) and not "
        "counted: is a date mistyped?" in r.err
    )
    quiet = morctl("report", ".", *window, "--as-of", "2026-03-16", cwd=TEAM)
    assert "mistyped" not in quiet.err


def test_a_report_says_when_its_window_is_before_the_rhythm_or_judged_on_a_day_to_come() -> None:
    # Acme takes effect on Mon 2 February 2026. A new team's first report, asked for the
    # week before, is empty: it says why, instead of showing a table of nobody.
    env = {**os.environ, "MORCTL_TODAY": "2026-11-23"}
    before = morctl("report", str(ACME), "--week", "2026-W05", env=env)
    assert before.code == 0
    assert (
        "warning: the rhythm takes effect on 2026-02-02, after this window: nothing in it "
        "is due" in before.err
    )
    assert "takes effect" not in morctl("report", str(ACME), "--week", "2026-W06", env=env).err
    # Judged on next Monday, this week's meetings not logged yet are missed, not pending.
    ahead = morctl("report", str(ACME), "--week", "2026-W48", "--as-of", "2026-11-30", env=env)
    assert ahead.code == 0
    assert (
        "warning: --as-of 2026-11-30 is after today (2026-11-23): what is due by then and not "
        "logged yet counts as missed, not pending" in ahead.err
    )
    later = {**env, "MORCTL_TODAY": "2026-11-30"}
    on_the_day = morctl(
        "report", str(ACME), "--week", "2026-W48", "--as-of", "2026-11-30", env=later
    )
    assert "after today" not in on_the_day.err


def test_a_workspace_without_a_logs_folder_is_said_to_have_none(tmp_path: Any) -> None:
    # A copy of the rhythm without its logs, or a checkout where they live elsewhere: read
    # as "no logs", everyone is at 0%, and the report says why.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    env = {**os.environ, "MORCTL_TODAY": "2026-11-23"}
    r = morctl("report", str(ws), "--week", "2026-W47", env=env)
    assert r.code == 0
    assert (
        f"morctl: warning: there is no logs folder ({ws / 'logs'}): no completions were "
        "read, so whatever is due counts as missed\n"
        "  hint: completion logs go in logs/ beside rhythm.yaml (see `morctl log`)\n"
    ) in r.err
    (ws / "logs").mkdir()  # an empty one is a team that has logged nothing yet
    assert "no logs folder" not in morctl("report", str(ws), "--week", "2026-W47", env=env).err


# -- one-to-one matching in date order ------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "thursday"), [("2026-03-09", "missed"), ("2026-03-08", "pending")]
)
def test_one_completion_on_thursday_takes_mondays_occurrence(as_of: str, thursday: str) -> None:
    # huddle: Mon + Thu. One completion on Thu 5 is the first of the period: it pairs with
    # the first occurrence, Mon 2, which it is late for; Thu 5 is left unmatched.
    got, unplanned = run_score(
        "team", [done("2026-03-05", "huddle", "mia")], "2026-03-02", "2026-03-08", as_of, {"mia"}
    )
    assert got["huddle/mia/2026-03-02"] == "late"
    assert got["huddle/mia/2026-03-05"] == thursday
    assert unplanned == []


def test_two_completions_pair_in_date_order() -> None:
    # Tue 3 -> Mon 2 (late); Wed 4 -> Thu 5 (earlier than due: on time). Given out of order.
    got, _ = run_score(
        "team",
        [done("2026-03-04", "huddle", "mia"), done("2026-03-03", "huddle", "mia")],
        "2026-03-02",
        "2026-03-08",
        "2026-03-09",
        {"mia"},
    )
    assert got["huddle/mia/2026-03-02"] == "late"
    assert got["huddle/mia/2026-03-05"] == "on time"


def test_surplus_completions_are_unplanned() -> None:
    got, unplanned = run_score(
        "team",
        [
            done("2026-03-02", "huddle", "mia"),
            done("2026-03-05", "huddle", "mia"),
            done("2026-03-07", "huddle", "mia"),  # a third huddle in a week of two
        ],
        "2026-03-02",
        "2026-03-08",
        "2026-03-09",
        {"mia"},
    )
    assert got["huddle/mia/2026-03-02"] == "on time"
    assert got["huddle/mia/2026-03-05"] == "on time"
    assert unplanned == ["huddle/mia@2026-03-07"]


def test_each_report_series_are_matched_per_report() -> None:
    # review is held with each report: ravi's completion does nothing for sara's review,
    # and a second completion for sara in the same week is a surplus of her series.
    got, unplanned = run_score(
        "team",
        [
            done("2026-03-03", "review", "mia", "sara"),
            done("2026-03-04", "review", "mia", "sara"),
        ],
        "2026-03-02",
        "2026-03-08",
        "2026-03-09",
        {"mia"},
    )
    assert got["review/mia/sara/2026-03-03"] == "on time"
    assert got["review/mia/ravi/2026-03-03"] == "missed"
    assert unplanned == ["review/mia/sara@2026-03-04"]


def test_completions_outside_any_period_with_an_occurrence_are_unplanned() -> None:
    # team's rhythm starts Mon 2 Mar: W09 (23 Feb - 1 Mar) has no occurrence, so a call
    # logged on Fri 27 Feb pairs with nothing. periods' qbr: fiscal Q4 of FY2025 (1 Nov -
    # 31 Jan) has no occurrence (10 Nov is before `effective`), so a qbr on Tue 20 Jan
    # pairs with nothing either.
    got, unplanned = run_score(
        "team", [done("2026-02-27", "exec_call", "dana")], "2026-02-23", "2026-03-08", "2026-03-09",
        {"dana"},
    )  # fmt: skip
    assert got == {"exec_call/dana/2026-03-02": "missed"}
    assert unplanned == ["exec_call/dana@2026-02-27"]
    got, unplanned = run_score(
        "periods", [done("2026-01-20", "qbr", "wes")], "2026-01-05", "2026-01-31", "2026-02-01"
    )
    assert not any(k.startswith("qbr/") for k in got)
    assert unplanned == ["qbr/wes@2026-01-20"]


# -- periods that reach outside the window --------------------------------------------------


def test_a_week_straddling_the_window_start_pairs_correctly() -> None:
    # Window Wed 4 - Sun 8 Mar: W10's Mon 2 huddle is outside it but in the same period.
    # The Wed 4 completion is the period's first: it pairs with Mon 2 (not reported), so
    # Thu 5 - the only huddle in the window - is missed, and nothing is unplanned.
    got, unplanned = run_score(
        "team", [done("2026-03-04", "huddle", "mia")], "2026-03-04", "2026-03-08", "2026-03-09",
        {"mia"},
    )  # fmt: skip
    assert got == {"huddle/mia/2026-03-05": "missed", "forecast/mia/2026-03-06": "missed"}
    assert unplanned == []
    got, unplanned = run_score(
        "team",
        [done("2026-03-02", "huddle", "mia"), done("2026-03-05", "huddle", "mia")],
        "2026-03-04",
        "2026-03-08",
        "2026-03-09",
        {"mia"},
    )
    assert got["huddle/mia/2026-03-05"] == "on time"
    assert unplanned == []


@pytest.mark.parametrize(
    ("name", "completion", "first", "last"),
    [
        # W10's huddles are Mon 2 and Thu 5; the window Fri 6 - Sun 8 holds none of them.
        ("team", done("2026-03-07", "huddle", "mia"), "2026-03-06", "2026-03-08"),
        # clinic block 19 Jan - 1 Feb holds Tue 20 Jan; the window is its second week.
        ("periods", done("2026-01-27", "clinic", "wes"), "2026-01-26", "2026-02-01"),
        # January's monthly review is Mon 5 Jan; the window is the week of 12-18 Jan.
        ("periods", done("2026-01-13", "monthly", "wes"), "2026-01-12", "2026-01-18"),
    ],
)
def test_a_completion_pairs_with_its_period_even_without_an_occurrence_in_the_window(
    name: str, completion: Completion, first: str, last: str
) -> None:
    # docs/adherence.md: "a period can reach outside the window: its other occurrences take
    # part in the matching, so a completion always pairs with the occurrence it belongs to".
    _, unplanned = run_score(name, [completion], first, last, "2026-03-31")
    assert unplanned == [], (
        f"{completion.activity} logged {completion.day} belongs to an occurrence of the same "
        f"period outside the window {first}..{last}: it pairs with that occurrence and is "
        "not unplanned"
    )


# -- longer periods: N weeks, month, fiscal quarter -----------------------------------------


@pytest.mark.parametrize(
    ("day", "as_of", "expected"),
    [
        ("2026-01-19", "2026-02-02", "on time"),  # Mon of the block, before Tue 20
        ("2026-01-29", "2026-02-02", "late"),  # Thu of the block's second week: still matched
        ("2026-02-01", "2026-02-02", "late"),  # the block's last day
        (None, "2026-01-26", "pending"),  # first week over, the block is not
        (None, "2026-02-01", "pending"),  # the block's last day == as-of
        (None, "2026-02-02", "missed"),
        ("2026-02-02", "2026-02-09", "missed"),  # the next block: not this occurrence's
    ],
)
def test_n_week_period(day: str | None, as_of: str, expected: str) -> None:
    # clinic: every 2 weeks on Tue from W02; block W04-W05 = 19 Jan - 1 Feb, due Tue 20 Jan.
    logs = [done(day, "clinic", "wes")] if day else []
    got, _ = run_score("periods", logs, "2026-01-19", "2026-02-01", as_of)
    assert got["clinic/wes/2026-01-20"] == expected


@pytest.mark.parametrize(
    ("day", "as_of", "expected"),
    [
        ("2026-01-05", "2026-02-01", "on time"),
        ("2026-01-30", "2026-02-01", "late"),  # any day of January pairs with it
        (None, "2026-01-31", "pending"),  # the month's last day == as-of
        (None, "2026-02-01", "missed"),
        ("2026-02-02", "2026-02-03", "missed"),  # February's completion is not January's
    ],
)
def test_monthly_period(day: str | None, as_of: str, expected: str) -> None:
    logs = [done(day, "monthly", "wes")] if day else []
    got, _ = run_score("periods", logs, "2026-01-01", "2026-01-31", as_of)
    assert got["monthly/wes/2026-01-05"] == expected


@pytest.mark.parametrize(
    ("day", "as_of", "expected"),
    [
        ("2026-02-10", "2026-05-01", "on time"),
        ("2026-04-20", "2026-05-01", "late"),  # April is in fiscal Q1 (Feb-Apr), not Q2
        ("2026-04-30", "2026-05-01", "late"),  # the quarter's last day
        (None, "2026-04-15", "pending"),  # a calendar quarter would be over by now
        (None, "2026-04-30", "pending"),
        (None, "2026-05-01", "missed"),
        ("2026-01-30", "2026-05-01", "missed"),  # 30 Jan is fiscal Q4: not this quarter
    ],
)
def test_fiscal_quarter_period(day: str | None, as_of: str, expected: str) -> None:
    # qbr: day 10 of the fiscal quarter (year from 1 Feb): Tue 10 Feb 2026.
    logs = [done(day, "qbr", "wes")] if day else []
    got, _ = run_score("periods", logs, "2026-02-01", "2026-04-30", as_of)
    assert got["qbr/wes/2026-02-10"] == expected


# -- figures --------------------------------------------------------------------------------


def test_useful_action_rate_and_hollow() -> None:
    # Mia's W10, everything on its day:
    #   huddle Mon 2     useful 2, actions 3  -> hollow (useful <= 2)
    #   huddle Thu 5     useful 5, actions 0  -> hollow (actions = 0)
    #   review ravi Tue  useful 2, actions 0  -> hollow once, not twice
    #   review sara Tue  useful 3, no actions
    #   forecast Fri 6   no rating, actions 1
    # useful = (2 + 5 + 2 + 3) / 4 = 3.0; action rate: 4 record actions (3, 0, 0, 1), 2 of
    # them >= 1 -> 0.5; hollow 3.
    logs = [
        done("2026-03-02", "huddle", "mia", useful=2, actions=3),
        done("2026-03-05", "huddle", "mia", useful=5, actions=0),
        done("2026-03-03", "review", "mia", "ravi", useful=2, actions=0),
        done("2026-03-03", "review", "mia", "sara", useful=3),
        done("2026-03-06", "forecast", "mia", actions=1),
    ]
    t = tally(score(ws("team"), logs, d("2026-03-02"), d("2026-03-08"), d("2026-03-09"),
                    {"mia"}).scored)  # fmt: skip
    c = t.people["mia"]
    assert (c.expected, c.done, c.on_time, c.late, c.missed) == (5, 5, 5, 0, 0)
    assert (c.adherence, c.on_time_rate) == (1.0, 1.0)
    assert c.useful == 3.0
    assert c.action_rate == 0.5
    assert c.hollow == 3
    # Per activity: huddle useful (2 + 5) / 2 = 3.5, action rate 1 / 2, hollow 2.
    h = t.person_activity[("mia", "huddle")]
    assert (h.useful, h.action_rate, h.hollow) == (3.5, 0.5, 2)


def test_figures_with_nothing_to_divide_are_none() -> None:
    t = tally(score(ws("team"), [], d("2026-03-02"), d("2026-03-08"), d("2026-03-08"),
                    {"mia"}).scored)  # fmt: skip
    c = t.people["mia"]
    assert (c.expected, c.pending) == (5, 5)
    assert (c.adherence, c.on_time_rate, c.useful, c.action_rate, c.hollow) == (
        None,
        None,
        None,
        None,
        0,
    )


# -- the report document (CLI, --format json) -----------------------------------------------


def report(folder: Any, *args: str, fmt: str = "json", code: int = 0) -> str:
    r = morctl("report", ".", *args, "--format", fmt, cwd=folder)
    assert r.code == code, r.err
    assert "Traceback" not in r.err
    return r.out


TEAM_ARGS = ("--from", "2026-03-09", "--to", "2026-03-25", "--as-of", "2026-03-24")


@functools.cache
def team_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(report(TEAM, *TEAM_ARGS))
    return doc


def counts(
    expected: int,
    done_: int,
    on_time: int,
    late: int,
    missed: int,
    excused: int,
    pending: int,
    adherence: float | None,
    on_time_rate: float | None,
    useful: float | None,
    action_rate: float | None,
    hollow: int,
    skipped: int = 0,
    *,
    under: tuple[int, int, int, int],
) -> dict[str, Any]:
    """The counts of one row; ``skipped``: how many of the excused a skip took; ``under``:
    the counts beneath useful and the action rate (done with a rating, the sum of their
    ratings, done that record actions, those of them with at least one)."""
    rated, useful_sum, actions_recorded, with_actions = under
    return {
        "expected": expected,
        "done": done_,
        "on_time": on_time,
        "late": late,
        "missed": missed,
        "excused": excused,
        "skipped": skipped,
        "pending": pending,
        "adherence": adherence,
        "on_time_rate": on_time_rate,
        "useful": useful,
        "action_rate": action_rate,
        "hollow": hollow,
        "rated": rated,
        "useful_sum": useful_sum,
        "actions_recorded": actions_recorded,
        "with_actions": with_actions,
    }


# The team fixture over Mon 9 - Wed 25 Mar, judged on Tue 24 Mar: W11 and W12 are over
# (unlogged -> missed), W13 is not (unlogged -> pending). Line numbers are those of
# tests/data/adherence/team/logs/2026-03.csv.
#
# dana, exec_call (Mon):  Mon 9 done on time (line 5: useful 4, actions 1); Mon 16 missed;
#   Mon 23 pending.                                    -> 1 done of 2 due: 0.5
# mia, huddle (Mon+Thu): Mon 9 <- Tue 10 (line 6) late; Thu 12 excused (holiday) and the
#   huddle logged that day (line 7) is a surplus -> unplanned; Mon 16 <- Mon 16 (line 8) on
#   time, useful 2 -> hollow; Thu 19 excused (blackout); Mon 23 pending.
# mia, review ravi (Tue, grace 1d): Tue 10 <- Wed 11 (line 9) on time at the grace
#   boundary, actions 0 -> hollow; Tue 17 excused by a skip (line 11); Tue 24 <- Mon 23
#   (line 15) on time, earlier than due.
# mia, review sara: Tue 10 <- Thu 12 (line 10) late, one day past grace; Tue 17 <- Mon 16
#   (line 12) on time; Tue 24 pending.
# mia, forecast (Fri, on_holiday previous): Fri 13 on time (line 13); Fri 20 is a day off,
#   moved to Thu 19, and logged on Fri 20 (line 14): late.
# leo (away Mon 9 - Tue 10): huddle Mon 9 excused (away), Thu 12 excused (holiday), Mon 16
#   missed (its skip on line 19 has no reason: rejected), Thu 19 excused (blackout), Mon 23
#   pending; review tom Tue 10 excused (away) - the review he logged that day (line 16) is
#   unplanned - Tue 17 missed (line 18 is rejected: useful 9), Tue 24 pending; forecast
#   Fri 13 on time (line 17: useful 1, actions 0 -> hollow), Thu 19 (moved) missed.
EXPECTED_PEOPLE = [
    {
        "id": "leo",
        "name": "=Leo <b>Brandt</b> & Co",
        "role": "manager",
        "leader": "dana",
        # 1 done of 4 due; 10 occurrences = 1 + 3 missed + 4 excused + 2 pending
        **counts(10, 1, 1, 0, 3, 4, 2, 0.25, 0.25, 1.0, 0.0, 1, under=(1, 1, 1, 0)),
        "change": 0.25,  # against 0 in 20 Feb - 8 Mar (see org["previous"] below)
        "activities": {
            "forecast": counts(2, 1, 1, 0, 1, 0, 0, 0.5, 0.5, 1.0, 0.0, 1, under=(1, 1, 1, 0)),
            "huddle": counts(5, 0, 0, 0, 1, 3, 1, 0.0, 0.0, None, None, 0, under=(0, 0, 0, 0)),
            "review": counts(3, 0, 0, 0, 1, 1, 1, 0.0, 0.0, None, None, 0, under=(0, 0, 0, 0)),
        },
    },
    {
        "id": "dana",
        "name": "Dana Whitfield",
        "role": "vp",
        "leader": None,
        **counts(3, 1, 1, 0, 1, 0, 1, 0.5, 0.5, 4.0, 1.0, 0, under=(1, 4, 1, 1)),
        "change": -0.5,  # 0.5 - 1.0
        "activities": {
            "exec_call": counts(3, 1, 1, 0, 1, 0, 1, 0.5, 0.5, 4.0, 1.0, 0, under=(1, 4, 1, 1))
        },
    },
    {
        "id": "mia",
        "name": "Mia Laurent",
        "role": "manager",
        "leader": "dana",
        # done 8 (on time 5, late 3), excused 3, pending 2; on time 5/8 = 0.625;
        # useful (3+2+4+5+4+3+4+5)/8 = 30/8 = 3.75; actions recorded 7 (2,1,0,1,1,1,2), 6 of
        # them >= 1: 0.8571; hollow 2 (useful 2 on Mon 16's huddle, actions 0 on ravi's W11)
        # (one of the 3 excused is ravi's W12 review, called off by a skip)
        **counts(13, 8, 5, 3, 0, 3, 2, 1.0, 0.625, 3.75, 0.8571, 2, skipped=1, under=(8, 30, 7, 6)),
        "change": 0.6,  # 1.0 - 0.4
        "activities": {
            "forecast": counts(2, 2, 1, 1, 0, 0, 0, 1.0, 0.5, 3.5, 1.0, 0, under=(2, 7, 2, 2)),
            "huddle": counts(5, 2, 1, 1, 0, 2, 1, 1.0, 0.5, 2.5, 1.0, 1, under=(2, 5, 2, 2)),
            # useful (4+5+5+4)/4 = 4.5; actions recorded 3 (0, 1, 2): 2/3
            "review": counts(
                6, 4, 3, 1, 0, 1, 1, 1.0, 0.75, 4.5, 0.6667, 1, skipped=1, under=(4, 18, 3, 2)
            ),
        },
    },
]


def test_report_people_hand_computed() -> None:
    doc = team_doc()
    got = [
        {**p, "activities": {a.pop("activity"): a for a in (dict(x) for x in p["activities"])}}
        for p in doc["people"]
    ]
    for p in got:
        for a in p["activities"].values():
            a.pop("title")
    assert [p["id"] for p in got] == ["leo", "dana", "mia"], "worst adherence first"
    for want, have in zip(EXPECTED_PEOPLE, got, strict=True):
        assert have == want, f"person {want['id']}"


def test_report_activities_and_org_hand_computed() -> None:
    doc = team_doc()
    acts = {a["activity"]: a for a in doc["activities"]}
    assert acts["huddle"]["title"] == "Team <b>huddle</b> & blockers"
    want = {
        "exec_call": counts(3, 1, 1, 0, 1, 0, 1, 0.5, 0.5, 4.0, 1.0, 0, under=(1, 4, 1, 1)),
        # mia 2 + leo 1 of forecast: useful (3 + 4 + 1) / 3, actions (1, 1, 0)
        "forecast": counts(4, 3, 2, 1, 1, 0, 0, 0.75, 0.5, 2.6667, 0.6667, 1, under=(3, 8, 3, 2)),
        "huddle": counts(10, 2, 1, 1, 1, 5, 2, 0.6667, 0.3333, 2.5, 1.0, 1, under=(2, 5, 2, 2)),
        "review": counts(
            9, 4, 3, 1, 1, 2, 2, 0.8, 0.6, 4.5, 0.6667, 1, skipped=1, under=(4, 18, 3, 2)
        ),
    }
    assert [a["activity"] for a in doc["activities"]] == sorted(want)
    for aid, a in acts.items():
        assert {k: v for k, v in a.items() if k not in ("activity", "title")} == want[aid], aid
    org = doc["org"]
    # all: done 10 of 14 due; on time 7; useful 35 / 10; actions 7 of 9 record >= 1
    assert {k: org[k] for k in want["huddle"]} == counts(
        26, 10, 7, 3, 4, 7, 5, 0.7143, 0.5, 3.5, 0.7778, 3, skipped=1, under=(10, 35, 9, 7)
    )
    # adherence per person, sorted: 0.25, 0.5, 1.0 -> median 0.5;
    # p10 at rank 0.2: 0.25 + 0.2 * 0.25 = 0.3; p90 at rank 1.8: 0.5 + 0.8 * 0.5 = 0.9
    assert (org["people"], org["median"], org["p10"], org["p90"], org["spread"]) == (
        3,
        0.5,
        0.3,
        0.9,
        0.6,
    )
    assert org["duplicates"] == 1  # line 20 repeats line 5
    assert org["targets"] == {"adherence": 0.9, "on_time": 0.8, "useful": 3.5}
    assert org["lowest_activities"] == [
        {"activity": "exec_call", "adherence": 0.5},
        {"activity": "huddle", "adherence": 0.6667},
        {"activity": "forecast", "adherence": 0.75},
    ]
    weeks = {w.pop("week"): w for w in (dict(x) for x in org["weeks"])}
    assert weeks == {
        # dana 1, mia 4 (huddle late, ravi, sara late, forecast), leo forecast
        "2026-W11": counts(
            10, 6, 4, 2, 0, 4, 0, 1.0, 0.6667, 3.3333, 0.6667, 2, under=(6, 20, 6, 4)
        ),
        # done: mia huddle, sara, forecast (late); missed: dana, leo huddle, review, forecast
        "2026-W12": counts(
            10, 3, 2, 1, 4, 3, 0, 0.4286, 0.2857, 3.3333, 1.0, 1, skipped=1, under=(3, 10, 2, 2)
        ),
        # Mon 23 - Wed 25 only: ravi done, five pending
        "2026-W13": counts(6, 1, 1, 0, 0, 0, 5, 1.0, 1.0, 5.0, 1.0, 0, under=(1, 5, 1, 1)),
    }


def test_report_leaders_flags_previous_and_change() -> None:
    org = team_doc()["org"]
    # dana's own: 0.5; her team, mia + leo pooled: 9 done of 12 due
    assert org["leaders"] == [
        {
            "id": "dana",
            "name": "Dana Whitfield",
            "own_adherence": 0.5,
            "team_adherence": 0.75,
            "team_size": 2,
        }
    ]
    flags = [(f["person"], f["metric"], f["value"], f["target"]) for f in org["flags"]]
    assert flags == [
        ("leo", "adherence", 0.25, 0.9),
        ("leo", "on_time_rate", 0.25, 0.8),
        ("leo", "useful", 1.0, 3.5),
        ("dana", "adherence", 0.5, 0.9),
        ("dana", "on_time_rate", 0.5, 0.8),
        ("mia", "on_time_rate", 0.625, 0.8),
    ]
    # The previous 17 days, 20 Feb - 8 Mar: only W10 is after `effective`. Its 10
    # occurrences are all due by 24 Mar: dana's call Mon 2 done (line 2); mia's huddle logged
    # Thu 5 (line 3) takes Mon 2, late, Thu 5 missed; mia's forecast Fri 6 (line 4) on time;
    # the rest (2 reviews of mia, 4 occurrences of leo) missed. 3 done of 10, 2 on time.
    assert org["previous"] == {
        "from": "2026-02-20",
        "to": "2026-03-08",
        "completions": 3,  # lines 2-4
        "expected": 10,
        "done": 3,
        "missed": 7,
        "adherence": 0.3,
        "on_time_rate": 0.2,
        "people": {"dana": 1.0, "leo": 0.0, "mia": 0.4},
    }
    assert org["change"] == 0.4143  # 10/14 - 0.3
    # Each person's, as "Δ prev" prints it: leo 0.25 - 0, dana 0.5 - 1, mia 1 - 0.4
    people = team_doc()["people"]
    assert {p["id"]: p["change"] for p in people} == {"leo": 0.25, "dana": -0.5, "mia": 0.6}
    assert org["people_due"] == 3  # all three have something due
    # and in the CSV, on the person rows (an activity row has no previous figure)
    rows = list(csv.DictReader(io.StringIO(report(TEAM, *TEAM_ARGS, fmt="csv"))))
    assert [(r["person"], r["change"]) for r in rows if r["level"] == "person"] == [
        ("leo", "0.25"),
        ("dana", "-0.5"),
        ("mia", "0.6"),
    ]
    assert {r["change"] for r in rows if r["level"] == "activity"} == {""}


def test_change_and_people_due_are_null_and_0_when_nothing_is_due() -> None:
    # W48 judged on Wed 25 Nov: nothing of it is due yet (the headline says "nobody has
    # anything due yet"), so no one has an adherence to compare with W47's.
    window = ("--week", "2026-W48", "--as-of", "2026-11-25", "--format", "json")
    doc = json.loads(morctl("report", str(ACME), *window).out)
    assert doc["org"]["people"] == len(doc["people"]) > 0
    assert doc["org"]["people_due"] == 0
    assert {p["change"] for p in doc["people"]} == {None}
    assert all(a is not None for a in doc["org"]["previous"]["people"].values())


def _planned_vs_done(pvd: Any) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(person, activity, week) -> (planned, done), leaving out empty cells; reads both the
    list-of-cells shape and the weeks + rows-of-arrays shape."""
    cells: dict[tuple[str, str, str], tuple[int, int]] = {}
    if isinstance(pvd, dict):
        for r in pvd["rows"]:
            for week, planned, n in zip(pvd["weeks"], r["planned"], r["done"], strict=True):
                cells[(r["person"], r["activity"], week)] = (planned, n)
    else:
        for g in pvd:
            cells[(g["person"], g["activity"], g["week"])] = (g["planned"], g["done"])
    return {k: v for k, v in cells.items() if v != (0, 0)}


def test_report_planned_vs_done() -> None:
    pvd = team_doc()["org"]["planned_vs_done"]
    if isinstance(pvd, dict):
        assert pvd["weeks"] == ["2026-W11", "2026-W12", "2026-W13"]
    # planned = expected - excused (by the calendar or by a skip); (0, 0) cells left out:
    # leo's W11 huddles and review are all excused (away, holiday).
    assert _planned_vs_done(pvd) == {
        ("dana", "exec_call", "2026-W11"): (1, 1),
        ("dana", "exec_call", "2026-W12"): (1, 0),
        ("dana", "exec_call", "2026-W13"): (1, 0),
        ("leo", "forecast", "2026-W11"): (1, 1),
        ("leo", "forecast", "2026-W12"): (1, 0),
        ("leo", "huddle", "2026-W12"): (1, 0),
        ("leo", "huddle", "2026-W13"): (1, 0),
        ("leo", "review", "2026-W12"): (1, 0),
        ("leo", "review", "2026-W13"): (1, 0),
        ("mia", "forecast", "2026-W11"): (1, 1),
        ("mia", "forecast", "2026-W12"): (1, 1),
        ("mia", "huddle", "2026-W11"): (1, 1),
        ("mia", "huddle", "2026-W12"): (1, 1),
        ("mia", "huddle", "2026-W13"): (1, 0),
        ("mia", "review", "2026-W11"): (2, 2),
        ("mia", "review", "2026-W12"): (1, 1),
        ("mia", "review", "2026-W13"): (2, 1),
    }
    # excused per cell, beside planned: leo's huddle Mon 9 (away) and Thu 12 (holiday), then
    # Thu 19 (blackout); his review Tue 10 (away); mia's huddle Thu 12 and Thu 19, and
    # ravi's review Tue 17 (her skip). 4 + 3 = the 7 excused of the org.
    assert isinstance(pvd, dict)
    excused = {(r["person"], r["activity"]): r["excused"] for r in pvd["rows"]}
    assert excused == {
        ("dana", "exec_call"): [0, 0, 0],
        ("leo", "forecast"): [0, 0, 0],
        ("leo", "huddle"): [2, 1, 0],
        ("leo", "review"): [1, 0, 0],
        ("mia", "forecast"): [0, 0, 0],
        ("mia", "huddle"): [1, 1, 0],
        ("mia", "review"): [0, 1, 0],
    }


def test_report_unplanned_and_rejected() -> None:
    doc = team_doc()
    assert doc["unplanned"] == [
        {
            "date": "2026-03-10",
            "activity": "review",
            "owner": "leo",
            "with": "tom",
            "status": "done",
            "useful": 3,
            "actions": None,
            "file": "logs/2026-03.csv",
            "line": 16,
            # Leo is away Mon 9 - Tue 10: the review of Tue 10, his week's only one, is
            # excused by the calendar and takes no completion.
            "why": "the calendar already excuses the meeting on 2026-03-10 (away)",
        },
        {
            "date": "2026-03-12",
            "activity": "huddle",
            "owner": "mia",
            "with": None,
            "status": "done",
            "useful": 5,
            "actions": None,
            "file": "logs/2026-03.csv",
            "line": 7,
            # Thu 12 is a company day off; the week's other huddle, Mon 9, is line 6's.
            "why": "the calendar already excuses the meeting on 2026-03-12 (holiday), and its "
            "other meetings in its week (2026-03-09 to 2026-03-15) have theirs "
            "(logs/2026-03.csv:6 on 2026-03-10)",
        },
    ]
    rejected = doc["rejected"]
    assert [(r["file"], r["line"]) for r in rejected] == [
        ("logs/2026-03.csv", 18),
        ("logs/2026-03.csv", 19),
        ("logs/2026-03.csv", 21),
    ]
    assert "useful" in rejected[0]["reason"] and "9" in rejected[0]["reason"]
    assert "reason" in rejected[1]["reason"]
    # close to an id (huddle): quoted as it is, markup and all (escaped by each format)
    assert "'huddle<b>'" in rejected[2]["reason"]


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_reports_people_read_list_the_unplanned_completions(fmt: str) -> None:
    out = report(TEAM, *TEAM_ARGS, fmt=fmt)
    assert "Unplanned completions (matched no occurrence): 2" in out
    # Each with why it matched nothing (see test_report_unplanned_and_rejected).
    for line in ("logs/2026-03.csv:16: 2026-03-10 review leo tom done — the calendar already "
                 "excuses the meeting on 2026-03-10 (away)",
                 "logs/2026-03.csv:7: 2026-03-12 huddle mia done — the calendar already excuses "
                 "the meeting on 2026-03-12 (holiday), and its other meetings in its week "
                 "(2026-03-09 to 2026-03-15) have theirs (logs/2026-03.csv:6 on "
                 "2026-03-10)"):  # fmt: skip
        assert line in out, line


def test_a_long_list_of_unplanned_completions_is_cut_at_twenty(tmp_path: Any) -> None:
    import shutil

    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder)
    with (folder / "logs" / "2026-03.csv").open("a", encoding="utf-8") as f:
        # mia's huddle and forecast logged every day of the window: far more than her
        # two huddles and one forecast call a week
        for day in range(9, 26):
            for activity in ("huddle", "forecast"):
                f.write(f"2026-03-{day:02d},{activity},mia,,done,,,,\n")
    doc = json.loads(report(folder, *TEAM_ARGS))
    table = report(folder, *TEAM_ARGS, fmt="table")
    listed = [ln for ln in table.splitlines() if ln.startswith("  logs/") and " done" in ln]
    assert len(doc["unplanned"]) > 20
    assert len(listed) == 20
    assert f"  … and {len(doc['unplanned']) - 20} more (see --format json)" in table


def _keys_everywhere(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys_everywhere(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys_everywhere(v)}
    return set()


def test_weekly_counts_add_up_to_the_window_useful_and_action_rate(tmp_path: Path) -> None:
    # A mean rating and a share cannot be added up; the counts beneath them can, so weekly
    # reports combine into a longer window. Sara's Mon 16 review is made unrated: W11 has
    # 6 done, all rated (4 + 3 + 4 + 5 + 3 + 1 = 20), 6 recording actions, 4 of them >= 1;
    # W12 3 done, 2 rated (2 + 4 = 6: mia's huddle and forecast), 2 recording actions, both
    # >= 1. Over W11-W12: 26 / 8 = 3.25 (the weeks' means weighted by done give 3.2222) and
    # 6 / 8 = 0.75.
    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder)
    log = folder / "logs" / "2026-03.csv"
    text = log.read_text(encoding="utf-8")
    assert "2026-03-16,review,mia,sara,done,4,,,\n" in text
    log.write_text(
        text.replace("2026-03-16,review,mia,sara,done,4,,,", "2026-03-16,review,mia,sara,done,,,,")
    )
    as_of = ("--as-of", "2026-03-24")
    weeks = [json.loads(report(folder, "--week", w, *as_of)) for w in ("2026-W11", "2026-W12")]
    both = json.loads(report(folder, "--from", "2026-03-09", "--to", "2026-03-22", *as_of))
    keys = ("rated", "useful_sum", "actions_recorded", "with_actions", "done")
    assert [tuple(w["org"][k] for k in keys) for w in weeks] == [(6, 20, 6, 4, 6), (2, 6, 2, 2, 3)]
    assert tuple(both["org"][k] for k in keys) == (8, 26, 8, 6, 9)
    assert (both["org"]["useful"], both["org"]["action_rate"]) == (3.25, 0.75)

    def rows(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
        found = {("org", ""): doc["org"]}
        for p in doc["people"]:
            found[(p["id"], "")] = p
            found.update({(p["id"], a["activity"]): a for a in p["activities"]})
        found.update({("", a["activity"]): a for a in doc["activities"]})
        found.update({("week", w["week"]): w for w in doc["org"]["weeks"]})
        return found

    whole = rows(both)
    summed: dict[tuple[str, str], dict[str, int]] = {}
    for w in weeks:
        for key, row in rows(w).items():
            into = summed.setdefault(key, dict.fromkeys(keys, 0))
            for k in keys:
                into[k] += row[k]
    assert set(summed) == set(whole)
    for key, row in whole.items():
        assert summed[key] == {k: row[k] for k in keys}, key
        if row["rated"]:
            assert abs(row["useful"] - row["useful_sum"] / row["rated"]) <= 0.00005, key


COUNT_KEYS = [
    "expected",
    "done",
    "on_time",
    "late",
    "missed",
    "excused",
    "skipped",
    "pending",
    "adherence",
    "on_time_rate",
    "useful",
    "action_rate",
    "hollow",
    "rated",
    "useful_sum",
    "actions_recorded",
    "with_actions",
]


def test_json_document_shape() -> None:
    doc = team_doc()
    assert list(doc) == [
        "rhythm", "scope", "window", "people", "activities", "org", "unplanned", "rejected",
        "empty_files", "events_not_counted",
    ]  # fmt: skip
    assert doc["rhythm"] == {"id": "adherence-team", "name": "Adherence fixture"}
    assert doc["scope"] == {"person": None, "team": None, "name": None}
    assert doc["window"] == {"from": "2026-03-09", "to": "2026-03-25", "as_of": "2026-03-24"}
    for p in doc["people"]:
        assert list(p) == ["id", "name", "role", "leader", *COUNT_KEYS, "change", "activities"]
        assert p["expected"] == p["done"] + p["missed"] + p["excused"] + p["pending"]
        assert 0 <= p["skipped"] <= p["excused"]
        assert p["done"] == p["on_time"] + p["late"]
        for a in p["activities"]:
            assert set(COUNT_KEYS) <= set(a) and "activity" in a
            assert a["expected"] == a["done"] + a["missed"] + a["excused"] + a["pending"]
    for a in doc["activities"]:
        assert set(COUNT_KEYS) <= set(a) and "activity" in a
    for r in doc["rejected"]:
        assert list(r) == ["file", "line", "reason"]
    for u in doc["unplanned"]:
        assert {"date", "activity", "owner", "file", "line", "why"} <= set(u)
    assert "note" not in _keys_everywhere(doc)
    # Reps own nothing: only people who own occurrences in the window are reported.
    assert {p["id"] for p in doc["people"]} == {"dana", "mia", "leo"}


# -- records that name their occurrence (named fixture) -------------------------------------

NAMED = HERE / "named"
NAMED_ARGS = ("--from", "2026-03-30", "--to", "2026-04-19", "--as-of", "2026-04-20")


def _named_workspace(tmp_path: Any, logs: dict[str, str]) -> Any:
    import shutil

    root = tmp_path / "named"
    shutil.copytree(NAMED, root)
    (root / "logs").mkdir()
    for name, text in logs.items():
        (root / "logs" / name).write_text(text)
    return root


def _checklist(tick: Callable[[str], bool]) -> str:
    """The fixture's checklist for the window, as `morctl checklist` writes it, with the
    lines ``tick`` picks ticked."""
    r = morctl("checklist", ".", "--from", "2026-03-30", "--to", "2026-04-19", cwd=NAMED)
    assert r.code == 0, r.err
    return "".join(
        ln.replace("- [ ]", "- [x]", 1) + "\n" if tick(ln) else ln + "\n"
        for ln in r.out.splitlines()
    )


def test_ticking_every_box_of_the_checklist_scores_everything_done(tmp_path: Any) -> None:
    # Mon 6's huddle moved back to Fri 3, into the week before; Mon 6's sync moved to Tue 7.
    # Each ticked line is its own occurrence, done on its due day. (Fri 10's review and
    # sync are excused: a day off, and the sync's move would double up Mon 13's.)
    root = _named_workspace(tmp_path, {"week.md": _checklist(lambda ln: "- [ ]" in ln)})
    doc = json.loads(report(root, *NAMED_ARGS))
    wes = doc["people"][0]
    assert (wes["expected"], wes["done"], wes["on_time"], wes["excused"]) == (12, 10, 10, 2)
    assert wes["adherence"] == 1.0 and doc["org"]["duplicates"] == 0
    assert doc["unplanned"] == [] and doc["rejected"] == []


def test_a_ticked_line_credits_the_occurrence_it_names(tmp_path: Any) -> None:
    # Only the huddle moved from Mon 6 back to Fri 3 (into the week of Mon 30) is ticked:
    # it is that occurrence, on time, and Mon 30's huddle is missed, not paired with it.
    moved = _checklist(lambda ln: "huddle/wes/2026-04-06" in ln)
    root = _named_workspace(tmp_path, {"week.md": moved})
    doc = json.loads(report(root, *NAMED_ARGS))
    huddle = next(a for a in doc["people"][0]["activities"] if a["activity"] == "huddle")
    assert (huddle["done"], huddle["on_time"], huddle["missed"]) == (1, 1, 2)
    result = score(
        ws("named"),
        # held early, on Wed 1, and logged against the moved huddle's key
        [done("2026-04-01", "huddle", "wes")._replace(scheduled=d("2026-04-06"))],
        d("2026-03-30"), d("2026-04-19"), d("2026-04-20"),
    )  # fmt: skip
    outcomes = {s.occ.key: label(s) for s in result.scored if s.occ.activity == "huddle"}
    assert outcomes == {
        "huddle/wes/2026-03-30": "missed",
        "huddle/wes/2026-04-06": "on time",
        "huddle/wes/2026-04-13": "missed",
    }
    # By its date alone (no key), Wed 1 would be Mon 30's huddle, late.
    assert result.unplanned == []


def _dragged_huddle(to: str) -> str:
    """A calendar export in which Mon 30 Mar's huddle was dragged to ``to`` (YYYYMMDD)."""
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VEVENT",
            "UID:huddle/wes@adherence-named.morctl",
            "RECURRENCE-ID;TZID=Europe/London:20260330T083000",
            f"DTSTART;TZID=Europe/London:{to}T083000", "END:VEVENT", "END:VCALENDAR", "",
        ]
    )  # fmt: skip


def test_a_calendar_override_credits_the_instance_it_replaces(tmp_path: Any) -> None:
    # Mon 30 Mar's huddle dragged to Wed 8 Apr in the calendar, then exported: the export
    # says Mon 30's huddle happened on Wed 8 (late), not that W15's happened.
    root = _named_workspace(tmp_path, {"export.ics": _dragged_huddle("20260408")})
    doc = json.loads(report(root, *NAMED_ARGS))
    huddle = next(a for a in doc["people"][0]["activities"] if a["activity"] == "huddle")
    assert (huddle["done"], huddle["late"], huddle["missed"]) == (1, 1, 2)
    weeks = doc["org"]["planned_vs_done"]
    row = next(r for r in weeks["rows"] if r["activity"] == "huddle")
    assert weeks["weeks"][:2] == ["2026-W14", "2026-W15"]
    assert row["done"] == [1, 0, 0]  # W14 (Mon 30 and the moved Fri 3), W15, W16


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        # held the huddle on Fri 3, where the calendar moved Mon 6's: that one, on time
        ([done("2026-04-03", "huddle", "wes")], ("missed", "on time")),
        # ... after skipping Mon 30's with a reason
        (
            [
                done("2026-04-03", "huddle", "wes"),
                Completion(d("2026-03-30"), "huddle", "wes", None, "skipped", None, None,
                           None, "visit", "t", 0),
            ],
            ("excused", "on time"),
        ),
        # both held
        ([done("2026-03-30", "huddle", "wes"), done("2026-04-03", "huddle", "wes")],
         ("on time", "on time")),
        # Mon 30's held late, on Thu 2: the week's own occurrence
        ([done("2026-04-02", "huddle", "wes")], ("late", "missed")),
    ],
)  # fmt: skip
def test_a_done_on_the_day_a_meeting_moved_to_is_that_meeting(
    logged: list[Completion], expected: tuple[str, str]
) -> None:
    # Mon 6's huddle moved back to Fri 3, in the week of Mon 30 (W14): a completion dated
    # Fri 3 would otherwise be paired by date with W14's own huddle of Mon 30.
    got, unplanned = run_score("named", logged, "2026-03-30", "2026-04-12", "2026-04-13")
    assert (got["huddle/wes/2026-03-30"], got["huddle/wes/2026-04-06"]) == expected
    assert unplanned == []


@pytest.mark.parametrize(
    ("logged", "mon23", "thu26", "unplanned"),
    [
        # held on Fri 27, where the calendar moved Thu 26's huddle: that one, on time, and
        # Mon 23's, not logged, is missed (paired by date, Fri 27 was Mon 23's, late)
        (["done 2026-11-27"], "missed", "on time", []),
        # called off on Fri 27: the skip takes the moved huddle, as a done does
        (["skipped 2026-11-27"], "missed", "excused", []),
        # Mon 23's held late on Wed 25, inside its grace, and Thu 26's on Fri 27
        (["done 2026-11-25", "done 2026-11-27"], "on time", "on time", []),
        # Mon 23's held on Fri 27 and nothing else: the calendar showed Thu 26's that day
        (["done 2026-11-23", "done 2026-11-27"], "on time", "on time", []),
        # called off on Fri 27, then held after all on Sat 28: the skip gives way to it
        (
            ["done 2026-11-23", "skipped 2026-11-27", "done 2026-11-28"],
            "on time",
            "on time",
            ["huddle/mia@2026-11-27"],
        ),
    ],
)
def test_a_done_on_the_day_a_meeting_moved_to_inside_its_period_is_that_meeting(
    logged: list[str], mon23: str, thu26: str, unplanned: list[str]
) -> None:
    # huddle: Mon and Thu, 2 days' grace, on_holiday next; Thu 26 Nov is a day off and the
    # huddle moves to Fri 27, inside its own week (W48).
    comps = [
        (done if how == "done" else skipped)(day, "huddle", "mia")
        for how, day in (text.split() for text in logged)
    ]
    got, extra = run_score("chains", comps, "2026-11-23", "2026-11-29", "2026-12-10")
    assert only("huddle/", got) == {"huddle/mia/2026-11-23": mon23, "huddle/mia/2026-11-26": thu26}
    assert extra == unplanned


def test_a_named_record_of_an_excused_or_unknown_occurrence() -> None:
    named = [
        # review on Fri 10 is excused (a day off): a record naming it is unplanned
        done("2026-04-10", "review", "wes")._replace(scheduled=d("2026-04-10")),
        # a key the series does not have (a Wednesday): matched by its date, to Fri 17
        done("2026-04-15", "review", "wes")._replace(scheduled=d("2026-04-15")),
    ]
    got, unplanned = run_score("named", named, "2026-03-30", "2026-04-19", "2026-04-20")
    review = {k: v for k, v in got.items() if k.startswith("review/")}
    assert review == {
        "review/wes/2026-04-03": "missed",
        "review/wes/2026-04-10": "excused",
        "review/wes/2026-04-17": "on time",
    }
    assert unplanned == ["review/wes@2026-04-10"]


# Mon 13's sync, and Fri 17's dragged to Mon 13 in the calendar: two events of one day,
# each naming its own occurrence.
_TWO_SYNCS = "\r\n".join(
    [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN",
        "BEGIN:VEVENT", "UID:sync/wes/2026-04-13@adherence-named.morctl",
        "DTSTART;TZID=Europe/London:20260413T110000", "END:VEVENT",
        "BEGIN:VEVENT", "UID:sync/wes@adherence-named.morctl",
        "RECURRENCE-ID;TZID=Europe/London:20260417T110000",
        "DTSTART;TZID=Europe/London:20260413T150000", "END:VEVENT",
        "END:VCALENDAR", "",
    ]
)  # fmt: skip


@pytest.mark.parametrize("names", [("2026-04.csv", "z-export.ics"), ("b.csv", "a-export.ics")])
def test_a_dated_row_and_named_records_of_the_same_day(
    tmp_path: Any, names: tuple[str, str]
) -> None:
    # The CSV row is read first (logs before calendar exports, whatever the names): it is
    # the same completion as the first event of its day, which is a duplicate, and stands
    # for the occurrence that event names (Mon 13's own sync). The second event names
    # another (Fri 17's, dragged to Mon 13) and stays a completion of its own, as it is
    # without the row: a row never takes a completion away.
    row = "date,activity,owner,useful\n2026-04-13,sync,wes,4\n"
    root = _named_workspace(tmp_path, {names[0]: row, names[1]: _TWO_SYNCS})
    doc = json.loads(report(root, *NAMED_ARGS))
    sync = next(a for a in doc["people"][0]["activities"] if a["activity"] == "sync")
    assert (sync["done"], sync["on_time"], sync["useful"]) == (2, 2, 4.0)
    assert doc["org"]["duplicates"] == 1
    without = _named_workspace(tmp_path / "without", {names[1]: _TWO_SYNCS})
    bare = json.loads(report(without, *NAMED_ARGS))
    sync_bare = next(a for a in bare["people"][0]["activities"] if a["activity"] == "sync")
    assert (sync_bare["done"], sync_bare["on_time"], sync_bare["useful"]) == (2, 2, None)


# A ticked line (an old checklist's) and a calendar event (Fri 10's sync, dragged to Mon 13)
# that name Fri 10 Apr's sync, which the calendar excuses (a day off; its move to Mon 13
# would double up Monday's own).
_FRI_10_SYNC_TICKED = (
    "# c\n<!-- morctl-rhythm: adherence-named -->\n\n## Wes Weekes (wes)\n\n"
    "- [x] Fri 10 Apr 11:00 Deal sync <!-- morctl:sync/wes/2026-04-10 due=2026-04-10 -->\n"
)
_FRI_10_SYNC_DRAGGED = "\r\n".join(
    [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN",
        "BEGIN:VEVENT", "UID:sync/wes/2026-04-10@adherence-named.morctl",
        "DTSTART;TZID=Europe/London:20260413T150000", "END:VEVENT",
        "END:VCALENDAR", "",
    ]
)  # fmt: skip


@pytest.mark.parametrize(
    ("named", "day", "expected"),
    [
        # the row of Fri 10 is the week's only sync, Mon 6's (held Tue 7), late
        (
            {"week.md": _FRI_10_SYNC_TICKED},
            "2026-04-10",
            {"2026-04-03": "missed", "2026-04-06": "late", "2026-04-10": "excused",
             "2026-04-13": "missed"},
        ),
        # the row of Mon 13 is Mon 13's own sync, on time
        (
            {"export.ics": _FRI_10_SYNC_DRAGGED},
            "2026-04-13",
            {"2026-04-03": "missed", "2026-04-06": "missed", "2026-04-10": "excused",
             "2026-04-13": "on time"},
        ),
    ],
)  # fmt: skip
def test_a_row_beside_a_record_naming_an_excused_meeting_is_matched_by_its_date(
    tmp_path: Any, named: dict[str, str], day: str, expected: dict[str, str]
) -> None:
    # The row is read first and kept; the tick or event of its day is its duplicate. The
    # meeting that one names is excused, so nothing can be matched to it: the row is
    # matched by its date, as it is without the tick. Standing for the excused meeting,
    # it was unplanned, and adding a tick lowered the adherence it had earned.
    row = {"2026-04.csv": f"date,activity,owner,useful\n{day},sync,wes,4\n"}

    def syncs(logs: dict[str, str], where: str) -> tuple[dict[str, str], Any]:
        root = _named_workspace(tmp_path / where, logs)
        doc = json.loads(report(root, *NAMED_ARGS))
        workspace = load_workspace(str(root)).workspace
        assert workspace is not None
        logged = read(workspace, root / "logs")
        got, unplanned = run_score(
            "named", logged.completions, "2026-03-30", "2026-04-19", "2026-04-20",
            stands_for=logged.stands_for,
        )  # fmt: skip
        assert unplanned == [] and doc["unplanned"] == []
        outcomes = {k.rsplit("/", 1)[1]: v for k, v in got.items() if k.startswith("sync/")}
        return {k: v for k, v in outcomes.items() if k in expected}, doc

    alone, doc_alone = syncs(row, "alone")
    both, doc_both = syncs({**row, **named}, "both")
    assert alone == both == expected
    assert doc_both["org"]["duplicates"] == 1
    assert doc_both["people"][0]["adherence"] == doc_alone["people"][0]["adherence"]


_MON_13_HUDDLE = (
    "date,activity,owner,with,status,useful,actions,note,reason\n2026-04-13,huddle,wes,,done,,,,\n"
)


@pytest.mark.parametrize(
    ("logs", "day", "expected"),
    [
        # Mon 30 Mar's huddle dragged to Wed 15 Apr in the calendar, and Mon 13's own logged
        # by hand: the rating logged for Wed 15 is Mon 30's huddle (late), not a second
        # huddle in the week of Mon 13 (which would leave Mon 30's missed).
        (
            {"export.ics": _dragged_huddle("20260415"), "2026-04.csv": _MON_13_HUDDLE},
            "2026-04-15",
            {"2026-03-30": "late", "2026-04-06": "missed", "2026-04-13": "on time"},
        ),
        # the huddle of Mon 6, moved back to Fri 3 (a day off), ticked in the checklist: the
        # rating logged for Fri 3 is that huddle (on time), not Mon 30's (late)
        (
            {"week.md": "huddle/wes/2026-04-06"},
            "2026-04-03",
            {"2026-03-30": "missed", "2026-04-06": "on time", "2026-04-13": "missed"},
        ),
    ],
)  # fmt: skip
def test_a_rating_logged_for_a_ticked_or_exported_meeting_moves_nothing(
    tmp_path: Any, logs: dict[str, str], day: str, expected: dict[str, str]
) -> None:
    if "week.md" in logs:
        key = logs["week.md"]
        logs = {"week.md": _checklist(lambda ln: key in ln)}
    root = _named_workspace(tmp_path, logs)

    def huddles() -> tuple[dict[str, str], Any]:
        doc = json.loads(report(root, *NAMED_ARGS))
        huddle = next(a for a in doc["people"][0]["activities"] if a["activity"] == "huddle")
        workspace = load_workspace(str(root)).workspace
        assert workspace is not None
        logged = read(workspace, root / "logs")
        got, unplanned = run_score(
            "named", logged.completions, "2026-03-30", "2026-04-19", "2026-04-20",
            stands_for=logged.stands_for,
        )  # fmt: skip
        assert unplanned == [] and doc["unplanned"] == []
        return {k.rsplit("/", 1)[1]: v for k, v in got.items() if k.startswith("huddle/")}, huddle

    outcomes, before = huddles()
    assert outcomes == expected and before["useful"] is None
    assert (before["rated"], before["useful_sum"]) == (0, 0)
    env = {**os.environ, "MORCTL_TODAY": "2026-04-20"}
    r = morctl(
        "log", ".", "huddle", "--owner", "wes", "--date", day, "--useful", "4", cwd=root, env=env
    )
    assert r.code == 0 and "has it without a rating; this row counts in its place" in r.err, r.err
    outcomes, after = huddles()
    assert outcomes == expected
    # the one rating is counted beneath the mean too
    assert after == {**before, "useful": 4.0, "rated": 1, "useful_sum": 4}


# -- scope, spread and leaders (org fixture) ------------------------------------------------

ORG_ARGS = ("--from", "2026-03-02", "--to", "2026-03-08", "--as-of", "2026-03-09")
ESCAPE_ARGS = ORG_ARGS


def test_org_spread_leaders_and_flags() -> None:
    # W10, as of Mon 9 Mar. Check-ins (Mon-Fri), matched in date order:
    #   m1: Mon, Tue, Thu -> Mon, Tue on time, Wed late (Thu 5); 3/5 = 0.6, on time 0.4
    #   m2: Mon-Thu on their days: 0.8, on time 0.8
    #   m3: Mon, Tue: 0.4 / 0.4;  m5: Mon, Tue: 0.4 / 0.4
    #   m4: Fri 6 only -> takes Mon 2, late: 0.2, on time 0.0
    #   ann: staff call done Mon 2: 1.0;  bob: nothing: 0.0
    # sorted: 0, 0.2, 0.4, 0.4, 0.6, 0.8, 1.0 (n = 7) -> median = rank 3 = 0.4;
    # p10 at rank 0.6: 0 + 0.6 * 0.2 = 0.12; p90 at rank 5.4: 0.8 + 0.4 * 0.2 = 0.88.
    # Pooled: 13 done of 27 due = 0.4815 (not the mean of the people, 3.4 / 7 = 0.4857).
    doc = json.loads(report(ORG, *ORG_ARGS))
    people = [(p["id"], p["adherence"], p["on_time_rate"]) for p in doc["people"]]
    assert people == [
        ("bob", 0.0, 0.0),
        ("m4", 0.2, 0.0),
        ("m3", 0.4, 0.4),
        ("m5", 0.4, 0.4),
        ("m1", 0.6, 0.4),
        ("m2", 0.8, 0.8),
        ("ann", 1.0, 1.0),
    ]
    org = doc["org"]
    assert (org["adherence"], org["on_time_rate"]) == (0.4815, 0.4074)  # 13/27, 11/27
    assert (org["median"], org["p10"], org["p90"], org["spread"]) == (0.4, 0.12, 0.88, 0.76)
    # ann's team m1-m3: 9 of 15; bob's team m4, m5: 3 of 10
    assert org["leaders"] == [
        {"id": "ann", "name": "Ann Archer", "own_adherence": 1.0, "team_adherence": 0.6,
         "team_size": 3},
        {"id": "bob", "name": "Bob Baker", "own_adherence": 0.0, "team_adherence": 0.3,
         "team_size": 2},
    ]  # fmt: skip
    # targets 0.6 / 0.6: below is flagged, equal is not (m1's adherence 0.6)
    flags = [(f["person"], f["metric"], f["value"]) for f in org["flags"]]
    assert flags == [
        ("bob", "adherence", 0.0),
        ("bob", "on_time_rate", 0.0),
        ("m4", "adherence", 0.2),
        ("m4", "on_time_rate", 0.0),
        ("m3", "adherence", 0.4),
        ("m3", "on_time_rate", 0.4),
        ("m5", "adherence", 0.4),
        ("m5", "on_time_rate", 0.4),
        ("m1", "on_time_rate", 0.4),
    ]
    # The previous week (23 Feb - 1 Mar) is before `effective`: nothing to compare with.
    assert org["previous"]["adherence"] is None and org["change"] is None


def test_people_with_nothing_due_are_left_out_of_the_spread() -> None:
    # As of Sun 8 Mar W10 is not over: unlogged check-ins are pending. Everyone who logged
    # something has adherence 1.0; bob logged nothing and has nothing due (None): if he
    # counted as 0, p10 would be below 1.
    doc = json.loads(report(ORG, "--from", "2026-03-02", "--to", "2026-03-08", "--as-of",
                            "2026-03-08"))  # fmt: skip
    org = doc["org"]
    assert doc["people"][-1]["id"] == "bob" and doc["people"][-1]["adherence"] is None
    assert (org["people"], org["median"], org["p10"], org["p90"]) == (7, 1.0, 1.0, 1.0)
    assert org["adherence"] == 1.0


@pytest.mark.parametrize(
    ("option", "ids", "adherence", "median", "p10", "p90"),
    [
        # ann, m1, m2, m3: 10 of 16 due; sorted 0.4, 0.6, 0.8, 1.0 -> median at rank 1.5 =
        # 0.7, p10 at rank 0.3 = 0.46, p90 at rank 2.7 = 0.94
        (("--team", "ann"), ["m3", "m1", "m2", "ann"], 0.625, 0.7, 0.46, 0.94),
        # bob, m4, m5: 3 of 11 due; sorted 0, 0.2, 0.4 -> 0.2, p10 0.04, p90 0.36
        (("--team", "bob"), ["bob", "m4", "m5"], 0.2727, 0.2, 0.04, 0.36),
        (("--team", "m1"), ["m1"], 0.6, 0.6, 0.6, 0.6),
        (("--person", "m2"), ["m2"], 0.8, 0.8, 0.8, 0.8),
        (("--person", "ann"), ["ann"], 1.0, 1.0, 1.0, 1.0),
    ],
)
def test_scope(
    option: tuple[str, str], ids: list[str], adherence: float, median: float, p10: float,
    p90: float,
) -> None:  # fmt: skip
    doc = json.loads(report(ORG, *ORG_ARGS, *option))
    assert [p["id"] for p in doc["people"]] == ids
    org = doc["org"]
    assert (org["adherence"], org["median"], org["p10"], org["p90"]) == (
        adherence,
        median,
        p10,
        p90,
    )


def test_flags_gates_and_out_speak_plainly(tmp_path: Any) -> None:
    table = report(ORG, *ORG_ARGS, fmt="table")
    m1 = next(ln for ln in table.splitlines() if ln.startswith("m1 "))
    assert m1.endswith("on time below 60%")  # the flags column, in the table's units
    assert "adherence below 60%, on time below 60%" in table
    assert "exp: expected (done + missed + excused + pending); exc: excused" in table
    # the legend is wrapped to 100 columns
    assert "hollow: done, but rated useful 2 or less, or with no actions" in " ".join(table.split())
    assert all(len(line) <= 100 for line in table.split("Activities")[0].splitlines()[-6:])
    assert "p10 / p90 (above): the adherence that a tenth of people are below / above" in " ".join(
        table.split()
    )
    grid = table[table.index("Planned vs done") :].splitlines()
    assert any(ln.split()[:4] == ["m1", "Daily", "deal", "check-in"] for ln in grid), grid
    r = morctl("report", ".", *ORG_ARGS, "--fail-under", "abc", cwd=ORG)
    assert r.code == 2
    assert "--fail-under takes a share between 0 and 1, e.g. 0.8, not 'abc'" in r.err
    # m1 has nobody below: a --team m1 gate checks m1; a window before `effective` checks
    # nobody, and says so
    early = ("--from", "2026-02-02", "--to", "2026-02-08", "--as-of", "2026-03-09")
    r = morctl("report", ".", *early, "--fail-under", "0.5", cwd=ORG)
    assert r.code == 0 and "--fail-under checked nobody" in r.err, r.err
    assert "Org adherence –: nobody had anything due in this window\n" in r.out
    assert "Trend by week: –" in r.out
    out = tmp_path / "r.html"
    r = morctl("report", ".", *ORG_ARGS, "--format", "html", "--out", str(out), cwd=ORG)
    assert r.code == 0 and r.out == "" and r.err == f"wrote the report to {out}\n"
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_scope_and_fail_under_exit_codes() -> None:
    report(ORG, *ORG_ARGS, "--fail-under", "0.6", code=1)  # bob, m4, m3, m5 below
    report(ORG, *ORG_ARGS, "--fail-under", "0")
    report(ORG, *ORG_ARGS, "--team", "ann", "--fail-under", "0.4")  # m3 at 0.4: not below
    report(ORG, *ORG_ARGS, "--team", "ann", "--fail-under", "0.41", code=1)
    r = morctl("report", ".", *ORG_ARGS, "--person", "m6", cwd=ORG)
    assert r.code == 2 and "m6" in r.err and "Traceback" not in r.err


@pytest.fixture
def sixths(tmp_path: Any) -> Any:
    """The org fixture with other logs. Window Mon 2 - Mon 9 Mar, six check-ins due each
    (five in W10, Monday of W11): m4 logs W10's five (5/6), m5 Monday 2 only (1/6); bob
    logs nothing (0 of his 2 staff calls)."""
    import shutil

    root = tmp_path / "org"
    shutil.copytree(ORG, root)
    rows = [
        f'{{"date": "2026-03-0{n}", "activity": "checkin", "owner": "m4"}}' for n in range(2, 7)
    ]
    rows.append('{"date": "2026-03-02", "activity": "checkin", "owner": "m5"}')
    (root / "logs" / "2026-03.jsonl").write_text("\n".join(rows) + "\n")
    return root


SIXTHS_ARGS = ("--from", "2026-03-02", "--to", "2026-03-09", "--team", "bob")


def test_quantiles_and_gates_use_exact_figures(sixths: Any) -> None:
    doc = json.loads(report(sixths, *SIXTHS_ARGS, "--as-of", "2026-03-16"))
    assert [(p["id"], p["adherence"]) for p in doc["people"]] == [
        ("bob", 0.0), ("m5", 0.1667), ("m4", 0.8333),
    ]  # fmt: skip
    # sorted 0, 1/6, 5/6: p10 at rank 0.2 = 1/30; p90 at rank 1.8 = 1/6 + 0.8 * 4/6 = 0.7;
    # spread 2/3 = 0.6667 (from the rounded figures it would be 0.69998 - 0.03334 = 0.6666)
    org = doc["org"]
    assert (org["median"], org["p10"], org["p90"], org["spread"]) == (0.1667, 0.0333, 0.7, 0.6667)
    # 5/6 = 0.83333... is not below 0.83331, though its rounded figure 0.8333 is
    only_m4 = ("--from", "2026-03-02", "--to", "2026-03-09", "--as-of", "2026-03-16")
    report(sixths, *only_m4, "--person", "m4", "--fail-under", "0.83331")
    report(sixths, *only_m4, "--person", "m4", "--fail-under", "0.83334", code=1)


def test_leaders_above_the_scope_are_left_out(sixths: Any) -> None:
    # --team bob: bob's own figure beside m4 and m5 pooled (6 of 12)
    doc = json.loads(report(sixths, *SIXTHS_ARGS, "--as-of", "2026-03-16"))
    assert doc["org"]["leaders"] == [
        {"id": "bob", "name": "Bob Baker", "own_adherence": 0.0, "team_adherence": 0.5,
         "team_size": 2},
    ]  # fmt: skip
    # --person m4: bob is above the scope; listing him would show m4 as his whole team
    doc = json.loads(report(sixths, *SIXTHS_ARGS[:4], "--person", "m4", "--as-of", "2026-03-16"))
    assert doc["org"]["leaders"] == []


def test_heat_map_colours_only_what_is_due(sixths: Any) -> None:
    # As of Mon 9 Mar, W10 is over (m4: 5 of 5) and Monday 9's check-in is still pending:
    # its cell reads 0/1 in grey, not 0% in red, and says it is pending.
    html = report(sixths, *SIXTHS_ARGS, "--as-of", "2026-03-09", fmt="html")
    row = next(ln for ln in html.splitlines() if ln.startswith('<tr><th scope="row">m4</th>'))
    assert row.endswith(
        '<td style="background:#c6dbef;color:#222">5/5</td>'
        '<td style="background:#eeeeee;color:#222">0/1 (1 pend)</td></tr>'
    )
    doc = json.loads(report(sixths, *SIXTHS_ARGS, "--as-of", "2026-03-09"))
    m4 = next(r for r in doc["org"]["planned_vs_done"]["rows"] if r["person"] == "m4")
    assert (m4["planned"], m4["done"], m4["missed"]) == ([5, 1], [5, 0], [0, 0])


def test_csv_rows_say_their_level_and_window() -> None:
    # A person's total row and their rows per activity are told apart by `level`, so a
    # pivot on the activity rows (or on the person rows) counts each meeting once; each row
    # names its window and as-of day, so weekly CSVs appended into one table stay apart.
    rows = list(csv.DictReader(io.StringIO(report(TEAM, *TEAM_ARGS, fmt="csv"))))
    head = list(rows[0])
    assert head[:7] == ["level", "from", "to", "as_of", "person", "name", "role"]
    assert {(r["from"], r["to"], r["as_of"]) for r in rows} == {
        ("2026-03-09", "2026-03-25", "2026-03-24")
    }
    assert [(r["level"], r["person"], r["activity"]) for r in rows] == [
        ("person", "leo", ""),
        ("activity", "leo", "forecast"),
        ("activity", "leo", "huddle"),
        ("activity", "leo", "review"),
        ("person", "dana", ""),
        ("activity", "dana", "exec_call"),
        ("person", "mia", ""),
        ("activity", "mia", "forecast"),
        ("activity", "mia", "huddle"),
        ("activity", "mia", "review"),
    ]
    # done per person (EXPECTED_PEOPLE): leo 1, dana 1, mia 8, from either level alone
    for level in ("person", "activity"):
        done_: dict[str, int] = {}
        for r in rows:
            if r["level"] == level:
                done_[r["person"]] = done_.get(r["person"], 0) + int(r["done"])
        assert done_ == {"leo": 1, "dana": 1, "mia": 8}, level


def test_csv_carries_each_title_beside_its_id() -> None:
    rows = list(csv.DictReader(io.StringIO(report(TEAM, *TEAM_ARGS, fmt="csv"))))
    titles = {r["activity"]: r["title"] for r in rows if r["activity"]}
    assert titles["huddle"] == "Team <b>huddle</b> & blockers"
    assert titles["exec_call"] == "Leadership call"
    assert {r["title"] for r in rows if not r["activity"]} == {""}  # a person's total row


# -- formats: no notes, HTML self-contained and escaped, CSV defused ------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("folder", [TEAM, ESCAPE], ids=["team", "escape"])
def test_no_note_and_no_skip_reason_in_any_format(folder: Any, fmt: str) -> None:
    out = report(folder, *(TEAM_ARGS if folder == TEAM else ESCAPE_ARGS), fmt=fmt)
    assert out.strip()
    assert NOTE not in out
    assert "private" not in out and "calc" not in out  # the rest of the notes
    assert REASON not in out
    if fmt == "json":
        assert "note" not in _keys_everywhere(json.loads(out))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("row", ["note", "reason"])
def test_a_log_without_header_is_refused_without_quoting_its_first_row(
    tmp_path: Path, fmt: str, row: str
) -> None:
    # The first row of a file without a header is a completion: the message about the
    # header must not carry its note (or a skip's reason) into the report.
    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder)
    first = (
        f"2026-03-10,huddle,mia,,done,4,1,{NOTE} first,"
        if row == "note"
        else f"2026-03-10,huddle,mia,,skipped,,,,{REASON} first"
    )
    (folder / "logs" / "pasted.csv").write_text(f"{first}\n2026-03-11,huddle,mia,,done,4,1,,\n")
    out = report(folder, *TEAM_ARGS, fmt=fmt)
    assert NOTE not in out and REASON not in out
    if fmt != "csv":  # the CSV holds the counts alone
        assert "the first row is a completion, not the column names" in out
        assert "it and 1 more line not read" in out


_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|srcset|data)\s*=\s*["']?\s*(?:https?:)?//)|"""
    r"""(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.I,
)


def test_html_is_self_contained_and_escaped() -> None:
    for folder, args in (
        (TEAM, TEAM_ARGS),
        (ESCAPE, ESCAPE_ARGS),
    ):
        html = report(folder, *args, fmt="html")
        assert html.lstrip().lower().startswith("<!doctype html>")
        assert not _EXTERNAL.search(html), _EXTERNAL.search(html)
        assert "<script" not in html.lower()
        assert "<link" not in html.lower() and "<iframe" not in html.lower()
        assert "<img" not in html.lower()
        # user text: names, titles, the reasons of rejected rows
        for raw in ("<b>Brandt</b>", "<b>huddle</b>", "<b>Bold</b>", "<b>review</b>"):
            assert raw not in html, raw
    team = report(TEAM, *TEAM_ARGS, fmt="html")
    # A name is in the heading of the person's report (the tables name people by id).
    assert "=Leo &lt;b&gt;Brandt&lt;/b&gt; &amp; Co" in report(
        TEAM, *TEAM_ARGS, "--person", "leo", fmt="html"
    )
    assert "huddle&lt;b&gt;" in team  # the rejected row's unknown activity
    escape = report(ESCAPE, *ESCAPE_ARGS, "--person", "bold", fmt="html")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in escape


def test_markdown_escapes_user_text() -> None:
    md = report(TEAM, *TEAM_ARGS, fmt="md")
    rendered = MarkdownIt("commonmark").enable(["table"]).render(md)
    assert "<script>" not in rendered and "<b>" not in rendered
    # the tags are shown as text, and a bare & is left as written
    assert "Team &lt;b&gt;huddle&lt;/b&gt; &amp; blockers" in rendered
    assert "| Team \\<b>huddle\\</b> & blockers |" in md


def test_csv_cells_are_defused() -> None:
    # escape fixture: managers named "=HYPERLINK(...)", "+SUM(A1:A9)", "-2+3", "@cmd".
    out = report(ESCAPE, *ESCAPE_ARGS, fmt="csv")
    rows = list(csv.reader(io.StringIO(out)))
    head, body = rows[0], rows[1:]
    assert body
    for row in rows:
        for cell in row:
            # A number may be negative (a person's change): a spreadsheet reads it as one.
            number = re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None
            assert number or cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    names = {row[head.index("person")]: row[head.index("name")] for row in body}
    assert names == {
        "eq": '\'=HYPERLINK("http://evil.example")',
        "plus": "'+SUM(A1:A9)",
        "minus": "'-2+3",
        "at": "'@cmd",
        "bold": "<b>Bold</b> & Co",
    }
    team = list(csv.reader(io.StringIO(report(TEAM, *TEAM_ARGS, fmt="csv"))))
    assert "'=Leo <b>Brandt</b> & Co" in {r[team[0].index("name")] for r in team}


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_activities_are_named_by_title_beside_their_id(fmt: str) -> None:
    out = report(TEAM, *TEAM_ARGS, fmt=fmt)
    huddle = "Team <b>huddle</b> & blockers"
    if fmt == "html":  # user text is escaped in Markdown and HTML
        huddle = "Team &lt;b&gt;huddle&lt;/b&gt; &amp; blockers"
    elif fmt == "md":
        huddle = "Team \\<b>huddle\\</b> & blockers"
    lines = [ln for ln in out.splitlines() if "Leadership call" in ln and "exec_call" in ln]
    assert lines, out  # the activities table: title, then id, on one row
    assert any(huddle in ln and "huddle" in ln for ln in out.splitlines())
    # lowest adherence: exec_call 1 of 2 due, huddle 2 of 3, forecast 3 of 4
    assert (
        f"Lowest adherence: Leadership call (exec_call) 50%, {huddle} (huddle) 67%, "
        "Forecast call (forecast) 75%"
    ) in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rejected_cell_cannot_drive_the_terminal(tmp_path: Any, fmt: str) -> None:
    # The reason of a rejected row quotes the bad cell; an escape sequence in it is shown
    # as U+FFFD, never passed to the terminal (or the file) as it is.
    import shutil

    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder)
    with (folder / "logs" / "2026-03.csv").open("a", encoding="utf-8", newline="") as f:
        # close to an id (forecast, huddle): a report quotes them
        f.write("2026-03-10,forecast\x1b[1m,mia,,done,4,1,,\n")
        f.write("2026-03-10,huddle\u202ex,mia,,done,4,1,,\n")  # reads 'huddlex' backwards
    out = report(folder, *TEAM_ARGS, fmt=fmt)
    assert "\x1b" not in out and "\\u001b" not in out.lower()
    assert "\u202e" not in out and "\\u202e" not in out.lower()
    if fmt in ("table", "md", "html"):
        assert ("forecast\ufffd\\[1m" if fmt == "md" else "forecast\ufffd[1m") in out
        assert "huddle\ufffdx" in out


def test_people_are_listed_worst_first_then_all_skipped_then_nothing_due() -> None:
    from morctl.report import worst_first

    rows = [
        {"id": "a", "adherence": None, "skipped": 0},  # nothing due yet
        {"id": "b", "adherence": 1.0, "skipped": 3},
        {"id": "c", "adherence": None, "skipped": 4},  # called off everything
        {"id": "d", "adherence": 0.5, "skipped": 0},
        {"id": "e", "adherence": 0.0, "skipped": 0},
    ]
    assert [r["id"] for r in sorted(rows, key=worst_first)] == ["e", "d", "b", "c", "a"]


def test_a_record_naming_its_occurrence_counts_for_it_in_every_window() -> None:
    # A calendar override drags Fri 13 Nov's review five weeks, to Fri 18 Dec: it is 13
    # Nov's review, held late, in November's report, and December's own review of 18 Dec
    # stays missed there (it used to take the record by its date: one meeting, two done).
    held = Completion(
        d("2026-12-18"), "review", "mia", None, "done", None, None, None, None, "x.ics", 4,
        d("2026-11-13"),
    )  # fmt: skip
    nov, _ = run_score("chains", [held], "2026-11-01", "2026-11-30", "2027-01-31")
    dec, extra = run_score("chains", [held], "2026-12-01", "2026-12-31", "2027-01-31")
    assert nov["review/mia/2026-11-13"] == "late"
    assert dec["review/mia/2026-12-18"] == "missed" and extra == []


def test_a_person_who_skipped_everything_is_flagged_not_failed(tmp_path: Any) -> None:
    # Every meeting due was called off with a reason: nothing is due, so there is no
    # adherence to hold against --fail-under (docs/adherence.md); the skip flag names them.
    r = morctl("expand", ".", "--from", "2026-03-30", "--to", "2026-04-19", "--format",
               "csv", cwd=NAMED)  # fmt: skip
    assert r.code == 0, r.err
    rows = [
        f"{o['start'][:10]},{o['activity']},wes,,skipped,,,,customer visit\n"
        for o in csv.DictReader(io.StringIO(r.out))
        if o["status"] == "scheduled"
    ]
    assert len(rows) >= 9
    header = "date,activity,owner,with,status,useful,actions,note,reason\n"
    root = _named_workspace(tmp_path, {"2026-04.csv": header + "".join(rows)})
    r = morctl("report", ".", *NAMED_ARGS, "--format", "json", "--fail-under", "0.99", cwd=root)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    (wes,) = doc["people"]
    assert (wes["adherence"], wes["skipped"]) == (None, len(rows))
    flag = {"person": "wes", "metric": "skipped", "value": 1.0, "target": None}
    assert flag in doc["org"]["flags"]


def test_out_never_replaces_an_input_a_link_or_a_pipe(tmp_path: Any) -> None:
    import stat
    import threading

    root = tmp_path / "team"
    shutil.copytree(TEAM, root)
    rhythm = (root / "rhythm.yaml").read_bytes()
    for out in ("rhythm.yaml", "logs/report.csv", "logs"):
        r = morctl("report", ".", *TEAM_ARGS, "--out", out, cwd=root)
        assert r.code == 2 and "write the report elsewhere" in r.err, r.err
    assert (root / "rhythm.yaml").read_bytes() == rhythm
    assert not (root / "logs" / "report.csv").exists()
    # a link is kept, and the file it points to written
    (tmp_path / "shared.json").write_text("old")
    (root / "latest.json").symlink_to(tmp_path / "shared.json")
    assert morctl("report", ".", *TEAM_ARGS, "--format", "json", "--out", "latest.json",
                  cwd=root).code == 0  # fmt: skip
    assert (root / "latest.json").is_symlink()
    assert json.loads((tmp_path / "shared.json").read_text())["window"]["from"] == "2026-03-09"
    # a named pipe (like /dev/null) is written to, not replaced by a file
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    r = morctl("report", ".", *TEAM_ARGS, "--format", "csv", "--out", str(pipe), cwd=root)
    reader.join(timeout=60)
    assert r.code == 0, r.err
    assert got and got[0].startswith(b"level,from,to,as_of,person,name,role,"), got
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_out_never_replaces_an_input_linked_in_from_elsewhere(tmp_path: Any) -> None:
    # A shared logs folder, a folder or a month file linked into logs/, a rhythm linked in
    # from a shared drive: writing through the link would replace the completions or it.
    shared, root = tmp_path / "shared", tmp_path / "team"
    shutil.copytree(TEAM, root)
    (root / "logs").rename(shared)
    (root / "logs").symlink_to(shared)
    (tmp_path / "more").mkdir()
    (shared / "more").symlink_to(tmp_path / "more")
    month = sorted(shared.glob("*.csv"))[0]
    (tmp_path / "one.csv").write_bytes(month.read_bytes())
    (shared / "one.csv").symlink_to(tmp_path / "one.csv")
    hr = tmp_path / "shared-rhythm.yaml"
    (root / "rhythm.yaml").rename(hr)
    (root / "rhythm.yaml").symlink_to(hr)
    before = {p: p.read_bytes() for p in (month, hr, tmp_path / "one.csv")}
    targets = (
        str(shared / "report.csv"),  # the real folder the link leads to
        f"logs/{month.name}",
        "logs/more/report.csv",
        str(tmp_path / "more" / "report.csv"),  # a folder linked into logs/, by its real path
        str(tmp_path / "one.csv"),  # a file linked into logs/, by its real path
        str(hr),
    )
    for out in targets:
        r = morctl("report", ".", *TEAM_ARGS, "--format", "csv", "--out", out, cwd=root)
        assert r.code == 2 and "write the report elsewhere" in r.err, (out, r.err)
    assert {p: p.read_bytes() for p in before} == before
    assert not (shared / "report.csv").exists()
    assert list((tmp_path / "more").iterdir()) == []
    # beside the linked folder, not in it, is fine
    r = morctl("report", ".", *TEAM_ARGS, "--format", "csv", "--out", "report.csv", cwd=root)
    assert r.code == 0, r.err


def test_out_is_refused_by_the_folder_it_lands_in_not_only_by_its_path(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a file system that ignores case (macOS, Windows), `LOGS/x.csv` lands in logs/
    # though no resolved path says so. Stood in for here by paths that resolve to nothing
    # else than themselves (realpath left as abspath) and reach logs/ and the rhythm by a
    # second name.
    from morctl import report as report_module
    from morctl.errors import UsageError

    root = tmp_path / "team"
    shutil.copytree(TEAM, root)
    (tmp_path / "LOGS").symlink_to(root / "logs")
    (tmp_path / "RHYTHM.yaml").symlink_to(root / "rhythm.yaml")
    monkeypatch.setattr(os.path, "realpath", os.path.abspath)
    for out in (tmp_path / "LOGS" / "report.csv", tmp_path / "RHYTHM.yaml"):
        with pytest.raises(UsageError, match="the workspace's"):
            report_module._not_an_input(str(root), str(out))
    report_module._not_an_input(str(root), str(tmp_path / "report.csv"))  # elsewhere: fine


def test_out_that_names_a_folder_is_refused_with_a_file_to_give(tmp_path: Any) -> None:
    # `--out reports/` (not made yet) wrote a file named reports, and said so; the next
    # `--out reports/2026-W48.md` then failed with "Not a directory".
    root = tmp_path / "team"
    shutil.copytree(TEAM, root)
    cases = (
        (("--week", "2026-W11"), "reports/", "reports/2026-W11.txt"),
        (("--month", "2026-03", "--format", "md"), "out2/", "out2/2026-03.md"),
        (("--from", "2026-03-09", "--to", "2026-03-25", "--format", "html"), ".",
         "./2026-03-09_2026-03-25.html"),
        (("--week", "2026-W11", "--format", "json"), "rhythms", "rhythms/2026-W11.json"),
    )  # fmt: skip
    (root / "rhythms").mkdir()
    before = sorted(p.name for p in root.iterdir())
    for args, out, example in cases:
        r = morctl("report", ".", *args, "--out", out, cwd=root)
        assert r.code == 2, r.err
        assert r.err == (
            f"morctl: error: --out {out} is a folder: give a file name\n"
            f"  hint: name a file in it, e.g. --out {example}\n"
        )
    assert sorted(p.name for p in root.iterdir()) == before
    r = morctl("report", ".", *TEAM_ARGS, "--out", "reports/2026-W11.txt", cwd=root)
    assert r.code == 0, r.err
    assert (root / "reports" / "2026-W11.txt").is_file()


def test_out_dash_and_dev_stdout_write_to_the_pipe(tmp_path: Any) -> None:
    # `--out -` is standard output, and /dev/stdout in a pipe (a link to "pipe:[123]",
    # which is no path) is written through; neither leaves a file behind.
    for out in ("-", "/dev/stdout"):
        r = morctl("report", str(TEAM), *TEAM_ARGS, "--format", "csv", "--out", out, cwd=tmp_path)
        assert r.code == 0, r.err
        assert r.out.startswith("level,from,to,as_of,person,name,role,"), (out, r.out[:80])
    assert list(tmp_path.iterdir()) == []


def test_markdown_report_keeps_log_text_as_text(tmp_path: Any) -> None:
    # A reason quotes the bad cell and names the file: neither may become a link, bold
    # text or code in the rendered report.
    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder)
    name = "[l](javascript:x).csv"
    (folder / "logs" / name).write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        # close to an id (forecast): a report quotes them
        "2026-03-10,[forecast](javascript:x),mia,,done,4,1,,\n"
        "2026-03-10,**forecast**,mia,,done,4,1,,\n",
        encoding="utf-8",
    )
    out = report(folder, *TEAM_ARGS, fmt="md")
    assert "](javascript" not in out.replace("\\](javascript", "")
    assert "\\[l\\](javascript:x).csv" in out
    assert "\\*\\*forecast\\*\\*" in out
    assert "**forecast**" not in out


def test_markdown_headline_keeps_the_rhythm_and_peoples_names_as_text(tmp_path: Any) -> None:
    # The "Rhythm:" line went out raw: a link, an @mention, an issue reference and HTML
    # on GitHub, though the title above it and the tables are escaped.
    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder)
    rhythm = folder / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    text = text.replace("name: Adherence fixture", 'name: "Rhy @team [l](http://x) #12 <i>i</i>"')
    text = text.replace("name: Mia Laurent,", 'name: "Mia | <b>x</b> [c](http://x)",')
    rhythm.write_text(text, encoding="utf-8")
    for scope in ((), ("--person", "mia"), ("--team", "mia")):
        out = report(folder, *TEAM_ARGS, *scope, fmt="md")
        for raw in ("@team", "[l](http", "[c](http", "#12"):
            assert raw not in out, (scope, raw)
        rendered = MarkdownIt("commonmark").enable(["table"]).render(out)
        assert "<i>" not in rendered and "<b>" not in rendered and "&lt;i&gt;" in rendered
        line = next(ln for ln in out.splitlines() if ln.startswith("- Rhythm: "))
        assert line.startswith("- Rhythm: Rhy @&#8203;team \\[l\\](http:&#8203;//x)"), line


def test_a_scoped_report_lists_its_own_log_problems(tmp_path: Any) -> None:
    # Leo's report lists the problems of Leo's rows and of rows nobody in the roster owns
    # (a mistyped id may be his), not Mia's rejected rows or duplicates: it counts them,
    # and says how to list them.
    ws = tmp_path / "ws"
    shutil.copytree(ADHERENCE_DOC, ws)
    (ws / "logs" / "bad.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-16,team_huddel,mia,,done,4,1,,\n"
        "2026-11-16,team_huddle,mia,,done,9,1,,\n"
        "2026-11-16,team_huddle,loe,,done,4,1,,\n"
        "2026-11-16,team_huddle,leo,,done,0,1,,\n"
        "2026-11-16,team_huddle,mia,,done,4,1,,\n",  # 2026-11.csv has it: a duplicate
        encoding="utf-8",
    )
    args = ("--from", "2026-11-16", "--to", "2026-11-29", "--as-of", "2026-11-30")
    whole = json.loads(report(ws, *args))
    # 2026-11.csv:6 is Mia's (useful 7), as the worked example has it
    where = [(Path(r["file"]).name, r["line"]) for r in whole["rejected"]]
    assert where == [("2026-11.csv", 6)] + [("bad.csv", n) for n in (2, 3, 4, 5)]
    assert (whole["org"]["duplicates"], whole["org"]["rejected_elsewhere"]) == (1, 0)
    leo = json.loads(report(ws, *args, "--person", "leo"))
    assert [(Path(r["file"]).name, r["line"]) for r in leo["rejected"]] == where[3:]
    assert (leo["org"]["duplicates"], leo["org"]["rejected_elsewhere"]) == (0, 3)
    mia = json.loads(report(ws, *args, "--team", "mia"))
    assert [(Path(r["file"]).name, r["line"]) for r in mia["rejected"]] == where[:4]
    assert (mia["org"]["duplicates"], mia["org"]["rejected_elsewhere"]) == (1, 1)
    r = morctl("report", str(ws), *args, "--person", "leo")
    assert r.code == 0, r.err
    assert (
        "Log problems (rows rejected, files or columns not read): 2; 3 more in rows of people "
        "outside this report (run it without --person or --team to list them)"
    ) in r.out
    assert "team_huddel" not in r.out and "bad.csv:3" not in r.out
    assert "2 problems in the logs" in r.err


def test_a_scoped_report_leaves_out_a_colleagues_malformed_records(tmp_path: Any) -> None:
    # Rejected for their form, not a value (a rating without `=` on a ticked line, a key
    # given twice, a short row), Mia's records are still Mia's: Leo's report counts them,
    # and lists only what names no one (a file of a type morctl does not read).
    ws = tmp_path / "ws"
    shutil.copytree(ADHERENCE_DOC, ws)
    logs = ws / "logs"
    (logs / "mia.jsonl").write_text(
        '{"date": "2026-11-16", "activity": "team_huddle", "owner": "mia", "with": "", '
        '"with": ""}\n',
        encoding="utf-8",
    )
    (logs / "mia.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-16,team_huddle,mia,,done\n",
        encoding="utf-8",
    )
    (logs / "mia.md").write_text(
        "- [x] Mon 16 Nov Team huddle useful 4 "
        "<!-- morctl:team_huddle/mia/2026-11-16 due=2026-11-16 -->\n",
        encoding="utf-8",
    )
    (logs / "notes.txt").write_text("not a log\n", encoding="utf-8")
    args = ("--from", "2026-11-16", "--to", "2026-11-29", "--as-of", "2026-11-30")
    leo = json.loads(report(ws, *args, "--person", "leo"))
    assert [Path(r["file"]).name for r in leo["rejected"]] == ["notes.txt"]
    assert leo["org"]["rejected_elsewhere"] == 4  # and 2026-11.csv:6, useful 7
    mia = json.loads(report(ws, *args, "--person", "mia"))
    assert sorted(Path(r["file"]).name for r in mia["rejected"]) == [
        "2026-11.csv", "mia.csv", "mia.jsonl", "mia.md", "notes.txt"
    ]  # fmt: skip


def test_a_note_in_the_wrong_column_is_not_quoted_in_a_report(tmp_path: Any) -> None:
    # DESIGN §8: a report carries metadata only. A word typed into `actions`, or a sentence
    # into `owner`, is quoted by the reason that rejects the row, and a report lists
    # reasons: in every format it says what is wrong without the text; validate --logs,
    # run by the admin on their own files, quotes it.
    ws = tmp_path / "ws"
    shutil.copytree(ADHERENCE_DOC, ws)
    (ws / "logs" / "bad.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-16,team_huddle,mia,,done,4,Pregnancy,,\n"
        "2026-11-16,team_huddle,Her mother died,,done,4,1,,\n",
        encoding="utf-8",
    )
    (ws / "logs" / "mia.md").write_text(
        "- [x] Mon 16 Nov Team huddle useful=4 useful=Pregnancy "
        "<!-- morctl:team_huddle/mia/2026-11-16 due=2026-11-16 -->\n",
        encoding="utf-8",
    )
    args = ("--from", "2026-11-16", "--to", "2026-11-29", "--as-of", "2026-11-30")
    doc = json.loads(report(ws, *args))
    assert [r["reason"] for r in doc["rejected"][1:]] == [
        "actions: text (not shown here; see validate --logs) is not a whole number (0 or more)",
        "owner: nobody in the roster has the id given (not shown here; see validate --logs)",
        "useful is given twice on the line, in text (not shown here; see validate --logs): "
        "keep one",
    ]
    for fmt in ("json", "table", "md", "html"):
        out = report(ws, *args, fmt=fmt)
        assert "Pregnan" not in out and "mother" not in out, fmt
    r = morctl("validate", ".", "--logs", cwd=ws)
    assert "actions: 'Pregnancy' is not a whole number" in r.out
    assert "'Her mother died'" in r.out and "(4 and Pregnancy)" in r.out


def test_a_report_leaves_out_the_value_not_the_same_text_elsewhere_in_the_reason(
    tmp_path: Any,
) -> None:
    # A report's reason is built from the reason's parts, so only the value it may not show
    # goes: the same text quoted again in the message stays, whether it is the rhythm's
    # word (`team` typed into `with`, whose activity is held with 'team') or an id offered
    # by another field's did-you-mean (`mia` as a status, beside `MIA` as the owner).
    ws = tmp_path / "ws"
    shutil.copytree(ADHERENCE_DOC, ws)
    (ws / "logs" / "bad.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-17,team_huddle,mia,team,done,4,1,,\n"
        "2026-11-19,team_huddle,MIA,,mia,4,1,,\n",
        encoding="utf-8",
    )
    hidden = "(not shown here; see validate --logs)"
    args = ("--from", "2026-11-16", "--to", "2026-11-29", "--as-of", "2026-11-30")
    doc = json.loads(report(ws, *args))
    assert [r["reason"] for r in doc["rejected"] if r["file"].endswith("bad.csv")] == [
        f"with: text {hidden} given, but team_huddle is held with 'team', not with each "
        "report; leave with empty",
        "owner: nobody in the roster has the id 'MIA' (did you mean 'mia'?); "
        f"status: text {hidden} is not done or skipped",
    ]
    r = morctl("validate", ".", "--logs", cwd=ws)
    assert "with: 'team' given, but team_huddle is held with 'team', not" in r.out
    assert "(did you mean 'mia'?); status: 'mia' is not done or skipped" in r.out


def test_a_word_in_an_id_column_is_quoted_only_when_it_is_near_an_id(tmp_path: Any) -> None:
    # One word typed into `with` or `activity` (`pregnant`, `drunk`) is no id and may be a
    # note: a report says what is wrong without it. A slip of an id (`huddel`, `mai`) or a
    # value of another column (`done`, one cell off) is what to fix, and is quoted.
    ws = tmp_path / "ws"
    shutil.copytree(ADHERENCE_DOC, ws)
    (ws / "logs" / "bad.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-17,team_huddle,mia,pregnant,done,4,1,,\n"
        "2026-11-18,drunk,mia,,done,4,1,,\n"
        "2026-11-19,team_huddel,mai,,done,4,1,,\n"
        "2026-11-20,team_huddle,mia,done,4,1,,,\n",
        encoding="utf-8",
    )
    args = ("--from", "2026-11-16", "--to", "2026-11-29", "--as-of", "2026-11-30")
    doc = json.loads(report(ws, *args))
    reasons = [r["reason"] for r in doc["rejected"] if r["file"].endswith("bad.csv")]
    assert reasons[0].startswith("with: text (not shown here; see validate --logs) given")
    assert reasons[1].startswith("activity: text (not shown here; see validate --logs) is not")
    assert "'team_huddel'" in reasons[2] and "'mai'" in reasons[2]
    assert reasons[3].startswith("with: 'done' given")
    for fmt in ("json", "table", "md", "html", "csv"):
        out = report(ws, *args, fmt=fmt)
        assert "pregnant" not in out and "drunk" not in out, fmt


def test_printed_figures_round_half_up_from_the_exact_fraction() -> None:
    # As a spreadsheet rounds: 10 of 16 and 5 of 8 are 62.5%, printed 63%, like 3 of 8
    # (37.5%, 38%); Python's own rounding of the binary number gave 62% and 38%. 29 of 200
    # is 14.5% exactly, though the float 0.145 is a little below. A figure just below a
    # target still never reads as meeting it (89.5% against 90%).
    from fractions import Fraction

    from morctl.render_report import _beside, _fig, num, pct, pts, spread
    from morctl.report import Figure

    assert [pct(Figure(Fraction(n, d))) for n, d in ((10, 16), (5, 8), (3, 8), (29, 200))] == [
        "63%", "63%", "38%", "15%"
    ]  # fmt: skip
    assert [num(Figure(Fraction(n, 4))) for n in (13, 15)] == ["3.3", "3.8"]
    assert pts(Figure(Fraction(-1, 40))) == "-3 pts" and pts(Figure(Fraction(1, 40))) == "+3 pts"
    assert spread(Figure(Fraction(5, 8))) == "63 pts"
    # JSON's four decimals too: 1 of 32 is 0.03125 (round() gave 0.0312, half to even)
    assert [Figure(Fraction(n, 32)) for n in (1, 5, 29)] == [0.0313, 0.1563, 0.9063]
    targets = {"adherence": 0.9, "on_time": 0.625, "useful": 3.5}
    doc = {"org": {"targets": targets, "flags": []}}
    assert _fig(doc, "adherence", Figure(Fraction(179, 200))) == "89.5%"  # not 90%
    flags = [{"person": "mia", "metric": "adherence"}]
    assert _beside(doc, flags, "adherence", Figure(Fraction(179, 200))) == "89.5%"
    assert _fig(doc, "on_time_rate", Figure(Fraction(5, 8))) == "63%"  # on target
    assert _fig(doc, "useful", Figure(Fraction(69, 20))) == "3.45"  # below 3.5


@pytest.mark.parametrize(
    ("metric", "value", "flagged", "shown"),
    [
        # rounding would cross the target: one more digit, towards the truth
        ("adherence", 0.8966, True, "89.6%"),  # 26 of 29: not "90%" beside "below 90%"
        ("adherence", 0.89999, True, "89.9%"),
        ("adherence", 0.9, True, "<90%"),  # 0.89996 exact, rounded to 0.9 in the document
        ("useful", 3.45, True, "3.45"),  # not "3.5" beside "useful below 3.5"
        ("on_time_rate", 0.865, False, "87%"),  # on target: 86.5 rounds half up
        # rounding keeps the side: printed as always
        ("adherence", 0.8667, True, "87%"),
        ("adherence", 0.9, False, "90%"),
        ("useful", 3.44, True, "3.4"),
        ("useful", None, False, "–"),
    ],
)
def test_a_figure_never_contradicts_its_flag(
    metric: str, value: float | None, flagged: bool, shown: str
) -> None:
    from morctl.render_report import _beside

    targets = {"adherence": 0.9, "on_time": 0.865, "useful": 3.5}
    flags = [{"person": "mia", "metric": metric}] if flagged else []
    doc = {"org": {"targets": targets, "flags": flags}}
    assert _beside(doc, flags, metric, value) == shown


@pytest.mark.parametrize(
    ("metric", "value", "shown"),
    [
        ("adherence", 0.8966, "89.6%"),
        ("adherence", 0.9, "90%"),
        ("adherence", 0.8667, "87%"),
        ("useful", 3.45, "3.45"),
        ("on_time_rate", 0.865, "87%"),
        ("on_time_rate", 0.8649, "86%"),  # below, and printed below
        ("on_time_rate", None, "–"),
    ],
)
def test_a_figure_without_a_flag_never_reads_as_meeting_a_target_it_misses(
    metric: str, value: float | None, shown: str
) -> None:
    # The organisation's, an activity's, a leader's or a week's figure, against the
    # people's target for the same metric.
    from morctl.render_report import _fig

    doc = {"org": {"targets": {"adherence": 0.9, "on_time": 0.865, "useful": 3.5}}}
    assert _fig(doc, metric, value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (258 / 259, "99.6%"),  # one meeting missed: never "100%"
        (1 / 259, "0.4%"),  # one held: never "0%"
        (0.99996, "99.9%"),
        (0.00001, "0.1%"),
        (1.0, "100%"),
        (0.0, "0%"),
        (0.994, "99%"),
        (0.5, "50%"),
    ],
)
def test_only_all_reads_as_100_percent_and_only_none_as_0(value: float, shown: str) -> None:
    from morctl.render_report import pct
    from morctl.report import Figure

    assert pct(value) == shown
    assert pct(Figure(value)) == shown  # 0.99996 is 1.0 in the document


def test_a_change_that_rounds_to_nothing_has_no_sign() -> None:
    from morctl.render_report import pts

    assert [pts(x) for x in (-0.004, 0.004, 0.0, -0.006, 0.126, None)] == [
        "0 pts", "0 pts", "0 pts", "-1 pt", "+13 pts", "–",
    ]  # fmt: skip


def test_a_figure_is_judged_by_its_counts_not_its_rounding() -> None:
    # 35,999 of 40,000 is 0.899975, 0.9 in the document (four decimals): not "90%".
    from morctl.render_report import _fig

    doc = {"org": {"targets": {"adherence": 0.9, "on_time": 0.8}}}
    row = {"done": 35_999, "missed": 4_001, "on_time": 35_999}
    assert _fig(doc, "adherence", round(35_999 / 40_000, 4), row) == "<90%"
    assert _fig(doc, "adherence", 0.9, {"done": 9, "missed": 1, "on_time": 9}) == "90%"
    assert _fig(doc, "on_time_rate", 0.8, {"done": 8, "missed": 2, "on_time": 8}) == "80%"


# One stand-up a day for managers, targets 90% and 3.5; `people:` follows.
STANDUP = textwrap.dedent("""\
    morctl: 1
    id: standup
    name: Stand-up
    timezone: Europe/London
    effective: 2026-01-05
    targets: {adherence: 0.9, useful: 3.5}
    levers: {pc: Pipeline coverage}
    roles:
      manager: {title: Manager, capacity: 8h}
    activities:
      standup:
        title: Standup
        area: execution
        owner: manager
        cadence: {every: day, at: "09:00", for: 15m}
        admission:
          lever: pc
          standard: Every stalled deal has a next step
          evidence: {happened: log, useful: The team rates it}
    people:
    """)


def test_a_figure_without_counts_is_judged_by_its_exact_value(tmp_path: Any) -> None:
    # A median, a p10, a leader's figure have no counts to judge by: the median of 123/150
    # and 244/249 is 0.89996, 0.9 in the JSON, and is printed under a 90% target as missing
    # it ("median 90%" read as met), in every format; the JSON keeps its four decimals.
    from morctl.render_report import _fig
    from morctl.report import Figure

    doc = {"org": {"targets": {"adherence": 0.9, "on_time": 0.8, "useful": 3.5}}}
    assert _fig(doc, "adherence", Figure((123 / 150 + 244 / 249) / 2)) == "89.9%"
    assert _fig(doc, "useful", Figure(3.49996)) == "3.49"
    assert _fig(doc, "adherence", Figure(0.90001)) == "90%"
    assert json.dumps({"median": Figure((123 / 150 + 244 / 249) / 2)}) == '{"median": 0.9}'
    root = tmp_path / "team"
    (root / "logs").mkdir(parents=True)
    people = "".join(f"  - {{id: {p}, name: {p.title()}, role: manager}}\n" for p in ("mia", "leo"))
    (root / "rhythm.yaml").write_text(STANDUP + people, encoding="utf-8")
    days = [date(2026, 1, 5) + timedelta(days=i) for i in range(361)]
    weekdays = [d for d in days if d.weekday() < 5]
    rows = ["date,activity,owner,with,status,useful,actions,note,reason"]
    for pid, done, held in (("mia", 123, 150), ("leo", 244, 249)):
        for i, day in enumerate(weekdays):
            if i < done:
                rows.append(f"{day},standup,{pid},,done,4,,,")
            elif i >= held:
                rows.append(f"{day},standup,{pid},,skipped,,,,off")
    (root / "logs" / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ("--from", "2026-01-05", "--to", str(weekdays[-1]), "--as-of", "2027-01-04")
    for fmt in ("table", "md", "html"):
        r = morctl("report", str(root), *args, "--format", fmt)
        assert r.code == 0, r.err
        assert "median 89.9%" in r.out, r.out[:400]
    doc = json.loads(morctl("report", str(root), *args, "--format", "json").out)
    assert doc["org"]["median"] == 0.9


def test_every_printed_figure_reads_on_the_side_of_its_target(tmp_path: Any) -> None:
    # One stand-up a day, 26 of 29 held, rated 3.45 on average; targets 90% and 3.5. Every
    # figure of the report is 89.66% and 3.45: printed "90%" and "3.5" they would read as
    # meeting the targets the row's own flag says they miss.
    root = tmp_path / "team"
    (root / "logs").mkdir(parents=True)
    (root / "rhythm.yaml").write_text(
        STANDUP + "  - {id: mia, name: Mia, role: manager}\n",
        encoding="utf-8",
    )
    days = [date(2026, 11, 2) + timedelta(days=i) for i in range(39)]
    weekdays = [x for x in days if x.weekday() < 5][:29]
    rows = ["date,activity,owner,with,status,useful,actions,note,reason"]
    for i, day in enumerate(weekdays[:26]):
        rows.append(f"{day},standup,mia,,done,{4 if i < 12 else 3},,,")  # 12 fours: 3.46
    (root / "logs" / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    last = str(weekdays[28])
    for fmt in ("table", "md", "html"):
        r = morctl("report", str(root), "--from", "2026-11-02", "--to", last,
                   "--as-of", "2026-12-31", "--format", fmt)  # fmt: skip
        assert r.code == 0, r.err
        assert "adherence below 90%" in r.out and "useful below 3.5" in r.out
        # (one person: no median or spread, which say nothing of one figure)
        assert "Org adherence 89.6%\n" in r.out.replace("</li>", "\n")
        assert "useful 3.46/5" in r.out, r.out
        assert "Standup (standup) 89.6%" in r.out  # the lowest activities
        assert r.out.count("89.6%") == 4, r.out  # org, the person, the activity twice


def test_a_target_between_whole_percents_is_quoted_to_the_digit() -> None:
    from morctl.render_report import _flag_text

    assert _flag_text({"metric": "adherence", "target": 0.905}) == "adherence below 90.5%"
    assert _flag_text({"metric": "on_time_rate", "target": 0.8}) == "on time below 80%"
    assert _flag_text({"metric": "useful", "target": 3.46}) == "useful below 3.46"
    assert _flag_text({"metric": "useful", "target": 4}) == "useful below 4.0"


def test_a_planned_cell_says_what_is_not_due_yet() -> None:
    from morctl.render_report import _cell

    assert _cell(done=0, missed=2, planned=2) == "0/2"  # both missed
    assert _cell(done=0, missed=0, planned=2) == "0/2 (2 pend)"  # both still to come
    assert _cell(done=1, missed=0, planned=2) == "1/2 (1 pend)"
    assert _cell(done=0, missed=0, planned=0) == ""
    # excused meetings are not in planned, and said beside it: a blank is nothing scheduled
    assert _cell(done=0, missed=0, planned=0, excused=1) == "(1 exc)"
    assert _cell(done=3, missed=1, planned=4, excused=1) == "3/4 (1 exc)"
    assert _cell(done=1, missed=0, planned=2, excused=2) == "1/2 (1 pend, 2 exc)"


def test_fail_under_rounds_each_figure_half_up_but_never_to_the_bar() -> None:
    # 4 of 6 done was named "66.6%" below 0.67, where the table prints 67%: it is 66.7%.
    from morctl.report import _tenths_below

    assert _tenths_below(Fraction(4, 6), Fraction("0.67")) == 667
    assert _tenths_below(Fraction(2, 3), Fraction("0.9")) == 667
    # 0.8996 rounds to 90.0%, which reads as meeting 0.9: floored instead
    assert _tenths_below(Fraction(8996, 10000), Fraction("0.9")) == 899
    assert _tenths_below(Fraction(8994, 10000), Fraction("0.9")) == 899
    assert _tenths_below(Fraction(6665, 10000), Fraction("0.667")) == 666


def test_fail_under_names_each_figure_rounded(tmp_path: Any) -> None:
    r = morctl("report", str(TEAM), *TEAM_ARGS, "--fail-under", "0.99")
    assert r.code == 1
    line = next(x for x in r.err.splitlines() if "adherence below 0.99" in x)
    assert re.search(r": \w+ \(\d+\.\d%\)", line), line
    doc = team_doc()
    for pid, figure in re.findall(r"(\w+) \((\d+\.\d)%\)", line):
        person = next(p for p in doc["people"] if p["id"] == pid)
        exact = person["done"] / (person["done"] + person["missed"])
        assert abs(float(figure) - exact * 100) <= 0.05 + 1e-9 and float(figure) < 99


def test_the_terminal_table_lines_up_wide_and_combining_characters() -> None:
    from rich.cells import cell_len

    from morctl.render_report import _text_table

    rows = [["予測会議 🚀", "x"], ["Re\u0301vision", "y"], ["plain", "z"], ["Win\tloss", "w"]]
    lines = _text_table(("activity", "id"), rows)
    assert "\t" not in "".join(lines)  # a tab in a title would jump to the next tab stop
    # the second column starts at the same terminal cell on every line
    starts = [cell_len(line[: line.rindex(" ") + 1]) for line in lines]
    assert len(set(starts)) == 1, lines


def test_markdown_nests_the_listed_rows_under_their_count() -> None:
    md = report(TEAM, *TEAM_ARGS, fmt="md")
    data = md.split("## Data")[1].strip().splitlines()
    counts = [i for i, ln in enumerate(data) if ln.startswith("- Log problems")]
    assert counts, data
    listed = data[counts[0] + 1 :]
    listed = listed[: listed.index("")]  # the line pointing to the definitions is apart
    assert listed and all(ln.startswith("  - ") for ln in listed), data


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_a_report_names_its_rhythm_and_whose_it_is(fmt: str) -> None:
    # Two teams' reports, sent as attachments, were told apart by nothing but their dates.
    window = ("--week", "2026-W47", "--as-of", "2026-11-23", "--format", fmt)
    whole = morctl("report", str(ACME), *window).out
    assert "Acme sales operating rhythm (London, New York, Paris)" in whole
    team = morctl("report", str(ACME), *window, "--team", "priya").out
    assert "Priya Raman (priya) and everyone who reports to them, directly or not" in team
    one = morctl("report", str(ACME), *window, "--person", "marcus").out
    assert "Marcus Bell (marcus) only" in one
    doc = json.loads(morctl("report", str(ACME), *window[:4], "--format", "json", "--team",
                            "priya").out)  # fmt: skip
    assert doc["rhythm"]["id"] == "acme"
    assert doc["scope"] == {"person": None, "team": "priya", "name": "Priya Raman"}


def test_the_headline_says_whom_the_spread_is_over() -> None:
    from morctl.render_report import _counted

    people = [{"adherence": 0.5}, {"adherence": None}, {"adherence": 0.9}]
    assert _counted({"people": people}) == "the 2 people with something due"
    assert _counted({"people": people[:2]}) == "the 1 person with something due"
    assert _counted({"people": [people[0], people[2]]}) == "people"


def test_activities_at_100_percent_are_not_listed_as_lowest() -> None:
    # Priya's team held everything in W47: "Lowest adherence: ... 100%" read as an alarm.
    args = ("--week", "2026-W47", "--as-of", "2026-11-24", "--team", "priya")
    for fmt in ("table", "md", "html"):
        out = morctl("report", str(ACME), *args, "--format", fmt).out
        assert "Lowest adherence: none, every activity at 100%" in out, fmt
    doc = json.loads(morctl("report", str(ACME), *args, "--format", "json").out)
    assert [a["adherence"] for a in doc["org"]["lowest_activities"]] == [1.0, 1.0, 1.0]


def test_the_trend_names_the_year_only_when_the_weeks_run_over_two() -> None:
    """'W52 W53 W01' would read as one run of weeks whatever the years; a window of over
    a year would print 'W05' twice."""
    r = morctl(
        "report", str(ACME), "--from", "2026-11-02", "--to", "2026-11-22", "--as-of", "2026-11-24"
    )
    assert r.code == 0, r.err
    assert "Trend by week: ▇█▇  W45 81% W46 89.7% W47 82%\n" in r.out
    r = morctl(
        "report", str(ACME), "--from", "2026-12-21", "--to", "2027-01-10", "--as-of", "2027-01-15"
    )
    assert r.code == 0, r.err
    assert "  2026-W52 – 2026-W53 – 2027-W01 0%\n" in r.out


# -- the weeks of the planned-vs-done table (weeks fixture) ----------------------------------

WEEKS = HERE / "weeks"
WEEKS_ARGS = ("--month", "2026-03", "--as-of", "2026-03-25")


def _grid_lines(text: str, start: str) -> dict[tuple[str, str], list[str]]:
    """The planned-vs-done table of a terminal report: (person, activity) -> cells, split
    on the two spaces between columns (a blank cell is an empty string)."""
    lines = text[text.index(start) :].splitlines()[1:]
    head = lines[0]
    edges = [m.start() for m in re.finditer(r"(?<=  )\S", head)]
    out = {}
    for line in lines[1:]:
        if not line or line.startswith("done/planned:"):
            break
        cells = [line[a:b].strip() for a, b in zip([0, *edges], [*edges, None], strict=True)]
        out[(cells[0], cells[1])] = cells[2:]
    return out


def test_a_week_is_shown_only_when_it_holds_an_occurrence() -> None:
    # --month 2026-03 starts on Sunday 1, in W09, with nothing scheduled: no W09 column (it
    # had one, blank in every row). W12 is all excused (the Kick-off blackout): it stays.
    doc = json.loads(report(WEEKS, *WEEKS_ARGS))
    weeks = ["2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"]
    assert doc["org"]["planned_vs_done"]["weeks"] == weeks
    assert [w["week"] for w in doc["org"]["weeks"]] == weeks  # the trend: the same list
    table = report(WEEKS, *WEEKS_ARGS, fmt="table")
    assert "W09" not in table
    assert "Trend by week: ▇▆ █   W10 86% W11 67% W12 – W13 100% W14 –\n" in table
    # Weeks are those of the rows shown: kai joined on Mon 23, so his report has nothing
    # before W13, not even an excuse: W10 to W12 are left out of it.
    doc = json.loads(report(WEEKS, *WEEKS_ARGS, "--person", "kai"))
    assert doc["org"]["planned_vs_done"]["weeks"] == ["2026-W13", "2026-W14"]
    assert [w["week"] for w in doc["org"]["weeks"]] == ["2026-W13", "2026-W14"]
    html = report(WEEKS, *WEEKS_ARGS, "--person", "kai", fmt="html")
    assert (
        '<tr><th scope="col">person</th><th scope="col">2026-W13</th>'
        '<th scope="col">2026-W14</th></tr>'
    ) in html  # heat map
    md = report(WEEKS, *WEEKS_ARGS, "--person", "kai", fmt="md")
    assert "| person | activity | 2026-W13 | 2026-W14 |" in md


def test_the_acme_november_report_has_no_empty_first_week() -> None:
    # Sun 1 Nov 2026 is in W44 and holds nothing: the table starts at W45, as the trend does.
    args = ("--month", "2026-11", "--as-of", "2026-11-24")
    doc = json.loads(report(ACME, *args))
    pvd = doc["org"]["planned_vs_done"]
    assert pvd["weeks"][0] == "2026-W45"
    assert pvd["weeks"] == [w["week"] for w in doc["org"]["weeks"]]
    assert "W44" not in report(ACME, *args, fmt="table")


# Hand-computed from the fixture's comments and logs, judged on Wed 25 Mar (W10 to W12 are
# over, W13 and W14 are not). mia's huddle: W10 Mon 2 and Thu 5 done; W11 Mon 9 done, Thu 12
# skipped; W12 both excused; W13 Mon 23, Thu 26 and W14 Mon 30 pending. mia's reviews (ravi
# and sara): W10 both done; W11 ravi done, sara missed. leo's huddle: W10 Mon 2 done, Thu 5
# missed; W11 (away) and W12 excused; W13 Mon 23 done, Thu 26 pending. leo's review (tom):
# W10 done; W11 and W12 excused.
WEEKS_GRID = {
    ("kai", "Team huddle (huddle)"): ["", "", "", "0/2 (2 pend)", "0/1 (1 pend)"],
    ("kai", "Pipeline review (review)"): ["", "", "", "0/1 (1 pend)", "0/1 (1 pend)"],
    ("leo", "Team huddle (huddle)"): ["1/2", "(2 exc)", "(2 exc)", "1/2 (1 pend)", "0/1 (1 pend)"],
    ("leo", "Pipeline review (review)"): [
        "1/1",
        "(1 exc)",
        "(1 exc)",
        "0/1 (1 pend)",
        "0/1 (1 pend)",
    ],
    ("mia", "Team huddle (huddle)"): [
        "2/2",
        "1/1 (1 exc)",
        "(2 exc)",
        "0/2 (2 pend)",
        "0/1 (1 pend)",
    ],
    ("mia", "Pipeline review (review)"): ["2/2", "1/2", "(2 exc)", "0/2 (2 pend)", "0/2 (2 pend)"],
}


def test_an_excused_week_is_not_blank_in_any_format() -> None:
    doc = json.loads(report(WEEKS, *WEEKS_ARGS))
    rows = {(r["person"], r["activity"]): r for r in doc["org"]["planned_vs_done"]["rows"]}
    # planned leaves the excused out; the excused are their own array
    assert (rows["leo", "huddle"]["planned"], rows["leo", "huddle"]["excused"]) == (
        [2, 0, 0, 2, 1],
        [0, 2, 2, 0, 0],
    )
    assert (rows["mia", "huddle"]["planned"], rows["mia", "huddle"]["excused"]) == (
        [2, 1, 0, 2, 1],
        [0, 1, 2, 0, 0],
    )
    table = report(WEEKS, *WEEKS_ARGS, fmt="table")
    assert _grid_lines(table, "Planned vs done") == WEEKS_GRID
    legend = " ".join(table[table.index("done/planned:") :].split())
    assert "exc: excused, by the calendar (a holiday, time away) or by a skip logged" in legend
    assert "'(2 exc)' a week whose meetings were all excused" in legend
    md = report(WEEKS, *WEEKS_ARGS, fmt="md")
    assert (
        "| leo | Team huddle (huddle) | 1/2 | (2 exc) | (2 exc) | 1/2 (1 pend) | 0/1 (1 pend) |"
    ) in md
    assert "| kai | Team huddle (huddle) |  |  |  | 0/2 (2 pend) | 0/1 (1 pend) |" in md
    html = report(WEEKS, *WEEKS_ARGS, fmt="html")
    assert (
        '<tr><th scope="row">leo</th><td>Team huddle (huddle)</td><td>1/2</td><td>(2 exc)</td>'
        "<td>(2 exc)</td><td>1/2 (1 pend)</td><td>0/1 (1 pend)</td></tr>"
    ) in html
    # The heat map, per manager and week: an all-excused week is striped and says so; a
    # week with nothing scheduled (kai's before he joined) is the blank pale grey; a week
    # with nothing due yet the grey of pending. Colour: done / (done + missed) against the
    # 0.9 target, blue at or above it; 2 of 3 is orange, 0.741 of the way from #f16913 (0%)
    # to #fdae6b: (241 + 12 * 0.741, 105 + 69 * 0.741, 19 + 88 * 0.741) = #fa9c54, and says
    # it is below the target in its text (▼).
    cell = re.compile(r'<td style="background:([^";]*);color:#222">([^<]*)</td>')
    heat = {
        m.group(1): cell.findall(m.group(2))
        for m in re.finditer(r'^<tr><th scope="row">(\w+)</th>(<td style=.*)</tr>$', html, re.M)
    }
    striped, blank, pending, blue, orange = (
        EXCUSED, "#f7f7f7", "#eeeeee", "#c6dbef", "#fa9c54"
    )  # fmt: skip
    assert heat == {
        # W10 huddle 1/2 and review 1/1; W13 huddle Mon 23 done, Thu 26 and review pending
        "leo": [
            (orange, "2/3 ▼"), (striped, "(3 exc)"), (striped, "(3 exc)"), (blue, "1/3 (2 pend)"),
            (pending, "0/2 (2 pend)"),
        ],
        "mia": [
            (blue, "4/4"), (orange, "2/3 (1 exc) ▼"), (striped, "(4 exc)"),
            (pending, "0/4 (4 pend)"), (pending, "0/3 (3 pend)"),
        ],
        "kai": [
            (blank, ""), (blank, ""), (blank, ""), (pending, "0/3 (3 pend)"),
            (pending, "0/2 (2 pend)"),
        ],
    }  # fmt: skip
    legend = html[html.index('<p class="legend">') : html.index('<table class="heat')]
    assert "striped: every meeting excused (a holiday, time away, a skip logged" in legend
    assert "blank: nothing scheduled" in legend


def test_an_empty_window_and_activities_without_figures_are_told() -> None:
    # A weekend: nobody has anything, and the headline says why the tables are empty.
    weekend = ("--from", "2026-11-28", "--to", "2026-11-29", "--as-of", "2026-11-24")
    out = morctl("report", str(ACME), *weekend).out
    assert "0 people (nothing of the rhythm is scheduled in this window)" in out
    out = morctl("report", str(ACME), *weekend, "--person", "priya").out
    assert "0 people (nothing of theirs is scheduled in this window)" in out
    # An activity at 100% beside one with no figure (all pending or called off): not
    # "every activity at 100%".
    from morctl.render_report import _footer

    doc = json.loads(morctl("report", str(ACME), *weekend, "--format", "json").out)
    doc["activities"] = [
        {"activity": "team_huddle", "adherence": 1.0},
        {"activity": "forecast_call", "adherence": None},
    ]
    doc["org"]["lowest_activities"] = doc["activities"][:1]
    said = _footer(doc)
    assert "Lowest adherence: none, every activity with something due at 100%" in said
    doc["activities"] = doc["activities"][:1]
    assert "Lowest adherence: none, every activity at 100%" in _footer(doc)


def test_a_report_that_gives_up_its_rows_counts_them_the_same() -> None:
    # `morctl report` lets build empty its list of rows once indexed and drop them once
    # counted (at 10,000 managers the rows held at the document's making took the run over
    # 2 GiB): the document is the same, and the list is empty after.
    from morctl.logs import read
    from morctl.report import Inputs, build
    from morctl.workspace import load_workspace

    ws = load_workspace(str(TEAM)).workspace
    assert ws is not None
    window = (date(2026, 3, 9), date(2026, 3, 25), date(2026, 3, 24))

    def doc(owned: bool) -> tuple[dict[str, Any], int]:
        logs = read(ws, TEAM / "logs")
        rows = logs.completions
        assert rows
        made = build(Inputs(ws, rows, logs.rejected, logs.duplicates, *window, None, owned=owned))
        return made, len(rows)

    kept, n = doc(False)
    given, left = doc(True)
    assert given == kept and kept["people"] and (n, left) != (0, 0) and left == 0


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_heading_and_title_say_whose_report_it_is(fmt: str) -> None:
    # A person's and a team's report were headed as the whole organisation's: sent as
    # attachments, two teams' reports could not be told apart by their headings.
    window = ("--month", "2026-11", "--as-of", "2026-11-25", "--format", fmt)
    rhythm = "Acme sales operating rhythm (London, New York, Paris)"
    for scope, whose in (
        ((), "adherence"),
        (("--person", "marcus"), "adherence of Marcus Bell (marcus)"),
        (("--team", "priya"), "adherence of the team of Priya Raman (priya)"),
    ):
        out = morctl("report", str(ACME), *window, *scope).out
        heading = f"{rhythm}: {whose}, 2026-11-01 to 2026-11-30"
        if fmt == "md":
            assert out.splitlines()[0] == f"# {heading}", scope
        else:
            assert f"<title>{html_escape(heading)}</title>" in out, scope
            assert f"<h1>{html_escape(heading)}</h1>" in out, scope


def _md_section(md: str, heading: str) -> list[str]:
    """The lines of a Markdown report's section, its heading left out."""
    part = md.split(f"\n## {heading}\n", 1)[1]
    return part.split("\n## ", 1)[0].strip().splitlines()


@pytest.mark.parametrize(("copies", "people_cut"), [(40, False), (300, True)])
def test_a_markdown_report_fits_a_github_comment(copies: int, people_cut: bool) -> None:
    # 120 managers over 16 weeks made a Markdown report of 109,465 characters, over the
    # 65,536 a GitHub comment holds, without a word: the planned-vs-done table is cut
    # first, then the people table, each saying how many rows it left out and where.
    from morctl.render_report import render_md

    doc = json.loads(report(ACME, "--month", "2026-11", "--as-of", "2026-11-25"))
    assert "more rows" not in render_md(doc)  # a small report is whole
    people, grid = doc["people"], doc["org"]["planned_vs_done"]["rows"]
    doc["people"] = [{**p, "id": f"{p['id']}{n:03d}"} for n in range(copies) for p in people]
    doc["org"]["planned_vs_done"]["rows"] = [
        {**r, "person": f"{r['person']}{n:03d}"} for n in range(copies) for r in grid
    ]
    md = render_md(doc)
    assert 55_000 < len(md) < 60_000

    def shown(section: str, total: int, where: str) -> int:
        lines = _md_section(md, section)
        rows = [ln for ln in lines if ln.startswith("| ")][1:]  # after the heading row
        notes = [ln for ln in lines if ln.startswith("… and")]
        if len(rows) == total:
            assert notes == []
        else:
            left = total - len(rows)
            assert notes == [
                f"… and {left} more rows, left out to fit a GitHub comment: see {where}"
            ]
        return len(rows)

    grid_shown = shown(
        "Planned vs done, per person × activity × week", len(grid) * copies, "`--format json`"
    )
    people_shown = shown(
        "People, worst adherence first", len(people) * copies, "`--format html`, `csv` or `json`"
    )
    assert grid_shown < len(grid) * copies
    assert (people_shown < len(people) * copies) == people_cut
    if people_cut:
        assert grid_shown == 0  # the people are cut only once the grid is gone
    # The rest is all there: the activities, the leaders, the data below the tables.
    activities = [ln for ln in _md_section(md, "Activities") if ln.startswith("| ")]
    assert len(activities) == 1 + len(doc["activities"])
    assert _md_section(md, "Data")[0].startswith("- Lowest adherence")


def test_a_table_left_out_names_only_the_formats_that_show_it(monkeypatch: Any) -> None:
    # The terminal sent readers to the HTML page for a planned-vs-done table the page
    # leaves out as well (both stop at GRID_ROWS), and both to a Markdown report that may
    # have cut it to fit a comment.
    from morctl import render_report
    from morctl.render_report import render_html, render_md, render_table

    doc = json.loads(report(ACME, "--month", "2026-11", "--as-of", "2026-11-25"))
    rows = len(doc["org"]["planned_vs_done"]["rows"])
    monkeypatch.setattr(render_report, "GRID_ROWS", 2)
    assert "more rows" not in render_md(doc)  # Markdown shows it whole
    assert (
        f"Planned vs done: {rows} rows, too many for a terminal; see --format md or json\n"
        in render_table(doc)
    )
    html_hint = f"<p>Planned vs done, per person × activity × week: {rows} rows, too many "
    assert f"{html_hint}for a page; see --format md or json</p>" in render_html(doc)
    # 40 times the managers: Markdown cuts the table to fit a comment; JSON alone has it.
    people, grid = doc["people"], doc["org"]["planned_vs_done"]["rows"]
    doc["people"] = [{**p, "id": f"{p['id']}{n:03d}"} for n in range(40) for p in people]
    doc["org"]["planned_vs_done"]["rows"] = [
        {**r, "person": f"{r['person']}{n:03d}"} for n in range(40) for r in grid
    ]
    assert "more rows" in render_md(doc)
    assert (
        f"Planned vs done: {rows * 40} rows, too many for a terminal; see --format json\n"
        in render_table(doc)
    )
    html_hint = f"<p>Planned vs done, per person × activity × week: {rows * 40} rows, too "
    assert f"{html_hint}many for a page; see --format json</p>" in render_html(doc)


def test_the_headline_reads_as_english_when_figures_are_missing_or_one() -> None:
    # 'across the 0 people with something due', 'useful –/5', '+1 pts' and a trend that
    # started with a run of blanks, as a VP of Sales read them.
    from morctl.render_report import pts, spread

    assert [pts(x) for x in (0.01, -0.01, 0.02)] == ["+1 pt", "-1 pt", "+2 pts"]
    assert [spread(x) for x in (0.01, 0.0, 0.02)] == ["1 pt", "0 pts", "2 pts"]
    # W48 judged on Wed 25 Nov: nothing of it is due yet (marcus's week is all excused)
    out = morctl("report", str(ACME), "--week", "2026-W48", "--as-of", "2026-11-25").out
    lines = out.splitlines()
    assert lines[2:4] == [
        "Org adherence –: nobody has anything due yet",
        "On time –, useful: no ratings, actions –, hollow 0",
    ]
    assert lines[5] == "Trend by week: W48 –"
    # A month to come, and a window with nothing scheduled at all
    out = morctl("report", str(ACME), "--month", "2027-03", "--as-of", "2026-11-25").out
    assert "Org adherence –: nobody has anything due yet\n" in out
    assert "Trend by week: W09 – W10 – W11 – W12 – W13 –\n" in out
    weekend = ("--from", "2026-11-28", "--to", "2026-11-29", "--as-of", "2026-12-01")
    out = morctl("report", str(ACME), *weekend).out
    assert "Org adherence –: nobody had anything due in this window\n" in out
    # Figures there are, as they were: a rating, a change of one point
    out = morctl("report", str(ACME), "--week", "2026-W47", "--as-of", "2026-11-25").out
    assert "On time 70%, useful 3.6/5, actions 59%, hollow 11\n" in out


def test_the_html_page_reads_on_a_phone_in_dark_mode_and_printed() -> None:
    # On a 400-pixel phone the page was laid out for a desktop and its wide tables cut off;
    # Chrome's automatic dark mode turned the text white on the heat map's light cells;
    # printed on Letter or A4, the flags column fell off the page.
    page = report(ACME, "--month", "2026-11", "--as-of", "2026-11-25", fmt="html")
    head = page[: page.index("</head>")]
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head
    # The page sets its own colours: a browser darkens only a page that does not say so.
    assert '<meta name="color-scheme" content="light dark">' in head
    assert ":root{color-scheme:light dark}" in head
    assert "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;background:#fff}" in head
    # Every table scrolls sideways in a box of its own rather than running off the screen.
    assert page.count("<table") == page.count('<div class="wide"><table') == 5
    assert page.count("</table>") == page.count("</table></div>") == 5
    assert ".wide{overflow-x:auto}" in head
    # Each coloured cell sets its text colour, dark on the light colours.
    cells = re.findall(r'<td style="([^"]*)">', page)
    assert cells and all(re.fullmatch(r"background:[^;]+;color:#222", c) for c in cells), cells
    # Printed: landscape, a smaller type, and tables as wide as the page, their cells wrapped.
    print_css = head[head.index("@media print{") :]
    assert "@page{size:landscape" in head
    assert "table{width:100%}" in print_css
    assert "overflow-wrap:anywhere" in print_css


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _hue(colour: str) -> float | None:
    """The hue in degrees of a #rrggbb colour, None for a grey."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    top, low = max(r, g, b), min(r, g, b)
    if top == low:
        return None
    if top == r:
        return (60 * (g - b) / (top - low)) % 360
    return 60 * ((b - r) / (top - low) + 2) if top == g else 60 * ((r - g) / (top - low) + 4)


def test_the_heat_map_is_colour_blind_safe_and_has_a_legend() -> None:
    # Red and green carried the meaning, and nothing said what they meant. Now: blue at or
    # above the target, orange below it (darker the lower), the two hues people with
    # red-green colour blindness tell apart; a legend above the map names the target.
    page = report(WEEKS, *WEEKS_ARGS, fmt="html")
    legend = page[page.index('<p class="legend">') : page.index('<table class="heat')]
    text = " ".join(re.sub(r"<[^>]*>", " ", html_unescape(legend)).split())
    assert "against the adherence target of 90% (targets in rhythm.yaml)" in text
    assert "blue: 90% or more" in text
    assert "orange: below 90%, darker the lower, darkest at 0%" in text
    assert "grey: nothing due yet" in text
    assert "striped: every meeting excused" in text
    assert "blank: nothing scheduled" in text
    assert "no target set" not in text
    # The legend shows each colour as it is in the map, a swatch of the same background.
    keys = re.findall(r'<span class="key" style="background:([^;"]*);color:#222">', legend)
    assert keys == [
        "#c6dbef", "#fdae6b", "#f16913", "#eeeeee", EXCUSED
    ]  # fmt: skip
    # Every colour the map uses: blue, orange or grey, never a red or a green; dark text on
    # each reads at the WCAG AA contrast of 4.5 or more.
    used = set(re.findall(r'<td style="background:(#[0-9a-f]{6});color:#222">', page))
    assert used == {"#c6dbef", "#fa9c54", "#eeeeee", "#f7f7f7"}, used
    for colour in used | {"#fdae6b", "#f16913"}:
        hue = _hue(colour)
        assert hue is None or 20 <= hue <= 45 or 190 <= hue <= 220, (colour, hue)
        assert (_luminance(colour) + 0.05) / (_luminance("#222222") + 0.05) >= 4.5, colour
    # Without a target the legend says so: blue is 100%, anything below it orange.
    page = report(ESCAPE, *ESCAPE_ARGS, fmt="html")
    legend = page[page.index('<p class="legend">') : page.index('<table class="heat')]
    text = " ".join(re.sub(r"<[^>]*>", " ", html_unescape(legend)).split())
    assert "no target set (no adherence in the targets of rhythm.yaml)" in text
    assert "blue: 100%, all that was due done" in text
    assert "orange: below 100%, darker the lower" in text


EXCUSED = "repeating-linear-gradient(135deg,#f7f7f7 0 4px,#d9d9d9 4px 8px)"


@pytest.mark.parametrize(
    ("value", "target", "colour"),
    [
        # below the target, orange from #fdae6b (just below) to #f16913 (0%), by value /
        # target: 0.85 / 0.9 = 0.944 -> (241 + 12 * 0.944, 105 + 69 * 0.944, 19 + 88 * 0.944)
        (0.85, 0.9, "#fcaa66"),
        (0.9, 0.9, "#c6dbef"),
        (1.0, 0.9, "#c6dbef"),
        (0.0, 0.9, "#f16913"),
        (0.3, 0.9, "#f58030"),  # 1/3 of the way: (245, 128, 48.3)
        (0.85, None, "#fba45e"),  # no target: 100% is blue, 0.85 of the way up the orange
        (1.0, None, "#c6dbef"),
        (None, 0.9, "#eeeeee"),  # nothing due yet
    ],
)
def test_a_week_below_the_target_is_orange_and_never_blue(
    value: float | None, target: float | None, colour: str
) -> None:
    from morctl.render_report import _heat

    assert _heat(value, target) == colour


def test_an_empty_report_reads_as_sentences_across_the_page() -> None:
    # Nothing scheduled: the heat map was a one-column table whose long caption was
    # squeezed into a narrow column, a word a line. Now a sentence, as wide as the page.
    weekend = ("--from", "2026-11-28", "--to", "2026-11-29", "--as-of", "2026-11-24")
    page = report(ACME, *weekend, fmt="html")
    assert '<table class="heat' not in page and '<p class="legend">' not in page
    assert (
        "<p>Manager × week: no map, nothing is scheduled in this window for anyone in "
        "this report.</p>"
    ) in page
    # With people in it, the caption is short and the explanation a paragraph above the
    # map: a one-week report's two-column map no longer squeezes it.
    page = report(WEEKS, "--week", "2026-W13", "--as-of", "2026-03-25", fmt="html")
    caption = page[page.index('<table class="heat') :].split("</caption>")[0]
    assert caption.endswith("<caption>Manager × week: done / planned")
    assert page.index('<p class="legend">') < page.index('<table class="heat')


def test_html_text_left_numbers_right_long_names_wrap() -> None:
    # Names, activities, leaders and flags were right-aligned or centred and a long name
    # widened its table off the page. Text is left-aligned and wraps, numbers are right-
    # aligned in figures of one width.
    page = report(ACME, "--month", "2026-11", "--as-of", "2026-11-25", fmt="html")
    head = page[: page.index("</head>")]
    assert "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right;" in head
    assert "font-variant-numeric:tabular-nums}" in head
    text_cols = (
        ".t1 td:first-child,.t1 th:first-child,.t2 td:nth-child(-n+2),.t2 th:nth-child(-n+2),"
        ".tz td:last-child,.tz th:last-child{text-align:left;overflow-wrap:anywhere;min-width:5rem}"
    )
    assert text_cols in head
    assert "center" not in head
    # Which columns are text, table by table: the heat map and the leaders their first,
    # the people their first two (person, leader) and last (flags), the activities and the
    # planned-vs-done table their first two (title and id; person and activity).
    tables = re.findall(r'<table class="([^"]*)"(?: aria-labelledby="(\w+)")?>', page)
    assert tables == [
        ("heat t1", ""),
        ("t2 tz", "people"),
        ("t2", "activities"),
        ("t1", "leaders"),
        ("t2", "planned"),
    ]


def test_html_lists_nest_properly() -> None:
    # The unplanned completions and the rejected rows were <li> siblings of their heading
    # line, not a list inside it. Now each list is inside the <li> it belongs to.
    from html.parser import HTMLParser

    class Lists(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.bad: list[tuple[str, str]] = []
            self.nested: list[str] = []  # the text of each <li> that holds a <ul>

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            parent = self.stack[-1] if self.stack else ""
            if tag == "ul" and parent not in ("li", "body"):
                self.bad.append((tag, parent))
            if tag == "li" and parent != "ul":
                self.bad.append((tag, parent))
            if tag == "ul" and parent == "li":
                self.nested.append(self.text)
            if tag in ("ul", "li"):
                self.text = ""
            if tag not in ("meta",):
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack and self.stack[-1] == tag, (tag, self.stack)
            self.stack.pop()

        def handle_data(self, data: str) -> None:
            self.text = getattr(self, "text", "") + data

    page = report(TEAM, *TEAM_ARGS, fmt="html")
    lists = Lists()
    lists.feed(page)
    assert lists.bad == [] and lists.stack == []
    assert lists.nested == [
        "Unplanned completions (matched no occurrence): 2",
        "Log problems (rows rejected, files or columns not read): 3; duplicates counted once: 1",
    ]
    assert "<li>Unplanned completions (matched no occurrence): 2<ul><li>" in page
    assert "</li></ul></li><li>Log problems" in page
    assert page.endswith(
        "</li></ul></li></ul>\n<p>Definitions of every figure: docs/adherence.md in "
        "morctl&#x27;s documentation</p>\n</body></html>\n"
    )


def test_a_scoped_report_lists_the_rows_of_others_that_name_its_people(tmp_path: Any) -> None:
    # Mia's report read her 1:1s with Ravi and Sara as missed, while the rows that say
    # why were in the whole org's report only: Ravi logged his with owner and `with`
    # swapped, and Leo ran Sara's as a deputy. Her report lists them, with why; Leo's own
    # 1:1 with Tom is none of hers.
    ws = tmp_path / "team"
    shutil.copytree(TEAM, ws)
    (ws / "logs" / "others.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-03-17,review,ravi,mia,done,4,1,,\n"
        "2026-03-17,review,leo,sara,done,4,1,run for Mia,\n"
        "2026-03-24,review,leo,tom,done,4,1,,\n",
        encoding="utf-8",
    )

    def unplanned(doc: dict[str, Any]) -> list[tuple[str, str, str, str]]:
        return [(u["date"], u["owner"], u["with"], u["why"]) for u in doc["unplanned"]]

    whole = unplanned(json.loads(report(ws, *TEAM_ARGS)))
    mia = unplanned(json.loads(report(ws, *TEAM_ARGS, "--person", "mia")))
    theirs = [u for u in whole if u[1] in ("ravi", "leo") and u[0] == "2026-03-17"]
    assert [u[:3] for u in theirs] == [("2026-03-17", "leo", "sara"), ("2026-03-17", "ravi", "mia")]
    assert [u for u in mia if u[1] != "mia"] == theirs
    assert [u for u in mia if u[1] == "mia"] == [u for u in whole if u[1] == "mia"]
    # The team's report is Mia's people too; Leo's own report has his row with Sara, and
    # not Ravi's.
    assert unplanned(json.loads(report(ws, *TEAM_ARGS, "--team", "mia"))) == mia
    leo = unplanned(json.loads(report(ws, *TEAM_ARGS, "--person", "leo")))
    assert [u[:3] for u in leo if u[0] == "2026-03-17"] == [("2026-03-17", "leo", "sara")]
    assert "run for Mia" not in report(ws, *TEAM_ARGS, "--person", "mia", fmt="md")


def test_away_periods_given_beside_org_csv_excuse_the_week_in_the_report(tmp_path: Path) -> None:
    # A team whose roster is the HR export (org.csv) gives its managers' leave in org.yaml,
    # in entries of only id and away: that was a second definition of the person (MOR601)
    # or a person missing a name and a role, never an away week.
    folder = tmp_path / "acme"
    shutil.copytree(ACME, folder, ignore=shutil.ignore_patterns("org.yaml"))
    acme = load_workspace(str(ACME)).workspace
    assert acme is not None
    columns = ("id", "name", "email", "role", "manager", "timezone", "country")
    with (folder / "org.csv").open("w", encoding="utf-8", newline="") as f:
        rows = csv.writer(f, lineterminator="\n")
        rows.writerow(columns)
        for p in acme.people:
            assert not p.dated
            rows.writerow([getattr(p, c) or "" for c in columns])
    (folder / "org.yaml").write_text(
        "people:\n"
        "  - {id: marcus, away: [{from: 2026-11-23, to: 2026-11-27, reason: annual leave}]}\n"
        "  - {id: alice, away: [{from: 2026-08-17, to: 2026-08-21, reason: annual leave}]}\n",
        encoding="utf-8",
    )
    assert morctl("validate", str(folder), "--strict").code == 0
    week = ("--week", "2026-W34", "--as-of", "2026-08-24")
    doc = json.loads(report(folder, *week, "--person", "alice"))
    # Alice's week of leave, Mon 17 - Fri 21 August: huddles Mon 17 and Thu 20, a pipeline
    # review Tue 18 with each of her 4 reps, call participation Thu 20, and the win/loss
    # debrief of Fri 21 (every 2 weeks from Fri 6 February: 28 weeks on). All 8 excused.
    (alice,) = doc["people"]
    assert (alice["expected"], alice["excused"], alice["missed"], alice["done"]) == (8, 8, 0, 0)
    # The same roster as the example's org.yaml, so the same report, whole and in each part.
    for args in (
        week,
        (*week, "--person", "alice"),
        ("--week", "2026-W48", "--as-of", "2026-11-30"),
    ):
        assert report(folder, *args) == report(ACME, *args)
    expanded = morctl(
        "expand", str(folder), "--from", "2026-08-17", "--to", "2026-08-21", "--person", "alice",
        "--format", "json",
    )  # fmt: skip
    # Her own 8 are excused as away; dana's roll-up of Mon 17, which she attends, is not hers.
    occurrences = json.loads(expanded.out)
    own = [(o["status"], o["reason"]) for o in occurrences if o["owner"] == "alice"]
    assert own == [("excused", "away")] * 8
    assert [o["activity"] for o in occurrences if o["owner"] != "alice"] == ["vp_forecast_rollup"]


def test_no_change_is_given_against_a_window_in_which_nothing_was_logged() -> None:
    # acme's logs begin on Mon 3 Aug: August's previous window, July, is before the team
    # used morctl. Compared with it, everyone read +94..+100 pts, a change that never was.
    # With not one completion of anyone in it, no change is given, and the headline says why.
    doc = json.loads(report(ACME, "--month", "2026-08", "--as-of", "2026-11-25"))
    prev = doc["org"]["previous"]
    assert (prev["from"], prev["to"], prev["completions"]) == ("2026-07-01", "2026-07-31", 0)
    assert prev["done"] == 0 and prev["missed"] > 0  # July's meetings, judged missed
    assert doc["org"]["change"] is None
    assert {p["change"] for p in doc["people"]} == {None}
    said = (
        "Previous window 2026-07-01 to 2026-07-31: nothing was logged in it, so no change is given"
    )
    for fmt in ("table", "md", "html"):
        out = report(ACME, "--month", "2026-08", "--as-of", "2026-11-25", fmt=fmt)
        assert said in out, fmt
        assert not re.search(r"[+-]\d+ pts?", out), fmt  # no person's Δ prev either
    rows = csv.DictReader(io.StringIO(report(ACME, "--month", "2026-08", fmt="csv")))
    assert {r["change"] for r in rows} == {""}
    # September's previous window, August, has completions: compared as before.
    doc = json.loads(report(ACME, "--month", "2026-09", "--as-of", "2026-11-25"))
    assert doc["org"]["previous"]["completions"] > 0
    assert doc["org"]["change"] is not None


def test_one_completion_of_anyone_in_the_previous_window_gives_the_change(
    tmp_path: Path,
) -> None:
    # One completion of anyone, of any activity and status, is enough: a window that held
    # only a colleague's skip is one the team was logging in, and marcus's July is missed.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    (ws / "logs" / "2026-07.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-07-06,team_huddle,alice,,skipped,,,,offsite\n",
        encoding="utf-8",
    )
    window = ("--month", "2026-08", "--as-of", "2026-11-25", "--person", "marcus")
    doc = json.loads(report(ws, *window))
    assert doc["org"]["previous"]["completions"] == 1
    assert doc["org"]["previous"]["adherence"] == 0.0
    assert doc["org"]["change"] == doc["org"]["adherence"] == doc["people"][0]["change"]


def test_the_heat_map_reads_the_same_in_grey_and_without_colour() -> None:
    # Printed in grey, the met-target blue (#6baed6, luminance 0.38) was darker than the
    # near-miss orange (#fdd0a2, 0.69): the near misses looked best, and 2/8 like a target
    # met. Now the lighter the better, from the target met down to 0%, dark text reading
    # on each; and a week below the target says so in its text too.
    from morctl.render_report import HEAT_MET, _heat

    shades = [_heat(v / 100, 0.9) for v in (100, 90, 89, 80, 60, 45, 30, 10, 0)]
    grey = [_luminance(c) for c in shades]
    assert grey == sorted(grey, reverse=True) and len(set(shades[1:])) == len(shades) - 1
    assert shades[:2] == [HEAT_MET, HEAT_MET] and grey[1] > grey[2]  # met, then just below
    for colour in shades:
        assert (_luminance(colour) + 0.05) / (_luminance("#222222") + 0.05) >= 4.5, colour
    page = report(WEEKS, *WEEKS_ARGS, fmt="html")
    cells = re.findall(r'<td style="background:(#[0-9a-f]{6});color:#222">([^<]*)</td>', page)
    below = [text for colour, text in cells if colour not in (HEAT_MET, "#eeeeee", "#f7f7f7")]
    assert below == ["2/3 ▼", "2/3 (1 exc) ▼"], cells
    assert [t for c, t in cells if c == HEAT_MET] == ["1/3 (2 pend)", "4/4"]
    assert sum("▼" in t for _, t in cells) == 2
    legend = page[page.index('<p class="legend">') : page.index('<table class="heat')]
    text = " ".join(re.sub(r"<[^>]*>", " ", html_unescape(legend)).split())
    assert "▼: below the target of 90%" in text
    # Without a target, blue is a week where everything due was done: not "100% or more".
    page = report(ESCAPE, *ESCAPE_ARGS, fmt="html")
    legend = page[page.index('<p class="legend">') : page.index('<table class="heat')]
    text = " ".join(re.sub(r"<[^>]*>", " ", html_unescape(legend)).split())
    assert "blue: 100%, all that was due done" in text and "100% or more" not in text
    assert "▼: below 100%" in text


def test_the_html_page_is_navigable_by_heading_and_by_table_cell() -> None:
    # A screen reader had captions only (no heading to jump to), column headers without a
    # scope and row labels as plain cells; the sparkline was read as "lower one eighth
    # block …"; the heat map said "Mia Laurent (mia)" where every table says "mia"; and
    # the person column scrolled out of sight on a phone.
    from html.parser import HTMLParser

    class Page(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.h2: list[str] = []
            self.rows: list[list[tuple[str, str | None]]] = []  # per row: (tag, scope)
            self.labels: list[str] = []  # the row labels, in order
            self.img: list[tuple[str | None, str]] = []
            self.tag = ""

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            a = dict(attrs)
            self.tag = tag
            if tag == "tr":
                self.rows.append([])
            elif tag in ("th", "td"):
                self.rows[-1].append((tag, a.get("scope")))
            elif tag == "h2":
                self.h2.append("")
            elif tag == "span" and a.get("role") == "img":
                self.img.append((a.get("aria-label"), ""))

        def handle_data(self, data: str) -> None:
            if self.tag == "h2":
                self.h2[-1] += data
            elif self.tag == "th" and self.rows[-1][-1][1] == "row":
                self.labels.append(data)

        def handle_endtag(self, tag: str) -> None:
            self.tag = ""

    page = report(WEEKS, *WEEKS_ARGS, fmt="html")
    p = Page()
    p.feed(page)
    assert p.h2 == [
        "Manager × week",
        "People, worst adherence first",
        "Activities",  # (no leaders in this fixture)
        "Planned vs done, per person × activity × week",
        "Data",
    ]
    heads = [r for r in p.rows if r[0] == ("th", "col")]
    body = [r for r in p.rows if r[0] != ("th", "col")]
    assert len(heads) == 4 and all(set(r) == {("th", "col")} for r in heads)
    # Every other row starts with its label, a row header; the rest are cells.
    assert body and all(r[0] == ("th", "row") and {c[0] for c in r[1:]} <= {"td"} for r in body)
    # The heat map and the people table name each person the same way: by id.
    people = ["kai", "leo", "mia"]
    assert sorted(p.labels[:3]) == sorted(p.labels[3:6]) == people
    assert "Mia Laurent" not in page
    # The sparkline is an image whose words are the weeks' figures.
    assert p.img == [
        ("Adherence by week: W10 86%, W11 67%, W12 nothing due, W13 100%, W14 nothing due", "")
    ]
    head = page[: page.index("</head>")]
    assert 'th[scope="row"]{position:sticky;left:0;background:#fff' in head


def test_a_scoped_headline_says_whose_adherence_and_leaves_out_a_spread_of_one() -> None:
    # `--person marcus` read "Org adherence 40%; across people: median 40%, p10 40%, p90
    # 40% (spread 0 pts)": neither the organisation's, nor a spread of anything.
    month = ("--month", "2026-11", "--as-of", "2026-11-25")
    for fmt in ("table", "md", "html"):
        out = report(ACME, *month, "--person", "marcus", fmt=fmt)
        assert "Adherence (marcus) 40%" in out, fmt
        assert "Org adherence" not in out and "median" not in out and "spread" not in out
        team = html_unescape(report(ACME, *month, "--team", "priya", fmt=fmt))
        assert "Org adherence" not in team
        assert re.search(r"Team adherence \(priya's team\) \d+%", team), fmt
        # priya's team holds one person with something due: no spread either.
        assert "median" not in team
        org = report(ACME, *month, fmt=fmt)
        assert re.search(
            r"Org adherence \d+% of the \d+ due so far; \d+ still pending \(not "
            r"due yet\); across people: median",
            org,
        ), fmt
    # JSON keeps its keys: over one person, the quantiles are that person's figure.
    doc = json.loads(report(ACME, *month, "--person", "marcus"))
    org = doc["org"]
    assert org["people_due"] == 1
    assert org["median"] == org["p10"] == org["p90"] == org["adherence"] == 0.4
    assert org["spread"] == 0.0


def test_a_mid_week_report_says_how_much_was_due_so_far() -> None:
    # Judged on Wednesday, marcus had 1 meeting due of 8 (7 pending): "100%, Δ prev +25
    # pts", and the org's 100% without a word that most of the week was still to come.
    week = ("--week", "2026-W47", "--as-of", "2026-11-18")
    doc = json.loads(report(ACME, *week))
    marcus = next(p for p in doc["people"] if p["id"] == "marcus")
    assert (marcus["done"], marcus["missed"], marcus["pending"]) == (1, 0, 7)
    assert marcus["change"] is None  # more of it pending than due: no change yet
    priya = next(p for p in doc["people"] if p["id"] == "priya")
    assert (priya["done"] + priya["missed"], priya["pending"]) == (7, 2)
    assert priya["change"] == 0.0  # mostly due: compared
    org = doc["org"]
    assert (org["done"] + org["missed"], org["pending"]) == (19, 14)
    assert org["change"] is not None
    for fmt in ("table", "md", "html"):
        out = report(ACME, *week, fmt=fmt)
        assert (
            "Org adherence 100% of the 19 due so far; 14 still pending (not due yet); across people"
        ) in out, fmt
    # A window that is over says nothing of the sort.
    assert "due so far" not in report(ACME, "--week", "2026-W46", "--as-of", "2026-11-25", fmt="md")


def test_every_format_names_its_sections_and_activities_the_same_way() -> None:
    # Markdown said "People (worst first)" and "Leaders", HTML "People, worst adherence
    # first" and "Leaders: own adherence beside their team's"; the planned-vs-done table
    # and "Lowest adherence" gave an activity's title without its id; a report with
    # nothing due dropped "Lowest adherence"; none said where the definitions are.
    month = ("--month", "2026-11", "--as-of", "2026-11-25")
    names = (
        "People, worst adherence first",
        "Activities",
        "Leaders: own adherence beside their team's",
        "Planned vs done, per person × activity × week",
    )
    pointer = "Definitions of every figure: docs/adherence.md in morctl's documentation"
    for fmt in ("table", "md", "html"):
        out = html_unescape(report(ACME, *month, fmt=fmt))
        lines = [re.sub(r"<[^>]*>|^#+ ", "", line) for line in out.splitlines()]
        for name in names:
            assert name in lines, (fmt, name)
        assert "People (worst first)" not in out
        assert "Team huddle (team_huddle)" in out  # in the planned-vs-done table
        assert re.search(r"Lowest adherence: Win/loss debrief \(win_loss_debrief\) 50%", out)
        assert out.count(pointer) == 1, fmt
        # Nothing due: W48 judged on the Sunday before it starts.
        empty = report(ACME, "--week", "2026-W48", "--as-of", "2026-11-22", fmt=fmt)
        assert "Lowest adherence: none, nothing was due" in empty, fmt
