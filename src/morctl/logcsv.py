"""CSV completion logs (DESIGN.md §8): a header row naming the columns, then one completion
per row.

Logs can hold millions of rows, so rows are read with ``csv.reader`` as lists (DictReader
is about twice as slow) and checked by the shared, caching :class:`Checker`. Quotes are
parsed strictly: a quote left open would otherwise swallow every row after it into one
cell, so the row where it opens is rejected and reading resumes on the next line.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import TextIO

from morctl.completion import Completion, Reason
from morctl.logcheck import FIELDS, REQUIRED, Checker, Results, bad_text
from morctl.values import declared_separator

# Re-reading after an open quote starts the file again; bound the work a damaged file costs.
MAX_RESUMES = 100
# A note may be long (a pasted e-mail); csv's default limit of 128 KiB per cell is not a
# rule of the log format. Cells up to the size of the largest YAML file morctl reads.
csv.field_size_limit(10 * 1024 * 1024)

NO_HEADER = "header: the first row is a completion, not the column names"
NAMES_NONE = "header: the first row names none of the columns (is it a completion?)"
UNREADABLE_ROW = "cannot read the row: "
UNNAMED = "a value under a column with no name is ignored"
NOT_UTF8 = "holds bytes that are not UTF-8 text"
# A first cell that looks like a date: the file has no header row.
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
# The headings a spreadsheet made by hand gives the columns, for the hint only: a file is
# never read by them (which of "Rep" or "Attendee" is `with` is the writer's to say), but
# spelling is no guide to them ('done?' is nearest to 'owner', and 'manager' to nothing).
_HEADINGS = {
    "date": ("day", "meeting date", "date held", "held on", "when", "datum", "fecha"),
    "activity": (
        "meeting",
        "meeting type",
        "activity name",
        "type",
        "event",
        "title",
        "aktivität",
        "termin",
        "besprechung",
        "activité",
        "réunion",
        "actividad",
        "reunión",
    ),
    "owner": (
        "manager",
        "manager id",
        "host",
        "coach",
        "leader",
        "held by",
        "organiser",
        "führungskraft",
        "verantwortlich",
        "responsable",
    ),
    "with": (
        "rep",
        "rep id",
        "attendee",
        "employee",
        "seller",
        "report",
        "direct report",
        "mitarbeiter",
        "teilnehmer",
        "collaborateur",
        "empleado",
    ),
    "status": (
        "done",
        "done?",
        "held",
        "held?",
        "result",
        "outcome",
        "state",
        "erledigt",
        "statut",
        "estado",
    ),
    "useful": (
        "rating",
        "score",
        "usefulness",
        "useful?",
        "value",
        "bewertung",
        "évaluation",
        "valoración",
    ),
    "actions": (
        "action items",
        "actions agreed",
        "next steps",
        "action count",
        "maßnahmen",
        "aufgaben",
        "acciones",
    ),
    "note": (
        "notes",
        "comment",
        "comments",
        "notiz",
        "kommentar",
        "bemerkung",
        "commentaire",
        "remarque",
        "notas",
        "comentario",
    ),
    "reason": ("why", "skip reason", "reason skipped", "grund", "raison", "motivo"),
}
_FIELD_OF = {heading: field for field, words in _HEADINGS.items() for heading in words}
# The end of the reason of a column named like none of a log's.
EXTRA_COLUMN = "is not a column of a log: its values are not read"


def separator(line: str) -> str:
    """The separator of a CSV log, from its header ``line``: ``;`` or a tab when the column
    names stand between them (a spreadsheet's "CSV" in many European locales, whose list
    separator is ``;``, even for "CSV UTF-8"), else ``,``. A usual heading of a column
    (`Datum;Meeting`) tells as a name does, for the header to be reported cell by cell. A
    header that names none of the columns tells nothing: it is read with commas, and
    reported as such."""
    known = {*FIELDS, *_FIELD_OF}
    for sep in (";", "\t"):
        if sep in line:
            names = [c.strip().strip('"').strip().lower() for c in line.split(sep)]
            commas = [c.strip().strip('"').strip().lower() for c in line.split(",")]
            if set(names) & known and not set(commas) & known:
                return sep
    return ","


def dialect(lines: Iterable[str]) -> tuple[str, int]:
    """The separator of a CSV log, from its ``lines``, and the number of lines before its
    header that are not rows: 1 after a first line `sep=;`, which declares it; else 0, and
    the separator told by the header (the first line with something on it but separators,
    see :func:`separator`)."""
    rest = iter(lines)
    first = next(rest, "")
    declared = declared_separator(first)
    if declared:
        return declared, 1
    return separator(next((ln for ln in chain([first], rest) if ln.strip(' \t\r\n,;"')), "")), 0


def _word_of(name: str, names: list[str]) -> list[str]:
    """The field a heading of several words names by one of them, when the header has no
    column of that field: `Useful (1-5)`, `Notes (private)`, `With rep`. Its values would
    be lost, though the heading says what they are. `Owner email` beside an `owner` column
    names none."""
    missing = [f for f in FIELDS if f not in names]
    for word in re.findall(r"[^\W\d_]+", name):
        field = word if word in FIELDS else _FIELD_OF.get(word)
        if field is None:
            near = difflib.get_close_matches(word, FIELDS, n=1, cutoff=0.8)
            field = near[0] if near else None
        if field in missing:
            return [field]
    return []


def _meant(field: str, names: list[str]) -> str | None:
    """The column of ``names`` that is most likely ``field``: a usual heading for it, else
    one spelt close to it (not one that is the usual heading of another field)."""
    for name in names:
        if _FIELD_OF.get(name) == field:
            return name
    words = [c for c in names if len(c) <= 20 and c not in _FIELD_OF and c not in FIELDS]
    near = difflib.get_close_matches(field, words, n=1)
    return near[0] if near else None


Opener = Callable[[], contextlib.AbstractContextManager[TextIO]]
_new = tuple.__new__


class Layout:
    """Where each field sits in a row, from the header; ``unknown``: the cells of the columns
    morctl does not know, each reported by :func:`header_layout`, in order; ``unnamed``:
    the cells of the columns with no name, which are not (see :class:`Unnamed`)."""

    def __init__(
        self,
        width: int,
        index: list[int],
        unknown: list[int] | None = None,
        unnamed: list[int] | None = None,
    ) -> None:
        self.width = width
        self.cells = {name: i for name, i in zip(FIELDS, index, strict=True) if i < width}
        self.unknown = unknown or []
        self.unnamed = unnamed or []
        # The cells a row needs: the unnamed columns at the end may be left off a row.
        self.named = max([-1, *(i for i in range(width) if i not in self.unnamed)]) + 1
        self.pad = width in index  # some optional column is absent: read it as empty
        # Columns in the order of FIELDS (the usual case) need no reordering.
        self.pick: Callable[[list[str]], tuple[str, ...]] | None = (
            None
            if index == list(range(len(FIELDS))) and width == len(FIELDS)
            else itemgetter(*index)
        )


# The separators a log is read with, in the words advice about the file uses.
SEPARATED = {",": "comma-separated", ";": "separated by semicolons", "\t": "separated by tabs"}
CELL_WITH = {",": "a comma", ";": "a semicolon", "\t": "a tab"}


def header_line(sep: str = ",") -> str:
    """The header of every column, as written with ``sep`` (a tab shown as `, `)."""
    return (", " if sep == "\t" else sep).join(FIELDS)


def header_layout(
    row: list[str], file: str, line: int, out: Results, sep: str = ","
) -> Layout | str:
    """Where each field sits, from a header row; or why no row can be read with it. Unknown
    columns are reported to ``out`` (and `morctl log` uses this to refuse a broken file).
    ``sep``: the file's separator, for the advice to name the one it uses."""
    names = [cell.strip().lower() for cell in row]
    seen: set[str] = set()
    for name in names:
        if name in seen and name in FIELDS:
            return f"header: column '{name}' appears twice"
        seen.add(name)
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        # The row is never quoted: without a header it is a completion, and its note or
        # reason must not reach a report. Only a cell close to a missing name is shown.
        columns = f"{SEPARATED[sep]} ({header_line(sep)})"
        if names and _DATE_LIKE.match(names[0]):
            return f"{NO_HEADER}; add a row above it that names the columns, {columns}"
        if not set(names) & set(FIELDS):
            # A sheet's own headings only (`Datum,Meeting,Manager`): each one known is
            # named for its column. Headings are no free text, so they may be shown.
            cells = {name: cell.strip() for name, cell in zip(names, row, strict=True)}
            meant = [(f, next((n for n in names if _FIELD_OF.get(n) == f), None)) for f in FIELDS]
            said = [f"'{cells[n]}' for '{f}'" for f, n in meant if n is not None]
            if said:
                guess = f"names none of the columns (is it {', '.join(said)}?)"
                return (
                    f"header: the first row {guess}; the first row must name the columns, {columns}"
                )
            # Not a header at all: most likely a completion with its date written another
            # way (3 Mar 2026). Its cells are not shown either.
            return f"{NAMES_NONE}; the first row must name the columns, {columns}"
        cells = {name: cell.strip() for name, cell in zip(names, row, strict=True)}
        typos = [f"'{cells[near]}' for '{n}'" for n in missing if (near := _meant(n, names))]
        guess = f" (is it {', '.join(typos)}?)" if typos else ""
        named = ", ".join(f"'{n}'" for n in missing)
        return f"header: no {named} column{guess}; the first row must name the columns, {columns}"
    for name, cell in zip(names, row, strict=True):
        if name and name not in FIELDS:
            close = [_FIELD_OF[name]] if name in _FIELD_OF else []
            # 0.75, not difflib's 0.6: `Region` is not a mistyped `reason`, but `usefull`
            # is `useful`.
            close = close or difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.75)
            close = close or _word_of(name, names)
            if close:
                why = f"header: unknown column '{cell}' is ignored (did you mean '{close[0]}'?)"
            else:
                # Like no column of a log: one a spreadsheet export carries for others
                # (`Region`, `Logged in CRM`). Its values are lost to nobody, so `validate`
                # warns of it rather than failing (MOR803).
                why = f"header: column '{cell}' {EXTRA_COLUMN}"
            out.reject(file, line, why)
    width = len(row)
    unknown = [i for i, name in enumerate(names) if name and name not in FIELDS]
    # A column with no name: the empty columns a spreadsheet saves right of its table
    # (`reason,,`). Not reported; a value under one is (Unnamed).
    unnamed = [i for i, name in enumerate(names) if not name]
    index = [names.index(n) if n in names else width for n in FIELDS]
    return Layout(width, index, unknown, unnamed)


