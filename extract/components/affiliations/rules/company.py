"""Company posts with no company named ("chief operating officer Peter Chernin said", "X, the UK-based
co-chairman,"): the organisation the article is plainly about, when one dominates it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import Pseudo
from cooptool.extract.components.affiliations.roles import is_role_word, role_words_before, segment
from cooptool.extract.components.affiliations.words import COMPANY_TITLES, DETS, POSSESSIVE
from cooptool.extract.components.entities.names import BUSINESS_NOUNS, LEGAL_FORMS
from cooptool.extract.components.entity_evidence import COMPANY_NOUNS
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule


def _company_possessor(doc: Doc, j: int, start: int) -> bool:
    """"the company's", "the firm's" ending at token j: the company the story is about."""
    return j - 2 >= start and doc[j].lower_ in POSSESSIVE and doc[j - 1].lower_ in COMPANY_NOUNS \
        and doc[j - 2].lower_ == "the"


def _apposition_words(run: AffiliationRun, person: Span) -> list[Token] | None:
    """The words of "X, the UK-based co-chairman," between the commas, past the determiner and the
    place the post is based in."""
    doc, sent = run.doc, person.sent
    if person.end >= sent.end or doc[person.end].text != ",":
        return None
    seg = segment(doc, person.end + 1, sent, run.ent_at, run.max_segment_tokens)
    if seg is None or seg.end >= sent.end or doc[seg.end].text not in (",", ".", ";"):
        return None
    toks = [t for t in seg if not t.is_space]
    while toks and toks[0].lower_ in DETS:
        toks.pop(0)
    if len(toks) > 2 and _company_possessor(doc, toks[1].i, seg.start):
        toks = toks[2:]  # "X, the company's chairman,"
    # "UK-based", "London-based": where the post is, not who it is with
    if len(toks) >= 3 and toks[1].text == "-" and toks[2].lower_ == "based":
        toks = toks[3:]
    return toks


def bare_company_apposition(run: AffiliationRun, person: Span) -> list[Token] | None:
    """"Patrick Cescau, the UK-based co-chairman, will ...": a company title in apposition, nothing
    named (a place the post is based in aside)."""
    toks = _apposition_words(run, person)
    if not toks or any(t.i in run.ent_at for t in toks) or not all(t.is_lower or t.text == "-" for t in toks):
        return None
    words = [t for t in toks if t.text != "-"]
    if not all(is_role_word(t) or t.lower_ == "co" for t in words) or words[-1].lower_ not in COMPANY_TITLES:
        return None
    return toks


def bare_company_title(doc: Doc, person: Span, ent_at: dict) -> list[Token] | None:
    """A company title ("chief executive", "finance director") right before the name, nothing named."""
    role, j = role_words_before(doc, person.start - 1, person.sent.start, ent_at, 5)
    if not role or role[-1].lower_ not in COMPANY_TITLES or not all(t.is_lower for t in role):
        return None
    if j >= person.sent.start and (j in ent_at or doc[j].lower_ in POSSESSIVE):
        if not _company_possessor(doc, j, person.sent.start):
            return None  # an organisation is named: the title patterns decide
    return role


def bare_company_role_comma(doc: Doc, person: Span, ent_at: dict) -> list[Token] | None:
    """"its chief executive, X,", "the firm's chairman, X,": a company title before a comma and the
    name, owned by "its" or "the company's"."""
    start, j = person.sent.start, person.start - 1
    if j <= start or doc[j].text != ",":
        return None
    role, k = role_words_before(doc, j - 1, start, ent_at, 5)
    if not role or role[-1].lower_ not in COMPANY_TITLES or not all(t.is_lower for t in role):
        return None
    if k > start and doc[k].lower_ == "then":
        k -= 1  # "its then chief executive, X"
    return role if k >= start and (doc[k].lower_ == "its" or _company_possessor(doc, k, start)) else None


def _its_role(doc: Doc, person: Span, ent_at: dict) -> tuple[list[Token], int] | None:
    """"its founder X", "its then chief executive, X": a title owned by "its" right before the name
    (or before a comma and the name); the title and the index of "its"."""
    start, j = person.sent.start, person.start - 1
    if j > start and doc[j].text == ",":
        j -= 1
    role, k = role_words_before(doc, j, start, ent_at, 5)
    if not role or role[-1].lower_ not in ROLE_HEADS or not all(t.is_lower for t in role):
        return None
    if k > start and doc[k].lower_ == "then":
        k -= 1
    return (role, k) if k >= start and doc[k].lower_ == "its" else None


@rule("affiliation.its_title", confidence=0.7, examples=[
    ("Norvik claims its troubles are punishment for the ambitions of its founder Pavel Orlov.",
     {"person": "Pavel Orlov", "org": "Norvik", "role": "founder"}),
    ("Halden Oil sold its stake, said its chief executive, Mark Berg.",
     {"person": "Mark Berg", "org": "Halden Oil", "role": "chief executive"}),
])
def its_title(run: AffiliationRun, person: Span, sent: Span) -> None:
    """A title owned by "its": the organisation "its" goes back to, the nearest named before it in the
    sentence (a person or place is no "it")."""
    found = _its_role(run.doc, person, run.ent_at)
    if found is None:
        return
    role, k = found
    named = (run.ent_at.get(i) for i in range(k - 1, sent.start - 1, -1))
    owner = next((e for e in named if e is not None and e.label_ == "ORG"), None)
    if owner is not None and owner.kb_id_ != person.kb_id_:
        run.add(person, owner, role, "affiliation.its_title", sent, possessive=True)


def _company_noun_role(run: AffiliationRun, person: Span, sent: Span) -> list[Token] | None:
    """"X, the group's vice-president of operations, said": the role after "the COMPANY-NOUN's" in
    apposition."""
    doc = run.doc
    k = person.end
    if k + 4 >= sent.end or doc[k].text != "," or doc[k + 1].lower_ != "the" \
            or not _company_possessor(doc, k + 3, k + 1):
        return None
    seg = segment(doc, k + 4, sent, run.ent_at, run.max_segment_tokens)
    if seg is None or not seg[0].is_lower or seg[0].lower_ not in ROLE_HEADS and not is_role_word(seg[0]):
        return None
    return [t for t in seg if not t.is_space]


def _org_just_named(run: AffiliationRun, person: Span, sent: Span) -> Span | None:
    """The organisation "the company" goes back to: the nearest named before the person in the sentence,
    else the one organisation the sentence before names."""
    before = [run.ent_at.get(i) for i in range(person.start - 1, sent.start - 1, -1)]
    owner = next((e for e in before if e is not None and e.label_ == "ORG"), None)
    if owner is not None or sent.start == 0:
        return owner
    prev = run.doc[sent.start - 1].sent
    orgs = {run.ent_at[i].kb_id_: run.ent_at[i] for i in range(prev.start, prev.end)
            if i in run.ent_at and run.ent_at[i].label_ == "ORG"}
    if not orgs and person.start > 1 and run.doc[person.start - 1 - (run.doc[person.start - 1].text == ",")].lower_ in SAID:
        return _one_company_before(run, sent)
    return next(iter(orgs.values())) if len(orgs) == 1 else None


SAID = ("said", "says")
# Company names end on a legal form or a business noun ("Fada Food Co", "Halvern Technologies").
_COMPANY_ENDS = LEGAL_FORMS | BUSINESS_NOUNS


def _one_company_before(run: AffiliationRun, sent: Span, back: int = 5) -> Span | None:
    """"..., said X, the company's general manager" after sentences that name no organisation: the one
    company named by its full company name in the few sentences before."""
    n = run.ctx.sent_of[sent.start]
    firms: dict[str, Span] = {}
    for s in run.ctx.sents[max(0, n - back):n]:
        for i in range(s.start, s.end):
            e = run.ent_at.get(i)
            if e is not None and e.start == i and e.label_ == "ORG" and e[-1].lower_ in _COMPANY_ENDS:
                firms[e.kb_id_] = e
    return next(iter(firms.values())) if len(firms) == 1 else None


@rule("affiliation.its_title.company_noun", confidence=0.65, examples=[
    ("Halvern Technologies opened a plant in Suzhou. Wu Gang, the company's chief financial officer, said growth "
     "was strong.", {"person": "Wu Gang", "org": "Halvern Technologies", "role": "chief financial officer"}),
    ("China is one of Halvern Technologies' key markets, said Wu Gang, the group's vice-president of operations.",
     {"person": "Wu Gang", "org": "Halvern Technologies", "role": "vice-president of operations"}),
    ("Halvern Technologies signed a deal with Norvik Bank on Monday. Wu Gang, the company's chief financial officer, said so.",
     None),
    # the company named a few sentences before, none named since
    ("Workers at Halvern Foods Co in Jilin are busy. The nuts are dried in the sun. \"We buy more,\" said Wu Gang, "
     "the company's general manager.", {"person": "Wu Gang", "org": "Halvern Foods Co", "role": "general manager"}),
])
def company_noun_title(run: AffiliationRun, person: Span, sent: Span) -> None:
    """A title owned by "the company's" / "the group's" in apposition: the organisation just named."""
    role = _company_noun_role(run, person, sent)
    owner = _org_just_named(run, person, sent) if role else None
    if owner is not None and owner.kb_id_ != person.kb_id_:
        run.add(person, owner, role, "affiliation.its_title.company_noun", sent, possessive=True)


_MEDIA_NOUNS = lexicon.words("media_nouns")


def _owned_role_before(doc: Doc, person: Span, sent: Span) -> tuple[list[Token], int] | None:
    """"the paper's editor, Labour MP X": the role after "the COMPANY-NOUN's" before the comma
    that opens the name's title run; with the index of "the"."""
    comma = next((i for i in range(person.start - 1, max(sent.start, person.start - 4) - 1, -1)
                  if doc[i].text == ","), None)
    if comma is None or any(not (t.is_title or t.is_upper) for t in doc[comma + 1:person.start]):
        return None
    poss = next((j for j in range(comma - 1, max(sent.start, comma - 5) - 1, -1) if doc[j].lower_ in POSSESSIVE), None)
    if poss is None or poss - 2 < sent.start or doc[poss - 2].lower_ != "the" \
            or doc[poss - 1].lower_ not in COMPANY_NOUNS | _MEDIA_NOUNS:
        return None
    role = list(doc[poss + 1:comma])
    if not role or not all(t.is_lower and t.is_alpha for t in role) or role[-1].lower_ not in ROLE_HEADS:
        return None
    return role, poss - 2


