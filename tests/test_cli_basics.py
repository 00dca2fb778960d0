from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACME, DATA, acme_with_log, morctl
from morctl import __version__
from morctl.logcheck import FIELDS

REGENERATE = os.environ.get("MORCTL_REGENERATE") == "1"


def test_version() -> None:
    r = morctl("--version")
    assert r.code == 0
    assert r.out.strip() == f"morctl {__version__}"


def test_acme_validates_clean() -> None:
    r = morctl("validate", str(ACME))
    assert r.code == 0, r.out + r.err
    assert r.out.strip().endswith("0 errors, 0 warnings")


def test_validate_json_parses() -> None:
    r = morctl("validate", str(ACME), "--format", "json")
    doc = json.loads(r.out)
    assert doc == {"ok": True, "errors": 0, "warnings": 0, "diagnostics": []}


@pytest.mark.parametrize(
    "args",
    [
        ["--debug", "show", "no-such-folder"],
        ["show", "no-such-folder", "--debug"],  # added to the command that just failed
    ],
)
def test_debug_before_or_after_the_command_shows_the_traceback(
    args: list[str], tmp_path: Path
) -> None:
    r = morctl(*args, cwd=tmp_path)
    plain = morctl(*(a for a in args if a != "--debug"), cwd=tmp_path)
    assert plain.code == 1 and "Traceback" not in plain.err
    assert plain.err.startswith("morctl: error: workspace folder 'no-such-folder' does not exist")
    # The traceback, then the message and its hint as without --debug, and the same code.
    assert r.code == 1 and "Traceback" in r.err
    assert r.err.endswith(plain.err)


def test_debug_keeps_a_usage_errors_message_hint_and_exit_code() -> None:
    r = morctl("--debug", "show", str(ACME), "--person", "pryia")
    assert r.code == 2 and "Traceback" in r.err
    assert r.err.endswith(
        "morctl: error: --person: nobody in the roster has the id or name 'pryia'\n"
        "  hint: did you mean 'priya'?\n"
    )


def test_unknown_option_is_usage_error() -> None:
    r = morctl("validate", "--bogus")
    assert r.code == 2
    assert "Traceback" not in r.err


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        ("validate", "'text', 'json', 'github'"),
        ("report", "'table', 'json', 'csv', 'md', 'html'"),
    ],
)
def test_an_unknown_format_names_the_choices_plainly(command: str, choices: str) -> None:
    r = morctl(command, str(ACME), "--format", "xml")
    assert r.code == 2
    assert r.err.rstrip().endswith(
        f"Error: Invalid value for '--format' / '-f': 'xml' is not one of {choices}."
    ), r.err


@pytest.mark.parametrize("command", ["expand", "checklist"])
def test_the_window_hint_names_only_options_the_command_has(command: str) -> None:
    r = morctl(command, str(ACME))
    assert r.code == 2 and "give a window" in r.err
    hint = r.err.split("hint: ", 1)[1].strip()
    for form in hint.replace(", or ", ", ").split(", "):
        followed = morctl(command, str(ACME), *form.split())
        assert followed.code == 0, f"{command} {form}: {followed.err}"


