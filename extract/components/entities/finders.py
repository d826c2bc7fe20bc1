"""Names the model missed or cut wrongly, found from the text: each finder is a rule of the `entity`
family; the passes that fold what they find into the model's mentions run in `RAW_PASSES` order.

A mention is a token span with a label, `(start, end, label)`. A pass takes the document, the
mentions so far and `found` (a dict `(start, end) -> rule name` of the mentions a rule made, so the
entity can say which rules made it) and returns the new mentions.
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span

from cooptool.extract import lexicon
from cooptool.extract.components.context import context_of
from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.entities.names import (
    INSTITUTION_HEADS,
    NAME_PARTICLES,
    NAME_WORD,
    NAMED_LABELS,
    is_initialism,
    is_name_word,
    is_trade_word_text,
    norm_key,
)
from cooptool.extract.components.entities.trim import trim
from cooptool.extract.components.entity_evidence import (
    DISTINCT_PARTY_FORMS,
    PARTY_OF_FORM,
    party_of,
    personal_role_at,
)
from cooptool.extract.lexicon import COUNTRIES, DEMONYM_COUNTRY, ROLE_HEADS, ROLE_MODIFIERS
from cooptool.extract.rules import rule

Raw = list[tuple[int, int, str]]
Found = dict[tuple[int, int], str]

_EMPLOYER_PREPS = frozenset({"at", "with"})
_COMMA = frozenset({","})
_CALENDAR_WORDS = lexicon.words("calendar_words")
_SUNDAY_MASTHEADS = lexicon.words("sunday_mastheads")
_PRODUCT_NOUNS = lexicon.words("product_nouns")
_REGION_WORDS = lexicon.words("sales_regions")
_FUNCTION_WORDS = lexicon.words("business_functions")
_NUMBERED_MEETING = re.compile(r"^COP\d{1,2}$")


def _note(found: Found | None, start: int, end: int, name: str) -> None:
    if found is not None:
        found[(start, end)] = name


# ---- finders: rules that find a name in the text ---------------------------------------------------

def _institution_start(doc: Doc, head: int, sent_start: int) -> int:
    """Left edge of an institution name ending at `head`: capitalised words, "of"/"for"/"and"/"on"
    between them, hyphens within "China-U.S."."""
    start = head
    while start > sent_start:
        prev = doc[start - 1]
        if is_name_word(prev) and prev.lower_ not in ("the", "a", "an"):
            start -= 1
        elif prev.text in ("-", "&") and not prev.whitespace_ and start - 2 >= sent_start \
                and is_name_word(doc[start - 2]):
            start -= 2
        elif prev.lower_ in ("of", "for", "and", "on", "&") and start - 2 >= sent_start \
                and is_name_word(doc[start - 2]) and doc[start - 2].lower_ not in ("the",) \
                and doc[start - 2].ent_type_ != "PERSON":  # "Nick Bubb of Evolution Securities"
            start -= 2
        else:
            break
    return start


def _institution_end(doc: Doc, head: int) -> int:
    """Right edge after the head: "of"/"for"/"on" + capitalised words ("Council for ...")."""
    end = head + 1
    while end + 1 < len(doc) and doc[end].lower_ in ("of", "for", "on") and is_name_word(doc[end + 1]) \
            and doc[end + 1].lower_ != "the":
        end += 2
        while end < len(doc) and is_name_word(doc[end]):
            end += 1
    return end


@rule("entity.institution", confidence=0.8, examples=[
    ("Speakers at the GTX Forum in Qingdao praised the plan.", {"name": "GTX Forum", "label": "ORG"}),
    ("The forum in Qingdao praised the plan.", None),
])
def find_institutions(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of capitalised names ending in an institution head ("Energy Efficiency Forum").

    The model misses many of these; the head word, capitalised, is evidence enough.
    """
    found: list[tuple[int, int]] = []
    has_sents = doc.has_annotation("SENT_START")
    for i in context_of(doc).where_in(LOWER, INSTITUTION_HEADS):
        tok = doc[i]
        if not is_name_word(tok) or tok.is_upper:
            continue
        start = _institution_start(doc, tok.i, tok.sent.start if has_sents else 0)
        end = _institution_end(doc, tok.i)
        names = [t for t in doc[start:end] if t.is_alpha and t.text[:1].isupper()]
        if len(names) >= 2 and (not found or found[-1][1] <= start):
            found.append((start, end))
    return found


