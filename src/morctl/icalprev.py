"""The feed written last time: SEQUENCE numbers to bump for changed events, the events
that are gone, to publish once as cancelled, and the SEQUENCE each retired event reached,
so that an event that comes back goes above it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from morctl.icaltext import PRODID

if TYPE_CHECKING:
    from morctl.icalevents import Event

Previous = dict[tuple[str, str], tuple[int, str, list[str], bool]]


class Earlier(NamedTuple):
    """An earlier feed: its events, its retired UIDs with the SEQUENCE each reached, and
    its name (X-WR-CALNAME, unescaped; "" for none)."""

    events: Previous
    retired: dict[str, int]
    name: str = ""


# One line per retired UID in the feed's header: `X-MORCTL-RETIRED:SEQUENCE UID`. Calendars
# ignore X- properties; morctl reads them back. A UID holds no space, comma or semicolon.
RETIRED = "X-MORCTL-RETIRED"
_PROP = re.compile(r"^([A-Z-]+)[;:]")
_DATED = re.compile(r"/(\d{4})-(\d{2})-(\d{2})@")  # the UID of one occurrence (a key)


# RFC 5545 gives SEQUENCE no limit; calendar servers store it as a 32-bit integer.
MAX_SEQUENCE = 2**31 - 2


def is_feed(path: Path) -> bool:
    """Whether a file is a feed that morctl wrote (its PRODID says so), not a calendar
    exported from Outlook or Google that holds morctl's events."""
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError:
        return False
    # A feed that went through git or an editor may have lost its CRs (RFC 5545 wants
    # CRLF; calendars, and morctl, read LF too).
    return f"\nPRODID:{PRODID}\n".encode() in head.replace(b"\r\n", b"\n")


def read_previous(path: Path) -> Earlier:
    """Events of an earlier feed: (uid, recurrence-id) → (sequence, digest, lines, cancelled),
    and its retired UIDs. Only morctl's events (a UID ``…@RHYTHM_ID.morctl``, of this rhythm
    or of the one it was before its id changed): an event someone added to the file by hand
    is not morctl's to cancel."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return Earlier({}, {})
    # CRLF as written, or LF after git (`text=auto`, `core.autocrlf`) or an editor: read
    # as no earlier feed, every changed event would go out with a lower SEQUENCE (which
    # calendars ignore) and nothing removed would be cancelled.
    text = text.replace("\r\n", "\n")
    lines = text.replace("\n ", "").replace("\n\t", "").split("\n")
    out = {}
    retired: dict[str, int] = {}
    name = ""
    current: list[str] | None = None
    for line in lines:
        if current is None and line.startswith("X-WR-CALNAME:"):
            name = _unescape(line.partition(":")[2])
        elif current is None and line.startswith(RETIRED + ":"):
            seq_text, _, uid = line[len(RETIRED) + 1 :].partition(" ")
            # A number past what calendars store is a damaged line (edited by hand): taken
            # as it is, it would pin a returning event's SEQUENCE at the top for good.
            if (
                seq_text.isascii()
                and seq_text.isdigit()
                and int(seq_text) <= MAX_SEQUENCE
                and uid.endswith(".morctl")
            ):
                retired[uid] = max(retired.get(uid, 0), int(seq_text))
        elif line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT" and current is not None:
            props = {m.group(1): ln for ln in current if (m := _PROP.match(ln))}
            uid = props.get("UID", "UID:").split(":", 1)[1]
            rid = props.get("RECURRENCE-ID", "")
            rid = rid[len("RECURRENCE-ID") :] if rid else ""
            # A damaged SEQUENCE (edited by hand) counts as 0: the next one is 1.
            written = props.get("SEQUENCE", "SEQUENCE:0").split(":", 1)[1].strip()
            seq = int(written) if written.isascii() and written.isdigit() else 0
            seq = min(seq, MAX_SEQUENCE)
            digest = props.get("X-MORCTL-DIGEST", "X:").split(":", 1)[1]
            cancelled = props.get("STATUS", "") == "STATUS:CANCELLED"
            if uid.endswith(".morctl") and "@" in uid:
                out[(uid, rid)] = (seq, digest, current, cancelled)
            current = None
        elif current is not None:
            current.append(line)
    return Earlier(out, retired, name)


def _unescape(text: str) -> str:
    """A TEXT value as it was before icaltext.escape_text."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def floor(earlier: Earlier) -> dict[str, int]:
    """The SEQUENCE each UID that the earlier feed no longer carried live reached: its
    retired UIDs, and the events it published as cancelled. An event of such a UID that is
    written now goes above it."""
    out = dict(earlier.retired)
    for (uid, _rid), old in earlier.events.items():
        if old[3]:
            out[uid] = max(out.get(uid, 0), old[0])
    return out


