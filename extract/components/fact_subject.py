"""Whose a figure is: the subject rules of `cooptool_facts`.

The subject is chosen in three steps, each an ordered list of named rules:

1. **Syntactic candidates** (`CHAIN_RULES`, `NOUN_CHILD_RULES`, `VERB_CHILD_RULES`): walking up from the
   number, each rule proposes entities with a score (`SCORES`, plus 0.1 per step nearer the number and a
   weight by label, `LABEL_WEIGHT`); the best score wins, the nearer entity on a tie.
2. **Sentence fallbacks** (`SENTENCE_RULES`): the organisation of the sentence, the one before first; for
   "the turbines" or "it", the organisation of the sentences before.
3. **Owners by measure** (`OWNER_RULES`, run by the component): a company measure is the story's
   company's, an economy's the country's ("German growth" is Germany's).

A rule's name is the record's subject pattern (`fact.subject.<name>`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.context import DocContext, context_of
from cooptool.extract.components.phrases import is_place
from cooptool.extract.components.speakers import ORG_NOUNS, SpeakerResolver, speaker_resolver
from cooptool.extract.components.wordfind import find_word
from cooptool.extract.lexicon import COUNTRIES, DEMONYM_COUNTRY
from cooptool.extract.rules import rule

SUBJECT_LABELS = ("ORG", "PERSON", "GPE")
LABEL_WEIGHT = {"ORG": 1.0, "PERSON": 0.4, "GPE": 0.3, "THING": 0.5}
# A named building, product, work or event owns a figure only as the subject of its clause or the possessor
# of the measure ("the Millennium Dome cost £28.7m"), never by being named near it.
THING_LABELS = ("FAC", "PRODUCT", "WORK_OF_ART", "EVENT")
THING_PATTERNS = ("fact.subject.clause_subject", "fact.subject.possessor")
# Base score of each syntactic candidate rule, by pattern.
SCORES = {
    "fact.subject.measured_entity": 3,
    "fact.subject.possessor": 4,
    "fact.subject.possessor_anaphor": 4,
    "fact.subject.noun_modifier": 2.8,
    "fact.subject.noun_of": 2.5,
    "fact.subject.clause_subject": 3.0,
    "fact.subject.speaker": 0.5,
    "fact.subject.speech_object": 3.2,
    "fact.subject.object_possessor": 3.5,
    "fact.subject.object_at": 4,
}
# A reporting body ("the Cabinet Office", "the ministry") in a clause's subject states or plans an economy's
# figure more often than it owns it: it loses this much to anything the syntax ties to the measure.
AGENCY_PENALTY = 1.0
AGENCY_PENALISED = ("fact.subject.clause_subject", "fact.subject.clause_subject_anaphor")
# Patterns that tie an entity to the measured noun itself ("the IMF's loan of $5bn"): a body's own figure.
TIED_PATTERNS = ("fact.subject.measured_entity", "fact.subject.possessor", "fact.subject.noun_modifier",
                 "fact.subject.noun_of")
# Patterns whose subject the syntax ties to the measure itself: an economy's figure keeps it.
OWNING_PATTERNS = ("fact.subject.clause_subject", "fact.subject.possessor", "fact.subject.noun_modifier",
                   "fact.subject.noun_of")

# Verbs whose subject states, expects or estimates a figure without owning it ("the IMF forecast that
# German growth would be 1.8%"): the `figure-source` class of the cue verbs.
SOURCE_VERBS = lexicon.where("cue_verbs", 1, "figure-source")
# Verbs that only say: with a clause anywhere below them, what they say is another's figure ("report" and
# "estimate" also take a measured object of their own).
SAY_VERBS = lexicon.words("fact_say_verbs")
ANAPHORS = lexicon.where("org_nouns", 1, "fact-anaphor")
ORG_PRONOUNS = frozenset("it its they their".split())
# Nouns for a company ("a US defence company"), not a public body a country may own ("the US central bank").
COMPANY_NOUNS = lexicon.where("org_nouns", 1, "company") - {"bank", "exchange"}
COMPANY_MEASURES = lexicon.where("fact_measures", 1, "company")
ECONOMY_MEASURES = lexicon.where("fact_measures", 1, "economy")
MEASURE_MODIFIERS = lexicon.words("measure_modifiers")
REPORTING_BODIES = lexicon.words("reporting_bodies")
WORLD_SCOPES = lexicon.words("world_scopes")
OWNER_PLACES = lexicon.words("fact_owner_places")
NATIONAL_BODIES = lexicon.mapping("fact_national_bodies")
PARTY_WORDS = lexicon.words("fact_party_words")
SMALL_CLAUSE_VERBS = lexicon.words("small_clause_verbs")
MEDIA_NOUNS = lexicon.words("media_nouns")
_AGENCY = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(REPORTING_BODIES, key=lambda w: (-len(w), w))) + r")\b")
_COLLECTIVES = {"government", "country", "economy"}
_COMPASS = {"s": "south", "n": "north", "south": "south", "north": "north"}  # "S Korean" -> "south korean"


def agency(name: str) -> bool:
    """A body that reports, forecasts or regulates ("the Office for National Statistics", "the IMF"): the
    figures it states belong to others."""
    return bool(_AGENCY.search(name))


def country_name(name: str) -> bool:
    """A country or territory's name ("Germany", "the US", "Gaza"), not a city's ("Tokyo", "Brussels")."""
    name = name.lower().removeprefix("the ")
    return name in COUNTRIES or name in OWNER_PLACES or any(
        name == c.lower() for c in (*COUNTRIES.values(), *DEMONYM_COUNTRY.values()))


def reporting_body(name: str) -> bool:
    """`agency`, with the body's word heading the name ("the Commerce Department", "the Ministry of
    Trade"), not inside a company's ("Federated Department Stores")."""
    for m in _AGENCY.finditer(name):
        rest = name[m.end():].split()
        if not rest or rest[0] in ("of", "for", "on"):
            return True
    return False


def ancestors(tok: Token, stop: Span) -> list[Token]:
    """The head chain of a token within its sentence (nearest first)."""
    out = []
    # By index: a Token is made anew on each access, so `tok.head is not tok` never stopped at the
    # root, which was appended again up to 30 times (each copy re-scored, 0.7 s of 1.6 s).
    while tok.head.i != tok.i and tok.head.i >= stop.start and tok.head.i < stop.end and len(out) < 30:
        tok = tok.head
        out.append(tok)
    return out


def attribution_sources(doc: Doc) -> set[int]:
    """Token starts of entities that only cite where a statement comes from ("told Reuters",
    "according to the Financial Times")."""
    out = set()
    for ent in context_of(doc).ents:
        root = ent.root
        head = root.head
        if root.dep_ in ("dobj", "dative") and head.lemma_ in ("tell", "quote"):
            out.add(ent.start)
        elif root.dep_ == "pobj" and (
                head.lower_ == "to" and head.head.lower_ == "according"
                or head.lower_ == "with" and head.head.lemma_ == "interview"
                or head.lower_ == "by" and head.head.lemma_ in ("quote", "report", "publish")):
            out.add(ent.start)
    return out


def in_headline(fd: FactDoc, counts: dict[str, list[Span]]) -> list[list[Span]]:
    """The entities (by id, with their mentions) whose name or an alias the headline contains."""
    title = (fd.ctx.meta.get("title") or "").lower()
    if not title:
        return []
    names = fd.names
    return [spans for eid, spans in counts.items() if eid in names and any(
        find_word(title, n.lower(), hyphen=False) != -1
        for n in (names[eid]["name"], *names[eid]["aliases"]) if len(n) > 2)]


def _named_as_org(ent: Span) -> bool:
    """"Parmalat, the Italian food group": a name in apposition to an organisation noun."""
    return any(c.dep_ == "appos" and c.lower_ in ORG_NOUNS for c in ent.root.children)


