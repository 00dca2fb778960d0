"""A completion: one record that an occurrence happened (or was skipped), from a log."""

from __future__ import annotations

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
