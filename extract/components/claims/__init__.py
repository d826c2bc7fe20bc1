"""`cooptool_claims`: who said what — direct quotes and reported speech, speakers resolved.

Runs after `cooptool_entities` and `cooptool_affiliations` and reads what they left on the Doc.
Where each pattern of news wording lives (each is a rule of `cooptool.extract.rules`, and a record's
`pattern` names the rule that made it):

- `reported.py`: a cue verb with a subject and what it governs — a clause ("Hart said AmCham China
  looks forward to ...", `claim.reported.clause`; intent and evidence cues have their own rules),
  the cue after it ("Prices will rise, the company warned", `claim.reported.trailing`), a nominal
  object for the cues that take one ("X denied the allegations", `claim.reported.object`), a stance
  ("X wants ... to ...", `claim.reported.stance`), a cue inside its clause, cues conjoined in the
  content;
- `stances.py`: a view or an attitude instead of a verb of saying ("In X's view, ...",
  `claim.view.in_view`; "X was hopeful that ...", `claim.attitude`);
- `according.py`: "According to X, ..." and "..., according to X";
- `nouns.py`: "his claim that ...";
- `quoted.py`: direct quotes attributed by a cue in or next to the quote's sentence, the speaker
  after, before or in the middle ("“A,” she said. “B.”"); quotes over several paragraphs; a quote
  after a colon that introduced its speaker; a dash and a name ("“...” — NAME"); a quote going on
  with the speaker before;
- `transcripts.py`: "NAME: ..." paragraphs;
- `passes.py`: the ordered post-passes (`POST_PASSES`);
- `subjects.py`: who speaks (a cue's subject, also where the parse lost it);
- `base.py`: the cue lexicon, the rule names, the `Claim` in the making and the per-call `ClaimRun`.

Sets `doc._.claims`: plain dicts (see `records.schema.json#/$defs/claim`). Offsets are character
offsets into `doc_text(doc)`, which equals the file text. Nothing of a document is kept on the
component: each call works on its own `ClaimRun`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cooptool.extract.components.claims.according import according, opens_according_to
from cooptool.extract.components.claims.base import (
    ALL_CUES,
    CLAUSE_CUES,
    QUOTE_ONLY_CUES,
    STATEMENT_NOUNS,
    Claim,
    ClaimRun,
    cue_lemma,
)
from cooptool.extract.components.claims.nouns import is_statement_noun, statement_noun
from cooptool.extract.components.claims.passes import POST_PASSES
from cooptool.extract.components.claims.reported import reported
from cooptool.extract.components.claims.stances import (
    ATTITUDE_ADJECTIVES,
    DECLARING_ADJECTIVES,
    attitude_adjective,
    in_someones_view,
    made_clear,
)
from cooptool.extract.components.claims.subjects import quote_cue_subject
from cooptool.extract.components.context import context_of
from cooptool.extract.components.speakers import Speaker, speaker_resolver
from cooptool.extract.rules import named

# Kept under their old names for the code and tests that import them.
_quote_cue_subject = quote_cue_subject
__all__ = ["ALL_CUES", "CLAUSE_CUES", "QUOTE_ONLY_CUES", "STATEMENT_NOUNS", "Claim", "ClaimExtractor", "cue_lemma",
           "make_claim_extractor"]

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
if not Doc.has_extension("affiliations"):
    Doc.set_extension("affiliations", default=None)


class ClaimExtractor:
    def __init__(self, nlp: Language, name: str, max_quote_gap: int = 12):
        self.name = name
        self.max_quote_gap = max_quote_gap

    def __call__(self, doc: Doc) -> Doc:
        # No blanket except: an error propagates to the pipeline's error handler, which reports
        # it for this document.
        doc._.claims = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict]:
        ctx = context_of(doc)
        # The resolver reads the context's quote and entity indexes; fact subjects and events share
        # its per-document part (speaker_resolver).
        resolver = speaker_resolver(doc)
        run = ClaimRun(doc, ctx, resolver, self.max_quote_gap)
        claims = _scan(run)
        for post_pass in POST_PASSES:
            claims = post_pass(run, claims)
        return [_record(run, c) for c in claims if c.end > c.start]


def _scan(run: ClaimRun) -> list[Claim]:
    """The claims of each cue in the text: "according to", a cue verb, a statement noun, a view, an attitude."""
    doc = run.doc
    claims: list[Claim] = []
    for tok in doc:
        pos = tok.pos_
        if opens_according_to(doc, tok):
            claims += according(run, tok)
        elif pos == "VERB" or pos == "AUX":
            lemma = cue_lemma(tok)
            if lemma is not None and lemma not in QUOTE_ONLY_CUES and tok.i not in run.consumed:
                claims += reported(run, tok, lemma)
        elif pos == "NOUN" and is_statement_noun(tok):
            claims += statement_noun(run, tok)
        elif tok.lower_ == "in":
            claims += in_someones_view(run, tok)
        elif pos == "ADJ" and tok.lower_ in ATTITUDE_ADJECTIVES:
            claims += attitude_adjective(run, tok)
        elif pos == "ADJ" and tok.lower_ in DECLARING_ADJECTIVES:
            claims += made_clear(run, tok)
    return claims


def _record(run: ClaimRun, c: Claim) -> dict:
    text = run.shown_text
    sp = c.speaker
    confidence = named(c.pattern).confidence
    if sp is not None and sp.via in ("pronoun", "description"):
        confidence -= 0.1
    pieces = c.pieces or [(c.start, c.end)]
    ev_start, ev_end = _evidence_range(run, c)
    record = _speaker_fields(text, sp)
    record.update(_affiliation_fields(run.doc, sp))
    record.update({
        "text": " … ".join(text[s:e] for s, e in pieces),
        "direct": c.direct,
        "cue": c.cue_text,
        "evidence": " ".join(text[ev_start:ev_end].split()),
        "confidence": round(confidence, 2),
        "pattern": c.pattern,
        "start": c.start,
        "end": c.end,
        "pieces": [list(p) for p in pieces],
    })
    record["speaker_start"], record["speaker_end"] = (sp.start, sp.end) if sp is not None else (None, None)
    record["cue_start"], record["cue_end"] = c.cue_start, c.cue_end
    return record


def _speaker_fields(text: str, sp: Speaker | None) -> dict:
    if sp is None:
        return {"speaker": None, "speaker_id": None, "speaker_type": None, "speaker_aliases": [],
                "speaker_mention": None}
    return {"speaker": sp.name, "speaker_id": sp.entity_id, "speaker_type": sp.label, "speaker_aliases": sp.aliases,
            "speaker_mention": text[sp.start:sp.end]}


def _affiliation_fields(doc: Doc, sp: Speaker | None) -> dict:
    """The role and organisation of the speaker's most confident affiliation."""
    affs = [a for a in (doc._.affiliations or []) if sp and sp.entity_id and a.get("person_id") == sp.entity_id]
    aff = max(affs, key=lambda a: a.get("confidence") or 0, default=None)
    if aff is None:
        return {"role": None, "org": None, "org_aliases": []}
    return {"role": aff["role"], "org": aff["org"], "org_aliases": aff["org_aliases"]}


def _evidence_range(run: ClaimRun, c: Claim) -> tuple[int, int]:
    """The sentences from the first to the last of the claim's content, cue and speaker."""
    sp = c.speaker
    lo = min(c.start, c.cue_start, sp.start if sp else c.start)
    hi = max(c.end, c.cue_end, sp.end if sp else c.end)
    first = run.doc.char_span(lo, hi, alignment_mode="expand")
    if first is None:
        return lo, hi
    return first[0].sent.start_char, first[-1].sent.end_char


@Language.factory("cooptool_claims", default_config={"max_quote_gap": 12},
                  requires=["doc.ents", "doc._.entities", "doc._.affiliations", "token.dep", "token.lemma"],
                  assigns=["doc._.claims"])
def make_claim_extractor(nlp: Language, name: str, max_quote_gap: int) -> ClaimExtractor:
    return ClaimExtractor(nlp, name, max_quote_gap)
