"""Who a speaker mention stands for: names, surnames, pronouns and "the company" resolved to entities.

Reads what `cooptool_entities` left on the Doc (`doc.ents` with `kb_id_`, `doc._.entities`) and
`doc._.affiliations`; it never changes them. Pronouns go to the nearest earlier person of a
compatible gender, preferring subjects; "it" and "the company" to the nearest earlier organisation.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.context import context_of
from cooptool.extract.components.quotes import Quote, quote_index
from cooptool.extract.lexicon import (
    COUNTRIES,
    DEMONYM_COUNTRY,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)

MALE_PRONOUNS = {"he", "him", "his"}
FEMALE_PRONOUNS = {"she", "her", "hers"}
# Words before a name that give its gender ("Mr", "chairwoman").
MALE_TITLES = lexicon.where("personal_titles", 1, "male")
FEMALE_TITLES = lexicon.where("personal_titles", 1, "female")
# "Mr", "Ms.", "Dame": titles of courtesy, surer of a gender than a post ("chairman") or a given name.
COURTESY_TITLES = lexicon.where("personal_titles", 1, "person-evidence") | {
    w for w in MALE_TITLES | FEMALE_TITLES if w.endswith(".")}
# "the company said": nouns that stand for the organisation just named.
ORG_NOUNS = lexicon.where("org_nouns", 1, "anaphor")
# "the Israeli military", "the police": the words in the name of the force the noun stands for.
FORCE_NOUNS = {k: tuple(v.split(",")) for k, v in lexicon.mapping("force_nouns").items()}
# Titles that name someone else than the plain role ("shadow chancellor" is not the chancellor).
RIVAL_MODIFIERS = lexicon.words("rival_modifiers")
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "representative", "statement", "spokesmen"}
ORG_TYPES = {"ORG": "ORG", "GPE": "GPE"}
# What says something on its author's behalf: "according to a report by X", "the IMF's survey".
DOCUMENT_NOUNS = lexicon.words("document_nouns")
SPEAKING_VERBS = lexicon.words("speaking_verbs")
PUBLISHING_VERBS = lexicon.words("publishing_verbs")
# Words that make a name an organisation's ("Harlow Council", "Acme Holdings").
ORG_NAME_WORDS = lexicon.union("org_designators", "company_words", "org_nouns")
# Prepositions that name a document's author or publisher ("by", "from", "in the Financial Times").
AUTHOR_PREPS = {"by", "from", "in", "at"}
# "the Russian government said": a nation's government speaks for the country.
GOVERNMENT_HEADS = {"government", "govt"}


def _opening_or_title_case(toks: list[Token], head: Token) -> bool:
    """A lone capitalised word opening its sentence ("Research found ...") or a sentence mostly in
    capitals (a headline in title case) gives no name to go by."""
    sent = [t for t in head.sent if t.is_alpha]
    return len(toks) == 1 and toks[0].i == head.sent.start or sum(t.text[:1].isupper() for t in sent) * 2 > len(sent)


@dataclass
class _Mention:
    """A speaker mention being resolved: its head, its character span, and the name found for it."""

    head: Token
    start: int
    end: int
    span: Span | None


@dataclass
class Speaker:
    name: str | None
    entity_id: str | None
    label: str | None  # PERSON, ORG or GPE
    start: int  # character offsets of the mention as written
    end: int
    aliases: list[str]
    via: str  # name | pronoun | description | unnamed


def _gender_from_courtesy(doc: Doc, span: Span) -> str | None:
    """"Ms Berry", "Mr. Li": a courtesy title right before the name."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return _gender_from_title(doc, span) if before in COURTESY_TITLES else None


def _courtesy_genders(doc: Doc, people: list[Span]) -> dict[str, str]:
    """"chairman Jan Berry ... Ms Berry": a courtesy title anywhere in the text says more than a post
    before the first mention; only when every courtesy title of that person agrees, and no given name
    of theirs says otherwise ("Bill Clinton ... Mrs. Clinton" is two people the linker joined)."""
    titles: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for span in people:
        g = _gender_from_courtesy(doc, span)
        if g:
            titles.setdefault(span.kb_id_, set()).add(g)
        first = span[0].lower_
        named = "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None
        if named:
            names.setdefault(span.kb_id_, set()).add(named)
    return {eid: next(iter(gs)) for eid, gs in titles.items() if len(gs) == 1 and names.get(eid, gs) == gs}


def _gender_from_title(doc: Doc, span: Span) -> str | None:
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in MALE_TITLES:
        return "m"
    if before in FEMALE_TITLES:
        return "f"
    return None


def _gender_from_text(doc: Doc, span: Span) -> str | None:
    title = _gender_from_title(doc, span)
    if title:
        return title
    first = span[0].lower_
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


# "the UN chief", "the Tesco boss": words for whoever heads an organisation, and the roles that do.
_HEAD_WORDS = frozenset("chief head boss leader chairman chairwoman".split())
_TOP_ROLE_WORDS = lexicon.words("top_roles")
# Words before a role that make "the new chancellor" someone else than the one named before.
_CHANGE_OF_HOLDER = frozenset({"new", "previous", "outgoing", "incoming", "then"})


def speaker_resolver(doc: Doc) -> SpeakerResolver:
    """A resolver for one component of the pipeline: the per-document part (token -> quote and entity
    indexes, the genders the text gives) is built once per Doc and kept in its context; the answers
    and the speakers bound so far are the caller's own, so claims, fact subjects and events each
    resolve as if they had built it themselves."""
    return context_of(doc).shared("speaker_resolver", lambda ctx: SpeakerResolver(ctx.doc)).fork()


