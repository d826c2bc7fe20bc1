"""What a figure measures, and whether it is the size of a change: the about rules of `cooptool_facts`.

`ABOUT_RULES` are tried in order; the first that finds a phrase names the record's about pattern
(`fact.about.<name>`). Each rule reads the parse around the number: the noun it is "of" ("sales of
$5bn"), the noun it counts or modifies ("1,000 member companies"), the subject or object of the verb it
hangs off ("Profits rose 18%", "cut prices by 8%"), or the act that verb names ("invest £10bn" →
investment).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.phrases import PLACE_LABELS, PLACE_PREPS, noun_phrase
from cooptool.extract.components.speakers import ORG_NOUNS
from cooptool.extract.numbers import Amount, find_amounts
from cooptool.extract.rules import rule

RISE_VERBS = lexicon.where("change_words", 1, "rise-verb")
FALL_VERBS = lexicon.where("change_words", 1, "fall-verb")
RISE_NOUNS = lexicon.where("change_words", 1, "rise-noun")
FALL_NOUNS = lexicon.where("change_words", 1, "fall-noun")
# Nouns of change whose figure is the size of the change of something else ("a rise of 5% in sales");
# "growth of 2%" is itself the measure.
CHANGE_NOUNS = (RISE_NOUNS | FALL_NOUNS) - lexicon.where("change_words", 1, "measure")
# Nouns of change that name a result, not the size of a change ("a loss of £5m").
LEVEL_NOUNS = lexicon.where("change_words", 1, "level")
# Nouns of change that are themselves the measure ("growth of 2%"): of what, the clause may say.
GROWTH_NOUNS = (RISE_NOUNS | FALL_NOUNS) & lexicon.where("change_words", 1, "measure") - LEVEL_NOUNS
# Heads that name no measure alone ("an average of 3.2%", "a peak of 400,000 tonnes"): look past them.
EMPTY_HEADS = lexicon.where("figure_heads", 1, "empty")
PLAIN_MODIFIERS = lexicon.where("figure_heads", 1, "plain")
TIME_NOUNS = lexicon.words("fact_time_nouns")
SAMPLE_HEADS = lexicon.where("figure_heads", 1, "sample")
# Verbs of having a count needs no word of ("has 4,000 workers"); others qualify it ("cut 1,200 jobs" is jobs cut).
PLAIN_COUNT_VERBS = lexicon.words("plain_count_verbs")
# Of those, the verbs that name an act on a counted object: "employs 4,000 workers" is workers employed.
OBJECT_ACT_VERBS = lexicon.where("plain_count_verbs", 1, "acts")
PARTICIPLES = lexicon.mapping("participles")
# (verb, preposition) whose object is where counted things go ("exported to 200 countries") or the goods
# themselves ("supply Peugeot with 30,000 cars").
TRANSFER_PREPS = {(r[0], r[1]): r[2] for r in lexicon.rows("count_transfer_preps")}
PEOPLE_NOUNS = lexicon.words("people_nouns")
BASE_HEADS = lexicon.where("figure_heads", 1, "base")
# Verbs whose subject is what the figure measures ("Sales totalled $5bn", "Profit hit £1bn").
MEASURE_VERBS = lexicon.words("measure_verbs")
# The act a verb names, as a noun: "invest £10bn" measures an investment.
ACT_NOUNS = lexicon.mapping("act_nouns")
# Verbs of change that, with a sum as their object, name raising money ("raise $100m"), not a rise.
FUND_VERBS = lexicon.where("change_words", 1, "fund")
# The same for tonnes, barrels and things: "makes 115,000 tonnes" measures production, not earnings.
OUTPUT_NOUNS = lexicon.mapping("act_nouns_goods")
ECONOMY_MEASURES = lexicon.where("fact_measures", 1, "economy")
SOURCE_VERBS = lexicon.where("cue_verbs", 1, "figure-source")
# "worth", "compared", "up": words a figure hangs off that point past themselves to what it measures.
FIGURE_LINKS = lexicon.words("figure_links")
SHARE_VERBS = lexicon.words("share_verbs")
LEVEL_VERBS = lexicon.words("level_verbs")
SUM_NOUNS = lexicon.where("sum_parts", 1, "sum")
TARGET_VERBS = lexicon.where("sum_parts", 1, "target")
# "a stake in Velmor", "shares of Velmor": the owned thing, whose name the about keeps.
OWNERSHIP_SHARES = {"stake", "share", "holding", "interest", "part", "unit"}
# Verbs of owning a part ("owns 30% of the venture", "sold 5% of the firm"): the share is a stake, not a share of a group.
OWNING_VERBS = {"own", "hold", "buy", "sell", "acquire", "take", "control", "have", "keep", "offer", "dispose", "retain"}
# Of those, the verbs whose percentage object is a stake ("owns 44% of the carmaker", "holds about 5%").
STAKE_VERBS = {"own", "hold", "buy", "sell", "acquire", "retain", "offload"}
# Singular nouns of a group a share can be of ("90% of the population").
POPULATION_NOUNS = {"population", "public", "electorate", "workforce", "respondent", "voter", "adult"}
_COLLECTIVE_OWNERS = ORG_NOUNS | {"country", "government", "nation"}
# "45 metres in width", "100 micrometres thick": the size a measurement names, by noun and by adjective.
DIMENSION_NOUNS = lexicon.words("fact_dimensions")
DIMENSION_OF_ADJECTIVE = {adj: r[0] for r in lexicon.rows("fact_dimensions") for adj in r[1:]}


def skip_set(span: Span, sent: Span, ent_at: dict[int, Span]) -> set[int]:
    """Tokens an `about` phrase leaves out: the number, place and date phrases, relative clauses."""
    skip = set(range(span.start, span.end))
    for tok in sent:
        if tok.dep_ in ("advmod", "quantmod") and span.start <= tok.head.i < span.end:
            skip.add(tok.i)  # "just 110,000 cars"
        if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS:
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            if objs and objs[0].i in ent_at and ent_at[objs[0].i].label_ in PLACE_LABELS:
                skip.update(t.i for t in tok.subtree)
        if tok.lower_ == "as" and tok.dep_ == "prep" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "such":
            skip.update({tok.i - 1, *(t.i for t in tok.subtree)})  # "10 states such as Germany and France"
        if tok.dep_ in ("relcl", "appos", "advcl") and not (tok.left_edge.i <= span.start and span.end - 1 <= tok.right_edge.i) \
                or (tok.dep_ == "prep" and tok.head.i in skip):
            skip.update(t.i for t in tok.subtree)
    return skip


def about(doc, kind, span, anchor, counted, sent, ent_at, subject, extra_skip) -> tuple[str | None, str | None]:
    """What the number measures, in the article's words, and the rule that found it."""
    skip = skip_set(span, sent, ent_at) | extra_skip
    if subject is not None and subject.root.dep_ not in ("compound", "nmod"):
        skip.update(range(subject.start, subject.end))  # "Tesco's profits"; "FTSE 100 index" keeps its name
        owner = _owner_words(subject)
        if not owner & set(range(span.start, span.end)):  # "the spending of Freedonia's 35 states" counts the states
            skip |= owner
    for about_rule in ABOUT_RULES:
        found = about_rule(doc, kind, span, anchor, counted, skip, ent_at)
        if found:
            return found, about_rule.rule.name
    return None, None


_OWNER_PREPS = ("at", "of", "in", "for", "from")


def _owner_words(subject: Span) -> set[int]:
    """The words that only say whose the measure is: "profits at US media giant [Time Warner]", "sales in
    Dr [Reddy]'s business" (the phrase that names the subject), "Dr [Reddy]'s sales" (the title and "'s")."""
    root = subject.root
    tok = root.head if root.dep_ == "poss" else root  # "Dr Reddy's generics business": the possessed thing
    if root.dep_ == "poss" and not (tok.dep_ == "pobj" and tok.head.lower_ in _OWNER_PREPS):
        return {t.i for t in root.subtree}  # "Dr Reddy's sales": the possessor with its title and "'s"
    while tok.dep_ in ("appos", "compound") and tok.head.i != tok.i:
        tok = tok.head  # "US media giant Time Warner", "giant, Time Warner"
    measure = tok.head.head if tok.dep_ == "pobj" else None
    if measure is not None and (measure.pos_ == "NOUN" or _opening_common_noun(measure)) and tok.head.lower_ in _OWNER_PREPS \
            and (tok.head.lower_ != "of" or measure.lemma_.lower() not in OWNERSHIP_SHARES):
        return {t.i for t in tok.head.subtree}
    return set()


def _about_phrase(doc: Doc, head: Token, skip: set[int]) -> str:
    # "such subsidies and economic growth of 2%": the growth, not what it is listed with
    conj = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    if head.dep_ == "conj":
        conj |= {t.i for t in head.head.subtree if t.i < head.left_edge.i}
    # "fared well - Toyota sales jumped": the parse may hang words before a dash on the head
    dash = max((t.i for t in head.subtree if t.i < head.i and (t.text == ":" or t.text in ("-", "–", "—") and (
        t.whitespace_ and doc[t.i - 1].whitespace_))), default=None)  # a spaced dash, not "pre-tax"
    if dash is not None and not skip & set(range(head.left_edge.i, dash)):  # not "amounts - $7bn in 2003 - and"
        conj |= set(range(head.left_edge.i, dash + 1))
    return noun_phrase(doc, head, skip | conj | _time_phrases(head) | _respective_list(head), head_run=True)


def _respective_list(head: Token) -> set[int]:
    """"Investment from Germany, Australia and Singapore rose 7.5%, 6% and 4.4% respectively": each figure is
    one item's, so the list is left out of what it measures."""
    if not any(t.lower_ == "respectively" for t in head.sent):
        return set()
    return {t.i for prep in head.subtree if prep.dep_ == "prep" and prep.head.i == head.i
            and any(t.dep_ == "conj" for t in prep.subtree) for t in prep.subtree}


