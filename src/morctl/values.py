"""Parsers for the small textual values of the rhythm language: durations, times, weekdays,
cadence periods and selectors. Each is parsed once, into a typed value, with a message that
names the bad text."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from morctl.diagnostics import clip, joined

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?$", re.ASCII)
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$", re.ASCII)
_GRACE = re.compile(r"^(\d+)d$", re.ASCII)
_EVERY = re.compile(r"^(?:(\d+)\s+)?(day|week|weeks|month|quarter|year)$", re.ASCII)
_ORDINAL = re.compile(r"^(\d+(?:st|nd|rd|th)|last)\s+(mon|tue|wed|thu|fri|sat|sun)$", re.ASCII)
_BUSINESS_DAY = re.compile(r"^business day (-?\d+)$", re.ASCII)
_DAY = re.compile(r"^day (-?\d+)$", re.ASCII)
_MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$", re.ASCII)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)

# Bounds that keep date arithmetic far from Python's limits (a date of 9999-12-31 plus a
# day overflows) while leaving room for every real rhythm.
MIN_YEAR, MAX_YEAR = 1900, 2999
MAX_DURATION = 168 * 60  # minutes: a week
MAX_GRACE_DAYS = 366
MAX_WEEKS = 52
# The largest team a role's `span` may stand for: each_report activities run one slot per
# report, and a thousand back-to-back slots is already weeks of meetings.
MAX_SPAN = 1000


class Refused(ValueError):
    """A value refused, with what to write instead beside the message: the diagnostic's
    hint (`every other Tuesday` is every 2 weeks, which counts from a start date)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _padded(pattern: str) -> str:
    """A JSON Schema pattern that allows the spaces around a value that the parsers strip
    (`at: " 09:00"`), so that an editor does not flag what validate accepts."""
    return "^\\s*" + pattern.removeprefix("^").removesuffix("$") + "\\s*$"


# JSON Schema patterns: what an editor checks as you type. They refuse what the parsers
# refuse by form (a duration or a count of 0, month 13), not by range (168h, 52 weeks).
# After hours, minutes go up to 59 (`1h75m` is refused); alone they may be more (`90m`).
DURATION_PATTERN = _padded(r"^(\d+h0*([1-9]|[1-5]\d)m|0*[1-9]\d*h(0+m)?|0*[1-9]\d*m)$")
TIME_PATTERN = _padded(_TIME.pattern)
GRACE_PATTERN = _padded(_GRACE.pattern)
# Only weeks take a count other than 1 (`2 weeks`; `1 month` is a month).
EVERY_WEEKS_PATTERN = _padded(r"^((0*[1-9]\d*) +)?(week|weeks)$")
EVERY_MONTHS_PATTERN = _padded(r"^(0*1 +)?(month|quarter|year)$")
EVERY_DAY_PATTERN = _padded(r"^(0*1 +)?day$")
EVERY_PATTERN = _padded(r"^(((0*[1-9]\d*) +)?(week|weeks)|(0*1 +)?(day|month|quarter|year))$")


