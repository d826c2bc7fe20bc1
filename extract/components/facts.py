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

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.doctext import doc_text
from cooptool.extract.numbers import Amount, find_amounts, find_dates, is_year

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
RISE_VERBS = frozenset("rise grow increase climb jump gain soar surge rally improve boost lift expand up".split())
FALL_VERBS = frozenset("fall drop decline slip slump sink plunge tumble shrink dip lose cut reduce down".split())


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


def _phrase(doc: Doc, head: Token, skip: set[int], limit: int = 16) -> str:
    """The words of a noun phrase without determiners, the number itself and place phrases;
    a gap left by a skipped piece shows as "…"."""
    keep = [t for t in head.subtree if t.i not in skip and not t.is_space]
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
    pieces = [" ".join(doc[r[0].i:r[-1].i + 1].text.split()) for r in runs]
    return " … ".join(p.strip(" ,;:()") for p in pieces if p.strip(" ,;:()"))


def _skip_set(doc: Doc, span: Span, sent: Span, ent_at: dict[int, Span]) -> set[int]:
    """Tokens an `about` phrase leaves out: the number, place and date phrases, relative clauses."""
    skip = set(range(span.start, span.end))
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS:
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            if objs and objs[0].i in ent_at and ent_at[objs[0].i].label_ in PLACE_LABELS:
                skip.update(t.i for t in tok.subtree)
        if tok.dep_ in ("relcl", "appos", "advcl") or (tok.dep_ == "prep" and tok.head.i in skip):
            skip.update(t.i for t in tok.subtree)
    return skip


