"""Text from a rhythm or a log, made inert for GitHub Markdown (DESIGN.md §9: text going
into Markdown is escaped for it).

A title, an admission answer or a log cell lands in a pull-request comment or a report
pasted into an issue. There it must stay text: no link, image or emphasis, no table row of
its own, no heading, and no `@team` mention or `#12` reference, which GitHub turns into a
notification or a link after rendering (a backslash does not stop those, a zero-width
space does). No library escapes for GitHub's extensions, so this is written here.
"""

from __future__ import annotations

import re

# Markdown's own punctuation. An underscore inside a word (pipeline_review) is no
# emphasis to GitHub and is left as it is; so is an `&` or a `<` that starts no entity
# (`&amp;`) or tag (`<b>`, `</b>`, `<!--`, `<https://…>`): `APAC & EMEA` and `< 5 reps`
# read as written in the file, as a checklist is read in an editor. `<!` (a comment) is
# written `&lt;!`: a title must not carry a `<!-- morctl:… -->` that the checklist reader
# would take for a line's key.
_SPECIAL = re.compile(
    r"[\\`*\[\]~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)|<(?=[A-Za-z/?])"
)
# Any line break ends a table row or starts a block (CommonMark reads a lone \r as one).
_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
_ZWSP = "&#8203;"
# What GitHub links after rendering: mentions, issue references, bare URLs, www. names.
_LIVE = re.compile(r"(?<=@)(?=[A-Za-z0-9])|(?<=#)(?=[0-9])|(?<=:)(?=//)|(?i:(?<=www)(?=\.))")
# What starts a block at the beginning of a list item or a line: a heading, a quote, a
# nested list (`- x`, `1. x`), a rule or a setext underline (a line of `-` or `=`). A
# figure such as `-42 pts` starts none and is left as it is.
_LEADING = re.compile(r"\A(?:[#>+*-](?=\s|\Z)|\d{1,9}[.)](?=\s|\Z)|[-=_*](?=[-=_*\s]*\Z))")


def inert(text: str) -> str:
    """``text`` as Markdown that renders as the same text and nothing else."""
    text = _BREAKS.sub(" ", text)
    text = _SPECIAL.sub(lambda m: "\\" + m.group(0), text).replace("<!", "&lt;!")
    text = _LEADING.sub(_escape_leading, text, count=1)
    return _LIVE.sub(_ZWSP, text)


def _escape_leading(m: re.Match[str]) -> str:
    """`- x` as `\\- x`; `1. x` as `1\\. x` (the digits are no punctuation to escape)."""
    text = m.group(0)
    return f"{text[:-1]}\\{text[-1]}" if text[0].isdigit() else "\\" + text


def fence(lines: list[str]) -> str:
    """A code fence longer than any run of backticks in ``lines``, so none can close it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)
