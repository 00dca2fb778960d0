"""The method checks of DESIGN.md §6 on a schema-valid workspace: references, the admission
test, coverage, calendar sanity that needs no dates, and the roster."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import time

from morctl.diagnostics import Diagnostic
from morctl.load import loads
from morctl.model import Activity
from morctl.values import WEEKDAYS, Selector, format_duration
from morctl.workspace import Source, Workspace

AREAS = ("visibility", "talent", "execution")
DAY_START, DAY_END = time(7, 0), time(19, 0)
MAX_OVER_CAPACITY_PER_ROLE = 5


def _d(
    ws: Workspace,
    sev: str,
    code: str,
    msg: str,
    hint: str | None,
    *path: str | int,
    key: bool = False,
) -> Diagnostic:
    file, mark = ws.at(*path, key=key)
    return Diagnostic(file, mark.line, mark.column, sev, code, msg, hint)


@functools.lru_cache(maxsize=512)
def known_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or name.startswith(("/", ".")) or name == "localtime":
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@functools.lru_cache(maxsize=256)
def known_country(code: str) -> bool:
    """``GB`` or a subdivision such as ``GB-SCT`` or ``US-NY``, as the holidays package knows."""
    from morctl import holidaycache

    return holidaycache.known_country(code)


def check(ws: Workspace) -> list[Diagnostic]:
    """Every check that needs no expansion; the engine adds date checks on top."""
    out: list[Diagnostic] = []
    out.extend(_rhythm(ws))
    for aid, act in ws.rhythm.activities.items():
        out.extend(_activity(ws, aid, act))
    out.extend(_load_checks(ws))
    out.extend(_coverage(ws))
    out.extend(_roster(ws))
    return out


def _rhythm(ws: Workspace) -> Iterator[Diagnostic]:
    r = ws.rhythm
    if not known_timezone(r.timezone):
        yield _d(
            ws,
            "error",
            "MOR206",
            f"timezone: unknown time zone '{r.timezone}'",
            "use an IANA name such as Europe/London or America/New_York",
            "timezone",
        )
    for i, code in enumerate(r.holidays.countries):
        if not known_country(code):
            yield _d(
                ws,
                "error",
                "MOR207",
                f"holidays.countries: unknown country '{code}'",
                "use an ISO 3166 code such as GB, US, FR, or a subdivision like US-NY",
                "holidays",
                "countries",
                i,
            )
    if not r.workweek:
        yield _d(ws, "error", "MOR209", "workweek: give at least one weekday", None, "workweek")
    for i, day in enumerate(r.workweek):
        if day in r.workweek[:i]:
            yield _d(
                ws,
                "error",
                "MOR209",
                f"workweek: '{WEEKDAYS[day]}' is listed twice",
                "list each working day once",
                "workweek",
                i,
            )
    for i, b in enumerate(r.blackouts):
        if b.from_ > b.to:
            yield _d(
                ws,
                "error",
                "MOR208",
                f"blackouts[{i}] '{b.name}': 'from' {b.from_} is after 'to' {b.to}",
                "swap the two dates",
                "blackouts",
                i,
                "from",
            )
        for j, aid in enumerate(b.activities or ()):
            if aid not in r.activities and not ws.is_broken("activities", aid):
                yield _d(
                    ws,
                    "error",
                    "MOR303",
                    f"blackouts[{i}] '{b.name}': unknown activity '{aid}'",
                    _suggest(aid, r.activities),
                    "blackouts",
                    i,
                    "activities",
                    j,
                )
    if ws.any_broken("activities"):
        return  # a broken activity may be the one that serves a lever
    served = {a.admission.lever for a in r.activities.values() if a.admission}
    for lever in r.levers:
        if lever not in served:
            yield _d(
                ws,
                "warning",
                "MOR702",
                f"levers.{lever}: no activity serves this lever",
                "tie an activity to it, or remove it",
                "levers",
                lever,
                key=True,
            )


def _suggest(name: str, options: object) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(options), n=1)  # type: ignore[call-overload]
    return f"did you mean '{close[0]}'?" if close else None


def _activity(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    r = ws.rhythm
    base = ("activities", aid)
    if act.owner not in r.roles and not ws.is_broken("roles", act.owner):
        yield _d(
            ws,
            "error",
            "MOR301",
            f"activities.{aid}: owner '{act.owner}' is not a role",
            _suggest(act.owner, r.roles) or f"declare it under roles: {act.owner}: ...",
            *base,
            "owner",
        )
    if act.report_role is not None:
        if act.report_role not in r.roles and not ws.is_broken("roles", act.report_role):
            yield _d(
                ws,
                "error",
                "MOR302",
                f"activities.{aid}: report_role '{act.report_role}' is not a role",
                _suggest(act.report_role, r.roles),
                *base,
                "report_role",
            )
        if act.with_ != "each_report":
            yield _d(
                ws,
                "error",
                "MOR210",
                f"activities.{aid}: report_role applies only with 'with: each_report'",
                "remove report_role or set with: each_report",
                *base,
                "report_role",
            )
    yield from _admission(ws, aid, act)
    yield from _cadence(ws, aid, act)


def _admission(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    base = ("activities", aid, "admission")
    adm = act.admission
    name = f"activities.{aid}"
    if adm is None:
        yield _d(
            ws,
            "error",
            "MOR400",
            f"{name}: no admission answers; it fails Q1 lever, Q2 standard and Q3 evidence",
            "add admission: {lever, standard, evidence: {happened, useful}}",
            "activities",
            aid,
        )
        return
    if not adm.lever:
        yield _d(
            ws,
            "error",
            "MOR401",
            f"{name} fails Q1 (lever): no revenue lever given",
            "set admission.lever to one of the keys under levers:",
            *base,
        )
    elif adm.lever not in ws.rhythm.levers and not ws.is_broken("levers", adm.lever):
        yield _d(
            ws,
            "error",
            "MOR401",
            f"{name} fails Q1 (lever): '{adm.lever}' is not a declared lever",
            _suggest(adm.lever, ws.rhythm.levers) or "declare it under levers:",
            *base,
            "lever",
        )
    if not (adm.standard or "").strip():
        yield _d(
            ws,
            "error",
            "MOR402",
            f"{name} fails Q2 (standard): no standard for the manager to coach to",
            "write what good looks like, e.g. 'every stalled deal leaves with a dated next step'",
            *base,
            *(("standard",) if adm.standard is not None else ()),
        )
    ev = adm.evidence
    missing = []
    if ev is None or ev.happened is None:
        missing.append("whether it happened (evidence.happened: log, calendar or crm)")
    if ev is None or not (ev.useful or "").strip():
        missing.append("whether it was useful (evidence.useful)")
    if missing:
        yield _d(
            ws,
            "error",
            "MOR403",
            f"{name} fails Q3 (evidence): nothing says " + " or ".join(missing),
            "a review that leaves no trace cannot be inspected",
            *base,
            *(("evidence",) if ev is not None else ()),
        )


def _cadence(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    r = ws.rhythm
    c = act.cadence
    base = ("activities", aid, "cadence")
    name = f"activities.{aid}.cadence"
    unit = c.every.unit
    if unit == "week" and not c.weekdays:
        yield _d(
            ws,
            "error",
            "MOR212",
            f"{name}: a weekly cadence needs 'on' (e.g. on: tue)",
            None,
            *base,
        )
    if unit in ("month", "quarter", "year") and c.selector is None:
        yield _d(
            ws,
            "error",
            "MOR212",
            f"{name}: a {unit} cadence needs 'on' with a day selector",
            "e.g. on: last business day, on: 2nd wed, on: day 10",
            *base,
        )
    if unit == "week" and c.every.n > 1 and c.starting is None and r.effective is None:
        yield _d(
            ws,
            "error",
            "MOR211",
            f"{name}: 'every: {c.every}' needs 'starting' (or the rhythm's 'effective') "
            "to know which weeks count",
            "add starting: YYYY-MM-DD",
            *base,
            "every",
        )
    for day in c.weekdays:
        if day not in r.workweek:
            yield _d(
                ws,
                "warning",
                "MOR503",
                f"{name}: {WEEKDAYS[day]} is not in the workweek, so it is never a business day",
                "choose a workweek day",
                *base,
                "on",
            )
    if c.selector is not None:
        problem = _never_fires(c.selector, unit, len(set(r.workweek)))
        if problem:
            yield _d(
                ws,
                "error",
                "MOR502",
                f"{name}: '{c.selector}' can never fire: {problem}",
                "pick a day that every period has",
                *base,
                "on",
            )
        elif c.selector.kind == "weekday" and c.selector.weekday not in r.workweek:
            yield _d(
                ws,
                "warning",
                "MOR503",
                f"{name}: '{c.selector}' is never a business day",
                None,
                *base,
                "on",
            )
    if c.at is not None:
        slots = _most_reports(ws, act) if act.with_ == "each_report" else 1
        end_minutes = c.at.hour * 60 + c.at.minute + c.for_ * max(slots, 1)
        if c.at < DAY_START or end_minutes > DAY_END.hour * 60:
            end = f"{end_minutes // 60 % 24:02d}:{end_minutes % 60:02d}"
            yield _d(
                ws,
                "warning",
                "MOR501",
                f"{name}: {c.at:%H:%M}–{end}"
                + (f" ({slots} reports back to back)" if slots > 1 else "")
                + " is outside working hours (07:00–19:00 local)",
                "managers skip what lands outside their day",
                *base,
                "at",
            )
    if c.at is None and c.for_ > 24 * 60:
        yield _d(
            ws,
            "warning",
            "MOR506",
            f"{name}: an all-day item costing {format_duration(c.for_)} is more than a day",
            None,
            *base,
            "for",
        )


def _most_reports(ws: Workspace, act: Activity) -> int:
    """The longest run of back-to-back slots: the largest team (or the role's span)."""
    if not ws.has_roster:
        role = ws.rhythm.roles.get(act.owner)
        return role.span or 1 if role else 1
    owners = ws.holders.get(act.owner, ())
    return max((len(ws.reports_for(p, act.report_role)) for p in owners), default=1)


def _never_fires(sel: Selector, unit: str, workdays: int) -> str | None:
    # The most days / weekdays / business days any period of this kind can hold.
    days = {"month": 31, "quarter": 92, "year": 366}[unit]
    n = abs(sel.n)
    if sel.kind == "day" and n > days:
        return f"no {unit} has {n} days"
    if sel.kind == "weekday" and n > -(-days // 7):
        return f"no {unit} has {n} of that weekday"
    if sel.kind == "business":
        most = (days // 7) * workdays + min(days % 7, workdays)
        if n > most:
            return f"a {unit} has at most {most} business days"
    return None


def _load_checks(ws: Workspace) -> Iterator[Diagnostic]:
    r = ws.rhythm
    owners = sorted({a.owner for a in r.activities.values() if a.owner in r.roles})
    for role in owners:
        owned = sorted(a for a, act in r.activities.items() if act.owner == role)
        if r.roles[role].capacity is None:
            yield _d(
                ws,
                "error",
                "MOR404",
                f"roles.{role}: owns {', '.join(owned)} but has no capacity, so they fail "
                "Q4 (overhead): nothing says the load is sustainable",
                "add capacity: the weekly time budget for rhythm work, e.g. 8h",
                "roles",
                role,
            )
        if (
            not ws.has_roster
            and r.roles[role].span is None
            and any(r.activities[a].with_ == "each_report" for a in owned)
        ):
            yield _d(
                ws,
                "error",
                "MOR406",
                f"roles.{role}: each_report activities need the number of direct reports: "
                "give the role a span, or add a roster",
                "e.g. span: 8",
                "roles",
                role,
            )
    over: dict[str, int] = {}
    for load in loads(ws):
        if not load.over or load.capacity is None:
            continue
        over[load.role] = over.get(load.role, 0) + 1
        if over[load.role] > MAX_OVER_CAPACITY_PER_ROLE:
            continue
        who = f"{load.person} ({load.role})" if load.person else f"role '{load.role}'"
        parts = ", ".join(f"{a} {format_duration(m)}" for a, m in load.items if m)
        yield _d(
            ws,
            "error",
            "MOR405",
            f"{who} fails Q4 (overhead): {format_duration(load.minutes)} of rhythm work a "
            f"week against a capacity of {format_duration(load.capacity)} ({parts})",
            "cut or thin out an activity, or raise the role's capacity",
            "roles",
            load.role,
            "capacity",
        )
    for role, n in sorted(over.items()):
        if n > MAX_OVER_CAPACITY_PER_ROLE:
            yield _d(
                ws,
                "error",
                "MOR405",
                f"roles.{role}: {n - MAX_OVER_CAPACITY_PER_ROLE} more people fail Q4 "
                "(overhead) the same way",
                None,
                "roles",
                role,
                "capacity",
            )


def _coverage(ws: Workspace) -> Iterator[Diagnostic]:
    if ws.any_broken("activities"):
        return  # a broken activity may be the one that covers the area
    have = {a.area for a in ws.rhythm.activities.values()}
    for area in AREAS:
        if area not in have:
            yield _d(
                ws,
                "warning",
                "MOR701",
                f"no activity serves the {area} area",
                "a rhythm serves visibility, talent and execution",
                "activities",
                key=True,
            )


def _roster(ws: Workspace) -> Iterator[Diagnostic]:
    r = ws.rhythm
    for p in ws.people:
        src = ws.person_sources[p.id]

        def at(
            fld: str, sev: str, code: str, msg: str, hint: str | None = None, src: Source = src
        ) -> Diagnostic:
            file, mark = src.at(fld)
            return Diagnostic(file, mark.line, mark.column, sev, code, msg, hint)

        if p.role not in r.roles and not ws.is_broken("roles", p.role):
            yield at(
                "role",
                "error",
                "MOR602",
                f"{p.id}: unknown role '{p.role}'",
                _suggest(p.role, r.roles)
                or f"rhythm.yaml declares: {', '.join(sorted(r.roles)) or 'no roles'}",
            )
        if (
            p.manager is not None
            and p.manager not in ws.by_id
            and not ws.is_broken("people", p.manager)
        ):
            yield at(
                "manager",
                "error",
                "MOR603",
                f"{p.id}: unknown manager '{p.manager}'",
                _suggest(p.manager, ws.by_id),
            )
        if p.timezone is not None and not known_timezone(p.timezone):
            yield at(
                "timezone",
                "error",
                "MOR605",
                f"{p.id}: unknown time zone '{p.timezone}'",
                "use an IANA name such as Europe/Paris",
            )
        if p.country is not None and not known_country(p.country):
            yield at(
                "country",
                "error",
                "MOR606",
                f"{p.id}: unknown country '{p.country}'",
                "use an ISO 3166 code such as GB, US, FR",
            )
        for i, away in enumerate(p.away):
            if away.from_ > away.to:
                file, mark = src.at("away", i, "from")
                yield Diagnostic(
                    file,
                    mark.line,
                    mark.column,
                    "error",
                    "MOR607",
                    f"{p.id}: away 'from' {away.from_} is after 'to' {away.to}",
                    "swap the two dates",
                )
    yield from _cycles(ws)
    if ws.has_roster and not ws.any_broken("people"):
        # A person left out for a schema error may be the one who holds the role.
        for aid, act in sorted(r.activities.items()):
            if act.owner in r.roles and not ws.holders.get(act.owner):
                yield _d(
                    ws,
                    "warning",
                    "MOR608",
                    f"activities.{aid}: nobody in the roster holds role '{act.owner}', "
                    "so it never happens",
                    None,
                    "activities",
                    aid,
                    "owner",
                )


def _cycles(ws: Workspace) -> Iterator[Diagnostic]:
    """Reporting lines must form a tree: find each cycle once, naming everyone in it."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in ws.by_id:
        if state.get(start):
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node in ws.by_id and not state.get(node):
            state[node] = 1
            path.append(node)
            node = ws.by_id[node].manager
        if node is not None and state.get(node) == 1:
            loop = path[path.index(node) :]
            first = min(loop)
            i = loop.index(first)
            loop = loop[i:] + loop[:i]
            src = ws.person_sources[first]
            file, mark = src.at("manager")
            yield Diagnostic(
                file,
                mark.line,
                mark.column,
                "error",
                "MOR604",
                "reporting lines form a cycle: " + " → ".join([*loop, first]),
                "each person's manager chain must end at someone with no manager",
            )
        for n in path:
            state[n] = 2
