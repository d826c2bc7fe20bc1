"""Readers: files, directories, JSON Lines of documents and stdin, into `SourceDoc`s.

Problems never stop a batch: each bad input is reported through `on_warning` with the file
(and line, for JSON Lines) and the reader moves on. A message ending in "skipped" means input
was not read (the CLI counts those for its exit status); others are notes.

Size limit: a document longer than `max_chars` characters (default spaCy's own limit,
1,000,000) is skipped, and a file larger than `READ_LIMIT_FACTOR * max_chars` bytes is refused
before it is read, so memory stays bounded (JSON Lines files excepted: their limit is per line).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson

from cooptool.extract.records import doc_id

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

Warn = Callable[[str], None]

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


def looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary signature, or many control characters (UTF-16 with BOM is text)."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM
    if b"\x00" in head or head.startswith(_BINARY_MAGIC):
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes, name: str, warn: Warn) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else cp1252/Latin-1 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # a cut-off or damaged UTF-16 file: keep what decodes
            warn(f"{name}: not valid UTF-16 (byte {exc.start}); damaged characters replaced")
            return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        warn(f"{name}:{line}: not valid UTF-8 (byte {exc.start}); read as cp1252/Latin-1")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


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


def jsonl_docs(lines: Iterable[bytes], name: str, warn: Warn) -> Iterator[SourceDoc]:
    """Documents given as JSON Lines: {"id", "text", optional title/published/source/author/url}."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            warn(f"{name}:{lineno}: not valid JSON ({exc.msg}); line skipped")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            warn(f"{name}:{lineno}: a document line needs a string \"text\"; line skipped")
            continue
        meta = {k: obj[k] for k in ("title", "published", "source", "author", "url", "id") if obj.get(k)}
        yield SourceDoc(text=obj["text"], path=f"{name}#{obj.get('id', lineno)}", meta=meta)


def read_file(path: Path, warn: Warn = _stderr_warn, max_bytes: int | None = None) -> Iterator[SourceDoc]:
    name = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, warn)
        return
    limit = max_bytes
    try:
        with open(path, "rb") as fh:  # capped read: also safe on devices and pipes
            data = fh.read() if limit is None else fh.read(limit + 1)
    except OSError as exc:
        warn(f"{name}: cannot read ({exc.strerror or exc}); skipped")
        return
    if limit is not None and len(data) > limit:
        warn(f"{name}: larger than {limit:,} bytes, the input limit for --max-chars "
             f"{limit // READ_LIMIT_FACTOR}; skipped")
        return
    if looks_binary(data):
        warn(f"{name}: binary file; skipped")
        return
    text = decode(data, name, warn)
    if path.suffix.lower() in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        yield html_to_doc(text, name)
    else:
        yield SourceDoc(text=text, path=name)


_HEAD = 8192  # bytes looked at before deciding how to read a stream (binary? UTF-16? JSON Lines?)
_UTF8_BOM = b"\xef\xbb\xbf"


def _read_jsonl_file(path: Path, warn: Warn) -> Iterator[SourceDoc]:
    """A JSON Lines file of documents, read one line at a time (a 10-million-line file never sits
    in memory; each document is handed on as soon as its line is read)."""
    name = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        warn(f"{name}: cannot read ({exc.strerror or exc}); skipped")
        return
    with fh:
        try:
            head = fh.read1(_HEAD)  # what is there: a pipe's first line is handed on before more comes
            if looks_binary(head):
                warn(f"{name}: binary file; skipped")
                return
            yield from _jsonl_stream(head, fh, name, warn)
        except OSError as exc:
            warn(f"{name}: read error ({exc.strerror or exc}); the rest of the file skipped")


def _jsonl_stream(head: bytes, fh: BinaryIO, name: str, warn: Warn) -> Iterator[SourceDoc]:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decoded whole (rare for JSON Lines)
        text = decode(head + fh.read(), name, warn)
        yield from jsonl_docs(text.encode("utf-8").splitlines(), name, warn)
        return
    yield from jsonl_docs(_utf8_lines(_stream_lines(head, fh), name, warn), name, warn)


