"""Query helpers over store records: alias-aware name matching and the filters of the commands.

No spaCy here: query commands must start fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

_WORD = re.compile(r"[\w$£€%&'.-]+")


def normalize(text: str | None) -> str:
    s = unicodedata.normalize("NFKC", text or "").lower().replace("’", "'")
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    return re.sub(r"^the ", "", s)


def _words(text: str) -> list[str]:
    return [w.strip(".,;:'") for w in _WORD.findall(normalize(text))]


@lru_cache(maxsize=256)
def _query_words(query: str) -> tuple[str, ...]:
    return tuple(_words(query))


def name_matches(query: str, names: Iterable[str | None]) -> bool:
    """Case-insensitive; the query equals a name or alias, or its words appear in order within one."""
    q = _query_words(query)
    if not q:
        return True
    qs = " " + " ".join(q) + " "
    for name in names:
        if not name:
            continue
        # Cheap reject first (the common case over a large store): for ASCII names normalising
        # only lowercases, so every query word must already be a substring.
        if name.isascii():
            low = name.lower()
            if not all(w in low for w in q):
                continue
        if qs in " " + " ".join(_words(name)) + " ":
            return True
    return False


def line_filter(*queries: str | None) -> Callable[[bytes], bool] | None:
    """A byte-level pre-filter for store lines: False means the record cannot match these queries.

    Used before JSON parsing; None when it cannot be exact (non-ASCII queries).
    """
    words = []
    for query in queries:
        if not query:
            continue
        q = _query_words(query)
        if not q or not all(w.isascii() for w in q):
            return None
        # The longest plain run of letters/digits: punctuation may be written differently in the
        # record ("don't" vs "don’t") and normalised only after parsing.
        pieces = [p for w in q for p in re.findall(r"[a-z0-9]+", w)]
        if not pieces:
            return None
        words.append(max(pieces, key=len))
    if not words:
        return None
    needles = [w.encode() for w in words]  # lower case already (normalised query words)
    if len(needles) == 1:
        needle = needles[0]
        return lambda line: needle in line.lower()  # bytes.lower is ASCII-only: exact here
    return lambda line: all(n in line.lower() for n in needles)


def org_names(rec: dict) -> list[str]:
    return [rec.get("org") or "", *(rec.get("org_aliases") or [])]


def filter_affiliations(records: Iterable[dict], *, org: str | None = None,
                        person: str | None = None) -> Iterator[dict]:
    for rec in records:
        if org and not name_matches(org, org_names(rec)):
            continue
        # Affiliations carry the person's canonical name only (no aliases: those are on entity records).
        if person and not name_matches(person, [rec.get("person")]):
            continue
        yield rec
