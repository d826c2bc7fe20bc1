"""Name trimming: what the model's span holds besides the name (leading "the", titles, possessives).

`trim` runs the steps of `TRIM_STEPS` in order; each takes and returns the token span
`(start, end)` of a mention with the label it will carry.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Doc

from cooptool.extract import lexicon
from cooptool.extract.components.entities.names import (
    PEERAGE_TITLES,
    PERSON_POSTS,
    PERSONAL_TITLES,
    POSTNOMINALS,
)
from cooptool.extract.lexicon import HONORIFICS, ORG_DESIGNATORS, ROLE_HEADS, ROLE_MODIFIERS

PERSONAL_ROLES = lexicon.words("personal_roles")
HYPHEN_SUFFIXES = lexicon.words("hyphen_suffixes")


def _cut_at_line_breaks(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """A name never runs across a line break or a control character (page furniture blanked nearby)."""
    breaks = [i for i in range(start, end) if any(unicodedata.category(ch) == "Cc" for ch in doc[i].text)]
    if breaks:
        start, end = (breaks[-1] + 1, end) if breaks[-1] + 1 < end else (start, breaks[0])
    return start, end


def _drop_leading_articles(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _drop_leading_post(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """"CEO of Otis Worldwide Corporation", "Governor of the Bank of England": a post the model took into
    an organisation's name; the name is what follows "of"/"at", when an organisation's head word ends it."""
    if label == "PERSON":
        return start, end
    k = start
    while k < end and (doc[k].lower_ in ROLE_HEADS or doc[k].lower_ in ROLE_MODIFIERS):
        k += 1
    if k == start or k + 1 >= end or doc[k].lower_ not in ("of", "at") \
            or not any(doc[i].lower_ in ROLE_HEADS for i in range(start, k)):
        return start, end
    rest = k + 1 + (doc[k + 1].lower_ == "the")
    if end - rest >= 2 and any(doc[i].lower_ in ORG_DESIGNATORS for i in range(rest, end)):
        return rest, end
    # "President of Peking University", "Chairman of HSBC": a post only a person holds, before a name of
    # two words or an acronym; not "Secretary of State for Health", which is a post as a whole
    personal = doc[k - 1].is_title and doc[k - 1].lower_ in PERSONAL_ROLES and doc[k].lower_ == "of"
    if personal and rest < end and doc[rest].lower_ != "state" and (
            end - rest >= 2 or end - rest == 1 and doc[rest].is_upper and len(doc[rest].text) > 1):
        return rest, end
    return start, end


def _drop_leading_past(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """ "Former Brantley Group chairman X": a sentence-initial "Former" the model took into the
    organisation's name says the post is past; no name starts with it."""
    if label != "PERSON" and end - start > 1 and doc[start].lower_ == "former":
        start += 1
    elif label != "PERSON" and end - start > 2 and doc[start].lower_ == "ex" and doc[start + 1].text == "-":
        start += 2  # "Ex-Norvik chief executive X": the organisation is Norvik, the post a past one
    return start, end


def _is_title_word(tok) -> bool:
    return tok.lower_.rstrip(".") in HONORIFICS or tok.lower_ in ROLE_HEADS or tok.lower_ in ROLE_MODIFIERS


def _drop_person_titles(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """ "Analysing Mr Brown": a personal title inside a person's span starts the name; honorifics and
    job titles before it go."""
    if label != "PERSON":
        return start, end
    titles = [i for i in range(start + 1, end - 1) if doc[i].lower_.rstrip(".") in PERSONAL_TITLES]
    if titles:
        start = titles[-1]
    while end - start > 1 and _is_title_word(doc[start]):
        if end - start == 2 and doc[start].lower_ in PEERAGE_TITLES and doc[start].is_title:
            break  # "Lord Falconer", "Baroness Boothroyd": a peer's name is the title and one word
        start += 1
    return start, end


def _drop_trailing_punct(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    return start, end


def _drop_trailing_titles(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """ "the Times Mr ...", "Philippe Sands QC": a title or post-nominal after a name is not part of it."""
    while end - start > 1 and (doc[end - 1].lower_.rstrip(".") in PERSONAL_TITLES
                               or label == "PERSON" and doc[end - 1].text in POSTNOMINALS):
        end -= 1
    return start, end


def _drop_person_post(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """ "the Salford MP": a place and a post only a person holds, not an organisation."""
    if label != "PERSON" and end - start > 1 and doc[end - 1].lower_ in PERSON_POSTS:
        end -= 1
    return start, end


def _drop_title_run_in(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """ "US Special Presidential | Envoy for Climate": the model's name ran into a title that goes on after it."""
    if label != "PERSON" and end < len(doc) and doc[end].is_title and doc[end].lower_ in ROLE_HEADS:
        while end - start > 1 and doc[end - 1].is_title and doc[end - 1].lower_ in ROLE_MODIFIERS:
            end -= 1
    return start, end


def _drop_final_period(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """A trailing "." belongs to abbreviations ("Co.", "S.A.") only."""
    if end > start and doc[end - 1].text == "." and end - start > 1:
        end -= 1
    return start, end


def _drop_repeated_name(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """"Jane Roe Jane Roe, 52, is …": a heading run into its paragraph (text without line breaks) gives the
    name twice; the second is the one the sentence is about. One word twice is a name ("Lang Lang")."""
    n = end - start
    if n >= 4 and n % 2 == 0 and [t.text for t in doc[start:start + n // 2]] == [t.text for t in doc[start + n // 2:end]]:
        start += n // 2
    return start, end


def _take_hyphenated_given_name(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """"Chey Tae-won", "Ban Ki-moon": the tokenizer splits a hyphenated given name and the model often ends
    the name at the hyphen; the short lower-case syllable written on to a short one belongs to the name
    (not "Schmidt-owned", "Xi-led")."""
    if label == "PERSON" and end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-" \
            and not doc[end].whitespace_ and doc[end + 1].is_lower and doc[end + 1].is_alpha \
            and len(doc[end + 1].text) <= 4 and len(doc[end - 1].text) <= 4 and doc[end - 1].is_title \
            and doc[end + 1].lower_ not in HYPHEN_SUFFIXES:
        end += 2
    return start, end


# "a resident surnamed Lin", "a boy named Tom": the verb that gives the name is not part of it.
_NAMING_WORDS = frozenset({"surnamed", "named", "nicknamed", "dubbed", "called"})


def _drop_naming_verb(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """"surnamed Lin": the model took the lower-case verb that gives the name into the person's name."""
    if label == "PERSON" and end - start > 1 and doc[start].lower_ in _NAMING_WORDS and doc[start].is_lower:
        start += 1
    return start, end


TRIM_STEPS = (
    _cut_at_line_breaks,
    _drop_naming_verb,
    _drop_repeated_name,
    _drop_leading_articles,
    _drop_leading_post,
    _drop_leading_past,
    _drop_person_titles,
    _drop_trailing_punct,
    _drop_trailing_titles,
    _drop_person_post,
    _drop_title_run_in,
    _drop_final_period,
    _take_hyphenated_given_name,
)


def trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop leading determiners/honorifics/titles and trailing possessives and punctuation."""
    for step in TRIM_STEPS:
        start, end = step(doc, start, end, label)
    return start, end