def _is_time(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in TIME_NOUNS


# Prepositions of a time phrase ("growth in 2004", "profit for the quarter"), not "costs per kilowatt-hour".
_TIME_PREPS = ("in", "for", "during", "over", "between", "since", "until", "on", "of", "to", "from", "at", "by")
# Words a time phrase may take a part of the time with ("for the whole of 2004", "in the first half of 2005").
_PART_OF_TIME = ("whole", "rest", "all", "end", "start", "beginning", "half", "part", "course")


def _is_time_phrase(prep: Token) -> bool:
    obj = _pobj(prep)
    if prep.lower_ not in _TIME_PREPS or obj is None or not _is_time(obj) and obj.lower_ not in _PART_OF_TIME:
        return False
    words = [obj, *(t for t in obj.subtree if t.i != obj.i and (t.pos_ in ("NOUN", "PROPN") or _is_time(t)))]  # "an 18-month period"
    return all(_is_time(t) or t.lower_ in _PART_OF_TIME for t in words) and any(_is_time(t) for t in words)


def _time_phrases(head: Token) -> set[int]:
    """"growth in 2004", "sales last year", "profits for the quarter": the time is the fact's period, not
    part of what it measures."""
    out: set[int] = set()
    for tok in head.subtree:
        if tok.i == head.i:
            continue
        if tok.dep_ == "prep" and _is_time_phrase(tok) or tok.dep_ == "npadvmod" and tok.ent_type_ in ("DATE", "TIME"):
            out.update(t.i for t in tok.subtree)
    return out


def _compound_top(tok: Token) -> Token:
    while tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok \
            and not any(t.is_punct for t in tok.doc[tok.i + 1:tok.head.i]):  # "3,000 jobs - out of ...": no compound
        tok = tok.head
    return tok


def first_conjunct(tok: Token) -> Token:
    """"fell by 40%, 75% and 57%": the later figures measure what the first one does."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok and (tok.head.like_num or tok.head.ent_type_ in (
            "PERCENT", "MONEY", "QUANTITY", "CARDINAL") or _is_scale_of_figure(tok.head)):
        tok = tok.head
    return tok


_SCALE_WORDS = ("m", "m.", "bn", "bn.", "million", "billion", "trillion", "%", "percent")


def _is_scale_of_figure(tok: Token) -> bool:
    """"£106m or 47.3%": the parse may make the scale "m" the head of the first figure."""
    return tok.lower_ in _SCALE_WORDS and any(c.dep_ == "nummod" and c.like_num for c in tok.children)


def _governing(anchor: Token) -> Token:
    """The word a figure hangs off, past "to/from/by/at", "compared with" and "worth"."""
    top = first_conjunct(anchor)
    head = top.head if top.head is not top else top
    for _ in range(3):
        if head.pos_ == "ADP" or head.dep_ in ("prep", "agent") or head.lower_ in FIGURE_LINKS \
                or head.tag_ in ("JJR", "RBR") and head.dep_ in ("advmod", "acomp") \
                or head.pos_ == "ADJ" and head.dep_ == "acomp" and any(c.lower_ == "as" for c in head.children):
            # "closed 15 points higher", "was as high as 70%"
            if head.head is head:
                break
            head = head.head
        else:
            break
    return head


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


# Units of length: "35 kilometres from the city" measures a distance.
_UNIT_OF = lexicon.mapping("units")
LENGTH_UNITS = {"km", "miles", "metres", "m", "feet", "ft", "yards", "nautical miles"}


@rule("fact.about.distance_from", examples=[
    ('Harwell\n\nHarwell village, 35 kilometres from the centre of Velmor, was once home to farmers.',
     {'about': 'distance from centre of Velmor', 'unit': 'km'}),
    ('Harwell\n\nThe port lies 12 miles away from Velmor.', {'about': 'distance from Velmor'}),
    ('Harwell Power will build a 500 MW solar plant.', None),
])
def distance_from(doc, kind, span, anchor, counted, skip, ent_at):
    """"35 kilometres from the main urban area", "12 miles away from Velmor": a length followed by "from" is
    the distance from that place, not the thing it stands next to."""
    unit = doc[span.end - 1]  # "35 kilometres": the unit ends the amount
    if kind != "quantity" or counted is not None or _UNIT_OF.get(unit.lower_) not in LENGTH_UNITS:
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("away", "off") and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]
    obj = _pobj(nxt) if nxt is not None and nxt.lower_ == "from" else None
    if obj is None:
        return None
    where = noun_phrase(doc, obj, set(range(span.start, span.end)), head_run=True)
    return f"distance from {where}" if where else "distance"


@rule("fact.about.quantity_noun", examples=[
    ('Harwell Power will build a 500 MW solar plant.',
     {'about': 'solar plant', 'unit': 'MW', 'value': 500}),
])
def quantity_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"2 GW PV module production capacity": a quantity measures the noun it modifies."""
    if kind == "quantity" and counted is not None:
        return _about_phrase(doc, _compound_top(counted), skip)
    return None


@rule("fact.about.noun_of", examples=[
    ('Harwell trade\n\nExports of Harwell cheese amounted to 5.7 billion yuan, marking growth of 1.9 percent.',
     {'about': 'growth of exports of Harwell cheese', 'change': 'up'}),
    ('Harwell Foods set a sales target of £7m.',
     {'about': 'sales target', 'subject': 'Harwell Foods'}),
    ('Harwell deal\n\nThe firm will receive a payment from Velmor of £24m, it said.',
     {'about': 'payment'}),
])
def noun_of(doc, kind, span, anchor, counted, skip, ent_at):
    """"an investment of US $60 million", "sales of $5.2bn": the noun the amount is "of"."""
    top = first_conjunct(anchor)
    of_head = top.head.head
    if top.dep_ == "pobj" and top.head.lower_ == "of" and of_head.pos_ == "PROPN" and of_head.dep_ == "pobj" \
            and of_head.head.lower_ in ("from", "to", "by") and of_head.head.head.pos_ == "NOUN":
        of_head = of_head.head.head  # "a payment from Chelsea of £24.5m": the parse hangs "of" on the name
    if top.dep_ == "pobj" and top.head.lower_ == "of" and of_head.pos_ == "NOUN" \
            and of_head.lemma_.lower() not in CHANGE_NOUNS:
        noun = of_head
        if counted is top and (_count_is_the_measure(noun, counted) or counted.lemma_.lower() in PEOPLE_NOUNS | {"job"}):
            return None  # "the spending of India's 35 states", "a survey of 280 schemes", "details of 1m customers": the things counted
        if _is_empty_head(noun):
            return _past_empty_head(doc, kind, span, noun, counted, skip, ent_at)
        before = doc[top.head.i - 1]
        if before.pos_ == "NOUN" and before.dep_ == "conj" and before.head.i == noun.i:
            noun = before  # "subsidies and economic growth of 2%": the parse hangs "of 2%" on the first conjunct
        phrase = _about_phrase(doc, noun, skip | {t.i for t in top.head.subtree})
        return _growth_of_what(doc, noun, span, skip, phrase) or phrase
    return None


_DANGLING = ("and", "or", "between", "of", "with", "from", "to", "in")


def _growth_of_what(doc: Doc, noun: Token, span: Span, skip: set[int], phrase: str) -> str | None:
    """"Exports reached $5bn, marking growth of 1.9%", "trade reached $19tn, with an annual growth rate of 6.4%":
    growth that names nothing grown is the growth of what the clause's verb has as subject."""
    growth = noun.lemma_.lower() in GROWTH_NOUNS or noun.lemma_.lower() == "rate" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in GROWTH_NOUNS for c in noun.children)
    if not growth or any(c.dep_ == "prep" and c.lower_ in ("in", "of") and not any(_names_a_figure(t) for t in c.subtree)
                         for c in noun.children):
        return None  # "growth in exports of 2%" names it
    what = _what_changed(doc, noun, span, skip)
    words = (what or "").split()
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # "imports and exports between China and [the partner countries]": the owner left out
    if not words:
        return None
    what = " ".join(words)
    first = next((t for t in noun.sent if t.text == what.split()[0]), None)
    if first is not None and not first.ent_type_ and (first.is_sent_start or doc[first.i - 1].is_space):
        what = what[0].lower() + what[1:]  # "Exports of ...": capitalised only as the sentence's first word
    return f"{phrase} of {what}"


def _count_is_the_measure(noun: Token, counted: Token) -> bool:
    """A count "of" a noun is what the count measures when it picks out known things ("India's 35
    states", "the 30 projects") or the noun is a study of them or names no measure ("a total of")."""
    lemma = noun.lemma_.lower()
    return lemma in SAMPLE_HEADS or _is_empty_head(noun) or any(
        c.dep_ in ("det", "poss") for c in counted.children if c.i < counted.i)


def _past_empty_head(doc, kind, span, noun, counted, skip, ent_at) -> str | None:
    """"grew by an average of 3.2%", "growing at a rate of 20%", "fall from a peak of 400,000 tonnes": what
    grew or fell, read from the empty head's own place in the clause."""
    for read in (verb_subject, verb_object, act_of_verb):
        found = read(doc, kind, span, noun, None, skip | {noun.i}, ent_at)
        if found:
            return found
    return None


