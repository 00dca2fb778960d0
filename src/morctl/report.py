"""`morctl report`: adherence per manager over a window, as one result document that every
output format renders. The document carries metadata only: dates, statuses, ratings and
counts. A completion's note (and a skip's free-text reason) never enters it."""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from morctl.adherence import (
    DONE,
    EXCUSED,
    MISSED,
    PENDING,
    Counts,
    Tally,
    Unplanned,
    adherence_of,
    count,
    index,
)
from morctl.completion import Completion, Rejected
from morctl.diagnostics import visible
from morctl.errors import UsageError
from morctl.expand import Engine
from morctl.workspace import Workspace

LOWEST_ACTIVITIES = 3


def exactly(x: Fraction | float) -> Fraction:
    """A figure as an exact fraction: a float stands for the decimal it is written as
    (0.145 is 29/200, not the binary number nearest to it)."""
    return x if isinstance(x, Fraction) else Fraction(repr(float(x)))


def half_up(x: Fraction, digits: int) -> int:
    """``x`` × 10^digits rounded to a whole number, a half away from zero, as a spreadsheet
    rounds (10 of 16 is 62.5%, printed 63%; Python's own rounding gives 62, half to even)."""
    up = abs(x) * 10**digits + Fraction(1, 2)
    whole: int = up.numerator // up.denominator
    return whole if x >= 0 else -whole


class Figure(float):
    """A figure as the document gives it, to four decimals (rounded half up, as every
    printed figure is), that keeps its exact value for the formats: a median of 89.996% is
    0.9 in the document, and must not print as meeting a 90% target (render_report rounds
    towards the truth). JSON writes it as the float."""

    __slots__ = ("exact",)
    exact: Fraction

    def __new__(cls, exact: Fraction | float) -> Figure:
        q = exactly(exact)
        figure = super().__new__(cls, half_up(q, 4) / 10**4)
        figure.exact = q
        return figure


def _r(x: Fraction | float | None) -> float | None:
    return None if x is None else Figure(x)


def counts_doc(c: Counts) -> dict[str, Any]:
    return {
        "expected": c.expected,
        "done": c.done,
        "on_time": c.on_time,
        "late": c.late,
        "missed": c.missed,
        "excused": c.excused,
        "skipped": c.skipped,
        "pending": c.pending,
        "adherence": _r(c.fraction("adherence")),
        "on_time_rate": _r(c.fraction("on_time_rate")),
        "useful": _r(c.fraction("useful")),
        "action_rate": _r(c.fraction("action_rate")),
        "hollow": c.hollow,
        # The counts beneath the mean rating and the action rate, which cannot be added up
        # themselves: with these, weekly reports combine into a month.
        "rated": c.rated,
        "useful_sum": c.useful_sum,
        "actions_recorded": c.actions_recorded,
        "with_actions": c.with_actions,
    }


