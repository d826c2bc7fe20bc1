"""Quotation spans in news text: curly, straight or mixed marks, quotes running over paragraphs.

Pure text scanning (no spaCy) so it can be tested on any string. News convention for a quote
over several paragraphs: every paragraph opens with a mark, only the last one closes. Marks that
do not pair up never raise: an unclosed quote ends at its paragraph end (`closed=False`), a stray
closing mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
MARKS = OPENERS + CLOSERS + STRAIGHT
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN = set(" \t\n([{—–-:/") | {"\u00a0"}
_AFTER_CLOSE = set(" \t\n)]}.,;:!?—–-/…'’") | {"\u00a0"}
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class Quote:
    start: int  # offsets of the inside of the marks, whitespace trimmed
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the paragraph ended first
    chain: int  # quotes continued over paragraphs share a chain number
    closed: bool = True

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


def _can_open(text: str, i: int, lo: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev in _BEFORE_OPEN or prev in MARKS or prev in "‘'") and not nxt.isspace()


def _can_close(text: str, i: int, hi: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and (nxt in _AFTER_CLOSE or nxt in MARKS or nxt == "\n")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_apostrophes(text: str) -> str:
    """''Two apostrophes'' typed for a double mark (typewriter and wire copy): each pair becomes one
    straight mark and a space, the mark on the side of the quoted words, so offsets stay the same."""
    if "''" not in text:
        return text
    chars = list(text)
    i = 0
    while i + 1 < len(chars):
        if chars[i] == chars[i + 1] == "'" and (i + 2 >= len(chars) or chars[i + 2] != "'"):
            prev = chars[i - 1] if i else " "
            opener = prev.isspace() or prev in _BEFORE_OPEN
            chars[i], chars[i + 1] = (" ", STRAIGHT) if opener else (STRAIGHT, " ")
            i += 2
        else:
            i += 1
    return "".join(chars)


def find_quotes(text: str) -> list[Quote]:
    """All quotations of `text`, in order; one Quote per paragraph piece of a multi-paragraph quote."""
    text = _double_apostrophes(text)
    quotes: list[Quote] = []
    chain = 0
    carry = False  # the previous paragraph ended inside a quote
    for para in _PARAGRAPH.finditer(text):
        lo, hi = para.start(), para.end()
        first = lo
        while first < hi and text[first].isspace():
            first += 1
        if first == hi:
            continue
        continues = carry and text[first] in MARKS and _can_open(text, first, lo)
        if carry and quotes and not continues:
            # Not continued after all: the last piece was an unbalanced quote.
            quotes[-1].closed = False
        if not continues:
            chain += 1
        chain, carry = _scan_paragraph(text, lo, first, hi, chain, quotes)
    if carry and quotes:
        quotes[-1].closed = False
    return quotes


def _scan_paragraph(text: str, lo: int, first: int, hi: int, chain: int, quotes: list[Quote]) -> tuple[int, bool]:
    """Adds the quotes of one paragraph (text[first:hi]) to `quotes`; returns the chain number after
    it and whether the paragraph ended inside a quote."""
    open_at: int | None = None
    for i in range(first, hi):
        ch = text[i]
        if ch not in MARKS:
            continue
        opens, closes = _can_open(text, i, lo), _can_close(text, i, hi)
        if open_at is None:
            if opens and ch not in CLOSERS or opens and not closes:
                open_at = i
            continue
        # Inside a quote: an opening mark right after a sentence end starts the next
        # paragraph of the same quote, in text whose paragraph breaks were lost.
        if opens and not closes and text[:i].rstrip()[-1:] in ".?!":
            _add_quote(quotes, text, open_at, i, None, chain)
            open_at = i
            continue
        # Inside a quote: a closing mark, or an opening mark where only a closing one fits.
        if closes and (ch not in OPENERS or not opens):
            _add_quote(quotes, text, open_at, i, i, chain)
            open_at = None
            chain += 1
    if open_at is None:
        return chain, False
    return chain, _add_quote(quotes, text, open_at, hi, None, chain)


def _add_quote(quotes: list[Quote], text: str, open_at: int, end: int, close_at: int | None, chain: int) -> bool:
    """Adds the quote opened at `open_at` and ending before `end` unless it is empty; True if added."""
    s, e = _trimmed(text, open_at + 1, end)
    if e > s:
        quotes.append(Quote(s, e, open_at, close_at, chain))
    return e > s


def quote_index(doc, quotes: list[Quote]) -> dict[int, int]:
    """Token index -> quote number, for the tokens of `doc` inside the marks."""
    out: dict[int, int] = {}
    if not quotes or not len(doc):
        return out
    qi = 0
    # Token offsets from the token array: a loop over the Doc makes a Token object per word.
    for i, idx in enumerate(doc.to_array(IDX).tolist()):
        while qi < len(quotes) and quotes[qi].end <= idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= idx < quotes[qi].end:
            out[i] = qi
    return out
