"""Calendar feeds (DESIGN.md §7): golden files, RFC 5545 structure, the interoperability
rules, SEQUENCE and cancellations, and the cross-check against an independent expander.

Golden feeds live in tests/data/golden/calendar/NAME/; after an intended change of output,
regenerate them with ``MORCTL_REGENERATE=1 pytest tests/test_calendar.py`` and review the
diff.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ACME, DATA, morctl
from morctl import ical
from morctl.expand import expand
from morctl.validate import require_valid
from morctl.workspace import Workspace

ENGINE = DATA / "engine"
GOLDEN = DATA / "golden" / "calendar"
REGENERATE = os.environ.get("MORCTL_REGENERATE") == "1"

# Fixture -> the window of its golden feeds (short, around what the fixture exercises).
GOLDEN_WINDOWS = {
    "office": ("2026-05-01", "2027-01-31"),
    "zones": ("2026-03-25", "2026-04-08"),
    "fiscal": ("2026-01-01", "2027-04-30"),
    "fiscal_mid": ("2026-07-01", "2027-07-31"),
    "weeks": ("2026-12-01", "2027-03-31"),
    "formula": ("2026-03-01", "2026-06-30"),
}
# Workspace -> windows for the cross-check: every fixture, plus windows that start on a
# daylight-saving change day, plus the bundled example; each in rule mode and --expanded
# mode (the long windows in rule mode only, where they stay cheap).
BOTH, RULES = (False, True), (False,)
CROSS_CHECK = [
    ("office", "2026-05-01", "2027-01-31", BOTH),
    ("office", "2027-05-01", "2028-01-31", RULES),
    ("zones", "2026-03-01", "2026-11-15", RULES),
    ("zones", "2026-03-22", "2026-04-12", BOTH),  # spring forward in London, Jerusalem, NY
    ("zones", "2026-03-29", "2026-04-12", BOTH),  # starts on London's spring-forward day
    ("zones", "2026-10-25", "2026-11-08", BOTH),  # starts on London's fall-back day
    ("fiscal", "2026-01-01", "2027-12-31", BOTH),
    ("fiscal_mid", "2026-07-01", "2027-12-31", BOTH),
    ("weeks", "2026-12-01", "2028-02-29", BOTH),
    ("formula", "2026-03-01", "2026-12-31", BOTH),
    ("acme", "2026-11-01", "2027-02-28", RULES),
    # holidays.worked: Columbus, Election and Veterans Day held, Pulaski Day counted.
    ("worked", "2026-09-01", "2027-03-31", BOTH),
    ("worked_ae", "2027-01-04", "2027-06-30", BOTH),
    ("acme", "2026-12-14", "2027-01-17", BOTH),
]
CASES = [
    pytest.param(
        name, first, last, expanded, id=f"{name}-{first}-{'expanded' if expanded else 'rules'}"
    )
    for name, first, last, modes in CROSS_CHECK
    for expanded in modes
]


@pytest.fixture(autouse=True)
def _fixed_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def ws_path(name: str) -> Path:
    return ACME if name == "acme" else ENGINE / name


def write_feeds(
    ws_dir: Path, out: Path, first: str, last: str, expanded: bool = False
) -> dict[str, bytes]:
    ws = require_valid(str(ws_dir))
    ical.write_all(ws, out, date.fromisoformat(first), date.fromisoformat(last), None, expanded)
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.ics"))}


# -- reading feeds back ------------------------------------------------------------------


def unfold(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def components(lines: list[str], kind: str) -> list[list[str]]:
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line == f"BEGIN:{kind}":
            current = []
        elif line == f"END:{kind}" and current is not None:
            out.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return out


def prop(lines: list[str], name: str) -> list[str]:
    """Lines of property ``name`` (with parameters), e.g. ``DTSTART;TZID=X:...``."""
    n = len(name)
    return [ln for ln in lines if ln.startswith(name) and ln[n : n + 1] in (";", ":")]


def split(line: str) -> tuple[str, str]:
    """``NAME;PARAMS:VALUE`` -> (``;PARAMS``, ``VALUE``)."""
    head, value = line.split(":", 1)
    return head[len(head.split(";")[0]) :], value


def parse_time(params: str, value: str) -> datetime:
    """A DATE or DATE-TIME value as an aware datetime (a DATE as naive midnight)."""
    if "VALUE=DATE" in params:
        return datetime.strptime(value, "%Y%m%d")
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    tz = re.search(r"TZID=([^;:]+)", params)
    assert tz, f"a floating time: {params}:{value}"
    return datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(tz.group(1)))


# -- the RFC 5545 and interoperability rules -----------------------------------------------


def check_feed(raw: bytes) -> icalendar.Calendar:
    """Every structural rule of DESIGN.md §7 that can be read off one feed; returns the
    feed parsed by icalendar."""
    # CRLF line ends only; every physical line at most 75 octets, folded on UTF-8 boundaries
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r")
    for physical in raw.split(b"\r\n")[:-1]:
        assert len(physical) <= 75, physical
        physical.decode("utf-8")  # a fold inside a UTF-8 character would not decode
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    # RFC 5545 §3.6: a calendar holds at least one component; a feed left with no event
    # (a leaver's, emptied) keeps the VTIMEZONE of its zone.
    assert "BEGIN:VEVENT" in lines or components(lines, "VTIMEZONE"), "no component"
    head = lines[: lines.index("BEGIN:VEVENT")] if "BEGIN:VEVENT" in lines else lines
    assert "METHOD:PUBLISH" in head
    for name in ("X-WR-CALNAME", "X-PUBLISHED-TTL", "REFRESH-INTERVAL", "VERSION", "PRODID"):
        assert prop(head, name), name
    for forbidden in ("ORGANIZER", "ATTENDEE", "RDATE", "EXRULE"):
        assert not prop(lines, forbidden), forbidden
    for forbidden in ("BEGIN:VTODO", "BEGIN:VALARM"):
        assert forbidden not in lines
    # every TZID has a VTIMEZONE in rule form
    zones = {}
    for vt in components(lines, "VTIMEZONE"):
        (tzid,) = [ln.split(":", 1)[1] for ln in vt if ln.startswith("TZID:")]
        parts = components(vt, "STANDARD") + components(vt, "DAYLIGHT")
        assert parts
        if len(parts) > 1:  # a zone with daylight saving: every part a yearly rule
            for part in parts:
                (rule,) = prop(part, "RRULE")
                assert re.fullmatch(r"RRULE:FREQ=YEARLY;BYMONTH=\d+;BYDAY=(-1|[1-4])[A-Z]{2}", rule)
        zones[tzid] = parts
    dated = [ln for ln in lines if ln.startswith(("DTSTART", "DTEND", "EXDATE", "RECURRENCE-ID"))]
    used = {m.group(1) for ln in dated for m in [re.search(r";TZID=([^;:]+)[;:]", ln)] if m}
    assert used <= set(zones), f"TZIDs without a VTIMEZONE: {used - set(zones)}"
    if "BEGIN:VEVENT" in lines:
        assert set(zones) <= used, f"VTIMEZONEs no event uses: {set(zones) - used}"
    else:
        assert len(zones) == 1, zones

    events = components(lines, "VEVENT")
    masters = {}
    for ev in events:
        (uid,) = prop(ev, "UID")
        if prop(ev, "RRULE"):
            masters[uid] = ev
    for ev in events:
        check_event(ev, masters)
        # A moved instance is never behind its series (Google ignores such an override).
        if prop(ev, "RECURRENCE-ID") and prop(ev, "UID")[0] in masters:
            master = masters[prop(ev, "UID")[0]]
            assert int(prop(ev, "SEQUENCE")[0][9:]) >= int(prop(master, "SEQUENCE")[0][9:])
    return icalendar.Calendar.from_ical(raw)  # parses back without error


def check_event(ev: list[str], masters: dict[str, list[str]]) -> None:
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "SEQUENCE"):
        assert len(prop(ev, name)) == 1, (name, ev)
    assert "Occurrence key: " in prop(ev, "DESCRIPTION")[0]
    (start_line,) = prop(ev, "DTSTART")
    (end_line,) = prop(ev, "DTEND")
    params, value = split(start_line)
    end_params, end_value = split(end_line)
    start, end = parse_time(params, value), parse_time(end_params, end_value)
    if "VALUE=DATE" in params:  # all-day: DTEND is the next day
        assert "VALUE=DATE" in end_params
        assert end == start + timedelta(days=1)
    else:
        assert "VALUE=DATE" not in end_params
        assert end > start
    rules = prop(ev, "RRULE")
    if rules:
        (rule,) = rules
        assert "BYWEEKNO" not in rule
        assert not ("COUNT=" in rule and "UNTIL=" in rule)
        if "FREQ=WEEKLY" in rule:
            byday = re.search(r"BYDAY=([^;]+)", rule)
            assert byday and all(re.fullmatch(r"[A-Z]{2}", d) for d in byday.group(1).split(","))
        instances = list(rrulestr(rule.split(":", 1)[1], dtstart=start))
        assert instances[0] == start, "DTSTART must itself be an instance of its RRULE"
        until = re.search(r"UNTIL=(\d{8}T\d{6})Z", rule)
        if until and start.tzinfo is not None:
            # the end of the last instance's day: the last second before its next midnight
            stop = datetime.strptime(until.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
            last = instances[-1].astimezone(start.tzinfo)
            midnight = datetime.combine(last.date() + timedelta(days=1), time(0), start.tzinfo)
            assert stop == midnight.astimezone(UTC) - timedelta(seconds=1), rule
        walls = {i.replace(tzinfo=None) for i in instances}
        for ex in prop(ev, "EXDATE"):
            ex_params, ex_values = split(ex)
            assert ex_params == params, "EXDATE in exactly DTSTART's form"
            for v in ex_values.split(","):
                assert len(v) == len(value) and v[8:] == value[8:], (v, value)
                assert parse_time(params, v).replace(tzinfo=None) in walls, v
    else:
        assert not prop(ev, "EXDATE")
    rids = prop(ev, "RECURRENCE-ID")
    if rids:
        (uid,) = prop(ev, "UID")
        master = masters[uid]
        (master_start,) = prop(master, "DTSTART")
        m_params, m_value = split(master_start)
        r_params, r_value = split(rids[0])
        assert r_params == m_params and r_value[8:] == m_value[8:], "RECURRENCE-ID form"
        (m_rule,) = prop(master, "RRULE")
        m_first = parse_time(m_params, m_value)
        walls = {i.replace(tzinfo=None) for i in rrulestr(m_rule[6:], dtstart=m_first)}
        assert parse_time(r_params, r_value).replace(tzinfo=None) in walls


# -- the cross-check against recurring-ical-events ---------------------------------------------


def _when(start: Any, end: Any) -> tuple[Any, ...]:
    if isinstance(start, datetime):
        return (start.astimezone(UTC), end.astimezone(UTC))
    return ("all-day", start)


def feed_occurrences(cal: icalendar.Calendar, first: date, last: date) -> Counter[tuple[Any, ...]]:
    """(key, when) of every instance an independent RFC 5545 expander finds in the feed.

    The query reaches two days beyond the window on each side: the feed holds only the
    window's occurrences, so anything more found there is an error too, and a bare date
    cannot say where a UTC-written event's local day begins."""
    found: Counter[tuple[Any, ...]] = Counter()
    query = recurring_ical_events.of(cal).between(
        first - timedelta(days=2), last + timedelta(days=3)
    )
    for ev in query:
        if str(ev.get("STATUS", "")) == "CANCELLED":
            continue
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        key = str(ev["DESCRIPTION"]).rsplit("Occurrence key: ", 1)[1]
        if " and the meeting's date, e.g. " in key:  # an instance of a rule: its day names it
            day = start.date() if isinstance(start, datetime) else start
            key = key.split(" ", 1)[0] + day.isoformat()
        found[(key, *_when(start, end))] += 1
    return found


