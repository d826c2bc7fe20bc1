"""The post-passes over a document's claims, run in the order `POST_PASSES` lists them.

Each pass takes the run and the claims so far and returns the claims after it: dropping nested
attributions, snapping reported contents to the quotes they lie in, adding transcript and quote
claims, joining continuations, giving conjoined speakers their claims, joining the pieces of one
attribution.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from cooptool.extract import lexicon
from cooptool.extract.components.claims.base import (
    NESTABLE_CUES,
    OBJECT,
    REPORTED_RULES,
    SUBJECT_DEPS,
    Claim,
    ClaimRun,
    cue_lemma,
)
from cooptool.extract.components.claims.headlines import headline_claims, headline_colon
from cooptool.extract.components.claims.quoted import quote_claims, snap_to_quotes
from cooptool.extract.components.claims.transcripts import transcripts
from cooptool.extract.components.speakers import Speaker

CONTINUATION_PRONOUNS = frozenset("this that these those".split())
# "READ MORE: ...", "WATCH: ...", "** WINNER: ...": a line linking to another page.
_LINK_LINE = re.compile(r"[*#>|•\-–—\s]*(" + "|".join(
    re.escape(w) for w in sorted(lexicon.words("link_labels"), key=len, reverse=True)) + r")\s*:", re.I)


def _extent(c: Claim) -> tuple[int, int]:
    return c.extent or (c.start, c.end)


def drop_nested(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """Attributions do not nest: a cue inside another claim's content belongs to that claim."""
    # Largest first, so that a claim dropped as nested never drops a smaller one in turn.
    kept: list[Claim] = []
    for c in sorted(claims, key=lambda c: _extent(c)[0] - _extent(c)[1]):
        outer = [o for o in kept if _nests_in(run, c, o)]
        if outer and not all(_reported_report(o, c) for o in outer):
            continue
        kept.append(c)
    kept_ids = {id(c) for c in kept}
    return [c for c in claims if id(c) in kept_ids]


def _nests_in(run: ClaimRun, c: Claim, o: Claim) -> bool:
    """The cue of `c` lies in the (larger) content of `o`, unless it is a cue conjoined in it."""
    lo, hi = _extent(o)
    return lo <= c.cue_start < hi and hi - lo > c.end - c.start \
        and not (o.extent and c.cue is not None and c.cue.i in run.consumed)


def _reported_report(outer: Claim, inner: Claim) -> bool:
    """"Plevnik noted that Xi said China is ready ...": A reports B's words, and both made a claim
    (B the inner statement, A all of it). Only for a named inner speaker other than the outer one,
    with a speech cue of its own (not "hope", "want": those are the outer speaker's reading)."""
    sp, op = inner.speaker, outer.speaker
    return (sp is not None and sp.name is not None and sp.label in ("PERSON", "ORG", "GPE")
            and (op is None or op.entity_id != sp.entity_id) and inner.cue is not None
            and (cue_lemma(inner.cue) in NESTABLE_CUES and inner.pattern in REPORTED_RULES | {OBJECT}
                 or _relayed(outer) and inner.pattern in REPORTED_RULES | {OBJECT}))


def _relayed(outer: Claim) -> bool:
    """"X condemned the attack, the Anadolu agency reported": a medium relays what X did say; X's
    claim stays whatever its cue."""
    return outer.cue is not None and cue_lemma(outer.cue) == "report" and outer.cue.i > outer.cue.sent.start \
        and outer.start < outer.cue_start


