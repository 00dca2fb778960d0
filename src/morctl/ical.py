"""`morctl calendar`: one RFC 5545 feed per person, built from the engine's occurrences.

Each series (activity, owner, report) becomes a recurring event where Outlook can represent
its cadence, with EXDATEs for excused days and overrides for moved ones; whatever does not
fit becomes single events. `--expanded` writes every occurrence as its own event.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple, Protocol

from morctl import icaltext as ic
from morctl import rrules
from morctl.expand import Engine, Occurrence, expand, local_span, wall_time
from morctl.model import Activity, Person
from morctl.progress import Progress
from morctl.workspace import Workspace

# A candidate rule whose instances disagree with the engine more often than this is not
# worth keeping: the series is written as single events instead.
MAX_MISMATCH = 0.25


@dataclass(frozen=True)
class Event:
    """One VEVENT, keyed by UID and RECURRENCE-ID; ``body`` excludes SEQUENCE and DTSTAMP."""

    uid: str
    recurrence_id: str | None
    sort: tuple[str, str]
    body: tuple[str, ...]

    @property
    def ident(self) -> tuple[str, str]:
        return (self.uid, self.recurrence_id or "")

    @property
    def digest(self) -> str:
        return hashlib.sha256("\n".join(self.body).encode()).hexdigest()[:16]


def _uid(ws: Workspace, *parts: str) -> str:
    return "/".join(parts) + f"@{ws.rhythm.id}.morctl"


def _summary(ws: Workspace, o: Occurrence, viewer: str) -> str:
    act = ws.rhythm.activities[o.activity]
    if act.with_ == "each_report" and o.with_ is not None:
        other = o.with_ if viewer == o.owner else o.owner
        return f"{act.title} — {ws.by_id[other].name}"
    return act.title


@functools.lru_cache(maxsize=1024)
def _about(act: Activity) -> str:
    """The escaped part of an activity's DESCRIPTION that every event of it shares."""
    parts = []
    if act.description:
        parts.append(act.description.strip())
    if act.admission and act.admission.standard:
        parts.append(f"Standard: {act.admission.standard.strip()}")
    if act.checklist:
        parts.append("Checklist:\n" + "\n".join(f"- {step}" for step in act.checklist))
    if act.admission and act.admission.evidence and act.admission.evidence.useful:
        parts.append(f"Useful when: {act.admission.evidence.useful.strip()}")
    return "".join(ic.escape_text(p) + "\\n\\n" for p in parts)


def _description(act: Activity, key: str) -> str:
    """DESCRIPTION's value, escaped: the standard, the steps and the occurrence key."""
    return _about(act) + ic.escape_text(f"Occurrence key: {key}")


def _wall_is_real(start: datetime, end: datetime) -> bool:
    """Whether local wall-clock times say exactly this span, to every consumer: both read
    back as the same instants (RFC 5545 reads a repeated time as the first, so the second
    01:30 of the night the clocks go back does not), and no clock change falls between
    them (consumers differ there: RFC 5545 adds an event's length in real time, some
    libraries in wall-clock time)."""
    if any(dt.replace(fold=0).astimezone(UTC) != dt.astimezone(UTC) for dt in (start, end)):
        return False
    wall = end.replace(tzinfo=None) - start.replace(tzinfo=None)
    return wall == end.astimezone(UTC) - start.astimezone(UTC)


@functools.lru_cache(maxsize=65536)
def _wall_is_real_in(zone: str, start: datetime, end: datetime) -> bool:
    # Keyed by zone too: aware datetimes of different zones hash alike at the same instant.
    return _wall_is_real(start, end)


