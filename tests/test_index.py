"""The sidecar index answers exactly like a full scan, follows appends and survives rewrites."""

from cooptool.extract.index import index_path, indexed_records, update_index
from cooptool.extract.records import dumps, make
from cooptool.extract.store import read_store


def aff(doc, person, org):
    return make("affiliation", doc, person=person, role="analyst", org=org, org_aliases=[], evidence="e",
                start=0, end=1, confidence=0.9)


def write(path, recs, mode="wb"):
    with open(path, mode) as fh:
        fh.write(b"".join(dumps(r) for r in recs))


def test_same_answer_as_a_scan_and_index_reused(tmp_path):
    store = tmp_path / "s.jsonl"
    recs = []
    for i in range(50):
        recs += [make("entity", f"d{i}", id="org:x", name="X", label="ORG", aliases=[], mentions=[]),
                 aff(f"d{i}", f"P{i}", "Kestrel Bank" if i % 2 else "Other Co"),
                 make("document", f"d{i}", path=None, title=None, published=None, source=None, author=None,
                      words=1, chars=1)]
    write(store, recs)
    got = list(indexed_records(store, ("affiliation",)))
    assert got == list(read_store(store, types=("affiliation",)))
    assert index_path(store).exists()
    before = index_path(store).stat().st_mtime_ns
    assert list(indexed_records(store, ("document", "affiliation"))) == [
        r for r in read_store(store) if r["type"] in ("document", "affiliation")]
    assert index_path(store).stat().st_mtime_ns == before  # nothing new: not rewritten


def test_line_filter_skips_without_parsing(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, [aff("d1", "Ann", "Kestrel Bank"), aff("d1", "Bob", "Other Co")])
    got = list(indexed_records(store, ("affiliation",), line_filter=lambda line: b"Kestrel" in line))
    assert [r["person"] for r in got] == ["Ann"]


def test_appends_are_indexed_incrementally(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, [aff("d1", "Ann", "A")])
    assert [r["person"] for r in indexed_records(store, ("affiliation",))] == ["Ann"]
    write(store, [aff("d2", "Bob", "B")], mode="ab")
    assert [r["person"] for r in indexed_records(store, ("affiliation",))] == ["Ann", "Bob"]
    assert update_index(store).lines == 2


def test_rewritten_store_rebuilds_the_index(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, [aff("d1", "Ann", "A"), aff("d2", "Bob", "B")])
    list(indexed_records(store, ("affiliation",)))
    write(store, [aff("d3", "Cyd", "C")])  # shorter, different content
    assert [r["person"] for r in indexed_records(store, ("affiliation",))] == ["Cyd"]
    write(store, [aff("d4", "Dee", "D")])  # same length, different content
    assert [r["person"] for r in indexed_records(store, ("affiliation",))] == ["Dee"]


def test_damage_is_reported_from_the_index(tmp_path):
    store = tmp_path / "s.jsonl"
    store.write_bytes(dumps(aff("d1", "Ann", "A")) + b"garbage\n" + b'{"type":"mystery","v":1,"doc":"x"}\n'
                      + dumps(aff("d2", "Bob", "B")) + b'{"type":"affiliation","v":1')
    for _ in range(2):  # building the index and reading it back report the same lines
        errors = []
        got = list(indexed_records(store, ("affiliation",), on_error=errors.append))
        assert [r["person"] for r in got] == ["Ann", "Bob"]
        assert [(e.line, e.message.split(" (")[0]) for e in errors] == [
            (2, "not valid JSON"), (3, "unknown record type 'mystery'"), (5, "truncated last line")]


def test_unwritable_folder_still_answers(tmp_path, monkeypatch):
    from cooptool.extract.index import StoreIndex

    def refuse(self, path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(StoreIndex, "save", refuse)
    store = tmp_path / "s.jsonl"
    write(store, [aff("d1", "Ann", "A")])
    assert [r["person"] for r in indexed_records(store, ("affiliation",))] == ["Ann"]
    assert not index_path(store).exists()


def test_line_filter_is_a_safe_prefilter():
    from cooptool.extract.query import line_filter, name_matches

    keep = line_filter("don't stop", "JA Solar")
    line = '{"org":"JA SOLAR Technology","text":"we don’t stop"}'.encode()
    assert keep(line)
    assert name_matches("JA Solar", ["JA SOLAR Technology"])
    assert not keep(b'{"org":"Other","text":"we stop"}')
    assert line_filter("Société Générale") is None  # not exact at byte level: no pre-filter
    assert line_filter(None, "") is None


def test_entity_summary_parse_matches_a_full_parse():
    import orjson

    from cooptool.extract.index import parse_entity_summary

    rec = make("entity", "d1", id="org:x", name='The "X" Co', label="ORG", aliases=["X"],
               mentions=[{"start": 0, "end": 4, "text": 'a],"name":"b'}, {"start": 9, "end": 12, "text": "X"}])
    line = dumps(rec).rstrip(b"\n")
    fast = parse_entity_summary(line)
    full = orjson.loads(line)
    assert fast.pop("mention_count") == 2
    assert fast == {k: v for k, v in full.items() if k != "mentions"}
    assert parse_entity_summary(b'{"type": "entity", "name": "Y", "mentions": []}') == {
        "type": "entity", "name": "Y", "mentions": []}  # another layout: a full parse


def test_per_label_entity_offsets(tmp_path):
    store = tmp_path / "s.jsonl"
    recs = [make("entity", f"d{i}", id=f"{lab.lower()}:x{i}", name=f"X{i}", label=lab, aliases=[],
                 mentions=[{"start": 0, "end": 1, "text": "X"}]) for i, lab in enumerate(["ORG", "PERSON", "ORG"])]
    write(store, recs)
    got = list(indexed_records(store, ("entity:ORG",)))
    assert [r["name"] for r in got] == ["X0", "X2"]
    assert list(indexed_records(store, ("entity:GPE",))) == []


def test_entities_command_same_rows_through_the_index_as_strict(tmp_path):
    from typer.testing import CliRunner

    from cooptool.cli.app import app

    store = tmp_path / "s.jsonl"
    recs = []
    for i in range(6):
        recs += [make("entity", f"d{i}", id="org:kestrel-bank", name="Kestrel Bank", label="ORG", aliases=["Kestrel"],
                      mentions=[{"start": 0, "end": 5, "text": "Kestrel"}] * (i + 1)),
                 make("entity", f"d{i}", id="person:ann-lee", name="Ann Lee", label="PERSON", aliases=[],
                      mentions=[{"start": 9, "end": 16, "text": "Ann Lee"}])]
    write(store, recs)
    args = ["entities", "--type", "org", "--store", str(store), "--format", "jsonl"]
    fast = CliRunner().invoke(app, args)
    strict = CliRunner().invoke(app, [*args, "--strict"])
    assert fast.exit_code == strict.exit_code == 0
    assert fast.stdout == strict.stdout
    assert '"mentions":21' in fast.stdout and "Ann Lee" not in fast.stdout
