"""Direct quotes: who said each quotation the reported-speech rules did not already take.

For each quote, in order: the next paragraph of a quote goes on with its speaker; otherwise a cue
right before the opening mark, a cue with a subject in the same paragraph after or before it (or
further on after a name), a dash and a name after it, the speaker of the quote or statement before
it, a sentence that introduced it ending in a colon.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from cooptool.extract import lexicon
from cooptool.extract.components.claims.base import (
    CLAUSE_CUES,
    NAMING_CUES,
    OBJECT,
    OBJECT_QUOTED,
    QUOTE_AFTER,
    QUOTE_BEFORE,
    QUOTE_CUES,
    QUOTE_DASH,
    QUOTE_FLOATING,
    QUOTE_INHERITED,
    QUOTE_INTRODUCED,
    QUOTE_MARKS,
    QUOTE_OPENING,
    Claim,
    ClaimRun,
    claim_with_cue,
    could_speak,
    cue_lemma,
    end_of,
    is_cue_verb,
    trim_quote,
)
from cooptool.extract.components.claims.subjects import own_subject, quote_cue_subject, subject
from cooptool.extract.components.quotes import Quote
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule

_DASHES = ("—", "–", "―", "-")
# Small words that stay lower case inside a capitalised title ("The Art of the Deal").
TITLE_SMALL_WORDS = lexicon.words("title_small_words")
_NOT_A_SPEAKER = ("it", "this", "that", "there", "what")


def looks_like_title(quoted: str) -> bool:
    """“The Steve Harvey Morning Show”: a short quote of capitalised words names something."""
    words = [w for w in quoted.strip(" ,.").split() if w[:1].isalpha()]
    return 0 < len(words) <= 8 and quoted.strip()[-1:] not in ".!?" and all(
        w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words) and len(words) > 1


def snap_to_quotes(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """A reported content that lies in a quote (or is one) becomes that whole quote, direct."""
    text, quotes = run.text, run.quotes
    for c in claims:
        inside = [i for i, q in enumerate(quotes) if q.start < c.end and c.start < q.end]
        if not inside:
            continue
        covered = sum(min(quotes[i].end, c.end) - max(quotes[i].start, c.start) for i in inside)
        outside = text[c.start:c.end]
        for i in inside:
            outside = outside.replace(text[quotes[i].start:quotes[i].end], "")
        if _names_in_a_word(run, c, inside):
            c.quotes = inside  # "called that suggestion “disgraceful”": the name alone says nothing of what
            continue
        if covered >= 0.8 * (c.end - c.start) or len(outside.split()) <= 2:
            best = max(inside, key=lambda i: min(quotes[i].end, c.end) - max(quotes[i].start, c.start))
            c.start, c.end = trim_quote(text, quotes[best].start, quotes[best].end)
            c.direct = True
            c.quotes = [best]
            if c.pattern == OBJECT:
                c.pattern = OBJECT_QUOTED
        else:
            c.quotes = inside  # a mixed quote: part of a reported claim
    return claims


def _names_in_a_word(run: ClaimRun, c: Claim, inside: list[int]) -> bool:
    """A naming cue whose quoted name is a word or two ("called the plan “a gamble”"): the claim keeps the
    object it names, not only the quote."""
    if c.cue is None or cue_lemma(c.cue) not in NAMING_CUES or len(inside) != 1:
        return False
    q = run.quotes[inside[0]]
    named = run.text[q.start:q.end]
    return len(named.split()) <= 3 and q.start > c.start and run.text[c.start:q.start].strip(" “\"'") != ""


rule(OBJECT_QUOTED, confidence=0.8, examples=[
    ("Trial\n\nMaya Kent denied “the charges of fraud against her.”",
     {"speaker": "Maya Kent", "direct": True, "cue": "denied", "text": "the charges of fraud against her."}),
])(snap_to_quotes)


NOT_SPEECH = frozenset({"claim.attitude", "claim.view.in_view"})


def quote_claims(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """A claim for each quote no claim took yet, attributed by the first rule that finds its speaker."""
    text, quotes = run.text, run.quotes
    used = {i for c in claims for i in c.quotes}
    # A view or an attitude ("she was sure ...") has no cue of saying that a quote could belong to.
    cues = sorted((c for c in claims if c.pattern not in NOT_SPEECH), key=lambda c: c.cue_start)
    out: list[Claim] = []
    for i, q in enumerate(quotes):
        if i in used or looks_like_title(text[q.start:q.end]):
            continue
        continued = _continued(run, i, claims + out)
        if continued is not None:
            out.append(continued)
            continue
        if _fragment(run, q, cues + out):
            continue  # a fragment quoted inside someone else's sentence, not a statement
        found = _attribution(run, q, i, cues + out)
        if found is None:
            continue
        owner, pattern = found
        if pattern == QUOTE_INHERITED and q.words(text) < 4:
            continue
        out.append(owner.quoted_as(*trim_quote(text, q.start, q.end), pattern, i))
    return out


def _continued(run: ClaimRun, i: int, known: list[Claim]) -> Claim | None:
    """The next paragraph of a quote (also where the text lost its paragraph breaks: “A. “B.”): the
    speaker of the piece before, whatever cue follows this piece."""
    quotes = run.quotes
    q, prev = quotes[i], quotes[i - 1] if i else None
    if prev is None or prev.chain != q.chain or prev.close_at is not None:
        return None
    owner = next((c for c in known if i - 1 in c.quotes and c.direct), None)
    if owner is None:
        return None
    return owner.quoted_as(*trim_quote(run.text, q.start, q.end), owner.pattern, i)


def _fragment(run: ClaimRun, q: Quote, known: list[Claim]) -> bool:
    """A quote of a few words right after a word, with no cue right before it."""
    text = run.text
    before = text[:q.open_at].rstrip()[-1:]
    return q.words(text) <= 3 and before.isalnum() and cue_right_before(
        run, q, text.rfind("\n", 0, q.open_at) + 1, known) is None


def _attribution(run: ClaimRun, q: Quote, qi: int, known: list[Claim]) -> tuple[Claim, str] | None:
    """The claim whose cue and speaker this quote takes, and the name of the rule that found it."""
    found = cue_near(run, q, qi, known)
    if found is not None:
        return found
    for find, pattern in ((lambda: dash_source(run, q), QUOTE_DASH),
                          (lambda: inherited(run, q, known), QUOTE_INHERITED),
                          (lambda: introduced(run, q), QUOTE_INTRODUCED),
                          (lambda: floating(run, q), QUOTE_FLOATING)):
        owner = find()
        if owner is not None:
            return owner, pattern
    return None


# ---- a cue next to the quote -------------------------------------------------------------------

def _word_before_mark(run: ClaimRun, lo: int, open_at: int) -> Token | None:
    """The last word between `lo` and an opening mark, past a comma, colon or an adverb right before it."""
    doc = run.doc
    span = doc.char_span(lo, open_at, alignment_mode="contract") if open_at > lo else None
    if span is None or not len(span):
        return None
    k = span.end - 1
    while k >= span.start and (doc[k].is_space or doc[k].text in (",", ":") or doc[k].pos_ == "ADV"
                               and doc[k].dep_ in ("advmod", "prt") and span.end - k <= 3):
        k -= 1
    return doc[k] if k >= span.start else None


@rule(QUOTE_OPENING, confidence=0.9, examples=[
    ("Party\n\nSinger Lily Moss beamed, “This is the best night of my life.”",
     {"speaker": "Lily Moss", "direct": True, "cue": "beamed"}),
])
def cue_right_before(run: ClaimRun, q: Quote, lo: int, known: list[Claim]) -> Claim | None:
    """"She declared “What a night!” and said ...", "When a man shouted, “Out!” the mayor joked":
    a cue verb right before the opening mark (a comma, colon or adverb between) introduces this
    quote, whatever cue comes after it."""
    tok = _word_before_mark(run, lo, q.open_at)
    if tok is None or not is_cue_verb(tok, QUOTE_CUES):
        return None
    existing = claim_with_cue(known, tok)
    if existing is not None:
        return existing if existing.direct or existing.start < tok.idx else None
    subj = subject(tok) or quote_cue_subject(tok)
    if subj is None:
        return None
    return Claim.at_cue(tok, run.resolver.resolve(subj), QUOTE_OPENING)


@rule(QUOTE_AFTER, confidence=0.9, examples=[
    ("Harbour\n\n“Get off my boat right now,” skipper Jon Berg barked.",
     {"speaker": "Jon Berg", "direct": True, "cue": "barked", "text": "Get off my boat right now"}),
])
def _after_window(run: ClaimRun, toks: list[Token], known: list[Claim]) -> Claim | None:
    """"“...,” she said": a cue after the quote, in its paragraph (or, after a name, further on:
    `late_cue`)."""
    return _cue_in(run, toks, QUOTE_CUES, known, after=True)


@rule(QUOTE_BEFORE, confidence=0.9, examples=[
    ("Bridge\n\nMayor Lena Ortiz wants the bridge rebuilt but conceded this was costly. “We cannot afford "
     "to wait another year for it.”",
     {"speaker": "Lena Ortiz", "direct": True, "cue": "conceded"}),
])
def _before_window(run: ClaimRun, toks: list[Token], known: list[Claim]) -> Claim | None:
    """"Trump said Monday “...”": a cue before the quote, in its paragraph."""
    return _cue_in(run, toks, CLAUSE_CUES, known, after=False)


def cue_near(run: ClaimRun, q: Quote, qi: int, known: list[Claim]) -> tuple[Claim, str] | None:
    """A speech cue with a subject between this quote and its neighbours in the same paragraph, and
    the name of the rule that found it."""
    text = run.text
    prev_close, next_open, para_end = _neighbours(run, q, qi)
    right_before = cue_right_before(run, q, prev_close, known)
    if right_before is not None:
        return right_before, QUOTE_OPENING
    after_from = (q.close_at + 1) if q.close_at is not None else para_end
    # A quote that ends its own sentence (“... $1.30.” Some analysts maintain ...) is followed by a
    # new statement: only a cue right after it ("." he said) is its cue.
    ends_sentence = q.close_at is not None and text[:q.close_at].rstrip()[-1:] in ".?!"
    span = _window(run, after_from, next_open)
    found = _cue_after(run, span, ends_sentence, known) if span is not None else None
    if found is not None:
        return found, QUOTE_AFTER
    span = _window(run, prev_close, q.open_at)
    found = _before_window(run, _before_tokens(text, span, prev_close, q.open_at), known) if span is not None else None
    return (found, QUOTE_BEFORE) if found is not None else None


def _window(run: ClaimRun, lo: int, hi: int):
    """The tokens of text[lo:hi], or None when it is empty."""
    return run.doc.char_span(lo, hi, alignment_mode="expand") if hi > lo else None


def _cue_after(run: ClaimRun, span, ends_sentence: bool, known: list[Claim]) -> Claim | None:
    """A cue in the few words after the quote; right after it when the quote ends its sentence."""
    toks = [t for t in span if not t.is_space][:2] if ends_sentence else list(span)[:run.max_quote_gap]
    found = _after_window(run, toks, known)
    if found is None and not ends_sentence:
        found = late_cue(run, list(span), known)
    return found


def _neighbours(run: ClaimRun, q: Quote, qi: int) -> tuple[int, int, int]:
    """The end of the quote before this one in its paragraph (else the paragraph start), the start of
    the next one (else the paragraph end), and the paragraph end."""
    text, quotes = run.text, run.quotes
    para_start = text.rfind("\n", 0, q.open_at) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    prev_close = max([quotes[j].close_at + 1 for j in range(qi) if quotes[j].close_at is not None
                      and quotes[j].close_at >= para_start] or [para_start])
    next_open = min([quotes[j].open_at for j in range(qi + 1, len(quotes)) if quotes[j].open_at < para_end]
                    or [para_end])
    return prev_close, next_open, para_end


def _before_tokens(text: str, span, lo: int, hi: int) -> list[Token]:
    """The tokens before the quote, nearest first; only six unless the words introduce the quote
    (a colon, comma or dash, "that")."""
    toks = list(span)
    toks.reverse()  # the cue nearest the quote
    tail = text[lo:hi].rstrip()
    introduces = bool(tail) and (tail[-1] in ":,—–" or tail.lower().endswith("that"))
    return toks if introduces else toks[:6]  # "Trump said Monday “...”"


def _cue_in(run: ClaimRun, toks: list[Token], cues: set[str], known: list[Claim], after: bool) -> Claim | None:
    """The first cue of `cues` among `toks` with a speaker: the claim that has it, or a new one."""
    for tok in toks:
        # A verb of voice or display attributes only the quote right next to it.
        if not is_cue_verb(tok, cues):
            continue
        subj = subject(tok) or quote_cue_subject(tok)
        if cue_lemma(tok) == "quote":
            # "“...,” AP quoted prosecutor Russell McGuire as saying": the one quoted speaks.
            subj = next((c for c in tok.children if c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "ORG")), None)
        speaker = run.resolver.resolve(subj) if subj is not None else None
        if speaker is None:
            # The claim this cue already made may know its speaker (found by a pass of its own); the
            # quote stays a record of its own.
            existing = claim_with_cue(known, tok)
            speaker = existing.speaker if existing is not None else None
            if speaker is None and subj is None:
                continue
        return Claim.at_cue(tok, speaker, QUOTE_AFTER if after else QUOTE_BEFORE)
    return None


def late_cue(run: ClaimRun, toks: list[Token], known: list[Claim]) -> Claim | None:
    """“...,” Trump, the party's candidate in a race he leads by a wide margin, said: a name
    right after the quote and its cue further on than the usual window, in the same sentence (a cue
    after the quote too)."""
    lead = _named_lead(run, toks)
    if lead is None:
        return None
    root = run.ent_at[lead.i].root if lead.i in run.ent_at else lead
    for tok in toks[:40]:
        if tok.sent.start != lead.sent.start or tok.text in QUOTE_MARKS:
            return None
        if cue_lemma(tok) not in CLAUSE_CUES or tok.pos_ != "VERB" or tok.i <= root.i:
            continue
        own = own_subject(tok)
        if own is not None and own.i != root.i or claim_with_cue(known, tok) is not None:
            return None
        return Claim.at_cue(tok, run.resolver.resolve(root), QUOTE_AFTER)
    return None


def _named_lead(run: ClaimRun, toks: list[Token]) -> Token | None:
    """The first word after the quote when it starts a name or is "he", "she", "they"."""
    lead = next((t for t in toks if not (t.is_punct or t.is_space)), None)
    if lead is None:
        return None
    named = lead.ent_type_ in ("PERSON", "ORG") or lead.lower_ in ("he", "she", "they")
    ent = run.ent_at.get(lead.i)
    return lead if named and (ent is None or ent.start == lead.i) else None


# ---- quotes with no cue next to them -----------------------------------------------------------

@rule(QUOTE_DASH, confidence=0.75, examples=[
    ("Readers' letters\n\n“Our library should stay open on Sundays.” — Carla Jensen",
     {"speaker": "Carla Jensen", "direct": True, "cue": "—"}),
])
def dash_source(run: ClaimRun, q: Quote) -> Claim | None:
    """“...” — Jane Doe: a quote signed by a dash and a name."""
    doc, text = run.doc, run.text
    if q.close_at is None:
        return None
    rest = text[q.close_at + 1:q.close_at + 6]
    stripped = rest.lstrip()
    if not stripped or stripped[0] not in _DASHES:
        return None
    dash_at = q.close_at + 1 + (len(rest) - len(stripped))
    after = doc.char_span(dash_at + 1, min(len(text), dash_at + 60), alignment_mode="expand")
    if after is None:
        return None
    toks = [t for t in after if not t.is_space]
    if not toks or not (toks[0].ent_type_ in ("PERSON", "ORG") or toks[0].pos_ == "PROPN" and toks[0].is_title):
        return None
    span = run.ent_at.get(toks[0].i)
    head = span.root if span is not None else toks[0]
    speaker = run.resolver.resolve(head)
    if speaker.name is None:
        speaker.start, speaker.end = toks[0].idx, end_of(_last_of_name(doc, head))
    return Claim(0, 0, None, text[dash_at], dash_at, dash_at + 1, speaker, QUOTE_DASH)


def _last_of_name(doc, head: Token) -> Token:
    """The last of the capitalised proper nouns from `head` on."""
    end = head.i
    while end + 1 < len(doc) and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN":
        end += 1
    return doc[end]


@rule(QUOTE_INHERITED, confidence=0.7, examples=[
    ("Harbour\n\nSkipper Jon Berg said on Monday that the boats were old. “Nobody builds them here any "
     "more. We patch them every winter and hope for the best.”",
     {"speaker": "Jon Berg", "direct": True, "cue": "said"}),
    ("Harbour\n\nThe boats are old and nobody builds them here any more, said skipper Jon Berg.\n\n"
     "“We patch them every winter.” The harbour closes in March.",
     {"speaker": "Jon Berg", "direct": True, "cue": "said"}),
    ("Harbour\n\nSkipper Jon Berg described the new quay as “far too small”. “Nobody can moor a trawler "
     "there in a storm.”",
     {"speaker": "Jon Berg", "direct": True, "cue": "described"}),
])
def inherited(run: ClaimRun, q: Quote, known: list[Claim]) -> Claim | None:
    """A quote with no cue of its own continues the speaker of the previous quote in the paragraph,
    or, when it opens its paragraph, of a claim ending the paragraph before."""
    text = run.text
    para_start = text.rfind("\n", 0, q.open_at) + 1
    before = [c for c in known if c.end <= q.open_at and c.cue_start <= q.open_at]
    if not before:
        return None
    last = max(before, key=lambda c: max(c.end, c.cue_end))
    if last.speaker is None:
        return None
    last_end = max(last.end, last.cue_end)
    if last_end >= para_start:
        return last if _goes_on_in_paragraph(text, q, last, para_start) else None
    if text[para_start:q.open_at].strip():
        return None
    prev_para_start = text.rfind("\n", 0, max(0, para_start - 1))
    prev_para_start = text.rfind("\n", 0, prev_para_start) if text[prev_para_start + 1:para_start].strip() == "" \
        else prev_para_start
    if last_end < prev_para_start:
        return None
    tail = text[last_end:para_start].strip()
    if tail in ("", ":", ".", ":”", ".”") or tail.endswith(":") or _only_speaker_after_cue(run, last, para_start):
        return last
    return None


def _only_speaker_after_cue(run: ClaimRun, last: Claim, para_start: int) -> bool:
    """"“... up to today,” said Mr Williams.¶ “This cannot go on.”": after an inverted cue only its
    subject (the speaker's name) ends the paragraph, so the next quote goes on with the same speaker."""
    cue = last.cue
    if cue is None or last.end > last.cue_start or last.speaker is None:
        return False
    subj = subject(cue)
    if subj is None or subj.i < cue.i:
        return False
    names = {t.i for t in subj.subtree}
    rest = [t for t in run.doc[cue.i + 1:] if t.idx < para_start and not t.is_space]
    return bool(rest) and all(t.i in names or t.is_punct for t in rest)


def _goes_on_in_paragraph(text: str, q: Quote, last: Claim, para_start: int) -> bool:
    """"Mr Fox said closures had no impact. “If it's 12.30 ...”": a quote right after the speaker's
    reported statement goes on with it; so does one after a quote, or one opening its paragraph."""
    # "... described it as “very important”. “This is ...”": a quoted word may close the statement
    right_after = re.fullmatch(r"[\"”’']?[.,;:!?]?[\"”’']?\s*", text[max(last.end, last.cue_end):q.open_at]) is not None
    quoted = last.direct or text[max(0, last.start - 1):last.start] in QUOTE_MARKS or any(
        text[max(0, a - 1):a] in QUOTE_MARKS for a, _ in last.pieces)
    return quoted or right_after or text[para_start:q.open_at].strip() == ""


@rule(QUOTE_FLOATING, confidence=0.6, examples=[
    ("Bridge\n\nTransport minister Ana Silva opened the new bridge on Monday, ten years after work began.\n\n"
     "“We have waited ten years for this bridge. It will change the life of the town.”\n\nIt cost 40 million euros.",
     {"speaker": "Ana Silva", "direct": True}),
    ("Bridge\n\nThe bridge was opened on Monday.\n\n“We have waited ten years for this bridge. It will change "
     "the life of the town.”", None),
    ("Bridge\n\nTransport minister Ana Silva arrived in the town on Monday.\n\nThe minister then opened the new "
     "bridge.\n\n“We have waited ten years for this bridge. It will change the life of the town.”",
     {"speaker": "Ana Silva", "direct": True}),
])
def floating(run: ClaimRun, q: Quote) -> Claim | None:
    """A paragraph that is one quote with no cue, after a paragraph whose last sentence has a named
    person as its subject: that person speaks ("Minister Ana Silva opened the bridge on Monday.¶ “We
    have waited ten years ...”")."""
    text, doc = run.text, run.doc
    para_start = text.rfind("\n", 0, q.open_at) + 1
    para_end = text.find("\n", q.open_at)
    para_end = len(text) if para_end < 0 else para_end
    if q.close_at is None or text[para_start:q.open_at].strip() or text[q.close_at + 1:para_end].strip() \
            or q.words(text) < 6:
        return None
    prev_end = len(text[:para_start].rstrip())
    if prev_end == 0 or text[prev_end - 1] in QUOTE_MARKS or text[prev_end - 1] == ":":
        return None  # after a quote or a colon the other rules decide
    last = doc.char_span(prev_end - 1, prev_end, alignment_mode="expand")
    if last is None:
        return None
    subj = own_subject(last[0].sent.root)
    if subj is None or subj.i in run.quote_of:
        return None
    ent = run.ent_at.get(subj.i)
    if ent is not None and ent.label_ == "PERSON":
        speaker = run.resolver.resolve(ent.root)
    elif ent is None and subj.lower_ in ROLE_HEADS and subj.pos_ == "NOUN":
        speaker = run.resolver.resolve(subj)  # "The minister then opened the bridge.¶ “...”": the one it names
        if speaker.label != "PERSON":
            return None
    else:
        return None
    if speaker.name is None:
        return None
    return Claim(0, 0, None, "", q.open_at, q.open_at, speaker, QUOTE_FLOATING)


@rule(QUOTE_INTRODUCED, confidence=0.9, examples=[
    ("Storm Warning\n\nThe forecast worries harbour master Ines Duarte: “The sea wall will not hold "
     "another winter.”",
     {"speaker": "Ines Duarte", "direct": True, "cue": ":"}),
])
def introduced(run: ClaimRun, q: Quote) -> Claim | None:
    """A quote after a colon: "She said:" ending the paragraph before, or a sentence naming the
    speaker before the colon in the same paragraph or the one before ("The timing does not
    surprise pollster Dan Ruiz: “...”", "He then listed his tests:", "Lee released the
    following statement:")."""
    colon = _introducing_colon(run.text, q)
    if colon is None:
        return None
    span = run.doc.char_span(max(0, colon - 200), colon, alignment_mode="contract")
    if span is None or not len(span):
        return None
    last = span[-1]
    ent = run.ent_at.get(last.i)
    if ent is not None and ent.end == last.i + 1 and ent.label_ in ("PERSON", "ORG"):
        # The speaker's name right before the colon.
        return Claim(0, 0, None, ":", colon, colon + 1, run.resolver.resolve(ent.root), QUOTE_INTRODUCED)
    return _introducing_cue(run, last) or _introducing_sentence(run, last)


def _introducing_colon(text: str, q: Quote) -> int | None:
    """The colon that introduces the quote: ending the words before it in its paragraph, or ending
    the paragraph before when the quote opens its own."""
    para_start = text.rfind("\n", 0, q.open_at) + 1
    lead = text[para_start:q.open_at].strip()
    if lead:
        return text.rfind(":", para_start, q.open_at) if lead.endswith(":") else None
    colon = len(text[:para_start].rstrip()) - 1
    return colon if colon >= 0 and text[colon] == ":" else None


def _introducing_cue(run: ClaimRun, last: Token) -> Claim | None:
    """"He said:", "He then listed his tests:" with a clause cue: the cue's subject speaks."""
    for tok in reversed(list(last.sent)):
        if tok.i <= last.i and is_cue_verb(tok, CLAUSE_CUES):
            subj = subject(tok)
            if subj is not None:
                return Claim.at_cue(tok, run.resolver.resolve(subj), QUOTE_INTRODUCED)
    return None


def _introducing_sentence(run: ClaimRun, last: Token) -> Claim | None:
    """"Lee released the following statement:": the subject of the sentence's verb speaks."""
    root = last.sent.root
    subj = own_subject(root)
    if root.pos_ not in ("VERB", "AUX") or subj is None or subj.lower_ in _NOT_A_SPEAKER \
            or not could_speak(subj) or root.i > last.i:
        return None
    return Claim.at_cue(root, run.resolver.resolve(subj), QUOTE_INTRODUCED)