def _when(o: Occurrence, utc: bool) -> list[str]:
    if o.start is None:
        nxt = o.day + timedelta(days=1)
        return [
            f"DTSTART;VALUE=DATE:{ic.format_date(o.day)}",
            f"DTEND;VALUE=DATE:{ic.format_date(nxt)}",
        ]
    assert o.end is not None
    if utc or not _wall_is_real_in(o.timezone, o.start, o.end):
        # A zone without a rule-form VTIMEZONE, or an occurrence across a clock change:
        # UTC is the one form every consumer reads the same way.
        return [f"DTSTART:{ic.format_utc(o.start)}", f"DTEND:{ic.format_utc(o.end)}"]
    return [
        f"DTSTART;TZID={o.timezone}:{ic.format_local(o.start)}",
        f"DTEND;TZID={o.timezone}:{ic.format_local(o.end)}",
    ]


@functools.lru_cache(maxsize=65536)  # a handful of (zone, day, time) combinations repeat
def _clean(zone: str, day: date, nominal: time, minutes: int) -> bool:
    """Whether a rule instance on ``day`` reads the same in every consumer: its nominal
    start exists and no clock change falls inside it, so its wall-clock length is its real
    length. (Consumers disagree about instances that span a change: some add the length in
    wall-clock time, RFC 5545 in real time. Those instances are written as overrides.)"""
    start, end = local_span(zone, day, nominal, 0, minutes)
    return start.replace(tzinfo=None) == datetime.combine(day, nominal) and _wall_is_real(
        start, end
    )


def _rid(zone: str, day: date, nominal: time | None) -> str:
    """RECURRENCE-ID / EXDATE value in exactly DTSTART's form, for the rule instance ``day``:
    the rule's nominal wall time, which is what identifies an instance."""
    if nominal is None:
        return f";VALUE=DATE:{ic.format_date(day)}"
    return f";TZID={zone}:{ic.format_local(datetime.combine(day, nominal))}"


def _common(ws: Workspace, o: Occurrence, viewer: str, key: str) -> list[str]:
    act = ws.rhythm.activities[o.activity]
    lines = [f"SUMMARY:{ic.escape_text(_summary(ws, o, viewer))}"]
    if act.location:
        lines.append(f"LOCATION:{ic.escape_text(act.location)}")
    lines.append(f"DESCRIPTION:{_description(act, key)}")
    lines.append(f"CATEGORIES:{ic.escape_text(act.area)}")
    lines.append("TRANSP:OPAQUE" if o.start is not None else "TRANSP:TRANSPARENT")
    return lines


def _single(ws: Workspace, o: Occurrence, viewer: str, utc: bool) -> Event:
    uid = _uid(ws, o.key)
    body = (f"UID:{uid}", *_when(o, utc), *_common(ws, o, viewer, o.key))
    return Event(uid, None, (o.day.isoformat(), o.key), body)


def _series_key(o: Occurrence) -> str:
    return "/".join(p for p in (o.activity, o.owner, o.with_) if p)


class Day(Protocol):
    """What a series plan reads of each of its days: an Entry or an Occurrence."""

    @property
    def day(self) -> date: ...
    @property
    def scheduled(self) -> date: ...
    @property
    def status(self) -> str: ...


class Plan(NamedTuple):
    """How one series is written as a recurring event, worked out from its days alone (not
    from whose series it is), so that owners with the same schedule share it: a large
    organisation has thousands of series for each distinct schedule."""

    head: tuple[str, ...]  # the master's DTSTART, DTEND, RRULE and EXDATE lines
    dtstart: date
    template: int  # index of the first plain instance: the master's SUMMARY etc. come from it
    overrides: tuple[tuple[int, str], ...]  # (index of the day, its RECURRENCE-ID suffix)
    singles: tuple[int, ...]  # indices of scheduled days the rule does not produce