class FactDoc:
    """What the fact rules read about one Doc, built once per Doc: the entities without attribution
    sources, the resolved names, and the organisation an anaphor stands for."""

    def __init__(self, doc: Doc, ctx: DocContext, lookback_sentences: int):
        self.doc = doc
        self.ctx = ctx
        self.lookback_sentences = lookback_sentences
        # `doc.ents` builds a new Span (and a Token per word) on every access: read it once.
        self.ents: tuple[Span, ...] = ctx.ents
        self.sources = attribution_sources(doc)
        self.ent_at = {i: e for i, e in ctx.ent_at.items() if e.start not in self.sources}
        self.names = ctx.entities
        self._resolver: SpeakerResolver | None = None  # built on first use
        self._headline_org: Span | None | bool = False  # False: not looked up yet

    @property
    def resolver(self) -> SpeakerResolver:
        if self._resolver is None:
            self._resolver = speaker_resolver(self.doc)
        return self._resolver

    def entities_in(self, tok: Token) -> list[Span]:
        found = []
        for t in tok.subtree:
            e = self.ent_at.get(t.i)
            if e is not None and e not in found:
                found.append(e)
        return found

    def is_anaphor(self, tok: Token) -> bool:
        """"it", "they", "the company", "the firm", "the group": a word standing for an organisation."""
        if tok.lower_ in ORG_PRONOUNS:
            return True
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        # "the US firm", "the Australian firm" stand for a company; "the Tesco chain" names it
        return tok.pos_ == "NOUN" and tok.lower_ in ORG_NOUNS | _COLLECTIVES \
            and bool(dets & {"the", "this"}) \
            and not any(c.dep_ in ("compound", "poss", "amod") and c.ent_type_ not in ("", "GPE", "NORP")
                        for c in tok.children)

    def _anaphor_id(self, tok: Token) -> str | None:
        res = self.resolver
        if tok.lower_ in ("their", "they"):
            target = res._org_subject_before(tok.i)  # "they" is often people: only an organisation subject just before
            return target.kb_id_ if target is not None else None
        if tok.lower_ == "its":
            target = res._org_subject_before(tok.i) or res._salient_org_before(tok.i) or res._org_before(tok.i, None)
            return target.kb_id_ if target is not None else None
        found = res.resolve(tok)
        if found.label == "GPE" and tok.lower_ in ORG_NOUNS:
            # "the US firm": a company of that country, the one the story names
            target = res._salient_org_before(tok.i, with_dominant=True) or res._org_subject_before(tok.i) \
                or res._org_before(tok.i, tok.lower_)
            return target.kb_id_ if target is not None else None
        return found.entity_id

    def is_country(self, ent: Span) -> bool:
        """A country by the mention or by its resolved name or aliases ("the States" -> "US")."""
        named = self.names.get(ent.kb_id_)
        return ent.label_ == "GPE" and any(country_name(n) for n in (
            ent.text, *((named["name"], *named["aliases"]) if named else ())))

    def is_agency(self, ent: Span) -> bool:
        """A reporting body, by the mention or by its resolved name ("the ministry")."""
        if ent.label_ != "ORG":
            return False
        named = self.names.get(ent.kb_id_)
        return reporting_body(ent.text) or named is not None and reporting_body(named["name"])

    def headline_org(self) -> Span | None:
        """The one organisation the headline names (not a reporting body), if there is one."""
        if self._headline_org is False:
            counts: dict[str, list[Span]] = {}
            for e in self.ents:
                if e.label_ == "ORG" and e.start not in self.sources and not agency(e.text):
                    counts.setdefault(e.kb_id_, []).append(e)
            in_title = in_headline(self, counts)
            self._headline_org = in_title[0][0] if len(in_title) == 1 else None
        return self._headline_org

    def anaphor(self, tok: Token) -> Span | None:
        """The organisation "it", "its", "the firm" or "the company" stands for, resolved as speakers
        are (`SpeakerResolver`): the organisation in a recent subject, the story's company."""
        country = self.country_before(tok)
        if country is not None:
            return country
        eid = self._anaphor_id(tok)
        if not eid:
            if tok.lower_ in ("government", "country", "economy", "nation"):
                return self.main_place()  # "the government", "the country": the story's country
            if tok.lower_ in ("they", "their"):
                return None
            return self._story_org_for(tok)  # "the firm said its profits ...": the story's company
        named_before = [e for e in self.ents if e.kb_id_ == eid and e.start < tok.i]
        if named_before and named_before[-1].start in self.sources:
            return self.past_source(tok)
        spans = [e for e in self.ents if e.kb_id_ == eid and e.start not in self.sources]
        before = [e for e in spans if e.start < tok.i]
        found = (before or spans or [None])[-1] if spans else None
        if found is not None and agency(found.text) and found.root.dep_ in ("dobj", "dative") \
                and found.root.head.lemma_.lower() == "tell":
            return self.past_source(tok)  # "a source told Reuters that the company ...": not Reuters
        return found

    def _story_org_for(self, tok: Token) -> Span | None:
        """The story's company for a pronoun, but not a name first met later in the pronoun's own sentence: "It
        agreed to pay $13m to settle a lawsuit brought by the SEC" (the tagger missed the company) is not the SEC's."""
        main = self.main_org()
        first = next((e for e in self.ents if main is not None and e.kb_id_ == main.kb_id_), None)
        if first is not None and tok.i < first.start < tok.sent.end:
            return None
        return main

    def country_before(self, tok: Token) -> Span | None:
        """"China is committed to trade. It has signed 21 agreements": "it"/"its" opening a sentence whose
        sentence before has a country as its main subject stands for that country, not for an organisation
        named in passing before it."""
        if tok.lower_ not in ("it", "its"):
            return None
        sent = self.ctx.sentence(tok)
        k = self.ctx.sent_of[sent.start]
        if k == 0 or any(t.lower_ in ("it", "its") for t in self.doc[sent.start:tok.i]):
            return None
        prev = self.ctx.sents[k - 1]
        subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        ent = self.ent_at.get(subj.i) if subj is not None else None
        return ent if ent is not None and self.is_country(ent) and not is_place(ent) else None

    def past_source(self, tok: Token) -> Span | None:
        """"... told Reuters that the company would sue": an anaphor whose nearest name is only the medium a
        statement was given to stands for the organisation before it (the previous sentences'), not the
        medium."""
        earlier = [e for e in self.ents if e.label_ == "ORG" and e.start < tok.i and e.start not in self.sources
                   and e.sent.start == self.ctx.sentence(tok).start and not agency(e.text)]
        if earlier:
            return earlier[-1]
        prev = self.previous_org(self.ctx.sentence(tok))
        # "According to Reuters, ... A source told Reuters that the company ...": not the agency again
        return prev if prev is not None and not agency(prev.text) else self.main_org()

    def entity_of(self, tok: Token) -> Span | None:
        ents = [e for e in self.ents if tok.left_edge.i <= e.start and e.end - 1 <= tok.right_edge.i
                and e.label_ in SUBJECT_LABELS and e.root.head.i in (tok.i, e.root.i) or e.start <= tok.i < e.end]
        if ents:
            return ents[0]
        return self.anaphor(tok) if self.is_anaphor(tok) else None

    def main_org(self) -> Span | None:
        """The organisation the story is about: the one its headline names, else the one named most."""
        counts: dict[str, list[Span]] = {}
        for e in self.ents:
            if e.label_ == "ORG" and e.start not in self.sources and not agency(e.text):
                counts.setdefault(e.kb_id_, []).append(e)
        if not counts:
            return None
        in_title = in_headline(self, counts)
        if len(in_title) == 1:
            return in_title[0][0]
        best = max(counts.values(), key=lambda spans: (len(spans), -spans[0].start))
        return best[0] if len(best) >= 2 else None

    def story_org(self) -> Span | None:
        """The company a story is about, for a figure whose sentence names no owner: the one organisation its
        headline names, else the organisation its first sentence is about ("Acme has cut ..."). Not merely
        the one named most: a body quoted all through a story ("the consortium said") does not own the
        figures it reports."""
        counts: dict[str, list[Span]] = {}
        for e in self.ents:
            if e.label_ == "ORG" and e.start not in self.sources and not agency(e.text):
                counts.setdefault(e.kb_id_, []).append(e)
        in_title = in_headline(self, counts)
        if len(in_title) == 1:
            return in_title[0][0]
        return None if in_title else self.lede_org()

    def lede_org(self) -> Span | None:
        """The organisation that is the subject of the story's first sentence after the headline ("UK
        sportswear firm Umbro has ...": Umbro), not an agency nor a source."""
        title = (self.ctx.meta.get("title") or "").strip()
        lede = next((s for s in self.ctx.sents[:3] if s.text.strip() and s.text.strip() not in title), None)
        if lede is None:
            return None
        for e in self.ents:
            if e.start < lede.start or e.end > lede.end or e.label_ != "ORG" or e.start in self.sources \
                    or agency(e.text):
                continue
            root = e.root
            if root.dep_ in ("compound", "appos") and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
                return e
        return None

    def main_place(self) -> Span | None:
        """The country the story is about: the one its headline names, else a clear favourite."""
        counts: dict[str, list[Span]] = {}
        for e in self.ents:
            if e.label_ == "GPE":
                counts.setdefault(e.kb_id_, []).append(e)
        if not counts:
            return None
        in_title = in_headline(self, counts)
        if len(in_title) == 1:
            return in_title[0][0]
        by_demonym = self.headline_demonym_country()
        if by_demonym is not None:
            return by_demonym  # "Weak data buffets French economy": France, when the story names it
        ranked = sorted(counts.values(), key=lambda spans: (-len(spans), spans[0].start))
        if len(ranked[0]) < 2 or len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
            return self.national_body_country()  # no clear favourite
        return ranked[0][0]

    def national_body_country(self) -> Span | None:
        """"the Bank of England said consumer credit rose": the one country whose own bank or statistics
        office the story names (`fact_national_bodies.tsv`), when the story names that country too."""
        countries = {NATIONAL_BODIES[n["name"].lower()] for n in (self.names.get(e.kb_id_) for e in self.ents
                     if e.label_ == "ORG") if n and n["name"].lower() in NATIONAL_BODIES}
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        return next((e for e in self.ents if e.label_ == "GPE" and COUNTRIES.get(e.text.lower().removeprefix("the "))
                     == country), None)

    def headline_demonym_country(self) -> Span | None:
        """The country of the one nationality word the headline uses, when the story names that country
        ("S Korean consumers" is South Korea's)."""
        title = (self.ctx.meta.get("title") or "").replace("'s", " ").split()
        words = [f"{_COMPASS[prev.lower()]} {w.lower()}" if prev.lower() in _COMPASS else w.lower()
                 for prev, w in zip(["", *title], title, strict=False) if w[:1].isupper()]
        countries = {DEMONYM_COUNTRY[w] for w in words if w in DEMONYM_COUNTRY}
        if len(countries) != 1:
            return None
        return self.country_entity(next(iter(countries)))

    def misread_company(self) -> Span | None:
        """The story's company when the tagger read its name as a place or a people: the one such name of
        the headline that starts an organisation's name in the story ("Circuit City" of "Circuit City
        Stores"), or that is named again, is no country and never follows "in" or "at" ("Parmalat")."""
        counts: dict[str, list[Span]] = {}
        for e in self.ents:
            if e.label_ in ("GPE", "NORP") and e.start not in self.sources and not self.is_country(e) \
                    and e.text.lower() not in DEMONYM_COUNTRY:
                counts.setdefault(e.kb_id_, []).append(e)
        in_title = in_headline(self, counts)
        if len(in_title) != 1:
            return None
        spans = in_title[0]
        name = spans[0].text
        orgs = [e for e in self.ents if e.label_ == "ORG" and e.text.startswith(name + " ") and e.start not in self.sources
                and not agency(e.text)]  # "Jilin Department of Tourism" reports Jilin's figures
        if orgs:
            return orgs[0]
        if spans[0].label_ == "GPE" and not any(is_place(e) for e in spans) and (
                len(spans) >= 2 or any(_named_as_org(e) for e in spans)):
            return spans[0]
        return None

    def possessive_company(self) -> Span | None:
        """"Profits slide at India's Dr Reddy": the one person's name of the headline that the story uses
        as a company, a possessive standing as a verb's subject ("Dr Reddy's has built its reputation")."""
        counts: dict[str, list[Span]] = {}
        for e in self.ents:
            if e.label_ == "PERSON" and e.start not in self.sources:
                counts.setdefault(e.kb_id_, []).append(e)
        in_title = in_headline(self, counts)
        if len(in_title) != 1:
            return None
        spans = in_title[0]
        return spans[0] if any(e.root.dep_ == "nsubj" and any(c.dep_ == "case" and c.lower_ in ("'s", "’s")
                                                              for c in e.root.children) for e in spans) else None

    def country_entity(self, country: str) -> Span | None:
        for e in self.ents:
            ent = self.names.get(e.kb_id_)
            if e.label_ == "GPE" and ent and (ent["name"] == country or country in ent["aliases"]):
                return e
        return None

    def previous_org(self, sent: Span) -> Span | None:
        """The organisation an anaphor points to: the subject of the nearest earlier sentence that
        has an organisation as subject, skipping sentences whose own subject is an anaphor."""
        sents = self.ctx.sents
        k = self.ctx.sent_of[sent.start]
        for back in range(1, self.lookback_sentences + 2):
            if k - back < 0:
                break
            prev = sents[k - back]
            orgs = [e for e in self.ents if e.start >= prev.start and e.end <= prev.end and e.label_ == "ORG"
                    and e.start not in self.sources and not reporter(e)]
            subjects = [e for e in orgs if e.root.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects[0]
            if prev.root.pos_ in ("VERB", "AUX") and refers_back(prev.root):
                continue
            if orgs:
                return max(orgs, key=lambda e: (len(e), e.start))
        return None


def reporter(ent: Span) -> bool:
    """"Reuters also said ...": a reporting body telling the news, not what the next sentence is about."""
    return agency(ent.text) and ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in SOURCE_VERBS


def refers_back(verb: Token) -> bool | None:
    """Whether a verb's subject is "it", "they", "its ..." or "the company"; None without a subject."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.lower_ in ("it", "they"):
            return True
        mods = {c.lower_ for c in child.children if c.dep_ in ("det", "poss")}
        return bool(mods & {"its", "their"} or ("the" in mods and child.lower_ in ANAPHORS))
    return None


def definite_subject(sent: Span) -> Token | None:
    """The sentence's main subject when it is "it", "they", "its ..." or "the turbines": it refers back."""
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            if tok.lower_ in ("it", "they") or tok.tag_ == "PRP$":
                return tok
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
            return tok if tok.pos_ == "NOUN" and bool(dets & {"the", "this", "these", "its", "their"}) else None
    return None


def refers_to(subject: Token, org: Span) -> bool:
    """"it", "its sales", "the company", or "the turbines" after "Acme builds wind turbines": a subject that
    stands for the organisation or for something the organisation's sentence names (not "the report", "the
    share", "the survey" after a sentence about some body: a new topic, not that body's)."""
    if subject.lower_ in ("it", "they") or subject.tag_ == "PRP$" \
            or any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children):
        return True
    if subject.lower_ in ORG_NOUNS:
        return True
    lemma = subject.lemma_.lower()
    return any(t.lemma_.lower() == lemma and t.i != subject.i for t in org.sent)


