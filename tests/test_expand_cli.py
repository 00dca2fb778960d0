"""`morctl expand` as a user runs it (DESIGN.md §7): the four formats, their fields, and
bad input. The golden JSON (tests/data/golden/expand/) was read line by line against the
office fixture's hand-computed schedule; regenerate it on purpose with
``MORCTL_REGENERATE=1``."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, morctl

ENGINE = DATA / "engine"
OFFICE = str(ENGINE / "office")
GOLDEN = DATA / "golden" / "expand"
FIELDS = [
    "key",
    "activity",
    "title",
    "owner",
    "with",
    "attendees",
    "start",
    "end",
    "all_day",
    "timezone",
    "status",
    "reason",
]
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@functools.cache
def expand_json(*args: str) -> list[dict[str, Any]]:
    r = morctl("expand", *args, "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert isinstance(data, list)
    return data


def test_json_fields_and_types() -> None:
    records = expand_json(OFFICE, "--from", "2026-10-05", "--to", "2026-10-16")
    assert records
    for rec in records:
        assert list(rec) == FIELDS
        assert isinstance(rec["attendees"], list)
        assert isinstance(rec["all_day"], bool)
        assert rec["status"] in ("scheduled", "excused")
        assert rec["reason"] is None or (isinstance(rec["reason"], str) and rec["reason"])
        assert rec["with"] is None or isinstance(rec["with"], str)
        if rec["all_day"]:
            start = date.fromisoformat(str(rec["start"]))
            assert date.fromisoformat(str(rec["end"])) == start + timedelta(days=1)
        else:
            assert ISO_WITH_OFFSET.match(str(rec["start"])), rec["start"]
            assert ISO_WITH_OFFSET.match(str(rec["end"])), rec["end"]
            start_dt = datetime.fromisoformat(str(rec["start"]))
            assert datetime.fromisoformat(str(rec["end"])) > start_dt
    by_key = {r["key"]: r for r in records}
    assert len(by_key) == len(records)
    # Fri 9 Oct is a company day off: the wrap-up moves to Monday, keeping its key.
    assert by_key["wrap/mia/2026-10-09"] == {
        "key": "wrap/mia/2026-10-09",
        "activity": "wrap",
        "title": "Friday wrap-up",
        "owner": "mia",
        "with": None,
        "attendees": [],
        "start": "2026-10-12T16:00:00+01:00",
        "end": "2026-10-12T16:30:00+01:00",
        "all_day": False,
        "timezone": "Europe/London",
        "status": "scheduled",
        "reason": by_key["wrap/mia/2026-10-09"]["reason"],
    }
    assert str(by_key["wrap/mia/2026-10-09"]["reason"]).startswith("moved from 2026-10-09")
    assert by_key["wrap/noah/2026-10-09"]["start"] == "2026-10-13T16:00:00-04:00"
    assert by_key["standup/mia/2026-10-09"]["status"] == "excused"
    assert by_key["standup/mia/2026-10-09"]["reason"] == "holiday"
    assert by_key["pipeline/mia/dee/2026-10-13"]["with"] == "dee"
    assert by_key["pipeline/mia/dee/2026-10-13"]["attendees"] == ["dee"]
    assert by_key["qbr/vera/2026-10-15"]["attendees"] == ["mia", "noah"]


def test_json_matches_golden() -> None:
    r = morctl("expand", OFFICE, "--from", "2026-10-05", "--to", "2026-10-16", "--format", "json")
    assert r.code == 0, r.err
    golden = GOLDEN / "office-2026-10-05-to-16.json"
    if os.environ.get("MORCTL_REGENERATE") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(r.out, encoding="utf-8")
    assert r.out == golden.read_text(encoding="utf-8")
    assert json.loads(r.out) == expand_json(OFFICE, "--from", "2026-10-05", "--to", "2026-10-16")


def test_csv_has_the_same_rows_as_json() -> None:
    window = ("--from", "2026-10-05", "--to", "2026-10-16")
    records = expand_json(OFFICE, *window)
    r = morctl("expand", OFFICE, *window, "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[0] == FIELDS
    assert len(rows) == len(records) + 1
    for row, rec in zip(rows[1:], records, strict=True):
        assert len(row) == len(FIELDS)
        cells = dict(zip(FIELDS, row, strict=True))
        assert cells["key"] == rec["key"]
        assert cells["with"] == (rec["with"] or "")
        assert cells["attendees"] == ";".join(rec["attendees"])
        assert cells["all_day"] == ("true" if rec["all_day"] else "false")
        assert cells["reason"] == (rec["reason"] or "")
        for field in ("activity", "title", "owner", "start", "end", "timezone", "status"):
            assert cells[field] == rec[field], field


def test_csv_defuses_formula_titles_and_json_keeps_them() -> None:
    ws = str(ENGINE / "formula")
    window = ("--from", "2026-03-02", "--to", "2026-03-13")
    r = morctl("expand", ws, *window, "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    titles = {row["activity"]: row["title"] for row in rows}
    assert titles["calc"] == '\'=HYPERLINK("http://evil.example","click")'
    assert titles["plus"].startswith("'+1 coaching — élan, 日本語")
    assert titles["at_sign"] == "'@mention sync"
    for row in rows:  # no cell a spreadsheet would run
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row.values())
    records = expand_json(ws, *window)
    assert {r["activity"]: r["title"] for r in records}["calc"] == (
        '=HYPERLINK("http://evil.example","click")'
    )
    all_day = [r for r in records if r["activity"] == "plus"]
    assert [(r["start"], r["end"], r["all_day"]) for r in all_day] == [
        ("2026-03-12", "2026-03-13", True)  # 2nd Thursday of March 2026
    ]


def test_jsonl_is_one_record_per_line() -> None:
    window = ("--from", "2026-10-05", "--to", "2026-10-09", "--person", "noah")
    records = expand_json(OFFICE, *window)
    r = morctl("expand", OFFICE, *window, "--format", "jsonl")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert [json.loads(line) for line in lines] == records
    assert all(r["owner"] == "noah" or "noah" in r["attendees"] for r in records)


def test_table() -> None:
    r = morctl("expand", OFFICE, "--from", "2026-10-09", "--to", "2026-10-12", "--person", "mia")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    header = ["day", "time", "zone", "owner", "activity", "with", "status", "reason"]
    assert lines[0].split() == header
    body = [re.sub(r"\s+", " ", line) for line in lines[1:-1]]
    assert body == [
        "Fri 2026-10-09 08:50 Europe/London mia standup excused holiday",
        "Mon 2026-10-12 08:30 Europe/London mia huddle scheduled",
        "Mon 2026-10-12 08:50 Europe/London mia standup scheduled",
        body[3],
    ]
    assert body[3].startswith(
        "Mon 2026-10-12 16:00 Europe/London mia wrap scheduled moved from 2026-10-09"
    )
    assert lines[-1] == "4 occurrences"


def test_empty_window() -> None:
    assert expand_json(OFFICE, "--from", "2026-01-01", "--to", "2026-05-03") == []
    r = morctl("expand", OFFICE, "--from", "2026-01-01", "--to", "2026-05-03", "--format", "csv")
    assert r.code == 0 and r.out.splitlines() == [",".join(FIELDS)]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "2026-10-16", "--to", "2026-10-05"], "after"),
        (["--from", "2026-13-01", "--to", "2026-12-31"], "2026-13-01"),
        (["--from", "2026-02-29", "--to", "2026-03-31"], "2026-02-29"),  # 2026 is no leap year
        (["--from", "5 Oct 2026", "--to", "2026-10-16"], "5 Oct 2026"),
        (["--from", "2026-10-05"], "--to"),
        (["--from", "2026-10-05", "--to", "2026-10-16", "--person", "mai"], "did you mean 'mia'"),
        (["--from", "2026-10-05", "--to", "2026-10-16", "--format", "xml"], "xml"),
    ],
)
def test_bad_options_are_usage_errors(args: list[str], needle: str) -> None:
    r = morctl("expand", OFFICE, *args)
    assert r.code == 2, r.err
    assert needle in r.err
    assert "Traceback" not in r.err
    assert r.out == ""


def test_invalid_workspace_lists_its_errors(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(ENGINE / "office", ws)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    text = text.replace("lever: velocity", "lever: velocty", 1)  # an undeclared lever
    text = text.replace('on: tue, at: "09:00"', 'on: tue, at: "9am"', 1)  # not a time
    rhythm.write_text(text, encoding="utf-8")
    r = morctl("expand", str(ws), "--from", "2026-10-05", "--to", "2026-10-16")
    assert r.code == 1
    assert "Traceback" not in r.err
    assert r.out == ""  # a broken rhythm is never expanded
    assert "2 errors" in r.err
    assert "velocty" in r.err and "9am" in r.err
    assert "rhythm.yaml:" in r.err


def test_missing_workspace() -> None:
    r = morctl(
        "expand", str(ENGINE / "no-such-workspace"), "--from", "2026-10-05", "--to", "2026-10-16"
    )
    assert r.code == 1
    assert "no-such-workspace" in r.err and "Traceback" not in r.err