def test_the_lean_help_is_what_typer_prints(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `morctl --help` prints morctl.helptext without importing typer; it must stay the
    # text typer renders at 80 columns (click's widest), or be regenerated.
    from morctl import helptext
    from morctl.cli import run

    monkeypatch.setenv("COLUMNS", "80")
    assert run(["--help"]) == 0
    rendered = capsys.readouterr().out
    if REGENERATE:
        body = "".join(f"    {line!r}\n" for line in rendered.splitlines(keepends=True))
        source = Path(helptext.__file__).read_text(encoding="utf-8")
        head = source[: source.index("MAIN = (")]
        Path(helptext.__file__).write_text(f"{head}MAIN = (\n{body})\n", encoding="utf-8")
        pytest.fail("regenerated morctl/helptext.py: review it, and run ruff format")
    assert rendered == helptext.MAIN, "run MORCTL_REGENERATE=1 pytest tests/test_cli_basics.py"
    assert rendered.isascii()  # written whatever the terminal's encoding


def _main_and_whether_typer_loaded(
    flag: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run `morctl FLAG` as the console script does; its stderr says the exit code and
    whether typer was imported."""
    probe = (
        f"import sys; sys.argv = ['morctl', {flag!r}]\n"
        "from morctl.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "sys.stderr.write(f'{code} {\"typer\" in sys.modules}')\n"
    )
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("columns", ["80", "200", "60"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_is_the_same_by_the_lean_path_and_by_typer(flag: str, columns: str) -> None:
    env = {**os.environ, "COLUMNS": columns}
    lean = _main_and_whether_typer_loaded(flag, env)
    typer_path = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; from morctl.cli import run; sys.exit(run([{flag!r}]))",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert (typer_path.returncode, typer_path.stderr) == (0, "")
    assert lean.stdout == typer_path.stdout
    # Wide enough, typer is not even imported; narrower, click wraps it and typer prints it.
    assert lean.stderr == ("0 True" if columns == "60" else "0 False")


BAD_WS = DATA / "workspaces" / "bad" / "over-capacity-org"


@pytest.mark.parametrize(
    ("args", "lean"),
    [
        ([], True),  # the working folder
        ([str(ACME)], True),
        ([str(BAD_WS)], True),
        ([str(BAD_WS), "--format", "json"], True),
        (["--format=github", str(BAD_WS), "--strict"], True),
        (["-f", "json", "--no-strict", "--logs", str(ACME)], True),
        ([str(DATA / "no-such-folder")], True),
        ([str(ACME)[:-1]], True),  # examples/acm: did you mean examples/acme
        (["--logs", "BAD_LOGS"], True),  # a workspace whose logs have bad records
        # typer answers these: its help, its usage errors, a repeated option
        (["--help"], False),
        ([str(ACME), "--format", "xml"], False),
        ([str(ACME), "--format"], False),
        ([str(ACME), "--strict", "--strict"], False),
        ([str(ACME), str(BAD_WS)], False),
        ([str(ACME), "--bogus"], False),
        (["-fjson", str(ACME)], False),
    ],
)
def test_validate_is_the_same_by_the_lean_path_and_by_typer(
    args: list[str], lean: bool, tmp_path: Path
) -> None:
    # `morctl validate` runs without typer when its arguments are plain; whatever the
    # arguments, it prints and exits exactly as the typer command does.
    if "BAD_LOGS" in args:
        shutil.copytree(DATA / "logs" / "ws", tmp_path, dirs_exist_ok=True)
        shutil.copytree(DATA / "logs" / "cases" / "bad" / "logs", tmp_path / "logs")
        args = [str(tmp_path) if a == "BAD_LOGS" else a for a in args]
    env = {**os.environ, "COLUMNS": "100", "MORCTL_TODAY": "2026-11-23"}
    argv = ["morctl", "validate", *args]
    probe = (
        f"import sys; sys.argv = {argv!r}\n"
        "from morctl.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "sys.stderr.write(f'<{code} {\"typer\" in sys.modules}>')\n"
    )
    by_main = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ACME
    )
    by_typer = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; from morctl.cli import run; sys.exit(run({argv[1:]!r}))",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ACME,
    )
    err, _, tail = by_main.stderr.rpartition("<")
    code, typer_loaded = tail.rstrip(">").split()
    assert (by_main.stdout, err, int(code)) == (
        by_typer.stdout,
        by_typer.stderr,
        by_typer.returncode,
    )
    assert typer_loaded == str(not lean)
    assert "Traceback" not in err
    if args == ["--logs", str(tmp_path)]:
        assert int(code) == 1 and "MOR801" in by_main.stdout


def test_the_lean_validate_knows_the_formats_typer_knows() -> None:
    from morctl.__main__ import _VALIDATE_FORMATS
    from morctl.cli import ValidateFormat

    assert tuple(f.value for f in ValidateFormat) == _VALIDATE_FORMATS


def test_version_does_not_load_the_command_line() -> None:
    r = _main_and_whether_typer_loaded("--version", dict(os.environ))
    assert (r.stdout, r.stderr) == (f"morctl {__version__}\n", "0 False")


def test_no_command_prints_the_help() -> None:
    r = morctl()
    assert r.code == 2
    assert "Usage: morctl [OPTIONS] COMMAND" in r.out + r.err
    assert "Traceback" not in r.err


def test_a_redirect_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    # Windows writes a redirect in its code page: `checklist > logs/week.md` would put a
    # cp1252 dash in every line with a rep's name. An ASCII locale stands in for it here.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    env["MORCTL_TODAY"] = "2026-11-23"
    proc = subprocess.run(
        [sys.executable, "-m", "morctl", "checklist", str(ACME), "--week", "2026-W48",
         "--person", "priya"],
        capture_output=True,
        env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "— Oliver Hughes <!-- morctl:" in proc.stdout.decode("utf-8")


def test_output_the_console_cannot_encode_is_escaped_not_a_crash() -> None:
    # cp1252 is what Python uses on Windows for a redirect; it has no '→'.
    cycle = DATA / "workspaces" / "bad" / "cycle-org-yaml"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    proc = subprocess.run(
        [sys.executable, "-m", "morctl", "validate", str(cycle), "--format", "json"],
        capture_output=True,
        env=env,
    )
    assert proc.returncode == 1
    assert proc.stderr == b""
    doc = json.loads(proc.stdout.decode("cp1252"))  # '\u2192' is a JSON escape of '→'
    assert any("→" in d["message"] for d in doc["diagnostics"])
    text = subprocess.run(
        [sys.executable, "-m", "morctl", "validate", str(cycle)], capture_output=True, env=env
    )
    assert (text.returncode, text.stderr) == (1, b"")
    assert b"\\u2192" in text.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_a_clear_error() -> None:
    # The help and the version too, by the lean path (wide) and by typer (narrow, a command).
    for args, columns in (
        (["validate", str(ACME)], "80"),
        (["schema"], "80"),
        (["--help"], "80"),
        (["--help"], "60"),
        (["--version"], "80"),
        (["validate", "--help"], "80"),
    ):
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "morctl", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                env={**os.environ, "COLUMNS": columns},
            )
        assert proc.returncode == 1, args
        assert proc.stderr.decode() == (
            "morctl: error: cannot write output: No space left on device\n"
            "  hint: free some space, or write elsewhere\n"
        )


def test_a_path_the_system_refuses_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    # A name longer than the file system allows (255 bytes here), for a new workspace and
    # for the calendars' folder: what the system said, with the path, and exit 1.
    long = str(tmp_path / ("w" * 300))
    for args in (["init", long], ["calendar", str(ACME), "--out", long]):
        r = morctl(*args, env={**os.environ, "MORCTL_TODAY": "2026-11-23"})
        assert r.code == 1, args
        assert "Traceback" not in r.err and "internal error" not in r.err
        assert r.err.startswith("morctl: error: cannot use ") and "…wwwww" in r.err
        assert "File name too long" in r.err and "hint: check the path" in r.err


def test_an_output_link_that_leads_nowhere_is_named_and_kept(tmp_path: Path) -> None:
    # --out through a link to a drive not mounted said "File exists"; a link round in a
    # loop was replaced by the report, as a file.
    env = {**os.environ, "MORCTL_TODAY": "2026-11-23"}
    (tmp_path / "feeds").symlink_to("/mnt/nowhere/feeds")
    r = morctl("calendar", str(ACME), "--out", "feeds", cwd=tmp_path, env=env)
    assert r.code == 1
    assert r.err.startswith(
        "morctl: error: cannot write into feeds: feeds is a link to '/mnt/nowhere/feeds', "
        "which does not exist\n"
    )
    (tmp_path / "loop.md").symlink_to("loop.md")
    r = morctl("report", str(ACME), "--month", "2026-10", "--out", "loop.md", cwd=tmp_path, env=env)
    assert r.code == 1
    assert "cannot write loop.md: it is a link that leads round in a loop" in r.err
    assert (tmp_path / "loop.md").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feeds", "loop.md"]


def test_a_file_where_an_output_folder_should_be_is_named(tmp_path: Path) -> None:
    # `--out reports/x.md` where reports is a file (one an older morctl wrote for `--out
    # reports/`) said "Not a directory", and to check that the folder exists.
    env = {**os.environ, "MORCTL_TODAY": "2026-11-23"}
    (tmp_path / "reports").write_text("an old report\n", encoding="utf-8")
    runs = (
        ("report", str(ACME), "--week", "2026-W48", "--out", "reports/2026-W48.md"),
        ("checklist", str(ACME), "--week", "2026-W48", "--out", "reports/new/week.md"),
    )
    for args in runs:
        r = morctl(*args, cwd=tmp_path, env=env)
        assert (r.code, r.out) == (1, "")
        assert r.err == (
            f"morctl: error: cannot write {args[-1]}: reports is a file, not a folder\n"
            "  hint: move that file away, or write elsewhere\n"
        )
    assert (tmp_path / "reports").read_text(encoding="utf-8") == "an old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


COMMANDS = ["validate", "schema", "show", "expand", "calendar", "checklist", "log", "report",
            "diff", "init"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples_a_user_can_copy_whole(command: str) -> None:
    # Narrow terminal: the examples are still one a line, never wrapped mid-command.
    env = {**os.environ, "COLUMNS": "60"}
    r = morctl(command, "--help", env=env)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() in ("Example:", "Examples:"))
    examples = [ln.strip() for ln in lines[start + 1 :] if ln.strip()]
    assert examples, r.out
    assert all(ln.startswith(f"morctl {command} ") for ln in examples), examples


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_arguments_in_the_users_words(command: str) -> None:
    r = morctl(command, "--help")
    assert r.code == 0, r.err
    assert "<str>" not in r.out and "{" not in r.out.splitlines()[0], r.out


def test_log_usage_says_the_activity_is_needed() -> None:
    # typer takes it as optional (it follows an optional WORKSPACE); the command needs it.
    r = morctl("log", "--help")
    assert r.out.splitlines()[0] == "Usage: morctl log [OPTIONS] [WORKSPACE] ACTIVITY"


def test_every_command_is_in_that_list() -> None:
    from morctl.cli import app

    names = [c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands]
    assert sorted(names) == sorted(COMMANDS)


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("--from", "2026-12-01", "--to", "2026-11-01"),
         "--from 2026-12-01 is after --to 2026-11-01",
         "hint: the window runs from the first day to the last: --from 2026-11-01 --to 2026-12-01"),
        (("--from", "2026-02-30", "--to", "2026-03-31"),
         "--from: '2026-02-30' is not a real date (February 2026 has 28 days)", None),
        (("--from", "2028-02-30", "--to", "2028-03-31"),
         "--from: '2028-02-30' is not a real date (February 2028 has 29 days)", None),
        (("--from", "2026-01-01", "--to", "2026-13-01"),
         "--to: '2026-13-01' is not a real date (there is no month 13)", None),
        # An empty value (`--from "$START"` with START unset) is a value, and no date.
        (("--from", "", "--to", "2026-11-30"), "--from: '' is not a date", None),
        # A mistyped year would run for minutes: ten years at most.
        (("--from", "1926-01-01", "--to", "2026-12-31"),
         "--from 1926-01-01 --to 2026-12-31 is over 10 years; a window is at most 10 years",
         "hint: is a year mistyped?"),
    ],
)  # fmt: skip
def test_a_bad_window_says_what_is_wrong(
    args: tuple[str, ...], message: str, hint: str | None
) -> None:
    r = morctl("expand", str(ACME), *args)
    assert r.code == 2
    assert f"morctl: error: {message}" in r.err
    if hint:
        assert hint in r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("calendar", str(ACME), "--out", ""), "--out: give the folder for the feeds"),
        (("report", str(ACME), "--month", "2026-11", "--out", " "),
         "--out: give a file, or - for standard output"),
        (("report", str(ACME), "--month", "2026-11", "--as-of", ""), "--as-of: '' is not a date"),
        (("checklist", str(ACME), "--week", ""), "--week: '' is not an ISO week"),
    ],
)  # fmt: skip
def test_an_empty_value_is_refused_not_read_as_absent(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    # Run in an empty folder: `calendar --out ""` wrote its feeds into the current one.
    r = morctl(*args, cwd=tmp_path)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(f"morctl: error: {message}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_terminated_calendar_run_leaves_no_temporary_files(tmp_path: Path, name: str) -> None:
    # SIGTERM (a CI job cancelled, `kill`) and SIGHUP (the terminal closed, an SSH session
    # dropped) unwind like Ctrl-C: the feeds written so far to temporaries are removed,
    # none replaces an old feed, and the exit is 128 + the signal's number.
    # Ten years of single events for 25 people take seconds, all of them before the end.
    import signal
    import time

    sent = getattr(signal, name)

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "morctl", "calendar", str(ACME), "--out", str(out),
         "--expanded", "--from", "2026-01-01", "--to", "2035-12-31"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "MORCTL_TODAY": "2026-11-23"},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(p.suffix == ".tmp" for p in out.iterdir())):
        assert proc.poll() is None and time.monotonic() < deadline, "no feed was started"
        time.sleep(0.005)
    proc.send_signal(sent)
    assert proc.wait(timeout=60) == 128 + sent
    assert sorted(p.name for p in out.iterdir()) == []


def test_a_killed_runs_temporary_files_are_swept(tmp_path: Path) -> None:
    from morctl.atomic import sweep

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    names = [
        f".dana.ics.{gone.stdout.strip()}.tmp",  # a run that was killed: removed
        f".priya.ics.{os.getpid()}.tmp",  # this run's own: kept
        f".alice.ics.{os.getppid()}.tmp",  # a process still running: kept
        "dana.ics",
        ".hidden.tmp",  # not a name morctl gives
        f".notes.txt.{gone.stdout.strip()}.tmp",  # not a feed's
    ]
    for name in names:
        (tmp_path / name).write_text("x")
    sweep(tmp_path, ".ics")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def test_ctrl_c_outside_a_command_is_interrupted_not_aborted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Click turns Ctrl-C while it parses the command line into Abort ("Aborted!", exit 1).
    import typer

    from morctl import cli

    def interrupted(**_: object) -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise typer.Abort() from exc

    monkeypatch.setattr(cli, "app", interrupted)
    assert cli.run(["validate"]) == 130
    assert capsys.readouterr().err == "morctl: error: interrupted\n"


def test_validate_logs_reports_each_row_a_report_cannot_count(tmp_path: Path) -> None:
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    log = ws / "logs" / "2026-11.csv"
    rows = log.read_text(encoding="utf-8").count("\n")
    with log.open("a", encoding="utf-8") as f:
        f.write("2026-02-30,pipeline_review,priya,oliver,done,4,1,,\n")
    assert morctl("validate", str(ws)).code == 0  # without --logs the logs are not read
    r = morctl("validate", str(ws), "--logs")
    assert r.code == 1
    assert r.out.splitlines()[:3] == [
        f"{log}:{rows + 1}:1: error MOR801 date: '2026-02-30' is not a real date "
        "(February 2026 has 28 days)",
        f"{rows + 1:>4} | 2026-02-30,pipeline_review,priya,oliver,done,4,1,,",
        "     | ^",
    ]
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    assert [(d["code"], d["line"]) for d in doc["diagnostics"]] == [("MOR801", rows + 1)]
    report = json.loads(morctl("report", str(ws), "--month", "2026-11", "--format", "json").out)
    assert [(p["file"], p["line"]) for p in report["rejected"]] == [(str(log), rows + 1)]


def test_validate_logs_points_at_the_bad_field_of_a_yaml_record(tmp_path: Path) -> None:
    # A YAML record is rejected at the value its reason names (the first, when it names
    # several), not at the record's first line; the report lists it there too.
    ws = acme_with_log(
        tmp_path,
        "b.yaml",
        "- date: 2026-11-24\n"
        "  activity: pipeline_review\n"
        "  owner: priya\n"
        "  with: oliver\n"
        "  useful:    9\n"
        "- {date: 2026-11-17, activity: pipeline_review, owner: priya, with: olivr, useful: 7}\n"
        "- {date: 2026-11-10, activity: pipeline_review, owner: priya, with: oliver,\n"
        "   status: skipped}\n"
        "- {activity: pipeline_review, owner: priya, with: oliver}\n"
        "- {date: 2026-11-03, activity: pipeline_review, owner: priya, with: oliver, notes: x}\n",
    )
    log = ws / "logs" / "b.yaml"
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    assert [(d["line"], d["column"], d["message"]) for d in doc["diagnostics"]] == [
        (5, 14, "useful: 9 is outside 1-5"),
        (
            6,
            69,  # at 'olivr', the first of the two
            "with: nobody in the roster has the id 'olivr' (did you mean 'oliver'?); "
            "useful: 7 is outside 1-5",
        ),
        (7, 1, "status skipped needs a reason: say why it did not happen"),  # no one field
        (9, 1, "date: missing; write it as YYYY-MM-DD"),  # no date to point at
        (10, 77, "unknown key 'notes' is ignored (keys: " + ", ".join(FIELDS) + ")"),  # the key
    ]
    r = morctl("validate", str(ws), "--logs")
    assert f"{log}:5:14: error MOR801 useful: 9 is outside 1-5" in r.out
    report = json.loads(morctl("report", str(ws), "--month", "2026-11", "--format", "json").out)
    assert [p["line"] for p in report["rejected"]] == [5, 6, 7, 9, 10]


def test_validate_logs_points_at_the_bad_cell_of_a_csv_row(tmp_path: Path) -> None:
    # A CSV row is rejected at the cell its reason names first, and the caret stands under
    # that cell also when a cell before it (here the note, first column) is shown as `…`.
    ws = acme_with_log(
        tmp_path,
        "c.csv",
        "note,date,activity,owner,with,status,useful,actions,reason\n"
        "Oliver may quit,2026-11-24,pipeline_review,priya,oliver,done,9,,\n"
        "ok,2026-11-17,pipeline_review,priya,oliver,dun,3,x,\n",
    )
    log = ws / "logs" / "c.csv"
    r = morctl("validate", str(ws), "--logs")
    assert r.code == 1
    lines = r.out.splitlines()
    at = lines.index(f"{log}:2:62: error MOR801 useful: 9 is outside 1-5")
    assert lines[at + 1 : at + 3] == [
        "   2 | …,2026-11-24,pipeline_review,priya,oliver,done,9,,",
        "     | " + " " * 47 + "^",
    ]
    at = lines.index(
        f"{log}:3:44: error MOR801 status: 'dun' is not done or skipped; "
        "actions: 'x' is not a whole number (0 or more)"
    )
    assert lines[at + 1 : at + 3] == [
        "   3 | …,2026-11-17,pipeline_review,priya,oliver,dun,3,x,",
        "     | " + " " * 42 + "^",
    ]
    assert "quit" not in r.out
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    assert [(d["line"], d["column"]) for d in doc["diagnostics"]] == [(2, 62), (3, 44)]


def test_validate_logs_warns_of_a_column_like_none_of_a_log(tmp_path: Path) -> None:
    # A spreadsheet export keeps columns for others (`Region`, `Logged in CRM`): nothing of
    # the log is lost with them, so they warn and CI passes; a column like one of the log's
    # (`usefull`) loses its ratings, and fails. `Region` is not offered as `reason`.
    ws = acme_with_log(
        tmp_path,
        "export.csv",
        "date,activity,owner,with,status,Region,usefull,Logged in CRM\n"
        "2026-11-24,pipeline_review,priya,oliver,done,EMEA,4,TRUE\n",
    )
    log = ws / "logs" / "export.csv"
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    assert [(d["severity"], d["code"], d["column"], d["message"]) for d in doc["diagnostics"]] == [
        ("warning", "MOR803", 33, "header: column 'Region' is not a column of a log: its "
         "values are not read"),
        ("error", "MOR801", 40, "header: unknown column 'usefull' is ignored (did you mean "
         "'useful'?)"),
        ("warning", "MOR803", 48, "header: column 'Logged in CRM' is not a column of a log: "
         "its values are not read"),
    ]  # fmt: skip
    log.write_text(
        "date,activity,owner,with,status,Region,Logged in CRM\n"
        "2026-11-24,pipeline_review,priya,oliver,done,EMEA,TRUE\n",
        encoding="utf-8",
    )
    r = morctl("validate", str(ws), "--logs")
    assert r.code == 0
    assert f"{log}:1:33: warning MOR803 header: column 'Region' is not a column" in r.out
    assert morctl("validate", str(ws), "--logs", "--strict").code == 1
    # A heading of several words that names a field the header lacks by one of them holds
    # its values (the ratings of `Useful (1-5)` would be lost): an error. `Owner email`
    # beside an `owner` column names none.
    log.write_text(
        "date,activity,owner,With rep,status,Useful (1-5),Actions count,Owner email\n"
        "2026-11-24,pipeline_review,priya,oliver,done,4,1,p@x\n",
        encoding="utf-8",
    )
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    assert [(d["code"], d["message"]) for d in doc["diagnostics"] if d["line"] == 1] == [
        ("MOR801", "header: unknown column 'With rep' is ignored (did you mean 'with'?)"),
        ("MOR801", "header: unknown column 'Useful (1-5)' is ignored (did you mean 'useful'?)"),
        ("MOR801", "header: unknown column 'Actions count' is ignored (did you mean 'actions'?)"),
        ("MOR803", "header: column 'Owner email' is not a column of a log: its values are not "
         "read"),
    ]  # fmt: skip


def test_validate_logs_hints_say_what_to_write_instead(tmp_path: Path) -> None:
    # The hint answers the first problem the reason names, in the words of the file it is
    # in (a checklist's rating is typed on the line); where the message says it all, what
    # to do about it. It names no file of morctl's own sources (docs/logs.md).
    roster = "ids are in the roster: org.yaml, org.csv, or people: in rhythm.yaml"
    fix = "correct it as the message says, or delete a record that records nothing"
    ws = acme_with_log(
        tmp_path,
        "a.csv",
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-24,pipeline_review,priya,oliver,done,7,2,,\n"
        "2026-11-24,pipeline_review,priya,oliver,dun,3,x,,\n"
        "2026-11-31,pipeline_review,priya,oliver,done,,,,\n"
        "2026-11-17,pipline_review,priya,oliver,done,,,,\n"
        "2026-11-17,pipeline_review,pryia,oliver,done,,,,\n"
        "2026-11-17,pipeline_review,priya,,done,,,,\n"
        "2026-11-17,forecast_call,priya,oliver,done,,,,\n"
        "2026-11-10,pipeline_review,priya,oliver,skipped,,,,\n"
        "2026-11-03,pipeline_review,priya,oliver,done,4\n"
        # as a calendar invite or an export gives them: whose they are, and the id
        "2026-11-17,pipeline_review,priya.raman@acme.example,oliver,done,,,,\n"
        "2026-11-17,pipeline_review,priya,Oliver Hughes,done,,,,\n",
    )
    logs = ws / "logs"
    (logs / "b.jsonl").write_text(
        '{"date": "2026-11-24"\n'
        '{"date": "2026-11-24", "activity": "pipeline_review", "owner": "priya", '
        '"with": "oliver", "useful": 4.5, "rating": 4}\n',
        encoding="utf-8",
    )
    (logs / "w48.md").write_text(
        "- [x] Mon 23 Nov Team huddle useful=9 "
        "<!-- morctl:team_huddle/priya/2026-11-23 due=2026-11-23 -->\n"
        # written before zed left the roster, and before the huddle was renamed
        "- [x] Mon 23 Nov Team huddle <!-- morctl:team_huddle/zed/2026-11-23 due=2026-11-23 -->\n"
        "- [x] Mon 23 Nov Stand-up <!-- morctl:standup/priya/2026-11-23 due=2026-11-23 -->\n",
        encoding="utf-8",
    )
    (logs / "notes.txt").write_text("x\n", encoding="utf-8")
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    hints = [(Path(d["file"]).name, d["line"], d["hint"]) for d in doc["diagnostics"]]
    # Each is in docs/logs.md, which says what the hints are (the activities: an example).
    page = " ".join((ACME.parent.parent / "docs" / "logs.md").read_text("utf-8").split())
    for _, _, hint in hints:
        assert hint.split(": call_participation")[0] in page, hint
    assert hints == [
        ("a.csv", 2, "write a rating from 1 to 5, or leave useful empty"),
        ("a.csv", 3, "write done or skipped (an empty status is done)"),
        ("a.csv", 4, "write the day it happened as YYYY-MM-DD (year, month, day)"),
        (
            "a.csv",
            5,
            "write the id of one of the rhythm's activities: call_participation, "
            "development_1on1, forecast_call, pipeline_review, qbr, team_huddle, "
            "vp_forecast_rollup, win_loss_debrief",
        ),
        ("a.csv", 6, f"write the id of the person who ran it; {roster}"),
        ("a.csv", 7, f"write the id of the report it was held with; {roster}"),
        (
            "a.csv",
            8,
            "leave with empty: the activity is not held with each report (a name can go in "
            "the note)",
        ),
        (
            "a.csv",
            9,
            "write why it did not happen in reason (no report prints it), or make the status "
            "done if it was held",
        ),
        (
            "a.csv",
            10,
            "give every row one cell per column of the header, empty ones included; put a "
            'cell that holds a comma in double quotes ("a, b")',
        ),
        ("a.csv", 11, "that is the e-mail of priya: write the id, priya"),
        ("a.csv", 12, "that is the name of oliver: write the id, oliver"),
        ("b.jsonl", 1, fix),  # not JSON: the message says where
        ("b.jsonl", 2, "write a rating from 1 to 5, or leave useful empty"),  # useful: 4.5
        ("b.jsonl", 2, "rename it to the field it holds, or delete it: its values are not read"),
        (
            "notes.txt",
            1,
            "save it as one of those if it is a log; move it out of logs/ if it is not",
        ),
        ("w48.md", 1, "type useful=N on the line with N from 1 to 5, or leave it off"),
        (
            "w48.md",
            2,
            "the checklist was written when the roster had this person: keep someone who "
            f"left in it, with `left: YYYY-MM-DD`, and their ticks count; {roster}",
        ),
        (
            "w48.md",
            3,
            "the checklist was written when the rhythm had this activity: one renamed since "
            "keeps its old id for its ticks to count (morctl diff tells of a rename)",
        ),
    ]


def test_validate_logs_names_every_person_who_has_a_name_written_for_an_id(
    tmp_path: Path,
) -> None:
    # Two people of one name: either may be meant, so neither is offered alone (the first
    # of them was, as the id to write).
    ws = acme_with_log(
        tmp_path,
        "a.csv",
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-17,pipeline_review,priya,Oliver Hughes,done,,,,\n",
    )
    org = ws / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8")
        + "  - {id: oliver2, name: Oliver Hughes, role: rep, manager: tomasz}\n",
        encoding="utf-8",
    )
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    [found] = doc["diagnostics"]
    assert found["message"] == (
        "with: nobody in the roster has the id 'Oliver Hughes' (did you mean 'oliver' or "
        "'oliver2'?)"
    )
    assert found["hint"] == (
        "that is the name of 2 people (oliver, oliver2): write the id of the one meant"
    )


def test_a_name_in_any_log_format_is_rejected_with_the_id_to_write(tmp_path: Path) -> None:
    # Logs hold ids (docs/logs.md), though `morctl log --owner` takes a name: a RevOps
    # export with names gets each row rejected, with the id to write for each name, in
    # any capitals and in every format; a first or last name too, as `log` takes it.
    ws = acme_with_log(
        tmp_path,
        "a.csv",
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-16,team_huddle,dana whitfield,,done,,,,\n"
        "2026-11-17,pipeline_review,Raman,aisha,done,,,,\n"
        "2026-11-17,pipeline_review,priya,Hughes,done,,,,\n",
    )
    (ws / "logs" / "b.jsonl").write_text(
        '{"date": "2026-11-16", "activity": "team_huddle", "owner": "PRIYA RAMAN"}\n',
        encoding="utf-8",
    )
    (ws / "logs" / "c.yaml").write_text(
        "- {date: 2026-11-16, activity: team_huddle, owner: Priya  Raman}\n", encoding="utf-8"
    )
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    found = [(Path(d["file"]).name, d["line"], d["message"], d["hint"]) for d in doc["diagnostics"]]
    assert found == [
        (
            "a.csv", 2,
            "owner: nobody in the roster has the id 'dana whitfield' (did you mean 'dana'?)",
            "that is the name of dana: write the id, dana",
        ),
        (
            "a.csv", 3,
            "owner: nobody in the roster has the id 'Raman' (did you mean 'priya'?)",
            "that is the last name of priya (Priya Raman): write the id, priya",
        ),
        (
            "a.csv", 4,
            "with: nobody in the roster has the id 'Hughes' (did you mean 'oliver'?)",
            "that is the last name of oliver (Oliver Hughes): write the id, oliver",
        ),
        (
            "b.jsonl", 1,
            "owner: nobody in the roster has the id 'PRIYA RAMAN' (did you mean 'priya'?)",
            "that is the name of priya: write the id, priya",
        ),
        (
            "c.yaml", 1,
            "owner: nobody in the roster has the id 'Priya  Raman' (did you mean 'priya'?)",
            "that is the name of priya: write the id, priya",
        ),
    ]  # fmt: skip
    # A report has no hints: its reason offers the id.
    args = ("report", str(ws), "--week", "2026-W47", "--as-of", "2026-11-23", "--format", "json")
    report = json.loads(morctl(*args).out)
    assert [r["reason"] for r in report["rejected"]][:3] == [
        "owner: nobody in the roster has the id 'dana whitfield' (did you mean 'dana'?)",
        "owner: nobody in the roster has the id 'Raman' (did you mean 'priya'?)",
        "with: nobody in the roster has the id 'Hughes' (did you mean 'oliver'?)",
    ]


def test_a_first_name_two_people_share_is_rejected_with_both_ids(tmp_path: Path) -> None:
    ws = acme_with_log(
        tmp_path,
        "a.jsonl",
        '{"date": "2026-11-17", "activity": "pipeline_review", "owner": "priya", '
        '"with": "oliver"}\n'
        '{"date": "2026-11-17", "activity": "pipeline_review", "owner": "priya", '
        '"with": "Oliver"}\n',
    )
    org = ws / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8")
        + "  - {id: oliver2, name: Oliver Stone, role: rep, manager: tomasz}\n",
        encoding="utf-8",
    )
    # `Oliver` is the id oliver in other capitals, and two people's first name: as for
    # `morctl log --with`, the id wins.
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    [found] = doc["diagnostics"]
    assert (found["line"], found["message"]) == (
        2,
        "with: nobody in the roster has the id 'Oliver' (did you mean 'oliver'?)",
    )
    assert found["hint"] == "an id is written as the roster has it: write oliver"
    ws2 = acme_with_log(
        tmp_path / "two",
        "a.csv",
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-17,pipeline_review,priya,ollie,done,,,,\n",
    )
    org = ws2 / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("Oliver Hughes", "Ollie Hughes")
        + "  - {id: ollie2, name: Ollie Stone, role: rep, manager: tomasz}\n",
        encoding="utf-8",
    )
    doc = json.loads(morctl("validate", str(ws2), "--logs", "--format", "json").out)
    [found] = doc["diagnostics"]
    assert found["message"] == (
        "with: nobody in the roster has the id 'ollie' (did you mean 'oliver' or 'ollie2'?)"
    )
    assert found["hint"] == (
        "that is the first name of 2 people (oliver, ollie2): write the id of the one meant"
    )


def test_the_mor801_example_of_the_docs_is_what_validate_prints(tmp_path: Path) -> None:
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    with (ws / "logs" / "2026-11.csv").open("a", encoding="utf-8") as f:
        f.write("2026-02-30,pipeline_review,priya,oliver,done,4,1,,\n")
        f.write("2026-11-24,pipeline_review,priya,oliver,done,7,2,,\n")
    page = (ACME.parent.parent / "docs" / "diagnostics.md").read_text("utf-8")
    example = re.search(
        r"```console\n(logs/2026-11\.csv:94:1: .*?)```", page.split("### MOR801")[1], re.S
    )
    assert example is not None
    assert morctl("validate", ".", "--logs", cwd=ws).out == example[1]


def _excerpts(out: str) -> list[str]:
    """The quoted lines of validate's text output (not the carets under them)."""
    return [ln for ln in out.splitlines() if " | " in ln and "^" not in ln]


def test_validate_logs_shows_a_mistyped_id_where_the_caret_points(tmp_path: Path) -> None:
    # The message quotes 'pipeline_reviw'; the line under it showed `…` at the caret. A
    # value written as an id, in an id's column of a row that lines up, is no free text.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    (ws / "logs" / "typo.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-24,pipeline_reviw,priya,oliver,done,3,2,ok,\n"
        "2026-11-24,Pipeline review,priya,aisha,done,3,2,,\n"
        # an owner mistyped in a row whose note runs on to the next line, an id in capitals
        '2026-11-24,pipeline_review,pryia,oliver,done,4,2,"line one\nline two",\n'
        "2026-11-24,pipeline_review,priya,OLIVER,done,,,,\n",
        encoding="utf-8",
    )
    r = morctl("validate", str(ws), "--logs")
    assert r.code == 1
    assert _excerpts(r.out) == [
        "   2 | 2026-11-24,pipeline_reviw,priya,oliver,done,3,2,…,",  # a one-word note too
        "   3 | 2026-11-24,…,priya,aisha,done,3,2,,",  # words: perhaps someone's
        "   4 | 2026-11-24,pipeline_review,pryia,oliver,done,4,2,…",
        "   6 | 2026-11-24,pipeline_review,priya,OLIVER,done,,,,",
    ]


def test_validate_logs_never_shows_a_note_or_a_reason(tmp_path: Path) -> None:
    # validate --logs runs in CI, whose log the whole team reads: a rejected row is shown
    # with its free text as `…` (a CSV row), or not shown (JSONL, YAML), as in a report.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    logs = ws / "logs"
    (logs / "bad.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-10,pipeline_review,priya,oliver,done,9,1,Oliver may quit,\n"
        '2026-11-11,pipeline_review,priya,aisha,skipped,,,"alpha, beta",\n'
        '2026-11-12,pipeline_review,priya,george,skipped,8,,"Two\nlines",family matters\n',
        encoding="utf-8",
    )
    (logs / "bad.jsonl").write_text(
        '{"date": "2026-11-10", "activity": "pipeline_review", "owner": "priya", '
        '"with": "hannah", "useful": 7, "note": "hannah is struggling"}\n',
        encoding="utf-8",
    )
    # A note with commas and no quotes runs past the header; a free-text column the
    # readers do not know (`notes`) is free text too; without a header, no cell can be told.
    (logs / "spill.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note\n"
        "2026-11-10,pipeline_review,priya,raj,done,9,1,late, and raj upset\n",
        encoding="utf-8",
    )
    (logs / "extra.csv").write_text(
        "date,activity,owner,with,status,useful,notes\n"
        "2026-11-10,pipeline_review,priya,emily,done,9,emily wants a raise\n",
        encoding="utf-8",
    )
    (logs / "bare.csv").write_text(
        "2026-11-10,pipeline_review,priya,hannah,done,4,1,hannah on notice,\n", encoding="utf-8"
    )
    # A row that forgot a cell slides its note into a metadata column (one word or many),
    # and words typed into a metadata column of a row that lines up are free text too.
    # (Each row fails for a reason of its own: rows of a file that fail alike are shown
    # once, at the first.)
    (logs / "short.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-11-02,team_huddle,marcus,,done,4,Customer about to churn,\n"
        "2026-11-05,team_huddle,marcus,done,4,1,Confidential\n"
        "2026-11-06,team_huddle,marcus,,done,Rival won,1,,\n",
        encoding="utf-8",
    )
    # Files of other kinds left in logs/ are reported, never shown: a manager's private
    # notes.txt, a calendar export whose event descriptions are anyone's words.
    (logs / "notes.txt").write_text("olivia is on her last chance\n", encoding="utf-8")
    (logs / "export.ics").write_text("DESCRIPTION:james asked for a transfer\n", "utf-8")
    r = morctl("validate", str(ws), "--logs")
    assert r.code == 1
    assert "notes.txt:1:1: error MOR801" in r.out and "export.ics:" in r.out
    assert _excerpts(r.out) == [
        "   2 | 2026-11-10,pipeline_review,priya,oliver,done,9,1,…,",
        "   3 | 2026-11-11,pipeline_review,priya,aisha,skipped,,,…,",
        "   4 | 2026-11-12,pipeline_review,priya,george,skipped,8,,…",
        "   1 | date,activity,owner,with,status,useful,notes",  # column 'notes' not read
        "   2 | 2026-11-10,pipeline_review,priya,emily,done,9,…",
        "   2 | 2026-11-02,team_huddle,marcus,,done,4,…,",
        "   3 | 2026-11-05,team_huddle,marcus,done,4,1,…",
        "   4 | 2026-11-06,team_huddle,marcus,,done,…,1,,",
        "   2 | 2026-11-10,pipeline_review,priya,raj,done,9,1,…,…",
    ]
    assert "bare.csv:1:1: error MOR801" in r.out
    secrets = ("quit", "alpha", "Two", "family", "struggling", "upset", "raise", "notice")
    for secret in (*secrets, "churn", "Confidential", "Rival", "chance", "transfer"):
        assert secret not in r.out + r.err


@pytest.mark.parametrize(
    ("file", "old", "new", "said"),
    [
        # a typo in one activity's time left every completion of it "not an activity"
        ("rhythm.yaml", 'at: "09:00", for: 30m, grace: 1d', "at: 9am, for: 30m, grace: 1d",
         "activity: 'pipeline_review' is left out of the rhythm for an error of its own"),
        # a typo in one person's row left every row they own "nobody has the id"
        ("org.yaml", "email: priya", "emial: priya",
         "owner: 'priya' is left out of the roster for an error of their own"),
    ],
)  # fmt: skip
def test_validate_logs_says_once_what_waits_for_an_error_of_the_workspace(
    tmp_path: Path, file: str, old: str, new: str, said: str
) -> None:
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    text = (ws / file).read_text(encoding="utf-8")
    assert old in text
    (ws / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json").out)
    logs = [d for d in doc["diagnostics"] if d["code"] == "MOR801"]
    assert len(logs) == 1, [d["message"] for d in logs][:5]
    assert re.fullmatch(re.escape(said) + r" \(and \d+ more records\)", logs[0]["message"])
    assert logs[0]["hint"] == "fix that error first: these records are checked once it is fixed"
    assert [d["file"] for d in doc["diagnostics"] if d["code"] != "MOR801"] == [str(ws / file)]


_SAME_CAUSE_LOG = (
    "date,activity,owner,with,status,useful,actions,note,reason\n"
    "2026-11-02,team_huddle,zoe,,done,4,1,,\n"  # zoe left the roster: rows 2, 4 and 5
    "2026-11-03,team_huddle,priya,,done,9,1,,\n"
    "2026-11-04,team_huddle,zoe,,done,4,1,,\n"
    "2026-11-05,team_huddle,zoe,,done,4,1,,\n"
    "2026-11-06,standup,priya,,done,4,1,,\n"  # an activity renamed: rows 6 and 7
    "2026-11-09,standup,priya,,done,4,1,,\n"
)


def test_validate_logs_puts_the_rhythm_first_and_says_a_cause_once_a_file(
    tmp_path: Path,
) -> None:
    # A pull request that renames an activity or removes a person leaves hundreds of log
    # rows naming it; GitHub annotates ten errors a step, so the rows (logs/ sorts before
    # rhythm.yaml) buried the rhythm's own error, and each row said the same thing.
    ws = acme_with_log(tmp_path, "2026-11.csv", _SAME_CAUSE_LOG)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(text.replace("lever: pipeline_coverage", "lever: pipeline_coverag"), "utf-8")
    r = morctl("validate", ".", "--logs", "--format", "github", cwd=ws)
    assert r.code == 1
    heads = [ln.split("::")[1].split(",title=")[0] for ln in r.out.splitlines()]
    assert heads == [
        "warning file=rhythm.yaml,line=40,col=3",
        "error file=rhythm.yaml,line=84,col=14",
        "error file=rhythm.yaml,line=280,col=14",
        "error file=logs/2026-11.csv,line=2,col=24",
        "error file=logs/2026-11.csv,line=3,col=36",
        "error file=logs/2026-11.csv,line=6,col=12",
    ]
    said = [ln.split("::", 2)[2].split(" (hint: ")[0] for ln in r.out.splitlines()[3:]]
    assert said == [
        "MOR801 owner: nobody in the roster has the id 'zoe' (and 2 more records, lines 4 and 5)",
        "MOR801 useful: 9 is outside 1-5",
        "MOR801 activity: 'standup' is not an activity of the rhythm (and 1 more record, line 7)",
    ]
    # The text format alike, each rejected row still counted.
    r = morctl("validate", ".", "--logs", cwd=ws)
    heads = [ln.split(" MOR")[0] for ln in r.out.splitlines() if " MOR" in ln]
    assert heads == [
        "rhythm.yaml:40:3: warning",
        "rhythm.yaml:84:14: error",
        "rhythm.yaml:280:14: error",
        "logs/2026-11.csv:2:24: error",
        "logs/2026-11.csv:3:36: error",
        "logs/2026-11.csv:6:12: error",
    ]
    assert "(and 2 more records, lines 4 and 5)\n   2 | 2026-11-02,team_huddle,zoe," in r.out
    assert r.out.endswith("\n8 errors, 1 warning\n")
    # JSON, read by programs, keeps a diagnostic a row, in the same order.
    doc = json.loads(morctl("validate", ".", "--logs", "--format", "json", cwd=ws).out)
    assert (doc["errors"], doc["warnings"]) == (8, 1)
    places = [(d["file"], d["line"], d["column"]) for d in doc["diagnostics"]]
    assert places == [
        ("rhythm.yaml", 40, 3),
        ("rhythm.yaml", 84, 14),
        ("rhythm.yaml", 280, 14),
        ("logs/2026-11.csv", 2, 24),
        ("logs/2026-11.csv", 3, 36),
        ("logs/2026-11.csv", 4, 24),
        ("logs/2026-11.csv", 5, 24),
        ("logs/2026-11.csv", 6, 12),
        ("logs/2026-11.csv", 7, 12),
    ]
    assert doc["diagnostics"][5]["message"] == "owner: nobody in the roster has the id 'zoe'"


def test_validate_logs_shows_no_words_typed_on_a_checklist_line(tmp_path: Path) -> None:
    # A manager types a remark on the ticked line itself: only the marks, the box and
    # morctl's comment are shown.
    ws = acme_with_log(
        tmp_path,
        "w48.md",
        "# Checklist\n<!-- morctl-rhythm: acme -->\n\n"
        "- [x] Mon 23 Nov Team huddle, Oliver unprepared again useful=9 "
        "<!-- morctl:team_huddle/priya/2026-11-23 due=2026-11-23 -->\n"
        "> - [x] Tue 24 Nov pipeline review, Aisha on notice\n",
    )
    r = morctl("validate", str(ws), "--logs")
    assert r.code == 1
    assert _excerpts(r.out) == [
        "   4 | - [x] … <!-- morctl:team_huddle/priya/2026-11-23 due=2026-11-23 -->",
        "   5 | > - [x] …",
    ]
    assert "unprepared" not in r.out and "notice" not in r.out


def test_a_checklist_lines_problem_points_into_its_comment(tmp_path: Path) -> None:
    # Rejections of a ticked line pointed at column 1 (the list mark): they point at what
    # is wrong in the comment now, and the excerpt's caret, in the line shown without its
    # words, stands under the same place.
    key = "<!-- morctl:team_huddle/priya/2026-11-19"
    lines = [
        "- [x] Thu 19 Nov Team huddle useful=4 <!-- morctl:team_hudle/priya/2026-11-19 "
        "due=2026-11-19 -->",
        f"- [x] Thu 19 Nov Team huddle {key} -->",
        f"- [x] Thu 19 Nov Team huddle {key} due=2026-11-19 due=2026-11-20 -->",
        f"- [x] Thu 19 Nov Team huddle {key} due=2026-11-19",
    ]
    ws = acme_with_log(tmp_path, "w47.md", "# Checklist\n\n" + "\n".join(lines) + "\n")
    env = {**os.environ, "MORCTL_TODAY": "2026-11-25"}
    doc = json.loads(morctl("validate", str(ws), "--logs", "--format", "json", env=env).out)
    got = [(d["line"], d["column"]) for d in doc["diagnostics"]]
    assert got == [
        (3, lines[0].index("team_hudle") + 1),
        (4, lines[1].index("team_huddle/") + 1),
        (5, lines[2].index("due=") + 1),
        (6, lines[3].index("<!--") + 1),
    ]
    out = morctl("validate", str(ws), "--logs", env=env).out.splitlines()
    shown = "   3 | - [x] … <!-- morctl:team_hudle/priya/2026-11-19 due=2026-11-19 -->"
    at = out.index(shown)
    assert out[at + 1].index("^") == shown.index("team_hudle")


@pytest.mark.parametrize(
    ("fmt", "said"),
    [
        ("text", "error MOR100 the workspace folder given is empty ('')\n"),
        ("github", "::error title=MOR100::MOR100 the workspace folder given is empty ('') "),
    ],
)
def test_an_empty_workspace_argument_is_named_for_what_it_is(fmt: str, said: str) -> None:
    # `morctl validate "$WS"` with WS unset: there is no file to point at (it printed
    # ":1:1: ... workspace folder '' does not exist").
    r = morctl("validate", "", "--format", fmt)
    assert r.code == 1
    assert r.out.startswith(said), r.out
    doc = json.loads(morctl("validate", "", "--format", "json").out)
    assert doc["diagnostics"][0]["file"] == "" and doc["errors"] == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["log", "ACME", "pipeline_review", "--owner", "priya", "--with", "tom", "--with",
          "oliver"], "--with is given twice ('tom', then 'oliver')"),
        (["log", "ACME", "forecast_call", "--owner", "priya", "--date=2026-11-02", "--date",
          "2026-11-03"], "--date is given twice ('2026-11-02', then '2026-11-03')"),
        (["validate", "ACME", "--format", "json", "-f", "text"],
         "--format is given twice ('json', then 'text')"),
        (["report", "ACME", "--week", "2026-W46", "--week", "2026-W47"],
         "--week is given twice ('2026-W46', then '2026-W47')"),
        (["expand", "ACME", "--from", "2026-11-23", "--to", "2026-11-29", "-p", "priya",
          "-ptomasz"], "-p is given twice ('priya', then 'tomasz')"),
    ],
)  # fmt: skip
def test_an_option_given_twice_with_two_values_is_a_usage_error(
    args: list[str], said: str, tmp_path: Path
) -> None:
    # Click keeps the last value without a word: one review held with two reps would be
    # logged for the second alone. Nothing is written.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    before = sorted((p.name, p.read_bytes()) for p in (ws / "logs").iterdir() if p.is_file())
    r = morctl(*[str(ws) if a == "ACME" else a for a in args])
    assert r.code == 2, r.err
    assert f"Error: {said}: give it once" in r.err and "Traceback" not in r.err
    after = sorted((p.name, p.read_bytes()) for p in (ws / "logs").iterdir() if p.is_file())
    assert after == before
    # The same value twice is harmless, and a value that looks like an option is a value.
    same = morctl("validate", str(ws), "--format", "json", "--format=json")
    assert same.code == 0, same.err


