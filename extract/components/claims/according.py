""""According to X, ..." and "..., according to X": the source is the object of "to"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from cooptool.extract.components.claims.base import ACCORDING, FINITE_TAGS, Claim, ClaimRun, end_of, trim
from cooptool.extract.components.speakers import Speaker
from cooptool.extract.rules import rule


def opens_according_to(doc: Doc, tok: Token) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"


@rule(ACCORDING, confidence=0.8, examples=[
    ("According to Marta Quinn, the factory will close in June.",
     {"speaker": "Marta Quinn", "text": "the factory will close in June", "cue": "According to"}),
    ("Sales fell by a third last year, according to Brightline Motors.",
     {"speaker": "Brightline Motors", "text": "Sales fell by a third last year"}),
    ("According to Marta Quinn and Tom Berg, the factory will close in June.",
     {"speaker": "Tom Berg", "text": "the factory will close in June"}),
])
def according(run: ClaimRun, tok: Token) -> list[Claim]:
    """The longer side of the sentence around "according to X" is what X says."""
    doc, text = run.doc, run.text
    to = doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return []
    sent = tok.sent
    phrase_end = max(obj.right_edge.i, obj.i) + 1
    author = None
    titled = _titled_appositive(doc, phrase_end, sent.end)
    if titled is not None:
        # "According to a new book, The Long Game by Ann Fry, ...": the title and author are
        # part of the source even when the parse left them to the clause.
        phrase_end, author = titled
    before = (sent.start_char, tok.idx)
    after = (doc[phrase_end].idx if phrase_end < len(doc) else sent.end_char, sent.end_char)
    start, end = max((before, after), key=lambda r: r[1] - r[0])
    start, end = trim(text, start, end)
    while end > start and text[end - 1] in ".!?":
        end -= 1
    if end - start < 3:
        return []
    speaker = run.resolver.resolve(obj)
    if speaker.name is None and author is not None and author.i in run.ent_at:
        named = run.resolver.resolve(author)
        if named.name is not None:
            speaker = Speaker(named.name, named.entity_id, named.label, speaker.start, speaker.end,
                              named.aliases, "description")
    cue_end = end_of(to)
    claims = [Claim(start, end, tok, text[tok.idx:cue_end], tok.idx, cue_end, speaker, ACCORDING)]
    # "according to X and Y" / "according to X and the report": each source says it
    seen = {speaker.entity_id or speaker.name}
    for other in obj.conjuncts:
        co = run.resolver.resolve(other)
        if co.name is not None and (co.entity_id or co.name) not in seen:
            seen.add(co.entity_id or co.name)
            claims.append(Claim(start, end, tok, text[tok.idx:cue_end], tok.idx, cue_end, co, ACCORDING))
    return claims


def _titled_appositive(doc: Doc, at: int, sent_end: int) -> tuple[int, Token] | None:
    """", The Long Game by Ann Fry," at token `at`: a title and its author set off by commas, with no
    verb. Returns the token index after the closing comma and the author's head token."""
    if at >= sent_end or doc[at].text != ",":
        return None
    close = next((k for k in range(at + 1, min(sent_end, at + 16)) if doc[k].text == ","), None)
    if close is None or close - at < 4:
        return None
    inner = doc[at + 1:close]
    if not inner[0].is_title or any(t.pos_ in ("VERB", "AUX") or t.tag_ in FINITE_TAGS for t in inner):
        return None
    author = _author(doc, inner, close)
    return (close + 1, author) if author is not None else None


def _author(doc: Doc, inner, close: int) -> Token | None:
    """The last person or organisation named after "by" in a title phrase ending before `close`."""
    by = next((t for t in inner if t.lower_ == "by"), None)
    if by is None or by.i + 1 >= close:
        return None
    names = [t for t in doc[by.i + 1:close] if t.ent_type_ in ("PERSON", "ORG")]
    return names[-1] if names else None
