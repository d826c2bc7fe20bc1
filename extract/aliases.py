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
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from cooptool.extract.query import normalize
from cooptool.extract.records import entity_id

# The labels entity records carry (components.entities.NAMED_LABELS; a test keeps the two equal).
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")


def parse_labels(text: str | None) -> list[str] | None:
    """--type ORG,person → ["ORG", "PERSON"]; ValueError naming the known labels."""
    if not text:
        return None
    labels = [x.strip().upper() for x in text.split(",") if x.strip()]
    unknown = [x for x in labels if x not in ENTITY_LABELS]
    if not any(ch.isalnum() for ch in text):
        raise ValueError(f"--type {text!r}: nothing to match (give labels: {', '.join(ENTITY_LABELS)})")
    if unknown or not labels:
        raise ValueError(f"--type {text!r}: unknown label {', '.join(unknown) or '(none)'}; "
                         f"labels: {', '.join(ENTITY_LABELS)}")
    return labels


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
        _add_json_aliases(table, stripped, name)
    else:
        _add_delimited_aliases(table, stripped, name)
    return table


def _add_json_aliases(table: AliasTable, text: str, name: str) -> None:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise AliasFileError(f"{name}: not valid JSON ({exc})") from None
    if isinstance(data, dict):
        _add_json_mapping(table, data, name)
    elif isinstance(data, list):
        _add_json_pairs(table, data, name)


