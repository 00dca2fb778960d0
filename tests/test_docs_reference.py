"""docs/reference.md and the JSON Schema printed by `morctl schema` name the same keys.

Each key of the language has a heading "### `PATH`" in the reference. PATH is dotted; `*`
stands for an id you choose (an entry of the `levers`, `roles` or `activities` maps) and
`[]` for any item of a list: `activities.*.cadence.grace`, `people[].away[].from`. A key
added to the models without a heading, or a heading left behind by a removed key, fails
here. Each key's section gives a type, a default and a YAML example, and says whether the
key is required exactly as the schema does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, morctl

DOC = ROOT / "docs" / "reference.md"
HEADING = re.compile(r"^### `([^`]+)`[ \t]*$", re.M)
REQUIRED = re.compile(r"^- \*\*Required:\*\* (yes|no)\b", re.M)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    r = morctl("schema")
    assert r.code == 0, r.err
    return json.loads(r.out)


def schema_paths(schema: dict[str, Any]) -> dict[str, bool | None]:
    """Every key path in the schema, with whether it is required (None for map entries)."""
    defs = schema.get("$defs", {})
    found: dict[str, bool | None] = {}

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        seen = set()
        while "$ref" in node:
            ref = node["$ref"]
            assert ref.startswith("#/$defs/") and ref not in seen, ref
            seen.add(ref)
            rest = {k: v for k, v in node.items() if k != "$ref"}
            node = {**defs[ref.removeprefix("#/$defs/")], **rest}
        return node

    def walk(node: dict[str, Any], path: str) -> None:
        node = resolve(node)
        for branch in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            walk(branch, path)
        required = set(node.get("required", []))
        for name, child in node.get("properties", {}).items():
            sub = f"{path}.{name}" if path else name
            found[sub] = name in required
            walk(child, sub)
        entries = list(node.get("patternProperties", {}).values())
        if isinstance(node.get("additionalProperties"), dict):
            entries.append(node["additionalProperties"])
        for child in entries:
            found[f"{path}.*"] = None
            walk(child, f"{path}.*")
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, f"{path}[]")

    walk(schema, "")
    return found


def doc_sections() -> dict[str, str]:
    """Each key heading of the reference and the text under it, up to the next heading."""
    text = DOC.read_text(encoding="utf-8")
    heads = list(HEADING.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = re.split(r"^#{2,3} ", text[m.end() : end], maxsplit=1, flags=re.M)[0]
        assert m[1] not in out, f"`{m[1]}` has two headings in docs/reference.md"
        out[m[1]] = body
    return out


def test_the_walk_finds_the_language(schema: dict[str, Any]) -> None:
    # Guards the walker itself: if the schema's shape changes (say maps become
    # additionalProperties), these still have to be found.
    paths = schema_paths(schema)
    for p in ("id", "activities.*", "activities.*.cadence.grace", "people[].away[].from"):
        assert p in paths, p


def test_every_schema_key_has_a_heading(schema: dict[str, Any]) -> None:
    missing = sorted(set(schema_paths(schema)) - set(doc_sections()))
    assert not missing, "docs/reference.md needs a '### `PATH`' heading for: " + ", ".join(missing)


def test_every_heading_is_a_schema_key(schema: dict[str, Any]) -> None:
    stale = sorted(set(doc_sections()) - set(schema_paths(schema)))
    assert not stale, "docs/reference.md has headings for keys the schema lacks: " + ", ".join(
        stale
    )


def test_each_key_has_type_default_and_example() -> None:
    for path, body in doc_sections().items():
        assert "- **Type:**" in body, f"`{path}`: say its type"
        assert "- **Default:**" in body, f"`{path}`: say its default"
        assert "```yaml\n" in body, f"`{path}`: give a YAML example"


def test_required_matches_the_schema(schema: dict[str, Any]) -> None:
    sections = doc_sections()
    for path, required in schema_paths(schema).items():
        if required is None or path not in sections:
            continue  # map entries have no "required"; a missing heading fails above
        m = REQUIRED.search(sections[path])
        assert m, f"`{path}`: add '- **Required:** yes' or '- **Required:** no'"
        said = m[1] == "yes"
        assert said == required, f"`{path}`: the schema says required={required}"


def test_the_every_entry_says_a_count_of_weeks_may_be_singular(tmp_path: Path) -> None:
    # validate reads `every: 2 week` as `2 weeks`: the reference (and the schema's hover
    # text, which is its words) says so, rather than leave a user to guess it is refused.
    text = (ROOT / "tests" / "data" / "rhythms" / "ok" / "minimal.yaml").read_text("utf-8")
    for every in ("2 week", "2 weeks"):
        (tmp_path / "rhythm.yaml").write_text(
            text.replace(
                "every: week, on: tue,", f"every: {every}, on: tue, starting: 2026-01-06,"
            ),
            encoding="utf-8",
        )
        r = morctl("validate", str(tmp_path), "--format", "json")
        assert json.loads(r.out)["errors"] == 0, r.out
    entry = DOC.read_text(encoding="utf-8").split("### `activities.*.cadence.every`")[1]
    first = " ".join(entry.split("###")[0].strip().split("\n\n")[0].split())
    assert "`N weeks` or `N week`" in first, first
