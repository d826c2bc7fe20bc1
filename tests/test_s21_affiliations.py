"""Stop 21 affiliation changes, on sentences written for these tests (trained model needed)."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def _roles(nlp, text):
    return {(a["person"], a["org"]): (a["role"], a["status"]) for a in run_text(nlp, text)._.affiliations}


def test_former_written_before_the_title_stays_in_the_role(nlp):
    found = _roles(nlp, "Former Brantley Group chairman Victor Ames said the chain would grow.")
    assert found[("Victor Ames", "Brantley Group")] == ("former chairman", "former"), found


def test_current_role_gets_no_former(nlp):
    found = _roles(nlp, "Brantley Group chairman Victor Ames said the chain would grow.")
    assert found[("Victor Ames", "Brantley Group")] == ("chairman", "current"), found
