"""A sidecar index of a store: where the lines of each record type start.

Queries usually want one record type (`who` reads affiliations, a few percent of a store).
`STORE.idx` lists, per type, the byte offsets of its lines, so a query reads only those lines.
It is built incrementally: at the end of `cooptool extract` and, when missing or behind, by the
first query that reads the store; only bytes appended since the last update are parsed.

The index proves itself before a query uses it (a query never answers from an unverified index):

- a checksum over its whole content (header and offsets), and counts in the header that must agree
  with the offset arrays that follow (their byte length, the lines they can cover, offsets inside
  the indexed bytes);
- a content hash of the store bytes it covers. Re-hashing the store on every query would cost a full
  read, so the hash is checked only when the store's identity (device, inode, size, mtime, ctime)
  differs from the one recorded, or the record is "racy" (the store changed within `RACY_NS` of the
  index being verified, where a same-size rewrite in the same clock tick could go unseen: git's rule);
- every line read through it must start a line and hold a record of the type (and label, or
  speaker) the index says, else the index is rebuilt and the query goes on from the rebuilt one.
  Summaries read without their lines (below) are checked by `cooptool check` against a fresh build.

It also keeps, per entity label, the distinct (name, aliases) of its records with their record and
mention counts, documents and ids (`EntityKinds`): what `entities --type ORG` merges, so that query
reads no store line at all; and the claim lines grouped by speaker names (`SpeakerGroups`), so
`said --by X` reads only the lines of the speakers X matches. These are covered by the same
checksum and content hash.

Any failure rebuilds the index from the store, with a one-line notice (`on_notice`). `cooptool
check` verifies the index too (and compares it with a fresh build); `check --repair` rebuilds it.

Format: one JSON header line, then the offset arrays (little-endian uint64) in header order, then
the entity summaries (JSON: the document ids, then one list per label), then the speaker groups
(a JSON list, then their offsets); the header gives every length.
The index belongs to the store's resolved real path (`realpath(STORE) + ".idx"`): a store reached
through a symlink shares its index. The index is a cache: deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import stat
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import orjson

from cooptool.extract.records import RECORD_TYPES
from cooptool.extract.store import SCHEMA_VERSION, BadLine, ErrorHandler, _cheap_type, shape_problem

INDEX_VERSION = 5
MAX_BAD_KEPT = 10000
# A store changed less than this long before its index was verified is re-hashed by the next query.
RACY_NS = 2_000_000_000

Notice = Callable[[str], None]


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
    """`STORE.idx` beside the store's real file (symlinks resolved)."""
    return Path(os.path.realpath(store) + ".idx")


class IndexInvalid(Exception):
    """An index file that does not prove itself; the message says why."""


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _checksum(header: dict, body: bytes) -> str:
    h = hashlib.blake2b(orjson.dumps(header, option=orjson.OPT_SORT_KEYS), digest_size=16)
    h.update(body)
    return h.hexdigest()


