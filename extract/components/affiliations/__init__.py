"""`cooptool_affiliations`: who holds which role at which organisation.

Runs after `cooptool_entities` and reads its resolved `doc.ents`. Each pattern of news wording is a
named rule (`extract/rules.py`) in `rules/`:

- `rules/apposition.py` — a role after the name: "Li Jing, sustainable development officer ... of JA
  Solar Technology Co., Ltd., ..."; "Paul Newsome, an insurance analyst at AG Edwards"; "Ian Smith,
  Reed Elsevier's chief executive, ..."; "X, who is chairman of Y"; the copula "Terry Leahy is the
  chief executive of Tesco";
- `rules/title.py` — a title before the name: "AmCham China President Michael Hart", "UK chancellor
  Gordon Brown", "Microsoft's chairman Bill Gates"; and before a comma: "The chief executive of Tesco,
  Terry Leahy, said";
- `rules/prep.py` — an employer with no role: "Kazuhiro Takahashi of Daiwa Securities", "X, who works
  for Y", "ABN Amro's Eddie Wong said";
- `rules/government.py` — public posts with no government named ("Education Secretary Ruth Kelly"):
  the government of the country the article is about;
- `rules/company.py` — company posts with no company named: the organisation the article is about;
- `rules/international.py` — "European Trade Commissioner X", "Secretary-General X": the EU's, the UN's, when the story names it;
- `rules/facility.py` — "Airport Manager X": the one airport (museum, hospital) the story names;
- `rules/appointment.py` — "Corvel named Peter Hale as its new chief executive"; "X, who joined Y in 2016";
- `rules/founded.py` — "Y was founded by X", "X founded Y": the founder;
- `rules/one_of.py` — "X, one of Y's lawyers": one of its staff;
- `rules/roster.py` — "Y's artists include A, B and C": on its roster;
- `rules/byline.py` — "Author: staff reporter ZHOU LIN" with "Source: China Today".

The role-word scanner is `roles.py`; organisation helpers are `orgs.py`; `collect.py` checks each
candidate and keeps the best record per person and organisation. A country or government is the
organisation only for public offices ("UK chancellor Gordon Brown", "finance minister of India"),
never for "a US lawyer" or "an analyst in London".

Sets `doc._.affiliations`: plain dicts with person/org ids and names, role, evidence sentence,
offsets, pattern (the rule's name) and confidence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import is_place_or_people, org_description_start
from cooptool.extract.components.affiliations.roles import is_role_word, role_heads
from cooptool.extract.components.affiliations.rules.appointment import appointment, joined_org
from cooptool.extract.components.affiliations.rules.apposition import (
    apposition,
    copula,
    graduated_from,
    pronoun_copula,
    serves_as,
    who_heads,
    who_is_later,
)
from cooptool.extract.components.affiliations.rules.byline import byline
from cooptool.extract.components.affiliations.rules.company import (
    company_noun_title,
    company_noun_title_before,
    its_title,
    place_company_posts,
    place_previous_subject_posts,
)
from cooptool.extract.components.affiliations.rules.facility import place_facility_heads
from cooptool.extract.components.affiliations.rules.founded import founded
from cooptool.extract.components.affiliations.rules.government import (
    government_post,
    place_described_heads,
    place_government_posts,
    place_shadow_posts,
    politics_signs,
)
from cooptool.extract.components.affiliations.rules.international import (
    place_eu_commissioners,
    place_un_secretaries_general,
)
from cooptool.extract.components.affiliations.rules.led_by import led_by
from cooptool.extract.components.affiliations.rules.one_of import one_of
from cooptool.extract.components.affiliations.rules.prep import (
    listed_of_org,
    of_org,
    owner_possessive,
    owns,
    possessive_org,
    works_for,
)
from cooptool.extract.components.affiliations.rules.roster import roster
from cooptool.extract.components.affiliations.rules.title import (
    envoy_to,
    place_short_head_titles,
    role_comma,
    role_comma_listed,
    title_before,
    title_listed,
)
from cooptool.extract.components.affiliations.words import COMPANY_TITLES, ORG_LABELS
from cooptool.extract.components.context import context_of

if not Doc.has_extension("affiliations"):
    Doc.set_extension("affiliations", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)

# The rules read at each person, in order (the first record per person and organisation wins a tie).
PERSON_RULES = (apposition, title_before, title_listed, role_comma, role_comma_listed, copula, serves_as, pronoun_copula, who_heads, who_is_later, of_org, listed_of_org, possessive_org, works_for, owns, led_by,
                owner_possessive, appointment, joined_org, founded, one_of, roster, its_title, company_noun_title, company_noun_title_before, envoy_to, graduated_from)
# Then, for the people still unplaced, the posts whose organisation is inferred, in order.
UNPLACED_PASSES = (place_government_posts, place_shadow_posts, place_company_posts, place_facility_heads,
                   place_eu_commissioners, place_un_secretaries_general, place_short_head_titles,
                   place_previous_subject_posts, place_described_heads)

__all__ = [
    "COMPANY_TITLES", "ORG_LABELS", "PERSON_RULES", "UNPLACED_PASSES", "AffiliationExtractor", "government_post",
    "is_place_or_people", "is_role_word", "org_description_start", "politics_signs", "role_heads",
]


class AffiliationExtractor:
    def __init__(self, nlp: Language, name: str, max_segment_tokens: int = 40):
        self.name = name
        self.max_segment_tokens = max_segment_tokens

    def __call__(self, doc: Doc) -> Doc:
        run = AffiliationRun(doc, self.max_segment_tokens)
        for span in list(context_of(doc).ents):
            if span.label_ != "PERSON":
                continue
            span = run.ent_at.get(span.start, span)  # a relabel may have replaced the span objects
            if span.label_ != "PERSON":
                continue
            sent = span.sent
            for person_rule in PERSON_RULES:
                person_rule(run, span, sent)
        placed = run.placed()
        for unplaced_pass in UNPLACED_PASSES:
            unplaced_pass(run, placed)
        doc._.affiliations = run.records() + byline(run)
        return doc


@Language.factory("cooptool_affiliations", default_config={"max_segment_tokens": 40},
                  requires=["doc.ents", "doc._.entities", "token.dep", "token.tag"],
                  assigns=["doc._.affiliations", "doc.ents"])
def make_affiliation_extractor(nlp: Language, name: str, max_segment_tokens: int) -> AffiliationExtractor:
    return AffiliationExtractor(nlp, name, max_segment_tokens)
