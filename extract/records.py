"""Record types of the JSON Lines store (schema v1).

Every record is one JSON object on one line with at least `type`, `v` (schema version)
and `doc` (the document id). Records are plain dicts so they cross process boundaries
(spaCy's multiprocessing) and serialise with orjson without adapters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import orjson

SCHEMA_VERSION = 1
RECORD_TYPES = ("document", "entity", "affiliation", "claim", "fact", "event")

# Sorted keys make a store byte-identical across runs (and across --jobs).
_DUMP_OPTS = orjson.OPT_SORT_KEYS


def dumps(record: dict) -> bytes:
    """One record as a JSON line (bytes, newline included)."""
    return orjson.dumps(record, option=_DUMP_OPTS | orjson.OPT_APPEND_NEWLINE)


def doc_id(text: str) -> str:
    """Documents are identified by the hash of their text, so re-runs never duplicate."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def entity_id(label: str, name: str) -> str:
    """Stable across documents and runs: the same canonical name gives the same id."""
    return f"{label.lower()}:{slug(name)}"


def make(type_: str, doc: str, **fields) -> dict:
    rec = {"type": type_, "v": SCHEMA_VERSION, "doc": doc}
    rec.update(fields)
    return rec


def document(doc: str, *, path: str | None, title: str | None, published: str | None,
             source: str | None, author: str | None, words: int, chars: int, **extra) -> dict:
    return make("document", doc, path=path, title=title, published=published, source=source,
                author=author, words=words, chars=chars, **extra)
