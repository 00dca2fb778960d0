"""Calendar exports (``.ics``) as completion logs.

An event whose UID ends with ``@RHYTHM_ID.morctl`` is a morctl occurrence; unless its
STATUS is CANCELLED, its owner declined it, or it starts after the export was made, it is
``done``:

- a single event, UID ``KEY@…``, is done on the local date of its DTSTART;
- an override, with a RECURRENCE-ID and the series UID ``ACTIVITY/OWNER[/WITH]@…``, names
  the occurrence of the RECURRENCE-ID's local date, done on DTSTART's local date;
- a series master (an RRULE) only says that a series was planned, never that any instance
  of it happened, so it is passed over: neither a completion nor a rejected record.

Events of other calendars (other UIDs) are not morctl data and are ignored; a file with
events but none of morctl's, or only series of morctl's, is named (``Results.empty``), and
the events read and not counted are counted once a file (``Results.uncounted``). A time with a
zone (a TZID, or UTC) is read in the owner's time zone; a time without one (floating, or a
TZID nobody knows) and a DATE are taken as written. A file that does not parse is one
rejected record on line 1; an event with bytes that are not UTF-8 is one rejected record,
the rest of the file is read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from morctl.diagnostics import clip, plural
from morctl.icaltext import PRODID
from morctl.logcheck import LINE_END, Checker, Results, parse_key
from morctl.values import parse_date

# What ``surrogateescape`` makes of a byte that is not UTF-8.
_ESCAPED = re.compile("[\udc80-\udcff]")
# What Google adds to a series' UID when "this and following events" is edited: the rest
# of the series becomes a new one, `..._R20261208T093000@acme.morctl` (its first start).
_SPLIT = re.compile(r"_R\d{8}T\d{6}Z?$")
# How far apart the DTSTAMPs of one export may be: the seconds it takes to write them.
EXPORT_SPAN = timedelta(minutes=10)
# The DTSTAMP morctl's feeds carry (ical.stamp_now): no moment of an export.
_FIXED_STAMP = "20000101T000000Z"


def _local(prop: Any, timezone: str, name: str) -> date:
    """The local date of a DTSTART / RECURRENCE-ID value."""
    try:
        value = prop.dt
    except Exception:  # icalendar keeps a value it cannot read, and raises when it is used
        raise ValueError(
            f"{name}: '{clip(str(prop))}' is not a date or a date-time "
            "(20261124 or 20261124T090000)"
        ) from None
    if isinstance(value, datetime):
        # A meeting's day is the owner's (DESIGN §3.1), whatever zone the export writes
        # it in: a Honolulu manager's 23:30 huddle, exported by an Outlook in London as
        # 09:30 the next day, was held on the day it was due. A TZID no zone database
        # knows leaves the time as written (its date is the one the export meant).
        if value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(timezone))
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"expected a date or a date-time, got {value!r}")


class _Twice(ValueError):
    """A property that an event holds once appears on several lines."""


def _one(ev: Any, name: str) -> Any:
    """An event's property that may appear once (icalendar gives a list when it repeats)."""
    value = ev.get(name)
    if isinstance(value, list):
        raise _Twice(f"the event has {len(value)} {name} lines; keep one")
    return value