@dataclass
class Figure:
    """One amount being read: its span, the token it hangs off (`anchor`) and the head chain above it."""
    span: Span
    anchor: Token
    sent: Span
    chain: list[Token]
    company_measure: bool = False  # it measures something a company has ("sales", "jobs")

    def inside(self, i: int) -> bool:
        return self.span.start <= i < self.span.end


Candidate = tuple[Span | None, float, str]  # an entity, its score before the label weight, the pattern

# ---- 1. syntactic candidates ------------------------------------------------------------------


@rule("fact.subject.measured_entity", examples=[
    ('Investors praised Bayside Bank, which runs 400 branches.',
     {'subject': 'Bayside Bank', 'value': 400, 'unit': 'branches'}),
])
def measured_entity(fd: FactDoc, fig: Figure, tok: Token, near: float) -> Iterator[Candidate]:
    """"the Acme stake of 20%": the number's own head chain passes through an entity."""
    if tok.i in fd.ent_at and not fig.inside(tok.i):
        yield fd.ent_at[tok.i], SCORES["fact.subject.measured_entity"] + near, "fact.subject.measured_entity"


@rule("fact.subject.possessor", examples=[
    ("Harwell Foods's sales of $5bn were a record.",
     {'subject': 'Harwell Foods', 'about': 'sales', 'currency': 'USD'}),
])
def possessor(fd: FactDoc, fig: Figure, tok: Token, child: Token, near: float) -> Iterator[Candidate]:
    """"Tesco's profits rose 5%": the owner of the noun the number measures."""
    if child.dep_ == "poss":
        for e in fd.entities_in(child):
            yield e, SCORES["fact.subject.possessor"] + near, "fact.subject.possessor"


@rule("fact.subject.possessor_anaphor", examples=[
    ('Brandoc Ltd opened a new plant in Leeds.\nIts sales rose 8% in May.',
     {'subject': 'Brandoc Ltd', 'value': 8, 'about': 'sales'}),
    # the holder of "its Velmor stake" owns its value, not the company held (`_under_pronoun_possessor`)
    ('Stake sale\n\nBrandoc Ltd said the value of its Velmor Foods stake had fallen to $1.5bn since May.',
     {'subject': 'Brandoc Ltd', 'value': 1500000000}),
])
def possessor_anaphor(fd: FactDoc, fig: Figure, tok: Token, child: Token, near: float) -> Iterator[Candidate]:
    """"its sales rose 5%": the organisation "its" stands for."""
    if child.dep_ == "poss" and fd.is_anaphor(child):
        yield fd.anaphor(child), SCORES["fact.subject.possessor_anaphor"] + near, "fact.subject.possessor_anaphor"


@rule("fact.subject.noun_modifier", examples=[
    ('The Harwell Foods sale of $5bn shocked traders.',
     {'subject': 'Harwell Foods', 'value': 5000000000}),
])
def noun_modifier(fd: FactDoc, fig: Figure, tok: Token, child: Token, near: float) -> Iterator[Candidate]:
    """"the Tesco workforce of 2,000": a name modifying the measured noun."""
    if child.dep_ in ("compound", "nmod") and child.i in fd.ent_at and tok.pos_ == "NOUN":
        yield fd.ent_at[child.i], SCORES["fact.subject.noun_modifier"] + near, "fact.subject.noun_modifier"


@rule("fact.subject.noun_of", examples=[
    ('There was an investment of $60m by Harwell Foods.',
     {'subject': 'Harwell Foods', 'about': 'investment'}),
])
def noun_of(fd: FactDoc, fig: Figure, tok: Token, child: Token, near: float) -> Iterator[Candidate]:
    """"sales of $5bn at Tesco", "a stake of 5% in BT by Acme": the first entity of an at/of/for/by phrase."""
    if child.dep_ == "prep" and child.lower_ in ("at", "of", "for", "by") and tok.pos_ == "NOUN":
        for e in fd.entities_in(child)[:1]:
            yield e, SCORES["fact.subject.noun_of"] + near, "fact.subject.noun_of"


def _is_speech(fig: Figure, verb: Token) -> bool:
    """A verb of saying or estimating above the number: its subject states the figure."""
    if verb.lemma_.lower() not in SOURCE_VERBS:
        return False
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return True
    # "the minister said the plan was meant to lift output from 250,000 tonnes" (the parse hangs the clause on
    # an object): a verb between the number and the verb of saying puts the figure in what is said
    below = fig.chain[:fig.chain.index(verb)] if verb in fig.chain else []
    return verb.lemma_.lower() in SAY_VERBS and any(t.pos_ == "VERB" and t.dep_ in ("acl", "relcl", "xcomp", "ccomp")
                                                     for t in below)


def _subject_base(fig: Figure, near: float, speech: bool) -> float:
    return SCORES["fact.subject.speaker"] if speech else SCORES["fact.subject.clause_subject"] + near


def _is_subject(fig: Figure, child: Token) -> bool:
    return child.dep_ in ("nsubj", "nsubjpass", "agent") and not fig.inside(child.i)


def _headline_company_statement(fd: FactDoc, fig: Figure, e: Span) -> bool:
    """"SBC said 5,125 positions would go" in a story about SBC: the headline's company stating a
    figure that is not an economy's is stating its own."""
    main = fd.headline_org()
    return main is not None and main.kb_id_ == e.kb_id_ and not measure_words(fig, None) & ECONOMY_MEASURES


def _subject_entities(fd: FactDoc, fig: Figure, child: Token, speech: bool) -> Iterator[tuple[Span, bool]]:
    """The entities in a verb's subject, each with whether the subject is that entity itself."""
    for e in fd.entities_in(child):
        if e.label_ == "GPE" and e.root.head.i == child.i and e.root.dep_ in ("compound", "amod", "nmod") \
                and (fd.is_anaphor(child) or company_origin(e)):
            continue  # "the US firm will pay $3bn", "a US software maker agreed to pay": the firm, not the US
        if _in_clause_of(e, child):
            continue  # "the decision to invade Freedonia was made by 25 men": not Freedonia
        if _under_pronoun_possessor(e):
            continue  # "the value of its Korvex stake fell to $2bn": the holder's, not Korvex's
        if _of_other_figure(fig, e, child):
            continue  # "its $12m profit looked small beside the $310m reported by Velmor": Velmor's is the $310m
        if speech and not (e.label_ == "ORG" and not agency(e.text)
                           and (fig.company_measure or _headline_company_statement(fd, fig, e))):
            continue  # "the IMF said German growth would be 1.8%": the IMF is the source
        yield e, child.i in fd.ent_at or e.root.head == child or e.root.dep_ == "poss"


