"""Admission-test results that change: which activity newly fails or newly passes Q1..Q4.

The answers come from the MOR40x diagnostics that `checks` gives each side, so `diff`
and `validate` always agree. Q1–Q3 diagnostics name their activity; Q4 ones name a role
(no capacity, or someone over it), and then every activity the role owns fails Q4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from morctl.diffsides import Side

QUESTIONS = {"Q1": "lever", "Q2": "standard", "Q3": "evidence", "Q4": "overhead"}
_CODES = {
    "MOR400": ("Q1", "Q2", "Q3"),
    "MOR401": ("Q1",),
    "MOR402": ("Q2",),
    "MOR403": ("Q3",),
    "MOR404": ("Q4",),
    "MOR405": ("Q4",),
    "MOR406": ("Q4",),
}
_SLUG = r"([a-z0-9][a-z0-9_-]*)"
_ACTIVITY = re.compile(rf"^activities\.{_SLUG}")
# "roles.R: ...", "role 'R' fails Q4", "PERSON (R) fails Q4"
_QUESTION = re.compile(r"^fails Q\d \(\w+\): ")
_ROLE_PATH = re.compile(rf"^roles\.{_SLUG}: ")
_ROLE = re.compile(rf"^(?:roles\.{_SLUG}:|role '{_SLUG}' fails|\S+ \({_SLUG}\) fails)")


@dataclass(frozen=True)
class AdmissionChange:
    activity: str
    question: str  # "Q1" .. "Q4"
    now: str  # "fails" | "passes"
    reason: str  # the message of the failing side

    @property
    def label(self) -> str:
        return f"{self.question} ({QUESTIONS[self.question]})"


def _reason(message: str) -> str:
    """The message without the YAML path it starts with: the activity or role and the
    question are said beside it."""
    if m := _ACTIVITY.match(message):
        message = message[m.end() :].lstrip(": ")
        return _QUESTION.sub("", message, count=1)
    return _ROLE_PATH.sub(r"role \1: ", message, count=1)


def failures(side: Side) -> dict[str, dict[str, str]]:
    """Activity → question → the first message that fails it."""
    ws = side.workspace
    if ws is None:
        return {}
    out: dict[str, dict[str, str]] = {}
    by_role: dict[str, dict[str, str]] = {}
    for d in side.diagnostics:
        questions = _CODES.get(d.code, ())
        if not questions:
            continue
        if m := _ACTIVITY.match(d.message):
            target = out.setdefault(m.group(1), {})
        elif m := _ROLE.match(d.message):
            role = next(g for g in m.groups() if g)
            target = by_role.setdefault(role, {})
        else:
            continue
        for q in questions:
            target.setdefault(q, _reason(d.message))
    for aid, act in ws.rhythm.activities.items():
        for q, message in by_role.get(act.owner, {}).items():
            out.setdefault(aid, {}).setdefault(q, message)
    return out


def admission_changes(old: Side, new: Side, skip: set[str]) -> list[AdmissionChange]:
    """Per activity of the new side (not in ``skip``), each question whose result differs;
    an added activity counts as passing before, so only its failures show."""
    if new.workspace is None:
        return []
    before, after = failures(old), failures(new)
    out = []
    for aid in sorted(new.workspace.rhythm.activities):
        if aid in skip:
            continue
        b, a = before.get(aid, {}), after.get(aid, {})
        for q in QUESTIONS:
            if (q in a) != (q in b):
                now = "fails" if q in a else "passes"
                out.append(AdmissionChange(aid, q, now, a.get(q) or b[q]))
    return out
