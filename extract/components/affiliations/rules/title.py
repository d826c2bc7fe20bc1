"""A title before the name: "ORG ['s] ROLE [Mr] PERSON" ("AmCham China President Michael Hart", "UK
chancellor Gordon Brown", "Microsoft's chairman Bill Gates"), and a role before a comma and the name:
"[The] ROLE of ORG, PERSON," / "ORG's ROLE, PERSON,"."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import Pseudo, is_portfolio, joined
from cooptool.extract.components.affiliations.roles import is_role_word, role_words_before
from cooptool.extract.components.affiliations.words import (
    DETS,
    ENVOY_HEADS,
    NAME_TITLES,
    ORG_LABELS,
    POSSESSIVE,
    ROLE_PHRASE_POS,
    ROLE_WORDS,
)
from cooptool.extract.components.entities.names import REFERENCE_HEADS
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule


def _possessor_at(doc: Doc, j: int, sent: Span) -> tuple[int, bool]:
    """Step back over a possessive mark at token j: (the index before it, whether there was one)."""
    possessive = j >= sent.start and doc[j].lower_ in POSSESSIVE
    return (j - 1 if possessive else j), possessive


def _region_of_owner(ent_at: dict, org: Span, sent: Span) -> Span | None:
    """"Britain's Europe director X", "Microsoft's Asia president X": the place is the post's
    region; the possessor before it is the organisation."""
    doc = org.doc
    if org.label_ not in ("GPE", "LOC", "NORP") or org.start - 2 < sent.start or doc[org.start - 1].lower_ not in POSSESSIVE:
        return None
    owner = ent_at.get(org.start - 2)
    return owner if owner is not None and owner.label_ in ORG_LABELS else None


def _titled_words_before(doc: Doc, j: int, start: int, ent_at: dict) -> tuple[list[Token], int]:
    """`role_words_before`, also over a name the model made of title words ("Special Coordinator")."""
    role, k = role_words_before(doc, j, start, ent_at, 7)
    ent = ent_at.get(k) if k >= start else None
    if ent is not None and ent.end == k + 1 and ent.label_ != "PERSON" and all(t.lower_ in ROLE_WORDS for t in ent):
        more, k = role_words_before(doc, ent.start - 1, start, ent_at, 3)
        role = more + list(ent) + role
    return role, k


def _named_portfolio(doc: Doc, j: int, start: int, ent_at: dict) -> tuple[list[Token], int] | None:
    """"Deputy Special Coordinator for the Middle East Peace Process X": a title whose portfolio after
    "for"/"of" is a name the model tagged; the whole title and the index of the token before it."""
    end = j
    while j > end - 3 and j >= start and j not in ent_at and doc[j].is_title and doc[j].is_alpha:
        j -= 1  # "... Peace Process": the model's name may stop short of the portfolio's last words
    ent = ent_at.get(j) if j >= start else None
    if ent is None or ent.label_ == "PERSON" or ent.end != j + 1:
        return None
    j = end
    k = ent.start - 1
    if k >= start and doc[k].lower_ == "the":
        k -= 1
    if k - 1 < start or doc[k].lower_ not in ("for", "of"):
        return None
    role, before = _titled_words_before(doc, k - 1, start, ent_at)
    if not role or not role[-1].is_title or role[-1].lower_ not in ROLE_HEADS:
        return None
    return role + list(doc[k:j + 1]), before


def _title_words(doc: Doc, person: Span, sent: Span, ent_at: dict) -> tuple[list[Token], int] | None:
    """The title right before the name (past "Mr", "Prince") and the index of the token before it,
    when it ends on a role word or is "Chancellor of the Exchequer", "Envoy for Climate"."""
    j = person.start - 1
    while j >= sent.start and doc[j].lower_.rstrip(".") in NAME_TITLES:
        j -= 1
    if j < sent.start:
        return None
    named = _named_portfolio(doc, j, sent.start, ent_at)
    if named is not None:
        return named
    last = j
    role, j = role_words_before(doc, j, sent.start, ent_at, 7)
    if doc[last].lower_ not in ROLE_HEADS and not any(t.lower_ in ("of", "for") for t in role):
        return None
    return role, j


@rule("affiliation.title", confidence=0.85, examples=[
    ("Oxbridge Analytics senior economist Ravi Menon said prices would rise.",
     {"person": "Ravi Menon", "role": "senior economist", "org": "Oxbridge Analytics"}),
    ("Brantley Group's chairman Victor Ames said the chain would grow.",
     {"person": "Victor Ames", "role": "chairman", "org": "Brantley Group"}),
    # "general secretary", "press secretary": the post of the body before it, not a cabinet portfolio
    ("The Unite union said workers should rest. Unite general secretary John Hale added that the days were special.",
     {"person": "John Hale", "role": "general secretary", "org": "Unite"}),
    # a title whose portfolio after "for the" is a name
    ("Oxfam Director for the Middle East Region Sara Lind said the risk was imminent.",
     {"person": "Sara Lind", "role": "Director for the Middle East Region", "org": "Oxfam"}),
])
def title_before(run: AffiliationRun, person: Span, sent: Span) -> None:
    """A title, with its organisation first, right before the name."""
    found = _titled_org(run, person, sent)
    if found is not None:
        run.add(person, found[0], found[1], "affiliation.title", sent, possessive=found[2])


@rule("affiliation.title.listed", confidence=0.75, examples=[
    ("Election\n\nThe US presidential candidates Tom Hale and Ann Pike debated on Monday.",
     {"person": "Ann Pike", "org": "US", "role": "presidential candidates"}),
    ("Tour news\n\nOxbridge Analytics senior economists Ravi Menon and Ann Pike said prices would rise.",
     {"person": "Ann Pike", "org": "Oxbridge Analytics", "role": "senior economists"}),
    # one title before a list: it is the first name's only
    ("Oxbridge Analytics senior economist Ravi Menon and Ann Pike said prices would rise.", None),
])
def title_listed(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"US presidential candidates A and B", "Y senior economists A, B and C": a plural title before a
    plain list of names is each listed name's post."""
    from cooptool.extract.components.affiliations.rules.prep import _list_end, _previous_listed

    first, m = _list_end(_previous_listed, run.doc, person, sent, run.ent_at)
    if m == 0:
        return
    found = _titled_org(run, first, sent)
    if found is None or not found[1] or found[1][-1].tag_ != "NNS":
        return
    run.add(person, found[0], found[1], "affiliation.title.listed", sent, possessive=found[2])


