"""Linking mentions to entities: which entity a short form stands for, spelling variants and
initials, the rescan for further mentions of known names, definite references ("the ministry"),
and the label corrections the document's wording proves."""

from __future__ import annotations

from spacy.tokens import Doc

from cooptool.extract.aliases import AliasTable
from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.entities.names import (
    LEGAL_FORMS,
    NAME_PARTICLES,
    NAME_WORD,
    REFERENCE_HEADS,
    SHORT_FORM_LABELS,
    Cluster,
    Mention,
    clean_name,
    common_word,
    company_short_forms,
    decide_label,
    is_initialism,
    is_trade_word_text,
    label_from_name,
    merge_into,
    named_alone_first,
    norm_key,
)
from cooptool.extract.components.entity_evidence import (
    compact_key,
    company_evidence,
    initials,
    person_evidence,
)
from cooptool.extract.components.wordfind import find_names, find_word
from cooptool.extract.lexicon import FEMALE_NAMES, MALE_NAMES, ORG_DESIGNATORS
from cooptool.extract.rules import rule

# ---- which entity a short form stands for ----------------------------------------------------------


def _short_form_of(c: Cluster, words: list[str], fw: list[str], is_person: bool, label: str, titled: bool,
                   doc: Doc) -> bool:
    """`words` (a mention) is a short form of `fw` (one of the entity's forms)."""
    if is_person and len(words) == 1 and words[0] in fw:
        return True
    # "Mr Baez Silva" of "Carlos Baez Silva": a surname of two words.
    if is_person and (label == "PERSON" or titled) and 2 <= len(words) < len(fw) and fw[-len(words):] == words:
        return True
    # "Mr Ebbers" after a "Bernie Ebbers" the model called an organisation: the title says the
    # surname is a person's, and the full name it ends is that person.
    if titled and len(words) == 1 and 2 <= len(fw) <= 4 and fw[-1] == words[0] \
            and not c.forced_label and label_from_name(c.name) is None:
        return True
    return not is_person and label in SHORT_FORM_LABELS and len(fw) > len(words) and fw[:len(words)] == words \
        and not named_alone_first(doc, words, c)


def abbreviates(doc: Doc, key: str, at: int, clusters: list[Cluster], label: str,
                titled: bool = False) -> Cluster | None:
    """The entity a short form stands for: nearest preceding, else first following."""
    words = key.split()
    candidates = []
    for c in clusters:
        if not c.mentions:
            continue
        is_person = decide_label(c) == "PERSON"
        if any(_short_form_of(c, words, form.replace(",", " ").split(), is_person, label, titled, doc)
               for form in c.forms()):
            candidates.append(c)
    if not candidates:
        return None

    def distance(c: Cluster) -> tuple[int, int]:
        before = [m.start for m in c.mentions if m.start < at and m.end - m.start > 1]
        return (0, at - max(before)) if before else (1, min(m.start for m in c.mentions) - at)

    return min(candidates, key=distance)


# ---- variants and initials -------------------------------------------------------------------------

def org_initials(c: Cluster) -> set[str]:
    """Initials of an organisation's names, with and without its legal form ("BA" of "British Airways plc")."""
    names = {c.name, *c.aliases}
    names |= {short for n in list(names) for short in company_short_forms(n)}
    names |= {" ".join(w for w in n.split() if w.lower() not in LEGAL_FORMS) for n in list(names)}
    return {ini for ini in map(initials, names) if ini}


def _merge_spelling_variants(clusters: list[Cluster], by_form: dict[str, Cluster]) -> None:
    seen: dict[str, Cluster] = {}
    for c in list(clusters):
        key = compact_key(c.name)
        first = seen.get(key)
        if first is None:
            seen[key] = c
        elif not c.forced_label or not first.forced_label:
            keep, drop = (first, c) if len(first.mentions) >= len(c.mentions) else (c, first)
            merge_into(keep, drop, clusters, by_form, 1.0)
            seen[key] = keep


def merge_variants(clusters: list[Cluster], by_form: dict[str, Cluster]) -> None:
    """One entity for spelling variants of one name ("TimeWarner" and "Time Warner"), and for an
    organisation's initials when exactly one organisation of the document has them ("GM")."""
    _merge_spelling_variants(clusters, by_form)
    orgs = [c for c in clusters if decide_label(c) == "ORG" and not is_initialism(c.name)]
    by_initials: dict[str, list[Cluster]] = {}
    for c in orgs:
        for ini in org_initials(c):
            by_initials.setdefault(ini, []).append(c)
    for c in list(clusters):
        if c.forced_label or not is_initialism(c.name) or c.aliases:
            continue
        owners = by_initials.get(c.name.replace("&", ""), [])
        if len(owners) == 1 and owners[0] is not c and owners[0] in clusters:
            merge_into(owners[0], c, clusters, by_form, 0.5)


