"""`morctl show` and `morctl checklist` as people read them: a person's week says what
they attend as well as what they own, a grid's heading names a zone only when every row
is in it, and a checklist lists a daylight-saving day by the times it prints."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ACME, acme_edited, morctl

ENV = {**os.environ, "MORCTL_TODAY": "2026-11-23"}  # a Monday; Thu 26 Nov is not a holiday


def show(*args: str) -> str:
    r = morctl("show", str(ACME), *args, env=ENV)
    assert r.code == 0, r.err
    return r.out


def test_a_rep_owns_nothing_but_attends_their_managers_meetings() -> None:
    out = show("--person", "carol")  # Carol Diaz, Paris, reports to Alice
    assert "Account executive [rep] — Carol Diaz (carol), times in Europe/Paris" in out
    assert "(owns no activities)" in out
    assert "(no daily or weekly activities)" not in out
    assert out.split("Attends, 23 Nov to 29 Nov 2026:\n")[1].split("\n\n")[0].splitlines() == [
        "  Mon 23 Nov 08:30  Team huddle, with Alice Moreau (15m)",
        "  Tue 24 Nov 09:00  Weekly pipeline review, with Alice Moreau (30m)",
        "  Thu 26 Nov 08:30  Team huddle, with Alice Moreau (15m)",
        "  Fri 27 Nov 14:00  Win/loss debrief, with Alice Moreau (45m)",
    ]


def test_a_week_of_excused_meetings_is_not_shown_as_a_week_of_none() -> None:
    # Jessica's manager Marcus is away that week, and Thursday is Thanksgiving: her four
    # meetings are all called off, and the list says so rather than list nothing.
    out = show("--person", "jessica")
    assert out.split("Attends, 23 Nov to 29 Nov 2026:\n")[1].splitlines()[0] == (
        "  (4 excused: Marcus Bell away, holiday)"
    )


def test_what_a_manager_attends_is_in_their_own_time() -> None:
    # Dana's roll-up is at 14:00 in London: 09:00 for Marcus in New York.
    out = show("--person", "marcus")
    assert "  Mon 23 Nov 09:00  Weekly forecast roll-up, with Dana Whitfield (1h)" in out


@pytest.mark.parametrize(
    ("today", "line"),
    [
        # The US changes its clocks on 8 Mar 2026 and back on 1 Nov, the UK on 29 Mar and
        # 25 Oct: in between, London is four hours ahead of New York, not five.
        ("2026-03-02", "  Mon 02 Mar 09:00  Weekly forecast roll-up"),
        ("2026-03-16", "  Mon 16 Mar 10:00  Weekly forecast roll-up"),
        ("2026-03-30", "  Mon 30 Mar 09:00  Weekly forecast roll-up"),
        ("2026-10-26", "  Mon 26 Oct 10:00  Weekly forecast roll-up"),
        ("2026-11-02", "  Mon 02 Nov 09:00  Weekly forecast roll-up"),
    ],
)
def test_the_roll_up_reaches_new_york_an_hour_later_while_only_one_clock_has_changed(
    today: str, line: str
) -> None:
    # What the example's comment on vp_forecast_rollup says: 09:00 in New York for most
    # of the year, 10:00 in the weeks of March and of late October.
    r = morctl("show", str(ACME), "--person", "marcus", env={**ENV, "MORCTL_TODAY": today})
    assert r.code == 0, r.err
    assert f"{line}, with Dana Whitfield (1h)" in r.out.splitlines()


def test_the_examples_steps_ask_for_a_report_only_where_the_log_takes_one() -> None:
    # A log names the report (`with`) only for an each_report activity and rejects one
    # anywhere else: a step telling the manager to log a rep's name for an activity held
    # alone or with the team sends them into that error; the note is where a name can go.
    rhythm = yaml.safe_load((ACME / "rhythm.yaml").read_text(encoding="utf-8"))
    for aid, act in rhythm["activities"].items():
        if act.get("with") == "each_report":
            continue
        for step in act.get("checklist", []):
            if step.lower().startswith("log") and "name" in step:
                assert "note" in step, (aid, step)
    steps = rhythm["activities"]["call_participation"]["checklist"]
    assert [s for s in steps if s.startswith("Log")] == [
        "Log the call with the rep's rating of the feedback; the rep's name can go in the note"
    ]


def test_a_role_whose_holders_are_in_several_zones_says_so() -> None:
    out = show()
    assert "Front-line sales manager [manager], times in each owner's own zone" in out
    assert "VP Sales [vp], times in Europe/London" in out


def test_a_checklist_lists_a_daylight_saving_day_by_the_times_it_prints(tmp_path: Path) -> None:
    # Sun 29 Mar 2026, London: 01:00 does not exist and runs at 02:00 BST. Three 1:1s back
    # to back from 01:00 run at 02:00, 02:30 (01:30 read in the gap) and 02:00; the review
    # at 02:15 after them. Listed by those times, not by the times asked for.
    (tmp_path / "rhythm.yaml").write_text(
        "morctl: 1\nid: dst\nname: DST\ntimezone: Europe/London\neffective: 2026-01-05\n"
        "workweek: [mon, tue, wed, thu, fri, sat, sun]\n"
        "levers: {l1: A lever}\n"
        "roles: {manager: {title: Manager, capacity: 100h}, rep: {title: Rep}}\n"
        "activities:\n"
        "  night:\n    title: Night 1:1\n    area: talent\n    owner: manager\n"
        "    with: each_report\n"
        "    cadence: {every: week, on: sun, at: '01:00', for: 30m}\n"
        "    admission: {lever: l1, standard: S, evidence: {happened: log, useful: U}}\n"
        "  review:\n    title: Review\n    area: execution\n    owner: manager\n"
        "    with: alone\n"
        "    cadence: {every: week, on: sun, at: '02:15', for: 15m}\n"
        "    admission: {lever: l1, standard: S, evidence: {happened: log, useful: U}}\n"
        "people:\n  - {id: lon, name: Lon, role: manager}\n"
        "  - {id: r1, name: One, role: rep, manager: lon}\n"
        "  - {id: r2, name: Two, role: rep, manager: lon}\n"
        "  - {id: r3, name: Three, role: rep, manager: lon}\n",
        encoding="utf-8",
    )
    r = morctl("checklist", str(tmp_path), "--from", "2026-03-29", "--to", "2026-03-29", env=ENV)
    assert r.code == 0, r.err
    lines = [ln.split(" <!--")[0] for ln in r.out.splitlines() if ln.startswith("- [ ]")]
    assert lines == [
        "- [ ] Sun 29 Mar 02:00 Night 1:1 — One",
        "- [ ] Sun 29 Mar 02:00 Night 1:1 — Three",
        "- [ ] Sun 29 Mar 02:15 Review",
        "- [ ] Sun 29 Mar 02:30 Night 1:1 — Two",
    ]


def test_a_role_grid_gives_the_range_of_reports_across_its_holders() -> None:
    # Priya has 6 reps, Alice 4, Marcus and Tomasz 5: the weekly review runs ×4–6, and one
    # manager's count does not stand for all.
    grid = show("--role", "manager")
    assert "×4–6 30m" in grid and "×6 " not in grid
    alice = show("--person", "alice")
    assert "×4 " in alice and "×4–6" not in alice


def test_a_checklist_week_is_the_teams_work_week(tmp_path: Path) -> None:
    # A Sunday-to-Thursday team (Dubai): --week 2026-W48 is its work week Sun 22 - Sat
    # 28 Nov, with both huddles of that week, not Wed 25 and the next week's Sun 29.
    ws = tmp_path / "ws"
    ws.mkdir()
    rhythm = (
        "morctl: 1\nid: dubai\nname: Dubai team\ntimezone: Asia/Dubai\neffective: 2026-01-04\n"
        "workweek: [sun, mon, tue, wed, thu]\nlevers: {l: Pipeline at 3x quota}\n"
        "roles: {manager: {title: Manager, capacity: 4h}}\n"
        "activities:\n  huddle:\n    title: Team huddle\n    area: visibility\n"
        "    owner: manager\n    with: alone\n"
        '    cadence: {every: week, on: [sun, wed], at: "08:30", for: 15m}\n'
        "    admission: {lever: l, standard: S, evidence: {happened: log, useful: U}}\n"
        "people:\n  - {id: m, name: Manny, role: manager}\n"
    )
    (ws / "rhythm.yaml").write_text(rhythm, encoding="utf-8")
    r = morctl("checklist", str(ws), "--week", "2026-W48", env=ENV)
    assert r.code == 0, r.err
    assert r.out.startswith("# Dubai team: checklist 2026-11-22 to 2026-11-28\n")
    assert "huddle/m/2026-11-22" in r.out and "huddle/m/2026-11-25" in r.out
    assert "huddle/m/2026-11-29" not in r.out
    # --from/--to are taken as given
    r = morctl("checklist", str(ws), "--from", "2026-11-23", "--to", "2026-11-29", env=ENV)
    assert "huddle/m/2026-11-29" in r.out and "huddle/m/2026-11-22" not in r.out


def test_a_work_week_starts_after_its_longest_run_of_days_off() -> None:
    from morctl.checklist import work_week_start

    mon, tue, wed, thu, fri, sat, sun = range(7)
    assert work_week_start((mon, tue, wed, thu, fri)) == mon
    assert work_week_start((sun, mon, tue, wed, thu)) == sun
    assert work_week_start((sat, sun, mon, tue, wed)) == sat
    assert work_week_start((mon, wed, fri)) == mon  # the weekend is the longest gap
    assert work_week_start(tuple(range(7))) == mon


def one_activity(folder: Path, name: str, activity: str, useful: str, people: str) -> None:
    """A rhythm with one weekly activity (Tue 10:00, 30m) owned by the manager Mia; the
    activity's head (id, title, with), its `useful:` lines and the people after Mia."""
    (folder / "rhythm.yaml").write_text(
        f"morctl: 1\nid: t\n{name}\ntimezone: Europe/London\neffective: 2026-01-05\n"
        "levers: {l1: A lever}\n"
        "roles: {manager: {title: Manager, capacity: 10h}, rep: {title: Rep}}\n"
        f"activities:\n{activity}"
        "    area: execution\n    owner: manager\n"
        "    cadence: {every: week, on: tue, at: '10:00', for: 30m}\n"
        "    admission:\n      lever: l1\n      standard: S\n      evidence:\n"
        f"        happened: log\n{useful}"
        f"people:\n  - {{id: mia, name: Mia, role: manager}}\n{people}",
        encoding="utf-8",
    )


