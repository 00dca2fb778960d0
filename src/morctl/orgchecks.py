"""Checks of the organisation as a whole (DESIGN.md §6): the load of each role and person
against capacity (Q4 of the admission test), coverage of the three areas, the roster and
its reporting lines."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

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
from morctl.diagnostics import Diagnostic, joined, others_at
from morctl.load import loads
from morctl.lookalike import unseen
from morctl.model import Person
from morctl.values import format_duration
from morctl.window import next_twelve_months
from morctl.workspace import Source, Workspace

AREAS = ("visibility", "talent", "execution")
MAX_OVER_CAPACITY_PER_ROLE = 5


def load_checks(ws: Workspace) -> Iterator[Diagnostic]:
    r = ws.rhythm
    owners = sorted({a.owner for a in r.activities.values() if a.owner in r.roles})
    for role in owners:
        owned = sorted(a for a, act in r.activities.items() if act.owner == role)
        if r.roles[role].capacity is None:
            yield diag(
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
            yield diag(
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
        # A team still to grow (a hire, reports moving in) or an activity still to start
        # is the load to plan for: told now, with the day it is first over and the day it
        # is heaviest, not on that day in an unrelated pull request.
        since = f" from {load.over_from:%d %b %Y}" if load.over_from else ""
        heaviest = ""
        if load.since and load.since != load.over_from:
            heaviest = f" at its heaviest, from {load.since:%d %b %Y},"
        yield diag(
            ws,
            "error",
            "MOR405",
            f"{who} fails Q4 (overhead){since}: {format_duration(load.shown)} of rhythm work "
            f"a week{heaviest} against a capacity of {format_duration(load.capacity)} ({parts})",
            "cut or thin out an activity, or raise the role's capacity"
            + (", or spread the team that comes then" if load.grows else "")
            + (
                ", or end the activity a new one replaces (until) before the new one starts"
                if load.starts
                else ""
            ),
            "roles",
            load.role,
            "capacity",
        )
    for role, n in sorted(over.items()):
        if n > MAX_OVER_CAPACITY_PER_ROLE:
            yield diag(
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


def coverage(ws: Workspace) -> Iterator[Diagnostic]:
    have = ws.served(AREAS, "area")
    if have is None:
        return  # an activity left out may be the one that covers the area
    for area in AREAS:
        if area not in have:
            yield diag(
                ws,
                "warning",
                "MOR701",
                f"no activity serves the {area} area",
                "a rhythm serves visibility, talent and execution",
                "activities",
                key=True,
            )


# File names Windows keeps for devices, with any extension: `con.ics` is the console.
_DEVICE = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")


class _Entry(NamedTuple):
    """A person of the roster as the checks see it: a person left out for a schema error
    (see workspace.StandIn) is checked too, on the fields not at fault (not ``unread``)."""

    label: str  # how messages name them: their id, or their row
    person: Person
    source: Source
    unread: frozenset[str] = frozenset()

    @property
    def kept(self) -> bool:
        return not self.unread


def _entries(ws: Workspace) -> list[_Entry]:
    """The roster's people, and those left out, in roster order."""
    out: list[_Entry] = []
    left = list(ws.stand_ins)
    j = 0
    for k, p in enumerate(ws.people):
        while j < len(left) and left[j].before <= k:
            out.append(_Entry(left[j].label, left[j].person, left[j].source, left[j].unread))
            j += 1
        out.append(_Entry(p.id, p, ws.person_sources[p.id]))
    out += [_Entry(s.label, s.person, s.source, s.unread) for s in left[j:]]
    return out


def _once(those: list[_Entry], key: str, sev: str, code: str, msg: str, hint: str) -> Diagnostic:
    """One diagnostic for everyone with the same value, at the first, saying where the
    others are: `t6 and 4443 more (lines 8–4450)`."""
    file, mark = those[0].source.at(key)
    others = ""
    if len(those) > 1:
        where = others_at(file, [(e.source.positions.file, e.source.line(key)) for e in those[1:]])
        others = f" and {len(those) - 1} more ({where})"
    return Diagnostic(
        file, mark.line, mark.column, sev, code, f"{those[0].label}{others}: {msg}", hint
    )


