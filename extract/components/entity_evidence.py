"""Document-level evidence the entity resolver uses to correct the model's labels.

The statistical NER labels each mention on its own; a document says much more about a name
taken as a whole. "Yukos's shares", "oil firm Yukos", "Yukos said it would sell" make Yukos an
organisation however often the model calls it a person; "Mr Yukos" or "Yukos, who" would not.
Also here: short words the model calls organisations that never are (time zones, economic
measures, currencies), initials of organisation names, and the small lexicon of UK party names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from cooptool.extract import lexicon
from cooptool.extract.lexicon import ROLE_HEADS


def _parties() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for form, party in lexicon.mapping("parties").items():
        out.setdefault(party, []).append(form)
    return {party: tuple(forms) for party, forms in out.items()}


# UK parties under their everyday names (canonical name -> forms). Kept deliberately small: these
# forms are common in British news and the model calls them NORP ("Tory", "Tories") or PERSON ("Lib Dems").
PARTY_NAMES: dict[str, tuple[str, ...]] = _parties()
# Forms distinctive enough to find in the text when the model misses them ("Simon Thomas, of Plaid
# Cymru,"): never a common word.
DISTINCT_PARTY_FORMS = re.compile(r"\b(Plaid Cymru|Scottish National Party|SNP|UK Independence Party|UKIP|Ukip|"
                                  r"Democratic Unionist Party|DUP|Sinn F[eé]in|Liberal Democrats?|Lib ?Dems?)\b")
PARTY_OF_FORM: dict[str, str] = {form.lower(): canon for canon, forms in PARTY_NAMES.items() for form in forms}

# Never the name of an entity: time zones, economic measures and taxes, currencies and units.
TIME_ZONES = lexicon.where("not_names", 1, "time-zone")
NOT_NAMES = lexicon.words("not_names")
_NUMBER_NAME = re.compile(r"^[\d.,]+\s?(bn|m|k|tn|p|billion|million|trillion)?$", re.I)
# "non-BRICS members", "anti-EU campaign": a name hyphened to one of these prefixes is an adjective
_STANCE_WORD = re.compile(r"^(?:" + "|".join(sorted(lexicon.words("stance_prefixes"))) + r")-\w", re.I)

# Nouns that name a kind of company: "oil firm Yukos", "Yukos, the firm", "the Yukos group".
COMPANY_NOUNS = lexicon.where("org_nouns", 1, "company")
# A company's things: "Yukos's shares", "Yukos shares", "Pfizer chief executive".
COMPANY_POSSESSIONS = lexicon.words("company_possessions")
# Before "in"/"for"/"of" + name: "shares in Yukos", "a bid for Pfizer", "a takeover of Jarvis".
_OWNERSHIP_BEFORE = lexicon.words("ownership_nouns")
# Verbs a company is the subject of, followed by "it"/"its": "Yukos said it would sell".
_REPORT_VERBS = lexicon.words("report_verb_forms")
# Courtesy titles: "Mr Yukos" is a person.
_PERSONAL_TITLES = lexicon.where("personal_titles", 1, "person-evidence")


def is_not_a_name(text: str) -> bool:
    """Time zones, economic measures, currencies, units and bare numbers are not entities."""
    key = " ".join(text.lower().split())
    # one hyphened word only: "the Anti-Terrorism Bill" and "pro-Clinton Priorities USA Action" hold a name
    return key in NOT_NAMES or bool(_NUMBER_NAME.match(key)) or " " not in key and bool(_STANCE_WORD.match(key))


def is_time_zone(text: str) -> bool:
    return text.lower().strip() in TIME_ZONES


def party_of(text: str) -> str | None:
    """The canonical party a form names ("Tories" → "Conservative Party"), else None."""
    return PARTY_OF_FORM.get(" ".join(text.lower().replace("’", "'").split()))


# Party words other countries use too ("Iran's Conservatives"): the UK
# party only in a story that reads as British or names no other country.
_AMBIGUOUS_PARTY_FORMS = frozenset({"conservative", "conservatives"})
_BRITISH = re.compile(r"\b(?:UK|Britain|British|England|English|Scotland|Scottish|Wales|Welsh|Westminster|"
                      r"Downing Street|Whitehall|Commons|Tory|Tories|Labour|Lib Dems?|Liberal Democrats?|MPs|NHS|London)\b")


def uk_party_of(text: str, doc_text: str) -> str | None:
    """`party_of`, except that an everyday party word ("Conservatives") in a story about another
    country's politics (a country named, nothing British) is not the UK party."""
    party = party_of(text)
    if party and " ".join(text.lower().split()) in _AMBIGUOUS_PARTY_FORMS and not _BRITISH.search(doc_text):
        from cooptool.extract.aliases import countries_named

        if countries_named([doc_text]) - {"UK"}:
            return None
    return party


