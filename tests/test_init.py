"""`morctl init` and the starter rhythms (issue 5 items 1, 2 and 4): every template inits
and validates clean, `--list` names every template, `init` refuses an existing workspace
unless `--force`, an unknown template is a usage error with a hint, and a built wheel
carries the templates so that `init` works from an installed package."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import ROOT, git, morctl

RHYTHMS = ROOT / "rhythms"


def listed() -> list[str]:
    r = morctl("init", "--list")
    assert r.code == 0, r.err
    return [line.split()[0] for line in r.out.splitlines() if line.strip()]


TEMPLATES = listed()


def own_id(template: str, slug: str) -> str:
    """The template's rhythm.yaml with the id `init` gives it (the folder's name) and its
    `effective` date left out (the Monday the team starts: test_effective_is_...)."""
    text = (RHYTHMS / template / "rhythm.yaml").read_text(encoding="utf-8")
    assert f"\nid: {template}\n" in text
    return _undated(text.replace(f"\nid: {template}\n", f"\nid: {slug}\n", 1))


def _undated(text: str) -> str:
    return re.sub(r"(?m)^effective:.*$", "effective: ...", text, count=1)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_list_names_every_template_folder() -> None:
    folders = sorted(p.name for p in RHYTHMS.iterdir() if (p / "rhythm.yaml").is_file())
    assert len(folders) >= 4, folders
    assert {"starter", "frontline-b2b", "enterprise", "high-velocity"} <= set(folders)
    assert sorted(listed()) == folders, "--list must name every template folder"
    assert listed()[0] == "starter", "the default comes first"
    # one line each, with a description after the name, whole (no "…")
    r = morctl("init", "--list")
    lines = [line for line in r.out.splitlines() if line.strip()]
    assert len(lines) == len(folders)
    for line in lines:
        assert len(line.split(maxsplit=1)) == 2, f"no description: {line!r}"
        assert "…" not in line
    assert lines[0].endswith("for a team that has never had one (the default)")


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_inits_and_validates_clean(template: str, tmp_path: Path) -> None:
    target = tmp_path / "ws"
    r = morctl("init", str(target), "--template", template)
    assert r.code == 0, r.err
    assert _undated((target / "rhythm.yaml").read_text(encoding="utf-8")) == own_id(template, "ws")
    assert (target / "org.yaml").is_file() or (target / "org.csv").is_file(), "no sample roster"
    assert (target / "logs").is_dir()
    assert [p for p in (target / "logs").iterdir() if not p.name.startswith(".")] == []
    assert (target / ".gitignore").is_file()
    assert "logs/**/*.csv merge=union" in (target / ".gitattributes").read_text(encoding="utf-8")
    assert (target / "README.md").is_file()
    v = morctl("validate", str(target), "--format", "json")
    result = json.loads(v.out)
    errors = [d for d in result["diagnostics"] if d["severity"] == "error"]
    assert (v.code, result["errors"], errors) == (0, 0, []), v.err
    # a sample to copy is clean: no warning either (a national holiday code where the
    # people keep their state's or province's holidays, MOR213)
    assert result["warnings"] == 0, result["diagnostics"]


def test_the_enterprise_cascade_runs_top_down_in_every_week(tmp_path: Path) -> None:
    # The template promises that each level meets before the level below: the CRO's call,
    # then each leader's, then each manager's reviews. A Monday holiday (Martin Luther
    # King Day, Memorial Day, Labor Day...) calls the cascade off rather than moving the
    # Monday calls after the Tuesday reviews; the year-end blackout pauses it.
    import yaml

    target = tmp_path / "ws"
    env = {**os.environ, "MORCTL_TODAY": "2026-11-24"}  # effective: Monday 30 November
    assert morctl("init", str(target), "--template", "enterprise", env=env).code == 0
    r = morctl("expand", str(target), "--from", "2026-12-01", "--to", "2028-12-31",
               "--format", "json", env=env)  # fmt: skip
    assert r.code == 0, r.err
    org = yaml.safe_load((target / "org.yaml").read_text(encoding="utf-8"))["people"]
    boss = {p["id"]: p.get("manager") for p in org}
    cascade = ("cro_forecast_call", "leader_forecast_call", "manager_forecast_review")
    starts: dict[tuple[str, str, str], datetime] = {}
    reasons = []
    for o in json.loads(r.out):
        if o["activity"] in cascade:
            reasons.append(o["reason"] or "")
            if o["status"] == "scheduled":
                week = date.fromisoformat(o["key"].rsplit("/", 1)[1]).strftime("%G-W%V")
                when = datetime.fromisoformat(o["start"])
                key = (week, o["activity"], o["owner"])
                starts[key] = min(when, starts.get(key, when))
    assert not [x for x in reasons if x.startswith("moved")]
    assert "holiday" in reasons and "blackout: Year-end shutdown" in reasons
    reviews = [k for k in starts if k[1] == "manager_forecast_review"]
    assert len(reviews) > 150
    for week, _, manager in reviews:
        leader = boss[manager]
        call = starts.get((week, "leader_forecast_call", leader))
        top = starts.get((week, "cro_forecast_call", boss[leader]))
        review = starts[(week, "manager_forecast_review", manager)]
        assert (top is None or call is None or top < call) and (call is None or call < review)


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_teams_readme_says_how_to_run_the_rhythm_and_its_commands_work(
    template: str, tmp_path: Path
) -> None:
    import re

    import yaml

    target = tmp_path / "ws"
    assert morctl("init", str(target), "--template", template).code == 0
    readme = (target / "README.md").read_text(encoding="utf-8")
    about = (RHYTHMS / template / "README.md").read_text(encoding="utf-8").rstrip()
    title, rest = about.split("\n", 1)
    assert title == f"# {template}"
    assert readme.startswith(f"# ws\n\nStarted from morctl's `{template}` rhythm.\n{rest}\n")
    assert "## Running the rhythm" in readme and "morctl init" not in readme
    # Every command it shows runs inside the workspace, with a real person and activity
    # for the placeholders.
    rhythm = yaml.safe_load((target / "rhythm.yaml").read_text(encoding="utf-8"))
    org = yaml.safe_load((target / "org.yaml").read_text(encoding="utf-8"))["people"]
    aid, act = next(iter(rhythm["activities"].items()))
    owner = next(p["id"] for p in org if p["role"] == act["owner"])
    commands = re.findall(r"`(morctl [^`]+)`", readme)
    assert len(commands) >= 7
    env = {**os.environ, "MORCTL_TODAY": "2026-11-30"}
    for command in commands:
        argv = command.replace("ACTIVITY", aid).replace("ID", owner).split()[1:]
        if argv[0] == "log" and act.get("with") == "each_report":
            continue  # it needs --with, which the line mentions
        r = morctl(*argv, cwd=target, env=env)
        assert r.code == 0, f"{command}: {r.err}"


def test_init_defaults_to_the_starter_template(tmp_path: Path) -> None:
    r = morctl("init", str(tmp_path / "ws"))
    assert r.code == 0, r.err
    assert _undated((tmp_path / "ws" / "rhythm.yaml").read_text(encoding="utf-8")) == own_id(
        "starter", "ws"
    )


@pytest.mark.parametrize("existing", ["initialised", "rhythm.yaml", "org.yaml", "org.csv"])
def test_init_refuses_an_existing_workspace(existing: str, tmp_path: Path) -> None:
    target = tmp_path / "ws"
    if existing == "initialised":
        assert morctl("init", str(target), "--template", "enterprise").code == 0
        (target / "rhythm.yaml").write_text("# my own edits\n", encoding="utf-8")
    else:
        target.mkdir()
        (target / existing).write_text("# my own edits\n", encoding="utf-8")
        if existing == "org.csv":  # the team's roster, with the rhythm they wrote
            (target / "rhythm.yaml").write_text("# my own edits\n", encoding="utf-8")
    before = snapshot(target)
    r = morctl("init", str(target), "--template", "starter")
    assert r.code == 1, r.err
    assert "already holds a workspace" in r.err and "--force" in r.err
    assert "Traceback" not in r.err
    assert snapshot(target) == before, "init touched an existing workspace"


def test_init_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    assert morctl("init", str(target), "--template", "enterprise").code == 0
    (target / "rhythm.yaml").write_text("# my own edits\n", encoding="utf-8")
    r = morctl("init", str(target), "--template", "starter", "--force")
    assert r.code == 0, r.err
    assert _undated((target / "rhythm.yaml").read_text(encoding="utf-8")) == own_id("starter", "ws")
    # the README init wrote before is its own, and is replaced
    assert "`starter` rhythm" in (target / "README.md").read_text(encoding="utf-8")
    assert not (target / "RHYTHM.md").exists()
    v = morctl("validate", str(target), "--format", "json")
    assert v.code == 0 and json.loads(v.out)["errors"] == 0, v.out


@pytest.mark.parametrize("force", [False, True])
def test_init_keeps_the_folders_own_readme_and_gitignore(tmp_path: Path, force: bool) -> None:
    # A team repository already has a README and a .gitignore: init adds to the folder and
    # replaces neither, not even with --force.
    target = tmp_path / "Team Repo"
    target.mkdir()
    (target / "README.md").write_text("# Our team notes\n", encoding="utf-8")
    (target / ".gitignore").write_text("node_modules", encoding="utf-8")
    (target / ".gitattributes").write_text("*.png binary\n", encoding="utf-8")
    r = morctl("init", str(target), *(["--force"] if force else []))
    assert r.code == 0, r.err
    assert (target / "README.md").read_text(encoding="utf-8") == "# Our team notes\n"
    assert "kept the folder's own README.md" in r.err and "RHYTHM.md" in r.err
    guide = (target / "RHYTHM.md").read_text(encoding="utf-8")
    assert guide.startswith("# Team Repo\n") and "## Running the rhythm" in guide
    assert (target / ".gitignore").read_text(encoding="utf-8") == (
        "node_modules\n\n# morctl: generated files that do not belong in the rhythm's history\n"
        "calendars/\nreports/\n"
    )
    assert "\nid: team-repo\n" in (target / "rhythm.yaml").read_text(encoding="utf-8")
    # run again over it: nothing is added twice
    assert morctl("init", str(target), "--force").code == 0
    assert (target / ".gitignore").read_text(encoding="utf-8").count("calendars/") == 1
    assert (target / ".gitattributes").read_text(encoding="utf-8") == (
        "*.png binary\n\n# morctl: completion logs are one record per line, so a merge keeps "
        "the rows of both sides\nlogs/**/*.csv merge=union\nlogs/**/*.jsonl merge=union\n"
    )
    assert (target / "README.md").read_text(encoding="utf-8") == "# Our team notes\n"


def test_the_team_readme_shows_the_teams_first_week(tmp_path: Path) -> None:
    # The examples name the week of `effective`, whose checklist and report hold the
    # team's first meetings: an earlier week has nothing in it.
    env = {**os.environ, "MORCTL_TODAY": "2027-03-10"}  # a Wednesday: starts next Monday
    assert morctl("init", str(tmp_path / "ws"), env=env).code == 0
    readme = (tmp_path / "ws" / "README.md").read_text(encoding="utf-8")
    assert "effective: 2027-03-15" in (tmp_path / "ws" / "rhythm.yaml").read_text()
    assert "checklist . --week 2027-W11" in readme and "report . --week 2027-W11" in readme
    assert "2026-W4" not in readme
    env = {**os.environ, "MORCTL_TODAY": "2026-12-29"}  # starts in the new ISO year
    assert morctl("init", str(tmp_path / "ws2"), env=env).code == 0
    readme = (tmp_path / "ws2" / "README.md").read_text(encoding="utf-8")
    assert "--week 2027-W01" in readme and "report . --week 2027-W01" in readme


ROSTER_CSV = """\
id,name,email,role,manager,timezone,country
morgan,Morgan Reyes,morgan@example.com,leader,,America/New_York,US
priya,Priya Natarajan,priya@example.com,manager,morgan,America/New_York,US
owen,Owen Castillo,owen@example.com,rep,priya,America/New_York,US
"""


def test_init_in_the_folder_of_the_teams_org_csv_keeps_it_as_the_roster(tmp_path: Path) -> None:
    # A RevOps admin puts the HR export in the folder, then runs init there: init used to
    # refuse, and to say "move org.csv out of the folder first".
    target = tmp_path / "r2"
    target.mkdir()
    (target / "org.csv").write_text(ROSTER_CSV, encoding="utf-8")
    r = morctl("init", str(target))
    assert r.code == 0, r.err
    assert (target / "org.csv").read_text(encoding="utf-8") == ROSTER_CSV
    assert not (target / "org.yaml").exists(), "a second roster would be merged into org.csv"
    assert _undated((target / "rhythm.yaml").read_text(encoding="utf-8")) == own_id("starter", "r2")
    assert (target / "logs").is_dir() and (target / "README.md").is_file()
    shown = target / "org.csv"
    assert f"kept {shown} as the roster; the template's sample people were not written" in r.err
    assert f"next: edit {target / 'rhythm.yaml'} ({shown} is the roster), then run" in r.err
    assert "org.yaml" not in r.err and "roles" not in r.err  # its roles are the template's
    v = morctl("validate", str(target), "--format", "json")
    assert v.code == 0 and json.loads(v.out)["errors"] == 0, v.out
    # run inside the folder, it says which folder "." is
    (tmp_path / "r4").mkdir()
    (tmp_path / "r4" / "org.csv").write_text(ROSTER_CSV, encoding="utf-8")
    r = morctl("init", ".", cwd=tmp_path / "r4")
    assert r.err.startswith("kept org.csv as the roster")
    assert "created a workspace in this folder (r4) from the 'starter' rhythm\n" in r.err
    # with --force, an org.yaml folder beside it is not in the way: no org.yaml is written
    (tmp_path / "r3" / "org.yaml").mkdir(parents=True)
    (tmp_path / "r3" / "org.csv").write_text(ROSTER_CSV, encoding="utf-8")
    r = morctl("init", str(tmp_path / "r3"), "--force")
    assert r.code == 0 and (tmp_path / "r3" / "rhythm.yaml").is_file(), r.err


def test_init_over_an_org_csv_names_the_roles_to_map(tmp_path: Path) -> None:
    target = tmp_path / "r2"
    target.mkdir()
    export = ROSTER_CSV.replace(",manager,morgan", ",Manager,morgan").replace(
        ",rep,priya", ",Account Executive,priya"
    )
    (target / "org.csv").write_text(export, encoding="utf-8")
    r = morctl("init", str(target), "--template", "starter")
    assert r.code == 0, r.err
    shown = target / "org.csv"
    # each in the words validate's hint uses for it
    assert (
        f"role 'Account Executive' in {shown} (1 person): that is the title of the role rep: "
        "a role is given by its id, so write rep\n"
        f"role 'Manager' in {shown} (1 person): ids are in lower case: write manager\n"
    ) in r.err
    assert "no one in" not in r.err  # rep and manager are held, written another way
    assert "write a role of rhythm.yaml (leader, manager, rep) in the role column of" in r.err
    # what validate then says, for each person
    v = morctl("validate", str(target))
    assert v.code == 1 and "that is the title of the role rep" in v.out, v.out
    # roles the template does not have at all
    export = export.replace("Account Executive", "SDR").replace("Manager", "Sales Lead")
    (target / "org.csv").write_text(export, encoding="utf-8")
    (target / "rhythm.yaml").unlink()
    r = morctl("init", str(target), "--template", "starter")
    assert r.code == 0, r.err
    assert (
        f"roles in {shown} that the 'starter' rhythm does not have: SDR (1 person), Sales Lead "
        "(1 person); it has "
        "leader, manager, rep"
    ) in r.err
    # reps are whoever reports to a manager: only the role that owns the meetings is needed
    assert f"no one in {shown} holds manager, which the rhythm's activities need" in r.err
    # a CSV whose roles cannot be read: validate is the place to look
    other = tmp_path / "r3"
    other.mkdir()
    (other / "org.csv").write_bytes(b"\xff\xfe\x00")
    r = morctl("init", str(other))
    assert r.code == 0 and "check " in r.err and "with morctl validate" in r.err, r.err
    assert "Traceback" not in r.err


def test_force_keeps_the_teams_org_csv(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    assert morctl("init", str(target)).code == 0
    (target / "org.yaml").unlink()
    (target / "org.csv").write_text(ROSTER_CSV, encoding="utf-8")
    r = morctl("init", str(target), "--force", "--template", "frontline-b2b")
    assert r.code == 0, r.err
    assert "replaced rhythm.yaml (--force)" in r.err and "kept" in r.err
    assert (target / "org.csv").read_text(encoding="utf-8") == ROSTER_CSV
    assert not (target / "org.yaml").exists()
    assert "\nid: ws\n" in (target / "rhythm.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("",), 2, "give the folder for the new workspace"),
        (("somewhere", "--list"), 2, "--list names the templates and creates nothing"),
    ],
)
def test_init_usage_errors(args: tuple[str, ...], code: int, message: str) -> None:
    r = morctl("init", *args)
    assert r.code == code and message in r.err, r.err


def test_unknown_template_is_a_usage_error_with_a_hint(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    r = morctl("init", str(target), "--template", "startr")
    assert r.code == 2
    assert "startr" in r.err and "did you mean 'starter'" in r.err
    assert "Traceback" not in r.err
    assert not target.exists(), "a failed init left a folder behind"


# -- the templates ship inside the wheel ----------------------------------------------------

# pip's messages when it cannot fetch the build backend (hatchling) for an isolated build.
_OFFLINE = (
    "No matching distribution found",
    "Could not find a version that satisfies the requirement",
    "Failed to establish a new connection",
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "ProxyError",
    "ConnectTimeoutError",
    "ReadTimeoutError",
)


def test_the_wheel_carries_the_templates(tmp_path: Path) -> None:
    # Build from a copy, so that nothing is written into the working tree.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("src", "rhythms"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        text = proc.stdout + proc.stderr
        if any(marker in text for marker in _OFFLINE):
            pytest.skip(f"the build backend cannot be fetched (offline?): {text[-300:]}")
        pytest.fail(f"pip wheel failed:\n{text[-3000:]}")
    (wheel,) = out.glob("morctl-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        assert "morctl/rhythms/starter/rhythm.yaml" in names
        for template in TEMPLATES:
            assert f"morctl/rhythms/{template}/rhythm.yaml" in names, template
        z.extractall(tmp_path / "installed")
    # `init` from the unpacked wheel, away from the checkout: the templates come from inside
    # the package.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "installed")}
    where = subprocess.run(
        [sys.executable, "-c", "import morctl.templates as t; print(t.templates_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "installed"), where.stdout
    r = morctl("init", "made-from-wheel", "--template", "starter", cwd=tmp_path, env=env)
    assert r.code == 0, r.err
    assert (tmp_path / "made-from-wheel" / "rhythm.yaml").is_file()


def test_init_writes_no_guide_over_a_rhythm_md_of_the_teams_own(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    target.mkdir()
    (target / "README.md").write_text("# Ours\n", encoding="utf-8")
    (target / "RHYTHM.md").write_text("# Our own rhythm notes\n", encoding="utf-8")
    for force in ([], ["--force"]):
        r = morctl("init", str(target), *force)
        assert r.code == 0, r.err
        assert (target / "README.md").read_text(encoding="utf-8") == "# Ours\n"
        assert (target / "RHYTHM.md").read_text(encoding="utf-8") == "# Our own rhythm notes\n"
        assert "kept the folder's own README.md;" not in r.err
        # said, not left silent: where the guide went is the first thing a team looks for
        assert (
            "kept the folder's own README.md and RHYTHM.md; the guide to running the rhythm "
            "was not written (morctl init into an empty folder shows it)\n"
        ) in r.err


def test_a_gitignore_that_is_not_utf8_is_kept_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    target.mkdir()
    (target / ".gitignore").write_bytes(b"caf\xe9/\n")
    r = morctl("init", str(target))
    assert r.code == 0, r.err
    data = (target / ".gitignore").read_bytes()
    assert data.startswith(b"caf\xe9/\n\n") and data.endswith(b"calendars/\nreports/\n")


@pytest.mark.parametrize(
    ("folder", "written"),
    [
        # names that YAML would read as a number, a yes/no or nothing: quoted
        ("2026", '"2026"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("1e3", '"1e3"'),
        ("0x1f", '"0x1f"'),
        ("emea-2026", "emea-2026"),
        # a long name: its first 64 characters (an id's most)
        ("q" * 70, "q" * 64),
    ],
)
def test_the_folder_name_makes_an_id_that_validates(
    tmp_path: Path, folder: str, written: str
) -> None:
    target = tmp_path / folder
    r = morctl("init", str(target))
    assert r.code == 0, r.err
    assert f"\nid: {written}\n" in (target / "rhythm.yaml").read_text(encoding="utf-8")
    v = morctl("validate", str(target))
    assert v.code == 0 and v.out == "0 errors, 0 warnings\n", v.out + v.err


def test_next_steps_can_be_pasted_and_an_accented_name_keeps_its_letters(
    tmp_path: Path,
) -> None:
    target = tmp_path / "Équipe Nord"
    r = morctl("init", str(target))
    assert r.code == 0, r.err
    assert "\nid: equipe-nord\n" in (target / "rhythm.yaml").read_text(encoding="utf-8")
    step = next(ln.strip() for ln in r.err.splitlines() if ln.strip().startswith("morctl validate"))
    assert step == f"morctl validate '{target}'"
    ran = morctl(*shlex.split(step)[1:])
    assert ran.code == 0, ran.err


def test_a_name_that_makes_no_id_gets_one_of_its_own_and_is_told(tmp_path: Path) -> None:
    # Two teams in folders named in another script must not share the template's id (it
    # is in every calendar UID): each gets one made from its name, and init says so.
    ids = []
    for name in ("販売", "営業", "販売2", "営業2"):
        r = morctl("init", str(tmp_path / name))
        assert r.code == 0, r.err
        text = (tmp_path / name / "rhythm.yaml").read_text(encoding="utf-8")
        (found,) = re.findall(r"(?m)^id: (team-[0-9a-f]{8})$", text)
        assert f"the folder's name makes no id (a-z, 0-9, - and _): the rhythm's id is {found}" in (
            r.err
        )
        assert morctl("validate", str(tmp_path / name)).code == 0
        ids.append(found)
    assert len(set(ids)) == 4


def test_force_says_what_it_replaced_and_a_dashed_name_is_pasted_as_a_folder(
    tmp_path: Path,
) -> None:
    assert morctl("init", "--", "-team", cwd=tmp_path).code == 0
    r = morctl("init", "--force", "--", "-team", cwd=tmp_path)
    assert r.code == 0, r.err
    assert "replaced rhythm.yaml, org.yaml (--force)" in r.err
    step = next(ln.strip() for ln in r.err.splitlines() if ln.strip().startswith("morctl validate"))
    assert step == "morctl validate ./-team"
    assert morctl(*shlex.split(step)[1:], cwd=tmp_path).code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_branches_that_log_the_same_month_merge_without_a_conflict(tmp_path: Path) -> None:
    # Two managers log on their own branches: both append to logs/2026-11.csv (the first
    # row of the month creates it on both). Without init's .gitattributes, git stops at a
    # conflict on the file's last lines; with it, the merge keeps both rows and one header.
    ws = tmp_path / "team"
    assert morctl("init", str(ws)).code == 0
    git("init", "--quiet", "--initial-branch=main", cwd=ws)
    git("add", "--all", cwd=ws)
    git("commit", "--quiet", "--no-verify", "-m", "rhythm", cwd=ws)
    org = (ws / "org.yaml").read_text(encoding="utf-8")
    managers = [
        line.split("id: ")[1].split(",")[0] for line in org.splitlines() if "role: manager" in line
    ][:2]
    assert len(managers) == 2, org
    activity = "qualification_checkpoint"  # the starter's Monday and Thursday meeting
    days = {"a": ("2026-11-02", "2026-11-05"), "b": ("2026-11-09", "2026-11-12")}
    for branch, owner in zip(("a", "b"), managers, strict=True):
        git("checkout", "--quiet", "-b", branch, "main", cwd=ws)
        for day in days[branch]:
            r = morctl("log", ".", activity, "--owner", owner, "--date", day, cwd=ws)
            assert r.code == 0, r.err
            git("add", "--all", cwd=ws)
            git("commit", "--quiet", "--no-verify", "-m", f"{owner} {day}", cwd=ws)
    git("merge", "--quiet", "--no-edit", "a", cwd=ws)
    rows = (ws / "logs" / "2026-11.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("date,") and sum(r.startswith("date,") for r in rows) == 1
    assert len(rows) == 5, rows
    assert sorted(r.split(",")[2] for r in rows[1:]) == sorted(managers * 2)


@pytest.mark.parametrize(
    ("today", "monday"),
    [("2026-11-23", "2026-11-23"), ("2026-11-25", "2026-11-30"), ("2026-12-27", "2026-12-28")],
)
def test_effective_is_the_monday_the_team_starts(tmp_path: Path, today: str, monday: str) -> None:
    # The templates' own date is in the past: left as it is, every meeting since would be
    # missed in the team's first report.
    env = {**os.environ, "MORCTL_TODAY": today}
    assert morctl("init", str(tmp_path / "ws"), env=env).code == 0
    text = (tmp_path / "ws" / "rhythm.yaml").read_text(encoding="utf-8")
    assert re.search(rf"(?m)^effective: {monday} +# the Monday the team starts", text), text
    assert text.count("effective:") == 1
    assert morctl("validate", str(tmp_path / "ws"), env=env).code == 0
    week = json.loads(
        morctl(
            "report",
            str(tmp_path / "ws"),
            "--from",
            "2026-11-02",
            "--to",
            monday,
            "--as-of",
            monday,
            "--format",
            "json",
            env=env,
        ).out
    )
    assert week["org"]["missed"] == 0  # nothing before the start is held against anyone


def test_init_refuses_a_name_with_control_characters_and_a_link_to_nothing(
    tmp_path: Path,
) -> None:
    # An escape sequence pasted into the name would be replayed by every message after it.
    r = morctl("init", "team\x1b[31m", cwd=tmp_path)
    assert r.code == 2 and "\x1b" not in r.err
    assert "the folder name 'team\ufffd[31m' holds a control character" in r.err
    r = morctl("init", "team\tnorth", cwd=tmp_path)
    assert r.code == 2 and "holds a control character" in r.err
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    r = morctl("init", "loop1", cwd=tmp_path)
    assert r.code == 1
    assert "loop1 is a link that leads round in a loop" in r.err
    r = morctl("validate", "loop1", cwd=tmp_path)
    assert r.code == 1
    assert "workspace folder 'loop1' is a link that leads round in a loop" in r.out + r.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop1", "loop2"]


def test_holidays_worked_by_date_follow_the_teams_start_and_names_stay() -> None:
    # A holiday worked given by its date is as tied to its year as a company day off: left
    # in the template's year it would lie before `effective` and take back nothing. A
    # holiday given by name holds no year. (No shipped template lists holidays worked.)
    from morctl.templates import _dated

    text = (
        "holidays:\n"
        "  countries: [US]\n"
        "  dates: [2026-12-24]\n"
        "  worked:\n"
        "    - 2026-07-04  # the warehouse ships\n"
        "    - Columbus Day\n"
        "    - 2026-12-25\n"
        "other:\n"
        "  worked: [2026-07-04]\n"
    )
    moved = (
        text.replace("2026-12-24", "2027-12-24")
        .replace("    - 2026-07-04", "    - 2027-07-04")
        .replace("2026-12-25", "2027-12-25")
    )
    assert _dated(text, date(2027, 6, 1)) == moved
    flow = "holidays:\n  worked: [2026-07-04, Columbus Day, 2027-01-01]\n"
    assert _dated(flow, date(2027, 6, 1)) == flow.replace("2026-07-04", "2027-07-04").replace(
        "2027-01-01", "2028-01-01"
    )


@pytest.mark.parametrize(
    ("today", "shutdown", "days_off"),
    [
        ("2026-11-25", ("2026-12-24", "2027-01-01"), "[2026-12-24, 2026-12-31]"),
        ("2027-06-01", ("2027-12-24", "2028-01-01"), "[2027-12-24, 2027-12-31]"),
        # started after the shutdown's last day: next year's
        ("2028-01-01", ("2028-12-24", "2029-01-01"), "[2028-12-24, 2028-12-31]"),
    ],
)
def test_the_templates_year_end_dates_follow_the_teams_start(
    tmp_path: Path, today: str, shutdown: tuple[str, str], days_off: str
) -> None:
    # Left in the template's year, the shutdown and the days off would lie before
    # `effective` and never apply: meetings would land in the shutdown the template promises.
    env = {**os.environ, "MORCTL_TODAY": today}
    ent, b2b = tmp_path / "ent", tmp_path / "b2b"
    assert morctl("init", str(ent), "--template", "enterprise", env=env).code == 0
    assert morctl("init", str(b2b), "--template", "frontline-b2b", env=env).code == 0
    text = (ent / "rhythm.yaml").read_text(encoding="utf-8")
    start, end = shutdown
    # only the dates change: the layout and the comments are the template's
    moved = own_id("enterprise", "ent").replace("2026-12-24", start).replace("2027-01-01", end)
    assert _undated(text) == moved
    text = (b2b / "rhythm.yaml").read_text(encoding="utf-8")
    assert f"  dates: {days_off}  # company days off on top of public holidays\n" in text
    assert _undated(text) == own_id("frontline-b2b", "b2b").replace(
        "[2026-12-24, 2026-12-31]", days_off
    )
    for folder in (ent, b2b):
        v = morctl("validate", str(folder), "--format", "json", env=env)
        assert (v.code, json.loads(v.out)["warnings"]) == (0, 0), v.out
    r = morctl("expand", str(ent), "--from", start, "--to", end, "--format", "json", env=env)
    calls = [o for o in json.loads(r.out) if o["activity"] == "cro_forecast_call"]
    assert calls and all(o["status"] == "excused" for o in calls), calls
    r = morctl(
        "expand",
        str(b2b),
        "--from",
        days_off[1:11],
        "--to",
        days_off[-11:-1],
        "--format",
        "json",
        env=env,
    )
    held = {o["start"][:10] for o in json.loads(r.out) if o["status"] != "excused"}
    assert not held & {days_off[1:11], days_off[-11:-1]}, held


@pytest.mark.parametrize(
    ("setup", "force", "message"),
    [
        ("logs=file", [], "lg/logs is a file; completion logs need a folder there"),
        (".gitignore=dir", [], "lg/.gitignore is a folder; init writes a file there"),
        (".gitattributes=dir", [], "lg/.gitattributes is a folder; init writes a file there"),
        ("org.yaml=dir", ["--force"], "lg/org.yaml is a folder; init writes a file there"),
    ],
)
def test_init_checks_every_path_before_it_writes_anything(
    tmp_path: Path, setup: str, force: list[str], message: str
) -> None:
    # Found halfway, the rhythm.yaml written before it made the re-run refuse without --force.
    name, kind = setup.split("=")
    (tmp_path / "lg").mkdir()
    if kind == "file":
        (tmp_path / "lg" / name).write_text("x\n", encoding="utf-8")
    else:
        (tmp_path / "lg" / name).mkdir()
    before = sorted(p.name for p in (tmp_path / "lg").iterdir())
    r = morctl("init", "lg", *force, cwd=tmp_path)
    assert r.code == 1 and "Traceback" not in r.err, r.err
    assert message in r.err
    assert "hint: move or rename it" in r.err
    assert sorted(p.name for p in (tmp_path / "lg").iterdir()) == before, "nothing written"
    # moved out of the way, init runs without --force
    (tmp_path / "lg" / name).rename(tmp_path / "moved")
    r = morctl("init", "lg", cwd=tmp_path)
    assert r.code == 0, r.err
    assert (tmp_path / "lg" / "logs").is_dir()


def test_init_refuses_a_logs_link_to_nothing_before_it_writes(tmp_path: Path) -> None:
    (tmp_path / "lg").mkdir()
    (tmp_path / "lg" / "logs").symlink_to(tmp_path / "gone")
    r = morctl("init", "lg", cwd=tmp_path)
    assert r.code == 1 and "Traceback" not in r.err, r.err
    assert "lg/logs is a link to" in r.err and "which does not exist" in r.err
    assert sorted(p.name for p in (tmp_path / "lg").iterdir()) == ["logs"]
