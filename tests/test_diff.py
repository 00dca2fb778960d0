"""`morctl diff` on the fixtures in tests/data/diff/ (DESIGN.md §5, issue 6).

base/ validates clean; changed/ makes one of every kind of change (its header lists them);
invalid/ has a schema error, a method error and a roster error; solo/ has no roster.
The clock is pinned with MORCTL_TODAY, so the 90-day window is 2026-03-02 .. 2026-05-30.

Golden outputs live in tests/data/diff/golden/; regenerate them on purpose with
``MORCTL_REGENERATE=1 pytest tests/test_diff.py`` and review the change.

Hand counts used below (GB holidays in the window: Good Friday 3 Apr, 4 May, 25 May):
13 Thursdays (none a holiday), 13 Mondays of which 4 and 25 May are holidays, so 11
huddles; bob has 3 reps, alice 2.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import DATA, ROOT, morctl
from morctl.diff import compare, run
from morctl.diffsides import read_side

DIFF = DATA / "diff"
GOLDEN = DIFF / "golden"
TODAY = "2026-03-02"
REGENERATE = os.environ.get("MORCTL_REGENERATE") == "1"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def env(today: str = TODAY) -> dict[str, str]:
    return {**os.environ, "MORCTL_TODAY": today, "NO_COLOR": "1"}


def diff_output(
    old: str | Path, new: str | Path, fmt: str, cwd: Path = DIFF, today: str = TODAY
) -> str:
    """The diff computed in this process, which is quicker than the CLI; the tests that
    check exit codes and streams run the CLI itself."""
    out = io.StringIO()
    saved = os.environ.get("MORCTL_TODAY")
    os.environ["MORCTL_TODAY"] = today
    try:
        with contextlib.chdir(cwd):
            assert run(str(old), str(new), fmt, out) == 0
    finally:
        if saved is None:
            del os.environ["MORCTL_TODAY"]
        else:
            os.environ["MORCTL_TODAY"] = saved
    return out.getvalue()


def diff_json(old: str | Path, new: str | Path, cwd: Path = DIFF, today: str = TODAY) -> Any:
    return json.loads(diff_output(old, new, "json", cwd, today))


def changes(doc: Any, aid: str) -> dict[str, list[tuple[str | None, str | None]]]:
    (entry,) = [c for c in doc["activities"]["changed"] if c["id"] == aid]
    out: dict[str, list[tuple[str | None, str | None]]] = {}
    for c in entry["changes"]:
        out.setdefault(c["field"], []).append((c["before"], c["after"]))
    return out


def variant(
    tmp_path: Path,
    source: str,
    file: str = "rhythm.yaml",
    name: str | None = None,
    **replace: str,
) -> Path:
    """A copy of a fixture workspace (in ``name``, else SOURCE-variant) with text replaced
    in ``file`` ({old: new})."""
    target = tmp_path / (name or f"{source}-variant")
    shutil.copytree(DIFF / source, target)
    edited = target / file
    text = edited.read_text()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    edited.write_text(text)
    return target


@pytest.fixture(scope="module")
def doc() -> Any:
    return diff_json("base", "changed")


# -- activities, field by field ----------------------------------------------------------


def test_activities_added_and_removed(doc: Any) -> None:
    assert doc["activities"]["added"] == [
        {
            "id": "call_coaching",
            "title": "Call coaching",
            "text": "manager, with each_report (rep only), every week on thu at 11:00 for 30m",
        }
    ]
    assert doc["activities"]["removed"] == [
        {
            "id": "development_1on1",
            "title": "Monthly development 1:1",
            "text": "manager, with each_report, every month on 2nd wed at 13:00 for 45m",
        }
    ]
    assert [c["id"] for c in doc["activities"]["changed"]] == [
        "forecast_call",
        "pipeline_review",
        "team_huddle",
        "vp_rollup",
    ]


def test_fields_change_in_the_language_of_the_rhythm(doc: Any) -> None:
    assert changes(doc, "pipeline_review") == {
        "cadence": [
            (
                "every week on tue at 09:00 for 30m",
                "every 2 weeks on tue at 09:00 for 45m, starting 2026-01-06",
            )
        ]
    }
    assert changes(doc, "forecast_call") == {"owner": [("manager", "vp")]}
    assert changes(doc, "team_huddle") == {
        "with": [("team", "each_report")],
        "checklist": [(None, "Name the one blocker to clear this week")],
    }
    assert changes(doc, "vp_rollup") == {
        "lever": [("forecast_accuracy", "deal_velocity")],
        "standard": [
            (
                "Each manager calls commit and names three swing deals",
                "Each manager names the three deals that move their number most",
            )
        ],
        "evidence happened": [("crm", "calendar")],
    }
    assert doc["settings"] == [
        {
            "subject": "lever deal_velocity",
            "field": "",
            "before": None,
            "after": "Median time from stage 2 to close under 60 days",
        },
        {"subject": "role vp", "field": "capacity", "before": "2h", "after": "1h30m"},
    ]


def test_text_never_shows_yaml_paths() -> None:
    out = diff_output("base", "changed", "text")
    body = out[out.index("\nActivities ") :]  # after the errors, which quote validate
    assert "\nRhythm and roster\n" in body
    assert "activities." not in body and "cadence.for" not in body
    assert "owner: manager → vp" in body
    assert "with: team → each_report" in body
    assert "lever: forecast_accuracy → deal_velocity" in body


def test_duration_change_and_load_delta(tmp_path: Path) -> None:
    longer = variant(tmp_path, "base", **{'at: "09:00", for: 30m}': 'at: "09:00", for: 45m}'})
    doc = diff_json(DIFF / "base", longer)
    assert changes(doc, "pipeline_review") == {
        "cadence": [("every week on tue at 09:00 for 30m", "every week on tue at 09:00 for 45m")]
    }
    people = {p["person"]: p for p in doc["load"]["people"]}
    assert set(people) == {"alice", "bob"}  # the vp's week does not change
    assert (people["alice"]["delta"], people["bob"]["delta"]) == (30, 45)
    assert people["bob"]["before"] == 147 and people["bob"]["after"] == 192
    assert doc["load"]["newly_over_capacity"][0]["person"] == "bob"
    text = diff_output(DIFF / "base", longer, "text")
    assert "+45m/week" in text and "+30m/week" in text


def test_admission_answer_changes(tmp_path: Path) -> None:
    edited = variant(
        tmp_path,
        "base",
        **{
            "lever: win_rate": "lever: coaching_quality",
            "evidence: {happened: crm, useful: Commit": "evidence: {happened: log, useful: Commit",
        },
    )
    doc = diff_json(DIFF / "base", edited)
    assert changes(doc, "development_1on1") == {"lever": [("win_rate", "coaching_quality")]}
    assert changes(doc, "forecast_call") == {"evidence happened": [("crm", "log")]}
    (change,) = doc["admission"]
    assert change["activity"] == "development_1on1"
    assert change["question"] == "Q1" and change["now"] == "fails"
    assert "'coaching_quality' is not a declared lever" in change["reason"]


# -- load and budgets --------------------------------------------------------------------


def test_load_per_person_and_role(doc: Any) -> None:
    people = {p["person"]: p for p in doc["load"]["people"]}
    assert people["bob"] == {
        "role": "manager",
        "person": "bob",
        "before": 147,
        "after": 202,
        "capacity_before": 180,
        "capacity_after": 180,
        "over_before": False,
        "over_after": True,
        "delta": 55,
    }
    assert (people["alice"]["before"], people["alice"]["after"]) == (106, 135)
    assert (people["dana"]["before"], people["dana"]["after"]) == (60, 70)
    roles = {r["role"]: r for r in doc["load"]["roles"]}
    assert roles["manager"]["people_after"] == 2 and roles["manager"]["over_after"] == 1
    assert (roles["vp"]["capacity_before"], roles["vp"]["capacity_after"]) == (120, 90)


def test_a_newly_broken_budget_and_its_repair(doc: Any) -> None:
    assert doc["load"]["newly_over_capacity"] == [
        {
            "role": "manager",
            "person": "bob",
            "minutes": 202,
            "capacity": 180,
            "delta": 55,
            "since": None,
            "over_from": None,
        }
    ]
    assert doc["load"]["back_within_capacity"] == []
    back = diff_json("changed", "base")
    assert back["load"]["back_within_capacity"] == [
        {
            "role": "manager",
            "person": "bob",
            "minutes": 147,
            "capacity": 180,
            "delta": -55,
            "since": None,
            "over_from": None,
        }
    ]
    text = diff_output("base", "changed", "text")
    assert "! bob (manager): 3h22m a week against a capacity of 3h (+55m/week)" in text


def test_without_a_roster_load_is_per_role() -> None:
    doc = diff_json("solo/before.yaml", "solo/after.yaml")
    assert doc["load"]["people"] == []
    (role,) = doc["load"]["roles"]
    assert (role["role"], role["before"], role["after"], role["delta"]) == ("manager", 180, 270, 90)
    assert doc["load"]["newly_over_capacity"] == [
        {
            "role": "manager",
            "person": None,
            "minutes": 270,
            "capacity": 240,
            "delta": 90,
            "since": None,
            "over_from": None,
        }
    ]
    assert doc["occurrences"] == []
    assert "neither side has a roster, so there are no occurrences to compare" in doc["notes"]
    # The side was a file not called rhythm.yaml: errors name it as given.
    assert doc["new"]["errors"][0]["file"] == "solo/after.yaml"


def test_a_roles_load_just_over_its_capacity_reads_over_on_its_row(tmp_path: Path) -> None:
    # 270.5 minutes (six 45m reviews and a 2m monthly check) against 4h30m: the role's row
    # says 4h31m, as the budget line does, not "4h30m against 4h30m".
    text = (DIFF / "solo" / "after.yaml").read_text()
    text = text.replace("capacity: 4h,", "capacity: 4h30m,") + (
        "  check:\n    title: Monthly check\n    area: visibility\n    owner: manager\n"
        '    cadence: {every: month, on: 1st mon, at: "10:00", for: 2m}\n'
        "    admission:\n      lever: pipeline_coverage\n      standard: Numbers checked\n"
        "      evidence: {happened: log, useful: Fewer surprises}\n"
    )
    new = tmp_path / "after.yaml"
    new.write_text(text)
    load = diff_json(DIFF / "solo" / "before.yaml", new)["load"]
    (role,) = load["roles"]
    assert (role["after"], role["capacity_after"], role["over_after"]) == (271, 270, 1)
    assert [(b["minutes"], b["capacity"]) for b in load["newly_over_capacity"]] == [(271, 270)]


# -- occurrences in the next 90 days -----------------------------------------------------


def test_occurrences_added_and_removed_per_role(doc: Any) -> None:
    assert doc["window"] == {"from": "2026-03-02", "to": "2026-05-30"}
    occ = {o["role"]: o for o in doc["occurrences"]}
    assert set(occ) == {"manager", "vp"}
    per = {a["activity"]: (a["added"], a["removed"]) for a in occ["manager"]["activities"]}
    assert per == {
        "call_coaching": (13 * 5, 0),
        "development_1on1": (0, 3 * 5),
        "forecast_call": (0, 3 * 2),
        "pipeline_review": (0, 6 * 5),  # every other Tuesday goes
        "team_huddle": (11 * 5, 11 * 2),  # one huddle per team becomes one per rep
    }
    assert occ["vp"]["added_keys"] == [
        "forecast_call/dana/2026-03-31",
        "forecast_call/dana/2026-04-30",
        "forecast_call/dana/2026-05-29",
    ]
    removed = set(occ["manager"]["removed_keys"])
    assert "forecast_call/alice/2026-03-31" in removed
    assert "pipeline_review/alice/carol/2026-03-10" in removed
    assert "pipeline_review/alice/carol/2026-03-03" not in removed
    assert occ["manager"]["removed_keys"] == sorted(removed)


def test_window_starts_at_effective_when_later(tmp_path: Path) -> None:
    # Neither side in force yet: the 90 days from the effective date.
    doc = diff_json("base", "changed", today="2025-11-03")
    assert doc["window"] == {"from": "2026-01-05", "to": "2026-04-04"}


def test_moving_effective_later_shows_the_meetings_it_removes(tmp_path: Path, doc: Any) -> None:
    # The rhythm runs today (2 Mar 2026); the change moves `effective` to 1 Apr. The window
    # starts today, so March's meetings, which the change takes away, show as removed.
    later = variant(tmp_path, "changed", **{"effective: 2026-01-05": "effective: 2026-04-01"})
    got = diff_json(DIFF / "base", later)
    assert got["window"] == doc["window"] == {"from": "2026-03-02", "to": "2026-05-30"}

    def removed(d: Any) -> set[str]:
        return {k for o in d["occurrences"] for k in o["removed_keys"]}

    extra = removed(got) - removed(doc)  # what moving `effective` adds to the change
    assert "pipeline_review/alice/carol/2026-03-03" in extra
    assert all(k.rsplit("/", 1)[1] < "2026-04-01" for k in extra), extra
    # Both sides later than today: from the earlier of the two.
    got = diff_json(DIFF / "base", later, today="2025-11-03")
    assert got["window"] == {"from": "2026-01-05", "to": "2026-04-04"}


def test_days_sets_the_window(tmp_path: Path) -> None:
    # A company day off on Tuesday 14 July 2026, beyond the 90 days (to 30 May): by
    # default the change prints no occurrence at all, and says so in one line.
    new = variant(
        tmp_path, "base", **{"  countries: [GB]": "  countries: [GB]\n  dates: [2026-07-14]"}
    )
    doc = diff_json(DIFF / "base", new)
    assert doc["occurrences"] == []
    assert (
        "changes beyond the next 90 days are not counted (the first on 2026-07-14); use --days 365"
    ) in doc["notes"]
    # --days 365: to 1 March 2027; pipeline_review that Tuesday is skipped, for 5 reps.
    r = morctl("diff", "base", str(new), "--days", "365", "--format", "json", cwd=DIFF, env=env())
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["window"] == {"from": "2026-03-02", "to": "2027-03-01"}
    (occ,) = doc["occurrences"]
    assert occ["removed_keys"] == [
        f"pipeline_review/{m}/{rep}/2026-07-14"
        for m, rep in (("alice", "carol"), ("alice", "dave"), ("bob", "erin"))
        + (("bob", "frank"), ("bob", "gina"))
    ]
    assert not any("beyond" in n for n in doc["notes"])
    assert "occurrences in the 365 days from 2026-03-02: 0 added, 5 removed" in doc["summary"]
    text = morctl("diff", "base", str(new), "--days", "365", cwd=DIFF, env=env()).out
    assert "Occurrences from 2026-03-02 to 2027-03-01 (scheduled), per owner role" in text


@pytest.mark.parametrize(
    "dated,days",
    [
        ("left: 2026-08-31", 365),
        ("joined: 2026-06-01", 365),
        ("manager_since: 2026-09-01, previous_manager: alice", 365),
        ("away: [{from: 2026-12-21, to: 2026-12-24}]", 365),
        # beyond a year: the days from 2 March 2026 to 3 January 2028, both counted
        ("left: 2028-01-03", 673),
    ],
)
def test_a_roster_date_beyond_the_window_is_noted(tmp_path: Path, dated: str, days: int) -> None:
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    roster = new / "org.yaml"
    line = "  - {id: gina, name: Gina Rossi, role: rep, manager: bob}"
    roster.write_text(roster.read_text().replace(line, line[:-1] + f", {dated}}}"))
    doc = diff_json(DIFF / "base", new)
    day = next(w for w in dated.split() if w[:2] == "20").strip(",}]")
    note = (
        f"changes beyond the next 90 days are not counted (the first on {day}); use --days {days}"
    )
    assert note in doc["notes"]
    # A date inside the window is counted there: no note.
    inside = tmp_path / "inside"
    shutil.copytree(DIFF / "base", inside)
    roster = inside / "org.yaml"
    roster.write_text(roster.read_text().replace(line, line[:-1] + ", left: 2026-04-30}"))
    assert not any("beyond" in n for n in diff_json(DIFF / "base", inside)["notes"])


SHUTDOWN = (
    "\nblackouts:\n"
    "  - {name: Huddle retired, from: 2026-04-06, to: 2099-12-31, activities: [team_huddle]}"
)


@pytest.mark.parametrize(
    "days,holiday,note",
    [
        # 2099 is beyond any --days (3660 at most, to 2036-03-... here): never "use --days"
        # a value that cannot reach it, nor the value given.
        (
            90,
            "",
            "changes beyond the next 90 days are not counted (the first on 2099-12-31, "
            "beyond the 3660 days diff compares at most)",
        ),
        (
            3660,
            "",
            "changes beyond the next 3660 days are not counted (the first on "
            "2099-12-31, beyond the 3660 days diff compares at most)",
        ),
        # A day --days reaches as well: the days to it (2 March 2026 .. 14 July 2026 is
        # fewer than 365, so 365), and the day beyond.
        (
            90,
            "\n  dates: [2026-07-14]",
            "changes beyond the next 90 days are not counted (the "
            "first on 2026-07-14); use --days 365 (2099-12-31 is beyond the 3660 days diff "
            "compares at most)",
        ),
        (
            400,
            "\n  dates: [2027-07-14]",
            "changes beyond the next 400 days are not counted (the "
            "first on 2027-07-14); use --days 500 (2099-12-31 is beyond the 3660 days diff "
            "compares at most)",
        ),
    ],
)
def test_days_never_advised_beyond_reach(
    tmp_path: Path, days: int, holiday: str, note: str
) -> None:
    new = variant(
        tmp_path, "base", **{"  countries: [GB]": "  countries: [GB]" + holiday + SHUTDOWN}
    )
    r = morctl(
        "diff", "base", str(new), "--days", str(days), "--format", "json", cwd=DIFF, env=env()
    )
    assert r.code == 0, r.err
    notes = [n for n in json.loads(r.out)["notes"] if "beyond" in n]
    assert notes == [note]
    assert f"use --days {days}" not in r.out


@pytest.mark.parametrize("days", ["0", "-3", "ninety", "3661", ""])
def test_days_must_be_a_number_of_days(days: str) -> None:
    r = morctl("diff", "base", "changed", f"--days={days}", cwd=DIFF, env=env())
    assert r.code == 2, r.out
    assert f"--days takes a whole number of days from 1 to 3660, e.g. 365, not '{days}'" in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_roster_change(tmp_path: Path) -> None:
    grown = tmp_path / "grown"
    shutil.copytree(DIFF / "base", grown)
    roster = grown / "org.yaml"
    roster.write_text(
        roster.read_text() + "  - {id: hana, name: Hana Sato, role: rep, manager: alice}\n"
    )
    doc = diff_json(DIFF / "base", grown)
    assert doc["settings"] == [
        {
            "subject": "person hana",
            "field": "",
            "before": None,
            "after": "Hana Sato, rep, reports to alice",
        }
    ]
    (occ,) = doc["occurrences"]
    assert "pipeline_review/alice/hana/2026-03-03" in occ["added_keys"]
    assert occ["removed"] == 0
    (alice,) = doc["load"]["people"]
    # A 30m review and a 45m monthly 1:1 more: 106.2 → 146.5 minutes, rounded.
    assert alice["person"] == "alice" and alice["delta"] == 41


def test_away_periods_beside_org_csv_change_the_person(tmp_path: Path) -> None:
    # The roster is an HR export (org.csv, the base fixture's people); org.yaml gives alice a
    # week of leave in an entry of only id and away. The diff tells it as her away periods
    # changing, and her meetings that week as excused: not a person added or defined twice.
    old = tmp_path / "old"
    shutil.copytree(DIFF / "base", old)
    rows = ["id,name,role,manager"]
    for line in (old / "org.yaml").read_text().splitlines()[1:]:
        cells = dict(c.split(": ") for c in line.strip(" -{}").split(", "))
        rows.append(",".join(cells.get(k, "") for k in ("id", "name", "role", "manager")))
    (old / "org.yaml").unlink()
    (old / "org.csv").write_text("\n".join(rows) + "\n")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    (new / "org.yaml").write_text(
        "people:\n  - {id: alice, away: [{from: 2026-03-09, to: 2026-03-13}]}\n"
    )
    doc = diff_json(old, new)
    (change,) = doc["settings"]
    assert change == {
        "subject": "person alice",
        "field": "away",
        "before": "none",
        "after": "2026-03-09 to 2026-03-13",
    }
    # Her week of 9-13 March: the huddle of Mon 9, the reviews of Tue 10 with carol and dave,
    # and the 1:1s of Wed 11 (the 2nd Wednesday) with each. Nothing of bob's moves.
    (occ,) = doc["occurrences"]
    assert occ["removed_keys"] == [
        "development_1on1/alice/carol/2026-03-11",
        "development_1on1/alice/dave/2026-03-11",
        "pipeline_review/alice/carol/2026-03-10",
        "pipeline_review/alice/dave/2026-03-10",
        "team_huddle/alice/2026-03-09",
    ]
    assert occ["added_keys"] == []


def _roster_variant(tmp_path: Path, name: str, **replace: str) -> Path:
    """A copy of the base fixture with text replaced in its org.yaml ({old: new})."""
    return variant(tmp_path, "base", "org.yaml", name, **replace)


HANA = "  - {id: hana, name: Hana Sato, role: rep, manager: bob%s}\n"
ERIN = "{id: erin, name: Erin Park, role: rep, manager: bob}"


def test_people_added_or_moved_without_a_day_rewrite_past_weeks(tmp_path: Path) -> None:
    # A report reads today's roster for every day it covers: a rep added with no `joined`
    # has had 1:1s due since the rhythm's effective day, all missed; a rep moved with no
    # `manager_since` charges the new manager with the weeks before the move. Nothing in
    # either side alone tells this from a roster that was always so; the change does.
    new = _roster_variant(
        tmp_path,
        "new",
        **{ERIN: "{id: erin, name: Erin Park, role: rep, manager: alice}"},
    )
    (new / "org.yaml").write_text((new / "org.yaml").read_text() + HANA % "")
    doc = diff_json(DIFF / "base", new, today="2026-04-15")
    assert doc["past"] == [
        {
            "person": "erin",
            "activity": None,
            "kind": "manager_since",
            "from": "2026-01-05",
            "to": "2026-04-14",
            "meetings": None,
            "manager_before": "bob",
            "manager_after": "alice",
            "message": "erin moves from bob to alice with no manager_since: reports of the days "
            "from 2026-01-05 to 2026-04-14 charge alice with their 1:1s and count bob's "
            "logged 1:1s with them as unplanned",
            "hint": "write manager_since: 2026-04-15 and previous_manager: bob (the day of the "
            "move, if not today): bob keeps the days before it",
        },
        {
            "person": "hana",
            "activity": None,
            "kind": "joined",
            "from": "2026-01-05",
            "to": "2026-04-14",
            "meetings": None,
            "manager_before": None,
            "manager_after": None,
            "message": "hana is added with no joined day: reports count their meetings due "
            "since 2026-01-05, the rhythm's effective day, as missed where nothing is logged",
            "hint": "write joined: 2026-04-15 in their entry (their first day, if not today): "
            "before it, reports expect nothing of them",
        },
    ]
    assert "2 people whose past weeks change" in doc["summary"]
    text = diff_output(DIFF / "base", new, "text", today="2026-04-15")
    assert "\nPast weeks this change rewrites\n  ! erin moves from bob to alice" in text
    md = diff_output(DIFF / "base", new, "md", today="2026-04-15")
    assert "### Past weeks this change rewrites\n\n- ⚠️ `erin` moves from `bob` to `alice`" in md
    # On the rhythm's first day there are no past weeks to rewrite.
    assert diff_json(DIFF / "base", new, today="2026-01-05")["past"] == []


def test_the_days_the_hints_write_keep_past_reports_as_they_were(tmp_path: Path) -> None:
    # With the days written as the hints say, diff says nothing of past weeks, and a report
    # of a past window is the same before and after the change; without them it is not.
    undated = _roster_variant(
        tmp_path, "undated", **{ERIN: "{id: erin, name: Erin Park, role: rep, manager: alice}"}
    )
    dated = _roster_variant(
        tmp_path,
        "dated",
        **{
            ERIN: "{id: erin, name: Erin Park, role: rep, manager: alice, "
            "manager_since: 2026-04-15, previous_manager: bob}"
        },
    )
    for ws, day in ((undated, ""), (dated, ", joined: 2026-04-15")):
        (ws / "org.yaml").write_text((ws / "org.yaml").read_text() + HANA % day)
    assert diff_json(DIFF / "base", dated, today="2026-04-15")["past"] == []

    def figures(ws: Path) -> list[tuple[str, int, int]]:
        r = morctl(
            "report", str(ws), "--month", "2026-03", "--format", "json", env=env("2026-04-15")
        )
        return [(p["id"], p["expected"], p["missed"]) for p in json.loads(r.out)["people"]]

    assert figures(dated) == figures(DIFF / "base")
    assert figures(undated) != figures(DIFF / "base")


CLINIC = """
  deal_clinic:
    title: Deal clinic
    area: execution
    owner: manager
    with: team
    cadence: {every: week, on: thu, at: "15:00", for: 30m%s}
    admission:
      lever: win_rate
      standard: Every deal past stage 3 has a named champion
      evidence: {happened: log, useful: Champions named}
