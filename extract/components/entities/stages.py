"""The resolver's steps as an ordered list of stage functions over one per-document `Resolution`.

`STAGES` is the order: acronym definitions first (the strongest evidence of an organisation and its
alias), then the model's mentions with the names it missed, trimmed and clustered longest first, then
variants, short forms and the rescan for further mentions, label corrections, the byline, the user's
alias file, and last the entity dicts and `doc.ents`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from cooptool.extract.aliases import AliasTable
from cooptool.extract.components.context import context_of
from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.entities.acronyms import find_acronyms
from cooptool.extract.components.entities.finders import RAW_PASSES, Found, Raw, model_mentions
from cooptool.extract.components.entities.linking import (
    abbreviates,
    add_user_aliases,
    definite_references,
    derive_initials,
    looks_like_company,
    looks_like_person,
    merge_variants,
    rename_by_user,
    rescan,
)
from cooptool.extract.components.entities.names import (
    MISTAKEN_PERSON_LABELS,
    NAMED_LABELS,
    PEERAGE_TITLES,
    PERSONAL_TITLES,
    Cluster,
    Mention,
    canonical,
    clean_name,
    common_word,
    company_short_forms,
    decide_label,
    label_from_name,
    named_alone_first,
    norm_key,
)
from cooptool.extract.components.entities.trim import trim
from cooptool.extract.components.entity_evidence import PARTY_NAMES, is_not_a_name, is_time_zone, uk_party_of
from cooptool.extract.lexicon import COUNTRIES
from cooptool.extract.records import entity_id
from cooptool.extract.rules import rule


@dataclass
class Resolution:
    """Everything the stages build for one document."""

    doc: Doc
    min_alias_chars: int = 2
    user_aliases: AliasTable | None = None
    clusters: list[Cluster] = field(default_factory=list)
    by_form: dict[str, Cluster] = field(default_factory=dict)
    taken: list[Mention] = field(default_factory=list)  # mentions given to an entity so far
    terms: set[str] = field(default_factory=set)  # short forms of common nouns ("consumer price index (CPI)")
    model_other: list[Span] = field(default_factory=list)  # dates, money, counts: kept where no name is
    raw: Raw = field(default_factory=list)
    found: Found = field(default_factory=dict)  # (start, end) -> the rule that made that mention
    mentions: Raw = field(default_factory=list)  # trimmed, in clustering order
    titled: set[tuple[int, int]] = field(default_factory=set)  # mentions after "Mr", "Ms", ...
    entities: list[dict] = field(default_factory=list)

    def add_cluster(self, name: str) -> Cluster:
        c = Cluster(name=name)
        self.clusters.append(c)
        self.by_form[norm_key(name)] = c
        return c

    def overlaps(self, s: int, e: int) -> bool:
        return any(m.start < e and s < m.end for m in self.taken)


def keep_model_others(st: Resolution) -> None:
    """The model's other spans (dates, money, counts) stay in doc.ents where no name covers them."""
    st.model_other = [e for e in context_of(st.doc).ents if e.label_ not in NAMED_LABELS]


def define_acronyms(st: Resolution) -> None:
    """Acronym definitions: an organisation (or event, law) with its alias, and both mentions."""
    doc = st.doc
    name = find_acronyms.rule.name
    for ls, le, ss, se in find_acronyms(doc):
        long_name = clean_name(doc[ls:le].text)
        short_name = clean_name(doc[ss:se].text)
        if not any(t.text[:1].isupper() for t in doc[ls:le] if t.is_alpha):
            # A lower-case long form is a term, not a name; "under the existing (UN) ..." is neither.
            if doc[le - 1].pos_ in ("NOUN", "PROPN", ""):
                st.terms.add(norm_key(short_name))
            continue
        c = st.by_form.get(norm_key(long_name)) or st.add_cluster(long_name)
        c.aliases.add(short_name)
        st.by_form[norm_key(short_name)] = c
        c.forced_label = label_from_name(long_name) or label_from_name(short_name) or "ORG"
        c.mentions.append(Mention(ls, le, c.forced_label, "acronym", name))
        c.mentions.append(Mention(ss, se, c.forced_label, "acronym", name))
        st.taken += c.mentions[-2:]


def find_missed_names(st: Resolution) -> None:
    """The model's mentions, with the passes of `finders.RAW_PASSES` (missed names, split parties)."""
    raw = model_mentions(st.doc)
    for step in RAW_PASSES:
        raw = step(st.doc, raw, st.found)
    st.raw = raw


def _has_title(doc: Doc, s: int, e: int) -> bool:
    """ "Mr Ebbers", "Ms Ruiz": a personal title before a name makes it a person, whatever the model says;
    so does "surnamed" ("a resident surnamed Lin")."""
    return (e - s > 1 and (doc[s].lower_.rstrip(".") in PERSONAL_TITLES or doc[s].lower_ == "surnamed")
            or s and (doc[s - 1].lower_.rstrip(".") in PERSONAL_TITLES or doc[s - 1].lower_ == "surnamed"))


