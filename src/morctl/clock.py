"""The one place that reads the wall clock. ``MORCTL_TODAY=YYYY-MM-DD`` pins it, so that
CI runs and documentation examples are reproducible."""

from __future__ import annotations

import os
from datetime import date

from morctl.errors import UsageError
from morctl.values import parse_date


def today() -> date:
    pinned = os.environ.get("MORCTL_TODAY")
    if pinned:
        try:
            return parse_date(pinned)
        except ValueError as exc:
            raise UsageError(f"MORCTL_TODAY: {exc}") from None
    return date.today()
