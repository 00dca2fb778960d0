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
    return schema


def run(out: TextIO = sys.stdout) -> int:
    out.write(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n")
    return 0
