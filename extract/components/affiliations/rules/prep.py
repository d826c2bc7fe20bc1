"""An employer with no role stated: "Kazuhiro Takahashi of Daiwa Securities said", "said Ian Hunter at
Goodbody Stockbrokers in Dublin", "Jean Roe, from the FNSEA farmers' union, told"; "X, who works for
Y"; "ABN Amro's Eddie Wong said"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import possessor_can_be_firm
from cooptool.extract.components.affiliations.roles import is_role_word, role_words_before, valid_role
from cooptool.extract.components.affiliations.words import (
    EMPLOYER_LABELS,
    ORG_DESCRIPTORS_OF,
    POSSESSIVE,
    SPEECH_LEMMAS,
)
from cooptool.extract.lexicon import ORG_DESIGNATORS, ROLE_HEADS
from cooptool.extract.rules import rule


def _past_descriptor(doc: Doc, j: int, end: int, ent_at: dict, pos: tuple[str, ...]) -> int:
    """Past up to three words ending in an organisation noun at token j ("IT firm", "farmers' union")."""
    k = j
    while k < min(j + 3, end) and k not in ent_at and doc[k].pos_ in pos:
        k += 1
    return k if k > j and doc[k - 1].lower_ in ORG_DESCRIPTORS_OF else j


def _org_end(doc: Doc, org: Span, sent: Span, ent_at: dict) -> int:
    """Where the employer's mention ends: past a description ("the FNSEA agricultural union") and a
    place ("at Goodbody Stockbrokers in Dublin")."""
    end = _past_descriptor(doc, org.end, sent.end, ent_at, ("NOUN", "ADJ"))
    place = ent_at.get(end + 1) if end + 1 < sent.end and doc[end].lower_ == "in" else None
    if place is not None and place.label_ in ("GPE", "LOC") and place.start == end + 1:
        end = place.end
    return end


def _employer_after(doc: Doc, person: Span, sent: Span, ent_at: dict) -> tuple[Span, str, bool] | None:
    """The employer named right after "PERSON [,] of|at|from [the] [description]", the preposition
    and whether a comma came first."""
    i = person.end
    comma = i < sent.end and doc[i].text == ","
    if comma:
        i += 1
    if i + 1 >= sent.end or doc[i].lower_ not in ("of", "at", "from"):
        return None
    j = i + 1 + (doc[i + 1].lower_ == "the")
    j = _past_descriptor(doc, j, sent.end, ent_at, ("NOUN", "ADJ", "PROPN"))  # "of IT firm Dimension Data"
    org = ent_at.get(j)
    if org is None or org.start != j or org.label_ not in EMPLOYER_LABELS:
        return None
    return org, doc[i].lower_, comma


def _maybe_venue(doc: Doc, person: Span, prep: str, comma: bool) -> bool:
    """"X at Wembley said" may be a venue; "said X at Nomura", "analyst X at Nomura" not."""
    if prep != "at" or comma:
        return False
    before = doc[person.start - 1] if person.start > 0 else None
    return not (before is not None and (before.lower_ in ("said", "says") or is_role_word(before)))


@rule("affiliation.of_org", confidence=0.6, examples=[
    ("Lars Becker of Meridian Capital Partners said bonds were cheap.",
     {"person": "Lars Becker", "org": "Meridian Capital Partners", "role": None}),
    ("Professor Lin Hao from Eastbridge University said demand would grow.",
     {"person": "Lin Hao", "org": "Eastbridge University", "role": "Professor"}),
])
def of_org(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON [,] of|at|from ORG": an employer with no role stated."""
    doc, ent_at = run.doc, run.ent_at
    found = _employer_after(doc, person, sent, ent_at)
    if found is None:
        return
    org, prep, comma = found
    if prep != "of" and org.label_ != "ORG":
        return  # "at Wembley", "from Monty Python": a place or a work, not an employer
    if _maybe_venue(doc, person, prep, comma):
        return
    end = _org_end(doc, org, sent, ent_at)
    nxt = doc[end] if end < sent.end else None
    if comma:
        ok = nxt is None or nxt.is_punct and nxt.text not in POSSESSIVE
    else:
        ok = nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX")
    if ok:
        run.add(person, org, _title_before(doc, person, sent, ent_at), "affiliation.of_org", sent)


def _next_listed(doc: Doc, person: Span, sent: Span, ent_at: dict) -> Span | None:
    """The next name of a plain list of names after `person` (", B", ", and B", "and B")."""
    i = person.end
    if i < sent.end and doc[i].text == ",":
        i += 1
    if i < sent.end and doc[i].lower_ == "and":
        i += 1
    nxt = ent_at.get(i) if i > person.end else None
    return nxt if nxt is not None and nxt.start == i and nxt.label_ == "PERSON" else None