"""


def _with_clinic(tmp_path: Path, name: str, starting: str = "") -> Path:
    """The base fixture with a weekly team meeting added on Thursdays."""
    ws = variant(tmp_path, "base", name=name)
    rhythm = ws / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text() + CLINIC % starting)
    return ws


def test_an_activity_added_without_starting_rewrites_past_weeks(tmp_path: Path) -> None:
    # A report reads the rhythm as it is now: an activity added with no `starting` has had
    # meetings due since the rhythm's effective day (5 Jan 2026), all missed. To 14 April,
    # 14 Thursdays (8 Jan .. 9 Apr; Good Friday and Easter Monday are no Thursday), for
    # alice and bob: 28 meetings.
    new = _with_clinic(tmp_path, "new")
    doc = diff_json(DIFF / "base", new, today="2026-04-15")
    assert doc["past"] == [
        {
            "person": None,
            "activity": "deal_clinic",
            "kind": "added",
            "from": "2026-01-05",
            "to": "2026-04-14",
            "meetings": 28,
            "manager_before": None,
            "manager_after": None,
            "message": "deal_clinic is added with no starting day: reports count its meetings "
            "due since 2026-01-05, the rhythm's effective day, as missed where nothing is "
            "logged: 28 of them before today, for all its owners",
            "hint": "write starting: 2026-04-15 in its cadence (the day it begins, if not "
            "today): before it, reports expect none of its meetings; an earlier day is right "
            "only when its meetings since were held and are logged",
        }
    ]
    assert "1 activity whose past weeks change" in doc["summary"]
    text = diff_output(DIFF / "base", new, "text", today="2026-04-15")
    assert "\nPast weeks this change rewrites\n  ! deal_clinic is added with no starting" in text
    assert "      hint: write starting: 2026-04-15 in its cadence" in text
    md = diff_output(DIFF / "base", new, "md", today="2026-04-15")
    assert (
        "### Past weeks this change rewrites\n\n- ⚠️ `deal_clinic` is added with no `starting`" in md
    )
    assert "  write `starting: 2026-04-15` in its cadence" in md
    # A `starting` before today: since then. 2 March .. 14 April, 6 Thursdays, 2 owners.
    early = _with_clinic(tmp_path, "early", ", starting: 2026-03-02")
    (entry,) = diff_json(DIFF / "base", early, today="2026-04-15")["past"]
    assert (entry["kind"], entry["from"], entry["meetings"]) == ("added", "2026-03-02", 12)
    assert entry["message"] == (
        "deal_clinic is added with starting: 2026-03-02, before today: reports count its "
        "meetings due since 2026-03-02 as missed where nothing is logged: 12 of them before today, "
        "for all its owners"
    )
    # Starting today, or an activity with no meeting before today: nothing past.
    today = _with_clinic(tmp_path, "today", ", starting: 2026-04-15")
    assert diff_json(DIFF / "base", today, today="2026-04-15")["past"] == []
    assert diff_json(DIFF / "base", new, today="2026-01-08")["past"] == []  # its first day
    assert diff_json(DIFF / "base", new, today="2026-01-09")["past"][0]["meetings"] == 2


def test_the_starting_the_hint_writes_keeps_past_reports_as_they_were(tmp_path: Path) -> None:
    undated = _with_clinic(tmp_path, "undated")
    dated = _with_clinic(tmp_path, "dated", ", starting: 2026-04-15")

    def figures(ws: Path) -> list[tuple[str, int, int]]:
        r = morctl(
            "report", str(ws), "--month", "2026-03", "--format", "json", env=env("2026-04-15")
        )
        return [(p["id"], p["expected"], p["missed"]) for p in json.loads(r.out)["people"]]

    assert figures(dated) == figures(DIFF / "base")
    # Without it, March's 4 Thursdays are due for each manager, and missed.
    before = dict((p, (e, m)) for p, e, m in figures(DIFF / "base"))
    after = dict((p, (e, m)) for p, e, m in figures(undated))
    for who in ("alice", "bob"):
        assert after[who] == (before[who][0] + 4, before[who][1] + 4)


def test_an_earlier_start_rewrites_past_weeks(tmp_path: Path) -> None:
    # team_huddle (Mondays, alice and bob) starts on 2 March on the old side. Without its
    # `starting`, the 8 Mondays of 5 Jan .. 23 Feb are due: 16 meetings. Moved to 2 Feb,
    # the 4 Mondays of February: 8.
    huddle = '{every: week, on: mon, at: "08:30", for: 15m'
    old = variant(tmp_path, "base", name="old", **{huddle: huddle + ", starting: 2026-03-02"})
    doc = diff_json(old, DIFF / "base", today="2026-04-15")
    assert doc["past"] == [
        {
            "person": None,
            "activity": "team_huddle",
            "kind": "starting",
            "from": "2026-01-05",
            "to": "2026-03-01",
            "meetings": 16,
            "manager_before": None,
            "manager_after": None,
            "message": "team_huddle loses its starting day (2026-03-02): reports count its "
            "meetings due from 2026-01-05 to 2026-03-01 as missed where nothing is logged: "
            "16 of them, for all its owners",
            "hint": "keep starting: 2026-03-02: before it, reports expect none of its "
            "meetings; an earlier day is right only when its meetings since were held and "
            "are logged",
        }
    ]
    earlier = variant(
        tmp_path, "base", name="earlier", **{huddle: huddle + ", starting: 2026-02-02"}
    )
    (entry,) = diff_json(old, earlier, today="2026-04-15")["past"]
    assert entry["message"].startswith(
        "team_huddle starts on 2026-02-02 instead of 2026-03-02: reports count its meetings "
        "due from 2026-02-02 to 2026-03-01 as missed where nothing is logged: 8 of them,"
    )
    # Later, or the same: nothing past. A start still to come, moved earlier: up to today.
    assert diff_json(earlier, old, today="2026-04-15")["past"] == []
    (entry,) = diff_json(old, earlier, today="2026-02-17")["past"]  # Mondays 2, 9, 16 Feb
    assert (entry["from"], entry["to"], entry["meetings"]) == ("2026-02-02", "2026-02-16", 6)


def test_an_earlier_effective_day_rewrites_past_weeks(tmp_path: Path) -> None:
    # `effective` from 5 Jan 2026 to 1 Dec 2025: the days 1 Dec .. 4 Jan are due. Every
    # activity: pipeline_review 5 Tuesdays x 5 reps (25), forecast_call on Wed 31 Dec x 2
    # managers (2), team_huddle 5 Mondays x 2 (10), development_1on1 on Wed 10 Dec x 5
    # reps (5), vp_rollup 5 Mondays x dana (5): 47. (25, 26 Dec and 1 Jan are Thursdays
    # and Fridays.)
    new = variant(
        tmp_path, "base", name="new", **{"effective: 2026-01-05": "effective: 2025-12-01"}
    )
    doc = diff_json(DIFF / "base", new, today="2026-04-15")
    assert doc["past"] == [
        {
            "person": None,
            "activity": None,
            "kind": "effective",
            "from": "2025-12-01",
            "to": "2026-01-04",
            "meetings": 47,
            "manager_before": None,
            "manager_after": None,
            "message": "the rhythm's effective day moves from 2026-01-05 to 2025-12-01: "
            "reports count the meetings due from 2025-12-01 to 2026-01-04 as missed where "
            "nothing is logged: 47 of them, for all activities and owners",
            "hint": "keep effective: 2026-01-05: before it, reports expect nothing; an "
            "earlier day is right only when the meetings since were held and are logged",
        }
    ]
    assert "the effective day rewrites past weeks" in doc["summary"]


def test_a_cadence_counted_another_way_rewrites_past_weeks(tmp_path: Path) -> None:
    # Reports match completions to meetings by cadence period and grace, read as they are
    # now: every week to every 2 weeks, or another grace, changes past figures; another
    # weekday (`on`) or time moves the meetings inside their periods and does not.
    review = '{every: week, on: tue, at: "09:00", for: 30m}'
    fortnight = variant(
        tmp_path, "base", name="fortnight", **{review: review.replace("week", "2 weeks")}
    )
    graced = variant(tmp_path, "base", name="graced", **{review: review[:-1] + ", grace: 2d}"})
    wed = variant(tmp_path, "base", name="wed", **{review: review.replace("tue", "wed")})
    (entry,) = diff_json(DIFF / "base", fortnight, today="2026-04-15")["past"]
    assert entry == {
        "person": None,
        "activity": "pipeline_review",
        "kind": "cadence",
        "from": "2026-01-05",
        "to": "2026-04-14",
        "meetings": None,
        "manager_before": None,
        "manager_after": None,
        "message": "pipeline_review is counted another way (every: week → 2 weeks): reports "
        "of the days from 2026-01-05 to 2026-04-14 read its cadence as it is now, so their "
        "figures for it change",
        "hint": "to change it from a day on, keep the old activity as it was, ended with "
        "until: 2026-04-14 (the day before the change), and write the new cadence as a new "
        "activity with starting: 2026-04-15 (the day it begins, if not today)",
    }
    (entry,) = diff_json(DIFF / "base", graced, today="2026-04-15")["past"]
    assert entry["message"].startswith("pipeline_review is counted another way (grace: 0d → 2d)")
    assert diff_json(DIFF / "base", wed, today="2026-04-15")["past"] == []
    # A rhythm not yet in force has no past to rewrite.
    assert diff_json(DIFF / "base", fortnight, today="2026-01-05")["past"] == []


def test_the_past_keys_are_documented() -> None:
    doc = (ROOT / "docs" / "code-review.md").read_text()
    (row,) = [line for line in doc.splitlines() if line.startswith("| `past` |")]
    keys = (
        "person, activity, kind, from, to, meetings, manager_before, manager_after, message, hint"
    )
    assert f"`[{{{keys}}}]`" in row
    for kind in ("joined", "manager_since", "added", "starting", "effective", "cadence"):
        assert f"`{kind}`" in row, kind


def test_a_retimed_meeting_counts_as_moved(tmp_path: Path) -> None:
    # pipeline_review from 09:00 to 10:00: the same 13 Tuesdays (none a holiday) with
    # 5 reps, each an hour later; nothing is added or removed.
    # alice lives in New York: her meetings are at 09:00 there, and a reviewer of a team
    # across time zones is told so (the rhythm's own zone is Europe/London).
    base = tmp_path / "base"
    shutil.copytree(DIFF / "base", base)
    roster = base / "org.yaml"
    roster.write_text(
        roster.read_text().replace(
            "manager: dana}", "manager: dana, timezone: America/New_York}", 1
        )
    )
    later = tmp_path / "later"
    shutil.copytree(base, later)
    rhythm = later / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text().replace('on: tue, at: "09:00"', 'on: tue, at: "10:00"'))
    doc = diff_json(base, later)
    (occ,) = doc["occurrences"]
    assert (occ["role"], occ["added"], occ["removed"], occ["moved"]) == ("manager", 0, 0, 65)
    assert occ["activities"] == [
        {"activity": "pipeline_review", "added": 0, "removed": 0, "moved": 65}
    ]
    assert occ["moved_keys"][0] == {
        "key": "pipeline_review/alice/carol/2026-03-03",
        "before": "2026-03-03 09:00 for 30m",
        "after": "2026-03-03 10:00 for 30m",
        "timezone_before": "America/New_York",
        "timezone_after": "America/New_York",
    }
    assert [m["key"] for m in occ["moved_keys"]] == sorted(m["key"] for m in occ["moved_keys"])
    # bob keeps the rhythm's zone.
    bobs = {m["timezone_after"] for m in occ["moved_keys"] if m["key"].split("/")[1] == "bob"}
    assert bobs == {"Europe/London"}
    assert (
        "occurrences in the 90 days from 2026-03-02: 0 added, 0 removed, 65 moved"
        in (doc["summary"])
    )
    text = diff_output(base, later, "text").splitlines()
    at = text.index("  manager: 0 / 0, 65 moved")
    assert text[at + 1 : at + 6] == [
        "    pipeline_review: 0 / 0, 65 moved",
        "      ~ pipeline_review/alice/carol/2026-03-03: 2026-03-03 09:00 America/New_York "
        "for 30m → 2026-03-03 10:00 America/New_York for 30m",
        "      ~ pipeline_review/alice/carol/2026-03-10: 2026-03-10 09:00 America/New_York "
        "for 30m → 2026-03-10 10:00 America/New_York for 30m",
        "      ~ pipeline_review/alice/carol/2026-03-17: 2026-03-17 09:00 America/New_York "
        "for 30m → 2026-03-17 10:00 America/New_York for 30m",
        "      … and 62 more moved",
    ]
    md = diff_output(base, later, "md")
    assert "| **manager** | all | 0 | 0 | 65 |" in md
    assert "<summary>Moved occurrences (65)</summary>" in md
    moved = md.split("Moved occurrences (65)")[1].split("</details>")[0].splitlines()
    assert (
        "~ pipeline_review/alice/carol/2026-03-03: 2026-03-03 09:00 America/New_York for 30m "
        "→ 2026-03-03 10:00 America/New_York for 30m"
    ) in moved
    assert "~ … and 53 more pipeline_review" in moved  # 12 shown


def test_a_report_placed_above_others_moves_their_meetings(tmp_path: Path) -> None:
    # hana joins bob's team above erin: erin, frank and gina's back-to-back reviews (13
    # Tuesdays) and monthly 1:1s (11 Mar, 8 Apr, 13 May) each start one slot later.
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    roster = new / "org.yaml"
    hana = "  - {id: hana, name: Hana Sato, role: rep, manager: bob}\n"
    text = roster.read_text()
    roster.write_text(text.replace("  - {id: erin,", hana + "  - {id: erin,"))
    (occ,) = diff_json(DIFF / "base", new)["occurrences"]
    per = {a["activity"]: (a["added"], a["removed"], a["moved"]) for a in occ["activities"]}
    assert per == {"development_1on1": (3, 0, 3 * 3), "pipeline_review": (13, 0, 3 * 13)}
    moved = {m["key"]: (m["before"], m["after"]) for m in occ["moved_keys"]}
    assert moved["pipeline_review/bob/gina/2026-03-03"] == (
        "2026-03-03 10:00 for 30m",
        "2026-03-03 10:30 for 30m",
    )
    assert moved["development_1on1/bob/erin/2026-03-11"] == (
        "2026-03-11 13:00 for 45m",
        "2026-03-11 13:45 for 45m",
    )
    assert not any("/alice/" in k for k in moved)


def test_a_holiday_that_moves_a_meeting_to_another_day_counts_as_moved(tmp_path: Path) -> None:
    # A company day off on Tuesday 10 March; pipeline_review moves to the next free day.
    new = variant(
        tmp_path,
        "base",
        **{
            "  countries: [GB]": "  countries: [GB]\n  dates: [2026-03-10]",
            'on: tue, at: "09:00", for: 30m}': 'on: tue, at: "09:00", for: 30m, on_holiday: next}',
        },
    )
    (occ,) = diff_json(DIFF / "base", new)["occurrences"]
    assert (occ["added"], occ["removed"], occ["moved"]) == (0, 0, 5)
    assert occ["moved_keys"][0] == {
        "key": "pipeline_review/alice/carol/2026-03-10",
        "before": "2026-03-10 09:00 for 30m",
        "after": "2026-03-11 09:00 for 30m",
        "timezone_before": "Europe/London",
        "timezone_after": "Europe/London",
    }


# -- admission results -------------------------------------------------------------------


def test_admission_results_that_change(doc: Any) -> None:
    got = [(a["activity"], a["question"], a["now"]) for a in doc["admission"]]
    assert got == [
        ("call_coaching", "Q3", "fails"),
        ("call_coaching", "Q4", "fails"),
        ("pipeline_review", "Q4", "fails"),
        ("team_huddle", "Q4", "fails"),
    ]
    assert doc["admission"][1]["reason"].startswith("bob (manager) fails Q4 (overhead)")
    back = diff_json("changed", "base")
    assert [(a["activity"], a["question"], a["now"]) for a in back["admission"]] == [
        ("pipeline_review", "Q4", "passes"),
        ("team_huddle", "Q4", "passes"),
    ]


def test_admission_without_answers_or_capacity(tmp_path: Path) -> None:
    huddle = (
        "    admission:\n"
        "      lever: pipeline_coverage\n"
        "      standard: Every blocker leaves with an owner and a date\n"
        "      evidence: {happened: calendar, useful: Blockers given an owner and a date}\n"
    )
    edited = variant(
        tmp_path,
        "base",
        **{huddle: "", "vp: {title: VP Sales, capacity: 2h}": "vp: {title: VP Sales}"},
    )
    doc = diff_json(DIFF / "base", edited)
    got = [(a["activity"], a["question"], a["now"], a["reason"]) for a in doc["admission"]]
    no_answers = "no admission answers; it fails Q1 lever, Q2 standard and Q3 evidence"
    assert got == [
        ("team_huddle", "Q1", "fails", no_answers),
        ("team_huddle", "Q2", "fails", no_answers),
        ("team_huddle", "Q3", "fails", no_answers),
        (
            "vp_rollup",
            "Q4",
            "fails",
            "role vp: owns vp_rollup but has no capacity, so they fail Q4 (overhead): "
            "nothing says the load is sustainable",
        ),
    ]
    assert changes(doc, "team_huddle")["lever"] == [("pipeline_coverage", "none")]


# -- warnings the change brings ----------------------------------------------------------

HUDDLE_EARLY = {'on: mon, at: "08:30", for: 15m': 'on: mon, at: "06:45", for: 15m'}
MOR501 = {
    "file": "rhythm.yaml",
    "line": 53,
    "column": 41,
    "code": "MOR501",
    "message": "activities.team_huddle.cadence: 06:45–07:00 is outside working hours "
    "(07:00–19:00 local)",
    "hint": "managers skip what lands outside their day",
}


def test_a_warning_the_change_brings_is_listed(tmp_path: Path) -> None:
    # The huddle moved to 06:45: validate warns (MOR501); base has only MOR213, which both
    # sides share and which is no news.
    early = variant(tmp_path, "base", **HUDDLE_EARLY)
    doc = diff_json(DIFF / "base", early)
    assert doc["new_warnings"] == [{**MOR501, "file": f"{early}/rhythm.yaml"}]
    assert doc["resolved_warnings"] == 0
    assert doc["summary"].endswith("; 1 new warning")
    lines = diff_output(DIFF / "base", early.name, "text", cwd=tmp_path).splitlines()
    at = lines.index("New warnings (1):")
    assert lines[at + 1 : at + 4] == [
        "  base-variant/rhythm.yaml:53:41: warning MOR501 activities.team_huddle.cadence: "
        "06:45–07:00 is outside working hours (07:00–19:00 local)",
        "      hint: managers skip what lands outside their day",
        "",
    ]
    md = diff_output(DIFF / "base", early.name, "md", cwd=tmp_path)
    assert "### New warnings (1)\n\n```\nbase-variant/rhythm.yaml:53:41: warning MOR501 " in md
    assert "<details>" not in md.split("### New warnings")[1].split("###")[0]  # one is few


def test_warnings_the_change_resolves_are_counted(tmp_path: Path) -> None:
    early = variant(tmp_path, "base", **HUDDLE_EARLY)
    doc = diff_json(early, DIFF / "base")
    assert (doc["new_warnings"], doc["resolved_warnings"]) == ([], 1)
    assert doc["summary"].endswith("; resolves 1 warning")
    text = diff_output(early, DIFF / "base", "text")
    assert "resolves 1 warning" in text and "New warnings" not in text
    md = diff_output(early, DIFF / "base", "md")
    assert "resolves 1 warning" in md and "New warnings" not in md


def test_warnings_of_the_date_checks_are_compared_too(tmp_path: Path) -> None:
    # The date checks of validate, which expand the next 12 months: carol moves to Tokyo,
    # where the 16:00 London forecast call and her 13:00 1:1 fall at night (MOR510); the
    # huddle moves onto the pipeline reviews (MOR504, which says when it first happens).
    new = variant(tmp_path, "base", **{'on: mon, at: "08:30"': 'on: tue, at: "09:15"'})
    roster = new / "org.yaml"
    carol = "{id: carol, name: Carol Diaz, role: rep, manager: alice"
    roster.write_text(roster.read_text().replace(carol, carol + ", timezone: Asia/Tokyo"))
    doc = diff_json(DIFF / "base", new)
    got = [(w["line"], w["code"], w["message"]) for w in doc["new_warnings"]]
    assert got == [
        (
            42,
            "MOR510",
            "activities.forecast_call: 16:00 in Europe/London is 00:00–00:45 on Wed "
            "2026-04-01 in Asia/Tokyo (01:00 at other meetings, as the clocks change) for "
            "carol, outside working hours there (07:00–19:00, Mon–Fri local)",
        ),
        (
            53,
            "MOR504",
            "activities.team_huddle (09:15–09:30) overlaps activities.pipeline_review "
            "(09:00–09:30) for alice (manager), first on Tue 2026-03-03",
        ),
        (
            64,
            "MOR510",
            "activities.development_1on1: the slot with carol, 13:00 in Europe/London, is "
            "22:00–22:45 on Wed 2026-03-11 in Asia/Tokyo (21:00 at other meetings, as the "
            "clocks change), outside working hours there (07:00–19:00 local)",
        ),
    ]
    assert "3 new warnings" in doc["summary"]


def test_a_warning_is_the_same_when_its_lines_move(tmp_path: Path) -> None:
    # Both sides warn that GB lacks England's holidays (MOR213): the rhythm's countries,
    # and alice's two reps, said once at carol's line with dave's line (6 → 7). The new
    # side has a comment more at the top of each file: the same warnings, none new.
    old, new = tmp_path / "old", tmp_path / "new"
    for side in (old, new):
        shutil.copytree(DIFF / "base", side)
        for name in ("org.yaml", "rhythm.yaml"):
            text = (side / name).read_text()
            text = text.replace(
                "role: rep, manager: alice}", "role: rep, manager: alice, country: GB}"
            )
            (side / name).write_text(("# Northwind\n" if side == new else "") + text)
    doc = diff_json(old, new)
    assert (doc["new_warnings"], doc["resolved_warnings"]) == ([], 0)
    assert "warning" not in doc["summary"]
    from morctl.validate import validate_workspace

    for side, line in ((old, 6), (new, 7)):
        said = [d.message for d in validate_workspace(str(side)).diagnostics if "GB" in d.message]
        assert said[0].startswith(f"carol and 1 more (line {line}): country 'GB'"), said


@pytest.mark.parametrize(
    "before,after",
    [
        ("t6 and 2 more (lines 8–9): x", "t6 and 2 more (lines 9 and 11): x"),
        ("a and 9 more (lines 3, 5, 7, …): x", "a and 9 more (lines 4, 6, 8, …): x"),
        ("dana (first at org.yaml:10)", "dana (first at main:emea/org.yaml:12)"),
        ("(line 3 and org.csv:4)", "(line 5 and org.csv:7)"),
        ("'x' opened on line 2, column 7", "'x' opened on line 3, column 9"),
        (
            "a overlaps b for alice, first on Tue 2026-03-03",
            "a overlaps b for alice, first on Tue 2026-03-31",
        ),
    ],
)
def test_a_warning_is_compared_without_where_things_are(before: str, after: str) -> None:
    from morctl.diagnostics import Diagnostic
    from morctl.diff import _warning_key

    def key(message: str) -> tuple[str, str]:
        return _warning_key(Diagnostic("rhythm.yaml", 1, 1, "warning", "MOR504", message))

    assert key(before) == key(after)
    assert key("16:00–16:45 for bob") != key("16:00–16:45 for carol")
    assert key("16:00–16:45") != key("17:00–17:45")  # a time is no place


def test_warnings_are_compared_with_a_side_that_has_errors_and_said_so(tmp_path: Path) -> None:
    # The new side's errors come first; its checks leave out what they touch, so the
    # comparison may be short of some warnings (and says so), but what it finds is shown:
    # a team moving in later breaks Q4 (an error) and its 1:1s run into the evening.
    doc = diff_json("base", "invalid")
    assert (
        "the new side has errors: its checks leave out what the errors touch, so the "
        "warnings compared may be short of some; `morctl validate` lists its warnings"
    ) in doc["notes"]
    assert isinstance(doc["new_warnings"], list) and isinstance(doc["resolved_warnings"], int)


def test_new_warnings_in_markdown_are_folded_and_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every activity at 06:15: five MOR501, and two MOR504 (the review and the huddle
    # on a month's last business day, at the forecast call's time). Markdown folds more
    # than a few, and lists at most ROWS of them (here 3), then how many more there are.
    early = variant(
        tmp_path,
        "base",
        **{
            'at: "09:00"': 'at: "06:15"',
            'at: "16:00"': 'at: "06:15"',
            'at: "08:30"': 'at: "06:15"',
            'at: "13:00"': 'at: "06:15"',
            'at: "14:00"': 'at: "06:15"',
        },
    )
    from morctl import diffmd

    monkeypatch.setattr(diffmd, "ROWS", 3)
    md = diff_output(DIFF / "base", early, "md")
    section = md.split("### New warnings (")[1].split("</details>")[0]
    assert section.startswith("7)\n\n<details>\n<summary>7 new warnings</summary>\n")
    assert section.count(": warning MOR50") == 3
    assert "… 4 more (run `morctl validate`)" in section
    assert "7 new warnings" in md.split("\n")[2]  # the summary line


# -- output formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "new,fmt,name",
    [
        ("changed", "md", "changed.md"),
        ("changed", "text", "changed.txt"),
        # the huddle at 06:45 and carol in Tokyo: three new warnings
        ("warned", "md", "warned.md"),
        ("warned", "text", "warned.txt"),
    ],
)
def test_golden(new: str, fmt: str, name: str) -> None:
    r = morctl("diff", "base", new, "--format", fmt, cwd=DIFF, env=env())
    assert r.code == 0 and r.err == "", r.err
    expected = GOLDEN / name
    if REGENERATE:
        expected.write_text(r.out)
    assert expected.exists(), f"missing {expected}; run with MORCTL_REGENERATE=1"
    assert r.out == expected.read_text()


def test_markdown_is_a_pull_request_comment() -> None:
    md = (GOLDEN / "changed.md").read_text()
    assert md.startswith("## Rhythm change: `base` → `changed`\n\n**1 activity added, 1 removed")
    assert "| Activity | Change | Before | After |" in md
    assert md.count("<details>") == md.count("</details>") >= 2
    assert len(md) < 65536


def test_json_shape_is_stable(doc: Any) -> None:
    assert list(doc) == [
        "old",
        "new",
        "same_rhythm",
        "window",
        "summary",
        "settings",
        "settings_unreadable",
        "activities",
        "load",
        "occurrences",
        "admission",
        "notes",
        "logs",
        "new_warnings",
        "resolved_warnings",
        "past",
    ]
    assert doc["logs"] == {"folder": None, "rejected": 0, "orphaned": []}  # no logs/ in them
    assert list(doc["old"]) == ["label", "id", "name", "errors", "absent"]
    assert list(doc["activities"]) == ["added", "removed", "changed", "unreadable"]
    assert list(doc["load"]) == ["roles", "people", "newly_over_capacity", "back_within_capacity"]
    assert list(doc["occurrences"][0]) == [
        "role",
        "added",
        "removed",
        "activities",
        "added_keys",
        "removed_keys",
        "moved",
        "moved_keys",
    ]
    assert list(doc["admission"][0]) == ["activity", "question", "now", "reason"]
    assert list(doc["new"]["errors"][0]) == [
        "file",
        "line",
        "column",
        "severity",
        "code",
        "message",
        "hint",
    ]
    assert doc["same_rhythm"] is True
    assert diff_json("base", "changed") == doc  # deterministic


def test_no_changes() -> None:
    assert "Summary: no changes" in diff_output("base", "base/rhythm.yaml", "text")


def test_library_compare_matches_the_command(doc: Any) -> None:
    result = compare(
        read_side(str(DIFF / "base")), read_side(str(DIFF / "changed")), date(2026, 3, 2)
    )
    assert [a.id for a in result.added] == ["call_coaching"]
    assert sum(len(o.added) for o in result.occurrences) == 123


# -- bad input ---------------------------------------------------------------------------


def test_a_side_that_does_not_validate() -> None:
    doc = diff_json("base", "invalid")
    assert doc["old"]["errors"] == []
    codes = [(e["file"], e["code"]) for e in doc["new"]["errors"]]
    assert codes == [
        ("invalid/org.yaml", "MOR605"),
        ("invalid/rhythm.yaml", "MOR203"),
        ("invalid/rhythm.yaml", "MOR402"),
    ]
    # pipeline_review cannot be read: not "removed", and its occurrences are not compared.
    assert doc["activities"]["removed"] == []
    assert doc["activities"]["unreadable"] == [{"id": "pipeline_review", "side": "new"}]
    assert changes(doc, "forecast_call") == {
        "standard": [("Every commit deal has a buyer-confirmed close date", "none")]
    }
    assert [(a["activity"], a["question"], a["now"]) for a in doc["admission"]] == [
        ("forecast_call", "Q2", "fails")
    ]
    # bob's time zone does not exist: his series cannot be expanded and are left out.
    assert doc["occurrences"] == []
    assert any("forecast_call/bob" in n for n in doc["notes"])
    text = morctl("diff", "base", "invalid", cwd=DIFF, env=env())
    assert text.code == 0
    assert "Errors on the new side (invalid/org.yaml and invalid/rhythm.yaml):" in text.out
    assert "invalid/rhythm.yaml:28:55: error MOR203" in text.out


def test_the_errors_heading_names_the_files_the_errors_are_in(tmp_path: Path) -> None:
    # `morctl diff main:rhythm.yaml rhythm.yaml` where the roster has an error: the
    # heading named the side given (rhythm.yaml) above an error in org.yaml.
    ws = tmp_path / "ws"
    shutil.copytree(DIFF / "base", ws)
    roster = ws / "org.yaml"
    roster.write_text(
        roster.read_text() + "  - {id: hana, name: Hana Sato, role: ae, manager: alice}\n"
    )
    text = diff_output(DIFF / "base" / "rhythm.yaml", "rhythm.yaml", "text", cwd=ws)
    assert "\nErrors on the new side (org.yaml):\n  org.yaml:" in text
    md = diff_output(DIFF / "base" / "rhythm.yaml", "rhythm.yaml", "md", cwd=ws)
    assert "\n### Errors on the new side (`org.yaml`)\n" in md
    # Errors in two files name both.
    rhythm = ws / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text().replace("owner: manager", "owner: managr", 1))
    text = diff_output(DIFF / "base", ".", "text", cwd=ws)
    assert "\nErrors on the new side (org.yaml and rhythm.yaml):\n" in text


def test_a_side_that_is_not_a_rhythm_at_all(tmp_path: Path) -> None:
    broken = tmp_path / "rhythm.yaml"
    broken.write_text("morctl: 1\nid: [\n")
    r = morctl("diff", str(DIFF / "base"), str(broken), env=env())
    assert r.code == 0, r.err
    assert "MOR101" in r.out
    assert "cannot be read as a rhythm, so nothing is compared" in r.out


def test_unrelated_workspaces(tmp_path: Path) -> None:
    other = variant(tmp_path, "changed", **{"id: northwind": "id: southwind"})
    doc = diff_json(DIFF / "base", other)
    assert doc["same_rhythm"] is False
    assert [a["id"] for a in doc["activities"]["added"]] == ["call_coaching"]  # still diffed
    text = diff_output(DIFF / "base", other, "text")
    assert text.splitlines()[2].startswith(
        "WARNING: these are two different rhythms ('northwind' and 'southwind')"
    )
    md = diff_output(DIFF / "base", other, "md")
    assert md.splitlines()[2].startswith("> **Warning:** these are two different rhythms")


@pytest.mark.parametrize(
    "side,message",
    [
        ("no-such-folder", "'no-such-folder' does not exist"),
        ("golden", "no rhythm.yaml in 'golden'"),
        ("/dev/null", "'/dev/null' is not a file or a folder"),
    ],
)
def test_a_side_that_does_not_exist(side: str, message: str) -> None:
    r = morctl("diff", side, "base", cwd=DIFF, env=env())
    assert r.code == 1
    assert message in r.err
    assert "Traceback" not in r.err and r.out == ""


def test_a_mistyped_side_is_offered_the_folder_beside_it() -> None:
    r = morctl("diff", "bse", "base", cwd=DIFF, env=env())
    assert r.code == 1
    assert r.err == "morctl: error: 'bse' does not exist\n  hint: did you mean 'base'?\n"


def test_a_side_that_is_a_link_round_in_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    r = morctl("diff", str(tmp_path / "a"), str(DIFF / "base"), env=env())
    assert r.code == 1
    assert f"'{tmp_path / 'a'}' is a link that leads round in a loop" in r.err


# -- git REV:path sides ------------------------------------------------------------------


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose main branch holds base/ as team/, with changed/ checked out
    over it (uncommitted), as in a pull request."""
    root = tmp_path / "repo"
    root.mkdir()
    git("init", "--quiet", "--initial-branch=main", cwd=root)
    shutil.copytree(DIFF / "base", root / "team")
    git("add", "--all", cwd=root)
    git("commit", "--quiet", "--no-verify", "-m", "base", cwd=root)
    shutil.copytree(DIFF / "changed", root / "team", dirs_exist_ok=True)
    return root


