"""`cooptool_facts`: numbers tied to what they are about.

Runs after `cooptool_entities`. Amounts are found in the text by `cooptool.extract.numbers`
(money, percentages, physical quantities, counts of things); the parse then says

- the **subject**, the entity the number belongs to: the entity in the subject of a verb that
  governs the number ("JA Solar announced an investment of US $60 million"), a possessor ("Tesco's
  profits rose 5%"), an organisation the number hangs off ("AmCham China, with nearly 1,000 member
  companies"), else the nearest organisation in the sentence, else - when the sentence talks about
  "the company", "it" or "the windmills" - the last organisation of the previous sentences;
- **about**, what the number measures ("investment to build ... capacity", "pre-tax profits");
- the counted **unit** of a bare count ("1,000 member companies");
- **place** ("in Phoenix, Arizona") and **date** stated in the sentence.

Sets `doc._.facts`: plain dicts, one per amount, with the evidence sentence and offsets.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.speakers import ORG_NOUNS, SpeakerResolver
from cooptool.extract.lexicon import DEMONYM_COUNTRY
from cooptool.extract.numbers import Amount, Period, find_amounts, find_dates, find_periods, is_year

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)

SUBJECT_LABELS = ("ORG", "PERSON", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
# A counted noun may sit inside the model's number spans ("80,000 barrels" is a QUANTITY), not in a name or a time.
COUNTABLE_ENT_TYPES = ("", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL", "DATE")
# Entities that contain a number as part of their name ("FTSE 100", "Boeing 747", "COP28").
NAME_LABELS = ("ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC")
SPEECH_VERBS = frozenset("say tell add state note explain claim insist warn report".split())
# Verbs whose subject states, expects or estimates a figure without owning it ("the IMF forecast that
# German growth would be 1.8%", "Hyundai estimates the Indian market will grow 15%").
OPINION_VERBS = frozenset("estimate forecast predict expect believe think hope project calculate reckon".split())
PLACE_PREPS = frozenset({"in", "at", "across", "near", "outside", "throughout"})
# A count of time is a duration, not a fact about the subject ("30 years", "three times").
TIME_NOUNS = frozenset("""
year years month months week weeks day days hour hours minute minutes second seconds decade decades
century centuries time times quarter quarters half point o'clock am pm
""".split())
# Small and spelled-out counts are facts only as what someone has, makes, cuts or sells.
COUNT_VERBS = frozenset("""
have employ own operate run open close shut cut axe shed lose create add hire recruit sell buy acquire
build launch make produce ship deliver serve sign attract invest plan comprise include list manage
""".split())
# Words that refer back to an organisation named earlier.
ANAPHORS = frozenset("""
it its they their company firm group business bank insurer retailer carrier airline maker manufacturer
operator producer giant chain lender enterprise corporation subsidiary unit venture
""".split())
ORG_PRONOUNS = frozenset("it its they their".split())
# What a company has or reports: with no owner named in its sentence, the story's company's.
COMPANY_MEASURES = frozenset("""
sale sales profit profits revenue revenues earnings turnover income loss losses margin margins dividend
share shares stake debt debts cost costs job jobs staff worker workers employee employees customer customers
subscriber subscribers store stores branch branches order orders delivery deliveries fine bid offer price-tag
ebitda cash bonus payout buyback investment capacity output production
""".split())
# What an economy has: with no owner, the country named in the sentence or the story's country.
ECONOMY_MEASURES = frozenset("""
economy growth gdp inflation unemployment jobless unemployed deficit surplus export exports import imports
trade output production spending consumption investment rate rates interest wage wages price prices
retail manufacturing budget borrowing reserve reserves currency tariff tariffs tax taxes remittance
population poverty household households entry entries visitor visitors tourist tourists product
gdp debt bond bonds bondholder subsidy subsidies aid dollar euro yen pound sterling stockpile stockpiles payrolls
""".split())
# Measures only an economy has: their owner is a country, never the agency that reports them.
PURE_ECONOMY = frozenset("""
economy growth gdp inflation unemployment jobless unemployed deficit surplus exports imports trade-gap
wage wages retail manufacturing budget borrowing reserves remittances population poverty stockpile stockpiles
payrolls
""".split())
RISE_VERBS = frozenset("""
rise grow increase climb jump gain soar surge rally improve boost lift expand raise up advance double treble
""".split())
FALL_VERBS = frozenset("""
fall drop decline slip slump sink plunge tumble shrink dip lose cut reduce down lower trim slash shed ease
contract halve
""".split())
# Verbs whose subject is what the figure measures ("Sales totalled $5bn", "Profit hit £1bn").
MEASURE_VERBS = frozenset("be total reach hit stand come amount equal top exceed near remain stay account represent".split())
RISE_NOUNS = frozenset("rise increase gain jump growth climb hike surge boost expansion rebound".split())
FALL_NOUNS = frozenset("fall drop decline cut reduction slump dip loss decrease contraction slide".split())
CHANGE_NOUNS = (RISE_NOUNS | FALL_NOUNS) - {"growth", "loss", "expansion", "contraction"}
# The act a verb names, as a noun: "invest £10bn" measures an investment.
VERB_NOUNS = {"invest": "investment", "spend": "spending", "pay": "payment", "earn": "earnings",
              "borrow": "borrowing", "owe": "debt", "save": "savings", "sell": "sales", "buy": "purchase",
              "raise": "fund-raising", "lose": "losses", "export": "exports", "import": "imports",
              "produce": "production", "employ": "staff", "fine": "fine", "charge": "charge", "lend": "lending",
              "donate": "donation", "pledge": "pledge", "receive": "receipts", "generate": "revenue generated",
              "make": "earnings", "post": "result posted", "report": "result reported", "bid": "bid",
              "offer": "offer", "cost": "cost", "win": "award", "award": "award", "send": "money sent",
              "attract": "investment attracted", "allocate": "allocation", "inject": "injection", "sue": "lawsuit",
              "claim": "claim", "seek": "claim", "demand": "demand", "repay": "repayment", "settle": "settlement"}


def _entity_at(doc: Doc) -> dict[int, Span]:
    at = {}
    for span in doc.ents:
        for i in range(span.start, span.end):
            at[i] = span
    return at


def attribution_sources(doc: Doc) -> set[int]:
    """Token starts of entities that only cite where a statement comes from."""
    out = set()
    for ent in doc.ents:
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


def _ancestors(tok: Token, stop: Span) -> list[Token]:
    """The head chain of a token within its sentence (nearest first)."""
    out = []
    # By index: a Token is made anew on each access, so `tok.head is not tok` never stopped at the
    # root, which was appended again up to 30 times (each copy re-scored in _subject, 0.7 s of 1.6 s).
    while tok.head.i != tok.i and tok.head.i >= stop.start and tok.head.i < stop.end and len(out) < 30:
        tok = tok.head
        out.append(tok)
    return out


def _is_place(span: Span) -> bool:
    """A location introduced by "in"/"at" ("in Phoenix, Arizona"), not an actor."""
    if span.label_ not in PLACE_LABELS:
        return False
    root = span.root
    while root.dep_ in ("appos", "conj") and root.head is not root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS


# Phrases that date or place something else ("cut 13,000 jobs since the attacks in the US").
_OTHER_TIME_PREPS = frozenset("since after before until following ahead amid despite".split())


def _same_clause(tok: Token, chain: set[int]) -> bool:
    """`tok` hangs off the number's head chain without crossing a clause or a "since ..." phrase."""
    steps = 0
    while tok.i not in chain and tok.head is not tok and steps < 25:
        if tok.dep_ in ("advcl", "relcl", "ccomp", "csubj", "parataxis", "conj") and tok.pos_ in ("VERB", "AUX") \
                and tok.tag_ not in ("VBG", "VBN", "TO", "VB"):
            return False
        if tok.dep_ == "prep" and tok.lower_ in _OTHER_TIME_PREPS:
            return False
        tok = tok.head
        steps += 1
    return tok.i in chain