def test_github_annotations_name_files_from_the_top_of_the_checkout(tmp_path: Path) -> None:
    # GitHub places `file=` from the checkout's top (GITHUB_WORKSPACE), not from the step's
    # working-directory: run inside emea/, the annotation must still say emea/rhythm.yaml.
    ws = tmp_path / "repo" / "emea"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    rhythm = ws / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text(encoding="utf-8").replace('"09:00"', "9am", 1), "utf-8")
    env = {**os.environ, "GITHUB_WORKSPACE": str(tmp_path / "repo")}
    for cwd, arg in ((ws, "."), (tmp_path / "repo", "emea"), (tmp_path, "repo/emea")):
        r = morctl("validate", arg, "--format", "github", cwd=cwd, env=env)
        assert r.code == 1
        assert r.out.startswith("::error file=emea/rhythm.yaml,line="), (cwd, r.out)
    # Outside Actions, and for a file outside the checkout, the path is the one given.
    r = morctl("validate", ".", "--format", "github", cwd=ws)
    assert r.out.startswith("::error file=rhythm.yaml,line=")
    outside = {**os.environ, "GITHUB_WORKSPACE": str(tmp_path / "elsewhere")}
    r = morctl("validate", ".", "--format", "github", cwd=ws, env=outside)
    assert r.out.startswith("::error file=rhythm.yaml,line=")