def _as_read(pattern: str) -> str:
    """A JSON Schema pattern for text that the parsers read without regard to case and
    spaces (``Tue``, `` first  Business Day``), so that an editor does not flag what
    validate accepts. JSON Schema patterns have no flags: each letter becomes ``[xX]``."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":  # an escape such as \d stays as it is
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        elif ch == " ":
            out.append(" +")
        elif ch == "^":
            out.append("^\\s*")
        elif ch == "$":
            out.append("\\s*$")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


SELECTOR_PATTERN = _as_read(
    r"^(first business day|last business day|business day -?0*[1-9]\d*|day -?0*[1-9]\d*|"
    r"(\d+(st|nd|rd|th)|last) (mon|tue|wed|thu|fri|sat|sun))$"
)
WEEKDAY_PATTERN = _as_read(r"^(mon|tue|wed|thu|fri|sat|sun)$")
MONTH_DAY_PATTERN = _padded(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
DATE_PATTERN = _padded(_DATE.pattern)


def parse_duration(text: str) -> int:
    """``30m``, ``1h``, ``1h30m`` → minutes (> 0). Minutes alone may be 60 or more (`90m`);
    after hours they go up to 59, as on a clock."""
    m = _DURATION.match(text.strip())
    if not m or not (m.group(1) or m.group(2)):
        why = f"'{clip(text)}' is not a duration; write it like 30m, 1h or 1h30m"
        if text.strip().isdigit():
            # `capacity: "6"`: six hours or six minutes, only the writer knows.
            raise Refused(why, number_as_duration_hint(text.strip()))
        meant = _duration_meant(text)
        raise ValueError(why + (f" (write '{meant}')" if meant else ""))
    if m.group(1) and m.group(2) and int(m.group(2)) >= 60:
        # `1h75m`: a typo for 1h15m or 1h45m as likely as 2h15m, so it is not read.
        total = format_duration(int(m.group(1)) * 60 + int(m.group(2)))
        raise ValueError(
            f"'{clip(text)}' is not a duration: minutes after the hours go up to 59 "
            f"(write '{total}')"
        )
    minutes = int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    if minutes <= 0:
        raise ValueError(f"'{clip(text)}' is not a positive duration")
    if minutes > MAX_DURATION:
        raise ValueError(f"'{clip(text)}' is longer than a week; durations go up to 168h")
    return minutes


def number_as_duration_hint(number: str) -> str:
    """The hint for a duration given as a number alone: which unit is not guessed."""
    return f"a number alone says neither minutes nor hours: write {number}m or {number}h"


_DURATION_SAID = re.compile(
    r"(?:(\d+(?:\.\d+)?) ?(?:h|hrs?|hours?))? ?(?:and )?(?:(\d+) ?(?:m|mins?|minutes?))?",
    re.ASCII,
)


def _duration_meant(text: str) -> str | None:
    """The duration a length written in words or with a fraction means, as morctl writes
    it: '30 minutes' → 30m, '0.5h' → 30m, '1 hour 30 minutes' and '1h30' → 1h30m. None for
    anything else, and for a fraction that is no whole number of minutes people use."""
    t = " ".join(text.strip().lower().replace(",", " ").split())
    if m := re.fullmatch(r"(\d+)h([0-5]\d)", t, re.ASCII):  # `1h30`, the m left off
        t = f"{m[1]}h{m[2]}m"
    m = _DURATION_SAID.fullmatch(t)
    if not m or not (m[1] or m[2]):
        return None
    hours = float(m[1] or 0) * 60
    if hours % 15:  # 0.5h and 1.25h are said; 0.1h, six minutes, is not
        return None
    minutes = int(hours) + int(m[2] or 0)
    if not 0 < minutes <= MAX_DURATION:
        return None
    return format_duration(minutes)


def format_duration(minutes: float) -> str:
    """Minutes → ``1h30m``; fractions are rounded to the minute."""
    whole = round(minutes)
    sign = "-" if whole < 0 else ""
    h, m = divmod(abs(whole), 60)
    if h and m:
        return f"{sign}{h}h{m:02d}m"
    return f"{sign}{h}h" if h else f"{sign}{m}m"


# Working hours: a start before DAY_START, or a run that ends after DAY_END, is warned
# about (MOR501).
DAY_START, DAY_END = time(7, 0), time(19, 0)


def parse_time(text: str) -> time:
    """``09:30`` → time(9, 30); 24-hour clock, two digits each."""
    m = _TIME.match(text.strip())
    if not m:
        meant = _time_meant(text)
        like = f" ({_time_meant_said(meant)})" if meant else ""
        raise ValueError(
            f"'{clip(text)}' is not a time; write it as HH:MM on the 24-hour clock{like}"
        )
    return time(int(m.group(1)), int(m.group(2)))


def _time_meant_said(meant: str) -> str:
    """The HH:MM a time written another way means, and whether it starts outside working
    hours: `at: midnight` is 00:00, which MOR501 would warn about once written so."""
    hours, minutes = (int(part) for part in meant.split(":"))
    if DAY_START <= time(hours, minutes) < DAY_END:
        return f"'{meant}'"
    return f"'{meant}', outside working hours: {DAY_START:%H:%M}–{DAY_END:%H:%M}"


_TIME_SAID = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?(am|pm|a\.m\.|p\.m\.)?", re.ASCII)
# Times said in words, with or without the hour: `noon`, `12 noon`, `midnight`.
_TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


def number_as_time(written: str) -> str | None:
    """The HH:MM meant by a time that YAML reads as a number, from the number as written:
    1600 and 0930 (hours and minutes run together), 9.30 and 21.45 (a dot for the colon).
    None where the minutes are not two digits: 9.5 may be 09:30 or 09:50."""
    m = re.fullmatch(r"(\d{1,2})\.?(\d\d)", written.strip(), re.ASCII)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return f"{int(m.group(1)):02d}:{m.group(2)}"


_HOURS = (
    *("twelve", "one", "two", "three", "four", "five"),
    *("six", "seven", "eight", "nine", "ten", "eleven"),
)


def _clock(hour: int, minute: int) -> str:
    """A time as said aloud, for a minute that is a multiple of ten: `half past nine`."""
    if minute <= 30:
        past = {0: "", 10: "ten past ", 20: "twenty past ", 30: "half past "}[minute]
        return f"{past}{_HOURS[hour % 12]}" + (" o'clock" if minute == 0 else "")
    to = {40: "twenty to ", 50: "ten to "}[minute]
    return f"{to}{_HOURS[(hour + 1) % 12]}"


def number_as_time_guess(written: str) -> tuple[str, str | None] | None:
    """The HH:MM most likely meant by a time that YAML reads as a number, from the number
    as written, with a hint when that is a guess; None when no time is likely meant.

    Two digits after the dot (or run together, 0930) are hours and minutes, as
    number_as_time reads them. One digit after the dot is that with its last 0 left off:
    `9.3` is how 9.30 (half past nine, said with a dot in British usage) reads once a
    spreadsheet or an editor has trimmed it, while 9.3 hours, 09:18, is a time nobody
    sets a meeting at. So .1 to .4 are 10 to 40 minutes, told as a guess. `9.5` is the one
    that reads two ways: 9.50 trimmed (09:50), or nine and a half hours (09:30), which is
    how a duration-minded person writes half past nine; both are offered, and 09:05 is
    not, as that would be written 9.05. `.6` to `.9` would be 60 to 90 minutes, and as
    hours 09:36 to 09:54: no likely time, so none is offered. `.0` is the hour either way.
    """
    if (exact := number_as_time(written)) is not None:
        return exact, None
    m = re.fullmatch(r"(\d{1,2})\.(\d)", written.strip(), re.ASCII)
    if m is None or int(m.group(1)) > 23:
        return None
    hour, tenth = int(m.group(1)), int(m.group(2))
    if tenth == 0:
        return f"{hour:02d}:00", None
    if tenth == 5:
        half, fifty = f"{hour:02d}:30", f"{hour:02d}:50"
        return half, (
            f'write "{half}" if you meant {_clock(hour, 30)} ({written.strip()} hours), or '
            f'"{fifty}" if you meant {_clock(hour, 50)} ({hour}.50)'
        )
    if tenth > 5:
        return None
    meant = f"{hour:02d}:{tenth}0"
    return meant, f'write "{meant}" if you meant {_clock(hour, tenth * 10)}'


def _time_meant(text: str) -> str | None:
    """The HH:MM a time written another common way means: 9:30, 9am, 4.30pm, 2 pm, 14h30,
    noon, midnight.

    A bare number without minutes or am/pm is left alone: YAML reads it as a number, and
    it is not plain which hour was meant.
    """
    words = " ".join(text.strip().lower().split())
    for word, meant in _TIME_WORDS.items():
        if words in (word, f"12 {word}", f"12{word}"):
            return meant
    said = _TIME_SAID.fullmatch(text.strip().lower().replace(" ", ""))
    if not said or (said.group(2) is None and said.group(3) is None):
        return None
    hour, minute, half = int(said.group(1)), int(said.group(2) or 0), said.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_grace(text: str) -> int:
    """``2d`` → 2 (days)."""
    m = _GRACE.match(text.strip())
    if not m:
        raise ValueError(f"'{clip(text)}' is not a number of days; write it like 0d or 2d")
    days = int(m.group(1))
    if days > MAX_GRACE_DAYS:
        raise ValueError(f"'{clip(text)}' is more than a year; grace goes up to {MAX_GRACE_DAYS}d")
    return days


def parse_weekday(text: str, *, cadence: bool = False, weeks: int = 1) -> int:
    """``tue`` → 1 (Monday is 0). ``cadence``: the day of a weekly cadence's ``on``, which a
    mistake may say should be another cadence ('weekdays', '2nd Wednesday', 'every other
    Tuesday' beside ``weeks``, the cadence's count of weeks)."""
    t = text.strip().lower()
    if t not in WEEKDAYS:
        meant = _weekday_meant(t)
        days = [_weekday_meant(p) or p for p in re.split(r"(?:\s*[,/&]\s*|\s+and\s+|\s+)", t)]
        said = cadence_with_day(t) if cadence else None
        if said is not None and said[0] == str(Every("week", weeks)):
            meant = said[1]  # `every other Tuesday` in a cadence of every 2 weeks
        if meant:
            like = f" (write '{meant}')"
        elif said is not None:
            why = f"'{clip(text)}' is not a weekday; use one of {', '.join(WEEKDAYS)}"
            raise _cadence_refused(why, text, said)
        elif len(days) > 1 and all(day in WEEKDAYS for day in days):
            like = f" (several days are a list: [{', '.join(days)}])"
        elif cadence and " ".join(t.split()) in _EVERY_WORKDAY:
            like = " (a meeting every workday is every: day, with no on)"
        elif cadence and (day := _selector_or_none(t)) is not None:
            like = f" (a day of the month such as '{day}' needs every: month)"
        else:
            like = ""
        raise ValueError(f"'{clip(text)}' is not a weekday; use one of {', '.join(WEEKDAYS)}{like}")
    return WEEKDAYS.index(t)


_EVERY_WORKDAY = frozenset(
    ("weekdays", "workdays", "every day", "daily", "mon-fri", "monday-friday", "mon - fri")
)


def _selector_or_none(text: str) -> str | None:
    """The selector ``text`` is or plainly means ('2nd Wednesday': '2nd wed'), else None."""
    try:
        return str(parse_selector(text, suggest=False))
    except ValueError:
        return _selector_meant(" ".join(text.split()))


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_meant(text: str) -> str | None:
    """The three-letter weekday a longer name means: Tuesday, tues, thurs, weds, Fridays."""
    t = text.strip().lower().rstrip(".").removeprefix("every ")
    if t == "weds":
        return "wed"
    for short, name in zip(WEEKDAYS, _DAY_NAMES, strict=True):
        if len(t) >= 3 and (name.startswith(t) or t == f"{name}s"):
            return short
    return None


def _why_not(text: str) -> str:
    """Why a YYYY-MM-DD that is not a date is not one: the month has fewer days."""
    import calendar

    year, month, day = (int(p) for p in text.split("-"))
    if not 1 <= month <= 12:
        return f" (there is no month {month})"
    if not 1 <= year <= 9999:
        return ""
    days = calendar.monthrange(year, month)[1]
    return f" ({calendar.month_name[month]} {year} has {days} days)" if day > days else ""


_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", re.ASCII)


_MONTH_WORD = r"([a-z]{3,9})\.?"
_DAY_WORD = r"(\d{1,2})(?:st|nd|rd|th)?"
# `July 1`, `Jul 1st`, `July, 1`; `1 July`, `1st of July`, `the 1st of July`; `July` alone.
_SAID_MONTH_FIRST = re.compile(rf"{_MONTH_WORD},? +(?:the +)?{_DAY_WORD}", re.ASCII)
_SAID_DAY_FIRST = re.compile(rf"(?:the +)?{_DAY_WORD}(?: +of)? +{_MONTH_WORD}", re.ASCII)
# A day with its year, in words, as people and mail clients write one: `3 Nov 2026`, `Tue
# 3rd November 2026`, `Nov 3, 2026`: the same words after a weekday, and the year.
_SAID_WEEKDAY = r"(?:[a-z]{3,9}\.?,? +)?"
_SAID_DAY_FIRST_YEAR = re.compile(
    rf"{_SAID_WEEKDAY}{_SAID_DAY_FIRST.pattern},? +(\d{{4}})", re.ASCII
)
_SAID_MONTH_FIRST_YEAR = re.compile(
    rf"{_SAID_WEEKDAY}{_SAID_MONTH_FIRST.pattern},? +(\d{{4}})", re.ASCII
)


def _meant(text: str) -> str:
    """The ISO date(s) a day written another way stands for: 2026/11/23 or 2026-3-1, and
    23/11/2026 or 11/23/2026, read the European and the American way (03/04/2026: both;
    03.04.2026 day first only),
    and 3 Nov 2026 or Nov 3, 2026."""
    readings: list[tuple[int, int, int]] = []
    if m := _YEAR_FIRST.fullmatch(text):
        readings = [(int(m[1]), int(m[2]), int(m[3]))]
    elif m := _DAY_FIRST.fullmatch(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        # No locale writes the month first with dots (03.11.2026 is 3 November).
        readings = [(year, b, a)] if "." in text else [(year, b, a), (year, a, b)]
    elif (m := _SAID_DAY_FIRST_YEAR.fullmatch(said := " ".join(text.lower().split()))) and (
        month := _month_number(m[2])
    ):
        readings = [(int(m[3]), month, int(m[1]))]
    elif (m := _SAID_MONTH_FIRST_YEAR.fullmatch(said)) and (month := _month_number(m[1])):
        readings = [(int(m[3]), month, int(m[2]))]
    real: list[str] = []
    for year, month, day in readings:
        with contextlib.suppress(ValueError):
            if (iso := date(year, month, day).isoformat()) not in real:
                real.append(iso)
    return f" (did you mean {joined(real, 'or')}?)" if real else ""


def parse_date(text: str) -> date:
    """``2026-02-01`` → date; only ISO calendar dates."""
    if not _DATE.match(text.strip()):
        raise ValueError(
            f"'{clip(text)}' is not a date; write it as YYYY-MM-DD{_meant(text.strip())}"
        )
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{clip(text)}' is not a real date{_why_not(text.strip())}") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(
            f"'{clip(text)}' is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"
        )
    return day


# A date with a time, as CRM and calendar exports write them: `2026-11-17 09:00`,
# `2026-11-17T09:30:00.000Z`, `2026-11-17T09:30:00-06:00`, `2026-11-17 09:00:00 +0100`.
# Matched by hand, not with datetime.fromisoformat: that refuses the `UTC` and `GMT`
# suffixes exports write, and a bad date part must go to parse_date, whose message says
# why it is not a real date ("November 2026 has 30 days").
_DATE_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,]\d+)?)?"
    r"(?: ?(?:(Z|UTC|GMT)|([+-])([01]\d|2[0-3]):?([0-5]\d)?))?",
    re.ASCII | re.IGNORECASE,
)


def parse_date_time(text: str) -> tuple[date, datetime | None] | None:
    """The day a date with a time is written on, and, when it gives an offset or Z, the
    moment it names; None for text that is not a date with a time (a date alone included).
    Raises ValueError, as :func:`parse_date` does, for a date part that is not a real date."""
    m = _DATE_TIME.fullmatch(text.strip())
    if m is None:
        return None
    day = parse_date(m[1])
    zulu, sign, hours, minutes = m.group(5, 6, 7, 8)
    if zulu is None and sign is None:
        return day, None
    east = 0 if zulu else (int(hours) * 60 + int(minutes or 0)) * (-1 if sign == "-" else 1)
    offset = _OFFSETS.get(east)
    if offset is None:
        offset = _OFFSETS[east] = timezone(timedelta(minutes=east))
    second = int(m[4] or 0)
    return day, datetime(day.year, day.month, day.day, int(m[2]), int(m[3]), second, 0, offset)


_OFFSETS: dict[int, timezone] = {0: UTC}


@dataclass(frozen=True)
class MonthDay:
    """A day of the year without a year, such as the fiscal year start ``02-01``."""

    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NUMERIC_MONTH_DAY = re.compile(r"(\d{1,2})([/.])(\d{1,2})", re.ASCII)


def _month_number(word: str) -> int | None:
    """1-12 for a month's name or its abbreviation (`July`, `Jul`, `Sept`), else None."""
    import calendar

    for i, short in enumerate(_MONTHS, start=1):
        if word.startswith(short) and calendar.month_name[i].lower().startswith(word):
            return i
    return 9 if word == "sept" else None


