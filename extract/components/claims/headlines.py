"""Headlines that report a statement: "Iran says response hinges on cease-fire", "Petrol duties frozen,
Brown says", "Goldsmith: 'I was not leant on'".

The headline is no part of the parsed prose (the layout blanks it), so it is read as words: a name the
body of the article gives a person, organisation or country (its entity's name or an alias), a cue
verb in the present tense next to it, and the rest of the line as the content. A name the body never
gives is not taken ("Former White House Doctor Says ...", "Profile: David Miliband" has no cue).
"""

from __future__ import annotations

import re

from cooptool.extract import lexicon
from cooptool.extract.components.claims.base import (
    WEB_LABELS,
    Claim,
    ClaimRun,
    trim,
    trim_quote,
)
from cooptool.extract.components.speakers import Speaker
from cooptool.extract.rules import rule

HEADLINE = "claim.headline"
HEADLINE_COLON = "claim.headline.colon"
# The verbs of saying a headline uses, as written ("says", "warns", "vows"); not "reports", "shows".
HEADLINE_CUES = lexicon.words("headline_cues")
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE")
_WORD = re.compile(r"[\w.'’-]+")
_MAX_NAME_WORDS = 5


@rule(HEADLINE, confidence=0.7, examples=[
    ("Ruth Mbeki says fuel tax will be cut by half\n\nGovernor Ruth Mbeki told voters in Harlow on Monday "
     "that the tax would fall.",
     {"speaker": "Ruth Mbeki", "text": "fuel tax will be cut by half", "cue": "says"}),
    ("Bridge toll to rise, says Ortiz\n\nMayor Lena Ortiz announced the new tolls on Friday.",
     {"speaker": "Lena Ortiz", "text": "Bridge toll to rise", "cue": "says"}),
    ("Harbor Capital reports record profits\n\nHarbor Capital made more money than ever last year.", None),
    ("Former mayor says bridge is unsafe\n\nThe bridge was closed on Monday.", None),
])
def headline_claims(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """The claim of a headline "NAME says CONTENT" or "CONTENT, says NAME", NAME named in the article."""
    found = run.headline
    if found is None or _taken(claims, *found):
        return []
    start, line = found
    return [c for c in (_leading_speaker(run, start, line), _trailing_speaker(run, start, line)) if c][:1]


@rule(HEADLINE_COLON, confidence=0.7, examples=[
    ("Ortiz: 'The bridge will open in spring'\n\nMayor Lena Ortiz spoke to reporters on Friday.",
     {"speaker": "Lena Ortiz", "text": "The bridge will open in spring", "cue": ":"}),
    ("Profile: Lena Ortiz\n\nMayor Lena Ortiz was born in Harlow.", None),
])
def headline_colon(run: ClaimRun, claims: list[Claim]) -> list[Claim]:
    """"NAME: CONTENT" as a headline, NAME named in the article."""
    found = run.headline
    if found is None or _taken(claims, *found):
        return []
    start, line = found
    colon = line.find(":")
    if colon <= 0:
        return []
    name = line[:colon].strip()
    if " ".join(name.lower().split()) in WEB_LABELS:
        return []
    speaker = _speaker_named(run, name, start + line.index(name))
    if speaker is None:
        return []
    cs, ce = trim(run.shown_text, start + colon + 1, start + len(line), strip_that=False)
    cs, ce = _unquoted(run.shown_text, cs, ce)
    if len(run.shown_text[cs:ce].split()) < 2:
        return []
    return [Claim(cs, ce, None, ":", start + colon, start + colon + 1, speaker, HEADLINE_COLON)]


def _taken(claims: list[Claim], start: int, line: str) -> bool:
    """A headline left in the prose may have its claim from the parse already."""
    return any(c.start < start + len(line) and start < c.end for c in claims)


def _leading_speaker(run: ClaimRun, start: int, line: str) -> Claim | None:
    """"Iran says response hinges on cease-fire": the name, then the cue, then the content."""
    words = list(_WORD.finditer(line))
    for k, w in enumerate(words[1:_MAX_NAME_WORDS + 1], start=1):
        if not _is_cue_form(w.group()):
            continue
        name_start, name_end = words[0].start(), words[k - 1].end()
        speaker = _speaker_named(run, line[name_start:name_end], start + name_start)
        if speaker is None:
            return None
        cs, ce = trim(run.shown_text, start + w.end(), start + len(line))
        cs, ce = _unquoted(run.shown_text, cs, ce)
        return _claim(run, cs, ce, start + w.start(), start + w.end(), speaker)
    return None


def _trailing_speaker(run: ClaimRun, start: int, line: str) -> Claim | None:
    """"House prices rebound says Halifax", "Petrol duties frozen, Brown says": the content, then the
    cue and the name at the end of the line (in either order)."""
    words = list(_WORD.finditer(line))
    tail = words[-(_MAX_NAME_WORDS + 1):]
    for k, w in enumerate(tail):
        if k == 0 or not _is_cue_form(w.group()):
            continue
        if k == len(tail) - 1:  # "..., Brown says"
            name_words = _name_before(line, tail[:k])
            if not name_words:
                return None
            name_start, name_end, content_end = name_words[0].start(), name_words[-1].end(), name_words[0].start()
        else:  # "... says Halifax"
            name_start, name_end, content_end = tail[k + 1].start(), tail[-1].end(), w.start()
        speaker = _speaker_named(run, line[name_start:name_end], start + name_start)
        if speaker is None:
            return None
        cs, ce = trim(run.shown_text, start, start + content_end)
        cs, ce = _unquoted(run.shown_text, cs, ce)
        cue_end = start + w.start() + len(w.group().rstrip("."))
        return _claim(run, cs, ce, start + w.start(), cue_end, speaker)
    return None


def _name_before(line: str, words: list[re.Match]) -> list[re.Match]:
    """The capitalised words right before the cue, back to a comma ("..., Gordon Brown says")."""
    out: list[re.Match] = []
    for w in reversed(words):
        if not w.group()[:1].isupper() or "," in line[w.end():(out[0].start() if out else len(line))]:
            break
        out.insert(0, w)
    return out


def _is_cue_form(word: str) -> bool:
    """"says", "warns", "vows": a headline's verb of saying (extract/data/lexicon/headline_cues.tsv)."""
    return word.lower().rstrip(".") in HEADLINE_CUES


def _speaker_named(run: ClaimRun, name: str, at: int) -> Speaker | None:
    """The entity the article gives this name (its name or an alias), as a speaker mention at `at`."""
    key = _norm(name)
    if not key:
        return None
    hits = [e for e in run.ctx.entities.values() if e.get("label") in _SPEAKER_LABELS
            and key in {_norm(n) for n in [e["name"], *e.get("aliases", [])]}]
    if not hits and " " not in key:
        # "Ortiz: ..." for Lena Ortiz: a surname the body may never use alone
        hits = [e for e in run.ctx.entities.values() if e.get("label") == "PERSON"
                and _norm(e["name"]).split()[-1:] == [key]]
    if len({e["id"] for e in hits}) != 1:
        return None
    ent = hits[0]
    return Speaker(ent["name"], ent["id"], ent["label"], at, at + len(name), list(ent.get("aliases", [])), "name")


def _norm(name: str) -> str:
    return " ".join(name.replace("’", "'").strip(" ,:;'\"‘“”").lower().split())


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """A headline content in quotes ("'I was not leant on'"): its inside."""
    if end - start > 2 and text[start] in "'‘\"“" and text[end - 1] in "'’\"”":
        return trim_quote(text, start + 1, end - 1)
    return start, end


def _claim(run: ClaimRun, start: int, end: int, cue_start: int, cue_end: int, speaker: Speaker) -> Claim | None:
    while end > start and run.shown_text[end - 1] in ".!?":
        end -= 1
    if len(run.shown_text[start:end].split()) < 2:
        return None
    return Claim(start, end, None, run.shown_text[cue_start:cue_end], cue_start, cue_end, speaker, HEADLINE)
