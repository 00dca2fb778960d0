"""`holidays.worked` in `validate` (MOR216, MOR217, MOR218): the hints offer the holiday
meant, names are checked against the countries in use around the next twelve months, and
the engine's fixtures with worked holidays validate clean; checklist and report follow."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA, acme_edited, morctl
from morctl.diagnostics import Diagnostic
from morctl.validate import validate_workspace

COUNTRIES = (
    "  countries: [GB-ENG, US, FR]      # each person uses their own `country` from org.yaml\n"
)


def worked(tmp_path: Path, items: str, today: str = "2026-03-02") -> list[Diagnostic]:
    """The holidays.worked diagnostics of the example workspace given ``worked: ITEMS``."""
    ws = acme_edited(tmp_path, "rhythm.yaml", COUNTRIES, COUNTRIES + f"  worked: {items}\n")
    found = validate_workspace(str(ws), today=date.fromisoformat(today)).diagnostics
    return [d for d in found if "holidays.worked" in d.message]


@pytest.mark.parametrize(
    ("items", "code", "hint"),
    [
        ("[Colombus Day]", "MOR216", "did you mean 'Columbus Day'?"),
        ("[Thanks Giving]", "MOR216", "did you mean 'Thanksgiving Day'?"),
        # US-IL's, not the US's: nothing close; the example is the next holiday.
        ("[Pulaski Day]", "MOR216", "write the name the holidays package gives it, in "
         "English (such as 'Good Friday', the next one in GB-ENG), or its date"),
        # Another name of a holiday in use: each country's name for it, said as its.
        ("[Whit Monday]", "MOR216", "did you mean 'Pentecost Monday', as FR names it, or "
         "'Spring Bank Holiday', as GB-ENG names it?"),
        ("[Labour Day]", "MOR216", "did you mean 'Labor Day', as FR and US name it, or "
         "'May Day', as GB-ENG names it?"),
        ("[St Stephens Day]", "MOR216", "did you mean 'Boxing Day', as GB-ENG names it?"),
        ("[easter]", "MOR216", "did you mean 'Easter Monday'?"),
        ("[2026-10-13]", "MOR217", "did you mean 2026-10-12 (Columbus Day, US)?"),
        ("[2026-12-23]", "MOR217", "did you mean 2026-12-25 (Christmas Day, FR, GB-ENG and US)?"),
        ("[2026-11-12]", "MOR217", "did you mean 2026-11-11 (Armistice Day, FR; Veterans Day, "
         "US)?"),
        ("[2026-12-24]", "MOR218", "remove it from one list: holidays.dates to work it, "
         "holidays.worked to keep it off"),
    ],
)  # fmt: skip
def test_the_hint_offers_the_holiday_meant(
    tmp_path: Path, items: str, code: str, hint: str
) -> None:
    (found,) = worked(tmp_path, items)
    assert (found.severity, found.code, found.hint) == ("warning", code, hint)
    assert found.file.endswith("rhythm.yaml") and found.line == 24 and found.column == 12


def test_names_and_dates_of_every_country_in_use_are_fine(tmp_path: Path) -> None:
    # GB-ENG's Easter Monday, the US's Veterans Day as observed, FR's Bastille Day under its
    # English name, written in any case; a date of each country.
    items = "[Easter Monday, veterans day (observed), National Day, 2026-07-04, 2026-08-31]"
    assert worked(tmp_path, items) == []


def test_a_holiday_of_every_other_year_is_not_unknown(tmp_path: Path) -> None:
    # US-IL's Election Day is a holiday in even years: from 1 Dec 2026 the next twelve
    # months have none, but it is US-IL's and the warning would tell the team to remove it.
    ws = acme_edited(
        tmp_path, "rhythm.yaml", COUNTRIES, "  countries: [US-IL]\n  worked: [Election Day]\n"
    )
    found = validate_workspace(str(ws), today=date(2026, 12, 1)).diagnostics
    assert [d for d in found if "holidays.worked" in d.message] == []


@pytest.mark.parametrize("name", ["worked", "worked_ae"])
def test_the_engine_fixtures_have_nothing_to_say_about_worked(name: str) -> None:
    found = validate_workspace(str(DATA / "engine" / name), today=date(2026, 9, 1)).diagnostics
    assert [d for d in found if d.code in {"MOR216", "MOR217", "MOR218"}] == []


@pytest.mark.parametrize("works", [True, False])
def test_checklist_and_report_follow_a_worked_holiday(tmp_path: Path, works: bool) -> None:
    # Chicago's Monday pipeline review on Columbus Day, 12 Oct 2026, logged done: with the
    # holiday worked it is on the checklist and the log row is its completion; kept, the
    # meeting is excused and the row matches nothing (unplanned).
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "engine" / "worked", ws)
    if not works:
        rhythm = ws / "rhythm.yaml"
        rhythm.write_text(
            re.sub(r"(?m)^  worked: .*$", "  worked: []", rhythm.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
    (ws / "logs").mkdir()
    (ws / "logs" / "2026-10.csv").write_text(
        "date,activity,owner,with,status,useful,actions,note,reason\n"
        "2026-10-12,pipeline,cam,,done,4,1,,\n",
        encoding="utf-8",
    )
    r = morctl("checklist", str(ws), "--week", "2026-W42", "--person", "cam")
    assert r.code == 0, r.err
    assert ("<!-- morctl:pipeline/cam/2026-10-12 due=2026-10-12 -->" in r.out) == works
    r = morctl(
        "report", str(ws), "--from", "2026-10-12", "--to", "2026-10-12", "--as-of",
        "2026-10-20", "--person", "cam", "--format", "json",
    )  # fmt: skip
    assert r.code in (0, 1), r.err
    doc = json.loads(r.out)
    (pipeline,) = [a for a in doc["people"][0]["activities"] if a["activity"] == "pipeline"]
    assert (pipeline["done"], pipeline["excused"]) == ((1, 0) if works else (0, 1))
    assert len(doc["unplanned"]) == (0 if works else 1)


@pytest.mark.parametrize("works", [True, False])
def test_the_date_checks_count_a_worked_holiday(tmp_path: Path, works: bool) -> None:
    # October 2026 has 22 weekdays; Columbus Day (Mon 12 Oct) leaves 21 business days in
    # US-IL unless it is worked: `business day 22` has October only when it is (MOR508).
    ws = tmp_path / "ws"
    shutil.copytree(DATA / "engine" / "worked", ws)
    rhythm = ws / "rhythm.yaml"
    text = rhythm.read_text(encoding="utf-8").replace("business day 3", "business day 22")
    if not works:
        text = re.sub(r"(?m)^  worked: .*$", "  worked: []", text)
    rhythm.write_text(text, encoding="utf-8")
    found = validate_workspace(str(ws), today=date(2026, 9, 1)).diagnostics
    (gap,) = [d for d in found if d.code == "MOR508"]
    assert ("Oct 2026" in gap.message) != works, gap.message


def rhythm_worked(tmp_path: Path, countries: str, name: str) -> Diagnostic:
    """The one holidays.worked diagnostic of a rhythm alone (no roster) that follows
    ``countries`` and works ``name``, on 23 Nov 2026, three days before Thanksgiving."""
    (tmp_path / "rhythm.yaml").write_text(
        (DATA / "rhythms" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
        + f'holidays:\n  countries: [{countries}]\n  worked: ["{name}"]\n',
        encoding="utf-8",
    )
    found = validate_workspace(str(tmp_path), today=date(2026, 11, 23)).diagnostics
    (d,) = [d for d in found if "holidays.worked" in d.message]
    return d


@pytest.mark.parametrize(
    ("countries", "name", "meant"),
    [
        ("FR", "Whit Monday", "'Pentecost Monday', as FR names it"),
        ("DE", "Whit Monday", "'Pentecost Monday', as DE names it"),
        ("GB-ENG", "Whit Monday", "'Spring Bank Holiday', as GB-ENG names it"),
        ("GB-ENG", "Pentecost Monday", "'Spring Bank Holiday', as GB-ENG names it"),
        ("DE", "Boxing Day", "'Second Day of Christmas', as DE names it"),
        ("IE", "Boxing Day", "'Saint Stephen's Day', as IE names it"),
        ("AU-NSW", "St. Stephen's Day", "'Boxing Day', as AU-NSW names it"),
        ("GB-ENG", "Labour Day", "'May Day', as GB-ENG names it"),
        ("US", "Labour Day", "'Labor Day', as US names it"),
        ("FR", "Labour Day", "'Labor Day', as FR names it"),
        ("IN", "Christmas Day", "'Christmas', as IN names it"),
        ("FR", "Christmas", "'Christmas Day', as FR names it"),
        ("AE", "New Year", "'New Year's Day', as AE names it"),
        ("FR, DE", "Whit Monday", "'Pentecost Monday', as DE and FR name it"),
    ],
)
def test_another_name_of_a_holiday_gets_the_name_of_a_country_in_use(
    tmp_path: Path, countries: str, name: str, meant: str
) -> None:
    d = rhythm_worked(tmp_path, countries, name)
    assert (d.code, d.hint) == ("MOR216", f"did you mean {meant}?")


@pytest.mark.parametrize(
    ("countries", "name", "example"),
    [
        # FR has no Boxing Day under any name, and no Whit Monday is the US's: the example
        # is a holiday of the country followed, never another's (Thanksgiving for FR).
        ("FR", "Boxing Day", "'Christmas Day', the next one in FR"),
        ("FR", "Thanksgiving", "'Christmas Day', the next one in FR"),
        ("US", "Whit Monday", "'Thanksgiving Day', the next one in US"),
        ("AE", "Christmas", "'National Day', the next one in AE"),
        ("IN", "Boxing Day", "'Guru Nanak's Birthday', the next one in IN"),
    ],
)
def test_the_example_is_a_holiday_of_a_country_in_use(
    tmp_path: Path, countries: str, name: str, example: str
) -> None:
    d = rhythm_worked(tmp_path, countries, name)
    assert (d.code, d.hint) == (
        "MOR216",
        f"write the name the holidays package gives it, in English (such as {example}), "
        "or its date",
    )