def engine_occurrences(ws: Workspace, person: str, first: date, last: date) -> Counter[Any]:
    return Counter(
        (o.key, *_when(o.start or o.day, o.end))
        for o in expand(ws, first, last, person)
        if o.status == "scheduled"
    )


def cross_check(
    ws_dir: Path, feeds: dict[str, bytes], first: str, last: str, complete: bool = True
) -> None:
    """Check every feed's structure, then compare what it expands to with the engine;
    ``complete``: ``feeds`` should hold everyone who has anything in the window."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    ws = require_valid(str(ws_dir))
    people_with_anything = {
        p for o in expand(ws, a, b) if o.status == "scheduled" for p in (o.owner, *o.attendees)
    }
    if complete:
        assert {n.removesuffix(".ics") for n in feeds} >= people_with_anything
    for name, raw in feeds.items():
        person = name.removesuffix(".ics")
        got = feed_occurrences(check_feed(raw), a, b)
        want = engine_occurrences(ws, person, a, b)
        assert got == want, (
            f"{ws_dir.name}/{name}: only in the feed {sorted(got - want)[:5]}, "
            f"only in expand {sorted(want - got)[:5]}"
        )


# -- tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "first", "last", "expanded"), CASES)
def test_cross_check_with_independent_expander(
    tmp_path: Path, name: str, first: str, last: str, expanded: bool
) -> None:
    feeds = write_feeds(ws_path(name), tmp_path, first, last, expanded)
    assert feeds
    cross_check(ws_path(name), feeds, first, last)
    if expanded:
        for raw in feeds.values():
            for ev in components(unfold(raw), "VEVENT"):
                assert not prop(ev, "RRULE") and not prop(ev, "RECURRENCE-ID")


def as_outlook_reads_it(raw: bytes) -> bytes:
    """The feed with every zone renamed, so that a reader cannot look the zone up in its
    own database and must place events by the VTIMEZONE rules embedded in the feed, as
    Outlook does."""
    return raw.replace(b"TZID=", b"TZID=Embedded-").replace(b"\r\nTZID:", b"\r\nTZID:Embedded-")


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        *[(n, f, t) for n, f, t, _ in CROSS_CHECK],
        # Jerusalem's rule for 2025-2029 (4th Friday of March) is wrong for 2030 (29 Mar is
        # the 5th): a window that reaches 2030 must not embed it.
        ("zones", "2025-06-01", "2030-06-30"),
    ],
)
def test_embedded_time_zones_place_every_event_as_tzdata_does(
    tmp_path: Path, name: str, first: str, last: str
) -> None:
    feeds = write_feeds(ws_path(name), tmp_path, first, last)
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    ws = require_valid(str(ws_path(name)))
    for file, raw in feeds.items():
        cal = icalendar.Calendar.from_ical(as_outlook_reads_it(raw))
        got = feed_occurrences(cal, a, b)
        want = engine_occurrences(ws, file.removesuffix(".ics"), a, b)
        assert got == want, f"{name}/{file}: {sorted(got - want)[:3]} vs {sorted(want - got)[:3]}"


@pytest.mark.parametrize("name", sorted(GOLDEN_WINDOWS))
def test_golden_feeds(tmp_path: Path, name: str) -> None:
    first, last = GOLDEN_WINDOWS[name]
    feeds = write_feeds(ENGINE / name, tmp_path, first, last)
    golden = GOLDEN / name
    if REGENERATE:
        shutil.rmtree(golden, ignore_errors=True)
        golden.mkdir(parents=True)
        for file, raw in feeds.items():
            (golden / file).write_bytes(raw)
    expected = {p.name: p.read_bytes() for p in sorted(golden.glob("*.ics"))}
    assert sorted(feeds) == sorted(expected)
    for file, raw in feeds.items():
        assert raw == expected[file], f"{name}/{file} differs from the golden file"


def test_golden_office_reads_as_designed() -> None:
    """Spot checks of the office golden feed against the hand-computed schedule."""
    lines = unfold((GOLDEN / "office" / "mia.ics").read_bytes())
    events = components(lines, "VEVENT")
    by_uid: dict[str, list[list[str]]] = {}
    for ev in events:
        by_uid.setdefault(prop(ev, "UID")[0][4:], []).append(ev)
    # The Friday wrap-up is a weekly rule; 9 Oct (a company day off) is an override that
    # moves it to Monday 12 Oct.
    wrap = by_uid["wrap/mia@office.morctl"]
    (master,) = [e for e in wrap if prop(e, "RRULE")]
    assert prop(master, "RRULE")[0].startswith("RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=")
    (oct9,) = [e for e in wrap if "RECURRENCE-ID;TZID=Europe/London:20261009T160000" in e]
    assert "DTSTART;TZID=Europe/London:20261012T160000" in oct9
    assert "Occurrence key: wrap/mia/2026-10-09" in prop(oct9, "DESCRIPTION")[0]
    # Pipeline reviews skip 30 Jun, 7 Jul (offsite), 15 Sep (away), 10 Nov, 22 and 29 Dec.
    (ana,) = by_uid["pipeline/mia/ana@office.morctl"]
    assert prop(ana, "EXDATE") == [
        "EXDATE;TZID=Europe/London:20260630T090000,20260707T090000,20260915T090000,"
        "20261110T090000,20261222T090000,20261229T090000"
    ]
    assert prop(ana, "SUMMARY") == ["SUMMARY:Pipeline review — Ana Arce"]
    # All-day items are VALUE=DATE with DTEND the next day (the fiscal planning day).
    fiscal = unfold((GOLDEN / "fiscal" / "fran.ics").read_bytes())
    assert "DTSTART;VALUE=DATE:20260511" in fiscal
    assert "DTEND;VALUE=DATE:20260512" in fiscal


def test_zone_without_rule_form_is_written_in_utc(tmp_path: Path) -> None:
    """Asia/Jerusalem starts daylight saving on the Friday before the last Sunday of March,
    which no yearly nth-weekday rule holds: its events are single events in UTC."""
    feeds = write_feeds(ENGINE / "zones", tmp_path, "2026-03-20", "2026-04-05")
    jer = unfold(feeds["jer.ics"])
    assert "BEGIN:VTIMEZONE" not in jer
    starts = prop(jer, "DTSTART")
    assert starts and all(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", s) for s in starts)
    assert not prop(jer, "RRULE")
    # 09:00 in Jerusalem is 07:00 UTC before 27 March and 06:00 UTC from then on
    assert "DTSTART:20260326T070000Z" in jer and "DTSTART:20260327T060000Z" in jer
    only = {"jer.ics": feeds["jer.ics"]}
    cross_check(ENGINE / "zones", only, "2026-03-20", "2026-04-05", complete=False)


def test_daylight_saving_instances_are_unambiguous(tmp_path: Path) -> None:
    """On the spring-forward day the 01:30 instance really starts at 02:30 BST; on the
    fall-back day it starts at the first 01:30 and ends 30 real minutes later. Both are
    overrides with explicit times, so no consumer has to work out the clock change."""
    feeds = write_feeds(ENGINE / "zones", tmp_path, "2026-03-20", "2026-11-10")
    lon = components(unfold(feeds["lon.ics"]), "VEVENT")
    early = [e for e in lon if "UID:early/lon@zones.morctl" in e]
    spring = next(e for e in early if "RECURRENCE-ID;TZID=Europe/London:20260329T013000" in e)
    assert "DTSTART;TZID=Europe/London:20260329T023000" in spring
    assert "DTEND;TZID=Europe/London:20260329T030000" in spring
    autumn = next(e for e in early if "RECURRENCE-ID;TZID=Europe/London:20261025T013000" in e)
    assert "DTSTART:20261025T003000Z" in autumn
    assert "DTEND:20261025T010000Z" in autumn
    # the master runs at the nominal 01:30 on an ordinary day
    (master,) = [e for e in early if prop(e, "RRULE")]
    assert "DTSTART;TZID=Europe/London:20260320T013000" in master


def test_master_starts_at_nominal_time_when_window_opens_on_a_dst_day(tmp_path: Path) -> None:
    feeds = write_feeds(ENGINE / "zones", tmp_path, "2026-03-29", "2026-04-12")
    lon = components(unfold(feeds["lon.ics"]), "VEVENT")
    (master,) = [e for e in lon if "UID:early/lon@zones.morctl" in e and prop(e, "RRULE")]
    # not 02:30: that is where the 29th's instance lands, not the time of the series
    (start,) = prop(master, "DTSTART")
    assert start.endswith("T013000") and "20260329" not in start


def test_output_is_byte_identical(tmp_path: Path) -> None:
    one = write_feeds(ENGINE / "office", tmp_path / "one", "2026-05-01", "2027-01-31")
    two = write_feeds(ENGINE / "office", tmp_path / "two", "2026-05-01", "2027-01-31")
    assert one == two
    again = write_feeds(ENGINE / "office", tmp_path / "one", "2026-05-01", "2027-01-31")
    assert again == one  # regenerating over itself changes nothing


@pytest.mark.parametrize(
    ("name", "renames"),
    [
        # each person's zone under an old name tzdata keeps as a link (MOR215)
        (
            "zones",
            {
                "org.yaml": {
                    "Europe/London": "GB",
                    "America/New_York": "US/Eastern",
                    "Australia/Sydney": "Australia/NSW",
                    "Asia/Kolkata": "Asia/Calcutta",
                    "Asia/Jerusalem": "Asia/Tel_Aviv",
                }
            },
        ),
        # the rhythm's zone, and a person's with their country
        (
            "office",
            {
                "rhythm.yaml": {"timezone: Europe/London": "timezone: Europe/Belfast"},
                "org.yaml": {"America/New_York, country: US}": "US/Eastern, country: US}"},
            },
        ),
    ],
)
def test_a_zone_under_an_old_name_is_written_under_todays(
    tmp_path: Path, name: str, renames: dict[str, dict[str, str]]
) -> None:
    # `US/Eastern` is America/New_York's old name: calendars that look zones up by name may
    # not know it. The feeds are those of today's names, byte for byte (the same UIDs).
    first, last = GOLDEN_WINDOWS[name]
    today = write_feeds(ENGINE / name, tmp_path / "today", first, last)
    ws = copy_workspace(name, tmp_path / "ws")
    for file, pairs in renames.items():
        text = (ws / file).read_text(encoding="utf-8")
        for current, old in pairs.items():
            assert current in text
            text = text.replace(current, old)
        (ws / file).write_text(text, encoding="utf-8")
    old = write_feeds(ws, tmp_path / "old", first, last)
    assert old == today


@pytest.mark.parametrize("linked", [False, True], ids=["a zone of its own", "a link"])
def test_a_system_v_zone_with_summer_time_is_written_as_tzdata_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linked: bool
) -> None:
    """tzdata's default build links EST5EDT to America/New_York since 2024b: the name is
    then only an old one for New York's clock, at every date, and the feeds are those of
    America/New_York, byte for byte. Builds that keep the old data (the `tzdata` package,
    2026 included) keep it a zone of its own, which differs from New York's before 1967:
    the feeds keep the name, and validate warns (MOR215) with New York as the hint."""
    from morctl import zones

    links = zones._links()
    if linked:
        links = {**links, "EST5EDT": "America/New_York"}
    monkeypatch.setattr(zones, "_links", lambda: links)
    zones.current_name.cache_clear()
    try:
        first, last = GOLDEN_WINDOWS["office"]
        today = write_feeds(ENGINE / "office", tmp_path / "today", first, last)
        ws = copy_workspace("office", tmp_path / "ws")
        org = ws / "org.yaml"
        text = org.read_text(encoding="utf-8")
        org.write_text(text.replace("America/New_York, country: US", "EST5EDT, country: US"))
        old = write_feeds(ws, tmp_path / "old", first, last)
        r = morctl("validate", str(ws))
    finally:
        zones.current_name.cache_clear()
    if linked or zones._links().get("EST5EDT") == "America/New_York":
        assert old == today
        return
    assert old != today
    assert old.keys() == today.keys()
    for name, raw in old.items():  # New York's events named by the old name, and only those
        assert (b"TZID=EST5EDT:" in raw) == (b"TZID=America/New_York:" in today[name]), name
        assert b"America/New_York" not in raw, name
    cross_check(ws, old, first, last)
    assert "warning MOR215 noah and 2 more" in r.out, r.out
    assert "time zone 'EST5EDT' is an old name for the clock of America/New_York" in r.out
    assert "hint: write America/New_York" in r.out


def test_a_feed_names_a_zone_as_mor215_asks_it_written() -> None:
    from morctl.icalevents import feed_zone

    ws = require_valid(str(ENGINE / "office"))
    assert feed_zone(ws, "noah", "Europe/Kiev") == "Europe/Kyiv"  # not noah's own zone
    assert feed_zone(ws, "noah", "Asia/Calcutta") == "Asia/Kolkata"
    assert feed_zone(ws, "noah", "Europe/Amsterdam") == "Europe/Amsterdam"  # a country's zone
    assert feed_zone(ws, "noah", "CET") == "CET"  # the country's business: see MOR215
    # tzdata merged Iceland's zone into Abidjan's: with the person's country, the name
    # MOR215 suggests, Atlantic/Reykjavik
    assert feed_zone(ws, "noah", "Iceland") == "Africa/Abidjan"
    icelander = ws.by_id["noah"].model_copy(update={"timezone": "Iceland", "country": "IS"})
    ws = dataclasses.replace(ws, people=(*ws.people, icelander.model_copy(update={"id": "ivy"})))
    assert feed_zone(ws, "ivy", "Iceland") == "Atlantic/Reykjavik"


def sequences(raw: bytes) -> dict[tuple[str, str], tuple[int, str]]:
    out = {}
    for ev in components(unfold(raw), "VEVENT"):
        uid = prop(ev, "UID")[0][4:]
        rid = (prop(ev, "RECURRENCE-ID") or [""])[0]
        status = (prop(ev, "STATUS") or ["STATUS:"])[0][7:]
        out[(uid, rid)] = (int(prop(ev, "SEQUENCE")[0][9:]), status)
    return out


def copy_workspace(name: str, dest: Path) -> Path:
    shutil.copytree(ENGINE / name, dest)
    return dest


def test_changed_time_bumps_sequence_of_changed_events_only(tmp_path: Path) -> None:
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    before = write_feeds(ws, out, *window)
    assert all(seq == 0 for f in before.values() for seq, _ in sequences(f).values())
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    edited = text.replace('on: fri, at: "16:00"', 'on: fri, at: "16:30"')
    assert edited != text
    rhythm.write_text(edited, encoding="utf-8")
    after = write_feeds(ws, out, *window)
    mia = sequences(after["mia.ics"])
    assert mia[("wrap/mia@office.morctl", "")] == (1, "")
    moved = [seq for (uid, rid), (seq, _) in mia.items() if uid.startswith("wrap/") and rid]
    assert moved and all(seq == 1 for seq in moved)  # never behind their series
    for (uid, _rid), (seq, status) in mia.items():
        if not uid.startswith("wrap/"):
            assert (seq, status) == (0, ""), uid
        assert status != "CANCELLED"  # the old 16:00 overrides are not cancellations
    assert sequences(after["ana.ics"]) == sequences(before["ana.ics"])  # no wrap-up there
    cross_check(ws, after, *window)  # also checks every feed's structure


def retired(raw: bytes) -> dict[str, int]:
    """The retired UIDs a feed remembers, with the SEQUENCE each reached."""
    lines = unfold(raw)
    head = lines[: lines.index("BEGIN:VEVENT")] if "BEGIN:VEVENT" in lines else lines
    return {
        ln.split(" ", 1)[1]: int(ln.split(":", 1)[1].split(" ", 1)[0])
        for ln in head
        if ln.startswith("X-MORCTL-RETIRED:")
    }


def test_a_removed_activity_is_cancelled_once_and_comes_back_higher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    before = write_feeds(ws, out, *window)
    qbr_before = {k: v for k, v in sequences(before["noah.ics"]).items() if "qbr/" in k[0]}
    assert len(qbr_before) == 3  # 14 Jul, 15 Oct and 15 Jan, as single events or a rule
    assert retired(before["noah.ics"]) == {}
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(text[: text.index("  qbr:\n")], encoding="utf-8")
    second = write_feeds(ws, out, *window)
    for person in ("vera", "mia", "noah"):
        seqs = sequences(second[f"{person}.ics"])
        cancelled = {k: v for k, v in seqs.items() if v[1] == "CANCELLED"}
        assert {k for k in cancelled} == {k for k in qbr_before}, person
        assert all(v[0] == 1 for v in cancelled.values())
    check_feed(second["vera.ics"])  # only cancellations: nothing to cross-check
    cross_check(ws, {k: v for k, v in second.items() if k != "vera.ics"}, *window, complete=False)
    # Published once: the run after, the events are gone, and only the SEQUENCE each
    # reached is remembered, in the feed's header.
    third = write_feeds(ws, out, *window)
    for person in ("vera", "mia", "noah"):
        assert b"CANCELLED" not in third[f"{person}.ics"]
        assert b"BEGIN:VEVENT\r\nUID:qbr/" not in third[f"{person}.ics"]
        assert retired(third[f"{person}.ics"]) == {uid: 1 for uid, _ in qbr_before}
        check_feed(third[f"{person}.ics"])
    # The QBR is put back: it returns above its cancellation, never at 0, which a calendar
    # holding the cancellation would take for an older copy and ignore.
    rhythm.write_text(text, encoding="utf-8")
    back = write_feeds(ws, out, *window)
    for person in ("vera", "mia", "noah"):
        seqs = {k: v for k, v in sequences(back[f"{person}.ics"]).items() if "qbr/" in k[0]}
        assert seqs == {k: (2, "") for k in qbr_before}, person
        assert retired(back[f"{person}.ics"]) == {}
    cross_check(ws, back, *window)
    # Months on, the QBRs of 2026-27 are a quarter before the window: a dated UID is
    # forgotten then (it cannot come back), a series' UID is kept (an activity can be
    # restored any time).
    rhythm.write_text(text[: text.index("  qbr:\n")], encoding="utf-8")
    write_feeds(ws, out, *window)
    monkeypatch.setenv("MORCTL_TODAY", "2027-06-01")
    later = write_feeds(ws, out, "2027-06-01", "2027-12-31")
    kept = retired(later["noah.ics"])
    assert all(not re.search(r"/\d{4}-\d{2}-\d{2}@", uid) for uid in kept), kept


def test_a_person_who_left_has_their_feed_cancelled_once(tmp_path: Path) -> None:
    # Ana leaves: her feed, still subscribed to, cancels her meetings once, then holds
    # none; her manager's feed cancels the reviews with her. A file that is not a feed of
    # this rhythm is left alone. She comes back: every meeting returns above its
    # cancellation.
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    before = write_feeds(ws, out, *window)
    ana_before = sequences(before["ana.ics"])
    assert ana_before and not any(status for _, status in ana_before.values())
    foreign = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    (out / "holidays.ics").write_bytes(foreign)
    # a feed another rhythm publishes into the same folder (its person is not ours)
    other = foreign.replace(b"UID:x", b"UID:review/zed@emea.morctl\r\nDTSTART:20261201T090000Z")
    (out / "zed.ics").write_bytes(other)
    org = ws / "org.yaml"
    roster = org.read_text()
    org.write_text("".join(ln for ln in roster.splitlines(True) if "id: ana" not in ln))
    second = write_feeds(ws, out, *window)
    left = sequences(second["ana.ics"])
    assert set(left) == set(ana_before)
    assert all(status == "CANCELLED" and seq == 1 for seq, status in left.values())
    check_feed(second["ana.ics"])
    mia = sequences(second["mia.ics"])
    ana_in_mia = {k for k, (_, status) in mia.items() if "/ana" in k[0] and status == "CANCELLED"}
    assert ana_in_mia
    assert second["holidays.ics"] == foreign
    assert second["zed.ics"] == other
    third = write_feeds(ws, out, *window)
    assert sequences(third["ana.ics"]) == {}
    assert set(retired(third["ana.ics"])) == {uid for uid, _ in ana_before}
    assert third["holidays.ics"] == foreign
    # Emptied, the feed still holds a component (her zone's VTIMEZONE, the office's) and
    # the name subscribers know it by, though the roster no longer has her name.
    emptied = check_feed(third["ana.ics"])
    assert [str(vt["TZID"]) for vt in emptied.walk("VTIMEZONE")] == ["Europe/London"]
    assert recurring_ical_events.of(emptied).between(date(2026, 1, 1), date(2028, 1, 1)) == []
    for feed in (second, third):
        assert prop(unfold(feed["ana.ics"]), "X-WR-CALNAME") == [
            "X-WR-CALNAME:Office fixture (London and New York) — Ana Arce"
        ]
    # and the run after leaves it as it is: there is nothing more to tell subscribers
    assert write_feeds(ws, out, *window)["ana.ics"] == third["ana.ics"]
    org.write_text(roster)
    back = write_feeds(ws, out, *window)
    assert sequences(back["ana.ics"]) == {k: (2, "") for k in ana_before}
    assert all(sequences(back["mia.ics"])[k] == (2, "") for k in ana_in_mia)
    cross_check(
        ws, {k: v for k, v in back.items() if k not in ("holidays.ics", "zed.ics")}, *window
    )
    r = morctl("calendar", str(ws), "--out", str(out), "--from", "2026-05-01", "--to",
               "2027-01-31")  # fmt: skip
    assert r.code == 0, r.err


def test_feeds_that_lost_their_crs_are_still_the_earlier_feeds(tmp_path: Path) -> None:
    # git (`text=auto`, `core.autocrlf`) or an editor turns CRLF into LF: read as no feed,
    # a changed event would go out at SEQUENCE 0 (below the copy calendars hold, so they
    # keep the old time) and a leaver's feed would be left with all its meetings.
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    for at in ("16:30", "17:00"):
        for feed in out.glob("*.ics") if out.exists() else ():
            feed.write_bytes(feed.read_bytes().replace(b"\r\n", b"\n"))
        rhythm.write_text(text.replace('on: fri, at: "16:00"', f'on: fri, at: "{at}"'))
        after = write_feeds(ws, out, *window)
    assert sequences(after["mia.ics"])[("wrap/mia@office.morctl", "")] == (1, "")
    for feed in out.glob("*.ics"):
        feed.write_bytes(feed.read_bytes().replace(b"\r\n", b"\n"))
    org = ws / "org.yaml"
    org.write_text("".join(ln for ln in org.read_text().splitlines(True) if "id: ana" not in ln))
    args = ("calendar", str(ws), "--out", str(out), "--from", window[0], "--to", window[1])
    r = morctl(*args)
    assert "ana.ics: no longer in the roster; its meetings are cancelled" in r.err, r.err
    assert b"\r\nSTATUS:CANCELLED\r\n" in (out / "ana.ics").read_bytes()


@pytest.mark.parametrize(
    "short",
    [("2026-05-01", "2026-08-31"), ("2026-10-01", "2027-01-31")],
    ids=["past its end", "before its later start"],
)
def test_an_event_left_out_by_a_shorter_window_comes_back_above_its_sequence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short: tuple[str, str]
) -> None:
    # A run with a shorter window into the published folder (one person's feed for next
    # quarter) leaves out quarterly reviews still to come; when a full run brings them
    # back, changed, they must go above the SEQUENCE calendars hold, not back to 0.
    monkeypatch.setenv("MORCTL_TODAY", "2026-05-01")
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    full = ("2026-05-01", "2027-01-31")

    def at(time: str) -> dict[tuple[str, str], tuple[int, str]]:
        """The quarterly reviews of a full run after the review moved to ``time``."""
        rhythm.write_text(
            text.replace('business day 10, at: "15:00"', f'business day 10, at: "{time}"')
        )
        feed = write_feeds(ws, out, *full)["noah.ics"]
        return {k: v for k, v in sequences(feed).items() if "qbr/" in k[0]}

    write_feeds(ws, out, *full)
    held = at("15:30")
    left = {k for k in held if not short[0] <= k[0].split("/")[2][:10] <= short[1]}
    assert left and all(held[k] == (1, "") for k in left)
    shorter = write_feeds(ws, out, *short)["noah.ics"]
    assert not left & set(sequences(shorter))  # outside the shorter window: not in the feed
    assert all(retired(shorter).get(uid) == 1 for uid, _ in left)
    back = at("16:00")
    assert all(back[k] == (2, "") for k in left), {k: back[k] for k in left}
    assert not retired(write_feeds(ws, out, *full)["noah.ics"])  # live again: forgotten


def test_a_leavers_feed_is_said_cancelled_then_emptied(tmp_path: Path) -> None:
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    args = ("calendar", str(ws), "--out", str(out), "--from", "2026-05-01", "--to", "2027-01-31")
    assert morctl(*args).code == 0
    org = ws / "org.yaml"
    org.write_text("".join(ln for ln in org.read_text().splitlines(True) if "id: ana" not in ln))
    said = [morctl(*args).err for _ in range(3)]
    assert "ana.ics: no longer in the roster; its meetings are cancelled" in said[0]
    assert "ana.ics: no longer in the roster; emptied (the meetings were cancelled" in said[1]
    assert "ana.ics" not in said[2]  # left alone from then on


def test_text_that_looks_like_a_time_zone_parameter_is_text(tmp_path: Path) -> None:
    # A meeting link with `;` parameters in a description: ";TZID=…:" there is text, and
    # neither a zone to look up (an unknown one stopped the run) nor a VTIMEZONE to add.
    ws = copy_workspace("office", tmp_path / "ws")
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(
        text.replace(
            "    title: Pipeline review\n",
            "    title: Pipeline review\n"
            '    location: "https://meet.example/j?id=1;TZID=Nowhere:2;TZID=Asia/Tokyo:3"\n',
        ),
        encoding="utf-8",
    )
    feeds = write_feeds(ws, tmp_path / "feeds", "2026-05-01", "2026-07-31")
    assert b"TZID=Nowhere" in feeds["mia.ics"]  # the link, escaped, as written
    assert b"TZID:Asia/Tokyo" not in feeds["mia.ics"]  # no VTIMEZONE for it
    cross_check(ws, feeds, "2026-05-01", "2026-07-31")


def test_a_feed_near_googles_limit_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The limit stands in for Google's ~1 MB, so that a small workspace reaches it.
    sizes = {}
    for expanded in (False, True):
        out = tmp_path / f"feeds-{expanded}"
        ical.run(
            str(ENGINE / "office"), str(out), date(2026, 5, 1), date(2027, 1, 31), None, expanded
        )
        sizes[expanded] = {p.name: p.stat().st_size for p in out.glob("*.ics")}
        assert "warning" not in capsys.readouterr().err
    limit = sorted(sizes[True].values())[-2]  # the largest expanded feed is over it
    monkeypatch.setattr(ical, "LARGE_FEED", limit)
    (biggest,) = [name for name, size in sizes[True].items() if size > limit]
    ical.run(
        str(ENGINE / "office"),
        str(tmp_path / "again"),
        date(2026, 5, 1),
        date(2027, 1, 31),
        None,
        True,
    )
    err = capsys.readouterr().err
    assert f"morctl: warning: {biggest}: over " in err
    assert "leave out --expanded, or use a shorter window" in err


def test_a_damaged_earlier_feed_is_not_a_crash(tmp_path: Path) -> None:
    # A SEQUENCE edited by hand counts as 0; an event someone added by hand is not
    # morctl's, and is neither cancelled nor copied.
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    write_feeds(ws, out, *window)
    mia = out / "mia.ics"
    raw = mia.read_bytes().replace(b"SEQUENCE:0", b"SEQUENCE:x", 1)
    extra = b"BEGIN:VEVENT\r\nUID:dentist\r\nDTSTART:20261201T090000Z\r\nEND:VEVENT\r\n"
    mia.write_bytes(raw.replace(b"END:VCALENDAR", extra + b"END:VCALENDAR"))
    r = morctl("calendar", str(ws), "--out", str(out), "--from", window[0], "--to", window[1])
    assert r.code == 0, r.err
    again = mia.read_bytes()
    assert b"dentist" not in again and b"SEQUENCE:x" not in again
    check_feed(again)


def test_removed_holiday_does_not_cancel_the_instance(tmp_path: Path) -> None:
    """Removing the company day of Fri 9 Oct puts the wrap-up back on the 9th. The old
    override (RECURRENCE-ID 9 Oct, moved to the 12th) must not come back as a cancellation:
    that would cancel the 9 Oct instance, which now happens (it comes back at the series'
    time instead: see the test below)."""
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    write_feeds(ws, out, *window)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(text.replace("    - 2026-10-09                # Friday\n", ""), "utf-8")
    after = write_feeds(ws, out, *window)
    mia = sequences(after["mia.ics"])
    assert mia[("wrap/mia@office.morctl", "RECURRENCE-ID;TZID=Europe/London:20261009T160000")] == (
        1,
        "",
    )
    assert mia[("wrap/mia@office.morctl", "")] == (1, "")  # its exceptions changed
    # The QBR moves from Thu 15 Oct to Wed 14 Oct (9 Oct is a business day again).
    vera = sequences(after["vera.ics"])
    cancelled = [uid for (uid, _), (_, status) in vera.items() if status == "CANCELLED"]
    assert cancelled == ["qbr/vera/2026-10-15@office.morctl"]  # single events: no rule fits
    assert ("qbr/vera/2026-10-14@office.morctl", "") in vera
    cross_check(ws, after, *window)  # also checks every feed's structure


def merged(*feeds: bytes) -> icalendar.Calendar:
    """What a calendar that merges an imported feed into the events it holds keeps (Outlook
    and Apple Calendar importing into the same calendar): each event by UID and
    RECURRENCE-ID, replaced only by a copy with a higher SEQUENCE, and never removed."""
    held: dict[tuple[str, str], Any] = {}
    for raw in feeds:
        for ev in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
            rid = ev.get("RECURRENCE-ID")
            ident = (str(ev["UID"]), rid.to_ical().decode() if rid else "")
            if ident not in held or int(ev["SEQUENCE"]) > int(held[ident]["SEQUENCE"]):
                held[ident] = ev
    cal = icalendar.Calendar.from_ical(feeds[-1])
    cal.subcomponents = [c for c in cal.subcomponents if c.name != "VEVENT"]
    for ident in sorted(held):
        cal.add_component(held[ident])
    return cal


def wraps_between(cal: icalendar.Calendar, first: date, last: date) -> list[datetime]:
    """The starts, in London, of Mia's Friday wrap-ups a calendar shows in those days."""
    return sorted(
        ev["DTSTART"].dt.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None)
        for ev in recurring_ical_events.of(cal).between(first, last)
        if str(ev["UID"]) == "wrap/mia@office.morctl" and str(ev.get("STATUS", "")) != "CANCELLED"
    )


