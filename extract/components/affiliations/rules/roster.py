"""On an organisation's roster: "Harlow Records' artists include Ana Ruiz, Tom Reid and Kira Bell" — each listed
person is one of its artists (players, acts); the names are found by `entity.roster`."""

from __future__ import annotations

from spacy.tokens import Span

from cooptool.extract import lexicon
from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.words import ORG_LABELS
from cooptool.extract.components.entities.finders import roster_lists
from cooptool.extract.rules import rule

_FIRM_ROSTERS = lexicon.where("roster_nouns", 1, "firm")


@rule("affiliation.roster", confidence=0.6, examples=[
    ("Label deal\n\nVantor's artists include KJ Mellow, Tessaly and Rook Darrin.",
     {"person": "Rook Darrin", "org": "Vantor", "role": "artist"}),
    ("Label deal\n\nVantor's plans include a tour with Rook Darrin.", None),
])
def roster(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"ORG's ROLEs include A, B and C": the person is one of the listed names."""
    for poss_end, noun, names in roster_lists(person.doc):
        if not (sent.start <= poss_end < sent.end) or (person.start, person.end) not in names:
            continue
        org = run.ent_at.get(poss_end)
        lemma = person.doc[noun].lemma_.lower()
        # "Harlow's artists": the model may call the label a person; only a firm has artists.
        if org is None or org.kb_id_ == person.kb_id_ or not (
                org.label_ in ORG_LABELS or org.label_ == "PERSON" and lemma in _FIRM_ROSTERS):
            continue
        run.add(person, org, [], "affiliation.roster", sent, role_text=lemma)