def _event(check: Checker, ev: Any, prefix: str) -> tuple[tuple[str, ...], date] | str | None:
    """The record cells of one morctl event and the scheduled day of the occurrence it
    names; None for a series master; or why it fails."""
    rid = _one(ev, "RECURRENCE-ID")
    if rid is None and ev.get("RRULE") is not None:
        key = parse_key(prefix)
        if not isinstance(key, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", key[3]):
            # Never in a feed morctl writes: which of its days were held cannot be told.
            return f"the event repeats (RRULE), but its UID names one meeting ({prefix})"
        return None
    if rid is not None:
        parts = prefix.split("/")
        if len(parts) not in (2, 3):
            return f"UID '{prefix}' is not a morctl series (ACTIVITY/OWNER[/WITH])"
        activity, owner, with_ = parts[0], parts[1], parts[2] if len(parts) == 3 else ""
    else:
        key = parse_key(prefix)
        if isinstance(key, str):
            return f"UID: {key}"
        activity, owner, with_, scheduled = key
        named = parse_date(scheduled)  # raises for a key whose date is not a real date
    person = check.ws.by_id.get(owner)
    zone = check.ws.timezone_of(person) if person else check.ws.rhythm.timezone
    if rid is not None:
        # The instance an override replaces: its original day is the occurrence's key day
        # (a moved occurrence's override in morctl's feed has the rule's day here).
        named = _local(rid, zone, "RECURRENCE-ID")
    start = _one(ev, "DTSTART")
    if start is None:
        return "the event has no DTSTART"
    row = (
        _local(start, zone, "DTSTART").isoformat(),
        activity,
        owner,
        with_,
        "done",
        "",
        "",
        "",
        "",
    )
    return row, named


def _exported(events: list[Any], suffix: str) -> datetime | None:
    """The moment the export was made, when the file tells it: Outlook and Google write it
    as the DTSTAMP of every event, so morctl's events all carry it (morctl's own fixed
    stamp, which a feed read by another app keeps, is none). An export of thousands of
    events can take a few seconds, so their stamps may differ by those: stamps within
    EXPORT_SPAN of one another are one export, made by the latest; any wider spread is
    each event's own last change, which tells no moment."""
    moments: list[datetime] = []
    for ev in events:
        uids = ev.get("UID", "")
        if not str(uids[0] if isinstance(uids, list) and uids else uids).endswith(suffix):
            continue
        stamp = ev.get("DTSTAMP")
        if stamp is None or isinstance(stamp, list):
            return None
        try:
            value = stamp.dt
            fixed = stamp.to_ical().decode() == _FIXED_STAMP
        except Exception:  # a stamp that cannot be read tells no moment
            return None
        if not isinstance(value, datetime) or value.tzinfo is None or fixed:
            return None  # a stamp is UTC (RFC 5545 §3.8.7.2); any other tells no moment
        moments.append(value)
    if not moments or max(moments) - min(moments) > EXPORT_SPAN:
        return None
    return max(moments)


def _starts(ev: Any, timezone: str) -> datetime:
    """When an event starts: a time without a zone, and a day, in the owner's zone."""
    value = ev.get("DTSTART").dt
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(timezone))


def _declined(ev: Any, email: str | None) -> bool:
    """Whether the event's ATTENDEE line for ``email`` (the owner's) says PARTSTAT=DECLINED.
    Another attendee's decline is not the owner's: a huddle is held without one report."""
    if not email:
        return False
    attendees = ev.get("ATTENDEE")
    if attendees is None:
        return False
    for a in attendees if isinstance(attendees, list) else [attendees]:
        address = str(a).strip()
        if address[:7].lower() == "mailto:":
            address = address[7:]
        if address.lower() == email.strip().lower():
            return str(a.params.get("PARTSTAT", "")).upper() == "DECLINED"
    return False


def _why_unread(lines: list[str], begins: list[int]) -> tuple[int, str]:
    """Where and why a calendar the parser returned nothing for cannot be read."""
    if "BEGIN:VCALENDAR" not in lines:
        return 1, "the calendar cannot be read: no BEGIN:VCALENDAR"
    ends = [n for n, ln in enumerate(lines, 1) if ln == "END:VEVENT"]
    for i, start in enumerate(begins):
        # An event is closed when its END:VEVENT comes before the next event begins.
        stop = begins[i + 1] if i + 1 < len(begins) else len(lines) + 1
        if not any(start < n < stop for n in ends):
            return start, "the calendar cannot be read: this event has no END:VEVENT"
    return 1, "the calendar cannot be read: it is cut short: END:VCALENDAR is missing"


def _unfolded(text: str) -> list[str]:
    """The file's lines, upper-cased, each content line unfolded (RFC 5545 §3.1: a line
    that starts with a space or a tab continues the one before) onto its first line, and
    its continuation lines left empty: line numbers stay those of the file."""
    lines = LINE_END.split(text)
    out: list[str] = []
    first = 0
    for n, line in enumerate(lines):
        if line[:1] in (" ", "\t") and out:
            out[first] += line[1:]
            out.append("")
        else:
            first = n
            out.append(line)
    return [ln.rstrip().upper() for ln in out]


