"""What a change does to the history in ``logs/``: completions that name an activity or a
person the change removes, or name a report where the activity no longer takes one (or
the reverse), are rejected by every report after it (DESIGN.md §8: "unknown activity or
person"), and the meetings they recorded count as missed. So are the ticked checklists
and calendar exports of a rhythm whose id the change replaces: they name the old id.

The logs are read against the old side (the rhythm they were written for); the
completions are then counted per series, and each series is looked up in the new side.
When the id changes, they are read again under the new id, as reports will read them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from morctl.logs import read
from morctl.workspace import Workspace

FILES = 3  # files named per finding; the rest are counted


@dataclass(frozen=True)
class Orphaned:
    """Logged completions that the new side's reports will reject, for one reason."""

    kind: str  # "rhythm" | "activity" | "person" | "report" | "no_report"
    id: str  # the rhythm (its old id), the activity or the person
    completions: int
    files: tuple[str, ...]  # every file that holds them, sorted
    renamed: str | None = None  # the added id that looks like this one renamed

    def message(self, code: Callable[[str], str] = str) -> str:
        """What happens to the completions; ``code`` marks up an id (Markdown)."""
        n = f"{self.completions} logged completion{'s' * (self.completions != 1)}"
        name, it = ("names", "it") if self.completions == 1 else ("name", "them")
        what = code(self.id)
        if self.kind == "rhythm":
            are = "is" if self.completions == 1 else "are"
            why = (
                f"{are} in checklists or calendar exports of the rhythm {what}, whose id this "
                f"change makes {code(self.renamed or '')}"
            )
        elif self.kind == "activity":
            why = f"{name} {what}, which this change removes"
        elif self.kind == "person":
            why = f"{name} {what} (as owner or report), whom this change removes from the roster"
        elif self.kind == "report":
            why = f"of {what} {name} a report, but this change no longer holds it with each report"
        else:
            why = f"of {what} {name} no report, but this change holds it with each report"
        return f"{n} {why}: reports will reject {it}"

    def hint(self, code: Callable[[str], str] = str) -> str:
        """What to do in the same change, and the files that hold the completions."""
        # A calendar export is the calendar's record: its UIDs name the id, and it is not
        # rewritten by hand.
        rows = [f for f in self.files if not f.lower().endswith(".ics")]
        exports = len(self.files) - len(rows)
        shown = ", ".join(code(f) for f in rows[:FILES])
        more = len(rows) - FILES
        where = shown + (f" and {more} more file{'s' * (more != 1)}" if more > 0 else "")
        was, now = code(self.id), code(self.renamed or "")
        if self.kind == "rhythm":
            # A checklist names the rhythm in a comment and each line's key; an export,
            # in every event's UID, which no one rewrites.
            keep_id = (
                f"Keep the id {was} and change only the name: checklists and calendar "
                "events name the id"
            )
            if exports:
                n = f"{exports} calendar export{'s' * (exports != 1)} (.ics)"
                return f"{keep_id} ({n} among these, which cannot be rewritten)"
            return (
                f"{keep_id}. Or, to take the id {now}, make these "
                f"checklists again ({code('morctl checklist')}) and tick them again in this "
                f"change: {where}"
            )
        if exports and self.renamed:
            n = f"{exports} calendar export{'s' * (exports != 1)} (.ics)"
            same, part = (
                ("owner and cadence", "its title")
                if self.kind == "activity"
                else ("name or e-mail", "the name")
            )
            verb = "names" if exports == 1 else "name"
            return (
                f"{now} has the same {same}. If it is {was} renamed, keep the id {was} and "
                f"change only {part}: {n} among these {verb} the id, and an export cannot be "
                "rewritten"
            )
        if self.kind == "activity" and self.renamed:
            return (
                f"{now} has the same owner and cadence. If it is {was} renamed, keep the id "
                f"{was} and change only its title (logs and calendar events name the id), or "
                f"change {was} to {now} in those rows in this change: {where}"
            )
        if self.kind == "person" and self.renamed:
            return (
                f"{now} has the same name or e-mail. If it is {was} under a new id, keep the "
                f"id {was}, or change {was} to {now} in those rows (owner and with) in this "
                f"change: {where}"
            )
        if self.kind == "activity":
            # A report reads the rhythm as it is now: without the activity, its meetings
            # leave every past report, whether its rows are rejected or moved away. Ended
            # with `until`, it stops and leaves the days before as they were.
            return (
                f"{code('morctl validate --logs')} fails on them too. Removing {was} takes "
                "its meetings out of past reports as well, and moving those rows out of logs/ "
                "does the same without a word. To stop it and keep its history, keep the "
                f"activity {was} and end it with {code('until:')} and the day of its last "
                f"meeting in its cadence. The rows: {where}"
            )
        keep = {
            # A leaver stays in the roster with their last day: their history counts on.
            "person": f"keep {was} in the roster with {code('left:')} and their last day",
            "report": f"keep {was} held with each report",
            "no_report": f"keep the with: that {was} had",
        }[self.kind]
        return (
            f"{code('morctl validate --logs')} fails on them too. {keep[0].upper()}{keep[1:]}, "
            "or move "
            f"those rows out of logs/ in this change (to an archive beside it): {where}"
        )


