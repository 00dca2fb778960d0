"""The feed written last time: SEQUENCE numbers to bump for changed events, and the
events that are gone, to publish as cancelled for as long as they are in the window."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from morctl.icaltext import PRODID

if TYPE_CHECKING:
    from morctl.icalevents import Event

Previous = dict[tuple[str, str], tuple[int, str, list[str], bool]]

_PROP = re.compile(r"^([A-Z-]+)[;:]")


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
    return f"\r\nPRODID:{PRODID}\r\n".encode() in head


def read_previous(path: Path) -> Previous:
    """Events of an earlier feed: (uid, recurrence-id) → (sequence, digest, lines, cancelled).
    Only morctl's events (a UID ``…@RHYTHM_ID.morctl``, of this rhythm or of the one it was
    before its id changed): an event someone added to the file by hand is not morctl's to
    cancel."""
    try:
        # Bytes, not read_text: universal newlines would turn the CRLFs this parser splits
        # on into LFs, and every earlier event would go unseen.
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    lines = text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    out = {}
    current: list[str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
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
    return out


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


def cancellations(
    previous: Previous, events: list[Event], window: tuple[date, date] | None
) -> tuple[set[str], list[list[str]]]:
    """The series whose masters go up a SEQUENCE because an override of theirs is gone, and
    the earlier events to publish as cancelled, each as its VEVENT lines.

    Only events of the earlier feed that fall in this ``window`` can be cancelled: one that
    merely left the window (a feed regenerated a month later) still happened, or still
    will, and is dropped without a word. A cancellation stays in the feed, as it was, for
    as long as its event is in the window: a subscriber who missed one refresh still
    removes the event, and an event that comes back (the activity restored, the rep back
    on the roster) goes up from the cancellation's SEQUENCE, never below it, which
    calendars would take for an old copy and ignore."""
    current = {e.ident for e in events}
    masters = {e.uid for e in events if e.recurrence_id is None}
    # An override whose series lives on is never cancelled: a cancelled RECURRENCE-ID
    # cancels that instance of the series, and the instance may well still happen (the
    # holiday that moved it was removed). The master alone now says what happens on that
    # day (a plain instance, an EXDATE or a new override), so it goes up a SEQUENCE.
    reverted = {
        uid
        for (uid, rid), old in previous.items()
        if rid and uid in masters and (uid, rid) not in current and not old[3]
    }
    blocks: list[list[str]] = []
    for ident, (seq, _digest, old_lines, cancelled) in sorted(previous.items()):
        if ident in current or (ident[1] and ident[0] in masters):
            continue
        if window is not None and not _overlaps(_span(old_lines), window):
            continue
        if cancelled:
            blocks.append(["BEGIN:VEVENT", *old_lines, "END:VEVENT"])
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
    return reverted, blocks