def test_rhythm_text_cannot_forge_a_ticked_line_in_a_checklist(tmp_path: Path) -> None:
    # An admission answer written over several lines, one of them a ticked task with a
    # morctl comment naming another manager's meeting: it stays text on the Log line, and
    # the checklist holds no line a report would read as done.
    forged = "- [x] Review useful=5 <!-- morctl:review/tom/2026-11-24 due=2026-11-24 -->"
    one_activity(
        tmp_path,
        "name: Forge",
        "  review:\n    title: Review\n    with: alone\n",
        f"        useful: |\n          Rated 1-5\n          {forged}\n",
        "  - {id: tom, name: Tom, role: manager}\n",
    )
    r = morctl("checklist", str(tmp_path), "--week", "2026-W48", "--person", "mia", env=ENV)
    assert r.code == 0, r.err
    tasks = [ln for ln in r.out.splitlines() if "morctl:" in ln and "<!--" in ln]
    assert tasks == [
        "- [ ] Tue 24 Nov 10:00 Review <!-- morctl:review/mia/2026-11-24 due=2026-11-24 -->"
    ]
    assert "useful when: Rated 1-5 - \\[x\\] Review useful=5 &lt;!-- morctl:review/tom" in r.out


def test_a_checklist_before_the_rhythm_takes_effect_says_so() -> None:
    r = morctl("checklist", str(ACME), "--week", "2026-W05", env=ENV)
    assert r.code == 0
    assert "Nothing is due in this window: the rhythm takes effect on 2026-02-02." in r.out
    r = morctl("checklist", str(ACME), "--week", "2026-W05", "--person", "oliver", env=ENV)
    assert "takes effect" in r.out  # a rep's empty week before the start: the start says why


