"""Organisations around a role: descriptions before a name ("US investment bank X"), portfolios that
look like organisations ("Justice Minister"), nationalities that stand for a government, and which
name of a role phrase is the employer."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.affiliations.words import (
    DETS,
    EMPLOYER_LABELS,
    INSTITUTIONS,
    NAME_TITLES,
    ORG_DESCRIPTORS,
    STATE_POSTS,
    UK_NATIONS,
    ends_like_demonym,
)
from cooptool.extract.components.context import context_of
from cooptool.extract.components.entity_evidence import party_of
from cooptool.extract.lexicon import (
    DEMONYM_COUNTRY,
    FEMALE_NAMES,
    GOVERNMENT_TITLES,
    MALE_NAMES,
    ORG_DESIGNATORS,
    ROLE_ORG_PREPS,
)


class Pseudo:
    """Stands in for an organisation span when the organisation is inferred, not written."""

    label_ = "ORG"

    def __init__(self, kb_id: str, start_char: int | None, end_char: int | None):
        self.kb_id_, self.start_char, self.end_char = kb_id, start_char, end_char
        self.start = self.end = -1

    def __iter__(self):
        return iter(())


def is_place_or_people(span: Span) -> bool:
    """A country/city, or a nationality ("French"); the model's NORP also catches firms ("Oxfam")."""
    if span.label_ == "GPE":
        return True
    return span.label_ == "LOC" or span.label_ == "NORP" and ends_like_demonym(span.text.lower())


_UK_SIGNS = lexicon.where("politics_signs", 1, "UK")
# Words before "secretary" that make it a post of the body named before it, not a cabinet portfolio.
_NOT_A_CABINET_TITLE = frozenset({"general", "press", "permanent", "private", "assistant"})


def is_labour_portfolio(tok: Token) -> bool:
    """"Labour Minister X" in a story about another country's government (another country named, no
    sign of British politics but the word itself): the labour portfolio, not the UK party."""
    doc = tok.doc
    if tok.text not in ("Labour", "Labor") or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in GOVERNMENT_TITLES:
        return False
    text = re.sub(r"\bLabou?r\b", "", doc.text)
    if any(re.search(p, text) for p in _UK_SIGNS):
        return False
    from cooptool.extract.aliases import countries_named

    return bool(countries_named([text]) - {"UK"})


def is_portfolio(org: Span, role: list[Token]) -> bool:
    """"Justice" in "Justice Minister": a name-like ORG with no designator before a cabinet title."""
    if not role or role[-1].lower_ not in GOVERNMENT_TITLES:
        return False
    if len(org) == 1 and org.end == role[0].i and is_labour_portfolio(org[0]):
        return True
    if len(role) >= 2 and role[-2].lower_ in _NOT_A_CABINET_TITLE:
        return False  # "Unite general secretary", "White House press secretary": the body's own post
    if org.label_ in ("GPE", "NORP") and org.text in UK_NATIONS and role[-1].lower_ == "secretary" and len(role) == 1:
        return True  # "Wales Secretary": a UK cabinet post, not a post of Wales ("Welsh First Minister")
    if not _name_like(org):
        return False
    if party_of(org.text):
        return False  # "Tory shadow chancellor": a party, not a portfolio
    if org.text.lower() in INSTITUTIONS:
        return False  # "Treasury Under Secretary": a department, not a portfolio
    words = [t for t in org if not t.is_punct]
    if any(t.is_upper and len(t) > 1 for t in words):
        return False  # an acronym is an organisation ("DTI minister")
    return not any(t.lower_ in ORG_DESIGNATORS for t in words)


def _name_like(org: Span) -> bool:
    """The model also calls portfolios NORP ("Culture Secretary") or WORK_OF_ART ("Constitutional
    Affairs Secretary"); a nationality ("Welsh", "Turkish") is not one."""
    return org.label_ in ("ORG", "WORK_OF_ART") or (
        org.label_ == "NORP" and not ends_like_demonym(org.text.lower(), "sh"))


