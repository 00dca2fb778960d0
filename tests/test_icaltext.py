"""Tests for the iCalendar text writer, cross-checked against icalendar and zoneinfo."""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime, timedelta, timezone

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from morctl.icaltext import (
    calendar_footer,
    calendar_header,
    escape_text,
    fold,
    format_date,
    format_local,
    format_offset,
    format_utc,
    serialize,
    vtimezone,
)

# Text with the characters that matter for folding: 1-, 2-, 3- and 4-octet UTF-8.
MIXED_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ 09:;,\\\t"),
        st.sampled_from("éüß—€中文字😀🎉\u0301"),
        st.characters(codec="utf-8"),
    ),
    max_size=400,
)


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


# --- folding ---------------------------------------------------------------------------


def test_fold_leaves_short_lines_alone() -> None:
    assert fold("SUMMARY:Weekly pipeline review") == "SUMMARY:Weekly pipeline review"
    assert fold("X" * 75) == "X" * 75


def test_fold_golden_ascii() -> None:
    # 75 octets on the first line, then a space and 74 octets per continuation.
    assert fold("X" * 160) == "X" * 75 + "\r\n " + "X" * 74 + "\r\n " + "X" * 11


def test_fold_backs_off_before_a_multibyte_character() -> None:
    # "é" is two octets; the 74 ASCII octets leave room for only one more octet.
    folded = fold("D" * 74 + "é" + "x")
    assert folded == "D" * 74 + "\r\n éx"


@given(MIXED_TEXT)
@settings(max_examples=300)
def test_fold_properties(text: str) -> None:
    line = "DESCRIPTION:" + text.replace("\r", "").replace("\n", "")
    folded = fold(line)
    physical = folded.split("\r\n")
    assert unfold(folded) == line
    for i, part in enumerate(physical):
        octets = len(part.encode("utf-8"))
        assert octets <= 75
        if i:
            assert part.startswith(" ") and len(part) > 1
        if i + 1 < len(physical):
            # A line is only cut when the next character would not have fitted, so
            # the cut is never needlessly early (and never inside a character).
            next_char = physical[i + 1][1]
            assert octets + len(next_char.encode("utf-8")) > 75