# The number an HR system adds to an id that a namesake has already: liam-okafor-4.
_NAMESAKE = re.compile(r"-[0-9]+$")


def _manager_hint(ws: Workspace, value: str, role: str) -> str | None:
    """A did-you-mean for an unknown manager, of someone who can be one. The closest id in
    letters is often the wrong person: an employee number whose leading zeros Excel dropped
    (`101` is closest to 001101, a rep, where 000101 is meant), a namesake in another team
    (`liam-okafor-4` for a vacant `liam-okafor`), a rep beside the manager meant."""
    if value.isdigit():
        padded = [p for p in ws.by_id if p.isdigit() and p.lstrip("0") == value.lstrip("0")]
        if len(padded) == 1:
            return f"leading zeros look dropped (Excel does this): write {padded[0]}"
    close = difflib.get_close_matches(value, list(ws.by_id), n=10)
    base = _NAMESAKE.sub("", value)
    namesakes = sorted(c for c in close if _NAMESAKE.sub("", c) == base)
    owners = {a.owner for a in ws.rhythm.activities.values()}

    def rank(pid: str) -> tuple[bool, bool]:
        # Who can manage first (their role owns activities, or people report to them),
        # and of those, not a colleague of the person's own role; closeness breaks ties.
        p = ws.by_id[pid]
        manages = p.role in owners or bool(ws.reports.get(pid))
        return (not manages, p.role == role)

    # Beside a namesake, the id is a real person's name: a less close id is another name
    # (olga-okafor for liam-okafor), not a typo of it.
    nearest = max((_ratio(value, c) for c in namesakes), default=0.0)
    others = sorted(
        (c for c in close if c not in namesakes and _ratio(value, c) > nearest), key=rank
    )
    if others:
        return f"did you mean '{others[0]}'?"
    if namesakes:
        shown = [f"'{c}'" for c in namesakes]
        are = "is another person" if len(shown) == 1 else "are other people"
        return f"no one with that id; {joined(shown)} {are} of that name"
    return None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def roster_checks(ws: Workspace) -> Iterator[Diagnostic]:
    r = ws.rhythm
    bad_zones: dict[tuple[str, str], list[_Entry]] = {}
    fixed_zones: dict[tuple[str, str, str], list[_Entry]] = {}
    old_zones: dict[tuple[str, str, str], list[_Entry]] = {}
    bad_countries: dict[str, list[_Entry]] = {}
    bad_roles: dict[str, list[_Entry]] = {}
    unknown_managers: dict[str, list[_Entry]] = {}
    unknown_previous: dict[str, list[_Entry]] = {}
    entries = _entries(ws)
    for e in entries:
        p, src = e.person, e.source

        def at(
            fld: str, sev: str, code: str, msg: str, hint: str | None = None, src: Source = src
        ) -> Diagnostic:
            file, mark = src.at(fld)
            return Diagnostic(file, mark.line, mark.column, sev, code, msg, hint)

        if "role" not in e.unread and p.role not in r.roles and not ws.is_broken("roles", p.role):
            bad_roles.setdefault(p.role, []).append(e)
        for boss, unknown in (
            (p.manager, unknown_managers),
            (p.previous_manager, unknown_previous),
        ):
            if (
                e.kept
                and boss is not None
                and boss not in ws.by_id
                and not ws.is_broken("people", boss)
            ):
                unknown.setdefault(boss, []).append(e)
        if e.kept and _DEVICE.fullmatch(p.id):
            yield at(
                "id",
                "warning",
                "MOR610",
                f"{p.id}: Windows keeps this name for a device, so the calendar feed "
                f"{p.id}.ics cannot be saved on Windows or on a drive it shares",
                "give the person another id, such as their first name and an initial",
            )
        if p.timezone is not None and not known_timezone(p.timezone):
            # The hint may name a zone of the person's country (UTC-5 in US: New York).
            hint = zone_hint(p.timezone, "Europe/Paris", ws.countries_of(p))
            bad_zones.setdefault((p.timezone, hint), []).append(e)
        elif p.timezone is not None and (fixed := fixed_zone(p.timezone, ws.countries_of(p))):
            fixed_zones.setdefault((p.timezone, *fixed), []).append(e)
        elif p.timezone is not None and (old := old_zone(p.timezone, ws.countries_of(p))):
            old_zones.setdefault((p.timezone, *old), []).append(e)
        if p.country is not None and not known_country(p.country):
            bad_countries.setdefault(p.country, []).append(e)
        for i, away in enumerate(p.away):
            if away.from_ > away.to:
                file, mark = src.at("away", i, "from")
                yield Diagnostic(
                    file,
                    mark.line,
                    mark.column,
                    "error",
                    "MOR607",
                    f"{e.label}: away 'from' {away.from_} is after 'to' {away.to}",
                    "swap the two dates",
                )
        if p.joined is not None and p.left is not None and p.left < p.joined:
            yield at(
                "left",
                "error",
                "MOR613",
                f"{e.label}: left {p.left} is before joined {p.joined}",
                "swap the two dates, or remove `left` if they joined again",
            )
        yield from _change_of_team(ws, e, at)
    national: dict[str, list[_Entry]] = {}
    for e in entries:
        if e.person.country is not None and national_only(e.person.country):
            national.setdefault(e.person.country, []).append(e)
    # Each once for the roster, at the first person with that value: an HR export repeats
    # one value down hundreds of rows, and a message a row would bury the others.
    for value, those in bad_roles.items():
        # The roles always follow the near name: a one-letter guess can be the opposite
        # role ('rep' read as 'rvp' where reps are 'ae').
        declared = f"rhythm.yaml declares: {', '.join(r.roles) or 'no roles'}"
        close = suggest(value, r.roles)
        yield _once(those, "role", "error", "MOR602", f"unknown role '{value}'",
                    f"{close} {declared}" if close else declared)  # fmt: skip
    for value, those in unknown_managers.items():
        yield _once(those, "manager", "error", "MOR603", f"unknown manager '{value}'",
                    _manager_hint(ws, value, those[0].person.role)
                    or f"add a person with the id '{value}' to the roster, or correct the "
                    "manager")  # fmt: skip
    for value, those in unknown_previous.items():
        yield _once(those, "previous_manager", "error", "MOR603",
                    f"unknown previous manager '{value}'",
                    _manager_hint(ws, value, those[0].person.role)
                    or f"add a person with the id '{value}' to the roster (with `left:` if "
                    "they have gone), or correct previous_manager")  # fmt: skip
    for (value, hint), those in bad_zones.items():
        yield _once(those, "timezone", "error", "MOR605",
                    f"unknown time zone '{value}'{unseen(value)}", hint)  # fmt: skip
    for (_, why, hint), those in fixed_zones.items():
        yield _once(those, "timezone", "warning", "MOR214", f"time zone {why}", hint)
    for (_, why, hint), those in old_zones.items():
        yield _once(those, "timezone", "warning", "MOR215", f"time zone {why}", hint)
    for value, those in bad_countries.items():
        yield _once(those, "country", "error", "MOR606",
                    f"unknown country '{value}'{unseen(value)}", country_hint(value))  # fmt: skip
    for code, those in national.items():
        why, hint = national_only(code) or ("", "")
        yield _once(those, "country", "warning", "MOR213", f"country {why}", hint)
    yield from _cycles(ws)
    if ws.has_roster and ws.dated_people:
        yield from _left_managers(ws)
    if ws.has_roster and not ws.any_broken("people"):
        yield from _teamless(ws)
        yield from _unmet(ws)
    if ws.has_roster and not ws.any_broken("people"):
        # A person left out for a schema error may be the one who holds the role.
        for aid, act in sorted(r.activities.items()):
            if act.owner in r.roles and not ws.holders.get(act.owner):
                yield diag(
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


def _change_of_team(
    ws: Workspace, e: _Entry, at: Callable[..., Diagnostic]
) -> Iterator[Diagnostic]:
    """A change of team (`manager_since`, `previous_manager`) that cannot be read as one:
    errors MOR615; dates that make one side of it never happen: warnings MOR616."""
    p = e.person
    since, before = p.manager_since, p.previous_manager
    if before is not None and since is None and "manager_since" not in e.unread:
        yield at(
            "previous_manager",
            "error",
            "MOR615",
            f"{e.label}: previous_manager '{before}' without manager_since, the day they "
            f"moved to {p.manager or 'another'}'s team",
            f"add `manager_since: YYYY-MM-DD`, their first day in {p.manager or 'the'}'s team",
        )
    elif before is not None and before == p.manager:
        yield at(
            "previous_manager",
            "error",
            "MOR615",
            f"{e.label}: previous_manager '{before}' is their manager too",
            f"name the manager they had before {since}, or remove previous_manager and "
            "manager_since",
        )
    elif since is not None and p.manager is None and "manager" not in e.unread:
        yield at(
            "manager_since",
            "error",
            "MOR615",
            f"{e.label}: manager_since {since}, but no manager",
            "give the manager they have since that day (`manager:`), or remove manager_since",
        )
    if since is None or before is None:
        return
    if p.joined is not None and since <= p.joined:
        yield at(
            "manager_since",
            "warning",
            "MOR616",
            f"{e.label}: manager_since {since} is not after joined {p.joined}, so they are "
            f"never in {before}'s team",
            "correct the dates, or remove previous_manager and manager_since",
        )
    if p.left is not None and since > p.left:
        yield at(
            "manager_since",
            "warning",
            "MOR616",
            f"{e.label}: manager_since {since} is after left {p.left}, so they are never in "
            f"{p.manager}'s team",
            f"correct the dates, or give `manager: {before}` and remove the change",
        )
        return
    # Days between the two managers: the previous one left before the change, or the new
    # one joins after it. No meeting of either with the person is held on those days.
    old, new = ws.by_id.get(before), ws.by_id.get(p.manager or "")
    if old is not None and old.left is not None and old.left < since - timedelta(days=1):
        yield at(
            "manager_since",
            "warning",
            "MOR616",
            f"{e.label}: {before} left on {old.left}, before manager_since {since}, so "
            f"{e.label} is in nobody's team from {old.left + timedelta(days=1)} to "
            f"{since - timedelta(days=1)}",
            f"set manager_since to {old.left + timedelta(days=1)}, or correct the dates",
        )
    if new is not None and new.joined is not None and new.joined > since:
        yield at(
            "manager_since",
            "warning",
            "MOR616",
            f"{e.label}: {new.id} joins on {new.joined}, after manager_since {since}, so "
            f"{e.label} is in nobody's team from {since} to {new.joined - timedelta(days=1)}",
            f"set manager_since to {new.joined}, or correct the dates",
        )


def _left_managers(ws: Workspace) -> Iterator[Diagnostic]:
    """A manager who has left while people still report to them: their team meetings and
    1:1s have stopped, and nobody runs them for the team (MOR614). Also one who leaves in
    the next twelve months (the date checks' window) while people report to them after
    that day: told now, while there is time to name the next manager, not once the 1:1s
    have stopped."""
    today = ws.today
    _, last = next_twelve_months(today)
    for p in ws.people:
        if p.left is not None and today <= p.left <= last:
            yield from _leaving_manager(ws, p, p.left)
        if not ws.gone(p):
            continue
        staying = [r.id for r in ws.reports.get(p.id, ()) if not ws.gone(r)]
        if not staying:
            continue
        file, mark = ws.person_sources[p.id].at("left")
        named = _few(staying)
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR614",
            f"{p.id} left on {p.left}, but {named} still report{'s' * (len(staying) == 1)} to "
            f"them: nothing of theirs with {p.id} is scheduled after that day",
            f"give {'them' if len(staying) > 1 else staying[0]} the manager they have now "
            "(`manager:`)",
        )