def retire(
    earlier: Earlier,
    blocks: list[list[str]],
    live: set[str],
    first: date | None,
    ahead: dict[str, int] | None = None,
) -> dict[str, int]:
    """The retired UIDs to write: those of the earlier feed, of its cancelled events, of
    this run's cancellations and of the events ``ahead`` of a shorter window (see
    `cancellations`), with the highest SEQUENCE each reached, less the UIDs that are live
    again. A UID of one occurrence (dated) is forgotten once its day is a quarter
    before the window's ``first`` (and today): the meeting it names may have been moved a
    few days off that day, or a run for one person may have started its window later.
    Windows do not reach that far back in use (a run that does writes those meetings from
    SEQUENCE 0). A series' UID is kept, since an activity can be restored at any time."""
    out = floor(earlier)
    for block in blocks:
        props = {m.group(1): ln.split(":", 1)[1] for ln in block if (m := _PROP.match(ln))}
        seq = props.get("SEQUENCE", "")
        if "UID" in props and seq.isascii() and seq.isdigit():
            out[props["UID"]] = max(out.get(props["UID"], 0), int(seq))
    for uid, reached in (ahead or {}).items():
        out[uid] = max(out.get(uid, 0), reached)
    horizon = None
    if first is not None:
        from morctl import clock

        horizon = min(first, clock.today()) - timedelta(days=FORGET_AFTER_DAYS)
    for uid in list(out):
        day = _day(uid)
        if uid in live or (day is not None and horizon is not None and day < horizon):
            del out[uid]
    return out


# How far before the window (and today) a retired occurrence is still remembered.
FORGET_AFTER_DAYS = 92


def _day(uid: str) -> date | None:
    """The day of an occurrence's UID (`KEY@…`, the key ending in its date); None for a
    series."""
    if (m := _DATED.search(uid)) is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_DAY = re.compile(r"(\d{8})")


_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6})Z)?")
_ZONE = re.compile(r";TZID=([^:;]+)")


def _span(lines: list[str]) -> tuple[date, date] | None:
    """First and last day of an earlier event, in its own zone: DTSTART, and UNTIL for a
    series (written in UTC, which is another day than the zone's near midnight)."""
    start = end = zone = None
    for ln in lines:
        if ln.startswith("DTSTART") and (m := _DAY.search(ln.split(":", 1)[-1])):
            start = end = _date(m.group(1))
            zone = z.group(1) if (z := _ZONE.search(ln.split(":", 1)[0])) else None
        elif ln.startswith("RRULE") and (m := _UNTIL.search(ln)):
            end = _date(m.group(1))
            if m.group(2) and zone is not None:
                end = _local_day(m.group(1) + m.group(2), zone) or end
    if start is None or end is None:
        return None
    return start, end


def _date(digits: str) -> date:
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def _local_day(stamp: str, zone: str) -> date | None:
    """The day in ``zone`` of a UTC stamp ``YYYYMMDDhhmmss``; None for a zone unknown here."""
    from zoneinfo import ZoneInfo

    try:
        utc = datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        return utc.astimezone(ZoneInfo(zone)).date()
    except (ValueError, KeyError, OSError):  # zoneinfo's errors for a name it cannot use
        return None


def _overlaps(span: tuple[date, date] | None, window: tuple[date, date]) -> bool:
    return span is None or (span[0] <= window[1] and span[1] >= window[0])


class Gone(NamedTuple):
    """What the earlier feed had that this run's events do not (see `cancellations`)."""

    reverted: dict[str, int]  # series whose override is gone → the SEQUENCE it had reached
    restore: list[tuple[str, str]]  # those overrides (uid, RECURRENCE-ID) to publish once more
    blocks: list[list[str]]  # the earlier events to publish as cancelled, as VEVENT lines
    ahead: dict[str, int]  # the SEQUENCE of those only outside this window, still to come


# X-MORCTL-DIGEST of an override published once more at its series' own time (`restoring`):
# the run after drops it, as it drops a cancellation.
RESTORED = "restored"


