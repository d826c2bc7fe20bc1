"""The JSON Lines store: streaming reads that survive damage, whole-block appends under a lock.

Layout: each document is written as one block — its entities, affiliations, claims, facts and
events, then its `document` record last. The `document` record is the commit marker: a block
without it (a run killed mid-write) is cut off the next time the store is opened for writing,
so re-running the same command completes the store with nothing lost and nothing duplicated.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import time
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


_TYPE_KEY = b'"type":"'


def _cheap_type(line: bytes) -> bytes | None:
    """The record type of a compact JSON line without parsing it, or None when unsure.

    Only an unambiguous single `"type":"..."` counts: a nested object with its own "type"
    key, or JSON written with spaces, falls back to a full parse.
    """
    i = line.find(_TYPE_KEY)
    if i < 0 or line.find(_TYPE_KEY, i + 1) >= 0:
        return None
    j = line.find(b'"', i + len(_TYPE_KEY))
    return line[i + len(_TYPE_KEY):j] if j > 0 else None


# The longest store line read: far above any record (a million-character document's entity line is a
# few MB); a longer one (`cooptool who < /dev/zero`) is read past in chunks, never held.
MAX_LINE_BYTES = 64 << 20
OVERLONG = b"\x00overlong"  # what `bounded_lines` yields for a line over the limit
ENDLESS = b"\x00endless"  # ... and for a stream with no line end in sight (then it stops)


def bounded_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of a byte stream, none held longer than `limit` bytes: an overlong line is read
    past (yielded as OVERLONG); after 4 x `limit` bytes with no newline the stream ends (ENDLESS)."""
    readline = stream.readline
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        skipped = len(line)
        while not line.endswith(b"\n"):
            if skipped > 4 * limit:
                yield ENDLESS
                return
            line = readline(1 << 20)
            if not line:
                break
            skipped += len(line)
        yield OVERLONG


def iter_records(stream: BinaryIO, *, source: str = "<stdin>", types: Iterable[str] | None = None,
                 on_error: ErrorHandler | None = None, strict: bool = False) -> Iterator[dict]:
    """Yield records from a JSON Lines byte stream.

    `types` skips lines of other known types before parsing them (a byte search is far
    cheaper than JSON parsing). Malformed lines, unknown types and newer schema versions
    are reported through `on_error` and skipped, or raise StoreError when `strict`.
    """
    wanted = set(types) if types else None
    skip_types = {t.encode() for t in RECORD_TYPES if t not in wanted} if wanted else set()

    def bad(lineno: int, message: str) -> None:
        err = BadLine(source, lineno, message)
        if strict:
            raise StoreError(str(err))
        if on_error:
            on_error(err)

    for lineno, line in enumerate(bounded_lines(stream), 1):
        if line is OVERLONG or line is ENDLESS:
            bad(lineno, f"a line longer than {MAX_LINE_BYTES:,} bytes, not a record"
                + ("; the rest of the input skipped" if line is ENDLESS else ""))
            if line is ENDLESS:
                return
            continue
        if not line.strip():
            continue
        if not line.endswith(b"\n"):
            bad(lineno, "truncated last line (interrupted or unfinished write?)")
            continue
        if skip_types and line.startswith(b"{") and line.rstrip().endswith(b"}") \
                and _cheap_type(line) in skip_types:
            continue
        rec, problem = _parse_record(line, wanted)
        if problem:
            bad(lineno, problem)
        elif rec is not None:
            yield rec


def _parse_record(line: bytes, wanted: set[str] | None) -> tuple[dict | None, str | None]:
    """(record, None) for a readable record of a wanted type; (None, why) for a line that holds none;
    (None, None) for a record of a type not wanted."""
    try:
        rec = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    if not isinstance(rec, dict):
        return None, "not a JSON object"
    problem = record_problem(rec)
    if problem:
        return None, problem
    if wanted is not None and rec["type"] not in wanted:
        return None, None
    problem = shape_problem(rec)
    if problem:
        return None, problem
    return rec, None


def record_problem(rec: dict) -> str | None:
    """Why a parsed line is not a record this cooptool can read (unknown type, newer schema), else None."""
    rtype = rec.get("type")
    if rtype not in RECORD_TYPES:
        return f"unknown record type {rtype!r}"
    v = rec.get("v", SCHEMA_VERSION)
    if not isinstance(v, int) or isinstance(v, bool) or v > SCHEMA_VERSION:
        return f"record from schema version {v!r}; this cooptool reads version {SCHEMA_VERSION}"
    return None


_JSON_TYPES = {"string": (str,), "null": (type(None),), "integer": (int,), "number": (int, float),
               "boolean": (bool,), "array": (list,), "object": (dict,)}