def counted_twice(r: Any) -> str | None:
    """A note when the lines of a DiffResult's orphaned history add up to more than its
    total (a row that names a person who leaves, of an activity held another way, is in
    both lines); None when they agree."""
    listed = sum(o.completions for o in r.orphaned)
    if listed <= r.orphaned_total:
        return None
    return (
        f"{listed} in the lines above, {r.orphaned_total} "
        f"completion{'s' * (r.orphaned_total != 1)}: a completion with two "
        "of these causes is counted under each"
    )


def _likely_activity(old: Workspace, new: Workspace, aid: str, added: set[str]) -> str | None:
    """The one added activity with the removed one's owner, attendance and cadence."""
    was = old.rhythm.activities[aid]
    same = [
        a
        for a in sorted(added)
        if (n := new.rhythm.activities[a]).owner == was.owner
        and n.with_ == was.with_
        and n.cadence == was.cadence
    ]
    return same[0] if len(same) == 1 else None


def _likely_person(old: Workspace, new: Workspace, pid: str, added: set[str]) -> str | None:
    """The one added person with the removed one's e-mail or name."""
    was = old.by_id[pid]
    same = [
        q
        for q in sorted(added)
        if (was.email and new.by_id[q].email == was.email) or new.by_id[q].name == was.name
    ]
    return same[0] if len(same) == 1 else None


def logs_folder(folders: tuple[str | None, str | None]) -> Path | None:
    """The logs/ to read: the new side's, else the old side's (in a pull request both
    checkouts hold the same logs); None when neither side is a folder on disk with one."""
    for folder in reversed(folders):
        if folder is not None and (Path(folder) / "logs").is_dir():
            return Path(folder) / "logs"
    return None


def _read_under(old: Workspace, new: Workspace, logs: Path) -> set[tuple[str, int]] | None:
    """(file, line) of each completion that the old side still reads once its rhythm has
    the new side's id; None when the change keeps the id (or a side cannot read it)."""
    if old.is_broken("id") or new.is_broken("id") or old.rhythm.id == new.rhythm.id:
        return None
    renamed = old.rhythm.model_copy(update={"id": new.rhythm.id})
    return {
        (c.file, c.line) for c in read(dataclasses.replace(old, rhythm=renamed), logs).completions
    }


def orphaned(
    old: Workspace, new: Workspace, logs: Path, skip: set[str]
) -> tuple[list[Orphaned], int]:
    """Completions under ``logs`` (read as the old side reads them) that the new side
    rejects, one entry per activity or person, and how many they are in all (a row that
    names two people who leave is in two entries); ``skip``: activities one side cannot
    read (their rows wait for that error, which is listed already)."""
    series: Counter[tuple[str, str, str | None]] = Counter()
    files: dict[tuple[str, str, str | None], set[str]] = {}
    found: dict[tuple[str, str], tuple[int, set[str]]] = {}
    kept = _read_under(old, new, logs)
    total = 0
    for c in read(old, logs).completions:
        if kept is not None and (c.file, c.line) not in kept:
            # A report rejects (or, for a calendar export, passes over) the whole file
            # before it reads what the completion names: this is its one reason.
            n, where = found.get(("rhythm", old.rhythm.id), (0, set()))
            found[("rhythm", old.rhythm.id)] = (n + 1, where | {c.file})
            total += 1
            continue
        series[c.series] += 1
        files.setdefault(c.series, set()).add(c.file)
    acts, people = new.rhythm.activities, new.by_id
    for key, count in series.items():
        activity, owner, with_ = key
        if activity in skip or new.is_broken("activities", activity):
            continue
        act = acts.get(activity)
        reasons = [("person", p) for p in dict.fromkeys((owner, with_)) if p and p not in people]
        reasons = [r for r in reasons if not new.is_broken("people", r[1])]
        if act is None:
            reasons.insert(0, ("activity", activity))
        elif act.with_ == "each_report" and with_ is None:
            reasons.insert(0, ("no_report", activity))
        elif act.with_ != "each_report" and with_ is not None:
            reasons.insert(0, ("report", activity))
        for reason in reasons:
            n, where = found.get(reason, (0, set()))
            found[reason] = (n + count, where | files[key])
        total += count if reasons else 0
    new_acts = set(acts) - set(old.rhythm.activities)
    new_people = set(people) - set(old.by_id)
    out = []
    order = {"rhythm": 0, "activity": 1, "person": 2, "report": 3, "no_report": 3}
    for (kind, name), (n, where) in sorted(found.items(), key=lambda f: (order[f[0][0]], f[0])):
        renamed = None
        if kind == "rhythm":
            renamed = new.rhythm.id
        elif kind == "activity" and name in old.rhythm.activities:
            renamed = _likely_activity(old, new, name, new_acts)
        elif kind == "person" and name in old.by_id:
            renamed = _likely_person(old, new, name, new_people)
        out.append(Orphaned(kind, name, n, tuple(sorted(where)), renamed))
    return out, total
