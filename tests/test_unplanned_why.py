"""Why an unplanned completion matched nothing (docs/adherence.md, "Unplanned: why"): each
reason hand-computed from a calendar, shown in every format people read and in JSON, in
the same words `morctl log` warns with, and never with a note.

March 2026: W10 = Mon 2 - Sun 8, W11 = 9-15, W12 = 16-22. The team fixture
(tests/data/adherence/team) has Thu 12 and Fri 20 off, the Offsite blackout (Wed 18 -
Thu 19) on the huddle only, Leo away Mon 9 - Tue 10, a review on Tuesdays with a day of
grace and a huddle on Mondays and Thursdays.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA, acme_edited, morctl
from morctl.adherence import score
from morctl.completion import Completion
from morctl.workspace import load_workspace

TEAM = DATA / "adherence" / "team"
NOTE = "PRIVATE-NOTE-7"


def row(
    day: str,
    activity: str,
    owner: str,
    with_: str | None = None,
    status: str = "done",
    line: int = 0,
    scheduled: str | None = None,
) -> Completion:
    return Completion(
        date.fromisoformat(day), activity, owner, with_, status, None, None, NOTE,
        "off" if status == "skipped" else None, "logs/x.csv", line,
        date.fromisoformat(scheduled) if scheduled else None,
    )  # fmt: skip


def whys(completions: list[Completion], first: str, last: str) -> list[tuple[int, str]]:
    loaded = load_workspace(str(TEAM))
    assert loaded.workspace is not None
    result = score(
        loaded.workspace,
        completions,
        date.fromisoformat(first),
        date.fromisoformat(last),
        date(2026, 3, 30),
    )
    assert len(result.why) == len(result.unplanned)
    return [(c.line, why) for c, why in zip(result.unplanned, result.why, strict=True)]


def test_every_meeting_of_the_period_has_its_completion() -> None:
    # W12's huddles: Mon 16, and Thu 19, which the Offsite blackout excuses. Mon 16 takes
    # line 1; line 2 (Tue 17) is one too many; line 3 is dated on the excused Thursday.
    got = whys(
        [row("2026-03-16", "huddle", "mia", line=1), row("2026-03-17", "huddle", "mia", line=2),
         row("2026-03-19", "huddle", "mia", line=3)],
        "2026-03-16", "2026-03-22",
    )  # fmt: skip
    assert got == [
        (2, "every meeting in its week (2026-03-16 to 2026-03-22) has its completion already "
            "(logs/x.csv:1 on 2026-03-16)"),
        (3, "the calendar already excuses the meeting on 2026-03-19 (blackout: Offsite), and "
            "its other meetings in its week (2026-03-16 to 2026-03-22) have theirs "
            "(logs/x.csv:1 on 2026-03-16)"),
    ]  # fmt: skip


def test_a_skip_that_gave_way_to_the_meeting_held_names_it() -> None:
    # Sara's review of Tue 17: a skip logged on Mon 16, then the review held on Wed 18 (in
    # its day of grace). The done takes the review; the skip is left over.
    got = whys(
        [row("2026-03-16", "review", "mia", "sara", "skipped", line=4),
         row("2026-03-18", "review", "mia", "sara", line=5)],
        "2026-03-16", "2026-03-22",
    )  # fmt: skip
    assert got == [
        (4, "every meeting in its week (2026-03-16 to 2026-03-22) has its completion already "
            "(logs/x.csv:5 on 2026-03-18)"),
    ]  # fmt: skip


def test_a_period_the_calendar_excuses_takes_no_completion() -> None:
    # Leo is away Mon 9 - Tue 10: his week's only review, Tue 10, is excused. A review
    # logged on Wed 11 (within a day's grace of it) is unplanned; so is a ticked line that
    # names the review of the 10th, whatever its date.
    got = whys(
        [row("2026-03-11", "review", "leo", "tom", line=6),
         row("2026-03-12", "review", "leo", "tom", line=7, scheduled="2026-03-10")],
        "2026-03-09", "2026-03-15",
    )  # fmt: skip
    assert got == [
        (6, "the calendar excuses every meeting in its week (2026-03-09 to 2026-03-15) (away)"),
        (7, "the calendar already excuses the meeting on 2026-03-10 (away)"),
    ]


def test_a_row_before_the_rhythm_or_of_someone_elses_report() -> None:
    # effective: Mon 2 March; the week of Wed 25 February has no huddle. Mia owns the huddle
    # (manager role), not Dana (vp); Tom is Leo's report, not Mia's.
    got = whys(
        [row("2026-02-25", "huddle", "mia", line=8), row("2026-03-02", "huddle", "dana", line=9),
         row("2026-03-03", "review", "mia", "tom", line=10)],
        "2026-02-23", "2026-03-08",
    )  # fmt: skip
    assert got == [
        (8, "2026-02-25 is before the rhythm takes effect (2026-03-02), and no meeting of its "
            "week comes after"),
        (9, "dana (vp) does not run huddle; the manager role does"),
        (10, "tom is leo's direct report, not mia's"),
    ]  # fmt: skip


DAILY = """\
morctl: 1
id: why
name: Why fixture
timezone: Europe/London
effective: 2026-03-02
holidays: {dates: [2026-03-12]}
levers: {pipe: Pipeline 3x}
roles: {manager: {title: Manager, capacity: 8h}, ae: {title: AE}, sdr: {title: SDR}}
activities:
  coaching:
    {title: AE coaching, area: talent, owner: manager, with: each_report, report_role: ae,
     cadence: {every: week, on: tue, at: "10:00", for: 30m},
     admission: {lever: pipe, standard: Plan, evidence: {happened: log, useful: rating}}}
  standup:
    {title: Standup, area: execution, owner: manager, with: team,
     cadence: {every: day, at: "09:00", for: 15m},
     admission: {lever: pipe, standard: Check, evidence: {happened: log, useful: rating}}}
