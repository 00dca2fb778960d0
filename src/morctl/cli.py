"""The command line: parses options and calls command functions that return an exit code.

Only typer is imported at start-up; each command imports what it needs when it runs, so
``--help`` and small commands stay quick.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer

from morctl import __version__
from morctl.streams import WRITE_ERRORS, call, cannot_write


def _examples(*lines: str) -> str:
    """A command's examples, one a line, kept as written (``\\b`` tells click not to
    rewrap the paragraph): a user copies them whole."""
    return (
        "\b\nExample"
        + ("s" if len(lines) > 1 else "")
        + ":\n"
        + "\n".join(f"  {line}" for line in lines)
    )


app = typer.Typer(
    name="morctl",
    help="A sales Management Operating Rhythm as code: validate it, put it in managers' "
    "calendars and checklists, and report adherence.",
    epilog=_examples(
        "morctl validate examples/acme",
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _Argument(typer.core.TyperArgument):
    """An argument listed by its name alone: `WORKSPACE  The workspace folder`, not
    `WORKSPACE <str>`, a programmer's word that tells a reader nothing."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Command(typer.core.TyperCommand):
    """Usage lines as the docs write them: `morctl diff [OPTIONS] OLD NEW`. Typer puts a
    required argument in braces, which read as a set of choices. ``needed`` names the
    arguments typer must take as optional (one that comes after an optional WORKSPACE)
    but that the command asks for: they are shown without brackets."""

    needed: frozenset[str] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is typer.core.TyperArgument:
                param.__class__ = _Argument  # typer has no setting for it

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _refuse_repeats(self, ctx, args)
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [
            p[1:-1] if (p[:1], p[-1:]) == ("{", "}") or p[1:-1] in self.needed else p
            for p in pieces
        ]


def _refuse_repeats(cmd: Any, ctx: Any, args: list[str]) -> None:
    """An option that takes one value, given twice with two values, is a usage error:
    click keeps the last without a word, and `log --with tom --with oliver` (one review
    held with two reps) would log oliver alone."""
    single = {
        name: param
        for param in cmd.params
        if param.param_type_name == "option"
        and not (param.is_flag or param.multiple or param.count)
        for name in param.opts
    }
    seen: dict[str, tuple[str, str]] = {}
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            break
        if arg.startswith("--"):
            name, eq, value = arg.partition("=")
        elif arg[:2] in single and len(arg) > 2:  # -ptomasz: a short option and its value
            name, eq, value = arg[:2], "=", arg[2:]
        else:
            name, eq, value = arg, "", ""
        if name not in single:
            continue
        if not eq:
            value = next(rest, "")
        param = single[name]
        said = seen.setdefault(param.name or name, (name, value))
        if said[1] != value:
            ctx.fail(f"{said[0]} is given twice ({said[1]!r}, then {value!r}): give it once")


class _LogCommand(_Command):
    needed = frozenset({"ACTIVITY"})


def command(
    cls: type[_Command] = _Command, **kwargs: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return app.command(cls=cls, **kwargs)


_state = {"debug": False}

Workspace = Annotated[
    str,
    typer.Argument(
        metavar="WORKSPACE", help="The workspace folder (holds rhythm.yaml).", show_default=True
    ),
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
    """Run a command (morctl.streams.call: failures become messages and exit codes)."""
    raise typer.Exit(call(fn, debug=_state["debug"]))


@command(
    epilog=_examples(
        "morctl validate examples/acme",
        "morctl validate . --format github --strict",
        "morctl validate . --logs",
    )
)
def validate(
    workspace: Workspace = ".",
    format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option(help="Fail (exit 1) on warnings too.")] = False,
    logs: Annotated[
        bool,
        typer.Option(
            "--logs", help="Also read logs/: each record a report cannot count is an error."
        ),
    ] = False,
) -> None:
    """Check rhythm.yaml and the roster: schema, references, the four-question admission
    test, load against capacity, coverage and calendar sanity.

    Exit 0 when clean, 1 on errors (or warnings with --strict), 2 on a usage error.
    """

    def go() -> int:
        from morctl import validate as cmd

        return cmd.run(workspace, format.value, strict, logs=logs)

    _call(go)


@command(
    epilog=_examples(
        "morctl schema > rhythm.schema.json",
    )
)
def schema() -> None:
    """Print the JSON Schema of rhythm.yaml, for editors (yaml-language-server)."""

    def go() -> int:
        from morctl import schema as cmd

        return cmd.run()

    _call(go)


class ExpandFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="First day (inclusive).")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Last day (inclusive).")
]
# expand has no default window (a year of a large org is millions of rows): both needed.
NeededFromOpt = Annotated[
    str | None,
    typer.Option("--from", metavar="YYYY-MM-DD", help="First day (inclusive). Required."),
]
NeededToOpt = Annotated[
    str | None,
    typer.Option("--to", metavar="YYYY-MM-DD", help="Last day (inclusive). Required."),
]
PersonOpt = Annotated[
    str | None,
    typer.Option("--person", "-p", metavar="ID", help="Only this person: id, name or e-mail."),
]