def _add_json_mapping(table: AliasTable, data: dict, name: str) -> None:
    """{"Big Blue": "IBM"} (alias → canonical) or {"IBM": ["Big Blue", ...]} (canonical → aliases)."""
    for key, value in data.items():
        if isinstance(value, str):
            table.add(key, value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            for alias in value:
                table.add(alias, key)
        else:
            raise AliasFileError(f"{name}: {key!r} must map to a canonical name or a list of aliases")


def _add_json_pairs(table: AliasTable, data: list, name: str) -> None:
    """[{"alias": "Big Blue", "canonical": "IBM"}, ...]."""
    for i, item in enumerate(data, 1):
        if not (isinstance(item, dict) and isinstance(item.get("alias"), str)
                and isinstance(item.get("canonical"), str)):
            raise AliasFileError(f"{name}: item {i} needs string \"alias\" and \"canonical\"")
        table.add(item["alias"], item["canonical"])


def _add_delimited_aliases(table: AliasTable, text: str, name: str) -> None:
    """Two columns `alias,canonical` (tabs for a .tsv file, or a text with tabs and no commas)."""
    delimiter = "\t" if name.lower().endswith(".tsv") or ("\t" in text and "," not in text) else ","
    for lineno, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if lineno == 1 and [c.lower() for c in cells[:2]] == ["alias", "canonical"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise AliasFileError(f"{name}:{lineno}: expected two columns: alias, canonical")
        table.add(cells[0], cells[1])


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
    enough to name one thing. A lone surname is not ("Li" in two documents is two people), nor a
    lower-case word ("government", "the company": every country has one)."""
    forms = [rec.get("name") or ""]
    for alias in rec.get("aliases") or []:
        if rec.get("label") == "PERSON" and len(alias.split()) < 2:
            continue
        if alias == alias.lower() and not any(c.isdigit() for c in alias):
            continue  # a common noun, not a name
        if len(normalize(alias)) >= 2:
            forms.append(alias)
    return [normalize(f) for f in forms if normalize(f)]


_TOKEN = re.compile(r"[\w.'-]+")


def countries_named(forms: Iterable[str]) -> frozenset[str]:
    """The countries some of `forms` name, as a word or words of them ("UK government" → UK,
    "Royal Bank of Scotland" → Scotland). A short form written in lower case ("us") is no country."""
    from cooptool.extract.lexicon import COUNTRIES

    found = set()
    for form in forms:
        words = _TOKEN.findall(form or "")
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                chunk = words[i:i + n]
                if not chunk[0][:1].isupper():
                    continue
                text = re.sub(r"'s?$", "", " ".join(chunk).lower())  # "Britain's"
                country = COUNTRIES.get(text)
                if country:
                    found.add(country)
    return frozenset(found)


def given_name(name: str | None) -> str | None:
    """The given name of a person's full name ("George W Bush" → "george"; "Mr Ebbers" → None),
    lower case; an initial stays one letter ("G. Bush" → "g")."""
    from cooptool.extract.lexicon import HONORIFICS

    words = (name or "").replace("’", "'").split()
    while words and words[0].lower().rstrip(".") in HONORIFICS | {"mr", "mrs", "ms", "dr"}:
        words = words[1:]
    if len(words) < 2 or not words[0][:1].isupper():
        return None  # a lone surname, or a particle first ("van Gogh")
    return words[0].lower().rstrip(".")


def _given_names_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    for x in a:
        for y in b:
            if x != y and not ((len(x) == 1 or len(y) == 1) and x[0] == y[0]):
                return False
    return True


def merge_entities(records: Iterable[dict], aliases: AliasTable | None = None, *,
                   with_ids: bool = False) -> list[dict]:
    """One row per entity across documents: `{id, name, label, aliases, mentions, docs}`.

    Records with the same label sharing a canonical name or a specific alias merge, but never
    two that name different countries ("UK government" and "France government"), two people with
    different given names ("Anna Li", "Wei Li"), or through an alias that records with different
    names all carry ("Royal Bank" of Scotland and of Canada). The alias file renames (and so merges)
    whatever it names, whatever the labels. Rows come most mentioned first; ids are `label:slug` of
    the row's name, so the same name keeps its id. `with_ids` adds `ids`: the record ids merged.
    """
    recs = _distinct_kinds(records)
    merger = _Merger(recs)
    _join_by_names(recs, merger)
    forced = _join_by_alias_file(recs, merger, aliases) if aliases else {}
    rows = [_merged_row(recs, members, forced, aliases, with_ids) for members in merger.groups()]
    rows.sort(key=lambda r: (-r["mentions"], -len(r["docs"]), r["name"].lower(), r["label"]))
    return rows


def _distinct_kinds(records: Iterable[dict]) -> list[dict]:
    """Records that name the same thing the same way (one per document) collapsed into one
    "kind" each: a large store repeats a few thousand names many times, and merging works on the
    distinct ones. In a fixed order, so that the merges (which refuse some joins) do not depend on
    the store's order."""
    kinds: dict[tuple, dict] = {}
    for r in records:
        if r.get("type", "entity") != "entity" or not r.get("name"):
            continue
        key = (r.get("label") or "", r["name"], tuple(r.get("aliases") or ()))
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = {"label": key[0], "name": r["name"], "aliases": list(key[2]),
                                 "records": 0, "mention_count": 0, "docs": set(), "ids": set()}
        kind["records"] += 1
        count = r["mention_count"] if "mention_count" in r else len(r.get("mentions") or [])
        kind["mention_count"] += count or 1
        if r.get("doc"):
            kind["docs"].add(r["doc"])
        if r.get("id"):
            kind["ids"].add(r["id"])
    return [kinds[k] for k in sorted(kinds, key=lambda k: (k[0], k[1], k[2]))]


class _Merger:
    """Union-find over the distinct records, refusing the joins that would make one entity of two
    countries' organisations or of two people with different given names (unless forced)."""

    def __init__(self, recs: list[dict]):
        self.parent = list(range(len(recs)))
        self.countries = [countries_named([r["name"], *r["aliases"]]) if r["label"] != "PERSON" else frozenset()
                          for r in recs]
        self.given = [frozenset(g for g in [given_name(r["name"])] if g) if r["label"] == "PERSON"
                      else frozenset() for r in recs]

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int, forced: bool = False) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        countries, given = self.countries, self.given
        if not forced:
            if countries[a] and countries[b] and countries[a] != countries[b]:
                return  # two countries' governments, banks, teams: never one entity
            if not _given_names_agree(given[a], given[b]):
                return  # "Anna Li" and "Wei Li"
        self.parent[b] = a
        countries[a] = countries[a] | countries[b]
        given[a] = given[a] | given[b]

    def groups(self) -> list[list[int]]:
        """The members of each merged entity, in order of their first member."""
        groups: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            groups.setdefault(self.find(i), []).append(i)
        return list(groups.values())


def _join_by_names(recs: list[dict], merger: _Merger) -> None:
    """Merge keys: every record's name, then its specific aliases. An alias that records of several
    different names carry is ambiguous ("Royal Bank", "Deutsche") and joins nothing."""
    name_keys: dict[tuple[str, str], list[int]] = {}
    alias_keys: dict[tuple[str, str], list[int]] = {}
    for i, rec in enumerate(recs):
        forms = _merge_forms(rec)
        name_keys.setdefault((rec["label"], forms[0] if forms else ""), []).append(i)
        for f in forms[1:]:
            alias_keys.setdefault((rec["label"], f), []).append(i)
    for members in name_keys.values():
        for j in members[1:]:
            merger.union(members[0], j)
    for key, members in alias_keys.items():
        holders = {normalize(recs[i]["name"]) for i in members}
        if len(holders) > 1:
            continue
        named = name_keys.get(key, [])
        for j in [*members[1:], *named]:
            merger.union(members[0], j)


def _join_by_alias_file(recs: list[dict], merger: _Merger, aliases: AliasTable) -> dict[int, str]:
    """Force together the records the alias file names; returns record index → canonical name."""
    forced: dict[int, str] = {}
    owner: dict[str, int] = {}
    for i, rec in enumerate(recs):
        canon = aliases.canonical_of([rec["name"], *(rec.get("aliases") or [])])
        if canon:
            forced[i] = canon
            merger.union(owner.setdefault(normalize(canon), i), i, forced=True)
    return forced


def _merged_row(recs: list[dict], members: list[int], forced: dict[int, str], aliases: AliasTable | None,
                with_ids: bool) -> dict:
    """The output row of one merged entity: the user's canonical name, else the name most documents
    use; the label most mentions carry; every other form as an alias."""
    label_weight: Counter = Counter()
    name_docs: Counter = Counter()
    name_mentions: Counter = Counter()
    docs: set[str] = set()
    ids: set[str] = set()
    total = 0
    for i in members:
        rec = recs[i]
        n = rec["mention_count"]
        total += n
        label_weight[rec["label"]] += n
        name_docs[rec["name"]] += rec["records"]
        name_mentions[rec["name"]] += n
        docs |= rec["docs"]
        ids |= rec["ids"]
    user = next((forced[i] for i in members if i in forced), None)
    name = user or max(name_docs, key=lambda n: (name_docs[n], name_mentions[n], len(n), n))
    label = max(label_weight, key=lambda lab: (label_weight[lab], lab))
    forms = [recs[i]["name"] for i in members] + [a for i in members for a in recs[i].get("aliases") or []]
    if user and aliases:
        forms += aliases.aliases_of(user)
    row = {"id": entity_id(label, name), "name": name, "label": label, "aliases": _other_forms(name, forms),
           "mentions": total, "docs": sorted(docs)}
    if with_ids:
        row["ids"] = sorted(ids)
    return row


def _other_forms(name: str, forms: list[str]) -> list[str]:
    """`forms` other than `name`, one per normalised form, in alphabetical order."""
    seen = {normalize(name)}
    out = []
    for form in sorted(forms, key=lambda f: (f.lower(), f)):
        if normalize(form) and normalize(form) not in seen:
            seen.add(normalize(form))
            out.append(form)
    return out


def filter_entities(rows: Iterable[dict], *, label: str | None = None, name: str | None = None) -> list[dict]:
    """Rows of a label (case-insensitive; several as "ORG,PERSON") whose name or an alias matches `name`."""
    from cooptool.extract.query import name_matches

    labels = {x.strip().upper() for x in label.split(",")} if label else None
    return [r for r in rows
            if (labels is None or r["label"].upper() in labels)
            and (not name or name_matches(name, [r["name"], *r["aliases"]]))]