@needs_git
@pytest.mark.parametrize(
    "old,new",
    [("main:team", "team"), ("main:team/rhythm.yaml", "team/rhythm.yaml"), ("HEAD:team/", "team")],
)
def test_git_sides(repo: Path, doc: Any, old: str, new: str) -> None:
    got = diff_json(old, new, cwd=repo)
    assert got["old"]["label"] == old
    for key in ("activities", "settings", "load", "occurrences", "admission"):
        assert got[key] == doc[key], key
    # Errors name the files as the user knows them.
    assert got["new"]["errors"][0]["file"] == "team/rhythm.yaml"


@needs_git
@pytest.mark.parametrize(
    ("where", "old", "new"),
    [
        # git reads "./" as the current folder but "." not at all: the old side was taken
        # for a rhythm the change adds ("a new rhythm", every change hidden)
        ("team", "HEAD:.", "."),
        (".", "HEAD:team/.", "team"),
        ("team", "HEAD:../team", "."),
        ("team", "HEAD:./../team/", "."),
        ("team", "HEAD:./org.yaml", "."),
    ],
)
def test_git_sides_with_dots(repo: Path, doc: Any, where: str, old: str, new: str) -> None:
    got = diff_json(old, new, cwd=repo / where)
    assert got["old"]["label"] == old
    for key in ("activities", "settings", "load", "occurrences", "admission"):
        assert got[key] == doc[key], key


