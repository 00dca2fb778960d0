"""`morctl diff --format md`: a pull-request comment. A heading, a summary line, tables,
and ``<details>`` around anything long, so the comment stays short to scroll past."""

from __future__ import annotations

import re
from collections.abc import Sequence

from morctl.diagnostics import Diagnostic
from morctl.diff import DiffResult
from morctl.diffhistory import counted_twice
from morctl.diffload import PersonLoad, RoleLoad
from morctl.diffrender import (
    admission_groups,
    budget_line,
    capacity,
    delta,
    error_files,
    error_lines,
    minutes,
    moved_text,
    seen,
    signed,
    summary,
    unrelated,
    who,
)
from morctl.diffwords import Change
from morctl.mdtext import fence, inert

FOLD = 10  # tables longer than this go inside <details>
FEW = 3  # new warnings shown without <details>
# A GitHub comment holds at most 65,536 characters: a roster import touches hundreds of
# people, so each list is cut, and the whole comment too if it still would not fit.
KEYS_PER_ACTIVITY = 12  # occurrence keys listed per activity
KEYS = 120  # occurrence keys listed in all: the sections after them must fit too
ROWS = 50  # rows per table, errors per side
LIMIT = 60_000


def _text(text: str) -> str:
    """Text from the rhythm in Markdown: it stays text (`<rep name>` is no HTML tag, and
    no title can link, mention a team or add a table row)."""
    return inert(text)


def _note(text: str) -> str:
    """A note of the diff's own, its commands as code (`morctl validate`), the rest (which
    holds the sides' paths as given) as text."""
    parts = re.split(r"(`morctl [a-z]+(?: --[a-z]+)*`)", text)
    return "".join(p if i % 2 else _text(p) for i, p in enumerate(parts))


def _code(text: str) -> str:
    """An id or a file name as code; a name that holds a backtick as text."""
    return _text(text) if "`" in text else f"`{text}`"


def _cell(text: str | None) -> str:
    if text is None:
        return "—"
    return _text(text) or "—"


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[:ROWS]]
    if len(rows) > ROWS:
        lines += ["", f"… and {len(rows) - ROWS} more rows (see `--format json`)"]
    return lines


def _bullets(items: list[list[str]], what: str) -> list[str]:
    """The lines of the first ROWS items of a list, and how many more there are: a capacity
    cut puts every manager of a large roster over it."""
    lines = [line for item in items[:ROWS] for line in item]
    if len(items) > ROWS:
        lines.append(f"- … and {len(items) - ROWS} more {what} (see `--format json`)")
    return lines


def _table(header: list[str], rows: list[list[str]], summary_text: str) -> list[str]:
    lines = _grid(header, rows)
    return _fold(lines, summary_text) if len(rows) > FOLD else [*lines, ""]


def _fold(lines: list[str], summary_text: str) -> list[str]:
    return ["<details>", f"<summary>{summary_text}</summary>", "", *lines, "", "</details>", ""]


def _diagnostics(
    found: Sequence[Diagnostic], heading: str, more: str, label: str, fold: bool | None = None
) -> list[str]:
    """A side's errors or the new warnings, as validate prints them, in a code block: the
    first ROWS, then ``more`` (with ``{n}``, how many are left out); folded into
    ``label`` when ``fold`` says so, else when the block is long (FOLD lines)."""
    shown = [line for d in found[:ROWS] for line in error_lines(d, "")]
    if len(found) > ROWS:
        shown.append(more.format(n=len(found) - ROWS))
    # The diagnostics quote the rhythm's text: no backticks in it may close the block.
    lines = [fence(shown), *shown, fence(shown)]
    if fold if fold is not None else len(lines) > FOLD:
        lines = _fold(lines, label)[:-1]
    return [heading, "", *lines, ""]


def _change_row(subject: str, c: Change) -> list[str]:
    c = seen(c)
    field = c.field or ("added" if c.before is None else "removed")
    return [subject, _cell(field), _cell(c.before), _cell(c.after)]


