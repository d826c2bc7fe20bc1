"""One document with its facts: the view model behind `cooptool show`, as a self-contained HTML
page (displaCy's entity style) or a Rich renderable for the terminal.

No spaCy here: a stored document is shown from its records (and its text, re-read from the
document's `path` and checked against its id); `show PATH` extracts first, in the CLI.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cooptool.extract.factbase import amount_text

VIEW_TYPES = ("document", "entity", "affiliation", "claim", "fact", "event")

# displaCy's entity colours (spacy/displacy/render.py), so the page reads like its entity view.
LABEL_COLOURS = {
    "ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561", "PERSON": "#aa9cfc",
    "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "LAW": "#ff8197", "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff", "DATE": "#bfe1d9", "TIME": "#bfe1d9", "MONEY": "#e4e7d2",
    "QUANTITY": "#e4e7d2", "ORDINAL": "#e4e7d2", "CARDINAL": "#e4e7d2", "PERCENT": "#e4e7d2",
}
DEFAULT_COLOUR = "#dddddd"
# Terminal styles per label (foreground only: the terminal's background is unknown).
LABEL_STYLES = {
    "PERSON": "bold magenta", "ORG": "bold cyan", "GPE": "yellow", "LOC": "yellow", "NORP": "green",
    "EVENT": "bold green", "LAW": "red", "WORK_OF_ART": "red", "FAC": "blue", "PRODUCT": "blue",
}


class DocumentNotFound(LookupError):
    """No document (or more than one) matches the requested id prefix."""


@dataclass
class DocView:
    """A document's text and its records; `covered` is None when the whole text is known, else the
    (start, end) ranges that are (the evidence and mentions the records carry)."""

    doc: str
    text: str
    document: dict
    entities: list[dict] = field(default_factory=list)
    affiliations: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    covered: list[tuple[int, int]] | None = None

    @property
    def partial(self) -> bool:
        return self.covered is not None


# ---- from a store ---------------------------------------------------------------------------

def group_document(records: Iterable[dict], doc_prefix: str) -> tuple[dict, dict[str, list[dict]]]:
    """The `document` record whose id starts with `doc_prefix` and its records by type.

    Raises DocumentNotFound when no document, or more than one, matches.
    """
    by_doc: dict[str, dict[str, list[dict]]] = {}
    documents: dict[str, dict] = {}
    for rec in records:
        doc = rec.get("doc") or ""
        if not doc.startswith(doc_prefix):
            continue
        if rec.get("type") == "document":
            documents[doc] = rec
        else:
            by_doc.setdefault(doc, {}).setdefault(rec["type"], []).append(rec)
    if not documents:
        raise DocumentNotFound(f"no document with id {doc_prefix!r} in the store (list them with: cooptool docs)")
    if len(documents) > 1:
        some = ", ".join(sorted(documents)[:5])
        raise DocumentNotFound(f"{len(documents)} documents start with {doc_prefix!r} ({some}…); give more of the id")
    (doc, document), = documents.items()
    return document, by_doc.get(doc, {})


def find_text(document: dict, *, base: Path | None = None,
              warn: Callable[[str], None] | None = None) -> str | None:
    """The document's text, re-read from its `path` (as given, then relative to `base`, the store's
    folder) and accepted only when its hash is the document id; None when it cannot be found."""
    from cooptool.extract.readers import read_file

    path = document.get("path")
    if not path or path == "<stdin>":
        return None
    file_part = path.split("#", 1)[0] if "#" in path and not Path(path).exists() else path
    candidates = [Path(file_part)]
    if base is not None and not Path(file_part).is_absolute():
        candidates.append(base / file_part)
    for cand in candidates:
        if not cand.is_file():
            continue
        for src in read_file(cand, warn=lambda _msg: None):
            if src.id == document.get("doc"):
                return src.text
        if warn:
            warn(f"{cand}: its text has changed since it was extracted (the hash is not {document.get('doc')})")
    return None


def build_view(document: dict, records: dict[str, list[dict]], text: str | None) -> DocView:
    """A view of one document; without its text, the text is rebuilt from the records' evidence
    and mentions at their offsets (`covered` says which parts are known)."""
    view = DocView(doc=document["doc"], text="", document=document,
                   entities=records.get("entity", []), affiliations=records.get("affiliation", []),
                   claims=records.get("claim", []), facts=records.get("fact", []),
                   events=records.get("event", []))
    if text is not None:
        view.text = text
        return view
    pieces = _known_pieces(view)
    size = max([document.get("chars") or 0, *(s + len(t) for s, t in pieces)])
    chars = [" "] * size
    known = [False] * size
    for start, piece in pieces:
        for i, ch in enumerate(piece):
            if 0 <= start + i < size and not known[start + i]:
                chars[start + i] = ch
                known[start + i] = True
    view.text = "".join(chars)
    view.covered = _runs(known)
    return view


def _known_pieces(view: DocView) -> list[tuple[int, str]]:
    """(offset, text) of what the records quote: mentions, evidence sentences, claim content."""
    pieces: list[tuple[int, str]] = []
    for ent in view.entities:
        pieces += [(m["start"], m["text"]) for m in ent.get("mentions") or [] if m.get("text")]
    for rec in (*view.affiliations, *view.claims, *view.facts, *view.events):
        if rec.get("evidence") and rec.get("start") is not None:
            ev_start = rec["start"]
            if rec.get("type") == "claim":  # a claim's start/end are its content; the evidence is its sentence
                idx = _claim_evidence_start(rec)
                if idx is None:
                    continue
                ev_start = idx
            pieces.append((ev_start, rec["evidence"]))
        if rec.get("type") == "claim" and len(claim_ranges(rec)) == 1:
            (s, e), = claim_ranges(rec)
            if len(rec.get("text") or "") == e - s:  # the content as written
                pieces.append((s, rec["text"]))
    return pieces


def _claim_evidence_start(claim: dict) -> int | None:
    """Where a claim's evidence sentence starts: placed so its content lines up with the sentence."""
    evidence, content_start = claim.get("evidence") or "", claim.get("start")
    pieces = claim.get("pieces") or []
    if content_start is None or not pieces:
        return None
    # The first piece of content is a substring of the evidence only when it was not rewritten.
    first = (claim.get("text") or "").split(" … ")[0]
    at = evidence.find(first) if first else -1
    return content_start - at if at >= 0 else None


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


