"""Generate one year of completion logs for a workspace made by gen_workspace.py.

    python bench/gen_logs.py bench/out/ws --seed 1

writes ``WS/logs/YYYY-MM.csv`` (DESIGN.md §8 columns) by the month of each completion's
date. For every manager and every occurrence of the schedule below: about 85% done (on the
due day, or one or two days late), 5% skipped with a reason, 10% no row at all; each
manager's done rate varies around that mean so the spread between managers is real.

Standalone on purpose (no morctl import): the schedule is recomputed here approximately
with plain datetime, mirroring the activities of gen_workspace.py. It ignores holidays and
fiscal subtleties; rows that match no occurrence simply count as 'unplanned' in a report.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

HEADER: tuple[str, ...] = (
    "date", "activity", "owner", "with", "status", "useful", "actions", "note", "reason",
)  # fmt: skip
SKIP_REASONS: tuple[str, ...] = (
    "customer visit",
    "sick",
    "training",
    "quarter-end deal",
    "rep on leave",
    "covered in QBR",
)
NOTES: tuple[str, ...] = (
    "good session",
    "two deals need exec sponsor, chase Friday",
    'rep "will think about it" again',
    "moved to Teams; audio issues",
    "=follow up with finance",  # a formula-leading cell, to be defused by report/CSV writers
    "Next step: démo on site",
)


def table(weights: Sequence[int]) -> tuple[int, ...]:
    """Weights summing to 100 as a lookup: table[int(random() * 100)] draws one value.

    Much cheaper than random.choices per row, which matters over millions of rows.
    """
    assert sum(weights) == 100
    return tuple(value for value, w in enumerate(weights) for _ in range(w))


LATENESS = table((75, 17, 8))  # days late: 0, 1, 2
USEFUL = tuple(v + 1 for v in table((4, 8, 25, 40, 23)))  # ratings 1..5
ACTIONS = table((15, 40, 30, 15))  # 0..3 actions


@dataclass(frozen=True)
class Schedule:
    """Due days of each activity over the window, shared by every owner."""

    tuesdays: list[date]
    huddles: list[date]
    month_ends: list[date]
    win_loss: list[date]
    second_weds: list[date]
    quarter_days: list[date]


def weekdays(start: date, end: date, wanted: set[int]) -> list[date]:
    """Every day in [start, end] whose weekday() is in wanted."""
    days: list[date] = []
    d = start
    while d <= end:
        if d.weekday() in wanted:
            days.append(d)
        d += timedelta(days=1)
    return days


def months(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) pairs touching [start, end]."""
    out: list[tuple[int, int]] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def last_weekday(y: int, m: int) -> date:
    """The last Monday-to-Friday day of a month."""
    d = (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)) - timedelta(days=1)
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def nth_weekday(y: int, m: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month."""
    first = date(y, m, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def nth_business_day(start: date, n: int) -> date:
    """The n-th Monday-to-Friday day on or after start (holidays ignored)."""
    d, seen = start, 0
    while True:
        if d.weekday() < 5:
            seen += 1
            if seen == n:
                return d
        d += timedelta(days=1)


def build_schedule(start: date, end: date, fiscal_month: int = 2) -> Schedule:
    """Mirror gen_workspace.py's cadences, approximately."""

    def inside(days: list[date]) -> list[date]:
        return [d for d in days if start <= d <= end]

    ms = months(start, end)
    biweekly_anchor = date(2026, 1, 9)  # win_loss `starting`
    fridays = weekdays(start, end, {4})
    quarter_starts = [
        date(y, m, 1)
        for y, m in months(date(start.year - 1, 1, 1), end)
        if (m - fiscal_month) % 3 == 0
    ]
    return Schedule(
        tuesdays=weekdays(start, end, {1}),
        huddles=weekdays(start, end, {0, 3}),
        month_ends=inside([last_weekday(y, m) for y, m in ms]),
        win_loss=[d for d in fridays if (d - biweekly_anchor).days % 14 == 0],
        second_weds=inside([nth_weekday(y, m, 2, 2) for y, m in ms]),
        quarter_days=inside([nth_business_day(q, 10) for q in quarter_starts]),
    )


def read_org(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Directors in roster order, and each manager's reps in roster order."""
    directors: list[str] = []
    reps: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        i_id, i_role, i_boss = header.index("id"), header.index("role"), header.index("manager")
        for row in reader:
            role = row[i_role]
            if role == "director":
                directors.append(row[i_id])
            elif role == "manager":
                reps.setdefault(row[i_id], [])
            elif role == "rep":
                reps.setdefault(row[i_boss], []).append(row[i_id])
    return directors, reps


class Writers:
    """One csv writer per month file, opened on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        self.rows = 0

    def write(self, rows: list[tuple[date, tuple[object, ...]]]) -> None:
        for day, row in rows:
            month = f"{day.year:04d}-{day.month:02d}"
            writer = self.writers.get(month)
            if writer is None:
                fh = (self.folder / f"{month}.csv").open("w", encoding="utf-8", newline="")
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(HEADER)
                self.files[month], self.writers[month] = fh, writer
            writer.writerow(row)
        self.rows += len(rows)

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()


def owner_rows(
    rng: random.Random,
    owner: str,
    series: list[tuple[str, str, list[date]]],
    p_done: float,
    p_skip: float,
    useful_shift: int,
) -> list[tuple[date, tuple[object, ...]]]:
    """Completions of one owner: done / skipped / nothing per occurrence, date-sorted."""
    rows: list[tuple[date, tuple[object, ...]]] = []
    rand = rng.random
    useful_table = tuple(min(5, max(1, u + useful_shift)) for u in USEFUL)
    one_day = timedelta(days=1)
    for activity, with_, days in series:
        for due in days:
            r = rand()
            row: tuple[object, ...]
            if r < p_done:
                late = LATENESS[int(rand() * 100)]
                day = due + late * one_day if late else due
                useful = useful_table[int(rand() * 100)]
                actions = ACTIONS[int(rand() * 100)]
                note = NOTES[int(rand() * len(NOTES))] if rand() < 0.03 else ""
                row = (day.isoformat(), activity, owner, with_, "done", useful, actions, note, "")
                rows.append((day, row))
            elif r < p_done + p_skip:
                reason = SKIP_REASONS[int(rand() * len(SKIP_REASONS))]
                row = (due.isoformat(), activity, owner, with_, "skipped", "", "", "", reason)
                rows.append((due, row))
    rows.sort(key=lambda item: item[0])
    return rows


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("workspace", type=Path, help="folder holding org.csv (from gen_workspace)")
    p.add_argument("--seed", type=int, default=1, help="random seed")
    p.add_argument("--from", dest="start", type=date.fromisoformat, default=date(2026, 1, 5))
    p.add_argument("--to", dest="end", type=date.fromisoformat, default=date(2026, 12, 31))
    p.add_argument("--done", type=float, default=0.85, help="mean share of occurrences done")
    p.add_argument("--skipped", type=float, default=0.05, help="share skipped with a reason")
    args = p.parse_args(argv)
    if args.end < args.start:
        p.error("--to is before --from")
    if min(args.done, args.skipped) < 0 or args.done + args.skipped > 1:
        p.error("--done and --skipped must be shares that add up to at most 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Write WS/logs/*.csv and print counts and timing to stderr."""
    args = parse_args(argv)
    started = time.perf_counter()
    directors, team = read_org(args.workspace / "org.csv")
    sched = build_schedule(args.start, args.end)
    logs = args.workspace / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for old in logs.glob("*.csv"):
        old.unlink()

    rng = random.Random(args.seed)
    writers = Writers(logs)
    planned = 0
    try:
        for manager, reps in team.items():
            series: list[tuple[str, str, list[date]]] = [
                *(("pipeline_review", rep, sched.tuesdays) for rep in reps),
                ("team_huddle", "", sched.huddles),
                ("forecast_call", "", sched.month_ends),
                ("win_loss", "", sched.win_loss),
                *(("development_1on1", rep, sched.second_weds) for rep in reps),
            ]
            planned += sum(len(days) for _, _, days in series)
            # Managers differ: a done rate around the mean, and a habit of rating high or low.
            p_done = min(1.0 - args.skipped, max(0.3, rng.gauss(args.done, 0.07)))
            shift = rng.choices((-1, 0, 1), (15, 70, 15))[0]
            writers.write(owner_rows(rng, manager, series, p_done, args.skipped, shift))
        for director in directors:
            series = [("quarterly_review", "", sched.quarter_days)]
            planned += len(sched.quarter_days)
            writers.write(owner_rows(rng, director, series, args.done, args.skipped, 0))
    finally:
        writers.close()

    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in logs.glob("*.csv"))
    print(
        f"gen_logs: {planned} planned occurrences (approx.), {writers.rows} rows in "
        f"{len(writers.files)} files, {size / 1e6:.1f} MB, in {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
