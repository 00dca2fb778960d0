"""`morctl show`: the rhythm as a week grid, and each owner's load against capacity.

The grid lists weekly and daily cadences by weekday and time (the rule itself, not a date);
monthly, quarterly and yearly items are listed under it with their next dates, which come
from the engine. Load figures are the same Q4 numbers `validate` checks.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date, timedelta
from typing import TextIO

from morctl.errors import UsageError
from morctl.expand import expand
from morctl.load import Load, loads
from morctl.model import Cadence
from morctl.values import WEEKDAYS, format_duration
from morctl.workspace import Workspace

MAX_PEOPLE_LISTED = 40
# Holders tried in each place, in roster order, for the next dates of a monthly item:
# enough to pass over a few new managers without a team, few enough for an org of
# thousands.
MAX_SAMPLES = 5
# Places (time zone and public holidays) whose next dates are worked out, at most; any
# more are counted, with where to look, never left out without a word.
MAX_PLACES = 12
# Places named on one line of dates: beyond it, the first few and "and N more".
MAX_NAMED = 5


def _ended(ws: Workspace, role: str, today: date) -> list[str]:
    """The role's activities whose `until` is past: they are left out of the grid and the
    lists of next dates, and named here, so that one retired is not taken for one lost."""
    return [
        f"  {a.title}: ended on {a.cadence.until}"
        for _, a in sorted(ws.rhythm.activities.items())
        if a.owner == role and a.cadence.until is not None and a.cadence.until < today
    ]


def _span(c: Cadence, today: date) -> str:
    """The days the activity runs, where they end or start later than today: an activity
    that takes over from another (`starting`) beside the one it replaces (`until`)."""
    start = f" from {c.starting}" if c.starting is not None and c.starting > today else ""
    return start + (f" until {c.until}" if c.until is not None else "")


def _grid(ws: Workspace, role: str, reports: str | None, today: date) -> list[str]:
    from morctl.checklist import work_week_start

    r = ws.rhythm
    # In the team's week order: Sun to Thu for a Sunday-to-Thursday team, not Mon ... Sun.
    start = work_week_start(r.workweek)
    days = sorted(set(r.workweek), key=lambda d: (d - start) % 7)
    cells: dict[tuple[str, int], list[str]] = defaultdict(list)
    for _aid, act in sorted(r.activities.items()):
        c = act.cadence
        if act.owner != role or c.every.unit not in ("day", "week"):
            continue
        if c.until is not None and c.until < today:
            continue  # ended: `_ended` names it
        on = days if c.every.unit == "day" else list(c.weekdays)
        when = f"{c.at:%H:%M}" if c.at else "all day"
        label = act.title
        if act.with_ == "each_report":
            label += f" ×{reports}" if reports is not None else " ×each report"
        if c.every.n > 1:
            label += f" (every {c.every.n} wks)"
        for d in on:
            cells[(when, d)].append(f"{label} {format_duration(c.for_)}{_span(c, today)}")
    if not cells:
        return ["  (no daily or weekly activities)"]
    times = sorted({t for t, _ in cells}, key=lambda t: (t != "all day", t))
    if _width() < _NARROWEST_DAY * len(days) + len("| 08:30 |"):
        # Too narrow for a column a day: rich would break "08:30" and "Mon" letter by
        # letter. A list, day by day, reads on any terminal.
        lines: list[str] = []
        for d in days:
            lines.append(f"  {WEEKDAYS[d].capitalize()}")
            for t in times:
                lines.extend(f"    {t}  {item}" for item in cells.get((t, d), []))
        return lines
    return _table(
        ["", *(WEEKDAYS[d].capitalize() for d in days)],
        [[t, *("\n".join(cells.get((t, d), [])) for d in days)] for t in times],
    )


# The fewest columns a day of the week grid takes (borders, padding, a short word).
_NARROWEST_DAY = 10


def _width() -> int:
    """The terminal's width, or 120 columns in a file."""
    import shutil

    return shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A boxed grid whose cells wrap, sized to the terminal (or 120 columns in a file)."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*header, show_lines=True, header_style="bold")
    for column in table.columns:
        column.overflow = "fold"  # a narrow terminal breaks a long word, never cuts it off
    for row in rows:
        # Text, not a string: rich would read "[team]" in a title as a style tag, drop it,
        # and stop on "[/loss]".
        table.add_row(*(Text(cell) for cell in row))
    buf = io.StringIO()
    Console(file=buf, width=_width(), no_color=True, highlight=False).print(table)
    return buf.getvalue().rstrip("\n").split("\n")


