"""What ``--out`` names, checked before anything is written: a file for ``report`` and
``checklist``, a folder for ``calendar``. A slip the other way went unnoticed: ``--out
reports/`` wrote a file named ``reports``, and ``--out priya.ics`` a folder of that name."""

from __future__ import annotations

import os
from datetime import date, timedelta

from morctl.errors import UsageError


def window_name(first: date, last: date) -> str:
    """A file name for a window, as the docs name reports: ``2026-W48`` for an ISO week,
    ``2026-11`` for a month, else ``2026-11-01_2026-11-20``."""
    if first.isoweekday() == 1 and last == first + timedelta(days=6):
        from morctl.expand import iso_week  # the week's label, as reports write it

        return iso_week(first)
    if first.day == 1 and (last + timedelta(days=1)).day == 1 and last - first < timedelta(31):
        return f"{first:%Y-%m}"
    return f"{first}_{last}"


def _names_a_folder(out: str) -> bool:
    """``out`` ends in a path separator (``reports/``, made or not) or is a folder."""
    return os.path.basename(out) in ("", ".", "..") or os.path.isdir(out)


def need_file(out: str, example: str, new: bool = False) -> None:
    """Refuse a folder given for a file; ``example`` is a file name to suggest in it;
    ``new``: the command writes only a new file (a checklist), so the example is one that
    is not there yet."""
    if _names_a_folder(out):
        path = os.path.join(out, example)
        there = ""
        if new and os.path.lexists(path):
            stem, ext = os.path.splitext(path)
            n = 2
            while os.path.lexists(f"{stem}-{n}{ext}"):
                n += 1
            there = f" ({example} is there already, with the ticks made in it)"
            path = f"{stem}-{n}{ext}"
        raise UsageError(
            f"--out {out} is a folder: give a file name",
            f"name a new file in it, e.g. --out {path}{there}"
            if new
            else f"name a file in it, e.g. --out {path}",
        )


def need_folder(out: str) -> None:
    """Refuse a file given for the feeds' folder: one there already, or a new name ending
    in .ics, which would have become a folder holding PERSON.ics; or ``-``, standard
    output for report and checklist, which would have become a folder named ``-``."""
    if out == "-":
        raise UsageError(
            "--out -: calendar writes one file per person into a folder, not to standard output",
            "give a folder, e.g. --out calendars/ (or --out ./- for a folder named -)",
        )
    example = os.path.join(os.path.dirname(out), "calendars")
    if os.path.exists(out) and not os.path.isdir(out):
        if not os.path.isfile(out):  # /dev/null: a folder beside it is no example
            raise UsageError(
                f"--out {out} is not a folder: give a folder",
                "the feeds are written in it as PERSON.ics, e.g. --out calendars",
            )
        raise UsageError(
            f"--out {out} is a file: give a folder",
            f"the feeds are written in it as PERSON.ics, e.g. --out {example}",
        )
    if not os.path.lexists(out) and out.lower().endswith(".ics"):
        raise UsageError(
            f"--out {out}: --out takes a folder; the feeds are written in it as PERSON.ics",
            f"give a folder, e.g. --out {example} (or --out {out}/ for a folder of that name)",
        )
