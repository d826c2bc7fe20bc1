from cooptool.extract.readers import read_inputs


def collect(paths):
    warnings = []
    docs = list(read_inputs([str(p) for p in paths], warnings.append))
    return docs, warnings


def test_encodings(tmp_path):
    (tmp_path / "utf8bom.txt").write_bytes("\ufeffCafé opens".encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes("Zoë speaks".encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes("Fran\xe7ois paid \xa35".encode("latin-1"))
    docs, warnings = collect([tmp_path])
    texts = sorted(d.text for d in docs)
    assert texts == ["Café opens", "François paid £5", "Zoë speaks"]
    assert len(warnings) == 1 and "latin1.txt" in warnings[0] and "UTF-8" in warnings[0]


def test_binary_missing_and_hidden_are_skipped_with_warnings(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha beta.", encoding="utf-8")
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    docs, warnings = collect([tmp_path, tmp_path / "nope.txt"])
    assert [d.text for d in docs] == ["Alpha beta."]
    assert any("img.txt" in w and "binary" in w for w in warnings)
    assert any("nope.txt" in w and "no such file" in w for w in warnings)


def test_jsonl_documents_with_a_bad_line(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "1", "text": "First.", "title": "T1"}\n{broken\n{"id": "3", "text": "Third."}\n',
                 encoding="utf-8")
    docs, warnings = collect([f])
    assert [d.text for d in docs] == ["First.", "Third."]
    assert docs[0].meta["title"] == "T1"
    assert len(warnings) == 1 and "docs.jsonl:2" in warnings[0]


def test_empty_directory_warns(tmp_path):
    docs, warnings = collect([tmp_path])
    assert docs == [] and "no readable documents" in warnings[0]


def test_doc_id_is_content_hash(tmp_path):
    (tmp_path / "a.txt").write_text("Same text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same text.", encoding="utf-8")
    docs, _ = collect([tmp_path])
    assert docs[0].id == docs[1].id and len(docs[0].id) == 16


def test_binary_signatures_and_empty_files(tmp_path):
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    docs, warnings = collect([tmp_path])
    assert [d.text for d in docs] == [""]
    assert any("report.txt" in w and "binary" in w for w in warnings)
    assert any("empty.txt" in w and "stored as an empty document" in w for w in warnings)
    assert len(warnings) == 2


def test_stdin_jsonl(monkeypatch):
    import io
    import sys

    from cooptool.extract.readers import read_stdin

    data = b'{"id": "a", "text": "One.", "author": "Jo Lee"}\n{"id": "b", "text": "Two."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs = list(read_stdin(lambda m: None))
    assert [(d.text, d.meta.get("author")) for d in docs] == [("One.", "Jo Lee"), ("Two.", None)]


def test_cut_off_utf16_is_read_with_a_warning():
    # Found by the any-bytes property: a UTF-16 BOM followed by an odd byte count.
    from cooptool.extract.readers import decode

    warnings = []
    assert decode(b"\xfe\xff\x00A\x00", "cut.txt", warnings.append) == "A\ufffd"
    assert warnings == ["cut.txt: not valid UTF-16 (byte 4); damaged characters replaced"]


def test_issues_are_typed_objects_with_where_why_and_what_became_of_the_input(tmp_path):
    from cooptool.extract.readers import ReadIssue

    docs_file = tmp_path / "docs.jsonl"
    docs_file.write_bytes(b'{"text": "Ines Ruiz sold the farm."}\n{"text": 7}\n{"text": "Sam Obi bought it.", "title": 3}\n')
    docs, issues = collect([docs_file, tmp_path / "gone.txt"])
    assert [d.text for d in docs] == ["Ines Ruiz sold the farm.", "Sam Obi bought it."]
    assert all(isinstance(i, ReadIssue) for i in issues)
    bad_line, coerced, gone = issues
    assert (bad_line.path, bad_line.line, bad_line.outcome, bad_line.skipped) == (
        str(docs_file), 2, "line skipped", True)
    assert bad_line.reason == 'a document line needs a string "text"'
    assert (coerced.line, coerced.skipped) == (3, False) and "read as \"3\"" in coerced.reason
    assert (gone.path, gone.line, gone.reason, gone.skipped) == (
        str(tmp_path / "gone.txt"), None, "no such file or directory", True)
    assert str(gone) == f"{tmp_path / 'gone.txt'}: no such file or directory; skipped"
