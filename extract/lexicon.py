"""Word lists as data: `extract/data/lexicon/*.tsv`, one list per concept, loaded once.

    from cooptool.extract import lexicon
    ROLE_HEADS = lexicon.words("role_heads")          # a set of the first column
    COUNTRIES = lexicon.mapping("countries")          # first column -> second column
    CUES = lexicon.rows("cue_verbs")                   # every row, as a tuple of its columns

File format: UTF-8, tab-separated. Lines starting with `#` are comments; the first comment line names
the columns (`# word`, `# lemma<TAB>class`). The README beside the files says where each list came
from; `tests/test_lexicon.py` checks every file for duplicates and class conflicts.

Extending a list without editing code: point `COOPTOOL_LEXICON` (a folder, or several joined with
`os.pathsep`) or the `lexicon` setting of the `cooptool_entities` component (`nlp.add_pipe(...,
config={"lexicon": "my_words/"})`) at a folder of files named like the bundled ones. Their rows are
added to the bundled list; a row whose first column starts with `-` takes that entry out
("-chair"). The lists are shared by the whole process and updated in place, so every component
sees the extension; sets built once from several lists at import (`A | B`) do not, so build those
with `lexicon.union(...)`, which is kept up to date as well.
"""

from __future__ import annotations

import os
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicon"
ENV_VAR = "COOPTOOL_LEXICON"

_rows: dict[str, list[tuple[str, ...]]] = {}
_words: dict[tuple[str, int], set[str]] = {}
_maps: dict[str, dict[str, str]] = {}
_wheres: dict[tuple[str, int, str, int], set[str]] = {}
_unions: list[tuple[tuple[str, ...], set[str]]] = []
_extra_dirs: list[Path] = []


class LexiconError(ValueError):
    """A lexicon file that is missing or malformed: names the file and line."""


def _parse(path: Path) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror or exc})") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = tuple(c.strip() for c in line.split("\t"))
        if not cols[0]:
            raise LexiconError(f"{path}:{n}: empty first column")
        out.append(cols)
    return out


def columns(name: str) -> tuple[str, ...]:
    """The column names the file's first comment line declares."""
    path = LEXICON_DIR / f"{name}.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return tuple(c.strip() for c in line[1:].split("\t"))
        break
    return ()


def names() -> list[str]:
    """The bundled lists."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.tsv"))


def _extension_dirs() -> list[Path]:
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return env + _extra_dirs


def _load(name: str) -> list[tuple[str, ...]]:
    path = LEXICON_DIR / f"{name}.tsv"
    if not path.is_file():
        raise LexiconError(f"{path}: no such lexicon (bundled lists: {', '.join(names())})")
    rows = _parse(path)
    for folder in _extension_dirs():
        extra = folder / f"{name}.tsv"
        if extra.is_file():
            for cols in _parse(extra):
                if cols[0].startswith("-"):
                    rows = [r for r in rows if r[0] != cols[0][1:]]
                else:
                    rows.append(cols)
    return rows


def rows(name: str) -> list[tuple[str, ...]]:
    """Every row of the list `name` (bundled plus extensions), in file order."""
    if name not in _rows:
        _rows[name] = _load(name)
    return _rows[name]


def words(name: str, column: int = 0) -> set[str]:
    """The distinct values of one column. The same set object is returned on every call and is
    updated in place by `extend`, so a module may bind it at import."""
    key = (name, column)
    if key not in _words:
        _words[key] = {r[column] for r in rows(name) if len(r) > column and r[column]}
    return _words[key]


def mapping(name: str, key: int = 0, value: int = 1) -> dict[str, str]:
    """Column `key` -> column `value` (a later row wins); updated in place by `extend`."""
    if name not in _maps:
        _maps[name] = {r[key]: r[value] for r in rows(name) if len(r) > max(key, value)}
    return _maps[name]


def _where(name: str, column: int, value: str, of: int) -> set[str]:
    return {r[of] for r in rows(name) if len(r) > max(column, of) and value in r[column].split(",")}


def where(name: str, column: int, value: str, of: int = 0) -> set[str]:
    """Values of column `of` on the rows whose column `column` (a comma list) has `value`: the cue
    verbs of one class. Shared and updated in place like `words`."""
    key = (name, column, value, of)
    if key not in _wheres:
        _wheres[key] = _where(*key)
    return _wheres[key]


def union(*list_names: str) -> set[str]:
    """The union of several lists' first columns, kept up to date by `extend`."""
    out: set[str] = set()
    for n in list_names:
        out |= words(n)
    _unions.append((list_names, out))
    return out


def extend(folder: str | os.PathLike) -> None:
    """Add the lists in `folder` to the bundled ones, for the whole process (see the module doc)."""
    path = Path(folder)
    if not path.is_dir():
        raise LexiconError(f"{path}: lexicon extension is not a folder")
    if path in _extra_dirs:
        return
    _extra_dirs.append(path)
    reload()


def reload() -> None:
    """Re-read every loaded list, updating the shared objects in place."""
    for name in list(_rows):
        _rows[name][:] = _load(name)
    for (name, column), target in _words.items():
        target.clear()
        target.update(r[column] for r in rows(name) if len(r) > column and r[column])
    for name, target in _maps.items():
        target.clear()
        target.update((r[0], r[1]) for r in rows(name) if len(r) > 1)
    for key, target in _wheres.items():
        target.clear()
        target.update(_where(*key))
    for list_names, target in _unions:
        target.clear()
        for n in list_names:
            target |= words(n)


# ---- lists every rule family shares --------------------------------------------------------------

# The last word of a job title ("chief executive", "policy adviser").
ROLE_HEADS = words("role_heads")
# Words that may sit inside a role before its head ("senior policy", "global vice").
ROLE_MODIFIERS = words("role_modifiers")
HONORIFICS = words("honorifics")
# Words that end company and institution names: evidence a span is an organisation.
ORG_DESIGNATORS = words("org_designators")
# Roles for which a country, government or party is the organisation ("UK chancellor Gordon Brown").
PUBLIC_OFFICES = words("public_offices")
# Country names as news writes them -> the short name used for "<country> government".
COUNTRIES = mapping("countries")
# Nationality adjectives -> the country ("Finnish Prime Minister" is Finland's).
DEMONYM_COUNTRY = mapping("demonyms")
# Common given names, for gender ("she said") and to tell a person from a firm ("Jim Press").
MALE_NAMES = {n for n, g in mapping("given_names").items() if g == "male"}
FEMALE_NAMES = {n for n, g in mapping("given_names").items() if g == "female"}

EVENT_WORDS = frozenset("summit conference expo olympics games congress convention talks cop".split())
# Determiners and prepositions that join a role to its organisation.
ROLE_ORG_PREPS = frozenset({"of", "at", "for", "with", "in", "from", "to"})
# Cabinet-style titles that name a government post without naming the government:
# "Education Secretary Ruth Kelly", "tourism minister X", "Chancellor Gordon Brown".
GOVERNMENT_TITLES = frozenset("secretary minister chancellor".split())
