"""Entry point for ``python -m morctl`` and the ``morctl`` console script."""

from __future__ import annotations

import os
import sys


def _terminated(signum: int, frame: object) -> None:
    # `kill` (SIGTERM, a CI job cancelled) unwinds like Ctrl-C: temporary files are
    # removed and no output is left half-written.
    raise SystemExit(128 + signum)


def main() -> None:
    # pydantic looks up plugins through package metadata on the first model it builds, a
    # noticeable share of a small command's start-up; a command-line tool needs none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
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
