"""`morctl calendar`: one RFC 5545 feed per person, built from the engine's occurrences.

Each series (activity, owner, report) becomes a recurring event where Outlook can represent
its cadence, with EXDATEs for excused days and overrides for moved ones; whatever does not
fit becomes single events. `--expanded` writes every occurrence as its own event.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from morctl import icaltext as ic
from morctl.atomic import Staged, same_file
from morctl.diagnostics import clip, visible
from morctl.errors import MorctlError
from morctl.expand import Engine, Occurrence, expand, slot_wall
from morctl.icalevents import (
    Event,
    Plan,
    feed_zone,
    plan,
    planned_events,
    retitled,
    series_events,
    single,
)
from morctl.icalprev import (
    RESTORED,
    RETIRED,
    Earlier,
    cancellations,
    floor,
    is_feed,
    read_previous,
    restoring,
    retire,
)
from morctl.model import Person
from morctl.progress import Progress
from morctl.workspace import Workspace

# The properties that carry a TZID. Text (a DESCRIPTION with a meeting link) may hold
# ";TZID=" too, escaped to "\\;TZID=": it is not a zone.
_TZID = re.compile(r"^(?:DTSTART|DTEND|EXDATE|RDATE|RECURRENCE-ID)(?:;[^:;]*)*;TZID=([^:;]+)[:;]")


def render(
    ws: Workspace,
    person: str,
    events: list[Event],
    stamp: str,
    earlier: Earlier,
    years: tuple[int, int],
    window: tuple[date, date] | None = None,
) -> str:
    """A whole feed, with SEQUENCE bumped for changed events and removed ones in this
    ``window`` cancelled (see `cancellations`)."""
    previous = earlier.events
    gone = cancellations(previous, events, window)
    reverted, cancelled_blocks, ahead = gone.reverted, gone.blocks, gone.ahead
    masters = {e.uid: e for e in events if e.recurrence_id is None}
    restored = [
        Event(uid, rid, (f"{day[:4]}-{day[4:6]}-{day[6:8]}", uid), body)
        for uid, rid in gone.restore
        if (body := restoring(masters[uid].body, rid)) is not None
        for day in [rid.rpartition(":")[2]]
    ]
    lines = ic.calendar_header(f"{ws.rhythm.name} — {_name(ws, person, earlier.name)}")
    # The SEQUENCE each event no longer in the feed reached (cancelled, or retired on an
    # earlier run): one that comes back goes above it, never back to 0, which calendars
    # holding the cancellation would take for an old copy and ignore.
    retired = retire(
        earlier, cancelled_blocks, {e.uid for e in events}, window[0] if window else None, ahead
    )
    lines += [f"{RETIRED}:{seq} {uid}" for uid, seq in sorted(retired.items())]
    above = floor(earlier)
    # Cancelled events keep their TZIDs, so their zones need a VTIMEZONE too.
    used = {
        m.group(1) for e in events for ln in e.body if ";TZID=" in ln and (m := _TZID.match(ln))
    }
    old_zones = {m.group(1) for b in cancelled_blocks for ln in b if (m := _TZID.match(ln))}
    for zone in sorted(used | old_zones):
        try:
            lines += ic.vtimezone(zone, *years) or ic.vtimezone_for_cancelled(zone, years[0])
        except ValueError:
            if zone in used:
                raise
            # A zone only an earlier feed names, and this machine does not know (the feed
            # was edited by hand): the cancellation still removes the event, by its UID.
            continue
    if not events and not cancelled_blocks:
        # RFC 5545 wants a calendar to hold at least one component, and a strict reader
        # rejects one with none (the subscription is then stuck on the last feed it read):
        # a feed left with no event keeps the VTIMEZONE of its person's zone.
        zone = _zone(ws, person, earlier)
        lines += ic.vtimezone(zone, *years) or ic.vtimezone_for_cancelled(zone, years[0])
    seqs = {}
    for e in events:
        old = previous.get(e.ident)
        if old is None:
            seqs[e.ident] = 0
        else:  # a changed event, or one that comes back after its cancellation, goes up
            same = old[1] == e.digest and not old[3] and e.uid not in reverted
            seqs[e.ident] = old[0] if same else old[0] + 1
        if e.uid in above:
            seqs[e.ident] = max(seqs[e.ident], above[e.uid] + 1)
        if e.recurrence_id is None and e.uid in reverted:
            seqs[e.ident] = max(seqs[e.ident], reverted[e.uid] + 1)
    for e in restored:  # above the moved copy it replaces
        seqs[e.ident] = previous[e.ident][0] + 1
    # Cancellations first: a reader that stops early (a feed near Google's size limit)
    # still removes what is gone.
    for block in cancelled_blocks:
        lines += block
    once = {e.ident for e in restored}
    for e in sorted([*events, *restored], key=lambda e: (e.sort, e.ident)):
        seq = seqs[e.ident]
        if e.recurrence_id is not None:
            # A moved instance is never behind its series: Google ignores an override
            # whose SEQUENCE is lower than its master's, and the series goes up whenever
            # the window moves. An override keeps the number it reached.
            seq = max(seq, seqs.get((e.uid, ""), 0))
        lines += [
            "BEGIN:VEVENT",
            e.body[0],
            f"DTSTAMP:{stamp}",
            *e.body[1:],
            f"SEQUENCE:{seq}",
            f"X-MORCTL-DIGEST:{RESTORED if e.ident in once else e.digest}",
            "END:VEVENT",
        ]
    lines += ic.calendar_footer()
    return ic.serialize(lines)


def _name(ws: Workspace, person: str, earlier_name: str) -> str:
    """The person's name, for the feed's. Someone who has left the roster keeps the name
    their feed had (the roster no longer knows it), else their id."""
    if person in ws.by_id:
        return ws.by_id[person].name
    title = f"{ws.rhythm.name} — "
    return earlier_name.removeprefix(title) if earlier_name.startswith(title) else person


def _zone(ws: Workspace, person: str, earlier: Earlier) -> str:
    """The person's zone; for someone who has left the roster, the first zone their
    earlier feed names that this machine knows, else the rhythm's."""
    if person in ws.by_id:
        return feed_zone(ws, person, ws.timezone_of(ws.by_id[person]))
    named = {
        m.group(1) for old in earlier.events.values() for ln in old[2] if (m := _TZID.match(ln))
    }
    for zone in sorted(named):
        with contextlib.suppress(ValueError):
            ic.vtimezone(zone)
            return feed_zone(ws, person, zone)
    return feed_zone(ws, person, ws.rhythm.timezone)


