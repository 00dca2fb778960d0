"""`morctl schema` accepts every valid rhythm as an editor reads it (YAML 1.2) and rejects
what `validate` rejects at the schema level: unknown keys, keys that are not ids."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ACME, DATA, ROOT, morctl
from morctl.yamlload import load_yaml


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    r = morctl("schema")
    assert r.code == 0, r.err
    schema = json.loads(r.out)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _yaml12(path: Path) -> Any:
    """The document as a YAML 1.2 editor sees it: morctl's loader pins that dialect."""
    loaded = load_yaml(path.read_bytes(), str(path))
    assert not loaded.diagnostics
    return loaded.data


VALID = sorted(
    [
        *(DATA / "rhythms" / "ok").glob("*.yaml"),
        ACME / "rhythm.yaml",
        *(ROOT / "rhythms").glob("*/rhythm.yaml"),
        ROOT / "docs" / "examples" / "adherence" / "rhythm.yaml",
    ]
)


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_valid_rhythm_passes_the_schema(validator: Any, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(_yaml12(path))]
    assert errors == []


def test_unknown_keys_and_bad_ids_fail_the_schema(validator: Any) -> None:
    doc = _yaml12(ACME / "rhythm.yaml")
    activity = next(iter(doc["activities"].values()))
    activity["cadence"]["cadance"] = 1
    doc["activities"]["Quarterly Review"] = activity
    doc["levers"]["Not An Id"] = "x"
    messages = " ".join(e.message for e in validator.iter_errors(doc))
    assert "cadance" in messages
    assert "Quarterly Review" in messages
    assert "Not An Id" in messages


def test_schema_defaults_are_values_morctl_accepts(validator: Any) -> None:
    schema = validator.schema
    assert schema["properties"]["workweek"]["default"] == ["mon", "tue", "wed", "thu", "fri"]
    assert schema["properties"]["fiscal_year_start"]["default"] == "01-01"
    assert schema["$defs"]["Cadence"]["properties"]["grace"]["default"] == "0d"


def test_empty_duration_is_rejected(validator: Any) -> None:
    doc = _yaml12(ACME / "rhythm.yaml")
    next(iter(doc["activities"].values()))["cadence"]["for"] = ""
    assert list(validator.iter_errors(doc))