# ---- spans ----------------------------------------------------------------------------------

def entity_mentions(view: DocView) -> list[tuple[int, int, dict]]:
    """Non-overlapping (start, end, entity) mentions: where two overlap the longer wins."""
    size = len(view.text)
    found = [(m["start"], m["end"], ent) for ent in view.entities for m in ent.get("mentions") or []
             if 0 <= m["start"] < m["end"] <= size]
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, dict]] = []
    for start, end, ent in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, ent))
    return kept


def claim_ranges(claim: dict) -> list[tuple[int, int]]:
    pieces = claim.get("pieces") or ([[claim["start"], claim["end"]]] if claim.get("start") is not None else [])
    return [(int(s), int(e)) for s, e in pieces if e > s]


def evidence_range(rec: dict) -> tuple[int, int] | None:
    if rec.get("type") == "claim":
        ranges = claim_ranges(rec)
        return (ranges[0][0], ranges[-1][1]) if ranges else None
    if rec.get("start") is None or rec.get("end") is None:
        return None
    return rec["start"], rec["end"]


def speaker_label(claim: dict) -> str:
    return claim.get("speaker") or claim.get("speaker_mention") or "(unnamed)"


# ---- HTML -----------------------------------------------------------------------------------

def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _ranges_attr(ranges: Iterable[tuple[int, int]]) -> str:
    return " ".join(f"{s}:{e}" for s, e in ranges)


def render_html(views: list[DocView], *, title: str | None = None) -> str:
    """A self-contained page (inline CSS and JS, no network) showing each document with its facts."""
    page_title = title or (views[0].document.get("title") if len(views) == 1 else None) or "cooptool show"
    body = "\n".join(_article_html(v) for v in views)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="cooptool show">\n'
            f"<title>{_e(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{_JS}</script>\n</body>\n</html>\n")


