"""docs/commands.md is every command's `--help`, as morctl prints it at 80 columns.

After a change to a command's options or help, regenerate the page with
``MORCTL_REGENERATE=1 pytest tests/test_commands_page.py`` and review the change.
"""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from test_cli_basics import COMMANDS

PAGE = ROOT / "docs" / "commands.md"
REGENERATE = os.environ.get("MORCTL_REGENERATE") == "1"

INTRO = """\
# Commands

Every command of morctl, with its options, as `morctl COMMAND --help` prints them. The
language of `rhythm.yaml` is in [reference.md](reference.md); what each figure of a report
means is in [adherence.md](adherence.md).

Common to all: `WORKSPACE` is the workspace folder (`.` when left out); output goes to
standard output unless `--out` says otherwise, and messages to standard error; exit 0 is
success, 1 means the input is wrong or a threshold is not met, 2 a mistake in the command
line. `morctl --version` says which morctl you run, and `--debug` (before or after the
command) shows a traceback when something goes wrong.

People: every option that takes a person (`--person`, `--team`, `--owner`, `--with`)
takes their id (in any capitals), their full name or e-mail (in any capitals and
spacing: `--person "priya raman"`), or a first or last name that only one person in the
roster has (`--person Raman`; a first name of two words, `Mei Lin`, too). Names are
matched without their accents and with any apostrophe (`Lefevre` finds Lefèvre,
`O'Brien` finds O’Brien). An id always wins: if someone's id is `kim`, `--person kim`
is them, not Alex Kim. A name several people share is refused (exit 1), naming each of
them by id and name, so that you can give the id instead: `--person: 'alex' matches 2
people: alex_k (Alex Kim), alex_p (Alex Park)`. A name nobody has is a mistake in the
command line (exit 2; `log` refuses the row, exit 1), answered with the closest id or
name.

This page is generated from the help texts (tests/test_commands_page.py checks it).
"""


def render(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    from morctl.cli import run

    monkeypatch.setenv("COLUMNS", "80")
    parts = [INTRO]
    for command in COMMANDS:
        assert run([command, "--help"]) == 0
        text = capsys.readouterr().out
        parts.append(f"\n## `morctl {command}`\n\n```text\n{text.rstrip()}\n```\n")
    return "".join(parts)


def test_the_commands_page_is_the_help_of_every_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = render(monkeypatch, capsys)
    if REGENERATE:
        PAGE.write_text(page, encoding="utf-8")
        pytest.fail("regenerated docs/commands.md: review the change")
    assert PAGE.read_text(encoding="utf-8") == page, (
        "run MORCTL_REGENERATE=1 pytest tests/test_commands_page.py"
    )


def test_no_help_names_a_file_of_the_source_tree(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `log --help` said "Formats and rules: docs/logs.md" and `report --help`
    # "Definitions: docs/adherence.md": a user who installed morctl has no docs/ folder.
    # The help says it in words, as every other command's does.
    helps = render(monkeypatch, capsys).replace(INTRO, "")
    assert "docs/" not in helps
    named = [p.name for p in sorted((ROOT / "docs").glob("*.md")) if p.name in helps]
    assert named == []


def test_every_page_that_lists_the_docs_links_the_commands_page() -> None:
    for page in (ROOT / "README.md", ROOT / "docs" / "reference.md"):
        assert "commands.md" in page.read_text(encoding="utf-8"), page