def _month_day_meant(text: str) -> str:
    """What to add to the refusal of a month and day written another way: the MM-DD meant
    (`July 1`, `1st of July`, `7-1`, `2026-07-01`: 07-01; a month alone, `July`, is its
    first day), or why none is given: `01/07` is 7 January read month first and 1 July read
    day first, and nothing in it says which."""
    t = " ".join(text.strip().lower().split())
    readings: list[tuple[int, int]] = []
    if (m := re.fullmatch(_MONTH_WORD, t, re.ASCII)) and (month := _month_number(m[1])):
        readings = [(month, 1)]
    elif (m := _SAID_MONTH_FIRST.fullmatch(t)) and (month := _month_number(m[1])):
        readings = [(month, int(m[2]))]
    elif (m := _SAID_DAY_FIRST.fullmatch(t)) and (month := _month_number(m[2])):
        readings = [(month, int(m[1]))]
    elif m := re.fullmatch(r"(?:\d{4}-)?(\d{1,2})-(\d{1,2})", t, re.ASCII):
        readings = [(int(m[1]), int(m[2]))]  # morctl's own order, or an ISO date's
    elif m := _NUMERIC_MONTH_DAY.fullmatch(t):
        a, b = int(m[1]), int(m[3])
        readings = [(a, b), (b, a)]
    real: list[tuple[int, int]] = []
    for month, day in readings:
        with contextlib.suppress(ValueError):
            date(2001, month, day)
            if (month, day) not in real:
                real.append((month, day))
    if len(real) == 1:
        return f" (write '{MonthDay(*real[0])}')"
    if len(real) == 2:
        import calendar

        (m1, d1), (m2, d2) = real
        return (
            f" ({clip(text.strip())} is {d1} {calendar.month_name[m1]} read month first, "
            f"{d2} {calendar.month_name[m2]} read day first, and nothing in it says which: "
            f"write {MonthDay(m1, d1)} or {MonthDay(m2, d2)})"
        )
    return ", like 02-01"


