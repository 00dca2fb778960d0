"""The rhythm language (DESIGN.md §3) and the roster (§4) as frozen pydantic models.

Textual values (durations, times, weekdays, selectors, dates) are parsed once here into typed
values; the JSON Schema of each field still describes the text a user writes, so editors
validate the YAML as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from morctl import values as v
from morctl.diagnostics import BIDI_CONTROLS, clip
from morctl.lookalike import unseen


def _text(kind: str, parse: Any, example: str) -> Any:
    """A BeforeValidator that parses text with ``parse`` and names the bad text. A number
    where text is wanted (`at: 0900` is the number 900 to YAML) gets an example to copy."""

    def run(raw: Any) -> Any:
        if not isinstance(raw, str):
            number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
            shown = example
            if parse is v.parse_time and number and (meant := v.number_as_time(repr(raw))):
                # `at: 0930`, `at: 1600`, `at: 21.45`: the time meant, in quotes, is the
                # example (schema_errors reads `at: 9.30` as written, which 9.3 is not).
                shown = f'"{meant}"'
            more = {}
            if parse is v.parse_duration and isinstance(raw, int) and number:
                # `capacity: 6`: six hours or six minutes, only the writer knows.
                more = {"hint": v.number_as_duration_hint(str(raw))}
            raise PydanticCustomError(
                "morctl_type",
                "expected {kind} as text, such as {example}, got {got}",
                {
                    "kind": kind,
                    "example": shown,
                    "got": f"the number {raw}" if number else _got(raw),
                    **more,
                },
            )
        try:
            return parse(raw)
        except ValueError as exc:
            raise _refused(exc) from None

    return BeforeValidator(run)


def _refused(exc: ValueError, **ctx: Any) -> PydanticCustomError:
    """A parser's refusal as a validation error, with the hint it gives, if any (a
    cadence said with its day: what `every: 2 weeks` needs besides)."""
    hint = exc.hint if isinstance(exc, v.Refused) else None
    more = {"hint": hint} if hint else {}
    return PydanticCustomError("morctl_value", "{detail}", {"detail": str(exc), **ctx, **more})


def _number(kind: str, low: float, high: float, whole: bool = False) -> Any:
    """A BeforeValidator for a number from ``low`` to ``high`` written as a YAML number:
    `true` and the text "5" are not numbers, as the JSON Schema (integer, number) says too,
    and the message names the range instead of pydantic's wording."""
    what = "a whole number" if whole else "a number"

    def run(raw: Any) -> Any:
        if (
            isinstance(raw, bool)
            or not isinstance(raw, (int, float))
            or (whole and isinstance(raw, float))
        ):
            got = f"the text {_got(raw)}" if isinstance(raw, str) else _got(raw)
            raise PydanticCustomError(
                "morctl_type",
                "expected {kind} ({what} from {low} to {high}), got {got}",
                {"kind": kind, "what": what, "low": low, "high": high, "got": got},
            )
        if not low <= raw <= high:  # also refuses .nan
            raise PydanticCustomError(
                "morctl_value",
                "{raw} is out of range; {kind} is {what} from {low} to {high}",
                {"raw": clip(str(raw)), "kind": kind, "what": what, "low": low, "high": high},
            )
        return raw

    return BeforeValidator(run)


def _version(raw: Any) -> Any:
    # YAML's `true` equals 1 in Python, and Literal[1] would take it.
    if isinstance(raw, bool):
        raise PydanticCustomError(
            "morctl_type",
            "expected the number 1 (the schema version), got {got}",
            {"got": _got(raw)},
        )
    return raw


def _got(raw: Any) -> str:
    if raw is None:
        return "nothing"
    if isinstance(raw, bool):
        return f"'{str(raw).lower()}'"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    return f"'{clip(str(raw))}'"


def _schema(pattern: str, description: str, example: str) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": "string", "pattern": pattern, "description": description, "examples": [example]}
    )


# An id names a file (PERSON.ics), an occurrence key and a calendar UID: 64 characters
# keep PERSON.ics within every file system's 255 bytes, with room to spare.
SLUG_MAX = 64
SLUG_PATTERN = rf"^[a-z0-9][a-z0-9_-]{{0,{SLUG_MAX - 1}}}$"