@needs_git
def test_git_side_errors_name_the_revision(repo: Path) -> None:
    (repo / "team" / "rhythm.yaml").write_text("morctl: 1\nid: [\n")
    git("commit", "--quiet", "--no-verify", "--all", "-m", "broken", cwd=repo)
    got = diff_json("HEAD:team", "main~1:team/rhythm.yaml", cwd=repo)
    assert got["old"]["errors"][0]["file"] == "HEAD:team/rhythm.yaml"
    assert got["new"]["errors"] == []


@needs_git
def test_a_git_side_never_shows_its_temporary_folder(repo: Path) -> None:
    # A message that names another file (MOR601: "first at ...") names it as the user
    # knows it, so two runs print the same bytes.
    with (repo / "team" / "org.yaml").open("a") as f:
        f.write("  - {id: carol, name: Carol Again, role: rep, manager: bob}\n")
    git("commit", "--quiet", "--no-verify", "--all", "-m", "twice", cwd=repo)
    runs = [morctl("diff", "HEAD:team", "team", cwd=repo, env=env()) for _ in range(2)]
    assert runs[0].out == runs[1].out and runs[0].err == runs[1].err
    assert "morctl-diff-" not in runs[0].out + runs[0].err
    assert "is defined twice (first at HEAD:team/org.yaml:5)" in runs[0].out


