"""`morctl init`: a new workspace from a starter rhythm in ``rhythms/``.

The templates ship inside the wheel (as ``morctl/rhythms``); in a source checkout they are
read from the repository's ``rhythms/`` folder.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TextIO

from morctl.errors import MorctlError, UsageError

# Appended to the template's README in a new workspace: how the team runs the rhythm.
TEAM_GUIDE = """
## Running the rhythm

Run these inside this folder (from elsewhere, give the folder instead of `.`).

- `morctl validate .` checks the rhythm and the roster: run it after every change, and
  let CI run it on every pull request.
- `morctl show .` draws the week as a grid, with each manager's load against capacity.
- `morctl calendar . --out calendars/` writes one `.ics` feed per person, for Outlook or
  Google Calendar.
- `morctl checklist . --week 2026-W48 --person ID` gives one person's week as a checklist
  (an ISO week; `--from D --to D` works too). Save it under `logs/` and tick the boxes as
  the meetings happen.
- `morctl log . ACTIVITY --owner ID --useful 4 --actions 2` logs a meeting once it has
  happened (`--with ID` for one held with a rep, `--status skipped --reason "..."` for one
  called off).
- `morctl report . --week 2026-W48` is the Monday report: adherence per manager, on time
  or late, and whether it was useful.

Completion logs live in `logs/`; `.gitignore` keeps generated calendars and reports out
of git. Every command has `--help` with examples.
"""

GITIGNORE = """\
# morctl: generated files that do not belong in the rhythm's history
calendars/
reports/
"""


DEFAULT_TEMPLATE = "starter"  # what `morctl init` uses without --template (cli.py)


def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "rhythms", here.parent.parent / "rhythms"):
        if candidate.is_dir():
            return candidate
    raise MorctlError("the starter rhythms are missing from this installation", "reinstall morctl")


def templates() -> dict[str, Path]:
    root = templates_dir()
    return {p.name: p for p in sorted(root.iterdir()) if (p / "rhythm.yaml").is_file()}


def summary(folder: Path) -> str:
    """The template's one-line description: the first sentence of its README, up to the
    colon that starts its details ("The smallest rhythm worth running, for a team that has
    never had one"), whole."""
    readme = folder / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text and not text.startswith("#"):
                return text.split(". ")[0].split(": ")[0].rstrip(".")
    return ""


def run(
    directory: str | None, template: str, list_only: bool, force: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    found = templates()
    if list_only:
        # The default first: the one a team new to this should start from.
        names = sorted(found, key=lambda n: (n != DEFAULT_TEMPLATE, n))
        width = max(len(n) for n in found)
        for name in names:
            mark = " (the default)" if name == DEFAULT_TEMPLATE else ""
            out.write(f"{name.ljust(width)}  {summary(found[name])}{mark}\n")
        return 0
    if directory is None:
        raise UsageError("give the folder for the new workspace", "e.g. morctl init my-team")
    if template not in found:
        import difflib

        close = difflib.get_close_matches(template, list(found), n=1)
        raise UsageError(
            f"--template: no template named '{template}'",
            (f"did you mean '{close[0]}'? " if close else "") + "see `morctl init --list`",
        )
    target = Path(directory)
    existing = [n for n in ("rhythm.yaml", "org.yaml", "org.csv") if (target / n).exists()]
    if existing and not force:
        raise MorctlError(
            f"{directory} already holds a workspace ({', '.join(existing)})",
            "pick another folder, or pass --force to overwrite it",
        )
    if target.exists() and not target.is_dir():
        raise MorctlError(f"{directory} exists and is not a folder")
    source = found[template]
    try:
        target.mkdir(parents=True, exist_ok=True)
        for item in ("rhythm.yaml", "org.yaml"):
            if (source / item).is_file():
                shutil.copyfile(source / item, target / item)
        readme = source / "README.md"
        about = readme.read_text(encoding="utf-8").rstrip() + "\n" if readme.is_file() else ""
        (target / "README.md").write_text(about + TEAM_GUIDE, encoding="utf-8")
        (target / "logs").mkdir(exist_ok=True)
        keep = target / "logs" / ".gitkeep"
        if not keep.exists():
            keep.write_text("", encoding="utf-8")
        gitignore = target / ".gitignore"
        if force or not gitignore.exists():
            gitignore.write_text(GITIGNORE, encoding="utf-8")
    except OSError as exc:
        raise MorctlError(f"cannot create the workspace in {directory}: {exc.strerror}") from None
    sys.stderr.write(
        f"created {directory} from the '{template}' rhythm\n"
        f"next: edit {target / 'rhythm.yaml'} and {target / 'org.yaml'}, then run\n"
        f"  morctl validate {directory}\n"
        f"  morctl show {directory}\n"
        f"  morctl calendar {directory} --out {target / 'calendars'}\n"
    )
    return 0
