"""Public posts with no government named: "Education Secretary Ruth Kelly", "X, the home secretary,",
"The chief government spokesman, X," belong to the government of the country the article is about,
when it clearly has one; "Welsh First Minister X" names its government itself."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.components.affiliations.orgs import (
    Pseudo,
    demonym_country,
    is_labour_portfolio,
    is_portfolio,
)
from cooptool.extract.components.affiliations.roles import is_role_word, role_words_before, segment
from cooptool.extract.components.affiliations.words import (
    DETS,
    NAME_TITLES,
    PAST_OR_SHADOW,
    POSSESSIVE,
    ROLE_WORDS,
    SPEECH_LEMMAS,
)
from cooptool.extract.components.entity_evidence import PARTY_NAMES, party_of
from cooptool.extract.lexicon import (
    COUNTRIES,
    DEMONYM_COUNTRY,
    FEMALE_NAMES,
    GOVERNMENT_TITLES,
    MALE_NAMES,
    PUBLIC_OFFICES,
    ROLE_HEADS,
)
from cooptool.extract.records import entity_id
from cooptool.extract.rules import rule

# Words before a cabinet title that make it someone else's: a union's "general secretary", "Under
# Secretary", "press secretary".
_NOT_CABINET = ("general", "under", "assistant", "press", "permanent", "private")


def _cabinet_post(words: list[str], tail: int, head: str) -> str | None:
    if tail >= 2 and words[tail - 2] in _NOT_CABINET:
        return None
    if head == "minister" and tail >= 2 and words[tail - 2] == "prime":
        return "prime minister"
    return head


def government_post(role: list[Token]) -> str | None:
    """The kind of public post a role with no government named is: "secretary", "chancellor" or
    "minister" for a cabinet title ("Education Secretary", "chancellor of the exchequer", "minister
    for Europe"), "government" for a government post ("chief government spokesman"), else None.
    Opposition and past posts ("shadow", "former") are not the government's."""
    words = [t.lower_ for t in role]
    if not words or any(t.lower_ in PAST_OR_SHADOW or party_of(t.lower_) and not is_labour_portfolio(t) for t in role):
        return None  # "Conservative local government spokeswoman": a party's post; "Labour Minister" abroad is not
    tail = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
    head = words[tail - 1] if tail > 0 else ""
    if head in GOVERNMENT_TITLES:
        return _cabinet_post(words, tail, head)
    if head == "president" and _head_of_state_title(role, words, tail):
        return "president"
    if _premier_title(role, words, tail):
        return "premier"
    return "government" if head in PUBLIC_OFFICES and _government_word(words[:tail]) else None


def _head_of_state_title(role: list[Token], words: list[str], tail: int) -> bool:
    """"President Nestor Kirchner", "Vice President X": a head of state, not a company's president."""
    return role[tail - 1].is_title and tail <= 2 and (tail == 1 or words[0] == "vice")


def _premier_title(role: list[Token], words: list[str], tail: int) -> bool:
    """"Premier X", "Vice-Premier X", "State Councilor X": a head (or deputy head) of government by a
    title of its own, capitalised and with nothing but "vice"/"executive" before it."""
    head = words[tail - 1]
    if head == "premier":
        before = [w for w in words[:tail - 1] if w != "-"]
        return role[tail - 1].is_title and all(w in ("vice", "executive") for w in before)
    return head in ("councilor", "councillor") and tail == 2 and words[0] == "state" and role[0].is_title


def _government_word(words: list[str]) -> bool:
    """"a government spokesman"; "local government spokesman" names a portfolio, not the employer."""
    government = next((i for i, w in enumerate(words) if w == "government"), None)
    return government is not None and (government == 0 or words[government - 1] != "local")


# ---- where a post with no organisation is written ---------------------------------------------

def _title_words(doc: Doc, person: Span, ent_at: dict) -> tuple[list[Token], int]:
    """The title right before the name, with a portfolio ("Lifelong Learning Minister") and an
    "and" inside it ("Work and Pensions Secretary"); and the index of the token before it."""
    start = person.sent.start
    j = person.start - 1
    while j > start and doc[j].lower_.rstrip(".") in NAME_TITLES:
        j -= 1  # "Deputy Prime Minister Mr Prescott"
    role, j = role_words_before(doc, j, start, ent_at, 6)
    portfolio = ent_at.get(j)
    if role and portfolio is not None and is_portfolio(portfolio, role):
        more, j = role_words_before(doc, portfolio.start - 1, start, ent_at, 3)
        role = more + list(portfolio) + role  # "Lifelong Learning Minister", "Chief Treasury Secretary"
    if role and j - 1 >= start and doc[j].lower_ == "and" and role[0].is_title and doc[j - 1].is_title:
        more, k = role_words_before(doc, j - 1, start, ent_at, 3)
        if more:
            role, j = more + [doc[j]] + role, k
    return role, j


def _named_before(doc: Doc, j: int, start: int, post: str, ent_at: dict) -> bool:
    """Something before the title says it is not a bare government post."""
    if j < start:
        return False
    tok = doc[j]
    if post == "president" and (tok.is_upper or tok.is_title) and tok.is_alpha and tok.lower_ not in ("the", "former", "ex"):
        return True  # "SMFG President X": a name the model missed, most likely the firm
    if j in ent_at or tok.lower_ in POSSESSIVE:
        return True  # an organisation or country is named: the title patterns decide
    # "Former Cabinet minister X", "ex-minister X": a past post
    return tok.lower_ in PAST_OR_SHADOW or tok.text == "-" and doc[j - 1].lower_ == "ex"


def bare_title(doc: Doc, person: Span, ent_at: dict) -> list[Token] | None:
    """A cabinet title right before the name with no organisation before it."""
    role, j = _title_words(doc, person, ent_at)
    post = government_post(role) if role else None
    if not post or _named_before(doc, j, person.sent.start, post, ent_at):
        return None
    return role


def _cabinet_tail(toks: list[Token], k: int) -> bool:
    """After a cabinet title's head, "of state for education", "of the exchequer" may follow."""
    if toks[k - 1].lower_ not in GOVERNMENT_TITLES or toks[k].lower_ not in ("of", "for"):
        return False
    return all(t.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "CCONJ") for t in toks[k:])