def _titled_org(run: AffiliationRun, person: Span, sent: Span) -> tuple[Span, list[Token], bool] | None:
    """The organisation and title written right before the name, and whether a possessive joins them."""
    doc, ent_at = run.doc, run.ent_at
    found = _title_words(doc, person, sent, ent_at)
    if found is None:
        return None
    role, j = found
    j, possessive = _possessor_at(doc, j, sent)
    org = ent_at.get(j)
    if org is None or org.kb_id_ == person.kb_id_:
        return None
    if org.label_ == "PERSON" and (possessive or len(org) > 1):
        return None  # "Blair's chief of staff": an aide; "Michael Howard and ...": a person, not a firm
    owner = None if possessive else _region_of_owner(ent_at, org, sent)
    if owner is not None:
        role, org, possessive = list(org) + role, owner, True
    elif not possessive and is_portfolio(org, role):
        # "Irish Transport Minister X": the portfolio is part of the title; look before it.
        role = list(org) + role
        j, possessive = _possessor_at(doc, org.start - 1, sent)
        org = ent_at.get(j)
        if org is None or org.label_ not in ORG_LABELS:
            return None
    if org.label_ in ORG_LABELS or org.label_ == "PERSON":
        return org, role, possessive
    return None


def _headed_by(words: list[str], head: str) -> bool:
    """"... Commission", "Ministry of ...", "National Bureau of ...": the name's head word is `head`."""
    return words[-1] == head or any(w == head and words[k + 1] in ("of", "for") for k, w in enumerate(words[:-1]))


