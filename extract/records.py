"""Record types of the JSON Lines store (schema v1), defined once.

Every record is one JSON object on one line with at least `type`, `v` (schema version) and `doc`
(the document id). The dataclasses below are the single definition of each record's fields: their
types, whether they may be null, whether they are required, and what they mean. From them come

- `json_schema()`: the JSON Schema in `data/records.schema.json` (regenerate it with
  `python -m cooptool.extract.records --schema > extract/data/records.schema.json`; a test fails when
  the committed file differs);
- `field_names(type)` / `keys(type, ...)`: the keys the CLI and the exporters show;
- `make(type, doc, **fields)`: the plain dict a component's record becomes. Records stay dicts on the
  extraction path (they cross process boundaries and serialise with orjson without adapters); in
  strict mode (`COOPTOOL_STRICT_RECORDS=1`, on by default under pytest) `make` refuses a key that
  the record type does not define, or a missing required one.

`from_dict(record)` gives the typed record of a store line (unknown keys are refused).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import sys
import types
import typing
import unicodedata
from dataclasses import MISSING, dataclass
from functools import cache
from typing import Any, ClassVar, Literal

import orjson

SCHEMA_VERSION = 1
RECORD_TYPES = ("document", "entity", "affiliation", "claim", "fact", "event")

# Sorted keys make a store byte-identical across runs (and across --jobs).
_DUMP_OPTS = orjson.OPT_SORT_KEYS


class _Absent:
    """The default of an optional field: the key is left out of the record (not null)."""

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Any = _Absent()


def _field(description: str, default: Any = MISSING, *, schema: dict | None = None, **keywords) -> Any:
    """A record field: its one-line description, its default (none: the field is required), and
    JSON Schema keywords beyond its type (`minimum`, ...) or a whole `schema` replacing the one its
    type gives."""
    meta = {"description": description, "keywords": keywords, "schema": schema}
    if isinstance(default, list):
        return dataclasses.field(default_factory=list, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def _offset(description: str = "", default: Any = MISSING) -> Any:
    """A character offset into the document text (null when the text has no span for it)."""
    return _field(description, default, minimum=0)


def _legacy_or_rule(family: str, legacy: tuple[str, ...]) -> dict:
    """A `pattern`: a coarse name of the pre-rule code, or a rule name of the family's registry."""
    return {"anyOf": [{"enum": list(legacy)},
                      {"type": "string", "pattern": rf"^{family}\.[A-Za-z0-9_.+-]+$"}]}


