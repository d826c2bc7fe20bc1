"""Nouns of statement: "his claim that the vote was rigged", "Lee's warning that prices would rise"; nouns of
stated intent with their infinitive: "her decision to resign", "the union's threat to strike"."""

from __future__ import annotations

from spacy.tokens import Token

from cooptool.extract import lexicon
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

# Nouns of a stated intent that report their infinitive for their owner ("her decision to resign").
INTENT_NOUNS = lexicon.words("intent_nouns")
NOUN_INTENT = "claim.noun.intent"
_OWNER_TYPES = ("PERSON", "ORG", "GPE")


def is_statement_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in STATEMENT_NOUNS or tok.lemma_.lower() in INTENT_NOUNS)


@rule(NOUN_INTENT, confidence=0.75, examples=[
    ("Port\n\nMayor Lena Ortiz's decision to sell the port angered the dockers.",
     {"speaker": "Lena Ortiz", "cue": "decision", "text": "to sell the port"}),
    ("Port\n\nThe dockers' decision was final.", None),
])
@rule(NOUN, confidence=0.8, examples=[
    ("Court\n\nAlan Price's claim that the ballots had been tampered with was rejected by the court.",
     {"speaker": "Alan Price", "cue": "claim", "text": "the ballots had been tampered with"}),
    ("Court\n\nThe move follows a Supreme Court ruling that the new voting law was unlawful.",
     {"speaker": "Supreme Court", "cue": "ruling", "text": "the new voting law was unlawful"}),
    ("Court\n\nThe Harlow Council statement was short.", None),
])
def statement_noun(run: ClaimRun, noun: Token) -> list[Claim]:
    """A statement noun whose owner is named and whose that-clause is the content."""
    owner = _owner(noun)
    if owner is None or (owner.i in run.quote_of) != (noun.i in run.quote_of):
        return []
    lemma = noun.lemma_.lower()
    clause = _that_clause(noun) if lemma in STATEMENT_NOUNS else None
    pattern = NOUN
    if clause is not None and not has_own_subject(clause):
        return []
    if clause is None and lemma in INTENT_NOUNS:
        clause, pattern = _infinitive(noun), NOUN_INTENT
    if clause is None:
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
    return [Claim.at_cue(noun, speaker, pattern, start, end)]


def _owner(noun: Token) -> Token | None:
    """"Lee's claim", "a Law Lords judgement", "the Kremlin statement": the possessor, or a name before
    the noun (a person, organisation or country) standing for it."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    return next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                 and (c.ent_type_ in _OWNER_TYPES or c.pos_ == "PROPN" and not c.ent_type_)), None)


def _that_clause(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > noun.i
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def _infinitive(noun: Token) -> Token | None:
    """"decision to sell the port": the infinitive the noun governs."""
    return next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.i > noun.i and c.tag_ == "VB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
