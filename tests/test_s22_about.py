"""What a figure measures (issue 17, stop 22): one test per kind of error a reader found in `about`, on
sentences written for the tests."""

import pytest

from tests.test_fact_about import one

pytestmark = pytest.mark.model


def test_a_unit_of_size_is_never_the_about(nlp):
    text = "The new bridge stretches 1,200 metres in length and 30 metres in width."
    assert one(nlp, text, "1,200")["about"] == "bridge length"
    assert one(nlp, text, "30")["about"] == "bridge width"
    assert one(nlp, "Each sheet of the foil is 50 micrometres thick.", "50")["about"] == "sheet thickness"


def test_counted_things_in_a_place_stay_counted(nlp):
    assert one(nlp, "The Harwell mill has 300 looms in operation.", "300")["about"] != "looms operation"


def test_a_count_after_a_change_is_the_level_of_what_changed(nlp):
    text = "Jobless claims in Harwell rose 2,000 in March to 31,000 people."
    assert one(nlp, text, "31,000")["about"] == "Jobless claims"
    assert one(nlp, "Harwell Motors will trim its workforce to 9,000 staff.", "9,000")["about"] == "workforce"
    # the object names whom the change is of, so the count keeps its own things
    assert one(nlp, "The pact will expand the Harwell Union to 30 states.", "30")["about"] != "pact"
