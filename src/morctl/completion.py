"""A completion: one record that an occurrence happened (or was skipped), from a log; and
a record that is rejected, with why, in parts (a report words it without the values)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class Completion(NamedTuple):
    """DESIGN.md §8: ``{date, activity, owner, with?, status, useful?, actions?, note?,
    reason?}``, with the file and line it was read from."""

    day: date
    activity: str
    owner: str
    with_: str | None
    status: str  # "done" | "skipped"
    useful: int | None
    actions: int | None
    note: str | None
    reason: str | None
    file: str
    line: int
    # The scheduled day of the occurrence the record names (a ticked checklist line's key,
    # a calendar event's UID or RECURRENCE-ID); None for a record that gives only a date.
    scheduled: date | None = None

    @property
    def series(self) -> tuple[str, str, str | None]:
        return (self.activity, self.owner, self.with_)

    @property
    def identity(self) -> tuple[date, str, str, str | None]:
        """The same completion found twice (in one file or several) counts once. (Records
        that name their occurrence are told apart by it too: see `Checker.take`.)"""
        return (self.day, self.activity, self.owner, self.with_)


class Rejected(NamedTuple):
    """A log row that could not be read: reported with its place and why, and counted.
    ``owner`` is the person the row names, as written, when the reader got that far: a
    report on one person or team lists the problems of its own rows (and of rows no one
    in the roster owns), not a colleague's. ``line`` and ``column`` are those of the bad
    value when the reader knows it (a field of a YAML record, a CSV row's cell), else the
    row's, column 1."""

    file: str
    line: int
    reason: str
    owner: str | None = None
    column: int = 1
    # The reason as a report prints it, when that differs: without a value the record
    # holds in a field where it reads as a note (see logcheck.Checker.for_report).
    in_report: str | None = None


# A value a report does not quote stands as this (`morctl validate --logs` quotes it).
NOT_SHOWN = "(not shown here; see validate --logs)"


class Problem(NamedTuple):
    """One thing wrong with a record, kept in parts: the ``field`` it is about and the
    message ``before + said + after``, where ``said`` quotes ``value``, that field's text in
    the record (``'4.5'``). A message that quotes no value of the record (`useful: 9 is
    outside 1-5`, or a value described: `text of 5 words`) is all ``before``. A report that
    may not show the value says ``instead`` and :data:`NOT_SHOWN` in its place."""

    field: str
    before: str
    value: str = ""
    said: str = ""
    after: str = ""
    instead: str = "text"

    def __str__(self) -> str:
        return f"{self.before}{self.said}{self.after}"

    def without_value(self) -> str:
        return f"{self.before}{self.instead} {NOT_SHOWN}{self.after}"


@dataclass(frozen=True)
class Reason:
    """Why a record is rejected: each of its problems, in the order the reason names them.
    ``str()`` is the reason as `validate --logs` prints it."""

    problems: tuple[Problem, ...]

    def __str__(self) -> str:
        return "; ".join(map(str, self.problems))

    def for_report(self, shows: Callable[[str, str], bool]) -> str | None:
        """The reason as a report prints it, when that differs: each quoted value that
        ``shows(field, value)`` says a report may not show is left out."""
        hide = [bool(p.value.strip()) and not shows(p.field, p.value) for p in self.problems]
        if not any(hide):
            return None
        return "; ".join(
            p.without_value() if h else str(p) for p, h in zip(self.problems, hide, strict=True)
        )
