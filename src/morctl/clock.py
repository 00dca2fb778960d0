"""The one place that reads the wall clock. ``MORCTL_TODAY=YYYY-MM-DD`` pins it, so that
CI runs and documentation examples are reproducible."""

from __future__ import annotations

import os
from datetime import date

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
    if zone is None:
        return date.today()
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(zone)).date()
