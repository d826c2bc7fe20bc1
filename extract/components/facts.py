"""`cooptool_facts`: numbers tied to what they are about.

Runs after `cooptool_entities`. Amounts are found in the text by `cooptool.extract.numbers`
(money, percentages, physical quantities, counts of things); the parse then says

- the **subject**, the entity the number belongs to (`fact_subject`: ordered, named candidate rules
  with scores): the entity in the subject of a verb that governs the number ("JA Solar announced an
  investment of US $60 million"), a possessor ("Tesco's profits rose 5%"), an organisation the number
  hangs off ("AmCham China, with nearly 1,000 member companies"), else the nearest organisation in the
  sentence, else - when the sentence talks about "the company", "it" or "the windmills" - the last
  organisation of the previous sentences;
- **about**, what the number measures ("investment to build ... capacity", "pre-tax profits";
  `fact_about`);
- the counted **unit** of a bare count ("1,000 member companies");
- **place** ("in Phoenix, Arizona"), **date** and **period** stated in the sentence.

A record's `pattern` names the subject rule and the about rule that applied,
`fact.subject.<rule>+fact.about.<rule>` (`no_subject` when no subject rule did). A figure whose `about` names
no measure - none found, or only a change, an empty head or a time ("a 0.1% rise", "its lowest level") - is
dropped (`usable_about`, issue 17: fewer, right facts). Sets `doc._.facts`: plain dicts, one per kept amount,
with the evidence sentence and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.context import context_of
from cooptool.extract.components.fact_about import CHANGE_NOUNS, about, change
from cooptool.extract.components.fact_subject import (
    OWNING_PATTERNS,
    SOURCE_VERBS,
    SUBJECT_LABELS,
    FactDoc,
    Figure,
    ancestors,
    attribution_sources,
    owner_phrase,
    place_subject,
    story_owner,
    syntactic_subject,
)
from cooptool.extract.components.phrases import PLACE_LABELS, is_place
from cooptool.extract.lexicon import DEMONYM_COUNTRY
from cooptool.extract.numbers import (
    Amount,
    DateMention,
    Period,
    find_amounts,
    find_dates,
    find_periods,
    is_year,
)
from cooptool.extract.rules import rule

# Names other modules import from here.
__all__ = ["FactExtractor", "PLACE_LABELS", "SUBJECT_LABELS", "attribution_sources", "make_fact_extractor"]

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)

# A counted noun may sit inside the model's number spans ("80,000 barrels" is a QUANTITY), not in a name or a time.
COUNTABLE_ENT_TYPES = ("", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL", "DATE")
# Entities that contain a number as part of their name ("FTSE 100", "Boeing 747", "COP28").
NAME_LABELS = ("ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC")
# A count of time is a duration, not a fact about the subject ("30 years", "three times").
TIME_NOUNS = lexicon.words("fact_time_nouns")
# Small and spelled-out counts are facts only as what someone has, makes, cuts or sells.
COUNT_VERBS = lexicon.words("count_verbs")
COMPANY_MEASURES = lexicon.where("fact_measures", 1, "company")
PURE_ECONOMY = lexicon.where("fact_measures", 1, "economy-only")
# Phrases that date or place something else ("cut 13,000 jobs since the attacks in the US").
FRAMING_PREPS = lexicon.words("framing_preps")
# Words before the level a figure is compared with ("from £610m", "than a year ago", "on the previous year").
COMPARISON_WORDS = lexicon.words("comparison_words")
BASE_WORDS = lexicon.where("comparison_words", 1, "base")


RACE_DISTANCES = {int(w) for w in lexicon.where("race_words", 1, "distance")}
RACE_WORDS = lexicon.where("race_words", 1, "word")
_DISTANCE_TEXT = re.compile(r"\d{1,2},?\d{3}m|\d{2,3}m")
# Words before a race written alone ("won the 800m", "in the women's 200m").
_RACE_OPENERS = ("the", "a", "her", "his", "their", "world", "indoor", "final", "men's", "women's", "'s")


def is_race_distance(amount: Amount, span: Span) -> bool:
    """"won the 800m", "the 100m hurdles", "titles over 1500m and 5,000m": a race in metres, not 800 million
    of anything."""
    written = amount.text[amount.num_start - amount.start:]  # "over 1500m": the figure without its approximator
    if amount.kind != "count" or amount.currency or not _DISTANCE_TEXT.fullmatch(written) \
            or amount.value / 1_000_000 not in RACE_DISTANCES:
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in RACE_WORDS:
        return True
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return False  # "100m customers"
    before = doc.text[max(0, amount.num_start - 40):amount.num_start].lower()
    before = re.sub(r",(\s)", r" ,\1", before).split()[-3:]
    listed = len(before) >= 2 and before[-1] in ("and", "or", ",") and bool(_DISTANCE_TEXT.fullmatch(before[-2]))
    return bool(before) and (before[-1] in _RACE_OPENERS or listed or any(w in RACE_WORDS for w in before[-3:-1]))


# "cleared 6.10m", "a throw of 22.93m": two decimals glued to "m" (millions are written "6.1m", "1.25m people").
_METRES_TEXT = re.compile(r"\d{1,2}\.\d\dm")


def as_metres(doc: Doc, amount: Amount, span: Span) -> Amount | None:
    """"a clearance of 6.10m", "a season's best of 22.69m": a height or length in metres as athletics results
    write it, not 6.1 million of anything: a count with two decimals glued to "m", no currency and no noun
    it counts after it, in a sentence with a word of the field events ("cleared", "throw", "height", "best").
    The figure as a quantity in metres, or None."""
    written = amount.text[amount.num_start - amount.start:]
    if amount.kind != "count" or amount.currency or amount.value_max is not None or not _METRES_TEXT.fullmatch(written):
        return None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ") and not after.is_sent_start:
        return None  # "1.25m people", "2.50m new shares": millions of something
    if not any(t.lower_ in FIELD_WORDS for t in span.sent):
        return None  # "unemployment fell to 1.42m"
    return replace(amount, kind="quantity", value=float(written[:-1]), unit="metres", has_scale=False)


SCORE_NOUNS = lexicon.where("fact_sport_words", 1, "score-noun")
SCORE_VERBS = lexicon.where("fact_sport_words", 1, "score-verb")
FIELD_WORDS = lexicon.where("fact_sport_words", 1, "field")
SPORT_TALLIES = lexicon.where("fact_sport_words", 1, "tally")
SPORT_PRIZES = lexicon.where("fact_sport_words", 1, "prize")


def is_prize(about: str | None) -> bool:
    """"a winner's purse of 75,000 euros": a tournament's prize money is a sports result, not data (issue 17)."""
    words = (about or "").lower().split()
    return bool(words) and words[-1] in SPORT_PRIZES