def _phrase(doc: Doc, head: Token, skip: set[int], limit: int = 16, head_run: bool = False) -> str:
    """The words of a noun phrase without determiners, the number itself and place phrases;
    a gap left by a skipped piece shows as "…"."""
    keep = [t for t in head.subtree if t.i not in skip and not t.is_space]
    # The phrase ends at a comma or dash after its head ("mines across A, B, C", "the meeting - from ...").
    stop = next((t.i for t in keep if t.i > head.i and (t.text in (",", ";", ":", "(") or t.text in ("-", "–", "—") and (
        t.whitespace_ or t.i > 0 and doc[t.i - 1].whitespace_))), None)
    if stop is not None:
        keep = [t for t in keep if t.i < stop]
    while keep and (keep[0].dep_ in ("det", "predet") or keep[0].is_punct or keep[0].tag_ == "PRP$"
                    or keep[0].lower_ in ("'s", "’s")):
        keep.pop(0)
    while keep and (keep[-1].is_punct or keep[-1].pos_ in ("ADP", "CCONJ", "DET", "PART")):
        keep.pop()
    keep = keep[:limit]
    if not keep:
        return ""
    runs: list[list[Token]] = [[keep[0]]]
    for t in keep[1:]:
        gap = doc[runs[-1][-1].i + 1:t.i]
        if all(g.is_space for g in gap):
            runs[-1].append(t)
        else:
            runs.append([t])
    if head_run:
        # What a figure measures is the head's own words: "landmark … settlement reached" is the
        # settlement reached; a later piece stays only when it is a complement ("investment … to build").
        k = next((n for n, r in enumerate(runs) if r[0].i <= head.i <= r[-1].i), None)
        if k is not None:
            runs = [runs[k]] + [r for r in runs[k + 1:k + 2] if r[0].pos_ in ("ADP", "PART") or r[0].tag_ == "TO"]
    pieces = [" ".join(doc[r[0].i:r[-1].i + 1].text.split()) for r in runs]
    return " … ".join(p.strip(" ,;:()") for p in pieces if p.strip(" ,;:()"))


def _skip_set(doc: Doc, span: Span, sent: Span, ent_at: dict[int, Span]) -> set[int]:
    """Tokens an `about` phrase leaves out: the number, place and date phrases, relative clauses."""
    skip = set(range(span.start, span.end))
    for tok in sent:
        if tok.dep_ in ("advmod", "quantmod") and span.start <= tok.head.i < span.end:
            skip.add(tok.i)  # "just 110,000 cars"
        if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS:
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            if objs and objs[0].i in ent_at and ent_at[objs[0].i].label_ in PLACE_LABELS:
                skip.update(t.i for t in tok.subtree)
        if tok.dep_ in ("relcl", "appos", "advcl") and not (tok.left_edge.i <= span.start and span.end - 1 <= tok.right_edge.i) \
                or (tok.dep_ == "prep" and tok.head.i in skip):
            skip.update(t.i for t in tok.subtree)
    return skip