@command(
    epilog=_examples(
        "morctl expand examples/acme --from 2026-11-23 --to 2026-11-29",
        "morctl expand . --from 2026-01-01 --to 2026-12-31 --format csv > occurrences.csv",
    )
)
def expand(
    workspace: Workspace = ".",
    from_: NeededFromOpt = None,
    to: NeededToOpt = None,
    person: PersonOpt = None,
    format: Annotated[
        ExpandFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExpandFormat.table,
) -> None:
    """Every occurrence in a window (both days inclusive): scheduled, moved and excused.

    Days and times are the owner's, in their time zone (the table's zone column), and
    the window compares those days. With --person, what that person owns or attends.
    """

    def go() -> int:
        from morctl import export, window

        first, last = window.resolve(from_, to, offers=())
        return export.run(workspace, first, last, person, format.value)

    _call(go)


@command(
    epilog=_examples(
        "morctl calendar examples/acme --out calendars/",
        "morctl calendar . --out feeds --person priya --from 2026-12-01 --to 2027-11-30",
    )
)
def calendar(
    workspace: Workspace = ".",
    out: Annotated[
        str, typer.Option("--out", "-o", metavar="DIR", help="Folder for the .ics feeds.")
    ] = ...,  # type: ignore[assignment]
    person: PersonOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    expanded: Annotated[
        bool,
        typer.Option(help="Write every occurrence as its own event (no recurrence rules)."),
    ] = False,
) -> None:
    """Write one iCalendar feed (PERSON.ics) per person who owns or attends anything.

    Without --from/--to the window is the next 12 months. Regenerating into the same
    folder bumps SEQUENCE on changed events and publishes removed ones as cancelled.
    """

    def go() -> int:
        from morctl import clock, ical, window
        from morctl.errors import UsageError

        if not out.strip():  # `--out "$DIR"` with DIR unset would write into this folder
            raise UsageError("--out: give the folder for the feeds", "e.g. --out calendars/")
        default = window.next_twelve_months(clock.today())
        first, last = window.resolve(from_, to, default=default)
        return ical.run(workspace, out, first, last, person, expanded)

    _call(go)


class ChecklistFormat(StrEnum):
    md = "md"
    json = "json"


WeekOpt = Annotated[
    str | None, typer.Option("--week", "-w", metavar="YYYY-Www", help="An ISO week, e.g. 2026-W48.")
]


@command(
    epilog=_examples(
        "morctl checklist examples/acme --week 2026-W48 --person priya",
        "morctl checklist . --week 2026-W48 --person priya --out logs/priya-2026-W48.md",
        "morctl checklist . --from 2026-11-23 --to 2026-11-27 > week.md",
    )
)
def checklist(
    workspace: Workspace = ".",
    week: WeekOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    person: PersonOpt = None,
    format: Annotated[
        ChecklistFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ChecklistFormat.md,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write to a new file, in UTF-8 (- for stdout); never over an existing one.",
        ),
    ] = None,
) -> None:
    """What each owner has due: GitHub task lines per person and day, with the standard,
    the steps and how to log it.

    Tick a box ([x]) and keep the file under logs/ to record the occurrence as done.
    --week is read as the team's work week (from Sunday for a Sunday-to-Thursday
    workweek).
    """

    def go() -> int:
        from morctl import checklist as cmd
        from morctl import window
        from morctl.errors import UsageError

        if out is not None and not out.strip():
            raise UsageError("--out: give a file, or - for standard output")
        first, last = window.resolve(from_, to, week, offers=("--week",))
        path = None if out in (None, "-") else out
        return cmd.run(
            workspace, first, last, person, format.value, week=week is not None, out_path=path
        )

    _call(go)


