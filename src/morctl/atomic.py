"""Atomic file writes: a temporary file in the same folder, then a rename, so an interrupted
run leaves the old file in place."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from morctl.errors import MorctlError


def _mode(target: Path) -> int:
    """A rewritten file keeps its permissions; a new one gets 0666 less the umask, as
    ``open`` would give it (``mkstemp`` makes its files private: 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def open_atomic(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """Write through the yielded handle; the file appears only if the block completes."""
    target = Path(path)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise MorctlError(
            f"cannot write {target}: {exc.strerror}", "check that the folder exists and is writable"
        ) from None
    try:
        os.chmod(tmp, _mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, text: str, newline: str | None = "") -> None:
    try:
        with open_atomic(path, newline=newline) as handle:
            handle.write(text)
    except OSError as exc:
        raise MorctlError(f"cannot write {path}: {exc.strerror}") from None
