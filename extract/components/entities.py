"""`cooptool_entities`: resolve the model's entity mentions into canonical entities per document.

What it fixes on top of the statistical NER:
- acronym definitions ("China International Youth Exchange Center (CIYEC)") give an
  organisation with its alias, and every later "CIYEC" is that organisation;
- short forms ("JA Solar" for "JA Solar Technology Co., Ltd.", "Dell" for "Dell Technologies")
  and surnames ("Hart", "Wang") join the entity they abbreviate, the nearest preceding one
  when several fit;
- one label per entity, voted from all its mentions with naming evidence (designators such as
  "Co., Ltd.", acronym definitions), so "JA Solar" is never a PERSON nor "Wang" an ORG;
- leading "the", honorifics and job titles are trimmed from names.

It rewrites `doc.ents` (each span's `kb_id_` is the entity id) and sets `doc._.entities`:
a list of plain dicts `{id, name, label, aliases, mentions: [[start, end, text], ...]}`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from cooptool.extract.lexicon import HONORIFICS, ORG_DESIGNATORS, ROLE_HEADS, ROLE_MODIFIERS
from cooptool.extract.records import entity_id

NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
# Labels a short form may carry when it abbreviates an organisation (the model often calls them PERSON).
_SHORT_FORM_LABELS = ("ORG", "PERSON", "PRODUCT", "FAC", "WORK_OF_ART")
_WS = re.compile(r"\s+")
_EVENT_NAME = re.compile(r"^COP\s?\d+$|\b(Summit|Conference|Expo|Olympics|Olympic Games|World Cup)\b")

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)


def clean_name(text: str) -> str:
    return _WS.sub(" ", text).strip(" ,;:")


def norm_key(text: str) -> str:
    return clean_name(text).lower().replace("’", "'")


@dataclass
class Mention:
    start: int  # token indices
    end: int
    label: str
    source: str = "model"  # model | acronym | rescan


@dataclass
class Cluster:
    name: str
    label_votes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    forced_label: str | None = None
    extra: list[list] = field(default_factory=list)  # [start, end, text] outside doc.ents (the byline)

    def forms(self) -> set[str]:
        return {norm_key(self.name), *(norm_key(a) for a in self.aliases)}


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop leading determiners/honorifics/titles and trailing possessives and punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    if label == "PERSON":
        while end - start > 1 and (doc[start].lower_.rstrip(".") in HONORIFICS
                                   or doc[start].lower_ in ROLE_HEADS or doc[start].lower_ in ROLE_MODIFIERS):
            start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    # A trailing "." belongs to abbreviations ("Co.", "S.A.") only.
    if end > start and doc[end - 1].text == "." and end - start > 1:
        end -= 1
    return start, end


def _schwartz_hearst(short: str, long: str) -> int | None:
    """Start index in `long` of the definition of `short` (Schwartz & Hearst 2003), or None."""
    s, lng = short.lower(), long.lower()
    si, li = len(s) - 1, len(lng) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (lng[li] != c or (si == 0 and li > 0 and lng[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    return li + 1


def find_acronyms(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(long_start, long_end, short_start, short_end) token spans of "Long Form (SHORT)"."""
    found = []
    for tok in doc:
        if tok.text != "(":
            continue
        close = None
        for j in range(tok.i + 1, min(tok.i + 6, len(doc))):
            if doc[j].text == ")":
                close = j
                break
        if close is None or close == tok.i + 1:
            continue
        inner = doc[tok.i + 1:close]
        words = [t for t in inner if not t.is_space]
        if not words or not words[0].text[:1].isupper() or any(w.is_lower and w.is_alpha for w in words):
            continue
        short = inner.text
        if len(short.replace(" ", "")) < 2:
            continue
        # Candidate long form: up to min(|A|+5, 2|A|) words back within the sentence (S&H's window).
        n_chars = sum(c.isalnum() for c in short)
        window = min(n_chars + 5, n_chars * 2)
        begin = tok.i
        sent_start = tok.sent.start if doc.has_annotation("SENT_START") else 0
        words_back = 0
        while begin > sent_start and words_back < window:
            prev = doc[begin - 1]
            if prev.is_space and "\n" in prev.text:
                break
            if prev.text in (",", ";", ":", "(", ")", "“", "”", '"') and not (
                prev.text == "," and begin < len(doc) and doc[begin].text in ("Ltd", "Ltd.", "Inc", "Inc.", "LLC")
            ):
                break
            begin -= 1
            words_back += 1
        if begin == tok.i:
            continue
        cand = doc[begin:tok.i]
        offset = _schwartz_hearst(short, cand.text)
        if offset is None:
            continue
        char = cand.start_char + offset
        long_start = next((t.i for t in cand if t.idx >= char), None)
        if long_start is None:
            continue
        ls, le = _trim(doc, long_start, tok.i, "ORG")
        # A definition names something: at least one capitalised word besides the acronym letters.
        if le - ls < 2 and not doc[ls].text[:1].isupper():
            continue
        ss, se = _trim(doc, tok.i + 1, close, "ORG")
        if ls < le and ss < se:
            found.append((ls, le, ss, se))
    return found