def id_meant(raw: str) -> str | None:
    """The id text in capitals, with spaces, accents or apostrophes stands for (`Owen`:
    owen, `Key Deals`: key-deals, `zoë`: zoe, `O'Brien`: obrien), or None when lower
    case, plain letters and dashes do not make it one."""
    if not raw.isascii():
        raw = v.without_accents(raw)
    meant = re.sub(r"\s+", "-", re.sub(r"['’]", "", raw).strip()).lower()
    return meant if re.fullmatch(SLUG_PATTERN, meant) else None


def id_twin(meant: str, ids: Iterable[str]) -> str | None:
    """The id of ``ids`` that ``meant`` is, or all but is: `forecast-call` (what `Forecast
    Call` stands for) beside `forecast_call` differs only in a dash for an underscore, and
    writing it would give two ids that read as one."""
    plain = meant.replace("-", "_")
    twins = sorted(i for i in ids if i.replace("-", "_") == plain)
    return meant if meant in twins else (twins[0] if twins else None)


def _slug(raw: Any) -> Any:
    if not isinstance(raw, str):
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
            # An employee number (`id: 1001`) is a number to YAML.
            raise PydanticCustomError(
                "morctl_type",
                "expected an id, but YAML reads this as the number {raw}: write an id made of "
                "digits in quotes, as it should read ('007' stays 007)",
                {"raw": raw},
            )
        if isinstance(raw, bool):
            raise PydanticCustomError(
                "morctl_type",
                "expected an id, got {got}, which YAML reads as a yes/no: write it in quotes",
                {"got": str(raw).lower()},
            )
        raise PydanticCustomError("morctl_type", "expected an id, got {got}", {"got": _got(raw)})
    import re

    if len(raw) > SLUG_MAX and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", raw):
        raise PydanticCustomError(
            "morctl_slug",
            "'{raw}' is too long for an id ({n} characters): at most {max}, as it names "
            "a calendar file and every meeting's key",
            {"raw": raw, "n": len(raw), "max": SLUG_MAX},
        )
    if not re.fullmatch(SLUG_PATTERN, raw):  # not match: its $ passes a final newline
        # `id: Owen`: say which id was meant (dropped for a reference such as `role:`,
        # where the id is defined elsewhere: schema_errors._refers; and where another
        # already has it: workspace._taken_ids, schema_errors).
        meant = id_meant(raw)
        # An invisible character pasted in: the id shown may be a sound one, so say what
        # to delete rather than the id it would be.
        like = unseen(raw) or (f" (write '{meant}')" if meant else "")
        raise PydanticCustomError(
            "morctl_slug",
            "'{raw}' is not an id{like}: use lower-case letters, digits, '_' and '-', "
            "starting with a letter or digit",
            {"raw": raw, "like": like},
        )
    return raw


Slug = Annotated[
    str, BeforeValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})
]

# Control characters (a YAML escape like "\e" or a stray byte in org.csv) would garble the
# terminal, the checklists and the calendars that show this text. Tab and line breaks are
# text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Text that reorders itself: refused where people read it (see diagnostics.BIDI_CONTROLS).
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _plain(raw: str) -> str:
    if m := _CONTROL.search(raw):
        raise PydanticCustomError(
            "morctl_value",
            "contains the control character U+{code} (character {at}); remove it",
            {"code": f"{ord(m.group()):04X}", "at": m.start() + 1},
        )
    if m := _BIDI.search(raw):
        raise PydanticCustomError(
            "morctl_value",
            "contains the bidirectional control U+{code} (character {at}), which changes "
            "the order the text is shown in: managers would not see what reviewers read; "
            "remove it",
            {"code": f"{ord(m.group()):04X}", "at": m.start() + 1},
        )
    return raw


_BREAK = re.compile("[\n\r\u2028\u2029]")


def _one_line(raw: str) -> str:
    if m := _BREAK.search(raw):
        raise PydanticCustomError(
            "morctl_value",
            "has a line break (character {at}), but it is shown on one line (a calendar "
            "title, a table row); remove the break",
            {"at": m.start() + 1},
        )
    return raw


