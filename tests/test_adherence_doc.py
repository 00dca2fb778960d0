"""The worked example in docs/adherence.md: its numbers come from the report, checked here."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import ROOT, morctl

DOC = ROOT / "docs" / "adherence.md"
EXAMPLE = ROOT / "docs" / "examples" / "adherence"


def _subset(expected: object, actual: object, where: str = "") -> None:
    """Every key and value the document quotes is in the report (lists item by item)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing"
            _subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _subset(e, a, f"{where}[{i}]")
    else:
        assert expected == actual, f"{where}: document says {expected!r}, report has {actual!r}"


def test_worked_example_numbers_match_the_report() -> None:
    block = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block, "docs/adherence.md lost its JSON block"
    quoted = json.loads(block.group(1))
    r = morctl(
        "report",
        str(EXAMPLE),
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-29",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
    )
    assert r.code == 0, r.err
    _subset(quoted, json.loads(r.out))


def test_report_never_prints_notes() -> None:
    for fmt in ("table", "json", "csv", "md", "html"):
        r = morctl(
            "report",
            str(EXAMPLE),
            "--from",
            "2026-11-16",
            "--to",
            "2026-11-29",
            "--as-of",
            "2026-11-30",
            "--format",
            fmt,
        )
        assert r.code == 0, r.err
        assert "ran long" not in r.out  # the note on line 3
        assert "Customer workshop" not in r.out  # a skip's free-text reason


def test_fail_under_trips() -> None:
    args = (
        "report",
        str(EXAMPLE),
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-29",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
    )
    assert morctl(*args, "--fail-under", "0.5").code == 1  # Leo is at 0
    assert morctl(*args, "--person", "mia", "--fail-under", "0.8").code == 0
    assert morctl(*args, "--person", "mia", "--fail-under", "0.9").code == 1


def test_a_skip_gives_way_to_a_done_in_the_same_period() -> None:
    """More completions than occurrences in a period: the meeting that was held counts, the
    skip logged before it does not push it out (docs/adherence.md, Matching)."""
    from datetime import date

    from morctl.adherence import score
    from morctl.completion import Completion
    from morctl.validate import require_valid

    ws = require_valid(str(EXAMPLE))

    def c(day: str, status: str, reason: str | None = None) -> Completion:
        return Completion(
            date.fromisoformat(day),
            "pipeline_review",
            "mia",
            "ravi",
            status,
            4,
            1,
            None,
            reason,
            "x.csv",
            1,
        )

    comps = [c("2026-11-16", "skipped", "Rep off sick"), c("2026-11-18", "done")]
    result = score(ws, comps, date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 30), {"mia"})
    got = {s.occ.key: (s.status, s.on_time) for s in result.scored if s.occ.with_ == "ravi"}
    assert got == {"pipeline_review/mia/ravi/2026-11-17": ("done", True)}
    assert [(u.day.isoformat(), u.status) for u in result.unplanned] == [("2026-11-16", "skipped")]


def test_a_leader_whose_reports_own_nothing_leads_the_people_below_them(tmp_path: Path) -> None:
    # The worked example with a director between Dana and the managers. The director owns
    # nothing; Dana's team is still Mia and Leo (0.4545 pooled), and so is the director's.
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    text = text.replace(
        "  vp: {title: VP Sales}\n", "  vp: {title: VP Sales}\n  director: {title: Director}\n"
    )
    text = text.replace("role: manager, manager: dana}", "role: manager, manager: dir}")
    text = text.replace(
        "  - {id: dana, name: Dana Whitfield, role: vp}\n",
        "  - {id: dana, name: Dana Whitfield, role: vp}\n"
        "  - {id: dir, name: Dee Director, role: director, manager: dana}\n",
    )
    rhythm.write_text(text, encoding="utf-8")
    for team in ([], ["--team", "dana"]):
        r = morctl(
            "report", str(ws), "--from", "2026-11-16", "--to", "2026-11-29",
            "--as-of", "2026-11-30", "--format", "json", *team,
        )  # fmt: skip
        assert r.code == 0, r.err
        leaders = {ld["id"]: ld for ld in json.loads(r.out)["org"]["leaders"]}
        assert set(leaders) == {"dana", "dir"}  # the reps own nothing
        for who in ("dana", "dir"):
            assert leaders[who]["team_adherence"] == 0.4545
            assert leaders[who]["team_size"] == 2
            assert leaders[who]["own_adherence"] is None


