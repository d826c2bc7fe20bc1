"""Stop 21, claims: speakers described by a role noun, headlines that report a statement."""

from __future__ import annotations

import pytest

from tests.conftest import run_text
from tests.conftest import speaker_of as _speaker_of

pytestmark = pytest.mark.model


def _claims(nlp, text: str) -> list[dict]:
    return run_text(nlp, text)._.claims


def test_role_noun_goes_on_with_the_last_speaker(nlp):
    text = ("Trade\n\nMaria Keller, a professor at Linden University, said exports would grow this year. "
            "The economist said the outlook for imports was weaker.")
    assert _speaker_of(_claims(nlp, text), "outlook for imports") == "Maria Keller"


def test_role_noun_after_another_subject_stays_unnamed(nlp):
    text = ("Trade\n\nMaria Keller, a professor at Linden University, said exports would grow this year. "
            "Tom Berg then took the stage. The economist said the outlook for imports was weaker.")
    assert _speaker_of(_claims(nlp, text), "outlook for imports") is None


def test_role_noun_skips_a_speaker_inside_its_own_sentence(nlp):
    # "The president" in the reported content is not who "the analyst" is.
    text = ("Summit\n\nOmar Reyes, an adviser at the Harbor Institute, said the talks had gone well. "
            "The president promised that the port would reopen soon, the analyst said.")
    claims = _claims(nlp, text)
    outer = [c for c in claims if c["speaker_mention"] == "the analyst"]
    assert outer and outer[0]["speaker"] == "Omar Reyes"


def _run_with_title(nlp, text: str, title: str):
    from cooptool.extract.pipeline import prepare
    from cooptool.extract.readers import SourceDoc

    doc, _ = prepare(nlp, SourceDoc(text=text, path=None, meta={"title": title}))
    return nlp(doc)._.claims


def test_headline_claim_quotes_the_headline_text(nlp):
    text = "Ruth Mbeki says fuel tax will be cut by half\n\nGovernor Ruth Mbeki spoke to voters in Harlow on Monday."
    claims = [c for c in _claims(nlp, text) if c["pattern"] == "claim.headline"]
    assert len(claims) == 1
    c = claims[0]
    assert text[c["start"]:c["end"]] == c["text"] == "fuel tax will be cut by half"
    assert text[c["speaker_start"]:c["speaker_end"]] == "Ruth Mbeki"
    assert c["evidence"].startswith("Ruth Mbeki says")


def test_title_given_apart_is_not_laid_over_a_blanked_first_line(nlp):
    # A document whose title comes with it (JSON Lines) and whose own short first line was blanked:
    # the title is not at the start of the text, so no headline claim is made from it.
    text = "Harlow Weekly\n\nGovernor Ruth Mbeki spoke to voters in Harlow on Monday."
    claims = _run_with_title(nlp, text, "Ruth Mbeki says the fuel tax will be cut by half this year")
    assert not [c for c in claims if c["pattern"].startswith("claim.headline")]