def _merge_split_orgs(doc: Doc, ents: list[Span]) -> list[tuple[int, int, str]]:
    """Join an ORG cut at "and"/"of" ("National Center for ... Strategy and" + "International Cooperation")."""
    out: list[tuple[int, int, str]] = []
    for ent in ents:
        if out:
            ps, pe, pl = out[-1]
            if pl == "ORG" and ent.label_ == "ORG" and ent.start == pe and doc[pe - 1].lower_ in ("and", "of", "for", "&"):
                out[-1] = (ps, ent.end, "ORG")
                continue
        out.append((ent.start, ent.end, ent.label_))
    return out


def _label_from_name(name: str) -> str | None:
    words = name.replace(",", " ").split()
    if not words:
        return None
    if _EVENT_NAME.search(name):
        return "EVENT"
    if words[-1].lower() in ORG_DESIGNATORS or any(w.lower() in ("co.", "ltd.", "inc.", "corporation", "plc") for w in words):
        return "ORG"
    return None


class EntityResolver:
    def __init__(self, nlp: Language, name: str, min_alias_chars: int = 2):
        self.name = name
        self.min_alias_chars = min_alias_chars

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[Cluster] = []
        by_form: dict[str, Cluster] = {}

        def add_cluster(name: str) -> Cluster:
            c = Cluster(name=name)
            clusters.append(c)
            by_form[norm_key(name)] = c
            return c

        # 1. Acronym definitions are the strongest evidence of an organisation and its alias.
        taken: list[Mention] = []
        for ls, le, ss, se in find_acronyms(doc):
            long_name = clean_name(doc[ls:le].text)
            short_name = clean_name(doc[ss:se].text)
            c = by_form.get(norm_key(long_name)) or add_cluster(long_name)
            c.aliases.add(short_name)
            by_form[norm_key(short_name)] = c
            label = _label_from_name(long_name) or _label_from_name(short_name)
            c.forced_label = label or "ORG"
            c.mentions.append(Mention(ls, le, c.forced_label, "acronym"))
            c.mentions.append(Mention(ss, se, c.forced_label, "acronym"))
            taken += c.mentions[-2:]

        def overlaps(s: int, e: int) -> bool:
            return any(m.start < e and s < m.end for m in taken)

        # 2. The model's mentions, longest first so that short forms find their long form.
        raw = [(s, e, lab) for s, e, lab in _merge_split_orgs(doc, list(doc.ents)) if lab in NAMED_LABELS]
        trimmed = []
        for s, e, lab in raw:
            s2, e2 = _trim(doc, s, e, lab)
            if s2 < e2 and any(ch.isalpha() for ch in doc[s2:e2].text) and not overlaps(s2, e2):
                trimmed.append((s2, e2, lab))
        # Longest first, so that a short form meets the long form it abbreviates.
        trimmed.sort(key=lambda m: (-(doc[m[1] - 1].idx + len(doc[m[1] - 1]) - doc[m[0]].idx), m[0]))
        for s, e, lab in trimmed:
            text = clean_name(doc[s:e].text)
            key = norm_key(text)
            c = by_form.get(key) or self._abbreviates(doc, key, s, clusters, lab)
            if c is None:
                c = add_cluster(text)
                c.label_votes[lab] += e - s
            else:
                # A short form votes weakly: the model often mislabels them ("JA Solar" as PERSON).
                c.label_votes[lab] += (e - s) if norm_key(c.name) == key else 0.5
                if norm_key(c.name) != key:
                    c.aliases.add(text)
                    by_form.setdefault(key, c)
            c.mentions.append(Mention(s, e, lab))
            taken.append(c.mentions[-1])

        # 4. Rescan: every further occurrence of a known name or alias is a mention too.
        self._rescan(doc, clusters, taken)

        # The byline is not prose (masked from the model), but its author and source are entities.
        meta = doc._.meta or {}
        for key, label in (("author", "PERSON"), ("source", "ORG")):
            if meta.get(key) and meta.get(key + "_span"):
                s, e = meta[key + "_span"]
                c = by_form.get(norm_key(meta[key])) or add_cluster(meta[key])
                c.forced_label = c.forced_label or label
                c.extra.append([s, e, meta.get(key + "_text") or meta[key]])
                if meta.get(key + "_text") and norm_key(meta[key + "_text"]) != norm_key(c.name):
                    c.aliases.add(meta[key + "_text"])

        # 5. One label and one canonical name per entity.
        text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
        result = []
        spans = []
        for c in clusters:
            label = self._decide_label(c)
            name = self._canonical(c, label)
            eid = entity_id(label, name)
            mentions = sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text), m.start, m.end)
                               for m in c.mentions})
            aliases = sorted({clean_name(doc[m[2]:m[3]].text) for m in mentions} | c.aliases, key=str.lower)
            aliases = [a for a in aliases if norm_key(a) != norm_key(name) and a.lower() != "the " + name.lower()]
            spans_out = sorted([[s, e, text[s:e]] for s, e, _, _ in mentions] + c.extra)
            result.append({"id": eid, "name": name, "label": label, "aliases": aliases, "mentions": spans_out})
            for _, _, ts, te in mentions:
                spans.append(Span(doc, ts, te, label=label, kb_id=eid))
        doc.ents = _non_overlapping(spans)
        doc._.entities = result
        return doc

    @staticmethod
    def _abbreviates(doc: Doc, key: str, at: int, clusters: list[Cluster], label: str) -> Cluster | None:
        """The entity a short form stands for: nearest preceding, else first following."""
        words = key.split()
        candidates = []
        for c in clusters:
            if not c.mentions:
                continue
            for form in c.forms():
                fw = form.replace(",", " ").split()
                is_person = EntityResolver._decide_label(c) == "PERSON"
                if is_person and len(words) == 1 and words[0] in fw:
                    candidates.append(c)
                    break
                if not is_person and label in _SHORT_FORM_LABELS and len(fw) > len(words) and fw[:len(words)] == words:
                    candidates.append(c)
                    break
        if not candidates:
            return None

        def distance(c: Cluster) -> tuple[int, int]:
            before = [m.start for m in c.mentions if m.start < at and m.end - m.start > 1]
            return (0, at - max(before)) if before else (1, min(m.start for m in c.mentions) - at)

        return min(candidates, key=distance)

    def _rescan(self, doc: Doc, clusters: list[Cluster], taken: list[Mention]) -> None:
        forms: dict[str, list[Cluster]] = {}
        for c in clusters:
            if not c.mentions:
                continue
            names = {c.name, *c.aliases}
            if self._decide_label(c) == "PERSON":
                # Surnames and (for names written family-name first) the first token.
                parts = clean_name(c.name).split()
                if len(parts) >= 2:
                    names |= {parts[0], parts[-1]}
            for f in names:
                f = clean_name(f)
                if len(f) >= self.min_alias_chars and f[:1].isupper() and not f.isdigit():
                    forms.setdefault(f, []).append(c)
        if not forms:
            return
        owner: dict[int, tuple[Cluster, Mention]] = {}
        for c in clusters:
            for m in c.mentions:
                for i in range(m.start, m.end):
                    owner[i] = (c, m)
        alternatives = (r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=len, reverse=True))
        pattern = re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])")
        for match in pattern.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is None:
                continue
            inside = {id(owner[i][1]): owner[i] for i in range(span.start, span.end) if i in owner}
            # A known longer name wins over the model's shorter pieces ("AmCham" + "China").
            if any(m.source != "model" or m.start < span.start or m.end > span.end
                   or (m.start, m.end) == (span.start, span.end) for _, m in inside.values()):
                continue
            for c_old, m_old in inside.values():
                c_old.mentions.remove(m_old)
            form = clean_name(match.group(1))
            cands = forms[form]
            c = cands[0] if len(cands) == 1 else self._abbreviates(
                doc, norm_key(form), span.start, cands, "PERSON") or cands[0]
            m = Mention(span.start, span.end, c.forced_label or "", "rescan")
            c.mentions.append(m)
            if norm_key(form) not in c.forms():
                c.aliases.add(form)
            for i in range(span.start, span.end):
                owner[i] = (c, m)
        clusters[:] = [c for c in clusters if c.mentions or c.extra]

    @staticmethod
    def _decide_label(c: Cluster) -> str:
        if c.forced_label:
            return c.forced_label
        by_name = _label_from_name(c.name)
        if by_name:
            return by_name
        if c.label_votes:
            return c.label_votes.most_common(1)[0][0]
        return "ORG"

    @staticmethod
    def _canonical(c: Cluster, label: str) -> str:
        name = clean_name(c.name)
        if label == "PERSON" and name.isupper():
            name = " ".join(w.capitalize() for w in name.split())
        return name


def _non_overlapping(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out, last_end = [], -1
    for s in spans:
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
    return out


@Language.factory("cooptool_entities", default_config={"min_alias_chars": 2})
def make_entity_resolver(nlp: Language, name: str, min_alias_chars: int) -> EntityResolver:
    return EntityResolver(nlp, name, min_alias_chars)


def entity_index(doc: Doc) -> dict[str, dict]:
    """Entity dicts of `doc._.entities` by id."""
    return {e["id"]: e for e in (doc._.entities or [])}


def relabel(doc: Doc, eid: str, label: str) -> dict | None:
    """Give an entity a new label (and id) when later rules prove the model wrong.

    Used when a pattern shows what a name is ("an analyst at Carter Hollis": an organisation).
    Returns the updated entity dict.
    """
    ents = doc._.entities or []
    target = next((e for e in ents if e["id"] == eid), None)
    if target is None or target["label"] == label:
        return target
    new_id = entity_id(label, target["name"])
    target["label"], target["id"] = label, new_id
    doc.ents = [Span(doc, s.start, s.end, label=label, kb_id=new_id) if s.kb_id_ == eid else s for s in doc.ents]
    return target
