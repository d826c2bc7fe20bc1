"""`cooptool_paragraphs`: a line break is always a sentence boundary.

News text is paragraphs; the parser sometimes runs a sentence across a blank line (a heading
into its first paragraph). Set before the parser, these boundaries are respected by it.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from cooptool.extract.components.doctext import doc_text


class ParagraphBoundaries:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if "\n" not in text:
            return doc
        # The token offsets from the token array (a loop over the Doc makes a Token object per word);
        # tokens are only touched again at boundaries.
        starts = doc.to_array(IDX).tolist()
        pos = text.find("\n")
        while pos != -1:
            i = bisect_right(starts, pos)
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc):
                doc[i].is_sent_start = True
                # Skip the rest of this run of line breaks and blank space.
                pos = text.find("\n", starts[i])
            else:
                break
        return doc


@Language.factory("cooptool_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries(nlp, name)
