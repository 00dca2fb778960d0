"""Completion log readers (DESIGN.md §8, issue 4 items 1 and "Bad input").

Each folder under tests/data/logs/cases/ holds a ``logs/`` folder and ``expected.txt``: every
completion, every rejected record (file:line: reason) and the duplicates, as the readers
report them for the workspace tests/data/logs/ws. Adding a case is adding a folder;
regenerate the expectations on purpose with ``MORCTL_REGENERATE=1 pytest tests/test_logs.py``
and review the change.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ACME, DATA, acme_with_log, morctl
from morctl import logcsv
from morctl import logs as logs_module
from morctl.completion import Completion, Reason, Rejected
from morctl.logcheck import FIELDS, Checker, prefer
from morctl.logs import read_logs
from morctl.workspace import Workspace, load_workspace

LOGS = DATA / "logs"
CASES = LOGS / "cases"
REGENERATE = os.environ.get("MORCTL_REGENERATE") == "1"
HEADER = "date,activity,owner,with,status,useful,actions,note,reason\n"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    loaded = load_workspace(str(LOGS / "ws"))
    assert loaded.workspace is not None and not loaded.diagnostics
    return loaded.workspace


def read(ws: Workspace, case: Path) -> tuple[list[Completion], list[Rejected], int]:
    """Read ``case/logs`` with file names relative to the case folder."""
    here = os.getcwd()
    os.chdir(case)
    try:
        return read_logs(ws, Path("logs"))
    finally:
        os.chdir(here)


def render(found: tuple[list[Completion], list[Rejected], int]) -> str:
    completions, rejected, duplicates = found
    out = [f"completions: {len(completions)}"]
    for c in completions:
        series = "/".join(p for p in c.series if p)
        extra = [f"{k}={v!r}" for k, v in c._asdict().items() if k in _EXTRA and v is not None]
        out.append(f"{c.file}:{c.line}: {c.day} {series} {c.status} {' '.join(extra)}".rstrip())
    out.append(f"rejected: {len(rejected)}")
    out += [f"{r.file}:{r.line}: {r.reason}" for r in rejected]
    out.append(f"duplicates: {duplicates}")
    return "\n".join(out) + "\n"


_EXTRA = ("useful", "actions", "note", "reason")


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
def test_case(ws: Workspace, case: str) -> None:
    got = render(read(ws, CASES / case))
    expected = CASES / case / "expected.txt"
    if REGENERATE:
        expected.write_text(got, encoding="utf-8")
    assert expected.exists(), f"missing {expected}; run with MORCTL_REGENERATE=1"
    assert got == expected.read_text(encoding="utf-8")


def _by_place(rejected: list[Rejected]) -> dict[tuple[str, int], str]:
    return {(Path(r.file).name, r.line): r.reason for r in rejected}


# Every bad input of issue 4, with the place it must be reported at and words of the reason.
BAD = [
    ("2026-11.csv", 2, "'pipline_review' is not an activity of the rhythm (did you mean"),
    ("2026-11.csv", 3, "owner: nobody in the roster has the id 'pryia' (did you mean 'priya'?)"),
    ("2026-11.csv", 4, "with: nobody in the roster has the id 'olivier'"),
    ("2026-11.csv", 5, "with: missing"),
    ("2026-11.csv", 6, "not with each report"),
    ("2026-11.csv", 7, "'2026-02-30' is not a real date"),
    ("2026-11.csv", 8, "'30/11/2026' is not a date"),
    ("2026-11.csv", 9, "useful: 6 is outside 1-5"),
    ("2026-11.csv", 10, "useful: '4.5' is not a whole number"),
    ("2026-11.csv", 11, "actions: -1 is below 0"),
    ("2026-11.csv", 12, "status skipped needs a reason"),
    ("2026-11.csv", 13, "status: 'cancelled' is not done or skipped"),
    ("2026-11.csv", 14, "row has 5 cells, the header has 9"),
    ("2026-11.csv", 15, "row has 10 cells, the header has 9"),
    ("quotes.csv", 2, "a quote opened on this line is still open on line 4"),
    ("quotes.csv", 5, "a quote opened on this line is never closed"),
    ("damaged.csv", 2, "contains a NUL byte"),
    ("damaged.csv", 3, "not UTF-8"),
    ("no-header.csv", 1, "header: the first row is a completion, not the column names"),
    ("typo-header.csv", 1, "header: no 'date' column (is it 'Datum' for 'date'?)"),
    ("date-words.csv", 1, "header: the first row names none of the columns"),
    ("bad.jsonl", 1, "expected a JSON object {...}, got a list"),
    ("bad.jsonl", 2, "expected a JSON object {...}, got 42"),
    ("bad.jsonl", 3, "not JSON"),
    ("bad.jsonl", 4, "useful: expected a whole number, got true"),
    ("bad.jsonl", 5, "actions: expected a whole number"),
    ("bad.jsonl", 6, "unknown key 'rating' is ignored"),
    ("bad.yaml", 1, "expected a mapping"),
    ("bad.yaml", 2, "duplicate key 'owner'"),
    ("bad.yaml", 3, "'2026-13-01' is not a real date"),
    ("broken.yaml", 2, "YAML syntax error"),
    ("not-a-list.yaml", 1, "expected a list of completions"),
    ("checklist.md", 3, "'pipline_review' is not an activity"),
    ("checklist.md", 4, "is not an occurrence key"),
    ("checklist.md", 5, "no due="),
    ("checklist.md", 6, "useful: 9 is outside 1-5"),
    ("checklist.md", 7, "not closed"),
    ("checklist.md", 8, "'2026-12-32' is not a real date"),
    ("broken.ics", 1, "the calendar cannot be read"),
    ("truncated.ics", 1, "END:VCALENDAR is missing"),
    ("events.ics", 3, "nobody in the roster has the id 'nobody'"),
    ("events.ics", 7, "not an occurrence key"),
    ("events.ics", 11, "no DTSTART"),
    ("events.ics", 15, "the event cannot be read"),
    ("events.ics", 23, "the event has 2 DTSTART lines; keep one"),
    ("events.ics", 28, "the event has 2 UID lines; keep one"),
    ("notes.txt", 1, "not read: morctl reads logs of type"),
]


def test_every_bad_input_is_reported_with_its_place(ws: Workspace) -> None:
    completions, rejected, _ = read(ws, CASES / "bad")
    places = _by_place(rejected)
    for name, line, words in BAD:
        assert (name, line) in places, f"{name}:{line} not reported"
        assert words in places[(name, line)], places[(name, line)]
    assert len(rejected) == len(BAD)  # nothing else, and each exactly once
    # ... and the good records among them are still read.
    kept = {(Path(c.file).name, c.line) for c in completions}
    assert {("2026-11.csv", 16), ("quotes.csv", 3), ("quotes.csv", 4)} <= kept
    assert {("damaged.csv", 4), ("bad.yaml", 4), ("checklist.md", 9), ("events.ics", 19)} <= kept


def test_csv_bom_crlf_and_quoted_cells(ws: Workspace) -> None:
    completions, rejected, _ = read(ws, CASES / "csv")
    notes = {(Path(c.file).name, c.line): c.note for c in completions}
    assert notes[("2026-11.csv", 3)] == "Two deals, both stalled"
    assert notes[("2026-11.csv", 5)] == 'Line one\nline two, with "quotes"'
    assert notes[("excel-export.csv", 2)] == '=HYPERLINK("x")'  # data, read as written
    assert notes[("excel-export.csv", 3)] == "multi\r\nline"
    # The BOM is not part of the first column's name, and the row after a two-line cell
    # has its own line number.
    assert ("excel-export.csv", 6) in notes
    assert ("2026-11.csv", 8) in notes
    reordered = [c for c in completions if c.file.endswith("reordered.csv")]
    assert [(c.owner, c.day, c.useful, c.status) for c in reordered] == [
        ("dana", date(2026, 10, 7), 4, "done")
    ]
    assert [r.reason for r in rejected] == [
        "header: unknown column 'usefull' is ignored (did you mean 'useful'?)"
    ]


def test_bytes_that_are_not_utf8_are_named_by_their_cell(ws: Workspace, tmp_path: Path) -> None:
    # Excel on Windows saves "CSV" as Windows-1252: an umlaut in a note spoils its row. The
    # reason names the cell and the encoding, so that the fix (save as CSV UTF-8) is plain.
    (tmp_path / "logs").mkdir()
    rows = (
        HEADER.encode()
        + b"2026-11-24,pipeline_review,priya,oliver,done,4,1,\xdcberpr\xfcfung,\n"
        + b"2026-11-24,pipeline_review,priya,aisha,done,4,1,odd \x81 byte,\n"
    )
    (tmp_path / "logs" / "2026-11.csv").write_bytes(rows)
    # A semicolon file too (a German Excel's "CSV"); each at the column of its note cell.
    (tmp_path / "logs" / "2026-12.csv").write_bytes(
        HEADER.replace(",", ";").encode()
        + b"2026-12-01;pipeline_review;priya;oliver;done;4;1;Gespr\xe4ch;\n"
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.line, r.column) for r in rejected] == [(2, 50), (3, 49), (2, 50)]
    assert [(r.line, r.reason) for r in rejected[:2]] == [
        (
            2,
            "the note cell holds bytes that are not UTF-8 text (the file looks saved as "
            'Windows-1252, "ANSI"); save the file as UTF-8 (in Excel: File > Save As > '
            '"CSV UTF-8")',
        ),
        (
            3,
            "the note cell holds bytes that are not UTF-8 text; save the file as UTF-8 (in "
            'Excel: File > Save As > "CSV UTF-8")',
        ),
    ]


def test_a_line_break_in_a_cell_is_said_as_its_escape(ws: Workspace, tmp_path: Path) -> None:
    # `'pipeline\r\nreview'`, not `'pipeline��review'`: what the cell holds, as validate
    # says a rhythm's value; other control characters stay U+FFFD (they drive terminals).
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "a.csv").write_text(
        HEADER + '2026-11-24,"pipeline\r\nreview",priya,oliver,done,,,,\n'
        '2026-11-24,pipeline_review,"pri\x1bya",oliver,done,,,,\n',
        encoding="utf-8",
        newline="",
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [r.reason.split(" (did")[0] for r in rejected] == [
        "activity: 'pipeline\\r\\nreview' is not an activity of the rhythm",
        "owner: nobody in the roster has the id 'pri\ufffdya'",
    ]


def test_an_invisible_character_in_a_cell_is_named_with_its_place(
    ws: Workspace, tmp_path: Path
) -> None:
    # 'forecast\u200b_call' read "is not an activity (did you mean 'forecast_call'?)", which
    # contradicts itself on screen: the message names the character and where it is.
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "a.csv").write_text(
        HEADER + "2026-11-24,forecast\u200b_call,priya,,done,,,,\n"
        "2026-11-24,pipeline_review,\ufeffpriya,oliver,done,,,,\n",
        encoding="utf-8",
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [r.reason for r in rejected] == [
        "activity: 'forecast\u200b_call' (it holds an invisible U+200B ZERO WIDTH SPACE after "
        "'forecast': delete it) is not an activity of the rhythm (did you mean "
        "'forecast_call'?)",
        "owner: nobody in the roster has the id '\ufeffpriya' (it holds an invisible U+FEFF "
        "ZERO WIDTH NO-BREAK SPACE before 'priya': delete it) (did you mean 'priya'?)",
    ]


def test_a_report_that_hides_a_value_hides_its_invisible_character_too(
    ws: Workspace, tmp_path: Path
) -> None:
    # A note typed one column off is not shown by a report, nor is where in it the
    # invisible character is: "after 'pregnant'" would quote it.
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "a.csv").write_text(
        HEADER + "2026-11-24,pipeline_review,priya,pregnant\u200b,done,,,,\n",
        encoding="utf-8",
    )
    _, rejected, _ = read(ws, tmp_path)
    assert rejected[0].in_report == (
        "with: nobody in the roster has the id given (not shown here; see validate --logs)"
    )


def test_status_defaults_to_done_and_is_case_insensitive(ws: Workspace) -> None:
    completions, _, _ = read(ws, CASES / "csv")
    by_line = {(Path(c.file).name, c.line): c.status for c in completions}
    assert by_line[("2026-11.csv", 5)] == "done"  # empty status
    assert by_line[("2026-11.csv", 8)] == "done"  # "Done"


def test_duplicates_count_once_and_the_first_is_kept(ws: Workspace) -> None:
    completions, rejected, duplicates = read(ws, CASES / "dupes")
    assert not rejected
    oliver = [c for c in completions if c.with_ == "oliver" and c.day == date(2026, 11, 24)]
    assert [(c.file, c.line, c.note) for c in oliver] == [("logs/a.csv", 2, "first")]
    # a.csv twice (once with spaces around the id), then b.jsonl, c.md and d.ics.
    assert duplicates == 5
    assert len(completions) == 3


def test_shuffling_and_splitting_rows_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        f"2026-{m:02d}-{d:02d},pipeline_review,priya,{w},done,{1 + d % 5},{d % 3},,\n"
        for m in (10, 11)
        for d in range(1, 29)
        for w in ("oliver", "aisha")
    ]
    rows += rows[:20]  # duplicates
    one = tmp_path / "one"
    (one / "logs").mkdir(parents=True)
    (one / "logs" / "all.csv").write_text(HEADER + "".join(rows))
    random.Random(4).shuffle(rows)
    many = tmp_path / "many"
    (many / "logs").mkdir(parents=True)
    for i in range(0, len(rows), 17):
        (many / "logs" / f"part-{i:03d}.csv").write_text(HEADER + "".join(rows[i : i + 17]))
    a, b = read(ws, one), read(ws, many)
    assert sorted(c.identity for c in a[0]) == sorted(c.identity for c in b[0])
    assert a[2] == b[2] == 20
    assert not a[1] and not b[1]


def test_hidden_files_are_skipped_and_unknown_types_reported(ws: Workspace, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    (logs / ".git").mkdir(parents=True)
    (logs / ".git" / "x.csv").write_text("garbage")
    (logs / ".gitkeep").write_text("")
    (logs / ".2026-11.csv.abc.tmp").write_text("a half-written temporary file")
    (logs / "export.xlsx").write_bytes(b"PK\x03\x04")
    completions, rejected, _ = read(ws, tmp_path)
    assert completions == []
    assert [(Path(r.file).name, r.line) for r in rejected] == [("export.xlsx", 1)]


JUNK_KINDS = ("csv", "jsonl", "yaml", "yml", "md", "ics")


def test_a_file_that_is_not_text_is_reported_once_unread(ws: Workspace, tmp_path: Path) -> None:
    # Binary bytes under a log's name (a download renamed, an export saved over a log) were
    # rejected a line at a time: hundreds of thousands of messages for 50 MB. NUL bytes in
    # the first 8000 bytes (git's test), on most of their lines, say the file is no text.
    junk = bytes(b for b in range(256) if b not in b"\r\n") + b"\n"  # NUL, controls, high
    logs = tmp_path / "logs"
    logs.mkdir()
    for kind in JUNK_KINDS:
        (logs / f"junk.{kind}").write_bytes(junk * 1000)
    (logs / "cut.jsonl").write_bytes(junk * 2 + junk[:10])  # no line end after the third
    noise = random.Random(7).randbytes(300_000)  # as from /dev/urandom
    noise_lines = noise.count(b"\n") + (not noise.endswith(b"\n"))
    (logs / "noise.md").write_bytes(noise)
    # A text log with the odd damaged row is still read a row at a time: the run of NUL
    # bytes a crash leaves at the end of a file is one row of six.
    (logs / "crash.csv").write_bytes((HEADER + ROW * 4).encode() + b"\x00" * 5000)
    completions, rejected, _ = read_logs(ws, logs)
    assert [(c.file, c.line) for c in completions] == [(str(logs / "crash.csv"), 2)]
    said = "not read: the file is not text (it holds NUL bytes, as binary files do)"
    assert sorted((Path(r.file).name, r.line, r.reason) for r in rejected) == sorted(
        [
            ("crash.csv", 6, "row has 1 cell, the header has 9"),
            ("cut.jsonl", 1, f"{said}; 3 lines not read"),
            *((f"junk.{k}", 1, f"{said}; 1000 lines not read") for k in JUNK_KINDS),
            ("noise.md", 1, f"{said}; {noise_lines} lines not read"),
        ]
    )


def test_validate_says_a_file_that_is_not_text_once_without_its_line(tmp_path: Path) -> None:
    # No excerpt of bytes that are no text, and a hint for a file that is not a log.
    root = acme_with_log(tmp_path, "notes.md", "")
    (root / "logs" / "notes.md").write_bytes(b"PK\x03\x04\x14\x00\x00\x08\x00\x00\n" * 5)
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    assert r.out == (
        f"{root}/logs/notes.md:1:1: error MOR801 not read: the file is not text (it holds "
        "NUL bytes, as binary files do); 5 lines not read\n"
        "     = hint: move it out of logs/ if it is not a log; if it is, save it again as "
        "text (from a spreadsheet: CSV UTF-8)\n"
        "\n1 error, 0 warnings\n"
    )


def test_a_spreadsheets_own_headings_are_named_for_the_columns_they_hold(tmp_path: Path) -> None:
    # A sheet made by hand says Manager, Meeting, Rep and Rating. Spelling alone offered
    # 'Done?' for the owner; the hint now names the heading that means each column, and
    # how to mend the first row, in the words of the header rather than of a record.
    header = "Manager,Rep,Date,Meeting,Done?,Rating"
    root = acme_with_log(
        tmp_path, "sheet.csv", header + "\r\nmarcus,ana,2026-11-03,pipeline_review,Yes,4\r\n"
    )
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    assert r.out == (
        f"{root}/logs/sheet.csv:1:1: error MOR801 header: no 'activity', 'owner' column (is it "
        "'Meeting' for 'activity', 'Manager' for 'owner'?); the first row must name the "
        "columns, comma-separated (date,activity,owner,with,status,useful,actions,note,reason); "
        "1 more line not read\n"
        f"   1 | {header}\n"
        "     | ^\n"
        "     = hint: make the first row name the columns in these words (date, activity and "
        "owner at least), in any order; the rows below stay as they are\n"
        "\n1 error, 0 warnings\n"
    )
    (root / "logs" / "sheet.csv").write_text("date,activity,owner,Rep,Rating,Comments\n")
    r = morctl("validate", str(root), "--logs")
    assert [line.split(" MOR801 ")[1] for line in r.out.splitlines() if "MOR801" in line] == [
        "header: unknown column 'Rep' is ignored (did you mean 'with'?)",
        "header: unknown column 'Rating' is ignored (did you mean 'useful'?)",
        "header: unknown column 'Comments' is ignored (did you mean 'note'?)",
    ]


def test_missing_logs_folder_is_no_logs(ws: Workspace, tmp_path: Path) -> None:
    assert read_logs(ws, tmp_path / "logs") == ([], [], 0)


def test_many_open_quotes_are_bounded(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logcsv, "MAX_RESUMES", 3)
    good = "2026-11-24,pipeline_review,priya,oliver,done,4,2,,\n"
    bad = '2026-11-24,pipeline_review,priya,aisha,done,4,2,"open,\n'
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "q.csv").write_text(HEADER + bad * 6 + good)
    completions, rejected, _ = read(ws, tmp_path)
    # Three resumes; after that an open quote swallows the lines up to where it closes, and
    # is reported with them: the file costs bounded work and nothing goes unreported.
    assert [r.line for r in rejected] == [2, 3, 4, 5, 7]
    assert "still open on line 6" in rejected[3].reason
    assert "still open on line 8" in rejected[4].reason
    assert completions == []


def _checklist(ws: Workspace, first: date, last: date) -> str:
    from morctl.checklist import render_md
    from morctl.expand import expand

    occs = sorted(expand(ws, first, last, None, owners_only=True), key=lambda o: o.owner)
    return render_md(ws, occs, first, last)


def test_ticked_checklist_round_trip(ws: Workspace, tmp_path: Path) -> None:
    """A checklist exactly as `morctl checklist` writes it, every box ticked, reads back as
    one `done` completion per scheduled occurrence, on the day it was due."""
    from morctl.expand import expand

    first, last = date(2026, 11, 23), date(2026, 12, 31)
    text = _checklist(ws, first, last).replace("- [ ] ", "- [x] ")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "checklist.md").write_text(text, encoding="utf-8")
    completions, rejected, duplicates = read(ws, tmp_path)
    assert not rejected and duplicates == 0
    scheduled = [o for o in expand(ws, first, last) if o.status == "scheduled"]
    assert sorted((o.day, o.activity, o.owner, o.with_) for o in scheduled) == sorted(
        c.identity for c in completions
    )
    assert {c.status for c in completions} == {"done"}


def test_a_check_mark_ticks_and_a_rating_out_of_five_is_read(ws: Workspace, tmp_path: Path) -> None:
    # A manager types a check mark rather than an x, and rates "4/5": the meeting was held
    # and rated 4. Refused, it counted as missed. A cross is no tick (a meeting called off).
    key = "pipeline_review/marcus/jessica/2026-11-24"
    other = "pipeline_review/priya/oliver/2026-11-24"
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "week.md").write_text(
        "## Marcus Bell (marcus)\n\n"
        f"- [✓] Tue 24 Nov review useful: 4/5 <!-- morctl:{key} due=2026-11-24 -->\n"
        f"- [✗] Tue 24 Nov review <!-- morctl:{other} due=2026-11-24 -->\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read(ws, tmp_path)
    assert [(c.owner, c.with_, c.status, c.useful) for c in completions] == [
        ("marcus", "jessica", "done", 4)
    ]
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [(4, "the box [✗] is not read")]
    (tmp_path / "logs" / "week.md").unlink()
    (tmp_path / "logs" / "sheet.csv").write_text(
        "date,activity,owner,with,useful\n"
        "2026-11-24,pipeline_review,marcus,jessica,3/5\n"
        "2026-11-24,pipeline_review,priya,oliver, 5 / 5\n"
        "2026-11-24,pipeline_review,priya,aisha,6/5\n"
        "2026-11-25,pipeline_review,priya,oliver,4/10\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read(ws, tmp_path)
    assert [(c.with_, c.useful) for c in completions] == [("jessica", 3), ("oliver", 5)]
    assert [(r.line, r.reason) for r in rejected] == [
        (4, "useful: 6 is outside 1-5"),
        (5, "useful: '4/10' is not a whole number (1-5)"),
    ]


def test_unticked_checklist_holds_nothing(ws: Workspace, tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    text = _checklist(ws, date(2026, 11, 23), date(2026, 11, 29))
    (tmp_path / "logs" / "week.md").write_text(text, encoding="utf-8")
    assert read(ws, tmp_path) == ([], [], 0)


def test_a_checklist_that_lost_all_its_comments_is_reported(ws: Workspace, tmp_path: Path) -> None:
    # The whole checklist copied from GitHub's page, where the comments are invisible: its
    # ticks cannot be read, and are reported line by line rather than passed over. A file
    # of other ticked tasks (a README) holds no completions and is not reported.
    text = _checklist(ws, date(2026, 11, 23), date(2026, 11, 24)).replace("- [ ] ", "- [x] ")
    lines = [re.sub(r" *<!--.*?-->", "", ln) for ln in text.splitlines()]
    ticked = [n for n, ln in enumerate(lines, 1) if ln.startswith("- [x] ")]
    assert len(ticked) >= 2 and "<!--" not in "".join(lines)
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "copied.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "logs" / "README.md").write_text("- [x] Install morctl\n- [x] Mon 23 is done\n")
    completions, rejected, _ = read(ws, tmp_path)
    assert completions == []
    assert [(Path(r.file).name, r.line) for r in rejected] == [("copied.md", n) for n in ticked]
    assert {r.reason for r in rejected} == {
        "a ticked line without its <!-- morctl:... --> comment: which meeting it is cannot "
        "be told; copy the line from the checklist with its comment"
    }


def test_a_checklist_whose_comments_were_escaped_is_read(ws: Workspace, tmp_path: Path) -> None:
    # A rich-text editor (a wiki, a ticket's description) writes the comment as text:
    # `&lt;!-- morctl:KEY due=DAY --&gt;`. The key is all there, and visible: the ticks are
    # read as the comments say, not refused as lines "without a comment".
    text = _checklist(ws, date(2026, 11, 23), date(2026, 11, 24)).replace("- [ ] ", "- [x] ")
    plain = tmp_path / "plain"
    (plain / "logs").mkdir(parents=True)
    (plain / "logs" / "week.md").write_text(text, encoding="utf-8")
    escaped = text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")
    assert escaped != text
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "week.md").write_text(escaped, encoding="utf-8")
    completions, rejected, _ = read(ws, tmp_path)
    assert rejected == []
    assert len(completions) >= 2
    assert completions == read(ws, plain)[0]


@pytest.mark.parametrize(
    ("typed", "useful", "actions"),
    [
        ("(useful=4, actions=2)", 4, 2),
        ("good one: useful=5.", 5, None),
        ("useful: 3; actions: 0!", 3, 0),
        ("[useful=2]", 2, None),
    ],
)
def test_a_rating_typed_in_a_sentence_is_read_without_its_punctuation(
    ws: Workspace, tmp_path: Path, typed: str, useful: int, actions: int | None
) -> None:
    (tmp_path / "logs").mkdir()
    line = TICK.format(w="oliver", d=24).replace("Review", f"Review {typed}")
    (tmp_path / "logs" / "week.md").write_text(line + "\n", encoding="utf-8")
    completions, rejected, _ = read(ws, tmp_path)
    assert rejected == []
    assert [(c.useful, c.actions) for c in completions] == [(useful, actions)]


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("useful=4.5", "useful: '4.5' is not a whole number (1-5)"),
        ("useful=4,5", "useful: '4,5' is not a whole number (1-5)"),
        ("useful=9.", "useful: 9 is outside 1-5"),
        # punctuation alone is no rating, and not taken for none
        ("useful=?", "useful: '?' is not a whole number (1-5)"),
        ("useful=.", "useful: '.' is not a whole number (1-5)"),
    ],
)
def test_a_rating_that_is_not_a_whole_number_is_still_refused(
    ws: Workspace, tmp_path: Path, typed: str, reason: str
) -> None:
    (tmp_path / "logs").mkdir()
    line = TICK.format(w="oliver", d=24).replace("Review", f"Review {typed}")
    (tmp_path / "logs" / "week.md").write_text(line + "\n", encoding="utf-8")
    completions, rejected, _ = read(ws, tmp_path)
    assert completions == [] and [r.reason for r in rejected] == [reason]


def test_a_row_with_several_mistakes_names_them_all(ws: Workspace, tmp_path: Path) -> None:
    # Fixed in one go rather than one mistake per run.
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "2026-11.csv").write_text(
        HEADER
        + "2026-11-31,pipline_review,pryia,olivr,dnoe,9,x,,\n"
        + "2026-11-24,pipeline_review,priya,oliver,skipped,0,,,\n"
        + "2026-11-24,pipeline_review,Priya,OLIVER,done,,,,\n"
        + "2026-11-24,pipeline_review,pryia,,done,,,,\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read(ws, tmp_path)
    assert completions == []
    assert [(r.line, r.reason.split("; ")) for r in rejected] == [
        (
            2,
            [
                "date: '2026-11-31' is not a real date (November 2026 has 30 days)",
                "activity: 'pipline_review' is not an activity of the rhythm (did you mean "
                "'pipeline_review'?)",
                "owner: nobody in the roster has the id 'pryia' (did you mean 'priya'?)",
                "with: nobody in the roster has the id 'olivr' (did you mean 'oliver'?)",
                "status: 'dnoe' is not done or skipped",
                "useful: 9 is outside 1-5",
                "actions: 'x' is not a whole number (0 or more)",
            ],
        ),
        (
            3,
            [
                "useful: 0 is outside 1-5",
                "status skipped needs a reason: say why it did not happen",
            ],
        ),
        (
            4,
            [
                "owner: nobody in the roster has the id 'Priya' (did you mean 'priya'?)",
                "with: nobody in the roster has the id 'OLIVER' (did you mean 'oliver'?)",
            ],
        ),
        (
            5,
            [
                "owner: nobody in the roster has the id 'pryia' (did you mean 'priya'?)",
                "with: missing",
                "pipeline_review is held with each report, so name the report",
            ],
        ),
    ]


def test_a_mistyped_id_in_capitals_gets_the_id_closest_in_small_letters(tmp_path: Path) -> None:
    # `Pryia` was offered ryan (Acme's Ryan O'Connell), whose id is closer to it as typed,
    # capital P and all.
    loaded = load_workspace(str(ACME))
    assert loaded.workspace is not None
    ws = loaded.workspace
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "2026-11.csv").write_text(
        HEADER + "2026-11-24,Pipline_Review,Pryia,Olivr,done,,,,\n", encoding="utf-8"
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [r.reason.split("; ") for r in rejected] == [
        [
            "activity: 'Pipline_Review' is not an activity of the rhythm (did you mean "
            "'pipeline_review'?)",
            "owner: nobody in the roster has the id 'Pryia' (did you mean 'priya'?)",
            "with: nobody in the roster has the id 'Olivr' (did you mean 'oliver'?)",
        ]
    ]


def _as_exported(folder: Path) -> None:
    """The feeds in ``folder`` as a calendar app exports them: under its own PRODID."""
    for path in folder.glob("*.ics"):
        text = path.read_bytes().replace(
            b"PRODID:-//morctl//morctl//EN", b"PRODID:-//Google Inc//Google Calendar 70.9054//EN"
        )
        path.write_bytes(text)


def test_a_feed_morctl_wrote_is_the_plan_not_evidence(ws: Workspace, tmp_path: Path) -> None:
    # Copied from `morctl calendar` into logs/ as it is, a feed would credit every moved and
    # one-off meeting in it, held or not: it is reported and not read.
    from morctl.ical import write_all

    write_all(ws, tmp_path / "logs", date(2026, 11, 1), date(2026, 12, 31), "priya", True)
    completions, rejected, _ = read(ws, tmp_path)
    assert completions == []
    assert [(Path(r.file).name, r.line, r.reason.split(";")[0]) for r in rejected] == [
        ("priya.ics", 1, "not read: a feed that `morctl calendar` wrote is the plan, not a "
         "record of meetings held"),
    ]  # fmt: skip


def test_expanded_calendar_feeds_read_back_as_done(ws: Workspace, tmp_path: Path) -> None:
    """Each occurrence is in the owner's feed and in its attendees' feeds: the copies are
    duplicates, so every scheduled occurrence counts once."""
    from morctl.expand import expand
    from morctl.ical import write_all

    first, last = date(2026, 11, 1), date(2026, 12, 31)
    write_all(ws, tmp_path / "logs", first, last, None, True)
    _as_exported(tmp_path / "logs")
    completions, rejected, duplicates = read(ws, tmp_path)
    assert not rejected
    scheduled = [o for o in expand(ws, first, last) if o.status == "scheduled"]
    assert sorted((o.day, o.activity, o.owner, o.with_) for o in scheduled) == sorted(
        c.identity for c in completions
    )
    assert duplicates > 0


def test_series_masters_are_not_evidence(ws: Workspace, tmp_path: Path) -> None:
    """In rule form a feed is mostly series masters: plans, not completions. Only single
    events and overrides (moved occurrences) are read."""
    from morctl.expand import expand
    from morctl.ical import write_all

    first, last = date(2026, 11, 1), date(2026, 12, 31)
    write_all(ws, tmp_path / "logs", first, last, "priya", False)
    _as_exported(tmp_path / "logs")
    completions, rejected, _ = read(ws, tmp_path)
    assert not rejected
    text = (tmp_path / "logs" / "priya.ics").read_text()
    assert "RRULE:" in text
    scheduled = {(o.day, o.activity, o.owner, o.with_) for o in expand(ws, first, last, "priya")}
    assert {c.identity for c in completions} < scheduled


def test_checker_is_what_every_reader_uses(ws: Workspace) -> None:
    check = Checker(ws)
    row = ("2026-11-24", " pipeline_review ", "priya", "oliver", "", "4", " 2 ", "", "")
    c = check.check(row, "f", 1)
    assert isinstance(c, Completion)
    assert (c.activity, c.status, c.useful, c.actions, c.note) == (
        "pipeline_review",
        "done",
        4,
        2,
        None,
    )
    # check() does not take the identity: take() lets it through once.
    assert isinstance(check.check(row, "f", 2), Completion)
    assert isinstance(check.take(row, "f", 3), Completion)
    assert check.take(row, "f", 4) is None


def test_the_examples_in_docs_are_valid_logs(ws: Workspace, tmp_path: Path) -> None:
    """Every csv / jsonl / yaml / markdown example of docs/logs.md, saved under logs/, reads
    without a rejected record. They all describe the same two days, so most are duplicates."""
    import re

    doc = (Path(__file__).resolve().parent.parent / "docs" / "logs.md").read_text("utf-8")
    blocks = re.findall(r"^```(csv|jsonl|yaml|markdown)\n(.*?)^```$", doc, re.M | re.S)
    assert [lang for lang, _ in blocks] == ["csv", "jsonl", "yaml", "markdown"]
    (tmp_path / "logs").mkdir()
    for lang, body in blocks:
        ext = {"markdown": "md"}.get(lang, lang)
        (tmp_path / "logs" / f"example.{ext}").write_text(body, encoding="utf-8")
    completions, rejected, duplicates = read(ws, tmp_path)
    assert rejected == []
    assert (len(completions), duplicates) == (3, 5)


def test_a_csv_row_is_rejected_at_the_cell_at_fault(ws: Workspace, tmp_path: Path) -> None:
    # The column is the character where the first cell the reason names starts, counted in
    # characters (not bytes) and past quoted cells holding commas, quotes and line breaks;
    # a row with no one cell at fault (too short, a skip without a reason) is at column 1.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.csv").write_text(
        HEADER
        + "2026-11-24,pipeline_review,priya,oliver,done,7,2,,\n"
        + "2026-11-17,pipeline_review,priya,oliver,dun,3,x,,\n"
        + "2026-11-10,pipeline_review,priya,oliver,done,4\n"
        + "2026-11-03,pipeline_review,priya,oliver,skipped,,,,\n"
        + "2026-10-27,pipeline_review,priya,,done,,,,\n",
        encoding="utf-8",
    )
    (logs / "b.csv").write_text(
        "note,date,activity,owner,with,status,useful,actions,reason\n"
        '"café, ""naïve""",2026-11-24,pipeline_review,priya,oliver,done,9,,\n'
        '"Two\nlines, ""quoted""",2026-11-24,pipeline_review,priya,aisha,done,,-1,\n'
        "x,2026-11-17,pipeline_review,priya,aisha,done,4,1\n",
        encoding="utf-8",
    )
    (logs / "c.csv").write_text(
        "date,activity,owner,with,status,usefull,actions,note,reason\n", encoding="utf-8"
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.file, r.line, r.column, r.reason.split(":")[0]) for r in rejected] == [
        ("logs/a.csv", 2, 46, "useful"),
        ("logs/a.csv", 3, 41, "status"),  # status and actions: at the first named
        ("logs/a.csv", 4, 1, "row has 6 cells, the header has 9"),
        ("logs/a.csv", 5, 1, "status skipped needs a reason"),
        ("logs/a.csv", 6, 34, "with"),  # the empty cell where the report belongs
        ("logs/b.csv", 2, 64, "useful"),  # é and ï are one character each
        ("logs/b.csv", 4, 65, "actions"),  # on the second line of the row
        ("logs/b.csv", 5, 1, "row has 8 cells, the header has 9"),
        ("logs/c.csv", 1, 33, "header"),  # at the column not known, 'usefull'
    ]
    assert "actions: 'x'" in rejected[1].reason