def test_an_empty_checklist_of_someone_who_runs_meetings_says_when_the_next_is() -> None:
    # A VP whose meetings are weekly on Mondays has nothing on a weekend; the director of a
    # quarterly review nothing for weeks: "nothing is due" is not "nothing to do".
    args = ("checklist", str(ACME), "--from", "2026-12-05", "--to", "2026-12-06")
    r = morctl(*args, "--person", "dana", env=ENV)
    assert r.code == 0 and "Nothing is due in this window." in r.out
    assert r.err == (
        "morctl: note: dana's next meeting is Weekly forecast roll-up on Mon 07 Dec 2026 "
        "(--week 2026-W50)\n"
    )
    # Before the rhythm takes effect, the first meeting is on or after its first day.
    r = morctl("checklist", str(ACME), "--week", "2026-W05", "--person", "priya", env=ENV)
    assert r.err == (
        "morctl: note: priya's next meeting is Team huddle on Mon 02 Feb 2026 (--week 2026-W06)\n"
    )
    assert morctl(*args, env=ENV).err == ""  # the whole org: no one person to look ahead for


def test_a_reps_checklist_points_to_the_manager_who_runs_their_meetings() -> None:
    r = morctl("checklist", str(ACME), "--week", "2026-W48", "--person", "oliver", env=ENV)
    assert r.code == 0 and "Nothing is due in this window." in r.out
    assert r.err == (
        "morctl: warning: oliver (rep) runs no activity of the rhythm; try --person priya, "
        "who runs the ones oliver attends\n"
    )
    r = morctl("report", str(ACME), "--week", "2026-W47", "--person", "oliver", env=ENV)
    assert r.code == 0 and "try --person priya" in r.err
    r = morctl("checklist", str(ACME), "--week", "2026-W48", "--person", "priya", env=ENV)
    assert r.code == 0 and r.err == ""


GULF = """\
morctl: 1
id: gulf
name: Gulf team
timezone: Asia/Dubai
effective: 2026-06-01
workweek: [sun, mon, tue, wed, thu]
levers:
  pipe: Pipeline coverage
roles:
  manager: {title: Manager, capacity: 8h}
  rep: {title: Rep}
activities:
  standup:
    title: Daily standup
    area: execution
    owner: manager
    cadence: {every: day, at: "08:00", for: 10m}
    admission: {lever: pipe, standard: s, evidence: {happened: log, useful: r}}
  review:
    title: Pipeline review
    area: visibility
    owner: manager
    with: each_report
    cadence: {every: week, on: sun, at: "17:30", for: 30m}
    admission: {lever: pipe, standard: s, evidence: {happened: log, useful: r}}
people:
  - {id: omar, name: Omar, role: manager}
  - {id: kai, name: Kai, role: rep, manager: omar, timezone: Pacific/Auckland}
"""


def test_a_sunday_to_thursday_grid_starts_on_sunday_and_a_rep_sees_their_own_days(
    tmp_path: Path,
) -> None:
    (tmp_path / "rhythm.yaml").write_text(GULF, encoding="utf-8")
    r = morctl("show", str(tmp_path), env=ENV)
    assert r.code == 0, r.err
    header = next(line for line in r.out.splitlines() if "Sun" in line and "Thu" in line)
    assert [d for d in ("Sun", "Mon", "Tue", "Wed", "Thu") if d in header] == [
        "Sun", "Mon", "Tue", "Wed", "Thu"
    ]  # fmt: skip
    assert header.index("Sun") < header.index("Mon")
    # Omar's Sunday 17:30 review is Kai's Monday 02:30 in Auckland: the one of Sun 22 Nov
    # is in Kai's week of Mon 23 to Sun 29 Nov, the one of Sun 29 Nov (Kai's 30th) is not.
    r = morctl("show", str(tmp_path), "--person", "kai", env=ENV)
    assert r.code == 0, r.err
    attends = r.out.split("Attends, 23 Nov to 29 Nov 2026:")[1].split("\n\n")[0]
    reviews = [line.strip() for line in attends.splitlines() if "Pipeline review" in line]
    assert reviews == ["Mon 23 Nov 02:30  Pipeline review, with Omar (30m)"], attends


def test_a_narrow_terminal_wraps_the_grid_and_never_cuts_a_title(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil
    import sys

    from morctl.show import _table

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((40, 24)))
    header = ["", "Mon", "Tue", "Wed", "Thu", "Fri"]
    lines = _table(header, [["09:00", "Call participation and feedback 60m", "", "", "", ""]])
    assert all(len(line) <= 40 for line in lines), lines
    assert "…" not in "".join(lines)
    text = "".join(ch for line in lines for ch in line if ch.isalnum())
    assert "Callparticipationandfeedback60m" in text


def test_a_terminal_too_narrow_for_a_column_a_day_lists_the_week_day_by_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At 30 columns rich broke "08:30" into "08", ":3", "0" and "Mon" into "Mo", "n".
    import sys

    from morctl import show
    from morctl.workspace import load_workspace

    ws = load_workspace(str(ACME)).workspace
    assert ws is not None
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((30, 24)))
    assert show._grid(ws, "manager", "4–6", date(2026, 11, 23)) == [
        "  Mon",
        "    08:30  Team huddle 15m",
        "  Tue",
        "    09:00  Weekly pipeline review ×4–6 30m",
        "  Wed",
        "  Thu",
        "    08:30  Team huddle 15m",
        "    11:00  Call participation and feedback 1h",
        "  Fri",
        "    14:00  Win/loss debrief (every 2 wks) 45m",
    ]
    # wide enough, the grid: a column a day
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((70, 24)))
    grid = show._grid(ws, "manager", "4–6", date(2026, 11, 23))
    assert "Mon" in grid[1] and "Fri" in grid[1] and "│ 08:30 │ Team huddle │" in grid[3]


