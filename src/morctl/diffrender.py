"""Output formats of `morctl diff`: small functions over one `DiffResult`, picked from
``FORMATS``. Markdown lives in `diffmd`; the summary line and value wording are shared."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from morctl.diagnostics import Diagnostic, joined, plural
from morctl.diff import DiffResult, Moved, SideSummary
from morctl.diffhistory import counted_twice
from morctl.diffload import Budget, PersonLoad, RoleLoad
from morctl.diffpast import PastActivity, PastChange
from morctl.diffwords import Change
from morctl.lookalike import spelt_out
from morctl.values import format_duration

LONG = 70  # a field change longer than this is shown over two lines in text
MOVED_SHOWN = 3  # moved occurrences shown per activity in text; md shows more, json all


def minutes(m: int | None) -> str:
    return "—" if m is None else format_duration(m)


def delta(m: int) -> str:
    """``+26m/week``, ``−26m/week`` (a minus sign, as in the counts), ``0m/week``."""
    return ("+" if m > 0 else "−" if m < 0 else "") + format_duration(abs(m)) + "/week"


def signed(n: int, sign: str = "−") -> str:
    """``+3``, ``−3``, or ``0``."""
    return f"{sign}{n}" if n else "0"


def counts(added: int, removed: int, moved: int) -> str:
    """``+3 / −2``, with ``, 4 moved`` when some occurrences change time."""
    return f"{signed(added, '+')} / {signed(removed)}" + (f", {moved} moved" if moved else "")


def moved_text(m: Moved) -> str:
    before, after = m.said()
    return f"{m.key}: {before} → {after}"


def capacity(before: int | None, after: int | None) -> str:
    b = minutes(before) if before is not None else "none"
    a = minutes(after) if after is not None else "none"
    return a if a == b else f"{b} → {a}"


def summary(r: DiffResult) -> str:
    """One line: what the change does, or that it does nothing."""
    parts = []
    counts = ((len(r.added), "added"), (len(r.removed), "removed"), (len(r.changed_ids), "changed"))
    acts = [(n, word) for n, word in counts if n]
    if acts:
        words = [f"{n} {word}" for n, word in acts]
        n, word = acts[0]
        words[0] = f"{n} {'activity' if n == 1 else 'activities'} {word}"  # "1 activity added"
        parts.append(", ".join(words))
    if r.settings:
        parts.append(plural(len(r.settings), "rhythm or roster change"))
    # Every entry the body lists as "cannot be compared": activities, then the rest.
    if n := len(r.unreadable) + len(r.unreadable_settings):
        parts.append(f"{n} {'entry' if n == 1 else 'entries'} with errors not compared")
    if r.orphaned_total:
        n = r.orphaned_total
        parts.append(f"{plural(n, 'logged completion')} that reports will reject")
    if n := sum(isinstance(p, PastChange) for p in r.past):
        parts.append(f"{n} {'person' if n == 1 else 'people'} whose past weeks change")
    if rewritten := {p.activity for p in r.past if isinstance(p, PastActivity) and p.activity}:
        n = len(rewritten)  # one may start earlier and change its grace
        parts.append(f"{n} {'activity' if n == 1 else 'activities'} whose past weeks change")
    if any(isinstance(p, PastActivity) and p.kind == "effective" for p in r.past):
        parts.append("the effective day rewrites past weeks")
    if r.broken:
        parts.append(f"{len(r.broken)} newly over capacity")
    if r.fixed:
        parts.append(f"{len(r.fixed)} back within capacity")
    added = sum(len(o.added) for o in r.occurrences)
    removed = sum(len(o.removed) for o in r.occurrences)
    moved = sum(len(o.moved) for o in r.occurrences)
    if added or removed or moved:
        parts.append(
            f"occurrences in the {r.days} days from {r.first}: {added} added, "
            f"{removed} removed" + (f", {moved} moved" if moved else "")
        )
    if r.admission:
        parts.append(plural(len(r.admission), "admission result") + " changed")
    if r.new_warnings:
        parts.append(plural(len(r.new_warnings), "new warning"))
    if r.resolved_warnings:
        parts.append(f"resolves {plural(r.resolved_warnings, 'warning')}")
    if r.old.absent:
        parts.append("a new rhythm")
    for side, name in ((r.old, "old"), (r.new, "new")):
        if side.errors:
            parts.append(f"the {name} side has {plural(len(side.errors), 'error')}")
    return "; ".join(parts) if parts else "no changes"


def unrelated(r: DiffResult) -> str | None:
    if r.same_rhythm:
        return None
    return (
        f"these are two different rhythms ('{r.old.id}' and '{r.new.id}'): the diff compares "
        "them anyway, but they may not be versions of one another. If this change renames "
        "the rhythm, know that its id is in every calendar event's UID: every meeting becomes "
        "a new event, and calendars that imported the feeds keep the old ones"
    )


def who(row: RoleLoad | PersonLoad) -> str:
    if isinstance(row, PersonLoad):
        return f"{row.person} ({row.role})"
    if row.people_before != row.people_after and row.people_before and row.people_after:
        # Each side's figure is the average of its own holders.
        return f"role {row.role} (average of {row.people_before} → {row.people_after})"
    if row.people_before or row.people_after:
        n = max(row.people_before, row.people_after)
        return f"role {row.role} (1 person)" if n == 1 else f"role {row.role} (average of {n})"
    return f"role {row.role}"


def budget_line(b: Budget) -> str:
    why = delta(b.delta) if b.delta else "the same load, against another capacity"
    since = f" from {date.fromisoformat(b.since):%d %b %Y}" if b.since else ""
    if b.over_from and b.over_from != b.since:
        since += f" (over from {date.fromisoformat(b.over_from):%d %b %Y})"
    return (
        f"{b.who}: {minutes(b.minutes)} a week{since} against a capacity of "
        f"{minutes(b.capacity)} ({why})"
    )


def admission_groups(r: DiffResult) -> list[tuple[str, str, str, list[str]]]:
    """(question label, "fails" | "passes", reason, activities): one Q4 reason often
    covers every activity of a role, so it is said once. The reason of a pass is the
    failure it no longer has, so it is marked as before the change."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for a in r.admission:
        why = f"before: {a.reason}" if a.now == "passes" and a.reason else a.reason
        groups.setdefault((a.label, a.now, why), []).append(a.activity)
    return [(q, now, why, acts) for (q, now, why), acts in sorted(groups.items())]