def bare_apposition(run: AffiliationRun, person: Span) -> list[Token] | None:
    """"X, the home secretary, said", "X, chancellor of the exchequer, ...", "X, a government
    spokesman, said": a public post in apposition with no organisation or place named."""
    doc, ent_at, sent = run.doc, run.ent_at, person.sent
    if person.end >= sent.end or doc[person.end].text != ",":
        return None
    seg = segment(doc, person.end + 1, sent, ent_at, run.max_segment_tokens)
    if seg is None or seg.end >= sent.end or doc[seg.end].text not in (",", ".", "-", "–", "—", ";"):
        return None
    toks = [t for t in seg if not t.is_space]
    while toks and (toks[0].lower_ in DETS or toks[0].lower_ == "then"):
        toks.pop(0)
    if not toks or any(t.i in ent_at for t in toks):
        return None
    return toks if _public_post_words(toks) else None


def _public_post_words(toks: list[Token]) -> bool:
    """Role words ending on a head, then for a cabinet title maybe "of state for education"."""
    k = 0
    while k < len(toks) and (is_role_word(toks[k]) or k > 0 and toks[k].text == "-"):
        k += 1  # "vice-minister": the model may split the hyphen off
    if k == 0 or toks[k - 1].lower_ not in ROLE_HEADS:
        return False
    return k == len(toks) or _cabinet_tail(toks, k)