def _org_with_head(run: AffiliationRun, head: str, before: int) -> dict | None:
    """The one organisation named in full before `before` (a character offset) whose name opens or
    ends with `head` ("Ministry of Commerce", "National Bureau of Statistics" for "Bureau")."""
    owners = []
    for e in run.ents.values():
        words = e["name"].lower().split()
        if e["label"] == "ORG" and len(words) >= 2 and _headed_by(words, head) \
                and any(m[0] < before for m in e["mentions"]):
            owners.append(e)
    return owners[0] if len(owners) == 1 else None


@rule("affiliation.title.short_head", confidence=0.7, examples=[
    ("The Ministry of Commerce said on Thursday the talks were useful. Ministry spokesperson Lu Wenjie said "
     "more talks would follow.", {"person": "Lu Wenjie", "org": "Ministry of Commerce", "role": "Ministry spokesperson"}),
    ("The National Bureau of Statistics said prices rose. Bureau spokeswoman Fu Lanying said demand was firm.",
     {"person": "Fu Lanying", "org": "National Bureau of Statistics", "role": "Bureau spokeswoman"}),
    # two councils named: whose leader is unclear
    ("Harlow District Council and Leeds City Council met. Council leader Ann Pike said so.", None),
])
def place_short_head_titles(run: AffiliationRun, placed: set[str]) -> None:
    """"Ministry spokesperson X" after "the Ministry of Commerce": a title opened by the head word of an
    organisation the story named in full before, and only one such; for people no other rule placed."""
    for span in run.unplaced_people(placed):
        person = run.ent_at.get(span.start, span)
        if _short_head_title(run, person, person.sent):
            placed.add(run.ents.get(person.kb_id_, {}).get("id"))


def _short_head_title(run: AffiliationRun, person: Span, sent: Span) -> bool:
    doc, ent_at = run.doc, run.ent_at
    found = _title_words(doc, person, sent, ent_at)
    if found is None:
        return False
    role, j = found
    if j >= sent.start and (j in ent_at or doc[j].lower_ in POSSESSIVE or not (doc[j].is_punct or doc[j].lower_ in DETS)):
        return False  # an organisation, or other words, before the title: the other patterns decide
    if len(role) < 2 or not role[0].is_title or role[0].lower_ not in REFERENCE_HEADS:
        return False
    owner = _org_with_head(run, role[0].lower_, sent.start_char)
    if owner is None or owner["id"] == person.kb_id_:
        return False
    first = owner["mentions"][0][:2]
    run.add(person, Pseudo(owner["id"], *first), role, "affiliation.title.short_head", sent, possessive=True)
    return True


