"""Finding a name or word as written, with no word character on either side, without a regular
expression compiled for it.

`find_word(text, w)` finds what `re.search(r"(?<![\\w-])" + re.escape(w) + r"(?![\\w-])", text)`
finds (with `hyphen=False`, `(?<!\\w)` and `(?!\\w)`); `find_names(text, forms)` the matches of the
alternation of `forms` (each form's words joined by `\\s+`, bounded the same way), leftmost first and,
at one position, the first form of `forms` that matches, as `re.finditer` gives them. Rules look up
dozens of names a document defines; compiling a pattern per name (or one alternation per document)
cost more than the search. `\\w` is what `str.isalnum()` or "_" says and `\\s` what `str.isspace()`
says, as in Python's `re` for str patterns.
"""

from __future__ import annotations

from collections.abc import Iterable


def _inside(ch: str, hyphen: bool) -> bool:
    return ch.isalnum() or ch == "_" or hyphen and ch == "-"


def _bounded_before(text: str, i: int, hyphen: bool) -> bool:
    return i == 0 or not _inside(text[i - 1], hyphen)


def _bounded_after(text: str, end: int, hyphen: bool) -> bool:
    return end >= len(text) or not _inside(text[end], hyphen)


def find_word(text: str, word: str, start: int = 0, *, hyphen: bool = True) -> int:
    """The first index from `start` where `word` stands alone (-1 if none)."""
    n = len(word)
    i = text.find(word, start)
    while i != -1:
        if _bounded_before(text, i, hyphen) and _bounded_after(text, i + n, hyphen):
            return i
        i = text.find(word, i + 1)
    return -1


def _rest_end(text: str, pos: int, words: list[str]) -> int | None:
    """Where the words after the first end, each after a run of white space, or None."""
    for w in words:
        j = pos
        while j < len(text) and text[j].isspace():
            j += 1
        if j == pos or not text.startswith(w, j):
            return None
        pos = j + len(w)
    return pos


def find_names(text: str, forms: Iterable[str], *, hyphen: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the non-overlapping matches of `forms`, in the order of the text."""
    found: list[tuple[int, int, int]] = []
    for rank, form in enumerate(forms):
        words = form.split()
        if not words:
            raise ValueError("find_names: empty form")
        first, rest = words[0], words[1:]
        i = text.find(first)
        while i != -1:
            if _bounded_before(text, i, hyphen):
                end = _rest_end(text, i + len(first), rest)
                if end is not None and _bounded_after(text, end, hyphen):
                    found.append((i, rank, end))
            i = text.find(first, i + 1)
    found.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for start, _, end in found:
        if start >= pos:
            out.append((start, end))
            pos = end
    return out
