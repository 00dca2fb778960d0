"""Public holidays, cached on disk between runs.

Importing the `holidays` package costs about a third of a second (it loads every country),
more than everything else `morctl validate` does on a small workspace. The holidays a run
needs (a few countries, a few years) are therefore kept in a small JSON file in the user's
cache folder, keyed by the installed package, so that later runs skip the import. The cache
is an optimisation only: when it cannot be read or written, morctl computes the holidays.
``MORCTL_CACHE_DIR`` moves it; ``MORCTL_CACHE_DIR=off`` turns it off.
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
    return base / f"holidays-{tag}.json"


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


def public_holidays(code: str, year: int) -> frozenset[date]:
    """Public holidays of a country (``GB``) or subdivision (``GB-SCT``) in one year."""
    data = _data()
    key = f"{code}:{year}"
    days = data.get(key)
    if not isinstance(days, list):
        import warnings

        import holidays

        country, _, subdiv = code.partition("-")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = holidays.country_holidays(country, subdiv=subdiv or None, years=year)
        days = data[key] = sorted(d.isoformat() for d in found)
        # The package knows some holidays (India's lunar ones: Holi, Diwali) for a span of
        # years only and says so as a Python warning, once: kept with the days, so that
        # every run says it, in morctl's words, cached or not.
        said = [str(w.message) for w in caught if "available only" in str(w.message)]
        if said:
            data[f"{key}:gap"] = said[0]
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
    return frozenset(date.fromisoformat(d) for d in days)


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
