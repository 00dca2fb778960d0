"""Validation of one completion record (DESIGN.md §8), shared by every log reader and by
`morctl log`, so that `log` refuses exactly what the readers reject.

A record arrives as text cells (CSV) or loosely typed values (JSONL, YAML); :func:`cells`
turns the latter into the former. :meth:`Checker.check` returns a :class:`Completion` or
the reason the whole record is rejected; :meth:`Checker.take`, which the readers use, also
drops a completion whose identity it has seen. It runs once per row of logs that can hold
millions of rows, so each distinct date, series and set of numbers is checked once.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from morctl.checkbase import known_timezone
from morctl.completion import Completion, Problem, Reason, Rejected
from morctl.diagnostics import clip, one_line
from morctl.lookalike import unseen
from morctl.model import SLUG_MAX
from morctl.values import MAX_YEAR, MIN_YEAR, parse_date, parse_date_time
from morctl.workspace import Workspace

# The columns of a CSV log and the keys of a JSONL / YAML record, in the order of DESIGN §8.
FIELDS = ("date", "activity", "owner", "with", "status", "useful", "actions", "note", "reason")
REQUIRED = ("date", "activity", "owner")
# Line ends as CSV readers and editors count them: CR LF, LF, or a lone CR (classic Mac).
LINE_END = re.compile(r"\r\n|\r|\n")
STATUSES = ("done", "skipped")

_Series = tuple[str, str, str | None]  # (activity, owner, with)
_new = tuple.__new__


def _hint(word: str, choices: Mapping[str, object], ws: Workspace | None = None) -> str:
    """The id meant: the one written in other capitals (`OLIVER`), or whose person's name or
    activity's title was written (`Priya Raman` for priya), or, for people (``ws``), whose
    first or last name it is (`Raman`), as `morctl log --owner` takes them; else the
    closest id."""
    folded = " ".join(word.split()).casefold()
    # OLIVER for oliver (no close match by spelling), before `ollie`, named Oliver.
    same = next((key for key in choices if key.casefold() == folded), None)
    if same is not None:
        return f" (did you mean '{same}'?)"
    # Two people of one name: either may be meant.
    named = [
        f"'{key}'"
        for key, item in choices.items()
        if isinstance(label := getattr(item, "name", None) or getattr(item, "title", None), str)
        and " ".join(label.split()).casefold() == folded
    ]
    if named:
        return f" (did you mean {' or '.join(named)}?)"
    # `Raman` is Priya's last name: closest by spelling to ryan, who is not meant.
    if ws is not None and (part := ws.name_part(word)) is not None:
        ids = " or ".join(f"'{p.id}'" for p in part[1][:_NAMED])
        more = len(part[1]) - _NAMED
        return f" (did you mean {ids}{f' ({more} more)' if more > 0 else ''}?)"
    # Ids are in small letters: `Pryia` is closest to priya, not to ryan as typed.
    close = difflib.get_close_matches(folded, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# Ids offered for a first name many people share, at most: a roster of thousands has many
# a John, and the reason is printed in every report.
_NAMED = 5


def cell(text: str, name: bool = False) -> str:
    """A bad value as a reason shows it: quoted when it reads as a value (`'4.5'`, `'Tues'`,
    `'3 Mar 2026'`, with ``name`` a person's or an activity's name of up to three words),
    described when it reads as words. A note typed one column off (a row that forgot the
    empty `with` cell) lands in `actions`, and a reason is printed in every report:
    "actions: text of 5 words is not a whole number", never the note."""
    words = text.split()
    if len(words) <= (3 if name else 1) or (len(words) <= 3 and any(c.isdigit() for c in text)):
        return f"'{clip(text)}'"
    return f"text of {len(words)} words"


def _showing(
    field: str, before: str, text: str, after: str, name: bool = False, instead: str = "text"
) -> Problem:
    """The problem ``before + value + after`` of ``text`` in ``field``, the value shown as
    :func:`cell` shows it: a quoted one is kept apart, for a report that may not show it."""
    said = cell(text, name)
    if said.startswith("'"):
        # Said with the value, so that a report that hides the value hides where in it
        # an invisible character is too.
        return Problem(field, before, text, said + unseen(text), after, instead)
    return Problem(field, f"{before}{said}{after}")


# Letters a number can hold as it is written (`0x5`, `0o10`, `0b1`, `1e2`); no others.
_NUMBER_LIKE = re.compile(
    r"[+-]?(?:0[xob][0-9a-f_]*|[0-9.,_/]*[0-9][0-9.,_/]*(?:e[+-]?[0-9]+)?)", re.IGNORECASE
)
# The words a date can hold: months, weekdays, ordinals (`3rd`), ISO's `T` and `Z`, am/pm.
_DATE_WORDS = frozenset(
    (  # noqa: SIM905 (a list of words reads best as words)
        "january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday "
        "thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun st nd rd "
        "th t z am pm"
    ).split()
)
_DATE_LIKE = re.compile(r"[\w ./:,+-]{1,40}")
_LETTERS = re.compile(r"[^\W\d_]+")
# The words people write for a status, other than done and skipped.
_STATUS_WORDS = frozenset(
    (  # noqa: SIM905
        "done skipped skip held complete completed cancelled canceled cancel missed yes no y "
        "n x ok true false pending postponed moved rescheduled declined tentative confirmed "
        "accepted planned scheduled late na n/a tbd "
        # A spreadsheet's TRUE and FALSE, and a yes, in German, French and Spanish.
        "wahr falsch ja nein erledigt abgesagt vrai faux oui non fait verdadero falso si sí"
    ).split()
)
_ID_FIELDS = ("activity", "owner", "with")


def _got(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return cell(str(value))


def cells(
    record: Mapping[str, Any], written: Mapping[str, str] | None = None
) -> tuple[tuple[str, ...], dict[str, Problem]]:
    """A JSON / YAML record as the nine text cells of a CSV row, and the fields of the
    wrong type, each with its problem (their cells are left empty: see
    :meth:`Checker.reasons`). ``useful`` and ``actions`` take whole numbers; a number in a
    text field is read as text. ``written`` holds a YAML record's numbers as the file
    spells them: a number is checked as that text, like a CSV cell (`0x5` and `0o4` are
    refused as `1_0` is)."""
    written = written or {}
    out: list[str] = []
    wrong: dict[str, Problem] = {}  # every field of the wrong type, so that one run names them all
    for name in FIELDS:
        value = record.get(name)
        number = name in ("useful", "actions")
        if value is None:
            out.append("")
        elif isinstance(value, str):
            out.append(value)
        elif not isinstance(value, bool) and isinstance(value, int if number else (int, float)):
            out.append(written.get(name, str(value)))
        else:
            got = cell(written[name]) if name in written else _got(value)
            out.append("")
            expected = "a whole number" if number else "text"
            wrong[name] = Problem(name, f"{name}: expected {expected}, got {got}")
    return tuple(out), wrong


def bad_text(values: tuple[str, ...] | list[str]) -> str | None:
    """Why a record's text cannot be trusted (NUL bytes, bytes that are not UTF-8), if so."""
    for value in values:
        if "\x00" in value:
            return "contains a NUL byte, which text never holds (is the file damaged?)"
        if any("\udc80" <= ch <= "\udcff" for ch in value):
            return "contains bytes that are not UTF-8 text; save the file as UTF-8"
    return None


