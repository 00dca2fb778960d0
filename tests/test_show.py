"""`morctl show`: a person's week says what they attend as well as what they own, and a
grid's heading names a zone only when every row is in it."""

from __future__ import annotations

import os

from conftest import ACME, morctl

ENV = {**os.environ, "MORCTL_TODAY": "2026-11-23"}  # a Monday; Thu 26 Nov is not a holiday


def show(*args: str) -> str:
    r = morctl("show", str(ACME), *args, env=ENV)
    assert r.code == 0, r.err
    return r.out


def test_a_rep_owns_nothing_but_attends_their_managers_meetings() -> None:
    out = show("--person", "carol")  # Carol Diaz, Paris, reports to Alice
    assert "Account executive [rep] — Carol Diaz (carol), times in Europe/Paris" in out
    assert "(owns no activities)" in out
    assert "(no daily or weekly activities)" not in out
    assert out.split("Attends, 23 Nov to 29 Nov 2026:\n")[1].split("\n\n")[0].splitlines() == [
        "  Mon 23 Nov 08:30  Team huddle, with Alice Moreau (15m)",
        "  Tue 24 Nov 09:00  Weekly pipeline review, with Alice Moreau (30m)",
        "  Thu 26 Nov 08:30  Team huddle, with Alice Moreau (15m)",
        "  Fri 27 Nov 14:00  Win/loss debrief, with Alice Moreau (45m)",
    ]


def test_what_a_manager_attends_is_in_their_own_time() -> None:
    # Dana's roll-up is at 14:00 in London: 09:00 for Marcus in New York.
    out = show("--person", "marcus")
    assert "  Mon 23 Nov 09:00  Weekly forecast roll-up, with Dana Whitfield (1h)" in out


def test_a_role_whose_holders_are_in_several_zones_says_so() -> None:
    out = show()
    assert "Front-line sales manager [manager], times in each owner's own zone" in out
    assert "VP Sales [vp], times in Europe/London" in out