def test_a_jsonl_record_is_rejected_at_the_value_at_fault(ws: Workspace, tmp_path: Path) -> None:
    # At the value of the first field the reason names (an unknown key at the key), in
    # characters, past escapes, nested values and white space; column 1 when the reason is
    # about no field written on the line.
    logs = tmp_path / "logs"
    logs.mkdir()
    lines = [
        '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
        '"with": "oliver", "useful": 9}',
        '{"note":"café, \\"x\\"","date":"2026-11-24","activity":"pipeline_review",'
        '"owner":"priya","with":"oliver","\\u0075seful":"x"}',
        '{ "date" : "2026-11-24" , "extra": {"a": [1, {"b": 2}]}, "activity": "nope", '
        '"owner": "priya" }',
        '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
        '"status": "skipped"}',
        '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
        '"with": "aisha", "useful": true}',
    ]
    (logs / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.line, r.column, r.reason.split(":")[0]) for r in rejected] == [
        (1, 101, "useful"),
        (2, 118, "useful"),  # the key written with an escape; é is one character
        (3, 27, "unknown key 'extra' is ignored (keys"),  # at the key
        (3, 70, "activity"),
        (4, 1, "with"),  # no with on the line to point at
        (5, 100, "useful"),
    ]


def test_every_field_of_the_wrong_type_is_named_at_once(ws: Workspace, tmp_path: Path) -> None:
    # One run names them all (it named the first only), at the value of the first.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.yaml").write_text(
        "- date: 2026-11-24\n"
        "  activity: [pipeline_review]\n"
        "  owner: priya\n"
        "  with: oliver\n"
        "  useful: true\n"
        "  actions: 4.5\n",
        encoding="utf-8",
    )
    (logs / "b.jsonl").write_text(
        '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
        '"with": ["oliver"], "useful": 4.0, "actions": false}\n',
        encoding="utf-8",
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.file, r.line, r.column, r.reason) for r in rejected] == [
        (
            "logs/a.yaml",
            2,
            13,
            "activity: expected text, got a list; useful: expected a whole number, got true; "
            "actions: expected a whole number, got '4.5'",
        ),
        (
            "logs/b.jsonl",
            1,
            81,
            "with: expected text, got a list; useful: expected a whole number, got '4.0'; "
            "actions: expected a whole number, got false",
        ),
    ]