@rule("fact.about.change_noun", examples=[
    ('Harwell Foods reported a 5% rise in sales.',
     {'about': 'sales', 'change': 'up'}),
    ('Car sales\n\nCar sales fell 2.8% in January, following a fall of 0.6% in December.',
     {'about': 'Car sales', 'value': 0.6}),
])
def change_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"a rise of 5% in sales", "a 3% fall in profits": what rose or fell, else the change itself."""
    top = first_conjunct(anchor)
    noun = top.head.head if top.dep_ == "pobj" and top.head.lower_ in ("of", "to", "from") else (
        top.head if top.dep_ in ("nummod", "compound", "amod") else None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in CHANGE_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            obj = _pobj(prep)
            if obj is not None and obj.i not in skip and obj.ent_type_ not in ("DATE", "TIME"):
                return _about_phrase(doc, obj, skip)
    return _what_changed(doc, noun, span, skip) or _about_phrase(doc, noun, skip)


def _what_changed(doc: Doc, noun: Token, span: Span, skip: set[int]) -> str | None:
    """"Car sales fell 2.8%, following a fall of 0.6%", "lending rose by £4bn, a smaller increase than £5.1bn":
    a change noun that names nothing changed is a change of what the clause's verb of change has as subject."""
    tok = noun
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in ("pobj", "prep", "appos", "npadvmod", "dobj", "pcomp") \
                and not (tok.dep_ == "advcl" and tok.tag_ == "VBG"):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in RISE_VERBS | FALL_VERBS | MEASURE_VERBS | LEVEL_VERBS:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or not _subject_is_measure(subj, skip) or _has_own_figure(subj, span):
                return None
            return _about_phrase(doc, subj, skip)
    return None


def participle(verb: Token) -> str:
    """"delayed", "cut", "sold": the verb as a past participle after the noun it acted on ("jobs cut")."""
    lemma = verb.lemma_.lower()
    if lemma in PARTICIPLES:
        return PARTICIPLES[lemma]  # "took 30 books": taken
    if verb.tag_ in ("VBN", "VBD"):
        return verb.lower_
    if verb.tag_ in ("VB", "VBP"):
        lemma = verb.lower_  # the base form as written ("install", not the lemmatiser's "instal")
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if len(lemma) <= 4 and lemma[-1] in "bdglmnprt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        return lemma + lemma[-1] + "ed"  # "ship", "plan", "ban"
    return lemma + "ed"


_FIGURE_ENTS = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
_CLAUSE_PARTS = ("aux", "auxpass", "neg", "prt", "dobj", "acomp", "xcomp", "attr")
# Where the things counted are or go ("living in shelters", "will go in investment banking").
_WHERE_PREPS = PLACE_PREPS | {"on", "into", "out", "from", "to", "below", "above", "under", "beyond"}


def _names_a_figure(t: Token) -> bool:
    return t.like_num or t.ent_type_ in _FIGURE_ENTS or any(ch.isdigit() for ch in t.text)


def _left_out_phrases(parts: list[Token], counted: Token, skip: set[int]) -> set[int]:
    """"attended Sunday's meeting in Monaco": a place or date phrase of the object, which the about leaves out
    (not a reason to give up on the clause)."""
    return {t.i for c in parts for p in c.subtree if p.dep_ == "prep" and p.i > counted.i
            and all(t.i in skip for t in p.subtree) and not any(counted.i - 3 <= t.i <= counted.i for t in p.subtree)
            for t in p.subtree}


def _clause_core(counted: Token, verb: Token, skip: set[int]) -> list[Token] | None:
    """The verb with its auxiliaries, negation, particle and object or complement, dates left out."""
    parts = [c for c in verb.children if c.dep_ in _CLAUSE_PARTS and c.i > counted.i]
    aside = _left_out_phrases(parts, counted, skip)
    inner = [t for c in parts for t in c.subtree if t.ent_type_ not in ("DATE", "TIME") and t.i not in aside
             and not (t.dep_ == "case" and t.head.ent_type_ in ("DATE", "TIME"))]
    if any(t.i in skip and not t.is_punct for t in inner):
        return None  # "raised 54bn rupees": a clause with the subject or a figure in it names nothing
    words = sorted([verb, *inner], key=lambda t: t.i)
    while words[-1].pos_ in ("ADP", "DET", "PART", "CCONJ", "PUNCT"):
        words.pop()  # "free to trade [by February 2005]"
    if len(words) > 10 or any(_names_a_figure(t) for t in words):
        return None  # "the 865 million share offer raised 54bn rupees": another figure, or too long to be a name
    return words


def _where_they_are(verb: Token, skip: set[int], room: int) -> list[Token]:
    """"living in makeshift shelters", "protested outside the ground": where an intransitive verb's subject is."""
    if any(c.dep_ in ("dobj", "acomp", "xcomp", "attr") for c in verb.children):
        return []
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in _WHERE_PREPS
                 and c.i not in skip), None)
    where = [t for t in prep.subtree if t.i not in skip] if prep is not None else []
    if prep is not None and (len(where) < 2 or any(_names_a_figure(t) for t in where)):
        where = _read_on(prep)  # "live below the poverty line - two-thirds of whom ...": the parse runs on
    if len(where) < 2 or len(where) > room or any(_names_a_figure(t) or t.ent_type_ == "DATE" for t in where):
        return []
    return where


def _read_on(prep: Token) -> list[Token]:
    """The words after a preposition up to the first punctuation, when they end on a noun."""
    words = []
    for t in prep.doc[prep.i:prep.sent.end]:
        if t.is_punct or _names_a_figure(t) or t.pos_ in ("VERB", "AUX", "CCONJ"):
            break
        words.append(t)
    return words if words and words[-1].pos_ == "NOUN" else []


def _what_they_do(counted: Token, verb: Token, skip: set[int]) -> str | None:
    """"20,000 workers lost their jobs" -> "who lost their jobs": the counted things' own clause, short."""
    words = _clause_core(counted, verb, skip)
    if words is None:
        return None
    words += _where_they_are(verb, skip, 10 - len(words))
    while words[-1].pos_ in ("ADP", "PART"):
        words.pop()  # "depend on exports to [Mexico]"
    if all(t.i == verb.i or t.dep_ in ("aux", "auxpass", "neg") for t in words) and any(
            c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "attr", "acomp") and c.i > verb.i for c in verb.children):
        return None  # "shareholders owned [less than this]", "people saw [Den killed off]": cut short of what it says
    pronoun = "who" if counted.lemma_.lower() in PEOPLE_NOUNS or counted.lower_ in PEOPLE_NOUNS else "that"
    return f"{pronoun} " + _joined([t for t in words if not t.is_punct])  # "the government's", not "government 's"


def _act_on_counted(counted: Token, skip: set[int]) -> str | None:
    """What the clause does to the things counted: "cut 12,000 jobs" (cut), "86 flights were delayed"
    (delayed), "employs 4,000 workers" (employed), "1.6 million people are living in shelters" (who are living in
    shelters); None for the verbs of having ("has 4,000 workers") and when the counted noun already says which
    ("jobs promised by")."""
    verb = _counting_word(counted, skip)
    if verb is None:
        return None
    if counted.dep_ == "pobj":
        return _act_towards_counted(counted, skip)
    if _names_no_act(counted, verb):
        return None
    if counted.dep_ == "nsubj" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None  # "allow 11 families to sue": the subject of an infinitive
    if counted.dep_ == "nsubj" and not (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)):
        return _what_they_do(counted, verb, skip)
    words = [participle(verb) if counted.dep_ == "dobj" else verb.lower_]  # "jobs cut", "flights delayed"
    return " ".join(words + [c.lower_ for c in verb.children if c.dep_ == "prt"])


def _counting_word(counted: Token, skip: set[int]) -> Token | None:
    """The verb (or noun of an act) the things counted are the subject, object or goods of."""
    verb = counted.head
    if counted.dep_ == "pobj" and verb.dep_ in ("prep", "dative"):
        verb = verb.head  # "exported to 200 countries": the verb the things are the place or goods of
    # "an order for 70 planes": a noun of an act with its goods after "for"
    act_noun = counted.dep_ == "pobj" and verb.pos_ == "NOUN" and (verb.lemma_.lower(), counted.head.lower_) in TRANSFER_PREPS
    if counted.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj") or verb.pos_ != "VERB" and not act_noun or verb.i in skip \
            or verb.dep_ == "acl" and verb.tag_ == "VBG" or any(
                c.dep_ == "acl" or c.dep_ == "relcl" and not _is_aside(c) for c in counted.children):
        return None  # "jobs promised by", "jobs that were promised": the noun already says which
    return verb


def _names_no_act(counted: Token, verb: Token) -> bool:
    """Verbs of having and measuring ("has 4,000 workers"), of saying ("said 20 people died"), and a verb
    whose object names its act already ("employs 300 employees")."""
    lemma = verb.lemma_.lower()
    if counted.dep_ == "nsubj" and verb.pos_ == "VERB" and lemma in PLAIN_COUNT_VERBS - MEASURE_VERBS - SOURCE_VERBS:
        return False  # "14 million people saw the final": people who saw it (a figure in the clause still names nothing)
    if lemma in MEASURE_VERBS or lemma in PLAIN_COUNT_VERBS - OBJECT_ACT_VERBS \
            or counted.dep_ != "dobj" and lemma in SOURCE_VERBS | OBJECT_ACT_VERBS:
        return True  # but "added 146,000 jobs" is jobs added
    return counted.dep_ == "dobj" and _names_its_act(counted, verb)


def _act_towards_counted(counted: Token, skip: set[int]) -> str | None:
    """"exported to 200 countries" (countries exported to), "supply Peugeot with 30,000 cars" (cars
    supplied): a verb of sending whose "to" names where the things counted are and whose "with" names them."""
    prep = counted.head
    verb = prep.head
    how = TRANSFER_PREPS.get((verb.lemma_.lower(), prep.lower_))
    if how is None or prep.i in skip:
        return None
    act = participle(verb) if verb.tag_ != "VBN" else verb.lower_
    return act if how == "goods" else f"{act} {prep.lower_}"