def _trim_one(st: Resolution, s: int, e: int, lab: str) -> None:
    doc = st.doc
    rule_name = st.found.get((s, e))
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space):
        s += 1  # the model's span may open on a quote mark ('" Mr Bussereau')
    has_title = _has_title(doc, s, e)
    if has_title:
        lab = "PERSON"
    if lab == "PERSON" and e - s == 1 and s > 0 and doc[s - 1].lower_ in PEERAGE_TITLES and doc[s - 1].is_title:
        s -= 1  # "Lord Falconer": the peer's title is part of the name the model cut off
    s2, e2 = trim(doc, s, e, lab)
    if lab == "ORG" and (s2, e2) != (s, e) and doc[s2:e2].text.lower() in COUNTRIES:
        lab = "GPE"  # what is left of "US Special Presidential" once its title is cut off
    if not (s2 < e2 and any(ch.isalpha() for ch in doc[s2:e2].text) and not st.overlaps(s2, e2)):
        return
    text = clean_name(doc[s2:e2].text)
    if is_not_a_name(text) or norm_key(text) in st.terms:
        if is_time_zone(text):  # "1130 GMT": a time, so that nothing counts "GMT"s
            st.model_other.append(Span(doc, s2, e2, label="TIME"))
        return
    st.mentions.append((s2, e2, lab))
    if rule_name:
        st.found[(s2, e2)] = rule_name
    if has_title:
        st.titled.add((s2, e2))


def trim_mentions(st: Resolution) -> None:
    """Trim every mention, then order them longest first, so that a short form meets the long form
    it abbreviates."""
    for s, e, lab in st.raw:
        _trim_one(st, s, e, lab)
    doc = st.doc
    st.mentions.sort(key=lambda m: (-(doc[m[1] - 1].idx + len(doc[m[1] - 1]) - doc[m[0]].idx), m[0]))


@rule("entity.uk_party", confidence=0.9, examples=[
    ("The Tories said the budget was a mistake, and Conservative voters in Surrey agreed.",
     {"name": "Tories", "id": "org:conservative-party", "aliases": "Conservative Party", "label": "ORG"}),
])
def _join_party(st: Resolution, s: int, e: int, text: str, party: str) -> None:
    """ "Tories", "Lib Dems": the party (its full name is its id and an alias), with every everyday form
    to look for."""
    key = norm_key(text)
    c = st.by_form.get(norm_key(party)) or st.add_cluster(party)
    c.forced_label = "ORG"
    c.party = party
    c.derived |= {f for f in PARTY_NAMES[party] if norm_key(f) not in st.by_form or st.by_form[norm_key(f)] is c}
    st.by_form.setdefault(key, c)
    if key != norm_key(party):
        c.aliases.add(text)
        c.rules.add(_join_party.rule.name)
    c.mentions.append(Mention(s, e, "ORG"))
    st.taken.append(c.mentions[-1])


def _join_cluster(st: Resolution, s: int, e: int, lab: str, text: str) -> None:
    """A new entity, or the one this mention names or abbreviates (a short form votes weakly: the
    model often mislabels them, "JA Solar" as PERSON)."""
    key = norm_key(text)
    titled = (s, e) in st.titled
    c = st.by_form.get(key) or abbreviates(st.doc, key, s, st.clusters, lab, titled)
    if c is None:
        c = st.add_cluster(text)
        c.label_votes[lab] += e - s
    else:
        c.label_votes[lab] += (e - s) if norm_key(c.name) == key else 0.5
        if norm_key(c.name) != key:
            c.aliases.add(text)
            st.by_form.setdefault(key, c)
    if titled:
        c.label_votes["PERSON"] += 3  # a title is stronger evidence than the model's label
    c.mentions.append(Mention(s, e, lab, rule=st.found.get((s, e))))
    st.taken.append(c.mentions[-1])


def _written_party_name(forms: list[str], full: str) -> str:
    """The party's most frequent form in the story; a plural noun ("Tories") before the adjective
    ("Tory"), the full name when the story uses it as often."""
    counts = Counter(forms)
    return max(counts, key=lambda f: (counts[f], f == full, f.endswith("s"), len(f)))


def cluster_mentions(st: Resolution) -> None:
    for s, e, lab in st.mentions:
        text = clean_name(st.doc[s:e].text)
        party = uk_party_of(text, doc_text(st.doc))  # Doc.text rebuilds the string on every access
        if party:
            _join_party(st, s, e, text, party)
        else:
            _join_cluster(st, s, e, lab, text)


def merge_spelling_variants(st: Resolution) -> None:
    """Spelling variants ("TimeWarner", "Time Warner") and initials ("BA" of "British Airways")."""
    merge_variants(st.clusters, st.by_form)


def look_for_user_aliases(st: Resolution) -> None:
    if st.user_aliases:
        add_user_aliases(st.clusters, st.user_aliases)


def derive_short_forms(st: Resolution) -> None:
    """Short forms of company names ("Dell" of "Dell Technologies") and initials, when nothing else
    owns them."""
    doc = st.doc
    for c in st.clusters:
        if decide_label(c) == "ORG" and not c.derived:
            c.derived = {h for h in company_short_forms(c.name)
                         if norm_key(h) not in st.by_form and not common_word(doc, h)
                         and not named_alone_first(doc, norm_key(h).split(), c)}
    derive_initials(doc, st.clusters, st.by_form)


