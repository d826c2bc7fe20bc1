"""One of an organisation's staff: "Anton Berel, one of Norvik's lawyers," / "X, one of the founders of
Y," / "X is one of the directors at Y" — the person holds the (singular) role at the organisation."""

from __future__ import annotations

from spacy.tokens import Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.words import ORG_LABELS
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule

_ORG_PREPS = frozenset({"of", "at", "with", "for", "in"})


def _one(person: Span) -> Token | None:
    """The "one" in apposition to the person, or after "is" with the person as subject."""
    root = person.root
    for c in root.children:
        if c.dep_ == "appos" and c.lower_ == "one":
            return c
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        return next((c for c in root.head.children if c.dep_ == "attr" and c.lower_ == "one"), None)
    return None


def _staff_noun(one: Token) -> Token | None:
    """"one of [Y's | the] lawyers": the plural role noun."""
    of = next((c for c in one.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if noun is None or noun.tag_ != "NNS" or noun.lemma_.lower() not in ROLE_HEADS:
        return None
    return noun


def _org_of(run: AffiliationRun, noun: Token) -> Span | None:
    """The organisation that owns the noun ("Norvik's lawyers") or follows it ("founders of Norvik")."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in _ORG_PREPS):
            tok = c if c.dep_ == "poss" else next((g for g in c.children if g.dep_ == "pobj"), None)
            org = run.ent_at.get(tok.i) if tok is not None else None
            if org is not None and org.label_ in ORG_LABELS:
                return org
    return None


@rule("affiliation.one_of", confidence=0.6, examples=[
    ("Court case\n\nThe deal is fair, said Anton Berel, one of Norvik's lawyers, at a hearing.",
     {"person": "Anton Berel", "org": "Norvik", "role": "lawyer"}),
    ("Court case\n\nAnton Berel, one of the founders of Norvik, said the deal is fair.",
     {"person": "Anton Berel", "org": "Norvik", "role": "founder"}),
    ("Court case\n\nAnton Berel, one of Norvik's biggest fans, said the deal is fair.", None),
])
def one_of(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON, one of ORG's ROLEs": the person is one of them."""
    one = _one(person)
    noun = _staff_noun(one) if one is not None else None
    org = _org_of(run, noun) if noun is not None else None
    if org is None or org.kb_id_ == person.kb_id_:
        return
    mods = [c.text for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and c.i not in run.ent_at]
    run.add(person, org, [], "affiliation.one_of", sent, role_text=" ".join([*mods, noun.lemma_.lower()]))
