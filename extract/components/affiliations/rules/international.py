"""Posts of international bodies with the body not written in the title, when the story names it:
"European Justice and Home Affairs Commissioner X" (the model reads "European Justice" as an
organisation) is the EU's; "Secretary-General X" with nothing before it is the UN's."""

from __future__ import annotations

from spacy.tokens import Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import Pseudo
from cooptool.extract.components.affiliations.words import NAME_TITLES, POSSESSIVE
from cooptool.extract.rules import rule

# How a story names the EU and the UN, the preferred form first.
_EU_FORMS = ("european commission", "european union", "eu")
_UN_FORMS = ("united nations", "un")
_TITLE_JOINERS = ("and", "&", "-")


def _commissioner_title(run: AffiliationRun, person: Span) -> list[Token] | None:
    """"European [portfolio] Commissioner" right before the name, nothing before it that names
    another body ("the Council's European Affairs Commissioner")."""
    doc, start = run.doc, person.sent.start
    j = person.start - 1
    while j > start and doc[j].lower_.rstrip(".") in NAME_TITLES:
        j -= 1
    if j <= start or doc[j].lower_ != "commissioner":
        return None
    k = j
    while k > start and j - k < 8 and (doc[k - 1].is_title or doc[k - 1].lower_ in _TITLE_JOINERS):
        k -= 1
    while k < j and doc[k].text != "European":
        k += 1  # the title begins at "European" ("Outgoing European ...": the word before is no name)
    if doc[k].text != "European" or k == j:
        return None
    if k > start and (doc[k - 1].lower_ in POSSESSIVE or run.ent_at.get(k - 1) is not None):
        return None
    return list(doc[k:j + 1])


def _named_body(run: AffiliationRun, forms: tuple[str, ...]) -> dict | None:
    by_name = {e["name"].lower(): e for e in run.ents.values() if e["label"] == "ORG" and e["mentions"]}
    return next((by_name[f] for f in forms if f in by_name), None)


@rule("affiliation.eu_commissioner", confidence=0.7, examples=[
    ("Asylum plans\n\nA spokesman for European Justice and Home Affairs Commissioner Marco Bellini said the "
     "plans broke EU law.",
     {"person": "Marco Bellini", "org": "EU", "role": "European Justice and Home Affairs Commissioner"}),
    ("Asylum plans\n\nEuropean Trade Commissioner Marco Bellini said the plans were unwise.", None),
])
def place_eu_commissioners(run: AffiliationRun, placed: set[str]) -> None:
    """A European Commissioner no other rule placed."""
    eu = None
    for span in run.unplaced_people(placed):
        role = _commissioner_title(run, span)
        if role is None:
            continue
        eu = eu or _named_body(run, _EU_FORMS)
        if eu is None:
            return
        person = run.ent_at.get(span.start, span)
        first = eu["mentions"][0][:2]
        run.add(person, Pseudo(eu["id"], *first), role, "affiliation.eu_commissioner", person.sent, possessive=True)
        placed.add(run.ents.get(person.kb_id_, {}).get("id"))


def _secretary_general_title(run: AffiliationRun, person: Span) -> list[Token] | None:
    """"Secretary-General X", "Secretary General X" with nothing before the title that names a body
    ("NATO Secretary-General X", "the alliance's Secretary General") or qualifies it ("Deputy")."""
    doc, start = run.doc, person.sent.start
    j = person.start - 1
    if j - 1 <= start or doc[j].text != "General":
        return None
    k = j - 2 if doc[j - 1].text == "-" else j - 1
    if k < start or doc[k].text != "Secretary":
        return None
    if k > start and (doc[k - 1].is_title or doc[k - 1].lower_ in POSSESSIVE or k - 1 in run.ent_at
                      or doc[k - 1].lower_ in ("deputy", "under", "assistant", "former", "ex", "-")):
        return None
    return list(doc[k:j + 1])


@rule("affiliation.un_secretary_general", confidence=0.7, examples=[
    ("Women's day\n\nThe United Nations marked the day. Speakers included Secretary-General Maria Okonkwo and "
     "two ministers.", {"person": "Maria Okonkwo", "org": "United Nations", "role": "Secretary-General"}),
    ("Summit\n\nThe UN and NATO met. NATO Secretary-General Maria Okonkwo spoke.", None),
])
def place_un_secretaries_general(run: AffiliationRun, placed: set[str]) -> None:
    """A bare "Secretary-General" no other rule placed, in a story that names the UN."""
    for span in run.unplaced_people(placed):
        role = _secretary_general_title(run, span)
        un = _named_body(run, _UN_FORMS) if role else None
        if un is None:
            continue
        person = run.ent_at.get(span.start, span)
        first = un["mentions"][0][:2]
        run.add(person, Pseudo(un["id"], *first), role, "affiliation.un_secretary_general", person.sent,
                possessive=True)
        placed.add(run.ents.get(person.kb_id_, {}).get("id"))
