"""Narrowing query results, the same way in every query command: by document, source, published
date and confidence (on records), then sort and limit (on rows); and word forms for text search.

No spaCy here: query commands must start fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from cooptool.extract import lexicon

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class NarrowError(ValueError):
    """A narrowing option the user got wrong (a usage error)."""


def check_date(text: str | None, option: str) -> str | None:
    """An ISO date prefix (`2005`, `2005-02`, `2005-02-28`), else NarrowError."""
    if text is None:
        return None
    text = text.strip()
    if not _DATE.match(text):
        raise NarrowError(f"{option} {text!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return text


@dataclass
class Narrowing:
    doc: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    sort: str | None = None
    desc: bool = False
    limit: int | None = None
    scored: int = 0  # records seen that carry a confidence (for the "no score" note)

    @property
    def needs_documents(self) -> bool:
        """Whether the document records must be read (source and dates live there)."""
        return bool(self.source or self.since or self.until)

    def document_matches(self, doc: dict | None) -> bool:
        """A document record against --source/--since/--until (a document with no date fails a date bound)."""
        if self.source:
            from cooptool.extract.query import name_matches

            if not doc or not name_matches(self.source, [doc.get("source")]):
                return False
        if self.since or self.until:
            published = (doc or {}).get("published") or ""
            if not published:
                return False
            # Compare as many characters as the bound gives: --until 2005-02 keeps all of February.
            if self.since and published[:len(self.since)] < self.since:
                return False
            if self.until and published[:len(self.until)] > self.until:
                return False
        return True

    def record_matches(self, rec: dict) -> bool:
        """--doc (a prefix of the document id) and --min-confidence, which need only the record."""
        if self.doc and not str(rec.get("doc") or "").startswith(self.doc):
            return False
        if self.min_confidence is not None and "confidence" in rec:
            self.scored += 1
            conf = rec.get("confidence")
            if conf is None or conf < self.min_confidence:
                return False
        return True

    def records(self, records: Iterable[dict], wanted: Sequence[str]) -> Iterator[dict]:
        """The records of the `wanted` types that pass; `records` must include the document records
        when `needs_documents` (a store block ends with its document, so records wait for it)."""
        keep_docs = "document" in wanted
        if not self.needs_documents:
            for rec in records:
                if rec.get("type") in wanted and self.record_matches(rec):
                    yield rec
            return
        waiting: dict[str, list[dict]] = {}
        verdict: dict[str, bool] = {}
        for rec in records:
            doc = rec.get("doc")
            if rec.get("type") == "document":
                ok = verdict[doc] = self.document_matches(rec)
                held = waiting.pop(doc, [])
                if ok:
                    yield from held
                    if keep_docs and self.record_matches(rec):
                        yield rec
                continue
            if rec.get("type") not in wanted or not self.record_matches(rec):
                continue
            if doc in verdict:
                if verdict[doc]:
                    yield rec
            else:
                waiting.setdefault(doc, []).append(rec)
        # Records whose document is not in the store: nothing to say about their source or date.

    def rows(self, rows: Iterable[dict], keys: Sequence[str]) -> Iterator[dict] | list[dict]:
        """Sort (--sort, --desc) and cut (--limit) output rows."""
        if self.sort:
            if self.sort not in keys:
                raise NarrowError(f"--sort {self.sort!r}: not a field here; fields: {', '.join(keys)}")
            rows = sort_rows(rows, self.sort, self.desc)
        elif self.desc:
            rows = list(rows)[::-1]
        if self.limit is not None:
            return _take(rows, self.limit)
        return rows


def _take(rows: Iterable[dict], n: int) -> Iterator[dict]:
    if n <= 0:
        return
    for i, row in enumerate(rows, 1):
        yield row
        if i >= n:
            return


def _sort_key(value):
    """Numbers before text, lists by length; a missing value always sorts last."""
    if isinstance(value, bool):
        return (0, float(value), "")
    if isinstance(value, (int, float)):
        return (0, float(value), "")
    if isinstance(value, (list, tuple, set, dict)):
        return (0, float(len(value)), "")
    return (1, 0.0, str(value).lower())


def sort_rows(rows: Iterable[dict], field: str, desc: bool = False) -> list[dict]:
    rows = list(rows)
    present = [r for r in rows if r.get(field) is not None]
    missing = [r for r in rows if r.get(field) is None]
    present.sort(key=lambda r: _sort_key(r.get(field)), reverse=desc)  # stable: ties keep store order
    return present + missing


# ---- word forms -------------------------------------------------------------------------------

# Endings that make another form of the same word: "tax" → "taxes", "taxed", "taxation", "taxing".
# In the list's order (the first ending a word has is taken off); read once, at import.
_SUFFIXES = tuple(row[0] for row in lexicon.rows("word_endings"))
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def word_stem(word: str) -> str:
    """A crude stem: the word less one common ending, keeping at least three letters
    ("taxes" → "tax", "taxation" → "tax", "rising" → "ris", "news" → "news")."""
    w = word.lower().replace("’", "'")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[:-len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            return stem
    return w


def _forms_match(query_word: str, text_word: str) -> bool:
    q, t = query_word.lower(), text_word.lower().replace("’", "'")
    if q == t:
        return True
    qs = word_stem(q)
    if word_stem(t) == qs:
        return True
    # "tax" and "taxation": the text word is the stem plus a known ending (not "taxi": "i" is none)
    if t.startswith(qs) and t[len(qs):] in _SUFFIXES:
        return True
    # "plan" and "planned": a doubled final consonant before the ending
    if t.startswith(qs + qs[-1:]) and t[len(qs) + 1:] in ("ed", "ing", "er", "ers"):
        return True
    # "economy" and "economies" / "economic": a final y or e may go before the ending
    return len(qs) >= 4 and qs[-1] in "ye" and t.startswith(qs[:-1]) and t[len(qs) - 1:] in _SUFFIXES + ("ic", "ics")


def text_words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def matches_word_forms(query: str, text: str | None) -> bool:
    """Every word of `query` occurs in `text` in some form ("tax" finds "taxes", "taxation");
    a quoted query ("\"interest rates\"") needs the words next to each other, in order."""
    query = query.strip()
    words = text_words(text)
    if not words:
        return False
    if len(query) > 1 and query[0] == query[-1] == '"':
        qw = text_words(query[1:-1])
        n = len(qw)
        return bool(qw) and any(all(_forms_match(q, w) for q, w in zip(qw, words[i:i + n], strict=True))
                                for i in range(len(words) - n + 1))
    qw = text_words(query)
    return all(any(_forms_match(q, w) for w in words) for q in qw)


def prefilter_query(query: str | None) -> str | None:
    """The part of a word-form query every matching line contains, for a byte-level pre-filter
    ("taxes" → "tax", "economy" → "econom")."""
    if not query:
        return None
    out = []
    for w in text_words(query.strip('"')):
        stem = word_stem(w)
        out.append(stem[:-1] if len(stem) >= 4 and stem[-1] in "ye" else stem)
    return " ".join(out) or None


# ---- full-text search -------------------------------------------------------------------------

SEARCH_TYPES = ("claim", "fact", "affiliation", "event")


def search_records(records: Iterable[dict], query: str) -> Iterator[dict]:
    """Rows of claims, facts and evidence sentences whose text holds every word of `query` in some
    form: a claim's content (or its sentence), a fact's, an affiliation's or an event's sentence.
    The same sentence found through several records of one type is one row."""
    seen: set[tuple] = set()
    for rec in records:
        kind = rec.get("type")
        if kind not in SEARCH_TYPES:
            continue
        if kind == "claim":
            text = rec.get("text") if matches_word_forms(query, rec.get("text")) else (
                rec.get("evidence") if matches_word_forms(query, rec.get("evidence")) else None)
            who = rec.get("speaker")
        else:
            text = rec.get("evidence") if matches_word_forms(query, rec.get("evidence")) else None
            who = {"fact": rec.get("subject"), "affiliation": rec.get("person"),
                   "event": rec.get("name")}[kind]
        if text is None:
            continue
        key = (kind, rec.get("doc"), rec.get("start"), rec.get("end"), who)
        if key in seen:
            continue
        seen.add(key)
        yield {"type": kind, "who": who, "text": text, "evidence": rec.get("evidence"), "doc": rec.get("doc"),
               "start": rec.get("start"), "end": rec.get("end"), "confidence": rec.get("confidence")}