def parse_month_day(text: str) -> MonthDay:
    m = _MONTH_DAY.match(text.strip())
    if not m:
        raise ValueError(
            f"'{clip(text)}' is not a month and day; write it as MM-DD{_month_day_meant(text)}"
        )
    month, day = int(m.group(1)), int(m.group(2))
    try:
        date(2001, month, day)  # a non-leap year: a fiscal year cannot start on 29 February
    except ValueError:
        raise ValueError(f"'{clip(text)}' is not a day that every year has") from None
    return MonthDay(month, day)


@dataclass(frozen=True)
class Every:
    """A cadence period: ``unit`` is day, week, month, quarter or year; ``n`` only for weeks."""

    unit: str
    n: int = 1

    def __str__(self) -> str:
        if self.unit == "week" and self.n > 1:
            return f"{self.n} weeks"
        return self.unit


# What people call a cadence in words, and the `every` that says it. "Biweekly" means every
# other week in most sales teams (twice a week is "semiweekly"), so it is named as such.
_EVERY_SAID = {
    "daily": "day",
    "weekly": "week",
    "fortnight": "2 weeks",
    "fortnightly": "2 weeks",
    "biweekly": "2 weeks",
    "bi-weekly": "2 weeks",
    "every other week": "2 weeks",
    "other week": "2 weeks",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
}