def test_a_removed_holidays_override_is_restored_once_for_merging_calendars(
    tmp_path: Path,
) -> None:
    """The company day of Fri 9 Oct moves the wrap-up to Mon 12 Oct: an override. Removing
    the day puts it back on the 9th. A calendar that merges the new feed into the events it
    holds keeps the override it has until something replaces it: the new feed publishes
    it once more at the series' own time, above its SEQUENCE, and the run after drops it."""
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    rid = "RECURRENCE-ID;TZID=Europe/London:20261009T160000"
    ident = ("wrap/mia@office.morctl", rid)
    master = ("wrap/mia@office.morctl", "")
    first = write_feeds(ws, out, *window)
    assert sequences(first["mia.ics"])[ident] == (0, "")
    oct9, oct12 = date(2026, 10, 9), date(2026, 10, 13)
    assert wraps_between(merged(first["mia.ics"]), oct9, oct12) == [datetime(2026, 10, 12, 16)]
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    rhythm.write_text(text.replace("    - 2026-10-09                # Friday\n", ""), "utf-8")
    second = write_feeds(ws, out, *window)
    seqs = sequences(second["mia.ics"])
    assert seqs[ident] == (1, "") and seqs[master] == (1, "")
    (back,) = [
        ev
        for ev in components(unfold(second["mia.ics"]), "VEVENT")
        if prop(ev, "RECURRENCE-ID") == [rid] and prop(ev, "UID") == ["UID:" + master[0]]
    ]
    (series,) = [
        ev
        for ev in components(unfold(second["mia.ics"]), "VEVENT")
        if prop(ev, "UID") == ["UID:" + master[0]] and prop(ev, "RRULE")
    ]
    assert prop(back, "DTSTART") == ["DTSTART;TZID=Europe/London:20261009T160000"]
    assert prop(back, "DTEND") == ["DTEND;TZID=Europe/London:20261009T163000"]
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "TRANSP"):
        assert prop(back, name) == prop(series, name), name
    assert prop(back, "X-MORCTL-DIGEST") == ["X-MORCTL-DIGEST:restored"]
    assert "Moved from" not in prop(back, "DESCRIPTION")[0]
    # The feed alone, and the merging calendar, show the wrap-up on the 9th, once.
    assert wraps_between(icalendar.Calendar.from_ical(second["mia.ics"]), oct9, oct12) == [
        datetime(2026, 10, 9, 16)
    ]
    held = merged(first["mia.ics"], second["mia.ics"])
    assert wraps_between(held, oct9, oct12) == [datetime(2026, 10, 9, 16)]
    cross_check(ws, second, *window)  # every other meeting as expand has it
    # Published once: the run after drops it, and the series goes above it, so that the
    # override, should the day come back, goes above the copy calendars hold.
    third = write_feeds(ws, out, *window)
    seqs3 = sequences(third["mia.ics"])
    assert ident not in seqs3 and seqs3[master] == (2, "")
    assert b"restored" not in third["mia.ics"]
    for key, (seq, status) in sequences(second["mia.ics"]).items():
        if key != ident and status != "CANCELLED":
            assert seqs3[key][0] >= seq, key
    assert wraps_between(merged(first["mia.ics"], second["mia.ics"], third["mia.ics"]),
                         oct9, oct12) == [datetime(2026, 10, 9, 16)]  # fmt: skip
    cross_check(ws, third, *window)
    assert write_feeds(ws, out, *window) == third  # same input, same bytes: nothing grows
    # The day off comes back: the override returns above the restored copy.
    rhythm.write_text(text, "utf-8")
    again = write_feeds(ws, out, *window)
    # The series' SEQUENCE, above the restored copy's 1
    assert sequences(again["mia.ics"])[ident] == (2, "")
    assert wraps_between(
        merged(first["mia.ics"], second["mia.ics"], third["mia.ics"], again["mia.ics"]),
        oct9,
        oct12,
    ) == [datetime(2026, 10, 12, 16)]