def test_a_field_of_the_wrong_type_and_a_bad_value_are_named_at_once(
    ws: Workspace, tmp_path: Path
) -> None:
    # The wrong types were named first, alone; once they were fixed, the next run named the
    # bad values. As a CSV row, a record is fixed in one go: every problem, in field order,
    # at the value of the first. A field of the wrong type is not also said to be missing.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.yaml").write_text(
        "- date: 2026-13-01\n"
        "  activity: pipeline_review\n"
        "  owner: pryia\n"
        "  with: oliver\n"
        "  useful: [high]\n"
        "  actions: x\n",
        encoding="utf-8",
    )
    (logs / "b.jsonl").write_text(
        '{"date": ["2026-11-24"], "activity": "pipeline_review", "owner": "priya", '
        '"with": "oliver", "useful": 9, "actions": true}\n'
        '{"date": "2026-11-24", "activity": ["forecast_call"], "owner": "priya", '
        '"status": "skipped"}\n'
        '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
        '"with": {"id": "oliver"}, "status": "skipped", "reason": ["ill"]}\n',
        encoding="utf-8",
    )
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.file, r.line, r.column, r.reason) for r in rejected] == [
        (
            "logs/a.yaml",
            1,
            9,
            "date: '2026-13-01' is not a real date (there is no month 13); owner: nobody in "
            "the roster has the id 'pryia' (did you mean 'priya'?); useful: expected a whole "
            "number, got a list; actions: 'x' is not a whole number (0 or more)",
        ),
        (
            "logs/b.jsonl",
            1,
            10,
            "date: expected text, got a list; useful: 9 is outside 1-5; actions: expected a "
            "whole number, got true",
        ),
        (
            "logs/b.jsonl",
            2,
            36,
            "activity: expected text, got a list; status skipped needs a reason: say why it "
            "did not happen",
        ),
        (
            "logs/b.jsonl",
            3,
            81,
            "with: expected text, got a mapping; reason: expected text, got a list",
        ),
    ]


@pytest.mark.parametrize(
    ("line", "starts"),
    [
        ("a,b,,c", [(0, 0), (0, 2), (0, 4), (0, 5)]),
        ('"a,b","say ""hi""",c', [(0, 0), (0, 6), (0, 19)]),
        ('x"y,z', [(0, 0), (0, 4)]),  # a quote inside a cell that is not quoted is text
        ('a,"open, never closed', [(0, 0), (0, 2)]),
        ("", [(0, 0)]),
    ],
)
def test_cell_starts(line: str, starts: list[tuple[int, int]]) -> None:
    assert list(logcsv.cell_starts([line])) == starts


def test_cell_starts_follows_a_quoted_cell_over_lines() -> None:
    lines = iter(['a,"one\r\n', "two\n", 'three",b,c\n', "next,row\n"])
    assert list(logcsv.cell_starts(lines)) == [(0, 0), (0, 2), (2, 7), (2, 9)]
    assert next(lines) == "next,row\n"  # the next row is left unread


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_csv_fast_path_equals_checker_take(ws: Workspace, tmp_path: Path, seed: int) -> None:
    """The CSV reader inlines Checker.take for values it has seen; row by row through
    take() gives exactly the same completions, rejections and duplicates."""
    import csv
    import io

    rng = random.Random(seed)
    pick = rng.choice
    rows = [
        [
            pick(["2026-11-24", "2026-11-25", " 2026-11-24", "2026-11-31", ""]),
            pick(["pipeline_review", "forecast_call", "pipline_review"]),
            pick(["priya", "marcus", " priya", "nobody"]),
            pick(["", "oliver", "aisha", "jessica"]),
            pick(["", "done", "skipped", "Done", "maybe"]),
            pick(["", "1", "5", "6", "x"]),
            pick(["", "0", "3", "-1"]),
            pick(["", "a note", "=1+1"]),
            pick(["", "sick", "  "]),
        ]
        for _ in range(400)
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([HEADER.strip().split(","), *rows])
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "r.csv").write_text(buf.getvalue())
    got = read(ws, tmp_path)

    check = Checker(ws)
    expected: tuple[list[Completion], list[Rejected], int] = ([], [], 0)
    duplicates = 0
    for n, row in enumerate(rows, 2):
        res = check.take(row, "logs/r.csv", n)
        if res is None:
            duplicates += 1
        elif isinstance(res, Reason):
            if any(c.strip() for c in row):
                # At the cell of the field the reason names first (no cell needs quotes).
                field = str(res).split(":", 1)[0]
                cell = FIELDS.index(field) if field in FIELDS else 0
                column = len(",".join(row[:cell])) + 1 + (cell > 0)
                owner = row[2].strip() or None
                shown = check.for_report(res)  # `maybe`, `x`: not quoted in a report
                expected[1].append(Rejected("logs/r.csv", n, str(res), owner, column, shown))
        else:
            expected[0].append(res)
    prefer(expected[0], check.contenders)  # the duplicates that say more, both ways alike
    assert got == (expected[0], expected[1], duplicates)
    assert got[0] and got[1] and duplicates  # each kind of outcome is exercised


ROW = "2026-11-24,pipeline_review,priya,oliver,done,4,2,,\n"
JSON_ROW = (
    '{"date": "2026-11-23", "activity": "pipeline_review", "owner": "priya", "with": "aisha"}'
)
TICK = "- [x] Review <!-- morctl:pipeline_review/priya/{w}/2026-11-{d} due=2026-11-{d} -->"


_HELD = (
    "tick a meeting that was held as - [x]; log one called off as a skip (morctl log ... "
    "--status skipped --reason '...')"
)


