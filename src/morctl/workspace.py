"""Load a workspace folder (DESIGN.md §2): rhythm, roster, and where every value came from."""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path as FsPath

from pydantic import ValidationError

from morctl.atomic import dead_link
from morctl.diagnostics import Diagnostic, clip, error, joined, others_at, whole_error
from morctl.model import SLUG_PATTERN, AwayEntry, Person, Rhythm, away_period, id_meant, id_twin
from morctl.roster import (
    AwayAdded,
    Failed,
    Partial,
    RosterRead,
    away_only,
    load_org_csv,
    load_org_yaml,
    validate_people,
)
from morctl.schema_errors import to_diagnostics
from morctl.values import ordinal, without_accents
from morctl.yamlload import (
    MAX_YAML_BYTES,
    Mark,
    Path,
    Positions,
    gc_paused,
    load_yaml,
    split_lines,
    too_large,
    wide_text,
)

RHYTHM_FILE = "rhythm.yaml"


@dataclass(frozen=True)
class Source:
    """Where a record lives: its document's positions and its path inside it."""

    positions: Positions
    path: Path
    # Where the person's `away` is, when another file gives it: org.yaml's entry of only
    # id and away for a person of org.csv.
    away: Source | None = None

    def at(self, *more: str | int, key: bool = False) -> tuple[str, Mark]:
        if self.away is not None and more[:1] == ("away",):
            return self.away.at(*more, key=key)
        return self.positions.file, self.positions.at((*self.path, *more), key=key)

    def line(self, *more: str | int) -> int:
        """The line of a value of the record, as ``at`` gives it, without working out its
        column where positions are found on demand: a CSV row's cells are on its line."""
        if self.away is not None and more[:1] == ("away",):
            return self.away.line(*more)
        lazy = self.positions.lazy
        if lazy is not None and (found := lazy(self.path)) is not None:
            return found.line
        return self.positions.at((*self.path, *more)).line


@dataclass(frozen=True)
class StandIn:
    """A person left out for a schema error, for the checks that its other fields still
    take (see roster.Partial): never one of the workspace's people."""

    label: str
    person: Person
    source: Source
    unread: frozenset[str]
    before: int  # how many of the workspace's people come before it, in roster order


_NOT_READ = object()  # a value under something that is not a mapping