@rule("affiliation.its_title.company_noun_before", confidence=0.6, examples=[
    ("Lord Hale gave a talk at Norvik Bank. It was chaired by the bank's chairman, Sir Dan Frost.",
     {"person": "Dan Frost", "org": "Norvik Bank", "role": "chairman"}),
    ("Lord Hale spoke on Monday. The talk was chaired by the bank's chairman, Sir Dan Frost.", None),
])
def company_noun_title_before(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"..., written by the paper's editor, Labour MP X": a title owned by "the company's"
    before the name; the organisation is the one just named before "the"."""
    found = _owned_role_before(run.doc, person, sent)
    if found is None:
        return
    role, the = found
    owner = _org_just_named(run, run.doc[the:the + 1], sent)
    if owner is not None and owner.kb_id_ != person.kb_id_:
        run.add(person, owner, role, "affiliation.its_title.company_noun_before", sent, possessive=True)


def dominant_org(ents: dict) -> dict | None:
    """The organisation with the most mentions, at least 3 and twice any other's."""
    orgs = sorted((e for e in ents.values() if e["label"] == "ORG" and e["mentions"]),
                  key=lambda e: -len(e["mentions"]))
    if not orgs or len(orgs[0]["mentions"]) < 3:
        return None
    if len(orgs) > 1 and len(orgs[0]["mentions"]) < 2 * len(orgs[1]["mentions"]):
        return None
    return orgs[0]


@rule("affiliation.context", confidence=0.5, examples=[
    ("Corvel Systems reported record sales on Monday. Shares in Corvel Systems rose 5%. Analysts said Corvel "
     "Systems had gained market share, and chief executive Peter Hale said demand stayed strong.",
     {"person": "Peter Hale", "org": "Corvel Systems", "role": "chief executive"}),
])
def place_company_posts(run: AffiliationRun, placed: set[str]) -> None:
    """A company post with no company named, for people no other rule placed."""
    main_org = None
    for span in run.unplaced_people(placed):
        role = (bare_company_title(run.doc, span, run.ent_at) or bare_company_apposition(run, span)
                or bare_company_role_comma(run.doc, span, run.ent_at))
        if not role:
            continue
        if main_org is None:
            main_org = dominant_org(run.ents) or False
        if main_org:
            person = run.ent_at.get(span.start, span)
            first = main_org["mentions"][0] if main_org["mentions"] else [None, None]
            run.add(person, Pseudo(main_org["id"], first[0], first[1]), role, "affiliation.context", person.sent,
                    possessive=True)
            placed.add(run.ents.get(person.kb_id_, {}).get("id"))


def sentence_initial_title(doc: Doc, person: Span, ent_at: dict) -> list[Token] | None:
    """"Chief executive X was paid ...", "Director, X, said ...": a company title opening the sentence
    right before the name (or before a comma and the name), nothing else named before it."""
    start, j = person.sent.start, person.start - 1
    comma = j > start and doc[j].text == ","
    if comma:
        j -= 1
    role, k = role_words_before(doc, j, start, ent_at, 4)
    if not role or role[-1].lower_ not in COMPANY_TITLES or not all(t.is_lower for t in role[1:]):
        return None
    if len(role) == 1 and role[0].lower_ == "director" and not comma:
        return None  # "Director X was named best director": a film's director, as likely as a firm's
    if k >= start and not (k == start and doc[k].lower_ == "the"):
        return None
    return role


def _subject_org_before(run: AffiliationRun, sent: Span) -> Span | None:
    """The organisation that is the subject of the sentence before `sent` (its only subject name)."""
    n = run.ctx.sent_of[sent.start]
    if n == 0:
        return None
    prev = run.ctx.sents[n - 1]
    found = {run.ent_at[t.i].kb_id_: run.ent_at[t.i] for t in prev if t.dep_ in ("nsubj", "nsubjpass")
             and t.i in run.ent_at and t.head.i == prev.root.i}
    if len(found) != 1:
        return None
    org = next(iter(found.values()))
    return org if org.label_ == "ORG" else None


@rule("affiliation.context.previous_subject", confidence=0.55, examples=[
    ("Pay row\n\nThe Norvale Trust was closed last year after losing money. Chief executive Tom Reyes was paid a "
     "large bonus.", {"person": "Tom Reyes", "org": "Norvale Trust", "role": "Chief executive"}),
    ("Pay row\n\nNorvale Trust said it would appeal. Director, Ann Cole, said the ruling was unfair.",
     {"person": "Ann Cole", "org": "Norvale Trust", "role": "Director"}),
    # the previous sentence's subject is a person: no organisation to give the title to
    ("Pay row\n\nMary Holt said it would appeal. Director, Ann Cole, said the ruling was unfair.", None),
    ("Film awards\n\nThe Harlow Film Circle also gave Dustlands its best film award. Director Ann Cole was "
     "named best director.", None),
])
def place_previous_subject_posts(run: AffiliationRun, placed: set[str]) -> None:
    """A sentence-initial company title with no company named is the post of the organisation the
    sentence before is about (its subject), for people no other rule placed."""
    for span in run.unplaced_people(placed):
        role = sentence_initial_title(run.doc, span, run.ent_at)
        org = _subject_org_before(run, span.sent) if role else None
        if org is None or org.kb_id_ == span.kb_id_:
            continue
        person = run.ent_at.get(span.start, span)
        run.add(person, org, role, "affiliation.context.previous_subject", person.sent, possessive=True)
        placed.add(run.ents.get(person.kb_id_, {}).get("id"))