def error_lines(d: Diagnostic, indent: str) -> list[str]:
    """A diagnostic as validate's headline, with its hint under it when it has one."""
    return [f"{indent}{d.headline()}", *([f"{indent}    hint: {d.hint}"] if d.hint else [])]


def error_files(side: SideSummary, quote: str = "") -> str:
    """The files a side's errors are in, for the heading above them: ` (org.yaml and
    rhythm.yaml)`. Not the side as given: `rhythm.yaml` stands for its whole workspace,
    and named above an error in org.yaml it would send the reader to the wrong file.
    Empty when no error names a file."""
    files = list(dict.fromkeys(d.file for d in side.errors if d.file))
    return f" ({joined([f'{quote}{f}{quote}' for f in files])})" if files else ""


def unreadable_text(side: str) -> str:
    """Why an entry is not compared: it has errors on that side, and the other side's
    entry stands in for it (so it reads as unchanged), or it is left out."""
    if side == "both":
        return "cannot be compared (it has errors on both sides)"
    other = "old" if side == "new" else "new"
    return (
        f"cannot be compared (it has errors on the {side} side; taken as the {other} side "
        f"has it, or left out when the {other} side has none)"
    )


def seen(c: Change) -> Change:
    """``c`` as people read it: a text whose change nobody can see ("Alice Moreau → Alice
    Mor\u200beau") with the characters that tell the two apart written `<U+200B>`. JSON
    keeps the values as they are."""
    if c.before is None or c.after is None:
        return c
    before, after = spelt_out(c.before, c.after)
    return Change(c.subject, c.field, before, after)


def change_text(c: Change) -> str:
    c = seen(c)
    label = c.field or c.subject
    if c.before is None:
        return f"{label}: + {c.after}"
    if c.after is None:
        return f"{label}: − {c.before}"
    return f"{label}: {c.before} → {c.after}"


# -- text ------------------------------------------------------------------------------


def _change_lines(c: Change, indent: str) -> list[str]:
    c = seen(c)
    if c.before is not None and c.after is not None and len(c.before) + len(c.after) > LONG:
        return [f"{indent}{c.field}:", f"{indent}  - {c.before}", f"{indent}  + {c.after}"]
    return [indent + change_text(c)]