def test_checklist_text_stays_text_on_github_and_its_ticks_read_back(tmp_path: Path) -> None:
    # A title and a name that GitHub would turn into a mention, an issue link, a link, an
    # image and a task box; the title also holds what looks like a rating.
    from markdown_it import MarkdownIt

    title = "Deal desk @acme/leads #12 [x] ![p](https://e.x/p.png) (actions=9) useful=1"
    one_activity(
        tmp_path,
        "name: 'Acme *EMEA* @acme'",
        f"  desk:\n    title: '{title}'\n    with: each_report\n"
        "    checklist: ['[x] ready? see https://e.x and www.e.x']\n",
        "        useful: rated 1-5 @acme\n",
        "  - {id: tom, name: '_Tom_ @tom', role: rep, manager: mia}\n",
    )
    r = morctl("checklist", str(tmp_path), "--week", "2026-W48", env=ENV)
    assert r.code == 0, r.err
    page = MarkdownIt("commonmark").enable(["strikethrough"]).render(r.out)
    for tag in ("<a ", "<img", "<em>", "<strong>", "<del>"):
        assert tag not in page
    for live in ("@acme", "@tom", "#12", "https://", "www."):
        assert live not in page  # a zero-width space breaks what GitHub would link
    boxes = [ln for ln in r.out.splitlines() if ln.lstrip().startswith(("- [", "* ["))]
    assert len(boxes) == 1  # the step "[x] ready?" is no task of its own

    (tmp_path / "logs").mkdir()
    # Ticked, nothing typed: the title's "(actions=9) useful=1" is no rating.
    (tmp_path / "logs" / "w48.md").write_text(r.out.replace("- [ ] ", "- [x] "), "utf-8")
    r = morctl(
        "report", str(tmp_path), "--week", "2026-W48", "--as-of", "2026-11-30",
        "--format", "json", env=ENV,
    )  # fmt: skip
    assert r.code == 0, r.err
    (mia,) = json.loads(r.out)["people"]
    assert (mia["done"], mia["useful"], mia["action_rate"]) == (1, None, None)


def test_a_checklist_saved_with_out_is_the_printed_one_and_is_never_overwritten(
    tmp_path: Path,
) -> None:
    # --out writes UTF-8 whatever the shell would do with `>` (Windows PowerShell 5.1
    # writes UTF-16, which the log reader cannot take), and never over a file that may
    # hold ticks.
    shutil.copytree(ACME, tmp_path / "acme")
    ws = tmp_path / "acme"
    args = ("checklist", str(ws), "--week", "2026-W48", "--person", "priya")
    printed = morctl(*args, env=ENV)
    saved = ws / "logs" / "priya-2026-W48.md"
    r = morctl(*args, "--out", str(saved), env=ENV)
    assert (r.code, r.out) == (0, "")
    assert r.err == f"wrote the checklist to {saved}\n"
    assert saved.read_bytes() == printed.out.encode("utf-8")
    saved.write_text(saved.read_text(encoding="utf-8").replace("- [ ]", "- [x]", 1), "utf-8")
    ticked = saved.read_bytes()
    again = morctl(*args, "--out", str(saved), env=ENV)
    assert again.code == 2
    assert "exists already; a saved checklist holds the ticks made in it" in again.err
    assert saved.read_bytes() == ticked
    assert morctl(*args, "--out", "-", env=ENV).out == printed.out
    assert morctl(*args, "--out", "", env=ENV).code == 2
    # The saved file is read back as a log: its one tick is a completion, nothing rejected.
    report = morctl("report", str(ws), "--week", "2026-W48", "--person", "priya",
                    "--format", "json", env=ENV)  # fmt: skip
    doc = json.loads(report.out)
    assert doc["rejected"] == [] and doc["people"][0]["done"] == 1


def test_a_checklist_never_replaces_a_file_that_appears_while_it_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from morctl import checklist
    from morctl.errors import UsageError

    target = tmp_path / "w.md"
    real = checklist.expand

    def expand_then_someone_saves(*args: object, **kwargs: object) -> object:
        target.write_text("- [x] ticked\n", encoding="utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checklist, "expand", expand_then_someone_saves)
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-23")
    with pytest.raises(UsageError, match="exists already"):
        checklist.run(
            str(ACME), date(2026, 11, 23), date(2026, 11, 29), "priya", "md", out_path=str(target)
        )
    assert target.read_text(encoding="utf-8") == "- [x] ticked\n"
    assert [p.name for p in tmp_path.iterdir()] == ["w.md"]  # no temporary file left


def test_checklist_out_names_a_folder_or_a_dead_link_for_what_it_is(tmp_path: Path) -> None:
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere")
    folder = morctl("checklist", str(ACME), "--week", "2026-W48", "--out", str(tmp_path), env=ENV)
    assert folder.code == 2 and f"--out {tmp_path} is a folder" in folder.err
    link = tmp_path / "dangling.md"
    dead = morctl("checklist", str(ACME), "--week", "2026-W48", "--out", str(link), env=ENV)
    assert dead.code == 2 and "is a link to" in dead.err and "which does not exist" in dead.err
    device = morctl("checklist", str(ACME), "--week", "2026-W48", "--out", "/dev/null", env=ENV)
    assert device.code == 2 and "--out /dev/null is not a file" in device.err
    assert "--out -" in device.err and "ticks" not in device.err


def test_checklist_out_that_names_a_folder_is_refused_with_a_file_to_give(
    tmp_path: Path,
) -> None:
    # `--out reports/` (not made yet) wrote a file named reports; `--out logs/new/` was
    # told "name it checklist.md", with no folder in it.
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws)
    cases = (
        (("--person", "priya"), "reports/", "reports/priya-2026-W48.md"),
        (("--person", "Priya Raman", "--format", "json"), "logs/new/",
         "logs/new/checklist-2026-W48.json"),
        ((), "logs", "logs/checklist-2026-W48.md"),
    )  # fmt: skip
    for args, out, example in cases:
        r = morctl("checklist", ".", "--week", "2026-W48", *args, "--out", out, cwd=ws, env=ENV)
        assert r.code == 2, r.err
        assert r.err == (
            f"morctl: error: --out {out} is a folder: give a file name\n"
            f"  hint: name a new file in it, e.g. --out {example}\n"
        )
    assert not (ws / "reports").exists() and not (ws / "logs" / "new").exists()
    # The file the hint named is there already (a checklist is never overwritten): the
    # hint named it again, and following it was refused.
    (ws / "logs" / "checklist-2026-W48.md").write_text("- [x] ticked\n")
    (ws / "logs" / "checklist-2026-W48-2.md").write_text("- [x] ticked\n")
    r = morctl("checklist", ".", "--week", "2026-W48", "--out", "logs", cwd=ws, env=ENV)
    assert r.code == 2 and r.err.endswith(
        "  hint: name a new file in it, e.g. --out logs/checklist-2026-W48-3.md "
        "(checklist-2026-W48.md is there already, with the ticks made in it)\n"
    ), r.err
    followed = morctl(
        "checklist", ".", "--week", "2026-W48", "--out", "logs/checklist-2026-W48-3.md",
        cwd=ws, env=ENV,
    )  # fmt: skip
    assert followed.code == 0, followed.err