class EntityKinds:
    """Per entity label, the distinct (name, aliases) of its records, each with how many records
    carry it, their mentions (a record without any counts one), their documents and ids: the
    "kinds" `aliases.merge_entities` merges, kept up to date as lines are indexed.

    Saved as JSON sections: the document ids (kinds refer to them by number) and the labels these
    counts cannot stand for, then per label a list of [name, aliases, records, mentions, [document
    numbers], [ids]]. A section is decoded (and checked) only when a query or an append needs it,
    so `entities --type ORG` decodes the ORG section only; IndexInvalid when it is damaged.
    """

    def __init__(self, head: bytes | None = None, sections: Iterable[tuple[str, bytes]] = ()):
        self._head_raw = head  # None: nothing saved (a new index)
        self._raw = dict(sections)  # label -> saved section not decoded yet
        self._docs: list[str] | None = [] if head is None else None
        self._unusable: set[str] = set()
        self._doc_no: dict[str, int] | None = {} if head is None else None
        self._tables: dict[str, dict[tuple[str, tuple[str, ...]], list]] = {}

    # -- reading ----------------------------------------------------------------------------

    def _head(self) -> list[str]:
        if self._docs is None:
            try:
                head = orjson.loads(self._head_raw)
                docs, unusable = head["docs"], head["unusable"]
                if not (type(docs) is list and all(type(d) is str for d in docs)
                        and type(unusable) is list and all(type(x) is str for x in unusable)):
                    raise ValueError
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                raise IndexInvalid("holds damaged entity summaries") from None
            self._docs, self._unusable = docs, set(unusable)
        return self._docs

    def labels(self) -> set[str]:
        return set(self._raw) | set(self._tables)

    def unusable(self) -> set[str]:
        """Labels with a record these counts cannot stand for (its entities are read from the lines)."""
        self._head()
        return self._unusable

    def _table(self, label: str) -> dict[tuple[str, tuple[str, ...]], list]:
        table = self._tables.get(label)
        if table is None:
            n_docs = len(self._head())
            table = self._tables[label] = {}
            raw = self._raw.pop(label, None)
            if raw is not None:
                try:
                    for name, aliases, records, mentions, doc_nos, ids in orjson.loads(raw):
                        if not (type(name) is str and name and type(aliases) is list and type(records) is int
                                and records > 0 and type(mentions) is int and type(doc_nos) is list
                                and type(ids) is list and all(type(a) is str for a in aliases)
                                and all(type(x) is str for x in ids)
                                and (not doc_nos or (set(map(type, doc_nos)) == {int}
                                                     and min(doc_nos) >= 0 and max(doc_nos) < n_docs))):
                            raise ValueError
                        table[(name, tuple(aliases))] = [records, mentions, set(doc_nos), set(ids)]
                except (orjson.JSONDecodeError, TypeError, ValueError):
                    raise IndexInvalid("holds damaged entity summaries") from None
        return table

    def of_label(self, label: str) -> list[dict]:
        """The kinds of `label` as `aliases._distinct_kinds` makes them from the records, in its order."""
        docs = self._head()
        return [{"label": label, "name": name, "aliases": list(aliases), "records": kind[0],
                 "mention_count": kind[1], "docs": {docs[i] for i in kind[2]}, "ids": set(kind[3])}
                for (name, aliases), kind in sorted(self._table(label).items(), key=lambda kv: kv[0])]

    def comparable(self) -> tuple[dict, set[str]]:
        docs = self._head()
        return ({label: {key: (k[0], k[1], frozenset(docs[i] for i in k[2]), frozenset(k[3]))
                         for key, k in self._table(label).items()} for label in self.labels() if self._table(label)},
                self.unusable())

    def decode_all(self) -> None:
        for label in self.labels():
            self._table(label)

    # -- building ---------------------------------------------------------------------------

    def add(self, label: str, rec: dict) -> None:
        """One entity record (already checked by `shape_problem`), as merging counts it."""
        name = rec.get("name")
        if not name:
            return  # merging skips nameless records too
        kinds = self._table(label)
        key = (name, tuple(rec.get("aliases") or ()))
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = [0, 0, set(), set()]
        kind[0] += 1
        if "mention_count" in rec:  # a field of no cooptool record, but merging would count it
            count = rec["mention_count"]
            if type(count) is not int:
                self.unusable().add(label)
        else:
            count = len(rec.get("mentions") or ())
        kind[1] += count or 1
        doc = rec.get("doc")
        if doc:
            if self._doc_no is None:
                self._doc_no = {d: i for i, d in enumerate(self._head())}
            no = self._doc_no.get(doc)
            if no is None:
                no = self._doc_no[doc] = len(self._docs)
                self._docs.append(doc)
            kind[2].add(no)
        if rec.get("id"):
            kind[3].add(rec["id"])

    def encode(self) -> tuple[bytes, list[tuple[str, bytes]]]:
        """(head, [(label, section)]); sections never decoded are written as they were read (document
        numbers only grow, so they stay right)."""
        sections = [(label, orjson.dumps([[name, list(aliases), k[0], k[1], sorted(k[2]), sorted(k[3])]
                                          for (name, aliases), k in sorted(table.items(), key=lambda kv: kv[0])]))
                    for label, table in self._tables.items() if table]
        sections += list(self._raw.items())
        sections.sort()
        if self._docs is None:
            return self._head_raw, sections
        return orjson.dumps({"docs": self._docs, "unusable": sorted(self._unusable)}), sections