def _untagged_name_word(doc: Doc, i: int) -> bool:
    return bool(NAME_WORD.match(doc[i].text)) and not doc[i].ent_type_ and not doc[i].is_stop


def _name_start_before(doc: Doc, comma: int) -> int:
    """First token of the two or three name words before `comma`."""
    start = comma
    while start > 0 and comma - start < 4 and (
            _untagged_name_word(doc, start - 1)
            # "Sjors ten Tije": a particle between name words (the model may call "ten" a number)
            or doc[start - 1].lower_ in NAME_PARTICLES and start - 2 >= 0 and start < comma
            and NAME_WORD.match(doc[start - 2].text) and doc[start - 1].text.islower()):
        start -= 1
    # "Zhao" tagged, "Lei" not: the model's piece and the rest are one name.
    while start > 0 and comma - start < 3 and doc[start - 1].ent_type_ == "PERSON" and start < comma \
            and NAME_WORD.match(doc[start - 1].text):
        start -= 1
    return start


def _opens_clause(doc: Doc, start: int) -> bool:
    before = doc[start - 1] if start > 0 else None
    return before is None or before.is_punct or before.is_space or before.is_sent_end or before.lower_ in (
        "said", "says", "and", "by")


@rule("entity.appositive_person", confidence=0.8, examples=[
    # "Faith" is a common word: the model leaves the name untagged before the role.
    ("Faith Carver, spokeswoman for the union, said talks failed.", {"name": "Faith Carver", "label": "PERSON"}),
    ("Grace Mills, spokeswoman for the council, said the plan was fair.", None),  # the model found her
])
def find_appositive_people(doc: Doc) -> list[tuple[int, int]]:
    """"Zhao Lei, general manager of Sino Wind Power, said": two or three capitalised words the model
    left untagged, opening a clause and followed by a role only a person holds, are a person's name."""
    found = []
    for i in context_of(doc).where_in(ORTH, _COMMA):
        tok = doc[i]
        if not personal_role_at(doc, tok.i + 1):
            continue
        start = _name_start_before(doc, tok.i)
        if tok.i - start < 2 or all(t.ent_type_ == "PERSON" for t in doc[start:tok.i]):
            continue
        if _opens_clause(doc, start):
            found.append((start, tok.i))
    return found


@rule("entity.role_employer", confidence=0.75, examples=[
    ("\"Sales are weak,\" said an economist at Liberum.", {"name": "Liberum", "label": "ORG"}),
    ("\"Sales are weak,\" said an economist at the end of May.", None),
])
def find_role_employers(doc: Doc) -> list[tuple[int, int]]:
    """"an analyst at Petercam", "economist with Natexis": a capitalised name right after a job title
    and "at"/"with" is the employer, when the model tagged nothing there."""
    found = []
    for i in context_of(doc).where_in(LOWER, _EMPLOYER_PREPS):
        tok = doc[i]
        if tok.i == 0 or doc[tok.i - 1].lower_ not in ROLE_HEADS:
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


# Nouns that say what kind of body follows ("industry group GSMA", "consultancy BCG").
_BODY_NOUNS = lexicon.where("org_nouns", 1, "descriptor")


@rule("entity.described_acronym", confidence=0.75, examples=[
    ("Paul Hart, CEO of mobile industry group GSMA, said so.", {"name": "GSMA", "label": "ORG"}),
    ("The group AND its partners met.", None),
])
def find_described_acronyms(doc: Doc) -> list[tuple[int, int]]:
    """"industry group GSMA": an all-capitals word the model left untagged, right after a lower-case noun
    that says what kind of body it is, is that body's name."""
    found = []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.ent_type_ or not (tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6) or not prev.is_lower \
                or prev.lower_ not in _BODY_NOUNS or tok.lower_ in ("and", "or", "of", "the"):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].is_upper and doc[tok.i + 1].is_alpha:
            continue  # a shouted headline, not a name
        found.append((tok.i, tok.i + 1))
    return found


