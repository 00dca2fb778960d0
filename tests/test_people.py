"""How every command finds a person given on the command line (`--person`, `--team`,
`--owner`, `--with`): morctl.people. `log`'s own cases are in test_log_cmd.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ACME, acme_edited
from morctl.cli import run
from morctl.people import find
from morctl.validate import require_valid

# A second Rajesh (raj is Rajesh Patel), and someone whose id is Priya Raman's last name.
MORE = (
    "\n  - {id: raj2, name: Rajesh Kumar, role: rep, manager: tomasz}"
    "\n  - {id: raman, name: Kiran Shah, role: rep, manager: tomasz}"
    "\n\n  # Front-line managers\n"
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MORCTL_TODAY", "2026-11-24")


def morctl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    got = capsys.readouterr()
    return code, got.out, got.err


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("raj", ["raj"]),  # the id
        ("RAJ", ["raj"]),  # in other capitals
        ("  raj ", ["raj"]),  # with spaces around it
        ("Rajesh Patel", ["raj"]),  # the full name
        (" rajesh   PATEL", ["raj"]),  # in any capitals and spacing
        ("Rajesh.Patel@acme.example", ["raj"]),  # the e-mail
        ("rajesh", ["raj"]),  # the first name, only raj's
        ("Patel", ["raj"]),  # the last name, only raj's
        ("wong", ["mei"]),  # Mei Lin Wong's last word
        ("Lin Wong", ["mei"]),  # and all the words after her first
        ("Niamh", ["niamh"]),
        ("o'brien", ["niamh"]),
        ("Raj Patel", []),  # a name nobody has in full
        ("Mei Lin", ["mei"]),  # a first name of two words
        ("O\u2019Brien", ["niamh"]),  # a curly apostrophe, as a document writes it
        ("\u200bniamh", ["niamh"]),  # an invisible space pasted from a chat
        ("Rajesh\u00a0Patel", ["raj"]),  # a no-break space is a space (MOR219 passes it)
        ("Lin", []),  # a middle name is neither first nor last
        ("", []),
    ],
)
def test_find_by_id_name_e_mail_or_a_name_only_one_person_has(text: str, ids: list[str]) -> None:
    ws = require_valid(str(ACME))
    assert [p.id for p in find(ws, text)] == ids


def test_a_shared_name_finds_everyone_who_has_it_and_an_id_beats_a_name(tmp_path: Path) -> None:
    ws = require_valid(str(acme_edited(tmp_path, "org.yaml", "\n\n  # Front-line managers\n",
                                       MORE)))  # fmt: skip
    assert sorted(p.id for p in find(ws, "Rajesh")) == ["raj", "raj2"]
    assert [p.id for p in find(ws, "kumar")] == ["raj2"]
    # raman is Kiran Shah's id: it beats Priya Raman's last name, in any capitals.
    assert [p.id for p in find(ws, "raman")] == ["raman"]
    assert [p.id for p in find(ws, "RAMAN")] == ["raman"]
    # Priya Raman's full name is still hers.
    assert [p.id for p in find(ws, "priya raman")] == ["priya"]


def test_a_name_is_found_without_its_accents(tmp_path: Path) -> None:
    ws = require_valid(
        str(acme_edited(tmp_path, "org.yaml", "name: Emily Chen,", "name: Émilie Lefèvre-Groß,"))
    )
    for typed in ("Émilie Lefèvre-Groß", "emilie lefevre-gross", "Lefevre-Gross", "EMILIE"):
        assert [p.id for p in find(ws, typed)] == ["emily"], typed


# Each command's output for a person given by id, the same whatever names them.
COMMANDS = [
    ["show", str(ACME), "--person"],
    ["expand", str(ACME), "--from", "2026-11-23", "--to", "2026-11-29", "--person"],
    ["checklist", str(ACME), "--week", "2026-W48", "--person"],
    ["report", str(ACME), "--week", "2026-W47", "--person"],
    ["report", str(ACME), "--week", "2026-W47", "--team"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: f"{a[0]} {a[-1]}")
@pytest.mark.parametrize("said", ["Tomasz", "Nowak", "tomasz nowak", "TOMASZ.NOWAK@acme.example"])
def test_every_command_takes_a_person_as_log_does(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    """`--owner "Tomasz Nowak"` was taken, `--person Nowak` and `--person "Tomasz Nowak"`
    were refused: "nobody in the roster has the id"."""
    by_id = morctl(capsys, *args, "tomasz")
    assert by_id[0] == 0 and "tomasz" in by_id[1], by_id
    assert morctl(capsys, *args, said) == by_id


def test_calendar_writes_the_feed_of_the_person_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = morctl(capsys, "calendar", str(ACME), "--out", str(tmp_path), "--person",
                          "Rajesh", "--from", "2026-11-23", "--to", "2026-11-29")  # fmt: skip
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raj.ics"]


@pytest.mark.parametrize(
    "args",
    [
        ["show", "--person"],
        ["expand", "--from", "2026-11-23", "--to", "2026-11-29", "--person"],
        ["calendar", "--out", "feeds", "--person"],
        ["checklist", "--week", "2026-W48", "--person"],
        ["report", "--week", "2026-W47", "--person"],
        ["report", "--week", "2026-W47", "--team"],
    ],
    ids=lambda a: f"{a[0]} {a[-1]}",
)
def test_a_name_two_people_share_is_refused_listing_them(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    ws = acme_edited(tmp_path, "org.yaml", "\n\n  # Front-line managers\n", MORE)
    monkeypatch.chdir(tmp_path)  # calendar's feeds/
    command, *options = args
    code, out, err = morctl(capsys, command, str(ws), *options, "rajesh")
    option = options[-1]
    assert (code, out, err) == (1, "", (
        f"morctl: error: {option}: 'rajesh' matches 2 people: raj (Rajesh Patel), raj2 "
        "(Rajesh Kumar)\n"
        f"  hint: give the id of the one meant, e.g. {option} raj\n"
    ))  # fmt: skip
    assert not (tmp_path / "feeds").exists()
    # The id is taken as ever, and the id raman beats Priya Raman's last name.
    assert morctl(capsys, command, str(ws), *options, "raj2")[0] == 0
    if command == "show":
        assert "Kiran Shah (raman)" in morctl(capsys, command, str(ws), *options, "Raman")[1]


@pytest.mark.parametrize(
    ("said", "hint"),
    [
        ("pryia", "did you mean 'priya'?"),  # an id mistyped
        ("Pryia", "did you mean 'priya'?"),  # in any capitals
        ("Hughs", "did you mean 'oliver' (Oliver Hughes)?"),  # a name mistyped
        ("Zebedee", "give an id, a full name or e-mail, or a first or last name only one "
                    "person has (the roster: org.yaml, org.csv or people:)"),
    ],
)  # fmt: skip
def test_nobody_of_that_id_or_name_is_a_usage_error_with_the_closest(
    capsys: pytest.CaptureFixture[str], said: str, hint: str
) -> None:
    code, out, err = morctl(capsys, "show", str(ACME), "--person", said)
    assert (code, out, err) == (2, "", (
        f"morctl: error: --person: nobody in the roster has the id or name '{said}'\n"
        f"  hint: {hint}\n"
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Owen", "owen"),
        ("Key Deals", "key-deals"),
        # An id typed as the name is spelt: the accent and the apostrophe go.
        ("zoë", "zoe"),
        ("José García", "jose-garcia"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        # Letters no plain letter stands for: no id is offered.
        ("販売", None),
        ("a/b", None),
    ],
)
def test_an_id_written_as_a_name_is_offered_the_id_it_stands_for(
    written: str, meant: str | None
) -> None:
    from morctl.model import id_meant

    assert id_meant(written) == meant


def test_a_role_the_rhythm_has_no_title_for_is_told_the_roles_there_are(tmp_path: Path) -> None:
    # `role: Sales Lead`, as an HR system names the job: no role has that title, and the
    # error had no hint at all (`Account Executive`, a title of the rhythm, gets `rep`).
    from morctl.validate import validate_workspace

    ws = acme_edited(
        tmp_path,
        "org.yaml",
        "{id: carol, name: Carol Diaz, email: carol.diaz@acme.example, role: rep,",
        "{id: carol, name: Carol Diaz, email: carol.diaz@acme.example, role: Sales Lead,",
    )
    [d] = [d for d in validate_workspace(str(ws)).diagnostics if d.code == "MOR203"]
    assert "'Sales Lead' is not an id" in d.message
    assert d.hint == (
        "give a role of the rhythm by its id: manager (Front-line sales manager), "
        "rep (Account executive), vp (VP Sales)"
    )