# Free text that people read: descriptions, standards, checklist steps.
Text = Annotated[str, AfterValidator(_plain)]


def _filled(raw: str) -> str:
    if not raw.strip():
        raise PydanticCustomError("morctl_value", "is blank: give the text people will read", {})
    return raw


# A line of text: shown on one line in calendars, checklists and report tables.
Line = Annotated[str, AfterValidator(_plain), AfterValidator(_one_line)]
# A name or a title, which headings and calendar events show: never blank ("##  (marcus)").
Name = Annotated[
    str,
    AfterValidator(_plain),
    AfterValidator(_one_line),
    AfterValidator(_filled),
    WithJsonSchema({"type": "string", "pattern": "\\S"}),
]
Minutes = Annotated[
    int,
    _text("a duration", v.parse_duration, "30m"),
    _schema(v.DURATION_PATTERN, "A duration", "30m"),
]
LocalTime = Annotated[
    time,
    _text("a time", v.parse_time, '"09:00"'),
    _schema(v.TIME_PATTERN, "Local wall-clock time, 24-hour HH:MM", "09:00"),
]
Weekday = Annotated[
    int, _text("a weekday", v.parse_weekday, "tue"), _schema(v.WEEKDAY_PATTERN, "A weekday", "tue")
]
IsoDate = Annotated[
    date,
    _text("a date", v.parse_date, "2026-02-01"),
    _schema(v.DATE_PATTERN, "A date, YYYY-MM-DD", "2026-02-01"),
]
GraceDays = Annotated[
    int, _text("a number of days", v.parse_grace, "2d"), _schema(v.GRACE_PATTERN, "Days", "2d")
]
# Serialized as the text a user writes. A function and its return type, not `str` itself:
# pydantic before 2.8 looks for the serializer's signature, which a builtin type lacks.
_AS_TEXT = PlainSerializer(lambda value: str(value), return_type=str)
EveryT = Annotated[
    v.Every,
    _text("a cadence", v.parse_every, "week"),
    _schema(v.EVERY_PATTERN, "day, week, N weeks, month, quarter or year", "week"),
    _AS_TEXT,
]
MonthDayT = Annotated[
    v.MonthDay,
    _text("a month and day", v.parse_month_day, '"02-01"'),
    _schema(v.MONTH_DAY_PATTERN, "MM-DD", "02-01"),
    _AS_TEXT,
]

# A weekday, a list of them, a day selector: the forms of a cadence's `on` (which one a
# cadence takes depends on its `every`: see schema._rules).
ON_FORMS: list[dict[str, Any]] = [
    {"type": "string", "pattern": v.WEEKDAY_PATTERN},
    {
        "type": "array",
        "items": {"type": "string", "pattern": v.WEEKDAY_PATTERN},
        "minItems": 1,
        "uniqueItems": True,
    },
    {"type": "string", "pattern": v.SELECTOR_PATTERN},
]
_ON_SCHEMA = {
    "description": "Weekday(s) for weekly cadences; a selector for month, quarter and year",
    "anyOf": ON_FORMS,
}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _worked_item(raw: Any) -> date | str:
    """A public holiday worked: a date (``2027-03-09``), else a holiday's name."""
    if not isinstance(raw, str):
        raise PydanticCustomError(
            "morctl_type",
            "expected a date or a public holiday's name as text, such as 2027-03-09 or "
            "Columbus Day, got {got}",
            {"got": f"the number {raw}" if isinstance(raw, (int, float)) else _got(raw)},
        )
    # Anything shaped like a date is one, and must be a real one (2027-02-30 is refused).
    if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", raw):
        try:
            return v.parse_date(raw)
        except ValueError as exc:
            raise PydanticCustomError("morctl_value", str(exc)) from None
    if not raw.strip():
        raise PydanticCustomError(
            "morctl_value", "is blank: give a date or a public holiday's name", {}
        )
    return _one_line(_plain(raw))


WorkedItem = Annotated[
    date | str,
    BeforeValidator(_worked_item),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "\\S",
            "description": "A date (YYYY-MM-DD) or the name of a public holiday, in English",
            "examples": ["Columbus Day", "2027-03-09"],
        }
    ),
    PlainSerializer(lambda value: str(value), return_type=str),
]


