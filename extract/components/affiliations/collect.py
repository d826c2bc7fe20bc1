"""One document's affiliation run: the shared views, and `add`, which checks a candidate the rules
found and keeps the best record for each person and organisation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.affiliations.orgs import (
    Pseudo,
    is_place_or_people,
    is_portfolio_nationality,
    nationality_in_role,
    org_description_start,
    state_of_nationality,
)
from cooptool.extract.components.affiliations.roles import role_heads, status, strip_role, valid_role
from cooptool.extract.components.affiliations.words import ROLE_WORDS
from cooptool.extract.components.context import DocContext, context_of
from cooptool.extract.components.entities import relabel
from cooptool.extract.components.entities.names import INSTITUTION_HEADS
from cooptool.extract.lexicon import COUNTRIES, DEMONYM_COUNTRY, PUBLIC_OFFICES
from cooptool.extract.profiles import status_of_words
from cooptool.extract.records import entity_id
from cooptool.extract.rules import named

# Rules whose records may name no role ("Kazuhiro Takahashi of Daiwa Securities said").
NO_ROLE_RULES = frozenset({"affiliation.of_org", "affiliation.of_org.listed", "affiliation.works_for", "affiliation.owns", "affiliation.possessive",
                           "affiliation.led_by", "affiliation.owner_possessive", "affiliation.joined",
                           "affiliation.apposition.who_heads", "affiliation.founded",
                           "affiliation.one_of", "affiliation.heads", "affiliation.roster"})


# Heads of a title that say someone is running for a post ("Democratic challenger X"): a party's, or a
# country's when it is named ("US presidential candidate X"), never a nationality's.
_RUNNING = frozenset({"candidate", "candidates", "challenger"})

_BOARD = re.compile(r"(?i)^(the )?board( of (directors|supervisors|governors|trustees))?$")


def _says_past(role: str) -> bool:
    """The role's own words already say it is a past one ("ex-chairman", "then chancellor")."""
    return status_of_words(role.split()) == "former"