def _is_aside(clause: Token) -> bool:
    """", which contributed 18%": a relative clause after a comma adds to the noun, it does not pick out which."""
    start = clause.left_edge.i
    return start > 0 and clause.doc[start - 1].text == ","


def _names_its_act(counted: Token, verb: Token) -> bool:
    """"employees" of "employ", "products" of "produce": a counted noun made from its verb."""
    noun, lemma = counted.lemma_.lower(), verb.lemma_.lower()
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return len(stem) >= 4 and noun.startswith(stem[:5])


@rule("fact.about.counted_act", examples=[
    ('Harwell cuts\n\nHarwell Foods plans to cut 1,200 jobs.',
     {'about': 'jobs cut', 'change': 'down'}),
    ('Storm\n\nOfficials said 1.6 million people are living in makeshift shelters.',
     {'about': 'people who are living in makeshift shelters'}),
    ('Harwell hires\n\nHarwell Foods employs 4,000 workers.', {'about': 'workers employed'}),
    ('Harwell exports\n\nHarwell cheese is exported to 40 countries.', {'about': 'countries exported to'}),
    ('Harwell\n\nHarwell Foods has 4,000 employees.', None),
    ('Harwell jets\n\nHarwell Air placed an order for 20 jets.', {'about': 'jets ordered'}),
    ('Harwell hires\n\nHarwell Foods hired 300 engineers and 200 technicians.', {'about': 'technicians hired', 'value': 200}),
])
def counted_act(doc, kind, span, anchor, counted, skip, ent_at):
    """"1,200 jobs cut", "86 incoming flights delayed": the things counted and what the clause does to them."""
    if kind != "count" or counted is None:
        return None
    act = _act_on_counted(counted, skip)
    if act is None and counted.dep_ == "conj":
        act = _act_on_counted(_counted_place(counted), skip)  # "welcomed 200 academicians and 850 scientists"
    if act is None:
        return None
    things = _about_phrase(doc, _compound_top(counted), skip | _counted_asides(counted))
    return f"{things} {act}" if things else None


def _counted_asides(counted: Token) -> set[int]:
    """The counted noun's own phrases ("cars for sale") and the rate it is counted at ("150,000 cars a year",
    which is the period)."""
    return {t.i for c in counted.children if c.dep_ == "prep" or c.dep_ == "npadvmod" and _is_time(c) for t in c.subtree}


# The prepositions after which a verb of change's count is a level or change of something else
# ("unemployment rose to 4.4 million people", "cut production by 10,000 vehicles").
_LEVEL_CHANGE_PREPS = ("to", "from", "by")


@rule("fact.about.level_of_count", examples=[
    ('Harwell jobs\n\nUnemployment in Harwell rose to 40,000 people in May.', {'about': 'Unemployment'}),
    ('Harwell cars\n\nHarwell Motors cut production by 10,000 cars.', {'about': 'production'}),
    ('Harwell cheese\n\nHarwell cheese is exported to 40 countries.', None),
    ('Harwell union\n\nThe new treaty will expand the Harwell Union to 30 states.', None),
])
def level_of_count(doc, kind, span, anchor, counted, skip, ent_at):
    """"German unemployment rose to 4.4 million people", "double sales to 400,000 cars": a count after a verb
    of change's "to/from/by" is the level or change of what the verb changes, not a count of the things."""
    if kind != "count" or counted is None or counted.dep_ != "pobj" or counted.head.lower_ not in _LEVEL_CHANGE_PREPS:
        return None
    verb = counted.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in RISE_VERBS | FALL_VERBS | LEVEL_VERBS:
        return None
    if any(c.dep_ == "dobj" for c in verb.children):  # "expand the Schengen Area to 29 states": the object's, or none
        return verb_object(doc, kind, span, counted, None, skip, ent_at)
    return verb_subject(doc, kind, span, counted, None, skip, ent_at)


@rule("fact.about.dimension", examples=[
    ('Harwell airport\n\nThe new runway is 60 metres in width.', {'about': 'runway width'}),
    ('Harwell mill\n\nThe Harwell board is only 300 micrometres thick.', {'about': 'board thickness'}),
    ('Harwell mill\n\nThe Harwell mill has 300 looms in operation.', None),
])
def dimension(doc, kind, span, anchor, counted, skip, ent_at):
    """"The runway spans 45 metres in width", "paper is 100 micrometres thick": a measurement names a size
    (width, thickness) of the clause's subject; the unit is never what it measures."""
    if counted is None:
        return None
    after = doc[counted.i + 1:counted.i + 3]  # read in order: the parse may hang "in width" on the verb
    size = {after[1].lower_} & DIMENSION_NOUNS if len(after) == 2 and after[0].lower_ == "in" else set()
    if not size and counted.dep_ == "npadvmod" and counted.head.lower_ in DIMENSION_OF_ADJECTIVE:
        size = {DIMENSION_OF_ADJECTIVE[counted.head.lower_]}
    if not size:
        return None
    clause = next((t for t in counted.ancestors if t.pos_ in ("VERB", "AUX")), counted)
    owner = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
    return f"{owner.lower_} {min(size)}" if owner is not None else min(size)


# Prepositions whose object may be the things counted of a verb's act ("opened flights with 57 countries",
# "take action against 80 banks", "worked with 20 partners", "invested in 30 projects").
_RELATIVE_PREPS = ("with", "against", "to", "for", "from", "on", "in", "into", "at", "across")
_NO_ACT_VERBS = SOURCE_VERBS | MEASURE_VERBS | LEVEL_VERBS | RISE_VERBS | FALL_VERBS | PLAIN_COUNT_VERBS


def _counted_place(counted: Token) -> Token:
    """"against a total of 80 banks", "including 200 members and 12 bishops": the word standing where the
    things counted stand in the clause (the empty head, the first conjunct)."""
    tok = counted
    while tok.dep_ == "conj" and tok.head.pos_ == "NOUN" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _is_empty_head(tok.head.head):
        tok = tok.head.head
    return tok


def _verb_path(verb: Token) -> tuple[Token, list[Token]] | None:
    """The subject of a verb and the words of its verb chain: "the firm was planning to take", "Freedonia has
    [signed ... and] opened" (a conjoined verb takes its first verb's subject and auxiliaries)."""
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt"))]
    top = verb
    for _ in range(3):
        subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj, words
        if top.dep_ not in ("conj", "xcomp") or top.head is top or top.head.pos_ not in ("VERB", "AUX"):
            return None
        joined = top.dep_ == "conj"
        top = top.head
        words += [c for c in top.children if c.dep_ in ("aux", "auxpass", "neg")]
        if not joined:
            words.append(top)  # "planning to take": the verb the infinitive hangs on
    return None


def _joined(words: list[Token]) -> str:
    words = sorted(set(words), key=lambda t: t.i)
    return "".join(t.text + (t.whitespace_ if i + 1 < len(words) and words[i + 1].i == t.i + 1 else " ")
                   for i, t in enumerate(words)).strip()


def _clause_of_prep(place: Token) -> tuple[Token, Token, Token | None] | None:
    """The preposition the things counted are the object of, its verb and the verb's object ("opened [direct
    flights] with", "take [action] against"), when the verb names an act."""
    prep = place.head
    if place.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _RELATIVE_PREPS:
        return None
    obj = prep.head if prep.head.pos_ == "NOUN" and prep.head.dep_ == "dobj" else None
    if obj is not None and prep.lower_ in ("in", "at", "across"):
        return None  # "access to 400 million homes in 162 countries": where the object is, not an act on them
    verb = obj.head if obj is not None else prep.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() in _NO_ACT_VERBS or verb.dep_ in ("acl", "relcl"):
        return None
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i), None)
    return prep, verb, obj


def _object_words(obj: Token, prep: Token) -> list[Token]:
    """The object before the preposition, with its own "of" phrase ("a list of endorsements")."""
    words = [t for t in obj.subtree if t.i <= obj.i]
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i < prep.i:
            words += list(c.subtree)
    return words


def _relative_clause(counted: Token, skip: set[int]) -> str | None:
    """"Freedonia has opened direct flights with 57 countries" -> "Freedonia has opened direct flights with":
    the clause the things counted are the object of a preposition in, as a relative clause after them."""
    parts = _clause_of_prep(_counted_place(counted))
    if parts is None or parts[1].i in skip:
        return None
    prep, verb, obj = parts
    found = _verb_path(verb)
    if found is None:
        return None
    subj, chain = found
    own = list(subj.subtree)
    if subj.tag_ in ("WDT", "WP") or len(own) > 5 or subj.i > prep.i or any(_names_a_figure(t) for t in own):
        return None
    inner = _object_words(obj, prep) if obj is not None else []  # "[direct flights] with", "[a list of endorsements] from"
    words = own + chain + inner + [prep]
    if len(words) > 12 or any(_names_a_figure(t) or t.is_punct or t.i in skip for t in chain + inner):
        return None
    text = _joined(words)
    lower = own[0].pos_ == "DET" or own[0].pos_ == "PRON" and own[0].text != "I"
    return text[0].lower() + text[1:] if lower else text  # "the firm was ...", "his book was ..."


@rule("fact.about.counted_relative", examples=[
    ('Harwell flights\n\nFreedonia has signed treaties with 44 states and opened direct flights with 19 states.',
     {'about': 'states Freedonia has opened direct flights with', 'value': 19}),
    ('Harwell lawsuit\n\nThe firm was planning to take action against a total of 80 banks.',
     {'about': 'banks the firm was planning to take action against'}),
    ('Harwell cheese\n\nHarwell cheese is exported to 40 countries.', None),
    ('Harwell Foods has 4,000 workers.', None),
])
def counted_relative(doc, kind, span, anchor, counted, skip, ent_at):
    """"opened direct flights with 57 partner countries", "take action against 80 banks": the things counted
    with the clause that says which they are, not the bare noun."""
    if kind != "count" or counted is None:
        return None
    clause = _relative_clause(counted, skip)
    if clause is None:
        return None
    things = _about_phrase(doc, _compound_top(counted), skip | _counted_asides(counted))
    return f"{things} {clause}" if things else None


