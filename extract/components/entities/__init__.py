"""`cooptool_entities`: resolve the model's entity mentions into canonical entities per document.

What it fixes on top of the statistical NER:
- acronym definitions ("China International Youth Exchange Center (CIYEC)") give an
  organisation with its alias, and every later "CIYEC" is that organisation;
- short forms ("JA Solar" for "JA Solar Technology Co., Ltd.", "Dell" for "Dell Technologies")
  and surnames ("Hart", "Wang") join the entity they abbreviate, the nearest preceding one
  when several fit;
- one label per entity, voted from all its mentions with naming evidence (designators such as
  "Co., Ltd.", acronym definitions), so "JA Solar" is never a PERSON nor "Wang" an ORG;
- leading "the", honorifics and job titles are trimmed from names.

It rewrites `doc.ents` (each span's `kb_id_` is the entity id) and sets `doc._.entities`:
a list of plain dicts `{id, name, label, aliases, mentions: [[start, end, text], ...]}`, plus
`rules` (sorted rule names) on an entity that a rule of the `entity` family made or renamed.

Where things live:
- `stages.py`: the resolver's steps, `STAGES`, an ordered list of functions over one `Resolution`
  (the per-document state);
- `acronyms.py`, `finders.py`: the rules that find names in the text (`entity.acronym`,
  `entity.institution`, `entity.appositive_person`, ...) and the passes that fold them in;
- `linking.py`: short forms, variants, initials, the rescan, definite references, label corrections;
- `trim.py`: name trimming; `names.py`: the word lists read and the mention/cluster types.
"""

from __future__ import annotations

from pathlib import Path

import orjson
from spacy.language import Language
from spacy.tokens import Doc, Span

from cooptool.extract import lexicon
from cooptool.extract.aliases import AliasTable, load_aliases
from cooptool.extract.components.context import _KEY as _CONTEXT_KEY
from cooptool.extract.components.context import context_of
from cooptool.extract.components.entities.acronyms import find_acronyms, schwartz_hearst
from cooptool.extract.components.entities.finders import (
    _add_sunday_papers,
    find_appositive_people,
    find_institutions,
    find_role_employers,
)
from cooptool.extract.components.entities.names import (
    NAMED_LABELS,
    Cluster,
    Mention,
    clean_name,
    company_short_forms,
    label_from_name,
    norm_key,
)
from cooptool.extract.components.entities.stages import STAGES, Resolution
from cooptool.extract.components.entities.trim import trim
from cooptool.extract.records import entity_id

__all__ = [
    "NAMED_LABELS", "STAGES", "Cluster", "EntityResolver", "Mention", "Resolution", "clean_name",
    "company_short_forms", "entity_index", "find_acronyms", "find_appositive_people", "find_institutions",
    "find_role_employers", "make_entity_resolver", "norm_key", "relabel", "trim",
]

# Older names, kept for callers and tests that import them.
_schwartz_hearst = schwartz_hearst
_trim = trim
_add_sunday_papers = _add_sunday_papers

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)


class EntityResolver:
    """Runs `STAGES` over a fresh `Resolution` per document; holds configuration only."""

    def __init__(self, nlp: Language, name: str, min_alias_chars: int = 2, aliases: str | None = None,
                 lexicon_dir: str | None = None):
        self.name = name
        self.min_alias_chars = min_alias_chars
        if lexicon_dir:
            lexicon.extend(lexicon_dir)
            label_from_name.cache_clear()  # its answers depend on the word lists
        self.user_aliases: AliasTable | None = load_aliases(aliases) if aliases else None

    def set_aliases(self, table: AliasTable | None) -> None:
        """Use a user alias table (alias → canonical name): it renames and merges entities."""
        self.user_aliases = table

    def to_disk(self, path, *, exclude=()) -> None:
        """The alias table goes with a saved pipeline, however it was set (config path or `set_aliases`)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        pairs = _alias_pairs(self.user_aliases) if self.user_aliases else None
        (path / "aliases.json").write_bytes(orjson.dumps(pairs))

    def from_disk(self, path, *, exclude=()) -> EntityResolver:
        saved = Path(path) / "aliases.json"
        if saved.is_file():
            pairs = orjson.loads(saved.read_bytes())
            self.user_aliases = _alias_table(pairs) if pairs is not None else None
        return self

    def __call__(self, doc: Doc) -> Doc:
        state = Resolution(doc, self.min_alias_chars, self.user_aliases)
        for stage in STAGES:
            stage(state)
        if _CONTEXT_KEY in doc.user_data:  # a context built before the resolver: its entity views are stale
            context_of(doc).entities_changed()
        return doc


def _alias_pairs(table: AliasTable) -> list[list[str]]:
    """[alias, canonical] pairs that rebuild `table`; a canonical name stands as its own alias."""
    pairs = []
    for norm_canon, forms in table.aliases.items():
        canon = table.canonical[norm_canon]
        pairs += [[canon, canon]] + [[alias, canon] for alias in forms]
    return pairs


def _alias_table(pairs: list[list[str]]) -> AliasTable:
    table = AliasTable()
    for alias, canon in pairs:
        table.add(alias, canon)
    return table


@Language.factory("cooptool_entities", default_config={"min_alias_chars": 2, "aliases": None, "lexicon": None},
                  requires=["doc.ents"], assigns=["doc.ents", "doc._.entities"])
def make_entity_resolver(nlp: Language, name: str, min_alias_chars: int, aliases: str | None,
                         lexicon: str | None) -> EntityResolver:
    """`aliases`: optional path of a user alias file (JSON or CSV, alias → canonical name).
    `lexicon`: optional folder of word lists that extend the bundled ones (`cooptool.extract.lexicon`)."""
    return EntityResolver(nlp, name, min_alias_chars, aliases, lexicon)


def entity_index(doc: Doc) -> dict[str, dict]:
    """Entity dicts of `doc._.entities` by id."""
    return {e["id"]: e for e in (doc._.entities or [])}


def relabel(doc: Doc, eid: str, label: str) -> dict | None:
    """Give an entity a new label (and id) when later rules prove the model wrong.

    Used when a pattern shows what a name is ("an analyst at Carter Hollis": an organisation).
    Returns the updated entity dict.
    """
    ents = doc._.entities or []
    target = next((e for e in ents if e["id"] == eid), None)
    if target is None or target["label"] == label:
        return target
    new_id = entity_id(label, target["name"])
    target["label"], target["id"] = label, new_id
    doc.ents = [Span(doc, s.start, s.end, label=label, kb_id=new_id) if s.kb_id_ == eid else s for s in doc.ents]
    if _CONTEXT_KEY in doc.user_data:
        context_of(doc).ents_changed()
    return target