@command(
    epilog=_examples(
        "morctl show examples/acme",
        "morctl show . --role manager",
        "morctl show . --person priya",
    )
)
def show(
    workspace: Workspace = ".",
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ROLE", help="Only this role.")
    ] = None,
    person: PersonOpt = None,
) -> None:
    """The rhythm as a week grid (days as columns, activities by time), the monthly,
    quarterly and yearly items with their next dates, and each owner's weekly load
    against capacity. With --person, also what that person attends in the next seven
    days, in their own time."""

    def go() -> int:
        from morctl import show as cmd

        return cmd.run(workspace, role, person)

    _call(go)


@command(
    cls=_LogCommand,
    epilog=_examples(
        "morctl log my-team pipeline_review --owner priya --with owen --useful 4 --actions 2",
        "morctl log my-team pipeline_review --owner priya --with owen --date 2026-11-30 "
        '--status skipped --reason "customer visit"',
        "morctl log my-team pipeline_review --owner Natarajan --with Hana   "
        "# a name only one person has",
    ),
)
def log(
    first: Annotated[
        str | None,
        typer.Argument(
            metavar="WORKSPACE", help="The workspace folder (default: .).", show_default=False
        ),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Argument(
            metavar="ACTIVITY", help="The activity id, from rhythm.yaml.", show_default=False
        ),
    ] = None,
    owner: Annotated[
        str,
        typer.Option("--owner", metavar="ID", help="Who ran it: id, name or e-mail."),
    ] = ...,  # type: ignore[assignment]
    with_: Annotated[
        str | None,
        typer.Option(
            "--with",
            metavar="ID",
            help="The rep (direct report) it was held with, for an each_report activity: "
            "id, name or e-mail.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="When it happened (default: today)."),
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", metavar="done|skipped", help="Default: done.")
    ] = None,
    useful: Annotated[
        str | None, typer.Option("--useful", metavar="1-5", help="How useful it was.")
    ] = None,
    actions: Annotated[
        str | None,
        typer.Option("--actions", metavar="N", help="How many dated actions it produced."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Free text; never reported.")
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="Why it was skipped (needed to skip)."),
    ] = None,
) -> None:
    """Append one completion to logs/YYYY-MM.csv (the month of --date), creating the file
    with its header.

    The row is checked exactly as the log readers check it (known activity and people,
    a real date, --useful 1-5, --actions 0 or more, a reason to skip) and a completion
    already logged is refused. --owner and --with take an id, a full name or e-mail, or
    a first or last name only one person has; the row holds the id. Logs may also be
    kept by hand under logs/ (CSV, JSONL, YAML, ticked checklists, calendar exports):
    morctl validate --logs checks them.
    """

    def go() -> int:
        from morctl import logcmd as cmd

        workspace, what = cmd.split_args(first, activity)
        return cmd.run(workspace, what, owner, with_, date, status, useful, actions, note, reason)

    _call(go)


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"


@command(
    epilog=_examples(
        "morctl report examples/acme --week 2026-W47",
        "morctl report . --month 2026-10 --format html --out reports/2026-10.html",
        "morctl report . --week 2026-W47 --team dana --fail-under 0.8   # exit 1 below 80%",
    )
)
def report(
    workspace: Workspace = ".",
    week: WeekOpt = None,
    month: Annotated[
        str | None, typer.Option("--month", "-m", metavar="YYYY-MM", help="A calendar month.")
    ] = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help=(
                "Judge the report as of this day (default: today): missed vs pending; "
                "completions dated later are not counted."
            ),
        ),
    ] = None,
    person: PersonOpt = None,
    team: Annotated[
        str | None,
        typer.Option(
            "--team",
            "-t",
            metavar="LEADER",
            help="A leader (id, name or e-mail) and everyone below.",
        ),
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.table,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write to a file (- for stdout)."),
    ] = None,
    fail_under: Annotated[
        str | None,
        typer.Option(
            "--fail-under", metavar="X", help="Exit 1 when anyone's adherence is below X (0-1)."
        ),
    ] = None,
) -> None:
    """Adherence per manager: what happened, on time or late, missed, excused, pending,
    and whether it was useful; worst first, with the spread across managers.

    Reads every log under logs/. Adherence is done / (done + missed): a meeting that the
    calendar excuses or that is logged skipped with a reason does not count, nor one whose
    period is not over by --as-of (pending).
    """

    def go() -> int:
        from morctl import report as cmd
        from morctl import window
        from morctl.errors import UsageError

        if out is not None and not out.strip():
            raise UsageError("--out: give a file, or - for standard output")
        first, last = window.resolve(from_, to, week, month)
        day = window.day(as_of, "--as-of") if as_of is not None else None
        threshold = None
        if fail_under is not None:
            try:
                threshold = float(fail_under)
            except ValueError:
                threshold = math.nan
            if not 0 <= threshold <= 1:
                raise UsageError(
                    f"--fail-under takes a share between 0 and 1, e.g. 0.8, not '{fail_under}'"
                )
        return cmd.run(workspace, first, last, day, person, team, format.value, out, threshold)

    _call(go)


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