def cancellations(
    previous: Previous, events: list[Event], window: tuple[date, date] | None
) -> Gone:
    """The series whose masters go above an override of theirs that is gone, and those of
    these overrides to publish once more (see `restoring`); the earlier events to publish
    as cancelled, each as its VEVENT lines, and the SEQUENCE (above 0) of those that are
    only outside this window and still to come: past its end, or before a start later
    than today.

    Only events of the earlier feed that fall in this ``window`` can be cancelled: one that
    merely left the window (a feed regenerated a month later) still happened, or still
    will, and is dropped without a word. One still to come (a run with a shorter window)
    comes back with a later run: the SEQUENCE it reached is kept among the retired UIDs,
    as a cancellation's is, so that it does not come back below the copy calendars hold
    (see `retire`)."""
    current = {e.ident for e in events}
    masters = {e.uid for e in events if e.recurrence_id is None}
    # An override whose series lives on is never cancelled: a cancelled RECURRENCE-ID
    # cancels that instance of the series, and the instance may well still happen (the
    # holiday that moved it was removed). The master alone now says what happens on that
    # day (a plain instance, an EXDATE or a new override), so it goes above the override:
    # should the override come back, it starts from the master's SEQUENCE, and must go
    # above the copy calendars hold. A calendar that merges the feed into the events it
    # holds keeps the override all the same, so it is published once more (`restoring`),
    # unless it was that publication already.
    reverted: dict[str, int] = {}
    restore: list[tuple[str, str]] = []
    for (uid, rid), old in sorted(previous.items()):
        if rid and uid in masters and (uid, rid) not in current and not old[3]:
            reverted[uid] = max(reverted.get(uid, 0), old[0])
            if old[1] != RESTORED:
                restore.append((uid, rid))
    blocks: list[list[str]] = []
    ahead: dict[str, int] = {}
    from morctl import clock

    today = clock.today()
    for ident, (seq, _digest, old_lines, cancelled) in sorted(previous.items()):
        if ident in current or (ident[1] and ident[0] in masters):
            continue
        if cancelled:
            continue  # a cancellation is published once, then the event is gone
        span = _span(old_lines)
        if window is not None and not _overlaps(span, window):
            if seq and span is not None and (span[0] > window[1] or span[1] >= today):
                ahead[ident[0]] = max(ahead.get(ident[0], 0), seq)
            continue
        kept = [
            ln for ln in old_lines if not ln.startswith(("SEQUENCE", "STATUS", "X-MORCTL-DIGEST"))
        ]
        blocks.append(
            [
                "BEGIN:VEVENT",
                *kept,
                f"SEQUENCE:{seq + 1}",
                "STATUS:CANCELLED",
                "X-MORCTL-DIGEST:cancelled",
                "END:VEVENT",
            ]
        )
    return Gone(reverted, restore, blocks, ahead)


def restoring(master: tuple[str, ...], rid: str) -> tuple[str, ...] | None:
    """The lines (UID on) of an override that puts the instance ``rid`` of a series back
    at the series' own time, with the series' text, given the series' master: for a
    calendar that merges a feed into the events it holds (an import into the same
    calendar), which keeps a moved copy of the instance until an override with a higher
    SEQUENCE replaces it. None when the master does not hold that instance at its own time
    (an EXDATE, another time of day since, a day its rule does not give)."""
    start = next((ln for ln in master if ln.startswith("DTSTART;")), None)
    end = next((ln for ln in master if ln.startswith("DTEND;")), None)
    rule = next((ln for ln in master if ln.startswith("RRULE:")), None)
    if start is None or end is None or rule is None:
        return None
    params, _, first = start[len("DTSTART") :].partition(":")
    end_params, _, last = end[len("DTEND") :].partition(":")
    r_params, _, day = rid.partition(":")
    timed = "T" in first
    # RECURRENCE-ID is in exactly DTSTART's form: the same zone and the same time of day.
    if r_params != params or day[8:] != first[8:] or len(day) != len(first):
        return None
    exdates = {
        v for ln in master if ln.startswith("EXDATE") for v in ln.split(":", 1)[1].split(",")
    }
    span = _span(list(master))
    try:
        when = _date(day[:8])
    except ValueError:
        return None
    if day in exdates or span is None or not span[0] <= when <= span[1]:
        return None
    from morctl import rrules

    bare = ";".join(p for p in rule[len("RRULE:") :].split(";") if not p.startswith("UNTIL="))
    if when not in rrules.instances(bare, span[0], when):
        return None
    form = "%Y%m%dT%H%M%S" if timed else "%Y%m%d"
    length = datetime.strptime(last, form) - datetime.strptime(first, form)
    # The instance is plain again, so no clock change falls inside it: its wall-clock
    # length is the series'.
    ends = (datetime.strptime(day, form) + length).strftime(form)
    text = [
        ln for ln in master if not ln.startswith(("UID", "DTSTART", "DTEND", "RRULE", "EXDATE"))
    ]
    uid = next(ln for ln in master if ln.startswith("UID:"))
    return (
        uid,
        f"RECURRENCE-ID{rid}",
        f"DTSTART{params}:{day}",
        f"DTEND{end_params}:{ends}",
        *text,
    )