def test_inputs_that_once_crashed_hung_or_slipped_through(ws: Workspace, tmp_path: Path) -> None:
    """Found by an audit of the readers: each is reported at its place, and the good records
    beside it are read."""
    logs = tmp_path / "logs"
    logs.mkdir()
    # Python 3.13 reads 5,000 levels; none of 3.11 to 3.13 reads 100,000.
    (logs / "deep.jsonl").write_text(JSON_ROW + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    (logs / "twice.jsonl").write_text(
        JSON_ROW.replace('"with"', '"date": "2026-11-20", "with"') + "\n"
    )
    (logs / "digits.csv").write_text(
        HEADER
        + "2026-11-24,pipeline_review,priya,aisha,done,3,1_0,,\n"
        + "2026-11-24,pipeline_review,priya,oliver,done,\u0663,,,\n"
    )
    (logs / "huge.yaml").write_text(
        "- {date: 2026-11-25, activity: pipeline_review, owner: priya, with: oliver, "
        f"useful: {'1' * 5000}}}\n"
    )
    (logs / "unicode.csv").write_bytes(("\ufeff" + HEADER + ROW).encode("utf-16-le"))
    (logs / "no-bom.jsonl").write_bytes((JSON_ROW + "\n").encode("utf-16-le"))
    (logs / "wide.md").write_bytes(("\ufeff" + TICK.format(w="oliver", d=23)).encode("utf-32"))
    os.mkfifo(logs / "pipe.csv")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "2026-11.csv").write_text(HEADER + ROW)
    (logs / "linked").symlink_to(shared)
    (logs / "again").symlink_to(shared)
    (logs / "drive").symlink_to("/mnt/sales-drive/logs")  # a shared folder not mounted
    (logs / "loop.csv").symlink_to(logs / "loop.csv")
    (logs / "ticks.md").write_text(
        TICK.format(w="oliver", d=24).replace("[x]", "[\u2717]")
        + "\n"
        + TICK.format(w="aisha", d=24).replace("[x]", "[ x]")
        + "\n"
        + TICK.format(w="oliver", d=24).replace("- [x]", "-[x]")
        + "\n"
    )
    (logs / "README.md").write_text("- [x] install morctl: done\n")
    (logs / "mac.md").write_text(
        TICK.format(w="aisha", d=17) + "\r" + TICK.format(w="oliver", d=17) + "\r"
    )
    (logs / "nul-header.csv").write_text("date,activity\x00,owner\n" + ROW + ROW)
    (logs / "quote-header.csv").write_text('"date,activity,owner\n' + ROW + ROW)
    long_row = ROW.replace("oliver", "aisha").replace(",,\n", "," + "n" * 200_000 + ",\n")
    (logs / "long-note.csv").write_text(HEADER + long_row)

    event = "BEGIN:VEVENT\r\nUID:forecast_call/priya/2026-11-30@logs-test.morctl\r\n"
    start = "DTSTART:20261130T160000Z\r\n"
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
    # an event without END:VEVENT, and (in another file) a folded line reading BEGIN:VEVENT
    (logs / "unclosed.ics").write_text(calendar + event + start + "END:VCALENDAR\r\n")
    folded = event + start + "DESCRIPTION:Agenda:\r\n BEGIN:VEVENT\r\nEND:VEVENT\r\n"
    (logs / "folded.ics").write_text(calendar + folded + "END:VCALENDAR\r\n")
    # an event whose BEGIN:VEVENT was damaged into another component: only END:VEVENT is
    # left of it (line 8); an unreadable DTSTART; a one-meeting UID on a repeating event
    closed = event + start + "END:VEVENT\r\n"
    damaged = closed.replace("BEGIN:VEVENT", "BEGIN:VCALENDAR")
    (logs / "unopened.ics").write_text(calendar + closed + damaged + "END:VCALENDAR\r\n")
    garbage = closed.replace("20261130T160000Z", "garbage")
    (logs / "garbage.ics").write_text(calendar + garbage + "END:VCALENDAR\r\n")
    repeats = closed.replace("END:VEVENT", "RRULE:FREQ=WEEKLY;COUNT=1\r\nEND:VEVENT")
    (logs / "repeats.ics").write_text(calendar + repeats + "END:VCALENDAR\r\n")
    # END:VEVENT folded over two lines (RFC 5545 allows a fold anywhere) is still one
    october = closed.replace("11-30", "10-30").replace("1130T", "1030T")
    folded_end = october.replace("END:VEVENT", "END:VEV\r\n ENT")
    (logs / "folded-end.ics").write_text(calendar + folded_end + "END:VCALENDAR\r\n")

    completions, rejected, duplicates = read_logs(ws, logs)
    places = {(os.path.relpath(r.file, logs), r.line): r.reason for r in rejected}
    assert places == {
        ("deep.jsonl", 2): "not JSON: nested too deeply",
        ("twice.jsonl", 1): "duplicate key 'date'; keep one",
        ("digits.csv", 2): "actions: '1_0' is not a whole number (0 or more)",
        ("digits.csv", 3): "useful: '\u0663' is not a whole number (1-5)",
        ("huge.yaml", 1): "useful: '" + "1" * 29 + "…" + "1" * 29 + "' is outside 1-5",
        ("unicode.csv", 1): "not read: the file is UTF-16 text; save it as UTF-8 (2 lines)",
        ("no-bom.jsonl", 1): "not read: the file is UTF-16 text; save it as UTF-8 (1 line)",
        ("wide.md", 1): "not read: the file is UTF-32 text; save it as UTF-8 (1 line)",
        ("pipe.csv", 1): "not read: not a regular file (a pipe or a device)",
        ("linked", 1): "not read: a link to a folder that is read already",
        ("drive", 1): "not read: a link to '/mnt/sales-drive/logs', which does not exist",
        ("loop.csv", 1): "not read: a link that leads round in a loop (back to itself)",
        ("ticks.md", 1): "the box [\u2717] is not read: " + _HELD,
        ("ticks.md", 2): "the box [ x] is not read: " + _HELD,
        # `-[x]`: the tick is right, the line is no list item as written
        ("ticks.md", 3): "the box [x] is not read: the line is no list item; write it as "
        "the checklist does, '- [x] ' (a dash, a space, the box, a space)",
        ("nul-header.csv", 1): "header: contains a NUL byte, which text never holds "
        "(is the file damaged?); 2 more lines not read",
        ("quote-header.csv", 1): "header: cannot read it: a quote opened here is never "
        "closed; 2 more lines not read",
        ("unclosed.ics", 4): "the calendar cannot be read: this event has no END:VEVENT",
        ("unopened.ics", 11): "the calendar cannot be read: 1 BEGIN:VEVENT lines, 2 "
        "END:VEVENT lines, 1 complete events; check the BEGIN: and END: lines",
        ("garbage.ics", 4): "the event cannot be read: DTSTART: 'garbage' is not a date or "
        "a date-time (20261124 or 20261124T090000)",
        ("repeats.ics", 4): "the event repeats (RRULE), but its UID names one meeting "
        "(forecast_call/priya/2026-11-30)",
    }
    read_from = sorted((os.path.relpath(c.file, logs), c.line, c.with_) for c in completions)
    assert read_from == [
        ("again/2026-11.csv", 2, "oliver"),  # the linked folder, read once ("again" < "linked")
        ("deep.jsonl", 1, "aisha"),
        ("folded-end.ics", 4, None),
        ("folded.ics", 4, None),
        ("long-note.csv", 2, "aisha"),  # a cell of 200,000 characters
        ("mac.md", 1, "aisha"),  # lone CR line ends: both ticks, on lines 1 and 2
        ("mac.md", 2, "oliver"),
    ]
    assert duplicates == 0


def test_of_two_records_of_one_meeting_the_one_that_says_more_counts(
    ws: Workspace, tmp_path: Path
) -> None:
    # A skip logged ahead, then the meeting held after all and ticked: the tick was a
    # duplicate of the skip, dropped without a word. A row without a rating beside a
    # ticked line with one: the rating was dropped. Whichever is read first, the record
    # that says the meeting was held, with its rating, counts.
    key = "pipeline_review/priya/{w}/2026-11-24"
    rows = (
        "2026-11-24,pipeline_review,priya,oliver,skipped,,,,customer cancelled\n"
        "2026-11-24,pipeline_review,priya,aisha,done,,,,\n"
    )
    ticks = (
        f"- [x] Review useful=4 <!-- morctl:{key.format(w='oliver')} due=2026-11-24 -->\n"
        f"- [x] Review useful=5 actions=1 <!-- morctl:{key.format(w='aisha')} "
        "due=2026-11-24 -->\n"
    )
    for order in ((rows, ""), ("", rows)):
        logs = tmp_path / str(len(order[0])) / "logs"
        (logs / "sub").mkdir(parents=True)
        (logs / "a.csv").write_text(HEADER + order[0])
        (logs / "sub" / "b.csv").write_text(HEADER + order[1])
        (logs / "week.md").write_text(ticks)
        completions, rejected, duplicates = read_logs(ws, logs)
        assert rejected == [] and duplicates == 2
        got = sorted(
            (c.with_, c.status, c.useful, c.actions, os.path.basename(c.file), c.line)
            for c in completions
        )
        assert got == [
            ("aisha", "done", 5, 1, "week.md", 2),
            ("oliver", "done", 4, None, "week.md", 1),
        ]
    # A done row and a skip of one meeting in two files: the done counts, either way.
    for first, second in ((0, 1), (1, 0)):
        logs = tmp_path / f"pair{first}" / "logs"
        logs.mkdir(parents=True)
        pair = [
            "2026-11-24,pipeline_review,priya,oliver,done,,,,\n",
            "2026-11-24,pipeline_review,priya,oliver,skipped,,,,sick\n",
        ]
        (logs / "a.csv").write_text(HEADER + pair[first])
        (logs / "b.csv").write_text(HEADER + pair[second])
        completions, _, duplicates = read_logs(ws, logs)
        assert [c.status for c in completions] == ["done"] and duplicates == 1
    # Two ratings of one meeting: the first read is kept (neither says more).
    logs = tmp_path / "rated" / "logs"
    logs.mkdir(parents=True)
    (logs / "a.csv").write_text(HEADER + ROW + ROW.replace(",4,2,", ",2,0,"))
    completions, _, _ = read_logs(ws, logs)
    assert [(c.useful, c.actions, c.line) for c in completions] == [(4, 2, 2)]


def test_a_yaml_log_over_10_mb_is_refused_unread(ws: Workspace, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    item = "- {date: 2026-11-24, activity: pipeline_review, owner: priya, with: oliver}\n"
    (logs / "big.yaml").write_text(item * 150_000)  # 11.4 million bytes: 10.9 MiB
    completions, rejected, _ = read_logs(ws, logs)
    assert completions == []
    assert [(r.line, r.reason) for r in rejected] == [
        (
            1,
            "file is 10.9 MB; morctl reads YAML files up to 10 MB; larger logs belong in CSV "
            "(150000 lines not read)",
        )
    ]


def test_a_yaml_log_number_is_checked_as_written(ws: Workspace, tmp_path: Path) -> None:
    # YAML reads 0x5 and 0o10 as 5 and 8; a CSV cell, JSONL text and `morctl log` refuse
    # them, like 1_0, and so does a YAML log. Digits with a sign or zeros in front still read.
    logs = tmp_path / "logs"
    logs.mkdir()
    head = "- {date: 2026-11-24, activity: pipeline_review, owner: priya, with: oliver, "
    (logs / "hex.yaml").write_text(
        head
        + "useful: 0x5}\n"
        + head.replace("24", "17")
        + "useful: 0o4}\n"
        + head.replace("24", "10")
        + "actions: 0o10}\n"
        + head.replace("24", "03")
        + "useful: +4, actions: 007}\n"
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert [(r.line, r.reason) for r in rejected] == [
        (1, "useful: '0x5' is not a whole number (1-5)"),
        (2, "useful: '0o4' is not a whole number (1-5)"),
        (3, "actions: '0o10' is not a whole number (0 or more)"),
    ]
    assert [(c.day.day, c.useful, c.actions) for c in completions] == [(3, 4, 7)]


def test_a_yaml_or_jsonl_log_quotes_a_number_as_written(ws: Workspace, tmp_path: Path) -> None:
    # YAML reads 1e2 as 100.0 and 4.50 as 4.5: the reason quotes the file, not the float.
    logs = tmp_path / "logs"
    logs.mkdir()
    head = "- {date: 2026-11-24, activity: pipeline_review, owner: priya, with: oliver, "
    values = ["actions: 1e2", "useful: 4.50", "useful: 1E0", "actions: .inf"]
    (logs / "floats.yaml").write_text("".join(f"{head}{v}}}\n" for v in values))
    _, rejected, _ = read_logs(ws, logs)
    assert [r.reason for r in rejected] == [
        "actions: expected a whole number, got '1e2'",
        "useful: expected a whole number, got '4.50'",
        "useful: expected a whole number, got '1E0'",
        "actions: expected a whole number, got '.inf'",
    ]
    # a JSONL record's likewise: JSON reads them as the same floats
    (logs / "floats.yaml").unlink()
    head = '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
    values = ['"actions": 1e2', '"useful": 4.50', '"useful": 5E0', '"note": 1.50']
    (logs / "floats.jsonl").write_text("".join(f'{head}"with": "oliver", {v}}}\n' for v in values))
    completions, rejected, _ = read_logs(ws, logs)
    assert [r.reason for r in rejected] == [
        "actions: expected a whole number, got '1e2'",
        "useful: expected a whole number, got '4.50'",
        "useful: expected a whole number, got '5E0'",
    ]
    assert [c.note for c in completions] == ["1.50"]  # a number in a text field, as written


def test_checklist_lines_as_editors_and_people_leave_them(ws: Workspace, tmp_path: Path) -> None:
    # Wrapped by a formatter (the comment, or half of it, on the next line), quoted in a PR
    # comment, the rating typed in capitals or with a colon: each tick is read. A tick that
    # lost its comment, and a comment left on no task line, are reported, never dropped.
    key = "pipeline_review/priya/{w}/2026-11-{d} due=2026-11-{d}"
    lines = [
        "# Week 48",
        "",
        "- [x] Tue 24 Nov 09:00 Weekly pipeline review — Oliver Hughes useful=4",
        "  <!-- morctl:" + key.format(w="oliver", d=24) + " -->",
        "- [x] Tue 24 Nov 09:30 Weekly pipeline review — Aisha Khan Useful=5 Actions=2 <!--",
        "  morctl:" + key.format(w="aisha", d=24) + " -->",
        "> - [x] Tue 17 Nov 09:00 Weekly pipeline review — Oliver Hughes actions: 3 <!-- morctl:"
        + key.format(w="oliver", d=17) + " -->",
        "- [x] Tue 17 Nov 09:30 Weekly pipeline review — Aisha Khan <!-- morctl:pipeline_review",
        "  /priya/aisha/2026-11-17 due=2026-11-17 -->",
        "- [x] Tue 10 Nov 09:30 Weekly pipeline review — Aisha Khan",
        "- [ ] Tue 10 Nov 09:00 Weekly pipeline review — Oliver Hughes",
        "",
        "<!-- morctl:" + key.format(w="oliver", d=10) + " -->",
        # wrapped before "#3": no heading (that needs a space after the #), the line goes on
        "- [x] Tue 3 Nov 09:30 Weekly pipeline review — Aisha Khan useful=3 deal",
        "#3 moved <!-- morctl:" + key.format(w="aisha", d="03") + " -->",
    ]  # fmt: skip
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "w.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    completions, rejected, _ = read_logs(ws, logs)
    got = sorted((c.line, c.with_, c.day.isoformat(), c.useful, c.actions) for c in completions)
    assert got == [
        (3, "oliver", "2026-11-24", 4, None),
        (5, "aisha", "2026-11-24", 5, 2),
        (7, "oliver", "2026-11-17", None, 3),
        (14, "aisha", "2026-11-03", 3, None),
    ]
    assert sorted((r.line, r.reason.split(":")[0]) for r in rejected) == [
        (8, "'pipeline_review' is not an occurrence key (ACTIVITY/OWNER[/WITH]/YYYY-MM-DD)"),
        (10, "a ticked line without its <!-- morctl"),
        (13, "a morctl comment on no task line"),
    ]


def test_ticked_lines_shown_as_code_are_examples_not_completions(
    ws: Workspace, tmp_path: Path
) -> None:
    # A README in logs/ that shows how to tick shows the line as code (GitHub draws no box
    # there): it credits no meeting. A fence never closed hides nothing after it.
    line = (
        "- [x] Tue 24 Nov 09:00 Weekly pipeline review — Oliver Hughes useful=4 "
        "<!-- morctl:pipeline_review/priya/oliver/2026-11-{d} due=2026-11-{d} -->"
    )
    readme = [
        "Tick the box, like this:",
        "```markdown",
        line.format(d=24),
        "```",
        "  ~~~~",
        "  " + line.format(d=17),
        "  ~~~",  # shorter than its opening: not the end
        "  " + line.format(d=10),
        "  ~~~~~",
        "```x``` is inline code, not a fence:",
        line.format(d="03"),
        "```",
    ]
    stray = ["```", line.format(d=17)]
    # A fence opened in a quotation ends with it: the tick after is read, and the fence
    # further down pairs with nothing.
    quoted = ["> ```", "> " + line.format(d=10), "", line.format(d=24), "```"]
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "README.md").write_text("\n".join(readme) + "\n", encoding="utf-8")
    (logs / "stray.md").write_text("\n".join(stray) + "\n", encoding="utf-8")
    (logs / "quoted.md").write_text("\n".join(quoted) + "\n", encoding="utf-8")
    (logs / "copied.md").write_text(
        "```\n- [x] Tue 24 Nov 09:00 Weekly pipeline review\n```\n", encoding="utf-8"
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert rejected == []
    assert sorted((Path(c.file).name, c.line, c.day.day) for c in completions) == [
        ("README.md", 11, 3),
        ("quoted.md", 4, 24),
        ("stray.md", 2, 17),
    ]


def test_a_step_ticked_under_its_meeting_is_a_note(ws: Workspace, tmp_path: Path) -> None:
    # A manager ticks the steps under a meeting: those are notes, not meetings that lost
    # their comment. A ticked line of its own (a meeting typed by hand, its day written
    # any way), or one that reads as a checklist's meeting wherever it is, is reported.
    key = "<!-- morctl:pipeline_review/priya/oliver/2026-11-24 due=2026-11-24 -->"
    lines = [
        f"- [x] Tue 24 Nov 09:00 Weekly pipeline review — Oliver Hughes {key}",
        "  - [x] Walk commit and best case",
        "  - [X] Agree one dated next step per stalled deal",
        "- [x] 24 Nov 09:30 Weekly pipeline review — Aisha Khan useful=4",
        "  - [x] Tue 24 Nov 09:30 Weekly pipeline review — George Hall",
    ]
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "w.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    completions, rejected, _ = read_logs(ws, logs)
    assert [(c.line, c.with_) for c in completions] == [(1, "oliver")]
    assert [(r.line, r.reason) for r in rejected] == [
        (4, logs_module._NO_COMMENT),
        (5, logs_module._NO_COMMENT),
    ]


def test_a_checklist_of_another_rhythm_is_not_read(tmp_path: Path) -> None:
    # Two teams started from one template share activity and person ids: a checklist
    # saved into the other team's logs/ would credit its manager. It names its rhythm,
    # and is refused whole there, as a calendar export of another rhythm is; in its own
    # workspace it reads as ever.
    import shutil

    from morctl.checklist import render_md
    from morctl.expand import expand

    first, last = date(2026, 11, 23), date(2026, 11, 29)
    own = load_workspace(str(ACME)).workspace
    assert own is not None
    occs = sorted(expand(own, first, last, "priya", owners_only=True), key=lambda o: o.owner)
    ticked = render_md(own, occs, first, last).replace("- [ ] ", "- [x] ")
    assert ticked.splitlines()[1] == "<!-- morctl-rhythm: acme -->"
    other = tmp_path / "other"
    shutil.copytree(ACME, other, ignore=shutil.ignore_patterns("logs"))
    rhythm = other / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text(encoding="utf-8").replace("id: acme", "id: acme-b"))
    for root in (other, tmp_path / "own"):
        if root.name == "own":
            shutil.copytree(ACME, root, ignore=shutil.ignore_patterns("logs"))
        (root / "logs").mkdir()
        (root / "logs" / "priya.md").write_text(ticked, encoding="utf-8")
    theirs = load_workspace(str(other)).workspace
    assert theirs is not None
    completions, rejected, _ = read_logs(theirs, other / "logs")
    assert completions == []
    assert [(r.line, r.reason) for r in rejected] == [
        (
            2,
            "a checklist of the rhythm 'acme', not of this one ('acme-b'): its ticks are not "
            "read; keep it in the logs/ of that rhythm's workspace",
        )
    ]
    completions, rejected, _ = read_logs(own, tmp_path / "own" / "logs")
    assert rejected == [] and len(completions) == len([o for o in occs if o.owner == "priya"])


def test_a_rating_given_twice_on_a_line_is_refused(ws: Workspace, tmp_path: Path) -> None:
    # The first of two ratings would be dropped without a word (a manager who rated, then
    # appended another): the line is refused, as a key given twice in JSONL is. The same
    # value twice, in any spelling, is one rating.
    key = "<!-- morctl:pipeline_review/priya/{w}/2026-11-24 due=2026-11-24 -->"
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "w.md").write_text(
        f"- [x] Tue 24 Nov 09:00 Review useful=4 actions=1 useful=2 {key.format(w='oliver')}\n"
        f"- [x] Tue 24 Nov 09:30 Review Useful=3 useful: 3 actions=0 {key.format(w='aisha')}\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert [(c.with_, c.useful, c.actions) for c in completions] == [("aisha", 3, 0)]
    assert [(r.line, r.reason) for r in rejected] == [
        (1, "useful is given twice on the line (4 and 2): keep the one meant")
    ]


def test_a_line_with_two_comments_or_two_due_days_is_refused(ws: Workspace, tmp_path: Path) -> None:
    # Two meetings' comments on one ticked line (two lines joined in an editor) credited
    # the first and lost the second without a word; of two due= days, the first decided
    # whether the meeting was held on time. Which was meant cannot be told: the line is
    # refused, as a rating given twice is. The same comment, or the same day, twice is one.
    def comment(key: str, *due: str) -> str:
        return f"<!-- morctl:{key} {' '.join(f'due={d}' for d in due)} -->"

    review = "pipeline_review/{}/2026-11-24"
    oliver, aisha = review.format("priya/oliver"), review.format("priya/aisha")
    jessica = review.format("marcus/jessica")
    day = "2026-11-24"
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "w.md").write_text(
        f"- [x] Tue 24 Nov Review {comment(oliver, day)} {comment(aisha, day)}\n"
        f"- [x] Tue 24 Nov Review {comment(oliver, day)} {comment(jessica, day)}\n"
        f"- [x] Tue 24 Nov Review {comment(aisha, day)} {comment(aisha, day)}\n"
        f"- [x] Tue 24 Nov Review {comment(jessica, '2026-11-25', day)}\n"
        f"- [x] Tue 24 Nov Review {comment(oliver, day, day)}\n"
        f"- [x] Fri 27 Nov Forecast {comment('forecast_call/priya/2026-11-27', 'soon', day)}\n"
        f"- [x] Tue 24 Nov Review {comment(jessica, day)} <!-- morctl:{oliver} due={day}\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert [(c.line, c.with_, c.day) for c in completions] == [
        (3, "aisha", date(2026, 11, 24)),
        (5, "oliver", date(2026, 11, 24)),
    ]
    two = (
        "the line has 2 morctl comments: which meeting was ticked cannot be told; tick each "
        "meeting on a line of its own, with its comment, as morctl checklist writes them"
    )
    assert [(r.line, r.reason, r.owner, r.in_report) for r in rejected] == [
        (1, two, "priya", None),
        (2, two, None, None),  # whose it is cannot be told either
        (
            4,
            "due is given twice in the morctl comment (2026-11-25 and 2026-11-24): keep the "
            "one meant",
            "marcus",
            None,
        ),
        (
            6,
            "due is given twice in the morctl comment (soon and 2026-11-24): keep the one meant",
            "priya",
            "due is given twice in the morctl comment, in text (not shown here; see validate "
            "--logs): keep one",
        ),
        (7, two, None, None),  # the second left open
    ]


