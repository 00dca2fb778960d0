"""Turn pydantic validation errors into positioned diagnostics with "did you mean" hints."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from morctl.diagnostics import Diagnostic, clip
from morctl.yamlload import Path, Positions, quoted

# What HR systems call the roster's columns (org.csv) and keys (org.yaml), where no
# spelling is close: a manager column named `Reports To` left every manager without a team
# (MOR611) and no hint.
KEY_ALIASES = {
    "reports to": "manager",
    "supervisor": "manager",
    "line manager": "manager",
    "manager id": "manager",
    "manager email": "manager",
    "employee id": "id",
    "full name": "name",
    "email address": "email",
    "work email": "email",
    "time zone": "timezone",
    "country code": "country",
    "hire date": "joined",
    "start date": "joined",
    "date joined": "joined",
    "joined date": "joined",
    "termination date": "left",
    "leaving date": "left",
    "leave date": "left",
    "end date": "left",
    "last day": "left",
    "previous manager": "previous_manager",
    "former manager": "previous_manager",
    "old manager": "previous_manager",
    "manager effective date": "manager_since",
    "manager start date": "manager_since",
    "manager change date": "manager_since",
}


def allowed_keys(model: type[BaseModel], loc: Path) -> list[str]:
    """The keys a mapping at ``loc`` (relative to ``model``) accepts, by walking the types."""
    tp = _type_at(model, loc)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _type_at(model: type[BaseModel], loc: Path) -> Any:
    """The type of the value at ``loc`` (relative to ``model``), without Annotated and
    Optional; None where ``loc`` is no field."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = next(
                (f for n, f in tp.model_fields.items() if (f.alias or n) == part or n == part),
                None,
            )
            if field is None:
                return None
            tp = field.annotation
        else:
            origin = typing.get_origin(tp)
            args = typing.get_args(tp)
            if origin is dict and len(args) == 2:
                tp = args[1]
            elif origin in (list, tuple) and args:
                tp = args[0]
            else:
                return None
    return _unwrap(tp)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else members[0]
        else:
            return tp


def _data_loc(raw: tuple[int | str, ...], positions: Positions, prefix: Path) -> Path:
    """The path of the data at fault: pydantic adds parts such as ``[key]`` or
    ``function-before[...]`` that are not in the document, while a user's key may itself
    hold a ``[``; a part that names a node of the document is kept."""
    loc: Path = ()
    for part in raw:
        if isinstance(part, str) and "[" in part:
            here = (*prefix, *loc, part)
            if here not in positions.keys and here not in positions.values:
                continue
        loc = (*loc, part)
    return loc


def dotted(loc: Path) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"'{value}'"