@needs_git
@pytest.mark.parametrize(
    "side,message",
    [
        ("nope:team", "'nope' is not a revision of this git repository"),
        ("main:missing", "'missing' does not exist at revision 'main'"),
        ("main:", "no rhythm.yaml in 'main:'"),
    ],
)
def test_git_side_that_cannot_be_read(repo: Path, side: str, message: str) -> None:
    r = morctl("diff", side, "team", cwd=repo, env=env())
    assert r.code == 1
    assert message in r.err
    assert "Traceback" not in r.err and r.out == ""


@needs_git
@pytest.mark.parametrize("side", ["HEAD", "main", "HEAD~0"])
def test_a_revision_without_a_path_is_told_to_add_one(repo: Path, side: str) -> None:
    # `morctl diff HEAD~1 HEAD`, as with git diff: a revision alone is no side.
    r = morctl("diff", side, ".", cwd=repo / "team", env=env())
    assert r.code == 1, r.out
    assert r.err == (
        f"morctl: error: '{side}' is a git revision, not a folder or file\n"
        f"  hint: write `{side}:.` (a revision and the workspace's path in it; `.` is the "
        "current folder)\n"
    )
    # A name that is no revision is still a missing folder.
    r = morctl("diff", "nope", ".", cwd=repo / "team", env=env())
    assert r.err.startswith("morctl: error: 'nope' does not exist\n")


@needs_git
@pytest.mark.parametrize(
    "side,cwd",
    [
        ("main:../r1/rhythm.yaml", "."),
        ("main:../r1", "."),
        ("main:../../r1/rhythm.yaml", "team"),
        ("main:team/../../r1", "."),
    ],
)
def test_a_git_path_outside_the_repository_is_an_error(repo: Path, side: str, cwd: str) -> None:
    # git cannot read ../r1 at any revision: it is not a rhythm that the change adds,
    # though a workspace is there on disk.
    shutil.copytree(DIFF / "base", repo.parent / "r1")
    new = "rhythm.yaml" if cwd == "team" else "team"
    r = morctl("diff", side, new, cwd=repo / cwd, env=env())
    assert r.code == 1, r.out
    assert "is outside the git repository of the current folder" in r.err
    assert "Traceback" not in r.err and r.out == ""


@needs_git
@pytest.mark.parametrize("old", ["main:new-team/rhythm.yaml", "main:new-team", "main:./new-team"])
@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_the_change_that_adds_the_rhythm_says_so(repo: Path, old: str, fmt: str) -> None:
    # The pull request that brings a workspace in: the path is missing at the base, but is
    # in the working tree. Not an error (the CI step would fail and post nothing).
    shutil.copytree(DIFF / "base", repo / "new-team")
    r = morctl("diff", old, "new-team", "--format", fmt, cwd=repo, env=env())
    assert r.code == 0, r.err
    assert f"the old side ({old}) does not exist: the whole rhythm is new" in r.out.lower()
    assert "no changes" not in r.out.lower() and "a new rhythm" in r.out.lower()


@needs_git
def test_a_new_rhythms_note_shows_its_command_as_code(repo: Path) -> None:
    shutil.copytree(DIFF / "base", repo / "new-team")
    r = morctl("diff", "main:new-team", "new-team", "--format", "md", cwd=repo, env=env())
    assert "nothing is compared; `morctl validate` checks it._" in r.out


def test_what_changes_a_checklist_or_a_calendar_is_listed_and_what_does_not_is_not(
    tmp_path: Path,
) -> None:
    # The id is in every event's UID: a rename makes every meeting new. The steps of a
    # checklist are a procedure: another order is a change. The activities a blackout
    # covers are a set: another order is none.
    blackout = (
        "effective: 2026-01-05\nblackouts:\n"
        "  - {{name: Kickoff, from: 2026-01-12, to: 2026-01-16, activities: [{0}]}}"
    )
    old = variant(tmp_path / "old", "base", **{"effective: 2026-01-05": blackout.format("a, b")})
    new = variant(
        tmp_path / "new",
        "base",
        **{
            "id: northwind": "id: northwind-emea",
            "effective: 2026-01-05": blackout.format("b, a, b"),
            "      - Pull deals with no activity in 14 days\n"
            "      - Agree one dated next step per stalled deal\n": (
                "      - Agree one dated next step per stalled deal\n"
                "      - Pull deals with no activity in 14 days\n"
            ),
        },
    )
    got = diff_json(old, new)
    assert [(c["subject"], c["field"]) for c in got["settings"]] == [("rhythm", "id")]
    (changed,) = got["activities"]["changed"]
    assert [c["field"] for c in changed["changes"]] == ["checklist order"]
    assert changed["changes"][0]["after"] == (
        "Agree one dated next step per stalled deal; Pull deals with no activity in 14 days"
    )
    assert "If this change renames the rhythm" in diff_output(old, new, "text")


def test_reports_reordered_under_a_leader_with_team_meetings_only_move_nothing(
    tmp_path: Path,
) -> None:
    # Dana's roll-up is with her team: the order of Alice and Bob moves no meeting.
    new = tmp_path / "swapped"
    shutil.copytree(DIFF / "base", new)
    org = new / "org.yaml"
    lines = org.read_text().splitlines(True)
    a = next(i for i, ln in enumerate(lines) if "{id: alice," in ln)
    b = next(i for i, ln in enumerate(lines) if "{id: bob," in ln)
    lines[a], lines[b] = lines[b], lines[a]
    org.write_text("".join(lines))
    assert diff_json(DIFF / "base", new)["settings"] == []


