"""The head of a facility named by its kind: "Airport Manager X", "Museum Director X" in a story that
names one airport or one museum ("the New Gwadar International Airport"): that facility."""

from __future__ import annotations

from spacy.tokens import Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import Pseudo
from cooptool.extract.components.affiliations.roles import role_words_before
from cooptool.extract.components.affiliations.words import NAME_TITLES, POSSESSIVE
from cooptool.extract.components.entities.names import REFERENCE_HEADS
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule

_FACILITY_LABELS = ("ORG", "FAC")


def _facility_title(run: AffiliationRun, person: Span) -> tuple[list[Token], str] | None:
    """"Airport Manager" right before the name, nothing named before it: the title and the kind of
    facility ("airport")."""
    doc, start = run.doc, person.sent.start
    j = person.start - 1
    while j > start and doc[j].lower_.rstrip(".") in NAME_TITLES:
        j -= 1
    role, j = role_words_before(doc, j, start, run.ent_at, 4)
    if len(role) < 2 or not role[0].is_title or role[-1].lower_ not in ROLE_HEADS:
        return None
    kind = role[0].lower_
    if kind not in REFERENCE_HEADS or kind in ROLE_HEADS:
        return None
    if j >= start and (j in run.ent_at or doc[j].lower_ in POSSESSIVE or doc[j].is_title and doc[j].is_alpha):
        return None  # "Gwadar Airport Manager X", "the city's airport manager": the title patterns decide
    return role, kind


def _only_facility(run: AffiliationRun, kind: str) -> dict | None:
    """The one organisation or facility of the story whose name ends with the kind ("... Airport")."""
    found = [e for e in run.ents.values() if e["label"] in _FACILITY_LABELS and e["mentions"]
             and e["name"].lower().split()[-1:] == [kind] and len(e["name"].split()) > 1]
    return found[0] if len(found) == 1 else None


@rule("affiliation.facility_head", confidence=0.7, examples=[
    ("Port reopens\n\nThe Sonmiani International Airport reopened on Sunday. \"The runway is ready,\" "
     "Airport Manager Tariq Baloch told reporters.",
     {"person": "Tariq Baloch", "org": "Sonmiani International Airport", "role": "Airport Manager"}),
    ("Port reopens\n\nThe Sonmiani International Airport and the Ormara International Airport reopened. "
     "\"The runway is ready,\" Airport Manager Tariq Baloch told reporters.", None),
])
def place_facility_heads(run: AffiliationRun, placed: set[str]) -> None:
    """A facility's head with no facility named, for people no other rule placed."""
    for span in run.unplaced_people(placed):
        found = _facility_title(run, span)
        facility = _only_facility(run, found[1]) if found else None
        if facility is None:
            continue
        person = run.ent_at.get(span.start, span)
        first = facility["mentions"][0][:2]
        run.add(person, Pseudo(facility["id"], *first), found[0], "affiliation.facility_head", person.sent,
                possessive=True)
        placed.add(run.ents.get(person.kb_id_, {}).get("id"))