def to_diagnostics(
    exc: ValidationError,
    model: type[BaseModel],
    positions: Positions,
    prefix: Path = (),
    describe: Path = (),
    row: str | None = None,
    who: str | None = None,
) -> list[Diagnostic]:
    """Map each error's ``loc`` to the key (unknown keys), the mapping (missing keys) or the
    value at fault. ``prefix`` is where ``model``'s data sits inside the positioned document;
    ``describe`` is how the path is named in messages. ``who`` names the record instead, as
    the roster's other messages name a person (`owen: manager: ...`, not `people[2].manager:
    ...`). ``row`` names a CSV row (its person's id, or "row N"): messages then speak of
    columns and cells, and a missing key is the empty cell of that column, pointed at."""

    def named(loc: Path) -> str:
        inside = dotted((*describe, *loc))
        if who is None:
            return inside
        return f"{who}: {inside}" if inside else who

    out: list[Diagnostic] = []
    file = positions.file
    # A typo is one mistake: 'cadance' is reported as unknown, "did you mean 'cadence'?",
    # and the missing 'cadence' it leaves behind is not reported a second time.
    suggested: set[tuple[Any, ...]] = set()
    missing: list[tuple[tuple[Any, ...], Diagnostic]] = []
    for err in exc.errors(include_url=False):
        loc = _data_loc(err["loc"], positions, prefix)
        is_key = any(isinstance(p, str) and p == "[key]" for p in err["loc"])
        kind = err["type"]
        index = err.get("ctx", {}).get("index")
        full = (*prefix, *loc, *((index,) if isinstance(index, int) else ()))
        name = f"{row}, column {dotted(loc)}" if row is not None else named(loc)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            parent = named(loc[:-1])
            options = allowed_keys(model, loc[:-1])
            close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
            alias = KEY_ALIASES.get(" ".join(key.lower().replace("_", " ").split()))
            if not close and alias in options:  # `hire_date:` in org.yaml, as in org.csv
                close = [alias]
            allowed = ", ".join(options)
            hint: str | None
            msg = f"{parent + ': ' if parent else ''}unknown key '{key}'"
            if key == "<<":
                # A merge key, as docker-compose and CI files use it: YAML 1.2 has none,
                # and an editor that merges it would call the file clean.
                msg += " (a YAML merge key, which morctl does not read)"
                owner = full[-2] if len(full) > 1 and isinstance(full[-2], str) else "key"
                hint = (
                    f"give the whole mapping by its alias ({owner}: *NAME), or write the "
                    "keys out here"
                )
                mark = positions.at(full, key=True)
                out.append(Diagnostic(file, mark.line, mark.column, "error", "MOR201", msg, hint))
                continue
            # `{every week, on: tue}`: YAML read one key 'every week', with no value;
            # `{every:week}` one key 'every:week' (a colon needs a space after it).
            parts, glued = _key_and_rest(key)
            if len(parts) == 2 and parts[0] not in options:
                # `{Every week, ...}`, `{evry week, ...}`: the key misspelt as well.
                near = difflib.get_close_matches(parts[0].lower(), options, n=1, cutoff=0.75)
                parts[0] = near[0] if near else parts[0]
            if len(parts) == 2 and parts[0] in options:
                close = [parts[0]]
            given = positions.keys.get((*full[:-1], close[0])) if close else None
            if len(parts) == 2 and parts[0] in options and given is None:
                first, rest = parts[0], parts[1].strip()
                value = err.get("input")
                words = rest.split()
                meant = _with_value(
                    rest.lstrip("= ") if rest.startswith("=") else rest,
                    value,
                    positions.written.get(full),
                    _type_at(model, (*loc[:-1], first)),
                )
                if glued:
                    msg += f" (looks like '{first}' with no space after its colon)"
                    hint = f"add a space after the colon: {first}: {meant}"
                elif rest.startswith("="):
                    msg += f" (looks like '{first}' written with = for a colon)"
                    hint = f"write it with a colon: {first}: {meant}"
                elif value is not None and len(words) > 1 and words[-1] in options:
                    # `{every week on: tue}`: the comma between two keys is missing too.
                    msg += f" (looks like '{first}' and '{words[-1]}' run together)"
                    hint = (
                        f"add a colon and a comma: {first}: {' '.join(words[:-1])}, "
                        f"{words[-1]}: {_flow(value)}"
                    )
                else:
                    msg += f" (looks like '{first}' with its colon left out)"
                    hint = f"add the colon: {first}: {meant}"
                suggested.add((*full[:-1], first))
            elif close and given is not None:
                # `Owner: vp` beside `owner: manager`: renaming it would give the key twice.
                msg += f" ('{close[0]}' is given on line {given.line})"
                hint = f"keep one: delete this line, or delete '{close[0]}' and rename this one"
            elif close:
                msg += f" (did you mean '{close[0]}'?)"
                hint = f"rename it to '{close[0]}'"
                suggested.add((*full[:-1], close[0]))
            else:
                hint = f"allowed keys here: {allowed}" if allowed else None
            mark = positions.at(full, key=True)
            out.append(Diagnostic(file, mark.line, mark.column, "error", "MOR201", msg, hint))
        elif kind == "missing" and row is not None:
            key = str(loc[-1])
            mark = positions.at(full)  # the empty cell
            msg = f"{row}: the {key} cell is empty"
            hint = f"fill in the {key} of every person"
            out.append(Diagnostic(file, mark.line, mark.column, "error", "MOR202", msg, hint))
        elif kind == "missing":
            key = str(loc[-1])
            parent = named(loc[:-1])
            mark = positions.at(full[:-1])
            msg = f"{parent + ': ' if parent else ''}missing required key '{key}'"
            diag = Diagnostic(file, mark.line, mark.column, "error", "MOR202", msg, None)
            missing.append((full, diag))
        else:
            mark = positions.at(full, key=is_key)
            fix: str | None = None
            if kind.startswith("morctl_"):
                detail = err["msg"]
                like = err.get("ctx", {}).get("like")
                if kind == "morctl_slug" and like and _refers(loc):
                    # `role: Account Executive` means the role titled so (rep), not a
                    # role 'account-executive': an id is made up only where it is defined.
                    detail = detail.replace(like, "", 1)
                elif kind == "morctl_type" and (written := positions.written.get(full)):
                    detail, fix = _time_as_written(detail, err.get("ctx") or {}, written)
                elif kind == "morctl_slug" and like and is_key:
                    fix = _taken_key(positions, full, err["input"])
                    detail = detail.replace(like, "", 1) if fix else detail
            elif kind == "literal_error":
                expected = err.get("ctx", {}).get("expected", "")
                if isinstance(err["input"], str) and "'" not in expected:
                    # Literal[1] given the text '1': say that a number is wanted.
                    detail = f"expected the number {expected}, got the text '{err['input']}'"
                else:
                    detail = f"{_show(err['input'])} is not allowed; use {expected}"
            elif kind in ("string_type", "int_type", "float_type", "bool_type"):
                want = {
                    "string_type": "text",
                    "int_type": "a whole number",
                    "float_type": "a number",
                    "bool_type": "true or false",
                }[kind]
                detail = f"expected {want}, got {_show(err['input'])}"
                got = err["input"]
                if kind == "string_type" and isinstance(got, (int, float)):
                    # `lever: 2026`, `name: true`: a number or a yes/no to YAML.
                    said = str(got).lower() if isinstance(got, bool) else got
                    detail = (
                        f"expected text, got {'the number ' if said == got else ''}{said}: "
                        "text that YAML reads as a number or a yes/no is written in quotes"
                    )
            elif kind in ("dict_type", "model_type", "model_attributes_type"):
                detail = f"expected a mapping of keys, got {_show(err['input'])}"
                if (key_of := _colonless(err["input"], allowed_keys(model, loc))) is not None:
                    # `holidays:` then `  countries US`: the key's colon left out.
                    detail += f" (looks like '{key_of[0]}' with its colon left out)"
                    fix = f"add the colon: {key_of[0]}: {key_of[1]}"
            elif kind in ("list_type", "tuple_type"):
                detail = f"expected a list, got {_show(err['input'])}"
                fix = _as_list(err["input"], loc, _type_at(model, loc))
            else:
                detail = f"{_show(err['input'])}: {err['msg'][0].lower()}{err['msg'][1:]}"
            code = "MOR204" if is_key else "MOR203"
            if is_key:
                detail = f"bad key: {detail}"
            msg = f"{name}: {detail}" if name else detail
            bad = err["input"]
            about = (str(loc[-1]), bad) if loc and isinstance(bad, str) and not is_key else None
            # A check of the model may say what to write instead (`away`: the shape, with
            # the dates given).
            offered = err.get("ctx", {}).get("hint", fix) if kind.startswith("morctl_") else fix
            told = offered if isinstance(offered, str) else None
            out.append(Diagnostic(file, mark.line, mark.column, "error", code, msg, told, about))
    out += [diag for full, diag in missing if full not in suggested]
    return out


