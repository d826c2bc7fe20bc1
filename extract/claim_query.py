"""Filters of `cooptool said` over claim records (no spaCy here: query commands start fast)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from cooptool.extract.query import name_matches

_WORD = re.compile(r"\w+")


def speaker_names(rec: dict) -> list[str]:
    return [rec.get("speaker") or "", *(rec.get("speaker_aliases") or [])]


def by_org(rec: dict, org: str) -> bool:
    """Said by the organisation itself, or by someone affiliated with it."""
    if rec.get("speaker_type") in ("ORG", "GPE") and name_matches(org, speaker_names(rec)):
        return True
    return bool(rec.get("org")) and name_matches(org, [rec.get("org"), *(rec.get("org_aliases") or [])])


def about(rec: dict, words: str) -> bool:
    """Every word of the query occurs in the claim text in some form ("tax": "taxes", "taxation")."""
    from cooptool.extract.narrow import matches_word_forms

    return matches_word_forms(words, rec.get("text"))


def filter_claims(records: Iterable[dict], *, by: str | None = None, org: str | None = None,
                  about_text: str | None = None, direct: bool | None = None) -> Iterator[dict]:
    for rec in records:
        if by and not (rec.get("speaker") and name_matches(by, speaker_names(rec))):
            continue
        if org and not by_org(rec, org):
            continue
        if about_text and not about(rec, about_text):
            continue
        if direct is not None and bool(rec.get("direct")) != direct:
            continue
        yield rec