def _activities(r: DiffResult) -> list[list[str]]:
    rows = [[f"`{a.id}`", "added", "—", _cell(f"{a.title}: {a.text}")] for a in r.added]
    rows += [[f"`{a.id}`", "removed", _cell(f"{a.title}: {a.text}"), "—"] for a in r.removed]
    rows += [_change_row(f"`{c.subject}`", c) for c in r.changed]
    rows += [
        [f"`{aid}`", "cannot be compared", f"errors on the {side} side", "—"]
        for aid, side in r.unreadable
    ]
    return rows


def _load_row(x: RoleLoad | PersonLoad) -> list[str]:
    name = _text(who(x))
    if isinstance(x, RoleLoad):
        name = f"**{name}**"
    flag = " ⚠️ over" if x.over_after else ""
    if isinstance(x, RoleLoad) and x.over_after and x.people_after:
        flag = f" ⚠️ {x.over_after} over"
    return [
        name,
        minutes(x.before),
        minutes(x.after),
        delta(x.delta),
        capacity(x.capacity_before, x.capacity_after) + flag,
    ]


def _keys(r: DiffResult) -> list[str]:
    """Per activity, the first keys added and removed: a sample a reviewer can check
    against a calendar; --format json has them all."""
    out = []
    for o in r.occurrences:
        for aid, n_added, n_removed, _ in o.by_activity():
            for sign, keys, n in (("+", o.added, n_added), ("-", o.removed, n_removed)):
                mine = [k for k in keys if k.split("/", 1)[0] == aid]
                out += [f"{sign} {k}" for k in mine[:KEYS_PER_ACTIVITY]]
                if n > KEYS_PER_ACTIVITY:
                    out.append(f"{sign} … and {n - KEYS_PER_ACTIVITY} more {aid}")
    if len(out) > KEYS:
        # Hundreds of activities added at once: the admission results that follow matter
        # more to a reviewer than the thousandth key.
        total = sum(len(o.added) + len(o.removed) for o in r.occurrences)
        shown = sum(1 for line in out[:KEYS] if "…" not in line)
        out = out[:KEYS] + [f"  … {total - shown} more keys in all (see --format json)"]
    return out


def _moved(r: DiffResult) -> list[str]:
    """Per activity, the first occurrences moved, before → after; cut as the keys are."""
    out = []
    for o in r.occurrences:
        for aid, _, _, n in o.by_activity():
            mine = [m for m in o.moved if m.key.split("/", 1)[0] == aid]
            out += [f"~ {moved_text(m)}" for m in mine[:KEYS_PER_ACTIVITY]]
            if n > KEYS_PER_ACTIVITY:
                out.append(f"~ … and {n - KEYS_PER_ACTIVITY} more {aid}")
    if len(out) > KEYS:
        total = sum(len(o.moved) for o in r.occurrences)
        shown = sum(1 for line in out[:KEYS] if "…" not in line)
        out = out[:KEYS] + [f"  … {total - shown} more moved in all (see --format json)"]
    return out


def _occurrences(r: DiffResult) -> list[str]:
    rows = []
    for o in r.occurrences:
        n, m, k = len(o.added), len(o.removed), len(o.moved)
        rows.append([f"**{o.role}**", "all", signed(n, "+"), signed(m), str(k)])
        rows += [
            [o.role, f"`{a}`", signed(n, "+"), signed(m), str(k)] for a, n, m, k in o.by_activity()
        ]
    out = [f"### Occurrences from {r.first} to {r.last}", ""]
    header = ["Owner role", "Activity", "Added", "Removed", "Moved"]
    moved = sum(len(o.moved) for o in r.occurrences)
    if not moved:
        # A column of noughts is one more thing for a reviewer to read: none moved.
        header, rows = header[:-1], [row[:-1] for row in rows]
    out += _table(header, rows, "Occurrences per role")
    total = sum(len(o.added) + len(o.removed) for o in r.occurrences)
    if total:
        out += _fold(["```diff", *_keys(r), "```"], f"Occurrence keys ({total})")
    if moved:
        lines = _moved(r)
        out += _fold(["```text", *lines, "```"], f"Moved occurrences ({moved})")
    return out


