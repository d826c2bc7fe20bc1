"""Amount and date parsing on newsroom forms (sentences written for the tests; no model needed)."""

import pytest

from cooptool.extract.numbers import find_amounts, find_dates, is_year, parse_amount


@pytest.mark.parametrize(
    ("text", "kind", "value", "currency", "unit"),
    [
        ("£5.38bn", "money", 5_380_000_000, "GBP", None),
        ("$10bn", "money", 10_000_000_000, "USD", None),
        ("100m euros", "money", 100_000_000, "EUR", None),
        ("US $60 million", "money", 60_000_000, "USD", None),
        ("US$2.5m", "money", 2_500_000, "USD", None),
        ("HK$3.2bn", "money", 3_200_000_000, "HKD", None),
        ("3.5 billion yen", "money", 3_500_000_000, "JPY", None),
        ("€500m", "money", 500_000_000, "EUR", None),
        ("247p", "money", 2.47, "GBP", None),
        ("12 cents", "money", 0.12, "USD", None),
        ("70 euro cents", "money", 0.7, "EUR", None),
        ("18%", "percent", 18, None, "%"),
        ("5 per cent", "percent", 5, None, "%"),
        ("15.8percent", "percent", 15.8, None, "%"),  # glued, as some wire copy writes it
        ("2 percentage points", "percent", 2, None, "percentage points"),
        ("2 GW", "quantity", 2, None, "GW"),
        ("1.5m barrels per day", "quantity", 1_500_000, None, "barrels a day"),
        ("300 tonnes", "quantity", 300, None, "tonnes"),
        ("1,000", "count", 1000, None, None),
        ("eight", "count", 8, None, None),
        ("twenty-five", "count", 25, None, None),
    ],
)
def test_forms(text, kind, value, currency, unit):
    amount = parse_amount(text)
    assert amount is not None, text
    assert (amount.kind, amount.value, amount.currency, amount.unit) == (kind, value, currency, unit)


def test_range_with_unit_and_rate():
    a = parse_amount("80,000-100,000 barrels a day")
    assert (a.kind, a.value, a.value_max, a.unit) == ("quantity", 80_000, 100_000, "barrels a day")


def test_scale_written_once_applies_to_both_ends():
    a = parse_amount("$1-2bn")
    assert (a.value, a.value_max, a.currency) == (1_000_000_000, 2_000_000_000, "USD")


def test_between_and_is_a_range():
    (growth,) = find_amounts("Growth of between 3% and 5% is expected.")
    assert (growth.kind, growth.value, growth.value_max, growth.text) == ("percent", 3, 5, "3% and 5%")
    (crews,) = find_amounts("It needs between 40 and 50 tonnes a day.")
    assert (crews.kind, crews.value, crews.value_max, crews.unit) == ("quantity", 40, 50, "tonnes a day")
    # Years are not a range, nor are two figures without "between", nor a scale written once.
    assert [a.value_max for a in find_amounts("Sales grew between 2003 and 2004.")] == [None, None]
    assert [a.value_max for a in find_amounts("It cost $5m and 10% of staff.")] == [None, None]
    assert [a.value for a in find_amounts("between 1 and 2bn")] == [1, 2_000_000_000]


def test_approximators_and_direction():
    (a,) = find_amounts("The group has nearly 1,000 member firms.")
    assert (a.approx, a.value, a.text) == ("nearly", 1000, "nearly 1,000")
    (b,) = find_amounts("Shares closed down 18% on Friday.")
    assert (b.change, b.kind, b.value) == ("down", "percent", 18)
    (c,) = find_amounts("It will hire more than 200 engineers.")
    assert c.approx == "more than"
    (d,) = find_amounts("The plant could cost up to £40m.")
    assert (d.approx, d.value) == ("up to", 40_000_000)


def test_change_from_to_is_two_figures_not_a_range():
    found = find_amounts("Staff numbers were trimmed from 1,500 to 1,100 and the price rose $1.64 to $47.10.")
    assert [(a.value, a.value_max) for a in found] == [(1500, None), (1100, None), (1.64, None), (47.1, None)]
    (fares,) = find_amounts("Fares of £6 to £10 apply.")
    assert (fares.value, fares.value_max) == (6, 10)


def test_offsets_point_into_the_text():
    text = "Net profit rose to £75m ($141m) in the year."
    found = find_amounts(text)
    assert [text[a.start:a.end] for a in found] == ["£75m", "$141m"]


def test_not_numbers():
    assert find_amounts("The weight of someone's opinion") == []
    assert find_amounts("the 45th anniversary") == []
    assert find_amounts("Boeing's G7-class jet") == []


def test_years_are_flagged():
    (a,) = find_amounts("in 2004")
    assert is_year(a)
    (b,) = find_amounts("2,004 staff")
    assert not is_year(b)


def test_dates_absolute_and_relative():
    text = "on January 19, 2024, 3 March 2005, in May 2001, last year, on Tuesday and the end of 2023"
    dates = find_dates(text, "2024-02-28T11:53:00")
    assert [d.iso for d in dates] == ["2024-01-19", "2005-03-03", "2001-05", "2023", "2024-02-27", "2023"]
    # Without a publication date relative dates stay unresolved but are still found.
    assert [d.iso for d in find_dates("last year", None)] == [None]


# ---- periods ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "period", "comparison"), [
    ("Profit rose to $700m in the third quarter", "the third quarter", False),
    ("from $639m year-earlier", "year-earlier", True),
    ("up from £125m a year earlier", "a year earlier", True),
    ("compared with $1.1bn in the same period in 2003", "the same period in 2003", True),
    ("Sales in 2004 were flat", "2004", False),
    ("Output grew 15% in the year to October", "the year to October", False),
    ("in the three months to September", "the three months to September", False),
    ("in the first half of 2005", "the first half of 2005", False),
    ("growth between July and September", "between July and September", False),
    ("sales last year", "last year", False),
    ("Q3 2004 results", "Q3 2004", False),
])
def test_periods(text, period, comparison):
    from cooptool.extract.numbers import find_periods

    found = find_periods(text)
    assert [(p.text, p.comparison) for p in found] == [(period, comparison)]
    assert text[found[0].start:found[0].end] == period


@pytest.mark.parametrize("text", ["prices may rise", "a 10-year deal", "the q3 team"])
def test_no_period(text):
    from cooptool.extract.numbers import find_periods

    assert find_periods(text) == []


def test_rupiah_is_a_currency():
    assert parse_amount("59.2 trillion rupiah").currency == "IDR"