_MONTH_AFTER = re.compile(r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_MONTH_BEFORE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$")


def is_score(text: str, amount: Amount) -> bool:
    """"a 2-1 win", "the Senate's 80-19 vote", "beat them 3-0", "on 19-20 March": two whole numbers joined by a
    hyphen that are a score, a tally of votes or two days of a month, not a range of one figure. A range runs
    upwards ("10-15 people"); a score may not, and the words around it say which ("lost 1-2")."""
    if amount.kind != "count" or amount.value_max is None or amount.has_scale or amount.unit or amount.currency:
        return False
    written = amount.text[amount.num_start - amount.start:]
    if not re.fullmatch(r"\d+\s?[-–]\s?\d+", written):
        return False
    low, high = amount.value, amount.value_max
    if high <= 31 and (_MONTH_AFTER.match(text, amount.end) or _MONTH_BEFORE.search(text, 0, amount.start)):
        return True  # "19-20 March", "March 19-20": two days
    if high <= low:
        return True  # "80-19", "3-1", "1-1": a range never runs downwards
    after = re.match(r"\s*([A-Za-z]+)", text[amount.end:amount.end + 20])
    before = text[max(0, amount.start - 20):amount.start].split()
    return bool(after and after.group(1).lower() in SCORE_NOUNS or before and before[-1].lower() in SCORE_VERBS)


PER_UNITS = lexicon.mapping("fact_per_units")
_PER = re.compile(r"\s+(?:a|an|per|each)\s+([A-Za-z-]+)\b(?!\s+(?:earlier|before|ago|later|on)\b)")  # not "a year earlier"


def per_unit(text: str, amount: Amount) -> str | None:
    """"$48.64 a barrel", "900 rupees per tonne", "45 cents a share": what a sum is for, as its unit ("a barrel")."""
    if amount.kind != "money":
        return None
    m = _PER.match(text, amount.end)
    unit = PER_UNITS.get(m.group(1).lower()) if m else None
    return (f"an {unit}" if unit[0] in "aeiou" or unit == "hour" else f"a {unit}") if unit else None


def share_per_unit(text: str, facts: list[dict]) -> None:
    """"from £2.50 to £4 a leg", "between $40 and $50 a barrel": the low end of a range of sums is for what its
    high end is."""
    for low, high in zip(facts, facts[1:], strict=False):
        if low["kind"] == high["kind"] == "money" and low["unit"] is None and high["unit"] \
                and low["currency"] == high["currency"] and low["start"] == high["start"] \
                and text[low["text_end"]:high["text_start"]].strip().lower() in _RANGE_GLUE:
            low["unit"] = high["unit"]


_BASE_BEFORE = re.compile(r"(?:\bper|\b(?:one|1)\s+in(?:\s+every)?|\bout\s+of(?:\s+every)?|\btop)\s+$", re.I)


def is_base_or_rank(doc: Doc, amount: Amount, span: Span) -> bool:
    """"faults per 100 new cars", "one in 10 adults", "two out of 10 callers", "the top 10 players", "the top 5 percent earned 40%": a base
    a rate is taken over or a group picked out by rank, not a figure of its own ("the top 33 percent rate" is)."""
    m = _BASE_BEFORE.search(doc.text, max(0, amount.start - 16), amount.start)
    if m is None or amount.kind not in ("count", "percent") or amount.approx:
        return False
    if m.group(0).lower().startswith("top"):
        after = doc[span.end] if span.end < len(doc) else None
        return amount.kind == "count" or after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")
    return amount.kind == "count"


def _opens_a_name(doc: Doc, place: Span) -> bool:
    """"its stake in London underground consortium Tube Lines": a place the parse ends a phrase with, though
    common nouns go on after it, is the first word of a name, not where the figure is."""
    nxt = doc[place.end] if place.end < len(doc) else None
    if nxt is None or place.root.dep_ != "pobj" or nxt.ent_type_ in ("DATE", "TIME") or not nxt.is_lower:
        return False
    if nxt.pos_ == "ADJ" and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]
    return nxt.pos_ == "NOUN" and nxt.is_lower and nxt.ent_type_ not in ("DATE", "TIME")


def same_clause(tok: Token, chain: set[int]) -> bool:
    """`tok` hangs off the number's head chain without crossing a clause or a "since ..." phrase."""
    steps = 0
    while tok.i not in chain and tok.head is not tok and steps < 25:
        if tok.dep_ in ("advcl", "relcl", "ccomp", "csubj", "parataxis", "conj") and tok.pos_ in ("VERB", "AUX") \
                and (tok.tag_ not in ("VBG", "VBN", "TO", "VB") or any(c.dep_ == "nsubj" for c in tok.children)):
            return False  # a clause of its own: finite, or with its own subject ("markets have hit highs this week")
        if tok.dep_ == "prep" and tok.lower_ in FRAMING_PREPS:
            return False
        tok = tok.head
        steps += 1
    return tok.i in chain


def _tense(verb: Token) -> str | None:
    """Past, perfect, present or future, from the verb's auxiliaries and tag (None for a bare participle)."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):
        return "future"
    if any(a.lemma_ == "have" for a in aux):
        return "perfect"
    tags = {verb.tag_, *(a.tag_ for a in aux)}
    if "VBD" in tags:
        return "past"
    return "present" if tags & {"VBZ", "VBP"} else None


def own_clause(chain_tokens: list[Token]) -> set[int]:
    """The number's head chain up to a verb joined by "and"/"but" to one of another tense: "was introduced in
    1997 and has paid out £370m" - the year is the other verb's; "rose 0.8% in January and fell 0.4%" share it."""
    out = set()
    for tok in chain_tokens:
        out.add(tok.i)
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
            mine, theirs = _tense(tok), _tense(tok.head)
            if mine and theirs and mine != theirs:
                break
    return out


def counted_noun(doc: Doc, span: Span, root: Token) -> Token | None:
    """The noun a number counts: "1,000 [member] companies", "eight business sectors"."""
    for tok in (root, *span):
        head = tok.head
        if tok.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and head.i >= span.end \
                and head.pos_ in ("NOUN", "PROPN") and head.i - span.end <= 4 and head.ent_type_ in COUNTABLE_ENT_TYPES:
            return head
    # "100 of its staff": a partitive.
    if span.end + 2 < len(doc) and doc[span.end].lower_ == "of" and doc[span.end + 1].tag_ == "PRP$" \
            and doc[span.end + 2].pos_ == "NOUN":
        return doc[span.end + 2]
    return None