def test_a_workspace_file_given_for_the_folder_is_told_to_give_the_folder() -> None:
    # Linters are given files: `morctl validate rhythm.yaml` names the folder to give.
    r = morctl("validate", "rhythm.yaml", cwd=ACME)
    assert r.code == 1
    assert "= hint: that is a file of the workspace: give its folder, '.'" in r.out
    r = morctl("validate", str(ACME / "org.yaml"))
    assert f"give its folder, '{ACME}'" in r.out


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["validate", "--format", "json"],
        ["show"],
        ["report", "--week", "2026-W48"],
        ["calendar", "--out", "feeds"],
    ],
)
def test_a_misspelt_workspace_folder_is_told_the_one_beside_it(
    command: list[str], tmp_path: Path
) -> None:
    # `morctl validate my-tem` beside my-team/ said only that my-tem does not exist. The
    # folder that holds a rhythm.yaml is named, not my-temp, as close in letters.
    shutil.copytree(ACME, tmp_path / "my-team", ignore=shutil.ignore_patterns("logs"))
    (tmp_path / "my-temp").mkdir()
    (tmp_path / "notes").mkdir()
    r = morctl(command[0], "my-tem", *command[1:], cwd=tmp_path)
    assert r.code == 1 and "Traceback" not in r.err
    if "json" in command:
        (d,) = json.loads(r.out)["diagnostics"]
        assert (d["code"], d["hint"]) == ("MOR100", "did you mean 'my-team'?")
    elif command == ["validate"]:
        assert r.out.startswith(
            "my-tem: error MOR100 workspace folder 'my-tem' does not exist\n"
            "     = hint: did you mean 'my-team'?\n"
        ), r.out
    else:
        assert r.err == (
            "morctl: error: workspace folder 'my-tem' does not exist\n"
            "  hint: did you mean 'my-team'?\n"
        ), r.err


