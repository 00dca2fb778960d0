"""docs/code-review.md is checked: its YAML parses, its hook snippets match the hook, its
Code Quality converter works on real `validate` output, and the commands it runs exist."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ACME, DATA, ROOT, morctl

DOC = ROOT / "docs" / "code-review.md"
BLOCK = re.compile(r"^( *)```(\w+)\n(.*?)^\1```$", re.M | re.S)


def blocks(lang: str) -> list[str]:
    out = []
    for m in BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        if m[2] == lang:
            indent = len(m[1])
            out.append("\n".join(line[indent:] for line in m[3].split("\n")))
    return out


def test_every_yaml_block_parses() -> None:
    found = blocks("yaml")
    assert len(found) >= 5
    for text in found:
        yaml.safe_load(text)


def test_the_workflows_run_validate_and_diff() -> None:
    docs = [yaml.safe_load(t) for t in blocks("yaml")]
    github = next(d for d in docs if isinstance(d, dict) and "jobs" in d)
    steps = github["jobs"]["review"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = " ".join(s.get("run", "") for s in steps)
    assert "morctl validate . --logs --format github" in runs
    assert "morctl diff" in runs and "--format md" in runs
    gitlab = next(d for d in docs if isinstance(d, dict) and "rhythm:diff" in d)
    assert gitlab[".rhythm"]["variables"]["GIT_DEPTH"] == 0
    assert any("morctl diff" in line for line in gitlab["rhythm:diff"]["script"])


def test_hook_snippets_match_the_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hooks = [
        (r["repo"], h)
        for d in (yaml.safe_load(t) for t in blocks("yaml"))
        if isinstance(d, dict) and "repos" in d
        for r in d["repos"]
        for h in r["hooks"]
    ]
    assert hooks and {h["id"] for _, h in hooks} == {hook["id"]}
    (local,) = [h for repo, h in hooks if repo == "local"]
    assert local["files"] == hook["files"] and local["entry"] == hook["entry"]


def test_code_quality_converter(tmp_path: Path) -> None:
    (script,) = blocks("python")
    (tmp_path / "codequality.py").write_text(script)
    report = morctl("validate", str(DATA / "diff" / "invalid"), "--format", "json")
    assert report.code == 1
    (tmp_path / "validate.json").write_text(report.out)
    done = subprocess.run(
        [sys.executable, "codequality.py", "validate.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    issues = json.loads(done.stdout)
    assert len(issues) == len(json.loads(report.out)["diagnostics"]) >= 3
    first = issues[0]
    assert set(first) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    # Several findings at one place (each manager over capacity, at the role's capacity)
    # keep one fingerprint each: GitLab keeps one finding a fingerprint.
    ws = tmp_path / "acme"
    shutil.copytree(ACME, ws, ignore=shutil.ignore_patterns("logs"))
    rhythm = ws / "rhythm.yaml"
    weekly = 'cadence: {every: week, on: tue, at: "09:00", for: 30m, grace: 1d}'
    text = rhythm.read_text(encoding="utf-8")
    assert weekly in text
    rhythm.write_text(text.replace(weekly, 'cadence: {every: day, at: "09:00", for: 30m}'))
    (tmp_path / "validate.json").write_text(morctl("validate", str(ws), "--format", "json").out)
    done = subprocess.run([sys.executable, "codequality.py", "validate.json"], cwd=tmp_path,
                          capture_output=True, text=True, check=True)  # fmt: skip
    issues = json.loads(done.stdout)
    places = [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues]
    assert len(set(places)) < len(places)  # the case: two findings at one line
    assert len({i["fingerprint"] for i in issues}) == len(issues)
