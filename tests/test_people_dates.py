"""People who join and leave a team: the roster's `joined` and `left` days.

A new hire added to the roster today must not make last month's report count their
manager's 1:1s with them as missed; a leaver kept in the roster with `left` keeps their
history in reports, and nothing of theirs is scheduled after that day.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from conftest import acme_edited, morctl

TODAY = "2026-11-24"
PRIYA = "{id: priya, name: Priya Raman, email: priya.raman@acme.example, role: manager,"
OLIVER = "{id: oliver, name: Oliver Hughes, email: oliver.hughes@acme.example, role: rep,"
TEAM = "  # Priya Raman's team, London (6)\n"
NEWBIE = (
    "  - {{id: nadia, name: Nadia Haddad, email: nadia.haddad@acme.example, role: rep, "
    "manager: priya, timezone: Europe/London, country: GB-ENG{extra}}}\n"
)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MORCTL_TODAY", TODAY)


def _env() -> dict[str, str]:
    return {**os.environ, "MORCTL_TODAY": TODAY}


def _with_newbie(tmp_path: Path, extra: str) -> Path:
    """The example with Nadia first in Priya's team (``extra``: her dates, if any)."""
    return acme_edited(tmp_path, "org.yaml", TEAM, TEAM + NEWBIE.format(extra=extra))


def _priya(ws: Path, *window: str) -> dict[str, object]:
    r = morctl("report", str(ws), *window, "--person", "priya", "--format", "json", env=_env())
    assert r.code == 0, r.err
    people = json.loads(r.out)["people"]
    assert [p["id"] for p in people] == ["priya"]
    return {k: people[0][k] for k in ("done", "missed", "pending", "adherence")}


def _expand(ws: Path, first: str, last: str, *more: str) -> list[dict[str, object]]:
    """`expand --format json`, each occurrence with its scheduled day (from its key)."""
    r = morctl("expand", str(ws), "--from", first, "--to", last, "--format", "json", *more)
    assert r.code == 0, r.err
    return [{**o, "scheduled": o["key"].rsplit("/", 1)[1]} for o in json.loads(r.out)]


def test_a_new_hire_does_not_lower_the_managers_past_months(tmp_path: Path) -> None:
    october = ("--month", "2026-10")
    before = _priya(acme_edited(tmp_path / "a", "org.yaml", TEAM, TEAM), *october)
    # Without a `joined` day she is in the team since `effective`: October's reviews with
    # her count as missed (the unfairness the key is for).
    undated = _priya(_with_newbie(tmp_path / "b", ""), *october)
    assert undated["missed"] > before["missed"]
    joined = _with_newbie(tmp_path / "c", ", joined: 2026-11-23")
    assert _priya(joined, *october) == before
    # Her first review is the Tuesday after she joins, at 09:00: she is first in the team.
    mine = [
        o
        for o in _expand(joined, "2026-11-16", "2026-12-01")
        if o["activity"] == "pipeline_review" and o["with"] == "nadia"
    ]
    assert [(o["scheduled"], o["start"][11:16]) for o in mine] == [
        ("2026-11-24", "09:00"),
        ("2026-12-01", "09:00"),
    ]


def test_a_team_meeting_lists_a_new_hire_from_the_day_she_joins(tmp_path: Path) -> None:
    ws = _with_newbie(tmp_path, ", joined: 2026-11-23")
    huddles = {
        o["scheduled"]: o["attendees"]
        for o in _expand(ws, "2026-11-16", "2026-11-26")
        if o["key"].startswith("team_huddle/priya/")
    }
    assert sorted(huddles) == ["2026-11-16", "2026-11-19", "2026-11-23", "2026-11-26"]
    assert "nadia" not in huddles["2026-11-19"]
    assert huddles["2026-11-23"][0] == "nadia"
    assert "nadia" in huddles["2026-11-26"]
    theirs = _expand(ws, "2026-11-16", "2026-11-26", "--person", "nadia")
    assert min(o["scheduled"] for o in theirs) == "2026-11-23"


