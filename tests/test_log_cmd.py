"""`morctl log` (issue 4 item 4): appends one validated row to logs/YYYY-MM.csv, atomically,
refusing what the readers would reject and what is already logged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME, DATA, acme_edited, morctl
from morctl.cli import run
from morctl.logs import read_logs
from morctl.workspace import load_workspace

HEADER = "date,activity,owner,with,status,useful,actions,note,reason\n"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rows below are dated up to the end of 2026; `log` refuses a done dated after today.
    monkeypatch.setenv("MORCTL_TODAY", "2027-01-31")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DATA / "logs" / "ws", root)
    return root


def log(ws: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["log", str(ws), *args])
    got = capsys.readouterr()
    return code, got.out, got.err


def files(ws: Path) -> dict[str, bytes]:
    """Everything under logs/, hidden files included (a left-over temporary file shows)."""
    folder = ws / "logs"
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_appends_and_creates_the_month_file_with_its_header(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = log(
        ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver",
        "--date", "2026-11-24", "--useful", "4", "--actions", "2",
    )  # fmt: skip
    assert code == 0, err
    assert out == ""
    assert err == "logged pipeline_review/priya/oliver done on 2026-11-24 in " + (
        f"{ws / 'logs' / '2026-11.csv'}:2\n"
    )
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30",
                       "--status", "skipped", "--reason", "customer visit, Leeds")  # fmt: skip
    assert code == 0, err
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-12-31")
    assert code == 0, err
    assert files(ws) == {
        "2026-11.csv": (
            HEADER + "2026-11-24,pipeline_review,priya,oliver,done,4,2,,\n"
            '2026-11-30,forecast_call,priya,,skipped,,,,"customer visit, Leeds"\n'
        ).encode(),
        "2026-12.csv": (HEADER + "2026-12-31,forecast_call,priya,,done,,,,\n").encode(),
    }


def test_what_log_writes_reads_back(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = 'Two deals, "stalled"\nand a second line'
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha",
                       "--date", "2026-11-24", "--note", note, "--useful", "5")  # fmt: skip
    assert code == 0, err
    workspace = load_workspace(str(ws)).workspace
    assert workspace is not None
    completions, rejected, _ = read_logs(workspace, ws / "logs")
    assert not rejected
    assert [(c.with_, c.note, c.useful, c.line) for c in completions] == [("aisha", note, 5, 2)]


def test_a_rating_out_of_five_is_written_as_its_number(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha",
                       "--date", "2026-11-24", "--useful", "4/5")  # fmt: skip
    assert code == 0, err
    assert files(ws)["2026-11.csv"].decode().splitlines()[1] == (
        "2026-11-24,pipeline_review,priya,aisha,done,4,,,"
    )


def test_date_defaults_to_today(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-30")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "marcus")
    assert code == 0, err
    assert files(ws)["2026-11.csv"].endswith(b"\n2026-11-30,forecast_call,marcus,,done,,,,\n")


def test_a_done_dated_after_today_is_refused_and_a_skip_is_not(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-23")
    # 2026-12-30 for 2026-11-30: a meeting cannot be done before it happens.
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-12-30")
    assert code == 1
    assert err == (
        "morctl: error: not logged: 2026-12-30 is after today in priya's time zone, "
        "Europe/London (2026-11-23); a meeting is logged done once it has happened\n"
        "  hint: is the date mistyped? Once the day has begun there, it can be logged. To "
        "call off a meeting ahead, log it with --status skipped --reason '...'\n"
    )
    assert files(ws) == {}
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-23")
    assert code == 0, err  # today is fine
    # Calling a meeting off ahead is a skip, and may be logged before its day.
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30",
                       "--status", "skipped", "--reason", "board meeting")  # fmt: skip
    assert code == 0, err
    assert (
        files(ws)["2026-11.csv"]
        == (
            HEADER + "2026-11-23,forecast_call,priya,,done,,,,\n"
            "2026-11-30,forecast_call,priya,,skipped,,,,board meeting\n"
        ).encode()
    )


def test_free_text_cannot_become_a_formula(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30",
                       "--note", "=HYPERLINK(\"http://x\")")  # fmt: skip
    assert code == 0, err
    assert b',"\'=HYPERLINK(""http://x"")",' in files(ws)["2026-11.csv"]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["pipline_review", "--owner", "priya", "--with", "oliver"],
         "activity: 'pipline_review' is not an activity of the rhythm (did you mean"),
        (["pipeline_review", "--owner", "pryia", "--with", "oliver"],
         "owner: nobody in the roster has the id or name 'pryia' (did you mean 'priya'?)"),
        (["pipeline_review", "--owner", "priya", "--with", "olivier"],
         "with: nobody in the roster has the id or name 'olivier'"),
        (["pipeline_review", "--owner", "priya"], "with: missing"),
        # A name pasted with a zero-width space: the character is named, not only quoted.
        (["forecast\u200b_call", "--owner", "priya"],
         "'forecast\u200b_call' (it holds an invisible U+200B ZERO WIDTH SPACE after "
         "'forecast': delete it) is not an activity of the rhythm"),
        (["forecast_call", "--owner", "priya", "--with", "oliver"], "not with each report"),
        (["forecast_call", "--owner", "priya", "--date", "2026-02-30"], "is not a real date"),
        (["forecast_call", "--owner", "priya", "--date", "30/11/2026"], "is not a date"),
        (["forecast_call", "--owner", "priya", "--useful", "6"], "useful: 6 is outside 1-5"),
        (["forecast_call", "--owner", "priya", "--useful", "x"], "is not a whole number"),
        (["forecast_call", "--owner", "priya", "--actions", "-1"], "actions: -1 is below 0"),
        (["forecast_call", "--owner", "priya", "--status", "skipped"], "needs a reason"),
        (["forecast_call", "--owner", "priya", "--status", "maybe"], "is not done or skipped"),
        (["forecast_call", "--owner", "priya", "--note", "a\x00b"], "NUL byte"),
        # A reason without --status skipped: the meeting called off would count as held.
        (["forecast_call", "--owner", "priya", "--reason", "ill"], "this one is logged done"),
        (["forecast_call", "--owner", "priya", "--status", "done", "--reason", "ill"],
         "this one is logged done"),
    ],
)  # fmt: skip
def test_refuses_what_the_readers_reject(
    ws: Path, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    code, out, err = log(ws, capsys, *args)
    assert code == 1
    assert out == ""
    assert err.startswith("morctl: error: not logged: ")
    assert reason in err
    assert "Traceback" not in err
    assert files(ws) == {}


def test_refuses_a_duplicate_wherever_it_is_logged(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "logs").mkdir()
    (ws / "logs" / "old.jsonl").write_text(
        '{"date": "2026-11-24", "activity": "pipeline_review", '
        '"owner": "priya", "with": "oliver"}\n'
    )
    before = files(ws)
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver",
                       "--date", "2026-11-24", "--status", "skipped", "--reason", "x")  # fmt: skip
    assert code == 1
    assert "already has pipeline_review of priya with oliver on 2026-11-24" in err
    assert f"{ws / 'logs' / 'old.jsonl'}:1" in err
    assert files(ws) == before


def test_keeps_an_existing_file_byte_for_byte(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A BOM, CRLF line ends, another column order, an unknown column and no newline at the
    end: the old bytes stay, the new row follows the file's own columns and line ends."""
    (ws / "logs").mkdir()
    old = (
        "\ufeffOwner,date,activity,with,useful,comment\r\n"
        "priya,2026-11-24,pipeline_review,oliver,4,x"
    )
    (ws / "logs" / "2026-11.csv").write_bytes(old.encode())
    (ws / "logs" / "2026-11.csv").chmod(0o640)
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha",
                       "--date", "2026-11-24", "--useful", "3")  # fmt: skip
    assert code == 0, err
    assert err.endswith("2026-11.csv:3\n")
    new = (ws / "logs" / "2026-11.csv").read_bytes()
    assert new == (old + "\r\npriya,2026-11-24,pipeline_review,aisha,3,\r\n").encode()
    assert (ws / "logs" / "2026-11.csv").stat().st_mode & 0o777 == 0o640


