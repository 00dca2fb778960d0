"""What every method check shares: a diagnostic placed at a YAML path, "did you mean", and
whether a time zone or a country is one the machine knows."""

from __future__ import annotations

import functools
import re

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


# Files of a tz database that ZoneInfo opens but that name no place, so no calendar app
# knows them as a TZID: the computer's own setting, the placeholder of one not set, the
# rules file, and the copies of every zone under posix/ and (counting leap seconds) right/.
_NO_PLACE = ("localtime", "Factory", "posixrules")
_COPIES = ("posix/", "right/")


@functools.lru_cache(maxsize=512)
def known_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or name.startswith(("/", ".", *_COPIES)) or name in _NO_PLACE:
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
    "DE": (
        "'{code}' holds only the holidays every German state shares: no Epiphany, no Corpus "
        "Christi and no All Saints' Day (Bavaria, Baden-Württemberg, North Rhine-Westphalia, "
        "...), so meetings would be scheduled on them",
        "use the state: DE-BY (Munich), DE-NW (Düsseldorf, Cologne), DE-HE (Frankfurt), "
        "DE-BW (Stuttgart), DE-BE (Berlin), DE-HH (Hamburg), ...",
    ),
    "ES": (
        "'{code}' holds only the holidays every Spanish region shares: no Maundy Thursday and "
        "none of the region's own days, so meetings would be scheduled on them",
        "use the region: ES-MD (Madrid), ES-CT (Barcelona), ES-AN (Seville), ES-VC (Valencia), ...",
    ),
}

# Other names the holidays package takes for those countries, with the same national list:
# `UK` is a London team's first guess.
_ALIASES = {
    "UK": "GB",
    "GBR": "GB",
    "AUS": "AU",
    "CAN": "CA",
    "CHE": "CH",
    "DEU": "DE",
    "ESP": "ES",
}


def national_only(code: str) -> tuple[str, str] | None:
    """MOR213's message and hint for a code that holds only a country's national holidays
    (``GB``, ``UK``, ``AU``...), None for any other."""
    found = NATIONAL_ONLY.get(_ALIASES.get(code, code))
    if found is None:
        return None
    why, hint = found
    return why.format(code=code), hint


# Names that Windows, Outlook and HR systems give time zones, and the place each means.
_WINDOWS_ZONES = {
    "eastern standard time": "America/New_York",
    "central standard time": "America/Chicago",
    "mountain standard time": "America/Denver",
    "pacific standard time": "America/Los_Angeles",
    "gmt standard time": "Europe/London",
    "w. europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Paris",
    "central europe standard time": "Europe/Budapest",
    "central european standard time": "Europe/Warsaw",
    "india standard time": "Asia/Kolkata",
    "singapore standard time": "Asia/Singapore",
    "tokyo standard time": "Asia/Tokyo",
    "aus eastern standard time": "Australia/Sydney",
}
# What people call a time zone in speech, e-mail signatures and HR exports (`Eastern`,
# `PST`, `IST`), and the zone it means; by country where the word means another place there
# (Eastern in Canada is Toronto's clock, IST in Ireland Dublin's). tzdata has no such names:
# they are ambiguous the world over, so this short list is ours.
_SPOKEN_ZONES: dict[str, dict[str, str]] = {
    "eastern": {"": "America/New_York", "CA": "America/Toronto"},
    "central": {"": "America/Chicago", "CA": "America/Winnipeg", "MX": "America/Mexico_City"},
    "mountain": {"": "America/Denver", "CA": "America/Edmonton"},
    "pacific": {"": "America/Los_Angeles", "CA": "America/Vancouver"},
    "cst": {"": "America/Chicago", "CN": "Asia/Shanghai", "TW": "Asia/Taipei"},
    "ist": {"": "Asia/Kolkata", "IE": "Europe/Dublin", "IL": "Asia/Jerusalem"},
    "bst": {"": "Europe/London"},
    "aest": {"": "Australia/Sydney", "AU-QLD": "Australia/Brisbane"},
    "acst": {"": "Australia/Adelaide", "AU-NT": "Australia/Darwin"},
    "awst": {"": "Australia/Perth"},
    "nzst": {"": "Pacific/Auckland"},
    "jst": {"": "Asia/Tokyo"},
    "sgt": {"": "Asia/Singapore"},
    "hkt": {"": "Asia/Hong_Kong"},
}
for _word, _same in (
    ("eastern", ("et", "edt", "eastern time", "us eastern", "eastern us")),
    ("central", ("ct", "cdt", "central time", "us central")),
    ("mountain", ("mt", "mdt", "mountain time", "us mountain")),
    ("pacific", ("pt", "pst", "pdt", "pacific time", "us pacific")),
    ("aest", ("aedt",)),
    ("acst", ("acdt",)),
    ("nzst", ("nzdt",)),
):
    for _alias in _same:
        _SPOKEN_ZONES[_alias] = _SPOKEN_ZONES[_word]


