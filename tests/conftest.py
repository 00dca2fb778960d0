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


@pytest.fixture
def run_cli():
    return morctl
