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
