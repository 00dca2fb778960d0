"""Calendar events as iCalendar text: one series as a recurring event (a master with
EXDATEs for excused days and overrides for moved ones) where Outlook can represent its
cadence, single events otherwise, and the plan that decides between them.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple, Protocol

from morctl import icaltext as ic
from morctl import rrules
from morctl.expand import Occurrence, local_span
from morctl.model import Activity
from morctl.workspace import Workspace

# A candidate rule whose instances disagree with the engine more often than this is not
# worth keeping: the series is written as single events instead. High, because the
# exceptions of a series change with the window and with holidays, and each switch between
# series and singles gives its occurrences new UIDs (a monthly regeneration of Acme
# flipped the forecast call at 25%).
MAX_MISMATCH = 0.5


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


def feed_zone(ws: Workspace, owner: str, zone: str) -> str:
    """The TZID a feed gives ``zone``, the zone of ``owner``'s meetings: today's name for
    an old one that tzdata keeps as a link to it (`US/Eastern`: America/New_York), which
    calendars that look zones up by name may not know. It is the name MOR215 asks for
    (among zones tzdata merged, the one of the person's country, else the rhythm's), and
    the same zone, so no meeting moves; System V names (`CET`) are left as written, but
    for `EST5EDT` and its like where tzdata links them to their US city (see zones)."""
    from morctl.zones import current_name

    person = ws.by_id.get(owner)
    own = person is not None and person.timezone == zone
    countries = ws.countries_of(person) if own and person else ws.rhythm.holidays.countries
    return current_name(zone, countries) or zone


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


def _wall_is_real_in(zone: str, start: datetime, end: datetime) -> bool:
    return _wall_is_real_memo(zone, start, end, start.fold, end.fold)


@functools.lru_cache(maxsize=65536)
def _wall_is_real_memo(zone: str, start: datetime, end: datetime, *folds: int) -> bool:
    # Keyed by zone too: aware datetimes of different zones hash alike at the same instant.
    # And by fold: in one zone, the first and the second 01:30 of the night the clocks go
    # back compare (and hash) equal, so a meeting ending at the second would take the
    # answer of one ending at the first, and be written an hour short.
    return _wall_is_real(start, end)


def _when(ws: Workspace, o: Occurrence, utc: bool) -> list[str]:
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
    zone = feed_zone(ws, o.owner, o.timezone)
    return [
        f"DTSTART;TZID={zone}:{ic.format_local(o.start)}",
        f"DTEND;TZID={zone}:{ic.format_local(o.end)}",
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


def _moved(ws: Workspace, o: Occurrence) -> str:
    """Why a moved meeting is not on its usual day, as the first line of its DESCRIPTION:
    a month-end forecast call on the 18th is otherwise a mystery to the people in it."""
    why = o.reason.partition(": ")[2]  # expand's "moved from 2026-12-31: blackout: NAME"
    if why.startswith("blackout: "):
        why = why.removeprefix("blackout: ")
    else:
        why = {
            "weekend": "not a working day",
            "holiday": "a public holiday",
            "away": f"{ws.by_id[o.owner].name} is away" if o.owner in ws.by_id else "away",
        }.get(why, why)
    when = f"{o.scheduled:%a} {o.scheduled.day} {o.scheduled:%b %Y}"
    return ic.escape_text(f"Moved from {when} ({why}).") + "\\n\\n"


def _common(ws: Workspace, o: Occurrence, viewer: str, key: str) -> list[str]:
    act = ws.rhythm.activities[o.activity]
    lines = [f"SUMMARY:{ic.escape_text(_summary(ws, o, viewer))}"]
    if act.location:
        lines.append(f"LOCATION:{ic.escape_text(act.location)}")
    moved = _moved(ws, o) if o.day != o.scheduled else ""
    lines.append(f"DESCRIPTION:{moved}{_description(act, key)}")
    lines.append(f"CATEGORIES:{ic.escape_text(act.area)}")
    lines.append("TRANSP:OPAQUE" if o.start is not None else "TRANSP:TRANSPARENT")
    return lines


def single(ws: Workspace, o: Occurrence, viewer: str, utc: bool) -> Event:
    """One occurrence as an event of its own."""
    uid = _uid(ws, o.key)
    body = (f"UID:{uid}", *_when(ws, o, utc), *_common(ws, o, viewer, o.key))
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
    retimed: Collection[int] = (),
) -> Plan | None:
    """A recurring event for a series' ``days`` (in date order), or None when single events
    describe it better (no rule Outlook can hold, or too many exceptions). ``retimed``: the
    indices of days held at another time than ``nominal`` (a 1:1 whose slot moves when
    someone before it in the team joins or leaves): overrides, which do not count against
    the rule, so that a change to the roster never turns a series into single events."""
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
    moved = 0  # the overrides the schedule makes (not a slot the roster moved)
    for day in sorted(instances):
        i = by_day.get(day)
        if i is None or days[i].status == "excused":
            exdates.append(day)
        elif days[i].day != day or (
            nominal is not None and not _clean(zone, day, nominal, minutes)
        ):
            overrides.append((i, _rid(zone, day, nominal)))
            moved += 1
        elif i in retimed:
            overrides.append((i, _rid(zone, day, nominal)))
        else:
            plain.append(i)
    singles = tuple(
        i for i, o in enumerate(days) if o.status == "scheduled" and o.scheduled not in instances
    )
    exceptions = len(exdates) + moved + len(singles)
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
        # UNTIL is the end of the last instance's day, not the instance itself: both bound
        # the rule alike, but a reader that takes a repeated wall time (a fall-back day) as
        # its second occurrence would find an exact UNTIL before it and drop it (ical.js,
        # in Thunderbird and Nextcloud, does). No instance is later that day. The end is the
        # next midnight less a second, in real time: where the clocks change at midnight,
        # 23:59:59 happens twice (Cairo) or the midnight is skipped (Nuuk).
        midnight = local_span(zone, last_day + timedelta(days=1), time(0, 0), 0, 0)[0]
        until = ic.format_utc(midnight.astimezone(UTC) - timedelta(seconds=1))
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
    # A series has one text for all its meetings: the key is said with each one's date.
    said = f"{key}/ and the meeting's date, e.g. {template.key}"
    body = (f"UID:{uid}", *p.head, *_common(ws, template, viewer, said))
    events = [Event(uid, None, (p.dtstart.isoformat(), uid), body)]
    for i, rid in p.overrides:
        o = occ(i)
        ob = (
            f"UID:{uid}",
            f"RECURRENCE-ID{rid}",
            *_when(ws, o, False),
            *_common(ws, o, viewer, o.key),
        )
        events.append(Event(uid, rid, (o.day.isoformat(), o.key), ob))
    events += [single(ws, occ(i), viewer, False) for i in p.singles]
    return events


def series_events(
    ws: Workspace, occs: list[Occurrence], viewer: str, expanded: bool, utc: bool
) -> list[Event]:
    """The events of one series: a master with exceptions, or single events."""
    scheduled = [o for o in occs if o.status == "scheduled"]
    if expanded or utc or not scheduled:
        return [single(ws, o, viewer, utc) for o in scheduled]
    o = occs[0]
    # A 1:1's slot moves when someone before it in the team joins or leaves: the series
    # runs at its most frequent time (the earliest of two as frequent), the others are
    # overrides. Single events instead would give every meeting a new UID, the past ones
    # included, each time the roster changes (DESIGN §7: UIDs survive such edits).
    times = Counter(x.minute for x in scheduled)
    minute = min(times, key=lambda m: (-times[m], m))
    retimed = [i for i, x in enumerate(occs) if x.status == "scheduled" and x.minute != minute]
    nominal = next(x.wall for x in scheduled if x.minute == minute)
    act = ws.rhythm.activities[o.activity]
    zone = feed_zone(ws, o.owner, o.timezone)
    p = plan(ws, act, occs, zone, nominal, o.minutes, frozenset(retimed))
    if p is None:
        return [single(ws, o, viewer, utc) for o in scheduled]
    return planned_events(ws, p, occs.__getitem__, viewer)


def retitled(ws: Workspace, events: list[Event], o: Occurrence, viewer: str) -> list[Event]:
    """A per-report series as the report sees it: titled with the owner's name."""
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
