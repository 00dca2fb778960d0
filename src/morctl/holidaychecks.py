"""Checks of `holidays.worked` (reference.md): each item must take back a public holiday of
a country in use, the rhythm's or a roster's. A name is checked against the holidays of the
date checks' twelve months, widened by a year each side so that a holiday every other year
(US-IL's Election Day) or one just past is not called unknown; a date, against its own
year."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date, timedelta

from morctl.checkbase import diag, known_country
from morctl.days import bare_name, holiday_key, holiday_names
from morctl.diagnostics import Diagnostic, joined
from morctl.workspace import Workspace

# How far a mistyped date may be from the holiday meant, for the hint.
_NEAR = timedelta(days=7)

# Names of one holiday that differ from country to country in the holidays package's
# English, or from what people write: FR and DE have "Pentecost Monday" where a British
# or Caribbean team writes "Whit Monday"; 26 December is "Boxing Day" in GB and AU,
# "Saint Stephen's Day" in IE and IT, "Second Day of Christmas" in DE and NL; 1 May is
# "Labor Day" in FR and DE, "May Day" in GB; IN's 25 December is "Christmas". Spelling
# (difflib) finds none of these, and the next holiday, the example given otherwise, is
# no answer to "which name is it here". A name of a group written where a country in use
# names that holiday otherwise gets that name as the did-you-mean. Small on purpose:
# only names the package gives (checked with holidays 0.109 for FR, DE, GB, US, AE, AU,
# IN, IE, NL, IT) and the common ways of writing them. US Labor Day (September) is the
# US's labour holiday, so "Labour Day" or "May Day" in a US team's list is offered it.
_SAME_HOLIDAY = (
    # GB's late-May bank holiday took Whit Monday's place (1971), and is still called
    # Whitsun by many: a British team's "Whit Monday" can only mean it.
    ("Whit Monday", "Pentecost Monday", "Whitmonday", "Spring Bank Holiday"),
    ("Whit Sunday", "Whitsunday", "Pentecost", "Pentecost Sunday"),
    ("Boxing Day", "Saint Stephen's Day", "Second Day of Christmas", "Christmas Second Day"),
    ("Labour Day", "Labor Day", "May Day", "International Workers' Day", "Workers' Day"),
    ("Christmas", "Christmas Day", "Xmas"),
    ("New Year", "New Year's Day", "New Years Day"),
)


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
    whose: dict[str, set[str]] = {}  # a name's key -> the countries in use that have it
    upcoming: list[tuple[date, str]] = []  # for an example when no name is close
    for code in codes:
        for year in range(first.year, last.year + 1):
            for day, names in holiday_names(code, year):
                if first <= day <= last:
                    for name in names:
                        shown.setdefault(holiday_key(name), bare_name(name))
                        whose.setdefault(holiday_key(name), set()).add(code)
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
            hint = _same_holiday(holiday_key(item), shown, whose) or (
                f"did you mean '{example}'?"
                if example
                else "write the name the holidays package gives it, in English"
                + (f" (such as {_next(upcoming, whose)})" if upcoming else "")
                + ", or its date"
            )
            yield diag(
                ws,
                "warning",
                "MOR216",
                f"holidays.worked: '{item.strip()}' is no public holiday of {listed} from "
                f"{first.year} to {last.year}",
                hint,
                "holidays",
                "worked",
                i,
            )


def _same_holiday(key: str, shown: dict[str, str], whose: dict[str, set[str]]) -> str | None:
    """The hint for another name of the holiday meant (`Whit Monday` where FR has
    `Pentecost Monday`), with the countries in use that name it so; None when no country
    in use has a name of its group."""
    group = next((g for g in _GROUPS if _comparable(key) in g), None)
    if group is None:
        return None
    names = [k for k in sorted(shown) if _comparable(k) in group]
    if not names:
        # Boxing Day for a French team. Not said to be no holiday of FR: a country may
        # name it otherwise still (TH's "National Labor Day"), which spelling may find.
        return None
    said = [f"'{shown[k]}', as {joined(sorted(whose[k]))} name{_s(whose[k])} it" for k in names]
    return f"did you mean {', or '.join(said)}?"


def _comparable(key: str) -> str:
    """``st. stephens day`` as ``saint stephens day``, for comparing names: the package
    writes Saint, and an apostrophe is easily left out or curled."""
    return re.sub(r"\bst\.?\s+", "saint ", re.sub("['\u2019]", "", key))


_GROUPS = tuple(frozenset(_comparable(holiday_key(n)) for n in g) for g in _SAME_HOLIDAY)


def _s(codes: set[str]) -> str:
    return "" if len(codes) > 1 else "s"


def _next(upcoming: list[tuple[date, str]], whose: dict[str, set[str]]) -> str:
    """The next holiday, as an example of a name, with the countries in use that have it,
    so that nobody takes it for another country's."""
    name = min(upcoming)[1]
    return f"'{name}', the next one in {joined(sorted(whose[holiday_key(name)]))}"


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
