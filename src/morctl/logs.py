"""Completion logs (DESIGN.md §8): every file under ``logs/``, read by its extension.

``.csv`` (see `morctl.logcsv`), ``.jsonl``, ``.yaml``/``.yml``, ticked Markdown checklists
``.md`` and calendar exports ``.ics`` (see `morctl.logics`). Every record goes through the
one :class:`~morctl.logcheck.Checker`; a record that fails is rejected as a whole, with its
file, line and reason. The same completion (date, activity, owner, with) found twice counts
once: the first in (file path, line) order is kept. Files and folders whose name starts
with ``.`` are skipped (``.gitkeep``, editor swap files, morctl's own temporary files);
any other file of a type morctl does not read is reported, so that no log is ignored
without a word. See docs/logs.md.
"""

from __future__ import annotations

import json
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from morctl.atomic import dead_link, same_file
from morctl.completion import NOT_SHOWN, Completion, Reason, Rejected
from morctl.diagnostics import clip
from morctl.logcheck import (
    FIELDS,
    LINE_END,
    Checker,
    Results,
    bad_text,
    cells,
    parse_key,
    prefer,
)
from morctl.logcsv import read_csv
from morctl.logics import read_ics
from morctl.mdtext import inert
from morctl.progress import track_bytes
from morctl.values import parse_date
from morctl.workspace import Workspace
from morctl.yamlload import (
    MAX_YAML_BYTES,
    Loaded,
    gc_paused,
    load_yaml,
    too_large,
    wide_encoding,
    wide_text,
)

Reader = Callable[[Checker, Path, str, Results], None]


def _text(path: Path) -> tuple[str, bool]:
    """The file's text, and whether it has bytes that are not UTF-8 (kept as surrogates, so
    that only the records holding them are rejected)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8-sig", errors="surrogateescape"), True


def _record(
    check: Checker,
    record: Mapping[str, Any],
    file: str,
    line: int,
    out: Results,
    unknown: set[str],
    written: Mapping[str, str] | None = None,
    place: Callable[[str, bool], tuple[int, int]] | None = None,
) -> None:
    """Check one JSON / YAML record; its unknown keys are reported once per file.
    ``written``: a YAML record's numbers as the file spells them (see `cells`); ``place``:
    the line and column of a YAML record's key (or, without ``True``, its value)."""

    def at(name: str, key: bool = False) -> tuple[int, int]:
        return place(name, key) if place is not None and name in record else (line, 1)

    for key in record:
        if key not in FIELDS and key not in unknown:
            unknown.add(key)
            why = f"unknown key '{clip(str(key))}' is ignored (keys: {', '.join(FIELDS)})"
            ln, col = at(key, True)
            out.reject(file, ln, why, column=col)
    row, wrong = cells(record, written)
    res = check.reasons(row, wrong) if wrong else check.take(row, file, line)
    if isinstance(res, Reason):
        # At the value of the first field the reason names (`useful: 9 is outside 1-5`).
        field = str(res).split(":", 1)[0]
        ln, col = at(field) if field in FIELDS else (line, 1)
        owner = record.get("owner")
        out.reject(file, ln, res, owner if isinstance(owner, str) else None, col)
        return
    out.record(res, file, line, row[2])


def _clean(owner: str | None) -> str | None:
    """An owner read from a record whose text cannot be trusted, if the owner itself can."""
    return owner if owner is not None and bad_text((owner,)) is None else None


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else json.dumps(value)[:40]


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when a key repeats (json.loads would keep the last one
    without a word; YAML logs refuse the same record)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def read_jsonl(check: Checker, path: Path, file: str, out: Results) -> None:
    """One JSON object per line; blank lines are skipped."""
    text, dirty = _text(path)
    unknown: set[str] = set()
    for n, line in enumerate(LINE_END.split(text), 1):
        if not line.strip():
            continue
        if bad := bad_text((line,)) if dirty or "\x00" in line else None:
            out.reject(file, n, bad, _clean(_json_owner(line)))
            continue
        try:
            obj = json.loads(line, object_pairs_hook=_no_duplicates, parse_float=_Spelt.of)
        except _DuplicateKey as exc:
            why = f"duplicate key '{clip(exc.key)}'; keep one"
            out.reject(file, n, why, _json_owner(line))
            continue
        except ValueError as exc:
            msg = getattr(exc, "msg", str(exc))
            col = getattr(exc, "colno", None)
            why = f"not JSON: {msg}" + (f" (column {col})" if col else "")
            out.reject(file, n, why, _json_owner(line))
            continue
        except RecursionError:
            out.reject(file, n, "not JSON: nested too deeply", _json_owner(line))
            continue
        if not isinstance(obj, dict):
            out.reject(file, n, f"expected a JSON object {{...}}, got {_kind(obj)}")
            continue
        spelt = {k: v.text for k, v in obj.items() if isinstance(v, _Spelt)}
        _record(check, obj, file, n, out, unknown, spelt or None, _json_place(line, n))