# The keys whose value names something defined elsewhere: a person's role and managers, an
# activity's owner and report_role, an admission's lever, a blackout's activities.
_REFERENCES = frozenset(
    ("role", "owner", "report_role", "manager", "previous_manager", "lever", "activities")
)


def _refers(loc: tuple[Any, ...]) -> bool:
    """Whether ``loc`` is a value that refers to an id (not a key, not an id defined)."""
    names = [p for p in loc if isinstance(p, str)]
    return bool(names) and names[-1] in _REFERENCES and isinstance(loc[-1], (str, int))


def _time_as_written(detail: str, ctx: dict[str, Any], written: str) -> tuple[str, str | None]:
    """A number where text is wanted, quoted as written (`14.00`, which YAML reads as 14.0),
    and for a time, the time meant as its example, from the number as written: `at: 9.30`
    is the number 9.3, which would not tell 09:30 from 09:03. Also a hint when the time
    meant is a guess (`at: 9.3`, `at: 9.5`)."""
    from morctl.values import number_as_time_guess

    got = ctx.get("got")
    if isinstance(got, str) and got.startswith("the number "):
        detail = detail.replace(f"got {got}", f"got the number {clip(written.strip())}", 1)
    reading = number_as_time_guess(written) if ctx.get("kind") == "a time" else None
    if reading is None or "example" not in ctx:
        return detail, None
    meant, hint = reading
    return detail.replace(f"such as {ctx['example']}", f'such as "{meant}"', 1), hint


