"""`morctl validate` driven by folders of example files (STYLE.md "Tests").

- ``data/rhythms/ok/*.yaml`` must validate with no diagnostics at all;
- ``data/rhythms/bad/NAME.yaml`` beside ``NAME.diag``: the exact diagnostics, one per line,
  ``LINE:COL: severity CODE message`` (the file is always ``rhythm.yaml``);
- ``data/workspaces/bad/NAME/``: a whole workspace beside ``expected.diag``, whose lines keep
  the file name (``org.csv:4:1: error MOR603 ...``), relative to the workspace.

Adding a case is adding files. ``MORCTL_REGENERATE=1 pytest tests/test_validate_corpus.py``
rewrites every ``.diag`` from the current output; review the diff before committing it.

Every case runs through the real command line, in-process (``morctl.cli.run``), in each
output format, from inside a copy of the workspace, so that paths read as a user sees them.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import ACME, DATA, Result, acme_edited, morctl
from morctl import cli
from morctl.validate import validate_workspace

OK = sorted((DATA / "rhythms" / "ok").glob("*.yaml"))
BAD = sorted((DATA / "rhythms" / "bad").glob("*.yaml"))
WORKSPACES = sorted(p for p in (DATA / "workspaces" / "bad").iterdir() if p.is_dir())
OK_WORKSPACES = sorted(p for p in (DATA / "workspaces" / "ok").iterdir() if p.is_dir())
SOURCES = sorted((Path(__file__).resolve().parent.parent / "src" / "morctl").glob("*.py"))
REGENERATE = os.environ.get("MORCTL_REGENERATE") == "1"
# The date checks look at the next twelve months; pin "today" so that they are reproducible.
TODAY = "2026-03-02"

DIAG_KEYS = {"file", "line", "column", "severity", "code", "message", "hint"}
# A diagnostic about a file or folder as a whole (MOR100) has no line or column.
GITHUB = re.compile(
    r"^::(?P<severity>error|warning) file=(?P<file>[^,]+),(?:line=(?P<line>\d+),"
    r"col=(?P<col>\d+),)?(?:title=(?P<title>[^:,]+))?::(?P<message>.+)$"
)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MORCTL_TODAY", TODAY)


def validate(
    capsys: pytest.CaptureFixture[str], *args: str, workspace: str = "."
) -> dict[str, Result]:
    """`morctl validate WORKSPACE ARGS --format F` for each format, in-process."""
    runs = {}
    for fmt in ("text", "json", "github"):
        code = cli.run(["validate", workspace, *args, "--format", fmt])
        out, err = capsys.readouterr()
        runs[fmt] = Result(code, out, err)
        assert "Traceback" not in out + err
        assert "internal error" not in err, err
        assert err == "", f"validate wrote to stderr: {err}"
    return runs


def headlines(doc: dict) -> list[str]:
    """As the text format prints them: a line break quoted from the file (in a bad id) is
    written `\\n` there, another control character shown as U+FFFD; JSON keeps them."""
    from morctl.diagnostics import one_line

    return [
        one_line(
            f"{d['file']}:{d['line']}:{d['column']}: {d['severity']} {d['code']} " + d["message"]
        )
        for d in doc["diagnostics"]
    ]


def check_formats(runs: dict[str, Result], root: Path) -> list[str]:
    """Every format tells the same story; returns the headlines."""
    doc = json.loads(runs["json"].out)
    assert set(doc) == {"ok", "errors", "warnings", "diagnostics"}
    lines = headlines(doc)
    errors = sum(d["severity"] == "error" for d in doc["diagnostics"])
    warnings = sum(d["severity"] == "warning" for d in doc["diagnostics"])
    assert (doc["ok"], doc["errors"], doc["warnings"]) == (errors == 0, errors, warnings)
    for d in doc["diagnostics"]:
        assert set(d) == DIAG_KEYS
        assert d["severity"] in ("error", "warning")
        assert re.fullmatch(r"MOR\d{3}", d["code"])
        assert isinstance(d["line"], int) and d["line"] >= 1
        assert isinstance(d["column"], int) and d["column"] >= 1
        assert d["hint"] is None or isinstance(d["hint"], str)
    expected_code = 1 if errors else 0
    for fmt, run in runs.items():
        assert run.code == expected_code, (fmt, run.out)
    lines = check_text(runs["text"].out, lines, root)
    check_github(runs["github"].out, doc, lines)
    return lines


def as_whole(headline: str) -> str:
    """A headline from JSON as text shows it for a file or folder as a whole: JSON says
    line 1, column 1, where text shows no line or column (MOR100)."""
    return re.sub(r"^(.+?):1:1: ((?:error|warning) MOR100 )", r"\1: \2", headline)


def check_text(out: str, lines: list[str], root: Path) -> list[str]:
    """Each diagnostic's headline, then the source line with a caret under the column.
    Returns the headlines as text shows them."""
    text = out.splitlines()
    assert text[-1] == summary(lines)
    i = 0
    said: list[str] = []
    for headline in lines:
        if text[i] != headline and text[i] == as_whole(headline):
            said.append(text[i])  # nothing in the file to show: no excerpt
            i += 1
            if i < len(text) and text[i].startswith("     = hint: "):
                i += 1
            continue
        assert text[i] == headline
        said.append(headline)
        i += 1
        m = re.match(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): ", headline)
        assert m
        source = root / m["file"]
        if i < len(text) and (excerpt := re.match(r"^ *(\d+) \| (.*)$", text[i])):
            assert int(excerpt[1]) == int(m["line"])
            caret = re.match(r"^ *\| ( *)\^$", text[i + 1])
            assert caret, text[i + 1]
            assert text[i].index("|") == text[i + 1].index("|")
            shown, pad, col = excerpt[2], len(caret[1]), int(m["col"])
            at = index_at_cell(shown, pad)
            if source.is_file():
                line = source_line(source, int(m["line"]))
                if shown != line:  # a long line, shown in part around the column
                    assert "…" in shown and shown.strip("…") in line
                if col <= len(line):
                    assert shown[at] == line[col - 1]  # the caret is under the column
            if "…" not in shown:
                assert at == col - 1
            i += 2
        if i < len(text) and text[i].startswith("     = hint: "):
            i += 1
    assert text[i:] == ([""] if lines else []) + [summary(lines)]
    return said


def index_at_cell(text: str, cells: int) -> int:
    """The index of the character that a terminal draws at cell ``cells`` (0-based): CJK
    and emoji take two cells (east Asian width W or F), combining marks none."""
    used = 0
    for i, char in enumerate(text):
        if used >= cells and not unicodedata.combining(char):
            assert used == cells, f"the caret is inside a wide character of {text!r}"
            return i
        if not unicodedata.combining(char):
            used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return len(text) + cells - used


def source_line(path: Path, number: int) -> str:
    """The line as the excerpt shows it: tabs as one space, control characters (and the
    bidirectional ones) as U+FFFD."""
    raw = path.read_bytes()
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))  # shown decoded, though refused
    text = raw.decode("utf-16" if utf16 else "utf-8-sig", "replace").removeprefix("\ufeff")
    breaks = r"\r\n|[\r\n\x85\u2028\u2029]" if path.suffix == ".yaml" else r"\r\n|[\r\n]"
    line = re.split(breaks, text)[number - 1]
    return re.sub(
        "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "\ufffd", line.expandtabs(1)
    )


def summary(lines: list[str]) -> str:
    errors = sum(" error MOR" in ln for ln in lines)
    warnings = len(lines) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def check_github(out: str, doc: dict, lines: list[str]) -> None:
    rows = out.splitlines()
    assert len(rows) == len(doc["diagnostics"])
    for row, d, headline in zip(rows, doc["diagnostics"], lines, strict=True):
        m = GITHUB.match(row)
        assert m, row
        assert m["severity"] == d["severity"]
        if m["line"] is None:  # the file as a whole, as the text says
            assert (d["line"], d["column"]) == (1, 1) and not re.match(r"^.+?:1:1: ", headline)
        else:
            assert (int(m["line"]), int(m["col"])) == (d["line"], d["column"])
        assert m["message"].startswith(d["code"] + " ")


def compare(expected_file: Path, actual: list[str]) -> None:
    if REGENERATE:
        expected_file.write_text("".join(f"{ln}\n" for ln in actual), encoding="utf-8")
        return
    assert expected_file.exists(), f"missing {expected_file}; run with MORCTL_REGENERATE=1"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected


@pytest.mark.parametrize("path", OK, ids=[p.stem for p in OK])
def test_ok_rhythm_is_clean(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(path, tmp_path / "rhythm.yaml")
    monkeypatch.chdir(tmp_path)
    runs = validate(capsys, "--strict")
    assert check_formats(runs, tmp_path) == []
    assert runs["text"].out == "0 errors, 0 warnings\n"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_rhythm(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(path, tmp_path / "rhythm.yaml")
    monkeypatch.chdir(tmp_path)
    lines = check_formats(validate(capsys), tmp_path)
    assert lines, "a bad example must produce at least one diagnostic"
    assert all(ln.startswith("rhythm.yaml:") for ln in lines), lines
    compare(path.with_suffix(".diag"), [ln.removeprefix("rhythm.yaml:") for ln in lines])
    # --strict fails on warnings too.
    assert cli.run(["validate", ".", "--strict"]) == 1
    capsys.readouterr()


@pytest.mark.parametrize("folder", OK_WORKSPACES, ids=[p.name for p in OK_WORKSPACES])
def test_ok_workspace_is_clean(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(folder, root)
    monkeypatch.chdir(root)
    runs = validate(capsys, "--strict")
    assert check_formats(runs, root) == []


@pytest.mark.parametrize("folder", WORKSPACES, ids=[p.name for p in WORKSPACES])
def test_bad_workspace(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(folder, root, ignore=shutil.ignore_patterns("expected.diag"))
    monkeypatch.chdir(root)
    lines = check_formats(validate(capsys), root)
    assert lines
    compare(folder / "expected.diag", lines)


def test_every_code_from_rhythm_yaml_has_a_bad_example() -> None:
    """The corpus covers each code that rhythm.yaml alone can produce."""
    # a missing file or folder; a CSV row's length; both org.yaml and org.csv
    roster_only = {"MOR100", "MOR205", "MOR609", "MOR612"}
    generated = {"MOR108"}  # the 20 MB file is written by its test, not committed
    # validate --logs, tested with the logs (test_cli_basics.py, test_logs.py)
    logs = {"MOR801", "MOR802", "MOR803"}
    used = set(re.findall(r'"(MOR\d{3})"', "".join(p.read_text() for p in SOURCES)))
    covered = {ln.split()[2] for p in (DATA / "rhythms" / "bad").glob("*.diag") for ln in p.open()}
    assert used - roster_only - generated - logs - covered == set()
    in_workspaces = {ln.split()[2] for p in WORKSPACES for ln in (p / "expected.diag").open()}
    assert roster_only <= in_workspaces


# --- inputs generated here rather than committed -------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        # a key one space too far in
        ("morctl: 1\nid: x\nroles:\n  manager:\n    title: M\n     capacity: 2h\n", (6, 14),
         "check the indentation of this line and the line above it"),
        # a key one level too far out, noticed on the next line
        ("morctl: 1\nlevers:\n  a: b\nroles:\n  m:\n    title: M\n  capacity: 2h\n    span: 3\n",
         (8, 9), "check the indentation of this line and the line above it"),
        # a key with its colon left out: YAML reads the line as text and fails on the next
        # key, with words about indentation
        ("morctl: 1\nid: x\nactivities:\n  a:\n    title Weekly pipeline review\n"
         "    area: execution\n", (5, 10), "add the colon: title: Weekly pipeline review"),
        ("morctl: 1\nid: x\npeople:\n  - id: a\n    role: rep\n    manager b\n", (6, 12),
         "add the colon: manager: b"),
        # text over two lines, indented under its key, is not taken for one
        ("morctl: 1\nid: x\nname: Weekly\n  review\n  more: x\n", (5, 7),
         "check the indentation of this line"),
        # a { left open: named where it opened, not a hint about the good line below it
        ("morctl: 1\nroles: {manager: {title: M, capacity: 2h}\nid: x\n", (3, 1),
         "the { opened on line 2, column 8 is not closed: close it with } where that entry "
         "ends"),
        ("morctl: 1\nid: x\nroles:\n  m: {title: M, capacity: 2h\n  rep: {title: Account "
         "executive}\n", (5, 6), "the { opened on line 4, column 6 is not closed"),
        # ... on the last line: the parser stops past the end of the file, put at its end
        ("morctl: 1\nid: x\nlevers: [a, b\n", (3, 14), "the [ opened on line 3, column 9 is "
         "not closed: close it with ] where that entry ends"),
        # text whose first character means something to YAML, or with a quote inside quotes:
        # the parser talks of tokens and keys (or of indentation), and the fix is quotes
        ("morctl: 1\nname: @home review\n", (2, 7),
         'text that starts with @ needs quotes: name: "@home review"'),
        ("morctl: 1\nname: `Weekly` review\n", (2, 7),
         'text that starts with ` needs quotes: name: "`Weekly` review"'),
        ("morctl: 1\nname: [Q3] review\n", (2, 12),
         'text that starts with [ needs quotes: name: "[Q3] review"'),
        ("morctl: 1\nlevers:\n  - *Weekly* review\nid: x\n", (3, 12), None),
        ("morctl: 1\nname: *Weekly* review\n", (2, 14),
         'text that starts with * needs quotes: name: "*Weekly* review"'),
        ("morctl: 1\nname: - Weekly review\n", (2, 7),
         'text that starts with - needs quotes: name: "- Weekly review"'),
        ("morctl: 1\nname: 'Rep's review'\n", (2, 12),
         "a ' inside '...' is written twice: name: 'Rep''s review'"),
        ('morctl: 1\nname: "The "best" review"\n', (2, 13),
         "a \" inside \"...\" needs single quotes outside: name: 'The \"best\" review'"),
        # a quote left open before text that could not stand unquoted either
        ('morctl: 1\nname: "Review: pipeline\nid: x\nlevers: {a: b}\n', (2, 7),
         "close the quote at the end of the text on this line\n"),
        ('morctl: 1\nname: "@home review\nid: x\n', (2, 7),
         "close the quote at the end of the text on this line\n"),
        # ... and before ten thousand brackets: the search for it does not build them
        ('morctl: 1\nname: "' + "[" * 10_000 + "\n", (2, 7),
         "close the quote at the end of the text on this line\n"),
        # quoted text over two lines that the parser read well past is meant, not blamed
        ('morctl: 1\nname: "A long name\n  over two lines"\nid: x\nlevers: {a: b}\n'
         "roles:\n  m: {title: M}\nactivities:\n  huddle:\n    title: @home huddle\n", (10, 12),
         'text that starts with @ needs quotes: title: "@home huddle"\n'),
        # an apostrophe in a word inside '...'
        ("morctl: 1\nname: 'Sean O'Neil\n", (2, 15),
         "a ' inside '...' is written twice: name: 'Sean O''Neil'\n"),
        # a comment after the value stays out of the hint
        ("morctl: 1\nname: 'Rep's review'  # the rep's own\n", (2, 12),
         "a ' inside '...' is written twice: name: 'Rep''s review'\n"),
        ('morctl: 1\nname: "Weekly" review\n', (2, 16),
         "text after the closing quote goes inside quotes: name: '\"Weekly\" review'\n"),
        # a quote in text that runs on over lines is no unclosed quote: the error is below
        ('activities:\n  review:\n    description: >-\n      asks each rep, "what would\n'
         '      make it close?" and notes it.\n  huddle:\n    title: @home huddle\n', (7, 12),
         'text that starts with @ needs quotes: title: "@home huddle"\n'),
        ('morctl: 1\nname: "Rep\'s "best" review"\n', (2, 15),
         'a " inside "..." is written \\": name: "Rep\'s \\"best\\" review"'),
    ],
)  # fmt: skip
def test_yaml_syntax_errors_say_what_to_look_for(
    tmp_path: Path, text: str, where: tuple[int, int], hint: str | None
) -> None:
    (tmp_path / "rhythm.yaml").write_text(text, encoding="utf-8")
    (d,) = validate_workspace(str(tmp_path)).diagnostics
    assert (d.code, d.line, d.column) == ("MOR101", *where)
    if hint is None:
        return
    assert d.hint is not None
    if hint.endswith("\n"):  # the whole hint
        assert d.hint == hint[:-1]
    else:
        assert d.hint.startswith(hint), d.hint


def test_hints_for_a_misspelt_zone_and_a_manager_not_in_the_roster(tmp_path: Path) -> None:
    shutil.copytree(ACME, tmp_path / "ws", ignore=shutil.ignore_patterns("logs"))
    org = tmp_path / "ws" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    text = text.replace("timezone: America/New_York", "timezone: America/New_Yrok", 1)
    text = text.replace("manager: priya", "manager: zoe", 1)
    org.write_text(text, encoding="utf-8")
    hints = {d.code: d.hint for d in validate_workspace(str(tmp_path / "ws")).diagnostics}
    assert hints["MOR605"] == "did you mean 'America/New_York'?"
    assert hints["MOR603"] == "add a person with the id 'zoe' to the roster, or correct the manager"


def _acme_with_org_csv(tmp_path: Path, text: str) -> Path:
    """The example workspace with ``text`` as its roster, an org.csv as an export gives it."""
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs", "org.yaml"))
    (ws / "org.csv").write_text(text, encoding="utf-8")
    return ws


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("London", "did you mean 'Europe/London'?"),
        ("new york", "did you mean 'America/New_York'?"),
        ("Eastern Standard Time", "did you mean 'America/New_York'?"),  # Windows' name
        ("America/New_Yrok", "did you mean 'America/New_York'?"),
        # The city right, the region wrong: not America/Moncton, closest in letters
        ("America/London", "did you mean 'Europe/London'?"),
        ("Europe/NewYork", "did you mean 'America/New_York'?"),
        ("America/Paris", "did you mean 'Europe/Paris'?"),
        # An offset was pointed at 'GMT+0', which is UTC: never a fixed zone as the fix.
        ("GMT+1", "an offset from UTC has no daylight saving, so meetings would move by an "
                  "hour twice a year: give the office's city zone, such as Europe/Paris"),
        ("UTC+01:00", "an offset from UTC has no daylight saving, so meetings would move by "
                      "an hour twice a year: give the office's city zone, such as Europe/Paris"),
    ],
)  # fmt: skip
def test_a_time_zone_as_hr_systems_write_it_gets_the_place_it_means(zone: str, hint: str) -> None:
    from morctl.checkbase import zone_hint

    assert zone_hint(zone, "Europe/Paris") == hint


DST_OFFSET = (
    "an offset from UTC has no daylight saving, so meetings would move by an hour twice a "
    "year: give the office's city zone, such as "
)


@pytest.mark.parametrize(
    ("zone", "countries", "hint"),
    [
        # A zone of the person's country whose winter offset is the one written.
        ("UTC-5", ("US",), DST_OFFSET + "America/New_York"),
        ("UTC−5", ("US",), DST_OFFSET + "America/New_York"),  # U+2212, as Wikipedia writes it
        ("utc -5", ("US",), DST_OFFSET + "America/New_York"),
        ("-0500", ("US",), DST_OFFSET + "America/New_York"),
        ("UTC-8", ("US-CA",), DST_OFFSET + "America/Los_Angeles"),
        ("GMT+1", ("FR",), DST_OFFSET + "Europe/Paris"),
        ("+01:00", ("NO",), DST_OFFSET + "Europe/Oslo"),  # Norway's own, not Berlin's
        ("UTC+1", ("uk",), DST_OFFSET + "Europe/London"),  # British summer time
        ("UTC-4", ("US",), DST_OFFSET + "America/New_York"),  # New York's summer
        # Several zones of the country at one offset: the main city's, not tzdata's first
        # (Antarctica/Macquarie, America/Adak, America/Belem).
        ("UTC+10", ("AU-NSW",), DST_OFFSET + "Australia/Sydney"),
        ("UTC-10", ("US",), "a time zone is named by its place, not by its offset from UTC: "
                            "give the office's city zone, such as Pacific/Honolulu"),
        ("UTC-3", ("BR",), "a time zone is named by its place, not by its offset from UTC: "
                           "give the office's city zone, such as America/Sao_Paulo"),
        # A place without daylight saving is not told it loses an hour twice a year.
        ("UTC+05:30", ("IN",), "a time zone is named by its place, not by its offset from "
                               "UTC: give the office's city zone, such as Asia/Kolkata"),
        ("UTC+5:30", ("IN",), "a time zone is named by its place, not by its offset from "
                              "UTC: give the office's city zone, such as Asia/Kolkata"),
        # No country, or none of its zones at that offset: a well-known city that is.
        ("UTC-5", (), DST_OFFSET + "America/New_York"),
        ("UTC-5", ("FR",), DST_OFFSET + "America/New_York"),
        ("UTC+9", (), "a time zone is named by its place, not by its offset from UTC: give "
                      "the office's city zone, such as Asia/Tokyo"),
        # No zone at all at that offset: the person's country's main zone, not Paris.
        ("UTC+7:15", ("US",), "no time zone is at that offset from UTC: give the office's "
                              "city zone, such as America/New_York"),
        ("UTC+7:15", (), "no time zone is at that offset from UTC: give the office's "
                         "city zone, such as Europe/Paris"),
        ("UTC-6", ("MX",), "a time zone is named by its place, not by its offset from UTC: "
                           "give the office's city zone, such as America/Mexico_City"),
    ],
)  # fmt: skip
def test_an_offset_is_pointed_at_a_zone_of_the_persons_country(
    zone: str, countries: tuple[str, ...], hint: str
) -> None:
    from morctl.checkbase import zone_hint

    assert zone_hint(zone, "Europe/Paris", countries) == hint


@pytest.mark.parametrize(
    ("zone", "countries", "meant"),
    [
        # Names people say, by the person's country where the word means another place.
        ("Eastern", ("US",), "America/New_York"),
        ("Eastern", ("CA-ON",), "America/Toronto"),  # not the old name Canada/Eastern
        ("Eastern Time", (), "America/New_York"),
        ("PST", ("US",), "America/Los_Angeles"),
        ("CST", ("US",), "America/Chicago"),
        ("CST", ("CN",), "Asia/Shanghai"),
        ("IST", ("IN",), "Asia/Kolkata"),
        ("IST", ("IE",), "Europe/Dublin"),
        ("BST", ("GB-ENG",), "Europe/London"),
        ("AEST", ("AU-NSW",), "Australia/Sydney"),
        # A city found under an old name is offered under today's (MOR215 would flag it).
        ("Calcutta", ("IN",), "Asia/Kolkata"),
        ("US Eastern", (), "America/New_York"),
    ],
)
def test_a_zone_as_people_say_it_is_offered_the_zone_meant(
    zone: str, countries: tuple[str, ...], meant: str
) -> None:
    from morctl.checkbase import zone_hint

    assert zone_hint(zone, "Europe/Paris", countries) == f"did you mean '{meant}'?"


def test_an_offset_in_the_roster_or_the_rhythm_names_a_zone_of_its_country(
    tmp_path: Path,
) -> None:
    # A US person at UTC-5 was told "such as Europe/Paris". The rhythm's own timezone goes
    # by holidays.countries (GB-ENG, US, FR in the example): UTC-5 is only US's.
    shutil.copytree(ACME, tmp_path / "ws", ignore=shutil.ignore_patterns("logs"))
    org = tmp_path / "ws" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    # marcus and his five reps, in New York
    text = text.replace("timezone: America/New_York, country: US", "timezone: UTC-5, country: US")
    # alice and her reps in Paris, dana in Oslo, all at UTC+1: one message for each hint.
    text = text.replace("timezone: Europe/Paris, country: FR", "timezone: UTC+1, country: FR")
    text = text.replace(
        "timezone: Europe/London, country: GB-ENG}", "timezone: UTC+1, country: NO}", 1
    )
    org.write_text(text, encoding="utf-8")
    rhythm = tmp_path / "ws" / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8").replace("timezone: Europe/London", "timezone: UTC-5")
    rhythm.write_text(text, encoding="utf-8")
    got = [
        (d.code, d.message, d.hint) for d in validate_workspace(str(tmp_path / "ws")).diagnostics
    ]
    assert [(m, h) for c, m, h in got if c in ("MOR206", "MOR605")] == [
        ("dana: unknown time zone 'UTC+1'", DST_OFFSET + "Europe/Oslo"),
        (
            "marcus and 5 more (lines 52, 54, 56, 58 and 60): unknown time zone 'UTC-5'",
            DST_OFFSET + "America/New_York",
        ),
        (
            "alice and 4 more (lines 64, 66, 68 and 70): unknown time zone 'UTC+1'",
            DST_OFFSET + "Europe/Paris",
        ),
        ("timezone: unknown time zone 'UTC-5'", DST_OFFSET + "America/New_York"),
    ]


@pytest.mark.parametrize(
    ("country", "hint"),
    [
        ("gb-eng", "country codes are in capitals: GB-ENG"),
        ("uk", "country codes are in capitals; for UK, use GB-ENG for England (GB-WLS Wales, "
               "GB-SCT Scotland, GB-NIR Northern Ireland)"),
        ("United Kingdom", "did you mean 'GB-ENG'? (its region keeps its holidays)"),
        ("France", "did you mean 'FR'?"),
        # A three-letter code in lower case is offered the two-letter one (USA is taken
        # too, as the holidays package takes it).
        ("usa", "country codes are in capitals: US"),
        ("deu", "country codes are in capitals; for DEU, use the state: DE-BY (Munich), DE-NW "
                "(Düsseldorf, Cologne), DE-HE (Frankfurt), DE-BW (Stuttgart), DE-BE (Berlin), "
                "DE-HH (Hamburg), ..."),
        ("Germany", "that is DE; use the state: DE-BY (Munich), DE-NW (Düsseldorf, Cologne), "
                    "DE-HE (Frankfurt), DE-BW (Stuttgart), DE-BE (Berlin), DE-HH (Hamburg), ..."),
        ("usa-ny", "country codes are in capitals: US-NY"),
        # Names as the holidays package knows them, and as people abbreviate them
        ("United States", "did you mean 'US'?"),
        ("U.S.", "did you mean 'US'?"),
        ("u.s.a.", "did you mean 'US'?"),
        ("South Korea", "did you mean 'KR'?"),
        ("the Netherlands", "did you mean 'NL'?"),
        ("Britain", "did you mean 'GB-ENG'? (its region keeps its holidays)"),
        ("Switzerland", "that is CH; use the canton: CH-ZH (Zürich), CH-GE (Geneva), CH-BS "
                        "(Basel), CH-BE (Bern), ..."),
        ("Atlantis", "use an ISO 3166 code such as US, FR or NL, or a subdivision like GB-ENG "
                     "or DE-BY"),
    ],
)  # fmt: skip
def test_a_country_as_people_write_it_gets_its_code(country: str, hint: str) -> None:
    from morctl.checkbase import country_hint

    assert country_hint(country) == hint


def test_fixed_offset_zones_are_told_apart_from_places() -> None:
    # EST and GMT have no daylight saving where New York and London have it; HST is what
    # Honolulu keeps, and CET what Paris keeps: those are not warned about.
    from morctl.checkbase import fixed_zone

    assert fixed_zone("EST") is not None and fixed_zone("GMT") is not None
    assert fixed_zone("Etc/GMT-4") is not None
    for fine in ("HST", "CET", "UTC", "Europe/London", "Asia/Kolkata", "Etc/UTC"):
        assert fixed_zone(fine) is None, fine


@pytest.mark.parametrize(
    ("zone", "countries", "current"),
    [
        ("US/Eastern", (), "America/New_York"),
        ("US/Pacific", ("US",), "America/Los_Angeles"),
        ("GB", ("GB-ENG",), "Europe/London"),
        ("Asia/Calcutta", (), "Asia/Kolkata"),
        ("Europe/Kiev", (), "Europe/Kyiv"),
        ("Canada/Eastern", (), "America/Toronto"),
        # tzdata links Iceland to Africa/Abidjan, whose clock it shares: the person's
        # country names its own zone.
        ("Iceland", ("IS",), "Atlantic/Reykjavik"),
        ("Atlantic/Jan_Mayen", ("NO",), "Europe/Oslo"),
        # Current names, links among them (Amsterdam keeps Brussels' clock) and UTC by any
        # name; System V names (CET) are said otherwise, below.
        ("America/New_York", ("US",), None),
        ("Europe/Amsterdam", ("NL",), None),
        ("Europe/Oslo", (), None),
        ("UTC", (), None),
        ("Etc/UTC", (), None),
        ("Zulu", (), None),
        ("Not/A_Zone", (), None),
    ],
)
def test_old_zone_names_are_told_their_current_name(
    zone: str, countries: tuple[str, ...], current: str | None
) -> None:
    from morctl.checkbase import old_zone

    found = old_zone(zone, countries)
    if current is None:
        assert found is None
    else:
        assert found == (
            f"'{zone}' is an old name for {current}, and some calendar apps do not "
            "recognise old names",
            f"write {current}",
        )


def test_an_old_zone_name_down_an_export_warns_once_and_fails_only_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Existing rosters keep validating: a warning, which --strict turns into a failure.
    # Row 3 is p1; its timezone cell starts after "p1,Person 1,,rep,priya," (23 characters).
    rows = ["id,name,email,role,manager,timezone,country"]
    rows += [f"p{i},Person {i},,rep,priya,US/Eastern,US" for i in range(1, 5)]
    rows.insert(1, "priya,Priya Raman,,manager,,America/New_York,US")
    ws = _acme_with_org_csv(tmp_path, "\n".join(rows) + "\n")
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR215"]
    assert [(d.file, d.line, d.column, d.severity, d.message, d.hint) for d in found] == [
        (str(ws / "org.csv"), 3, 24, "warning", "p1 and 3 more (lines 4–6): time zone "
         "'US/Eastern' is an old name for America/New_York, and some calendar apps do not "
         "recognise old names",
         "write America/New_York"),
    ]  # fmt: skip
    assert not [d for d in validate_workspace(str(ws)).diagnostics if d.severity == "error"]
    assert cli.run(["validate", str(ws)]) == 0
    assert cli.run(["validate", str(ws), "--strict"]) == 1
    capsys.readouterr()


def test_one_bad_value_down_an_export_is_one_diagnostic(tmp_path: Path) -> None:
    # An HR export repeats a value down every row: one message names the first person and
    # counts the rest, as MOR213 does, instead of four thousand.
    shutil.copytree(ACME, tmp_path / "ws", ignore=shutil.ignore_patterns("logs"))
    org = tmp_path / "ws" / "org.yaml"
    text = org.read_text(encoding="utf-8").replace("Europe/London", "Eastern Standard Time")
    org.write_text(text.replace("country: FR", "country: France"), encoding="utf-8")
    got = [(d.code, d.message) for d in validate_workspace(str(tmp_path / "ws")).diagnostics]
    zones = [m for c, m in got if c == "MOR605"]
    countries = [m for c, m in got if c == "MOR606"]
    assert (
        len(zones) == 1
        and " more (lines 14, 16, 26, 28, 30, 32, 34, 36, …): unknown time zone "
        "'Eastern Standard Time'"
        in zones[0]
    )
    assert len(countries) == 1 and "unknown country 'France'" in countries[0]


def test_characters_nobody_sees_are_named_not_taken_for_the_text(tmp_path: Path) -> None:
    # A file saved twice (two byte-order marks) and a zone pasted with a zero-width space:
    # "unknown column 'id' (did you mean 'id'?)" and "unknown time zone 'Europe/London'"
    # contradicted themselves.
    ws = _acme_with_org_csv(
        tmp_path,
        "\ufeff\ufeffid,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London\u200b,GB-ENG\n",
    )
    got = [(d.code, d.message) for d in validate_workspace(str(ws)).diagnostics]
    assert not [m for c, m in got if "column" in m]
    assert ("MOR605", "dana: unknown time zone 'Europe/London\u200b' (it holds an invisible "
            "U+200B ZERO WIDTH SPACE after 'Europe/London': delete it)") in got  # fmt: skip


def test_an_id_with_an_invisible_character_names_it(tmp_path: Path) -> None:
    # "'soph\u200bie' is not an id" shows as 'sophie', which is one: say what is in it.
    ws = acme_edited(tmp_path, "org.yaml", "{id: sophie,", '{id: "soph\\u200bie",')
    got = [(d.code, d.message) for d in validate_workspace(str(ws)).diagnostics]
    assert ("MOR203", "Sophie Turner: id: 'soph\u200bie' is not an id (it holds an invisible "
            "U+200B ZERO WIDTH SPACE after 'soph': delete it): use lower-case letters, digits, "
            "'_' and '-', starting with a letter or digit") in got  # fmt: skip


def test_excels_empty_columns_are_passed_over_unless_they_hold_something(
    tmp_path: Path,
) -> None:
    # Excel saves the empty columns right of a formatted table as nameless columns: they
    # were an "unknown column ''" error each. Only one that holds a value is reported.
    rows = [
        "id,name,email,role,manager,timezone,country,,",
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG,,",
        "priya,Priya Raman,,manager,dana,Europe/London,GB-ENG,,",
        "oliver,Oliver Hughes,,rep,priya,Europe/London,GB-ENG,,",
    ]
    ws = _acme_with_org_csv(tmp_path, "\r\n".join(rows) + "\r\n")
    assert not [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR201"]
    rows[3] += "Oliver's notes"
    (ws / "org.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR201"]
    assert [(d.line, d.column, d.message) for d in found] == [
        (1, 46, "a column without a name holds values (first on line 4): they are not read")
    ]


@pytest.mark.parametrize(
    ("column", "meant"), [("Reports To", "manager"), ("Supervisor", "manager")]
)
def test_a_column_named_as_hr_systems_name_it_gets_its_name(
    tmp_path: Path, column: str, meant: str
) -> None:
    # `Reports To` is no spelling of `manager`: it got no hint, and every manager was
    # said to have no team (MOR611) as well.
    header = "id,name,email,role,manager,timezone,country".replace(meant, column)
    ws = _acme_with_org_csv(
        tmp_path,
        header + "\ndana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n"
        "priya,Priya Raman,,manager,dana,Europe/London,GB-ENG\n"
        "oliver,Oliver Hughes,,rep,priya,Europe/London,GB-ENG\n",
    )
    got = [(d.code, d.message) for d in validate_workspace(str(ws)).diagnostics]
    assert ("MOR201", f"unknown column '{column}' (did you mean '{meant}'?)") in got
    assert not [c for c, _ in got if c == "MOR611"]


def test_a_reports_footer_is_not_taken_for_a_short_row(tmp_path: Path) -> None:
    # A Salesforce report ends with lines of text: "add commas" would make each a person.
    ws = _acme_with_org_csv(
        tmp_path,
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n\n"
        '"Confidential Information - Do Not Distribute"\n',
    )
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR205"]
    assert [(d.line, d.hint) for d in found] == [
        (4, "a line of text, not a person (a report's title or footer, say): delete it")
    ]


def test_a_roster_row_short_of_cells_says_which_ones() -> None:
    # Too many cells: a name with a comma in it, unquoted. Too few: the empty cells at the
    # end left out (or a comma taken out), for which quoting is no help.
    ws = DATA / "workspaces" / "bad" / "csv-row-length"
    hints = {d.line: d.hint for d in validate_workspace(str(ws)).diagnostics}
    assert hints == {
        4: "if the last 2 (timezone, country) are empty, end the row with ,,; else a comma "
        "is missing in it",
        5: "quote cells that contain commas",
    }


def test_a_semicolon_roster_rows_hints_name_the_semicolon(tmp_path: Path) -> None:
    # org.csv from a European Excel: the hints of a row of the wrong length told of commas.
    ws = _acme_with_org_csv(
        tmp_path,
        "id;name;email;role;manager;timezone;country\n"
        "dana;Dana Whitfield;;vp;;Europe/London;GB-ENG\n"
        "priya;Priya Raman;;manager;dana;Europe/London;GB-ENG;x\n"
        "oliver;Oliver Hughes;;rep;priya\n",
    )
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR205"]
    assert [(d.line, d.message, d.hint) for d in found] == [
        (3, "row has 8 cells but the header has 7", "quote cells that contain semicolons"),
        (
            4,
            "row has 5 cells but the header has 7",
            "if the last 2 (timezone, country) are empty, end the row with ;;; else a "
            "semicolon is missing in it",
        ),
    ]


@pytest.mark.parametrize("declared", ["sep=;", "SEP=;\r", "\ufeffsep=;"])
def test_a_roster_whose_first_line_declares_its_separator_is_read(
    tmp_path: Path, declared: str
) -> None:
    # Excel writes `sep=;` first so that any locale splits the columns; logs read it, and
    # org.csv took it for a header of one unknown column (every row then the wrong length).
    ws = _acme_with_org_csv(
        tmp_path,
        f"{declared}\n"
        "id;name;email;role;manager;timezone;country\n"
        "dana;Dana Whitfield;;vp;;Europe/London;GB-ENG\n"
        "priya;Priya Raman;;manager;dana;Europe/London;GB-ENG;x\n"
        "oliver;Oliver Hughes;;rep;priya;Europe/London;GB-ENG\n",
    )
    found = [
        (d.code, d.line, d.column, d.message)
        for d in validate_workspace(str(ws)).diagnostics
        if d.severity == "error"
    ]
    assert found == [("MOR205", 4, 1, "row has 8 cells but the header has 7")]


def test_a_roster_of_a_separator_line_alone_is_empty(tmp_path: Path) -> None:
    ws = _acme_with_org_csv(tmp_path, "sep=;\n")
    found = [(d.code, d.line, d.message) for d in validate_workspace(str(ws)).diagnostics]
    assert ("MOR103", 2, "file is empty") in found


def test_twenty_megabyte_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line = b"# " + b"x" * 1021 + b"\n"
    with (tmp_path / "rhythm.yaml").open("wb") as f:
        f.write(b"morctl: 1\n")
        for _ in range(20 * 1024):
            f.write(line)
    monkeypatch.chdir(tmp_path)
    lines = check_formats(validate(capsys), tmp_path)
    assert lines == [
        "rhythm.yaml:1:1: error MOR108 file is 20.0 MB; morctl reads YAML files up to 10 MB"
    ]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    # A safety bound, not a benchmark: expanding this would take minutes and gigabytes.
    shutil.copyfile(DATA / "rhythms" / "bad" / "alias-bomb.yaml", tmp_path / "rhythm.yaml")
    started = time.perf_counter()
    result = validate_workspace(str(tmp_path))
    elapsed = time.perf_counter() - started
    assert [d.code for d in result.diagnostics] == ["MOR105"]
    assert elapsed < 1.0


def test_alias_budget_counts_only_what_aliases_add(tmp_path: Path) -> None:
    from morctl.yamlload import MAX_ALIASED_NODES, load_yaml

    # 1,001 nodes (a list of 1,000 texts) aliased n times adds 1,001 * n values.
    anchor = "a: &a [" + ", ".join(["x"] * 1000) + "]\n"
    under = load_yaml((anchor + "b: [" + ", ".join(["*a"] * 99) + "]\n").encode(), "f")
    assert [d.code for d in under.diagnostics] == [] and len(under.data["b"]) == 99
    over = load_yaml((anchor + "b: [" + ", ".join(["*a"] * 100) + "]\n").encode(), "f")
    assert [d.code for d in over.diagnostics] == ["MOR105"]
    assert 99 * 1001 <= MAX_ALIASED_NODES < 100 * 1001
    # The same number of values written out in full is only bounded by the file's size.
    plain = "b: [" + ", ".join(["x"] * 150_000) + "]\n"
    loaded = load_yaml(plain.encode(), "f")
    assert loaded.diagnostics == [] and len(loaded.data["b"]) == 150_000


def test_deep_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    # pyyaml's C composer overflows the C stack (a segfault) near 25,000 levels.
    depth = 200_000
    (tmp_path / "rhythm.yaml").write_text("morctl: 1\nx: " + "[" * depth + "]" * depth + "\n")
    result = validate_workspace(str(tmp_path))
    assert [d.code for d in result.diagnostics] == ["MOR109"]
    # PyYAML 6.0.4's scanner refuses at 1,000 levels before our count of events reaches
    # its limit; either way the refusal is ours, on the line of the brackets.
    assert result.diagnostics[0].line == 2 and result.diagnostics[0].column > 100


def test_workspace_that_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    runs = validate(capsys, workspace="no-such-folder")
    assert check_formats(runs, tmp_path) == [
        "no-such-folder: error MOR100 workspace folder 'no-such-folder' does not exist"
    ]


def test_workspace_that_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rhythm.yaml").write_text("morctl: 1\n")
    monkeypatch.chdir(tmp_path)
    runs = validate(capsys, workspace="rhythm.yaml")
    assert check_formats(runs, tmp_path) == [
        "rhythm.yaml: error MOR100 workspace folder 'rhythm.yaml' is not a folder"
    ]


def _rhythm_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    monkeypatch.chdir(tmp_path)
    return root


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("rhythm.yaml", "Too many levels of symbolic links"),  # a link to itself
        ("moved-away.yaml", "it is a link to a file that does not exist"),
    ],
)
def test_rhythm_yaml_that_is_a_broken_link(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    why: str,
) -> None:
    root = _rhythm_only(tmp_path, monkeypatch)
    (root / "rhythm.yaml").symlink_to(target)
    assert check_formats(validate(capsys, workspace="ws"), tmp_path) == [
        f"ws/rhythm.yaml: error MOR100 cannot read ws/rhythm.yaml: {why}"
    ]


def test_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _rhythm_only(tmp_path, monkeypatch)
    shutil.copyfile(DATA / "rhythms" / "ok" / "minimal.yaml", root / "rhythm.yaml")
    os.mkfifo(root / "org.yaml")  # opening it for reading would block until a writer came
    assert check_formats(validate(capsys, workspace="ws"), tmp_path) == [
        "ws/org.yaml: error MOR100 cannot read ws/org.yaml: not a regular file (a pipe or a device)"
    ]


def test_folder_that_cannot_be_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder without the x permission: stat() of anything inside fails with EACCES (root
    # ignores permissions, so the failure is simulated for the folder's contents).
    root = _rhythm_only(tmp_path, monkeypatch)
    shutil.copyfile(DATA / "rhythms" / "ok" / "minimal.yaml", root / "rhythm.yaml")
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith("ws/"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    assert check_formats(validate(capsys, workspace="ws"), tmp_path) == [
        "ws/rhythm.yaml: error MOR100 cannot read ws/rhythm.yaml: Permission denied"
    ]


# --- the command line as a user runs it (subprocesses) -------------------------------------


def _workspace(tmp_path: Path, example: str) -> Path:
    root = tmp_path / example
    root.mkdir()
    shutil.copyfile(DATA / "rhythms" / "bad" / f"{example}.yaml", root / "rhythm.yaml")
    return root


def _bad_workspace(tmp_path: Path) -> Path:
    return _workspace(tmp_path, "unknown-keys")


def test_a_team_meeting_no_time_suits_says_how_to_hold_it_apart(tmp_path: Path) -> None:
    # Chicago, Dubai and Sydney share no hour of the working day. A team meeting is held
    # with every direct report, so "an activity of its own" could not leave one out: the
    # hint names the one way the language has, a call per person of a role only they hold.
    root = _workspace(tmp_path, "attendee-hours")
    r = morctl("validate", str(root), "--format", "json", env={**os.environ, "MORCTL_TODAY": TODAY})
    hints = {
        d["hint"] for d in json.loads(r.out)["diagnostics"] if "activities.rollup" in d["message"]
    }
    assert hints == {
        "no time of the working day in America/Chicago is inside the working day of every "
        "zone of the team all year for this long: hold a call of its own for them, with: "
        "each_report and a report_role only they hold (see MOR510 in docs/diagnostics.md), "
        "or keep the warning"
    }


def test_cli_exit_codes(tmp_path: Path) -> None:
    bad = _bad_workspace(tmp_path)
    warn = _workspace(tmp_path, "coverage")  # warnings only
    env = {**os.environ, "MORCTL_TODAY": TODAY}
    assert morctl("validate", str(ACME), env=env).code == 0
    assert morctl("validate", str(ACME), "--strict", env=env).code == 0
    assert morctl("validate", str(bad), env=env).code == 1
    assert morctl("validate", str(warn), env=env).code == 0
    assert morctl("validate", str(warn), "--strict", env=env).code == 1
    # JSON's "ok" is the pass/fail decision the exit code makes.
    lenient = morctl("validate", str(warn), "--format", "json", env=env)
    strict = morctl("validate", str(warn), "--format", "json", "--strict", env=env)
    assert (lenient.code, json.loads(lenient.out)["ok"]) == (0, True)
    assert (strict.code, json.loads(strict.out)["ok"]) == (1, False)
    assert json.loads(strict.out)["errors"] == 0 and json.loads(strict.out)["warnings"] > 0
    assert morctl("validate", str(tmp_path / "nope"), env=env).code == 1
    for usage in (
        ("validate", str(ACME), "--format", "xml"),
        ("validate", str(ACME), "--bogus"),
        ("validate", str(ACME), str(ACME)),
    ):
        r = morctl(*usage, env=env)
        assert r.code == 2, usage
        assert r.out == ""
        assert "Traceback" not in r.err
        assert "Usage" in r.err


def test_cli_stdout_and_stderr(tmp_path: Path) -> None:
    """The report goes to stdout (it is the command's output, and JSON must parse from it);
    stderr stays empty unless morctl itself cannot run."""
    bad = _bad_workspace(tmp_path)
    env = {**os.environ, "MORCTL_TODAY": TODAY}
    for fmt in ("text", "json", "github"):
        r = morctl("validate", str(bad), "--format", fmt, env=env)
        assert r.code == 1
        assert r.err == ""
        assert "MOR201" in r.out
        assert "Traceback" not in r.out
    r = morctl("validate", str(bad), "--format", "json", env=env)
    doc = json.loads(r.out)
    assert doc["ok"] is False and doc["errors"] == len(doc["diagnostics"])
    r = morctl("validate", str(ACME), "--format", "json", env=env)
    assert json.loads(r.out) == {"ok": True, "errors": 0, "warnings": 0, "diagnostics": []}
    r = morctl("validate", str(ACME), "--format", "github", env=env)
    assert (r.code, r.out, r.err) == (0, "", "")


def test_cli_json_shape(tmp_path: Path) -> None:
    bad = _bad_workspace(tmp_path)
    r = morctl("validate", str(bad), "--format", "json")
    doc = json.loads(r.out)
    assert list(doc) == ["ok", "errors", "warnings", "diagnostics"]
    first = doc["diagnostics"][0]
    assert list(first) == ["file", "line", "column", "severity", "code", "message", "hint"]
    assert first["file"] == str(bad / "rhythm.yaml")


def test_cli_github_format(tmp_path: Path) -> None:
    bad = _bad_workspace(tmp_path)
    r = morctl("validate", str(bad), "--format", "github")
    rows = r.out.splitlines()
    assert rows
    for row in rows:
        m = GITHUB.match(row)
        assert m, row
        assert m["file"] == str(bad / "rhythm.yaml").replace(":", "%3A").replace(",", "%2C")


def test_github_format_escapes_newlines_and_percent() -> None:
    from morctl.diagnostics import Diagnostic, format_github

    d = Diagnostic("a,b:c.yaml", 3, 4, "error", "MOR201", "unknown key '50%'\nsecond", "h")
    (row,) = format_github([d], {}).splitlines()
    assert row == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=MOR201::"
        "MOR201 unknown key '50%25'%0Asecond (hint: h)"
    )


def test_text_format_writes_a_line_break_in_a_message_as_an_escape(tmp_path: Path) -> None:
    # `at: "50%\r\nx"` in the rhythm: the value quoted in the message was shown as
    # '50%\ufffd\ufffdx'; it reads as the YAML writes it, and the message stays one line.
    # Other control characters (a terminal's escape) are still shown as U+FFFD.
    from morctl.diagnostics import Diagnostic, format_text

    d = Diagnostic("f.yaml", 1, 1, "error", "MOR203", "'50%\r\nx\x1b[1m' is not a time", "a\nb")
    out = format_text([d], {}).splitlines()
    assert out[0] == "f.yaml:1:1: error MOR203 '50%\\r\\nx\ufffd[1m' is not a time"
    assert out[1] == "     = hint: a\\nb"
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    rhythm = ws / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text().replace('at: "09:00"', 'at: "50%\\r\\nx"', 1))
    r = morctl("validate", ".", cwd=ws)
    assert "cadence.at: '50%\\r\\nx' is not a time; write it as HH:MM" in r.out


def test_cli_text_shows_source_line_and_caret(tmp_path: Path) -> None:
    bad = _bad_workspace(tmp_path)
    r = morctl("validate", str(bad))
    text = r.out.splitlines()
    i = next(i for i, ln in enumerate(text) if "unknown key 'cadance'" in ln)
    m = re.search(r":(\d+):(\d+): error", text[i])
    assert m
    line, col = int(m[1]), int(m[2])
    assert re.match(rf"^ *{line} \| .*cadance:", text[i + 1])
    bar = text[i + 1].index("|")
    assert text[i + 2].index("^") == bar + 2 + col - 1
    assert text[i + 1][bar + 2 + col - 1 :].startswith("cadance")
    assert text[i + 3].strip().startswith("= hint: rename it to 'cadence'")


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [
        (19 * 60, "19:00"),
        (24 * 60, "24:00"),
        (13 * 60 + 16 * 45, "01:00 the next day"),  # 16 reports of 45m from 13:00
        (9 * 60 + 1000 * 30, "05:00 21 days later"),  # the largest span, 30m each
    ],
)
def test_end_of_a_run_names_the_day(minutes: int, shown: str) -> None:
    from morctl.cadencechecks import _clock

    assert _clock(minutes) == shown


def test_caret_is_padded_by_display_width() -> None:
    from morctl.diagnostics import Diagnostic, format_text

    line = "a: 経理\t🚀 x"  # 'x' is code point 9
    d = Diagnostic("f.yaml", 1, 9, "error", "MOR203", "m")
    out = format_text([d], {"f.yaml": [line]}).splitlines()
    assert out[1] == "   1 | a: 経理 🚀 x"  # the tab shown as one space
    # 'a: ' 3 cells, 経理 4, the tab 1, 🚀 2, ' ' 1: the caret after 11 cells
    assert out[2] == "     | " + " " * 11 + "^"


def test_excerpt_of_a_long_line_is_cut_before_it_is_escaped() -> None:
    from morctl.diagnostics import Diagnostic, format_text

    line = "x: [" + "1, " * 5000 + "\x07]"  # one long line, a control character at its end
    d = Diagnostic("f.yaml", 1, len(line), "error", "MOR203", "m")
    out = format_text([d], {"f.yaml": [line]}).splitlines()
    assert out[1] == "   1 | …" + ("1, " * 5000)[-98:] + "\ufffd]"
    assert out[2].endswith(" " * 99 + "^")


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16", "UTF-16"),  # with a byte order mark, as Notepad saves "Unicode"
        ("utf-16-le", "UTF-16"),  # without one: told apart by the NUL bytes
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-8", None),
        ("latin-1", None),
    ],
)
def test_utf16_and_utf32_files_are_named(codec: str, name: str | None) -> None:
    from morctl.yamlload import load_yaml, wide_encoding

    raw = "morctl: 1\nname: Café\n".encode(codec)
    assert wide_encoding(raw) == name
    if name is not None:
        (d,) = load_yaml(raw, "rhythm.yaml").diagnostics
        assert (d.line, d.column, d.code) == (1, 1, "MOR102")
        assert d.message == f"file is {name} text; morctl reads UTF-8"


def test_a_syntax_error_hint_says_what_to_do(tmp_path: Path) -> None:
    # The two slips a non-programmer makes most: ': ' inside unquoted text (the usual
    # indentation hint would send them to the wrong place) and a quote left open.
    bad = DATA / "rhythms" / "bad"
    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copy(bad / "yaml-colon-in-text.yaml", ws / "rhythm.yaml")
    r = morctl("validate", str(ws))
    assert r.code == 1
    assert (
        'hint: text with ": " in it needs quotes: win_rate: "Win rate: up from 22%' in r.err + r.out
    )
    shutil.copy(bad / "yaml-unclosed-quote.yaml", ws / "rhythm.yaml")
    r = morctl("validate", str(ws))
    assert r.code == 1
    assert "rhythm.yaml:37:17: error MOR101" in r.err + r.out
    assert "hint: close the quote at the end of the text on this line" in r.err + r.out


def test_a_manager_given_by_e_mail_is_named_by_id_in_the_hint() -> None:
    # HR exports give the manager's e-mail; the roster knows whose it is (case aside).
    r = morctl("validate", str(DATA / "workspaces" / "bad" / "csv-manager-by-email"),
               "--format", "json")  # fmt: skip
    hints = {(d["line"], d["hint"]) for d in json.loads(r.out)["diagnostics"]}
    assert hints == {
        (3, "that is the e-mail of dana: a manager is given by id, so write dana"),
        (4, None),  # nobody in the roster has that e-mail
    }


def test_a_manager_given_by_name_or_in_capitals_is_named_by_id(tmp_path: Path) -> None:
    ws = _acme_with_org_csv(
        tmp_path,
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n"
        "priya,Priya Raman,,manager,Dana Whitfield,Europe/London,GB-ENG\n"
        "oliver,Oliver Hughes,,rep,PRIYA,Europe/London,GB-ENG\n",
    )
    hints = [d.hint for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR203"]
    assert hints == [
        "that is the name of dana: a manager is given by id, so write dana",
        "ids are in lower case: write priya",  # priya's own row is left out, her id known
    ]


def test_a_manager_written_last_name_first_is_named_by_id(tmp_path: Path) -> None:
    # An export's "Last, First" (one comma) is tried as "First Last", spacing aside; two
    # commas are no name order, and get no hint.
    ws = _acme_with_org_csv(
        tmp_path,
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n"
        'priya,Priya Raman,,manager,"Whitfield, Dana",Europe/London,GB-ENG\n'
        'oliver,Oliver Hughes,,rep,"Raman,Priya",Europe/London,GB-ENG\n'
        'aisha,Aisha Khan,,rep,"Raman, Priya, Ms",Europe/London,GB-ENG\n',
    )
    hints = [d.hint for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR203"]
    assert hints == [
        "written last name first: that is dana: a manager is given by id, so write dana",
        "written last name first: that is priya: a manager is given by id, so write priya",
        None,
    ]


def test_a_quote_that_swallows_the_next_row_says_who_is_missing(tmp_path: Path) -> None:
    # A quote opened in line 3's email cell closes in line 4: the row still has seven cells,
    # so the only mistake seen is a line break in the e-mail; oliver's row is gone into it.
    ws = _acme_with_org_csv(
        tmp_path,
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n"
        'priya,Priya Raman,"priya@a.example,manager,dana,Europe/London,GB-ENG\n'
        'oliver,Oliver Hughes,oliver@a.example",manager,dana,Europe/London,GB-ENG\n'
        "aisha,Aisha Khan,,rep,priya,Europe/London,GB-ENG\n",
    )
    r = morctl("validate", str(ws))
    assert r.code == 1
    assert (
        "org.csv:3:19: error MOR203 priya, column email: has a line break (character 50), "
        "but it is shown on one line (a calendar title, a table row); remove the break; the "
        "cell runs on into line 4: an unclosed quote in it swallowed the next row, so "
        "oliver on line 4 is missing"
    ) in r.out
    assert "hint: close the quote where the cell ends on line 3" in r.out
    # The id column need not come first: the person missing is named by it all the same.
    (ws / "org.csv").write_text(
        "name,id,email,role,manager,timezone,country\n"
        "Dana Whitfield,dana,,vp,,Europe/London,GB-ENG\n"
        'Priya Raman,priya,"priya@a.example,manager,dana,Europe/London,GB-ENG\n'
        'Oliver Hughes,oliver,oliver@a.example",manager,dana,Europe/London,GB-ENG\n'
        "Aisha Khan,aisha,,rep,priya,Europe/London,GB-ENG\n"
    )
    assert "so oliver on line 4 is missing" in morctl("validate", str(ws)).out


def test_a_manager_whose_own_id_is_refused_is_told_the_id_to_write_in_both(
    tmp_path: Path,
) -> None:
    # `VERA` is refused as an id, and given as a manager: 'vera' is what to write in both
    # places, not "correct that id" with nothing to go by; unless someone has vera already.
    rows = (
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n"
        "VERA,Vera Lund,vera@a.example,manager,dana,Europe/London,GB-ENG\n"
        "oliver,Oliver Hughes,,rep,VERA,Europe/London,GB-ENG\n"
        "owen,Owen Price,,rep,vera@a.example,Europe/London,GB-ENG\n"
    )
    ws = _acme_with_org_csv(tmp_path, rows)
    hints = [d.hint for d in validate_workspace(str(ws)).diagnostics if "manager" in d.message]
    assert hints == [
        "ids are in lower case: write vera here, and for that person's own id 'VERA', which "
        "is refused too",
        "that is the e-mail of the person with the id 'VERA', which is refused too: write vera "
        "as their id, and here",
    ]
    ws = _acme_with_org_csv(tmp_path / "taken", rows + "vera,Vera Berg,,rep,dana,UTC,\n")
    hints = [d.hint for d in validate_workspace(str(ws)).diagnostics if "manager" in d.message]
    assert hints == [
        "vera and VERA both have that id: give the manager's id",
        "that is the e-mail of the person with the id 'VERA', which is refused too: correct "
        "that id, then give it here",
    ]


def test_a_manager_given_by_a_name_close_to_one_person_s_is_offered_their_id(
    tmp_path: Path,
) -> None:
    rows = (
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG\n"
        'liv,"Olivia ""Liv"" Brown",,manager,dana,Europe/London,GB-ENG\n'
        "hamad,Hamad,hamad.almansoori@a.example,manager,dana,Asia/Dubai,AE\n"
        "bob1,Bob Lee,,manager,dana,Europe/London,GB-ENG\n"
        "bob2,Bob Leee,,manager,dana,Europe/London,GB-ENG\n"
        "r1,Rep One,,rep,Olivia Brown,Europe/London,GB-ENG\n"
        "r2,Rep Two,,rep,Olivia Jane Brown,Europe/London,GB-ENG\n"
        "r3,Rep Three,,rep,Hamad Al Mansoori,Europe/London,GB-ENG\n"
        "r4,Rep Four,,rep,Bob Le,Europe/London,GB-ENG\n"  # as near one Bob as the other
        "r5,Rep Five,,rep,Dana Whitfeld,Europe/London,GB-ENG\n"
        "r6,Rep Six,,rep,Priya Raman,Europe/London,GB-ENG\n"  # nobody like her
    )
    ws = _acme_with_org_csv(tmp_path, rows)
    hints = {
        d.message.split(",")[0]: d.hint
        for d in validate_workspace(str(ws)).diagnostics
        if "column manager" in d.message
    }
    assert hints == {
        "r1": 'nobody has that name, but the name of liv is Olivia "Liv" Brown: if liv is the '
        "manager, write liv",
        "r2": 'nobody has that name, but the name of liv is Olivia "Liv" Brown: if liv is the '
        "manager, write liv",
        "r3": "nobody has that name, but the e-mail of hamad, hamad.almansoori@a.example, "
        "spells that name: if hamad is the manager, write hamad",
        "r4": None,
        "r5": "nobody has that name, but the name of dana is Dana Whitfield: if dana is the "
        "manager, write dana",
        "r6": None,
    }
    # Two people with that name: neither is offered.
    ws = _acme_with_org_csv(tmp_path / "two", rows + "liv2,Olivia Brown,,rep,dana,UTC,\n")
    hints = {
        d.message.split(",")[0]: d.hint
        for d in validate_workspace(str(ws)).diagnostics
        if "column manager" in d.message
    }
    assert hints["r2"] is None


def test_managers_given_by_e_mail_down_an_export_are_said_once_each(tmp_path: Path) -> None:
    # An HR export gives every manager by e-mail: one message a manager (not a row), each
    # with the id to write, also for a manager whose own row is left out for the same slip.
    rows = ["id,name,email,role,manager,timezone,country", "dana,Dana,dana@a.example,vp,,UTC,"]
    for m in ("priya", "tomasz"):
        rows.append(f"{m},{m.title()},{m}@a.example,manager,dana@a.example,UTC,")
        rows += [f"{m}{i},Rep {i},{m}{i}@a.example,rep,{m}@a.example,UTC," for i in range(30)]
    ws = _acme_with_org_csv(tmp_path, "\n".join(rows) + "\n")
    got = [
        (d.line, d.message.split(":")[0], d.hint)
        for d in validate_workspace(str(ws)).diagnostics
        if d.code == "MOR203"
    ]
    assert got == [
        (3, "priya and 1 more (line 34), column manager", "that is the e-mail of dana: a "
         "manager is given by id, so write dana"),
        (4, "priya0 and 29 more (lines 5–33), column manager", "that is the e-mail of priya: a "
         "manager is given by id, so write priya"),
        (35, "tomasz0 and 29 more (lines 36–64), column manager", "that is the e-mail of "
         "tomasz: a manager is given by id, so write tomasz"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("places", "said"),
    [
        ([("org.csv", 12)], "line 12"),
        ([("org.csv", 12), ("org.csv", 13)], "lines 12 and 13"),
        ([("org.csv", 19), ("org.csv", 12), ("org.csv", 15)], "lines 12, 15 and 19"),
        ([("org.csv", n) for n in range(5, 35)], "lines 5–34"),
        ([("org.csv", n) for n in range(5, 100, 3)], "lines 5, 8, 11, 14, 17, 20, 23, 26, …"),
        ([("org.csv", 4), ("org.yaml", 3)], "line 4 and org.yaml:3"),
    ],
)
def test_a_value_said_once_for_many_rows_names_the_other_lines(
    places: list[tuple[str, int]], said: str
) -> None:
    from morctl.diagnostics import others_at

    assert others_at("org.csv", places) == said


def test_lists_are_joined_as_prose() -> None:
    from morctl.diagnostics import joined

    assert [joined([]), joined(["US"]), joined(["US", "FR"])] == ["", "US", "US and FR"]
    assert joined(["US", "FR", "GB-ENG"], "or") == "US, FR or GB-ENG"


def test_a_manager_e_mail_two_people_have_names_neither(tmp_path: Path) -> None:
    # An address copied onto a second person: naming the last one put the rep under the
    # wrong manager once the hint was taken.
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "workspaces" / "bad" / "csv-manager-by-email", ws)
    org = ws / "org.csv"
    lines = org.read_text(encoding="utf-8").splitlines(True)
    email = next(c for c in lines[1].split(",") if "@" in c)
    lines.append(lines[1].replace(lines[1].split(",")[0], "dana2", 1))
    org.write_text("".join(lines), encoding="utf-8")
    r = morctl("validate", str(ws), "--format", "json")
    hints = [d["hint"] for d in json.loads(r.out)["diagnostics"] if d["code"] == "MOR203"]
    assert (
        "dana and dana2 both have that e-mail: give the manager's id, and correct the "
        "e-mail of the other" in hints
    ), (email, hints)


@pytest.mark.parametrize(
    ("rows", "hint"),
    [
        # Excel read the ids as numbers: 000101 became 101, and 001101 (a rep) is closer in
        # letters than the CRO it means.
        (
            "000101,Dana,,vp,\n000102,Priya,,manager,101\n001101,Oliver,,rep,000102\n",
            "leading zeros look dropped (Excel does this): write 000101",
        ),
        # A vacant post: the closest id is a rep of the same name, elsewhere; Olga Okafor,
        # a manager, is a name less close than that namesake's, and no better a guess.
        (
            "dana,Dana,,vp,\nolga-okafor,Olga Okafor,,manager,dana\n"
            "liam-okafor-4,Liam Okafor,,rep,olga-okafor\noliver,Oliver,,rep,liam-okafor\n",
            "no one with that id; 'liam-okafor-4' is another person of that name",
        ),
        (
            "dana,Dana,,vp,\nliam-okafor-2,Liam Okafor,,manager,dana\n"
            "liam-okafor-3,Liam Okafor,,rep,liam-okafor-2\noliver,Oliver,,rep,liam-okafor\n",
            "no one with that id; 'liam-okafor-2' and 'liam-okafor-3' are other people of that "
            "name",
        ),
        # `thoma` is closest to Thomas, a rep like Oliver; the manager meant is Tomasz.
        (
            "dana,Dana,,vp,\ntomasz,Tomasz,,manager,dana\nthomas,Thomas,,rep,tomasz\n"
            "oliver,Oliver,,rep,thoma\n",
            "did you mean 'tomasz'?",
        ),
    ],
)
def test_an_unknown_manager_is_offered_someone_who_can_manage(
    tmp_path: Path, rows: str, hint: str
) -> None:
    ws = _acme_with_org_csv(tmp_path, "id,name,email,role,manager\n" + rows)
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR603"]
    assert [d.hint for d in found] == [hint]


def test_a_role_written_down_many_rows_is_told_once(tmp_path: Path) -> None:
    # An HR export gives each rep's job title: 1,500 rows gave 1,500 errors, and an unknown
    # role id as many; each is one value to correct, told at its first row with the others.
    head = "id,name,email,role,manager\ndana,Dana,,vp,\npriya,Priya,,manager,dana\n"
    reps = "".join(f"{r},{r.title()},,Account Executive,priya\n" for r in ("al", "bo", "cy"))
    aes = "".join(f"{r},{r.title()},,ae,priya\n" for r in ("di", "ed", "fa", "gu"))
    ws = _acme_with_org_csv(tmp_path, head + reps + aes)
    found = [
        (d.line, d.code, d.message, d.hint)
        for d in validate_workspace(str(ws)).diagnostics
        if d.code in ("MOR203", "MOR602")
    ]
    assert found == [
        (
            4,
            "MOR203",
            "al and 2 more (lines 5 and 6), column role: 'Account Executive' is not an id: use "
            "lower-case letters, digits, '_' and '-', starting with a letter or digit",
            "that is the title of the role rep: a role is given by its id, so write rep",
        ),
        (
            7,
            "MOR602",
            "di and 3 more (lines 8–10): unknown role 'ae'",
            "rhythm.yaml declares: vp, manager, rep",
        ),
    ]


def test_ids_that_are_e_mail_addresses_are_told_once_with_what_to_write(tmp_path: Path) -> None:
    rows = [
        "dana@acme.example,Dana,dana@acme.example,vp,",
        "priya@acme.example,Priya,priya@acme.example,manager,dana@acme.example",
        "al@acme.example,Al,al@acme.example,rep,priya@acme.example",
        "bo@acme.example,Bo,bo@acme.example,rep,priya@acme.example",
    ]
    ws = _acme_with_org_csv(tmp_path, "id,name,email,role,manager\n" + "\n".join(rows) + "\n")
    found = [
        (d.line, d.message, d.hint)
        for d in validate_workspace(str(ws)).diagnostics
        if d.code == "MOR203" and "column id" in d.message
    ]
    assert found == [
        (
            2,
            "row 2 and 3 more (lines 3–5), column id: 'dana@acme.example' is an e-mail address, "
            "not an id",
            "ids are short names in lower case, such as the part before the @: dana for "
            "dana@acme.example; give managers by the same ids",
        )
    ]


def _one_to_ones(ws: Path) -> list[tuple[int, int, str, str | None]]:
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR617"]
    return [(d.line, d.column, d.message, d.hint) for d in found]


def test_reps_under_nobody_who_holds_their_one_to_ones_are_told(tmp_path: Path) -> None:
    # Alice's post rolled up: three of her reps point at the VP, whose role holds no 1:1s;
    # one rep has no manager, and Oliver reports to another rep. Their pipeline reviews and
    # development 1:1s were never scheduled, and validate said nothing.
    ws = acme_edited(
        tmp_path, "org.yaml", "role: rep, manager: alice,", "role: rep, manager: dana,"
    )
    org = ws / "org.yaml"
    text = org.read_text(encoding="utf-8")
    lucas = "Lucas Bernard, email: lucas.bernard@acme.example, role: rep,"
    text = text.replace(f"{lucas} manager: dana,", lucas)
    text = text.replace("role: rep, manager: priya,", "role: rep, manager: aisha,", 1)
    org.write_text(text, encoding="utf-8")
    met = "role 'rep' is met one to one in development_1on1 and pipeline_review, but"
    unmet = "those meetings are not scheduled for them, and the report never expects them"
    assert _one_to_ones(ws) == [
        (
            25,
            94,
            f"oliver: {met} their manager, aisha, has role 'rep', which runs none of them: {unmet}",
            "point their manager at the person who holds their 1:1s (role 'manager'), or have "
            "role 'rep' run an each_report activity with report_role: rep",
        ),
        (
            63,
            87,
            f"carol and 2 more (lines 65 and 67): {met} their manager, dana, has role 'vp', "
            f"which runs none of them: {unmet}",
            "point their manager at the person who holds their 1:1s (role 'manager'), or have "
            "role 'vp' run an each_report activity with report_role: rep",
        ),
        (
            69,
            5,
            f"lucas: {met} they have no manager: {unmet}",
            "give them the manager who holds their 1:1s (role 'manager')",
        ),
    ]


def test_people_gone_or_not_yet_joined_need_no_one_to_ones(tmp_path: Path) -> None:
    # Today is 2026-03-02: Lucas left in January, Carol joins in April.
    ws = acme_edited(
        tmp_path,
        "org.yaml",
        "lucas.bernard@acme.example, role: rep, manager: alice,",
        "lucas.bernard@acme.example, role: rep, left: 2026-01-30,",
    )
    org = ws / "org.yaml"
    text = org.read_text(encoding="utf-8")
    old = "carol.diaz@acme.example, role: rep, manager: alice,"
    org.write_text(text.replace(old, old + " joined: 2026-04-01,"), encoding="utf-8")
    assert _one_to_ones(ws) == []
    org.write_text(text.replace(old, "carol.diaz@acme.example, role: rep,"), encoding="utf-8")
    assert [line for line, *_ in _one_to_ones(ws)] == [63]


def test_a_manager_name_three_people_have_names_them_all(tmp_path: Path) -> None:
    # "X and Y and Z both have that name": three people are "all", listed as prose.
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "workspaces" / "bad" / "csv-manager-by-email", ws)
    org = ws / "org.csv"
    lines = org.read_text(encoding="utf-8").splitlines(True)
    first = lines[1].split(",")[0]
    lines += [lines[1].replace(first, f"{first}{n}", 1) for n in (2, 3)]
    org.write_text("".join(lines), encoding="utf-8")
    r = morctl("validate", str(ws), "--format", "json")
    hints = [d["hint"] for d in json.loads(r.out)["diagnostics"] if d["code"] == "MOR203"]
    assert (
        f"{first}, {first}2 and {first}3 all have that e-mail: give the manager's id, and "
        "correct the e-mail of the others" in hints
    ), hints


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        (b"a: &Every stalled deal\n", True),
        # `*Every` in a comment or in quoted text is no alias: the anchor is still text
        (b"a: &Every stalled deal\n# see *Every\n", True),
        (b'a: &Top deals\nb: "*Top deals"\n', True),
        # an anchor that an alias uses is meant
        (b"a: &u Rep rates it\nb: *u\n", False),
    ],
)
def test_an_anchor_no_alias_uses_is_text_cut_short(text: bytes, warned: bool) -> None:
    from morctl.yamlload import load_yaml

    loaded = load_yaml(text, "rhythm.yaml")
    assert [d.code for d in loaded.diagnostics] == (["MOR110"] if warned else [])


@pytest.mark.parametrize("text", [".inf", ".Inf", "-.INF", "+.Inf", ".nan", ".NaN", ".NAN"])
def test_infinity_and_nan_in_any_capitals_are_values_out_of_range(
    tmp_path: Path, text: str
) -> None:
    # YAML spells them in three capitalisations; `.Inf` stopped validate and diff with
    # "internal error: ValueError" and no diagnostic.
    from morctl.yamlload import load_yaml

    value = load_yaml(f"x: {text}\n".encode(), "rhythm.yaml").data["x"]
    assert math.isnan(value) if "nan" in text.lower() else math.isinf(value)
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    rhythm = ws / "rhythm.yaml"
    old = "targets: {adherence: 0.9,"
    rhythm.write_text(
        rhythm.read_text(encoding="utf-8").replace(old, f"targets: {{adherence: {text},"),
        encoding="utf-8",
    )
    r = morctl("validate", str(ws))
    assert r.code == 1
    assert "error MOR203 targets.adherence:" in r.out and "is out of range" in r.out


def test_a_yaml_merge_key_is_named_for_what_it_is(tmp_path: Path) -> None:
    # `<<: *adm`, copied from docker-compose or CI files: an editor merges it, YAML 1.2
    # (morctl) has no merge key. The message says which it is and what to write instead.
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    text = text.replace("    admission:\n", "    admission: &adm\n", 1)
    at = text.index("    admission:\n") + len("    admission:\n")  # the second activity's
    text = text[:at] + "      <<: *adm\n" + text[at:]
    rhythm.write_text(text, encoding="utf-8")
    diags = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR201"]
    assert len(diags) == 1
    assert diags[0].message.endswith(
        "unknown key '<<' (a YAML merge key, which morctl does not read)"
    )
    assert diags[0].hint == (
        "give the whole mapping by its alias (admission: *NAME), or write the keys out here"
    )


def test_a_misspelt_key_beside_the_key_it_is_close_to_is_not_told_to_rename(
    tmp_path: Path,
) -> None:
    # `Owner: vp` under `owner: manager`: "rename it to 'owner'" gave the key twice.
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    owner = "    owner: manager\n"
    line = text[: text.index(owner)].count("\n") + 1
    rhythm.write_text(text.replace(owner, owner + "    Owner: vp\n", 1), encoding="utf-8")
    (d,) = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR201"]
    assert d.line == line + 1
    assert d.message.endswith(f"unknown key 'Owner' ('owner' is given on line {line})")
    assert d.hint == "keep one: delete this line, or delete 'owner' and rename this one"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("9am", "'09:00'"),
        ("4pm", "'16:00'"),
        # outside 07:00-19:00: said now, not as a warning (MOR501) once it is fixed
        ("12am", "'00:00', outside working hours: 07:00–19:00"),
        ("9pm", "'21:00', outside working hours: 07:00–19:00"),
        ("12pm", "'12:00'"),
        ("4.30pm", "'16:30'"),
        ("2 PM", "'14:00'"),
        ("9:30", "'09:30'"),
        ("14h30", "'14:30'"),
        ("noon", "'12:00'"),
        ("12 Noon", "'12:00'"),
        ("midday", "'12:00'"),
        ("Midnight", "'00:00', outside working hours: 07:00–19:00"),
        ("13pm", None),  # no such hour: no guess
        ("25:00", None),
        ("9:60", None),
        ("0930", None),
    ],
)
def test_a_time_written_another_way_is_named_in_hh_mm(written: str, meant: str | None) -> None:
    from morctl.values import parse_time

    with pytest.raises(ValueError) as raised:
        parse_time(written)
    said = str(raised.value)
    assert said.startswith(f"'{written}' is not a time; write it as HH:MM")
    assert said.endswith(f"({meant})" if meant else "24-hour clock")


@pytest.mark.parametrize(
    ("written", "example", "hint"),
    [
        ("9.30", '"09:30"', None),  # the number 9.3 to YAML: read as written
        ("09.30", '"09:30"', None),
        ("14.00", '"14:00"', None),  # the number 14.0 to YAML
        ("14.0", '"14:00"', None),  # the hour, whichever way it is read
        ("21.45", '"21:45"', None),
        ("1600", '"16:00"', None),
        ("0930", '"09:30"', None),
        # 9.30 with its last 0 left off: a guess, which the hint says
        ("9.3", '"09:30"', 'write "09:30" if you meant half past nine'),
        ("14.1", '"14:10"', 'write "14:10" if you meant ten past two'),
        ("9.4", '"09:40"', 'write "09:40" if you meant twenty to ten'),
        # nine and a half hours, or 9.50 trimmed: both offered
        (
            "9.5",
            '"09:30"',
            'write "09:30" if you meant half past nine (9.5 hours), or "09:50" if you meant '
            "ten to ten (9.50)",
        ),
        ("9.7", '"09:00"', None),  # 09:70 is no time, and 09:42 no likely one: an example
        ("9.75", '"09:00"', None),
        ("24.00", '"09:00"', None),
        ("14.000", '"09:00"', None),
    ],
)
def test_a_time_yaml_reads_as_a_number_is_offered_the_time_meant(
    tmp_path: Path, written: str, example: str, hint: str | None
) -> None:
    # It said "got the number 14.0" of `at: 14.00`, and the example 09:00 of `at: 9.3`.
    ws = acme_edited(tmp_path, "rhythm.yaml", 'at: "09:00"', f"at: {written}")
    (d,) = validate_workspace(str(ws)).diagnostics
    assert d.message == (
        f"activities.pipeline_review.cadence.at: expected a time as text, such as {example}, "
        f"got the number {written}"
    )
    assert d.hint == hint


@pytest.mark.parametrize(
    ("parse", "written", "meant"),
    [
        ("every", "weekly", "'week'"),
        ("every", "Fortnightly", "'2 weeks'"),
        ("every", "biweekly", "'2 weeks'"),
        ("every", "every 3 weeks", "'3 weeks'"),
        ("every", "Quarterly", "'quarter'"),
        ("every", "annually", "'year'"),
        ("every", "2 months", None),  # only weeks take a count: no single value says it
        ("every", "2 Weeks", "'2 weeks'"),
        ("every", "2weeks", "'2 weeks'"),
        ("every", "other week", "'2 weeks'"),
        ("weekday", "every Tuesday", "'tue'"),
        ("selector", "last workday", "'last business day'"),
        ("selector", "penultimate business day", "'business day -2'"),
        ("selector", "second-last business day", "'business day -2'"),
        ("weekday", "Tuesday", "'tue'"),
        ("weekday", "thurs", "'thu'"),
        ("weekday", "weds", "'wed'"),
        ("weekday", "Fridays", "'fri'"),
        ("weekday", "tu", None),  # tue or thu
        ("weekday", "tue, thu", "a list: [tue, thu]"),
        ("weekday", "Monday and Wednesday", "a list: [mon, wed]"),
        ("weekday", "mon, funday", None),
        ("selector", "2nd Wednesday", "'2nd wed'"),
        ("selector", "the second Tuesday of the month", "'2nd tue'"),
        ("selector", "last Friday of each quarter", "'last fri'"),
        ("selector", "first Monday", "'1st mon'"),
        ("selector", "last working day", "'last business day'"),
        ("selector", "third business day", "'business day 3'"),
        ("selector", "the 15th", "'day 15'"),
        # not 'day -1', which some months is a weekend, and then excused
        ("selector", "last day of the month", "'last business day'"),
        ("selector", "someday", None),
        ("every", "two weeks", "'2 weeks'"),
        ("every", "every three weeks", "'3 weeks'"),
        ("every", "one week", "'week'"),
        ("every", "two months", None),
        ("selector", "last buisness day", "'last business day'"),
        ("selector", "first busines day", "'first business day'"),
        ("selector", "last bussiness day of the month", "'last business day'"),
    ],
)
def test_a_cadence_written_in_words_is_named_as_morctl_writes_it(
    parse: str, written: str, meant: str | None
) -> None:
    from morctl import values

    parser = {
        "every": values.parse_every,
        "weekday": values.parse_weekday,
        "selector": values.parse_selector,
    }[parse]
    with pytest.raises(ValueError) as raised:
        parser(written)
    said = str(raised.value)
    assert said.startswith(f"'{written}' is not a ")
    if meant is None:
        assert "(write" not in said and "list:" not in said
    else:
        assert said.endswith(f"{meant})")
    # What is suggested is accepted as written.
    if meant and meant.startswith("'"):
        parser(meant.strip("'"))


AWAY_HINT = "write each period as {from, to}, in a list: away: "


@pytest.mark.parametrize(
    ("away", "column", "message", "hint"),
    [
        ("2026-11-23 to 2026-11-27", 12,
         "away: expected a list of away periods, got '2026-11-23 to 2026-11-27'",
         AWAY_HINT + "[{from: 2026-11-23, to: 2026-11-27}]"),
        ("{from: 2026-11-23, to: 2026-11-27}", 12,
         "away: expected a list of away periods, got one period, not in a list",
         AWAY_HINT + "[{from: 2026-11-23, to: 2026-11-27}]"),
        ("{from: 2026-11-23, to: 2026-11-27, reason: 'Thanksgiving, family'}", 12,
         "away: expected a list of away periods, got one period, not in a list",
         AWAY_HINT + '[{from: 2026-11-23, to: 2026-11-27, reason: "Thanksgiving, family"}]'),
        # the first and the last day of one period, as a list
        ("[2026-11-23, 2026-11-27]", 12,
         "away: expected a list of away periods, each {from, to}, got a list of dates",
         AWAY_HINT + "[{from: 2026-11-23, to: 2026-11-27}]"),
        ("[2026-11-23 to 2026-11-27, 2026-12-24]", 12,
         "away: expected a list of away periods, each {from, to}, got a list of values",
         AWAY_HINT + "[{from: 2026-11-23, to: 2026-11-27}, "
                     "{from: 2026-12-24, to: 2026-12-24}]"),
        # one period right, one a date: that one is pointed at
        ("[{from: 2026-11-23, to: 2026-11-27}, 2026-12-24]", 49,
         "away[1]: expected an away period {from, to}, got '2026-12-24'",
         "write it as {from: 2026-12-24, to: 2026-12-24}"),
        # no date to read: none is made up (23/11 may be either way round)
        ("next week", 12, "away: expected a list of away periods, got 'next week'",
         AWAY_HINT + "[{from: YYYY-MM-DD, to: YYYY-MM-DD}]"),
        ("23/11/2026 - 27/11/2026", 12,
         "away: expected a list of away periods, got '23/11/2026 - 27/11/2026'",
         AWAY_HINT + "[{from: YYYY-MM-DD, to: YYYY-MM-DD}]"),
        # the end in other words is not lost: it is left to fill in
        ("2026-11-23 to 27 Nov", 12,
         "away: expected a list of away periods, got '2026-11-23 to 27 Nov'",
         AWAY_HINT + "[{from: 2026-11-23, to: YYYY-MM-DD}]"),
        # a period written as first day: last day
        ("{2026-11-23: 2026-11-27}", 12,
         "away: expected a list of away periods, got a mapping",
         AWAY_HINT + "[{from: 2026-11-23, to: 2026-11-27}]"),
        # another tool's names for the ends: one error, not two unknown and two missing keys
        ("[{start: 2026-11-23, end: 2026-11-27}]", 13,
         "away[0]: an away period's ends are from and to, got start and end",
         "write it as {from: 2026-11-23, to: 2026-11-27}"),
    ],
)  # fmt: skip
def test_away_in_another_shape_is_given_the_shape_to_write(
    tmp_path: Path, away: str, column: int, message: str, hint: str
) -> None:
    # Each was "expected a list, got ..." (or one error per date) with no example.
    shutil.copytree(ACME, tmp_path / "ws", ignore=shutil.ignore_patterns("logs"))
    org = tmp_path / "ws" / "org.yaml"
    written = "away: [{from: 2026-11-23, to: 2026-11-27, reason: annual leave}]"
    text = org.read_text(encoding="utf-8")
    assert text.count(written) == 1  # marcus's, on line 19
    org.write_text(text.replace(written, f"away: {away}"), encoding="utf-8")
    (d,) = validate_workspace(str(tmp_path / "ws")).diagnostics
    assert (d.file, d.line, d.column, d.code) == (str(org), 19, column, "MOR203")
    assert (d.message, d.hint) == (f"marcus: {message}", hint)


def test_an_away_column_in_org_csv_is_told_where_away_periods_go(tmp_path: Path) -> None:
    ws = _acme_with_org_csv(
        tmp_path,
        "id,name,email,role,manager,timezone,country,Away\n"
        "dana,Dana Whitfield,,vp,,Europe/London,GB-ENG,\n"
        "priya,Priya Raman,,manager,dana,Europe/London,GB-ENG,2026-11-23 to 2026-11-27\n",
    )
    (d,) = [d for d in validate_workspace(str(ws)).diagnostics if d.code.startswith("MOR2")]
    # the column after 'id,name,email,role,manager,timezone,country,' (44 characters)
    assert (d.line, d.column, d.code) == (1, 45, "MOR201")
    assert d.message == "unknown column 'Away': org.csv cannot hold away periods"
    # The entry to write in org.yaml for the person of the first filled cell (priya), which
    # adds her away periods to her row: moving her there whole made her a second priya.
    assert d.hint == (
        "delete the column, and give the away periods in org.yaml, in an entry of only id "
        "and away for each person: - {id: priya, away: [{from: 2026-11-23, to: 2026-11-27}]}"
    )


def test_away_entries_beside_org_csv_are_told_what_to_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Beside org.csv, an entry of only id and away gives a person of the export away periods
    # (workspaces/ok/org-csv-with-away-in-org-yaml); these go wrong, each with its fix.
    monkeypatch.chdir(DATA / "workspaces" / "bad" / "org-yaml-away-entries-beside-org-csv")
    hints = {(d.file, d.line): d.hint for d in validate_workspace(".").diagnostics}
    assert hints[("org.yaml", 4)] == (
        "did you mean 'alice'? an entry of only id and away gives away periods to a person "
        "of org.csv; to add someone the export does not have, give their name and role too"
    )
    # dev of org.csv, given in org.yaml whole with an away period: keep only these two keys,
    # said at the entry to edit.
    assert hints[("org.yaml", 7)] == (
        "beside org.csv, org.yaml gives a person of it only away periods: keep only id and "
        "away in this entry, as {id: dev, away: [{from: 2026-09-07, to: 2026-09-11}]} (org.csv "
        "gives their name, role and manager)"
    )
    assert hints[("org.yaml", 6)] == "give all of carol's away periods in one list, in one entry"
    assert hints[("org.yaml", 8)] == "give these away periods in nora's entry at org.yaml:9"
    # The warning counts nora, not the three entries of only id and away, nor dev's.
    assert hints[("org.csv", 1)] == (
        "delete org.yaml if org.csv replaces it; keep both only to add people the export does "
        "not have, or away periods for those it has (an entry of only id and away, which is no "
        "person of its own)"
    )


def test_an_entry_for_a_person_of_org_csv_is_their_away_periods_gone_wrong(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Beside org.csv, an entry of org.yaml with the id of one of its people gives that person
    # away periods: more keys are the person given again, at the entry to edit; less is one
    # error too, never "missing required key 'name'", which would make a second person.
    monkeypatch.chdir(DATA / "workspaces" / "bad" / "org-yaml-person-of-org-csv")
    hints = {(d.line, d.code): d.hint for d in validate_workspace(".").diagnostics}
    assert hints == {
        (4, "MOR601"): (
            "beside org.csv, org.yaml gives a person of it only away periods: keep only id and "
            "away in this entry, as {id: carol, away: [{from: 2026-11-16, to: 2026-11-20}]} "
            "(org.csv gives their timezone)"
        ),
        (5, "MOR601"): (
            "beside org.csv, org.yaml gives a person of it only away periods: keep only id and "
            "away in this entry, as {id: dev, away: [{from: 2026-09-07, to: 2026-09-11}]} "
            "(org.csv gives their name, role and manager)"
        ),
        # A whole person with no leave: nothing of it is wanted here.
        (6, "MOR601"): (
            "delete this entry: org.csv gives their name, role and manager, and beside it "
            "org.yaml gives only away periods"
        ),
        (7, "MOR201"): "rename it to 'away'",
        (8, "MOR202"): (
            "give their away periods, as {id: dana, away: [{from: YYYY-MM-DD, to: "
            "YYYY-MM-DD}]}, or delete the entry"
        ),
    }


def test_an_entry_for_a_refused_row_of_org_csv_is_still_given_twice(tmp_path: Path) -> None:
    # carol's row is refused (a role that is no id): her entry of org.yaml, whole, is still
    # a second carol, named without a line; it does not stand in for the row.
    shutil.copytree(DATA / "workspaces" / "bad" / "org-yaml-person-of-org-csv", tmp_path / "ws")
    ws = tmp_path / "ws"
    (ws / "org.csv").write_text(
        "id,name,email,role,manager,timezone,country\n"
        "dana,Dana Whitfield,,vp,,,\n"
        "alice,Alice Moreau,,manager,dana,,\n"
        "carol,Carol Diaz,,Account Executive,alice,,\n",
        encoding="utf-8",
    )
    (ws / "org.yaml").write_text(
        "people:\n  - {id: carol, name: Carol Diaz, role: rep, manager: alice}\n",
        encoding="utf-8",
    )
    diags = validate_workspace(str(ws)).diagnostics
    assert [(os.path.basename(d.file), d.line, d.code) for d in diags] == [
        ("org.csv", 4, "MOR203"),
        ("org.yaml", 2, "MOR601"),
    ]
    assert (
        diags[1].message == "person 'carol' is defined twice (also in " + str(ws / "org.csv") + ")"
    )


def test_an_away_entry_in_people_beside_org_csv_is_sent_to_org_yaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # rhythm.yaml's people: holds whole people (its schema says so to an editor): an entry
    # of only id and away there is one error, not a missing name and a missing role.
    monkeypatch.chdir(DATA / "workspaces" / "bad" / "inline-away-entry-beside-org-csv")
    (d,) = validate_workspace(".").diagnostics
    assert (d.file, d.line, d.column, d.code) == ("rhythm.yaml", 47, 5, "MOR202")
    assert d.hint == (
        "to give a person of org.csv away periods, move this entry to org.yaml, under "
        "people:, where an entry of only id and away does that"
    )


def test_strict_says_why_a_run_with_only_warnings_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `0 errors, 1 warning` and exit 1 read as a fault of morctl: the summary says why.
    shutil.copyfile(DATA / "rhythms" / "bad" / "timezone-old-name.yaml", tmp_path / "rhythm.yaml")
    monkeypatch.chdir(tmp_path)
    assert cli.run(["validate", ".", "--strict"]) == 1
    strict = capsys.readouterr().out.splitlines()[-1]
    assert cli.run(["validate", "."]) == 0
    plain = capsys.readouterr().out.splitlines()[-1]
    assert plain.endswith(" warnings") or plain.endswith(" warning")
    assert strict == f"{plain} (--strict: warnings fail the check)"


def test_a_role_or_manager_given_by_its_title_or_name_is_pointed_at_its_id(
    tmp_path: Path,
) -> None:
    # `role: Account Executive` means the role titled so (rep): '(write account-executive)'
    # named a role that does not exist, and beside a manager's name it contradicted the hint.
    ws = acme_edited(
        tmp_path,
        "org.yaml",
        "{id: carol, name: Carol Diaz, email: carol.diaz@acme.example, role: rep, manager: alice,",
        "{id: carol, name: Carol Diaz, email: carol.diaz@acme.example, role: Account Executive, "
        "manager: Alice Moreau,",
    )
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(text.replace("owner: manager", "owner: Manager", 1), encoding="utf-8")
    found = {
        ":".join(d.message.split(":")[:2]): (d.message, d.hint)
        for d in validate_workspace(str(ws)).diagnostics
    }
    role = found["carol: role"]
    assert role == (
        "carol: role: 'Account Executive' is not an id: use lower-case letters, digits, "
        "'_' and '-', starting with a letter or digit",
        "that is the title of the role rep: a role is given by its id, so write rep",
    )
    manager = found["carol: manager"]
    assert "(write" not in manager[0]
    assert manager[1] == "that is the name of alice: a manager is given by id, so write alice"
    owner = next(v for k, v in found.items() if k.split(":")[0].endswith(".owner"))
    assert "(write" not in owner[0] and owner[1] == "ids are in lower case: write manager"


def test_a_day_written_for_another_period_gets_no_suggestion() -> None:
    from morctl.values import parse_selector

    # '1st mon' in a monthly cadence would run every month, not once a quarter.
    for unit, offered in (("quarter", True), ("month", False)):
        with pytest.raises(ValueError) as raised:
            parse_selector("first Monday of the quarter", unit=unit)
        assert ("(write '1st mon')" in str(raised.value)) is offered


def test_a_mapping_whose_key_lost_its_colon_is_given_the_line_to_write(tmp_path: Path) -> None:
    bad = DATA / "rhythms" / "bad" / "mapping-key-without-colon.yaml"
    shutil.copyfile(bad, tmp_path / "rhythm.yaml")
    (d,) = validate_workspace(str(tmp_path)).diagnostics
    assert d.hint == "add the colon: countries: US"


def test_keys_run_together_are_given_the_line_to_write(tmp_path: Path) -> None:
    shutil.copyfile(
        DATA / "rhythms" / "bad" / "flow-keys-run-together.yaml", tmp_path / "rhythm.yaml"
    )
    hints = [d.hint for d in validate_workspace(str(tmp_path)).diagnostics]
    assert hints == [
        "add a space after the colon: every: week",  # not "rename it to 'every'"
        "write it with a colon: happened: log",  # not "add the colon: happened: = log"
        "add a colon and a comma: every: month, on: last business day",
    ]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("weekdays", "(a meeting every workday is every: day, with no on)"),
        ("Mon-Fri", "(a meeting every workday is every: day, with no on)"),
        ("2nd Wednesday", "(a day of the month such as '2nd wed' needs every: month)"),
        ("last friday", "(a day of the month such as 'last fri' needs every: month)"),
    ],
)
def test_a_weekly_on_that_means_another_cadence_says_which(written: str, said: str) -> None:
    from morctl.values import parse_weekday

    with pytest.raises(ValueError) as raised:
        parse_weekday(written, cadence=True)
    assert str(raised.value).endswith(said)
    with pytest.raises(ValueError) as raised:  # a workweek's day: no cadence to change
        parse_weekday(written)
    assert "every:" not in str(raised.value)


@pytest.mark.parametrize("written", ["Every week", "evry week"])
def test_a_key_misspelt_and_without_its_colon_is_one_mistake(tmp_path: Path, written: str) -> None:
    text = (DATA / "rhythms" / "bad" / "flow-key-without-colon.yaml").read_text("utf-8")
    assert "{every week," in text
    (tmp_path / "rhythm.yaml").write_text(text.replace("{every week,", "{" + written + ","))
    found = [
        (d.code, d.hint)
        for d in validate_workspace(str(tmp_path)).diagnostics
        if "cadence" in d.message
    ]
    # Not MOR201 with every allowed key listed, and a MOR202 for the 'every' it lacks.
    assert found == [("MOR201", "add the colon: every: week")]


def test_a_day_skipped_on_weekends_names_the_owner_and_follows_their_country(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MOR509 with a roster: the first owner it happens to, by id and role. Moved off the
    # weekend (on_holiday: previous, as the example has it) it is not reported.
    ws = acme_edited(
        tmp_path,
        "rhythm.yaml",
        'on: last business day, at: "16:00", for: 45m, on_holiday: previous}',
        'on: day 15, at: "16:00", for: 45m}',
    )
    runs = validate(capsys, workspace=str(ws))
    doc = json.loads(runs["json"].out)
    assert [(d["code"], d["message"]) for d in doc["diagnostics"]] == [
        (
            "MOR509",
            "activities.forecast_call.cadence: 'day 15' is not a business day on 3 of its 12 "
            "days in the next twelve months for priya (manager): the first is Sun 2026-03-15 "
            "(weekend); with on_holiday: skip (the default) those 3 months get no occurrence",
        )
    ]


def test_an_id_in_capitals_is_not_offered_one_that_is_taken(tmp_path: Path) -> None:
    # `id: Owen` beside a person `owen`: 'write owen' would define two people with one id.
    ws = acme_edited(
        tmp_path,
        "org.yaml",
        "  # Priya Raman's team, London (6)\n",
        "  - {id: owen, name: Owen Price, role: rep, manager: priya}\n"
        "  - {id: Owen, name: Owen Jones, role: rep, manager: priya}\n"
        "  - {id: OWEN, name: Owen Smith, role: rep, manager: priya}\n"
        "  - {id: Key Deals, name: Kim Deals, role: rep, manager: priya}\n"
        "  - {id: KEY deals, name: Kit Deals, role: rep, manager: priya}\n",
    )
    found = [
        (d.line, d.message, d.hint)
        for d in validate_workspace(str(ws)).diagnostics
        if d.code == "MOR203"
    ]
    org = ws / "org.yaml"
    owen = next(i for i, ln in enumerate(org.read_text("utf-8").splitlines(), 1) if "owen," in ln)
    rule = "use lower-case letters, digits, '_' and '-', starting with a letter or digit"
    assert found == [
        (owen + 1, f"Owen Jones: id: 'Owen' is not an id: {rule}",
         f"'owen' is already the id of Owen Price ({org}:{owen}): give this person an id of "
         "their own, in lower case"),
        (owen + 2, f"Owen Smith: id: 'OWEN' is not an id: {rule}",
         f"'owen' is already the id of Owen Price ({org}:{owen}): give this person an id of "
         "their own, in lower case"),
        # Free: offered, and the second that stands for it too is told the first takes it.
        (owen + 3, f"Kim Deals: id: 'Key Deals' is not an id (write 'key-deals'): {rule}", None),
        (owen + 4, f"Kit Deals: id: 'KEY deals' is not an id: {rule}",
         f"'key-deals' is what 'Key Deals' ({org}:{owen + 3}) stands for too: give each person "
         "an id of their own, in lower case"),
    ]  # fmt: skip


def test_a_key_in_capitals_is_not_offered_a_key_beside_it(tmp_path: Path) -> None:
    text = (DATA / "rhythms" / "bad" / "bad-ids.yaml").read_text("utf-8")
    text = text.replace("  Coaching 1on1:", "  Pipeline_Review:")
    (tmp_path / "rhythm.yaml").write_text(text, encoding="utf-8")
    (d,) = [d for d in validate_workspace(str(tmp_path)).diagnostics if "Pipeline_Rev" in d.message]
    assert d.message == (
        "activities.Pipeline_Review: bad key: 'Pipeline_Review' is not an id: use lower-case "
        "letters, digits, '_' and '-', starting with a letter or digit"
    )
    assert d.hint == (
        "'pipeline_review' is an activity already, on line 16: give this one an id of its "
        "own, in lower case, or merge the two"
    )


def test_an_inline_person_left_out_is_told_their_other_mistakes(tmp_path: Path) -> None:
    # As in org.yaml and org.csv (workspaces/bad/refused-row-keeps-its-other-errors-*): the
    # time zone and country do not depend on the manager that keeps the person out.
    rhythm = (DATA / "workspaces" / "bad" / "refused-ids-no-cascade" / "rhythm.yaml").read_text()
    people = (
        "people:\n"
        "  - {id: priya, name: Priya Raman, role: manager}\n"
        "  - {id: rashid, name: Rashid Al Farsi, role: rep, manager: Priya R, timezone: Dubai, "
        "country: UAE}\n"
    )
    (tmp_path / "rhythm.yaml").write_text(rhythm + people, encoding="utf-8")
    diags = validate_workspace(str(tmp_path)).diagnostics
    assert [(d.code, d.message) for d in diags if d.code.startswith("MOR6")] == [
        ("MOR605", "rashid: unknown time zone 'Dubai'"),
        ("MOR606", "rashid: unknown country 'UAE'"),
    ]


def test_one_bare_value_for_a_list_is_offered_the_list(tmp_path: Path) -> None:
    # `on:` takes a weekday or a list of them; these keys take only a list, as DESIGN §3
    # writes them: the hint gives it, unless that list would be refused too.
    shutil.copy(DATA / "rhythms" / "bad" / "one-value-for-a-list.yaml", tmp_path / "rhythm.yaml")
    diags = validate_workspace(str(tmp_path)).diagnostics
    hints = {d.message.split(":")[0]: d.hint for d in diags if "expected a list" in d.message}
    brackets = "a list is written in brackets"
    assert hints == {
        "workweek": None,  # [mon-fri] is no list of weekdays
        "holidays.countries": f"{brackets}: countries: [US, CA]",
        "holidays.dates": f"{brackets}, even of one value: dates: [2026-12-24]",
        "holidays.worked": f"{brackets}, even of one value: worked: [Columbus Day]",
        "blackouts[0].activities": f"{brackets}, even of one value: activities: [pipeline_review]",
        "activities.pipeline_review.checklist": f"{brackets}, even of one value: checklist: "
        "[Open deals with no activity in 14 days]",
    }


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("July 1", "(write '07-01')"),
        ("1 July", "(write '07-01')"),
        ("Jul 1", "(write '07-01')"),
        ("1st of July", "(write '07-01')"),
        ("July", "(write '07-01')"),  # a fiscal year given by its month starts on the 1st
        ("2026-07-01", "(write '07-01')"),
        ("13/07", "(write '07-13')"),  # 13 is no month: one reading
        # Either way round is a day: nothing says which, so neither is offered alone.
        ("07/01", "(07/01 is 1 July read month first, 7 January read day first, and nothing "
                  "in it says which: write 07-01 or 01-07)"),
    ],
)  # fmt: skip
def test_a_fiscal_year_start_in_words_is_offered_its_mm_dd(
    tmp_path: Path, written: str, said: str
) -> None:
    ws = acme_edited(
        tmp_path, "rhythm.yaml", "fiscal_year_start: 02-01", f"fiscal_year_start: {written}"
    )
    (d,) = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR203"]
    assert d.message == (
        f"fiscal_year_start: '{written}' is not a month and day; write it as MM-DD {said}"
    )


def test_a_key_in_words_is_not_offered_a_dashed_twin_of_a_key_beside_it(tmp_path: Path) -> None:
    # 'Pipeline Review' stands for pipeline-review: legal, but one underscore away from
    # the activity beside it, which a reader would take for the same one.
    text = (DATA / "rhythms" / "bad" / "bad-ids.yaml").read_text("utf-8")
    text = text.replace("  Coaching 1on1:", "  Pipeline Review:")
    (tmp_path / "rhythm.yaml").write_text(text, encoding="utf-8")
    (d,) = [d for d in validate_workspace(str(tmp_path)).diagnostics if "Pipeline Rev" in d.message]
    assert "(write" not in d.message
    assert d.hint == (
        "'pipeline_review' is an activity already, on line 16: give this one an id of its "
        "own, in lower case, or merge the two"
    )


def test_a_person_id_in_words_is_not_offered_a_dashed_twin_of_an_id(tmp_path: Path) -> None:
    ws = acme_edited(
        tmp_path, "org.yaml", "{id: lucas, name: Lucas Bernard", "{id: mary_ann, name: Mary Ann"
    )
    ws_org = ws / "org.yaml"
    ws_org.write_text(
        ws_org.read_text("utf-8").replace("{id: carol, name:", "{id: Mary Ann, name:"), "utf-8"
    )
    (d,) = [d for d in validate_workspace(str(ws)).diagnostics if "'Mary Ann'" in d.message]
    assert "(write" not in d.message
    assert d.hint is not None and d.hint.startswith("'mary_ann' is already the id of Mary Ann (")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        # YAML reads the key 'title Weekly review' with the value 'deals': the text meant
        # is all of it, and its ': ' needs quotes.
        ("title Weekly review: deals", 'add the colon: title: "Weekly review: deals"'),
        ("title:Weekly review: deals",
         'add a space after the colon: title: "Weekly review: deals"'),
        ("title = Weekly review: deals", 'write it with a colon: title: "Weekly review: deals"'),
        ("title Q3 review: 2.50", 'add the colon: title: "Q3 review: 2.50"'),  # as written
        ('title The "big" deals: review', 'add the colon: title: "The \\"big\\" deals: review"'),
        # A mapping's key before one of its own keys is that mapping.
        ("cadence every: week", "add the colon: cadence: {every: week}"),
    ],
)  # fmt: skip
def test_a_key_without_its_colon_keeps_the_whole_text(
    tmp_path: Path, written: str, hint: str
) -> None:
    key = written.split()[0].split(":")[0]
    old = {"title": "title: Weekly pipeline review", "cadence": "cadence: {every: week, on: "
           'tue, at: "09:00", for: 30m, grace: 1d}'}[key]  # fmt: skip
    ws = acme_edited(tmp_path, "rhythm.yaml", old, written)
    (d,) = validate_workspace(str(ws)).diagnostics
    assert (d.code, d.hint) == ("MOR201", hint)


STARTING = (
    "every 2 weeks counts its weeks from the cadence's starting date, else from the rhythm's "
    "effective date (MOR211): to say which Tuesdays, add starting: YYYY-MM-DD, the date of one "
    "it runs on"
)


@pytest.mark.parametrize(
    ("cadence", "key", "said", "hint"),
    [
        ("{every: every other Tuesday, at: \"09:00\", for: 30m}", "every",
         "(a meeting 'every other Tuesday' is every: 2 weeks, on: tue)", STARTING),
        ("{every: Every  Other tue, at: \"09:00\", for: 30m}", "every",
         "(a meeting 'Every  Other tue' is every: 2 weeks, on: tue)", STARTING),
        ("{every: biweekly on Tuesdays, at: \"09:00\", for: 30m}", "every",
         "(a meeting 'biweekly on Tuesdays' is every: 2 weeks, on: tue)", STARTING),
        ("{every: week, on: every other Tuesday, at: \"09:00\", for: 30m}", "on",
         "(a meeting 'every other Tuesday' is every: 2 weeks, on: tue)", STARTING),
        ("{every: month, on: alternate Tuesdays, at: \"09:00\", for: 30m}", "on",
         "(a meeting 'alternate Tuesdays' is every: 2 weeks, on: tue)", STARTING),
        # every 2 weeks already: the day is all that is left to write
        ("{every: 2 weeks, on: every other Tuesday, at: \"09:00\", for: 30m}", "on",
         "(write 'tue')", None),
        # weekly: no start date to give
        ("{every: every Tuesday, at: \"09:00\", for: 30m}", "every",
         "(a meeting 'every Tuesday' is every: week, on: tue)", None),
        ("{every: weekly on Tue, at: \"09:00\", for: 30m}", "every",
         "(a meeting 'weekly on Tue' is every: week, on: tue)", None),
    ],
)  # fmt: skip
def test_a_cadence_said_with_its_day_is_given_every_and_on(
    tmp_path: Path, cadence: str, key: str, said: str, hint: str | None
) -> None:
    old = 'cadence: {every: week, on: tue, at: "09:00", for: 30m, grace: 1d}'
    ws = acme_edited(tmp_path, "rhythm.yaml", old, f"cadence: {cadence}")
    (d,) = validate_workspace(str(ws)).diagnostics
    assert d.message.startswith(f"activities.pipeline_review.cadence.{key}: ")
    assert d.message.endswith(said)
    assert d.hint == hint


@pytest.mark.parametrize(
    ("zone", "countries", "place"),
    [
        # Etc/GMT+5 is UTC-5: the sign is reversed, and the place is the person's country's
        ("Etc/GMT+5", ("US",), "America/New_York"),
        ("Etc/GMT+5", ("CA-ON",), "America/Toronto"),
        ("Etc/GMT+4", ("US",), "America/New_York"),  # New York's summer offset
        ("Etc/GMT-1", ("NO",), "Europe/Oslo"),
        ("Etc/GMT-9", ("JP",), "Asia/Tokyo"),
        ("Etc/GMT+5", (), "America/New_York"),  # no country: a well-known city
    ],
)
def test_an_etc_gmt_zone_is_offered_a_zone_of_the_persons_country(
    zone: str, countries: tuple[str, ...], place: str
) -> None:
    from morctl.checkbase import fixed_zone, zone_hint

    found = fixed_zone(zone, countries)
    assert found is not None
    assert found[1] == f"give the office's city zone, such as {place}"
    # The same zone as the offset written as people write it (UTC-5) is offered.
    offset = -int(zone[7:])
    assert zone_hint(f"UTC{offset:+d}", "Europe/Paris", countries).endswith(place)


def test_an_etc_gmt_zone_in_the_roster_names_the_zone_of_each_country(tmp_path: Path) -> None:
    ws = acme_edited(
        tmp_path, "org.yaml", "timezone: America/New_York, country: US",
        "timezone: Etc/GMT+5, country: US",
    )  # fmt: skip
    org = ws / "org.yaml"
    text = org.read_text("utf-8").replace(
        "timezone: Europe/Paris, country: FR", "timezone: Etc/GMT-1, country: FR"
    )
    org.write_text(text, encoding="utf-8")
    hints = [
        (d.message.split(":")[0], d.hint)
        for d in validate_workspace(str(ws)).diagnostics
        if d.code == "MOR214"
    ]
    # One warning for each value and hint, at its first person (the teams share them).
    assert hints == [
        (
            "marcus and 5 more (lines 52, 54, 56, 58 and 60)",
            "give the office's city zone, such as America/New_York",
        ),
        (
            "alice and 4 more (lines 64, 66, 68 and 70)",
            "give the office's city zone, such as Europe/Paris",
        ),
    ]


@pytest.mark.parametrize(
    ("zone", "countries", "current"),
    [
        # tzdata links CET to Europe/Brussels; Paris and Berlin keep the same clock, and a
        # person in France is given Paris.
        ("CET", ("FR",), "Europe/Paris"),
        ("CET", ("DE",), "Europe/Berlin"),
        ("MET", ("NL",), "Europe/Amsterdam"),
        ("EET", ("FI",), "Europe/Helsinki"),
        ("WET", ("PT",), "Europe/Lisbon"),
        ("WET", ("GB-ENG",), "Europe/London"),  # the same clock, the same rules
        ("EST5EDT", ("US",), "America/New_York"),
        ("EST5EDT", ("CA-ON",), "America/Toronto"),
        ("CST6CDT", ("US",), "America/Chicago"),
        ("MST7MDT", ("US",), "America/Denver"),
        ("PST8PDT", ("US",), "America/Los_Angeles"),
        ("HST", ("US",), "Pacific/Honolulu"),
        ("EST", ("PA",), "America/Panama"),  # Panama keeps EST all year: no MOR214
        # The rhythm's countries, in order: the first with a zone that keeps the clock.
        ("CET", ("GB-ENG", "US", "FR"), "Europe/Paris"),
    ],
)
def test_a_system_v_zone_name_is_told_the_zone_of_the_persons_country(
    zone: str, countries: tuple[str, ...], current: str
) -> None:
    from morctl.checkbase import fixed_zone, old_zone

    assert fixed_zone(zone, countries) is None
    assert old_zone(zone, countries) == (
        f"'{zone}' is an old name for the clock of {current}, and some calendar apps do not "
        "recognise old names",
        f"write {current}",
    )


@pytest.mark.parametrize(
    ("zone", "countries", "hint"),
    [
        # No zone of the country keeps that clock: none of another country is offered.
        ("CET", ("GB-ENG",), "write the office's city zone: no zone of GB-ENG keeps the clock "
                             "of CET, so check the country too"),
        # Egypt's EET changes on other days than Athens' (tzdata's EET): another clock.
        ("EET", ("EG",), "write the office's city zone: no zone of EG keeps the clock of EET, "
                         "so check the country too"),
        # No country at all: the zone tzdata reads it as, as an example.
        ("CET", (), "write the office's city zone, such as Europe/Brussels"),
        ("EST5EDT", (), "write the office's city zone, such as America/New_York"),
    ],
)  # fmt: skip
def test_a_system_v_zone_name_names_no_zone_of_another_country(
    zone: str, countries: tuple[str, ...], hint: str
) -> None:
    from morctl.checkbase import old_zone

    found = old_zone(zone, countries)
    assert found is not None and found[1] == hint


@pytest.mark.parametrize(
    ("zone", "countries", "hint"),
    [
        ("EST", ("US",), "give the office's city zone: America/New_York"),
        ("EST", ("CA-ON",), "give the office's city zone: America/Toronto"),
        ("MST", ("US",), "give the office's city zone: America/Denver (America/Phoenix in "
                         "Arizona)"),
        ("MST", ("CA-AB",), "give the office's city zone: America/Edmonton"),
    ],
)  # fmt: skip
def test_a_fixed_offset_abbreviation_names_the_zone_of_the_persons_country(
    zone: str, countries: tuple[str, ...], hint: str
) -> None:
    from morctl.checkbase import fixed_zone

    found = fixed_zone(zone, countries)
    assert found is not None and found[1] == hint


def test_a_three_letter_country_code_is_the_country_for_zone_hints(tmp_path: Path) -> None:
    # DEU is Germany to the holidays package, and so to the offset's hint: Berlin, not
    # the well-known Paris that a code tzdata does not list would get.
    ws = acme_edited(
        tmp_path, "org.yaml", "timezone: Europe/Paris, country: FR", "timezone: UTC+1, country: DEU"
    )
    (d,) = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR605"]
    assert d.hint == DST_OFFSET + "Europe/Berlin"
    assert not [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR606"]


@pytest.mark.parametrize(
    ("zone", "countries", "meant"),
    [
        # Windows display names, as Outlook and HR systems show a zone
        ("(UTC-05:00) Eastern Time (US & Canada)", ("US",), "America/New_York"),
        ("(UTC-05:00) Eastern Time (US & Canada)", ("CA-ON",), "America/Toronto"),
        ("(UTC-07:00) Arizona", ("US",), "America/Phoenix"),  # not Denver, an hour off
        ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", ("IE",), "Europe/Dublin"),
        ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", ("GB-ENG",), "Europe/London"),
        # none of the cities is the person's: the zone of theirs with the same clock
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", ("DE",), "Europe/Berlin"),
        ("(UTC+10:00) Canberra, Melbourne, Sydney", ("AU-NSW",), "Australia/Sydney"),
        ("(UTC-03:00) Brasilia", ("BR",), "America/Sao_Paulo"),  # by its offset
        # Windows ids, from CLDR's table, in the person's country where it keeps the clock
        ("Eastern Standard Time", ("CA",), "America/Toronto"),
        ("W. Europe Standard Time", ("FR",), "Europe/Paris"),
        ("Tokyo Standard Time", (), "Asia/Tokyo"),
        ("Argentina Standard Time", (), "America/Argentina/Buenos_Aires"),  # not an old name
        ("US Mountain Standard Time", ("US",), "America/Phoenix"),
    ],
)
def test_a_windows_zone_name_is_offered_the_zone_it_means(
    zone: str, countries: tuple[str, ...], meant: str
) -> None:
    from morctl.checkbase import zone_hint

    assert zone_hint(zone, "Europe/Paris", countries) == f"did you mean '{meant}'?"


def test_a_windows_display_name_in_the_roster_is_offered_its_zone(tmp_path: Path) -> None:
    ws = acme_edited(
        tmp_path, "org.yaml", "timezone: America/New_York, country: US",
        'timezone: "(UTC-05:00) Eastern Time (US & Canada)", country: US',
    )  # fmt: skip
    (d,) = validate_workspace(str(ws)).diagnostics
    assert (d.code, d.hint) == ("MOR605", "did you mean 'America/New_York'?")
    # A Windows fixed offset is no place: UTC-11 is told so, never given Etc/GMT+11.
    from morctl.checkbase import zone_hint

    assert "Etc/" not in zone_hint("UTC-11", "Europe/Paris", ("US",))


def test_a_folder_with_a_workspace_below_it_names_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The repository's root given for its sales/ workspace; tools' own folders (a virtual
    # environment, node_modules) and what is deeper than two levels are not searched.
    repo = tmp_path / "repo"
    shutil.copytree(ACME, repo / "sales", ignore=shutil.ignore_patterns("logs"))
    for tool in (".venv/lib", "node_modules/pkg", "a/b/c"):
        (repo / tool).mkdir(parents=True)
        shutil.copyfile(ACME / "rhythm.yaml", repo / tool / "rhythm.yaml")
    monkeypatch.chdir(tmp_path)
    hint = "found one in repo/sales: did you mean 'repo/sales'?"
    runs = validate(capsys, workspace="repo")
    assert json.loads(runs["json"].out)["diagnostics"][0]["hint"] == hint
    assert f"     = hint: {hint}\n" in runs["text"].out
    # Every command that takes a workspace says the same, and so does diff of a side.
    for args in (
        ["show", "repo"],
        ["expand", "repo", "--from", "2026-11-02", "--to", "2026-11-06"],
        ["checklist", "repo", "--week", "2026-W45"],
        ["report", "repo", "--week", "2026-W45"],
        ["calendar", "repo", "--out", str(tmp_path / "out")],
        ["log", "repo", "pipeline_review", "--owner", "priya"],
        ["diff", "repo", "repo/sales"],
    ):
        assert cli.run(args) == 1, args
        err = capsys.readouterr().err
        assert err.endswith(f"morctl: error: no rhythm.yaml in 'repo'\n  hint: {hint}\n"), args
    # From inside the repository, the folder as it is given there.
    monkeypatch.chdir(repo)
    assert json.loads(validate(capsys)["json"].out)["diagnostics"][0]["hint"] == (
        "found one in sales: did you mean 'sales'?"
    )


def no_workspace_hint(example: str = "morctl validate my-team") -> str:
    return (
        "run the command inside the workspace folder, or give that folder as its first "
        f"argument (`{example}`); `morctl init DIR` creates one"
    )


NO_WORKSPACE_HINT = no_workspace_hint()


def test_a_folder_with_no_rhythm_yaml_is_told_at_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said `e/rhythm.yaml:1:1: error MOR100 ...`: a line and column of a file that is
    # not there. The place is the folder; JSON, which has a line for every diagnostic,
    # says line 1, column 1 (docs/diagnostics.md, MOR100), and GitHub gets no line.
    (tmp_path / "e").mkdir()
    (tmp_path / ".git").mkdir()  # no rhythm.yaml above the test's folder is looked for
    monkeypatch.chdir(tmp_path)
    runs = validate(capsys, workspace="e")
    assert check_formats(runs, tmp_path) == ["e: error MOR100 no rhythm.yaml in 'e'"]
    assert runs["text"].out == (
        f"e: error MOR100 no rhythm.yaml in 'e'\n     = hint: {NO_WORKSPACE_HINT}\n\n"
        "1 error, 0 warnings\n"
    )
    (d,) = json.loads(runs["json"].out)["diagnostics"]
    assert (d["file"], d["line"], d["column"]) == ("e", 1, 1)
    assert runs["github"].out.startswith("::error file=e,title=MOR100::MOR100 no rhythm.yaml")


# The example in the hint is the command run, not validate whatever it was.
EVERY_COMMAND = [
    (["show", "e"], "show my-team"),
    (["show", "e", "--role", "rep"], "show my-team …"),
    (["expand", "e", "--from", "2026-11-02", "--to", "2026-11-06"], "expand my-team …"),
    (["checklist", "e", "--week", "2026-W47"], "checklist my-team …"),
    (["report", "e", "--week", "2026-W47"], "report my-team …"),
    (["calendar", "e", "--out", "feeds"], "calendar my-team …"),
    (["log", "e", "pipeline_review", "--owner", "priya"], "log my-team pipeline_review …"),
]


@pytest.mark.parametrize(("args", "example"), EVERY_COMMAND)
def test_a_folder_with_no_rhythm_yaml_is_said_plainly_by_every_command(
    args: list[str],
    example: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # It said "the workspace has 1 error:" and validate's line: there is no workspace.
    (tmp_path / "e").mkdir()
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.run(args) == 1
    out, err = capsys.readouterr()
    hint = no_workspace_hint(f"morctl {example}")
    assert (out, err) == ("", f"morctl: error: no rhythm.yaml in 'e'\n  hint: {hint}\n")


@pytest.mark.parametrize(("args", "example"), EVERY_COMMAND)
def test_a_folder_inside_a_workspace_names_the_workspace_above(
    args: list[str],
    example: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `cd ck/logs && morctl log pipeline_review ...` said only "no rhythm.yaml in '.'",
    # with validate's example. The workspace above is named, never used unasked.
    ws = tmp_path / "ck"
    shutil.copytree(ACME, ws)
    (ws / "e").mkdir()
    monkeypatch.chdir(ws / "e")
    given = [a for a in args if a != "e"]
    assert cli.run(given) == 1
    out, err = capsys.readouterr()
    shown = example.replace("my-team", "..")
    hint = (
        f"the workspace is .. (rhythm.yaml is there): give it, `morctl {shown}`, or run from there"
    )
    assert (out, err) == ("", f"morctl: error: no rhythm.yaml in '.'\n  hint: {hint}\n")
    # Given from elsewhere, the folder is written as it was given.
    monkeypatch.chdir(tmp_path)
    assert cli.run(args[:1] + ["ck/e"] + args[2:]) == 1
    shown = example.replace("my-team", "ck")
    assert capsys.readouterr().err.endswith(f"give it, `morctl {shown}`, or run from there\n")


def test_validate_names_the_workspace_above_and_stops_at_a_git_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ACME, tmp_path / "ck")
    (tmp_path / "ck" / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "ck" / "a" / "b")
    runs = validate(capsys)
    (d,) = json.loads(runs["json"].out)["diagnostics"]
    assert (d["file"], d["code"], d["message"]) == (".", "MOR100", "no rhythm.yaml in '.'")
    assert d["hint"] == (
        "the workspace is ../.. (rhythm.yaml is there): give it, `morctl validate ../.. …`, "
        "or run from there"
    )
    (tmp_path / "ck" / "log s").mkdir()
    (d,) = validate_workspace(str(tmp_path / "ck" / "log s")).diagnostics
    assert d.hint == (
        f"the workspace is {tmp_path / 'ck'} (rhythm.yaml is there): give it, "
        f"`morctl validate {tmp_path / 'ck'}`, or run from there"
    )
    monkeypatch.chdir(tmp_path / "ck")
    (d,) = validate_workspace("log s").diagnostics
    assert d.hint == "the workspace is . (rhythm.yaml is there): give it, `morctl validate .`"
    # A repository inside the workspace's folder is another project: not searched past.
    (tmp_path / "ck" / "a" / ".git").mkdir()
    (d,) = validate_workspace("a/b").diagnostics
    assert d.hint == NO_WORKSPACE_HINT
    assert cli.run(["diff", "a/b", "."]) == 1
    assert capsys.readouterr().err.endswith(
        "hint: give a workspace folder, a rhythm.yaml, or a git REV:path such as main:rhythm.yaml\n"
    )
    assert cli.run(["diff", "log s", "."]) == 1
    assert capsys.readouterr().err == (
        "morctl: error: no rhythm.yaml in 'log s'\n"
        "  hint: the workspace is . (rhythm.yaml is there): did you mean '.'?\n"
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("nowhere", "workspace folder 'nowhere' does not exist"),
        ("notes.txt", "workspace folder 'notes.txt' is not a folder"),
    ],
)
def test_a_workspace_folder_that_is_not_one_is_said_plainly(
    given: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    monkeypatch.chdir(tmp_path)
    assert check_formats(validate(capsys, workspace=given), tmp_path) == [
        f"{given}: error MOR100 {said}"
    ]
    assert cli.run(["show", given]) == 1
    hint = "pass the folder that holds rhythm.yaml, or run `morctl init DIR`"
    assert capsys.readouterr().err == f"morctl: error: {said}\n  hint: {hint}\n"


def test_several_workspaces_below_a_folder_are_listed_up_to_five(tmp_path: Path) -> None:
    for name in ("emea", "us", "apac", "latam", "anz", "dach"):
        (tmp_path / "teams" / name).mkdir(parents=True)
        shutil.copyfile(ACME / "rhythm.yaml", tmp_path / "teams" / name / "rhythm.yaml")
    (d,) = validate_workspace(str(tmp_path)).diagnostics
    teams = [str(tmp_path / "teams" / n) for n in ("anz", "apac", "dach", "emea", "latam")]
    assert d.hint == (
        f"found one in each of {', '.join(teams)} (and 1 more): give the folder of the "
        "workspace meant"
    )


def test_a_person_of_org_yaml_is_named_not_counted_from_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The starter's org.yaml with the 5th person's id and the 3rd's manager in capitals said
    # `people[4].id: ...` and `people[2].manager: ...`, where the other roster messages say
    # `owen: ...` and org.csv's `row 5, column id: ...`.
    assert cli.run(["init", str(tmp_path / "ck")]) == 0
    org = tmp_path / "ck" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    text = text.replace("{id: jamal,", "{id: Jamal,")
    text = text.replace("role: rep, manager: priya,", "role: rep, manager: Priya,", 1)
    text = text.replace("{id: tessa, name: Tessa Brandt,", "{id: Tessa, name: '  ',")
    text = text.replace("{id: luis, name: Luis Ferreira,", "{id: luis, nmae: Luis Ferreira,")
    text += "  - just a name\n"
    org.write_text(text, encoding="utf-8")
    capsys.readouterr()
    got = [(d.code, d.message) for d in validate_workspace(str(tmp_path / "ck")).diagnostics]
    rule = "use lower-case letters, digits, '_' and '-', starting with a letter or digit"
    assert got == [
        ("MOR203", f"owen: manager: 'Priya' is not an id: {rule}"),
        ("MOR203", f"Jamal Okafor: id: 'Jamal' is not an id (write 'jamal'): {rule}"),
        ("MOR203", f"the 6th person: id: 'Tessa' is not an id (write 'tessa'): {rule}"),
        ("MOR203", "the 6th person: name: is blank: give the text people will read"),
        ("MOR201", "luis: unknown key 'nmae' (did you mean 'name'?)"),
        ("MOR203", "the 11th person: expected a mapping of keys, got 'just a name'"),
    ]


def test_a_manager_by_e_mail_on_many_people_of_org_yaml_is_said_once_by_the_first(
    tmp_path: Path,
) -> None:
    # "people[2].manager and 3 more (...): ..." before; the first is named as a person, by
    # a name that may hold a comma where the id is refused.
    assert cli.run(["init", str(tmp_path / "ck")]) == 0
    org = tmp_path / "ck" / "org.yaml"
    text = org.read_text(encoding="utf-8").replace("manager: priya,", "manager: priya@example.com,")
    org.write_text(
        text.replace("{id: owen, name: Owen Castillo,", "{id: Owen, name: 'Castillo, Owen',")
    )
    said = [d.message for d in validate_workspace(str(tmp_path / "ck")).diagnostics]
    assert said[1].startswith(
        "Castillo, Owen and 3 more (lines 12, 14 and 16): manager: 'priya@example.com' is not an id"
    )


@pytest.mark.parametrize(
    ("role", "hint"),
    [
        # A near name is offered, and beside it every role there is: `rep` for an account
        # executive came out as the Regional VP, with nothing saying `ae` was there.
        ("vep", "did you mean 'vp'? rhythm.yaml declares: vp, manager, rep"),
        ("ae", "rhythm.yaml declares: vp, manager, rep"),
    ],
)
def test_an_unknown_role_hint_lists_the_declared_roles(
    tmp_path: Path, role: str, hint: str
) -> None:
    ws = acme_edited(
        tmp_path, "org.yaml", "role: rep, manager: priya,", f"role: {role}, manager: priya,"
    )
    found = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR602"]
    assert found and {d.hint for d in found} == {hint}


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("Factory", "'Factory' is tzdata's placeholder for a computer whose zone is not set, "
                    "not a place: give the office's city zone, such as Europe/London"),
        ("posixrules", "'posixrules' is a file of tzdata's rules, not a place: give the "
                       "office's city zone, such as Europe/London"),
        ("right/UTC", "did you mean 'UTC'? 'right/' zones count leap seconds, which "
                      "calendar apps do not"),
        ("posix/Europe/Paris", "did you mean 'Europe/Paris'?"),
    ],
)  # fmt: skip
def test_a_file_of_tzdata_that_is_no_place_is_an_unknown_zone(
    tmp_path: Path, zone: str, hint: str
) -> None:
    # ZoneInfo opens them, so they passed, and went into the feeds as TZIDs no calendar app
    # knows: an unknown zone, in rhythm.yaml and in the roster alike.
    ws = acme_edited(tmp_path, "rhythm.yaml", "timezone: Europe/London", f"timezone: {zone}")
    text = (ws / "org.yaml").read_text(encoding="utf-8")
    (ws / "org.yaml").write_text(
        text.replace("timezone: America/New_York", f"timezone: {zone}"), encoding="utf-8"
    )
    found = {
        d.code: (d.message, d.hint)
        for d in validate_workspace(str(ws)).diagnostics
        if d.code in ("MOR206", "MOR605")
    }
    assert found["MOR206"] == (f"timezone: unknown time zone '{zone}'", hint)
    # The roster's example is a zone of the person's country (US): the rest is the same.
    message, roster_hint = found["MOR605"]
    assert message.endswith(f": unknown time zone '{zone}'")
    assert roster_hint == hint.replace("Europe/London", "America/New_York")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("30 minutes", "30m"),
        ("30 min", "30m"),
        ("30mins", "30m"),
        ("0.5h", "30m"),
        ("1.5 hours", "1h30m"),
        ("6 hours", "6h"),
        ("1 hr", "1h"),
        ("1h 30m", "1h30m"),
        ("1 hour 30 minutes", "1h30m"),
        ("1 hour and 30 minutes", "1h30m"),
        ("1h30", "1h30m"),
        ("90 minutes", "1h30m"),
        ("30M", "30m"),
        ("0.1h", None),  # six minutes, but nobody writes that: no guess
        ("200 hours", None),  # over a week: no value to offer
        ("0 minutes", None),
        ("half an hour", None),
    ],
)
def test_a_duration_written_another_way_is_named_as_morctl_writes_it(
    written: str, meant: str | None
) -> None:
    from morctl.values import parse_duration

    with pytest.raises(ValueError) as raised:
        parse_duration(written)
    said = str(raised.value)
    assert said.startswith(f"'{written}' is not a duration; write it like 30m, 1h or 1h30m")
    assert said.endswith(f" (write '{meant}')" if meant else "1h30m")


@pytest.mark.parametrize(
    ("written", "meant"),
    [("1h75m", "2h15m"), ("0h90m", "1h30m"), ("2h60m", "3h")],
)
def test_minutes_after_hours_go_up_to_59(written: str, meant: str) -> None:
    # 1h75m was read as 2h15m without a word: a typo for 1h15m or 1h45m as likely as not.
    from morctl.values import parse_duration

    with pytest.raises(ValueError) as raised:
        parse_duration(written)
    assert str(raised.value) == (
        f"'{written}' is not a duration: minutes after the hours go up to 59 (write '{meant}')"
    )


def test_minutes_alone_may_be_an_hour_or_more() -> None:
    from morctl.values import parse_duration

    assert parse_duration("75m") == 75
    assert parse_duration("90m") == 90
    assert parse_duration("1h59m") == 119


@pytest.mark.parametrize("written", ["6", "45"])
def test_a_duration_given_as_a_number_alone_asks_minutes_or_hours(
    tmp_path: Path, written: str
) -> None:
    quoted = acme_edited(tmp_path / "q", "rhythm.yaml", "capacity: 8h", f'capacity: "{written}"')
    (d,) = validate_workspace(str(quoted)).diagnostics
    assert d.message == (
        f"roles.manager.capacity: '{written}' is not a duration; write it like 30m, 1h or 1h30m"
    )
    assert d.hint == (
        f"a number alone says neither minutes nor hours: write {written}m or {written}h"
    )
    number = acme_edited(tmp_path / "n", "rhythm.yaml", "capacity: 8h", f"capacity: {written}")
    (d,) = validate_workspace(str(number)).diagnostics
    assert d.message == (
        "roles.manager.capacity: expected a duration as text, such as 30m, got the number "
        f"{written}"
    )
    assert d.hint == (
        f"a number alone says neither minutes nor hours: write {written}m or {written}h"
    )


def test_a_rhythm_yml_beside_no_rhythm_yaml_is_named_to_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said only "no rhythm.yaml in 'W'", with the hint to run inside a workspace: the
    # user was inside it, and rhythm.yml was there.
    shutil.copytree(ACME, tmp_path / "w", ignore=shutil.ignore_patterns("logs"))
    (tmp_path / "w" / "rhythm.yaml").rename(tmp_path / "w" / "rhythm.yml")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    runs = validate(capsys, workspace="w")
    assert check_formats(runs, tmp_path) == [
        "w: error MOR100 no rhythm.yaml in 'w' (rhythm.yml is there)"
    ]
    (d,) = json.loads(runs["json"].out)["diagnostics"]
    assert d["hint"] == "rename rhythm.yml to rhythm.yaml: morctl reads no other name"


@pytest.mark.parametrize(
    ("misnamed", "name"),
    [
        ("Org.yaml", "org.yaml"),
        ("org.yml", "org.yaml"),
        ("ORG.CSV", "org.csv"),
        ("roster.csv", "org.csv"),
        ("people.yaml", "org.yaml"),
    ],
)
def test_a_roster_under_another_name_is_named_to_rename(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    misnamed: str,
    name: str,
) -> None:
    # validate said 0 errors and expand then warned that the workspace has no roster.
    shutil.copytree(ACME, tmp_path / "w", ignore=shutil.ignore_patterns("logs"))
    if name == "org.csv":
        (tmp_path / "w" / "org.yaml").unlink()
        (tmp_path / "w" / misnamed).write_text(
            "id,name,email,role,manager\ndana,Dana W,dana@acme.example,vp,\n", encoding="utf-8"
        )
    else:
        (tmp_path / "w" / "org.yaml").rename(tmp_path / "w" / misnamed)
    monkeypatch.chdir(tmp_path)
    runs = validate(capsys, workspace="w")
    found = [h for h in check_formats(runs, tmp_path) if "MOR100" in h]
    assert found == [
        f"w/{misnamed}: warning MOR100 the workspace has no roster: morctl reads org.yaml "
        f"or org.csv, not {misnamed}"
    ]
    (d,) = [d for d in json.loads(runs["json"].out)["diagnostics"] if d["code"] == "MOR100"]
    assert d["hint"] == f"rename {misnamed} to {name}"


def test_a_workspace_with_no_roster_and_no_file_like_one_gets_no_warning(
    tmp_path: Path,
) -> None:
    # A rhythm drafted before its roster is sound; a notes.csv is no roster.
    ws = tmp_path / "w"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    (ws / "org.yaml").unlink()
    (ws / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert not [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR100"]