def test_a_removed_activitys_override_is_cancelled_not_restored(tmp_path: Path) -> None:
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    rid = "RECURRENCE-ID;TZID=Europe/London:20261009T160000"
    write_feeds(ws, out, *window)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    start, end = text.index("  wrap:\n"), text.index("  standup:\n")
    rhythm.write_text(text[:start] + text[end:], "utf-8")
    after = write_feeds(ws, out, *window)
    wrap = {k: v for k, v in sequences(after["mia.ics"]).items() if k[0].startswith("wrap/")}
    # The series and each of its overrides (9 Oct among them), cancelled
    assert ("wrap/mia@office.morctl", "") in wrap and ("wrap/mia@office.morctl", rid) in wrap
    assert set(wrap.values()) == {(1, "CANCELLED")}
    assert b"restored" not in after["mia.ics"]


def test_cli_writes_feeds_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    r = morctl(
        "calendar",
        str(ENGINE / "office"),
        "--out",
        str(out),
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
        "--person",
        "mia",
    )
    assert r.code == 0, r.err
    assert sorted(p.name for p in out.iterdir()) == ["mia.ics"]
    assert "wrote 1 feed" in r.err


def test_output_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    r = morctl(
        "calendar",
        str(ENGINE / "office"),
        "--out",
        str(blocker / "feeds"),
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
    )
    assert r.code == 1
    assert r.err.startswith("morctl: error: ") and "Traceback" not in r.err
    assert str(blocker / "feeds") in r.err or "cannot" in r.err
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_feed_that_cannot_be_written_leaves_nothing_half_written(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    (out / "mia.ics").mkdir(parents=True)  # a folder where mia's feed should go
    r = morctl(
        "calendar",
        str(ENGINE / "office"),
        "--out",
        str(out),
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
    )
    assert r.code == 1
    assert "mia.ics" in r.err and "Traceback" not in r.err
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
    for feed in out.glob("*.ics"):
        if feed.is_file():
            check_feed(feed.read_bytes())  # whatever was written is whole


@pytest.mark.parametrize("relative", [False, True])
def test_a_link_to_a_feed_is_another_name_for_it_not_a_leaver(
    tmp_path: Path, relative: bool
) -> None:
    # `me.ics -> ana.ics` (a stable alias on a web server) is nobody in the roster, but it is
    # not a leaver's feed: cancelling "its" meetings wrote them, cancelled, over Ana's. When
    # Ana leaves, her feed is cancelled under her own name, and the link follows it.
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    args = ("calendar", str(ws), "--out", "feeds" if relative else str(out),
            "--from", "2026-05-01", "--to", "2026-07-31")  # fmt: skip
    assert morctl(*args, cwd=tmp_path).code == 0
    ana = (out / "ana.ics").read_bytes()
    (out / "me.ics").symlink_to("ana.ics")
    r = morctl(*args, cwd=tmp_path)
    assert r.code == 0, r.err
    assert "no longer in the roster" not in r.err
    assert (out / "me.ics").is_symlink() and (out / "ana.ics").read_bytes() == ana
    org = ws / "org.yaml"
    org.write_text("".join(ln for ln in org.read_text().splitlines(True) if "id: ana" not in ln))
    r = morctl(*args, cwd=tmp_path)
    assert r.code == 0, r.err
    assert "ana.ics: no longer in the roster; its meetings are cancelled" in r.err, r.err
    assert "me.ics" not in r.err and (out / "me.ics").is_symlink()
    assert b"STATUS:CANCELLED" in (out / "me.ics").read_bytes()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_two_names_for_one_file_are_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from morctl.atomic import staged
    from morctl.errors import MorctlError

    (tmp_path / "a.ics").write_text("old a")
    (tmp_path / "b.ics").symlink_to("a.ics")
    monkeypatch.chdir(tmp_path)  # names as given on the command line: relative
    for first, second in (("a.ics", "b.ics"), ("b.ics", "a.ics")):
        with pytest.raises(MorctlError, match="they are one file"), staged() as files:
            files.write(first, "new 1")
            files.write(second, "new 2")
        assert (tmp_path / "a.ics").read_text() == "old a"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ics", "b.ics"]


def test_a_file_that_cannot_be_replaced_is_named_and_what_was_replaced_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Renames cannot be undone together (a feed locked by another program, an immutable
    # file): the run names the feed, says how far it got, and leaves no temporary file.
    import os

    from morctl import atomic
    from morctl.errors import MorctlError

    for name in "abc":
        (tmp_path / f"{name}.ics").write_text(f"old {name}")
    replace = os.replace

    def locked(src: Any, dst: Any) -> None:
        if str(dst).endswith("b.ics"):
            raise PermissionError(1, "Operation not permitted", str(dst))
        replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(MorctlError) as caught, atomic.staged() as files:
        for name in "abc":
            files.write(tmp_path / f"{name}.ics", f"new {name}")
    message = f"{caught.value} {caught.value.hint}"
    assert f"cannot replace {tmp_path / 'b.ics'}: Operation not permitted" in message
    assert "1 of the 3 files were replaced before it, the other 2 were not" in message
    assert [(tmp_path / f"{n}.ics").read_text() for n in "abc"] == ["new a", "old b", "old c"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ics", "b.ics", "c.ics"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "2026-06-01", "--to", "2026-05-01"], "after"),
        (["--from", "2026-02-30", "--to", "2026-05-01"], "2026-02-30"),
        (["--from", "01/05/2026", "--to", "2026-05-01"], "01/05/2026"),
        (["--from", "2026-05-01"], "--to"),
        (["--person", "mai", "--from", "2026-05-01", "--to", "2026-05-31"], "mia"),
    ],
)
def test_calendar_bad_options(tmp_path: Path, args: list[str], needle: str) -> None:
    out = tmp_path / "feeds"
    r = morctl("calendar", str(ENGINE / "office"), "--out", str(out), *args)
    assert r.code == 2, r.err
    assert needle in r.err and "Traceback" not in r.err
    assert not out.exists()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.sampled_from(
        [
            ("office", "mia"),
            ("office", "noah"),
            ("office", "cal"),
            ("zones", "lon"),
            ("zones", "nyc"),
            ("zones", "syd"),
            ("weeks", "wes"),
            ("fiscal", "fran"),
        ]
    ),
    st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    st.integers(0, 200),
)
def test_cross_check_random_windows(case: tuple[str, str], first: date, span: int) -> None:
    """Any window, any person: the rule-mode feed expands to what `expand` says."""
    name, person = case
    last = first + timedelta(days=span)
    ws = require_valid(str(ENGINE / name))
    with tempfile.TemporaryDirectory() as tmp:
        ical.write_all(ws, Path(tmp), first, last, person, False)
        feed = Path(tmp) / f"{person}.ics"
        want = engine_occurrences(ws, person, first, last)
        if not feed.exists():
            assert not want
            return
        got = feed_occurrences(check_feed(feed.read_bytes()), first, last)
    assert got == want


