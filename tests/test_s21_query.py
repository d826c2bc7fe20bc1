"""The index's per-label entity summaries answer `entities` exactly as a scan of the records does,
follow appends, and are rebuilt when damaged; start-up stays free of spaCy."""

from __future__ import annotations

import subprocess
import sys

import orjson
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.aliases import merge_entities
from cooptool.extract.factbase import merge_entity_kinds
from cooptool.extract.index import StoreIndex, check_index, entity_kinds, index_path, update_index
from cooptool.extract.records import dumps, make
from cooptool.extract.store import read_store


def ent(doc, name, label, aliases=(), mentions=1, eid=None):
    return make("entity", doc, id=eid or f"{label.lower()}:{name.lower().replace(' ', '-')}", name=name,
                label=label, aliases=list(aliases),
                mentions=[{"start": i, "end": i + 1, "text": name} for i in range(mentions)])


def records(first: int = 0, n: int = 12) -> list[dict]:
    recs = []
    for i in range(first, first + n):
        doc = f"d{i:03d}"
        recs += [ent(doc, "Kestrel Bank", "ORG", ["Kestrel"], mentions=i % 3),  # 0 mentions count as one
                 ent(doc, "Kestrel Bank of Canada" if i % 2 else "Kestrel Bank of Scotland", "ORG", ["Kestrel"]),
                 ent(doc, "UK government", "ORG", ["government"]),
                 ent(doc, "France government" if i % 3 else "UK government", "ORG", ["government"]),
                 ent(doc, "Anna Li" if i % 2 else "Wei Li", "PERSON", ["Li"], mentions=2),
                 ent(doc, "Ann Marsh", "PERSON", ["Ms Marsh", "Ann Marsh"] if i % 4 else []),
                 ent(doc, "Ruritania", "GPE", mentions=5),
                 make("affiliation", doc, person="Ann Marsh", role="chief", org="Kestrel Bank", org_aliases=[],
                      evidence="e", start=0, end=1, confidence=0.9),
                 make("document", doc, path=None, title=None, published=None, source=None, author=None,
                      words=1, chars=1)]
    recs.append(make("entity", "d999", id="org:x", name="", label="ORG", aliases=[], mentions=[]))  # nameless
    recs.append(ent("", "No Doc Ltd", "ORG"))  # a record without a document
    return recs


def write(path, recs, mode="wb"):
    with open(path, mode) as fh:
        fh.write(b"".join(dumps(r) for r in recs))


def scanned_rows(store, labels=None):
    recs = [r for r in read_store(store, types=("entity",)) if labels is None or r["label"] in labels]
    return merge_entities(recs, with_ids=True)


def test_summaries_merge_to_the_rows_of_a_scan(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records())
    for labels in (["ORG"], ["PERSON"], ["GPE", "ORG"], ["LAW"], None):
        kinds = entity_kinds(store, labels)
        assert merge_entity_kinds(kinds, with_ids=True) == scanned_rows(store, labels), labels
    assert merge_entity_kinds(entity_kinds(store, ["ORG"])) != []


def test_appends_extend_the_summaries(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records(0, 5))
    assert merge_entity_kinds(entity_kinds(store, ["ORG"]), with_ids=True) == scanned_rows(store, ["ORG"])
    write(store, records(5, 4), mode="ab")
    write(store, [ent("d500", "Wei Li", "PERSON")], mode="ab")  # ORG's saved section is kept as it was
    for labels in (["ORG"], ["PERSON"], None):
        assert merge_entity_kinds(entity_kinds(store, labels), with_ids=True) == scanned_rows(store, labels)
    assert check_index(store) is None  # the extended summaries equal a fresh build's
    write(store, [ent("d501", "Kestrel Bank", "ORG", ["Kestrel"])], mode="ab")
    assert merge_entity_kinds(entity_kinds(store, ["ORG"]), with_ids=True) == scanned_rows(store, ["ORG"])
    assert check_index(store) is None


def invoke(*args):
    return CliRunner().invoke(app, list(args))


