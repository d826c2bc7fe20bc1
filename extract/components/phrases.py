"""Noun phrases and places as facts and events read them (shared by `facts` and `events`).

    noun_phrase(doc, head, skip)   # "investment … to build capacity": a head's words, gaps shown as "…"
    is_place(span)                 # "in Phoenix, Arizona": a location, not an actor
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Prepositions that introduce where something is or happens ("in Phoenix", "across Europe").
PLACE_PREPS = frozenset({"in", "at", "across", "near", "outside", "throughout"})
_DASHES = ("-", "–", "—")
_PHRASE_STOPS = (",", ";", ":", "(")


def is_place(span: Span) -> bool:
    """A location introduced by "in"/"at" ("in Phoenix, Arizona"), not an actor."""
    if span.label_ not in PLACE_LABELS:
        return False
    root = span.root
    while root.dep_ in ("appos", "conj") and root.head is not root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS


def clean(text: str) -> str:
    """Whitespace collapsed, list punctuation trimmed."""
    return " ".join(text.split()).strip(" ,;:")


def _ends_phrase(doc: Doc, t: Token) -> bool:
    """A comma or a spaced dash after the head ends the phrase ("mines across A, B", "the meeting - from")."""
    return t.text in _PHRASE_STOPS or t.text in _DASHES and bool(t.whitespace_ or t.i > 0 and doc[t.i - 1].whitespace_)


def _leading_filler(t: Token) -> bool:
    return t.dep_ in ("det", "predet") or t.is_punct or t.tag_ == "PRP$" or t.lower_ in ("'s", "’s")


def _trailing_filler(t: Token) -> bool:
    return t.is_punct or t.pos_ in ("ADP", "CCONJ", "DET", "PART")


def _phrase_tokens(doc: Doc, head: Token, skip: set[int], limit: int) -> list[Token]:
    keep = [t for t in head.subtree if t.i not in skip and not t.is_space]
    stop = next((t.i for t in keep if t.i > head.i and _ends_phrase(doc, t)), None)
    if stop is not None:
        keep = [t for t in keep if t.i < stop]
    while keep and _leading_filler(keep[0]):
        keep.pop(0)
    while keep and _trailing_filler(keep[-1]):
        keep.pop()
    return keep[:limit]


def _runs(doc: Doc, keep: list[Token]) -> list[list[Token]]:
    """Contiguous pieces of the kept tokens (a skipped token between two makes a gap)."""
    runs: list[list[Token]] = [[keep[0]]]
    for t in keep[1:]:
        gap = doc[runs[-1][-1].i + 1:t.i]
        if all(g.is_space for g in gap):
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _head_runs(runs: list[list[Token]], head: Token) -> list[list[Token]]:
    """What a figure measures is the head's own words: "landmark … settlement reached" is the
    settlement reached; a later piece stays only when it is a complement ("investment … to build")."""
    k = next((n for n, r in enumerate(runs) if r[0].i <= head.i <= r[-1].i), None)
    if k is None:
        return runs
    return [runs[k]] + [r for r in runs[k + 1:k + 2] if r[0].pos_ in ("ADP", "PART") or r[0].tag_ == "TO"]


def noun_phrase(doc: Doc, head: Token, skip: set[int], limit: int = 16, head_run: bool = False) -> str:
    """The words of a noun phrase without determiners, the number itself and place phrases;
    a gap left by a skipped piece shows as "…"."""
    keep = _phrase_tokens(doc, head, skip, limit)
    if not keep:
        return ""
    runs = _runs(doc, keep)
    if head_run:
        runs = _head_runs(runs, head)
    pieces = [" ".join(doc[r[0].i:r[-1].i + 1].text.split()) for r in runs]
    return " … ".join(p.strip(" ,;:()") for p in pieces if p.strip(" ,;:()"))
