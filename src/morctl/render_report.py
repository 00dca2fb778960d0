"""Output formats of `morctl report`: small functions over the one report document."""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
import textwrap
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from morctl.export import defuse
from morctl.report import exactly, half_up

Doc = dict[str, Any]
_SPARK = "▁▂▃▄▅▆▇█"


def _exact(x: float | Fraction) -> Fraction:
    """The value a figure was rounded from (report.Figure keeps it), as a fraction."""
    found = getattr(x, "exact", None)
    return found if isinstance(found, Fraction) else exactly(x)


def _decimal(n: int, digits: int) -> str:
    """``n`` × 10^-digits written with ``digits`` decimals (``_decimal(-625, 1)``: -62.5)."""
    if not digits:
        return str(n)
    whole, part = divmod(abs(n), 10**digits)
    return f"{'-' * (n < 0)}{whole}.{part:0{digits}d}"


def pct(x: float | Fraction | None) -> str:
    """A share in whole percents, rounded half up from the exact fraction as a spreadsheet
    rounds (10 of 16 is 63%); 100% and 0% only when it is exactly that: a manager who
    missed one meeting of 259 is at 99.6%, not 100%, and one who held one is at 0.4%."""
    if x is None:
        return "–"
    exact = _exact(x)
    text = f"{half_up(exact * 100, 0)}%"
    if text == "100%" and exact < 1:
        return f"{_decimal(math.floor(exact * 1000), 1)}%"
    if text == "0%" and exact > 0:
        return f"{_decimal(math.ceil(exact * 1000), 1)}%"
    return text


def num(x: float | Fraction | None, digits: int = 1) -> str:
    """A rating, rounded half up to ``digits`` decimals (3.25 is 3.3)."""
    return "–" if x is None else _decimal(half_up(_exact(x), digits), digits)


def pts(x: float | Fraction | None) -> str:
    """A change in percentage points, rounded half away from zero (-2.5 is -3 pts)."""
    if x is None:
        return "–"
    n = half_up(_exact(x) * 100, 0)
    return "0 pts" if n == 0 else f"{n:+d} {_points(n)}"  # not "-0 pts"


def spread(x: float | Fraction | None) -> str:
    if x is None:
        return "–"
    n = half_up(_exact(x) * 100, 0)
    return f"{n} {_points(n)}"


def _points(n: int) -> str:
    return "pt" if abs(n) == 1 else "pts"  # "+1 pt", "-2 pts"


def spark(values: list[float | None]) -> str:
    return "".join(" " if v is None else _SPARK[min(7, int(v * 8))] for v in values)


_FLAG_WORDS = {"adherence": "adherence", "on_time_rate": "on time", "useful": "useful"}


def _target_text(target: float, rate: bool) -> str:
    """A target as written, to the digit: 0.905 is 90.5%, not 90%; 3.46 is 3.46, not 3.5."""
    if rate:
        return f"{round(target * 100, 4):g}%"
    return num(target) if round(target, 1) == target else f"{round(target, 4):g}"


def _flag_text(f: dict[str, Any]) -> str:
    if f["metric"] == "skipped":
        return f"skipped {pct(f['value'])} of what was due"
    target = _target_text(f["target"], f["metric"] != "useful")
    return f"{_FLAG_WORDS[f['metric']]} below {target}"


_TARGET_OF = {"adherence": "adherence", "on_time_rate": "on_time", "useful": "useful"}


