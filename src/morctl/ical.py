"""`morctl calendar`: one RFC 5545 feed per person, built from the engine's occurrences.

Each series (activity, owner, report) becomes a recurring event where Outlook can represent
its cadence, with EXDATEs for excused days and overrides for moved ones; whatever does not
fit becomes single events. `--expanded` writes every occurrence as its own event.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from morctl import icaltext as ic
from morctl import rrules
from morctl.expand import Occurrence, expand
from morctl.model import Activity
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


def _description(act: Activity, key: str) -> str:
    parts = []
    if act.description:
        parts.append(act.description.strip())
    if act.admission and act.admission.standard:
        parts.append(f"Standard: {act.admission.standard.strip()}")
    if act.checklist:
        parts.append("Checklist:\n" + "\n".join(f"- {step}" for step in act.checklist))
    if act.admission and act.admission.evidence and act.admission.evidence.useful:
        parts.append(f"Useful when: {act.admission.evidence.useful.strip()}")
    parts.append(f"Occurrence key: {key}")
    return "\n\n".join(parts)


def _when(o: Occurrence, utc: bool) -> list[str]:
    if o.start is None:
        nxt = o.day + timedelta(days=1)
        return [
            f"DTSTART;VALUE=DATE:{ic.format_date(o.day)}",
            f"DTEND;VALUE=DATE:{ic.format_date(nxt)}",
        ]
    assert o.end is not None
    if utc:
        return [f"DTSTART:{ic.format_utc(o.start)}", f"DTEND:{ic.format_utc(o.end)}"]
    return [
        f"DTSTART;TZID={o.timezone}:{ic.format_local(o.start)}",
        f"DTEND;TZID={o.timezone}:{ic.format_local(o.end)}",
    ]


def _rid(o: Occurrence, day: date, utc: bool) -> str:
    """RECURRENCE-ID / EXDATE value in exactly DTSTART's form, for the rule instance ``day``."""
    if o.start is None:
        return f";VALUE=DATE:{ic.format_date(day)}"
    start = o.start
    local = datetime.combine(day, start.time().replace(tzinfo=None))
    if utc:
        from morctl.expand import local_span

        assert start.tzinfo is not None
        s, _ = local_span(o.timezone, day, local.time(), 0, 0)
        return f":{ic.format_utc(s)}"
    return f";TZID={o.timezone}:{ic.format_local(local)}"


def _common(ws: Workspace, o: Occurrence, viewer: str, key: str) -> list[str]:
    act = ws.rhythm.activities[o.activity]
    lines = [f"SUMMARY:{ic.escape_text(_summary(ws, o, viewer))}"]
    if act.location:
        lines.append(f"LOCATION:{ic.escape_text(act.location)}")
    lines.append(f"DESCRIPTION:{ic.escape_text(_description(act, key))}")
    lines.append(f"CATEGORIES:{ic.escape_text(act.area)}")
    lines.append("TRANSP:OPAQUE" if o.start is not None else "TRANSP:TRANSPARENT")
    return lines


def _single(ws: Workspace, o: Occurrence, viewer: str, utc: bool) -> Event:
    uid = _uid(ws, o.key)
    body = (f"UID:{uid}", *_when(o, utc), *_common(ws, o, viewer, o.key))
    return Event(uid, None, (o.day.isoformat(), o.key), body)


def _series_key(o: Occurrence) -> str:
    return "/".join(p for p in (o.activity, o.owner, o.with_) if p)


def series_events(
    ws: Workspace, occs: list[Occurrence], viewer: str, expanded: bool, utc: bool
) -> list[Event]:
    """The events of one series: a master with exceptions, or single events."""
    scheduled = [o for o in occs if o.status == "scheduled"]
    if expanded or utc or not scheduled:
        return [_single(ws, o, viewer, utc) for o in scheduled]
    act = ws.rhythm.activities[occs[0].activity]
    by_day = {o.scheduled: o for o in occs}
    days = sorted(by_day)
    rule = None
    instances: frozenset[date] = frozenset()
    for first in days[:3]:  # DTSTART must itself be an instance of its rule
        candidate = rrules.candidate(
            act.cadence, ws.rhythm.workweek, ws.rhythm.fiscal_year_start, first
        )
        if candidate is None:
            break
        inst = rrules.instances(candidate, first, days[-1])
        if first in inst:
            rule, instances, dtstart_day = candidate, inst, first
            break
    if rule is None:
        return [_single(ws, o, viewer, utc) for o in scheduled]
    plain, exdates, overrides, singles = [], [], [], []
    for day in sorted(instances):
        o = by_day.get(day)
        if o is None or o.status == "excused":
            exdates.append(day)
        elif o.moved:
            overrides.append((day, o))
        else:
            plain.append(o)
    singles = [o for o in scheduled if o.scheduled not in instances]
    if not plain or (len(exdates) + len(overrides) + len(singles)) > MAX_MISMATCH * len(instances):
        return [_single(ws, o, viewer, utc) for o in scheduled]
    first_o = by_day[dtstart_day]
    template = plain[0]
    uid = _uid(ws, _series_key(template))
    key_pattern = f"{_series_key(template)}/YYYY-MM-DD"
    start_o = first_o if first_o.status == "scheduled" and not first_o.moved else template
    master_when = _when(_at(start_o, dtstart_day), utc)
    last_day = max(instances)
    if template.start is None:
        until = ic.format_date(last_day)
    else:
        from morctl.expand import local_span

        assert template.start is not None
        s, _ = local_span(
            template.timezone, last_day, template.start.time().replace(tzinfo=None), 0, 0
        )
        until = ic.format_utc(s)
    body = [f"UID:{uid}", *master_when, f"RRULE:{rule};UNTIL={until}"]
    if exdates:
        prop = "EXDATE" + _rid(template, exdates[0], utc).split(":")[0]
        values = [_rid(template, d, utc).split(":", 1)[1] for d in exdates]
        for i in range(0, len(values), 20):  # several short lines read better than one long
            body.append(f"{prop}:{','.join(values[i : i + 20])}")
    body += _common(ws, template, viewer, key_pattern)
    events = [Event(uid, None, (dtstart_day.isoformat(), uid), tuple(body))]
    for day, o in overrides:
        rid = _rid(template, day, utc)
        ob = (f"UID:{uid}", f"RECURRENCE-ID{rid}", *_when(o, utc), *_common(ws, o, viewer, o.key))
        events.append(Event(uid, rid, (o.day.isoformat(), o.key), ob))
    events += [_single(ws, o, viewer, utc) for o in singles]
    return events


