"""What tzdata knows about time zones beyond their clock rules, read from the files the
`tzdata` package ships beside them: each country's zones (`zone.tab`) and the old names it
keeps as links to today's (`tzdata.zi`). zoneinfo reads a link like any zone, so it cannot
tell `US/Eastern` from `America/New_York`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime

# A winter and a summer day of each hemisphere: the smaller offset is the zone's standard
# (winter) time, the larger its summer time. A fixed year, so a run gives the same hints
# whatever day it is.
_DAYS = (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12))

# Zones that tzdata lists after a smaller place of the same offset (its order goes by
# region: Broken Hill before Adelaide, Belem before São Paulo, Adak before Honolulu). tzdata
# has no population figures, so these few are named by hand; other countries' first zone at
# an offset, or the one of "most areas", is already the one people know.
_MAIN = (
    "Australia/Adelaide",
    "America/Sao_Paulo",
    "Pacific/Honolulu",
    "America/Mexico_City",
    "America/Rio_Branco",
)

# A well-known city for each offset, for a hint with no country to go by: tzdata's own
# order (by country code) would offer America/Rio_Branco for UTC-5. The offsets are
# tzdata's; only the choice of city is ours.
_WELL_KNOWN = (
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Halifax",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Paris",
    "Europe/Athens",
    "Europe/Moscow",
    "Asia/Tehran",
    "Asia/Dubai",
    "Asia/Kabul",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Yangon",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Noumea",
    "Pacific/Auckland",
    "America/Anchorage",
    "Pacific/Honolulu",
)

# Names kept from System V, before tzdata named zones after places. tzdata 2024b moved them
# to its file of old names, most as links to one city that keeps their clock (CET to
# Europe/Brussels, EST to America/Panama), some as zones of their own (EST5EDT keeps the
# US rules). Either way they are an old name for whichever zone of the person's country
# keeps that clock (CET is Paris's clock as much as Brussels'): see system_v_zone.
SYSTEM_V = frozenset(
    ("CET", "EET", "MET", "WET", "EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT")
)
# Of those, the ones with the US rules, which tzdata's default build links since 2024b to the
# US city whose clock they are (EST5EDT to America/New_York), as it links US/Eastern: an
# old name for that zone, written under the city's name like any other. Builds that keep
# the old data (`backzone`; the `tzdata` package's is one, in 2026 still) keep them zones
# of their own, which differ from the city's before 1967: those are written as they are,
# and MOR215 asks for the city's name. Each of the others links to one city among the many
# that keep its clock (CET to Europe/Brussels, for Paris too): see system_v_zone.
_US_SYSTEM_V = frozenset(("EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT"))

# Other codes the holidays package takes for a country, and the one zone.tab uses.
_COUNTRY_ALIASES = {"UK": "GB"}


@functools.lru_cache(maxsize=4)
def _tzdata_text(name: str) -> str:
    """A text file of the `tzdata` package, or "" when the package or the file is missing
    (the hints then fall back to examples, and no name is called old)."""
    try:
        import tzdata  # type: ignore[import-untyped]

        # The package's folder, when it is one (always, installed by pip): importlib.resources
        # would do the same at the cost of its imports, in validate's start-up.
        with open(f"{tzdata.__path__[0]}/zoneinfo/{name}", encoding="utf-8") as f:
            return f.read()
    except (ImportError, OSError, UnicodeDecodeError, IndexError):
        pass
    from importlib.resources import files

    try:
        return files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    except (ImportError, OSError, UnicodeDecodeError):
        return ""


@functools.lru_cache(maxsize=1)
def _country_rows() -> tuple[tuple[str, str, str], ...]:
    """(country, zone, comment) for each row of zone.tab (zone1970.tab if it is missing),
    in tzdata's order: by country, then by region, the most populous first where that
    agrees with the regions."""
    text = _tzdata_text("zone.tab") or _tzdata_text("zone1970.tab")
    rows: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3:
            continue
        for country in cols[0].split(","):
            rows.append((country, cols[2], cols[3] if len(cols) > 3 else ""))
    return tuple(rows)


@functools.lru_cache(maxsize=1024)
def offsets(zone: str) -> tuple[int, int] | None:
    """The zone's standard and summer offsets from UTC, in minutes (equal where it has no
    daylight saving); None when zoneinfo does not know it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    found = sorted(_minutes(d.replace(tzinfo=info)) for d in _DAYS)
    return found[0], found[-1]