@command(
    epilog=_examples(
        "morctl diff main:rhythm.yaml rhythm.yaml",
        "morctl diff old-workspace/ new-workspace/ --format md > comment.md",
        "morctl diff main:. . --days 365",
    )
)
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="Before: a workspace folder, a rhythm.yaml or org.yaml, or a git REV:path.",
        ),
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="After: same forms as OLD.")],
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    days: Annotated[
        str,
        typer.Option(
            "--days",
            metavar="N",
            help="Count occurrences in the next N days; --days 365 reaches as "
            "far as the calendar feeds.",
        ),
    ] = "90",
) -> None:
    """What a change to a rhythm does: activities added, removed and changed field by
    field, admission answers, load per role and person, occurrences in the next 90
    days (--days) added, removed and moved to another time, the logged completions
    (logs/) that reports would then reject, and the warnings that validate gives the
    new side and not the old.

    Exit 0 (a diff is information, even when a side does not validate); 1 only when a
    side is not there: no such folder or file, git revision or path at that revision.
    """

    def go() -> int:
        from morctl import diff as cmd
        from morctl.errors import UsageError

        n = int(days) if days.strip().isdigit() else 0
        if not 1 <= n <= cmd.MAX_DAYS:
            raise UsageError(
                f"--days takes a whole number of days from 1 to {cmd.MAX_DAYS}, e.g. 365, "
                f"not '{days}'"
            )
        return cmd.run(old, new, format.value, days=n)

    _call(go)


@command(
    epilog=_examples(
        "morctl init my-team",
        "morctl init my-team --template enterprise",
        "morctl init --list",
    )
)
def init(
    directory: Annotated[
        str | None, typer.Argument(metavar="DIR", help="The workspace folder, new or existing.")
    ] = None,
    template: Annotated[
        str, typer.Option("--template", "-t", metavar="NAME", help="The starter rhythm.")
    ] = "starter",
    list_: Annotated[bool, typer.Option("--list", help="List the templates.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing workspace.")
    ] = False,
) -> None:
    """Create a workspace from a starter rhythm: rhythm.yaml, a sample roster, an empty
    logs/ folder, a .gitignore, a .gitattributes and a README for the team (RHYTHM.md when
    the folder has a README already)."""

    def go() -> int:
        from morctl import templates as cmd

        return cmd.run(directory, template, list_, force)

    _call(go)


# Click's base of usage errors (wrong option, missing argument, bad value), which typer
# does not export under its own name.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def run(argv: list[str]) -> int:
    """Run the CLI with ``argv``; returns the exit code instead of exiting."""
    # `morctl validate . --debug`, as people add it to the command that just failed: click
    # takes it only before the command, so it is moved there (up to a `--`).
    end = argv.index("--") if "--" in argv else len(argv)
    if "--debug" in argv[1:end]:
        argv = ["--debug", *(a for a in argv[:end] if a != "--debug"), *argv[end:]]
    try:
        code: Any = app(args=argv, prog_name="morctl", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
    except typer.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Ctrl-C outside a command's run
            sys.stderr.write("morctl: error: interrupted\n")
            return 130
        sys.stderr.write("Aborted!\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("morctl: error: interrupted\n")
        return 130
    except OSError as exc:  # a help text or the version, to a full disk (commands: _call)
        if exc.errno not in WRITE_ERRORS:
            raise
        cannot_write(exc)
        return 1
    except _CLICK_ERROR as exc:
        # typer checks a choice (--format) through pydantic, which prefixes the message
        # with its own "Value error, ": a user reads "'xml' is not one of 'table', ...".
        message = getattr(exc, "message", None)
        if isinstance(message, str):
            exc.message = message.replace("Value error, ", "")  # type: ignore[attr-defined]
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", 2))
    return code if isinstance(code, int) else (0 if code is None else 1)