def _events_by_viewer(
    ws: Workspace,
    occs: Iterable[Occurrence],
    window: tuple[date, date],
    expanded: bool,
    only: str | None,
) -> dict[str, list[Event]]:
    """Events of each series, for its owner and for each attendee (or just ``only``)."""
    by_series: dict[tuple[str, str, str | None], list[Occurrence]] = defaultdict(list)
    for o in occs:
        by_series[o.series].append(o)
    out: dict[str, list[Event]] = defaultdict(list)
    for series in sorted(by_series, key=lambda s: (s[0], s[1], s[2] or "")):
        group = by_series[series]
        o = group[0]
        utc = _in_utc(o.timezone, o.start is not None, (window[0].year, window[1].year))
        events = series_events(ws, group, o.owner, expanded, utc)
        _share(ws, out, events, o, only)
    return out


def _in_utc(zone: str, timed: bool, years: tuple[int, int]) -> bool:
    """A timed series in a zone without a rule-form VTIMEZONE (for the window's years) is
    written in UTC."""
    return timed and ic.vtimezone(zone, *years) is None


def _share(
    ws: Workspace, out: dict[str, list[Event]], events: list[Event], o: Occurrence, only: str | None
) -> None:
    """Give a series' events to its owner and each attendee (or just ``only``), ``o`` being
    any occurrence of it: a per-report series names the other person, so the report sees
    it titled with the owner."""
    for viewer in (o.owner, *o.attendees):
        if only is not None and viewer != only:
            continue
        if viewer == o.owner or o.with_ is None:
            out[viewer].extend(events)
        else:
            out[viewer].extend(retitled(ws, events, o, viewer))


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
    zone = feed_zone(ws, owner.id, ws.timezone_of(owner))
    out: dict[str, list[Event]] = defaultdict(list)
    for aid in aids:
        act = ws.rhythm.activities[aid]
        if not engine.entries(aid, owner, first, last):
            continue
        at, minutes = act.cadence.at, act.cadence.for_
        utc = _in_utc(zone, at is not None, (first.year, last.year))
        for slot, (with_, attendees) in enumerate(engine.series_of(aid, owner)):
            entries = engine.series_entries(aid, owner, with_, first, last)
            if not entries:  # a 1:1 with someone who has left, or not joined yet
                continue
            nominal = slot_wall(at, minutes, slot)
            p: Plan | None = None
            changing = engine.changing_team(aid, owner)
            if not (expanded or utc or changing):
                key = (id(entries), aid, zone, nominal)  # the engine keeps ``entries`` alive
                if key not in plans:
                    plans[key] = plan(ws, act, entries, zone, nominal, minutes)
                p = plans[key]
            viewers = attendees
            if changing:
                # A team that changes (joined / left days) changes the attendees, and the
                # times of the slots, from one day to the next: the events come from the
                # occurrences themselves, as `calendar --person` makes them.
                occs = engine.series_occurrences(aid, owner, slot, with_, attendees, entries)
                events = series_events(ws, occs, owner.id, expanded, utc)
                o = occs[0]
                if with_ is None:
                    viewers = _changing_team(ws, out, occs, attendees, (expanded, utc))
            elif p is None:
                occs = engine.series_occurrences(aid, owner, slot, with_, attendees, entries)
                events = [single(ws, o, owner.id, utc) for o in occs if o.status == "scheduled"]
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
            _share(ws, out, events, o._replace(attendees=viewers), None)
    return out