def test_master_dtstart_is_a_scheduled_occurrence() -> None:
    for feed in sorted((GOLDEN / "office").glob("*.ics")):
        for ev in components(unfold(feed.read_bytes()), "VEVENT"):
            if not prop(ev, "RRULE"):
                continue
            (start,) = prop(ev, "DTSTART")
            excluded = {v for ex in prop(ev, "EXDATE") for v in split(ex)[1].split(",")}
            assert split(start)[1] not in excluded, (feed.name, prop(ev, "UID"))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    st.sampled_from([ENGINE / "office", ENGINE / "zones", ENGINE / "weeks", ACME]),
    st.dates(date(2026, 1, 1), date(2027, 6, 30)),
    st.integers(0, 400),
    st.booleans(),
)
def test_whole_run_matches_per_person_runs(
    root: Path, first: date, span: int, expanded: bool
) -> None:
    """Two ways to the same bytes: the whole-organisation run works out each series' plan
    once per distinct schedule and shares it between owners; `--person` works it out from
    that person's own occurrences."""
    last = first + timedelta(days=span)
    ws = require_valid(str(root))
    with tempfile.TemporaryDirectory() as tmp:
        whole, alone = Path(tmp) / "whole", Path(tmp) / "alone"
        ical.write_all(ws, whole, first, last, None, expanded)
        feeds = sorted(p.name for p in whole.glob("*.ics"))
        # Every fixture has something in any fortnight after it takes effect.
        assert feeds or span < 14 or last < ws.rhythm.effective
        for p in ws.people:
            ical.write_all(ws, alone, first, last, p.id, expanded)
        assert sorted(p.name for p in alone.glob("*.ics")) == feeds
        for name in feeds:
            assert (whole / name).read_bytes() == (alone / name).read_bytes(), name


