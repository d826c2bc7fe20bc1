"""Readers: files, directories, JSON Lines of documents and stdin, into `SourceDoc`s.

Problems never stop a batch: each bad input is reported to the `warn` callback as a `ReadIssue`
(the file, the line for JSON Lines, the reason, and what became of the input) and the reader moves
on. An issue whose `skipped` is true means input was not read (the CLI counts those for its exit
status); others are notes. A `ReadIssue` is also its message (a `str`), for callers that only print.

Size limit: a document longer than `max_chars` characters (default spaCy's own limit,
1,000,000) is skipped, and a file larger than `READ_LIMIT_FACTOR * max_chars` bytes is refused
before it is read, so memory stays bounded (JSON Lines files excepted: their limit is per line).
"""

from __future__ import annotations

import os
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from cooptool.extract.records import doc_id

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

STDIN = "<stdin>"
SKIPPED = "skipped"
LINE_SKIPPED = "line skipped"
OWN_FILE = "written by this extract (its store, index, lock or .dropped copy); not read as input"


class ReadIssue(str):
    """A problem with one input: where (`path`, `line` of a JSON Lines input or of a bad byte),
    `reason`, and `outcome`: None for a note (the input was read), else what was not read
    ("skipped", "line skipped", "the rest of the file skipped"). Its string is the message
    "path[:line]: reason[; outcome]"."""

    path: str
    line: int | None
    reason: str
    outcome: str | None

    def __new__(cls, path: str | None, reason: str, *, line: int | None = None,
                outcome: str | None = None) -> ReadIssue:
        where = f"{path}:{line}" if line is not None else f"{path}"
        self = super().__new__(cls, f"{where}: {reason}" + (f"; {outcome}" if outcome else ""))
        self.path, self.line, self.reason, self.outcome = path or "", line, reason, outcome
        return self

    @property
    def skipped(self) -> bool:
        """Input was not read (a file, a line, the rest of a file)."""
        return self.outcome is not None

    def __reduce__(self):  # picklable (a Dask worker may report one)
        return (_issue, (self.path, self.reason, self.line, self.outcome))


def _issue(path: str, reason: str, line: int | None, outcome: str | None) -> ReadIssue:
    return ReadIssue(path, reason, line=line, outcome=outcome)


Warn = Callable[[ReadIssue], None]

DEFAULT_MAX_CHARS = 1_000_000
READ_LIMIT_FACTOR = 10  # bytes per character allowed in a file: room for HTML markup


@dataclass
class SourceDoc:
    text: str
    path: str | None
    meta: dict = field(default_factory=dict)  # title/published/source/author/url given by the input

    @property
    def id(self) -> str:
        return doc_id(self.text)


def _stderr_warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


# Signatures of binary formats that can pass for text in their first bytes (no NUL early on).
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh",
                 b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"OggS", b"ID3", b"RIFF")
_CONTROL = bytes(i for i in range(32) if i not in (9, 10, 12, 13))
# Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def display_name(path) -> str:
    """A file name fit for messages and records: bytes that are not UTF-8 (a Latin-1 name on a UTF-8
    system, `bad\xff\xfename.txt`) are shown as `\xff` escapes instead of breaking the output."""
    text = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def sniff_encoding(data: bytes) -> tuple[str | None, int]:
    """(encoding, BOM length) from a byte order mark, or UTF-16 without one (ASCII-range text has a
    zero byte in every other position); (None, 0) otherwise."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    head = data[:8192]
    pairs = len(head) // 2
    if pairs >= 8:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd >= 0.4 * pairs and even == 0:
            return "utf-16-le", 0
        if even >= 0.4 * pairs and odd == 0:
            return "utf-16-be", 0
    return None, 0


def binary_reason(data: bytes) -> str | None:
    """Why the bytes are not text ("binary file", or where its NUL byte is), None for text.
    A NUL byte anywhere makes a file binary (not only in its first 8 KB), unless the file is
    UTF-16 or UTF-32, where zero bytes are part of the characters."""
    enc, _ = sniff_encoding(data)
    if enc and enc != "utf-8":
        return None
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return "binary file"
    nul = data.find(b"\x00")
    if nul != -1:
        return f"NUL byte at byte {nul}: binary file"
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if head and controls / len(head) > 0.05:
        return "binary file"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary signature, or many control characters (UTF-16/32 is text)."""
    return binary_reason(data) is not None


