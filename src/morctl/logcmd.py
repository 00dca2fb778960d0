"""`morctl log`: append one completion to ``logs/YYYY-MM.csv``.

The row goes through the same :class:`~morctl.logcheck.Checker` as every log reader, so
`log` refuses exactly what a report would reject. The month file is rewritten atomically
(its old bytes plus the new row, to a temporary file, then renamed).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from morctl import clock, people
from morctl.atomic import dead_link, sweep, write_atomic
from morctl.completion import Completion, Reason
from morctl.diagnostics import one_line
from morctl.errors import MorctlError, UsageError
from morctl.export import defuse
from morctl.logcheck import FIELDS, LINE_END, Checker, Results, bad_text
from morctl.logcsv import dialect, header_layout, header_line
from morctl.unmatched import (
    after_end,
    all_taken,
    before_start,
    excused_all,
    excused_day,
    nearest,
    no_meeting,
    not_theirs,
    others_taken,
    outside_team,
    period_words,
)
from morctl.workspace import Workspace

if TYPE_CHECKING:
    from morctl.expand import Engine


def split_args(first: str | None, second: str | None) -> tuple[str, str]:
    """``[WS] ACTIVITY`` → (workspace, activity)."""
    if second is not None and first is not None:
        return first, second
    if first is not None:
        if (Path(first) / "rhythm.yaml").is_file() and not Path("rhythm.yaml").is_file():
            # `morctl log my-team --owner priya`: the one name given is the workspace.
            raise UsageError(
                f"missing ACTIVITY: '{first}' is the workspace; give the activity after it",
                f"e.g. morctl log {first} pipeline_review --owner priya --with oliver",
            )
        return ".", first
    raise UsageError(
        "missing ACTIVITY: which activity to log",
        "e.g. morctl log . pipeline_review --owner priya --with oliver",
    )


def _layout(path: Path, display: str) -> tuple[str, list[str], str, str]:
    """An existing month file's text, its column names, its line end and its separator (a
    spreadsheet in a European locale saves `;`): the new row is written in the file's own
    dialect, so that it stays one file to morctl and to the spreadsheet."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise MorctlError(
            f"cannot append to {display}: it is not UTF-8 text", "save it as UTF-8 first"
        ) from None
    except OSError as exc:
        raise MorctlError(f"cannot read {display}: {exc.strerror}") from None
    body = text.removeprefix("\ufeff")
    if not body.strip():  # created empty (or by a spreadsheet, with only a BOM)
        return text[: len(text) - len(body)] + ",".join(FIELDS) + "\n", list(FIELDS), "\n", ","
    sep, declared = dialect(io.StringIO(body, newline=""))
    reader = csv.reader(islice(io.StringIO(body, newline=""), declared, None), delimiter=sep)
    try:
        header = next((row for row in reader if any(c.strip() for c in row)), [])
    except csv.Error:
        header = []
    # The readers' own header check: a file they would refuse gets no row it would lose.
    made = header_layout(header, display, 1 + declared, Results(), sep)
    if isinstance(made, str):
        hint = f"start the file with the header {header_line(sep)}, or move it aside"
        raise MorctlError(f"cannot append to {display}: {made}", hint)
    if (opened := _open_quote(body, sep)) is not None:
        # morctl's reader resumes after it, but to the csv module and to spreadsheets the
        # new row would be more of that cell: the file, corrupt for them, would stay so.
        raise MorctlError(
            f"cannot append to {display}: its line {opened} opens a quote it never closes, "
            "and a spreadsheet would read the new row into that cell",
            f'close the quote on line {opened} (a " at the end of the cell), or mend the file '
            "in a spreadsheet, then log again",
        )
    first = LINE_END.search(text)
    newline = first.group() if first else "\n"
    if not text.endswith(("\n", "\r")):
        text += newline
    return text, [c.strip().lower() for c in header], newline, sep


# A row after the file's last: read as one of its own only when no quote is left open.
_PROBE = "morctl-probe"


