"""Transcripts and lists: a paragraph "NAME: text" where NAME is a person or organisation."""

from __future__ import annotations

from spacy.tokens import Span

from cooptool.extract.components.claims.base import TRANSCRIPT, WEB_LABELS, Claim, ClaimRun, trim, trim_quote
from cooptool.extract.components.speakers import Speaker
from cooptool.extract.rules import rule


@rule(TRANSCRIPT, confidence=0.7, examples=[
    ("Interview\n\nHOST: Welcome back to the programme tonight.\n\nMaria Lopez: Thank you for having me here.",
     {"speaker": "Maria Lopez", "text": "Thank you for having me here.", "cue": ":"}),
    ("Local news\n\nREAD MORE: Council votes on the new budget for schools", None),
])
def transcripts(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """A claim for each "NAME: text" paragraph whose text no claim took yet."""
    text = run.text
    taken = [(c.start, c.end) for c in claims]
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        found = _transcript_line(run, line, start, taken)
        if found is not None:
            out.append(found)
    return out


def _transcript_line(run: ClaimRun, line: str, start: int, taken: list[tuple[int, int]]) -> Claim | None:
    text = run.text
    colon = line.find(":")
    if colon <= 0 or colon > 40:
        return None
    name = line[:colon].strip().lstrip("\"“'‘ ")
    span = _named_speaker(run, line, name, start)
    if span is None:
        return None
    if " ".join(name.lower().strip("*#>|-–— ").split()) in WEB_LABELS:
        return None  # "READ MORE: ...", "WATCH: ...", "** WINNER: ...": page furniture, not a speaker
    cs, ce = trim(text, start + colon + 1, start + len(line), strip_that=False)
    if ce - cs < 3:
        return None  # "More from CBC Manitoba:" at the very end: nothing after the colon
    cs, ce = trim_quote(text, cs + (text[cs] in "\"“"), ce - (text[ce - 1] in "\"”"))
    if ce - cs < 3 or any(s < ce and cs < e for s, e in taken):
        return None
    speaker = run.resolver.resolve(span[-1])
    if speaker.name is None:
        speaker = Speaker(None, None, None, span.start_char, span.end_char, [], "unnamed")
    return Claim(cs, ce, None, ":", start + colon, start + colon + 1, speaker, TRANSCRIPT)


def _named_speaker(run: ClaimRun, line: str, name: str, start: int) -> Span | None:
    """The name before the colon: a person or organisation entity, a transcript's capitals, or a short
    capitalised name opening the headline ("Poll: ...")."""
    words = name.split()
    if not words or len(words) > 8 or not words[-1][:1].isupper():
        return None
    at = start + line.index(name)
    span = run.doc.char_span(at, at + len(name), alignment_mode="contract")
    if span is None:
        return None
    named = span[-1].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    if not (named or _capitalised_label(name, words, start)):
        return None
    if named and not _all_capitalised(words):
        # "Republican pollster Daron Shaw:": the mention is the trailing name.
        return run.ent_at.get(span[-1].i)
    return span


def _all_capitalised(words: list[str]) -> bool:
    return all(w[:1].isupper() for w in words)


def _capitalised_label(name: str, words: list[str], start: int) -> bool:
    """A transcript's capitals ("HOST") or a short capitalised name opening the headline."""
    return len(words) <= 3 and (name.isupper() or start == 0 and _all_capitalised(words))