def rescan_known_names(st: Resolution) -> None:
    rescan(st.doc, st.clusters, st.min_alias_chars)


def join_definite_references(st: Resolution) -> None:
    definite_references(st.doc, st.clusters)


def correct_labels_by_wording(st: Resolution) -> None:
    """The document's wording overrides the model's "person" for companies ("Yukos's shares"), and its
    "organisation" for people ("Jean-Philippe Cotis, the OECD's chief economist")."""
    for c in st.clusters:
        if c.forced_label:
            continue
        label = decide_label(c)
        if label == "PERSON" and looks_like_company(st.doc, c):
            c.forced_label = "ORG"
        elif label in MISTAKEN_PERSON_LABELS and looks_like_person(st.doc, c):
            c.forced_label = "PERSON"


def add_byline(st: Resolution) -> None:
    """The byline is not prose (masked from the model), but its author and source are entities."""
    meta = st.doc._.meta or {}
    for key, label in (("author", "PERSON"), ("source", "ORG")):
        if not (meta.get(key) and meta.get(key + "_span")):
            continue
        s, e = meta[key + "_span"]
        c = st.by_form.get(norm_key(meta[key])) or st.add_cluster(meta[key])
        c.forced_label = c.forced_label or label
        c.extra.append([s, e, meta.get(key + "_text") or meta[key]])
        if meta.get(key + "_text") and norm_key(meta[key + "_text"]) != norm_key(c.name):
            c.aliases.add(meta[key + "_text"])


def apply_user_names(st: Resolution) -> None:
    if st.user_aliases:
        rename_by_user(st.clusters, st.user_aliases)


def _alias_order(alias: str) -> tuple[str, str]:
    """Case-blind order; the written form breaks ties ("GARLAND" before "Garland"), which were left to
    the order of a set, and so to the process's string hashing."""
    return alias.lower(), alias


def _merge_same_id(same: dict, name: str, aliases: list[str], spans_out: list, rules: set[str]) -> None:
    """Names differing only in punctuation ("Jean-Pierre" / "Jean Pierre") share an id: one entity."""
    same["mentions"] = [list(m) for m in sorted({tuple(m) for m in same["mentions"]} | {tuple(m) for m in spans_out})]
    extra = {a for a in aliases + [name] if norm_key(a) != norm_key(same["name"])}
    same["aliases"] = sorted(set(same["aliases"]) | extra, key=_alias_order)
    if rules or same.get("rules"):
        same["rules"] = sorted(set(same.get("rules", ())) | rules)


def build_entities(st: Resolution) -> None:
    """One label and one canonical name per entity; the entity dicts and `doc.ents`."""
    doc = st.doc
    text = doc_text(doc)
    by_id: dict[str, dict] = {}
    spans = []
    for c in st.clusters:
        label = decide_label(c)
        name = canonical(c, label)
        eid = entity_id(label, name)
        mentions = sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text), m.start, m.end)
                           for m in c.mentions})
        if c.party and mentions:
            # A party is named as the story names it ("the Tories", "Conservatives": what a reader and
            # an annotator write); its id and an alias stay the full name, so stores join across stories.
            name = _written_party_name([clean_name(doc[m[2]:m[3]].text) for m in mentions], name)
        aliases = sorted({clean_name(doc[m[2]:m[3]].text) for m in mentions} | c.aliases | {c.party or name},
                         key=_alias_order)
        aliases = [a for a in aliases if norm_key(a) != norm_key(name) and a.lower() != "the " + name.lower()]
        spans_out = sorted([[s, e, text[s:e]] for s, e, _, _ in mentions] + c.extra)
        rules = c.rule_names()
        same = by_id.get(eid)
        if same is not None:
            _merge_same_id(same, name, aliases, spans_out, rules)
        else:
            by_id[eid] = {"id": eid, "name": name, "label": label, "aliases": aliases, "mentions": spans_out}
            if rules:
                by_id[eid]["rules"] = sorted(rules)
            st.entities.append(by_id[eid])
        spans += [Span(doc, ts, te, label=label, kb_id=eid) for _, _, ts, te in mentions]
    named = non_overlapping(spans)
    covered = {i for span in named for i in range(span.start, span.end)}
    others = [e for e in st.model_other if not any(i in covered for i in range(e.start, e.end))]
    doc.ents = non_overlapping(named + others)
    doc._.entities = st.entities
    context_of(doc).entities_changed()  # the model's entities were read through the context


def non_overlapping(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out, last_end = [], -1
    for s in spans:
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
    return out


# The resolver's steps, in order.
STAGES = (
    keep_model_others,
    define_acronyms,
    find_missed_names,
    trim_mentions,
    cluster_mentions,
    merge_spelling_variants,
    look_for_user_aliases,
    derive_short_forms,
    rescan_known_names,
    join_definite_references,
    correct_labels_by_wording,
    add_byline,
    apply_user_names,
    build_entities,
)
