"""`cooptool_events`: meetings, summits, conferences, seminars and signings.

Runs after `cooptool_entities`. Two kinds of mention make an event, each found by named rules
(a record's `pattern` is the rule's name):

- a **named event** (`event.named.*`): an EVENT entity that looks like a gathering
  (`event.named.model`; `event.named.known` for COP28, CIIE, G7-style names), or a capitalised name
  headed by Summit, Conference, Expo, Congress, ... (`event.named.head`: "the San Francisco Summit",
  "the 28th Conference of the Parties ... (COP28)", "the China International Import Expo (CIIE) 2023");
- a **described event** (`event.described.*`): an event noun that something happens to - hosted, held,
  organised (`hosted`), attended (`attended`), the setting of "their meeting" (`at_their`), or named by a
  modifier ("the G7 meeting", `modified`) - and the signing of an agreement, deal or contract between
  named parties (`event.signing`).

Each event gets its `name`, `date` (ISO 8601 when the text allows), `place`, `organizers` (who
hosts, holds or organises it), `participants` (who attends or signs) and its evidence sentence.
Only one real event counts: not a series ("daily news conferences", "five Olympic Games"), a voting
bloc ("the Muslim vote"), a modifier ("the elections watchdog") or one the clause denies ("no plans to
hold"). The date and place come from the event's own phrase and the settings of its verb
(`_clause_scope`), never from another clause ("signed a deal to supply cars for sale in Japan").
The post-passes (`POST_PASSES`, in order) drop names listed or given as examples in passing, merge mentions of the same event in one document and add
the actors' aliases. Sets `doc._.events` (plain dicts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.context import context_of
from cooptool.extract.components.phrases import PLACE_LABELS, clean, is_place, noun_phrase
from cooptool.extract.components.speakers import ORG_NOUNS, SpeakerResolver, speaker_resolver
from cooptool.extract.numbers import DateMention, find_dates
from cooptool.extract.rules import rule

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)

# `extract/data/lexicon/event_nouns.tsv`: noun -> (kind, names).
LEXICON = {r[0]: ((r + ("", ""))[1], (r + ("", ""))[2]) for r in lexicon.rows("event_nouns")}
EVENT_NOUNS = frozenset(LEXICON)
# What a lower-case mention with no name is ("meetings": a series, "games": no gathering, "vote": voters).
MENTION = {r[0]: r[3] for r in lexicon.rows("event_nouns") if len(r) > 3 and r[3]}
# "daily news conferences", "weekly meetings": a series, not one event.
SERIES_MODIFIERS = lexicon.words("series_modifiers")
CALENDAR_WORDS = lexicon.words("calendar_words")
VENUE_WORDS = lexicon.words("venue_words")
SETTING_NOUNS = lexicon.words("event_setting_nouns")
HOLIDAYS = lexicon.words("event_holidays")
MEMBER_GROUPS = lexicon.words("event_member_groups")
TITLE_NOUNS = lexicon.words("event_title_nouns")
ORG_DESIGNATORS = lexicon.words("org_designators")
_TIME_PREPS = frozenset({"before", "after", "since", "until", "following", "ahead", "during"})
# Capitalised heads that end an event's name ("San Francisco Summit"); "event-only" heads (Forum,
# Congress, ...) usually name an organisation, so they count only when the model calls the name an
# EVENT or a number marks one meeting ("the 20th Party Congress").
NAMED_HEADS = frozenset(n.capitalize() for n, (_, names) in LEXICON.items() if names == "yes")
EVENT_ONLY_HEADS = frozenset(n.capitalize() for n, (_, names) in LEXICON.items() if names == "event-only")
NAME_HEADS = NAMED_HEADS | EVENT_ONLY_HEADS


def _word_pattern(words: set[str]) -> str:
    return r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + r")\b"


# Agreements and documents ("the Paris Agreement"): EVENT names that are no gatherings.
NOT_EVENTS = re.compile(_word_pattern(lexicon.words("document_names")))
# Known event patterns: names that are events without an event noun.
KNOWN_EVENTS = re.compile(r"^(?:COP\s?\d+|CIIE(?:\s+(?:19|20)\d\d)?|G-?\d{1,2}|APEC|Davos|Olympics)$")
# The model's EVENT entities include wars, storms and sports; gatherings have names like these.
GATHERING_NAME = re.compile(_word_pattern(lexicon.words("gathering_names")) + r"|^COP\s?\d+$|^G-?\d+\b")
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
_ACRONYM_BEFORE = re.compile(r"^.*\(([A-Z][\w-]*)\)\s*")
_YEAR = re.compile(r"(19|20)\d\d")

# Verbs that make an event noun an event, by the part their subject plays: `host` (organisers) or `attend`.
HOST_VERBS = lexicon.where("event_verbs", 1, "host")
ATTEND_VERBS = lexicon.where("event_verbs", 1, "attend")
EVENT_OBJECT_VERBS = lexicon.where("event_verbs", 1, "names-event")
SIGN_OBJECTS = lexicon.words("signed_objects")
ACTOR_LABELS = ("ORG", "PERSON", "GPE")
# "Scottish club Rangers": nouns for a kind of organisation written before its name.
DESCRIPTOR_NOUNS = lexicon.where("org_nouns", 1, "descriptor")
_NAMED_LABELS = frozenset({*ACTOR_LABELS, "NORP", "LOC", "FAC", "EVENT"})
_NAME_JOINERS = {"of", "on", "for", "to", "the", "&"}  # not "and"/"in": "X Meeting and the Y Summit", "... Fair in October"
# Words between the names of a run of organisers before a verb ("CIYEC and AmCham China jointly hosted").
_RUN_JOINERS = lexicon.words("actor_joiners")
# Adjectives that belong to an event's name ("the annual meeting"); others describe it ("a smooth election").
_NAME_ADJECTIVES = lexicon.words("event_name_adjectives")


def event_kind(noun: str) -> str | None:
    """The kind of event a noun names ("summit", "talks", "signing"), from the lexicon."""
    entry = LEXICON.get(noun.lower())
    return entry[0] if entry else None


def _numbered(doc: Doc, start: int, end: int) -> bool:
    """A number marks one meeting of a series: "the 20th Party Congress", "Forum 2024"."""
    if any(t.like_num or _ORDINAL.fullmatch(t.lower_) for t in doc[start:end]):
        return True
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and bool(_YEAR.fullmatch(nxt.text))


def _known_kind(name: str) -> str | None:
    if re.match(r"COP\s?\d", name):
        return "conference"
    if name.startswith("CIIE"):
        return "expo"
    if re.match(r"G-?\d|APEC", name):
        return "summit"
    return {"Davos": "forum", "Olympics": "games"}.get(name)


def _calendar_word(t: Token) -> bool:
    """"Thursday", "Oct.": a date after a name ("... Games on Thursday"), not a piece of it."""
    low = t.lower_.rstrip(".")
    return low in CALENDAR_WORDS or len(low) >= 3 and any(w.startswith(low) for w in CALENDAR_WORDS)


def _attached_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen written between two words without spaces ("US-ASEAN", "High-Level", "Xinjiang-related")."""
    t = doc[i]
    return t.text == "-" and 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not t.whitespace_


def _inner_joiner(doc: Doc, j: int, start: int) -> bool:
    """Inside a name, words the walk to its start passes: an attached hyphen ("High-Level Meeting") and
    "and" between capitalised words that do not end a name of their own ("Belt and Road Conference";
    not "the Energy Summit and Grid Conference")."""
    if _attached_hyphen(doc, j):
        return True
    return doc[j].lower_ == "and" and j > 0 and doc[j - 1].text[:1].isupper() \
        and doc[j - 1].text not in NAME_HEADS and doc[start].text[:1].isupper()


def _name_word(t: Token) -> bool:
    """A word that may stand in a capitalised name: "28th", "2024", "Leaders"."""
    return bool(t.text[:1].isupper() or t.like_num or _ORDINAL.fullmatch(t.lower_))


def _opens_sentence(t: Token) -> bool:
    return t.is_sent_start and t.lower_ == "the"


def _name_start(doc: Doc, tok: Token, sent: Span) -> tuple[int, int]:
    """Where a name ending in `tok` starts, and the index just before it."""
    start = tok.i
    j = start - 1
    while j >= sent.start:
        t = doc[j]
        if t.is_space or _inner_joiner(doc, j, start):
            j -= 1
            continue
        if _opens_sentence(t) or not _name_word(t) or _calendar_word(t):
            break
        if t.is_stop and t.lower_ != "the" and not t.like_num and t.ent_type_ not in ("ORG", "GPE", "NORP"):
            break  # "But Fair ...", "At Expo": a capitalised function word opens the sentence
        start = j
        j -= 1
    while start < tok.i and doc[start].like_num and start - 1 >= sent.start and _calendar_word(doc[start - 1]):
        start += 1  # "the July 26-August 11 Paris Olympics": the dates are no part of the name
    return start, j


def _possessive_start(doc: Doc, start: int, j: int, sent: Span) -> int:
    """"the 31st APEC Economic Leaders' Meeting": a possessive inside the name."""
    if not (j >= sent.start and doc[j].tag_ == "POS" and j == start - 1 and j - 1 >= sent.start
            and doc[j - 1].text[:1].isupper()):
        return start
    k = j - 1
    while k >= sent.start and _name_word(doc[k]) and not (doc[k].is_stop and doc[k].lower_ != "the") \
            and not _opens_sentence(doc[k]):
        start = k
        k -= 1
    return start


def _topic_in(doc: Doc, j: int, head: int, sent: Span) -> bool:
    """"Fair for Trade in Services", "Forum on Investment in Africa's Farms": an "in" after a for/on topic
    continues the name unless a place or a date follows ("Forum for Trade in Beijing")."""
    if doc[j].lower_ != "in" or j + 1 >= sent.end or not doc[j + 1].text[:1].isupper():
        return False
    if doc[j + 1].ent_type_ in ("GPE", "LOC", "FAC", "DATE", "NORP") or _calendar_word(doc[j + 1]):
        return False
    return any(doc[i].lower_ in ("for", "on") for i in range(head + 1, j))


def _topic_and(doc: Doc, k: int, sent: Span) -> bool:
    """"Forum on Belt and Road", "Conference on Trade and Development": inside a capitalised topic, an "and"
    between capitalised words continues it (not before a person: "the Forum on Trade and Li said")."""
    if not (doc[k].lower_ == "and" and k + 1 < sent.end and doc[k - 1].text[:1].isupper()
            and doc[k + 1].text[:1].isupper() and doc[k + 1].ent_type_ != "PERSON"):
        return False
    # "X Conference and Y Mining Forum": a second name of its own follows
    m = k + 1
    while m < sent.end and (doc[m].text[:1].isupper() or _attached_hyphen(doc, m) or doc[m].text == "&"):
        if doc[m].text in NAME_HEADS:
            return False
        m += 1
    return True


def _name_end(doc: Doc, tok: Token, sent: Span) -> int:
    """"Conference of the Parties to the UN Framework Convention on Climate Change": capitalised
    words joined by of/on/for/to/the continue the name."""
    end = tok.i + 1
    while end < sent.end:
        j = end
        while j < sent.end and (doc[j].lower_ in _NAME_JOINERS or doc[j].is_space or _topic_in(doc, j, tok.i, sent)):
            j += 1
        k = j
        while k < sent.end and (doc[k].text[:1].isupper() and not _calendar_word(doc[k]) or doc[k].is_space
                                or _attached_hyphen(doc, k) or k > j and _attached_hyphen(doc, k - 1)
                                or k > j and _topic_and(doc, k, sent)):
            k += 1
        while k > j and doc[k - 1].is_space:
            k -= 1
        if j == end or k == j:
            break
        end = k
    return end


