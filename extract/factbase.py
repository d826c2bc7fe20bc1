"""Queries over fact and event records, and the one-screen summary of a store.

No spaCy here: query commands must start fast.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cooptool.extract import lexicon
from cooptool.extract.query import name_matches

FACT_KINDS = ("money", "percent", "quantity", "count")


def format_number(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def amount_text(fact: dict) -> str:
    """"nearly 1,000 member companies", "60,000,000 USD", "80,000–100,000 barrels a day"."""
    value = format_number(fact.get("value"))
    if fact.get("value_max") is not None:
        value += "–" + format_number(fact["value_max"])
    unit = fact.get("currency") or fact.get("unit") or ""
    if unit == "%":
        text = value + "%"
    else:
        text = f"{value} {unit}".strip()
    if fact.get("approx"):
        text = f"{fact['approx']} {text}"
    if fact.get("change"):
        text += " (" + fact["change"] + ")"
    return text


def fact_names(fact: dict) -> list[str]:
    return [fact.get("subject") or "", *(fact.get("subject_aliases") or [])]


def filter_facts(records: Iterable[dict], *, about: str | None = None, kind: str | None = None,
                 doc: str | None = None) -> Iterator[dict]:
    for rec in records:
        if about and not name_matches(about, fact_names(rec)):
            continue
        if kind and rec.get("kind") != kind:
            continue
        if doc and not (rec.get("doc") or "").startswith(doc):
            continue
        yield rec


def filter_events(records: Iterable[dict], *, name: str | None = None, org: str | None = None) -> Iterator[dict]:
    for rec in records:
        if name and not name_matches(name, [rec.get("name"), *(rec.get("aliases") or [])]):
            continue
        if org and not name_matches(org, [*(rec.get("organizers") or []), *(rec.get("participants") or []),
                                          *(rec.get("actor_aliases") or [])]):
            continue
        yield rec


# Words left out of an event's name when it is matched across documents ("the annual G7 meeting").
_NAME_NOISE = lexicon.words("event_name_noise")


def event_key(rec: dict) -> str:
    """The words that name an event, for matching it across documents: "G7 finance ministers' meeting"
    and "the G7 meeting" share "g7 meeting" (its capitalised words and its kind)."""
    name = rec.get("name") or ""
    words = [w.strip(",.;:()'’") for w in name.replace("'", " ").replace("’", " ").split()]
    caps = [w.lower() for w in words if w and (w[:1].isupper() or w[:1].isdigit()) and w.lower() not in _NAME_NOISE]
    kind = rec.get("kind") or ""
    if caps:
        return " ".join(caps + ([kind] if kind and kind.lower() not in caps else []))
    return " ".join(w.lower() for w in words if w.lower() not in _NAME_NOISE)


def _agree(a, b) -> bool:
    return a is None or b is None or a == b or str(a).startswith(str(b)) or str(b).startswith(str(a))


def merge_events(records: Iterable[dict]) -> list[dict]:
    """One row per event across documents: records with the same name or alias (or the same named
    key, "g7 meeting"), or the same kind, date and place, whose dates and places do not disagree,
    are one event; a name with no capitalised word ("signing of agreement") joins only mentions with
    an organiser or participant in common (or none on either side). Each row keeps the first record's
    fields, adds what later ones know, and counts its documents (`documents`, `docs`)."""
    rows: list[dict] = []
    by_key: dict[str, list[dict]] = defaultdict(list)
    by_when: dict[tuple, list[dict]] = defaultdict(list)
    for rec in records:
        keys = () if _place_only_name(rec) else (
            *{n.lower() for n in (rec.get("name"), *(rec.get("aliases") or [])) if n}, event_key(rec))
        when = _event_when(rec)
        by_name = [r for k in keys for r in by_key.get(k, []) if _named(rec) or _share_actors(r, rec)]
        row = _matching_event(rec, by_name + (by_when.get(when, []) if when else []))
        if row is None:
            row = {**rec, "documents": 0, "docs": []}
            rows.append(row)
        else:
            _absorb_event(row, rec)
        if rec.get("doc") not in row["docs"]:
            row["docs"].append(rec.get("doc"))
            row["documents"] = len(row["docs"])
        for k in keys:
            if row not in by_key[k]:
                by_key[k].append(row)
        if when and row not in by_when[when]:
            by_when[when].append(row)
    return rows


def _place_only_name(rec: dict) -> bool:
    """"London conference", "Brussels summit": a name whose only capitalised words are its place names no
    one event (London has many conferences); such mentions are one only by kind, date and place."""
    place = (rec.get("place") or "").lower().split()
    if not place:
        return False
    caps = [w for w in event_key(rec).split() if w != (rec.get("kind") or "").lower()]
    return caps == place and not rec.get("aliases")


def _named(rec: dict) -> bool:
    """A name with a capitalised word ("G7 meeting", "Harbour Trade Fair") names one event; "signing of
    agreement" or "talks with the union" may be any."""
    return any(w[:1].isupper() or w[:1].isdigit() for w in (rec.get("name") or "").split())