@functools.lru_cache(maxsize=1)
def _windows_zones() -> dict[str, str]:
    """Windows' time zone ids (`Eastern Standard Time`), in lower case, and the place each
    means: CLDR's table as icalendar ships it (141 of them), where it does, with the few
    above. Its fixed offsets (`UTC-11`: Etc/GMT+11) are no place, and are left out."""
    try:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:
        return dict(_WINDOWS_ZONES)
    cldr = {k.lower(): v for k, v in WINDOWS_TO_OLSON.items() if not v.startswith("Etc/")}
    return {**cldr, **_WINDOWS_ZONES}


def _windows(text: str, countries: tuple[str, ...]) -> str | None:
    """The zone a Windows id means, in the person's country where a zone of theirs keeps
    its clock (`Eastern Standard Time` in Canada: America/Toronto)."""
    from morctl import zones

    zone = _windows_zones().get(text)
    return zones.choose([zone], countries) if zone else None


# A Windows display name, as Outlook and HR systems show a zone: `(UTC-05:00) Eastern Time
# (US & Canada)`, `(UTC+01:00) Brussels, Copenhagen, Madrid, Paris`.
_DISPLAY = re.compile(r"\((?:utc|gmt)\s*(?:([+\-−–])\s*(\d{1,2}):?(\d\d))?\)\s*(.+)")


def _displayed(text: str, countries: tuple[str, ...]) -> str | None:
    """The zone a Windows display name means: by its words (`Eastern Time`, a Windows id),
    by the cities it lists (the one of the person's country, else one of theirs with the
    same clock), else by its offset; None for other text."""
    from morctl import zones

    m = _DISPLAY.fullmatch(text)
    if m is None:
        return None
    label = re.sub(r"\s*\([^)]*\)", "", m.group(4)).strip()  # `Eastern Time (US & Canada)`
    if label == "coordinated universal time":
        return "UTC"
    found = _spoken(label, countries) or _windows(label, countries)
    cities = [_cities().get(re.sub(r"[\s.]", "", part)) for part in label.split(",")]
    named = [zones.current_name(z, countries) or z for z in cities if z is not None]
    found = found or zones.choose(named, countries)
    if found is None and m.group(1):
        minutes = int(m.group(2)) * 60 + int(m.group(3))
        found = zones.zone_at(minutes if m.group(1) == "+" else -minutes, countries)
    return found


def _spoken(text: str, countries: tuple[str, ...]) -> str | None:
    """The zone a spoken name means for someone in ``countries`` (codes, in order)."""
    by_country = _SPOKEN_ZONES.get(text)
    if by_country is None:
        return None
    for code in countries:
        code = code.strip().upper()
        if code in by_country or (code := code.split("-")[0]) in by_country:
            return by_country[code]
    return by_country[""]


