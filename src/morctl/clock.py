"""The one place that reads the wall clock. ``MORCTL_TODAY=YYYY-MM-DD`` pins the date, so
that CI runs and documentation examples are reproducible; ``MORCTL_NOW`` pins the instant
(``2026-11-26T01:06+13:00``), for what depends on the hour too."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from morctl.errors import UsageError
from morctl.values import parse_date


def today(zone: str | None = None) -> date:
    """Today's date on this machine, or in time zone ``zone`` (the day a manager in Sydney
    is living, whatever the zone of the server that runs morctl for them)."""
    pinned = os.environ.get("MORCTL_TODAY")
    if pinned:
        try:
            return parse_date(pinned)
        except ValueError as exc:
            raise UsageError(f"MORCTL_TODAY: {exc}") from None
    if os.environ.get("MORCTL_NOW"):
        instant = _pinned_now()
        return (instant.astimezone(ZoneInfo(zone)) if zone else instant.astimezone()).date()
    if zone is None:
        return date.today()
    return datetime.now(ZoneInfo(zone)).date()


def now(zone: str) -> datetime | None:
    """The time now in ``zone``; None when ``MORCTL_TODAY`` pins the date alone, since the
    hour of that day is then not known (and a real hour would make the output vary)."""
    if os.environ.get("MORCTL_NOW"):
        return _pinned_now().astimezone(ZoneInfo(zone))
    if os.environ.get("MORCTL_TODAY"):
        return None
    return datetime.now(ZoneInfo(zone))


def _pinned_now() -> datetime:
    pinned = os.environ.get("MORCTL_NOW", "")
    try:
        instant = datetime.fromisoformat(pinned.strip())
    except ValueError:
        instant = None
    # Without its offset an instant is a different one in every zone.
    if instant is None or instant.tzinfo is None:
        raise UsageError(
            f"MORCTL_NOW: '{pinned}' is not a date and time with its UTC offset",
            "write it as 2026-11-24T07:36+00:00 (or Z for UTC)",
        )
    return instant
