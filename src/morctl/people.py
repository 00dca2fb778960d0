"""Who a person given on the command line is (`--person`, `--team`, `--owner`, `--with`):
one rule for every command, so that a first name typed to `log` works in `report` too."""

from __future__ import annotations

import difflib

from morctl.diagnostics import one_line, visible
from morctl.errors import MorctlError, UsageError
from morctl.model import Person
from morctl.workspace import Workspace, name_key

_LISTED = 10  # candidates named at most: a roster of thousands has many a John
# What a person may be given by, for a value that is nobody.
NAMING = (
    "give an id, a full name or e-mail, or a first or last name only one person has (the "
    "roster: org.yaml, org.csv or people:)"
)


def find(ws: Workspace, text: str) -> tuple[Person, ...]:
    """The people ``text`` names, by the first of these that matches anyone: the id as
    written; the id in other capitals or with spaces around it; the full name or e-mail
    (in any capitals and spacing, accents aside: `workspace.name_key`); a first or last
    name, or a first or last name of two words (the same way). More than one
    when a name is shared, so that nobody is guessed; none when nothing matches."""
    if text in ws.by_id:
        return (ws.by_id[text],)
    folded = name_key(text)
    if folded in ws.by_id:  # ids are in small letters
        return (ws.by_id[folded],)
    if (named := ws.named(text)) is not None:
        return named[1]
    return ws.by_name_part.get(folded, ())


def shown(person: Person) -> str:
    """A person as a message names them: `priya (Priya Raman)`."""
    return f"{person.id} ({_name(person)})"


def _name(person: Person) -> str:
    return visible(" ".join(person.name.split()))


def shared(text: str, people: tuple[Person, ...]) -> str:
    """What to say of ``text`` that names several people: each of them, by id and name,
    so the user can retype the one meant."""
    found = sorted(people, key=lambda p: p.id)
    listed = ", ".join(shown(p) for p in found[:_LISTED])
    more = f" and {len(found) - _LISTED} more" if len(found) > _LISTED else ""
    return f"'{visible(text.strip())}' matches {len(found)} people: {listed}{more}"


def person_id(ws: Workspace, text: str | None, option: str = "--person") -> str | None:
    """The id of the one person ``text``, given with ``option``, names (see :func:`find`);
    an error (exit 1) when it names several, a usage error when it names nobody."""
    if text is None:
        return None
    people = find(ws, text)
    if len(people) == 1:
        return people[0].id
    if people:
        raise MorctlError(
            f"{option}: {shared(text, people)}",
            f"give the id of the one meant, e.g. {option} {min(p.id for p in people)}",
        )
    raise UsageError(
        f"{option}: nobody in the roster has the id or name '{one_line(text)}'",
        near(ws, text) or NAMING,
    )


def near(ws: Workspace, text: str) -> str | None:
    """A did-you-mean for a person nobody is: the closest id (`pryia`), else the one person
    whose name is closest (`Hughs`: oliver, Oliver Hughes)."""
    folded = name_key(text)
    close = difflib.get_close_matches(folded, list(ws.by_id), n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    names: dict[str, set[str]] = {}
    for key, people in ws.by_name_part.items():
        names.setdefault(key, set()).update(p.id for p in people)
    for p in ws.people:
        names.setdefault(name_key(p.name), set()).add(p.id)
    best = difflib.get_close_matches(folded, list(names), n=1)
    if not best or len(names[best[0]]) != 1:
        return None  # a name close to two people's: no guess
    (pid,) = names[best[0]]
    return f"did you mean '{pid}' ({_name(ws.by_id[pid])})?"
