"""Every diagnostic code the source uses is documented in docs/diagnostics.md, and every
documented code is used: a new code needs its entry, a removed one takes its entry along."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "diagnostics.md"
HEADING = re.compile(r"^### (MOR\d{3}) — (\S.*)$", re.M)


def used_codes() -> set[str]:
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "morctl").rglob("*.py"))
    return set(re.findall(r'"(MOR\d{3})"', source))


def sections() -> dict[str, str]:
    """Each documented code and the text of its section (up to the next heading)."""
    text = DOC.read_text(encoding="utf-8")
    found = list(HEADING.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        assert m[1] not in out, f"{m[1]} is documented twice"
        out[m[1]] = text[m.end() : end].split("\n## ")[0]
    return out


def test_every_used_code_is_documented() -> None:
    missing = used_codes() - set(sections())
    assert not missing, f"document these codes in docs/diagnostics.md: {sorted(missing)}"


def test_every_documented_code_is_used() -> None:
    stale = set(sections()) - used_codes()
    assert not stale, f"docs/diagnostics.md documents codes no longer used: {sorted(stale)}"


def test_each_entry_has_an_example_and_a_fix() -> None:
    for code, body in sections().items():
        assert re.search(r"^```(yaml|console|)\n", body, re.M), f"{code}: no example"
        assert "**Fix:**" in body, f"{code}: no fix"
        meaning = body.strip().split("\n\n")[0]
        assert len(meaning) > 20, f"{code}: say what it means"


def test_codes_are_documented_in_order() -> None:
    codes = list(sections())
    assert codes == sorted(codes)