def test_a_sliding_window_keeps_a_series_a_series(tmp_path: Path) -> None:
    # Acme's forecast call regenerated on the 1st of each month, as the calendars.md CI
    # recipe does: its moves and holiday exceptions vary with the window, but it stays one
    # series, so subscribers keep its UID.
    for today in ("2026-11-23", "2026-12-01", "2027-01-01", "2027-05-01"):
        out = tmp_path / today
        env = {**os.environ, "MORCTL_TODAY": today}
        r = morctl("calendar", str(ACME), "--out", str(out), "--person", "priya", env=env)
        assert r.code == 0, r.err
        text = (out / "priya.ics").read_text(encoding="utf-8")
        assert "UID:forecast_call/priya@acme.morctl\nDTSTAMP:20000101T000000Z\nDTSTART" in text


def test_a_calendar_export_kept_in_the_output_folder_is_left_alone(tmp_path: Path) -> None:
    # A manager's export of this rhythm's events (Google's PRODID), saved where the feeds
    # go: not a leaver's feed, so never rewritten, however many runs.
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    args = ("calendar", str(ws), "--out", str(out), "--from", "2026-05-01", "--to", "2027-01-31")
    assert morctl(*args).code == 0
    export = (
        (out / "mia.ics")
        .read_bytes()
        .replace(
            b"PRODID:-//morctl//morctl//EN", b"PRODID:-//Google Inc//Google Calendar 70.9054//EN"
        )
    )
    (out / "mia-october.ics").write_bytes(export)
    for _ in range(2):
        r = morctl(*args)
        assert r.code == 0 and "mia-october" not in r.err, r.err
    assert (out / "mia-october.ics").read_bytes() == export


def test_a_feed_that_cannot_be_written_changes_no_feed(tmp_path: Path) -> None:
    # One subscriber's feed cannot be replaced (a folder has its name): the others are not
    # half updated either, and no temporary file is left behind.
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    args = ("calendar", str(ws), "--out", str(out), "--from", "2026-05-01", "--to", "2027-01-31")
    assert morctl(*args).code == 0
    (out / "mia.ics").unlink()
    (out / "mia.ics").mkdir()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    rhythm = ws / "rhythm.yaml"
    rhythm.write_text(rhythm.read_text().replace('"09:00"', '"09:15"'))
    r = morctl(*args)
    assert r.code == 1 and "mia.ics" in r.err and "no file was changed" in r.err, r.err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_a_zone_that_goes_over_to_utc_still_declares_its_cancelled_events_zone(
    tmp_path: Path,
) -> None:
    # Jerusalem's rules hold for 2025-2029: its events are written with its TZID. Widened
    # to 2030, the zone is written in UTC, and the earlier events in Jerusalem time that
    # the new feed no longer has are published as cancelled: their TZID still needs its
    # VTIMEZONE (the run crashed on it).
    out = tmp_path / "feeds"
    first = write_feeds(ENGINE / "zones", out, "2025-06-01", "2029-12-31")
    assert b"DTSTART;TZID=Asia/Jerusalem" in first["jer.ics"]
    second = write_feeds(ENGINE / "zones", out, "2025-06-01", "2030-06-30")
    raw = second["jer.ics"]
    check_feed(raw)
    assert b"STATUS:CANCELLED" in raw and b"TZID:Asia/Jerusalem" in raw
    cross_check(ENGINE / "zones", {"jer.ics": raw}, "2025-06-01", "2030-06-30", complete=False)


@pytest.mark.parametrize(
    ("lines", "span"),
    [
        # UNTIL is UTC: the last day is the zone's, not UTC's (New York's 31 Dec ends on
        # 1 Jan in UTC; Chatham's 31 Dec 08:45 is 30 Dec 19:00 in UTC)
        (["DTSTART;TZID=America/New_York:20260105T090000",
          "RRULE:FREQ=WEEKLY;UNTIL=20270101T045959Z"], (date(2026, 1, 5), date(2026, 12, 31))),
        (["DTSTART;TZID=Pacific/Chatham:20260105T090000",
          "RRULE:FREQ=WEEKLY;UNTIL=20261230T190000Z"], (date(2026, 1, 5), date(2026, 12, 31))),
        (["DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;UNTIL=20261231"],
         (date(2026, 1, 5), date(2026, 12, 31))),
        # a zone this machine does not know (a feed edited by hand): UTC's day
        (["DTSTART;TZID=Nowhere/X:20260105T090000", "RRULE:FREQ=WEEKLY;UNTIL=20261230T190000Z"],
         (date(2026, 1, 5), date(2026, 12, 30))),
        (["DTSTART;TZID=Europe/London:20261124T090000"], (date(2026, 11, 24), date(2026, 11, 24))),
    ],
)  # fmt: skip
def test_an_earlier_events_days_are_read_in_its_own_zone(
    lines: list[str], span: tuple[date, date]
) -> None:
    from morctl.icalprev import _span

    assert _span(lines) == span