@dataclass(kw_only=True)
class Record:
    """What every record has."""

    TYPE: ClassVar[str] = ""
    type: str = _field("the record type", "")
    v: int = _field("schema version", SCHEMA_VERSION)
    doc: str = _field("document id: first 16 hex digits of the SHA-256 of its text")

    def __post_init__(self) -> None:
        self.type = self.TYPE

    def to_dict(self) -> dict:
        """The store form (a dict): optional fields that were not given are left out."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is ABSENT:
                continue
            out[f.name] = [dataclasses.asdict(m) if dataclasses.is_dataclass(m) else m for m in value] \
                if isinstance(value, list) else value
        return out


@dataclass(kw_only=True)
class Document(Record):
    """One article; the last record of its block, written once the other records are."""

    TYPE: ClassVar[str] = "document"
    path: str | None = _field("where the text was read: a file path, `FILE#id` for a JSON Lines line, <stdin>")
    title: str | None = _field("the headline, from the input's metadata or the text's first line")
    published: str | None = _field("ISO 8601")
    source: str | None = _field("the publisher, from the metadata or a 'Source:' line")
    author: str | None = _field("the byline's author")
    words: int = _field("tokens that are neither space nor punctuation", minimum=0)
    chars: int = _field("characters of the text", ABSENT, minimum=0)
    headings: list[str] = _field("subheadings in the text", [])
    captions: list[str] = _field("photo captions: entities are read from them, facts are not", [])


@dataclass(kw_only=True)
class Mention:
    """Where an entity is named in the text."""

    start: int | None = _offset("first character")
    end: int | None = _offset("character after the last")
    text: str = _field("the mention as written")


@dataclass(kw_only=True)
class Entity(Record):
    """A person, organisation, place ... resolved across its mentions in one document."""

    TYPE: ClassVar[str] = "entity"
    id: str = _field("label:slug of the canonical name; stable across documents")
    name: str = _field("the canonical name")
    label: str = _field("the spaCy entity label (PERSON, ORG, GPE, ...)")
    aliases: list[str] = _field("other names of the entity in the document")
    mentions: list[Mention] = _field("every mention of the entity in the text")
    rules: list[str] = _field("names of the entity rules that shaped it, sorted (possibly empty)", [])


@dataclass(kw_only=True)
class Affiliation(Record):
    """Who holds which role at which organisation, as one sentence says."""

    TYPE: ClassVar[str] = "affiliation"
    person: str = _field("canonical name of the person")
    person_id: str = _field("entity id of the person", ABSENT)
    role: str | None = _field("the role as worded; null when the text names no role (\"X of Y\", \"Y's X\")")
    org: str = _field("canonical name of the organisation")
    org_id: str = _field("entity id of the organisation", ABSENT)
    org_aliases: list[str] = _field("other names of the organisation")
    evidence: str | None = _field("the sentence")
    start: int | None = _offset("start of the evidence")
    end: int | None = _offset("end of the evidence")
    person_start: int | None = _offset("start of the person's mention", ABSENT)
    person_end: int | None = _offset("end of the person's mention", ABSENT)
    org_start: int | None = _offset("start of the organisation's mention", ABSENT)
    org_end: int | None = _offset("end of the organisation's mention", ABSENT)
    pattern: str = _field("the rule that found it", ABSENT, schema=_legacy_or_rule(
        "affiliation", ("apposition", "title", "role-comma", "copula", "byline", "of", "possessive", "government",
                        "context")))
    confidence: float = _field("how sure the rule is, 0 to 1", minimum=0, maximum=1)
    status: Literal["current", "former", "incoming"] = _field(
        "former/ex-/then/outgoing: former; new/appointed/incoming/-elect: incoming", ABSENT)


@dataclass(kw_only=True)
class Claim(Record):
    """An attributed statement: a direct quote, or reported speech, belief or intention."""

    TYPE: ClassVar[str] = "claim"
    speaker: str | None = _field("canonical name of the person, or of the organisation when it speaks itself; "
                                 "null when unnamed (a spokesman, analysts)")
    speaker_id: str | None = _field("entity id of the speaker", ABSENT)
    speaker_type: Literal["PERSON", "ORG", "GPE"] | None = _field("the speaker's entity label")
    speaker_aliases: list[str] = _field("other names of the speaker", ABSENT)
    speaker_mention: str | None = _field("the speaker as written at this claim (she, the company)", ABSENT)
    role: str | None = _field("the speaker's role, from the affiliations of the same document")
    org: str | None = _field("the speaker's organisation, from the affiliations of the same document")
    org_aliases: list[str] = _field("other names of the speaker's organisation", ABSENT)
    text: str = _field("the content, quote marks stripped: the document text[start:end]")
    direct: bool = _field("true inside quotation marks")
    cue: str = _field("the cue as written: said, added, hoped, told, According to, a colon or a dash")
    evidence: str | None = _field("the sentence or sentences")
    confidence: float = _field("how sure the rule is, 0 to 1", minimum=0, maximum=1)
    pattern: str = _field("the rule that found it", ABSENT, schema=_legacy_or_rule(
        "claim", ("reported", "object", "according", "quote", "quote-inherited", "transcript", "dash")))
    start: int | None = _offset("start of the content")
    end: int | None = _offset("end of the content")
    speaker_start: int | None = _offset("start of the speaker's mention")
    speaker_end: int | None = _offset("end of the speaker's mention")
    cue_start: int | None = _offset("start of the cue", ABSENT)
    cue_end: int | None = _offset("end of the cue", ABSENT)
    pieces: list[tuple[int | None, int | None]] = _field(
        "[start, end] of each part of the content: one part, or the parts of a quote split by its cue "
        "('“A,” she said. “B.”'); text is the parts joined by ' … '", ABSENT,
        schema={"type": "array", "items": {"type": "array", "items": {"type": ["integer", "null"], "minimum": 0},
                                           "minItems": 2, "maxItems": 2}})


@dataclass(kw_only=True)
class Fact(Record):
    """A number in the text, with what it measures and whom it is about."""

    TYPE: ClassVar[str] = "fact"
    subject: str | None = _field("canonical name of the entity the number is about; null only when the sentence "
                                 "and its context name none")
    subject_id: str | None = _field("entity id of the subject", ABSENT)
    subject_aliases: list[str] = _field("other names of the subject", ABSENT)
    subject_via: Literal["syntax", "sentence", "previous"] | None = _field(
        "how the subject was found: the parse, the nearest organisation of the sentence, or the organisation "
        "an anaphor ('it', 'the company') refers to", ABSENT)
    kind: Literal["money", "percent", "quantity", "count"] = _field("what sort of number")
    value: float = _field("the amount as a number (60000000 for 'US $60 million'; 2.47 for '247p'); "
                          "the low end of a range")
    value_max: float | None = _field("the high end of a range ('80,000-100,000')", ABSENT)
    currency: str | None = _field("ISO 4217 code for money", ABSENT)
    unit: str | None = _field("'%', 'percentage points', 'GW', 'barrels a day', or the counted noun "
                              "('member companies')", ABSENT)
    approx: str | None = _field("nearly, about, more than, less than, up to, at least, estimated ...", ABSENT)
    change: Literal["up", "down"] | None = _field("the direction of a change", ABSENT)
    text: str = _field("the amount as written")
    about: str | None = _field("what the number measures, in the article's words", ABSENT)
    place: str | None = _field("where it applies", ABSENT)
    date: str | None = _field("ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)", ABSENT)
    date_text: str | None = _field("the date as written", ABSENT)
    period: str | None = _field("the time the number refers to, as written without its preposition ('the third "
                                "quarter', '2004', 'a year earlier'); not the article's date", ABSENT)
    source: str | None = _field("who states the number when it is not its subject ('Ofcom said BT would cut "
                                "prices by 8%': Ofcom)", ABSENT)
    pattern: str = _field("the rules that found the subject and the about, 'SUBJECT_RULE+ABOUT_RULE' "
                          "(e.g. 'fact.subject.clause_subject+fact.about.verb_object'); no_subject / no_about "
                          "when none applied", ABSENT)
    converted: list[dict] = _field("the same amount in other currencies, as bracketed after it", ABSENT)
    evidence: str = _field("the sentence")
    start: int | None = _offset("start of the evidence")
    end: int | None = _offset("end of the evidence")
    text_start: int | None = _offset("start of the amount")
    text_end: int | None = _offset("end of the amount")


@dataclass(kw_only=True)
class Event(Record):
    """A named or described event: a meeting, summit, conference, signing ..."""

    TYPE: ClassVar[str] = "event"
    name: str = _field("the event's name")
    aliases: list[str] = _field("other names of the event", ABSENT)
    kind: str = _field("the kind of event, from extract/data/lexicon/event_nouns.tsv ('meeting', 'summit', "
                              "'conference', 'signing', ...)", ABSENT)
    pattern: str = _field("the rule that found the event ('event.named.head', 'event.named.held', 'event.named.known', "
                          "'event.named.model', 'event.described.hosted', 'event.described.attended', "
                          "'event.described.at_their', 'event.described.modified', 'event.signing')", ABSENT)
    date: str | None = _field("ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
    date_text: str | None = _field("the date as written", ABSENT)
    place: str | None = _field("where it takes place")
    organizers: list[str] = _field("canonical names of who hosts, holds or organises it")
    participants: list[str] = _field("who attends or signs")
    actor_aliases: list[str] = _field("other names of the organisers and participants", ABSENT)
    evidence: str = _field("the sentence")
    start: int | None = _offset("start of the evidence")
    end: int | None = _offset("end of the evidence")
    name_start: int | None = _offset("start of the name", ABSENT)
    name_end: int | None = _offset("end of the name", ABSENT)


RECORD_CLASSES: dict[str, type[Record]] = {cls.TYPE: cls for cls in (Document, Entity, Affiliation, Claim, Fact, Event)}
assert tuple(RECORD_CLASSES) == RECORD_TYPES


# ---- fields -------------------------------------------------------------------------------------

@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def field_names(type_: str) -> tuple[str, ...]:
    """Every key a record of this type may have, in definition order."""
    return tuple(f.name for f in dataclasses.fields(RECORD_CLASSES[type_]))


@cache
def required_names(type_: str) -> frozenset[str]:
    """The keys every record of this type has."""
    return frozenset(f.name for f in dataclasses.fields(RECORD_CLASSES[type_])
                     if f.default is MISSING and f.default_factory is MISSING)


def keys(type_: str, *names: str, derived: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Output keys of a command: fields of the record type (checked when the command module is
    imported, so a renamed field cannot silently show empty columns) plus the `derived` keys the
    command computes itself."""
    known = set(field_names(type_)) | set(derived)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(f"{type_} records have no field {', '.join(unknown)}")
    return names