@rule("event.named.head", examples=[
    ('Farmers came to the Harvest Fair in Kent.',
     {'name': 'Harvest Fair', 'kind': 'fair'}),
    ('The Halvard Trade Forum 2024 opened in Oslo.',
     {'name': 'Halvard Trade Forum', 'place': 'Oslo'}),
    ('The Trades Union Congress said it would fight the plan.',
     None),
    ('Families in Leeds gathered for the Dragon Boat Festival on Sunday.',
     None),  # a holiday
    ('Policy\n\nThe Union\'s Fair Competition Strategy answers two challenges at once.',
     None),
])
def head_name(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """"the San Francisco Summit", "the 20th Party Congress": a capitalised name ending in an event noun."""
    if tok.text not in NAME_HEADS or tok.is_sent_start:
        return None
    sent = tok.sent
    start, j = _name_start(doc, tok, sent)
    start = _possessive_start(doc, start, j, sent)
    end = _name_end(doc, tok, sent)
    if end < sent.end and _name_word(doc[end]) and not doc[end].like_num and not _calendar_word(doc[end]):
        # "the Smart City Expo World Congress": the name runs on to a later head; "the Fair Competition
        # Strategy", "the Expo Center", "the Book Fair GmbH" name no event.
        later = _later_head(doc, end, sent)
        if later is None:
            return None
        head, end = later, _name_end(doc, later, sent)
    else:
        head = tok
    if head.text in _OCCASION_HEADS and head.i == tok.i:
        end = tok.i + 1  # "the 2009 Harbour Film Awards on the BBC": no topic follows Awards or Games
    if start == tok.i and end == tok.i + 1:
        return None  # a lone "Conference" is no name
    if _counted(doc[start]):
        return None  # "five Olympic Games", "three Winter Olympics": several events
    if _body_treaty_or_venue(doc, tok, head, start, end, sent):
        return None
    return start, end


def _body_treaty_or_venue(doc: Doc, tok: Token, head: Token, start: int, end: int, sent: Span) -> bool:
    """A capitalised name ending in an event noun that names something else: an organisation ("the Trades
    Union Congress", "the World Economic Forum"), a treaty ("the United Nations Convention on refugees") or
    a venue ("the Harlow Exhibition and Conference Centre")."""
    if {tok.text, head.text} <= EVENT_ONLY_HEADS and not _numbered(doc, start, end) and not held_name(head) \
            and not occasion_name(doc, start, head):
        return True
    if head.text == "Convention" and end < sent.end and doc[end].lower_ == "on":
        return True
    return end + 1 < sent.end and doc[end].lower_ in ("and", "&") and _venue_after(doc, end + 1, sent)


@rule("event.named.held", examples=[
    ('The Nordic Timber Dialogue Forum was held in Bergen on May 3.',
     {'name': 'Nordic Timber Dialogue Forum', 'place': 'Bergen', 'kind': 'forum'}),
    ('Bergen hosted the Nordic Timber Games in 2023.',
     {'name': 'Nordic Timber Games', 'place': 'Bergen', 'date': '2023'}),
    ('The Nordic Timber Forum said prices would rise.', None),
    ('Bergen sponsored the Nordic Timber Forum.', None),
    ('Reforms cut the cost of hosting the Nordic Timber Games.', None),
])
def held_name(head: Token) -> bool:
    """"The China-Germany Civilization Dialogue Forum was held in Boao", "Hangzhou hosted the Asian Games":
    a name ending in a word that usually names a body (Forum, Congress, Games) is an event when it is held,
    hosted, convened or attended (not when it is sponsored or run: bodies are too)."""
    if head.dep_ == "nsubjpass":
        return head.head.lemma_.lower() in HOST_VERBS
    verb = head.head
    if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj") and not any(c.dep_ == "nsubj" for c in verb.children):
        return False  # "the cost of hosting the Winter Games": hosting any edition, no one occasion
    return head.dep_ == "dobj" and verb.lemma_.lower() in EVENT_OBJECT_VERBS


# Heads of names that are an occasion when the words around them say when or that something happens there:
# prizes ("won two Brit Awards") and bodies ("the Brit Awards announced") are not.
_OCCASION_HEADS = frozenset({"Awards", "Games"})
_WHEN_WORDS = frozenset({"year", "week", "month", "night", "weekend"})


@rule("event.named.occasion", examples=[
    ('The band played at this year\'s Harbour Music Awards in Leeds.',
     {'name': 'Harbour Music Awards', 'kind': 'ceremony', 'date_text': 'this year'}),
    ('She won best actress at the Harbour Film Awards.',
     {'name': 'Harbour Film Awards', 'kind': 'ceremony'}),
    ('He will race at the Harbour Games next month.', {'name': 'Harbour Games', 'kind': 'games'}),
    ('She has won two Harbour Film Awards for her roles.', None),
    ('The Harbour Film Awards announced a new rule.', None),
])
def occasion_name(doc: Doc, start: int, head: Token) -> bool:
    """"at this year's Brit Awards", "won best drama at the Harbour Film Awards", "next week's Asian Games": a
    name ending in Awards or Games is a ceremony or a games when a date possessive opens it or it is where
    something happens ("at"); not prizes won or the body that gives them."""
    if head.text not in _OCCASION_HEADS:
        return False
    if start >= 2 and doc[start - 1].tag_ == "POS" and (doc[start - 2].lower_ in _WHEN_WORDS and any(
            c.lower_ in ("this", "last", "next") for c in doc[start - 2].children) or _calendar_word(doc[start - 2])):
        return True  # "this year's", "Sunday's" (not "that year's": which one the story must say)
    return head.dep_ == "pobj" and head.head.lower_ in ("at", "during")


def _later_head(doc: Doc, i: int, sent: Span) -> Token | None:
    """The last event head in the run of capitalised words from `i`, when the run ends in one."""
    last = None
    while i < sent.end and (_name_word(doc[i]) or _attached_hyphen(doc, i)) and not _calendar_word(doc[i]):
        last = doc[i]
        i += 1
    return last if last is not None and last.text in NAME_HEADS else None


def _venue_after(doc: Doc, i: int, sent: Span) -> bool:
    """The run of capitalised words from `i` ends in a venue word ("... Conference Centre")."""
    last = None
    while i < sent.end and _name_word(doc[i]):
        last, i = doc[i], i + 1
    return last is not None and last.lower_ in VENUE_WORDS


def _counted(t: Token) -> bool:
    """A cardinal before a name counts events ("four Olympic Games"); a year or an ordinal names one."""
    return t.pos_ == "NUM" and t.like_num and not _YEAR.fullmatch(t.text) and not _ORDINAL.fullmatch(t.lower_)


@rule("event.named.known", examples=[
    ('COP28 opened in Dubai on Thursday.',
     {'name': 'COP28', 'kind': 'conference', 'place': 'Dubai'}),
])
def known_event(ent: Span) -> bool:
    """"COP28", "the G20", "APEC", "Davos": an EVENT name that is a known gathering."""
    return bool(KNOWN_EVENTS.match(ent.text))


@rule("event.named.model", examples=[
    ('Traders from Peru joined the Andean Coffee Expo in Quito.',
     {'name': 'Andean Coffee Expo', 'place': 'Quito'}),
    ('Headline\n\nThe Andean Coffee Expo Organization said prices rose.', None),
])
def model_event(ent: Span) -> bool:
    """An EVENT entity of the model that looks like a gathering ("the Boao Forum for Asia"), not a
    war, a storm or an agreement."""
    last = ent[-1].lower_ if len(ent) else ""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    return ent.label_ == "EVENT" and bool(GATHERING_NAME.search(ent.text)) and not NOT_EVENTS.search(ent.text) \
        and last not in VENUE_WORDS and not _counted(ent[0]) \
        and not (last in ORG_DESIGNATORS and last not in LEXICON) \
        and not (last == "convention" and after == "on") and not _treaty_root(ent) \
        and not (len(ent) == 1 and last in LEXICON)
    # not a bare "Conference" (the football league, "the Conference title"), "the Expo Exhibition Hall", "the Convention on ...", "the European Convention on Human Rights"
    # ... nor the body that runs it ("the World Expo Organization", "the Summit Secretariat")


# ---- relative dates -----------------------------------------------------------------------------

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTH_RE = "|".join(m.capitalize() for m in _MONTH_NAMES)
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
# Dates numbers.find_dates leaves out that events are often dated by: "last week", "a year ago",
# "mid-November 2023", "earlier this month".
RELATIVE_DATE = re.compile(
    rf"""(?<![\w-])(?:
        (?:(?:early|late)\s+)?(?P<week>last|this|next)\s+week
      | (?P<count>a|an|one|two|three|four|five|six|ten|\d{{1,2}})\s+(?P<unit>day|week|month|year)s?\s+ago
      | (?:earlier|later)\s+this\s+(?P<this>month|year)
      | (?P<step>last|next)\s+(?P<step_unit>month|year)
      | (?P<season_step>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter)
      | (?:early|mid|late)[-\s](?P<month>{_MONTH_RE})(?:,?\s+(?P<year>(?:19|20)\d\d))?
    )(?![\w-])""", re.VERBOSE | re.IGNORECASE)


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# The northern seasons' months (news here is written north of the equator); winter spans two years.
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _season_year(step: str, season: str, anchor: date) -> str | None:
    """"next summer" in a story of October 2023 is the summer of 2024: the year of the season meant."""
    if season not in _SEASON_MONTHS:
        return None  # "next winter": which year is not clear, the words are kept as written
    first, last = _SEASON_MONTHS[season]
    year = anchor.year
    if step == "next" and anchor.month >= first:
        year += 1
    elif step == "last" and anchor.month <= last:
        year -= 1
    return f"{year:04d}"


def relative_dates(text: str, published: str | None) -> list[DateMention]:
    """"last week", "two years ago", "mid-November 2023": dates relative to the publication date (ISO
    when the document has one; a week is given as the month of its middle), kept as written."""
    anchor = _anchor_date(published)
    out = []
    for m in RELATIVE_DATE.finditer(text):
        g, iso = m.groupdict(), None
        if g["season"] and g["season"][0].isupper() and not text[m.start():m.start("season")].istitle():
            continue  # "the next Summer Olympics": a name, not a season
        if g["month"]:
            iso = _named_month_iso(g, anchor)
        elif anchor is None:
            pass
        elif g["week"]:
            shift = {"last": -7, "this": 0, "next": 7}[g["week"].lower()]
            middle = anchor - timedelta(days=anchor.weekday()) + timedelta(days=shift + 3)
            iso = _month_of(middle)
        elif g["this"]:
            iso = _month_of(anchor) if g["this"].lower() == "month" else f"{anchor.year:04d}"
        elif g["season"]:
            iso = _season_year(g["season_step"].lower(), g["season"].lower(), anchor)
        elif g["step"]:
            shift = -1 if g["step"].lower() == "last" else 1
            months = anchor.year * 12 + anchor.month - 1 + shift
            iso = f"{months // 12:04d}-{months % 12 + 1:02d}" if g["step_unit"].lower() == "month" \
                else f"{anchor.year + shift:04d}"
        else:
            iso = _ago_iso(g, anchor)
        out.append(DateMention(m.start(), m.end(), m.group(0), iso))
    return out


def _anchor_date(published: str | None) -> date | None:
    """The publication date relative dates count from; a malformed one anchors nothing."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _named_month_iso(g: dict, anchor: date | None) -> str | None:
    """"mid-November 2023", "in November": the month, in its own year or else the publication year."""
    month = _MONTH_NAMES.index(g["month"].lower()) + 1
    year = int(g["year"]) if g["year"] else anchor.year if anchor else None
    return f"{year:04d}-{month:02d}" if year else None


def _ago_iso(g: dict, anchor: date) -> str:
    """"two years ago", "three days ago": counted back from the publication date, as precise as the unit."""
    n = _COUNT.get(g["count"].lower()) or int(g["count"])
    unit = g["unit"].lower()
    if unit == "year":
        return f"{anchor.year - n:04d}"
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 - n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit == "week":
        return _month_of(anchor - timedelta(weeks=n))
    return (anchor - timedelta(days=n)).isoformat()


_WEEKDAY = re.compile(r"^(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")


# "is due to open", "is set to be held": the event is still to come.
_DUE_WORDS = frozenset({"due", "set", "scheduled", "slated", "expected", "planned", "poised"})


def _coming_weekday(near: DateMention | None, anchor: Token, published: str | None = None) -> DateMention | None:
    """"The summit will open on Tuesday": a weekday of an event still to come is the coming one
    (numbers.find_dates takes the latest such day on or before publication, as news reports past days).
    So is a past weekday of an event told in the present or as due ("the forum runs from Monday to
    Wednesday" in a story of Sunday, `_told_as_coming`)."""
    if near is None or not near.iso or not _WEEKDAY.match(near.text):
        return near
    verb = next((t for t in (anchor, *anchor.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    future = verb is not None and any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)
    if len(near.iso) != 10 or not future and not (published and near.iso < published[:10] and (
            verb is not None and _told_as_coming(verb) or _range_from_tomorrow(anchor.doc, near, published, verb))):
        return near
    day = date.fromisoformat(near.iso) + timedelta(days=7)
    return DateMention(near.start, near.end, near.text, day.isoformat())


_WEEKDAY_RANGE_END = re.compile(r"\s*(?:to|-|–|through|until|and)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
                                r"|Sunday)\b")


def _range_from_tomorrow(doc: Doc, near: DateMention, published: str, verb: Token | None) -> bool:
    """"The summit in Kazan, from Tuesday to Thursday, has drawn attention" in a story of Monday: a range of
    weekdays that starts the day after publication is the coming one, unless a past verb tells it ("was
    held from Tuesday to Thursday")."""
    if not _WEEKDAY_RANGE_END.match(context_of(doc).text, near.end):
        return False
    day, anchor = date.fromisoformat(near.iso), date.fromisoformat(published[:10])
    if (day + timedelta(days=7) - anchor).days != 1:
        return False
    return verb is None or not (verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                                          for c in verb.children))


def _told_as_coming(verb: Token) -> bool:
    """A verb in the present ("opens", "is held", "are meeting") or due ("is due to open", "to be held"):
    its weekday is the coming one, not the one before publication (past tense: "opened on Monday")."""
    if verb.dep_ in ("xcomp", "acl", "relcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        ruling = verb.head
        return verb.dep_ == "acl" or ruling.lower_ in _DUE_WORDS or any(
            c.lower_ in _DUE_WORDS for c in ruling.children if c.dep_ in ("acomp", "xcomp"))
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "MD") or c.lower_ in ("has", "have", "had")
           for c in verb.children):
        return False
    tensed = [verb.tag_] + [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(t in ("VBZ", "VBP") for t in tensed) and verb.tag_ != "VBD"


def _without_full_stop(text: str) -> str:
    """"27 February." -> "27 February" (the sentence's full stop), but "Oct." stays."""
    words = text[:-1].split()
    return text[:-1] if text.endswith(".") and words and words[-1].lower() in _MONTH_NAMES else text


def _nearest_year(d: DateMention, published: str | None) -> DateMention:
    """"on 9 January" in an article of 20 December is next year's: a day written without its year is the
    one nearest the publication date."""
    if not published or not d.iso or len(d.iso) != 10 or re.search(r"\d{4}", d.text):
        return d
    try:
        anchor, day = date.fromisoformat(published[:10]), date.fromisoformat(d.iso)
    except ValueError:
        return d
    for year in (day.year - 1, day.year + 1):
        try:
            other = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        if abs((other - anchor).days) < abs((day - anchor).days):
            return DateMention(d.start, d.end, d.text, other.isoformat())
    return d


def _month_nearest(text: str, published: str | None) -> str | None:
    """"the summit in July" in an article of October 2024: a month written alone is the one within six
    months of the publication date (2024-07; "in February" in a December article is next year's)."""
    if not published or text.lower() not in _MONTH_NAMES:
        return None
    try:
        anchor = date.fromisoformat(published[:10])
    except ValueError:
        return None
    month = _MONTH_NAMES.index(text.lower()) + 1
    gap = month - anchor.month
    year = anchor.year + (1 if gap < -6 else -1 if gap > 6 else 0)
    return f"{year:04d}-{month:02d}"


def _with_relative_dates(dates: list[DateMention], relative: list[DateMention]) -> list[DateMention]:
    """The relative dates that overlap no other date ("mid-November 2023" over "2023" wins)."""
    kept = [d for d in dates if not any(r.start <= d.start and d.end <= r.end for r in relative)]
    kept += [r for r in relative if not any(d.start < r.end and r.start < d.end for d in kept)]
    return sorted(kept, key=lambda d: d.start)


def _with_of_objects(tokens) -> list[Token]:
    """Tokens and the objects of their "of" ("the town of Hambantota": town, Hambantota)."""
    out = []
    for c in tokens:
        out.append(c)
        out += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return out


def _holiday(name: str) -> bool:
    """"the Dragon Boat Festival", "the Happy Spring Festival": a holiday is a day, not a gathering."""
    low = name.lower()
    return any(low == h or low.endswith(" " + h) for h in HOLIDAYS)


def _titled_work(span: Span) -> bool:
    """"Harbour Fair magazine", "the novel Blue Harbour", "producing The Ann Vale Show": a name the words
    around it make the title of a work or a medium (`event_title_nouns`), or a Show written with a capital
    "The" inside a sentence, is no occasion."""
    doc = span.doc
    after = next((t for t in doc[span.end:span.end + 2] if not t.is_space), None)
    if after is not None and after.lower_ in TITLE_NOUNS and after.pos_ == "NOUN":
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in TITLE_NOUNS and before.pos_ == "NOUN":
        return True
    # "producing The Ann Vale Show": a show written with its "The" is a programme ("The Hop Festival" is a festival)
    return before is not None and before.text == "The" and not before.is_sent_start and span[-1].text == "Show" \
        and doc[before.i - 1].text not in ('"', "“", "'", "‘", "\n")


def _treaty_root(ent: Span) -> bool:
    """"the European Convention on Human Rights": a name headed by Convention with its topic is a treaty."""
    head = next((t for t in ent if t.text in NAME_HEADS), None)  # not "Conference of the ... Convention on ..."
    return head is not None and head.text == "Convention" and head.i + 1 < len(ent.doc) \
        and ent.doc[head.i + 1].lower_ == "on"


@dataclass
class Found:
    """What a described-event rule read: who organises, who takes part, and a name when it makes one."""
    organizers: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    name: str | None = None


class _EventReader:
    """The events of one Doc (the component keeps no per-document state)."""

    def __init__(self, doc: Doc):
        ctx = context_of(doc)
        self.doc = doc
        self.text = ctx.text
        self.ent_at = ctx.ent_at
        self._resolver: SpeakerResolver | None = None  # built when a pronoun needs it
        self.names = ctx.entities
        self.aliases_of: dict[str, list[str]] = {}
        published = ctx.meta.get("published")
        self.published = published
        self.dates = _with_relative_dates([_nearest_year(d, published) for d in find_dates(self.text, published)],
                                          relative_dates(self.text, published))
        self.named_pattern: dict[int, str] = {}
        self.tail_end: dict[int, int] = {}
        self.named_ranges: list[tuple[int, int]] = []

    def events(self) -> list[dict]:
        doc = self.doc
        found: list[dict] = []
        seen_tokens: set[int] = set()
        for start, end, acronym in self.named_spans():
            span = doc[start:end]
            seen_tokens.update(range(start, end))
            if not _has_staff(span) and not _holiday(span.text) and not _titled_work(span):
                found.append(self._named_record(span, acronym))
        # Only an event noun or a form of "sign" can describe an event (`_described`).
        ctx = context_of(doc)
        candidates = sorted({*ctx.where_in(LOWER, EVENT_NOUNS),
                             *ctx.where(LEMMA, lambda lemma: lemma.lower() == "sign")})
        for i in candidates:
            tok = doc[i]
            if tok.i in seen_tokens:
                continue
            rec = self._described(tok)
            if rec is not None:
                found.append(rec)
        events = found
        for post_pass in POST_PASSES:
            events = post_pass(self, events)
        return events

    # ---- named events --------------------------------------------------------------------------

    def named_spans(self) -> list[tuple[int, int, str | None]]:
        doc = self.doc
        spans: list[tuple[int, int]] = []
        for e in context_of(doc).ents:
            if model_event(e):
                spans.append((e.start, e.end))
                self.named_pattern[e.start] = "event.named.known" if known_event(e) else "event.named.model"
        for i in context_of(doc).where_in(ORTH, NAME_HEADS):  # head_name's first test
            tok = doc[i]
            found = head_name(doc, tok)
            if found is not None:
                spans.append(found)
                words = doc[found[0]:found[1]]
                held = not _numbered(doc, *found) and not any(t.text in NAMED_HEADS for t in words) \
                    and any(t.text in EVENT_ONLY_HEADS and held_name(t) for t in words)
                occasion = not held and not _numbered(doc, *found) and not any(t.text in NAMED_HEADS for t in words) \
                    and any(occasion_name(doc, found[0], t) for t in words)
                self.named_pattern.setdefault(found[0], "event.named.held" if held else "event.named.occasion" if occasion
                                              else "event.named.head")
        out = self._first_of_overlapping(spans)
        for start, end, acronym in out:
            self.tail_end[start] = next(t.i for t in doc[end:] if t.text == ")") + 1 if acronym else end
            self.named_ranges.append((start, end))
        return out

    def _first_of_overlapping(self, spans: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
        """The longest of overlapping names, without a leading "the", with the acronym after it."""
        doc = self.doc
        out: list[tuple[int, int, str | None]] = []
        for start, end in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if out and start < out[-1][1]:
                continue
            while doc[start].lower_ == "the" and start < end - 1:
                start += 1
            # "(COP28)" / "(CIIE) 2023" right after the name: an alias.
            acronym = None
            after = [t for t in doc[end:min(end + 6, len(doc))] if not t.is_space]
            if len(after) >= 3 and after[0].text == "(" and after[2].text == ")" and after[1].text[:1].isupper():
                acronym = after[1].text
            out.append((start, end, acronym))
        return out

    def _named_record(self, span: Span, acronym: str | None) -> dict:
        name = clean(span.text)
        # "the Conference on Trade and Development": the last event noun of the name, not of its topic
        head = next((t for t in reversed(span) if event_kind(t.lower_) and t.text[:1].isupper()), None)
        last = head or next((t for t in reversed(span) if not t.is_punct), span.root)
        kind = event_kind(last.lower_) or _known_kind(name) or (_known_kind(acronym) if acronym else None) \
            or "event"
        # "The Aviator won best film at the X Awards": who wins at awards is often a film or a record the
        # tagger calls a person or a firm, so an awards ceremony names no participants from its verb.
        participants = [] if last.text == "Awards" else None
        return self._record(span, span.root, name, [acronym] if acronym else [], kind=kind, participants=participants,
                            pattern=self.named_pattern.get(span.start, "event.named.head"))

    # ---- described events ----------------------------------------------------------------------

    def _is_event_noun(self, tok: Token) -> bool:
        low = tok.lower_
        return tok.pos_ in ("NOUN", "PROPN") and low in EVENT_NOUNS and low != "signing" and (
            tok.i not in self.ent_at or self.ent_at[tok.i].label_ == "EVENT") and not (
            tok.text[:1].isupper() and not tok.is_sent_start) and (  # not "Trades Union Congress", not a name
            tok.dep_ != "compound" and MENTION.get(low) != "none")  # not "the elections watchdog", "Xbox games"

    def _one_event(self, tok: Token, modifiers: list[Span]) -> bool:
        """Not a series ("daily news conferences", "weekly meetings"), not voters ("the Muslim vote"), and
        not one the clause denies ("no plans for Blair to hold a news conference")."""
        low = tok.lower_
        if MENTION.get(low) == "series" or any(c.lower_ in SERIES_MODIFIERS for c in tok.children):
            return False
        if MENTION.get(low) == "voters" and modifiers and all(e.label_ == "NORP" for e in modifiers):
            return False
        if low == "convention" and tok.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
            return False  # "tossed Hollywood convention out of the window": a custom, no gathering
        if event_kind(low) == "strike" and any(self.ent_at.get(c.i) is not None and self.ent_at[c.i].label_ == "PERSON"
                                               for c in tok.children if c.dep_ == "poss"):
            return False  # "Fowler's double strike": a shot at goal; workers strike, not one person
        if MENTION.get(low) == "voters" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
            return False  # "she called her vote for the war a mistake": a ballot cast, not an election
        return not _denied(tok)

    def _described(self, tok: Token) -> dict | None:
        if self._is_event_noun(tok):
            return self._event_noun(tok)
        if tok.lemma_.lower() == "sign" and tok.pos_ == "VERB":
            return signing(self, tok)
        return None

    def _event_noun(self, tok: Token) -> dict | None:
        """An event noun of the lexicon in a clause that makes it an event, and only with a named
        organiser, participant or name modifier."""
        found, pattern = self._first_description(tok)
        modifiers = self._name_modifiers(tok)
        if pattern is None and modified_event(modifiers):
            pattern = modified_event.rule.name
        if pattern is None or not self._one_event(tok, modifiers) or _unconfirmed(tok):
            return None
        where, parties = self._modifier_roles(tok, modifiers)
        holders = [e for e in parties if self._holds(tok, e)]
        organizers = list(dict.fromkeys(found.organizers + [n for e in holders for n in [self._name(e) or e.text] if n]))
        participants = list(dict.fromkeys(found.participants + [n for e in parties if e not in holders
                                                                for n in [self._name(e) or e.text] if n]
                                          + self._parties_of(tok)))
        if not (organizers or participants or modifiers):
            return None  # "a meeting between him and an agent", "the meeting took place": nothing named
        name = found.name if found.name is not None else self._noun_name(tok)
        # "the Asia Pacific Economic Co-operation (Apec) summit": the short form and the noun
        name = _ACRONYM_BEFORE.sub(r"\1 ", name)
        rec = self._record(tok.sent, tok, name, [], organizers=organizers, participants=participants,
                           name_span=(tok.idx, tok.idx + len(tok.text)), kind=event_kind(tok.lower_) or "event",
                           pattern=pattern)
        rec["place"] = self._noun_place(tok, rec["place"], where)
        return None if _ongoing_process(rec, tok, pattern) else rec

    def _first_description(self, tok: Token) -> tuple[Found, str | None]:
        """The first described-event rule that reads the noun, with what it found; none: nothing found yet."""
        for described in DESCRIBED_RULES:
            got = described(self, tok)
            if got is not None:
                return got, described.rule.name
        return Found(), None

    def _noun_place(self, tok: Token, near: str | None, where: list[Span]) -> str | None:
        """The place of a described event: the place near it, a town the tagger took for an organisation,
        and before a place of another phrase, its own place word ("the Tulsa protest")."""
        town = next((t for p in tok.children if p.dep_ == "prep" and p.lower_ == "in" for t in [self._town_in(p)] if t), None)
        if near is None and town is not None:
            near = clean(town.text)
        if where and (near is None or not self._in_phrase(tok, near)):
            return clean(where[0].text)  # "Unlike protests in Charlotte, the Tulsa protest …"
        return near

    def _lone_name(self, ent: Span) -> bool:
        """"the Brexit vote", "the Oscar ceremony": one word the tagger calls a person, with no full name
        anywhere in the document, naming the event's kind rather than a person taking part."""
        if ent.label_ != "PERSON" or len(ent) != 1 or ent.root.dep_ == "poss":
            return False
        name = self._name(ent) or ent.text
        return len(name.split()) == 1

    def _in_phrase(self, noun: Token, place: str) -> bool:
        """The place is written in the event noun's own phrase ("the protest in Tulsa")."""
        return place in " ".join(t.text for t in noun.subtree)

    def _modifier_roles(self, tok: Token, modifiers: list[Span]) -> tuple[list[Span], list[Span]]:
        """The named modifiers of an event noun that say where it is, and those that take part."""
        # A country or city before the noun says where ("the Beijing forum"), except a group ("G7") and
        # a possessor, which takes part ("Turkey's accession talks").
        places = [e for e in modifiers if e.label_ == "GPE" and not KNOWN_EVENTS.match(e.text) and e.root.dep_ != "poss"]
        # "the China-US summit": the two countries meet, it is in neither.
        pair = [e for e in places if any(o is not e and (o.end + 1 == e.start or e.end + 1 == o.start) and
                                         _attached_hyphen(self.doc, min(o.end, e.end)) for o in places)]
        # The country of a modifier ("the Pakistan pavilion inauguration ceremony", "the Gaza ceasefire talks")
        # is neither where the event is nor a party to it.
        where = [e for e in places if e.root.head.i == tok.i and not pair]
        parties = [e for e in modifiers if (e not in places or e in pair)
                   and (e.label_ in ACTOR_LABELS or KNOWN_EVENTS.match(e.text)) and not self._lone_name(e)]
        return where, parties

    def _holds(self, tok: Token, e: Span) -> bool:
        """A named organisation before an event noun holds the event ("the Labour conference", "the FOCAC
        summit", "the Bafta ceremony"); the members of a group of states take part in its meetings ("the G7
        summit", "the EU summit"), the parties of talks and the voters of a vote take part ("the Commons vote"),
        and so do two names joined by a hyphen ("the Nissan-Renault meeting")."""
        if e.label_ != "ORG" or event_kind(tok.lower_) in ("talks", "election", "strike"):
            return False
        names = {e.text.lower(), (self._name(e) or e.text).lower()}
        if names & MEMBER_GROUPS or any(KNOWN_EVENTS.match(n) for n in (e.text, self._name(e) or "")):
            return False
        doc = self.doc
        return not (e.end < len(doc) - 1 and _attached_hyphen(doc, e.end) and doc[e.end + 1].text[:1].isupper()
                    or e.start > 1 and _attached_hyphen(doc, e.start - 1) and doc[e.start - 2].text[:1].isupper())

    def _name_modifiers(self, tok: Token) -> list[Span]:
        """Named modifiers of an event noun: "G7" of "the G7 finance ministers' meeting", "APEC summit"."""
        out: list[Span] = []
        stack = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
        while stack:
            c = stack.pop()
            e = self.ent_at.get(c.i)
            if e is None and KNOWN_EVENTS.match(c.text):
                e = c.doc[c.i:c.i + 1]  # an untagged "G7"
            if e is not None and (e.label_ in (*ACTOR_LABELS, "NORP", "EVENT") or KNOWN_EVENTS.match(e.text)) \
                    and e not in out:
                out.append(e)
            stack += [g for g in c.children if g.dep_ in ("compound", "poss", "nmod", "amod")]
        return sorted(out, key=lambda e: e.start)

    def _parties_of(self, tok: Token) -> list[str]:
        """"talks between Nissan and Renault", "a strike by BA staff": named parties of the event."""
        out = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("between", "with", "by", "among"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for t in (obj, *(c for c in obj.children if c.dep_ == "conj")):
                    e = self.ent_at.get(t.i)
                    if e is not None and e.label_ in ACTOR_LABELS and not is_place(e):
                        name = self._name(e)
                        if name:
                            out.append(name)
        return out

    def _skips_in_name(self, noun: Token, t: Token) -> bool:
        """A piece of the noun's phrase that is not part of the event's name."""
        if t.dep_ in ("relcl", "acl", "appos") and t is not noun:
            return True
        if t.dep_ in ("conj", "cc") and t.head.i == noun.i:
            return True  # "the US elections and the World Cup": two things; "gender and productivity seminar" is one
        if t.dep_ == "amod" and t.head.i == noun.i and t.pos_ == "ADJ" and not t.ent_type_ and not t.text[:1].isupper() \
                and t.lower_ not in _NAME_ADJECTIVES:
            return True  # "a smooth election", "the recent meeting"
        if t.dep_ == "poss" and t.head.i == noun.i and (self._is_date_token(t) or _calendar_word(t) or _relative_period(t)):
            return True  # "July's G8 summit", "last year's election": the date is the date, not the name
        return t.dep_ == "prep" and self._prep_skips_in_name(noun, t)

    def _prep_skips_in_name(self, noun: Token, t: Token) -> bool:
        """A preposition of the noun's phrase that leads out of the event's name."""
        if self._leads_out_of_name(noun, t):
            return True
        if t.lower_ == "with" and noun.lower_ in SIGN_OBJECTS:
            return True  # the parties are participants, not the name
        if t.lower_ in ("at", "during") and any(c.lower_ in EVENT_NOUNS for c in t.children):
            return True  # "talks with X at Labour's spring conference": the setting is another event
        # "... conference in March", "a summit in the city of Basra"
        return t.lower_ in ("in", "at", "on") and any(
            c.i in self.ent_at and (is_place(self.ent_at[c.i]) or self.ent_at[c.i].label_ in PLACE_LABELS)
            or self._is_date_token(c) or _calendar_word(c) for c in _with_of_objects(t.children))

    def _leads_out_of_name(self, noun: Token, prep: Token) -> bool:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        own_words = [x for o in objects for x in (o, *(y for left in o.lefts for y in left.subtree))]
        if prep.lower_ == "of" and self._name_modifiers(noun) and not any(
                x.i in self.ent_at and self.ent_at[x.i].label_ in _NAMED_LABELS for x in own_words):
            return True  # "the G7 meeting of seven industrialised nations": the modifier already names it
        if prep.lower_ == "in" and noun.lower_ in EVENT_NOUNS and self._town_in(prep) is not None:
            return True
        # "a summit in California Mr X said": a misparse; no event is "in" a person
        return prep.lower_ in ("in", "at") and any(
            self.ent_at.get(o.i) is not None and self.ent_at[o.i].label_ == "PERSON" for o in objects)

    def _town_in(self, prep: Token) -> Span | None:
        """"the party conference in Bournemouth": a one-word name after an event's "in" that the tagger
        calls an organisation is a town (no event is held in a company); acronyms stay organisations."""
        for o in prep.children:
            e = self.ent_at.get(o.i)
            if o.dep_ == "pobj" and e is not None and e.label_ == "ORG" and len(e) == 1 and o.text.istitle() \
                    and o.lower_ not in ORG_DESIGNATORS:
                return e
        return None

    def _noun_name(self, noun: Token) -> str:
        skip, adjectives = set(), set()
        for t in noun.subtree:
            if self._skips_in_name(noun, t):
                skip.update(x.i for x in t.subtree)
                if t.dep_ == "amod" and t.n_lefts + t.n_rights == 0 or t.dep_ == "appos" and _in_brackets(t):
                    adjectives.add(t.i)  # "latest", "(£3.12bn)": dropped without leaving a gap
        name = noun_phrase(self.doc, noun, skip) or noun.text
        kept = skip - {x.i for i in adjectives for x in self.doc[i].subtree}
        if " … " in name and adjectives and " … " not in noun_phrase(self.doc, noun, kept):
            # "North Korea's latest missile launch": a dropped adjective is no gap in the name
            name = name.replace(" … ", " ")
        return name

    def _is_date_token(self, tok: Token) -> bool:
        return any(d.start <= tok.idx < d.end for d in self.dates)

    # ---- actors, places, dates -----------------------------------------------------------------

    def _name(self, span: Span) -> str | None:
        ent = self.names.get(span.kb_id_)
        if ent is None:
            return None
        self.aliases_of[ent["name"]] = ent["aliases"]
        return ent["name"]

    def entities_in(self, tok: Token) -> list[Span]:
        out = []
        for t in tok.subtree:
            e = self.ent_at.get(t.i)
            if e is not None and e.label_ in ACTOR_LABELS and e not in out and not is_place(e):
                out.append(e)
        return out

    def _refers_to(self, subj: Token) -> str | None:
        """"it signed a deal", "the company hosted": the organisation or person, resolved as a speaker would be."""
        if not (subj.lower_ == "it" or subj.lower_ in ORG_NOUNS and any(
                d.dep_ == "det" and d.lower_ in ("the", "this") for d in subj.children)):
            return None
        verb = subj.head
        if subj.lower_ == "it" and verb.dep_ == "ccomp":  # "Lockheed said it had signed": the one who said
            said_by = [self._name(e) for c in verb.head.children if c.dep_ == "nsubj"
                       for e in self.head_entities(c) if e.label_ == "ORG"]
            if said_by and said_by[0]:
                return said_by[0]
        if self._resolver is None:
            self._resolver = speaker_resolver(self.doc)
        found = self._resolver.resolve(subj)
        if found.name and found.label in ("ORG", "PERSON"):
            self.aliases_of[found.name] = found.aliases
            return found.name
        return None

    def _subject_actors(self, verb: Token) -> list[str | None]:
        names: list[str | None] = []
        for c in verb.children:
            if c.dep_ == "nsubj":
                names += [self._name(e) for e in self.head_entities(c) if e.label_ in ("ORG", "PERSON")]
                if not names:
                    referred = self._refers_to(c)
                    if referred:
                        names.append(referred)
        if not names and verb.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" for c in verb.children):
            # "X was reported to have attended", "X is due to attend": the raised subject; "urged Y to attend": Y
            ruling = verb.head
            subjects = [c for c in ruling.children if c.dep_ == "dobj"] or [
                c for c in ruling.children if c.dep_ in ("nsubj", "nsubjpass")]
            names += [self._name(e) for c in subjects for e in self.head_entities(c) if e.label_ in ("ORG", "PERSON")]
        return names

    def _run_before(self, verb: Token) -> list[Span]:
        """The run of named organisations and people right before a verb ("CIYEC and AmCham China hosted")."""
        doc = self.doc
        j = verb.i - 1
        run: list[Span] = []
        while j >= verb.sent.start:
            t = doc[j]
            e = self.ent_at.get(j)
            if e is not None and e.label_ in ("ORG", "PERSON"):
                if not run or run[-1] is not e:
                    run.append(e)
                j = e.start - 1
                continue
            if t.lower_ in _RUN_JOINERS or t.is_space or t.pos_ == "AUX":
                j -= 1
                continue
            break
        return run

    def actors_of(self, verb: Token) -> list[str]:
        """The subject of a verb as entity names; when the parse loses it, the run of named
        organisations and people right before the verb."""
        names = self._subject_actors(verb)
        if not names:
            names = [self._name(e) for e in reversed(self._run_before(verb)) if not self._in_subject_clause(e, verb)]
        return list(dict.fromkeys(n for n in names if n))

    def _in_subject_clause(self, ent: Span, verb: Token) -> bool:
        """"A documentary which looks at the life of singer X will be shown at the festival": a name in a
        clause of the verb's own subject is no actor of the verb ("Members of X held" still names X)."""
        subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        t = ent.root
        while t.head.i != t.i and t.i not in subjects:
            if t.dep_ in ("relcl", "acl"):
                return any(a.i in subjects for a in t.ancestors)
            t = t.head
        return False

    def country_subjects(self, verb: Token) -> list[str]:
        """"the US signed a treaty": countries sign as parties (they host as places, see `_host_city`)."""
        subjects = [t for c in verb.children if c.dep_ == "nsubj" for t in (c, *c.conjuncts)]
        ents = [self.ent_at[t.i] for t in subjects if t.i in self.ent_at]  # not "iQIYI, China's leading firm"
        return list(dict.fromkeys(n for e in ents if e.label_ == "GPE" for n in [self._name(e)] if n))

    def head_entities(self, tok: Token) -> list[Span]:
        """Entities a noun phrase is (the head and its conjuncts), not those in its modifiers."""
        out = []
        stack = [tok]
        while stack:
            t = stack.pop()
            e = self.ent_at.get(t.i)
            if e is not None and e not in out and not is_place(e):
                out.append(e)
            stack += [c for c in t.children if c.dep_ in ("conj", "compound", "appos") and c.i in self.ent_at
                      or c.dep_ == "conj"]
        return sorted(out, key=lambda e: e.start)

    def agents(self, verb: Token) -> list[str]:
        return list(dict.fromkeys(self._name(e) for c in verb.children if c.dep_ == "agent"
                                  for e in self.entities_in(c) if self._name(e)))

    def _place_near(self, tok: Token, name_span: tuple[int, int] = (0, 0)) -> str | None:
        """The place "in"/"at" nearest the event in its own clause: not where goods are sold in another
        clause ("signed a deal to supply cars for sale in Japan"), nor a word of the event's own name
        ("the Hepu Relics Exhibition")."""
        doc = self.doc
        sent = tok.sent
        scope = _clause_scope(tok)
        places = [e for e in context_of(doc).ents if e.start >= sent.start and e.end <= sent.end and is_place(e)
                  and e.root.i in scope and not self._of_other_party(e, tok, name_span)
                  and not (name_span[0] <= e.start_char < name_span[1])]
        if not places:
            return None
        best = min(places, key=lambda e: (scope[e.root.i], 0 if e.start > tok.i else 1, abs(e.start - tok.i)))
        end = best.end
        if end + 1 < sent.end and doc[end].text == "," and self.ent_at.get(end + 1) is not None \
                and self.ent_at[end + 1].label_ == "GPE" and self.ent_at[end + 1].root.dep_ != "compound":
            end = self.ent_at[end + 1].end
        return clean(doc[best.start:end].text)

    def _host_city(self, anchor: Token) -> str | None:
        """"Beijing will host the forum": a city or country that hosts the event is where it is."""
        verb = anchor.head
        if anchor.dep_ not in ("dobj", "conj") or verb.lemma_.lower() not in HOST_VERBS:
            return None
        ruling = verb
        if not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("acl", "xcomp"):
            # "Beijing won the bid to host the Games", "Doha is set to host the forum"
            ruling = verb.head.head if verb.dep_ == "acl" and verb.head.dep_ == "dobj" else verb.head
        hosts = [self.ent_at.get(c.i) for c in ruling.children if c.dep_ == "nsubj"]
        return next((clean(e.text) for e in hosts if e is not None and e.label_ == "GPE"), None)

    def _date_near(self, span: Span, anchor: Token) -> DateMention | None:
        """The date of the sentence nearest the event; after a name, the year written right after it
        ("(CIIE) 2023"), and no date far from a name mentioned in passing."""
        sent = anchor.sent
        dates = [d for d in self.dates if d.start >= sent.start_char and d.end <= sent.end_char]
        near = self._clause_date(dates, span, anchor) or self._calendar_date(span, anchor) \
            or self._date_right_after(span, anchor)
        year = next((t for t in span if _YEAR.fullmatch(t.text)), None) if span.start in self.tail_end else None
        if year is not None and (near is None or near.iso != year.text and not (near.iso or "").startswith(year.text)):
            # "the 1980 and 1984 Games", "the 2008 Beijing Games": the year in the name
            near = DateMention(year.idx, year.idx + len(year.text), year.text, year.text)
        if span.start in self.tail_end:
            tail = self._year_after(span)
            if tail is not None:
                near = next((d for d in dates if d.start == tail.idx), near)
            elif near is not None and abs(near.start - anchor.idx) > 80 and not self._sets_clause(near, anchor):
                near = None
        return near

    def _date_right_after(self, span: Span, anchor: Token) -> DateMention | None:
        """"at the Leeds ceremony on Sunday", "for a smooth election in January": a date written right after
        the event's noun is its date, even when the parse hangs it on the verb of the clause."""
        doc = self.doc
        i = anchor.i + 1 if span.start <= anchor.i < span.end and span == anchor.sent else span.end
        comma = i < len(doc) and doc[i].text == ","
        e = self._calendar_date_at(i + comma)  # "the town's big night, the 12th Harbour Film Awards, on Sunday."
        if e is None:
            return None
        if comma and not (e.end >= anchor.sent.end or doc[e.end].is_punct and doc[e.end].text != ","):
            return None  # after a comma, only a date that ends the sentence: "the Awards, on Sunday, she said" is hers
        text = e[:-1] if len(e) > 1 and e[-1].is_punct else e
        known = next((d for d in self.dates if d.start <= text.start_char < d.end), None)
        if known is not None:
            return known
        return DateMention(text.start_char, text.end_char, text.text, _month_nearest(text.text, self.published))

    def _calendar_date_at(self, i: int) -> Span | None:
        """The DATE entity of "on/in <date>" starting at token i, when it names a calendar day, month or year."""
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].lower_ not in ("on", "in") or doc[i].dep_ != "prep":
            return None
        e = self.ent_at.get(i + 1)
        if e is None or e.label_ != "DATE" or e.start != i + 1 or len(e) > 3 or e.root.head.i != i:
            return None
        if e[-1].lower_ not in CALENDAR_WORDS and not _YEAR.fullmatch(e[-1].text):
            return None  # "in recent years", "on the day": no date of one occasion
        return e

    def _year_after(self, span: Span) -> Token | None:
        """The year written right after a name: "(CIIE) 2023", "the 20th Party Congress in 2022" (however
        it is parsed)."""
        doc = self.doc
        tail = next((t for t in doc[self.tail_end[span.start]:] if not t.is_space), None)
        if tail is not None and tail.lower_ == "in" and tail.i + 1 < len(doc) and _YEAR.fullmatch(doc[tail.i + 1].text):
            tail = doc[tail.i + 1]
        return tail if tail is not None and _YEAR.fullmatch(tail.text) else None

    def _sets_clause(self, near: DateMention, anchor: Token) -> bool:
        """A date far from a name that still dates it: a setting of the verb the event is the subject,
        object or place of ("In 2017, China called for a partnership at the first UN Ocean Conference")."""
        i = self._date_root(near)
        return i is not None and _clause_scope(anchor).get(i, 99) <= 5 and self.doc[i].sent == anchor.sent \
            and i not in {t.i for t in anchor.subtree}

    def _clause_date(self, dates: list[DateMention], span: Span, anchor: Token) -> DateMention | None:
        """The date nearest the event in the parse, among those of its own clause."""
        scope = _clause_scope(anchor)
        in_scope = [(scope[i], d) for d in dates for i in [self._date_root(d)] if i in scope
                    and not _outside_event(self.doc[i], anchor) and not self._in_other_name(i, span)
                    and not (_YEAR.fullmatch(d.text) and _in_brackets(self.doc[i]))]  # "The Crucible (1997)": a title's year
        return min(in_scope, key=lambda x: (x[0], abs(x[1].start - anchor.idx)))[1] if in_scope else None

    def _calendar_date(self, span: Span, anchor: Token) -> DateMention | None:
        """"to be held in Beijing in January": a month or day the model tags as a date in the event's own
        clause, kept as written when no publication date anchors it (date_text, no ISO date)."""
        scope = _clause_scope(anchor)
        # Only a date on the event's own verb or phrase: "suspended in December before the Games" is not the
        # Games' date.
        own = _own_date_heads(anchor)
        found = [e for e in anchor.sent.ents if e.label_ == "DATE" and len(e) <= 2 and e[-1].lower_ in CALENDAR_WORDS
                 and e.root.i in scope and not _outside_event(e.root, anchor) and not self._in_other_name(e.root.i, span)
                 and (e.root.head.i in own or e.root.head.head.i in own and e.root.head.dep_ == "prep")]
        best = min(found, key=lambda e: (scope[e.root.i], abs(e.start - anchor.i)), default=None)
        if best is None:
            return None
        best = _bare_date(best)
        # The same date as numbers.find_dates reads it, resolved when the document has a date.
        known = next((d.iso for d in self.dates if d.start <= best.start_char < d.end), None)
        return DateMention(best.start_char, best.end_char, best.text, known or _month_nearest(best.text, self.published))

    def _of_other_party(self, place: Span, anchor: Token, name_span: tuple[int, int] = (0, 0)) -> bool:
        """"Oxford University in Britain", "Acme's chief in Paris": a place that says where an organisation or
        a person is, not where the event is; an organisation in the event's own name is none ("the Meeting
        of the Shanghai Cooperation Organization in Astana")."""
        t = place.root.head
        while t.i != anchor.i and t.head.i != t.i:
            e = self.ent_at.get(t.i)
            if e is not None and e.label_ in ("ORG", "PERSON") and not (e.start <= anchor.i < e.end) \
                    and not (name_span[0] <= e.start_char < name_span[1]):
                return True
            t = t.head
        return False

    def _in_other_name(self, i: int, span: Span) -> bool:
        """A date inside the name of another event is that event's ("... since the 2008 Beijing Games")."""
        return any(start <= i < end and not (span.start <= i < span.end) for start, end in self.named_ranges)

    def _date_root(self, d: DateMention) -> int | None:
        span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
        return span.root.i if span is not None and len(span) else None

    def _default_participants(self, anchor: Token) -> list[str]:
        """"X attended the Summit", "X spoke at the Summit": the subject of the verb a name is the object of."""
        if _denied(anchor):
            return []  # "X did not attend the Summit"
        tok, verb, preps = anchor, anchor.head, ("at", "in")
        while tok.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lower_ in SETTING_NOUNS:
            # "X spoke at the opening ceremony of the Summit", "X met Y on the sidelines of the Summit"
            tok, verb, preps = verb.head, verb.head.head, ("at", "in", "on", "during")
        if tok.dep_ == "pobj" and verb.lower_ in preps:
            verb = verb.head
            if verb.dep_ == "pobj" and verb.head.dep_ == "agent":
                verb = verb.head.head  # "proposed by X at the Summit": the parse hangs "at" on X
            if verb.pos_ != "VERB":
                return []
            # "the plan was proposed by X at the Summit": the agent of a passive was there
            return self.actors_of(verb) or self.agents(verb)
        if anchor.dep_ == "dobj" and verb.lemma_.lower() in ATTEND_VERBS:
            return self.actors_of(verb)
        return []

    def _default_organizers(self, anchor: Token) -> list[str]:
        """"X hosted the Summit": the subject of a host verb."""
        verb = anchor.head
        if anchor.dep_ in ("dobj",) and verb.lemma_.lower() in HOST_VERBS:
            return self.actors_of(verb)
        return []

    def _record(self, span: Span, anchor: Token, name: str, aliases: list[str], *,
                organizers: list[str] | None = None, participants: list[str] | None = None,
                name_span: tuple[int, int] | None = None, kind: str = "event", pattern: str = "event.named.head") -> dict:
        sent = anchor.sent
        if participants is None:
            participants = self._default_participants(anchor)
        if organizers is None:
            organizers = self._default_organizers(anchor)
        near = _coming_weekday(self._date_near(span, anchor), anchor, self.published)
        ev_start, ev_end = sent.start_char, sent.end_char
        while ev_end > ev_start and self.text[ev_end - 1].isspace():
            ev_end -= 1
        if name_span is None:
            name_span = (span.start_char, span.end_char)
        if "[" in name or "]" in name:
            name = re.sub(r"\s+", " ", name.replace("[", "").replace("]", "")).strip()  # "the [European] election"
        return {
            "name": name,
            "aliases": aliases,
            "kind": kind,
            "pattern": pattern,
            "date": near.iso if near else None,
            "date_text": _without_full_stop(near.text) if near else None,
            "place": _own_place(self._place_near(anchor, name_span) or self._host_city(anchor), name),
            # The event itself is no one taking part in it ("the Academy Awards" at the Academy Awards).
            "organizers": [o for o in organizers if not _same_name(o, name)],
            "participants": [p for p in participants if p not in organizers and not _same_name(p, name)],
            "evidence": self.text[ev_start:ev_end],
            "start": ev_start,
            "end": ev_end,
            "name_start": name_span[0],
            "name_end": name_span[1],
        }


# ---- described-event rules ----------------------------------------------------------------------


@rule("event.described.hosted", examples=[
    ('Harwell Foods hosted a seminar for exporters in Leeds.',
     {'organizers': 'Harwell Foods', 'kind': 'seminar', 'place': 'Leeds'}),
    ('Harwell Foods will hold talks with Brightwing in Leeds.',
     {'organizers': 'Harwell Foods', 'kind': 'talks', 'participants': 'Brightwing'}),
    ('Harwell Foods could hold talks with Brightwing in Leeds.',
     None),  # only a possibility
    ('Harwell Foods is expected to hold talks with Brightwing in Leeds.',
     None),
])
def hosted(reader: _EventReader, tok: Token) -> Found | None:
    """"CIYEC and AmCham China hosted a seminar", "the summit was organised by X": organisers."""
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ in ("dobj", "conj") and lemma in HOST_VERBS:
        return Found(organizers=reader.actors_of(head))
    if tok.dep_ == "nsubjpass" and lemma in HOST_VERBS:
        return Found(organizers=reader.agents(head))
    return None


@rule("event.described.attended", examples=[
    ('Maria Lopez attended the conference in Madrid.',
     {'participants': 'Maria Lopez', 'place': 'Madrid'}),
    ('Maria Lopez and Tom Berg met on the sidelines of the G20 summit in Rome.',
     {'name': 'G20 summit', 'participants': 'Tom Berg', 'place': 'Rome'}),
])
def attended(reader: _EventReader, tok: Token) -> Found | None:
    """"X attended the conference", "X took part in the talks": participants."""
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in ATTEND_VERBS:
        return Found(participants=reader.actors_of(head))
    preps = ("in", "at")
    while tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SETTING_NOUNS:
        tok, head, preps = head.head, head.head.head, ("in", "at", "on")  # "met on the sidelines of the summit"
    if tok.dep_ == "pobj" and head.lower_ in preps and head.head.lemma_.lower() in ATTEND_VERBS | {"part"}:
        verb = head.head if head.head.pos_ == "VERB" else head.head.head
        return Found(participants=reader.actors_of(verb))
    return None


def _their_event_name(tok: Token, subj: Token, heads: list[Span], others: list[Span], names: list[str]) -> str:
    if others or all(e.label_ == "PERSON" for e in heads):
        return f"{tok.text} of " + " and ".join(names)  # "meeting of Antonio Guterres and Xi Jinping"
    # The meeting is theirs: "G7 finance ministers meeting".
    return " ".join(t.text for t in subj.subtree if t.dep_ not in ("det", "punct") and t.i <= subj.i) + " " + tok.text


def _owners_of(tok: Token, heads: list[Span], others: list[Span]) -> tuple[list[Span], list[Span]]:
    """"At its session the board agreed": an "its" meeting is an organisation's; "at the Assembly at its
    session, Pakistan said" is no session of Pakistan's (a person or a country is no "its" of a session)."""
    if any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children):
        return [e for e in heads if e.label_ == "ORG"], []
    return heads, others


@rule("event.described.at_their", examples=[
    ('At their meeting in Rome, G7 leaders agreed to cut tariffs.',
     {'name': 'G7 leaders meeting', 'participants': 'G7', 'place': 'Rome'}),
    ('At the Halvard Assembly at its tenth session, Norway tabled a statement.',
     None),  # "its" is the Assembly's, not Norway's
])
def at_their(reader: _EventReader, tok: Token) -> Found | None:
    """"At their meeting in London, G7 finance ministers backed ...": those who met are the
    subject of the clause the meeting is the setting of."""
    if not (tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during", "after", "before", "ahead")
            and any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in tok.children)):
        return None
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subj is None:
        return None
    heads = [e for e in reader.head_entities(subj) if e.label_ in ACTOR_LABELS]
    # "Guterres told Xi during their meeting": the one told met too.
    others = [e for c in verb.children if c.dep_ in ("dobj", "dative") for e in reader.head_entities(c)
              if e.label_ == "PERSON"]
    heads, others = _owners_of(tok, heads, others)
    names = [n for n in dict.fromkeys(reader._name(e) for e in heads + others) if n]
    if not names:
        return None
    return Found(participants=names, name=_their_event_name(tok, subj, heads, others, names))


@rule("event.described.modified", examples=[
    ('The APEC summit ended on Friday.',
     {'name': 'APEC summit', 'participants': 'APEC'}),
    ('Delegates flew home after the EU summit in Brussels.',
     {'name': 'EU summit', 'participants': 'EU'}),
    ("The Greenfield Party's spring conference ended on Sunday.",
     {'organizers': 'Greenfield Party', 'participants': []}),  # the party holds it, it does not take part
    ("July's G8 summit in Gleneagles will discuss aid.",
     {'name': 'G8 summit', 'date_text': 'July', 'place': 'Gleneagles'}),
    ('The meeting took place on Monday.',
     None),
    ('Voters\n\nHe will win 80 percent of the Hispanic vote, she said.',
     None),
])
def modified_event(modifiers: list[Span]) -> bool:
    """"the G7 meeting", "the APEC summit", "the Iraqi election": an event noun with a named modifier,
    when no verb says who hosts or attends it."""
    return bool(modifiers)


DESCRIBED_RULES = (hosted, attended, at_their)


@rule("event.signing", examples=[
    ('Harwell Foods signed a deal worth £5bn.',
     {'name': 'signing of deal', 'participants': 'Harwell Foods'}),
    ('Harwell Foods signed the letter.',
     None),
    ('Skyward Air has signed a deal to acquire 36 planes from Brightwing.',
     {'name': 'signing of deal to acquire 36 planes', 'participants': 'Brightwing'}),
    ('Norway and Chile signed a salmon trade agreement in Oslo.',
     {'participants': 'Chile', 'place': 'Oslo'}),
    ('Harwell Foods has signed supply agreements with forty farms since 2010.',
     None),  # signings counted up over years
    ('Harwell Foods may sign a supply agreement with Brightwing.',
     None),  # only a possibility
])
def signing(reader: _EventReader, tok: Token) -> dict | None:
    """"Acme and Beta signed a supply agreement", "X signed a deal with Y": the parties of a signing."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in SIGN_OBJECTS), None)
    if obj is None or _tally(tok, obj) or _unconfirmed(tok):
        return None
    purpose = _deal_purpose(tok, obj)
    parties = reader.actors_of(tok) or reader.country_subjects(tok)
    parties += _parties_after(reader, (*tok.children, *obj.children), ("with",))
    if purpose is not None:  # "a deal to acquire 36 planes from ATR": ATR is the other party
        parties += _parties_after(reader, purpose.children, ("from", "with"))
    parties = list(dict.fromkeys(p for p in parties if p))
    if not parties:
        return None
    name = "signing of " + reader._noun_name(obj) + _purpose_words(purpose)
    return reader._record(tok.sent, obj, name, [], participants=parties,
                          name_span=(tok.idx, obj.idx + len(obj.text)), kind="signing", pattern="event.signing")


def _deal_purpose(verb: Token, obj: Token) -> Token | None:
    """"signed a deal to acquire 36 planes": the infinitive the parse hangs on the deal or on "signed"
    right after it."""
    return next((c for c in (*obj.children, *verb.children) if c.dep_ in ("acl", "advcl") and c.tag_ == "VB"
                 and c.i > obj.i and c.left_edge.i <= obj.right_edge.i + 1
                 and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")), None)


def _parties_after(reader: _EventReader, children, preps: tuple[str, ...]) -> list[str | None]:
    """The names after "with"/"from" among `children`, not a possessor or a description of a party."""
    out: list[str | None] = []
    for c in children:
        if c.dep_ == "prep" and c.lower_ in preps:
            named = [reader._name(e) for e in _party_entities(reader, c) if not _describes_party(e) and not _possessor(e)]
            out += named or _described_parties(c)
    return out


def _described_parties(prep: Token) -> list[str | None]:
    """"with Scottish club Rangers", "with carmaker Brightwell": a name the tagger missed, after a word for
    a kind of organisation."""
    out: list[str | None] = []
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        lefts = list(obj.lefts)
        if obj.pos_ != "PROPN" or obj.ent_type_ or not any(t.lower_ in DESCRIPTOR_NOUNS for t in lefts):
            continue
        start = obj.i
        while start > obj.left_edge.i and obj.doc[start - 1].pos_ == "PROPN" and obj.doc[start - 1].dep_ == "compound":
            start -= 1
        out.append(obj.doc[start:obj.i + 1].text)
    return out


def _party_entities(reader: _EventReader, prep: Token) -> list[Span]:
    """The actors a "with" phrase names, not those in what follows them ("an MoU with the WHO on health
    cooperation in BRI countries": the WHO, not BRI); "of" stays ("with the government of Chile")."""
    out: list[Span] = []
    stack = [c for c in prep.children if c.dep_ == "pobj"]
    while stack:
        t = stack.pop()
        e = reader.ent_at.get(t.i)
        if e is not None and e.label_ in ACTOR_LABELS and e not in out and not is_place(e):
            out.append(e)
        stack += [c for c in t.children if not (c.dep_ in ("prep", "relcl", "acl", "advcl") and c.lower_ != "of")]
    return sorted(out, key=lambda e: e.start)


def _purpose_words(purpose: Token | None) -> str:
    """" to acquire 36 planes": what a signed deal is for, its verb and object (a deal alone says little),
    up to six words and never past its own "from"/"with" party or a clause."""
    if purpose is None:
        return ""
    obj = next((c for c in purpose.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "PRON":
        return ""  # "to supply it" says nothing
    words = [t for t in obj.subtree if not (t.dep_ in ("prep", "relcl", "acl", "punct", "cc", "conj", "appos")
                                            or any(a.dep_ in ("prep", "relcl", "acl", "cc", "conj", "appos") and a.i > obj.i
                                                   for a in t.ancestors if a.i in {x.i for x in obj.subtree}))]
    if not words or len(words) > 6 or words[-1].i - words[0].i + 1 > 8:
        return ""
    doc = purpose.doc
    return " to " + purpose.text + " " + doc[words[0].i:words[-1].i + 1].text


def _relative_period(t: Token) -> bool:
    """"this year's summit", "last week's talks": a period counted from now, a date and no name."""
    return t.lower_ in ("year", "week", "month") and any(c.lower_ in ("this", "last", "next") for c in t.children)


def _in_brackets(t: Token) -> bool:
    """"gas (LNG)", "$6bn (£3.12bn)": a phrase written inside brackets."""
    doc = t.doc
    left, right = t.left_edge.i - 1, t.right_edge.i + 1
    return left >= 0 and right < len(doc) and doc[left].text == "(" and doc[right].text == ")"


def _tally(verb: Token, obj: Token) -> bool:
    """"China has signed cooperation agreements with 150 countries", "the fund had signed agreements on 75
    projects": signings counted up over years are no one signing."""
    return obj.tag_ in ("NNS", "NNPS") and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _possessor(ent: Span) -> bool:
    """"China" of "with China's Taiwan": the possessor describes the party, it is none."""
    return ent.root.dep_ == "poss" and ent.root.head.ent_type_ in ACTOR_LABELS


# ---- post-passes --------------------------------------------------------------------------------


_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_EDITION = re.compile(r"^(?:\d+|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$")


def _event_keys(rec: dict) -> dict[str, str]:
    """The names of an event as compared within a document, lower case -> as written: "Huawei's Analyst
    Summit" is "huawei analyst summit"."""
    keys = {}
    for k in (rec["name"], *rec["aliases"]):
        cased = _POSSESSIVE.sub("", k)
        cased = cased[4:] if cased.lower().startswith("the ") else cased
        keys[cased.lower()] = cased
    return keys


def _editions(key: str) -> set[str]:
    return {w for w in key.split() if _EDITION.match(w)}


def _same_event(keys: dict[str, str], other_keys: dict[str, str], ambiguous: frozenset[str] = frozenset()) -> bool:
    # "G7 meeting" and "G7 meeting of finance ministers" are one event; so are "the Rio G20 Summit" and
    # "the G20 Summit", unless the short name fits several editions of the document ("the 2000 Summer
    # Olympics", "the 2008 Summer Olympics").
    return bool(keys.keys() & other_keys.keys()) or any(
        a.startswith(b + " ") or b.startswith(a + " ")
        or a not in ambiguous and _suffix_of(a, b, other_keys[b]) or b not in ambiguous and _suffix_of(b, a, keys[a])
        for a in keys for b in other_keys)


def _ambiguous_short_names(all_keys: list[dict[str, str]]) -> frozenset[str]:
    """Short names that end two or more differently numbered names of the document."""
    names = {k: cased for keys in all_keys for k, cased in keys.items()}
    out = set()
    for short in names:
        editions = {frozenset(_editions(long)) for long, cased in names.items() if _suffix_of(short, long, cased)}
        if len(editions) > 1:
            out.add(short)
    return frozenset(out)


def _suffix_of(short: str, long: str, long_cased: str) -> bool:
    """"g20 summit" of "rio g20 summit": the longer name is the shorter one with words of a name before it
    (not "opening ceremony of the summit"), and they name no two editions."""
    if len(short.split()) < 2 or not long.endswith(" " + short):
        return False
    ea, eb = _editions(short), _editions(long)
    extra = long_cased[:len(long) - len(short)].split()
    return all(w[:1].isupper() or w[:1].isdigit() for w in extra) and (not ea or not eb or ea == eb)


def _bare_noun(name: str) -> str | None:
    words = name.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return words[0] if len(words) == 1 and words[0] in EVENT_NOUNS else None


# What separates listed names: commas, "and"/"or", "the", an acronym or alias in brackets ("Fair (CIF), ").
_LIST_GAP = re.compile(r"(?:\([^()]*\)|[\s,()])*(?:(?:and|or)\s+)?(?:the\s+)?", re.IGNORECASE)


def _listed_runs(text: str, group: list[dict]) -> Iterator[list[dict]]:
    """Runs of names in one sentence with only list punctuation between them."""
    run: list[dict] = []
    for rec in sorted(group, key=lambda r: r["name_start"]):
        if run and not _LIST_GAP.fullmatch(text[run[-1]["name_end"]:rec["name_start"]]):
            yield run
            run = []
        run.append(rec)
    if run:
        yield run


def drop_listed_names(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"pioneered expos, exemplified by the A Expo, the B Fair, the C Fair and the D Expo": three or more
    event names listed in one sentence with no date or place are recurring events named in passing,
    not something that happens; a mention of one of them elsewhere with its own facts still counts."""
    by_sentence: dict[int, list[dict]] = {}
    for rec in records:
        by_sentence.setdefault(rec["start"], []).append(rec)
    listed: set[int] = set()
    for group in by_sentence.values():
        if len(group) < 3 or any(r["date_text"] or r["place"] for r in group):
            continue
        for run in _listed_runs(reader.text, group):
            if len(run) >= 3:
                listed.update(id(r) for r in run)
    return [r for r in records if id(r) not in listed]


# Words that introduce examples ("platforms such as the Silk Road Expo", "sub-forums, including the ...").
_EXAMPLE_CUE = re.compile(r"\b(?:such\s+as|including|includes?|included|examples?\s+of|e\.g\.)\s+(?:the\s+)?[A-Z\d]")


_TITLE_WORDS = _word_pattern(TITLE_NOUNS)


def drop_titled_names(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"I was offered Blue Harbour by the studio" where the story also writes "the novel Blue Harbour": a name
    the document calls a work or a medium anywhere is a title in all its mentions (`_titled_work`)."""
    titled = set()
    for rec in records:
        name = rec["name"]
        if rec["pattern"].startswith("event.named") and re.search(
                rf"{_TITLE_WORDS}\s+(?:the\s+)?{re.escape(name)}\b|\b{re.escape(name)}\s+{_TITLE_WORDS}", reader.text):
            titled.add(name)
    return [r for r in records if r["name"] not in titled]


def drop_named_examples(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"cultural activities such as the Arabic Arts Festival": a named event given as an example, with no
    edition, date, place or anyone taking part, is a recurring event named in passing, not a happening."""
    def example(rec: dict) -> bool:
        return rec["pattern"].startswith("event.named.") and not (
            rec["date_text"] or rec["place"] or rec["organizers"] or rec["participants"]) \
            and not _editions(rec["name"].lower()) and not _YEAR.search(rec["name"]) \
            and bool(_EXAMPLE_CUE.search(reader.text, rec["start"], rec["name_start"] + 1))
    return [r for r in records if not example(r)]


# "held annually", "has been held for the past five years": the name is of a series.
_SERIES_CLAUSE = re.compile(r"\b(?:held\s+(?:annually|every\s+year|each\s+year)|for\s+the\s+past\s+\w+\s+years"
                            # "Leeds has hosted the Harvest Fair nine times", "held the forum twice"
                            r"|(?:held|hosted|staged|organi[sz]ed|convened)(?:\s[^.;]{0,120}?)?\s(?:twice|(?:\d+|three|four|five|six"
                            r"|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)\s+times)"
                            r"|(?:participated|taken\s+part|attended)\s+in\s+.{0,80}?\s+since\s+(?:19|20)\d\d)\b",
                            re.IGNORECASE)


def drop_series_mentions(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"the Sci-T Conference, held annually for students, has become a platform", "Leeds has hosted the Fair
    nine times", "the annual Harvest Fair draws farmers": a named event with no edition or date whose
    sentence says it recurs is the series, not one happening."""
    def series(rec: dict) -> bool:
        return rec["pattern"].startswith("event.named.") and not rec["date_text"] \
            and not _editions(rec["name"].lower()) and not _YEAR.search(rec["name"]) \
            and bool(_SERIES_CLAUSE.search(reader.text, rec["start"], rec["end"])
                     or _RECURRING_BEFORE.search(reader.text, max(rec["start"], rec["name_start"] - 20), rec["name_start"]))
    return [r for r in records if not series(r)]


# "the annual Harvest Fair", "the biennial Expo": a name written as a recurring series.
_RECURRING_BEFORE = re.compile(r"\b(?:annual|yearly|biennial|biannual|triennial)\s+(?:the\s+)?$", re.IGNORECASE)


def name_bare_mentions(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"The expo is organised by X" after "the Smart City Expo World Congress": a bare event noun is the
    named event of the document that has that word, the nearest one before it (else the first after)."""
    for rec in records:
        noun = _bare_noun(rec["name"])
        if noun is None:
            continue
        named = [o for o in records if o is not rec and _bare_noun(o["name"]) is None
                 and noun in o["name"].lower().replace("-", " ").split()]
        before = [o for o in named if o["start"] <= rec["start"]]
        chosen = max(before, key=lambda o: o["start"]) if before else min(named, key=lambda o: o["start"], default=None)
        if chosen is not None:
            rec["name"], rec["aliases"] = chosen["name"], list(chosen["aliases"])
            rec["kind"] = chosen["kind"]
    return records


# Gatherings a story may describe by their host alone ("the Swiss summit", "the Beijing forum") after or
# before naming them; an election or a strike described by its country ("the Iraqi election") is its name.
_GATHERING_KINDS = frozenset({"conference", "congress", "convention", "exhibition", "expo", "fair", "festival",
                              "forum", "meeting", "roundtable", "seminar", "summit", "symposium", "workshop"})


def _place_described(reader: _EventReader, rec: dict) -> str | None:
    """The event noun of a name made of places and nationalities and that noun only ("Brazilian
    gathering", "Beijing forum"), else None."""
    words = rec["name"].split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if rec["kind"] not in _GATHERING_KINDS or len(words) < 2 or words[-1].lower() not in EVENT_NOUNS:
        return None
    places = {e.text.lower() for e in context_of(reader.doc).ents if e.label_ in ("GPE", "NORP", "LOC")}
    return words[-1].lower() if " ".join(words[:-1]).lower() in places else None


def _name_words(name: str) -> set[str]:
    return set(_POSSESSIVE.sub("", name.lower()).replace("-", " ").split())


def name_place_described(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"the Beijing forum" in a story that names "the third Belt and Road Forum": a gathering described
    only by its host is the one named event of the document with that noun, and "the APEC meeting" the one
    whose name has all its words (then merged with it)."""
    named = [o for o in records if o["pattern"].startswith("event.named")]
    for rec in records:
        noun = _place_described(reader, rec)
        same_noun = [o for o in named if noun and noun in _name_words(o["name"])]
        if not same_noun and rec["pattern"].startswith("event.described"):
            # "the APEC meeting" beside "the 31st APEC Economic Leaders' Meeting": every word in the named one
            words = _name_words(rec["name"]) - {"the"}
            same_noun = [o for o in named if len(words) >= 2 and words <= _name_words(o["name"])]
        if len({o["name"] for o in same_noun}) == 1:  # two Forums named: which one is meant is unclear
            chosen = same_noun[0]
            rec["aliases"] = list(dict.fromkeys([*chosen["aliases"], rec["name"]]))
            rec["name"], rec["kind"] = chosen["name"], chosen["kind"]
    return records


def place_of_elections(reader: _EventReader, records: list[dict]) -> list[dict]:
    """"Spain's general election", "the Iraqi election": the one country an election is read with is
    where it is held; its candidates and parties take part, the country does not."""
    labels = {e["name"]: e["label"] for e in reader.names.values()}
    for rec in records:
        if rec["kind"] == "election" and not rec["place"] and len(rec["participants"]) == 1 \
                and labels.get(rec["participants"][0]) == "GPE":
            rec["place"], rec["participants"] = rec["participants"][0], []
    return records


def merge_mentions(reader: _EventReader, records: list[dict]) -> list[dict]:
    """One record per event: later mentions add what the first one lacked."""
    out: list[dict] = []
    merged_keys: dict[int, dict[str, str]] = {}  # every name an out record absorbed ("G20" after "G20 Summit")
    ambiguous = _ambiguous_short_names([_event_keys(r) for r in records])
    for rec in records:
        keys = _event_keys(rec)
        same = next((o for o in out if _same_event(keys, merged_keys[id(o)], ambiguous)), None)
        if same is None:
            out.append(rec)
            merged_keys[id(rec)] = keys
            continue
        merged_keys[id(same)].update(keys)
        if len(rec["name"]) > len(same["name"]) and not same["aliases"]:
            same["name"] = rec["name"]
        for key in ("date", "date_text", "place"):
            if not same[key] and rec[key]:
                same[key] = rec[key]
        for key in ("organizers", "participants", "aliases"):
            same[key] = list(dict.fromkeys(same[key] + rec[key]))
    return out


def add_actor_aliases(reader: _EventReader, records: list[dict]) -> list[dict]:
    """Aliases of the organisers and participants, so `events --org CIYEC` finds them."""
    for ev in records:
        ev["actor_aliases"] = sorted({a for n in ev["organizers"] + ev["participants"]
                                      for a in reader.aliases_of.get(n, [])})
    return records


POST_PASSES = (drop_titled_names, drop_listed_names, drop_named_examples, drop_series_mentions, name_bare_mentions,
               name_place_described, place_of_elections, merge_mentions,
               add_actor_aliases)


class EventExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = _EventReader(doc).events()
        return doc


# A trip made for an event ("left for Lima on Monday for the summit") is dated apart from it.
_TRIP_VERBS = frozenset({"travel", "fly", "leave", "head", "arrive", "depart", "visit", "tour", "go", "come", "return"})
# An event that is what a verb is about takes none of its settings.
_TOPIC_PREPS = frozenset({"about", "over", "regarding", "concerning"})
# What a verb's date or place hangs on: "held in Oslo on Monday".
_VERB_SETTINGS = frozenset({"prep", "npadvmod", "advmod", "agent", "tmod"})
# "runs until Sunday" (the closing day), "has taken part since 2015" (the start of a series): no event's date.
_NOT_ITS_DATE = frozenset({"until", "till", "through", "to", "since"})


def _has_staff(span: Span) -> bool:
    """"a leading official of the United Nations Conference on Trade and Development": a name with
    officials is an organisation."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in lexicon.ROLE_HEADS


def _outside_event(date: Token, anchor: Token) -> bool:
    """A date after "until" or "since" that the event is not itself under: "runs until Sunday", "since the
    first edition in 2021" (but "since its launch in March 2002" is the launch's date)."""
    t = date
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lower_ in _NOT_ITS_DATE:
            return not any(a.i == t.i for a in anchor.ancestors)
    return False


def _clause_scope(anchor: Token) -> dict[int, int]:
    """The tokens that may give an event its date and place, with their distance in the parse: the
    event's own phrase ("the summit in Oslo on Monday", "the fair, which opened on Monday") and the
    settings of the verb it is the subject or object of ("was held in Oslo", "signed in Gdansk"), not
    another clause or the phrase of another noun ("the champion at the Olympics won on Sunday")."""
    scope: dict[int, int] = {}
    stack = [anchor]
    while stack:  # the phrase, without clauses of its own purpose ("an agreement to supply cars for sale in Japan")
        t = stack.pop()
        scope[t.i] = _depth(t, anchor)
        if t.i != anchor.i and t.dep_ in ("acl", "relcl"):
            # "the summit, which opened in Oslo", not "the summit, founded by students of universities in China"
            stack += [c for c in t.children if c.dep_ in _VERB_SETTINGS and c.lower_ != "by"]
            continue
        stack += [c for c in t.children if not (c.dep_ in ("advcl", "xcomp", "ccomp")
                                                 or c.dep_ == "acl" and any(g.tag_ == "TO" for g in c.children))]
    top, hops = _setting_top(anchor)
    if top is None:
        return scope
    verb = top.head
    if top.dep_ in ("nsubj", "nsubjpass", "dobj", "prep", "attr") and verb.pos_ in ("VERB", "AUX") and verb.i != top.i:
        _add_settings(scope, verb, top, hops)
        # "In 2017, China called for building a partnership at the Conference": the verb of the clause
        # the event's verb is the object of ("for building") sets its date too, not one after a time
        # word ("met X on Monday before attending the summit").
        outer = verb.head.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ not in _TIME_PREPS \
                and outer.pos_ in ("VERB", "AUX") and outer.i != verb.head.i:
            _add_settings(scope, outer, verb.head, hops + 2)
    return scope


def _setting_top(anchor: Token) -> tuple[Token | None, int]:
    """What of the event's phrase hangs on a verb ("held [in] the summit", "met [on] the sidelines of the
    summit"), and how far it is; None when the event is what the verb is about."""
    top = anchor
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    hops = 1
    # "on the sidelines of the G20 summit", "at the opening session of the Forum": the part's setting.
    while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lower_ in SETTING_NOUNS:
        top, hops = top.head.head, hops + 2
    if top.dep_ == "pobj" and top.head.dep_ == "prep":
        top, hops = top.head, hops + 1
        if top.lower_ in _TOPIC_PREPS:
            return None, hops  # "came to talk last week about the elections": the talk's date
        if top.lower_ == "for" and top.head.lemma_.lower() in _TRIP_VERBS:
            return None, hops  # "will travel to Lima from Monday to Friday for the summit": the trip's dates
    return top, hops


def _add_settings(scope: dict[int, int], verb: Token, top: Token, hops: int) -> None:
    for c in verb.children:
        if c.i == top.i or c.dep_ not in _VERB_SETTINGS:
            continue
        for t in c.subtree:
            scope.setdefault(t.i, hops + 1 + _depth(t, c))


def _depth(t: Token, top: Token) -> int:
    n = 0
    while t.i != top.i and t.head.i != t.i:
        t, n = t.head, n + 1
    return n


def _describes_party(ent: Span) -> bool:
    """A place before a common noun describes a party, it is none: "Hollywood" of "Hollywood studio
    Warner Brothers"."""
    root = ent.root
    return ent.label_ in PLACE_LABELS and root.dep_ == "compound" and root.head.pos_ == "NOUN"


def _denied(tok: Token) -> bool:
    """The clause of an event noun says it does not happen: a "not"/"never" on a verb above it, or
    "no" on a noun above it ("there are no plans to hold a conference")."""
    below = None
    for t in (tok, *tok.ancestors):
        if below is not None and below.dep_ == "nsubj":
            return False  # "the summit did not reach a deal": the summit took place
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return True
        if t.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "parataxis") and not any(c.tag_ == "TO" for c in t.children):
            return False  # a clause of its own; "(no plans) to hold" is still the planning one
        below = t
    return False


# "could hold talks", "are expected to meet", "speculation that X had held talks": no more than a possibility.
_MAYBE_MODALS = frozenset({"could", "might", "may"})
_MAYBE_WORDS = frozenset({"expected", "likely", "possible", "rumoured", "rumored", "tipped"})
_RUMOUR_NOUNS = frozenset({"speculation", "rumour", "rumours", "rumor", "rumors", "suggestion", "suggestions"})


def _unconfirmed(tok: Token) -> bool:
    """The verb of a described event says it only may happen or may have happened: a "could"/"might"/"may"
    on it, "expected"/"likely" above its infinitive, or "speculation that" over its clause ("the two
    firms could hold talks", "are expected to hold talks"); not "will hold" or "is due to hold" (scheduled)."""
    below = tok
    for t in (tok, *tok.ancestors):
        if t.i != tok.i and below.dep_ in ("nsubj", "nsubjpass"):
            return False  # "the vote could depress growth": the event is what may have effects
        below = t
        if t.i != tok.i and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return False  # "a process for receiving nominations during the meeting": another thing's phrase
        if t.dep_ == "prep" and (t.lower_ in _TIME_PREPS or t.lower_ in ("following", "amid", "despite")):
            return False  # "could gain traction following the election": the event sets the time
        if t.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if _says_maybe(t, tok):
            return True
        if t.dep_ not in ("xcomp", "pcomp") and (t.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                          for c in t.children)):
            return False  # the clause's own verb: what is above it is another clause
    return False


def _says_maybe(t: Token, tok: Token) -> bool:
    """A verb or adjective above the event word marks it as only possible: "expected"/"likely" itself, a
    "could"/"might" or "likely" on it, or "speculation that" over it."""
    if t.i != tok.i and t.lower_ in _MAYBE_WORDS:
        return True
    if any(c.dep_ == "aux" and c.lower_ in _MAYBE_MODALS or c.dep_ == "acomp" and c.lower_ in _MAYBE_WORDS
           for c in t.children):
        return True
    return t.dep_ in ("acl", "ccomp") and t.head.lower_ in _RUMOUR_NOUNS


def _own_date_heads(anchor: Token) -> set[int]:
    """The tokens a date of the event may hang on: the event word, its own clause ("to be held in May") and
    the words above it up to its verb, but not past a time preposition ("before the Games": the outer verb's
    date is when something else happened)."""
    own = {anchor.i} | {c.i for c in anchor.children if c.dep_ in ("acl", "relcl")}
    t = anchor
    while t.head.i != t.i and t.pos_ not in ("VERB", "AUX") and t.head.lower_ not in _TIME_PREPS:
        t = t.head
        own.add(t.i)
    return own


def _bare_date(best: Span) -> Span:
    """The date without its preposition or a closing stop: "on Tuesday" -> "Tuesday", "9 January." -> "9 January"."""
    best = best[1:] if best[0].pos_ == "ADP" and len(best) > 1 else best
    return best[:-1] if len(best) > 1 and best[-1].is_punct else best


def _own_place(place: str | None, name: str) -> str | None:
    """"the US People's Choice Awards": a "place" that holds the event's whole name is the tagger's span of
    the name, not where the event is."""
    return None if place and len(place) > len(name) and name in place else place


def _ongoing_process(rec: dict, tok: Token, pattern: str) -> bool:
    """"the Doha development talks", "efforts to resume Gaza ceasefire negotiations": talks named only by
    their topic (`event.described.modified`), with no date, place or party of one round, are a process going on,
    not one occasion."""
    if pattern != modified_event.rule.name or rec["kind"] != "talks" or rec["date_text"] or rec["place"] \
            or rec["organizers"] or rec["participants"]:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in tok.children)


def _same_name(actor: str, event_name: str) -> bool:
    a, e = actor.lower().removeprefix("the "), event_name.lower().removeprefix("the ")
    if any(e == f"{a} {noun}" for noun in _OWN_NAME_NOUNS):
        return True  # "the Glastonbury festival": Glastonbury is the festival's name, not who holds it
    return a == e or len(a) > 3 and e.startswith(a + " ") and a.split()[-1] in _EVENT_HEAD_WORDS


_EVENT_HEAD_WORDS = frozenset({"awards", "games", "olympics", "festival", "expo", "fair", "summit", "forum"})
# Nouns after a one-word name that is the event's own ("the Glastonbury festival", "the Hay fair").
_OWN_NAME_NOUNS = ("festival", "fair", "expo", "carnival")


@Language.factory("cooptool_events", requires=["doc.ents", "doc._.entities"], assigns=["doc._.events"])
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)