def format_text(r: DiffResult) -> str:
    out = [f"morctl diff: {r.old.label} → {r.new.label}"]
    name = r.new.name or r.old.name
    if name:
        out.append(f"Rhythm: {r.new.id or r.old.id} ({name})")
    if note := unrelated(r):
        out.append(f"WARNING: {note}")
    out += ["", f"Summary: {summary(r)}"]

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.extend(["", title, *lines])

    for side, which in ((r.old, "old"), (r.new, "new")):
        section(
            f"Errors on the {which} side{error_files(side)}:",
            [line for d in side.errors for line in error_lines(d, "  ")],
        )
    section(
        f"New warnings ({len(r.new_warnings or ())}):",
        [line for d in r.new_warnings or () for line in error_lines(d, "  ")],
    )
    section(
        f"Logged history that reports will reject (read from {r.logs})",
        [line for o in r.orphaned for line in (f"  ! {o.message()}", f"      hint: {o.hint()}")]
        + ([f"  ({twice})"] if (twice := counted_twice(r)) else []),
    )
    section(
        "Past weeks this change rewrites",
        [line for p in r.past for line in (f"  ! {p.message()}", f"      hint: {p.hint()}")],
    )
    section("Newly over capacity", [f"  ! {budget_line(b)}" for b in r.broken])
    section("Back within capacity", [f"  {budget_line(b)}" for b in r.fixed])
    section("Activities added", [f"  + {a.id} — {a.title}: {a.text}" for a in r.added])
    section("Activities removed", [f"  - {a.id} — {a.title}: {a.text}" for a in r.removed])
    lines = []
    for aid in r.changed_ids:
        lines.append(f"  ~ {aid}")
        for c in r.changed:
            if c.subject == aid:
                lines += _change_lines(c, "      ")
    section("Activities changed", lines)
    section(
        "Activities that cannot be compared (they have errors)",
        [f"  ! {aid}: cannot be read on the {side} side" for aid, side in r.unreadable],
    )
    # The order of the md format and of docs/code-review.md: activities, then the rest.
    lines = []
    for c in r.settings:
        lines += _change_lines(c, f"  {c.subject}  ") if c.field else [f"  {change_text(c)}"]
    lines += [f"  ! {k}: {unreadable_text(side)}" for k, side in r.unreadable_settings]
    section("Rhythm and roster", lines)
    rows: list[RoleLoad | PersonLoad] = [*r.role_loads, *r.person_loads]
    width = max((len(who(x)) for x in rows), default=0)
    section(
        "Load per week, before → after",
        [
            f"  {who(x):<{width}}  {minutes(x.before):>6} → {minutes(x.after):<6}  "
            f"{delta(x.delta):>12}  capacity {capacity(x.capacity_before, x.capacity_after)}"
            for x in rows
        ],
    )
    lines = []
    for o in r.occurrences:
        lines.append(f"  {o.role}: {counts(len(o.added), len(o.removed), len(o.moved))}")
        for a, n, m, k in o.by_activity():
            lines.append(f"    {a}: {counts(n, m, k)}")
            mine = [x for x in o.moved if x.key.split("/", 1)[0] == a]
            lines += [f"      ~ {moved_text(x)}" for x in mine[:MOVED_SHOWN]]
            if k > MOVED_SHOWN:
                lines.append(f"      … and {k - MOVED_SHOWN} more moved")
    section(f"Occurrences from {r.first} to {r.last} (scheduled), per owner role", lines)
    section(
        "Admission test",
        [
            line
            for q, now, why, acts in admission_groups(r)
            for line in (f"  now {now} {q}: {', '.join(acts)}", f"      {why}")
        ],
    )
    section("Notes", [f"  - {n}" for n in r.notes])
    return "\n".join(out) + "\n"


# -- json ------------------------------------------------------------------------------


def _change(c: Change) -> dict[str, Any]:
    return {"field": c.field, "before": c.before, "after": c.after}


def _load(x: RoleLoad | PersonLoad) -> dict[str, Any]:
    return {**asdict(x), "delta": x.delta}


def _side(side: SideSummary) -> dict[str, Any]:
    return {**asdict(side), "errors": [d.as_json() for d in side.errors]}


def format_json(r: DiffResult) -> str:
    doc = {
        "old": _side(r.old),
        "new": _side(r.new),
        "same_rhythm": r.same_rhythm,
        "window": {"from": r.first.isoformat(), "to": r.last.isoformat()},
        "summary": summary(r),
        "settings": [{"subject": c.subject, **_change(c)} for c in r.settings],
        "settings_unreadable": [{"subject": k, "side": side} for k, side in r.unreadable_settings],
        "activities": {
            "added": [asdict(a) for a in r.added],
            "removed": [asdict(a) for a in r.removed],
            "changed": [
                {"id": aid, "changes": [_change(c) for c in r.changed if c.subject == aid]}
                for aid in r.changed_ids
            ],
            "unreadable": [{"id": aid, "side": side} for aid, side in r.unreadable],
        },
        "load": {
            "roles": [_load(x) for x in r.role_loads],
            "people": [_load(x) for x in r.person_loads],
            "newly_over_capacity": [asdict(b) for b in r.broken],
            "back_within_capacity": [asdict(b) for b in r.fixed],
        },
        "occurrences": [
            {
                "role": o.role,
                "added": len(o.added),
                "removed": len(o.removed),
                "activities": [
                    {"activity": a, "added": n, "removed": m, "moved": k}
                    for a, n, m, k in o.by_activity()
                ],
                "added_keys": list(o.added),
                "removed_keys": list(o.removed),
                "moved": len(o.moved),
                "moved_keys": [asdict(m) for m in o.moved],
            }
            for o in r.occurrences
        ],
        "admission": [asdict(a) for a in r.admission],
        "notes": list(r.notes),
        "logs": {
            "folder": r.logs,
            "rejected": r.orphaned_total if r.history_read else None,
            "orphaned": [
                {**asdict(o), "files": list(o.files), "message": o.message(), "hint": o.hint()}
                for o in r.orphaned
            ],
        },
        # as in validate's JSON, but for "severity", which is always "warning"
        "new_warnings": None
        if r.new_warnings is None
        else [{k: v for k, v in d.as_json().items() if k != "severity"} for d in r.new_warnings],
        "resolved_warnings": r.resolved_warnings,
        "past": [p.as_json() for p in r.past],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _markdown(r: DiffResult) -> str:
    from morctl.diffmd import format_md

    return format_md(r)


FORMATS: dict[str, Callable[[DiffResult], str]] = {
    "text": format_text,
    "md": _markdown,
    "json": format_json,
}