@rule("fact.about.counted_among", examples=[
    ('Harwell chamber\n\nThere would be 300 members, including 200 elected members and 12 bishops.',
     {'about': 'bishops among members', 'value': 12}),
    ('Harwell Foods has 4,000 workers.', None),
])
def counted_among(doc, kind, span, anchor, counted, skip, ent_at):
    """"300 members, including 12 bishops": a count after "including" is of the things among the whole."""
    if kind != "count" or counted is None:
        return None
    place = _counted_place(counted)
    prep = place.head
    whole = prep.head
    if place.dep_ != "pobj" or prep.lower_ not in ("including", "among") or whole.pos_ != "NOUN" or whole.i in skip:
        return None
    if not any(c.dep_ == "nummod" for c in whole.children) and whole.lemma_.lower() not in PEOPLE_NOUNS:
        return None  # "300 participants, including ...", not "a streak of 22 races, including 18 finals"
    things = _about_phrase(doc, _compound_top(counted), skip | _counted_asides(counted))
    figures = {t.i for c in whole.children if c.dep_ == "nummod" for t in c.subtree}
    among = _about_phrase(doc, whole, skip | figures | {t.i for t in prep.subtree})
    return f"{things} among {among}" if things and among else None


@rule("fact.about.counted", examples=[
    ('Harwell Foods has 4,000 workers.',
     {'about': 'workers'}),
    ('The old plant ran for 30 years.',
     None),
])
def counted_things(doc, kind, span, anchor, counted, skip, ent_at):
    """"nearly 1,000 member companies", "56,000 cars": a count measures the things counted."""
    if kind == "count" and counted is not None:
        return _about_phrase(doc, _compound_top(counted), skip | _counted_asides(counted))
    return None


@rule("fact.about.partitive", examples=[
    ('Harwell Foods owns 30% of the venture.',
     {'about': 'stake in venture', 'value': 30}),
    ('Harwell poll\n\nAlmost 80% of Freedonian people can speak some French.',
     {'about': 'proportion of Freedonian people who can speak some French'}),
    ('Harwell poll\n\nAmong the over-70s, 60% said they would vote, compared with 35% of people under 40.',
     {'about': 'proportion of people under 40', 'value': 35}),
    ('Harwell line\n\nA total of 28 million tonnes of goods have been transported.',
     {'about': 'goods transported'}),
])
def partitive(doc, kind, span, anchor, counted, skip, ent_at):
    """"13% of cases" (proportion of cases), "up to 100% of the debts": the whole the share is of, with what the
    clause says of it ("80% of people can speak French"); "2% of Harwell Foods" is a stake in the company;
    "28 million tonnes of goods have been transported" are goods transported; "0.7% of national income" is
    a ratio whose measure the clause names."""
    obj = _partitive_whole(anchor)
    if obj is None or obj.lemma_.lower() in BASE_HEADS:
        return None
    after = {t.i for c in anchor.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ != "of"
             and not _names_a_place(c, ent_at) for t in c.subtree} - set(range(span.start, span.end))
    phrase = _about_phrase(doc, obj, skip - set(range(obj.left_edge.i, obj.right_edge.i + 1)) | set(range(span.start, span.end)))
    if phrase and (obj.i in ent_at and ent_at[obj.i].label_ == "ORG" or kind == "percent" and _owned_whole(anchor, obj)):
        return f"stake in {phrase}"  # "owns 44% of the carmaker"
    if not phrase:
        return phrase
    if kind == "percent" and _is_population(obj, anchor):
        qualifier = sorted(after)  # "35% of people under 40": the parse hangs "under 40" on the figure
        if qualifier and len(qualifier) <= 6 and not any(doc[i].ent_type_ in ("MONEY", "PERCENT") for i in qualifier):
            phrase = f"{phrase} {_joined([doc[i] for i in qualifier])}"
        act = _share_act(anchor, obj, skip)
        # "proportion", not "share": a share of a group of people is no company's share (fact_measures)
        return f"proportion of {phrase} {act}" if act else f"proportion of {phrase}"
    return _goods_acted_on(anchor, phrase, skip) if kind in ("quantity", "count") else phrase


def _goods_acted_on(anchor: Token, phrase: str, skip: set[int]) -> str:
    """"a total of 28 million tonnes of goods have been transported": the goods with what was done to them
    (not "makes 115,000 tonnes of copper", a verb of having or making)."""
    place = _counted_place(anchor)
    verb = _counting_word(place, skip)
    making = PLAIN_COUNT_VERBS | set(OUTPUT_NOUNS)
    act = _act_on_counted(place, skip) if verb is not None and verb.lemma_.lower() not in making else None
    return f"{phrase} {act}" if act and not act.startswith(("who ", "that ")) else phrase


def _owned_whole(anchor: Token, whole: Token) -> bool:
    """"owns 44% of the carmaker": one thing owned in part (not "holds 13% of the shares", "hold 10% of top
    positions")."""
    return _owned_part(anchor) and whole.tag_ in ("NN", "NNP") and whole.lemma_.lower() not in OWNERSHIP_SHARES


def _owned_part(anchor: Token) -> bool:
    """"owns 44% of", "holds about 5%": a share a verb of owning has is a stake."""
    verb = _governing(anchor)
    return first_conjunct(anchor).dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in STAKE_VERBS


@rule("fact.about.held_stake", examples=[
    ('Harwell\n\nAnd Harwell Capital, which holds about 5%, has asked for a meeting.', {'about': 'stake'}),
    ('Harwell\n\nHarwell Capital sold 12% last year.', {'about': 'stake'}),
    ('Harwell\n\nHarwell Foods raised prices by 5%.', None),
])
def held_stake(doc, kind, span, anchor, counted, skip, ent_at):
    """"TCI, which holds about 5%", "sold 12% last year": a share owned, bought or sold with no whole named is a
    stake (the whole is the story's company)."""
    if kind != "percent" or _partitive_whole(anchor) is not None or not _owned_part(anchor):
        return None
    return "stake"


def _names_a_place(prep: Token, ent_at) -> bool:
    obj = _pobj(prep)
    return prep.lower_ in PLACE_PREPS and obj is not None and obj.i in ent_at and ent_at[obj.i].label_ in PLACE_LABELS


def _is_population(whole: Token, anchor: Token) -> bool:
    """"39% of people", "13% of cases", "90% of the population": a share of a group of people or things (not
    "owns 30% of the venture", a stake)."""
    verb = _governing(anchor)
    if verb.pos_ == "VERB" and verb.lemma_.lower() in OWNING_VERBS:
        return False
    return whole.tag_ in ("NNS", "NNPS") or whole.lemma_.lower() in PEOPLE_NOUNS | POPULATION_NOUNS


def _share_act(anchor: Token, whole: Token, skip: set[int]) -> str | None:
    """"80% of people can speak French": what the share of the whole does, as a relative clause."""
    verb = anchor.head
    copula = verb.pos_ == "AUX" and any(c.dep_ in ("attr", "acomp") for c in verb.children)  # "80% of them are women"
    if anchor.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB" and not copula \
            or verb.lemma_.lower() in _NO_ACT_VERBS and not copula:
        return None
    words = _clause_core(anchor, verb, skip)
    if words is None:
        return None
    words += _where_they_are(verb, skip, 10 - len(words))
    if all(t.i == verb.i or t.dep_ in ("aux", "auxpass", "neg") for t in words) and any(
            c.dep_ in ("prep", "advmod", "oprd", "ccomp") and c.i > verb.i for c in verb.children):
        return None  # "users who were based [in the US]": the clause cut short of what it says
    people = whole.lemma_.lower() in PEOPLE_NOUNS or whole.lower_ in PEOPLE_NOUNS or whole.ent_type_ == "NORP"
    pronoun = "who" if people else "that"
    return f"{pronoun} " + " ".join(t.text for t in words if not t.is_punct)


def _partitive_whole(anchor: Token) -> Token | None:
    prep = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _pobj(prep) if prep is not None else None


@rule("fact.about.share_of", examples=[
    ('Exports\n\nFarm goods, accounting for 40% of exports, were hit hardest.',
     {'about': 'share of exports', 'value': 40}),
    ('Fraud\n\nCard fraud made up 12% of all complaints last year.',
     {'about': 'share of complaints'}),
    ('Harwell Foods owns 30% of the venture.', None),
])
def share_of(doc, kind, span, anchor, counted, skip, ent_at):
    """"accounting for 70% of sales", "comprising 16% of the total": the subject's share of the whole,
    not the whole itself."""
    top = first_conjunct(anchor)
    verb = top.head.head if top.dep_ == "pobj" and top.head.lower_ == "for" else (
        top.head.head if top.dep_ == "pobj" and top.head.lower_ == "up" else top.head)
    if top.dep_ == "dobj" or top.dep_ == "pobj" and top.head.lower_ in ("for", "up"):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SHARE_VERBS:
            return None
        if verb.lemma_.lower() in ("make", "form") and not any(c.lower_ == "up" for c in verb.children) \
                and not (top.dep_ == "pobj" and top.head.lower_ == "up"):
            return None  # "made 30% of its sales abroad" is no share verb without "up"
        obj = _partitive_whole(anchor) or _partitive_whole(top)  # "half of all graduates but only 5% of the workforce"
        if obj is None:
            return None
        phrase = _about_phrase(doc, obj, skip - set(range(obj.left_edge.i, obj.right_edge.i + 1)) | set(range(span.start, span.end)))
        return f"share of {phrase}" if phrase else None
    return None