@pytest.mark.parametrize(
    ("gone", "moves"), [("erin", ["erin, frank, gina", "frank, gina"]), ("gina", None)]
)
def test_a_report_removed_before_others_moves_their_meetings_and_says_so(
    tmp_path: Path, gone: str, moves: list[str] | None
) -> None:
    # Bob's reviews run back to back in roster order: with Erin gone, Frank's and Gina's
    # move up a slot; with Gina (the last) gone, nobody else's moves.
    new = tmp_path / gone
    shutil.copytree(DIFF / "base", new)
    org = new / "org.yaml"
    org.write_text(
        "".join(ln for ln in org.read_text().splitlines(True) if f"id: {gone}," not in ln)
    )
    got = [c for c in diff_json(DIFF / "base", new)["settings"] if c["field"] == "order of reports"]
    assert [[c["before"], c["after"]] for c in got] == ([moves] if moves else [])


def test_a_renamed_role_moves_no_ones_load(tmp_path: Path) -> None:
    # The managers are the same people with the same meetings: no person's row says they
    # lost a load and gained it again; the roles' rows say the role changed.
    new = tmp_path / "renamed"
    shutil.copytree(DIFF / "base", new)
    for name in ("rhythm.yaml", "org.yaml"):
        f = new / name
        text = (
            f.read_text()
            .replace("role: manager", "role: flm")
            .replace("owner: manager", "owner: flm")
        )
        f.write_text(text.replace("  manager: {title", "  flm: {title"))
    got = diff_json(DIFF / "base", new)
    assert got["new"]["errors"] == []
    assert got["load"]["people"] == []
    assert sorted(r["role"] for r in got["load"]["roles"]) == ["flm", "manager"]


def test_a_person_one_side_cannot_read_keeps_their_place(tmp_path: Path) -> None:
    # Taken from the other side, the person keeps their place among their manager's
    # reports: put last, they made an "order of reports" change nobody made.
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    org = new / "org.yaml"
    org.write_text(org.read_text().replace("{id: erin,", "{id: erin, emial: x,"))
    got = diff_json(DIFF / "base", new)
    assert got["settings"] == [] and got["occurrences"] == []
    assert "person erin" in diff_output(DIFF / "base", new, "text")  # listed as not compared


@needs_git
@pytest.mark.parametrize(
    ("old", "new"), [("main:team/org.yaml", "team/org.yaml"), ("main:team/org.yaml", "team")]
)
def test_a_roster_file_stands_for_its_workspace(repo: Path, doc: Any, old: str, new: str) -> None:
    # Diffing the roster a change edits compares the workspaces around it, not org.yaml
    # read as a rhythm (thirty errors about missing keys).
    got = diff_json(old, new, cwd=repo)
    assert got["old"]["errors"] == [] and got["old"]["label"] == old
    for key in ("activities", "settings", "load", "occurrences", "admission"):
        assert got[key] == doc[key], key


@needs_git
def test_a_roster_added_by_the_change_is_compared_with_the_rhythm_before(repo: Path) -> None:
    # main has the rhythm without a roster; the change adds org.yaml.
    (repo / "solo").mkdir()
    shutil.copy(DIFF / "base" / "rhythm.yaml", repo / "solo" / "rhythm.yaml")
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--no-verify", "-m", "solo", cwd=repo)
    shutil.copy(DIFF / "base" / "org.yaml", repo / "solo" / "org.yaml")
    got = diff_json("HEAD:solo/org.yaml", "solo/org.yaml", cwd=repo)
    assert not got["old"]["absent"] and "a new rhythm" not in got["summary"]
    assert any(c["subject"].startswith("person ") for c in got["settings"])


@needs_git
def test_rev_path_outside_a_repository(tmp_path: Path) -> None:
    r = morctl("diff", "main:rhythm.yaml", str(DIFF / "base"), cwd=tmp_path, env=env())
    assert r.code == 1
    assert "not in a git repository" in r.err
    assert "Traceback" not in r.err


def test_admission_q4_fails_when_the_report_count_is_gone(tmp_path: Path) -> None:
    """No roster and no span: the load of each_report activities cannot be counted
    (MOR406), so every activity of the role fails Q4, as `validate` says."""
    sides = []
    for name, span in (("old", ", span: 2"), ("new", "")):
        side = variant(
            tmp_path / name,
            "base",
            **{
                "manager: {title: Sales manager, capacity: 3h}": (
                    f"manager: {{title: Sales manager, capacity: 20h{span}}}"
                )
            },
        )
        (side / "org.yaml").unlink()
        sides.append(side)
    doc = diff_json(*sides)
    got = [(a["activity"], a["question"], a["now"]) for a in doc["admission"]]
    owned = ["development_1on1", "forecast_call", "pipeline_review", "team_huddle"]
    assert got == [(aid, "Q4", "fails") for aid in owned]
    assert doc["admission"][0]["reason"].startswith(
        "role manager: each_report activities need the number of direct reports"
    )


def test_markdown_escapes_what_github_would_read_as_html(tmp_path: Path) -> None:
    # A standard with a placeholder in angle brackets: in the comment it must read as
    # text, not vanish as an unknown HTML tag.
    new = variant(
        tmp_path,
        "changed",
        **{"leaves with a dated next step": "leaves with <next step> & an owner | date"},
    )
    md = diff_output(DIFF / "changed", new, "md")
    assert "\\<next step> & an owner \\| date" in md
    rendered = MarkdownIt("commonmark").enable(["table"]).render(md)
    assert "&lt;next step&gt; &amp; an owner | date" in rendered


def test_a_question_that_now_passes_shows_the_failure_it_had_before() -> None:
    text = diff_output("changed", "base", "text")
    md = diff_output("changed", "base", "md")
    assert "now passes Q4" in text
    assert "before: bob (manager) fails Q4 (overhead)" in text
    assert "| now passes | before: bob (manager) fails Q4 (overhead)" in md


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_an_entry_with_errors_is_not_reported_as_removed(tmp_path: Path, fmt: str) -> None:
    # One typo in bob's roster entry and in the manager role's capacity: neither bob nor
    # the role is gone, and none of bob's meetings are. Both are taken as unchanged and
    # listed as not compared.
    new = variant(tmp_path, "base", **{"capacity: 3h": "capacity: 3 h"})
    roster = new / "org.yaml"
    text = roster.read_text()
    assert "{id: bob, name:" in text
    roster.write_text(text.replace("{id: bob, name:", "{id: bob, nmae:", 1))
    out = diff_output(DIFF / "base", new, fmt)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["settings"] == []
        assert doc["settings_unreadable"] == [
            {"subject": "person bob", "side": "new"},
            {"subject": "role manager", "side": "new"},
        ]
        assert doc["occurrences"] == []
        assert all(x["delta"] == 0 for x in doc["load"]["roles"] + doc["load"]["people"])
        assert doc["summary"] == "2 entries with errors not compared; the new side has 2 errors"
    else:
        assert "person bob: −" not in out and "role manager: −" not in out
        assert "removed" not in out.split("Errors on the new side")[0]
        assert out.count("cannot be compared") == 2


def test_a_large_roster_change_fits_in_a_github_comment(tmp_path: Path) -> None:
    # An HRIS import: 150 managers with 6 reps each replace a small roster. GitHub takes
    # at most 65,536 characters in a comment; each list is cut, with how many more.
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    lines = ["people:", "  - {id: dana, name: Dana Long-Name Person, role: vp}"]
    for m in range(150):
        lines.append(f"  - {{id: m{m}, name: Manager Number {m}, role: manager, manager: dana}}")
        lines += [
            f"  - {{id: r{m}-{r}, name: Rep {m}-{r}, role: rep, manager: m{m}}}" for r in range(6)
        ]
    (new / "org.yaml").write_text("\n".join(lines) + "\n")
    md = diff_output(DIFF / "base", new, "md")
    assert len(md) <= 65_536
    assert "more rows (see `--format json`)" in md
    assert md.count("<details>") == md.count("</details>")


def test_a_capacity_cut_for_many_managers_lists_the_first_50(tmp_path: Path) -> None:
    # 300 managers, each over a capacity cut to 30m: the capacity list shows 50 of them
    # and how many more, so the sections after it (the cause, the load) still fit.
    lines = ["people:", "  - {id: dana, name: Dana, role: vp}"]
    for m in range(300):
        lines.append(f"  - {{id: m{m:03d}, name: Manager {m}, role: manager, manager: dana}}")
        lines.append(f"  - {{id: r{m:03d}, name: Rep {m}, role: rep, manager: m{m:03d}}}")
    old = tmp_path / "old"
    shutil.copytree(DIFF / "base", old)
    (old / "org.yaml").write_text("\n".join(lines) + "\n")
    new = variant(tmp_path, "base", **{"capacity: 3h": "capacity: 30m"})
    shutil.copy(old / "org.yaml", new / "org.yaml")
    md = diff_output(old, new, "md")
    assert md.count("newly over capacity: m") == 50
    assert "- … and 250 more newly over capacity (see `--format json`)" in md
    assert "cut here" not in md and "### Rhythm and roster" in md and "### Load per week" in md


def test_a_comment_too_long_anyway_is_cut_at_a_line() -> None:
    from morctl import diffmd

    text = "<details>\n\n```\n" + "x" * 80 + "\n" * 1 + ("y" * 99 + "\n") * 700
    cut = diffmd._fit(text)
    assert len(cut) <= 65_536 and cut.endswith("see `--format json`._\n")
    assert cut.count("```") % 2 == 0 and cut.count("</details>") == 1
    assert len(diffmd._fit("a" * 70_000 + "\n")) <= 65_536  # one line longer than the limit


def test_load_changes_read_the_same_way_everywhere(tmp_path: Path) -> None:
    # Back from `changed` to `base`: load goes down, with a minus sign as in the counts.
    text = diff_output("changed", "base", "text")
    assert "−55m/week" in text and "-55m" not in text
    # Only the capacity changes (3h to 2h): bob is over it with the same load, which the
    # line says instead of "(0m/week)".
    smaller = variant(tmp_path, "base", **{"capacity: 3h": "capacity: 2h"})
    text = diff_output(DIFF / "base", smaller, "text")
    assert (
        "! bob (manager): 2h27m a week against a capacity of 2h "
        "(the same load, against another capacity)" in text
    )
    # 146.3 minutes against 2h26m is over: the figures say so (2h27m), not "2h26m against
    # a capacity of 2h26m", in the text and in the JSON a script compares.
    tight = variant(
        tmp_path / "tight",
        "base",
        **{"capacity: 3h": "capacity: 2h26m", "for: 45m, on_holiday": "for: 44m, on_holiday"},
    )
    text = diff_output(DIFF / "base", tight, "text")
    assert "! bob (manager): 2h27m a week against a capacity of 2h26m" in text
    over = json.loads(diff_output(DIFF / "base", tight, "json"))["load"]["newly_over_capacity"]
    assert [(b["person"], b["minutes"], b["capacity"]) for b in over] == [("bob", 147, 146)]


_JUST_OVER = """\
morctl: 1
id: m
name: M
levers: {l: L}
roles:
  manager: {title: M, capacity: 2h, span: 1}
activities:
  a: {title: A, area: execution, owner: manager, cadence: {every: week, on: tue, at: "09:00", \
for: 1h}, admission: {lever: l, standard: s, evidence: {happened: log, useful: u}}}
  b: {title: B, area: talent, owner: manager, cadence: {every: month, on: 2nd wed, \
at: "13:00", for: 45m}, admission: {lever: l, standard: s, evidence: {happened: log, useful: u}}}
"""


@pytest.mark.parametrize("order", ["cut", "raised"])
def test_a_capacity_change_alone_leaves_the_load_figures_alone(tmp_path: Path, order: str) -> None:
    # 70.4 minutes a week, against 2h and then 1h10m: the load does not change, so it reads
    # the same on both sides (1h11m, as it reads against the capacity it is over) and its
    # change is 0m/week, not the +1m that rounding up on one side only made of it.
    (tmp_path / "wide").mkdir()
    (tmp_path / "tight").mkdir()
    (tmp_path / "wide" / "rhythm.yaml").write_text(_JUST_OVER)
    (tmp_path / "tight" / "rhythm.yaml").write_text(
        _JUST_OVER.replace("capacity: 2h", "capacity: 1h10m")
    )
    old, new = ("wide", "tight") if order == "cut" else ("tight", "wide")
    doc = diff_json(tmp_path / old, tmp_path / new)
    (role,) = doc["load"]["roles"]
    assert (role["before"], role["after"], role["delta"]) == (71, 71, 0)
    budgets = doc["load"]["newly_over_capacity"] + doc["load"]["back_within_capacity"]
    assert [(b["minutes"], b["delta"]) for b in budgets] == [(71, 0)]
    text = diff_output(tmp_path / old, tmp_path / new, "text")
    assert "1h11m a week against a capacity of" in text
    assert "(the same load, against another capacity)" in text
    assert "role manager   1h11m → 1h11m        0m/week" in text


