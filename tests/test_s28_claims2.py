"""Stop 28, claims second round (issue 12), on sentences written here."""

from __future__ import annotations

import pytest

from cooptool.extract.components.claims.base import Claim, claim_with_cue
from tests.conftest import run_text

pytestmark = pytest.mark.model


def test_claim_with_cue_matches_a_fresh_token_of_the_same_position(nlp):
    doc = nlp.make_doc("Jane Doe said the plan was good.")
    known = [Claim.at_cue(doc[2], None, "test")]
    assert claim_with_cue(known, doc[2]) is known[0]  # doc[2] is a new Token object each time
    assert claim_with_cue(known, doc[1]) is None


def test_a_one_word_quote_after_a_reported_cue_is_no_claim(nlp):
    text = "Review\n\nThe ministry announced \"prematurely\" a review of the rules."
    claims = run_text(nlp, text)._.claims
    assert not any(c["text"].strip("\"“” .") == "prematurely" for c in claims)