class SpeakerGroups:
    """Claim lines grouped by their speaker's names (speaker, speaker aliases), the fields `said
    --by` matches: it matches each distinct speaker once and reads only the lines of those that
    match. Claims without a speaker (which `--by` never matches) are in no group.

    Saved as a JSON list of [speaker, aliases, lines] then the groups' offsets (little-endian
    uint64) in that order; decoded only when `--by` or an append needs them.
    """

    def __init__(self, table: bytes | None = None, offsets: bytes = b""):
        self._raw = (table, offsets) if table is not None else None
        self._groups: dict[tuple[str, tuple[str, ...]], array] | None = {} if table is None else None

    def groups(self) -> dict[tuple[str, tuple[str, ...]], array]:
        if self._groups is None:
            table, raw = self._raw
            groups: dict[tuple[str, tuple[str, ...]], array] = {}
            pos = 0
            try:
                for speaker, aliases, n in orjson.loads(table):
                    if not (type(speaker) is str and speaker and type(aliases) is list
                            and all(type(a) is str for a in aliases) and type(n) is int and n > 0):
                        raise ValueError
                    offsets = array("Q")
                    offsets.frombytes(raw[pos:pos + 8 * n])
                    if sys.byteorder != "little":
                        offsets.byteswap()
                    groups[(speaker, tuple(aliases))] = offsets
                    pos += 8 * n
            except (orjson.JSONDecodeError, TypeError, ValueError):
                raise IndexInvalid("holds damaged speaker groups") from None
            if pos != len(raw):
                raise IndexInvalid("holds damaged speaker groups")
            self._groups = groups
        return self._groups

    def add(self, rec: dict, start: int) -> None:
        speaker = rec.get("speaker")
        if speaker:
            key = (speaker, tuple(rec.get("speaker_aliases") or ()))
            groups = self.groups()
            offsets = groups.get(key)
            if offsets is None:
                offsets = groups[key] = array("Q")
            offsets.append(start)

    def matching(self, match: Callable[[list[str]], bool]) -> list[int]:
        """In store order, the offsets of the claim lines whose names ([speaker, *aliases]) `match`."""
        found: list[int] = []
        for (speaker, aliases), offsets in self.groups().items():
            if match([speaker, *aliases]):
                found.extend(offsets)
        found.sort()
        return found

    def comparable(self) -> dict:
        return {key: list(offsets) for key, offsets in self.groups().items()}

    def encode(self) -> tuple[bytes, bytes]:
        if self._groups is None:
            return self._raw
        table = orjson.dumps([[s, list(a), len(o)] for (s, a), o in self._groups.items()])
        parts = []
        for offsets in self._groups.values():
            if sys.byteorder != "little":
                offsets = array("Q", offsets)
                offsets.byteswap()
            parts.append(offsets.tobytes())
        return table, b"".join(parts)


