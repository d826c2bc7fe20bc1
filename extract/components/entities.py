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

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from cooptool.extract.aliases import AliasTable, load_aliases
from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.entity_evidence import (
    DISTINCT_PARTY_FORMS,
    PARTY_NAMES,
    compact_key,
    company_evidence,
    initials,
    is_not_a_name,
    is_time_zone,
    party_of,
    person_evidence,
    personal_role_at,
    uk_party_of,
)
from cooptool.extract.lexicon import (
    COUNTRIES,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    ORG_DESIGNATORS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)
from cooptool.extract.records import entity_id

NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
# Labels a short form may carry when it abbreviates an organisation (the model often calls them PERSON).
_SHORT_FORM_LABELS = ("ORG", "PERSON", "PRODUCT", "FAC", "WORK_OF_ART")
_WS = re.compile(r"\s+")
# Events: numbered meetings ("COP28", "the 12th Meeting of ..."), and names with an event word.
_EVENT_NAME = re.compile(r"^COP\s?\d+$|^\d+(st|nd|rd|th) [A-Z]|\b(Summit|Conference|Expo|Olympics|Olympic Games|World Cup)\b")
# Names of documents and laws ("Paris Agreement", "Sunnylands Statement on ..."): the model calls them
# EVENT or ORG; the head is the last word, or the word before "on"/"of" ("Statement on Enhancing ...").
_LAW_HEADS = frozenset("agreement accord accords treaty protocol declaration statement charter act directive".split())
# The head noun that ends an institution's name: evidence of an organisation the model missed
# ("the Harbour Energy Efficiency Forum").
_INSTITUTION_HEADS = frozenset("""
forum council association committee commission institute institution foundation federation union society
agency authority bureau ministry department university college centre center chamber alliance coalition
organisation organization board academy league party corporation company group bank trust fund network
stockbrokers brokers securities partners associates advisers advisors consultants consulting economics
investments
""".split())
# Words a company name may end with after its distinctive part: "Dell Technologies" is also "Dell",
# "Guohua Energy Investment Co." is also "Guohua". Legal forms first, then generic business nouns.
_LEGAL_FORMS = frozenset("""
co co. company corp corp. corporation inc inc. incorporated ltd ltd. limited llc plc s.a. sa ag gmbh nv n.v.
bv b.v. ab spa s.p.a. holdings holding group
""".split())
_BUSINESS_NOUNS = frozenset("""
technologies technology systems industries international energy investment investments airlines airways
motors electronics pharmaceuticals entertainment communications networks software labs enterprises
capital securities financial services solutions semiconductor semiconductors
""".split())
# Last words of company names that are no one's surname.
_COMPANY_LAST_WORDS = frozenset("""
incorporated technologies industries airlines airways motors electronics pharmaceuticals pharma
entertainment communications networks software enterprises securities semiconductor semiconductors
dairy foods logistics freight telecom telecoms breweries chemicals holdings
""".split())
# Titles that only ever precede a person's name.
_PERSONAL_TITLES = frozenset("mr mrs ms miss mx dr sir dame".split())
_PEERAGE_TITLES = frozenset("lord lady baroness baron viscount earl".split())
# Letters after a person's name: honours and offices, not part of the name.
_POSTNOMINALS = frozenset("QC KC MP MEP MSP AM OBE MBE CBE KBE DBE PhD".split())
# Words that end a company's name after a capitalised word the model called a nationality or
# place ("Pelican Freight", "British Gas"): legal forms, business nouns and these trades.
_TRADE_NOUNS = frozenset("""
freight logistics shipping foods steel oil gas petroleum mining telecom telecoms insurance pharma
rail railways brewery breweries chemicals construction engineering retail stores properties estates
resources minerals power utilities electric textiles trading ventures bancorp
""".split())
# Words that name a department or function, not an organisation ("general manager of Government Affairs").
_FUNCTION_WORDS = frozenset("""
affairs relations resources operations department division unit public government corporate legal
communications marketing sales finance strategy planning human external internal investor customer
""".split())

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
    derived: set[str] = field(default_factory=set)  # short forms to look for ("Dell" of "Dell Technologies")

    def forms(self) -> set[str]:
        return {norm_key(self.name), *(norm_key(a) for a in self.aliases)}


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop leading determiners/honorifics/titles and trailing possessives and punctuation."""
    # A name never runs across a line break or a control character (page furniture blanked nearby).
    breaks = [i for i in range(start, end) if any(unicodedata.category(ch) == "Cc" for ch in doc[i].text)]
    if breaks:
        start, end = (breaks[-1] + 1, end) if breaks[-1] + 1 < end else (start, breaks[0])
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    if label == "PERSON":
        # "Analysing Mr Brown": a personal title inside the span starts the name.
        titles = [i for i in range(start + 1, end - 1) if doc[i].lower_.rstrip(".") in _PERSONAL_TITLES]
        if titles:
            start = titles[-1]
        while end - start > 1 and (doc[start].lower_.rstrip(".") in HONORIFICS
                                   or doc[start].lower_ in ROLE_HEADS or doc[start].lower_ in ROLE_MODIFIERS):
            if end - start == 2 and doc[start].lower_ in _PEERAGE_TITLES and doc[start].is_title:
                break  # "Lord Falconer", "Baroness Boothroyd": a peer's name is the title and one word
            start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    # "the Times Mr ...", "Philippe Sands QC": a title or post-nominal after a name is not part of it.
    while end - start > 1 and (doc[end - 1].lower_.rstrip(".") in _PERSONAL_TITLES
                               or label == "PERSON" and doc[end - 1].text in _POSTNOMINALS):
        end -= 1
    # "the Salford MP": a place and a post only a person holds, not an organisation.
    if label != "PERSON" and end - start > 1 and doc[end - 1].lower_ in _PERSON_POSTS:
        end -= 1
    # "US Special Presidential | Envoy for Climate": the model's name ran into a title that goes on after it.
    if label != "PERSON" and end < len(doc) and doc[end].is_title and doc[end].lower_ in ROLE_HEADS:
        while end - start > 1 and doc[end - 1].is_title and doc[end - 1].lower_ in ROLE_MODIFIERS:
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


def _window_start(doc: Doc, paren: int, max_words: int) -> int:
    """First token of the words before "(" that may hold a long form: same sentence and clause."""
    begin = paren
    sent_start = doc[paren].sent.start if doc.has_annotation("SENT_START") else 0
    words_back = 0
    while begin > sent_start and words_back < max_words:
        prev = doc[begin - 1]
        if prev.is_space and "\n" in prev.text:
            break
        if prev.text in (",", ";", ":", "(", ")", "“", "”", '"') and not (
            prev.text == "," and begin < len(doc) and doc[begin].text in ("Ltd", "Ltd.", "Inc", "Inc.", "LLC")
        ):
            break
        begin -= 1
        words_back += 1
    return begin


def _numbered_initials(short: str, cand: Span) -> int | None:
    """Start token of a long form whose word initials spell a numbered short form.

    "the 28th Conference of the Parties ... (COP28)": the letters are the initials of
    capitalised and function words in order (C-onference o-f P-arties), the number is an
    ordinal before them. Schwartz-Hearst cannot see it: the digits come first in the long form.
    """
    letters = "".join(c for c in short if c.isalpha()).lower()
    digits = "".join(c for c in short if c.isdigit())
    if not digits or len(letters) < 2:
        return None
    toks = [t for t in cand if not t.is_space and not t.is_punct]
    for i, first in enumerate(toks):
        if not (first.text[:1].isupper() and first.text[:1].lower() == letters[0]):
            continue
        k, j, gap = 1, i + 1, 0
        while k < len(letters) and j < len(toks) and gap <= 1:
            if toks[j].text[:1].lower() == letters[k]:
                k, gap = k + 1, 0
            else:
                gap += 1
            j += 1
        if k < len(letters):
            continue
        before = toks[i - 1] if i else None
        if before is not None and re.sub(r"(st|nd|rd|th)$", "", before.lower_) == digits:
            return before.i
        if any(digits in t.text for t in toks[i:]):
            return first.i
        return None
    return None


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
        begin = _window_start(doc, tok.i, min(n_chars + 5, n_chars * 2))
        if begin == tok.i:
            continue
        cand = doc[begin:tok.i]
        offset = _schwartz_hearst(short, cand.text)
        long_start = None
        if offset is not None:
            char = cand.start_char + offset
            long_start = next((t.i for t in cand if t.idx >= char), None)
        else:
            wide = doc[_window_start(doc, tok.i, 20):tok.i]
            long_start = _numbered_initials(short, wide) if len(wide) else None
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


def _is_name_word(tok) -> bool:
    """A capitalised word of a name (not all capitals: headlines in capitals are not names)."""
    t = tok.text
    return t[:1].isupper() and not (t.isupper() and len(t) > 4 and t.isalpha()) and not tok.is_space


def find_institutions(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of capitalised names ending in an institution head ("Energy Efficiency Forum").

    The model misses many of these; the head word, capitalised, is evidence enough. The name runs
    left over capitalised words (and "of"/"for"/"and"/"on" between them, and hyphens within
    "China-U.S."), and right over "of"/"for"/"on" + capitalised words ("Council for ...").
    """
    found = []
    for tok in doc:
        if tok.lower_ not in _INSTITUTION_HEADS or not _is_name_word(tok) or tok.is_upper:
            continue
        sent_start = tok.sent.start if doc.has_annotation("SENT_START") else 0
        start = tok.i
        while start > sent_start:
            prev = doc[start - 1]
            if _is_name_word(prev) and prev.lower_ not in ("the", "a", "an"):
                start -= 1
            elif prev.text in ("-", "&") and not prev.whitespace_ and start - 2 >= sent_start \
                    and _is_name_word(doc[start - 2]):
                start -= 2
            elif prev.lower_ in ("of", "for", "and", "on", "&") and start - 2 >= sent_start \
                    and _is_name_word(doc[start - 2]) and doc[start - 2].lower_ not in ("the",) \
                    and doc[start - 2].ent_type_ != "PERSON":  # "Nick Bubb of Evolution Securities"
                start -= 2
            else:
                break
        end = tok.i + 1
        while end + 1 < len(doc) and doc[end].lower_ in ("of", "for", "on") and _is_name_word(doc[end + 1]) \
                and doc[end + 1].lower_ != "the":
            end += 2
            while end < len(doc) and _is_name_word(doc[end]):
                end += 1
        names = [t for t in doc[start:end] if t.is_alpha and t.text[:1].isupper()]
        if len(names) >= 2 and (not found or found[-1][1] <= start):
            found.append((start, end))
    return found