@rule("entity.numbered_meeting", confidence=0.9, examples=[
    ("Negotiators will meet again at COP31 next year.", {"name": "COP31", "label": "EVENT"}),
])
def find_numbered_meetings(doc: Doc) -> list[tuple[int, int]]:
    """"at COP27": a numbered meeting of the climate talks."""
    if "COP" not in doc_text(doc):  # most documents: no token loop
        return []
    return [(tok.i, tok.i + 1) for tok in doc if _NUMBERED_MEETING.match(tok.text)]


_QUOTE_MARKS = ('"', "\u201c", "\u201d")


def _nickname_end(doc: Doc, q: int) -> int | None:
    """The index after the closing quote of a one- or two-word nickname opening at token q."""
    for k in (q + 2, q + 3):
        if k < len(doc) and doc[k].text in _QUOTE_MARKS and all(
                t.is_alpha and (t.is_title or t.is_upper) for t in doc[q + 1:k]):
            return k + 1
    return None


@rule("entity.nickname", confidence=0.85, examples=[
    ('Label deal\n\nMarcus "DJ" Holloway, chairman of the Vantor Music Group, said sales rose.',
     {"name": 'Marcus "DJ" Holloway', "label": "PERSON"}),
])
def find_nicknamed_people(doc: Doc) -> list[tuple[int, int]]:
    """'Antonio "LA" Reid': a first name, a quoted nickname and the surname the model tagged as a
    person; the model cuts the name at the quote."""
    people = {ent.start: ent.end for ent in context_of(doc).ents if ent.label_ == "PERSON"}
    out = []
    for tok in doc[:-3]:
        if not (tok.is_title and tok.is_alpha and tok.whitespace_ and doc[tok.i + 1].text in _QUOTE_MARKS):
            continue
        end = _nickname_end(doc, tok.i + 1)
        if end is not None and end in people and (tok.i == 0 or not doc[tok.i - 1].is_title):
            out.append((tok.i, people[end]))
    return out


_ROSTER_NOUNS = lexicon.words("roster_nouns")
_INCLUDE_FORMS = frozenset({"include", "includes", "included"})


def _roster_item_end(doc: Doc, k: int) -> int:
    """The end of a name opening at token k: capitalised words or digits, hyphens inside a word ("Run-DMC")."""
    j = k
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].is_digit
                            or (doc[j].text == "-" and j > k and not doc[j - 1].whitespace_ and not doc[j].whitespace_)):
        j += 1
    return j


def roster_lists(doc: Doc) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """"Harlow Records' artists include A, B and C": (the possessor's last token, the roster noun, the names)."""
    out = []
    for tok in doc[2:-2]:
        if not (tok.lower_ in _INCLUDE_FORMS and doc[tok.i - 1].tag_ == "NNS" and doc[tok.i - 1].lemma_.lower() in _ROSTER_NOUNS
                and doc[tok.i - 2].tag_ == "POS" and doc[tok.i - 3].text[:1].isupper()):
            continue
        names, k = [], tok.i + 1
        while k < len(doc) and doc[k].lower_ != "the":
            j = _roster_item_end(doc, k)
            if j == k or doc[j - 1].text == "-":
                break
            names.append((k, j))
            if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "and":
                j += 1
            if j >= len(doc) or doc[j].lower_ not in (",", "and"):
                break
            k = j + 1
        if names:
            out.append((tok.i - 3, tok.i - 1, names))
    return out


@rule("entity.roster", confidence=0.75, examples=[
    ("Label deal\n\nVantor's artists include KJ Mellow, Tessaly and Rook Darrin.", {"name": "KJ Mellow", "label": "PERSON"}),
    ("Label deal\n\nVantor's artists include The Night Owls.", None),
])
def find_roster_names(doc: Doc) -> list[tuple[int, int]]:
    """"Harlow Records' artists include Ana Ruiz, Tom Reid and Kira Bell": the listed names are people (the model
    reads some as organisations and misses others); bands ("The ...") are left alone."""
    return [name for _, _, names in roster_lists(doc) for name in names]


