"""The typed record definitions: the committed JSON Schema is the one they generate, strict record
making, typed round trips."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from importlib.resources import files

import orjson
import pytest

from cooptool.extract import records
from cooptool.extract.records import RECORD_CLASSES, RecordError, from_dict, make
from cooptool.extract.schema import Validator

SCHEMA_FILE = files("cooptool.extract").joinpath("data/records.schema.json")


def test_committed_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == records.schema_text(), (
        "regenerate: python -m cooptool.extract.records --schema > extract/data/records.schema.json")


def test_schema_command_prints_the_schema():
    out = subprocess.run([sys.executable, "-m", "cooptool.extract.records", "--schema"], capture_output=True,
                         check=True).stdout
    assert orjson.loads(out) == records.json_schema()
    bad = subprocess.run([sys.executable, "-m", "cooptool.extract.records"], capture_output=True)
    assert bad.returncode == 2 and b"usage" in bad.stderr


def test_every_field_says_what_it_is():
    for cls in RECORD_CLASSES.values():
        for f in dataclasses.fields(cls):
            assert f.metadata["description"].strip(), (cls.TYPE, f.name)


def test_strict_make_refuses_a_key_the_type_lacks():
    assert records.strict_default()  # on under pytest
    with pytest.raises(RecordError, match="unknown key.*speakr"):
        make("claim", "d1", speakr="Ann Lee", text="x")
    with pytest.raises(RecordError, match="unknown record type"):
        make("rumour", "d1")
    loose = make("claim", "d1", speakr="Ann Lee", strict=False)
    assert loose == {"type": "claim", "v": 1, "doc": "d1", "speakr": "Ann Lee"}


def test_strict_follows_the_environment(monkeypatch):
    monkeypatch.setenv(records.STRICT_ENV, "0")
    assert make("entity", "d1", colour="red")["colour"] == "red"
    monkeypatch.setenv(records.STRICT_ENV, "1")
    with pytest.raises(RecordError):
        make("entity", "d1", colour="red")


ENTITY = make("entity", "d1", id="org:acme", name="Acme", label="ORG", aliases=["Acme Corp"],
              mentions=[{"start": 0, "end": 4, "text": "Acme"}], rules=[])
CLAIM = make("claim", "d1", speaker=None, speaker_type=None, role=None, org=None, text="prices rise", direct=False,
             cue="said", evidence="Analysts said prices rise.", confidence=0.8, start=14, end=25,
             speaker_start=0, speaker_end=8, pattern="claim.reported.ccomp")


@pytest.mark.parametrize("record", [ENTITY, CLAIM])
def test_typed_round_trip(record):
    typed = from_dict(record)
    assert typed.to_dict() == record
    assert records.dumps(typed) == records.dumps(record)
    assert Validator().errors(record) == []


def test_typed_record_needs_its_required_fields():
    with pytest.raises(RecordError, match="missing required key.*name"):
        from_dict({"type": "entity", "v": 1, "doc": "d1", "id": "x"})


def test_an_entity_without_rules_gets_an_empty_list():
    old = {k: v for k, v in ENTITY.items() if k != "rules"}
    assert from_dict(old).rules == []


def test_rule_names_and_legacy_names_are_valid_patterns():
    v = Validator()
    assert v.errors({**CLAIM, "pattern": "reported"}) == []
    assert v.errors({**CLAIM, "pattern": "claim.according"}) == []
    assert v.errors({**CLAIM, "pattern": "affiliation.apposition"})  # another family's rule


def test_command_keys_are_checked_against_the_fields():
    assert records.keys("affiliation", "person", "org") == ("person", "org")
    assert records.keys("affiliation", "person", "status2", derived=("status2",)) == ("person", "status2")
    with pytest.raises(KeyError, match="persn"):
        records.keys("affiliation", "persn")