@pytest.mark.parametrize(
    ("every", "on", "good"),
    [
        ("week", "Tue", True),
        ("week", " tue ", True),
        ("week", "tues", False),
        ("month", "First Business Day", True),
        ("month", "business  day 3", True),
        ("month", "2ND Wed", True),
        ("month", "lastfri", False),
        ("month", "business day x", False),
    ],
)
def test_the_schema_accepts_the_weekdays_and_selectors_validate_accepts(
    validator: Any, tmp_path: Path, every: str, on: str, good: bool
) -> None:
    # validate reads `on` without regard to case and spaces; the editor must not flag it.
    text = (DATA / "rhythms" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
    assert "every: week, on: tue," in text
    (tmp_path / "rhythm.yaml").write_text(
        text.replace("every: week, on: tue,", f"every: {every}, on: '{on}',"), encoding="utf-8"
    )
    r = morctl("validate", str(tmp_path), "--format", "json")
    assert (json.loads(r.out)["errors"] == 0) == good, r.out
    assert (not list(validator.iter_errors(_yaml12(tmp_path / "rhythm.yaml")))) == good


@pytest.mark.parametrize(
    ("old", "new", "good"),
    [
        # spaces around a value, which the parsers strip
        ('at: "09:00"', 'at: " 09:00"', True),
        ("for: 15m", "for: ' 15m'", True),
        ("every: week, on: mon", "every: ' week', on: mon", True),
        ("id: minimal", "id: minimal\neffective: ' 2026-01-05'", True),
        ("capacity: 4h", "capacity: ' 4h'", True),
        ("id: minimal", "id: minimal\nfiscal_year_start: ' 02-01'", True),
        # values of the right shape that are not values
        ("for: 15m", "for: 0m", False),
        ("for: 15m", "for: 0h0m", False),
        ("for: 15m", "for: 0h15m", True),
        ("every: week, on: mon", "every: 0 weeks, on: mon", False),
        ("every: week, on: mon", "every: 2 weeks, on: mon, starting: 2026-01-05", True),
        ("every: week, on: mon", "every: 2 week, on: mon, starting: 2026-01-05", True),
        ("on: first business day", "on: business day 0", False),
        ("on: first business day", "on: day 0", False),
        ("on: first business day", "on: day -1", True),
        ("id: minimal", "id: minimal\nfiscal_year_start: 13-01", False),
        ("id: minimal", "id: minimal\nfiscal_year_start: 02-00", False),
        ("id: minimal", "id: minimal\nworkweek: []", False),
        ("id: minimal", "id: minimal\nworkweek: [mon, mon]", False),
        ("id: minimal", "id: minimal\nworkweek: [sun, mon, tue, wed, thu]", True),
        ("every: week, on: mon", "every: week, on: [mon, mon]", False),
        ("every: week, on: mon", "every: week, on: [mon, thu]", True),
        # `at:` left blank: a time deleted by mistake (no `at` at all is an all-day item)
        ('at: "09:00", ', "at: , ", False),
        ('at: "09:00", ', "", True),
        # the form of `on` that `every` takes
        ("every: week, on: mon", "every: week, on: 1st mon", False),
        ("every: month, on: first business day", "every: month, on: tue", False),
        ("every: month, on: first business day", "every: quarter, on: last fri", True),
        ('every: week, on: mon, at: "08:30", for: 15m', 'every: day, at: "08:30", for: 5m', True),
        ("every: week, on: mon", "every: day, on: mon", False),
        # `on` forgotten (MOR212), and left blank where there is none to give
        ("every: week, on: mon", "every: week", False),
        ("every: month, on: first business day", "every: month", False),
        ('on: mon, at: "08:30", for: 15m', 'on: , at: "08:30", for: 5m', False),
        (
            'every: week, on: mon, at: "08:30", for: 15m',
            'every: day, on: , at: "08:30", for: 5m',
            True,
        ),
        (
            'every: week, on: mon, at: "08:30", for: 15m',
            'every: day, on: null, at: "08:30", for: 5m',
            True,
        ),
        ("every: month, on: first business day", "every: 1 month, on: tue", False),
        ("every: month, on: first business day", "every: 1 month, on: day 1", True),
        ("every: month, on: first business day", "every: 2 months, on: day 1", False),
        # report_role with each_report only (left blank, it is no report_role)
        ("    title: Team huddle\n", "    title: Team huddle\n    report_role:\n", True),
        ("    title: Team huddle\n", "    title: Team huddle\n    report_role: manager\n", False),
        ("    title: Coaching 1:1\n", "    title: Coaching 1:1\n    report_role: manager\n", True),
        # a name or a title left blank
        ("    title: Team huddle\n", '    title: "  "\n', False),
        ("    title: Team huddle\n", '    title: " Team huddle"\n', True),
    ],
)
def test_the_schema_and_validate_agree(
    validator: Any, tmp_path: Path, old: str, new: str, good: bool
) -> None:
    # An editor flags what validate refuses, and nothing that it accepts.
    text = (DATA / "rhythms" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "rhythm.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    r = morctl("validate", str(tmp_path), "--format", "json")
    assert (json.loads(r.out)["errors"] == 0) == good, r.out
    errors = [e.message for e in validator.iter_errors(_yaml12(tmp_path / "rhythm.yaml"))]
    assert (not errors) == good, errors


# -- what each key means, for an editor's hover text -----------------------------------------

REFERENCE = ROOT / "docs" / "reference.md"
DOCS_MODULE = ROOT / "src" / "morctl" / "schema_docs.py"
_HEADING = re.compile(r"^### `([^`]+)`[ \t]*$", re.M)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _descriptions() -> dict[str, str]:
    """Each key's first paragraph in docs/reference.md, links reduced to their text."""
    text = REFERENCE.read_text(encoding="utf-8")
    out = {}
    for m in _HEADING.finditer(text):
        paragraph = text[m.end() :].lstrip("\n").split("\n\n", 1)[0]
        out[m.group(1)] = _LINK.sub(r"\1", " ".join(paragraph.split()))
    return out


def _module(descriptions: dict[str, str]) -> str:
    lines = [
        '"""What each key of rhythm.yaml means, for the hover text of editors that read',
        "`morctl schema`: the first paragraph of the key's entry in docs/reference.md.",
        "",
        "Generated: edit docs/reference.md, then run",
        "``MORCTL_REGENERATE=1 pytest tests/test_schema.py``.",
        '"""',
        "",
        "DESCRIPTIONS: dict[str, str] = {",
    ]
    lines += [
        f"    {json.dumps(key)}: {json.dumps(text, ensure_ascii=False)},"
        for key, text in descriptions.items()
    ]
    return "\n".join([*lines, "}"]) + "\n"


def test_the_schema_descriptions_are_the_references_words() -> None:
    expected = _module(_descriptions())
    if os.environ.get("MORCTL_REGENERATE") == "1":
        DOCS_MODULE.write_text(expected, encoding="utf-8")
    assert DOCS_MODULE.read_text(encoding="utf-8") == expected, (
        "docs/reference.md changed: run MORCTL_REGENERATE=1 pytest tests/test_schema.py"
    )


def test_every_key_says_what_it_means_on_hover(validator: Any) -> None:
    # yaml-language-server shows a key's description on hover: every property has one.
    schema = validator.schema
    nodes = [("", schema), *((f"$defs.{k}", v) for k, v in schema["$defs"].items())]
    missing = [
        f"{where}.{name}"
        for where, node in nodes
        for name, prop in node.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []
    cadence = schema["$defs"]["Cadence"]["properties"]
    assert cadence["grace"]["description"].startswith("How many days after the day")
    assert schema["$defs"]["Admission"]["properties"]["lever"]["description"].startswith("Q1:")
    assert "](" not in json.dumps(schema)  # links reduced to their text
