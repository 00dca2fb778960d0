"""`morctl init`: a new workspace from a starter rhythm in ``rhythms/``.

The templates ship inside the wheel (as ``morctl/rhythms``); in a source checkout they are
read from the repository's ``rhythms/`` folder.
"""

from __future__ import annotations

import re
import shlex
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import yaml

from morctl import clock
from morctl.atomic import dead_link, write_atomic
from morctl.days import iso_week_start
from morctl.diagnostics import visible
from morctl.errors import MorctlError, UsageError
from morctl.model import SLUG_MAX, SLUG_PATTERN
from morctl.yamlload import load_yaml

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
  (an ISO week, here the team's first: the week of `effective:` in rhythm.yaml, before
  which nothing is scheduled; `--from D --to D` works too). Save it under `logs/` and tick
  the boxes as the meetings happen.
- `morctl log . ACTIVITY --owner ID --useful 4 --actions 2` logs a meeting once it has
  happened (`--with ID` for one held with a rep, `--status skipped --reason "..."` for one
  called off).
- `morctl report . --week 2026-W48`, run on the Monday after that week, is the report on
  the team's first week; each Monday after, give the week just ended: adherence per
  manager, on time or late, and whether it was useful (a week's meetings are pending
  until it ends).

Completion logs live in `logs/`; `.gitignore` keeps generated calendars and reports out
of git, and `.gitattributes` lets git merge two branches that both added log rows (it
keeps the rows of both). Every command has `--help` with examples.
"""

GITIGNORE = """\
# morctl: generated files that do not belong in the rhythm's history
calendars/
reports/
"""

# Managers append rows to the same monthly file on their own branches; git's built-in
# union driver keeps the lines of both sides instead of stopping at a conflict on the
# file's last line. Line-based logs only: a checklist or YAML log merged that way could
# keep both versions of an edited line.
GITATTRIBUTES = """\
# morctl: completion logs are one record per line, so a merge keeps the rows of both sides
logs/**/*.csv merge=union
logs/**/*.jsonl merge=union
"""


# The line under the title of a README that `morctl init` wrote.
_STARTED = "Started from morctl's"

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


def sample_roster(raw: bytes) -> str | None:
    """The template whose sample org.yaml ``raw`` is, as `init` wrote it (any line ends),
    or None."""
    text = raw.replace(b"\r\n", b"\n")
    for name, folder in templates().items():
        sample = folder / "org.yaml"
        if sample.is_file() and sample.read_bytes().replace(b"\r\n", b"\n") == text:
            return name
    return None


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


def _own_id(text: str, name: str) -> tuple[str, str | None]:
    """The template's rhythm with an `id:` of the workspace's folder name (the id is in
    every calendar UID: two teams started from one template must not share it), and the
    id when the name did not make one: a name in another script (`販売`) makes `team-` and eight
    characters of its digest, its own as the name is."""
    # Accents are taken off, not the letters that carry them: Équipe_Nord is equipe_nord.
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_name.lower()).strip("-_")
    slug = slug[:SLUG_MAX].rstrip("-_")  # a long folder name: its first 64 characters
    # A name mostly in another script (`販売2`) would make an id of its few Latin
    # characters (`2`), which other such teams would share.
    kept = sum(ch.isalnum() for ch in ascii_name)
    lost = sum(ch.isalnum() for ch in name) - kept
    made = bool(re.fullmatch(SLUG_PATTERN, slug)) and lost <= kept
    if not made:
        import hashlib

        slug = "team-" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    # A folder named 2026, true or null makes an id that YAML would read as a number, a
    # yes/no or nothing: quoted, it stays the text it is.
    written = slug if isinstance(load_yaml(slug.encode(), "id").data, str) else f'"{slug}"'
    return re.sub(r"(?m)^id: *[^\s#]+", f"id: {written}", text, count=1), (None if made else slug)


def _first_monday(today: date) -> date:
    """The Monday a new team starts: today on a Monday, else the next one."""
    return today if today.weekday() == 0 else iso_week_start(today) + timedelta(days=7)


def _starting(text: str, today: date) -> str:
    """The template's rhythm with ``effective`` on the Monday the team starts. A template's
    own date lies in the past, and every meeting between it and today would count as
    missed in the team's first reports."""
    line = f"effective: {_first_monday(today).isoformat()}"
    line += " " * max(1, 35 - len(line)) + "# the Monday the team starts: nothing before it counts"
    text = re.sub(r"(?m)^effective:[^\n]*", line, text, count=1)
    return _dated(text, _first_monday(today))


def _years_on(day: date, years: int) -> date:
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(years=years)  # 29 February: the 28th in a common year


def _years_to(day: date, start: date) -> int:
    """The fewest whole years that put ``day`` on or after ``start``."""
    years = max(0, start.year - day.year - 1)
    while _years_on(day, years) < start:
        years += 1
    return years