_TYPE_NAMES = {str: "a string", type(None): "null", int: "a number", float: "a number", bool: "true/false",
               list: "a list", dict: "an object"}
_shapes: dict[str, dict[str, tuple]] | None = None


def _shape_table() -> dict[str, dict[str, tuple]]:
    """Per record type, field -> (allowed Python types, allowed item types of a list or None), from
    the records schema: the JSON types the query commands rely on. Ranges, enum values and the
    fields of objects inside lists (mentions) are left to `cooptool check`, which validates all."""
    global _shapes
    if _shapes is None:
        from cooptool.extract.schema import records_schema

        schema = records_schema()
        defs = schema["$defs"]

        def resolve(node: dict) -> dict:
            while "$ref" in node:
                node = defs[node["$ref"].rsplit("/", 1)[1]]
            return node

        def allowed(node: dict) -> frozenset | None:
            node = resolve(node)
            kinds = node.get("type")
            if kinds is None:
                choices = node.get("enum")  # an enum: its values' types
                return frozenset(type(c) for c in choices) if isinstance(choices, list) else None
            kinds = [kinds] if isinstance(kinds, str) else kinds
            return frozenset(t for k in kinds for t in _JSON_TYPES[k])

        _shapes = {}
        for rtype in RECORD_TYPES:
            props = {**schema["properties"], **defs[rtype].get("properties", {})}
            table = {}
            for field, node in props.items():
                types = allowed(node)
                if not types or field in ("type", "v"):
                    continue
                items = resolve(node).get("items")
                item_types = allowed(items) if list in types and isinstance(items, dict) else None
                table[field] = (types, item_types)
            _shapes[rtype] = table
    return _shapes


def _kind(value) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _expected(types) -> str:
    return " or ".join(sorted({_TYPE_NAMES[t] for t in types}))


def shape_problem(rec: dict) -> str | None:
    """Why a record's fields do not have the JSON types its schema gives them (a store written by
    hand or by another tool: `"published": 20240101`, `"aliases": "X"`), else None. Queries skip such
    a line as damaged rather than fail on it. Exact types: orjson gives no subclasses, and JSON
    true/false are not numbers here."""
    table = _shape_table().get(rec.get("type"))
    if not table:
        return None
    for field, value in rec.items():
        spec = table.get(field)
        if spec is None:
            continue
        types, item_types = spec
        if type(value) not in types:
            return f'{rec["type"]} field "{field}" is {_kind(value)}, not {_expected(types)}'
        if item_types is not None and type(value) is list:
            for item in value:
                if type(item) not in item_types:
                    return f'{rec["type"]} field "{field}" holds {_kind(item)}, not {_expected(item_types)}'
    return None


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


def _is_document_line(line: bytes) -> bool:
    """A whole `document` record line: the commit marker of a block."""
    if _DOC_MARK not in line:
        return False
    try:
        rec = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return isinstance(rec, dict) and rec.get("type") == "document"


def committed_length(fh: BinaryIO, size: int) -> int:
    """Byte length of the store up to the end of its last `document` line (its last whole block)."""
    chunk = 1 << 20
    pos = size
    tail = b""
    while pos > 0:
        start = max(0, pos - chunk)
        fh.seek(start)
        tail = fh.read(pos - start) + tail
        # Whole lines only: everything after the last newline is a torn write.
        search_end = tail.rfind(b"\n")
        while search_end > 0:
            line_start = tail.rfind(b"\n", 0, search_end) + 1
            if line_start == 0 and start > 0:
                break  # this line may begin in an earlier chunk
            if _is_document_line(tail[line_start:search_end]):
                return start + search_end + 1
            search_end = line_start - 1
        pos = start
    return 0


def interrupted_block_problem(tail: bytes, first_line: int) -> str | None:
    """None when `tail` (the bytes after the last committed block) is what a killed writer leaves:
    whole records of one unfinished block, then at most one cut-off line starting like a record.
    Otherwise why it is not — then it is not ours to drop without being asked."""
    lines = tail.split(b"\n")
    cut = lines.pop()  # b"" when the tail ends with a newline
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError:
            return f"line {first_line + offset} is not valid JSON"
        if not isinstance(rec, dict) or record_problem(rec):
            return f"line {first_line + offset} is not a cooptool record"
    if cut and cut[:2] != b'{"'[:len(cut[:2])]:
        return f"line {first_line + len(lines)} does not start like a cooptool record"
    return None


@dataclass
class Repair:
    """What cutting a store back to its last whole block dropped."""

    dropped_bytes: int = 0
    dropped_lines: int = 0  # lines begun (a cut-off line counts)
    first_line: int = 0  # first dropped line number
    saved_to: Path | None = None  # where dropped lines that were not an interrupted write were copied