def _few(ids: list[str]) -> str:
    """Up to three ids, else two and how many more: `a, b and 5 more`."""
    return joined(ids if len(ids) <= 3 else [*ids[:2], f"{len(ids) - 2} more"])


def _leaving_manager(ws: Workspace, p: Person, left: date) -> Iterator[Diagnostic]:
    """MOR614 ahead of time: ``p`` leaves on ``left`` (today or later) while people still
    name them as `manager` after that day; the hint writes the change of team from the
    day after."""
    after = [r for r in ws.reports.get(p.id, ()) if r.left is None or r.left > left]
    if not after:
        return
    file, mark = ws.person_sources[p.id].at("left")
    ids = [r.id for r in after]
    sources = [ws.person_sources[r.id] for r in after]
    where = others_at(file, [(s.positions.file, s.line("manager")) for s in sources])
    first = left + timedelta(days=1)
    one = len(after) == 1
    yield Diagnostic(
        file,
        mark.line,
        mark.column,
        "warning",
        "MOR614",
        f"{p.id} leaves on {left}; {len(after)} {'person reports' if one else 'people report'} "
        f"to them after that day ({_few(ids)}, {where})",
        f"from {first}, give {ids[0] if one else 'them'} their next manager: `manager: <id>, "
        f"manager_since: {first}, previous_manager: {p.id}`",
    )


