"""The roster (DESIGN.md §4): ``org.yaml``, ``org.csv`` or inline ``people:``."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import TypeAdapter, ValidationError

from morctl.diagnostics import Diagnostic, clip, error, joined
from morctl.model import SLUG_PATTERN, AwayEntry, Person, away_period
from morctl.schema_errors import KEY_ALIASES, to_diagnostics
from morctl.values import declared_separator, ordinal
from morctl.yamlload import (
    Mark,
    Positions,
    decode_error_at,
    gc_paused,
    load_yaml,
    wide_encoding,
)

CSV_COLUMNS = ("id", "name", "email", "role", "manager", "timezone", "country")
# Optional columns beyond DESIGN §4's: the days a person joins and leaves the team, and a
# change of team (the day they report to `manager`, and to whom before it).
DATED_COLUMNS = ("joined", "left", "manager_since", "previous_manager")
_REQUIRED = ("id", "name", "role")
_PEOPLE = TypeAdapter(list[Person])
_ID = re.compile(SLUG_PATTERN)


Indexed = list[tuple[int, Person]]
Failed = dict[str, tuple[str, ...]]  # id of a person left out -> the e-mail and name given


@dataclass(frozen=True)
class Partial:
    """A person left out for a schema error, as far as the rest of the entry reads: the
    fields at fault taken out (``unread``, with any required one stood in for), so that the
    checks of the others (role, time zone, country, away) still run on it. An HR export's
    row with a bad manager and a bad time zone is told both in one run: the check of the
    zone does not depend on the manager."""

    index: int  # in the items read
    label: str  # how messages name it: its id, else its row ("row 8") or name ("Jamal Reed")
    person: Person
    unread: frozenset[str]


# What stands in for a required field at fault: a value no check reads (see ``unread``).
_STAND_IN = {"id": "left-out", "name": "?", "role": "left-out"}


@dataclass(frozen=True)
class AwayAdded:
    """An entry of org.yaml with only ``id`` and ``away`` beside org.csv: away periods for
    the person of the export with that id (the workspace finds them). ``entry`` is None
    when the entry failed the schema (reported already). An entry for a person of org.csv
    with more keys is one too, gone wrong: ``defines`` names the keys of a person it gives
    beside those two (the person given again, MOR601), ``entry`` holds its id and away."""

    index: int  # in the list of people
    id: str
    entry: AwayEntry | None
    defines: tuple[str, ...] = ()


def away_only(item: Any) -> bool:
    """Whether a roster entry gives only an id and away periods: beside org.csv, the away
    periods of a person of the export, not a person of its own."""
    return isinstance(item, dict) and set(item) == {"id", "away"}


@dataclass
class RosterRead:
    """What one roster file yields: the people that passed the schema, where they are, the
    problems found, the people left out for a problem (``failed``: id -> the e-mail and name
    their row gave, by which a manager may be written), and whether the file could not be
    read as a whole (``incomplete``), so that the checks do not report references to those
    people as unknown."""

    people: Indexed
    positions: Positions
    diagnostics: list[Diagnostic]
    failed: Failed = field(default_factory=dict)
    incomplete: bool = False
    given: int = 0  # the people the file gives, read or not: what a message counts
    partial: list[Partial] = field(default_factory=list)
    aways: list[AwayAdded] = field(default_factory=list)


_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def _raw_names(item: Any) -> tuple[str, ...]:
    """The e-mail and name a row left out gave: a manager may be written by either."""
    if not isinstance(item, dict):
        return ()
    return tuple(v for k in ("email", "name") if isinstance(v := item.get(k), str) and v.strip())


def _raw_id(item: Any) -> str | None:
    raw = item.get("id") if isinstance(item, dict) else None
    if isinstance(raw, bool):
        return str(raw).lower()
    # An employee number (`id: 1001`) is a number to YAML: still the id it names.
    return str(raw) if isinstance(raw, (str, int, float)) else None


def validate_people(
    items: list[Any],
    positions: Positions,
    prefix: tuple[str | int, ...],
    rows: list[int] | None = None,
    places: list[int] | None = None,
) -> tuple[Indexed, list[Diagnostic], Failed, list[Partial]]:
    """Validate people, all at once when they are clean (fast), else one by one so that a bad
    row costs only that row. Each person comes with its index in ``items``; the ids of the
    people that failed come back too, and what of each can still be checked. ``rows`` (a
    CSV roster) gives the line of each item: its messages then name the row by its person's
    id, else by its line. ``places``: the index in the file's list of each item, when some
    of the list is read otherwise (org.yaml's away periods for people of org.csv)."""
    at = places if places is not None else range(len(items))
    try:
        with gc_paused():
            return list(zip(at, _PEOPLE.validate_python(items), strict=True)), [], {}, []
    except ValidationError:
        pass
    people: Indexed = []
    diags: list[Diagnostic] = []
    failed: Failed = {}
    partial: list[Partial] = []
    for i, item in zip(at, items, strict=True):
        try:
            people.append((i, Person.model_validate(item)))
        except ValidationError as exc:
            pid = _raw_id(item)
            bad_id = any(e["loc"][:1] == ("id",) for e in exc.errors(include_url=False))
            named = pid if pid and not bad_id and _ID.match(pid) else None
            row = None
            if rows is not None:  # named by its id, unless that is what is wrong
                row = named or f"row {abs(rows[i])}"
            label = row or named or _unnamed(item, i)
            path = (*prefix, i)
            diags.extend(to_diagnostics(exc, Person, positions, path, row=row, who=label))
            if pid is not None:
                failed[pid] = _raw_names(item)
            if (rest := _partial(item, exc, i, label)) is not None:
                partial.append(rest)
    return people, diags, failed, partial


def _unnamed(item: Any, index: int) -> str:
    """How messages name a person of a YAML roster whose id is what is wrong: by their name
    (`Jamal Okafor: id: 'Jamal' is not an id`), else by their place in the list."""
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and (words := " ".join(name.split())):
        return clip(words, 40)
    return f"the {ordinal(index + 1)} person"


def _partial(item: Any, exc: ValidationError, index: int, label: str) -> Partial | None:
    """What of a person refused by the schema can still be checked: the entry without the
    fields at fault."""
    if not isinstance(item, dict):
        return None
    unread = {str(e["loc"][0]) for e in exc.errors(include_url=False) if e["loc"]}
    rest = {k: v for k, v in item.items() if k not in unread}
    for key, value in _STAND_IN.items():
        if key not in rest:
            rest[key] = value
            unread.add(key)
    try:
        person = Person.model_validate(rest)
    except ValidationError:
        return None
    return Partial(index, label, person, frozenset(unread))


def load_org_yaml(
    raw: bytes, file: str, beside_csv: bool = False, csv_ids: Collection[str] = ()
) -> RosterRead:
    """``beside_csv``: org.csv is in the workspace too, so that an entry of only ``id`` and
    ``away`` is away periods for one of its people (``aways``), not a person. ``csv_ids``:
    the ids org.csv gives; an entry with one of them is read as away periods too, whatever
    its keys, since the export already defines that person."""
    loaded = load_yaml(raw, file)
    diags = list(loaded.diagnostics)
    data = loaded.data
    if data is None:
        return RosterRead([], loaded.positions, diags, incomplete=True)
    if not isinstance(data, dict):
        mark = loaded.positions.at(())
        got = "a list" if isinstance(data, list) else f"'{clip(str(data))}'"
        diags.append(
            error(
                file,
                mark.line,
                mark.column,
                "MOR203",
                f"org.yaml must be a mapping with the key 'people', got {got}",
                "org.yaml holds one key, people: a list of {id, name, role, ...}",
            )
        )
        return RosterRead([], loaded.positions, diags, incomplete=True)
    misspelt = False
    for key in data:
        if key != "people":
            mark = loaded.positions.at((key,), key=True)
            close = difflib.get_close_matches(key, ["people"], n=1)
            misspelt = misspelt or bool(close)
            diags.append(
                error(
                    file,
                    mark.line,
                    mark.column,
                    "MOR201",
                    f"unknown key '{key}'" + (" (did you mean 'people'?)" if close else ""),
                    "org.yaml holds only 'people'",
                )
            )
    if "people" not in data and misspelt:  # already reported, with "did you mean"
        return RosterRead([], loaded.positions, diags, incomplete=True)
    if "people" not in data:
        mark = loaded.positions.at(())
        diags.append(
            error(
                file,
                mark.line,
                mark.column,
                "MOR202",
                "org.yaml: missing required key 'people'",
                "org.yaml holds one key, people: a list of {id, name, role, ...}",
            )
        )
        return RosterRead([], loaded.positions, diags, incomplete=True)
    items = data["people"]
    if not isinstance(items, list):
        mark = loaded.positions.at(("people",))
        diags.append(
            error(file, mark.line, mark.column, "MOR203", "people: expected a list of people")
        )
        return RosterRead([], loaded.positions, diags, incomplete=True)
    aside = {
        i
        for i, item in enumerate(items)
        if beside_csv and (away_only(item) or (isinstance(item, dict) and _raw_id(item) in csv_ids))
    }
    aways = [_away_added(items[i], i, loaded.positions, diags) for i in sorted(aside)]
    places = [i for i in range(len(items)) if i not in aside] if aside else None
    kept = [items[i] for i in places] if places is not None else items
    people, more, failed, partial = validate_people(
        kept, loaded.positions, ("people",), None, places
    )
    return RosterRead(
        people,
        loaded.positions,
        diags + more,
        failed,
        given=len(kept),
        partial=partial,
        aways=aways,
    )


def _away_added(
    item: dict[str, Any], index: int, positions: Positions, diags: list[Diagnostic]
) -> AwayAdded:
    """One entry of only id and away, its schema errors (a period in another shape, an id
    in capitals) added to ``diags``. An entry for a person of org.csv with other keys is
    read the same way: a key of a person (`name`, `timezone`) is theirs given a second time,
    which the workspace reports with where org.csv has them (MOR601); any other key is
    unknown here (`awy`: did you mean 'away'?); an entry of only an id adds nothing."""
    pid = _raw_id(item) or "?"
    label = pid if _ID.fullmatch(pid) else f"the {ordinal(index + 1)} person"
    defines = tuple(k for k in item if k not in ("id", "away") and k in Person.model_fields)
    rest = {k: v for k, v in item.items() if k not in defines}
    if defines and "away" not in rest:
        rest["away"] = []  # a whole person, no leave: nothing of theirs is missing here
    if set(rest) == {"id"}:
        mark = positions.at(("people", index))
        diags.append(
            error(
                positions.file,
                mark.line,
                mark.column,
                "MOR202",
                f"{label}: missing required key 'away' (an entry of only an id adds nothing to "
                f"{pid} of org.csv)",
                f"give their away periods, as {{id: {pid}, away: [{{from: YYYY-MM-DD, to: "
                "YYYY-MM-DD}]}, or delete the entry",
            )
        )
        return AwayAdded(index, pid, None)
    try:
        return AwayAdded(index, pid, AwayEntry.model_validate(rest), defines)
    except ValidationError as exc:
        diags.extend(to_diagnostics(exc, AwayEntry, positions, ("people", index), who=label))
        return AwayAdded(index, pid, None, defines)


def _short_row_hint(
    columns: list[str | None], row: list[str], unclosed: bool, sep: str = ","
) -> str:
    """What to do about a row whose cells do not match the header, in the words of the
    file's separator ``sep``."""
    word = {",": "comma", ";": "semicolon", "\t": "tab"}[sep]
    if unclosed:
        return "a quote opened in this row is never closed"
    if len(row) > len(columns):
        return f"quote cells that contain {word}s"
    if len(row) == 1 and not _ID.fullmatch(row[0].strip()):
        # A report's title or footer ("Confidential Information - Do Not Distribute"):
        # commas added to it, as below, would make it a person.
        return "a line of text, not a person (a report's title or footer, say): delete it"
    missing = [c or "?" for c in columns[len(row) :]]
    n = len(missing)
    last = (
        f"the last one ({missing[0]}) is" if n == 1 else f"the last {n} ({', '.join(missing)}) are"
    )
    ends = sep * n if sep != "\t" else f"{n} tab{'s' * (n != 1)}"
    return f"if {last} empty, end the row with {ends}; else a {word} is missing in it"


def load_org_csv(raw: bytes, file: str) -> RosterRead:
    """An HRIS export with a header row; each row's position is its line."""
    positions = Positions(file)
    diags: list[Diagnostic] = []
    if (wide := wide_encoding(raw)) is not None:
        # Excel's "Unicode Text" export: UTF-16, and its cells are separated by tabs.
        bad = error(
            file,
            1,
            1,
            "MOR102",
            f"file is {wide} text; morctl reads UTF-8 CSV",
            'export it again as "CSV UTF-8 (Comma delimited)" (Excel: Save As)',
        )
        return RosterRead([], positions, [bad], incomplete=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = decode_error_at(raw, exc)
        bad = error(file, line, col, "MOR102", "file is not UTF-8 text", "export the CSV as UTF-8")
        return RosterRead([], positions, [bad], incomplete=True)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        bad = error(file, line, 1, "MOR102", "file contains a NUL byte")
        return RosterRead([], positions, [bad], incomplete=True)
    # Excel's `sep=;` first line declares the separator and is no row (as in the logs).
    declared = declared_separator(text.split("\n", 1)[0])
    skip = 1 if declared else 0
    sep = declared or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        if skip:
            next(reader)
        header = next(reader)
    except StopIteration:
        empty = error(
            file,
            1 + skip,
            1,
            "MOR103",
            "file is empty",
            f"the first row names the columns: {','.join(CSV_COLUMNS)}",
        )
        return RosterRead([], positions, [empty], incomplete=True)
    except csv.Error as exc:
        bad = error(file, 1, 1, "MOR101", f"CSV cannot be read: {exc}")
        return RosterRead([], positions, [bad], incomplete=True)
    # The lines as the csv reader counts them (str.splitlines also breaks at \x0c, \x85, ...).
    lines = io.StringIO(text, newline="").readlines()
    # A second byte-order mark or a zero-width space (a file saved twice, a name pasted
    # from a web page) would make 'id' an unknown column that reads as 'id'.
    header = [h.strip().strip(_INVISIBLE).strip() for h in header]
    for other in (";", "\t") if not declared else ():
        # A spreadsheet in a European locale saves "CSV" (even "CSV UTF-8") with semicolons,
        # the list separator of the system: one column whose name holds every column's.
        # Read with that separator, as the completion logs are.
        if len(header) == 1 and "id" in [h.strip().lower() for h in header[0].split(other)]:
            sep = other
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
            header = [h.strip().strip(_INVISIBLE).strip() for h in next(reader)]
            break
    columns: list[str | None] = []
    suggested: set[str] = set()
    # Columns without a name: Excel saves the empty columns right of a table it formatted.
    # Reported only if a row holds something there (at the column, from the first such row).
    unnamed: dict[int, int] = {}
    filled: dict[int, int] = {}
    # Away columns (`away`, `Away From`): org.csv has none, as a cell holds no list of
    # periods; the first row that fills one gives the hint its person and dates.
    away: dict[int, tuple[int, str]] = {}
    away_cells = ""
    away_who = "alice"
    for i, written in enumerate(header):
        # Matched regardless of case, as log headers are (an HRIS export says `ID`, `Name`).
        name = written.lower()
        if (name in CSV_COLUMNS or name in DATED_COLUMNS) and name not in columns:
            columns.append(name)
            continue
        columns.append(None)
        col = _column(lines[skip], i, sep) if reader.line_num == 1 + skip else 1
        if not name:
            unnamed[i] = col
            continue
        if name in columns:
            diags.append(error(file, 1, col, "MOR106", f"duplicate column '{written}'"))
            continue
        if name.replace("_", " ").startswith("away"):
            away[i] = (col, written)  # reported below, with the dates of its first cell
            continue
        alias = KEY_ALIASES.get(" ".join(name.replace("_", " ").split()))
        close = (
            [alias] if alias else difflib.get_close_matches(name, CSV_COLUMNS + DATED_COLUMNS, n=1)
        )
        suggested.update(close)
        diags.append(
            error(
                file,
                1,
                col,
                "MOR201",
                f"unknown column '{written}'" + (f" (did you mean '{close[0]}'?)" if close else ""),
                f"columns are {','.join(CSV_COLUMNS)}, and optionally {','.join(DATED_COLUMNS)}",
            )
        )
    missing = [c for c in _REQUIRED if c not in columns]
    # A misspelt column was already reported with "did you mean": one mistake, one error.
    unexplained = [c for c in missing if c not in suggested]
    if unexplained:
        diags.append(
            error(
                file,
                1,
                1,
                "MOR202",
                f"missing required column{'s' * (len(unexplained) > 1)} "
                + ", ".join(f"'{m}'" for m in unexplained),
                f"columns are {','.join(CSV_COLUMNS)}",
            )
        )
    if missing:
        return RosterRead([], positions, diags, incomplete=True)
    items: list[dict[str, str]] = []
    failed: Failed = {}
    incomplete = False
    short_rows = 0  # rows of the wrong length, left out
    id_index = columns.index("id")
    rows: list[int] = []  # the line each kept row starts on, by its index in `items`
    ends: dict[int, int] = {}  # the line a row that spans lines ends on, by its first

    def locate(path: tuple[str | int, ...]) -> Mark | None:
        if len(path) < 2 or path[0] != "people" or not isinstance(path[1], int):
            return None
        if not 0 <= path[1] < len(rows):
            return None
        line = abs(rows[path[1]])
        if len(path) == 3 and path[2] in columns:
            # A row that spans lines (a quoted line break) has on its first line the cells
            # up to the one that breaks: those are found, the later ones fall back to the row.
            starts = _cell_starts(lines[line - 1] if line - 1 < len(lines) else "", sep)
            ci = columns.index(path[2])
            if ci < len(starts):
                return Mark(line, starts[ci])
        return Mark(line, 1)

    positions.lazy = locate
    try:
        with gc_paused():
            end = reader.line_num
            for row in reader:
                # A row starts on the line after the previous one ended (a quoted cell may
                # span lines, and line_num is where the row ends).
                line, end = end + 1, reader.line_num
                if not row or not any(cell.strip() for cell in row):
                    continue
                for i in unnamed:
                    if i < len(row) and row[i].strip():
                        filled.setdefault(i, line)
                if away and not away_cells:
                    away_cells = " ".join(row[i] for i in away if i < len(row)).strip()
                    who = row[id_index].strip() if id_index < len(row) else ""
                    away_who = who if away_cells and _ID.fullmatch(who) else away_who
                if len(row) != len(columns):
                    unclosed = end > line and any("\n" in c or "\r" in c for c in row)
                    diags.append(
                        error(
                            file,
                            line,
                            1,
                            "MOR205",
                            f"row has {len(row)} cell{'s' * (len(row) != 1)} but the header "
                            f"has {len(columns)}"
                            + (f" (it runs on to line {end})" if unclosed else ""),
                            _short_row_hint(columns, row, unclosed, sep),
                        )
                    )
                    if len(row) > id_index and row[id_index].strip():
                        given = dict(zip(columns, row, strict=False))
                        failed[row[id_index].strip()] = _raw_names(given)
                    short_rows += 1
                    continue
                record = {
                    c: cell.strip()
                    for c, cell in zip(columns, row, strict=True)
                    if c is not None and cell.strip() != ""
                }
                rows.append(line if end == line else -line)  # negative: spans lines
                if end > line:
                    ends[line] = end
                items.append(record)
    except csv.Error as exc:
        diags.append(
            error(
                file,
                reader.line_num,
                1,
                "MOR101",
                f"CSV cannot be read: {exc}",
                "check for an unclosed quote",
            )
        )
    for col, written in away.values():
        diags.append(
            error(
                file,
                1,
                col,
                "MOR201",
                f"unknown column '{written}': org.csv cannot hold away periods",
                "delete the column, and give the away periods in org.yaml, in an entry of "
                f"only id and away for each person: - {{id: {away_who}, away: "
                f"[{away_period(away_cells)}]}}",
            )
        )
    for i, line in sorted(filled.items()):
        diags.append(
            error(
                file,
                1,
                unnamed[i],
                "MOR201",
                f"a column without a name holds values (first on line {line}): they are not read",
                f"name the column ({','.join(CSV_COLUMNS)}), or delete it",
            )
        )
        incomplete = True
    if not items and not short_rows and not incomplete:
        # A header and nothing under it: an export cut short, or made with a filter that
        # matched nobody. Read as a roster of no one, every role would be held by nobody.
        diags.append(
            error(
                file,
                1,
                1,
                "MOR103",
                "the file has its header row but no people",
                "export the roster again: one row per person who runs or attends the rhythm",
            )
        )
        incomplete = True
    people, more, failed_rows, partial = validate_people(items, positions, ("people",), rows)
    more = _swallowed(more, ends, columns, sep)
    # A misspelt manager column (`Manager ID`) leaves every row without its manager: the
    # reporting lines read are not the roster's, and checks on them would only repeat it.
    incomplete = incomplete or "manager" in suggested
    return RosterRead(
        people,
        positions,
        diags + more,
        failed | failed_rows,
        incomplete,
        given=len(items) + short_rows,
        partial=partial,
    )


def _swallowed(
    diags: list[Diagnostic], ends: dict[int, int], columns: list[str | None], sep: str = ","
) -> list[Diagnostic]:
    """A quote opened in a cell and closed on a later line makes the rows between part of
    that cell. When the row still has as many cells as the header, the only mistake seen
    is a line break in the cell: say that it ran on, and whose rows it took, as those
    people are missing from the roster with nothing else telling of them. A cell is taken
    to have run on when its first line holds the rest of its row's cells, and a later line
    holds cells too: a name written on two lines on purpose (`"Alice⏎Moreau"`) has none."""
    out = []
    for d in diags:
        end = ends.get(d.line)
        if end is None or d.code != "MOR203" or d.about is None or "line break" not in d.message:
            out.append(d)
            continue
        key, cell = d.about
        first, *later = cell.splitlines()
        rest = len(columns) - 1 - columns.index(key) if key in columns else len(columns)
        if first.count(sep) < rest or not any(sep in t for t in later):
            out.append(d)
            continue
        # Each line after the break is a row taken whole: its person's id is in the id column.
        at = columns.index("id") if "id" in columns else 0
        who = [(t.split(sep)[at:] or ["?"])[0].strip(' "') or "?" for t in later]
        span = f"line {end}" if end == d.line + 1 else f"lines {d.line + 1}–{end}"
        people = f"{who[0]} on {span} is" if len(who) == 1 else f"{joined(who)} on {span} are"
        out.append(
            replace(
                d,
                message=f"{d.message}; the cell runs on into line {end}: an unclosed quote "
                f"in it swallowed the next row{'s' * (end > d.line + 1)}, so {people} missing",
                hint=f"close the quote where the cell ends on line {d.line}, or remove it",
            )
        )
    return out


def _column(line: str, index: int, sep: str = ",") -> int:
    """1-based column where the ``index``-th cell of ``line`` starts."""
    starts = _cell_starts(line, sep)
    return starts[index] if index < len(starts) else 1


def _cell_starts(line: str, sep: str = ",") -> list[int]:
    """1-based columns where the cells of one CSV line start; separators inside quotes do
    not separate cells."""
    starts = [1]
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            starts.append(i + 2)
    return starts