# A date as a spreadsheet in a European locale writes it, day first with dots (03.11.2026,
# 3.11.2026, with Excel's midnight: 03.11.2026 00:00). No locale writes the month first
# with dots, so it is read as that day; slashes (03/11/2026) stay ambiguous and refused.
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?=$|[T ])", re.ASCII)
# A date a spreadsheet saved as its number of days (a column formatted as a number): five
# digits are the days of 1927 to 2173, where a meeting's date is; fewer are more likely a
# value one column off.
_SERIAL = re.compile(r"[1-9]\d{4}", re.ASCII)
_SERIAL_ZERO = date(1899, 12, 30)  # Excel's day 0, its 1900 leap-year bug included


def _undotted(text: str) -> str:
    """``text`` with a date day first with dots written as YYYY-MM-DD (a time after it
    kept), for the ISO readers; any other text as it is."""
    t = text.strip()
    m = _DOTTED.match(t)
    if m is None:
        return text
    return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}{t[m.end() :]}"


def _serial(text: str) -> str:
    """What a date written as a spreadsheet's number of days stands for, said after the
    reason; empty for any other text."""
    t = text.strip()
    if _SERIAL.fullmatch(t) is None:
        return ""
    day = _SERIAL_ZERO + timedelta(days=int(t))
    return (
        f" ({t} is a spreadsheet's number for {day}: format the column as a date, in Excel "
        "Format Cells > Date, then save again)"
    )