def _minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds()) // 60


_OFFSET = re.compile(r"(?:(?:gmt|utc)\s*)?([+\-−–])\s*(\d{1,2})(?::?(\d\d))?")


def parse_offset(text: str) -> int | None:
    """Minutes east of UTC for an offset as people write it (`UTC-5`, `UTC−5`, `GMT+1`,
    `UTC+05:30`, `+01:00`, `-0500`); None for anything else. `UTC-5` is five hours behind
    UTC, as people mean it (tzdata's `Etc/GMT+5` has the reverse sign)."""
    m = _OFFSET.fullmatch(" ".join(text.split()).lower())
    if m is None:
        return None
    minutes = int(m[2]) * 60 + int(m[3] or 0)
    return minutes if m[1] == "+" else -minutes


def _code(country: str) -> str:
    """`US-NY` -> `US`, `uk` -> `GB`, `USA` -> `US`: the code zone.tab lists a country
    under (the holidays package takes three-letter codes too)."""
    code = country.strip().upper().split("-")[0]
    if len(code) == 3:
        from morctl.holidaycache import country_codes

        code = country_codes().get(code.lower(), code)
    return _COUNTRY_ALIASES.get(code, code)


def zone_at(minutes: int, countries: Iterable[str] = ()) -> str | None:
    """A city zone whose standard offset is ``minutes`` (else whose summer offset is: an
    offset copied off a clock in summer): one of ``countries`` (codes, in order of
    preference) where one fits, else a well-known city, else the first zone of any country
    at that offset; None when no zone has it."""
    codes = [_code(c) for c in countries]
    for which in (0, 1):  # standard, then summer
        for code in codes:
            fits = [
                (zone, comment)
                for country, zone, comment in _country_rows()
                if country == code and _offset(zone, which) == minutes
            ]
            if fits:
                return _main(fits)
    for zones in (_WELL_KNOWN, [zone for _, zone, _ in _country_rows()]):
        for which in (0, 1):
            for zone in zones:
                if _offset(zone, which) == minutes:
                    return zone
    return None


def _offset(zone: str, which: int) -> int | None:
    found = offsets(zone)
    return None if found is None else found[which]


def _main(fits: list[tuple[str, str]]) -> str:
    """Of one country's zones at one offset, the one people there know: a main city listed
    by hand, else the one tzdata says holds "most" of the country or area, else the first."""
    for zone, _ in fits:
        if zone in _MAIN:
            return zone
    for zone, comment in fits:
        if "most" in comment:
            return zone
    return fits[0][0]


def has_summer_time(zone: str) -> bool:
    """Whether the zone's clocks change between winter and summer."""
    o = offsets(zone)
    return o is not None and o[0] != o[1]


@functools.lru_cache(maxsize=1)
def _links() -> dict[str, str]:
    """Each link name of tzdata (`US/Eastern`) and the zone it names (`America/New_York`),
    followed to its end."""
    links: dict[str, str] = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    for name, target in list(links.items()):
        seen = {name}
        while target in links and target not in seen:
            seen.add(target)
            target = links[target]
        links[name] = target
    return links


@functools.lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(zone for _, zone, _ in _country_rows())


@functools.lru_cache(maxsize=64)
def _clock(zone: str) -> tuple[tuple[int, int], ...]:
    """The zone's clock over a fixed year, hour by hour: (hour of the year, offset in
    minutes) at the start and at each change. Two zones with one clock give the same; two
    with the same offsets that change on other days (Cairo and Athens) or at other hours
    (Chisinau and Bucharest) do not."""
    from datetime import UTC, timedelta
    from zoneinfo import ZoneInfo

    info = ZoneInfo(zone)
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def at(hour: int) -> int:
        return _minutes((start + timedelta(hours=hour)).astimezone(info))

    # Day by day, then hour by hour inside a day whose offset changed: clocks change at
    # most a few times a year, so this reads a few hundred offsets, not 8,784.
    changes = [(0, at(0))]
    for day in range(1, 367):
        if at(day * 24) != changes[-1][1]:
            for hour in range((day - 1) * 24 + 1, day * 24 + 1):
                if (minutes := at(hour)) != changes[-1][1]:
                    changes.append((hour, minutes))
    return tuple(changes)


