"""Text from a rhythm or a log stays text in the Markdown morctl writes (PR comments,
reports): checked by rendering it with markdown-it-py (CommonMark, with GFM tables and
strikethrough), an independent parser that rich already brings."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from morctl.mdtext import fence, inert

ZWSP = "\u200b"
# (linkify needs another package: bare URLs are checked by the zero-width space below)
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])

HOSTILE = [
    "Pipeline review @acme/sales-leads [click](https://evil.example) ![px](https://e.x/p.png)",
    "*bold* _em_ ~~gone~~ `code` #1 see www.evil.example or https://evil.example/login",
    "one\r| `qbr` | removed | fake row |\rtwo",
    "x\n```\n# Approved by @acme/sales-leads\n[details](https://evil.example)\n```",
    "# Heading",
    "> quote",
    "- item",
    "+ item",
    "1. first",
    "12) x",
    "---",
    "* star",
    "=====",
    "<script>alert(1)</script> & co",
    "AT&T &amp; &#64;acme &#x40;x <https://evil.example> <!-- hidden --> </b> a < b > c",
    "a\\b | c",
    "line\u2028break\x85and\vmore",
]


def _text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_itself_in_a_table_cell(text: str) -> None:
    doc = f"| a | b |\n|---|---|\n| {inert(text)} | end |\n"
    out = md.render(doc)
    for tag in ("<a ", "<img", "<h1", "<h2", "<blockquote", "<em", "<strong", "<code", "<s>"):
        assert tag not in out, (text, out)
    assert out.count("<tr>") == 2, out  # the header and one row: no row of its own
    cells = re.findall(r"<td>(.*?)</td>", out, re.S)
    flat = re.sub(r"\r\n|[\r\n\v\f\x85\u2028\u2029]", " ", text)
    assert _text_of(cells[0]).replace(ZWSP, "") == flat.strip()
    assert _text_of(cells[1]) == "end"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_itself_in_a_list_item(text: str) -> None:
    out = md.render(f"- {inert(text)}\n")
    assert out.count("<li>") == 1 and "<ul>\n<li>" in out, out
    for tag in (
        "<a ",
        "<img",
        "<h1",
        "<h2",
        "<blockquote",
        "<em",
        "<strong",
        "<code",
        "<ol",
        "<hr",
    ):
        assert tag not in out, (text, out)


def test_mentions_references_and_links_are_broken_for_github() -> None:
    # GitHub links these after rendering, where a backslash no longer exists.
    got = inert("ping @acme/sales-leads about #12, https://x.example and WWW.x.example")
    assert "@&#8203;acme" in got and "#&#8203;12" in got
    assert "https:&#8203;//x" in got and "WWW&#8203;.x" in got
    assert inert("mail a@ b, # heading later, 100% done") == "mail a@ b, # heading later, 100% done"


@given(st.text(max_size=60))
def test_any_text_stays_one_cell(text: str) -> None:
    out = md.render(f"| a |\n|---|\n| {inert(text)} |\n")
    assert out.count("<tr>") == 2, (text, out)
    assert "<a " not in out and "<img" not in out


def test_a_fence_is_longer_than_any_backticks_inside() -> None:
    assert fence(["plain"]) == "```"
    assert fence(["x ``` y", "````"]) == "`````"
    lines = ["error: 'x", "```", "# Approved", "```'"]
    out = md.render("\n".join([fence(lines), *lines, fence(lines)]) + "\n")
    assert "<h1" not in out and out.count("<pre>") == 1


def test_an_ampersand_or_angle_that_starts_no_entity_or_tag_is_left_as_written() -> None:
    # A checklist heading read in an editor said `APAC &amp; Middle East`.
    assert inert("APAC & Middle East, AT&T, < 5 reps, 3 > 2") == (
        "APAC & Middle East, AT&T, < 5 reps, 3 > 2"
    )
    assert inert("<b>x</b> &amp;") == "\\<b>x\\</b> \\&amp;"


def test_a_figure_that_starts_with_a_sign_is_left_as_it_is() -> None:
    # `-42 pts` starts no list (a marker needs a space after it): no backslash in the file.
    assert inert("-42 pts") == "-42 pts" and inert("+12 pts") == "+12 pts"
    assert inert("2026-11.csv:3: x") == "2026-11.csv:3: x"