def test_a_rating_in_a_title_or_a_name_is_not_the_managers(tmp_path: Path) -> None:
    # The title and the rep's name are morctl's words on the line: "actions=blockers" in a
    # title neither rejects the tick nor rates it, and a name holding "useful=5" gives no 5.
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(LOGS / "ws", root)
    rhythm = root / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(
        text.replace(
            "title: Weekly pipeline review", "title: Pipeline review (actions=next steps)"
        ),
        encoding="utf-8",
    )
    org = root / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("Oliver Hughes", "Oliver useful=5"))
    loaded = load_workspace(str(root))
    assert loaded.workspace is not None, loaded.diagnostics
    logs = root / "logs"
    logs.mkdir()
    (logs / "w.md").write_text(
        "- [x] Tue 24 Nov 09:00 Pipeline review (actions=next steps) — Oliver useful=5 "
        "<!-- morctl:pipeline_review/priya/oliver/2026-11-24 due=2026-11-24 -->\n"
        "- [x] Tue 24 Nov 09:30 Pipeline review (actions=next steps) — Aisha Khan useful=3 "
        "<!-- morctl:pipeline_review/priya/aisha/2026-11-24 due=2026-11-24 -->\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read_logs(loaded.workspace, logs)
    assert rejected == []
    assert sorted((c.with_, c.useful, c.actions) for c in completions) == [
        ("aisha", 3, None),
        ("oliver", None, None),
    ]


def test_a_file_name_and_a_long_key_are_shown_safely(tmp_path: Path) -> None:
    # A file name holding an escape sequence would drive the terminal; a key of 10,000
    # characters (a note typed as a key) would be quoted whole in every report.
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(LOGS / "ws", root)
    logs = root / "logs"
    logs.mkdir()
    (logs / "bad\x1b]0;owned\x07.csv").write_text(HEADER + "2026-11-24,nope,priya,,done,,,,\n")
    (logs / "keys.jsonl").write_text(json.dumps({**json.loads(JSON_ROW), "n" * 10_000: 1}) + "\n")
    env = {**os.environ, "MORCTL_TODAY": "2026-11-30"}
    r = morctl("report", str(root), "--week", "2026-W48", "--format", "json", env=env)
    assert r.code == 0, r.err
    rejected = json.loads(r.out)["rejected"]
    assert [(Path(x["file"]).name, len(x["reason"]) < 200) for x in rejected] == [
        ("bad\ufffd]0;owned\ufffd.csv", True),
        ("keys.jsonl", True),
    ]
    table = morctl("report", str(root), "--week", "2026-W48", env=env)
    assert "\x1b" not in table.out + table.err and "\x07" not in table.out + table.err


def test_a_checklist_or_export_over_20_mb_is_refused_unread(ws: Workspace, tmp_path: Path) -> None:
    # Read whole, a calendar costs its parser about thirty times its size: a runaway export
    # is a message, not the machine's memory.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "huge.ics").write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * (21 << 20))
    (logs / "huge.md").write_bytes((TICK.format(w="oliver", d=24) + "\n").encode() * 300_000)
    completions, rejected, _ = read_logs(ws, logs)
    assert completions == []
    assert sorted((Path(r.file).name, r.line, r.reason.split(";")[0]) for r in rejected) == [
        ("huge.ics", 1, "not read: the file is 21.0 MB, over 20 MB"),
        ("huge.md", 1, "not read: the file is 24.0 MB, over 20 MB"),
    ]


def test_an_id_in_other_capitals_is_the_one_meant_before_a_name() -> None:
    # `OLIVER`: the person whose id is oliver, not `ollie`, listed first and named Oliver.
    from types import SimpleNamespace

    from morctl.logcheck import _hint

    people = {"ollie": SimpleNamespace(name="Oliver"), "oliver": SimpleNamespace(name="Ol")}
    assert _hint("OLIVER", people) == " (did you mean 'oliver'?)"
    assert _hint("oliver", {"ollie": SimpleNamespace(name="Oliver")}) == (
        " (did you mean 'ollie'?)"
    )


def test_a_note_typed_one_column_off_is_described_not_quoted(tmp_path: Path) -> None:
    # A row that forgot the empty `with` cell (or `actions`) puts its note in `actions`: a
    # reason is printed in every report, and must not carry the note.
    root = acme_with_log(
        tmp_path,
        "w47.csv",
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-16,team_huddle,priya,done,4,1,Oliver is on a PIP,,\n"
        "2026-11-19,team_huddle,priya,,done,4,Told Sara she is being let go,,\n"
        "Aisha asked for a raise,team_huddle,priya,,done,4,1,,\n"
        "2026-11-17,pipeline_review,priya,oliver,was late again,4,1,,\n",
    )
    args = ("report", str(root), "--week", "2026-W47", "--as-of", "2026-11-23")
    doc = json.loads(morctl(*args, "--format", "json").out)
    assert [r["reason"] for r in doc["rejected"]] == [
        "with: 'done' given, but team_huddle is held with 'team', not with each report; leave "
        "with empty; status: '4' is not done or skipped; actions: text of 5 words is not a "
        "whole number (0 or more)",
        "actions: text of 7 words is not a whole number (0 or more)",
        "date: text of 5 words is not a date; write it as YYYY-MM-DD",
        "status: text of 3 words is not done or skipped",
    ]
    for fmt in ("table", "md", "html", "csv"):
        out = morctl(*args, "--format", fmt).out
        for secret in ("PIP", "let go", "raise", "late again"):
            assert secret not in out, (fmt, secret)
    # A value, a date written otherwise and a name are still quoted: they are what to fix.
    check = Checker(load_workspace(str(ACME)).workspace)
    cells = ["3 Mar 2026", "team_huddle", "Priya Raman", "", "Done!", "four", "", "", ""]
    assert str(check.check(cells, "f.csv", 2)) == (
        "date: '3 Mar 2026' is not a date; write it as YYYY-MM-DD (did you mean 2026-03-03?); "
        "owner: nobody in the roster has the id 'Priya Raman' (did you mean 'priya'?); "
        "status: 'Done!' is not done or skipped; useful: 'four' is not a whole number (1-5)"
    )


def test_a_cell_over_10_mb_is_said_in_the_users_words(ws: Workspace, tmp_path: Path) -> None:
    """csv's "field larger than field limit (10485760): check the quotes" sent the user
    looking for a quoting error in a note that was only long; the next row is read."""
    logs = tmp_path / "logs"
    logs.mkdir()
    big = "word " * 2_200_000  # 11 MB, properly quoted
    (logs / "2026-11.csv").write_text(
        f'{HEADER}2026-11-02,pipeline_review,priya,oliver,done,4,1,"{big}",\n'
        "2026-11-03,pipeline_review,priya,aisha,done,4,1,ok,\n",
        encoding="utf-8",
    )
    done, rejected, _ = read(ws, tmp_path)
    assert [(r.line, r.reason) for r in rejected] == [
        (2, "cannot read the row: a cell is over 10 MB: shorten the note, or close a quote "
         "left open"),
    ]  # fmt: skip
    assert [c.with_ for c in done] == ["aisha"]


def test_a_rating_typed_without_its_equals_sign_is_refused_not_lost(
    ws: Workspace, tmp_path: Path
) -> None:
    """`useful 4 actions 2` on a ticked line counted the meeting done and dropped the
    rating without a word: the manager believed it rated. The line is refused, saying how
    to write it; `useful: 4`, `(useful=4, actions=1)` are read as before."""
    key = "<!-- morctl:pipeline_review/priya/{w}/2026-11-24 due=2026-11-24 -->"
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "w.md").write_text(
        f"- [x] Tue 24 Nov 09:00 Review useful 4 actions 2 {key.format(w='oliver')}\n"
        f"- [x] Tue 24 Nov 09:30 Review (useful=4, Actions - 1) {key.format(w='aisha')}\n"
        f"- [x] Tue 24 Nov 10:00 Review (useful: 3, actions=0) {key.format(w='oliver')}\n"
        f"- [x] Tue 24 Nov 10:30 Review, useful talk {key.format(w='aisha')}\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert [(c.with_, c.useful, c.actions) for c in completions] == [
        ("oliver", 3, 0),
        ("aisha", None, None),
    ]
    assert [(r.line, r.reason) for r in rejected] == [
        (1, "'useful 4' is not read as a rating: write useful=4"),
        (2, "'Actions 1' is not read as a rating: write actions=1"),
    ]