def _article_html(view: DocView) -> str:
    d = view.document
    doc = view.doc
    meta = " · ".join(_e(x) for x in ((d.get("published") or "")[:10], d.get("source"), d.get("author")) if x)
    labels = sorted({ent.get("label") for ent in view.entities if ent.get("label")})
    legend = "".join(f'<span class="legend-item" style="background:{LABEL_COLOURS.get(lab, DEFAULT_COLOUR)}">'
                     f"{_e(lab)}</span>" for lab in labels)
    note = ""
    if view.partial:
        note = ('<p class="note">The article text was not found (its file has moved or changed); '
                "only the sentences the records quote are shown, at their places.</p>")
    return (f'<section class="document" id="doc-{doc}" data-doc="{doc}">\n'
            f'<header><h1>{_e(d.get("title") or d.get("path") or doc)}</h1>\n'
            f'<p class="meta">{meta}{" · " if meta else ""}<code>{doc}</code>'
            f'{" · " + _e(d.get("path")) if d.get("path") else ""}</p>\n'
            f'<p class="legend">{legend}<span class="legend-item claim-key">claim</span>'
            f'<span class="legend-item speaker-key">speaker</span>'
            f'<span class="legend-item amount-key">amount</span></p>{note}</header>\n'
            f'<div class="layout">\n<article class="text" lang="en">{_text_html(view)}</article>\n'
            f'<aside class="facts">{_side_html(view)}</aside>\n</div>\n</section>')


@dataclass
class _Marks:
    """Where a document's text is marked up: entity mentions, claim pieces, speakers, cues, amounts,
    and the offsets the text is cut at so each segment has one set of marks."""

    mentions: list[tuple[int, int, dict]]
    claim_of: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, claim index)
    speaker_spans: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    amounts: list[tuple[int, int]] = field(default_factory=list)
    badge_at: dict[int, list[int]] = field(default_factory=dict)  # offset → claims ending there
    bounds: set[int] = field(default_factory=set)


def _claim_marks(view: DocView, marks: _Marks) -> None:
    bounds = marks.bounds
    for i, c in enumerate(view.claims):
        for s, e in claim_ranges(c):
            marks.claim_of.append((s, e, i))
            bounds |= {s, e}
        if c.get("speaker_start") is not None and c.get("speaker_end") is not None:
            marks.speaker_spans.setdefault((c["speaker_start"], c["speaker_end"]), []).append(i)
            bounds |= {c["speaker_start"], c["speaker_end"]}
        if c.get("cue_start") is not None and c.get("cue_end") is not None:
            marks.cue_spans.append((c["cue_start"], c["cue_end"]))
            bounds |= {c["cue_start"], c["cue_end"]}


def _record_bounds(view: DocView) -> set[int]:
    """The evidence and name offsets of affiliations, facts and events (segments end there)."""
    bounds: set[int] = set()
    for rec in (*view.affiliations, *view.facts, *view.events):
        r = evidence_range(rec)
        if r:
            bounds |= set(r)
        for a, b in (("person_start", "person_end"), ("org_start", "org_end"), ("name_start", "name_end")):
            if rec.get(a) is not None and rec.get(b) is not None:
                bounds |= {rec[a], rec[b]}
    return bounds


def _text_marks(view: DocView) -> _Marks:
    marks = _Marks(mentions=entity_mentions(view), bounds={0, len(view.text)})
    for s, e, _ in marks.mentions:
        marks.bounds |= {s, e}
    _claim_marks(view, marks)
    marks.amounts = [(f["text_start"], f["text_end"]) for f in view.facts
                     if f.get("text_start") is not None and f.get("text_end") is not None]
    for s, e in marks.amounts:
        marks.bounds |= {s, e}
    marks.bounds |= _record_bounds(view)
    if view.covered:
        for s, e in view.covered:
            marks.bounds |= {s, e}
    # A claim ends with a link to its speaker, after its last piece.
    for i, c in enumerate(view.claims):
        ranges = claim_ranges(c)
        if ranges:
            marks.badge_at.setdefault(ranges[-1][1], []).append(i)
    return marks


def _in_any(a: int, spans) -> bool:
    return any(s <= a < e for s, e in spans)