def _share_actors(row: dict, rec: dict) -> bool:
    """Two mentions of an unnamed event are one only with someone in common, or when neither names anyone."""
    a = {n.lower() for n in (row.get("organizers") or []) + (row.get("participants") or [])}
    b = {n.lower() for n in (rec.get("organizers") or []) + (rec.get("participants") or [])}
    return bool(a & b) or not a and not b


def _event_when(rec: dict) -> tuple | None:
    """(kind, date, place) of an event that has both a date and a place, else None."""
    if rec.get("date") and rec.get("place"):
        return rec.get("kind"), rec.get("date"), (rec.get("place") or "").lower()
    return None


def _matching_event(rec: dict, candidates: list[dict]) -> dict | None:
    """The first candidate row whose date and place do not disagree with the record's."""
    place = (rec.get("place") or "").lower() or None
    return next((r for r in candidates if _agree(r.get("date"), rec.get("date"))
                 and _agree((r.get("place") or "").lower() or None, place)), None)


def _absorb_event(row: dict, rec: dict) -> None:
    """What a later record of the same event adds: a date or place the row lacks, and more names."""
    for key in ("date", "date_text", "place"):
        if not row.get(key) and rec.get(key):
            row[key] = rec[key]
    for key in ("aliases", "organizers", "participants", "actor_aliases"):
        row[key] = list(dict.fromkeys((row.get(key) or []) + (rec.get(key) or [])))


# ---- summary ----------------------------------------------------------------------------------

_KIND_WEIGHT = {"money": 2.0, "count": 1.5, "quantity": 1.5, "percent": 1.0}
# Words that give an event no name of its own ("Saturday's ceremony"), and venue words ("... Centre").
_GENERIC_EVENT_WORDS = lexicon.words("generic_event_words")
_VENUE_WORDS = lexicon.words("venue_words")


def is_real_event(ev: dict) -> bool:
    """An event worth a line in a brief: a name of its own ("London Book Fair", "G8 summit") with a
    date, a place or who took part, or a described one ("signing of deal with X") with two of those.
    Not a bare "meeting" or "Saturday's ceremony", nor a venue ("... Conference Centre")."""
    name = (ev.get("name") or "").strip()
    words = name.replace("…", " ").split()
    if not words or words[-1].lower() in _VENUE_WORDS:
        return False
    named = any(w[:1].isupper() or w[:1].isdigit() for w in words if w.lower() not in _GENERIC_EVENT_WORDS)
    details = sum(bool(x) for x in (ev.get("date"), ev.get("place"),
                                    ev.get("organizers") or ev.get("participants")))
    if not any(w.lower() not in _GENERIC_EVENT_WORDS for w in words):
        return False
    return details >= (1 if named else 2)


