"""Public holidays, cached on disk between runs.

Importing the `holidays` package costs about a third of a second (it loads every country),
more than everything else `morctl validate` does on a small workspace. The holidays a run
needs (a few countries, a few years, each day with its holidays' English names, which
`holidays.worked` matches) are therefore kept in a small JSON file in the user's cache
folder, keyed by the installed package and by the file's format, so that later runs skip the
import. The cache is an optimisation only: when it cannot be read or written, morctl computes
the holidays. ``MORCTL_CACHE_DIR`` moves it; ``MORCTL_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

_state: dict[str, Any] = {"data": None, "dirty": False}

# In the file's name: a file written in another format (version 1 kept dates only, as a
# list) is never read as this one, and is pruned once unused like another install's.
FORMAT = 2


@functools.cache
def _cache_file() -> Path | None:
    where = os.environ.get("MORCTL_CACHE_DIR")
    if where == "off":
        return None
    base = (
        Path(where)
        if where
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "morctl"
    )
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    # The installed package's files identify its version without importing it.
    marker = Path(spec.origin).parent / "countries" / "__init__.py"
    try:
        st = marker.stat()
    except OSError:
        return None
    tag = hashlib.sha256(f"{marker}:{st.st_mtime_ns}:{st.st_size}".encode()).hexdigest()[:16]
    return base / f"holidays-v{FORMAT}-{tag}.json"


def _data() -> dict[str, Any]:
    data: dict[str, Any] | None = _state["data"]
    if data is None:
        data = {}
        path = _cache_file()
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    data = loaded
        _state["data"] = data
    return data


# A cache file of another install (an upgrade, another virtual environment) is removed
# once nothing has written it for this long; one still in use is simply written again.
STALE_DAYS = 30


def save() -> None:
    """Write the cache back if this run added to it (atomically; failures are ignored)."""
    path = _cache_file()
    if not _state["dirty"] or path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".holidays.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(_state["data"], f, sort_keys=True)
        os.replace(tmp, path)
        _state["dirty"] = False
    _prune(path)


def _prune(keep: Path) -> None:
    """Remove the cache files of other installs, and temporary files a killed run left,
    that nothing has written for STALE_DAYS."""
    import time

    cutoff = time.time() - STALE_DAYS * 86400
    with contextlib.suppress(OSError):
        for old in [*keep.parent.glob("holidays-*.json"), *keep.parent.glob(".holidays.*")]:
            with contextlib.suppress(OSError):
                if old != keep and old.stat().st_mtime < cutoff:
                    old.unlink()


def holiday_names(code: str, year: int) -> dict[date, tuple[str, ...]]:
    """Public holidays of a country (``GB``) or subdivision (``GB-SCT``) in one year, each
    day with the names of its holidays in English (``Veterans Day (observed)``)."""
    data = _data()
    key = f"{code}:{year}"
    days = data.get(key)
    if not isinstance(days, dict) or not _well_formed(days):
        days = data[key] = _compute(code, year, key, data)
        _state["dirty"] = True
    gap = data.get(f"{key}:gap")
    if isinstance(gap, str) and code not in _state.setdefault("warned", set()):
        import sys

        _state["warned"].add(code)
        sys.stderr.write(
            f"morctl: warning: the public holidays of {code} in {year} are incomplete (the "
            f"holidays package: {gap.rstrip('.')}): meetings may fall on holidays it does not "
            "know\n"
        )
    return {date.fromisoformat(d): tuple(names) for d, names in sorted(days.items())}


def public_holidays(code: str, year: int) -> frozenset[date]:
    """Public holidays of a country (``GB``) or subdivision (``GB-SCT``) in one year."""
    return frozenset(holiday_names(code, year))


def _well_formed(days: dict[Any, Any]) -> bool:
    return all(
        isinstance(d, str)
        and isinstance(names, list)
        and names
        and all(isinstance(n, str) for n in names)
        for d, names in days.items()
    )


def _compute(code: str, year: int, key: str, data: dict[str, Any]) -> dict[str, list[str]]:
    import warnings

    import holidays

    country, _, subdiv = code.partition("-")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = holidays.country_holidays(country, subdiv=subdiv or None, years=year)
        # Names in English, whatever the country's own language (AE's are Arabic): the
        # names `holidays.worked` is written in. The dates do not depend on the language.
        english = _english(found)
        if english is not None:
            found = holidays.country_holidays(
                country, subdiv=subdiv or None, years=year, language=english
            )
    # The package knows some holidays (India's lunar ones: Holi, Diwali) for a span of
    # years only and says so as a Python warning, once: kept with the days, so that every
    # run says it, in morctl's words, cached or not.
    said = [str(w.message) for w in caught if "available only" in str(w.message)]
    if said:
        data[f"{key}:gap"] = said[0]
    return {d.isoformat(): sorted(found.get_list(d)) for d in sorted(found)}


def _english(found: Any) -> str | None:
    """The English the package offers for a country whose own language is another, or
    None when its names are English already (or it has no English)."""
    own = getattr(found, "default_language", None)
    if own is None or str(own).startswith("en"):
        return None
    offered = [str(lang) for lang in getattr(found, "supported_languages", ())]
    english = [lang for lang in offered if lang.startswith("en")]
    if not english:
        return None
    return "en_US" if "en_US" in english else sorted(english)[0]


def known_country(code: str) -> bool:
    """Whether the holidays package knows ``GB`` or a subdivision such as ``US-NY``."""
    data = _data()
    known = data.get("countries")
    if not isinstance(known, dict):
        import holidays

        known = data["countries"] = {
            c: sorted(subdivs) for c, subdivs in holidays.list_supported_countries().items()
        }
        _state["dirty"] = True
    country, _, subdiv = code.partition("-")
    return country in known and (not subdiv or subdiv in known[country])


def country_codes() -> dict[str, str]:
    """Each way the holidays package names a country, in lower case, and the country's
    two-letter code, under which tzdata lists its zones: its codes (`usa`, `gbr`, `uk`),
    its name (`united states`, `south korea`) and its other names (`korea`)."""
    data = _data()
    codes = data.get("codes")
    if not isinstance(codes, dict):
        codes = data["codes"] = _codes_from_registry()
        _state["dirty"] = True
    return codes


def _codes_from_registry() -> dict[str, str]:
    try:
        from holidays.registry import COUNTRIES
    except ImportError:  # a version that keeps it elsewhere: the hints do without
        return {}
    codes: dict[str, str] = {}
    for module, (_, alpha2, *others) in sorted(COUNTRIES.items()):
        codes.setdefault(module.replace("_", " "), alpha2)
        for other in (alpha2, *others):
            if not other.startswith("Holidays"):  # `HolidaysAX`: a class, not a name
                codes.setdefault(other.lower(), alpha2)
    return codes