class SpeakerResolver:
    def fork(self) -> SpeakerResolver:
        """A resolver sharing this one's indexes, with a gender table of its own (pronouns add to
        it) and no answers or bound speakers yet."""
        other = copy.copy(self)
        other.gender = dict(self.gender)
        other.recent = []
        other._resolved = {}
        return other

    def __init__(self, doc: Doc, quotes: list[Quote] | None = None):
        self.doc = doc
        ctx = self.ctx = context_of(doc)
        # Token index -> quote number, for names inside quotation marks: a narrative "he said"
        # never refers to someone the quoted speaker mentioned.
        self.quote_of = ctx.quote_of if quotes is None else quote_index(doc, quotes)
        self.entities = ctx.entities
        self.ent_at: dict[int, Span] = ctx.ent_at
        self.gender: dict[str, str] = {}
        people = [span for span in ctx.ents if self._label(span) == "PERSON"]
        self.gender.update(_courtesy_genders(doc, people))
        for span in people:
            if span.kb_id_ not in self.gender:
                g = _gender_from_text(doc, span)
                if g:
                    self.gender[span.kb_id_] = g
        # Speakers bound so far, so that "he said" after "Smith said" agrees with the text.
        self.recent: list[tuple[int, str]] = []
        self._resolved: dict[int, Speaker] = {}

    def _label(self, span: Span) -> str | None:
        ent = self.entities.get(span.kb_id_)
        return ent["label"] if ent else span.label_

    def _speaker(self, span: Span, start: int, end: int, via: str) -> Speaker:
        ent = self.entities.get(span.kb_id_)
        label = self._label(span)
        if ent is None or label not in ("PERSON", "ORG", "GPE"):
            return Speaker(None, None, None, start, end, [], "unnamed")
        return Speaker(ent["name"], ent["id"], label, start, end, list(ent["aliases"]), via)

    def mention(self, head: Token) -> tuple[int, int]:
        """Character span of the speaker phrase headed by `head`: the entity, else its noun phrase."""
        span = self.ent_at.get(head.i)
        if span is not None:
            return span.start_char, span.end_char
        doc = self.doc
        left, right = min([head.left_edge.i] + [t.left_edge.i for t in _hyphen_prefix(head)]), head.i
        for i in range(head.i + 1, head.right_edge.i + 1):
            tok = doc[i]
            if tok.text in (",", "(", "—", "–", ";", ":") or tok.dep_ in ("relcl", "acl") or tok.lower_ in (
                    "who", "which", "that"):
                break
            right = i
        while left < right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ == "cc"):
            right -= 1
        return doc[left].idx, doc[right].idx + len(doc[right].text)

    def _titled_person_after(self, org: Span) -> Span | None:
        """"said Treasury Under Secretary John Taylor": the parser may make the organisation the
        subject; the speaker is the person its title leads to."""
        doc = self.doc
        i = org.end
        while i < len(doc) and i - org.end < 5 and i not in self.ent_at and (
                doc[i].lower_ in ROLE_HEADS | ROLE_MODIFIERS or doc[i].lower_ == "under"):
            i += 1
        if i == org.end or doc[i - 1].lower_ not in ROLE_HEADS:
            return None
        person = self.ent_at.get(i)
        return person if person is not None and person.start == i and self._label(person) == "PERSON" else None

    def resolve(self, head: Token) -> Speaker:
        # One answer per mention: a split quote asks about its "he said" twice, and the
        # speakers bound in between must not change it.
        if head.i not in self._resolved:
            self._resolved[head.i] = self._resolve(head)
        return self._resolved[head.i]

    def _resolve(self, head: Token) -> Speaker:
        """The stages in `STAGES` order: the first that answers names the speaker."""
        m = _Mention(head, *self.mention(head), self.ent_at.get(head.i))
        for stage in self.STAGES:
            sp = stage(self, m)
            if sp is not None:
                return sp
        return _unnamed(m)

    # ---- resolution stages: each returns a Speaker, or None to pass the mention on ---------------

    def _held_post(self, m: _Mention) -> Speaker | None:
        """"the Veritas leader said", "the Salford MP told": the holder of that post, not the party or place."""
        head = m.head
        if m.span is not None or head.lower_ not in ROLE_HEADS or head.lower_ in SPOKES:
            return None
        has_the = any(d.lower_ == "the" for d in head.children)
        if not any(c.dep_ in ("compound", "poss") and (c.ent_type_ == "ORG" or c.ent_type_ in ("GPE", "LOC", "NORP")
                                                      and has_the) for c in head.children):
            return None
        holder = self._role_holder(head)
        return self._bound(m, holder, "description") if holder is not None else None

    def _name_in_phrase(self, m: _Mention) -> Speaker | None:
        """The name the phrase headed by the mention carries; never answers, only sets `m.span`."""
        head = m.head
        if m.span is None:
            m.span = self._named_child(head)
        if m.span is None and head.lower_ in ROLE_HEADS and not any(c.dep_ == "det" for c in head.children):
            # "Chinese Ambassador to the US Xie Feng noted": the parse heads the subject on the title.
            m.span = self._person_in_subtree(head)
            if m.span is not None:
                m.start, m.end = min(m.start, m.span.start_char), max(m.end, m.span.end_char)
        if m.span is None and head.lower_ in ROLE_HEADS:
            m.span = self._name_before_open_apposition(head)
        if m.span is not None and self._label(m.span) != "PERSON":
            titled = self._titled_person_after(m.span)
            if titled is None and head.lower_ in ROLE_HEADS:
                # "US Special Envoy for Climate John Kerry said": headed on the title, the place a compound
                titled = self._person_in_subtree(head)
            if titled is not None:
                m.span, m.start, m.end = titled, titled.start_char, titled.end_char
        return None

    def _name_before_open_apposition(self, head: Token) -> Span | None:
        """"X, China's permanent representative said": the apposition's closing comma is left out, so the
        parse makes the title the subject; the person named right before its comma is the speaker (not
        when the name has a part of its own in the clause: "after meeting X, the minister said")."""
        left = head.left_edge.i
        if left < 2 or head.doc[left - 1].text != ",":
            return None
        person = self.ent_at.get(left - 2)
        if person is None or self._label(person) != "PERSON" or person.end != left - 1:
            return None
        if person.root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "poss"):
            return None
        return person

    def _named_child(self, head: Token) -> Span | None:
        """"Hart, the ambassador, said": the name may be a compound or apposition of the head."""
        for child in head.children:
            if child.dep_ == "compound" and head.tag_ == "NNS" and child.ent_type_ in ("GPE", "NORP", "LOC"):
                continue  # "UK regulators said": people from a place, not the place
            if child.dep_ in ("compound", "appos", "flat") and child.i in self.ent_at and \
                    self._label(self.ent_at[child.i]) in ("PERSON", "ORG", "GPE"):
                return self.ent_at[child.i]  # not a title in apposition ("a book, The Long Game")
        return None

    def _person_in_subtree(self, head: Token) -> Span | None:
        return next((self.ent_at[t.i] for t in head.subtree if t.i > head.i and t.i in self.ent_at
                     and self._label(self.ent_at[t.i]) == "PERSON"), None)

    def _surname_tagged_org(self, m: _Mention) -> Speaker | None:
        """"Stefania Oskarsdottir said ... Oskarsdottir said": the model tagged a speaking surname as an
        organisation; never answers, only sets `m.span` to the person named before in full."""
        person = self._person_of_surname(m.span) if m.span is not None else None
        if person is not None:
            m.span = person
        return None

    def _person_of_surname(self, span: Span) -> Span | None:
        """The one person named earlier whose last name is this one-word organisation's whole text."""
        if len(span) != 1 or self._label(span) != "ORG" or span.text.lower() in ORG_NAME_WORDS \
                or not _named_like_a_person(span):
            return None
        ent = self.entities.get(span.kb_id_)
        if ent is not None and len(ent["mentions"]) > 2:
            return None  # an organisation named often is one
        found = {s.kb_id_: s for s in self.doc.ents if s.start < span.start and self._label(s) == "PERSON"
                 and len(s) > 1 and s[-1].text == span.text}
        return next(iter(found.values())) if len(found) == 1 else None

    def _named_document(self, m: _Mention) -> Speaker | None:
        """"the IMF's World Economic Outlook warned", "the UN's Global Environment Report said": a named
        report speaks for the body whose it is."""
        span = m.span
        if span is None or self._label(span) == "PERSON" or span[-1].lower_ not in DOCUMENT_NOUNS \
                or span.start < 2 or self.doc[span.start - 1].lower_ not in ("'s", "’s"):
            return None
        owner = self.ent_at.get(span.start - 2)
        if owner is None or self._label(owner) not in ("ORG", "GPE"):
            return None
        return self._speaker(owner, m.start, m.end, "description")

    def _by_name(self, m: _Mention) -> Speaker | None:
        if m.span is None:
            return None
        sp = self._speaker(m.span, m.start, m.end, "name")
        if sp.label == "PERSON":
            self.recent.append((m.head.i, sp.entity_id))
        return sp

    def _pronoun(self, m: _Mention) -> Speaker | None:
        """"he said": the subject of the sentence, the last speaker, or the nearest person of that gender."""
        low = m.head.lower_
        if low not in MALE_PRONOUNS | FEMALE_PRONOUNS:
            return None
        gender = "m" if low in MALE_PRONOUNS else "f"
        at = m.head.i
        target = self._subject_in_sentence(at, gender) or self._recent_speaker(at, gender) \
            or self._person_before(at, gender) or self._person_tagged_org_before(at)
        if target is None:
            return _unnamed(m)  # a pronoun with no one to stand for ends the search
        sp = self._bound(m, target, "pronoun")
        self.gender.setdefault(target.kb_id_, gender)
        return sp

    def _national_government(self, m: _Mention) -> Speaker | None:
        """"the Russian government said", "the Chinese government said": the country of the nationality
        (its entity when the story names it, else the country's short name)."""
        head = m.head
        if m.span is not None or head.lower_ not in GOVERNMENT_HEADS:
            return None
        countries = {DEMONYM_COUNTRY[c.lower_] for c in head.children
                     if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" and c.lower_ in DEMONYM_COUNTRY}
        if len(countries) != 1:
            return None
        country = countries.pop()
        for ent in self.entities.values():
            if ent["label"] == "GPE" and any(COUNTRIES.get(f.lower(), f) == country for f in (ent["name"], *ent["aliases"])):
                return Speaker(ent["name"], ent["id"], "GPE", m.start, m.end, list(ent["aliases"]), "description")
        return Speaker(country, None, "GPE", m.start, m.end, [], "description")

    def _the_country(self, m: _Mention) -> Speaker | None:
        """"China put forth a plan ... The country expressed its willingness to share ...": a bare "the
        country" or "the nation" is the country the story has named most so far, when it was named in the
        two sentences before (none when two tie)."""
        head = m.head
        if m.span is not None or head.lower_ not in ("country", "nation") or not _has_det(head, ("the",)) \
                or any(c.dep_ in ("amod", "compound", "poss", "prep") for c in head.children):
            return None
        counts: dict[str, int] = {}
        last: dict[str, Span] = {}
        for e in self.ctx.ents:
            if e.start >= head.i:
                break
            if e.label_ == "GPE" and e.text.lower().removeprefix("the ") in COUNTRIES:
                counts[e.kb_id_] = counts.get(e.kb_id_, 0) + 1
                last[e.kb_id_] = e
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or len(ranked) > 1 and ranked[0] == ranked[1]:
            return None
        best = max(counts, key=counts.get)
        if self.ctx.sent_of[head.i] - self.ctx.sent_of[last[best].start] > 2:
            return None  # named long before: "the country" may be another one the sentence implies
        return self._speaker(last[best], m.start, m.end, "description")

    def _its_post(self, m: _Mention) -> Speaker | None:
        """"Acme could cut 500 jobs, its chief executive has said": the one person the story places in
        that post at the organisation "its" stands for (the organisation subject of the sentence or of
        the one before), named before or after."""
        head = m.head
        if m.span is not None or head.lower_ not in ROLE_HEADS or head.lower_ in SPOKES \
                or not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            return None
        org = self._org_subject_before(head.i)
        holders = self._post_holders(self.entities.get(org.kb_id_), head.lower_) if org is not None else set()
        if len(holders) != 1:
            return None
        holder = next((s for s in self.ctx.ents if s.kb_id_ in holders), None)
        return self._bound(m, holder, "description") if holder is not None else None

    def _document(self, m: _Mention) -> Speaker | None:
        """"the report said": the document's author, or the author of the report named earlier."""
        head = m.head
        hyphened = self.doc[head.i - 2:head.i + 1].text.lower() if head.i >= 2 and self.doc[head.i - 1].text == "-" else ""
        if not (head.lemma_.lower() in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS or hyphened in DOCUMENT_NOUNS):
            return None
        author = self._author(head)
        if author is None and _has_det(head, ("the",)):
            author = self._earlier_author(head)
        if author is None:
            return None
        sp = self._speaker(author, m.start, m.end, "description")
        return sp if sp.name is not None else None

    def _role_described(self, m: _Mention) -> Speaker | None:
        """"the chancellor said": the person given that role."""
        low = m.head.lower_
        if low not in ROLE_HEADS or low in SPOKES or not _has_det(m.head, ("the", "this")):
            return None
        target = self._role_holder(m.head)
        return self._bound(m, target, "description") if target is not None else None

    def _it(self, m: _Mention) -> Speaker | None:
        """"it said": the organisation of a recent subject, the story's organisation, the last one named."""
        if m.head.lower_ != "it":
            return None
        at = m.head.i
        document = self._document_just_quoted(at)
        if document is not None:
            return document
        target = self._org_subject_before(at) or self._salient_org_before(at) or self._org_before(at, None)
        return self._speaker(target, m.start, m.end, "pronoun") if target is not None else None

    def _document_just_quoted(self, at: int) -> Speaker | None:
        """'"…," said the statement. "…," it said.': "it" is the document that spoke in this sentence or the
        one before, when no named subject came between; its author speaks."""
        for t in reversed(self.doc[self._sentences_back(at, 1):at]):
            if t.dep_ == "nsubj" and t.i in self.ent_at and self._label(self.ent_at[t.i]) in ("ORG", "PERSON", "GPE"):
                return None
            if t.dep_ == "nsubj" and t.lemma_.lower() in DOCUMENT_NOUNS and t.head.lemma_.lower() in SPEAKING_VERBS:
                sp = self.resolve(t)
                return sp if sp.name is not None else None
        return None

    def _named_force(self, m: _Mention) -> Speaker | None:
        """"The Israel Defense Forces ... the Israeli military said": the one force the story names
        whose name says what kind it is (before the mention, else after it)."""
        head = m.head
        names = FORCE_NOUNS.get(head.lower_)
        if names is None or m.span is not None or not _bare_force(head):
            return None
        forces = [s for s in self.ctx.ents if self._label(s) == "ORG" and _named_as(s, names)]
        if len({s.kb_id_ for s in forces}) != 1:
            return None
        before = [s for s in forces if s.start < head.i]
        return self._speaker((before or forces)[-1], m.start, m.end, "description")

    def _organisation_noun(self, m: _Mention) -> Speaker | None:
        """"a Tesco spokesman", "the bank said": the organisation the noun stands for."""
        head, low = m.head, m.head.lower_
        if low not in SPOKES and low not in ORG_NOUNS:
            return None
        owner = self._owner(head)
        if owner is not None and low not in SPOKES and self._label(owner) == "GPE":
            owner = None  # "South Korea's top car maker": a firm of that country, not the country
        if owner is not None:
            return self._speaker(owner, m.start, m.end, "description")
        if low not in ORG_NOUNS or not _has_det(head, ("the", "this")):
            return None
        # "the bank" is "Barclays Bank" when one is named; else, as for "it", the organisation
        # of the last subject, or the story's organisation, before the one named last.
        named = self._org_before(head.i, low)
        target = named if named is not None and low in named.text.lower() else (
            self._salient_org_before(head.i, with_dominant=True) or self._org_subject_before(head.i) or named)
        return self._speaker(target, m.start, m.end, "description") if target is not None else None

    def _described_last_speaker(self, m: _Mention) -> Speaker | None:
        """"Sanna Marin said ... The female leader said ...", "..., the expert said": a role noun that
        no title or affiliation places goes on with the person who spoke last, when that person spoke
        in the two sentences before and no other person was a subject since."""
        head = m.head
        if m.span is not None or not (head.lower_ in ROLE_HEADS or _profession_word(head)) or head.lower_ in SPOKES \
                or not _has_det(head, ("the",)) or any(_someone_elses(c) or _names_a_post(c) for c in head.children):
            return None
        target = self._last_speaker_near(head.i)
        return self._bound(m, target, "description") if target is not None else None

    def _bare_name_word(self, t: Token) -> bool:
        """A capitalised proper noun in no entity, not a title, an honorific or a given name."""
        return t.pos_ == "PROPN" and t.text[:1].isupper() and t.i not in self.ent_at and t.lower_ not in ROLE_HEADS \
            and t.lower_.rstrip(".") not in HONORIFICS and t.lower_ not in FEMALE_NAMES | MALE_NAMES

    def _untagged_name(self, m: _Mention) -> Speaker | None:
        """"But Downing Street said ...": a capitalised proper-noun subject the model tagged as no
        entity is an organisation named as written (never a title, an honorific or a given name)."""
        head, doc = m.head, self.doc
        if m.span is not None or head.pos_ != "PROPN" or head.dep_ != "nsubj" or head.i in self.quote_of:
            return None
        toks = [t for t in doc.char_span(m.start, m.end, alignment_mode="expand") or [] if t.lower_ != "the"]
        if not 1 <= len(toks) <= 4 or not all(self._bare_name_word(t) for t in toks):
            return None
        if _opening_or_title_case(toks, head):
            return None  # "Research found ...", a headline in title case: no name to go by
        name = doc[toks[0].i:toks[-1].i + 1].text
        full = self._full_names(toks, name)
        if len(full) == 1:
            return self._bound(m, next(iter(full.values())), "name")  # "Armand Duplantis ... Duplantis said"
        # one word is a surname as often as a firm ("Duplantis said"); two or more, an institution
        return Speaker(name, None, "PERSON" if len(toks) == 1 else "ORG", m.start, m.end, [], "name")

    def _full_names(self, toks: list[Token], name: str) -> dict[str, Span]:
        """The people of the document whose longer name ends in this one word ("Armand Duplantis" for
        "Duplantis"), by entity; none for a name of several words."""
        return {e.kb_id_: e for e in self.ctx.ents if len(toks) == 1 and self._label(e) == "PERSON" and len(e) > 1
                and e[-1].text == name}

    def _last_speaker_near(self, at: int) -> Span | None:
        doc = self.doc
        first = self._sentences_back(at, 2)
        # The speaker bound nearest before, in the text's order (quotes are bound out of order), in an
        # earlier sentence: a speaker in the mention's own sentence is one its content reports.
        own = doc[at].sent.start
        i, eid = max(((i, eid) for i, eid in self.recent if i < own), default=(-1, None))
        if i < first or not eid or self._other_subject_between(i, eid, at):
            return None
        span = next((s for s in self.ctx.ents if s.kb_id_ == eid and s.start <= i), None)
        return span if span is not None and self._label(span) == "PERSON" else None

    def _other_subject_between(self, i: int, eid: str, at: int) -> bool:
        """Another person was a subject (outside quotes) between token `i` and token `at`."""
        return any(i < s.start < at and self._label(s) == "PERSON" and s.kb_id_ != eid
                   and s.root.dep_ in ("nsubj", "nsubjpass") and self._visible(s, at) for s in self.ctx.ents)

    def _nationality_led_name(self, m: _Mention) -> Speaker | None:
        """"Swiss Re said ...": the model took the first word of a company's name for a nationality and
        left the rest untagged; the subject is the whole capitalised name before its verb."""
        span, head, doc = m.span, m.head, self.doc
        if span is None or span.label_ != "NORP" or head.dep_ != "nsubj" or head.i in self.quote_of \
                or head.head.i <= span.end - 1:
            return None
        rest = doc[span.end:head.head.i]
        if not 1 <= len(rest) <= 3 or not all(t.text[:1].isupper() and t.is_alpha and t.i not in self.ent_at
                                               and t.lower_ not in ROLE_HEADS for t in rest):
            return None
        return Speaker(doc[span.start:rest.end].text, None, "ORG", span.start_char, rest.end_char, [], "name")

    STAGES = (_held_post, _name_in_phrase, _surname_tagged_org, _named_document, _nationality_led_name, _by_name,
              _pronoun, _national_government, _the_country, _its_post,
              _document, _role_described, _it,
              _named_force, _organisation_noun, _described_last_speaker, _untagged_name)

    def _bound(self, m: _Mention, target: Span, via: str) -> Speaker:
        """The speaker `target` stands for, remembered as the latest one bound."""
        sp = self._speaker(target, m.start, m.end, via)
        self.recent.append((m.head.i, sp.entity_id))
        return sp

    def _named(self, tok: Token) -> Span | None:
        span = self.ent_at.get(tok.i)
        return span if span is not None and self._label(span) in ("PERSON", "ORG", "GPE") else None

    def _author(self, head: Token) -> Span | None:
        """The person or organisation behind a document: "a report by X", "figures from X", "a study
        published by X", "the IMF's report", "a Gallup poll", "a new book, The Title by X"."""
        for child in head.children:
            if child.dep_ in ("poss", "compound", "nmod") and self._named(child) is not None:
                return self._named(child)
        frontier = [head] + [c for c in head.children if c.dep_ in ("appos", "acl")]
        # "a round-up of gizmos compiled by X": the participle may hang on the noun after "of".
        frontier += [a for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "acl"]
        for node in frontier:
            for prep in node.children:
                author = self._author_after(prep)
                if author is not None:
                    return author
        return None

    def _author_after(self, prep: Token) -> Span | None:
        """"by X", "from X", "in the Financial Times": the name a preposition of authorship leads to."""
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in AUTHOR_PREPS:
            return None
        obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
        author = self._named(obj) if obj is not None else None
        if author is not None and prep.lower_ in ("in", "at") and self._label(author) != "ORG":
            return None  # "a report in March", "a study in Texas"
        return author

    def _earlier_author(self, head: Token) -> Span | None:
        """"In its latest report, the OECD cut ... Overall, the report forecast ...": "the report" is
        the one introduced earlier, by its author ("the OECD's report", "a report by X") or by "its"
        with the organisation that is the subject there."""
        doc = self.doc
        for tok in reversed(doc[max(0, head.i - 2000):head.i]):
            if tok.lemma_.lower() != head.lemma_.lower() or tok.pos_ != "NOUN":
                continue
            author = self._author_of_earlier(tok)
            if author is not None or not _has_det(tok, ("the",)):
                return author  # a "the report" before this one refers further back still
        return None

    def _author_of_earlier(self, tok: Token) -> Span | None:
        """The author of an earlier document noun: named with it, the subject "its" points to, or
        the subject of "Oxfam says in a report"."""
        author = None
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in PUBLISHING_VERBS:
            # "Acme published a report on Monday. The report said ...", "the IMF released its Fiscal Monitor
            # report": the subject that published it (not the document's own name)
            author = next((self._named(c) for c in tok.head.children if c.dep_ == "nsubj" and self._named(c)), None)
        author = author or self._author(tok)
        if author is None and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            author = self._org_subject_before(tok.i + 1) or self._org_after_in_clause(tok)
        if author is None and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            author = self._org_after_in_clause(tok, labels=("ORG", "PERSON"))
        return author

    def _org_after_in_clause(self, tok: Token, labels: tuple[str, ...] = ("ORG",)) -> Span | None:
        """"In its report, the OECD cut ...": the organisation subject of the clause "its" opens."""
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        span = self.ent_at.get(subj.i) if subj is not None else None
        return span if span is not None and self._label(span) in labels else None

    def _role_holder(self, head: Token) -> Span | None:
        """"the chancellor said": the person given that role ("Chancellor Gordon Brown", an affiliation),
        else the person who was the subject of the last few sentences, when one was."""
        word = head.lower_
        for c in head.children:
            org = self.ent_at.get(c.i) if c.dep_ in ("poss", "compound") else None
            if org is not None and self._label(org) == "ORG":
                ent = self.entities.get(org.kb_id_)
                holders = self._post_holders(ent, word)
                if not holders and ent and len(ent["mentions"]) == 1 and len(org) == 1:
                    continue  # "the Salford MP" (the model: ORG): a place named once, not a party
                found = [s for s in self.ctx.ents if s.start < head.i and s.kb_id_ in holders]
                if not holders and word in _HEAD_WORDS:
                    found = self._top_titled_unplaced(head)  # "Secretary-General X ... the UN chief"
                return found[-1] if len({s.kb_id_ for s in found}) == 1 else None
            if _someone_elses(c) and c.lower_ != "former":
                return None  # "the shadow chancellor", "the company's chief": someone else
        if any(c.lower_ == "former" and c.dep_ == "amod" for c in head.children):
            return self._former_holder(head, word)
        # ("the Salford MP": a place only says where the role is held)
        return self._holder_in_story(head, word)

    def _former_holder(self, head: Token, word: str) -> Span | None:
        """"X said ... The former cabinet secretary said ...": not whoever holds the post now, but the
        one person who was the subject of the last few sentences, when not given that post now."""
        people = [s for s in self.ctx.ents if s.start < head.i and self._label(s) == "PERSON"]
        target = self._lone_recent_subject(head, people)
        if target is None:
            return None
        now = [s for s in people if s.kb_id_ == target.kb_id_ and self._titled(s, word)
               and not any(t.lower_ == "former" for t in self.doc[max(0, s.start - 4):s.start])]
        return None if now else target

    def _top_titled_unplaced(self, head: Token) -> list[Span]:
        """People named before with a top title and no organisation ("Secretary-General Antonio
        Guterres"): who "the UN chief" is when no affiliation says so."""
        placed = {a["person_id"] for a in (self.doc._.affiliations or [])}
        doc = self.doc
        out = []
        for s in self.ctx.ents:
            if s.start >= head.i or self._label(s) != "PERSON" or self.entities.get(s.kb_id_, {}).get("id") in placed:
                continue
            before = {w for t in doc[max(0, s.start - 2):s.start] for w in re.split(r"[\s-]+", t.lower_)}
            if before & _TOP_ROLE_WORDS:
                out.append(s)
        return out

    def _post_holders(self, ent: dict | None, word: str) -> set[str]:
        """"the Veritas leader", "Tesco's chief executive": whoever holds that post there."""
        if ent is None:
            return set()
        affs = [a for a in (self.doc._.affiliations or []) if a.get("org_id") == ent["id"]]
        holders = {a["person_id"] for a in affs if word in re.split(r"[\s-]+", (a.get("role") or "").lower())}
        if not holders and word in _HEAD_WORDS:
            # "the UN chief": the one person the article places at the top of that organisation
            holders = {a["person_id"] for a in affs
                       if set(re.split(r"[\s-]+", (a.get("role") or "").lower())) & _TOP_ROLE_WORDS}
            if len(holders) != 1:
                holders = set()
        return holders

    def _holder_in_story(self, head: Token, word: str) -> Span | None:
        """A person named with that title before, or holding it in an affiliation; else the one
        person who was the subject of the last few sentences (and holds no other role)."""
        people = [s for s in self.ctx.ents if s.start < head.i and self._label(s) == "PERSON"]
        titled = [s for s in people if self._titled(s, word)]
        holders = self._holders_by_role(head, word)
        by_role = [s for s in people if s.kb_id_ in holders]
        if titled or by_role:
            return (titled or by_role)[-1]
        return self._lone_recent_subject(head, people)

    def _titled(self, person: Span, word: str) -> bool:
        """"Chancellor Gordon Brown", "Brown, the chancellor,": the person was given the title, not a rival's."""
        doc = self.doc
        # the words before the name in its own sentence (not the end of the sentence before)
        before = [t.lower_ for t in doc[max(person.sent.start, person.start - 3):person.start]]
        if word == "premier" and before[-2:] == ["prime", "minister"]:
            return True  # "Prime Minister Tony Blair ... the premier said"
        if word in before \
                and not any(t.lower_ in RIVAL_MODIFIERS for t in doc[max(0, person.start - 4):person.start]):
            return True
        # "Brown, the chancellor,", "Lam, general secretary of the party and Vietnamese president,"
        return any(c.dep_ == "appos" and (c.lower_ == word or any(k.dep_ == "conj" and k.lower_ == word
                                                                   for k in c.children))
                   for c in person.root.children)

    def _holders_by_role(self, head: Token, word: str) -> set[str]:
        """People whose affiliation's role ends in the word ("the minister" may be a cabinet secretary)."""
        cabinet = word == "minister" and _bare(head)
        ends = ["prime", "minister"] if word == "premier" else [word]  # "the premier" is the prime minister
        return {a["person_id"] for a in (self.doc._.affiliations or [])
                if (a.get("role") or "").lower().split()[-len(ends):] == ends or cabinet and _cabinet_post(a)}

    def _lone_recent_subject(self, head: Token, people: list[Span]) -> Span | None:
        """The one person who was the subject of the last few sentences, when no role is known for them."""
        others = {a["person_id"] for a in (self.doc._.affiliations or []) if a.get("role")}
        first = self._sentences_back(head.i, 3)
        subjects = [s for s in people if s.start >= first and s.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects and len({s.kb_id_ for s in subjects}) == 1 and subjects[-1].kb_id_ not in others:
            return subjects[-1]
        return None

    def _sentences_back(self, at: int, n: int) -> int:
        """The first token of the sentence `n` sentences before the one of token `at`."""
        doc = self.doc
        first = doc[at].sent.start
        for _ in range(n):
            if first == 0:
                break
            first = doc[first - 1].sent.start
        return first

    def _owner(self, head: Token) -> Span | None:
        """The organisation of "a Tesco spokesman" / "a spokeswoman for Tesco" / "Tesco's statement"."""
        for child in head.children:
            if child.dep_ in ("compound", "poss", "nmod") and child.i in self.ent_at:
                span = self.ent_at[child.i]
                if self._label(span) in ORG_TYPES:
                    return span
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in self.ent_at and self._label(self.ent_at[obj.i]) in ORG_TYPES:
                        return self.ent_at[obj.i]
        return None

    def _visible(self, span: Span, at: int) -> bool:
        """A mention an anaphor at token `at` may refer to: not inside a quotation the anaphor is outside of."""
        q = self.quote_of.get(span.start)
        return q is None or self.quote_of.get(at) == q

    def _subject_in_sentence(self, at: int, gender: str) -> Span | None:
        """"Smith arrived and he said": a person subject earlier in the pronoun's own sentence."""
        cands = [s for s in self._ancestor_subjects(at) if self.gender.get(s.kb_id_, gender) == gender]
        return cands[-1] if cands else None

    def _ancestor_subjects(self, at: int) -> list[Span]:
        """Person subjects of the clauses the pronoun's clause hangs on (not of its own content)."""
        sent = self.doc[at].sent
        heads = {t.i for t in self.doc[at].ancestors}
        return [s for s in self.ctx.ents if sent.start <= s.start < at and self._label(s) == "PERSON"
                and s.root.dep_ == "nsubj" and s.root.head.i in heads and self._visible(s, at)]

    def _recent_speaker(self, at: int, gender: str) -> Span | None:
        """News cohesion: "he said" continues the last speaker quoted, when one is close."""
        doc = self.doc
        bound = {i for i, _ in self.recent}
        for i, eid in reversed(self.recent):
            if i >= at or not eid or self._reported_in(i, bound):
                continue
            if doc[at].idx - doc[i].idx > 1200 or self.gender.get(eid, gender) != gender:
                return None
            if self._someone_since(i, eid, at, gender):
                return None  # the speaker must still be the last person named of that gender
            return next((s for s in self.ctx.ents if s.kb_id_ == eid and s.start <= i), None) or \
                next((s for s in self.ctx.ents if s.kb_id_ == eid), None)
        return None

    def _reported_in(self, i: int, bound: set[int]) -> bool:
        """"He did not think Mr Howard intended to ...": the mention at `i` is inside what another bound
        speaker's cue reports (a person spoken about, not the last one speaking)."""
        for verb in self.doc[i].ancestors:
            if verb.lemma_.lower() in SPEAKING_VERBS and any(
                    c.dep_ == "nsubj" and c.i < i and c.i in bound for c in verb.children):
                return True
        return False

    def _someone_since(self, i: int, eid: str, at: int, gender: str) -> bool:
        """Another person of that gender was a subject between token i and the pronoun at `at`."""
        sent_start = self.doc[at].sent.start
        cue = self.doc[i].head if self.doc[i].dep_ in ("nsubj", "nsubjpass") else None
        if any(i < s.start < sent_start and self._label(s) == "PERSON" and (s.root.dep_ == "nsubj" or _topic(s))
               and s.kb_id_ != eid and self.gender.get(s.kb_id_, gender) == gender and self._visible(s, at)
               and not _reported_by(s, cue) for s in self.ctx.ents):
            return True
        if self._role_subject_since(i, eid, sent_start, gender):
            return True
        return any(s.start > i and s.kb_id_ != eid for s in self._ancestor_subjects(at))

    def _role_subject_since(self, i: int, eid: str, end: int, gender: str) -> bool:
        """"X said ... The prime minister toured the country. He insisted ...": a role noun subject of a
        main clause since token i that stands for another person of that gender."""
        holders = [self._role_holder(t) for t in self.doc[i + 1:end] if self._main_role_subject(t)]
        return any(h is not None and h.kb_id_ != eid and self.gender.get(h.kb_id_, gender) == gender for h in holders)

    def _main_role_subject(self, tok: Token) -> bool:
        """"The prime minister toured ...": a role noun with "the", the subject of a main clause."""
        return tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and tok.lower_ in ROLE_HEADS \
            and tok.lower_ not in SPOKES and _has_det(tok, ("the",)) and tok.i not in self.ent_at

    def _person_before(self, at: int, gender: str) -> Span | None:
        """Nearest earlier person of that gender, subjects first within a sentence, up to 3 paragraphs."""
        doc = self.doc
        sent = doc[at].sent
        seen_breaks = 0
        while True:
            found = self._person_in_sentence(sent, at, gender) or self._role_subject_in_sentence(sent, at, gender)
            if found is not None:
                return found
            if sent.start == 0:
                return None
            if "\n" in self.ctx.text[doc[sent.start - 1].idx:sent.start_char]:
                seen_breaks += 1
                if seen_breaks > 3:
                    return None
            sent = doc[sent.start - 1].sent

    def _person_tagged_org_before(self, at: int) -> Span | None:
        """"Georgeta Minciu, a cleaner, said: ... “...,” she said.": the model tagged the speaker's name as
        an organisation. With no person before the pronoun, the last speaking subject of the three
        sentences before it is taken when its name has only capitalised words and none that makes an organisation."""
        first = self._sentences_back(at, 3)
        found = [span for span in self.ctx.ents if first <= span.start < at and self._label(span) == "ORG"
                 and span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in SPEAKING_VERBS
                 and self._visible(span, at) and _named_like_a_person(span)]
        return found[-1] if found else None

    def _person_in_sentence(self, sent: Span, at: int, gender: str) -> Span | None:
        """A person of that gender in the sentence before token `at`: the last subject in the
        pronoun's own sentence, the first in an earlier one (else any person)."""
        cands = [s for s in self.ctx.ents if sent.start <= s.start < min(sent.end, at)
                 and self._label(s) == "PERSON" and self.gender.get(s.kb_id_, gender) == gender
                 and self._visible(s, at)]
        if not cands:
            return None
        subjects = [s for s in cands if s.root.dep_ in ("nsubj", "nsubjpass")]
        return (subjects or cands)[-1] if sent.start <= at < sent.end else (subjects or cands)[0]

    def _role_subject_in_sentence(self, sent: Span, at: int, gender: str) -> Span | None:
        """"The chancellor is leaving for Africa. But first, he insisted ...": a role noun subject."""
        for tok in self.doc[sent.start:min(sent.end, at)]:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ROLE_HEADS and tok.lower_ not in SPOKES \
                    and _has_det(tok, ("the",)):
                holder = self._role_holder(tok)
                if holder is not None and self.gender.get(holder.kb_id_, gender) == gender:
                    return holder
        return None

    def _org_subject_before(self, at: int) -> Span | None:
        """"Shares in Phytopharm closed down on the London Stock Exchange after it said ...": "it" is
        the organisation in a subject, in its own sentence or else the sentence before, rather than
        the one named last."""
        doc = self.doc
        sent = doc[at].sent
        country = doc[at].lower_ == "it"  # the one who speaks or acts, not "its" (an owner, the facts' to read)
        for lo, hi in ((sent.start, at), (doc[sent.start - 1].sent.start, sent.start) if sent.start else (0, 0)):
            # A country only as the subject itself, in the sentence of "it" ("the US imposed sanctions on
            # firms that it accused of ..."); not "Britain's economy grew as it ...".
            cands = [s for s in self.ctx.ents if lo <= s.start < hi and self._visible(s, at) and (
                self._label(s) == "ORG" and self._in_subject(s)
                or country and lo == sent.start and self._label(s) == "GPE" and s.root.dep_ in ("nsubj", "nsubjpass"))]
            if cands:
                return cands[-1] if hi == at else cands[0]
        return None

    def _in_subject(self, span: Span) -> bool:
        """The organisation is (in) a clause's subject, and not as a person's employer ("said Arjan
        Sweere, an analyst at Petercam": the subject is the analyst)."""
        for t in [span.root, *span.root.ancestors]:
            if t.i not in range(span.start, span.end) and t.ent_type_ == "PERSON":
                return False
            if t.dep_ in ("nsubj", "nsubjpass"):
                return True
        return False

    def _salient_org_before(self, at: int, with_dominant: bool = False) -> Span | None:
        """"..., said an analyst at Petercam. It said ...": among the organisations of the last few
        sentences, the one the article names most (the story's company, not a source's employer)."""
        first = self._sentences_back(at, 3)
        cands = [s for s in self.ctx.ents if first <= s.start < at and self._label(s) == "ORG" and self._visible(s, at)]
        if with_dominant:
            # "the company", "the bank": the story's organisation, named earlier, also counts.
            dominant = self._dominant_org_before(first, at)
            if dominant is not None:
                cands.append(dominant)
        if not cands:
            return None
        best = max(self._weight(s) for s in cands)
        top = [s for s in cands if self._weight(s) == best]
        # Only a clear favourite: otherwise the nearest one, as before.
        return top[-1] if len({s.kb_id_ for s in top}) == 1 else None

    def _weight(self, s: Span) -> int:
        ent = self.entities.get(s.kb_id_)
        return len(ent["mentions"]) if ent else 1

    def _dominant_org_before(self, first: int, at: int) -> Span | None:
        """The organisation named most among those before token `first`, when named 3 times or more."""
        def mentions(s: Span) -> int:
            return len(self.entities.get(s.kb_id_, {}).get("mentions", []))

        earlier = [s for s in self.ctx.ents if s.start < first and self._label(s) == "ORG" and self._visible(s, at)]
        dominant = max(earlier, key=mentions, default=None)
        return dominant if dominant is not None and mentions(dominant) >= 3 else None

    def _org_before(self, at: int, noun: str | None) -> Span | None:
        best = None
        for s in self.ctx.ents:
            if s.start >= at:
                break
            if self._label(s) == "ORG" and self.doc[s.start].idx > self.doc[at].idx - 3000:
                if noun and noun in s.text.lower():
                    best = s
                elif best is None or not (noun and noun in best.text.lower()):
                    best = s
        return best


def _bare_force(head: Token) -> bool:
    """"the (Israeli) military", not "Hamas's military"."""
    return _has_det(head, ("the",)) and not any(c.dep_ == "poss" for c in head.children)


def _named_as(span: Span, words: tuple[str, ...]) -> bool:
    low = span.text.lower()
    return any(w in low for w in words)


def _profession_word(head: Token) -> bool:
    """"the biophysicist", "the sinologist", "the mathematician": a singular lower-case noun of a learned
    profession by its ending, when no list has it."""
    return head.pos_ == "NOUN" and head.tag_ == "NN" and head.is_lower and len(head.text) > 6 \
        and head.lower_.endswith(("ologist", "icist", "ician"))  # not "the tourist", "the cyclist"


def _topic(span: Span) -> bool:
    """"For Lin, it was a long week.": a person the sentence opens on, as its topic."""
    prep = span.root.head
    return span.root.dep_ == "pobj" and prep.lower_ == "for" and prep.i == prep.sent.start \
        and span.end < len(span.doc) and span.doc[span.end].text == ","


def _reported_by(span: Span, cue: Token | None) -> bool:
    """"X said Mr Y was wrong": Y is a subject inside what X's cue reports, not a new subject."""
    return cue is not None and cue.i < span.start and cue in span.root.ancestors and cue.lemma_.lower() in SPEAKING_VERBS


def _someone_elses(c: Token) -> bool:
    """A word on a role noun that makes it another holder's post ("shadow", "new", "the firm's")."""
    if c.dep_ == "poss":
        return True
    return c.dep_ in ("amod", "compound") and (
        c.lower_ in RIVAL_MODIFIERS or c.lower_ in _CHANGE_OF_HOLDER or c.ent_type_ in ("ORG", "PERSON"))


def _names_a_post(c: Token) -> bool:
    """"the first minister", "the prime minister": a post someone holds, not a description of the last
    speaker ("the female leader", "the former diplomat")."""
    return c.dep_ in ("amod", "compound") and c.lower_ in ROLE_MODIFIERS and c.lower_ != "former"


def _named_like_a_person(span: Span) -> bool:
    return len(span) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower()
                                  and t.lower_ not in ORG_NAME_WORDS for t in span)


def _unnamed(m: _Mention) -> Speaker:
    return Speaker(None, None, None, m.start, m.end, [], "unnamed")


def _has_det(head: Token, words: tuple[str, ...]) -> bool:
    return any(c.lower_ in words for t in (head, *_hyphen_prefix(head)) for c in t.children if c.dep_ == "det")


def _hyphen_prefix(head: Token) -> list[Token]:
    """"the Tory co-chairman": the parse may hang "the" on "co", the word before the hyphen, which is
    the head's child or a second subject of the head's verb."""
    doc, i = head.doc, head.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return []
    first = doc[i - 2]
    if first.head == head or first.head == head.head and first.dep_ == head.dep_:
        return [first]
    return []


def _cabinet_post(aff: dict) -> bool:
    """"Education Secretary X" of a government: "the minister" in later sentences may be X."""
    role = (aff.get("role") or "").lower().split()
    return bool(role) and role[-1] in ("secretary", "chancellor") and aff.get("org", "").endswith("government")


def _bare(head: Token) -> bool:
    """"the minister", not "the prime minister" or "the health minister"."""
    return not any(c.dep_ in ("amod", "compound", "nmod") for c in head.children)

