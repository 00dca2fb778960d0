"""Diagnostics: problems in the user's files, as values, and their output formats."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place: ``file:line:column: severity CODE message``."""

    file: str
    line: int
    column: int
    severity: str  # "error" | "warning"
    code: str
    message: str
    hint: str | None = None
    # For a bad value: its key and its text (`manager`, `dana@acme.example`), so that a
    # later check can add a hint without reading the message. Not part of the output.
    about: tuple[str, str] | None = field(default=None, compare=False, repr=False)
    # The column the excerpt's caret stands under, when the line shown is not the line as
    # written (a CSV row with its free text as `…`); else ``column``. Not part of the output.
    caret: int | None = field(default=None, compare=False, repr=False)
    # About ``file`` as a whole, with no line or column that means anything: a workspace
    # folder that does not exist or holds no rhythm.yaml, a file that cannot be read. Text
    # and GitHub name the file alone; JSON, whose every diagnostic has a line and a column,
    # says line 1, column 1 (``line`` and ``column`` hold them).
    whole: bool = False
    # A log row rejected for the same reason as others of its file (an activity renamed, a
    # person removed: hundreds of rows): text and GitHub say it once, at the first, with
    # where the others are; JSON, read by programs, lists each. Not part of the output.
    fold: bool = field(default=False, compare=False, repr=False)

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def headline(self) -> str:
        if not self.file:  # no file: ''
            where = ""
        elif self.whole:
            where = f"{self.file}: "
        else:
            where = f"{self.file}:{self.line}:{self.column}: "
        return f"{where}{self.severity} {self.code} {self.message}"


def error(
    file: str, line: int, col: int, code: str, msg: str, hint: str | None = None
) -> Diagnostic:
    return Diagnostic(file, line, col, "error", code, msg, hint)


def whole_error(file: str, code: str, msg: str, hint: str | None = None) -> Diagnostic:
    """An error about ``file`` (or folder) as a whole: no line or column is shown."""
    return Diagnostic(file, 1, 1, "error", code, msg, hint, whole=True)


MOST_LINES = 8  # lines (or runs of lines) a message names before it says `…`


def others_at(file: str, places: Iterable[tuple[str, int]]) -> str:
    """Where the others are, of a value said once for many rows at the first: `line 12`,
    `lines 12, 15 and 19`, `lines 5–34` for a run, `org.yaml:3` in another file; after
    MOST_LINES of them, `…`. An admin finds each row without searching for the value."""
    runs: list[tuple[str, int, int]] = []
    for f, line in sorted(set(places), key=lambda p: (p[0] != file, p[0], p[1])):
        if runs and runs[-1][0] == f and runs[-1][2] + 1 == line:
            runs[-1] = (f, runs[-1][1], line)
        else:
            runs.append((f, line, line))
    said: list[str] = []
    here: list[str] = []  # those in ``file``, named by line alone
    for f, first, last in runs[:MOST_LINES]:
        span = [f"{first}"] if first == last else [f"{first}–{last}"]
        if last == first + 1:  # two lines are two, not a run
            span = [f"{first}", f"{last}"]
        said += [n if f == file else f"{f}:{n}" for n in span]
        here += span if f == file else []
    if not said:
        return ""
    word = "" if not here else "line " if here == said[:1] and "–" not in here[0] else "lines "
    if len(runs) > MOST_LINES:
        return f"{word}{', '.join(said)}, …"
    return f"{word}{joined(said)}"


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an s unless ``n`` is one: `1 event`, `3 events`."""
    return f"{n} {word}{'s' * (n != 1)}"


def more_records(places: Sequence[tuple[str, int]] | None, count: int, file: str = "") -> str:
    """` (and N more records, lines …)`: what a diagnostic said once for ``count`` more
    records adds, with where they are when ``places`` are known; empty when none."""
    if count < 1:
        return ""
    where = others_at(file, places) if places else ""
    return f" (and {count} more record{'s' * (count != 1)}{', ' * bool(where)}{where})"


def folded(diags: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diags`` with each set of folding ones of one file, code, message and hint said
    once, at the first, followed by how many more there are and their lines."""
    same: dict[tuple[str, str, str, str | None], list[Diagnostic]] = {}
    for d in diags:
        if d.fold:
            same.setdefault((d.file, d.code, d.message, d.hint), []).append(d)
    out = []
    for d in diags:
        those = same.get((d.file, d.code, d.message, d.hint), []) if d.fold else []
        if those and those[0] is not d:
            continue
        if len(those) > 1:
            rest = [(o.file, o.line) for o in those[1:]]
            d = replace(d, message=d.message + more_records(rest, len(rest), d.file))
        out.append(d)
    return out


def joined(items: Sequence[str], word: str = "and") -> str:
    """``items`` as prose: `a`, `a and b`, `a, b and c`; with ``word`` "or", `a, b or c`."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def sort_unique(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by place, each distinct diagnostic once."""
    return sorted(set(diags), key=lambda d: d.sort_key)