def _previous_listed(doc: Doc, person: Span, sent: Span, ent_at: dict) -> Span | None:
    """The name before `person` in a plain list of names ("A, B", "A, and B", "A and B")."""
    i = person.start - 1
    if i > sent.start and doc[i].lower_ == "and":
        i -= 1
    if i > sent.start and doc[i].text == ",":
        i -= 1
    prev = ent_at.get(i) if i < person.start - 1 else None
    return prev if prev is not None and prev.end == i + 1 and prev.label_ == "PERSON" else None


def _list_end(neighbour, doc: Doc, person: Span, sent: Span, ent_at: dict) -> tuple[Span, int]:
    """The name a list reaches from `person` by `neighbour` (`_next_listed` or `_previous_listed`, at most
    six steps) and how many names it passed."""
    end, n = person, 0
    while n < 6 and (nxt := neighbour(doc, end, sent, ent_at)) is not None:
        end, n = nxt, n + 1
    return end, n


@rule("affiliation.of_org.listed", confidence=0.6, examples=[
    ("Guests included technical staff members Ma Lin, Zhou Wei, and Gao Yan from the Harbin Garden Office.",
     {"person": "Ma Lin", "org": "Harbin Garden Office", "role": "technical staff members"}),
    ("The prize went to senior engineers Ma Lin and Zhou Wei of the Harbin Garden Office.",
     {"person": "Ma Lin", "org": "Harbin Garden Office", "role": "senior engineers"}),
    # no shared title: the organisation may be the last name's only
    ("Zhou Wei and Gao Yan of the Harbin Garden Office will host the show.", None),
])
def listed_of_org(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"technical staff members A, B, and C from the X Office": every name of a plain list that a plural
    title opens, before "of|from|at ORG", is with that organisation in that post."""
    doc, ent_at = run.doc, run.ent_at
    last, n = _list_end(_next_listed, doc, person, sent, ent_at)
    first, m = _list_end(_previous_listed, doc, person, sent, ent_at)
    if n + m == 0:
        return
    found = _employer_after(doc, last, sent, ent_at)
    if found is None or found[2] or found[0].label_ != "ORG":
        return
    org = found[0]
    end = _org_end(doc, org, sent, ent_at)
    nxt = doc[end] if end < sent.end else None
    if not (nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX")):
        return
    role, j = role_words_before(doc, first.start - 1, sent.start, ent_at, 4)
    if not role or role[-1].tag_ != "NNS" or role[-1].lemma_ not in ROLE_HEADS \
            or j >= sent.start and (j in ent_at or doc[j].lower_ in POSSESSIVE):
        return  # "Cooper and Raddatz of ABC News": with no shared title, the employer may be the last one's
    if valid_role(role):
        run.add(person, org, role, "affiliation.of_org.listed", sent)
    else:  # "technical staff members": the plural title as written
        run.add(person, org, [], "affiliation.of_org.listed", sent, role_text=" ".join(doc[role[0].i:role[-1].i + 1].text.split()))


def _title_before(doc: Doc, person: Span, sent: Span, ent_at: dict) -> list:
    """"Professor Lin Hao from Eastbridge University": a title right before the name, nothing named before
    it, is the role held there."""
    role, j = role_words_before(doc, person.start - 1, sent.start, ent_at, 3)
    if not role or role[-1].lower_ not in ROLE_HEADS or not role[-1].is_title:
        return []
    if j >= sent.start and (j in ent_at or doc[j].lower_ in POSSESSIVE or doc[j].is_title and not doc[j].is_sent_start):
        return []
    return role


@rule("affiliation.works_for", confidence=0.6, examples=[
    ("Mei Chen, who works for Brightpath Media Group, said viewers had changed.",
     {"person": "Mei Chen", "org": "Brightpath Media Group"}),
])
def works_for(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"Lia Moor, who works for Harlow Studio," (no role stated)."""
    doc = run.doc
    i = person.end
    if i + 3 >= sent.end or doc[i].text != "," or doc[i + 1].lower_ != "who" or doc[i + 2].lemma_ != "work":
        return
    j = i + 3
    if doc[j].lower_ not in ("for", "at", "with"):
        return
    j += 1 + (doc[j + 1].lower_ == "the")
    org = run.ent_at.get(j)
    if org is not None and org.start == j and org.label_ in EMPLOYER_LABELS:
        run.add(person, org, [], "affiliation.works_for", sent)


# The nouns that may follow an owned organisation's name inside its noun phrase ("the X team").
_OWNED_KINDS = frozenset({"team", "club", "group", "chain", "company", "firm", "newspaper", "paper", "magazine",
                          "franchise", "business", "label", "brand", "airline", "network", "channel", "station"})


@rule("affiliation.owns", confidence=0.6, examples=[
    ("Mr Pell, who owns the Leeds Harriers rugby club, said the bid was fair.",
     {"person": "Pell", "org": "Leeds Harriers", "role": "owner"}),
    ("Ada Lyle, who now owns Brightpath Media Group, said viewers had changed.",
     {"person": "Ada Lyle", "org": "Brightpath Media Group", "role": "owner"}),
    # a stake, or shares, in a firm is not the firm
    ("Ada Lyle, who owns a stake in Brightpath Media Group, said viewers had changed.", None),
    ("Ada Lyle, who owns shares in Brightpath Media Group, said viewers had changed.", None),
])
def owns(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"Mr Glazer, who owns the X team, ...": the owner of an organisation named right after "who owns
    [the]" (no stake, share or part of it: the name must follow the verb)."""
    doc = run.doc
    j = _after_who_owns(doc, person.end, sent)
    org = run.ent_at.get(j) if j is not None else None
    if org is None or org.start != j or org.label_ not in EMPLOYER_LABELS or org.kb_id_ == person.kb_id_:
        return
    k = org.end
    while k < sent.end and k - org.end < 2 and doc[k].pos_ == "NOUN" and doc[k].is_lower:
        k += 1  # "the Tampa Bay Buccaneers team", "the X rugby club"
    if k < sent.end and k > org.end and doc[k - 1].lower_ not in _OWNED_KINDS | ORG_DESCRIPTORS_OF:
        return
    nxt = doc[k] if k < sent.end else None
    if nxt is None or nxt.is_punct and nxt.text not in POSSESSIVE or nxt.lower_ == "and":
        run.add(person, org, [], "affiliation.owns", sent, role_text="owner")


def _after_who_owns(doc: Doc, i: int, sent: Span) -> int | None:
    """The token after ", who [now] owns [the]" starting at token i, or None when the name is not followed by it."""
    if i + 3 >= sent.end or doc[i].text != "," or doc[i + 1].lower_ != "who":
        return None
    j = i + 2
    if doc[j].lower_ in ("now", "also", "still", "jointly"):
        j += 1
    if doc[j].lower_ not in ("owns", "own", "co-owns"):
        return None
    return j + 1 + (j + 1 < sent.end and doc[j + 1].lower_ == "the")


@rule("affiliation.possessive", confidence=0.6, examples=[
    ("Orion Bank's Daniel Kerr said rates would stay low.", {"person": "Daniel Kerr", "org": "Orion Bank"}),
    ("Rates will stay low for a year, Orion Bank's Daniel Kerr reports.", {"person": "Daniel Kerr", "org": "Orion Bank"}),
])
def possessive_org(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"ABN Amro's Eddie Wong said" (no role stated)."""
    doc = run.doc
    j = person.start - 1
    if j - 1 < sent.start or doc[j].lower_ not in POSSESSIVE:
        return
    org = run.ent_at.get(j - 1)
    if org is None or org.end != j:
        return
    if org.label_ == "PERSON" and not possessor_can_be_firm(doc, org):
        return
    if org.label_ not in EMPLOYER_LABELS + ("PERSON",):
        return
    # Only where the name is plainly someone speaking ("ABN Amro's Eddie Wong said", "said
    # ABN Amro's Eddie Wong,"); "Sony's Playstation Portable is ..." is a product.
    nxt = doc[person.end] if person.end < len(doc) else None
    before = doc[org.start - 1] if org.start > 0 else None
    if (nxt is not None and (nxt.text == "," or nxt.lemma_ in SPEECH_LEMMAS)
            or before is not None and before.lemma_ in SPEECH_LEMMAS):
        run.add(person, org, [], "affiliation.possessive", sent, possessive=True)


@rule("affiliation.owner_possessive", confidence=0.55, examples=[
    ("Steel merger\n\nOrvik Steel was formed when Mr Anand's Sarla Holdings merged with a Dutch firm.",
     {"person": "Anand", "org": "Sarla Holdings", "role": None}),
    ("Steel merger\n\nMr Anand's BBC interview was widely watched.", None),
])
def owner_possessive(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"Mr Mittal's LNM Holdings merged with ...": a company a person is said to have as his own, when
    its name ends on a designator ("Holdings", "Group") and ends its noun phrase (not "Mr Snow's BBC
    interview")."""
    doc = run.doc
    j = person.end
    if j + 1 >= sent.end or doc[j].lower_ not in POSSESSIVE:
        return
    org = run.ent_at.get(j + 1)
    if org is None or org.start != j + 1 or org.label_ != "ORG" or org.kb_id_ == person.kb_id_:
        return
    if org[-1].lower_ not in ORG_DESIGNATORS:
        return  # plainly a company ("LNM Holdings"), not "Mr Brown's Budget", "Massenet's Le Roi de Lahore"
    nxt = doc[org.end] if org.end < sent.end else None
    if nxt is None or nxt.pos_ in ("VERB", "AUX") or nxt.is_punct and nxt.text not in POSSESSIVE:
        run.add(person, org, [], "affiliation.owner_possessive", sent)
