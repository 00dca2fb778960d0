"""The example's logs are what their generator writes today.

Docs and tests quote figures from examples/acme; logs edited by hand, or a rhythm changed
without regenerating them, would let those figures drift from what the generator (and the
README's story of each manager) says.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ACME, ROOT


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_example_logs_are_what_the_generator_writes(tmp_path: Path) -> None:
    copy = tmp_path / "acme"
    shutil.copytree(ACME, copy, ignore=shutil.ignore_patterns("logs"))
    gen = ROOT / "examples" / "gen_acme_logs.py"
    proc = subprocess.run(
        [sys.executable, str(gen), str(copy)], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    made, committed = _files(copy / "logs"), _files(ACME / "logs")
    assert sorted(made) == sorted(committed)
    stale = [name for name in made if made[name] != committed[name]]
    assert not stale, f"regenerate with: python examples/gen_acme_logs.py ({stale})"