@pytest.mark.parametrize(
    ("replace", "subject"),
    [
        ({"effective: 2026-01-05": "effective: 2026-01-32"}, "effective"),
        ({"  countries: [GB]": "  countries: [GB]\n  dates: [2027-02-29]"}, "holidays"),
        ({"effective: 2026-01-05": "effective: 2026-01-05\nfiscal_year_start: 02-30"}, None),
        (
            {
                "effective: 2026-01-05": "effective: 2026-01-05\nblackouts:\n"
                "  - {name: Freeze, from: 2026-12-21, to: 2027-01-32}"
            },
            "blackouts",
        ),
    ],
)
def test_a_setting_with_a_typo_is_not_compared_as_its_default(
    tmp_path: Path, replace: dict[str, str], subject: str | None
) -> None:
    # One side cannot read a calendar setting: the model's default would stand in for it
    # and read as the setting reset (holidays gone, effective removed), with meetings added
    # on every day it governed. It is taken from the other side and listed as not compared.
    subject = subject or "fiscal_year_start"
    new = variant(tmp_path, "base", **replace)
    doc = diff_json(DIFF / "base", new)
    assert doc["new"]["errors"], "the variant must have an error"
    assert doc["settings"] == []
    assert doc["settings_unreadable"] == [{"subject": subject, "side": "new"}]
    assert doc["occurrences"] == []
    assert all(x["delta"] == 0 for x in doc["load"]["roles"] + doc["load"]["people"])
    # and the other way round
    back = diff_json(new, DIFF / "base")
    assert (back["settings"], back["occurrences"]) == ([], [])
    assert back["settings_unreadable"] == [{"subject": subject, "side": "old"}]


def test_a_mistyped_id_does_not_read_as_removing_the_entry(tmp_path: Path) -> None:
    # `id: Bob`, `Manager:` and `Pipeline_review:` are errors: bob, the manager role and
    # the pipeline review do not leave with their meetings and load.
    new = variant(
        tmp_path,
        "base",
        **{"  manager: {title:": "  Manager: {title:", "  pipeline_review:": "  Pipeline_review:"},
    )
    roster = new / "org.yaml"
    roster.write_text(roster.read_text().replace("{id: bob,", "{id: Bob,", 1))
    doc = diff_json(DIFF / "base", new)
    assert doc["new"]["errors"]
    assert doc["activities"]["removed"] == [] and doc["activities"]["added"] == []
    assert doc["activities"]["unreadable"] == [{"id": "Pipeline_review", "side": "new"}]
    assert doc["settings"] == []
    assert {x["subject"] for x in doc["settings_unreadable"]} == {"person Bob", "role Manager"}
    assert doc["occurrences"] == []
    assert all(x["delta"] == 0 for x in doc["load"]["roles"] + doc["load"]["people"])


@pytest.mark.parametrize("side", ["new", "old"])
def test_an_activity_with_a_key_written_twice_cannot_be_compared(tmp_path: Path, side: str) -> None:
    # `area:` twice in an activity is MOR106, and YAML keeps one of the two: the diff said
    # nothing but the error and compared the value kept as if it were the one meant.
    review = "    title: Weekly pipeline review\n    area: execution\n"
    twice = variant(tmp_path, "base", **{review: review + "    area: talent\n"})
    old, new = (DIFF / "base", twice) if side == "new" else (twice, DIFF / "base")
    doc = diff_json(old, new)
    assert [d["code"] for d in doc[side]["errors"]] == ["MOR106"]
    assert doc["activities"]["unreadable"] == [{"id": "pipeline_review", "side": side}]
    assert doc["activities"]["changed"] == []
    assert "1 entry with errors not compared" in doc["summary"]
    text = diff_output(old, new, "text")
    assert f"  ! pipeline_review: cannot be read on the {side} side\n" in text


@pytest.mark.parametrize("person", [True, False])
def test_the_summary_counts_every_entry_that_cannot_be_compared(
    tmp_path: Path, person: bool
) -> None:
    # Two activities (a mistyped key, a capitalised id) and a person with errors: the
    # summary said "1 entry" (the person alone), or nothing without the person.
    new = variant(
        tmp_path,
        "base",
        **{
            "    cadence: {every: month, on: last business day": (
                "    cadance: {every: month, on: last business day"
            ),
            "  pipeline_review:": "  Pipeline_review:",
        },
    )
    if person:
        roster = new / "org.yaml"
        roster.write_text(roster.read_text().replace("{id: gina, name:", "{id: gina, nme:"))
    doc = diff_json(DIFF / "base", new)
    listed = len(doc["activities"]["unreadable"]) + len(doc["settings_unreadable"])
    assert listed == (3 if person else 2)
    assert f"{listed} entries with errors not compared" in doc["summary"]
    text = diff_output(DIFF / "base", new, "text").splitlines()
    assert sum(ln.startswith("  ! ") and "cannot be " in ln for ln in text) == listed


def test_reordered_reports_and_renamed_people_are_changes(tmp_path: Path) -> None:
    # The roster's order of a manager's reports is the order of their back-to-back
    # meetings: reordered, the slots move though no occurrence is added or removed.
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    roster = new / "org.yaml"
    lines = roster.read_text().splitlines()
    erin = next(i for i, ln in enumerate(lines) if "{id: erin," in ln)
    lines.append(lines.pop(erin))
    roster.write_text("\n".join(lines).replace("Carol Diaz", "Carol Diaz-Smith") + "\n")
    text = diff_output(DIFF / "base", new, "text")
    assert "person bob  order of reports: erin, frank, gina → frank, gina, erin" in text
    assert "person carol  name: Carol Diaz → Carol Diaz-Smith" in text
    assert "no changes" not in text.lower()


def test_a_change_people_cannot_see_is_spelt_out(tmp_path: Path) -> None:
    # "Carol Diaz → Carol Di\u200baz" read as no change: what tells the two apart is shown
    # as its code point, in the text and in Markdown; a no-break space only where it is the
    # whole change, a letter of another alphabet wherever it stands among Latin ones.
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    roster = new / "org.yaml"
    text = roster.read_text()
    text = text.replace("name: Carol Diaz,", 'name: "Carol Di\\u200baz",')
    text = text.replace("name: Bob Stone,", 'name: "Bob\\u00a0Stone",')
    text = text.replace("name: Erin Park,", 'name: "\\u0415rin Park Jr",')
    roster.write_text(text)
    out = diff_output(DIFF / "base", new, "text")
    assert "person carol  name: Carol Diaz → Carol Di<U+200B>az" in out
    assert "person bob  name: Bob Stone → Bob<U+00A0>Stone" in out
    assert "person erin  name: Erin Park → <U+0415>rin Park Jr" in out
    md = diff_output(DIFF / "base", new, "md")
    assert "| Carol Diaz | Carol Di\\<U+200B>az |" in md  # shown as <U+200B>, not a tag
    # JSON keeps the values as they are, for scripts.
    changed = {c["subject"]: c["after"] for c in diff_json(DIFF / "base", new)["settings"]}
    assert changed["person carol"] == "Carol Di\u200baz"


def test_many_added_activities_leave_room_for_the_admission_results(tmp_path: Path) -> None:
    # 60 activities added at once: the occurrence-key sample is cut at 120 lines in all,
    # so the admission results after it are still in the comment. (They start today: with
    # past weeks to rewrite, their 60 entries would take the room of the keys.)
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    rhythm = new / "rhythm.yaml"
    text = rhythm.read_text()
    block = "".join(
        f"  extra_{i:02d}:\n    title: Extra {i}\n    area: execution\n    owner: manager\n"
        "    with: each_report\n"
        f'    cadence: {{every: week, on: wed, at: "{8 + i % 8:02d}:00", for: 5m, '
        f"starting: {TODAY}}}\n"
        for i in range(60)
    )
    rhythm.write_text(text.replace("activities:\n", "activities:\n" + block, 1))
    md = diff_output(DIFF / "base", new, "md")
    keys = md.split("Occurrence keys")[1].split("</details>")[0]
    lines = keys.splitlines()
    assert sum(ln.startswith(("+ ", "- ")) for ln in lines) == 120
    total = sum(r["added"] + r["removed"] for r in diff_json(DIFF / "base", new)["occurrences"])
    shown = sum(ln.startswith(("+ ", "- ")) and "…" not in ln for ln in lines)
    assert f"  … {total - shown} more keys in all (see --format json)" in lines
    assert "### Admission test" in md and "cut here" not in md


def test_the_same_days_or_countries_in_another_order_are_no_change(tmp_path: Path) -> None:
    new = variant(
        tmp_path,
        "base",
        **{
            "  countries: [GB]": "  countries: [US, GB]",
            "effective: 2026-01-05": ("effective: 2026-01-05\nworkweek: [fri, thu, wed, tue, mon]"),
        },
    )
    old = variant(tmp_path / "old", "base", **{"  countries: [GB]": "  countries: [GB, US]"})
    assert diff_json(old, new)["settings"] == []


