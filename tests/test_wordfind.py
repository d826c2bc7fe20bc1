"""wordfind finds what the regular expressions it replaces found (rescan's alternation, the
word-bounded searches), on strings written here and on random ones."""

import random
import re

from cooptool.extract.components.wordfind import find_names, find_word


def _regex_word(text: str, word: str, hyphen: bool) -> int:
    inside = r"[\w-]" if hyphen else r"\w"
    m = re.search(rf"(?<!{inside}){re.escape(word)}(?!{inside})", text)
    return m.start() if m else -1


def _regex_names(text: str, forms: list[str]) -> list[tuple[int, int]]:
    alternatives = (r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_find_word_bounds():
    text = "The BA-led group, not BAE, said BA\u00a0would act; BA_x no."
    assert find_word(text, "BA") == text.index("BA\u00a0")
    assert find_word(text, "BA", hyphen=False) == text.index("BA-")
    assert find_word("abc", "b") == -1
    assert find_word("", "x") == -1


def test_find_names_longest_first_and_spaces():
    text = "Acme Holdings  said Acme\nHoldings and Acme-Plus; Acme rose."
    forms = ["Acme Holdings", "Acme"]
    assert find_names(text, forms) == _regex_names(text, forms)
    assert [text[s:e] for s, e in find_names(text, forms)] == ["Acme Holdings", "Acme\nHoldings", "Acme"]


def test_same_as_regex_on_random_strings():
    rng = random.Random(7)
    pieces = ["A", "B", "AB", "a", "-", "_", " ", "  ", "\n", "é", "1", ".", "&", "\u00a0"]
    words = ["", "A", "AB", "B", "A.", "é", "A&B"]
    form_pool = ["A", "AB", "B", "A B", "B A", "AB A", "A.", "BA", "A AB B"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        w = rng.choice(words)
        for hyphen in (True, False):
            assert find_word(text, w, hyphen=hyphen) == _regex_word(text, w, hyphen), (text, w)
        forms = sorted(rng.sample(form_pool, rng.randint(1, 4)), key=len, reverse=True)
        assert find_names(text, forms) == _regex_names(text, forms), (text, forms)
