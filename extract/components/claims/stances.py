"""Claims stated as a view or an attitude rather than with a verb of saying.

- `claim.view.in_view`: "In Lyu's eyes, everyone has their own understanding", "In her view, the plan
  failed", "In the opinion of the court, ..." — the possessor (or the "of" phrase) holds the view, the
  clause after the comma is the content.
- `claim.made_clear`: "The minister made it clear that the tax would not rise", "made clear that ..." — the
  subject of "make" declares the that-clause.
- `claim.attitude`: "She was hopeful that the checks would be removed", "The bank remains confident
  (that) growth will pick up" — an adjective of attitude with a clause, said of its subject.

Both are rules the claim component's token scan runs; like the other cues they return `Claim`s that
the post-passes (nesting, quotes, conjoined speakers) treat as any other.
"""

from __future__ import annotations

from spacy.tokens import Token

from cooptool.extract import lexicon
from cooptool.extract.components.claims.base import Claim, ClaimRun, end_of, trim
from cooptool.extract.rules import rule

VIEW_NOUNS = lexicon.words("view_nouns")
ATTITUDE_ADJECTIVES = lexicon.words("attitude_adjectives")
# Verbs an adjective of attitude is said with ("was hopeful", "remains confident", "felt sure").
_LINKING = lexicon.words("linking_verbs")
_SUBJECTS = ("nsubj", "nsubjpass")
DECLARING_ADJECTIVES = lexicon.words("declaring_adjectives")


def _content(run: ClaimRun, first: Token, last: Token) -> tuple[int, int] | None:
    """The characters from `first` to `last`, edges trimmed as every claim's are, without a final stop."""
    text = run.text
    start, end = trim(text, first.idx, end_of(last))
    while end > start and text[end - 1] in ".!?\"”'":
        end -= 1
    return (start, end) if end - start >= 8 else None


@rule("claim.view.in_view", confidence=0.7, examples=[
    ("In Mary Chen's view, the new rules will hurt small exporters.",
     {"speaker": "Mary Chen", "text": "the new rules will hurt small exporters"}),
    ("In the opinion of Acme Corp, the merger will lower prices for consumers.",
     {"speaker": "Acme Corp"}),
    ("In the eyes of the law, the contract was never signed.", None),
])
def in_someones_view(run: ClaimRun, tok: Token) -> list[Claim]:
    """"In X's view/eyes/opinion, CLAUSE": X holds the view (a claim of X)."""
    doc, resolver = run.doc, run.resolver
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return []
    noun = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ in VIEW_NOUNS), None)
    if noun is None:
        return []
    holder = _view_holder(noun)
    comma = noun.right_edge.i + 1
    if holder is None or comma >= tok.sent.end or doc[comma].text != ",":
        return []
    speaker = resolver.resolve(holder)
    if speaker.name is None and speaker.via != "pronoun":
        return []
    span = _content(run, doc[comma + 1], doc[tok.sent.end - 1]) if comma + 1 < tok.sent.end else None
    if span is None:
        return []
    cue_end = end_of(noun)
    return [Claim(*span, tok, run.text[tok.idx:cue_end], tok.idx, cue_end, speaker, "claim.view.in_view")]


def _view_holder(noun: Token) -> Token | None:
    """Whose view it is: the possessor ("in X's view") or the object of "of" ("in the eyes of X")."""
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is not None:
        return holder
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


@rule("claim.attitude", confidence=0.65, examples=[
    ("Trade minister Ana Silva was hopeful that the border checks would be removed by June.",
     {"speaker": "Ana Silva", "text": "the border checks would be removed by June"}),
    ("Barclays remains confident that growth will pick up next year.",
     {"text": "growth will pick up next year"}),
    ("The weather was so hot that the match was stopped.", None),
])
def attitude_adjective(run: ClaimRun, tok: Token) -> list[Claim]:
    """"X was hopeful/confident/adamant that CLAUSE": an attitude to a proposition is a claim of X."""
    resolver = run.resolver
    if tok.pos_ != "ADJ" or tok.lower_ not in ATTITUDE_ADJECTIVES or tok.dep_ != "acomp":
        return []
    verb = tok.head
    if verb.lemma_.lower() not in _LINKING:
        return []
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if clause is None or subj is None or subj.lower_ in ("it", "this", "that", "there"):
        return []
    if clause.i < tok.i or any(c.lower_ == "so" for c in tok.children):  # "so hot that": degree, not attitude
        return []
    speaker = resolver.resolve(subj)
    if speaker.name is None:
        return []
    span = _content(run, clause.left_edge, clause.right_edge)  # trim drops a leading "that"
    if span is None:
        return []
    return [Claim(*span, tok, tok.text, tok.idx, end_of(tok), speaker, "claim.attitude")]


def _has_that(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _named_subject(run: ClaimRun, verb: Token):
    """The verb's subject before it, resolved to a named speaker, or None ("The rain made it clear": no one)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.lower_ in ("it", "this", "that", "there", "which", "what"):
        return None
    speaker = run.resolver.resolve(subj)
    return speaker if speaker.name is not None else None


@rule("claim.made_clear", confidence=0.7, examples=[
    ("Finance minister Ana Silva made it clear that the fuel tax would not rise this year.",
     {"speaker": "Ana Silva", "cue": "made", "text": "the fuel tax would not rise this year"}),
    ("Senator Ruth Hale made clear that she would not run again.",
     {"speaker": "Ruth Hale", "text": "she would not run again"}),
    ("The heavy rain made it clear that the roof needed work.", None),
])
def made_clear(run: ClaimRun, tok: Token) -> list[Claim]:
    """"X made (it) clear/known/plain that CLAUSE": X declares the clause."""
    verb = tok.head
    if tok.pos_ != "ADJ" or tok.lower_ not in DECLARING_ADJECTIVES or verb.lemma_.lower() != "make" \
            or verb.pos_ != "VERB" or verb.i > tok.i:
        return []
    clause = next((c for c in [*tok.rights, *verb.rights] if c.i > tok.i and c.dep_ in ("ccomp", "advcl")
                   and _has_that(c)), None)
    speaker = _named_subject(run, verb) if clause is not None else None
    if speaker is None:
        return []
    span = _content(run, clause.left_edge, clause.right_edge)
    if span is None:
        return []
    return [Claim(*span, verb, verb.text, verb.idx, end_of(verb), speaker, "claim.made_clear")]
