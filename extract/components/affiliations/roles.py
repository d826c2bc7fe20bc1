"""The role-word scanner: which tokens make a job title, where a title before a name begins, where a
role phrase after a name ends, and whether what was read is a role at all."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from cooptool.extract.components.affiliations.words import (
    DETS,
    EMPLOYER_LABELS,
    FINITE_TAGS,
    POSSESSIVE,
    ROLE_WORDS,
    STATE_POSTS,
    STOP_PUNCT,
    TITLE_PREFIXES,
)
from cooptool.extract.lexicon import ROLE_HEADS, ROLE_MODIFIERS, ROLE_ORG_PREPS
from cooptool.extract.profiles import status_of_words


def is_role_word(tok: Token) -> bool:
    low = tok.lower_
    if low == "under" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "secretary":
        return True  # "Treasury Under Secretary"
    if tok.pos_ in ("CCONJ", "ADP", "DET", "PUNCT"):
        return False
    if low in ROLE_HEADS or low in ROLE_MODIFIERS:
        return True
    # "insurance analyst", and title-case portfolios the model left untagged ("Transport Minister")
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and (tok.is_lower or tok.is_title and tok.is_alpha)


def role_heads(role: list[Token]) -> set[str]:
    return {t.lower_ for t in role if t.lower_ in ROLE_HEADS}


def _over_hyphen(doc: Doc, j: int, stop: int, ent_at: dict, role: list[Token]) -> int:
    """Extend `role` leftwards over a hyphen at token j; the new index of the token before the role."""
    if j - 1 < stop or doc[j].text != "-" or doc[j].whitespace_ or doc[j - 1].whitespace_ or j - 1 in ent_at:
        return j
    prev = doc[j - 1]
    if is_role_word(prev) and prev.is_title and role[0].is_title:
        # "Secretary-General", "Director-General": a hyphen inside a capitalised title ("ex-chief" is not)
        role.insert(0, doc[j])
        return j - 1
    if prev.lower_ in TITLE_PREFIXES:
        # "co-chairman", "vice-chairman", "ex-minister": a prefix joined by a hyphen is part of the title.
        role[0:0] = [prev, doc[j]]
        return j - 2
    return j


def _over_of(doc: Doc, j: int, stop: int, role: list[Token], limit: int) -> tuple[list[Token], int]:
    """"Chancellor of the Exchequer", "Envoy for Climate": a capitalised title goes on over "of/for [the]"."""
    k = j - 1 if j >= stop and doc[j].lower_ == "the" else j
    if role and all(t.is_title for t in role) and k - 1 >= stop and doc[k].lower_ in ("of", "for") \
            and doc[k - 1].is_title and doc[k - 1].lower_ in ROLE_HEADS and len(role) < limit - 2:
        return list(doc[k:j + 1]) + role, k - 1
    return role, j


def _title_ordinal(doc: Doc, j: int, ent_at: dict) -> bool:
    """"First Minister", "Scotland's First Secretary": the model tags "First" as an ORDINAL, but before a
    title word it is part of the title."""
    span = ent_at[j]
    return span.label_ == "ORDINAL" and len(span) == 1 and doc[j].lower_ == "first" and j + 1 < len(doc) \
        and doc[j + 1].lower_ in ROLE_HEADS | ROLE_MODIFIERS and doc[j + 1].i not in ent_at


def role_words_before(doc: Doc, j: int, stop: int, ent_at: dict, limit: int) -> tuple[list[Token], int]:
    """The run of title words ending at token j (back to `stop`, a name or `limit` words), and the
    index of the token before it."""
    role: list[Token] = []
    while j >= stop and (j not in ent_at or _title_ordinal(doc, j, ent_at)) and is_role_word(doc[j]) and len(role) < limit:
        role.insert(0, doc[j])
        j = _over_hyphen(doc, j - 1, stop, ent_at, role)
        role, j = _over_of(doc, j, stop, role, limit)
    return role, j


def _employer_in(ent_at: dict, lo: int, hi: int) -> bool:
    return any(ent_at.get(i) is not None and ent_at[i].label_ in EMPLOYER_LABELS for i in range(lo, hi))


def conjoined_roles(doc: Doc, seg: Span, ent_at: dict) -> list[Span]:
    """"executive director of the X Foundation and Emeritus Professor at the Y School": two roles, each
    with its organisation. The segment splits at an "and" outside a name that a role word follows and
    that has an organisation on both sides; otherwise it is one role."""
    cuts: list[int] = []
    for t in seg:
        if t.lower_ != "and" or t.i in ent_at or t.i + 1 >= seg.end:
            continue
        nxt = doc[t.i + 1]
        if nxt.lower_ in ("a", "an") and t.i + 2 < seg.end:
            nxt = doc[t.i + 2]  # "a scientist at X and an academician at Y"
        if not _employer_in(ent_at, cuts[-1] if cuts else seg.start, t.i):
            continue
        if _state_post_after(doc, nxt, seg.end, ent_at):
            cuts.append(t.i)  # "... of the X Party and Vietnamese president", "and former prime minister of Somalia"
            continue
        if nxt.i in ent_at or not (nxt.lower_ in ROLE_WORDS or is_role_word(nxt) and nxt.is_title):
            continue
        if _employer_in(ent_at, t.i + 1, seg.end) and _heads_a_role(doc, t.i + 1, seg.end, ent_at):
            cuts.append(t.i)
    if not cuts:
        return [seg]
    bounds = [seg.start, *cuts, seg.end]
    return [doc[bounds[k] + (1 if k else 0):bounds[k + 1]] for k in range(len(bounds) - 1)]


def _state_post_after(doc: Doc, nxt: Token, end: int, ent_at: dict) -> bool:
    """A second post of a state after "and": "Vietnamese president" (a nationality, then the post, ending
    the phrase) or "former deputy prime minister of Somalia" (the post, "of", the country ending the phrase)."""
    place = ent_at.get(nxt.i)
    if place is not None:
        return place.label_ in ("NORP", "GPE") and place.start == nxt.i and place.end < end \
            and all(is_role_word(t) and t.i not in ent_at for t in doc[place.end:end]) \
            and doc[end - 1].lower_ in STATE_POSTS
    k = nxt.i
    while k < end and k not in ent_at and is_role_word(doc[k]):
        k += 1
    if k == nxt.i or doc[k - 1].lower_ not in STATE_POSTS or k + 1 >= end or doc[k].lower_ != "of":
        return False
    place = ent_at.get(k + 1)
    return place is not None and place.label_ == "GPE" and place.start == k + 1 and place.end == end


def _heads_a_role(doc: Doc, start: int, end: int, ent_at: dict) -> bool:
    """A role head before the next name: "and Emeritus Professor at Y" is a second role; "professor in
    Systems and Control at Y" is one role whose field the model tagged as a name."""
    for i in range(start, end):
        if i in ent_at:
            return False
        if doc[i].lower_ in ROLE_HEADS:
            return True
    return False