def quantile(values: list[Fraction], q: Fraction) -> Fraction | None:
    """Linear interpolation between closest ranks (numpy's default), on sorted values;
    exact, so that the printed figure is rounded from the true one."""
    if not values:
        return None
    pos = (len(values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def completion_doc(c: Completion) -> dict[str, Any]:
    """A completion as metadata: never its note or free-text reason."""
    return {
        "date": c.day.isoformat(),
        "activity": c.activity,
        "owner": c.owner,
        "with": c.with_,
        "status": c.status,
        "useful": c.useful,
        "actions": c.actions,
        "file": visible(c.file),  # a file name can hold control characters too
        "line": c.line,
    }


def lines_day(first: date, last: date, as_of: date) -> date:
    """The day whose reporting lines a report follows (who leads whom: `--team`, each
    person's leader): the window's last day, or as-of when the window runs past it."""
    return max(first, min(last, as_of))


def scope(
    ws: Workspace, person: str | None, team: str | None, on: date | None = None
) -> set[str] | None:
    """Owners the report covers: one person, a leader and everyone below them on ``on``
    (`lines_day`; today's lines without it), or all (``person`` and ``team`` are ids:
    `people.person_id` has found them)."""
    from morctl.validate import runs_nothing

    if note := runs_nothing(ws, person):
        sys.stderr.write(note)
    if person is not None:
        return {person}
    if team is not None:
        if note := runs_nothing(ws, team, team=True):
            sys.stderr.write(note)
        below = {team}
        todo = [team]
        lines = ws.reports if on is None else ws.reports_on(on)
        while todo:
            for p in lines.get(todo.pop(), ()):
                if p.id not in below:  # a cycle in the roster is an error, but be safe
                    below.add(p.id)
                    todo.append(p.id)
        return below
    return None


@dataclass
class Inputs:
    ws: Workspace
    completions: list[Completion]
    rejected: list[Rejected]
    duplicates: int
    first: date
    last: date
    as_of: date
    owners: set[str] | None
    # Duplicates per owner as written (logcheck.Results.duplicated); None: all unscoped.
    duplicated: dict[str, int] | None = None
    # Records that give only a date and the occurrence each stands for (logcheck.Results).
    stands_for: dict[tuple[str, str, str | None, date], date] | None = None
    # What `owners` was chosen by (--person, --team), for the heading.
    person: str | None = None
    team: str | None = None
    # Log files that hold nothing (file, why): everyone's, listed apart from the problems.
    empty: list[tuple[str, str]] | None = None
    # Calendar events read and not counted (file, events, why): declined, cancelled, after
    # the export was made (logcheck.Results.uncounted). Everyone's, as empty files are.
    uncounted: list[tuple[str, int, str]] | None = None
    # `completions` is the caller's to give up: build empties it once the rows are indexed,
    # and lets the rows go once counted, before the document is made (millions of rows).
    owned: bool = False


def previous_window(first: date, last: date) -> tuple[date, date]:
    """The window a report compares with (DESIGN.md §8, "the previous window of the same
    length"), just before this one. A window of whole calendar months (`--month`, a fiscal
    quarter given as dates) is as long as its months: March compares with February, not
    with the 31 days from 29 January, which hold two month-end meetings. Any other window
    compares with the same number of days (docs/adherence.md, "change")."""
    if first.day == 1 and (last + timedelta(days=1)).day == 1:
        from dateutil.relativedelta import relativedelta

        months = (last.year - first.year) * 12 + last.month - first.month + 1
        return first - relativedelta(months=months), first - timedelta(days=1)
    length = (last - first).days + 1
    return first - timedelta(days=length), first - timedelta(days=1)


def _theirs(ws: Workspace, owners: set[str] | None, owner: str | None) -> bool:
    """Whether a log problem belongs in a report on ``owners``: a row of someone in scope,
    or one that no one in the roster owns (a mistyped id may be theirs; a file that cannot
    be read is everyone's). A colleague's rejected rows are left to their own report."""
    return owners is None or owner is None or owner in owners or owner not in ws.by_id


def _about_them(
    ws: Workspace, completions: list[Completion], owners: set[str] | None, first: date, last: date
) -> list[Completion]:
    """The completions in the window of people outside a scoped report that name someone
    in it: a rep who logged their 1:1 with the owner and `with` swapped, a deputy who ran
    a meeting with one of the team. Unplanned in their own owner's report, they say
    why a meeting of this report's people reads missed, so this report lists them too."""
    if owners is None:
        return []
    by_id = ws.by_id
    return [
        c
        for c in completions
        if c.owner not in owners
        and c.with_ is not None
        and first <= c.day <= last
        and (
            c.with_ in owners
            or ((p := by_id.get(c.with_)) is not None and p.manager_on(c.day) in owners)
        )
    ]


def _unplanned_order(u: Unplanned) -> tuple[date, str, str, str, str, int]:
    """The order of `adherence.walk`'s list: by day, then owner, activity, with, place."""
    c = u.completion
    return c.day, c.owner, c.activity, c.with_ or "", c.file, c.line


def build(inp: Inputs) -> dict[str, Any]:
    """The report document (DESIGN.md §8 JSON, with the extra org-level sections)."""
    ws = inp.ws
    engine = Engine(ws)
    p_first, p_last = previous_window(inp.first, inp.last)
    # Completions of anyone dated in the previous window (and known by as-of): none at all
    # means the team was not logging yet, and a change against it would read every meeting
    # of that window as missed (acme's August against a July before morctl: +95 pts).
    p_end = min(p_last, inp.as_of)
    logged_before = sum(p_first <= c.day <= p_end for c in inp.completions)
    logged = index(inp.completions, inp.owners, inp.as_of, inp.stands_for, inp.last, inp.first)
    near = _about_them(ws, inp.completions, inp.owners, inp.first, inp.last)
    if inp.owned:
        inp.completions.clear()  # the index holds them now
    t, unplanned = count(ws, logged, inp.first, inp.last, inp.as_of, inp.owners, engine)
    if near:
        # Matched among their own owner's meetings, as the whole org's report does: those
        # that match none are listed here too, with why.
        theirs = index(near, None, inp.as_of, inp.stands_for, inp.last, inp.first)
        _, elsewhere = count(
            ws, theirs, inp.first, inp.last, inp.as_of, {c.owner for c in near}, engine
        )
        unplanned = sorted([*unplanned, *elsewhere], key=_unplanned_order)
    earliest = engine.earliest()
    if earliest is not None and p_last < earliest:
        before = Tally()  # the first window of a new rhythm: nothing to compare with
    else:
        before, _ = count(ws, logged, p_first, p_last, inp.as_of, inp.owners, engine)
    later = (logged.later, logged.later_done, logged.later_within)
    # Counted: the rows go (but the unplanned ones, kept with why) before the document is
    # made, which would otherwise add to them at the run's peak of memory.
    del logged
    on = lines_day(inp.first, inp.last, inp.as_of)
    people = _people(ws, t, on, before if logged_before else Tally())
    rejected = [r for r in inp.rejected if _theirs(ws, inp.owners, r.owner)]
    duplicates = (
        inp.duplicates
        if inp.duplicated is None
        else sum(n for who, n in inp.duplicated.items() if _theirs(ws, inp.owners, who or None))
    )
    targets = ws.rhythm.targets
    # Quantiles, flags and gates use exact figures; only what is printed is rounded.
    values = sorted(a for c in t.people.values() if (a := c.fraction("adherence")) is not None)
    p10, p50, p90 = (quantile(values, Fraction(n, 10)) for n in (1, 5, 9))
    weeks = weeks_shown(t)  # the trend's, the planned-vs-done table's and the heat map's
    org = counts_doc(t.org)
    org.update(
        {
            "people": len(people),
            # Whom the median, p10 and p90 are over: the people with an adherence.
            "people_due": len(values),
            "median": _r(p50),
            "p10": _r(p10),
            "p90": _r(p90),
            "spread": _r(None if p10 is None or p90 is None else p90 - p10),
            "duplicates": duplicates,
            "rejected_elsewhere": len(inp.rejected) - len(rejected),
            "after_as_of": later[0],
            "after_as_of_done": later[1],
            "after_as_of_in_window": later[2],
            "targets": {
                "adherence": targets.adherence,
                "on_time": targets.on_time,
                "useful": targets.useful,
            },
            "lowest_activities": [
                {"activity": a["activity"], "adherence": a["adherence"]}
                for a in sorted(
                    (a for a in _activities(ws, t.activities) if a["adherence"] is not None),
                    key=lambda a: (a["adherence"], a["activity"]),
                )[:LOWEST_ACTIVITIES]
            ],
            "weeks": [{"week": w, **counts_doc(t.weeks[w])} for w in weeks],
            "leaders": _leaders(ws, t, inp.owners, on),
            "flags": _flags(ws, people, t),
            "previous": {
                "from": p_first.isoformat(),
                "to": p_last.isoformat(),
                "completions": logged_before,
                **{
                    k: v
                    for k, v in counts_doc(before.org).items()
                    if k in ("expected", "done", "missed", "adherence", "on_time_rate")
                },
                "people": {
                    pid: _r(c.fraction("adherence")) for pid, c in sorted(before.people.items())
                },
            },
            "change": _delta(t.org.fraction("adherence"), before.org.fraction("adherence"))
            if logged_before and not _mostly_pending(t.org)
            else None,
            "planned_vs_done": _planned_vs_done(t, weeks),
        }
    )
    return {
        # Which rhythm, and whose: two teams' reports, sent as attachments, are told apart.
        "rhythm": {"id": ws.rhythm.id, "name": ws.rhythm.name},
        "scope": {
            "person": inp.person,
            "team": inp.team,
            "name": ws.by_id[who].name if (who := inp.person or inp.team) in ws.by_id else None,
        },
        "window": {
            "from": inp.first.isoformat(),
            "to": inp.last.isoformat(),
            "as_of": inp.as_of.isoformat(),
        },
        "people": people,
        "activities": _activities(ws, t.activities),
        "org": org,
        # Why each matched nothing: ids, dates and the calendar's reasons, never a note.
        "unplanned": [{**completion_doc(u.completion), "why": u.why} for u in unplanned],
        "rejected": [
            # Without a value that reads as a note (logcheck.Checker.for_report).
            {"file": visible(r.file), "line": r.line, "reason": r.in_report or r.reason}
            for r in sorted(rejected, key=lambda r: r[:3])
        ],
        # Not problems: nothing in them was rejected. An export cut short, named all the same.
        "empty_files": [
            {"file": visible(file), "reason": why} for file, why in sorted(inp.empty or [])
        ],
        # Not problems either: what a calendar export holds that was not held (yet).
        "events_not_counted": [
            {"file": visible(file), "events": n, "reason": why}
            for file, n, why in sorted(inp.uncounted or [])
        ],
    }


def _planned_vs_done(t: Tally, weeks: list[str]) -> dict[str, Any]:
    """Per person × activity, the occurrences planned (expected minus excused), done,
    missed and excused in each of ``weeks``, as arrays aligned with them; planned minus
    done minus missed is still pending."""
    column = {w: i for i, w in enumerate(weeks)}
    rows: dict[tuple[str, str], tuple[list[int], list[int], list[int], list[int]]] = {}
    n = len(weeks)
    for (pid, aid, week), v in t.grid.items():
        planned, done, missed, excused = rows.setdefault(
            (pid, aid), ([0] * n, [0] * n, [0] * n, [0] * n)
        )
        i = column[week]
        planned[i] = v[DONE] + v[MISSED] + v[PENDING]  # expected minus excused
        done[i] = v[DONE]
        missed[i] = v[MISSED]
        excused[i] = v[EXCUSED]
    return {
        "weeks": weeks,
        "rows": [
            {"person": pid, "activity": aid, "planned": p, "done": d, "missed": m, "excused": x}
            for (pid, aid), (p, d, m, x) in sorted(rows.items())
        ],
    }


def _mostly_pending(c: Counts) -> bool:
    """More of it still pending than due: a figure of the few meetings due so far (one of
    eight on a Wednesday) is no change against a whole window."""
    return bool(c.pending > c.done + c.missed)


def _delta(now: Fraction | None, before: Fraction | None) -> float | None:
    return None if now is None or before is None else _r(now - before)


def _activities(ws: Workspace, counts: dict[str, Counts]) -> list[dict[str, Any]]:
    return [
        {"activity": aid, "title": ws.rhythm.activities[aid].title, **counts_doc(c)}
        for aid, c in sorted(counts.items())
    ]


def _people(ws: Workspace, t: Tally, on: date, before: Tally) -> list[dict[str, Any]]:
    rows = []
    by_person: dict[str, dict[str, Counts]] = {}
    for (p, aid), ac in t.person_activity.items():
        by_person.setdefault(p, {})[aid] = ac
    for pid, c in t.people.items():
        person = ws.by_id[pid]
        acts = by_person.get(pid, {})
        rows.append(
            {
                "id": pid,
                "name": person.name,
                "role": person.role,
                "leader": person.manager_on(on),
                **counts_doc(c),
                # "Δ prev" of the formats people read: against the previous window's figure.
                "change": None
                if _mostly_pending(c)
                else _delta(
                    c.fraction("adherence"),
                    was.fraction("adherence") if (was := before.people.get(pid)) else None,
                ),
                "activities": _activities(ws, acts),
            }
        )
    rows.sort(key=worst_first)
    return rows


def _ahead_of_this_machine(
    ws: Workspace,
    completions: list[Completion],
    owners: set[str] | None,
    today: date,
    judged_today: bool,
) -> list[date]:
    """The days of the done completions that a report judged on this machine's today
    leaves out although they are not after their owner's today (a zone ahead of the
    machine's); empty unless the report is judged on today and left some out."""
    if not judged_today:
        return []
    from morctl import clock

    found: list[date] = []
    owners_today: dict[str, date] = {}
    for c in completions:
        if c.day > today and c.status == "done" and (owners is None or c.owner in owners):
            theirs = owners_today.get(c.owner)
            if theirs is None:
                theirs = clock.today(ws.timezone_of(ws.by_id[c.owner]))
                owners_today[c.owner] = theirs
            if c.day <= theirs:
                found.append(c.day)
    return found


def worst_first(row: dict[str, Any]) -> tuple[bool, bool, float, str]:
    """The people table's order: worst adherence first; then those who called off all that
    was due (no adherence, but not "nothing due"); people with nothing due yet last."""
    none = row["adherence"] is None
    return (none, none and not row["skipped"], row["adherence"] or 0.0, row["id"])


def _leaders(ws: Workspace, t: Tally, owners: set[str] | None, on: date) -> list[dict[str, Any]]:
    """Each leader's own adherence beside their team's: everyone below them in the roster
    who has something due, pooled (a VP over directors who own nothing leads the
    managers below them). With --person or --team, only leaders inside that scope: a
    leader above it would show a part of their team as the whole, and no figure of
    their own."""
    teams: dict[str, Counts] = {}
    sizes: dict[str, int] = {}
    for pid, c in t.people.items():
        leader = ws.by_id[pid].manager_on(on)
        seen = {pid}
        while leader is not None and leader not in seen:  # (validate refuses a loop)
            seen.add(leader)
            if owners is None or leader in owners:
                teams.setdefault(leader, Counts()).merge(c)
                sizes[leader] = sizes.get(leader, 0) + 1
            boss = ws.by_id.get(leader)
            leader = boss.manager_on(on) if boss else None
    out = []
    for leader, team in sorted(teams.items()):
        own = t.people.get(leader)
        out.append(
            {
                "id": leader,
                "name": ws.by_id[leader].name if leader in ws.by_id else leader,
                "own_adherence": _r(own.fraction("adherence")) if own else None,
                "team_adherence": _r(team.fraction("adherence")),
                "team_size": sizes[leader],
            }
        )
    return out


def _flags(ws: Workspace, people: list[dict[str, Any]], t: Tally) -> list[dict[str, Any]]:
    targets = ws.rhythm.targets
    checks = (
        ("adherence", targets.adherence),
        ("on_time_rate", targets.on_time),
        ("useful", targets.useful),
    )
    out = []
    for p in people:
        exact = t.people[p["id"]]
        for metric, target in checks:
            value = getattr(exact, metric)
            if target is not None and value is not None and value < target:
                shown = _r(exact.fraction(metric))
                out.append({"person": p["id"], "metric": metric, "value": shown, "target": target})
        # Skips are excused (DESIGN §8), so they leave adherence alone: a manager who calls
        # off most of the rhythm must still stand out.
        due = exact.done + exact.missed + exact.skipped
        if exact.skipped and 2 * exact.skipped > due:
            share = Fraction(exact.skipped, due)
            out.append({"person": p["id"], "metric": "skipped", "value": _r(share), "target": None})
    return out


def below(people: list[dict[str, Any]], threshold: float) -> list[str]:
    """Who is under ``--fail-under``, from the exact done / (done + missed), not the
    rounded figure (5 of 6 is 0.8333…, which is not below 0.83331)."""
    return [
        p["id"]
        for p in people
        if (exact := adherence_of(p["done"], p["missed"])) is not None and exact < threshold
    ]


def weeks_shown(t: Tally) -> list[str]:
    """The ISO weeks a report shows, in order: those that hold at least one occurrence of
    the people reported (done, missed, excused or pending). A window's edge week with
    nothing scheduled in the window (a month that starts on a Sunday), or a week with
    nothing scheduled at all, is left out; a week whose meetings were all excused is not."""
    return sorted(t.weeks)  # "2026-W09" < "2026-W10" < "2027-W01": text order is week order


_ELSEWHERE = (
    "write the report elsewhere, such as reports/ (a workspace made by `morctl init` keeps "
    "reports/ out of git)"
)


_EXTENSIONS = {"table": "txt"}  # the other formats are their own extension


def _not_an_input(root: str, out_path: str) -> None:
    """Refuse to write the report over the workspace's own files, or into logs/, where the
    next report would read it as a log and reject every line."""
    import os

    from morctl.atomic import same_file
    from morctl.logs import read_as_log

    real = os.path.realpath(out_path)
    ident = same_file(real)
    # Each input by its real place: a roster or a logs folder linked in from a shared
    # drive is still the workspace's own, and writing through the link would replace it.
    for name in ("rhythm.yaml", "org.yaml", "org.csv"):
        path = os.path.join(root, name)
        if real == os.path.realpath(path) or (ident is not None and ident == same_file(path)):
            raise UsageError(f"--out {out_path} is the workspace's own {name}", _ELSEWHERE)
    logs = os.path.join(root, "logs")
    place = os.path.realpath(logs)
    if real == place or real.startswith(place + os.sep) or read_as_log(Path(logs), out_path):
        raise UsageError(
            f"--out {out_path} is inside the workspace's logs/, where the next report would "
            "read it as a log",
            _ELSEWHERE,
        )


# The empty log files named on stderr; the report lists them all.
_EMPTY_SAID = 5


def run(
    root: str,
    first: date,
    last: date,
    as_of: date | None,
    person: str | None,
    team: str | None,
    fmt: str,
    out_path: str | None,
    fail_under: float | None,
) -> int:
    from morctl import clock
    from morctl.logs import read
    from morctl.render_report import FORMATS

    if person is not None and team is not None:
        raise UsageError("give --person or --team, not both")
    if out_path == "-":
        out_path = None  # the usual name for standard output
    if out_path:
        from morctl.outpath import need_file, window_name

        _not_an_input(root, out_path)  # first: for logs/ it says where to write instead
        need_file(out_path, f"{window_name(first, last)}.{_EXTENSIONS.get(fmt, fmt)}")
    from morctl.people import person_id
    from morctl.validate import require_valid
    from morctl.yamlload import gc_paused

    # Millions of completions and counters, none in a cycle: with the cyclic collector on,
    # each of its full passes rescans them all, which costs a third of the run.
    with gc_paused():
        ws = require_valid(root, command=("report", "…"))
        person = person_id(ws, person)
        team = person_id(ws, team, "--team")
        today = as_of or clock.today()
        owners = scope(ws, person, team, lines_day(first, last, today))
        logs = read(ws, Path(root) / "logs")
        # The done rows dated after today, for the warning below (judged on today only):
        # build lets the millions of others go once they are counted.
        after_today = (
            [c for c in logs.completions if c.day > today and c.status == "done"]
            if as_of is None
            else []
        )
        inputs = Inputs(
            ws,
            logs.completions,
            logs.rejected,
            logs.duplicates,
            first,
            last,
            today,
            owners,
            logs.duplicated,
            logs.stands_for,
            person,
            team,
            empty=logs.empty,
            uncounted=logs.uncounted,
            owned=True,
        )
        del logs
        doc = build(inputs)
        del inputs
        judged_today = as_of is None and doc["org"]["after_as_of_done"] > 0
        found = _ahead_of_this_machine(ws, after_today, owners, today, judged_today)
        text = FORMATS[fmt](doc)
    if out_path:
        from morctl.atomic import write_atomic

        write_atomic(out_path, text)
        sys.stderr.write(f"wrote the report to {out_path}\n")
    else:
        sys.stdout.write(text)
    if problems := len(doc["rejected"]):
        sys.stderr.write(
            f"morctl: warning: {problems} problem"
            f"{'s' if problems != 1 else ''} in the logs (rows rejected, files or "
            "columns not read), listed in the report\n"
        )
    for e in doc["empty_files"][:_EMPTY_SAID]:
        # Read as "no meetings" it would lower someone's figures without a word.
        sys.stderr.write(f"morctl: warning: {e['file']} {e['reason']}\n")
    if (more := len(doc["empty_files"]) - _EMPTY_SAID) > 0:
        sys.stderr.write(
            f"morctl: warning: {more} more log file{'s' if more != 1 else ''} with nothing "
            "in them, listed in the report\n"
        )
    folder = Path(root) / "logs"
    if not folder.exists() and not folder.is_symlink():
        # Read as "no logs", it puts everyone at 0%: say why (a copy of rhythm.yaml, a
        # checkout where the logs live elsewhere), as for a logs/ link that leads nowhere.
        sys.stderr.write(
            f"morctl: warning: there is no logs folder ({os.path.normpath(folder)}): no "
            "completions were read, so whatever is due counts as missed\n"
            "  hint: completion logs go in logs/ beside rhythm.yaml (see `morctl log`)\n"
        )
    starts = ws.rhythm.effective
    if starts is not None and last < starts:
        # An empty report is not a verdict: a new team's first week, asked too early.
        sys.stderr.write(
            f"morctl: warning: the rhythm takes effect on {starts}, after this window: "
            "nothing in it is due\n"
        )
    if as_of is not None and as_of > clock.today():
        # Judged on a day to come, what is due by then and not logged yet counts as missed.
        sys.stderr.write(
            f"morctl: warning: --as-of {as_of} is after today ({clock.today()}): what is due "
            "by then and not logged yet counts as missed, not pending\n"
        )
    typos = doc["org"]["after_as_of_done"] - len(found)
    # Only those in the window would count with a later --as-of (a past week's never).
    ahead = [day for day in found if first <= day <= last]
    if typos and as_of is None:
        # Judged on today, a meeting logged done on a later day has not happened yet: most
        # likely a mistyped date (2026-12-11 for 2026-11-12). A skip may be logged ahead.
        sys.stderr.write(
            f"morctl: warning: {typos} completion{'s' if typos != 1 else ''} logged done "
            f"{'are' if typos != 1 else 'is'} dated after today ({today.isoformat()}) and "
            "not counted: is a date mistyped?\n"
        )
    if ahead:
        # `morctl log` dates a row by the owner's today: in a zone ahead of this machine,
        # that is already tomorrow here. Not a typo; counted by a report judged on it.
        n = len(ahead)
        where = "their owners are" if n != 1 else "its owner is"
        sys.stderr.write(
            f"morctl: warning: {n} completion{'s' if n != 1 else ''} logged done "
            f"{'are' if n != 1 else 'is'} dated after today on this machine "
            f"({today.isoformat()}) but not after today where {where}, and not counted\n"
            f"  hint: report with --as-of {max(ahead).isoformat()} to count "
            f"{'them' if n != 1 else 'it'}\n"
        )
    if fail_under is not None:
        if not any(p["done"] + p["missed"] for p in doc["people"]):
            # A gate that checked nobody should not pass without a word (a --team whose
            # people own nothing, a window before the rhythm starts).
            sys.stderr.write(
                "morctl: warning: --fail-under checked nobody: no one in this report has "
                "anything due (done or missed) yet\n"
            )
        under = below(doc["people"], fail_under)
        if under:
            who = "person" if len(under) == 1 else "people"
            bar = exactly(fail_under)
            tenths = {
                p["id"]: _tenths_below(Fraction(p["done"], p["done"] + p["missed"]), bar)
                for p in doc["people"]
                if p["id"] in under[:10]
            }
            named = ", ".join(
                f"{pid} ({tenths[pid] // 10}.{tenths[pid] % 10}%)" for pid in under[:10]
            )
            sys.stderr.write(
                f"morctl: adherence below {fail_under:g} for "
                f"{len(under)} {who}: {named}"
                f"{' …' if len(under) > 10 else ''}\n"
            )
            return 1
    return 0


def _tenths_below(x: Fraction, bar: Fraction) -> int:
    """``x`` (under ``bar``) in tenths of a percent, rounded half up as every figure is
    (2/3 is 66.7%), or floored where that would reach the bar it fails: 0.8996 is "89.9%"
    against 0.9, never a "90.0%" that reads as passing."""
    rounded = half_up(x, 3)
    return rounded if Fraction(rounded, 1000) < bar else math.floor(x * 1000)


__all__ = ["Inputs", "build", "run"]
