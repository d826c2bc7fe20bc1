"""The store as a SQLite database (sqlite-utils): one table per record type, foreign keys to
documents and entities, indexes on names, full-text search (FTS5) on claims and evidence.

Tables: ``documents`` (pk ``doc``), ``entities`` (pk ``id``, merged across documents: aliases
united, ``documents`` counted), ``mentions`` (one row per entity mention), ``affiliations``,
``claims``, ``facts``, ``events`` (integer pk ``id``; every column of the record schema; lists as
JSON). Incremental: documents already in the database are skipped. A document's rows are written
before its ``documents`` row, which is the commit marker (as in the store): rows of a document
without one (an export killed mid-way) are deleted when the next export starts.

Query-side: sqlite-utils is imported here, never spaCy; the CLI imports this module only inside
`cooptool export`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import sqlite_utils

EXPORT_TYPES = ("document", "entity", "affiliation", "claim", "fact", "event")
TABLES = {"affiliation": "affiliations", "claim": "claims", "fact": "facts", "event": "events"}
# Columns (besides `doc`) that refer to an entity.
ENTITY_KEYS = {"affiliation": ("person_id", "org_id"), "claim": ("speaker_id",), "fact": ("subject_id",)}
NAME_INDEXES = {"affiliations": ("person", "org", "person_id", "org_id"), "claims": ("speaker", "speaker_id"),
                "facts": ("subject", "subject_id"), "events": ("name",)}
FTS = {"claims": ("text", "evidence"), "affiliations": ("evidence",), "facts": ("evidence",), "events": ("evidence",)}
CHUNK_DOCS = 200  # documents per write


@dataclass
class ExportResult:
    added: dict[str, int] = field(default_factory=dict)  # table -> rows added
    skipped_docs: int = 0  # already in the database
    unfinished: int = 0  # records of a block without its document record (not exported)
    cleaned: int = 0  # rows of an interrupted earlier export, deleted

    @property
    def documents(self) -> int:
        return self.added.get("documents", 0)


def _schema() -> dict:
    return json.loads(files("cooptool.extract.data").joinpath("records.schema.json").read_text("utf-8"))


def _sql_type(prop: dict, defs: dict) -> type:
    if "$ref" in prop:
        prop = defs[prop["$ref"].rsplit("/", 1)[1]]
    kinds = prop.get("type")
    if kinds is None and "enum" in prop:
        kinds = sorted({type(v).__name__ for v in prop["enum"] if v is not None})
        kinds = ["string" if k == "str" else k for k in kinds]
    if isinstance(kinds, str):
        kinds = [kinds]
    kinds = [k for k in kinds or [] if k != "null"]
    if kinds == ["integer"] or kinds == ["boolean"]:
        return int
    if kinds in (["number"], ["integer", "number"], ["number", "integer"]):
        return float
    return str  # strings, and lists/objects stored as JSON


def table_columns(rtype: str) -> dict[str, type]:
    """Columns of a record type's table, from the records schema (so the two never drift)."""
    schema = _schema()
    defs = schema["$defs"]
    props = defs[rtype]["properties"]
    cols: dict[str, type] = {}
    if rtype in TABLES:
        cols["id"] = int
    cols["doc"] = str
    for key, prop in props.items():
        if key in ("type", "v", "doc", "mentions") or (rtype == "entity" and key == "id"):
            continue
        cols[key] = _sql_type(prop, defs)
    return cols


def _create(db: sqlite_utils.Database) -> None:
    if "documents" not in db.table_names():
        db["documents"].create(table_columns("document"), pk="doc")
        db["documents"].create_index(["title"], if_not_exists=True)
        db["documents"].create_index(["published"], if_not_exists=True)
    if "entities" not in db.table_names():
        db["entities"].create({"id": str, "name": str, "label": str, "aliases": str, "documents": int}, pk="id")
        db["entities"].create_index(["name"], if_not_exists=True)
        db["entities"].create_index(["label"], if_not_exists=True)
    if "mentions" not in db.table_names():
        db["mentions"].create({"id": int, "doc": str, "entity": str, "start": int, "end": int, "text": str},
                              pk="id", foreign_keys=[("doc", "documents", "doc"), ("entity", "entities", "id")])
        db["mentions"].create_index(["entity"], if_not_exists=True)
        db["mentions"].create_index(["doc"], if_not_exists=True)
    for rtype, table in TABLES.items():
        if table in db.table_names():
            continue
        fks = [("doc", "documents", "doc")] + [(k, "entities", "id") for k in ENTITY_KEYS.get(rtype, ())]
        db[table].create(table_columns(rtype), pk="id", foreign_keys=fks)
        db[table].create_index(["doc"], if_not_exists=True)
        for col in NAME_INDEXES.get(table, ()):
            db[table].create_index([col], if_not_exists=True)
        db[table].enable_fts(list(FTS[table]), create_triggers=True)


def _clean_unfinished(db: sqlite_utils.Database) -> int:
    """Delete rows of documents that have no `documents` row (an export that was killed)."""
    removed = 0
    for table in ("mentions", *TABLES.values()):
        cur = db.execute(f"delete from [{table}] where doc not in (select doc from documents)")
        removed += cur.rowcount or 0
    return removed


def _row(rec: dict, columns: dict[str, type]) -> dict:
    row = {}
    for key in columns:
        if key == "id":
            continue
        value = rec.get(key)
        if isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            value = int(value)
        row[key] = value
    return row