@rule("fact.about.ratio", examples=[
    ('Tourism\n\nAbout 5% of gross national income comes from tourism.',
     {'about': 'share of gross national income', 'value': 5}),
    ('Aid\n\nAid from Freedonia reached 0.7% of gross national income.', None),
])
def ratio(doc, kind, span, anchor, counted, skip, ent_at):
    """"0.7% of gross national income" when the clause names nothing it measures: a share of that base."""
    obj = _partitive_whole(anchor)
    if obj is None or obj.lemma_.lower() not in BASE_HEADS:
        return None
    phrase = _about_phrase(doc, obj, skip - set(range(obj.left_edge.i, obj.right_edge.i + 1)) | set(range(span.start, span.end)))
    return f"share of {phrase}" if phrase else None


@rule("fact.about.amount_in", examples=[
    ('Harwell settles\n\nThe settlement included $125m in penalties.',
     {'about': 'penalties', 'value': 125000000}),
    ('Harwell savings\n\nThe plan is aimed at making £86m in efficiency savings.',
     {'about': 'efficiency savings'}),
    ('Harwell invests\n\nHarwell Foods will invest £10bn in fibre.', None),
])
def amount_in(doc, kind, span, anchor, counted, skip, ent_at):
    """"$125m in penalties", "£2bn in new loans": a sum "in" the things it is made of."""
    prep = doc[span.end] if span.end < len(doc) else None
    obj = _pobj(prep) if prep is not None and prep.dep_ == "prep" else None
    # "making £86m in efficiency savings": a noun of money is what the sum is made of, whatever the verb
    made_of = obj is not None and obj.lower_ in SUM_NOUNS and _act_lemma(prep.head) not in TARGET_VERBS
    if kind != "money" or prep is None or prep.lower_ != "in" or prep.dep_ != "prep" or not (
            prep.head.i == anchor.i or prep.head.i == anchor.head.i and (
                _act_lemma(prep.head) not in ACT_NOUNS or made_of)):
        return None  # "invest £10bn in fibre" is an investment in fibre (`act_of_verb`)
    own = skip - {t.i for t in prep.subtree}  # the figure's own "in" phrase is left out of other rules' phrases
    if obj is None or obj.pos_ != "NOUN" or obj.i in own or obj.ent_type_ in ("DATE", "TIME") \
            or obj.lemma_.lower() in TIME_NOUNS or any(c.dep_ in ("det", "poss") for c in obj.children):
        return None  # "in the same period", "in WorldCom's collapse": when or why, not what the sum is made of
    top = first_conjunct(anchor)
    if top.dep_ == "pobj" and top.head.lower_ in ("to", "from", "with", "at", "than"):
        return None  # "fell to 1.4bn rupees in the face of competition": a level reached
    return _about_phrase(doc, obj, own)


@rule("fact.about.modified_noun", examples=[
    ('Harwell Foods announced a $60m investment.',
     {'about': 'investment', 'value': 60000000}),
    ('Harwell homes\n\nThe value of the housing stock reached the £3.3 trillion mark in 2004.',
     {'about': 'value of the housing stock'}),
])
def modified_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"a $60m investment", "a 5% stake": the noun the amount modifies."""
    if counted is not None and counted is not anchor:
        top = _compound_top(counted)
        if _is_empty_head(top):  # "reached the £3.3 trillion mark": what reached it
            return _past_empty_head(doc, kind, span, top, counted, skip, ent_at)
        return _about_phrase(doc, top, skip)
    return None


@rule("fact.about.worth", examples=[
    ('Harwell Foods signed a deal worth £5bn.',
     {'about': 'deal', 'currency': 'GBP'}),
])
def worth(doc, kind, span, anchor, counted, skip, ent_at):
    """"a deal worth £5bn", "a stake valued at $2bn": the thing that is worth it."""
    top = first_conjunct(anchor)
    head = top.head
    if head.lower_ == "at" and head.head.lemma_.lower() in ("value", "price", "put"):
        head = head.head
    if head.lower_ in ("worth", "valued", "priced") or head.lemma_.lower() in ("value", "price") and head.pos_ == "VERB":
        noun = head.head
        if noun.pos_ == "NOUN":
            return _about_phrase(doc, noun, skip | {t.i for t in head.subtree})
        if head.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in head.children):
            return "market value" if head.lemma_.lower() == "value" else "price"  # "Exel is valued at £2.6bn"
    return None


def _object_is_measured(top: Token, head: Token) -> bool:
    """The figure's verb has an object that is what is measured, or someone who gains or loses it."""
    if top.dep_ == "dobj" and head.lemma_.lower() not in RISE_VERBS | FALL_VERBS | MEASURE_VERBS:
        return True  # "shareholders lost $180bn": the subject is who lost it, not what it measures
    # "set compensation at 250 euros", "valued the unit at £300m", "boost net income by 400m euros":
    # the object is measured
    if top.dep_ != "pobj":
        return False
    # "an offer, which the bidder raised to $8.4bn": the relative object stands for the offer
    objects = [c for c in head.children if c.dep_ == "dobj" and (c.pos_ == "NOUN" or c.tag_ == "VBG"  # "increased spending"
                                                                 or c.tag_ == "WDT" and head.dep_ == "relcl")]
    if top.head.lower_ == "by":  # not "surged by 0.8%, the biggest rise": an object after it is an aside
        return head.lemma_.lower() in RISE_VERBS | FALL_VERBS and any(
            o.i < top.i and o.lemma_.lower() not in CHANGE_NOUNS for o in objects)
    return top.head.lower_ in ("at", "to", "between", "from") and bool(objects)


def _verb_subject(head: Token, ent_at) -> Token | None:
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")
                 and (c.i not in ent_at or c.lower_ in ECONOMY_MEASURES)), None)
    if subj is not None and subj.tag_ == "WDT" and head.dep_ == "relcl" and head.lemma_.lower() not in FUND_VERBS and (
            head.lemma_.lower() in RISE_VERBS | FALL_VERBS | MEASURE_VERBS | LEVEL_VERBS or head.pos_ == "AUX"):
        # "inflation which, as recently as 2001, was as high as 70%": the noun the relative stands for, which the
        # parse may hang on a noun before it
        before = subj.doc[subj.i - 1] if subj.i > 0 else None
        if before is not None and before.text == "," and subj.i > 1:
            before = subj.doc[subj.i - 2]
        return before if before is not None and before.pos_ == "NOUN" else head.head
    if subj is not None and subj.lower_ in ("it", "they") and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        # "inventories fell 0.7%, but they were 36% higher": what the first clause's figure measures
        first = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if first is not None and first.pos_ == "NOUN":
            return first
    return subj


def _subject_is_measure(subj: Token, skip: set[int]) -> bool:
    """"Profits", "spending", "unemployment" can be measured; "the firm", "the country" own a figure."""
    return (subj.pos_ == "NOUN" or subj.tag_ == "VBG" and subj.lemma_ not in ("have", "be")  # not "having dived below $40"
            or subj.lower_ in ECONOMY_MEASURES or _opening_common_noun(subj)) \
        and subj.i not in skip \
        and not (subj.lower_ in _COLLECTIVE_OWNERS and any(c.dep_ == "det" for c in subj.children))


def _opening_common_noun(tok: Token) -> bool:
    """"Shares in Velmor fell": the tagger may read a capitalised noun that opens a sentence as a name (the
    callers have left out the tokens of entities)."""
    return tok.pos_ == "PROPN" and tok.tag_ == "NNS" or tok.pos_ == "PROPN" and all(
        t.is_space or t.is_punct for t in tok.doc[tok.sent.start:tok.i]) and not any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def _has_own_figure(subj: Token, span: Span) -> bool:
    """"900,000 staff are among the 1.2 million affected": the subject is another figure's."""
    counts = [c for c in subj.children if c.dep_ == "nummod" and c.ent_type_ in ("CARDINAL", "QUANTITY")
              and any(ch.isdigit() for ch in c.text) and not span.start <= c.i < span.end]
    # "the 865 million share offer" is an offer, not the shares counted
    return any(not any(k.dep_ == "compound" and c.i < k.i for k in subj.children) for c in counts)


def _subjectless_measure(doc: Doc, head: Token, skip: set[int]) -> str | None:
    """A verb without a subject that still says what changed."""
    if head.dep_ == "acl" and head.head.pos_ == "NOUN" and head.tag_ == "VBG":
        return _about_phrase(doc, head.head, skip | {t.i for t in head.subtree})  # "with spending rising 37%"
    if head.dep_ == "acl" and head.head.pos_ == "NOUN" and head.tag_ in ("VBD", "VBN") \
            and head.lemma_.lower() in RISE_VERBS | FALL_VERBS and any(c.dep_ == "agent" for c in head.children):
        # "the value of Freedonia's currency depreciated by 40%": the parse may read the finite verb as a
        # participle of the last noun; what changed is the whole phrase
        noun = head.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
        own = skip - {t.i for t in noun.subtree} | {t.i for t in head.subtree}  # "value of Freedonia's currency"
        return _about_phrase(doc, noun, own) or None
    if head.dep_ == "xcomp":
        # "India's mobile market is likely to grow by 40%", "Asahi predicts profits to rise 50%"
        obj = next((c for c in head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < head.i), None)
        if obj is not None and obj.i not in skip:
            return _about_phrase(doc, obj, skip)
    return None


def _leads_back(head: Token) -> bool:
    """"Revenue tripled, exceeding $86m": a participle with no object but the figure says what the main
    clause's subject did (not "..., leaving ITV1 with 13%")."""
    return head.dep_ == "advcl" and head.tag_ == "VBG" and not any(
        c.dep_ == "dobj" and not (_names_a_figure(c) or any(_names_a_figure(k) for k in c.children) or _is_empty_head(c))
        for c in head.children) and not any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.head.children)  # "forecast growth of 3.6%, slipping to 2.9%"