def _open_quote(body: str, sep: str = ",") -> int | None:
    """The line of a quote the file ``body`` opens and never closes, as the csv module and
    spreadsheets read quotes (one opens a cell that starts with it; a cell closed, the
    rest of its text is kept): None when every quote is closed. Told by a row after the
    file's last, which an open quote takes into its cell."""
    # On a line of its own: a last line `"` with no line end would take the probe as text.
    end = [] if body.endswith(("\n", "\r")) else ["\n"]
    reader = csv.reader(chain(io.StringIO(body, newline=""), end, [_PROBE]), delimiter=sep)
    row: list[str] = []
    start = after = 1  # the line the row read starts on, and the line after it
    try:
        for row in reader:
            if row == [_PROBE]:
                return None
            start, after = after, reader.line_num + 1
    except csv.Error:  # a cell over the readers' 10 MB, which they report
        return None
    # The open cell is the last of its row; the cells before it may run over lines too.
    return start + sum(len(LINE_END.findall(cell)) for cell in row[:-1])


def _row(c: Completion, names: list[str], display: str) -> list[str]:
    values = {
        "date": c.day.isoformat(),
        "activity": c.activity,
        "owner": c.owner,
        "with": c.with_ or "",
        "status": c.status,
        "useful": "" if c.useful is None else str(c.useful),
        "actions": "" if c.actions is None else str(c.actions),
        # Free text goes into a file people open in spreadsheets: no formulas.
        "note": defuse(c.note or ""),
        "reason": defuse(c.reason or ""),
    }
    # Without a status column a row is done, so only a skip needs the column.
    lost = [
        f"--{n}" for n, v in values.items() if v and n not in names and (n, v) != ("status", "done")
    ]
    if lost:
        import difflib

        # A column the readers do not know may be the one meant: `usefull` for useful.
        strays = [n for n in names if n not in FIELDS]
        near = [
            f"'{close[0]}' is probably {o[2:]}"
            for o in lost
            if (close := difflib.get_close_matches(o[2:], strays, n=1, cutoff=0.7))
        ]
        raise MorctlError(
            f"cannot append to {display}: it has no column for {', '.join(lost)}",
            f"its column {'; '.join(near)}: rename it in the header"
            if near
            else f"add the column to its header ({','.join(FIELDS)})",
        )
    return [values.get(n, "") for n in names]


_NO_ID = "nobody in the roster has the id '"
_NO_ID_OR_NAME = "nobody in the roster has the id or name '"


def _hint(ws: Workspace, why: str) -> str | None:
    """What to do about a refused row, in the options of `morctl log`; none when the
    message already says it ("did you mean ...", "write the date alone: ...")."""
    if "did you mean" in why or "write the date alone" in why:
        return None
    field = why.split(":", 1)[0]
    if field == "activity":
        ids = sorted(ws.rhythm.activities)
        return f"the activities are: {', '.join(ids[:12])}{' …' if len(ids) > 12 else ''}"
    if field in ("owner", "with") and "nobody in the roster" in why:
        return people.NAMING
    if field == "with" and "missing" in why:
        return "add --with ID, the rep it was held with"
    if field == "with" and "given, but" in why:
        # The reason speaks of the CSV cell; at the command line the fix is the option.
        return "leave out --with: this activity is not logged per rep (a name can go in --note)"
    return {
        "useful": "--useful takes a whole number from 1 to 5",
        "actions": "--actions takes a whole number, 0 or more",
        "date": "--date takes YYYY-MM-DD",
        "status": "--status takes done or skipped",
    }.get(field) or ("add --reason '...'" if "needs a reason" in why else None)


def _closest(ws: Workspace, reason: Reason, typed: dict[str, str | None]) -> str | None:
    """For an --owner or --with that is nobody and has no did-you-mean of its own (the
    row's check offers ids alone): the person whose id or name is closest to ``typed``,
    the option's value as given (`Hughs`: oliver, Oliver Hughes)."""
    lost = [
        typed[p.field] or ""
        for p in reason.problems
        if p.field in typed and "nobody in the roster" in str(p) and "did you mean" not in str(p)
    ]
    return next((close for value in lost if (close := people.near(ws, value))), None)


