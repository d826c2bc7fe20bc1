"""Store validation: every line JSON, every record valid against the schema, blocks whole,
references between records resolved and offsets inside their documents.

    from cooptool.extract.check import check_store
    report = check_store(Path("cooptool.jsonl"))
    for problem in report.problems: print(problem)

Streams the store: memory holds one document block at a time plus the set of document ids.
No spaCy here (`cooptool check` is a query-side command).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson

from cooptool.extract.schema import validate_record
from cooptool.extract.store import ENDLESS, MAX_LINE_BYTES, OVERLONG, bounded_lines, record_problem

# Fields of non-entity records that name an entity of the same document (claims: speaker_id, facts: subject_id).
ENTITY_REF_FIELDS = ("person_id", "org_id", "speaker_id", "subject_id")
MAX_SCHEMA_ERRORS_PER_LINE = 3


@dataclass
class Problem:
    line: int | None  # None: about the store as a whole
    kind: str  # truncated | json | type | version | schema | block | duplicate | reference | offset | index
    message: str
    doc: str | None = None

    def row(self, source: str) -> dict:
        return {"source": source, "line": self.line, "kind": self.kind, "message": self.message, "doc": self.doc}

    def where(self, source: str) -> str:
        return f"{source}:{self.line}" if self.line else source


@dataclass
class Report:
    source: str
    lines: int = 0
    records: int = 0
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    # Whole lines after the last committed block, and whether the last line is cut off:
    # what `--repair` drops.
    uncommitted_lines: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems


@dataclass
class _Block:
    doc: str
    first_line: int
    records: list[tuple[int, dict]] = field(default_factory=list)


def _offset_pairs(value, path: str = "") -> Iterator[tuple[str, object, object]]:
    """(where, start, end) for every start/end pair in a record: `start`/`end`, `x_start`/`x_end`,
    and the same inside nested objects and lists (mentions, evidence lists of later record types)."""
    if isinstance(value, dict):
        for key in value:
            if key == "start" or key.endswith("_start"):
                stem = key[: -len("start")]
                end_key = stem + "end"
                if end_key in value:
                    yield (f"{path}{stem}start/end", value[key], value[end_key])
        for key, sub in value.items():
            if isinstance(sub, (dict, list)):
                yield from _offset_pairs(sub, f"{path}{key}.")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            if isinstance(sub, (dict, list)):
                yield from _offset_pairs(sub, f"{path[:-1]}[{i}].")


def _check_block(block: _Block, document: dict | None, problems: list[Problem]) -> None:
    """References and offsets inside one document block (its records before its document record)."""
    entity_ids = _block_entities(block, problems)
    chars = document.get("chars") if document else None
    for lineno, rec in block.records + ([(0, document)] if document else []):
        if rec.get("type") != "entity":
            _check_references(rec, lineno, entity_ids, block.doc, problems)
        if isinstance(chars, int):
            _check_offsets(rec, lineno, chars, block.doc, problems)


def _block_entities(block: _Block, problems: list[Problem]) -> dict[str, int]:
    """Entity id → line of the block's entity records; a second record of an id is a problem."""
    entity_ids: dict[str, int] = {}
    for lineno, rec in block.records:
        if rec.get("type") == "entity" and isinstance(rec.get("id"), str):
            if rec["id"] in entity_ids:
                problems.append(Problem(lineno, "duplicate", f"entity {rec['id']!r} already recorded for this "
                                        f"document at line {entity_ids[rec['id']]}", block.doc))
            entity_ids.setdefault(rec["id"], lineno)
    return entity_ids


def _check_references(rec: dict, lineno: int, entity_ids: dict[str, int], doc: str,
                      problems: list[Problem]) -> None:
    for key in ENTITY_REF_FIELDS:
        ref = rec.get(key)
        if isinstance(ref, str) and ref not in entity_ids:
            problems.append(Problem(lineno or None, "reference",
                                    f"{key} {ref!r} is not an entity of document {doc}", doc))


def _check_offsets(rec: dict, lineno: int, chars: int, doc: str, problems: list[Problem]) -> None:
    for where, start, end in _offset_pairs(rec):
        if start is None and end is None:
            continue
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= chars):
            problems.append(Problem(lineno or None, "offset", f"{where} {start}..{end} is outside the "
                                    f"document's {chars} characters", doc))