def _in_team_today(ws: Workspace, manager: Person) -> bool:
    """Whether someone reports to ``manager`` today (not gone, and joined already)."""
    if not ws.dated_people:
        return bool(ws.reports.get(manager.id))
    return bool(ws.team_on(manager, None, ws.today))


def _teamless(ws: Workspace) -> Iterator[Diagnostic]:
    """A person whose role runs meetings with its team, but who has no direct reports (a
    new manager still hiring): each meeting is scheduled with nobody, and counts as missed
    in the report when not logged. Once per role, at its first such person; not while
    someone's manager is unknown (MOR603): that may be the team, under a mistyped id; nor
    while a person or the roster's `manager` column is left out for an error."""
    if ws.any_broken("people"):
        return
    if any(p.manager is not None and p.manager not in ws.by_id for p in ws.people):
        return
    r = ws.rhythm
    for role in sorted(r.roles):
        team = sorted(
            a for a, act in r.activities.items() if act.owner == role and act.with_ == "team"
        )
        # Reports who have all left, or who have not joined yet, leave a team meeting with
        # nobody too.
        # A manager who has left holds no meetings at all (MOR614 tells of their team).
        alone = [
            p for p in ws.holders.get(role, ()) if not ws.gone(p) and not _in_team_today(ws, p)
        ]
        if not team or not alone:
            continue
        first = ws.reports.get(alone[0].id, ())
        if not first:
            nobody = "nobody reports to them"
        elif later := [
            d for r in first for d in (r.joined, r.manager_since) if d is not None and d > ws.today
        ]:
            nobody = f"nobody is in their team until {min(later)}"
        else:
            nobody = "everyone who reported to them has left"
        file, mark = ws.person_sources[alone[0].id].at("id")
        others = ""
        if len(alone) > 1:
            at = [ws.person_sources[p.id] for p in alone[1:]]
            where = others_at(file, [(src.positions.file, src.line("id")) for src in at])
            others = f" and {len(alone) - 1} more ({where})"
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR611",
            f"{alone[0].id}{others}: role '{role}' runs {', '.join(team)} with the team, but "
            f"{nobody}: those meetings are scheduled with nobody, and count as "
            "missed in the report when not logged",
            f"give them their reports (manager: {alone[0].id}), or a role without team "
            "meetings until they have a team",
        )