def _as_id(ws: Workspace, option: str, value: str, shared: list[str], said: list[str]) -> str:
    """The id of the person an option names, found as every command finds one
    (`people.find`: id, full name or e-mail, a first or last name only one person has).
    A name several people share is added to ``shared``: which of them is meant cannot be
    told. A person found by anything but their id is added to ``said``, for the
    confirmation to name them: a wrong guess shows. Nobody is left to the row's check,
    which says so with the record's other problems, as the readers do."""
    found = people.find(ws, value)
    if len(found) > 1:
        shared.append(f"{option}: {people.shared(value, found)}")
    if len(found) != 1:
        return value
    if value.strip() != found[0].id:
        said.append(f"{'by' if option == '--owner' else 'with'} {people.shown(found[0])}")
    return found[0].id


def run(
    root: str,
    activity: str,
    owner: str,
    with_: str | None,
    day: str | None,
    status: str | None,
    useful: str | None,
    actions: str | None,
    note: str | None,
    reason: str | None,
) -> int:
    from morctl.validate import require_valid

    given = {"--owner": owner, "--with": with_, "--date": day, "--status": status,
             "--useful": useful, "--actions": actions}  # fmt: skip
    for option, value in given.items():
        if value is not None and not value.strip():
            # `--useful "$RATING"` with the variable unset: a meeting logged done, unrated.
            raise UsageError(
                f"{option} is empty (an unset shell variable?)",
                f"give a value, or leave out {option}",
            )
    ws = require_valid(root, command=("log", shlex.quote(activity), "…"))
    shared: list[str] = []
    said: list[str] = []
    typed = {"owner": owner, "with": with_}
    owner = _as_id(ws, "--owner", owner, shared, said)
    with_ = _as_id(ws, "--with", with_, shared, said) if with_ is not None else None
    if shared:
        raise MorctlError(
            f"not logged: {'; '.join(shared)}", "give the id of the one meant, as the roster has it"
        )
    # Today where the owner is: a manager in Sydney logs Monday's meeting on Monday, even
    # through a server whose clock is still on Sunday.
    person = ws.by_id.get((owner or "").strip())
    today = clock.today(ws.timezone_of(person) if person else None)
    when = day if day is not None else today.isoformat()
    # Line breaks in free text are kept as LF: a lone CR is a line end to CSV readers.
    note, reason = (LINE_END.sub("\n", t) if t else t for t in (note, reason))
    cells = (when, activity, owner, with_, status, useful, actions, note, reason)
    row = tuple(v or "" for v in cells)
    folder = Path(root) / "logs"
    if bad := bad_text(row):
        raise MorctlError(
            f"not logged: a value {bad.removesuffix('; save the file as UTF-8')}",
            "check the terminal's encoding (it should be UTF-8)",
        )
    if (status or "done").strip().lower() == "done" and (reason or "").strip():
        # Most likely a skip with --status left out: logged done, a meeting called off
        # would count as held. The readers reject such a row too; said here in the words
        # of the options.
        raise MorctlError(
            "not logged: --reason says why a meeting did not happen, and this one is logged done",
            "add --status skipped to log it called off; for a remark on a meeting held, use --note",
        )
    checked = Checker(ws).check(row, "", 0)
    if isinstance(checked, Reason):
        # As the readers show a reason: a control character typed or passed through (an
        # escape sequence) is shown as �, not sent to the terminal.
        # --owner and --with take a name too (`people.find`): the row's check, which speaks
        # of a log file's cell, says "the id" alone.
        reason = str(checked).replace(_NO_ID, _NO_ID_OR_NAME)
        hint = _closest(ws, checked, typed) or _hint(ws, reason)
        raise MorctlError(f"not logged: {one_line(reason)}", hint)
    if checked.day > today and checked.status == "done":
        # A meeting is done once it has happened; a report would leave this row out until
        # its day (docs/adherence.md). A skip may be logged ahead: the meeting is off.
        where = f"{person.id}'s time zone, {ws.timezone_of(person)}" if person else "here"
        raise MorctlError(
            f"not logged: {checked.day} is after today in {where} ({today}); a meeting is "
            "logged done once it has happened",
            "is the date mistyped? Once the day has begun there, it can be logged. To call "
            "off a meeting ahead, log it with --status skipped --reason '...'",
        )
    if why := dead_link(folder):
        raise MorctlError(
            f"not logged: {os.path.normpath(str(folder))} is {why}",
            "mount the shared folder the link points to, or point the link at one that exists",
        )
    month = _month_file(folder, f"{checked.day:%Y-%m}.csv")
    if why := dead_link(month):
        # A month file linked from a shared drive that is not mounted: writing through the
        # link would make its folders here, and the row would never reach the drive.
        raise MorctlError(
            f"not logged: {os.path.normpath(str(month))} is {why}",
            "mount the shared folder the link points to, or point the link at one that exists",
        )
    if month.is_dir():  # said "cannot read ...: Is a directory", with nothing to do about it
        raise MorctlError(
            f"not logged: {os.path.normpath(str(month))} is a folder, and the month's rows are "
            "written to a file of that name",
            "move the folder out of logs/, or rename it, then log again",
        )
    # A done of today whose meeting starts later: most likely logged ahead by mistake, but
    # it may have been held earlier than planned, which no row can tell apart, so it is
    # written with a warning (a later day, which cannot have been held yet, is refused).
    early = _not_begun(ws, checked) if checked.day == today and checked.status == "done" else None
    with _one_at_a_time(_written_in(month)):
        return _append(ws, month, checked, today, " ".join(said), early)