people:
  - {id: mia, name: Mia, role: manager}
  - {id: ann, name: Ann, role: ae, manager: mia}
  - {id: sam, name: Sam, role: sdr, manager: mia}
"""

DAILY_LOG = f"""\
date,activity,owner,with,status,useful,actions,note,reason
2026-02-27,standup,mia,,done,4,1,{NOTE},
2026-03-03,coaching,mia,sam,done,4,1,{NOTE},
2026-03-07,standup,mia,,done,4,1,{NOTE},
2026-03-08,standup,mia,,done,4,1,,
2026-03-12,standup,mia,,done,4,1,,
2026-03-10,coaching,mia,ann,done,4,1,,
2026-03-11,coaching,mia,ann,done,4,1,{NOTE},
"""

# Hand-computed, by line of DAILY_LOG. Sat 7 and Sun 8 are off the workweek: the nearest
# standup to Saturday is Friday 6 (one day before), to Sunday Monday 9 (one day after,
# outside a window that ends on the 8th: the nearest meeting is looked for beyond it).
DAILY_WHY = [
    (2, "2026-02-27 is before the rhythm takes effect (2026-03-02)"),
    (3, "coaching is held only with reports whose role is ae, and sam's is sdr"),
    (4, "no meeting is scheduled on Sat 2026-03-07, outside the workweek (mon, tue, wed, "
        "thu, fri); the nearest meeting is on Fri 2026-03-06"),
    (5, "no meeting is scheduled on Sun 2026-03-08, outside the workweek (mon, tue, wed, "
        "thu, fri); the nearest meeting is on Mon 2026-03-09"),
    (8, "every meeting in its week (2026-03-09 to 2026-03-15) has its completion already "
        "(logs/2026-03.csv:7 on 2026-03-10)"),
    (6, "the calendar already excuses the meeting on 2026-03-12 (holiday)"),
]  # fmt: skip
WINDOW = ("--from", "2026-02-23", "--to", "2026-03-15", "--as-of", "2026-03-16")


@pytest.fixture
def daily(tmp_path: Path) -> Path:
    ws = tmp_path / "daily"
    (ws / "logs").mkdir(parents=True)
    (ws / "rhythm.yaml").write_text(DAILY, encoding="utf-8")
    (ws / "logs" / "2026-03.csv").write_text(DAILY_LOG, encoding="utf-8")
    return ws


def report(ws: Path, fmt: str, *window: str) -> str:
    r = morctl("report", ".", *(window or WINDOW), "--format", fmt, cwd=ws)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    return r.out


def test_json_gives_each_unplanned_entry_its_why(daily: Path) -> None:
    doc = json.loads(report(daily, "json"))
    assert [(u["line"], u["why"]) for u in doc["unplanned"]] == DAILY_WHY
    assert list(doc["unplanned"][0]) == [
        "date", "activity", "owner", "with", "status", "useful", "actions", "file", "line", "why",
    ]  # fmt: skip
    # The window does not change a reason: Sunday's nearest meeting is still Monday 9,
    # seen from a window that ends on Sunday.
    week = json.loads(report(daily, "json", "--from", "2026-03-02", "--to", "2026-03-08"))
    assert [(u["line"], u["why"]) for u in week["unplanned"]] == DAILY_WHY[1:4]


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_reports_people_read_show_why_after_each_row(daily: Path, fmt: str) -> None:
    out = report(daily, fmt)
    for line, why in DAILY_WHY:
        shown = why.replace("'", "&#x27;") if fmt == "html" else why
        assert f"logs/2026-03.csv:{line}: " in out
        assert f" done — {shown}" in out, (line, shown)
    assert NOTE not in out


def test_csv_and_json_carry_no_note(daily: Path) -> None:
    # The CSV holds the figures per person and activity only (no unplanned rows), as before.
    out = report(daily, "csv")
    head = next(csv.reader(io.StringIO(out)))
    assert head[4:10] == ["person", "name", "role", "leader", "activity", "title"]
    assert "why" not in head and NOTE not in out
    assert NOTE not in report(daily, "json")


def test_log_warns_in_the_words_the_report_gives(daily: Path) -> None:
    # One function says it: the row `log` writes is listed by the report with its warning's
    # reason (the report leaves out the activity, which its row names).
    (daily / "logs" / "2026-03.csv").unlink()
    env = {**os.environ, "MORCTL_TODAY": "2026-03-16"}
    r = morctl("log", ".", "coaching", "--owner", "mia", "--with", "sam", "--date", "2026-03-03",
               cwd=daily, env=env)  # fmt: skip
    assert r.code == 0, r.err
    assert f"it matches no meeting of the rhythm: {DAILY_WHY[1][1]}; a report" in r.err
    assert "hint: check the --with" in r.err
    r = morctl("log", ".", "standup", "--owner", "mia", "--date", "2026-03-07", cwd=daily, env=env)
    assert r.code == 0, r.err
    said, nearest = DAILY_WHY[2][1].split("; ")
    assert said.replace("no meeting is", "no meeting of standup is") in r.err
    assert f"hint: check the --date: {nearest}" in r.err
    doc = json.loads(report(daily, "json"))
    assert [u["why"] for u in doc["unplanned"]] == [DAILY_WHY[1][1], DAILY_WHY[2][1]]


OLIVER = "{id: oliver, name: Oliver Hughes, email: oliver.hughes@acme.example, role: rep,"


def test_people_who_left_or_joined_and_rows_of_someone_elses_team(tmp_path: Path) -> None:
    # Oliver left on Fri 6 November: his three rows after it (the example's own log) match
    # nothing. Marcus is away 23-27 November, so his reviews of Tue 24 are excused. Oliver
    # owns nothing (a rep); Jessica is Marcus's report, not Priya's.
    ws = acme_edited(tmp_path, "org.yaml", OLIVER, OLIVER + " left: 2026-11-06,")
    with (ws / "logs" / "2026-11.csv").open("a", encoding="utf-8") as f:
        f.write("2026-11-10,pipeline_review,oliver,priya,done,4,1,,\n"
                "2026-11-10,pipeline_review,priya,jessica,done,4,1,,\n"
                f"2026-11-24,pipeline_review,marcus,jessica,done,4,1,{NOTE},\n")  # fmt: skip
    r = morctl("report", str(ws), "--month", "2026-11", "--as-of", "2026-11-24", "--format",
               "json")  # fmt: skip
    assert r.code == 0, r.err
    got = [
        (u["date"], u["activity"], u["owner"], u["with"], u["why"])
        for u in json.loads(r.out)["unplanned"]
    ]
    left = "oliver left the team on Fri 2026-11-06"
    assert got == [
        ("2026-11-10", "pipeline_review", "oliver", "priya",
         "oliver (rep) does not run pipeline_review; the manager role does"),
        ("2026-11-10", "pipeline_review", "priya", "jessica",
         "jessica is marcus's direct report, not priya's"),
        ("2026-11-10", "pipeline_review", "priya", "oliver", left),
        ("2026-11-11", "development_1on1", "priya", "oliver", left),
        ("2026-11-17", "pipeline_review", "priya", "oliver", left),
        ("2026-11-24", "pipeline_review", "marcus", "jessica",
         "the calendar already excuses the meeting on 2026-11-24 (away)"),
    ]  # fmt: skip
    assert NOTE not in r.out


def test_a_row_before_someone_joined(tmp_path: Path) -> None:
    team = "  # Priya Raman's team, London (6)\n"
    nadia = (
        "  - {id: nadia, name: Nadia Haddad, email: nadia.haddad@acme.example, role: rep, "
        "manager: priya, timezone: Europe/London, country: GB-ENG, joined: 2026-11-25}\n"
    )
    ws = acme_edited(tmp_path, "org.yaml", team, team + nadia)
    with (ws / "logs" / "2026-11.csv").open("a", encoding="utf-8") as f:
        f.write("2026-11-24,pipeline_review,priya,nadia,done,4,1,,\n")
    r = morctl("report", str(ws), "--week", "2026-W48", "--as-of", "2026-11-30", "--person",
               "priya", "--format", "json")  # fmt: skip
    assert r.code == 0, r.err
    assert [(u["date"], u["why"]) for u in json.loads(r.out)["unplanned"]] == [
        ("2026-11-24", "nadia joined the team on Wed 2026-11-25")
    ]


def test_a_retired_activity_keeps_its_past_and_has_nothing_due_after_until(
    tmp_path: Path,
) -> None:
    """The huddle retired with `until: 2026-03-15`, a Sunday: March 2-15 reads as before
    (every figure and row); from Mon 16 it has no meeting, and Mia's row of the 16th is
    unplanned, for the until day (Leo's skip of that day has no reason: it is rejected)."""
    ws = tmp_path / "team"
    shutil.copytree(TEAM, ws)
    rhythm = ws / "rhythm.yaml"
    old = 'cadence: {every: week, on: [mon, thu], at: "08:30", for: 15m}'
    text = rhythm.read_text(encoding="utf-8")
    assert old in text
    before = {w: report(ws, "json", "--from", w[0], "--to", w[1], "--as-of", "2026-03-30")
              for w in (("2026-03-02", "2026-03-15"), ("2026-03-16", "2026-03-29"))}  # fmt: skip
    rhythm.write_text(text.replace(old, old[:-1] + ", until: 2026-03-15}"), encoding="utf-8")
    past = report(ws, "json", "--from", "2026-03-02", "--to", "2026-03-15", "--as-of", "2026-03-30")
    assert past == before[("2026-03-02", "2026-03-15")]
    doc = json.loads(
        report(ws, "json", "--from", "2026-03-16", "--to", "2026-03-29", "--as-of", "2026-03-30")
    )
    was = json.loads(before[("2026-03-16", "2026-03-29")])
    huddle = [a for a in was["activities"] if a["activity"] == "huddle"]
    assert [(a["expected"], a["done"], a["missed"]) for a in huddle] == [(8, 1, 5)]
    assert [a for a in doc["activities"] if a["activity"] == "huddle"] == []
    assert [(u["date"], u["owner"], u["status"], u["why"]) for u in doc["unplanned"]] == [
        ("2026-03-16", "mia", "done", "2026-03-16 is after huddle ends (until: 2026-03-15)"),
    ]
    # `log` warns in the same words, and says where the day comes from.
    r = morctl("log", ".", "huddle", "--owner", "mia", "--date", "2026-03-23", cwd=ws,
               env={**os.environ, "MORCTL_TODAY": "2026-03-23"})  # fmt: skip
    assert r.code == 0, r.err
    assert (
        "it matches no meeting of the rhythm: no meeting of huddle is scheduled in its week "
        "(2026-03-23 to 2026-03-29): 2026-03-23 is after huddle ends (until: 2026-03-15); a "
        "report lists it as unplanned"
    ) in " ".join(r.err.split())
    assert "hint: check the --date, or the `until` of huddle's cadence in rhythm.yaml" in r.err