def plan(
    ws: Workspace,
    act: Activity,
    days: Sequence[Day],
    zone: str,
    nominal: time | None,
    minutes: int,
) -> Plan | None:
    """A recurring event for a series' ``days`` (in date order), or None when single events
    describe it better (no rule Outlook can hold, or too many exceptions)."""
    by_day = {o.scheduled: i for i, o in enumerate(days)}
    ordered = sorted(by_day)
    rule = None
    instances: frozenset[date] = frozenset()
    # DTSTART must itself be an occurrence: a scheduled day that was not moved (an excused
    # first instance removed again by EXDATE is legal RFC 5545, but not every client is
    # careful with it).
    starts: list[date] = []
    for d in ordered:  # only the first three are tried: stop looking there
        found = days[by_day[d]]
        if found.status == "scheduled" and found.day == d:
            starts.append(d)
            if len(starts) == 3:
                break
    for first in starts:
        if nominal is not None and not _clean(zone, first, nominal, minutes):
            continue  # the master's DTSTART/DTEND must mean the same length to everyone
        candidate = rrules.candidate(
            act.cadence, ws.rhythm.workweek, ws.rhythm.fiscal_year_start, first
        )
        if candidate is None:
            return None
        inst = rrules.instances(candidate, first, ordered[-1])
        if first in inst:
            rule, instances, dtstart = candidate, inst, first
            break
    if rule is None:
        return None
    plain: list[int] = []
    exdates: list[date] = []
    overrides: list[tuple[int, str]] = []
    for day in sorted(instances):
        i = by_day.get(day)
        if i is None or days[i].status == "excused":
            exdates.append(day)
        elif days[i].day != day or (
            nominal is not None and not _clean(zone, day, nominal, minutes)
        ):
            overrides.append((i, _rid(zone, day, nominal)))
        else:
            plain.append(i)
    singles = tuple(
        i for i, o in enumerate(days) if o.status == "scheduled" and o.scheduled not in instances
    )
    exceptions = len(exdates) + len(overrides) + len(singles)
    if not plain or exceptions > MAX_MISMATCH * len(instances):
        return None
    last_day = max(instances)
    if nominal is None:
        head = [
            f"DTSTART;VALUE=DATE:{ic.format_date(dtstart)}",
            f"DTEND;VALUE=DATE:{ic.format_date(dtstart + timedelta(days=1))}",
        ]
        until = ic.format_date(last_day)
    else:
        # The master runs at the nominal wall time; DTSTART's day is clean, so its wall
        # times are also its real times.
        wall = datetime.combine(dtstart, nominal)
        head = [
            f"DTSTART;TZID={zone}:{ic.format_local(wall)}",
            f"DTEND;TZID={zone}:{ic.format_local(wall + timedelta(minutes=minutes))}",
        ]
        until = ic.format_utc(local_span(zone, last_day, nominal, 0, 0)[0])
    head.append(f"RRULE:{rule};UNTIL={until}")
    if exdates:
        prop = "EXDATE" + _rid(zone, exdates[0], nominal).split(":")[0]
        values = [_rid(zone, d, nominal).split(":", 1)[1] for d in exdates]
        for i in range(0, len(values), 20):  # several short lines read better than one long
            head.append(f"{prop}:{','.join(values[i : i + 20])}")
    return Plan(tuple(head), dtstart, plain[0], tuple(overrides), singles)


def planned_events(
    ws: Workspace, p: Plan, occ: Callable[[int], Occurrence], viewer: str
) -> list[Event]:
    """The events of one series written by plan ``p``; ``occ(i)`` is its i-th occurrence."""
    template = occ(p.template)
    key = _series_key(template)
    uid = _uid(ws, key)
    body = (f"UID:{uid}", *p.head, *_common(ws, template, viewer, f"{key}/YYYY-MM-DD"))
    events = [Event(uid, None, (p.dtstart.isoformat(), uid), body)]
    for i, rid in p.overrides:
        o = occ(i)
        ob = (f"UID:{uid}", f"RECURRENCE-ID{rid}", *_when(o, False), *_common(ws, o, viewer, o.key))
        events.append(Event(uid, rid, (o.day.isoformat(), o.key), ob))
    events += [_single(ws, occ(i), viewer, False) for i in p.singles]
    return events