class _Spelt(float):
    """A JSON number with a fraction or an exponent, and the text the line spells it with:
    a reason quotes `1e2` as written, not as '100.0' (as a YAML record's numbers are)."""

    text: str

    @classmethod
    def of(cls, text: str) -> _Spelt:
        number = cls(text)
        number.text = text
        return number


def _json_place(line: str, n: int) -> Callable[[str, bool], tuple[int, int]]:
    """Where a key of the JSON object on line ``n`` (or, without ``True``, its value)
    starts: (line, column). Found when first asked, for a record rejected."""
    found: list[dict[str, tuple[int, int]]] = []

    def place(name: str, key: bool) -> tuple[int, int]:
        if not found:
            found.append(_json_members(line))
        at = found[0].get(name)
        return n, 1 if at is None else at[0 if key else 1] + 1

    return place


def _json_members(text: str) -> dict[str, tuple[int, int]]:
    """Where each key of the JSON object ``text`` starts and where its value starts, as
    offsets into ``text``. For text that json.loads has read; what cannot be walked is left
    out."""
    return {key: (at, value) for key, at, value, _ in _json_pairs(text)}


def _json_owner(text: str) -> str | None:
    """The owner a JSON line names, read as far as the line can be read: a record with a
    key given twice, or broken after its owner, is still its owner's (a report on someone
    else does not list it). None when it gives no owner, or two, or not as text."""
    owners = [value for key, _, _, value in _json_pairs(text) if key == "owner"]
    return owners[0] if len(owners) == 1 and isinstance(owners[0], str) else None


def _json_pairs(text: str) -> Iterator[tuple[str, int, int, Any]]:
    """Each member of the JSON object ``text``, in order: its key, the offsets where the
    key and the value start, and the value. The json module tells no positions: the
    object's punctuation (the braces, colons and commas, and the white space around them)
    is walked here, and each key and value is read by json's own decoder, which says where
    it ends. The walk stops where the text cannot be read, with the members before it."""
    decoder = json.JSONDecoder()

    def skip(at: int) -> int:
        while at < len(text) and text[at] in " \t\n\r":  # JSON's white space, no other
            at += 1
        return at

    at = skip(0)
    if not text.startswith("{", at):
        return
    at = skip(at + 1)
    try:
        while text.startswith('"', at):
            key, end = decoder.raw_decode(text, at)
            colon = skip(end)
            if not text.startswith(":", colon):
                return
            value = skip(colon + 1)
            read, end = decoder.raw_decode(text, value)
            yield key, at, value, read
            comma = skip(end)
            if not text.startswith(",", comma):
                return
            at = skip(comma + 1)
    except (ValueError, RecursionError):
        return


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            yield chunk


def _lines(n: int) -> str:
    return f"{n} line{'s' * (n != 1)}"


def read_yaml(check: Checker, path: Path, file: str, out: Results) -> None:
    """A list of mappings, read with morctl's pinned YAML dialect (dates stay text)."""
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:  # refused before it is read into memory
        lines = sum(chunk.count(b"\n") for chunk in _chunks(path))
        why = too_large(file, size).message
        out.reject(file, 1, f"{why}; larger logs belong in CSV ({lines} lines not read)")
        return
    raw = path.read_bytes()
    loaded = load_yaml(raw, file)
    data = loaded.data
    if data is None:
        # One syntax error loses the whole file: say so, or a reader takes it for one row.
        lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
        for d in loaded.diagnostics:
            if d.code != "MOR103":  # an empty file holds no records
                out.reject(
                    file, d.line, f"{d.message}; the whole file is not read ({_lines(lines)})"
                )
        return
    if not isinstance(data, list):
        line = loaded.positions.at(()).line
        out.reject(file, line, "expected a list of completions (- {date: ..., activity: ...})")
        return
    starts = [loaded.positions.at((i,)).line for i in range(len(data))]
    # Problems the loader reports inside an item (a duplicate key) reject that item.
    spoilt: dict[int, str] = {}
    two_owners: set[int] = set()
    for d in loaded.diagnostics:
        i = bisect_right(starts, d.line) - 1
        if i < 0:
            out.reject(file, d.line, d.message)
        else:
            spoilt.setdefault(i, d.message)
            if d.message.startswith("duplicate key 'owner'"):
                two_owners.add(i)
    unknown: set[str] = set()
    for i, item in enumerate(data):
        if i in spoilt:
            # Still its owner's, unless it names two (which is meant cannot be told).
            owner = item.get("owner") if isinstance(item, dict) and i not in two_owners else None
            out.reject(file, starts[i], spoilt[i], owner if isinstance(owner, str) else None)
        elif not isinstance(item, dict):
            out.reject(file, starts[i], f"expected a mapping (date: ..., ...), got {_kind(item)}")
        else:
            written = {k: t for k in FIELDS if (t := loaded.positions.written.get((i, k)))}
            _record(check, item, file, starts[i], out, unknown, written, _place(loaded, i))