def describe(type_: str, name: str) -> str:
    """The one-line description of a field."""
    for f in dataclasses.fields(RECORD_CLASSES[type_]):
        if f.name == name:
            return f.metadata["description"]
    raise KeyError(f"{type_} records have no field {name}")


# ---- JSON Schema --------------------------------------------------------------------------------

_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", dict: "object",
               type(None): "null"}


def _type_schema(hint: Any) -> dict:
    """The JSON Schema of a Python type hint (the subset the records use)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _JSON_TYPES:
        return {"type": _JSON_TYPES[hint]}
    if dataclasses.is_dataclass(hint):
        return _object_schema(hint)
    if origin is Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if len(members) == 1 and typing.get_origin(members[0]) is Literal:
            return {"enum": [*typing.get_args(members[0]), None]}
        if all(m in _JSON_TYPES for m in members):
            return {"type": [_JSON_TYPES[m] for m in members] + ["null"]}
    raise TypeError(f"no JSON Schema for the type {hint!r}")


def _property(cls: type, f: dataclasses.Field) -> dict:
    prop = dict(f.metadata["schema"] or _type_schema(_hints(cls)[f.name]))
    prop.update(f.metadata["keywords"])
    if f.metadata["description"]:
        prop["description"] = f.metadata["description"]
    return prop


def _object_schema(cls: type) -> dict:
    fields = dataclasses.fields(cls)
    props = {f.name: _property(cls, f) for f in fields if f.name not in ("v", "doc")}
    if issubclass(cls, Record):
        props["type"] = {"const": cls.TYPE}
    required = [f.name for f in fields if f.default is MISSING and f.default_factory is MISSING
                and f.name not in ("v", "doc")]
    schema: dict = {"description": (cls.__doc__ or "").strip(), "type": "object"} if not issubclass(cls, Record) \
        else {"description": (cls.__doc__ or "").strip()}
    schema["properties"] = props
    schema["required"] = (["type"] if issubclass(cls, Record) else []) + required
    return schema


def json_schema() -> dict:
    """The JSON Schema (2020-12) of a store line, generated from the record classes."""
    base = dataclasses.fields(Record)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "cooptool/records.schema.json",
        "title": f"cooptool store record (schema v{SCHEMA_VERSION})",
        "description": "One JSON object per line of a cooptool store. Offsets are character offsets into the "
                       "document text exactly as read from its file. Generated from cooptool.extract.records: "
                       "do not edit.",
        "type": "object",
        "required": ["type", "v", "doc"],
        "properties": {
            "type": {"enum": list(RECORD_TYPES)},
            "v": {"const": SCHEMA_VERSION, "description": base[1].metadata["description"]},
            "doc": {"type": "string", "description": base[2].metadata["description"]},
        },
        "oneOf": [{"$ref": f"#/$defs/{t}"} for t in RECORD_TYPES],
        "$defs": {t: _object_schema(cls) for t, cls in RECORD_CLASSES.items()},
    }


def schema_text() -> str:
    """The committed form of the schema file: indented, keys in definition order, a final newline."""
    return orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2).decode() + "\n"


# ---- making and reading records -----------------------------------------------------------------

STRICT_ENV = "COOPTOOL_STRICT_RECORDS"


def strict_default() -> bool:
    """Strict record making: $COOPTOOL_STRICT_RECORDS=1, or under pytest (unless it is set to 0)."""
    value = os.environ.get(STRICT_ENV)
    if value is not None:
        return value not in ("", "0")
    return "PYTEST_CURRENT_TEST" in os.environ


class RecordError(ValueError):
    """A record with a key its type does not define, or without a required one."""


def check_keys(type_: str, keys_: typing.Iterable[str], *, complete: bool = False) -> None:
    """RecordError for a key the record type does not define (and, when `complete`, for a
    missing required one)."""
    if type_ not in RECORD_CLASSES:
        raise RecordError(f"unknown record type {type_!r}")
    given = set(keys_)
    unknown = given.difference(field_names(type_))
    missing = required_names(type_).difference(given) if complete else ()
    if unknown or missing:
        parts = ([f"unknown key(s) {', '.join(sorted(unknown))}"] if unknown else []) + (
            [f"missing required key(s) {', '.join(sorted(missing))}"] if missing else [])
        raise RecordError(f"{type_} record: " + "; ".join(parts))


def make(type_: str, doc: str, *, strict: bool | None = None, **fields) -> dict:
    """A record as the store holds it (a dict). Strict (default: `strict_default()`): only keys
    the record type defines (partial records stay possible: tests build small ones)."""
    rec = {"type": type_, "v": SCHEMA_VERSION, "doc": doc}
    rec.update(fields)
    if strict if strict is not None else strict_default():
        check_keys(type_, rec)
    return rec


def from_dict(record: dict) -> Record:
    """The typed record of a store line (RecordError for an unknown type or key)."""
    type_ = record.get("type")
    check_keys(type_, record, complete=True)
    cls = RECORD_CLASSES[type_]
    values = {k: v for k, v in record.items() if k != "type"}
    if cls is Entity and values.get("mentions"):
        values["mentions"] = [Mention(**m) if isinstance(m, dict) else m for m in values["mentions"]]
    return cls(**values)


def dumps(record: dict | Record) -> bytes:
    """One record as a JSON line (bytes, newline included)."""
    if isinstance(record, Record):
        record = record.to_dict()
    return orjson.dumps(record, option=_DUMP_OPTS | orjson.OPT_APPEND_NEWLINE)


def doc_id(text: str) -> str:
    """Documents are identified by the hash of their text, so re-runs never duplicate."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def entity_id(label: str, name: str) -> str:
    """Stable across documents and runs: the same canonical name gives the same id."""
    return f"{label.lower()}:{slug(name)}"


def document(doc: str, *, path: str | None, title: str | None, published: str | None,
             source: str | None, author: str | None, words: int, chars: int, **extra) -> dict:
    return make("document", doc, path=path, title=title, published=published, source=source,
                author=author, words=words, chars=chars, **extra)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["--schema"]:
        print("usage: python -m cooptool.extract.records --schema > extract/data/records.schema.json",
              file=sys.stderr)
        return 2
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
