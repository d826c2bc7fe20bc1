"""Reliability II, in the style of test_matrix.py: the self-verifying index, locks and processes,
inputs of every type, output and environment errors.

Every case checks the promises separately: no traceback, the documented exit status, a one-line
message naming the file (and line), nothing lost or duplicated, and `check` agreeing with queries.
Extraction runs on a tiny blank spaCy pipeline (tokenizer + sentencizer, built in a temporary folder):
these tests are about reading and writing, not about what the model finds.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.index import StoreIndex, index_path, update_index
from cooptool.extract.readers import OwnFiles, decode, read_inputs
from cooptool.extract.records import dumps, make
from cooptool.extract.store import StoreError, StoreWriter, lock_path_of, read_store, repair_store
from tests.articles import article


def invoke(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def one_line(result, *needles: str) -> str:
    no_traceback(result)
    (line,) = result.stderr.splitlines()
    for needle in needles:
        assert needle in line, (needle, line)
    return line


def aff(doc: str, person: str, org: str) -> dict:
    return make("affiliation", doc, person=person, role="chief executive", org=org, org_aliases=[],
                evidence=f"{person}, chief executive of {org}.", start=0, end=20, confidence=0.9, pattern="apposition")


def block(doc: str, person: str, org: str) -> list[dict]:
    return [make("entity", doc, id=f"org:{org.lower().replace(' ', '-')}", name=org, label="ORG", aliases=[],
                 mentions=[{"start": 0, "end": len(org), "text": org}]),
            make("entity", doc, id=f"person:{person.lower().replace(' ', '-')}", name=person, label="PERSON",
                 aliases=[], mentions=[{"start": 0, "end": len(person), "text": person}]),
            aff(doc, person, org),
            make("document", doc, path=f"{doc}.txt", title=f"About {org}", published=None, source=None,
                 author=None, words=5, chars=40)]


PEOPLE = [("Ana Ruiz", "Solenne Power"), ("Tom Bell", "Kestrel Bank"), ("Mara Okafor", "Harbor Logistics"),
          ("Piet Janssen", "Veltro Motors"), ("Lena Vogt", "Orchid Telecom"), ("Ravi Menon", "Kestrel Bank")]


def write_store(path: Path, order=None) -> Path:
    blocks = [block(f"d{i}", p, o) for i, (p, o) in enumerate(PEOPLE)]
    if order is not None:
        blocks = [blocks[i] for i in order]
    path.write_bytes(b"".join(dumps(r) for b in blocks for r in b))
    return path


def who(store: Path, *extra: str):
    return invoke("who", "--store", str(store), "--format", "jsonl", *extra)


@pytest.fixture(scope="session")
def blank_model(tmp_path_factory) -> str:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    path = tmp_path_factory.mktemp("blank") / "model"
    nlp.to_disk(path)
    return str(path)


def extract(model: str, *args: str, input: bytes | None = None):
    result = invoke("extract", *args, "--model", model, input=input)
    no_traceback(result)
    return result


def docs_of(store: Path) -> list[dict]:
    return [r for r in read_store(store) if r["type"] == "document"]


# ---- 1. the sidecar index proves itself ---------------------------------------------------------

def _cut(p: Path) -> None:
    os.truncate(p, p.stat().st_size - 8)


def _random_bytes(p: Path) -> None:
    data = bytearray(p.read_bytes())
    data[len(data) // 2: len(data) // 2 + 16] = os.urandom(16)
    p.write_bytes(bytes(data))


def _only_header(p: Path) -> None:
    p.write_bytes(p.read_bytes().split(b"\n", 1)[0] + b"\n")


INDEX_DAMAGE = {"cut off by 8 bytes": _cut, "random bytes": _random_bytes, "offsets gone": _only_header,
                "empty": lambda p: p.write_bytes(b""), "a directory": lambda p: (p.unlink(), p.mkdir())}


@pytest.mark.parametrize("case", sorted(INDEX_DAMAGE))
def test_damaged_index_is_rebuilt_with_a_notice_and_check_reports_it(tmp_path, case):
    store = write_store(tmp_path / "s.jsonl")
    clean = who(store, "--strict")
    assert clean.exit_code == 0 and len(clean.stdout.splitlines()) == len(PEOPLE)
    assert who(store).stdout == clean.stdout  # builds the index
    INDEX_DAMAGE[case](index_path(store))
    checked = invoke("check", "--store", str(store), "--format", "jsonl")
    assert checked.exit_code == 1
    (row,) = [orjson.loads(x) for x in checked.stdout.splitlines()]
    assert row["kind"] == "index" and "s.jsonl.idx" in row["message"]
    result = who(store)
    assert result.exit_code == 0 and result.stdout == clean.stdout
    if case != "a directory":  # a directory cannot be replaced by a file: the index lives in memory
        one_line(result, "notice", "s.jsonl.idx", "rebuilt")
        assert invoke("check", "--store", str(store)).exit_code == 0
        assert who(store).stderr == ""  # rebuilt once, then trusted


def test_forged_offsets_with_a_valid_checksum_are_caught_line_by_line(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    clean = who(store, "--strict").stdout
    index = update_index(store)
    # Affiliation offsets swapped for document offsets, saved with a fresh checksum and identity.
    index.offsets["affiliation"], index.offsets["document"] = index.offsets["document"], index.offsets["affiliation"]
    index.verified_ns = time.time_ns() + 10**12
    index.save(index_path(store))
    assert StoreIndex.load(index_path(store)) is not None  # it passes its checksum and its counts
    checked = invoke("check", "--store", str(store), "--format", "jsonl")
    assert checked.exit_code == 1 and '"kind":"index"' in checked.stdout and "does not match" in checked.stdout
    result = who(store)
    assert result.exit_code == 0 and result.stdout == clean
    one_line(result, "notice", "s.jsonl.idx", "wrong at byte", "rebuilt")


def test_counts_that_do_not_add_up_are_refused(tmp_path):
    from cooptool.extract.index import IndexInvalid

    store = write_store(tmp_path / "s.jsonl")
    index = update_index(store)
    index.offsets["affiliation"], index.offsets["entity"] = index.offsets["entity"], index.offsets["affiliation"]
    index.save(index_path(store))  # 12 labelled entities but 6 entities
    with pytest.raises(IndexInvalid, match="do not add up"):
        StoreIndex.load(index_path(store))


def test_offsets_past_the_end_are_refused(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    index = update_index(store)
    index.offsets["affiliation"][0] = index.size + 100
    index.save(index_path(store))
    result = who(store)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == len(PEOPLE)
    one_line(result, "wrong at byte", "not the start of a line", "rebuilt")


def test_index_of_an_earlier_store_with_the_same_size_and_tail(tmp_path):
    # The same blocks in another order: same size; the last block kept last: same tail.
    store = write_store(tmp_path / "s.jsonl", order=[0, 1, 2, 3, 4, 5])
    before = store.stat()
    assert who(store).exit_code == 0
    write_store(store, order=[3, 1, 4, 0, 2, 5])
    os.utime(store, ns=(before.st_atime_ns, before.st_mtime_ns))  # even the mtime put back
    assert store.stat().st_size == before.st_size
    result = who(store)
    assert result.stdout == who(store, "--strict").stdout
    one_line(result, "notice", "other content", "rebuilt")


def test_check_repair_rebuilds_the_index(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    update_index(store)
    _random_bytes(index_path(store))
    result = invoke("check", "--store", str(store), "--repair")
    assert result.exit_code == 0
    assert "s.jsonl.idx" in result.stderr and "rebuilt" in result.stderr
    assert StoreIndex.load(index_path(store)) is not None
    assert who(store).stderr == ""


def test_index_belongs_to_the_real_file(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    (tmp_path / "other").mkdir()
    link = tmp_path / "other" / "link.jsonl"
    link.symlink_to(store)
    assert index_path(link) == index_path(store)
    assert who(link).exit_code == 0
    assert not (tmp_path / "other" / "link.jsonl.idx").exists() and index_path(store).exists()


# ---- 2. locks and processes -----------------------------------------------------------------------

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, sys.argv[2].encode())
print("locked", flush=True)
time.sleep(60)
"""


