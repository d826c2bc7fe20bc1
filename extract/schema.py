"""A small validator for the subset of JSON Schema (2020-12) that `data/records.schema.json` uses.

Why not the `jsonschema` package: `cooptool check` is a query-side command and must start fast
with no extra dependency; the records schema needs only a handful of keywords. The test suite
cross-checks this validator against `jsonschema` (a dev dependency) on generated records, and
fails if the schema starts using a keyword this module does not implement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import Any

import orjson

# Keywords that only describe (never constrain) an instance.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default",
                         "examples", "deprecated", "readOnly", "writeOnly", "format"})
CHECKED = frozenset({"$ref", "type", "enum", "const", "required", "properties", "additionalProperties",
                     "items", "oneOf", "anyOf", "allOf", "minimum", "maximum", "exclusiveMinimum",
                     "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"})
SUPPORTED = ANNOTATIONS | CHECKED


class SchemaError(Exception):
    """The schema uses something this validator does not implement."""


@cache
def records_schema() -> dict:
    return orjson.loads(files("cooptool.extract").joinpath("data/records.schema.json").read_bytes())


def unsupported_keywords(schema: Any, path: str = "#") -> Iterator[str]:
    """Keywords in a schema that this validator would not check (so must not silently ignore)."""
    if isinstance(schema, dict):
        for key, sub in schema.items():
            if key not in SUPPORTED:
                yield f"{path}/{key}"
            if key in ("properties", "$defs"):
                for name, s in sub.items():
                    yield from unsupported_keywords(s, f"{path}/{key}/{name}")
            elif key in ("oneOf", "anyOf", "allOf"):
                for i, s in enumerate(sub):
                    yield from unsupported_keywords(s, f"{path}/{key}/{i}")
            elif key in ("items", "additionalProperties") and isinstance(sub, dict):
                yield from unsupported_keywords(sub, f"{path}/{key}")


def _is_type(value: Any, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise SchemaError(f"unknown JSON type {name!r}")


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 but True != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _show(value: Any) -> str:
    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode() if value is not None else "null"
    return text if len(text) <= 40 else text[:37] + "..."


def _add(out: list[str], path: str, msg: str) -> None:
    out.append(f"{path or 'record'}: {msg}")


class Validator:
    def __init__(self, schema: dict | None = None):
        self.root = schema if schema is not None else records_schema()
        bad = list(unsupported_keywords(self.root))
        if bad:
            raise SchemaError("schema keywords not implemented by cooptool.extract.schema: " + ", ".join(bad))

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#"):
            raise SchemaError(f"only local $ref is supported, not {ref!r}")
        node: Any = self.root
        for part in filter(None, ref[1:].split("/")):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def errors(self, instance: Any, schema: dict | None = None, path: str = "") -> list[str]:
        """Every violation, as 'path: message' ('' path is the record itself)."""
        schema = self.root if schema is None else schema
        out: list[str] = []
        if "$ref" in schema:
            out += self.errors(instance, self._resolve(schema["$ref"]), path)
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(instance, n) for n in names):
                _add(out, path, f"{_show(instance)} is not of type {' or '.join(names)}")
                return out  # further keywords would only repeat the type error
        for check in self._CHECKS:
            check(self, instance, schema, path, out)
        return out

    def _values(self, instance: Any, schema: dict, path: str, out: list[str]) -> None:
        if "const" in schema and not _equal(instance, schema["const"]):
            _add(out, path, f"{_show(instance)} is not {_show(schema['const'])}")
        if "enum" in schema and not any(_equal(instance, v) for v in schema["enum"]):
            _add(out, path, f"{_show(instance)} is not one of {_show(schema['enum'])}")

    _BOUNDS = (("minimum", lambda v, b: v >= b, "less than the minimum"),
               ("maximum", lambda v, b: v <= b, "greater than the maximum"),
               ("exclusiveMinimum", lambda v, b: v > b, "not greater than"),
               ("exclusiveMaximum", lambda v, b: v < b, "not less than"))

    def _number(self, instance: Any, schema: dict, path: str, out: list[str]) -> None:
        if _is_type(instance, "number"):
            for key, test, word in self._BOUNDS:
                if key in schema and not test(instance, schema[key]):
                    _add(out, path, f"{instance} is {word} {schema[key]}")

    def _string(self, instance: Any, schema: dict, path: str, out: list[str]) -> None:
        if isinstance(instance, str):
            if "minLength" in schema and len(instance) < schema["minLength"]:
                _add(out, path, f"shorter than {schema['minLength']} characters")
            if "maxLength" in schema and len(instance) > schema["maxLength"]:
                _add(out, path, f"longer than {schema['maxLength']} characters")
            if "pattern" in schema and not re.search(schema["pattern"], instance):
                _add(out, path, f"{_show(instance)} does not match {schema['pattern']!r}")

    def _array(self, instance: Any, schema: dict, path: str, out: list[str]) -> None:
        if not isinstance(instance, list):
            return
        if "minItems" in schema and len(instance) < schema["minItems"]:
            _add(out, path, f"fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            _add(out, path, f"more than {schema['maxItems']} items")
        if isinstance(schema.get("items"), dict):
            for i, item in enumerate(instance):
                out += self.errors(item, schema["items"], f"{path}[{i}]")

    def _object(self, instance: Any, schema: dict, path: str, out: list[str]) -> None:
        if not isinstance(instance, dict):
            return
        for key in schema.get("required", ()):
            if key not in instance:
                _add(out, path, f"missing required field {key!r}")
        props = schema.get("properties", {})
        for key, sub in props.items():
            if key in instance:
                out += self.errors(instance[key], sub, f"{path}.{key}" if path else key)
        extra = schema.get("additionalProperties", True)
        if extra is True:
            return
        for key in instance:
            if key in props:
                continue
            if extra is False:
                _add(out, path, f"unexpected field {key!r}")
            else:
                out += self.errors(instance[key], extra, f"{path}.{key}" if path else key)

    def _combined(self, instance: Any, schema: dict, path: str, out: list[str]) -> None:
        for sub in schema.get("allOf", ()):
            out += self.errors(instance, sub, path)
        if "anyOf" in schema:
            branches = [self.errors(instance, sub, path) for sub in schema["anyOf"]]
            if all(branches):
                _add(out, path, "matches none of the allowed forms: " + "; ".join(min(branches, key=len)))
        if "oneOf" in schema:
            out += self._one_of(instance, schema["oneOf"], path, lambda msg: _add(out, path, msg))

    # In this order, so messages come as before: values, bounds, strings, items, fields, combinations.
    _CHECKS = (_values, _number, _string, _array, _object, _combined)

    def _one_of(self, instance: Any, branches: list[dict], path: str, add) -> list[str]:
        results = [self.errors(instance, sub, path) for sub in branches]
        passing = sum(1 for r in results if not r)
        if passing == 1:
            return []
        if passing > 1:
            add(f"matches {passing} of the forms where exactly one is allowed")
            return []
        # Report the errors of the branch meant by the record's "type" (its discriminator).
        if isinstance(instance, dict):
            for sub, errs in zip(branches, results, strict=True):
                target = self._resolve(sub["$ref"]) if "$ref" in sub else sub
                if _equal(target.get("properties", {}).get("type", {}).get("const"), instance.get("type")):
                    return errs
        return [f"{path or 'record'}: matches none of the allowed forms"]

    def is_valid(self, instance: Any) -> bool:
        return not self.errors(instance)


@cache
def default_validator() -> Validator:
    return Validator()


def validate_record(record: dict) -> list[str]:
    """Violations of the records schema by one record (empty when it is valid)."""
    return default_validator().errors(record)
