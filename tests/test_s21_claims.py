"""Stop 21, claims: speakers described by a role noun, headlines that report a statement."""

from __future__ import annotations

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def _claims(nlp, text: str) -> list[dict]:
    return run_text(nlp, text)._.claims


def _speaker_of(claims: list[dict], words: str) -> str | None:
    found = [c for c in claims if words in c["text"]]
    assert found, f"no claim holds {words!r}: {[c['text'] for c in claims]}"
    return found[0]["speaker"]


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
