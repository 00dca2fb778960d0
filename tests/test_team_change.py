"""A change of team: `manager_since` and `previous_manager` in the roster.

Emily moves from Priya's team to Tomasz's on Monday 9 November 2026. Writing only her new
`manager` rewrote history: Priya's October 1:1s with her became unplanned and Tomasz was
charged with October 1:1s he never had. With the change dated, each manager keeps the
days Emily was in their team, in reports, calendars and checks alike.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from conftest import ACME, acme_edited, morctl

TODAY = "2026-11-24"
EMILY = "{id: emily, name: Emily Chen, email: emily.chen@acme.example, role: rep, manager: priya,"
MOVED = (
    "{id: emily, name: Emily Chen, email: emily.chen@acme.example, role: rep, manager: tomasz, "
    "manager_since: 2026-11-09, previous_manager: priya,"
)
NEW_MANAGER_ONLY = EMILY.replace("manager: priya", "manager: tomasz")


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MORCTL_TODAY", TODAY)


def _env() -> dict[str, str]:
    return {**os.environ, "MORCTL_TODAY": TODAY}


def _ws(tmp_path: Path, row: str = MOVED) -> Path:
    return acme_edited(tmp_path, "org.yaml", EMILY, row)


def _report(ws: Path, month: str) -> dict[str, object]:
    r = morctl("report", str(ws), "--month", month, "--format", "json", env=_env())
    assert r.code == 0, r.err
    data: dict[str, object] = json.loads(r.out)
    return data


def _counts(data: dict[str, object], pid: str) -> tuple[int, int, int]:
    people = data["people"]
    assert isinstance(people, list)
    (p,) = [p for p in people if p["id"] == pid]
    return p["expected"], p["done"], p["missed"]


def _rows(found: object) -> list[tuple[object, ...]]:
    """Unplanned entries without their file (each report reads its own copy)."""
    assert isinstance(found, list)
    return [(u["date"], u["activity"], u["owner"], u["with"], u["line"]) for u in found]


def _expand(ws: Path, first: str, last: str, *more: str) -> list[dict[str, object]]:
    r = morctl("expand", str(ws), "--from", first, "--to", last, "--format", "json", *more)
    assert r.code == 0, r.err
    return list(json.loads(r.out))


def test_each_manager_keeps_the_days_the_person_was_in_their_team(tmp_path: Path) -> None:
    before = _report(acme_edited(tmp_path / "a", "org.yaml", EMILY, EMILY), "2026-10")
    moved = _report(_ws(tmp_path / "b"), "2026-10")
    # October is the same as before the move, for both managers.
    for pid in ("priya", "tomasz"):
        assert _counts(moved, pid) == _counts(before, pid)
    assert _rows(moved["unplanned"]) == _rows(before["unplanned"])
    # Writing only the new manager charged Tomasz with October 1:1s he never had, and
    # made Priya's logged ones unplanned (the unfairness the keys are for).
    bare = _report(_ws(tmp_path / "c", NEW_MANAGER_ONLY), "2026-10")
    assert _counts(bare, "tomasz")[2] > _counts(before, "tomasz")[2]
    assert _counts(bare, "priya")[0] < _counts(before, "priya")[0]
    orphans = set(_rows(bare["unplanned"])) - set(_rows(before["unplanned"]))
    assert orphans and {(o, w) for _, _, o, w, _ in orphans} == {("priya", "emily")}


def test_the_1on1s_change_hands_on_the_day(tmp_path: Path) -> None:
    ws = _ws(tmp_path)
    mine = [
        (o["owner"], o["start"][:10], o["start"][11:16])
        for o in _expand(ws, "2026-11-01", "2026-11-20")
        if o["activity"] == "pipeline_review" and o["with"] == "emily"
    ]
    # Last in Priya's team (11:30); first in the roster of Tomasz's (09:00).
    assert mine == [
        ("priya", "2026-11-03", "11:30"),
        ("tomasz", "2026-11-10", "09:00"),
        ("tomasz", "2026-11-17", "09:00"),
    ]
    huddles = {
        (o["owner"], o["start"][:10]): o["attendees"]
        for o in _expand(ws, "2026-11-05", "2026-11-10")
        if o["activity"] == "team_huddle" and o["owner"] in ("priya", "tomasz")
    }
    assert "emily" in huddles[("priya", "2026-11-05")]
    assert "emily" not in huddles[("priya", "2026-11-09")]
    assert "emily" in huddles[("tomasz", "2026-11-09")]
    assert "emily" not in huddles[("tomasz", "2026-11-05")]
    # `--person emily` gives the meetings of both managers, each on its days.
    hers = {
        (o["owner"], o["activity"], o["start"][:10])
        for o in _expand(ws, "2026-11-02", "2026-11-10", "--person", "emily")
    }
    assert ("priya", "pipeline_review", "2026-11-03") in hers
    assert ("tomasz", "team_huddle", "2026-11-09") in hers
    assert not any(o == "priya" and d >= "2026-11-09" for o, _, d in hers)
    assert not any(o == "tomasz" and d < "2026-11-09" for o, _, d in hers)


def _feeds(tmp_path: Path, ws: Path, person: str, *window: str) -> list[str]:
    """Everyone's feeds written to tmp_path/all; ``person``'s feed from the all-feeds run
    must be the one `calendar --person` writes (a stamp aside). Its lines."""
    everyone, alone = tmp_path / "all", tmp_path / "one"
    for out, more in ((everyone, ()), (alone, ("--person", person))):
        r = morctl("calendar", str(ws), "--out", str(out), *window, *more, env=_env())
        assert r.code == 0, r.err

    def body(path: Path) -> list[str]:
        return [ln for ln in path.read_text().splitlines() if not ln.startswith("DTSTAMP")]

    lines = body(everyone / f"{person}.ics")
    assert lines == body(alone / f"{person}.ics")
    return lines


def _moved(tmp_path: Path, row: str, manager: str, change: str) -> Path:
    """The example with ``row`` (a person's line up to their manager) given ``change``."""
    return acme_edited(tmp_path, "org.yaml", f"{row} manager: {manager},", f"{row} {change}")


def test_feeds_follow_the_change_of_team(tmp_path: Path) -> None:
    ws = _ws(tmp_path)
    everyone = tmp_path / "all"
    _feeds(tmp_path, ws, "emily", "--from", "2026-10-26", "--to", "2026-12-31")
    # Checked with an independent RFC 5545 expander.
    since = date(2026, 11, 9)

    def days(feed: str, text: str | None = None) -> list[tuple[str, date]]:
        cal = icalendar.Calendar.from_ical((everyone / feed).read_bytes())
        events = recurring_ical_events.of(cal).between(date(2026, 10, 26), date(2027, 1, 1))
        return [
            (str(e["UID"]).split("@")[0].split("/")[1], e["DTSTART"].dt.date())
            for e in events
            if text is None or text in str(e["SUMMARY"]) + str(e.get("DESCRIPTION", ""))
        ]

    hers = days("emily.ics")
    assert {o for o, d in hers if d < since} == {"priya"}
    assert {o for o, d in hers if d >= since} == {"tomasz"}
    priyas = [d for _, d in days("priya.ics", "Emily Chen")]
    tomaszs = [d for _, d in days("tomasz.ics", "Emily Chen")]
    assert priyas and max(priyas) < since
    assert tomaszs and min(tomaszs) >= since


def test_validate_a_change_of_team(tmp_path: Path) -> None:
    move = "manager: tomasz, manager_since: 2026-11-09, previous_manager: priya,"
    cases = {
        "manager: tomasz, previous_manager: priya,": (
            "error MOR615 emily: previous_manager 'priya' without manager_since, the day "
            "they moved to tomasz's team"
        ),
        "manager: tomasz, manager_since: 2026-11-09, previous_manager: tomasz,": (
            "error MOR615 emily: previous_manager 'tomasz' is their manager too"
        ),
        "manager_since: 2026-11-09,": (
            "error MOR615 emily: manager_since 2026-11-09, but no manager"
        ),
        "manager: tomasz, manager_since: 2026-11-09, previous_manager: priyaa,": (
            "error MOR603 emily: unknown previous manager 'priyaa'"
        ),
        move + " left: 2026-11-06,": (
            "warning MOR616 emily: manager_since 2026-11-09 is after left 2026-11-06, so they are "
            "never in tomasz's team"
        ),
        move + " joined: 2026-11-09,": (
            "warning MOR616 emily: manager_since 2026-11-09 is not after joined 2026-11-09, so "
            "they are never in priya's team"
        ),
    }
    for i, (keys, said) in enumerate(cases.items()):
        row = EMILY.replace("manager: priya,", keys)
        r = morctl("validate", str(_ws(tmp_path / str(i), row)), env=_env())
        assert said in r.out, r.out
        assert r.code == (1 if "error" in said else 0), r.out
    # Before the change Priya reported to Emily: a cycle on the day before it, not today.
    ws = acme_edited(
        tmp_path / "cycle",
        "org.yaml",
        "{id: priya, name: Priya Raman, email: priya.raman@acme.example, role: manager, "
        "manager: dana,",
        "{id: priya, name: Priya Raman, email: priya.raman@acme.example, role: manager, "
        "manager: dana, manager_since: 2026-11-09, previous_manager: emily,",
    )
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 1
    assert "error MOR604 reporting lines form a cycle on 2026-11-08: emily → priya → emily" in (
        r.out
    )


def test_org_csv_reads_a_change_of_team(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    rhythm = acme_edited(tmp_path / "x", "org.yaml", EMILY, EMILY) / "rhythm.yaml"
    (ws / "rhythm.yaml").write_text(rhythm.read_text())
    (ws / "org.csv").write_text(
        "id,name,role,manager,timezone,country,manager_since,previous_manager\n"
        "dana,Dana Whitfield,vp,,Europe/London,GB-ENG,,\n"
        "priya,Priya Raman,manager,dana,Europe/London,GB-ENG,,\n"
        "tomasz,Tomasz Nowak,manager,dana,Europe/London,GB-ENG,,\n"
        "emily,Emily Chen,rep,tomasz,Europe/London,GB-ENG,2026-11-09,priya\n"
    )
    reviews = [
        (o["owner"], o["start"][:10])
        for o in _expand(ws, "2026-11-01", "2026-11-20")
        if o["activity"] == "pipeline_review"
    ]
    assert reviews == [("priya", "2026-11-03"), ("tomasz", "2026-11-10"), ("tomasz", "2026-11-17")]
    (ws / "org.csv").write_text("id,name,role,manager,Previous Manager\ndana,Dana Whitfield,vp,,\n")
    r = morctl("validate", str(ws), env=_env())
    assert "unknown column 'Previous Manager' (did you mean 'previous_manager'?)" in r.out


def test_log_names_the_manager_of_the_day(tmp_path: Path) -> None:
    ws = _ws(tmp_path)
    late = ("pipeline_review", "--owner", "priya", "--with", "emily", "--date", "2026-11-19")
    r = morctl("log", str(ws), *late, env=_env())
    assert r.code == 0, r.err
    assert "emily moved to tomasz's team on Mon 2026-11-09" in r.err
    assert "log it with --owner tomasz" in r.err
    early = ("pipeline_review", "--owner", "tomasz", "--with", "emily", "--date", "2026-11-03")
    r = morctl("log", str(ws), *early, env=_env())
    assert r.code == 0, r.err
    assert "emily moved to tomasz's team on Mon 2026-11-09" in r.err
    assert "log it with --owner priya, who was their manager then" in r.err
    # Priya's 1:1 with Emily before the move is hers to log, as before.
    r = morctl(
        "log", str(ws), "pipeline_review", "--owner", "priya", "--with", "emily", "--date",
        "2026-11-05", env=_env(),
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "moved" not in r.err


def test_show_diff_and_load_know_the_change(tmp_path: Path) -> None:
    old = acme_edited(tmp_path / "a", "org.yaml", EMILY, EMILY)
    new = _ws(tmp_path / "b")
    r = morctl("show", str(new), "--person", "emily", env=_env())
    assert r.code == 0, r.err
    assert "Emily Chen (emily) (in tomasz's team since 09 Nov 2026, before: priya's)" in r.out
    # A move still to come is told as one: today (24 Nov) she is in Priya's team.
    ahead = _ws(tmp_path / "d", MOVED.replace("2026-11-09", "2026-12-07"))
    r = morctl("show", str(ahead), "--person", "emily", env=_env())
    assert r.code == 0, r.err
    assert "Emily Chen (emily) (moves to tomasz's team on 07 Dec 2026, until then: priya's)" in (
        r.out
    )
    r = morctl("diff", str(old), str(new), env=_env())
    assert r.code == 0, r.err
    assert "manager since: none → 2026-11-09" in r.out
    assert "previous manager: none → priya" in r.out

    from morctl.load import loads
    from morctl.validate import require_valid

    def minutes(ws: Path) -> dict[str, int]:
        return {x.person: x.minutes for x in loads(require_valid(ws)) if x.person}

    was, now = minutes(old), minutes(new)
    assert now["priya"] < was["priya"] and now["tomasz"] > was["tomasz"]
    # A change still to come is the load to plan for: Tomasz's team with Emily from 07
    # Dec, as a hire still to join counts (a pull request that moves reps in is told it
    # breaks Q4 the day it is reviewed, not the day the move happens); Priya keeps today's.
    ahead = _ws(tmp_path / "c", MOVED.replace("2026-11-09", "2026-12-07"))
    assert minutes(ahead) == {**was, "tomasz": now["tomasz"]}
    (tomasz,) = [x for x in loads(require_valid(ahead)) if x.person == "tomasz"]
    assert str(tomasz.since) == "2026-12-07"
    assert all(x.since is None for x in loads(require_valid(new)))


def test_feeds_when_the_previous_manager_comes_later_in_the_org(tmp_path: Path) -> None:
    # Sophie moves from Tomasz's team to Priya's: her new manager's feed is written before
    # her previous manager's series are expanded, and her own feed must wait for both.
    sophie = "{id: sophie, name: Sophie Turner, email: sophie.turner@acme.example, role: rep,"
    change = "manager: priya, manager_since: 2026-12-01, previous_manager: tomasz,"
    ws = _moved(tmp_path, sophie, "tomasz", change)
    lines = _feeds(tmp_path, ws, "sophie", "--from", "2026-11-01", "--to", "2026-12-31")
    uids = " ".join(ln for ln in lines if ln.startswith("UID:"))
    assert "/tomasz/" in uids and "/priya/" in uids


def test_validate_a_move_of_someone_in_another_zone(tmp_path: Path) -> None:
    # Jessica works from New York and moves between two London managers: the slots of her
    # days in each team are checked against her working day (this crashed).
    jessica = "{id: jessica, name: Jessica Alvarez, email: jessica.alvarez@acme.example, role: rep,"
    ws = _moved(
        tmp_path,
        jessica,
        "marcus",
        "manager: tomasz, manager_since: 2026-11-17, previous_manager: priya,",
    )
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 0, r.out + r.err
    assert (
        "warning MOR510 activities.team_huddle: 08:30 in Europe/London is 03:30–03:45 on Thu "
        "2026-11-26 in America/New_York (04:30 at other meetings, as the clocks change) for "
        "jessica," in r.out
    )
    # A day of change that is not a date is one mistake, not a second MOR615.
    ws = _moved(
        tmp_path / "b",
        jessica,
        "marcus",
        "manager: tomasz, manager_since: 17/11/2026, previous_manager: priya,",
    )
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 1
    assert "'17/11/2026' is not a date" in r.out and "MOR615" not in r.out


def test_a_report_says_whose_a_row_after_the_move_is(tmp_path: Path) -> None:
    nov = _report(_ws(tmp_path), "2026-11")
    unplanned = nov["unplanned"]
    assert isinstance(unplanned, list)
    mine = [u for u in unplanned if u["with"] == "emily"]
    assert [(u["date"], u["owner"]) for u in mine] == [
        ("2026-11-10", "priya"),
        ("2026-11-11", "priya"),
        ("2026-11-17", "priya"),
    ]
    assert {u["why"] for u in mine} == {"emily moved to tomasz's team on Mon 2026-11-09"}


def test_the_last_meeting_before_a_move_may_be_logged_in_its_grace_days(tmp_path: Path) -> None:
    # Oliver moves to Tomasz's team on Wednesday 18 November; Priya held their Tuesday
    # review on Wednesday (grace 1d): it counts for her, on time, as without the move.
    oliver = "{id: oliver, name: Oliver Hughes, email: oliver.hughes@acme.example, role: rep,"
    ws = _moved(
        tmp_path,
        oliver,
        "priya",
        "manager: tomasz, manager_since: 2026-11-18, previous_manager: priya,",
    )
    logs = ws / "logs" / "2026-11.csv"
    row = "2026-11-17,pipeline_review,priya,oliver,done,4,2,,\n"
    text = logs.read_text()
    assert row in text
    logs.write_text(
        text.replace(row, row.replace("2026-11-17", "2026-11-18"))
        + "2026-11-23,pipeline_review,priya,oliver,done,4,2,,\n"
    )
    data = _report(ws, "2026-11")
    people = data["people"]
    assert isinstance(people, list)
    (priya,) = [p for p in people if p["id"] == "priya"]
    assert (priya["missed"], priya["late"]) == (0, 0)
    # A row after the last period and its grace days is the new manager's to log.
    assert [(u["date"], u["why"]) for u in data["unplanned"] if u["with"] == "oliver"] == [
        ("2026-11-23", "oliver moved to tomasz's team on Wed 2026-11-18")
    ]


def test_a_report_follows_the_reporting_lines_of_its_window(tmp_path: Path) -> None:
    # Tomasz moves under Priya on 17 November: October's report still has him under Dana.
    tomasz = "{id: tomasz, name: Tomasz Nowak, email: tomasz.nowak@acme.example, role: manager,"
    ws = _moved(
        tmp_path,
        tomasz,
        "dana",
        "manager: priya, manager_since: 2026-11-17, previous_manager: dana,",
    )

    def lines(month: str, *scope: str) -> tuple[dict[str, object], list[object]]:
        r = morctl("report", str(ws), "--month", month, "--format", "json", *scope, env=_env())
        assert r.code == 0, r.err
        data = json.loads(r.out)
        leaders = [(ld["id"], ld["team_size"]) for ld in data["org"]["leaders"]]
        return {p["id"]: p["leader"] for p in data["people"]}, leaders

    october, leaders = lines("2026-10")
    assert october["tomasz"] == "dana" and ("priya", 1) not in leaders
    assert lines("2026-10", "--team", "priya")[0] == {"priya": "dana"}
    november, leaders = lines("2026-11")
    assert november["tomasz"] == "priya" and ("priya", 1) in leaders
    assert set(lines("2026-11", "--team", "priya")[0]) == {"priya", "tomasz"}


def test_diff_says_when_a_change_gives_past_days_another_manager(tmp_path: Path) -> None:
    old = acme_edited(tmp_path / "a", "org.yaml", EMILY, EMILY)
    recorded = _ws(tmp_path / "b")
    # Recording the move as it happened keeps Emily's past with Priya: nothing to tell.
    r = morctl("diff", str(old), str(recorded), env=_env())
    assert r.code == 0, r.err
    assert "manager until" not in r.out
    # A change that says she was in Tomasz's team before (a move back to him) moves her
    # past 1:1s from Priya to Tomasz in every report: said.
    back = _ws(tmp_path / "c", EMILY + " manager_since: 2026-11-09, previous_manager: tomasz,")
    r = morctl("diff", str(old), str(back), env=_env())
    assert r.code == 0, r.err
    assert "person emily  manager until 2026-11-08: priya → tomasz" in r.out


def test_a_previous_manager_by_name_or_e_mail_is_told_the_id(tmp_path: Path) -> None:
    ws = _ws(tmp_path, MOVED.replace("previous_manager: priya", "previous_manager: Priya Raman"))
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 1
    assert "previous_manager: 'Priya Raman' is not an id: use" in r.out
    assert "hint: that is the name of priya: a manager is given by id, so write priya" in r.out
    ws = _ws(
        tmp_path / "b",
        MOVED.replace("previous_manager: priya", "previous_manager: priya.raman@acme.example"),
    )
    r = morctl("validate", str(ws), env=_env())
    assert "hint: that is the e-mail of priya: a manager is given by id, so write priya" in r.out


def _alices_team_to_tomasz(tmp_path: Path) -> Path:
    """Alice leaves on Fri 18 Dec and her four reps move to Tomasz on Mon 21 Dec, as
    MOR614's fix says to write it: Tomasz then has 9 reps, 8h06m a week against 8h."""
    ws = acme_edited(tmp_path, "org.yaml", "manager: dana,\n", "manager: dana,\n")
    org = ws / "org.yaml"
    text = org.read_text(encoding="utf-8")
    for rep in ("carol", "julien", "amina", "lucas"):
        at = text.index(f"{{id: {rep},")
        end = text.index("}", at)
        row = text[at:end].replace(
            "manager: alice,",
            "manager: tomasz, manager_since: 2026-12-21, previous_manager: alice,",
        )
        assert row != text[at:end]
        text = text[:at] + row + text[end:]
    at = text.index("{id: alice,")
    end = text.index("}", at)
    text = (
        text[:at]
        + text[at:end].replace("manager: dana,", "manager: dana, left: 2026-12-18,")
        + text[end:]
    )
    org.write_text(text, encoding="utf-8")

    return ws


def test_a_team_moving_in_later_breaks_q4_now_with_its_day(tmp_path: Path) -> None:
    # Alice leaves on Fri 18 Dec and her four reps move to Tomasz on Mon 21 Dec, as
    # MOR614's fix says to write it. Tomasz then has 9 reps: 8h06m a week against 8h. The
    # pull request that writes this is told so (validate, show, diff), with the day; it
    # used to pass until 21 Dec and break an unrelated pull request after it.
    ws = _alices_team_to_tomasz(tmp_path)
    r = morctl("validate", str(ws), env=_env())
    assert r.code == 1
    assert (
        "error MOR405 tomasz (manager) fails Q4 (overhead) from 21 Dec 2026: 8h06m of rhythm "
        "work a week against a capacity of 8h (" in r.out
    )
    # The back-to-back 1:1s of that team are checked too, not only from that day.
    assert "13:00–19:45 (9 reports back to back)" in r.out
    r = morctl("show", str(ws), env=_env())
    assert "8h06m / 8h" in r.out and "OVER  (from 21 Dec 2026, as the team grows)" in r.out
    r = morctl("diff", str(ACME), str(ws), "--format", "json", env=_env())
    doc = json.loads(r.out)
    assert doc["load"]["newly_over_capacity"] == [
        {
            "role": "manager",
            "person": "tomasz",
            "minutes": 486,
            "capacity": 480,
            "delta": 161,
            "since": "2026-12-21",
            "over_from": "2026-12-21",
        }
    ]
    r = morctl("diff", str(ACME), str(ws), env=_env())
    assert (
        "! tomasz (manager): 8h06m a week from 21 Dec 2026 against a capacity of 8h "
        "(+2h41m/week)" in r.out
    )
    # The error does not hide the warnings the change brings from the reviewer.
    assert "New warnings (6):" in r.out
    assert "warning MOR501 activities.development_1on1.cadence: 13:00–19:45 (9 reports" in r.out


def test_a_team_over_capacity_before_its_heaviest_day_says_both_days(tmp_path: Path) -> None:
    # Over from 21 Dec (Alice's reps move in), heavier from 4 Jan (a hire joins): the error
    # is told from the first day, with the heaviest load and its day; a reviewer reading
    # "from 04 Jan" would take December for fine.
    ws = _alices_team_to_tomasz(tmp_path)
    org = ws / "org.yaml"
    hire = (
        "\n  - {id: hana, name: Hana Sato, role: rep, manager: tomasz, timezone: Europe/London, "
        "country: GB-ENG, joined: 2027-01-04}\n"
    )
    org.write_text(org.read_text(encoding="utf-8").rstrip("\n") + hire, encoding="utf-8")
    r = morctl("validate", str(ws), env=_env())
    assert (
        "error MOR405 tomasz (manager) fails Q4 (overhead) from 21 Dec 2026: 8h47m of rhythm "
        "work a week at its heaviest, from 04 Jan 2027, against a capacity of 8h (" in r.out
    )
    r = morctl("show", str(ws), env=_env())
    assert "8h47m / 8h" in r.out
    assert "OVER from 21 Dec 2026  (04 Jan 2027 on, as the team grows)" in r.out
    r = morctl("diff", str(ACME), str(ws), env=_env())
    assert (
        "! tomasz (manager): 8h47m a week from 04 Jan 2027 (over from 21 Dec 2026) against a "
        "capacity of 8h (+3h22m/week)" in r.out
    )
