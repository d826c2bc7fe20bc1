"""An organisation "led by" a person: "the Left-Green Movement, formerly led by X," / "a delegation of
Acme Corp led by its chairman X" — the person leads it (role "leader")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.words import EMPLOYER_LABELS
from cooptool.extract.rules import rule

# Adverbs on "led" that put the leadership in the past ("formerly led by", "once led by").
_PAST = frozenset({"formerly", "once", "previously", "then"})


def _led_verb(person: Span) -> Token | None:
    """The participle "led" whose agent ("by X") is the person."""
    by = person.root.head
    if person.root.dep_ != "pobj" or by.lower_ != "by" or by.dep_ != "agent":
        return None
    led = by.head
    return led if led.lemma_.lower() == "lead" and led.tag_ == "VBN" and led.dep_ == "acl" else None


@rule("affiliation.led_by", confidence=0.6, examples=[
    ("Budget row\n\nThe Green Alliance, led by Karin Holm since 2019, won nine seats.",
     {"person": "Karin Holm", "org": "Green Alliance", "role": "leader", "status": "current"}),
    ("Budget row\n\nThe Green Alliance, formerly led by Karin Holm, won no seats.",
     {"person": "Karin Holm", "org": "Green Alliance", "status": "former"}),
    ("Budget row\n\nA team led by Karin Holm found the flaw.", None),
])
def led_by(run: AffiliationRun, person: Span, sent: Span) -> None:
    """"ORG, (formerly) led by PERSON": the person is (was) its leader."""
    led = _led_verb(person)
    if led is None:
        return
    org = run.ent_at.get(led.head.i)
    if org is None or org.label_ not in EMPLOYER_LABELS or org.kb_id_ == person.kb_id_:
        return
    past = any(c.dep_ == "advmod" and c.lower_ in _PAST for c in led.children)
    run.add(person, org, [], "affiliation.led_by", sent, role_text="leader", status_text="former" if past else None)