_NO_REASON = Problem("reason", "status skipped needs a reason: say why it did not happen")
# A reason says why a meeting did not happen: on a meeting done (a row called off whose
# status was left empty, read as done) it would count a meeting called off as held.
# `morctl log` refuses --reason without --status skipped for the same cause.
_MEND = "write skipped in status if the meeting did not happen, or empty the reason"
_DONE_REASON = {
    True: Problem("reason", f"reason: given, but the status is empty, which is done; {_MEND}"),
    False: Problem("reason", f"reason: given, but the status is done; {_MEND}"),
}


def _reason_problem(status: str, reason: str) -> Problem | None:
    """What is wrong with a record's reason for its status: a skip needs one, a meeting
    done has none."""
    st = status.strip().lower()
    if st == "skipped" and not reason.strip():
        return _NO_REASON
    if st in ("", "done") and reason.strip():
        return _DONE_REASON[not st]
    return None


class Checker:
    """Validates completion records against one workspace; cheap per row after warm-up.

    It also remembers the identities it has let through, so that :meth:`take` can drop
    duplicates: one bit mask of days per series costs far less than a set of identities
    over millions of completions.
    """

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        # Owner ids whose CSV rows are passed over unread (`logs.read`); None: none are.
        self.others: frozenset[str] | None = None
        self._activities = ws.rhythm.activities
        self._people = ws.by_id
        # Valid values are cached; so are failing series, whose "did you mean" is costly.
        # A day carries its bit in the masks, a series its index in ``_masks``.
        self._dates: dict[str, tuple[date, int]] = {}
        self._series: dict[tuple[str, str, str], tuple[str, str, str | None, int]] = {}
        self._bad_series: dict[tuple[str, str, str], Reason] = {}
        # The time zone of each owner cell (empty when none can be read), for the date to
        # write instead of a date with a time.
        self._zones: dict[str, tuple[ZoneInfo, str] | tuple[()]] = {}
        self._flags: dict[tuple[str, str, str], tuple[str, int | None, int | None]] = {}
        self._masks: list[int] = []
        self._day_bits: dict[date, int] = {}
        self._canonical: dict[_Series, tuple[str, str, str | None, int]] = {}
        # Records that name their occurrence: (series index, scheduled day) taken, and the
        # days per series held by such records alone.
        self._named: set[tuple[int, date]] = set()
        self._named_days: dict[int, int] = {}
        # A record that gives only a date, and the occurrence named by a record it stands
        # in for: (activity, owner, with, day) -> scheduled day (see :meth:`_first`; the
        # report's matching applies it per series, `adherence.index`).
        self.stands_for: dict[tuple[str, str, str | None, date], date] = {}
        # Done records found to be duplicates: one may say more than the record kept (a
        # meeting held after a skip was logged, a rating); see `prefer`.
        self.contenders: list[Completion] = []
        # Whether a report may quote a value of an id field (see :meth:`shows`).
        self._shown: dict[tuple[str, str], bool] = {}

    def shows(self, field: str, text: str) -> bool:
        """Whether a report may quote ``text``, found in ``field`` of a rejected record:
        only when it reads as an attempt at that field's value, never as words a note is
        made of. A number or rating holds digits and the letters of a number's notation
        (`4.5`, `0x5`, `1e2`; not `high`); a date the words of a date (`3 Mar 2026`,
        `Tuesday`; not `yesterday`); a status the words people use for one (`cancelled`,
        `yes`); an id only when it is one of the workspace's (an activity's for
        `activity`, a person's for `owner` and `with`), in any case, or close enough to
        one to be offered as a did-you-mean (`pryia`), or the name or e-mail of someone
        in the roster, or an activity's title, or a value of another field one column off
        (`done`, `4`); a word that is none of these (`pregnant` as `with`) may be a note."""
        t = text.strip()
        if field in ("useful", "actions"):
            return len(t) <= 32 and _NUMBER_LIKE.fullmatch(t) is not None
        if field == "date":
            words = _LETTERS.findall(t)
            return bool(_DATE_LIKE.fullmatch(t)) and all(w.lower() in _DATE_WORDS for w in words)
        if field == "status":
            return t.lower() in _STATUS_WORDS or not _LETTERS.search(t)
        if field in _ID_FIELDS:
            key = (field, t)
            said = self._shown.get(key)
            if said is None:
                said = self._shown[key] = self._an_id(field, t)
            return said
        return False

    def _an_id(self, field: str, text: str) -> bool:
        """Whether ``text`` in an id field reads as an attempt at an id (see :meth:`shows`);
        only for rejected records, and cached per value."""
        if not _LETTERS.search(text) or text.lower() in _STATUS_WORDS:
            return True  # a number, a date or a status, one column off: what to fix
        ids = list(self._activities if field == "activity" else self._people)
        folded = " ".join(text.split()).casefold()
        if folded in {i.casefold() for i in ids} or self.ws.named(text) is not None:
            return True
        if field != "activity" and self.ws.name_part(text) is not None:
            return True  # a first or last name, offered as the id meant
        if any(" ".join(a.title.split()).casefold() == folded for a in self._activities.values()):
            return True
        return len(text) <= SLUG_MAX and bool(difflib.get_close_matches(folded, ids, n=1))

    def for_report(self, reason: Reason) -> str | None:
        """``reason`` as a report prints it, when that differs: each value of the record
        it quotes that a report may not (:meth:`shows`) is left out, built from the
        reason's parts. A report is read by people the log's author did not write it
        for; `morctl validate --logs` keeps the quotes."""
        return reason.for_report(self.shows)

    def check(self, cells: Sequence[str], file: str, line: int) -> Completion | Reason:
        """The nine cells of a record, in :data:`FIELDS` order, as a completion, or the reason
        it is rejected. Empty cells are absent values; an empty status means ``done``."""
        res = self.take(cells, file, line, dedup=False)
        assert res is not None
        return res

    def reasons(self, cells: Sequence[str], wrong: Mapping[str, Problem]) -> Reason:
        """Why a JSON / YAML record with fields of the wrong type is rejected: those
        (``wrong``, from :func:`cells`, whose cells are empty) and every other problem of
        the record, in :data:`FIELDS` order, as a CSV row's reason names them all: the
        record is fixed in one go, not a second batch of mistakes after the first."""
        day, activity, owner, with_, status, useful, actions, _, reason = cells
        found = self._series_problems(activity, owner, with_)
        found += _flag_problems(status, useful, actions)
        if isinstance(dated := self._date(day, owner), Reason):
            found.extend(dated.problems)
        if (wrong_reason := _reason_problem(status, reason)) is not None:
            found.append(wrong_reason)
        # An empty cell stands for a value of the wrong type: not missing, but wrong.
        every = [*wrong.values(), *(p for p in found if p.field not in wrong)]
        return Reason(tuple(sorted(every, key=lambda p: FIELDS.index(p.field))))

    def caches(
        self,
    ) -> tuple[
        dict[str, tuple[date, int]],
        dict[tuple[str, str, str], tuple[str, str, str | None, int]],
        dict[tuple[str, str, str], tuple[str, int | None, int | None]],
        list[int],
    ]:
        """What :meth:`take` has accepted so far: dates (with their bit), series (with their
        index in the masks), (status, useful, actions), and the days taken per series. For
        the CSV reader's inlined hot path; it must treat a miss by calling :meth:`take`."""
        return self._dates, self._series, self._flags, self._masks

    def take(
        self,
        cells: Sequence[str],
        file: str,
        line: int,
        dedup: bool = True,
        scheduled: date | None = None,
    ) -> Completion | Reason | None:
        """Like :meth:`check`, but None for a completion whose identity was taken before.

        ``scheduled`` is the day of the occurrence a record names (a checklist line, a
        calendar event). Two such records of one series and day are two completions when
        they name different occurrences (a review dragged onto another's day in the
        calendar); a record that gives only a date is the same completion as any other of
        its series and day, whichever comes first."""
        day, activity, owner, with_, status, useful, actions, note, reason = cells
        dated = self._dates.get(day)
        series = self._series.get((activity, owner, with_))
        flags = self._flags.get((status, useful, actions))
        if dated is None or series is None or flags is None:
            # A value not seen before: check each, and say everything wrong with the row at
            # once (a row with a bad date and a bad rating is fixed in one go).
            got_day = self._date(day, owner) if dated is None else dated
            got_series = self._one_series(activity, owner, with_) if series is None else series
            got_flags = self._flag_values(status, useful, actions) if flags is None else flags
            problems = [
                p
                for got in (got_day, got_series, got_flags)
                if isinstance(got, Reason)
                for p in got.problems
            ]
            if (wrong_reason := _reason_problem(status, reason)) is not None:
                problems.append(wrong_reason)
            if problems:
                return Reason(tuple(problems))
            assert not isinstance(got_day, Reason) and not isinstance(got_series, Reason)
            assert not isinstance(got_flags, Reason)
            dated, series, flags = got_day, got_series, got_flags
        st, u, a = flags
        if (st == "skipped") != bool(reason.strip()):
            wrong_reason = _reason_problem(status, reason)
            assert wrong_reason is not None
            return Reason((wrong_reason,))
        d, bit = dated
        act, own, wth, _ = series
        made = _new(
            Completion,
            (d, act, own, wth, st, u, a, note or None, reason or None, file, line, scheduled),
        )
        if dedup and not self._first(series, bit, d, scheduled):
            if st == "done":
                self.contenders.append(made)
            return None
        return made

    def _first(
        self, series: tuple[str, str, str | None, int], bit: int, day: date, scheduled: date | None
    ) -> bool:
        """Whether this record is the first of its identity; it is taken if so. A series'
        mask holds the days of every record taken (the CSV reader's inlined check reads
        it); ``_named_days`` the days that only records naming their occurrence hold."""
        act, own, wth, index = series
        mask = self._masks[index]
        if scheduled is None:
            if mask & bit:
                return False
            self._masks[index] = mask | bit
            return True
        named_only = self._named_days.get(index, 0)
        if (index, scheduled) in self._named:
            return False
        if mask & bit and not named_only & bit:
            # A record that gives only the date holds the day (logs are read before
            # checklists and calendar exports). It is this completion, kept for its rating,
            # and it now stands for the meeting this record names: matched by its date
            # alone, it could take another occurrence (a review dragged into next week
            # would turn that week's into a duplicate, and its own into a miss). The day
            # is then held as a named record's: another record naming another occurrence
            # on it is a second completion, as it would be without the dated one.
            self.stands_for[(act, own, wth, day)] = scheduled
            self._named.add((index, scheduled))
            self._named_days[index] = named_only | bit
            return False
        self._named.add((index, scheduled))
        self._named_days[index] = named_only | bit
        self._masks[index] = mask | bit
        return True

    def _flag_values(
        self, status: str, useful: str, actions: str
    ) -> tuple[str, int | None, int | None] | Reason:
        problems = _flag_problems(status, useful, actions)
        if problems:
            return Reason(tuple(problems))
        st = status.strip().lower() or "done"
        u = _number(useful, "useful", 1, 5)
        a = _number(actions, "actions", 0, None)
        assert not isinstance(u, Problem) and not isinstance(a, Problem)
        flags = self._flags[(status, useful, actions)] = (STATUSES[STATUSES.index(st)], u, a)
        return flags

    def _date(self, text: str, owner: str) -> tuple[date, int] | Reason:
        if not text.strip():
            return Reason((Problem("date", "date: missing; write it as YYYY-MM-DD"),))
        said = f"'{clip(text)}'"
        written = _undotted(text)
        # A date with a time (a CRM export's) before parse_date, whose message for it is
        # not the one given: the date to write is.
        try:
            stamp = parse_date_time(written)
        except ValueError as part:  # 2026-11-31T09:00
            return Reason((Problem("date", "date: ", text, said, f" has a time, and {part}"),))
        if stamp is not None:
            alone = self._date_alone(*stamp, owner)
            return Reason((Problem("date", "date: ", text, said, f" has a time; {alone}"),))
        try:
            d = parse_date(written)
        except ValueError as exc:
            if not cell(text).startswith("'"):  # words: a note one column off, not a date
                return Reason(
                    (_showing("date", "date: ", text, " is not a date; write it as YYYY-MM-DD"),)
                )
            # parse_date's messages begin with the value, quoted as here (the date read
            # from a dotted one: the message quotes it as written).
            why, quoted = str(exc), f"'{clip(written)}'"
            assert why.startswith(quoted), why
            return Reason(
                (Problem("date", "date: ", text, said, why[len(quoted) :] + _serial(text)),)
            )
        bit = self._day_bits.get(d)
        if bit is None:
            bit = self._day_bits[d] = 1 << len(self._day_bits)
        dated = self._dates[text] = (d, bit)
        return dated

    def _date_alone(self, day: date, moment: datetime | None, owner: str) -> str:
        """The date to write for a date with a time (a CRM export's): the day as written or,
        for a moment with an offset or Z, its day in the owner's time zone, where their
        meetings are scheduled. Only for a rejected value, so never on a valid row's path."""
        if moment is None:
            return f"write the date alone: {day}"
        zone = self._zones.get(owner)
        if zone is None:
            person = self._people.get(owner.strip())
            name = self.ws.timezone_of(person) if person is not None else ""
            zone = self._zones[owner] = (ZoneInfo(name), name) if known_timezone(name) else ()
        if zone:
            local = moment.astimezone(zone[0]).date()
            if MIN_YEAR <= local.year <= MAX_YEAR:
                return (
                    f"write the date alone: {local} (the day in {zone[1]}, the owner's time zone)"
                )
        return (
            f"write the date alone: {day} as written (the day may differ in the owner's time zone)"
        )

    def _one_series(
        self, activity: str, owner: str, with_: str
    ) -> tuple[str, str, str | None, int] | Reason:
        raw = (activity, owner, with_)
        bad = self._bad_series.get(raw)
        if bad is not None:
            return bad
        found = self._series_of(activity, owner, with_)
        if isinstance(found, Reason):
            self._bad_series[raw] = found
            return found
        # Cells that differ only in spaces name the same series: one mask for both.
        same = self._canonical.get(found)
        if same is None:
            same = self._canonical[found] = (*found, len(self._masks))
            self._masks.append(0)
        self._series[raw] = same
        return same

    def _series_of(self, activity: str, owner: str, with_: str) -> _Series | Reason:
        problems = self._series_problems(activity, owner, with_)
        if problems:
            return Reason(tuple(problems))
        act_id, owner_id, with_id = activity.strip(), owner.strip(), with_.strip() or None
        # Canonical strings: every completion of a series shares them.
        return (act_id, self._people[owner_id].id, with_id and self._people[with_id].id)

    def _series_problems(self, activity: str, owner: str, with_: str) -> list[Problem]:
        """What is wrong with a record's activity, owner and report, one problem each."""
        act_id, owner_id, with_id = activity.strip(), owner.strip(), with_.strip() or None
        problems: list[Problem] = []
        act = self._activities.get(act_id)
        left_out = self.ws.is_broken
        if not act_id:
            problems.append(Problem("activity", "activity: missing"))
        elif act is None and left_out("activities", act_id):
            # Left out of the rhythm for an error of its own (`at: 9am`): that error is the
            # one to fix, and every record of it waits for it, not a mistake of each.
            problems.append(waiting("activity", act_id, "the rhythm", "its"))
        elif act is None:
            hint = _hint(act_id, self._activities)
            after = f" is not an activity of the rhythm{hint}"
            problems.append(_showing("activity", "activity: ", act_id, after, name=True))
        if not owner_id:
            problems.append(Problem("owner", "owner: missing; name the person who ran it"))
        elif owner_id not in self._people and left_out("people", owner_id):
            problems.append(waiting("owner", owner_id, "the roster", "their"))
        elif owner_id not in self._people:
            problems.append(_nobody("owner", owner_id, _hint(owner_id, self._people, self.ws)))
        # The report is checked whatever else is wrong: one reason names every mistake.
        if act is not None and act.with_ == "each_report" and with_id is None:
            why = f"with: missing; {act_id} is held with each report, so name the report"
            problems.append(Problem("with", why))
        elif act is not None and act.with_ != "each_report" and with_id is not None:
            after = (
                f" given, but {act_id} is held with '{act.with_}', not with each report; "
                "leave with empty"
            )
            problems.append(_showing("with", "with: ", with_id, after, name=True))
        elif with_id is not None and with_id not in self._people and left_out("people", with_id):
            problems.append(waiting("with", with_id, "the roster", "their"))
        elif with_id is not None and with_id not in self._people:
            problems.append(_nobody("with", with_id, _hint(with_id, self._people, self.ws)))
        return problems