_EMPLOYER_PREPS = ("at", "with")
_CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december christmas easter""".split())


def find_appositive_people(doc: Doc) -> list[tuple[int, int]]:
    """"Zhao Lei, general manager of Sino Wind Power, said": two or three capitalised words the model
    left untagged, opening a clause and followed by a role only a person holds, are a person's name."""
    found = []
    for tok in doc:
        if tok.text != "," or not personal_role_at(doc, tok.i + 1):
            continue
        start = tok.i
        while start > 0 and tok.i - start < 4 and (
                _NAME_WORD.match(doc[start - 1].text) and not doc[start - 1].ent_type_ and not doc[start - 1].is_stop
                # "Sjors ten Tije": a particle between name words (the model may call "ten" a number)
                or doc[start - 1].lower_ in _NAME_PARTICLES and start - 2 >= 0 and start < tok.i
                and _NAME_WORD.match(doc[start - 2].text) and doc[start - 1].text.islower()):
            start -= 1
        # "Zhao" tagged, "Lei" not: the model's piece and the rest are one name.
        while start > 0 and tok.i - start < 3 and doc[start - 1].ent_type_ == "PERSON" and start < tok.i \
                and _NAME_WORD.match(doc[start - 1].text):
            start -= 1
        if tok.i - start < 2 or all(t.ent_type_ == "PERSON" for t in doc[start:tok.i]):
            continue
        before = doc[start - 1] if start > 0 else None
        if before is None or before.is_punct or before.is_space or before.is_sent_end or before.lower_ in (
                "said", "says", "and", "by"):
            found.append((start, tok.i))
    return found


