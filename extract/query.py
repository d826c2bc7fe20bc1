"""Query helpers over store records: alias-aware name matching and the filters of the commands.

No spaCy here: query commands must start fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

_WORD = re.compile(r"[\w$£€%&'.-]+")


def normalize(text: str | None) -> str:
    s = unicodedata.normalize("NFKC", text or "").lower().replace("’", "'")
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    return re.sub(r"^the ", "", s)


def _words(text: str) -> list[str]:
    return [w.strip(".,;:'") for w in _WORD.findall(normalize(text))]


def name_matches(query: str, names: Iterable[str | None]) -> bool:
    """Case-insensitive; the query equals a name or alias, or its words appear in order within one."""
    q = _words(query)
    if not q:
        return True
    qs = " " + " ".join(q) + " "
    for name in names:
        if not name:
            continue
        if qs in " " + " ".join(_words(name)) + " ":
            return True
    return False


def org_names(rec: dict) -> list[str]:
    return [rec.get("org") or "", *(rec.get("org_aliases") or [])]


def filter_affiliations(records: Iterable[dict], *, org: str | None = None,
                        person: str | None = None) -> Iterator[dict]:
    for rec in records:
        if org and not name_matches(org, org_names(rec)):
            continue
        if person and not name_matches(person, [rec.get("person"), *(rec.get("person_aliases") or [])]):
            continue
        yield rec