def _changing_team(
    ws: Workspace,
    out: dict[str, list[Event]],
    occs: list[Occurrence],
    attendees: tuple[str, ...],
    seen: tuple[bool, bool],
) -> tuple[str, ...]:
    """A team meeting's events (``occs``, each with the team of its day) for each attendee
    who joins or leaves the team (a `joined` or `left` day, a change of team): only the
    meetings of their days in the team, as `--person` gives them. Returns the others, who
    see them all."""
    dated = [a for a in attendees if ws.by_id[a].dated]
    expanded, utc = seen
    owner = occs[0].owner
    for a in dated:
        theirs = [o for o in occs if a in o.attendees]
        if theirs:
            out[a].extend(series_events(ws, theirs, owner, expanded, utc))
    return tuple(a for a in attendees if a not in dated)


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
    person's feed (to a temporary file) as soon as it is complete, so memory does not grow
    with the org; the feeds replace the old ones together at the end, or not at all."""
    from morctl.atomic import staged, sweep

    sweep(out_dir, ".ics")  # the temporary feeds of a run that was killed
    if out_dir.is_dir():  # before any feed is made: one listing, not a look-up a person
        wanted: Collection[str] = {person} if person is not None else ws.by_id.keys()
        with os.scandir(out_dir) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".ics") and entry.name[:-4] in wanted:
                    _not_a_link(out_dir / entry.name)
    with staged() as files:
        return _write_all(ws, out_dir, first, last, person, expanded, files)


def _write_all(
    ws: Workspace,
    out_dir: Path,
    first: date,
    last: date,
    person: str | None,
    expanded: bool,
    files: Staged,
) -> list[Path]:
    window = (first, last)
    stamp = stamp_now()
    written: list[Path] = []
    engine = Engine(ws)
    years = (first.year, last.year)

    def emit(pid: str, events: list[Event]) -> None:
        path = out_dir / f"{pid}.ics"
        _not_a_link(path)  # a leaver's feed, and any the listing above could not tell
        earlier = read_previous(path)
        if not events and not earlier.events:
            return
        files.write(path, render(ws, pid, events, stamp, earlier, years, window), newline="")
        written.append(path)

    if person is not None:
        occs = expand(ws, first, last, person, engine=engine)
        emit(person, _events_by_viewer(ws, occs, window, expanded, person).get(person, []))
        return written
    by_role: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(ws.rhythm.activities):
        by_role[ws.rhythm.activities[aid].owner].append(aid)
    pending: dict[str, list[Event]] = defaultdict(list)
    own: dict[str, list[Event]] = {}
    plans: dict[tuple[object, ...], Plan | None] = {}
    order = _dfs_order(ws)
    # A feed is complete once its person and each of their managers are expanded: their
    # manager comes first in the order, but a previous manager (a change of team) may not.
    place = {p.id: i for i, p in enumerate(order)}
    ready: dict[int, list[str]] = defaultdict(list)
    for p in order:
        ready[max([place[p.id], *(place[m] for m in p.managers if m in place)])].append(p.id)
    with Progress("writing calendars", len(order)) as bar:
        for i, p in enumerate(order):
            bar.update(i)
            events = _owner_events(ws, engine, p, by_role.get(p.role, []), window, expanded, plans)
            for viewer, evs in events.items():
                if viewer != p.id:
                    pending[viewer].extend(evs)
            own[p.id] = events.get(p.id, [])
            for pid in ready.pop(i, ()):
                emit(pid, own.pop(pid) + pending.pop(pid, []))
    for pid in sorted(pending):  # attendees outside the roster order (should not happen)
        emit(pid, pending[pid])
    # Someone who left the roster: their feed, still subscribed to, is written once more
    # with its events cancelled (then with none), instead of keeping every meeting. Only a
    # feed of this rhythm: another rhythm may publish into the same folder.
    if out_dir.is_dir():
        ours = f"@{ws.rhythm.id}.morctl"
        kept: set[tuple[int, int]] | None = None
        for path in sorted(out_dir.glob("*.ics")):
            if path.stem in ws.by_id or not path.is_file() or not is_feed(path):
                continue  # a calendar export kept here is not a leaver's feed
            if path.is_symlink() and _alias(path, out_dir):
                continue  # another name for a feed here (me.ics): it follows that one
            if kept is None:
                kept = {ident for p in written if (ident := same_file(p)) is not None}
            if same_file(path) in kept:
                continue  # another name (a link) for a feed written now: it follows that one
            if any(uid.endswith(ours) for uid, _ in read_previous(path).events):
                emit(path.stem, [])
    return written


def _not_a_link(path: Path) -> None:
    """Refuse to write a feed through a link: it may lead anywhere, to the workspace's own
    org.yaml or a month log, which the feed would replace without a word. The feeds are
    all refused before any is renamed into place, so none changes."""
    if not path.is_symlink():
        return
    try:
        where = f"a link to '{clip(visible(os.readlink(path)))}'"
    except OSError:
        where = "a link"
    raise MorctlError(
        f"cannot write {path}: it is {where}",
        "a feed is written as a file of its own: remove the link, or write the feeds "
        "elsewhere; no feed was changed (a link to a feed, such as me.ics, is kept when its "
        "name is nobody's in the roster)",
    )


def _alias(path: Path, out_dir: Path) -> bool:
    """Whether a link leads to another feed in the folder, which is written (or cancelled)
    under its own name."""
    real = Path(os.path.realpath(path))
    return real.suffix == ".ics" and real.parent == Path(os.path.realpath(out_dir))


# Google Calendar is reported to stop reading a subscribed feed at about 1 MB (events past
# that are lost without a word); warn a little before.
LARGE_FEED = 900_000


def stamp_now() -> str:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else a fixed stamp so output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return "20000101T000000Z"
    # reproducible-builds.org: a value that is not one is an error, not passed over.
    if epoch.strip().isdigit() and len(epoch.strip()) <= 11:
        with contextlib.suppress(ValueError, OverflowError, OSError):
            return ic.format_utc(datetime.fromtimestamp(int(epoch), UTC))
    from morctl.errors import UsageError

    raise UsageError(
        f"SOURCE_DATE_EPOCH='{clip(visible(epoch))}' is not a time in whole seconds since 1970 "
        "(before the year 10000)",
        "set it to whole seconds since 1970-01-01 UTC, such as `git log -1 --format=%ct`, "
        "or unset it",
    )


def _not_in_logs(root: str, out_dir: str) -> None:
    """Refuse feeds among the logs: every report would then reject each one (a feed is
    the plan, not a record of meetings held), however the folder is linked in."""
    import os

    from morctl.errors import UsageError
    from morctl.logs import read_as_log

    if read_as_log(Path(root) / "logs", os.path.join(out_dir, "feed.ics")):
        raise UsageError(
            f"--out {out_dir} is inside the workspace's logs/, where every report would "
            "read the feeds as logs and reject them",
            "write the feeds elsewhere, such as calendars/ (a workspace made by `morctl init` "
            "keeps calendars/ out of git)",
        )


def _no_feed_for(ws: Workspace, root: str, person: str, first: date, last: date) -> str:
    """Why `--person` got no feed: every meeting excused (expand lists them, with the
    reason), or nothing at all in the window for them, which expand would not explain."""
    from shlex import quote

    from morctl.expand import expand

    said = f"morctl: warning: {person} has no meeting from {first} to {last}"
    if next(iter(expand(ws, first, last, person)), None) is not None:
        return (
            f"{said} (each is excused), so no feed was written; `morctl expand {quote(root)} "
            f"--from {first} --to {last} --person {person}` shows why\n"
        )
    starts = ws.rhythm.effective
    who = ws.by_id[person]
    runs = {act.owner for act in ws.rhythm.activities.values()}
    manager = ws.by_id.get(who.manager) if who.manager else None
    runs_none = f"as a {who.role} they run no activity of the rhythm"
    if starts is not None and last < starts:
        why = f"the rhythm takes effect on {starts}, after this window"
    elif who.role in runs:
        why = "none of the activities they run or attend falls in it"
    elif manager is None:
        why = f"{runs_none}, and with no manager attend none"
    elif manager.role not in runs:
        why = f"{runs_none}, and their manager {manager.id} ({manager.role}) runs none either"
    else:
        why = f"{runs_none}, and attend none of {manager.id}'s"
    return f"{said}: {why}; no feed was written\n"


def run(
    root: str, out_dir: str, first: date, last: date, person: str | None, expanded: bool
) -> int:
    import sys

    from morctl.outpath import need_folder
    from morctl.people import person_id
    from morctl.validate import require_valid

    need_folder(out_dir)
    ws = require_valid(root, command=("calendar", "…"))
    person = person_id(ws, person)
    _not_in_logs(root, out_dir)
    written = write_all(ws, Path(out_dir), first, last, person, expanded)
    if written:
        many = "s" * (len(written) != 1)
        sys.stderr.write(f"wrote {len(written)} feed{many} to {out_dir} ({first} to {last})\n")
    else:
        # "wrote 0 feeds to DIR" said DIR was there to look in: it is made only for a feed.
        none = "no feed" if person is not None else "no feeds"
        where = (
            f"written to {out_dir}"
            if Path(out_dir).is_dir()
            else f"written; {out_dir} was not created"
        )
        sys.stderr.write(f"{none} {where} ({first} to {last})\n")
    starts = ws.rhythm.effective
    if person is None and not written:
        # "wrote 0 feeds" alone reads as a fault: say why there is nothing to write.
        why = (
            f"the rhythm takes effect on {starts}, after this window"
            if starts is not None and last < starts
            else "nobody has a meeting in it (none planned, or each excused)"
            if ws.people
            else "the workspace has no roster, so nobody owns a meeting (add org.yaml or org.csv)"
        )
        sys.stderr.write(f"morctl: warning: nothing to write from {first} to {last}: {why}\n")
    if person is not None and all(p.stem != person for p in written):
        # Asked for one feed and given none: say why, not only "wrote 0 feeds".
        sys.stderr.write(_no_feed_for(ws, root, person, first, last))
    large = [p.name for p in written if p.stat().st_size > LARGE_FEED]
    if large:
        shown = ", ".join(large[:5]) + (f" and {len(large) - 5} more" if len(large) > 5 else "")
        advice = (
            "leave out --expanded, or use a shorter window" if expanded else "use a shorter window"
        )
        sys.stderr.write(
            f"morctl: warning: {shown}: over {LARGE_FEED // 1000} KB; Google Calendar is "
            f"reported to drop events from a subscribed feed of about 1 MB and more: {advice}\n"
        )
    left = [p for p in written if p.stem not in ws.by_id]
    # A leaver's feed is written with its meetings cancelled, and on the next run emptied.
    cancelled = [p.name for p in left if "BEGIN:VEVENT" in p.read_text(encoding="utf-8")]
    emptied = [p.name for p in left if p.name not in cancelled]
    if cancelled:
        sys.stderr.write(
            f"{', '.join(cancelled)}: no longer in the roster; "
            f"{'its' if len(cancelled) == 1 else 'their'} meetings are cancelled (delete "
            "the file once subscribers have had a day to refresh)\n"
        )
    if emptied:
        sys.stderr.write(
            f"{', '.join(emptied)}: no longer in the roster; emptied (the meetings were "
            "cancelled on an earlier run): delete the file once subscribers have refreshed\n"
        )
    return 0