class FactExtractor:
    def __init__(self, nlp: Language, name: str, lookback_sentences: int = 2):
        self.name = name
        self.lookback_sentences = lookback_sentences
        self._sources: set[int] = set()  # attribution sources of the Doc being processed
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
        ent_at = {i: e for i, e in ent_at.items() if e.start not in sources}
        names = {e["id"]: e for e in (doc._.entities or [])}
        dates = find_dates(doc_text(doc), meta.get("published"))
        sents = list(doc.sents)
        sent_index = {s.start: k for k, s in enumerate(sents)}
        facts = []
        for amount in self._amounts(doc, dates):
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
        subject, via = self._subject(doc, span, anchor, sent, ent_at, sents, sent_index)
        subj = names.get(subject.kb_id_) if subject is not None else None
        chain = {anchor.i, *(t.i for t in _ancestors(anchor, sent))}
        place = self._place(doc, span, sent, ent_at, subject, chain)
        date = self._date(doc, span, sent, dates, chain)
        extra_skip = set()
        for c in amount.converted:
            conv = doc.char_span(c.start, c.end, alignment_mode="expand")
            if conv is not None:
                extra_skip.update(range(conv.start - 1, conv.end + 1))
        about = self._about(doc, amount.kind, span, anchor, counted, sent, ent_at, subject, extra_skip)
        change = amount.change or self._change(span, root)
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

    def _subject(self, doc, span, anchor, sent, ent_at, sents, sent_index) -> tuple[Span | None, str | None]:
        candidates: dict[int, tuple[float, Span]] = {}

        def consider(ent: Span | None, score: float) -> None:
            if ent is None or ent.label_ not in SUBJECT_LABELS or ent.start >= span.start and ent.end <= span.end:
                return
            if ent.start < span.end and span.start < ent.end:
                return  # "US" of "US $60 million" is a currency mark
            if _is_place(ent):
                return
            score += {"ORG": 1.0, "PERSON": 0.4, "GPE": 0.3}[ent.label_]
            old = candidates.get(ent.start)
            if old is None or score > old[0]:
                candidates[ent.start] = (score, ent)

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
                consider(ent_at[tok.i], 3 + near)
            for child in tok.children:
                if child.i in range(span.start, span.end):
                    continue
                if child.dep_ == "poss":
                    for e in entities_in(child):
                        consider(e, 4 + near)
                elif child.dep_ in ("compound", "nmod") and child.i in ent_at and tok.pos_ == "NOUN":
                    consider(ent_at[child.i], 2.8 + near)
                elif child.dep_ == "prep" and child.lower_ in ("at", "of", "for", "by") and tok.pos_ == "NOUN":
                    for e in entities_in(child)[:1]:
                        consider(e, 2.5 + near)
            if tok.pos_ in ("VERB", "AUX"):
                speech = tok.lemma_.lower() in SPEECH_VERBS
                for child in tok.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "agent") and child.i not in range(span.start, span.end):
                        for e in entities_in(child):
                            direct = child.i in ent_at or e.root.head == child or e.root.dep_ == "poss"
                            consider(e, (0.5 if speech else 3.0 + near) + (0.3 if direct else 0))
                    elif speech and child.dep_ in ("dobj", "ccomp") and tok.lemma_.lower() != "tell":
                        for e in entities_in(child)[:1]:
                            consider(e, 3.2)
        best_score = max((c[0] for c in candidates.values()), default=0.0)
        # "It owns ... 34 Brand casinos in 38 countries", "It was bought for $9.4bn by ...":
        # the clause is about the organisation named before, unless a possessor says otherwise.
        if best_score < 5 and self._clause_subject_refers_back(chain[:6]):
            prev = self._previous_org(doc, sent, sents, sent_index)
            if prev is not None:
                return prev, "previous"
        if candidates:
            score, best = max(candidates.values(), key=lambda c: (c[0], -abs(c[1].start - span.start)))
            return best, "syntax"
        if self._clause_subject_refers_back(chain):
            prev = self._previous_org(doc, sent, sents, sent_index)
            if prev is not None:
                return prev, "previous"
        # Nothing on the syntactic path: the nearest organisation of the sentence, the one before first.
        in_sent = [e for e in self._ents if e.start >= sent.start and e.end <= sent.end and e.start not in self._sources
                   and e.label_ in SUBJECT_LABELS and not _is_place(e) and not (e.start < span.end and span.start < e.end)]
        orgs = [e for e in in_sent if e.label_ == "ORG"] or [e for e in in_sent if e.label_ in ("PERSON", "GPE")]
        if orgs:
            before = [e for e in orgs if e.end <= span.start]
            return (before[-1] if before else orgs[0]), "sentence"
        # A sentence with no name at all about "the turbines", "these plants" or "it": what it
        # refers to was named just before.
        if self._definite_subject(sent):
            prev = self._previous_org(doc, sent, sents, sent_index)
            if prev is not None:
                return prev, "previous"
        # "the company", "the firm's margins" far from any name: the organisation the article is about.
        if {t.lower_ for t in sent if t.dep_ in ("nsubj", "nsubjpass", "poss")} & ANAPHORS - {"it", "its", "they", "their"}:
            main = self._main_org(doc)
            if main is not None:
                return main, "previous"
        # A place only ("the dollar rose in New York") is not what the number is about.
        return None, None

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
        counts: dict[str, list[Span]] = {}
        for e in self._ents:
            if e.label_ == "ORG" and e.start not in self._sources:
                counts.setdefault(e.kb_id_, []).append(e)
        if not counts:
            return None
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
    def _change(span: Span, root: Token) -> str | None:
        tok = root
        for _ in range(3):
            lemma = tok.lemma_.lower()
            if lemma in RISE_VERBS:
                return "up"
            if lemma in FALL_VERBS:
                return "down"
            if tok.head is tok:
                break
            tok = tok.head
        return None

    @staticmethod
    def _about(doc, kind, span, anchor, counted, sent, ent_at, subject, extra_skip) -> str | None:
        """What the number measures, in the article's words."""
        skip = _skip_set(doc, span, sent, ent_at) | extra_skip
        if subject is not None:
            skip.update(range(subject.start, subject.end))
        top = anchor
        # "2 GW PV module production capacity": a quantity measures the noun it modifies.
        if kind == "quantity" and counted is not None:
            while counted.dep_ == "compound" and counted.head.pos_ == "NOUN" and counted.head is not counted:
                counted = counted.head
            return _phrase(doc, counted, skip)
        # "an investment of US $60 million": the noun the amount is "of".
        if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ == "NOUN":
            noun = top.head.head
            skip.update(t.i for t in top.head.subtree)
            return _phrase(doc, noun, skip)
        # "a $60m investment", "2 GW PV module production capacity": the noun the amount modifies.
        if counted is not None and counted is not anchor:
            while counted.dep_ == "compound" and counted.head.pos_ == "NOUN" and counted.head is not counted:
                counted = counted.head
            return _phrase(doc, counted, skip)
        head = top.head if top.head is not top else top
        if top.dep_ == "pobj" and head.pos_ == "ADP":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            # "Profits rose 18% to £1.2bn": what rose.
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in ent_at), None)
            if subj is not None and subj.pos_ == "NOUN":
                return _phrase(doc, subj, skip | {c.i for c in subj.children if c.dep_ in ("relcl", "acl")})
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i != top.i and c.pos_ == "NOUN"), None)
            if obj is not None:
                return _phrase(doc, obj, skip)
            if counted is not None and head.lemma_.lower() not in ("be", "have") and head.lemma_.lower() not in SPEECH_VERBS:
                return head.lemma_
            return None
        if head.pos_ == "NOUN" and head.i not in range(span.start, span.end):
            return _phrase(doc, head, skip)
        return None


@Language.factory("cooptool_facts", default_config={"lookback_sentences": 2})
def make_fact_extractor(nlp: Language, name: str, lookback_sentences: int) -> FactExtractor:
    return FactExtractor(nlp, name, lookback_sentences)