class StoreIndex:
    def __init__(self, size: int = 0, offsets: dict[str, array] | None = None,
                 bad: list[list] | None = None, lines: int = 0, content: str | None = None,
                 identity: list[int] | None = None, verified_ns: int = 0,
                 kinds: EntityKinds | None = None, speakers: SpeakerGroups | None = None):
        self.size = size  # bytes of the store covered (always ends after a newline)
        self.offsets = offsets or {t: array("Q") for t in RECORD_TYPES}
        self.bad = bad or []  # [line, message]
        self.lines = lines
        self.content = content or hashlib.blake2b(b"", digest_size=16).hexdigest()
        self.identity = identity or []
        self.verified_ns = verified_ns
        self.kinds = kinds if kinds is not None else EntityKinds()
        self.speakers = speakers if speakers is not None else SpeakerGroups()

    # -- building ---------------------------------------------------------------------------

    def extend(self, mm, end: int, hasher=None) -> None:
        """Index the whole lines in [self.size, end); `hasher` has seen the store's [0, self.size)."""
        pos = self.size
        lineno = self.lines
        find = mm.find
        kinds = self.kinds
        while pos < end:
            nl = find(b"\n", pos, end)
            if nl == -1:
                break  # a line still being written (or torn): left for later
            lineno += 1
            if nl - pos > 1 or mm[pos:nl].strip():
                self._classify(mm, pos, nl, lineno, kinds)
            pos = nl + 1
        if pos > self.size:
            if hasher is None:
                hasher = hashlib.blake2b(mm[:self.size], digest_size=16)
            hasher.update(mm[self.size:pos])
            self.content = hasher.hexdigest()
        self.size = pos
        self.lines = lineno

    def _classify(self, mm, start: int, end: int, lineno: int, kinds: EntityKinds) -> None:
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
        if not isinstance(v, int) or isinstance(v, bool) or v > SCHEMA_VERSION:
            self.bad.append([lineno, f"record from schema version {v!r}; this cooptool reads version {SCHEMA_VERSION}"])
            return
        problem = shape_problem(rec)
        if problem:
            self.bad.append([lineno, problem])
            return
        self.offsets[rtype].append(start)
        if rtype == "entity" and isinstance(rec.get("label"), str):
            # Entities are most of a store; `entities --type ORG` reads only its label's lines, or
            # (most often) only their summaries.
            self.offsets.setdefault(f"entity:{rec['label']}", array("Q")).append(start)
        if rtype == "entity":
            kinds.add(rec.get("label") or "", rec)  # no label: "", as merging files it
        elif rtype == "claim":
            self.speakers.add(rec, start)

    def same_entries(self, other: StoreIndex) -> bool:
        return (self.size == other.size and self.lines == other.lines
                and self.bad[:MAX_BAD_KEPT] == other.bad[:MAX_BAD_KEPT]
                and {k: v for k, v in self.offsets.items() if v} == {k: v for k, v in other.offsets.items() if v}
                and self.kinds.comparable() == other.kinds.comparable()
                and self.speakers.comparable() == other.speakers.comparable())

    # -- persistence ------------------------------------------------------------------------

    def _header(self, docs: bytes, sections: list[tuple[str, bytes]], speakers: tuple[bytes, bytes]) -> dict:
        return {"version": INDEX_VERSION, "size": self.size, "lines": self.lines, "content": self.content,
                "store": self.identity, "verified_ns": self.verified_ns, "bad": self.bad[:MAX_BAD_KEPT],
                "types": [[t, len(a)] for t, a in self.offsets.items()],
                "kinds": [len(docs), [[label, len(raw)] for label, raw in sections]],
                "speakers": [len(speakers[0]), len(speakers[1])]}

    def save(self, path: Path) -> None:
        parts = []
        for a in self.offsets.values():
            if sys.byteorder != "little":
                a = array("Q", a)
                a.byteswap()
            parts.append(a.tobytes())
        docs, sections = self.kinds.encode()
        speakers = self.speakers.encode()
        body = b"".join([*parts, docs, *(raw for _, raw in sections), *speakers])
        header = self._header(docs, sections, speakers)
        header["checksum"] = _checksum(header, body)
        # A new file renamed over the old one: never written through a symlink planted at the name,
        # and readers see the old or the new index, never half of one.
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps(header) + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> StoreIndex | None:
        """The index in `path`, None when there is none; IndexInvalid when it does not prove itself."""
        data = _read_index_file(path)
        if data is None:
            return None
        header, body = _checked_header(data)
        size, lines, content, identity, verified_ns, bad, counts, kind_sizes, speaker_sizes = _header_fields(header)
        sizes = [8 * sum(n for _, n in counts), kind_sizes[0], *(n for _, n in kind_sizes[1]), *speaker_sizes]
        if sum(sizes) != len(body):
            raise IndexInvalid(f"declares {sum(sizes)} bytes of offsets, entity summaries and speaker groups "
                               f"but holds {len(body)}")
        records = sum(n for t, n in counts if t in RECORD_TYPES)
        labelled = sum(n for t, n in counts if t.startswith("entity:"))
        entities = dict(counts).get("entity", 0)
        if records + len(bad) > lines or labelled > entities or (lines and not size):
            raise IndexInvalid("declares counts that do not add up")
        parts, pos = [], 0
        for n in sizes:
            parts.append(body[pos:pos + n])
            pos += n
        kinds = EntityKinds(parts[1], [(label, raw) for (label, _), raw in zip(kind_sizes[1], parts[2:-2], strict=True)])
        return cls(size, _offset_arrays(parts[0], counts), bad, lines, content, identity, verified_ns,
                   kinds, SpeakerGroups(parts[-2], parts[-1]))


