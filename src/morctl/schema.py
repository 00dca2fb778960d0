"""`morctl schema`: the JSON Schema of rhythm.yaml, generated from the models."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from morctl.model import ON_FORMS, Person, Rhythm


def json_schema() -> dict[str, Any]:
    schema = Rhythm.model_json_schema(by_alias=True, mode="validation")
    schema["$id"] = "https://morctl.dev/schema/rhythm-1.json"
    props = schema["properties"]
    # Inline people use the roster's Person model; show it as a list, not the null union.
    props["people"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/Person"},
        "description": "People, for a small team without org.yaml / org.csv",
    }
    schema.setdefault("$defs", {}).setdefault(
        "Person", Person.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    )
    _fix(schema)
    return schema


# Defaults as a user writes them in YAML (pydantic would print the parsed values, which an
# editor would then offer as completions that morctl rejects).
_DEFAULTS = {
    ("Rhythm", "workweek"): ["mon", "tue", "wed", "thu", "fri"],
    ("Rhythm", "fiscal_year_start"): "01-01",
    ("Cadence", "grace"): "0d",
}


# The model behind each parent path of docs/reference.md's headings ("" is the top level).
_MODELS = {
    "": "Rhythm",
    "holidays": "Holidays",
    "blackouts[]": "Blackout",
    "targets": "Targets",
    "roles.*": "Role",
    "activities.*": "Activity",
    "activities.*.cadence": "Cadence",
    "activities.*.admission": "Admission",
    "activities.*.admission.evidence": "Evidence",
    "people[]": "Person",
    "people[].away[]": "Away",
}


def _node(schema: dict[str, Any], model: str) -> dict[str, Any]:
    node: dict[str, Any] = schema if model == "Rhythm" else schema["$defs"][model]
    return node


def _describe(schema: dict[str, Any]) -> None:
    """Each key's description is its reference entry's first paragraph (schema_docs), so an
    editor's hover says what the key means; a map entry (`levers.*`) describes the value
    of any id."""
    from morctl.schema_docs import DESCRIPTIONS

    for path, text in DESCRIPTIONS.items():
        parent, _, key = path.rpartition(".")
        if key == "*":
            grand, _, name = parent.rpartition(".")
            props = _node(schema, _MODELS[grand])["properties"][name]
            for entry in props.get("patternProperties", {}).values():
                entry["description"] = text
        else:
            _node(schema, _MODELS[parent])["properties"][key]["description"] = text


def _rules(schema: dict[str, Any]) -> None:
    """What one key may hold depending on another, as `validate` checks it: weekdays for
    a weekly `on`, a day selector for a monthly, quarterly or yearly one (each required),
    no `on` for a daily cadence; `report_role` only with `with: each_report`."""
    from morctl import values as v

    def when(key: str, test: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
        return {"if": {"properties": {key: test}, "required": [key]}, "then": then}

    weekdays = {"anyOf": ON_FORMS[:2]}
    cadence = _node(schema, "Cadence")
    at = cadence["properties"]["at"]
    # `at:` left blank is refused (no time at all is an all-day item: leave the key out)
    at["anyOf"] = [form for form in at["anyOf"] if form.get("type") != "null"]
    at.pop("default", None)
    # A weekly or longer cadence needs its `on` (MOR212), the omission made most; a daily
    # one has none, though `on:` left blank (null) is no `on`, as validate reads it.
    on = cadence["properties"]["on"]
    if {"type": "null"} not in on["anyOf"]:
        on["anyOf"].append({"type": "null"})
    cadence["allOf"] = [
        when(
            "every",
            {"pattern": v.EVERY_WEEKS_PATTERN},
            {"properties": {"on": weekdays}, "required": ["on"]},
        ),
        when(
            "every",
            {"pattern": v.EVERY_MONTHS_PATTERN},
            {"properties": {"on": ON_FORMS[2]}, "required": ["on"]},
        ),
        when("every", {"pattern": v.EVERY_DAY_PATTERN}, {"properties": {"on": {"type": "null"}}}),
    ]
    _node(schema, "Activity")["allOf"] = [
        {
            # a report_role given (left blank, it is no report_role)
            "if": {"properties": {"report_role": {"type": "string"}}, "required": ["report_role"]},
            "then": {"properties": {"with": {"const": "each_report"}}, "required": ["with"]},
        }
    ]


def _fix(schema: dict[str, Any]) -> None:
    for (model, prop), value in _DEFAULTS.items():
        _node(schema, model)["properties"][prop]["default"] = value
    _describe(schema)
    _rules(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            # Maps keyed by ids: keys that are not ids are errors, as in `validate`.
            if "patternProperties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)


def run(out: TextIO | None = None) -> int:
    out = out or sys.stdout
    out.write(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n")
    return 0