def series_events(
    ws: Workspace, occs: list[Occurrence], viewer: str, expanded: bool, utc: bool
) -> list[Event]:
    """The events of one series: a master with exceptions, or single events."""
    scheduled = [o for o in occs if o.status == "scheduled"]
    if expanded or utc or not scheduled:
        return [_single(ws, o, viewer, utc) for o in scheduled]
    o = occs[0]
    p = plan(ws, ws.rhythm.activities[o.activity], occs, o.timezone, o.wall, o.minutes)
    if p is None:
        return [_single(ws, o, viewer, utc) for o in scheduled]
    return planned_events(ws, p, occs.__getitem__, viewer)


# -- previous feeds: SEQUENCE and cancellations ------------------------------------------

_PROP = re.compile(r"^([A-Z-]+)[;:]")
_TZID = re.compile(r";TZID=([^:;]+)[:;]")


def read_previous(path: Path) -> dict[tuple[str, str], tuple[int, str, list[str], bool]]:
    """Events of an earlier feed: (uid, recurrence-id) → (sequence, digest, lines, cancelled)."""
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
            seq = int(props.get("SEQUENCE", "SEQUENCE:0").split(":", 1)[1] or 0)
            digest = props.get("X-MORCTL-DIGEST", "X:").split(":", 1)[1]
            cancelled = props.get("STATUS", "") == "STATUS:CANCELLED"
            out[(uid, rid)] = (seq, digest, current, cancelled)
            current = None
        elif current is not None:
            current.append(line)
    return out


_DAY = re.compile(r"(\d{8})")


def _span(lines: list[str]) -> tuple[date, date] | None:
    """First and last day of an earlier event: DTSTART, and UNTIL for a series."""
    start = end = None
    for ln in lines:
        if ln.startswith("DTSTART") and (m := _DAY.search(ln.split(":", 1)[-1])):
            start = end = m.group(1)
        elif ln.startswith("RRULE") and (m := re.search(r"UNTIL=(\d{8})", ln)):
            end = m.group(1)
    if start is None or end is None:
        return None
    return (
        date(int(start[:4]), int(start[4:6]), int(start[6:])),
        date(int(end[:4]), int(end[4:6]), int(end[6:])),
    )


def _overlaps(span: tuple[date, date] | None, window: tuple[date, date]) -> bool:
    return span is None or (span[0] <= window[1] and span[1] >= window[0])


def render(
    ws: Workspace,
    person: str,
    events: list[Event],
    stamp: str,
    previous: dict[tuple[str, str], tuple[int, str, list[str], bool]],
    year: int,
    window: tuple[date, date] | None = None,
) -> str:
    """A whole feed, with SEQUENCE bumped for changed events and removed ones cancelled.

    Only events of the earlier feed that fall in this ``window`` can be cancelled: one that
    merely left the window (a feed regenerated a month later) still happened, or still
    will, and is dropped without a word."""
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
    cancelled_blocks: list[list[str]] = []
    for ident, (seq, _digest, old_lines, cancelled) in sorted(previous.items()):
        if ident in current or cancelled or (ident[1] and ident[0] in masters):
            continue  # a cancellation is published once, then the event is gone
        if window is not None and not _overlaps(_span(old_lines), window):
            continue
        kept = [
            ln for ln in old_lines if not ln.startswith(("SEQUENCE", "STATUS", "X-MORCTL-DIGEST"))
        ]
        cancelled_blocks.append(
            [
                "BEGIN:VEVENT",
                *kept,
                f"SEQUENCE:{seq + 1}",
                "STATUS:CANCELLED",
                "X-MORCTL-DIGEST:cancelled",
                "END:VEVENT",
            ]
        )
    name = ws.by_id[person].name
    lines = ic.calendar_header(f"{ws.rhythm.name} — {name}")
    # Cancelled events keep their TZIDs, so their zones need a VTIMEZONE too.
    every_line = [ln for e in events for ln in e.body] + [ln for b in cancelled_blocks for ln in b]
    zones = sorted({m.group(1) for ln in every_line if ";TZID=" in ln and (m := _TZID.search(ln))})
    for zone in zones:
        vt = ic.vtimezone(zone, year)
        assert vt is not None
        lines += vt
    for e in sorted(events, key=lambda e: (e.sort, e.ident)):
        seq = 0
        old = previous.get(e.ident)
        if old is not None:
            same = old[1] == e.digest and not old[3] and e.uid not in reverted
            seq = old[0] if same else old[0] + 1
        lines += [
            "BEGIN:VEVENT",
            e.body[0],
            f"DTSTAMP:{stamp}",
            *e.body[1:],
            f"SEQUENCE:{seq}",
            f"X-MORCTL-DIGEST:{e.digest}",
            "END:VEVENT",
        ]
    for block in cancelled_blocks:
        lines += block
    lines += ic.calendar_footer()
    return ic.serialize(lines)