def clock_in(zone: str, countries: Iterable[str]) -> str | None:
    """The zone of the first of ``countries`` (codes) that keeps ``zone``'s clock, the
    main one where several do; None when none does, or ``zone`` is unknown."""
    here = offsets(zone)
    if here is None:
        return None
    for code in (_code(c) for c in countries):
        fits = [
            (name, comment)
            for country, name, comment in _country_rows()
            if country == code and offsets(name) == here and _clock(name) == _clock(zone)
        ]
        if fits:
            return _main(fits)
    return None


@functools.lru_cache(maxsize=256)
@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, frozenset[str]]:
    """The countries zone.tab lists each zone under."""
    found: dict[str, set[str]] = {}
    for country, zone, _ in _country_rows():
        found.setdefault(zone, set()).add(country)
    return {zone: frozenset(codes) for zone, codes in found.items()}


def choose(candidates: list[str], countries: Iterable[str]) -> str | None:
    """Of the zones a name may mean (`Dublin, Edinburgh, Lisbon, London`, in its order), the
    one of the first of ``countries`` that has one, else the zone of theirs that keeps the
    first one's clock (`Eastern Standard Time` in Canada: America/Toronto), else a
    well-known city among them, else the first; None when there are none."""
    if not candidates:
        return None
    codes = [_code(c) for c in countries]
    for code in codes:
        for zone in candidates:
            if code in _countries().get(zone, ()):
                return zone
    same = clock_in(candidates[0], codes)
    return same or next((z for z in candidates if z in _WELL_KNOWN), candidates[0])


def system_v_zone(zone: str, countries: tuple[str, ...] = ()) -> tuple[str | None, bool]:
    """For a System V name (`CET`, `EST5EDT`): the zone to write instead, and whether it is
    one of ``countries``. With countries, only a zone of theirs that keeps the same clock
    (`CET` in FR: Europe/Paris; in GB none, as London's clock is another); without, the
    zone tzdata reads the name as (`CET`: Europe/Brussels), else a well-known city with
    the same clock (`EST5EDT`: America/New_York)."""
    if countries:
        return clock_in(zone, countries), True
    target = _links().get(zone)
    if target is not None and not target.startswith("Etc/"):
        return target, False
    here = offsets(zone)
    same = (z for z in _WELL_KNOWN if offsets(z) == here and _clock(z) == _clock(zone))
    return next(same, None), False


@functools.lru_cache(maxsize=256)
def current_name(zone: str, countries: tuple[str, ...] = ()) -> str | None:
    """Today's name for ``zone`` when it is an old one that tzdata keeps only so that old
    files still work (`US/Eastern`, `GB`, `Asia/Calcutta`, `Europe/Kiev`); None for a
    current name. A name zone.tab gives a country (`Europe/Amsterdam`, a link to Brussels'
    clock) is current, and so are UTC's other names; System V names (`CET`) are the
    person's country's business (see system_v_zone), but for those with the US rules
    where tzdata links them (`EST5EDT`: America/New_York).
    Where tzdata merged zones that agree since 1970, the name of a zone of ``countries``
    with the same clock is preferred (`Iceland` with country IS: Atlantic/Reykjavik, not
    Africa/Abidjan)."""
    if zone in _listed() or (zone in SYSTEM_V and zone not in _US_SYSTEM_V):
        return None  # the usual case: tzdata.zi is not read
    target = _links().get(zone)
    if target is None or target.startswith("Etc/"):
        return None
    codes = {_code(c) for c in countries}
    same = [z for c, z, _ in _country_rows() if c in codes and _links().get(z, z) == target]
    if target in same or not same:
        return target
    return same[0]


def zone_at_any(countries: Iterable[str]) -> str | None:
    """The main zone of the first of ``countries`` that zone.tab lists (an example for a
    hint that has nothing better), or None."""
    for code in (_code(c) for c in countries):
        fits = [(zone, comment) for country, zone, comment in _country_rows() if country == code]
        for zone, comment in fits:  # New York for US, Sydney for AU: not Honolulu, Lord Howe
            if zone in _WELL_KNOWN or "most" in comment:
                return zone
        if fits:
            return fits[0][0]
    return None