def test_the_retired_uids_are_kept_while_their_meeting_could_come_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from morctl.icalprev import Earlier, retire

    monkeypatch.setenv("MORCTL_TODAY", "2026-12-01")
    earlier = Earlier(
        {},
        {
            # a huddle keyed on Mon 30 Nov that a holiday had moved to Tue 1 Dec: its key is
            # before the window, its meeting was not, and it can come back
            "huddle/mia/2026-11-30@office.morctl": 1,
            "qbr/vera/2026-07-14@office.morctl": 2,  # a quarter and more before: forgotten
            "wrap/mia@office.morctl": 3,  # a series: kept, it can be restored any time
            "review/ana@office.morctl": 4,  # live again: its event carries its SEQUENCE
        },
    )
    blocks = [
        ["BEGIN:VEVENT", "UID;X-EDITED=1:forecast/mia/2026-12-31@office.morctl", "SEQUENCE:5",
         "STATUS:CANCELLED", "END:VEVENT"],
        ["BEGIN:VEVENT", "UID:odd@office.morctl", "END:VEVENT"],  # no SEQUENCE: not a crash
    ]  # fmt: skip
    kept = retire(earlier, blocks, {"review/ana@office.morctl"}, date(2026, 12, 1))
    assert kept == {
        "huddle/mia/2026-11-30@office.morctl": 1,
        "wrap/mia@office.morctl": 3,
        "forecast/mia/2026-12-31@office.morctl": 5,
    }


def test_a_damaged_retired_line_is_not_taken(tmp_path: Path) -> None:
    from morctl.icalprev import read_previous

    feed = tmp_path / "mia.ics"
    feed.write_bytes(
        b"BEGIN:VCALENDAR\r\n"
        b"X-MORCTL-RETIRED:7 wrap/mia@office.morctl\r\n"
        b"X-MORCTL-RETIRED:99999999999999 review/mia@office.morctl\r\n"  # past 2**31
        b"X-MORCTL-RETIRED:x huddle/mia@office.morctl\r\n"
        b"X-MORCTL-RETIRED:3 dentist\r\n"  # not morctl's
        b"END:VCALENDAR\r\n"
    )
    assert read_previous(feed).retired == {"wrap/mia@office.morctl": 7}


def test_two_meetings_ending_at_the_first_and_the_second_1_30_of_one_night(
    tmp_path: Path,
) -> None:
    # Sun 25 Oct 2026, London: 00:30 + 1h ends at the first 01:30 (BST), 00:30 + 2h at the
    # second (GMT). The first is written in local time; the second cannot be, and is
    # written in UTC. Written after the first, it once took the first's answer and came
    # out as 00:30-01:30 local: an hour short.
    call = (
        "  {name}:\n    title: {name}\n    area: execution\n    owner: manager\n"
        "    with: alone\n    cadence: {{every: week, on: sun, at: '00:30', for: {length}}}\n"
        "    admission: {{lever: cov, standard: S, evidence: {{happened: log, useful: U}}}}\n"
    )
    ws_dir = tmp_path / "ws"
    ws_dir.mkdir()
    (ws_dir / "rhythm.yaml").write_text(
        "morctl: 1\nid: fold\nname: Fold\ntimezone: Europe/London\n"
        "workweek: [mon, tue, wed, thu, fri, sat, sun]\nlevers: {cov: Coverage}\n"
        "roles:\n  manager: {title: Manager, capacity: 100h}\nactivities:\n"
        + call.format(name="a_call", length="1h")
        + call.format(name="b_call", length="2h")
        + "people:\n  - {id: mia, name: Mia, role: manager}\n",
        encoding="utf-8",
    )
    for expanded in (True, False):
        out = tmp_path / f"out-{expanded}"
        feeds = write_feeds(ws_dir, out, "2026-10-18", "2026-11-01", expanded)
        cross_check(ws_dir, feeds, "2026-10-18", "2026-11-01")
    (ev,) = [
        e
        for e in components(unfold(feeds["mia.ics"]), "VEVENT")
        if "UID:b_call/mia@fold.morctl" in e and prop(e, "RECURRENCE-ID")
    ]
    assert "DTSTART:20261024T233000Z" in ev and "DTEND:20261025T013000Z" in ev


@pytest.mark.parametrize("value", ["253402300800", "1e9", "-5", "abc"])
def test_a_source_date_epoch_that_is_no_time_is_refused(tmp_path: Path, value: str) -> None:
    # Past the year 9999 it was an "internal error"; a malformed one was passed over and
    # every DTSTAMP said 2000 (reproducible-builds.org: a bad value is an error).
    env = {**os.environ, "SOURCE_DATE_EPOCH": value, "MORCTL_TODAY": "2026-11-24"}
    r = morctl("calendar", str(ACME), "--out", str(tmp_path / "out"), "--person", "priya",
               env=env)  # fmt: skip
    assert r.code == 2
    assert r.err.startswith(f"morctl: error: SOURCE_DATE_EPOCH='{value}' is not a time")
    assert not (tmp_path / "out").exists()
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    r = morctl("calendar", str(ACME), "--out", str(tmp_path / "out"), "--person", "priya",
               env=env)  # fmt: skip
    assert (
        r.code == 0 and "DTSTAMP:20231114T221320Z" in (tmp_path / "out" / "priya.ics").read_text()
    )


def test_a_person_with_no_meeting_in_the_window_is_told_why_there_is_no_feed(
    tmp_path: Path,
) -> None:
    # Priya's last days of December are all in the year-end freeze: "wrote 0 feeds" alone
    # left the user asking for her feed with nothing to go on.
    env = {**os.environ, "MORCTL_TODAY": "2026-03-01"}
    r = morctl("calendar", str(ACME), "--out", str(tmp_path / "out"), "--from", "2026-12-21",
               "--to", "2026-12-31", "--person", "priya", env=env)  # fmt: skip
    assert r.code == 0
    assert (
        "morctl: warning: priya has no meeting from 2026-12-21 to 2026-12-31 (each is "
        "excused), so no feed was written; `morctl expand " in r.err
    )
    r = morctl("calendar", str(ACME), "--out", str(tmp_path / "out"), "--from", "2026-12-01",
               "--to", "2026-12-31", "--person", "priya", env=env)  # fmt: skip
    assert r.code == 0 and "warning" not in r.err
    # Before the rhythm starts there is nothing for expand to show either: the reason is said.
    r = morctl("calendar", str(ACME), "--out", str(tmp_path / "new"), "--from", "2026-01-05",
               "--to", "2026-01-11", "--person", "priya", env=env)  # fmt: skip
    assert r.code == 0 and r.err == (
        f"no feed written; {tmp_path / 'new'} was not created (2026-01-05 to 2026-01-11)\n"
        "morctl: warning: priya has no meeting from 2026-01-05 to 2026-01-11: the rhythm takes "
        "effect on 2026-02-02, after this window; no feed was written\n"
    )
    assert not (tmp_path / "new").exists()


def test_a_leader_who_runs_and_attends_nothing_is_not_sent_to_an_empty_expand(
    tmp_path: Path,
) -> None:
    # The starter's leader (morgan) owns no activity and reports to nobody: `expand
    # --person morgan` would list nothing, so the warning says why instead of sending there.
    env = {**os.environ, "MORCTL_TODAY": "2026-11-24"}
    assert morctl("init", str(tmp_path / "ws"), "--template", "starter", env=env).code == 0
    r = morctl("calendar", str(tmp_path / "ws"), "--out", str(tmp_path / "out"),
               "--person", "morgan", env=env)  # fmt: skip
    assert r.code == 0
    assert r.err.splitlines()[-1] == (
        "morctl: warning: morgan has no meeting from 2026-11-24 to 2027-11-23: as a leader "
        "they run no activity of the rhythm, and with no manager attend none; no feed was "
        "written"
    )
    assert "morctl expand" not in r.err
    # A rep whose manager runs nothing either: the manager is named.
    org = tmp_path / "ws" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    assert text.count("role: manager") == 2
    org.write_text(text.replace("role: manager", "role: leader", 1), encoding="utf-8")
    rep = re.search(r"id: (\w+), [^}]*role: rep, manager: priya", text)
    assert rep is not None
    r = morctl("calendar", str(tmp_path / "ws"), "--out", str(tmp_path / "out"),
               "--person", rep[1], env=env)  # fmt: skip
    assert r.err.splitlines()[-1].endswith(
        "as a rep they run no activity of the rhythm, and their manager priya (leader) runs "
        "none either; no feed was written"
    )


@pytest.mark.parametrize(
    ("window", "why"),
    [
        (("2026-01-05", "2026-01-11"), "the rhythm takes effect on 2026-02-02, after this window"),
        (
            ("2026-12-24", "2026-12-31"),
            "nobody has a meeting in it (none planned, or each excused)",
        ),
    ],
)
def test_a_window_with_no_feed_to_write_says_why(
    tmp_path: Path, window: tuple[str, str], why: str
) -> None:
    """ "wrote 0 feeds" alone read as a fault: before the rhythm starts, or in the year-end
    freeze, nothing is scheduled, and the run says so."""
    env = {**os.environ, "MORCTL_TODAY": "2026-03-01"}
    first, last = window
    out = tmp_path / "out"
    r = morctl("calendar", str(ACME), "--out", str(out), "--from", first, "--to", last, env=env)
    assert r.code == 0
    # "wrote 0 feeds to OUT" sent the user to a folder that was never made.
    assert r.err == (
        f"no feeds written; {out} was not created ({first} to {last})\n"
        f"morctl: warning: nothing to write from {first} to {last}: {why}\n"
    )
    assert not out.exists()
    out.mkdir()
    r = morctl("calendar", str(ACME), "--out", str(out), "--from", first, "--to", last, env=env)
    assert r.code == 0
    assert r.err.startswith(f"no feeds written to {out} ({first} to {last})\n")
    assert list(out.iterdir()) == []