class Unnamed:
    """The rows of a file with a value under a column with no name, which is not read: how
    many, and the line and cell of the first. A column with no name is most often one a
    spreadsheet added, empty; a value typed into it is reported once for the file."""

    def __init__(self, cells: list[int]) -> None:
        self.cells = cells
        self.rows = self.line = self.cell = 0

    def see(self, row: list[str], line: int) -> None:
        filled = [i for i in self.cells if row[i].strip()]
        if filled:
            if not self.rows:
                self.line, self.cell = line, filled[0]
            self.rows += 1

    def reason(self) -> str:
        if self.rows == 1:
            return f"{UNNAMED}: name the column, or delete the value"
        rows = f"on {self.rows} rows, this the first"
        return f"{UNNAMED} ({rows}): name the column, or delete the values"


Screen = Callable[[list[str], int], str | None]


def _not_text(row: list[str], header: list[str]) -> tuple[str, int] | None:
    """`bad_text` of a row and the index of the cell it is about (0 for a NUL byte),
    naming the cell that holds bytes that are not UTF-8 and, when
    they read as Windows-1252 (what Excel saves as "CSV" on Windows), saying so: the fix
    is to save the file as "CSV UTF-8", and the note, not the meeting, is what held them."""
    bad = bad_text(row)
    if bad is None or "\x00" in "".join(row):
        return None if bad is None else (bad, 0)
    at, value = next((i, v) for i, v in enumerate(row) if bad_text((v,)))
    cell = f"the {header[at]} cell" if at < len(header) and header[at] else f"cell {at + 1}"
    try:
        value.encode("utf-8", "surrogateescape").decode("cp1252")
        ansi = ' (the file looks saved as Windows-1252, "ANSI")'
    except UnicodeError:
        ansi = ""
    why = (
        f'{cell} {NOT_UTF8}{ansi}; save the file as UTF-8 (in Excel: File > Save As > "CSV UTF-8")'
    )
    return why, at


