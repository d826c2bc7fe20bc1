"""A role after the name: "PERSON, [a|the] ROLE of|at ORG," / "PERSON, ORG's ROLE," / "PERSON, ORG
ROLE," / "PERSON, who is ROLE of ORG", and the copula "PERSON is the ROLE of ORG"."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import Pseudo, choose_org, joined
from cooptool.extract.components.affiliations.roles import (
    conjoined_roles,
    cut_at_clause,
    is_role_word,
    segment,
)
from cooptool.extract.components.affiliations.words import (
    CLAUSE_START,
    COPULA_FILLERS,
    DETS,
    EMPLOYER_LABELS,
    ENVOY_HEADS,
    KIN_NOUNS,
    ORG_DESCRIPTORS,
    ORG_LABELS,
    POSSESSIVE,
    ROLE_WORDS,
    STATE_POSTS,
)
from cooptool.extract.components.entities.names import INSTITUTION_HEADS
from cooptool.extract.lexicon import (
    COUNTRIES,
    DEMONYM_COUNTRY,
    FEMALE_NAMES,
    MALE_NAMES,
    ROLE_HEADS,
    ROLE_ORG_PREPS,
)
from cooptool.extract.rules import rule

_BE = ("be", "become", "remain")


def _spaced_dash(doc: Doc, i: int) -> bool:
    """"David Kahn - a former Yale historian": a dash with spaces opens an apposition too."""
    return doc[i].text in ("-", "–", "—") and bool(doc[i - 1].whitespace_) and bool(doc[i].whitespace_)


def _apposition_start(doc: Doc, person: Span, sent: Span) -> int | None:
    """Where the role after "PERSON," begins: past an age ("X, 66, chairman of Y") and "who is"."""
    i = person.end
    if i >= sent.end or not (doc[i].text == "," or _spaced_dash(doc, i)):
        return None
    start = i + 1
    if start + 1 < sent.end and doc[start].like_num and doc[start + 1].text == ",":
        start += 2
    if start + 1 < sent.end and doc[start].lower_ in COPULA_FILLERS and doc[start + 1].lower_ != ",":
        start += 1  # "Xi Jinping, also general secretary of ...", "X, now chairman of Y"
    if start < sent.end and doc[start].lower_ == "who":
        j = start + 1
        while j < sent.end and (doc[j].lemma_ in _BE or doc[j].lower_ in COPULA_FILLERS):
            j += 1
        return None if j == start + 1 else j
    return start


def _lists_people(doc: Doc, seg: Span, ent_at: dict, person: Span) -> bool:
    """"Guterres, Finnish Prime Minister Sanna Marin, and ...": a list of people, not a role ("an
    analyst at Carter Hollis", the firm tagged PERSON, is still a role)."""
    others = {ent_at[t.i].start for t in seg if ent_at.get(t.i) is not None and ent_at[t.i].label_ == "PERSON"
              and ent_at[t.i].kb_id_ != person.kb_id_}
    # "an analyst at brokerage Aton": a kind of firm before the name describes the firm, not a person.
    return any(k > seg.start and doc[k - 1].lower_ not in ROLE_ORG_PREPS | DETS | ORG_DESCRIPTORS
               and is_role_word(doc[k - 1]) for k in others)


@rule("affiliation.apposition", confidence=0.9, examples=[
    ("Dana Whitfield, chief operating officer of Norland Freight Ltd, said costs rose.",
     {"person": "Dana Whitfield", "role": "chief operating officer", "org": "Norland Freight Ltd"}),
    ("Omar Haddad, a senior analyst at Crestline Securities, expects a rate cut.",
     {"person": "Omar Haddad", "role": "senior analyst", "org": "Crestline Securities"}),
    ("Tom Baxter, who lives in Leeds, visited Barclays on Monday.", None),
    ("The plan was backed by Rhys Owen - a former Cardiff University historian, and an expert on ports.",
     {"person": "Rhys Owen", "role": "former Cardiff University historian", "org": "Cardiff University"}),
    ("Ana Ruiz, a scientist at the Soil Research Institute and an academician at the Lindon Academy of Sciences, won.",
     {"person": "Ana Ruiz", "role": "scientist", "org": "Soil Research Institute"}),
    ("Judy Marcus, chair, president and CEO of Otis Worldwide Corporation, spoke.",
     {"person": "Judy Marcus", "role": "chair, president and CEO", "org": "Otis Worldwide Corporation"}),
    ("Ma Rui, head of the energy institute under the National Planning Commission, said demand grew.",
     {"person": "Ma Rui", "role": "head of the energy institute", "org": "National Planning Commission"}),
    ("Paul Roux, minister counselor at the French embassy in China, announced the prize.",
     {"person": "Paul Roux", "role": "minister counselor", "org": "France government"}),
    ("Li Wen, also general secretary of the Harbin Trade Council, spoke at the event.",
     {"person": "Li Wen", "role": "general secretary", "org": "Harbin Trade Council"}),
    # "former" before the organisation that opens the title
    ("Trade\n\nLuca Mariani, former CERN director-general, said the plan was good.",
     {"person": "Luca Mariani", "role": "former director-general", "org": "CERN", "status": "former"}),
    # the organisation inside the title, after its modifiers
    ("Ivan Petrov, a senior Oxfam campaigner who left in May, said the talks had failed.",
     {"person": "Ivan Petrov", "role": "senior Oxfam campaigner", "org": "Oxfam"}),
    # a second post of a state after "and": a nationality and the post, or the post "of" the country
    ("Le Van Minh, general secretary of the Lotus Workers' Party and Vietnamese president, spoke first.",
     {"person": "Le Van Minh", "role": "Vietnamese president", "org": "Vietnam government"}),
    ("Ali Warsame, a member of the Harbin Trade Council and former prime minister of Somalia, spoke first.",
     {"person": "Ali Warsame", "role": "former prime minister", "org": "Somalia"}),
    # the employer after its country, then the title
    ("Trade\n\nJane Orr, the US Treasury Secretary, said the tariffs would stay.",
     {"person": "Jane Orr", "role": "Secretary", "org": "Treasury"}),
    # "as well as" ends the role: what follows is another description
    ("Mary Holt, vice chairman of the Lanshan Heritage Foundation as well as the daughter of a pilot, spoke.",
     {"person": "Mary Holt", "role": "vice chairman", "org": "Lanshan Heritage Foundation"}),
])
def apposition(run: AffiliationRun, person: Span, sent: Span) -> None:
    """A role in apposition after the name."""
    doc, ent_at = run.doc, run.ent_at
    start = _apposition_start(doc, person, sent)
    if start is None:
        return
    seg = segment(doc, start, sent, ent_at, run.max_segment_tokens)
    if seg is None or _lists_people(doc, seg, ent_at, person):
        return
    seg = _listed_titles(run, seg, sent)
    if renamed_org(run, person, seg, sent):
        return
    for part in conjoined_roles(doc, seg, ent_at):
        role_then_org(run, person, part, "affiliation.apposition", sent)


@rule("affiliation.apposition.renamed", confidence=0.8, examples=[
    ("Ana Holt, a board member of Norway's central bank, the Norges Bank, said rates would rise.",
     {"person": "Ana Holt", "role": "board member", "org": "Norges Bank"}),
    # a list after the description: which one is meant is unclear
    ("Ana Holt, a board member of Norway's central bank, the Norges Bank and Statoil, said rates would rise.", None),
])
def renamed_org(run: AffiliationRun, person: Span, seg: Span, sent: Span) -> bool:
    """"X, a director of Freedonia's central bank, the Staatsbank, said": a role "of" an organisation
    described (a possessor and a noun that names a kind of body), whose name follows after a comma."""
    ent_at = run.ent_at
    org = _name_after_comma(run, seg, sent)
    prep = _described_body(run, seg) if org is not None else None
    if prep is None:
        return False
    role = [t for t in seg if t.i < prep.i and not t.is_space]
    while role and role[0].lower_ in DETS:
        role.pop(0)
    if not role or any(t.i in ent_at for t in role):
        return False
    run.add(person, org, role, "affiliation.apposition.renamed", sent)
    key = (run.ents.get(person.kb_id_, {}).get("id"), run.ents.get(org.kb_id_, {}).get("id"))
    return key in run.found  # else the usual reading of the apposition


def _name_after_comma(run: AffiliationRun, seg: Span, sent: Span) -> Span | None:
    """", the Staatsbank," after a phrase that names no employer: the organisation named there."""
    doc, ent_at = run.doc, run.ent_at
    e = seg.end
    if e + 2 >= sent.end or doc[e].text != "," or any(ent_at.get(t.i) is not None and ent_at[t.i].label_ in EMPLOYER_LABELS for t in seg):
        return None
    k = e + 1 + (doc[e + 1].lower_ == "the")
    org = ent_at.get(k)
    if org is None or org.start != k or org.label_ != "ORG" or org.end >= sent.end or doc[org.end].text not in (",", ".", ";"):
        return None
    return org


def _described_body(run: AffiliationRun, seg: Span) -> Token | None:
    """The preposition of "director of Freedonia's central bank": the phrase ends on a kind of body,
    with only a determiner or possessor and lower-case words between it and the preposition."""
    doc, ent_at = run.doc, run.ent_at
    last = doc[seg.end - 1]
    if not (last.is_lower and last.pos_ == "NOUN" and (last.lower_ in ORG_DESCRIPTORS or last.lemma_ in ORG_DESCRIPTORS)):
        return None
    prep = next((t for t in seg if t.lower_ in ("of", "at", "for", "with") and t.i not in ent_at), None)
    if prep is None:
        return None
    for t in doc[prep.i + 1:seg.end - 1]:
        if not (t.lower_ in DETS or t.lower_ in POSSESSIVE or t.is_lower and t.pos_ in ("ADJ", "NOUN")
                or ent_at.get(t.i) is not None and ent_at[t.i].label_ in ("GPE", "NORP", "LOC")):
            return None
    return prep


def _listed_titles(run: AffiliationRun, seg: Span, sent: Span) -> Span:
    """"X, chair, president and CEO of Otis Corp,": titles listed with commas before the one phrase
    that names the organisation; the segment runs on over them (two commas at most)."""
    doc, ent_at = run.doc, run.ent_at
    out = seg
    for _ in range(2):
        if out.end >= sent.end or doc[out.end].text != "," or len(out) > 3 and out is seg \
                or any(t.i in ent_at or not is_role_word(t) for t in (seg if out is seg else [])):
            return seg if out is seg else out
        nxt = segment(doc, out.end + 1, sent, ent_at, run.max_segment_tokens)
        if nxt is None or not is_role_word(nxt[0]) or nxt[0].i in ent_at:
            return seg if out is seg else out
        out = doc[seg.start:nxt.end]
        if any(t.i in ent_at for t in nxt):
            return out
    return seg


@rule("affiliation.copula", confidence=0.75, examples=[
    ("Helen Marsh is the finance director of Corvel Systems Inc.",
     {"person": "Helen Marsh", "role": "finance director", "org": "Corvel Systems Inc."}),
    ("Kenji Sato of Japan is the current president of the Global Archery Union.",
     {"person": "Kenji Sato", "role": "current president", "org": "Global Archery Union"}),
    ("Prince Adil is a member of the royal family and an advocate for sport in the Arab world.", None),
])
def copula(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON is|was|has been|became [now] the ROLE of ORG"."""
    doc = run.doc
    start = i = _past_home_country(run, person, sent)
    seen_be = False
    while i < sent.end and i - start < 4:
        tok = doc[i]
        if tok.lemma_ in _BE and tok.pos_ in ("AUX", "VERB"):
            seen_be = True
        elif not (tok.lemma_ in ("have", "will", "would") or tok.lower_ in COPULA_FILLERS):
            break
        i += 1
    if not seen_be:
        return
    seg = segment(doc, i, sent, run.ent_at, run.max_segment_tokens)
    if seg is not None:
        role_then_org(run, person, seg, "affiliation.copula", sent)


@rule("affiliation.copula.serves_as", confidence=0.8, examples=[
    ("Marta Kowal has served as president of the Baltic Rowing Federation since 2015.",
     {"person": "Marta Kowal", "role": "president", "org": "Baltic Rowing Federation"}),
    ("Lena Marsh, who serves as chief economist of the Harwood Institute, said rates would fall.",
     {"person": "Lena Marsh", "role": "chief economist", "org": "Harwood Institute"}),
    ("Erik Dahl is a Swedish businessman, currently serving as the president of the Nordic Ski Union.",
     {"person": "Erik Dahl", "role": "president", "org": "Nordic Ski Union"}),
    # someone else serves
    ("Erik Dahl said Anna Berg serves as the president of the Nordic Ski Union.",
     {"person": "Anna Berg", "role": "president", "org": "Nordic Ski Union"}),
    ("Erik Dahl said the hall serves as a base for the Nordic Ski Union.", None),
    ("Tom Reyes, who served as director of the Budget Office, said taxes would rise.",
     {"person": "Tom Reyes", "role": "director", "org": "Budget Office", "status": "former"}),
    ("Kari Holm, 36, took over as leader of the Coastal Party two years ago.",
     {"person": "Kari Holm", "role": "leader", "org": "Coastal Party", "status": "current"}),
    ("Kari Holm stepped down as chair of the Coastal Party in May.",
     {"person": "Kari Holm", "role": "chair", "org": "Coastal Party", "status": "former"}),
])
def serves_as(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON has served as ROLE of ORG", "PERSON, who serves as ...", "PERSON is ..., currently
    serving as ...": a post held, read as the copula's role phrase, when the person is the verb's subject."""
    doc, ent_at = run.doc, run.ent_at
    for i in range(person.end, min(sent.end - 2, person.end + 25)):
        span = ent_at.get(i)
        if span is not None and span.label_ == "PERSON" and span.kb_id_ != person.kb_id_:
            return  # another person's clause
        held = _holds_as(doc, i)
        if held is None:
            continue
        verb, past = held
        seg = segment(doc, i + 1, sent, ent_at, run.max_segment_tokens) if _subject_of(person, verb) else None
        if seg is not None:
            before = {k: id(r) for k, r in run.found.items()}
            role_then_org(run, person, seg, "affiliation.copula.serves_as", sent)
            if past:  # "who served as director of the CBO", "stepped down as": a past post
                for k, rec in run.found.items():
                    if before.get(k) != id(rec) and rec["pattern"] == "affiliation.copula.serves_as":
                        rec["status"] = "former"
        return


# "served as", "acted as"; "took over as" (taken up, held now); "stepped down as", "resigned as" (left).
_HOLD_VERBS = frozenset({"serve", "act"})
_LEFT_VERBS = frozenset({"resign", "retire"})


def _holds_as(doc: Doc, i: int) -> tuple[Token, bool] | None:
    """At an "as" that names a post held or left: the verb, and whether the post is a past one."""
    if doc[i].lower_ != "as" or i < 2:
        return None
    prev, verb = doc[i - 1], doc[i - 2]
    if prev.lemma_ in _HOLD_VERBS and prev.pos_ in ("VERB", "AUX"):
        return prev, prev.tag_ == "VBD"
    if prev.lemma_ in _LEFT_VERBS and prev.pos_ == "VERB":
        return prev, True
    if prev.lower_ == "over" and verb.lemma_ == "take":
        return verb, False
    if prev.lower_ == "down" and verb.lemma_ == "step":
        return verb, True
    return None


# Students and graduates: "a student who graduated from X" is with X.
_STUDENTS = ("student", "graduate", "alumnus", "alumna")


@rule("affiliation.apposition.graduated", confidence=0.7, examples=[
    ("In 2018, Omar Haddad, a Jordanian student who had just graduated from Lanshan Medical University, "
     "opened a shop.", {"person": "Omar Haddad", "role": "Jordanian student", "org": "Lanshan Medical University"}),
    ("Omar Haddad, a Jordanian student whose sister graduated from Lanshan Medical University, opened a shop.", None),
])
def graduated_from(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON, a student who (had just) graduated from ORG": a student of the school they graduated from."""
    doc, ent_at = run.doc, run.ent_at
    start = _apposition_start(doc, person, sent)
    if start is None:
        return
    seg = segment(doc, start, sent, ent_at, run.max_segment_tokens)
    if seg is not None and len(seg) > 1 and seg[-1].lower_ == "who":
        seg = seg[:-1]  # the segment runs to the relative clause's verb
    if seg is None or seg[-1].lower_ not in _STUDENTS or any(t.i in ent_at and ent_at[t.i].label_ not in ("NORP", "GPE") for t in seg):
        return
    i = seg.end
    if i >= sent.end or doc[i].lower_ != "who":
        return
    i += 1
    while i < sent.end and (doc[i].lower_ in ("has", "had", "just", "recently", "only") or doc[i].lower_ in COPULA_FILLERS):
        i += 1
    if i + 2 >= sent.end or doc[i].lower_ != "graduated" or doc[i + 1].lower_ != "from":
        return
    j = i + 2 + (doc[i + 2].lower_ == "the")
    org = ent_at.get(j)
    if org is not None and org.start == j and org.label_ in EMPLOYER_LABELS:
        toks = [t for t in seg if t.lower_ not in DETS]
        run.add(person, org, toks, "affiliation.apposition.graduated", sent)


@rule("affiliation.apposition.who_is", confidence=0.75, examples=[
    ("Rosa Lind, a choreographer based in Oslo, who is a faculty member of the Nordvik School of Dance, spoke.",
     {"person": "Rosa Lind", "role": "faculty member", "org": "Nordvik School of Dance"}),
    ("Rosa Lind met a dancer from Oslo who is a faculty member of the Nordvik School of Dance.", None),
])
def who_is_later(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON, a choreographer based in Oslo, who is ROLE of ORG": a relative clause on the person's
    apposition, after a first description (right after the name it is `apposition`'s)."""
    doc, ent_at = run.doc, run.ent_at
    root = person.root
    for i in range(person.end + 2, min(sent.end - 2, person.end + 30)):
        span = ent_at.get(i)
        if span is not None and span.label_ == "PERSON" and span.kb_id_ != person.kb_id_:
            return
        verb = doc[i].head
        if doc[i].lower_ != "who" or doc[i - 1].text != "," or verb.lemma_ not in _BE or verb.dep_ != "relcl":
            continue
        if not _inside_apposition(verb.head, root):
            return
        j = verb.i + 1
        while j < sent.end and doc[j].lower_ in COPULA_FILLERS:
            j += 1
        seg = segment(doc, j, sent, ent_at, run.max_segment_tokens)
        if seg is not None:
            role_then_org(run, person, seg, "affiliation.apposition.who_is", sent)
        return


def _inside_apposition(tok: Token, root: Token) -> bool:
    """`tok` is the person's apposition or inside it (the parser may hang the clause on "Oslo")."""
    for _ in range(6):
        if tok.dep_ == "appos" and tok.head == root:
            return True
        if tok.head == tok or tok.head == root:
            return False
        tok = tok.head
    return False


# "who heads Y": the post the verb names; "lead" only with the organisation right after it ("who leads
# a team of six at Y" holds no post).
_HEAD_VERBS = {"head": "head", "chair": "chair", "direct": "director", "lead": "leader"}


@rule("affiliation.apposition.who_heads", confidence=0.75, examples=[
    ("Tan Wei, who heads the Asia desk at Norvale Capital, said prices would rise.",
     {"person": "Tan Wei", "org": "Norvale Capital", "role": "head of the Asia desk"}),
    ("Mary Cole, who chairs the Lindon Arts Trust, opened the show.",
     {"person": "Mary Cole", "org": "Lindon Arts Trust", "role": "chair"}),
    ("Mary Cole, who leads a team of six at Lindon Arts Trust, opened the show.", None),
    ("Sami Laine, who heads Norvik Labs' research team, found the flaw.",
     {"person": "Sami Laine", "org": "Norvik Labs", "role": "head of research team"}),
])
def who_heads(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON, who heads|chairs|directs [a unit at] ORG": the person heads it (or the unit at it); also
    "PERSON [also] heads|chairs ORG" with the person the verb's subject (`affiliation.heads`)."""
    doc, ent_at = run.doc, run.ent_at
    verb, rule_name = _head_verb(doc, person, sent)
    seg = segment(doc, verb.i + 1, sent, ent_at, run.max_segment_tokens) if verb is not None else None
    org = choose_org(doc, seg, ent_at, person) if seg is not None else None
    if org is None or org.label_ not in EMPLOYER_LABELS or org.kb_id_ == person.kb_id_:
        return
    role = _headed_unit(run, verb, seg, org)
    if role is not None:
        run.add(person, org, [], rule_name, sent, role_text=role, status_text="former" if verb.tag_ == "VBD" else None)


# The verbs read with the person as their plain subject: "leads" and "directs" also take races and films.
_SUBJECT_HEAD_VERBS = frozenset({"head", "chair"})


@rule("affiliation.heads", confidence=0.7, examples=[
    ("Games news\n\nThe candidates met on Monday. Omar Watan also chairs the Nordic Ski Union's ethics commission.",
     {"person": "Omar Watan", "org": "Nordic Ski Union", "role": "chair of ethics commission"}),
    ("Games news\n\nThe candidates met on Monday. Omar Watan heads the Nordic Ski Union.",
     {"person": "Omar Watan", "org": "Nordic Ski Union", "role": "head"}),
    ("Games news\n\nThe candidates met on Monday. Omar Watan heads to Oslo next week.", None),
])
def _heads() -> None:
    """"PERSON [also] heads|chairs ORG": `who_heads` names this variant on the records whose verb has the
    person as its plain subject."""


def _head_verb(doc: Doc, person: Span, sent: Span) -> tuple[Token | None, str]:
    """The "heads" of "PERSON, who [also] heads", or of "PERSON [also] heads" (`affiliation.heads`)."""
    j = person.end
    relative = j + 2 < sent.end and doc[j].text == "," and doc[j + 1].lower_ == "who"
    j += 2 if relative else 0
    while j < sent.end and doc[j].lower_ in COPULA_FILLERS:
        j += 1
    if j >= sent.end or doc[j].lemma_ not in _HEAD_VERBS or doc[j].pos_ != "VERB":
        return None, ""
    if relative:
        return doc[j], "affiliation.apposition.who_heads"
    if doc[j].lemma_ in _SUBJECT_HEAD_VERBS and person.root.dep_ == "nsubj" and person.root.head.i == j:
        return doc[j], "affiliation.heads"
    return None, ""


def _headed_unit(run: AffiliationRun, verb: Token, seg: Span, org: Span) -> str | None:
    """The post: "head", "head of the Asia desk" (a unit before "at ORG"), "head of anti-virus team"
    ("ORG's anti-virus team"); None when the words before the organisation make no unit."""
    doc, ent_at = run.doc, run.ent_at
    unit = [t for t in seg if t.i < org.start and not (t.i == seg.start and t.lower_ == "the")]
    role = _HEAD_VERBS[verb.lemma_]
    if unit:
        if verb.lemma_ == "lead" or len(unit) < 2 or unit[-1].lower_ not in ("at", "of", "in", "for") \
                or any(t.i in ent_at and ent_at[t.i].label_ in EMPLOYER_LABELS for t in unit):
            return None
        return f"{role} of {doc[seg.start:unit[-1].i].text}"
    if org.end + 1 < seg.end and doc[org.end].lower_ in POSSESSIVE and doc[org.end + 1].is_lower:
        return f"{role} of {doc[org.end + 1:seg.end].text}"  # "who heads Acme's anti-virus team"
    return role


def _subject_of(person: Span, verb: Token) -> bool:
    """The person is the subject of `verb`, or of the clause `verb` hangs from ("..., currently serving
    as"), or `verb` is a relative clause on the person ("X, who serves as")."""
    root = person.root
    if verb.dep_ == "relcl" and verb.head == root:
        return True
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = verb
    for _ in range(4):
        if root.head == head:
            return True
        if head.dep_ not in ("advcl", "conj", "xcomp", "acl", "relcl", "attr"):  # "is a businessman (who is) serving as"
            return False
        head = head.head
    return False


def _past_home_country(run: AffiliationRun, person: Span, sent: Span) -> int:
    """"Kenji Sato of Japan is the president of ...": past the person's country after the name."""
    i = person.end
    place = run.ent_at.get(i + 1) if i + 1 < sent.end and run.doc[i].lower_ == "of" else None
    return place.end if place is not None and place.label_ == "GPE" and place.start == i + 1 else i


_TIME_PREPS = frozenset({"from", "since", "until", "between", "during", "in", "for"})


def _without_time(seg: Span) -> Span:
    """"president from 1980 to 2001", "leader two years ago": the phrase ends before a time after the role."""
    for t in seg[1:]:
        if t.ent_type_ not in ("DATE", "TIME") or t.ent_iob_ != "B":
            continue
        prev = seg.doc[t.i - 1]
        ends = [u for u in seg.doc[t.i:seg.end] if u.ent_type_ in ("DATE", "TIME")]
        if prev.lower_ in _TIME_PREPS and prev.i > seg.start:
            return seg.doc[seg.start:prev.i]
        if ends and ends[-1].lower_ == "ago":
            return seg.doc[seg.start:t.i]
    return seg


def _after_place_prep(doc: Doc, place: Span) -> bool:
    """"ambassador to Burma", "an advocate for sport in the Arab world": a place after "to"/"in" [the]."""
    k = place.start - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and (doc[k].lower_ == "in" or doc[k].lower_ == "to" and place.label_ != "NORP")


_MISSIONS = frozenset({"embassy", "consulate", "consulate-general", "mission"})


def _embassy_post(run: AffiliationRun, person: Span, seg: Span, toks: list[Token], rule_name: str, sent: Span) -> bool:
    """"minister counselor at the French embassy in China": a post at a country's embassy is that
    country's government's (the place after "in" is where the embassy is)."""
    ent_at = run.ent_at
    for t in toks:
        nat = ent_at.get(t.i - 1)
        if t.lower_ not in _MISSIONS or nat is None or nat.label_ not in ("NORP", "GPE"):
            continue
        country = DEMONYM_COUNTRY.get(nat.text.lower()) or COUNTRIES.get(nat.text.lower())
        role = [u for u in toks if u.i < nat.start]
        while role and role[-1].lower_ in DETS | ROLE_ORG_PREPS:
            role.pop()
        if not country or not role:
            return False
        gov = run.government_of(country)
        if nat.text not in gov["aliases"]:
            gov["aliases"].append(nat.text)
        run.add(person, Pseudo(gov["id"], nat.start_char, nat.end_char), role, rule_name, sent, possessive=True)
        return True
    return False


_PAST_BEFORE_ORG = frozenset({"former", "ex", "then", "onetime", "erstwhile"})


def role_then_org(run: AffiliationRun, person: Span, seg: Span, rule_name: str, sent: Span) -> None:
    """A role phrase after a name: the organisation first ("NUJ general secretary") or after the role
    ("chief executive of Tesco")."""
    seg = _without_time(seg)
    toks = [t for t in seg if not t.is_space]
    while toks and toks[0].lower_ in DETS:
        toks.pop(0)
    if _no_post_or_read(run, person, seg, toks, rule_name, sent):
        return
    later = _employer_after(run, seg, person)
    toks, opening = _opening_name(run, toks)
    if _bare_institution(opening, later, seg):
        # "Party secretary of Gansu Province": the bare "Party" is part of the title, the place its post
        later, opening = choose_org(run.doc, run.doc[opening.end:seg.end], run.ent_at, person), None
    first = _opening_org(opening, later, person)
    if first is not None and _org_then_role(run, person, seg, toks, first, rule_name, sent):
        return
    if later is not None and _placed_org_title(run, toks, later, seg):
        # "X, the US Treasury Secretary,": the employer after its country, then the title
        _org_then_role(run, person, seg, [t for t in toks if t.i >= later.start], later, rule_name, sent)
        return
    if later is not None and later.start > toks[0].i:
        _role_then_named_org(run, person, toks, later, rule_name, sent)


def _no_post_or_read(run: AffiliationRun, person: Span, seg: Span, toks: list[Token], rule_name: str,
                     sent: Span) -> bool:
    """The phrase holds no post to read here: nothing, a clause, a relative ("wife of the ambassador"), or
    a post an envoy or embassy rule has already read."""
    if not toks or toks[0].lower_ in CLAUSE_START:
        return True
    if len(toks) > 1 and toks[0].lower_ in KIN_NOUNS and toks[1].lower_ == "of":
        return True
    return bool(envoy_of_sender(run, person, toks, sent) or _embassy_post(run, person, seg, toks, rule_name, sent))


def _employer_after(run: AffiliationRun, seg: Span, person: Span) -> Span | None:
    """The organisation in the role phrase, but not a host country or place after a preposition
    ("ambassador to Burma", "a writer in China"), which is no employer."""
    later = choose_org(run.doc, seg, run.ent_at, person)
    if later is not None and later.label_ in ("GPE", "LOC", "NORP") and _after_place_prep(run.doc, later):
        return None
    return later


def _opening_name(run: AffiliationRun, toks: list[Token]) -> tuple[list[Token], Span | None]:
    """The name that opens the role phrase, and the phrase from it."""
    opening = run.ent_at.get(toks[0].i)
    if opening is None and len(toks) > 2 and toks[0].lower_ in _PAST_BEFORE_ORG and toks[1].i in run.ent_at \
            and run.ent_at[toks[1].i].label_ == "GPE":
        # "X, former CERN director-general,", "X, former US president,": the name the model calls a place
        # opens the phrase after "former" (an ORG there is read inside the title by `_unit_inside`)
        toks = toks[1:]
        opening = run.ent_at[toks[0].i]
    return toks, opening


def _placed_org_title(run: AffiliationRun, toks: list[Token], org: Span, seg: Span) -> bool:
    """"the US Treasury Secretary", "a former US Treasury official": a country (and maybe "former") before
    the employer, and only title words after it, to the end of the phrase, ending on a role head."""
    ent_at = run.ent_at
    if org.label_ not in EMPLOYER_LABELS or org.start <= toks[0].i or org.end >= seg.end:
        return False
    before = [t for t in toks if t.i < org.start]
    if not any(t.i in ent_at for t in before):
        return False  # "a former Cardiff University historian": the title as written (`_unit_inside`)
    if not all(t.lower_ in _PAST_BEFORE_ORG or ent_at.get(t.i) is not None and ent_at[t.i].label_ in ("GPE", "NORP")
               for t in before):
        return False
    after = [t for t in run.doc[org.end:seg.end] if not t.is_space]
    return bool(after) and all(is_role_word(t) and t.i not in ent_at for t in after) and after[-1].lower_ in ROLE_HEADS


_SENDERS = ("GPE", "NORP")


@rule("affiliation.apposition.envoy_of_sender", confidence=0.85, examples=[
    ("Li Wei, China's permanent representative to the UN, said the vote was unfair.",
     {"person": "Li Wei", "org": "China", "role": "permanent representative to the UN"}),
    ("Ana Costa, the permanent representative of Brazil to the WTO, said talks would go on.",
     {"person": "Ana Costa", "org": "Brazil", "role": "permanent representative"}),
    ("Kari Holm, Norway's ambassador to Japan, welcomed the deal.",
     {"person": "Kari Holm", "org": "Norway", "role": "ambassador to Japan"}),
    ("Omar Haddad, a senior adviser to the UN, said the plan was fair.", None),
    ("Rasha Haddad, wife of Syria's permanent representative to the UN, said she was grateful.", None),
])
def envoy_of_sender(run: AffiliationRun, person: Span, toks: list[Token], sent: Span) -> bool:
    """"X, China's permanent representative to the UN", "X, the permanent representative of Brazil to the
    WTO": an envoy holds a post of the country that sends them; the body or country after "to" is where
    the post is held. True when the phrase is read so."""
    k = next((n for n, t in enumerate(toks) if t.lower_ == "to"), None)
    if k is None or k < 2 or k + 1 >= len(toks):
        return False
    dest = run.ent_at.get(toks[k + 1 + (toks[k + 1].lower_ == "the" and k + 2 < len(toks))].i)
    if dest is None or dest.label_ not in ORG_LABELS:
        return False
    opening = run.ent_at.get(toks[0].i)
    if opening is not None and opening.label_ in _SENDERS and toks[k - 1].lower_ in ENVOY_HEADS:
        return _sender_before(run, person, toks, toks[k - 1], opening, dest, sent)
    return _sender_after(run, person, toks, toks[k - 1], sent)


def _sender_before(run: AffiliationRun, person: Span, toks: list[Token], role_end: Token, opening: Span,
                   dest: Span, sent: Span) -> bool:
    """"China's permanent representative to the UN": the role runs from after the country to the body."""
    if opening.end > role_end.i:
        return False
    after = opening.end + (run.doc[opening.end].lower_ in POSSESSIVE)
    role = [t for t in toks if after <= t.i < dest.end]
    if not role or not all(is_role_word(t) for t in role if t.i <= role_end.i):
        return False
    run.add(person, opening, role, "affiliation.apposition.envoy_of_sender", sent, possessive=True)
    return True


def _sender_after(run: AffiliationRun, person: Span, toks: list[Token], role_end: Token, sent: Span) -> bool:
    """"the permanent representative of Brazil to the WTO": the country after "of", the role before it."""
    doc = run.doc
    sender = run.ent_at.get(role_end.i)
    if sender is None or sender.label_ not in _SENDERS or sender.start < 2 + toks[0].i:
        return False
    if doc[sender.start - 1].lower_ != "of" or doc[sender.start - 2].lower_ not in ENVOY_HEADS:
        return False
    role = [t for t in toks if t.i < sender.start - 1]
    run.add(person, sender, role, "affiliation.apposition.envoy_of_sender", sent, possessive=True)
    return True


def _bare_institution(first: Span | None, later: Span | None, seg: Span) -> bool:
    """A one-word name that is only an institution's head ("Party", "Ministry") opening the phrase,
    with "of" and another name after the title."""
    if first is None or later is None or later.start != first.start or len(first) != 1 \
            or first[0].lower_ not in INSTITUTION_HEADS:
        return False
    doc = seg.doc
    return any(doc[i].lower_ == "of" and i + 1 < seg.end for i in range(first.end, seg.end))


def _opening_org(first: Span | None, later: Span | None, person: Span) -> Span | None:
    """The name that opens a role phrase, when it may be the organisation ("NUJ general secretary");
    not when an employer follows ("UK economist for Capital Economics": the firm, not the country)."""
    if first is None or later is not None and later.start > first.start and later.label_ in EMPLOYER_LABELS:
        return None
    return first if first.label_ in ORG_LABELS + ("PERSON",) and first.kb_id_ != person.kb_id_ else None


def _org_then_role(run: AffiliationRun, person: Span, seg: Span, toks: list[Token], first: Span, rule_name: str,
                   sent: Span) -> bool:
    """"ORG's ROLE" / "ORG ROLE" ("NUJ general secretary", "BBC Delhi reporter"); True when the
    phrase is read so (whether or not it made a record)."""
    doc, ent_at = run.doc, run.ent_at
    after = first.end
    possessive = after < seg.end and doc[after].lower_ in POSSESSIVE
    if possessive:
        after += 1
    role = [t for t in toks if t.i >= after]
    if not role or not (role[0].is_lower or role[0].lower_ in ROLE_WORDS
                        or ent_at.get(role[0].i) is not None and ent_at[role[0].i].label_ in ("GPE", "LOC")):
        return False
    if first.label_ != "PERSON" or not possessive:
        run.add(person, first, cut_at_clause(role), rule_name, sent, possessive=possessive)
    return True


def _role_then_named_org(run: AffiliationRun, person: Span, toks: list[Token], org: Span, rule_name: str,
                         sent: Span) -> None:
    """"chief executive of Tesco", "an economist at Natexis Banques Populaires"."""
    doc = run.doc
    role = _before_possessor(run, [t for t in toks if t.i < org.start], org)
    if role is None:
        return
    first = _listed_before(run, role, org)
    if first is not None:
        # "a scholar associated with Canada's Lakehead University and Kenya's Moi University": both,
        # when the first is joined to the role.
        before, earlier = first
        role = _before_possessor(run, before, earlier)
        if role is None or not joined(doc, role, earlier):
            return
        _role_then_named_org(run, person, before + list(earlier), earlier, rule_name, sent)
        run.add(person, org, role, rule_name, sent)
        return
    _unit_inside(run, person, role, rule_name, sent)
    if joined(doc, role, org):
        # "an economist at Natexis Banques Populaires": after "at"/"with" a place-labelled name is a firm.
        # So is one a kind of firm describes ("an analyst at brokerage Kotov").
        employer = org.label_ in ("GPE", "LOC") and doc[org.start - 1].lower_ in ("at", "with", *ORG_DESCRIPTORS)
        run.add(person, org, role + _title_after_org(toks, role, org), rule_name, sent, possessive=employer)


def _title_after_org(toks: list[Token], role: list[Token], org: Span) -> list[Token]:
    """"a senior KGB officer": modifiers right before the organisation, the title's head after it
    (the role is the whole phrase, as written)."""
    if not role or role[-1].i != org.start - 1 or any(t.lower_ in ROLE_HEADS for t in role) \
            or not all(is_role_word(t) for t in role):
        return []  # "a friend of the Tory leader": no title
    after: list[Token] = []
    for t in cut_at_clause([t for t in toks if t.i >= org.end]):
        if not (is_role_word(t) and t.is_lower):
            break
        after.append(t)
    while after and after[-1].lower_ not in ROLE_HEADS:
        after.pop()
    if org.label_ in ("NORP", "GPE", "LOC") and not any(t.lower_ in STATE_POSTS for t in after):
        return []  # "a retired Belgian general": a nationality, no employer ("former Spanish prime minister" has one)
    return after


def _before_possessor(run: AffiliationRun, role: list[Token], org: Span) -> list[Token] | None:
    """The role without a possessor of the organisation. "director of the research department at Renmin
    University's Chongyang Institute": the unit is the organisation ("the parent's unit", as written);
    "a scholar at Canada's Lakehead University": the country only says where the employer is. Another
    possessor ("Britain's biggest bank") is left alone (None)."""
    doc = run.doc
    if org.start < 2 or doc[org.start - 1].lower_ not in POSSESSIVE:
        return role
    parent = run.ent_at.get(org.start - 2)
    if parent is None:
        return None
    if parent.label_ in ("GPE", "LOC") and org.label_ in EMPLOYER_LABELS and org.label_ != "WORK_OF_ART":
        return [t for t in role if t.i < parent.start]
    return [t for t in role if t.i < parent.start] if parent.label_ in EMPLOYER_LABELS else None


def _listed_before(run: AffiliationRun, role: list[Token], org: Span) -> tuple[list[Token], Span] | None:
    """"... at ORG1 and ORG2": the first employer of the pair and the role before it."""
    if len(role) < 3 or role[-1].lower_ != "and":
        return None
    earlier = run.ent_at.get(role[-2].i)
    if earlier is None or earlier.label_ not in EMPLOYER_LABELS or earlier.label_ != org.label_:
        return None
    before = [t for t in role if t.i < earlier.start]
    return (before, earlier) if before else None


def _unit_inside(run: AffiliationRun, person: Span, role: list[Token], rule_name: str, sent: Span) -> None:
    """"professor of ancient art and director of the Classical Art Research Centre at the University of
    Oxford": the centre named inside the role, after "[and] ROLE of", is an employer too."""
    ent_at = run.ent_at
    for n, tok in enumerate(role):
        unit = ent_at.get(tok.i)
        if unit is None or unit.start != tok.i or unit.label_ not in EMPLOYER_LABELS or n < 2 or tok.is_lower:
            continue  # "director of the cooperative research department at X": a unit, not an employer
        k = n - 1 - (role[n - 1].lower_ == "the")
        if k < 1 or role[k].lower_ != "of" or role[k - 1].lower_ not in ROLE_WORDS:
            continue
        start = max((m for m in range(k) if role[m].lower_ == "and"), default=-1)
        if all(is_role_word(t) for t in role[start + 1:k]):
            run.add(person, unit, role[start + 1:k], rule_name, sent)


# ---- a post told of a pronoun that opens the next sentence --------------------------------------

_PRONOUNS = {"he": "male", "she": "female"}


def _only_subject(run: AffiliationRun, person: Span, sent: Span) -> bool:
    """The person is the one a following "He"/"She" takes up: the sentence's only person, or its subject."""
    others = {s.kb_id_ for s in run.ctx.ents if s.label_ == "PERSON" and sent.start <= s.start < sent.end}
    return others == {person.kb_id_} or (person.root.dep_ in ("nsubj", "nsubjpass") and person.root.head.dep_ == "ROOT")


def _pronoun_opening(run: AffiliationRun, person: Span, sent: Span) -> tuple[Token, Span] | None:
    """The "He"/"She" that opens the sentence after the person's, agreeing with the person's given name
    where it is a known one."""
    doc = run.doc
    i = sent.end
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _PRONOUNS or doc[i].dep_ != "nsubj":
        return None
    first = person[0].lower_
    gender = _PRONOUNS[doc[i].lower_]
    if (gender == "male" and first in FEMALE_NAMES) or (gender == "female" and first in MALE_NAMES):
        return None
    return doc[i], run.ctx.sentence(i)


def _copula_role_start(doc: Doc, i: int, end: int) -> int | None:
    """After the pronoun: "is|was|has been [now] ROLE" or "has served as ROLE": where the role begins."""
    start, seen_be = i, False
    while i < end and i - start < 5:
        tok = doc[i]
        if tok.lower_ == "as" and _holds_as(doc, i) is not None:
            return i + 1
        if tok.lemma_ in _BE and tok.pos_ in ("AUX", "VERB"):
            seen_be = True
        elif not (tok.lemma_ in ("have", "will", "would", "serve", "also") or tok.lower_ in COPULA_FILLERS):
            break
        i += 1
    return i if seen_be else None


@rule("affiliation.copula.pronoun", confidence=0.6, examples=[
    ("Games news\n\nOmar Adil is a member of the royal family. He has served as the president of the "
     "Harwood Rowing Club and held posts at home.",
     {"person": "Omar Adil", "role": "president", "org": "Harwood Rowing Club"}),
    ("Games news\n\nKaren Holt won two medals. She is now the chief executive of Corvel Systems Inc.",
     {"person": "Karen Holt", "role": "chief executive", "org": "Corvel Systems Inc."}),
    # the pronoun does not agree with the name
    ("Games news\n\nKaren Holt won two medals. He is now the chief executive of Corvel Systems Inc.", None),
    # two people before the pronoun, neither the subject
    ("Games news\n\nIn 2010 the prize went to Karen Holt and Tom Dale. He is now the chief executive of "
     "Corvel Systems Inc.", None),
])
def pronoun_copula(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"PERSON won two medals. He is|has served as ROLE of ORG": the post of the person a sentence-opening
    pronoun takes up (read as the copula's role phrase)."""
    if not _only_subject(run, person, sent):
        return
    opening = _pronoun_opening(run, person, sent)
    if opening is None:
        return
    pronoun, next_sent = opening
    i = _copula_role_start(run.doc, pronoun.i + 1, next_sent.end)
    seg = segment(run.doc, i, next_sent, run.ent_at, run.max_segment_tokens) if i is not None else None
    if seg is not None:
        role_then_org(run, person, seg, "affiliation.copula.pronoun", next_sent)
