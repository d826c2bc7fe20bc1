"""`cooptool_affiliations`: who holds which role at which organisation.

Runs after `cooptool_entities` and reads its resolved `doc.ents`. Patterns of news wording:

- apposition after the name: "Li Jing, sustainable development officer ... of JA Solar Technology
  Co., Ltd., ..."; "Paul Newsome, an insurance analyst at AG Edwards"; "Ian Smith, Reed Elsevier's
  chief executive, ...";
- title before the name: "AmCham China President Michael Hart", "Oxfam senior policy adviser Max
  Lawson", "UK chancellor Gordon Brown", "Microsoft's chairman Bill Gates";
- role before a comma and the name: "The chief executive of Tesco, Terry Leahy, said";
- copula: "Terry Leahy is the chief executive of Tesco";
- the byline: "Author: staff reporter ZHOU LIN" with "Source: China Today".

Sets `doc._.affiliations`: plain dicts with person/org ids and names, role, evidence sentence,
offsets, pattern and confidence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.entities import entity_index, relabel
from cooptool.extract.lexicon import ROLE_HEADS, ROLE_MODIFIERS, ROLE_ORG_PREPS

if not Doc.has_extension("affiliations"):
    Doc.set_extension("affiliations", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)

ORG_LABELS = ("ORG", "GPE")
_STOP_PUNCT = {",", ";", "(", ")", "—", "–", ":", "“", "”", '"'}
_DETS = {"a", "an", "the", "its", "their", "his", "her"}
_CLAUSE_START = {"who", "which", "whose", "that", "where", "when", "said", "says", "told", "added", "and", "but"}

CONFIDENCE = {"apposition": 0.9, "title": 0.85, "role-comma": 0.8, "copula": 0.75, "byline": 0.95}


def is_role_word(tok: Token) -> bool:
    low = tok.lower_
    return low in ROLE_HEADS or low in ROLE_MODIFIERS or (tok.is_lower and tok.pos_ in ("NOUN", "ADJ", "PROPN"))


class AffiliationExtractor:
    def __init__(self, nlp: Language, name: str, max_segment_tokens: int = 40):
        self.name = name
        self.max_segment_tokens = max_segment_tokens

    def __call__(self, doc: Doc) -> Doc:
        ents = entity_index(doc)
        ent_at = {}
        for span in doc.ents:
            for i in range(span.start, span.end):
                ent_at[i] = span
        found: dict[tuple[str, str], dict] = {}

        def add(person: Span, org: Span, role_tokens: list[Token] | Span, pattern: str, sent: Span) -> None:
            role = _role_text(doc, role_tokens)
            if org.kb_id_ not in ents:  # relabelled by a rule since the index was built
                ents.update(entity_index(doc))
            if not role or person.kb_id_ not in ents or org.kb_id_ not in ents:
                return
            p, o = ents[person.kb_id_], ents[org.kb_id_]
            if p["label"] != "PERSON" or o["label"] not in ("ORG", "GPE", "NORP"):
                return
            rec = {
                "person": p["name"], "person_id": p["id"], "role": role, "org": o["name"], "org_id": o["id"],
                "org_aliases": o["aliases"], "evidence": sent.text.strip(), "start": sent.start_char,
                "end": sent.end_char, "person_start": person.start_char, "person_end": person.end_char,
                "org_start": org.start_char, "org_end": org.end_char, "pattern": pattern,
                "confidence": CONFIDENCE[pattern],
            }
            key = (p["id"], o["id"])
            old = found.get(key)
            if old is None or (rec["confidence"], len(role)) > (old["confidence"], len(old["role"])):
                found[key] = rec

        for span in doc.ents:
            if span.label_ != "PERSON":
                continue
            sent = span.sent
            self._apposition(doc, span, sent, ent_at, add)
            self._title_before(doc, span, sent, ent_at, add)
            self._role_comma(doc, span, sent, ent_at, add)
            self._copula(doc, span, sent, ent_at, add)

        out = sorted(found.values(), key=lambda r: (r["person_start"], r["org_start"]))
        out += self._byline(doc, ents)
        doc._.affiliations = out
        return doc

    # "PERSON, [a|the] ROLE of|at ORG," / "PERSON, ORG's ROLE,"
    def _apposition(self, doc, person, sent, ent_at, add):
        i = person.end
        if i >= sent.end or doc[i].text != ",":
            return
        seg = self._segment(doc, i + 1, sent, ent_at)
        if not seg:
            return
        toks = list(seg)
        while toks and toks[0].lower_ in _DETS:
            toks.pop(0)
        if not toks or toks[0].lower_ in _CLAUSE_START:
            return
        # "ORG's ROLE"
        first = ent_at.get(toks[0].i)
        if first is not None and first.label_ in ORG_LABELS and first.end < seg.end and doc[first.end].lower_ in ("'s", "’s"):
            role = [t for t in toks if t.i > first.end]
            if _valid_role(role):
                add(person, first, role, "apposition", sent)
            return
        org = self._last_org(seg, ent_at) or self._mislabelled_org(doc, seg, ent_at, person)
        if org is None or org.start <= toks[0].i:
            return
        role = [t for t in toks if t.i < org.start]
        if _valid_role(role) and self._joined(doc, role, org):
            if org.label_ == "PERSON":
                # "an analyst at Carter Hollis": the model called the firm a person.
                fixed = relabel(doc, org.kb_id_, "ORG")
                if fixed is None:
                    return
                org = next(s for s in doc.ents if s.start == org.start)
                for i in range(org.start, org.end):
                    ent_at[i] = org
            add(person, org, role, "apposition", sent)

    # "ORG [’s] ROLE PERSON"
    def _title_before(self, doc, person, sent, ent_at, add):
        j = person.start - 1
        role: list[Token] = []
        while j >= sent.start and j not in ent_at and is_role_word(doc[j]) and len(role) < 7:
            role.insert(0, doc[j])
            j -= 1
        if not role or doc[person.start - 1].lower_ not in ROLE_HEADS:
            return
        if j >= sent.start and doc[j].lower_ in ("'s", "’s"):
            j -= 1
        org = ent_at.get(j)
        if org is None or org.label_ not in ORG_LABELS and org.label_ != "NORP":
            return
        if _valid_role(role):
            add(person, org, role, "title", sent)

    # "[The] ROLE of ORG, PERSON," / "ORG's ROLE, PERSON,"
    def _role_comma(self, doc, person, sent, ent_at, add):
        j = person.start - 1
        if j <= sent.start or doc[j].text != ",":
            return
        k = j - 1
        while k >= sent.start and doc[k].text not in _STOP_PUNCT or (k in ent_at and k > sent.start):
            k -= 1
        seg = doc[k + 1:j]
        toks = [t for t in seg if not t.is_space]
        while toks and toks[0].lower_ in _DETS:
            toks.pop(0)
        if not toks:
            return
        first = ent_at.get(toks[0].i)
        if first is not None and first.label_ in ORG_LABELS and first.end < j and doc[first.end].lower_ in ("'s", "’s"):
            role = [t for t in toks if t.i > first.end]
            if _valid_role(role):
                add(person, first, role, "role-comma", sent)
            return
        if toks[-1].i not in ent_at:
            return
        org = ent_at[toks[-1].i]
        if org.label_ not in ORG_LABELS:
            return
        role = [t for t in toks if t.i < org.start]
        if role and role[0].is_lower and _valid_role(role) and self._joined(doc, role, org):
            add(person, org, role, "role-comma", sent)

    # "PERSON is|was|became the ROLE of ORG"
    def _copula(self, doc, person, sent, ent_at, add):
        i = person.end
        if i + 1 >= sent.end or doc[i].lemma_ not in ("be", "become") or doc[i].pos_ not in ("AUX", "VERB"):
            return
        seg = self._segment(doc, i + 1, sent, ent_at)
        if not seg:
            return
        toks = list(seg)
        while toks and toks[0].lower_ in _DETS:
            toks.pop(0)
        org = self._last_org(seg, ent_at)
        if not toks or org is None or org.start <= toks[0].i:
            return
        role = [t for t in toks if t.i < org.start]
        if _valid_role(role) and self._joined(doc, role, org):
            add(person, org, role, "copula", sent)

    def _segment(self, doc, start, sent, ent_at) -> Span | None:
        end = start
        while end < sent.end and end - start < self.max_segment_tokens:
            tok = doc[end]
            if tok.text in _STOP_PUNCT and end not in ent_at:
                break
            if tok.is_space and "\n" in tok.text:
                break
            end += 1
        return doc[start:end] if end > start else None

    @staticmethod
    def _last_org(seg: Span, ent_at) -> Span | None:
        best = None
        for tok in seg:
            span = ent_at.get(tok.i)
            if span is not None and span.label_ in ORG_LABELS and span.end <= seg.end:
                if best is None or span.label_ == "ORG" or best.label_ != "ORG":
                    best = span
        return best

    @staticmethod
    def _mislabelled_org(doc, seg: Span, ent_at, person: Span) -> Span | None:
        """A "PERSON" right after "at"/"of"/"for"/"with" at the end of a role segment."""
        for tok in seg:
            span = ent_at.get(tok.i)
            if (span is not None and span.label_ == "PERSON" and span.kb_id_ != person.kb_id_
                    and span.start > seg.start and doc[span.start - 1].lower_ in ("at", "of", "for", "with")
                    and span.end == seg.end):
                return span
        return None

    @staticmethod
    def _joined(doc, role: list[Token], org: Span) -> bool:
        """The role reaches its organisation by a preposition or directly ("... Greater China Dell")."""
        if not role:
            return False
        last = role[-1]
        while last.lower_ in _DETS and last.i > role[0].i:
            last = doc[last.i - 1]
        return last.lower_ in ROLE_ORG_PREPS or last.i == org.start - 1 and not last.is_punct

    def _byline(self, doc: Doc, ents: dict) -> list[dict]:
        meta = doc._.meta or {}
        if not (meta.get("author") and meta.get("source")):
            return []
        person = next((e for e in ents.values() if e["label"] == "PERSON" and e["name"] == meta["author"]), None)
        org = next((e for e in ents.values() if e["name"] == meta["source"]), None)
        if person is None or org is None:
            return []
        s, e = meta.get("byline_span") or (None, None)
        return [{
            "person": person["name"], "person_id": person["id"], "role": meta.get("author_role") or "author",
            "org": org["name"], "org_id": org["id"], "org_aliases": org["aliases"],
            "evidence": meta.get("byline_text"), "start": s, "end": e,
            "person_start": meta["author_span"][0], "person_end": meta["author_span"][1],
            "org_start": meta["source_span"][0], "org_end": meta["source_span"][1],
            "pattern": "byline", "confidence": CONFIDENCE["byline"],
        }]


def _role_text(doc: Doc, role) -> str:
    toks = [t for t in role if not t.is_space]
    while toks and (toks[-1].lower_ in ROLE_ORG_PREPS or toks[-1].lower_ in _DETS or toks[-1].is_punct):
        toks.pop()
    while toks and (toks[0].lower_ in _DETS or toks[0].is_punct):
        toks.pop(0)
    if not toks:
        return ""
    return " ".join(doc[toks[0].i:toks[-1].i + 1].text.split())


def _valid_role(role: list[Token]) -> bool:
    toks = [t for t in role if not t.is_space]
    if not toks or len(toks) > 25:
        return False
    if not any(t.lower_ in ROLE_HEADS for t in toks):
        return False
    # A clause is not a role: no finite verbs (participles such as "managing" are fine).
    return not any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") and t.lower_ not in ROLE_HEADS
                   for t in toks)


@Language.factory("cooptool_affiliations", default_config={"max_segment_tokens": 40})
def make_affiliation_extractor(nlp: Language, name: str, max_segment_tokens: int) -> AffiliationExtractor:
    return AffiliationExtractor(nlp, name, max_segment_tokens)