def _screen(
    dirty: bool, unnamed: Unnamed, header: list[str], cells: dict[int, int]
) -> Screen | None:
    """The check a row of the header's length gets besides its fields' (bytes that are not
    text, a value under a column with no name): why it is rejected, or None. None when
    there is none to make, the usual case, so that the loop costs no more. ``cells``: the
    index of the cell that holds bytes that are not text, by line, for :func:`_point`."""

    def text(row: list[str], line: int) -> str | None:
        found = _not_text(row, header)
        if found is None:
            return None
        cells[line] = found[1]
        return found[0]

    if not unnamed.cells:
        return text if dirty else None

    def screen(row: list[str], line: int) -> str | None:
        if dirty and (bad := text(row, line)):
            return bad
        unnamed.see(row, line)
        return None

    return screen


def _blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def _rows(
    check: Checker,
    lines: Iterable[str],
    base: int,
    layout: Layout,
    file: str,
    out: Results,
    screen: Screen | None,
    resumable: bool,
    numbers: list[int],
    sep: str,
) -> int | None:
    """Read data rows from ``lines`` (line ``base + 1`` onwards), their cells separated by
    ``sep``. Returns the number of lines to skip when reading must resume after an open
    quote, else None at the end."""
    reader = csv.reader(lines, strict=True, delimiter=sep)
    width, pad, pick, named = layout.width, layout.pad, layout.pick, layout.named
    take, reject, keep = check.take, out.reject, out.completions.append
    contend = check.contenders.append
    dates, series_of, flags_of, masks = check.caches()
    at_owner = layout.cells["owner"]
    others = check.others
    prev = base
    while True:
        try:
            for row in reader:
                line = numbers[prev + 1]
                prev = base + reader.line_num
                if len(row) != width:
                    if _blank(row):
                        continue
                    if named <= len(row) < width:
                        # Without the empty columns a spreadsheet added right of the table
                        # (a row typed in an editor): it has every named cell.
                        row.extend([""] * (width - len(row)))
                    else:
                        # Whose row it is, from its owner cell, when it has one: a report on
                        # someone else does not list it (the cells before it rarely go
                        # astray: a note with commas or a forgotten cell comes after).
                        who = row[at_owner] if at_owner < len(row) else None
                        many = f"{len(row)} cell{'s' * (len(row) != 1)}"
                        why = f"row has {many}, the header has {width}"
                        if prev == line:
                            reject(file, line, why, who)
                            continue
                        quote = f"a quoted cell runs on to line {prev}: is a closing quote missing?"
                        reject(file, line, f"{why}; {quote}", who)
                        if resumable:
                            return line
                        continue
                if others is not None and row[at_owner] in others:
                    continue
                if screen is not None and (bad := screen(row, line)):
                    who = row[at_owner]
                    reject(file, line, bad, None if bad_text((who,)) else who)
                    continue
                if pad:
                    row.append("")
                cells = row if pick is None else pick(row)
                # Checker.take, inlined for a row whose every value the Checker has already
                # accepted (its caches hold nothing else): the common case, by far. A skip,
                # a value not seen before or a rejection goes through take() itself.
                day, activity, owner, with_, status, useful, actions, note, reason = cells
                dated = dates.get(day)
                series = series_of.get((activity, owner, with_))
                flags = flags_of.get((status, useful, actions))
                # A reason on a done row is rejected (take says why): rare, not inlined.
                if dated is None or series is None or flags is None or flags[0] != "done" or reason:
                    res = take(cells, file, line)
                    if res is None:
                        out.duplicate(owner)
                    elif isinstance(res, Reason):
                        if not _blank(row):
                            reject(file, line, res, owner)
                    else:
                        keep(res)
                    continue
                d, bit = dated
                act, own, wth, index = series
                mask = masks[index]
                st, u, a = flags
                made = _new(
                    Completion,
                    (d, act, own, wth, st, u, a, note or None, reason or None, file, line, None),
                )
                if mask & bit:
                    out.duplicate(own)
                    contend(made)  # a done row: it may say more than the record kept
                    continue
                masks[index] = mask | bit
                keep(made)
            return None
        except csv.Error as exc:
            line, end = prev + 1, base + reader.line_num
            said = str(exc)
            if "field limit" in said:  # csv's "field larger than field limit (10485760)"
                said = "a cell is over 10 MB"
            if end > line:
                why = f"a quote opened on this line is still open on line {end} ({said})"
            elif "end of data" in said:
                why = "a quote opened on this line is never closed"
            elif said == "a cell is over 10 MB":
                why = f"{said}: shorten the note, or close a quote left open"
            else:
                why = f"{said}: check the quotes on this line"
            reject(file, line, f"{UNREADABLE_ROW}{why}")
            if end > line and resumable:
                return line
            prev = end


