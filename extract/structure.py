"""Document structure from plain text: headline, byline/dateline, section headings, photo captions
and page chrome.

Pure Python (no spaCy). `analyse(text)` returns a `Layout`; `Layout.masked(text)` blanks the
parts that are not running prose with spaces, keeping every character offset, so the NLP
pipeline sees only prose while offsets still point into the text exactly as read. Two kinds stay
visible although they are not prose: the place of a dateline ("ROME 1996-12-06": a place name worth
an entity) and photo captions (they name people and organisations, but facts are not built from them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cooptool.extract import lexicon


def _alternatives(phrases) -> str:
    """A regex alternation of word-list phrases, longest first (a space in a phrase is one space).
    Compiled once at import: an extension of the list made later does not reach these patterns."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))


# Lines that are web-page furniture, never content.
_CHROME = [
    re.compile(p, re.I)
    for p in (
        r"^[【\[]\s*(close|print|e-?mail|share|back|top)\s*[】\]]",
        r"^(big\s*middle\s*small|bigmiddlesmall|font\s*size.*)$",
        r"^share (to|this|on)\b.*:?$",
        r"^(copyright|\(c\)|©)",
        r"copyright\s*©|©\s*\d{4}|all rights reserved",
        r"ICP备|版权所有",
        # A line that is only a label of page furniture ("Print", "Read more:", "Back to top").
        r"^(" + _alternatives(lexicon.words("page_chrome_labels")) + r")\s*:?$",
    )
]

# "2024-02-28 11:53:00 Source:China Today Author:staff reporter ZHOU LIN"
_BYLINE_DATE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?))?")
_BYLINE_SOURCE = re.compile(r"Source\s*[:：]\s*(?P<source>.+?)(?=\s+(?:Author|By|Editor)\s*[:：]|$)", re.I)
_BYLINE_AUTHOR = re.compile(r"(?:Author|By)\s*[:：]\s*(?P<author>.+?)\s*$", re.I)
_BY_LINE = re.compile(r"^By\s+(?P<author>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*$")

# Lowercase words that may open an author field as a role: "staff reporter ZHOU LIN".
_AUTHOR_ROLE = re.compile(
    r"^(?P<role>(?:(?:" + _alternatives(lexicon.where("byline_roles", 1, "modifier")) + r")\s+)*(?:"
    + _alternatives(lexicon.where("byline_roles", 1, "head")) + r"))\s+(?P<name>.+)$",
    re.I,
)

# A dateline's place before its date: "LONDON 1996-12-06", "VAIL, Colorado 2004-03-01".
_DATELINE_PLACE = re.compile(r"^\s*(?P<place>[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,4})[\s,]*(?=\d{4}-\d{2}-\d{2})")

# Photo captions: explicit markers, or a one-sentence description in the present progressive
# ("Workers are repairing the blades of ..."), the usual form of a caption under a news photo.
_CAPTION_MARKER = re.compile(
    r"^(photo|picture|image|caption|file photo|pictured|above|top|left|right)\b\s*[:：|/-]|"
    r"^\(?(photo|picture|image)s?\s+(by|courtesy|credit)\b|"
    r"[(\[]\s*(photo|picture|image)s?\s*(by|:|/)[^)\]]*[)\]]\s*$|"
    r"\b(photo|picture)\s*/\s*[A-Z][\w ]+$|/\s*(Getty Images|AFP|Reuters|AP|Xinhua|EPA)\s*\)?\s*$",
    re.I,
)
# The subject of a described photo is a plain noun phrase: "Local employees are inspecting ...",
# "A worker is repairing ..."; never a name, a pronoun or a long clause (news leads are).
_PROGRESSIVE = re.compile(
    r"^[A-Z][a-z-]+(?:\s+[a-z][\w-]*){0,2}?s\s+are\s+[a-z]+ing\b|"
    r"^An?\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+is\s+[a-z]+ing\b"
)
_FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s+[A-Z“\"]|\s*$)")
VISIBLE_KINDS = frozenset({"body", "caption", "place"})

# Short words title case leaves in lower case: a heading may hold them but does not end with one.
_SMALL_WORDS = lexicon.words("title_small_words")


@dataclass
class Segment:
    start: int
    end: int
    kind: str  # title | byline | place | heading | caption | chrome | body


@dataclass
class Layout:
    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    author_role: str | None = None
    author_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    segments: list[Segment] = field(default_factory=list)

    def spans(self, kind: str) -> list[Segment]:
        return [s for s in self.segments if s.kind == kind]

    def masked(self, text: str) -> str:
        """The text with non-prose segments blanked (same length, newlines kept)."""
        chars = list(text)
        for seg in self.segments:
            if seg.kind in VISIBLE_KINDS:
                continue
            # A whole blanked line becomes line breaks, not spaces: en_core_web_md reads a run of spaces
            # then "\n\n" before the first sentence so badly that it loses the names in it ("Ian Cole
            # defended ..." after a blanked headline gave "Cole", PRODUCT); a blank line it reads well.
            whole_line = (seg.start == 0 or text[seg.start - 1] in "\n\r") and (
                seg.end >= len(text) or text[seg.end] in "\n\r")
            fill = "\n" if whole_line else " "
            for i in range(seg.start, seg.end):
                if chars[i] not in "\n\r":
                    chars[i] = fill
        for seg in self.segments:  # a dateline's place lies inside its (blanked) byline
            if seg.kind == "place":
                chars[seg.start:seg.end] = text[seg.start:seg.end]
        return "".join(chars)


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def is_chrome(line: str) -> bool:
    s = line.strip()
    return bool(s) and any(p.search(s) for p in _CHROME)


