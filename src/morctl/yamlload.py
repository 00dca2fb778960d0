"""YAML loading that keeps positions and pins the dialect.

We compose the node tree once (with the C parser when installed) and construct plain Python
values from it ourselves, because that is the only way to (1) keep the line and column of
every key and value, (2) report duplicate keys instead of silently keeping the last, and
(3) measure what aliases would expand to before expanding them. Only the YAML 1.2 core
schema's implicit types are resolved: ``on``, ``no``, ``09:30`` and dates stay strings, and
the pydantic field types do the converting.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from morctl.diagnostics import Diagnostic, clip

MAX_YAML_BYTES = 10 * 1024 * 1024
# An alias-heavy document may expand to far more values than its text shows ("billion
# laughs"). We refuse documents whose expansion exceeds this many nodes.
# Only what aliases add counts: a large file written out in full is bounded by its size, but
# a few kilobytes of nested aliases can stand for millions of values, which take seconds and
# hundreds of megabytes to build even under a generous total. Real rhythms alias a shared
# `admission:` or `checklist:` a few dozen times.
MAX_ALIASED_NODES = 100_000
_SIZE_CAP = 10**12  # keeps exponential expansions from becoming huge integers
# A rhythm nests about six levels deep; far deeper documents are refused before they are built.
MAX_DEPTH = 100

Path = tuple[str | int, ...]

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A safe loader whose implicit types are those of the YAML 1.2 core schema."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


def _add(tag: str, pattern: str, first: str) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_add(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
_add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]


_NUMBER_TAGS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Positions:
    """Where each key and value of a loaded document sits in its file."""

    file: str
    keys: dict[Path, Mark] = field(default_factory=dict)
    values: dict[Path, Mark] = field(default_factory=dict)
    # Each number as written (`0x5`, `4.50`, `1e2`), which its value does not keep: a log
    # reader refuses what CSV would refuse, and quotes the file, not a Python float.
    written: dict[Path, str] = field(default_factory=dict)
    # Works out a position on demand instead of storing it (a CSV roster of 90,000 rows
    # would otherwise keep a position for every cell, for diagnostics that rarely come).
    lazy: Callable[[Path], Mark | None] | None = None
    # Each key written twice in one mapping (MOR106), of which only the first is read:
    # what holds it cannot be taken as the file says it (`diff` does not compare it).
    twice: set[Path] = field(default_factory=set)

    def at(self, path: Path, key: bool = False) -> Mark:
        """The position of ``path`` (its key or its value); falls back to the nearest parent."""
        table = self.keys if key else self.values
        p = path
        while p:
            if p in table:
                return table[p]
            if not key and p in self.keys:
                return self.keys[p]
            if self.lazy is not None and (found := self.lazy(p)) is not None:
                return found
            p = p[:-1]
        return self.values.get((), Mark(1, 1))


@dataclass
class Loaded:
    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: it roughly doubles the time to build large documents."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _err(file: str, mark: Mark, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(file, mark.line, mark.column, "error", code, message, hint)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expanded_shape(root: yaml.Node) -> tuple[int, int, Mark | None]:
    """How many nodes aliases add to the document, and how deep it nests, once every alias
    is expanded; and where the first node that aliases repeat (its anchor) is, for a
    diagnostic. Memoized and iterative (no recursion limit), so linear in the number of
    distinct nodes."""
    memo: dict[int, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    repeated: yaml.Node | None = None
    while stack:
        node, done = stack.pop()
        if done:
            kids = [memo[id(c)] for c in _children(node)]
            total = 1 + sum(size for size, _ in kids)
            depth = 1 + max((d for _, d in kids), default=0)
            memo[id(node)] = (min(total, _SIZE_CAP), min(depth, MAX_DEPTH + 1))
            continue
        if id(node) in memo:
            repeated = repeated or node
            continue
        memo[id(node)] = (1, 1)  # a placeholder that also stops recursive aliases
        stack.append((node, True))
        for c in _children(node):
            if id(c) in memo:
                repeated = repeated or c
            else:
                stack.append((c, False))
    size, depth = memo[id(root)]
    return size - len(memo), depth, _mark(repeated) if repeated is not None else None


_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.M)


def _text_depth(text: str) -> tuple[int, Mark | None]:
    """An upper bound of how deep the text nests, or its exact depth when the bound is high.

    pyyaml's C composer recurses once per level and overflows the C stack (a crash, not an
    exception) at some ten thousand levels, which a 50 kB file can reach; this looks before
    composing. The cheap bound: every flow level needs a '[' or '{', and a block level needs
    more indentation or a '- ' / '? ' indicator than its parent (two levels per column at
    most). Above the limit, the parser's events (iterative, no recursion) give the depth.
    """
    flow = text.count("[") + text.count("{")
    block = 2 * (max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0) + 1)
    if flow + block <= MAX_DEPTH:
        return flow + block, None
    loader = _Loader(text)
    depth = deepest = 0
    try:
        while _next_event_or_too_deep(loader):
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > MAX_DEPTH:  # where it goes one level too deep
                    start = event.start_mark
                    return deepest, Mark(start.line + 1, start.column + 1) if start else None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except _TooDeep as exc:
        return MAX_DEPTH + 1, exc.at
    finally:
        loader.dispose()
    return deepest, None


class _TooDeep(Exception):
    def __init__(self, at: Mark | None) -> None:
        self.at = at


def _next_event_or_too_deep(loader: Any) -> bool:
    """``loader.check_event()``, raising _TooDeep when the parser refuses the nesting itself.

    PyYAML 6.0.4's scanner has its own limit (1,000 flow levels) and, looking ahead for
    keys, meets it before the events reach ours: the same refusal, at the place it stopped.
    """
    try:
        return bool(loader.check_event())
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" not in (exc.problem or ""):
            raise
        mark = exc.problem_mark
        raise _TooDeep(Mark(mark.line + 1, mark.column + 1) if mark else None) from None


class _Builder:
    def __init__(
        self, file: str, lines: list[str] | None = None, root: yaml.Node | None = None
    ) -> None:
        self.positions = Positions(file)
        self.diagnostics: list[Diagnostic] = []
        self.file = file
        self._active: set[int] = set()
        self._lines = lines or []
        # The lines where a comment may cut a value short (checked only there: a roster
        # has hundreds of thousands of values).
        self._hashes = {i for i, ln in enumerate(self._lines) if " #" in ln or "\t#" in ln}
        # ... and where a tag or an anchor may take a value's first word.
        self._props = {i for i, ln in enumerate(self._lines) if "!" in ln or "&" in ln}
        self._root = root
        self._shared: set[int] | None = None  # nodes an alias refers to (reached twice)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.positions.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.end_mark.line in self._hashes:  # plain: None or ""
                self._cut_by_comment(node)
            if node.start_mark.line in self._props:
                self._first_word_taken(node)
            if node.tag in _NUMBER_TAGS:
                self.positions.written[path] = node.value
            return self._scalar(node)
        if id(node) in self._active:
            self.diagnostics.append(
                _err(self.file, _mark(node), "MOR105", "a YAML alias refers to itself")
            )
            return None
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
        finally:
            self._active.discard(id(node))
        return None

    def _cut_by_comment(self, node: yaml.ScalarNode) -> None:
        """Unquoted text of several words followed by one space (or tab) and `#`
        (`title: Deal review #2`): YAML reads a comment there and drops it from the value
        without a word. A comment set apart by two spaces or more, or by `# ` with a space,
        is taken as meant, and so is one after a single word (`area: execution #main`,
        `- 2026-12-24 #xmas`), which is a setting, not text cut short."""
        end = node.end_mark
        rest = self._lines[end.line][end.column :]
        if not _CUT.match(rest) or node.tag != "tag:yaml.org,2002:str":
            return
        if " " not in str(node.value).strip():
            return
        comment = rest[1:].split("  ", 1)[0].rstrip()
        self.diagnostics.append(
            Diagnostic(
                self.file,
                end.line + 1,
                end.column + 2,
                "warning",
                "MOR110",
                f"'{clip(comment)}' is read as a YAML comment, so the value is only "
                f"'{clip(str(node.value))}'",
                "to keep it, put the whole value in quotes; to mean a comment, leave two "
                "spaces before the #",
            )
        )

    def _first_word_taken(self, node: yaml.ScalarNode) -> None:
        """Text that starts with `!` or `&` (`title: !Urgent deal triage`): YAML reads its
        first word as a tag or an anchor, and drops it from the value without a word. A
        rhythm has no use for tags; an anchor that no alias (`*name`) uses is text too."""
        start = node.start_mark
        text = self._lines[start.line][start.column :]
        if text.startswith("!") and not node.tag.startswith("tag:yaml.org,2002:"):
            word, what = text.split()[0], "a YAML tag"
        elif (named := _ANCHOR.match(text)) is not None:
            if id(node) in self._shared_nodes():
                return  # an alias (`*name`) uses it: meant
            word, what = named.group(0), "a YAML anchor"
        else:
            return
        value = str(node.value)
        self.diagnostics.append(
            Diagnostic(
                self.file,
                start.line + 1,
                start.column + 1,
                "warning",
                "MOR110",
                f"'{clip(word)}' is read as {what}, so the value is only '{clip(value)}'",
                "to keep it, put the whole value in quotes",
            )
        )

    def _shared_nodes(self) -> set[int]:
        """The nodes that an alias refers to: the parser hands the anchored node itself to
        each alias, so it is reached more than once from the root."""
        if self._shared is None:
            seen: set[int] = set()
            shared: set[int] = set()
            stack = [self._root] if self._root is not None else []
            while stack:
                node = stack.pop()
                if id(node) in seen:
                    shared.add(id(node))
                    continue  # a node's children are walked once (an alias bomb is refused)
                seen.add(id(node))
                if isinstance(node, yaml.SequenceNode):
                    stack.extend(node.value)
                elif isinstance(node, yaml.MappingNode):
                    stack.extend(n for pair in node.value for n in pair)
            self._shared = shared
        return self._shared

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            km = _mark(key_node)
            if key is None or isinstance(key, (list, dict)):
                self.diagnostics.append(
                    _err(self.file, km, "MOR107", "a key must be a plain word", "write key: value")
                )
                continue
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in first:
                where = first[key]
                place = f"line {where.line}"
                if where.line == km.line:  # a flow mapping: the line alone does not say which
                    place += f", column {where.column}"
                self.diagnostics.append(
                    _err(
                        self.file,
                        km,
                        "MOR106",
                        f"duplicate key '{key}' (first defined on {place})",
                        f"keep one '{key}'; YAML would silently use only the last",
                    )
                )
                self.positions.twice.add((*path, key))
                continue
            first[key] = km
            self.positions.keys[(*path, key)] = km
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        value = node.value
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            if len(value) > _MAX_INT_DIGITS:
                # Python refuses to convert so many digits (a guard against quadratic
                # time); left as text, the value is refused where it is used, with its
                # position, like any other value of the wrong type.
                return value
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if tag == "tag:yaml.org,2002:float":
            return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        return value


_NULL_TAG = "tag:yaml.org,2002:null"
_CUT = re.compile(r"[ \t]#[^\s#!]")  # `#2`, `#sales`; not `# note`, `#!`, `##`
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
_MAX_INT_DIGITS = 4000  # under Python's own limit for int(), sys.get_int_max_str_digits()


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of a YAML text as the parser counts them (``str.splitlines`` also breaks at
    form feeds and other characters that YAML does not treat as line breaks)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# What the parser's words usually mean, for people who do not read YAML grammar.
_INDENT_HINT = (
    "check the indentation of this line and the line above it: the keys of one mapping "
    "start in the same column, and a value on the next line is indented further than its key"
)
_FLOW_HINT = (
    "a { } or [ ] on this line or above is not closed, or holds text with ': ' or ', ' "
    "that needs quotes (or with ' #', which starts a comment that hides the rest of the line)"
)


def _syntax_hint(problem: str) -> str | None:
    if any(
        words in problem
        for words in (
            "expected key",
            "mapping values are not allowed",
            "expected <block end>",
            "expected '-' indicator",
            "could not find expected ':'",
        )
    ):
        return _INDENT_HINT
    if "expected ',' or" in problem:
        return _FLOW_HINT
    return None


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    """(line, column) of the quote that opened text which never closed where it should: the
    scanner's own word when it ran to the end of the file inside quotes, else the last
    quoted text that runs over lines and ends where the parser gave up (it closed at the
    next value's opening quote, lines later, and what follows makes no sense). Rhythm
    files keep quoted text on one line, so such text is almost always a quote left open;
    quoted text over lines that the parser read well past is meant. The tokens say where a
    quote opens a value: a quote inside prose that runs over lines (`asks each rep, "what
    would`) is no such token."""
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        return exc.context_mark.line + 1, exc.context_mark.column + 1
    stop = exc.problem_mark.line if exc.problem_mark is not None else None
    found: yaml.Mark | None = None
    loader = _Loader(text)
    try:
        # The scanner is a loop, not a recursion, and stops at the line of the error.
        while loader.check_token():
            token = loader.get_token()
            if stop is not None and token.start_mark.line > stop:
                break
            spans = token.end_mark.line > token.start_mark.line
            ends_at_error = stop is None or stop - token.end_mark.line <= 1
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            if quoted and spans and ends_at_error:
                found = token.start_mark
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return (found.line + 1, found.column + 1) if found is not None else None


# A line that reads as a key and its value with the colon left out: `    title Weekly review`.
_NO_COLON = re.compile(r"^(\s*(?:- +)?)([A-Za-z_][\w-]*) +([^\s:#].*?)\s*$")
_KEY_LINE = re.compile(r"^(\s*(?:- +)?)[^\s#:][^:#]*:(?:\s|$)")
# `title:Weekly review`: a colon with no space after it is part of the text to YAML.
_GLUED = re.compile(r"^(\s*(?:- +)?)([A-Za-z_][\w-]*):([^\s:#/].*?)\s*$")


def _missing_colon(text: str, line: int) -> tuple[int, int, str, bool] | None:
    """For "mapping values are not allowed" / "could not find expected ':'" at ``line``:
    the line above it, when it is a key and its value with no colon between them, in the
    column of the keys beside it (`title Weekly review` above `area: execution`). YAML
    reads such a line as text and only fails on the next key, with words about
    indentation. (line, column of the missing colon, the line as it should be, whether
    the colon is there with no space after it: `title:Weekly review`)."""
    lines = split_lines(text)
    content = [i for i in range(min(line, len(lines) + 1) - 1) if lines[i].strip()
               and not lines[i].lstrip().startswith("#")]  # fmt: skip
    if not content:
        return None
    above = content[-1]
    glued = _GLUED.match(lines[above])
    m = glued or _NO_COLON.match(lines[above])
    if m is None or any(c in lines[above] for c in "\"'\t"):
        return None  # quoted text, or a tab (said as such below)
    # Its column must be that of a key next to it: the line the parser stopped at, or,
    # past the end of the file, the key line above it.
    if line <= len(lines):
        beside = _KEY_LINE.match(lines[line - 1])
    else:
        beside = next((k for i in reversed(content[:-1]) if (k := _KEY_LINE.match(lines[i]))), None)
    indent = len(m.group(1))
    if (beside is None or len(beside.group(1)) != indent) and not _has_sibling(
        lines, content[:-1], indent
    ):
        return None
    column = len(m.group(1)) + len(m.group(2)) + 1 + (glued is not None)
    return above + 1, column, f"{m.group(1).lstrip()}{m.group(2)}: {m.group(3)}", bool(glued)


def _has_sibling(lines: list[str], before: list[int], indent: int) -> bool:
    """Whether a key of the same mapping stands above (the lines ``before``, in order), at
    ``indent``: a key with its colon left out as the last of its mapping (`description Why`
    before the next activity) has no key beside it below, only above."""
    for i in reversed(before):
        lead = len(lines[i]) - len(lines[i].lstrip(" "))
        if lead < indent:
            return False
        key = _KEY_LINE.match(lines[i])
        if key is not None and len(key.group(1)) == indent:
            return True
    return False


def quoted(text: str) -> str:
    """``text`` as a YAML value in double quotes, read back as it is: text with `: ` or
    ` #` in it would be read otherwise unquoted."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# `key: value` on a line of its own (a list item's too): the key, and the value as written.
_KEY_VALUE = re.compile(r"^(\s*(?:- +)?[^\s\"'#:{}\[\]][^:#]*?):[ \t]+(\S.*?)\s*$")


def _colon_hint(text: str, line: int) -> str | None:
    """For "mapping values are not allowed" in `standard: Goal: 3x pipeline`: the text
    needs quotes (the indentation the usual hint talks about is fine)."""
    lines = split_lines(text)
    if not 0 < line <= len(lines):
        return None
    m = _KEY_VALUE.match(lines[line - 1])
    # `key: text: more`, the text unquoted: YAML reads the second ': ' as another key.
    if m is None or m.group(2)[0] in "\"'{[" or ": " not in m.group(2) + " ":
        return None
    key, value = m.group(1).strip(), m.group(2).replace("\\", "\\\\").replace('"', '\\"')
    shown = value if len(value) <= 40 else value[:39] + "…"
    return f'text with ": " in it needs quotes: {key}: "{shown}"'


def _quotes_hint(text: str, line: int) -> str | None:
    """For text that YAML reads as something else because of its first character, or
    because of a quote inside quoted text (`title: @home review`, `title: [Q3] review`,
    `standard: 'Rep's review'`): the parser's own words talk of tokens and keys, and the
    fix is quotes."""
    lines = split_lines(text)
    if not 0 < line <= len(lines) or (m := _KEY_VALUE.match(lines[line - 1])) is None:
        return None
    key, value = m.group(1).strip().removeprefix("- ").strip(), m.group(2)
    first = value[0]
    if first in "'\"":
        close = 1
        while close < len(value) and value[close] != first:
            close += 2 if first == '"' and value[close] == "\\" else 1
        rest = value[close + 1 :]
        if " #" in rest:  # a comment after the value is not part of it
            rest = rest[: rest.index(" #")]
            value = value[: close + 1] + rest.rstrip()
        rest = rest.strip()
        if not rest or rest.startswith("#") or (first == "'" and rest.startswith("'")):
            return None  # closed where it ends ('' is a quote inside '...')
        other = "'" if first == '"' else '"'
        # `'Sean O'Neil`: an apostrophe in a word, not a closing quote
        apostrophe = (
            first == "'" and value[close - 1].isalnum() and value[close + 1 : close + 2].isalnum()
        )
        if first not in rest and other not in value and not apostrophe:
            # `"Weekly" review`: text after the closing quote; the other quotes around it all
            return f"text after the closing quote goes inside quotes: {key}: {other}{value}{other}"
        inner = value[1:-1] if value.endswith(first) else value[1:]
        if first == "'":
            doubled = inner.replace("'", "''")
            return f"a ' inside '...' is written twice: {key}: '{doubled}'"
        if "'" in inner:
            escaped = inner.replace('"', '\\"')
            return f'a " inside "..." is written \\": {key}: "{escaped}"'
        return f'a " inside "..." needs single quotes outside: {key}: \'{inner}\''
    if first in "@`%*&!|>[{" or value.startswith("- "):
        if first in "[{" and value.rstrip().endswith("]}"[first == "{"]):
            return None  # a list or a mapping, not text
        shown = value if len(value) <= 40 else value[:39] + "…"
        escaped = shown.replace("\\", "\\\\").replace('"', '\\"')
        return f'text that starts with {first} needs quotes: {key}: "{escaped}"'
    return None


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = split_lines(text)
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character offset, with YAML's line breaks."""
    before = text[:position]
    line_start = max(before.rfind(c) for c in "\n\r\x85\u2028\u2029") + 1
    line = sum(before.count(c) for c in "\n\x85\u2028\u2029") + before.count("\r")
    line -= before.count("\r\n")
    return line + 1, position - line_start + 1


def _too_deep(fail: Callable[..., Loaded], at: Mark | None) -> Loaded:
    return fail(
        at.line if at else 1,
        at.column if at else 1,
        "MOR109",
        f"YAML nests more than {MAX_DEPTH} levels deep (aliases expanded); refusing to read it",
        "a rhythm needs about six levels; look for runaway brackets or aliases",
    )


def wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when ``raw`` is text in one of them (Notepad's "Unicode" is
    UTF-16 LE with a byte order mark), by its byte order mark or, without one, by the NUL
    bytes beside an ASCII first character; None otherwise."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    # Without a byte order mark: two ASCII characters, each beside a NUL byte.
    head = raw[:4]
    little = len(head) == 4 and head[1] == head[3] == 0 and all(head[0::2])
    big = len(head) == 4 and head[0] == head[2] == 0 and all(head[1::2])
    return "UTF-16" if little or big else None


def decode_error_at(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """The line and column of the byte ``exc`` stopped at. Columns count characters, like
    every other diagnostic; the line is valid UTF-8 up to the bad byte."""
    line = raw[: exc.start].count(b"\n") + 1
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    return line, len(raw[line_start : exc.start].decode("utf-8-sig", errors="replace")) + 1


def wide_text(raw: bytes) -> str | None:
    """``raw`` decoded, when it is UTF-16 or UTF-32 text (see `wide_encoding`); else None."""
    wide = wide_encoding(raw)
    if wide is None:
        return None
    codec = wide.lower()
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        codec += "-be" if raw[0] == 0 else "-le"  # UTF-16 told apart by its NUL bytes
    return raw.decode(codec, errors="replace").removeprefix("\ufeff")


def too_large(file: str, size: int) -> Diagnostic:
    """MOR108 for a YAML file of ``size`` bytes, over MAX_YAML_BYTES."""
    return Diagnostic(
        file,
        1,
        1,
        "error",
        "MOR108",
        f"file is {size / 1024 / 1024:.1f} MB; morctl reads YAML files up to "
        f"{MAX_YAML_BYTES // 1024 // 1024} MB",
        "a large roster belongs in org.csv",
    )


def load_yaml(raw: bytes, file: str) -> Loaded:
    """Parse ``raw`` into plain values plus positions; problems come back as diagnostics."""
    positions = Positions(file)

    def fail(line: int, col: int, code: str, msg: str, hint: str | None = None) -> Loaded:
        return Loaded(None, positions, [Diagnostic(file, line, col, "error", code, msg, hint)])

    if len(raw) > MAX_YAML_BYTES:
        return Loaded(None, positions, [too_large(file, len(raw))])
    if (wide := wide_encoding(raw)) is not None:
        return fail(
            1,
            1,
            "MOR102",
            f"file is {wide} text; morctl reads UTF-8",
            "save the file as UTF-8 in your editor (Notepad: Save As, Encoding: UTF-8)",
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return fail(line, 1, "MOR102", "file contains a NUL byte; it is not a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = decode_error_at(raw, exc)
        return fail(
            line, col, "MOR102", "file is not UTF-8 text", "save the file as UTF-8 in your editor"
        )
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return fail(1, 1, "MOR103", "file is empty", "start from `morctl init` or an example")
    try:
        with gc_paused():
            deepest, where = _text_depth(text)
            if deepest > MAX_DEPTH:
                return _too_deep(fail, where)
            loader = _Loader(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        if exc.problem and "expected a single document" in (exc.context or ""):
            line = mark.line + 1 if mark else 1
            return fail(
                line,
                1,
                "MOR104",
                "file holds more than one YAML document",
                "remove the '---' separator; morctl reads one document per file",
            )
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context, first = exc.context or "", exc.context_mark
        if context.startswith("found duplicate anchor") and first is not None:
            # PyYAML says "found duplicate anchor; first occurrence ... second occurrence"
            # (the C parser without the name): one message with the name and both places.
            lines = split_lines(text)
            at = lines[line - 1][col - 1 :] if line <= len(lines) else ""
            named = _ANCHOR.match(at)
            anchor = f"&{named.group(1)} " if named else ""
            return fail(
                line,
                col,
                "MOR101",
                f"YAML anchor {anchor}is defined twice "
                f"(first on line {first.line + 1}, column {first.column + 1})",
                "give each anchor its own name",
            )
        problem = exc.problem or "invalid YAML"
        return fail(line, col, "MOR101", f"YAML syntax error: {problem}", _syntax_hint(problem))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "nesting depth" in problem:  # PyYAML's own limit, met while composing
            return _too_deep(fail, Mark(line, col))
        if (opened := _unclosed_quote(text, exc)) is not None:
            # The parser stops where the quoted text finally fails to fit, often in
            # another activity: the mistake is where the quote opened.
            stopped = f"line {line}" if line <= len(split_lines(text)) else "the end of the file"
            return fail(
                opened[0],
                opened[1],
                "MOR101",
                f"YAML syntax error: the quote opened here is never closed (the parser "
                f"stopped at {stopped}: {problem})",
                "close the quote at the end of the text on this line",
            )
        opening = exc.context_mark
        if (
            exc.context
            and exc.context.startswith("while parsing a flow")
            and opening is not None
            and opening.line + 1 < line
        ):
            # A { or [ left open on an earlier line: the line the parser stopped at is
            # fine (a quote hint there would have a good entry quoted), so name the opening.
            # Stopped past the last line, the error is put at the end of the file's text.
            lines = split_lines(text)
            if line > len(lines) and lines:
                line, col = len(lines), len(lines[-1]) + 1
            close = "}" if "mapping" in exc.context else "]"
            symbol = "{" if close == "}" else "["
            return fail(
                line,
                col,
                "MOR101",
                f"YAML syntax error: {problem}",
                f"the {symbol} opened on line {opening.line + 1}, column {opening.column + 1} "
                f"is not closed: close it with {close} where that entry ends (or, if it "
                "spans lines, look for a missing comma)",
            )
        colon = "mapping values are not allowed" in problem or "expected ':'" in problem
        if colon and (missed := _missing_colon(text, line)) is not None:
            keyline, column, fixed, glued = missed
            stopped = f"line {line}" if line <= len(split_lines(text)) else "the end of the file"
            said = "no space after the ':'" if glued else "no ':' after the key"
            return fail(
                keyline,
                column,
                "MOR101",
                f"YAML syntax error: {said} on this line (YAML reads it as text, and stopped "
                f"at {stopped})",
                f"add a space after the colon: {fixed}" if glued else f"add the colon: {fixed}",
            )
        hint = _colon_hint(text, line) if "mapping values" in problem else None
        hint = hint or _quotes_hint(text, line) or _syntax_hint(problem)
        # The C parser does not name the character; a tab at the mark is the usual culprit.
        if "\t" in problem or "tab" in problem or (mark and _char_at(text, mark) == "\t"):
            problem = "a tab character here; YAML indents with spaces only"
            hint = "indent with spaces, not tabs"
        return fail(line, col, "MOR101", f"YAML syntax error: {problem}", hint)
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow
        # The C reader counts bytes, the pure one characters; the first occurrence of the
        # character is the one it stopped at either way.
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        found = text.find(char) if char else -1
        line, col = _line_col(text, found if found >= 0 else exc.position)
        what = f"#x{ord(char):04x}" if len(char) == 1 else repr(char)
        return fail(
            line,
            col,
            "MOR101",
            f"YAML cannot be read: character {what}: {exc.reason}",
            "remove the control character",
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        return fail(line, col, "MOR101", f"YAML cannot be read: {exc}".splitlines()[0])
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL_TAG):
        # "---" or "~" alone: a document with nothing in it.
        return fail(1, 1, "MOR103", "file is empty", "start from `morctl init` or an example")
    aliased, depth, repeated = _expanded_shape(root)
    if depth > MAX_DEPTH:
        return _too_deep(fail, repeated)
    if aliased > MAX_ALIASED_NODES:
        # At the first value that aliases repeat: where the expansion starts.
        return fail(
            repeated.line if repeated else 1,
            repeated.column if repeated else 1,
            "MOR105",
            "YAML aliases expand to more than "
            f"{MAX_ALIASED_NODES:,} values; refusing to expand them",
            "write the values out instead of nesting aliases",
        )
    builder = _Builder(file, split_lines(text), root)
    with gc_paused():
        data = builder.build(root, ())
    return Loaded(data, builder.positions, builder.diagnostics)