class Holidays(Frozen):
    countries: tuple[str, ...] = ()
    dates: tuple[IsoDate, ...] = ()
    worked: tuple[WorkedItem, ...] = ()


class Blackout(Frozen):
    name: Name
    from_: IsoDate = Field(alias="from")
    to: IsoDate
    activities: tuple[Slug, ...] | None = None


# The Field comes first: it sets the bounds of the number the JSON Schema describes.
Share = Annotated[float, Field(ge=0, le=1), _number("a share", 0, 1)]
Rating = Annotated[float, Field(ge=1, le=5), _number("a rating", 1, 5)]
Span = Annotated[int, Field(ge=0, le=v.MAX_SPAN), _number("a span", 0, v.MAX_SPAN, whole=True)]


class Targets(Frozen):
    adherence: Share | None = None
    on_time: Share | None = None
    useful: Rating | None = None


class Role(Frozen):
    title: Name
    capacity: Minutes | None = None
    span: Span | None = None


def _on_either_form(raw: Any) -> None:
    """'on' when 'every' is wrong: one run reports every mistake, so an 'on' that is
    neither weekdays nor a day selector is reported too (`on: tues` beside `every:
    fortnight`); which form it must take waits until 'every' is fixed."""
    items = raw if isinstance(raw, list) else [raw]
    if raw is None or not all(isinstance(item, str) for item in items):
        return None
    problems: list[tuple[int, ValueError]] = []
    for i, item in enumerate(items):
        try:
            v.parse_weekday(item, cadence=True)
        except ValueError as exc:
            problems.append((i, exc))
    if problems and isinstance(raw, str):
        try:
            v.parse_selector(raw)
            return None
        except ValueError as exc:
            if " " in raw.strip():  # written as a selector ('2nd wedn'): say why it is not one
                problems = [(0, exc)]
    if problems:
        i, error = problems[0]
        # "index" points the diagnostic at the list item (see schema_errors).
        raise _refused(error, **({"index": i} if isinstance(raw, list) else {}))
    return None


class Cadence(Frozen):
    every: EveryT
    on: Annotated[tuple[int, ...] | v.Selector | None, WithJsonSchema(_ON_SCHEMA)] = None
    at: LocalTime | None = None
    for_: Minutes = Field(alias="for")
    starting: IsoDate | None = None
    until: IsoDate | None = None
    grace: GraceDays = 0
    on_holiday: Literal["skip", "previous", "next"] = "skip"

    @field_validator("at", mode="before")
    @classmethod
    def _at(cls, raw: Any) -> Any:
        # `at:` left blank reads as no `at` at all, which makes every meeting of the
        # activity an all-day item: a time deleted by mistake, most likely.
        if raw is None:
            raise PydanticCustomError(
                "morctl_value",
                "no time given: write one such as 09:00, or delete 'at' for an all-day item",
            )
        return raw

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, raw: Any, info: ValidationInfo) -> Any:
        every = info.data.get("every")
        if every is None:  # 'every' itself is wrong and already reported
            return _on_either_form(raw)
        if raw is None:
            return raw
        if every.unit == "day":
            raise PydanticCustomError(
                "morctl_value", "'every: day' takes no 'on': it runs every business day"
            )
        if every.unit == "week":
            items = raw if isinstance(raw, list) else [raw]
            if not items:
                raise PydanticCustomError("morctl_value", "give at least one weekday")
            days: list[int] = []
            # "index" points the diagnostic at the list item (see schema_errors).
            for i, item in enumerate(items):
                at = {"index": i} if isinstance(raw, list) else {}
                if not isinstance(item, str):
                    raise PydanticCustomError(
                        "morctl_type", "expected a weekday, got {got}", {"got": _got(item), **at}
                    )
                try:
                    day = v.parse_weekday(item, cadence=True, weeks=every.n)
                except ValueError as exc:
                    raise _refused(exc, **at) from None
                if day in days:
                    raise PydanticCustomError(
                        "morctl_value", "'{item}' is listed twice", {"item": item, **at}
                    )
                days.append(day)
            return tuple(sorted(days))
        if not isinstance(raw, str):
            raise PydanticCustomError(
                "morctl_type",
                "a {unit} cadence takes one day selector like 'last business day', got {got}",
                {"unit": every.unit, "got": _got(raw)},
            )
        try:
            return v.parse_selector(raw, unit=every.unit)
        except ValueError as exc:
            raise _refused(exc) from None

    @property
    def weekdays(self) -> tuple[int, ...]:
        return self.on if isinstance(self.on, tuple) else ()

    @property
    def selector(self) -> v.Selector | None:
        return self.on if isinstance(self.on, v.Selector) else None


