"""A person who founded an organisation: "Halvard Records was founded in 1984 by Tom Reese and Anna
Kiel", "Halvard Records, founded by Tom Reese, ...", "Tom Reese founded Halvard Records", "Halvard
Records, which she founded with Tom Reese" — the person is its founder (role "founder", or
"co-founder" when the verb says so or a partner is named with "with")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.words import EMPLOYER_LABELS
from cooptool.extract.rules import rule

_FOUNDED = frozenset({"founded", "co-founded", "cofounded", "founds", "co-founds"})


def _founding_verb(tok: Token) -> Token | None:
    """`tok` itself when it is "founded"; "co-founded" split by the tokenizer hangs "founded" on "co"."""
    if tok.lower_ == "co":
        tok = next((c for c in tok.children if c.lower_ in _FOUNDED), tok)
    return tok if tok.lower_ in _FOUNDED and tok.tag_.startswith("VB") else None


def _co(verb: Token) -> bool:
    doc = verb.doc
    return verb.lower_.startswith("co") or (verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "co")


def _first_conjunct(tok: Token) -> Token:
    """"by A and B": B's root hangs on A; the chain leads back to A."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _org_at(run: AffiliationRun, tok: Token | None) -> Span | None:
    if tok is None:
        return None
    if tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Halvard Records, which she founded": the clause's noun
    org = run.ent_at.get(tok.i)
    # A person is never founded: a founded "PERSON" is a firm the model misread ("Halvard Jam"); `add`
    # relabels it.
    return org if org is not None and (org.label_ in EMPLOYER_LABELS or org.label_ == "PERSON") else None


def _founded_org(run: AffiliationRun, verb: Token, passive: bool) -> Span | None:
    """The organisation founded: the passive subject, the noun a participle hangs on ("X, founded by"),
    the object, or the noun of a relative clause ("X, which he founded")."""
    if passive:
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return _org_at(run, subj) or (_org_at(run, verb.head) if verb.dep_ == "acl" else None)
    heads = (verb, verb.head) if verb.head.lower_ == "co" else (verb,)
    obj = next((c for h in heads for c in h.children if c.dep_ == "dobj"), None)
    if obj is None and verb.dep_ == "relcl" and not any(c.lower_ == "who" for c in verb.children):
        obj = verb.head
    return _org_at(run, obj)


def _founding(person: Span) -> tuple[Token, bool, bool] | None:
    """The founding verb whose agent, subject or "with" partner the person is: (verb, passive, partner)."""
    root = _first_conjunct(person.root)
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "agent" and head.lower_ == "by":
        verb = _founding_verb(head.head)
        return (verb, True, False) if verb is not None else None
    if root.dep_ == "pobj" and head.lower_ == "with" and head.dep_ == "prep":
        verb = _founding_verb(head.head)
        return (verb, False, True) if verb is not None else None
    if root.dep_ == "nsubj" and _founding_verb(head) is not None:
        return _founding_verb(head), False, False
    # "X, who founded Y in 1990,"
    for clause in root.children:
        if clause.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
            verb = _founding_verb(clause)
            if verb is not None:
                return verb, False, False
    return None


@rule("affiliation.founded", confidence=0.6, examples=[
    ("Label news\n\nHalvard Records was founded in 1984 by Tom Reese and producer Anna Kiel and signed many bands.",
     {"person": "Anna Kiel", "org": "Halvard Records", "role": "founder"}),
    ("Label news\n\nHalvard Records was founded in 1984 by Tom Reese and producer Anna Kiel and signed many bands.",
     {"person": "Tom Reese", "org": "Halvard Records", "role": "founder"}),
    ("Label news\n\nTom Reese, who founded Halvard Records in 1990, said sales fell.",
     {"person": "Tom Reese", "org": "Halvard Records", "role": "founder"}),
    ("Label news\n\nIn 2011, Tom Reese co-founded Halvard Records, which now has 40 staff.",
     {"person": "Tom Reese", "org": "Halvard Records", "role": "co-founder"}),
    # a city is founded too, but it employs nobody
    ("Town history\n\nThe town of Halmstad was founded by Tom Reese in 1307.", None),
])
def founded(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"ORG was founded by PERSON", "PERSON founded ORG": the person is its founder."""
    found = _founding(person)
    if found is None:
        return
    verb, passive, partner = found
    org = _founded_org(run, verb, passive)
    if org is None or org.kb_id_ == person.kb_id_:
        return
    co = partner or _co(verb) or any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
    run.add(person, org, [], "affiliation.founded", sent, role_text="co-founder" if co else "founder")
