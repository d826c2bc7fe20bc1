"""Queries over fact and event records, and the one-screen summary of a store.

No spaCy here: query commands must start fast.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

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


_NAME_NOISE = {"the", "a", "an", "'s", "’s", "'", "’", "of", "on", "in", "for", "and", "to", "annual"}


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
    are one event. Each row keeps the first record's fields, adds what later ones know, and counts
    its documents (`documents`, `docs`)."""
    rows: list[dict] = []
    by_key: dict[str, list[dict]] = defaultdict(list)
    by_when: dict[tuple, list[dict]] = defaultdict(list)
    for rec in records:
        names = {n.lower() for n in (rec.get("name"), *(rec.get("aliases") or [])) if n}
        key = event_key(rec)
        when = (rec.get("kind"), rec.get("date"), (rec.get("place") or "").lower()) \
            if rec.get("date") and rec.get("place") else None
        cands = [r for k in (*names, key) for r in by_key.get(k, [])] + (by_when.get(when, []) if when else [])
        row = next((r for r in cands if _agree(r.get("date"), rec.get("date")) and _agree(
            (r.get("place") or "").lower() or None, (rec.get("place") or "").lower() or None)), None)
        if row is None:
            row = {**rec, "documents": 0, "docs": []}
            rows.append(row)
        else:
            for field in ("date", "date_text", "place"):
                if not row.get(field) and rec.get(field):
                    row[field] = rec[field]
            for field in ("aliases", "organizers", "participants", "actor_aliases"):
                row[field] = list(dict.fromkeys((row.get(field) or []) + (rec.get(field) or [])))
        if rec.get("doc") not in row["docs"]:
            row["docs"].append(rec.get("doc"))
            row["documents"] = len(row["docs"])
        for k in (*names, key):
            if row not in by_key[k]:
                by_key[k].append(row)
        if when and row not in by_when[when]:
            by_when[when].append(row)
    return rows


# ---- summary ----------------------------------------------------------------------------------

_KIND_WEIGHT = {"money": 2.0, "count": 1.5, "quantity": 1.5, "percent": 1.0}
_GENERIC_EVENT_WORDS = frozenset("""
the a an meeting meetings ceremony ceremonies conference conferences summit talks seminar event events
signing deal agreement news daily annual autumn spring summer winter main saturday's sunday's monday's
tuesday's wednesday's thursday's friday's this last next awards
""".split())
_VENUE_WORDS = frozenset("centre center hall stadium arena park museum gallery".split())


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


def summarise(records: Iterable[dict], top: int = 8) -> dict:
    """One dict that briefs a store: totals of every record type, documents, leading organisations
    and people with their roles, the most quoted speakers, notable facts and real events.

    Entities across documents are the rows of `aliases.merge_entities` (so "UK government" never
    absorbs other countries' governments)."""
    from cooptool.extract.aliases import merge_entities
    from cooptool.extract.profiles import affiliation_status

    docs: list[dict] = []
    entities: list[dict] = []
    affiliations: list[dict] = []
    claims: dict[str, list[dict]] = defaultdict(list)
    unattributed = 0
    facts: list[dict] = []
    events: list[dict] = []
    totals: Counter = Counter()
    for rec in records:
        kind = rec.get("type")
        totals[kind] += 1
        if kind == "document":
            docs.append(rec)
        elif kind == "entity":
            entities.append(rec)
        elif kind == "affiliation":
            affiliations.append(rec)
        elif kind == "claim":
            if rec.get("speaker"):
                claims[rec["speaker"]].append(rec)
            else:
                unattributed += 1
        elif kind == "fact":
            facts.append(rec)
        elif kind == "event":
            events.append(rec)

    rows = merge_entities(entities, with_ids=True)
    row_of: dict[str, dict] = {}
    for row in rows:
        for eid in row["ids"]:
            row_of.setdefault(eid, row)

    def ranked(label: str) -> list[dict]:
        return sorted((r for r in rows if r["label"] == label),
                      key=lambda r: (-len(r["docs"]), -r["mentions"], r["name"]))

    roles: dict[str, Counter] = defaultdict(Counter)
    for a in affiliations:
        row = row_of.get(a.get("person_id"))
        key = row["id"] if row else a.get("person_id") or a.get("person")
        roles[key][(a.get("role"), a.get("org"), affiliation_status(a))] += 1

    published = sorted(d["published"] for d in docs if d.get("published"))
    sources = Counter(d.get("source") for d in docs if d.get("source"))
    # Newest first when dates are known; otherwise the order the store holds them in.
    latest = sorted(docs, key=lambda d: d.get("published") or "", reverse=True) if published else docs
    summary = {
        "totals": {t: totals.get(t, 0) for t in ("document", "entity", "affiliation", "claim", "fact", "event")},
        "documents": {
            "count": len(docs),
            "words": sum(d.get("words") or 0 for d in docs),
            "first_published": published[0] if published else None,
            "last_published": published[-1] if published else None,
            "sources": [{"source": s, "documents": n} for s, n in sources.most_common(top)],
            "titles": [{"doc": d.get("doc"), "title": d.get("title"), "published": d.get("published")}
                       for d in latest[:top]],
        },
        "organisations": [
            {"name": r["name"], "id": r["id"], "documents": len(r["docs"]), "mentions": r["mentions"],
             "aliases": r["aliases"][:5]}
            for r in ranked("ORG")[:top]
        ],
        "people": [],
        "claims": [],
        "unattributed_claims": unattributed,
        "facts": {"count": len(facts), "notable": []},
        "events": {"count": len(events), "list": []},
    }
    for r in ranked("PERSON")[:top]:
        role, org, status = roles[r["id"]].most_common(1)[0][0] if roles.get(r["id"]) else (None, None, None)
        summary["people"].append({"name": r["name"], "id": r["id"], "documents": len(r["docs"]),
                                  "mentions": r["mentions"], "role": role, "org": org, "status": status})
    for speaker, items in sorted(claims.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]:
        first = next((c for c in items if c.get("role") or c.get("org")), items[0])
        role, org = first.get("role"), first.get("org")
        if not (role or org):  # the speaker's most frequent role anywhere in the store
            row = next((row_of[c["speaker_id"]] for c in items if c.get("speaker_id") in row_of), None)
            if row and roles.get(row["id"]):
                role, org, _ = roles[row["id"]].most_common(1)[0][0]
        example = min(items, key=lambda c: abs(len(c.get("text") or "") - 120))
        summary["claims"].append({"speaker": speaker, "speaker_type": first.get("speaker_type"),
                                  "role": role, "org": org,
                                  "claims": len(items), "direct": sum(1 for c in items if c.get("direct")),
                                  "example": example.get("text")})
    ent_docs = {eid: set(row["docs"]) for eid, row in row_of.items()}
    leading = {r["name"] for label in ("ORG", "PERSON") for r in ranked(label)[:top * 4]}
    summary["facts"]["notable"] = notable_facts(facts, ent_docs, leading, top)
    real = [e for e in events if is_real_event(e)]
    dated = sorted(real, key=lambda e: (e.get("date") is None, e.get("date") or "",
                                        -len(e.get("organizers") or []) - len(e.get("participants") or [])))
    seen: set[str] = set()
    for e in dated:
        key = " ".join((e.get("name") or "").lower().split())
        if key in seen:
            continue
        seen.add(key)
        summary["events"]["list"].append({k: e.get(k) for k in ("name", "date", "place", "organizers",
                                                                "participants", "doc")})
        if len(summary["events"]["list"]) >= top:
            break
    summary["events"]["real"] = len(real)
    return summary


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