def find_role_employers(doc: Doc) -> list[tuple[int, int]]:
    """"an analyst at Petercam", "economist with Natexis": a capitalised name right after a job title
    and "at"/"with" is the employer, when the model tagged nothing there."""
    found = []
    for tok in doc:
        if tok.lower_ not in _EMPLOYER_PREPS or tok.i == 0 or doc[tok.i - 1].lower_ not in ROLE_HEADS:
            continue
        start = end = tok.i + 1
        if end < len(doc) and doc[end].lower_ == "the":
            start = end = end + 1
        while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper() and not doc[end].ent_type_ \
                and doc[end].lower_ not in _CALENDAR_WORDS and end - start < 4:
            end += 1
        if end > start and (end == len(doc) or not doc[end].is_alpha or doc[end].is_lower):
            found.append((start, end))
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
            # "Prince Abdulaziz" + "bin Salman": a name cut before its particle.
            if pl == "PERSON" and ent.label_ == "PERSON" and ent.start == pe and doc[pe].lower_ in _NAME_PARTICLES:
                out[-1] = (ps, ent.end, "PERSON")
                continue
        out.append((ent.start, ent.end, ent.label_))
    return out


def _law_head(words: list[str]) -> bool:
    """The name's head is a document word: the word before its first "of"/"on"/"to"/"for"
    ("Statement on Enhancing ..."), else its last word ("Paris Agreement")."""
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if i and w in ("on", "of", "to", "for")), None)
    head = lowered[cut - 1] if cut else lowered[-1]
    return head in _LAW_HEADS and words[0][:1].isupper()


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the name, asked ~250 times per document
def _label_from_name(name: str) -> str | None:
    words = name.replace(",", " ").split()
    if not words:
        return None
    if _EVENT_NAME.search(name):
        return "EVENT"
    if len(words) >= 2 and _law_head(words):
        return "LAW"
    if words[-1].lower() in ORG_DESIGNATORS or any(w.lower() in ("co.", "ltd.", "inc.", "corporation", "plc") for w in words):
        return "ORG"
    # "Mengniu Dairy", "Munich Re", "Air Deccan": words no personal name ends or starts with.
    if len(words) >= 2 and (words[-1].lower() in _COMPANY_LAST_WORDS or words[-1] == "Re" or words[0] == "Air"):
        return "ORG"
    return None