def _nobody(field: str, text: str, hint: str) -> Problem:
    """``field``: no one in the roster has the id ``text``; a report that may not show it
    says "the id given" in its place (see :meth:`Problem.without_value`)."""
    before = f"{field}: nobody in the roster has the id "
    return _showing(field, before, text, hint, name=True, instead="given")


def _flag_problems(status: str, useful: str, actions: str) -> list[Problem]:
    """What is wrong with a record's status, rating and actions, one problem each."""
    problems = [_showing("status", "status: ", status, " is not done or skipped")] * (
        (status.strip().lower() or "done") not in STATUSES
    )
    numbers = (_number(useful, "useful", 1, 5), _number(actions, "actions", 0, None))
    return problems + [v for v in numbers if isinstance(v, Problem)]


def waiting(field: str, name: str, where: str, whose: str) -> Problem:
    """The problem of a record that names what is left out of the workspace for an error
    of its own: it is checked once that is fixed (:data:`WAITING` reads it back)."""
    after = f" is left out of {where} for an error of {whose} own"
    return Problem(field, f"{field}: ", name, f"'{clip(name)}'", after)


# A reason made of such parts only: `morctl validate --logs` says them once, not a row each.
WAITING = re.compile(
    r"(?:activity|owner|with): '[^']*' is left out of the (?:rhythm|roster) for an error of "
    r"(?:its|their) own"
)