def _unmet(ws: Workspace) -> Iterator[Diagnostic]:
    """The reverse of MOR611: people of a role that `each_report` activities are held with
    (their 1:1s) whose manager today runs none of those with them (a vacant post rolled up
    to the skip level, a rep under a rep), or who have no manager. Their 1:1s are never
    scheduled, and the report never expects them, so adherence reads better than it is
    (MOR617). Once per role of the manager (or none), at its first such person."""
    r = ws.rhythm
    per_report = [(aid, a) for aid, a in sorted(r.activities.items()) if a.with_ == "each_report"]
    if not per_report or next(_cycles_on(ws, None, set()), None) is not None:
        return  # in a cycle (MOR604) everyone's manager is in doubt: that error comes first
    today = ws.today

    def here(p: Person) -> bool:
        return not ws.gone(p) and (p.joined is None or p.joined <= today)

    # An activity with no report_role is held with every report of its owners: the roles
    # of those reports are met one to one by it, as a named report_role is.
    roles_met: dict[str, list[str]] = {}
    for aid, act in per_report:
        if act.report_role is not None:
            roles_met.setdefault(act.report_role, []).append(aid)
            continue
        held = {
            q.role
            for owner in ws.holders.get(act.owner, ())
            for q in ws.reports.get(owner.id, ())
            if here(q)
        }
        for role in sorted(held):
            roles_met.setdefault(role, []).append(aid)
    groups: dict[tuple[str, str], list[tuple[Person, Person | None]]] = {}
    for p in ws.people:
        if p.role not in roles_met or not here(p):
            continue
        boss_id = p.manager_on(today)
        boss = ws.by_id.get(boss_id) if boss_id is not None else None
        if boss_id is not None and boss is None:
            continue  # an unknown manager: MOR603 tells of it
        if boss is None and ws.reports.get(p.id):
            continue  # the top of a tree: someone others report to has nobody above
        if boss is None and p.manager_since is not None:
            continue  # a move to no manager: MOR615 asks for the manager, once
        if boss is not None and any(r.activities[a].owner == boss.role for a in roles_met[p.role]):
            continue
        groups.setdefault((p.role, boss.role if boss else ""), []).append((p, boss))
    for (role, boss_role), those in groups.items():
        first, boss = those[0]
        acts = roles_met[role]
        file, mark = ws.person_sources[first.id].at("manager")
        others = ""
        if len(those) > 1:
            at = [ws.person_sources[p.id] for p, _ in those[1:]]
            where = others_at(file, [(src.positions.file, src.line("manager")) for src in at])
            others = f" and {len(those) - 1} more ({where})"
        owners = joined(
            [f"'{o}'" for o in dict.fromkeys(r.activities[a].owner for a in acts)], "or"
        )
        if boss is None:
            why = "they have no manager"
            hint = f"give them the manager who holds their 1:1s (role {owners})"
        else:
            bosses = list(dict.fromkeys(b.id for _, b in those if b is not None))
            if len(bosses) == 1:
                why = f"their manager, {boss.id}, has role '{boss_role}', which runs none of them"
            else:
                named = _few(bosses)
                why = f"their managers, {named}, have role '{boss_role}', which runs none of them"
            hint = (
                f"point their manager at the person who holds their 1:1s (role {owners}), or "
                f"have role '{boss_role}' run an each_report activity with report_role: {role}"
            )
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR617",
            f"{first.id}{others}: role '{role}' is met one to one in {joined(acts)}, but {why}: "
            "those meetings are not scheduled for them, and the report never expects them",
            hint,
        )