def test_appends_under_the_empty_columns_a_spreadsheet_saves(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel's `reason,,`: the row gets a cell for each column with no name, empty, so the
    # file stays as the spreadsheet saved it and reads without a problem.
    (ws / "logs").mkdir()
    old = "date,activity,owner,with,status,useful,actions,note,reason,,\r\n"
    (ws / "logs" / "2026-11.csv").write_bytes(old.encode())
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha",
                       "--date", "2026-11-24", "--useful", "3")  # fmt: skip
    assert code == 0, err
    new = (ws / "logs" / "2026-11.csv").read_bytes()
    assert new == (old + "2026-11-24,pipeline_review,priya,aisha,done,3,,,,,\r\n").encode()
    loaded = load_workspace(str(ws))
    assert loaded.workspace is not None
    done, rejected, _ = read_logs(loaded.workspace, ws / "logs")
    assert [(c.line, c.with_) for c in done] == [(2, "aisha")] and rejected == []


def test_refuses_a_value_the_file_has_no_column_for(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "logs").mkdir()
    (ws / "logs" / "2026-11.csv").write_text("date,activity,owner\n")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30",
                       "--note", "hello")  # fmt: skip
    assert code == 1
    assert "has no column for --note" in err
    assert (ws / "logs" / "2026-11.csv").read_text() == "date,activity,owner\n"


def test_refuses_to_append_under_a_broken_header(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "logs").mkdir()
    (ws / "logs" / "2026-11.csv").write_text("2026-11-01,forecast_call,priya\n")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 1
    assert "header: the first row is a completion" in err
    assert "add a row above it that names the columns" in err