def test_a_leaver_keeps_their_history_and_nothing_is_scheduled_after(tmp_path: Path) -> None:
    october, november = ("--month", "2026-10"), ("--month", "2026-11")
    plain = acme_edited(tmp_path / "a", "org.yaml", OLIVER, OLIVER)
    left = acme_edited(tmp_path / "b", "org.yaml", OLIVER, OLIVER + " left: 2026-11-06,")
    assert _priya(left, *october) == _priya(plain, *october)
    # November: his reviews after the 6th are not due (his log rows for them are unplanned).
    was, now = _priya(plain, *november), _priya(left, *november)
    assert now != was
    reviews = [
        (o["with"], o["scheduled"], o["start"][11:16])
        for o in _expand(left, "2026-11-03", "2026-11-10")
        if o["key"].startswith("pipeline_review/priya/")
    ]
    # Each day's team runs back to back from 09:00 in roster order: his history keeps its
    # times, and after he left the team runs from 09:00 without a gap where he was.
    assert ("oliver", "2026-11-03", "09:00") in reviews
    assert ("aisha", "2026-11-03", "09:30") in reviews
    assert not [r for r in reviews if r[0] == "oliver" and r[1] > "2026-11-06"]
    assert ("aisha", "2026-11-10", "09:00") in reviews
    huddles = [
        o for o in _expand(left, "2026-11-05", "2026-11-09") if o["activity"] == "team_huddle"
    ]
    on = {o["scheduled"]: o["attendees"] for o in huddles if o["owner"] == "priya"}
    assert "oliver" in on["2026-11-05"] and "oliver" not in on["2026-11-09"]


def test_feeds_give_a_new_hire_only_her_days_in_the_team(tmp_path: Path) -> None:
    ws = _with_newbie(tmp_path, ", joined: 2026-11-23")
    window = ("--from", "2026-11-16", "--to", "2026-12-31")
    everyone, alone = tmp_path / "all", tmp_path / "one"
    assert morctl("calendar", str(ws), "--out", str(everyone), *window, env=_env()).code == 0
    r = morctl("calendar", str(ws), "--out", str(alone), "--person", "nadia", *window, env=_env())
    assert r.code == 0, r.err

    def body(path: Path) -> list[str]:
        return [ln for ln in path.read_text().splitlines() if not ln.startswith("DTSTAMP")]

    assert body(everyone / "nadia.ics") == body(alone / "nadia.ics")
    # Checked with an independent RFC 5545 expander.
    for feed, who in (("nadia.ics", None), ("priya.ics", "Nadia Haddad")):
        cal = icalendar.Calendar.from_ical((everyone / feed).read_bytes())
        events = recurring_ical_events.of(cal).between(date(2026, 11, 1), date(2027, 1, 1))
        days = [
            e["DTSTART"].dt.date()
            for e in events
            if who is None or who in str(e["SUMMARY"]) or who in str(e.get("DESCRIPTION", ""))
        ]
        assert days and min(days) >= date(2026, 11, 23), feed


def test_a_leaver_does_not_change_the_uids_of_the_others_meetings(tmp_path: Path) -> None:
    # Oliver, first in Priya's team, leaves on 15 January: from then Aisha's review moves
    # up from 09:30 to 09:00. Her series became 49 single events with new UIDs, past ones
    # included, and the series was cancelled: every calendar lost and re-added them
    # (DESIGN §7: UIDs survive edits that keep activity, owner and report). The series is
    # kept, at its most frequent time, the others its overrides.
    ws = acme_edited(tmp_path / "a", "org.yaml", OLIVER, OLIVER)
    out = tmp_path / "feeds"
    window = ("--from", "2026-11-01", "--to", "2027-10-31")
    assert morctl("calendar", str(ws), "--out", str(out), *window, env=_env()).code == 0
    uid = "UID:pipeline_review/priya/aisha@acme.morctl"
    assert (out / "aisha.ics").read_text().count(uid) == 1
    org = ws / "org.yaml"
    org.write_text(org.read_text().replace(OLIVER, OLIVER + " left: 2027-01-15,"))
    r = morctl("calendar", str(ws), "--out", str(out), *window, env=_env())
    assert r.code == 0, r.err
    feed = (out / "aisha.ics").read_text()
    assert "STATUS:CANCELLED" not in feed
    assert "UID:pipeline_review/priya/aisha/" not in feed  # no single event
    # Checked with an independent RFC 5545 expander: the series, and its 09:30 overrides
    # up to Oliver's last day, give expand's meetings.
    cal = icalendar.Calendar.from_ical(feed.encode())
    events = recurring_ical_events.of(cal).between(date(2026, 11, 1), date(2027, 11, 1))
    starts = sorted(
        e["DTSTART"].dt.isoformat() for e in events if str(e["UID"]).startswith(uid[4:])
    )
    occs = _expand(ws, *window[1::2], "--person", "aisha")
    assert starts == sorted(
        str(o["start"])
        for o in occs
        if o["activity"] == "pipeline_review" and o["status"] == "scheduled"
    )
    assert starts[0].startswith("2026-11-03T09:30") and starts[-1].endswith("T09:00:00+01:00")