def _every_meant(text: str) -> str | None:
    """The `every` a cadence said in words means: weekly → week, biweekly → 2 weeks,
    `2 Weeks`, `2weeks` and `every 3 weeks` as morctl writes them."""
    said = re.sub(r"(\d)([a-z])", r"\1 \2", " ".join(text.strip().lower().split()))
    said = re.sub(  # `two weeks`
        r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda m: str(_NUMBER_WORDS[m[1]]), said
    )
    meant = _EVERY_SAID.get(said)
    if meant is None and _EVERY.match(said):  # `2 Weeks`, `2weeks`
        meant = said
    if meant is None and said.startswith("every ") and _EVERY.match(said[6:]):
        meant = said[6:]
    if meant is not None and _EVERY.match(meant):
        try:  # as morctl writes it: `1 week` is `week`; `2 months` is no cadence
            meant = str(parse_every(meant))
        except ValueError:
            return None
    return meant


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
}


def cadence_with_day(text: str) -> tuple[str, str] | None:
    """The `every` and the weekday of a weekly cadence said with its day, as calendars and
    people say it: 'every other Tuesday' and 'biweekly on Tuesdays' are ('2 weeks', 'tue'),
    'weekly on Tue' and 'every Tuesday' ('week', 'tue'). None for other text."""
    t = " ".join(text.strip().lower().replace(",", " ").split())
    if m := re.fullmatch(r"(?:every )?(?:other|alternate) (\S+)", t):
        every: str | None = "2 weeks"
        day = m.group(1)
    elif m := re.fullmatch(r"(.+?) (?:on )?(?:a |each |every )?(\S+)", t):
        every = "week" if m.group(1) == "every" else _every_meant(m.group(1))
        day = m.group(2)
    else:
        return None
    weekday = _weekday_meant(day)
    if every is None or weekday is None or not _EVERY.match(every) or "week" not in every:
        return None
    try:
        return str(parse_every(every)), weekday
    except ValueError:  # `every 60 weeks on Friday`: more than a year
        return None