def _read(check: Checker, opener: Opener, file: str, out: Results, dirty: bool, lines: int) -> None:
    numbers = out.numbers(lines)
    first = len(out.rejected)
    layout: Layout | None = None
    unnamed = Unnamed([])
    screen: Screen | None = None
    not_text: dict[int, int] = {}  # line: the cell of a row's bytes that are not text
    start = 0
    with opener() as handle:
        sep, skip = dialect(handle)
    for attempt in range(MAX_RESUMES + 1):
        with opener() as handle:
            rest: Iterator[str] = islice(handle, skip, None) if skip else iter(handle)
            if layout is None:
                found = _first_row(rest, file, out, sep, skip)
                if found is None:
                    return
                header, start, skip = found
                made = (
                    f"header: {bad}"
                    if dirty and (bad := bad_text(header))
                    else header_layout(header, file, skip, out, sep)
                )
                if isinstance(made, str):
                    unread = sum(1 for ln in rest if ln.strip())
                    lost = _unread(unread)
                    if made.startswith((NO_HEADER, NAMES_NONE)):  # the row is lost as well
                        lost = f"it and {lost}" if unread else "it is not read"
                    out.reject(file, skip, f"{made}; {lost}")
                    return
                layout = made
                unnamed = Unnamed(layout.unnamed)
                screen = _screen(dirty, unnamed, header, not_text)
            resumable = attempt < MAX_RESUMES
            resume = _rows(check, rest, skip, layout, file, out, screen, resumable, numbers, sep)
        if resume is None:
            break
        skip = resume
    assert layout is not None
    if unnamed.rows:
        out.reject(file, unnamed.line, unnamed.reason())
    _point(opener, out, first, layout, start, unnamed, sep, not_text)


