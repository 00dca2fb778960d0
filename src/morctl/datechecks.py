"""Validation checks that need real dates (DESIGN.md §6), on the engine's occurrences over
the next 12 months: one owner's activities that overlap, local times that do not exist or
occur twice on a daylight-saving change day, selectors that some periods lack, and
calendar days that are skipped for not being business days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from morctl.cadencechecks import cadence_checks
from morctl.checkbase import diag, known_country, known_timezone, workweek_sound
from morctl.days import period_of
from morctl.diagnostics import Diagnostic
from morctl.expand import Engine, Occurrence
from morctl.holidaychecks import worked_checks
from morctl.model import Activity, Person
from morctl.window import next_twelve_months
from morctl.workspace import Workspace


def date_checks(ws: Workspace, today: date | None = None) -> list[Diagnostic]:
    from morctl import clock

    start = today or clock.today()
    if ws.rhythm.effective and ws.rhythm.effective > start:
        start = ws.rhythm.effective
    start, end = next_twelve_months(start)
    engine = Engine(ws)
    out: list[Diagnostic] = []
    seen_pairs: set[tuple[str, str]] = set()
    seen_dst: set[tuple[str, str, str]] = set()
    if not _calendar_sound(ws):
        return []
    out.extend(worked_checks(ws, start, end))
    checkable = sorted(
        aid for aid, act in ws.rhythm.activities.items() if _cadence_sound(ws, aid, act)
    )
    owners = _representatives(ws) if ws.has_roster else _roles(ws)
    out.extend(_never_held(ws, engine, owners, checkable))
    gapped: set[str] = set()
    lost: set[str] = set()
    for owner in owners:
        out.extend(_gaps(ws, engine, owner, checkable, start, end, gapped))
        out.extend(_lost(ws, engine, owner, checkable, start, end, lost))
        occs = [
            o
            for aid in checkable
            if ws.rhythm.activities[aid].owner == owner.role
            for o in _occurrences(ws, engine, aid, owner, start, end)
            if o.status == "scheduled"
        ]
        out.extend(_overlaps(ws, owner, occs, seen_pairs))
        out.extend(_dst(ws, owner, occs, seen_dst))
    if ws.has_roster:
        from morctl.hourchecks import attendee_hours

        def known(p: Person) -> bool:
            return _person_sound(ws, p)

        out.extend(attendee_hours(ws, engine, start, end, set(checkable), known))
    return out


# Settings every occurrence depends on: when one failed the schema, its default stands in
# for what the user wrote, and the dates would be wrong.
_CALENDAR_KEYS = ("timezone", "effective", "workweek", "fiscal_year_start", "holidays", "blackouts")


def _calendar_sound(ws: Workspace) -> bool:
    """Whether the rhythm's calendar settings are free of errors, so that its days can be
    trusted (other errors, such as an activity's, do not stop the date checks)."""
    r = ws.rhythm
    return (
        not any(ws.any_broken(key) for key in _CALENDAR_KEYS)
        and known_timezone(r.timezone)
        and all(known_country(code) for code in r.holidays.countries)
        and workweek_sound(r.workweek)
        and all(b.from_ <= b.to for b in r.blackouts)
    )


def _cadence_sound(ws: Workspace, aid: str, act: Activity) -> bool:
    """Whether an activity has no error of its own that the dates depend on: a declared
    owner role (MOR301), and a cadence the cadence checks find no error in (MOR211, MOR212,
    MOR502, ...): the same checks, asked again, not restated."""
    if act.owner not in ws.rhythm.roles:
        return False
    return not any(d.severity == "error" for d in cadence_checks(ws, aid, act))


def _person_sound(ws: Workspace, person: Person) -> bool:
    """A person whose own time zone or country is unknown (MOR605, MOR606) is left out."""
    return known_timezone(ws.timezone_of(person)) and all(
        known_country(code) for code in ws.countries_of(person)
    )


def _representatives(ws: Workspace) -> list[Person]:
    """One owner per distinct schedule: owners with the same role, countries, zone, away
    periods and report counts have identical days and times, so checking one is enough."""
    groups: dict[tuple[object, ...], Person] = {}
    for person in ws.people:
        if person.role not in {a.owner for a in ws.rhythm.activities.values()}:
            continue
        if not _person_sound(ws, person):
            continue
        counts = tuple(
            sorted(
                (a.report_role or "", len(ws.reports_for(person, a.report_role)))
                for a in ws.rhythm.activities.values()
                if a.owner == person.role
            )
        )
        sig: tuple[object, ...] = (
            person.role,
            ws.countries_of(person),
            ws.timezone_of(person),
            person.away,
            counts,
        )
        team = (person, *ws.members.get(person.id, ()))
        if any(p.dated for p in team):
            # Someone joins, leaves or changes teams: the schedule is this person's own (a
            # leaver's ends, a team's slots change), and stands for nobody else's.
            sig = (person.id,)
        groups.setdefault(sig, person)
    return list(groups.values())


def _roles(ws: Workspace) -> list[Person]:
    """Without a roster, each role that owns an activity stands for one owner of it, in the
    rhythm's time zone and holiday countries, with no away periods."""
    owning = sorted({a.owner for a in ws.rhythm.activities.values()} & set(ws.rhythm.roles))
    return [
        Person.model_construct(id=role, name=ws.rhythm.roles[role].title, role=role)
        for role in owning
    ]


def _occurrences(
    ws: Workspace, engine: Engine, aid: str, owner: Person, start: date, end: date
) -> list[Occurrence]:
    """The owner's occurrences of ``aid``. Without a roster, an ``each_report`` activity runs
    one slot per report the role's ``span`` counts (at least one), back to back from ``at``,
    as the load (Q4) and MOR501 count them."""
    if ws.has_roster:
        return engine.occurrences_for(aid, owner, start, end)
    act = ws.rhythm.activities[aid]
    entries = engine.entries(aid, owner, start, end)
    if act.with_ != "each_report":
        return engine.series_occurrences(aid, owner, 0, None, (), entries)
    slots = max(ws.rhythm.roles[owner.role].span or 1, 1)
    out: list[Occurrence] = []
    for slot in range(slots):
        report = f"report-{slot + 1}"
        out += engine.series_occurrences(aid, owner, slot, report, (report,), entries)
    return out


def _never_held(
    ws: Workspace, engine: Engine, owners: list[Person], checkable: list[str]
) -> Iterator[Diagnostic]:
    """MOR512: an activity that ends (`until`) before its first meeting: `starting` and
    `until` on one Wednesday for a Thursday meeting. Not an error of its dates (that is
    MOR208), but the activity never happens, and nothing else says so."""
    r = ws.rhythm
    for aid in checkable:
        act = r.activities[aid]
        c = act.cadence
        starts = [d for d in (c.starting, r.effective) if d is not None]
        if c.until is None or not starts:
            continue  # with no start, it runs up to `until` from as far back as it goes
        start = max(starts)
        if start > c.until or (c.until - start).days > 400:
            continue  # MOR208; a span that long holds every cadence's periods
        held = [o for o in owners if o.role == act.owner]
        if not held or any(engine.entries(aid, o, start, c.until) for o in held):
            continue
        which = "its starting day" if start == c.starting else "the rhythm's effective date"
        yield diag(
            ws,
            "warning",
            "MOR512",
            f"activities.{aid}.cadence: no meeting falls between {start} ({which}) and its "
            f"until, {c.until}: the activity never happens",
            "move until to the day of its last meeting, or write the day of its first "
            "meeting in starting",
            "activities",
            aid,
            "cadence",
            "until",
        )


_LABEL = {
    "month": "%b %Y",
    "quarter": "the quarter from %d %b %Y",
    "year": "the year from %d %b %Y",
}


def _gaps(
    ws: Workspace,
    engine: Engine,
    owner: Person,
    checkable: list[str],
    start: date,
    end: date,
    seen: set[str],
) -> Iterator[Diagnostic]:
    """Once per activity: a selector that some periods of the window lack (`day 31` in a
    30-day month, a 5th Tuesday, `business day 21` in a short month with a holiday). Those
    periods have no occurrence at all, not even an excused one, so nobody is told."""
    r = ws.rhythm
    for aid in checkable:
        act = r.activities[aid]
        c = act.cadence
        if aid in seen or act.owner != owner.role or c.selector is None:
            continue
        # Every period that overlaps the window, whole: a year's `day 366` is checked
        # whatever day of the fiscal year it is today.
        periods: list[tuple[date, date]] = []
        day = start
        while day <= end:
            periods.append(period_of(day, c.every.unit, r.fiscal_year_start, c.every.n))
            day = periods[-1][1] + timedelta(days=1)
        entries = engine.entries(aid, owner, periods[0][0] - _PAD, periods[-1][1] + _PAD)
        held = {e.period_start for e in entries}
        floor = engine.first_day(aid)
        # Periods from the start on, and up to the end (`until`): one the activity is not
        # held in at all lacks no occurrence.
        eligible = [
            p
            for p, last in periods
            if (floor is None or p >= floor) and (c.until is None or last <= c.until)
        ]
        missing = [p for p in eligible if p not in held]
        if not missing:
            continue
        seen.add(aid)
        who = f" for {owner.id} ({owner.role})" if ws.has_roster else ""
        unit = c.every.unit
        named = ", ".join(f"{p:{_LABEL[unit]}}" for p in missing[:6])
        named += f" and {len(missing) - 6} more" if len(missing) > 6 else ""
        yield diag(
            ws,
            "warning",
            "MOR508",
            f"activities.{aid}.cadence: '{c.selector}' gives no occurrence in "
            + (
                f"{len(missing)} of the next {len(eligible)} {unit}s"
                if len(eligible) > 1
                else f"the next {unit}"
            )
            + f"{who}: {named}",
            _GAP_HINT[c.selector.kind],
            "activities",
            aid,
            "cadence",
            "on",
        )


_PAD = timedelta(days=40)  # a move may take an occurrence a little out of its period
_GAP_HINT = {
    "day": "count from the end to get every period: 'day -1' is the last day",
    "weekday": "'last DAY' is in every period (such as 'last tue')",
    "business": "every period has 'first business day' and 'last business day'; count "
    "fewer days from either end",
}


# Why a day is not a business day (days.Calendar), as the engine excuses an occurrence.
_NOT_BUSINESS = ("weekend", "holiday")


def _lost(
    ws: Workspace,
    engine: Engine,
    owner: Person,
    checkable: list[str],
    start: date,
    end: date,
    seen: set[str],
) -> Iterator[Diagnostic]:
    """Once per activity: a `day N` selector, with `on_holiday: skip`, whose day is a
    weekend or a holiday in some periods of the window. A calendar day falls on every
    weekday in turn (a monthly `day 15` is on a weekend about three months a year), and
    each such period is excused: it has no meeting. The other selectors pick a workweek
    day (a weekday outside it is MOR503) and lose one to a holiday now and then, as a
    weekly meeting loses Christmas: not worth a warning."""
    for aid in checkable:
        act = ws.rhythm.activities[aid]
        c = act.cadence
        sel = c.selector
        if aid in seen or act.owner != owner.role or c.on_holiday != "skip":
            continue
        if sel is None or sel.kind != "day":
            continue
        days = engine.entries(aid, owner, start, end)
        lost = [e for e in days if e.status == "excused" and e.reason in _NOT_BUSINESS]
        if not lost:
            continue
        seen.add(aid)
        who = f" for {owner.id} ({owner.role})" if ws.has_roster else ""
        unit, n = c.every.unit, len(lost)
        where = (
            f"on {n} of its {len(days)} days in the next twelve months"
            if len(days) > 1
            else "in the next twelve months"
        )
        first = f"{lost[0].day:%a %Y-%m-%d} ({lost[0].reason})"
        default = "" if "on_holiday" in c.model_fields_set else " (the default)"
        yield diag(
            ws,
            "warning",
            "MOR509",
            f"activities.{aid}.cadence: '{sel}' is not a business day {where}{who}: "
            + (f"the first is {first}" if n > 1 else first)
            + f"; with on_holiday: skip{default} "
            + (f"those {n} {unit}s get" if n > 1 else f"that {unit} gets")
            + " no occurrence",
            "add on_holiday: next (or previous) to move it to the nearest business day, or "
            "count business days: "
            + ("'last business day', 'business day -N'" if sel.n < 0 else "'business day N'"),
            "activities",
            aid,
            "cadence",
            "on",
        )


def _overlaps(
    ws: Workspace, owner: Person, occs: list[Occurrence], seen: set[tuple[str, str]]
) -> Iterator[Diagnostic]:
    timed = sorted((o for o in occs if o.start is not None), key=lambda o: o.start or 0)
    active: list[Occurrence] = []
    for o in timed:
        assert o.start is not None
        active = [a for a in active if a.end is not None and a.end > o.start]
        for a in active:
            pair = tuple(sorted((a.activity, o.activity)))
            if a.series == o.series or pair in seen:
                continue
            seen.add((pair[0], pair[1]))
            file, mark = ws.at("activities", o.activity, "cadence", "at")
            who = f"{owner.id} ({owner.role})" if ws.has_roster else owner.role
            if a.activity == o.activity:
                # Back-to-back slots meet only when a spring-forward gap moves one of them
                # (01:00 runs at 02:00, onto the 02:00 slot): MOR505 names the gap, this
                # the double booking it makes.
                message = (
                    f"activities.{o.activity}: the slots with {a.with_} and {o.with_} "
                    f"overlap ({a.start:%H:%M}–{a.end:%H:%M} and {o.start:%H:%M}–"
                    f"{o.end:%H:%M}) for {who} on {o.day:%a %Y-%m-%d}: a daylight-saving "
                    "change moves one onto the other"
                )
                hint = "start the slots later, away from the small hours of the change"
            else:
                message = (
                    f"activities.{o.activity} ({o.start:%H:%M}–{o.end:%H:%M}) overlaps "
                    f"activities.{a.activity} ({a.start:%H:%M}–{a.end:%H:%M}) for {who}, "
                    f"first on {o.day:%a %Y-%m-%d}"
                    + (f" ({a.activity} {a.reason})" if a.moved else "")
                    + (f" ({o.activity} {o.reason})" if o.moved else "")
                )
                hint = "move one of them; a manager cannot be in two reviews at once"
            yield Diagnostic(file, mark.line, mark.column, "warning", "MOR504", message, hint)
        active.append(o)


def _dst(
    ws: Workspace, owner: Person, occs: list[Occurrence], seen: set[tuple[str, str, str]]
) -> Iterator[Diagnostic]:
    """Once per activity, zone and kind of problem: the spring day a time does not exist
    and the autumn day it happens twice are two things to know."""
    for o in occs:
        if o.start is None:
            continue
        wall = o.start.replace(tzinfo=None)
        local = o.wall
        assert local is not None
        problem = _wall_problem(o.timezone, o.day, local)
        if problem is None or (o.activity, o.timezone, problem) in seen:
            continue
        seen.add((o.activity, o.timezone, problem))
        file, mark = ws.at("activities", o.activity, "cadence", "at")
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR505",
            f"activities.{o.activity}: {local:%H:%M} {problem} in {o.timezone} on "
            f"{o.day:%a %Y-%m-%d} (a daylight-saving change); it will run at "
            + ("the first one, " if problem == "occurs twice" else "")
            + f"{wall:%H:%M} {o.start:%Z}"
            # A gap at 23:00 (America/Nuuk) moves it into the next day.
            + (f" on {wall:%a %Y-%m-%d}, the next day" if wall.date() != o.day else ""),
            "move it away from the small hours of the change",
        )


def _wall_problem(zone: str, day: date, wall: time) -> str | None:
    tz = ZoneInfo(zone)
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    roundtrip = first.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
    return "does not exist" if roundtrip != naive else "occurs twice"