def _events_by_viewer(
    ws: Workspace, occs: Iterable[Occurrence], first: date, expanded: bool, only: str | None
) -> dict[str, list[Event]]:
    """Events of each series, for its owner and for each attendee (or just ``only``)."""
    by_series: dict[tuple[str, str, str | None], list[Occurrence]] = defaultdict(list)
    for o in occs:
        by_series[o.series].append(o)
    out: dict[str, list[Event]] = defaultdict(list)
    for series in sorted(by_series, key=lambda s: (s[0], s[1], s[2] or "")):
        group = by_series[series]
        o = group[0]
        utc = o.start is not None and ic.vtimezone(o.timezone, first.year) is None
        viewers = [o.owner, *o.attendees]
        if only is not None:
            viewers = [v for v in viewers if v == only]
        events = series_events(ws, group, o.owner, expanded, utc)
        for viewer in viewers:
            if viewer == o.owner or o.with_ is None:
                out[viewer].extend(events)
            else:
                # A per-report series names the other person: the report sees the owner.
                out[viewer].extend(_retitled(ws, events, o, viewer))
    return out


def _owner_events(
    ws: Workspace,
    engine: Engine,
    owner: Person,
    aids: list[str],
    window: tuple[date, date],
    expanded: bool,
    plans: dict[tuple[object, ...], Plan | None],
) -> dict[str, list[Event]]:
    """`_events_by_viewer` for the series one owner runs, the fast way: a series' plan is
    worked out once per distinct schedule (``plans`` is the memo) from the engine's shared
    entries, and occurrences are built only for the days the events name one by one."""
    first, last = window
    zone = ws.timezone_of(owner)
    out: dict[str, list[Event]] = defaultdict(list)
    for aid in aids:
        act = ws.rhythm.activities[aid]
        entries = engine.entries(aid, owner, first, last)
        if not entries:
            continue
        at, minutes = act.cadence.at, act.cadence.for_
        utc = at is not None and ic.vtimezone(zone, first.year) is None
        for slot, (with_, attendees) in enumerate(engine.series_of(aid, owner)):
            nominal = None if at is None else wall_time(at.hour * 60 + at.minute + slot * minutes)
            p: Plan | None = None
            if not (expanded or utc):
                key = (id(entries), aid, zone, nominal)  # the engine keeps ``entries`` alive
                if key not in plans:
                    plans[key] = plan(ws, act, entries, zone, nominal, minutes)
                p = plans[key]
            if p is None:
                occs = engine.series_occurrences(aid, owner, slot, with_, attendees, entries)
                events = [_single(ws, o, owner.id, utc) for o in occs if o.status == "scheduled"]
                o = occs[0]
            else:
                needed = sorted({p.template, *(i for i, _ in p.overrides), *p.singles})
                some = engine.series_occurrences(
                    aid, owner, slot, with_, attendees, [entries[i] for i in needed]
                )
                events = planned_events(
                    ws, p, dict(zip(needed, some, strict=True)).__getitem__, owner.id
                )
                o = some[0]
            for viewer in (owner.id, *attendees):
                if viewer == owner.id or with_ is None:
                    out[viewer].extend(events)
                else:
                    # A per-report series names the other person: the report sees the owner.
                    out[viewer].extend(_retitled(ws, events, o, viewer))
    return out