def _add_missed_names(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's mentions plus names it missed: people before a personal role, UK parties, employers
    after "an analyst at", institutions. A found name replaces the model's pieces inside it ("China"
    in "China-U.S. Energy Efficiency Forum") but never cuts a longer one."""
    out = list(raw)
    text = doc_text(doc)
    parties = [(span.start, span.end) for m in DISTINCT_PARTY_FORMS.finditer(text)
               if (span := doc.char_span(m.start(), m.end())) is not None]
    for s, e in find_appositive_people(doc):
        if not any(m[0] < e and s < m[1] and (m[2] != "PERSON" or m[0] < s or m[1] > e) for m in out):
            out = [m for m in out if not (m[0] < e and s < m[1])] + [(s, e, "PERSON")]
    # "at COP27": a numbered meeting the model left untagged (or called a place) is an event.
    for tok in doc:
        if _NUMBERED_MEETING.match(tok.text) and not any(m[0] <= tok.i < m[1] and m[2] == "EVENT" for m in out):
            out = [m for m in out if not (m[0] <= tok.i < m[1])] + [(tok.i, tok.i + 1, "EVENT")]
    for s, e in parties + find_role_employers(doc) + find_institutions(doc):
        s, e = _trim(doc, s, e, "ORG")
        if e - s < 2 and (s, e) not in parties and (s == 0 or doc[s - 1].lower_ not in _EMPLOYER_PREPS):
            continue
        inside = [m for m in out if m[0] < e and s < m[1]]
        if any(m[0] < s or m[1] > e or (m[0], m[1]) == (s, e) for m in inside):
            continue
        out = [m for m in out if m not in inside] + [(s, e, "ORG")]
    return sorted(out)


_PERSON_POSTS = frozenset("mp mps mep meps msp msps mla mlas spokesman spokeswoman spokesperson".split())
_NUMBERED_MEETING = re.compile(r"^COP\d{1,2}$")
_PRODUCT_NOUNS = frozenset("""technology system platform software server solution device chip phone app
product service engine model""".split())
_REGION_WORDS = frozenset("""greater china asia pacific asia-pacific europe european north south east west
latin america americas middle africa apac emea nordic central""".split())


# Heads of institution names a story goes on to use in lower case ("the space administration").
_REFERENCE_HEADS = frozenset("""university administration airport ministry commission agency institute academy
council committee association federation foundation corporation authority observatory centre center school
bureau department exchange court parliament assembly alliance organization organisation laboratory
museum hospital college""".split())


def _definite_references(doc: Doc, clusters: list, decide_label) -> None:
    """"deputy head of the space administration", "the university's president": after an
    organisation's full name, "the" + the last words of that name in lower case refer to it, when only
    one organisation of the document ends that way. The mention joins the organisation."""
    tails: dict[tuple[str, ...], list] = {}
    for c in clusters:
        if decide_label(c) != "ORG" or not c.mentions:
            continue
        words = clean_name(c.name).lower().split()
        if len(words) >= 3 and words[0] in _REFERENCE_HEADS and words[1] in ("of", "for"):
            tails.setdefault((words[0],), []).append(c)  # "University of ...": "the university"
        if len(words) < 2 or words[-1] not in _REFERENCE_HEADS:
            continue
        for k in range(1, min(3, len(words) - 1) + 1):
            tails.setdefault(tuple(words[-k:]), []).append(c)
    if not tails:
        return
    owned = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    for tok in doc:
        if tok.lower_ != "the" or tok.i + 1 >= len(doc):
            continue
        for k in (3, 2, 1):
            span = doc[tok.i + 1:tok.i + 1 + k]
            if len(span) < k or not all(t.is_lower and t.is_alpha for t in span):
                continue
            cands = tails.get(tuple(t.lower_ for t in span))
            if not cands or len(cands) != 1 or any(i in owned for i in range(span.start, span.end)):
                continue
            c = cands[0]
            if min(m.start for m in c.mentions) >= span.start:
                continue  # only after the organisation has been named in full
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not nxt.is_punct and nxt.lower_ not in ("'s", "’s"):
                continue  # "the university campus": a modifier, not the institution
            c.mentions.append(Mention(span.start, span.end, "ORG", "description"))
            owned.update(range(span.start, span.end))
            break


def _cut_region_prefixes(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"general manager for Greater China Dell Technologies": the model may join a sales region to the
    company. When the rest of the span is an organisation the text names on its own, the region is cut."""
    named = {doc[s:e].text.lower() for s, e, lab in raw if lab == "ORG"}
    first_words: dict[str, set[str]] = {}
    for s, e, lab in raw:
        if lab == "ORG" and e - s >= 2:
            first_words.setdefault(doc[s].lower_, set()).add(doc[s:e].text.lower())
    out = []
    for s, e, lab in raw:
        if lab == "ORG" and e - s == 2 and first_words.get(doc[s].lower_, set()) - {doc[s:e].text.lower()}:
            # "the Dell Edge smart cooling technology": the company's name before its product's.
            after = [t for t in doc[e:e + 3] if t.is_lower]
            if after and any(t.lemma_ in _PRODUCT_NOUNS for t in after):
                out.append((s, s + 1, lab))
                continue
        if lab == "ORG" and e - s >= 3:
            for k in range(s + 1, min(e - 1, s + 3) + 1):
                prefix = [t.lower_ for t in doc[s:k]]
                rest = doc[k:e].text.lower()
                if all(w in _REGION_WORDS or w in COUNTRIES for w in prefix) and rest in named:
                    s = k
                    break
        out.append((s, e, lab))
    return out


def _is_function_name(span: Span) -> bool:
    """ "Government Affairs", "Corporate Communications": a department or function, not an organisation."""
    if any(t.is_upper and len(t) > 1 for t in span):
        return False  # "US Special Presidential" (before its title is trimmed off): a country, not a function
    words = [t.lower_ for t in span if t.is_alpha]
    return bool(words) and all(w in _FUNCTION_WORDS or w in ROLE_MODIFIERS or w in ("of", "and") for w in words)