def derive_initials(doc: Doc, clusters: list[Cluster], by_form: dict[str, Cluster]) -> None:
    """An organisation's initials written in the document are its mentions ("BA" after
    "British Airways"), when no other entity owns them and they are not a word."""
    counts: dict[str, list[Cluster]] = {}
    for c in clusters:
        if decide_label(c) == "ORG":
            for ini in org_initials(c):
                counts.setdefault(ini, []).append(c)
    for ini, owners in counts.items():
        if len(owners) != 1 or norm_key(ini) in by_form or common_word(doc, ini):
            continue
        if find_word(doc_text(doc), ini) != -1:
            owners[0].derived.add(ini)


# ---- the rescan --------------------------------------------------------------------------------------

def _rescan_forms(clusters: list[Cluster], min_chars: int) -> dict[str, list[Cluster]]:
    """Every name, alias and short form to look for, with the entities that have it."""
    forms: dict[str, list[Cluster]] = {}
    for c in clusters:
        if not c.mentions:
            continue
        names = {c.name, *c.aliases, *c.derived}
        if decide_label(c) == "PERSON":
            # Surnames and (for names written family-name first) the first token.
            parts = clean_name(c.name).split()
            if len(parts) >= 2:
                names |= {parts[0], parts[-1]}
        for f in names:
            f = clean_name(f)
            if len(f) >= min_chars and f[:1].isupper() and not f.isdigit():
                forms.setdefault(f, []).append(c)
    return forms


def _claim(doc: Doc, span, form: str, forms: dict[str, list[Cluster]],
           owner: dict[int, tuple[Cluster, Mention]]) -> None:
    """Give `span` to the entity whose form it is, taking it from the model's shorter pieces inside."""
    inside = {id(owner[i][1]): owner[i] for i in range(span.start, span.end) if i in owner}
    # A known longer name wins over the model's shorter pieces ("AmCham" + "China").
    if any(m.source != "model" or m.start < span.start or m.end > span.end
           or (m.start, m.end) == (span.start, span.end) for _, m in inside.values()):
        return
    for c_old, m_old in inside.values():
        c_old.mentions.remove(m_old)
    cands = forms[form]
    c = cands[0] if len(cands) == 1 else abbreviates(doc, norm_key(form), span.start, cands, "PERSON") or cands[0]
    m = Mention(span.start, span.end, c.forced_label or "", "rescan")
    c.mentions.append(m)
    if norm_key(form) not in c.forms():
        c.aliases.add(form)
    for i in range(span.start, span.end):
        owner[i] = (c, m)


def rescan(doc: Doc, clusters: list[Cluster], min_chars: int) -> None:
    """Every further occurrence of a known name or alias is a mention too."""
    forms = _rescan_forms(clusters, min_chars)
    if not forms:
        return
    owner: dict[int, tuple[Cluster, Mention]] = {}
    for c in clusters:
        for m in c.mentions:
            for i in range(m.start, m.end):
                owner[i] = (c, m)
    # Longest form first at each position, as an alternation of the forms would take them (without
    # compiling one per document).
    text = doc_text(doc)
    for start, end in find_names(text, sorted(forms, key=len, reverse=True)):
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is not None and not _opening_pronoun(doc, span):
            _claim(doc, span, clean_name(text[start:end]), forms, owner)
    clusters[:] = [c for c in clusters if c.mentions or c.extra]


def _opening_pronoun(doc: Doc, span) -> bool:
    """"He reaffirmed ..." after "He Lifeng": a surname that is also a pronoun, opening its sentence, is
    read as the pronoun (who it is, is the speakers' resolution); mid-sentence a capital "He" ("noted
    He", "Shan, Lyu and He agree") can only be the surname."""
    if len(span) != 1 or span[0].tag_ not in ("PRP", "PRP$"):
        return False
    k = span.start - 1
    while k >= 0 and (doc[k].is_punct and doc[k].text not in (",", ";") or doc[k].is_space):
        if doc[k].is_sent_start:
            return True
        k -= 1
    return k < 0 or span[0].is_sent_start or doc[k].text in (".", "!", "?")


# ---- definite references -----------------------------------------------------------------------------

def _reference_tails(clusters: list[Cluster]) -> dict[tuple[str, ...], list[Cluster]]:
    """Lower-case endings of organisation names ("space administration", "administration") -> owners."""
    tails: dict[tuple[str, ...], list[Cluster]] = {}
    for c in clusters:
        if decide_label(c) != "ORG" or not c.mentions:
            continue
        words = clean_name(c.name).lower().split()
        if len(words) >= 3 and words[0] in REFERENCE_HEADS and words[1] in ("of", "for"):
            tails.setdefault((words[0],), []).append(c)  # "University of ...": "the university"
        if len(words) < 2 or words[-1] not in REFERENCE_HEADS:
            continue
        for k in range(1, min(3, len(words) - 1) + 1):
            tails.setdefault(tuple(words[-k:]), []).append(c)
    return tails