def _place(loaded: Loaded, i: int) -> Callable[[str, bool], tuple[int, int]]:
    """Where a key of item ``i`` (or its value) sits in the file: (line, column)."""

    def place(name: str, key: bool) -> tuple[int, int]:
        mark = loaded.positions.at((i, name), key=key)
        return mark.line, mark.column

    return place


# A list item, in a quote or not (`> - [x] ...`, a checklist pasted into a PR comment).
_QUOTE = r"^\s*(?:>\s?)*\s*"
_ITEM = re.compile(_QUOTE + r"(?:[-*+]|\d+[.)])\s")
# A box ticked with a check mark typed in an editor (`[✓]`) is ticked as much as `[x]`;
# a cross (`[✗]`) is not taken for one: some mark a meeting called off with it.
_TASK = re.compile(_QUOTE + r"(?:[-*+]|\d+[.)])\s+\[([ xX✓✔☑✅])\]")
# A box written some other way: `-[x]`, `[ x]`, `[✗]`.
_LOOSE_BOX = re.compile(_QUOTE + r"(?:[-*+]|\d+[.)])?\s*\[([^\]]{0,3})\]")
_OPENING = re.compile(r"<!--\s*morctl:")
_MARKER = re.compile(r"<!--\s*morctl:(.*?)-->")
# A comment a rich-text editor (a wiki, a ticket) wrote as text: the key is all there.
_ESCAPED = re.compile(r"&lt;!--(\s*morctl(?:-rhythm)?:.*?)--&gt;")
# `useful=4`, as checklists suggest; `Useful=4` and `useful: 4` are read too (a colon only
# before a number, so that a title such as "Actions: review" is never taken for one). The
# punctuation of a sentence after the value is not part of it: `(useful=4, actions=2)`,
# `useful=5.` (but `useful=4.5` is read whole, and refused, and so is `useful=?`).
_TOKEN = re.compile(
    r"\b(useful|actions)\s*(?:=|:(?=\s*\d))\s*(\S*?\d(?=[,.;:!?)\]]*(?:\s|$))|\S*)",
    re.IGNORECASE,
)
# `useful 4`, `(actions - 2`: the word and a number without `=` or `:` between them.
_LOOSE_TOKEN = re.compile(r"\b(useful|actions)\b[^\w=:]{0,3}(\d+)\b", re.IGNORECASE)
# The day `morctl checklist` writes after a task's box (`Tue 24 Nov`).
_CHECKLIST_DAY = re.compile(
    r"\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)\b"
)


def _checklist_tick(line: str) -> bool:
    """Whether ``line`` is ticked as a checklist writes its task lines: the box, then the
    day (`- [x] Tue 24 Nov ...`)."""
    task = _TASK.match(line)
    if task is None or task.group(1) == " ":
        return False
    return _CHECKLIST_DAY.match(line, task.end()) is not None


# A fence that opens or closes a code block: three or more backticks or tildes, after
# any indentation or quote marks (a block inside a list item or a quotation).
_FENCE = re.compile(r"^([ \t>]*)(`{3,}|~{3,})(.*)$")
_QUOTES = re.compile(r"^[ \t>]*")


def _depth(line: str) -> int:
    """How deep in quotations (`> > text`) a line is."""
    return _QUOTES.match(line).group().count(">")  # type: ignore[union-attr]


