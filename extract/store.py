"""The JSON Lines store: streaming reads that survive damage, whole-block appends under a lock.

Layout: each document is written as one block — its entities, affiliations, claims, facts and
events, then its `document` record last. The `document` record is the commit marker: a block
without it (a run killed mid-write) is cut off the next time the store is opened for writing,
so re-running the same command completes the store with nothing lost and nothing duplicated.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson

from cooptool.extract.records import RECORD_TYPES, SCHEMA_VERSION, dumps

DEFAULT_STORE = "cooptool.jsonl"
_DOC_MARK = b'"type":"document"'


def default_store_path() -> Path:
    return Path(os.environ.get("COOPTOOL_STORE") or DEFAULT_STORE)


@dataclass
class BadLine:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


ErrorHandler = Callable[[BadLine], None]


class StoreError(Exception):
    """A store problem that stops a query (with --strict) or a write."""


def _type_marks(types: Iterable[str] | None) -> tuple[bytes, ...] | None:
    if not types:
        return None
    return tuple(b'"type":"' + t.encode() + b'"' for t in types)


def iter_records(stream: BinaryIO, *, source: str = "<stdin>", types: Iterable[str] | None = None,
                 on_error: ErrorHandler | None = None, strict: bool = False) -> Iterator[dict]:
    """Yield records from a JSON Lines byte stream.

    `types` skips lines that cannot be of those types before parsing them (a byte search is
    far cheaper than JSON parsing). Malformed lines, unknown types and newer schema versions
    are reported through `on_error` and skipped, or raise StoreError when `strict`.
    """
    marks = _type_marks(types)
    wanted = set(types) if types else None

    def bad(lineno: int, message: str) -> None:
        err = BadLine(source, lineno, message)
        if strict:
            raise StoreError(str(err))
        if on_error:
            on_error(err)

    for lineno, line in enumerate(stream, 1):
        if marks is not None and not strict and not any(m in line for m in marks):
            # Cheap reject without parsing; a line that is not even shaped like a record is still reported.
            if not (line.startswith(b'{"') and line.endswith(b"}\n")) and line.strip():
                bad(lineno, "truncated last line (interrupted write?)" if not line.endswith(b"\n")
                    else "not a JSON record")
            continue
        if not line.strip():
            continue
        if not line.endswith(b"\n"):
            bad(lineno, "truncated last line (interrupted write?)")
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            bad(lineno, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            bad(lineno, "not a JSON object")
            continue
        rtype = rec.get("type")
        if rtype not in RECORD_TYPES:
            bad(lineno, f"unknown record type {rtype!r}")
            continue
        v = rec.get("v", SCHEMA_VERSION)
        if not isinstance(v, int) or v > SCHEMA_VERSION:
            bad(lineno, f"record from schema version {v!r}; this cooptool reads version {SCHEMA_VERSION}")
            continue
        if wanted is not None and rtype not in wanted:
            continue
        yield rec


def read_store(path: Path, **kwargs) -> Iterator[dict]:
    with open(path, "rb") as fh:
        yield from iter_records(fh, source=str(path), **kwargs)


def stored_doc_ids(path: Path) -> set[str]:
    """Ids of the documents already committed to a store (no full JSON parse of other lines)."""
    ids: set[str] = set()
    if not path.exists():
        return ids
    with open(path, "rb") as fh:
        for line in fh:
            if _DOC_MARK in line and line.endswith(b"\n"):
                try:
                    rec = orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue
                if isinstance(rec, dict) and rec.get("type") == "document" and rec.get("doc"):
                    ids.add(rec["doc"])
    return ids


def _committed_length(fh: BinaryIO, size: int) -> int:
    """Byte length of the store up to the end of its last `document` line (its last whole block)."""
    chunk = 1 << 20
    pos = size
    tail = b""
    while pos > 0:
        start = max(0, pos - chunk)
        fh.seek(start)
        tail = fh.read(pos - start) + tail
        # Whole lines only: everything after the last newline is a torn write.
        end = tail.rfind(b"\n")
        search_end = end
        while search_end > 0:
            line_start = tail.rfind(b"\n", 0, search_end) + 1
            if line_start == 0 and start > 0:
                break  # this line may begin in an earlier chunk
            line = tail[line_start:search_end]
            if _DOC_MARK in line:
                return start + search_end + 1
            search_end = line_start - 1
        pos = start
        if start == 0:
            break
    return 0


class StoreWriter:
    """Appends whole document blocks to a store, holding an exclusive lock while open.

    Two `cooptool extract` processes on one store are serialised by the lock; the second
    one sees the first one's documents and skips them.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.fd: int | None = None
        self.lock_fd: int | None = None
        self.repaired_bytes = 0
        self.known: set[str] = set()

    def __enter__(self) -> StoreWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock_fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.lock_fd, fcntl.LOCK_EX)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        size = os.fstat(self.fd).st_size
        if size:
            with open(self.path, "rb") as fh:
                keep = _committed_length(fh, size)
            if keep < size:
                os.ftruncate(self.fd, keep)
                self.repaired_bytes = size - keep
        self.known = stored_doc_ids(self.path)
        return self

    def write_block(self, records: list[dict]) -> None:
        """One write() for the whole block: a kill leaves either all of it or a cut-off tail."""
        assert self.fd is not None
        data = b"".join(dumps(r) for r in records)
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        for r in records:
            if r.get("type") == "document":
                self.known.add(r["doc"])

    def sync(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            try:
                os.fsync(self.fd)
            finally:
                os.close(self.fd)
                self.fd = None
        if self.lock_fd is not None:
            fcntl.flock(self.lock_fd, fcntl.LOCK_UN)
            os.close(self.lock_fd)
            self.lock_fd = None