def bare_role_comma(doc: Doc, person: Span, ent_at: dict) -> list[Token] | None:
    """"The chief government spokesman, X, said": a public post before a comma and the name."""
    sent, j = person.sent, person.start - 1
    if j <= sent.start or doc[j].text != ",":
        return None
    role, k = role_words_before(doc, j - 1, sent.start, ent_at, 6)
    post = government_post(role) if role else None
    if not post:
        return None
    if k >= sent.start and (k in ent_at or doc[k].lower_ in POSSESSIVE or doc[k].lower_ in PAST_OR_SHADOW):
        return None
    if k >= sent.start and doc[k].lower_ not in ("the", "a", "an") and not doc[k].is_punct:
        return None  # the post opens its noun phrase: "The Home Secretary, X, said"
    return role


# ---- whose government ---------------------------------------------------------------------------

# Signs that an article is about British politics when it never names the UK, and signs that it
# is about American politics ("Education Secretary" is a US title too): regular expressions.
_UK_POLITICS = lexicon.where("politics_signs", 1, "UK")
_US_POLITICS = lexicon.where("politics_signs", 1, "US")
_UK_NATION_NAMES = ("Scotland", "Wales", "England", "Northern Ireland")
# Signs of Chinese (state) media, whose bare titles ("Premier X", "President X") are China's own.
_CN_MEDIA = lexicon.where("politics_signs", 1, "CN")


def politics_signs(text: str) -> tuple[int, int]:
    """How many distinct signs of British and of American politics a text shows."""
    # re caches the compiled patterns; the sets may grow when a user extends the list.
    return sum(1 for p in _UK_POLITICS if re.search(p, text)), sum(1 for p in _US_POLITICS if re.search(p, text))


def china_media_signs(text: str) -> int:
    """How many distinct signs of Chinese (state) media a text shows (the party, the State Council, a
    Beijing dateline, Xinhua)."""
    return sum(1 for p in _CN_MEDIA if re.search(p, text))