def _point(
    opener: Opener,
    out: Results,
    first: int,
    layout: Layout,
    header: int,
    unnamed: Unnamed,
    sep: str,
    not_text: dict[int, int],
) -> None:
    """Point the rejections of the file from ``out.rejected[first]`` on at the cell at fault,
    where the reader knows it: an unknown column of the header (on line ``header``), the
    cell of the field a row's reason names first (`useful: 7 is outside 1-5`), the first
    value under a column with no name, the cell that holds bytes that are not UTF-8 (by
    line, in ``not_text``). The rest
    (a row of the wrong length, a skip without a reason) stay at their row's column 1.
    Done after reading, on the few rows rejected, so that reading a row costs no more."""
    wanted: dict[int, list[tuple[int, int]]] = {}  # line: (index in out.rejected, cell)
    for i, cell in enumerate(layout.unknown, first):
        wanted.setdefault(header, []).append((i, cell))
    # Rows that cannot be read (a quote left open): whose they are, from the owner cell,
    # when it comes before the trouble. line: indexes in out.rejected.
    owned: dict[int, list[int]] = {}
    for i in range(first + len(layout.unknown), len(out.rejected)):
        r = out.rejected[i]
        at = layout.cells.get(r.reason.split(":", 1)[0])
        if at is None and r.reason.startswith(UNNAMED):
            at = unnamed.cell
        if at is None and NOT_UTF8 in r.reason:
            at = not_text.get(r.line)
        if at is not None and at > 0:  # the first cell is at column 1 already
            wanted.setdefault(r.line, []).append((i, at))
        elif r.owner is None and r.reason.startswith(UNREADABLE_ROW):
            owned.setdefault(r.line, []).append(i)
    if not wanted and not owned:
        return
    last = max([*wanted, *owned])
    with opener() as handle:
        numbered = enumerate(handle, 1)
        following = (line for _, line in numbered)
        for n, text in numbered:
            if n > last:
                break
            if n in owned:
                who = owner_cell(text, layout.cells["owner"], sep)
                for i in owned[n]:
                    out.rejected[i] = out.rejected[i]._replace(owner=who)
            if n not in wanted:
                continue
            # A quoted cell that runs on takes the lines after it from ``numbered`` too.
            cells = max(cell for _, cell in wanted[n]) + 1
            starts = list(islice(cell_starts(chain([text], following), sep), cells))
            for i, cell in wanted[n]:
                if cell < len(starts):
                    down, at = starts[cell]
                    out.rejected[i] = out.rejected[i]._replace(line=n + down, column=at + 1)