def test_a_rejected_record_names_its_owner_wherever_it_can_be_read(
    ws: Workspace, tmp_path: Path
) -> None:
    # A report on one person lists the problems of their own rows: a rejection carries the
    # owner the record names, also when what is wrong is its form (a duplicate key, a short
    # row, a rating written without `=`), not one of its values. Only a record that names
    # no owner that can be read (two owners, broken before its owner) is everyone's.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "r.csv").write_text(
        HEADER + "2026-11-24,pipeline_review,marcus,jessica,done\n"  # 2: short
        "2026-11-24,pipeline_review,marcus,jessica,done,4,1,\x00,\n"  # 3: a NUL byte
        '2026-11-25,pipeline_review,"marcus",jessica,done,4,1,"never closed\n',  # 4
        encoding="utf-8",
    )
    (logs / "r.jsonl").write_text(
        '{"date": "2026-11-24", "owner": "marcus", "with": "a", "with": "b"}\n'
        '{"date": "2026-11-24", "owner": "marcus", "note": "broken\n'
        '{"date": "2026-11-24", "note": "broken, "owner": "marcus"}\n'
        '{"date": "2026-11-24", "owner": "marcus", "owner": "priya"}\n'
        '["marcus"]\n',
        encoding="utf-8",
    )
    (logs / "r.yaml").write_text(
        "- {date: 2026-11-24, owner: marcus, with: a, with: b}\n"
        "- {date: 2026-11-24, owner: marcus, owner: priya}\n"
        "- marcus\n",
        encoding="utf-8",
    )
    key = "pipeline_review/marcus/jessica/2026-11-24"
    (logs / "week.md").write_text(
        "## Marcus Bell (marcus)\n\n"
        f"- [x] Tue 24 Nov review useful 4 <!-- morctl:{key} due=2026-11-24 -->\n"
        "- [x] Tue 24 Nov review, its comment lost\n"
        f"- [✗] Tue 24 Nov review <!-- morctl:{key} due=2026-11-24 -->\n"
        f"- [x] Tue 24 Nov review <!-- morctl:{key}\n\n"
        "## Notes\n\n"
        "- [x] Tue 24 Nov review, its comment lost\n",
        encoding="utf-8",
    )
    (logs / "r.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{key}@logs-test.morctl\r\n"
        "DTSTART:20261124T090000Z\r\nDTSTART:20261125T090000Z\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    (logs / "notes.txt").write_text("not a log\n", encoding="utf-8")
    _, rejected, _ = read(ws, tmp_path)
    assert [(Path(r.file).name, r.line, r.owner) for r in rejected] == [
        ("notes.txt", 1, None),  # a file: everyone's
        ("r.csv", 2, "marcus"),
        ("r.csv", 3, "marcus"),
        ("r.csv", 4, "marcus"),
        ("r.jsonl", 1, "marcus"),
        ("r.jsonl", 2, "marcus"),
        ("r.jsonl", 3, None),  # broken before its owner
        ("r.jsonl", 4, None),  # two owners: which is meant cannot be told
        ("r.jsonl", 5, None),
        ("r.yaml", 1, "marcus"),
        ("r.yaml", 2, None),
        ("r.yaml", 3, None),
        ("week.md", 3, "marcus"),
        ("week.md", 4, "marcus"),  # under Marcus's heading
        ("week.md", 5, "marcus"),
        ("week.md", 6, "marcus"),
        ("week.md", 10, None),  # under a heading that names no one
        ("r.ics", 4, "marcus"),
    ]


@pytest.mark.parametrize(
    ("field", "value", "quoted"),
    [
        # A number or rating: digits and a number's notation, not words.
        ("actions", "Pregnancy", False),
        ("useful", "high", False),
        ("useful", "4.5", True),
        ("useful", "0x5", True),
        ("useful", "1e2", True),
        ("actions", "1_0", True),
        # A date: the words of a date, not others.
        ("date", "11/16/2026", True),
        ("date", "3 Mar 2026", True),
        ("date", "Tuesday", True),
        ("date", "yesterday", False),
        ("date", "Burnout", False),
        # A status: the words people write for one.
        ("status", "cancelled", True),
        ("status", "Bereavement", False),
        # An id: no space, no longer than an id, unless the roster or the rhythm has it.
        ("owner", "pryia", True),
        ("owner", "Oliver Hughes", True),
        ("owner", "Her mother died", False),
        ("owner", "x" * 70, False),
        ("activity", "Weekly pipeline review", True),
        ("activity", "team meeting notes", False),
        ("with", "Sick leave", False),
    ],
)
def test_a_report_quotes_a_bad_value_only_when_it_reads_as_one(
    ws: Workspace, tmp_path: Path, field: str, value: str, quoted: bool
) -> None:
    # A note typed into the wrong column is quoted by the reason that rejects it, and a
    # report prints reasons: there it is described, unless it reads as an attempt at the
    # field's value. validate --logs, which the admin runs on their own files, quotes it.
    from morctl.completion import NOT_SHOWN

    cells = dict(zip(FIELDS, ROW.strip().split(","), strict=True))
    cells[field] = value
    (tmp_path / "logs").mkdir()
    row = ",".join(f'"{c}"' for c in cells.values())
    (tmp_path / "logs" / "r.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    _, rejected, _ = read(ws, tmp_path)
    assert len(rejected) == 1
    r = rejected[0]
    assert r.reason.startswith(f"{field}: ") and "'" in r.reason
    if quoted:
        assert r.in_report is None
    else:
        assert r.in_report is not None and NOT_SHOWN in r.in_report
        assert value[:20] not in r.in_report and r.in_report.startswith(f"{field}: ")


def test_the_empty_columns_a_spreadsheet_saves_are_not_a_problem(
    ws: Workspace, tmp_path: Path
) -> None:
    # Excel saves the empty columns right of the table as `reason,,`: two columns with no
    # name, each an "unknown column ''" error until now, as org.csv is not. A row typed in
    # an editor without them has every named cell, and is read too.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "2026-11.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason,, \r\n"
        "2026-11-02,pipeline_review,priya,oliver,done,4,1,,,,\r\n"
        "2026-11-03,pipeline_review,priya,aisha,done,3,,,, ,\r\n"
        "2026-11-09,pipeline_review,priya,oliver,done,5,,,\r\n"
        ",,,,,,,,,,\r\n",
        encoding="utf-8",
    )
    done, rejected, _ = read(ws, tmp_path)
    assert rejected == []
    assert [(c.line, c.with_, c.useful) for c in done] == [
        (2, "oliver", 4), (3, "aisha", 3), (4, "oliver", 5)
    ]  # fmt: skip


def test_a_value_under_a_column_with_no_name_is_reported_once_for_the_file(
    tmp_path: Path,
) -> None:
    # Not dropped silently, nor one error a row: once, at the first, with how many. The row
    # is read all the same; the value, a remark most likely, is not shown.
    root = acme_with_log(
        tmp_path,
        "2026-11.csv",
        "date,activity,owner,with,status,useful,actions,note,reason,,\n"
        "2026-11-16,team_huddle,priya,,done,4,1,,,,\n"
        "2026-11-17,pipeline_review,priya,oliver,done,4,1,,,,Oliver is on a PIP\n"
        "2026-11-18,pipeline_review,priya,aisha,done,3,,,,late,\n",
    )
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    assert r.out == (
        f"{root}/logs/2026-11.csv:3:53: error MOR801 a value under a column with no name is "
        "ignored (on 2 rows, this the first): name the column, or delete the values\n"
        "   3 | 2026-11-17,pipeline_review,priya,oliver,done,4,1,,,,…\n"
        "     |                                                     ^\n"
        "     = hint: name the column after the field it holds (date,activity,owner,with,"
        "status,useful,actions,note,reason), or move a remark on the meeting to note\n"
        "\n1 error, 0 warnings\n"
    )
    args = ("report", str(root), "--week", "2026-W47", "--as-of", "2026-11-23")
    doc = json.loads(morctl(*args, "--format", "json").out)
    assert [(r["line"], r["reason"]) for r in doc["rejected"]] == [
        (3, "a value under a column with no name is ignored (on 2 rows, this the first): "
         "name the column, or delete the values"),
    ]  # fmt: skip
    assert "PIP" not in json.dumps(doc)
    loaded = load_workspace(str(root))
    assert loaded.workspace is not None
    done, _, _ = read_logs(loaded.workspace, root / "logs")
    assert [c.line for c in done] == [2, 3, 4]


def test_an_ics_export_in_another_encoding_loses_only_the_events_it_spoils(
    ws: Workspace, tmp_path: Path
) -> None:
    # Saved as Windows-1252: one byte in a meeting's title left the whole calendar unread.
    logs = tmp_path / "logs"
    logs.mkdir()
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
    event = (
        "BEGIN:VEVENT\r\nUID:forecast_call/priya/2026-{d}@logs-test.morctl\r\n"
        "DTSTART:2026{t}T160000Z\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n"
    )
    text = (
        calendar
        + event.format(d="11-30", t="1130", title="Prévision du mois")  # lines 4-8
        + "BEGIN:VEVENT\r\nUID:dentist@example.com\r\nSUMMARY:Café\r\n"
        "DTSTART:20261130T100000Z\r\nEND:VEVENT\r\n"  # another calendar's: ignored
        + event.format(d="10-30", t="1030", title="Forecast")  # lines 14-18
        + "END:VCALENDAR\r\n"
    )
    (logs / "cal.ics").write_bytes(text.encode("cp1252"))
    completions, rejected, _ = read_logs(ws, logs)
    assert [(r.line, r.reason, r.owner) for r in rejected] == [
        (
            4,
            "line 7 of the event has bytes that are not UTF-8 text; export the calendar "
            "again as UTF-8",
            "priya",
        )
    ]
    assert [(c.line, c.day) for c in completions] == [(14, date(2026, 10, 30))]


def test_an_ics_time_in_another_zone_is_read_on_the_owners_day(
    ws: Workspace, tmp_path: Path
) -> None:
    # Priya (London) held the 30 November forecast call at 16:00; an Outlook in Kiritimati
    # (UTC+14) exports it as 06:00 on 1 December. It was read as held on 1 December.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "cal.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:forecast_call/priya/2026-11-30@logs-test.morctl\r\n"
        "DTSTART;TZID=Pacific/Kiritimati:20261201T060000\r\nEND:VEVENT\r\n"
        # an override of the 31 December call, its RECURRENCE-ID written the same way
        "BEGIN:VEVENT\r\nUID:forecast_call/priya@logs-test.morctl\r\n"
        "RECURRENCE-ID;TZID=Pacific/Kiritimati:20270101T060000\r\n"
        "DTSTART;TZID=Pacific/Kiritimati:20270101T050000\r\nEND:VEVENT\r\n"
        # a time no zone database knows is taken as written
        "BEGIN:VEVENT\r\nUID:forecast_call/priya/2026-10-30@logs-test.morctl\r\n"
        "DTSTART;TZID=Nowhere/Special:20261030T230000\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert rejected == []
    assert sorted((c.day, c.scheduled) for c in completions) == [
        (date(2026, 10, 30), date(2026, 10, 30)),
        (date(2026, 11, 30), date(2026, 11, 30)),
        (date(2026, 12, 31), date(2026, 12, 31)),
    ]


def test_a_tzid_the_calendar_library_guesses_is_read_without_its_warning(tmp_path: Path) -> None:
    # Thunderbird writes its zones as `/mozilla.org/20050126_1/America/New_York`: icalendar
    # read the event, and printed its own warning (with a path into site-packages).
    folder = tmp_path / "ws"
    shutil.copytree(LOGS / "ws", folder)
    (folder / "logs").mkdir(exist_ok=True)
    (folder / "logs" / "tb.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar//EN"
        "\r\nBEGIN:VEVENT\r\nUID:forecast_call/priya/2026-11-30@logs-test.morctl\r\n"
        "DTSTART;TZID=/mozilla.org/20050126_1/Europe/London:20261130T160000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    r = morctl(
        "report", str(folder), "--from", "2026-11-30", "--to", "2026-11-30",
        "--as-of", "2026-12-01", "--person", "priya", "--format", "json",
        env={**os.environ, "MORCTL_TODAY": "2026-12-01", "PYTHONWARNINGS": "default"},
    )  # fmt: skip
    assert r.code == 0 and r.err == "", r.err
    doc = json.loads(r.out)
    assert doc["rejected"] == [] and doc["people"][0]["done"] == 1


@pytest.mark.parametrize(
    ("field", "said"), [("useful", "is outside 1-5"), ("actions", "is too large")]
)
def test_a_whole_number_too_long_to_read_is_out_of_range_not_no_number(
    ws: Workspace, field: str, said: str
) -> None:
    # `useful: 99999999999999999999999` was "not a whole number (1-5)": it is one.
    cells = {"useful": "", "actions": "", field: "9" * 23}
    row = ("2026-11-30", "forecast_call", "priya", "", "done", cells["useful"],
           cells["actions"], "", "")  # fmt: skip
    checked = Checker(ws).check(row, "", 0)
    assert isinstance(checked, Reason)
    assert said in str(checked) and "not a whole" not in str(checked), str(checked)


# A file with nothing in it, of each kind the readers read: 0 bytes (a sync that cut an
# export short), blank lines, a byte-order mark alone, a calendar without events.
_EMPTY = {
    "2026-12.csv": b"",
    "bom.csv": b"\xef\xbb\xbf\r\n",
    "blank.jsonl": b"  \n\n\t\n",
    "none.yaml": b"",
    "w48.md": b"\n\n",
    "cut.ics": b"",
    "noevents.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n",
}
# Files that say there is nothing yet, which a careful user writes on purpose: a month
# just started (the header alone), an empty list, a YAML file of comments.
_NOTHING_YET = {
    "2027-01.csv": HEADER.encode(),
    "list.yaml": b"[]\n",
    "todo.yaml": b"# log the meetings of the QBR week here\n",
}


def test_an_empty_log_file_is_named_not_read_as_nothing(ws: Workspace, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    for name, data in {**_EMPTY, **_NOTHING_YET}.items():
        (logs / name).write_bytes(data)
    out = logs_module.read(ws, logs)
    assert out.completions == [] and out.rejected == []  # not a rejected row
    said = "is empty: nothing read from it; an export cut short?"
    assert [(Path(file).name, why) for file, why in out.empty] == [
        ("2026-12.csv", said),
        ("blank.jsonl", said),
        ("bom.csv", said),
        ("none.yaml", said),
        ("w48.md", said),
        ("cut.ics", said),
        ("noevents.ics", "holds no events: nothing read from it; an export cut short?"),
    ]


def test_an_empty_log_file_is_a_warning_in_every_report_format_and_in_validate(
    tmp_path: Path,
) -> None:
    root = tmp_path / "acme"
    shutil.copytree(ACME, root)
    (root / "logs" / "2026-12.csv").write_bytes(b"")
    (root / "logs" / "2027-01.csv").write_text(HEADER, encoding="utf-8")  # a month just begun
    empty = f"{root}/logs/2026-12.csv"
    said = "is empty: nothing read from it; an export cut short?"
    args = ("report", str(root), "--month", "2026-11", "--as-of", "2026-11-30")
    env = {**os.environ, "MORCTL_TODAY": "2026-12-01"}
    r = morctl(*args, env=env)
    assert r.code == 0, r.err
    assert r.err == f"morctl: warning: {empty} {said}\n"
    assert r.out.endswith(
        "Log problems (rows rejected, files or columns not read): 0\n"
        "Log files nothing was read from: 1\n"
        f"  {empty}: {said}\n"
        "Definitions of every figure: docs/adherence.md in morctl's documentation\n"
    )
    doc = json.loads(morctl(*args, "--format", "json", env=env).out)
    assert doc["rejected"] == []
    assert doc["empty_files"] == [{"file": empty, "reason": said}]
    md = morctl(*args, "--format", "md", env=env).out
    assert md.endswith(
        f"- Log files nothing was read from: 1\n  - {_md(empty)}: {said}\n\n"
        "Definitions of every figure: docs/adherence.md in morctl's documentation\n"
    )
    page = morctl(*args, "--format", "html", env=env).out
    assert f"<li>{empty}: {said}</li>" in page
    # A report on one person lists it too: a file that holds nothing is everyone's.
    scoped = json.loads(morctl(*args, "--person", "priya", "--format", "json", env=env).out)
    assert scoped["empty_files"] == [{"file": empty, "reason": said}]
    v = morctl("validate", str(root), "--logs")
    assert v.code == 0, v.out
    assert v.out == (
        f"{empty}: warning MOR802 {said}\n"
        "     = hint: export or copy the file again; delete it if it was never a log\n"
        "\n0 errors, 1 warning\n"
    )
    assert morctl("validate", str(root), "--logs", "--strict").code == 1


def _md(text: str) -> str:
    from morctl.mdtext import inert

    return inert(text)


def test_a_csv_separated_by_semicolons_or_tabs_is_read(ws: Workspace, tmp_path: Path) -> None:
    # A German or French Excel saves "CSV" (and "CSV UTF-8") with its list separator, `;`:
    # the file was refused whole, with the hint to save it as CSV UTF-8, which gives `;`
    # again. Told by the header, whose column names stand between semicolons (or tabs).
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.csv").write_text(
        "\ufeffdate;activity;owner;with;status;useful;actions;note;reason\r\n"
        '2026-11-24;pipeline_review;priya;oliver;done;4;2;"Two deals; both ""stalled"", late";\r\n'
        "2026-11-17;pipeline_review;priya;oliver;done;7;;a, b;\r\n"
        ";;;;;;;;\r\n",
        encoding="utf-8",
    )
    (logs / "b.csv").write_text(
        "date\tactivity\towner\twith\tuseful\n2026-11-24\tpipeline_review\tpriya\taisha\t3\n",
        encoding="utf-8",
    )
    done, rejected, _ = read(ws, tmp_path)
    assert [(c.file, c.line, c.with_, c.useful, c.actions, c.note) for c in done] == [
        ("logs/a.csv", 2, "oliver", 4, 2, 'Two deals; both "stalled", late'),
        ("logs/b.csv", 2, "aisha", 3, None, None),
    ]
    # At the cell at fault, counted past the semicolons.
    assert [(r.file, r.line, r.column, r.reason) for r in rejected] == [
        ("logs/a.csv", 3, 46, "useful: 7 is outside 1-5"),
    ]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_a_first_line_sep_declares_the_separator(ws: Workspace, tmp_path: Path, sep: str) -> None:
    # Some exporters write Excel's `sep=;` as the first line, so that Excel splits the
    # columns in any locale. It declares the separator; the header is the line after it.
    # The file was read as having no header: every row lost. Lines stay the file's own.
    logs = tmp_path / "logs"
    logs.mkdir()
    rows = [
        ["date", "activity", "owner", "with", "status", "useful", "actions", "note", "reason"],
        ["2026-11-24", "pipeline_review", "priya", "oliver", "done", "4", "2", "", ""],
        ["2026-11-17", "pipeline_review", "priya", "oliver", "done", "7", "", "", ""],
    ]
    text = f"sep={sep}\r\n" + "".join(sep.join(row) + "\r\n" for row in rows)
    (logs / "a.csv").write_text(text, encoding="utf-8")
    done, rejected, _ = read(ws, tmp_path)
    assert [(c.line, c.with_, c.useful, c.actions) for c in done] == [(3, "oliver", 4, 2)]
    assert [(r.line, r.column, r.reason) for r in rejected] == [
        (4, 46, "useful: 7 is outside 1-5"),
    ]


def test_validate_shows_a_row_of_a_file_that_declares_its_separator(tmp_path: Path) -> None:
    root = acme_with_log(
        tmp_path,
        "2026-11.csv",
        "sep=;\n"
        "date;activity;owner;with;status;useful;actions;note;reason\n"
        "2026-11-17;pipeline_review;priya;oliver;done;7;1;Oliver is on a PIP;\n",
    )
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    assert r.out.startswith(
        f"{root}/logs/2026-11.csv:3:46: error MOR801 useful: 7 is outside 1-5\n"
        "   3 | 2026-11-17;pipeline_review;priya;oliver;done;7;1;…;\n"
        "     |                                              ^\n"
    )
    assert "PIP" not in r.out


def test_validate_shows_a_semicolon_row_without_its_note(tmp_path: Path) -> None:
    root = acme_with_log(
        tmp_path,
        "2026-11.csv",
        "date;activity;owner;with;status;useful;actions;note;reason\n"
        "2026-11-17;pipeline_review;priya;oliver;done;7;1;Oliver is on a PIP;\n",
    )
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    assert r.out.startswith(
        f"{root}/logs/2026-11.csv:2:46: error MOR801 useful: 7 is outside 1-5\n"
        "   2 | 2026-11-17;pipeline_review;priya;oliver;done;7;1;…;\n"
        "     |                                              ^\n"
    )
    assert "PIP" not in r.out


def test_advice_on_a_semicolon_file_names_its_own_separator(tmp_path: Path) -> None:
    # The header, a short row and a long one were told of commas in a file of semicolons;
    # a row of one cell "has 1 cells".
    root = acme_with_log(
        tmp_path,
        "2026-11.csv",
        "date;activity;owner;with;status;useful;actions;note;reason\n"
        "2026-11-17\n"
        "2026-11-24;pipeline_review;priya;oliver;done;4;1;a;b;\n",
    )
    (root / "logs" / "2026-12.csv").write_text("date;activity;with\n", encoding="utf-8")
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    quote = 'put a cell that holds a semicolon in double quotes ("a; b")'
    assert [ln for ln in r.out.splitlines() if "MOR801" in ln or "hint" in ln] == [
        f"{root}/logs/2026-11.csv:2:1: error MOR801 row has 1 cell, the header has 9",
        f"     = hint: give every row one cell per column of the header, empty ones included; "
        f"{quote}",
        f"{root}/logs/2026-11.csv:3:1: error MOR801 row has 10 cells, the header has 9",
        f"     = hint: give every row one cell per column of the header, empty ones included; "
        f"{quote}",
        f"{root}/logs/2026-12.csv:1:1: error MOR801 header: no 'owner' column; the first row "
        "must name the columns, separated by semicolons "
        "(date;activity;owner;with;status;useful;actions;note;reason); 0 more lines not read",
        "     = hint: make the first row name the columns in these words (date, activity and "
        "owner at least), in any order; the rows below stay as they are",
    ]


def test_dates_as_a_european_spreadsheet_rewrites_them(ws: Workspace, tmp_path: Path) -> None:
    # A German Excel shows and saves 2026-11-03 as 03.11.2026. Day first with dots is the
    # only way any locale writes a date with dots: read as the day it is. Slashes stay
    # ambiguous. A time (Excel's midnight) and a date serial get the date to write.
    logs = tmp_path / "logs"
    logs.mkdir()
    rows = [
        "03.11.2026,pipeline_review,priya,oliver,done,4,,,",
        "1.12.2026,pipeline_review,priya,oliver,done,4,,,",
        "31.11.2026,pipeline_review,priya,oliver,done,4,,,",
        "11.31.2026,pipeline_review,priya,oliver,done,4,,,",
        "03/11/2026,pipeline_review,priya,oliver,done,4,,,",
        "10.11.2026 00:00,pipeline_review,priya,oliver,done,4,,,",
        "2026-11-10 00:00:00,pipeline_review,priya,oliver,done,4,,,",
        "46336,pipeline_review,priya,oliver,done,4,,,",
    ]
    (logs / "a.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    done, rejected, _ = read(ws, tmp_path)
    assert [(c.line, c.day) for c in done] == [(2, date(2026, 11, 3)), (3, date(2026, 12, 1))]
    assert [(r.line, r.reason) for r in rejected] == [
        (4, "date: '31.11.2026' is not a real date (November 2026 has 30 days)"),
        (5, "date: '11.31.2026' is not a real date (there is no month 31)"),
        (6, "date: '03/11/2026' is not a date; write it as YYYY-MM-DD "
            "(did you mean 2026-11-03 or 2026-03-11?)"),
        (7, "date: '10.11.2026 00:00' has a time; write the date alone: 2026-11-10"),
        (8, "date: '2026-11-10 00:00:00' has a time; write the date alone: 2026-11-10"),
        (9, "date: '46336' is not a date; write it as YYYY-MM-DD (46336 is a spreadsheet's "
            "number for 2026-11-10: format the column as a date, in Excel Format Cells > "
            "Date, then save again)"),
    ]  # fmt: skip


def test_a_whole_number_with_a_zero_fraction_is_read(ws: Workspace, tmp_path: Path) -> None:
    # A spreadsheet's number column formatted with a decimal place saves 4 as 4,0 (or 4.0):
    # the whole number it is. A fraction that is not zero is no rating.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.csv").write_text(
        "date;activity;owner;with;useful;actions\n"
        "2026-11-03;pipeline_review;priya;oliver;4,0;2,00\n"
        "2026-11-10;pipeline_review;priya;oliver;4.0;0.0\n"
        "2026-11-17;pipeline_review;priya;oliver;4,5;1\n"
        "2026-11-24;pipeline_review;priya;oliver;6,0;1.\n",
        encoding="utf-8",
    )
    done, rejected, _ = read(ws, tmp_path)
    assert [(c.line, c.useful, c.actions) for c in done] == [(2, 4, 2), (3, 4, 0)]
    assert [(r.line, r.reason) for r in rejected] == [
        (4, "useful: '4,5' is not a whole number (1-5)"),
        (5, "useful: 6 is outside 1-5; actions: '1.' is not a whole number (0 or more)"),
    ]


def test_a_reason_on_a_meeting_done_is_rejected_in_every_format(
    ws: Workspace, tmp_path: Path
) -> None:
    # A reason says why a meeting did not happen. A row called off, with `skipped` left
    # out of its status, counted as held without a word; `morctl log` refuses --reason
    # for a done meeting, so the readers do too, the status written `done` or left empty.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.csv").write_text(
        HEADER + "2026-11-10,pipeline_review,priya,oliver,,,,,Kunde hat abgesagt\n"
        "2026-11-17,pipeline_review,priya,oliver,done,4,,,ill\n"
        "2026-11-24,pipeline_review,priya,oliver,skipped,,,,ill\n"
        "2026-11-03,pipeline_review,priya,oliver,done,4,,, \n",
        encoding="utf-8",
    )
    (logs / "b.jsonl").write_text(
        '{"date": "2026-11-10", "activity": "pipeline_review", "owner": "priya", '
        '"with": "aisha", "reason": "off"}\n'
        '{"date": "2026-11-17", "activity": "pipeline_review", "owner": "priya", '
        '"with": "aisha", "useful": true, "status": "Done", "reason": "off"}\n',
        encoding="utf-8",
    )
    (logs / "c.yaml").write_text(
        "- {date: 2026-11-24, activity: pipeline_review, owner: priya, with: aisha, reason: x}\n",
        encoding="utf-8",
    )
    done, rejected, _ = read(ws, tmp_path)
    assert [(c.file, c.line, c.status) for c in done] == [
        ("logs/a.csv", 4, "skipped"), ("logs/a.csv", 5, "done")
    ]  # fmt: skip
    empty = (
        "reason: given, but the status is empty, which is done; write skipped in status if "
        "the meeting did not happen, or empty the reason"
    )
    said = (
        "reason: given, but the status is done; write skipped in status if the meeting did "
        "not happen, or empty the reason"
    )
    assert [(r.file, r.line, r.column, r.reason) for r in rejected] == [
        ("logs/a.csv", 2, 45, empty),
        ("logs/a.csv", 3, 50, said),
        ("logs/b.jsonl", 1, 100, empty),  # at the reason
        ("logs/b.jsonl", 2, 100, f"useful: expected a whole number, got true; {said}"),
        ("logs/c.yaml", 1, 84, empty),
    ]


