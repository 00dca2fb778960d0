"""The progress bar of long work (DESIGN.md §5): shown on a terminal only, once the work
has taken more than a moment; the items pass through unchanged either way."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from morctl import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_off_a_terminal_and_the_items_handed_through(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    items = [1, 2, 3]
    assert progress.track(items, "matching completions") is items
    paths = [tmp_path / "a.csv"]
    assert progress.track_bytes(paths, "reading logs") is paths
    assert err.getvalue() == ""


def test_a_bar_on_a_terminal_once_the_work_takes_a_moment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    assert list(progress.track(["a", "b", "c"], "matching completions")) == ["a", "b", "c"]
    assert "matching completions" in err.getvalue()
    (tmp_path / "2026-10.csv").write_text("x" * 300, encoding="utf-8")
    (tmp_path / "2026-11.csv").write_text("x" * 100, encoding="utf-8")
    paths = sorted(tmp_path.iterdir()) + [tmp_path / "gone.csv"]  # the reader says why
    assert list(progress.track_bytes(paths, "reading logs")) == paths
    assert "reading logs" in err.getvalue()