class Evidence(Frozen):
    happened: Literal["log", "calendar", "crm"] | None = None
    useful: Text | None = None


class Admission(Frozen):
    lever: Text | None = None
    standard: Text | None = None
    evidence: Evidence | None = None


class Activity(Frozen):
    title: Name
    area: Literal["visibility", "talent", "execution"]
    owner: Slug
    with_: Literal["team", "each_report", "alone"] = Field(default="team", alias="with")
    report_role: Slug | None = None
    cadence: Cadence
    admission: Admission | None = None
    checklist: tuple[Text, ...] = ()
    location: Text | None = None
    description: Text | None = None


class Away(Frozen):
    from_: IsoDate = Field(alias="from")
    to: IsoDate
    reason: Text | None = None


# `away` in the shapes people write it instead of a list of {from, to}: a range as text
# (`2026-11-23 to 2026-11-27`), one period without its list, the two dates as a list. Each
# is refused with the shape to write as the hint, holding the dates given where there are
# any (ISO dates only: 23/11 may be either way round).
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNREAD = "YYYY-MM-DD"  # a date the text gives in another form, or not at all


def away_period(text: str, reason: object = None) -> str:
    """One period as a flow mapping, from the first and the last date in ``text``; a date
    not written as YYYY-MM-DD is left for the user to fill in, never made up (23/11 may be
    either way round), and so is a reason not given."""
    found = _ISO_DATE.findall(text)
    if len(found) == 1 and re.search(r"\d", _ISO_DATE.sub("", text)):
        found.append(_UNREAD)  # `2026-11-23 to 27 Nov`: the end is there, in other words
    found = found or [_UNREAD]
    period = f"from: {found[0]}, to: {found[-1]}"
    if isinstance(reason, str) and reason.strip():
        why = clip(reason.strip())
        if re.search(r"[,:{}\[\]#&*!|>'\"%@`]", why):  # text that flow YAML needs quoted
            why = json.dumps(why, ensure_ascii=False)
        period += f", reason: {why}"
    return f"{{{period}}}"


def _away_refused(message: str, got: str, periods: list[str]) -> PydanticCustomError:
    shown = ", ".join(periods[:3]) + (", ..." if len(periods) > 3 else "")
    return PydanticCustomError(
        "morctl_type",
        message + ", got {got}",
        {"got": got, "hint": f"write each period as {{from, to}}, in a list: away: [{shown}]"},
    )


def _away(raw: Any) -> Any:
    if isinstance(raw, list):
        if not raw or any(isinstance(item, dict) for item in raw):
            return raw  # a period that is not a mapping is refused on its own, below
        texts = [str(item) for item in raw]
        dated = all(len(_ISO_DATE.findall(t)) == 1 for t in texts)
        if dated and len(texts) == 2:  # [2026-11-23, 2026-11-27]: one period's two ends
            periods = [away_period(" ".join(texts))]
        elif any(_ISO_DATE.search(t) for t in texts):
            periods = [away_period(t) for t in texts]
        else:
            periods = [away_period("")]
        got = "a list of dates" if dated else "a list of values"
        raise _away_refused("expected a list of away periods, each {from, to}", got, periods)
    if isinstance(raw, dict):
        given = [raw[k] for k in ("from", "to") if k in raw] or [
            part
            for pair in raw.items()
            for part in pair  # {2026-11-23: 2026-11-27}
        ]
        got = "one period, not in a list" if "from" in raw or "to" in raw else "a mapping"
        text = " ".join(str(value) for value in given)
        raise _away_refused(
            "expected a list of away periods", got, [away_period(text, raw.get("reason"))]
        )
    raise _away_refused("expected a list of away periods", _got(raw), [away_period(str(raw or ""))])