def cell_starts(lines: Iterable[str], sep: str = ",") -> Iterator[tuple[int, int]]:
    """Where each cell of the CSV row that starts on the first of ``lines`` begins: (lines
    below the first, characters into that line), as ``csv.reader`` splits the row. The csv
    module tells no positions, so its rules are followed here: a cell that starts with a
    quote runs to the quote that closes it (``""`` is a quote inside it), over line breaks;
    any other cell to the next ``sep``. The lines after the first are read only while a
    quoted cell runs on; a quote never closed ends the row."""
    rest = iter(lines)
    text = next(rest, None)
    if text is None:
        return
    down = at = 0
    while True:
        yield down, at
        if text.startswith('"', at):
            at += 1
            while True:
                quote = text.find('"', at)
                if quote >= 0 and text.startswith('"', quote + 1):
                    at = quote + 2
                elif quote >= 0:
                    at = quote + 1
                    break
                elif (more := next(rest, None)) is not None:
                    text, at, down = more, 0, down + 1
                else:
                    return
        after = text.find(sep, at)
        if after < 0:
            return
        at = after + 1


def owner_cell(text: str, at: int, sep: str = ",") -> str | None:
    """The cell at index ``at`` of the CSV row that starts on the line ``text``, as
    ``csv.reader`` would read it, when it ends on that line: the owner of a row whose
    quotes, after it, cannot be read. None when the row does not get that far."""
    starts = [start for down, start in islice(cell_starts([text], sep), at + 1) if not down]
    if len(starts) <= at:
        return None
    rest = text[starts[at] :].rstrip("\r\n")
    if rest.startswith('"'):
        closed = re.match(rf'"((?:[^"]|"")*)"(?:{re.escape(sep)}|$)', rest)
        rest = closed.group(1).replace('""', '"') if closed else ""
    else:
        rest = rest.split(sep, 1)[0]
    return rest.strip() or None


def _unread(n: int) -> str:
    return f"{n} more line{'s' * (n != 1)} not read"


def _first_row(
    lines: Iterator[str], file: str, out: Results, sep: str, base: int = 0
) -> tuple[list[str], int, int] | None:
    """The first non-blank row of ``lines`` (line ``base + 1`` onwards), the line it starts
    on and the line it ends on; None for an empty file, or for a header that cannot be read
    (reported at the line it starts on)."""
    reader = csv.reader(lines, strict=True, delimiter=sep)
    start = base + 1
    try:
        for row in reader:
            if not _blank(row):
                return row, start, base + reader.line_num
            start = base + reader.line_num + 1
    except csv.Error as exc:
        why = "a quote opened here is never closed" if "end of data" in str(exc) else str(exc)
        unread = base + reader.line_num - start
        out.reject(file, start, f"header: cannot read it: {why}; {_unread(unread)}")
    return None


def read_csv(check: Checker, path: Path, file: str, out: Results) -> None:
    """Read one CSV log into ``out``; UTF-8 (with or without a BOM), any line ends."""
    raw = path.read_bytes()
    lines = raw.count(b"\n") + raw.count(b"\r") + 1  # at least as many as csv counts
    dirty = b"\x00" in raw
    if not dirty:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            dirty = True
    if dirty:
        # Rows with NUL bytes or bytes that are not UTF-8 are rejected one by one.
        text = raw.decode("utf-8-sig", errors="surrogateescape")

        def opener() -> contextlib.AbstractContextManager[TextIO]:
            return contextlib.nullcontext(io.StringIO(text, newline=""))
    else:
        del raw

        def opener() -> contextlib.AbstractContextManager[TextIO]:
            return open(path, encoding="utf-8-sig", newline="")

    _read(check, opener, file, out, dirty, lines)