def _reference_owner(doc: Doc, span, tails: dict, owned: set[int]) -> Cluster | None:
    """The one organisation named in full before `span` whose name ends in its words, if any."""
    cands = tails.get(tuple(t.lower_ for t in span))
    if not cands or len(cands) != 1 or any(i in owned for i in range(span.start, span.end)):
        return None
    c = cands[0]
    if min(m.start for m in c.mentions) >= span.start:
        return None  # only after the organisation has been named in full
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not nxt.is_punct and nxt.lower_ not in ("'s", "’s"):
        return None  # "the university campus": a modifier, not the institution
    return c


@rule("entity.definite_reference", confidence=0.7, examples=[
    ("The Lakeland Space Administration launched a probe on Monday. A deputy head of the space "
     "administration said the launch went well.",
     {"name": "Lakeland Space Administration", "aliases": "space administration"}),
])
def definite_references(doc: Doc, clusters: list[Cluster]) -> None:
    """"deputy head of the space administration", "the university's president": after an
    organisation's full name, "the" + the last words of that name in lower case refer to it, when only
    one organisation of the document ends that way. The mention joins the organisation."""
    tails = _reference_tails(clusters)
    if not tails:
        return
    owned = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    name = definite_references.rule.name
    for tok in doc:
        if tok.lower_ != "the" or tok.i + 1 >= len(doc):
            continue
        for k in (3, 2, 1):
            span = doc[tok.i + 1:tok.i + 1 + k]
            if len(span) < k or not all(t.is_lower and t.is_alpha for t in span):
                continue
            c = _reference_owner(doc, span, tails, owned)
            if c is None:
                continue
            c.mentions.append(Mention(span.start, span.end, "ORG", "description", name))
            owned.update(range(span.start, span.end))
            break


# ---- labels the document's wording proves -------------------------------------------------------------

def looks_like_company(doc: Doc, c: Cluster) -> bool:
    """A "person" the document treats as a company: company wording around its mentions
    ("Yukos's shares", "oil firm Yukos", "Yukos said it"), never a title or "who"; a name that
    never appears with a first name needs less evidence, and so does one the model called an
    organisation elsewhere."""
    if c.extra or not c.mentions:
        return False
    if sum(person_evidence(doc, m.start, m.end) for m in c.mentions):
        return False
    forms = {clean_name(doc[m.start:m.end].text) for m in c.mentions} | {c.name}
    need = 2 if all(len(f.split()) == 1 for f in forms) else 3
    if c.label_votes.get("ORG", 0) > 0:
        need -= 1
    return sum(company_evidence(doc, m.start, m.end) for m in c.mentions) >= need


def _personal_name_words(words: list[str]) -> bool:
    """Two to four capitalised words, particles only inside ("Rodrigo de Rato", "Ludwig van Beethoven")."""
    return 2 <= len(words) <= 4 and all(NAME_WORD.match(w) or 0 < i < len(words) - 1 and w in NAME_PARTICLES
                                        for i, w in enumerate(words))


def looks_like_person(doc: Doc, c: Cluster) -> bool:
    """An "organisation" the document treats as a person: a name of two or three capitalised words
    (no company word in it), personal wording around a mention ("X, the OECD's chief economist",
    "X, who", "X said he"), and no company wording anywhere."""
    if c.extra or not c.mentions:
        return False
    words = clean_name(c.name).split()
    if not _personal_name_words(words):
        return False
    given = words[0].lower().split("-")[0] in MALE_NAMES | FEMALE_NAMES  # "Jim Press": a first name first
    if not given and any(w.lower() in ORG_DESIGNATORS or is_trade_word_text(w) for w in words):
        return False
    if sum(company_evidence(doc, m.start, m.end) for m in c.mentions):
        return False
    return any(person_evidence(doc, m.start, m.end) for m in c.mentions)


# ---- the user's alias file -----------------------------------------------------------------------------

def add_user_aliases(clusters: list[Cluster], table: AliasTable) -> None:
    """The alias file's aliases (and canonical names) are looked for like any known form."""
    for c in clusters:
        canon = table.canonical_of([c.name, *c.aliases])
        if canon:
            c.aliases.update(a for a in [canon, *table.aliases_of(canon)] if norm_key(a) != norm_key(c.name))


def rename_by_user(clusters: list[Cluster], table: AliasTable) -> None:
    """Give each entity the alias file's canonical name; entities it names alike become one."""
    by_canon: dict[str, Cluster] = {}
    for c in list(clusters):
        canon = table.canonical_of([c.name, *sorted(c.aliases)])
        if not canon:
            continue
        if norm_key(canon) != norm_key(c.name):
            c.aliases.add(c.name)
            c.name = canon
        c.aliases = {a for a in c.aliases if norm_key(a) != norm_key(canon)}
        first = by_canon.setdefault(norm_key(canon), c)
        if first is not c:
            first.mentions += c.mentions
            first.aliases |= c.aliases
            first.label_votes.update(c.label_votes)
            first.extra += c.extra
            first.rules |= c.rules
            first.forced_label = first.forced_label or c.forced_label
            clusters.remove(c)