def _next_verb(head: Token) -> Token | None:
    """"Sales rose 3% and profits fell 2%"; "Profits rose 15% to reach £546m", "..., exceeding £546m"; "is likely to grow"."""
    if head.dep_ not in ("conj", "xcomp") and not (head.dep_ == "advcl" and head.tag_ == "VB") and not _leads_back(head):
        return None
    head = head.head
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head
    return head


@rule("fact.about.reported_subject", examples=[
    ('Velmor results\n\nVelmor said earnings during the last three months dropped by 84%.',
     {'about': 'earnings', 'change': 'down'}),
    ('Velmor\n\nVelmor reported losses had deepened to £51.6m.',
     {'about': 'losses'}),
])
def reported_subject(doc, kind, span, anchor, counted, skip, ent_at):
    """"Velmor said earnings dropped by 84%": the parse may take the subject of the figure's clause for
    the object of the verb of saying, leaving the clause without a subject."""
    head = _governing(anchor)
    if head.pos_ not in ("VERB", "AUX") or _verb_subject(head, ent_at) is not None or not _takes_a_subject(head, anchor):
        return None
    clause_start = min([head.i, *(c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")
                                  and c.i < head.i)])
    for noun in head.doc[head.sent.start:clause_start]:
        said = noun.head
        if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or said.lemma_.lower() not in SOURCE_VERBS or said.i > noun.i:
            continue
        if not (head.head.i == said.i or head.dep_ == "conj" and said.dep_ in ("advcl", "ccomp", "conj")):
            continue
        # the verb of saying may be an aside of the figure's clause the skip set leaves out ("after it reported")
        own = skip - {t.i for t in said.subtree}
        if _only_asides_between(noun, said, clause_start) and noun.i not in own:
            return _about_phrase(doc, noun, own)
    return None


def _takes_a_subject(verb: Token, anchor: Token) -> bool:
    """Not "a pledge to reduce emissions 80%": an infinitive, or a verb with an object of its own."""
    infinitive = any(c.tag_ == "TO" for c in verb.children) or verb.tag_ in ("VB", "VBG") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)
    return not infinitive and not any(c.dep_ == "dobj" and c.i != first_conjunct(anchor).i for c in verb.children)


def _only_asides_between(noun: Token, said: Token, clause_start: int) -> bool:
    """Between the noun and its clause only phrases of the verb of saying ("said earnings during the last quarter")."""
    asides = {t.i for c in said.children if c.dep_ in ("prep", "npadvmod") and c.i > noun.i for t in c.subtree}
    return all(i in asides for i in range(noun.right_edge.i + 1, clause_start))


# Currency words by code, the shortest form first ("dollar" for USD, "pound" for GBP): a currency's own name.
_CURRENCY_WORDS = {form.lower(): code for form, code, where in lexicon.rows("currencies") if where == "word"}
_CURRENCY_NAME = {code: min((f for f, c in _CURRENCY_WORDS.items() if c == code), key=len)
                  for code in set(_CURRENCY_WORDS.values())}
_RATE_PREPS = ("against", "to", "versus", "vs")


@rule("fact.about.exchange_rate", examples=[
    ('Markets\n\nThe dollar was trading at 105.6 yen in Tokyo.',
     {'about': 'dollar against the yen'}),
    ('Markets\n\nThe euro reached $1.30 against the dollar.',
     {'about': 'euro against the dollar'}),
    ('Markets\n\nThe dollar rose 2% on Friday.', None),
])
def exchange_rate(doc, kind, span, anchor, counted, skip, ent_at):
    """"the dollar was at 105.6 yen", "the euro reached $1.30 against the dollar": a currency's price in
    another is the exchange rate between the two, not the currency."""
    if kind != "money":
        return None
    phrase = verb_subject(doc, kind, span, anchor, counted, skip, ent_at) or _currency_buying(doc, anchor, skip, ent_at)
    if not phrase or phrase.split()[-1].lower() not in _CURRENCY_WORDS:
        return None
    head = _governing(anchor)
    near = {anchor.i, head.i, first_conjunct(anchor).i, *(t.i for t in span)}
    for prep in span.sent:
        obj = _pobj(prep) if prep.dep_ == "prep" and prep.lower_ in _RATE_PREPS else None
        if obj is not None and prep.head.i in near and obj.lower_ in _CURRENCY_WORDS:
            return f"{phrase} against the {obj.lower_}"  # "$1.29 to the euro"
    own = _CURRENCY_WORDS[phrase.split()[-1].lower()]
    amounts = find_amounts(span.text)
    paid_in = amounts[0].currency if amounts else None
    if paid_in and paid_in != own and paid_in in _CURRENCY_NAME:
        return f"{phrase} against the {_CURRENCY_NAME[paid_in]}"  # "the dollar was at 105.6 yen"
    return f"{phrase} exchange rate"


def _currency_buying(doc: Doc, anchor: Token, skip: set[int], ent_at) -> str | None:
    """"the dollar was at $1.29 and buying 105.6 yen": what a currency buys is its price in another."""
    verb = _governing(anchor)
    if verb.lemma_.lower() not in ("buy", "fetch") or first_conjunct(anchor).dep_ != "dobj":
        return None
    while verb.dep_ == "conj" and verb.head is not verb and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    subj = _verb_subject(verb, ent_at)
    if subj is None or subj.lower_ not in _CURRENCY_WORDS or subj.i in skip:
        return None
    return _about_phrase(doc, subj, skip)


@rule("fact.about.verb_subject", examples=[
    ('Profits at Harwell Foods rose 18%.',
     {'about': 'Profits', 'change': 'up'}),
    ("Freedonia\n\nIn 2012 the value of Freedonia's currency depreciated by about 40%.",
     {'about': "value of Freedonia's currency", 'change': 'down'}),
])
def verb_subject(doc, kind, span, anchor, counted, skip, ent_at):
    """"Profits rose 18%", "Unemployment stood at 25%, compared with 10%": what rose, stood or fell."""
    head = _governing(anchor)
    if _object_is_measured(first_conjunct(anchor), head):
        return None
    for _ in range(4):
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subj = _verb_subject(head, ent_at)
        if subj is not None:
            if not _subject_is_measure(subj, skip) or _has_own_figure(subj, span):
                return None
            # "shares which have advanced 4%": the relative clause with the figure in it is no part of the phrase
            own = {t.i for c in subj.children if c.dep_ in ("relcl", "acl") and c.left_edge.i <= head.i <= c.right_edge.i
                   for t in c.subtree}
            return _about_phrase(doc, subj, skip | own | {c.i for c in subj.children if c.dep_ in ("relcl", "acl")})
        found = _subjectless_measure(doc, head, skip)
        if found is not None:
            return found
        head = _next_verb(head)
        if head is None:
            return None
    return None


@rule("fact.about.verb_object", examples=[
    ('Harwell Foods cut prices by 8%.',
     {'about': 'prices', 'change': 'down'}),
    ('Harwell Foods increased spending on new plants by 18%.',
     {'about': 'spending on new plants', 'change': 'up'}),
])
def verb_object(doc, kind, span, anchor, counted, skip, ent_at):
    """"cut wholesale prices by about 8%": the thing the verb changes."""
    top = first_conjunct(anchor)
    head = _governing(anchor)
    if head.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i != top.i and (c.pos_ == "NOUN" or c.tag_ == "VBG")
                and c.i not in range(span.start, span.end)), None)
    if obj is None:
        obj = _relative_object(head, top)
        if obj is not None:  # "the aid they give [to 0.7% of GNI by 2015]"
            skip = skip | {t.i for c in head.children if c.dep_ in ("prep", "advmod", "npadvmod") for t in c.subtree}
    if obj is not None and (obj.i in ent_at or obj.lower_ in ORG_NOUNS | {"government", "country"}):
        return None  # "sue the Russian government for $28bn": whom, not what the sum is
    if obj is not None and obj.lemma_.lower() in CHANGE_NOUNS:
        # "report a slight drop in profits to £170m": the level is of what changed
        inner = next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children
                      if o.dep_ == "pobj"), None)
        if inner is not None:
            return _about_phrase(doc, inner, skip)
    return _about_phrase(doc, obj, skip) if obj is not None else None


def _relative_object(verb: Token, top: Token) -> Token | None:
    """"an offer, which the firm raised to A$8.4bn", "the aid they give": the noun a relative clause's
    missing object stands for."""
    antecedent = verb.head
    if antecedent.pos_ == "PROPN" and antecedent.dep_ == "pobj" and antecedent.head.head.pos_ == "NOUN":
        antecedent = antecedent.head.head  # "an offer from Velmor, which the bidder raised": the parse hangs it on Velmor
    if verb.dep_ != "relcl" or antecedent.pos_ != "NOUN" or top.dep_ == "dobj":
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or subj.tag_ in ("WDT", "WP") or subj.lower_ == "that" or obj is not None and obj.tag_ != "WDT":
        return None  # "the firm, which made £5m": the relative is the subject, not what was made
    return antecedent


def _act_lemma(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma == "fin" and verb.lower_.startswith("fine"):
        return "fine"  # the lemmatiser reads "fined" as "fin"
    return lemma


@rule("fact.about.cut_from", examples=[
    ('Harwell Foods cut A$68m from its profit targets.',
     {'about': 'profit targets', 'change': 'down'}),
])
def cut_from(doc, kind, span, anchor, counted, skip, ent_at):
    """"cut A$68m from profit targets", "trimmed 5% off sales": the figure is taken from what it measures."""
    top = first_conjunct(anchor)
    head = top.head
    if top.dep_ != "dobj" or head.pos_ != "VERB" or head.lemma_.lower() not in FALL_VERBS:
        return None  # not "raise $100m from the sale": money raised from something
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "off") and c.i > top.i), None)
    obj = _pobj(prep) if prep is not None else None
    if obj is None or obj.pos_ != "NOUN" or obj.i in skip or _is_time(obj):
        return None
    return _about_phrase(doc, obj, skip)


