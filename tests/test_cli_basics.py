from __future__ import annotations

import json

from conftest import ACME, morctl
from morctl import __version__


def test_version() -> None:
    r = morctl("--version")
    assert r.code == 0
    assert r.out.strip() == f"morctl {__version__}"


def test_acme_validates_clean() -> None:
    r = morctl("validate", str(ACME))
    assert r.code == 0, r.out + r.err
    assert r.out.strip().endswith("0 errors, 0 warnings")


def test_validate_json_parses() -> None:
    r = morctl("validate", str(ACME), "--format", "json")
    doc = json.loads(r.out)
    assert doc == {"ok": True, "errors": 0, "warnings": 0, "diagnostics": []}


def test_unknown_option_is_usage_error() -> None:
    r = morctl("validate", "--bogus")
    assert r.code == 2
    assert "Traceback" not in r.err
