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


def summarise(records: Iterable[dict], top: int = 8) -> dict:
    """One dict that briefs a store: documents, leading organisations and people with their roles,
    claims per speaker, notable facts and events."""
    docs: list[dict] = []
    ent_docs: dict[str, set[str]] = defaultdict(set)
    ent_mentions: Counter = Counter()
    ent_info: dict[str, dict] = {}
    roles: dict[str, Counter] = defaultdict(Counter)
    role_docs: dict[str, set[str]] = defaultdict(set)
    claims: dict[str, list[dict]] = defaultdict(list)
    facts: list[dict] = []
    events: list[dict] = []
    for rec in records:
        kind = rec.get("type")
        if kind == "document":
            docs.append(rec)
        elif kind == "entity":
            eid = rec.get("id")
            ent_docs[eid].add(rec.get("doc"))
            ent_mentions[eid] += len(rec.get("mentions") or [])
            info = ent_info.setdefault(eid, {"name": rec.get("name"), "label": rec.get("label"), "aliases": set()})
            info["aliases"].update(rec.get("aliases") or [])
        elif kind == "affiliation":
            pid = rec.get("person_id") or rec.get("person")
            roles[pid][(rec.get("role"), rec.get("org"))] += 1
            role_docs[pid].add(rec.get("doc"))
        elif kind == "claim":
            if rec.get("speaker"):
                claims[rec["speaker"]].append(rec)
        elif kind == "fact":
            facts.append(rec)
        elif kind == "event":
            events.append(rec)

    merge_aliases(ent_info, ent_docs, ent_mentions)

    def ranked(label: str) -> list[str]:
        ids = [e for e, info in ent_info.items() if info["label"] == label and not info.get("merged_into")]
        return sorted(ids, key=lambda e: (-len(ent_docs[e]), -ent_mentions[e], ent_info[e]["name"] or ""))

    published = sorted(d["published"] for d in docs if d.get("published"))
    sources = Counter(d.get("source") for d in docs if d.get("source"))
    # Newest first when dates are known; otherwise the order the store holds them in.
    latest = sorted(docs, key=lambda d: d.get("published") or "", reverse=True) if published else docs
    summary = {
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
            {"name": ent_info[e]["name"], "id": e, "documents": len(ent_docs[e]), "mentions": ent_mentions[e],
             "aliases": sorted(ent_info[e]["aliases"])[:5]}
            for e in ranked("ORG")[:top]
        ],
        "people": [],
        "claims": [],
        "facts": {"count": len(facts), "notable": []},
        "events": {"count": len(events), "list": []},
    }
    for pid in ranked("PERSON")[:top]:
        role, org = (roles[pid].most_common(1)[0][0] if roles.get(pid) else (None, None))
        summary["people"].append({"name": ent_info[pid]["name"], "id": pid, "documents": len(ent_docs[pid]),
                                  "mentions": ent_mentions[pid], "role": role, "org": org})
    for speaker, items in sorted(claims.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]:
        first = items[0]
        example = min(items, key=lambda c: abs(len(c.get("text") or "") - 120))
        summary["claims"].append({"speaker": speaker, "role": first.get("role"), "org": first.get("org"),
                                  "claims": len(items), "direct": sum(1 for c in items if c.get("direct")),
                                  "example": example.get("text")})
    leading = {ent_info[e]["name"] for label in ("ORG", "PERSON") for e in ranked(label)[:top * 4]}
    summary["facts"]["notable"] = notable_facts(facts, ent_docs, leading, top)
    dated = sorted(events, key=lambda e: (e.get("date") is None, e.get("date") or "",
                                          -len(e.get("organizers") or []) - len(e.get("participants") or [])))
    informative = [e for e in dated if e.get("date") or e.get("place") or e.get("organizers") or e.get("participants")]
    summary["events"]["list"] = [
        {k: e.get(k) for k in ("name", "date", "place", "organizers", "participants", "doc")}
        for e in (informative + [e for e in dated if e not in informative])[:top]
    ]
    return summary


def merge_aliases(ent_info: dict[str, dict], ent_docs: dict[str, set[str]], ent_mentions: Counter) -> None:
    """One row per organisation or person across documents: an entity whose name is another's
    alias elsewhere ("EU" and "European Union", "Bush" and "George W Bush") joins the one seen
    in more documents."""
    by_form: dict[tuple[str, str], list[str]] = defaultdict(list)
    for eid, info in ent_info.items():
        for form in info["aliases"]:
            by_form[(info["label"], form.lower())].append(eid)
        # "EU" for "European Union", "GM" for "General Motors": initials of the capitalised words.
        words = [w for w in (info["name"] or "").replace("-", " ").split() if w[:1].isupper()]
        if info["label"] == "ORG" and len(words) >= 2:
            by_form[(info["label"], "".join(w[0] for w in words).lower())].append(eid)
    for eid, info in sorted(ent_info.items(), key=lambda kv: len(ent_docs[kv[0]])):
        owners = [o for o in by_form.get((info["label"], (info["name"] or "").lower()), []) if o != eid]
        owners = [o for o in owners if not ent_info[o].get("merged_into")]
        if not owners:
            continue
        owner = max(owners, key=lambda o: (len(ent_docs[o]), ent_mentions[o]))
        if len(ent_docs[owner]) < len(ent_docs[eid]):
            continue
        ent_docs[owner] |= ent_docs[eid]
        ent_mentions[owner] += ent_mentions[eid]
        ent_info[owner]["aliases"].add(info["name"])
        info["merged_into"] = owner


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