def test_a_line_break_of_any_kind_stays_inside_its_cell(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone CR is a line end to CSV readers: written bare it would split the row."""
    reason = "ill\rall week\r\nback Monday"
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30",
                       "--status", "skipped", "--reason", reason)  # fmt: skip
    assert code == 0, err
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "marcus", "--date", "2026-11-30")
    assert code == 0, err
    assert err.endswith("2026-11.csv:5\n")  # the row after the three-line reason
    assert (ws / "logs" / "2026-11.csv").read_bytes() == (
        HEADER + '2026-11-30,forecast_call,priya,,skipped,,,,"ill\nall week\nback Monday"\n'
        "2026-11-30,forecast_call,marcus,,done,,,,\n"
    ).encode()
    workspace = load_workspace(str(ws)).workspace
    assert workspace is not None
    completions, rejected, _ = read_logs(workspace, ws / "logs")
    assert not rejected
    assert [(c.line, c.reason) for c in completions] == [
        (2, "ill\nall week\nback Monday"),
        (5, None),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"", HEADER.encode()),  # created with `touch`
        (b"\xef\xbb\xbf", b"\xef\xbb\xbf" + HEADER.encode()),  # a spreadsheet's empty save
        (b"date,activity,owner\r2026-11-02,forecast_call,dana", b"date,activity,owner\r"
         b"2026-11-02,forecast_call,dana\r"),  # classic Mac line ends, kept
    ],
)  # fmt: skip
def test_an_empty_file_gets_its_header_and_lone_cr_line_ends_are_kept(
    ws: Path, capsys: pytest.CaptureFixture[str], old: bytes, new: bytes
) -> None:
    (ws / "logs").mkdir()
    (ws / "logs" / "2026-11.csv").write_bytes(old)
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0, err
    line = 3 if old.startswith(b"date") else 2
    assert err.endswith(f"2026-11.csv:{line}\n")
    row = b"2026-11-30,forecast_call,priya" + (b"" if old.startswith(b"date") else b",,done,,,,")
    ending = b"\r" if old.startswith(b"date") else b"\n"
    assert (ws / "logs" / "2026-11.csv").read_bytes() == new + row + ending


def test_refuses_a_file_the_readers_refuse(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ws / "logs").mkdir()
    old = "date,activity,owner,note,note\n2026-11-02,forecast_call,dana,a,b\n"
    (ws / "logs" / "2026-11.csv").write_text(old)
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 1
    assert "header: column 'note' appears twice" in err
    assert (ws / "logs" / "2026-11.csv").read_text() == old


@pytest.mark.parametrize(
    ("old", "line"),
    [
        (HEADER + '2026-11-19,forecast_call,dana,,done,4,1,"open quote\n', 2),
        (HEADER + '2026-11-19,forecast_call,dana,,done,4,1,"open quote', 2),  # no line end
        (HEADER + '"', 2),  # a quote alone, and no line end
        (HEADER.replace("\n", "\r\n") + '2026-11-19,forecast_call,dana,,done,4,1,"a\r\n', 2),
        # a row read well first; the open quote runs on over two lines
        (HEADER + "2026-11-18,forecast_call,dana,,done,,,,\n"
         '2026-11-19,forecast_call,dana,,done,4,1,"says ""hi""\nand\n', 3),
    ],
)  # fmt: skip
def test_refuses_to_append_after_a_quote_never_closed(
    ws: Path, capsys: pytest.CaptureFixture[str], old: str, line: int
) -> None:
    # morctl's reader resumes after an open quote and would count the new row, but to
    # Python's csv module and to Excel it is part of the open cell: a file corrupt for
    # every other tool. Nothing is written.
    (ws / "logs").mkdir()
    month = ws / "logs" / "2026-11.csv"
    month.write_bytes(old.encode())
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 1
    assert err == (
        f"morctl: error: cannot append to {month}: its line {line} opens a quote it never "
        "closes, and a spreadsheet would read the new row into that cell\n"
        f'  hint: close the quote on line {line} (a " at the end of the cell), or mend the '
        "file in a spreadsheet, then log again\n"
    )
    assert month.read_bytes() == old.encode()


def test_appends_after_quoted_cells_that_are_closed(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A quote closed on a later line, one inside a cell, or a quote after the cell's text
    # (which spreadsheets keep as it is) leaves no cell open: the row goes after them.
    (ws / "logs").mkdir()
    old = (
        HEADER + '2026-11-18,forecast_call,dana,,done,,,"two\nlines",\n'
        '2026-11-19,forecast_call,dana,,done,,,said "hi",\n'
        '2026-11-20,forecast_call,dana,,done,,,"a"b,\n'
    )
    (ws / "logs" / "2026-11.csv").write_text(old)
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0, err
    assert (ws / "logs" / "2026-11.csv").read_text() == (
        old + "2026-11-30,forecast_call,priya,,done,,,,\n"
    )


def test_a_linked_month_file_is_written_where_it_lives(
    ws: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shared = tmp_path / "shared.csv"
    shared.write_text(HEADER)
    (ws / "logs").mkdir()
    (ws / "logs" / "2026-11.csv").symlink_to(shared)
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0, err
    assert (ws / "logs" / "2026-11.csv").is_symlink()
    assert shared.read_text() == HEADER + "2026-11-30,forecast_call,priya,,done,,,,\n"


def test_no_temporary_file_is_left(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    code, _, _ = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0
    before = files(ws)
    monkeypatch.setattr(os, "replace", fail)
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "marcus", "--date", "2026-11-30")
    assert code == 1
    assert "No space left on device" in err
    assert files(ws) == before  # the old file, and no .2026-11.csv.*.tmp beside it


@pytest.mark.parametrize(
    ("number", "said"), [(1, "Operation not permitted"), (13, "Permission denied")]
)
def test_a_month_file_that_may_not_be_replaced_says_what_to_do(
    ws: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    number: int,
    said: str,
) -> None:
    # Windows refuses to replace a CSV open in Excel; an immutable file or a folder the
    # user may not write to is refused alike. The error had no hint.
    import os

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(number, said)

    code, _, _ = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0
    before = files(ws)
    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = log(ws, capsys, "forecast_call", "--owner", "marcus", "--date", "2026-11-30")
    assert (code, out) == (1, "")
    assert err == (
        f"morctl: error: cannot write {ws / 'logs' / '2026-11.csv'}: {said}\n"
        "  hint: close the file in any program that has it open (Excel locks a CSV it has "
        "open) and check you may write to the folder\n"
    )
    assert files(ws) == before


def test_a_folder_named_as_the_month_file_is_named_with_what_to_do(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "logs" / "2026-12.csv").mkdir(parents=True)
    before = sorted((ws / "logs").rglob("*"))
    code, out, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-12-01")
    assert (code, out) == (1, "")
    assert err == (
        f"morctl: error: not logged: {ws / 'logs' / '2026-12.csv'} is a folder, and the "
        "month's rows are written to a file of that name\n"
        "  hint: move the folder out of logs/, or rename it, then log again\n"
    )
    assert sorted((ws / "logs").rglob("*")) == before


def test_usage_errors_exit_2(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["log", "--owner", "priya"]) == 2
    assert "missing ACTIVITY" in capsys.readouterr().err
    assert run(["log", str(ws), "forecast_call"]) == 2  # no --owner


def test_an_invalid_workspace_is_refused(tmp_path: Path) -> None:
    r = morctl("log", str(tmp_path), "forecast_call", "--owner", "priya")
    assert r.code == 1
    assert "Traceback" not in r.err
    assert "no rhythm.yaml" in r.err


def test_subprocess_bad_row_has_no_traceback(ws: Path) -> None:
    r = morctl("log", str(ws), "forecast_call", "--owner", "priya", "--useful", "9")
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        "morctl: error: not logged: useful: 9 is outside 1-5\n"
        "  hint: --useful takes a whole number from 1 to 5\n"
    )


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("nothing", "--owner", "priya"), "hint: the activities are: forecast_call,"),
        (("forecast_call", "--owner", "zed"),
         "hint: give an id, a full name or e-mail, or a first or last name only one person has "
         "(the roster: org.yaml"),
        (("pipeline_review", "--owner", "priya"), "hint: add --with ID"),
        # the opposite: the reason speaks of the CSV cell, the hint of the option
        (("forecast_call", "--owner", "priya", "--with", "oliver"),
         "hint: leave out --with: this activity is not logged per rep"),
        (("forecast_call", "--owner", "priya", "--status", "skipped"), "hint: add --reason"),
        (("forecast_call", "--owner", "priya", "--actions", "x"), "hint: --actions takes"),
        (("forecast_call", "--owner", "priya", "--date", "30 Nov"), "hint: --date takes"),
        # the ways people write a date, read for what they can mean
        (("forecast_call", "--owner", "priya", "--date", "30/11/2026"),
         "'30/11/2026' is not a date; write it as YYYY-MM-DD (did you mean 2026-11-30?)"),
        (("forecast_call", "--owner", "priya", "--date", "11/30/2026"),
         "(did you mean 2026-11-30?)"),
        (("forecast_call", "--owner", "priya", "--date", "03/04/2026"),
         "(did you mean 2026-04-03 or 2026-03-04?)"),
        (("forecast_call", "--owner", "priya", "--date", "30 Nov 2026"),
         "'30 Nov 2026' is not a date; write it as YYYY-MM-DD (did you mean 2026-11-30?)"),
        (("forecast_call", "--owner", "priya", "--date", "November 30th, 2026"),
         "(did you mean 2026-11-30?)"),
        (("forecast_call", "--owner", "priya", "--date", "Sept 3, 2026"),
         "(did you mean 2026-09-03?)"),
        # an activity's title (a person's name is taken for their id: see below)
        (("Monthly forecast call", "--owner", "priya"), "(did you mean 'forecast_call'?)"),
    ],
)  # fmt: skip
def test_a_refused_row_says_what_to_change(
    ws: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], hint: str
) -> None:
    code, _, err = log(ws, capsys, *args)
    assert code == 1
    assert hint in err, err


def test_a_did_you_mean_needs_no_other_hint(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = log(ws, capsys, "forcast_call", "--owner", "priya")
    assert code == 1 and "did you mean 'forecast_call'?" in err and "hint:" not in err


def test_a_value_that_is_not_utf8_is_refused_as_an_argument(ws: Path) -> None:
    # The terminal sent a byte that is not UTF-8 (Python hands it over as a surrogate).
    r = morctl("log", str(ws), "forecast_call", "--owner", "priya", "--date", "2026-11-30",
               "--note", "caf\udce9")  # fmt: skip
    assert r.code == 1 and "Traceback" not in r.err
    assert "not logged: a value contains bytes that are not UTF-8 text" in r.err
    assert "check the terminal's encoding" in r.err and "save the file" not in r.err
    assert not (ws / "logs").exists()


@pytest.mark.parametrize(
    ("args", "why", "hint"),
    [
        (("--owner", "oliver", "--with", "priya"),
         "oliver (rep) does not run pipeline_review; the manager role does",
         "did you mean --owner priya --with oliver?"),
        (("--owner", "dana", "--with", "oliver"),
         "dana (vp) does not run pipeline_review; the manager role does",
         "name the manager who ran it with --owner"),
        (("--owner", "priya", "--with", "jessica"),
         "jessica is marcus's direct report, not priya's",
         "pipeline_review is held by each manager with their own reports"),
        (("--owner", "priya", "--with", "oliver", "--date", "2025-12-02"),
         "2025-12-02 is before the rhythm takes effect (2026-01-05), and no meeting of its "
         "week comes after",
         "check the --date"),
    ],
)  # fmt: skip
def test_a_row_that_can_match_no_meeting_is_logged_with_a_warning(
    ws: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], why: str, hint: str
) -> None:
    # The readers take such a row (as unplanned), so `log` writes it too, but says why it
    # will not count, and how to undo it.
    dated = args if "--date" in args else (*args, "--date", "2026-11-24")
    code, _, err = log(ws, capsys, "pipeline_review", *dated)
    assert code == 0, err
    month = dated[dated.index("--date") + 1][:7]
    assert err.splitlines()[1:] == [
        f"morctl: warning: it matches no meeting of the rhythm: {why}; a report lists it as "
        "unplanned",
        f"  hint: {hint}{' Or' if hint.endswith('?') else ', or'} delete line 2 of "
        f"{ws / 'logs' / f'{month}.csv'} if it is a mistake",
    ]


def test_a_row_before_the_rhythm_starts_in_a_month_whose_meeting_comes_after_counts(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The rhythm takes effect on Mon 5 Jan 2026; January's forecast call is on Fri 30 Jan.
    # Held on Fri 2 Jan, it is January's (the report matches by period): no warning, and
    # the report counts it.
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-01-02")
    assert code == 0 and "warning" not in err, err
    r = morctl("report", str(ws), "--month", "2026-01", "--person", "priya", "--format", "json")
    doc = json.loads(r.out)
    forecast = next(a for a in doc["people"][0]["activities"] if a["activity"] == "forecast_call")
    assert (forecast["done"], forecast["on_time"]) == (1, 1) and doc["unplanned"] == []


def test_a_row_that_matches_a_meeting_gets_no_warning(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = log(
        ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver", "--date",
        "2026-11-24",
    )  # fmt: skip
    assert code == 0 and "warning" not in err, err


TICKED = (
    "- [x] Tue 24 Nov 09:00 Weekly pipeline review — Oliver Hughes{rating} "
    "<!-- morctl:pipeline_review/priya/oliver/2026-11-24 due=2026-11-24 -->\n"
)


@pytest.mark.parametrize(
    ("rating", "args", "counted"),
    [
        ("", ("--useful", "5", "--actions", "2"), (5, 2)),  # the row adds what the tick lacks
        ("", (), None),  # nothing to add: the tick has it already
        (" useful=3", ("--useful", "5"), None),  # two ratings: edit the tick instead
    ],
)
def test_a_rating_can_be_added_to_a_ticked_meeting(
    ws: Path,
    capsys: pytest.CaptureFixture[str],
    rating: str,
    args: tuple[str, ...],
    counted: tuple[int, int] | None,
) -> None:
    (ws / "logs").mkdir()
    (ws / "logs" / "week.md").write_text(TICKED.format(rating=rating), encoding="utf-8")
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver",
                       "--date", "2026-11-24", *args)  # fmt: skip
    workspace = load_workspace(str(ws)).workspace
    assert workspace is not None
    completions, _, duplicates = read_logs(workspace, ws / "logs")
    if counted is None:
        assert code == 1 and "already has pipeline_review of priya" in err, err
        assert len(completions) == 1 and duplicates == 0
        return
    assert code == 0, err
    assert "week.md:1 has it without a rating; this row counts in its place" in err
    (kept,) = completions
    assert (kept.useful, kept.actions, Path(kept.file).name) == (*counted, "2026-11.csv")
    assert duplicates == 1


def test_today_is_the_owners_day_not_the_machines(ws: Path) -> None:
    # A manager on Kiritimati (UTC+14) logs through a machine set to Pago Pago (UTC-11):
    # 25 hours apart, so their dates always differ. The row is dated the manager's today.
    import os
    from datetime import datetime
    from zoneinfo import ZoneInfo

    org = ws / "org.yaml"
    far = org.read_text().replace("timezone: Europe/London", "timezone: Pacific/Kiritimati")
    org.write_text(far)
    env = {k: v for k, v in os.environ.items() if k != "MORCTL_TODAY"}
    env["TZ"] = "Pacific/Pago_Pago"
    before = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    r = morctl("log", str(ws), "pipeline_review", "--owner", "priya", "--with", "oliver", env=env)
    after = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert r.code == 0, r.err
    logged = r.err.split(" on ", 1)[1][:10]
    assert logged in (before.isoformat(), after.isoformat())
    machine = datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
    assert logged != machine.isoformat()
    # A report on that machine, judged on its today, leaves the row out, as it must; but
    # the row is not a mistyped date, and the warning says how to count it.
    window = ("--from", machine.isoformat(), "--to", logged, "--format", "json")
    r = morctl("report", str(ws), *window, env=env)
    assert r.code == 0, r.err
    assert "is a date mistyped" not in r.err
    assert (
        f"1 completion logged done is dated after today on this machine ({machine}) but not "
        "after today where its owner is, and not counted\n"
        f"  hint: report with --as-of {logged} to count it\n"
    ) in r.err
    # A window that ends before the row's day would not count it under any --as-of.
    r = morctl("report", str(ws), "--from", "2026-11-02", "--to", "2026-11-08", env=env)
    assert r.code == 0, r.err
    assert "not after today where its owner is" not in r.err
    assert "is a date mistyped" not in r.err


def test_a_month_file_linked_from_a_folder_not_mounted_is_not_written_through(
    ws: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Writing through the link made the drive's folders on this machine, and the row never
    # reached the drive.
    (ws / "logs").mkdir(exist_ok=True)
    drive = tmp_path / "sales-drive" / "logs"
    (ws / "logs" / "2026-11.csv").symlink_to(drive / "2026-11.csv")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 1
    assert err.startswith(f"morctl: error: not logged: {ws / 'logs' / '2026-11.csv'} is a link")
    assert "hint: mount the shared folder" in err
    assert not (tmp_path / "sales-drive").exists()


def test_a_logs_link_to_a_folder_not_mounted_is_said_plainly(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # logs/ shared from a drive that is not mounted: `log` names the link (it said "File
    # exists"), and a report lists it as a problem instead of reading "no logs" (all 0%).
    shutil.rmtree(ws / "logs", ignore_errors=True)
    (ws / "logs").symlink_to("/mnt/sales-drive/logs")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 1
    assert err == (
        f"morctl: error: not logged: {ws / 'logs'} is a link to '/mnt/sales-drive/logs', "
        "which does not exist\n  hint: mount the shared "
        "folder the link points to, or point the link at one that exists\n"
    )
    loaded = load_workspace(str(ws))
    assert loaded.workspace is not None
    done, rejected, _ = read_logs(loaded.workspace, ws / "logs")
    assert done == [] and [(r.file, r.line) for r in rejected] == [(str(ws / "logs"), 1)]
    assert rejected[0].reason.startswith("not read: a link to '/mnt/sales-drive/logs', which")


@pytest.mark.parametrize("shared", [False, True])
def test_runs_at_the_same_moment_keep_every_row(ws: Path, tmp_path: Path, shared: bool) -> None:
    # Each run reads the month file, adds its row and renames the result over it: without a
    # lock, the last rename dropped rows that other runs had said were logged. ``shared``:
    # each run through its own copy of the workspace, all with logs/ linked to one folder.
    import os
    import subprocess
    import sys

    env = {**os.environ, "MORCTL_TODAY": "2026-11-30"}
    days = [f"2026-11-{d:02d}" for d in range(2, 14)]
    places = [ws] * len(days)
    if shared:
        (tmp_path / "shared").mkdir()
        places = []
        for i in range(len(days)):
            copy = tmp_path / f"copy{i}"
            shutil.copytree(ws, copy, ignore=shutil.ignore_patterns("logs"))
            (copy / "logs").symlink_to(tmp_path / "shared")
            places.append(copy)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "morctl",
                "log",
                str(place),
                "pipeline_review",
                "--owner",
                "priya",
                "--with",
                "oliver",
                "--date",
                day,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for place, day in zip(places, days, strict=True)
    ]
    said = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0] * len(days), said
    lines = (places[0] / "logs" / "2026-11.csv").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split(",")[0] for line in lines[1:]) == days
    # each run named the line its row went to, and no two the same
    places = sorted(int(err.split("2026-11.csv:")[1].split()[0]) for _, err in said)
    assert places == list(range(2, len(days) + 2))


def _hold_lock(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the lock `morctl log` takes on ``folder`` for ``seconds``
    (as a hung run would), once it says so."""
    code = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_a_lock_held_too_long_is_said_not_waited_on_in_silence(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # It waited for ever, saying nothing, while another process held the lock on logs/.
    from morctl import logcmd

    monkeypatch.setattr(logcmd, "LOCK_TIMEOUT", 0.5)
    (ws / "logs").mkdir()
    holder = _hold_lock(ws / "logs", 30)
    try:
        code, out, err = log(
            ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30"
        )
    finally:
        holder.kill()
        holder.wait()
    assert (code, out) == (1, "")
    assert err == (
        "morctl: waiting for another `morctl log` to finish writing to logs/ …\n"
        "morctl: error: not logged: logs/ stayed locked for 0.5 s, by other `morctl log` runs "
        "still at work or by another program\n"
        "  hint: try again; to log many rows, run morctl log for one row after another, not "
        "many at once\n"
    )
    assert files(ws) == {}


@pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")
def test_a_lock_let_go_in_time_is_waited_for_once_said(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "logs").mkdir()
    holder = _hold_lock(ws / "logs", 0.5)
    try:
        code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    finally:
        holder.wait()
    assert code == 0, err
    assert err == (
        "morctl: waiting for another `morctl log` to finish writing to logs/ …\n"
        f"logged forecast_call/priya done on 2026-11-30 in {ws / 'logs' / '2026-11.csv'}:2\n"
    )


def test_a_meeting_logged_twice_in_its_period_is_warned_about(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The review logged on Tuesday, then again "just now" on Wednesday: the report would
    # list the second as unplanned. Logged the other way round, the earlier row takes the
    # meeting, and the one that had it is named. The report's matching decides, not a
    # guess: the week's one meeting, matched in date order.
    month = ws / "logs" / "2026-11.csv"
    review = ("pipeline_review", "--owner", "priya", "--with", "oliver")
    assert log(ws, capsys, *review, "--date", "2026-11-24")[0] == 0
    code, _, err = log(ws, capsys, *review, "--date", "2026-11-25", "--useful", "4")
    assert code == 0
    assert err.splitlines()[1:] == [
        "morctl: warning: it matches no meeting of the rhythm: every meeting of "
        "pipeline_review with oliver in its week (2026-11-23 to 2026-11-29) has its "
        f"completion already ({month}:2 on 2026-11-24); a report lists it as unplanned",
        "  hint: a meeting is logged once: to change one, edit its row, or delete line 3 of "
        f"{month} if it is a mistake",
    ]
    code, _, err = log(ws, capsys, *review, "--date", "2026-12-02")
    assert code == 0 and "warning" not in err  # next week's meeting, a day late
    code, _, err = log(ws, capsys, *review, "--date", "2026-12-01")
    assert code == 0
    assert err.splitlines()[1] == (
        "morctl: warning: this row takes the meeting of pipeline_review with oliver in its "
        f"week (2026-11-30 to 2026-12-06) that {ws / 'logs' / '2026-12.csv'}:2 on 2026-12-02 "
        "had: a report lists that row as unplanned"
    )


def test_a_skip_on_a_day_the_calendar_excuses_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Thursday is a company day off: its huddle is excused already. A skip dated that day
    # would call off Monday's huddle, which was simply not held; a weekly review whose only
    # meeting of the week is excused gets nothing from a skip.
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-27")
    ws = acme_edited(
        tmp_path, "rhythm.yaml", "    - 2026-12-24 ", "    - 2026-11-26\n    - 2026-12-24 "
    )
    month = ws / "logs" / "2026-11.csv"
    lines = month.read_text(encoding="utf-8").count("\n")
    skip = ("--owner", "priya", "--date", "2026-11-26", "--status", "skipped", "--reason", "off")
    code, _, err = log(ws, capsys, "team_huddle", *skip)
    assert code == 0
    assert err.splitlines()[1:] == [
        "morctl: warning: the calendar already excuses team_huddle on 2026-11-26 (holiday), "
        "so this skip calls off the meeting of 2026-11-23 instead",
        "  hint: a meeting the calendar excuses needs nothing logged; if the meeting of "
        "2026-11-23 was called off, log the skip with --date 2026-11-23, or delete line "
        f"{lines + 1} of {month} if it is a mistake",
    ]
    code, _, err = log(ws, capsys, "call_participation", *skip)
    assert code == 0
    assert (
        "it matches no meeting of the rhythm: the calendar already excuses call_participation "
        "on 2026-11-26 (holiday); a report lists it as unplanned"
    ) in err


def test_a_second_row_in_a_week_the_calendar_excuses_whole_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # acme's year-end freeze excuses every huddle of the week of 21 December. A second row
    # of that week was told that the week's meetings had their completion already (the
    # first row, itself unplanned) and to edit it; the report says the calendar excuses them.
    monkeypatch.setenv("MORCTL_TODAY", "2027-01-12")
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    huddle = ("team_huddle", "--owner", "priya", "--date")
    log(ws, capsys, *huddle, "2026-12-21")
    code, _, err = log(ws, capsys, *huddle, "2026-12-22")
    assert code == 0
    said = (
        "the calendar excuses every meeting of team_huddle in its week (2026-12-21 to "
        "2026-12-27) (blackout: Year-end freeze, holiday)"
    )
    assert err.splitlines()[1:] == [
        f"morctl: warning: it matches no meeting of the rhythm: {said}; a report lists it as "
        "unplanned",
        "  hint: a meeting the calendar excuses needs nothing logged, or delete line 3 of "
        f"{ws / 'logs' / '2026-12.csv'} if it is a mistake",
    ]
    r = morctl("report", str(ws), "--week", "2026-W52", "--person", "priya", "--format", "json",
               env={**os.environ, "MORCTL_TODAY": "2027-01-12"})  # fmt: skip
    whys = [u["why"] for u in json.loads(r.out)["unplanned"]]
    assert whys[1] == said.replace(" of team_huddle", "")


def test_a_rating_logged_on_another_day_for_a_ticked_meeting_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Monday's huddle ticked on the checklist, then logged with its rating on Wednesday:
    # the row would take Thursday's huddle, still to come, and count it held.
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-25")
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    tick = (
        "- [x] Mon 23 Nov 08:30 Team huddle "
        "<!-- morctl:team_huddle/priya/2026-11-23 due=2026-11-23 -->\n"
    )
    (ws / "logs" / "w48.md").write_text(tick, encoding="utf-8")
    code, _, err = log(ws, capsys, "team_huddle", "--owner", "priya", "--useful", "4")
    assert code == 0
    assert err.splitlines()[1] == (
        "morctl: warning: it counts for the meeting of team_huddle on 2026-11-26, after its "
        "own date: the meeting of 2026-11-23 has its record already "
        f"({ws / 'logs' / 'w48.md'}:1)"
    )
    assert err.splitlines()[2] == (
        "  hint: if this is that meeting, log the rating with --date 2026-11-23: the row then "
        "counts in place of the ticked line, not for a meeting to come, or delete line "
        f"{err.split('.csv:')[1].split()[0]} of {ws / 'logs' / '2026-11.csv'} if it is a mistake"
    )


def test_a_rating_for_the_weeks_one_ticked_meeting_says_to_log_it_with_the_ticks_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The week's one review was ticked on Tuesday and rated on Wednesday: the hint said
    # "edit its row" (a checklist line has none), not the --date that makes it count.
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-25")
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    tick = (
        "- [x] Tue 24 Nov 09:00 Weekly pipeline review — Oliver Hughes "
        "<!-- morctl:pipeline_review/priya/oliver/2026-11-24 due=2026-11-24 -->\n"
    )
    (ws / "logs" / "w48.md").write_text(tick, encoding="utf-8")
    review = ("pipeline_review", "--owner", "priya", "--with", "oliver", "--useful", "4")
    code, _, err = log(ws, capsys, *review)
    assert code == 0
    assert "has its completion already" in err.splitlines()[1], err
    assert err.splitlines()[2].startswith(
        f"  hint: to rate the meeting {ws / 'logs' / 'w48.md'}:1 records, log it with its "
        "date, --date 2026-11-24: the row then counts in place of it"
    ), err
    # followed (the mistaken row of the 25th taken out first), the rating counts
    (ws / "logs" / "2026-11.csv").write_text(
        "".join((ws / "logs" / "2026-11.csv").read_text().splitlines(True)[:-1])
    )
    code, _, err = log(ws, capsys, *review, "--date", "2026-11-24")
    assert code == 0 and "warning" not in err, err


def test_a_second_row_for_a_logged_meeting_is_pointed_at_that_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The record is a row, not a tick: "useful=N on a ticked line" sent the manager
    # looking for a checklist that does not exist.
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-25")
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    first = ("team_huddle", "--owner", "priya", "--date", "2026-11-23", "--useful", "3")
    assert log(ws, capsys, *first)[0] == 0
    code, _, err = log(ws, capsys, "team_huddle", "--owner", "priya", "--useful", "5")
    assert code == 0
    assert "has its record already" in err.splitlines()[1]
    assert err.splitlines()[2].startswith(
        "  hint: if this is that meeting, rate it on its record (its useful and actions), not "
        "in a new row"
    )


def test_a_skip_then_the_meeting_held_after_all_is_no_mistake(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Called off on Monday, held on Tuesday after all: the skip gives way (adherence.md).
    review = ("pipeline_review", "--owner", "priya", "--with", "oliver")
    code, _, err = log(ws, capsys, *review, "--date", "2026-11-23", "--status", "skipped",
                       "--reason", "customer call")  # fmt: skip
    assert code == 0 and "warning" not in err
    code, _, err = log(ws, capsys, *review, "--date", "2026-11-24")
    assert code == 0 and "warning" not in err, err


def test_a_skip_logged_ahead_then_the_meeting_held_that_day_counts_as_held(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Logged ahead as called off, held after all on its day: `log` refused the done row
    # ("edit that row"), and a tick of it was dropped as a duplicate of the skip.
    review = ("pipeline_review", "--owner", "priya", "--with", "oliver", "--date", "2026-11-24")
    code, _, err = log(ws, capsys, *review, "--status", "skipped", "--reason", "no call")
    assert code == 0
    code, _, err = log(ws, capsys, *review, "--useful", "4")
    assert code == 0, err
    month = ws / "logs" / "2026-11.csv"
    assert err.splitlines()[0] == f"{month}:2 has it as skipped; this row counts in its place"
    r = morctl("report", str(ws), "--week", "2026-W48", "--as-of", "2026-11-30",
               "--person", "priya", "--format", "json")  # fmt: skip
    review_row = next(
        a for a in json.loads(r.out)["people"][0]["activities"]
        if a["activity"] == "pipeline_review"
    )  # fmt: skip
    assert (review_row["done"], review_row["excused"]) == (1, 0), review_row
    # A skip after a done is still refused: the meeting was held.
    code, _, err = log(ws, capsys, *review, "--status", "skipped", "--reason", "oops")
    assert code == 1 and "already has pipeline_review" in err


def test_a_month_file_in_other_capitals_is_the_one_written(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Saved by a spreadsheet as 2026-11.CSV: a second 2026-11.csv beside it would clash on
    # macOS and Windows, where the two names are one file.
    (ws / "logs").mkdir()
    (ws / "logs" / "2026-11.CSV").write_text(HEADER, encoding="utf-8")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0, err
    assert files(ws) == {
        "2026-11.CSV": (HEADER + "2026-11-30,forecast_call,priya,,done,,,,\n").encode()
    }


@pytest.mark.parametrize(
    ("header", "hint"),
    [
        ("date,activity,owner,usefull,status\n",
         "hint: its column 'usefull' is probably useful: rename it in the header"),
        # Separated by semicolons, read as such: only the column is missing.
        ("date;activity;owner;with;status\n2026-11-02;forecast_call;priya;;done\n",
         "has no column for --useful"),
        ("date\tactivity\towner\twith\tstatus\n", "has no column for --useful"),
    ],
)  # fmt: skip
def test_a_month_file_that_cannot_take_the_row_says_how_to_mend_it(
    ws: Path, capsys: pytest.CaptureFixture[str], header: str, hint: str
) -> None:
    (ws / "logs").mkdir()
    month = ws / "logs" / "2026-11.csv"
    month.write_text(header, encoding="utf-8")
    code, _, err = log(ws, capsys, "forecast_call", "--owner", "priya", "--date", "2026-11-30",
                       "--useful", "4")  # fmt: skip
    assert code == 1 and hint in err
    assert month.read_text(encoding="utf-8") == header


def test_a_workspace_given_alone_is_not_taken_for_the_activity(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws.parent)
    r = morctl("log", ws.name, "--owner", "priya")
    assert r.code == 2
    assert "missing ACTIVITY: 'ws' is the workspace; give the activity after it" in r.err


@pytest.mark.parametrize("option", ["--useful", "--actions", "--with", "--date", "--status"])
def test_an_empty_value_is_a_usage_error_not_a_row(
    ws: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    """`--useful "$RATING"` with the variable unset logged the meeting done and unrated."""
    before = files(ws)
    args = {"--useful": "4", "--actions": "2", "--with": "oliver", "--date": "2026-11-24",
            "--status": "done", option: ""}  # fmt: skip
    flat = [part for pair in args.items() for part in pair]
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", *flat)
    assert code == 2
    assert err == (
        f"morctl: error: {option} is empty (an unset shell variable?)\n"
        f"  hint: give a value, or leave out {option}\n"
    )
    assert files(ws) == before


def test_a_control_character_in_an_argument_is_not_sent_to_the_terminal(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An escape sequence passed through from another system recoloured the terminal;
    the readers show the same value as �."""
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "pri\x1b[31mya",
                       "--with", "oliver", "--date", "2026-11-24")  # fmt: skip
    assert code == 1
    assert "\x1b" not in err
    assert "nobody in the roster has the id or name 'pri�[31mya' (did you mean 'priya'?)" in err

    # A line break is said as the escape it is, as the readers and validate say it.
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya",
                       "--with", "oli\r\nver", "--date", "2026-11-24")  # fmt: skip
    assert code == 1
    assert "nobody in the roster has the id or name 'oli\\r\\nver'" in err


BOTH = " by priya (Priya Raman) with raj (Rajesh Patel)"


@pytest.mark.parametrize(
    ("owner", "with_", "named"),
    [
        ("Priya.Raman@acme.example", "rajesh.patel@acme.example", BOTH),
        ("Priya Raman", "Rajesh Patel", BOTH),
        ("  priya   RAMAN ", "rajesh patel", BOTH),
        ("priya", "Rajesh Patel", " with raj (Rajesh Patel)"),
        # A first or last name that only one person in the roster has, in any capitals.
        ("raman", "Rajesh", BOTH),
        ("priya", "PATEL", " with raj (Rajesh Patel)"),
        # An id in other capitals, or with spaces around it.
        ("PRIYA", " Raj ", BOTH),
        # The id as the roster has it: said as before, without the names.
        ("priya", "raj", ""),
    ],
)
def test_a_person_is_named_by_id_e_mail_full_name_or_a_name_only_they_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], owner: str, with_: str, named: str
) -> None:
    """As a calendar invite or the roster gives people, or as a manager types their own
    first name: the row holds their ids, and the confirmation names whom the words were
    taken for, so that a wrong guess shows. A full name got "nobody in the roster has the
    id 'Priya Raman'", and a first name (`Rajesh`, id raj) the same."""
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", owner, "--with", with_,
                       "--date", "2026-11-24", "--useful", "4")  # fmt: skip
    assert code == 0, err
    month = ws / "logs" / "2026-11.csv"
    rows = month.read_text(encoding="utf-8").splitlines()
    assert rows[-1] == "2026-11-24,pipeline_review,priya,raj,done,4,,,"
    assert err == (
        f"logged pipeline_review/priya/raj done on 2026-11-24{named} in {month}:{len(rows)}\n"
    )


def test_a_name_two_people_share_is_refused_with_their_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which of the two is meant cannot be told: both options are named at once, each
    person by id and name, and nothing is written."""
    twins = (
        "  - {id: priya2, name: Priya  Raman, role: rep, manager: tomasz}\n"
        "  - {id: oliver2, name: oliver hughes, role: rep, manager: tomasz}\n"
    )
    ws = acme_edited(tmp_path, "org.yaml", "\n  # Front-line managers\n",
                     f"\n{twins}\n  # Front-line managers\n")  # fmt: skip
    month = ws / "logs" / "2026-11.csv"
    before = month.read_bytes()
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "Priya Raman",
                       "--with", "Oliver Hughes", "--date", "2026-11-24")  # fmt: skip
    assert code == 1
    assert err == (
        "morctl: error: not logged: --owner: 'Priya Raman' matches 2 people: priya (Priya "
        "Raman), priya2 (Priya Raman); --with: 'Oliver Hughes' matches 2 people: oliver "
        "(Oliver Hughes), oliver2 (oliver hughes)\n"
        "  hint: give the id of the one meant, as the roster has it\n"
    )
    assert month.read_bytes() == before
    # An id is an id, whoever else has it as a name.
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver",
                       "--date", "2026-11-24")  # fmt: skip
    assert code == 0, err


def test_a_first_name_two_people_share_is_refused_listing_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Rajesh` is raj's first name and raj2's: neither is guessed. `Kumar`, raj2's alone,
    is raj2; and the id raj is raj, first names notwithstanding."""
    ws = acme_edited(tmp_path, "org.yaml", "\n  # Front-line managers\n",
                     "\n  - {id: raj2, name: Rajesh Kumar, role: rep, manager: tomasz}\n"
                     "\n  # Front-line managers\n")  # fmt: skip
    month = ws / "logs" / "2026-11.csv"
    before = month.read_bytes()
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "rajesh",
                       "--date", "2026-11-24")  # fmt: skip
    assert (code, err) == (1, (
        "morctl: error: not logged: --with: 'rajesh' matches 2 people: raj (Rajesh Patel), "
        "raj2 (Rajesh Kumar)\n"
        "  hint: give the id of the one meant, as the roster has it\n"
    ))  # fmt: skip
    assert month.read_bytes() == before
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "tomasz", "--with", "kumar",
                       "--date", "2026-11-24")  # fmt: skip
    assert code == 0, err
    assert " with raj2 (Rajesh Kumar) in " in err
    assert month.read_text(encoding="utf-8").splitlines()[-1] == (
        "2026-11-24,pipeline_review,tomasz,raj2,done,,,,"
    )


def test_an_id_beats_a_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`raman` is the id of Kiran Shah and the last name of Priya Raman: the id wins, in
    any capitals, and the confirmation says whose it is."""
    ws = acme_edited(tmp_path, "org.yaml", "  - {id: aisha,",
                     "  - {id: raman, name: Kiran Shah, role: rep, manager: priya}\n"
                     "  - {id: aisha,")  # fmt: skip
    month = ws / "logs" / "2026-11.csv"
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "Raman",
                       "--date", "2026-11-24")  # fmt: skip
    assert code == 0, err
    assert " done on 2026-11-24 with raman (Kiran Shah) in " in err
    assert month.read_text(encoding="utf-8").splitlines()[-1] == (
        "2026-11-24,pipeline_review,priya,raman,done,,,,"
    )


def test_a_name_for_with_is_held_to_the_owners_team_as_an_id_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--with Sophie` is sophie, a rep of tomasz's: logged for priya, the row matches no
    meeting of hers, and the warning says so as for `--with sophie`."""
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    month = ws / "logs" / "2026-11.csv"
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "Priya", "--with", "Sophie",
                       "--date", "2026-11-24")  # fmt: skip
    assert code == 0, err
    line = month.read_text(encoding="utf-8").count("\n")
    assert err.splitlines() == [
        "logged pipeline_review/priya/sophie done on 2026-11-24 by priya (Priya Raman) with "
        f"sophie (Sophie Turner) in {month}:{line}",
        "morctl: warning: it matches no meeting of the rhythm: sophie is tomasz's direct "
        "report, not priya's; a report lists it as unplanned",
        "  hint: pipeline_review is held by each manager with their own reports, or delete "
        f"line {line} of {month} if it is a mistake",
    ]


def test_nobody_of_that_name_is_refused_with_the_closest_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in an id gets the closest id in any capitals (`Pryia` was offered ryan, the
    closest id as typed); a typo in a name, the person whose name is closest."""
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    month = ws / "logs" / "2026-11.csv"
    before = month.read_bytes()
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "Pryia", "--with", "Hughs",
                       "--date", "2026-11-24")  # fmt: skip
    assert (code, err) == (1, (
        "morctl: error: not logged: owner: nobody in the roster has the id or name 'Pryia' "
        "(did you mean 'priya'?); with: nobody in the roster has the id or name 'Hughs'\n"
        "  hint: did you mean 'oliver' (Oliver Hughes)?\n"
    ))  # fmt: skip
    assert month.read_bytes() == before


def test_a_meeting_held_late_across_its_weeks_end_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Friday huddle held on Monday: the row is dated in the next week, so it counts for
    # that week's meeting, still to come, and Friday's stays without a record. (A Sunday
    # kickoff held on Monday by a Sunday-to-Thursday team is the same case.) Logged on the
    # Thursday before the next meeting, it is that meeting held early: no warning.
    monkeypatch.setenv("MORCTL_TODAY", "2026-12-03")
    ws = acme_edited(tmp_path, "rhythm.yaml", 'on: [mon, thu], at: "08:30"', 'on: fri, at: "08:30"')
    month = ws / "logs" / "2026-11.csv"
    code, _, err = log(ws, capsys, "team_huddle", "--owner", "priya", "--date", "2026-11-30")
    assert code == 0
    line = month.read_text(encoding="utf-8").count("\n")
    assert err.splitlines()[1:] == [
        "morctl: warning: it counts for the meeting of team_huddle on 2026-12-04, after its "
        "own date: a completion counts for a meeting of its own week (2026-11-30 to "
        "2026-12-06), so the meeting of Fri 2026-11-27 stays without a record",
        "  hint: if this row is the meeting of 2026-11-27, held 3 days late: give team_huddle "
        "`grace: 3d` in its cadence (a meeting held up to that many days after its day then "
        f"counts for that day), or delete line {line} of {month} if it is a mistake",
    ]
    early = log(ws, capsys, "team_huddle", "--owner", "marcus", "--date", "2026-12-03")
    assert early[0] == 0 and "warning" not in early[2], early[2]


def test_a_row_on_a_day_with_no_meeting_names_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A daily huddle logged on a Saturday: no meeting that day, so the report lists the row
    # as unplanned; the warning says why and which day has the nearest meeting.
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-30")
    ws = acme_edited(
        tmp_path,
        "rhythm.yaml",
        '{every: week, on: [mon, thu], at: "08:30"',
        '{every: day, at: "08:30"',
    )
    month = ws / "logs" / "2026-11.csv"
    code, _, err = log(ws, capsys, "team_huddle", "--owner", "priya", "--date", "2026-11-28")
    assert code == 0
    line = month.read_text(encoding="utf-8").count("\n")
    assert err.splitlines()[1:] == [
        "morctl: warning: it matches no meeting of the rhythm: no meeting of team_huddle is "
        "scheduled on Sat 2026-11-28, outside the workweek (mon, tue, wed, thu, fri); a report "
        "lists it as unplanned",
        "  hint: check the --date: the nearest meeting is on Fri 2026-11-27, or delete line "
        f"{line} of {month} if it is a mistake",
    ]


@pytest.mark.parametrize(
    ("owner", "day", "write"),
    [
        # no offset: the date as written
        ("marcus", "2026-11-17 09:00", "write the date alone: 2026-11-17"),
        ("marcus", "2026-11-17T09:30:00", "write the date alone: 2026-11-17"),
        # an offset or Z: the day it was in the owner's time zone (the roster's, then the
        # rhythm's for oliver, who has none), by id or by name
        ("marcus", "2026-12-01T02:00:00Z",
         "write the date alone: 2026-11-30 (the day in America/New_York, the owner's time zone)"),
        ("Marcus Bell", "2026-12-01T02:00:00Z",
         "write the date alone: 2026-11-30 (the day in America/New_York, the owner's time zone)"),
        ("priya", "2026-11-17T20:30:00-06:00",
         "write the date alone: 2026-11-18 (the day in Europe/London, the owner's time zone)"),
        ("oliver", "2026-11-17 00:30:00 +0100",
         "write the date alone: 2026-11-16 (the day in Europe/London, the owner's time zone)"),
        # an owner who cannot be read: the date as written, said to be
        ("pryia", "2026-12-01T02:00:00Z",
         "write the date alone: 2026-12-01 as written (the day may differ in the owner's "
         "time zone); owner: nobody in the roster has the id 'pryia' (did you mean 'priya'?)"),
    ],
)  # fmt: skip
def test_a_date_with_a_time_is_refused_with_the_date_to_write(
    ws: Path, capsys: pytest.CaptureFixture[str], owner: str, day: str, write: str
) -> None:
    """A CRM export's date (`2026-11-17T09:30:00Z`) was refused as "not a date" with no
    date to write, though `11/16/2026` got one. `log`, the readers, `validate --logs` and
    the report's rejected list give the same reason, from the one Checker."""
    code, _, err = log(ws, capsys, "forecast_call", "--owner", owner, "--date", day)
    assert code == 1 and files(ws) == {}
    reason = f"date: '{day}' has a time; {write}"
    # `log` takes a name as well as an id, and says so; a log file's cell holds an id.
    said = reason.replace("has the id '", "has the id or name '")
    assert err.splitlines() == [f"morctl: error: not logged: {said}"], err  # no other hint
    # The row as a CRM export writes it, the owner as the log command writes it (an id).
    who = {"Marcus Bell": "marcus"}.get(owner, owner)
    (ws / "logs").mkdir()
    (ws / "logs" / "crm.csv").write_text(f"{HEADER}{day},forecast_call,{who},,,,,,\n")
    (ws / "logs" / "crm.jsonl").write_text(
        json.dumps({"date": day, "activity": "forecast_call", "owner": who}) + "\n"
    )
    loaded = load_workspace(str(ws)).workspace
    assert loaded is not None
    _, rejected, _ = read_logs(loaded, ws / "logs")
    assert [r.reason for r in rejected] == [reason, reason]
    checked = morctl("validate", str(ws), "--logs", "--format", "json")
    found = json.loads(checked.out)["diagnostics"]
    assert [d["message"] for d in found if d["code"] == "MOR801"] == [reason, reason]
    report = morctl("report", str(ws), "--month", "2026-11", "--format", "json")
    assert [r["reason"] for r in json.loads(report.out)["rejected"]] == [reason, reason]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_appends_to_a_file_separated_by_semicolons_in_its_own_separator(
    ws: Path, capsys: pytest.CaptureFixture[str], sep: str
) -> None:
    # A German Excel's "CSV": `;` and CR LF. The row follows them, so that the file stays
    # one dialect, for morctl and for the spreadsheet that opens it again.
    (ws / "logs").mkdir()
    old = sep.join(["\ufeffdate", "activity", "owner", "with", "status", "useful", "actions",
                    "note", "reason"]) + "\r\n"  # fmt: skip
    (ws / "logs" / "2026-11.csv").write_bytes(old.encode())
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha",
                       "--date", "2026-11-24", "--useful", "3",
                       "--note", "a; b, c\td")  # fmt: skip
    assert code == 0, err
    assert err.endswith("2026-11.csv:2\n")
    new = (ws / "logs" / "2026-11.csv").read_bytes()
    row = sep.join(["2026-11-24", "pipeline_review", "priya", "aisha", "done", "3", "",
                    '"a; b, c\td"', ""])  # fmt: skip
    assert new == (old + row + "\r\n").encode()
    loaded = load_workspace(str(ws))
    assert loaded.workspace is not None
    done, rejected, _ = read_logs(loaded.workspace, ws / "logs")
    assert [(c.line, c.with_, c.note) for c in done] == [(2, "aisha", "a; b, c\td")]
    assert rejected == []


def test_appends_to_a_file_that_declares_its_separator(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel's `sep=;` first line declares the separator; the header is the line after it.
    (ws / "logs").mkdir()
    old = "sep=;\ndate;activity;owner;with;status;useful;actions;note;reason\n"
    (ws / "logs" / "2026-11.csv").write_text(old, encoding="utf-8")
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha",
                       "--date", "2026-11-24", "--useful", "3")  # fmt: skip
    assert code == 0, err
    assert err.endswith("2026-11.csv:3\n")
    new = (ws / "logs" / "2026-11.csv").read_text(encoding="utf-8")
    assert new == old + "2026-11-24;pipeline_review;priya;aisha;done;3;;;\n"


@pytest.mark.parametrize(
    ("now", "args", "warned"),
    [
        # Tuesday 24 November, 07:36 in London (GMT): the 09:00 review is still to come.
        ("2026-11-24T07:36:00+00:00", (), "in 1 h 24 min"),
        ("2026-11-24T07:36:00+00:00", ("--date", "2026-11-24"), "in 1 h 24 min"),
        # The same instant, told in Auckland's time: the owner's clock is what counts.
        ("2026-11-24T20:36:00+13:00", (), "in 1 h 24 min"),
        ("2026-11-24T08:00:00Z", (), "in 1 h"),
        ("2026-11-24T08:59:00Z", (), "in 1 min"),
        # Begun, or over: nothing to say.
        ("2026-11-24T09:00:00Z", (), None),
        ("2026-11-24T17:00:00Z", (), None),
    ],
)
def test_a_meeting_of_today_logged_done_before_it_begins_is_warned_about(
    ws: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    now: str,
    args: tuple[str, ...],
    warned: str | None,
) -> None:
    # Logged done at 01:06 for the 08:30 huddle, the row counted as held on time. It is
    # written all the same (a manager may have held it earlier than planned), with a
    # warning that names when it starts.
    monkeypatch.delenv("MORCTL_TODAY")
    monkeypatch.setenv("MORCTL_NOW", now)
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver",
                       *args)  # fmt: skip
    assert code == 0, err
    assert (
        files(ws)["2026-11.csv"]
        == (HEADER + "2026-11-24,pipeline_review,priya,oliver,done,,,,\n").encode()
    )
    month = ws / "logs" / "2026-11.csv"
    if warned is None:
        assert "warning" not in err
        return
    assert err.endswith(
        "morctl: warning: the pipeline_review with oliver of today starts at 09:00 "
        f"(Europe/London), {warned}: logged done before it began\n"
        "  hint: if it was held earlier than planned, the row stands, or delete line 2 of "
        f"{month} if it is a mistake\n"
    )


def test_a_skip_of_today_may_be_logged_before_the_meeting_and_a_pinned_date_has_no_hour(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MORCTL_TODAY")
    monkeypatch.setenv("MORCTL_NOW", "2026-11-24T07:36:00Z")
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver",
                       "--status", "skipped", "--reason", "customer visit")  # fmt: skip
    assert code == 0 and "warning" not in err, err
    # MORCTL_TODAY pins a date, not an hour: whether the meeting has begun is not known.
    monkeypatch.delenv("MORCTL_NOW")
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-24")
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "aisha")
    assert code == 0 and "warning" not in err, err


@pytest.mark.parametrize("now", ["2026-11-24T07:36", "tuesday"])
def test_morctl_now_needs_a_date_a_time_and_an_offset(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    monkeypatch.delenv("MORCTL_TODAY")
    monkeypatch.setenv("MORCTL_NOW", now)
    code, _, err = log(ws, capsys, "pipeline_review", "--owner", "priya", "--with", "oliver")
    assert code == 2
    assert err == (
        f"morctl: error: MORCTL_NOW: '{now}' is not a date and time with its UTC offset\n"
        "  hint: write it as 2026-11-24T07:36+00:00 (or Z for UTC)\n"
    )
    assert files(ws) == {}
