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


CAPTIONED = """Ferry Line Reopens

The ferry line between the two islands reopened on Friday after a year of repairs.

Dock workers are painting the hull of the Aurora ferry at the Westhaven yard. The ship carries 400 passengers.

The operator said demand was strong.

A mechanic is checking the engine room of the Aurora.

Travellers are hoping for lower fares, the operator said.
"""


def test_captions_are_recognised_and_stay_visible():
    layout = analyse(CAPTIONED)
    captions = [CAPTIONED[s.start:s.end] for s in layout.spans("caption")]
    assert captions == ["Dock workers are painting the hull of the Aurora ferry at the Westhaven yard.",
                        "A mechanic is checking the engine room of the Aurora."]
    # The sentence after a caption in the same paragraph is prose; captions are not masked.
    body = [CAPTIONED[s.start:s.end] for s in layout.spans("body")]
    assert "The ship carries 400 passengers." in body
    assert "Travellers are hoping for lower fares, the operator said." in body
    masked = layout.masked(CAPTIONED)
    assert "Westhaven yard" in masked and "Ferry Line Reopens" not in masked


def test_explicit_photo_credit_is_a_caption():
    text = "Mayor Opens Bridge\n\nThe bridge opened today.\n\nThe mayor at the ribbon (Photo: Lena Voss)\n\nTraffic was light.\n"
    layout = analyse(text)
    assert [text[s.start:s.end] for s in layout.spans("caption")] == ["The mayor at the ribbon (Photo: Lena Voss)"]


def test_dateline_place_stays_visible():
    text = "Port Strike Ends\n\nHAVENPORT, Norland 2023-06-01\n\nDock workers returned to work on Thursday.\n"
    layout = analyse(text)
    assert layout.published == "2023-06-01"
    masked = layout.masked(text)
    assert "HAVENPORT, Norland" in masked and "2023-06-01" not in masked
