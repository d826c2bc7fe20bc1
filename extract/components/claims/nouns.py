"""Nouns of statement: "his claim that the vote was rigged", "Lee's warning that prices would rise"."""

from __future__ import annotations

from spacy.tokens import Token

from cooptool.extract.components.claims.base import (
    NOUN,
    STATEMENT_NOUNS,
    Claim,
    ClaimRun,
    end_of,
    has_own_subject,
    trim,
)
from cooptool.extract.rules import rule


def is_statement_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in STATEMENT_NOUNS


@rule(NOUN, confidence=0.8, examples=[
    ("Court\n\nAlan Price's claim that the ballots had been tampered with was rejected by the court.",
     {"speaker": "Alan Price", "cue": "claim", "text": "the ballots had been tampered with"}),
])
def statement_noun(run: ClaimRun, noun: Token) -> list[Claim]:
    """A statement noun whose owner is named and whose that-clause is the content."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = _that_clause(noun)
    if owner is None or clause is None or (owner.i in run.quote_of) != (noun.i in run.quote_of):
        return []
    if not has_own_subject(clause):
        return []
    start, end = trim(run.text, clause.left_edge.idx, end_of(clause.right_edge))
    if len(run.text[start:end].split()) < 3:
        return []
    # The owner is named in passing ("hit back at Lee's claim that ..."): not the speaker a later
    # "he said" goes back to.
    resolver = run.resolver
    recent = list(resolver.recent)
    speaker = resolver.resolve(owner)
    resolver.recent[:] = recent
    return [Claim.at_cue(noun, speaker, NOUN, start, end)]


def _that_clause(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > noun.i
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