class _StreamChecker:
    """The state of `check_stream` between lines: the committed documents and the open block."""

    def __init__(self, report: Report):
        self.report = report
        self.problems = report.problems
        self.committed: dict[str, int] = {}  # document id -> line of its document record
        self.block: _Block | None = None
        self.last_commit_line = 0

    def close_unfinished(self, reason: str) -> None:
        b = self.block
        lines = [n for n, _ in b.records]
        self.problems.append(Problem(b.first_line, "block", f"{len(lines)} record(s) of document {b.doc} "
                                     f"(lines {lines[0]}-{lines[-1]}) have no document record {reason}", b.doc))
        _check_block(b, None, self.problems)
        self.block = None

    def parse(self, lineno: int, line) -> dict | None:
        """The record on a line, None (with its problem noted) when the line holds none."""
        problems = self.problems
        if line is OVERLONG or line is ENDLESS:
            problems.append(Problem(lineno, "json", f"a line longer than {MAX_LINE_BYTES:,} bytes, not a record"
                                    + ("; the rest of the input not read" if line is ENDLESS else "")))
            return None
        if not line.strip():
            return None
        if not line.endswith(b"\n"):
            problems.append(Problem(lineno, "truncated", "truncated last line (an interrupted write)"))
            return None
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            problems.append(Problem(lineno, "json", f"not valid JSON ({exc.msg})"))
            return None
        if not isinstance(rec, dict):
            problems.append(Problem(lineno, "json", "not a JSON object"))
            return None
        return rec

    def readable_doc(self, lineno: int, rec: dict) -> tuple[bool, str | None]:
        """(readable, document id): a record of an unknown type or a newer version is not read
        further; schema problems are noted and the record is still placed in its block."""
        self.report.records += 1
        doc = rec.get("doc") if isinstance(rec.get("doc"), str) else None
        unreadable = record_problem(rec)
        if unreadable:
            kind = "type" if unreadable.startswith("unknown") else "version"
            self.problems.append(Problem(lineno, kind, unreadable, doc))
            return False, doc
        for msg in validate_record(rec)[:MAX_SCHEMA_ERRORS_PER_LINE]:
            self.problems.append(Problem(lineno, "schema", f"{rec['type']} {msg}", doc))
        return True, doc

    def place(self, lineno: int, rec: dict, doc: str) -> None:
        """Add a record to its document's block; a document record closes (commits) the block."""
        if self.block is not None and self.block.doc != doc:
            self.close_unfinished("(an interrupted or interleaved block)")
        if rec["type"] != "document":
            if self.block is None:
                self.block = _Block(doc, lineno)
            self.block.records.append((lineno, rec))
            return
        self.report.documents += 1
        if doc in self.committed:
            self.problems.append(Problem(lineno, "duplicate", f"document {doc} is already stored "
                                         f"(line {self.committed[doc]}): a duplicated block", doc))
        else:
            self.committed[doc] = lineno
        _check_block(self.block or _Block(doc, lineno), rec, self.problems)
        self.block = None
        self.last_commit_line = lineno


def check_stream(stream: BinaryIO, source: str = "<stdin>") -> Report:
    report = Report(source)
    checker = _StreamChecker(report)
    lineno = 0
    for lineno, line in enumerate(bounded_lines(stream), 1):
        rec = checker.parse(lineno, line)
        if line is ENDLESS:
            break
        if rec is None:
            continue
        readable, doc = checker.readable_doc(lineno, rec)
        if readable and doc is not None:
            checker.place(lineno, rec, doc)
    report.lines = lineno
    if checker.block is not None:
        checker.close_unfinished("at the end of the store (an interrupted write; --repair drops it)")
    report.uncommitted_lines = lineno - checker.last_commit_line
    report.problems.sort(key=lambda p: (p.line or 0))
    return report


def check_store(path: Path, *, index: bool = True) -> Report:
    """`check_stream` over a store file, plus its sidecar index (`index` kind): an index that fails
    the checks a query makes, or differs from a fresh build, is a problem (queries would rebuild it)."""
    with open(path, "rb") as fh:
        report = check_stream(fh, str(path))
    if index:
        from cooptool.extract.index import check_index, index_path

        problem = check_index(path)
        if problem:
            report.problems.append(Problem(None, "index", f"{index_path(path)}: the index {problem}; queries "
                                           "rebuild it, `cooptool check --repair` rebuilds it now"))
    return report