@dataclass(frozen=True)
class Workspace:
    """A validated rhythm and roster. People keep roster order: it orders 1:1 slots."""

    root: str
    rhythm: Rhythm
    rhythm_positions: Positions
    people: tuple[Person, ...]
    person_sources: dict[str, Source] = field(hash=False)
    has_roster: bool = False
    # Entries ("activities.x", "roles.y", "levers.z", "people.p") or whole sections
    # ("roles", "people", ...) left out because they failed the schema; the method checks do
    # not report references to them a second time.
    broken: frozenset[str] = frozenset()
    # The YAML of each activity left out, as read: what of it is readable (its area, its
    # lever) still tells the coverage checks that they need not warn.
    left_out: dict[str, object] = field(default_factory=dict, hash=False)
    stand_ins: tuple[StandIn, ...] = ()

    def __post_init__(self) -> None:
        # Entries by their name without regard to case: 'Priya', refused as an id, is still
        # the 'priya' her reports name, and they get no "unknown manager" each.
        folded = frozenset(b.strip().casefold() for b in self.broken)
        object.__setattr__(self, "_broken_folded", folded)

    def is_broken(self, section: str, name: str | None = None) -> bool:
        """Whether ``section`` (or its entry ``name``, in any case) failed the schema and
        was left out."""
        if section in self.broken:
            return True
        if name is None:
            return False
        entry = f"{section}.{name}"
        folded: frozenset[str] = getattr(self, "_broken_folded", frozenset())
        return entry in self.broken or entry.strip().casefold() in folded

    def any_broken(self, section: str) -> bool:
        """Whether anything of ``section`` failed the schema and was left out."""
        return any(b == section or b.startswith(section + ".") for b in self.broken)

    def served(self, valid: Collection[str], *path: str, optional: bool = False) -> set[str] | None:
        """The values at ``path`` (``("area",)``, ``("admission", "lever")``) over all the
        activities, those left out read from their YAML; None when one of these holds no
        ``valid`` value there, or the whole section was left out: it may be the one that
        serves a value (an `area: Execution` is the mistake, not a missing area). With
        ``optional``, an activity left out that has nothing at ``path`` serves nothing, as
        a sound one would (no `admission:`, no lever)."""
        if self.is_broken("activities"):
            return None
        have: set[str] = set()
        for act in self.rhythm.activities.values():
            value: object = act
            for name in path:
                value = getattr(value, name, None)
            if isinstance(value, str):
                have.add(value)
        for raw in self.left_out.values():
            value = raw
            for name in path:
                if value is None:
                    break
                value = value.get(name) if isinstance(value, dict) else _NOT_READ
            if value is None and optional:
                continue
            if not isinstance(value, str) or value not in valid:
                return None
            have.add(value)
        return have

    @property
    def rhythm_file(self) -> str:
        return self.rhythm_positions.file

    def at(self, *path: str | int, key: bool = False) -> tuple[str, Mark]:
        """File and position of a path inside rhythm.yaml."""
        return self.rhythm_file, self.rhythm_positions.at(tuple(path), key=key)

    @cached_property
    def by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def reports(self) -> dict[str, tuple[Person, ...]]:
        """Direct reports of each manager, in roster order."""
        out: dict[str, list[Person]] = {}
        for p in self.people:
            if p.manager is not None:
                out.setdefault(p.manager, []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def members(self) -> dict[str, tuple[Person, ...]]:
        """Everyone who is in each manager's team on some day, in roster order: their
        reports, and those who moved on to another team (`previous_manager`)."""
        out: dict[str, list[Person]] = {}
        for p in self.people:
            for m in p.managers:
                out.setdefault(m, []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def dated_people(self) -> bool:
        """Whether anyone in the roster has a `joined` or `left` day, or a move."""
        return any(p.dated for p in self.people)

    @cached_property
    def today(self) -> date:
        """Today's date (``MORCTL_TODAY`` pins it): who is in a team is judged on it."""
        from morctl import clock

        return clock.today()

    def gone(self, person: Person) -> bool:
        """Whether the person left before today: their manager's load does not count them,
        nor do the checks of today's team (MOR510, MOR611, MOR614)."""
        return person.left is not None and person.left < self.today

    def team_on(self, owner: Person, report_role: str | None, day: date) -> list[Person]:
        """The reports in the team on ``day`` (joined, not left, not moved to another team
        or not yet moved in), in roster order: the order each day's back-to-back
        `each_report` slots run in."""
        return [
            p
            for p in self.members_for(owner, report_role)
            if p.active_on(day) and p.manager_on(day) == owner.id
        ]

    def team_of(self, owner: Person, report_role: str | None) -> tuple[Person, ...]:
        """`reports_for` without those who have left before today, with the team as a move
        makes it today: the team a manager has now, as the load and the checks of a team
        count it."""
        if not self.dated_people:
            return self.reports_for(owner, report_role)
        today = self.today
        return tuple(
            p
            for p in self.members_for(owner, report_role)
            if not self.gone(p) and p.manager_on(today) == owner.id
        )

    def team_days(self, owner: Person) -> list[date]:
        """Today, and each day after it on which the owner's team grows (someone `joined`
        or moves in, `manager_since`): the days a team is at its largest on, one of them.
        The load and the longest run of back-to-back slots are planned for that team."""
        today = self.today
        days = {
            day
            for p in self.members_for(owner, None)
            for day in (p.joined, p.manager_since)
            if day is not None and day > today
        }
        return [today, *sorted(days)]

    def largest_team(self, owner: Person, report_role: str | None) -> int:
        """The most reports the owner has on one day from today on (`team_days`)."""
        if not self.dated_people:
            return len(self.reports_for(owner, report_role))
        return max(len(self.team_on(owner, report_role, d)) for d in self.team_days(owner))

    @cached_property
    def holders(self) -> dict[str, tuple[Person, ...]]:
        """People by role, in roster order."""
        out: dict[str, list[Person]] = {}
        for p in self.people:
            out.setdefault(p.role, []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _by_address(self) -> dict[str, tuple[str, tuple[Person, ...]]]:
        by: dict[str, tuple[str, tuple[Person, ...]]] = {}
        for p in self.people:
            for kind, value in (("name", p.name), ("e-mail", p.email)):
                if value:
                    key = name_key(value)
                    said, found = by.get(key, (kind, ()))
                    by[key] = (said, (*found, p))
        return by

    def named(self, text: str) -> tuple[str, tuple[Person, ...]] | None:
        """The people whose e-mail or full name ``text`` is (in any capitals and spacing,
        accents aside: `name_key`), as a calendar invite or an export gives people where an
        id is wanted, with which of the two it is; more than one when people share a name."""
        return self._by_address.get(name_key(text))

    @cached_property
    def by_name_part(self) -> dict[str, tuple[Person, ...]]:
        """People by their first name (the first word, or all words before the last: `mei
        lin`) and by their last name (the last word, or all words after the first: `al
        mansoori`), as `name_key` folds them, a nickname left out (`Olivia "Liv" Brown`):
        what someone types for a person on the command line."""
        by: dict[str, list[Person]] = {}
        for p in self.people:
            words = name_key(_NICKNAME.sub(" ", p.name)).split()
            if not words:
                continue
            # First and last name, and two-word ones: `Mei Lin` Chen, Omar `Al Mansoori`.
            parts = (words[0], words[-1], " ".join(words[1:]), " ".join(words[:-1]))
            for key in dict.fromkeys(parts):
                if key:
                    by.setdefault(key, []).append(p)
        return {k: tuple(v) for k, v in by.items()}

    def name_part(self, text: str) -> tuple[str, tuple[Person, ...]] | None:
        """The people of whom ``text`` is a first or last name (:attr:`by_name_part`), with
        which of the two it is ("first name", "last name", or "first or last name" when it
        is one for some and the other for others, or a name of one word)."""
        key = name_key(text)
        people = self.by_name_part.get(key)
        if not people:
            return None
        kinds = set()
        for p in people:
            words = name_key(_NICKNAME.sub(" ", p.name)).split()
            first = key in (words[0], " ".join(words[:-1]))
            last = key in (words[-1], " ".join(words[1:]))
            kinds.add("first name" if not last else "last name" if not first else "")
        kind = kinds.pop() if len(kinds) == 1 else ""
        return kind or "first or last name", people

    def reports_on(self, day: date) -> dict[str, tuple[Person, ...]]:
        """`reports` as the reporting lines were on ``day`` (a change of team: the
        previous manager's before `manager_since`)."""
        if not any(p.manager_since is not None for p in self.people):
            return self.reports
        out: dict[str, list[Person]] = {}
        for p in self.people:
            if (m := p.manager_on(day)) is not None:
                out.setdefault(m, []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    def reports_for(self, owner: Person, report_role: str | None) -> tuple[Person, ...]:
        reports = self.reports.get(owner.id, ())
        if report_role is None:
            return reports
        return tuple(p for p in reports if p.role == report_role)

    def members_for(self, owner: Person, report_role: str | None) -> tuple[Person, ...]:
        """`reports_for`, with those who moved from the owner's team to another: everyone
        with whom the owner has a series of 1:1s, each on their own days."""
        found = self.members.get(owner.id, ())
        if report_role is None:
            return found
        return tuple(p for p in found if p.role == report_role)

    def timezone_of(self, person: Person) -> str:
        return person.timezone or self.rhythm.timezone

    def countries_of(self, person: Person) -> tuple[str, ...]:
        return (person.country,) if person.country else self.rhythm.holidays.countries


# Characters a name copied from a chat or a document may carry that nobody types.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def name_key(text: str) -> str:
    """A person's name or e-mail as it is looked up: in any capitals and spacing, accents
    (Lefèvre, Groß as gross), curly apostrophes (O’Brien) and invisible characters aside,
    so that what someone types on the command line finds the roster's spelling."""
    plain = without_accents(text.translate(_INVISIBLE).translate(_APOSTROPHES))
    return " ".join(plain.split()).casefold()


@dataclass
class LoadResult:
    workspace: Workspace | None
    diagnostics: list[Diagnostic]
    sources: dict[str, list[str]]


_PLACEHOLDERS = {"morctl": 1, "id": "invalid", "name": "(unnamed)", "roles": {}, "activities": {}}
_ENTRIES = ("roles", "activities", "levers")


def _validate_rhythm(
    data: dict[str, object], positions: Positions
) -> tuple[Rhythm | None, frozenset[str], list[Diagnostic]]:
    """Validate the rhythm; when parts fail, report them and validate what is left, so that
    the method checks still run on the sound parts and one run reports every problem."""
    try:
        with gc_paused():
            return Rhythm.model_validate({**data, "people": None}), frozenset(), []
    except ValidationError as exc:
        diags = to_diagnostics(exc, Rhythm, positions)
        errors = exc.errors(include_url=False)
    rest: dict[str, object] = {k: v for k, v in data.items() if k != "people"}
    broken: set[str] = set()
    for err in errors:
        loc = err["loc"]
        top = str(loc[0]) if loc else ""
        entries = rest.get(top)
        if top in _ENTRIES and len(loc) >= 2 and isinstance(entries, dict):
            name = str(loc[1])
            rest[top] = {k: v for k, v in entries.items() if k != name}
            broken.add(f"{top}.{name}")
        elif top in _PLACEHOLDERS:
            rest[top] = _PLACEHOLDERS[top]
            broken.add(top)
        else:
            rest.pop(top, None)
            broken.add(top)
    try:
        with gc_paused():
            return Rhythm.model_validate(rest), frozenset(broken), diags
    except ValidationError:
        return None, frozenset(broken), diags


def _display(root: str, name: str) -> str:
    return os.path.normpath(os.path.join(root, name))


def _read(
    path: str, display: str, diags: list[Diagnostic], limit: int | None = None
) -> bytes | None:
    """The file's bytes. With a ``limit``, a larger file is refused (MOR108) before it is
    read. Only a regular file is read: a named pipe would block forever, a device such as
    /dev/zero never end."""
    try:
        # O_NONBLOCK: opening a named pipe waits for a writer; this returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(st.st_mode):
                diags.append(
                    whole_error(
                        display,
                        "MOR100",
                        f"cannot read {display}: not a regular file (a pipe or a device)",
                        "save the workspace files as plain files",
                    )
                )
                return None
            if limit is not None and st.st_size > limit:
                diags.append(too_large(display, st.st_size))
                return None
            return f.read()
    except IsADirectoryError:
        diags.append(whole_error(display, "MOR100", f"{display} is a folder, not a file"))
    except OSError as exc:
        diags.append(whole_error(display, "MOR100", f"cannot read {display}: {exc.strerror}"))
    return None


def _present(path: str, display: str, diags: list[Diagnostic]) -> bool:
    """Whether ``path`` names something to read. A file that is not there is not present;
    one that is there but cannot be reached (a folder without search permission, a link to
    itself, a link to nothing) is present and reported as unreadable (MOR100)."""
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        if not os.path.islink(path):
            return False
        reason = "it is a link to a file that does not exist"
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
    diags.append(whole_error(display, "MOR100", f"cannot read {display}: {reason}"))
    return True


def source_lines(raw: bytes, yaml: bool = True) -> list[str]:
    """The source lines for excerpts, split where the parser counts a new line."""
    text = wide_text(raw)
    if text is None:
        text = raw.decode("utf-8-sig", errors="replace")
    if yaml:
        return split_lines(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def near_folder(root: str) -> str | None:
    """A folder beside ``root`` with a name close to it (`my-tem`: `my-team`), preferring
    one that holds a rhythm.yaml; written as the user wrote ``root``'s folder part."""
    import difflib

    path = os.path.normpath(root)
    parent, name = os.path.split(path)
    try:
        with os.scandir(parent or ".") as entries:
            folders = sorted(
                e.name
                for e in entries
                if e.is_dir() and (not e.name.startswith(".") or name.startswith("."))
            )
    except OSError:
        return None
    close = difflib.get_close_matches(name, folders, n=5, cutoff=0.6)
    workspaces = [f for f in close if os.path.isfile(os.path.join(parent, f, RHYTHM_FILE))]
    best = workspaces or close
    return os.path.join(parent, best[0]) if best else None


# Folders never searched for a workspace: tools' own (a virtual environment, npm's
# packages), which may hold copies of morctl's templates, and Python's caches.
_NOT_SEARCHED = frozenset(("node_modules", "__pycache__", "site-packages", "venv"))
SHOWN_BELOW = 5
_SCAN_BUDGET = 5000  # folder entries read at most: a home folder is not walked whole


def workspaces_below(root: str, depth: int = 2) -> list[str]:
    """The folders under ``root``, at most ``depth`` levels down, that hold a rhythm.yaml:
    the shallowest first, then by name, written as the user wrote ``root``. Hidden folders
    (.git, .venv) and tools' folders (node_modules) are not searched."""
    found: list[str] = []
    level, budget = [root], _SCAN_BUDGET
    for _ in range(depth):
        below: list[str] = []
        for folder in level:
            names: list[str] = []
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        budget -= 1
                        if budget < 0:
                            break
                        if _searched(entry):
                            names.append(entry.name)
            except OSError:
                continue
            below += [os.path.join(folder, name) for name in sorted(names)]
        found += [f for f in below if os.path.isfile(os.path.join(f, RHYTHM_FILE))]
        level = below
    return [os.path.normpath(f) for f in found]


def _searched(entry: os.DirEntry[str]) -> bool:
    """Whether a workspace is looked for in this entry: a folder, neither hidden nor a
    tool's."""
    try:
        folder = entry.is_dir()
    except OSError:
        return False
    return folder and not entry.name.startswith(".") and entry.name not in _NOT_SEARCHED


def workspace_below_hint(root: str) -> str | None:
    """The hint for a folder that holds no rhythm.yaml while one below it does (the
    repository's root, given for its `sales/` workspace): the folder to give instead."""
    found = workspaces_below(root)
    if not found:
        return None
    if len(found) == 1:
        return f"found one in {found[0]}: did you mean '{found[0]}'?"
    shown = ", ".join(found[:SHOWN_BELOW])
    more = f" (and {len(found) - SHOWN_BELOW} more)" if len(found) > SHOWN_BELOW else ""
    return f"found one in each of {shown}{more}: give the folder of the workspace meant"


def workspace_above(root: str) -> str | None:
    """The nearest folder above ``root`` that holds a rhythm.yaml (the user runs a command
    from the workspace's logs/), written as the user would give it; the search stops at a
    git repository's root, whose parent is another project."""
    try:
        here = os.path.abspath(root)
        cwd = os.getcwd()
    except OSError:  # the current folder was deleted
        return None
    while not os.path.exists(os.path.join(here, ".git")):
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
        if os.path.isfile(os.path.join(here, RHYTHM_FILE)):
            return here if os.path.isabs(root) else os.path.relpath(here, cwd)
    return None


def no_workspace_hint(root: str, command: tuple[str, ...] = ("validate",)) -> str:
    """The hint for a folder with no rhythm.yaml: the workspace below it or above it, else
    how to give one. ``command`` is the command run, then the words after its workspace
    (`("log", "pipeline_review", "…")`), for the example to run instead."""
    if (below := workspace_below_hint(root)) is not None:
        return below
    if (above := workspace_above(root)) is None:
        return (
            "run the command inside the workspace folder, or give that folder as its first "
            f"argument (`{_example(command, 'my-team')}`); `morctl init DIR` creates one"
        )
    there = "" if above == "." else ", or run from there"
    return (
        f"the workspace is {above} ({RHYTHM_FILE} is there): give it, "
        f"`{_example(command, above)}`{there}"
    )


def _example(command: tuple[str, ...], folder: str) -> str:
    import shlex

    return " ".join(("morctl", command[0], shlex.quote(folder), *command[1:]))


# The names a roster is given by mistake, as _named_like compares them: the words people
# use for it, in YAML or CSV.
_ROSTER_NAMES = frozenset(
    f"{stem}.{ext}"
    for stem in ("org", "roster", "people", "team", "employees")
    for ext in ("yaml", "csv")
)


def _named_like(root: str, names: Collection[str]) -> str | None:
    """The first file of ``root`` whose name is one of ``names`` but for its case or a
    `.yml` (`Org.yaml`, `rhythm.yml`, `roster.csv` for a roster), and is not that name:
    a file morctl does not read, meant to be one it does."""
    try:
        with os.scandir(root) as entries:
            found = sorted(e.name for e in entries if e.is_file())
    except OSError:
        return None
    for name in found:
        said = name.lower()
        said = said[:-4] + ".yaml" if said.endswith(".yml") else said
        if said in names and name not in (RHYTHM_FILE, "org.yaml", "org.csv"):
            return name
    return None


def load_workspace(root: str = ".", command: tuple[str, ...] = ("validate",)) -> LoadResult:
    """Read and validate the schema of every file of the workspace at ``root``;
    ``command`` is the one run, for the hint when there is no workspace there."""
    diags: list[Diagnostic] = []
    sources: dict[str, list[str]] = {}
    rhythm_display = _display(root, RHYTHM_FILE)
    if not root:
        # `morctl validate "$WS"` with WS unset: no file to point at.
        diags.append(
            whole_error(
                "",
                "MOR100",
                "the workspace folder given is empty ('')",
                "pass the folder that holds rhythm.yaml (`.` for the current one); a shell "
                "variable that is not set gives an empty argument",
            )
        )
        return LoadResult(None, diags, sources)
    if not os.path.isdir(root):
        hint = "pass the folder that holds rhythm.yaml, or run `morctl init DIR`"
        if os.path.exists(root):
            what = "is not a folder"
            if os.path.basename(os.path.normpath(root)) in (RHYTHM_FILE, "org.yaml", "org.csv"):
                # `morctl validate rhythm.yaml`, as linters are given files
                folder = os.path.dirname(os.path.normpath(root)) or "."
                hint = f"that is a file of the workspace: give its folder, '{folder}'"
        elif why := dead_link(root):
            what = f"is {why}"
        else:
            what = "does not exist"
            if (near := near_folder(root)) is not None:
                hint = f"did you mean '{near}'?"
        diags.append(whole_error(root, "MOR100", f"workspace folder '{root}' {what}", hint))
        return LoadResult(None, diags, sources)
    rhythm_path = FsPath(root) / RHYTHM_FILE
    if not _present(str(rhythm_path), rhythm_display, diags):
        # Placed at the folder: a rhythm.yaml that is not there has no line 1 to point at.
        misnamed = _named_like(root, frozenset((RHYTHM_FILE,)))
        diags.append(
            whole_error(
                os.path.normpath(root),
                "MOR100",
                f"no {RHYTHM_FILE} in '{root}'" + (f" ({misnamed} is there)" if misnamed else ""),
                f"rename {misnamed} to {RHYTHM_FILE}: morctl reads no other name"
                if misnamed
                else no_workspace_hint(root, command),
            )
        )
        return LoadResult(None, diags, sources)
    if diags:  # present but unreachable, already reported
        return LoadResult(None, diags, sources)
    raw = _read(str(rhythm_path), rhythm_display, diags, MAX_YAML_BYTES)
    if raw is None:
        return LoadResult(None, diags, sources)
    if len(raw) <= MAX_YAML_BYTES:  # a larger file is refused whole: no excerpt
        sources[rhythm_display] = source_lines(raw)
    loaded = load_yaml(raw, rhythm_display)
    diags.extend(loaded.diagnostics)
    data = loaded.data
    rhythm: Rhythm | None = None
    people_data: object = None
    broken: set[str] = set()
    left_out_people: Failed = {}  # people left out for a schema error: id -> e-mail, name
    if data is not None and not isinstance(data, dict):
        mark = loaded.positions.at(())
        got = "a list" if isinstance(data, list) else f"'{clip(str(data))}'"
        diags.append(
            error(
                rhythm_display,
                mark.line,
                mark.column,
                "MOR203",
                f"rhythm.yaml must be a mapping of keys (morctl: 1, id: ..., ...), got {got}",
            )
        )
    elif data is not None:
        people_data = data.get("people")
        rhythm, broken_parts, more = _validate_rhythm(data, loaded.positions)
        broken.update(broken_parts)
        diags.extend(more)

    people: list[Person] = []
    person_sources: dict[str, Source] = {}
    # Where each id is first defined, found only for an id defined twice: locating a CSV
    # roster's cell reads its line again, and a large roster has 90,000 of them.
    first_place: dict[str, Source] = {}
    has_roster = False

    twice: list[tuple[Diagnostic, str]] = []  # MOR601, with the file of the first one
    yaml_display, csv_display = _display(root, "org.yaml"), _display(root, "org.csv")
    # Beside org.csv, an entry of only id and away is away periods for one of its people
    # (a file there but unreadable counts: its people are then not known to be missing).
    beside_csv = os.path.lexists(os.path.join(root, "org.csv"))
    aways: list[tuple[AwayAdded, Positions]] = []
    from_csv: set[str] = set()  # ids org.csv gives, read or refused
    csv_whole = False  # whether org.csv was read whole: an id it lacks is then missing

    stand_ins: list[StandIn] = []

    def add(found: list[tuple[int, Person]], positions: Positions, partial: list[Partial]) -> None:
        rest = sorted(partial, key=lambda p: p.index, reverse=True)
        for i, person in found:
            while rest and rest[-1].index < i:
                left = rest.pop()
                place = Source(positions, ("people", left.index))
                stand_ins.append(StandIn(left.label, left.person, place, left.unread, len(people)))
            src = Source(positions, ("people", i))
            if person.id in first_place:
                file, mark = src.at("id")
                f0, m0 = first_place[person.id].at("id")
                hint = "give each person one id"
                diags.append(
                    error(
                        file,
                        mark.line,
                        mark.column,
                        "MOR601",
                        f"person '{person.id}' is defined twice (first at {f0}:{m0.line})",
                        hint,
                    )
                )
                twice.append((diags[-1], f0))
                continue
            first_place[person.id] = src
            person_sources[person.id] = src
            people.append(person)
        for left in reversed(rest):
            place = Source(positions, ("people", left.index))
            stand_ins.append(StandIn(left.label, left.person, place, left.unread, len(people)))

    if people_data is not None:
        has_roster = True
        if isinstance(people_data, list):
            aside = {i for i, p in enumerate(people_data) if beside_csv and away_only(p)}
            diags.extend(_inline_away(people_data[i], i, loaded.positions) for i in sorted(aside))
            places = [i for i in range(len(people_data)) if i not in aside] if aside else None
            kept = [people_data[i] for i in places] if places is not None else people_data
            found, more, failed, partial = validate_people(
                kept, loaded.positions, ("people",), None, places
            )
            diags.extend(more)
            broken.update(f"people.{pid}" for pid in failed)
            left_out_people.update(failed)
            add(found, loaded.positions, partial)
        else:
            file, mark = rhythm_display, loaded.positions.at(("people",))
            diags.append(
                error(file, mark.line, mark.column, "MOR203", "people: expected a list of people")
            )
            broken.add("people")
    inline = len(people)  # read from rhythm.yaml's people:
    read_from: dict[str, int] = {}  # roster file -> people read from it
    raw_yaml = b""
    # org.csv is read first: beside it, an entry of org.yaml with the id of one of its
    # people is their away periods (or a mistake in them), not a person. The people are
    # still taken in roster order, org.yaml's before org.csv's.
    rosters: dict[str, tuple[str, RosterRead | None, bytes]] = {}
    csv_ids: frozenset[str] = frozenset()
    for name in ("org.csv", "org.yaml"):
        path = FsPath(root) / name
        display = _display(root, name)
        reported = len(diags)
        if not _present(str(path), display, diags):
            continue
        if len(diags) > reported:  # present but unreachable, already reported
            rosters[name] = (display, None, b"")
            continue
        limit = MAX_YAML_BYTES if name.endswith(".yaml") else None
        raw_org = _read(str(path), display, diags, limit)
        if raw_org is None:
            rosters[name] = (display, None, b"")
            continue
        if limit is None or len(raw_org) <= limit:
            sources[display] = source_lines(raw_org, yaml=limit is not None)
        if name == "org.csv":
            roster = load_org_csv(raw_org, display)
            csv_ids = frozenset({p.id for _, p in roster.people} | set(roster.failed))
        else:
            roster = load_org_yaml(raw_org, display, beside_csv, csv_ids)
        rosters[name] = (display, roster, raw_org)
    given_twice = 0  # entries of org.yaml that give a person of org.csv again
    for name in ("org.yaml", "org.csv"):
        if name not in rosters:
            continue
        display, read, raw_org = rosters[name]
        has_roster = True
        read_from[display] = 0
        if read is None:
            broken.add("people")
            continue
        diags.extend(read.diagnostics)
        broken.update(f"people.{pid}" for pid in read.failed)
        left_out_people.update(read.failed)
        if read.incomplete:
            broken.add("people")
        add(read.people, read.positions, read.partial)
        read_from[display] = max(read.given, len(read.people))
        if name == "org.yaml":
            raw_yaml = raw_org
            given_twice = sum(1 for a in read.aways if a.defines)
        aways += [(a, read.positions) for a in read.aways]
        if name == "org.csv":
            from_csv = set(csv_ids)
            csv_whole = not read.incomplete
    if aways:
        given = _give_aways(aways, people, person_sources, from_csv, csv_whole, csv_display)
        diags.extend(given)
        # A person of org.csv given again in org.yaml, as MOR612 counts the sample's clashes.
        twice += [
            (d, yaml_display) for d in given if d.code == "MOR601" and "defined twice" in d.message
        ]
    if not has_roster and (misnamed := _named_like(root, _ROSTER_NAMES)):
        # `Org.yaml`, which a Mac reads as org.yaml and Linux (CI) does not: say so here,
        # not first in expand's "the workspace has no roster".
        meant = "org.csv" if misnamed.lower().endswith(".csv") else "org.yaml"
        diags.append(
            Diagnostic(
                _display(root, misnamed),
                1,
                1,
                "warning",
                "MOR100",
                f"the workspace has no roster: morctl reads org.yaml or org.csv, not {misnamed}",
                f"rename {misnamed} to {meant}",
                whole=True,
            )
        )
    if len(read_from) == 2 and read_from[csv_display] and (read_from[yaml_display] or given_twice):
        # Both files are read, their people merged: usually the sample org.yaml left beside
        # the HR export, whose ten made-up people would then be in every calendar.
        (yaml_file, in_yaml), (csv_file, in_csv) = read_from.items()
        from morctl.templates import sample_roster

        if (template := sample_roster(raw_yaml)) is not None:
            # Untouched since `morctl init` wrote it: nobody in it is real. An id of the
            # export that the sample has too (priya, owen: the guide's examples) is this one
            # mistake, not a second person to rename.
            clash = {id(d) for d, first in twice if first == yaml_file}
            diags[:] = [d for d in diags if id(d) not in clash]
            shared = f" ({len(clash)} of them with ids org.csv uses too)" if clash else ""
            made_up = in_yaml + given_twice
            diags.append(
                Diagnostic(
                    yaml_file,
                    1,
                    1,
                    "error",
                    "MOR612",
                    f"org.yaml is still the sample roster of the '{template}' template: its "
                    f"{made_up} made-up people{shared} would join the {in_csv} of org.csv, "
                    "with calendars, and count in every report",
                    "delete org.yaml: org.csv is the team's roster",
                )
            )
        elif in_yaml:
            diags.append(
                Diagnostic(
                    csv_file,
                    1,
                    1,
                    "warning",
                    "MOR609",
                    f"both {yaml_file} and {csv_file} hold people: their rosters are merged "
                    f"({in_yaml} from {yaml_file}, {in_csv} from {csv_file})",
                    f"delete {yaml_file} if {csv_file} replaces it; keep both only to add "
                    "people the export does not have, or away periods for those it has (an "
                    "entry of only id and away, which is no person of its own)",
                )
            )
    if inline and (files := [(f, n) for f, n in read_from.items() if n]):
        # People in rhythm.yaml and in a roster file: DESIGN §2 has one or the other, and
        # a roster kept in two places drifts (one person edited in one of them).
        file, mark = rhythm_display, loaded.positions.at(("people",))
        named = joined([f for f, _ in files])
        diags.append(
            Diagnostic(
                file,
                mark.line,
                mark.column,
                "warning",
                "MOR609",
                f"both people: in rhythm.yaml and {named} hold people: their rosters are merged "
                f"({inline} from people:, " + ", ".join(f"{n} from {f}" for f, n in files) + ")",
                f"keep one roster: move these people into {files[0][0]}, or delete {named}",
            )
        )
    if people or left_out_people:  # every row refused (ids that are e-mails): still grouped
        diags = _manager_emails(diags, people, left_out_people)
    if people:
        diags = _taken_ids(diags, people, person_sources)
    diags = _said_once(diags)
    if rhythm is None:
        return LoadResult(None, diags, sources)
    diags = [_role_by_title(d, rhythm) for d in diags]
    ws = Workspace(
        root=root,
        rhythm=rhythm,
        rhythm_positions=loaded.positions,
        people=tuple(people),
        person_sources=person_sources,
        has_roster=has_roster,
        broken=frozenset(broken),
        left_out=_left_out(data, broken),
        stand_ins=tuple(stand_ins),
    )
    return LoadResult(ws, diags, sources)


def _away_entry(person: Person | AwayEntry) -> str:
    """The entry of only id and away that gives ``person`` their away periods."""
    periods = [away_period(f"{a.from_} {a.to}", a.reason) for a in person.away[:2]]
    more = ", ..." if len(person.away) > 2 else ""
    return f"{{id: {person.id}, away: [{', '.join(periods)}{more}]}}"


def _inline_away(item: object, index: int, positions: Positions) -> Diagnostic:
    """An entry of only id and away in rhythm.yaml's people: beside org.csv. Away periods
    for a person of the export go in org.yaml; `people:` holds whole people, as its
    schema says (an editor would refuse the entry too)."""
    pid = item.get("id") if isinstance(item, dict) else None
    label = str(pid) if isinstance(pid, str) else f"the {ordinal(index + 1)} person"
    mark = positions.at(("people", index))
    return error(
        positions.file,
        mark.line,
        mark.column,
        "MOR202",
        f"{label}: missing required keys 'name' and 'role' (people: in rhythm.yaml holds "
        "whole people, not only away periods)",
        "to give a person of org.csv away periods, move this entry to org.yaml, under "
        "people:, where an entry of only id and away does that",
    )


def _give_aways(
    aways: list[tuple[AwayAdded, Positions]],
    people: list[Person],
    sources: dict[str, Source],
    from_csv: set[str],
    csv_whole: bool,
    csv_file: str,
) -> list[Diagnostic]:
    """Give each person of org.csv the away periods of org.yaml's entry of only id and
    away for them: in ``people``, and in ``sources``, where their positions are (so that a
    check of a period points at org.yaml). An entry for nobody of org.csv is an error."""
    out: list[Diagnostic] = []
    given: dict[str, Source] = {}
    where = {p.id: i for i, p in enumerate(people)}
    for added, positions in aways:
        place = Source(positions, ("people", added.index))
        file, mark = place.at("id")

        def twice(message: str, hint: str, file: str = file, mark: Mark = mark) -> Diagnostic:
            """MOR601 at this entry's id."""
            return error(file, mark.line, mark.column, "MOR601", message, hint)

        if added.defines:
            out.append(_given_again(added, file, mark, sources.get(added.id), csv_file))
        if added.entry is None or (added.defines and not added.entry.away):
            continue  # refused by the schema, or a whole person with no leave: reported
        pid = added.entry.id
        src = sources.get(pid)
        if pid in given:
            f0, m0 = given[pid].at("id")
            out.append(
                twice(
                    f"away periods of '{pid}' are given twice (first at {f0}:{m0.line})",
                    f"give all of {pid}'s away periods in one list, in one entry",
                )
            )
        elif src is not None and src.positions.file == csv_file:
            people[where[pid]] = people[where[pid]].model_copy(update={"away": added.entry.away})
            sources[pid] = replace(src, away=place)
            given[pid] = place
        elif src is not None:
            # A person of org.yaml itself (or of people:): their own entry has their away.
            f0, m0 = src.at("id")
            out.append(
                twice(
                    f"person '{pid}' is defined at {f0}:{m0.line}, not in {csv_file}: an "
                    "entry of only id and away gives away periods to a person of org.csv",
                    f"give these away periods in {pid}'s entry at {f0}:{m0.line}",
                )
            )
        elif csv_whole and pid not in from_csv:
            # Else the person's row, or the file, could not be read: told already.
            close = difflib.get_close_matches(pid, sorted(from_csv), n=1)
            meant = f"did you mean '{close[0]}'? " if close else ""
            out.append(
                error(
                    file,
                    mark.line,
                    mark.column,
                    "MOR603",
                    f"{pid}: no person of {csv_file} has this id, so these away periods are "
                    "nobody's",
                    f"{meant}an entry of only id and away gives away periods to a person of "
                    "org.csv; to add someone the export does not have, give their name and "
                    "role too",
                )
            )
    return out


def _given_again(
    added: AwayAdded, file: str, mark: Mark, src: Source | None, csv_file: str
) -> Diagnostic:
    """MOR601 for an entry of org.yaml that gives a person of org.csv again (`name`,
    `timezone`, or the whole person), where the user edits: at that entry, naming the row of
    org.csv. Beside the export, org.yaml gives its people only away periods."""
    if src is not None:
        f0, m0 = src.at("id")
        where = f"also at {f0}:{m0.line}"
    else:
        where = f"also in {csv_file}"  # a row refused: its own error tells of it
    keys = joined(list(added.defines))
    only = f"beside {csv_file}, {file} gives a person of it only away periods"
    if added.entry is not None and added.entry.away:
        hint = (
            f"{only}: keep only id and away in this entry, as {_away_entry(added.entry)} "
            f"({csv_file} gives their {keys})"
        )
    elif added.entry is not None:
        hint = (
            f"delete this entry: {csv_file} gives their {keys}, and beside it {file} gives "
            "only away periods"
        )
    else:  # its away periods are refused, or a key is unknown: told already
        hint = (
            f"keep only id and away in this entry: {csv_file} gives their {keys}, and beside "
            f"it {file} gives only away periods"
        )
    return error(
        file,
        mark.line,
        mark.column,
        "MOR601",
        f"person '{added.id}' is defined twice ({where})",
        hint,
    )


def _role_by_title(d: Diagnostic, rhythm: Rhythm) -> Diagnostic:
    """``d`` with a hint naming the role meant, when a role is given by its title or its id
    in capitals (`role: Account Executive`, `owner: Manager`), as people say it."""
    if d.code != "MOR203" or d.about is None or d.about[0] not in ("role", "owner", "report_role"):
        return d
    titles = {rid: role.title for rid, role in rhythm.roles.items()}
    meant = role_meant(d.about[1], titles)
    if meant is not None:
        return replace(d, hint=meant[1])
    if d.hint is not None or not titles:
        return d
    # `role: Sales Lead`, a title the rhythm does not have: the roles it has, by id and
    # title, so the one meant can be picked.
    roles = [f"{rid} ({title})" for rid, title in sorted(titles.items())]
    more = f" and {len(roles) - 8} more" if len(roles) > 8 else ""
    return replace(d, hint=f"give a role of the rhythm by its id: {', '.join(roles[:8])}{more}")


def role_meant(said: str, titles: Mapping[str, str]) -> tuple[str, str] | None:
    """The role ``said`` stands for when it is written as the role's title or as its id in
    capitals (`Account Executive` for rep, `Manager`), as people say it, with the hint to
    write its id; None when it is neither. ``titles``: each role's title, by its id. Used
    by validate and by `init` over a team's org.csv, so the two say it alike."""
    folded = " ".join(said.split()).lower()
    for rid, title in titles.items():
        if folded == rid:
            return rid, f"ids are in lower case: write {rid}"
        if title and folded == " ".join(title.split()).lower():
            why = f"that is the title of the role {rid}: a role is given by its id"
            return rid, f"{why}, so write {rid}"
    return None


def _taken_ids(
    diags: list[Diagnostic], people: list[Person], sources: dict[str, Source]
) -> list[Diagnostic]:
    """A person's id refused for its capitals or spaces (`id: Owen`) is offered the id it
    stands for only while nobody has it: beside a person `owen`, writing 'owen' would
    define two people with one id (MOR601), so the hint says whose it is instead, and no
    other id is made up. Two refused ids that stand for one (`Owen`, `OWEN`): the second is
    told that the first would take it."""
    holders = {p.id: p for p in people}
    first: dict[str, Diagnostic] = {}
    out = []
    for d in diags:
        # The rhythm's own `id:` names no person; a person's is `Owen Jones: id` or a row's.
        meant = id_meant(d.about[1]) if d.about and d.about[0] == "id" else None
        like = f" (write '{meant}')"
        if d.code != "MOR203" or meant is None or like not in d.message or d.message[:3] == "id:":
            out.append(d)
            continue
        if (twin := id_twin(meant, holders)) is not None:
            # `Mary Ann` stands for mary-ann: beside `mary_ann`, two ids that read as one.
            held = holders[twin]
            file, mark = sources[twin].at("id")
            hint = (
                f"'{twin}' is already the id of {held.name} ({file}:{mark.line}): give this "
                "person an id of their own, in lower case"
            )
        elif (other := first.get(meant)) is not None:
            hint = (
                f"'{meant}' is what '{other.about[1] if other.about else meant}' "
                f"({other.file}:{other.line}) stands for too: give each person an id of their "
                "own, in lower case"
            )
        else:
            first[meant] = d
            out.append(d)
            continue
        out.append(replace(d, message=d.message.replace(like, "", 1), hint=hint))
    return out


# The keys that name a manager by id: the one of today, and the one before a change of team.
_MANAGER_KEYS = ("manager", "previous_manager")


def _manager_emails(
    diags: list[Diagnostic], people: list[Person], left_out: Failed | None = None
) -> list[Diagnostic]:
    """A manager written as an export may write them (an e-mail address, a full name, an id
    in capitals) that is a person's gets a hint naming that person's id; ``left_out``: the
    people left out for a mistake of their own, with the e-mail and name their row gave.
    One value repeated down many rows is said once, at its first row: an HR export gives
    every rep's manager by e-mail, and a message a row would bury everything else."""

    def email(d: Diagnostic) -> str | None:
        if d.code != "MOR203" or d.about is None or d.about[0] not in _MANAGER_KEYS:
            return None
        return " ".join(d.about[1].split()).lower()

    wanted = {e for d in diags if (e := email(d)) is not None}
    if not wanted:
        return diags
    # The manager as an export may give them: e-mail, full name, or id in capitals.
    taken = {p.id for p in people}
    ids: dict[str, list[str]] = {}
    what: dict[str, str] = {}
    known: list[tuple[str, tuple[tuple[str, str | None], ...]]] = [
        (p.id, (("e-mail", p.email), ("name", p.name), ("id", p.id))) for p in people
    ]
    for pid, names in (left_out or {}).items():  # a row left out: its id is known all the same
        kinds = ["e-mail" if "@" in n else "name" for n in names]
        known.append((pid, (*zip(kinds, names, strict=True), ("id", pid))))
    # An export's "Last, First" (one comma): the name it is with the last name put last.
    flipped: dict[str, str] = {}
    for written in wanted:
        if written.count(",") == 1 and "@" not in written:
            last, first = written.split(",")
            flipped[written] = " ".join(f"{first} {last}".split())
    sought = wanted | set(flipped.values())
    for pid, given in known:
        for kind, value in given:
            key = " ".join((value or "").split()).lower()
            if key in sought and pid not in ids.get(key, []):
                ids.setdefault(key, []).append(pid)
                what[key] = kind
    unnamed = sorted(k for k in wanted if k not in ids and "@" not in k and " " in k)
    close = _close_names(unnamed, known) if unnamed else {}
    repeats: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for d in diags:
        if (k := email(d)) is not None and d.about is not None:
            repeats.setdefault((d.file, d.about[0], k), []).append(d)
    out = []
    for d in diags:
        if (found := email(d)) is None:
            out.append(d)
            continue
        key = found
        same = repeats[(d.file, d.about[0] if d.about else "", key)]
        if d is not same[0]:
            continue
        d = _more(d, same)
        owners = ids.get(key, [])
        if len(owners) == 1 and not re.fullmatch(SLUG_PATTERN, owners[0]):
            # The person's own id is refused too (`id: VERA`): the id it stands for is what
            # to write in both places, unless someone has it (then no id is made up).
            owner, kind = owners[0], what[key]
            meant = id_meant(owner)
            if meant is not None and (
                id_twin(meant, taken) is not None
                or sum(id_meant(o) == meant for o in (left_out or {})) > 1
            ):
                meant = None
            if meant is None:
                hint = (
                    f"that is the {kind} of the person with the id '{owner}', which is refused "
                    "too: correct that id, then give it here"
                )
            elif kind == "id":
                hint = (
                    f"ids are in lower case: write {meant} here, and for that person's own id "
                    f"'{owner}', which is refused too"
                )
            else:
                hint = (
                    f"that is the {kind} of the person with the id '{owner}', which is refused "
                    f"too: write {meant} as their id, and here"
                )
            d = replace(d, hint=hint)
        elif len(owners) == 1:
            pid, kind = owners[0], what[key]
            d = replace(
                d,
                hint=f"that is the {kind} of {pid}: a manager is given by id, so write {pid}"
                if kind != "id"
                else f"ids are in lower case: write {pid}",
            )
        elif owners:  # an address copied onto two people: which one is meant cannot be told
            both = "both" if len(owners) == 2 else "all"
            other = "other" if len(owners) == 2 else "others"
            fix = f", and correct the e-mail of the {other}" if what[key] == "e-mail" else ""
            d = replace(
                d,
                hint=f"{joined(owners)} {both} have that {what[key]}: give the manager's id{fix}",
            )
        elif key in flipped and what.get(flipped[key]) == "name":
            turned = ids[flipped[key]]
            d = replace(
                d,
                hint=f"written last name first: that is {turned[0]}: a manager is given by id, "
                f"so write {turned[0]}"
                if len(turned) == 1
                else f"written last name first: that is the name of {joined(turned)}: give the "
                "manager's id",
            )
        elif (near := close.get(key)) is not None:
            d = replace(d, hint=near)
        out.append(d)
    return out


def _more(d: Diagnostic, same: list[Diagnostic]) -> Diagnostic:
    """``d``, the first of ``same``, saying how many more there are and where: `r0x0,
    column ...` -> `r0x0 and 39 more (lines 5–43), column ...`."""
    if len(same) < 2:
        return d
    # A person of org.yaml is named before a colon (`owen: role: ...`), by a name that may
    # hold a comma (`Okafor, Jamal: role: ...`) where the id is refused.
    column = d.message.find(", column ")
    cut = column if column >= 0 else d.message.find(": ")
    where = others_at(d.file, [(x.file, x.line) for x in same[1:]])
    return replace(
        d, message=f"{d.message[:cut]} and {len(same) - 1} more ({where}){d.message[cut:]}"
    )


def _said_once(diags: list[Diagnostic]) -> list[Diagnostic]:
    """A role refused down many rows (an HR export's job title, `Account Executive`), and
    ids that are e-mail addresses, each said once per file, at the first row: an export
    repeats them on every row, and 1,500 messages would bury everything else. An e-mail
    id is told what to write instead."""

    def kind(d: Diagnostic) -> tuple[str, str, str] | None:
        if d.code != "MOR203" or d.about is None or "is not an id" not in d.message:
            return None
        key, value = d.about
        if key == "role":
            return (d.file, key, value)
        if key == "id" and "@" in value:
            return (d.file, key, "@")
        return None

    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for d in diags:
        if (k := kind(d)) is not None:
            groups.setdefault(k, []).append(d)
    out = []
    for d in diags:
        k = kind(d)
        if k is None:
            out.append(d)
            continue
        same = groups[k]
        if d is not same[0]:
            continue
        if k[1] == "id" and d.about is not None:
            value = d.about[1]
            local = id_meant(value.split("@")[0])
            such = f": {local} for {value}" if local else ""
            d = replace(
                d,
                message=re.sub(r" is not an id\b.*", " is an e-mail address, not an id", d.message),
                hint=f"ids are short names in lower case, such as the part before the @{such}; "
                "give managers by the same ids",
            )
        out.append(_more(d, same))
    return out


# A nickname in a name, as HR systems show it: `Olivia "Liv" Brown`, `Robert (Bob) Lee`.
_NICKNAME = re.compile(r"\s*(?:\"[^\"]*\"|“[^”]*”|\([^)]*\)|\[[^\]]*\])\s*")
_MOST_CLOSE = 50  # distinct names looked for at most: a roster of 90,000 is not read 90,000 times


def _plain_name(text: str) -> str:
    """A name as it is compared for closeness: without a nickname, accents, case or dots."""
    text = without_accents(_NICKNAME.sub(" ", text)).casefold()
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).split())


def _close_names(
    said: list[str], known: list[tuple[str, tuple[tuple[str, str | None], ...]]]
) -> dict[str, str]:
    """Hints for managers given by a full name that nobody has, where one person's is close:
    the same name without a nickname (`Olivia Brown`: `Olivia "Liv" Brown`), the same first
    and last names (`Olivia Jane Brown`), the name that an e-mail's local part spells
    (`Hamad Al Mansoori`: hamad.almansoori@), or a name nearly the same (difflib, 0.9, with
    no other name above 0.8). Only where exactly one person is close: between two, no
    guess."""
    by_plain: dict[str, set[str]] = {}
    by_ends: dict[tuple[str, str], set[str]] = {}
    by_letters: dict[str, set[str]] = {}
    for pid, given in known:
        for kind, value in given:
            if not value or kind == "id":
                continue
            if kind == "e-mail":
                letters = re.sub(r"[^a-z]", "", _plain_name(value.split("@")[0]))
                if len(letters) >= 4:
                    by_letters.setdefault(letters, set()).add(pid)
                continue
            plain = _plain_name(value)
            by_plain.setdefault(plain, set()).add(pid)
            if len(words := plain.split()) >= 2:
                by_ends.setdefault((words[0], words[-1]), set()).add(pid)
    names = {pid: dict(given) for pid, given in known}
    out: dict[str, str] = {}
    for key in said[:_MOST_CLOSE]:
        plain = _plain_name(key)
        words = plain.split()
        found = set(by_plain.get(plain, ()))
        if len(words) >= 2:
            found |= by_ends.get((words[0], words[-1]), set())
        # Nearly the same as one name, and not nearly as near another (Bob Le: Bob Lee
        # beside Bob Leee is no better a guess than the other).
        near = difflib.get_close_matches(plain, list(by_plain), n=2, cutoff=0.8)
        if len(near) > 1:
            continue
        if near and difflib.SequenceMatcher(None, plain, near[0]).ratio() >= 0.9:
            found |= by_plain[near[0]]
        by_mail = by_letters.get(re.sub(r"[^a-z]", "", plain), set()) if len(words) >= 2 else set()
        if len(found | by_mail) != 1:
            continue
        (pid,) = found | by_mail
        if not re.fullmatch(SLUG_PATTERN, pid):
            continue  # refused too: its own message says what to write
        if found:
            shown_as = f"the name of {pid} is {names[pid].get('name')}"
        else:
            shown_as = f"the e-mail of {pid}, {names[pid].get('e-mail')}, spells that name"
        out[key] = f"nobody has that name, but {shown_as}: if {pid} is the manager, write {pid}"
    return out


def _left_out(data: object, broken: set[str]) -> dict[str, object]:
    activities = data.get("activities") if isinstance(data, dict) else None
    if not isinstance(activities, dict):
        return {}
    return {str(k): v for k, v in activities.items() if f"activities.{k}" in broken}
