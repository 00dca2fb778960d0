"""Entry point for ``python -m morctl`` and the ``morctl`` console script."""

from __future__ import annotations

import os
import sys


def _terminated(signum: int, frame: object) -> None:
    # `kill` (SIGTERM, a CI job cancelled) unwinds like Ctrl-C: temporary files are
    # removed and no output is left half-written.
    raise SystemExit(128 + signum)


def _lean(argv: list[str]) -> bool:
    """Answer `morctl --help` and `morctl --version` without loading the command line
    (typer and click are most of the start-up); True when answered. The help is the text
    typer prints at 80 columns or more (morctl.helptext, checked by the tests); a narrower
    terminal, where click wraps it otherwise, goes the long way."""
    if sys.stdout is None:  # closed (`>&-`): typer's way, as before
        return False
    if argv == ["--version"]:
        from morctl import __version__

        text = f"morctl {__version__}\n"
    elif argv in (["--help"], ["-h"]):
        import shutil

        if shutil.get_terminal_size().columns < 80:  # how click measures the width
            return False
        from morctl.helptext import MAIN

        text = MAIN
    else:
        return False
    from morctl import streams

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `morctl --help | head -3`
        streams.discard_stdout()
    except OSError as exc:
        if exc.errno not in streams.WRITE_ERRORS:
            raise
        streams.cannot_write(exc)
        sys.exit(1)
    return True


def main() -> None:
    # pydantic looks up plugins through package metadata on the first model it builds, a
    # noticeable share of a small command's start-up; a command-line tool needs none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        if _lean(sys.argv[1:]):
            sys.exit(0)
        import signal

        signal.signal(signal.SIGTERM, _terminated)
        # Ctrl-C while the command-line modules load, before any command runs.
        from morctl.cli import run
    except KeyboardInterrupt:
        sys.stderr.write("morctl: error: interrupted\n")
        sys.exit(130)
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