def _cadence_refused(why: str, text: str, said: tuple[str, str]) -> Refused:
    """Text that says a weekly cadence with its day ('every other Tuesday') where one
    value is wanted: the two values to write; for every N weeks, with what MOR211 asks."""
    every, day = said
    hint = None
    if every != "week":
        name = WEEKDAY_NAMES[WEEKDAYS.index(day)]
        hint = (
            f"every {every} counts its weeks from the cadence's starting date, else from the "
            f"rhythm's effective date (MOR211): to say which {name}s, add starting: "
            "YYYY-MM-DD, the date of one it runs on"
        )
    return Refused(f"{why} (a meeting '{clip(text)}' is every: {every}, on: {day})", hint)


def parse_every(text: str) -> Every:
    m = _EVERY.match(text.strip())
    if not m:
        why = f"'{clip(text)}' is not a cadence; use day, week, N weeks, month, quarter or year"
        meant = _every_meant(text)
        if meant is None and (said := cadence_with_day(text)) is not None:
            raise _cadence_refused(why, text, said)
        like = f" (write '{meant}')" if meant else ""
        raise ValueError(f"{why}{like}")
    n = int(m.group(1)) if m.group(1) else 1
    unit = m.group(2)
    if unit == "weeks":
        unit = "week"
    if n < 1:
        raise ValueError(f"'{clip(text)}': the number of weeks must be at least 1")
    if n != 1 and unit != "week":
        raise ValueError(f"'{clip(text)}': only weeks take a count (like '2 weeks')")
    if n > MAX_WEEKS:
        raise ValueError(
            f"'{clip(text)}': at most {MAX_WEEKS} weeks; use 'every: year' for a yearly cadence"
        )
    return Every(unit, n)


