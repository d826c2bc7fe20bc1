"""Reported speech and stated beliefs: a cue verb with a subject and what it governs.

`reported(run, cue, lemma)` reads one cue verb. Which reading applies is decided by the cue's
parse (`_reading_of`), in order: a clausal complement ("Hart said AmCham China looks forward to
..."; for intent and evidence cues their own rules), a cue introducing the rest of the sentence, a
nominal object for the cues that take one ("Chen summarized the foundation ..."), a cue after the
clause it reports ("Prices will rise, the company warned"), a clause the parse hung elsewhere.
Before them: a cue set off by commas inside its clause; stance verbs read their infinitive.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from cooptool.extract import lexicon
from cooptool.extract.components.claims.base import (
    ADDRESSEE_CUES,
    AS_SAID,
    CLAUSE,
    CLAUSE_CUES,
    CONJOINED,
    DIRECTIVE,
    DIRECTIVE_CUES,
    EVIDENCE,
    EVIDENCE_CUES,
    EVIDENCE_OBJECT,
    FIGURE_CUES,
    FINITE_TAGS,
    INTENT,
    INTENT_CUES,
    INTRODUCING,
    LOOSE,
    NAMING_CUES,
    NAMING_EXTRAPOSED,
    OBJECT,
    OBJECT_CUES,
    PARENTHETICAL,
    PHRASAL,
    PHRASAL_CUES,
    PROPOSAL_NOUNS,
    QUOTE_MARKS,
    SPEECH_CUES,
    STANCE,
    STANCE_CUES,
    SUBJECT_DEPS,
    TRAILING,
    UNSAID_WHEN_NEGATED,
    Claim,
    ClaimRun,
    could_speak,
    cue_lemma,
    end_of,
    has_own_subject,
    trim,
)
from cooptool.extract.components.claims.subjects import (
    inverted_object_speaker,
    names_the_speaker,
    own_subject,
    subject,
)
from cooptool.extract.components.speakers import DOCUMENT_NOUNS
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import rule

OBJECT_PREPS = {"for", "of", "about", "against", "on", "as"}
# The cues read by a reading besides the phrasal one ("rule" is phrasal in "ruled out", a clause cue in "ruled that").
ALL_READ_CUES = CLAUSE_CUES | OBJECT_CUES | INTENT_CUES | STANCE_CUES | EVIDENCE_CUES | DIRECTIVE_CUES | SPEECH_CUES
# What may be shared as a statement ("shared their views"), unlike "share the same goal".
SHARED_THINGS = lexicon.words("shared_things")
# Cues whose content is a topic after a preposition ("spoke about the bill", not "speaks Mandarin"); as a
# participle they frame the next statement.
_TOPIC_CUES = ("speak", "talk")
_TOPIC_PREPS = ("about", "of", "on")
# Object cues whose content is only the object of one preposition: "pointed to changes in recent years"
# (not "pointed the gun at ...").
_PREP_OBJECT_CUES = {"point": "to"}
# Cues whose object is a claim only when it says what was announced ("announced a review of ...").
_ANNOUNCING = ("announce", "report")
# Cues whose object is a claim only when it is not the subject's own thing ("proposed a tax on fortunes", not
# "proposed its philosophy").
_PROPOSING = ("propose", "promise", "pledge", "vow")
# Cues of commitment whose object is a claim only when a speaker commits to it ("promised a veto").
_COMMITTING = ("promise", "pledge", "vow")
_POINTING_WORDS = ("its", "their", "his", "her", "this", "that", "these", "those", "the")
# "a rise", "a fall": what a poll shows as a change is a figure, read by the facts.
_CHANGE_NOUNS = lexicon.where("change_words", 1, "rise-noun") | lexicon.where("change_words", 1, "fall-noun")
_QUESTION_WORDS = ("how", "whether", "if", "what", "when", "why", "who")
_RELATIVE_SUBJECTS = ("who", "that", "which")
_NO_SPEAKER = ("that", "which", "who", "this", "what")
# Modals that make a stance verb an action to come ("the fund will support 200 firms").
_ACTION_MODALS = ("will", "'ll", "can", "could", "shall", "to")

# A reading: (doc, cue, lemma, comp, comps) -> the content's character range, or None.
Reading = Callable[[Doc, Token, str, Token | None, list[Token]], tuple[int, int] | None]


def reported(run: ClaimRun, cue: Token, lemma: str) -> list[Claim]:
    """The claims of one cue verb (none when it has no speaker or reports nothing)."""
    subj = subject(cue)
    if subj is not None and subj.lower_ in _RELATIVE_SUBJECTS and cue.dep_ == "relcl":
        subj = cue.head  # "voters who say ..."
    if subj is None or subj.lower_ in _NO_SPEAKER:
        return []
    if (subj.i in run.quote_of) != (cue.i in run.quote_of):
        return []
    if _nothing_said(cue, lemma):
        return []
    # Not the discourse markers "you know", "I mean".
    pieces = parenthetical_pieces(cue) if lemma in CLAUSE_CUES and lemma != "know" and subj.lower_ != "you" \
        else None
    if pieces:
        return parenthetical(run, cue, subj, pieces)
    claim = stance(run, cue, subj) if lemma in STANCE_CUES else None
    if claim is None and (lemma not in STANCE_CUES or lemma in OBJECT_CUES and _holds_stance(run, cue, subj)):
        # "X opposes closing the plant" reads as a stance; "X opposes the deal" as its object.
        claim = reported_one(run, cue, lemma, subj)
    if claim is None:
        return []
    return [claim] + conjoined(run, claim, subj)


def _holds_stance(run: ClaimRun, cue: Token, subj: Token) -> bool:
    """"Senator Hale opposes the deal", "China and Russia support the government": a stance verb's object
    is a stance when its holder is a named person, organisation or country (or "he", "they") stating
    it; not "the fund will support 200 firms", "the grants support research" (what something does),
    nor the speaker's own "I support ..."."""
    if cue.dep_ in ("relcl", "acl", "amod", "csubj", "advcl") or any(
            c.dep_ == "aux" and c.lower_ in _ACTION_MODALS for c in cue.children):
        return False
    if cue.tag_ == "VBG" and (not any(c.dep_ == "aux" for c in cue.children)
                              or cue.i > 0 and cue.doc[cue.i - 1].tag_ in ("JJS", "RBS")):
        return False  # "a supporting role", "was best supporting actress": a participle, no one's stance
    return run.ent_at.get(subj.i) is not None and subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
        or subj.lower_ in ("he", "she", "they")


def _nothing_said(cue: Token, lemma: str) -> bool:
    """"has not said how much it will cost", "would not comment": a negated cue that says nothing."""
    if not any(c.dep_ == "neg" for c in cue.children):
        return False
    return lemma in UNSAID_WHEN_NEGATED or any(
        c.dep_ == "ccomp" and c.left_edge.lower_ in _QUESTION_WORDS for c in cue.children)


# A colon that opens a quotation.
_COLON_QUOTE = re.compile(r":\s*[\"“]")


def _before_quoting_colon(doc: Doc, text: str, found: tuple[int, int]) -> tuple[int, int]:
    """"says the space is special: “Perhaps I love museums ...”": reported content ends at a colon that
    opens a quote when a clause of its own (a verb with its subject) is before it; the quote after it is
    a claim of its own. Not "told BBC Radio: “...”" (only the addressee before the colon)."""
    start, end = found
    colon = _COLON_QUOTE.search(text, start, end)
    if colon is None:
        return start, end
    before = doc.char_span(start, colon.start(), alignment_mode="contract")
    if before is not None and any(t.pos_ in ("VERB", "AUX") and has_own_subject(t) for t in before):
        return start, colon.start()
    return start, end