def test_square_brackets_in_a_title_are_text_in_the_grid(tmp_path: Path) -> None:
    # The grid is drawn by rich, which reads "[...]" as a style tag: "[team]" vanished and
    # "[/win]" (a closing tag that opens nothing) stopped show with an internal error.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    text = text.replace("title: Team huddle", 'title: "Huddle [team]"')
    text = text.replace("title: Weekly forecast roll-up", 'title: "Roll-up [/win]"')
    rhythm.write_text(text, encoding="utf-8")
    r = morctl("show", str(ws), env=ENV)
    assert r.code == 0, r.err
    assert "│ 08:30 │ Huddle [team] 15m │" in r.out
    assert "│ 14:00 │ Roll-up [/win] 1h │" in r.out


def test_a_persons_week_starts_on_their_own_today(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 23:30 on Monday in London is Tuesday in Paris: Carol's seven days start on Tuesday,
    # wherever the machine that runs morctl is.
    from datetime import date

    from morctl import clock
    from morctl.cli import run

    days = {"Europe/Paris": date(2026, 11, 24)}
    monkeypatch.delenv("MORCTL_TODAY", raising=False)
    monkeypatch.setattr(clock, "today", lambda zone=None: days.get(zone, date(2026, 11, 23)))
    assert run(["show", str(ACME), "--person", "carol"]) == 0
    assert "Attends, 24 Nov to 30 Nov 2026:" in capsys.readouterr().out


def test_a_checklist_without_a_roster_says_why_it_is_empty(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws)
    (ws / "org.yaml").unlink()
    r = morctl("checklist", str(ws), "--week", "2026-W48", env=ENV)
    assert r.code == 0
    assert "the workspace has no roster, so nobody owns a meeting" in r.out


def test_next_dates_come_from_a_holder_who_has_the_meeting(tmp_path: Path) -> None:
    # A manager hired last week, first among the managers, has no reports and so no
    # one-to-ones: the next dates are another manager's, and named as theirs.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    org = ws / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace(
            "  # Front-line managers\n",
            "  # Front-line managers\n  - {id: newmgr, name: New Manager, role: manager, "
            "manager: dana, timezone: Europe/London, country: GB-ENG}\n",
            1,
        ),
        encoding="utf-8",
    )
    r = morctl("show", str(ws), env=ENV)
    assert r.code == 0, r.err
    (line,) = [ln for ln in r.out.splitlines() if "Monthly development 1:1:" in ln]
    # priya's, in the same zone and country as newmgr; and the same in New York and Paris.
    assert line.endswith("; next: Wed 09 Dec 2026, Wed 13 Jan 2027, Wed 10 Feb 2027")


def test_next_dates_are_told_per_place_where_holidays_make_them_differ() -> None:
    # The last business day of August 2026 is Friday the 28th in England (the 31st is the
    # summer bank holiday) and Monday the 31st in the US and France: each place's dates,
    # named by whose they are, places with the same dates on one line.
    r = morctl("show", str(ACME), env={**ENV, "MORCTL_TODAY": "2026-07-15"})
    assert r.code == 0, r.err
    (call,) = [ln for ln in r.out.splitlines() if "Monthly forecast call:" in ln]
    assert call.endswith(
        "; next priya (GB-ENG): Fri 31 Jul 2026, Fri 28 Aug 2026, Wed 30 Sep 2026"
        "; next marcus (US), alice (FR): Fri 31 Jul 2026, Mon 31 Aug 2026, Wed 30 Sep 2026"
    )
    # A one-to-one on the 2nd Wednesday falls alike everywhere: told once.
    (line,) = [ln for ln in r.out.splitlines() if "Monthly development 1:1:" in ln]
    assert line.endswith("; next: Wed 12 Aug 2026, Wed 09 Sep 2026, Wed 14 Oct 2026")


def test_who_runs_nothing_is_pointed_at_someone_who_does(tmp_path: Path) -> None:
    # A leader whose role runs nothing was sent to their own manager (who may run nothing
    # either); the people below them are what to report on. `--team` on someone who leads
    # nobody was an empty report without a word.
    old = "{id: priya, name: Priya Raman, email: priya.raman@acme.example, role: manager,"
    ws = acme_edited(tmp_path, "org.yaml", old, old.replace("role: manager", "role: rep"))
    week = ("--week", "2026-W47")
    r = morctl("report", str(ws), *week, "--person", "priya", env=ENV)
    assert r.err == (
        "morctl: warning: priya (rep) runs no activity of the rhythm; try --team priya, for "
        "the people below them\n"
    )
    r = morctl("report", str(ws), *week, "--person", "oliver", env=ENV)  # priya runs nothing
    assert r.err == "morctl: warning: oliver (rep) runs no activity of the rhythm\n"
    r = morctl("report", str(ACME), *week, "--team", "oliver", env=ENV)
    assert r.err == (
        "morctl: warning: oliver (rep) leads nobody and runs no activity of the rhythm; try "
        "--person priya, who runs the ones oliver attends\n"
    )


def test_a_leaders_checklist_points_at_what_checklist_can_do(tmp_path: Path) -> None:
    """`checklist` has no --team: a leader who runs nothing is pointed at leaving out
    --person, or at one of the managers below them, never at an option it lacks."""
    ws = tmp_path / "t"
    r = morctl("init", str(ws), env=ENV)
    assert r.code == 0, r.err
    r = morctl("checklist", str(ws), "--week", "2026-W49", "--person", "morgan", env=ENV)
    assert r.code == 0
    assert r.err == (
        "morctl: warning: morgan (leader) runs no activity of the rhythm; leave out --person "
        "for everyone's, or give one of the people below them who runs meetings, such as "
        "--person priya\n"
    )
    r = morctl("report", str(ws), "--week", "2026-W49", "--person", "morgan", env=ENV)
    assert "try --team morgan, for the people below them" in r.err