def _unopened(begins: list[int], ends: list[int]) -> int | None:
    """The line of the first END:VEVENT that closes no BEGIN:VEVENT, if any."""
    marks = sorted([(n, 1) for n in begins] + [(n, -1) for n in ends])
    depth = 0
    for n, step in marks:
        depth += step
        if depth < 0:
            return n
        depth = min(depth, 1)  # a BEGIN left open is found by the count
    return None


def read_ics(check: Checker, path: Path, file: str, out: Results) -> None:
    """Read the morctl events of one calendar export into ``out``."""
    import warnings

    # icalendar warns, on stderr with its own source line, of a TZID it had to guess
    # (Thunderbird's `/mozilla.org/20050126_1/America/New_York` read as America/New_York):
    # the guess is the zone the export meant, and a library's warning is no message a
    # user can act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _read_ics(check, path, file, out)


def _read_ics(check: Checker, path: Path, file: str, out: Results) -> None:
    from morctl.logs import too_big

    if too_big(path, file, out, "export the calendar a month or a person at a time"):
        return
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
        spoilt: list[int] = []
    except UnicodeDecodeError:
        # An export saved in another encoding (Windows-1252, say) spoils the lines with
        # accented text, which are a meeting's title or another calendar's events: the
        # rest is read, and a morctl event with such a line is rejected on its own.
        escaped = raw.decode("utf-8-sig", errors="surrogateescape")
        spoilt = [n for n, ln in enumerate(LINE_END.split(escaped), 1) if _ESCAPED.search(ln)]
        text = raw.decode("utf-8-sig", errors="replace")
    if not text.strip():
        return
    lines = _unfolded(text)
    begins = [n for n, ln in enumerate(lines, 1) if ln == "BEGIN:VEVENT"]
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
        events = [ev for cal in calendars for ev in cal.walk("VEVENT")]
    except Exception as exc:  # icalendar raises several types for broken input
        out.reject(file, 1, f"the calendar cannot be read: {clip(str(exc), 120)}")
        return
    if not calendars:
        out.reject(file, *_why_unread(lines, begins))
        return
    if any(str(cal.get("PRODID", "")) == PRODID for cal in calendars):
        # Its events are the plan: counted as done, a feed copied into logs/ would credit
        # every moved or one-off meeting in it, held or not.
        out.reject(
            file,
            1,
            "not read: a feed that `morctl calendar` wrote is the plan, not a record of "
            "meetings held; export the calendar from Outlook or Google Calendar instead",
        )
        return
    ends = [n for n, ln in enumerate(lines, 1) if ln == "END:VEVENT"]
    if len(events) != len(begins) or len(events) != len(ends):
        # An event whose BEGIN:VEVENT was damaged (into BEGIN:VCALENDAR, say) is read as
        # some other component: only its END:VEVENT is left to tell of it.
        out.reject(
            file,
            _unopened(begins, ends) or 1,
            f"the calendar cannot be read: {len(begins)} BEGIN:VEVENT lines, {len(ends)} "
            f"END:VEVENT lines, {len(events)} complete events; check the BEGIN: and END: "
            "lines",
        )
        return
    if not events:
        # A calendar with no events at all is not one whose events are other calendars':
        # an export of the wrong calendar, or cut short, would read as no meetings held.
        out.empty.append((file, "holds no events: nothing read from it; an export cut short?"))
        return
    suffix = f"@{check.ws.rhythm.id}.morctl"
    exported = _exported(events, suffix)
    # Events of other calendars, morctl's series passed over, and morctl's events read
    # and not counted (cancelled, declined, after the export), said once for the file.
    others = series = cancelled = declined = later = 0
    for ev, line, end in zip(events, begins, ends, strict=True):
        uids = ev.get("UID", "")
        uid = str(uids[0] if isinstance(uids, list) and uids else uids)
        if not uid.endswith(suffix):
            others += 1
            continue
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            cancelled += 1
            continue
        # A series Google split is still the series its UID names before `_R...`: its
        # overrides name their day, and the manager cannot change a UID Google wrote.
        prefix = _SPLIT.sub("", uid[: -len(suffix)])
        # Whose the event is, from its UID (ACTIVITY/OWNER...): a report on someone else
        # does not list its problems.
        parts = prefix.split("/")
        owner = parts[1] if len(parts) > 1 else None
        person = check.ws.by_id.get(owner or "")
        if person is not None and _declined(ev, person.email):
            # The owner said they would not be there: the meeting was not theirs to hold.
            declined += 1
            continue
        bad = next((n for n in spoilt if line < n < end), None)
        if bad is not None:
            out.reject(
                file,
                line,
                f"line {bad} of the event has bytes that are not UTF-8 text; export the "
                "calendar again as UTF-8",
                owner,
            )
            continue
        try:
            _one(ev, "UID")
            row = _event(check, ev, prefix)
            zone = check.ws.timezone_of(person) if person else check.ws.rhythm.timezone
            # A meeting still to come when the export was made: counted once its day
            # passed, it would be held by every export that holds the coming months.
            ahead = isinstance(row, tuple) and exported is not None and _starts(ev, zone) > exported
        except _Twice as exc:
            out.reject(file, line, str(exc), owner)
            continue
        except Exception as exc:  # a broken property raises when it is read
            out.reject(file, line, f"the event cannot be read: {clip(str(exc), 120)}", owner)
            continue
        if row is None:
            series += 1
            continue
        if isinstance(row, str):
            out.reject(file, line, row, owner)
        elif ahead:
            later += 1
        else:
            res = check.take(row[0], file, line, scheduled=row[1])
            out.record(res, file, line, row[0][2])
    _said(out, file, suffix, others, series, len(events) - others, (cancelled, declined, later),
          exported)  # fmt: skip


