"""Changes between two rhythms, field by field, in the words of the rhythm language.

A reviewer reads ``cadence: every week on tue at 09:00 for 30m → every 2 weeks on tue at
09:00 for 45m``, never a YAML path: each value is described the way a person would say it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from morctl.days import bare_name, holiday_key
from morctl.model import Activity, Admission, Blackout, Cadence, Person, Rhythm, Role
from morctl.values import WEEKDAYS, format_duration
from morctl.workspace import Workspace

NONE = "none"


@dataclass(frozen=True)
class Change:
    """One changed value of ``subject``; ``before`` is None for an addition, ``after`` None
    for a removal."""

    subject: str
    field: str
    before: str | None
    after: str | None


def cadence_text(c: Cadence) -> str:
    """``every week on tue at 09:00 for 30m``, with starting, until, grace and on_holiday if
    set."""
    words = [f"every {c.every}"]
    if c.weekdays:
        words.append("on " + ", ".join(WEEKDAYS[d] for d in c.weekdays))
    elif c.selector is not None:
        words.append(f"on {c.selector}")
    words.append(f"at {c.at:%H:%M}" if c.at is not None else "all day")
    words.append(f"for {format_duration(c.for_)}")
    text = " ".join(words)
    if c.starting is not None:
        text += f", starting {c.starting}"
    if c.until is not None:
        text += f", until {c.until}"
    if c.grace:
        text += f", grace {c.grace}d"
    if c.on_holiday != "skip":
        text += f", on holiday: {c.on_holiday}"
    return text


def activity_text(act: Activity) -> str:
    """One line that says who runs an activity, with whom, and when."""
    return f"{act.owner}, with {_with(act)}, {cadence_text(act.cadence)}"


def _with(act: Activity) -> str:
    if act.with_ == "each_report" and act.report_role:
        return f"each_report ({act.report_role} only)"
    return act.with_


def _answers(adm: Admission | None) -> dict[str, str | None]:
    ev = adm.evidence if adm else None
    return {
        "lever": adm.lever if adm else None,
        "standard": adm.standard if adm else None,
        "evidence happened": ev.happened if ev else None,
        "evidence useful": ev.useful if ev else None,
    }


def _pair(subject: str, field: str, before: str | None, after: str | None) -> Iterator[Change]:
    if before != after:
        yield Change(subject, field, before or NONE, after or NONE)


def _items(subject: str, field: str, old: list[str], new: list[str]) -> Iterator[Change]:
    """Items removed from and added to a list, each once, in a stable order."""
    for item in sorted(set(old) - set(new)):
        yield Change(subject, field, item, None)
    for item in sorted(set(new) - set(old)):
        yield Change(subject, field, None, item)


def _worked(old: tuple[date | str, ...], new: tuple[date | str, ...]) -> Iterator[Change]:
    """Public holidays worked, added or removed: a name written in another case or with
    "(observed)" is the same holiday, and no change (days.holiday_key)."""

    def named(items: tuple[date | str, ...]) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in items:
            if isinstance(item, date):
                out.setdefault(str(item), str(item))
            else:
                out.setdefault(holiday_key(item), bare_name(item))
        return out

    before, after = named(old), named(new)
    for key in sorted(before.keys() - after.keys()):
        yield Change("rhythm", "worked holiday", before[key], None)
    for key in sorted(after.keys() - before.keys()):
        yield Change("rhythm", "worked holiday", None, after[key])


def activity_changes(aid: str, old: Activity, new: Activity) -> list[Change]:
    """Every field of an activity that differs, in the order a reader scans an activity."""
    out = [
        *_pair(aid, "title", old.title, new.title),
        *_pair(aid, "area", old.area, new.area),
        *_pair(aid, "owner", old.owner, new.owner),
        *_pair(aid, "with", _with(old), _with(new)),
        *_pair(aid, "cadence", cadence_text(old.cadence), cadence_text(new.cadence)),
    ]
    before, after = _answers(old.admission), _answers(new.admission)
    for field in before:
        out.extend(_pair(aid, field, before[field], after[field]))
    out.extend(_items(aid, "checklist", list(old.checklist), list(new.checklist)))
    # The steps are a procedure, in every checklist and calendar event in their order.
    kept = [s for s in old.checklist if s in new.checklist]
    now = [s for s in new.checklist if s in old.checklist]
    if kept != now:
        out.append(Change(aid, "checklist order", "; ".join(kept), "; ".join(now)))
    out.extend(_pair(aid, "location", old.location, new.location))
    out.extend(_pair(aid, "description", old.description, new.description))
    return out


def _role_text(role: Role) -> str:
    parts = [role.title]
    if role.capacity is not None:
        parts.append(f"capacity {format_duration(role.capacity)}")
    if role.span is not None:
        parts.append(f"span {role.span}")
    return ", ".join(parts)


def _blackout_text(b: Blackout) -> str:
    # The activities a blackout covers are a set: another order changes no meeting.
    which = ", ".join(sorted(set(b.activities))) if b.activities is not None else "all activities"
    return f"{b.name}, {b.from_} to {b.to} ({which})"


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def rhythm_changes(old: Rhythm, new: Rhythm) -> list[Change]:
    """Settings, levers, roles, holidays and blackouts that differ."""
    out = [
        # The id names every calendar event (its UID): changed, every meeting is a new one.
        *_pair("rhythm", "id", old.id, new.id),
        *_pair("rhythm", "name", old.name, new.name),
        *_pair("rhythm", "time zone", old.timezone, new.timezone),
        *_pair("rhythm", "effective", _opt(old.effective), _opt(new.effective)),
        # The same days or countries in another order change nothing.
        *_pair(
            "rhythm",
            "workweek",
            _days(old.workweek),
            _days(old.workweek if set(old.workweek) == set(new.workweek) else new.workweek),
        ),
        *_pair(
            "rhythm",
            "fiscal year start",
            str(old.fiscal_year_start),
            str(new.fiscal_year_start),
        ),
        *_pair(
            "rhythm",
            "holiday countries",
            ", ".join(old.holidays.countries),
            ", ".join(
                old.holidays.countries
                if set(old.holidays.countries) == set(new.holidays.countries)
                else new.holidays.countries
            ),
        ),
        *_items(
            "rhythm",
            "company day off",
            [str(d) for d in old.holidays.dates],
            [str(d) for d in new.holidays.dates],
        ),
        *_worked(old.holidays.worked, new.holidays.worked),
        *_items(
            "rhythm",
            "blackout",
            [_blackout_text(b) for b in old.blackouts],
            [_blackout_text(b) for b in new.blackouts],
        ),
    ]
    for name in ("adherence", "on_time", "useful"):
        out.extend(
            _pair(
                "rhythm",
                f"target {name}",
                _opt(getattr(old.targets, name)),
                _opt(getattr(new.targets, name)),
            )
        )
    out.extend(_keyed("lever", old.levers, new.levers))
    for rid in sorted(set(old.roles) | set(new.roles)):
        if rid in old.roles and rid in new.roles:
            o, n = old.roles[rid], new.roles[rid]
            subject = f"role {rid}"
            out.extend(_pair(subject, "title", o.title, n.title))
            out.extend(_pair(subject, "capacity", _minutes(o.capacity), _minutes(n.capacity)))
            out.extend(_pair(subject, "span", _opt(o.span), _opt(n.span)))
        elif rid in old.roles:
            out.append(Change(f"role {rid}", "", _role_text(old.roles[rid]), None))
        else:
            out.append(Change(f"role {rid}", "", None, _role_text(new.roles[rid])))
    return out


def _keyed(kind: str, old: dict[str, str], new: dict[str, str]) -> Iterator[Change]:
    for key in sorted(set(old) | set(new)):
        subject = f"{kind} {key}"
        if key in old and key in new:
            yield from _pair(subject, "text", old[key], new[key])
        else:
            yield Change(subject, "", old.get(key), new.get(key))


def _days(days: tuple[int, ...]) -> str:
    return ", ".join(WEEKDAYS[d] for d in days)


def _minutes(m: int | None) -> str | None:
    return None if m is None else format_duration(m)


def _person_fields(p: Person) -> dict[str, str | None]:
    away = ", ".join(f"{a.from_} to {a.to}" for a in p.away)
    return {
        # The name is in every checklist line and calendar event; the email is the
        # attendee a calendar invites.
        "name": p.name,
        "email": p.email,
        "role": p.role,
        "manager": p.manager,
        "time zone": p.timezone or "the rhythm's",
        "country": p.country or "the rhythm's",
        "away": away or None,
        "joined": p.joined.isoformat() if p.joined else None,
        "left": p.left.isoformat() if p.left else None,
        "manager since": p.manager_since.isoformat() if p.manager_since else None,
        "previous manager": p.previous_manager,
    }


def _person_text(p: Person) -> str:
    reports = f", reports to {p.manager}" if p.manager else ""
    if p.manager_since is not None and p.manager:
        reports += f" since {p.manager_since}"
        reports += f" (before: {p.previous_manager})" if p.previous_manager else ""
    days = (f", joined {p.joined}" if p.joined else "") + (f", left {p.left}" if p.left else "")
    return f"{p.name}, {p.role}{reports}{days}"


def _past_lines(subject: str, o: Person, n: Person) -> Iterator[Change]:
    """The manager someone had on past days, where the two sides give another (a change of
    team recorded, replaced or taken back): reports on those days move the person's 1:1s
    from one manager to the other. Each span is told by its last day, the day before a
    change; after the last change, the `manager` line tells it."""
    for since in sorted({d for d in (o.manager_since, n.manager_since) if d is not None}):
        day = since - timedelta(days=1)
        was, now = o.manager_on(day), n.manager_on(day)
        if was != now:
            yield Change(subject, f"manager until {day}", was or NONE, now or NONE)


def _slots_moved(
    old: Workspace, new: Workspace, o: Person, n: Person
) -> tuple[list[str], list[str]] | None:
    """The reports (before, after) of a manager's first each_report activity whose
    back-to-back slots move for a report on both sides, or None."""
    for ws, p in ((new, n), (old, o)):
        for _, act in sorted(ws.rhythm.activities.items()):
            if act.owner != p.role or act.with_ != "each_report":
                continue
            was = [r.id for r in old.reports_for(o, act.report_role)]
            now = [r.id for r in new.reports_for(n, act.report_role)]
            if any(was.index(r) != now.index(r) for r in set(was) & set(now)):
                return was, now
    return None


def roster_changes(old: Workspace, new: Workspace) -> list[Change]:
    """People added, removed, renamed or moved (role, manager, time zone, country, away),
    and reports put in another order (the order of back-to-back meetings)."""
    out: list[Change] = []
    for pid in sorted(set(old.by_id) | set(new.by_id)):
        subject = f"person {pid}"
        o, n = old.by_id.get(pid), new.by_id.get(pid)
        if o is not None and n is not None:
            before, after = _person_fields(o), _person_fields(n)
            for field in before:
                out.extend(_pair(subject, field, before[field], after[field]))
            # The roster's order of a manager's reports is the order of their back-to-back
            # each_report meetings: reordered, every slot after the first moved one moves;
            # a report added or removed before others moves theirs too.
            # Only where those meetings exist: a VP with team meetings alone, or reports of
            # a role the meetings leave out (`report_role`), move nothing.
            out.extend(_past_lines(subject, o, n))
            if moved := _slots_moved(old, new, o, n):
                was, now = moved
                out.append(Change(subject, "order of reports", ", ".join(was), ", ".join(now)))
        else:
            out.append(
                Change(
                    subject,
                    "",
                    _person_text(o) if o is not None else None,
                    _person_text(n) if n is not None else None,
                )
            )
    return out
