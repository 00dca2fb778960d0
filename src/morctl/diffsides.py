"""The two sides of `morctl diff`: a workspace folder, a rhythm file, or a git ``REV:path``.

A git side is read with ``git show`` into a temporary folder and loaded like any workspace;
diagnostics are then renamed back to ``REV:path/FILE``, so errors name what the user typed.
A rhythm file brings the roster files beside it (org.yaml, org.csv), so that
``morctl diff main:rhythm.yaml rhythm.yaml`` compares like with like; a roster file stands
for the workspace around it (``morctl diff main:org.yaml org.yaml``).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import NoReturn

from morctl.atomic import dead_link
from morctl.diagnostics import Diagnostic
from morctl.errors import MorctlError
from morctl.validate import validate_workspace
from morctl.workspace import RHYTHM_FILE, Workspace

ROSTER_FILES = ("org.yaml", "org.csv")
FORMS = "a workspace folder, a rhythm.yaml, or a git REV:path such as main:rhythm.yaml"


@dataclass(frozen=True)
class Side:
    """One side of a diff: what the user typed, the workspace (None when nothing could be
    built from it) and every diagnostic, with file names as the user knows them."""

    label: str
    workspace: Workspace | None
    diagnostics: tuple[Diagnostic, ...]
    # A REV:path that did not exist at that revision but does now: the change adds it.
    absent: bool = False
    # The folder the side's files are in on disk, whose logs/ diff reads; None for a git side.
    folder: str | None = None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")


def read_side(arg: str, new: bool = False) -> Side:
    """Read one side; MorctlError when it does not exist or git cannot produce it. The old
    side may be a REV:path that the change adds (absent at REV, in the working tree)."""
    if os.path.isdir(arg):
        if not os.path.isfile(os.path.join(arg, RHYTHM_FILE)):
            from morctl.workspace import workspace_above, workspace_below_hint

            # `morctl diff . main:rhythm.yaml` at a repository's root, or in the workspace's
            # logs/: as every other command says of a folder with a workspace below or above.
            above = workspace_above(arg)
            hint = workspace_below_hint(arg) or (
                f"the workspace is {above} ({RHYTHM_FILE} is there): did you mean '{above}'?"
                if above is not None
                else f"give {FORMS}"
            )
            raise MorctlError(f"no {RHYTHM_FILE} in '{arg}'", hint)
        return replace(_load(arg, arg, {}), folder=arg)
    if os.path.isfile(arg):
        folder = os.path.dirname(arg) or "."
        return replace(_file_side(arg, folder), folder=folder)
    if ":" in arg:
        return _git_side(arg, new)
    if os.path.exists(arg):  # /dev/null, a pipe: there, but no rhythm can be in it
        raise MorctlError(f"'{arg}' is not a file or a folder", f"give {FORMS}")
    if why := dead_link(arg):
        raise MorctlError(f"'{arg}' is {why}", f"give {FORMS}")
    if _is_revision(arg):
        # `morctl diff HEAD~1 HEAD`, as one would write git diff: a side read from git
        # needs the path of the workspace at that revision too.
        raise MorctlError(
            f"'{arg}' is a git revision, not a folder or file",
            f"write `{arg}:.` (a revision and the workspace's path in it; `.` is the "
            "current folder)",
        )
    from morctl.workspace import near_folder

    # `morctl diff my-tem my-team`: as every other command says of a mistyped workspace.
    near = near_folder(arg)
    raise MorctlError(
        f"'{arg}' does not exist", f"did you mean '{near}'?" if near else f"give {FORMS}"
    )


def _file_side(arg: str, folder: str) -> Side:
    """A side given as a file: a roster or a rhythm.yaml stands for its workspace; a rhythm
    under another name (before.yaml) is read with the roster files beside it."""
    if os.path.basename(arg) in ROSTER_FILES:
        # A roster change: compare the workspace around it.
        if not os.path.isfile(os.path.join(folder, RHYTHM_FILE)):
            raise MorctlError(
                f"no {RHYTHM_FILE} beside '{arg}'", f"give the workspace folder; {FORMS}"
            )
        return _load(arg, folder, {})
    if os.path.basename(arg) == RHYTHM_FILE:
        return _load(arg, folder, {})
    files = {RHYTHM_FILE: _read_file(arg)}
    names = {RHYTHM_FILE: arg}
    for name in ROSTER_FILES:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            files[name], names[name] = _read_file(path), path
    return _materialized(arg, files, names)


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise MorctlError(f"cannot read '{path}': {exc.strerror}") from None


def _load(label: str, root: str, names: dict[str, str]) -> Side:
    """Load and validate the workspace at ``root``; ``names`` renames its files."""
    # With the date checks, as `validate` runs them: the warnings a change brings (an
    # overlap, a meeting at night for a report abroad) are most of them date checks.
    result = validate_workspace(root)
    renamed = {os.path.normpath(os.path.join(root, k)): v for k, v in names.items()}

    def shown(text: str) -> str:
        # A message may name another file too ("first at org.yaml:10"): never the
        # temporary folder a git side is read from, which differs from run to run.
        for path, name in renamed.items():
            text = text.replace(path, name)
        return text

    diags = tuple(
        replace(
            d,
            file=renamed.get(d.file, d.file),
            message=shown(d.message),
            hint=shown(d.hint) if d.hint else d.hint,
        )
        for d in result.diagnostics
    )
    return Side(label, result.workspace, diags)


def _materialized(label: str, files: dict[str, bytes], names: dict[str, str]) -> Side:
    folder = tempfile.mkdtemp(prefix="morctl-diff-")
    try:
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        return _load(label, folder, names)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- git -------------------------------------------------------------------------------


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise MorctlError(
            "git is not installed, so a REV:path side cannot be read",
            "install git, or give a workspace folder or a rhythm.yaml",
        ) from None


def _git_side(arg: str, new: bool) -> Side:
    rev, _, given = arg.partition(":")
    path = _tidy(given)
    if _git("rev-parse", "--git-dir").returncode != 0:
        raise MorctlError(
            f"'{arg}' is not a file or folder, and the current folder is not in a git "
            "repository to read it from",
            f"give {FORMS}; run REV:path sides from inside the repository",
        )
    if posixpath.isabs(given) or os.path.isabs(given):
        _absolute(arg, rev, given)
    if _outside(given):
        # git cannot read it at any revision; the files on disk there are another
        # workspace, not one that this change adds.
        raise MorctlError(
            f"'{given}' is outside the git repository of the current folder (in '{arg}')",
            "a REV:path side is read from this repository; give a workspace elsewhere as a "
            "folder or file, or run the diff from inside its own repository",
        )
    if rev and _git("rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}").returncode != 0:
        if _git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
            # `git init` and no commit yet: nothing to compare with, and CI is not the cause.
            raise MorctlError(
                f"'{rev}' is not a revision: this git repository has no commit yet (in '{arg}')",
                'commit the workspace first (git add -A && git commit -m "Start the rhythm"), '
                "then diff your edits against it",
            )
        raise MorctlError(
            f"'{rev}' is not a revision of this git repository (in '{arg}')",
            "check the branch, tag or commit; in CI fetch the history "
            "(actions/checkout with fetch-depth: 0, or git fetch origin main)",
        )
    if posixpath.basename(path) in ROSTER_FILES:
        # A roster change: its workspace (the roster may be new, or another file, at REV).
        path = _tidy(posixpath.dirname(path))  # ./org.yaml: ./ (git does not read '.')
    kind = _object_type(f"{rev}:{path}")
    if kind == "tree":
        names = {name: posixpath.join(path, name) for name in (RHYTHM_FILE, *ROSTER_FILES)}
        if _object_type(f"{rev}:{names[RHYTHM_FILE]}") != "blob":
            if not new and _added_since(path, RHYTHM_FILE):
                return Side(arg, None, (), absent=True)
            raise MorctlError(f"no {RHYTHM_FILE} in '{arg}'", f"give {FORMS}")
    elif kind == "blob":
        folder = posixpath.dirname(path)
        names = {RHYTHM_FILE: path}
        names.update({name: posixpath.join(folder, name) for name in ROSTER_FILES})
    elif not new and _added_since(path):
        return Side(arg, None, (), absent=True)  # the change adds the rhythm: all of it is new
    else:
        where = f"at revision '{rev}'" if rev else "in the git index"
        raise MorctlError(
            f"'{path or '.'}' does not exist {where} (in '{arg}')",
            "paths after ':' count from the top of the repository; start them with ./ to "
            "count from the current folder",
        )
    files: dict[str, bytes] = {}
    shown: dict[str, str] = {}
    for name, inner in names.items():
        if name != RHYTHM_FILE and _object_type(f"{rev}:{inner}") != "blob":
            continue
        files[name] = _show(f"{rev}:{inner}")
        shown[name] = f"{rev}:{inner}"
    return _materialized(arg, files, shown)


def _absolute(arg: str, rev: str, given: str) -> NoReturn:
    """Refuse an absolute path after ':': git reads none at any revision, but one on disk
    was taken for a rhythm the change adds ("a new rhythm", every change hidden)."""
    top = _git("rev-parse", "--show-toplevel").stdout.decode().strip()
    inside = os.path.relpath(os.path.realpath(given), os.path.realpath(top)) if top else ".."
    if inside == ".." or inside.startswith(".." + os.sep):
        hint = (
            "it is outside this repository: give a workspace elsewhere as a folder or file, "
            "without a revision"
        )
    elif inside == ".":
        hint = f"write '{rev}:' (the top of the repository)"
    else:
        hint = f"write '{rev}:{PurePath(inside).as_posix()}'"
    raise MorctlError(
        f"'{given}' is an absolute path (in '{arg}'): paths after ':' count from the top of "
        "the repository",
        hint,
    )


def _is_revision(arg: str) -> bool:
    """Whether ``arg`` names a commit of the repository of the current folder; False when
    there is no git, or no repository here (then it is only a missing folder)."""
    if not arg or arg.startswith("-"):  # never an option to git
        return False
    try:
        done = _git("rev-parse", "--verify", "--quiet", f"{arg}^{{tree}}")
    except MorctlError:  # git is not installed
        return False
    return done.returncode == 0


def _tidy(path: str) -> str:
    """A path after ':' as git reads it: git takes ``./`` and ``../`` as counting from the
    current folder, but not ``.`` alone, nor ``.`` or ``..`` inside a path (``HEAD:.``
    would be 'not in HEAD', and the whole rhythm taken for new)."""
    if not path:
        return path
    here = path in (".", "..") or path.startswith(("./", "../"))
    tidy = posixpath.normpath(path)
    if not here:
        return "" if tidy == "." else tidy
    if tidy == ".":
        return "./"
    if tidy == "..":
        return "../"
    return tidy if tidy.startswith("../") else "./" + tidy


def _outside(path: str) -> bool:
    """Whether a path after ':' leads out of the repository: ``../`` past its top, counted
    from the current folder (``./``, ``../``) or from the top."""
    here = path in (".", "..") or path.startswith(("./", "../"))
    if here:
        prefix = _git("rev-parse", "--show-prefix").stdout.decode().strip()
        path = prefix + path
    tidy = posixpath.normpath(path) if path else "."
    return tidy == ".." or tidy.startswith("../")


def _added_since(path: str, inner: str = "") -> bool:
    """Whether a path missing at a revision is in the working tree: the change adds it
    (the pull request that brings the rhythm in), rather than a mistyped path. Paths after
    ':' count from the top of the repository, or from the current folder with ./ or ../."""
    if path.startswith(("./", "../")):
        base = "."
    else:
        top = _git("rev-parse", "--show-toplevel")
        if top.returncode != 0:
            return False
        base = top.stdout.decode().strip()
    found = os.path.join(base, path, inner) if inner else os.path.join(base, path)
    if os.path.isdir(found):
        found = os.path.join(found, RHYTHM_FILE)
    return os.path.isfile(found)


def _object_type(spec: str) -> str | None:
    done = _git("cat-file", "-t", spec)
    return done.stdout.decode().strip() if done.returncode == 0 else None


def _show(spec: str) -> bytes:
    done = _git("show", spec)
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise MorctlError(f"git show {spec} failed: {detail[0] if detail else 'no output'}")
    return done.stdout
