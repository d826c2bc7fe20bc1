"""What the resolver knows about names: the word lists it reads, the mention and cluster it builds,
and the tests on a name's text (its label, its short forms, whether it is a common word)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from cooptool.extract import lexicon
from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.wordfind import find_word
from cooptool.extract.lexicon import ORG_DESIGNATORS

NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
# Labels a short form may carry when it abbreviates an organisation (the model often calls them PERSON).
SHORT_FORM_LABELS = ("ORG", "PERSON", "PRODUCT", "FAC", "WORK_OF_ART")
# Labels the model gives people it mistakes for things ("Jean-Philippe Cotis" as ORG).
MISTAKEN_PERSON_LABELS = ("ORG", "WORK_OF_ART", "PRODUCT", "FAC")

# Titles that only ever precede a person's name, and peers' titles (part of a one-word peer's name).
PERSONAL_TITLES = lexicon.where("personal_titles", 1, "courtesy")
PEERAGE_TITLES = lexicon.where("personal_titles", 1, "peerage")
POSTNOMINALS = lexicon.words("postnominals")
PERSON_POSTS = lexicon.words("person_posts")
# Words a company name may end with after its distinctive part: legal forms, then business nouns.
LEGAL_FORMS = lexicon.where("company_words", 1, "legal")
BUSINESS_NOUNS = lexicon.where("company_words", 1, "business")
TRADE_NOUNS = lexicon.where("company_words", 1, "trade")
COMPANY_LAST_WORDS = lexicon.where("company_words", 1, "no-surname")
INSTITUTION_HEADS = lexicon.where("institution_heads", 1, "name")
REFERENCE_HEADS = lexicon.where("institution_heads", 1, "reference")
LAW_HEADS = lexicon.words("law_heads")
GENERIC_OPENERS = lexicon.words("generic_openers")
NAME_PARTICLES = lexicon.words("name_particles")

_WS = re.compile(r"\s+")
# Events: numbered meetings ("COP28", "the 12th Meeting of ..."), and names with an event word.
_EVENT_NAME = re.compile(r"^COP\s?\d+$|^\d+(st|nd|rd|th) [A-Z]|\b(Summit|Conference|Expo|Olympics|Olympic Games|World Cup)\b")
NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


def clean_name(text: str) -> str:
    if ")" in text and "(" not in text:  # "(Prime Minister Benjamin) Netanyahu": an editor's bracket inside the name
        text = text.replace(")", " ")
    return _WS.sub(" ", text).strip(" ,;:")


def norm_key(text: str) -> str:
    return clean_name(text).lower().replace("’", "'")


@dataclass
class Mention:
    start: int  # token indices
    end: int
    label: str
    source: str = "model"  # model | acronym | rescan | description
    rule: str | None = None  # the rule that found this mention, when not the model


@dataclass
class Cluster:
    name: str
    label_votes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    forced_label: str | None = None
    extra: list[list] = field(default_factory=list)  # [start, end, text] outside doc.ents (the byline)
    derived: set[str] = field(default_factory=set)  # short forms to look for ("Dell" of "Dell Technologies")
    rules: set[str] = field(default_factory=set)  # rules that made or renamed the entity
    party: str | None = None  # the party's full name when the entity is a UK party ("Conservative Party")

    def forms(self) -> set[str]:
        return {norm_key(self.name), *(norm_key(a) for a in self.aliases)}

    def rule_names(self) -> set[str]:
        return self.rules | {m.rule for m in self.mentions if m.rule}


def decide_label(c: Cluster) -> str:
    if c.forced_label:
        return c.forced_label
    by_name = label_from_name(c.name)
    if by_name:
        return by_name
    if c.label_votes:
        return c.label_votes.most_common(1)[0][0]
    return "ORG"


def canonical(c: Cluster, label: str) -> str:
    name = clean_name(c.name)
    if label == "PERSON" and name.isupper():
        name = " ".join(w.capitalize() for w in name.split())
    return name


def merge_into(target: Cluster, src: Cluster, clusters: list[Cluster], by_form: dict[str, Cluster],
               weight: float) -> None:
    target.mentions += src.mentions
    target.aliases |= {src.name, *src.aliases}
    target.aliases = {a for a in target.aliases if norm_key(a) != norm_key(target.name)}
    for lab, n in src.label_votes.items():
        target.label_votes[lab] += n * weight
    target.extra += src.extra
    target.derived |= src.derived
    target.rules |= src.rules
    target.forced_label = target.forced_label or src.forced_label
    for key, c in list(by_form.items()):
        if c is src:
            by_form[key] = target
    clusters.remove(src)


def _law_head(words: list[str]) -> bool:
    """The name's head is a document word: the word before its first "of"/"on"/"to"/"for"
    ("Statement on Enhancing ..."), else its last word ("Paris Agreement")."""
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if i and w in ("on", "of", "to", "for")), None)
    head = lowered[cut - 1] if cut else lowered[-1]
    return head in LAW_HEADS and words[0][:1].isupper()


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the name, asked ~250 times per document
def label_from_name(name: str) -> str | None:
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
    if len(words) >= 2 and (words[-1].lower() in COMPANY_LAST_WORDS or words[-1] == "Re" or words[0] == "Air"):
        return "ORG"
    return None


def is_name_word(tok) -> bool:
    """A capitalised word of a name (not all capitals: headlines in capitals are not names)."""
    t = tok.text
    return t[:1].isupper() and not (t.isupper() and len(t) > 4 and t.isalpha()) and not tok.is_space


def is_initialism(name: str) -> bool:
    letters = name.replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and " " not in name


def is_trade_word_text(word: str) -> bool:
    word = word.lower()
    return word in TRADE_NOUNS or word in BUSINESS_NOUNS or word in LEGAL_FORMS


def company_short_forms(name: str) -> list[str]:
    """Shorter names a company goes by: its name without legal form and generic business nouns.

    "Guohua Energy Investment Co." gives "Guohua Energy Investment", "Guohua Energy", "Guohua".
    Only names ending in such words qualify, and at least one word is always kept.
    """
    words = clean_name(name).replace(",", " ").split()
    out = []
    while len(words) > 1 and (words[-1].lower() in LEGAL_FORMS or words[-1].lower() in BUSINESS_NOUNS):
        words = words[:-1]
        if words[-1][:1].isupper() and words[-1].lower() not in ("of", "and", "for", "&"):
            out.append(" ".join(words))
    return out


def common_word(doc: Doc, form: str) -> bool:
    """A single word used in lower case in the document, or a generic opener, is not a short name."""
    if " " in form:
        return False
    word = form.lower()
    if word in GENERIC_OPENERS or doc.vocab[word].is_stop:
        return True
    return find_word(doc_text(doc), word) != -1


def named_alone_first(doc: Doc, words: list[str], c: Cluster) -> bool:
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