def test_a_manager_who_calls_off_most_meetings_is_flagged(tmp_path: Path) -> None:
    # Skips with a reason are excused (DESIGN §8), so they leave adherence undefined; the
    # report still counts them and flags the manager who skipped most of what was due.
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    skips = [
        "2026-11-16,team_huddle,leo,,skipped,,,,busy",
        "2026-11-17,pipeline_review,leo,tom,skipped,,,,busy",
        "2026-11-19,team_huddle,leo,,skipped,,,,busy",
        "2026-11-23,team_huddle,leo,,skipped,,,,busy",
        "2026-11-24,pipeline_review,leo,tom,skipped,,,,busy",
    ]
    (ws / "logs" / "skips.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n" + "\n".join(skips) + "\n"
    )
    args = ("--from", "2026-11-16", "--to", "2026-11-29", "--as-of", "2026-11-30")
    r = morctl("report", str(ws), *args, "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    leo = next(p for p in doc["people"] if p["id"] == "leo")
    assert (leo["done"], leo["missed"], leo["excused"], leo["skipped"]) == (0, 0, 6, 5)
    assert leo["adherence"] is None
    assert {"person": "leo", "metric": "skipped", "value": 1.0, "target": None} in doc["org"][
        "flags"
    ]
    table = morctl("report", str(ws), *args).out
    lines = table.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("person "))
    row = next(line for line in lines[start:] if line.startswith("leo "))
    assert "6 (5 skip)" in row and row.endswith("skipped 100% of what was due"), row


def _documented() -> tuple[set[str], dict[str, str]]:
    """docs/adherence.md, "The JSON": the count keys, and each key path with its row."""
    text = DOC.read_text(encoding="utf-8").split("### The JSON", 1)[1].split("\n### ", 1)[0]
    counts: set[str] = set()
    keys: dict[str, str] = {}
    table = None
    for line in text.splitlines():
        if line.startswith("| count key |"):
            table = counts
        elif line.startswith("| key |"):
            table = keys
        elif line.startswith("| `") and table is not None:
            first = line.split("|")[1]
            for path in re.findall(r"`([^`]+)`", first):
                if table is counts:
                    counts.add(path)
                else:
                    keys[path] = line
    return counts, keys


def _paths(value: object, path: str, keys: dict[str, str], out: set[str]) -> None:
    """Every key path in a report (`[]` for a list's items), not into a map's ids."""
    if isinstance(value, dict):
        for key, inner in value.items():
            here = f"{path}.{key}" if path else key
            out.add(here)
            if "| map |" not in keys.get(here, ""):
                _paths(inner, here, keys, out)
    elif isinstance(value, list):
        for item in value:
            _paths(item, f"{path}[]", keys, out)


def test_every_json_key_is_documented() -> None:
    # A BI table built from the report needs to know what each key is: the document lists
    # every key (the counts once, with the objects that carry them), and a key added to
    # the report without a line there fails here.
    counts, keys = _documented()
    assert {"expected", "done", "rated", "useful_sum"} <= counts
    reports = [
        ("report", str(ROOT / "examples" / "acme"), "--month", "2026-11", "--as-of",
         "2026-11-25"),
        ("report", str(ROOT / "tests" / "data" / "adherence" / "team"), "--from",
         "2026-03-09", "--to", "2026-03-25", "--as-of", "2026-03-24"),
        ("report", str(EXAMPLE), "--from", "2026-11-16", "--to", "2026-11-29", "--as-of",
         "2026-11-30"),
    ]  # fmt: skip
    found: set[str] = set()
    for args in reports:
        r = morctl(*args, "--format", "json")
        assert r.code == 0, r.err
        _paths(json.loads(r.out), "", keys, found)
    # acme has no unplanned or rejected row; the team fixture has both
    assert {"unplanned[].why", "rejected[].reason", "people[].change"} <= found
    missing = []
    for path in sorted(found):
        parent, _, last = path.rpartition(".")
        if path in keys:
            continue
        if last in counts and "the counts" in keys.get(parent, ""):
            continue
        missing.append(path)
    assert not missing, f"docs/adherence.md, The JSON, does not list: {missing}"
    # and it lists no key a report does not have. An item's own row (`people[]`) names
    # no key; the example workspaces hold no empty log file and no calendar export.
    quiet = ("empty_files", "events_not_counted")
    never = {k for k in keys if k not in found and not k.endswith("[]")}
    assert {k for k in never if not k.startswith(quiet)} == set()