def test_a_role_average_over_another_number_of_people_says_so(tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    roster = new / "org.yaml"
    bob = "{id: bob, name: Bob Stone, role: "
    roster.write_text(roster.read_text().replace(bob + "manager", bob + "vp"))
    text = diff_output(DIFF / "base", new, "text")
    assert "role manager (average of 2 → 1)" in text, text
    assert "role vp (average of 1 → 2)" in text


@needs_git
def test_a_repository_with_no_commit_yet_is_told_to_commit_not_to_fetch(tmp_path: Path) -> None:
    """Right after `git init`, "in CI fetch the history" sent a newcomer the wrong way."""
    root = tmp_path / "repo"
    root.mkdir()
    git("init", "--quiet", "--initial-branch=main", cwd=root)
    shutil.copytree(DIFF / "base", root / "team")
    r = morctl("diff", "main:rhythm.yaml", "rhythm.yaml", cwd=root / "team", env=env())
    assert r.code == 1 and r.out == ""
    assert r.err == (
        "morctl: error: 'main' is not a revision: this git repository has no commit yet (in "
        "'main:rhythm.yaml')\n"
        '  hint: commit the workspace first (git add -A && git commit -m "Start the rhythm"), '
        "then diff your edits against it\n"
    )


def test_worked_holidays_are_holiday_changes_in_words(tmp_path: Path) -> None:
    # GB's Mondays off in the window are May Day (4 May) and the Spring Bank Holiday
    # (25 May): worked, each brings back alice's and bob's huddle and dana's roll-up.
    old = variant(
        tmp_path / "old",
        "base",
        **{"  countries: [GB]": "  countries: [GB]\n  worked: [Boxing Day]"},
    )
    new = variant(
        tmp_path,
        "base",
        **{
            "  countries: [GB]": "  countries: [GB]\n"
            "  worked: [2026-05-04, spring bank holiday (observed), boxing DAY]"
        },
    )
    doc = diff_json(old, new)
    assert doc["settings"] == [
        {"subject": "rhythm", "field": "worked holiday", "before": None, "after": "2026-05-04"},
        {
            "subject": "rhythm",
            "field": "worked holiday",
            "before": None,
            "after": "spring bank holiday",
        },
    ]  # Boxing Day in another case is the same holiday
    occ = {o["role"]: o for o in doc["occurrences"]}
    per = {a["activity"]: (a["added"], a["removed"]) for a in occ["manager"]["activities"]}
    assert per == {"team_huddle": (4, 0)}
    assert [(a["activity"], a["added"]) for a in occ["vp"]["activities"]] == [("vp_rollup", 2)]
    text = diff_output(old, new, "text")
    assert "  rhythm  worked holiday: + spring bank holiday\n" in text
    back = diff_json(new, old)["settings"]
    assert [(c["before"], c["after"]) for c in back] == [
        ("2026-05-04", None),
        ("spring bank holiday", None),
    ]


# -- logged history the change orphans ----------------------------------------------------

LOG = """\
date,activity,owner,with,status,useful,actions,note,reason
2026-02-03,pipeline_review,bob,erin,done,4,1,,
2026-02-03,pipeline_review,bob,gina,done,4,1,,
2026-02-10,pipeline_review,bob,gina,done,4,1,,
2026-02-02,team_huddle,bob,,done,,,,
2026-02-11,development_1on1,bob,gina,done,,,,
"""


def logged(tmp_path: Path, name: str, log: str = LOG, **replace: str) -> Path:
    """A copy of base/ whose rhythm.yaml and org.yaml have text replaced, with ``log`` as
    logs/2026-02.csv."""
    target = tmp_path / name
    shutil.copytree(DIFF / "base", target)
    for file in ("rhythm.yaml", "org.yaml"):
        text = (target / file).read_text()
        for old, new in replace.items():
            text = text.replace(old, new)
        (target / file).write_text(text)
    (target / "logs").mkdir()
    (target / "logs" / "2026-02.csv").write_text(log)
    return target


def test_a_renamed_activity_or_person_says_the_logged_history_it_orphans(tmp_path: Path) -> None:
    # pipeline_review renamed deal_review, gina given the id gina2: before this, the diff
    # said "1 activity added, 1 removed", and after the merge every report rejected the old
    # rows and showed the reviews missed.
    logged(tmp_path, "old")
    logged(
        tmp_path,
        "new",
        **{"  pipeline_review:": "  deal_review:", "{id: gina,": "{id: gina2,"},
    )
    doc = diff_json("old", "new", cwd=tmp_path)
    logs = doc["logs"]
    assert logs["folder"] == "new/logs"
    # 4 rows: three reviews and gina's 1:1 (the review with gina is in both entries)
    assert logs["rejected"] == 4
    act, person = logs["orphaned"]
    assert (act["kind"], act["id"], act["completions"], act["renamed"]) == (
        "activity",
        "pipeline_review",
        3,
        "deal_review",
    )
    assert act["message"] == (
        "3 logged completions name pipeline_review, which this change removes: reports will "
        "reject them"
    )
    assert "keep the id pipeline_review and change only its title" in act["hint"]
    assert act["hint"].endswith("in those rows in this change: new/logs/2026-02.csv")
    assert (person["kind"], person["id"], person["completions"], person["renamed"]) == (
        "person",
        "gina",
        3,
        "gina2",
    )
    assert "4 logged completions that reports will reject" in doc["summary"]
    # the count is what a report of the new side rejects
    v = morctl("validate", str(tmp_path / "new"), "--logs", "--format", "json", env=env())
    rejected = [d for d in json.loads(v.out)["diagnostics"] if d["code"] == "MOR801"]
    assert len(rejected) == logs["rejected"]
    text = diff_output("old", "new", "text", cwd=tmp_path)
    assert "Logged history that reports will reject (read from new/logs)\n  ! 3 logged" in text
    assert "      hint: deal_review has the same owner and cadence." in text
    md = diff_output("old", "new", "md", cwd=tmp_path)
    assert "### Logged history that reports will reject (`new/logs`)" in md
    assert "- ⚠️ 3 logged completions name `pipeline_review`, which this change removes" in md
    assert diff_output("old", "new", "md", cwd=tmp_path) == md  # the same bytes each time


HUDDLE = '    with: team\n    cadence: {every: week, on: mon, at: "08:30"'


def test_an_activity_retired_or_held_another_way_orphans_its_rows(tmp_path: Path) -> None:
    logged(tmp_path, "old")
    # pipeline_review retired; the huddle held with each report (its rows name none)
    logged(
        tmp_path,
        "new",
        **{
            "  pipeline_review:": "  pipeline_check:",
            "cadence: {every: week, on: tue, at": "cadence: {every: week, on: wed, at",
            HUDDLE: HUDDLE.replace("with: team", "with: each_report"),
        },
    )
    doc = diff_json("old", "new", cwd=tmp_path)
    got = [(o["kind"], o["id"], o["completions"], o["renamed"]) for o in doc["logs"]["orphaned"]]
    assert got == [("activity", "pipeline_review", 3, None), ("no_report", "team_huddle", 1, None)]
    retired, huddle = doc["logs"]["orphaned"]
    # Moving the rows out would silence the rejection and still take the meetings out of
    # past reports: the hint keeps the activity, ended by `until`.
    assert retired["hint"] == (
        "morctl validate --logs fails on them too. Removing pipeline_review takes its "
        "meetings out of past reports as well, and moving those rows out of logs/ does the "
        "same without a word. To stop it and keep its history, keep the activity "
        "pipeline_review and end it with until: and the day of its last meeting in its "
        "cadence. The rows: new/logs/2026-02.csv"
    )
    assert huddle["message"] == (
        "1 logged completion of team_huddle names no report, but this change holds it with "
        "each report: reports will reject it"
    )
    # no change that touches the logs: nothing said
    assert diff_json("old", "old", cwd=tmp_path)["logs"]["orphaned"] == []
    assert "Logged history" not in diff_output("old", "old", "text", cwd=tmp_path)


def test_the_until_the_hint_writes_keeps_past_reports(tmp_path: Path) -> None:
    # pipeline_review stopped on 2 March, the day of the change: as the hint says (kept,
    # ended with `until`), February's report is the one before the change; the activity
    # removed (or its rows moved out of logs/), February's figures change.
    old = logged(tmp_path, "old")
    stopped = logged(
        tmp_path,
        "stopped",
        **{
            'cadence: {every: week, on: tue, at: "09:00", for: 30m}': "cadence: {every: week, "
            'on: tue, at: "09:00", for: 30m, until: 2026-02-24}'
        },
    )
    assert "until: 2026-02-24" in (stopped / "rhythm.yaml").read_text()
    rest = "".join(line for line in LOG.splitlines(True) if ",pipeline_review," not in line)
    removed = logged(tmp_path, "removed", rest, **{"  pipeline_review:": "  pipeline_check:"})

    def february(ws: Path) -> Any:
        r = morctl("report", str(ws), "--month", "2026-02", "--format", "json", env=env())
        return [(p["id"], p["expected"], p["done"]) for p in json.loads(r.out)["people"]]

    assert february(stopped) == february(old)
    assert february(removed) != february(old)
    assert diff_json(old, stopped)["logs"]["orphaned"] == []


def test_the_old_sides_logs_are_read_when_the_new_side_has_none(tmp_path: Path) -> None:
    logged(tmp_path, "old")
    new = logged(tmp_path, "new", **{"  pipeline_review:": "  deal_review:"})
    shutil.rmtree(new / "logs")
    doc = diff_json("old", "new/rhythm.yaml", cwd=tmp_path)
    assert doc["logs"]["folder"] == "old/logs" and doc["logs"]["rejected"] == 3


def test_lines_that_count_a_completion_twice_say_so(tmp_path: Path) -> None:
    # The review with gina names a removed activity and a removed person: in both lines
    # (3 + 3), one of the 4 completions. The section says why the lines add up to more.
    logged(tmp_path, "old")
    logged(tmp_path, "new", **{"  pipeline_review:": "  deal_review:", "{id: gina,": "{id: gina2,"})
    text = diff_output("old", "new", "text", cwd=tmp_path)
    assert (
        "  (6 in the lines above, 4 completions: a completion with two of these causes is "
        "counted under each)\n"
    ) in text
    md = diff_output("old", "new", "md", cwd=tmp_path)
    assert "_6 in the lines above, 4 completions: a completion with two" in md


def test_one_completion_counted_twice_is_one_completion() -> None:
    # Two lines name the one completion: "2 in the lines above, 1 completion", not
    # "1 completions".
    from types import SimpleNamespace

    from morctl.diffhistory import counted_twice

    one = SimpleNamespace(completions=1)
    said = counted_twice(SimpleNamespace(orphaned=[one, one], orphaned_total=1))
    assert said is not None and said.startswith("2 in the lines above, 1 completion: a ")


def test_a_rename_whose_rows_include_a_calendar_export_keeps_the_id() -> None:
    # An export's UIDs name the id and it is not edited by hand: the hint does not offer
    # to change the id in those rows.
    from morctl.diffhistory import Orphaned

    o = Orphaned(
        "activity", "pipeline_review", 3, ("logs/2026-02.csv", "logs/cal/bob.ics"), "deal_review"
    )
    assert o.hint() == (
        "deal_review has the same owner and cadence. If it is pipeline_review renamed, keep the "
        "id pipeline_review and change only its title: 1 calendar export (.ics) among these "
        "names the id, and an export cannot be rewritten"
    )
    rows_only = Orphaned("activity", "pipeline_review", 3, ("logs/2026-02.csv",), "deal_review")
    assert rows_only.hint().endswith("in those rows in this change: logs/2026-02.csv")


@needs_git
def test_two_git_sides_say_the_logged_history_was_not_checked(repo: Path) -> None:
    # "rejected": 0 read as checked and clean; a side from git brings no logs/.
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--no-verify", "-m", "changed", cwd=repo)
    got = diff_json("main~1:team", "main:team", cwd=repo)
    assert got["logs"] == {"folder": None, "rejected": None, "orphaned": []}
    assert any(
        n.startswith("logged history not checked: a side read from git") for n in got["notes"]
    )
    assert diff_json("main~1:team", "team", cwd=repo)["logs"]["rejected"] == 0  # a folder


def test_a_person_removed_is_told_to_stay_with_their_last_day(tmp_path: Path) -> None:
    # Taking a leaver out of the roster rejects their rows; `left:` keeps their history.
    logged(tmp_path, "old")
    logged(tmp_path, "new", **{"  - {id: gina, name: Gina Rossi, role: rep, manager: bob}\n": ""})
    doc = diff_json("old", "new", cwd=tmp_path)
    (person,) = doc["logs"]["orphaned"]
    assert (person["kind"], person["id"], person["renamed"]) == ("person", "gina", None)
    assert "Keep gina in the roster with left: and their last day, or move" in person["hint"]
    left = logged(tmp_path, "left", **{"manager: bob}\n": "manager: bob, left: 2026-02-20}\n"})
    assert "left: 2026-02-20" in (left / "org.yaml").read_text()
    assert diff_json("old", "left", cwd=tmp_path)["logs"]["orphaned"] == []


def test_a_new_rhythm_id_counts_the_ticked_checklists_it_rejects(tmp_path: Path) -> None:
    # A checklist names its rhythm: once the id is t2, reports reject the ticks of a t1
    # checklist, so the diff counts them (it said 0), beside the CSV rows that still count.
    old = logged(tmp_path, "old")
    made = morctl(
        "checklist",
        str(old),
        "--week",
        "2026-W08",
        "--out",
        str(old / "logs" / "w08.md"),
        env=env(),
    )
    assert made.code == 0, made.err
    checklist = old / "logs" / "w08.md"
    ticked = checklist.read_text().replace("- [ ]", "- [x]")
    checklist.write_text(ticked)
    ticks = ticked.count("- [x]")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    (new / "rhythm.yaml").write_text(
        (old / "rhythm.yaml").read_text().replace("id: northwind\n", "id: northwind2\n")
    )
    doc = diff_json("old", "new", cwd=tmp_path)
    assert doc["logs"]["rejected"] == ticks > 0
    (rhythm,) = doc["logs"]["orphaned"]
    assert (rhythm["kind"], rhythm["id"], rhythm["renamed"]) == (
        "rhythm",
        "northwind",
        "northwind2",
    )
    assert rhythm["files"] == ["new/logs/w08.md"]
    assert rhythm["message"] == (
        f"{ticks} logged completions are in checklists or calendar exports of the rhythm "
        "northwind, whose id this change makes northwind2: reports will reject them"
    )
    assert rhythm["hint"].startswith("Keep the id northwind and change only the name")
    assert rhythm["hint"].endswith("tick them again in this change: new/logs/w08.md")
    # reports of the new side do reject them (the whole checklist, on one line)
    v = morctl("validate", str(new), "--logs", "--format", "json", env=env())
    assert any(
        "a checklist of the rhythm 'northwind'" in d["message"]
        for d in json.loads(v.out)["diagnostics"]
    )
    # a calendar export cannot be made again with the new id: the hint keeps the id
    from morctl.diffhistory import Orphaned

    export = Orphaned("rhythm", "t1", 2, ("logs/bob.ics",), "t2")
    assert export.hint() == (
        "Keep the id t1 and change only the name: checklists and calendar events name the id "
        "(1 calendar export (.ics) among these, which cannot be rewritten)"
    )


def test_the_moved_column_is_left_out_when_nothing_moved(tmp_path: Path) -> None:
    # gina, the last of bob's reps, leaves: her meetings are removed and nobody else's
    # slot changes, so a column of noughts would only be one more thing to read.
    new = tmp_path / "new"
    shutil.copytree(DIFF / "base", new)
    roster = new / "org.yaml"
    gina = "  - {id: gina, name: Gina Rossi, role: rep, manager: bob}\n"
    roster.write_text(roster.read_text().replace(gina, ""))
    md = diff_output(DIFF / "base", new, "md")
    assert "| Owner role | Activity | Added | Removed |\n" in md
    assert "| **manager** | all | 0 | −16 |\n" in md
    assert "Moved" not in md


@needs_git
@pytest.mark.parametrize(
    ("where", "given", "hint"),
    [
        (".", "team/rhythm.yaml", "write 'HEAD:team/rhythm.yaml'"),
        ("team", "team", "write 'HEAD:team'"),
        ("team", "", "write 'HEAD:' (the top of the repository)"),
    ],
)
def test_an_absolute_path_after_the_revision_is_an_error(
    repo: Path, where: str, given: str, hint: str
) -> None:
    # git counts the path after ':' from the top of the repository: an absolute path is
    # at no revision, but it is on disk, so the old side was taken for "a new rhythm" and
    # every change hidden (exit 0).
    place = os.path.join(repo, given) if given else str(repo)
    r = morctl("diff", f"HEAD:{place}", "rhythm.yaml" if where == "team" else "team",
               cwd=repo / where, env=env())  # fmt: skip
    assert r.code == 1, r.out
    assert r.out == ""
    assert r.err == (
        f"morctl: error: '{place}' is an absolute path (in 'HEAD:{place}'): paths after ':' "
        "count from the top of the repository\n"
        f"  hint: {hint}\n"
    )


@needs_git
def test_an_absolute_path_outside_the_repository_after_the_revision_is_an_error(
    repo: Path,
) -> None:
    # /etc/hostname exists on disk: it was "a new rhythm" too.
    outside = repo.parent / "r1"
    shutil.copytree(DIFF / "base", outside)
    r = morctl("diff", f"HEAD:{outside}", "team", cwd=repo, env=env())
    assert r.code == 1, r.out
    assert r.err == (
        f"morctl: error: '{outside}' is an absolute path (in 'HEAD:{outside}'): paths after "
        "':' count from the top of the repository\n"
        "  hint: it is outside this repository: give a workspace elsewhere as a folder or "
        "file, without a revision\n"
    )


def test_an_until_beyond_the_window_is_noted_and_said_in_the_cadence(tmp_path: Path) -> None:
    """The huddle retired on Fri 31 July 2026, beyond the 90 days from 2 March (to 30 May):
    the change says so in the cadence's words, and the note points at --days, as for any
    other date beyond the window."""
    huddle = 'cadence: {every: week, on: mon, at: "08:30", for: 15m}'
    new = variant(tmp_path, "base", **{huddle: huddle[:-1] + ", until: 2026-07-31}"})
    doc = diff_json(DIFF / "base", new)
    assert changes(doc, "team_huddle") == {
        "cadence": [
            (
                "every week on mon at 08:30 for 15m",
                "every week on mon at 08:30 for 15m, until 2026-07-31",
            )
        ]
    }
    assert doc["occurrences"] == []
    assert (
        "changes beyond the next 90 days are not counted (the first on 2026-07-31); use --days 365"
    ) in doc["notes"]