def hold_quoted_cues(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """A cue inside a quote is the quoted speaker's report; it is set aside until the quotes are
    attributed (`restore_quoted_cues`)."""
    run.held = [c for c in claims if run.quote_of.get(c.cue.i if c.cue is not None else -1) is not None]
    return [c for c in claims if c not in run.held]


def add_headline(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """The headline's statement ("Iran says ...", "Goldsmith: '...'"): the headline is not parsed prose."""
    return claims + (headline_claims(run, claims) or headline_colon(run, claims))


def add_transcripts(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    for c in transcripts(run, claims):
        c.quotes = [i for i, q in enumerate(run.quotes) if q.start < c.end and c.start < q.end]
        claims.append(c)
    return claims


def add_quote_claims(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    return claims + quote_claims(run, claims)


def restore_quoted_cues(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """The claims set aside by `hold_quoted_cues` stay unless an attributed claim covers their cue."""
    claims = claims + [c for c in run.held if not any(o.start <= c.cue_start < o.end for o in claims)]
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def join_continuations(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """"X hoped for A. This would bring B, he added.": a reported claim that opens on a
    demonstrative pronoun only means something with the same speaker's statement right
    before it, so the two become one claim (the first one's cue)."""
    doc, text = run.doc, run.text
    out: list[Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        if prev is not None and _continues(doc, text, prev, c):
            prev.end = c.end
            continue
        out.append(c)
    return out


def _continues(doc, text: str, prev: Claim, c: Claim) -> bool:
    if c.direct or prev.direct or c.speaker is None or prev.speaker is None or c.speaker.name is None:
        return False
    first = doc.char_span(c.start, c.end, alignment_mode="expand")
    return (first is not None and first[0].lower_ in CONTINUATION_PRONOUNS and first[0].dep_ in SUBJECT_DEPS
            and (c.speaker.entity_id or c.speaker.name) == (prev.speaker.entity_id or prev.speaker.name)
            and prev.end <= c.start and re.fullmatch(r"[.;!?]?[ \t]*", text[prev.end:c.start]) is not None)


def add_conjoined_speakers(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """"GM and Ford blamed high fuel prices ...", "Both the cardinal and Dr Williams appealed ...":
    each named conjunct of the subject made the claim too, so each gets one."""
    out = [other for c in claims for other in _conjunct_claims(run, c)]
    claims = claims + out
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def _conjunct_claims(run: ClaimRun, c: Claim) -> list[Claim]:
    """The claim `c` again for each named conjunct after its speaker's mention."""
    if c.speaker is None or c.speaker.start is None:
        return []
    mention = run.doc.char_span(c.speaker.start, c.speaker.end, alignment_mode="expand")
    if mention is None or c.cue is None or mention.root.dep_ not in ("nsubj", "nsubjpass"):
        return []
    out = []
    for conj in mention.root.conjuncts:
        if conj.i <= mention.root.i or not conj.ent_type_ and conj.pos_ != "NOUN":
            continue
        other = run.resolver.resolve(conj)
        if other.name is None and c.speaker.label in ("ORG", "GPE"):
            other = _listed_organisation(run, conj) or other
        if other.name is None or other.entity_id == c.speaker.entity_id:
            continue
        out.append(Claim(c.start, c.end, c.cue, c.cue_text, c.cue_start, c.cue_end, other, c.pattern,
                         direct=c.direct, quotes=list(c.quotes), pieces=list(c.pieces)))
    return out


def _listed_organisation(run: ClaimRun, conj: Token) -> Speaker | None:
    """"Greenpeace, Oxfam and WWF said ...": a name listed with an organisation speaker that the model
    tagged as a building or a product speaks as an organisation too."""
    span = run.ent_at.get(conj.i)
    ent = run.resolver.entities.get(span.kb_id_) if span is not None else None
    if ent is None or span.label_ not in ("FAC", "PRODUCT") or conj.pos_ != "PROPN":
        return None
    return Speaker(ent["name"], ent["id"], "ORG", span.start_char, span.end_char, list(ent["aliases"]), "name")


def join_quote_pieces(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """"“A,” she said. “B.”", "The list, she says, is long": one attribution (one cue, one
    speaker), as PolNeAR and PARC count them, so one claim whose content is the pieces in order."""
    out: list[Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        if prev is not None and _same_attribution(prev, c):
            prev.pieces = (prev.pieces or [(prev.start, prev.end)]) + [(c.start, c.end)]
            prev.end = c.end
            prev.quotes = prev.quotes + c.quotes
            continue
        out.append(c)
    return out


def _same_attribution(prev: Claim, c: Claim) -> bool:
    return (c.direct == prev.direct and c.cue is not None
            and (c.cue_start, c.cue_end) == (prev.cue_start, prev.cue_end)
            and (c.speaker.entity_id if c.speaker else None) == (prev.speaker.entity_id if prev.speaker else None)
            and prev.end <= c.start and (c.direct or prev.end <= c.cue_start < c.start))


def drop_link_lines(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """"READ MORE: Mayor says the city is ready": a line opening with a link label is another story's
    headline, so no claim is read from it (its cue or its content there)."""
    text = run.text
    links: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if _LINK_LINE.match(line):
            links.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not links:
        return claims
    return [c for c in claims if not any(lo <= c.cue_start < hi or lo <= c.start < hi for lo, hi in links)]


# In order; each reads what the passes before it left.
POST_PASSES = (
    drop_nested,
    hold_quoted_cues,
    snap_to_quotes,
    add_transcripts,
    add_headline,
    add_quote_claims,
    restore_quoted_cues,
    join_continuations,
    add_conjoined_speakers,
    join_quote_pieces,
    drop_link_lines,
)