class FactExtractor:
    def __init__(self, nlp: Language, name: str, lookback_sentences: int = 2):
        self.name = name
        self.lookback_sentences = lookback_sentences
        self._sources: set[int] = set()  # attribution sources of the Doc being processed
        self._resolver: SpeakerResolver | None = None  # built on first use, once per Doc
        self._company_measure = False  # the figure being read measures something a company has
        # The Doc's entity spans, made once per Doc: `doc.ents` builds a new Span (and a Token per
        # word) on every access, and the subject/place/previous-organisation searches read it per number.
        self._ents: tuple[Span, ...] = ()

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta or {}
        self._ents = doc.ents
        ent_at = _entity_at(doc)
        # "told Reuters", "according to the Financial Times": who reports the number is not what
        # it is about.
        sources = self._sources = attribution_sources(doc)
        self._resolver = None
        ent_at = {i: e for i, e in ent_at.items() if e.start not in sources}
        names = {e["id"]: e for e in (doc._.entities or [])}
        dates = find_dates(doc_text(doc), meta.get("published"))
        self._periods = find_periods(doc_text(doc))
        sents = list(doc.sents)
        sent_index = {s.start: k for k, s in enumerate(sents)}
        facts = []
        amounts = self._amounts(doc, dates)
        self._amount_starts = [a.start for a in amounts]
        for amount in amounts:
            span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            sent = span.sent
            if any(ent_at.get(i) is not None and ent_at[i].label_ in NAME_LABELS
                   and doc[i].like_num for i in range(span.start, span.end)):
                continue  # part of a name
            if span.end + 1 < len(doc) and doc[span.end].text in ("-", "–") and doc[span.end + 1].text[:1].isalnum() \
                    and not doc[span.end].whitespace_:
                continue  # "a 10-year deal", "the 777-200LR": a modifier or a model name, not a figure
            fact = self._fact(doc, amount, span, sent, ent_at, names, sents, sent_index, dates)
            if fact is not None:
                facts.append(fact)
        doc._.facts = facts
        return doc

    @staticmethod
    def _amounts(doc: Doc, dates) -> list[Amount]:
        """Amounts outside dates, with a converted figure in brackets folded into the one before."""
        out: list[Amount] = []
        for a in find_amounts(doc_text(doc)):
            if any(d.start <= a.num_start < d.end for d in dates):
                continue
            if is_year(a):
                continue
            if out and a.kind == out[-1].kind and a.kind in ("money", "quantity"):
                prev = out[-1].converted[-1] if out[-1].converted else out[-1]
                between = doc_text(doc)[prev.end:a.start].strip()
                opens = between.endswith("(") and len(between) <= 20 and not any(c in between[:-1] for c in "().;")
                if opens and prev is out[-1] or between in (";", ",", "/") and prev is not out[-1]:
                    out[-1].converted.append(a)  # "$900m (£479m)", "3bn yuan ($365m; £190m)"
                    continue
            out.append(a)
        return out

    def _fact(self, doc, amount: Amount, span: Span, sent: Span, ent_at, names, sents, sent_index, dates):
        root = span.root
        unit = amount.unit
        anchor = root
        counted = None
        if amount.kind in ("count", "quantity", "money", "percent"):
            counted = self._counted_noun(doc, span, root)
        if amount.kind == "count":
            if counted is None:
                if not amount.has_scale:
                    return None  # a bare number ("rose to 4,800"): nothing says what it counts
            else:
                if counted.lower_ in TIME_NOUNS or counted.lemma_.lower() in TIME_NOUNS:
                    return None
                if len(counted.text.rstrip(".")) == 1:
                    return None  # "50 K", "196 C": a reading on a scale, not a count of things
                unit = " ".join(t.text for t in doc[span.end:counted.i + 1]
                                if t.i == counted.i or t.dep_ in ("compound",)).strip() or counted.text
                anchor = counted
                if (amount.is_word or amount.value < 10) and not amount.has_scale:
                    verb = next((a for a in _ancestors(counted, sent) if a.pos_ in ("VERB", "AUX")), None)
                    if (verb is None or verb.lemma_.lower() not in COUNT_VERBS or counted.dep_ not in ("dobj", "attr")
                            or amount.value == 1):
                        return None
        elif counted is not None and amount.kind == "quantity":
            anchor = counted
        near_words = {w for t in (anchor, *_ancestors(anchor, sent))[:6] for w in (t.lemma_.lower(), t.lower_)}
        near_words |= {w for t in (anchor, *_ancestors(anchor, sent))[:4] for c in t.children
                       if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound") for w in (c.lemma_.lower(), c.lower_)}
        self._company_measure = bool(near_words & COMPANY_MEASURES)
        subject, via, subject_pattern = self._subject(doc, span, anchor, sent, ent_at, sents, sent_index)
        subj = names.get(subject.kb_id_) if subject is not None else None
        chain = {anchor.i, *(t.i for t in _ancestors(anchor, sent))}
        place = self._place(doc, span, sent, ent_at, subject, chain)
        period = self._period(doc, amount, span, sent, chain)
        if period is not None and period.comparison:
            date = None  # "£125m a year earlier": not the article's year, and no date is written
        else:
            date = self._date(doc, span, sent, dates, chain)
            if period is not None:
                # The date inside the period phrase, when it has one ("in the third quarter of 2004").
                date = next((d for d in dates if period.start <= d.start and d.end <= period.end), date)
        source = self._source(doc, anchor, sent, names, subject)
        extra_skip = set()
        for c in amount.converted:
            conv = doc.char_span(c.start, c.end, alignment_mode="expand")
            if conv is not None:
                extra_skip.update(range(conv.start - 1, conv.end + 1))
        about, about_pattern = self._about(doc, amount.kind, span, anchor, counted, sent, ent_at, subject, extra_skip)
        about_words = {w.lower().strip(",.'’") for w in (about or "").split()}
        economy = bool((near_words | about_words) & PURE_ECONOMY) and not (near_words | about_words) & COMPANY_MEASURES
        if subject is not None and economy and (subject.label_ == "PERSON" or subject.label_ == "ORG" and subject_pattern
                                                not in ("clause_subject", "possessor", "noun_modifier", "noun_of")):
            # "the Labor Department said ... it pushed the unemployment rate to 5.2%": an economy's figure is
            # the country's, not the agency's that reports it nor the leader's of its government
            country = self._story_owner(doc, span, anchor, sent, about)
            if country is not None and country[0].label_ == "GPE":
                subject, via, subject_pattern = country
                subj = names.get(subject.kb_id_)
        if subject is None:
            owner = self._story_owner(doc, span, anchor, sent, about) or self._place_subject(doc, sent, place)
            if owner is not None:
                subject, via, subject_pattern = owner
                subj = names.get(subject.kb_id_)
        if subject is None and not about:
            return None  # "almost 12%" with no owner and nothing it measures: no fact a reader can use
        change = self._change(amount, span, root)
        ev_start, ev_end = sent.start_char, sent.end_char
        while ev_end > ev_start and doc_text(doc)[ev_end - 1].isspace():
            ev_end -= 1
        rec = {
            "subject": subj["name"] if subj else None,
            "subject_id": subj["id"] if subj else None,
            "subject_aliases": subj["aliases"] if subj else [],
            "subject_via": via,
            "kind": amount.kind,
            "value": amount.value,
            "value_max": amount.value_max,
            "currency": amount.currency,
            "unit": unit,
            "approx": amount.approx,
            "change": change,
            "text": doc_text(doc)[amount.start:amount.end],
            "about": about or None,
            "place": place,
            "date": date.iso if date else None,
            "date_text": date.text if date else None,
            "period": period.text if period else None,
            "source": source,
            "pattern": f"{subject_pattern or 'no_subject'}+{about_pattern or 'no_about'}",
            "evidence": doc_text(doc)[ev_start:ev_end],
            "start": ev_start,
            "end": ev_end,
            "text_start": amount.start,
            "text_end": amount.end,
        }
        if amount.converted:
            rec["converted"] = [{"value": c.value, "currency": c.currency, "text": c.text} for c in amount.converted]
        return rec

    @staticmethod
    def _counted_noun(doc: Doc, span: Span, root: Token) -> Token | None:
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

    def _subject(self, doc, span, anchor, sent, ent_at, sents, sent_index) -> tuple[Span | None, str | None, str | None]:
        """The entity the number belongs to, how it was found (`subject_via`) and the rule (`pattern`)."""
        candidates: dict[int, tuple[float, Span, str]] = {}

        def consider(ent: Span | None, score: float, pattern: str) -> None:
            if ent is None or ent.label_ not in SUBJECT_LABELS or ent.start >= span.start and ent.end <= span.end:
                return
            if ent.start < span.end and span.start < ent.end:
                return  # "US" of "US $60 million" is a currency mark
            if _is_place(ent) and not pattern.endswith("anaphor"):
                return
            score += {"ORG": 1.0, "PERSON": 0.4, "GPE": 0.3}[ent.label_]
            old = candidates.get(ent.start)
            if old is None or score > old[0]:
                candidates[ent.start] = (score, ent, pattern)

        def entities_in(tok: Token) -> list[Span]:
            found = []
            for t in tok.subtree:
                e = ent_at.get(t.i)
                if e is not None and e not in found:
                    found.append(e)
            return found

        chain = [anchor, *_ancestors(anchor, sent)]
        for depth, tok in enumerate(chain):
            near = 0.1 * max(0, 5 - depth)
            if tok.i in ent_at and tok.i not in range(span.start, span.end):
                consider(ent_at[tok.i], 3 + near, "measured_entity")
            for child in tok.children:
                if child.i in range(span.start, span.end):
                    continue
                if child.dep_ == "poss":
                    for e in entities_in(child):
                        consider(e, 4 + near, "possessor")
                    if self._is_anaphor(child):
                        consider(self._anaphor(child), 4 + near, "possessor_anaphor")
                elif child.dep_ in ("compound", "nmod") and child.i in ent_at and tok.pos_ == "NOUN":
                    consider(ent_at[child.i], 2.8 + near, "noun_modifier")
                elif child.dep_ == "prep" and child.lower_ in ("at", "of", "for", "by") and tok.pos_ == "NOUN":
                    for e in entities_in(child)[:1]:
                        consider(e, 2.5 + near, "noun_of")
            if tok.pos_ in ("VERB", "AUX"):
                speech = tok.lemma_.lower() in SPEECH_VERBS | OPINION_VERBS and tok is not anchor.head \
                    and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
                for child in tok.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "agent") and child.i not in range(span.start, span.end):
                        score = (0.5 if speech else 3.0 + near)
                        for e in entities_in(child):
                            if e.label_ == "GPE" and e.root.head.i == child.i and e.root.dep_ in ("compound", "amod") \
                                    and self._is_anaphor(child):
                                continue  # "the US firm agreed to pay $2bn": the firm, not the US
                            direct = child.i in ent_at or e.root.head == child or e.root.dep_ == "poss"
                            if speech and not (e.label_ == "ORG" and self._company_measure and not _agency(e.text)):
                                continue  # "the IMF said German growth would be 1.8%": the IMF is the source
                            consider(e, score + (0.3 if direct else 0), "speaker" if speech else "clause_subject")
                        if not speech and self._is_anaphor(child):
                            consider(self._anaphor(child), score + 0.3, "clause_subject_anaphor")
                        owner = next((c for c in child.children if c.dep_ == "poss"), None)
                        if not speech and owner is not None and self._is_anaphor(owner):
                            consider(self._anaphor(owner), score + 0.3, "possessor_anaphor")  # "its profits fell"
                    elif speech and child.dep_ in ("dobj", "ccomp") and tok.lemma_.lower() != "tell":
                        for e in entities_in(child)[:1]:
                            consider(e, 3.2, "speech_object")
        if candidates:
            score, best, pattern = max(candidates.values(), key=lambda c: (c[0], -abs(c[1].start - span.start)))
            return best, ("previous" if pattern.endswith("anaphor") else "syntax"), pattern
        # Nothing on the syntactic path: the nearest organisation of the sentence, the one before first.
        stated_by = {t.i for a in chain if a.pos_ == "VERB" and a.lemma_.lower() in SPEECH_VERBS | OPINION_VERBS
                     for c in a.children if c.dep_ == "nsubj" for t in c.subtree}
        in_sent = [e for e in self._ents if e.start >= sent.start and e.end <= sent.end and e.start not in self._sources
                   and e.root.i not in stated_by and e.label_ in SUBJECT_LABELS and not _is_place(e) and not (e.start < span.end and span.start < e.end)]
        orgs = [e for e in in_sent if e.label_ == "ORG"] or [e for e in in_sent if e.label_ in ("PERSON", "GPE")]
        if orgs:
            before = [e for e in orgs if e.end <= span.start]
            return (before[-1] if before else orgs[0]), "sentence", "sentence_org"
        # A sentence with no name at all about "the turbines", "these plants" or "it": what it
        # refers to was named just before.
        if self._definite_subject(sent):
            prev = self._previous_org(doc, sent, sents, sent_index)
            if prev is not None:
                return prev, "previous", "previous_sentence_org"
        # A place only ("the dollar rose in New York") is not what the number is about.
        return None, None, None

    def _source(self, doc, anchor, sent, names, subject) -> str | None:
        """Who states the number: "Ofcom said BT would cut prices by 8%" has Ofcom as its source."""
        for tok in _ancestors(anchor, sent):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS | OPINION_VERBS:
                for child in tok.children:
                    if child.dep_ == "nsubj":
                        ent = self._entity_of(child)
                        if ent is not None and (subject is None or ent.kb_id_ != subject.kb_id_):
                            found = names.get(ent.kb_id_)
                            return found["name"] if found else None
                return None
        return None

    def _entity_of(self, tok: Token) -> Span | None:
        ents = [e for e in tok.doc.ents if tok.left_edge.i <= e.start and e.end - 1 <= tok.right_edge.i
                and e.label_ in SUBJECT_LABELS and e.root.head.i in (tok.i, e.root.i) or e.start <= tok.i < e.end]
        if ents:
            return ents[0]
        return self._anaphor(tok) if self._is_anaphor(tok) else None

    def _is_anaphor(self, tok: Token) -> bool:
        """"it", "they", "the company", "the firm", "the group": a word standing for an organisation."""
        if tok.lower_ in ORG_PRONOUNS:
            return True
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        # "the US firm", "the Australian firm" stand for a company; "the Tesco chain" names it
        return tok.pos_ == "NOUN" and tok.lower_ in ORG_NOUNS | {"government", "country", "economy"} \
            and bool(dets & {"the", "this"}) \
            and not any(c.dep_ in ("compound", "poss", "amod") and c.ent_type_ not in ("", "GPE", "NORP")
                        for c in tok.children)

    def _anaphor(self, tok: Token) -> Span | None:
        """The organisation "it", "its", "the firm" or "the company" stands for, resolved as speakers
        are (`SpeakerResolver`): the organisation in a recent subject, the story's company."""
        if self._resolver is None:
            self._resolver = SpeakerResolver(tok.doc)
        res = self._resolver
        if tok.lower_ in ("their", "they"):
            target = res._org_subject_before(tok.i)  # "they" is often people: only an organisation subject just before
            eid = target.kb_id_ if target is not None else None
        elif tok.lower_ == "its":
            target = res._org_subject_before(tok.i) or res._salient_org_before(tok.i) or res._org_before(tok.i, None)
            eid = target.kb_id_ if target is not None else None
        else:
            found = res.resolve(tok)
            eid = found.entity_id
            if found.label == "GPE" and tok.lower_ in ORG_NOUNS:
                # "the US firm": a company of that country, the one the story names
                target = res._salient_org_before(tok.i, with_dominant=True) or res._org_subject_before(tok.i) \
                    or res._org_before(tok.i, tok.lower_)
                eid = target.kb_id_ if target is not None else None
        if not eid:
            if tok.lower_ in ("government", "country", "economy", "nation"):
                return self._main_place(tok.doc)  # "the government", "the country": the story's country
            if tok.lower_ in ("they", "their"):
                return None
            return self._main_org(tok.doc)  # "the firm said its profits ...": the story's company
        spans = [e for e in tok.doc.ents if e.kb_id_ == eid and e.start not in self._sources]
        before = [e for e in spans if e.start < tok.i]
        return (before or spans or [None])[-1] if spans else None

    def _story_owner(self, doc, span, anchor, sent, about: str | None) -> tuple[Span, str, str] | None:
        """What a measure with no owner in its sentence belongs to: "Sales rose 2.8%" in a story about
        one company is that company's; "Unemployment stood at 25%" is the country's the sentence names,
        else the country the story is about."""
        chain = [anchor, *_ancestors(anchor, sent)]
        words = {w for t in chain[:6] for w in (t.lemma_.lower(), t.lower_)} | {
            w for tok in chain[:4] for t in tok.children if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound")
            for w in (t.lemma_.lower(), t.lower_)}
        words |= {w.lower().strip(",.'’") for w in (about or "").split()}
        if words & COMPANY_MEASURES:
            main = self._main_org(doc)
            if main is not None:
                return main, "previous", "story_company"
            if {t.lower_ for t in sent} & (ORG_NOUNS | {"its"}):
                return None  # "the firm said its sales fell": a company we could not name, not a country
        if words & (ECONOMY_MEASURES | COMPANY_MEASURES):
            # The measure's own modifiers: of the nouns on the number's path and of its verbs' subjects
            # and objects, not anything else in the sentence ("... Russian oil giant Yukos" elsewhere).
            nouns = [t for t in chain[:4] if t.pos_ in ("NOUN", "PROPN")] + [
                c for t in chain[:4] for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            mods = [m for n in nouns for m in n.subtree if m.dep_ in ("compound", "poss", "amod", "nmod")
                    and m.head.i == n.i and not (span.start <= m.i < span.end)]
            for t in mods:
                e = next((x for x in doc.ents if x.start <= t.i < x.end), None) if t.ent_type_ == "GPE" else None
                if e is not None and e.label_ == "GPE":
                    return e, "syntax", "economy_place"  # "the US unemployment rate"
            for t in mods:
                country = DEMONYM_COUNTRY.get(t.lower_) if t.ent_type_ == "NORP" else None
                found = self._country_entity(doc, country) if country else None
                if found is not None:
                    return found, "sentence", "nationality_country"  # "German growth" is Germany's
            if any(t.ent_type_ in ("NORP", "ORG", "GPE", "LOC") or t.text[:1].isupper() and not t.is_sent_start
                   or t.pos_ == "PROPN" and not (t.is_sent_start and t.lower_ in _MEASURE_MODIFIERS) for t in mods):
                return None  # "Eurozone interest rates", "Chinese wine sales": an owner we cannot name
            places = [e for e in doc.ents if e.start >= sent.start and e.end <= sent.end and e.label_ == "GPE"
                      and not (e.start < span.end and span.start < e.end)]
            if places:
                return min(places, key=lambda e: abs(e.start - span.start)), "sentence", "economy_place"
            main = self._main_place(doc)
            if main is not None:
                return main, "previous", "story_country"
        return None

    @staticmethod
    def _country_entity(doc, country: str) -> Span | None:
        names = {e["id"]: e for e in (doc._.entities or [])}
        for e in doc.ents:
            ent = names.get(e.kb_id_)
            if e.label_ == "GPE" and ent and (ent["name"] == country or country in ent["aliases"]):
                return e
        return None

    @staticmethod
    def _place_subject(doc, sent, place: str | None) -> tuple[Span, str, str] | None:
        """"12 litres in the US", "down 47% in Bulgaria": with no owner named, a figure stated for a
        country is that country's."""
        if not place:
            return None
        ent = next((e for e in doc.ents if e.start >= sent.start and e.end <= sent.end and e.label_ == "GPE"
                    and place.startswith(e.text)), None)
        return (ent, "sentence", "place_subject") if ent is not None else None

    def _main_place(self, doc: Doc) -> Span | None:
        counts: dict[str, list[Span]] = {}
        for e in doc.ents:
            if e.label_ == "GPE":
                counts.setdefault(e.kb_id_, []).append(e)
        if not counts:
            return None
        in_title = _in_headline(doc, counts)
        if len(in_title) == 1:
            return in_title[0][0]
        ranked = sorted(counts.values(), key=lambda spans: (-len(spans), spans[0].start))
        if len(ranked[0]) < 2 or len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
            return None  # no clear favourite
        return ranked[0][0]

    @staticmethod
    def _refers_back(verb: Token) -> bool | None:
        """Whether a verb's subject is "it", "they", "its ..." or "the company"; None without a subject."""
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.lower_ in ("it", "they"):
                return True
            mods = {c.lower_ for c in child.children if c.dep_ in ("det", "poss")}
            return bool(mods & {"its", "their"} or ("the" in mods and child.lower_ in ANAPHORS))
        return None

    def _main_org(self, doc: Doc) -> Span | None:
        """The organisation the story is about: the one its headline names, else the one named most."""
        counts: dict[str, list[Span]] = {}
        for e in self._ents:
            if e.label_ == "ORG" and e.start not in self._sources and not _agency(e.text):
                counts.setdefault(e.kb_id_, []).append(e)
        if not counts:
            return None
        in_title = _in_headline(doc, counts)
        if len(in_title) == 1:
            return in_title[0][0]
        best = max(counts.values(), key=lambda spans: (len(spans), -spans[0].start))
        return best[0] if len(best) >= 2 else None

    @staticmethod
    def _definite_subject(sent: Span) -> bool:
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                if tok.lower_ in ("it", "they") or tok.tag_ == "PRP$":
                    return True
                dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
                return tok.pos_ == "NOUN" and bool(dets & {"the", "this", "these", "its", "their"})
        return False

    def _clause_subject_refers_back(self, chain: list[Token]) -> bool:
        """The nearest verb above the number that has a subject has "it", "its ..." or "the company"."""
        for tok in chain:
            if tok.pos_ in ("VERB", "AUX"):
                refers = self._refers_back(tok)
                if refers is not None:
                    return refers
        return False

    def _previous_org(self, doc, sent, sents, sent_index) -> Span | None:
        """The organisation an anaphor points to: the subject of the nearest earlier sentence that
        has an organisation as subject, skipping sentences whose own subject is an anaphor."""
        k = sent_index.get(sent.start)
        for back in range(1, self.lookback_sentences + 2):
            if k is None or k - back < 0:
                break
            prev = sents[k - back]
            orgs = [e for e in self._ents if e.start >= prev.start and e.end <= prev.end and e.label_ == "ORG"
                    and e.start not in self._sources]
            subjects = [e for e in orgs if e.root.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects[0]
            if prev.root.pos_ in ("VERB", "AUX") and self._refers_back(prev.root):
                continue
            if orgs:
                return max(orgs, key=lambda e: (len(e), e.start))
        return None

    def _place(self, doc, span, sent, ent_at, subject, chain) -> str | None:
        places = []
        for e in self._ents:
            if e.start < sent.start or e.end > sent.end or not _is_place(e):
                continue
            if subject is not None and e.kb_id_ == subject.kb_id_ or not _same_clause(e.root, chain):
                continue
            places.append(e)
        if not places:
            return None
        best = min(places, key=lambda e: (0 if e.start >= span.end else 1, abs(e.start - span.start)))
        # "Phoenix, Arizona": a place followed by the region it is in.
        end = best.end
        if end + 1 < sent.end and doc[end].text == "," and end + 1 in ent_at and ent_at[end + 1].label_ == "GPE":
            end = ent_at[end + 1].end
        return doc[best.start:end].text

    @staticmethod
    def _date(doc, span, sent, dates, chain):
        inside = []
        for d in dates:
            if d.start < sent.start_char or d.end > sent.end_char:
                continue
            where = doc.char_span(d.start, d.end, alignment_mode="expand")
            if where is not None and _same_clause(where.root, chain):
                inside.append(d)
        if not inside:
            return None
        return min(inside, key=lambda d: abs(d.start - span.start_char))

    @staticmethod
    def _change(amount: Amount, span: Span, root: Token) -> str | None:
        """"up"/"down" only when a word of change says the number is the size of a change: "rose 5%",
        "cut prices by 8%", "a 5% fall", "up 18%"; never the level compared with ("from $639m",
        "compared with", "year-earlier") nor the level reached ("rose to £1.2bn")."""
        if amount.change:
            return amount.change  # "up 18%", "down 2%" as written
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in ("up", "down", "higher", "lower") and after.head.i in (
                root.i, root.head.i) and amount.kind == "percent":
            return "up" if after.lower_ in ("up", "higher") else "down"  # "closed 16% down"
        tok = _first_conjunct(root)  # "fell by 40%, 75% and 57%"
        if tok.dep_ == "pobj":
            if tok.head.lower_ != "by":
                return None  # "to £1.2bn", "from $639m", "compared with 10%", "at 4.3%"
            tok = tok.head
        if tok.dep_ in ("dobj", "npadvmod", "prep", "advmod", "attr"):
            word = tok.head
        elif tok.dep_ in ("nummod", "compound", "amod") and tok.head.pos_ == "NOUN":
            word = tok.head  # "a 5% rise"
        elif tok.dep_ == "pobj":
            word = tok.head.head
        else:
            return None
        lemma = word.lemma_.lower()
        if word.lower_ in ("up", "down") and word.dep_ in ("advmod", "prt"):
            return word.lower_
        if lemma in RISE_VERBS or lemma in RISE_NOUNS:
            return "up"
        if lemma in FALL_VERBS or lemma in FALL_NOUNS:
            return "down"
        return None

    def _period(self, doc, amount: Amount, span: Span, sent: Span, chain: set[int]) -> Period | None:
        """The time the number refers to: a period phrase in its clause ("in the third quarter",
        "a year earlier", "in 2004"), the one right after the number first."""
        found = []
        for p in self._periods:
            if p.start < sent.start_char or p.end > sent.end_char or amount.start <= p.start < amount.end:
                continue
            where = doc.char_span(p.start, p.end, alignment_mode="expand")
            if where is None:
                continue
            said = where.root.head.head if where.root.head.dep_ == "prep" else where.root.head
            if said.lemma_.lower() in SPEECH_VERBS | OPINION_VERBS:
                continue  # "In September, the IMF said ...": when it was said
            if any(amount.end <= a < p.start for a in self._amount_starts) or any(
                    p.end <= a < amount.start for a in self._amount_starts):
                continue  # "cut its debt to £160m from £610m a year earlier": the later figure's period
            gap = doc_text(doc)[amount.end:p.start] if p.start >= amount.end else None
            if gap is not None and len(gap) <= 4 and not any(c in gap for c in ",;()"):
                found.append((0, p))  # "$639m year-earlier", "£125m a year earlier"
            elif _same_clause(where.root, chain):
                after = p.start >= amount.end
                found.append((1 if after else 2, p, abs(p.start - amount.end) if after else amount.start - p.end))
        if not found:
            return None
        return min(found, key=lambda f: (f[0], f[2] if len(f) > 2 else 0))[1]

    @staticmethod
    def _about(doc, kind, span, anchor, counted, sent, ent_at, subject, extra_skip) -> tuple[str | None, str | None]:
        """What the number measures, in the article's words, and the rule that found it."""
        skip = _skip_set(doc, span, sent, ent_at) | extra_skip
        if subject is not None:
            skip.update(range(subject.start, subject.end))
        for rule in ABOUT_RULES:
            found = rule(doc, kind, span, anchor, counted, skip, ent_at)
            if found:
                return found, rule.__name__
        return None, None


# Words a measure starts with that the tagger takes for a name at the start of a sentence ("Crude stockpiles").
_MEASURE_MODIFIERS = frozenset("""
crude gross net average total annual quarterly underlying operating foreign domestic consumer industrial overall
pre-tax core headline retail mortgage house
""".split())
_AGENCY = re.compile(r"\b(Department|Office|Agency|Bureau|Commission|Statistics|Ministry|Institute|Administration|"
                     r"Organisation|Organization|Fund|Programme|Union|Reuters|Associated Press|ONS|IMF|OECD|IEA)\b")


def _agency(name: str) -> bool:
    """A body that reports, forecasts or regulates ("the Office for National Statistics", "the IMF"): the
    figures it states belong to others."""
    return bool(_AGENCY.search(name))


def _in_headline(doc: Doc, counts: dict[str, list[Span]]) -> list[list[Span]]:
    """The entities (by id, with their mentions) whose name or an alias the headline contains."""
    title = ((doc._.meta or {}).get("title") or "").lower()
    if not title:
        return []
    names = {e["id"]: e for e in (doc._.entities or [])}
    return [spans for eid, spans in counts.items() if eid in names and any(
        re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", title)
        for n in (names[eid]["name"], *names[eid]["aliases"]) if len(n) > 2)]


def _about_phrase(doc: Doc, head: Token, skip: set[int]) -> str:
    # "such subsidies and economic growth of 2%": the growth, not what it is listed with
    conj = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    if head.dep_ == "conj":
        conj |= {t.i for t in head.head.subtree if t.i < head.left_edge.i}
    return _phrase(doc, head, skip | conj, head_run=True)


def _compound_top(tok: Token) -> Token:
    while tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok:
        tok = tok.head
    return tok


def _first_conjunct(tok: Token) -> Token:
    """"fell by 40%, 75% and 57%": the later figures measure what the first one does."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok and (tok.head.like_num or tok.head.ent_type_ in (
            "PERCENT", "MONEY", "QUANTITY", "CARDINAL")):
        tok = tok.head
    return tok


def about_quantity_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"2 GW PV module production capacity": a quantity measures the noun it modifies."""
    if kind == "quantity" and counted is not None:
        return _about_phrase(doc, _compound_top(counted), skip)
    return None


def about_noun_of(doc, kind, span, anchor, counted, skip, ent_at):
    """"an investment of US $60 million", "sales of $5.2bn": the noun the amount is "of"."""
    top = _first_conjunct(anchor)
    if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ == "NOUN" \
            and top.head.head.lemma_.lower() not in CHANGE_NOUNS:
        noun = top.head.head
        before = doc[top.head.i - 1]
        if before.pos_ == "NOUN" and before.dep_ == "conj" and before.head.i == noun.i:
            noun = before  # "subsidies and economic growth of 2%": the parse hangs "of 2%" on the first conjunct
        return _about_phrase(doc, noun, skip | {t.i for t in top.head.subtree})
    return None


def about_change_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"a rise of 5% in sales", "a 3% fall in profits": what rose or fell, else the change itself."""
    top = _first_conjunct(anchor)
    noun = top.head.head if top.dep_ == "pobj" and top.head.lower_ in ("of", "to", "from") else (
        top.head if top.dep_ in ("nummod", "compound", "amod") else None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in CHANGE_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.i not in skip and obj.ent_type_ not in ("DATE", "TIME"):
                return _about_phrase(doc, obj, skip)
    return _about_phrase(doc, noun, skip)


def about_counted(doc, kind, span, anchor, counted, skip, ent_at):
    """"nearly 1,000 member companies", "56,000 cars": a count measures the things counted."""
    if kind == "count" and counted is not None:
        return _about_phrase(doc, _compound_top(counted), skip | {c.i for c in counted.children if c.dep_ == "prep"})
    return None


def about_partitive(doc, kind, span, anchor, counted, skip, ent_at):
    """"13% of cases", "up to 100% of the debts": the whole the share is of."""
    for prep in anchor.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _about_phrase(doc, obj, skip - set(range(obj.left_edge.i, obj.right_edge.i + 1)) | set(range(span.start, span.end)))
    return None


def about_modified_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"a $60m investment", "a 5% stake": the noun the amount modifies."""
    if counted is not None and counted is not anchor:
        return _about_phrase(doc, _compound_top(counted), skip)
    return None


def _governing(anchor: Token) -> Token:
    """The word a figure hangs off, past "to/from/by/at", "compared with" and "worth"."""
    top = _first_conjunct(anchor)
    head = top.head if top.head is not top else top
    for _ in range(3):
        if head.pos_ == "ADP" or head.dep_ in ("prep", "agent") \
                or head.lower_ in ("worth", "compared", "against", "than", "versus", "up", "down", "back"):
            if head.head is head:
                break
            head = head.head
        else:
            break
    return head


def about_worth(doc, kind, span, anchor, counted, skip, ent_at):
    """"a deal worth £5bn", "a stake valued at $2bn": the thing that is worth it."""
    top = _first_conjunct(anchor)
    head = top.head
    if head.lower_ == "at" and head.head.lemma_.lower() in ("value", "price", "put"):
        head = head.head
    if head.lower_ in ("worth", "valued", "priced") or head.lemma_.lower() in ("value", "price") and head.pos_ == "VERB":
        noun = head.head
        if noun.pos_ == "NOUN":
            return _about_phrase(doc, noun, skip | {t.i for t in head.subtree})
        if head.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in head.children):
            return "market value" if head.lemma_.lower() == "value" else "price"  # "Exel is valued at £2.6bn"
    return None


def about_verb_subject(doc, kind, span, anchor, counted, skip, ent_at):
    """"Profits rose 18%", "Unemployment stood at 25%, compared with 10%": what rose, stood or fell."""
    top = _first_conjunct(anchor)
    head = _governing(anchor)
    if top.dep_ == "dobj" and head.lemma_.lower() not in RISE_VERBS | FALL_VERBS | MEASURE_VERBS:
        return None  # "shareholders lost $180bn": the subject is who lost it, not what it measures
    if top.dep_ == "pobj" and top.head.lower_ in ("at", "to", "between", "from") and any(
            c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.children):
        return None  # "set compensation at 250 euros", "valued the unit at £300m": the object is measured
    for _ in range(4):
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")
                     and (c.i not in ent_at or c.lower_ in ECONOMY_MEASURES)), None)
        if subj is not None and (subj.pos_ == "NOUN" or subj.tag_ == "VBG" or subj.lower_ in ECONOMY_MEASURES) \
                and subj.i not in skip and not (
                subj.lower_ in ORG_NOUNS | {"country", "government", "nation"}
                and any(c.dep_ == "det" for c in subj.children)):  # "the firm made £150m", "the country has ..."
            return _about_phrase(doc, subj, skip | {c.i for c in subj.children if c.dep_ in ("relcl", "acl")})
        if subj is not None:
            return None
        if head.dep_ == "acl" and head.head.pos_ == "NOUN" and head.tag_ == "VBG":
            return _about_phrase(doc, head.head, skip | {t.i for t in head.subtree})  # "with spending rising 37%"
        if head.dep_ == "xcomp":
            # "India's mobile market is likely to grow by 40%", "Asahi predicts profits to rise 50%"
            obj = next((c for c in head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < head.i), None)
            if obj is not None and obj.i not in skip:
                return _about_phrase(doc, obj, skip)
        if head.dep_ not in ("conj", "xcomp") and not (head.dep_ == "advcl" and head.tag_ == "VB"):
            return None
        head = head.head  # "Sales rose 3% and profits fell 2%"; "Profits rose 15% to reach £546m"
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "is likely to grow"
    return None