def _ex_name_end(doc: Doc, k: int) -> int | None:
    """The end of an untagged capitalised name at token k, when a role word follows it ("ITN political editor")."""
    j = k
    while j < len(doc) and j - k < 4 and doc[j].is_alpha and (doc[j].is_title or doc[j].is_upper) and not doc[j].ent_type_:
        j += 1
    if j == k or j >= len(doc) or not doc[j].is_lower or doc[j].lower_ not in ROLE_HEADS | ROLE_MODIFIERS:
        return None
    name = doc[k:j].text
    return None if name in COUNTRIES or name.lower() in DEMONYM_COUNTRY or doc[k].lower_ in ROLE_HEADS else j


@rule("entity.ex_employer", confidence=0.75, examples=[
    ("Panel show\n\nThe panel was chaired by ex-KTN political editor Jon Hardy.", {"name": "KTN", "label": "ORG"}),
    ("Panel show\n\nThe panel was chaired by an ex-army officer.", None),
])
def find_ex_employers(doc: Doc) -> list[tuple[int, int]]:
    """"ex-ITN political editor X": the former employer inside the hyphen compound, before a role word;
    the model leaves it untagged (it reads "ex-ITN" as one modifier)."""
    out = []
    for tok in doc[:-3]:
        if tok.lower_ == "ex" and not tok.whitespace_ and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
            end = _ex_name_end(doc, tok.i + 2)
            if end is not None:
                out.append((tok.i + 2, end))
    return out


@rule("entity.titled_he", confidence=0.75, examples=[
    ("Trade rules\n\nVice-Premier He Lanfang said China would open wider.", {"name": "He Lanfang", "label": "PERSON"}),
    ("Trade rules\n\nAsked about the plan, He said it was fair.", None),
])
def find_titled_he_names(doc: Doc) -> list[tuple[int, int]]:
    """"Vice-Premier He Lifeng said", "said He Lifeng": the surname "He" after a title or "said", before
    a capitalised given name, is a name the model reads as the pronoun (it cuts the name to "Lifeng")."""
    out = []
    for tok in doc[1:-1]:
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        if tok.text != "He" or not (before.lower_ in ROLE_HEADS and (before.is_title or before.is_lower)
                                    or before.lower_ in ("said", "says")):
            continue
        if after.is_title and after.is_alpha and NAME_WORD.match(after.text) and not after.is_stop \
                and after.pos_ not in ("VERB", "AUX"):
            out.append((tok.i, tok.i + 2))
    return out


@rule("entity.to_surname", confidence=0.75, examples=[
    ("Trade rules\n\nThe premier met with To Linh, general secretary of the party, in Hanoi.", {"name": "To Linh", "label": "PERSON"}),
    ("Trade rules\n\nWelcome To Hanoi\n\nVisitors came to Hanoi in May.", None),
])
def find_to_surnames(doc: Doc, raw: Raw) -> list[tuple[int, int]]:
    """"met with To Lam": the surname "To" (Vietnamese) mid-sentence, after a lower-case word or a comma,
    before a one-word name the model found; the model reads it as the preposition and cuts the name."""
    people = {(s, e) for s, e, lab in raw if lab == "PERSON"}
    out = []
    for tok in doc[1:-1]:
        before = doc[tok.i - 1]
        if tok.text != "To" or tok.is_sent_start or not (before.is_lower and before.is_alpha or before.text == ","):
            continue
        if (tok.i + 1, tok.i + 2) in people and NAME_WORD.match(doc[tok.i + 1].text):
            out.append((tok.i, tok.i + 2))
    return out


def find_party_forms(doc: Doc) -> list[tuple[int, int]]:
    """Names of UK parties that are never anything else ("Plaid Cymru", "SNP", "UKIP")."""
    return [(span.start, span.end) for m in DISTINCT_PARTY_FORMS.finditer(doc_text(doc))
            if (span := doc.char_span(m.start(), m.end())) is not None]


PARTY_POSTS = lexicon.words("party_posts")


