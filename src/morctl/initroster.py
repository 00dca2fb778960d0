"""`morctl init` in a folder that already holds the team's ``org.csv`` (an HR export put
there first): the export is the roster, so the template's sample ``org.yaml`` is not
written (two rosters would be merged, MOR609), and the roles the export gives are held
against the roles the template's activities are owned by.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from morctl.diagnostics import clip, visible
from morctl.workspace import role_meant
from morctl.yamlload import load_yaml

SHOWN = 8  # roles named in a message; the rest are counted


def csv_roles(path: Path) -> Counter[str] | None:
    """How many people hold each role in the CSV's `role` column, as written; None when
    the file cannot be read that far (`morctl validate` says why)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        rows = csv.reader(io.StringIO(text, newline=""))
        header = [" ".join(h.split()).casefold() for h in next(rows)]
        at = header.index("role")
        return Counter(r[at].strip() for r in rows if len(r) > at and r[at].strip())
    except (OSError, UnicodeDecodeError, StopIteration, ValueError, csv.Error):
        return None


def _roles(rhythm: str) -> dict[str, tuple[bool, str]]:
    """The template's roles, each with whether activities need someone in it, and its
    title."""
    data = load_yaml(rhythm.encode(), "rhythm.yaml").data
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        return {}
    acts = data.get("activities")
    items = acts.values() if isinstance(acts, dict) else ()
    # The roles that own an activity, or are the reports it is held with (report_role).
    owners = {a.get(k) for a in items if isinstance(a, dict) for k in ("owner", "report_role")}
    out = {}
    for role, spec in data["roles"].items():
        title = spec.get("title") if isinstance(spec, dict) else None
        out[str(role)] = (role in owners, str(title or ""))
    return out


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _named(counts: Counter[str], roles: list[str]) -> str:
    shown = [f"{visible(clip(r))} ({_people(counts[r])})" for r in roles[:SHOWN]]
    more = len(roles) - SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def role_advice(csv_path: Path, shown: str, rhythm: str, template: str) -> list[str]:
    """What to check next about the roles of the kept ``csv_path`` (shown as ``shown``),
    one message a line: the roles the template does not have, each with the one meant
    when it is only written another way (`Manager`), and the roles that own activities
    that no one in the file holds."""
    counts = csv_roles(csv_path)
    roles = _roles(rhythm)
    if counts is None or not roles:
        return [f"check {shown} with morctl validate: its roles are not read here"]
    declared = ", ".join(roles)
    unknown = sorted(r for r in counts if r not in roles)
    out = []
    # A role written as its title or in capitals: the hint validate gives each row of it.
    titles = {r: title for r, (_, title) in roles.items()}
    spelt = {r: m for r in unknown if (m := role_meant(r, titles))}
    other = [r for r in unknown if r not in spelt]
    for r, (_, hint) in list(spelt.items())[:SHOWN]:
        out.append(f"role '{visible(clip(r))}' in {shown} ({_people(counts[r])}): {hint}")
    if len(spelt) > SHOWN:
        out.append(f"and {len(spelt) - SHOWN} more roles in {shown} written that way")
    if other:
        out.append(
            f"roles in {shown} that the '{template}' rhythm does not have: "
            f"{_named(counts, other)}; it has {declared}"
        )
    held = set(counts) | {rid for rid, _ in spelt.values()}
    idle = [r for r, (owns, _) in roles.items() if owns and r not in held]
    if idle:
        out.append(
            f"no one in {shown} holds {', '.join(idle)}, which the rhythm's activities need "
            "(as their owner or the reports they are held with), so they would not be scheduled"
        )
    if out:
        out.append(
            f"  map each: write a role of rhythm.yaml ({declared}) in the role column of "
            f"{shown}; or, for a role your team names otherwise (ae for rep), rename it under "
            "roles: in rhythm.yaml and in every owner: and report_role: that names it"
        )
    return out