@rule("fact.about.verb", examples=[
    ('Harwell Foods will invest £10bn in fibre.',
     {'about': 'investment in fibre', 'subject': 'Harwell Foods'}),
])
def act_of_verb(doc, kind, span, anchor, counted, skip, ent_at):
    """"BT will invest £10bn in fibre": the act the amount is the object of, as a noun, with what it is in/on."""
    top = first_conjunct(anchor)
    head = _governing(anchor)
    verb = head.pos_ == "VERB" or head.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in head.children) \
        and any(c.dep_ == "dobj" and c.i == top.i for c in head.children)  # "the Dome cost[NN] taxpayers £28.7m"
    if not verb or top.dep_ not in ("dobj", "npadvmod", "pobj", "attr", "nsubjpass"):
        return None
    lemma = _act_lemma(head)
    if lemma in FUND_VERBS and kind == "money" and top.dep_ == "dobj":
        return ACT_NOUNS.get(lemma)  # "plans to raise $100m": fund-raising, not a rise
    if lemma in SOURCE_VERBS | MEASURE_VERBS | RISE_VERBS | FALL_VERBS:
        return None  # "said", "totalled", "raised by": the figure is not the size of an act
    noun = (OUTPUT_NOUNS.get(lemma) if kind in ("quantity", "count") else None) or ACT_NOUNS.get(lemma)
    if noun is None:
        return None  # "want the 50%", "set up a window": no act a reader would call the measure
    prep = next((c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in ("in", "on", "into", "for")
                 and c.i > top.i), None)
    if prep is not None:
        obj = _pobj(prep)
        if obj is not None and obj.i not in skip and obj.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
            return f"{noun} {prep.lower_} {_about_phrase(doc, obj, skip)}".strip()
    return noun


@rule("fact.about.level_after_change", examples=[
    ('Harwell shares\n\nShares in Harwell were up 56 pence, or 7.6%, at 797p by mid-morning.',
     {'about': 'Shares', 'text': '797p'}),
    ('Harwell Foods landed an order for $5m.', None),
])
def level_after_change(doc, kind, span, anchor, counted, skip, ent_at):
    """"Shares were up 56 pence, or 7.6%, at 797p": a level the parse hangs on the figure of the change
    before it measures what that figure does."""
    top = first_conjunct(anchor)
    prep = top.head
    other = prep.head
    if top.dep_ != "pobj" or prep.lower_ not in ("at", "to") or other.i in range(span.start, span.end) \
            or other.ent_type_ not in ("PERCENT", "MONEY") or other.pos_ not in ("NOUN", "NUM", "SYM"):
        return None
    return verb_subject(doc, kind, span, other, None, skip, ent_at)


@rule("fact.about.head_noun", examples=[
    ('Harwell Foods landed an order for $5m.',
     {'about': 'order', 'value': 5000000}),
])
def head_noun(doc, kind, span, anchor, counted, skip, ent_at):
    """"a target of 7%", "a record $16.6bn": the noun the figure hangs off."""
    head = _governing(anchor)
    if head.pos_ == "NOUN" and head.i not in range(span.start, span.end):
        if head.i < span.start and any(c.dep_ == "nummod" and any(ch.isdigit() for ch in c.text) and c.i not in skip
                                       for c in head.children):
            return None  # "seize 12,900 acres from the 32,000 acre farm": an earlier figure's unit (not "from 155,000 to 110,000 staff")
        if _is_empty_head(head):
            return _past_empty_head(doc, kind, span, head, counted, skip, ent_at)  # "a record $16.6bn"
        if head.lemma_.lower() in CHANGE_NOUNS:  # "a smaller increase than the £5.1bn seen in December"
            return _what_changed(doc, head, span, skip) or _about_phrase(doc, head, skip)
        return _about_phrase(doc, head, skip)
    return None


ABOUT_RULES = (distance_from, quantity_noun, noun_of, change_noun, dimension, level_of_count, counted_act, counted_relative, counted_among, counted_things, share_of, partitive, held_stake, amount_in, modified_noun, worth,
               reported_subject, exchange_rate, verb_subject, verb_object, cut_from, act_of_verb, level_after_change, head_noun, ratio)


# ---- change -----------------------------------------------------------------------------------


def _written_after(amount: Amount, span: Span, root: Token) -> str | None:
    """"closed 16% down", "15 points higher", "would have been 8% higher": a direction written right
    after the figure, on the word the figure measures the distance of."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ not in ("up", "down", "higher", "lower"):
        return None
    if after.i != root.head.i and not (amount.kind == "percent" and after.head.i in (root.i, root.head.i)):
        return None
    if _than_no_time(after):
        return None  # "15% lower than analysts had expected": a comparison, not a change over time
    return "up" if after.lower_ in ("up", "higher") else "down"


def _than_no_time(comparative: Token) -> bool:
    """"higher than expected" compares with no earlier time; "higher than a year ago" is a rise."""
    than = next((c for c in comparative.children if c.lower_ == "than"), None)
    following = comparative.doc[comparative.i + 1] if comparative.i + 1 < len(comparative.doc) else None
    if than is None and following is not None and following.lower_ == "than":
        than = following  # the parse may hang "than analysts had expected" on the clause, not the comparative
    if than is None:
        return False
    after = [t for t in (*than.subtree, *than.head.subtree) if t.i > than.i]
    return not any(t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in TIME_NOUNS for t in after)


def _is_empty_head(noun: Token) -> bool:
    """"an average of 3.2%", "a rate of 20%", "a peak of 400,000 tonnes": a head that names no
    measure of its own (no modifier says what it is the rate or the peak of)."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in EMPTY_HEADS and not any(
        c.dep_ in ("amod", "compound", "nmod", "poss") and c.lower_ not in PLAIN_MODIFIERS  # "an annual rate of 1.6%"
        or c.dep_ == "prep" and c.lower_ == "of" and not any(
            g.like_num or g.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") for g in c.subtree)
        for c in noun.children)


def _through_empty_head(tok: Token) -> Token:
    """"grown by an average of 3.2%", "growing at a rate of 20%": the figure is what the empty head is."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _is_empty_head(tok.head.head) \
            and tok.head.head.dep_ == "pobj":
        return tok.head.head
    return tok


def _change_word(root: Token) -> Token | None:
    """The word a figure is the size of a change of: the verb or noun it hangs off, through "by"."""
    top = first_conjunct(root)  # "fell by 40%, 75% and 57%"
    tok = _through_empty_head(top)
    if tok.dep_ == "pobj":
        if tok.head.lower_ == "of":
            return _change_noun_of(tok.head.head)
        if tok.head.lower_ != "by" and not (tok is not top and tok.head.lower_ == "at"):
            return None  # "to £1.2bn", "from $639m", "compared with 10%", "at 4.3%" (but "growing at a rate of 20%")
        tok = tok.head
    if tok.dep_ in ("dobj", "npadvmod", "prep", "advmod", "attr", "agent"):  # "agent": "depreciated by 38%"
        return tok.head
    if tok.dep_ in ("nummod", "compound", "amod") and tok.head.pos_ == "NOUN":
        return tok.head  # "a 5% rise"
    if tok.dep_ == "pobj":
        return tok.head.head
    return None


def _counted_change_verb(root: Token) -> Token | None:
    """"cut 12,000 jobs", "300 jobs will be lost": a count is the size of a change its verb makes."""
    tok = first_conjunct(root)
    noun = tok.head
    if tok.dep_ in ("nummod", "compound", "quantmod") and noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "nsubjpass") \
            and noun.head.pos_ == "VERB":
        return noun.head
    return _change_word(root)


def _change_noun_of(noun: Token) -> Token | None:
    """"a rise of 5%", "a rise in spending of 14.8%": the noun of change an "of" figure gives the size of."""
    if noun.lemma_.lower() in RISE_NOUNS | FALL_NOUNS:
        return noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.lemma_.lower() in RISE_NOUNS | FALL_NOUNS:
        return noun.head.head
    return None


def _direction(word: Token) -> str | None:
    """The direction a word of change gives, read by its part of speech ("contract" the noun is no fall)."""
    lemma = word.lemma_.lower()
    if lemma in LEVEL_NOUNS:
        return None  # "a £5m loss", "a loss of £5m": a result, not the size of a fall
    verb = word.pos_ in ("VERB", "AUX")
    noun = word.pos_ in ("NOUN", "PROPN")
    if verb and lemma in RISE_VERBS or noun and lemma in RISE_NOUNS:
        return "up"
    if verb and lemma in FALL_VERBS or noun and lemma in FALL_NOUNS:
        return "down"
    return None


def change(amount: Amount, span: Span, root: Token) -> str | None:
    """"up"/"down" only when a word of change says the number is the size of a change: "rose 5%",
    "cut prices by 8%", "a 5% fall", "up 18%"; never the level compared with ("from $639m",
    "compared with", "year-earlier") nor the level reached ("rose to £1.2bn")."""
    if amount.change:
        return amount.change  # "up 18%", "down 2%" as written
    written = _written_after(amount, span, root)
    if written is not None:
        return written
    word = _counted_change_verb(root) if amount.kind == "count" else _change_word(root)
    if word is None:
        return None
    if word.lower_ in ("up", "down") and word.dep_ in ("advmod", "prt"):
        return word.lower_
    if word.lemma_.lower() in FUND_VERBS and amount.kind == "money" and first_conjunct(root).dep_ == "dobj":
        return None  # "raise $100m from the sale": money raised, not a rise
    return _direction(word)
