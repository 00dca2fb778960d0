"""`morctl validate`: schema and method checks, as a library function and a command."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from datetime import date
from typing import TextIO

from morctl.diagnostics import FORMATS, Diagnostic, count, more_records, sort_unique
from morctl.errors import MorctlError
from morctl.workspace import Workspace, load_workspace


@dataclass
class Validation:
    workspace: Workspace | None
    diagnostics: list[Diagnostic]
    sources: dict[str, list[str]]

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics)[1]


def validate_workspace(
    root: str,
    dates: bool = True,
    today: date | None = None,
    logs: bool = False,
    command: tuple[str, ...] = ("validate",),
) -> Validation:
    """Load and check a workspace. ``dates`` adds the checks that expand the calendar;
    ``logs`` reads the completion logs too, each record that cannot be counted an error;
    ``command`` is the command run, for its example in a hint (see no_workspace_hint)."""
    loaded = load_workspace(root, command)
    diags = list(loaded.diagnostics)
    sources = loaded.sources
    ws = loaded.workspace
    if ws is not None:
        from morctl.checks import check

        method = check(ws)
        diags.extend(method)
        if dates:
            # Also when there are errors: the date checks leave out what the errors touch.
            from morctl.datechecks import date_checks

            diags.extend(date_checks(ws, today))
        if logs:
            from morctl.logs import NOT_TEXT

            problems, empty = log_problems(ws, root)
            sources = dict(sources)
            known = frozenset(ws.rhythm.activities) | frozenset(ws.by_id)
            # A file that is not text has no line worth showing (nor reading whole).
            shown: dict[str, tuple[list[str], list[str]] | None] = {
                d.file: None for d in problems if d.message.startswith(NOT_TEXT)
            }
            for file in sorted({d.file for d in problems} - set(shown)):
                if (lines := _log_lines(file, known)) is not None:
                    sources[file] = lines[1]
                shown[file] = lines
            logged = [_under_cell(d, shown[d.file]) for d in problems] + empty
            # After the rhythm's and the roster's: GitHub annotates only the first ten
            # errors of a step, and logs/ sorts before rhythm.yaml; a pull request's own
            # error must not be buried under the rows of old logs it touches.
            return Validation(ws, sort_unique(diags) + sort_unique(logged), sources)
    return Validation(ws, sort_unique(diags), sources)


def _log_lines(
    file: str, known: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]] | None:
    """A log file's lines as written and as the text format's excerpts show them (as the
    roster's): only of a regular file that the log readers read whole too. ``known``: the
    workspace's activity and person ids, which a CSV excerpt may show wherever they stand."""
    import os

    from morctl.logs import MAX_WHOLE_BYTES
    from morctl.workspace import source_lines

    kind = os.path.splitext(file)[1].lower()
    if kind not in (".csv", ".md"):
        # A record's note can sit anywhere on the lines of a JSONL or YAML log, an event's
        # description on those of a calendar export, and a file of another kind left in
        # logs/ (notes.txt) may be anything: no line of them is shown.
        return None
    try:
        if not os.path.isfile(file) or os.path.getsize(file) > MAX_WHOLE_BYTES:
            return None
        with open(file, "rb") as f:
            lines = source_lines(f.read(), yaml=False)
    except OSError:
        return None
    if kind == ".md":
        return lines, [_checklist_line(line) for line in lines]
    shown = _without_free_text(lines, known)
    return None if shown is None else (lines, shown)


def _under_cell(d: Diagnostic, lines: tuple[list[str], list[str]] | None) -> Diagnostic:
    """``d`` with its excerpt's caret under the cell it points at, in a CSV line shown with
    its free text as `…` (the cells before it may be shorter or longer than written), or in
    a checklist's line shown as its box and comments, under the place in its comment."""
    if lines is None or d.column == 1 or not 1 <= d.line <= min(len(lines[0]), len(lines[1])):
        return d
    if d.file.lower().endswith(".md"):
        return _under_comment(d, lines[0][d.line - 1], lines[1][d.line - 1])
    if not d.file.lower().endswith(".csv"):
        return d
    from morctl.logcsv import cell_starts, dialect

    sep = dialect(lines[0])[0]
    written, shown = lines[0][d.line - 1], lines[1][d.line - 1]
    before = [at for _, at in cell_starts([written], sep)]
    after = [at for _, at in cell_starts([shown], sep)]
    cell = before.index(d.column - 1) if d.column - 1 in before else len(after)
    return replace(d, caret=after[cell] + 1 if cell < len(after) else 1)


def _under_comment(d: Diagnostic, written: str, shown: str) -> Diagnostic:
    """``d``'s caret at the same place of the same morctl comment in a checklist's line
    shown without its words (see :func:`_checklist_line`); at the line's start when it
    points elsewhere."""
    import re

    comment = re.compile(r"<!--.*?(?:-->|$)")
    was, now = list(comment.finditer(written)), list(comment.finditer(shown))
    pos = d.column - 1
    for i, m in enumerate(was):
        if m.start() <= pos < m.end() and i < len(now):
            return replace(d, caret=now[i].start() + pos - m.start() + 1)
    return replace(d, caret=1)


def _checklist_line(line: str) -> str:
    """A Markdown log's line with its words shown as `…`: only the quote and list marks,
    the box and morctl's comments are left (`- [x] … <!-- morctl:KEY due=DATE -->`). A
    manager types a remark on the ticked line itself (`Oliver unprepared again`), and what
    is wrong with the line is in the message."""
    import re

    from morctl.logs import _ITEM, _LOOSE_BOX, _QUOTE

    # The marks as the checklist reader takes them: a box (any way ticked), else a list item.
    lead = _LOOSE_BOX.match(line) or _ITEM.match(line) or re.match(_QUOTE, line)
    head = lead.group() if lead else ""
    rest = line[len(head) :]
    comments = re.findall(r"<!--.*?(?:-->|$)", rest)
    words = re.sub(r"<!--.*?(?:-->|$)", "", rest).strip()
    return " ".join(part for part in (head.rstrip(), "…" * bool(words), *comments) if part)


def _without_free_text(lines: list[str], known: frozenset[str] = frozenset()) -> list[str] | None:
    """A CSV log's lines with every cell but the row's metadata shown as `…`: a
    completion's free text is never printed (a manager's note on a rep is not for the CI
    log of a pull request), only where the row is and what is wrong with it. A cell is
    shown when it stands in a metadata column and reads as metadata: a date or a number
    (no letters), `done` / `skipped`, or an activity's or a person's id. So the note, the
    reason, a column the readers do not know (`notes`, `comment`) and words typed into a
    metadata column are hidden; so is every other cell of a row whose cells do not line up
    with the header (a row that forgot a cell puts its note in an earlier column, and one
    with commas in an unquoted note spills past the header). A file without a header
    shows no line at all. What is wrong with a hidden value is in the message."""
    import csv
    import io
    import re

    from morctl.logcheck import FIELDS
    from morctl.logcsv import dialect

    # Separated as the readers take it: by semicolons, as a European spreadsheet saves it,
    # or as a first line `sep=;` declares (shown as it is: it is no row).
    sep, declared = dialect(lines)
    header = next(
        (
            row
            for row in csv.reader(lines[declared:50], delimiter=sep)
            if any(c.strip() for c in row)
        ),
        [],
    )
    names = [c.strip().lower() for c in header]
    if "date" not in names:
        return None  # no header: which cell is free text cannot be told
    columns = {i for i, n in enumerate(names) if n in FIELDS and n not in ("note", "reason")}
    plain = re.compile(r"[0-9.:/+-]{1,32}")
    # A value written as an id is one (mistyped, `pipeline_reviw`), not words: the message
    # quotes it, and the line shows it where the caret points.
    slug = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
    words = known | {"done", "skipped"}

    def metadata(text: str) -> bool:
        value = text.strip()
        return value in words or plain.fullmatch(value) is not None

    out = lines[:declared]
    for line in lines[declared:]:
        try:
            cells = next(csv.reader([line], delimiter=sep), [])
        except csv.Error:
            out.append("…")
            continue
        if cells == header:
            out.append(line)
            continue
        # A row whose quoted cell runs on to the next line: the cells before it are where
        # the header says, as in a row that lines up.
        lined_up = len(cells) == len(header) or (
            line.count('"') % 2 == 1 and len(cells) <= len(header)
        )
        cells = [
            c
            if not c.strip()
            or (metadata(c) and (i in columns or not lined_up))
            or (lined_up and i in columns and slug.fullmatch(c.strip()))
            else "…"
            for i, c in enumerate(cells)
        ]
        # Written back as the readers see it, so that what is left is the row's metadata.
        text = io.StringIO()
        csv.writer(text, delimiter=sep, lineterminator="").writerow(cells)
        out.append(text.getvalue())
    return out


def log_problems(ws: Workspace, root: str) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """What a report lists under "Log problems", as diagnostics: each record of logs/ that
    cannot be counted (a row, a file, a column), at its line. The reasons are those of
    docs/logs.md; a duplicate is not a problem (it counts once) and is not listed. And,
    apart, a warning for each log file nothing is read from (MOR802), as a report names it."""
    from pathlib import Path

    from morctl.logcheck import FIELDS, WAITING
    from morctl.logcsv import EXTRA_COLUMN
    from morctl.logs import read

    out: list[Diagnostic] = []
    # Records that name an activity or a person left out for an error of its own wait for
    # that error, said above: once each, at the first, not once a row (a typo in one
    # activity's time would bury itself under every completion of the activity).
    waits: dict[str, list[Diagnostic]] = {}
    found = read(ws, Path(root) / "logs")
    seps: dict[str, str] = {}  # each CSV file's separator, for the hints that name it
    warned: list[Diagnostic] = []
    for r in found.rejected:
        if r.reason.startswith("header: column '") and r.reason.endswith(EXTRA_COLUMN):
            # A column that none of a log's is like: one kept in the export for others.
            hint = (
                "leave it, if it is there for others; to log what it holds, name it after "
                f"the field it holds ({','.join(FIELDS)})"
            )
            warned.append(Diagnostic(r.file, r.line, r.column, "warning", "MOR803", r.reason, hint))
            continue
        waiting = all(WAITING.fullmatch(part) for part in r.reason.split("; "))
        d = Diagnostic(
            r.file,
            r.line,
            r.column,
            "error",
            "MOR801",
            r.reason,
            "fix that error first: these records are checked once it is fixed"
            if waiting
            else log_hint(ws, r.file, r.reason, seps),
            # Rows that fail alike (a renamed activity, a removed person) are said once
            # a file in text and on GitHub: see Diagnostic.fold.
            fold=not waiting,
        )
        if waiting:
            waits.setdefault(r.reason, []).append(d)
        else:
            out.append(d)
    for reason, those in waits.items():
        others = more_records(None, len(those) - 1)
        out.append(replace(those[0], message=f"{reason}{others}"))
    # A warning, not an error: nothing in the file was rejected, and a file may be emptied
    # on purpose; but read as "no meetings", an export cut short would go unnoticed.
    empty = [
        Diagnostic(
            file, 1, 1, "warning", "MOR802", why,
            "export or copy the file again; delete it if it was never a log",
            whole=True,
        )
        for file, why in found.empty
    ]  # fmt: skip
    return out + warned, empty


# Where a reason's next problem starts: `with: missing; pipeline_review is held with each
# report, so name the report; useful: 9 is outside 1-5` is two.
_NEXT_PROBLEM = re.compile(
    r"; (?=(?:date|activity|owner|with|status|useful|actions|reason): |status skipped needs)"
)
_ROSTER = "ids are in the roster: org.yaml, org.csv, or people: in rhythm.yaml"
# What to write instead, for a value a person typed into a log (a cell, a key).
_WRITE = {
    "date": "write the day it happened as YYYY-MM-DD (year, month, day)",
    "owner": f"write the id of the person who ran it; {_ROSTER}",
    "status": "write done or skipped (an empty status is done)",
    "useful": "write a rating from 1 to 5, or leave useful empty",
    "actions": "write how many dated actions it produced, 0 or more, or leave actions empty",
}
_TYPED = {
    "useful": "type useful=N on the line with N from 1 to 5, or leave it off",
    "actions": "type actions=N on the line with N a whole number, 0 or more, or leave it off",
}
_FIX = "correct it as the message says, or delete a record that records nothing"


_NO_SUCH_ID = re.compile(r"nobody in the roster has the id '(.*?)'(?= \(|;|$)")


def _named(ws: Workspace, problem: str) -> str | None:
    """For an owner or report written as `morctl log --owner` takes a person, by an id in
    other capitals, an e-mail, a full name (as a calendar or an export gives them), or a
    first or last name: whose it is, and the id to write."""
    from morctl.people import shown
    from morctl.workspace import name_key

    found = _NO_SUCH_ID.search(problem)
    if found is None:
        return None
    text = found.group(1)
    if (key := name_key(text)) in ws.by_id:
        # An id wins over a name, as for `morctl log --with`; the logs take it as written.
        return f"an id is written as the roster has it: write {key}"
    match = ws.named(text)
    if match is None and (part := ws.name_part(text)) is not None:
        # A first or last name: whose, when it is one person's (`Raman`, not ryan).
        kind, people = part
        if len(people) == 1:
            return f"that is the {kind} of {shown(people[0])}: write the id, {people[0].id}"
        match = part
    if match is None:
        return None
    kind, people = match
    if len(people) > 1:
        # A roster of thousands has many a John: ten are enough to show it is shared.
        ids = ", ".join(p.id for p in people[:10]) + (", …" if len(people) > 10 else "")
        return f"that is the {kind} of {len(people)} people ({ids}): write the id of the one meant"
    return f"that is the {kind} of {people[0].id}: write the id, {people[0].id}"


def log_hint(ws: Workspace, file: str, reason: str, seps: dict[str, str] | None = None) -> str:
    """What to write instead, for the first problem of a rejected log record, in the words
    of the file it is in; where the message says it all, how to deal with it. (`morctl
    log` says the same in the words of its options: logcmd._hint.) ``seps``: the
    separators of the CSV files already read, by file, filled in as they are."""
    import os

    from morctl.logcheck import FIELDS
    from morctl.logcsv import CELL_WITH, UNNAMED
    from morctl.logs import NOT_TEXT

    first = _NEXT_PROBLEM.split(reason, 1)[0]
    field = first.split(":", 1)[0]
    kind = os.path.splitext(file)[1].lower()
    if first.startswith(NOT_TEXT):
        return (
            "move it out of logs/ if it is not a log; if it is, save it again as text "
            "(from a spreadsheet: CSV UTF-8)"
        )
    if kind == ".md":
        # A ticked line: its rating is typed; the rest is morctl's comment, written with the
        # ids of its day: an id the rhythm or roster no longer has was removed since.
        if field in ("owner", "with") and _NO_SUCH_ID.search(first):
            return (
                "the checklist was written when the roster had this person: keep someone "
                f"who left in it, with `left: YYYY-MM-DD`, and their ticks count; {_ROSTER}"
            )
        if field == "activity" and "is not an activity" in first:
            return (
                "the checklist was written when the rhythm had this activity: one renamed "
                "since keeps its old id for its ticks to count (morctl diff tells of a rename)"
            )
        return _TYPED.get(field, _FIX)
    if first.startswith("not read: morctl reads logs of type"):
        return "save it as one of those if it is a log; move it out of logs/ if it is not"
    if kind not in (".csv", ".jsonl", ".yaml", ".yml"):
        return _FIX
    if field in ("owner", "with") and (who := _named(ws, first)) is not None:
        return who
    if field in _WRITE:
        return _WRITE[field]
    if field == "activity":
        ids = sorted(ws.rhythm.activities)
        more = " …" if len(ids) > 12 else ""
        return f"write the id of one of the rhythm's activities: {', '.join(ids[:12])}{more}"
    if field == "with" and "given, but" in first:
        return (
            "leave with empty: the activity is not held with each report (a name can go in "
            "the note)"
        )
    if field == "with":
        return f"write the id of the report it was held with; {_ROSTER}"
    if first.startswith("status skipped needs a reason"):
        return (
            "write why it did not happen in reason (no report prints it), or make the status "
            "done if it was held"
        )
    if first.startswith("reason: given, but"):
        return (
            "write skipped in status if the meeting did not happen, or empty the reason (a "
            "remark on a meeting held goes in note)"
        )
    if first.startswith("row has ") and "quote" not in first:
        sep = _separator_of(file, {} if seps is None else seps)
        example = f"a{sep} b" if sep != "\t" else "a<tab>b"
        return (
            "give every row one cell per column of the header, empty ones included; put a "
            f'cell that holds {CELL_WITH[sep]} in double quotes ("{example}")'
        )
    if first.startswith(("header: no ", "header: the first row")):
        return (
            "make the first row name the columns in these words (date, activity and owner "
            "at least), in any order; the rows below stay as they are"
        )
    if first.startswith(("unknown key", "header: unknown column")):
        return "rename it to the field it holds, or delete it: its values are not read"
    if first.startswith(UNNAMED):
        return (
            f"name the column after the field it holds ({','.join(FIELDS)}), or move a "
            "remark on the meeting to note"
        )
    return _FIX


def _separator_of(file: str, seps: dict[str, str]) -> str:
    """The separator of the CSV log ``file``, as the reader told it (``,`` when it cannot be
    read again), kept in ``seps``: a file of many short rows is opened once."""
    if file not in seps:
        from itertools import islice

        from morctl.logcsv import dialect

        try:
            with open(file, encoding="utf-8-sig", errors="replace", newline="") as f:
                seps[file] = dialect(islice(f, 1000))[0]
        except OSError:
            seps[file] = ","
    return seps[file]


def runs_nothing(
    ws: Workspace, person: str | None, team: bool = False, offers_team: bool = True
) -> str | None:
    """A warning for a `--person` whose role runs no activity (a rep): their checklist and
    report are empty, and the meetings they attend are their manager's to list. With
    ``team``, for a `--team` of someone who also leads nobody. ``offers_team``: whether
    the command has `--team` to suggest for a leader (`checklist` has not)."""
    if person is None or person not in ws.by_id:
        return None
    p = ws.by_id[person]
    runs = {act.owner for act in ws.rhythm.activities.values()}
    if p.role in runs:
        return None
    # Someone to try instead who runs something: the team below a leader (a director
    # whose managers run the reviews), else the manager whose meetings a rep attends.
    manager = ws.by_id.get(p.manager) if p.manager else None
    below = [r.id for r in ws.reports.get(person, ()) if r.role in runs]
    if ws.reports.get(person) and offers_team:
        where = f"; try --team {person}, for the people below them"
    elif below:
        where = (
            f"; leave out --person for everyone's, or give one of the people below them "
            f"who runs meetings, such as --person {below[0]}"
        )
    elif manager is not None and manager.role in runs:
        where = f"; try --person {manager.id}, who runs the ones {person} attends"
    else:
        where = ""
    if team and ws.reports.get(person):
        return None  # a leader: their team is what --team reports on
    leads = " leads nobody and" if team else ""
    return f"morctl: warning: {person} ({p.role}){leads} runs no activity of the rhythm{where}\n"


def require_valid(
    root: str, allow: frozenset[str] = frozenset(), command: tuple[str, ...] = ("validate",)
) -> Workspace:
    """The workspace, or a MorctlError listing its errors: a broken rhythm is never expanded.
    ``allow``: the codes of errors the command shows itself (`show` draws a load over
    capacity), said once as a warning instead. ``command``: the command run and the words
    after its workspace (`("report", "…")`), for the hint when ``root`` holds none."""
    result = validate_workspace(root, dates=False, command=command)
    errors = [d for d in result.diagnostics if d.severity == "error" and d.code not in allow]
    if len(errors) == 1 and errors[0].whole:
        # No rhythm.yaml here, a folder that does not exist, a file that cannot be read:
        # there is no workspace to have errors, so that is said as it is.
        raise MorctlError(errors[0].message, errors[0].hint)
    if result.workspace is None or errors:
        shown = "\n".join(d.headline() for d in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        # One error with its own hint (no rhythm.yaml here) says more than "validate it".
        hint = errors[0].hint if len(errors) == 1 and errors[0].hint else None
        raise MorctlError(
            f"the workspace has {len(errors)} error{'s' * (len(errors) != 1)}:\n{shown}{more}",
            hint or f"run `morctl validate {root}` for details",
        )
    passed = [d for d in result.diagnostics if d.severity == "error" and d.code in allow]
    if passed:
        sys.stderr.write(
            f"morctl: warning: the workspace has {len(passed)} error"
            f"{'s' * (len(passed) != 1)} shown below ({', '.join(sorted({d.code for d in passed}))}"
            f"); `morctl validate {root}` fails until {'they are' if len(passed) > 1 else 'it is'}"
            " fixed\n"
        )
    return result.workspace


def run(root: str, fmt: str, strict: bool, out: TextIO | None = None, logs: bool = False) -> int:
    """Validate and print the diagnostics in ``fmt``; exit code 1 on errors (or warnings
    when ``strict``). ``out`` defaults to the current ``sys.stdout``. ``logs``: check the
    completion logs too."""
    more = ("…",) if fmt != "text" or strict or logs else ()
    result = validate_workspace(root, logs=logs, command=("validate", *more))
    (out or sys.stdout).write(FORMATS[fmt](result.diagnostics, result.sources, strict))
    if result.errors or (strict and result.warnings):
        return 1
    return 0