_WHOLE = re.compile(r"[+-]?[0-9]+")


_OUT_OF_5 = re.compile(r"([0-9]+)\s*/\s*5")
# A whole number a spreadsheet saved with a decimal place, `4,0` or `4.0` (its column
# formatted as a number): the whole number it is. `4,5` is not one, and stays refused.
_ZERO_FRACTION = re.compile(r"([+-]?[0-9]+)[.,]0+")


def _number(text: str, name: str, low: int, high: int | None) -> int | Problem | None:
    t = text.strip()
    if not t:
        return None
    span = f"{low}-{high}" if high is not None else f"{low} or more"
    if name == "useful" and (out_of_5 := _OUT_OF_5.fullmatch(t)) is not None:
        t = out_of_5.group(1)  # '4/5', as a rating out of five is often written: 4
    elif (whole := _ZERO_FRACTION.fullmatch(t)) is not None:
        t = whole.group(1)
    # Digits 0-9 only: int() would also take '1_0' (as 10) and digits of other scripts.
    if _WHOLE.fullmatch(t) is None:
        return _showing(name, f"{name}: ", text, f" is not a whole number ({span})")
    if len(t) > 20:  # a whole number still, too long to be read as one (and out of range)
        return _showing(name, f"{name}: ", text, f" is outside {span}" if high else " is too large")
    n = int(t)
    if high is not None and not low <= n <= high:
        return Problem(name, f"{name}: {n} is outside {span}")
    if n < low:
        return Problem(name, f"{name}: {n} is below {low}")
    return n