# The place a fixed-offset abbreviation is usually written for (MOR214).
_PLACE_OF = {
    "EST": "America/New_York",
    "MST": "America/Denver (America/Phoenix in Arizona)",
    "GMT": "Europe/London",
    "GMT0": "Europe/London",
    "GMT+0": "Europe/London",
    "GMT-0": "Europe/London",
    "Greenwich": "Europe/London",
}


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Every time zone that names a place (`Europe/London`), by its name in lower case, and
    by its city (`london`, `new york`): the ones a hint may suggest."""
    import zoneinfo

    out: dict[str, str] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            out[zone.lower()] = zone
            out.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").lower(), zone)
    return out


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """The place zones by their city alone, written without spaces (`newyork`)."""
    return {key.replace(" ", ""): zone for key, zone in _places().items() if "/" not in key}


@functools.lru_cache(maxsize=1024)
def zone_hint(name: str, example: str, countries: tuple[str, ...] = ()) -> str:
    """A did-you-mean for a misspelt time zone (America/New_Yrok), a city (London), or a
    Windows id or display name (Eastern Standard Time, `(UTC-05:00) Eastern Time (US &
    Canada)`); an offset (UTC-5) is told it is not a place, with a zone of ``countries`` at
    that offset (America/New_York for US); else an example. Once per distinct value: an
    export repeats one a thousand times."""
    import difflib

    from morctl import zones

    if name in _NO_PLACE:
        what = {
            "localtime": "the computer's own setting",
            "Factory": "tzdata's placeholder for a computer whose zone is not set",
            "posixrules": "a file of tzdata's rules",
        }[name]
        home = zones.zone_at_any(countries) or example.split(" or ")[0]
        return f"'{name}' is {what}, not a place: give the office's city zone, such as {home}"
    if name.startswith(_COPIES) and known_timezone(name[6:]):
        meant = f"did you mean '{zones.current_name(name[6:], countries) or name[6:]}'?"
        if name.startswith("right/"):
            return f"{meant} 'right/' zones count leap seconds, which calendar apps do not"
        return meant
    text = " ".join(name.replace("_", " ").split()).lower()
    place = (
        _spoken(text, countries)
        or _windows(text, countries)
        or _places().get(text)
        or _places().get(name.lower())
        or _displayed(text, countries)
    )
    if place is None:
        # The city right and the region wrong (America/London, Europe/NewYork): the city
        # decides, before a spelling match on the whole name finds a nearby word of the
        # wrong region (America/London is closest in letters to America/Moncton, a zone
        # five hours off London's).
        city = re.sub(r"[\s_]", "", text.rsplit("/", 1)[-1])
        place = _cities().get(city) if "/" in text else None
    if place is not None:
        # `Calcutta` finds Asia/Calcutta, an old name MOR215 would then flag.
        return f"did you mean '{zones.current_name(place, countries) or place}'?"
    if (minutes := zones.parse_offset(name)) is not None:
        place = zones.zone_at(minutes, countries)
        if place is not None and not zones.has_summer_time(place):
            # UTC+5:30 is Kolkata's time all year: no clock change to lose, but a zone
            # is still named by its place.
            return (
                "a time zone is named by its place, not by its offset from UTC: give the "
                f"office's city zone, such as {place}"
            )
        if place is None:  # UTC+7:15: no place keeps it
            home = zones.zone_at_any(countries) or example
            return (
                "no time zone is at that offset from UTC: give the office's city zone, such "
                f"as {home}"
            )
        return (
            "an offset from UTC has no daylight saving, so meetings would move by an hour "
            f"twice a year: give the office's city zone, such as {place}"
        )
    names = [z for z in _places() if "/" in z]
    close = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.8)
    if close:
        found = _places()[close[0]]
        return f"did you mean '{zones.current_name(found, countries) or found}'?"
    return f"use an IANA name such as {zones.zone_at_any(countries) or example}"


@functools.lru_cache(maxsize=256)
def fixed_zone(name: str, countries: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """MOR214's message and hint for a time zone that is a fixed offset, not a place (`EST`,
    `GMT`, `Etc/GMT+1`), where a place's clock changes: None for any other. The hint of an
    `Etc/GMT±N` names a zone of ``countries`` at that offset, as an offset's does (MOR605)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from morctl import zones

    if name.startswith("Etc/GMT") and name[7:8] in "+-" and name[8:].isdigit():
        offset = -int(name[7:])  # POSIX: Etc/GMT+1 is an hour *behind* UTC
        place = zones.zone_at(offset * 60, countries) or zones.zone_at_any(countries)
        return (
            f"'{name}' is a fixed offset of UTC{offset:+d} (the sign is reversed: "
            f"Etc/GMT+1 is UTC-1), with no daylight saving",
            f"give the office's city zone, such as {place}"
            if place
            else "give the office's city zone, such as Europe/Berlin or America/New_York",
        )
    place = _PLACE_OF.get(name)
    if place is None:
        return None
    found = zones.offsets(name)
    near = zones.zone_at(found[0], countries) if countries and found else None
    if near is not None and near != place.split()[0]:
        # The person's country's zone at that offset: EST in Canada is Toronto's, and in
        # Panama, which keeps EST all year, no place is lost (MOR215 names its zone).
        place = near
    zone, there = ZoneInfo(name), ZoneInfo(place.split()[0])
    days = (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12))  # a winter, a summer
    if all(d.replace(tzinfo=zone).utcoffset() == d.replace(tzinfo=there).utcoffset() for d in days):
        return None
    return (
        f"'{name}' is a fixed offset with no daylight saving, not a place: where the clocks "
        "change, meetings would be an hour off for half the year",
        f"give the office's city zone: {place}",
    )


