"""People and organisation profiles across a store, and the status of an affiliation.

No spaCy here: query commands must start fast (the extractor imports `status_of_words` too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


# ---- profiles ---------------------------------------------------------------------------------

PROFILE_TYPES = ("document", "entity", "affiliation", "claim", "fact", "event")


def _pick(rows: list[dict], query: str) -> tuple[dict | None, list[dict]]:
    """The row a name means: one whose name or alias equals the query, else the one matching in
    most documents; and the others that matched."""
    from cooptool.extract.query import name_matches, normalize

    hits = [r for r in rows if name_matches(query, [r["name"], *r["aliases"]])]
    if not hits:
        return None, []
    q = normalize(query)
    hits.sort(key=lambda r: (not any(normalize(x) == q for x in [r["name"], *r["aliases"]]),
                             -len(r["docs"]), -r["mentions"], r["name"]))
    return hits[0], hits[1:]


@dataclass
class _Subject:
    """The entity a profile is about: its merged record ids, its normalised names, and the store's
    documents (to date what is said of it)."""

    ids: set[str]
    names: set[str]
    docs: dict[str, dict]
    person: bool

    def dated(self, rec: dict, **fields) -> dict:
        d = self.docs.get(rec.get("doc")) or {}
        return {**fields, "doc": rec.get("doc"), "published": d.get("published"), "title": d.get("title")}


def build_profile(records: Iterable[dict], query: str, label: str, limit: int | None = None) -> dict | None:
    """Everything a store says about one person (label PERSON) or organisation (ORG): every role
    (with its status and the document's date), every claim, every fact, the events and the
    documents. None when no entity of that label matches `query`."""
    from cooptool.extract.aliases import merge_entities
    from cooptool.extract.query import normalize

    by_type: dict[str, list[dict]] = {t: [] for t in PROFILE_TYPES}
    for rec in records:
        if rec.get("type") in by_type:
            by_type[rec["type"]].append(rec)
    rows = merge_entities([e for e in by_type["entity"] if e.get("label") == label], with_ids=True)
    row, others = _pick(rows, query)
    if row is None:
        return None
    subject = _Subject(ids=set(row["ids"]), names={normalize(x) for x in [row["name"], *row["aliases"]]},
                       docs={d["doc"]: d for d in by_type["document"]}, person=label == "PERSON")
    roles = _profile_roles(subject, by_type["affiliation"])
    claims = _profile_claims(subject, by_type["claim"], roles)
    facts = _profile_facts(subject, by_type["fact"])
    events = _profile_events(subject, by_type["event"])
    documents = _profile_documents(subject, set(row["docs"]) | {x["doc"] for part in (roles, claims, facts, events)
                                                                for x in part})

    def cut(items: list[dict]) -> list[dict]:
        items.sort(key=lambda x: (x.get("published") or "", x.get("doc") or ""))
        return items[:limit] if limit else items

    return {"name": row["name"], "id": row["id"], "label": row["label"], "aliases": row["aliases"],
            "mentions": row["mentions"], "roles": cut(roles), "claims": cut(claims), "facts": cut(facts),
            "events": cut(events), "documents": cut(documents),
            "counts": {"roles": len(roles), "claims": len(claims), "facts": len(facts), "events": len(events),
                       "documents": len(documents)},
            "also_matched": [r["name"] for r in others[:10]]}


def _profile_roles(subject: _Subject, affiliations: list[dict]) -> list[dict]:
    """The person's posts, or the organisation's people."""
    key = "person_id" if subject.person else "org_id"
    return [subject.dated(a, person=a.get("person"), role=a.get("role"), org=a.get("org"),
                          status=affiliation_status(a), evidence=a.get("evidence"), confidence=a.get("confidence"))
            for a in affiliations if a.get(key) in subject.ids]


def _profile_claims(subject: _Subject, claims: list[dict], roles: list[dict]) -> list[dict]:
    """The person's claims; for an organisation, also those made in its name or by its people
    (in the documents that say they hold a post there)."""
    from cooptool.extract.query import normalize

    people_here = {(r["doc"], r["person"]) for r in roles} if not subject.person else set()
    out = []
    for c in claims:
        own = c.get("speaker_id") in subject.ids
        via = not subject.person and not own and (
            normalize(c.get("org")) in subject.names or (c.get("doc"), c.get("speaker")) in people_here)
        if own or via:
            out.append(subject.dated(c, speaker=c.get("speaker"), role=c.get("role"), org=c.get("org"),
                                     text=c.get("text"), direct=c.get("direct"), cue=c.get("cue"),
                                     confidence=c.get("confidence"), start=c.get("start"), end=c.get("end")))
    return out


def _profile_facts(subject: _Subject, facts: list[dict]) -> list[dict]:
    from cooptool.extract.factbase import amount_text

    return [subject.dated(f, subject=f.get("subject"), amount=amount_text(f), kind=f.get("kind"),
                          value=f.get("value"), currency=f.get("currency"), unit=f.get("unit"),
                          about=f.get("about"), place=f.get("place"), date=f.get("date"), evidence=f.get("evidence"))
            for f in facts if f.get("subject_id") in subject.ids]


def _profile_events(subject: _Subject, events: list[dict]) -> list[dict]:
    """Events the entity organised or took part in (by name)."""
    from cooptool.extract.query import normalize

    return [subject.dated(e, name=e.get("name"), date=e.get("date"), place=e.get("place"),
                          organizers=e.get("organizers"), participants=e.get("participants"))
            for e in events
            if subject.names & {normalize(x) for x in [*(e.get("organizers") or []), *(e.get("participants") or []),
                                                       *(e.get("actor_aliases") or [])]}]


def _profile_documents(subject: _Subject, doc_ids: set[str]) -> list[dict]:
    docs = subject.docs
    return sorted(({"doc": i, "title": docs.get(i, {}).get("title"), "published": docs.get(i, {}).get("published"),
                    "source": docs.get(i, {}).get("source")} for i in doc_ids),
                  key=lambda d: (d["published"] or "", d["doc"]))
