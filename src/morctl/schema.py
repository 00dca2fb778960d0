"""`morctl schema`: the JSON Schema of rhythm.yaml, generated from the models."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from morctl.model import Person, Rhythm


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


def _fix(schema: dict[str, Any]) -> None:
    for (model, prop), value in _DEFAULTS.items():
        node = schema if model == "Rhythm" else schema["$defs"][model]
        node["properties"][prop]["default"] = value

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