class AffiliationRun:
    """What the rules read and write for one Doc: its context, the entities by id (including the
    governments this run adds) and the records found so far."""

    def __init__(self, doc: Doc, max_segment_tokens: int):
        self.doc = doc
        self.ctx: DocContext = context_of(doc)
        self.max_segment_tokens = max_segment_tokens
        self.found: dict[tuple[str, str], dict] = {}

    @property
    def ent_at(self) -> dict[int, Span]:
        # Read afresh by each rule: a relabel rebuilds the view.
        return self.ctx.ent_at

    @property
    def ents(self) -> dict[str, dict]:
        return self.ctx.entities

    def placed(self) -> set[str]:
        return {r["person_id"] for r in self.found.values()}

    def unplaced_people(self, placed: set[str]) -> Iterator[Span]:
        """The PERSON entities whose person is not in `placed`, checked as each is reached, so a rule that
        places someone skips their later mentions."""
        for span in self.ctx.ents:
            if span.label_ == "PERSON" and self.ents.get(span.kb_id_, {}).get("id") not in placed:
                yield span

    def government_of(self, country: str) -> dict:
        """The "<country> government" entity, added to the document's entities if new."""
        name = f"{country} government"
        eid = entity_id("ORG", name)
        ents = self.ents
        if eid in ents:
            return ents[eid]
        aliases = [country, *self._country_forms(country)] + (["government"] if "government" in self.ctx.text.lower() else [])
        entity = {"id": eid, "name": name, "label": "ORG", "aliases": aliases, "mentions": []}
        self.doc._.entities.append(entity)
        ents[eid] = entity
        return entity

    def _country_forms(self, country: str) -> list[str]:
        """The other names and adjectives of the country the article writes ("Britain", "British" for
        the UK), as written: forms of the one organisation a reader may look it up by."""
        text = self.ctx.text
        forms = [f for f, c in (*COUNTRIES.items(), *DEMONYM_COUNTRY.items()) if c == country and f != country.lower()]
        out = []
        for form in forms:
            m = re.search(rf"\b{re.escape(form)}\b", text, re.IGNORECASE)
            if m and m.group(0)[:1].isupper() and m.group(0) != country and m.group(0) not in out:
                out.append(m.group(0))
        return out

    # ---- add: the checks every candidate passes, in order ----------------------------------

    def add(self, person: Span, org, role_tokens: list[Token], rule_name: str, sent: Span,
            possessive: bool = False, role_text: str | None = None, status_text: str | None = None) -> None:
        """`role_text`/`status_text`: what a rule reads from words that are not a title ("led by X": the
        leader; "formerly led by": former)."""
        toks = strip_role(self._without_description(role_tokens, org))
        if not self._acceptable(org, toks, rule_name, possessive):
            return
        if org.label_ == "PERSON":
            moved = self._firm_not_person(person, org)
            if moved is None:
                return
            person, org = moved
        org = self._ministry_of_portfolio(org, toks)
        placed = self._government_for_nationality(org, toks)
        if placed is None:
            return
        org, toks = placed
        p, o = self.ents.get(person.kb_id_), self.ents.get(org.kb_id_)
        if p is None or o is None or p["label"] != "PERSON" or p["id"] == o["id"]:
            return
        rec = self._record(p, o, person, org, toks, rule_name, sent)
        if role_text:
            rec["role"] = role_text
        if status_text:
            rec["status"] = status_text
        self._keep(rec)

    def _without_description(self, role_tokens: list[Token], org) -> list[Token]:
        """"director of Sheffield-based consulting group MEPS": the role is "director"."""
        if role_tokens and org.start > 0 and role_tokens[-1].i == org.start - 1:
            described = org_description_start(self.doc, org.start, role_tokens[0].i, self.ent_at)
            if described is not None:
                return [t for t in role_tokens if t.i < described]
        return role_tokens

    @staticmethod
    def _acceptable(org, toks: list[Token], rule_name: str, possessive: bool) -> bool:
        if not valid_role(toks) and not (rule_name in NO_ROLE_RULES and not toks):
            return False
        if is_place_or_people(org) and not possessive and not role_heads(toks) & PUBLIC_OFFICES:
            return False  # "US lawyer X" is a nationality, not an employer; "Spain's director X" is not
        if getattr(org, "label_", None) == "NORP" and role_heads(toks) and role_heads(toks) <= _RUNNING \
                and " ".join(org.text.lower().split()) in DEMONYM_COUNTRY:
            return False  # "French presidential candidate X": running for a post is no post of France's
        if hasattr(org, "text") and _BOARD.match(org.text):
            return False  # "chair of the Board of Directors of Y": the board is Y's, not an employer
        # "Shadow Home Secretary": the "organisation" is part of the title
        # (the model calls "Shadow" a PRODUCT too; a nationality, "Chinese Premier", is not one)
        # ("Country Media Group", three words ending on an institution's head, is a name).
        return not (hasattr(org, "doc") and org.label_ not in ("NORP", "GPE", "LOC") and org.start >= 0
                    and all(t.lower_ in ROLE_WORDS for t in org)
                    and not (len(org) >= 3 and org[-1].lower_ in INSTITUTION_HEADS))

    def _firm_not_person(self, person: Span, org: Span) -> tuple[Span, Span] | None:
        """"an analyst at Carter Hollis", "Ryanair chief executive X": the model called the firm a
        person. The entity resolver's label is rewritten (a back-edge into `cooptool_entities`)."""
        if relabel(self.doc, org.kb_id_, "ORG") is None:
            return None
        # relabel replaced doc.ents and changed an entity's id: the context's token and id views
        # are stale until rebuilt, for the rules still to run and for the components after this one.
        self.ctx.entities_changed()
        ent_at = self.ent_at
        return ent_at[person.start], ent_at[org.start]

    def _ministry_of_portfolio(self, org, toks: list[Token]):
        """"China's deputy minister of science and technology" in a story that names the "Ministry of
        Science and Technology": the minister works at that ministry, not only for the country."""
        if getattr(org, "label_", None) not in ("GPE", "NORP"):
            return org
        words = [t.lower_ for t in toks]
        k = next((n for n in range(len(words) - 2) if words[n] == "minister" and words[n + 1] in ("of", "for")), None)
        if k is None:
            return org
        portfolio = " ".join(words[k + 2:])
        name = f"ministry of {portfolio}"
        ministry = next((e for e in self.ents.values() if e["label"] == "ORG" and e["mentions"]
                         and e["name"].lower().removeprefix("the ") == name), None)
        if ministry is None or self._country_of(org) != self._top_country():
            return org  # a ministry of the country the story is about ("Kenya's minister of trade" is not China's)
        first = ministry["mentions"][0]
        return Pseudo(ministry["id"], first[0], first[1])

    def _country_of(self, org) -> str | None:
        name = self.ents.get(org.kb_id_, {}).get("name", org.text).lower()
        return COUNTRIES.get(name) or DEMONYM_COUNTRY.get(name)

    def _top_country(self) -> str | None:
        """The country the document names most (its place names and nationalities), if one leads."""
        counts: dict[str, int] = {}
        for e in self.ents.values():
            country = COUNTRIES.get(e["name"].lower()) or DEMONYM_COUNTRY.get(e["name"].lower()) \
                if e["label"] in ("GPE", "NORP") else None
            if country:
                counts[country] = counts.get(country, 0) + max(1, len(e["mentions"]))
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None

    def _government_for_nationality(self, org, toks: list[Token]):
        """"Finnish Prime Minister X", "Chinese Ambassador Y": the post is the country's government's,
        not the adjective's ("Chancellor — German" was no organisation anyone can query)."""
        country = state_of_nationality(org, toks)
        if not country and is_portfolio_nationality(org, toks):
            # "former Irish minister for European affairs": Ireland's post; with no nationality in the
            # role ("minister for European affairs") the adjective names no organisation at all.
            country = nationality_in_role(toks)
            if not country:
                return None
        if not country:
            return org, toks
        gov = self.government_of(country)
        if org.text not in gov["aliases"]:
            gov["aliases"].append(org.text)
        if toks and org.end == toks[0].i:
            toks = [*org, *toks]  # "Welsh First Minister": the role as written
        return Pseudo(gov["id"], org.start_char, org.end_char), toks

    def _record(self, p: dict, o: dict, person: Span, org, toks: list[Token], rule_name: str, sent: Span) -> dict:
        doc = self.doc
        role = " ".join(doc[toks[0].i:toks[-1].i + 1].text.split()) if toks else None
        role_status = status(doc, toks, org, person, sent)
        if role and role_status == "former" and not _says_past(role):
            role = f"former {role}"  # "Former Tory chancellor X": the role is a past one, as written
        text = sent.text
        return {
            "person": p["name"], "person_id": p["id"], "role": role, "org": o["name"], "org_id": o["id"],
            "org_aliases": o["aliases"], "evidence": text.strip(),
            "start": sent.start_char + (len(text) - len(text.lstrip())),
            "end": sent.end_char - (len(text) - len(text.rstrip())),
            "person_start": person.start_char, "person_end": person.end_char,
            "org_start": org.start_char, "org_end": org.end_char, "pattern": rule_name,
            "confidence": named(rule_name).confidence, "status": role_status,
        }

    def _keep(self, rec: dict) -> None:
        """One record per person and organisation: the most confident, then the longest role."""
        key = (rec["person_id"], rec["org_id"])
        old = self.found.get(key)
        if old is None or (rec["confidence"], len(rec["role"] or "")) > (old["confidence"], len(old["role"] or "")):
            self.found[key] = rec

    def records(self) -> list[dict]:
        return sorted(self.found.values(), key=lambda r: (r["person_start"], r["org_start"] or 0))