def _not_begun(ws: Workspace, c: Completion) -> tuple[str, str] | None:
    """The warning for a done logged before the start of its meeting of the day, in the
    owner's zone and by the owner's clock (``clock.now``); None once it has begun, or
    when the hour is not known."""
    from morctl.expand import expand

    owner = ws.by_id.get(c.owner)
    if owner is None:
        return None
    zone = ws.timezone_of(owner)
    now = clock.now(zone)
    if now is None:
        return None
    found = expand(ws, c.day, c.day, c.owner, owners_only=True, activities={c.activity})
    start = next(
        (
            o.start
            for o in found
            if o.owner == c.owner and o.with_ == c.with_ and o.status == "scheduled" and o.start
        ),
        None,
    )
    if start is None or start <= now:
        return None
    minutes = -(-(start - now).total_seconds() // 60)  # 30 s to go is "in 1 min"
    hours, mins = divmod(int(minutes), 60)
    gap = " ".join(x for x in (f"{hours} h" if hours else "", f"{mins} min" if mins else "") if x)
    named = f"{c.activity}{f' with {c.with_}' if c.with_ else ''}"
    return (
        f"the {named} of today starts at {start.astimezone(now.tzinfo):%H:%M} ({zone}), in "
        f"{gap}: logged done before it began",
        "if it was held earlier than planned, the row stands",
    )


def _month_file(folder: Path, name: str) -> Path:
    """The month's file, as it is written in the folder already (`2026-11.CSV` from a
    spreadsheet): a second file of the same name in other capitals would be one file, or
    a clash, on macOS and Windows."""
    path = folder / name
    if path.exists() or path.is_symlink():
        return path
    try:
        return next(p for p in sorted(folder.iterdir()) if p.name.lower() == name)
    except (OSError, StopIteration):
        return path


def _written_in(month: Path) -> Path:
    """The folder the month file is written in, as it lives on the disk: a logs folder
    linked in from a shared drive (or a month file linked from one) is written, and
    locked, where it lives, so that every workspace that shares it takes turns."""
    if month.is_symlink():
        return Path(os.path.realpath(month)).parent
    try:
        month.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return month.parent.parent  # the write says why it cannot be made
    return Path(os.path.realpath(month.parent))


@contextlib.contextmanager
def _one_at_a_time(folder: Path) -> Iterator[None]:
    """Hold a lock on the folder written while a row is checked and written: two runs at
    the same moment (a team logging through one shared workspace or one shared logs
    folder) would each read the month file, add their row and rename, and the last rename
    would drop the other's row after both said 'logged'. An advisory lock (flock) on the
    folder itself leaves no file behind. Where there is none (Windows, some network file
    systems) runs are not kept apart, as docs/logs.md says."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        _lock(lambda: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB))
        yield
    finally:
        os.close(fd)  # and the lock with it


# How long `morctl log` waits for the lock on logs/ (seconds). A run reads every log with
# the lock held: well under a second for a team, ~20 s for 10,000 managers' year; a few
# runs at once wait for each other in turn. A lock held longer is most likely a run that
# hangs or another program, and waiting on in silence looks like morctl itself hanging.
LOCK_TIMEOUT = 120.0
_LOCK_POLL = 0.1


def _lock(take: Callable[[], None]) -> None:
    """Take the lock with ``take``, which does not wait; while another run holds it, say so
    once and try again, until LOCK_TIMEOUT, then give up (a MorctlError). A file system
    without locks: as without fcntl."""
    deadline: float | None = None
    while True:
        try:
            take()
            return
        except BlockingIOError:
            pass
        except OSError:
            return
        now = time.monotonic()
        if deadline is None:
            sys.stderr.write(
                "morctl: waiting for another `morctl log` to finish writing to logs/ …\n"
            )
            sys.stderr.flush()
            deadline = now + LOCK_TIMEOUT
        elif now >= deadline:
            raise MorctlError(
                f"not logged: logs/ stayed locked for {LOCK_TIMEOUT:g} s, by other `morctl "
                "log` runs still at work or by another program",
                "try again; to log many rows, run morctl log for one row after another, not "
                "many at once",
            )
        time.sleep(_LOCK_POLL)


def _append(
    ws: Workspace,
    path: Path,
    checked: Completion,
    today: date,
    said: str = "",
    early: tuple[str, str] | None = None,
) -> int:
    """Append ``checked`` to its month file ``path`` (in logs/), unless logged already.
    ``said``: whom the options named by a name (`by priya (Priya Raman)`), for the
    confirmation; ``early``: the warning for a meeting of today not begun yet."""
    from morctl.logs import read

    folder = path.parent
    display = os.path.normpath(str(path))
    logged = read(ws, folder, checked.owner)
    done = logged.completions
    key = checked.identity
    twin = next((c for c in done if c[:4] == key), None)
    # A tick or a calendar event has nowhere for a rating: this row, read before it (logs
    # come before checklists and exports), counts in its place, for the same occurrence.
    # A skip logged ahead gives way to the meeting held after all (`logcheck.prefer`).
    held = twin is not None and twin.status == "skipped" and checked.status == "done"
    replaces = twin if twin is not None and (_rates(checked, twin) or held) else None
    if twin is not None and replaces is None:
        raise MorctlError(
            f"not logged: {twin.file}:{twin.line} already has {twin.activity} of "
            f"{twin.owner}{f' with {twin.with_}' if twin.with_ else ''} on {twin.day}",
            "a completion counts once; edit that row to change it",
        )
    if path.exists():
        text, names, newline, sep = _layout(path, display)
    else:
        text, names, newline, sep = ",".join(FIELDS) + "\n", list(FIELDS), "\n", ","
    out = io.StringIO()
    # CR LF as the writer's line end makes it quote a cell holding either character.
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerow(_row(checked, names, display))
    added = out.getvalue().removesuffix("\r\n") + newline
    # A month file linked in from elsewhere is written where it lives, the link kept.
    target = path.resolve() if path.is_symlink() else path
    sweep(target.parent, ".csv")  # a killed run's temporary files
    write_atomic(target, text + added, newline="", durable=True, refused=_IN_USE)
    line = len(LINE_END.findall(text)) + 1
    if replaces is not None:
        had = "as skipped" if held else "without a rating"
        sys.stderr.write(
            f"{replaces.file}:{replaces.line} has it {had}; this row counts in its place\n"
        )
    series = "/".join(p for p in checked.series if p)
    by = f" {said}" if said else ""
    sys.stderr.write(f"logged {series} {checked.status} on {checked.day}{by} in {display}:{line}\n")
    warning = None
    if unmatched := _unmatched(ws, checked):
        why, hint = unmatched
        warning = (f"it matches no meeting of the rhythm: {why}; a report lists it as unplanned",
                   hint)  # fmt: skip
    elif replaces is None:
        warning = _crowded(ws, logged, checked._replace(file=display, line=line), today)
    # The row's own meeting not begun yet, and what the report would make of the row in
    # its period: each said, neither in place of the other.
    for text, hint in (w for w in (early, warning) if w):
        # "did you mean --owner priya --with oliver?" ends a question: a new sentence.
        more = " Or" if hint.endswith("?") else ", or"
        sys.stderr.write(
            f"morctl: warning: {text}\n  hint: {hint}{more} delete line {line} of {display} if "
            "it is a mistake\n"
        )
    return 0


# Windows refuses to replace a file another program holds open, and a month file is one a
# manager opens in Excel to look over; "Permission denied" alone sends them to IT.
_IN_USE = (
    "close the file in any program that has it open (Excel locks a CSV it has open) and "
    "check you may write to the folder"
)


def _rates(new: Completion, twin: Completion) -> bool:
    """Whether ``new`` adds a rating or actions to a done meeting that a ticked checklist
    line or a calendar event recorded without either."""
    weak = os.path.splitext(twin.file)[1].lower() in (".md", ".ics")
    unrated = twin.useful is None and twin.actions is None
    rated = new.useful is not None or new.actions is not None
    return weak and unrated and rated and new.status == twin.status == "done"


def _unmatched(ws: Workspace, c: Completion) -> tuple[str, str] | None:
    """Why a completion can match no occurrence, judged from the roster and the rhythm's
    start alone (the readers take such a row, as unplanned: docs/logs.md); None when it
    can. The likeliest slip, --owner and --with swapped, gets its correction."""
    act = ws.rhythm.activities[c.activity]
    if found := not_theirs(ws, c):
        why, which = found
        owner = ws.by_id[c.owner]
        rep = ws.by_id.get(c.with_) if c.with_ else None
        if which == "role":
            if rep is not None and rep.role == act.owner and owner.manager == rep.id:
                return why, f"did you mean --owner {rep.id} --with {owner.id}?"
            return why, f"name the {act.owner} who ran it with --owner"
        if which == "report":
            return why, f"{c.activity} is held by each manager with their own reports"
        return why, "check the --with"
    early = before_start(ws, c)
    if early is not None and not _period_has_a_meeting(ws, c):
        return early, "check the --date"
    return None


def _crowded(
    ws: Workspace, logged: Results, new: Completion, today: date
) -> tuple[str, str] | None:
    """Why the report would list ``new`` (or another row, displaced by it) as unplanned,
    or give it a meeting it does not mean, judged by the report's own matching of the
    period that holds it, with and without it: every meeting of the period has its
    completion already (the review logged on Tuesday, then again on Wednesday), the
    calendar excuses the meeting of its day, a skip dated on a holiday would call off
    another meeting, or a done row would count for a meeting still to come that day. None
    when the row counts as it says."""
    from morctl.adherence import score
    from morctl.expand import Engine

    engine = Engine(ws)
    first, last = engine.period(new.activity, new.day)
    as_of = max(today, last)
    after = score(ws, [*logged.completions, new], first, last, as_of, {new.owner}, engine,
                  logged.stands_for)  # fmt: skip
    mine = [s for s in after.scored if (s.occ.activity, s.occ.with_) == new.series[::2]]
    where = period_words(ws, new.activity, first, last)
    named = f"{new.activity}{f' with {new.with_}' if new.with_ else ''}"
    # The meeting of the row's own day that the calendar excuses (a holiday, leave).
    off = next((s.occ for s in mine if s.occ.day == new.day and s.occ.status == "excused"), None)
    excused = excused_day(new.day, off.reason, named) if off else ""
    if new in after.unplanned:
        held = [c for c in logged.completions if c.series == new.series and first <= c.day <= last]
        if away := _outside_team(ws, new):
            why, hint = f"no meeting of {named} is held on {new.day}: {away[0]}", away[1]
        elif excused:
            why = excused + (others_taken(where, held) if held else "")
            hint = "a meeting the calendar excuses needs nothing logged"
        elif mine and all(s.occ.status == "excused" for s in mine):
            # Before the rows held: those of a period the calendar excuses whole (a
            # year-end freeze) are unplanned too, and none has a meeting to give up.
            why = excused_all(where, (s.occ.reason for s in mine), named)
            hint = "a meeting the calendar excuses needs nothing logged"
        elif held and mine:
            why = all_taken(where, held, named)
            hint = "a meeting is logged once: to change one, edit its row"
            tick = next((c for c in held if _rates(new, c)), None)
            if tick is not None:
                # A rating given a day later, for a meeting ticked without one: the row
                # of the tick's date is what counts in its place (docs/logs.md).
                hint = (
                    f"to rate the meeting {tick.file}:{tick.line} records, log it with its "
                    f"date, --date {tick.day}: the row then counts in place of it"
                )
        elif not mine:
            why, hint = _no_meeting(ws, engine, new, named, where)
        else:
            return None
        return f"it matches no meeting of the rhythm: {why}; a report lists it as unplanned", hint
    # Without the row, to tell what it displaces (matched only when the row itself counts).
    before = score(ws, logged.completions, first, last, as_of, {new.owner}, engine,
                   logged.stands_for)  # fmt: skip
    was = {(c.file, c.line) for c in before.unplanned}
    lost = [
        c
        for c in after.unplanned
        if (c.file, c.line) not in was
        # A skip logged first gives way to the meeting held after all (docs/adherence.md).
        and not (c.status == "skipped" and new.status == "done" and c.series == new.series)
    ]
    if lost:
        c = lost[0]
        return (
            f"this row takes the meeting of {named} {where} that {c.file}:{c.line} on {c.day} "
            "had: a report lists that row as unplanned",
            "a meeting is logged once: check which of the two rows is right",
        )
    taken = next((s.occ.day for s in mine if s.completion == new), None)
    if taken is None or taken == new.day:
        return None
    if new.status == "skipped" and excused:
        return (
            f"{excused}, so this skip calls off the meeting of {taken} instead",
            "a meeting the calendar excuses needs nothing logged; if the meeting of "
            f"{taken} was called off, log the skip with --date {taken}",
        )
    # A meeting on or before its date has its record already, and the row takes a later
    # one: most likely that meeting ticked or logged, logged again on another day (to
    # rate it), which credits a meeting still to come. (A monthly call logged early, with
    # no meeting before it, is fine.)
    had = next(
        (
            s
            for s in mine
            if s.occ.day <= new.day and s.completion is not None and s.completion != new
        ),
        None,
    )
    if new.status == "done" and taken > new.day and had is None:
        return _held_late(ws, engine, logged, new, named, where, taken, as_of)
    if new.status == "done" and taken > new.day and had is not None and had.completion:
        c = had.completion
        kind = os.path.splitext(c.file)[1].lower()
        if kind in (".md", ".ics"):
            # A tick or an event without a rating: a row of its date counts in its place.
            what = "ticked line" if kind == ".md" else "calendar event"
            fix = (
                f"if this is that meeting, log the rating with --date {c.day}: the row then "
                f"counts in place of the {what}, not for a meeting to come"
            )
        else:
            fix = (
                "if this is that meeting, rate it on its record (its useful and actions), "
                "not in a new row"
            )
        return (
            f"it counts for the meeting of {named} on {taken}, after its own date: the meeting "
            f"of {had.occ.day} has its record already ({c.file}:{c.line})",
            fix,
        )
    return None


def _around(ws: Workspace, engine: Engine, c: Completion) -> list[date]:
    """The days of the meetings of ``c``'s series in its period and the periods on either
    side of it."""
    from morctl.expand import expand

    first, last = engine.period(c.activity, c.day)
    before, _ = engine.period(c.activity, first - timedelta(days=1))
    _, after = engine.period(c.activity, last + timedelta(days=1))
    found = expand(
        ws, before, after, c.owner, owners_only=True, activities={c.activity}, engine=engine
    )
    return [o.day for o in found if o.with_ == c.with_ and o.owner == c.owner]


def _outside_team(ws: Workspace, new: Completion) -> tuple[str, str] | None:
    """Why, and the hint, when the row's owner or report was not in the team on its day (a
    `joined` or `left` day in the roster, or a change of team): no meeting with them is
    held then."""
    if away := outside_team(ws, new):
        why, key = away
        rep = ws.by_id.get(new.with_) if new.with_ is not None else None
        if key != "manager_since" or rep is None:
            return why, f"check the --date, or the `{key}` day of the roster"
        if new.owner != rep.manager:
            return why, f"log it with --owner {rep.manager}, or check the --date"
        if rep.previous_manager:
            return why, f"log it with --owner {rep.previous_manager}, who was their manager then"
        return why, "check the --date, or the `manager_since` day of the roster"
    return None


def _no_meeting(
    ws: Workspace, engine: Engine, new: Completion, named: str, where: str
) -> tuple[str, str]:
    """Why a row's period has no meeting of its series at all (a day outside the workweek,
    the off week of a two-week cadence, a month without its selector's day), and the
    nearest meeting's date for the hint."""
    if away := _outside_team(ws, new):
        return f"no meeting of {named} is scheduled {where}: {away[0]}", away[1]
    if late := after_end(ws, new):
        hint = f"check the --date, or the `until` of {new.activity}'s cadence in rhythm.yaml"
        return f"no meeting of {named} is scheduled {where}: {late}", hint
    why = no_meeting(ws, new.day, where, named)
    near = sorted(_around(ws, engine, new), key=lambda d: (abs((d - new.day).days), d))
    if not near:
        return why, "check the --date"
    return why, f"check the --date: {nearest(near[0])}"


