"""Validation never crashes: valid rhythms mutated at random (lines deleted, duplicated or
swapped, characters swapped, odd characters inserted, the file cut short) must give a
result, exit 0 or 1, in every output format, and never raise."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACME, DATA
from morctl import validate

SEEDS = [
    (ACME / "rhythm.yaml").read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8-sig") for p in sorted((DATA / "rhythms" / "ok").glob("*.yaml"))),
]
ROSTER = (ACME / "org.yaml").read_text(encoding="utf-8")

# Characters that YAML gives a meaning to, or that parsers trip on.
ODD = [
    "\t",
    ":",
    ": ",
    " ",
    "-",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "&",
    "*",
    "!",
    "!!",
    "'",
    '"',
    "#",
    "|",
    ">",
    "%",
    "@",
    "`",
    "?",
    "~",
    "\n",
    "\r",
    "\r\n",
    "\\",
    "0",
    "9",
    "null",
    "true",
    "on",
    "no",
    "09:30",
    "2026-02-30",
    "\u00e9",
    "\u2028",
    "\ufeff",
    "\x85",
    "\u200b",
    "\U0001f600",
    "\x07",
    "\x00",
]


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # The date checks look at the next twelve months: keep a failure reproducible.
    monkeypatch.setenv("MORCTL_TODAY", "2026-03-02")


def _insert_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD), st.text(min_size=1, max_size=4), st.characters(codec="utf-8")
    )


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(["delete", "duplicate", "swap_lines", "swap_chars", "insert", "cut"])
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap_lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "swap_chars" and len(lines[i]) > 1:
            a = draw(st.integers(0, len(lines[i]) - 1))
            b = draw(st.integers(0, len(lines[i]) - 1))
            chars = list(lines[i])
            chars[a], chars[b] = chars[b], chars[a]
            lines[i] = "".join(chars)
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(_insert_text()) + lines[i][at:]
        elif op == "cut":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
    return "\n".join(lines)


def _check(root: str) -> None:
    for fmt in ("text", "json", "github"):
        out = io.StringIO()
        code = validate.run(root, fmt, strict=False, out=out)
        assert code in (0, 1)
        if fmt == "json":
            doc = json.loads(out.getvalue())
            assert doc["ok"] == (code == 0)
    strict = validate.run(root, "text", strict=True, out=io.StringIO())
    assert strict in (0, 1)


_settings = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@_settings
@given(text=mutated())
def test_mutated_rhythm_never_crashes(text: str) -> None:
    with tempfile.TemporaryDirectory() as root:
        Path(root, "rhythm.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        _check(root)


@settings(_settings, max_examples=100)
@given(text=mutated(), raw=st.binary(max_size=64))
def test_mutated_bytes_never_crash(text: str, raw: bytes) -> None:
    """Arbitrary bytes spliced into a valid file (invalid UTF-8 and all)."""
    data = text.encode("utf-8", "surrogatepass")
    cut = len(data) // 2
    with tempfile.TemporaryDirectory() as root:
        Path(root, "rhythm.yaml").write_bytes(data[:cut] + raw + data[cut:])
        _check(root)


@settings(_settings, max_examples=50)
@given(text=mutated(), roster_cut=st.integers(0, len(ROSTER)))
def test_rhythm_with_mutated_roster_never_crashes(text: str, roster_cut: int) -> None:
    """A roster cut short, beside a mutated rhythm."""
    with tempfile.TemporaryDirectory() as root:
        Path(root, "rhythm.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        Path(root, "org.yaml").write_text(ROSTER[:roster_cut], encoding="utf-8")
        _check(root)


def test_seeds_are_valid() -> None:
    """The mutations start from clean files, so every problem found is the mutation's."""
    with tempfile.TemporaryDirectory() as root:
        for seed in SEEDS[1:]:
            Path(root, "rhythm.yaml").write_text(seed, encoding="utf-8")
            assert validate.validate_workspace(root).diagnostics == [], seed[:80]