def _next_dates(
    found: list[tuple[str, tuple[str, ...], tuple[str, ...]]], left_out: int, hint: str
) -> str:
    """``; next: ...`` when every place has the same dates, else the dates of each place,
    named by whose they are and where (``; next priya (GB): ...; marcus (US): ...``).
    ``left_out``: places whose dates were not worked out, counted at the end."""
    if not found:
        return ""
    lists = {dates for _, _, dates in found}
    if len(lists) == 1 and not left_out:
        # Everyone's dates: a name would read as that one person's schedule.
        return "; next: " + ", ".join(found[0][2])
    # Name a place by what tells it apart: the countries, else the time zone. Places with
    # the same dates share a line, in the order they were first met.
    wheres = [place for _, place, _ in found]
    part = 1 if len({w[1:] for w in wheres}) == len(wheres) else 0
    alike: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for who, place, dates in found:
        alike[dates].append(f"{who} ({'/'.join(place[1:]) if part else place[0]})")
    text = ""
    for dates, whom in alike.items():
        if len(whom) > MAX_NAMED:
            whom = [*whom[: MAX_NAMED - 1], f"and {len(whom) - MAX_NAMED + 1} more"]
        names = ", ".join(whom).replace(", and ", " and ")
        text += f"; next {names}: " + ", ".join(dates)
    if left_out:
        text += f"; {left_out} more place{'s' * (left_out != 1)} not worked out ({hint})"
    return text


def _periodic(ws: Workspace, role: str, samples: list[str], today: date) -> list[str]:
    """The role's monthly, quarterly and yearly items, each with its next dates.

    The dates depend on the holder's time zone and public holidays, so they are worked out
    for one holder of each (zone, countries) among ``samples``: the same for all, they are
    told once; otherwise per place, each named by the holder whose dates they are (a
    manager hired last week has no reports yet, and no one-to-ones with them, so the next
    holder of the same place is tried)."""
    r = ws.rhythm
    out: list[str] = []
    items = [
        (aid, a)
        for aid, a in sorted(r.activities.items())
        if a.owner == role
        and a.cadence.every.unit in ("month", "quarter", "year")
        and (a.cadence.until is None or a.cadence.until >= today)
    ]
    if not items:
        return out
    places: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for pid in samples:
        p = ws.by_id.get(pid)
        key = (ws.timezone_of(p), ws.countries_of(p)) if p else (r.timezone, ())
        places.setdefault(key, []).append(pid)
    # One list of next dates per place and item, with whose they are.
    found: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
    for (zone, countries), holders in list(places.items())[:MAX_PLACES]:
        got: dict[str, list[str]] = defaultdict(list)
        whose: dict[str, str] = {}
        for sample in holders[:MAX_SAMPLES]:
            if all(aid in whose for aid, _ in items):
                break
            for o in expand(ws, today, today + timedelta(days=400), sample, owners_only=True):
                if (
                    o.activity in dict(items)
                    and o.status == "scheduled"
                    and o.slot == 0
                    and whose.setdefault(o.activity, sample) == sample
                    and len(got[o.activity]) < 3
                ):
                    moved = f" (moved from {o.scheduled:%d %b})" if o.moved else ""
                    got[o.activity].append(f"{o.day:%a %d %b %Y}{moved}")
        for aid, dates in got.items():
            found[aid].append((whose[aid], (zone, *countries), tuple(dates)))
    # The places beyond the limit are counted, and one of their holders named to ask.
    rest = [holders[0] for holders in list(places.values())[MAX_PLACES:]]
    hint = f"`morctl show --person {rest[0]}` tells {rest[0]}'s" if rest else ""
    out.append("Monthly, quarterly and yearly:")
    for aid, a in items:
        c = a.cadence
        fiscal = " (fiscal)" if c.every.unit in ("quarter", "year") else ""
        when = f" at {c.at:%H:%M}" if c.at else ", all day"
        line = f"  {a.title}: every {c.every}{fiscal} on {c.on}{when}, {format_duration(c.for_)}"
        line += f",{span}" if (span := _span(c, today)) else ""
        line += _next_dates(found.get(aid, []), len(rest), hint)
        out.append(line)
    return out