def _flags_by_person(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """The flags of each person, looked up once per report (thousands of people)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for f in doc["org"]["flags"]:
        out.setdefault(f["person"], []).append(f)
    return out


def _beside(doc: Doc, flags: list[dict[str, Any]], metric: str, value: float | None) -> str:
    """A person's figure as the row's flag reads it (``flags``: that person's)."""
    flagged = any(f["metric"] == metric for f in flags)
    return _honest(doc, metric, value, flagged)


def _fig(doc: Doc, metric: str, value: float | None, counts: Doc | None = None) -> str:
    """A figure that has no flag of its own (the organisation's, an activity's, a leader's,
    a week's), printed against the people's target for the same metric. ``counts`` (the
    row the figure is from, with its done, missed and on-time counts) gives the exact
    rate: the document's is rounded to four decimals, and 35,999 of 40,000 is 0.9 there."""
    target = doc["org"]["targets"].get(_TARGET_OF[metric])
    exact = None if value is None else _exact(value)
    if counts is not None and metric != "useful":
        due = counts["done"] + counts["missed"]
        part = counts["done"] if metric == "adherence" else counts["on_time"]
        exact = Fraction(part, due) if due else None
    below = exact is not None and target is not None and exact < exactly(target)
    return _honest(doc, metric, value, below)


def _honest(doc: Doc, metric: str, value: float | None, below: bool) -> str:
    """A figure rounded for print, unless the rounding would cross its target: 89.66% would
    show as 90% under a 90% target (and 3.45 as 3.5 under 3.5). Then one more digit is
    shown, rounded towards the truth."""
    rate = metric != "useful"
    text = pct(value) if rate else num(value)
    target = doc["org"]["targets"].get(_TARGET_OF[metric])
    if value is None or target is None:
        return text
    scale = 1000 if rate else 100  # to one more digit than printed
    unit, factor, digits = ("%", 100, 1) if rate else ("", 1, 2)
    shown = Fraction(text.rstrip("%")) / factor
    goal = exactly(target)
    exact = _exact(value) * scale
    if below and shown >= goal:
        finer = math.floor(exact)
        if Fraction(finer, scale) >= goal:  # the figure is rounded to four decimals
            return f"<{_target_text(target, rate)}"
        return f"{_decimal(finer, digits)}{unit}"
    if not below and shown < goal:
        return f"{_decimal(math.ceil(exact), digits)}{unit}"
    return text


def _flags_of(flags: list[dict[str, Any]]) -> str:
    """Targets missed, in the words and units of the table ('on time below 80%'), and
    most of what was due called off ('skipped 100% of what was due')."""
    return ", ".join(_flag_text(f) for f in flags)


def _title(doc: Doc) -> str:
    """The heading, with whose report it is: a person's and a team's reports, sent as
    attachments, are told apart by it (and from the whole organisation's)."""
    rhythm, scope = doc.get("rhythm"), doc.get("scope") or {}
    title = f"{rhythm['name']}: adherence" if rhythm else "Rhythm adherence"
    if pid := scope.get("person"):
        title += f" of {scope.get('name') or pid} ({pid})"
    elif pid := scope.get("team"):
        title += f" of the team of {scope.get('name') or pid} ({pid})"
    return title


def _about(doc: Doc) -> list[str]:
    """Whose report it is: the rhythm, and the person or team it was narrowed to."""
    rhythm, scope = doc.get("rhythm"), doc.get("scope") or {}
    if rhythm is None:
        return []
    whose = ""
    if pid := scope.get("person"):
        whose = f"; {scope['name']} ({pid}) only"
    elif pid := scope.get("team"):
        whose = f"; {scope['name']} ({pid}) and everyone who reports to them, directly or not"
    return [f"Rhythm: {rhythm['name']} ({rhythm['id']}){whose}"]


def _counted(doc: Doc) -> str:
    """Whom the median and spread are over: the people with an adherence (something due
    and not all called off), named when that is not everyone in the report."""
    counted = sum(p["adherence"] is not None for p in doc["people"])
    if counted == len(doc["people"]):
        return "people"
    return f"the {counted} {'person' if counted == 1 else 'people'} with something due"


def _spread_line(doc: Doc, fig: Callable[..., str]) -> str:
    """The organisation's adherence and how it spreads, or that nobody had anything due:
    'across the 0 people with something due' said it in numbers."""
    org = doc["org"]
    scope = doc.get("scope") or {}
    # Whose adherence: a person's or a team's report is not the organisation's.
    if pid := scope.get("person"):
        whose = f"Adherence ({pid})"
    elif pid := scope.get("team"):
        whose = f"Team adherence ({pid}'s team)"
    else:
        whose = "Org adherence"
    due = sum(p["adherence"] is not None for p in doc["people"])
    if not due:
        when = "has anything due yet" if org["pending"] else "had anything due in this window"
        return f"{whose} –: nobody {when}"
    line = f"{whose} {fig('adherence', org['adherence'], org)}"
    if org["pending"]:
        # Judged mid-window, the figure is of what was due so far: say how much that was.
        line += (
            f" of the {org['done'] + org['missed']} due so far; {org['pending']} still "
            "pending (not due yet)"
        )
    if due < 2:
        return line  # a median and a spread of one figure say nothing (JSON keeps them)
    return (
        f"{line}; across {_counted(doc)}: "
        f"median {fig('adherence', org['median'])}, p10 {fig('adherence', org['p10'])}, "
        f"p90 {fig('adherence', org['p90'])} (spread {spread(org['spread'])})"
    )


def _whose(doc: Doc) -> str:
    """Whose meetings a report counts, as 'nothing ... is scheduled' says it."""
    scope = doc.get("scope") or {}
    return "of theirs" if scope.get("person") or scope.get("team") else "of the rhythm"


def _headline(doc: Doc) -> list[str]:
    w, org = doc["window"], doc["org"]
    prev = org["previous"]

    def fig(metric: str, value: float | None, counts: Doc | None = None) -> str:
        return _fig(doc, metric, value, counts)

    bars, weeks = _trend(doc)
    return [
        *_about(doc),
        f"Adherence {w['from']} to {w['to']} (as of {w['as_of']}): {org['people']} "
        + ("person" if org["people"] == 1 else "people")
        # Nobody: say why the tables below are empty.
        + ("" if org["people"] else f" (nothing {_whose(doc)} is scheduled in this window)"),
        _spread_line(doc, fig),
        f"On time {fig('on_time_rate', org['on_time_rate'], org)}, "
        + (
            "useful: no ratings"
            if org["useful"] is None
            else f"useful {fig('useful', org['useful'])}/5"
        )
        + f", actions {pct(org['action_rate'])}, hollow {org['hollow']}",
        f"Previous window {prev['from']} to {prev['to']}: "
        + (
            # Before the team logged anything: every meeting of it would read as missed.
            "nothing was logged in it, so no change is given"
            if prev.get("completions") == 0
            else f"{fig('adherence', prev['adherence'])} (change {pts(org['change'])})"
        ),
        "Trend by week: " + ((bars + "  " if bars else "") + " ".join(weeks) if weeks else "–"),
    ]


def _trend(doc: Doc) -> tuple[str, list[str]]:
    """The trend's sparkline (empty when no week has a figure: a run of blanks would stand
    before the first week) and each week with its figure ('W47 94%')."""
    org = doc["org"]
    # "W05" alone, unless the weeks run over more than one year ("2026-W52 2027-W01"):
    # a window of over a year would otherwise print the same label twice.
    years = {wk["week"][:4] for wk in org["weeks"]}
    trend = [wk["adherence"] for wk in org["weeks"]]
    cut = -3 if len(years) == 1 else 0
    bars = spark(trend) if any(v is not None for v in trend) else ""
    return bars, [
        f"{wk['week'][cut:]} {_fig(doc, 'adherence', wk['adherence'], wk)}" for wk in org["weeks"]
    ]


_PEOPLE_HEAD = (
    "person",
    "leader",
    "exp",
    "done",
    "on time",
    "late",
    "missed",
    "exc",
    "pend",
    "adherence",
    "on-time",
    "useful",
    "actions",
    "hollow",
    "Δ prev",
    "flags",
)


def _people_rows(doc: Doc) -> list[list[str]]:
    flags = _flags_by_person(doc)
    rows = []
    for p in doc["people"]:
        mine = flags.get(p["id"], [])
        rows.append(
            [
                p["id"],
                p["leader"] or "",
                str(p["expected"]),
                str(p["done"]),
                str(p["on_time"]),
                str(p["late"]),
                str(p["missed"]),
                f"{p['excused']} ({p['skipped']} skip)" if p["skipped"] else str(p["excused"]),
                str(p["pending"]),
                _beside(doc, mine, "adherence", p["adherence"]),
                _beside(doc, mine, "on_time_rate", p["on_time_rate"]),
                _beside(doc, mine, "useful", p["useful"]),
                pct(p["action_rate"]),
                str(p["hollow"]),
                pts(p["change"]),
                _flags_of(mine),
            ]
        )
    return rows


def _text_table(head: tuple[str, ...] | list[str], rows: list[list[str]]) -> list[str]:
    # Columns are measured in terminal cells, not characters: 予測会議 takes eight, a
    # letter with a combining accent one (rich's table of East Asian widths).
    from rich.cells import cell_len

    def pad(text: str, width: int) -> str:
        return text + " " * (width - cell_len(text))

    # A tab (allowed in a title) counts as no cell but moves the terminal's cursor to its
    # next stop, which pushes the rest of the row out of its columns: one space instead.
    rows = [[c.replace("\t", " ") for c in r] for r in rows]
    widths = [max([cell_len(h)] + [cell_len(r[i]) for r in rows]) for i, h in enumerate(head)]
    out = ["  ".join(pad(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
    out += ["  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return out


def _leader_rows(doc: Doc) -> list[list[str]]:
    return [
        [
            ld["id"],
            _fig(doc, "adherence", ld["own_adherence"]),
            _fig(doc, "adherence", ld["team_adherence"]),
            str(ld["team_size"]),
        ]
        for ld in doc["org"]["leaders"]
    ]


def _grid(doc: Doc) -> tuple[list[str], list[list[str]]]:
    pvd = doc["org"]["planned_vs_done"]
    weeks = pvd["weeks"]
    titles = _titles(doc)
    rows = [
        [
            r["person"],
            _named(titles, r["activity"]),
            *(
                _cell(d, m, p, x)
                for p, d, m, x in zip(
                    r["planned"], r["done"], r["missed"], r["excused"], strict=True
                )
            ),
        ]
        for r in pvd["rows"]
    ]
    return ["person", "activity", *weeks], rows


def _cell(done: int, missed: int, planned: int, excused: int = 0) -> str:
    """done/planned, and how many are still pending and how many were excused (not in
    planned): '0/2' alone would read as two missed meetings when both are still pending,
    and a blank as nothing scheduled when the week's meetings were excused ('(1 exc)')."""
    notes = ", ".join(
        f"{n} {word}" for n, word in ((planned - done - missed, "pend"), (excused, "exc")) if n
    )
    aside = f"({notes})" if notes else ""
    if not planned:
        return aside  # nothing planned: all excused, or nothing scheduled (blank)
    return f"{done}/{planned}" + (f" {aside}" if aside else "")


def _titles(doc: Doc) -> dict[str, str]:
    return {a["activity"]: a["title"] for a in doc["activities"]}


def _named(titles: dict[str, str], activity: str) -> str:
    """An activity by its title, as managers see it in their calendar, with its id beside
    it, as rhythm.yaml and the logs write it: 'Team huddle (team_huddle)'."""
    title = titles.get(activity)
    return f"{title} ({activity})" if title and title != activity else activity


_ACTIVITIES_HEAD = (
    "activity", "id", "exp", "done", "missed", "exc", "pend", "adherence", "on-time", "useful"
)  # fmt: skip


def _activity_rows(doc: Doc) -> list[list[str]]:
    """One row per activity, named by its title (the words managers see in their calendar)
    beside its id (the word in rhythm.yaml and the logs)."""
    return [
        [
            a["title"],
            a["activity"],
            str(a["expected"]),
            str(a["done"]),
            str(a["missed"]),
            str(a["excused"]),  # exp = done + missed + exc + pend, as in the people table
            str(a["pending"]),
            _fig(doc, "adherence", a["adherence"], a),
            _fig(doc, "on_time_rate", a["on_time_rate"], a),
            _fig(doc, "useful", a["useful"]),
        ]
        for a in doc["activities"]
    ]


# Unplanned and rejected records listed under a report that people read; JSON lists all.
LISTED = 20


def _footer(doc: Doc) -> list[str]:
    out = []
    # Only those that missed anything: an activity at 100% listed as "lowest" reads as an
    # alarm (JSON keeps the three lowest whatever they are).
    low = [
        a
        for a in doc["org"]["lowest_activities"]
        if getattr(a["adherence"], "exact", a["adherence"]) < 1
    ]
    if doc["org"]["lowest_activities"] and not low:
        # Activities with nothing due (a skip alone, all pending) have no figure: not 100%.
        some = any(a["adherence"] is None for a in doc["activities"])
        which = "every activity with something due" if some else "every activity"
        out.append(f"Lowest adherence: none, {which} at 100%")
    if not doc["org"]["lowest_activities"]:
        # Said, not left out: a missing line reads as a report cut short.
        out.append("Lowest adherence: none, nothing was due")
    if low:
        titles = _titles(doc)
        rows = {a["activity"]: a for a in doc["activities"]}
        out.append(
            "Lowest adherence: "
            + ", ".join(
                _named(titles, a["activity"])
                + " "
                + _fig(doc, "adherence", a["adherence"], rows.get(a["activity"]))
                for a in low
            )
        )
    unplanned = doc["unplanned"]
    out.append(f"Unplanned completions (matched no occurrence): {len(unplanned)}")
    # Each with why it matched nothing: what to correct, in the log or in the roster.
    out += _listed(
        f"  {u['file']}:{u['line']}: {u['date']} "
        + " ".join(p for p in (u["activity"], u["owner"], u["with"]) if p)
        + f" {u['status']} — {u['why']}"
        for u in unplanned
    )
    if later := doc["org"]["after_as_of"]:
        within = doc["org"]["after_as_of_in_window"]
        # Said apart: last month's report judged on its last day leaves out every row
        # logged since, which are not its own.
        # Judged before the window's first day, some may be dated before the window.
        side = "after" if doc["window"]["as_of"] >= doc["window"]["from"] else "outside"
        split = (
            f"{within} in the window, {later - within} {side} it"
            if 0 < within < later
            else ("all in the window" if within else f"all {side} the window")
        )
        out.append(
            f"Completions dated after the as-of day ({doc['window']['as_of']}), not counted: "
            f"{later} ({split})"
        )
    out.append(
        f"Log problems (rows rejected, files or columns not read): {len(doc['rejected'])}"
        + (
            f"; duplicates counted once: {doc['org']['duplicates']}"
            if doc["org"]["duplicates"]
            else ""
        )
        + (
            f"; {elsewhere} more in rows of people outside this report (run it without "
            "--person or --team to list them)"
            if (elsewhere := doc["org"].get("rejected_elsewhere"))
            else ""
        )
    )
    out += _listed(f"  {r['file']}:{r['line']}: {r['reason']}" for r in doc["rejected"])
    if empty := doc.get("empty_files"):
        # Only when there are some: a month's file with its header alone is not one.
        out.append(f"Log files nothing was read from: {len(empty)}")
        out += _listed(f"  {e['file']}: {e['reason']}" for e in empty)
    if uncounted := doc.get("events_not_counted"):
        out.append(f"Calendar events not counted: {sum(e['events'] for e in uncounted)}")
        out += _listed(f"  {e['file']}: {e['reason']}" for e in uncounted)
    return out


# Where a reader of any report finds what each figure means.
DEFINITIONS = "Definitions of every figure: docs/adherence.md in morctl's documentation"


def _listed(lines: Iterable[str]) -> list[str]:
    """The first LISTED lines, and how many more JSON has."""
    shown = list(lines)
    more = len(shown) - LISTED
    return shown[:LISTED] + ([f"  … and {more} more (see --format json)"] if more > 0 else [])


# The people table is wide: its short headings are spelt out under it.
LEGEND = (
    "exp: expected (done + missed + excused + pending); exc: excused, by the calendar or by "
    "a skip logged with a reason ('6 (5 skip)': 6 excused, 5 of them skips); pend: pending (not "
    "due yet); on time: how many were done by the due day (plus grace); on-time: that "
    "count over done + missed; actions: of the done meetings that record actions, the "
    "share with at least one; hollow: done, but rated useful 2 or less, or with no "
    "actions; Δ prev: "
    "change in adherence against the previous window; p10 / p90 (above): the adherence "
    "that a tenth of people are below / above"
)


# The sections' names, the same in every format people read.
PEOPLE_TITLE = "People, worst adherence first"
ACTIVITIES_TITLE = "Activities"
LEADERS_TITLE = "Leaders: own adherence beside their team's"
DATA_TITLE = "Data"
# The planned-vs-done table in a terminal or an HTML page: a row per person and activity.
GRID_ROWS = 200
GRID_TITLE = "Planned vs done, per person × activity × week"
# Spelt out under the planned-vs-done table.
GRID_LEGEND = (
    "done/planned: of the meetings planned that week (done + missed + pending), how many "
    "were done; pend: pending (its period, and any grace, is not over yet); exc: excused, "
    "by the calendar (a holiday, time away) or by a skip logged with a reason, and left "
    "out of planned: '3/4 (1 exc)' is 3 done of 4 planned and one more excused, '(2 exc)' "
    "a week whose meetings were all excused; a blank cell: nothing scheduled that week"
)


def _wrap(text: str) -> list[str]:
    """A legend wrapped to a terminal's width, each quoted example ('3/4 (1 exc)') kept on
    one line."""
    whole = re.sub(r"'[^']*'", lambda m: m.group().replace(" ", "\0"), text)
    return [line.replace("\0", " ") for line in textwrap.wrap(whole, 100)]


def _grid_elsewhere(doc: Doc) -> str:
    """The formats that show the whole planned-vs-done table, for a terminal or a page
    that leaves it out (at GRID_ROWS, both): Markdown only if it has not cut it to fit a
    comment."""
    rows = len(doc["org"]["planned_vs_done"]["rows"])
    # A Markdown row is at least "| p | a | W01 | 1/1 |": past MD_LIMIT / 10 rows it is cut
    # for sure, and an org of thousands is not rendered a second time to be told so.
    whole = rows * 10 <= MD_LIMIT and _md_lines(doc)[1]["grid"] == rows
    return "--format md or json" if whole else "--format json"


def render_table(doc: Doc) -> str:
    out = _headline(doc) + [""]
    # The legend wrapped to a terminal's width (the table above is as wide as it must be).
    out += [PEOPLE_TITLE] + _text_table(_PEOPLE_HEAD, _people_rows(doc))
    out += [*_wrap(LEGEND), ""]
    out += [ACTIVITIES_TITLE] + _text_table(_ACTIVITIES_HEAD, _activity_rows(doc)) + [""]
    if doc["org"]["leaders"]:
        out += [LEADERS_TITLE]
        out += _text_table(("leader", "own", "team", "people"), _leader_rows(doc)) + [""]
    head, rows = _grid(doc)
    if rows and len(rows) <= GRID_ROWS:
        out += [GRID_TITLE] + _text_table(head, rows)
        out += [*_wrap(GRID_LEGEND), ""]
    elif rows:
        out += [
            f"Planned vs done: {len(rows)} rows, too many for a terminal; see "
            f"{_grid_elsewhere(doc)}",
            "",
        ]
    out += _footer(doc) + [DEFINITIONS]
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    """Text from the logs and the rhythm stays text in Markdown (no link, mention, row)."""
    from morctl.mdtext import inert

    return inert(text)


def _md_table(head: tuple[str, ...] | list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md_escape(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_md_escape(c) for c in r) + " |" for r in rows]
    return out


# A GitHub comment holds at most 65,536 characters (docs/code-review.md): a Markdown report
# is pasted into one, so its long tables are cut to fit, with room to spare, and say so.
MD_LIMIT = 60_000
# Cut first to last, each with where its rows are all: the planned-vs-done table is the
# longest and the least read; the HTML page shows only GRID_ROWS of it.
MD_CUTS = (
    ("grid", "`--format json`"),
    ("people", "`--format html`, `csv` or `json`"),
    ("leaders", "`--format html` or `json`"),
)
_MD_NOTE = 120  # the most a note on a cut table takes


def _md_lines(doc: Doc) -> tuple[list[str], dict[str, int]]:
    """The lines of the Markdown report, and how many rows of each long table they show."""
    w = doc["window"]
    tables = {"people": _people_rows(doc), "leaders": _leader_rows(doc)}
    grid_head, tables["grid"] = _grid(doc)
    lines = {name: _md_table([], rows)[2:] for name, rows in tables.items()}
    kept = {name: len(rows) for name, rows in tables.items()}

    def cut(name: str) -> list[str]:
        more = len(lines[name]) - kept[name]
        where = dict(MD_CUTS)[name]
        note = f"… and {more} more rows, left out to fit a GitHub comment: see {where}"
        return lines[name][: kept[name]] + (["", note] if more else [])

    def assemble() -> list[str]:
        out = [f"# {_md_escape(_title(doc))}, {w['from']} to {w['to']}", ""]
        # The headline names the rhythm and whose report it is: text, not Markdown.
        out += [f"- {_md_escape(line)}" for line in _headline(doc)]
        out += ["", f"## {PEOPLE_TITLE}", ""]
        out += _md_table(_PEOPLE_HEAD, []) + cut("people") + ["", _md_escape(LEGEND), ""]
        out += [f"## {ACTIVITIES_TITLE}", ""]
        out += _md_table(_ACTIVITIES_HEAD, _activity_rows(doc)) + [""]
        if doc["org"]["leaders"]:
            out += [f"## {_md_escape(LEADERS_TITLE)}", ""]
            out += _md_table(("leader", "own", "team", "people"), []) + cut("leaders") + [""]
        if tables["grid"]:
            out += [f"## {GRID_TITLE}", ""]
            out += _md_table(grid_head, []) + cut("grid") + ["", _md_escape(GRID_LEGEND), ""]
        # The rows listed under a count are nested under it, as they are indented in a table.
        out += [f"## {DATA_TITLE}", ""] + [
            f"{'  ' if line.startswith('  ') else ''}- {_md_escape(line.strip())}"
            for line in _footer(doc)
        ]
        return out + ["", DEFINITIONS]

    out = assemble()
    excess = sum(len(line) + 1 for line in out) - MD_LIMIT
    for name, _ in MD_CUTS:
        if excess <= 0:
            break
        excess += _MD_NOTE + 1  # the note that says how many rows were left out
        while excess > 0 and kept[name]:
            kept[name] -= 1
            excess -= len(lines[name][kept[name]]) + 1
    return (assemble() if kept != {n: len(r) for n, r in tables.items()} else out), kept


def render_md(doc: Doc) -> str:
    return "\n".join(_md_lines(doc)[0]) + "\n"


def render_json(doc: Doc) -> str:
    """Indented JSON, except the planned-vs-done rows, one compact row per line: a year of
    weekly arrays for thousands of people would otherwise run to millions of lines."""
    pvd = doc["org"]["planned_vs_done"]
    marker = "\u0000planned-vs-done\u0000"
    shallow = {**doc, "org": {**doc["org"], "planned_vs_done": marker}}
    text = json.dumps(shallow, indent=2, ensure_ascii=False)
    rows = ",\n".join("        " + json.dumps(r, ensure_ascii=False) for r in pvd["rows"])
    block = (
        '{\n      "weeks": '
        + json.dumps(pvd["weeks"])
        + ',\n      "rows": ['
        + (f"\n{rows}\n      " if rows else "")
        + "]\n    }"
    )
    return text.replace(json.dumps(marker), block, 1) + "\n"


def render_csv(doc: Doc) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    from morctl.adherence import Counts
    from morctl.report import counts_doc

    cols = tuple(counts_doc(Counts()))  # the same figures, in the same order, as JSON
    # `level` tells a person's total row from their rows per activity, which add up to it:
    # a pivot over every row would count each meeting twice. The window and as-of day on
    # every row keep weekly CSVs apart once appended into one table.
    window = doc["window"]
    head = ("level", "from", "to", "as_of", "person", "name", "role", "leader")
    # `change` last: a person's, against the previous window; an activity row has none.
    w.writerow((*head, "activity", "title", *cols, "change"))
    for p in doc["people"]:
        base = [window["from"], window["to"], window["as_of"]]
        base += [p["id"], defuse(p["name"]), p["role"], p["leader"] or ""]
        figures = ("" if p[c] is None else p[c] for c in (*cols, "change"))
        w.writerow(["person", *base, "", "", *figures])
        for a in p["activities"]:
            figures = ("" if a[c] is None else a[c] for c in cols)
            w.writerow(["activity", *base, a["activity"], defuse(a["title"]), *figures, ""])
    return buf.getvalue()


# The heat map's colours, told apart with red-green colour blindness (the commonest): blue
# at or above the target, orange below it, from light just below to dark at 0%, by
# lightness as well as hue. Printed in grey, lightness alone tells them apart: the blue is
# the lightest (luminance 0.69), the orange from 0.52 just below down to 0.29 at 0%, so a
# near miss never looks better than a target met. Dark text (#222) reads on each at a
# contrast of 4.5 or more (5.1 on the darkest).
HEAT_MET = "#c6dbef"
HEAT_BELOW = ((0xFD, 0xAE, 0x6B), (0xF1, 0x69, 0x13))  # just below the target, 0%
# After the figures of a week below the target: the text says it without the colour.
BELOW_MARK = "▼"
HEAT_PENDING = "#eeeeee"  # nothing due yet
HEAT_NONE = "#f7f7f7"  # nothing scheduled
# A week whose meetings were all excused: striped, a pattern rather than one more hue.
EXCUSED_COLOUR = "repeating-linear-gradient(135deg,#f7f7f7 0 4px,#d9d9d9 4px 8px)"


def _heat(value: float | None, target: float | None = None) -> str:
    """A week's colour: blue at or above the adherence target (100% without one), orange
    under it, darker the further below, so that a week that misses the target never looks
    like one that meets it."""
    if value is None:
        return HEAT_PENDING
    goal = 1.0 if target is None else target
    if value >= goal:
        return HEAT_MET
    share = max(0.0, value) / goal  # goal > value >= 0
    light, dark = HEAT_BELOW
    return _hex(tuple(int(d + (li - d) * share + 0.5) for li, d in zip(light, dark, strict=True)))


def _hex(rgb: tuple[int, ...]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _heat_legend(target: float | None) -> str:
    """What the heat map's colours mean, each beside a swatch of it, and the target."""
    e = html.escape

    def key(colour: str, text: str) -> str:
        return f'<span class="key" style="background:{colour};color:#222">{e(text)}</span>'

    goal = "100%" if target is None else pct(target)
    against = (
        "no target set (no adherence in the targets of rhythm.yaml), so"
        if target is None
        else f"the adherence target of {goal} (targets in rhythm.yaml):"
    )
    # No adherence is above 100%: without a target, blue is everything due done.
    met = "100%, all that was due done" if target is None else f"{goal} or more"
    mark = "below 100%" if target is None else f"below the target of {goal}"
    return (
        '<p class="legend">'
        + e(f"Colour: the week's adherence, done / (done + missed), against {against}")
        + " "
        + "; ".join(
            (
                key(HEAT_MET, f"blue: {met}"),
                key(_hex(HEAT_BELOW[0]), f"orange: below {goal}, darker the lower,")
                + " "
                + key(_hex(HEAT_BELOW[1]), "darkest at 0%"),
                key(HEAT_PENDING, "grey: nothing due yet (all pending)"),
                key(
                    EXCUSED_COLOUR,
                    "striped: every meeting excused (a holiday, time away, a skip logged "
                    "with a reason)",
                ),
                e("blank: nothing scheduled"),
            )
        )
        + e(
            ". Each cell says the same in figures: done / planned, and how many are "
            "pending (pend, their period is not over yet) or excused (exc, left out of "
            f"planned); {BELOW_MARK}: {mark}."
        )
        + "</p>"
    )


def _html_table(
    title: str, head: tuple[str, ...], rows: list[list[str]], text: str = "t1", anchor: str = ""
) -> list[str]:
    """A section: its heading (to jump to with a screen reader, as the Markdown's `##`),
    and its table, named by the heading. TEXT names the table's text columns, left-aligned
    (see the page's style); the first cell of each row is its label, a row header."""
    e = html.escape
    return [
        f'<h2 id="{anchor}">{e(title)}</h2>',
        f'<div class="wide"><table class="{text}" aria-labelledby="{anchor}"><tr>'
        + "".join(f'<th scope="col">{e(h)}</th>' for h in head)
        + "</tr>",
        *(_html_row(r[0], (f"<td>{e(c)}</td>" for c in r[1:])) for r in rows),
        "</table></div>",
    ]


def _html_row(label: str, cells: Iterable[str]) -> str:
    return f'<tr><th scope="row">{html.escape(label)}</th>' + "".join(cells) + "</tr>"


def _html_headline(doc: Doc) -> str:
    """The headline as a list; the sparkline an image whose words are the weeks' figures
    (read aloud, its bars were "lower one eighth block …")."""
    e = html.escape
    bars, weeks = _trend(doc)
    items = []
    for line in _headline(doc):
        text = e(line)
        if bars and line.startswith(lead := f"Trend by week: {bars}  "):
            said = ", ".join(w.replace(" –", " nothing due") for w in weeks)
            text = (
                f'Trend by week: <span role="img" aria-label="{e("Adherence by week: " + said)}">'
                f"{e(bars)}</span>  {e(line[len(lead) :])}"
            )
        items.append(f"<li>{text}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _html_list(lines: list[str]) -> str:
    """A list whose lines indented by two spaces (the unplanned completions, the rejected
    rows) are a list inside the item above them, as HTML nests lists."""
    e = html.escape
    items: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("  ") and items:
            items[-1][1].append(line.strip())
        else:
            items.append((line.strip(), []))
    return (
        "<ul>"
        + "".join(
            f"<li>{e(top)}"
            + ("<ul>" + "".join(f"<li>{e(sub)}</li>" for sub in subs) + "</ul>" if subs else "")
            + "</li>"
            for top, subs in items
        )
        + "</ul>"
    )


def render_html(doc: Doc) -> str:
    e = html.escape
    w = doc["window"]
    pvd = doc["org"]["planned_vs_done"]
    weeks = pvd["weeks"]  # the trend's weeks (report.weeks_shown)
    # Per person and week: (done, missed, planned, excused), summed over activities.
    heat: dict[str, list[tuple[int, int, int, int]]] = {}
    for r in pvd["rows"]:
        cells = heat.setdefault(r["person"], [(0, 0, 0, 0)] * len(weeks))
        heat[r["person"]] = [
            (d0 + d, m0 + m, p0 + p, x0 + x)
            for (d0, m0, p0, x0), d, m, p, x in zip(
                cells, r["done"], r["missed"], r["planned"], r["excused"], strict=True
            )
        ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # Laid out for the phone's width, not a desktop's shrunk to it.
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # A browser's automatic dark mode turned the text white and left the heat map's
        # cells light. It leaves alone a page that says it reads in the dark too, which
        # this one does: it sets its own colours, text and background, everywhere.
        '<meta name="color-scheme" content="light dark">',
        f"<title>{e(_title(doc))}, {e(w['from'])} to {e(w['to'])}</title>",
        "<style>:root{color-scheme:light dark}"
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;background:#fff}"
        # A wide table scrolls sideways in its own box on a narrow screen.
        ".wide{overflow-x:auto}@media (max-width:40rem){body{margin:.5rem}h1{font-size:1.4rem}}"
        "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;"
        # Figures right-aligned, each digit as wide as the next, so that they line up.
        "padding:.25rem .5rem;text-align:right;font-variant-numeric:tabular-nums}"
        # Text left-aligned, and a long name wraps rather than widening its table off the
        # page. A table's class names its text columns: t1 its first, t2 its first two,
        # tz its last.
        ".t1 td:first-child,.t1 th:first-child,.t2 td:nth-child(-n+2),.t2 th:nth-child(-n+2),"
        ".tz td:last-child,.tz th:last-child{text-align:left;overflow-wrap:anywhere;min-width:5rem}"
        ".heat td{min-width:3.5rem}caption{text-align:left;font-weight:bold}"
        ".key{display:inline-block;padding:0 .3rem;border:1px solid #ccc}"
        # Each row's label stays in sight while a wide table scrolls sideways.
        'th[scope="row"]{position:sticky;left:0;background:#fff;font-weight:normal}'
        "h2{font-size:1.1rem;margin:1.5rem 0 .25rem}"
        # A caption is as wide as its table: on a phone it stays on the screen, and wraps.
        ".wide caption{position:sticky;left:0;max-width:90vw}"
        # Printed, the heat map keeps its colours (browsers drop backgrounds by default).
        "@media print{.heat td,.key{print-color-adjust:exact;-webkit-print-color-adjust:exact}}"
        # Printed, the tables fit the page's width: its last columns (the flags) were cut.
        "@page{size:landscape;margin:1cm}@media print{body{margin:0;font-size:8pt}"
        ".wide{overflow:visible}table{width:100%}th,td{padding:.1rem .2rem;"
        "overflow-wrap:anywhere}}"
        "</style></head><body>",
        f"<h1>{e(_title(doc))}, {e(w['from'])} to {e(w['to'])}</h1>",
        _html_headline(doc),
    ]
    target = doc["org"]["targets"].get("adherence")
    if doc["people"]:
        # The caption is as wide as its table, two columns in a week's report: what the
        # colours mean goes in a paragraph above it, as wide as the page.
        parts += [
            '<h2 id="heat">Manager × week</h2>',
            _heat_legend(target),
            '<div class="wide"><table class="heat t1"><caption>Manager × week: done / '
            "planned</caption>",
            '<tr><th scope="col">person</th>'
            + "".join(f'<th scope="col">{e(wk)}</th>' for wk in weeks)
            + "</tr>",
        ]
    else:
        # A map of no one was a one-column table that squeezed its caption to a word a line.
        parts.append(
            "<p>Manager × week: no map, nothing is scheduled in this window for anyone in "
            "this report.</p>"
        )
    for p in doc["people"]:
        # By id, as every table of the page names a person.
        tds: list[str] = []
        mine = heat.get(p["id"], [(0, 0, 0, 0)] * len(weeks))
        for done, missed, planned, excused in mine:
            # Adherence of what is due: occurrences still pending colour nothing (grey).
            value = done / (done + missed) if done + missed else None
            # A week whose meetings were all excused is told apart from nothing scheduled.
            empty = EXCUSED_COLOUR if excused else HEAT_NONE
            colour = _heat(value, target) if planned else empty
            # Below the target in words as well as in colour: printed in black and white,
            # or read aloud, the colour says nothing.
            under = value is not None and value < (1.0 if target is None else target)
            text = _cell(done, missed, planned, excused) + (f" {BELOW_MARK}" if under else "")
            tds.append(f'<td style="background:{colour};color:#222">{e(text)}</td>')
        parts.append(_html_row(p["id"], tds))
    if doc["people"]:
        parts.append("</table></div>")
    people = _people_rows(doc)
    parts += _html_table(PEOPLE_TITLE, _PEOPLE_HEAD, people, "t2 tz", "people")
    parts.append(f"<p>{e(LEGEND)}</p>")
    parts += _html_table(
        ACTIVITIES_TITLE, _ACTIVITIES_HEAD, _activity_rows(doc), "t2", "activities"
    )
    if doc["org"]["leaders"]:
        head = ("leader", "own", "team", "people")
        parts += _html_table(LEADERS_TITLE, head, _leader_rows(doc), "t1", "leaders")
    grid_head, rows = _grid(doc)
    if rows and len(rows) <= GRID_ROWS:
        parts += _html_table(GRID_TITLE, tuple(grid_head), rows, "t2", "planned")
        parts.append(f"<p>{e(GRID_LEGEND)}</p>")
    elif rows:
        parts.append(
            f"<p>{e(GRID_TITLE)}: {len(rows)} rows, too many for a page; see "
            f"{e(_grid_elsewhere(doc))}</p>"
        )
    parts.append(f'<h2 id="data">{DATA_TITLE}</h2>')
    parts.append(_html_list(_footer(doc)))
    parts.append(f"<p>{e(DEFINITIONS)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


FORMATS: dict[str, Callable[[Doc], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "md": render_md,
    "html": render_html,
}