def _at(o: Occurrence, day: date) -> Occurrence:
    """``o`` as if it happened on ``day`` (the rule's first instance) at the same time."""
    if o.day == day or o.start is None:
        return o._replace(day=day) if o.start is None else o
    from morctl.expand import local_span

    s, e = local_span(o.timezone, day, o.start.time().replace(tzinfo=None), 0, o.minutes)
    return o._replace(day=day, start=s, end=e)


# -- previous feeds: SEQUENCE and cancellations ------------------------------------------

_PROP = re.compile(r"^([A-Z-]+)[;:]")


def read_previous(path: Path) -> dict[tuple[str, str], tuple[int, str, list[str], bool]]:
    """Events of an earlier feed: (uid, recurrence-id) → (sequence, digest, lines, cancelled)."""
    try:
        text = path.read_text(encoding="utf-8")
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


def render(
    ws: Workspace,
    person: str,
    events: list[Event],
    stamp: str,
    previous: dict[tuple[str, str], tuple[int, str, list[str], bool]],
    year: int,
) -> str:
    """A whole feed, with SEQUENCE bumped for changed events and removed ones cancelled."""
    name = ws.by_id[person].name
    lines = ic.calendar_header(f"{ws.rhythm.name} — {name}")
    zones = sorted(
        {m.group(1) for e in events for ln in e.body if (m := re.search(r";TZID=([^:;]+)[:;]", ln))}
    )
    for zone in zones:
        vt = ic.vtimezone(zone, year)
        assert vt is not None
        lines += vt
    current = {e.ident for e in events}
    for e in sorted(events, key=lambda e: (e.sort, e.ident)):
        seq = 0
        old = previous.get(e.ident)
        if old is not None:
            seq = old[0] if old[1] == e.digest and not old[3] else old[0] + 1
        lines += [
            "BEGIN:VEVENT",
            e.body[0],
            f"DTSTAMP:{stamp}",
            *e.body[1:],
            f"SEQUENCE:{seq}",
            f"X-MORCTL-DIGEST:{e.digest}",
            "END:VEVENT",
        ]
    for ident, (seq, _digest, old_lines, cancelled) in sorted(previous.items()):
        if ident in current or cancelled:
            continue  # a cancellation is published once, then the event is gone
        kept = [
            ln for ln in old_lines if not ln.startswith(("SEQUENCE", "STATUS", "X-MORCTL-DIGEST"))
        ]
        lines += [
            "BEGIN:VEVENT",
            *kept,
            f"SEQUENCE:{seq + 1}",
            "STATUS:CANCELLED",
            "X-MORCTL-DIGEST:cancelled",
            "END:VEVENT",
        ]
    lines += ic.calendar_footer()
    return ic.serialize(lines)


def feeds(
    ws: Workspace, first: date, last: date, person: str | None, expanded: bool
) -> dict[str, list[Event]]:
    """Events per person who owns or attends anything in the window."""
    by_series: dict[tuple[str, str, str | None], list[Occurrence]] = defaultdict(list)
    for o in expand(ws, first, last, person):
        by_series[o.series].append(o)
    out: dict[str, list[Event]] = defaultdict(list)
    for occs in by_series.values():
        o = occs[0]
        viewers = [o.owner, *o.attendees]
        if person is not None:
            viewers = [v for v in viewers if v == person]
        utc = o.start is not None and ic.vtimezone(o.timezone, first.year) is None
        for viewer in viewers:
            out[viewer].extend(series_events(ws, occs, viewer, expanded, utc))
    return dict(out)


def stamp_now() -> str:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else a fixed stamp so output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return ic.format_utc(datetime.fromtimestamp(int(epoch), UTC))
    return "20000101T000000Z"


def write_all(
    ws: Workspace, out_dir: Path, first: date, last: date, person: str | None, expanded: bool
) -> list[Path]:
    from morctl.atomic import write_atomic

    result = feeds(ws, first, last, person, expanded)
    stamp = stamp_now()
    written = []
    # People who had a feed here but have nothing now still get one last feed, so that
    # their removed events are published as cancelled rather than silently vanishing.
    if person is None and out_dir.is_dir():
        for old in out_dir.glob("*.ics"):
            if old.stem in ws.by_id and old.stem not in result:
                result[old.stem] = []
    for pid in sorted(result):
        path = out_dir / f"{pid}.ics"
        text = render(ws, pid, result[pid], stamp, read_previous(path), first.year)
        write_atomic(path, text, newline="")
        written.append(path)
    return written


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