def _text_html(view: DocView) -> str:
    marks = _text_marks(view)
    size = len(view.text)
    cuts = sorted(b for b in marks.bounds if 0 <= b <= size)
    out: list[str] = []
    m_iter = iter(marks.mentions)
    current = next(m_iter, None)
    open_mark: tuple[int, int, dict] | None = None
    for a, b in zip(cuts, cuts[1:], strict=False):
        if open_mark is None and current is not None and current[0] == a:
            open_mark, current = current, next(m_iter, None)
            out.append(_mark_open_html(open_mark[2]))
        out.append(_segment_html(view, marks, a, b))
        if open_mark is not None and open_mark[1] == b:
            out.append(f'<span class="label">{_e(open_mark[2].get("label"))}</span></mark>')
            open_mark = None
        for i in marks.badge_at.get(b, []):
            out.append(_badge_html(view, i))
    return "".join(out)


def _mark_open_html(ent: dict) -> str:
    label = ent.get("label") or ""
    return (f'<mark class="entity" data-entity="{_e(ent.get("id"))}" data-label="{_e(label)}" '
            f'title="{_e(ent.get("name"))} ({_e(label)})" '
            f'style="background:{LABEL_COLOURS.get(label, DEFAULT_COLOUR)}">')


def _segment_html(view: DocView, marks: _Marks, a: int, b: int) -> str:
    """The text in [a, b) with its marks as classes; a gap where the text is not known."""
    doc, segment = view.doc, view.text[a:b]
    if view.covered is not None and not _in_any(a, view.covered):
        return (f'<span class="seg gap" id="p-{doc}-{a}" data-s="{a}" data-e="{b}">'
                f"{' … ' if segment.strip() or b - a > 0 else ''}</span>")
    classes = ["seg"]
    attrs = ""
    claims = sorted({i for s, e, i in marks.claim_of if s <= a < e})
    if claims:
        classes.append("claim")
        if len(claims) > 1:
            classes.append("claim-nested")
        attrs += f' data-claims="{" ".join(map(str, claims))}"'
        first = view.claims[claims[0]]
        attrs += f' title="{_e(speaker_label(first))}: {_e(first.get("cue"))}"'
    spk = [i for (s, e), idx in marks.speaker_spans.items() if s <= a < e for i in idx]
    if spk:
        classes.append("speaker")
        attrs += f' data-speaker-of="{" ".join(map(str, sorted(set(spk))))}"'
    if _in_any(a, marks.cue_spans):
        classes.append("cue")
    if _in_any(a, marks.amounts):
        classes.append("amount")
    return (f'<span class="{" ".join(classes)}" id="p-{doc}-{a}" data-s="{a}" data-e="{b}"{attrs}>'
            f"{_e(segment)}</span>")


def _badge_html(view: DocView, i: int) -> str:
    """The link after a claim's last piece to its speaker's mention (or its item in the list)."""
    c, doc = view.claims[i], view.doc
    target = (f"#p-{doc}-{c['speaker_start']}" if c.get("speaker_start") is not None
              else f"#claim-{doc}-{i}")
    return (f'<a class="by" href="{target}" data-claim="{i}" '
            f'title="{"direct quote" if c.get("direct") else "reported"}; cue: {_e(c.get("cue"))}">'
            f"{_e(speaker_label(c))}</a>")


def _item(kind: str, doc: str, ranges: list[tuple[int, int]], inner: str, extra: str = "") -> str:
    if not ranges:
        return f'<li class="item {kind}"{extra}>{inner}</li>'
    first = ranges[0][0]
    return (f'<li class="item {kind}" data-ranges="{_ranges_attr(ranges)}"{extra}>'
            f'<a class="go" href="#p-{doc}-{first}">{inner}</a></li>')


def _side_html(view: DocView) -> str:
    doc = view.doc
    return "".join(_section_html(doc, key, heading, items(view)) for key, heading, items in (
        ("affiliations", "Affiliations", _affiliation_items), ("claims", "Claims", _claim_items),
        ("facts", "Facts", _fact_items), ("events", "Events", _event_items),
        ("entities", "Entities", _entity_items)))


def _section_html(doc: str, key: str, heading: str, items: list[str]) -> str:
    body = "".join(items) if items else '<li class="none">none found</li>'
    return (f'<section class="list" id="{key}-{doc}"><h2>{heading} <span class="count">{len(items)}</span>'
            f"</h2><ol>{body}</ol></section>")


