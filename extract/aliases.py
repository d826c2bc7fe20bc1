"""Entities across documents: merging per-document entity records, and the user's alias file.

No spaCy here: `cooptool entities` is a query command and must start fast.

The alias file maps an alias to a canonical name; it merges or renames what the rules cannot
know ("Big Blue" → "IBM", "Beeb" → "BBC"). Accepted forms:

- JSON: ``{"Big Blue": "IBM", ...}`` (alias → canonical), ``{"IBM": ["Big Blue", ...]}``
  (canonical → aliases), or ``[{"alias": "Big Blue", "canonical": "IBM"}, ...]``;
- CSV (TSV for a ``.tsv`` file): two columns ``alias,canonical``; an ``alias,canonical`` header,
  blank lines and lines starting with ``#`` are skipped.

Matching is case-insensitive and ignores a leading "the" (as `query.normalize`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from cooptool.extract.query import normalize
from cooptool.extract.records import entity_id


class AliasFileError(ValueError):
    """The alias file cannot be read or is not in an accepted form."""


@dataclass
class AliasTable:
    """alias → canonical name, looked up by normalised form."""

    canonical: dict[str, str] = field(default_factory=dict)  # normalised alias → canonical
    aliases: dict[str, list[str]] = field(default_factory=dict)  # normalised canonical → aliases as written

    def add(self, alias: str, canonical: str) -> None:
        alias, canonical = " ".join(alias.split()), " ".join(canonical.split())
        if not alias or not canonical:
            return
        self.canonical[normalize(alias)] = canonical
        self.canonical.setdefault(normalize(canonical), canonical)
        forms = self.aliases.setdefault(normalize(canonical), [])
        if normalize(alias) != normalize(canonical) and alias not in forms:
            forms.append(alias)

    def canonical_of(self, names: Iterable[str | None]) -> str | None:
        """The canonical name of the first of `names` the table knows, else None."""
        for name in names:
            hit = self.canonical.get(normalize(name)) if name else None
            if hit:
                return hit
        return None

    def aliases_of(self, canonical: str) -> list[str]:
        return list(self.aliases.get(normalize(canonical), []))

    def __len__(self) -> int:
        return len(self.canonical)


def parse_aliases(text: str, name: str = "aliases") -> AliasTable:
    """An `AliasTable` from the text of a JSON or CSV/TSV alias file (format guessed from the text)."""
    table = AliasTable()
    stripped = text.lstrip("\ufeff").strip()
    if stripped.startswith(("{", "[")):
        try:
            data = orjson.loads(stripped)
        except orjson.JSONDecodeError as exc:
            raise AliasFileError(f"{name}: not valid JSON ({exc})") from None
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(value, str):
                    table.add(key, value)
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    for alias in value:
                        table.add(alias, key)
                else:
                    raise AliasFileError(f"{name}: {key!r} must map to a canonical name or a list of aliases")
        elif isinstance(data, list):
            for i, item in enumerate(data, 1):
                if not (isinstance(item, dict) and isinstance(item.get("alias"), str)
                        and isinstance(item.get("canonical"), str)):
                    raise AliasFileError(f"{name}: item {i} needs string \"alias\" and \"canonical\"")
                table.add(item["alias"], item["canonical"])
        return table
    delimiter = "\t" if name.lower().endswith(".tsv") or ("\t" in stripped and "," not in stripped) else ","
    for lineno, row in enumerate(csv.reader(io.StringIO(stripped), delimiter=delimiter), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if lineno == 1 and [c.lower() for c in cells[:2]] == ["alias", "canonical"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise AliasFileError(f"{name}:{lineno}: expected two columns: alias, canonical")
        table.add(cells[0], cells[1])
    return table


MAX_ALIAS_FILE_BYTES = 64 << 20


def load_aliases(path: str | Path) -> AliasTable:
    import os
    import stat

    path = Path(path)
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise AliasFileError(f"{path}: not a regular file")
            data = fh.read(MAX_ALIAS_FILE_BYTES + 1)  # bounded: never /dev/zero to the end
        if len(data) > MAX_ALIAS_FILE_BYTES:
            raise AliasFileError(f"{path}: larger than {MAX_ALIAS_FILE_BYTES:,} bytes; not an alias file")
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise AliasFileError(f"{path}: not UTF-8 text") from None
    return parse_aliases(text, str(path))


# ---- merging across documents -----------------------------------------------------------------

def _merge_forms(rec: dict) -> list[str]:
    """Forms that may join a record with another document's: its name, and aliases specific
    enough to name one thing (a lone surname is not: "Li" in two documents is two people)."""
    forms = [rec.get("name") or ""]
    for alias in rec.get("aliases") or []:
        if rec.get("label") == "PERSON" and len(alias.split()) < 2:
            continue
        if len(normalize(alias)) >= 2:
            forms.append(alias)
    return [normalize(f) for f in forms if normalize(f)]


def merge_entities(records: Iterable[dict], aliases: AliasTable | None = None) -> list[dict]:
    """One row per entity across documents: `{id, name, label, aliases, mentions, docs}`.

    Records with the same label sharing a canonical name or a specific alias merge; the alias
    file renames (and so merges) whatever it names, whatever the labels. Rows come most
    mentioned first; ids are `label:slug` of the row's name, so the same name keeps its id.
    """
    # Records that name the same thing the same way (one per document) collapse first: a large
    # store repeats a few thousand names many times, and merging works on the distinct ones.
    kinds: dict[tuple, dict] = {}
    for r in records:
        if r.get("type", "entity") != "entity" or not r.get("name"):
            continue
        key = (r.get("label") or "", r["name"], tuple(r.get("aliases") or ()))
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = {"label": key[0], "name": r["name"], "aliases": list(key[2]),
                                 "records": 0, "mention_count": 0, "docs": set()}
        kind["records"] += 1
        count = r["mention_count"] if "mention_count" in r else len(r.get("mentions") or [])
        kind["mention_count"] += count or 1
        if r.get("doc"):
            kind["docs"].add(r["doc"])
    recs = list(kinds.values())
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    forced: dict[int, str] = {}
    for i, rec in enumerate(recs):
        keys = [(rec.get("label") or "", f) for f in _merge_forms(rec)]
        canon = aliases.canonical_of([rec["name"], *(rec.get("aliases") or [])]) if aliases else None
        if canon:
            forced[i] = canon
            keys.append(("", "=" + normalize(canon)))
        for key in keys:
            j = owner.setdefault(key, i)
            if j != i:
                parent[find(i)] = find(j)

    groups: dict[int, list[int]] = {}
    for i in range(len(recs)):
        groups.setdefault(find(i), []).append(i)

    rows = []
    for members in groups.values():
        label_weight: Counter = Counter()
        name_docs: Counter = Counter()
        name_mentions: Counter = Counter()
        docs: set[str] = set()
        total = 0
        for i in members:
            rec = recs[i]
            n = rec["mention_count"]
            total += n
            label_weight[rec["label"]] += n
            name_docs[rec["name"]] += rec["records"]
            name_mentions[rec["name"]] += n
            docs |= rec["docs"]
        user = next((forced[i] for i in members if i in forced), None)
        name = user or max(name_docs, key=lambda n: (name_docs[n], name_mentions[n], len(n), n))
        label = max(label_weight, key=lambda lab: (label_weight[lab], lab))
        seen = {normalize(name)}
        row_aliases = []
        forms = [recs[i]["name"] for i in members] + [a for i in members for a in recs[i].get("aliases") or []]
        if user and aliases:
            forms += aliases.aliases_of(user)
        for form in sorted(forms, key=lambda f: (f.lower(), f)):
            if normalize(form) and normalize(form) not in seen:
                seen.add(normalize(form))
                row_aliases.append(form)
        rows.append({"id": entity_id(label, name), "name": name, "label": label, "aliases": row_aliases,
                     "mentions": total, "docs": sorted(docs)})
    rows.sort(key=lambda r: (-r["mentions"], -len(r["docs"]), r["name"].lower(), r["label"]))
    return rows


def filter_entities(rows: Iterable[dict], *, label: str | None = None, name: str | None = None) -> list[dict]:
    """Rows of a label (case-insensitive; several as "ORG,PERSON") whose name or an alias matches `name`."""
    from cooptool.extract.query import name_matches

    labels = {x.strip().upper() for x in label.split(",")} if label else None
    return [r for r in rows
            if (labels is None or r["label"].upper() in labels)
            and (not name or name_matches(name, [r["name"], *r["aliases"]]))]