def looks_like_heading(line: str) -> bool:
    """A short title-cased line with no closing punctuation: a headline or section heading."""
    s = line.strip()
    if not s or len(s) > 100 or s[-1] in ".,;:!?\"”’)" or s.startswith(("“", '"', "-", "*")):
        return False
    words = s.split()
    if not 1 <= len(words) <= 12:
        return False
    if words[-1].lower() in _SMALL_WORDS:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    content = sum(1 for w in words if w.lower() not in _SMALL_WORDS)
    return content > 0 and caps >= max(1, content - 1)


def caption_end(line: str) -> int:
    """Length of the photo caption that opens `line` (0 when it is not one).

    An explicitly marked caption is the whole line; a progressive description is its first
    sentence only, when that sentence carries no quotation and no speech verb.
    """
    s = line.strip()
    if _CAPTION_MARKER.search(s):
        return len(line.rstrip())
    first = _FIRST_SENTENCE.match(s)
    if not first or len(first.group(0).split()) > 45 or not _PROGRESSIVE.match(s):
        return 0
    sentence = first.group(0)
    # Facts are news, not photos: quotes, speech, numbers and times belong to prose.
    if re.search(r"[“”\"%$£€\d]|\b(said|says|told|added|today|yesterday|on (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
                 sentence):
        return 0
    # ... and so do reasons, conditions and claims: a photo shows, it does not argue.
    if re.search(r"\b(being|because|while|that|unless|though|although|whether|will|would|could|should)\b", sentence):
        return 0
    return len(line) - len(line.lstrip()) + len(sentence)


def _title_case_name(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() for w in name.split())
    return name


def parse_byline(line: str, offset: int, layout: Layout) -> bool:
    """Fill date/source/author from a dateline-byline; True when the line is one."""
    m_src = _BYLINE_SOURCE.search(line)
    m_auth = _BYLINE_AUTHOR.search(line)
    m_date = _BYLINE_DATE.search(line)
    if not (m_src or m_auth or (m_date and len(line.strip()) <= 40)):
        m_by = _BY_LINE.match(line.strip())
        if not m_by:
            return False
        m_auth = m_by
    if m_date:
        layout.published = m_date["date"] + (f"T{m_date['time']}" if m_date["time"] else "")
        if m_date["time"] and len(m_date["time"]) == 5:
            layout.published += ":00"
    if m_src:
        layout.source = m_src["source"].strip()
        layout.source_span = (offset + m_src.start("source"), offset + m_src.start("source") + len(layout.source))
    if m_auth:
        raw = m_auth["author"].strip()
        start = offset + m_auth.start("author")
        m_role = _AUTHOR_ROLE.match(raw)
        if m_role:
            layout.author_role = m_role["role"].lower()
            start += m_role.start("name")
            raw = m_role["name"].strip()
        layout.author = _title_case_name(raw)
        layout.author_span = (start, start + len(raw))
    return True


def analyse(text: str, *, has_title_line: bool = True) -> Layout:
    layout = Layout()
    lines = list(_lines(text))
    nonblank = [(s, e, t) for s, e, t in lines if t.strip()]
    title_done = not has_title_line
    # The last prose paragraph: chrome-like short lines after it are page furniture.
    last_prose = max((i for i, (_, _, t) in enumerate(nonblank) if t.strip()[-1:] in ".!?\"”’:"), default=-1)
    for i, (start, _end, line) in enumerate(nonblank):
        stripped = line.strip()
        seg_start = start + len(line) - len(line.lstrip())
        if not title_done:
            title_done = True
            if looks_like_heading(stripped) or len(stripped) < 150 and stripped[-1:] not in ".":
                layout.title = stripped
                layout.segments.append(Segment(seg_start, seg_start + len(stripped), "title"))
                continue
        layout.segments += _line_segments(layout, i, start, line, after_prose=i > last_prose)
    return layout


def _line_segments(layout: Layout, i: int, start: int, line: str, *, after_prose: bool) -> list[Segment]:
    """The segments of the `i`-th non-blank line (after the title), which starts at `start`:
    a byline (and its dateline place), chrome, a heading, a caption (and the prose after it) or body."""
    stripped = line.strip()
    seg_start = start + len(line) - len(line.lstrip())
    seg_end = seg_start + len(stripped)
    if i <= 3 and parse_byline(line, start, layout):
        segments = [Segment(seg_start, seg_end, "byline")]
        place = _DATELINE_PLACE.match(line)
        if place and not _BYLINE_SOURCE.search(line):
            segments.append(Segment(start + place.start("place"), start + place.end("place"), "place"))
        return segments
    if is_chrome(stripped) or (after_prose and len(stripped.split()) <= 4):
        return [Segment(seg_start, seg_end, "chrome")]
    if looks_like_heading(stripped):
        return [Segment(seg_start, seg_end, "heading")]
    cap = caption_end(stripped) if any(seg.kind == "body" for seg in layout.segments) else 0
    if not cap:
        return [Segment(seg_start, seg_end, "body")]
    segments = [Segment(seg_start, seg_start + cap, "caption")]
    rest = len(stripped) - len(stripped[cap:].lstrip())
    if rest < len(stripped):
        segments.append(Segment(seg_start + rest, seg_end, "body"))
    return segments