def _in_code(lines: list[str]) -> set[int]:
    """The indexes of the lines inside fenced code blocks, fences included: a README that
    shows how to tick a line shows it as code, and code is not a checklist (GitHub shows no
    box there). A fence inside a quotation ends where the quotation does (a line without
    its `>`). A fence never closed hides nothing: its lines are read as text, so that a
    stray ``` cannot swallow the ticks after it. (Indented code blocks are not told apart:
    in Markdown they cannot be told from a task list indented under another item.)"""
    code: set[int] = set()
    opened: tuple[int, str, int] | None = None  # line, fence, quotation depth
    for i, line in enumerate(lines):
        if opened is not None and opened[2] and _depth(line) < opened[2]:
            # The quotation that holds the block has ended, and the block with it.
            code.update(range(opened[0], i))
            opened = None
        if "``" not in line and "~~" not in line:
            continue
        fence = _FENCE.match(line)
        if fence is None:
            continue
        lead, mark, rest = fence.groups()
        if opened is None:
            if not (mark[0] == "`" and "`" in rest):  # ```x``` is inline code
                opened = (i, mark, lead.count(">"))
        elif (
            mark[0] == opened[1][0]
            and len(mark) >= len(opened[1])
            and not rest.strip()
            and lead.count(">") == opened[2]
        ):
            code.update(range(opened[0], i + 1))
            opened = None
    return code


