"""The command line: parses options and calls command functions that return an exit code.

Only typer is imported at start-up; each command imports what it needs when it runs, so
``--help`` and small commands stay quick.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer

from morctl import __version__

app = typer.Typer(
    name="morctl",
    help="A sales Management Operating Rhythm as code: validate it, put it in managers' "
    "calendars and checklists, and report adherence.",
    epilog="Example: morctl validate examples/acme",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}

Workspace = Annotated[
    str, typer.Argument(help="The workspace folder (holds rhythm.yaml).", show_default=True)
]


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        print(f"morctl {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when something goes wrong.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _call(fn: Callable[[], int]) -> NoReturn:
    """Run a command; the one place where failures become messages and exit codes."""
    from morctl.errors import MorctlError

    try:
        code = fn()
    except MorctlError as exc:
        if _state["debug"]:
            raise
        _fail(exc.message, exc.hint)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _fail("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        raise typer.Exit(0) from None
    except Exception as exc:
        if _state["debug"]:
            raise
        _fail(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in morctl; run again with --debug and report the traceback",
        )
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def _fail(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"morctl: error: {message}\n")
    if hint:
        sys.stderr.write(f"  hint: {hint}\n")


@app.command(
    epilog="Examples:  morctl validate examples/acme   |   "
    "morctl validate . --format github --strict"
)
def validate(
    workspace: Workspace = ".",
    format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option(help="Fail (exit 1) on warnings too.")] = False,
) -> None:
    """Check rhythm.yaml and the roster: schema, references, the four-question admission
    test, load against capacity, coverage and calendar sanity.

    Exit 0 when clean, 1 on errors (or warnings with --strict), 2 on a usage error.
    """
    from morctl import validate as cmd

    _call(lambda: cmd.run(workspace, format.value, strict))


@app.command(epilog="Example:  morctl schema > rhythm.schema.json")
def schema() -> None:
    """Print the JSON Schema of rhythm.yaml, for editors (yaml-language-server)."""
    from morctl import schema as cmd

    _call(cmd.run)


def run(argv: list[str]) -> int:
    """Run the CLI with ``argv``; returns the exit code instead of exiting."""
    try:
        app(args=argv, prog_name="morctl")
    except SystemExit as exc:
        code: Any = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