def find_party_before_post(doc: Doc) -> list[tuple[int, int]]:
    """"Labour leader X", "Tory MP X": an everyday party name, capitalised, right before a post in a party
    is the party, though the model left it untagged (a common word like "Labour" is not found alone). Its
    records are named by the party rule that labels them (`entity.uk_party`), as the other party forms."""
    out = []
    for tok in doc[:-1]:
        if tok.is_title and tok.lower_ in PARTY_OF_FORM and doc[tok.i + 1].lower_ in PARTY_POSTS \
                and not doc[tok.i + 1].is_title and not tok.ent_type_:
            out.append((tok.i, tok.i + 1))
    return out


@rule("entity.sunday_paper", confidence=0.9, examples=[
    ("The Sunday Telegraph reported that the deal was close.", {"name": "Sunday Telegraph", "label": "ORG"}),
])
def find_sunday_papers(doc: Doc) -> list[tuple[int, int]]:
    """ "Sunday Telegraph journalist X", "the Mail on Sunday": the model reads the "Sunday" as a date."""
    if "Sunday" not in doc_text(doc):
        return []  # no token is "Sunday": nothing to find (spares a doc[i] walk over every token)
    papers = []
    for i in range(len(doc) - 1):
        if doc[i].text == "Sunday" and doc[i + 1].text in _SUNDAY_MASTHEADS:
            papers.append((i, i + 2))
        elif (i + 2 < len(doc) and doc[i].text in _SUNDAY_MASTHEADS and doc[i + 1].text == "on"
              and doc[i + 2].text == "Sunday"):
            papers.append((i, i + 3))
    return papers


@rule("entity.company_name", confidence=0.8, examples=[
    ("Output at French Oil fell while Dutch Gas rose.", {"name": "French Oil", "label": "ORG"}),
    ("French officials said output fell.", None),
])
def company_name_end(doc: Doc, end: int, covered: set[int]) -> int | None:
    """ "Pelican Freight", "British Gas": after a nationality or place the model found (ending at
    `end`), capitalised words it left out that end in a trade or business noun make a company's name;
    returns the name's end."""
    j = end
    while j < len(doc) and j - end < 3 and j not in covered and doc[j].is_alpha and is_name_word(doc[j]):
        j += 1
    ends_name = j >= len(doc) or not (doc[j].is_alpha and is_name_word(doc[j]))
    return j if j > end and ends_name and is_trade_word_text(doc[j - 1].text) else None


# ---- passes over the mentions ----------------------------------------------------------------------

def _bracket_inside(doc: Doc, ps: int, pe: int) -> bool:
    """A ")" right after a one-word name that an "(" opened a few words before, in the same sentence."""
    if doc[pe].text != ")" or pe - ps != 1 or doc[pe].whitespace_ == "":
        return False
    opened = next((i for i in range(ps - 1, max(doc[ps].sent.start, ps - 6) - 1, -1) if doc[i].text in "()"), None)
    return opened is not None and doc[opened].text == "("


def _merge_split_orgs(doc: Doc, ents: list[Span]) -> Raw:
    """Join an ORG cut at "and"/"of" ("National Center for ... Strategy and" + "International Cooperation")."""
    out: Raw = []
    for ent in ents:
        if out:
            ps, pe, pl = out[-1]
            if pl == "ORG" and ent.label_ == "ORG" and ent.start == pe and doc[pe - 1].lower_ in ("and", "of", "for", "&"):
                out[-1] = (ps, ent.end, "ORG")
                continue
            # "(Prime Minister Benjamin) Netanyahu": an editor's bracket closes inside the name.
            if pl == "PERSON" and ent.label_ == "PERSON" and ent.start == pe + 1 and _bracket_inside(doc, ps, pe):
                out[-1] = (ps, ent.end, "PERSON")
                continue
            # "Prince Abdulaziz" + "bin Salman": a name cut before its particle.
            if pl == "PERSON" and ent.label_ == "PERSON" and ent.start == pe and doc[pe].lower_ in NAME_PARTICLES:
                out[-1] = (ps, ent.end, "PERSON")
                continue
        out.append((ent.start, ent.end, ent.label_))
    return out


def model_mentions(doc: Doc) -> Raw:
    """The model's named mentions, with organisations and names it cut in two joined."""
    return [(s, e, lab) for s, e, lab in _merge_split_orgs(doc, list(context_of(doc).ents)) if lab in NAMED_LABELS]