def _affiliation_items(view: DocView) -> list[str]:
    items = []
    for a in view.affiliations:
        ranges = [r for r in (evidence_range(a),) if r]
        inner = (f'<b class="person">{_e(a.get("person"))}</b> <span class="role">{_e(a.get("role") or "—")}</span> '
                 f'<span class="at">at</span> <b class="org">{_e(a.get("org"))}</b>')
        items.append(_item("affiliation", view.doc, ranges, inner,
                           f' data-person="{_e(a.get("person_id"))}" data-org="{_e(a.get("org_id"))}"'))
    return items


def _claim_items(view: DocView) -> list[str]:
    doc = view.doc
    items = []
    for i, c in enumerate(view.claims):
        who = ", ".join(x for x in (c.get("role"), c.get("org")) if x)
        inner = (f'<b class="speaker-name">{_e(speaker_label(c))}</b>'
                 f'{" <span class=role>(" + _e(who) + ")</span>" if who else ""} '
                 f'<span class="cue-word">{_e(c.get("cue"))}</span>'
                 f'{" <span class=tag>quote</span>" if c.get("direct") else ""}: '
                 f'<q>{_e(c.get("text"))}</q>')
        items.append(_item("claim-item", doc, claim_ranges(c), inner,
                           f' id="claim-{doc}-{i}" data-claim="{i}" data-speaker="{_e(c.get("speaker_id"))}"'))
    return items


def _fact_items(view: DocView) -> list[str]:
    items = []
    for f in view.facts:
        ranges = [r for r in (evidence_range(f),) if r]
        where = ", ".join(x for x in (f.get("place"), f.get("date")) if x)
        inner = (f'<b class="amount-text">{_e(amount_text(f))}</b>'
                 f'{" <span class=about>" + _e(f.get("about")) + "</span>" if f.get("about") else ""}'
                 f'{" — <b>" + _e(f.get("subject")) + "</b>" if f.get("subject") else ""}'
                 f'{" <span class=where>(" + _e(where) + ")</span>" if where else ""}')
        items.append(_item("fact", view.doc, ranges, inner))
    return items


def _event_items(view: DocView) -> list[str]:
    items = []
    for ev in view.events:
        ranges = [r for r in (evidence_range(ev),) if r]
        actors = "; ".join([*(ev.get("organizers") or []), *(ev.get("participants") or [])])
        where = ", ".join(x for x in (ev.get("place"), ev.get("date")) if x)
        inner = (f'<b>{_e(ev.get("name"))}</b>{" <span class=where>(" + _e(where) + ")</span>" if where else ""}'
                 f'{" <span class=actors>" + _e(actors) + "</span>" if actors else ""}')
        items.append(_item("event", view.doc, ranges, inner))
    return items


def _entity_items(view: DocView) -> list[str]:
    """Entities by label, the most mentioned first; each links to all its mentions."""
    items = []
    size = len(view.text)
    for ent in sorted(view.entities, key=lambda x: (x.get("label") or "", -(len(x.get("mentions") or [])),
                                                     x.get("name") or "")):
        ranges = [(m["start"], m["end"]) for m in ent.get("mentions") or [] if 0 <= m["start"] < m["end"] <= size]
        colour = LABEL_COLOURS.get(ent.get("label"), DEFAULT_COLOUR)
        inner = (f'<span class="chip" style="background:{colour}">{_e(ent.get("label"))}</span> '
                 f'{_e(ent.get("name"))} <span class="count">×{len(ranges)}</span>')
        items.append(_item("entity-item", view.doc, ranges, inner, f' data-entity="{_e(ent.get("id"))}"'))
    return items


