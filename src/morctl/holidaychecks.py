"""Checks of `holidays.worked` (reference.md): each item must take back a public holiday of
a country in use, the rhythm's or a roster's. A name is checked against the holidays of the
date checks' twelve months, widened by a year each side so that a holiday every other year
(US-IL's Election Day) or one just past is not called unknown; a date, against its own
year."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date, timedelta

from morctl.checkbase import diag, known_country
from morctl.days import bare_name, holiday_key, holiday_names
from morctl.diagnostics import Diagnostic, joined
from morctl.workspace import Workspace

# How far a mistyped date may be from the holiday meant, for the hint.
_NEAR = timedelta(days=7)


def countries_in_use(ws: Workspace) -> tuple[str, ...]:
    """The known countries whose holidays someone follows: the rhythm's and the roster's."""
    codes = set(ws.rhythm.holidays.countries)
    codes.update(p.country for p in ws.people if p.country)
    return tuple(sorted(c for c in codes if known_country(c)))


def worked_checks(ws: Workspace, start: date, end: date) -> Iterator[Diagnostic]:
    """MOR216 for a name no holiday in use has, MOR217 for a date no holiday falls on."""
    worked = ws.rhythm.holidays.worked
    codes = countries_in_use(ws)
    if not worked or not codes:
        return
    first, last = start - timedelta(days=365), end + timedelta(days=365)
    shown: dict[str, str] = {}  # a name's key -> the name without its suffix
    upcoming: list[tuple[date, str]] = []  # for an example when no name is close
    for code in codes:
        for year in range(first.year, last.year + 1):
            for day, names in holiday_names(code, year):
                if first <= day <= last:
                    for name in names:
                        shown.setdefault(holiday_key(name), bare_name(name))
                        if day >= start:
                            upcoming.append((day, bare_name(name)))
    listed = joined(codes, "or")
    off = set(ws.rhythm.holidays.dates)
    for i, item in enumerate(worked):
        if isinstance(item, date):
            # A company day off in both lists is MOR218's (checks.py), not this one's.
            if item in off or _holidays_on(codes, item):
                continue
            yield diag(
                ws,
                "warning",
                "MOR217",
                f"holidays.worked: nothing to work: {item} is no public holiday of {listed}",
                _near(codes, item)
                or "list a public holiday's date or name; a company day off goes in holidays.dates",
                "holidays",
                "worked",
                i,
            )
        elif holiday_key(item) not in shown:
            example = _closest(holiday_key(item), shown)
            yield diag(
                ws,
                "warning",
                "MOR216",
                f"holidays.worked: '{item.strip()}' is no public holiday of {listed} from "
                f"{first.year} to {last.year}",
                f"did you mean '{example}'?"
                if example
                else "write the name the holidays package gives it, in English"
                + (f" (such as '{min(upcoming)[1]}', the next one)" if upcoming else "")
                + ", or its date",
                "holidays",
                "worked",
                i,
            )


def _closest(key: str, shown: dict[str, str]) -> str | None:
    """The name in use most like ``key``: a close spelling, else one that holds it whole
    (`Pulaski Day` is `Casimir Pulaski Day`)."""
    close = difflib.get_close_matches(key, sorted(shown), n=1, cutoff=0.7)
    if not close:
        close = sorted((k for k in shown if key in k), key=lambda k: (len(k), k))
    return shown[close[0]] if close else None


def _holidays_on(codes: tuple[str, ...], day: date) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (code, names)
        for code in codes
        for when, names in holiday_names(code, day.year)
        if when == day
    ]


def _near(codes: tuple[str, ...], day: date) -> str | None:
    """The public holiday of a country in use nearest to ``day``, within a week."""
    found: dict[date, dict[str, list[str]]] = {}  # day -> names -> countries
    for code in codes:
        for year in sorted({(day - _NEAR).year, (day + _NEAR).year}):
            for when, names in holiday_names(code, year):
                if abs(when - day) <= _NEAR:
                    found.setdefault(when, {}).setdefault("; ".join(names), []).append(code)
    if not found:
        return None
    when = min(found, key=lambda w: (abs(w - day), w))
    said = "; ".join(f"{names}, {joined(where)}" for names, where in sorted(found[when].items()))
    return f"did you mean {when} ({said})?"