def test_a_workspace_without_a_roster_writes_no_feed_and_says_why(tmp_path: Path) -> None:
    shutil.copy(ACME / "rhythm.yaml", tmp_path / "rhythm.yaml")
    r = morctl(
        "calendar",
        str(tmp_path),
        "--out",
        str(tmp_path / "out"),
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-08",
    )
    assert r.code == 0
    assert (
        "the workspace has no roster, so nobody owns a meeting (add org.yaml or org.csv)" in r.err
    )


def test_a_moved_meeting_says_from_where_and_why(tmp_path: Path) -> None:
    """December's month-end forecast call sits on Fri 18 Dec (the freeze starts on the
    21st); without a word the people in it could only guess why."""
    env = {**os.environ, "MORCTL_TODAY": "2026-03-01"}
    out = tmp_path / "out"
    r = morctl("calendar", str(ACME), "--out", str(out), "--from", "2026-12-01", "--to",
               "2026-12-31", "--person", "priya", env=env)  # fmt: skip
    assert r.code == 0, r.err
    feed = icalendar.Calendar.from_ical((out / "priya.ics").read_bytes())
    moved = [ev for ev in feed.walk("VEVENT") if str(ev["UID"]).startswith("forecast_call/priya/")]
    assert [ev.decoded("DTSTART").date() for ev in moved] == [date(2026, 12, 18)]
    text = str(moved[0]["DESCRIPTION"])
    assert text.startswith("Moved from Thu 31 Dec 2026 (Year-end freeze).\n\nStandard: ")
    assert text.endswith("Occurrence key: forecast_call/priya/2026-12-31")
    # a meeting on its own day says nothing of the kind
    others = [ev for ev in feed.walk("VEVENT") if ev not in moved]
    assert others and not any("Moved from" in str(ev.get("DESCRIPTION")) for ev in others)


@pytest.mark.parametrize("where", ["logs", "logs/feeds"])
def test_feeds_are_never_written_among_the_logs(tmp_path: Path, where: str) -> None:
    """A slip (`--out logs`, a step after saving a checklist there) made every later report
    reject each feed as a log: refused before anything is written."""
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws)
    before = sorted(p.name for p in (ws / "logs").rglob("*"))
    r = morctl("calendar", str(ws), "--out", str(ws / where))
    assert r.code == 2
    assert f"--out {ws / where} is inside the workspace's logs/" in r.err
    assert "hint: write the feeds elsewhere, such as calendars/" in r.err
    assert sorted(p.name for p in (ws / "logs").rglob("*")) == before


def test_an_out_that_names_a_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """`--out priya.ics` made a folder priya.ics holding priya.ics, without a word; `--out`
    an existing file said "Not a directory" and to check that the folder exists."""
    env = {**os.environ, "MORCTL_TODAY": "2026-11-23"}
    (tmp_path / "notes.txt").write_text("kept\n", encoding="utf-8")
    cases = (
        ("priya.ics", "morctl: error: --out priya.ics: --out takes a folder; the feeds are "
         "written in it as PERSON.ics\n  hint: give a folder, e.g. --out calendars (or --out "
         "priya.ics/ for a folder of that name)\n"),
        ("feeds/Priya.ICS", "morctl: error: --out feeds/Priya.ICS: --out takes a folder; the "
         "feeds are written in it as PERSON.ics\n  hint: give a folder, e.g. --out "
         "feeds/calendars (or --out feeds/Priya.ICS/ for a folder of that name)\n"),
        ("notes.txt", "morctl: error: --out notes.txt is a file: give a folder\n  hint: the "
         "feeds are written in it as PERSON.ics, e.g. --out calendars\n"),
        # standard output, for report and checklist: made a folder named -
        ("-", "morctl: error: --out -: calendar writes one file per person into a folder, "
         "not to standard output\n  hint: give a folder, e.g. --out calendars/ (or --out ./- "
         "for a folder named -)\n"),
    )  # fmt: skip
    for out, err in cases:
        r = morctl("calendar", str(ACME), "--out", out, "--person", "priya", cwd=tmp_path, env=env)
        assert (r.code, r.err) == (2, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    # A folder named so, said to be one with a / or made already, is a folder.
    r = morctl("calendar", str(ACME), "--out", "priya.ics/", "--person", "priya",
               cwd=tmp_path, env=env)  # fmt: skip
    assert r.code == 0, r.err
    assert (tmp_path / "priya.ics" / "priya.ics").is_file()
    r = morctl("calendar", str(ACME), "--out", "priya.ics", "--person", "priya",
               cwd=tmp_path, env=env)  # fmt: skip
    assert r.code == 0, r.err


def test_a_feed_that_is_a_link_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    # calendars/priya.ics -> ../org.yaml (committed, or made by mistake): the feed was
    # written through the link and replaced the roster, and a month log with it.
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws)
    out = ws / "calendars"
    args = ("calendar", str(ws), "--out", str(out), "--from", "2026-11-01", "--to", "2026-11-30")
    assert morctl(*args).code == 0
    feeds = {p.name: p.read_bytes() for p in out.iterdir()}
    roster, log = (ws / "org.yaml").read_bytes(), (ws / "logs" / "2026-11.csv").read_bytes()
    for name, target in (("priya.ics", "../org.yaml"), ("tomasz.ics", "../logs/2026-11.csv")):
        (out / name).unlink()
        (out / name).symlink_to(target)
    r = morctl(*args)
    assert r.code == 1, r.err
    assert f"cannot write {out / 'priya.ics'}: it is a link to '../org.yaml'" in r.err, r.err
    assert "a feed is written as a file of its own: remove the link" in r.err, r.err
    assert (ws / "org.yaml").read_bytes() == roster
    assert (ws / "logs" / "2026-11.csv").read_bytes() == log
    now = {p.name: p.read_bytes() for p in out.iterdir() if not p.is_symlink()}
    assert now == {k: v for k, v in feeds.items() if k not in ("priya.ics", "tomasz.ics")}
    # --person writes one feed, and refuses its link as well; a leaver's link too.
    r = morctl(*args, "--person", "tomasz")
    assert r.code == 1 and "tomasz.ics: it is a link to '../logs/2026-11.csv'" in r.err, r.err
    assert (ws / "logs" / "2026-11.csv").read_bytes() == log


def test_a_feed_of_an_activity_with_until_expands_to_the_engines_days(tmp_path: Path) -> None:
    """The office fixture with three activities ending: the review on Mon 30 Nov 2026 (its
    last Tuesday is 24 Nov), the wrap-up on Fri 9 Oct (a company day off it cannot move
    past), the huddle on Mon 25 May (a bank holiday it moves back from), the month-end call
    on Sun 20 Dec (its December call, due Thu 31 Dec in the year-end freeze, moves back to
    Fri 18 Dec, before the end, so it is held). Published over the feeds of before, each
    feed reads, with an independent expander, as the engine's days; a recurring series'
    UNTIL is in UTC, as RFC 5545 asks beside a DTSTART with a TZID, and reaches the day the
    moved-back call was due, which its override (RECURRENCE-ID) names."""
    ws = copy_workspace("office", tmp_path / "ws")
    out = tmp_path / "feeds"
    window = ("2026-05-01", "2027-01-31")
    before = write_feeds(ws, out, *window)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8")
    for old, until in (
        ('on: tue, at: "09:00", for: 30m}', "2026-11-30"),
        ('on: fri, at: "16:00", for: 30m, on_holiday: next}', "2026-10-09"),
        ('on: mon, at: "08:30", for: 15m, on_holiday: previous}', "2026-05-25"),
        ('on: last business day, at: "15:00", for: 45m, on_holiday: previous}', "2026-12-20"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, f"{old[:-1]}, until: {until}}}")
    rhythm.write_text(text, encoding="utf-8")
    after = write_feeds(ws, out, *window)
    cross_check(ws, after, *window)
    events = components(unfold(after["mia.ics"]), "VEVENT")
    rules = [ln for ev in events for ln in prop(ev, "RRULE")]
    assert rules and all(re.search(r";UNTIL=\d{8}T\d{6}Z(;|$)", r) for r in rules), rules
    a, b = date.fromisoformat(window[0]), date.fromisoformat(window[1])
    found = feed_occurrences(check_feed(after["mia.ics"]), a, b)
    keys = [k[0] for k in found]
    days = {aid: max(k.rsplit("/", 1)[1] for k in keys if k.startswith(aid + "/"))
            for aid in ("pipeline", "wrap", "huddle", "month_end")}  # fmt: skip
    assert days == {
        "pipeline": "2026-11-24",
        "wrap": "2026-10-02",
        "huddle": "2026-05-25",
        "month_end": "2026-12-31",
    }
    held = [k[1] for k in found if k[0] == "month_end/mia/2026-12-31"]
    assert len(held) == 1 and str(held[0]).startswith("2026-12-18"), held
    month_end = [ev for ev in events if any("Month-end" in ln for ln in prop(ev, "SUMMARY"))]
    assert any(r.startswith("RRULE:") and ";UNTIL=20261231T" in r
               for ev in month_end for r in prop(ev, "RRULE")), month_end  # fmt: skip
    assert any(rid.endswith(":20261231T150000")
               for ev in month_end for rid in prop(ev, "RECURRENCE-ID")), month_end  # fmt: skip
    # The activities that do not end are left as they were.
    old, new = sequences(before["ana.ics"]), sequences(after["ana.ics"])
    same = [k for k in old if not k[0].startswith(("pipeline/", "wrap/", "huddle/", "month_end/"))]
    assert same and all(new[k] == old[k] for k in same)