@pytest.mark.parametrize(
    ("name", "fmt", "said", "hint"),
    [
        ("p.txt", "md", "a checklist in logs/ is read back only from a .md file", "name it p.md"),
        ("p.json", "json", "a checklist in logs/ is read back only as Markdown, and this one "
         "is json", "leave out --format to save the Markdown checklist there"),
    ],
)  # fmt: skip
def test_a_checklist_saved_among_the_logs_must_be_one_they_read_back(
    tmp_path: Path, name: str, fmt: str, said: str, hint: str
) -> None:
    """Notepad suggests .txt: a week of ticks in logs/p.txt counted for nothing, and only
    the next report said so."""
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    out = ws / "logs" / name
    args = ("checklist", str(ws), "--week", "2026-W48", "--person", "priya", "--out", str(out))
    r = morctl(*args, "--format", fmt, env=ENV)
    assert r.code == 2 and not out.exists()
    assert f"morctl: error: --out {out}: {said}\n  hint: {hint}\n" in r.err
    md = ws / "logs" / "p.md"
    r = morctl(*args[:-1], str(md), env=ENV)
    assert r.code == 0 and md.exists()
    # elsewhere, any name and format is the user's choice
    r = morctl(*args[:-1], str(tmp_path / "p.json"), "--format", "json", env=ENV)
    assert r.code == 0


def test_the_log_line_of_a_folder_named_with_a_dash_runs(tmp_path: Path) -> None:
    """`morctl log -team ...` was read as an option ("No such option: -t")."""
    assert morctl("init", "--", "-team", cwd=tmp_path, env=ENV).code == 0
    r = morctl("checklist", "./-team", "--week", "2026-W48", "--person", "priya",
               cwd=tmp_path, env=ENV)  # fmt: skip
    assert r.code == 0, r.err
    line = next(ln for ln in r.out.splitlines() if "Log: `morctl log" in ln)
    command = line.split("`")[1]
    assert command.startswith("morctl log ./-team ")
    args = shlex.split(command.replace("--useful N --actions N", "--useful 4 --actions 1"))[1:]
    r = morctl(*args, cwd=tmp_path, env=ENV)
    assert r.code == 0, r.err


def test_show_draws_a_load_over_capacity_instead_of_refusing(tmp_path: Path) -> None:
    """show is the view to decide what to cut, and refused to run exactly when a load was
    over capacity (MOR405): its OVER mark could never appear. The fullest come first, by
    share of capacity."""
    old = "manager: {title: Front-line sales manager, capacity: 8h, span: 5}"
    ws = acme_edited(tmp_path, "rhythm.yaml", old, old.replace("8h", "5h30m"))
    r = morctl("show", str(ws), env=ENV)
    assert r.code == 0, r.err
    assert r.err == (
        f"morctl: warning: the workspace has 1 error shown below (MOR405); `morctl validate "
        f"{ws}` fails until it is fixed\n"
    )
    load = r.out[r.out.index("Load against capacity") :].splitlines()[1:]
    assert [ln.split()[0] for ln in load] == ["priya", "marcus", "tomasz", "alice", "dana"]
    assert load[0].endswith("111%  OVER") and not any("OVER" in ln for ln in load[1:])
    # the other commands still refuse a rhythm that fails the admission test
    r = morctl("checklist", str(ws), "--week", "2026-W49", env=ENV)
    assert r.code == 1 and "MOR405" in r.err


def test_a_rep_with_nothing_to_attend_is_told_so_and_why(tmp_path: Path) -> None:
    """Before the rhythm starts, `show --person REP` printed only "(owns no activities)"."""
    ws = tmp_path / "t"
    assert morctl("init", str(ws), env=ENV).code == 0  # effective: Mon 23 Nov 2026
    early = {**os.environ, "MORCTL_TODAY": "2026-11-10"}
    r = morctl("show", str(ws), "--person", "owen", env=early)
    assert r.code == 0, r.err
    assert r.out.endswith(
        "  (owns no activities)\n\nAttends, 10 Nov to 16 Nov 2026:\n"
        "  nothing (the rhythm takes effect on 2026-11-23)\n"
    )


def test_roles_come_in_the_order_rhythm_yaml_declares_them() -> None:
    # acme declares vp, manager, rep: the VP's grid first, not the manager's (alphabetical).
    assert re.findall(r"^\S.* \[(\w+)\], times in ", show(), re.M) == ["vp", "manager"]


def test_a_mistyped_role_is_offered_the_role_meant() -> None:
    r = morctl("show", str(ACME), "--role", "mangaer", env=ENV)
    assert r.code == 2
    assert "--role: 'mangaer' is not a role" in r.err
    assert "hint: did you mean 'manager'? roles: vp, manager, rep" in r.err
    r = morctl("show", str(ACME), "--role", "Front-line sales manager", env=ENV)
    assert r.code == 2 and "hint: did you mean 'manager'? roles: vp, manager, rep" in r.err


APAC_RHYTHM = """\
morctl: 1
id: apac
name: APAC
timezone: Asia/Singapore
effective: 2026-01-05
holidays:
  countries: [AU-NSW, NZ, IN, JP, SG, AE, NP]
roles:
  vp:      {title: VP, capacity: 3h}
  manager: {title: Manager, capacity: 8h}
  rep:     {title: Rep}
levers:
  forecast_accuracy: Week-6 commit within 10% of closed-won
activities:
  forecast_call:
    title: Monthly forecast call
    area: execution
    owner: manager
    with: team
    cadence: {every: month, on: last business day, at: "16:00", for: 45m, on_holiday: previous}
    admission:
      lever: forecast_accuracy
      standard: Each rep calls commit deal by deal
      evidence: {happened: log, useful: Commit lands within 10%}
  development_1on1:
    title: Monthly development 1:1
    area: talent
    owner: manager
    with: each_report
    report_role: rep
    cadence: {every: month, on: 2nd wed, at: "13:00", for: 45m}
    admission:
      lever: forecast_accuracy
      standard: Each rep calls commit deal by deal
      evidence: {happened: log, useful: Commit lands within 10%}
"""


