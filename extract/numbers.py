"""Amounts and dates as newsrooms write them, parsed from plain text (no spaCy).

    find_amounts("Profits rose 18% to £5.38bn.")   # [Amount(percent 18), Amount(money 5380000000 GBP)]
    parse_amount("US $60 million")                  # Amount(kind='money', value=60000000, currency='USD')
    find_dates("on January 19, 2024")               # [DateMention(..., iso='2024-01-19')]

Forms: currency before or after ("$10bn", "100m euros", "US $60 million", "HK$3bn"), pence and
cents ("247p"), scales ("m", "bn", "million", "trillion"), ranges ("80,000-100,000", "$1-2bn"),
approximators ("nearly", "more than", "up to"), direction ("down 18%"), percentages ("5 per
cent", "2 percentage points"), physical units ("2 GW", "1.5m barrels a day") and number words
("eight"). What a bare count counts ("1,000 member companies") is decided by the caller, which
has the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from cooptool.extract import lexicon

# ---- amounts ----------------------------------------------------------------------------------

_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUM = (rf"(?:(?:{_TENS})(?:-(?:{_UNITS_WORDS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
             rf"seventeen|eighteen|nineteen|{_UNITS_WORDS}|a\s+dozen|a\s+hundred|hundred)")

_SCALES = {
    "k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "million": 10**6,
    "bn": 10**9, "b": 10**9, "billion": 10**9, "tn": 10**12, "trn": 10**12, "trillion": 10**12,
    "lakh": 10**5, "crore": 10**7, "hundred": 100,
}
# Abbreviated scales are glued to the digits ("5m", "5bn"); spelled-out ones may follow a space.
_SCALE = r"(?:(?:bn|mn|mln|trn|tn|m|b|k)(?![\w])|\s?(?:million|billion|trillion|thousand|crore|lakh|bn)(?![\w]))"

# Currencies, percentages, units and approximators are word lists in `extract/data/lexicon/`
# (currencies.tsv, percent_forms.tsv, units.tsv, approximators.tsv); the patterns below are built
# from them once, at import.
_CURRENCIES = lexicon.rows("currencies")
# Currency written before the number ("$10bn", "HK$3bn").
_CUR_PREFIX = {r[0]: r[1] for r in _CURRENCIES if r[2] == "prefix"}
# Currency words written after the number ("100m euros").
_CUR_SUFFIX = {r[0]: r[1] for r in _CURRENCIES if r[2] == "word"}
# Hundredths: "247p" is £2.47.
_SUBUNITS = {r[0]: r[1] for r in _CURRENCIES if r[2] == "subunit"}
_PERCENT = lexicon.mapping("percent_forms")
# Physical units: the canonical spelling of each form.
_UNITS = lexicon.mapping("units")
_RATES = r"(?:\s(?:a|per|each)\s(?:day|year|week|month|hour|annum)|/day|/year)"


def _alternation(forms) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s?") for f in sorted(forms, key=len, reverse=True))


_APPROX = tuple(r[0] for r in lexicon.rows("approximators"))
_APPROX_NORM = lexicon.mapping("approximators")  # the forms that stand for another ("in excess of": more than)

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_ONE = (rf"(?:(?P<Pcur>{_alternation(_CUR_PREFIX)})\s?)?"
        rf"(?P<Pnum>{_NUM}|{_WORD_NUM})(?P<Pscale>{_SCALE})?")

AMOUNT_RE = re.compile(
    rf"""
    (?<![\w.$£€¥,-])(?<!\d/)
    (?:(?P<approx>{_alternation(_APPROX)})\s+)?
    (?:(?P<change>up|down)\s+)?
    {_ONE.replace('?P<P', '?P<a_')}
    (?:\s?(?P<sep>-|–|—|to)\s?{_ONE.replace('?P<P', '?P<b_')})?
    (?:
        (?P<pct>\s?%|\s(?:{_alternation(k for k in _PERCENT if k != '%')})(?![\w])|(?<=\d)percent(?![\w]))
      | (?P<sub>p(?![\w'’])|\s(?:pence|(?:euro\s)?cents?)(?![\w]))
      | \s(?P<curword>{_alternation(_CUR_SUFFIX)})(?![\w])
      | \s?(?P<unit>{_alternation(_UNITS)})(?![\w])(?P<rate>{_RATES})?
    )?
    (?![\w%])(?!/\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass
class Amount:
    start: int
    end: int
    text: str
    kind: str  # money | percent | quantity | count
    value: int | float
    value_max: int | float | None = None  # the top of a range
    currency: str | None = None
    unit: str | None = None
    approx: str | None = None
    change: str | None = None  # "up" | "down" when written ("down 18%")
    is_word: bool = False  # spelled out ("eight"): the caller decides whether it is a fact
    num_start: int = 0  # offsets of the number itself, without approximator/direction
    has_scale: bool = False
    converted: list[Amount] = field(default_factory=list)  # "$3.5bn (£1.9bn)": the figure in brackets


def _number(text: str) -> Decimal | None:
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("a dozen", "dozen"):
        return Decimal(12)
    if t in ("a hundred", "hundred"):
        return Decimal(100)
    if t[:1].isalpha():
        parts = t.split("-")
        try:
            return Decimal(sum(_WORD_VALUES[p] for p in parts))
        except KeyError:
            return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _scale(text: str | None) -> int:
    return _SCALES[text.strip().lower()] if text else 1


def _lookup(table: dict, text: str) -> str:
    key = re.sub(r"\s+", " ", text.strip())
    for k, v in table.items():
        if k.lower() == key.lower():
            return v
    return table.get(key, key)


@dataclass
class _Reading:
    """What the words after a number make of it: its kind, unit, currency and value."""
    kind: str
    value: Decimal
    value_max: Decimal | None
    currency: str | None
    unit: str | None = None


def _read_suffix(m: re.Match, r: _Reading) -> None:
    """A percent sign, pence or cents, a currency word or a unit after the number."""
    if m.group("pct"):
        r.kind, r.unit = "percent", _lookup(_PERCENT, m.group("pct").strip())
    elif m.group("sub") and not r.currency:
        r.kind, r.currency = "money", _SUBUNITS[m.group("sub").strip().lower()]
        r.value, r.value_max = r.value / 100, (r.value_max / 100 if r.value_max is not None else None)
    elif m.group("curword") and not r.currency:
        r.kind, r.currency = "money", _lookup(_CUR_SUFFIX, m.group("curword").lower())
    elif m.group("unit") and not r.currency:
        r.unit = _lookup(_UNITS, m.group("unit"))
        if m.group("rate"):
            r.unit += " " + " ".join(m.group("rate").split()).replace("per ", "a ").replace("/", "a ")
        r.kind = "quantity"
    if r.currency:
        r.kind = "money"


def _surface_end(m: re.Match, kind: str, currency: str | None) -> int:
    """Where the amount ends: a suffix that made nothing of a count is not part of it."""
    end = m.end()
    if kind == "count" and (m.group("sub") or m.group("curword") or m.group("unit")):
        end = m.start("sub") if m.group("sub") else m.start("curword") if m.group("curword") else m.start("unit")
    if currency and m.group("unit"):  # "$5m tonnes" is not a thing; keep the money, drop the unit
        end = m.start("unit")
    return end


def _approx(m: re.Match) -> str | None:
    approx = m.group("approx")
    if not approx:
        return None
    approx = " ".join(approx.lower().split())
    return _APPROX_NORM.get(approx, approx)


def _range(m: re.Match) -> tuple[Decimal, Decimal | None, str | None, str | None] | None:
    """Both ends of "$1-2bn" with their scales (one written once applies to both), or None."""
    a = _number(m.group("a_num"))
    if a is None:
        return None
    b = _number(m.group("b_num")) if m.group("b_num") else None
    if m.group("b_num") and b is None:
        return None
    a_scale, b_scale = m.group("a_scale"), m.group("b_scale")
    if b is not None and b_scale and not a_scale:
        a_scale = b_scale
    value = a * _scale(a_scale)
    value_max = b * _scale(b_scale or a_scale) if b is not None else None
    return value, value_max, a_scale, b_scale


def _won_is_a_verb(m: re.Match, currency: str | None, a_scale: str | None) -> bool:
    """"won" is a currency only after a number with a scale ("5bn won"), never the verb ("12 won")."""
    return bool(m.group("curword")) and not currency and not m.group("pct") and not m.group("sub") \
        and m.group("curword").lower() == "won" and not a_scale


def _from_match(m: re.Match, text: str) -> Amount | None:
    ends = _range(m)
    if ends is None:
        return None
    value, value_max, a_scale, b_scale = ends
    cur = m.group("a_cur") or m.group("b_cur")
    r = _Reading("count", value, value_max, _lookup(_CUR_PREFIX, cur) if cur else None)
    if _won_is_a_verb(m, r.currency, a_scale):
        return _trim_suffix(m, text, "curword")
    _read_suffix(m, r)
    start = m.start()
    num_start = m.start("a_cur") if m.group("a_cur") else m.start("a_num")
    change = (m.group("change") or "").lower() or None
    if change == "up" and _MAKE_UP.search(text, 0, m.start("change")):
        change = None  # "women make up 12% of the board": a share, not a rise
        if not m.group("approx"):
            start = num_start
    surface = text[start:_surface_end(m, r.kind, r.currency)].rstrip()
    return Amount(start=start, end=start + len(surface), text=surface, kind=r.kind, value=_plain(r.value),
                  value_max=_plain(r.value_max) if r.value_max is not None else None, currency=r.currency,
                  unit=r.unit, approx=_approx(m), change=change,
                  is_word=m.group("a_num")[:1].isalpha(), num_start=num_start, has_scale=bool(a_scale or b_scale))


# "make up", "made up", "making up": "up" is the verb's particle.
_MAKE_UP = re.compile(r"\b(?:make|makes|made|making)\s+$", re.I)


def _trim_suffix(m: re.Match, text: str, group: str) -> Amount | None:
    cut = m.start(group)
    sub = AMOUNT_RE.match(text[:cut], m.start())
    return _from_match(sub, text[:cut]) if sub else None


# "rose from 155,000 to 110,000", "gained $1.64 to $47.10": two figures, not a range.
_CHANGE_BEFORE = re.compile(r"\b(from|by|rose|rise|rises|risen|fell|fall|falls|fallen|gained|gains|lost|jumped|"
                            r"climbed|dropped|slipped|slumped|surged|soared|increased|decreased|cut|raised|"
                            r"lifted|lowered|up|down|trimmed)\s+(?:[a-z]+\s+)?$", re.I)


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, in order, with character offsets into `text`."""
    out = []
    pos = 0
    while True:
        m = AMOUNT_RE.search(text, pos)
        if m is None:
            break
        pos = m.end()
        if m.group("sep") == "to" and _CHANGE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            # Parse the first figure alone; the second is found by the next search.
            cut = m.start("sep")
            first = AMOUNT_RE.match(text[:cut].rstrip(), m.start())
            pos = m.start("sep")
            if first is None:
                continue
            m = first
        # Number words must stand alone ("eight"), not inside a word ("weight", "someone").
        if m.group("a_num")[:1].isalpha():
            before = text[m.start("a_num") - 1:m.start("a_num")]
            if before.isalpha():
                continue
        amount = _from_match(m, text)
        if amount is not None:
            out.append(amount)
    return _between_ranges(text, out)


_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_AND = re.compile(r"\s+and\s+$")


def _between_ranges(text: str, amounts: list[Amount]) -> list[Amount]:
    """"between 3% and 5%", "between 40 and 50 tonnes": one range, its unit written once or twice."""
    out: list[Amount] = []
    for amount in amounts:
        low = out[-1] if out else None
        if (low is not None and low.value_max is None and amount.value_max is None
                and not is_year(low) and not is_year(amount) and _AND.fullmatch(text[low.end:amount.start]) and _BETWEEN.search(text[max(0, low.start - 12):low.start])
                and (low.kind == amount.kind or low.kind == "count" and not low.has_scale)
                and (low.kind == "count" or (low.currency, low.unit) == (amount.currency, amount.unit))
                and low.has_scale == amount.has_scale):  # "between 1 and 2bn": which scale is meant is unclear
            out[-1] = Amount(start=low.start, end=amount.end, text=text[low.start:amount.end], kind=amount.kind,
                             value=low.value, value_max=amount.value,
                             currency=amount.currency, unit=amount.unit, approx=low.approx, change=low.change,
                             is_word=low.is_word and amount.is_word, num_start=low.num_start,
                             has_scale=low.has_scale or amount.has_scale)
            continue
        out.append(amount)
    return out


def parse_amount(text: str) -> Amount | None:
    """The amount `text` consists of (surrounding spaces aside), or None."""
    stripped = text.strip()
    found = find_amounts(stripped)
    return found[0] if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped) else None


def is_year(amount: Amount) -> bool:
    """A bare four-digit number such as 2004: a year, not a count."""
    return (amount.kind == "count" and not amount.has_scale and not amount.is_word and amount.value_max is None
            and isinstance(amount.value, int) and 1800 <= amount.value <= 2100 and "," not in amount.text)


# ---- dates ------------------------------------------------------------------------------------

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
# The full stop only after a short form ("Dec."); "in December." ends a sentence.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

DATE_RE = re.compile(
    rf"""
    (?<![\w-])(?:
        (?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY})(?:,?\s+(?P<md_year>{_YEAR}))?(?![\w])
      | (?P<dm_day>{_DAY})\s+(?P<dm_month>{_MONTH})(?:,?\s+(?P<dm_year>{_YEAR}))?(?![\w])
      | (?P<my_month>{_MONTH})\s+(?P<my_year>{_YEAR})(?![\w])
      | (?P<iso>{_YEAR}-[01]\d-[0-3]\d)(?![\w])
      | (?P<rel>(?:this|last|next)\s+(?:year|month))(?![\w])
      | (?:(?:on|last|this|next)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w])
      | (?:(?:the\s+)?(?:beginning|start|end|middle|first\s+half|second\s+half|first\s+quarter|second\s+quarter|third\s+quarter|fourth\s+quarter)\s+of\s+)?(?P<year>{_YEAR})(?![\w-])
    )
    """,
    re.VERBOSE,
)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    iso: str | None  # "2024-01-19", "2024-01" or "2024"; None when it cannot be anchored


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    """Dates in `text`, resolved to ISO 8601 where possible; relative ones ("last year", "on
    Tuesday") are anchored on the document's publication date when it is known."""
    anchor = _anchor(published)
    out = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        iso = None
        if g["md_month"] or g["dm_month"]:
            month = MONTHS[(g["md_month"] or g["dm_month"]).rstrip(".").lower()]
            day = int(re.sub(r"\D", "", g["md_day"] or g["dm_day"]))
            year = g["md_year"] or g["dm_year"]
            if year:
                iso = _iso(int(year), month, day)
            elif anchor:
                iso = _iso(anchor.year, month, day)
        elif g["my_month"]:
            iso = _iso(int(g["my_year"]), MONTHS[g["my_month"].rstrip(".").lower()])
        elif g["iso"]:
            iso = g["iso"]
        elif g["rel"]:
            which, unit = g["rel"].lower().split()
            if anchor:
                shift = {"this": 0, "last": -1, "next": 1}[which]
                if unit == "year":
                    iso = _iso(anchor.year + shift)
                else:
                    months = anchor.year * 12 + anchor.month - 1 + shift
                    iso = _iso(months // 12, months % 12 + 1)
        elif g["weekday"]:
            if anchor:
                # News reports past days by weekday: the latest such day on or before publication.
                target = _WEEKDAYS.index(g["weekday"].lower())
                back = (anchor.weekday() - target) % 7
                day_ = anchor - timedelta(days=back)
                if m.group(0).lower().startswith("next"):
                    day_ = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
                iso = day_.isoformat()
        elif g["year"]:
            iso = g["year"]
        out.append(DateMention(m.start(), m.end(), m.group(0), iso))
    return out


# ---- periods ----------------------------------------------------------------------------------

_ORD = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_SPAN_WORDS = r"(?:three|six|nine|twelve|3|6|9|12)\s+months"
_COUNT_WORDS = r"(?:a|one|two|three|four|five|six|ten|\d+)"
_PERIOD_UNIT = r"(?:year|month|quarter|week|decade)s?"
_YEARISH = rf"(?:{_YEAR}(?:[/-]\d\d)?|the\s+year|last\s+year|this\s+year|next\s+year|the\s+previous\s+year)"

PERIOD_RE = re.compile(
    rf"""
    (?<![\w-])(?:
        # comparisons: the time of a figure compared with
        (?P<cmp>{_COUNT_WORDS}\s+{_PERIOD_UNIT}\s+(?:earlier|ago|before|previously)
          | (?:the\s+)?(?:previous|prior|preceding|same|year-earlier|year-ago)\s+(?:year|period|quarter|month|half|
                                                                                    twelve\s+months|12\s+months)
            (?:\s+(?:of|in|last)\s+(?:{_YEARISH}|year))?
          | year-(?:earlier|ago)
          | the\s+same\s+time\s+(?:last\s+year|a\s+year\s+(?:earlier|ago|before))
          | (?:the\s+)?(?:previous|prior)\s+{_ORD}\s+(?:quarter|half))
      | (?:(?:in|during|for|over|of|from)\s+)?(?P<part>the\s+(?:{_ORD}\s+(?:quarter|half|three\s+months|six\s+months|nine\s+months)
            |(?:latest|current|most\s+recent)\s+(?:quarter|half|year|financial\s+year))
            (?:\s+(?:of|to)\s+(?:{_YEARISH}|{_MONTH}(?:\s+{_YEAR})?|the\s+year))?)
      | (?:(?:in|during|for|over)\s+)?(?P<to>the\s+(?:{_SPAN_WORDS}|year|financial\s+year|fiscal\s+year|quarter|half(?:-year)?)
            \s+(?:to|ending|ended)\s+(?:the\s+end\s+of\s+)?(?:{_MONTH}|{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY})(?:,?\s+{_YEAR})?)
      | (?P<q>Q[1-4](?:\s+{_YEAR})?|H[12](?:\s+{_YEAR})?)
      | (?:(?:in|during|for|over)\s+)?(?P<fy>(?:financial|fiscal)\s+(?:year\s+)?{_YEAR}(?:[/-]\d\d)?|FY\s?\d\d(?:\d\d)?)
      | (?P<rel>(?:so\s+far\s+)?(?:last|this|next)\s+(?:year|month|quarter|week)|(?:the\s+)?past\s+(?:year|month|quarter|
            twelve\s+months|12\s+months|{_COUNT_WORDS}\s+{_PERIOD_UNIT}))
      | (?:between|from)\s+(?P<between>{_MONTH}|{_YEAR})\s+(?:and|to)\s+(?:{_MONTH}|{_YEAR})(?:\s+{_YEAR})?
      | (?:(?:in|during|for|by|since|throughout)\s+)(?P<in>(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)?
            (?:{_MONTH}\s+{_YEAR}|{_MONTH}|{_YEAR}(?:[/-]\d\d)?))(?![\w-])
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PERIOD_GROUPS = ("cmp", "part", "to", "q", "fy", "rel", "between", "in")
# Month names that are also ordinary words: only capitalised ("in May", not "may rise").
_MONTH_WORDS = {"may", "march"}


@dataclass
class Period:
    start: int
    end: int
    text: str  # as written, without the preposition: "the third quarter", "a year earlier", "2004"
    comparison: bool  # the time of a figure compared with ("a year earlier", "the same period")


def find_periods(text: str) -> list[Period]:
    """Phrases naming the time a figure refers to ("in 2004", "in the third quarter", "in the three
    months to September", "a year earlier", "last year"), with offsets into `text`."""
    out = []
    for m in PERIOD_RE.finditer(text):
        group = next(g for g in _PERIOD_GROUPS if m.group(g))
        start = m.start(group) if group not in ("between",) else m.start()
        words = text[start:m.end()]
        if group == "in" and words.split()[0].lower() in _MONTH_WORDS and not words[:1].isupper():
            continue
        if group == "q" and not words[:1].isupper():
            continue
        out.append(Period(start, m.end(), " ".join(words.split()), group == "cmp"))
    return out