def test_stale_lock_of_a_dead_owner_is_taken_over_with_a_notice(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    # A process that inherited the lock outlives the extract that took it: the file names a dead owner.
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, lock_path_of(store), f"{_dead_pid()} 1\n"],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"locked\n"
        notices, waits = [], []
        start = time.monotonic()
        with StoreWriter(store, on_notice=notices.append, on_wait=lambda: waits.append(1)) as writer:
            writer.write_block(block("d9", "Nora Quist", "Lumen Retail"))
        assert time.monotonic() - start < 10 and waits == []
        (line,) = notices
        assert "s.jsonl.lock" in line and "no live extract" in line and "taken over" in line
    finally:
        holder.kill()
        holder.wait()
    assert len(docs_of(store)) == len(PEOPLE) + 1
    assert invoke("check", "--store", str(store)).exit_code == 0


def test_a_live_owner_is_waited_for(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, lock_path_of(store), "PID"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"locked\n"
        with open(lock_path_of(store), "w") as fh:  # the holder's own pid: alive
            fh.write(f"{holder.pid} \n")
        waits = []
        import threading

        def release():
            time.sleep(0.5)
            holder.kill()

        threading.Thread(target=release).start()
        with StoreWriter(store, on_wait=lambda: waits.append(1)):
            pass
        assert waits == [1] and holder.wait() != 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_writers_through_different_paths_share_one_lock(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    (tmp_path / "other").mkdir()
    link = tmp_path / "other" / "link.jsonl"
    link.symlink_to(store)
    rel = tmp_path / "rel.jsonl"
    rel.symlink_to("s.jsonl")
    assert lock_path_of(link) == lock_path_of(rel) == lock_path_of(store) == str(store) + ".lock"
    with StoreWriter(link) as writer:
        assert writer.path == store
        fd = os.open(lock_path_of(rel), os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)


def test_extract_never_reads_its_own_files(tmp_path, blank_model, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article(1), encoding="utf-8")
    store = tmp_path / "in" / "store.jsonl"
    first = extract(blank_model, "in", "--store", str(store))
    assert first.exit_code == 0 and len(docs_of(store)) == 1
    (tmp_path / "in" / "store.jsonl.dropped").write_bytes(dumps(aff("x", "A B", "C D")))
    link = tmp_path / "link.jsonl"
    link.symlink_to(store)
    again = extract(blank_model, "in", str(link), str(store) + ".lock", str(store) + ".idx", "--store", "in/store.jsonl")
    assert again.exit_code == 1  # the three named explicitly are skipped
    skipped = [x for x in again.stderr.splitlines() if "written by this extract" in x]
    assert len(skipped) == 4  # the store in the walk (.dropped is not a text suffix), and the three named
    assert len(docs_of(store)) == 1 and "needs a string" not in again.stderr
    assert invoke("check", "--store", str(store)).exit_code == 0


def test_check_repair_never_writes_through_a_planted_dropped_symlink(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    whole = store.read_bytes()
    store.write_bytes(whole + b"my own notes\n")
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "s.jsonl.dropped").symlink_to(target)
    result = invoke("check", "--store", str(store), "--repair")
    assert result.exit_code == 1
    one_line(result, "s.jsonl.dropped", "symbolic link", "not writing")
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert store.read_bytes() == whole + b"my own notes\n"  # nothing dropped without its copy


def test_a_planted_lock_symlink_is_not_written_through(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    Path(lock_path_of(store)).symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        repair_store(store)
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_forked_workers_close_the_parents_lock_and_store():
    from cooptool.extract.store import HELD_FDS, close_inherited

    r, w = os.pipe()
    HELD_FDS.add(w)
    pid = os.fork()
    if pid == 0:  # the child: what a --jobs worker does first
        close_inherited()
        os._exit(0)
    os.waitpid(pid, 0)
    HELD_FDS.discard(w)
    os.close(w)
    os.close(r)


# ---- 3. inputs of every type ---------------------------------------------------------------------

def collect(paths, **kwargs):
    warnings: list[str] = []
    docs = list(read_inputs([os.fsdecode(p) if isinstance(p, bytes) else str(p) for p in paths],
                            warnings.append, **kwargs))
    return docs, warnings


def test_file_name_that_is_not_utf8(tmp_path, blank_model):
    bad = os.path.join(os.fsencode(tmp_path), b"bad\xff\xfename.txt")
    with open(bad, "wb") as fh:
        fh.write(article(1).encode("utf-8"))
    (tmp_path / "good.txt").write_text(article(2), encoding="utf-8")
    store = tmp_path / "store.jsonl"
    result = extract(blank_model, str(tmp_path / "good.txt"), os.fsdecode(bad), str(tmp_path), "--store", str(store))
    assert result.exit_code == 0
    paths = sorted(d["path"] for d in docs_of(store))
    assert len(paths) == 2 and any(p.endswith("bad\\xff\\xfename.txt") for p in paths)
    assert invoke("check", "--store", str(store)).exit_code == 0
    assert invoke("docs", "--store", str(store), "--format", "table").exit_code == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_metadata_that_is_not_a_string_is_coerced_with_a_note(tmp_path, blank_model, jobs):
    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in [
        {"id": 1, "text": article(1), "published": 20240101, "title": {"x": 1}, "author": ["Ann Lee", "Bo Li"]},
        {"id": "b", "text": article(2), "source": True, "url": [1, 2]},
        {"id": "c", "text": article(3), "title": "Plain"},
    ]))
    store = tmp_path / "store.jsonl"
    result = extract(blank_model, str(docs), "--store", str(store), "--jobs", jobs)
    assert result.exit_code == 0  # read, with notes
    notes = [x for x in result.stderr.splitlines() if "warning" in x]
    assert len(notes) == 2
    assert "docs.jsonl:1:" in notes[0] and '"published" is a number' in notes[0] and '"title" is an object' in notes[0]
    assert "docs.jsonl:2:" in notes[1] and '"source"' in notes[1] and '"url"' in notes[1]
    stored = {d["path"]: d for d in docs_of(store)}
    assert len(stored) == 3
    first = stored[f"{docs}#1"]
    assert first["published"] == "20240101" and first["title"] != {"x": 1} and first["author"] == "Ann Lee, Bo Li"
    assert invoke("check", "--store", str(store)).exit_code == 0
    summary = invoke("summary", "--store", str(store), "--format", "json")
    assert summary.exit_code == 0 and orjson.loads(summary.stdout)["documents"]["count"] == 3


def test_stdin_of_dev_zero_is_bounded(tmp_path, blank_model):
    store = tmp_path / "s.jsonl"
    proc = subprocess.run([sys.executable, "-m", "cooptool", "extract", "-", "--model", blank_model, "--store",
                           str(store)], stdin=open("/dev/zero", "rb"), capture_output=True, timeout=120)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert b"<stdin>: NUL byte at byte 0: binary input; skipped" in proc.stderr


def test_jsonl_names_on_devices_and_endless_lines_are_bounded(tmp_path):
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    fifo = tmp_path / "endless.jsonl"
    good = tmp_path / "good.jsonl"
    good.write_bytes(orjson.dumps({"text": "Short text."}) + b"\n" + b'{"text": "' + b"a" * 5000 + b'"}\n'
                     + orjson.dumps({"text": "After the long one."}) + b"\n")
    docs, warnings = collect([tmp_path / "zero.jsonl", good], max_chars=100)
    assert [d.text for d in docs] == ["Short text.", "After the long one."]
    assert warnings[0] == f"{tmp_path / 'zero.jsonl'}: a device, not a file; skipped"
    assert "good.jsonl:2: a line longer than 1,000 bytes" in warnings[1] and warnings[1].endswith("line skipped")
    os.mkfifo(fifo)
    import threading

    def feed():
        with open(fifo, "wb") as fh:
            try:
                fh.write(b'{"text": "' + b"b" * 20000)  # never a newline, then the writer stops
            except BrokenPipeError:
                pass

    t = threading.Thread(target=feed)
    t.start()
    docs, warnings = collect([fifo], max_chars=100)
    t.join(timeout=30)
    assert docs == [] and len(warnings) == 1 and "endless.jsonl:1:" in warnings[0]


ENCODINGS = {
    "utf-8 with BOM": (b"\xef\xbb\xbf", "utf-8"),
    "utf-16 LE with BOM": (b"\xff\xfe", "utf-16-le"),
    "utf-16 BE with BOM": (b"\xfe\xff", "utf-16-be"),
    "utf-32 LE with BOM": (b"\xff\xfe\x00\x00", "utf-32-le"),
    "utf-32 BE with BOM": (b"\x00\x00\xfe\xff", "utf-32-be"),
    "utf-16 LE without BOM": (b"", "utf-16-le"),
    "utf-16 BE without BOM": (b"", "utf-16-be"),
}


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_every_bom_and_utf16_without_one(tmp_path, case):
    bom, encoding = ENCODINGS[case]
    text = article(4)
    (tmp_path / "wide.txt").write_bytes(bom + text.encode(encoding))
    docs, warnings = collect([tmp_path / "wide.txt"])
    assert warnings == [] and [d.text for d in docs] == [text]


def test_a_cut_off_final_utf8_character_keeps_the_rest_utf8(tmp_path):
    text = article(4) + "Ren\u00e9e Zo\u00eb said \u201cyes"
    data = text.encode("utf-8") + "\u201d".encode("utf-8")[:2]
    (tmp_path / "cut.txt").write_bytes(data)
    docs, warnings = collect([tmp_path / "cut.txt"])
    assert [d.text for d in docs] == [text + "\ufffd"]
    (w,) = warnings
    assert w.startswith(f"{tmp_path / 'cut.txt'}:{text.count(chr(10)) + 1}:") and "cut-off UTF-8" in w


def test_a_few_bad_bytes_in_utf8_are_replaced_not_cp1252(tmp_path):
    data = ("Zo\u00eb Ruiz, chief executive of Solenne Power, said \u201cgo\u201d.\n").encode() + b"bad \xc3( here\n"
    warnings: list[str] = []
    assert decode(data, "f.txt", warnings.append) == "Zo\u00eb Ruiz, chief executive of Solenne Power, said " \
        "\u201cgo\u201d.\nbad \ufffd( here\n"
    at = data.index(b"\xc3(")
    assert warnings == [f"f.txt:2: not valid UTF-8 (byte {at}); 1 bad byte sequence(s) replaced"]


def test_legacy_encodings(tmp_path):
    warnings: list[str] = []
    assert decode("Fran\u00e7ois paid \u00a35".encode("latin-1"), "l.txt", warnings.append) == "Fran\u00e7ois paid \u00a35"
    chinese = "\u4e2d\u56fd\u5546\u52a1\u90e8\u5468\u4e8c\u8868\u793a\uff0c\u4eca\u5e74\u524d\u5341\u4e2a\u6708" * 3
    assert decode(chinese.encode("gbk"), "c.txt", warnings.append) == chinese
    assert "read as cp1252/Latin-1" in warnings[0] and "read as gb18030" in warnings[1]


@pytest.mark.parametrize("where", [100, 20_000])
def test_a_nul_byte_makes_a_file_binary_wherever_it_is(tmp_path, where):
    text = (article(5) * 100)[:30_000]
    (tmp_path / "nul.txt").write_bytes(text[:where].encode() + b"\x00" + text[where:].encode())
    docs, warnings = collect([tmp_path / "nul.txt"])
    at = len(text[:where].encode())
    assert docs == [] and warnings == [f"{tmp_path / 'nul.txt'}: NUL byte at byte {at}: binary file; skipped"]


def test_a_file_that_vanishes_mid_run_is_reported(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(article(1) + name, encoding="utf-8")
    warnings: list[str] = []
    docs = read_inputs([str(tmp_path)], warnings.append)
    first = next(docs)
    (tmp_path / "b.txt").unlink()
    rest = list(docs)
    assert [d.path for d in [first, *rest]] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
    assert warnings == [f"{tmp_path / 'b.txt'}: vanished before it could be read (no such file); skipped"]


def test_own_files_are_matched_by_any_path(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    Path(str(store) + ".lock").write_bytes(b"")
    own = OwnFiles.of_store(store)
    (tmp_path / "hard.jsonl").hardlink_to(store)
    (tmp_path / "soft.jsonl").symlink_to(store)
    assert store in own and tmp_path / "hard.jsonl" in own and tmp_path / "soft.jsonl" in own
    assert Path(str(store) + ".lock") in own and Path(str(store) + ".idx") in own
    assert tmp_path / "other.jsonl" not in own


# ---- 4. output and environment errors ---------------------------------------------------------

@pytest.mark.parametrize("command", [["who"], ["said"], ["docs"], ["entities"], ["summary", "--format", "json"],
                                     ["who", "--format", "json"], ["who", "--format", "csv"]])
def test_writing_to_a_full_disk_is_one_write_error(tmp_path, command):
    store = write_store(tmp_path / "s.jsonl")
    if command == ["said"]:
        with open(store, "ab") as fh:
            fh.write(dumps(make("claim", "d9", speaker="Ana Ruiz", text="Rates will rise.", direct=True, cue="said",
                                start=0, end=5)))
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "cooptool", *command, "--store", str(store)], stdout=full,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["cooptool: write error: No space left on device"]


def test_a_closed_stdout_is_a_write_error_and_never_reaches_a_file(tmp_path):
    store = write_store(tmp_path / "s.jsonl")
    before = store.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "cooptool", "who", "--store", str(store)], stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(1), timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["cooptool: write error: Bad file descriptor"]
    assert store.read_bytes() == before and StoreIndex.load(index_path(store)) is not None
    quiet = subprocess.run([sys.executable, "-m", "cooptool", "check", "--store", str(store)], stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(1), timeout=120)
    assert quiet.returncode == 0  # nothing to write: no error


QUERIES = [["who"], ["said"], ["docs"], ["entities"], ["facts"], ["events"], ["summary"], ["check"]]


@pytest.mark.parametrize("command", QUERIES)
def test_a_store_that_is_a_directory(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COOPTOOL_STORE", raising=False)
    monkeypatch.setattr("cooptool.cli.common.stdin_is_piped", lambda: False)
    (tmp_path / "cooptool.jsonl").mkdir()
    result = invoke(*command)
    assert result.exit_code == 2 and result.stdout == ""
    one_line(result, "cooptool.jsonl: is a directory")


@pytest.mark.parametrize("store", ["/dev/null", "/dev/zero"])
def test_a_store_that_is_a_device(store):
    result = invoke("who", "--store", store)
    assert result.exit_code == 2
    one_line(result, store, "not a regular file")


@pytest.mark.parametrize("content", [b"\x00\xff\xfe garbage", b'{"Big Blue": 7}', b"one column only\n"])
def test_malformed_alias_files_are_usage_errors(tmp_path, content):
    store = write_store(tmp_path / "s.jsonl")
    (tmp_path / "aliases.json").write_bytes(content)
    result = invoke("entities", "--store", str(store), "--aliases", str(tmp_path / "aliases.json"))
    assert result.exit_code == 2
    one_line(result, "bad alias file", "aliases.json")


def test_alias_file_on_a_device_is_refused_unread():
    result = invoke("entities", "--aliases", "/dev/zero", "--store", "/dev/null")
    assert result.exit_code == 2
    one_line(result, "/dev/zero", "not a regular file")


@pytest.mark.parametrize("case", ["empty folder", "bad config", "bad meta", "a file"])
def test_malformed_model_folders(tmp_path, blank_model, case):
    import shutil

    model = tmp_path / "model"
    if case == "a file":
        model.write_text("not a model", encoding="utf-8")
    elif case == "empty folder":
        model.mkdir()
    else:
        shutil.copytree(blank_model, model)
        name = "config.cfg" if case == "bad config" else "meta.json"
        (model / name).write_bytes(b"\xff\xfe\x00[nlp] {{{")
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    result = invoke("extract", str(tmp_path / "a.txt"), "--model", str(model), "--store", str(tmp_path / "s.jsonl"))
    assert result.exit_code == 1
    one_line(result, "spaCy model", str(model))


def test_control_characters_and_markup_in_table_cells_are_shown_not_obeyed(tmp_path):
    store = tmp_path / "s.jsonl"
    store.write_bytes(dumps(make("document", "d1", path="a.txt", title="Hi\x1b[2J\x1b]0;pwned\x07 [bold]x[/] \u202e",
                                 published=None, source=None, author=None, words=2, chars=9)))
    result = invoke("docs", "--store", str(store), "--format", "table")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J" in result.stdout and "[bold]x[/]" in result.stdout and "\\u202e" in result.stdout
    jsonl = invoke("docs", "--store", str(store), "--format", "jsonl")
    assert orjson.loads(jsonl.stdout)["title"].startswith("Hi\x1b[2J")  # data formats keep the data


@pytest.mark.parametrize("args", [["said", "--by", ")("], ["said", "--about", "..."], ["said", "--org", ""],
                                  ["who", "--org", "  "], ["who", "--person", "--"], ["entities", "--name", "'"],
                                  ["entities", "--type", ","], ["facts", "--about", "%"], ["events", "--name", "-"],
                                  ["events", "--org", "()"]])
def test_empty_or_punctuation_only_queries_are_usage_errors(tmp_path, args):
    store = write_store(tmp_path / "s.jsonl")
    result = invoke(*args, "--store", str(store))
    assert result.exit_code == 2 and result.stdout == ""
    one_line(result, args[1], "nothing to match")


def test_a_store_with_wrongly_typed_fields_is_reported_not_a_crash(tmp_path):
    store = tmp_path / "s.jsonl"
    good = block("d1", "Ana Ruiz", "Solenne Power")
    odd = make("document", "d2", path="b.txt", title={"x": 1}, published=20240101, source=None, author=["A"],
               words=3, chars=9)
    store.write_bytes(b"".join(dumps(r) for r in good) + dumps(odd))
    for args in (["docs"], ["summary", "--format", "json"], ["docs", "--strict"]):
        result = invoke(*args, "--store", str(store), "--format", "jsonl") if args[0] == "docs" else \
            invoke(*args, "--store", str(store))
        no_traceback(result)
        if "--strict" in args:
            assert result.exit_code == 1 and "s.jsonl:5:" in result.stderr
            continue
        assert result.exit_code == 0
        one_line(result, "s.jsonl:5:", 'document field "author" is a list, not a string or null', "line skipped")
    checked = invoke("check", "--store", str(store), "--format", "jsonl")
    assert checked.exit_code == 1
    assert {orjson.loads(x)["line"] for x in checked.stdout.splitlines()} == {5}  # check agrees


json_values = st.recursive(st.none() | st.booleans() | st.integers(-5, 10**12) | st.floats(allow_nan=False)
                           | st.sampled_from(["", "Kestrel Bank", "Ana Ruiz", "ORG", "money", "x\x1b[2J", "[/]"]),
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.sampled_from(
                               ["start", "end", "text", "name"]), kids, max_size=3), max_leaves=6)
FIELDS = ["person", "role", "org", "org_aliases", "name", "label", "aliases", "mentions", "speaker", "speaker_type",
          "text", "direct", "published", "title", "source", "words", "subject", "kind", "value", "value_max",
          "currency", "unit", "approx", "change", "about", "date", "organizers", "participants", "start", "end",
          "pieces", "id", "person_id", "org_id", "confidence", "headings"]
record_st = st.builds(lambda t, d, fields: {"type": t, "v": 1, "doc": d, **fields},
                      st.sampled_from(["document", "entity", "affiliation", "claim", "fact", "event"]),
                      st.sampled_from(["d1", "d2"]), st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=8))
COMMANDS = [["who", "--org", "kestrel"], ["said", "--format", "table"], ["docs", "--format", "csv"],
            ["entities", "--format", "table"], ["facts", "--format", "table"], ["events", "--org", "kestrel"],
            ["summary", "--format", "json"], ["check"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(record_st, min_size=1, max_size=6))
def test_no_query_command_crashes_on_any_record_shapes(tmp_path, recs):
    store = tmp_path / "fuzz.jsonl"
    store.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    index_path(store).unlink(missing_ok=True)
    for command in COMMANDS:
        result = invoke(*command, "--store", str(store))
        no_traceback(result)
        assert result.exit_code in (0, 1), (command, result.stderr)
