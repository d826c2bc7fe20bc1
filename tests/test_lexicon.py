"""The word lists under extract/data/lexicon: well-formed, free of duplicates, documented, extensible."""

from __future__ import annotations

from collections import Counter

import pytest

from cooptool.extract import lexicon

NAMES = lexicon.names()


def test_there_are_lists():
    assert {"role_heads", "countries", "demonyms", "given_names", "event_nouns"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_list_has_a_header_and_no_duplicate_entries(name):
    cols = lexicon.columns(name)
    assert cols and cols[0], f"{name}.tsv: first line must be '# column<TAB>column...'"
    rows = lexicon._parse(lexicon.LEXICON_DIR / f"{name}.tsv")
    assert rows, name
    dupes = [k for k, n in Counter(r[0] if len(cols) == 1 or "class" not in cols else (r[0], r[1])
                                   for r in rows).items() if n > 1]
    assert not dupes, f"{name}.tsv: duplicate entries {dupes[:10]}"
    for r in rows:
        assert len(r) <= len(cols), f"{name}.tsv: row {r} has more columns than the header {cols}"
        assert r[0] == r[0].strip() and r[0], f"{name}.tsv: entry {r!r}"


@pytest.mark.parametrize("name", NAMES)
def test_every_list_is_in_the_readme(name):
    readme = (lexicon.LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{name}.tsv`" in readme, f"README.md of the lexicon does not describe {name}.tsv"


def test_total_entries_are_well_over_a_thousand():
    total = sum(len(lexicon._parse(lexicon.LEXICON_DIR / f"{n}.tsv")) for n in NAMES)
    assert total > 1000, total


def test_one_given_name_has_one_gender():
    rows = lexicon._parse(lexicon.LEXICON_DIR / "given_names.tsv")
    genders: dict[str, set[str]] = {}
    for name, gender in rows:
        genders.setdefault(name, set()).add(gender)
    assert not [n for n, g in genders.items() if len(g) > 1]


def test_a_user_folder_extends_and_removes_entries(tmp_path, monkeypatch):
    heads = lexicon.words("role_heads")
    assert "chair" in heads and "wavewarden" not in heads
    (tmp_path / "role_heads.tsv").write_text("# word\nwavewarden\n-chair\n", encoding="utf-8")
    try:
        lexicon.extend(tmp_path)
        assert "wavewarden" in heads and "chair" not in heads  # the same set object, updated in place
        assert "wavewarden" in lexicon.ROLE_HEADS
    finally:
        lexicon._extra_dirs.remove(tmp_path)
        lexicon.reload()
    assert "chair" in heads and "wavewarden" not in heads


def test_a_missing_list_or_folder_is_a_clear_error(tmp_path):
    with pytest.raises(lexicon.LexiconError, match="no such lexicon"):
        lexicon.words("no_such_list")
    with pytest.raises(lexicon.LexiconError, match="not a folder"):
        lexicon.extend(tmp_path / "absent")
