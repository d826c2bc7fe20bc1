"""A sidecar index of a store: where the lines of each record type start.

Queries usually want one record type (`who` reads affiliations, a few percent of a store).
`STORE.idx` lists, per type, the byte offsets of its lines, so a query reads only those lines.
It is built incrementally: at the end of `cooptool extract` and, when missing or behind, by the
first query that reads the store; only bytes appended since the last update are read.

Format: one JSON header line, then the offset arrays (little-endian uint64) in header order.
The header records how far the store was indexed and a hash of the bytes just before that
point; a store that was truncated or rewritten fails the check and the index is rebuilt.
Damaged lines found while indexing are kept in the header, so queries still report them.
The index is a cache: deleting it is always safe, and any doubt sends queries to a full scan.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import orjson

from cooptool.extract.records import RECORD_TYPES
from cooptool.extract.store import SCHEMA_VERSION, BadLine, ErrorHandler

INDEX_VERSION = 3
_HASH_SPAN = 4096


def parse_entity_summary(line: bytes) -> dict:
    """An entity record without its mention list, plus `mention_count`: what cross-document merging
    needs, for a fraction of the parsing (the mentions are most of an entity line's bytes).

    Store lines are written with sorted keys, so "mentions" is followed by "name"; inside JSON
    strings quotes are escaped, so the markers below cannot occur in a name or a mention text.
    Any other layout is parsed in full.
    """
    i = line.find(b'"mentions":[')
    if i != -1:
        j = line.find(b'],"name":"', i)
        if j != -1:
            rec = orjson.loads(line[:i] + line[j + 2:])
            rec["mention_count"] = line.count(b'{"end":', i, j)
            return rec
    return orjson.loads(line)


def index_path(store: Path) -> Path:
    return store.with_name(store.name + ".idx")


def _tail_hash(mm, end: int) -> str:
    return hashlib.blake2b(mm[max(0, end - _HASH_SPAN):end], digest_size=16).hexdigest()


class StoreIndex:
    def __init__(self, size: int = 0, tail: str = "", offsets: dict[str, array] | None = None,
                 bad: list[list] | None = None, lines: int = 0):
        self.size = size  # bytes of the store covered (always ends after a newline)
        self.tail = tail
        self.offsets = offsets or {t: array("Q") for t in RECORD_TYPES}
        self.bad = bad or []  # [line, message]
        self.lines = lines

    # -- building ---------------------------------------------------------------------------

    def extend(self, mm, end: int) -> None:
        """Index the whole lines in [self.size, end)."""
        pos = self.size
        lineno = self.lines
        find = mm.find
        while pos < end:
            nl = find(b"\n", pos, end)
            if nl == -1:
                break  # a line still being written (or torn): left for later
            lineno += 1
            if nl - pos > 1 or mm[pos:nl].strip():
                self._classify(mm, pos, nl, lineno)
            pos = nl + 1
        self.size = pos
        self.lines = lineno
        self.tail = _tail_hash(mm, pos)

    def _classify(self, mm, start: int, end: int, lineno: int) -> None:
        """Parse the line once, when it is indexed: damage is then known to every query."""
        try:
            rec = orjson.loads(mm[start:end])
        except orjson.JSONDecodeError as exc:
            self.bad.append([lineno, f"not valid JSON ({exc.msg})"])
            return
        if not isinstance(rec, dict):
            self.bad.append([lineno, "not a JSON object"])
            return
        rtype = rec.get("type")
        if rtype not in RECORD_TYPES:
            self.bad.append([lineno, f"unknown record type {rtype!r}"])
            return
        v = rec.get("v", SCHEMA_VERSION)
        if not isinstance(v, int) or v > SCHEMA_VERSION:
            self.bad.append([lineno, f"record from schema version {v!r}; this cooptool reads version {SCHEMA_VERSION}"])
            return
        self.offsets[rtype].append(start)
        if rtype == "entity" and isinstance(rec.get("label"), str):
            # Entities are most of a store; `entities --type ORG` reads only its label's lines.
            self.offsets.setdefault(f"entity:{rec['label']}", array("Q")).append(start)

    # -- persistence ------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        header = {"version": INDEX_VERSION, "size": self.size, "tail": self.tail, "lines": self.lines,
                  "bad": self.bad[:10000], "types": [[t, len(a)] for t, a in self.offsets.items()]}
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps(header) + b"\n")
                for a in self.offsets.values():
                    if sys.byteorder != "little":
                        a = array("Q", a)
                        a.byteswap()
                    fh.write(a.tobytes())
            os.replace(tmp, path)  # atomic: readers see the old or the new index, never half
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, want: Iterable[str] | None = None) -> StoreIndex | None:
        try:
            with open(path, "rb") as fh:
                header = orjson.loads(fh.readline())
                if header.get("version") != INDEX_VERSION:
                    return None
                offsets: dict[str, array] = {}
                wanted = set(want) if want is not None else None
                for rtype, n in header["types"]:
                    if wanted is None or rtype in wanted:
                        a = array("Q")
                        a.frombytes(fh.read(8 * n))
                        if sys.byteorder != "little":
                            a.byteswap()
                        offsets[rtype] = a
                    else:
                        fh.seek(8 * n, os.SEEK_CUR)
                        offsets[rtype] = None  # not loaded
                return cls(header["size"], header["tail"], offsets, header["bad"], header["lines"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def update_index(store: Path, want: Iterable[str] | None = None) -> StoreIndex | None:
    """Bring `STORE.idx` up to date with the store (writing it when the folder allows) and return it."""
    try:
        fh = open(store, "rb")
    except OSError:
        return None
    with fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return StoreIndex()
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        with mm:
            size = len(mm)
            idx_file = index_path(store)
            index = StoreIndex.load(idx_file, None if want is None else None)
            if index is not None and (index.size > size or index.tail != _tail_hash(mm, index.size)):
                index = None  # truncated or rewritten: start again
            if index is not None and any(a is None for a in index.offsets.values()):
                index = None
            if index is None:
                index = StoreIndex()
            if index.size < size:
                before = index.size
                index.extend(mm, size)
                if index.size != before:
                    try:
                        index.save(idx_file)
                    except OSError:
                        pass  # a read-only folder: the index lives for this query only
            return index


LineFilter = Callable[[bytes], bool]


def indexed_records(store: Path, types: Iterable[str], *, line_filter: LineFilter | None = None,
                    on_error: ErrorHandler | None = None,
                    parse: Callable[[bytes], dict] | None = None) -> Iterator[dict] | None:
    """Records of `types` through the index, or None when the index cannot be used.

    `line_filter` sees each raw line first; False skips it without parsing.
    """
    types = tuple(types)
    index = update_index(store)
    if index is None:
        return None
    return _read_indexed(store, index, types, line_filter, on_error, parse or orjson.loads)


def _read_indexed(store: Path, index: StoreIndex, types: tuple[str, ...], line_filter: LineFilter | None,
                  on_error: ErrorHandler | None, loads: Callable[[bytes], dict]) -> Iterator[dict]:
    source = str(store)
    if on_error:
        for lineno, message in index.bad:
            on_error(BadLine(source, lineno, message))
    if index.size == 0:
        return
    starts: list[int] = []
    for t in types:
        starts.extend(index.offsets.get(t) or ())
    if len(types) > 1:
        starts.sort()
    with open(store, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        size = len(mm)
        if size > index.size and on_error and mm[size - 1:size] != b"\n":
            on_error(BadLine(source, index.lines + mm[index.size:size].count(b"\n") + 1,
                             "truncated last line (interrupted write?)"))
        find = mm.find
        for start in starts:
            end = find(b"\n", start)
            line = mm[start:end]
            if line_filter is not None and not line_filter(line):
                continue
            try:
                rec = loads(line)
            except orjson.JSONDecodeError as exc:
                if on_error:
                    on_error(BadLine(source, mm[:start].count(b"\n") + 1, f"not valid JSON ({exc.msg})"))
                continue
            v = rec.get("v", SCHEMA_VERSION)
            if not isinstance(v, int) or v > SCHEMA_VERSION:
                if on_error:
                    on_error(BadLine(source, mm[:start].count(b"\n") + 1,
                                     f"record from schema version {v!r}; this cooptool reads version {SCHEMA_VERSION}"))
                continue
            yield rec
