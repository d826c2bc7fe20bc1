"""`cooptool_affiliations`: who holds which role at which organisation.

Runs after `cooptool_entities` and reads its resolved `doc.ents`. Patterns of news wording:

- apposition after the name: "Li Jing, sustainable development officer ... of JA Solar Technology
  Co., Ltd., ..."; "Paul Newsome, an insurance analyst at AG Edwards"; "Ian Smith, Reed Elsevier's
  chief executive, ..."; "Jeremy Vane, NUJ general secretary, said"; "X, who is chairman of Y";
- title before the name: "AmCham China President Michael Hart", "Oxfam senior policy adviser Max
  Lawson", "UK chancellor Gordon Brown", "Microsoft's chairman Bill Gates";
- role before a comma and the name: "The chief executive of Tesco, Terry Leahy, said";
- copula: "Terry Leahy is the chief executive of Tesco", "Ms Tan has been managing director of Y";
- the byline: "Author: staff reporter ZHOU LIN" with "Source: China Today".

A country or government is the organisation only for public offices ("UK chancellor Gordon Brown",
"finance minister of India"), never for "a US lawyer" or "an analyst in London".

Sets `doc._.affiliations`: plain dicts with person/org ids and names, role, evidence sentence,
offsets, pattern and confidence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.entities import entity_index, relabel
from cooptool.extract.components.entity_evidence import party_of
from cooptool.extract.lexicon import (
    COUNTRIES,
    DEMONYM_COUNTRY,
    FEMALE_NAMES,
    GOVERNMENT_TITLES,
    MALE_NAMES,
    ORG_DESIGNATORS,
    PUBLIC_OFFICES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_ORG_PREPS,
)
from cooptool.extract.profiles import status_of_words
from cooptool.extract.records import entity_id

if not Doc.has_extension("affiliations"):
    Doc.set_extension("affiliations", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)

ORG_LABELS = ("ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC")
# Labels that name an employer by themselves (no public office needed); the model often calls
# newspapers WORK_OF_ART and some bodies PRODUCT or FAC.
_EMPLOYER_LABELS = ("ORG", "PRODUCT", "FAC", "WORK_OF_ART")
_STOP_PUNCT = {",", ";", "(", ")", "—", "–", ":", "“", "”", '"', "--"}
_DETS = {"a", "an", "the", "its", "their", "his", "her"}
_POSSESSIVE = {"'s", "’s", "'"}
_CLAUSE_START = {"which", "whose", "that", "where", "when", "said", "says", "told", "added", "and", "but"}
_COPULA_FILLERS = {"now", "also", "currently", "still", "presently", "formerly", "then", "already", "previously"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_ROLE_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "CCONJ", "PART"}
# Nouns that describe an organisation between "of" and its name: "Cara Diemont of IT firm Dimension Data".
_ORG_DESCRIPTORS = frozenset("""firm company group bank consultancy consultants agency broker brokerage insurer
retailer carrier airline maker manufacturer giant body union organisation organization watchdog regulator
charity think-tank newspaper magazine paper website network institute campaign lobby association club""".split())
_SPEECH_LEMMAS = frozenset("""say tell add explain warn note predict argue believe think expect write comment
reckon suggest estimate insist agree claim""".split())
# Titles between a post and a name ("Energy Minister Prince Abdulaziz", "Deputy Prime Minister Mr Prescott").
_NAME_TITLES = frozenset("mr mrs ms dr sir dame lord lady prince princess sheikh king queen".split())
# Departments known by one word: "Treasury minister X" works at the Treasury.
_INSTITUTIONS = frozenset("treasury exchequer pentagon kremlin".split())
_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "ic", "ch", "ian", "ite", "ites", "ist", "ists", "y", "ory", "ories")

CONFIDENCE = {"apposition": 0.9, "title": 0.85, "role-comma": 0.8, "copula": 0.75, "byline": 0.95,
              "of": 0.6, "possessive": 0.6, "government": 0.5, "context": 0.5}
# Company posts that, with no company named, belong to the organisation the article is about.
COMPANY_TITLES = frozenset("""executive officer chairman chairwoman director founder boss spokesman spokeswoman
spokesperson cfo ceo coo""".split())
_NO_ROLE_PATTERNS = ("of", "possessive")


def is_role_word(tok: Token) -> bool:
    low = tok.lower_
    if low == "under" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "secretary":
        return True  # "Treasury Under Secretary"
    if tok.pos_ in ("CCONJ", "ADP", "DET", "PUNCT"):
        return False
    if low in ROLE_HEADS or low in ROLE_MODIFIERS:
        return True
    # "insurance analyst", and title-case portfolios the model left untagged ("Transport Minister")
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and (tok.is_lower or tok.is_title and tok.is_alpha)


_TITLE_PREFIXES = frozenset("co vice ex deputy joint acting under".split())


def _role_words_before(doc: Doc, j: int, stop: int, ent_at: dict, limit: int) -> tuple[list[Token], int]:
    """The run of title words ending at token j (back to `stop`, a name or `limit` words), and the
    index of the token before it."""
    role: list[Token] = []
    while j >= stop and j not in ent_at and is_role_word(doc[j]) and len(role) < limit:
        role.insert(0, doc[j])
        j -= 1
        # "Secretary-General", "Director-General": a hyphen inside a capitalised title ("ex-chief" is not)
        if j - 1 >= stop and doc[j].text == "-" and not doc[j].whitespace_ and not doc[j - 1].whitespace_ \
                and is_role_word(doc[j - 1]) and j - 1 not in ent_at and doc[j - 1].is_title and role[0].is_title:
            role.insert(0, doc[j])
            j -= 1
        # "co-chairman", "vice-chairman", "ex-minister": a prefix joined by a hyphen is part of the title.
        elif j - 1 >= stop and doc[j].text == "-" and not doc[j].whitespace_ and not doc[j - 1].whitespace_ \
                and doc[j - 1].lower_ in _TITLE_PREFIXES and j - 1 not in ent_at:
            role[0:0] = [doc[j - 1], doc[j]]
            j -= 2
        # "Chancellor of the Exchequer", "Envoy for Climate": a capitalised title goes on over "of/for [the]".
        k = j - 1 if j >= stop and doc[j].lower_ == "the" else j
        if role and all(t.is_title for t in role) and k - 1 >= stop and doc[k].lower_ in ("of", "for") \
                and doc[k - 1].is_title and doc[k - 1].lower_ in ROLE_HEADS and len(role) < limit - 2:
            role = list(doc[k:j + 1]) + role
            j = k - 1
    return role, j


def _conjoined_roles(doc: Doc, seg: Span, ent_at: dict) -> list[Span]:
    """"executive director of the X Foundation and Emeritus Professor at the Y School": two roles, each
    with its organisation. The segment splits at an "and" outside a name that a role word follows and
    that has an organisation on both sides; otherwise it is one role."""
    cuts = []
    for t in seg:
        if t.lower_ != "and" or t.i in ent_at or t.i + 1 >= seg.end:
            continue
        nxt = doc[t.i + 1]
        if nxt.i in ent_at or not (nxt.lower_ in ROLE_HEADS | ROLE_MODIFIERS or is_role_word(nxt) and nxt.is_title):
            continue
        left = any(ent_at.get(i) is not None and ent_at[i].label_ in _EMPLOYER_LABELS
                   for i in range(cuts[-1] if cuts else seg.start, t.i))
        right = any(ent_at.get(i) is not None and ent_at[i].label_ in _EMPLOYER_LABELS for i in range(t.i + 1, seg.end))
        if left and right:
            cuts.append(t.i)
    if not cuts:
        return [seg]
    bounds = [seg.start, *cuts, seg.end]
    return [doc[bounds[k] + (1 if k else 0):bounds[k + 1]] for k in range(len(bounds) - 1)]


def _is_portfolio(org: Span, role: list[Token]) -> bool:
    """"Justice" in "Justice Minister": a name-like ORG with no designator before a cabinet title."""
    if not role or role[-1].lower_ not in GOVERNMENT_TITLES:
        return False
    if org.label_ in ("GPE", "NORP") and org.text in _UK_NATIONS and role[-1].lower_ == "secretary" and len(role) == 1:
        return True  # "Wales Secretary": a UK cabinet post, not a post of Wales ("Welsh First Minister")
    # The model also calls portfolios NORP ("Culture Secretary") or WORK_OF_ART ("Constitutional
    # Affairs Secretary"); a nationality ("Welsh", "Turkish") is not one.
    name_like = org.label_ in ("ORG", "WORK_OF_ART") or (
        org.label_ == "NORP" and not org.text.lower().endswith(_DEMONYM_ENDINGS + ("sh",)))
    if not name_like:
        return False
    if party_of(org.text):
        return False  # "Tory shadow chancellor": a party, not a portfolio
    if org.text.lower() in _INSTITUTIONS:
        return False  # "Treasury Under Secretary": a department, not a portfolio
    words = [t for t in org if not t.is_punct]
    if any(t.is_upper and len(t) > 1 for t in words):
        return False  # an acronym is an organisation ("DTI minister")
    return not any(t.lower_ in ORG_DESIGNATORS for t in words)


# More nouns that say what an organisation is: "US investment bank X", "the London-based think tank X".
_MORE_ORG_DESCRIPTORS = frozenset("""tank stockbroker lender supermarket chain publisher operator provider utility
carmaker automaker conglomerate fund house outfit broadcaster tabloid daily weekly exporter importer distributor
miner builder partnership consortium federation council foundation trust""".split())


def _is_org_descriptor(tok: Token) -> bool:
    low = tok.lower_
    known = _ORG_DESCRIPTORS | _MORE_ORG_DESCRIPTORS
    return tok.pos_ == "NOUN" and (low in known or tok.lemma_ in known or low.rsplit("-", 1)[-1] in known)


def org_description_start(doc: Doc, org_start: int, floor: int, ent_at: dict) -> int | None:
    """Where a description of an organisation begins right before its name, when a preposition (and
    maybe a determiner) opens it: "Sheffield-based consulting group" in "director of Sheffield-based
    consulting group MEPS", "US investment bank" in "analyst at US investment bank X". The description
    says what the organisation is; it is not part of anyone's role."""
    j = org_start - 1
    based = _based_start(doc, j, floor, ent_at)
    if based is not None:
        j = based  # "executive director of the Brussels-based University Foundation"
    elif j < floor or j in ent_at or not _is_org_descriptor(doc[j]):
        return None
    while j - 1 >= floor:
        tok, span = doc[j - 1], ent_at.get(j - 1)
        if span is not None:
            if span.label_ not in ("GPE", "NORP", "LOC") or span.start < floor:
                break
            j = span.start  # "US investment bank", "Swiss bank"
        elif tok.lower_ not in ROLE_ORG_PREPS | _DETS and (
                tok.pos_ in ("NOUN", "ADJ", "PROPN", "NUM") and not tok.is_title and not tok.is_upper
                or tok.text == "-" and not tok.whitespace_ or tok.lower_ == "based"):
            j -= 1
        else:
            break
    k = j - 1
    if k >= floor and doc[k].lower_ in _DETS:
        k -= 1
    return j if k >= floor and doc[k].lower_ in ROLE_ORG_PREPS else None