@dataclass(frozen=True)
class Selector:
    """A day inside a month, quarter or year.

    ``kind`` is ``business`` (the n-th business day, negative from the end), ``weekday``
    (the n-th given weekday; n = -1 for ``last``) or ``day`` (calendar day n, negative from
    the end).
    """

    kind: str
    n: int
    weekday: int | None = None

    def __str__(self) -> str:
        if self.kind == "business":
            if self.n == 1:
                return "first business day"
            if self.n == -1:
                return "last business day"
            return f"business day {self.n}"
        if self.kind == "day":
            return f"day {self.n}"
        assert self.weekday is not None
        wd = WEEKDAYS[self.weekday]
        return f"last {wd}" if self.n == -1 else f"{ordinal(self.n)} {wd}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def parse_selector(text: str, *, suggest: bool = True, unit: str | None = None) -> Selector:
    """A day selector; ``unit``, the cadence's period when known (month, quarter, year),
    keeps a suggestion from a text that names another ('first Monday of the quarter' in a
    monthly cadence)."""
    t = " ".join(text.strip().lower().split())
    if t == "first business day":
        return Selector("business", 1)
    if t == "last business day":
        return Selector("business", -1)
    if m := _BUSINESS_DAY.match(t):
        n = int(m.group(1))
        if n == 0:
            raise ValueError(f"'{clip(text)}': business days count from 1 (or -1 from the end)")
        return Selector("business", n)
    if m := _DAY.match(t):
        n = int(m.group(1))
        if n == 0:
            raise ValueError(f"'{clip(text)}': days count from 1 (or -1 from the end)")
        return Selector("day", n)
    if m := _ORDINAL.match(t):
        word, wd = m.group(1), WEEKDAYS.index(m.group(2))
        if word == "last":
            return Selector("weekday", -1, wd)
        n = int(word[:-2])
        if n == 0 or ordinal(n) != word:
            raise ValueError(f"'{clip(text)}': write the ordinal as 1st, 2nd, 3rd, 4th …")
        return Selector("weekday", n, wd)
    meant = _selector_meant(t, unit) if suggest else None
    why = (
        f"'{clip(text)}' is not a day selector; use e.g. 'first business day', 'business day 3', "
        "'last business day', '2nd wed', 'last fri' or 'day 10'"
    )
    if suggest and meant is None and (said := cadence_with_day(t)) is not None:
        raise _cadence_refused(why, text, said)  # `every other Tuesday` in a monthly cadence
    raise ValueError(why + (f" (write '{meant}')" if meant else ""))