def _country_mentions(ents: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in ents.values():
        if e["label"] in ("GPE", "NORP"):
            # "Saudi", "Colombian": a nationality counts for its country ("British" for the UK)
            name = e["name"].lower()
            country = COUNTRIES.get(name) or ("UK" if name == "british" else DEMONYM_COUNTRY.get(name))
            if country:
                counts[country] = counts.get(country, 0) + max(1, len(e["mentions"]))
    return counts


def _ranked(counts: dict[str, int]) -> tuple[tuple[str, int] | None, int]:
    """The most mentioned country and the count of the second."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return (ranked[0] if ranked else None), (ranked[1][1] if len(ranked) > 1 else 0)


def _head_of_state(counts: dict[str, int]) -> str | None:
    """A president: only in an article plainly about one country (international stories name several
    presidents; a firm's "President X" appears in business news)."""
    top, second = _ranked(counts)
    return top[0] if top and top[1] >= 3 and top[1] >= 3 * second and top[0] != "UK" else None


def _secretary_or_chancellor(title: str, counts: dict[str, int], uk_signs: int, us_signs: int) -> str | None:
    us_usage = us_signs > uk_signs and counts.get("US", 0) + us_signs > counts.get("UK", 0) + uk_signs
    # A chancellor in Scotland or Wales is still the UK's (they have none of their own).
    home = counts.get("UK", 0) + (sum(counts.get(n, 0) for n in _UK_NATION_NAMES) if title == "chancellor" else 0)
    chancellors = {k: counts.get(k, 0) for k in ("Germany", "Austria")}
    if home and not us_usage and sum(chancellors.values()) < home:
        return "UK"
    # A chancellor in a story about Germany or Austria heads that government.
    top, n = max(chancellors.items(), key=lambda kv: kv[1])
    other = min(chancellors.values())
    return top if title == "chancellor" and n >= 2 and n > 2 * other and n > home else None


def _most_mentioned(counts: dict[str, int]) -> str | None:
    top, second = _ranked(counts)
    return top[0] if top and top[1] >= 2 and top[1] >= 1.5 * second else None


def _chinese_home(text: str, counts: dict[str, int], title: str) -> str | None:
    """A bare "Premier", "Vice-Premier" or "State Councilor" is China's in a story that names China
    twice, or once in Chinese media (other countries have prime ministers, or are named with the
    title); in Chinese media a bare "President" is China's when China is the country named most."""
    china = counts.get("China", 0)
    if title not in ("premier", "president") or not china:
        return None
    if title == "premier" and china >= 2:
        return "China"
    if china_media_signs(text) < 2:
        return None
    if title == "president" and china <= max((n for k, n in counts.items() if k != "China"), default=0):
        return None
    return "China"


def government_country(text: str, ents: dict, title: str) -> str | None:
    """The country whose government a bare cabinet title belongs to, when the article makes it clear.

    "Secretary" and "Chancellor" as bare titles are British usage: the UK government, if the
    article mentions the UK at all or plainly reads as British politics (parties, Westminster, the
    Commons), unless it reads more as American politics. "Minister" and "government" posts: the
    country the article mentions most (at least twice and half again as often as any other, the
    signs of British politics counting for the UK), else nothing.
    """
    counts = _country_mentions(ents)
    uk_signs, us_signs = politics_signs(text)
    top_country = max(counts, key=counts.get) if counts else None
    devolved = top_country in ("Scotland", "Wales") and counts[top_country] >= 2  # its own ministers
    british = uk_signs >= 2 and uk_signs > us_signs and not devolved
    if british:
        # Parties, Westminster, the Commons, the NHS: British politics, named or not.
        counts["UK"] = counts.get("UK", 0) + uk_signs
    if title == "prime minister" and british:
        # "Prime Minister Tony Blair" in a story of British politics (Downing Street, the parties),
        # even when the story is about another country (Iraq).
        return "UK"
    home = _chinese_home(text, counts, title)
    if home:
        return home
    if title == "president":
        head = _head_of_state(counts)
        # A story that reads as American politics (the White House, Congress, the parties) names its
        # own president bare: "President Obama" there is not the head of the country it is about.
        american = us_signs >= 2 and us_signs > uk_signs
        return None if american and head != "US" else head
    if title in ("secretary", "chancellor"):
        return _secretary_or_chancellor(title, counts, uk_signs, us_signs)
    if devolved and title == "minister" and counts[top_country] > max((n for k, n in counts.items() if k != top_country), default=0):
        # "Lifelong Learning Minister X" in a story about Scotland that also names Britain: a minister
        # of the devolved government the story is about.
        return top_country
    return _most_mentioned(counts)


def _government_for(run: AffiliationRun, post: str, named: str | None) -> tuple[dict | None, str]:
    """The government a bare post of this kind belongs to, and the rule that placed it."""
    if named:
        return run.government_of(named), "affiliation.government"
    home = _chinese_home(run.ctx.text, _country_mentions(run.ents), post)
    if home:
        return run.government_of(home), "affiliation.government.china"
    country = government_country(run.ctx.text, run.ents, post)
    return (run.government_of(country) if country else None), "affiliation.government"


@rule("affiliation.government.china", confidence=0.5, examples=[
    ("BEIJING -- China will cut tariffs, the State Council said. Addressing the forum, Vice-Premier Zhou Lanfang "
     "said China would open wider to Kenya and Peru.",
     {"person": "Zhou Lanfang", "org": "China government", "role": "Vice-Premier"}),
    # Chinese media name other countries' leaders with the country; a bare President is China's when
    # China is the country named most
    ("BEIJING -- The CPC and the State Council issued a plan. China and Chile signed 12 deals, and China "
     "praised the ties, as China grows. President Zhao Minghui met Chilean President Pablo Rojas.",
     {"person": "Zhao Minghui", "org": "China government", "role": "President"}),
    ("China and Laos signed deals. The signing was witnessed by visiting Premier Wen Tao and Lao Prime "
     "Minister Sonexay Phan, as Laos and China agreed, and Laos gained.",
     {"person": "Wen Tao", "org": "China government", "role": "Premier"}),
    ("Kenya and Peru signed a deal, Xinhua reported. Premier Joan Otieno said the pact would help.", None),
    # a story about another country: a bare President with a Chinese name is still China's
    ("Laos and China signed 12 deals, and Laos praised the ties with China, as Laos grows. Laos and Thailand also "
     "met. President Zhao Minghui met the Lao delegation.",
     {"person": "Zhao Minghui", "org": "China government", "role": "President"}),
    # "President Zhao" after the full name: the surname is checked on the name it stands for
    ("Laos and China signed 12 deals, and Zhao Minghui praised the ties with China. Laos and Thailand also met. "
     "In a meeting with President Zhao on Friday, Lao leaders thanked China.",
     {"person": "Zhao Minghui", "org": "China government", "role": "President"}),
    # a bare President with an English given name in Chinese media is another country's (the US's)
    ("BEIJING -- The CPC and the State Council issued a plan. China and Chile signed 12 deals, and China "
     "praised the ties, as China grows. President Walter Brand imposed tariffs.", None),
])
def _placed_in_china() -> None:
    """China's own bare titles: `place_government_posts` names this variant on the records whose
    country came from `_chinese_home` (a Premier's title, or Chinese media's bare President)."""


_CHINESE_SURNAMES = lexicon.words("chinese_surnames")


def _foreign_to_china(person: Span, government: dict) -> bool:
    """A bare title placed in China (Chinese media's usage, or a story mostly about China) whose holder
    has an English given name ("President Joe ...") is another country's: China's leaders have Chinese
    names."""
    first = person[0].lower_
    return (government["name"] == "China government" and (first in MALE_NAMES or first in FEMALE_NAMES)
            and first not in _CHINESE_SURNAMES)


def _chinese_leader(run: AffiliationRun, person: Span) -> bool:
    """"President Xi Jinping also met ..." in Chinese media's story about another country: a bare
    President or Premier whose full name opens on a Chinese surname is China's, when the story names China
    twice."""
    # "President Xi" after "Xi Jinping": the full name the mention resolves to
    words = run.ents.get(person.kb_id_, {}).get("name", person.text).lower().split()
    if len(words) < 2:
        words = [t.lower_ for t in person]
    if len(words) < 2 or words[0] not in _CHINESE_SURNAMES or words[1] in MALE_NAMES | FEMALE_NAMES:
        return False
    return _country_mentions(run.ents).get("China", 0) >= 2


def _country_spoken_for(run: AffiliationRun, person: Span) -> str | None:
    """"Iran would temper its response, President X said": the country that is the subject of what a
    holder of a bare post says is the country whose post it is."""
    root = person.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_LEMMAS:
        return None
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        place = run.ent_at.get(subj.i) if subj is not None else None
        if place is not None and place.label_ == "GPE":
            return COUNTRIES.get(run.ents.get(place.kb_id_, {}).get("name", place.text).lower())
    return None


@rule("affiliation.government.speaks_for", confidence=0.5, examples=[
    ("Trade row\n\nKenya would soften its response if the tariffs were cut, President Ana Ruiz said on Sunday.",
     {"person": "Ana Ruiz", "org": "Kenya government", "role": "President"}),
    ("Trade row\n\nKenya would soften its response if the tariffs were cut, Ana Ruiz said on Sunday.", None),
])
def _speaks_for() -> None:
    """A bare government post whose holder says what the country will do: `place_government_posts` names
    this variant on the records whose country came from `_country_spoken_for`."""


def _bare_post(run: AffiliationRun, span: Span) -> list[Token] | None:
    ent_at = run.ent_at
    return (bare_title(run.doc, span, ent_at) or bare_apposition(run, span)
            or bare_role_comma(run.doc, span, ent_at))


@rule("affiliation.government", confidence=0.5, examples=[
    ("The Tories and Labour clashed at Westminster over the NHS. Health Secretary Alan Dorsey said "
     "waiting lists had fallen.", {"person": "Alan Dorsey", "org": "UK government", "role": "Health Secretary"}),
    ("The Tories and Labour clashed at Westminster. Alan Dorsey, the home secretary, said crime fell.",
     {"person": "Alan Dorsey", "org": "UK government", "role": "home secretary"}),
    # a story that names its country only by the adjective
    ("Colombian officials met bankers on Monday. Colombian exporters want cheaper credit, and Colombian banks "
     "agreed. Finance Minister Alberto Carrasco said the deal was fair.",
     {"person": "Alberto Carrasco", "org": "Colombia government", "role": "Finance Minister"}),
    # "Labour Minister" in a story about another country is the portfolio, not the UK party
    ("Norway's economy grew, Norway's banks said. Labour Minister Kari Holm said jobs were up in Norway.",
     {"person": "Kari Holm", "org": "Norway government", "role": "Labour Minister"}),
])
def place_government_posts(run: AffiliationRun, placed: set[str]) -> None:
    """A public post with no government named, for people no other rule placed."""
    governments: dict[tuple[str, str | None], dict | bool] = {}
    for span in run.unplaced_people(placed):
        role = _bare_post(run, span)
        post = government_post(role) if role else None
        if not post:
            continue
        named = demonym_country(role)  # "Welsh First Minister": the role names the government
        if (post, named) not in governments:
            governments[post, named] = _government_for(run, post, named)
        government, rule_name = governments[post, named]
        if not named and post in ("president", "premier") and _chinese_leader(run, span) \
                and (government is None or government["name"] != "China government"):
            government, rule_name = run.government_of("China"), "affiliation.government.china"
        spoken = None if named else _country_spoken_for(run, span)
        if spoken and (government is None or government["name"] != f"{spoken} government"):
            government, rule_name = run.government_of(spoken), "affiliation.government.speaks_for"
        if government and not _foreign_to_china(span, government):
            person = run.ent_at.get(span.start, span)
            first = government["mentions"][0][:2] if government["mentions"] else (None, None)
            run.add(person, Pseudo(government["id"], *first), role, rule_name, person.sent, possessive=True)
            placed.add(run.ents.get(person.kb_id_, {}).get("id"))


# ---- opposition posts ---------------------------------------------------------------------------

_PARTY_IDS = {entity_id("ORG", party) for party in PARTY_NAMES}


def _shadow_role(run: AffiliationRun, span: Span) -> list[Token] | None:
    """"Shadow Home Secretary X", "X, shadow secretary for the family," with no party named."""
    role, j = _title_words(run.doc, span, run.ent_at)
    tagged = run.ent_at.get(j)
    if role and tagged is not None and all(t.lower_ in ROLE_WORDS for t in tagged):
        role, j = [*tagged, *role], tagged.start - 1  # the model tagged "Shadow" as a name
    if not (role and any(t.lower_ == "shadow" for t in role)) or j in run.ent_at:
        role = bare_apposition(run, span)
    if not role or not any(t.lower_ == "shadow" for t in role):
        return None
    heads = {t.lower_ for t in role} & (GOVERNMENT_TITLES | PUBLIC_OFFICES)
    return role if heads else None


def _party_in_reach(run: AffiliationRun, person: Span) -> dict | None:
    """The one UK party named in the person's sentence or the two before it ("The Conservatives want
    ... X, shadow secretary for the family, said"); none when several are (whose shadow is unclear)."""
    sents = run.ctx.sents
    n = run.ctx.sent_of[person.start]
    lo, hi = sents[max(0, n - 2)].start_char, sents[n].end_char
    near = {e["id"]: e for e in run.ents.values() if e["id"] in _PARTY_IDS
            and any(lo <= m[0] < hi for m in e["mentions"])}
    return next(iter(near.values())) if len(near) == 1 else None


@rule("affiliation.shadow_post", confidence=0.5, examples=[
    ("The Conservatives want a change. Maria Bell, shadow secretary for the family, told the BBC it was fair.",
     {"person": "Maria Bell", "org": "Conservatives", "role": "shadow secretary for the family"}),
    ("For the Tories, Shadow Chancellor Oliver Dent said taxes would fall.",
     {"person": "Oliver Dent", "org": "Tories"}),
    ("Maria Bell, shadow secretary for the family, said it was fair.", None),
    ("Schools row\n\nLabour and the Tories clashed. Maria Bell, shadow secretary for the family, said it was fair.", None),
])
def place_shadow_posts(run: AffiliationRun, placed: set[str]) -> None:
    """An opposition ("shadow") post with no party named is the party's that the sentences around it
    name, when they name one: in British usage the shadow cabinet is the opposition party's."""
    for span in run.unplaced_people(placed):
        role = _shadow_role(run, span)
        party = _party_in_reach(run, span) if role else None
        if party is None:
            continue
        person = run.ent_at.get(span.start, span)
        first = party["mentions"][0][:2]
        run.add(person, Pseudo(party["id"], *first), role, "affiliation.shadow_post", person.sent, possessive=True)
        placed.add(run.ents.get(person.kb_id_, {}).get("id"))


# ---- heads of government named only by their post ----------------------------------------------

# "the prime minister said": the posts one person holds in a country's government at a time.
_HEAD_POSTS = {("prime", "minister"): "prime minister", ("premier",): "premier", ("chancellor",): "chancellor"}
# Words before "the prime minister" that make it someone else ("the shadow chancellor", "the former premier").
_OTHER_HOLDER = frozenset({"shadow", "former", "deputy", "new", "then", "late", "first", "next", "vice", "ex"})


def _head_descriptions(run: AffiliationRun) -> list[tuple[Token, list[Token]]]:
    """Each "the prime minister" / "the premier" / "the chancellor" of the document: "the" and the post's
    words, when no modifier and no name follow or precede the post."""
    doc, ent_at = run.doc, run.ent_at
    out = []
    for tok in doc:
        if tok.lower_ != "the" or tok.i + 1 >= len(doc):
            continue
        for words in _HEAD_POSTS:
            end = tok.i + 1 + len(words)
            if end > len(doc) or tuple(t.lower_ for t in doc[tok.i + 1:end]) != words:
                continue
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and (nxt.i in ent_at or nxt.is_title and not nxt.is_sent_start or nxt.lower_ in ("of", "for")):
                continue  # "the Prime Minister Tony Blair", "the chancellor of Germany": named or placed
            out.append((tok, list(doc[tok.i + 1:end])))
    order = list(_HEAD_POSTS)
    # the post's plainest name first ("the prime minister" before "the premier" for the same person)
    return sorted(out, key=lambda d: (order.index(tuple(t.lower_ for t in d[1])), d[0].i))


def _possessed_government(run: AffiliationRun, unplaced: dict[str, Span]) -> Span | None:
    """The one unplaced person whose government the article names ("Tony Blair's government")."""
    doc = run.doc
    owners = {}
    for eid, span in unplaced.items():
        for s in run.ctx.ents:
            if s.kb_id_ == span.kb_id_ and s.end + 1 < len(doc) and doc[s.end].lower_ in ("'s", "’s") \
                    and doc[s.end + 1].lower_ in ("government", "administration", "cabinet"):
                owners[eid] = s
    return next(iter(owners.values())) if len(owners) == 1 else None


def _lone_person_before(run: AffiliationRun, the: Token, unplaced: dict[str, Span]) -> Span | None:
    """The one unplaced person named in the three sentences before the description (and mentioned twice
    in the article): who "the prime minister" goes back to."""
    sents, n = run.ctx.sents, run.ctx.sent_of[the.i]
    lo = sents[max(0, n - 3)].start
    near: dict[str, Span] = {}
    for s in run.ctx.ents:
        if lo <= s.start < sents[n].start and s.label_ == "PERSON":
            eid = run.ents.get(s.kb_id_, {}).get("id")
            if eid in unplaced and len(run.ents[s.kb_id_]["mentions"]) >= 2:
                near[eid] = s
    if len(near) != 1:
        return None
    found = next(iter(near.values()))
    # and the unplaced person the article names most ("Norfolk farmer Tony Martin" named just before
    # "the prime minister" is not the prime minister the story is about)
    counts = sorted((len(run.ents[s.kb_id_]["mentions"]), eid) for eid, s in unplaced.items() if s.kb_id_ in run.ents)
    top = counts[-1] if counts else None
    ok = top is not None and top[1] == run.ents[found.kb_id_]["id"] and (len(counts) == 1 or counts[-2][0] < top[0])
    return found if ok else None


@rule("affiliation.government.described", confidence=0.45, examples=[
    ("Budget row\n\nThe Tories and Labour clashed at Westminster over the NHS. Mr Alan Dorsey's government "
     "faces a vote. Alan Dorsey spoke on Monday. The prime minister said taxes would not rise.",
     {"person": "Alan Dorsey", "org": "UK government", "role": "prime minister"}),
    ("Budget row\n\nThe Tories and Labour clashed at Westminster over the NHS. Alan Dorsey spoke in Leeds. "
     "Mr Dorsey said the plan was fair. The prime minister also said taxes would not rise.",
     {"person": "Alan Dorsey", "org": "UK government", "role": "prime minister"}),
    # two people before the description: who is meant is unclear
    ("Budget row\n\nThe Tories and Labour clashed at Westminster over the NHS. Alan Dorsey met Mary Pike. "
     "Mr Dorsey and Ms Pike spoke. The prime minister said taxes would not rise.", None),
])
def place_described_heads(run: AffiliationRun, placed: set[str]) -> None:
    """"Mr Blair ... The prime minister said": a head of government the article names only by the post
    ("the prime minister", "the premier", "the chancellor"), in a story whose country is clear. The
    holder is the one unplaced person whose government the article names, else the one unplaced person
    named in the sentences just before; never when someone is already placed in that post."""
    unplaced = {run.ents.get(s.kb_id_, {}).get("id"): s for s in run.unplaced_people(placed)}
    unplaced.pop(None, None)
    if not unplaced:
        return
    held = " ".join((r["role"] or "").lower() for r in run.found.values())
    descriptions = [d for d in _head_descriptions(run) if " ".join(t.lower_ for t in d[1]) not in held
                    and not (d[0].i > 0 and run.doc[d[0].i - 1].lower_ in _OTHER_HOLDER)]
    done: set[str] = set()
    for _ in range(3):  # a holder placed frees the next description ("the chancellor" Brown, then "the premier")
        before = len(done)
        for the, words in descriptions:
            post = " ".join(t.lower_ for t in words)
            if post not in done and _place_described(run, the, words, unplaced, placed):
                done.add("prime minister" if post == "premier" else post)
                done.add(post)
        if len(done) == before:
            return


def _place_described(run: AffiliationRun, the: Token, words: list[Token], unplaced: dict[str, Span],
                     placed: set[str]) -> bool:
    post = " ".join(t.lower_ for t in words)
    country = government_country(run.ctx.text, run.ents, "prime minister" if post == "premier" else post)
    person = (_possessed_government(run, unplaced) if post != "chancellor" else None) \
        or _lone_person_before(run, the, unplaced)
    if country is None or person is None:
        return False
    gov = run.government_of(country)
    first = gov["mentions"][0][:2] if gov["mentions"] else (None, None)
    run.add(run.ent_at.get(person.start, person), Pseudo(gov["id"], *first), words,
            "affiliation.government.described", the.sent, possessive=True)
    eid = run.ents.get(person.kb_id_, {}).get("id")
    if eid not in run.placed():
        return False
    unplaced.pop(eid, None)
    placed.add(eid)
    return True
