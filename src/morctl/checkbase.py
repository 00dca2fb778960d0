"""What every method check shares: a diagnostic placed at a YAML path, "did you mean", and
whether a time zone or a country is one the machine knows."""

from __future__ import annotations

import functools

from morctl.diagnostics import Diagnostic
from morctl.workspace import Workspace


def diag(
    ws: Workspace,
    sev: str,
    code: str,
    msg: str,
    hint: str | None,
    *path: str | int,
    key: bool = False,
) -> Diagnostic:
    file, mark = ws.at(*path, key=key)
    return Diagnostic(file, mark.line, mark.column, sev, code, msg, hint)


@functools.lru_cache(maxsize=512)
def known_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or name.startswith(("/", ".")) or name == "localtime":
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def workweek_sound(workweek: tuple[int, ...] | list[int]) -> bool:
    """A workweek without the error MOR209 reports (empty, or a day twice): the checks that
    count its days (MOR502, MOR503, the date checks) trust only such a workweek."""
    return len(set(workweek)) == len(workweek) > 0


@functools.lru_cache(maxsize=256)
def known_country(code: str) -> bool:
    """``GB`` or a subdivision such as ``GB-SCT`` or ``US-NY``, as the holidays package knows."""
    from morctl import holidaycache

    return holidaycache.known_country(code)


# A country code whose holidays in the holidays package are only the days the whole country
# shares, where most offices also keep their region's (MOR213): a London team on `GB` gets
# meetings on Easter Monday and the August bank holiday. The message, after what has the
# code, and its hint; ``{code}`` is the code as written.
NATIONAL_ONLY = {
    "GB": (
        "'{code}' holds only the holidays the whole United Kingdom shares: no Easter Monday and "
        "no August bank holiday, so meetings would be scheduled on them",
        "use GB-ENG for England (GB-WLS Wales, GB-SCT Scotland, GB-NIR Northern Ireland)",
    ),
    "AU": (
        "'{code}' holds only the holidays every state shares: no King's Birthday, no Labour Day "
        "and no day off in lieu when Christmas falls on a weekend, so meetings would be "
        "scheduled on them",
        "use the state: AU-NSW (Sydney), AU-VIC (Melbourne), AU-QLD, AU-WA, AU-SA, AU-ACT, "
        "AU-TAS, AU-NT",
    ),
    "CA": (
        "'{code}' holds only the holidays every province shares: no Victoria Day, no "
        "Thanksgiving and no Boxing Day, so meetings would be scheduled on them",
        "use the province: CA-ON (Toronto), CA-QC (Montréal), CA-BC (Vancouver), CA-AB, ...",
    ),
    "CH": (
        "'{code}' holds only the four holidays every canton shares: no Good Friday, no Easter "
        "Monday and no Whit Monday, so meetings would be scheduled on them",
        "use the canton: CH-ZH (Zürich), CH-GE (Geneva), CH-BS (Basel), CH-BE (Bern), ...",
    ),
}

# Other names the holidays package takes for those countries, with the same national list:
# `UK` is a London team's first guess.
_ALIASES = {"UK": "GB", "GBR": "GB", "AUS": "AU", "CAN": "CA", "CHE": "CH"}


def national_only(code: str) -> tuple[str, str] | None:
    """MOR213's message and hint for a code that holds only a country's national holidays
    (``GB``, ``UK``, ``AU``...), None for any other."""
    found = NATIONAL_ONLY.get(_ALIASES.get(code, code))
    if found is None:
        return None
    why, hint = found
    return why.format(code=code), hint


def zone_hint(name: str, example: str) -> str:
    """A did-you-mean for a misspelt time zone (America/New_Yrok), else an example."""
    import difflib
    import zoneinfo

    zones = {z.lower(): z for z in zoneinfo.available_timezones()}
    close = difflib.get_close_matches(name.lower(), list(zones), n=1, cutoff=0.8)
    return f"did you mean '{zones[close[0]]}'?" if close else f"use an IANA name such as {example}"


def suggest(name: str, options: object) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(options), n=1)  # type: ignore[call-overload]
    return f"did you mean '{close[0]}'?" if close else None