def _dated(text: str, start: date) -> str:
    """The template's rhythm with its year-specific dates (a blackout's `from` and `to`,
    the company's days off under `holidays: dates:`, the public holidays worked under
    `holidays: worked:` that are given by date) moved by whole years to the first year
    they fall on or after ``start``: left in the template's year, they would lie before
    `effective` and never apply. Each value is rewritten in place, so the text keeps its
    layout and comments."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    top = _items(root)
    # (node, years): a blackout moves as one, by what its last day needs.
    moves: list[tuple[yaml.ScalarNode, int]] = []
    blackouts = top.get("blackouts")
    for item in blackouts.value if isinstance(blackouts, yaml.SequenceNode) else []:
        ends = _items(item)
        days = {k: _day(ends.get(k)) for k in ("from", "to")}
        last = days["to"] or days["from"]
        if last is None:
            continue
        years = _years_to(last[1], start)
        moves += [(node, years) for node, _ in filter(None, days.values())]
    holidays = _items(top.get("holidays"))
    for listed in (holidays.get("dates"), holidays.get("worked")):
        # A holiday worked may be given by name (`Columbus Day`): a name holds no year.
        for node in listed.value if isinstance(listed, yaml.SequenceNode) else []:
            if found := _day(node):
                moves.append((found[0], _years_to(found[1], start)))
    # From the end of the text back, so the positions before each edit stay true.
    for node, years in sorted(moves, key=lambda m: m[0].start_mark.index, reverse=True):
        if years:
            moved = _years_on(date.fromisoformat(node.value), years).isoformat()
            text = text[: node.start_mark.index] + moved + text[node.end_mark.index :]
    return text


def _items(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _day(node: yaml.Node | None) -> tuple[yaml.ScalarNode, date] | None:
    """A plain scalar that is an ISO date, with its date."""
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.value):
        return None
    try:
        return node, date.fromisoformat(node.value)
    except ValueError:
        return None


def _guide(source: Path, template: str, name: str) -> str:
    """The workspace's README: the template's description under the folder's name, and how
    to run the rhythm, with the team's first week in the examples."""
    readme = source / "README.md"
    about = readme.read_text(encoding="utf-8").rstrip() + "\n" if readme.is_file() else ""
    about = re.sub(r"\A# [^\n]*\n", f"# {name}\n\n{_STARTED} `{template}` rhythm.\n", about)
    year, week, _ = _first_monday(clock.today()).isocalendar()
    return about + TEAM_GUIDE.replace("2026-W48", f"{year}-W{week:02d}")


def _ours(readme: Path) -> bool:
    """Whether a README is one `morctl init` wrote."""
    try:
        return _STARTED in readme.read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False


def _with_block(path: Path, block: str) -> str | None:
    """The folder's .gitignore or .gitattributes with morctl's block added when any of its
    lines is missing; None when it has them all. The file need not be UTF-8: its bytes are
    kept as they are (read and written back with surrogateescape)."""
    text = path.read_bytes().decode("utf-8", "surrogateescape") if path.exists() else ""
    lines = {" ".join(line.split()).rstrip("/") for line in text.splitlines()}
    wanted = [line for line in block.splitlines() if not line.startswith("#")]
    if all(line.rstrip("/") in lines for line in wanted):
        return None
    if text and not text.endswith("\n"):
        text += "\n"
    return text + ("\n" if text else "") + block


def _check_paths(target: Path, directory: str, source: Path, roster_csv: bool) -> None:
    """Refuses, before anything is written, a folder where a file init writes is a folder,
    or where `logs` is a file: found halfway, the files written before it would make a
    re-run refuse without --force. (Beside the team's org.csv no org.yaml is written.)"""
    files = [n for n in ("rhythm.yaml", "org.yaml") if (source / n).is_file()]
    files = [n for n in files if not (roster_csv and n == "org.yaml")]
    for name in [*files, ".gitignore", ".gitattributes", "logs"]:
        path = target / name
        shown = str(Path(directory) / name)
        if name == "logs" and (why := dead_link(path)):
            raise MorctlError(
                f"{shown} is {why}", "create the folder it points to, or remove the link"
            )
        if name == "logs" and path.exists() and not path.is_dir():
            raise MorctlError(
                f"{shown} is a file; completion logs need a folder there",
                "move or rename it, then run again",
            )
        if name != "logs" and path.is_dir():
            raise MorctlError(
                f"{shown} is a folder; init writes a file there",
                "move or rename it, then run again",
            )


def _kept_csv(target: Path, directory: str, rhythm: str, template: str, yaml_too: bool) -> None:
    """Says that the folder's org.csv is the roster, and what of its roles to map."""
    from morctl.initroster import role_advice

    shown = str(Path(directory) / "org.csv")
    sys.stderr.write(f"kept {shown} as the roster; the template's sample people were not written\n")
    if yaml_too:
        sys.stderr.write(
            f"{Path(directory) / 'org.yaml'} is there too, and was left as it is: keep one "
            "roster (morctl validate names the people both hold)\n"
        )
    for line in role_advice(target / "org.csv", shown, rhythm, template):
        sys.stderr.write(line + "\n")


