"""Standard output and error, and running a command: the one place where failures become
messages and exit codes. Shared by the command line (morctl.cli) and the lean path of
``__main__`` (`--help`, `--version`, a plain `validate`), which must not import typer."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any

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


def _trace() -> None:
    import traceback

    traceback.print_exc()


def call(fn: Callable[[], int], debug: bool = False) -> int:
    """Run a command; its exit code, or a message on stderr and the code that goes with it.
    With ``debug``, an error's traceback is printed first; the message, its hint and the
    exit code stay what they are without it (a usage error is still 2)."""
    from morctl.errors import MorctlError

    tolerant_streams()
    try:
        code = fn()
        sys.stdout.flush()  # a full disk shows here, with a message, not at exit
        from morctl import holidaycache

        holidaycache.save()
    except MorctlError as exc:
        if debug:
            _trace()
        fail(exc.message, exc.hint)
        return exc.exit_code
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
    except BrokenPipeError:
        discard_stdout()
        return 0
    except OSError as exc:
        if debug:
            _trace()
        if exc.errno in WRITE_ERRORS:
            cannot_write(exc)
        else:
            # A path the system refuses where no command expected it (a name too long for
            # the file system, a link loop): what the system said, not a traceback.
            from morctl.diagnostics import clip, visible

            name = f" {clip(visible(str(exc.filename)), 120)}" if exc.filename is not None else ""
            fail(
                f"cannot use{name}: {exc.strerror or exc}",
                "check the path: a shorter name, a folder that exists, one you may read or write",
            )
        return 1
    except Exception as exc:
        if debug:
            _trace()
        fail(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in morctl; run again with --debug and report the traceback",
        )
        return 1
    return code


def tolerant_streams() -> None:
    """Output redirected to a file or a pipe is UTF-8, whatever the locale: `morctl
    checklist > logs/week.md` on Windows (cp1252) must read back, and every file morctl
    reads is UTF-8. PYTHONIOENCODING, when set, is the user's choice and is kept. Output
    never fails to encode: on a console or a redirect whose encoding lacks a character
    (cp1252, PYTHONIOENCODING=ascii), it is written as a \\u escape."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        redirected = stream is sys.stdout and not isatty(stream)
        if redirected and "PYTHONIOENCODING" not in os.environ:
            reconfigure(encoding="utf-8", errors="backslashreplace")
        else:
            reconfigure(errors="backslashreplace")


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError):
        return False