def _possessor_can_be_firm(doc: Doc, span: Span) -> bool:
    """"ABN Amro's Eddie Wong said": the model may call the firm a person. It is taken for a firm only
    when nothing says person: no given name first, no honorific before it, named once."""
    words = span.text.split()
    if words[0].lower().split("-")[0] in MALE_NAMES | FEMALE_NAMES:
        return False
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _NAME_TITLES:
        return False
    return sum(1 for e in doc.ents if e.kb_id_ == span.kb_id_) == 1


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


def is_place_or_people(span: Span) -> bool:
    """A country/city, or a nationality ("French"); the model's NORP also catches firms ("Oxfam")."""
    if span.label_ == "GPE":
        return True
    return span.label_ == "LOC" or span.label_ == "NORP" and span.text.lower().endswith(_DEMONYM_ENDINGS)


def role_heads(role: list[Token]) -> set[str]:
    return {t.lower_ for t in role if t.lower_ in ROLE_HEADS}


class AffiliationExtractor:
    def __init__(self, nlp: Language, name: str, max_segment_tokens: int = 40):
        self.name = name
        self.max_segment_tokens = max_segment_tokens

    def __call__(self, doc: Doc) -> Doc:
        ents = entity_index(doc)
        ent_at: dict[int, Span] = {}

        def index_ents() -> None:
            ent_at.clear()
            for span in doc.ents:
                for i in range(span.start, span.end):
                    ent_at[i] = span

        index_ents()
        found: dict[tuple[str, str], dict] = {}

        def add(person: Span, org: Span, role_tokens: list[Token], pattern: str, sent: Span,
                possessive: bool = False) -> None:
            if role_tokens and org.start > 0 and role_tokens[-1].i == org.start - 1:
                # "director of Sheffield-based consulting group MEPS": the role is "director".
                described = org_description_start(doc, org.start, role_tokens[0].i, ent_at)
                if described is not None:
                    role_tokens = [t for t in role_tokens if t.i < described]
            toks = _strip_role(role_tokens)
            if not _valid_role(toks) and not (pattern in _NO_ROLE_PATTERNS and not toks):
                return
            if is_place_or_people(org) and not possessive and not role_heads(toks) & PUBLIC_OFFICES:
                return  # "US lawyer X" is a nationality, not an employer; "Spain's director X" is not
            if org.label_ == "ORG" and org.start >= 0 and all(t.lower_ in ROLE_MODIFIERS | ROLE_HEADS for t in org):
                return  # "Shadow Home Secretary": the "organisation" is part of the title
            if org.label_ == "PERSON":
                # "an analyst at Carter Hollis", "Ryanair chief executive X": the model called the firm a person.
                if relabel(doc, org.kb_id_, "ORG") is None:
                    return
                ents.update(entity_index(doc))
                index_ents()
                org = ent_at[org.start]
                person = ent_at[person.start]
            country = _state_of_nationality(org, toks)
            if country:
                # "Finnish Prime Minister X", "Chinese Ambassador Y": the post is the country's government's,
                # not the adjective's ("Chancellor — German" was no organisation anyone can query).
                gov = self._government_of(doc, ents, country)
                if org.text not in gov["aliases"]:
                    gov["aliases"].append(org.text)
                if toks and org.end == toks[0].i:
                    toks = [*org, *toks]  # "Welsh First Minister": the role as written
                org = _Pseudo(gov["id"], org.start_char, org.end_char)
            p, o = ents.get(person.kb_id_), ents.get(org.kb_id_)
            if p is None or o is None or p["label"] != "PERSON" or p["id"] == o["id"]:
                return
            role = " ".join(doc[toks[0].i:toks[-1].i + 1].text.split()) if toks else None
            rec = {
                "person": p["name"], "person_id": p["id"], "role": role, "org": o["name"], "org_id": o["id"],
                "org_aliases": o["aliases"], "evidence": sent.text.strip(),
                "start": sent.start_char + (len(sent.text) - len(sent.text.lstrip())),
                "end": sent.end_char - (len(sent.text) - len(sent.text.rstrip())),
                "person_start": person.start_char, "person_end": person.end_char,
                "org_start": org.start_char, "org_end": org.end_char, "pattern": pattern,
                "confidence": CONFIDENCE[pattern], "status": _status(doc, toks, org, person, sent),
            }
            key = (p["id"], o["id"])
            old = found.get(key)
            if old is None or (rec["confidence"], len(role or "")) > (old["confidence"], len(old["role"] or "")):
                found[key] = rec

        for span in list(doc.ents):
            if span.label_ != "PERSON":
                continue
            span = ent_at.get(span.start, span)  # relabelling may have replaced the span objects
            if span.label_ != "PERSON":
                continue
            sent = span.sent
            for pattern in (self._apposition, self._title_before, self._role_comma, self._copula,
                            self._of_org, self._possessive_org, self._works_for):
                pattern(doc, span, sent, ent_at, add)

        # Cabinet titles with no government named ("Education Secretary Ruth Kelly"): the government
        # of the country the article is about, when it clearly has one.
        placed = {r["person_id"] for r in found.values()}
        governments: dict[str, dict | bool] = {}
        for span in list(doc.ents):
            if span.label_ != "PERSON" or ents.get(span.kb_id_, {}).get("id") in placed:
                continue
            role = (self._bare_title(doc, span, ent_at) or self._bare_apposition(doc, span, ent_at)
                    or self._bare_role_comma(doc, span, ent_at))
            post = government_post(role) if role else None
            if not post:
                continue
            named = _demonym_country(role)  # "Welsh First Minister": the role names the government
            if (post, named) not in governments:
                governments[post, named] = (self._government_of(doc, ents, named) if named
                                            else self._government_entity(doc, ents, post)) or False
                index_ents()
            government = governments[post, named]
            if government:
                person = ent_at.get(span.start, span)
                gov_span = _Pseudo(government["id"], *government["mentions"][0][:2]) if government["mentions"] else \
                    _Pseudo(government["id"], None, None)
                add(person, gov_span, role, "government", person.sent, possessive=True)
                placed.add(ents.get(person.kb_id_, {}).get("id"))

        # Company titles with no company named ("chief operating officer Peter Chernin said"): the
        # organisation the article is plainly about, when one dominates it.
        main_org = None
        for span in list(doc.ents):
            if span.label_ != "PERSON" or ents.get(span.kb_id_, {}).get("id") in placed:
                continue
            role = self._bare_company_title(doc, span, ent_at) or self._bare_company_apposition(doc, span, ent_at)
            if not role:
                continue
            if main_org is None:
                main_org = self._dominant_org(ents) or False
            if main_org:
                person = ent_at.get(span.start, span)
                first = main_org["mentions"][0] if main_org["mentions"] else [None, None]
                add(person, _Pseudo(main_org["id"], first[0], first[1]), role, "context", person.sent,
                    possessive=True)
                placed.add(ents.get(person.kb_id_, {}).get("id"))

        out = sorted(found.values(), key=lambda r: (r["person_start"], r["org_start"] or 0))
        out += self._byline(doc, ents)
        doc._.affiliations = out
        return doc

    # "PERSON, [a|the] ROLE of|at ORG," / "PERSON, ORG's ROLE," / "PERSON, ORG ROLE," / "PERSON, who is ROLE of ORG"
    def _apposition(self, doc, person, sent, ent_at, add):
        i = person.end
        if i >= sent.end or doc[i].text != ",":
            return
        start = i + 1
        # "X, 66, chairman of Y" — an age between name and role.
        if start + 1 < sent.end and doc[start].like_num and doc[start + 1].text == ",":
            start += 2
        if start < sent.end and doc[start].lower_ == "who":
            j = start + 1
            while j < sent.end and (doc[j].lemma_ in ("be", "become", "remain") or doc[j].lower_ in _COPULA_FILLERS):
                j += 1
            if j == start + 1:
                return
            start = j
        seg = self._segment(doc, start, sent, ent_at)
        if seg is None:
            return
        others = {ent_at[t.i].start for t in seg if ent_at.get(t.i) is not None and ent_at[t.i].label_ == "PERSON"
                  and ent_at[t.i].kb_id_ != person.kb_id_}
        if any(k > seg.start and doc[k - 1].lower_ not in ROLE_ORG_PREPS | _DETS and is_role_word(doc[k - 1])
               for k in others):
            return  # "Guterres, Finnish Prime Minister Sanna Marin, and ...": a list of people, not a role
            # ("an analyst at Carter Hollis", the firm tagged PERSON, is still a role)
        for part in _conjoined_roles(doc, seg, ent_at):
            self._role_then_org(doc, person, part, ent_at, add, "apposition", sent)

    def _role_then_org(self, doc, person, seg, ent_at, add, pattern, sent):
        toks = [t for t in seg if not t.is_space]
        while toks and toks[0].lower_ in _DETS:
            toks.pop(0)
        if not toks or toks[0].lower_ in _CLAUSE_START:
            return
        first = ent_at.get(toks[0].i)
        later = self._choose_org(doc, seg, ent_at, person)
        if later is not None and first is not None and later.start > first.start and later.label_ in _EMPLOYER_LABELS:
            first = None  # "UK economist for Capital Economics": the firm, not the country
        if first is not None and first.label_ in ORG_LABELS + ("PERSON",) and first.kb_id_ != person.kb_id_:
            after = first.end
            # "ORG's ROLE" / "ORG ROLE" (the organisation first: "NUJ general secretary", "BBC Delhi reporter")
            possessive = after < seg.end and doc[after].lower_ in _POSSESSIVE
            if possessive:
                after += 1
            role = [t for t in toks if t.i >= after]
            if role and (role[0].is_lower or role[0].lower_ in ROLE_HEADS | ROLE_MODIFIERS
                         or ent_at.get(role[0].i) is not None and ent_at[role[0].i].label_ in ("GPE", "LOC")):
                if first.label_ != "PERSON" or not possessive:
                    add(person, first, _cut_at_clause(role), pattern, sent, possessive=possessive)
                return
        org = later
        if org is None or org.start <= toks[0].i:
            return
        role = [t for t in toks if t.i < org.start]
        # "director of the research department at Renmin University's Chongyang Institute": the unit
        # is the organisation ("the parent's unit", as written); a possessor that is not an
        # organisation ("Britain's ...") is left alone.
        if org.start >= 2 and doc[org.start - 1].lower_ in _POSSESSIVE:
            parent = ent_at.get(org.start - 2)
            if parent is None or parent.label_ not in _EMPLOYER_LABELS:
                return
            role = [t for t in role if t.i < parent.start]
        if self._joined(doc, role, org):
            # "an economist at Natexis Banques Populaires": after "at"/"with" a place-labelled name is a firm.
            employer = org.label_ in ("GPE", "LOC") and doc[org.start - 1].lower_ in ("at", "with")
            add(person, org, role, pattern, sent, possessive=employer)

    # "ORG [’s] ROLE [Mr] PERSON"
    def _title_before(self, doc, person, sent, ent_at, add):
        j = person.start - 1
        while j >= sent.start and doc[j].lower_.rstrip(".") in _NAME_TITLES:
            j -= 1
        if j < sent.start:
            return
        last = j
        role, j = _role_words_before(doc, j, sent.start, ent_at, 7)
        # The title ends on a role word, or is "Chancellor of the Exchequer", "Envoy for Climate".
        if doc[last].lower_ not in ROLE_HEADS and not any(t.lower_ in ("of", "for") for t in role):
            return
        possessive = j >= sent.start and doc[j].lower_ in _POSSESSIVE
        if possessive:
            j -= 1
        org = ent_at.get(j)
        if org is None or org.kb_id_ == person.kb_id_:
            return
        if org.label_ == "PERSON" and (possessive or len(org) > 1):
            return  # "Blair's chief of staff": an aide; "Michael Howard and ...": a person, not a firm
        if (not possessive and org.label_ in ("GPE", "LOC", "NORP") and org.start - 2 >= sent.start
                and doc[org.start - 1].lower_ in _POSSESSIVE and ent_at.get(org.start - 2) is not None
                and ent_at[org.start - 2].label_ in ORG_LABELS):
            # "Britain's Europe director X", "Microsoft's Asia president X": the place is the post's
            # region; the possessor is the organisation.
            role = list(org) + role
            org = ent_at[org.start - 2]
            possessive = True
        elif not possessive and _is_portfolio(org, role):
            # "Irish Transport Minister X": the portfolio is part of the title; look before it.
            role = list(org) + role
            j = org.start - 1
            possessive = j >= sent.start and doc[j].lower_ in _POSSESSIVE
            if possessive:
                j -= 1
            org = ent_at.get(j)
            if org is None or org.label_ not in ORG_LABELS:
                return
        if org.label_ in ORG_LABELS or org.label_ == "PERSON":
            add(person, org, role, "title", sent, possessive=possessive)

    # "[The] ROLE of ORG, PERSON," / "ORG's ROLE, PERSON,"
    def _role_comma(self, doc, person, sent, ent_at, add):
        j = person.start - 1
        if j <= sent.start or doc[j].text != ",":
            return
        # The noun phrase before the comma: back over names, nouns, adjectives and "of/for/'s".
        k = j - 1
        while k >= sent.start and (k in ent_at or doc[k].pos_ in _ROLE_PHRASE_POS or doc[k].lower_ in _POSSESSIVE):
            k -= 1
        toks = [t for t in doc[k + 1:j] if not t.is_space]
        while toks and (toks[0].lower_ in _DETS or toks[0].pos_ == "ADP"):
            toks.pop(0)
        if not toks:
            return
        # "ORG's ROLE, PERSON", also at the end of a longer phrase ("adviser to the IMF's managing
        # director, Rodrigo Rato": the possessor nearest the name is the organisation).
        for tok in reversed(toks):
            owner = ent_at.get(tok.i)
            if owner is not None and owner.end < j and doc[owner.end].lower_ in _POSSESSIVE:
                role = [t for t in toks if t.i > owner.end]
                at_start = owner.start == toks[0].i  # "Spain's director general for Europe, X"
                if owner.label_ in ORG_LABELS and role and (at_start or all(is_role_word(t) for t in role)):
                    add(person, owner, role, "role-comma", sent, possessive=True)
                    return
                break
        first = ent_at.get(toks[0].i)
        if first is not None and first.label_ in ORG_LABELS and first.end < j and ent_at.get(toks[-1].i) is None:
            add(person, first, [t for t in toks if t.i >= first.end], "role-comma", sent)  # "Turkish economics minister"
            return
        org = ent_at.get(toks[-1].i)
        if org is None or org.label_ not in ORG_LABELS:
            return
        role = [t for t in toks if t.i < org.start]
        if role and role[0].is_lower and self._joined(doc, role, org):
            add(person, org, role, "role-comma", sent)

    # "PERSON is|was|has been|became [now] the ROLE of ORG"
    def _copula(self, doc, person, sent, ent_at, add):
        i = person.end
        seen_be = False
        while i < sent.end and i - person.end < 4:
            tok = doc[i]
            if tok.lemma_ in ("be", "become", "remain") and tok.pos_ in ("AUX", "VERB"):
                seen_be = True
            elif not (tok.lemma_ in ("have", "will", "would") or tok.lower_ in _COPULA_FILLERS):
                break
            i += 1
        if not seen_be:
            return
        seg = self._segment(doc, i, sent, ent_at)
        if seg is not None:
            self._role_then_org(doc, person, seg, ent_at, add, "copula", sent)

    @staticmethod
    def _bare_title(doc, person, ent_at) -> list[Token] | None:
        """A cabinet title right before the name with no organisation before it."""
        start = person.sent.start
        j = person.start - 1
        while j > start and doc[j].lower_.rstrip(".") in _NAME_TITLES:
            j -= 1  # "Deputy Prime Minister Mr Prescott"
        role, j = _role_words_before(doc, j, start, ent_at, 6)
        portfolio = ent_at.get(j)
        if role and portfolio is not None and _is_portfolio(portfolio, role):
            more, j = _role_words_before(doc, portfolio.start - 1, start, ent_at, 3)
            role = more + list(portfolio) + role  # "Lifelong Learning Minister", "Chief Treasury Secretary"
        if role and j - 1 >= start and doc[j].lower_ == "and" and role[0].is_title and doc[j - 1].is_title:
            more, k = _role_words_before(doc, j - 1, start, ent_at, 3)
            if more:
                role, j = more + [doc[j]] + role, k  # "Work and Pensions Secretary"
        post = government_post(role) if role else None
        if not post:
            return None
        if post == "president" and j >= start and (doc[j].is_upper or doc[j].is_title) and doc[j].is_alpha \
                and doc[j].lower_ not in ("the", "former", "ex"):
            return None  # "SMFG President X": a name the model missed, most likely the firm
        if j >= person.sent.start and (j in ent_at or doc[j].lower_ in _POSSESSIVE):
            return None  # an organisation or country is named: the title patterns decide
        if j >= person.sent.start and (doc[j].lower_ in ("former", "ex", "ex-", "shadow")
                                       or doc[j].text == "-" and doc[j - 1].lower_ == "ex"):
            return None  # "Former Cabinet minister X", "ex-minister X": a past post
        return role

    def _bare_apposition(self, doc, person, ent_at) -> list[Token] | None:
        """"X, the home secretary, said", "X, chancellor of the exchequer, ...", "X, a government
        spokesman, said": a public post in apposition with no organisation or place named."""
        sent = person.sent
        if person.end >= sent.end or doc[person.end].text != ",":
            return None
        seg = self._segment(doc, person.end + 1, sent, ent_at)
        if seg is None or seg.end >= sent.end or doc[seg.end].text not in (",", ".", "-", "–", "—", ";"):
            return None
        toks = [t for t in seg if not t.is_space]
        while toks and (toks[0].lower_ in _DETS or toks[0].lower_ == "then"):
            toks.pop(0)
        if not toks or any(t.i in ent_at for t in toks):
            return None
        # Role words, then for a cabinet title maybe "of state for education", "of the exchequer".
        k = 0
        while k < len(toks) and is_role_word(toks[k]):
            k += 1
        if k == 0 or toks[k - 1].lower_ not in ROLE_HEADS:
            return None
        if k < len(toks):
            if toks[k - 1].lower_ not in GOVERNMENT_TITLES or toks[k].lower_ not in ("of", "for"):
                return None
            if not all(t.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "CCONJ") for t in toks[k:]):
                return None
        return toks

    @staticmethod
    def _bare_role_comma(doc, person, ent_at) -> list[Token] | None:
        """"The chief government spokesman, X, said": a public post before a comma and the name."""
        sent, j = person.sent, person.start - 1
        if j <= sent.start or doc[j].text != ",":
            return None
        role, k = _role_words_before(doc, j - 1, sent.start, ent_at, 6)
        post = government_post(role) if role else None
        if not post:
            return None
        if k >= sent.start and (k in ent_at or doc[k].lower_ in _POSSESSIVE
                                or doc[k].lower_ in ("former", "ex", "ex-", "shadow")):
            return None
        if k >= sent.start and doc[k].lower_ not in ("the", "a", "an") and not doc[k].is_punct:
            return None  # the post opens its noun phrase: "The Home Secretary, X, said"
        return role

    def _bare_company_apposition(self, doc, person, ent_at) -> list[Token] | None:
        """"Patrick Cescau, the UK-based co-chairman, will ...": a company title in apposition, nothing
        named (a place the post is based in aside)."""
        sent = person.sent
        if person.end >= sent.end or doc[person.end].text != ",":
            return None
        seg = self._segment(doc, person.end + 1, sent, ent_at)
        if seg is None or seg.end >= sent.end or doc[seg.end].text not in (",", ".", ";"):
            return None
        toks = [t for t in seg if not t.is_space]
        while toks and toks[0].lower_ in _DETS:
            toks.pop(0)
        # "UK-based", "London-based": where the post is, not who it is with
        if len(toks) >= 3 and toks[1].text == "-" and toks[2].lower_ == "based":
            toks = toks[3:]
        if not toks or any(t.i in ent_at for t in toks) or not all(t.is_lower or t.text == "-" for t in toks):
            return None
        words = [t for t in toks if t.text != "-"]
        if not all(is_role_word(t) or t.lower_ == "co" for t in words) or words[-1].lower_ not in COMPANY_TITLES:
            return None
        return toks

    @staticmethod
    def _bare_company_title(doc, person, ent_at) -> list[Token] | None:
        """A company title ("chief executive", "finance director") right before the name, nothing named."""
        role, j = _role_words_before(doc, person.start - 1, person.sent.start, ent_at, 5)
        if not role or role[-1].lower_ not in COMPANY_TITLES or not all(t.is_lower for t in role):
            return None
        if j >= person.sent.start and (j in ent_at or doc[j].lower_ in _POSSESSIVE):
            return None  # an organisation is named: the title patterns decide
        return role

    @staticmethod
    def _dominant_org(ents) -> dict | None:
        """The organisation with the most mentions, at least 3 and twice any other's."""
        orgs = sorted((e for e in ents.values() if e["label"] == "ORG" and e["mentions"]),
                      key=lambda e: -len(e["mentions"]))
        if not orgs or len(orgs[0]["mentions"]) < 3:
            return None
        if len(orgs) > 1 and len(orgs[0]["mentions"]) < 2 * len(orgs[1]["mentions"]):
            return None
        return orgs[0]

    @staticmethod
    def _government_entity(doc, ents, title: str) -> dict | None:
        """The government a bare cabinet title belongs to, as an entity, when the article makes it clear.

        "Secretary" and "Chancellor" as bare titles are British usage: the UK government, if the
        article mentions the UK at all or plainly reads as British politics (parties, Westminster, the
        Commons), unless it reads more as American politics. "Minister" and "government" posts: the
        country the article mentions most (at least twice and half again as often as any other, the
        signs of British politics counting for the UK), else nothing.
        """
        counts: dict[str, int] = {}
        for e in ents.values():
            if e["label"] in ("GPE", "NORP"):
                country = COUNTRIES.get(e["name"].lower()) or ("UK" if e["name"].lower() == "british" else None)
                if country:
                    counts[country] = counts.get(country, 0) + max(1, len(e["mentions"]))
        uk_signs, us_signs = politics_signs(doc_text(doc))
        top_country = max(counts, key=counts.get) if counts else None
        devolved = top_country in ("Scotland", "Wales") and counts[top_country] >= 2  # its own ministers
        if uk_signs >= 2 and uk_signs > us_signs and not devolved:
            # Parties, Westminster, the Commons, the NHS: British politics, named or not.
            counts["UK"] = counts.get("UK", 0) + uk_signs
        if title == "prime minister" and uk_signs >= 2 and uk_signs > us_signs and not devolved:
            # "Prime Minister Tony Blair" in a story of British politics (Downing Street, the parties),
            # even when the story is about another country (Iraq).
            country = "UK"
        elif title == "president":
            # A head of state: only in an article plainly about one country (international stories
            # name several presidents; a firm's "President X" appears in business news).
            ranked = sorted(((k, v) for k, v in counts.items()), key=lambda kv: -kv[1])
            second = ranked[1][1] if len(ranked) > 1 else 0
            ok = ranked and ranked[0][1] >= 3 and ranked[0][1] >= 3 * second and ranked[0][0] != "UK"
            country = ranked[0][0] if ok else None
        elif title in ("secretary", "chancellor"):
            us_usage = us_signs > uk_signs and counts.get("US", 0) + us_signs > counts.get("UK", 0) + uk_signs
            # A chancellor in Scotland or Wales is still the UK's (they have none of their own).
            home = counts.get("UK", 0) + (sum(counts.get(n, 0) for n in ("Scotland", "Wales", "England",
                                                                         "Northern Ireland"))
                                          if title == "chancellor" else 0)
            chancellors = {k: counts.get(k, 0) for k in ("Germany", "Austria")}
            if home and not us_usage and sum(chancellors.values()) < home:
                country = "UK"
            else:
                # A chancellor in a story about Germany or Austria heads that government.
                top, n = max(chancellors.items(), key=lambda kv: kv[1])
                other = min(chancellors.values())
                country = top if title == "chancellor" and n >= 2 and n > 2 * other and n > home else None
        else:
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            top = ranked[0] if ranked else None
            second = ranked[1][1] if len(ranked) > 1 else 0
            country = top[0] if top and top[1] >= 2 and top[1] >= 1.5 * second else None
        return AffiliationExtractor._government_of(doc, ents, country) if country else None

    @staticmethod
    def _government_of(doc, ents, country: str) -> dict:
        """The "<country> government" entity, added to the document's entities if new."""
        name = f"{country} government"
        eid = entity_id("ORG", name)
        if eid in ents:
            return ents[eid]
        aliases = [country] + (["government"] if "government" in doc_text(doc).lower() else [])
        entity = {"id": eid, "name": name, "label": "ORG", "aliases": aliases, "mentions": []}
        doc._.entities.append(entity)
        ents[eid] = entity
        return entity

    # "Kazuhiro Takahashi of Daiwa Securities said", "said Ian Hunter at Goodbody Stockbrokers in Dublin",
    # "Jean Roe, from the FNSEA farmers' union, told" (no role stated)
    def _of_org(self, doc, person, sent, ent_at, add):
        i = person.end
        comma = i < sent.end and doc[i].text == ","
        if comma:
            i += 1
        if i + 1 >= sent.end or doc[i].lower_ not in ("of", "at", "from"):
            return
        prep = doc[i].lower_
        j = i + 1
        if doc[j].lower_ == "the":
            j += 1
        # "of IT firm Dimension Data", "of consultancy Capital Economics"
        k = j
        while k < min(j + 3, sent.end) and k not in ent_at and doc[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            k += 1
        if k > j and doc[k - 1].lower_ in _ORG_DESCRIPTORS:
            j = k
        org = ent_at.get(j)
        if org is None or org.start != j or org.label_ not in _EMPLOYER_LABELS:
            return
        if prep != "of" and org.label_ != "ORG":
            return  # "at Wembley", "from Monty Python": a place or a work, not an employer
        if prep == "at" and not comma and not (person.start > 0 and (
                doc[person.start - 1].lower_ in ("said", "says") or is_role_word(doc[person.start - 1]))):
            return  # "X at Wembley said" may be a venue; "said X at Nomura", "analyst X at Nomura" not
        end = org.end
        # "the FNSEA agricultural union": a description after the name
        k = end
        while k < min(end + 3, sent.end) and doc[k].pos_ in ("NOUN", "ADJ") and k not in ent_at:
            k += 1
        if k > end and doc[k - 1].lower_ in _ORG_DESCRIPTORS:
            end = k
        # "at Goodbody Stockbrokers in Dublin": a place after the firm
        if end + 1 < sent.end and doc[end].lower_ == "in" and ent_at.get(end + 1) is not None \
                and ent_at[end + 1].label_ in ("GPE", "LOC") and ent_at[end + 1].start == end + 1:
            end = ent_at[end + 1].end
        nxt = doc[end] if end < sent.end else None
        if comma:
            ok = nxt is None or nxt.is_punct and nxt.text not in _POSSESSIVE
        else:
            ok = nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX")
        if ok:
            add(person, org, [], "of", sent)

    # "Tong Tong, who works for iQIYI Gimbal Studio," (no role stated)
    def _works_for(self, doc, person, sent, ent_at, add):
        i = person.end
        if i + 3 >= sent.end or doc[i].text != "," or doc[i + 1].lower_ != "who" or doc[i + 2].lemma_ != "work":
            return
        j = i + 3
        if doc[j].lower_ not in ("for", "at", "with"):
            return
        j += 1 + (doc[j + 1].lower_ == "the")
        org = ent_at.get(j)
        if org is not None and org.start == j and org.label_ in _EMPLOYER_LABELS:
            add(person, org, [], "of", sent)

    # "ABN Amro's Eddie Wong said" (no role stated)
    def _possessive_org(self, doc, person, sent, ent_at, add):
        j = person.start - 1
        if j - 1 < sent.start or doc[j].lower_ not in _POSSESSIVE:
            return
        org = ent_at.get(j - 1)
        if org is None or org.end != j:
            return
        if org.label_ == "PERSON" and not _possessor_can_be_firm(doc, org):
            return
        if org.label_ not in _EMPLOYER_LABELS + ("PERSON",):
            return
        # Only where the name is plainly someone speaking ("ABN Amro's Eddie Wong said", "said
        # ABN Amro's Eddie Wong,"); "Sony's Playstation Portable is ..." is a product.
        nxt = doc[person.end] if person.end < len(doc) else None
        before = doc[org.start - 1] if org.start > 0 else None
        speaking = (nxt is not None and (nxt.text == "," or nxt.lemma_ in _SPEECH_LEMMAS)
                    or before is not None and before.lemma_ in _SPEECH_LEMMAS)
        if speaking:
            add(person, org, [], "possessive", sent, possessive=True)

    def _segment(self, doc, start, sent, ent_at) -> Span | None:
        """Tokens up to the next comma, dash, bracket or finite verb outside a name."""
        end = start
        while end < sent.end and end - start < self.max_segment_tokens:
            tok = doc[end]
            if end not in ent_at:
                if tok.text in _STOP_PUNCT or (tok.is_space and "\n" in tok.text):
                    break
                if tok.text in ("-", "–") and end > 0 and doc[end - 1].whitespace_:
                    break  # a spaced dash opens an aside; "longest-serving" does not
                if tok.tag_ in _FINITE_TAGS and end > start:
                    break
            end += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return doc[start:end] if end > start else None

    @staticmethod
    def _choose_org(doc, seg: Span, ent_at, person: Span) -> Span | None:
        """The organisation of a role phrase: the last ORG; a party before the title beats a place after
        it ("Labour MP for Hornsey"); a country only if nothing better; a "PERSON" after "at" is a firm."""
        spans = []
        for tok in seg:
            span = ent_at.get(tok.i)
            if span is not None and span.end <= seg.end and (not spans or spans[-1] is not span):
                if not spans or spans[-1].start != span.start:
                    spans.append(span)
        orgs = [s for s in spans if s.label_ in _EMPLOYER_LABELS]
        places = [s for s in spans if s.label_ in ("GPE", "NORP")]
        if orgs:
            last = orgs[-1]
            if places and places[-1].start > last.start and doc[places[-1].start - 1].lower_ == "for":
                return last  # "MP for a constituency": keep the party
            return last
        if places:
            return places[-1]
        for span in spans:
            # "an analyst at [stockbroker] X": a prepositional employer, maybe described first.
            after_prep = (org_description_start(doc, span.start, seg.start, ent_at) is not None
                          or span.start > seg.start and doc[span.start - 1].lower_ in ("at", "of", "for", "with"))
            if (span.label_ == "PERSON" and span.kb_id_ != person.kb_id_ and after_prep
                    and span.end == seg.end):
                return span
        return None

    @staticmethod
    def _joined(doc, role: list[Token], org: Span) -> bool:
        """The role reaches its organisation by a preposition or directly ("... Greater China Dell")."""
        toks = [t for t in role if not t.is_space]
        if not toks:
            return False
        last = toks[-1]
        while last.lower_ in _DETS and last.i > toks[0].i:
            last = doc[last.i - 1]
        return last.lower_ in ROLE_ORG_PREPS or (last.i == org.start - 1 and not last.is_punct)

    def _byline(self, doc: Doc, ents: dict) -> list[dict]:
        meta = doc._.meta or {}
        if not (meta.get("author") and meta.get("source")):
            return []
        def at(span, name):
            # By position first: an alias file may have renamed the entity.
            for e in ents.values():
                if span and any(m[0] == span[0] and m[1] == span[1] for m in e["mentions"]):
                    return e
            return next((e for e in ents.values() if e["name"] == name), None)

        person = at(meta.get("author_span"), meta["author"])
        org = at(meta.get("source_span"), meta["source"])
        if person is not None and person["label"] != "PERSON":
            person = None
        if person is None or org is None:
            return []
        s, e = meta.get("byline_span") or (None, None)
        # Metadata of a JSON Lines row names the author without a place in the text.
        ps, pe = meta.get("author_span") or (None, None)
        os_, oe = meta.get("source_span") or (None, None)
        return [{
            "person": person["name"], "person_id": person["id"], "role": meta.get("author_role") or "author",
            "org": org["name"], "org_id": org["id"], "org_aliases": org["aliases"],
            "evidence": meta.get("byline_text"), "start": s, "end": e,
            "person_start": ps, "person_end": pe, "org_start": os_, "org_end": oe,
            "pattern": "byline", "confidence": CONFIDENCE["byline"], "status": "current",
        }]


def _status(doc, toks: list[Token], org, person: Span, sent: Span) -> str:
    """current / former / incoming: the role's words, and the three words before a title that
    comes first ("former WorldCom chief X", "the newly appointed chief executive X")."""
    words = [t.text for t in toks]
    first = min([t.i for t in toks] + ([org.start] if 0 <= org.start < person.start else []), default=None)
    if first is not None and first < person.start:
        words += [t.text for t in doc[max(sent.start, first - 3):first]]
    else:  # "X, the former chief executive": between the name and the role
        words += [t.text for t in doc[person.end:toks[0].i]] if toks and toks[0].i > person.end else []
    return status_of_words(words)


class _Pseudo:
    """Stands in for an organisation span when the organisation is inferred, not written."""

    label_ = "ORG"

    def __init__(self, kb_id: str, start_char: int | None, end_char: int | None):
        self.kb_id_, self.start_char, self.end_char = kb_id, start_char, end_char
        self.start = self.end = -1

    def __iter__(self):
        return iter(())


# UK nations whose "Secretary" sits in the UK cabinet ("Wales Secretary", "Scottish Secretary").
_UK_NATIONS = frozenset({"Wales", "Scotland", "Northern Ireland", "Welsh", "Scottish"})


def _demonym_country(role: list[Token]) -> str | None:
    """The country a nationality inside a title names: "Welsh First Minister", "Irish Transport Minister"."""
    words = [t.lower_ for t in role]
    pairs = [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]  # "South Korean"
    country = next((DEMONYM_COUNTRY[w] for w in pairs + words if w in DEMONYM_COUNTRY), None)
    if country in ("Wales", "Scotland") and [t.lower_ for t in role][-2:] in (["welsh", "secretary"],
                                                                              ["scottish", "secretary"]):
        return "UK"  # "Welsh Secretary": the UK cabinet's secretary of state for Wales
    return country


# Posts that belong to a state, so that a nationality before them names its government.
_STATE_POSTS = frozenset("""president vice-president president-elect premier minister secretary chancellor
ambassador envoy consul""".split())


def _state_of_nationality(org, role: list[Token]) -> str | None:
    """The country whose government holds the post, when the "organisation" is a nationality adjective
    ("Welsh First Minister" -> Wales; "Welsh Secretary" -> the UK's)."""
    if not hasattr(org, "text") or org.label_ not in ("NORP", "LOC", "GPE", "ORG"):
        return None
    if " ".join(org.text.lower().split()) not in DEMONYM_COUNTRY or not any(t.lower_ in _STATE_POSTS for t in role):
        return None
    before = [org.doc[org.start - 1]] if org.start > 0 else []
    if any(t.lower_ in ("shadow", "former", "ex") for t in [*before, *role]):
        return None  # a party's post, or no longer the government's
    return _demonym_country([*org, *role])


def government_post(role: list[Token]) -> str | None:
    """The kind of public post a role with no government named is: "secretary", "chancellor" or
    "minister" for a cabinet title ("Education Secretary", "chancellor of the exchequer", "minister
    for Europe"), "government" for a government post ("chief government spokesman"), else None.
    Opposition and past posts ("shadow", "former") are not the government's."""
    words = [t.lower_ for t in role]
    if not words or any(w in ("shadow", "former", "ex", "ex-") or party_of(w) for w in words):
        return None  # "Conservative local government spokeswoman": a party's post
    tail = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
    head = words[tail - 1] if tail > 0 else ""
    if head in GOVERNMENT_TITLES:
        if tail >= 2 and words[tail - 2] in ("general", "under", "assistant", "press", "permanent", "private"):
            return None  # a union's "general secretary"; "Under Secretary", "press secretary": not cabinet posts
        if head == "minister" and tail >= 2 and words[tail - 2] == "prime":
            return "prime minister"
        return head
    if head == "president" and role[tail - 1].is_title and tail <= 2 and (tail == 1 or words[0] == "vice"):
        return "president"  # "President Nestor Kirchner": a head of state, not a company's president
    government = next((i for i, w in enumerate(words[:tail]) if w == "government"), None)
    if government is not None and (government == 0 or words[government - 1] != "local") and head in PUBLIC_OFFICES:
        # "a government spokesman"; "local government spokesman" names a portfolio, not the employer
        return "government"
    return None


# Signs that an article is about British politics when it never names the UK, and signs that it
# is about American politics ("Education Secretary" is a US title too). Distinct signs are counted.
_UK_POLITICS = tuple(re.compile(p) for p in (
    r"\bWestminster\b", r"\bDowning Street\b", r"\bWhitehall\b", r"\b(?:House of |the )Commons\b",
    r"\bNHS\b", r"\b(?:Number|No) 10\b", r"\bTor(?:y|ies)\b", r"\b(?:Lib Dems?|Liberal Democrats?)\b",
    r"\bConservatives?\b", r"\bLabour\b", r"\bMPs\b", r"\b(?:House of|the) Lords\b", r"\bBritish\b",
))
_US_POLITICS = tuple(re.compile(p) for p in (
    r"\bCongress(?:ional)?\b", r"\bSenate\b", r"\bSenators?\b", r"\bWhite House\b", r"\bRepublicans?\b",
    r"(?<!Lib )(?<!Liberal )\bDemocrats\b", r"\bCapitol Hill\b", r"\bPentagon\b", r"\bAmerican\b",
))


def politics_signs(text: str) -> tuple[int, int]:
    """How many distinct signs of British and of American politics a text shows."""
    return sum(1 for p in _UK_POLITICS if p.search(text)), sum(1 for p in _US_POLITICS if p.search(text))


def _cut_at_clause(role: list[Token]) -> list[Token]:
    """A role after "ORG" ends where a clause or a further phrase begins."""
    out = []
    for t in role:
        if t.tag_ in _FINITE_TAGS or t.lower_ in ("who", "which", "that"):
            break
        out.append(t)
    return out


def _strip_role(role: list[Token]) -> list[Token]:
    toks = [t for t in role if not t.is_space]
    while toks and (toks[-1].lower_ in ROLE_ORG_PREPS or toks[-1].lower_ in _DETS or toks[-1].is_punct
                    or toks[-1].lower_ in _POSSESSIVE):
        toks.pop()
    while toks and (toks[0].lower_ in _DETS or toks[0].is_punct):
        toks.pop(0)
    return toks


def _valid_role(toks: list[Token]) -> bool:
    if not toks or len(toks) > 25:
        return False
    if not any(t.lower_ in ROLE_HEADS for t in toks):
        return False
    # A clause is not a role: no verbs but gerunds ("managing director").
    return not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" and t.lower_ not in ROLE_HEADS | ROLE_MODIFIERS
                   for t in toks)


@Language.factory("cooptool_affiliations", default_config={"max_segment_tokens": 40}, requires=["doc.ents", "doc._.entities", "token.dep", "token.tag"], assigns=["doc._.affiliations", "doc.ents"])
def make_affiliation_extractor(nlp: Language, name: str, max_segment_tokens: int) -> AffiliationExtractor:
    return AffiliationExtractor(nlp, name, max_segment_tokens)
