"""The quote scanner on hand-written strings (no model needed)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cooptool.extract.components.quotes import find_quotes


def inside(text):
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_curly_and_straight():
    assert inside("“Rates will fall,” she said. \"Soon.\"") == ["Rates will fall,", "Soon."]


def test_mixed_marks_pair_up():
    assert inside("He called it “a disaster\" and left.") == ["a disaster"]


def test_quote_over_paragraphs_shares_one_chain():
    text = "She said: “First part.\n\n“Second part.\n\n“Last part.”\n\nNext story."
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["First part.", "Second part.", "Last part."]
    assert len({q.chain for q in quotes}) == 1
    assert all(q.closed for q in quotes)


def test_unclosed_quote_ends_at_its_paragraph():
    text = "He warned: “Prices will rise\n\nThe market fell."
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["Prices will rise"]
    assert quotes[0].closed is False


def test_two_apostrophes_typed_for_a_double_mark():
    text = "''We will appeal,'' the coach said, ''and we expect to win.'' His rivals' fans cheered."
    assert inside(text) == ["We will appeal,", "and we expect to win."]
    # A single mark closing right before the double one.
    assert inside("He said, ''voters see the 'wrong track.'''") == ["voters see the 'wrong track.'"]


def test_stray_closing_mark_and_apostrophes_are_ignored():
    assert inside("It’s the firm’s view” that “costs matter”.") == ["costs matter"]


def test_flattened_paragraphs_start_a_new_piece():
    text = 'Ann Lee said: "We tried hard. "We failed. "We will try again."'
    assert inside(text) == ["We tried hard.", "We failed.", "We will try again."]


@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”\"'’:")), max_size=80))
def test_never_crashes_and_offsets_are_inside_the_text(text):
    for q in find_quotes(text):
        assert 0 <= q.open_at < q.start <= q.end <= len(text)


@pytest.mark.parametrize("text", ["", "“", "”", '"', "\n\n“\n\n”"])
def test_degenerate_inputs(text):
    assert isinstance(find_quotes(text), list)