def segment(doc: Doc, start: int, sent: Span, ent_at: dict, max_tokens: int) -> Span | None:
    """Tokens up to the next comma, dash, bracket or finite verb outside a name."""
    end = start
    while end < sent.end and end - start < max_tokens:
        if end not in ent_at and _ends_segment(doc, end, start):
            break
        end += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _ends_segment(doc: Doc, end: int, start: int) -> bool:
    tok = doc[end]
    if tok.text in STOP_PUNCT or (tok.is_space and "\n" in tok.text):
        return True
    if tok.text in ("-", "–") and end > 0 and doc[end - 1].whitespace_:
        return True  # a spaced dash opens an aside; "longest-serving" does not
    if tok.lower_ == "as" and end > start and end + 2 < len(doc) and doc[end + 1].lower_ == "well" \
            and doc[end + 2].lower_ == "as":
        return True  # "vice chairman of X as well as the son of Y": a second description, not the role
    return tok.tag_ in FINITE_TAGS and end > start


def cut_at_clause(role: list[Token]) -> list[Token]:
    """A role after "ORG" ends where a clause or a further phrase begins."""
    out = []
    for t in role:
        if t.tag_ in FINITE_TAGS or t.lower_ in ("who", "which", "that"):
            break
        out.append(t)
    return out


# Participles that link a role to its employer ("a scholar associated with X"): not part of the role.
_LINKING_PARTICIPLES = ("associated", "affiliated", "attached")


def strip_role(role: list[Token]) -> list[Token]:
    toks = [t for t in role if not t.is_space]
    while toks and (toks[-1].lower_ in ROLE_ORG_PREPS or toks[-1].lower_ in DETS or toks[-1].lower_ == "under" or toks[-1].is_punct
                    or toks[-1].lower_ in POSSESSIVE or toks[-1].lower_ in _LINKING_PARTICIPLES and len(toks) > 1):
        toks.pop()
    while toks and (toks[0].lower_ in DETS or toks[0].is_punct):
        toks.pop(0)
    return _without_appointed(toks)


# "the newly appointed chairman", "recently elected president": how the post was taken, not part of it
# (`status` still reads the words before the role, so the post is an incoming one).
_APPOINTED = ("appointed", "elected", "reappointed", "installed")
_APPOINTED_ADVERBS = ("newly", "recently", "just")


def _without_appointed(toks: list[Token]) -> list[Token]:
    k = 0
    if len(toks) > 2 and toks[0].lower_ in _APPOINTED_ADVERBS:
        k = 1
    if len(toks) > k + 1 and toks[k].lower_ in _APPOINTED and toks[k + 1].lower_ in ROLE_WORDS:
        return toks[k + 1:]
    return toks


def valid_role(toks: list[Token]) -> bool:
    if not toks or len(toks) > 25:
        return False
    if not any(t.lower_ in ROLE_HEADS for t in toks):
        return False
    # A clause is not a role: no verbs but gerunds ("managing director").
    return not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" and t.lower_ not in ROLE_WORDS for t in toks)


def status(doc: Doc, toks: list[Token], org, person: Span, sent: Span) -> str:
    """current / former / incoming: the role's words, and the three words before a title that
    comes first ("former WorldCom chief X", "the newly appointed chief executive X")."""
    words = [t.text for t in toks]
    first = min([t.i for t in toks] + ([org.start] if 0 <= org.start < person.start else []), default=None)
    if first is not None and first < person.start:
        words += [t.text for t in doc[max(sent.start, first - 3):first]]
    else:  # "X, the former chief executive": between the name and the role
        words += [t.text for t in doc[person.end:toks[0].i]] if toks and toks[0].i > person.end else []
    return status_of_words(words)