def _of_other_figure(fig: Figure, e: Span, child: Token) -> bool:
    """A name hanging off another figure of the subject phrase ("by the $204m announced by Velmor")."""
    t = e.root
    while t.head.i not in (child.i, t.i):  # the subject noun's own count ("the two Acme titles") is not another
        t = t.head
        if not fig.inside(t.i) and (t.like_num or any(c.dep_ == "nummod" and c.like_num and not fig.inside(c.i)
                                                     for c in t.children)):
            return True
    return False


def misbuilt(e: Span) -> bool:
    """"Three Bank of America units": a name the tagger opened with a count is no owner as built."""
    return len(e) > 1 and e[0].like_num and e[0].text[:1].isupper() and e.label_ != "DATE"


def company_origin(e: Span) -> bool:
    """"a US defence company", "the Australian firm": a country naming where a company is from, not an owner."""
    head = e.root.head
    return e.label_ in ("GPE", "NORP") and e.root.dep_ in ("compound", "amod", "nmod") and head.i != e.root.i \
        and head.pos_ == "NOUN" and head.lower_ in COMPANY_NOUNS


def _under_pronoun_possessor(e: Span) -> bool:
    """"its Yukos shareholding", "their Acme stake": a name modifying a noun a pronoun possesses is what is held,
    not who holds it."""
    head = e.root.head
    return e.root.dep_ == "compound" and head.i != e.root.i and head.i not in range(e.start, e.end) \
        and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children)


def _in_clause_of(e: Span, child: Token) -> bool:
    """An entity inside a clause of the subject noun ("the decision [to invade Freedonia]"), not the subject's own."""
    t = e.root
    while t.i != child.i and t.head.i != t.i:
        below, t = t, t.head
        # "the demand filed by the Lorne administration": the agent of a participle is whose the noun is
        if t.i != child.i and t.pos_ in ("VERB", "AUX") and not (t.dep_ == "acl" and below.dep_ == "agent"):
            return True
    return False


@rule("fact.subject.clause_subject", examples=[
    ('Harwell Foods employs 4,000 workers.',
     {'subject': 'Harwell Foods', 'value': 4000, 'unit': 'workers'}),
    # a named building or product owns what its clause says of it (`THING_LABELS`)
    ('Dome costs\n\nThe Lorne Audit Office said the Millennium Dome cost taxpayers £28.7m to maintain.',
     {'subject': 'Millennium Dome', 'value': 28700000}),
    ("Harwell Foods, which employs 4,000 workers, opened a plant.", {"subject": "Harwell Foods", "value": 4000}),
    # the subject of the clause above another with its own subject is not the figure's (`closes_clause`)
    ("Harwell Foods opened a plant.\nChina remains the main worry for Harwell Foods after sales there fell 16%.",
     None),
    # an entity inside a clause of the subject noun is not the subject (`_in_clause_of`)
    ("The decision to invade Freedonia was made by a small group of 25 men.", None),
    # a country naming where a company is from is not the company ("a US firm")
    ("Fraud case\n\nA US software company will pay $41.2m after it admitted fraud.", None),
    # the speaker of "said", even with the clause parsed as an object, is the source, not the owner
    ('Farm plan\n\nFarm Minister Tomas Rell said the plan aimed to lift wheat output to 450,000 tonnes.', None),
])
def clause_subject(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float, speech: bool) -> Iterator[Candidate]:
    """"JA Solar announced an investment of $60m": the entities in the subject of a verb above the number."""
    if speech or not _is_subject(fig, child):
        return
    score = _subject_base(fig, near, speech)
    for e, direct in _subject_entities(fd, fig, child, speech):
        yield e, score + (0.3 if direct else 0), "fact.subject.clause_subject"


@rule("fact.subject.speaker", examples=[
    ('Harwell Foods said sales would rise 5% this year.',
     {'subject': 'Harwell Foods', 'about': 'sales', 'value': 5}),
    ('In May, the Lorne Fund said that German growth would be 1.8%.',
     None),
    # a clause the parse hangs on an object of "said" is still what is said (`_is_speech`)
    ('Harwell Foods said the plan aimed to boost its sales by 5% this year.',
     {'subject': 'Harwell Foods', 'value': 5}),
])
def speaker(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float, speech: bool) -> Iterator[Candidate]:
    """"Acme said its sales would rise 5%": under a verb of saying, a company stating a company
    measure, with a low score (anything the syntax ties to the figure comes first)."""
    if not speech or not _is_subject(fig, child):
        return
    score = _subject_base(fig, near, speech)
    for e, direct in _subject_entities(fd, fig, child, speech):
        yield e, score + (0.3 if direct else 0), "fact.subject.speaker"


@rule("fact.subject.clause_subject_anaphor", examples=[
    ('Harwell Foods opened a new plant in May.\nThe company will hire 300 workers.',
     {'subject': 'Harwell Foods', 'unit': 'workers'}),
    # the nearest name is only the medium a statement was given to (`FactDoc.past_source`)
    ("Harwell Foods sued 45 banks. A source at Harwell Foods also told Reuters that the company planned to sue "
     "a total of 80 financial institutions.", {"subject": "Harwell Foods", "value": 80}),
    ("Harwell Foods sued 45 banks. According to Reuters, most of the banks are Italian. A source also told "
     "Reuters that the company planned to sue a total of 80 financial institutions.",
     {"subject": "Harwell Foods", "value": 80}),
    ("Storm claims\n\nLorne Insurance told the Financial Times its exposure was small. A spokeswoman for "
     "Corvel Re said claims were low. The company has paid out about 300 million euros.",
     {"subject": "Corvel Re", "value": 300000000}),
    # "it" after a sentence whose subject is a country: that country (`FactDoc.country_before`)
    ("Chile joined the Lorne Trade Council in 2001. Chile is committed to open trade. It has signed 21 "
     "trade agreements.", {"subject": "Chile", "value": 21}),
])
def clause_subject_anaphor(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float,
                           speech: bool) -> Iterator[Candidate]:
    """"The firm will cut 500 jobs": the organisation the subject stands for."""
    if not speech and _is_subject(fig, child) and fd.is_anaphor(child):
        yield fd.anaphor(child), _subject_base(fig, near, speech) + 0.3, "fact.subject.clause_subject_anaphor"