def format_md(r: DiffResult) -> str:
    out = [f"## Rhythm change: `{r.old.label}` → `{r.new.label}`", ""]
    if note := unrelated(r):
        out += [f"> **Warning:** {_text(note)}.", ""]
    out += [f"**{_text(summary(r)[0].upper() + summary(r)[1:])}.**", ""]
    for side, which in ((r.old, "old"), (r.new, "new")):
        if side.errors:
            heading = f"### Errors on the {which} side{error_files(side, '`')}"
            more = "… and {n} more (see `morctl validate`)"
            out += _diagnostics(side.errors, heading, more, f"{len(side.errors)} errors")
    if r.new_warnings:
        n = len(r.new_warnings)
        heading = f"### New warnings ({n})"
        more = "… {n} more (run `morctl validate`)"
        # More than a few (FEW) are folded: the summary line has their number already.
        out += _diagnostics(r.new_warnings, heading, more, f"{n} new warnings", n > FEW)
    if r.orphaned:
        out += [f"### Logged history that reports will reject (`{r.logs}`)", ""]
        items = [[f"- ⚠️ {o.message(_code)}.", f"  {o.hint(_code)}."] for o in r.orphaned]
        out += _bullets(items, "activities or people with completions rejected")
        if twice := counted_twice(r):
            out += ["", f"_{twice[0].upper()}{twice[1:]}._"]
        out.append("")
    if r.past:
        out += ["### Past weeks this change rewrites", ""]
        items = [[f"- ⚠️ {p.message(_code)}.", f"  {p.hint(_code)}."] for p in r.past]
        out += _bullets(items, "people or activities whose past weeks change")
        out.append("")
    if r.broken or r.fixed:
        out += ["### Capacity", ""]
        broken = [[f"- ⚠️ newly over capacity: {_text(budget_line(b))}"] for b in r.broken]
        out += _bullets(broken, "newly over capacity")
        fixed = [[f"- back within capacity: {_text(budget_line(b))}"] for b in r.fixed]
        out += _bullets(fixed, "back within capacity")
        out.append("")
    rows = _activities(r)
    if rows:
        out += ["### Activities", ""]
        out += _table(["Activity", "Change", "Before", "After"], rows, f"{len(rows)} changes")
    if r.settings or r.unreadable_settings:
        rows = [_change_row(_cell(c.subject), c) for c in r.settings]
        rows += [
            [_cell(k), "cannot be compared", f"errors on the {side} side", "—"]
            for k, side in r.unreadable_settings
        ]
        out += ["### Rhythm and roster", ""]
        out += _table(["What", "Change", "Before", "After"], rows, f"{len(rows)} changes")
    if r.role_loads or r.person_loads:
        out += ["### Load per week", ""]
        header = ["Who", "Before", "After", "Change", "Capacity"]
        out += _table(header, [_load_row(x) for x in r.role_loads], "Per role")
        if r.person_loads:
            rows = [_load_row(x) for x in r.person_loads]
            out += _fold(_grid(header, rows), f"Per person ({len(rows)})")
    if r.occurrences:
        out += _occurrences(r)
    if r.admission:
        out += ["### Admission test", ""]
        rows = [
            [", ".join(f"`{a}`" for a in acts), q, f"now {now}", _cell(why)]
            for q, now, why, acts in admission_groups(r)
        ]
        out += _table(["Activities", "Question", "Result", "Why"], rows, f"{len(rows)} changes")
    out += [f"- _{_note(n[0].upper() + n[1:])}._" for n in r.notes]
    while out and out[-1] == "":
        out.pop()
    return _fit("\n".join(out) + "\n")


def _fit(text: str) -> str:
    """The comment, cut at a line before LIMIT characters if it is longer (long titles in
    every row): GitHub refuses a longer one, and the workflow's comment step would fail."""
    if len(text) <= LIMIT:
        return text
    cut = text.rfind("\n", 0, LIMIT)
    head = text[: cut if cut > 0 else LIMIT]  # (one line longer than that: cut inside it)
    # Close what the cut leaves open, so the rest of the page renders.
    if head.count("```") % 2:
        head += "\n```"
    head += "\n</details>" * (head.count("<details>") - head.count("</details>"))
    return head + "\n\n_… cut here: the comment would not fit on GitHub; see `--format json`._\n"