def _said(
    out: Results,
    file: str,
    suffix: str,
    others: int,
    series: int,
    morctl: int,
    uncounted: tuple[int, int, int],
    exported: datetime | None,
) -> None:
    """What a file's events that were not counted are, once for the file: read as "no
    meetings" without a word, an export of the wrong calendar puts them all down as missed."""
    if not morctl:
        out.empty.append(
            (
                file,
                "holds no morctl meeting: "
                f"{plural(others, 'event')} with other UIDs; export the calendar "
                f"that holds morctl's feed, whose UIDs end in {suffix} (an app that gave the "
                "events UIDs of its own has lost which meeting each is: log them instead)",
            )
        )
    cancelled, declined, later = uncounted
    if series and series + cancelled + declined + later == morctl:
        # No morctl event was read as a meeting (counted or rejected): the series alone
        # were there to read, as in an export of the feed subscribed to and left as it is.
        out.empty.append(
            (
                file,
                f"holds no meeting to read: its {series} recurring series of morctl's "
                f"{'is' if series == 1 else 'are'} passed over (a series says the meetings "
                "were planned, not which were held); export a calendar that holds the "
                "`morctl calendar --expanded` feed (one event a meeting), or log the meetings",
            )
        )
    if cancelled:
        out.uncounted.append(
            (
                file,
                cancelled,
                f"{plural(cancelled, 'cancelled meeting')} "
                f"(STATUS:CANCELLED) {'is' if cancelled == 1 else 'are'} not counted",
            )
        )
    if declined:
        out.uncounted.append(
            (
                file,
                declined,
                f"{plural(declined, 'meeting')} "
                f"{'its' if declined == 1 else 'their'} owner declined (PARTSTAT=DECLINED) "
                f"{'is' if declined == 1 else 'are'} not counted",
            )
        )
    if later and exported is not None:
        moment = exported.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        out.uncounted.append(
            (
                file,
                later,
                f"{plural(later, 'meeting')} after this export was made ({moment}) "
                f"{'is' if later == 1 else 'are'} not counted: "
                f"{'it' if later == 1 else 'they'} had not happened yet; export again after "
                f"{'it' if later == 1 else 'them'}",
            )
        )