def _items(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown file outside code blocks, with their numbers, a task line
    joined with the lines that continue it (Markdown's lazy continuation: an editor or a
    formatter that wraps a long task line moves its morctl comment, or half of it, onto
    the next line)."""
    lines = LINE_END.split(text)
    code = _in_code(lines)
    n = 0
    while n < len(lines):
        if n in code:
            n += 1
            continue
        first, line = n + 1, lines[n]
        n += 1
        if _LOOSE_BOX.match(line):
            while (
                not _MARKER.search(line)
                and n < len(lines)
                and n not in code
                and _continues(lines[n])
            ):
                line += " " + lines[n].strip()
                n += 1
        yield first, line


def _typed(check: Checker, line: str, key: tuple[str, str, str | None, str]) -> str:
    """The text of a task line less what morctl wrote in it (the activity's title, the
    report's name), so that a title such as "Huddle (actions=blockers)" is never read as
    a rating the manager typed."""
    activity, _, with_, _ = key
    act = check.ws.rhythm.activities.get(activity)
    person = check.ws.by_id.get(with_) if with_ else None
    for written in (act.title if act else None, person.name if person else None):
        if written:
            # As the checklist writes it (inert Markdown), and as a person may retype it.
            line = line.replace(inert(written), " ").replace(written, " ")
    return line


# An ATX heading: one to six `#` and a space (or nothing): `#12`, wrapped onto a line of
# its own from a title, is text that continues the line above.
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")


def _continues(line: str) -> bool:
    """Whether a line continues the task line above it: text, not a blank line, a heading,
    a list item or another box."""
    return bool(line.strip()) and not (
        _HEADING.match(line) or _ITEM.match(line) or _LOOSE_BOX.match(line)
    )


# Checklists and calendar exports are read whole, and a calendar's events cost a parser
# about thirty times their size: a file past this is refused unread, with a message.
MAX_WHOLE_BYTES = 20 * 1024 * 1024


def too_big(path: Path, file: str, out: Results, advice: str) -> bool:
    """Whether ``path`` is over MAX_WHOLE_BYTES; if so it is reported, unread."""
    size = path.stat().st_size
    if size <= MAX_WHOLE_BYTES:
        return False
    limit = MAX_WHOLE_BYTES // 1024 // 1024
    out.reject(
        file, 1, f"not read: the file is {size / 1024 / 1024:.1f} MB, over {limit} MB; {advice}"
    )
    return True


# The heading a checklist gives each person's section: `## Priya Raman (priya)`.
_SECTION = re.compile(r" {0,3}##(?:[ \t]|$)")
_SECTION_OWNER = re.compile(r" {0,3}##[ \t].*\(([^()\s]+)\)[ \t]*")
# The key of a morctl comment, closed or not.
_KEY = re.compile(r"<!--\s*morctl:\s*(\S+?)(?:-->|\s|$)")


def _section(line: str, owner: str | None) -> str | None:
    """The owner of the checklist section a `##` line opens (None for a heading that names
    no one); for any other line, ``owner``, that of the section so far."""
    if not _SECTION.match(line):
        return owner
    found = _SECTION_OWNER.fullmatch(line)
    return found.group(1) if found else None


def _line_owner(line: str, section: str | None) -> str | None:
    """Whose a ticked line is: the owner of its key, or, without one that can be read, the
    owner of the section it is under (a line that lost its comment)."""
    found = _KEY.search(line)
    key = parse_key(found.group(1)) if found else None
    if key is not None and not isinstance(key, str):
        return key[1]
    return section


_NO_COMMENT = (
    "a ticked line without its <!-- morctl:... --> comment: which meeting it is cannot be "
    "told; copy the line from the checklist with its comment"
)


_RHYTHM = re.compile(r"<!--\s*morctl-rhythm:\s*(\S+?)\s*-->")


def _other_rhythm(check: Checker, text: str) -> tuple[int, str] | None:
    """The line and id of the rhythm a checklist names, when it is not this one (a
    checklist without the line, made by an earlier morctl or by hand, names none)."""
    for n, line in enumerate(LINE_END.split(text), 1):
        found = _RHYTHM.search(line)
        if found is not None:
            rhythm = found.group(1).strip("'\"")
            return None if rhythm == check.ws.rhythm.id else (n, clip(rhythm))
    return None


def _comments(line: str) -> set[str]:
    """The morctl comments closed on a line, each as its words."""
    return {" ".join(found.split()) for found in _MARKER.findall(line)}


def read_md(check: Checker, path: Path, file: str, out: Results) -> None:
    """Ticked task lines of a checklist (``- [x] ... <!-- morctl:KEY due=DAY -->``) are done
    on their due day; ``useful=N`` / ``actions=N`` typed on the line are read too. Unticked
    lines, and files without morctl comments, hold no completions. In a file that has them,
    a ticked line without one, and a comment on no task line, are reported: the tick would
    otherwise be lost without a word."""
    if too_big(path, file, out, "keep one checklist a week in a file"):
        return
    text, dirty = _text(path)
    if "&lt;!--" in text:
        text = _ESCAPED.sub(r"<!--\1-->", text)
    if "morctl-rhythm:" in text and (other := _other_rhythm(check, text)):
        n, rhythm = other
        out.reject(
            file,
            n,
            f"a checklist of the rhythm '{rhythm}', not of this one ('{check.ws.rhythm.id}'): "
            "its ticks are not read; keep it in the logs/ of that rhythm's workspace",
        )
        return
    if "morctl:" not in text or not _OPENING.search(" ".join(LINE_END.split(text))):
        # No morctl comment at all: a README or notes, unless it holds ticked lines as a
        # checklist writes them, whose comments were lost (the whole checklist copied from
        # GitHub's page, where comments are invisible). Those are reported, not passed over.
        lines = LINE_END.split(text)
        code = _in_code(lines)
        section: str | None = None
        for n, line in enumerate(lines, 1):
            if n - 1 in code:
                continue
            section = _section(line, section)
            if _checklist_tick(line):
                out.reject(file, n, _NO_COMMENT, section)
        return
    section = None
    physical = LINE_END.split(text)

    def at(n: int, line: str, pos: int | None) -> int:
        """The column of ``pos`` in ``line`` (line ``n``, with any lines that continue it
        joined on): 1 when it lies on a continuation line, or is None."""
        first = physical[n - 1] if n - 1 < len(physical) else ""
        return pos + 1 if pos is not None and pos < len(first) and line.startswith(first) else 1

    for n, line in _items(text):
        # Whose each problem is: the owner of the line's key, or of its section.
        section = _section(line, section)
        whose = _line_owner(line, section)
        if "morctl:" not in line or not _OPENING.search(line):
            # A ticked line that lost its comment, unless it is indented under another
            # item (a step ticked under its meeting): that one is a note. A line that
            # reads as a checklist's meeting (the box, then the day) is one wherever it is.
            task = _TASK.match(line)
            ticked = task is not None and task.group(1) != " "
            if ticked and (not line[:1].isspace() or _checklist_tick(line)):
                out.reject(file, n, _NO_COMMENT, whose)
            continue
        task = _TASK.match(line)
        if task is None:
            loose = _LOOSE_BOX.match(line)
            if loose is not None and loose.group(1) in ("x", "X"):
                # A tick, on a line that is no list item as written (`-[x]`, `- [x]Tue`).
                out.reject(
                    file,
                    n,
                    f"the box [{loose.group(1)}] is not read: the line is no list item; write "
                    "it as the checklist does, '- [x] ' (a dash, a space, the box, a space)",
                    whose,
                )
            elif loose is not None and loose.group(1).strip():
                box = f"[{loose.group(1)}]"
                out.reject(
                    file,
                    n,
                    f"the box {box} is not read: tick a meeting that was held as - [x]; log "
                    "one called off as a skip (morctl log ... --status skipped --reason '...')",
                    whose,
                )
            elif loose is None and line.lstrip().startswith("<!--"):
                out.reject(
                    file,
                    n,
                    "a morctl comment on no task line: put it back at the end of its - [x] line",
                    whose,
                )
            continue
        if task.group(1) == " ":
            continue
        if bad := bad_text((line,)) if dirty or "\x00" in line else None:
            out.reject(file, n, bad, _clean(whose))
            continue
        marker = _MARKER.search(line)
        if marker is None:
            why = "the morctl comment is not closed: <!-- morctl:KEY due=DAY -->"
            opening = _OPENING.search(line)
            out.reject(file, n, why, whose, at(n, line, opening.start() if opening else None))
            continue
        # The rejections below are of the comment: they point at its key.
        key_at = at(n, line, marker.start(1) + len(marker.group(1)) - len(marker.group(1).lstrip()))
        opened = len(_OPENING.findall(line))
        if opened > 1 and (len(_MARKER.findall(line)) < opened or len(_comments(line)) > 1):
            # Two meetings' comments on one line (two lines joined in an editor): crediting
            # the first would lose the second without a word. The same one twice is one.
            keys = [parse_key(k) for k in _KEY.findall(line)]
            owners = {k[1] for k in keys if not isinstance(k, str)}
            why = (
                f"the line has {opened} morctl comments: which meeting was ticked cannot be "
                "told; tick each meeting on a line of its own, with its comment, as morctl "
                "checklist writes them"
            )
            again = list(_OPENING.finditer(line))[1].start()
            out.reject(file, n, why, owners.pop() if len(owners) == 1 else None, at(n, line, again))
            continue
        words = marker.group(1).split()
        dues = [w[4:] for w in words[1:] if w.startswith("due=")]
        due = dues[0] if dues else None
        key = parse_key(words[0] if words else "")
        if isinstance(key, str):
            out.reject(file, n, key, whose, key_at)
            continue
        activity, owner, with_, scheduled = key
        try:
            named = parse_date(scheduled)
        except ValueError as exc:
            out.reject(file, n, f"occurrence key: {exc}", owner, key_at)
            continue
        if due is None:
            out.reject(file, n, "the morctl comment has no due=YYYY-MM-DD", owner, key_at)
            continue
        if second := next((d for d in dues if d != due), None):
            # Whether the meeting was held on time would hang on their order.
            said_twice = "due is given twice in the morctl comment"
            why = f"{said_twice} ({clip(due)} and {clip(second)}): keep the one meant"
            said = None
            if not (check.shows("date", due) and check.shows("date", second)):
                said = f"{said_twice}, in text {NOT_SHOWN}: keep one"
            out.reject(file, n, why, owner, at(n, line, line.find("due=", marker.start())), said)
            continue
        rest = _typed(check, line[: marker.start()] + " " + line[marker.end() :], key)
        tokens: dict[str, str] = {}
        twice = None
        for k, v in _TOKEN.findall(rest):
            if tokens.setdefault(k.lower(), v) != v:
                twice = (k.lower(), tokens[k.lower()], v)
        if twice is not None:  # which one the manager meant cannot be told
            name, first, then = twice
            why = f"{name} is given twice on the line ({first} and {then}): keep the one meant"
            # A report quotes the two only when they read as ratings (`useful=4 ... =2`).
            said = None
            if not (check.shows(name, first) and check.shows(name, then)):
                said = f"{name} is given twice on the line, in text {NOT_SHOWN}: keep one"
            out.reject(file, n, why, owner, in_report=said)
            continue
        loose = next(
            (m for m in _LOOSE_TOKEN.finditer(rest) if m.group(1).lower() not in tokens), None
        )
        if loose is not None:
            # `useful 4` (no `=`): the tick counting as done while the rating the manager
            # typed is lost without a word. Which number is meant is plain, but a remark
            # ("useful 3 times") reads the same: the line is refused, and says how to write it.
            name, number = loose.group(1).lower(), loose.group(2)
            out.reject(
                file,
                n,
                f"'{loose.group(1)} {number}' is not read as a rating: write {name}={number}",
                owner,
            )
            continue
        useful, actions = tokens.get("useful", ""), tokens.get("actions", "")
        row = (due, activity, owner, with_, "done", useful, actions, "", "")
        out.record(check.take(row, file, n, scheduled=named), file, n, owner, key_at)


READERS: dict[str, Reader] = {
    ".csv": read_csv,
    ".jsonl": read_jsonl,
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".md": read_md,
    ".ics": read_ics,
}


def _wide(path: Path) -> str | None:
    """Why a file saved as UTF-16 or UTF-32 (Notepad's "Unicode", Excel's "Unicode text")
    is not read, with the number of lines it holds; None for any other file."""
    with path.open("rb") as f:
        kind = wide_encoding(f.read(4))
    if kind is None:
        return None
    text = wide_text(path.read_bytes()) or ""
    lines = len(LINE_END.split(text.strip()))
    return f"not read: the file is {kind} text; save it as UTF-8 ({lines} line{'s' * (lines != 1)})"


NOT_TEXT = "not read: the file is not text (it holds NUL bytes, as binary files do)"
# Git's test for a binary file: a NUL byte among its first 8000 bytes.
_SNIFF = 8000
# What text never holds: control characters other than tab, the line ends and form feed.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_BYTE_LINES = re.compile(rb"\r\n|\r|\n")


def _binary(path: Path) -> str | None:
    """Why a file is not read as text, with the number of lines it holds: NUL bytes among
    its first 8000 bytes, as git tells a binary file, and control characters on most of
    the lines there (so that a text log with the odd damaged row, or the run of NUL bytes
    a crash leaves at its end, is still read a row at a time). None for a text file.
    Without this, random bytes named `.jsonl` are rejected a line at a time."""
    with path.open("rb") as f:
        head = f.read(_SNIFF)
    if b"\x00" not in head:
        return None
    lines = _BYTE_LINES.split(head)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the head ends with a line end: no line after it
    if sum(1 for line in lines if _CONTROL.search(line)) * 2 <= len(lines):
        return None
    # Counted a chunk at a time: the file may be large, and is not read otherwise.
    ends = last = 0
    for chunk in _chunks(path):
        ends += chunk.count(b"\n")
        last = chunk[-1]
    n = ends + (last != ord("\n"))
    return f"{NOT_TEXT}; {_lines(n)} not read"


EMPTY = "is empty: nothing read from it; an export cut short?"


def _empty(path: Path) -> bool:
    """Whether a file holds nothing but blanks (a byte-order mark and line ends at most):
    a sync or an export cut short, which would read as "no meetings" without a word. Read
    a chunk at a time, so a log of any size is decided by its first bytes."""
    for i, chunk in enumerate(_chunks(path)):
        if (chunk.removeprefix(b"\xef\xbb\xbf") if i == 0 else chunk).strip():
            return False
    return True


# The order files are read in, so that of two records of one completion the manager's own
# is kept: logs (with ratings and actions) first, then ticked checklists, then calendar
# exports, which say only that a meeting stayed in the calendar.
_STRENGTH = {".md": 1, ".ics": 2}


def log_files(folder: Path, out: Results) -> list[Path]:
    """Every file under ``folder``, hidden ones left out: logs, then checklists, then
    calendar exports, each sorted by path. Links to folders
    are followed (a shared folder linked in), each folder once: a link back to a folder
    already read, and a folder that cannot be listed, are reported."""
    found = [Path(top) / f for top, files in _folders(folder, out) for f in files]
    return sorted(
        found, key=lambda p: (_STRENGTH.get(p.suffix.lower(), 0), p.relative_to(folder).as_posix())
    )


def _folders(folder: Path, out: Results) -> Iterator[tuple[str, list[str]]]:
    """Each folder the logs are read from, once, with the names of the files in it."""
    seen = {os.path.realpath(folder)}

    def unreadable(exc: OSError) -> None:
        out.reject(os.path.normpath(str(exc.filename)), 1, f"cannot list: {exc.strerror}")

    for top, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        kept = []
        for d in dirs:
            if d.startswith("."):
                continue
            real = os.path.realpath(os.path.join(top, d))
            if real in seen:
                where = os.path.normpath(os.path.join(top, d))
                out.reject(where, 1, "not read: a link to a folder that is read already")
                continue
            seen.add(real)
            kept.append(d)
        dirs[:] = kept
        yield top, [f for f in files if not f.startswith(".")]


# More files than this that are not logs under one folder linked into logs/ are counted
# in one entry, not listed: a link that leads to /etc would publish a thousand of the
# machine's paths in every report.
_LISTED = 10


def _counted_others(folder: Path, paths: list[Path]) -> dict[Path, tuple[Path, int]]:
    """The files that are not logs and are counted, not listed, each with the linked folder
    it is under and (for the first of them only; 0 for the others) their number."""
    under: dict[Path, list[Path]] = {}
    for path in paths:
        if path.suffix.lower() in READERS:
            continue
        above = folder
        for part in path.relative_to(folder).parts[:-1]:
            above = above / part
            if above.is_symlink():  # the outermost link: a shared folder, or /etc
                under.setdefault(above, []).append(path)
                break
    counted: dict[Path, tuple[Path, int]] = {}
    for link, files in under.items():
        if len(files) > _LISTED:
            counted.update((f, (link, len(files) if i == 0 else 0)) for i, f in enumerate(files))
    return counted


def read_as_log(folder: Path, target: str) -> bool:
    """Whether a file written at ``target`` would land among the logs under ``folder``:
    inside one of the folders they are read from, however it is linked in (a shared
    folder), or over a file linked into them."""
    real = os.path.realpath(target)
    # By the folder itself too: on a file system that ignores case (macOS, Windows)
    # `LOGS/x.csv` is in logs/ though no path string says so.
    here = {same_file(real), same_file(os.path.dirname(real))} - {None}
    for top, files in _folders(folder, Results()):
        place = os.path.realpath(top)
        if real == place or real.startswith(place + os.sep) or same_file(place) in here:
            return True
        # Only a link can lead elsewhere (a logs folder holds thousands of plain files).
        linked = (os.path.join(top, f) for f in files)
        if any(os.path.islink(p) and os.path.realpath(p) == real for p in linked):
            return True
    return False


def read_logs(ws: Workspace, folder: Path) -> tuple[list[Completion], list[Rejected], int]:
    """All completions under ``folder`` (each identity once: the record that says most of
    the meeting, else the first in file and line order; `logcheck.prefer`), the rejected
    records, and the number of duplicates dropped."""
    out = read(ws, folder)
    return out.completions, out.rejected, out.duplicates


def read(ws: Workspace, folder: Path, owner: str | None = None) -> Results:
    """What :func:`read_logs` returns, with the duplicates counted per owner too. With
    ``owner`` (`morctl log`, which looks at one owner's meetings only), the rows of a CSV
    log whose owner cell is the id of someone else are passed over unread: reading a large
    org's year of logs took a minute, with the lock on logs/ held."""
    check = Checker(ws)
    if owner is not None:
        check.others = frozenset(ws.by_id) - {owner}
    out = Results(check)
    display = os.path.normpath(str(folder))
    if why := dead_link(folder):
        # A shared folder that is not mounted: reading it as "no logs" would put everyone
        # at 0% without a word.
        out.reject(display, 1, f"not read: {why}; no completions were read")
    elif folder.exists() and not folder.is_dir():
        out.reject(display, 1, "logs should be a folder of log files, not a file")
    elif folder.is_dir():
        # Millions of small tuples: the cyclic collector would rescan them over and over.
        with gc_paused():
            paths = log_files(folder, out)
            counted = _counted_others(folder, paths)
            kinds = ", ".join(sorted(READERS))
            for path in track_bytes(paths, "reading logs"):
                file = os.path.normpath(str(path))
                if why := dead_link(path):
                    out.reject(file, 1, f"not read: {why}")
                    continue
                reader = READERS.get(path.suffix.lower())
                if reader is None:
                    if (link := counted.get(path)) is None:
                        out.reject(file, 1, f"not read: morctl reads logs of type {kinds}")
                    elif link[1]:  # the first of them: the folder's one entry
                        out.reject(
                            os.path.normpath(str(link[0])),
                            1,
                            f"not read: {link[1]:,} files in this linked folder are not logs "
                            f"(morctl reads logs of type {kinds}); is the link meant to lead "
                            "here?",
                        )
                    continue
                try:
                    # A named pipe or a device would block the read, or never end.
                    if not stat.S_ISREG(path.stat().st_mode):
                        out.reject(file, 1, "not read: not a regular file (a pipe or a device)")
                        continue
                    # UTF-16 text holds NUL bytes too: told apart first.
                    if no_text := _wide(path) or _binary(path):
                        out.reject(file, 1, no_text)
                        continue
                    if _empty(path):
                        out.empty.append((file, EMPTY))
                        continue
                    reader(check, path, file, out)
                except OSError as exc:
                    out.reject(file, 1, f"cannot read the file: {exc.strerror}")
    prefer(out.completions, check.contenders)
    out.stands_for = check.stands_for
    return out