@dataclass
class Reading:
    """What the parse says an amount counts: the token it hangs off, the counted noun and the unit."""
    anchor: Token
    counted: Token | None
    unit: str | None


# Nouns whose plural is the singular ("70 aircraft", "500 staff"): a count even when tagged singular.
INVARIANT_PLURALS = lexicon.words("invariant_plurals")


def _owned_model(doc: Doc, amount: Amount, span: Span, before: Token | None) -> bool:
    """"its 787 Dreamliner aircraft": a possessive, three digits and a name is the owner's model (not "its 300
    Chinese workers": demonyms and named places, people and organisations are counted)."""
    after = doc[span.end] if span.end < len(doc) else None
    return before is not None and (before.tag_ == "POS" or before.lower_ in ("its", "their")) and after is not None \
        and after.pos_ in ("PROPN", "ADJ") and after.text[:1].isupper() and len(amount.text) == 3 \
        and after.lower_ not in DEMONYM_COUNTRY and after.ent_type_ not in ("GPE", "LOC", "PERSON", "ORG", "DATE")


def is_model_number(doc: Doc, amount: Amount, span: Span, counted: Token | None) -> bool:
    """"Boeing's 777 line", "a 767 tanker contract", "Boeing 737-800 planes", "30 times the amount": a model
    number or a multiple, not a count of things. A count counts a plural; bare digits before a singular noun,
    or right after a name, name a model."""
    if span.end < len(doc) and doc[span.end].lower_ == "times":
        return True
    if amount.has_scale or amount.is_word or not re.fullmatch(r"\d+(?:-\d+)?", amount.text):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and not before.is_sent_start \
            and before.ent_type_ not in ("DATE", "TIME", "MONEY", "CARDINAL"):
        return True  # "70 Boeing 737-800 planes", "Windows 95": a maker's or a product's number
    if _owned_model(doc, amount, span, before):
        return True
    if counted is None or not amount.text.isdigit():
        return False
    if counted.dep_ in ("compound", "amod") and counted.head.tag_ in ("NNS", "NNPS"):
        return False  # "12 eurozone countries": the plural is further on
    return counted.tag_ == "NN" and counted.lower_ not in INVARIANT_PLURALS and amount.value > 1


def _count_reading(doc: Doc, amount: Amount, span: Span, counted: Token | None) -> Reading | None:
    """A count is a fact only with a scale ("4m") or a counted noun that is not a time; a small or
    spelled-out one only as what someone has, makes, cuts or sells ("employs eight engineers")."""
    if is_model_number(doc, amount, span, counted):
        return None
    if counted is None:
        return Reading(span.root, None, amount.unit) if amount.has_scale else None  # "rose to 4,800": counts what?
    if counted.lower_ in TIME_NOUNS or counted.lemma_.lower() in TIME_NOUNS:
        return None
    if len(counted.text.rstrip(".")) == 1:
        return None  # "50 K", "196 C": a reading on a scale, not a count of things
    if counted.lower_ in SPORT_TALLIES:
        return None  # "10 straight pars", "seven wickets": a result of a game, not data
    if counted.lower_ in ("meters", "metres") and amount.value in RACE_DISTANCES and span.start > 0 \
            and doc[span.start - 1].lower_ in _RACE_OPENERS:
        return None  # "in the 3,000 meters": a race
    unit = " ".join(t.text for t in doc[span.end:counted.i + 1]
                    if t.i == counted.i or t.dep_ in ("compound",)).strip() or counted.text
    if (amount.is_word or amount.value < 10) and not amount.has_scale:
        verb = next((a for a in ancestors(counted, span.sent) if a.pos_ in ("VERB", "AUX")), None)
        if (verb is None or verb.lemma_.lower() not in COUNT_VERBS or counted.dep_ not in ("dobj", "attr")
                or amount.value == 1):
            return None
    return Reading(counted, counted, unit)


def read_amount(doc: Doc, amount: Amount, span: Span) -> Reading | None:
    root = span.root
    counted = counted_noun(doc, span, root) if amount.kind in ("count", "quantity", "money", "percent") else None
    if amount.kind == "count":
        return _count_reading(doc, amount, span, counted)
    anchor = counted if counted is not None and amount.kind == "quantity" else root
    return Reading(anchor, counted, amount.unit)