_CSS = """
:root{--ink:#222;--muted:#666;--claim:rgba(255,214,0,.28);--claim2:rgba(255,170,0,.38);--flash:#ff5c5c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--ink);background:#fafafa}
section.document{max-width:1500px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
section.document+section.document{border-top:3px solid #ddd}
h1{font-size:1.6rem;margin:.2rem 0}
.meta{color:var(--muted);margin:.2rem 0}
.note{background:#fff3cd;border:1px solid #e0c36b;padding:.4rem .7rem;border-radius:.3rem}
.legend-item{display:inline-block;font-size:.75rem;font-weight:bold;padding:.1rem .45rem;margin:0 .3rem .3rem 0;border-radius:.3rem}
.claim-key{background:var(--claim)}
.speaker-key{border-bottom:3px solid #7b3fe4}
.amount-key{border-bottom:2px dashed #1a7f37}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1.5rem;align-items:start}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
article.text{white-space:pre-wrap;background:#fff;padding:1.2rem 1.4rem;border:1px solid #e3e3e3;border-radius:.4rem;line-height:2.4}
mark.entity{padding:.3em .45em;margin:0 .15em;line-height:1;border-radius:.35em;color:inherit;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.entity .label{font-size:.62em;font-weight:bold;line-height:1;vertical-align:middle;margin-left:.4rem;text-transform:uppercase}
.seg.claim{background:var(--claim);box-decoration-break:clone;-webkit-box-decoration-break:clone}
.seg.claim-nested{background:var(--claim2)}
.seg.speaker{border-bottom:3px solid #7b3fe4;font-weight:600}
.seg.cue{font-style:italic;text-decoration:underline dotted}
.seg.amount{border-bottom:2px dashed #1a7f37}
.seg.gap{color:var(--muted)}
a.by{font-size:.7em;vertical-align:super;margin-left:.2em;padding:0 .35em;border-radius:.6em;background:#7b3fe4;color:#fff;text-decoration:none;white-space:nowrap}
.hl{outline:2px solid #7b3fe4;outline-offset:1px}
.flash{background:#ffd1d1 !important;outline:2px solid var(--flash)}
aside.facts{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto;font-size:.9rem;line-height:1.45}
aside h2{font-size:1rem;margin:.9rem 0 .3rem;border-bottom:1px solid #ddd}
aside h2 .count{color:var(--muted);font-weight:normal}
aside ol{margin:0;padding-left:1.4rem}
aside li{margin:.25rem 0}
aside li a.go{color:inherit;text-decoration:none;display:block;padding:.1rem .3rem;border-radius:.25rem}
aside li a.go:hover,aside li.active a.go{background:#eef}
.role,.where,.actors,.about,.cue-word{color:var(--muted)}
.tag{font-size:.7rem;background:#eee;padding:0 .3rem;border-radius:.2rem}
.chip{display:inline-block;font-size:.65rem;font-weight:bold;padding:0 .3rem;border-radius:.25rem}
q{font-style:italic}
.none{color:var(--muted);list-style:none}
"""

_JS = r"""
(function(){
  "use strict";
  function segs(root, ranges){
    var out = [];
    root.querySelectorAll(".seg").forEach(function(el){
      var a = +el.dataset.s, b = +el.dataset.e;
      ranges.forEach(function(r){ if (a < r[1] && b > r[0]) out.push(el); });
    });
    return out;
  }
  function parse(attr){
    return (attr || "").split(" ").filter(Boolean).map(function(p){ return p.split(":").map(Number); });
  }
  function clear(root, cls){ root.querySelectorAll("." + cls).forEach(function(el){ el.classList.remove(cls); }); }
  document.querySelectorAll("section.document").forEach(function(sec){
    var text = sec.querySelector("article.text");
    sec.querySelectorAll("li.item[data-ranges]").forEach(function(li){
      var ranges = parse(li.dataset.ranges);
      li.addEventListener("click", function(ev){
        ev.preventDefault();
        clear(text, "flash"); clear(sec, "active");
        var hit = segs(text, ranges);
        hit.forEach(function(el){ el.classList.add("flash"); });
        li.classList.add("active");
        if (hit.length) hit[0].scrollIntoView({behavior: "smooth", block: "center"});
        if (history.replaceState) history.replaceState(null, "", "#" + (hit.length ? hit[0].id : ""));
      });
      li.addEventListener("mouseenter", function(){ segs(text, ranges).forEach(function(el){ el.classList.add("hl"); }); });
      li.addEventListener("mouseleave", function(){ clear(text, "hl"); });
    });
    // Hovering a claim outlines its content and its speaker's mention.
    function claimParts(i){
      return Array.prototype.filter.call(text.querySelectorAll("[data-claims],[data-speaker-of]"), function(el){
        return (" " + (el.dataset.claims || "") + " ").indexOf(" " + i + " ") >= 0 ||
               (" " + (el.dataset.speakerOf || "") + " ").indexOf(" " + i + " ") >= 0;
      });
    }
    text.addEventListener("mouseover", function(ev){
      var el = ev.target.closest("[data-claims],a.by");
      clear(text, "hl");
      if (!el) return;
      var i = el.dataset.claim || (el.dataset.claims || "").split(" ")[0];
      claimParts(i).forEach(function(p){ p.classList.add("hl"); });
    });
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
"""