@dataclass
class _StoreParts:
    """A store's records sorted by type, as `summarise` reads them."""

    docs: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    affiliations: list[dict] = field(default_factory=list)
    claims: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # speaker → claims
    unattributed: int = 0
    facts: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    totals: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, records: Iterable[dict]) -> _StoreParts:
        parts = cls()
        lists = {"document": parts.docs, "entity": parts.entities, "affiliation": parts.affiliations,
                 "fact": parts.facts, "event": parts.events}
        for rec in records:
            kind = rec.get("type")
            parts.totals[kind] += 1
            if kind == "claim":
                if rec.get("speaker"):
                    parts.claims[rec["speaker"]].append(rec)
                else:
                    parts.unattributed += 1
            elif kind in lists:
                lists[kind].append(rec)
        return parts


def merge_entity_kinds(kinds: list[dict], *, with_ids: bool = False) -> list[dict]:
    """The rows of `aliases.merge_entities(records)` (no alias file) from the records' distinct kinds
    as the store's index keeps them (`index.entity_kinds`): the merge itself, without the records.
    `tests/test_s21_query.py` keeps the two equal."""
    from cooptool.extract.aliases import _join_by_names, _merged_row, _Merger

    merger = _Merger(kinds)
    _join_by_names(kinds, merger)
    rows = [_merged_row(kinds, members, {}, None, with_ids) for members in merger.groups()]
    rows.sort(key=lambda r: (-r["mentions"], -len(r["docs"]), r["name"].lower(), r["label"]))  # as merge_entities
    return rows


def summarise(records: Iterable[dict], top: int = 8) -> dict:
    """One dict that briefs a store: totals of every record type, documents, leading organisations
    and people with their roles, the most quoted speakers, notable facts and real events.

    Entities across documents are the rows of `aliases.merge_entities` (so "UK government" never
    absorbs other countries' governments)."""
    from cooptool.extract.aliases import merge_entities

    parts = _StoreParts.of(records)
    rows = merge_entities(parts.entities, with_ids=True)
    row_of: dict[str, dict] = {}
    for row in rows:
        for eid in row["ids"]:
            row_of.setdefault(eid, row)
    roles = _roles_by_entity(parts.affiliations, row_of)
    ent_docs = {eid: set(row["docs"]) for eid, row in row_of.items()}
    leading = {r["name"] for label in ("ORG", "PERSON") for r in _ranked(rows, label)[:top * 4]}
    real = [e for e in parts.events if is_real_event(e)]
    return {
        "totals": {t: parts.totals.get(t, 0)
                   for t in ("document", "entity", "affiliation", "claim", "fact", "event")},
        "documents": _documents_brief(parts.docs, top),
        "organisations": [
            {"name": r["name"], "id": r["id"], "documents": len(r["docs"]), "mentions": r["mentions"],
             "aliases": r["aliases"][:5]}
            for r in _ranked(rows, "ORG")[:top]
        ],
        "people": [_person_brief(r, roles) for r in _ranked(rows, "PERSON")[:top]],
        "claims": _speakers_brief(parts.claims, row_of, roles, top),
        "unattributed_claims": parts.unattributed,
        "facts": {"count": len(parts.facts), "notable": notable_facts(parts.facts, ent_docs, leading, top)},
        "events": {"count": len(parts.events), "list": _events_brief(real, top), "real": len(real)},
    }


def _ranked(rows: list[dict], label: str) -> list[dict]:
    """The merged entities of a label, in most documents first."""
    return sorted((r for r in rows if r["label"] == label),
                  key=lambda r: (-len(r["docs"]), -r["mentions"], r["name"]))


def _roles_by_entity(affiliations: list[dict], row_of: dict[str, dict]) -> dict[str, Counter]:
    """Merged person id → Counter of (role, org, status) over the store's affiliations."""
    from cooptool.extract.profiles import affiliation_status

    roles: dict[str, Counter] = defaultdict(Counter)
    for a in affiliations:
        row = row_of.get(a.get("person_id"))
        key = row["id"] if row else a.get("person_id") or a.get("person")
        roles[key][(a.get("role"), a.get("org"), affiliation_status(a))] += 1
    return roles


