"""Appointments: "Corvel Systems named Peter Hale as its new chief executive" — the organisation that
names, appoints or hires someone "as" a role employs them in it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.roles import is_role_word
from cooptool.extract.components.affiliations.words import DETS, EMPLOYER_LABELS
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule

_APPOINTING_LEMMAS = ("name", "appoint", "hire", "promote", "elect")
# Between "as" and the role: "its new", "the interim" are read past by is_role_word or here.
_BEFORE_ROLE = ("new", "next")


def _appointer(run: AffiliationRun, verb: Token) -> Span | None:
    """The organisation that is the subject of the appointing verb."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    org = run.ent_at.get(subj.i) if subj is not None else None
    return org if org is not None and org.label_ in EMPLOYER_LABELS else None


def _role_after_as(run: AffiliationRun, i: int, sent: Span) -> list[Token] | None:
    """The role words after "as" at token i ("as its new chief executive"), ending on a role head."""
    doc = run.doc
    if i >= sent.end or doc[i].lower_ != "as":
        return None
    k = i + 1
    while k < sent.end and (doc[k].lower_ in DETS or doc[k].lower_ in _BEFORE_ROLE):
        k += 1
    role = []
    while k < sent.end and k not in run.ent_at and is_role_word(doc[k]) and len(role) < 5:
        role.append(doc[k])
        k += 1
    if not role or role[-1].lower_ not in ROLE_HEADS or k < sent.end and doc[k].lower_ in ("of", "at", "for"):
        return None  # "as chief executive of Y": that organisation, not the one appointing
    return role


@rule("affiliation.appointment", confidence=0.75, examples=[
    ("Board shake-up\n\nNorland Freight Ltd named Peter Hale as its new chief executive on Monday.",
     {"person": "Peter Hale", "org": "Norland Freight Ltd", "role": "chief executive"}),
    ("Board shake-up\n\nNorland Freight Ltd named Peter Hale as chief executive of Vantor Group.", None),
])
def appointment(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"ORG named|appointed|hired PERSON as [its] [new] ROLE"."""
    doc = run.doc
    j = person.start - 1
    if j < sent.start or doc[j].lemma_ not in _APPOINTING_LEMMAS or doc[j].pos_ != "VERB":
        return
    org = _appointer(run, doc[j])
    role = _role_after_as(run, person.end, sent) if org is not None else None
    if role:
        run.add(person, org, role, "affiliation.appointment", sent)


def _joined_at(run: AffiliationRun, person: Span, sent: Span) -> tuple[int, bool] | None:
    """The index of "joined" after "PERSON, who" or "PERSON", and whether "who" came first."""
    doc, i = run.doc, person.end
    who = i + 2 < sent.end and doc[i].text == "," and doc[i + 1].lower_ == "who"
    if who:
        i += 2
    return (i, who) if i < sent.end and doc[i].lower_ == "joined" else None


@rule("affiliation.joined", confidence=0.6, examples=[
    ("Lab news\n\nErika Lind, who joined the Vantor Research Institute in 2016, leads its laboratory.",
     {"person": "Erika Lind", "org": "Vantor Research Institute", "role": None}),
    ("Board shake-up\n\nPeter Hale joined Norland Freight Ltd as finance director in May.",
     {"person": "Peter Hale", "org": "Norland Freight Ltd", "role": "finance director"}),
    ("Board shake-up\n\nPeter Hale joined Norland Freight Ltd staff at the rally.", None),
])
def joined_org(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"X, who joined ORG in 2016," / "X joined ORG as ROLE": the organisation a person joined."""
    doc = run.doc
    found = _joined_at(run, person, sent)
    if found is None:
        return
    i, who = found
    j = i + 1 + (i + 1 < sent.end and doc[i + 1].lower_ == "the")
    org = run.ent_at.get(j)
    if org is None or org.start != j or org.label_ not in EMPLOYER_LABELS or org.kb_id_ == person.kb_id_:
        return
    role = _role_after_as(run, org.end, sent)
    nxt = doc[org.end] if org.end < sent.end else None
    if role:
        run.add(person, org, role, "affiliation.joined", sent)
    elif who and (nxt is None or nxt.is_punct or nxt.pos_ in ("ADP", "CCONJ")):
        run.add(person, org, [], "affiliation.joined", sent)  # "who joined Y in 2016 and ..."