def reported_one(run: ClaimRun, cue: Token, lemma: str, subj: Token) -> Claim | None:
    """One claim of a cue verb, by the first reading its parse allows."""
    doc = run.doc
    comps, comp = _complement(cue, lemma)
    if lemma in EVIDENCE_CUES and not _stated_finding(cue, comp, subj):
        if comp is not None or _document_finding(cue, subj) is None:
            return None
        reading = evidence_object
    else:
        reading = _reading_of(cue, lemma, comp)
    found = reading(doc, cue, lemma, comp, comps) if reading is not None else None
    if found is None:
        return None
    name = reading.rule.name
    # "called that suggestion “disgraceful”": the "that" of an object is its determiner, kept.
    first = doc.char_span(found[0], found[0] + 4)
    keep_that = name == OBJECT and first is not None and first[0].dep_ == "det"
    start, end = trim(run.text, *_before_quoting_colon(doc, run.text, found), strip_that=not keep_that)
    if end - start < 3 or len(run.text[start:end].split()) < 2 and name != OBJECT:
        return None
    speaker = run.resolver.resolve(subj)
    if name == DIRECTIVE and speaker.via == "description" and doc[cue.i + 1].pos_ == "PRON":
        # "One day he went to a lecturer's home. The lecturer asked him to help ...": a description
        # taken for the story's subject is most likely the one asked.
        return None
    return Claim.at_cue(cue, speaker, name, start, end)


def _complement(cue: Token, lemma: str) -> tuple[list[Token], Token | None]:
    """The cue's clausal complements and the one that is its content: a clause after the cue; one
    before it only when none follows; an intent cue's infinitive ("promised to ...")."""
    # "..., said a resident surnamed Lin": a naming participle parsed as a clause is the speaker's name.
    comps = [c for c in cue.children if c.dep_ == "ccomp" and not names_the_speaker(cue, c)]
    comp = next((c for c in comps if c.i > cue.i), comps[0] if comps else None)
    if lemma in INTENT_CUES and (comp is None or comp.i < cue.i):
        comp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), comp)
    return comps, comp


def _reading_of(cue: Token, lemma: str, comp: Token | None) -> Reading | None:
    if lemma in PHRASAL_CUES:
        if _phrasal_object(cue, lemma) is not None:
            return phrasal
        if lemma not in ALL_READ_CUES:
            return None  # a phrasal cue only: "pushed the door"
        # A cue of its own too: "ruled that ...", "spoke about the bill".
    framed = _framed_reading(cue, lemma)
    if framed is not None:
        return framed
    complement = _complement_reading(lemma, comp)
    if complement is not None:
        return complement
    if lemma in DIRECTIVE_CUES and _listener_and_infinitive(cue) is not None:
        return directive
    if _introduces_other_cue(cue, lemma):
        return introducing
    if lemma in OBJECT_CUES and (lemma not in SPEECH_CUES or _has_object(cue) or _object_parts(cue, lemma) is not None):
        # A speech cue with no object at all goes on to the clause it reports ("reported at the time that ...").
        return nominal_object
    if cue.dep_ == "parataxis" and cue.head.i < cue.i:
        return trailing
    if lemma in SPEECH_CUES:
        return loose_clause
    return None


def _complement_reading(lemma: str, comp: Token | None) -> Reading | None:
    """A cue of a clause, an intent or evidence with a complement: the clause it reports ("said that ..."),
    the infinitive of an intent ("vowed to ...") or the finding of evidence ("showed that ...")."""
    if comp is None or not (lemma in CLAUSE_CUES or lemma in INTENT_CUES or lemma in EVIDENCE_CUES):
        return None
    if comp.dep_ == "xcomp":
        return intent_clause
    return evidence_clause if lemma in EVIDENCE_CUES else clause


def _introduces_other_cue(cue: Token, lemma: str) -> bool:
    """"Noting that ..., X told ...": a cue with no object of its own before the cue it hangs on
    introduces what that one says."""
    return cue.dep_ in ("advcl", "parataxis") and cue.head.i > cue.i and bool(cue_lemma(cue.head)) \
        and lemma not in ADDRESSEE_CUES and not _has_object(cue)


def _framed_reading(cue: Token, lemma: str) -> Reading | None:
    """Cues whose content is not a complement of their own: "As X said, ..." (the clause the "as"-clause
    hangs on), "called it “a disgrace” to ..." (the name and the deed "it" stands for)."""
    if lemma in CLAUSE_CUES and _as_said_clause(cue) is not None:
        return as_said
    if lemma in NAMING_CUES and _extraposed_naming(cue) is not None:
        return naming_extraposed
    # "..., observed Lia Moor, who ...": the clause before the comma (the cue has no complement).
    return trailing if inverted_object_speaker(cue) is not None else None


# ---- the readings (rules) ----------------------------------------------------------------------

@rule(CLAUSE, confidence=0.8, examples=[
    ("Mayor Lena Ortiz said the new bridge will open in the spring.",
     {"speaker": "Lena Ortiz", "text": "the new bridge will open in the spring", "direct": False}),
    ("Ortiz Builders told the council on Monday that the bridge was safe.",
     {"text": "the bridge was safe"}),
    ("Bridge\n\nThe council has not said how much the bridge will cost.", None),
    ("Bridge\n\nMayor Lena Ortiz said no date had been set but the bridge would open in the spring.",
     {"speaker": "Lena Ortiz", "text": "no date had been set but the bridge would open in the spring"}),
    ("Inquiry\n\nSenator Ruth Hale said the police mishandled the inquiry and Senator Tom Reid accused them of lying.",
     {"speaker": "Ruth Hale", "text": "the police mishandled the inquiry"}),
    ("Talks\n\nNoting that both towns are growing fast, Mayor Tom Reid told his guest that the plan was sound.",
     {"speaker": "Tom Reid", "cue": "Noting", "text": "both towns are growing fast"}),
    ("Court\n\nThe Appeal Court ruled on Friday that the parking fee was unlawful.",
     {"speaker": "Appeal Court", "text": "the parking fee was unlawful", "cue": "ruled"}),
    ("Court\n\nThe referee Tom Reid ruled the goal offside.", None),
])
def clause(doc: Doc, cue: Token, lemma: str, comp: Token, comps: list[Token]) -> tuple[int, int]:
    """"X said (that) ...": the cue's clausal complement."""
    start, end = comp.left_edge.idx, end_of(comp.right_edge)
    # "said Tory plans to cut tax would cut deep": the parse split one clause in two.
    later = [c for c in comps if c.i > comp.i > cue.i]
    if later:
        end = end_of(later[-1].right_edge)
    more = _backshifted_conjunct(cue, comp) if comp.i > cue.i else None
    if more is not None:
        end = max(end, end_of(more.right_edge))
    end = _before_other_speaker(doc, cue, comp, end)
    if comp.i > cue.i and (comp.left_edge.i <= cue.i or lemma not in ADDRESSEE_CUES):
        start = _start_after_cue(doc, cue, comp, start)
    elif comp.i > cue.i and lemma in ADDRESSEE_CUES:
        start = _subject_taken_as_object(doc, cue, comp, start)
        start = _listener_glued_to_subject(doc, cue, start)
    return start, end


@rule(INTENT, confidence=0.8, examples=[
    ("Governor Ruth Mbeki promised to cut the fuel tax by half.",
     {"speaker": "Ruth Mbeki", "text": "to cut the fuel tax by half"}),
])
def intent_clause(doc: Doc, cue: Token, lemma: str, comp: Token, comps: list[Token]) -> tuple[int, int]:
    """"X promised to ...": an intent cue's infinitive."""
    return clause(doc, cue, lemma, comp, comps)