def test_entities_command_answers_as_strict(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records())
    with open(store, "ab") as fh:
        fh.write(b'{"type": "entity", "name": \n')  # a damaged line, and a torn last one
        fh.write(dumps(ent("d700", "Kestrel Bank", "ORG"))[:-9])
    for extra in (["--type", "ORG"], ["--type", "org,ORG"], ["--type", "PERSON,GPE"], [],
                  ["--type", "ORG", "--name", "kestrel"], ["--top", "2"]):
        args = ["entities", *extra, "--store", str(store), "--format", "jsonl"]
        fast, strict = invoke(*args), invoke(*args, "--strict")
        assert strict.exit_code == 1 and "damaged" in strict.stderr  # --strict stops at the damaged line
        full = [r for r in read_store(store, types=("entity",), on_error=lambda bad: None)]
        labels = {x.upper() for x in extra[1].split(",")} if extra[:1] == ["--type"] else None
        rows = merge_entities([r for r in full if labels is None or r["label"] in labels])
        if "--name" in extra:
            rows = [r for r in rows if "kestrel" in " ".join([r["name"], *r["aliases"]]).lower()]
        if "--top" in extra:
            rows = rows[:2]
        assert fast.exit_code == 0, fast.stderr
        assert [orjson.loads(x) for x in fast.stdout.splitlines()] == [
            {k: r[k] for k in ("id", "name", "label", "aliases", "mentions", "docs")} for r in rows]
        assert fast.stderr.count("warning") == 2 and "truncated last line" in fast.stderr


def test_entities_with_doc_narrowing_or_an_alias_file_read_the_lines(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records())
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("Kestrel Bank of Canada,Kestrel Bank\n")
    fast = invoke("entities", "--type", "ORG", "--aliases", str(aliases), "--store", str(store), "--format", "jsonl")
    strict = invoke("entities", "--type", "ORG", "--aliases", str(aliases), "--store", str(store), "--format",
                    "jsonl", "--strict")
    assert fast.stdout == strict.stdout and fast.exit_code == 0
    assert '"name":"Kestrel Bank of Canada"' not in fast.stdout
    one = invoke("entities", "--type", "ORG", "--doc", "d001", "--store", str(store), "--format", "jsonl")
    assert all(orjson.loads(x)["docs"] == ["d001"] for x in one.stdout.splitlines())


def test_forged_summaries_are_rebuilt_with_a_notice(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records())
    clean = invoke("entities", "--type", "ORG", "--store", str(store), "--format", "jsonl", "--strict").stdout
    index = update_index(store)
    head, sections = index.kinds.encode()
    # A section that passes the checksum (saved afresh) but does not hold summaries.
    sections = [(label, b'[["X",[],0,1,[99],[]]]' if label == "ORG" else raw) for label, raw in sections]
    forged = StoreIndex(index.size, index.offsets, index.bad, index.lines, index.content, index.identity,
                        index.verified_ns)
    forged.kinds.encode = lambda: (head, sections)
    forged.save(index_path(store))
    assert check_index(store) is not None  # `cooptool check` finds it
    result = invoke("entities", "--type", "ORG", "--store", str(store), "--format", "jsonl")
    assert result.exit_code == 0 and result.stdout == clean
    assert result.stderr.count("\n") == 1 and "damaged entity summaries" in result.stderr and "rebuilt" in result.stderr
    again = invoke("entities", "--type", "ORG", "--store", str(store), "--format", "jsonl")
    assert again.stdout == clean and again.stderr == ""


def claim(doc, speaker, text, aliases=None, org=None):
    extra = {"speaker_aliases": aliases} if aliases is not None else {}
    return make("claim", doc, speaker=speaker, speaker_type="PERSON" if speaker else None, role=None, org=org,
                text=text, direct=False, cue="said", evidence=text, start=0, end=len(text), confidence=0.8, **extra)


def claims_store(path):
    recs = []
    for i in range(20):
        doc = f"d{i:03d}"
        recs += [claim(doc, "Ann Marsh", f"rates will rise {i}", ["Ms Marsh"] if i % 2 else None),
                 claim(doc, "Wei Li" if i % 3 else None, f"exports fell {i}"),
                 claim(doc, "Kestrel Bank", f"profits doubled {i}", ["Kestrel"], org="Kestrel Bank"),
                 claim(doc, "Marsh Holdings", f"the deal is off {i}"),
                 make("document", doc, path=None, title=None, published=f"2024-01-{i + 1:02d}", source="Wire",
                      author=None, words=1, chars=1)]
    write(path, recs)