def run(
    directory: str | None, template: str, list_only: bool, force: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    found = templates()
    if list_only:
        if directory is not None:
            raise UsageError("--list names the templates and creates nothing", "drop DIR or --list")
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
    if not directory.strip():
        raise UsageError("give the folder for the new workspace", "e.g. morctl init my-team")
    if visible(directory) != directory or "\t" in directory:
        # An escape sequence pasted in: the messages below would replay it in the terminal.
        raise UsageError(
            f"the folder name '{visible(directory)}' holds a control character (shown as \ufffd)",
            "give a plain name, e.g. morctl init my-team",
        )
    target = Path(directory)
    if why := dead_link(target):
        raise MorctlError(
            f"{directory} is {why}",
            "create the folder it points to first, or give another folder",
        )
    if target.exists() and not target.is_dir():
        raise MorctlError(
            f"{directory} exists and is not a folder", "give a new folder, e.g. morctl init my-team"
        )
    source = found[template]
    # The team's HR export, put in the folder first: it is the roster. The sample org.yaml
    # is not written beside it, where it would be merged into it (MOR609, MOR612).
    roster_csv = (target / "org.csv").is_file()
    existing = [n for n in ("rhythm.yaml", "org.yaml") if (target / n).exists()]
    if existing and not force:
        held = existing + ["org.csv"] * roster_csv
        raise MorctlError(
            f"{directory} already holds a workspace ({', '.join(held)})",
            "pick another folder, or pass --force to overwrite it"
            + (" (org.csv is kept)" if roster_csv else ""),
        )
    _check_paths(target, directory, source, roster_csv)
    kept: list[str] = []
    unwritten = False  # a README.md and a RHYTHM.md of the team's own: no guide is written
    made_up: str | None = None  # the id given when the folder's name makes none
    try:
        # Everything read first: nothing is written unless all of it can be.
        ignores = _with_block(target / ".gitignore", GITIGNORE)
        attributes = _with_block(target / ".gitattributes", GITATTRIBUTES)
        target.mkdir(parents=True, exist_ok=True)
        name = target.resolve().name
        rhythm = ""
        for item in ("rhythm.yaml", "org.yaml"):
            if item == "org.yaml" and roster_csv:
                continue
            if (source / item).is_file():
                text = (source / item).read_text(encoding="utf-8")
                if item == "rhythm.yaml":
                    text, made_up = _own_id(text, name)
                    text = rhythm = _starting(text, clock.today())
                write_atomic(target / item, text)
        # The team's own files are never replaced, not even with --force.
        guide = _guide(source, template, name)
        readme = target / "README.md"
        if readme.exists() and not _ours(readme):
            readme = target / "RHYTHM.md"
            kept.append("README.md")
        if not readme.exists() or (force and _ours(readme)):
            write_atomic(readme, guide)
        elif kept and not _ours(readme):
            kept, unwritten = [], True  # a RHYTHM.md of the team's own too
        (target / "logs").mkdir(exist_ok=True)
        keep = target / "logs" / ".gitkeep"
        if not keep.exists():
            write_atomic(keep, "")
        if ignores is not None:
            write_atomic(target / ".gitignore", ignores, errors="surrogateescape")
        if attributes is not None:
            write_atomic(target / ".gitattributes", attributes, errors="surrogateescape")
    except OSError as exc:
        raise MorctlError(
            f"cannot create the workspace in {directory}: {exc.strerror}",
            "check that the folder can be written to",
        ) from None
    if kept:
        sys.stderr.write(f"kept the folder's own README.md; how to run the rhythm is in {readme}\n")
    if unwritten:
        sys.stderr.write(
            "kept the folder's own README.md and RHYTHM.md; the guide to running the rhythm "
            "was not written (morctl init into an empty folder shows it)\n"
        )
    replaced = [n for n in existing if n == "rhythm.yaml" or not roster_csv]
    if replaced:
        sys.stderr.write(f"replaced {', '.join(replaced)} (--force)\n")
    if roster_csv:
        _kept_csv(target, directory, rhythm, template, "org.yaml" in existing)
    if made_up is not None:
        sys.stderr.write(
            f"the folder's name makes no id (a-z, 0-9, - and _): the rhythm's id is "
            f"{made_up}; give it a name of your own in rhythm.yaml "
            "before the first calendars go out (it is in every event's UID)\n"
        )
    # A name that starts with a dash would be read as an option: ./-team is the folder.
    place = directory if not directory.startswith("-") else f"./{directory}"
    shown = shlex.quote(place)
    roster = (
        f" and {target / 'org.yaml'}"
        if not roster_csv
        else f" ({target / 'org.csv'} is the roster)"
    )
    # `morctl init .` (or the folder's own path, from inside it): "created ." reads oddly.
    here = target.resolve() == Path.cwd().resolve()
    made = f"this folder ({target.resolve().name})" if here else directory
    sys.stderr.write(
        f"created a workspace in {made} from the '{template}' rhythm\n"
        f"next: edit {target / 'rhythm.yaml'}{roster}, then run\n"
        f"  morctl validate {shown}\n"
        f"  morctl show {shown}\n"
        f"  morctl calendar {shown} --out {shlex.quote(str(Path(place) / 'calendars'))}\n"
    )
    return 0