# What other tools call the ends of a period, and the key morctl reads.
_AWAY_KEYS = {"start": "from", "start_date": "from", "begin": "from", "end": "to",
              "end_date": "to", "until": "to"}  # fmt: skip


def _away_item(raw: Any) -> Any:
    if isinstance(raw, dict) and "from" not in raw and "to" not in raw:
        other = [k for k in raw if isinstance(k, str) and k.lower() in _AWAY_KEYS]
        if other:  # {start: ..., end: ...}: one mistake, not two unknown and two missing keys
            ends = {_AWAY_KEYS[k.lower()]: raw[k] for k in other}
            text = f"{ends.get('from', _UNREAD)} {ends.get('to', _UNREAD)}"
            raise PydanticCustomError(
                "morctl_type",
                "an away period's ends are from and to, got {got}",
                {
                    "got": " and ".join(other),
                    "hint": f"write it as {away_period(text, raw.get('reason'))}",
                },
            )
    if isinstance(raw, dict):
        return raw
    period = away_period(str(raw or ""))
    raise PydanticCustomError(
        "morctl_type",
        "expected an away period {from, to}, got {got}",
        {"got": _got(raw), "hint": f"write it as {period}"},
    )


AwayList = Annotated[
    tuple[Annotated[Away, BeforeValidator(_away_item)], ...], BeforeValidator(_away)
]


class Person(Frozen):
    id: Slug
    name: Name
    email: Line | None = None
    role: Slug
    manager: Slug | None = None
    timezone: str | None = None
    country: str | None = None
    away: AwayList = ()
    # The first and last day the person is in the team (a new hire, a leaver): nothing of
    # theirs, and no per-report meeting with them, is scheduled outside these days.
    joined: IsoDate | None = None
    left: IsoDate | None = None
    # A move between teams: the person reports to `manager` from `manager_since` on, and
    # to `previous_manager` before it (so each manager keeps the 1:1s of their own days).
    manager_since: IsoDate | None = None
    previous_manager: Slug | None = None

    def active_on(self, day: date) -> bool:
        """Whether ``day`` is between the person's `joined` and `left` days (inclusive)."""
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day <= self.left
        )

    @property
    def dated(self) -> bool:
        """Whether the person's days in a team are bounded (`joined`, `left`, a move)."""
        return self.joined is not None or self.left is not None or self.manager_since is not None

    @property
    def managers(self) -> tuple[str, ...]:
        """Whose team the person is in on some day: `manager`, and `previous_manager` when
        `manager_since` gives the day of the change (without it, no day is theirs)."""
        before = self.previous_manager if self.manager_since is not None else None
        return tuple(m for m in dict.fromkeys((self.manager, before)) if m is not None)

    def manager_on(self, day: date) -> str | None:
        """The manager the person reports to on ``day``: `previous_manager` before
        `manager_since`, `manager` from it on."""
        if self.manager_since is not None and day < self.manager_since:
            return self.previous_manager
        return self.manager


class AwayEntry(Frozen):
    """An entry of ``org.yaml`` beside ``org.csv`` with only ``id`` and ``away``: the away
    periods of a person of the export, which has no column for them. It defines nobody."""

    id: Slug
    away: AwayList


class Rhythm(Frozen):
    """A whole ``rhythm.yaml``, schema version 1."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        title="morctl rhythm",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    morctl: Annotated[Literal[1], BeforeValidator(_version)]
    id: Slug
    name: Name
    timezone: str = "UTC"
    effective: IsoDate | None = None
    workweek: Annotated[
        tuple[Weekday, ...], Field(json_schema_extra={"minItems": 1, "uniqueItems": True})
    ] = (0, 1, 2, 3, 4)
    fiscal_year_start: MonthDayT = v.MonthDay(1, 1)
    holidays: Holidays = Holidays()
    blackouts: tuple[Blackout, ...] = ()
    targets: Targets = Targets()
    levers: dict[Slug, Text] = {}
    roles: dict[Slug, Role]
    activities: dict[Slug, Activity]
    people: tuple[Person, ...] | None = None