def company_short_forms(name: str) -> list[str]:
    """Shorter names a company goes by: its name without legal form and generic business nouns.

    "Guohua Energy Investment Co." gives "Guohua Energy Investment", "Guohua Energy", "Guohua".
    Only names ending in such words qualify, and at least one word is always kept.
    """
    words = clean_name(name).replace(",", " ").split()
    out = []
    while len(words) > 1 and (words[-1].lower() in _LEGAL_FORMS or words[-1].lower() in _BUSINESS_NOUNS):
        words = words[:-1]
        if words[-1][:1].isupper() and words[-1].lower() not in ("of", "and", "for", "&"):
            out.append(" ".join(words))
    return out


# Capitalised words that open many names but alone are not one ("General Motors" is not "General").
_GENERIC_OPENERS = frozenset("""
general national international united global first new royal standard universal central western eastern
northern southern great grand green digital american british european asian african chinese japanese
indian french german russian world state public private people peoples city county federal
""".split())


def _common_word(doc: Doc, form: str) -> bool:
    """A single word used in lower case in the document, or a generic opener, is not a short name."""
    if " " in form:
        return False
    word = form.lower()
    if word in _GENERIC_OPENERS or doc.vocab[word].is_stop:
        return True
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", doc_text(doc)) is not None


class EntityResolver:
    def __init__(self, nlp: Language, name: str, min_alias_chars: int = 2, aliases: str | None = None):
        self.name = name
        self.min_alias_chars = min_alias_chars
        self.user_aliases: AliasTable | None = load_aliases(aliases) if aliases else None

    def set_aliases(self, table: AliasTable | None) -> None:
        """Use a user alias table (alias → canonical name): it renames and merges entities."""
        self.user_aliases = table

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[Cluster] = []
        by_form: dict[str, Cluster] = {}

        def add_cluster(name: str) -> Cluster:
            c = Cluster(name=name)
            clusters.append(c)
            by_form[norm_key(name)] = c
            return c

        # The model's other spans (dates, money, counts) stay in doc.ents where no name covers them.
        model_other = [e for e in doc.ents if e.label_ not in NAMED_LABELS]
        # 1. Acronym definitions are the strongest evidence of an organisation and its alias.
        taken: list[Mention] = []
        terms: set[str] = set()  # short forms of common nouns ("consumer price index (CPI)"): not names
        for ls, le, ss, se in find_acronyms(doc):
            long_name = clean_name(doc[ls:le].text)
            short_name = clean_name(doc[ss:se].text)
            if not any(t.text[:1].isupper() for t in doc[ls:le] if t.is_alpha):
                # A lower-case long form is a term, not a name; "under the existing (UN) ..." is neither.
                if doc[le - 1].pos_ in ("NOUN", "PROPN", ""):
                    terms.add(norm_key(short_name))
                continue
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
        raw = _extend_company_names(doc, raw)
        raw = _add_missed_names(doc, raw)
        raw = _add_sunday_papers(doc, raw)
        raw = _cut_region_prefixes(doc, raw)
        raw = [(s, e, lab) for s, e, lab in raw if not (lab == "ORG" and _is_function_name(doc[s:e]))]
        trimmed = []
        titled: set[tuple[int, int]] = set()
        for s, e, lab in _split_parties(doc, raw):
            while s < e - 1 and (doc[s].is_punct or doc[s].is_space):
                s += 1  # the model's span may open on a quote mark ('" Mr Bussereau')
            # "Mr Ebbers", "Ms Ruiz": a personal title before a name makes it a person, whatever the model says.
            has_title = (e - s > 1 and doc[s].lower_.rstrip(".") in _PERSONAL_TITLES
                         or s and doc[s - 1].lower_.rstrip(".") in _PERSONAL_TITLES)
            if has_title:
                lab = "PERSON"
            if lab == "PERSON" and e - s == 1 and s > 0 and doc[s - 1].lower_ in _PEERAGE_TITLES and doc[s - 1].is_title:
                s -= 1  # "Lord Falconer": the peer's title is part of the name the model cut off
            s2, e2 = _trim(doc, s, e, lab)
            if lab == "ORG" and (s2, e2) != (s, e) and doc[s2:e2].text.lower() in COUNTRIES:
                lab = "GPE"  # what is left of "US Special Presidential" once its title is cut off
            if s2 < e2 and any(ch.isalpha() for ch in doc[s2:e2].text) and not overlaps(s2, e2):
                text = clean_name(doc[s2:e2].text)
                if is_not_a_name(text) or norm_key(text) in terms:
                    if is_time_zone(text):  # "1130 GMT": a time, so that nothing counts "GMT"s
                        model_other.append(Span(doc, s2, e2, label="TIME"))
                    continue
                trimmed.append((s2, e2, lab))
                if has_title:
                    titled.add((s2, e2))
        # Longest first, so that a short form meets the long form it abbreviates.
        trimmed.sort(key=lambda m: (-(doc[m[1] - 1].idx + len(doc[m[1] - 1]) - doc[m[0]].idx), m[0]))
        for s, e, lab in trimmed:
            text = clean_name(doc[s:e].text)
            key = norm_key(text)
            party = uk_party_of(text, doc.text)
            if party:
                # "Tories", "Lib Dems": the party, under its full name, with every everyday form to look for.
                c = by_form.get(norm_key(party)) or add_cluster(party)
                c.forced_label = "ORG"
                c.derived |= {f for f in PARTY_NAMES[party] if norm_key(f) not in by_form or by_form[norm_key(f)] is c}
                by_form.setdefault(key, c)
                if key != norm_key(party):
                    c.aliases.add(text)
                c.mentions.append(Mention(s, e, "ORG"))
                taken.append(c.mentions[-1])
                continue
            c = by_form.get(key) or self._abbreviates(doc, key, s, clusters, lab, (s, e) in titled)
            if c is None:
                c = add_cluster(text)
                c.label_votes[lab] += e - s
            else:
                # A short form votes weakly: the model often mislabels them ("JA Solar" as PERSON).
                c.label_votes[lab] += (e - s) if norm_key(c.name) == key else 0.5
                if norm_key(c.name) != key:
                    c.aliases.add(text)
                    by_form.setdefault(key, c)
            if (s, e) in titled:
                c.label_votes["PERSON"] += 3  # a title is stronger evidence than the model's label
            c.mentions.append(Mention(s, e, lab))
            taken.append(c.mentions[-1])

        # Spelling variants ("TimeWarner", "Time Warner") and initials ("BA" of "British Airways").
        _merge_variants(clusters, by_form)

        # The user's alias file: its aliases (and canonical names) are looked for like any known form.
        table = self.user_aliases
        if table:
            for c in clusters:
                canon = table.canonical_of([c.name, *c.aliases])
                if canon:
                    c.aliases.update(a for a in [canon, *table.aliases_of(canon)] if norm_key(a) != norm_key(c.name))

        # 3. Short forms of company names ("Dell" of "Dell Technologies"), when nothing else owns them.
        for c in clusters:
            if self._decide_label(c) == "ORG" and not c.derived:
                c.derived = {h for h in company_short_forms(c.name)
                             if norm_key(h) not in by_form and not _common_word(doc, h)
                             and not _named_alone_first(doc, norm_key(h).split(), c)}
        _derive_initials(doc, clusters, by_form)

        # 4. Rescan: every further occurrence of a known name or alias is a mention too.
        self._rescan(doc, clusters, taken)
        _definite_references(doc, clusters, self._decide_label)

        # 4b. The document's wording overrides the model's "person" for companies ("Yukos's shares").
        for c in clusters:
            if not c.forced_label and self._decide_label(c) == "PERSON" and _looks_like_company(doc, c):
                c.forced_label = "ORG"
            elif not c.forced_label and self._decide_label(c) in _MISTAKEN_PERSON_LABELS and _looks_like_person(doc, c):
                c.forced_label = "PERSON"  # "Jean-Philippe Cotis, the OECD's chief economist" (model: ORG)

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

        if table:
            self._rename_by_user(clusters, table)

        # 5. One label and one canonical name per entity.
        text = doc_text(doc)
        result = []
        by_id: dict[str, dict] = {}
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
            same = by_id.get(eid)
            if same is not None:
                # Names differing only in punctuation ("Jean-Pierre" / "Jean Pierre") share an id:
                # they are one entity.
                same["mentions"] = sorted({tuple(m) for m in same["mentions"]} | {tuple(m) for m in spans_out})
                same["mentions"] = [list(m) for m in same["mentions"]]
                extra = {a for a in aliases + [name] if norm_key(a) != norm_key(same["name"])}
                same["aliases"] = sorted(set(same["aliases"]) | extra, key=str.lower)
            else:
                by_id[eid] = {"id": eid, "name": name, "label": label, "aliases": aliases, "mentions": spans_out}
                result.append(by_id[eid])
            for _, _, ts, te in mentions:
                spans.append(Span(doc, ts, te, label=label, kb_id=eid))
        named = _non_overlapping(spans)
        covered = {i for span in named for i in range(span.start, span.end)}
        others = [e for e in model_other if not any(i in covered for i in range(e.start, e.end))]
        doc.ents = _non_overlapping(named + others)
        doc._.entities = result
        return doc

    @staticmethod
    def _rename_by_user(clusters: list[Cluster], table: AliasTable) -> None:
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
                first.forced_label = first.forced_label or c.forced_label
                clusters.remove(c)

    @staticmethod
    def _abbreviates(doc: Doc, key: str, at: int, clusters: list[Cluster], label: str,
                     titled: bool = False) -> Cluster | None:
        """The entity a short form stands for: nearest preceding, else first following."""
        words = key.split()
        candidates = []
        for c in clusters:
            if not c.mentions:
                continue
            is_person = EntityResolver._decide_label(c) == "PERSON"
            for form in c.forms():
                fw = form.replace(",", " ").split()
                if is_person and len(words) == 1 and words[0] in fw:
                    candidates.append(c)
                    break
                # "Mr Baez Silva" of "Carlos Baez Silva": a surname of two words.
                if is_person and (label == "PERSON" or titled) and 2 <= len(words) < len(fw) \
                        and fw[-len(words):] == words:
                    candidates.append(c)
                    break
                # "Mr Ebbers" after a "Bernie Ebbers" the model called an organisation: the title
                # says the surname is a person's, and the full name it ends is that person.
                if titled and len(words) == 1 and 2 <= len(fw) <= 4 and fw[-1] == words[0] \
                        and not c.forced_label and _label_from_name(c.name) is None:
                    candidates.append(c)
                    break
                if not is_person and label in _SHORT_FORM_LABELS and len(fw) > len(words) and fw[:len(words)] == words \
                        and not _named_alone_first(doc, words, c):
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
            names = {c.name, *c.aliases, *c.derived}
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
        for match in pattern.finditer(doc_text(doc)):
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