@rule("affiliation.title.envoy_to", confidence=0.8, examples=[
    ("Chinese Ambassador to the US Zhao Lanfang said ties were stable.",
     {"person": "Zhao Lanfang", "org": "China government", "role": "Chinese Ambassador to the US"}),
    ("Norway's Permanent Representative to the United Nations Kari Holm urged restraint.",
     {"person": "Kari Holm", "role": "Permanent Representative to the United Nations"}),
    ("China's former ambassador to the US Li Ming spoke at the forum.",
     {"person": "Li Ming", "org": "China", "role": "former ambassador to the US"}),
    ("The letter to Pakistan Ali Raza read was short.", None),
])
def envoy_to(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"Chinese Ambassador to the US X", "Norway's Permanent Representative to the UN X": an envoy's
    title, with the country it is sent to inside it, right before the name; the post is the sending
    country's (its nationality or possessor before the title)."""
    doc, ent_at = run.doc, run.ent_at
    host = ent_at.get(person.start - 1)
    if host is None or host.label_ not in ("GPE", "LOC", "ORG") or host.start - 1 <= sent.start:
        return
    k = host.start - 1 - (doc[host.start - 1].lower_ == "the")
    if k <= sent.start or doc[k].lower_ != "to":
        return
    role, j = role_words_before(doc, k - 1, sent.start, ent_at, 4)
    titled = ent_at.get(k - 1)
    if not role and titled is not None and titled.label_ not in ("NORP", "GPE", "LOC", "PERSON"):
        role, j = _titled_words_before(doc, k - 1, sent.start, ent_at)  # "Permanent Representative" tagged
    # an envoy's head may be lower case: "Chinese ambassador to the US X", "China's former ambassador to the UN X"
    if not role or role[-1].lower_ not in ROLE_HEADS or not (role[-1].is_title or role[-1].lower_ in ENVOY_HEADS):
        return
    j, possessive = _possessor_at(doc, j, sent)
    sender = ent_at.get(j)
    if sender is not None and sender.label_ in ("NORP", "GPE") and sender.kb_id_ != host.kb_id_:
        run.add(person, sender, role + list(doc[k:host.end]), "affiliation.title.envoy_to", sent, possessive=possessive)


def _phrase_before_comma(doc: Doc, j: int, sent: Span, ent_at: dict) -> list[Token]:
    """The noun phrase before the comma at j: back over names, nouns, adjectives and "of/for/'s"."""
    k = j - 1
    while k >= sent.start and (k in ent_at or doc[k].pos_ in ROLE_PHRASE_POS or doc[k].lower_ in POSSESSIVE):
        k -= 1
    toks = [t for t in doc[k + 1:j] if not t.is_space]
    while toks and (toks[0].lower_ in DETS or toks[0].pos_ == "ADP"):
        toks.pop(0)
    return toks


def _possessor_role(doc: Doc, toks: list[Token], j: int, ent_at: dict) -> tuple[Span, list[Token]] | None | bool:
    """"ORG's ROLE, PERSON", also at the end of a longer phrase ("adviser to the IMF's managing
    director, Rodrigo Rato": the possessor nearest the name is the organisation). The owner and the
    role; False when a possessor is there but makes no role; None when there is none."""
    for tok in reversed(toks):
        owner = ent_at.get(tok.i)
        if owner is not None and owner.end < j and doc[owner.end].lower_ in POSSESSIVE:
            role = [t for t in toks if t.i > owner.end]
            # "Spain's director general for Europe, X"; "the presence of China's deputy minister of science, X"
            at_start = owner.start == toks[0].i or owner.start > toks[0].i and doc[owner.start - 1].pos_ == "ADP"
            if owner.label_ in ORG_LABELS and role and (at_start or all(is_role_word(t) for t in role)):
                return owner, role
            return False
    return None


@rule("affiliation.role_comma", confidence=0.8, examples=[
    ("The chief executive of Norland Freight, Erik Lund, said demand was weak.",
     {"person": "Erik Lund", "role": "chief executive", "org": "Norland Freight"}),
    # a possessor after a preposition opens the role phrase; a "minister of X" works at the "Ministry of X"
    ("The Ministry of Water Resources held a forum. It drew the presence of Kenya's deputy minister of water "
     "resources, Ann Otieno, who spoke.",
     {"person": "Ann Otieno", "role": "deputy minister of water resources", "org": "Ministry of Water Resources"}),
])
def role_comma(run: AffiliationRun, person: Span, sent: Span) -> None:
    """A role before a comma and the name."""
    doc, ent_at = run.doc, run.ent_at
    j = person.start - 1
    if j <= sent.start or doc[j].text != ",":
        return
    toks = _phrase_before_comma(doc, j, sent, ent_at)
    if not toks:
        return
    owned = _possessor_role(doc, toks, j, ent_at)
    if owned:
        run.add(person, owned[0], owned[1], "affiliation.role_comma", sent, possessive=True)
        return
    found = _org_first(toks, j, ent_at) or _org_last(doc, toks, ent_at)
    if found is not None:
        run.add(person, found[0], found[1], "affiliation.role_comma", sent)


def _description_before(doc: Doc, first: Span, sent: Span, ent_at: dict) -> int | None:
    """"..., the Welsh shipping magnates TJ Rhys": the comma before a description (a determiner, then
    lower-case words or a nationality, ending on a noun) that runs up to the name; None when there is none."""
    k = first.start - 1
    if k > sent.start and k not in ent_at and doc[k].is_upper and doc[k].is_alpha and len(doc[k]) <= 3:
        k -= 1  # "TJ Rhys": initials the model left out of the name
    if k <= sent.start or not (doc[k].pos_ == "NOUN" and doc[k].is_lower) or k in ent_at:
        return None
    while k > sent.start and (doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ") and k not in ent_at
                              or k in ent_at and ent_at[k].label_ == "NORP"):
        k -= 1
    if doc[k].lower_ not in ("the", "a", "an") or k - 1 <= sent.start or doc[k - 1].text != ",":
        return None
    return k - 1


@rule("affiliation.role_comma.listed", confidence=0.7, examples=[
    ("The bid needs the support of Norland Freight's largest shareholders, the Irish bankers Sean Dunne and "
     "Mary Kehoe.", {"person": "Mary Kehoe", "role": "largest shareholders", "org": "Norland Freight"}),
    ("The bid needs the support of Norland Freight's largest shareholders, the Irish bankers Sean Dunne and "
     "Mary Kehoe.", {"person": "Sean Dunne", "role": "largest shareholders", "org": "Norland Freight"}),
    # one post before a list of names: it is the first name's only
    ("Norland Freight's chief executive, Erik Lund, and Ann Pike spoke.", None),
])
def role_comma_listed(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"Y's largest shareholders, the Irish tycoons A and B": an organisation's post (plural for a list of
    names) before a comma, maybe a description, and the name or a list of names."""
    from cooptool.extract.components.affiliations.rules.prep import _list_end, _next_listed, _previous_listed

    doc, ent_at = run.doc, run.ent_at
    first, m = _list_end(_previous_listed, doc, person, sent, ent_at)
    _, n = _list_end(_next_listed, doc, person, sent, ent_at)
    j = _description_before(doc, first, sent, ent_at)
    if j is None:
        if m + n == 0 or first.start - 1 <= sent.start or doc[first.start - 1].text != ",":
            return  # one name right after the comma: `role_comma`
        j = first.start - 1
    toks = _phrase_before_comma(doc, j, sent, ent_at)
    owned = _possessor_role(doc, toks, j, ent_at) if toks else None
    if not owned:
        return
    org, role = owned
    if m + n and (role[-1].tag_ != "NNS" or role[-1].lemma_ not in ROLE_HEADS):
        return  # "Y's chief executive, A, and B": the post is A's
    run.add(person, org, role, "affiliation.role_comma.listed", sent, possessive=True)


def _org_first(toks: list[Token], j: int, ent_at: dict) -> tuple[Span, list[Token]] | None:
    """"Turkish economics minister, X": the organisation opens the phrase, the role follows."""
    first = ent_at.get(toks[0].i)
    if first is not None and first.label_ in ORG_LABELS and first.end < j and ent_at.get(toks[-1].i) is None:
        return first, [t for t in toks if t.i >= first.end]
    return None


def _org_last(doc: Doc, toks: list[Token], ent_at: dict) -> tuple[Span, list[Token]] | None:
    """"the chief executive of Tesco, X": the role, then its organisation."""
    org = ent_at.get(toks[-1].i)
    if org is None or org.label_ not in ORG_LABELS:
        return None
    k = org.start - 1
    while k > toks[0].i and doc[k].pos_ == "ADJ" and doc[k].is_lower:
        k -= 1  # "in contemporary China"
    if org.label_ in ("GPE", "LOC") and doc[k].lower_ == "in":
        return None  # "a leading voice of the genre in modern Norway, Lund,": where, not an employer
    role = [t for t in toks if t.i < org.start]
    return (org, role) if role and role[0].is_lower and joined(doc, role, org) else None
