"""Every `morctl` command shown in README.md and docs/*.md runs, and exits as the page says.

Commands are taken from fenced ```sh, ```bash, ```shell and ```console blocks: in a
console block the lines that start with `$ morctl`, elsewhere the lines that start with
`morctl` (after any `VAR=value` assignments, which are applied). A line ending in `\\`
continues on the next. Shell plumbing after the command (`| …`, `> file`, `&& …`) is not
run; morctl's own output is captured instead.

Each command runs in a fresh scratch folder, so that what it writes (`--out`, `log`,
`init`) never touches the repository: the folder is a copy of examples/acme (so `.` means
the Acme workspace), with copies of examples/, docs/examples/ and rhythms/ at their
repository paths beside it. A command that names a folder an earlier `morctl init` on the
same page creates gets that init run first. A command with a git `REV:path` side runs
read-only at the repository root, and is shown but not run when that revision and path do
not exist here (an illustration such as `main:rhythm.yaml`).

"Today" is pinned with MORCTL_TODAY=2026-11-23, the Monday after the example logs end.
A command must exit 0, or 1 where the page says it fails: a `# exits 1` comment on the
line, or in a console block, shown output with an `error MORnnn` diagnostic or a
`morctl: error:` message. Lines with placeholders (`DIR`, `WS`, `FILE`, `...`, `<…>`,
`[…]`, a lone capital like `--from D`) or a URL are shown, not run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, morctl

TODAY = "2026-11-23"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELLS = {"sh", "bash", "shell", "console"}
FENCE = re.compile(r"^([ \t]*)```([\w-]*)[^\n]*\n(.*?)^\1```", re.M | re.S)
EXPECT_FAIL = re.compile(r"#\s*exits?\s+1\b")
SHOWN_FAILURE = re.compile(r"\berror MOR\d{3}\b|^morctl: error:", re.M)
PLACEHOLDER = re.compile(
    r"\.\.\.|…|<[^>]*>|\[[^\]]*\]|\b(DIR|WS|FILE|OLD|NEW|REV|PATH|ACTIVITY)\b"
    r"|(?<=\s)[A-Z](?=\s|$)|\b(old|new)-workspace\b"
)
REVISION = re.compile(r"^(?!\d+:)[^/:\s]+:\S+$")  # HEAD:examples/acme, main:rhythm.yaml
SHELL_OPS = {"|", "||", ">", ">>", "<", "&&", "&", ";", "2>", "2>&1"}
SANDBOX_COPIES = ("examples", "docs/examples", "rhythms")


@dataclass
class Command:
    page: str
    line: int
    text: str  # the command as shown, without its comment
    argv: list[str]  # after `morctl`
    env: dict[str, str] = field(default_factory=dict)
    expect: int = 0
    skip: str | None = None
    problem: str | None = None  # the line cannot be read as a shell command


def _logical_lines(body: str) -> list[tuple[int, str]]:
    """(offset, line) pairs with backslash continuations joined."""
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for i, raw in enumerate(body.split("\n")):
        line = raw.strip()
        if pending is not None:
            start, text = pending
            line = text + " " + line
            i = start
        if line.endswith("\\"):
            pending = (i, line[:-1].rstrip())
            continue
        pending = None
        out.append((i, line))
    return out


def _parse(page: str, lineno: int, line: str, shown_failure: bool) -> Command | None:
    try:
        lexer = shlex.shlex(line, posix=True, punctuation_chars="|&;<>")
        lexer.whitespace_split = True
        tokens = list(lexer)
    except ValueError as exc:  # an unclosed quote: fail the test rather than skip the line
        if not line.startswith("morctl "):
            return None
        return Command(page, lineno, line, ["?"], problem=str(exc))
    env: dict[str, str] = {}
    while tokens and re.match(r"^[A-Z_][A-Z0-9_]*=", tokens[0]):
        name, _, value = tokens.pop(0).partition("=")
        env[name] = value
    if not tokens or tokens[0] != "morctl":
        return None
    argv: list[str] = []
    for tok in tokens[1:]:
        if tok in SHELL_OPS:
            break
        argv.append(tok)
    text = line.split(" #", 1)[0].strip()
    cmd = Command(page, lineno, text, argv, env)
    if EXPECT_FAIL.search(line) or shown_failure:
        cmd.expect = 1
    if PLACEHOLDER.search(text):
        cmd.skip = "placeholder"
    elif "://" in text:
        cmd.skip = "needs a network"
    else:
        for rev in (a for a in argv if REVISION.match(a)):
            if not _git_has(rev):
                cmd.skip = f"illustrative git revision {rev}"
    return cmd


def _git_has(rev: str) -> bool:
    if shutil.which("git") is None:
        return False
    found = subprocess.run(
        ["git", "cat-file", "-e", rev], cwd=ROOT, capture_output=True, check=False
    )
    return found.returncode == 0


def commands_in(path: Path) -> list[Command]:
    text = path.read_text(encoding="utf-8")
    page = path.relative_to(ROOT).as_posix()
    found: list[Command] = []
    for block in FENCE.finditer(text):
        if block[2] not in SHELLS:
            continue
        first_line = text.count("\n", 0, block.start(3)) + 1
        lines = _logical_lines(block[3])
        console = block[2] == "console"
        for n, (offset, line) in enumerate(lines):
            if console:
                if not line.startswith("$ "):
                    continue
                line = line[2:]
                output = []
                for _, later in lines[n + 1 :]:
                    if later.startswith("$ "):
                        break
                    output.append(later)
                shown_failure = bool(SHOWN_FAILURE.search("\n".join(output)))
            else:
                line = line.removeprefix("$ ")
                shown_failure = False
            cmd = _parse(page, first_line + offset, line, shown_failure)
            if cmd is not None:
                found.append(cmd)
    return found


ALL = [cmd for page in PAGES for cmd in commands_in(page)]


def _param(cmd: Command) -> object:
    name = cmd.argv[0] if cmd.argv else "morctl"
    marks = [pytest.mark.skip(reason=f"{cmd.skip}: {cmd.text}")] if cmd.skip else []
    return pytest.param(cmd, id=f"{cmd.page}:{cmd.line}:{name}", marks=marks)


def _sandbox(tmp: Path) -> Path:
    box = tmp / "sandbox"
    shutil.copytree(ROOT / "examples" / "acme", box)
    for rel in SANDBOX_COPIES:
        shutil.copytree(ROOT / rel, box / rel, dirs_exist_ok=True)
    return box


def _init_target(cmd: Command) -> str | None:
    """The folder a `morctl init` command creates, if it is one."""
    if not cmd.argv or cmd.argv[0] != "init":
        return None
    args = iter(cmd.argv[1:])
    for arg in args:
        if arg in ("--template", "-t"):
            next(args, None)  # the template's name, not the folder
        elif not arg.startswith("-"):
            return arg
    return None


def _prerequisites(cmd: Command) -> list[Command]:
    """Earlier `morctl init DIR` commands on the same page whose DIR this command uses."""
    needed = []
    for other in ALL:
        if other.page != cmd.page or other.line >= cmd.line or other.skip:
            continue
        target = _init_target(other)
        if target and any(a == target or a.startswith(target.rstrip("/") + "/") for a in cmd.argv):
            needed.append(other)
    return needed


def _run(cmd: Command, cwd: Path) -> tuple[int, str, str]:
    """Run a command in a subprocess, as a reader would type it."""
    env = {**os.environ, "MORCTL_TODAY": TODAY, "NO_COLOR": "1", **cmd.env}
    r = morctl(*cmd.argv, cwd=cwd, env=env)
    return r.code, r.out, r.err


def test_the_pages_show_commands() -> None:
    # Guards the extraction: the README tour alone shows ten commands.
    pages = {c.page for c in ALL}
    assert "README.md" in pages and "docs/getting-started.md" in pages
    assert sum(c.page == "README.md" for c in ALL) >= 10


@pytest.mark.parametrize("cmd", [_param(c) for c in ALL])
def test_documented_command(cmd: Command, tmp_path: Path) -> None:
    assert cmd.problem is None, f"{cmd.page}:{cmd.line}: {cmd.problem}: {cmd.text}"
    if any(REVISION.match(a) for a in cmd.argv):
        # Reads git: run where the repository is. Only `diff` takes revisions, and it
        # writes nothing.
        assert cmd.argv[0] == "diff", cmd.text
        cwd = ROOT
    else:
        cwd = _sandbox(tmp_path)
        for before in _prerequisites(cmd):
            code, _, err = _run(before, cwd)
            assert code == 0, f"{before.page}:{before.line}: {before.text}\n{err}"
    code, out, err = _run(cmd, cwd)
    where = f"{cmd.page}:{cmd.line}: {cmd.text}"
    assert "Traceback" not in err, f"{where}\n{err}"
    assert "internal error" not in err, f"{where}\n{err}"
    assert code == cmd.expect, f"{where}\nexit {code}, expected {cmd.expect}\n{err}{out[-2000:]}"
