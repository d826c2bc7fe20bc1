"""`context_of(doc)`: what every rule reads about a document, built once per Doc.

Rules take a `DocContext` instead of rebuilding indexes of their own: the text, the sentences, the
token -> entity index, the resolved entities by id, the quotations and the token -> quote index, the
document's metadata. Each piece is computed on first use and kept; `entities_changed()` refreshes
the entity views after a component rewrites `doc.ents` (the resolver does, once).

The context lives in `doc.user_data` beside `doc_text`'s cache; `release(doc)` drops it when the
records are taken off the Doc (the pipeline does this), so a Doc that is serialised afterwards
carries nothing that cannot be serialised.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.quotes import Quote, find_quotes, quote_index

_KEY = ("cooptool", "context")


class DocContext:
    def __init__(self, doc: Doc):
        self.doc = doc

    @cached_property
    def text(self) -> str:
        return doc_text(self.doc)

    @property
    def meta(self) -> dict:
        return self.doc._.meta if self.doc.has_extension("meta") and self.doc._.meta else {}

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def sent_of(self) -> list[int]:
        """Token index -> sentence number."""
        out = [0] * len(self.doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                out[i] = n
        return out

    # ---- tokens by their words ---------------------------------------------------------------

    @cached_property
    def _word_arrays(self) -> dict[int, np.ndarray]:
        return {}

    def _values(self, attr: int) -> np.ndarray:
        values = self._word_arrays.get(attr)
        if values is None:
            values = self.doc.to_array(attr) if len(self.doc) else np.zeros(0, dtype=np.uint64)
            if attr in (ORTH, LOWER):
                self._word_arrays[attr] = values
        return values

    def where_in(self, attr: int, words: set[str] | frozenset[str]) -> list[int]:
        """The indices, in order, of the tokens whose `attr` (ORTH, LOWER, POS ...) string is one of
        `words`: `[t.i for t in doc if t.lower_ in words]` read from the token array (a loop over the
        Doc makes a Token object per word). ORTH and LOWER arrays are kept (they never change)."""
        values = self._values(attr)
        if not len(values):
            return []
        return np.flatnonzero(np.isin(values, _string_ids(self.doc, words))).tolist()

    def where(self, attr: int, keep: Callable[[str], bool]) -> list[int]:
        """Like `where_in`, for any test of the string: each distinct string of the Doc tested once."""
        values = self._values(attr)
        strings = self.doc.vocab.strings
        wanted = [v for v in np.unique(values).tolist() if keep(strings[v])]
        if not wanted:
            return []
        return np.flatnonzero(np.isin(values, np.array(wanted, dtype=values.dtype))).tolist()

    def sentence(self, tok: Token | int) -> Span:
        i = tok if isinstance(tok, int) else tok.i
        return self.sents[self.sent_of[i]]

    # ---- entities ----------------------------------------------------------------------------

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """`doc.ents`, read once: spaCy makes a new Span (and Tokens) per entity on every access. Whoever
        assigns `doc.ents` calls `entities_changed()` (or `ents_changed()`)."""
        return self.doc.ents

    def ents_changed(self) -> None:
        """Only `doc.ents` was reassigned: drop its copy, keep the other views as they are."""
        self.__dict__.pop("ents", None)

    @cached_property
    def ent_at(self) -> dict[int, Span]:
        """Token index -> the entity span covering it (`doc.ents` after resolution)."""
        out: dict[int, Span] = {}
        for span in self.ents:
            for i in range(span.start, span.end):
                out[i] = span
        return out

    @cached_property
    def entities(self) -> dict[str, dict]:
        """Resolved entity dicts (`doc._.entities`) by id."""
        ents = self.doc._.entities if self.doc.has_extension("entities") else None
        return {e["id"]: e for e in (ents or [])}

    def entity(self, span: Span) -> dict | None:
        return self.entities.get(span.kb_id_)

    def label(self, span: Span) -> str:
        """The resolved label of an entity span (the resolver's vote), else the model's."""
        ent = self.entities.get(span.kb_id_)
        return ent["label"] if ent else span.label_

    def entities_changed(self) -> None:
        """Drop the entity views after `doc.ents` or `doc._.entities` were rewritten."""
        for name in ("ents", "ent_at", "entities", "_shared"):
            self.__dict__.pop(name, None)

    def shared(self, key: str, build):
        """A per-document value another module builds from the entities, made by `build(ctx)` on
        first use and kept until `entities_changed()` (the speaker resolver's indexes)."""
        store = self.__dict__.setdefault("_shared", {})
        if key not in store:
            store[key] = build(self)
        return store[key]

    # ---- quotations --------------------------------------------------------------------------

    @cached_property
    def quotes(self) -> list[Quote]:
        return find_quotes(self.text)

    @cached_property
    def quote_of(self) -> dict[int, int]:
        """Token index -> number of the quotation it is inside."""
        return quote_index(self.doc, self.quotes)


# id of a word set -> (the set, a copy of it, the string ids of its words); a set changed since (a user
# lexicon extends the bundled lists) is looked up again.
_IDS: dict[int, tuple[set[str] | frozenset[str], frozenset[str], np.ndarray]] = {}


def _string_ids(doc: Doc, words: set[str] | frozenset[str]) -> np.ndarray:
    if not isinstance(words, (set, frozenset)):
        raise TypeError("where_in takes a set of words")
    hit = _IDS.get(id(words))
    if hit is None or hit[0] is not words or hit[1] != words:
        strings = doc.vocab.strings  # the id of a string is its hash (or its symbol), in any vocabulary
        hit = _IDS[id(words)] = (words, frozenset(words), np.array(sorted({strings[w] for w in words}), dtype=np.uint64))
    return hit[2]


def context_of(doc: Doc) -> DocContext:
    ctx = doc.user_data.get(_KEY)
    if ctx is None:
        ctx = doc.user_data[_KEY] = DocContext(doc)
    return ctx


def release(doc: Doc) -> None:
    doc.user_data.pop(_KEY, None)
