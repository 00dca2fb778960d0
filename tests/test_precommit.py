"""The `morctl-validate` pre-commit hook, run the way a team runs it: `pre-commit try-repo`
against this repository, from a temporary git repository that holds a workspace.

`try-repo` installs the hook from a commit, so the repository (with the working tree's
uncommitted files) is cloned into a temporary folder and committed there; the real
repository is only read. The first run builds the hook's virtualenv (pip installs morctl),
so each run takes half a minute: the module runs it twice (valid, then invalid). Which
files trigger the hook is checked against its `files` pattern directly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BASE = DATA / "diff" / "base"


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository with the working tree's files committed on top."""
    clone = tmp_path_factory.mktemp("hook") / "morctl"
    git("clone", "--quiet", str(ROOT), str(clone), cwd=ROOT.parent)
    for name in git("ls-files", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\n"):
        source = ROOT / name
        if name and source.is_file():  # a tracked file deleted in the working tree is skipped
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    git("add", "--all", cwd=clone)
    git("commit", "--quiet", "--no-verify", "--allow-empty", "-m", "working tree", cwd=clone)
    return clone


def try_repo(hook_repo: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # try-repo builds the hook's environment in a store of its own each time (~30 s).
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MORCTL_TODAY", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "morctl-validate"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture
def team_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "rhythm"
    repo.mkdir()
    git("init", "--quiet", cwd=repo)
    for name in ("rhythm.yaml", "org.yaml"):
        shutil.copy2(BASE / name, repo / name)
    (repo / "README.md").write_text("Our sales operating rhythm.\n")
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--no-verify", "-m", "rhythm", cwd=repo)
    return repo


def test_hook_file_declares_morctl_validate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "morctl-validate"
    assert hook["entry"] == "morctl validate --logs"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("rhythm.yaml", "org.yaml", "org.csv", "logs/2026-03.csv", "emea/rhythm.yaml"):
        assert files.search(path), path
    for path in ("README.md", "rhythm.yaml.bak", "docs/logs.md", "catalogs/x.csv"):
        assert not files.search(path), path


def test_hook_passes_then_fails(hook_repo: Path, team_repo: Path) -> None:
    # A valid rhythm, staged: the hook runs and passes.
    rhythm = team_repo / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text().replace("capacity: 3h", "capacity: 4h"))
    git("add", "rhythm.yaml", cwd=team_repo)
    ok = try_repo(hook_repo, team_repo)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "morctl validate" in ok.stdout and "Passed" in ok.stdout

    # An invalid rhythm: the hook fails and prints the diagnostic, file:line:column.
    rhythm.write_text(rhythm.read_text().replace("for: 30m}", "for: 30 minutes}"))
    git("add", "rhythm.yaml", cwd=team_repo)
    bad = try_repo(hook_repo, team_repo)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "rhythm.yaml:28:" in bad.stdout and "MOR203" in bad.stdout
    assert "'30 minutes' is not a duration" in bad.stdout

    # The rhythm mended, a log row that no report could count: the hook checks logs too.
    rhythm.write_text(rhythm.read_text().replace("for: 30 minutes}", "for: 30m}"))
    (team_repo / "logs").mkdir()
    (team_repo / "logs" / "2026-11.csv").write_text(
        "date,activity,owner,with,status\n2026-02-30,pipeline_review,bob,,done\n"
    )
    git("add", "--all", cwd=team_repo)
    log = try_repo(hook_repo, team_repo)
    assert log.returncode == 1, log.stdout + log.stderr
    assert "logs/2026-11.csv:2:1: error MOR801 date: '2026-02-30' is not a real date" in log.stdout