# What one entry of each section that is keyed by id is called, for a message.
_ENTRY = {"activities": "an activity", "roles": "a role", "levers": "a lever"}


def _taken_key(positions: Positions, full: Path, raw: Any) -> str | None:
    """The hint for a key refused for its capitals or spaces (`Pipeline_Review:`) whose id
    (`pipeline_review`) is a key beside it already: writing that would give the key
    twice, so it says where the other is instead; None when the id is free."""
    from morctl.model import id_meant, id_twin

    meant = id_meant(raw) if isinstance(raw, str) and full else None
    if meant is None:
        return None
    if (*full[:-1], meant) not in positions.keys:
        # `Forecast Call` stands for forecast-call: beside `forecast_call`, one id in all
        # but a dash, which a reader would take for the same activity.
        parent, depth = full[:-1], len(full)
        beside = (str(p[-1]) for p in positions.keys if len(p) == depth and p[:-1] == parent)
        meant = id_twin(meant, beside) or meant
    given = positions.keys.get((*full[:-1], meant))
    if given is None:
        return None
    what = _ENTRY.get(str(full[-2]) if len(full) > 1 else "", "a key")
    return (
        f"'{meant}' is {what} already, on line {given.line}: give this one an id of its own, "
        "in lower case, or merge the two"
    )


_FLOW_SPECIAL = re.compile(r"[\[\]{}#&*!|>'\"%@`]|: |:$|^[-?:] ")


def _as_list(value: Any, loc: Path, tp: Any) -> str | None:
    """The hint for one bare value where a list is wanted (`countries: US`, `worked:
    Columbus Day`, `dates: 2026-12-24`): the list it is, in brackets, its items split at
    commas (`US, CA` is two). Only where that list is valid: `workweek: mon-fri` is not
    `[mon-fri]`, and no hint is better than a second error."""
    from pydantic import TypeAdapter

    if not isinstance(value, str) or not value.strip() or not loc or not isinstance(loc[-1], str):
        return None
    items = [item.strip() for item in value.split(",")]
    if not all(items) or tp is None:
        return None
    try:
        TypeAdapter(tp).validate_python(items)
    except (ValidationError, TypeError, ValueError):
        return None
    shown = ", ".join(quoted(i) if _FLOW_SPECIAL.search(i) else i for i in items)
    even = ", even of one value" if len(items) == 1 else ""
    return f"a list is written in brackets{even}: {loc[-1]}: [{shown}]"


def _flow(value: Any) -> str:
    """A value as it is written in a flow mapping, for a hint: tue, [mon, thu]."""
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value) if isinstance(value, (str, int)) else "..."


def _with_value(rest: str, value: Any, written: str | None, tp: Any) -> str:
    """What goes after the colon put back, for a key of type ``tp``. `title Weekly review:
    deals` is the key 'title Weekly review' to YAML, with the value 'deals': the text
    meant is all of it, which needs quotes for its ': '. A mapping's key whose words are
    one of its keys (`cadence every: week`) is that mapping, {every: week}; for another
    type (`{every week: tue}`) the second ': ' is more likely a key left out than text.
    ``written``: a number as written (`2.50`, not 2.5)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return rest  # `{every week, on: tue}`: the key has no value of its own
    shown = written or str(value)
    if tp is str:
        return quoted(f"{rest}: {shown}")
    if isinstance(tp, type) and issubclass(tp, BaseModel) and rest in allowed_keys(tp, ()):
        return f"{{{rest}: {shown}}}"
    return rest


def _key_and_rest(text: str) -> tuple[list[str], bool]:
    """Text split where its colon should be: `every week` and `every:week` (glued, True)
    both give ['every', 'week']; text of one word gives one part."""
    key, colon, rest = text.partition(":")
    if colon and rest:
        return [key, rest], True
    return text.split(maxsplit=1), False


def _colonless(value: Any, keys: list[str]) -> tuple[str, str] | None:
    """The key and value of text that is a key of ``keys`` with its colon left out, or no
    space after it (`countries US`, `countries:US`); None for other text."""
    if not isinstance(value, str):
        return None
    parts, _ = _key_and_rest(value)
    if len(parts) == 2 and parts[0] in keys and parts[1].strip():
        return parts[0], parts[1].strip()
    return None