def _held_late(
    ws: Workspace,
    engine: Engine,
    logged: Results,
    new: Completion,
    named: str,
    where: str,
    taken: date,
    as_of: date,
) -> tuple[str, str] | None:
    """A done row that counts for a meeting still to come, while the meeting before its
    date, in the period before, has no record: most likely that meeting, held late across
    the period's end (a Friday review held on Monday; a Sunday kickoff held on Monday by a
    Sunday-to-Thursday team), which a completion counts for only within `grace`."""
    from morctl.adherence import score

    first, _ = engine.period(new.activity, new.day)
    p_first, p_last = engine.period(new.activity, first - timedelta(days=1))
    before = score(ws, [*logged.completions, new], p_first, p_last, as_of, {new.owner}, engine,
                   logged.stands_for)  # fmt: skip
    open_ = [
        s.occ.day
        for s in before.scored
        if (s.occ.activity, s.occ.with_) == new.series[::2]
        and s.completion is None
        and s.status in ("missed", "pending")
    ]
    if not open_:
        return None
    prev = max(open_)
    late = (new.day - prev).days
    if late >= (taken - new.day).days:
        return None  # nearer the meeting it counts for: held early, most likely
    grace = ws.rhythm.activities[new.activity].cadence.grace
    reach = f", and its grace of {grace}d does not reach {new.day}" if grace else ""
    return (
        f"it counts for the meeting of {named} on {taken}, after its own date: a completion "
        f"counts for a meeting {where.replace('in its', 'of its own')}{reach}, so the meeting "
        f"of {prev:%a} {prev} "
        "stays without a record",
        f"if this row is the meeting of {prev}, held {late} day{'s' if late != 1 else ''} "
        f"late: give {new.activity} `grace: {late}d` in its cadence (a meeting held up to "
        "that many days after its day then counts for that day)",
    )


def _period_has_a_meeting(ws: Workspace, c: Completion) -> bool:
    """Whether the cadence period that holds ``c``'s day (a month, a quarter, a block of
    weeks that starts before the rhythm does) has a meeting of its series: the report
    matches a completion to its period's meetings, whatever side of `effective` it is on."""
    from morctl.expand import Engine, expand

    engine = Engine(ws)
    first, last = engine.period(c.activity, c.day)
    found = expand(
        ws, first, last, c.owner, owners_only=True, activities={c.activity}, engine=engine
    )
    return any(o.status == "scheduled" and o.with_ == c.with_ for o in found)
