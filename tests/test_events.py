"""The event component on sentences written for the tests, and on the bundled seed."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from tests.conftest import run_text

pytestmark = pytest.mark.model


def events_of(nlp, text):
    return run_text(nlp, text)._.events


def test_hosted_workshop_with_date_place_and_organisers(nlp):
    text = ("The Baltic Maritime Institute (BMI) and the Nordic Shipping Council hosted a workshop on port "
            "automation in Oslo on March 3, 2023.\n")
    (ev,) = events_of(nlp, text)
    assert ev["name"] == "workshop on port automation"
    assert (ev["date"], ev["place"]) == ("2023-03-03", "Oslo")
    assert ev["organizers"] == ["Baltic Maritime Institute", "Nordic Shipping Council"]
    assert text[ev["start"]:ev["end"]] == ev["evidence"]
    assert "BMI" in ev["actor_aliases"]


def test_named_conference_with_acronym_and_attendee(nlp):
    text = ("Mara Quint, chief executive of Helio Grid Ltd., attended the 12th World Conference on Grid Storage "
            "(WCGS12) convened in Lisbon.\n")
    (ev,) = events_of(nlp, text)
    assert ev["name"] == "12th World Conference on Grid Storage"
    assert ev["aliases"] == ["WCGS12"] and ev["place"] == "Lisbon"
    assert ev["participants"] == ["Mara Quint"]


def test_signing_between_parties(nlp):
    (ev,) = events_of(nlp, "Orvik Motors signed a supply agreement with Tamsin Steel in Gdansk.\n")
    assert ev["name"].startswith("signing of")
    assert set(ev["participants"]) == {"Orvik Motors", "Tamsin Steel"}


def test_wars_and_matches_are_not_gatherings(nlp):
    text = "Profits fell after the Gulf War and the World Cup final, analysts said.\n"
    assert events_of(nlp, text) == []


def test_seed_seminar(seed_store):
    result = CliRunner().invoke(app, ["events", "--store", str(seed_store), "--org", "CIYEC", "--format", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""
    (ev,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert "seminar" in ev["name"]
    assert (ev["date"], ev["place"]) == ("2024-01-19", "Beijing")
    assert ev["organizers"] == ["China International Youth Exchange Center", "American Chamber of Commerce in China"]


def test_seed_named_events(seed_store):
    result = CliRunner().invoke(app, ["events", "--store", str(seed_store), "--format", "jsonl"])
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    names = {r["name"] for r in rows} | {a for r in rows for a in r["aliases"]}
    assert {"San Francisco Summit", "COP28", "CIIE", "COP27"} <= names
    cop28 = next(r for r in rows if "COP28" in r["aliases"])
    assert cop28["place"] == "Dubai"
    ciie = next(r for r in rows if "CIIE" in r["aliases"])
    assert ciie["date"] == "2023"
    none = CliRunner().invoke(app, ["events", "--store", str(seed_store), "--name", "olympics"])
    assert none.exit_code == 1 and none.stdout == ""