_LATIN_ENCODINGS = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp850", "cp437",
                    "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16",
                    "cp1254", "cp1257", "mac_latin2", "ascii", "utf_8"}


def _legacy(data: bytes) -> tuple[str, str]:
    """(text, encoding) of bytes that are not UTF-8: a non-Latin legacy encoding (GB18030, Big5,
    Shift-JIS, cp1251, ...) when charset-normalizer finds one whose text is mostly non-Latin
    letters, else cp1252 (Latin-1 for its five undefined bytes)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # detection is a bonus; cp1252 is the Western default
        best = None
    if best is not None and best.encoding not in _LATIN_ENCODINGS:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            high = [c for c in text if ord(c) > 127 and c.isalpha()]
            non_latin = sum(1 for c in high if not unicodedata.name(c, "LATIN").startswith("LATIN"))
            if len(high) >= 8 and non_latin >= 0.6 * len(high):
                return text, best.encoding
    try:
        return data.decode("cp1252"), "cp1252/Latin-1"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "cp1252/Latin-1"


def decode(data: bytes, name: str, warn: Warn) -> str:
    """Text of a file's bytes: every Unicode BOM (UTF-8, UTF-16 and UTF-32, both byte orders), UTF-16
    without a BOM, UTF-8 (a few bad bytes, or a character cut off at the end, are replaced, with a
    note), else a legacy encoding (cp1252/Latin-1, or one charset-normalizer recognises) with a note."""
    enc, bom = sniff_encoding(data)
    if enc == "utf-32-le" and (len(data) % 4 or len(data) == 4):
        enc, bom = "utf-16-le", 2  # FF FE 00 00 is also UTF-16 (LE) beginning with U+0000
    if enc and enc != "utf-8":
        try:
            return data[bom:].decode(enc)
        except UnicodeDecodeError as exc:  # a cut-off or damaged UTF-16/32 file: keep what decodes
            label = enc.split("-")[0].upper() + "-" + enc.split("-")[1]
            warn(ReadIssue(name, f"not valid {label} (byte {exc.start + bom}); damaged characters replaced"))
            return data[bom:].decode(enc, errors="replace")
    body = data[bom:]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start + bom
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.count("\xef\xbf\xbd".encode("latin-1"))
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    line = data.count(b"\n", 0, first) + 1
    cut_at_end = body[first - bom:].decode("utf-8", errors="ignore") == "" and len(body) - (first - bom) < 4
    if cut_at_end:
        warn(ReadIssue(name, f"ends in a cut-off UTF-8 character (byte {first}); replaced", line=line))
        return text
    if good and bad <= good:
        warn(ReadIssue(name, f"not valid UTF-8 (byte {first}); {bad} bad byte sequence(s) replaced", line=line))
        return text
    text, used = _legacy(data)
    warn(ReadIssue(name, f"not valid UTF-8 (byte {first}); read as {used}", line=line))
    return text


def html_to_doc(html: str, path: str | None) -> SourceDoc:
    """Main text and metadata of a web page (trafilatura); page chrome is dropped."""
    import trafilatura  # imported lazily: only HTML inputs pay for it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    # One paragraph per line from trafilatura; blank lines between them, as in a text article.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    meta: dict = {}
    try:
        md = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a bonus; a page without it is still read
        md = None
    if md is not None:
        for key in ("title", "author", "date", "sitename", "url"):
            val = getattr(md, key, None)
            if val:
                meta[{"date": "published", "sitename": "source"}.get(key, key)] = val
    if meta.get("title") and not text.startswith(meta["title"]):
        text = f"{meta['title']}\n\n{text}"
    return SourceDoc(text=text, path=path, meta=meta)


class _TooLong:
    pass


class _Endless:
    pass


# An overlong JSON Lines line is read past up to this many times the line limit; beyond, the input ends.
OVERLONG_FACTOR = 4


class _Binary:
    def __init__(self, offset: int):
        self.offset = offset


def _bounded_lines(fh, limit: int) -> Iterator[bytes | _TooLong | _Binary]:
    """Lines of a byte stream, none held longer than `limit` bytes: an overlong line is read past in
    chunks (and reported as _TooLong); NUL bytes in a line that is read past end the stream (_Binary):
    `/dev/zero` or a binary file behind a `.jsonl` name is never read to its end."""
    pos = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            pos += len(line)
            yield line
            continue
        nul = line.find(b"\x00")
        if nul != -1:
            yield _Binary(pos + nul)
            return
        pos += len(line)
        start = pos
        while not line.endswith(b"\n"):
            if pos - start > OVERLONG_FACTOR * limit:
                yield _Endless()  # a stream with no line end in sight (a device, an endless pipe)
                return
            line = fh.readline(1 << 20)
            if not line:
                break
            nul = line.find(b"\x00")
            if nul != -1:
                yield _Binary(pos + nul)
                return
            pos += len(line)
        yield _TooLong()


class _Prefixed:
    """A byte stream with bytes already read put back in front of it (readline only)."""

    def __init__(self, head: bytes, fh):
        self.head = head
        self.fh = fh

    def readline(self, size: int) -> bytes:
        if not self.head:
            return self.fh.readline(size)
        nl = self.head.find(b"\n", 0, size)
        if nl != -1 or len(self.head) >= size:
            cut = nl + 1 if nl != -1 else size
            line, self.head = self.head[:cut], self.head[cut:]
            return line
        line, self.head = self.head, b""
        return line + self.fh.readline(size - len(line))


META_FIELDS = ("title", "published", "source", "author", "url", "id")


def _coerce_meta(obj: dict) -> tuple[dict, list[str]]:
    """The metadata of a document line as strings, and a note for each value that was not one:
    numbers become their digits, a list of strings is joined, anything else is ignored."""
    meta: dict = {}
    notes: list[str] = []
    for key in META_FIELDS:
        value = obj.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            meta[key] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            meta[key] = str(value)
            notes.append(f'"{key}" is a number, read as "{meta[key]}"')
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            meta[key] = ", ".join(v for v in value if v)
            notes.append(f'"{key}" is a list, read as "{meta[key][:60]}"')
        else:
            kind = {bool: "true/false", dict: "an object", list: "a list"}.get(type(value), type(value).__name__)
            notes.append(f'"{key}" is {kind}, not a string; ignored')
    return meta, notes


def _parse_line(line: bytes | str, name: str, lineno: int, start: int, warn: Warn) -> tuple[object, str | None]:
    """(the JSON value of a line, None) or (None, why it is not JSON). A line that is not UTF-8 is
    read again as cp1252/Latin-1 (no UTF-8 at all in it) or with its bad bytes replaced, with a note."""
    try:
        return orjson.loads(line), None
    except orjson.JSONDecodeError as exc:
        message = exc.msg
    if not isinstance(line, bytes):
        return None, message
    try:
        line.decode("utf-8")
        return None, message
    except UnicodeDecodeError as bad:
        replaced = line.decode("utf-8", errors="replace")
        if all(ord(ch) < 128 or ch == "\ufffd" for ch in replaced):
            # No UTF-8 at all in it: a line in a legacy single-byte encoding ("caf\xe9").
            warn(ReadIssue(name, f"not valid UTF-8 (byte {start + bad.start}); read as cp1252/Latin-1", line=lineno))
            try:
                decoded = line.decode("cp1252")
            except UnicodeDecodeError:
                decoded = line.decode("latin-1")
        else:
            # UTF-8 with a few bad bytes: they are replaced, so the line's document is still read.
            warn(ReadIssue(name, f"not valid UTF-8 (byte {bad.start} of the line); bad bytes replaced", line=lineno))
            decoded = replaced
    try:
        return orjson.loads(decoded), None
    except orjson.JSONDecodeError as exc:
        return None, exc.msg


def jsonl_docs(lines: Iterable, name: str, warn: Warn, *, limit: int | None = None) -> Iterator[SourceDoc]:
    """Documents given as JSON Lines: {"id", "text", optional title/published/source/author/url}.
    Metadata that is not a string is coerced (numbers, lists of strings) or ignored, with a note."""
    pos = 0  # byte offset of the line in the input, for messages
    for lineno, line in enumerate(lines, 1):
        start, pos = pos, pos + (len(line) if isinstance(line, bytes) else 0)
        if lineno == 1 and isinstance(line, bytes) and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 BOM before the first document
            start += 3
        if isinstance(line, _TooLong):
            warn(ReadIssue(name, f"a line longer than {limit:,} bytes, the line limit for --max-chars "
                           f"{(limit or 0) // READ_LIMIT_FACTOR}", line=lineno, outcome=LINE_SKIPPED))
            continue
        if isinstance(line, _Endless):
            warn(ReadIssue(name, f"a line longer than {OVERLONG_FACTOR + 1} x {limit:,} bytes with no end",
                           line=lineno, outcome="the rest of the input skipped"))
            return
        if isinstance(line, _Binary):
            warn(ReadIssue(name, f"NUL byte at byte {line.offset}: binary data", line=lineno,
                           outcome="the rest of the file skipped"))
            return
        if not line.strip():
            continue
        obj, message = _parse_line(line, name, lineno, start, warn)
        if message is not None:
            warn(ReadIssue(name, f"not valid JSON ({message})", line=lineno, outcome=LINE_SKIPPED))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            warn(ReadIssue(name, 'a document line needs a string "text"', line=lineno, outcome=LINE_SKIPPED))
            continue
        meta, notes = _coerce_meta(obj)
        if notes:
            warn(ReadIssue(name, "; ".join(notes), line=lineno))
        yield SourceDoc(text=obj["text"], path=f"{name}#{meta.get('id', lineno)}", meta=meta)


class OwnFiles:
    """The files an extract writes (its store, index, lock, `.dropped` copy): never read as input,
    whatever path names them (a symlink, another folder's link, a relative path)."""

    SUFFIXES = ("", ".idx", ".lock", ".dropped", ".lock.takeover")

    def __init__(self, paths: Iterable[str]):
        self.names = set(paths)
        self.inodes = set()
        for p in self.names:
            try:
                st = os.stat(p)
            except OSError:
                continue
            self.inodes.add((st.st_dev, st.st_ino))

    @classmethod
    def of_store(cls, store) -> OwnFiles:
        real = os.path.realpath(store)
        return cls(real + suffix for suffix in cls.SUFFIXES)

    def __contains__(self, path) -> bool:
        if os.path.realpath(path) in self.names:
            return True
        try:
            st = os.stat(path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) in self.inodes


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    ctrl = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return len(sample) >= 64 and ctrl > len(sample) // 10


def read_file(path: Path, warn: Warn = _stderr_warn, max_bytes: int | None = None) -> Iterator[SourceDoc]:
    name = display_name(path)
    suffix = path.suffix.lower()
    jsonl = suffix in JSONL_SUFFIXES
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        warn(ReadIssue(name, "vanished before it could be read (no such file)", outcome=SKIPPED))
        return
    except OSError as exc:
        warn(ReadIssue(name, f"cannot read ({exc.strerror or exc})", outcome=SKIPPED))
        return
    with fh:
        mode = os.fstat(fh.fileno()).st_mode
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            warn(ReadIssue(name, "a device, not a file", outcome=SKIPPED))
            return
        limit = max_bytes
        try:
            if jsonl:
                head = fh.read1(4096)  # what is there: a pipe's first line goes on before more comes
                enc, _ = sniff_encoding(head)
                if not (enc and enc != "utf-8"):
                    reason = binary_reason(head) if head[:4096].find(b"\x00") != -1 or head.startswith(
                        _BINARY_MAGIC) else None
                    if reason:
                        warn(ReadIssue(name, reason, outcome=SKIPPED))
                        return
                    # Streamed line by line: the limit is per line (per document), not per file.
                    lines = _bounded_lines(_Prefixed(head, fh), limit or (1 << 62))
                    yield from jsonl_docs(lines, name, warn, limit=limit)
                    return
                data = head + (fh.read() if limit is None else fh.read(limit + 1 - len(head)))
            else:
                data = fh.read() if limit is None else fh.read(limit + 1)  # capped: safe on pipes
        except OSError as exc:
            warn(ReadIssue(name, f"cannot read ({exc.strerror or exc})", outcome=SKIPPED))
            return
    if limit is not None and len(data) > limit:
        warn(ReadIssue(name, f"larger than {limit:,} bytes, the input limit for --max-chars "
                       f"{limit // READ_LIMIT_FACTOR}", outcome=SKIPPED))
        return
    reason = binary_reason(data)
    if reason:
        warn(ReadIssue(name, reason, outcome=SKIPPED))
        return
    text = decode(data, name, warn)
    if _mostly_control(text):
        warn(ReadIssue(name, "binary file", outcome=SKIPPED))  # "decoded" as UTF-16 with no BOM, it is still no text
        return
    if jsonl:
        yield from jsonl_docs(text.encode("utf-8").splitlines(), name, warn, limit=limit)
    elif suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        yield html_to_doc(text, name)
    else:
        yield SourceDoc(text=text, path=name)


_HEAD = 8192  # bytes looked at before deciding how to read a stream (binary? UTF-16? JSON Lines?)
_UTF8_BOM = b"\xef\xbb\xbf"


def walk(directory: Path) -> Iterator[Path]:
    """Text-like files under a directory, in sorted path order, skipping hidden files and folders.

    The same order as `sorted(directory.rglob("*"))`, but one directory's names in memory at a time
    (a folder of a million files is listed, not turned into a million paths), and the first file
    comes at once. Symbolic links to folders are not followed (as rglob).
    """
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        if name.startswith("."):
            continue
        p = directory / name
        if p.is_dir() and not p.is_symlink():
            yield from walk(p)
        elif p.suffix.lower() in TEXT_SUFFIXES and (p.is_file() or not os.path.lexists(p)):
            yield p  # a file that vanishes before it is read is still yielded, so the reader reports it


def read_stdin(warn: Warn = _stderr_warn, max_bytes: int | None = None) -> Iterator[SourceDoc]:
    """stdin as one text document, or as JSON Lines documents when it starts with "{". Reads are
    bounded: a text over `max_bytes` and any line over `max_bytes` are refused (`< /dev/zero`)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        warn(ReadIssue(STDIN, "closed; nothing read", outcome=SKIPPED))
        return
    limit = max_bytes
    head = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
    enc, bom = sniff_encoding(head)
    if not (enc and enc != "utf-8") and head[bom:].lstrip()[:1] == b"{":
        lines = _bounded_lines(_Prefixed(head, stream), limit or (1 << 62))
        yield from jsonl_docs(lines, STDIN, warn, limit=limit)
        return
    reason = binary_reason(head)
    if reason:
        warn(ReadIssue(STDIN, reason.replace("binary file", "binary input"), outcome=SKIPPED))
        return
    data = head + (stream.read() if limit is None else stream.read(max(0, limit + 1 - len(head))))
    if limit is not None and len(data) > limit:
        warn(ReadIssue(STDIN, f"more than {limit:,} bytes, the input limit for --max-chars "
                       f"{limit // READ_LIMIT_FACTOR}", outcome=SKIPPED))
        return
    reason = binary_reason(data)
    if reason:
        warn(ReadIssue(STDIN, reason.replace("binary file", "binary input"), outcome=SKIPPED))
        return
    text = decode(data, STDIN, warn)
    if text.lstrip().startswith("{"):
        yield from jsonl_docs(text.encode("utf-8").splitlines(), STDIN, warn, limit=limit)
    else:
        yield SourceDoc(text=text, path=STDIN)


def read_inputs(paths: Iterable[str], warn: Warn = _stderr_warn, *,
                max_chars: int = DEFAULT_MAX_CHARS, exclude: OwnFiles | None = None) -> Iterator[SourceDoc]:
    """Every document under the given paths ('-' is stdin), in a stable order. An empty document is
    noted and still yields a document (with no facts); one over `max_chars` characters is skipped.
    Files in `exclude` (what this extract writes) are never read."""
    for doc in _read_paths(paths, warn, max_chars * READ_LIMIT_FACTOR, exclude):
        if not doc.text.strip():
            warn(ReadIssue(doc.path, "no text; stored as an empty document"))
            yield doc
        elif len(doc.text) > max_chars:
            warn(ReadIssue(doc.path, f"{len(doc.text):,} characters, more than --max-chars {max_chars}", outcome=SKIPPED))
        else:
            yield doc


def _read_paths(paths: Iterable[str], warn: Warn, max_bytes: int, exclude: OwnFiles | None) -> Iterator[SourceDoc]:
    for raw in paths:
        if raw == "-":
            yield from read_stdin(warn, max_bytes)
            continue
        p = Path(raw)
        shown = display_name(raw)
        if p.is_dir():
            found = False
            for f in walk(p):
                if exclude is not None and f in exclude:
                    warn(ReadIssue(display_name(f), OWN_FILE))
                    continue
                found = True
                yield from read_file(f, warn, max_bytes)
            if not found:
                warn(ReadIssue(shown, "no readable documents in this directory", outcome=SKIPPED))
        elif exclude is not None and p in exclude:
            warn(ReadIssue(shown, OWN_FILE, outcome=SKIPPED))
        elif p.exists() or p.is_fifo():
            yield from read_file(p, warn, max_bytes)
        elif os.path.lexists(p):
            warn(ReadIssue(shown, "a broken symbolic link", outcome=SKIPPED))
        else:
            warn(ReadIssue(shown, "no such file or directory", outcome=SKIPPED))