def test_validate_dates_of_people(tmp_path: Path) -> None:
    ws = acme_edited(tmp_path, "org.yaml", PRIYA, PRIYA + " left: 2026-11-20,")
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 0, r.out
    assert "warning MOR614 priya left on 2026-11-20, but oliver, aisha and 4 more" in r.out
    ws = acme_edited(
        tmp_path / "b", "org.yaml", PRIYA, PRIYA + " joined: 2026-11-30, left: 2026-11-20,"
    )
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 1
    assert "error MOR613 priya: left 2026-11-20 is before joined 2026-11-30" in r.out


def test_load_does_not_count_a_report_who_has_left(tmp_path: Path) -> None:
    from morctl.load import loads
    from morctl.validate import require_valid

    def load_of(ws: Path) -> int:
        found = [x for x in loads(require_valid(ws)) if x.person == "priya"]
        return found[0].minutes

    plain = acme_edited(tmp_path / "a", "org.yaml", OLIVER, OLIVER)
    left = acme_edited(tmp_path / "b", "org.yaml", OLIVER, OLIVER + " left: 2026-11-06,")
    later = acme_edited(tmp_path / "c", "org.yaml", OLIVER, OLIVER + " left: 2026-12-18,")
    assert load_of(left) < load_of(plain) == load_of(later)
    # A hire still to join is counted: the load the manager is to plan for (adherence.md).
    hire = _with_newbie(tmp_path / "d", ", joined: 2027-01-04")
    assert load_of(hire) == load_of(_with_newbie(tmp_path / "e", "")) > load_of(plain)