def _tail_repair(fd: int, path: Path, *, force: bool) -> Repair:
    size = os.fstat(fd).st_size
    if not size:
        return Repair()
    with open(path, "rb") as fh:
        keep = committed_length(fh, size)
        if keep == size:
            return Repair()
        fh.seek(keep)
        tail = fh.read()
        first_line = _newlines_before(fh, keep) + 1
    problem = interrupted_block_problem(tail, first_line)
    if problem and (not force or keep == 0):
        # Never truncate what may not be ours: a file that is not a store, or damage a killed
        # writer cannot leave. `cooptool check --repair` drops it when the store has whole blocks.
        raise StoreError(f"{path}: the {size - keep} bytes after its last whole document block are not an "
                         f"interrupted write ({problem}); not changing it. Run: cooptool check --store {path}")
    saved = None
    if problem:
        # Asked to drop more than a killed writer leaves: keep a copy, so nothing is lost.
        saved = Path(str(path) + ".dropped")
        out = _open_own_file(saved, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        with os.fdopen(out, "ab") as fh:
            fh.write(tail if tail.endswith(b"\n") else tail + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
    os.ftruncate(fd, keep)
    os.fsync(fd)
    return Repair(size - keep, tail.count(b"\n") + (0 if tail.endswith(b"\n") else 1), first_line, saved)


def _newlines_before(fh: BinaryIO, end: int) -> int:
    fh.seek(0)
    count, pos = 0, 0
    while pos < end:
        chunk = fh.read(min(1 << 20, end - pos))
        if not chunk:
            break
        count += chunk.count(b"\n")
        pos += len(chunk)
    return count


# File descriptors of locks and stores this process holds open for writing: forked workers close
# them at once (`close_inherited`), so a worker never keeps a lock or a store open after its parent.
HELD_FDS: set[int] = set()
LOCK_POLL = 0.05  # seconds between attempts while another extract holds the lock
# A lock held while its file names no owner (an older cooptool, or a worker of one) is stale after this.
ANONYMOUS_STALE_AFTER = 2.0


def close_inherited() -> None:
    """In a forked worker: close the parent's lock and store descriptors (the parent keeps its own)."""
    for fd in list(HELD_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    HELD_FDS.clear()


def _open_own_file(path: Path | str, flags: int, mode: int = 0o644) -> int:
    """Open a file cooptool writes beside a store (lock, `.dropped`), never through a symlink and
    never anything but a regular file."""
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(f"{path}: is a symbolic link; not writing through it (move it away and rerun)") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise StoreError(f"{path}: is not a regular file; not writing to it (move it away and rerun)")
    return fd


def _process_start(pid: int) -> str:
    """The start time of a process (Linux /proc), to tell a live owner from a reused pid; "" elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def _owner_token() -> bytes:
    pid = os.getpid()
    return f"{pid} {_process_start(pid)}\n".encode()


def _owner(fd: int) -> tuple[int, str] | None:
    try:
        data = os.pread(fd, 100, 0).split()
        return int(data[0]), (data[1].decode() if len(data) > 1 else "")
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int, start: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return not start or _process_start(pid) in ("", start)


def _same_file(fd: int, path: str) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _take_over(lock_path: str, stale_fd: int) -> int | None:
    """Replace a lock file held by no live extract with a fresh one we hold; None when someone
    else changed it first. A guard lock makes two takers agree."""
    guard = _open_own_file(lock_path + ".takeover", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(guard, fcntl.LOCK_EX)
        # A new holder writes its name just after it locks: give it that moment, then look again.
        time.sleep(4 * LOCK_POLL)
        if not _same_file(stale_fd, lock_path):
            return None
        owner = _owner(stale_fd)
        if owner is not None and _alive(*owner):
            return None
        try:
            fcntl.flock(stale_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass
        else:  # released meanwhile: not stale after all; the caller takes it the ordinary way
            fcntl.flock(stale_fd, fcntl.LOCK_UN)
            return None
        directory = os.path.dirname(lock_path) or "."
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(lock_path) + ".", dir=directory)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, _owner_token())
            os.chmod(tmp, 0o644)
            os.replace(tmp, lock_path)
        except BaseException:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            raise
        return fd
    finally:
        os.close(guard)


def lock_path_of(path: Path | str) -> str:
    """The writers' lock of a store: beside its resolved real file."""
    return os.path.realpath(path) + ".lock"


def _lock(path: Path, on_wait: Callable[[], None] | None, on_notice: Callable[[str], None] | None = None) -> int:
    """An exclusive lock on the store (`realpath(STORE).lock`), waiting while a live extract holds it.

    The lock file names its owner (pid and start time). A lock held while its owner is gone (a
    forked worker of an older cooptool kept it open) is stale: it is taken over, with a notice."""
    lock_path = lock_path_of(path)
    waited = False
    anonymous_since: float | None = None
    while True:
        fd = _open_own_file(lock_path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _owner(fd)
            stale = False
            if owner is None:
                anonymous_since = anonymous_since or time.monotonic()
                stale = time.monotonic() - anonymous_since > ANONYMOUS_STALE_AFTER
            else:
                anonymous_since = None
                stale = owner[0] != os.getpid() and not _alive(*owner)
            if stale:
                taken = _take_over(lock_path, fd)
                os.close(fd)
                if taken is not None:
                    if on_notice:
                        who = f"its owner, process {owner[0]}, has ended" if owner else "it names no owner"
                        on_notice(f"{lock_path} was held by no live extract ({who}; a leftover worker kept it "
                                  "open); taken over")
                    HELD_FDS.add(taken)
                    return taken
                continue
            os.close(fd)
            if not waited and on_wait:
                on_wait()
            waited = True
            time.sleep(LOCK_POLL)
            continue
        except BaseException:
            os.close(fd)
            raise
        if not _same_file(fd, lock_path):  # replaced by a takeover meanwhile: try the new one
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.pwrite(fd, _owner_token(), 0)
        HELD_FDS.add(fd)
        return fd


def _unlock(lock_fd: int) -> None:
    HELD_FDS.discard(lock_fd)
    try:
        os.ftruncate(lock_fd, 0)
    except OSError:
        pass
    fcntl.flock(lock_fd, fcntl.LOCK_UN)
    os.close(lock_fd)


def repair_store(path: Path, *, on_wait: Callable[[], None] | None = None,
                 on_notice: Callable[[str], None] | None = None) -> Repair:
    """Cut a store back to its last whole document block (under the writers' lock).

    Drops a truncated last line and an unfinished block; refuses a file with no whole block
    at all whose tail is not an interrupted write (it may not be a store)."""
    path = Path(os.path.realpath(path))
    lock_fd = _lock(path, on_wait, on_notice)
    try:
        fd = os.open(path, os.O_RDWR)
        try:
            return _tail_repair(fd, path, force=True)
        finally:
            os.close(fd)
    finally:
        _unlock(lock_fd)


class StoreWriter:
    """Appends whole document blocks to a store, holding an exclusive lock while open.

    Two `cooptool extract` processes on one store are serialised by the lock (`on_wait` is
    called when another holds it); the second one sees the first one's documents and skips
    them. Opening cuts off an interrupted block left by a killed run (`repaired`). Blocks are
    written with one write() each and fsync'ed every `sync_every` blocks and on close; a failed
    write (disk full) is undone so the store stays whole.
    """

    def __init__(self, path: Path, *, on_wait: Callable[[], None] | None = None, sync_every: int = 32,
                 on_notice: Callable[[str], None] | None = None):
        # Lock, index and writes belong to the real file: writers reaching one store through
        # different paths (a symlink, another folder's link) are serialised by one lock.
        self.path = Path(os.path.realpath(path))
        self.on_wait = on_wait
        self.on_notice = on_notice
        self.sync_every = sync_every
        self.fd: int | None = None
        self.lock_fd: int | None = None
        self.repaired = Repair()
        self.known: set[str] = set()
        self._unsynced = 0

    @property
    def repaired_bytes(self) -> int:
        return self.repaired.dropped_bytes

    def __enter__(self) -> StoreWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock_fd = _lock(self.path, self.on_wait, self.on_notice)
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o644)
            HELD_FDS.add(self.fd)
            if not stat.S_ISREG(os.fstat(self.fd).st_mode):
                raise StoreError(f"{self.path}: is not a regular file, so not a store")
            self.repaired = _tail_repair(self.fd, self.path, force=False)
            self.known = stored_doc_ids(self.path)
        except BaseException:
            self.__exit__()
            raise
        return self

    def write_block(self, records: list[dict]) -> None:
        """One write() for the whole block: a kill leaves either all of it or a cut-off tail."""
        assert self.fd is not None
        data = b"".join(dumps(r) for r in records)
        before = os.fstat(self.fd).st_size
        view = memoryview(data)
        try:
            while view:
                n = os.write(self.fd, view)
                view = view[n:]
        except OSError:
            os.ftruncate(self.fd, before)  # e.g. disk full: no half block left behind
            raise
        for r in records:
            if r.get("type") == "document":
                self.known.add(r["doc"])
        self._unsynced += 1
        if self._unsynced >= self.sync_every:
            self.sync()

    def sync(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)
            self._unsynced = 0

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            try:
                os.fsync(self.fd)
            finally:
                HELD_FDS.discard(self.fd)
                os.close(self.fd)
                self.fd = None
        if self.lock_fd is not None:
            _unlock(self.lock_fd)
            self.lock_fd = None
