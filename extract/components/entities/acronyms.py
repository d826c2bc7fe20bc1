"""Acronym definitions: "China International Youth Exchange Center (CIYEC)" (Schwartz & Hearst 2003,
plus numbered short forms such as "COP28")."""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from cooptool.extract.components.context import context_of
from cooptool.extract.components.entities.trim import trim
from cooptool.extract.rules import rule


def schwartz_hearst(short: str, long: str) -> int | None:
    """Start index in `long` of the definition of `short` (Schwartz & Hearst 2003), or None."""
    s, lng = short.lower(), long.lower()
    si, li = len(s) - 1, len(lng) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (lng[li] != c or (si == 0 and li > 0 and lng[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    return li + 1


def _stops_window(doc: Doc, prev, begin: int) -> bool:
    """A clause boundary before "(": a line break, or punctuation other than the comma of ", Ltd"."""
    if prev.is_space and "\n" in prev.text:
        return True
    return prev.text in (",", ";", ":", "(", ")", "“", "”", '"') and not (
        prev.text == "," and begin < len(doc) and doc[begin].text in ("Ltd", "Ltd.", "Inc", "Inc.", "LLC"))


def _window_start(doc: Doc, paren: int, max_words: int) -> int:
    """First token of the words before "(" that may hold a long form: same sentence and clause."""
    begin = paren
    sent_start = doc[paren].sent.start if doc.has_annotation("SENT_START") else 0
    words_back = 0
    while begin > sent_start and words_back < max_words:
        if _stops_window(doc, doc[begin - 1], begin):
            break
        begin -= 1
        words_back += 1
    return begin


def _spells_from(letters: str, toks: list, i: int) -> bool:
    """The initials of `toks[i:]` spell `letters` in order, skipping at most one word at a time."""
    k, j, gap = 1, i + 1, 0
    while k < len(letters) and j < len(toks) and gap <= 1:
        if toks[j].text[:1].lower() == letters[k]:
            k, gap = k + 1, 0
        else:
            gap += 1
        j += 1
    return k >= len(letters)


def _numbered_initials(short: str, cand: Span) -> int | None:
    """Start token of a long form whose word initials spell a numbered short form.

    "the 28th Conference of the Parties ... (COP28)": the letters are the initials of
    capitalised and function words in order (C-onference o-f P-arties), the number is an
    ordinal before them. Schwartz-Hearst cannot see it: the digits come first in the long form.
    """
    letters = "".join(c for c in short if c.isalpha()).lower()
    digits = "".join(c for c in short if c.isdigit())
    if not digits or len(letters) < 2:
        return None
    toks = [t for t in cand if not t.is_space and not t.is_punct]
    for i, first in enumerate(toks):
        if not (first.text[:1].isupper() and first.text[:1].lower() == letters[0]):
            continue
        if not _spells_from(letters, toks, i):
            continue
        before = toks[i - 1] if i else None
        if before is not None and re.sub(r"(st|nd|rd|th)$", "", before.lower_) == digits:
            return before.i
        if any(digits in t.text for t in toks[i:]):
            return first.i
        return None
    return None


_OPEN_PAREN = frozenset({"("})


def _closing_paren(doc: Doc, open_i: int) -> int | None:
    """The ")" within five tokens of "(" at `open_i`, with something between them."""
    for j in range(open_i + 1, min(open_i + 6, len(doc))):
        if doc[j].text == ")":
            return j if j > open_i + 1 else None
    return None


def _looks_like_short_form(inner: Span) -> bool:
    """Capitalised, no lower-case word, at least two characters."""
    words = [t for t in inner if not t.is_space]
    if not words or not words[0].text[:1].isupper() or any(w.is_lower and w.is_alpha for w in words):
        return False
    return len(inner.text.replace(" ", "")) >= 2


def _long_form_start(doc: Doc, paren: int, short: str) -> int | None:
    """Start token of the long form before "(" that `short` abbreviates, or None."""
    # Candidate long form: up to min(|A|+5, 2|A|) words back within the sentence (S&H's window).
    n_chars = sum(c.isalnum() for c in short)
    begin = _window_start(doc, paren, min(n_chars + 5, n_chars * 2))
    if begin == paren:
        return None
    cand = doc[begin:paren]
    offset = schwartz_hearst(short, cand.text)
    if offset is not None:
        char = cand.start_char + offset
        return next((t.i for t in cand if t.idx >= char), None)
    wide = doc[_window_start(doc, paren, 20):paren]
    return _numbered_initials(short, wide) if len(wide) else None


@rule("entity.acronym", confidence=0.95, examples=[
    ("The Harbour Energy Research Council (HERC) met on Monday. Later HERC said it would grow.",
     {"name": "Harbour Energy Research Council", "aliases": "HERC", "label": "ORG"}),
    ("Prices rose by 3% in May (see chart) across the region.", None),
])
def find_acronyms(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(long_start, long_end, short_start, short_end) token spans of "Long Form (SHORT)"."""
    found = []
    for i in context_of(doc).where_in(ORTH, _OPEN_PAREN):
        tok = doc[i]
        close = _closing_paren(doc, tok.i)
        if close is None or not _looks_like_short_form(doc[tok.i + 1:close]):
            continue
        long_start = _long_form_start(doc, tok.i, doc[tok.i + 1:close].text)
        if long_start is None:
            continue
        ls, le = trim(doc, long_start, tok.i, "ORG")
        # A definition names something: at least one capitalised word besides the acronym letters.
        if le - ls < 2 and not doc[ls].text[:1].isupper():
            continue
        ss, se = trim(doc, tok.i + 1, close, "ORG")
        if ls < le and ss < se:
            found.append((ls, le, ss, se))
    return found