def _stream_lines(head: bytes, fh: BinaryIO) -> Iterator[bytes]:
    """The lines of `head` followed by the rest of `fh`, one at a time (newlines kept)."""
    parts = head.split(b"\n")
    tail = parts.pop()  # the unfinished last line of the head, maybe b""
    for part in parts:
        yield part + b"\n"
    for line in fh:
        if tail:
            line, tail = tail + line, b""
        yield line
    if tail:
        yield tail


def _utf8_lines(lines: Iterable[bytes], name: str, warn: Warn) -> Iterator[bytes]:
    """Lines as UTF-8: a leading BOM dropped; a line that is not UTF-8 read as cp1252/Latin-1 (the
    first such line is named in a warning)."""
    offset = 0  # of the line in the stream, for the warning
    warned = False
    for lineno, raw in enumerate(lines, 1):
        skip = len(_UTF8_BOM) if lineno == 1 and raw.startswith(_UTF8_BOM) else 0
        line = raw[skip:]
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not warned:
                warn(f"{name}:{lineno}: not valid UTF-8 (byte {offset + skip + exc.start}); read as cp1252/Latin-1")
                warned = True
            try:
                line = line.decode("cp1252").encode("utf-8")
            except UnicodeDecodeError:
                line = line.decode("latin-1").encode("utf-8")
        offset += len(raw)
        yield line


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
        elif p.suffix.lower() in TEXT_SUFFIXES and p.is_file():
            yield p


def read_stdin(warn: Warn = _stderr_warn) -> Iterator[SourceDoc]:
    stream = sys.stdin.buffer
    head = stream.read1(_HEAD)
    while head.isspace() and (more := stream.read1(_HEAD)):  # decide on the first non-blank bytes
        head += more
    body = head[len(_UTF8_BOM):] if head.startswith(_UTF8_BOM) else head
    if body.lstrip().startswith(b"{") and not looks_binary(head):  # JSON Lines: streamed, line by line
        yield from _jsonl_stream(head, stream, "<stdin>", warn)
        return
    data = head + stream.read()
    if looks_binary(data):
        warn("<stdin>: binary input; skipped")
        return
    text = decode(data, "<stdin>", warn)
    if text.lstrip().startswith("{"):  # UTF-16 JSON Lines
        yield from jsonl_docs(text.encode("utf-8").splitlines(), "<stdin>", warn)
    else:
        yield SourceDoc(text=text, path="<stdin>")


def read_inputs(paths: Iterable[str], warn: Warn = _stderr_warn, *,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[SourceDoc]:
    """Every document under the given paths ('-' is stdin), in a stable order. An empty document is
    noted and still yields a document (with no facts); one over `max_chars` characters is skipped."""
    for doc in _read_paths(paths, warn, max_chars * READ_LIMIT_FACTOR):
        if not doc.text.strip():
            warn(f"{doc.path}: no text; stored as an empty document")
            yield doc
        elif len(doc.text) > max_chars:
            warn(f"{doc.path}: {len(doc.text):,} characters, more than --max-chars {max_chars}; skipped")
        else:
            yield doc


def _read_paths(paths: Iterable[str], warn: Warn, max_bytes: int) -> Iterator[SourceDoc]:
    for raw in paths:
        if raw == "-":
            yield from read_stdin(warn)
            continue
        p = Path(raw)
        if p.is_dir():
            found = False
            for f in walk(p):
                found = True
                yield from read_file(f, warn, max_bytes)
            if not found:
                warn(f"{raw}: no readable documents in this directory; skipped")
        elif p.exists():
            yield from read_file(p, warn, max_bytes)
        else:
            warn(f"{raw}: no such file or directory; skipped")
