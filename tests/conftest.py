from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ACME = ROOT / "examples" / "acme"


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def morctl(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run morctl in a subprocess, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "morctl", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def acme_with_log(tmp_path: Path, name: str, text: str) -> Path:
    """A copy of the example workspace whose logs/ holds only ``name``, with ``text``."""
    import shutil

    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    (ws / "logs").mkdir()
    (ws / "logs" / name).write_text(text, encoding="utf-8")
    return ws


def acme_edited(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the example workspace with ``old`` replaced by ``new`` in ``file``."""
    import shutil

    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    text = (ws / file).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    (ws / file).write_text(text.replace(old, new), encoding="utf-8")
    return ws


def git(*args: str, cwd: Path) -> str:
    """Run git with a throwaway identity; its stdout. A failure shows git's own words."""
    proc = subprocess.run(
        ["git", "-c", "user.name=morctl tests", "-c", "user.email=tests@morctl.invalid", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture
def run_cli():
    return morctl