def _extend_company_names(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    covered = {i for s, e, _ in raw for i in range(s, e)}
    out = []
    for s, e, lab in raw:
        j = company_name_end(doc, e, covered) if lab in ("NORP", "GPE", "LOC") else None
        if j is not None:
            out.append((s, j, "ORG"))
            _note(found, s, j, company_name_end.rule.name)
        else:
            out.append((s, e, lab))
    return out


def _add_people(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """People before a personal role replace the model's pieces inside them, never a longer PERSON."""
    for s, e in find_appositive_people(doc):
        if not any(m[0] < e and s < m[1] and (m[2] != "PERSON" or m[0] < s or m[1] > e) for m in out):
            out = [m for m in out if not (m[0] < e and s < m[1])] + [(s, e, "PERSON")]
            _note(found, s, e, find_appositive_people.rule.name)
    return out


def _add_nicknamed(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """'Antonio "LA" Reid' replaces the model's pieces inside it ("Antonio" as a place, "Reid")."""
    for s, e in find_nicknamed_people(doc):
        if not any(m[0] < s < m[1] or m[0] < e < m[1] for m in out):
            out = [m for m in out if not (m[0] < e and s < m[1])] + [(s, e, "PERSON")]
            _note(found, s, e, find_nicknamed_people.rule.name)
    return out


def _add_roster(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """Names in a roster list replace the model's mentions inside them, never a longer one."""
    for s, e in find_roster_names(doc):
        if not any(m[0] < e and s < m[1] and (m[0] < s or m[1] > e) for m in out):
            out = [m for m in out if not (m[0] < e and s < m[1])] + [(s, e, "PERSON")]
            _note(found, s, e, find_roster_names.rule.name)
    return out


def _add_ex_employers(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """"ex-ITN": the employer, where no mention is."""
    for s, e in find_ex_employers(doc):
        if not any(m[0] < e and s < m[1] for m in out):
            out = [*out, (s, e, "ORG")]
            _note(found, s, e, find_ex_employers.rule.name)
    return out


def _add_titled_he(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """"He Lifeng" after a title replaces the model's piece of it ("Lifeng" as an organisation)."""
    for s, e in find_titled_he_names(doc):
        if not any(m[0] < s < m[1] or m[0] < e < m[1] or m[0] < s and e <= m[1] for m in out):
            out = [m for m in out if not (m[0] < e and s < m[1])] + [(s, e, "PERSON")]
            _note(found, s, e, find_titled_he_names.rule.name)
    return out


def _add_to_surnames(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """"To Lam" replaces the model's "Lam"."""
    for s, e in find_to_surnames(doc, out):
        out = [m for m in out if (m[0], m[1]) != (s + 1, e)] + [(s, e, "PERSON")]
        _note(found, s, e, find_to_surnames.rule.name)
    return out


def _add_meetings(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """ "at COP27": a numbered meeting the model left untagged (or called a place) is an event."""
    for s, e in find_numbered_meetings(doc):
        if not any(m[0] <= s < m[1] and m[2] == "EVENT" for m in out):
            out = [m for m in out if not (m[0] <= s < m[1])] + [(s, e, "EVENT")]
            _note(found, s, e, find_numbered_meetings.rule.name)
    return out


def _add_orgs(doc: Doc, out: Raw, found: Found | None) -> Raw:
    """UK parties, employers after "an analyst at", institutions: a found name replaces the model's
    pieces inside it ("China" in "China-U.S. Energy Efficiency Forum") but never cuts a longer one."""
    parties = find_party_forms(doc) + find_party_before_post(doc)
    acronyms = find_described_acronyms(doc)
    finders = ((find_party_forms(doc), find_party_forms), (find_party_before_post(doc), find_party_before_post),
               (find_role_employers(doc), find_role_employers),
               (find_institutions(doc), find_institutions), (acronyms, find_described_acronyms))
    for spans, finder in finders:
        for s, e in spans:
            s, e = trim(doc, s, e, "ORG")
            if e - s < 2 and (s, e) not in parties and (s, e) not in acronyms \
                    and (s == 0 or doc[s - 1].lower_ not in _EMPLOYER_PREPS):
                continue
            inside = [m for m in out if m[0] < e and s < m[1]]
            if any(m[0] < s or m[1] > e or (m[0], m[1]) == (s, e) for m in inside):
                continue
            out = [m for m in out if m not in inside] + [(s, e, "ORG")]
            if hasattr(finder, "rule"):  # party forms are the model's party names, found again
                _note(found, s, e, finder.rule.name)
    return out


def _add_missed_names(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    """The model's mentions plus names it missed: people before a personal role, nicknamed people,
    numbered meetings, UK parties, employers after "an analyst at", institutions."""
    out = _add_people(doc, list(raw), found)
    out = _add_nicknamed(doc, out, found)
    out = _add_titled_he(doc, out, found)
    out = _add_roster(doc, out, found)
    out = _add_ex_employers(doc, out, found)
    out = _add_to_surnames(doc, out, found)
    out = _add_meetings(doc, out, found)
    return sorted(_add_orgs(doc, out, found))


def _add_sunday_papers(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    """ "Sunday Telegraph journalist X", "the Mail on Sunday": the paper is an organisation. Model
    spans inside it ("Sunday" as a date is not in `raw`; "Telegraph" alone is) give way to it."""
    papers = find_sunday_papers(doc)
    if not papers:
        return raw
    out = [(s, e, lab) for s, e, lab in raw if not any(s < pe and ps < e for ps, pe in papers)]
    for ps, pe in papers:
        _note(found, ps, pe, find_sunday_papers.rule.name)
        for s, e, lab in raw:
            if s < pe and ps < e and e > pe and lab == "PERSON" and doc[pe].is_title:
                out.append((pe, e, lab))  # "Sunday Times Robert Hale" read as one person
    return sorted(out + [(ps, pe, "ORG") for ps, pe in papers])


def _product_follows(doc: Doc, end: int) -> bool:
    after = [t for t in doc[end:end + 3] if t.is_lower]
    return bool(after) and any(t.lemma_ in _PRODUCT_NOUNS for t in after)


def _region_cut(doc: Doc, s: int, e: int, named: set[str]) -> int:
    """Start of the organisation after a sales-region prefix the text also names alone, else `s`."""
    for k in range(s + 1, min(e - 1, s + 3) + 1):
        prefix = [t.lower_ for t in doc[s:k]]
        if all(w in _REGION_WORDS or w in COUNTRIES for w in prefix) and doc[k:e].text.lower() in named:
            return k
    return s


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _dateline_end(doc: Doc, s: int, e: int) -> int:
    """"COPENHAGEN - Iceland's ...": the index after the dash when the span opens on an upper-case
    dateline (place words in capitals, then a dash) at the start of a sentence; else `s`."""
    k = s
    while k < e and doc[k].is_upper and doc[k].is_alpha and len(doc[k].text) > 2:
        k += 1
    if k == s or k + 1 >= e or doc[k].text not in _DASHES or not (s == 0 or doc[s].is_sent_start or "\n" in doc[s - 1].text):
        return s
    return k + 1


@rule("entity.dateline_cut", confidence=0.85, examples=[
    ("Vote count\n\nREYKJAVIK - Denmark's centre-left party became the biggest party in the election.",
     {"name": "Denmark", "label": "GPE"}),
    ("Vote count\n\nThe vote - a close one - was won by the centre-left.", None),
])
def _cut_datelines(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    """The model may join the dateline to the first name of the story ("COPENHAGEN - Iceland" as an
    organisation): the dateline is cut, and a country left alone is a place."""
    out = []
    for s, e, lab in raw:
        cut = _dateline_end(doc, s, e)
        if cut != s:
            rest = doc[cut:e - 1] if doc[e - 1].tag_ == "POS" else doc[cut:e]
            lab = "GPE" if rest.text in COUNTRIES else lab
            _note(found, cut, e, _cut_datelines.rule.name)
        out.append((cut, e, lab))
    return out


def _cut_region_prefixes(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    """"general manager for Greater China Dell Technologies": the model may join a sales region to the
    company. When the rest of the span is an organisation the text names on its own, the region is cut."""
    named = {doc[s:e].text.lower() for s, e, lab in raw if lab == "ORG"}
    first_words: dict[str, set[str]] = {}
    for s, e, lab in raw:
        if lab == "ORG" and e - s >= 2:
            first_words.setdefault(doc[s].lower_, set()).add(doc[s:e].text.lower())
    out = []
    for s, e, lab in raw:
        if lab == "ORG" and e - s == 2 and first_words.get(doc[s].lower_, set()) - {doc[s:e].text.lower()} \
                and _product_follows(doc, e):
            out.append((s, s + 1, lab))  # "the Dell Edge smart cooling technology": the company, then its product
            continue
        if lab == "ORG" and e - s >= 3:
            cut = _region_cut(doc, s, e, named)
            if cut != s and found is not None and (s, e) in found:
                found[(cut, e)] = found[(s, e)]
            s = cut
        out.append((s, e, lab))
    return out


def _is_function_name(span: Span) -> bool:
    """ "Government Affairs", "Corporate Communications": a department or function, not an organisation."""
    if any(t.is_upper and len(t) > 1 for t in span):
        return False  # "US Special Presidential" (before its title is trimmed off): a country, not a function
    words = [t.lower_ for t in span if t.is_alpha]
    if len(words) >= 3 and words[-1] in INSTITUTION_HEADS:
        return False  # "Country Media Group": a name ending on an institution's head
    return bool(words) and all(w in _FUNCTION_WORDS or w in ROLE_MODIFIERS or w in ("of", "and") for w in words)


def _is_lower_noun(span: Span) -> bool:
    """"vice-minister of commerce": one lower-case common noun the model called an organisation is a
    portfolio, not a name."""
    return len(span) == 1 and span[0].is_lower and span[0].is_alpha and span[0].pos_ in ("NOUN", "PROPN")


def _drop_function_names(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    return [(s, e, lab) for s, e, lab in raw
            if not (lab == "ORG" and (_is_function_name(doc[s:e]) or _is_lower_noun(doc[s:e])))]


def _is_role_word(tok) -> bool:
    return tok.lower_ in ROLE_HEADS or tok.lower_.rstrip("s") in ROLE_HEADS or tok.lower_ in ROLE_MODIFIERS


def _organisation_before_person(doc: Doc, s: int, e: int, lab: str, model_orgs: set[str]) -> bool:
    """ "EADS Philippe Camus": an initialism the model calls an ORG elsewhere, then a person's name."""
    return lab == "PERSON" and e - s >= 3 and is_initialism(doc[s].text) and norm_key(doc[s].text) in model_orgs \
        and all(t.is_title for t in doc[s + 1:e] if t.is_alpha)


def _split_party(doc: Doc, s: int, e: int, lab: str) -> Raw:
    """ "Labour MPs" is the party; "Tory Edward Turnour" is the party and a person."""
    if e - s < 2 or party_of(doc[s:e].text) or lab not in ("PERSON", "NORP", "ORG"):
        return [(s, e, lab)]
    k = next((k for k in (2, 1) if s + k < e and party_of(doc[s:s + k].text)), 0)
    if not k:
        return [(s, e, lab)]
    rest = s + k
    while rest < e and _is_role_word(doc[rest]):
        rest += 1
    if rest < e and lab == "ORG":
        return [(s, e, lab)]  # "UKIP Scotland": a branch of the party, its own name
    out = [(s, s + k, "ORG")]
    if rest < e and lab == "PERSON" and doc[rest].text[:1].isupper():
        out.append((rest, e, "PERSON"))
    return out


def _split_parties(doc: Doc, raw: Raw, found: Found | None = None) -> Raw:
    """A party or an organisation before a person's name is its own mention."""
    model_orgs = {norm_key(doc[s:e].text) for s, e, lab in raw if lab == "ORG"}
    out: Raw = []
    for s, e, lab in raw:
        if _organisation_before_person(doc, s, e, lab, model_orgs):
            out += [(s, s + 1, "ORG"), (s + 1, e, "PERSON")]
        else:
            out += _split_party(doc, s, e, lab)
    return out


# The passes over the model's mentions, in order.
RAW_PASSES = (
    _extend_company_names,
    _add_missed_names,
    _add_sunday_papers,
    _cut_datelines,
    _cut_region_prefixes,
    _drop_function_names,
    _split_parties,
)