def _documents_brief(docs: list[dict], top: int) -> dict:
    published = sorted(d["published"] for d in docs if d.get("published"))
    sources = Counter(d.get("source") for d in docs if d.get("source"))
    # Newest first when dates are known; otherwise the order the store holds them in.
    latest = sorted(docs, key=lambda d: d.get("published") or "", reverse=True) if published else docs
    return {
        "count": len(docs),
        "words": sum(d.get("words") or 0 for d in docs),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "sources": [{"source": s, "documents": n} for s, n in sources.most_common(top)],
        "titles": [{"doc": d.get("doc"), "title": d.get("title"), "published": d.get("published")}
                   for d in latest[:top]],
    }


def _person_brief(r: dict, roles: dict[str, Counter]) -> dict:
    """A leading person with the role, organisation and status they most often hold."""
    role, org, status = roles[r["id"]].most_common(1)[0][0] if roles.get(r["id"]) else (None, None, None)
    return {"name": r["name"], "id": r["id"], "documents": len(r["docs"]),
            "mentions": r["mentions"], "role": role, "org": org, "status": status}


def _speakers_brief(claims: dict[str, list[dict]], row_of: dict[str, dict], roles: dict[str, Counter],
                    top: int) -> list[dict]:
    """The most quoted speakers: their role (from a claim, else their most frequent one anywhere in
    the store), how many claims (and direct quotes), and an example of typical length."""
    out = []
    for speaker, items in sorted(claims.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]:
        first = next((c for c in items if c.get("role") or c.get("org")), items[0])
        role, org = first.get("role"), first.get("org")
        if not (role or org):  # the speaker's most frequent role anywhere in the store
            row = next((row_of[c["speaker_id"]] for c in items if c.get("speaker_id") in row_of), None)
            if row and roles.get(row["id"]):
                role, org, _ = roles[row["id"]].most_common(1)[0][0]
        example = min(items, key=lambda c: abs(len(c.get("text") or "") - 120))
        out.append({"speaker": speaker, "speaker_type": first.get("speaker_type"),
                    "role": role, "org": org,
                    "claims": len(items), "direct": sum(1 for c in items if c.get("direct")),
                    "example": example.get("text")})
    return out


def _events_brief(real: list[dict], top: int) -> list[dict]:
    """Real events, dated ones first (earliest first, the most attended first on a day), one per name."""
    dated = sorted(real, key=lambda e: (e.get("date") is None, e.get("date") or "",
                                        -len(e.get("organizers") or []) - len(e.get("participants") or [])))
    listed: list[dict] = []
    seen: set[str] = set()
    for e in dated:
        key = " ".join((e.get("name") or "").lower().split())
        if key in seen:
            continue
        seen.add(key)
        listed.append({k: e.get(k) for k in ("name", "date", "place", "organizers", "participants", "doc")})
        if len(listed) >= top:
            break
    return listed


def notable_facts(facts: list[dict], ent_docs: dict[str, set[str]], leading: set[str], top: int) -> list[dict]:
    """Facts about the store's leading organisations and people, money and counts first, with
    what they measure; at most two per subject and one per document."""
    def score(f: dict) -> float:
        prominence = math.log1p(len(ent_docs.get(f.get("subject_id"), ())))
        return (prominence + _KIND_WEIGHT.get(f.get("kind"), 0) + (1.0 if f.get("about") else 0)
                + (0.5 if f.get("subject_via") == "syntax" else 0))

    chosen: list[dict] = []
    per_subject: Counter = Counter()
    seen_docs: set[str] = set()
    pool = [f for f in facts if f.get("subject") in leading and f.get("about")]
    for f in sorted(pool, key=score, reverse=True):
        if per_subject[f["subject"]] >= 2 or f.get("doc") in seen_docs:
            continue
        seen_docs.add(f.get("doc"))
        per_subject[f["subject"]] += 1
        chosen.append({"subject": f["subject"], "amount": amount_text(f), "kind": f.get("kind"),
                       "about": f.get("about"), "place": f.get("place"), "date": f.get("date"),
                       "doc": f.get("doc"), "evidence": f.get("evidence")})
        if len(chosen) >= top:
            break
    return chosen