def is_org_descriptor(tok: Token) -> bool:
    low = tok.lower_
    known = ORG_DESCRIPTORS
    return tok.pos_ == "NOUN" and (low in known or tok.lemma_ in known or low.rsplit("-", 1)[-1] in known)


def _based_start(doc: Doc, j: int, floor: int, ent_at: dict) -> int | None:
    """Where "Brussels-based" / "Beijing-based" ends at token j: the first token of the place."""
    if j - 2 < floor or doc[j].lower_ != "based" or doc[j - 1].text != "-" or doc[j - 1].whitespace_:
        return None
    k = j - 2
    span = ent_at.get(k)
    if span is not None and span.label_ in ("GPE", "LOC", "NORP", "ORG") and span.start >= floor:
        return span.start
    while k - 1 >= floor and doc[k - 1].is_title and (k - 1) not in ent_at:
        k -= 1  # a place the model left untagged
    return k if doc[k].is_title or doc[k].is_upper else None


def _description_word(tok: Token) -> bool:
    """A word inside an organisation's description: "Sheffield-based consulting", "investment"."""
    return tok.lower_ not in ROLE_ORG_PREPS | DETS and (
        tok.pos_ in ("NOUN", "ADJ", "PROPN", "NUM") and not tok.is_title and not tok.is_upper
        or tok.text == "-" and not tok.whitespace_ or tok.lower_ == "based")


def org_description_start(doc: Doc, org_start: int, floor: int, ent_at: dict) -> int | None:
    """Where a description of an organisation begins right before its name, when a preposition (and
    maybe a determiner) opens it: "Sheffield-based consulting group" in "director of Sheffield-based
    consulting group MEPS", "US investment bank" in "analyst at US investment bank X". The description
    says what the organisation is; it is not part of anyone's role."""
    j = org_start - 1
    based = _based_start(doc, j, floor, ent_at)
    if based is not None:
        j = based  # "executive director of the Brussels-based University Foundation"
    elif j < floor or j in ent_at or not is_org_descriptor(doc[j]):
        return None
    while j - 1 >= floor:
        span = ent_at.get(j - 1)
        if span is not None:
            if span.label_ not in ("GPE", "NORP", "LOC") or span.start < floor:
                break
            j = span.start  # "US investment bank", "Swiss bank"
        elif _description_word(doc[j - 1]):
            j -= 1
        else:
            break
    k = j - 1
    if k >= floor and doc[k].lower_ in DETS:
        k -= 1
    return j if k >= floor and doc[k].lower_ in ROLE_ORG_PREPS else None


def possessor_can_be_firm(doc: Doc, span: Span) -> bool:
    """"ABN Amro's Eddie Wong said": the model may call the firm a person. It is taken for a firm only
    when nothing says person: no given name first, no honorific before it, named once."""
    words = span.text.split()
    if words[0].lower().split("-")[0] in MALE_NAMES | FEMALE_NAMES:
        return False
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in NAME_TITLES:
        return False
    return sum(1 for e in context_of(doc).ents if e.kb_id_ == span.kb_id_) == 1


def _spans_in(seg: Span, ent_at: dict) -> list[Span]:
    """The entity spans of a segment that end inside it, once each, in order."""
    spans: list[Span] = []
    for tok in seg:
        span = ent_at.get(tok.i)
        if span is not None and span.end <= seg.end and (not spans or spans[-1] is not span):
            if not spans or spans[-1].start != span.start:
                spans.append(span)
    return spans


def _described_place(doc: Doc, seg: Span, spans: list[Span], ent_at: dict) -> Span | None:
    """"president of Swedish telecom giant Ericsson China", "CEO of Shenzhen-based drone maker SkyLark": a
    name the model called a place or a person, ending the phrase after a description of a firm, is the
    employer (the nationality or the base only describes it)."""
    last = spans[-1] if spans else None
    if last is None or last.label_ not in ("GPE", "LOC", "PERSON") or last.end != seg.end:
        return None
    return last if org_description_start(doc, last.start, seg.start, ent_at) is not None else None