def about_verb_object(doc, kind, span, anchor, counted, skip, ent_at):
    """"cut wholesale prices by about 8%": the thing the verb changes."""
    top = _first_conjunct(anchor)
    head = _governing(anchor)
    if head.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i != top.i and c.pos_ == "NOUN"
                and c.i not in range(span.start, span.end)), None)
    if obj is not None and (obj.i in ent_at or obj.lower_ in ORG_NOUNS | {"government", "country"}):
        return None  # "sue the Russian government for $28bn": whom, not what the sum is
    if obj is not None and obj.lemma_.lower() in CHANGE_NOUNS:
        # "report a slight drop in profits to £170m": the level is of what changed
        inner = next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children
                      if o.dep_ == "pobj"), None)
        if inner is not None:
            return _about_phrase(doc, inner, skip)
    return _about_phrase(doc, obj, skip) if obj is not None else None


def about_verb(doc, kind, span, anchor, counted, skip, ent_at):
    """"BT will invest £10bn in fibre": the act the amount is the object of, as a noun, with what it is in/on."""
    top = _first_conjunct(anchor)
    head = _governing(anchor)
    if head.pos_ != "VERB" or top.dep_ not in ("dobj", "npadvmod", "pobj", "attr", "nsubjpass"):
        return None
    lemma = head.lemma_.lower()
    if lemma == "fin" and head.lower_.startswith("fine"):
        lemma = "fine"  # the lemmatiser reads "fined" as "fin"
    if lemma in ("be", "have", "say", "add", "compare", "expect", "need", "exceed", "close", "open", "trade") \
            or lemma in SPEECH_VERBS | MEASURE_VERBS | RISE_VERBS | FALL_VERBS:
        return None
    noun = VERB_NOUNS.get(lemma)
    if noun is None:
        return None  # "want the 50%", "set up a window": no act a reader would call the measure
    prep = next((c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in ("in", "on", "into", "for")
                 and c.i > top.i), None)
    if prep is not None:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.i not in skip and obj.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
            return f"{noun} {prep.lower_} {_about_phrase(doc, obj, skip)}".strip()
    return noun


def about_head_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"a target of 7%", "a record $16.6bn": the noun the figure hangs off."""
    head = _governing(anchor)
    if head.pos_ == "NOUN" and head.i not in range(span.start, span.end):
        return _about_phrase(doc, head, skip)
    return None


ABOUT_RULES = (about_quantity_noun, about_noun_of, about_change_noun, about_counted, about_partitive,
               about_modified_noun, about_worth, about_verb_subject, about_verb_object, about_verb, about_head_noun)


@Language.factory("cooptool_facts", default_config={"lookback_sentences": 2}, requires=["doc.ents", "doc._.entities", "token.dep"], assigns=["doc._.facts"])
def make_fact_extractor(nlp: Language, name: str, lookback_sentences: int) -> FactExtractor:
    return FactExtractor(nlp, name, lookback_sentences)