def _is_trade_word(tok) -> bool:
    return _is_trade_word_text(tok.text)


def _extend_company_names(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Pelican Freight", "British Gas": a nationality or place the model found, followed by
    capitalised words it left out that end in a trade or business noun, is a company's name."""
    covered = {i for s, e, _ in raw for i in range(s, e)}
    out = []
    for s, e, lab in raw:
        if lab in ("NORP", "GPE", "LOC"):
            j = e
            while j < len(doc) and j - e < 3 and j not in covered and doc[j].is_alpha and _is_name_word(doc[j]):
                j += 1
            ends_name = j >= len(doc) or not (doc[j].is_alpha and _is_name_word(doc[j]))
            if j > e and ends_name and _is_trade_word(doc[j - 1]):
                out.append((s, j, "ORG"))
                continue
        out.append((s, e, lab))
    return out


# Mastheads of weekly papers: the model reads the "Sunday" of "Sunday Telegraph" as a date.
_SUNDAY_MASTHEADS = frozenset("""Times Telegraph Mirror Express Herald Post Mail Independent People Tribune Sport
Business Star Observer Mercury""".split())


def _add_sunday_papers(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Sunday Telegraph journalist X", "the Mail on Sunday": the paper is an organisation. Model
    spans inside it ("Sunday" as a date is not in `raw`; "Telegraph" alone is) give way to it."""
    if "Sunday" not in doc_text(doc):
        return raw  # no token is "Sunday": nothing to find (spares a doc[i] walk over every token)
    papers = []
    for i in range(len(doc) - 1):
        if doc[i].text == "Sunday" and doc[i + 1].text in _SUNDAY_MASTHEADS:
            papers.append((i, i + 2))
        elif (i + 2 < len(doc) and doc[i].text in _SUNDAY_MASTHEADS and doc[i + 1].text == "on"
              and doc[i + 2].text == "Sunday"):
            papers.append((i, i + 3))
    if not papers:
        return raw
    out = [(s, e, lab) for s, e, lab in raw if not any(s < pe and ps < e for ps, pe in papers)]
    for ps, pe in papers:
        for s, e, lab in raw:
            if s < pe and ps < e and e > pe and lab == "PERSON" and doc[pe].is_title:
                out.append((pe, e, lab))  # "Sunday Times Robert Hale" read as one person
    return sorted(out + [(ps, pe, "ORG") for ps, pe in papers])


def _split_parties(doc: Doc, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Labour MPs" is the party; "Tory Edward Turnour" is the party and a person; so is
    "EADS Philippe Camus" an organisation and a person when the model calls "EADS" an ORG elsewhere."""
    model_orgs = {norm_key(doc[s:e].text) for s, e, lab in raw if lab == "ORG"}
    out = []
    for s, e, lab in raw:
        if lab == "PERSON" and e - s >= 3 and _is_initialism(doc[s].text) and norm_key(doc[s].text) in model_orgs \
                and all(t.is_title for t in doc[s + 1:e] if t.is_alpha):
            out += [(s, s + 1, "ORG"), (s + 1, e, "PERSON")]
            continue
        if e - s < 2 or party_of(doc[s:e].text) or lab not in ("PERSON", "NORP", "ORG"):
            out.append((s, e, lab))
            continue
        k = next((k for k in (2, 1) if s + k < e and party_of(doc[s:s + k].text)), 0)
        if not k:
            out.append((s, e, lab))
            continue
        rest = s + k
        while rest < e and (doc[rest].lower_ in ROLE_HEADS or doc[rest].lower_.rstrip("s") in ROLE_HEADS
                            or doc[rest].lower_ in ROLE_MODIFIERS):
            rest += 1
        if rest < e and lab == "ORG":
            out.append((s, e, lab))  # "UKIP Scotland": a branch of the party, its own name
            continue
        out.append((s, s + k, "ORG"))
        if rest < e and lab == "PERSON" and doc[rest].text[:1].isupper():
            out.append((rest, e, "PERSON"))
    return out


def _merge_into(target: Cluster, src: Cluster, clusters: list[Cluster], by_form: dict[str, Cluster],
                weight: float) -> None:
    target.mentions += src.mentions
    target.aliases |= {src.name, *src.aliases}
    target.aliases = {a for a in target.aliases if norm_key(a) != norm_key(target.name)}
    for lab, n in src.label_votes.items():
        target.label_votes[lab] += n * weight
    target.extra += src.extra
    target.derived |= src.derived
    target.forced_label = target.forced_label or src.forced_label
    for key, c in list(by_form.items()):
        if c is src:
            by_form[key] = target
    clusters.remove(src)


def _org_initials(c: Cluster) -> set[str]:
    """Initials of an organisation's names, with and without its legal form ("BA" of "British Airways plc")."""
    names = {c.name, *c.aliases}
    names |= {short for n in list(names) for short in company_short_forms(n)}
    names |= {" ".join(w for w in n.split() if w.lower() not in _LEGAL_FORMS) for n in list(names)}
    return {ini for ini in map(initials, names) if ini}


def _is_initialism(name: str) -> bool:
    letters = name.replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and " " not in name


def _merge_variants(clusters: list[Cluster], by_form: dict[str, Cluster]) -> None:
    """One entity for spelling variants of one name ("TimeWarner" and "Time Warner"), and for an
    organisation's initials when exactly one organisation of the document has them ("GM")."""
    seen: dict[str, Cluster] = {}
    for c in list(clusters):
        key = compact_key(c.name)
        first = seen.get(key)
        if first is None:
            seen[key] = c
        elif not c.forced_label or not first.forced_label:
            keep, drop = (first, c) if len(first.mentions) >= len(c.mentions) else (c, first)
            _merge_into(keep, drop, clusters, by_form, 1.0)
            seen[key] = keep
    orgs = [c for c in clusters if EntityResolver._decide_label(c) == "ORG" and not _is_initialism(c.name)]
    by_initials: dict[str, list[Cluster]] = {}
    for c in orgs:
        for ini in _org_initials(c):
            by_initials.setdefault(ini, []).append(c)
    for c in list(clusters):
        if c.forced_label or not _is_initialism(c.name) or c.aliases:
            continue
        owners = by_initials.get(c.name.replace("&", ""), [])
        if len(owners) == 1 and owners[0] is not c and owners[0] in clusters:
            _merge_into(owners[0], c, clusters, by_form, 0.5)


def _derive_initials(doc: Doc, clusters: list[Cluster], by_form: dict[str, Cluster]) -> None:
    """An organisation's initials written in the document are its mentions ("BA" after
    "British Airways"), when no other entity owns them and they are not a word."""
    counts: dict[str, list[Cluster]] = {}
    for c in clusters:
        if EntityResolver._decide_label(c) == "ORG":
            for ini in _org_initials(c):
                counts.setdefault(ini, []).append(c)
    for ini, owners in counts.items():
        if len(owners) != 1 or norm_key(ini) in by_form or _common_word(doc, ini):
            continue
        if re.search(r"(?<![\w-])" + re.escape(ini) + r"(?![\w-])", doc_text(doc)):
            owners[0].derived.add(ini)


def _looks_like_company(doc: Doc, c: Cluster) -> bool:
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


_MISTAKEN_PERSON_LABELS = ("ORG", "WORK_OF_ART", "PRODUCT", "FAC")
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
_NAME_PARTICLES = frozenset("de da di del der van von la le du bin al dos das ten ter den".split())


def _looks_like_person(doc: Doc, c: Cluster) -> bool:
    """An "organisation" the document treats as a person: a name of two or three capitalised words
    (no company word in it), personal wording around a mention ("X, the OECD's chief economist",
    "X, who", "X said he"), and no company wording anywhere."""
    if c.extra or not c.mentions:
        return False
    words = clean_name(c.name).split()
    # "Rodrigo de Rato", "Ludwig van Beethoven": particles inside a personal name.
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) or 0 < i < len(words) - 1 and w in _NAME_PARTICLES
                                           for i, w in enumerate(words)):
        return False
    given = words[0].lower().split("-")[0] in MALE_NAMES | FEMALE_NAMES  # "Jim Press": a first name first
    if not given and any(w.lower() in ORG_DESIGNATORS or _is_trade_word_text(w) for w in words):
        return False
    if sum(company_evidence(doc, m.start, m.end) for m in c.mentions):
        return False
    return any(person_evidence(doc, m.start, m.end) for m in c.mentions)