def known_doc_filter(known: set[str]) -> Callable[[bytes], bool]:
    """A store-line pre-filter: False for the lines of documents already exported (their
    `document` lines are kept, to be counted), so a re-export does not parse them."""
    ids = {d.encode() for d in known}
    key = b'"doc":"'  # compact JSON: a key; a quote inside a string value would be escaped

    def keep(line: bytes) -> bool:
        i = line.find(key)
        if i < 0:
            return True
        j = line.find(b'"', i + len(key))
        return line[i + len(key):j] not in ids or b'"type":"document"' in line

    return keep


def export_sqlite(records: Iterable[dict] | Callable[[set[str]], Iterable[dict]], path: Path,
                  on_progress: Callable[[int], None] | None = None) -> ExportResult:
    """Write the records (in store order: each document's block ends with its document record)
    to the database at `path`, adding only documents it does not hold yet. `records` may be a
    function of the ids already exported (to skip their lines unread, see `known_doc_filter`)."""
    db = sqlite_utils.Database(path)
    result = ExportResult()
    try:
        with db.conn:
            _create(db)
            result.cleaned = _clean_unfinished(db)
        known = {row[0] for row in db.execute("select doc from documents").fetchall()}
        if callable(records):
            records = records(set(known))
        writer = _ChunkWriter(db, result, on_progress)
        pending = _export_blocks(records, known, writer, result)
        writer.flush()
        result.unfinished = sum(len(v) for v in pending.values())
        if result.added or result.cleaned:
            with db.conn:  # counted from the mentions: exact even after an interrupted export
                db.execute("update entities set documents = "
                           "(select count(distinct doc) from mentions where mentions.entity = entities.id)")
    finally:
        db.close()
    return result


def _export_blocks(records: Iterable[dict], known: set[str], writer: _ChunkWriter,
                   result: ExportResult) -> dict[str, list[dict]]:
    """Hand each new document's block to the writer once its document record (the commit marker)
    is read; returns the records of blocks left without one."""
    pending: dict[str, list[dict]] = {}
    for rec in records:
        doc = rec.get("doc")
        if not doc:
            continue
        if rec.get("type") == "document":
            block = pending.pop(doc, [])
            if doc in known:
                result.skipped_docs += 1
                continue
            known.add(doc)
            writer.add(rec, block)
        elif doc not in known:
            pending.setdefault(doc, []).append(rec)
    return pending


class _ChunkWriter:
    """Writes document blocks `CHUNK_DOCS` at a time, one transaction each: the entities they name
    (aliases united, documents counted), their mentions and records, then their document rows."""

    def __init__(self, db: sqlite_utils.Database, result: ExportResult,
                 on_progress: Callable[[int], None] | None):
        self.db = db
        self.result = result
        self.on_progress = on_progress
        self.entities: dict[str, dict] = {}  # id -> row, loaded lazily from the database
        self.changed: set[str] = set()
        self.columns = {rtype: table_columns(rtype) for rtype in ("document", *TABLES)}
        self.chunk: list[tuple[dict, list[dict]]] = []

    def add(self, document: dict, block: list[dict]) -> None:
        self.chunk.append((document, block))
        if len(self.chunk) >= CHUNK_DOCS:
            self.flush()

    def entity_row(self, eid: str) -> dict | None:
        if eid not in self.entities:
            found = self.db.execute("select id, name, label, aliases, documents from entities where id = ?",
                                    [eid]).fetchone()
            if found is None:
                return None
            self.entities[eid] = {"id": found[0], "name": found[1], "label": found[2],
                                  "aliases": json.loads(found[3] or "[]"), "documents": found[4] or 0}
        return self.entities[eid]

    def _add_entity(self, rec: dict, mentions: list[dict]) -> None:
        eid = rec.get("id")
        ent = self.entity_row(eid)
        if ent is None:
            ent = self.entities[eid] = {"id": eid, "name": rec.get("name"), "label": rec.get("label"),
                                        "aliases": [], "documents": 0}
        ent["documents"] += 1
        for alias in rec.get("aliases") or []:
            if alias not in ent["aliases"]:
                ent["aliases"].append(alias)
        self.changed.add(eid)
        mentions += [{"doc": rec["doc"], "entity": eid, "start": m.get("start"), "end": m.get("end"),
                      "text": m.get("text")} for m in rec.get("mentions") or []]

    def _rows(self) -> dict[str, list[dict]]:
        rows: dict[str, list[dict]] = {"mentions": [], **{t: [] for t in TABLES.values()}}
        for _document, block in self.chunk:
            for rec in block:
                rtype = rec.get("type")
                if rtype == "entity":
                    self._add_entity(rec, rows["mentions"])
                elif rtype in TABLES:
                    rows[TABLES[rtype]].append(_row(rec, self.columns[rtype]))
        return rows

    def flush(self) -> None:
        if not self.chunk:
            return
        db, result = self.db, self.result
        rows = self._rows()
        with db.conn:
            if self.changed:
                db["entities"].upsert_all(
                    ({**self.entities[e], "aliases": json.dumps(sorted(self.entities[e]["aliases"]),
                                                                ensure_ascii=False)}
                     for e in sorted(self.changed)), pk="id")
                self.changed.clear()
            for table, items in rows.items():
                if items:
                    db[table].insert_all(items, batch_size=500)
                    result.added[table] = result.added.get(table, 0) + len(items)
            db["documents"].insert_all((_row(d, self.columns["document"]) for d, _ in self.chunk), pk="doc")
            result.added["documents"] = result.added.get("documents", 0) + len(self.chunk)
        if self.on_progress:
            self.on_progress(result.added["documents"])
        self.chunk.clear()


def table_counts(path: Path) -> dict[str, int]:
    db = sqlite_utils.Database(path)
    try:
        return {t: db[t].count for t in ("documents", "entities", "mentions", *TABLES.values())
                if t in db.table_names()}
    finally:
        db.close()