def _word(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _next_word(doc: Doc, i: int) -> int:
    """Index of the next non-space token at or after i (len(doc) at the end)."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def company_evidence(doc: Doc, start: int, end: int) -> int:
    """Hits of company wording around one mention (0 to 2): a company noun before or in
    apposition, a company's possession after, ownership words before, "X said it", "X, which"."""
    before, after = _word(doc, start - 1), _next_word(doc, end)
    nxt = _word(doc, after)
    hits = sum((
        # "oil firm Yukos", "the Yukos group": a company noun right before or after (no possessive between).
        before in COMPANY_NOUNS or nxt in COMPANY_NOUNS,
        _possession_after(doc, after, nxt),
        _owned_or_employing(doc, start, before),
        nxt == "," and _which_or_the_firm(doc, after),
        _said_it(doc, start, end, after, nxt),
    ))
    return min(hits, 2)


def _possession_after(doc: Doc, after: int, nxt: str) -> bool:
    """"Yukos's shares", "Yukos shares", "Pfizer chief executive"."""
    poss = after + 1 if nxt in ("'s", "’s", "'", "’") else after
    return _word(doc, poss) in COMPANY_POSSESSIONS or (_word(doc, poss) == "chief" and _word(doc, poss + 1) == "executive")


def _owned_or_employing(doc: Doc, start: int, before: str) -> bool:
    """"shares in Yukos", "a bid for Jarvis", "chief executive of Pfizer"."""
    return before in ("in", "for", "of", "at") and (_word(doc, start - 2) in _OWNERSHIP_BEFORE
                                                   or before in ("of", "at") and _word(doc, start - 2) in ROLE_HEADS)


def _which_or_the_firm(doc: Doc, comma: int) -> bool:
    """"Yukos, the firm" / "Yukos, which"."""
    k = _next_word(doc, comma + 1)
    return _word(doc, k) == "which" or _word(doc, k) == "the" and _word(doc, _next_word(doc, k + 1)) in COMPANY_NOUNS


def _said_it(doc: Doc, start: int, end: int, after: int, nxt: str) -> bool:
    """"Yukos said it would", "Yukos announced its results"; or the subject's next pronoun is
    "it"/"its" ("Yukos is not planning on letting go of its unit")."""
    if nxt in _REPORT_VERBS and _word(doc, _next_word(doc, after + 1)) in ("it", "its", "it's"):
        return True
    return _subject_pronoun(doc, start, end) in ("it", "its")


def _subject_pronoun(doc: Doc, start: int, end: int) -> str | None:
    """The first third-person pronoun after a mention that is its clause's subject, in its sentence."""
    if not doc.has_annotation("DEP") or not any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[start:end]):
        return None
    sent_end = doc[start].sent.end
    for tok in doc[end:sent_end]:
        if tok.lower_ in ("it", "its", "he", "his", "him", "she", "her"):
            return tok.lower_
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PROPN", "NOUN"):
            return None  # another subject comes first
    return None


# Role heads only a person holds ("Acme, the market leader" is a firm; "X, chief economist" is not).
PERSONAL_ROLES = lexicon.words("personal_roles")


def _past_owner(doc: Doc, k: int) -> int:
    """Past a capitalised possessor at token k ("Acme's", "the OECD's"), else k."""
    j = k
    while j < len(doc) and j - k < 5 and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return j + 1 if j > k and _word(doc, j) in ("'s", "’s") else k


def personal_role_at(doc: Doc, k: int) -> bool:
    """A role phrase only a person holds starts at token k: "[the] [Acme's] [senior] economist"."""
    k = _past_owner(doc, k + (_word(doc, k) in ("the", "a", "an", "its")))
    for i in range(k, min(k + 5, len(doc))):
        word = doc[i].lower_
        if word in PERSONAL_ROLES:
            return not (i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s"))
        if not (doc[i].is_alpha and (doc[i].is_lower or word in ROLE_HEADS)) or word in ("and", "of", "at"):
            return False
    return False


def person_evidence(doc: Doc, start: int, end: int) -> int:
    """Hits of personal wording around one mention: a title before, "X, who", "X said he/she", an age."""
    before = _word(doc, start - 1).rstrip(".")
    if before in _PERSONAL_TITLES or _word(doc, start).rstrip(".") in _PERSONAL_TITLES:
        return 2
    if before == "surnamed" or _word(doc, start) == "surnamed":
        return 2  # "a resident surnamed Lin": only a person is given a surname
    after = _next_word(doc, end)
    nxt = _word(doc, after)
    if nxt == ",":
        k = _next_word(doc, after + 1)
        if _word(doc, k) == "who":
            return 1
        if personal_role_at(doc, k):
            return 1  # "X, the OECD's chief economist"
        if k < len(doc) and doc[k].like_num and _word(doc, _next_word(doc, k + 1)) == ",":
            return 1  # "X, 45, said"
    if nxt in _REPORT_VERBS and _word(doc, _next_word(doc, after + 1)) in ("he", "she", "his", "her"):
        return 1
    if _subject_pronoun(doc, start, end) in ("he", "his", "him", "she", "her"):
        return 1
    return 0


_INITIALS_SKIP = lexicon.words("initials_skip")


def initials(name: str) -> str | None:
    """Initials of a multiword name: "British Airways" → "BA", "UK Independence Party" → "UKIP".

    Function words are skipped, a word in capitals gives all its letters; None when a content
    word is not capitalised or fewer than two words count.
    """
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    letters, counted = [], 0
    for w in words:
        if w.lower() in _INITIALS_SKIP:
            continue
        if not w[:1].isupper():
            return None
        letters.append(w if w.isupper() and w.isalpha() else w[0])
        counted += 1
    return "".join(letters) if counted >= 2 else None


def compact_key(text: str) -> str:
    """A name without case, spaces, hyphens and dots: "Time Warner" and "TimeWarner" agree."""
    return re.sub(r"[\s\-.’']+", "", text.lower())
