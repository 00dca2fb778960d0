"""Checks of the names people read (DESIGN.md §6): a name or a title that looks like other
text (MOR219), and two people of one name in one team (MOR618). Checklists, calendars and
reports name people and activities by these alone."""

from __future__ import annotations

from collections.abc import Iterator

from morctl.diagnostics import Diagnostic, clip, others_at
from morctl.lookalike import char_name, hidden, mixed_word, where
from morctl.workspace import Workspace, name_key

_RETYPE = "retype it: the character came with a copy and paste, and nobody sees it"


def lookalike(text: str) -> tuple[str, str] | None:
    """What makes ``text`` look like other text, and the hint; None when nothing does."""
    if text.isascii():  # no character nobody sees, no letter of another alphabet
        return None
    found = hidden(text, strict=False)
    if found:
        i = found[0]
        seen = "".join(c for k, c in enumerate(text) if k not in found)
        return (
            f"holds an invisible {char_name(text[i])} {where(text, i)}: it reads as "
            f"'{clip(seen)}', but a search, a sort or a calendar app does not take it for that",
            _RETYPE,
        )
    mixed = mixed_word(text)
    if mixed:
        word, i = mixed
        return (
            f"mixes alphabets in '{clip(word)}': {char_name(text[i])} {where(text, i)} only "
            "looks like a letter of the others, so the name typed (a search, morctl log "
            "--owner) does not find it",
            "retype the word in one alphabet",
        )
    return None


def text_checks(ws: Workspace) -> Iterator[Diagnostic]:
    """MOR219 on the names and titles that calendars, checklists and reports show."""
    r = ws.rhythm
    for rid, role in r.roles.items():
        if said := lookalike(role.title):
            file, mark = ws.at("roles", rid, "title")
            msg = f"roles.{rid}.title {said[0]}"
            yield Diagnostic(file, mark.line, mark.column, "warning", "MOR219", msg, said[1])
    for aid, act in r.activities.items():
        if said := lookalike(act.title):
            file, mark = ws.at("activities", aid, "title")
            msg = f"activities.{aid}.title {said[0]}"
            yield Diagnostic(file, mark.line, mark.column, "warning", "MOR219", msg, said[1])
    for p in ws.people:
        if said := lookalike(p.name):
            file, mark = ws.person_sources[p.id].at("name")
            msg = f"{p.id}: name {said[0]}"
            yield Diagnostic(file, mark.line, mark.column, "warning", "MOR219", msg, said[1])


def namesakes(ws: Workspace) -> Iterator[Diagnostic]:
    """MOR618: people of one name (as names are compared: in any capitals and spacing) who
    report to one manager, each after the first, naming the first."""
    first: dict[tuple[str, str], str] = {}
    for p in ws.people:
        if p.manager is None:
            continue
        key = (p.manager, name_key(p.name))
        other = first.setdefault(key, p.id)
        if other == p.id:
            continue
        src = ws.person_sources[p.id]
        file, mark = src.at("name")
        there = ws.person_sources[other]
        place = others_at(file, [(there.positions.file, there.line("name"))])
        yield Diagnostic(
            file,
            mark.line,
            mark.column,
            "warning",
            "MOR618",
            f"{p.id} and {other} ({place}) are both named '{clip(p.name)}' and both report "
            f"to {p.manager}: their 1:1s, checklist lines and calendar events cannot be told "
            "apart",
            f"add something to the name to tell them apart, such as a place or an initial: "
            f"'{clip(p.name)} (Leeds)'",
        )
