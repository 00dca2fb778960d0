"""Text that looks like other text: characters nobody sees (a zero-width space or a soft
hyphen pasted from a chat or a web page), and words that mix alphabets (a Cyrillic 'а' in
'Marcus'). People read them as the text they look like; a search, a comparison and a
calendar app do not."""

from __future__ import annotations

import unicodedata

from morctl.diagnostics import clip

# Joiners and direction marks are part of how some scripts are written (Persian and the
# Indic scripts join or part letters with U+200C/U+200D, emoji are joined by U+200D, and
# U+200E/U+200F/U+061C place Hebrew and Arabic among numbers): in a name of Latin, Greek or
# Cyrillic letters alone they are as unseen as a zero-width space, elsewhere they are not.
_JOINERS = frozenset("\u200c\u200d\u200e\u200f\u061c")
# The alphabets whose letters look alike: 'а', 'е', 'о', 'р', 'с' of Cyrillic and 'ο', 'ν'
# of Greek are drawn as the Latin letters.
_ALPHABETS = ("LATIN", "CYRILLIC", "GREEK")


def char_name(c: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: a character as a message names it."""
    return f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip()


def _alphabet(c: str) -> str | None:
    if not c.isalpha():
        return None
    first = unicodedata.name(c, "").split(" ", 1)[0]
    return first if first in _ALPHABETS else None


def _in_alphabets(text: str) -> bool:
    """Whether the letters of ``text`` are Latin, Greek or Cyrillic, and it holds no symbol
    (an emoji) that a joiner may belong to."""
    return all(
        _alphabet(c) is not None or (not c.isalpha() and unicodedata.category(c)[0] != "S")
        for c in text
        if c not in _JOINERS and unicodedata.category(c) != "Cf"
    )


def hidden(text: str, strict: bool = True) -> list[int]:
    """Where ``text`` holds a character nobody sees (format characters, Unicode's `Cf`).
    Without ``strict``, joiners and direction marks count only in text of Latin, Greek or
    Cyrillic letters, where no script needs them (see :data:`_JOINERS`)."""
    found = [i for i, c in enumerate(text) if unicodedata.category(c) == "Cf"]
    if strict or not found or _in_alphabets(text):
        return found
    return [i for i in found if text[i] not in _JOINERS]


def where(text: str, i: int) -> str:
    """Where character ``i`` of ``text`` is, by the text seen around it: `after 'team'`."""
    seen = "".join(c for c in text[:i] if unicodedata.category(c) != "Cf")
    if seen.strip():
        return f"after '{clip(seen, 20)}'"
    rest = "".join(c for c in text[i + 1 :] if unicodedata.category(c) != "Cf")
    return f"before '{clip(rest, 20)}'" if rest.strip() else "alone"


def unseen(value: str) -> str:
    """What to add to a message that quotes ``value`` when it holds a character nobody sees:
    "'team_huddle' is not an activity (did you mean 'team_huddle'?)" would otherwise
    contradict itself."""
    found = hidden(value)
    if not found:
        return ""
    more = len(found) - 1
    also = f", and {more} more such character{'s' * (more > 1)}" if more else ""
    first = found[0]
    return (
        f" (it holds an invisible {char_name(value[first])} {where(value, first)}{also}: delete it)"
    )


def mixed_word(text: str) -> tuple[str, int] | None:
    """The first word of ``text`` that mixes Latin, Greek and Cyrillic letters, with the
    place in ``text`` of its first letter of the alphabet it has fewest of (the one that
    only looks like the others: 'а' in 'Mаrcus')."""
    start = 0
    for word in text.split(" "):
        letters = [(i, a) for i, c in enumerate(word) if (a := _alphabet(c)) is not None]
        count: dict[str, int] = {}
        for _, a in letters:
            count[a] = count.get(a, 0) + 1
        if len(count) > 1:
            # Ties go to the alphabet other than Latin: 'Bеn' is a Latin name misspelt.
            odd = min(count, key=lambda a: (count[a], a == "LATIN"))
            return word, start + next(i for i, a in letters if a == odd)
        start += len(word) + 1
    return None


def _odd_letters(text: str) -> set[int]:
    """The letters of ``text`` that only look like those around them (see
    :func:`mixed_word`), each word's."""
    odd: set[int] = set()
    start = 0
    for word in text.split(" "):
        if (mixed := mixed_word(word)) is not None:
            alphabet = _alphabet(word[mixed[1]])
            odd |= {start + i for i, c in enumerate(word) if _alphabet(c) == alphabet}
        start += len(word) + 1
    return odd


def spelt_out(before: str, after: str) -> tuple[str, str]:
    """A text that changed, both sides, with what people cannot see written `<U+200B>`:
    invisible characters and letters of another alphabet in a word; and a no-break space
    where it is all that tells them apart. "Alice Moreau → Alice Mor​eau" looks like no
    change."""
    nbsp = before.replace("\u00a0", " ") == after.replace("\u00a0", " ")

    def spelt(text: str) -> str:
        marked = set(hidden(text, strict=False)) | _odd_letters(text)
        if nbsp:
            marked |= {i for i, c in enumerate(text) if c == "\u00a0"}
        return "".join(f"<U+{ord(c):04X}>" if i in marked else c for i, c in enumerate(text))

    return spelt(before), spelt(after)
