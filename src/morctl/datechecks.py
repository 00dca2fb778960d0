"""Validation checks that need real dates: filled in by the expansion engine."""

from __future__ import annotations

from morctl.diagnostics import Diagnostic
from morctl.workspace import Workspace


def date_checks(ws: Workspace) -> list[Diagnostic]:
    return []
