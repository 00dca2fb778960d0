"""The method checks of DESIGN.md §6 on a schema-valid workspace: references, the admission
test, coverage, calendar sanity that needs no dates, and the roster."""

from __future__ import annotations

from collections.abc import Iterator

from morctl.cadencechecks import cadence_checks
from morctl.checkbase import (
    country_hint,
    diag,
    fixed_zone,
    known_country,
    known_timezone,
    national_only,
    old_zone,
    suggest,
    zone_hint,
)
from morctl.diagnostics import Diagnostic, joined
from morctl.model import Activity
from morctl.namechecks import namesakes, text_checks
from morctl.orgchecks import coverage, load_checks, roster_checks
from morctl.values import WEEKDAYS
from morctl.workspace import Workspace


def check(ws: Workspace) -> list[Diagnostic]:
    """Every check that needs no expansion; the engine adds date checks on top."""
    out: list[Diagnostic] = []
    out.extend(_rhythm(ws))
    for aid, act in ws.rhythm.activities.items():
        out.extend(_activity(ws, aid, act))
    out.extend(load_checks(ws))
    out.extend(coverage(ws))
    out.extend(roster_checks(ws))
    out.extend(text_checks(ws))
    out.extend(namesakes(ws))
    return out


def _rhythm(ws: Workspace) -> Iterator[Diagnostic]:
    r = ws.rhythm
    if not known_timezone(r.timezone):
        yield diag(
            ws,
            "error",
            "MOR206",
            f"timezone: unknown time zone '{r.timezone}'",
            zone_hint(r.timezone, "Europe/London or America/New_York", r.holidays.countries),
            "timezone",
        )
    elif fixed := fixed_zone(r.timezone, r.holidays.countries):
        why, hint = fixed
        yield diag(ws, "warning", "MOR214", f"timezone: {why}", hint, "timezone")
    elif old := old_zone(r.timezone, r.holidays.countries):
        why, hint = old
        yield diag(ws, "warning", "MOR215", f"timezone: {why}", hint, "timezone")
    for i, code in enumerate(r.holidays.countries):
        if not known_country(code):
            yield diag(
                ws,
                "error",
                "MOR207",
                f"holidays.countries: unknown country '{code}'",
                country_hint(code),
                "holidays",
                "countries",
                i,
            )
        elif national := national_only(code):
            why, hint = national
            yield diag(
                ws, "warning", "MOR213", f"holidays.countries: {why}", hint,
                "holidays", "countries", i,
            )  # fmt: skip
    off = set(r.holidays.dates)
    for i, item in enumerate(r.holidays.worked):
        if item in off:
            yield diag(
                ws,
                "warning",
                "MOR218",
                f"holidays.worked: {item} is also a company day off (holidays.dates), which "
                "stands: the day stays off",
                "remove it from one list: holidays.dates to work it, holidays.worked to keep "
                "it off",
                "holidays",
                "worked",
                i,
            )
    if not r.workweek:
        yield diag(ws, "error", "MOR209", "workweek: give at least one weekday", None, "workweek")
    for i, day in enumerate(r.workweek):
        if day in r.workweek[:i]:
            yield diag(
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
            yield diag(
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
                yield diag(
                    ws,
                    "error",
                    "MOR303",
                    f"blackouts[{i}] '{b.name}': unknown activity '{aid}'",
                    suggest(aid, r.activities),
                    "blackouts",
                    i,
                    "activities",
                    j,
                )
    served = ws.served(r.levers, "admission", "lever", optional=True)
    if served is None:
        return  # an activity left out may be the one that serves a lever
    for lever in r.levers:
        if lever not in served:
            yield diag(
                ws,
                "warning",
                "MOR702",
                f"levers.{lever}: no activity serves this lever",
                "tie an activity to it, or remove it",
                "levers",
                lever,
                key=True,
            )


def _activity(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    r = ws.rhythm
    base = ("activities", aid)
    if act.owner not in r.roles and not ws.is_broken("roles", act.owner):
        yield diag(
            ws,
            "error",
            "MOR301",
            f"activities.{aid}: owner '{act.owner}' is not a role",
            suggest(act.owner, r.roles) or f"declare it under roles: {act.owner}: ...",
            *base,
            "owner",
        )
    if act.report_role is not None:
        if act.report_role not in r.roles and not ws.is_broken("roles", act.report_role):
            yield diag(
                ws,
                "error",
                "MOR302",
                f"activities.{aid}: report_role '{act.report_role}' is not a role",
                suggest(act.report_role, r.roles),
                *base,
                "report_role",
            )
        if act.with_ != "each_report":
            yield diag(
                ws,
                "error",
                "MOR210",
                f"activities.{aid}: report_role applies only with 'with: each_report'",
                "remove report_role or set with: each_report",
                *base,
                "report_role",
            )
    yield from _admission(ws, aid, act)
    yield from cadence_checks(ws, aid, act)


def _admission(ws: Workspace, aid: str, act: Activity) -> Iterator[Diagnostic]:
    base = ("activities", aid, "admission")
    adm = act.admission
    name = f"activities.{aid}"
    if adm is None:
        yield diag(
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
        yield diag(
            ws,
            "error",
            "MOR401",
            f"{name} fails Q1 (lever): no revenue lever given",
            "set admission.lever to one of the keys under levers:",
            *base,
            *(("lever",) if adm.lever is not None else ()),
        )
    elif adm.lever not in ws.rhythm.levers and not ws.is_broken("levers", adm.lever):
        yield diag(
            ws,
            "error",
            "MOR401",
            f"{name} fails Q1 (lever): '{adm.lever}' is not a declared lever",
            suggest(adm.lever, ws.rhythm.levers) or "declare it under levers:",
            *base,
            "lever",
        )
    if not (adm.standard or "").strip():
        yield diag(
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
        yield diag(
            ws,
            "error",
            "MOR403",
            f"{name} fails Q3 (evidence): nothing says {joined(missing, 'or')}",
            "a review that leaves no trace cannot be inspected",
            *base,
            *(("evidence",) if ev is not None else ()),
        )