def apac(tmp_path: Path, places: list[tuple[str, str, str]]) -> Path:
    """A workspace of one manager (with one rep) in each of ``places`` (id, zone, country)."""
    ws = tmp_path / "apac"
    ws.mkdir()
    (ws / "rhythm.yaml").write_text(APAC_RHYTHM, encoding="utf-8")
    people = ["  - {id: vera, name: Vera Tan, role: vp, timezone: Asia/Singapore, country: SG}"]
    for who, zone, country in places:
        people += [
            f"  - {{id: {who}, name: {who.title()} M, role: manager, manager: vera, "
            f"timezone: {zone}, country: {country}}}",
            f"  - {{id: {who}_rep, name: {who.title()} R, role: rep, manager: {who}, "
            f"timezone: {zone}, country: {country}}}",
        ]
    (ws / "org.yaml").write_text("people:\n" + "\n".join(people) + "\n", encoding="utf-8")
    return ws


APAC_PLACES = [
    ("sam", "Australia/Sydney", "AU-NSW"),
    ("aroha", "Pacific/Auckland", "NZ"),
    ("ishaan", "Asia/Kolkata", "IN"),
    ("bikash", "Asia/Kathmandu", "NP"),
    ("kenji", "Asia/Tokyo", "JP"),
    ("omar", "Asia/Dubai", "AE"),
]


@pytest.mark.parametrize(
    ("places", "first"),
    [
        # Six places: kenji's and omar's dates were worked out by nobody (four places at
        # most), and the line stopped at three names with no word of the other two.
        (APAC_PLACES, "sam (AU-NSW), aroha (NZ), ishaan (IN), kenji (JP), omar (AE)"),
        # A seventh, in Singapore, with the same dates: four named, and how many more.
        (
            [*APAC_PLACES, ("wei", "Asia/Singapore", "SG")],
            "sam (AU-NSW), aroha (NZ), ishaan (IN), kenji (JP) and 2 more",
        ),
    ],
)
def test_next_dates_account_for_every_place(
    tmp_path: Path, places: list[tuple[str, str, str]], first: str
) -> None:
    # The last business day of November 2026 is Monday the 30th and of December Thursday
    # the 31st everywhere here; of January 2027 Friday the 29th, but in Nepal Thursday the
    # 28th (the 29th is Martyrs' Day there).
    ws = apac(tmp_path, places)
    r = morctl("show", str(ws), env={**ENV, "MORCTL_TODAY": "2026-11-25"})
    assert r.code == 0, r.err
    (call,) = [ln for ln in r.out.splitlines() if "Monthly forecast call:" in ln]
    assert call.endswith(
        f"; next {first}: Mon 30 Nov 2026, Thu 31 Dec 2026, Fri 29 Jan 2027"
        "; next bikash (NP): Mon 30 Nov 2026, Thu 31 Dec 2026, Thu 28 Jan 2027"
    )
    # The 2nd Wednesday is the same day everywhere: no one person's name on dates that
    # are everyone's (it read as sam's alone).
    (line,) = [ln for ln in r.out.splitlines() if "Monthly development 1:1:" in ln]
    assert line.endswith("; next: Wed 09 Dec 2026, Wed 13 Jan 2027, Wed 10 Feb 2027")


def test_places_beyond_the_limit_are_counted_with_where_to_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An org in more places than are worked out: the dates of the first two are told, as
    # theirs (not everyone's), and the other four counted, with one of them to ask.
    from morctl import show as show_module
    from morctl.cli import run

    monkeypatch.setattr(show_module, "MAX_PLACES", 2)
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-25")
    assert run(["show", str(apac(tmp_path, APAC_PLACES))]) == 0
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if "Monthly development 1:1:" in ln]
    assert line.endswith(
        "; next sam (AU-NSW), aroha (NZ): Wed 09 Dec 2026, Wed 13 Jan 2027, Wed 10 Feb 2027"
        "; 4 more places not worked out (`morctl show --person ishaan` tells ishaan's)"
    )


def test_an_activity_that_ends_says_until_and_one_that_ended_leaves_grid_and_load(
    tmp_path: Path,
) -> None:
    """Today is Mon 23 Nov 2026. The huddle ended on Fri 20 Nov: it leaves the grid and the
    load, and is named as ended; the pipeline review runs until Mon 30 Nov, as the grid
    says, and the forecast call's next dates stop there: Mon 30 Nov is its last."""
    old = 'cadence: {every: week, on: [mon, thu], at: "08:30", for: 15m}'
    ws = acme_edited(tmp_path, "rhythm.yaml", old, old[:-1] + ", until: 2026-11-20}")
    text = (ws / "rhythm.yaml").read_text(encoding="utf-8")
    for old in (
        'cadence: {every: week, on: tue, at: "09:00", for: 30m, grace: 1d}',
        'cadence: {every: month, on: last business day, at: "16:00", for: 45m, '
        "on_holiday: previous}",
    ):
        assert old in text
        text = text.replace(old, old[:-1] + ", until: 2026-11-30}")
    (ws / "rhythm.yaml").write_text(text, encoding="utf-8")
    before = morctl("show", str(ACME), "--person", "priya", env=ENV).out
    r = morctl("show", str(ws), "--person", "priya", env=ENV)
    assert r.code == 0, r.err
    assert "Team huddle" in before and "Team huddle 15m" not in r.out
    lines = r.out.splitlines()
    at = next(i for i, ln in enumerate(lines) if "│ 09:00 │" in ln)
    cell = [ln.split("│")[3].strip() for ln in lines[at : at + 2]]
    assert cell == ["Weekly pipeline review ×6 30m", "until 2026-11-30"]
    assert (
        "  Monthly forecast call: every month on last business day at 16:00, 45m, until "
        "2026-11-30; next: Mon 30 Nov 2026\n"
    ) in r.out
    assert "\nEnded:\n  Team huddle: ended on 2026-11-20\n" in r.out
    # Two huddles a week of 15m were 30m of priya's load; they are no longer in it.
    load = {ln.split()[0]: ln.split()[2] for ln in before.splitlines() if "(manager)" in ln}
    after = {ln.split()[0]: ln.split()[2] for ln in r.out.splitlines() if "(manager)" in ln}
    assert (load["priya"], after["priya"]) == ("6h05m", "5h35m")