def parse_key(key: str) -> tuple[str, str, str, str] | str:
    """``ACTIVITY/OWNER/DATE`` or ``ACTIVITY/OWNER/WITH/DATE`` → (activity, owner, with, date
    text), with ``with`` empty when absent; or why the key is not an occurrence key."""
    parts = key.split("/")
    if len(parts) == 3:
        return parts[0], parts[1], "", parts[2]
    if len(parts) == 4:
        return parts[0], parts[1], parts[2], parts[3]
    return f"'{clip(key)}' is not an occurrence key (ACTIVITY/OWNER[/WITH]/YYYY-MM-DD)"


def _says_more(new: Completion, kept: Completion) -> bool:
    """Whether ``new``, a done record of the meeting ``kept`` records, says more of it: that
    it was held (``kept`` a skip, logged ahead, and the meeting held after all), or how
    useful it was (``kept`` a tick or a row with neither rating nor actions)."""
    if kept.status == "skipped":
        return True
    unrated = kept.useful is None and kept.actions is None
    return unrated and (new.useful is not None or new.actions is not None)


def prefer(completions: list[Completion], contenders: list[Completion]) -> None:
    """Put in place of each kept record the first duplicate of it that says more
    (:func:`_says_more`): of two records of one meeting, the one that counts is the one
    that says it was held, with its rating, whichever file was read first. A duplicate
    record names the kept one's day and series, and its occurrence when both name one."""
    if not contenders:
        return
    # (activity, owner, with, day) -> the records that may replace the one kept, in
    # reading order.
    offered: dict[tuple[str, str, str | None, date], list[Completion]] = {}
    for c in contenders:
        offered.setdefault((c.activity, c.owner, c.with_, c.day), []).append(c)
    series = {key[:3] for key in offered}
    of_series = operator.attrgetter("activity", "owner", "with_")  # C-level: millions of rows
    for i, kept in enumerate(completions):
        if of_series(kept) not in series:
            continue
        for c in offered.get((kept.activity, kept.owner, kept.with_, kept.day), ()):
            # A record naming another occurrence of that day is a completion of its own.
            same = c.scheduled is None or kept.scheduled in (None, c.scheduled)
            if same and _says_more(c, kept):
                # It keeps the kept record's place: a row standing for a tick's occurrence
                # (`stands_for`) still does.
                completions[i] = kept = c._replace(scheduled=kept.scheduled)


