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

from functools import cached_property

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


def context_of(doc: Doc) -> DocContext:
    ctx = doc.user_data.get(_KEY)
    if ctx is None:
        ctx = doc.user_data[_KEY] = DocContext(doc)
    return ctx


def release(doc: Doc) -> None:
    doc.user_data.pop(_KEY, None)
