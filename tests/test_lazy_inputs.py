"""Inputs are read lazily: a JSON Lines file (or stdin) hands on each document as its line is read,
and a directory walk keeps one folder's names in memory, in the same order as before."""

from __future__ import annotations

import io
import os
import sys
import threading
from pathlib import Path

import orjson
import pytest

from cooptool.extract.readers import TEXT_SUFFIXES, read_file, read_inputs, read_stdin, walk


def _line(i: int) -> bytes:
    return orjson.dumps({"id": f"d{i}", "text": f"Document number {i} says something."}) + b"\n"


class _Writer(threading.Thread):
    """Writes the first line, then waits (at most 20 s) until the reader has its document, then the rest."""

    def __init__(self, path, rest: int):
        super().__init__(daemon=True)
        self.path, self.rest = path, rest
        self.first_taken = threading.Event()
        self.waited_in_vain = False

    def run(self):
        with open(self.path, "wb", buffering=0) as fh:
            fh.write(_line(0))
            self.waited_in_vain = not self.first_taken.wait(20)
            for i in range(1, self.rest + 1):
                fh.write(_line(i))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_jsonl_file_hands_on_its_first_document_before_the_rest_is_written(tmp_path):
    fifo = tmp_path / "docs.jsonl"
    os.mkfifo(fifo)
    writer = _Writer(fifo, rest=3)
    writer.start()
    docs = read_file(fifo, lambda m: pytest.fail(m))
    first = next(docs)
    writer.first_taken.set()
    rest = list(docs)
    writer.join(10)
    assert not writer.waited_in_vain  # the first document came while the writer still held the rest
    assert first.meta["id"] == "d0" and first.path == f"{fifo}#d0"
    assert [d.meta["id"] for d in rest] == ["d1", "d2", "d3"]


def test_stdin_jsonl_is_streamed_too(monkeypatch):
    r, w = os.pipe()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(os.fdopen(r, "rb")))
    writer = _Writer(w, rest=2)
    writer.start()
    docs = read_stdin(lambda m: pytest.fail(m))
    assert next(docs).text == "Document number 0 says something."
    writer.first_taken.set()
    assert [d.text for d in docs] == ["Document number 1 says something.", "Document number 2 says something."]
    writer.join(10)
    assert not writer.waited_in_vain


def test_jsonl_lines_keep_their_numbers_bom_and_bad_bytes(tmp_path):
    f = tmp_path / "docs.jsonl"
    bad = '{"id": "b", "text": "caf\u00e9 au lait"}\n'.encode("cp1252")
    f.write_bytes(b"\xef\xbb\xbf" + _line(1) + b"\n" + bad + b"not json\n" + '{"text": "na\u00efve"}'.encode())
    warnings: list[str] = []
    docs = list(read_file(f, warnings.append))
    assert [d.text for d in docs] == ["Document number 1 says something.", "caf\u00e9 au lait", "na\u00efve"]
    assert docs[2].path == f"{f}#5"  # line numbers count the blank line; the last line has no newline
    offset = 3 + len(_line(1)) + 1 + bad.index(b"\xe9")
    assert warnings[0] == f"{f}:3: not valid UTF-8 (byte {offset}); read as cp1252/Latin-1"
    assert warnings[1].startswith(f"{f}:4: not valid JSON (") and warnings[1].endswith("); line skipped")
    assert len(warnings) == 2


def test_binary_and_utf16_jsonl(tmp_path):
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x00\x01" * 100)
    warnings: list[str] = []
    assert list(read_file(binary, warnings.append)) == []
    assert warnings == [f"{binary}: binary file; skipped"]
    utf16 = tmp_path / "u.jsonl"
    utf16.write_bytes('{"text": "one"}\n{"text": "two"}\n'.encode("utf-16"))
    assert [d.text for d in read_file(utf16, pytest.fail)] == ["one", "two"]


def _old_walk(directory: Path):
    for p in sorted(directory.rglob("*")):
        if any(part.startswith(".") for part in p.relative_to(directory).parts):
            continue
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES:
            yield p


def test_walk_keeps_the_sorted_path_order(tmp_path):
    for rel in ["a.txt", "a/z.txt", "a/b/c.md", "a-b.txt", "a b.txt", "A.txt", "a.txt.d/x.txt", ".h/x.txt",
                "b/.x.txt", "b/y", "b/y.pdf", "Z/1.html", "\u00e9.txt", "a0/q.txt", "b/\u00e4/x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "link")  # a link to a folder is not followed
    os.symlink(tmp_path / "a.txt", tmp_path / "f.txt")  # a link to a file is read
    got = [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path)]
    assert got == [p.relative_to(tmp_path).as_posix() for p in _old_walk(tmp_path)]
    assert got == ["A.txt", "Z/1.html", "a/b/c.md", "a/z.txt", "a b.txt", "a-b.txt", "a.txt", "a.txt.d/x.txt",
                   "a0/q.txt", "b/y", "b/\u00e4/x.txt", "f.txt", "\u00e9.txt"]
    assert [d.path for d in read_inputs([str(tmp_path / "a")])] == [str(tmp_path / "a/b/c.md"),
                                                                    str(tmp_path / "a/z.txt")]