@given(st.lists(MIXED_TEXT, max_size=8))
def test_serialize_folds_every_line_and_ends_with_crlf(values: list[str]) -> None:
    lines = ["BEGIN:VCALENDAR", *(f"X-TEXT:{escape_text(v)}" for v in values), "END:VCALENDAR"]
    text = serialize(lines)
    assert text.endswith("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in text.split("\r\n"))
    assert unfold(text).split("\r\n") == [*lines, ""]


# --- escaping --------------------------------------------------------------------------


def test_escape_text_golden() -> None:
    raw = "a\\b;c,d\r\ne\rf\ng\x00h\ti\x7fj\x85k"
    assert escape_text(raw) == "a\\\\b\\;c\\,d\\ne\\nf\\ngh\tijk"
    assert escape_text(':colons and "quotes" stay') == ':colons and "quotes" stay'


def _normalised(value: str) -> str:
    """What a consumer should read back: line breaks as LF, controls but tab dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in value if c in "\t\n" or not _is_control(c))


def _is_control(c: str) -> bool:
    return ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0


def _event_feed(summary: str, description: str) -> str:
    return serialize(
        [
            *calendar_header("Escaping"),
            "BEGIN:VEVENT",
            "UID:escape@morctl",
            "DTSTAMP:20260101T000000Z",
            "DTSTART:20260105T090000Z",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
            "END:VEVENT",
            *calendar_footer(),
        ]
    )


def test_escaping_round_trips_through_icalendar_examples() -> None:
    summary = "Pipeline review; Q3, EMEA \\ APAC"
    description = "Standard:\r\n- bring numbers, forecast; risks\n\\n is not a newline\rend\\"
    event = icalendar.Calendar.from_ical(_event_feed(summary, description)).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == _normalised(description)


@given(
    st.text(alphabet=st.one_of(st.sampled_from(",;\\\n\r\t:\"'"), st.characters(codec="utf-8"))),
    st.text(alphabet=st.one_of(st.sampled_from(",;\\\n\r\t"), st.characters(codec="utf-8"))),
)
@settings(max_examples=200, deadline=None)
def test_escaping_round_trips_through_icalendar(summary: str, description: str) -> None:
    event = icalendar.Calendar.from_ical(_event_feed(summary, description)).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == _normalised(summary)
    assert str(event["DESCRIPTION"]) == _normalised(description)


# --- dates, offsets and the calendar header ----------------------------------------------


def test_formatting_golden() -> None:
    assert format_date(date(2026, 3, 9)) == "20260309"
    assert format_date(date(33, 1, 2)) == "00330102"
    assert format_local(datetime(2026, 3, 9, 7, 5, 3, 999)) == "20260309T070503"
    aware = datetime(2026, 3, 9, 9, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert format_local(aware) == "20260309T093000"
    assert format_utc(aware) == "20260309T133000Z"
    assert format_utc(datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=2)))) == (
        "20251231T220000Z"
    )
    with pytest.raises(ValueError, match="naive"):
        format_utc(datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (timedelta(0), "+0000"),
        (timedelta(hours=5, minutes=30), "+0530"),
        (timedelta(hours=-3, minutes=-30), "-0330"),
        (timedelta(hours=-10), "-1000"),
        (timedelta(hours=12, minutes=45), "+1245"),
        (timedelta(minutes=-1, seconds=-15), "-000115"),
    ],
)
def test_format_offset(offset: timedelta, text: str) -> None:
    assert format_offset(offset) == text


def test_calendar_header_golden() -> None:
    assert calendar_header("Carol Diaz, Sales; MOR") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//morctl//morctl//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Carol Diaz\\, Sales\\; MOR",
        "X-PUBLISHED-TTL:PT12H",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
    ]
    assert calendar_header("x", ttl_hours=1)[-2:] == [
        "X-PUBLISHED-TTL:PT1H",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    ]
    assert calendar_footer() == ["END:VCALENDAR"]
    with pytest.raises(ValueError, match="ttl_hours"):
        calendar_header("x", ttl_hours=0)


# --- VTIMEZONE -------------------------------------------------------------------------

ZONES = [
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "UTC",
    "America/Sao_Paulo",
    "Pacific/Auckland",
]
YEARS = (2026, 2027, 2030, 2035)  # 2035 is past the span the rules were checked on


def has_dst(zone: str) -> bool:
    tz = zoneinfo.ZoneInfo(zone)
    return (
        datetime(2026, 1, 15, tzinfo=tz).utcoffset() != datetime(2026, 7, 15, tzinfo=tz).utcoffset()
    )


def transition_days(zone: str, year: int) -> list[date]:
    """Local dates whose noon offset differs from the previous noon's (zoneinfo's view)."""
    tz = zoneinfo.ZoneInfo(zone)
    day, days = date(year, 1, 1), []
    while day.year == year:
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=tz)
        if noon.utcoffset() != (noon - timedelta(days=1)).utcoffset():
            days.append(day)
        day += timedelta(days=1)
    return days


def exists(local: datetime, tz: zoneinfo.ZoneInfo) -> bool:
    """False for wall times skipped by a spring-forward gap."""
    aware = local.replace(tzinfo=tz)
    return aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == local


def sample_local_times(zone: str) -> list[datetime]:
    """Every half hour on the day before, of and after each transition, plus quiet days.

    Wall times inside a spring-forward gap are left out: RFC 5545 reads them with the
    offset before the gap (zoneinfo's fold=0), but dateutil.tz.tzical, which icalendar
    uses for custom VTIMEZONEs, applies the offset after it. That is the parser's quirk,
    not something a VTIMEZONE can change. Ambiguous fall-back times are kept: both read
    them as the first occurrence.
    """
    tz = zoneinfo.ZoneInfo(zone)
    days = {date(y, m, 10) for y in YEARS for m in (1, 4, 7, 10)}
    for year in YEARS:
        for day in transition_days(zone, year):
            days |= {day - timedelta(days=1), day, day + timedelta(days=1)}
    times = [
        datetime(d.year, d.month, d.day) + timedelta(minutes=30 * i)
        for d in sorted(days)
        for i in range(48)
    ]
    return [t for t in times if exists(t, tz)]


def feed_with_zone(zone: str, tzid: str, starts: list[datetime], rrule: str = "") -> str:
    lines = vtimezone(zone)
    assert lines is not None
    lines = [f"TZID:{tzid}" if line.startswith("TZID:") else line for line in lines]
    events = []
    for i, start in enumerate(starts):
        events += [
            "BEGIN:VEVENT",
            f"UID:{i}@morctl-test",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID={tzid}:{format_local(start)}",
            f"DTEND;TZID={tzid}:{format_local(start + timedelta(minutes=15))}",
            *([rrule] if rrule else []),
            "SUMMARY:probe",
            "END:VEVENT",
        ]
    return serialize([*calendar_header("Zones"), *lines, *events, *calendar_footer()])


def alias(zone: str) -> str:
    # icalendar prefers its own zoneinfo for any TZID it knows, and caches custom zones
    # process-wide by TZID, so an unknown per-zone name forces it to build the zone from
    # our VTIMEZONE text (through dateutil.tz.tzical) and keeps tests independent.
    return f"Morctl-Test/{zone.replace('/', '-')}"


def test_vtimezone_europe_london_golden() -> None:
    assert vtimezone("Europe/London") == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:STANDARD",
        "DTSTART:19701025T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T010000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]


def test_vtimezone_without_dst_golden() -> None:
    assert vtimezone("Asia/Kolkata") == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Kolkata",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "TZNAME:IST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


@pytest.mark.parametrize(
    ("zone", "standard", "daylight"),
    [
        ("America/New_York", "11;BYDAY=1SU T020000 -0400 -0500", "3;BYDAY=2SU T020000 -0500 -0400"),
        (
            "America/Los_Angeles",
            "11;BYDAY=1SU T020000 -0700 -0800",
            "3;BYDAY=2SU T020000 -0800 -0700",
        ),
        ("Europe/Paris", "10;BYDAY=-1SU T030000 +0200 +0100", "3;BYDAY=-1SU T020000 +0100 +0200"),
        ("Australia/Sydney", "4;BYDAY=1SU T030000 +1100 +1000", "10;BYDAY=1SU T020000 +1000 +1100"),
        ("Pacific/Auckland", "4;BYDAY=1SU T030000 +1300 +1200", "9;BYDAY=-1SU T020000 +1200 +1300"),
        # Negative DST in tzdata: winter GMT is still written as STANDARD.
        ("Europe/Dublin", "10;BYDAY=-1SU T020000 +0100 +0000", "3;BYDAY=-1SU T010000 +0000 +0100"),
    ],
)
def test_vtimezone_rules(zone: str, standard: str, daylight: str) -> None:
    text = "\n".join(vtimezone(zone) or [])
    for kind, expected in (("STANDARD", standard), ("DAYLIGHT", daylight)):
        month_byday, clock, before, after = expected.split()
        part = text.split(f"BEGIN:{kind}\n")[1].split(f"\nEND:{kind}")[0]
        assert f"RRULE:FREQ=YEARLY;BYMONTH={month_byday}" in part
        assert re.search(rf"^DTSTART:1970\d{{4}}{clock}$", part, re.M)
        assert f"TZOFFSETFROM:{before}\nTZOFFSETTO:{after}" in part


@pytest.mark.parametrize("zone", ZONES)
def test_vtimezone_shape(zone: str) -> None:
    lines = vtimezone(zone)
    assert lines is not None
    assert lines[:2] == ["BEGIN:VTIMEZONE", f"TZID:{zone}"] and lines[-1] == "END:VTIMEZONE"
    text = "\n".join(lines)
    assert "RDATE" not in text
    parts = re.findall(r"BEGIN:(STANDARD|DAYLIGHT)\n(.*?)\nEND:\1", text, re.S)
    if has_dst(zone):
        assert sorted(kind for kind, _ in parts) == ["DAYLIGHT", "STANDARD"]
        for _, body in parts:
            assert re.search(
                r"^RRULE:FREQ=YEARLY;BYMONTH=\d{1,2};BYDAY=(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$",
                body,
                re.M,
            )
    else:
        assert [kind for kind, _ in parts] == ["STANDARD"]
        body = parts[0][1]
        assert "RRULE" not in body
        offsets = re.findall(r"^TZOFFSET(?:FROM|TO):(\S+)$", body, re.M)
        assert len(offsets) == 2 and offsets[0] == offsets[1]


@pytest.mark.parametrize("zone", ZONES)
def test_feed_instants_match_zoneinfo(zone: str) -> None:
    tz = zoneinfo.ZoneInfo(zone)
    starts = sample_local_times(zone)
    calendar = icalendar.Calendar.from_ical(feed_with_zone(zone, alias(zone), starts))
    events = sorted(calendar.walk("VEVENT"), key=lambda e: int(str(e["UID"]).split("@")[0]))
    assert len(events) == len(starts)
    for start, event in zip(starts, events, strict=True):
        parsed = event.DTSTART
        # Proof that the parser used our VTIMEZONE and not its own copy of the zone.
        assert not isinstance(parsed.tzinfo, zoneinfo.ZoneInfo)
        assert parsed.replace(tzinfo=None) == start
        assert parsed.astimezone(UTC) == start.replace(tzinfo=tz).astimezone(UTC), start


@pytest.mark.parametrize("zone", ZONES)
def test_feed_with_iana_tzid_parses(zone: str) -> None:
    # The feed as morctl ships it: icalendar swaps in zoneinfo for the IANA name.
    start = datetime(2026, 3, 29, 9, 0)
    event = icalendar.Calendar.from_ical(feed_with_zone(zone, zone, [start])).walk("VEVENT")[0]
    expected = start.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(UTC)
    assert event.DTSTART.astimezone(UTC) == expected


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("clock", ["01:30", "09:00", "23:30"])
def test_recurring_expansion_matches_zoneinfo(zone: str, clock: str) -> None:
    tz = zoneinfo.ZoneInfo(zone)
    hour, minute = map(int, clock.split(":"))
    first = datetime(2026, 1, 1, hour, minute)
    feed = feed_with_zone(zone, alias(zone), [first], rrule="RRULE:FREQ=DAILY")
    calendar = icalendar.Calendar.from_ical(feed)
    occurrences = recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2028, 1, 1))
    seen = 0
    for event in occurrences:
        parsed = event.DTSTART
        local = parsed.replace(tzinfo=None)
        assert local.time() == first.time()
        if exists(local, tz):  # see sample_local_times for why gap times are skipped
            assert parsed.astimezone(UTC) == local.replace(tzinfo=tz).astimezone(UTC), local
            seen += 1
    assert seen >= 728


@pytest.mark.parametrize(
    "zone",
    [
        "Africa/Casablanca",  # DST suspended for Ramadan: four transitions a year
        "Africa/Cairo",  # ends on the Friday after the last Thursday of October
        "America/Santiago",  # first Sunday on or after the 2nd, at 24:00
        "Asia/Jerusalem",  # Friday on or after the 23rd of March
        "Asia/Gaza",  # moves around Ramadan
        "America/Nuuk",  # 01:00 UTC is 23:00 on the Saturday before the last Sunday
    ],
)
def test_zones_without_nth_weekday_rules_return_none(zone: str) -> None:
    assert vtimezone(zone) is None


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../etc/passwd", "/Europe/London"])
def test_unknown_zone_raises(zone: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        vtimezone(zone)


def test_vtimezone_is_deterministic_and_returns_a_fresh_list() -> None:
    first = vtimezone("Europe/Paris")
    assert first is not None
    first.clear()
    assert vtimezone("Europe/Paris") == vtimezone("Europe/Paris", year=2026)
    assert vtimezone("Europe/Paris") != []
    # Mexico City dropped DST in 2022: the reference year decides which rules are current.
    assert "RRULE" in "\n".join(vtimezone("America/Mexico_City", year=2016) or ["none"])
    assert "RRULE" not in "\n".join(vtimezone("America/Mexico_City") or ["none"])


def test_vtimezone_rules_hold_to_the_end_of_a_long_window() -> None:
    # Israel starts summer time on the Friday before the last Sunday of March: the 4th
    # Friday from 2025 to 2029, the 5th (29 Mar) in 2030. A feed of 2025-2030 written with
    # the "4th Friday" rule would show every event of 24-28 Mar 2030 an hour early in
    # Outlook; no yearly rule holds, so the zone is written in UTC (None here).
    assert "BYDAY=4FR" in "\n".join(vtimezone("Asia/Jerusalem", 2025) or ["none"])
    assert vtimezone("Asia/Jerusalem", 2025, through=2029) == vtimezone("Asia/Jerusalem", 2025)
    assert vtimezone("Asia/Jerusalem", 2025, through=2030) is None
    # London's rules hold for ever: a window of ten years keeps its VTIMEZONE.
    assert vtimezone("Europe/London", 2026, through=2036) == vtimezone("Europe/London", 2026)


def _transition_instants(tz: zoneinfo.ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    # A day at a time is fine: no zone changes its offset and back within a day.
    instants, step = [], timedelta(days=1)
    t = start
    while t < end:
        if t.astimezone(tz).utcoffset() != (t + step).astimezone(tz).utcoffset():
            lo, hi = t, t + step
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(tz).utcoffset() == lo.astimezone(tz).utcoffset():
                    lo = mid
                else:
                    hi = mid
            instants.append(hi)
        t += step
    return instants


def test_every_expressible_zone_matches_zoneinfo() -> None:
    """Every zone we write must agree with zoneinfo around each 2026-2030 transition."""
    start, end = datetime(2026, 1, 2, tzinfo=UTC), datetime(2030, 12, 30, tzinfo=UTC)
    # dateutil's tzical is slow (~0.5 ms a conversion here), so check both sides of every
    # transition plus a sample every quarter rather than densely.
    quarterly = [start + timedelta(days=91 * i) for i in range(20)]
    checked = 0
    for zone in sorted(zoneinfo.available_timezones()):
        lines = vtimezone(zone)
        if lines is None:
            continue
        assert "RDATE" not in lines
        tz = zoneinfo.ZoneInfo(zone)
        ours = icalendar.Timezone.from_ical("\r\n".join(lines)).to_tz(lookup_tzid=False)
        if not has_dst(zone):
            instants = quarterly[::4]
        else:
            edges = _transition_instants(tz, start, end)
            instants = quarterly + edges + [t - timedelta(seconds=1) for t in edges]
        for t in instants:
            assert t.astimezone(ours).utcoffset() == t.astimezone(tz).utcoffset(), (zone, t)
        checked += 1
    assert checked > 550


@given(st.text(alphabet=st.characters(max_codepoint=0x7E, min_codepoint=0x20), max_size=400))
@settings(max_examples=300)
def test_fold_ascii_cuts_at_75_then_74(text: str) -> None:
    # One character is one octet: the cuts fall at 75, then every 74 after the space.
    line = "DESCRIPTION:" + text
    physical = fold(line).split("\r\n")
    assert unfold(fold(line)) == line
    assert physical[0] == line[:75]
    assert all(p.startswith(" ") and len(p) == 75 for p in physical[1:-1])
    assert len(physical) == 1 or 2 <= len(physical[-1]) <= 75