class Results:
    """What the readers collect: completions (the first of each identity, in reading order,
    as :meth:`Checker.take` lets through), rejected records and the duplicates dropped."""

    def __init__(self, check: Checker | None = None) -> None:
        # Says how a report shows a rejected record's reason (Checker.for_report).
        self._check = check
        self.completions: list[Completion] = []
        self.rejected: list[Rejected] = []
        # Files that hold nothing (file, why): named with a warning, not counted among the
        # problems, since no record in them was rejected.
        self.empty: list[tuple[str, str]] = []
        # Calendar events read and not counted, each kind once a file (file, events, why):
        # declined, cancelled, after the export was made. Not problems: the report says so.
        self.uncounted: list[tuple[str, int, str]] = []
        self.duplicates = 0
        # Duplicates per owner, as written: a scoped report counts its own people's.
        self.duplicated: dict[str, int] = {}
        # Records that give only a date and the occurrence each stands for: see
        # Checker.stands_for (the report's matching applies it, `adherence.index`).
        self.stands_for: dict[tuple[str, str, str | None, date], date] = {}
        self._numbers: list[int] = [0]

    def numbers(self, last: int) -> list[int]:
        """``numbers(n)[i] == i`` for i up to ``n + 1``: one shared int object per line
        number, instead of one per record, saves ~30 bytes a completion."""
        if len(self._numbers) < last + 2:
            self._numbers.extend(range(len(self._numbers), last + 2))
        return self._numbers

    def record(
        self,
        res: Completion | Reason | None,
        file: str,
        line: int,
        owner: str | None = None,
        column: int = 1,
    ) -> None:
        """File one outcome of :meth:`Checker.take` for a record that names ``owner``."""
        if res is None:
            self.duplicate(owner)
        elif isinstance(res, Reason):
            self.reject(file, line, res, owner, column)
        else:
            self.completions.append(res)

    def duplicate(self, owner: str | None) -> None:
        self.duplicates += 1
        who = (owner or "").strip()
        self.duplicated[who] = self.duplicated.get(who, 0) + 1

    def reject(
        self,
        file: str,
        line: int,
        reason: str | Reason,
        owner: str | None = None,
        column: int = 1,
        in_report: str | None = None,
    ) -> None:
        """File a rejected record. A :class:`Reason` of the Checker's keeps the values it
        quotes apart, and a report leaves out those it may not show (see
        :meth:`Checker.for_report`); ``in_report``: the reason as a report prints it, when
        the reader words that itself."""
        if isinstance(reason, Reason) and in_report is None and self._check is not None:
            in_report = self._check.for_report(reason)
        # A reason quotes the bad cell, which may hold control characters: reports print it.
        # A line break is written as the escape `\n` (what the cell holds), as validate
        # writes one in a rhythm's value; any other control character as U+FFFD.
        who = owner.strip() if isinstance(owner, str) and owner.strip() else None
        shown = None if in_report is None else one_line(in_report)
        self.rejected.append(Rejected(file, line, one_line(str(reason)), who, column, shown))