def _cycles(ws: Workspace) -> Iterator[Diagnostic]:
    """Reporting lines must form a tree, today and on each day before a change of team
    (`manager_since`): find each cycle once, naming everyone in it."""
    found: set[tuple[str, ...]] = set()
    yield from _cycles_on(ws, None, found)
    # The latest day first: a cycle that lasts until a change is told on its last day.
    changes = {p.manager_since for p in ws.people if p.manager_since is not None}
    for since in sorted(changes, reverse=True):
        yield from _cycles_on(ws, since - timedelta(days=1), found)


def _cycles_on(
    ws: Workspace, day: date | None, found: set[tuple[str, ...]]
) -> Iterator[Diagnostic]:
    """The cycles of the reporting lines on ``day`` (None: everyone's `manager`) not in
    ``found``; each at the `manager` key of its first person, or at their
    `previous_manager` when that is the line of the day."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def boss(pid: str) -> str | None:
        p = ws.by_id[pid]
        return p.manager if day is None else p.manager_on(day)

    for start in ws.by_id:
        if state.get(start):
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node in ws.by_id and not state.get(node):
            state[node] = 1
            path.append(node)
            node = boss(node)
        if node is not None and state.get(node) == 1:
            loop = path[path.index(node) :]
            first = min(loop)
            i = loop.index(first)
            loop = loop[i:] + loop[:i]
            if tuple(loop) not in found:
                found.add(tuple(loop))
                p = ws.by_id[first]
                key = "manager" if boss(first) == p.manager else "previous_manager"
                file, mark = ws.person_sources[first].at(key)
                when = "" if day is None else f" on {day}"
                yield Diagnostic(
                    file,
                    mark.line,
                    mark.column,
                    "error",
                    "MOR604",
                    f"reporting lines form a cycle{when}: " + " → ".join([*loop, first]),
                    "each person's manager chain must end at someone with no manager",
                )
        for n in path:
            state[n] = 2