def _read_index_file(path: Path) -> bytes | None:
    """The bytes of the index file (never through a symlink), None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexInvalid(f"cannot be read ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise IndexInvalid("is not a regular file")
            return fh.read()
    except OSError as exc:
        raise IndexInvalid(f"cannot be read ({exc.strerror or exc})") from None


def _checked_header(data: bytes) -> tuple[dict, bytes]:
    """(header without its checksum, body) of an index of this version whose checksum holds."""
    nl = data.find(b"\n")
    if nl == -1:
        raise IndexInvalid("has no header line (cut off?)")
    try:
        header = orjson.loads(data[:nl])
    except orjson.JSONDecodeError:
        raise IndexInvalid("has a damaged header") from None
    if not isinstance(header, dict):
        raise IndexInvalid("has a damaged header")
    if header.get("version") != INDEX_VERSION:
        raise IndexInvalid(f"is index version {header.get('version')!r}, not {INDEX_VERSION}")
    body = data[nl + 1:]
    checksum = header.pop("checksum", None)
    try:
        expected = _checksum(header, body)
    except TypeError:
        raise IndexInvalid("has a damaged header") from None
    if checksum != expected:
        raise IndexInvalid("fails its checksum (damaged or cut off)")
    return header, body


def _header_fields(header: dict) -> tuple[int, int, str, list, int, list, list[tuple[str, int]], tuple, list[int]]:
    """(size, lines, content, identity, verified_ns, bad, [(type, count)], (docs bytes, [(label, bytes)]),
    [speaker table bytes, speaker offsets bytes]), each of its type."""
    try:
        size, lines, content = header["size"], header["lines"], header["content"]
        identity, verified_ns, bad, types = header["store"], header["verified_ns"], header["bad"], header["types"]
        kind_sizes, speaker_sizes = _summary_sizes(header)
        if not (isinstance(size, int) and isinstance(lines, int) and size >= 0 and lines >= 0
                and isinstance(content, str) and isinstance(identity, list) and isinstance(verified_ns, int)
                and isinstance(bad, list) and isinstance(types, list)):
            raise TypeError
        counts = [(t, n) for t, n in types]
        if not all(isinstance(t, str) and isinstance(n, int) and n >= 0 for t, n in counts):
            raise TypeError
    except (KeyError, TypeError, ValueError):
        raise IndexInvalid("has a header without the fields it needs") from None
    return size, lines, content, identity, verified_ns, bad, counts, kind_sizes, speaker_sizes


def _summary_sizes(header: dict) -> tuple[tuple[int, list[tuple[str, int]]], list[int]]:
    """((entity summaries head bytes, [(label, bytes)]), [speaker table bytes, speaker offsets bytes]);
    TypeError (or KeyError, ValueError) when they are not sizes."""
    docs_size, label_sizes = header["kinds"]
    kind_sizes = (docs_size, [(label, n) for label, n in label_sizes])
    speaker_sizes = list(header["speakers"])
    if not (len(speaker_sizes) == 2 and speaker_sizes[1] % 8 == 0
            and all(type(n) is int and n >= 0 for n in [docs_size, *speaker_sizes, *(n for _, n in kind_sizes[1])])
            and all(isinstance(label, str) for label, _ in kind_sizes[1])):
        raise TypeError
    return kind_sizes, speaker_sizes


def _offset_arrays(body: bytes, counts: list[tuple[str, int]]) -> dict[str, array]:
    offsets: dict[str, array] = {}
    pos = 0
    for t, n in counts:
        a = array("Q")
        a.frombytes(body[pos:pos + 8 * n])
        pos += 8 * n
        if sys.byteorder != "little":
            a.byteswap()
        offsets[t] = a  # each offset is checked against the covered size when it is read
    for t in RECORD_TYPES:
        offsets.setdefault(t, array("Q"))
    return offsets


def _trusted_by_identity(index: StoreIndex, st: os.stat_result) -> bool:
    return index.identity == _identity(st) and st.st_ctime_ns < index.verified_ns - RACY_NS


def _verified(store: Path, st: os.stat_result, mm, *, deep: bool = False) -> tuple[StoreIndex | None, str | None, object]:
    """(index, problem, hasher): the saved index when it proves itself against the store, else
    (None, why); `hasher` has seen the store bytes the index covers when they were hashed."""
    idx_file = index_path(store)
    try:
        index = StoreIndex.load(idx_file)
    except IndexInvalid as exc:
        return None, str(exc), None
    if index is None:
        return None, None, None
    size = len(mm) if mm is not None else 0
    if index.size > size:
        return None, f"covers {index.size} bytes but the store has {size} (the store was cut or rewritten)", None
    hasher = None
    if deep or not _trusted_by_identity(index, st):
        hasher = hashlib.blake2b(mm[:index.size] if mm is not None else b"", digest_size=16)
        if hasher.hexdigest() != index.content:
            return None, "was built for other content (the store was rewritten, or the index is another store's)", None
    if deep and mm is not None:
        fresh = StoreIndex()
        fresh.extend(mm, index.size)
        try:
            same = fresh.same_entries(index)
        except IndexInvalid as exc:
            return None, str(exc), None
        if not same:
            return None, "does not match the store's lines", None
    return index, None, hasher


def check_index(store: Path) -> str | None:
    """Why the store's index cannot be trusted (None when it is sound or there is none): the
    checks a query makes, plus a comparison with a fresh build. For `cooptool check`."""
    try:
        with open(store, "rb") as fh:
            st = os.fstat(fh.fileno())
            mm = _map(fh)
            try:
                _, problem, _ = _verified(store, st, mm, deep=True)
            finally:
                if mm is not None:
                    mm.close()
    except OSError:
        return None
    return problem


def _map(fh):
    size = os.fstat(fh.fileno()).st_size
    return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else None


def update_index(store: Path, on_notice: Notice | None = None, *, rebuild: bool = False) -> StoreIndex | None:
    """Bring `STORE.idx` up to date with the store (writing it when the folder allows) and return it.

    An index that fails verification is rebuilt, and `on_notice` told why (one line). `rebuild`
    builds it afresh whatever the saved one says (`check --repair`)."""
    try:
        fh = open(store, "rb")
    except OSError:
        return None
    with fh:
        st = os.fstat(fh.fileno())  # before the bytes are read: a later change cannot hide behind it
        mm = _map(fh)
        try:
            return _update(store, st, mm, on_notice, rebuild)
        finally:
            if mm is not None:
                mm.close()


def _update(store: Path, st: os.stat_result, mm, on_notice: Notice | None, rebuild: bool) -> StoreIndex:
    idx_file = index_path(store)
    size = len(mm) if mm is not None else 0
    index, problem, hasher = (None, None, None) if rebuild else _verified(store, st, mm)
    if index is not None and index.size < size and mm.find(b"\n", index.size) != -1:
        try:
            index.kinds.decode_all()  # the summaries are extended too: damage is found before
            index.speakers.groups()
        except IndexInvalid as exc:
            problem, index = str(exc), None
    if problem and on_notice:
        on_notice(f"{idx_file}: the index {problem}; rebuilt from the store")
    changed = index is None
    if index is None:
        index = StoreIndex()
        hasher = None
    if index.size < size:
        before = index.size
        index.extend(mm, size, hasher)
        changed = changed or index.size != before
    now = time.time_ns()
    identity = _identity(st)
    # Re-save when the entries changed, or to record a verified identity (again once it is no longer racy).
    racy = index.verified_ns <= st.st_ctime_ns + RACY_NS
    if changed or index.identity != identity or (racy and now > st.st_ctime_ns + RACY_NS):
        index.identity, index.verified_ns = identity, now
        try:
            index.save(idx_file)
        except OSError:
            pass  # a read-only folder: the index lives for this query only
    return index


LineFilter = Callable[[bytes], bool]


class _Mismatch(Exception):
    """A line read through the index is not what the index says it is."""

    def __init__(self, start: int, why: str):
        super().__init__(why)
        self.start = start
        self.why = why


SpeakerMatch = Callable[[list[str]], bool]


def indexed_records(store: Path, types: Iterable[str], *, line_filter: LineFilter | None = None,
                    on_error: ErrorHandler | None = None,
                    parse: Callable[[bytes], dict] | None = None,
                    on_notice: Notice | None = None,
                    speaker: SpeakerMatch | None = None) -> Iterator[dict] | None:
    """Records of `types` through the index, or None when the index cannot be used.

    `line_filter` sees each raw line first; False skips it without parsing. `speaker` keeps only
    the claims whose names ([speaker, *speaker_aliases]) it accepts (claims without a speaker
    never): only their lines are read, through the index's speaker groups.
    """
    types = tuple(types)
    index = update_index(store, on_notice)
    if index is None:
        return None
    return _read_checked(store, index, types, line_filter, on_error, parse or orjson.loads, on_notice, speaker)


def _read_checked(store, index, types, line_filter, on_error, loads, on_notice, speaker=None) -> Iterator[dict]:
    after = -1
    reported = False
    while True:
        try:
            for start, rec in _read_indexed(store, index, types, line_filter, None if reported else on_error,
                                            loads, after, speaker):
                after = start
                yield rec
            return
        except (_Mismatch, IndexInvalid) as exc:
            if on_notice:
                why = f"is wrong at byte {exc.start} ({exc.why})" if isinstance(exc, _Mismatch) else str(exc)
                on_notice(f"{index_path(store)}: the index {why}; rebuilt from the store")
            reported = reported or isinstance(exc, _Mismatch)  # damaged groups fail before any report
            index = update_index(store, rebuild=True)
            if index is None:
                return


def _read_indexed(store: Path, index: StoreIndex, types: tuple[str, ...], line_filter: LineFilter | None,
                  on_error: ErrorHandler | None, loads: Callable[[bytes], dict],
                  after: int = -1, speaker: SpeakerMatch | None = None) -> Iterator[tuple[int, dict]]:
    source = str(store)
    # Decoded before anything is reported: damaged groups rebuild the index first.
    chosen = {"claim": index.speakers.matching(speaker)} if speaker is not None and "claim" in types else {}
    if on_error:
        for lineno, message in index.bad:
            on_error(BadLine(source, lineno, message))
    if index.size == 0:
        return
    starts = _indexed_starts(index, types, after, chosen)
    # A line cooptool wrote ends with its type and version (keys are sorted): one comparison checks it.
    endings = {t.partition(":")[0]: f'"type":"{t.partition(":")[0]}","v":{SCHEMA_VERSION}}}'.encode() for t in types}
    covered = index.size
    with open(store, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        size = len(mm)
        if size < covered:
            raise _Mismatch(covered, "the store is shorter than the index")
        if after < 0 and on_error:
            torn = _torn_last_line(source, index, mm)
            if torn:
                on_error(torn)
        for start, base, label in starts:
            line = _indexed_line(mm, start, covered, base, endings[base])
            grouped = base in chosen  # parsed whatever the line filter says: its speaker is checked below
            if line_filter is not None and not grouped and not line_filter(line):
                continue
            try:
                rec = loads(line)
            except orjson.JSONDecodeError:
                raise _Mismatch(start, "not a JSON record") from None
            _check_indexed_record(rec, start, base, label)
            if grouped:
                if not (rec.get("speaker") and speaker([rec["speaker"], *(rec.get("speaker_aliases") or [])])):
                    raise _Mismatch(start, "not a claim of a speaker its group names")
                if line_filter is not None and not line_filter(line):
                    continue
            yield start, rec


def _torn_last_line(source: str, index: StoreIndex, mm) -> BadLine | None:
    """The damage of a store whose bytes after the indexed ones do not end a line."""
    size, covered = len(mm), index.size
    if size > covered and mm[size - 1:size] != b"\n":
        return BadLine(source, index.lines + mm[covered:size].count(b"\n") + 1, "truncated last line (interrupted write?)")
    return None


def _indexed_starts(index: StoreIndex, types: tuple[str, ...], after: int,
                    chosen: dict[str, list[int]] | None = None) -> Iterator[tuple[int, str, str | None]]:
    """(offset, record type, entity label or None) of the indexed lines of `types` after `after`
    (of `chosen` lines for the types it names), in store order."""
    chosen = chosen or {}
    if len(types) == 1:
        base, _, label = types[0].partition(":")
        offsets = chosen[types[0]] if types[0] in chosen else index.offsets.get(types[0]) or ()
        return ((start, base, label or None) for start in offsets if start > after)
    listed: list[tuple[int, str, str | None]] = []
    for t in types:
        base, _, label = t.partition(":")
        offsets = chosen[t] if t in chosen else index.offsets.get(t) or ()
        listed.extend((s, base, label or None) for s in offsets if s > after)
    listed.sort()
    return iter(listed)


def _indexed_line(mm, start: int, covered: int, base: str, ending: bytes) -> bytes:
    """The whole line at `start`, which must start a line and not be a line of another type."""
    if start >= covered or (start and mm[start - 1] != 0x0A):
        raise _Mismatch(start, "not the start of a line")
    end = mm.find(b"\n", start, covered)
    if end == -1:
        raise _Mismatch(start, "no whole line there")
    line = mm[start:end]
    if not line.endswith(ending):
        cheap = _cheap_type(line)
        if cheap is not None and cheap != base.encode():
            raise _Mismatch(start, f"a {cheap.decode(errors='replace')!r} line, not {base!r}")
    return line


def _check_indexed_record(rec, start: int, base: str, label: str | None) -> None:
    """A parsed line must be a readable record of the type (and label) the index says."""
    if not isinstance(rec, dict) or rec.get("type") != base or (label and rec.get("label") != label):
        raise _Mismatch(start, f"not a {base} record")
    v = rec.get("v", SCHEMA_VERSION)
    if not isinstance(v, int) or isinstance(v, bool) or v > SCHEMA_VERSION:
        raise _Mismatch(start, "a record the index should have listed as damaged")


def entity_kinds(store: Path, labels: Iterable[str] | None = None, *, on_error: ErrorHandler | None = None,
                 on_notice: Notice | None = None) -> list[dict] | None:
    """The distinct kinds of the entity records of `labels` (None: all), as `aliases._distinct_kinds` makes
    them from the records, but from the index's summaries: no store line is read. Damage is
    reported as a read through the index reports it. None when the index cannot be used."""
    index = update_index(store, on_notice)
    for attempt in range(2):
        if index is None:
            return None
        kinds = index.kinds
        try:
            wanted = sorted(set(labels) if labels is not None else kinds.labels())
            found = [kind for label in wanted for kind in kinds.of_label(label)]
            unusable = kinds.unusable() & set(wanted)
            torn = _store_tail(store, index)
        except (IndexInvalid, _Mismatch) as exc:
            if attempt == 0 and on_notice:
                why = f"is wrong at byte {exc.start} ({exc.why})" if isinstance(exc, _Mismatch) else str(exc)
                on_notice(f"{index_path(store)}: the index {why}; rebuilt from the store")
            index = update_index(store, rebuild=True)
            continue
        if unusable:
            return None  # read the records instead
        if on_error:
            for lineno, message in index.bad:
                on_error(BadLine(str(store), lineno, message))
            if torn:
                on_error(torn)
        return found
    return None


def _store_tail(store: Path, index: StoreIndex) -> BadLine | None:
    """A torn last line after the indexed bytes; _Mismatch when the store is now shorter than them."""
    if index.size == 0:
        return None
    with open(store, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        if len(mm) < index.size:
            raise _Mismatch(index.size, "the store is shorter than the index")
        return _torn_last_line(str(store), index, mm)