def _is_trade_word_text(word: str) -> bool:
    word = word.lower()
    return word in _TRADE_NOUNS or word in _BUSINESS_NOUNS or word in _LEGAL_FORMS


def _named_alone_first(doc: Doc, words: list[str], c: Cluster) -> bool:
    """"Barclays ... Barclays Capital": the short name stands alone before the long one is first
    named, so it is another organisation (the parent), not a short form. News names a company in
    full first ("Dell Technologies ... Dell")."""
    first_long = min((m.start for m in c.mentions), default=None)
    if first_long is None:
        return False
    n = len(words)
    for i in range(0, first_long - n + 1):
        if [t.lower_ for t in doc[i:i + n]] == words and (i + n >= len(doc) or not doc[i + n].is_title):
            return True
    return False


def _non_overlapping(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out, last_end = [], -1
    for s in spans:
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
    return out


@Language.factory("cooptool_entities", default_config={"min_alias_chars": 2, "aliases": None}, requires=["doc.ents"], assigns=["doc.ents", "doc._.entities"])
def make_entity_resolver(nlp: Language, name: str, min_alias_chars: int, aliases: str | None) -> EntityResolver:
    """`aliases`: optional path of a user alias file (JSON or CSV, alias → canonical name)."""
    return EntityResolver(nlp, name, min_alias_chars, aliases)


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
