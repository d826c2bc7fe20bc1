from cooptool.extract.structure import analyse, is_chrome, looks_like_heading

ARTICLE = """Wind Farms Expand Along the Coast

2023-05-04 09:30:00 Source:Harbour Weekly Author:senior correspondent ANNA BERG
【Close】 【Print】 BigMiddleSmall

The coastal region approved three new wind farms on Tuesday, officials said.

Building the Grid

Engineers expect the first turbines to turn next spring.

Share to:

Copyright © 2001 - 2023
"""


def test_headline_byline_and_chrome():
    layout = analyse(ARTICLE)
    assert layout.title == "Wind Farms Expand Along the Coast"
    assert layout.published == "2023-05-04T09:30:00"
    assert layout.source == "Harbour Weekly"
    assert layout.author == "Anna Berg"
    assert layout.author_role == "senior correspondent"
    s, e = layout.author_span
    assert ARTICLE[s:e] == "ANNA BERG"
    kinds = {ARTICLE[seg.start:seg.end]: seg.kind for seg in layout.segments}
    assert kinds["【Close】 【Print】 BigMiddleSmall"] == "chrome"
    assert kinds["Building the Grid"] == "heading"
    assert kinds["Share to:"] == "chrome"
    assert kinds["Copyright © 2001 - 2023"] == "chrome"
    assert kinds["Engineers expect the first turbines to turn next spring."] == "body"


def test_masking_keeps_offsets_and_prose():
    layout = analyse(ARTICLE)
    masked = layout.masked(ARTICLE)
    assert len(masked) == len(ARTICLE)
    assert "BigMiddleSmall" not in masked and "Building the Grid" not in masked
    i = ARTICLE.index("The coastal region")
    assert masked[i:i + 40] == ARTICLE[i:i + 40]


def test_heading_and_chrome_detectors():
    assert looks_like_heading("Seeking Green Innovation")
    assert not looks_like_heading("Prices rose sharply in March.")
    assert not looks_like_heading("the market is open")
    assert is_chrome("Share to:")
    assert not is_chrome("Shares rose 5% in early trading.")


def test_plain_article_without_byline():
    text = "Bank raises rates\n\nThe central bank raised its main rate to 4.75% on Thursday.\n"
    layout = analyse(text)
    assert layout.title == "Bank raises rates"
    assert layout.author is None and layout.published is None
    assert [s.kind for s in layout.segments] == ["title", "body"]
