"""`cooptool_events`: meetings, summits, conferences, seminars and signings.

Runs after `cooptool_entities`. Two kinds of mention make an event:

- a **named event**: an EVENT entity, or a capitalised name headed by Summit, Conference, Expo,
  Congress, ... ("the San Francisco Summit", "the 28th Conference of the Parties ... (COP28)",
  "the China International Import Expo (CIIE) 2023");
- a **described event**: an event noun that something happens to - hosted, held, organised,
  attended, convened ("CIYEC and AmCham China hosted a seminar for ... on ... in Beijing on
  January 19, 2024") - and the signing of an agreement, deal or contract between named parties.

Each event gets its `name`, `date` (ISO 8601 when the text allows), `place`, `organizers` (who
hosts, holds or organises it), `participants` (who attends or signs) and its evidence sentence.
Mentions of the same event in one document are merged. Sets `doc._.events` (plain dicts).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.context import context_of
from cooptool.extract.components.phrases import PLACE_LABELS, clean, is_place, noun_phrase
from cooptool.extract.components.speakers import ORG_NOUNS, SpeakerResolver
from cooptool.extract.numbers import find_dates

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)



def _load_lexicon() -> dict[str, tuple[str, str]]:
    """`extract/data/lexicon/event_nouns.tsv`: noun -> (kind, names)."""
    path = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "event_nouns.tsv"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        noun, kind, names = (line.split("\t") + ["", ""])[:3]
        out[noun.strip()] = (kind.strip(), names.strip())
    return out


LEXICON = _load_lexicon()
EVENT_NOUNS = frozenset(LEXICON)
# Capitalised heads that end an event's name ("San Francisco Summit"); "event-only" heads (Forum,
# Congress, ...) usually name an organisation, so they count only when the model calls the name an
# EVENT or a number marks one meeting ("the 20th Party Congress").
NAMED_HEADS = frozenset(n.capitalize() for n, (_, names) in LEXICON.items() if names == "yes")
EVENT_ONLY_HEADS = frozenset(n.capitalize() for n, (_, names) in LEXICON.items() if names == "event-only")
NOT_EVENTS = re.compile(r"\b(Agreement|Accord|Treaty|Statement|Protocol|Declaration|Act|Pact|Charter)\b")
# Known event patterns: names that are events without an event noun.
KNOWN_EVENTS = re.compile(r"^(?:COP\s?\d+|CIIE(?:\s+(?:19|20)\d\d)?|G-?\d{1,2}|APEC|Davos|Olympics)$")
# The model's EVENT entities include wars, storms and sports; gatherings have names like these.
GATHERING_NAME = re.compile(r"\b(Summit|Conference|Expo|Forum|Meeting|Congress|Convention|Symposium|Seminar|"
                            r"Talks|Fair|Exhibition|Show|Assembly|Dialogue|Round|Davos)\b|^COP\s?\d+$|^G-?\d+\b")


def event_kind(noun: str) -> str | None:
    """The kind of event a noun names ("summit", "talks", "signing"), from the lexicon."""
    entry = LEXICON.get(noun.lower())
    return entry[0] if entry else None


HOST_VERBS = frozenset("host co-host cohost hold organise organize convene sponsor stage chair arrange call run".split())
ATTEND_VERBS = frozenset("attend join address participate speak present".split())
HAPPEN_VERBS = frozenset("take open begin start end close conclude convene gather".split())
SIGN_OBJECTS = frozenset("""
agreement agreements deal deals contract contracts memorandum mou treaty accord pact partnership
""".split())
ACTOR_LABELS = ("ORG", "PERSON", "GPE")
_NAME_JOINERS = {"of", "on", "for", "to", "the", "&"}  # not "and"/"in": "X Meeting and the Y Summit", "... Fair in October"


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def _numbered(doc: Doc, start: int, end: int) -> bool:
    """A number marks one meeting of a series: "the 20th Party Congress", "Forum 2024"."""
    if any(t.like_num or re.fullmatch(r"\d+(st|nd|rd|th)", t.lower_) for t in doc[start:end]):
        return True
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and bool(re.fullmatch(r"(19|20)\d\d", nxt.text))


def _known_kind(name: str) -> str | None:
    if re.match(r"COP\s?\d", name):
        return "conference"
    if name.startswith("CIIE"):
        return "expo"
    if re.match(r"G-?\d|APEC", name):
        return "summit"
    return {"Davos": "forum", "Olympics": "games"}.get(name)


class EventExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta or {}
        self.ent_at = context_of(doc).ent_at
        self._resolver = None  # a SpeakerResolver, built when a pronoun needs it
        self.names = {e["id"]: e for e in (doc._.entities or [])}
        self.aliases_of: dict[str, list[str]] = {}
        self.dates = find_dates(doc_text(doc), meta.get("published"))
        found: list[dict] = []
        seen_tokens: set[int] = set()
        for start, end, acronym in self._named(doc):
            span = doc[start:end]
            seen_tokens.update(range(start, end))
            name = _clean(span.text)
            last = next((t for t in reversed(span) if not t.is_punct), span.root)
            kind = event_kind(last.lower_) or _known_kind(name) or (_known_kind(acronym) if acronym else None) \
                or "event"
            found.append(self._record(doc, span, span.root, name, [acronym] if acronym else [], kind=kind,
                                      pattern=self.named_pattern.get(start, "named_head")))
        for tok in doc:
            if tok.i in seen_tokens:
                continue
            rec = self._described(doc, tok)
            if rec is not None:
                found.append(rec)
        events = self._merge([r for r in found if r is not None])
        for ev in events:
            # Aliases of the organisers and participants, so `events --org CIYEC` finds them.
            ev["actor_aliases"] = sorted({a for n in ev["organizers"] + ev["participants"]
                                          for a in self.aliases_of.get(n, [])})
        doc._.events = events
        return doc

    # ---- named events --------------------------------------------------------------------------

    def _named(self, doc: Doc) -> list[tuple[int, int, str | None]]:
        spans: list[tuple[int, int]] = []
        self.named_pattern: dict[int, str] = {}
        for e in doc.ents:
            if e.label_ == "EVENT" and GATHERING_NAME.search(e.text) and not NOT_EVENTS.search(e.text):
                spans.append((e.start, e.end))
                self.named_pattern[e.start] = "known_event" if KNOWN_EVENTS.match(e.text) else "model_event"
        for tok in doc:
            if tok.text not in NAMED_HEADS | EVENT_ONLY_HEADS or tok.is_sent_start:
                continue
            sent = tok.sent
            start = tok.i
            j = start - 1
            while j >= sent.start:
                t = doc[j]
                if t.is_space:
                    j -= 1
                    continue
                if t.is_sent_start and t.lower_ == "the" or not (
                        t.text[:1].isupper() or t.like_num or re.fullmatch(r"\d+(st|nd|rd|th)", t.lower_)):
                    break
                if t.is_stop and t.lower_ != "the" and not t.like_num and t.ent_type_ not in ("ORG", "GPE", "NORP"):
                    break  # "But Fair ...", "At Expo": a capitalised function word opens the sentence
                start = j
                j -= 1
            if j >= sent.start and doc[j].tag_ == "POS" and j == start - 1 and j - 1 >= sent.start \
                    and doc[j - 1].text[:1].isupper():
                # "the 31st APEC Economic Leaders' Meeting": a possessive inside the name
                k = j - 1
                while k >= sent.start and (doc[k].text[:1].isupper() or doc[k].like_num
                                           or re.fullmatch(r"\d+(st|nd|rd|th)", doc[k].lower_)) \
                        and not (doc[k].is_stop and doc[k].lower_ != "the") and not (
                        doc[k].is_sent_start and doc[k].lower_ == "the"):
                    start = k
                    k -= 1
            end = tok.i + 1
            # "Conference of the Parties to the UN Framework Convention on Climate Change"
            while end < sent.end:
                j = end
                while j < sent.end and (doc[j].lower_ in _NAME_JOINERS or doc[j].is_space):
                    j += 1
                k = j
                while k < sent.end and (doc[k].text[:1].isupper() or doc[k].text == "-" or doc[k].is_space):
                    k += 1
                while k > j and doc[k - 1].is_space:
                    k -= 1
                if j == end or k == j:
                    break
                end = k
            if start == tok.i and end == tok.i + 1:
                continue  # a lone "Conference" is no name
            if tok.text in EVENT_ONLY_HEADS and not _numbered(doc, start, end):
                continue  # "the Trades Union Congress", "the World Economic Forum": organisations
            spans.append((start, end))
            self.named_pattern.setdefault(start, "named_head")
        out: list[tuple[int, int, str | None]] = []
        for start, end in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if out and start < out[-1][1]:
                continue
            while doc[start].lower_ == "the" and start < end - 1:
                start += 1
            # "(COP28)" / "(CIIE) 2023" right after the name: an alias.
            acronym = None
            after = [t for t in doc[end:min(end + 6, len(doc))] if not t.is_space]
            if len(after) >= 3 and after[0].text == "(" and after[2].text == ")" and after[1].text[:1].isupper():
                acronym = after[1].text
            out.append((start, end, acronym))
        self.tail_end = {}
        for start, end, acronym in out:
            tail = end
            if acronym:
                tail = next(t.i for t in doc[end:] if t.text == ")") + 1
            self.tail_end[start] = tail
        return out

    # ---- described events ----------------------------------------------------------------------

    def _described(self, doc: Doc, tok: Token) -> dict | None:
        """An event noun of the lexicon in a clause that makes it an event (each rule names itself in
        `pattern`), and only with a named organiser, participant or name modifier."""
        low = tok.lower_
        if tok.pos_ in ("NOUN", "PROPN") and low in EVENT_NOUNS and low != "signing" and (
                tok.i not in self.ent_at or self.ent_at[tok.i].label_ == "EVENT") and not (
                tok.text[:1].isupper() and not tok.is_sent_start):  # not "Trades Union Congress", not a name
            organizers: list[str] = []
            participants: list[str] = []
            pattern = None
            for rule in (self.hosted_event, self.attended_event, self.at_their_event):
                found = rule(doc, tok)
                if found is not None:
                    organizers, participants = found
                    pattern = rule.__name__
                    break
            modifiers = self._name_modifiers(tok)
            if pattern is None and modifiers:
                pattern = "modified_event"  # "the G7 meeting", "the APEC summit", "the Iraqi election"
            if pattern is None:
                return None
            # A country or city before the noun says where ("the Beijing forum"), except a group ("G7").
            where = [e for e in modifiers if e.label_ == "GPE" and not KNOWN_EVENTS.match(e.text)]
            participants = list(dict.fromkeys(participants + [n for e in modifiers if e not in where and (
                e.label_ in ACTOR_LABELS or KNOWN_EVENTS.match(e.text)) for n in [self._name(e) or e.text] if n]
                                              + self._parties_of(tok)))
            if not (organizers or participants or modifiers):
                return None  # "a meeting between him and an agent", "the meeting took place": nothing named
            name = self._noun_name(doc, tok)
            if pattern == "at_their_event":
                name = self._owner_name
            rec = self._record(doc, tok.sent, tok, name, [], organizers=organizers, participants=participants,
                               name_span=(tok.idx, tok.idx + len(tok.text)), kind=event_kind(low) or "event",
                               pattern=pattern)
            if rec["place"] is None and where:
                rec["place"] = _clean(where[0].text)
            return rec
        if tok.lemma_.lower() == "sign" and tok.pos_ == "VERB":
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in SIGN_OBJECTS), None)
            if obj is None:
                return None
            parties = self._actors_of(doc, tok)
            parties += [self._name(e) for c in (*tok.children, *obj.children) if c.dep_ == "prep" and c.lower_ == "with"
                        for e in self._entities_in(c)]
            parties = list(dict.fromkeys(p for p in parties if p))
            if not parties:
                return None
            name = "signing of " + self._noun_name(doc, obj)
            return self._record(doc, tok.sent, obj, name, [], participants=parties,
                                name_span=(tok.idx, obj.idx + len(obj.text)), kind="signing", pattern="signing")
        return None

    def hosted_event(self, doc: Doc, tok: Token):
        """"CIYEC and AmCham China hosted a seminar", "the summit was organised by X": organisers."""
        head = tok.head
        lemma = head.lemma_.lower()
        if tok.dep_ in ("dobj", "conj") and lemma in HOST_VERBS:
            return self._actors_of(doc, head), []
        if tok.dep_ == "nsubjpass" and lemma in HOST_VERBS:
            return self._agents(head), []
        return None

    def attended_event(self, doc: Doc, tok: Token):
        """"X attended the conference", "X took part in the talks": participants."""
        head = tok.head
        if tok.dep_ == "dobj" and head.lemma_.lower() in ATTEND_VERBS:
            return [], self._actors_of(doc, head)
        if tok.dep_ == "pobj" and head.lower_ in ("in", "at") and head.head.lemma_.lower() in ATTEND_VERBS | {"part"}:
            verb = head.head if head.head.pos_ == "VERB" else head.head.head
            return [], self._actors_of(doc, verb)
        return None

    def at_their_event(self, doc: Doc, tok: Token):
        """"At their meeting in London, G7 finance ministers backed ...": those who met are the
        subject of the clause the meeting is the setting of."""
        head = tok.head
        if not (tok.dep_ == "pobj" and head.lower_ in ("at", "during", "after", "before", "ahead")
                and any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in tok.children)):
            return None
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subj is None:
            return None
        heads = [e for e in self._head_entities(subj) if e.label_ in ACTOR_LABELS]
        # "Guterres told Xi during their meeting": the one told met too.
        others = [e for c in verb.children if c.dep_ in ("dobj", "dative") for e in self._head_entities(c)
                  if e.label_ == "PERSON"]
        names = [n for n in dict.fromkeys(self._name(e) for e in heads + others) if n]
        if not names:
            return None
        if others or all(e.label_ == "PERSON" for e in heads):
            self._owner_name = f"{tok.text} of " + " and ".join(names)  # "meeting of Antonio Guterres and Xi Jinping"
        else:  # The meeting is theirs: "G7 finance ministers meeting".
            self._owner_name = " ".join(t.text for t in subj.subtree if t.dep_ not in ("det", "punct")
                                        and t.i <= subj.i) + " " + tok.text
        return [], names

    def _name_modifiers(self, tok: Token) -> list[Span]:
        """Named modifiers of an event noun: "G7" of "the G7 finance ministers' meeting", "APEC summit"."""
        out: list[Span] = []
        stack = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
        while stack:
            c = stack.pop()
            e = self.ent_at.get(c.i)
            if e is None and KNOWN_EVENTS.match(c.text):
                e = c.doc[c.i:c.i + 1]  # an untagged "G7"
            if e is not None and (e.label_ in (*ACTOR_LABELS, "NORP", "EVENT") or KNOWN_EVENTS.match(e.text)) \
                    and e not in out:
                out.append(e)
            stack += [g for g in c.children if g.dep_ in ("compound", "poss", "nmod", "amod")]
        return sorted(out, key=lambda e: e.start)

    def _parties_of(self, tok: Token) -> list[str]:
        """"talks between Nissan and Renault", "a strike by BA staff": named parties of the event."""
        out = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("between", "with", "by", "among"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for t in (obj, *(c for c in obj.children if c.dep_ == "conj")):
                    e = self.ent_at.get(t.i)
                    if e is not None and e.label_ in ACTOR_LABELS and not is_place(e):
                        name = self._name(e)
                        if name:
                            out.append(name)
        return out

    def _noun_name(self, doc: Doc, noun: Token) -> str:
        skip = set()
        for t in noun.subtree:
            if t.dep_ in ("relcl", "acl", "appos", "conj", "cc") and t is not noun:
                skip.update(x.i for x in t.subtree)  # "the US elections and the World Cup": two things
            if t.dep_ == "amod" and t.head.i == noun.i and t.pos_ == "ADJ" and not t.ent_type_ and not t.text[:1].isupper() \
                    and t.lower_ not in ("annual", "general", "national", "international", "global", "regional"):
                skip.update(x.i for x in t.subtree)  # "a smooth election", "the recent meeting"
            if t.dep_ == "prep" and t.lower_ == "with" and noun.lower_ in SIGN_OBJECTS:
                skip.update(x.i for x in t.subtree)  # the parties are participants, not the name
            if t.dep_ == "prep" and t.lower_ in ("in", "at", "on") and any(
                    c.i in self.ent_at and (is_place(self.ent_at[c.i]) or self.ent_at[c.i].label_ in PLACE_LABELS)
                    or self._is_date_token(c) for c in t.children):
                skip.update(x.i for x in t.subtree)
        return noun_phrase(doc, noun, skip) or noun.text

    def _is_date_token(self, tok: Token) -> bool:
        return any(d.start <= tok.idx < d.end for d in self.dates)

    # ---- actors, places, dates -----------------------------------------------------------------

    def _name(self, span: Span) -> str | None:
        ent = self.names.get(span.kb_id_)
        if ent is None:
            return None
        self.aliases_of[ent["name"]] = ent["aliases"]
        return ent["name"]

    def _entities_in(self, tok: Token) -> list[Span]:
        out = []
        for t in tok.subtree:
            e = self.ent_at.get(t.i)
            if e is not None and e.label_ in ACTOR_LABELS and e not in out and not is_place(e):
                out.append(e)
        return out

    def _actors_of(self, doc: Doc, verb: Token) -> list[str]:
        """The subject of a verb as entity names; when the parse loses it, the run of named
        organisations and people right before the verb ("CIYEC and AmCham China hosted")."""
        names = []
        for c in verb.children:
            if c.dep_ in ("nsubj",):
                names += [self._name(e) for e in self._head_entities(c) if e.label_ in ("ORG", "PERSON")]
                if not names and (c.lower_ == "it" or c.lower_ in ORG_NOUNS and any(
                        d.dep_ == "det" and d.lower_ in ("the", "this") for d in c.children)):
                    # "it signed a deal", "the company hosted": resolved as a speaker would be
                    if self._resolver is None:
                        self._resolver = SpeakerResolver(doc)
                    found = self._resolver.resolve(c)
                    if found.name and found.label in ("ORG", "PERSON"):
                        self.aliases_of[found.name] = found.aliases
                        names.append(found.name)
        if not names:
            j = verb.i - 1
            run: list[Span] = []
            while j >= verb.sent.start:
                t = doc[j]
                e = self.ent_at.get(j)
                if e is not None and e.label_ in ("ORG", "PERSON"):
                    if not run or run[-1] is not e:
                        run.append(e)
                    j = e.start - 1
                    continue
                if t.lower_ in ("and", "the", ",", "(", ")", "both", "jointly", "also", "together") or t.is_space \
                        or t.pos_ == "AUX":
                    j -= 1
                    continue
                break
            names = [self._name(e) for e in reversed(run)]
        return list(dict.fromkeys(n for n in names if n))

    def _head_entities(self, tok: Token) -> list[Span]:
        """Entities a noun phrase is (the head and its conjuncts), not those in its modifiers."""
        out = []
        stack = [tok]
        while stack:
            t = stack.pop()
            e = self.ent_at.get(t.i)
            if e is not None and e not in out and not is_place(e):
                out.append(e)
            stack += [c for c in t.children if c.dep_ in ("conj", "compound", "appos") and c.i in self.ent_at
                      or c.dep_ == "conj"]
        return sorted(out, key=lambda e: e.start)

    def _agents(self, verb: Token) -> list[str]:
        return list(dict.fromkeys(self._name(e) for c in verb.children if c.dep_ == "agent"
                                  for e in self._entities_in(c) if self._name(e)))

    def _date_in(self, sent: Span):
        inside = [d for d in self.dates if d.start >= sent.start_char and d.end <= sent.end_char]
        return inside

    def _place_near(self, doc: Doc, tok: Token) -> str | None:
        sent = tok.sent
        places = [e for e in doc.ents if e.start >= sent.start and e.end <= sent.end and is_place(e)]
        if not places:
            return None
        best = min(places, key=lambda e: (0 if e.start > tok.i else 1, abs(e.start - tok.i)))
        end = best.end
        if end + 1 < sent.end and doc[end].text == "," and self.ent_at.get(end + 1) is not None \
                and self.ent_at[end + 1].label_ == "GPE" and self.ent_at[end + 1].root.dep_ != "compound":
            end = self.ent_at[end + 1].end
        return _clean(doc[best.start:end].text)

    def _record(self, doc: Doc, span: Span | Token, anchor: Token, name: str, aliases: list[str], *,
                organizers: list[str] | None = None, participants: list[str] | None = None,
                name_span: tuple[int, int] | None = None, kind: str = "event", pattern: str = "named_head") -> dict:
        sent = anchor.sent
        if participants is None:
            participants = []
            verb = anchor.head
            if anchor.dep_ == "pobj" and verb.lower_ in ("at", "in"):
                verb = verb.head
                if verb.pos_ == "VERB":
                    participants = self._actors_of(doc, verb)
            elif anchor.dep_ == "dobj" and verb.lemma_.lower() in ATTEND_VERBS:
                participants = self._actors_of(doc, verb)
        if organizers is None:
            organizers = []
            verb = anchor.head
            if anchor.dep_ in ("dobj",) and verb.lemma_.lower() in HOST_VERBS:
                organizers = self._actors_of(doc, verb)
        dates = self._date_in(sent)
        near = min(dates, key=lambda d: abs(d.start - anchor.idx)) if dates else None
        # "(CIIE) 2023": a year right after a name dates it.
        if isinstance(span, Span) and span.start in getattr(self, "tail_end", {}):
            tail = next((t for t in doc[self.tail_end[span.start]:] if not t.is_space), None)
            if tail is not None and re.fullmatch(r"(19|20)\d\d", tail.text):
                near = next((d for d in dates if d.start == tail.idx), near)
            elif near is not None and abs(near.start - anchor.idx) > 80:
                near = None  # a date far from a name mentioned in passing is not its date
        ev_start, ev_end = sent.start_char, sent.end_char
        while ev_end > ev_start and doc_text(doc)[ev_end - 1].isspace():
            ev_end -= 1
        if name_span is None:
            name_span = (span.start_char, span.end_char) if isinstance(span, Span) else (anchor.idx, anchor.idx + len(anchor))
        return {
            "name": name,
            "aliases": aliases,
            "kind": kind,
            "pattern": pattern,
            "date": near.iso if near else None,
            "date_text": near.text if near else None,
            "place": self._place_near(doc, anchor),
            "organizers": organizers,
            "participants": [p for p in participants if p not in organizers],
            "evidence": doc_text(doc)[ev_start:ev_end],
            "start": ev_start,
            "end": ev_end,
            "name_start": name_span[0],
            "name_end": name_span[1],
        }

    @staticmethod
    def _merge(records: list[dict]) -> list[dict]:
        """One record per event: later mentions add what the first one lacked."""
        out: list[dict] = []
        for rec in records:
            keys = {k.lower() for k in (rec["name"], *rec["aliases"])}

            def same_event(o: dict, keys: set[str] = keys) -> bool:
                other = {k.lower() for k in (o["name"], *o["aliases"])}
                # "G7 meeting" and "G7 meeting of finance ministers" are one event.
                return bool(keys & other) or any(a.startswith(b + " ") or b.startswith(a + " ")
                                                 for a in keys for b in other)

            same = next((o for o in out if same_event(o)), None)
            if same is None:
                out.append(rec)
                continue
            if len(rec["name"]) > len(same["name"]) and not same["aliases"]:
                same["name"] = rec["name"]
            for field in ("date", "date_text", "place"):
                if not same[field] and rec[field]:
                    same[field] = rec[field]
            for field in ("organizers", "participants", "aliases"):
                same[field] = list(dict.fromkeys(same[field] + rec[field]))
        return out


@Language.factory("cooptool_events", requires=["doc.ents", "doc._.entities"], assigns=["doc._.events"])
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)