def _attends(ws: Workspace, person: str, today: date) -> list[str]:
    """What ``person`` attends in the next seven days (others' activities with them in it),
    in their own local time: a rep owns nothing, but their week is full of it."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ws.timezone_of(ws.by_id[person]))
    lines = []
    last = today + timedelta(days=6)
    # The window is of the owners' days, the list of the person's own: a day either side,
    # so that a meeting on the person's Monday that is the owner's Sunday is in, and one
    # on their next Monday is out.
    excused: list[str] = []
    for o in expand(ws, today - timedelta(days=1), last + timedelta(days=1), person):
        if o.owner == person:
            continue
        local = o.start.astimezone(zone) if o.start else None
        day = local.date() if local else o.day
        if not today <= day <= last:
            continue
        owner = ws.by_id[o.owner].name if o.owner in ws.by_id else o.owner
        if o.status != "scheduled":
            excused.append(f"{owner} away" if o.reason == "away" else o.reason or "excused")
            continue
        when = f"{local:%H:%M}" if local else "all day"
        lines.append(
            f"  {day:%a %d %b} {when}  {o.title}, with {owner} ({format_duration(o.minutes)})"
        )
    if excused:
        # A week with every meeting called off would otherwise look like a week of none.
        n, why = len(excused), ", ".join(sorted(set(excused)))
        more = "more " if lines else ""
        lines.append(f"  ({n} {more}excused: {why})")
    if not lines:
        role = ws.by_id[person].role
        if any(a.owner == role for a in ws.rhythm.activities.values()):
            return []  # their own grid is above
        # A rep's only section: an empty answer would say nothing of why.
        starts = ws.rhythm.effective
        why = (
            f" (the rhythm takes effect on {starts})"
            if starts is not None and last < starts
            else ""
        )
        lines.append(f"  nothing{why}")
    return [f"Attends, {today:%d %b} to {today + timedelta(days=6):%d %b %Y}:", *lines, ""]


def _bar(load: Load, width: int = 20) -> str:
    if not load.capacity:
        return ""
    share = load.minutes / load.capacity
    filled = min(width, round(share * width))
    return "█" * filled + "░" * (width - filled) + f" {share:.0%}"


def _load_lines(ws: Workspace, role: str | None, person: str | None) -> list[str]:
    rows = [
        x
        for x in loads(ws)
        if (role is None or x.role == role) and (person is None or x.person == person)
    ]
    if not rows:
        return []
    out = ["Load against capacity (question 4):"]
    # The fullest first, by share of capacity: 38% of 3h is nearer full than 27% of 5h.
    rows.sort(key=lambda x: (-(x.minutes / x.capacity if x.capacity else 0.0), -x.minutes,
                             x.person or x.role))  # fmt: skip
    for x in rows[:MAX_PEOPLE_LISTED]:
        who = f"{x.person} ({x.role})" if x.person else f"role {x.role}"
        cap = format_duration(x.capacity) if x.capacity else "no capacity"
        flag = "  OVER" if x.over else ""
        if x.over_from and x.since and x.over_from != x.since:
            flag += f" from {x.over_from:%d %b %Y}  ({x.since:%d %b %Y} on, {x.cause})"
        elif x.since:
            flag += f"  (from {x.since:%d %b %Y}, {x.cause})"
        out.append(f"  {who:<28} {format_duration(x.shown):>7} / {cap:<7} {_bar(x)}{flag}")
    if len(rows) > MAX_PEOPLE_LISTED:
        over = sum(1 for x in rows if x.over)
        out.append(f"  … {len(rows) - MAX_PEOPLE_LISTED} more; {over} over capacity in all")
    return out


def render(ws: Workspace, role: str | None, person: str | None, today: date) -> str:
    r = ws.rhythm
    out = [r.name, ""]
    if person is not None:
        roles = [ws.by_id[person].role]
    elif role is not None:
        roles = [role]
    else:
        # In the order rhythm.yaml declares them, which is the order its author thinks in
        # (usually top down: vp, manager), not alphabetically.
        owners = {a.owner for a in r.activities.values()}
        roles = [rl for rl in r.roles if rl in owners]
    for rl in roles:
        holders = ws.holders.get(rl, ())
        sample = person or (holders[0].id if holders else None)
        reports = None
        if sample is not None:
            # How many reports each holder runs an each_report activity with: one
            # manager's count would stand for all (×6 where others have 4).
            counts = {
                len(ws.team_of(p, a.report_role))
                for p in ([ws.by_id[person]] if person else holders)
                for a in r.activities.values()
                if a.owner == rl and a.with_ == "each_report"
            } or {0}
            low, high = min(counts), max(counts)
            reports = str(high) if low == high else f"{low}–{high}"
        elif r.roles.get(rl) and r.roles[rl].span is not None:
            reports = str(r.roles[rl].span)
        title = r.roles[rl].title if rl in r.roles else rl
        who = f" — {ws.by_id[sample].name} ({sample})" if person and sample else ""
        if person and sample:
            p = ws.by_id[sample]
            # In the tense of the person's today: a hire of next week "joins", and `left`
            # is their last day in the team, so on it they still "leave".
            if p.joined:
                joins = "joins" if p.joined > today else "joined"
                days = [f"{joins} on {p.joined:%d %b %Y}"]
            else:
                days = []
            if p.left:
                days.append(f"{'leaves' if p.left >= today else 'left'} on {p.left:%d %b %Y}")
            if p.manager_since is not None and p.manager:
                since = f"{p.manager_since:%d %b %Y}"
                if p.manager_since > today:
                    before = f", until then: {p.previous_manager}'s" if p.previous_manager else ""
                    days.append(f"moves to {p.manager}'s team on {since}{before}")
                else:
                    before = f", before: {p.previous_manager}'s" if p.previous_manager else ""
                    days.append(f"in {p.manager}'s team since {since}{before}")
            who += f" ({', '.join(days)})" if days else ""
        if person:
            zone = ws.timezone_of(ws.by_id[person])
        else:
            # A role's rows are each holder's local times: name the zone only if they share it.
            zones = {ws.timezone_of(p) for p in holders} or {r.timezone}
            zone = zones.pop() if len(zones) == 1 else "each owner's own zone"
        owns = any(a.owner == rl for a in r.activities.values())
        # A role that owns nothing (reps) has no times of its own: with --person, what
        # they attend follows, in their zone.
        out.append(f"{title} [{rl}]{who}" + (f", times in {zone}" if owns or person else ""))
        if not owns:
            out.append("  (owns no activities)")
        else:
            out += _grid(ws, rl, reports, today)
        samples = [person] if person else [h.id for h in holders]
        periodic = _periodic(ws, rl, samples, today)
        if periodic:
            out += ["", *periodic]
        ended = _ended(ws, rl, today)
        if ended:
            out += ["", "Ended:", *ended]
        out.append("")
    if person is not None:
        out += _attends(ws, person, today)
    out += _load_lines(ws, role, person)
    return "\n".join(out).rstrip() + "\n"


def run(root: str, role: str | None, person: str | None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from morctl import clock
    from morctl.people import person_id
    from morctl.validate import require_valid

    if role and person:
        raise UsageError("give --role or --person, not both")
    # A load over capacity (MOR405) is what show draws: it is the view to decide what to cut.
    command = ("show", "…") if role or person else ("show",)
    ws = require_valid(root, frozenset({"MOR405"}), command)
    person = person_id(ws, person)
    if role is not None and role not in ws.rhythm.roles:
        from morctl.checkbase import suggest

        roles = ", ".join(ws.rhythm.roles)
        said = " ".join(role.split()).lower()
        titled = [rid for rid, r in ws.rhythm.roles.items() if r.title.lower() == said]
        # `--role "Front-line sales manager"`: the role's title, as people say it.
        close = f"did you mean '{titled[0]}'?" if titled else suggest(role, ws.rhythm.roles)
        raise UsageError(
            f"--role: '{role}' is not a role",
            f"{close} roles: {roles}" if close else f"roles: {roles}",
        )
    # A person's week starts on their today, wherever the machine is.
    who = ws.by_id.get(person) if person else None
    out.write(render(ws, role, person, clock.today(ws.timezone_of(who) if who else None)))
    return 0