# ---- terminal (Rich) --------------------------------------------------------------------------

def rich_view(view: DocView):
    """A Rich renderable: the text with entities coloured by label, claims and speakers marked,
    then the document's affiliations, claims, facts and events."""
    from rich.console import Group
    from rich.panel import Panel

    d = view.document
    head = " · ".join(x for x in ((d.get("published") or "")[:10], d.get("source"), d.get("author"), view.doc) if x)
    parts: list = [Panel(_rich_text(view), title=d.get("title") or view.doc, subtitle=head, title_align="left"),
                   _rich_legend(view)]
    if view.partial:
        from rich.text import Text

        parts.insert(0, Text("The article text was not found; only the sentences the records quote are shown.",
                             style="yellow"))
    parts += _rich_tables(view)
    return Group(*parts)


def _rich_text(view: DocView):
    """The styled text; unknown stretches of a partial view shown as an ellipsis."""
    from rich.text import Text

    if view.covered is None:
        text = Text(view.text)
        _style_text(text, view)
        return text
    # Styles are applied to the whole (blank-filled) text, then the known parts are cut out of it.
    text = Text()
    last = 0
    styled = Text(view.text)
    _style_text(styled, view)
    for s, e in view.covered:
        if s > last:
            text.append(" … ", style="dim")
        text.append_text(styled[s:e])
        last = e
    if last < len(view.text):
        text.append(" … ", style="dim")
    return text


def _rich_legend(view: DocView):
    from rich.text import Text

    legend = Text("  ")
    for lab in sorted({e.get("label") for e in view.entities if e.get("label")}):
        legend.append(lab, style=LABEL_STYLES.get(lab, "bold"))
        legend.append("  ")
    legend.append("claim", style="italic on grey23")
    legend.append("  ")
    legend.append("speaker", style="bold underline")
    return legend


def _rich_tables(view: DocView) -> list:
    """Tables of the document's affiliations, claims, facts and events (those it has)."""
    from rich.table import Table

    tables = []
    for title, cols, rows_of in _RICH_TABLES:
        rows = rows_of(view)
        if not rows:
            continue
        t = Table(title=title, title_justify="left", header_style="bold", box=None, padding=(0, 1))
        for col in cols:
            t.add_column(col, overflow="fold")
        for row in rows:
            t.add_row(*row)
        tables.append(t)
    return tables


def _affiliation_rows(view: DocView) -> list[list[str]]:
    return [[a.get("person") or "", a.get("role") or "", a.get("org") or ""] for a in view.affiliations]


def _claim_rows(view: DocView) -> list[list[str]]:
    return [[speaker_label(c), (c.get("cue") or "") + (" (quote)" if c.get("direct") else ""), c.get("text") or ""]
            for c in view.claims]


def _fact_rows(view: DocView) -> list[list[str]]:
    return [[amount_text(f), f.get("about") or "", f.get("subject") or "",
             ", ".join(x for x in (f.get("place"), f.get("date")) if x)] for f in view.facts]


def _event_rows(view: DocView) -> list[list[str]]:
    return [[e.get("name") or "", e.get("date") or "", e.get("place") or "",
             "; ".join([*(e.get("organizers") or []), *(e.get("participants") or [])])] for e in view.events]


_RICH_TABLES = (
    ("Affiliations", ["Person", "Role", "Organisation"], _affiliation_rows),
    ("Claims", ["Speaker", "Cue", "Claim"], _claim_rows),
    ("Facts", ["Amount", "About", "Subject", "Place / date"], _fact_rows),
    ("Events", ["Event", "Date", "Place", "Organisers / participants"], _event_rows),
)


def _style_text(text, view: DocView) -> None:
    for c in view.claims:
        for s, e in claim_ranges(c):
            text.stylize("italic on grey23", s, e)
        if c.get("speaker_start") is not None:
            text.stylize("bold underline", c["speaker_start"], c["speaker_end"])
    for s, e, ent in entity_mentions(view):
        text.stylize(LABEL_STYLES.get(ent.get("label"), "bold"), s, e)