def test_org_csv_reads_joined_and_left(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    rhythm = acme_edited(tmp_path / "x", "org.yaml", TEAM, TEAM) / "rhythm.yaml"
    (ws / "rhythm.yaml").write_text(rhythm.read_text())
    (ws / "org.csv").write_text(
        "id,name,role,manager,timezone,country,joined,left\n"
        "dana,Dana Whitfield,vp,,Europe/London,GB-ENG,,\n"
        "priya,Priya Raman,manager,dana,Europe/London,GB-ENG,,\n"
        "oliver,Oliver Hughes,rep,priya,Europe/London,GB-ENG,,2026-11-06\n"
        "nadia,Nadia Haddad,rep,priya,Europe/London,GB-ENG,2026-11-23,\n"
    )
    reviews = {
        (o["with"], o["scheduled"])
        for o in _expand(ws, "2026-11-01", "2026-11-30")
        if o["activity"] == "pipeline_review"
    }
    assert {d for w, d in reviews if w == "oliver"} == {"2026-11-03"}
    assert {d for w, d in reviews if w == "nadia"} == {"2026-11-24"}
    (ws / "org.csv").write_text(
        "id,name,role,manager,Hire Date\ndana,Dana Whitfield,vp,,2026-01-05\n"
    )
    r = morctl("validate", str(ws), env=_env())
    assert "unknown column 'Hire Date' (did you mean 'joined'?)" in r.out


def test_a_completion_before_joining_is_unplanned_without_an_effective_date(
    tmp_path: Path,
) -> None:
    # No `effective`: the matching looks back for where a series starts; it must stop at
    # the day the report joined, not go on to the beginning of time.
    ws = _with_newbie(tmp_path, ", joined: 2026-11-23")
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text()
    lines = [ln for ln in text.splitlines(keepends=True) if not ln.startswith("effective:")]
    assert len(lines) < len(text.splitlines())
    rhythm.write_text("".join(lines))
    logs = ws / "logs"
    shutil.rmtree(logs)
    logs.mkdir()
    (logs / "2026-11.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-10,pipeline_review,priya,nadia,done,4,1,,\n"
        "2026-11-24,pipeline_review,priya,nadia,done,4,1,,\n"
    )
    r = morctl(
        "report", str(ws), "--month", "2026-11", "--person", "priya", "--format", "json",
        env=_env(),
    )  # fmt: skip
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert [u["date"] for u in doc["unplanned"]] == ["2026-11-10"]


def test_log_says_when_a_row_falls_after_someone_left(tmp_path: Path) -> None:
    ws = acme_edited(tmp_path, "org.yaml", OLIVER, OLIVER + " left: 2026-11-06,")
    args = ("pipeline_review", "--owner", "priya", "--with", "oliver", "--date", "2026-11-23")
    r = morctl("log", str(ws), *args, env=_env())
    assert r.code == 0, r.err
    assert (
        "no meeting of pipeline_review with oliver is held on 2026-11-23: oliver left the team on "
        in r.err
    )
    assert "Fri 2026-11-06" in r.err and "the `left` day of the roster" in r.err


def test_show_says_when_a_person_left(tmp_path: Path) -> None:
    ws = acme_edited(tmp_path, "org.yaml", OLIVER, OLIVER + " left: 2026-11-06,")
    r = morctl("show", str(ws), "--person", "oliver", env=_env())
    assert r.code == 0, r.err
    assert "Oliver Hughes (oliver) (left on 06 Nov 2026), times in Europe/London" in r.out


@pytest.mark.parametrize(
    ("days", "said"),
    [
        # Today is Tue 24 Nov 2026: a hire of next week has not joined yet.
        ("joined: 2026-12-01,", "joins on 01 Dec 2026"),
        ("joined: 2026-11-24,", "joined on 24 Nov 2026"),  # their first day is today
        ("joined: 2026-11-02,", "joined on 02 Nov 2026"),
        # `left` is the last day in the team: today still in it, they leave today.
        ("left: 2026-11-24,", "leaves on 24 Nov 2026"),
        ("left: 2026-12-18,", "leaves on 18 Dec 2026"),
        ("left: 2026-11-23,", "left on 23 Nov 2026"),
        ("joined: 2026-12-01, left: 2027-03-31,", "joins on 01 Dec 2026, leaves on 31 Mar 2027"),
    ],
)
def test_show_says_joined_or_left_in_the_tense_of_today(
    tmp_path: Path, days: str, said: str
) -> None:
    ws = acme_edited(tmp_path, "org.yaml", OLIVER, f"{OLIVER} {days}")
    r = morctl("show", str(ws), "--person", "oliver", env=_env())
    assert r.code == 0, r.err
    assert f"Oliver Hughes (oliver) ({said}), times in Europe/London" in r.out


MOVES = """\
morctl: 1
id: m2
name: Moves
timezone: Europe/Paris
effective: 2026-02-02
holidays: {countries: [FR], dates: [2026-12-24]}
levers: {pipe: Pipeline 3x}
roles: {manager: {title: Manager, capacity: 8h}, rep: {title: Rep}}
activities:
  month_start:
    {title: Month start 1:1, area: execution, owner: manager, with: each_report,
     cadence: {every: month, on: day 1, at: "10:00", for: 30m, on_holiday: next},
     admission: {lever: pipe, standard: Plan, evidence: {happened: log, useful: rating}}}
  fri_team:
    {title: Friday team, area: execution, owner: manager, with: team,
     cadence: {every: week, on: fri, at: "16:00", for: 15m, on_holiday: previous},
     admission: {lever: pipe, standard: Check, evidence: {happened: log, useful: rating}}}
people:
  - {id: alice, name: Alice, role: manager, country: FR, left: 2027-01-01}
  - {id: carol, name: Carol, role: rep, manager: alice, country: FR, left: 2026-12-23}
  - {id: wendy, name: Wendy, role: rep, manager: alice, country: FR, joined: 2026-12-24}
"""


def test_a_move_never_takes_a_meeting_outside_the_days_in_the_team(tmp_path: Path) -> None:
    # New Year's Day moved Wendy's 1:1 of 1 January to Monday 4 January, after Alice's
    # last day: January charged Alice, who had gone, with a missed 1:1. Christmas moved
    # the Friday team meeting back to Wednesday 23 December: Carol's last day, before
    # Wendy's first; its attendees are those of the day it is held.
    ws = tmp_path / "m2"
    ws.mkdir()
    (ws / "rhythm.yaml").write_text(MOVES)
    occs = _expand(ws, "2026-12-18", "2027-01-08")
    assert not [o for o in occs if o["start"][:10] > "2027-01-01"]
    team = {o["start"][:10]: o["attendees"] for o in occs if o["activity"] == "fri_team"}
    assert team == {"2026-12-18": ["carol"], "2026-12-23": ["carol"], "2026-12-31": ["wendy"]}
    r = morctl(
        "report", str(ws), "--month", "2027-01", "--as-of", "2027-02-01", "--format", "json",
        env=_env(),
    )  # fmt: skip
    assert r.code == 0, r.err
    assert [p["expected"] for p in json.loads(r.out)["people"]] in ([], [0])


SLOTS = """\
morctl: 1
id: s1
name: Slots
timezone: Europe/London
effective: 2026-05-04
holidays: {countries: [GB-ENG]}
levers: {pipe: Pipeline 3x}
roles: {manager: {title: Manager, capacity: 8h}, rep: {title: Rep}}
activities:
  one:
    {title: Monday 1:1, area: execution, owner: manager, with: each_report,
     cadence: {every: week, on: mon, at: "09:00", for: 30m, on_holiday: next},
     admission: {lever: pipe, standard: Plan, evidence: {happened: log, useful: rating}}}
  onep:
    {title: Monday 1:1 held before, area: execution, owner: manager, with: each_report,
     cadence: {every: week, on: mon, at: "14:00", for: 30m, on_holiday: previous},
     admission: {lever: pipe, standard: Plan, evidence: {happened: log, useful: rating}}}
people:
  - {id: mia, name: Mia, role: manager, country: GB}
  - {id: ana, name: Ana, role: rep, manager: mia, country: GB, left: 2026-05-22}
  - {id: bob, name: Bob, role: rep, manager: mia, country: GB, joined: %s}
  - {id: cat, name: Cat, role: rep, manager: mia, country: GB}
"""


@pytest.mark.parametrize(
    ("joined", "held"),
    [
        # Ana left on Friday 22 May, Bob joins on Tuesday 26 May: the bank holiday of
        # Monday 25 May moves that week's 1:1s to the Friday before and the Tuesday after.
        # Neither has a 1:1 that week (each is out of the team on one of its two days), so
        # Cat, alone, has the first slot of both days; she had 14:30 on Friday (after
        # Ana's empty slot) and 09:30 on Tuesday (after Bob's).
        ("2026-05-26", {"onep/mia/cat/2026-05-25": "2026-05-22T14:00",
                        "one/mia/cat/2026-05-25": "2026-05-26T09:00"}),
        # Bob in the team from Friday: on Friday his 1:1 (held that day) comes before
        # Cat's, without Ana's empty slot before it; on Tuesday the two run from 09:00.
        ("2026-05-22", {"onep/mia/bob/2026-05-25": "2026-05-22T14:00",
                        "onep/mia/cat/2026-05-25": "2026-05-22T14:30",
                        "one/mia/bob/2026-05-25": "2026-05-26T09:00",
                        "one/mia/cat/2026-05-25": "2026-05-26T09:30"}),
    ],
)  # fmt: skip
def test_a_moved_one_to_one_takes_its_slot_among_those_who_have_one(
    tmp_path: Path, joined: str, held: dict[str, str]
) -> None:
    ws = tmp_path / "s1"
    ws.mkdir()
    (ws / "rhythm.yaml").write_text(SLOTS % joined)
    occs = _expand(ws, "2026-05-22", "2026-05-26")
    assert {str(o["key"]): str(o["start"])[:16] for o in occs} == held


def test_diff_names_the_days_people_join_and_leave(tmp_path: Path) -> None:
    old = acme_edited(tmp_path / "a", "org.yaml", OLIVER, OLIVER)
    new = acme_edited(tmp_path / "b", "org.yaml", OLIVER, OLIVER + " left: 2026-12-18,")
    r = morctl("diff", str(old), str(new), env=_env())
    assert r.code == 0, r.err
    assert "person oliver" in r.out and "left: none → 2026-12-18" in r.out
    assert "order of reports" not in r.out


def test_log_says_a_row_before_someone_joined_matches_no_meeting(tmp_path: Path) -> None:
    # Nadia joins on Wednesday 25 November; the week's review was on Tuesday, before.
    ws = _with_newbie(tmp_path, ", joined: 2026-11-25")
    args = ("pipeline_review", "--owner", "priya", "--with", "nadia", "--useful", "4")
    for day in ("2026-11-23", "2026-11-24"):
        r = morctl("log", str(ws), *args, "--date", day, env=_env())
        assert r.code == 0, r.err
        assert "nadia joined the team on Wed 2026-11-25" in r.err, r.err
        assert "has its completion already" not in r.err


def test_a_manager_whose_reports_have_all_left_has_no_team(tmp_path: Path) -> None:
    ws = tmp_path / "m2"
    ws.mkdir()
    # Both reps left before today (2026-11-24): the Friday team meeting has nobody.
    text = MOVES.replace("left: 2027-01-01}", "}").replace("left: 2026-12-23}", "left: 2026-10-30}")
    text = text.replace("joined: 2026-12-24}", "joined: 2026-02-02, left: 2026-10-30}")
    (ws / "rhythm.yaml").write_text(text)
    r = morctl("validate", str(ws), env=_env())
    assert "MOR611" in r.out, r.out


def test_expand_csv_lists_each_days_team(tmp_path: Path) -> None:
    # The CSV writer rendered a series' attendees once, from its first occurrence in the
    # window, for every occurrence after it.
    ws = _with_newbie(tmp_path, ", joined: 2026-11-23")
    r = morctl("expand", str(ws), "--from", "2026-11-16", "--to", "2026-11-27", "--format", "csv")
    assert r.code == 0, r.err
    rows = {ln.split(",")[0]: ln.split(",")[5] for ln in r.out.splitlines()[1:]}
    assert "nadia" not in rows["team_huddle/priya/2026-11-19"]
    assert rows["team_huddle/priya/2026-11-26"].startswith("nadia;")


def test_a_row_before_someone_joined_takes_no_meeting_of_theirs(tmp_path: Path) -> None:
    # Logged on Monday 23 November for Nadia, who joins on Tuesday 24: it took the review
    # of the 24th, and the row of the 24th became unplanned.
    ws = _with_newbie(tmp_path, ", joined: 2026-11-24")
    args = ("pipeline_review", "--owner", "priya", "--with", "nadia", "--useful", "4")
    early = morctl("log", str(ws), *args, "--date", "2026-11-23", env=_env())
    assert "no meeting of pipeline_review with nadia is held on 2026-11-23: nadia joined" in (
        early.err
    )
    assert morctl("log", str(ws), *args, "--date", "2026-11-24", env=_env()).code == 0
    r = morctl(
        "report", str(ws), "--week", "2026-W48", "--person", "priya", "--format", "json",
        env=_env(),
    )  # fmt: skip
    doc = json.loads(r.out)
    unplanned = [(u["date"], u["with"]) for u in doc["unplanned"] if u["with"] == "nadia"]
    assert unplanned == [("2026-11-23", "nadia")]


HOURS = """\
morctl: 1
id: t
name: T
timezone: America/Chicago
effective: 2026-01-05
levers: {l1: Lever one}
roles: {mgr: {title: Mgr, capacity: 40h}, rep: {title: Rep}}
activities:
  one:
    {title: One, area: visibility, owner: mgr, with: each_report,
     cadence: {every: week, on: mon, at: "08:00", for: 30m},
     admission: {lever: l1, standard: A standard, evidence: {happened: log, useful: rating}}}
  huddle:
    {title: Huddle, area: visibility, owner: mgr, with: team,
     cadence: {every: week, on: mon, at: "08:30", for: 15m},
     admission: {lever: l1, standard: A standard, evidence: {happened: log, useful: rating}}}
people:
  - {id: boss, name: Boss, role: mgr, timezone: America/Chicago}
  - {id: r1, name: R1, role: rep, manager: boss, timezone: America/Chicago}
  - {id: r2, name: R2, role: rep, manager: boss, timezone: America/Chicago, left: 2026-12-01}
  - {id: r3, name: R3, role: rep, manager: boss, timezone: Asia/Dubai}
  - {id: lena, name: Lena, role: mgr, timezone: Europe/London}
  - {id: sue, name: Sue, role: rep, manager: lena, timezone: Australia/Sydney}
"""


def test_mor510_follows_each_days_slots_and_each_owners_zone(tmp_path: Path) -> None:
    ws = tmp_path / "t"
    ws.mkdir()
    (ws / "rhythm.yaml").write_text(HOURS)
    r = morctl("validate", str(ws), "--format", "json", env=_env())
    found = [d["message"] for d in json.loads(r.out)["diagnostics"] if d["code"] == "MOR510"]
    # R3's slot is 09:00 (19:00 in Dubai) only while R2 is in the team, to 1 December:
    # on Monday 30 November (today is Tuesday the 24th); from the 2nd it is 08:30, 18:30 in
    # Dubai. The next twelve months have 52 Mondays (the rhythm names no holidays).
    assert any(
        m.startswith("activities.one: the slot with r3, 09:00 in America/Chicago, is 19:00–19:30")
        and m.endswith(
            "at 1 of the next 52 meetings: Mon 2026-11-30 (daylight-saving "
            "changes, or the days people join or leave the team, move it in and out)"
        )
        for m in found
    ), found
    # Lena's huddle is read in her own zone, not in Boss's: 08:30 London is 19:30 in Sydney
    # while Sydney is on summer time. (Boss's 08:30 huddle is 18:30 in Dubai: in hours.)
    assert any(
        m.startswith(
            "activities.huddle: 08:30 in Europe/London is 19:30–19:45 in Australia/Sydney for sue"
        )
        for m in found
    ), found
    assert not any("in America/Chicago" in m and "sue" in m for m in found)


def test_mor611_says_when_a_team_has_not_joined_yet(tmp_path: Path) -> None:
    ws = tmp_path / "m2"
    ws.mkdir()
    text = MOVES.replace("left: 2027-01-01}", "}").replace(
        "left: 2026-12-23}", "joined: 2027-01-04}"
    )
    (ws / "rhythm.yaml").write_text(text)
    r = morctl("validate", str(ws), env=_env())
    assert "but nobody is in their team until 2026-12-24: those meetings" in r.out, r.out


def test_diff_shows_a_new_hire_with_the_day_she_joins(tmp_path: Path) -> None:
    old = acme_edited(tmp_path / "a", "org.yaml", TEAM, TEAM)
    new = _with_newbie(tmp_path / "b", ", joined: 2026-11-30")
    r = morctl("diff", str(old), str(new), env=_env())
    assert "Nadia Haddad, rep, reports to priya, joined 2026-11-30" in r.out, r.out


def test_yaml_keys_named_as_an_hr_export_names_them_get_a_did_you_mean(tmp_path: Path) -> None:
    ws = acme_edited(
        tmp_path,
        "org.yaml",
        OLIVER,
        OLIVER + " hire_date: 2026-11-02, Termination Date: 2026-12-01,",
    )
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 1
    assert "unknown key 'hire_date' (did you mean 'joined'?)" in r.out
    assert "unknown key 'Termination Date' (did you mean 'left'?)" in r.out


def test_a_manager_who_has_left_with_no_team_is_not_told_to_have_meetings(
    tmp_path: Path,
) -> None:
    # Marcus left on 6 November and his reps moved to Priya: nothing of his is scheduled,
    # so MOR611 ("those meetings are scheduled with nobody") would be false.
    marcus = "{id: marcus, name: Marcus Bell, email: marcus.bell@acme.example, role: manager,"
    ws = acme_edited(tmp_path, "org.yaml", marcus, marcus + " left: 2026-11-06,")
    org = ws / "org.yaml"
    org.write_text(
        org.read_text().replace("role: rep, manager: marcus,", "role: rep, manager: priya,")
    )
    r = morctl("validate", str(ws), env=_env())
    assert "MOR611" not in r.out, r.out
    assert "MOR405 priya" in r.out  # the checks still ran: her team doubled


def test_validate_a_manager_leaving_soon_with_a_team(tmp_path: Path) -> None:
    # Priya leaves on 18 December, 24 days from today: her six reports (lines 25 to 35 of
    # the example's org.yaml, every other line) are told now, not once the day has passed.
    ws = acme_edited(tmp_path, "org.yaml", PRIYA, PRIYA + " left: 2026-12-18,")
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 0, r.out
    assert (
        "warning MOR614 priya leaves on 2026-12-18; 6 people report to them after that day "
        "(oliver, aisha and 4 more, lines 25, 27, 29, 31, 33 and 35)"
    ) in r.out
    assert (
        "from 2026-12-19, give them their next manager: `manager: <id>, "
        "manager_since: 2026-12-19, previous_manager: priya`"
    ) in r.out
    assert "left on 2026-12-18" not in r.out
    # A report who leaves on the same day is not one of them; nor is a leaving day past
    # the next twelve months (2027-11-23 is its last day) told yet.
    ws = acme_edited(tmp_path / "b", "org.yaml", PRIYA, PRIYA + " left: 2026-12-18,")
    org = ws / "org.yaml"
    org.write_text(org.read_text().replace(OLIVER, OLIVER + " left: 2026-12-18,"))
    r = morctl("validate", str(ws), env=_env())
    assert "priya leaves on 2026-12-18; 5 people report to them after that day" in r.out
    assert "(aisha, george and 3 more, lines 27, 29, 31, 33 and 35)" in r.out
    ws = acme_edited(tmp_path / "c", "org.yaml", PRIYA, PRIYA + " left: 2027-11-24,")
    r = morctl("validate", str(ws), env=_env())
    assert "MOR614" not in r.out
    ws = acme_edited(tmp_path / "d", "org.yaml", PRIYA, PRIYA + " left: 2027-11-23,")
    r = morctl("validate", str(ws), env=_env())
    assert "priya leaves on 2027-11-23; 6 people" in r.out


FAR = """\
morctl: 1
id: t
name: T
timezone: {zone}
effective: 2026-01-05
levers: {{l1: Lever one}}
roles: {{mgr: {{title: Mgr, capacity: 40h}}, rep: {{title: Rep}}}}
activities:
  huddle:
    {{title: Huddle, area: visibility, owner: mgr, with: team,
     cadence: {{every: week, on: {on}, at: "{at}", for: {minutes}m}},
     admission: {{lever: l1, standard: A standard, evidence: {{happened: log, useful: rating}}}}}}
people:
  - {{id: boss, name: Boss, role: mgr, timezone: {zone}}}
  - {{id: near, name: Near, role: rep, manager: boss, timezone: {zone}}}
  - {{id: far, name: Far, role: rep, manager: boss, timezone: {theirs}}}
"""


def _far(tmp_path: Path, **fields: str) -> list[tuple[str, str]]:
    """MOR510's messages and hints for a huddle of a manager with a report far away."""
    ws = tmp_path / "t"
    ws.mkdir()
    (ws / "rhythm.yaml").write_text(FAR.format(**fields), encoding="utf-8")
    env = {**os.environ, "MORCTL_TODAY": "2026-11-25"}  # a Wednesday
    r = morctl("validate", str(ws), "--format", "json", env=env)
    diags = json.loads(r.out)["diagnostics"]
    return [(d["message"], d["hint"]) for d in diags if d["code"] == "MOR510"]


def test_mor510_a_meeting_on_an_attendees_day_off_is_outside_their_working_hours(
    tmp_path: Path,
) -> None:
    # 10:00 on an Auckland Monday is 13:00 on Sunday in Los Angeles (21 hours behind while
    # Auckland is on summer time and Los Angeles is not; 20 from 14 March 2027, 19 from 4
    # April): inside the clock hours, never on a working day. The Thursday huddle is
    # Wednesday there, in its day. Monday 30 November to 22 November 2027: 52 Mondays of
    # 104 meetings.
    found = _far(
        tmp_path, zone="Pacific/Auckland", theirs="America/Los_Angeles", on="[mon, thu]",
        at="10:00", minutes="15",
    )  # fmt: skip
    assert found == [
        (
            "activities.huddle: 10:00 in Pacific/Auckland is 13:00–13:15 on Sun 2026-11-29 in "
            "America/Los_Angeles (14:00 or 15:00 at other meetings, as the clocks change) for "
            "far, outside working hours there (07:00–19:00, Mon–Fri local) at 52 of the next "
            "104 meetings, from Mon 2026-11-30 on (the ones on a day off there)",
            "no time of a Mon's working day in Pacific/Auckland is inside a working day in "
            "America/Los_Angeles (Mon–Fri, 07:00–19:00): hold it on another day (`on`), or "
            "keep the warning",
        )
    ]


def test_mor510_names_the_attendees_day_when_it_is_not_the_owners(tmp_path: Path) -> None:
    # Kolkata is 15 h 30 ahead of Honolulu, and neither changes its clocks: 11:00 on a
    # Tuesday in Kolkata is 19:30 on Monday in Honolulu, at every meeting.
    found = _far(
        tmp_path, zone="Asia/Kolkata", theirs="Pacific/Honolulu", on="tue", at="11:00",
        minutes="15",
    )  # fmt: skip
    assert [m for m, _ in found] == [
        "activities.huddle: 11:00 in Asia/Kolkata is Mon 19:30–19:45 in Pacific/Honolulu for "
        "far, outside working hours there (07:00–19:00 local)"
    ]


def test_mor510_says_when_the_clocks_change_the_attendees_time(tmp_path: Path) -> None:
    # 10:30 on Tuesday 1 December in Auckland (UTC+13) is 21:30 on Monday in London (UTC):
    # 22:30 once London is on summer time (from 28 March 2027) and 23:30 once Auckland
    # is not (from 4 April), 22:30 again from 26 September and 21:30 from 31 October.
    found = _far(
        tmp_path, zone="Pacific/Auckland", theirs="Europe/London", on="tue", at="10:30",
        minutes="30",
    )  # fmt: skip
    assert [m for m, _ in found] == [
        "activities.huddle: 10:30 in Pacific/Auckland is 21:30–22:00 on Mon 2026-11-30 in "
        "Europe/London (22:30 or 23:30 at other meetings, as the clocks change) for far, "
        "outside working hours there (07:00–19:00 local)"
    ]