def choose_org(doc: Doc, seg: Span, ent_at: dict, person: Span) -> Span | None:
    """The organisation of a role phrase: the last employer; a country only if nothing better
    ("Labour MP for Hornsey" keeps the party); a "PERSON" after "at" is a firm."""
    spans = _spans_in(seg, ent_at)
    orgs = [s for s in spans if s.label_ in EMPLOYER_LABELS]
    if orgs:
        return orgs[-1]
    described = _described_place(doc, seg, spans, ent_at)
    if described is not None:
        return described
    places = [s for s in spans if s.label_ in ("GPE", "NORP")]
    if places:
        return places[-1]
    for span in spans:
        # "an analyst at [stockbroker] X": a prepositional employer, maybe described first.
        if span.label_ != "PERSON" or span.kb_id_ == person.kb_id_ or span.end != seg.end:
            continue
        if (org_description_start(doc, span.start, seg.start, ent_at) is not None
                or span.start > seg.start and doc[span.start - 1].lower_ in ("at", "of", "for", "with")):
            return span
    return None


# Units a body keeps "under" it ("the institute under the NDRC").
_UNITS = frozenset({"institute", "department", "bureau", "center", "centre", "academy", "school", "office",
                    "laboratory", "lab", "division", "administration", "agency"})


def joined(doc: Doc, role: list[Token], org: Span) -> bool:
    """The role reaches its organisation by a preposition or directly ("... Greater China Dell")."""
    toks = [t for t in role if not t.is_space]
    if not toks:
        return False
    last = toks[-1]
    while last.lower_ in DETS and last.i > toks[0].i:
        last = doc[last.i - 1]
    if last.lower_ == "under" and any(t.lower_ in _UNITS for t in toks):
        return True  # "head of the energy institute under the NDRC": the unit's parent body
    return last.lower_ in ROLE_ORG_PREPS or (last.i == org.start - 1 and not last.is_punct)


def demonym_country(role: list[Token]) -> str | None:
    """The country a nationality inside a title names: "Welsh First Minister", "Irish Transport Minister"."""
    words = [t.lower_ for t in role]
    pairs = [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]  # "South Korean"
    country = next((DEMONYM_COUNTRY[w] for w in pairs + words if w in DEMONYM_COUNTRY), None)
    if country in ("Wales", "Scotland") and words[-2:] in (["welsh", "secretary"], ["scottish", "secretary"]):
        return "UK"  # "Welsh Secretary": the UK cabinet's secretary of state for Wales
    return country


def state_of_nationality(org, role: list[Token]) -> str | None:
    """The country whose government holds the post, when the "organisation" is a nationality adjective
    ("Welsh First Minister" -> Wales; "Welsh Secretary" -> the UK's)."""
    if not hasattr(org, "text") or org.label_ not in ("NORP", "LOC", "GPE", "ORG"):
        return None
    if " ".join(org.text.lower().split()) not in DEMONYM_COUNTRY or not any(t.lower_ in STATE_POSTS for t in role):
        return None
    before = [org.doc[org.start - 1]] if org.start > 0 else []
    if any(t.lower_ == "shadow" for t in [*before, *role]):
        return None  # a party's post ("former" posts were the government's: the record's status says so)
    return demonym_country([*org, *role])


def is_portfolio_nationality(org, role: list[Token]) -> bool:
    """"minister for European affairs": a nationality adjective after "for"/"of" that follows a state
    post is the post's portfolio, not its organisation."""
    if not role or not hasattr(org, "doc") or org.label_ != "NORP" or org.start <= role[-1].i:
        return False
    return org.doc[org.start - 1].lower_ in ("for", "of") and any(t.lower_ in STATE_POSTS for t in role)


def nationality_in_role(role: list[Token]) -> str | None:
    """"former Irish minister": the country a nationality adjective inside a state post names."""
    if any(t.lower_ == "shadow" for t in role):
        return None
    return next((DEMONYM_COUNTRY[t.lower_] for t in role if t.lower_ in DEMONYM_COUNTRY), None)
