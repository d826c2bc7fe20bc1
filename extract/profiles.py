"""People and organisation profiles across a store, and the status of an affiliation.

No spaCy here: query commands must start fast (the extractor imports `status_of_words` too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STATUSES = ("current", "former", "incoming")

# "former WorldCom chief", "ex-head of", "the then chancellor", "outgoing chairman" (on the way out);
# "new chief executive", "newly appointed", "was appointed", "incoming", "president-elect", "designate".
_FORMER = frozenset("former ex then erstwhile outgoing retired".split())
_INCOMING = frozenset("new newly appointed incoming designate elect named".split())


def status_of_words(words: Iterable[str]) -> str:
    """current, former or incoming, from the words of a role and those just before it."""
    status = "current"
    for raw in words:
        w = raw.lower().replace("’", "'")
        parts = [p for p in re.split(r"[-\s]", w) if p]
        if not parts:
            continue
        if parts[0] in _FORMER or w.startswith("ex-") or w.startswith("then-"):
            return "former"
        if parts[0] in _INCOMING or parts[-1] in ("elect", "designate"):
            status = "incoming"
    return status


_WORDS = re.compile(r"[\w’'-]+")


def affiliation_status(rec: dict) -> str:
    """The record's `status`; for a record stored before it existed, read from the role and the
    few words before the person when the title comes first ("former WorldCom chief X")."""
    status = rec.get("status")
    if status in STATUSES:
        return status
    words = _WORDS.findall(rec.get("role") or "")
    ev, start, p_start = rec.get("evidence") or "", rec.get("start"), rec.get("person_start")
    if isinstance(start, int) and isinstance(p_start, int) and 0 <= p_start - start <= len(ev):
        org_start = rec.get("org_start")
        if not isinstance(org_start, int) or org_start < p_start:
            words += _WORDS.findall(ev[max(0, p_start - start - 60):p_start - start])[-5:]
    return status_of_words(words)


def parse_statuses(text: str | None) -> set[str] | None:
    """--status current,former → {"current", "former"}; ValueError naming the known ones."""
    if not text:
        return None
    chosen = {s.strip().lower() for s in text.split(",") if s.strip()}
    unknown = chosen - set(STATUSES)
    if unknown or not chosen:
        raise ValueError(f"--status {text!r}: expected {', '.join(STATUSES)}")
    return chosen