def test_an_activity_that_takes_over_from_a_day_says_from(tmp_path: Path) -> None:
    """The cookbook's change from a date: the Tuesday review runs until 30 Nov, the
    Wednesday one from 1 Dec. Today (Mon 23 Nov) both are in the grid, each with its
    days; a start already past is not said."""
    tue = 'cadence: {every: week, on: tue, at: "09:00", for: 30m, grace: 1d}'
    ws = acme_edited(tmp_path, "rhythm.yaml", tue, tue[:-1] + ", until: 2026-11-30}")
    text = (ws / "rhythm.yaml").read_text(encoding="utf-8")
    wed = (
        "  pipeline_review_wed:\n"
        "    title: Wednesday review\n"
        "    area: execution\n"
        "    owner: manager\n"
        "    with: each_report\n"
        '    cadence: {every: week, on: wed, at: "11:00", for: 30m, starting: 2026-12-01}\n'
        "    admission:\n"
        "      lever: pipeline_coverage\n"
        "      standard: Every stalled deal leaves with a dated next step\n"
        "      evidence: {happened: log, useful: Rep rates it 1-5}\n"
    )
    text = text.replace("\nactivities:\n", "\nactivities:\n" + wed, 1)
    (ws / "rhythm.yaml").write_text(text, encoding="utf-8")
    r = morctl("show", str(ws), "--person", "priya", env=ENV)
    assert "Wednesday review" in r.out, r.out + r.err
    lines = r.out.splitlines()
    at = next(i for i, ln in enumerate(lines) if "│ 11:00 │" in ln)
    wednesday = " ".join(ln.split("│")[4].strip() for ln in lines[at : at + 2]).split()
    assert " ".join(wednesday).startswith("Wednesday review ×6 30m from 2026-12-01")
    # Already begun: the win/loss debrief's starting (6 Feb 2026) is not said.
    assert "from 2026-02-06" not in r.out


def _replaced(tmp_path: Path, until: str, starting: str) -> Path:
    """Acme with the cookbook's recipe: the Tuesday pipeline review runs until ``until``,
    and a copy on Wednesdays from ``starting`` takes over."""
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    text = (ws / "rhythm.yaml").read_text(encoding="utf-8")
    at = text.index("  pipeline_review:\n")
    block = text[at : text.index("\n\n", at) + 2]
    old = 'cadence: {every: week, on: tue, at: "09:00", for: 30m, grace: 1d}'
    assert block.count(old) == 1
    wed = 'cadence: {every: week, on: wed, at: "09:00", for: 30m, grace: 1d, '
    new = block.replace(old, old[:-1] + f", until: {until}}}") + block.replace(
        "  pipeline_review:", "  pipeline_review_wed:"
    ).replace(old, wed + f"starting: {starting}}}")
    (ws / "rhythm.yaml").write_text(text[:at] + new + text[at + len(block) :], encoding="utf-8")
    return ws


def test_an_activity_replaced_from_a_date_counts_once_in_the_load(tmp_path: Path) -> None:
    """Today is Mon 23 Nov 2026. The Tuesday review runs until Mon 30 Nov and the Wednesday
    one from Tue 1 Dec: no week has both, so priya's load stays 6h05m (6 reps x 30m, plus
    the rest) on every day from today on, within her 8h, and diff sees no load change."""
    ws = _replaced(tmp_path / "a", "2026-11-30", "2026-12-01")
    r = morctl("validate", str(ws), env=ENV)
    assert r.code == 0 and "MOR405" not in r.out, r.out
    r = morctl("show", str(ws), "--person", "priya", env=ENV)
    assert r.code == 0, r.err
    (row,) = [ln for ln in r.out.splitlines() if "priya (manager)" in ln]
    assert row.split()[2] == "6h05m" and "OVER" not in row and "from" not in row, row
    r = morctl("diff", str(ACME), str(ws), env=ENV)
    assert r.code == 0, r.err
    assert "Load per week" not in r.out and "priya (manager)" not in r.out, r.out


def test_an_activity_that_starts_before_the_one_it_replaces_ends_fails_q4_from_that_day(
    tmp_path: Path,
) -> None:
    """The Wednesday review starts Tue 1 Dec, the Tuesday one runs until Thu 10 Dec: from 1
    Dec priya has both, 6 x 30m twice, 9h05m against 8h. Told now, with that day;
    tomasz (5 reps: 5h25m + 2h30m = 7h55m) stays within his 8h."""
    ws = _replaced(tmp_path / "b", "2026-12-10", "2026-12-01")
    r = morctl("validate", str(ws), env=ENV)
    assert r.code == 1
    assert (
        "error MOR405 priya (manager) fails Q4 (overhead) from 01 Dec 2026: 9h05m of rhythm "
        "work a week against a capacity of 8h (call_participation 1h, development_1on1 "
        "1h02m, forecast_call 10m, pipeline_review 3h, pipeline_review_wed 3h, team_huddle "
        "30m, win_loss_debrief 22m)" in r.out
    ), r.out
    assert "or end the activity a new one replaces (until) before the new one starts" in r.out
    assert "MOR405 tomasz" not in r.out
    r = morctl("show", str(ws), "--person", "priya", env=ENV)
    assert "OVER  (from 01 Dec 2026, as pipeline_review_wed starts)" in r.out, r.out
    r = morctl("diff", str(ACME), str(ws), env=ENV)
    assert (
        "! priya (manager): 9h05m a week from 01 Dec 2026 against a capacity of 8h "
        "(+3h/week)" in r.out
    ), r.out


def test_an_activity_retired_later_keeps_its_load_until_then(tmp_path: Path) -> None:
    """The review retired with `until: 2026-12-18`, still to come: the load is the largest
    from today on, which has it; diff shows no change, as validate counts it."""
    old = 'cadence: {every: week, on: tue, at: "09:00", for: 30m, grace: 1d}'
    ws = acme_edited(tmp_path, "rhythm.yaml", old, old[:-1] + ", until: 2026-12-18}")
    r = morctl("diff", str(ACME), str(ws), env=ENV)
    assert r.code == 0, r.err
    assert "Load per week" not in r.out, r.out
    r = morctl("show", str(ws), "--person", "priya", env=ENV)
    (row,) = [ln for ln in r.out.splitlines() if "priya (manager)" in ln]
    assert row.split()[2] == "6h05m", row