def old_zone(name: str, countries: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """MOR215's message and hint for a time zone under an old name that tzdata keeps for
    old files (`US/Eastern`, `GB`, `Asia/Calcutta`, `CET`): None for any other. ``countries``
    choose among zones with the same clock (`Iceland` in IS: Atlantic/Reykjavik)."""
    from morctl.zones import SYSTEM_V, current_name

    if name in SYSTEM_V:
        return _system_v(name, countries)
    current = current_name(name, countries)
    if current is None:
        return None
    return (
        f"'{name}' is an old name for {current}, and some calendar apps do not recognise old names",
        f"write {current}",
    )


def _system_v(name: str, countries: tuple[str, ...]) -> tuple[str, str] | None:
    """MOR215 for a System V name (`CET`, `EST5EDT`, `HST`): the zone of the person's
    country that keeps its clock, never one of another country (CET in GB is no clock
    London keeps: a country or a zone is wrong, and only the user knows which)."""
    from morctl.zones import system_v_zone

    zone, theirs = system_v_zone(name, countries)
    old = "some calendar apps do not recognise old names"
    if zone is None and not theirs:
        return None
    if zone is None:
        codes = ", ".join(dict.fromkeys(c.strip().upper() for c in countries))
        return (
            f"'{name}' is an old name that tzdata keeps for old systems, and {old}",
            f"write the office's city zone: no zone of {codes} keeps the clock of {name}, "
            "so check the country too",
        )
    if theirs:
        return f"'{name}' is an old name for the clock of {zone}, and {old}", f"write {zone}"
    # No country to go by: the zone tzdata reads it as, one of those that keep its clock.
    return (
        f"'{name}' is an old name for the clock of {zone} and other places, and {old}",
        f"write the office's city zone, such as {zone}",
    )


# Countries as people write them in a roster, and the code that keeps their holidays.
_COUNTRY_NAMES = {
    "united kingdom": "GB-ENG",
    "great britain": "GB-ENG",
    "england": "GB-ENG",
    "scotland": "GB-SCT",
    "wales": "GB-WLS",
    "northern ireland": "GB-NIR",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "france": "FR",
    "germany": "DE",  # its states keep holidays of their own: said as Switzerland is, below
    "spain": "ES",
    "italy": "IT",
    "netherlands": "NL",
    "ireland": "IE",
    "india": "IN",
    "canada": "CA-ON",
    "australia": "AU-NSW",
    "japan": "JP",
    "singapore": "SG",
    "britain": "GB-ENG",
    "uae": "AE",
    "holland": "NL",
}

COUNTRY_EXAMPLE = "use an ISO 3166 code such as US, FR or NL, or a subdivision like GB-ENG or DE-BY"


@functools.lru_cache(maxsize=256)
def country_hint(value: str) -> str:
    """A did-you-mean for a country written in lower case (`gb-eng`, `usa`) or by name
    (`United Kingdom`, `U.S.`), else the example; once per distinct value. The code offered
    is the two-letter one that tzdata and most exports use (`usa`: US)."""
    from morctl.holidaycache import country_codes

    text = " ".join(value.split())
    if known_country(text.upper()):
        country, dash, region = text.upper().partition("-")
        written = country_codes().get(country.lower(), country) + dash + region
        national = national_only(text.upper())
        if national is not None:  # `uk`: in capitals it would be MOR213's next
            return f"country codes are in capitals; for {text.upper()}, {national[1]}"
        return f"country codes are in capitals: {written}"
    said = text.lower().replace(".", "").removeprefix("the ")
    if (named := _COUNTRY_NAMES.get(said)) is not None and national_only(named) is None:
        where = " (its region keeps its holidays)" if "-" in named else ""
        return f"did you mean '{named}'?{where}"
    if (code := _COUNTRY_NAMES.get(said) or country_codes().get(said)) and known_country(code):
        national = national_only(code)
        # `Switzerland`: CH holds only the holidays every canton shares (MOR213).
        return f"that is {code}; {national[1]}" if national else f"did you mean '{code}'?"
    return COUNTRY_EXAMPLE


def suggest(name: str, options: object) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(options), n=1)  # type: ignore[call-overload]
    return f"did you mean '{close[0]}'?" if close else None
