"""Standard output and error when writing fails, shared by the command line and the lean
`--help` / `--version` path of ``__main__`` (which must not import typer)."""

from __future__ import annotations

import errno
import os
import sys

# Errors of a write that cannot succeed (a full disk or /dev/full, a quota, a file too large,
# a device failing), as opposed to a bug.
WRITE_ERRORS = {
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name)
}


def discard_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit does not fail again
    on what is left in the buffer."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing is flushed at exit


def fail(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"morctl: error: {message}\n")
    if hint:
        sys.stderr.write(f"  hint: {hint}\n")


def cannot_write(exc: OSError) -> None:
    """Say that the output could not be written (the disk is full)."""
    discard_stdout()
    fail(f"cannot write output: {exc.strerror}", "free some space, or write elsewhere")
