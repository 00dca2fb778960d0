"""The public-holiday cache (morctl.holidaycache): what it keeps must be exactly what the
holidays package says, a damaged cache must never change a date, and it must not grow
without end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import holidays
import pytest

from conftest import ACME, morctl
from morctl import holidaycache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, and the module's state as in a new process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MORCTL_CACHE_DIR", str(folder))

    def fresh() -> None:
        holidaycache._cache_file.cache_clear()
        holidaycache._state.update(data=None, dirty=False)

    fresh()
    yield folder
    fresh()


def _reload() -> None:
    """Forget what this process read, as the next run would."""
    holidaycache._state.update(data=None, dirty=False)


def test_cached_holidays_are_the_packages(cache: Path) -> None:
    for code, year in [("GB", 2026), ("US", 2027), ("GB-SCT", 2026), ("FR", 2026)]:
        country, _, subdiv = code.partition("-")
        expected = frozenset(holidays.country_holidays(country, subdiv=subdiv or None, years=year))
        assert holidaycache.public_holidays(code, year) == expected
        holidaycache.save()
        _reload()
        assert holidaycache.public_holidays(code, year) == expected  # now from the file
    (written,) = cache.glob("holidays-*.json")
    stored = json.loads(written.read_text(encoding="utf-8"))
    scotland = holidays.country_holidays("GB", subdiv="SCT", years=2026)
    assert stored["GB-SCT:2026"] == {
        d.isoformat(): sorted(scotland.get_list(d)) for d in sorted(scotland)
    }
    assert stored["GB-SCT:2026"]["2026-01-02"] == ["New Year Holiday"]  # Scotland's 2 January
    assert date(2026, 1, 2).isoformat() not in stored["GB:2026"]


def test_the_names_are_the_packages_in_english(cache: Path) -> None:
    # `holidays.worked` matches these names: the package's own, in English even for a
    # country whose names are in another language by default (AE: Arabic).
    for run in range(2):
        us = holidaycache.holiday_names("US", 2026)
        assert us[date(2026, 10, 12)] == ("Columbus Day",)
        assert us[date(2026, 7, 3)] == ("Independence Day (observed)",)
        ae = holidaycache.holiday_names("AE", 2027)
        assert ae[date(2027, 3, 9)] == ("Eid al-Fitr (estimated)",)
        assert frozenset(ae) == frozenset(holidays.country_holidays("AE", years=2027))
        assert holidaycache._state["dirty"] == (run == 0)  # the second run reads the file
        holidaycache.save()
        _reload()


def test_a_cache_file_of_the_old_format_is_never_read(cache: Path) -> None:
    # Version 1 kept the dates only, as a list, in `holidays-TAG.json`: the names could
    # not be read from it, and its days must not be taken for a day without a name.
    holidaycache.public_holidays("GB", 2026)
    holidaycache.save()
    (written,) = cache.glob("holidays-*.json")
    assert written.name.startswith(f"holidays-v{holidaycache.FORMAT}-")
    old = cache / written.name.replace(f"-v{holidaycache.FORMAT}-", "-")
    old.write_text(json.dumps({"GB:2026": ["2026-03-03"]}), encoding="utf-8")
    # Even a list written into this format's file is computed again.
    written.write_text(json.dumps({"GB:2026": ["2026-03-03"]}), encoding="utf-8")
    _reload()
    assert holidaycache.holiday_names("GB", 2026)[date(2026, 12, 25)] == ("Christmas Day",)
    assert date(2026, 3, 3) not in holidaycache.public_holidays("GB", 2026)


def test_known_countries_come_from_the_package(cache: Path) -> None:
    assert holidaycache.known_country("GB") and holidaycache.known_country("US-NY")
    assert not holidaycache.known_country("XX") and not holidaycache.known_country("GB-XYZ")
    holidaycache.save()
    _reload()
    assert holidaycache.known_country("US-NY") and not holidaycache.known_country("XX")


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "[1, 2, 3]",
        '{"GB:2026": "2026-01-01"}',  # not a mapping: computed again
        '{"GB:2026": ["2026-01-01"]}',  # the old format's list of dates
        '{"GB:2026": {"2026-01-01": []}}',  # a day without a name
        '{"GB:2026": {"2026-01-01": "New Year"}}',
        '{"countries": []}',
    ],
)
def test_a_damaged_cache_is_computed_again(cache: Path, damage: str) -> None:
    holidaycache.public_holidays("GB", 2026)
    holidaycache.save()
    (written,) = cache.glob("holidays-*.json")
    written.write_text(damage, encoding="utf-8")
    _reload()
    expected = frozenset(holidays.country_holidays("GB", years=2026))
    assert holidaycache.public_holidays("GB", 2026) == expected
    assert holidaycache.known_country("GB")


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    r = morctl("validate", str(ACME), env={**os.environ, "MORCTL_CACHE_DIR": "off"})
    assert r.code == 0, r.err
    assert list(tmp_path.rglob("*")) == []


def test_a_warm_run_does_not_import_the_holidays_package(cache: Path) -> None:
    script = (
        "import sys\n"
        "from morctl import holidaycache as h\n"
        "n = len(h.public_holidays('GB', 2026)) + len(h.holiday_names('AE', 2027))\n"
        "h.save()\n"
        "print(n, 'holidays' in sys.modules)\n"
    )
    env = {**os.environ, "MORCTL_CACHE_DIR": str(cache)}

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.split()[1]

    assert run() == "True"  # cold: computed by the package
    assert run() == "False"  # warm: read from the cache


def test_stale_files_of_other_installs_are_removed(cache: Path) -> None:
    cache.mkdir()
    old = time.time() - (holidaycache.STALE_DAYS + 1) * 86400
    recent = time.time() - (holidaycache.STALE_DAYS - 1) * 86400
    files = {
        "holidays-0000000000000000.json": old,  # another install, unused for a month
        "holidays-1111111111111111.json": recent,  # another install, still in use
        ".holidays.abc123": old,  # a temporary file a killed run left
        "notes.txt": old,  # not the cache's
    }
    for name, when in files.items():
        (cache / name).write_text("{}", encoding="utf-8")
        os.utime(cache / name, (when, when))
    holidaycache.public_holidays("GB", 2026)
    holidaycache.save()
    (mine,) = set(cache.glob("holidays-*.json")) - {cache / "holidays-1111111111111111.json"}
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [mine.name, "holidays-1111111111111111.json", "notes.txt"]
    )


@pytest.mark.parametrize(
    ("code", "region", "missing"),
    [
        ("GB", "ENG", ["Easter Monday", "Late Summer Bank Holiday"]),
        ("AU", "NSW", ["King's Birthday", "Labor Day", "Christmas Day (observed)"]),
        ("CA", "ON", ["Victoria Day", "Thanksgiving Day", "Boxing Day"]),
        ("CH", "ZH", ["Good Friday", "Easter Monday", "Pentecost Monday"]),
        ("DE", "BY", ["Epiphany", "Corpus Christi", "All Saints' Day"]),
        ("ES", "MD", ["Maundy Thursday"]),
    ],
)
def test_national_only_warnings_say_what_the_holidays_package_says(
    code: str, region: str, missing: list[str]
) -> None:
    # MOR213 names holidays that the country's code leaves out and its regions keep: each
    # must really be missing from the national list and in the region's the hint names.
    from morctl.checkbase import NATIONAL_ONLY

    _why, hint = NATIONAL_ONLY[code]
    assert f"{code}-{region}" in hint
    years = range(2026, 2029)
    national = set(holidays.country_holidays(code, years=years).values())
    regional = set(holidays.country_holidays(code, subdiv=region, years=years).values())
    for name in missing:
        assert name not in national and name in regional, name
    assert len(national) == 4 or code != "CH"  # "only the four holidays every canton shares"


@pytest.mark.parametrize("alias", ["UK", "GBR", "AUS", "CAN", "CHE", "DEU", "ESP"])
def test_other_names_of_those_countries_are_warned_about_too(alias: str, tmp_path: Path) -> None:
    # `UK` (a London team's first guess) is the same national list as `GB` in the holidays
    # package: no Easter Monday. It gets MOR213, in the code as written.
    from morctl.checkbase import _ALIASES, national_only

    assert holidays.country_holidays(alias, years=2026).country == _ALIASES[alias]
    found = national_only(alias)
    assert found is not None and found[0].startswith(f"'{alias}' holds only")
    ws = tmp_path / "ws"
    shutil.copytree(ACME, ws)
    org = ws / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("GB-ENG", alias), encoding="utf-8")
    r = morctl("validate", str(ws))
    assert "warning MOR213 " in r.out and f"country '{alias}' holds only" in r.out


def test_holidays_the_package_knows_only_for_some_years_are_said_every_run(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # India's lunar holidays (Holi, Diwali) end with the package's tables: it said so as
    # a raw Python warning, once, and the cached runs after it said nothing.
    said = (
        "morctl: warning: the public holidays of IN in 2036 are incomplete (the holidays "
        "package: Requested Holidays are available only from 2001 to 2035): meetings may "
        "fall on holidays it does not know\n"
    )
    for run in range(2):
        holidaycache._state.pop("warned", None)
        holidaycache.public_holidays("IN", 2036)
        holidaycache.public_holidays("IN", 2036)  # once a run
        assert capsys.readouterr().err == said, run
        holidaycache.save()
        _reload()
    holidaycache._state.pop("warned", None)
    holidaycache.public_holidays("IN", 2030)
    holidaycache.public_holidays("GB", 2036)
    assert capsys.readouterr().err == ""