def _near_words(anchor: Token, sent: Span) -> set[str]:
    """The words on the number's path and their subjects and objects: what kind of measure it is."""
    path = (anchor, *ancestors(anchor, sent))
    words = {w for t in path[:6] for w in (t.lemma_.lower(), t.lower_)}
    return words | {w for t in path[:4] for c in t.children
                    if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound") for w in (c.lemma_.lower(), c.lower_)}


# "its outlook for the French economy", "its estimate for Spain": a forecast and the country it is made for.
_FORECAST_FOR = re.compile(r"\b(?:forecasts?|estimates?|projections?|outlook|predictions?)\s+for\s+(?:the\s+)?"
                           r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)(?:\s+economy)?\b")


@rule("fact.subject.forecast_for", examples=[
    ("Exports from France fell.\nThe Lorne Fund will lower its 2007 outlook for the French economy from 2.3% "
     "to 1.1%.", {"subject": "France", "value": 2.3}),
    ("The Lorne Fund will lower its growth outlook from 2.3% to 1.1%.", None),
])
def forecast_for(fd: FactDoc, facts: list[dict]) -> None:
    """"the IMF will lower its outlook for the French economy to 1.1%": a forecast made for a country is that
    country's figure, not the forecaster's (issue 17: a reader rejects the pollster or source as the owner). The
    country must be named in the story."""
    for f in facts:
        m = _FORECAST_FOR.search(f["about"] or "")
        if m is None:
            continue
        name = m.group(1)
        found = fd.country_entity(DEMONYM_COUNTRY.get(name.lower()) or name)
        owner = fd.names.get(found.kb_id_) if found is not None else None
        if owner is None or f["subject_id"] == owner["id"]:
            continue
        f.update(subject=owner["name"], subject_id=owner["id"], subject_aliases=owner["aliases"], subject_via="sentence")
        f["pattern"] = "fact.subject.forecast_for+" + f["pattern"].split("+", 1)[1]


class _FactReader:
    """The facts of one Doc (the component keeps no per-document state)."""

    def __init__(self, doc: Doc, lookback_sentences: int):
        ctx = context_of(doc)
        self.doc = doc
        self.text = ctx.text
        self.fd = FactDoc(doc, ctx, lookback_sentences)
        self.dates = find_dates(self.text, ctx.meta.get("published"))
        self.periods = find_periods(self.text)
        self.amounts = self._amounts()
        self.amount_starts = [a.start for a in self.amounts]

    def _amounts(self) -> list[Amount]:
        """Amounts outside dates, with a converted figure in brackets folded into the one before."""
        out: list[Amount] = []
        for a in find_amounts(self.text):
            if any(d.start <= a.num_start < d.end for d in self.dates) or is_year(a):
                continue
            if out and a.kind == out[-1].kind and a.kind in ("money", "quantity"):
                prev = out[-1].converted[-1] if out[-1].converted else out[-1]
                between = self.text[prev.end:a.start].strip()
                opens = between.endswith("(") and len(between) <= 20 and not any(c in between[:-1] for c in "().;")
                if opens and prev is out[-1] or between in (";", ",", "/") and prev is not out[-1]:
                    out[-1].converted.append(a)  # "$900m (£479m)", "3bn yuan ($365m; £190m)"
                    continue
            out.append(a)
        return out

    def _is_figure(self, span: Span | None) -> bool:
        doc, ent_at = self.doc, self.fd.ent_at
        if span is None or not span.text.strip():
            return False
        if any(ent_at.get(i) is not None and ent_at[i].label_ in NAME_LABELS
               and doc[i].like_num for i in range(span.start, span.end)):
            return False  # part of a name
        # "a 10-year deal", "the 777-200LR": a modifier or a model name, not a figure
        return not (span.end + 1 < len(doc) and doc[span.end].text in ("-", "–")
                    and doc[span.end + 1].text[:1].isalnum() and not doc[span.end].whitespace_)

    def facts(self) -> list[dict]:
        out = []
        for amount in self.amounts:
            span = self.doc.char_span(amount.start, amount.end, alignment_mode="expand")
            if not self._is_figure(span) or is_race_distance(amount, span) or is_score(self.text, amount) \
                    or is_base_or_rank(self.doc, amount, span):
                continue
            amount = as_metres(self.doc, amount, span) or amount
            fact = self.fact(amount, span)
            if fact is not None:
                out.append(fact)
        for f in out:
            if f["about"] and f["subject"] and _plain(f["about"]) == _plain(f["subject"]):
                f["about"] = None  # "shareholders lost $180bn": the owner is not what the figure measures
                f["pattern"] = f["pattern"].split("+")[0] + "+no_about"
        range_partner(self.text, out)
        parallel_figure(self.text, out)
        compared_level(self.text, out)
        change_aside(self.text, out)
        before_figure(self.text, out)
        figure_named(self.text, out)
        fuller_mention(self.text, out)
        share_per_unit(self.text, out)
        share_of_total(self.text, out)
        field_mark(self.text, out)
        forecast_for(self.fd, out)
        return [f for f in out if (usable_about(f["about"]) or f["pattern"].endswith("+fact.about.field_mark"))
                and not is_prize(f["about"])]

    def fact(self, amount: Amount, span: Span) -> dict | None:
        reading = read_amount(self.doc, amount, span)
        if reading is None:
            return None
        anchor = reading.anchor
        sent = span.sent
        near_words = _near_words(anchor, sent)
        chain_tokens = [anchor, *ancestors(anchor, sent)]
        fig = Figure(span, anchor, sent, chain_tokens, company_measure=bool(near_words & COMPANY_MEASURES))
        subject, via, subject_pattern = syntactic_subject(self.fd, fig)
        chain = {t.i for t in chain_tokens}
        place = self._place(span, sent, subject, chain)
        period = self._period(amount, sent, own_clause(chain_tokens))
        date = self._date_of(amount, span, sent, chain, period)
        source = self._source(anchor, sent, subject)
        about_text, about_pattern = about(self.doc, amount.kind, span, anchor, reading.counted, sent, self.fd.ent_at,
                                          subject, self._converted_skip(amount))
        owner = self._owner(fig, subject, subject_pattern, near_words, about_text, place)
        if owner is not None:
            subject, via, subject_pattern = owner
        if subject is None and not about_text:
            return None  # "almost 12%" with no owner and nothing it measures: no fact a reader can use
        return self._record(amount, span, reading, subject, via, about_text, place, date, period, source,
                            f"{subject_pattern or 'no_subject'}+{about_pattern or 'no_about'}")

    def _converted_skip(self, amount: Amount) -> set[int]:
        """The bracketed figures in another currency, left out of the about phrase."""
        out = set()
        for c in amount.converted:
            conv = self.doc.char_span(c.start, c.end, alignment_mode="expand")
            if conv is not None:
                out.update(range(conv.start - 1, conv.end + 1))
        return out

    def _owner(self, fig: Figure, subject: Span | None, subject_pattern: str | None, near_words: set[str],
               about_text: str | None, place: str | None) -> tuple[Span, str, str] | None:
        """The owner by measure (`fact_subject.OWNER_RULES`) that replaces or supplies the subject."""
        about_words = {w.lower().strip(",.'’") for w in (about_text or "").split()}
        words = near_words | about_words
        economy = bool(words & PURE_ECONOMY) and not words & COMPANY_MEASURES
        if subject is not None and economy and (subject.label_ == "PERSON" or subject.label_ == "ORG"
                                                and subject_pattern not in OWNING_PATTERNS):
            # "the Labor Department said ... it pushed the unemployment rate to 5.2%": an economy's figure is
            # the country's, not the agency's that reports it nor the leader's of its government
            country = story_owner(self.fd, fig, about_text)
            if country is not None and country[0].label_ == "GPE":
                return country
        if subject is None:
            return owner_phrase(self.fd, fig) or story_owner(self.fd, fig, about_text) \
                or place_subject(self.fd, fig, place)
        return None

    def _date_of(self, amount: Amount, span: Span, sent: Span, chain: set[int],
                 period: Period | None) -> DateMention | None:
        if period is not None and period.comparison or period is None and any(
                p.comparison and amount.end <= p.start < sent.end_char and self._compared_with(amount, p)
                for p in self.periods):
            return None  # "£125m a year earlier", "up 21.3% from the previous year": no date is written
        date = self._date(span, sent, chain)
        if period is not None:
            # The date inside the period phrase, when it has one ("in the third quarter of 2004"); a span of
            # time between two dates ("from 2013 to 2022") is dated by neither end.
            inside = [d for d in self.dates if period.start <= d.start and d.end <= period.end]
            date = inside[0] if len(inside) == 1 else None if inside else date
        return date

    def _record(self, amount: Amount, span: Span, reading: Reading, subject: Span | None, via: str | None,
                about_text: str | None, place: str | None, date: DateMention | None, period: Period | None,
                source: str | None, pattern: str) -> dict:
        text = self.text
        subj = self.fd.names.get(subject.kb_id_) if subject is not None else None
        sent = span.sent
        ev_start, ev_end = sent.start_char, sent.end_char
        while ev_end > ev_start and text[ev_end - 1].isspace():
            ev_end -= 1
        rec = {
            # a plain group ("overseas issuers", `fact.subject.owner_phrase`) is its subject as written, with no id
            "subject": subj["name"] if subj else subject.text if subject is not None and pattern.startswith(
                "fact.subject.owner_phrase") else None,
            "subject_id": subj["id"] if subj else None,
            "subject_aliases": subj["aliases"] if subj else [],
            "subject_via": via,
            "kind": amount.kind,
            "value": amount.value,
            "value_max": amount.value_max,
            "currency": amount.currency,
            "unit": reading.unit or per_unit(text, amount),
            "approx": amount.approx,
            "change": change(amount, span, span.root),
            "text": text[amount.start:amount.end],
            "about": about_text or None,
            "place": place,
            "date": date.iso if date else None,
            "date_text": date.text if date else None,
            "period": period.text if period else None,
            "source": source,
            "pattern": pattern,
            "evidence": text[ev_start:ev_end],
            "start": ev_start,
            "end": ev_end,
            "text_start": amount.start,
            "text_end": amount.end,
        }
        if amount.converted:
            rec["converted"] = [{"value": c.value, "currency": c.currency, "text": c.text} for c in amount.converted]
        return rec

    # ---- who states it, where, when ---------------------------------------------------------------

    def _source(self, anchor: Token, sent: Span, subject: Span | None) -> str | None:
        """Who states the number: "Ofcom said BT would cut prices by 8%" has Ofcom as its source."""
        for tok in ancestors(anchor, sent):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in SOURCE_VERBS:
                for child in tok.children:
                    if child.dep_ == "nsubj":
                        ent = self.fd.entity_of(child)
                        if ent is not None and (subject is None or ent.kb_id_ != subject.kb_id_):
                            found = self.fd.names.get(ent.kb_id_)
                            return found["name"] if found else None
                return None
        return None

    def _place(self, span: Span, sent: Span, subject: Span | None, chain: set[int]) -> str | None:
        doc, ent_at = self.doc, self.fd.ent_at
        places = [e for e in self.fd.ents if e.start >= sent.start and e.end <= sent.end and is_place(e)
                  and not (subject is not None and e.kb_id_ == subject.kb_id_) and same_clause(e.root, chain)
                  and not _opens_a_name(doc, e)]
        if not places:
            return None
        best = min(places, key=lambda e: (0 if e.start >= span.end else 1, abs(e.start - span.start)))
        # "Phoenix, Arizona": a place followed by the region it is in.
        end = best.end
        if end + 1 < sent.end and doc[end].text == "," and end + 1 in ent_at and ent_at[end + 1].label_ == "GPE":
            end = ent_at[end + 1].end
        return doc[best.start:end].text

    def _date(self, span: Span, sent: Span, chain: set[int]) -> DateMention | None:
        inside = []
        for d in self.dates:
            if d.start < sent.start_char or d.end > sent.end_char:
                continue
            where = self.doc.char_span(d.start, d.end, alignment_mode="expand")
            if where is not None and same_clause(where.root, chain):
                inside.append(d)
        if not inside:
            return None
        return min(inside, key=lambda d: abs(d.start - span.start_char))

    def _period_rank(self, amount: Amount, sent: Span, chain: set[int], p: Period) -> tuple | None:
        """How well a period phrase dates the number (lower is better), or None when it does not."""
        if p.start < sent.start_char or p.end > sent.end_char or amount.start <= p.start < amount.end:
            return None
        where = self.doc.char_span(p.start, p.end, alignment_mode="expand")
        if where is None:
            return None
        said = where.root.head.head if where.root.head.dep_ == "prep" else where.root.head
        if said.lemma_.lower() in SOURCE_VERBS:
            return None  # "In September, the IMF said ...": when it was said
        if self._other_figure_between(amount, sent, p):
            return None  # "cut its debt to £160m from £610m a year earlier": the later figure's period
        if self._is_base(amount) and p.end <= amount.start or any(
                a is not amount and self._is_base(a) and self._right_after(a, p) for a in self.amounts):
            return None  # "growth will slow from 3% in 2004 to 2.5%": 2004 is the year of the figure compared with
        gap = self.text[amount.end:p.start] if p.start >= amount.end else None
        if gap is not None and p.comparison and self._compared_with(amount, p):
            return None  # "up 31.8% on the previous year", "36% higher than a year ago": what it is compared with
        if gap is not None and self._right_after(amount, p):
            return (0, 0)  # "$639m year-earlier", "£125m a year earlier"
        if same_clause(where.root, chain):
            after = p.start >= amount.end
            return (1, abs(p.start - amount.end)) if after else (2, amount.start - p.end)
        return None

    def _other_figure_between(self, amount: Amount, sent: Span, p: Period) -> bool:
        if any(amount.end <= a < p.start for a in self.amount_starts):
            return True  # a figure between this one and a period after it
        return any(p.end <= a < amount.start for a in self.amount_starts) and not self._opens_sentence(p, sent)

    def _opens_sentence(self, p: Period, sent: Span) -> bool:
        """"From 2013 to 2022, trade reached $19tn, with growth of 6.4%": a period that opens the sentence before
        a comma dates every figure of it."""
        before = self.text[sent.start_char:p.start]
        return not before.strip(" \n\"'“‘") and self.text[p.end:p.end + 1] == ","

    def _right_after(self, amount: Amount, p: Period) -> bool:
        gap = self.text[amount.end:p.start]
        return p.start >= amount.end and len(gap) <= 4 and not any(c in gap for c in ",;()")

    def _is_base(self, amount: Amount) -> bool:
        """"from £610m", "compared with 10%", "than 5%": a figure that is the level compared with."""
        before = self.text[max(0, amount.start - 15):amount.start].lower().split()
        return bool(before) and (before[-1] in BASE_WORDS or before[-2:] in (["compared", "with"], ["compared", "to"]))

    def _compared_with(self, amount: Amount, p: Period) -> bool:
        """"up 31.8% on the previous year", "3.5% higher than a year ago": the time after the figure is what it is
        compared with (not "the $232m charge from the previous quarter", where a noun stands between)."""
        if any(amount.end <= a < p.start for a in self.amount_starts):
            return False  # "to 70 cents from 55 cents a year earlier": the time of the figure in between
        between = self.doc.char_span(amount.end, p.start, alignment_mode="expand")
        words = [t for t in between or [] if not t.is_punct and t.ent_type_ not in ("MONEY", "PERCENT")]
        return bool(words) and words[-1].lower_ in COMPARISON_WORDS and not any(t.pos_ in ("NOUN", "PROPN") for t in words)

    def _period(self, amount: Amount, sent: Span, chain: set[int]) -> Period | None:
        """The time the number refers to: a period phrase in its clause ("in the third quarter",
        "a year earlier", "in 2004"), the one right after the number first."""
        found = []
        for p in self.periods:
            rank = self._period_rank(amount, sent, chain, p)
            if rank is not None:
                found.append((rank, p))
        if not found:
            return None
        return min(found, key=lambda f: f[0])[1]


# What stands between the two ends of a range or a change of level ("2% to 3%", "from £6 to £10", "1.8% or 2%").
_RANGE_GLUE = ("to", "-", "–", "or", "and")


@rule("fact.about.range_partner", examples=[
    ("Harwell Foods had forecast a 2% to 3% rise in full-year revenue.", {"value": 2, "about": "full-year revenue"}),
    ("The Lorne Fund will cut its growth forecast for Freedonia from 1.9% to 0.8%.",
     {"value": 1.9, "about": "growth forecast for Freedonia"}),
    ("Harwell Foods raised the fee from £6 to £10.", {"value": 6, "about": "fee"}),
    ("Crude stockpiles in Freedonia had dropped 3m barrels to 271.5m.",
     {"value": 271_500_000, "unit": "barrels", "about": "Crude stockpiles"}),
    ("The Lorne Fund lent 5% to 10 firms.", None),  # another kind of figure
])
def range_partner(text: str, facts: list[dict]) -> None:
    """"a 2% to 3% rise in revenue", "cut its forecast from 1.9% to 0.8%": a figure with no `about` that is
    one end of a range or of a change of level measures what its other end does (same kind, currency, unit,
    sentence; a bare count takes the other end's unit: "dropped 3m barrels to 271.5m")."""
    for k, f in enumerate(facts):
        if f["about"]:
            continue
        for other in (facts[k + 1] if k + 1 < len(facts) else None, facts[k - 1] if k > 0 else None):
            if other is None:
                continue
            bare = f["kind"] == "count" and f["unit"] is None and other["kind"] in ("count", "quantity")
            if not other["about"] or other["start"] != f["start"] or other["currency"] != f["currency"] \
                    or (other["kind"], other["unit"]) != (f["kind"], f["unit"]) and not bare:
                continue
            a, b = (f, other) if f["text_start"] < other["text_start"] else (other, f)
            if text[a["text_end"]:b["text_start"]].strip().lower() in _RANGE_GLUE:
                if bare:  # "dropped 3m barrels to 271.5m": 271.5m barrels
                    f["kind"], f["unit"] = other["kind"], other["unit"]
                f["about"] = other["about"]
                f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.range_partner"
                break


# "..., closely following Pakistan at 8.9%", "ahead of Germany at 3%": a name and "at" right before a figure.
# Not "leaving ITV1 with 13%", which is ITV1's own share of something else.
_NAMED_AT = re.compile(r"(?:^|[\s,(])(?:[A-Z][\w'’.&-]*\s+){1,4}at\s+$")


@rule("fact.about.parallel_figure", examples=[
    ("In May, Ruritania became the second market for Freedonian cheese, accounting for 8.8% of total exports, "
     "closely following Velmor at 8.9%.", {"value": 8.9, "about": "share of total exports"}),
    ("Harwell Foods sold its plant to Velmor at 8.9% below its book value.", None),
    ("Almost 60% of viewers tuned into the final, leaving Velmor TV with about 13%.", None),
])
def parallel_figure(text: str, facts: list[dict]) -> None:
    """"Brazil took 8.8% of module exports, closely following Pakistan at 8.9%": a figure with no `about`
    stated for another name, right after a figure of the same kind in the sentence, measures the same thing."""
    for k, f in enumerate(facts):
        if f["about"] or k == 0:
            continue
        other = facts[k - 1]
        if not other["about"] or other["start"] != f["start"] \
                or (other["kind"], other["currency"], other["unit"]) != (f["kind"], f["currency"], f["unit"]):
            continue
        if _NAMED_AT.search(text[other["text_end"]:f["text_start"]]):
            f["about"] = other["about"]
            f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.parallel_figure"


_OF_TOTAL = re.compile(r"(?:share|proportion) of (?:the )?(?:overall |national |combined )?total$", re.I)


@rule("fact.about.share_of_total", examples=[
    ("Freedonia has won 32 out of the 37 gold medals, accounting for 86% of the total.",
     {"value": 86, "about": "share of gold medals"}),
    ("Freedonia's exports rose 5%, accounting for 86% of the total.", None),
])
def share_of_total(text: str, facts: list[dict]) -> None:
    """"won 32 of the 37 gold medals, accounting for 86% of the total": a share of "the total" is a share of the
    things the count before it in the sentence counts."""
    for k, f in enumerate(facts):
        if not f["about"] or not _OF_TOTAL.fullmatch(f["about"]):
            continue
        before = next((o for o in reversed(facts[:k]) if o["start"] == f["start"] and o["kind"] == "count"
                       and o["unit"] and o["value_max"] is None), None)
        if before is not None:
            f["about"] = f"share of {before['unit']}"
            f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.share_of_total"


# ", an increase of", ", a surge of", ", up": a change written after a figure, as an aside of its clause.
_CHANGE_ASIDE = re.compile(r",\s+(?:(?:a|an)\s+(?P<words>(?:[\w-]+\s+){1,3})(?:of\s+)?)?$")
_RISE_NOUNS = lexicon.where("change_words", 1, "rise-noun")
_FALL_NOUNS = lexicon.where("change_words", 1, "fall-noun")


@rule("fact.about.change_aside", examples=[
    ("Velmor Foods sold 1.7 million bikes in 2006, a rise of 9% on the year before.",
     {"value": 9, "about": "bikes sold", "change": "up"}),
    ("Tourism revenue in Freedonia hit 116 billion yuan, a surge of 27 percent year-on-year.",
     {"value": 27, "about": "Tourism revenue"}),
    ("Velmor Foods sold 2.4 million cars in 2004; rivals reported an increase of 4%.", None),
])
def change_aside(text: str, facts: list[dict]) -> None:
    """"sold 2.4 million cars, an increase of 4%", "hit 116bn yuan, a surge of 27% year-on-year": a change that
    names nothing changed, written as an aside right after a figure of its sentence, is the change of what that
    figure measures."""
    for k, f in enumerate(facts):
        if k == 0 or usable_about(f["about"]):
            continue
        prev = facts[k - 1]
        m = _CHANGE_ASIDE.search(text, prev["text_end"], f["text_start"])
        if prev["start"] != f["start"] or not usable_about(prev["about"]) or m is None \
                or any(c in text[prev["text_end"]:f["text_start"]] for c in ";:()"):
            continue
        words = {w.rstrip("s") for w in (m.group("words") or "").lower().split()}
        rise, fall = bool(words & _RISE_NOUNS), bool(words & _FALL_NOUNS)
        if f["change"] is None and rise == fall:
            continue  # ", a figure of 4%": no change is named
        f["change"] = f["change"] or ("up" if rise else "down")
        f["about"] = prev["about"]
        subject_pattern = f["pattern"].split("+")[0]
        if f["subject"] is None and prev["subject"] is not None:  # the aside's figure is the same owner's
            f.update({key: prev[key] for key in ("subject", "subject_id", "subject_aliases", "subject_via")})
            subject_pattern = prev["pattern"].split("+")[0]
        f["pattern"] = subject_pattern + "+fact.about.change_aside"


@rule("fact.about.fuller_mention", examples=[
    ("While Freedonia's jobless rate climbed to 5.3%, the rate is still modest, compared with 11.4% in Spain.",
     {"value": 11.4, "about": "jobless rate"}),
    ("Harwell Foods' growth rate was 4.7%. Velmor charged a rate of £5.", None),  # another kind of figure
])
def fuller_mention(text: str, facts: list[dict]) -> None:
    """"Freedonia's jobless rate climbed to 5.3%, the rate is still modest, compared with 11.4% in Spain": a figure whose
    `about` is only an empty head ("rate", "level", "average") measures what a figure of the same kind shortly before
    it names in full with that head ("jobless rate")."""
    for k, f in enumerate(facts):
        if usable_about(f["about"]):
            continue
        head = f["about"].split()[-1].lower() if f["about"] else None
        if head is None:
            continue
        for o in reversed(facts[:k]):
            if f["text_start"] - o["text_end"] > 400:
                break
            words = (o["about"] or "").split()
            if o["kind"] == f["kind"] and 1 < len(words) <= 5 and words[-1].lower() == head and usable_about(o["about"]) \
                    and not any(ch.isdigit() or ch in "-–—" for ch in o["about"]):  # a plain name of a measure
                f["about"] = o["about"]
                f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.fuller_mention"
                break


def _base_word_before(text: str, start: int, floor: int) -> bool:
    """"from $639m", "against 6.3bn kronor", "compared with $1.13bn": the words right before a figure make it the
    level another figure is compared with."""
    before = text[max(floor, start - 16):start].lower().split()
    return bool(before) and (before[-1] in BASE_WORDS or before[-2:] in (["compared", "with"], ["compared", "to"]))


@rule("fact.about.compared_level", examples=[
    ("Corvin Group's profit rose to $700m in the third quarter from $639m year-earlier.",
     {"value": 639_000_000, "about": "profit"}),
    ("Corvin Group's margin rose to 5% in the third quarter from $639m year-earlier.", None),  # not the same kind
])
def compared_level(text: str, facts: list[dict]) -> None:
    """"profit rose to $700m from $639m a year earlier", "was 7.2bn kronor against 5.8bn kronor last year": a figure
    with no `about` that is the level compared with (after "from", "against", "than", "compared with") measures
    what the figure of the same kind before it in the sentence does."""
    for k, f in enumerate(facts):
        if f["about"] or not _base_word_before(text, f["text_start"], f["start"]):
            continue
        other = next((o for o in reversed(facts[:k]) if o["start"] == f["start"] and (o["kind"], o["currency"], o["unit"])
                      == (f["kind"], f["currency"], f["unit"])), None)
        if other is not None and other["about"]:
            f["about"] = other["about"]
            f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.compared_level"


# What a mark in metres is, by the words right before it ("a personal best of 5.80m", "cleared 6.12m").
_MARK_BEFORE = (
    (re.compile(r"\b((?:(?:season|world|personal|national|championship|meeting)(?:'s|’s)?\s+)?(?:best|record))\s+of\s+$",
                re.I), None),
    (re.compile(r"\bclear(?:ed|ing|s)?\s+(?:a\s+height\s+of\s+)?$", re.I), "height cleared"),
    (re.compile(r"\b(?:jump(?:ed|ing|s)?|land(?:ed|ing|s)?|leapt|leaped)\s+$", re.I), "jump"),
    (re.compile(r"\b(?:threw|thrown|throwing|throws)\s+$", re.I), "throw"),
    (re.compile(r"\battempt(?:ed|ing|s)?\s+(?:at\s+)?$", re.I), "height attempted"),
)


@rule("fact.about.field_mark", examples=[
    ("Vault\n\nKira Bell finished second with a personal best of 5.80m.", {"value": 5.8, "about": "personal best"}),
    ("Vault\n\nMia Lund cleared 6.12m in Oslo in June.", {"value": 6.12, "about": "height cleared"}),
    ("Vault\n\nIda Berg jumped 7.96m in Oslo.", {"value": 7.96, "about": "jump", "change": None}),
    ("Vault\n\nMia Lund finished second in 6.00m.", None),
])
def field_mark(text: str, facts: list[dict]) -> None:
    """"a personal best of 5.80m", "cleared 6.12m", "jumped 7.96m": a mark in metres of the field events with
    no `about` measures what the words before it name (a best, a height cleared, a jump, a throw)."""
    for f in facts:
        if f["about"] or f["kind"] != "quantity" or f["unit"] != "metres":
            continue
        before = text[max(f["start"], f["text_start"] - 40):f["text_start"]]
        for pattern, what in _MARK_BEFORE:
            m = pattern.search(before)
            if m:
                f["about"] = what or m.group(1).lower()
                f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.field_mark"
                if what == "jump":
                    f["change"] = None  # "jumped 7.96m": a mark, not a rise
                break


_CHANGE_LEMMAS = CHANGE_NOUNS  # "rise", "fall", "increase"; not "growth" or "loss", which are measures
EMPTY_ABOUT_HEADS = (lexicon.where("fact_empty_abouts", 1, "head") | lexicon.where("figure_heads", 1, "empty")
                     | _CHANGE_LEMMAS | {w + "s" for w in _CHANGE_LEMMAS} | TIME_NOUNS)
EMPTY_ABOUT_MODS = lexicon.where("fact_empty_abouts", 1, "mod")
_DANGLING_WORDS = {"and", "or", "but", "to", "of", "from", "with", "for", "by", "at", "in", "on", "than"}
_NO_MEASURE_WORDS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
_YEAR_OWNER = re.compile(r"(?:19|20)\d\d(?:'s|’s)?|[\w-]+-(?:year|month|week|day)s?")  # "2004's", "seventy-year"


_ENDS_IN_NUMBER = re.compile(r"(?:^|\s(?:of|at|to|by|from|just|only))\s*[+-]?\d[\d,.]*$")  # not "people under 40"


def names_a_figure(about_text: str) -> bool:
    """"$13m", "4.875 million people", "cigarette sales of 13", "5.5% rise": an `about` that holds a figure of its
    own (a sum, a share, a quantity, a count in millions or thousands, or a number it ends with) says what another
    figure is, not what this one measures; years and small counts ("2004 dividend", "the 20 projects") do not."""
    if _ENDS_IN_NUMBER.search(about_text):
        return True
    return any(not is_year(a) and (a.kind in ("money", "percent", "quantity") or a.has_scale or a.value >= 1000)
               for a in find_amounts(about_text))


# "net profits of 1.33bn euros", "profit margin of 45.6": the measure, then the other figure it is stated with.
_FIGURE_TAIL = re.compile(r"(?:\s+[a-z]+ing)?\s+(?:of|at|to|for|from)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?"
                          r"[$£€¥]?\d")  # "suites ranging from 10": the participle goes with the figure


@rule("fact.about.before_figure", examples=[
    ("Velmor Foods said net profits of 1.52bn euros were a record, well up on 318m euros.",
     {"value": 318_000_000, "about": "net profits"}),
    ("Velmor Foods paid $9m in fines, as well as $21.5m to end a claim from suppliers.", None),
])
def before_figure(text: str, facts: list[dict]) -> None:
    """"well up on 318m euros" with `about` "net profits of 1.52bn euros": an `about` that names another figure
    after "of"/"at"/"to"/"for" is cut back to the measure before it when that is a measure of its own."""
    for f in facts:
        about_text = f["about"]
        if not about_text or not names_a_figure(about_text):
            continue
        m = _FIGURE_TAIL.search(about_text)
        head = about_text[:m.start()].strip() if m else ""
        if head and not names_a_figure(head) and usable_about(head):
            f["about"] = head
            f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.before_figure"


@rule("fact.about.figure_named", examples=[
    ("Velmor Foods made £140m, compared with £95m a year earlier.", {"value": 95_000_000, "about": "earnings"}),
    ("Velmor Foods paid $9m, as well as $21.5m to end a claim from suppliers.", None),  # "$9m" measures nothing named
])
def figure_named(text: str, facts: list[dict]) -> None:
    """"had dropped 3m barrels to 271.5m", "made £140m, compared with £95m": a figure whose `about` is only
    another figure of its sentence measures what that figure does."""
    for f in facts:
        if not f["about"] or not names_a_figure(f["about"]):
            continue
        other = next((o for o in facts if o is not f and o["start"] == f["start"] and o["text"] in f["about"]
                      and o["about"] and usable_about(o["about"])), None)
        if other is not None and len(f["about"]) <= len(other["text"]) + 12:  # the figure, not a phrase around it
            f["about"] = other["about"]
            f["pattern"] = f["pattern"].split("+")[0] + "+fact.about.figure_named"


def _plain(words: str) -> str:
    return re.sub(r"^the\s+", "", words.lower().strip())


def usable_about(about_text: str | None) -> bool:
    """A figure is kept only when its `about` names what it measures. Not when no rule found one ("finished third
    with 85.02 points", "closed 16% down"), nor when it names another figure ("$13m"), nor when it is a piece of a
    phrase ("and 11 seats"), nor when it is only a change, an empty head or a time ("a 0.1% rise", "its lowest
    level", "2004's average", "the figure", "a surge of 27% year-on-year"): a reader would rather get fewer, right
    facts than numbers without a meaning."""
    if not about_text or names_a_figure(about_text):
        return False
    words = [w for w in (w.strip(",.;:\"'“”‘’()") for w in about_text.lower().split()) if w]
    if not words:
        return False
    if words[0] in ("and", "or", "but") or words[-1] in ("and", "or", "but", "than") \
            or len(words) <= 2 and words[-1] in _DANGLING_WORDS:
        return False  # "and 11 seats", "plan to": a piece of a phrase ("states it flies to" is a whole one)
    words = [w for w in words if w and w not in _NO_MEASURE_WORDS and not _YEAR_OWNER.fullmatch(w)]
    if not words or all(len(w) <= 1 for w in words):
        return False  # "h" of "0-100 km/h"
    if words[-1] not in EMPTY_ABOUT_HEADS:
        return True
    return not all(w in EMPTY_ABOUT_HEADS or w in EMPTY_ABOUT_MODS for w in words)


class FactExtractor:
    def __init__(self, nlp: Language, name: str, lookback_sentences: int = 2):
        self.name = name
        self.lookback_sentences = lookback_sentences

    def __call__(self, doc: Doc) -> Doc:
        doc._.facts = _FactReader(doc, self.lookback_sentences).facts()
        return doc


@Language.factory("cooptool_facts", default_config={"lookback_sentences": 2}, requires=["doc.ents", "doc._.entities", "token.dep"], assigns=["doc._.facts"])
def make_fact_extractor(nlp: Language, name: str, lookback_sentences: int) -> FactExtractor:
    return FactExtractor(nlp, name, lookback_sentences)