def test_validate_says_how_to_mend_a_reason_on_a_meeting_done(tmp_path: Path) -> None:
    root = acme_with_log(
        tmp_path,
        "2026-11.csv",
        HEADER + "2026-11-17,pipeline_review,priya,oliver,,,,,Kunde hat abgesagt\n",
    )
    r = morctl("validate", str(root), "--logs")
    assert r.code == 1
    assert "abgesagt" not in r.out
    assert (
        "     = hint: write skipped in status if the meeting did not happen, or empty the "
        "reason (a remark on a meeting held goes in note)\n"
    ) in r.out


def test_a_status_written_as_a_spreadsheets_yes_is_quoted_in_a_report(
    ws: Workspace, tmp_path: Path
) -> None:
    # A German Excel's TRUE is WAHR, a tick typed as ja: words for a status, quoted as
    # TRUE and yes are, so that the report shows what to change (it said "text").
    logs = tmp_path / "logs"
    logs.mkdir()
    words = ["TRUE", "ja", "WAHR", "FALSE", "yes", "x", "erledigt", "oui"]
    rows = [f"2026-11-{d:02d},pipeline_review,priya,oliver,{w},,,," for d, w in enumerate(words, 2)]
    (logs / "a.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.reason, r.in_report) for r in rejected] == [
        (f"status: '{w}' is not done or skipped", None) for w in words
    ]