def subject_possessor_anaphor(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float,
                              speech: bool) -> Iterator[Candidate]:
    """"its profits fell 5%": the organisation the subject's "its" stands for (`fact.subject.possessor_anaphor`)."""
    if speech or not _is_subject(fig, child):
        return
    owner = next((c for c in child.children if c.dep_ == "poss"), None)
    if owner is None:  # "the value of its shareholding fell": the possessor of the measured "of" noun
        held = [o for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                if o.dep_ == "pobj"]
        owner = next((c for o in held for c in o.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    if owner is not None and fd.is_anaphor(owner):
        yield fd.anaphor(owner), _subject_base(fig, near, speech) + 0.3, "fact.subject.possessor_anaphor"


@rule("fact.subject.speech_object", examples=[
    ('Officials said the rules could cost Harwell Foods $5m.',
     {'subject': 'Harwell Foods', 'value': 5000000}),
])
def speech_object(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float, speech: bool) -> Iterator[Candidate]:
    """"Analysts expect Acme to report profits of $2bn": the first entity of what is said or expected."""
    if speech and child.dep_ in ("dobj", "ccomp") and verb.lemma_.lower() != "tell":
        for e in fd.entities_in(child)[:1]:
            if not _under_pronoun_possessor(e):
                yield e, SCORES["fact.subject.speech_object"], "fact.subject.speech_object"


@rule("fact.subject.object_possessor", examples=[
    ('Trade plans\n\nThe Ministry of Trade wants to raise Spain\'s broadband penetration rate from 4% this year.',
     {'subject': 'Spain', 'value': 4}),
    ('Bid news\n\nCorvana Foods bought Spain\'s largest dairy for $2bn.', None),  # the buyer's figure
])
def object_possessor(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float,
                     speech: bool) -> Iterator[Candidate]:
    """"raise Iraq's penetration rate from 4.5%": the country owning the object a verb changes. Only a
    country: "Rosneft bought Yukos's unit for $9bn" is the buyer's figure."""
    if child.dep_ != "dobj" or fig.inside(child.i):
        return
    for owner in child.children:
        e = fd.ent_at.get(owner.i) if owner.dep_ == "poss" else None
        if e is not None and e.label_ == "GPE":
            yield e, SCORES["fact.subject.object_possessor"] + near, "fact.subject.object_possessor"


@rule("fact.subject.object_at", examples=[
    ("Kenya became the fourth-biggest buyer of the tea, taking 6.1 percent of the crop, narrowly "
     "trailing Uganda at 6.4 percent.", {"subject": "Uganda", "value": 6.4}),
    ("Analysts valued Corvana Foods at $2bn.", {"subject": "Corvana Foods", "value": 2000000000}),
])
def object_at(fd: FactDoc, fig: Figure, verb: Token, child: Token, near: float, speech: bool) -> Iterator[Candidate]:
    """"trailing Uganda at 6.4 percent", "valued Acme at $2bn": the figure stated "at" for the verb's object
    is that object's, ahead of the verb's subject."""
    if child.dep_ not in ("dobj", "pobj") or fig.inside(child.i) or child.i not in fd.ent_at:
        return  # ("closely following Chile at 8.9 percent": "following" may be read as a preposition)
    if any(t.dep_ == "prep" and t.lower_ == "at" and t.head.i == verb.i for t in fig.chain[:3]):
        yield fd.ent_at[child.i], SCORES["fact.subject.object_at"] + near, "fact.subject.object_at"


CHAIN_RULES = (measured_entity,)
NOUN_CHILD_RULES = (possessor, possessor_anaphor, noun_modifier, noun_of)
VERB_CHILD_RULES = (clause_subject, speaker, clause_subject_anaphor, subject_possessor_anaphor, speech_object,
                    object_possessor, object_at)


class _Candidates:
    def __init__(self, fd: FactDoc, fig: Figure):
        self.fd = fd
        self.fig = fig
        # Only an economy's figure is one a reporting body publishes rather than has ("the bureau owns 55%").
        self.economy = bool(measure_words(fig, None) & ECONOMY_MEASURES)
        self.best: dict[int, tuple[float, Span, str]] = {}

    def consider(self, ent: Span | None, score: float, pattern: str) -> None:
        span = self.fig.span
        if ent is None:
            return
        label = "ORG" if party(ent) else ent.label_
        if label in THING_LABELS and pattern in THING_PATTERNS and ent.root.dep_ in ("nsubj", "nsubjpass", "poss"):
            label = "THING"  # the subject itself, not a name inside it ("Nobel Prize winners")
        if label not in SUBJECT_LABELS and label != "THING" or ent.start >= span.start and ent.end <= span.end:
            return
        if ent.start < span.end and span.start < ent.end:
            return  # "US" of "US $60 million" is a currency mark
        if misbuilt(ent):
            return
        if is_place(ent) and not pattern.endswith("anaphor"):
            return
        score += LABEL_WEIGHT[label]
        if self.economy and pattern in AGENCY_PENALISED and self.fd.is_agency(ent):
            score -= AGENCY_PENALTY
        old = self.best.get(ent.start)
        if old is None or score > old[0]:
            self.best[ent.start] = (score, ent, pattern)

    def winner(self) -> tuple[Span, str, str] | None:
        if not self.best:
            return None
        _, ent, pattern = max(self.best.values(), key=lambda c: (c[0], -abs(c[1].start - self.fig.span.start)))
        return ent, ("previous" if pattern.endswith("anaphor") else "syntax"), pattern


def _verb_children(verb: Token) -> list[Token]:
    """A verb's children, and the subject the parser hung on its auxiliary when the verb has none ("the
    country has to date contributed 80%": "country" under "has")."""
    children = list(verb.children)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return children
    return children + [s for c in children if c.dep_ in ("aux", "auxpass") and c.i < verb.i
                       for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def party(ent: Span) -> bool:
    """"The Social Democrats gained 15 seats": a party the tagger read as a people (`fact_party_words.tsv`),
    with "the" ("Two Democrats", "62% of Republicans" are people of a party, not the party)."""
    return ent.label_ == "NORP" and ent.text.split()[-1].lower() in PARTY_WORDS and ent.start > 0 \
        and ent.doc[ent.start - 1].lower_ == "the"


# Rules that read a verb's own subject or object: above the figure's own clause, they read another actor's.
_OWN_CLAUSE_RULES = (speaker, speech_object)
# How an embedded clause hangs off the clause above it.
_EMBEDDED = ("advcl", "ccomp", "relcl", "conj", "parataxis", "acl")
_RELATIVES = ("WDT", "WP", "WP$")


def closes_clause(verb: Token, fig: Figure) -> bool:
    """An embedded tensed clause with a subject of its own ("... after sales there fell 16%", "as the bank
    decided to keep rates at 3%"): a subject further up belongs to the other clause, not to the figure.
    Open stay: a relative pronoun ("Acme, which employs 400") standing for the noun the clause hangs off;
    the subject of a verb of saying, a source ("margins of 14%, which it said could reach 15%"); a bare
    measure as subject ("the firm said it was hopeful even as revenues slipped 11%"), whose owner is named
    above."""
    children = _verb_children(verb)
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SMALL_CLAUSE_VERBS \
            or any(c.dep_ == "mark" and c.lower_ in ("with", "without") for c in children):
        return False  # "saw profits slump 27%", "with unemployment stuck above 4m": one clause with the one above
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in _EMBEDDED or not _finite(verb, children) \
            or verb.lemma_.lower() in SOURCE_VERBS:
        return False
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(c.tag_ == "PRP" for c in subjects):
        return False  # "the share of debt they receive fell to 6.9%": who "they" are is named above
    return any(c.tag_ not in _RELATIVES and c.lower_ != "that" and not _owned_above(c, fig) for c in subjects)


def _owned_above(subject: Token, fig: Figure) -> bool:
    """A clause subject that leaves the owner to the clause above: a bare measure ("revenues", "sales"), not
    one with a word of its own ("sales there"), nor the figure's own noun ("58% of the giving to Ms X")."""
    return not fig.inside(subject.i) and subject.lemma_.lower() in COMPANY_MEASURES | ECONOMY_MEASURES and not any(True for _ in subject.children)


def _finite(verb: Token, children: list[Token]) -> bool:
    """A tensed verb ("fell", "was built", "will rise"), not a bare infinitive or participle of a small clause
    ("saw profits slump 27%", "with unemployment stuck above 4m"), which stays in the clause above."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in children)


def own_clause_subjects(fd: FactDoc, fig: Figure) -> Iterator[tuple[int, Token, float, bool]]:
    """The tokens of the figure's head chain with their nearness, each with whether it is still in the
    figure's own clause (`closes_clause`: "China remains a worry for Acme after sales there fell 16%" is not
    China's): above a clause with its own subject only who states the figure (`fact.subject.speaker`,
    `fact.subject.speech_object`) is read from a verb, not the verb's subject."""
    open_ = True
    for depth, tok in enumerate(fig.chain):
        yield depth, tok, 0.1 * max(0, 5 - depth), open_
        if open_ and closes_clause(tok, fig):
            open_ = False


def _syntactic(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    found = _Candidates(fd, fig)
    for _, tok, near, open_ in own_clause_subjects(fd, fig):
        for chain_rule in CHAIN_RULES:
            for cand in chain_rule(fd, fig, tok, near):
                found.consider(*cand)
        for child in tok.children:
            if fig.inside(child.i):
                continue
            for noun_rule in NOUN_CHILD_RULES:
                for cand in noun_rule(fd, fig, tok, child, near):
                    found.consider(*cand)
        # a word with a subject of its own is a verb, whatever the tagger says ("the Dome cost[NN] taxpayers £28.7m")
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("ccomp", "ROOT", "conj", "advcl") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            speech = _is_speech(fig, tok)
            verb_rules = VERB_CHILD_RULES if open_ else _OWN_CLAUSE_RULES
            for child in _verb_children(tok):
                for verb_rule in verb_rules:
                    for cand in verb_rule(fd, fig, tok, child, near, speech):
                        found.consider(*cand)
    return found.winner()


# ---- 1b. lists of figures ---------------------------------------------------------------------

# Words that may stand between two figures of one list ("4%, 6% and 7.5%", "40 percent and 57 percent").
_LIST_GLUE = frozenset("percent per cent % points point and or , ;".split())


def _figure_runs(sent: Span, stop: int) -> list[list[int]]:
    """The figures of a sentence before token `stop`, as lists of number-token starts: a run of figures
    with only list words between them ("fell by 40 percent, 75 percent and 57 percent") is one list."""
    lists: list[list[int]] = []
    last_end = None
    i = sent.start
    while i < stop:
        t = sent.doc[i]
        if not t.like_num or t.ent_type_ in ("DATE", "TIME"):
            i += 1
            continue
        start = i
        while i < stop and sent.doc[i].like_num:
            i += 1
        between = sent.doc[last_end:start] if last_end is not None else None
        if between is not None and len(between) <= 3 and all(
                b.lower_ in _LIST_GLUE or b.is_currency for b in between):
            lists[-1].append(start)
        else:
            lists.append([start])
        last_end = i
    return lists


def _entity_lists(fd: FactDoc, fig: Figure) -> list[list[Span]]:
    """The named actors of the figure's sentence, grouped by coordination ("Germany, Australia and
    Singapore" is one list), each list in text order with one mention per entity."""
    sent = fig.sent
    groups: dict[int, list[Span]] = {}
    for e in fd.ents:
        if e.start < sent.start or e.end > sent.end or e.label_ not in SUBJECT_LABELS or e.start in fd.sources:
            continue
        head = e.root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        group = groups.setdefault(head.i, [])
        if all(g.kb_id_ != e.kb_id_ for g in group):
            group.append(e)
    return list(groups.values())


@rule("fact.subject.respectively", examples=[
    ("Sales at Corvana Foods, Belham Stores and Tarrow Mills rose by 4%, 6% and 9% respectively.",
     {"subject": "Belham Stores", "value": 6}),
    ("Imports fell by 12 percent in Chile, 8 percent in Peru and 5 percent in Ecuador, while exports rose by "
     "3 percent, 7 percent and 2 percent, respectively, in the three countries.",
     {"subject": "Ecuador", "value": 2}),
    ("Corvana Foods said sales and profits rose by 4% and 6% respectively.", None),
])
def respectively(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    """"rose by 4%, 6% and 9% respectively": the k-th figure of a list belongs to the k-th name of a list
    of as many names in the sentence (a coordinated list, else the places of the sentence's figures)."""
    sent = fig.sent
    mark = next((t.i for t in sent if t.lower_ == "respectively" and t.i >= fig.span.end), None)
    if mark is None:
        return None
    first_number = next((i for i in range(fig.span.start, fig.span.end) if fig.span.doc[i].like_num), None)
    figures = next((run for run in _figure_runs(sent, mark) if first_number in run), None)
    # The list must run up to "respectively" ("4.4 percent respectively", "57 percent, respectively").
    if figures is None or len(figures) < 2 or mark - figures[-1] > 4:
        return None
    k, n = figures.index(first_number), len(figures)
    lists = [g for g in _entity_lists(fd, fig) if len(g) == n]
    if len(lists) != 1:
        countries = []
        for e in fd.ents:
            # each named as a place of its own figure ("47 percent in Bulgaria, 53 percent in Romania")
            if sent.start <= e.start < sent.end and fd.is_country(e) and is_place(e) \
                    and all(c.kb_id_ != e.kb_id_ for c in countries):
                countries.append(e)
        if len(countries) != n or lists:
            return None
        lists = [countries]
    return lists[0][k], "syntax", "fact.subject.respectively"


# ---- 2. sentence fallbacks --------------------------------------------------------------------


def own_place(fd: FactDoc, fig: Figure) -> Span | None:
    """"compared with 12.1% in Germany, 10.4% in Spain": the country named right after the figure, in
    its own item of a list, not a city ("$17.04 in New York" is where shares trade)."""
    doc, sent = fd.doc, fig.sent
    for i in range(fig.span.end, min(sent.end, fig.span.end + 4)):
        t = doc[i]
        if t.lower_ == "in":
            j = i + 1 if i + 1 < sent.end and doc[i + 1].lower_ != "the" else i + 2
            e = fd.ent_at.get(j)
            return e if e is not None and e.start == j and fd.is_country(e) else None
        if t.like_num or t.is_punct or t.pos_ in ("VERB", "AUX", "CCONJ", "ADP"):
            return None
    return None


def _named_in_sentence(fd: FactDoc, fig: Figure) -> list[Span]:
    """The actors of the number's sentence, without sources, places, the number itself and whoever
    states the figure (above it or in an aside: "wine sales are growing, the US Agriculture Department
    said, with sales up 25%")."""
    span, sent = fig.span, fig.sent
    # Only verbs of saying with a clause ("said") or in an aside, not "Daiwa added 5.3%" nor "would value
    # Manchester United at £800m".
    stated_by = {t.i for a in sent if a.pos_ == "VERB" and a.lemma_.lower() in SOURCE_VERBS
                 and (a.i in {c.i for c in fig.chain} or _is_speech(fig, a) or a.dep_ == "parataxis")
                 and not any(c.dep_ == "dobj" for c in a.children)
                 for c in a.children if c.dep_ == "nsubj" for t in c.subtree}
    quote_of = fd.ctx.quote_of
    own_quote = quote_of.get(span.start)
    # A name inside a quotation the figure is not in belongs to what is quoted ("'despite weak sales in
    # Slimfast', the company said"), not to the figure.
    return [e for e in fd.ents if e.start >= sent.start and e.end <= sent.end and e.start not in fd.sources
            and e.root.i not in stated_by and e.label_ in SUBJECT_LABELS and not is_place(e) and not misbuilt(e)
            and not (e.start < span.end and span.start < e.end)
            and quote_of.get(e.start, own_quote) == own_quote]


@rule("fact.subject.sentence_org", examples=[
    ('For Harwell Foods, the year brought a 5% rise in costs.',
     {'subject': 'Harwell Foods', 'about': 'costs'}),
    ("Harwell Foods opened a plant.\nChina remains the main worry for Harwell Foods after sales there fell 16%.",
     {"subject": "Harwell Foods", "value": 16}),
    ("A laptop that Gadget Week magazine rated best in a test of machines that cost only £399.", None),
    # a name tied to another verb or to another party of the figure (`tied_elsewhere`)
    ("Over 50 firms took part in the fair, with the Lorne Trade Council hosting a pavilion.", None),
    ("The firm reported 2,836 subsidiaries to the Lorne Trade Council.", None),
    # the clause's own "it" stands for no name that comes after it (`_pronoun_subject`)
    ("Court case\n\nIt will pay $7m in fines, as well as $19.5m to end a claim filed by the "
     "regulator, the Lorne Trade Council.", None),
    ("Search results\n\nIts $12m profit for the quarter looked small beside the $310m reported by rival Velmor Foods.", None),
])
def sentence_org(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    """Nothing on the syntactic path: the nearest organisation of the sentence, the one before first
    (a country when no organisation is named), not the one stating the figure."""
    span = fig.span
    in_sent = _named_in_sentence(fd, fig)
    # Not a person: one merely named near a figure ("a steel mill sold to ..., Mr Kuchma's son-in-law, for
    # $800m") is rarely its owner; the syntax or the story's company says whose it is.
    # A city is where a figure is met or traded ("linking London and Sydney"), not whose it is.
    named_countries = [e for e in in_sent if fd.is_country(e)]
    in_sent = [e for e in in_sent if not tied_elsewhere(e, fig) and not _under_pronoun_possessor(e)
               and not company_origin(e)]
    orgs = [e for e in in_sent if e.label_ == "ORG" and not named_as_medium(e)]
    countries = [e for e in in_sent if fd.is_country(e)]
    own = own_place(fd, fig) if not orgs else None
    if own is not None:
        # "the UK's rate is low, compared with 12.1% in Germany": Germany's, not the UK's; with no other
        # country named, what the sentence before or the story says comes first
        return (own, "sentence", "fact.subject.place_subject") if named_countries else None
    orgs = orgs or countries
    if not orgs:
        return None
    pronoun = _pronoun_subject(fd, fig)
    if pronoun is not None:
        # "It agreed to pay $13m to settle a lawsuit brought by the SEC": the clause's own "it" owns the
        # figure, and "it" stands for a name before it, never for one after it
        orgs = [e for e in orgs if e.end <= pronoun.i]
        if not orgs:
            return None
    before = [e for e in orgs if e.end <= span.start]
    return (before[-1] if before else orgs[0]), "sentence", "fact.subject.sentence_org"


def _pronoun_subject(fd: FactDoc, fig: Figure) -> Token | None:
    """The "it"/"they" subject of a verb in the figure's own clause, or the "its"/"their" of the subject or of
    the measured noun ("Its $17m profit was dwarfed by the $204m of Velmor")."""
    for _, tok, _, open_ in own_clause_subjects(fd, fig):
        if not open_:
            return None
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ in ("its", "their"):
                return c
        for c in _verb_children(tok):
            if c.dep_ in ("nsubj", "nsubjpass") and not fig.inside(c.i):
                if c.lower_ in ("it", "they"):
                    return c
                own = next((p for p in c.children if p.dep_ == "poss" and p.lower_ in ("its", "their")), None)
                if own is not None:
                    return own
    return None


# Prepositions whose object is whom a figure goes to, comes from or is compared with, not whose it is
# ("reported 2,836 subsidiaries to the Federal Reserve", "a deal with Patriot", "according to the organiser").
_OTHER_PARTY_PREPS = frozenset("to from with against than according including like among versus via unlike".split())


def tied_elsewhere(ent: Span, fig: Figure) -> bool:
    """A name the parse ties to another verb than the figure's ("..., with the council hosting a pavilion",
    "a record set at the Lorne Games") or to another party of it ("sold to Velmor", "according to Velmor"): the
    sentence names it, but not as the figure's owner."""
    chain = {t.i for t in fig.chain} | {fig.anchor.i}
    tok = ent.root
    for _ in range(30):
        head = tok.head
        if tok.i in chain or head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and head.lower_ in _OTHER_PARTY_PREPS:
            return True
        if head.pos_ in ("VERB", "AUX") and head.i not in chain:
            return True
        tok = head
    return False


def named_as_medium(ent: Span) -> bool:
    """"machines that PC Pro magazine dubbed best", "the newspaper Le Monde": a name the text calls a news
    medium."""
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return after in MEDIA_NOUNS or before in MEDIA_NOUNS


@rule("fact.subject.previous_sentence_org", examples=[
    ('Harwell Foods builds wind turbines.\nThe turbines cost $2m each.',
     {'subject': 'Harwell Foods', 'value': 2000000}),
    ('The Office for National Statistics published new figures.\nThe price of tea rose by 5% in May.', None),
    # a subject the organisation's sentence does not name is a new topic, not the organisation's
    ('Harwell Foods published a study of shoppers.\nThe survey used a panel of 600 respondents.', None),
])
def previous_sentence_org(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    """A sentence with no name at all about "the turbines", "these plants" or "it": what it refers to
    was named just before."""
    subject = definite_subject(fig.sent)
    if subject is not None:
        prev = fd.previous_org(fig.sent)
        # "The OECD forecast slower growth. The price of crude is up 50%": a body that reports the news
        # is not what "the price" or "the dollar" of the next sentence belongs to.
        if prev is not None and not fd.is_agency(prev) and refers_to(subject, prev):
            return prev, "previous", "fact.subject.previous_sentence_org"
    return None


SENTENCE_RULES = (sentence_org, previous_sentence_org)


def syntactic_subject(fd: FactDoc, fig: Figure) -> tuple[Span | None, str | None, str | None]:
    """The entity the number belongs to, how it was found (`subject_via`) and the rule (`pattern`).
    A place only ("the dollar rose in New York") is not what the number is about."""
    found = respectively(fd, fig) or _syntactic(fd, fig)
    if found is None and owner_phrase(fd, fig) is not None:
        return None, None, None  # a plain group owns it ("overseas issuers had issued 99 bonds"): not a name nearby
    for fallback in SENTENCE_RULES:
        if found is not None:
            break
        found = fallback(fd, fig)
    if found is None:
        return None, None, None
    return publisher_country(fd, fig, found) or found


# ---- 3. owners by measure ---------------------------------------------------------------------

STOP = "stop"  # an owner rule's answer: the owner is someone we cannot name; ask no later rule


@dataclass
class Measure:
    """The words around a figure that say what it measures, and the modifiers of those words."""
    words: set[str]
    mods: list[Token]


def measure_words(fig: Figure, about: str | None) -> set[str]:
    chain = fig.chain
    words = {w for t in chain[:6] for w in (t.lemma_.lower(), t.lower_)} | {
        w for tok in chain[:4] for t in tok.children if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound")
        for w in (t.lemma_.lower(), t.lower_)} | {
        # "a 0.1% rise in industrial output": what a change noun is a change in
        w for tok in chain[:2] if tok.pos_ == "NOUN" for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
        for t in p.children if t.dep_ == "pobj" for w in (t.lemma_.lower(), t.lower_)}
    return words | {w.lower().strip(",.'’") for w in (about or "").split()}


def _objects_of(nouns: list[Token], preps: tuple[str, ...]) -> list[Token]:
    """The objects of the nouns' "of"/"for" phrases: "Forecasts for Japanese growth" -> growth."""
    return [o for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj"]


def _measure_modifiers(fig: Figure) -> list[Token]:
    """The measure's own modifiers: of the nouns on the number's path and of its verbs' subjects and
    objects, not anything else in the sentence ("... Russian oil giant Yukos" elsewhere)."""
    chain, span = fig.chain, fig.span
    # Not the subject of a verb of saying: "the German Federal Labour Agency said ..." states the figure.
    nouns = [t for t in chain[:4] if t.pos_ in ("NOUN", "PROPN")] + [
        c for t in chain[:4] for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
        and not (c.dep_ == "nsubj" and _is_speech(fig, t))]
    # "27% of the world's population": the whole a share is of
    nouns += [o for o in _objects_of(chain[:2], ("of",)) if not (span.start <= o.i < span.end)]
    # "Forecasts for Japanese growth were cut to 4%": the measure a forecast or estimate is of
    nouns += _objects_of([n for n in nouns if n.dep_ in ("nsubj", "nsubjpass")], ("for", "of"))
    return [m for n in nouns for m in n.subtree if m.dep_ in ("compound", "poss", "amod", "nmod")
            and m.head.i == n.i and not (span.start <= m.i < span.end)]


@rule("fact.subject.share_of_people", examples=[
    ("Ethiopia's harvest\n\nEthiopia grew more wheat. About 80% of Ethiopians depend on farming.",
     {"subject": "Ethiopia", "value": 80}),
    ("Ethiopia's harvest\n\nEthiopia grew more wheat. About 80% of farmers depend on rain.", None),
])
def share_of_people(fd: FactDoc, fig: Figure, m: Measure):
    """"About 80% of Ethiopians depend on farming": a share of a nation's people is that country's (when
    the story names it)."""
    for tok in (fig.anchor, *fig.chain[:1]):
        for p in tok.children:
            if p.dep_ != "prep" or p.lower_ != "of":
                continue
            for o in p.children:
                word = o.lower_  # "Ethiopians" -> "ethiopian"
                country = DEMONYM_COUNTRY.get(word, DEMONYM_COUNTRY.get(word.removesuffix("s"))) \
                    if o.dep_ == "pobj" and o.ent_type_ == "NORP" else None
                found = fd.country_entity(country) if country else None
                if found is not None:
                    return found, "sentence", "fact.subject.share_of_people"
    return None


@rule("fact.subject.story_company", examples=[
    ('Harwell Foods opened a store in Leeds.\nHarwell Foods also hired staff.\nSales rose 4% in the year.',
     {'subject': 'Harwell Foods', 'about': 'Sales', 'value': 4}),
    # named most but neither in the headline nor the first sentence's subject: a body quoted, not the owner
    ("Shop prices\n\nShoppers spent less in May. The Lorne Retail Panel said so. The Lorne Retail Panel "
     "also said prices were flat.\n\nSales rose 0.5% on a like-for-like basis.", None),
    # "our sales": the speaker's business, not the headline's company
    ('Harwell Foods expands\n\nHarwell Foods opened a store in Leeds. "Our sales are 2% up," a shopkeeper said.',
     None),
])
def story_company(fd: FactDoc, fig: Figure, m: Measure):
    """"Sales rose 2.8%" in a story about one company (`FactDoc.story_org`): that company's. Not "our
    sales", "their shares": a possessive other than "its" names an owner we cannot name."""
    if not m.words & COMPANY_MEASURES:
        return None
    # the measure's words and their subjects: "our sales rose", "their shares fell 5%"
    near = [*fig.chain[:4], *(s for t in fig.chain[:4] for s in t.children if s.dep_ in ("nsubj", "nsubjpass"))]
    if any(c.dep_ == "poss" and c.tag_ == "PRP$" and c.lower_ != "its" for t in near for c in t.children):
        return STOP
    main = fd.story_org()
    if main is not None:
        return main, "previous", "fact.subject.story_company"
    if any(t.lower_ == "its" or fd.is_anaphor(t) and t.lower_ in ORG_NOUNS for t in fig.sent):
        return STOP  # "the firm said its sales fell": a company we could not name, not a country
    # ("sales at clothing stores rose 1.8%" names no company: the story's country may own it)
    return None


@rule("fact.subject.headline_company", examples=[
    ("Parmalat lifts profits\n\nParmalat said on Friday that its profits had doubled.\n"
     "Parmalat said its sales were 90m euros.", {"subject": "Parmalat", "value": 90000000}),
])
def headline_company(fd: FactDoc, fig: Figure, m: Measure):
    """"Shares in the retailer were up 19%" in a story whose headline company the tagger took for a
    place ("Circuit City gets offer") or a person ("Dr Reddy's has built ..."): that company's
    (`FactDoc.misread_company`, `FactDoc.possessive_company`)."""
    if not m.words & COMPANY_MEASURES or fd.main_org() is not None:
        return None
    found = fd.misread_company() or fd.possessive_company()
    return (found, "previous", "fact.subject.headline_company") if found is not None else None


def _economy(m: Measure) -> bool:
    return bool(m.words & (ECONOMY_MEASURES | COMPANY_MEASURES))


@rule("fact.subject.economy_place", examples=[
    ('Inflation in Spain rose to 3.1% in May.',
     {'subject': 'Spain', 'about': 'Inflation', 'value': 3.1}),
])
def economy_place(fd: FactDoc, fig: Figure, m: Measure):
    """"the US unemployment rate": a country modifying an economy's measure."""
    if not _economy(m):
        return None
    for t in m.mods:
        e = next((x for x in fd.ents if x.start <= t.i < x.end), None) if t.ent_type_ == "GPE" else None
        if e is not None and e.label_ == "GPE":
            return e, "syntax", "fact.subject.economy_place"
    return None


@rule("fact.subject.nationality_country", examples=[
    ('The Portuguese jobless rate in Portugal fell to 6%.',
     {'subject': 'Portugal', 'value': 6}),
])
def nationality_country(fd: FactDoc, fig: Figure, m: Measure):
    """"German growth" is Germany's, when the story names Germany."""
    if not _economy(m):
        return None
    for t in m.mods:
        country = DEMONYM_COUNTRY.get(t.lower_) if t.ent_type_ == "NORP" else None
        found = fd.country_entity(country) if country else None
        if found is not None:
            return found, "sentence", "fact.subject.nationality_country"
    return None


def world_measure(fd: FactDoc, fig: Figure, m: Measure):
    """"Global output is tipped to grow 4%", "world oil prices": the world's figure, no country's."""
    if _economy(m) and any(t.lower_ in WORLD_SCOPES and not _ranks(t) for t in m.mods):
        return STOP
    return None


def _ranks(world: Token) -> bool:
    """"the world's second biggest economy": a ranking among the world's, said of one country."""
    return world.dep_ == "poss" and any(c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in world.head.subtree)


def unnamed_owner(fd: FactDoc, fig: Figure, m: Measure):
    """"Eurozone interest rates", "Chinese wine sales": an owner we cannot name stops the search."""
    # A month is written with a capital too ("January house prices"): no owner.
    if _economy(m) and any(t.ent_type_ in ("NORP", "ORG", "GPE", "LOC") or t.ent_type_ != "DATE" and (
                           t.text[:1].isupper() and not t.is_sent_start
                           or t.pos_ == "PROPN" and not (t.is_sent_start and t.lower_ in MEASURE_MODIFIERS))
                           for t in m.mods):
        return STOP
    return None


def _measure_place(fig: Figure, e: Span) -> bool:
    """"Unemployment in Freedonia stood at 25%": a place (a city too) modifying the measure noun the figure
    hangs off or its verb's subject, not any noun ("the dollar was at $1.29 to the euro in Tokyo")."""
    prep = e.root.head
    measures = {t.i for t in fig.chain[:4]} | {c.i for t in fig.chain[:4] for c in t.children
                                               if c.dep_ in ("nsubj", "nsubjpass")}
    return e.root.dep_ == "pobj" and prep.lower_ == "in" and prep.head.i in measures \
        and prep.head.lemma_.lower() in ECONOMY_MEASURES | COMPANY_MEASURES


def sentence_country(fd: FactDoc, fig: Figure, m: Measure):
    """"Unemployment stood at 25% in Spain": the country of the sentence nearest the number
    (`fact.subject.economy_place`)."""
    if not _economy(m):
        return None
    span, sent = fig.span, fig.sent
    places = [e for e in fd.ents if e.start >= sent.start and e.end <= sent.end and e.label_ == "GPE"
              and (fd.is_country(e) or _measure_place(fig, e)) and not (e.start < span.end and span.start < e.end)]
    own = own_place(fd, fig)
    if own is not None:
        return own, "sentence", "fact.subject.economy_place"  # "53% in Romania, 67% in Austria"
    if places:
        return min(places, key=lambda e: abs(e.start - span.start)), "sentence", "fact.subject.economy_place"
    return None


@rule("fact.subject.story_country", examples=[
    ('Portugal held elections in May.\nPortugal also raised taxes.\nUnemployment rose to 14%.',
     {'subject': 'Portugal', 'about': 'Unemployment'}),
    ('Portugal held elections in May.\nPortugal also raised taxes.\nThe domestic market grew 14% last year.',
     {'subject': 'Portugal', 'value': 14}),
    ('Portugal held elections in May.\nPortugal also raised taxes.\nThe biggest stock market there lists stocks '
     'worth 90bn euros.', None),
])
def story_country(fd: FactDoc, fig: Figure, m: Measure):
    """An economy's measure with no country in its sentence: the country the story is about."""
    near = [*fig.chain[:6], *(c for t in fig.chain[:4] for c in t.children if c.dep_ in ("nsubj", "nsubjpass"))]
    if not _economy(m) or any(t.lemma_.lower() == "market" and any(c.lower_ == "stock" for c in t.children)
                              for t in near):
        return None  # "Europe's biggest stock market lists stocks worth £1.4 trillion": an exchange's, no country's
    main = fd.main_place()
    return (main, "previous", "fact.subject.story_country") if main is not None else None


@rule("fact.subject.publisher_country", examples=[
    ('Japan figures\n\nAt the Cabinet Office, officials said GDP in Japan fell 0.4% in May.',
     {'subject': 'Japan', 'value': 0.4}),
])
def publisher_country(fd: FactDoc, fig: Figure, found: tuple[Span, str, str]) -> tuple[Span, str, str] | None:
    """"Figures released by the Cabinet Office showed exports fell 0.4%": an economy's figure that a
    reporting body publishes or plans is the country's (named in the sentence, else the story's)."""
    ent, _, pattern = found
    if not fd.is_agency(ent) or pattern in TIED_PATTERNS:
        return None
    m = Measure(measure_words(fig, None), _measure_modifiers(fig))
    if not m.words & ECONOMY_MEASURES or m.words & COMPANY_MEASURES:
        return None  # "Federated Department Stores will buy May for $11bn": a deal, not an economy's figure
    if any(t.dep_ == "poss" and t.tag_ == "PRP$" for t in m.mods):
        return None  # "the IMF values its gold reserves at $40": the body's own
    for owner_rule in COUNTRY_RULES:
        country = owner_rule(fd, fig, m)
        if country is STOP:
            return None
        if country is not None:
            return country[0], country[1], "fact.subject.publisher_country"
    return None


COUNTRY_RULES = (economy_place, nationality_country, world_measure, unnamed_owner, sentence_country, story_country)
OWNER_RULES = (share_of_people, headline_company, story_company, *COUNTRY_RULES)


def story_owner(fd: FactDoc, fig: Figure, about: str | None) -> tuple[Span, str, str] | None:
    """What a measure with no owner in its sentence belongs to: "Sales rose 2.8%" in a story about
    one company is that company's; "Unemployment stood at 25%" is the country's the sentence names,
    else the country the story is about."""
    m = Measure(measure_words(fig, about), [])
    if _economy(m):
        m.mods = _measure_modifiers(fig)
    for owner_rule in OWNER_RULES:
        found = owner_rule(fd, fig, m)
        if found is STOP:
            return None
        if found is not None:
            return found
    return None


@rule("fact.subject.place_subject", examples=[
    ('The ferry carried 3,000 passengers in France.',
     {'subject': 'France', 'unit': 'passengers'}),
    ('The ferry carried 3,000 passengers in Tokyo.', None),  # a city is where, not whose
    ("While the UK's jobless rate rose to 4.7%, the rate remains low, compared with 12.1% in Norway and 10.4% in "
     "Chile.", {'subject': 'Chile', 'value': 10.4}),
])
def place_subject(fd: FactDoc, fig: Figure, place: str | None) -> tuple[Span, str, str] | None:
    """"12 litres in the US", "down 47% in Bulgaria": with no owner named, a figure stated for a
    country is that country's (`own_place`, ahead of `sentence_org`, when the country follows the figure)."""
    if not place:
        return None
    sent = fig.sent
    ent = next((e for e in fd.ents if e.start >= sent.start and e.end <= sent.end and fd.is_country(e)
                and place.startswith(e.text)), None)
    return (ent, "sentence", "fact.subject.place_subject") if ent is not None else None


# ---- 4. owners that are no name -------------------------------------------------------------

PEOPLE_NOUNS = lexicon.words("people_nouns")
OWNER_NOUNS = lexicon.words("fact_owner_nouns")
_PHRASE_LEFT = ("amod", "compound", "nmod", "nummod", "npadvmod")
_PHRASE_DROP = frozenset("the a an this these those some such".split())
# "overseas issuers in total": an adverbial, not part of who they are
_PHRASE_ADVERBIAL = frozenset("total all general particular turn fact part".split())


def owner_noun(tok: Token) -> bool:
    """A noun for a group of people or organisations that can own a figure: "women", "overseas issuers",
    "Chinese universities", "cigarette firms" (an organisation kind only in the plural: "the firm" is an
    anaphor, read by `fact.subject.clause_subject_anaphor`)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ and tok.ent_type_ != "NORP":
        return False
    lemma = tok.lemma_.lower()
    if lemma in PEOPLE_NOUNS:
        return True
    return tok.tag_ == "NNS" and (lemma in OWNER_NOUNS or lemma in ORG_NOUNS)


def owner_span(fd: FactDoc, fig: Figure, tok: Token) -> Span | None:
    """The phrase of an owner noun without its determiner and clauses: "people under 55", "Chinese
    universities and colleges"; None when it holds a name, a possessive or the figure itself."""
    if any(c.dep_ == "poss" for c in tok.children) or any(
            fig.inside(t.i) or t.i in fd.ent_at and fd.ent_at[t.i].label_ in SUBJECT_LABELS for t in tok.subtree):
        return None
    keep = {tok.i}
    for c in tok.children:
        sub = list(c.subtree)
        if c.i < tok.i and c.dep_ in _PHRASE_LEFT and c.lower_ not in _PHRASE_DROP:
            keep.update(t.i for t in sub)
        elif c.i > tok.i and c.dep_ in ("conj", "cc", "prep") and len(sub) <= 4 \
                and not any(t.pos_ in ("VERB", "AUX", "PUNCT") or t.lower_ in _PHRASE_ADVERBIAL for t in sub):
            keep.update(t.i for t in sub)
    start, end = min(keep), max(keep) + 1
    if end - start != len(keep):
        start = end = tok.i  # a gap: the noun with its own left words only
        while start > tok.sent.start and tok.doc[start - 1].dep_ in _PHRASE_LEFT and tok.doc[start - 1].head == tok:
            start -= 1
        end = tok.i + 1
    return tok.doc[start:end]


def _partitive_whole(tok: Token) -> Token | None:
    """"39% of people", "16% of women": the noun a share is of."""
    return next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), None)


@rule("fact.subject.owner_phrase", examples=[
    ("Among older voters, 70% said they would vote, compared with 39% of younger people.",
     {"subject": "younger people", "value": 39}),
    ("Chinese universities and colleges have worked with more than 20 partners abroad.",
     {"subject": "Chinese universities and colleges", "value": 20}),
    ("By the end of May, overseas issuers had issued 99 bonds in the market.",
     {"subject": "overseas issuers", "value": 99}),
    ("Only 16% of women earn more than £50,000 in the trade.", {"subject": "women", "value": 50000}),
    ("Almost 30 wealthy nations spend more than $300bn on farm aid.", {"subject": "Almost 30 wealthy nations",
                                                                       "value": 300000000000}),
    ("For the town, the year brought a 5% rise in costs.", None),
    ("Wealthy savers, who make up about 80% of the investors, like the plan.", None),
    ("Nearly 75 percent of the seats are held by men.", {"subject": "men", "value": 75}),
    ("A Lorne Institute survey found that about 60 percent of Americans back the plan.",
     {"subject": "Americans", "value": 60}),
])
def owner_phrase(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    """No name owns the figure: a plain group that does ("39% of people under 55", "overseas issuers had
    issued 99 bonds") is its subject, as written (no entity id): the whole a share is of, else the subject
    of the figure's own clause (the whole of a share as subject: "16% of women earn more than £50,000")."""
    return _partitive_owner(fd, fig) or _clause_owner(fd, fig)


_OWNER = "fact.subject.owner_phrase"


def _group(fd: FactDoc, fig: Figure, whole: Token | None) -> Span | None:
    return owner_span(fd, fig, whole) if whole is not None and owner_noun(whole) else None


def _partitive_owner(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    """"39% of people", "60 percent of Americans" (the country's when the story names it,
    `fact.subject.share_of_people`); not "Chinese citizens make up 80% of the investors": a share a verb's
    subject has is that subject's."""
    if any(t.dep_ in ("dobj", "attr") and t.head.pos_ in ("VERB", "AUX") for t in fig.chain[:2]):
        return None
    for tok in (fig.anchor, *fig.chain[:1]):
        whole = _partitive_whole(tok) if tok.i == fig.anchor.i or fig.inside(tok.i) else None
        if whole is not None and whole.ent_type_ == "NORP" and whole.tag_ in ("NNPS", "NNS"):
            country = DEMONYM_COUNTRY.get(whole.lower_, DEMONYM_COUNTRY.get(whole.lower_.removesuffix("s")))
            found = fd.country_entity(country) if country else None
            if found is not None:
                return found, "sentence", "fact.subject.share_of_people"
            return fd.doc[whole.i:whole.i + 1], "syntax", _OWNER
        found = _group(fd, fig, whole)
        if found is not None:
            return found, "syntax", _OWNER
    return None


def _clause_owner(fd: FactDoc, fig: Figure) -> tuple[Span, str, str] | None:
    """The group that is the subject of the figure's own clause ("overseas issuers had issued 99 bonds", the
    whole of a share as subject: "16% of women earn more than £50,000"), or the agent of a passive whose
    subject holds the figure ("75 percent of the seats are held by men")."""
    verb = _own_verb(fig)
    if verb is None:
        return None
    passive = any(t.dep_ == "nsubjpass" and t.head.i == verb.i for t in fig.chain[:2])
    own_object = any(t.dep_ == "dobj" and t.head.i == verb.i for t in fig.chain[:2])
    for child in _verb_children(verb):
        if child.dep_ == "agent":
            found = _group(fd, fig, next((o for o in child.children if o.dep_ == "pobj"), None)) if passive else None
            if found is not None:
                return found, "syntax", _OWNER
            continue
        if not _is_subject(fig, child):
            continue
        whole = child if owner_noun(child) else _partitive_whole(child) if child.like_num or \
            child.lower_ in ("%", "percent") or any(c.like_num for c in child.children) else None
        found = _group(fd, fig, whole)
        # a counted subject owns only its verb's object ("3,500 people produced 56,000 cars")
        if found is not None and (own_object or not any(c.dep_ == "nummod" for c in whole.children)):
            return found, "syntax", _OWNER
    return None


def _own_verb(fig: Figure) -> Token | None:
    """The verb of the figure's own clause, with its subject: the first verb above the number, or the one an
    infinitive without a subject hangs off ("buyers will have to pay £500"); None when it is a verb of saying
    or its subject is a relative pronoun ("a car which costs £9,000": the car's)."""
    for tok in fig.chain:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in _verb_children(tok) if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and tok.dep_ == "xcomp":
            continue
        if _is_speech(fig, tok) or any(c.tag_ in _RELATIVES or c.lower_ == "that" for c in subjects):
            return None
        return tok
    return None