def test_a_missing_workspace_folder_is_told_its_neighbour_only_when_one_is_close(
    tmp_path: Path,
) -> None:
    (tmp_path / "teams" / "emea").mkdir(parents=True)
    (tmp_path / "teams" / "emea" / "rhythm.yaml").write_text("morctl: 1\n", encoding="utf-8")
    near = morctl("validate", "teams/emae", cwd=tmp_path)
    assert "= hint: did you mean 'teams/emea'?" in near.out, near.out
    for far in ("teams/apac", "nowhere/emea"):
        r = morctl("validate", far, cwd=tmp_path)
        assert r.code == 1
        assert "= hint: pass the folder that holds rhythm.yaml, or run `morctl init DIR`" in r.out


@pytest.mark.parametrize("command", ["report", "log", "calendar"])
def test_a_read_only_file_is_not_replaced(tmp_path: Path, command: str) -> None:
    # A month log frozen once audited (chmod 444), a signed-off report: the rename needs
    # only the folder to be writable, so each was replaced without a word. As root, who
    # may write anything, a file with no write permission for anyone is locked on purpose.
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws)
    target, args = {
        "report": (tmp_path / "q3.txt", ("--week", "2026-W47", "--out", str(tmp_path / "q3.txt"))),
        "log": (ws / "logs" / "2026-11.csv", ("team_huddle", "--owner", "priya",
                                              "--date", "2026-11-23")),
        "calendar": (tmp_path / "feeds" / "priya.ics", ("--out", str(tmp_path / "feeds"),
                                                        "--from", "2026-11-01",
                                                        "--to", "2026-11-30")),
    }[command]  # fmt: skip
    if command != "log":
        target.parent.mkdir(exist_ok=True)
        target.write_text("signed off\n")
    os.chmod(target, 0o444)
    before = target.read_bytes()
    r = morctl(command, str(ws), *args)
    assert r.code == 1, r.err
    assert r.err == (
        f"morctl: error: cannot write {target}: it is read-only\n"
        f"  hint: make it writable (chmod u+w {target}) if it is to change, or write "
        "elsewhere\n"
    )
    assert target.read_bytes() == before and os.stat(target).st_mode & 0o777 == 0o444
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert not (tmp_path / "feeds" / "tomasz.ics").exists()  # no feed, not some of them