def test_german_french_and_spanish_headings_are_named_for_their_columns(
    ws: Workspace, tmp_path: Path
) -> None:
    # A sheet made in a German Excel: `Bewertung` had no did-you-mean (nothing is spelt
    # close to it), so the ratings under it were lost without a hint.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.csv").write_text(
        "date,activity,owner,with,Bewertung,Notiz,Grund,Maßnahmen\n", encoding="utf-8"
    )
    (logs / "b.csv").write_text("Fecha,Actividad,Responsable,with\n", encoding="utf-8")
    _, rejected, _ = read(ws, tmp_path)
    assert [r.reason for r in rejected] == [
        "header: unknown column 'Bewertung' is ignored (did you mean 'useful'?)",
        "header: unknown column 'Notiz' is ignored (did you mean 'note'?)",
        "header: unknown column 'Grund' is ignored (did you mean 'reason'?)",
        "header: unknown column 'Maßnahmen' is ignored (did you mean 'actions'?)",
        "header: no 'date', 'activity', 'owner' column (is it 'Fecha' for 'date', 'Actividad' "
        "for 'activity', 'Responsable' for 'owner'?); the first row must name the columns, "
        "comma-separated (date,activity,owner,with,status,useful,actions,note,reason); "
        "0 more lines not read",
    ]


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_header_of_headings_only_is_told_which_column_each_means(
    ws: Workspace, tmp_path: Path, sep: str
) -> None:
    # A German sheet names no column in morctl's words: it was "is it a completion?", with
    # no word of what each heading is. Separated by semicolons, its headings tell so.
    logs = tmp_path / "logs"
    logs.mkdir()
    header = sep.join(["Datum", "Meeting", "Manager", "Bewertung"])
    row = sep.join(["24.11.2026", "team_huddle", "alice", "4"])
    (logs / "a.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    _, rejected, _ = read(ws, tmp_path)
    assert [(r.line, r.reason.split("; ")[0], r.reason.split("; ")[-1]) for r in rejected] == [
        (
            1,
            "header: the first row names none of the columns (is it 'Datum' for 'date', "
            "'Meeting' for 'activity', 'Manager' for 'owner', 'Bewertung' for 'useful'?)",
            "1 more line not read",
        )
    ]


def _calendar(*events: str) -> str:
    """An export as Outlook or Google writes it (their PRODID, not morctl's)."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def _vevent(uid: str, start: str, *lines: str) -> str:
    """One event, its DTSTART in London time unless ``start`` says otherwise."""
    when = start if ":" in start else f";TZID=Europe/London:{start}"
    body = "".join(f"{ln}\r\n" for ln in lines)
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART{when}\r\n{body}END:VEVENT\r\n"


def _with_emails(tmp_path: Path) -> Workspace:
    """The logs workspace, with an e-mail for Priya as a roster exported from HR gives it."""
    folder = tmp_path / "ws"
    shutil.copytree(LOGS / "ws", folder)
    org = folder / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace(
            "name: Priya Raman,", "name: Priya Raman, email: Priya.Raman@Example.com,"
        ),
        encoding="utf-8",
    )
    loaded = load_workspace(str(folder))
    assert loaded.workspace is not None and not loaded.diagnostics
    assert loaded.workspace.by_id["priya"].email == "Priya.Raman@Example.com"
    return loaded.workspace


def test_an_ics_meeting_its_owner_declined_is_not_done_and_is_counted_once_per_file(
    tmp_path: Path,
) -> None:
    # Priya declined the 8 December review with Oliver in Outlook: the export keeps the
    # event, with her ATTENDEE line PARTSTAT=DECLINED. It counted as held.
    ws = _with_emails(tmp_path)
    me = "mailto:priya.raman@example.com"
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "cal.ics").write_text(
        _calendar(
            _vevent(
                "pipeline_review/priya/oliver@logs-test.morctl",
                "20261208T090000",
                "RECURRENCE-ID;TZID=Europe/London:20261208T090000",
                "ORGANIZER;CN=Oliver Hughes:mailto:oliver@example.com",
                f"ATTENDEE;CN=Priya Raman;PARTSTAT=DECLINED;ROLE=REQ-PARTICIPANT:{me}",
            ),
            # tentative is not declined: the meeting stayed in her calendar
            _vevent(
                "pipeline_review/priya/aisha/2026-12-08@logs-test.morctl",
                "20261208T093000",
                "ATTENDEE;PARTSTAT=TENTATIVE:MAILTO:PRIYA.RAMAN@EXAMPLE.COM",
            ),
            # another attendee's decline is not the owner's
            _vevent(
                "pipeline_review/priya/oliver/2026-12-01@logs-test.morctl",
                "20261201T090000",
                "ATTENDEE;PARTSTAT=DECLINED:mailto:oliver@example.com",
                f"ATTENDEE;PARTSTAT=ACCEPTED:{me}",
            ),
            _vevent(
                "forecast_call/priya/2026-11-30@logs-test.morctl",
                "20261130T160000",
                f"ATTENDEE;PARTSTAT=DECLINED:{me}",
            ),
            _vevent(
                "pipeline_review/priya/aisha/2026-12-01@logs-test.morctl",
                "20261201T093000",
                "STATUS:CANCELLED",
            ),
        ),
        encoding="utf-8",
    )
    out = logs_module.read(ws, logs)
    assert out.rejected == [] and out.empty == []
    assert sorted((c.day, c.with_) for c in out.completions) == [
        (date(2026, 12, 1), "oliver"),
        (date(2026, 12, 8), "aisha"),
    ]
    file = str(logs / "cal.ics")
    assert out.uncounted == [
        (file, 1, "1 cancelled meeting (STATUS:CANCELLED) is not counted"),
        (file, 2, "2 meetings their owner declined (PARTSTAT=DECLINED) are not counted"),
    ]


_EXPORTED = "DTSTAMP:20261201T090000Z"


def test_an_ics_meeting_after_the_export_was_made_is_not_done(
    ws: Workspace, tmp_path: Path
) -> None:
    # Outlook and Google write the moment of the export as every event's DTSTAMP: a
    # meeting after it was still to come, and counted as held once its day had passed.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "outlook.ics").write_text(
        _calendar(
            _vevent(
                "forecast_call/priya/2026-11-30@logs-test.morctl", "20261130T160000", _EXPORTED
            ),
            # 08:30 London is before 09:00 UTC; 09:30 is after it
            _vevent(
                "pipeline_review/priya/oliver/2026-12-01@logs-test.morctl",
                "20261201T083000",
                _EXPORTED,
            ),
            _vevent(
                "pipeline_review/priya/aisha/2026-12-01@logs-test.morctl",
                "20261201T093000",
                _EXPORTED,
            ),
            # an all-day event starts at the owner's midnight; a floating time is hers
            _vevent(
                "pipeline_review/priya/oliver/2026-12-08@logs-test.morctl",
                ";VALUE=DATE:20261208",
                _EXPORTED,
            ),
            _vevent(
                "pipeline_review/priya/aisha/2026-12-08@logs-test.morctl",
                ":20261208T093000",
                _EXPORTED,
            ),
            # another calendar's event stamped otherwise does not matter
            _vevent("dentist-42@example.com", "20261215T100000", "DTSTAMP:20261110T080000Z"),
        ),
        encoding="utf-8",
    )
    # Stamps that differ are no export's moment (an app that stamps each event's last
    # change); morctl's own fixed stamp is not one either.
    (logs / "mixed.ics").write_text(
        _calendar(
            _vevent(
                "forecast_call/marcus/2026-11-30@logs-test.morctl",
                "20261130T160000",
                "DTSTAMP:20261101T090000Z",
            ),
            _vevent(
                "forecast_call/marcus/2026-12-31@logs-test.morctl", "20261231T160000", _EXPORTED
            ),
        ),
        encoding="utf-8",
    )
    (logs / "fixed.ics").write_text(
        _calendar(
            _vevent(
                "forecast_call/dana/2026-12-31@logs-test.morctl",
                "20261231T160000",
                "DTSTAMP:20000101T000000Z",
            ),
        ),
        encoding="utf-8",
    )
    out = logs_module.read(ws, logs)
    assert out.rejected == [] and out.empty == []
    assert sorted((c.day, c.owner, c.with_) for c in out.completions) == [
        (date(2026, 11, 30), "marcus", None),
        (date(2026, 11, 30), "priya", None),
        (date(2026, 12, 1), "priya", "oliver"),
        (date(2026, 12, 31), "dana", None),
        (date(2026, 12, 31), "marcus", None),
    ]
    assert out.uncounted == [
        (
            str(logs / "outlook.ics"),
            3,
            "3 meetings after this export was made (2026-12-01 09:00 UTC) are not counted: "
            "they had not happened yet; export again after them",
        )
    ]


def test_an_export_whose_stamps_differ_by_seconds_is_made_at_the_latest(
    ws: Workspace, tmp_path: Path
) -> None:
    # Writing thousands of events takes a few seconds: stamps that far apart are one
    # export, made by the latest of them; the rule was off for one second's difference.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "export.ics").write_text(
        _calendar(
            _vevent(
                "pipeline_review/priya/oliver/2026-12-01@logs-test.morctl",
                "20261201T083000",
                "DTSTAMP:20261201T085959Z",
            ),
            _vevent(
                "pipeline_review/priya/aisha/2026-12-01@logs-test.morctl",
                "20261201T093000",
                "DTSTAMP:20261201T090002Z",
            ),
        ),
        encoding="utf-8",
    )
    out = logs_module.read(ws, logs)
    assert [(c.day, c.with_) for c in out.completions] == [(date(2026, 12, 1), "oliver")]
    assert [why for _, _, why in out.uncounted] == [
        "1 meeting after this export was made (2026-12-01 09:00 UTC) is not counted: it had "
        "not happened yet; export again after it"
    ]


def test_an_ics_export_with_no_morctl_meeting_read_says_so(ws: Workspace, tmp_path: Path) -> None:
    # The new Outlook gives imported events UIDs of its own; an export of an untouched
    # subscription holds the series alone. Both read as nothing, without a word.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "newoutlook.ics").write_text(
        _calendar(
            _vevent("040000008200E00074C5B7101A82E00800000000A1B2@example.com", "20261208T090000"),
            _vevent("040000008200E00074C5B7101A82E00800000000A1B3@example.com", "20261208T093000"),
        ),
        encoding="utf-8",
    )
    (logs / "series.ics").write_text(
        _calendar(
            _vevent(
                "pipeline_review/priya/oliver@logs-test.morctl",
                "20261103T090000",
                "RRULE:FREQ=WEEKLY;BYDAY=TU",
            ),
            _vevent(
                "team_huddle/priya@logs-test.morctl",
                "20261102T083000",
                "RRULE:FREQ=WEEKLY;BYDAY=MO",
            ),
            _vevent("dentist-42@example.com", "20261215T100000"),
            _vevent(
                "team_huddle/priya@logs-test.morctl",
                "20261109T083000",
                "RECURRENCE-ID;TZID=Europe/London:20261109T083000",
                "STATUS:CANCELLED",
            ),
        ),
        encoding="utf-8",
    )
    out = logs_module.read(ws, logs)
    assert out.completions == [] and out.rejected == []
    assert out.uncounted == [
        (str(logs / "series.ics"), 1, "1 cancelled meeting (STATUS:CANCELLED) is not counted")
    ]
    assert [(Path(f).name, why) for f, why in out.empty] == [
        (
            "newoutlook.ics",
            "holds no morctl meeting: 2 events with other UIDs; export "
            "the calendar that holds morctl's feed, whose UIDs end in @logs-test.morctl (an "
            "app that gave the events UIDs of its own has lost which meeting each is: log "
            "them instead)",
        ),
        (
            "series.ics",
            "holds no meeting to read: its 2 recurring series of morctl's are passed over (a "
            "series says the meetings were planned, not which were held); export a calendar "
            "that holds the `morctl calendar --expanded` feed (one event a meeting), or log "
            "the meetings",
        ),
    ]


def test_an_ics_override_of_a_series_google_split_names_its_meeting(
    ws: Workspace, tmp_path: Path
) -> None:
    # Google, editing "this and following events", gives the new series the old UID with
    # `_R<start>`: the override was rejected for a report named `oliver_R20261208T090000`.
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "google.ics").write_text(
        _calendar(
            _vevent(
                "pipeline_review/priya/oliver_R20261208T090000@logs-test.morctl",
                "20261208T090000",
                "RRULE:FREQ=WEEKLY;BYDAY=TU",
            ),
            _vevent(
                "pipeline_review/priya/oliver_R20261208T090000@logs-test.morctl",
                "20261209T090000",
                "RECURRENCE-ID;TZID=Europe/London:20261215T090000",
            ),
            _vevent(
                "forecast_call/priya_R20261130T160000@logs-test.morctl",
                "20261231T150000",
                "RECURRENCE-ID;TZID=Europe/London:20261231T160000",
            ),
        ),
        encoding="utf-8",
    )
    completions, rejected, _ = read_logs(ws, logs)
    assert rejected == []
    assert sorted((c.activity, c.with_, c.day, c.scheduled) for c in completions) == [
        ("forecast_call", None, date(2026, 12, 31), date(2026, 12, 31)),
        ("pipeline_review", "oliver", date(2026, 12, 9), date(2026, 12, 15)),
    ]


def test_calendar_events_not_counted_are_said_in_the_report_and_a_silent_export_warned(
    tmp_path: Path,
) -> None:
    root = tmp_path / "acme"
    shutil.copytree(ACME, root)
    stamp = "DTSTAMP:20261125T120000Z"
    (root / "logs" / "priya.ics").write_text(
        _calendar(
            _vevent(
                "pipeline_review/priya/oliver/2026-11-24@acme.morctl",
                "20261124T090000",
                stamp,
                "ATTENDEE;PARTSTAT=DECLINED:mailto:priya.raman@acme.example",
            ),
            _vevent("forecast_call/priya/2026-11-30@acme.morctl", "20261130T160000", stamp),
        ),
        encoding="utf-8",
    )
    (root / "logs" / "other.ics").write_text(
        _calendar(_vevent("abc123@example.com", "20261124T090000")), encoding="utf-8"
    )
    args = ("report", str(root), "--month", "2026-11", "--as-of", "2026-11-30")
    env = {**os.environ, "MORCTL_TODAY": "2026-12-01"}
    r = morctl(*args, env=env)
    assert r.code == 0, r.err
    mine = f"{root}/logs/priya.ics"
    assert r.out.endswith(
        "Calendar events not counted: 2\n"
        f"  {mine}: 1 meeting after this export was made (2026-11-25 12:00 UTC) is not "
        "counted: it had not happened yet; export again after it\n"
        f"  {mine}: 1 meeting its owner declined (PARTSTAT=DECLINED) is not counted\n"
        "Definitions of every figure: docs/adherence.md in morctl's documentation\n"
    )
    doc = json.loads(morctl(*args, "--format", "json", env=env).out)
    assert [(Path(e["file"]).name, e["events"]) for e in doc["events_not_counted"]] == [
        ("priya.ics", 1),
        ("priya.ics", 1),
    ]
    said = "holds no morctl meeting: 1 event with other UIDs"
    assert f"morctl: warning: {root}/logs/other.ics {said}" in r.err
    v = morctl("validate", str(root), "--logs")
    assert f"{root}/logs/other.ics: warning MOR802 {said}" in v.out
    assert "priya.ics" not in v.out  # a declined meeting is no problem of the logs


def test_a_link_that_cannot_be_read_in_a_linked_folder_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # logs/shared -> /proc: /proc/1/cwd is a link even root may not read; readlink raised,
    # and every report stopped with "cannot use ...: Permission denied".
    ws = acme_with_log(tmp_path, "2026-11.csv", HEADER + ROW)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "cwd").symlink_to(tmp_path / "elsewhere")
    (ws / "logs" / "shared").symlink_to(shared)
    readlink = os.readlink

    def denied(path: str | os.PathLike[str]) -> str:
        if os.fspath(path).endswith("cwd"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return readlink(path)

    monkeypatch.setattr(os, "readlink", denied)
    completions, rejected, _ = read_logs(load_workspace(str(ws)).workspace, ws / "logs")
    assert len(completions) == 1
    assert [(r.file, r.line, r.reason) for r in rejected] == [
        (str(ws / "logs" / "shared" / "cwd"), 1, "not read: a link that cannot be followed "
         "(Permission denied)")
    ]  # fmt: skip


def test_many_files_that_are_not_logs_in_a_linked_folder_are_counted_not_listed(
    tmp_path: Path,
) -> None:
    # logs/shared -> /etc listed 1,075 of the machine's paths in every report; a few
    # files that are not logs in a shared folder are still named each.
    ws = acme_with_log(tmp_path, "2026-11.csv", HEADER + ROW)
    etc, shared = tmp_path / "etc", tmp_path / "shared"
    (etc / "ssl").mkdir(parents=True)
    shared.mkdir()
    for i in range(6):
        (etc / f"conf{i}").write_text("x\n")
        (etc / "ssl" / f"key{i}.pem").write_text("x\n")
    (etc / "ssl" / "2026-11.csv").write_text(HEADER + ROW.replace("oliver", "aisha"))
    (shared / "notes.txt").write_text("x\n")
    (ws / "logs" / "etc").symlink_to(etc)
    (ws / "logs" / "shared").symlink_to(shared)
    completions, rejected, _ = read_logs(load_workspace(str(ws)).workspace, ws / "logs")
    assert len(completions) == 2  # a log there is still read
    kinds = "morctl reads logs of type .csv, .ics, .jsonl, .md, .yaml, .yml"
    assert [(os.path.relpath(r.file, ws), r.line, r.reason) for r in rejected] == [
        ("logs/etc", 1, f"not read: 12 files in this linked folder are not logs ({kinds}); "
         "is the link meant to lead here?"),
        ("logs/shared/notes.txt", 1, f"not read: {kinds}"),
    ]  # fmt: skip


def test_one_owners_read_passes_over_the_csv_rows_of_others(ws: Workspace, tmp_path: Path) -> None:
    # `morctl log` looks at one owner's meetings only: a CSV row whose owner is someone
    # else's id is not read at all (a large org's year took a minute, the lock held), but
    # a row whose owner cell is no one's id may still be theirs, and is read and checked.
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "2026-11.csv").write_text(
        HEADER
        + "2026-11-24,pipeline_review,priya,oliver,done,4,1,,\n"
        + "2026-11-24,pipeline_review,marcus,jessica,done,4,1,,\n"  # marcus's: passed over
        + "2026-11-17,pipeline_review,marcus,jessica,done,9,1,,\n"  # not even checked
        + "2026-11-24,pipeline_review,priya,oliver,done,4,1,,\n"  # a duplicate of line 2
        + "2026-11-24,pipeline_review,pryia,oliver,done,4,1,,\n",  # no one's id: checked
        encoding="utf-8",
    )
    whole = logs_module.read(ws, tmp_path / "logs")
    assert [(c.owner, c.line) for c in whole.completions] == [("priya", 2), ("marcus", 3)]
    assert [r.line for r in whole.rejected] == [4, 6]
    theirs = logs_module.read(ws, tmp_path / "logs", "priya")
    assert [(c.owner, c.line) for c in theirs.completions] == [("priya", 2)]
    assert theirs.duplicates == 1
    assert [r.line for r in theirs.rejected] == [6]