def count(diags: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for d in diags:
        if d.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


EXCERPT_WIDTH = 100
# Bidirectional embeddings, overrides and isolates reorder how the text around them is
# shown: "\u202Efeirbed" reads "debrief", so what reviewers approved in the YAML is not
# what managers see ("Trojan Source", CVE-2021-42574). Text in right-to-left scripts needs
# none of them; the marks U+200E/U+200F, which do not reorder, are not among them.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Control characters, and the bidirectional controls that would reorder the line shown.
_CONTROL = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def clip(text: str, width: int = 60) -> str:
    """A value quoted in a message, shortened in the middle when it is long (a pasted blob,
    a number of thousands of digits): the message stays one readable line."""
    text = str(text)
    if len(text) <= width:
        return text
    half = (width - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def visible(text: str) -> str:
    """Control characters from a user's file would ring, or drive, the terminal, and
    bidirectional controls reorder the line: show each as U+FFFD, which keeps the caret's
    column."""
    return _CONTROL.sub("\ufffd", text)


def one_line(text: str) -> str:
    """A message or hint as one line a terminal shows as it is: a line break in a value it
    quotes (`at: "50%\\r\\nx"`) written as the escape YAML and JSON write it, `\\r`,
    `\\n`, which says what the value holds; any other control character as U+FFFD."""
    return visible(text.replace("\r", "\\r").replace("\n", "\\n"))


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes: wide and fullwidth characters (CJK, most
    emoji) take two, combining marks none, everything else one."""
    import unicodedata

    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _excerpt(d: Diagnostic, sources: Mapping[str, list[str]]) -> list[str]:
    lines = sources.get(d.file)
    if not lines or not 1 <= d.line <= len(lines):
        return []
    # Cut the line to the window first: a minified line of 60 kB with thousands of
    # diagnostics must not be escaped once per diagnostic. Tabs become one space and
    # control characters U+FFFD, one character each, so cutting first changes nothing.
    text = lines[d.line - 1].rstrip("\r\n")
    column = max((d.caret or d.column) - 1, 0)
    if len(text) > EXCERPT_WIDTH:
        # A long line (minified YAML, a pasted blob) is shown around the column.
        start = min(max(column - EXCERPT_WIDTH // 2, 0), len(text) - EXCERPT_WIDTH)
        end = start + EXCERPT_WIDTH
        lead = "…" if start > 0 else ""
        text = lead + text[start:end] + ("…" if end < len(text) else "")
        column += len(lead) - start
    text = visible(text.replace("\t", " "))
    gutter = f"{d.line:>4} | "
    # The caret goes under the column's character as a terminal draws the line.
    caret = " " * (len(gutter) - 2) + "| " + " " * cells(text[:column]) + "^"
    return [gutter + text, caret]


def format_text(
    diags: list[Diagnostic], sources: Mapping[str, list[str]], strict: bool = False
) -> str:
    out: list[str] = []
    for d in folded(diags):
        out.append(one_line(d.headline()))
        out.extend(_excerpt(d, sources))
        if d.hint:
            out.append(one_line(f"     = hint: {d.hint}"))
    errors, warnings = count(diags)
    if diags:
        out.append("")
    out.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    if strict and warnings and not errors:
        out[-1] += " (--strict: warnings fail the check)"  # else exit 1 would go unexplained
    return "\n".join(out) + "\n"


def format_json(
    diags: list[Diagnostic], sources: Mapping[str, list[str]], strict: bool = False
) -> str:
    errors, warnings = count(diags)
    doc = {
        # Whether validate passes, as its exit code says: with --strict, warnings fail too.
        "ok": errors == 0 and not (strict and warnings),
        "errors": errors,
        "warnings": warnings,
        "diagnostics": [d.as_json() for d in diags],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    # GitHub workflow commands need %, CR and LF escaped; properties also ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _in_checkout(file: str) -> str:
    """``file`` as GitHub places an annotation: relative to the checkout (GITHUB_WORKSPACE),
    not to the folder the step runs in. A step with `working-directory: emea` names
    `rhythm.yaml`, which GitHub would look for at the top of the repository; it is
    `emea/rhythm.yaml`. Outside Actions, or outside the checkout, it is left as it is."""
    import os

    top = os.environ.get("GITHUB_WORKSPACE")
    if not file or not top:
        return file
    try:
        rel = os.path.relpath(os.path.abspath(file), os.path.abspath(top))
    except ValueError:  # another drive, on Windows
        return file
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return file
    return rel.replace(os.sep, "/")


def format_github(
    diags: list[Diagnostic], sources: Mapping[str, list[str]], strict: bool = False
) -> str:
    out = []
    for d in folded(diags):
        message = f"{d.code} {d.message}" + (f" (hint: {d.hint})" if d.hint else "")
        file = _in_checkout(d.file)
        where = f"file={_gh_escape(file, True)}," if file else ""
        if file and not d.whole:  # a line and column are optional: none is made up
            where += f"line={d.line},col={d.column},"
        out.append(f"::{d.severity} {where}title={_gh_escape(d.code, True)}::{_gh_escape(message)}")
    return "\n".join(out) + ("\n" if out else "")


FORMATS: dict[str, Callable[[list[Diagnostic], Mapping[str, list[str]], bool], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