def _retitled(ws: Workspace, events: list[Event], o: Occurrence, viewer: str) -> list[Event]:
    summary = f"SUMMARY:{ic.escape_text(_summary(ws, o, viewer))}"
    return [
        Event(
            e.uid,
            e.recurrence_id,
            e.sort,
            tuple(summary if ln.startswith("SUMMARY:") else ln for ln in e.body),
        )
        for e in events
    ]


def _dfs_order(ws: Workspace) -> list[Person]:
    """Everyone, each manager directly before their reports (depth first), so that a
    person's feed is complete soon after their manager's series are expanded."""
    roots = [p for p in ws.people if p.manager is None or p.manager not in ws.by_id]
    order: list[Person] = []
    seen: set[str] = set()
    stack = list(reversed(sorted(roots, key=lambda p: p.id)))
    while stack:
        p = stack.pop()
        if p.id in seen:
            continue
        seen.add(p.id)
        order.append(p)
        stack.extend(reversed(sorted(ws.reports.get(p.id, ()), key=lambda r: r.id)))
    order += [p for p in ws.people if p.id not in seen]  # never reached: a cycle
    return order


def write_all(
    ws: Workspace, out_dir: Path, first: date, last: date, person: str | None, expanded: bool
) -> list[Path]:
    """Write every feed; returns the paths written. Streams owner by owner, writing each
    person's feed as soon as it is complete, so memory does not grow with the org."""
    from morctl.atomic import write_atomic

    window = (first, last)
    stamp = stamp_now()
    written: list[Path] = []
    engine = Engine(ws)
    year = first.year

    def emit(pid: str, events: list[Event]) -> None:
        path = out_dir / f"{pid}.ics"
        previous = read_previous(path)
        if not events and not previous:
            return
        write_atomic(path, render(ws, pid, events, stamp, previous, year, window), newline="")
        written.append(path)

    if person is not None:
        occs = expand(ws, first, last, person, engine=engine)
        emit(person, _events_by_viewer(ws, occs, first, expanded, person).get(person, []))
        return written
    by_role: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(ws.rhythm.activities):
        by_role[ws.rhythm.activities[aid].owner].append(aid)
    pending: dict[str, list[Event]] = defaultdict(list)
    plans: dict[tuple[object, ...], Plan | None] = {}
    order = _dfs_order(ws)
    with Progress("writing calendars", len(order)) as bar:
        for i, p in enumerate(order):
            bar.update(i)
            events = _owner_events(ws, engine, p, by_role.get(p.role, []), window, expanded, plans)
            for viewer, evs in events.items():
                if viewer != p.id:
                    pending[viewer].extend(evs)
            emit(p.id, events.get(p.id, []) + pending.pop(p.id, []))
    for pid in sorted(pending):  # attendees outside the roster order (should not happen)
        emit(pid, pending[pid])
    return written


def stamp_now() -> str:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else a fixed stamp so output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return ic.format_utc(datetime.fromtimestamp(int(epoch), UTC))
    return "20000101T000000Z"


def run(
    root: str, out_dir: str, first: date, last: date, person: str | None, expanded: bool
) -> int:
    import sys

    from morctl.export import check_person
    from morctl.validate import require_valid

    ws = require_valid(root)
    check_person(ws, person)
    written = write_all(ws, Path(out_dir), first, last, person, expanded)
    sys.stderr.write(
        f"wrote {len(written)} feed{'s' * (len(written) != 1)} to {out_dir} ({first} to {last})\n"
    )
    return 0