_ORDINAL_WORDS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th"}


def _selector_meant(t: str, unit: str | None = None) -> str | None:
    """The selector a day written in words means: 'the 2nd Wednesday of the month' →
    '2nd wed', 'last working day' → 'last business day', 'first Monday' → '1st mon'. None
    when the text names a period other than ``unit``."""
    period = re.search(r"\s+(?:of|in)\s+(?:the|each|every)?\s*(month|quarter|year)$", t)
    if period and unit and period.group(1) != unit:
        return None
    said = t[: period.start()] if period else t
    said = re.sub(r"\b(?:working|work|week)day\b", "business day", said)
    said = re.sub(r"\b\w+\b", _business_spelt, said)  # `last buisness day`
    said = re.sub(r"\b(?:penultimate|second[- ]last|second to last)\b", "-2nd", said)
    words = [w for w in said.replace("working", "business").split() if w not in ("the", "every")]
    for i, word in enumerate(words):
        if word in _ORDINAL_WORDS and words[i + 1 : i + 2] != ["business"]:
            words[i] = _ORDINAL_WORDS[word]
        elif (day := _weekday_meant(word)) is not None:
            words[i] = day
    meant = " ".join(words)
    if meant == "last -2nd business day" or meant == "-2nd business day":
        meant = "business day -2"  # the penultimate, second-last business day
    elif m := re.fullmatch(r"(\w+) business day", meant):  # 'third business day'
        nth = _ORDINAL_WORDS.get(m.group(1), m.group(1))
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", nth):
            meant = f"business day {nth[:-2]}"
    elif re.fullmatch(r"\d+(?:st|nd|rd|th)(?: day)?", meant):  # 'the 15th'
        meant = f"day {meant.split()[0][:-2]}"
    elif meant == "last day":
        # Not 'day -1', which falls on a weekend some months and is then excused: a
        # meeting on "the last day of the month" is held on its last business day.
        meant = "last business day"
    if meant == t:
        return None
    try:  # as morctl writes it: `business day 1` is `first business day`
        return str(parse_selector(meant, suggest=False))
    except ValueError:
        return None


def _business_spelt(word: re.Match[str]) -> str:
    """`business` for a misspelling of it (buisness, busines, bussiness), else the word."""
    import difflib

    w = word[0]
    return "business" if difflib.SequenceMatcher(None, w, "business").ratio() >= 0.8 else w


def without_accents(text: str) -> str:
    """``text`` with its letters' marks taken off (`Lefèvre` as `Lefevre`, `zoë` as `zoe`):
    how names and ids are compared with what someone types."""
    import unicodedata  # for a name or a mistake only: a plain id never gets here

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Excel's first line `sep=;` (or `sep=,`, `sep=` and a tab), which some exporters write so
# that Excel splits the columns in any locale: it declares the separator, and is no row.
# Read the same way in completion logs and in org.csv.
_DECLARED = re.compile(r"sep=([,;\t])[\r\n]*")


def declared_separator(first_line: str) -> str | None:
    """The separator a CSV file's ``first_line`` declares (``sep=;``), else None."""
    declared = _DECLARED.fullmatch(first_line.removeprefix("\ufeff").lower())
    return declared.group(1) if declared else None
