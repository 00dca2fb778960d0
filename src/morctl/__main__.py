"""Entry point for ``python -m morctl`` and the ``morctl`` console script."""

from __future__ import annotations

import os
import sys


def _terminated(signum: int, frame: object) -> None:
    # `kill` (SIGTERM, a CI job cancelled) and a hang-up (SIGHUP, the terminal closed or
    # an SSH session dropped) unwind like Ctrl-C: temporary files are removed and no
    # output is left half-written.
    raise SystemExit(128 + signum)


def _on_termination() -> None:
    import signal

    from morctl.atomic import TERMINATING

    for signum in TERMINATING:
        signal.signal(signum, _terminated)


def _lean(argv: list[str]) -> bool:
    """Answer `morctl --help`, `morctl --version` and a plain `morctl validate` without
    loading the command line (typer and click are most of the start-up, and validate runs
    in every pre-commit and CI job); True when answered. The help is the text typer prints
    at 80 columns or more (morctl.helptext, checked by the tests); a narrower terminal,
    where click wraps it otherwise, goes the long way, and so does anything else."""
    if sys.stdout is None:  # closed (`>&-`): typer's way, as before
        return False
    if argv[:1] == ["validate"]:
        return _validate(argv[1:])
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


_VALIDATE_FORMATS = ("text", "json", "github")  # morctl.cli.ValidateFormat; a test checks


def _validate(args: list[str]) -> bool:
    """`morctl validate [WORKSPACE] [--format F | -f F | --format=F] [--strict |
    --no-strict] [--logs]`, each at most once, run as morctl.cli would run it. Anything
    else (--help, a value typer refuses, an option given twice, a path that starts with a
    dash) returns False, and typer answers it with its own messages."""
    workspace: str | None = None
    format: str | None = None
    strict: bool | None = None
    logs = False
    rest = iter(args)
    for arg in rest:
        if arg in ("--format", "-f") or arg.startswith("--format="):
            value = arg.partition("=")[2] if "=" in arg else next(rest, None)
            if format is not None or value not in _VALIDATE_FORMATS:
                return False
            format = value
        elif arg in ("--strict", "--no-strict") and strict is None:
            strict = arg == "--strict"
        elif arg == "--logs" and not logs:
            logs = True
        elif not arg.startswith("-") and workspace is None:
            workspace = arg
        else:
            return False
    _on_termination()
    from morctl import streams

    def run() -> int:
        from morctl import validate  # inside the runner: a failing import is a message too

        return validate.run(
            "." if workspace is None else workspace, format or "text", bool(strict), logs=logs
        )

    sys.exit(streams.call(run))


def main() -> None:
    # pydantic looks up plugins through package metadata on the first model it builds, a
    # noticeable share of a small command's start-up; a command-line tool needs none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        if _lean(sys.argv[1:]):
            sys.exit(0)
        _on_termination()
        # Ctrl-C while the command-line modules load, before any command runs.
        from morctl.cli import run
    except KeyboardInterrupt:
        sys.stderr.write("morctl: error: interrupted\n")
        sys.exit(130)
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