@rule(EVIDENCE, confidence=0.8, examples=[
    ("Turnout\n\nThe survey by Harlow University showed that turnout had risen sharply in the cities.",
     {"speaker": "Harlow University", "text": "turnout had risen sharply in the cities"}),
    ("Data\n\nProfessor Ken Adler showed how the data is processed.", None),
])
def evidence_clause(doc: Doc, cue: Token, lemma: str, comp: Token, comps: list[Token]) -> tuple[int, int]:
    """"the survey showed turnout had risen": an evidence cue's clause with its own subject."""
    return clause(doc, cue, lemma, comp, comps)


@rule(INTRODUCING, confidence=0.8, examples=[
    ("Bridge\n\nOrtiz said, pointing at the river, she thought the water was rising.",
     {"speaker": "Ortiz", "text": "pointing at the river, she thought the water was rising."}),
])
def introducing(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int]:
    """"X said, with 2024 marking ..., he hoped ...": the cue introduces the whole rest."""
    return doc[cue.i + 1].idx, end_of(cue.head.right_edge)


@rule(OBJECT, confidence=0.65, examples=[
    ("Senator Paul Grady denied the allegations of bribery on Tuesday.",
     {"speaker": "Paul Grady", "text": "the allegations of bribery on Tuesday"}),
    ("Senate\n\nPaul Grady denied it.", None),
    ("Senate\n\nSenator Paul Grady spoke about the new bill at length.", {"text": "about the new bill at length"}),
    ("Senate\n\nSenator Paul Grady spoke for about five minutes on Monday.", None),
    ("Exports\n\nFinance Minister Ana Ruiz pointed to the rise in exports as a sign of recovery.",
     {"speaker": "Ana Ruiz", "text": "the rise in exports as a sign of recovery"}),
    ("Hunt\n\nThe hunter Ana Ruiz pointed the gun at the deer.", None),
    ("Tax\n\nSenator Ruth Hale proposed a new tax on large fortunes.",
     {"speaker": "Ruth Hale", "text": "a new tax on large fortunes", "cue": "proposed"}),
    ("Debt\n\nFinance minister Tom Reid first proposed the idea earlier this week.", None),
    ("Trade\n\nSenator Ruth Hale has long opposed the trade deal with Japan.",
     {"speaker": "Ruth Hale", "text": "the trade deal with Japan", "cue": "opposed"}),
    ("Grants\n\nThe fund will support 200 small firms next year.", None),
    ("Airline\n\nThe carrier Skyway reported a drop in quarterly profit after fuel costs rose.",
     {"speaker": "Skyway", "text": "a drop in quarterly profit after fuel costs rose", "cue": "reported"}),
    ("Airline\n\nThe Harlow Times reported the story on Monday.", None),
    ("Tax\n\nSenator Ruth Hale has promised a veto of the bill.",
     {"speaker": "Ruth Hale", "text": "a veto of the bill", "cue": "promised"}),
    ("Fraud\n\nThe fraud e-mails lure people by promising them a cut of a larger pile of cash.", None),
    ("Race\n\nMayor Tom Reid called that remark \"shameful\" on Monday.",
     {"speaker": "Tom Reid", "text": "that remark \"shameful\" on Monday"}),
    ("Trade\n\nPresident Ana Ruiz has urged the member states to meet the challenges, pursue cooperation in green"
     " technology and build an open economy.",
     {"speaker": "Ana Ruiz", "cue": "urged",
      "text": "the member states to meet the challenges, pursue cooperation in green technology and build an open economy"}),
    ("Fuel\n\nMinister Tom Reid has urged member states to cut fuel taxes, Senator Ana Ruiz added.",
     {"speaker": "Tom Reid", "cue": "urged", "text": "member states to cut fuel taxes"}),
    ("Debate\n\nSenator Ruth Hale attacked the governor on Monday, calling him a \"total fraud\".",
     {"speaker": "Ruth Hale", "cue": "calling", "text": "him a \"total fraud\""}),
    ("Debate\n\nSenator Ruth Hale attacked the governor on Monday, calling him a \"total fraud\".",
     {"speaker": "Ruth Hale", "cue": "attacked", "text": "the governor on Monday"}),
    ("Names\n\nAs a boy, his friends called him Bob.", None),
    ("Whitehall\n\nLord Ruth Hale criticised the government, accusing it of wasting public money on consultants.",
     {"speaker": "Ruth Hale", "cue": "accusing", "text": "it of wasting public money on consultants"}),
    ("Bill\n\nSenator Ruth Hale has supported it for many years.", None),
    ("Hunting\n\nThe Harlow Party have called for a ban on fox hunting to be made law.",
     {"speaker": "Harlow Party", "text": "for a ban on fox hunting to be made law", "cue": "called"}),
])
def nominal_object(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"X denied the allegations", "X called the plan a gamble": the cue's object is the content."""
    parts = _object_parts(cue, lemma)
    if parts is None:
        return None
    quoted_name = next((n for c in parts if c.dep_ == "dobj" for n in [_named_in_quotes(c)] if n), None)
    if lemma in NAMING_CUES and quoted_name is None and not _names_something(parts, lemma):
        return None
    start = min(c.left_edge.idx for c in parts) if quoted_name is None else quoted_name.idx
    last = _object_end(cue, parts)
    bare = next((c for c in parts if c.dep_ == "prep" and not any(c.children) and c.i + 1 < len(doc)
                 and not doc[c.i + 1].is_punct), None)
    if bare is not None and last.i == bare.i:
        # "called for a ban on hunting to be made law": the parser left the preposition without its
        # object, hanging the rest on another verb; the content runs to the end of the cue's clause.
        last = cue.right_edge
        while last.i > bare.i and (last.is_punct or last.is_space):
            last = doc[last.i - 1]
        if last.i == bare.i:
            return None
    return start, end_of(last)


_AS_SAID_DEPS = ("nsubj", "mark", "advmod", "prep", "punct", "aux", "npadvmod")


@rule(AS_SAID, confidence=0.75, examples=[
    ("Homes\n\nAs Mayor Lena Ortiz said, the city should build more homes for young families.",
     {"speaker": "Lena Ortiz", "text": "the city should build more homes for young families", "cue": "said"}),
    ("Schools\n\nMore money for schools is needed, as the union leader Ana Ruiz urged.",
     {"speaker": "Ana Ruiz", "text": "More money for schools is needed", "cue": "urged"}),
    ("Party\n\nAs Ana Ruiz said goodbye, the crowd cheered.", None),
    ("Race\n\nHer father wept as he announced to the crowd that she had won.", None),
    ("Rates\n\nAs the banker Tom Reid told reporters, rates will stay low this year.",
     {"speaker": "Tom Reid", "text": "rates will stay low this year"}),
])
def as_said(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"As Premier Li said, the member states should ...", "..., as the minister urged": the clause the
    "as"-clause of a cue with no content of its own hangs on is what was said."""
    head = _as_said_clause(cue)
    if head is None:
        return None
    lo, hi = cue.left_edge.i, cue.right_edge.i
    if lo > head.i:
        return head.left_edge.idx, doc[lo - 1].idx + len(doc[lo - 1].text)
    first = hi + 1
    while first < head.right_edge.i and doc[first].is_punct:
        first += 1
    last = head.right_edge
    while last.i > first and last.is_punct:
        last = doc[last.i - 1]
    return doc[first].idx, end_of(last)


def _as_said_clause(cue: Token) -> Token | None:
    """The clause an "as X said" clause hangs on: the cue an adverbial clause marked by "as", with only its
    subject, adverbs and where or when it was said; the head a verb with a subject of its own."""
    if cue.dep_ not in ("advcl", "parataxis") or not _only_as_said(cue):
        return None
    head = cue.head
    if head.dep_ != "ROOT" or head.pos_ not in ("VERB", "AUX") or not has_own_subject(head) \
            or cue_lemma(head) is not None:
        return None
    return head if _set_off_by_comma(cue, head) else None


def _only_as_said(cue: Token) -> bool:
    """"as Premier Li said", "as she told reporters": the mark "as", the subject before the cue, and no
    content of the cue's own."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i for c in cue.children):
        return False
    lemma = cue_lemma(cue)
    if any(c.dep_ not in _AS_SAID_DEPS and not (c.dep_ == "dobj" and lemma in ADDRESSEE_CUES) for c in cue.children):
        return False
    return any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children)


def _set_off_by_comma(cue: Token, head: Token) -> bool:
    """The "as"-clause is set off by a comma from the clause it hangs on ("as he announced to the crowd:
    ..." without one tells when)."""
    doc = cue.doc
    lo, hi = cue.left_edge.i, cue.right_edge.i
    while hi > cue.i and doc[hi].is_punct and doc[hi].text != ",":
        hi -= 1
    if lo > head.i:
        return doc[lo - 1].text == ","
    return doc[hi].text == "," or hi + 1 < len(doc) and doc[hi + 1].text == ","


@rule(NAMING_EXTRAPOSED, confidence=0.7, examples=[
    ("Rights\n\nMayor Ana Ruiz called it \"a disgrace\" to close the library while building a stadium.",
     {"speaker": "Ana Ruiz", "cue": "called", "text": "a disgrace\" to close the library while building a stadium"}),
    ("Rights\n\nMayor Ana Ruiz called it a day.", None),
])
def naming_extraposed(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"called it “double standards” to downplay ...": the name given and the deed it names (the object
    "it" stands for the infinitive after the name)."""
    found = _extraposed_naming(cue)
    if found is None:
        return None
    name, deed = found
    return name.left_edge.idx, end_of(deed.right_edge)


def _extraposed_naming(cue: Token) -> tuple[Token, Token] | None:
    """The name ("oprd") and the infinitive or gerund after it of a naming cue whose object is "it"."""
    obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
    name = next((c for c in cue.rights if c.dep_ == "oprd"), None)
    if obj is None or obj.lower_ != "it" or name is None or name.i < obj.i:
        return None
    # The parse hangs the infinitive on the cue or, as a relative clause, on the name.
    deed = next((c for c in [*cue.rights, *name.rights] if c.i > name.i and c.dep_ in (
        "advcl", "xcomp", "ccomp", "relcl", "acl") and (c.tag_ == "VB" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children) or c.tag_ == "VBG" and c.head == cue)), None)
    return (name, deed) if deed is not None else None


@rule(DIRECTIVE, confidence=0.75, examples=[
    ("Court\n\nLawyer Maria Keller asked the court to dismiss the case against her client.",
     {"speaker": "Maria Keller", "text": "the court to dismiss the case against her client", "cue": "asked"}),
    ("Climate\n\nPresident Tom Okafor told his advisers to find a way to cut emissions.",
     {"speaker": "Tom Okafor", "text": "his advisers to find a way to cut emissions"}),
    ("Court\n\nMaria Keller asked the court for more time.", None),
    ("Vote\n\nThe union leader Maria Keller told members how to vote in the ballot.", None),
])
def directive(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"X asked the court to dismiss the case", "told his advisers to find a way": what the speaker
    asks of the listener, the listener and the infinitive."""
    found = _listener_and_infinitive(cue)
    if found is None:
        return None
    listener, infinitive = found
    last = max([infinitive.right_edge] + [c.right_edge for c in _infinitive_list(cue, [infinitive])], key=lambda t: t.i)
    return listener.left_edge.idx, end_of(last)


def _listener_and_infinitive(cue: Token) -> tuple[Token, Token] | None:
    """The listener (the cue's object) and the to-infinitive after it: "asked everyone to uphold"."""
    listener = next((c for c in cue.rights if c.dep_ in ("dobj", "dative")), None)
    if listener is None or listener.is_stop and listener.pos_ != "PRON":
        return None
    infinitive = next((c for c in cue.rights if c.dep_ in ("xcomp", "ccomp") and c.i > listener.i and c.tag_ == "VB"
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if infinitive is None or any(t.lower_ in _QUESTION_WORDS for t in cue.doc[listener.i + 1:infinitive.i]):
        return None  # "tell them how to vote": what they are told about, no request
    return listener, infinitive


@rule(PHRASAL, confidence=0.7, examples=[
    ("Aid\n\nForeign Minister Ana Ruiz also pushed for an immediate cease-fire and the delivery of aid.",
     {"speaker": "Ana Ruiz", "text": "an immediate cease-fire and the delivery of aid", "cue": "pushed"}),
    ("Aid\n\nAna Ruiz lashed out at the double standards of the rich countries.",
     {"speaker": "Ana Ruiz", "text": "the double standards of the rich countries"}),
    ("Rates\n\nBank governor Ana Ruiz did not rule out a further rate cut this year.",
     {"speaker": "Ana Ruiz", "text": "a further rate cut this year"}),
    ("Door\n\nAna Ruiz pushed the door open and walked in.", None),
    ("Roads\n\nThe Ministry of Transport has put forward a plan to pave rural roads.",
     {"speaker": "Ministry of Transport", "text": "a plan to pave rural roads", "cue": "put"}),
    ("Bid\n\nThe players have all spoken out against the takeover.", {"text": "the takeover", "cue": "spoken"}),
    ("Rail\n\nSenator Ruth Hale laid out her proposals for cheaper rail fares.",
     {"speaker": "Ruth Hale", "text": "her proposals for cheaper rail fares", "cue": "laid"}),
    ("Match\n\nCoach Tom Reid put forward two young players for the final.", None),
])
def phrasal(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"pushed for a cease-fire", "lashed out at the double standards", "did not rule out a rate cut": a
    verb that reports only with its particle or preposition (cue_phrasal.tsv)."""
    obj = _phrasal_object(cue, lemma)
    if obj is None:
        return None
    tail = [c for c in cue.rights if c.i > obj.i and c.dep_ in ("npadvmod", "prep") and obj.dep_ == "dobj"]
    return obj.left_edge.idx, end_of(max([obj.right_edge] + [c.right_edge for c in tail], key=lambda t: t.i))


def _phrasal_object(cue: Token, lemma: str) -> Token | None:
    """The content's head: the object of the listed preposition, or the cue's object after its particle."""
    # "put forward a plan": the parser may read the particle right after the verb as an adverb.
    particles = {c.lower_ for c in cue.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.i == cue.i + 1}
    for particle, prep, kind in PHRASAL_CUES[lemma]:
        if particle != "-" and not particles.intersection(particle.split(",")):
            continue
        if prep == "-":
            obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
        else:
            obj = next((o for p in cue.rights if p.dep_ == "prep" and p.lower_ in prep.split(",")
                        for o in p.children if o.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.pos_ == "PRON" or (obj.is_stop and obj.pos_ not in ("NOUN", "PROPN")):
            continue
        if kind == "proposal" and obj.lemma_.lower() not in PROPOSAL_NOUNS:
            continue  # "put forward two players", "laid out the clothes": nothing proposed
        return obj
    return None


def _has_object(cue: Token) -> bool:
    """"Though she called the plan reckless, she ...": the cue has its own object, it introduces nothing."""
    return any(c.dep_ in ("dobj", "oprd") and c.i > cue.i for c in cue.children)


def _object_end(cue: Token, parts: list[Token]) -> Token:
    """The last token of the object cue's content: its parts and what follows them, but not a
    participle cue after the object ("defended the remark, saying ...", "attacked the governor, calling him
    ...": it has its own content)."""
    first = min(p.i for p in parts)
    tail = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj") and c.i > first
            and not (c.dep_ == "advcl" and c.tag_ == "VBG" and cue_lemma(c) in CLAUSE_CUES | OBJECT_CUES)]
    return max((c.right_edge for c in parts + tail + _infinitive_list(cue, parts)), key=lambda t: t.i)


def _infinitive_list(cue: Token, parts: list[Token]) -> list[Token]:
    """"urged the states to cut tariffs, share data and build ...": bare
    verbs the parser conjoined to a cue that is not itself a bare verb continue the infinitive it reports."""
    if cue.tag_ == "VB" or not any(p.dep_ in ("xcomp", "ccomp") and p.tag_ == "VB" for p in parts):
        return []
    return [c for c in cue.rights if c.dep_ == "conj" and c.tag_ == "VB" and c.i > max(p.i for p in parts)
            and not has_own_subject(c) and cue_lemma(c) is None]


@rule(TRAILING, confidence=0.8, examples=[
    ("Cup\n\n“We will be back next year,” Ortiz said, and soon the crowd was cheering.",
     {"speaker": "Ortiz", "text": "We will be back next year"}),
])
def trailing(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int]:
    """"The market will grow, he said": the cue hangs off the clause it reports."""
    end = end_of(doc[cue.left_edge.i - 1]) if cue.left_edge.i > 0 else 0
    return cue.head.left_edge.idx, end


@rule(LOOSE, confidence=0.8, examples=[
    ("Prices\n\nThe company says in a statement that its profits will rise next year.",
     {"cue": "says", "text": "its profits will rise next year"}),
    ("Paper\n\nThe Harlow Times reported at the time that the editor had resigned.",
     {"cue": "reported", "text": "the editor had resigned"}),
    ("Bridge\n\nMayor Ana Ruiz wrote in an article published last month that the new bridge was a success.",
     {"speaker": "Ana Ruiz", "cue": "wrote", "text": "the new bridge was a success"}),
])
def loose_clause(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"says in a statement that ...", "said legalizing it could ..." parsed as xcomp: the clause of a
    speech verb the parser hung elsewhere."""
    return loose_content(cue, lemma)


# ---- helpers of the readings -------------------------------------------------------------------

def _before_other_speaker(doc: Doc, cue: Token, comp: Token, end: int) -> int:
    """"Republicans said the inquiry was mishandled and Democrats accused them of ...": the content ends
    before a conjoined cue verb with a subject of its own, another speaker's statement that the parse
    hung inside this one."""
    for t in comp.subtree:
        if t.i <= cue.i or t.dep_ != "conj" or t.pos_ != "VERB" or cue_lemma(t) is None:
            continue
        own = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        before = doc[t.left_edge.i - 1] if t.left_edge.i > comp.left_edge.i else None
        if own is None or not could_speak(own) or own.pos_ == "PRON" or before is None \
                or before.lower_ not in ("and", "but", "while", "whereas"):
            continue
        last = doc[before.i - 1]
        while last.i > cue.i and (last.is_punct or last.is_space):
            last = doc[last.i - 1]
        return min(end, end_of(last)) if last.i > cue.i else end
    return end


def _start_after_cue(doc: Doc, cue: Token, comp: Token, start: int) -> int:
    """The content runs from the cue on ("said AmCham China, with ..., looks forward": the parser may
    hang the clause's subject on the cue); "said at a press briefing on Monday that China ...",
    "said in its report that ...": the clause opens at its "that", what comes before it is where it
    was said."""
    start = doc[cue.i + 1].idx if comp.left_edge.i <= cue.i else min(
        [start] + [c.left_edge.idx for c in cue.rights if c.i < comp.i and c.dep_ in ("dobj", "prep", "npadvmod")])
    mark = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > cue.i), None)
    if mark is not None and mark.idx > start and not any(
            t.dep_ in ("nsubj", "nsubjpass") for t in doc[cue.i + 1:mark.i]):
        start = mark.idx
    return start


def _subject_taken_as_object(doc: Doc, cue: Token, comp: Token, start: int) -> int:
    """"told the BBC progress had been made": the parser reads "the BBC progress" as the object of
    "told", leaving the clause without its subject. The clause then starts at the object's head noun
    (after the listener's name), not at its verb."""
    if has_own_subject(comp):
        return start
    obj = next((c for c in cue.rights if c.dep_ == "dobj" and c.i == comp.left_edge.i - 1), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return start
    named = [t.i for t in obj.subtree if t.i < obj.i and (t.ent_type_ or t.pos_ in ("PROPN", "PRON"))]
    if named:
        first = max(named) + 1  # after the listener ("the BBC")
    else:
        # "told reporters rates would rise": the listener is a plain noun; keep the head noun and
        # the adjectives right before it.
        first = obj.i
        while first - 1 > cue.i and doc[first - 1].dep_ in ("amod", "nummod") and doc[first - 1].head == obj:
            first -= 1
    return min(start, doc[first].idx)


def _listener_glued_to_subject(doc: Doc, cue: Token, start: int) -> int:
    """"told the BBC progress had been made": the parser may make the listener a compound of the
    clause's subject ("BBC progress"). The content starts after the listener's name."""
    i = cue.i + 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i >= len(doc) or doc[i].idx < start or doc[i].ent_type_ not in ("ORG", "PERSON", "NORP", "GPE"):
        return start
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    if j < len(doc) and doc[j - 1].dep_ == "compound" and doc[j].pos_ in ("NOUN", "PROPN") and not doc[j].ent_type_:
        return doc[j].idx
    return start


def _object_parts(cue: Token, lemma: str) -> list[Token] | None:
    """The object, predicate and prepositional phrases an object cue reports, or None when they make
    no claim ("denied it", "estimated the damage" with no figure, "share the same goal")."""
    if _reads_no_object(cue, lemma):
        return None
    if lemma in _PREP_OBJECT_CUES:
        return [o for p in cue.rights if p.dep_ == "prep" and p.lower_ == _PREP_OBJECT_CUES[lemma]
                for o in p.children if o.dep_ == "pobj" and not (o.is_stop or o.pos_ == "PRON")] or None
    parts = [c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp") and lemma not in _TOPIC_CUES
             or c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and _topic_prep(c, lemma) or _marked_for(c, lemma)]
    if not parts or _bare_pronoun_object(parts, lemma):
        return None
    return parts if _reports_something(parts, lemma) else None


def _bare_pronoun_object(parts: list[Token], lemma: str) -> bool:
    """"denied it" says nothing; "called him a fraud" names him (not "called him Bob": his name); "accusing it
    of wasting public money", "dismissed it as nonsense" say what of him or it."""
    if not any(c.dep_ == "dobj" and (c.is_stop or c.pos_ == "PRON") for c in parts):
        return False
    if lemma in NAMING_CUES:
        return not any(c.dep_ == "oprd" and c.pos_ != "PROPN" for c in parts)
    return not any(_says_what_of(c) for c in parts)


def _says_what_of(prep: Token) -> bool:
    """"of being obsessed", "as nonsense", "for his handling of the floods": a preposition after the object
    with content of its own, not a time ("on Monday", "for years")."""
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "as", "for", "on"):
        return False
    obj = next((o for o in prep.children if o.dep_ in ("pobj", "pcomp")), None)
    return obj is not None and not obj.is_stop and obj.pos_ != "PRON" and obj.ent_type_ not in (
        "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY") and (len(list(obj.subtree)) >= 2 or prep.lower_ == "as")


def _reads_no_object(cue: Token, lemma: str) -> bool:
    """Object cues whose form says they report nothing here."""
    if lemma in _TOPIC_CUES and cue.tag_ == "VBG":
        return True  # "Speaking of the book, Stewart said ...": the topic of what comes next
    if lemma == "report" and cue.tag_ in ("VBG", "VBN") and not any(c.dep_ == "aux" for c in cue.children):
        return True  # "companies reporting capital gains", "profits reported to the tax office": filings
    return lemma in _COMMITTING and not _committed_by_speaker(cue)


def _committed_by_speaker(cue: Token) -> bool:
    """"Senator Hale promised a veto", "they pledged lower taxes": a promise of a named person, organisation
    or country (or he/she/they/we) with no one promised to ("promising them a cut" is a lure), not "a
    satellite promises the rapid return of samples" (what a thing offers)."""
    if any(c.dep_ == "dative" for c in cue.children) or cue.dep_ in ("relcl", "acl", "amod"):
        return False
    subj = subject(cue)
    return subj is not None and (subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                                 or subj.lower_ in ("he", "she", "they", "we") or subj.lower_ in ROLE_HEADS)


def _topic_prep(prep: Token, lemma: str) -> bool:
    """"spoke about the bill", "spoke of his flights": a topic; not "spoke for five minutes", "spoke against
    the backdrop of the museum", "spoke on Monday"."""
    if lemma not in _TOPIC_CUES:
        return True
    obj = next((o for o in prep.children if o.dep_ in ("pobj", "pcomp")), None)
    return prep.lower_ in _TOPIC_PREPS and obj is not None and obj.ent_type_ not in ("DATE", "TIME")


def _marked_for(clause_: Token, lemma: str) -> bool:
    """"called for compensation to be clawed back": the parser reads "for" as the mark of a clause."""
    first = clause_.left_edge
    return lemma == "call" and clause_.dep_ == "advcl" and first.lower_ == "for" and first.dep_ == "mark" \
        and first.head == clause_ and first.i == clause_.head.i + 1


def _reports_something(parts: list[Token], lemma: str) -> bool:
    if lemma in FIGURE_CUES and not any(t.like_num for c in parts for t in c.subtree):
        return False  # "estimated the damage": a figure is what makes it a claim
    if lemma in _COMMITTING and any(t.ent_type_ == "MONEY" for c in parts for t in c.subtree):
        return False  # "pledged $50 million": a sum, read by the facts
    if lemma in _ANNOUNCING and (any(t.ent_type_ == "MONEY" for c in parts for t in c.subtree)
                                 or not any(c.dep_ == "dobj" and _announced_thing(c) for c in parts)):
        return False  # "announced an investment of $60 million": a deal or a figure, read by events and facts
    if lemma in _PROPOSING and any(c.dep_ == "dobj" and _pointing_back(c) for c in parts):
        return False  # "proposed its development philosophy", "proposed the idea": what it points back to
    return lemma != "share" or any(c.dep_ == "dobj" and c.lemma_.lower() in SHARED_THINGS for c in parts)


def _pointing_back(obj: Token) -> bool:
    """"its development philosophy", "the idea": an object that is the subject's own or named before, with
    no phrase or clause saying what it is ("the establishment of a fund" says it)."""
    own = any(c.dep_ == "poss" for c in obj.children)
    pointing = any(c.dep_ == "det" and c.lower_ in _POINTING_WORDS for c in obj.children)
    return own or pointing and not any(c.dep_ in ("prep", "acl", "relcl") for c in obj.children)


def _announced_thing(obj: Token) -> bool:
    """"announced a review of murder laws", "announced new steps to cut tariffs": an object that says what
    is announced; not one that points back ("announced its budget", "this latest boost", "the pick")."""
    modified = any(c.dep_ in ("prep", "acl", "relcl", "amod", "compound", "nummod") for c in obj.children)
    pointing = any(c.dep_ in ("poss", "det") and c.lower_ in _POINTING_WORDS for c in obj.children)
    return modified and not pointing or any(c.dep_ in ("prep", "acl", "relcl") for c in obj.children)


def _names_something(parts: list[Token], lemma: str) -> bool:
    """A naming cue gives a name: "called the youth the future", "branded the plan a gamble" (object
    and name), "described it as ...", "called for ..."."""
    return any(c.dep_ in ("oprd", "xcomp") or c.lower_ == "as" or c.lower_ == "for" and lemma == "call"
               or _marked_for(c, lemma) or c.dep_ == "dobj" and _name_as_modifier(c)
               for c in parts) or sum(c.dep_ == "dobj" for c in parts) >= 2


def _name_as_modifier(obj: Token) -> bool:
    """"called the charges unsubstantiated", "called the claims unfounded": the parser hangs the name on
    the object as a participle or an adjective after it."""
    return any((c.dep_ == "acl" and c.tag_ == "VBN" or c.dep_ == "amod" and c.pos_ == "ADJ") and c.i == obj.i + 1
               and not list(c.lefts) for c in obj.children)


def _named_in_quotes(obj: Token) -> Token | None:
    """"called his plan “a leap in the dark”": the parse made the quoted name an apposition of the
    object; returns the name's first token."""
    doc = obj.doc
    for c in obj.children:
        if c.dep_ == "appos" and c.left_edge.i > obj.i:
            first = c.left_edge
            if first.text in QUOTE_MARKS:
                return doc[first.i + 1]
            if doc[first.i - 1].text in QUOTE_MARKS:
                return first
    return None


def _clause_as_object(obj: Token) -> bool:
    """"said the race will now be ...": the clause's subject parsed as the object, its verb as a
    modifier of it (no relative pronoun)."""
    return any(c.dep_ in ("relcl", "acl") and (c.tag_ in FINITE_TAGS or c.tag_ == "VB") and c.i > obj.i
               and not any(g.tag_ in ("WDT", "WP", "WRB") or g.lower_ == "that" for g in c.subtree if g.i < c.i)
               for c in obj.children)


def loose_content(cue: Token, lemma: str) -> tuple[int, int] | None:
    """The content after a speech verb whose clause the parser hung elsewhere ("says in a statement
    that ...", "said legalizing it could ..." parsed as xcomp): the rest of the sentence, when it
    holds a finite verb."""
    doc = cue.doc
    sent = cue.sent
    start_tok = _that_after_cue(cue, sent.end)
    if start_tok is None:
        start_tok = _clause_after_cue(cue, lemma)
    if start_tok is None:
        return None
    tail = doc[start_tok.i:sent.end]
    if not any(t.tag_ in FINITE_TAGS for t in tail if t.i > start_tok.i or start_tok.lower_ != "that"):
        return None
    if any(t.text in QUOTE_MARKS for t in doc[cue.i + 1:start_tok.i]):
        return None
    last = max((t for t in tail if not (t.is_punct or t.is_space)), key=lambda t: t.i, default=None)
    if last is None:
        return None
    return start_tok.idx, end_of(last)


def _that_after_cue(cue: Token, sent_end: int) -> Token | None:
    """A "that" marking a clause within ten words after the cue, with no verb and no quote before it."""
    after = [t for t in cue.doc[cue.i + 1:sent_end] if not t.is_space]
    for k, tok in enumerate(after[:10]):
        if tok.text in QUOTE_MARKS:
            return None
        if tok.lower_ == "that" and tok.dep_ == "mark" and not any(
                t.pos_ in ("VERB", "AUX") and not (t.tag_ == "VBN" and t.dep_ == "acl") for t in after[:k]):
            return tok
    return None


def _clause_after_cue(cue: Token, lemma: str) -> Token | None:
    """The first token of a clause after the cue: not an object ("wrote a column") nor an adverbial
    clause ("as Obama spoke")."""
    clause_ = next((c for c in cue.rights if c.dep_ in ("xcomp", "advcl", "ccomp") or c.dep_ == "dobj"
                    and lemma not in ADDRESSEE_CUES and _clause_as_object(c)), None)
    if clause_ is None or clause_.left_edge.i <= cue.i or any(c.dep_ in ("mark", "advmod") and c.i < clause_.i
                                                              for c in clause_.children):
        return None
    if any(t.dep_ in ("dobj", "dative") and t.i < clause_.i for t in cue.rights):
        return None
    return clause_.left_edge


@rule(EVIDENCE_OBJECT, confidence=0.7, examples=[
    ("Race\n\nThe latest poll by Harlow University shows Mayor Ortiz with a lead of six points.",
     {"speaker": "Harlow University", "text": "Mayor Ortiz with a lead of six points"}),
    ("Race\n\nPolls show a close contest in the state.", {"cue": "show", "text": "a close contest in the state"}),
    ("Race\n\nPolling averages show Mayor Reid with a lead in the low single digits.",
     {"cue": "show", "text": "Mayor Reid with a lead in the low single digits"}),
    ("Race\n\nThe table shows it.", None),
    ("Rents\n\nThe survey also showed a small rise in rents.", None),
    ("Museum\n\nThe guide showed the visitors the old hall.", None),
])
def evidence_object(doc: Doc, cue: Token, lemma: str, comp: Token | None, comps: list[Token]) -> tuple[int, int] | None:
    """"Polls show a close contest", "the study found 31 cases of fraud": what a poll, study or
    document shows, as a noun phrase."""
    obj = _document_finding(cue, subject(cue))
    if obj is None:
        return None
    parts = [obj] + [c for c in cue.rights if c.i > obj.i and c.dep_ in ("prep", "oprd", "xcomp", "ccomp")]
    return obj.left_edge.idx, end_of(max((c.right_edge for c in parts), key=lambda t: t.i))


def _document_finding(cue: Token, subj: Token | None) -> Token | None:
    """The object of "show"/"find" whose subject is a poll, study or report ("polls show a close
    contest"), not a person demonstrating something nor one thing shown to someone."""
    if not _document_reports(cue, subj):
        return None
    if any(c.dep_ == "dative" for c in cue.children) or sum(c.dep_ == "dobj" for c in cue.children) != 1:
        return None
    obj = next(c for c in cue.children if c.dep_ == "dobj")
    if obj.i < cue.i or obj.is_stop or obj.pos_ == "PRON":
        return None
    if _figure_found(obj):
        return None  # "the survey showed a small rise in rents", "found 31 cases": a figure, the facts' to read
    return obj


def _document_reports(cue: Token, subj: Token | None) -> bool:
    """The cue is the finite verb of a poll, study or report as subject ("polls show"), not a modifier
    ("the party a poll showed")."""
    return not (subj is None or subj.lemma_.lower() not in DOCUMENT_NOUNS or cue.dep_ in ("relcl", "acl", "amod")
                or cue.tag_ not in FINITE_TAGS and not any(c.dep_ == "aux" for c in cue.children))


def _figure_found(obj: Token) -> bool:
    """The object is a change or holds a number outside its own clauses: a figure, left to the facts."""
    clauses = [t.i for c in obj.children if c.dep_ in ("relcl", "acl") for t in c.subtree]
    return obj.lemma_.lower() in _CHANGE_NOUNS or any(t.like_num and t.i not in clauses for t in obj.subtree)


def _person_subject(subj: Token) -> bool:
    """A person or a personal pronoun as the subject shows or finds as a person does, not as a document."""
    return subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she", "i", "we", "they", "you")


def _stated_finding(cue: Token, comp: Token | None, subj: Token) -> bool:
    """"the survey showed turnout had risen", "the poll showed Lee leading": a clause after the cue
    with its own subject; not "find themselves prosecuted", "found it hard to ...", "the party a poll
    showed was gaining" (its subject moved away)."""
    if comp is None or comp.i < cue.i or subj.lower_ == "it" or cue.dep_ in ("relcl", "acl"):
        return False
    if _person_subject(subj):
        return False  # "Schwartz showed how the data is processed": a demonstration, not a finding
    if comp.left_edge.lower_ in ("how", "what", "whether", "why", "where", "when", "who"):
        return False  # an indirect question is no proposition
    if cue.tag_ == "VB" and not any(c.dep_ == "aux" for c in cue.children):
        return False  # "told the Breakfast with Frost show the money ...": a name, not a verb
    own = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return own is not None and own.lower_ != "it" and not own.lower_.endswith(("self", "selves"))


# ---- a cue inside its clause -------------------------------------------------------------------

@rule(PARENTHETICAL, confidence=0.8, examples=[
    ("Bridge\n\nThe vote, Ortiz said, would be close.",
     {"speaker": "Ortiz", "text": "The vote … would be close"}),
])
def parenthetical(run: ClaimRun, cue: Token, subj: Token, pieces: list[tuple[int, int]]) -> list[Claim]:
    """"One reason, she says, is that ...": the clause around the cue, one claim per piece."""
    text = run.text
    speaker = run.resolver.resolve(subj)
    out = []
    for start, end in pieces:
        start, end = trim(text, start, end)
        while end > start and text[end - 1] in ".!?":
            end -= 1
        if end > start:
            out.append(Claim.at_cue(cue, speaker, PARENTHETICAL, start, end))
    return out


def parenthetical_pieces(cue: Token) -> list[tuple[int, int]] | None:
    """"One reason, she says, is that ...", "The figures, the company said, were wrong": a cue set off
    by commas inside the clause it reports. The content is that clause without the cue: the part
    before the cue (kept when it holds the clause's subject, not for "Perhaps, he said, ...") and
    the part after it, as character ranges."""
    if cue.dep_ in ("parataxis", "advcl") and cue.head.i > cue.i and not cue_lemma(cue.head):
        found = _comma_parenthetical(cue)
    else:
        found = _subject_hung_on_cue(cue)
    if found is None:
        return None
    lead, after = found
    if after is None or not len(lead):
        return None
    pieces = []
    if any(t.dep_ in SUBJECT_DEPS + ("nsubjpass", "expl", "csubj") for t in lead):
        pieces.append((lead.start_char, lead.end_char))
    pieces.append(after)
    return pieces


def _comma_parenthetical(cue: Token):
    """", she says," inside the clause the cue hangs on: the clause before the commas and the rest."""
    doc = cue.doc
    clause_ = cue.head
    first, last = cue.left_edge.i, cue.right_edge.i
    if doc[first].text != ",":
        first -= 1
    if doc[last].text != ",":
        last += 1
    if first < 0 or last >= len(doc) or doc[first].text != "," or doc[last].text != ",":
        return None
    lead = doc[clause_.left_edge.i:first]
    after = (doc[last + 1].idx, end_of(clause_.right_edge)) if last + 1 <= clause_.right_edge.i else None
    return lead, after


def _subject_hung_on_cue(cue: Token):
    """The parse hung the clause's subject on the cue: "The figures, the company said, were ..."."""
    doc = cue.doc
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.i < cue.i]
    comp = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
    if len(subjects) < 2 or comp is None or comp.left_edge.i <= cue.i:
        return None
    gap = doc[subjects[0].right_edge.i + 1:subjects[-1].left_edge.i]
    if len(gap) != 1 or gap[0].text != ",":
        return None
    lead = doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1]
    return lead, (comp.left_edge.idx, end_of(comp.right_edge))


# ---- stance ------------------------------------------------------------------------------------

@rule(STANCE, confidence=0.8, examples=[
    ("Investor group Harbor Capital wants the exchange to buy back its shares.",
     {"speaker": "Harbor Capital", "text": "the exchange to buy back its shares"}),
    ("Thanks\n\nI want to thank everyone who came tonight.", None),
])
def stance(run: ClaimRun, cue: Token, subj: Token) -> Claim | None:
    """"X wants the exchange to buy back shares", "X opposes closing the plant": the infinitive
    or gerund clause after the cue is the content."""
    if cue.dep_ in ("relcl", "acl", "advcl", "amod", "csubj") or subj.lower_ in ("i", "we", "you"):
        # "voters who want to ...", "if you want to ...": a description, not a stance; "I want to
        # thank ...": a speaker's own words, not a reported stance.
        return None
    clause_ = _stance_clause(cue)
    if clause_ is None:
        return None
    start, end = trim(run.text, clause_.left_edge.idx, end_of(clause_.right_edge))
    if len(run.text[start:end].split()) < 2:
        return None
    return Claim.at_cue(cue, run.resolver.resolve(subj), STANCE, start, end)


def _stance_clause(cue: Token) -> Token | None:
    """The infinitive ("wants X to ...") or gerund ("opposes closing ...", not after "want") after the
    cue, with no object between."""
    clause_ = next((c for c in cue.rights if c.dep_ in ("xcomp", "ccomp") and c.left_edge.i > cue.i), None)
    if clause_ is None or clause_.lemma_ == "know" or any(c.dep_ in ("dobj", "dative") and c.i < clause_.i
                                                          for c in cue.rights):
        return None
    infinitive = clause_.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause_.children)
    return clause_ if infinitive or clause_.tag_ == "VBG" and cue.lemma_ != "want" else None


_REPORTED_MODALS = {"would", "could", "might", "should", "'d"}
_SPEAKING_PRONOUNS = {"he", "she", "they", "i", "we", "you"}


def _backshifted_conjunct(cue: Token, comp: Token) -> Token | None:
    """"said a decision had yet to be taken but the chancellor's role would be "central"": the parse hangs a
    second reported clause on the cue as its conjunct. A modal of reported speech (would, could, might),
    no cue of its own and no speaker as its subject mark it as more of what was said."""
    doc = cue.doc
    for c in cue.children:
        if c.dep_ != "conj" or c.i <= comp.right_edge.i or cue_lemma(c) is not None:
            continue
        if doc[comp.right_edge.i + 1].lower_ not in ("but", "and") or doc[comp.right_edge.i + 1].head != cue:
            return None
        if not any(a.dep_ == "aux" and a.lower_ in _REPORTED_MODALS for a in c.children):
            return None
        subj = own_subject(c)
        if subj is None or subj.lower_ in _SPEAKING_PRONOUNS or subj.ent_type_ == "PERSON":
            return None
        return c
    return None


# ---- cues conjoined inside the content ---------------------------------------------------------

@rule(CONJOINED, confidence=0.8, examples=[
    ("Detective Sam Booth told jurors he had met the suspect twice and told him about the reward.",
     {"speaker": "Sam Booth", "cue": "told", "text": "about the reward"}),
])
def conjoined(run: ClaimRun, claim: Claim, subj: Token) -> list[Claim]:
    """"X told jurors he met Y, told him about Z and had warned him W": cue verbs conjoined inside
    the content, without a subject of their own, report for the same speaker. Each becomes a claim
    with its own clause (or, when none reads, what follows the cue and its listener) and the first
    claim ends before them."""
    if claim.pattern == OBJECT or claim.cue is None:
        return []
    doc, text = run.doc, run.text
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is None:
        return []
    found = [(t, before) for t in span for before in [_conjoined_cue(run, claim, subj, span, t)] if before is not None]
    if not found:
        return []
    run.consumed.update(t.i for t, _ in found)
    out = []
    stops = [before.i for _, before in found] + [span.end]
    for k, (t, _before) in enumerate(found):
        sub = _conjoined_claim(run, claim, subj, t, stops[k + 1])
        if sub is not None:
            out.append(sub)
    first_stop = doc[found[0][1].i - 1]
    claim.extent = (claim.start, claim.end)
    claim.start, claim.end = trim(text, claim.start, min(claim.end, end_of(first_stop)))
    return out


def _conjoined_cue(run: ClaimRun, claim: Claim, subj: Token, span, t: Token) -> Token | None:
    """When `t` is a cue conjoined in the content for the same speaker: the "and", "but" or comma before it."""
    doc = run.doc
    if not _conjoinable(doc, t) or t.i <= claim.cue.i or t.i in run.consumed or has_own_subject(t):
        return None
    left = t.left_edge.i if t.left_edge.i < t.i and all(
        doc[k].dep_ in ("aux", "neg", "advmod") for k in range(t.left_edge.i, t.i)) else t.i
    before = doc[left - 1] if left > span.start else None
    if before is None or before.lower_ not in ("and", "but", ","):
        return None
    return before if _same_speaker(run, claim, subj, t) else None


def _conjoinable(doc: Doc, t: Token) -> bool:
    """A finite verb conjunct or clause that is a cue ("and told him ..."), or a participle cue after a
    comma ("..., telling reporters that ...": the speaker's next statement too)."""
    participle = t.tag_ == "VBG" and t.dep_ in ("advcl", "conj", "xcomp") and doc[t.i - 1].text == ","
    if not (t.dep_ in ("conj", "ccomp") and t.tag_ in ("VBD", "VBZ", "VBP", "VBN") or participle):
        return False
    lemma = cue_lemma(t)
    return t.pos_ == "VERB" and (lemma in CLAUSE_CUES or t.dep_ == "conj" and lemma in OBJECT_CUES)


def _same_speaker(run: ClaimRun, claim: Claim, subj: Token, t: Token) -> bool:
    """"said the minister met voters and told them ...": the minister told, unless the clause's subject
    is the speaker again ("he", the same name)."""
    owner = subject(t)
    if owner is None and t.dep_ == "ccomp":
        # A second clause of the cue: it shares the subject of the clause before it.
        prev = [c for c in t.head.children if c.dep_ == "ccomp" and c.i < t.i]
        owner = own_subject(prev[-1]) if prev else None
    if owner is None or owner.i == subj.i or not could_speak(owner):
        return True
    ent = run.ent_at.get(owner.i)
    same = run.resolver.resolve(owner).entity_id if owner.pos_ == "PRON" else ent.kb_id_ if ent else None
    return not (same is None or claim.speaker is None or same != claim.speaker.entity_id)


def _conjoined_claim(run: ClaimRun, claim: Claim, subj: Token, t: Token, stop_at: int) -> Claim | None:
    """The claim of the conjoined cue `t`, its content ending before token `stop_at`."""
    doc = run.doc
    sub = reported_one(run, t, cue_lemma(t), subj)
    hi = end_of(doc[stop_at - 1])
    if sub is None:
        # "told him about the changes": what follows the cue and its listener.
        first = t.i + 1
        while first < stop_at and (doc[first].pos_ == "PRON" or doc[first].is_punct):
            first += 1
        if first >= stop_at:
            return None
        sub = Claim.at_cue(t, claim.speaker, CONJOINED, doc[first].idx, hi)
    sub.start, sub.end = trim(run.text, sub.start, min(sub.end, hi))
    sub.speaker = claim.speaker
    return sub if sub.end > sub.start else None
