"""`cooptool_paragraphs`: a line break is always a sentence boundary.

News text is paragraphs; the parser sometimes runs a sentence across a blank line (a heading
into its first paragraph). Set before the parser, these boundaries are respected by it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBoundaries:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                doc[tok.i + 1].is_sent_start = True
        return doc


@Language.factory("cooptool_paragraphs")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries(nlp, name)