def test_said_by_reads_only_the_matching_speakers_lines(tmp_path):
    from cooptool.extract.index import indexed_records
    from cooptool.extract.query import name_matches

    store = tmp_path / "s.jsonl"
    claims_store(store)
    scan = list(read_store(store, types=("claim",)))
    for by in ("marsh", "ms marsh", "kestrel", "wei li", "nobody"):
        def match(names, by=by):
            return name_matches(by, names)

        got = list(indexed_records(store, ("claim",), speaker=match))
        assert got == [r for r in scan if r.get("speaker") and match([r["speaker"], *r.get("speaker_aliases", [])])]
        both = list(indexed_records(store, ("document", "claim"), speaker=match))
        assert [r for r in both if r["type"] == "claim"] == got and sum(r["type"] == "document" for r in both) == 20
    write(store, [claim("d100", "Ann Marsh", "rates will fall")], mode="ab")  # appended: grouped too
    assert [r["text"] for r in indexed_records(store, ("claim",), speaker=lambda names: "Ann Marsh" in names)][-1] == \
        "rates will fall"
    assert check_index(store) is None


def test_said_command_answers_as_strict(tmp_path):
    store = tmp_path / "s.jsonl"
    claims_store(store)
    for extra in (["--by", "marsh"], ["--by", "Ms Marsh", "--about", "rates"], ["--by", "kestrel", "--org", "kestrel"],
                  ["--by", "marsh", "--since", "2024-01-10"], ["--by", "li", "--desc", "--limit", "3"],
                  ["--by", "nobody"]):
        args = ["said", *extra, "--store", str(store), "--format", "jsonl"]
        fast, strict = invoke(*args), invoke(*args, "--strict")
        assert (fast.exit_code, fast.stdout, fast.stderr) == (strict.exit_code, strict.stdout, strict.stderr), extra
    assert len(invoke("said", "--by", "marsh", "--store", str(store), "--format", "jsonl").stdout.splitlines()) == 40


def test_misfiled_speaker_groups_are_caught_line_by_line(tmp_path):
    store = tmp_path / "s.jsonl"
    claims_store(store)
    clean = invoke("said", "--by", "wei li", "--store", str(store), "--format", "jsonl", "--strict").stdout
    index = update_index(store)
    groups = index.speakers.groups()
    # Wei Li's group given Ann Marsh's lines, saved with a valid checksum.
    groups[("Wei Li", ())], groups[("Ann Marsh", ())] = groups[("Ann Marsh", ())], groups[("Wei Li", ())]
    index.save(index_path(store))
    assert check_index(store) == "does not match the store's lines"
    result = invoke("said", "--by", "wei li", "--store", str(store), "--format", "jsonl")
    assert result.exit_code == 0 and result.stdout == clean
    assert result.stderr.count("\n") == 1 and "not a claim of a speaker its group names" in result.stderr


def test_query_commands_start_without_spacy_or_dask(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records(0, 2))
    code = ("import sys\nfrom cooptool.cli.app import main\n"
            f"sys.argv = ['cooptool', sys.argv[1], '--store', {str(store)!r}, '--format', 'jsonl']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'dask', 'thinc', 'numpy'))\n"
            "print(heavy, file=sys.stderr)\n")
    for command in ("who", "said", "entities"):
        run = subprocess.run([sys.executable, "-c", code, command], capture_output=True, text=True, timeout=60)
        assert run.stderr.strip().splitlines()[-1] == "[]", (command, run.stderr)


def test_the_command_table_names_what_the_modules_register():
    import importlib

    from cooptool.cli import app as app_module

    for module in dict.fromkeys(app_module.COMMANDS.values()):
        importlib.import_module(f"cooptool.cli.{module}")
    registered = [info.name or info.callback.__name__ for info in app_module.app.registered_commands]
    assert sorted(registered) == sorted(app_module.COMMANDS)
    for info in app_module.app.registered_commands:  # each command in the module the table names
        name = info.name or info.callback.__name__
        assert info.callback.__module__ == f"cooptool.cli.{app_module.COMMANDS[name]}", name


def test_a_query_command_imports_only_its_own_module(tmp_path):
    store = tmp_path / "s.jsonl"
    write(store, records(0, 2))
    code = ("import sys\nfrom cooptool.cli.app import main\n"
            f"sys.argv = ['cooptool', 'who', '--store', {str(store)!r}, '--format', 'jsonl']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('cooptool.cli.')), file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded = run.stderr.strip().splitlines()[-1]
    assert "cooptool.cli.who" in loaded and "cooptool.cli.extract" not in loaded and "cooptool.cli.graph" not in loaded
    help_text = subprocess.run([sys.executable, "-m", "cooptool", "--help"], capture_output=True, text=True,
                               timeout=60).stdout
    assert all(f"  {name} " in help_text for name in ("extract", "who", "docs", "person", "org", "export"))
