"""`doc_text(doc)`: the text of a Doc, built once.

spaCy rebuilds `Doc.text` from every token on each access; rule components read it many times per
document (offsets, regular expressions, evidence), so the string is kept in `doc.user_data`.
A Doc's text never changes once it is made, so the cached value cannot go stale.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = ("cooptool", "text")


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def seed_doc_text(doc: Doc, text: str) -> None:
    """Keep `text`, the string the Doc was made from, as its text: spaCy's tokenizer is lossless
    (`doc.text == text`), so the first `doc_text` need not rebuild it from every token. Only a Doc
    whose last token ends where `text` does is seeded."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[_KEY] = text
