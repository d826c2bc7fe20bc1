"""`cooptool_claims`: who said what — direct quotes and reported speech, speakers resolved.

Runs after `cooptool_entities` and `cooptool_affiliations` and reads what they left on the Doc.
Patterns of news wording:

- reported speech and stated beliefs: a cue verb with a subject and a clausal complement, the cue
  before or after it ("Hart said AmCham China looks forward to ...", "Prices will rise, the company
  warned"), or a nominal one for cues that take it ("Chen summarized the foundation ...",
  "X called the youth ...", "X hoped for ...");
- "According to X, ..." and "..., according to X";
- direct quotes attributed by a cue in or next to the quote's sentence, the speaker after, before
  or in the middle ("“A,” she said. “B.”"); quotes over several paragraphs; a quote-only
  paragraph after a paragraph that introduced its speaker ("He said:");
- transcripts and lists: "NAME: ..." paragraphs, "“...” — NAME".

Sets `doc._.claims`: plain dicts (see `records.schema.json#/$defs/claim`). Offsets are character
offsets into `doc_text(doc)`, which equals the file text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from cooptool.extract import lexicon
from cooptool.extract.components.doctext import doc_text
from cooptool.extract.components.quotes import Quote, find_quotes
from cooptool.extract.components.speakers import DOCUMENT_NOUNS, ORG_NOUNS, SPOKES, Speaker, SpeakerResolver
from cooptool.extract.components.stances import ATTITUDE_ADJECTIVES, attitude_adjective, in_someones_view
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.rules import confidence as rule_confidence

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
if not Doc.has_extension("affiliations"):
    Doc.set_extension("affiliations", default=None)

# Cue verbs by lemma and class: extract/data/lexicon/cue_verbs.tsv (its header says what each class means).
CLAUSE_CUES = lexicon.where("cue_verbs", 1, "clause")
QUOTE_ONLY_CUES = lexicon.where("cue_verbs", 1, "quote-only")
OBJECT_CUES = lexicon.where("cue_verbs", 1, "object")
FIGURE_CUES = lexicon.where("cue_verbs", 1, "figure")
NAMING_CUES = lexicon.where("cue_verbs", 1, "naming")
UNSAID_WHEN_NEGATED = lexicon.where("cue_verbs", 1, "unsaid-when-negated")
INTENT_CUES = lexicon.where("cue_verbs", 1, "intent")
STANCE_CUES = lexicon.where("cue_verbs", 1, "stance")
ADDRESSEE_CUES = lexicon.where("cue_verbs", 1, "addressee")
EVIDENCE_CUES = lexicon.where("cue_verbs", 1, "evidence")
SPEECH_CUES = lexicon.where("cue_verbs", 1, "speech")
_NESTABLE_CUES = lexicon.where("cue_verbs", 1, "nestable")
ALL_CUES = CLAUSE_CUES | OBJECT_CUES | INTENT_CUES | STANCE_CUES | QUOTE_ONLY_CUES | EVIDENCE_CUES
QUOTE_CUES = CLAUSE_CUES | QUOTE_ONLY_CUES
OBJECT_PREPS = {"for", "of", "about", "against", "on", "as"}
# What may be shared as a statement ("shared their views"), unlike "share the same goal".
SHARED_THINGS = frozenset("""experience experiences view views thought thoughts insight insights story stories
vision opinion opinions perspective perspectives idea ideas concern concerns plan plans finding findings
expertise practice practices lesson lessons outlook assessment analysis""".split())
_IRREGULAR = {"told": "tell", "wrote": "write", "thought": "think", "said": "say", "says": "say",
              "felt": "feel", "knew": "know", "hoped": "hope", "hopes": "hope", "hoping": "hope"}
# Nouns of statement that report their that-clause for their owner ("her claim that ...").
STATEMENT_NOUNS = lexicon.words("statement_nouns")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Labels of web pages that look like "NAME: text" but name no speaker.
WEB_LABELS = lexicon.words("web_labels")
QUOTE_MARKS = set("\"“”„«»") | {"''"}  # the token of two apostrophes typed for a double mark


def cue_lemma(tok: Token) -> str | None:
    """The cue verb a token is a form of, or None; tolerant of the lemmatizer's slips ("hoped" -> "hop")."""
    low = tok.lower_
    for form in (tok.lemma_.lower(), _IRREGULAR.get(low), low, low[:-1], low[:-2], low[:-3], low[:-3] + "e",
                 low[:-2] + "y" if low.endswith("ied") else None):
        if form and form in ALL_CUES:
            return form
    return None
SUBJECT_DEPS = ("nsubj",)
CONTINUATION_PRONOUNS = frozenset("this that these those".split())
_EDGE_PUNCT = set(" \t\n,;:—–-")
_DASHES = ("—", "–", "―", "-")

CONFIDENCE = {"reported": 0.8, "object": 0.65, "according": 0.8, "quote": 0.9, "quote-inherited": 0.7,
              "transcript": 0.7, "dash": 0.75}


def _subject_taken_as_object(doc: Doc, cue: Token, comp: Token, start: int) -> int:
    """"told the BBC progress had been made": the parser reads "the BBC progress" as the object of
    "told", leaving the clause without its subject. The clause then starts at the object's head noun
    (after the listener's name), not at its verb."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children):
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


@dataclass
class Claim:
    start: int
    end: int
    cue: Token | None
    cue_text: str
    cue_start: int
    cue_end: int
    speaker: Speaker | None
    pattern: str
    direct: bool = False
    quotes: list[int] = field(default_factory=list)
    pieces: list[tuple[int, int]] = field(default_factory=list)  # a quote split by its cue: each part
    # The content before conjoined cues were split off it ("said A and called for B"): what may nest in it.
    extent: tuple[int, int] | None = None


def _trim(text: str, start: int, end: int, strip_that: bool = True) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1].isspace()):
        end -= 1
    if strip_that and text[start:start + 5].lower() == "that " and end - start > 8:
        start += 5
    return start, end


def _subject(cue: Token) -> Token | None:
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # "The figures, the company said, were wrong": the parser may hang the reported clause's
        # subject on the cue too; the speaker is the subject nearest before the cue.
        before = [c for c in subjects if c.i < cue.i]
        return before[-1] if before else subjects[0]
    # "X said ... and added ...", "X arrived and said ...": a verb conjunct shares the subject.
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX") and cue.head.i < cue.i:
        subj = _subject(cue.head) if cue_lemma(cue.head) else next(
            (c for c in cue.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return subj
    # "..., Trump said, adding ...": a participle takes the subject of the clause it hangs on.
    if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj") and cue.head.i < cue.i:
        subj = next((c for c in cue.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return subj
    if cue.tag_ == "VB" and cue_lemma(cue) in CLAUSE_CUES | EVIDENCE_CUES and (
            cue.dep_ == "xcomp" or cue.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)):
        # "X continued to argue ...", "X went on to insist ...", "X took to Twitter to say ...": the subject
        # of the verb the infinitive completes, unless that verb has an object who is the one to
        # speak ("urged voters to say no").
        # Not a statement yet to be made or withheld ("is expected to outline", "will have to show",
        # "refused to say").
        verb = cue.head
        chain = [verb]
        while verb.dep_ in ("acomp", "xcomp") and verb.head.i != verb.i and not any(
                c.dep_ in SUBJECT_DEPS for c in verb.children):
            verb = verb.head
            chain.append(verb)
        if not any(c.dep_ in ("dobj", "dative") for c in verb.children) and not any(
                v.lemma_.lower() in UNSAID_FRAMES or v.tag_ == "MD" or v.lower_ == "going" for v in chain):
            subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ != "it":  # "it is too early to say"
                return subj
    if cue.tag_ == "VBG":
        participle_subject = _participle_subject(cue)
        if participle_subject is not None:
            return participle_subject
    return _adjacent_subject(cue)


# Verbs whose object receives a message ("emailed supporters saying ..."): the sender speaks.
SENDING_VERBS = frozenset("email text write send message tell address brief remind alert".split())


# Verbs that frame a statement not (yet) made: "expected to say", "has to show", "declined to say",
# "is to tell" (and "going to say", not "went on to say").
UNSAID_FRAMES = frozenset("""expect plan have need want intend hope schedule due set ready able refuse decline
fail try prepare seek aim wish likely unlikely be""".split())


def _participle_subject(cue: Token) -> Token | None:
    """Who speaks in a participle cue the parse left without a subject: "voters saying they want ...",
    "emails with aides suggesting ..." (the noun it describes); "issued a statement saying ...",
    "emailed supporters saying ..." (who issued or sent it); "After saying that ..., Lee left", "in addition to stating that ..." (the subject of
    the verb the phrase hangs on)."""
    head = cue.head
    if cue.dep_ == "acl" and head.i < cue.i and head.pos_ in ("NOUN", "PROPN"):
        if head.dep_ in ("dobj", "dative") and head.head.pos_ == "VERB" and (
                head.lemma_.lower() in DOCUMENT_NOUNS | {"message", "tweet", "post", "email", "note"}
                or head.head.lemma_.lower() in SENDING_VERBS):
            return next((c for c in head.head.children if c.dep_ in SUBJECT_DEPS), None)
        return head
    if cue.dep_ == "pcomp":
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # Tokens are not singletons
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and verb.i != cue.i:
            return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return None


def _adjacent_subject(cue: Token) -> Token | None:
    """When the parse lost the subject: a name or pronoun right before (or, inverted, right after) the cue."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ == "ADV":
        j -= 1
    if j >= 0 and doc[j].pos_ in ("PROPN", "PRON") and not doc[j].is_punct and doc[j].lower_ not in (
            "it", "that", "which", "what", "this", "there"):
        return doc[j]
    k = cue.i + 1
    if k < len(doc) and doc[k].ent_type_ == "PERSON" and cue.i > 0 and doc[cue.i - 1].text in (",", "”", '"'):
        return doc[k]
    # "..., Peter Grant, chairman of Grant Energy, said": the parse lost the name before the apposition.
    if j >= 0 and doc[j].text == ",":
        k = j - 1
        while k > cue.sent.start and j - k < 15 and doc[k].text != "," and doc[k].pos_ not in ("VERB", "AUX"):
            k -= 1
        if k > cue.sent.start and doc[k].text == "," and doc[k - 1].ent_type_ in ("PERSON", "ORG") \
                and any(t.lower_ in ROLE_HEADS for t in doc[k + 1:j]):
            return doc[k - 1]
    return None


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


def _quote_cue_subject(cue: Token) -> Token | None:
    """The speaker of a cue right before a quote when the parse lost its subject: "a man yelled
    “...”" read as a reduced relative clause of "man", "Jo Lee (D-NY) said “...”" with the name
    before a parenthesis."""
    doc = cue.doc
    if cue.dep_ in ("acl", "relcl") and cue.head.i == cue.i - 1 and cue.tag_ == "VBD" and cue.head.pos_ in (
            "NOUN", "PROPN"):
        return cue.head
    j = cue.i - 1
    if j > 0 and doc[j].text == ")":
        opening = next((k for k in range(j - 1, max(-1, j - 8), -1) if doc[k].text == "("), None)
        if opening is not None and opening > 0 and doc[opening - 1].pos_ == "PROPN":
            return doc[opening - 1]
    if j >= 0 and doc[j].text in QUOTE_MARKS | {","} and cue.i + 1 < len(doc):
        # "“...,” read one.": the inverted speaker parsed as the object.
        after = next((c for c in cue.rights if c.dep_ in ("dobj", "attr", "nsubj")), None)
        if after is not None and after.left_edge.i == cue.i + 1 and after.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return after
    if cue.tag_ == "VBG":
        # "X shared the news, writing “...”", "X ended by saying “...”": the participle's subject
        # is the one of the verb it hangs on.
        verb = cue.head.head if cue.dep_ == "pcomp" else cue.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.i < cue.i:
            return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return None


def _parenthetical_pieces(cue: Token) -> list[tuple[int, int]] | None:
    """"One reason, she says, is that ...", "The figures, the company said, were wrong": a cue set off
    by commas inside the clause it reports. The content is that clause without the cue: the part
    before the cue (kept when it holds the clause's subject, not for "Perhaps, he said, ...") and
    the part after it, as character ranges."""
    doc = cue.doc
    if cue.dep_ in ("parataxis", "advcl") and cue.head.i > cue.i and not cue_lemma(cue.head):
        clause = cue.head
        first, last = cue.left_edge.i, cue.right_edge.i
        if doc[first].text != ",":
            first -= 1
        if doc[last].text != ",":
            last += 1
        if first < 0 or last >= len(doc) or doc[first].text != "," or doc[last].text != ",":
            return None
        lead = doc[clause.left_edge.i:first]
        after = (doc[last + 1].idx, clause.right_edge.idx + len(clause.right_edge.text)) \
            if last + 1 <= clause.right_edge.i else None
    else:
        # The parse hung the clause's subject on the cue: "The figures, the company said, were ...".
        subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.i < cue.i]
        comp = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
        if len(subjects) < 2 or comp is None or comp.left_edge.i <= cue.i:
            return None
        gap = doc[subjects[0].right_edge.i + 1:subjects[-1].left_edge.i]
        if len(gap) != 1 or gap[0].text != ",":
            return None
        lead = doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1]
        after = (comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text))
    if after is None or not len(lead):
        return None
    pieces = []
    if any(t.dep_ in SUBJECT_DEPS + ("nsubjpass", "expl", "csubj") for t in lead):
        pieces.append((lead.start_char, lead.end_char))
    pieces.append(after)
    return pieces


def _titled_appositive(doc: Doc, at: int, sent_end: int) -> tuple[int, Token] | None:
    """", The Long Game by Ann Fry," at token `at`: a title and its author set off by commas, with no
    verb. Returns the token index after the closing comma and the author's head token."""
    if at >= sent_end or doc[at].text != ",":
        return None
    close = next((k for k in range(at + 1, min(sent_end, at + 16)) if doc[k].text == ","), None)
    if close is None or close - at < 4:
        return None
    inner = doc[at + 1:close]
    if not inner[0].is_title or any(t.pos_ in ("VERB", "AUX") or t.tag_ in FINITE_TAGS for t in inner):
        return None
    by = next((t for t in inner if t.lower_ == "by"), None)
    if by is None or by.i + 1 >= close:
        return None
    names = [t for t in doc[by.i + 1:close] if t.ent_type_ in ("PERSON", "ORG")]
    if not names:
        return None
    return close + 1, names[-1]


def _clause_as_object(obj: Token) -> bool:
    """"said the race will now be ...": the clause's subject parsed as the object, its verb as a
    modifier of it (no relative pronoun)."""
    return any(c.dep_ in ("relcl", "acl") and c.tag_ in FINITE_TAGS | {"VB"} and c.i > obj.i
               and not any(g.tag_ in ("WDT", "WP", "WRB") or g.lower_ == "that" for g in c.subtree if g.i < c.i)
               for c in obj.children)


def _loose_content(cue: Token, lemma: str) -> tuple[int, int] | None:
    """The content after a speech verb whose clause the parser hung elsewhere ("says in a statement
    that ...", "said legalizing it could ..." parsed as xcomp): the rest of the sentence, when it
    holds a finite verb."""
    doc = cue.doc
    sent = cue.sent
    after = [t for t in doc[cue.i + 1:sent.end] if not t.is_space]
    start_tok = None
    for k, tok in enumerate(after[:10]):
        if tok.text in QUOTE_MARKS:
            break
        if tok.lower_ == "that" and tok.dep_ == "mark" and not any(t.pos_ in ("VERB", "AUX") for t in after[:k]):
            start_tok = tok
            break
    if start_tok is None:
        # A clause, not an object ("wrote a column") nor an adverbial one ("as Obama spoke").
        clause = next((c for c in cue.rights if c.dep_ in ("xcomp", "advcl", "ccomp") or c.dep_ == "dobj"
                       and lemma not in ADDRESSEE_CUES and _clause_as_object(c)), None)
        if clause is None or clause.left_edge.i <= cue.i or any(c.dep_ in ("mark", "advmod") and c.i < clause.i
                                                                  for c in clause.children):
            return None
        if any(t.dep_ in ("dobj", "dative") and t.i < clause.i for t in cue.rights):
            return None
        start_tok = clause.left_edge
    tail = doc[start_tok.i:sent.end]
    if not any(t.tag_ in FINITE_TAGS for t in tail if t.i > start_tok.i or start_tok.lower_ != "that"):
        return None
    if any(t.text in QUOTE_MARKS for t in doc[cue.i + 1:start_tok.i]):
        return None
    last = max((t for t in tail if not (t.is_punct or t.is_space)), key=lambda t: t.i, default=None)
    if last is None:
        return None
    return start_tok.idx, last.idx + len(last.text)


def _stated_finding(cue: Token, comp: Token | None, subj: Token) -> bool:
    """"the survey showed turnout had risen", "the poll showed Lee leading": a clause after the cue
    with its own subject; not "find themselves prosecuted", "found it hard to ...", "the party a poll
    showed was gaining" (its subject moved away)."""
    if comp is None or comp.i < cue.i or subj.lower_ == "it" or cue.dep_ in ("relcl", "acl"):
        return False
    if subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she", "i", "we", "they", "you"):
        return False  # "Schwartz showed how the data is processed": a demonstration, not a finding
    if comp.left_edge.lower_ in ("how", "what", "whether", "why", "where", "when", "who"):
        return False  # an indirect question is no proposition
    if cue.tag_ == "VB" and not any(c.dep_ == "aux" for c in cue.children):
        return False  # "told the Breakfast with Frost show the money ...": a name, not a verb
    own = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return own is not None and own.lower_ != "it" and not own.lower_.endswith(("self", "selves"))


class ClaimExtractor:
    def __init__(self, nlp: Language, name: str, max_quote_gap: int = 12):
        self.name = name
        self.max_quote_gap = max_quote_gap

    # ---- main -------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.claims = self.extract(doc)
        except Exception:  # noqa: BLE001 - one odd document must never stop a batch
            doc._.claims = []
        return doc

    def extract(self, doc: Doc) -> list[dict]:
        text = doc_text(doc)
        quotes = find_quotes(text)
        resolver = self._resolver = SpeakerResolver(doc, quotes)
        self._consumed: set[int] = set()  # cue tokens already taken as conjoined cues
        quote_of = resolver.quote_of
        claims: list[Claim] = []

        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                claims += self._according(doc, tok, resolver)
            elif tok.pos_ in ("VERB", "AUX") and (lemma := cue_lemma(tok)) is not None and lemma not in QUOTE_ONLY_CUES \
                    and tok.i not in self._consumed:
                claims += self._reported(doc, tok, lemma, resolver, quote_of)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in STATEMENT_NOUNS:
                claims += self._noun_cue(doc, tok, resolver, quote_of)
            elif tok.lower_ == "in":
                claims += in_someones_view(doc, tok, resolver, Claim)
            elif tok.pos_ == "ADJ" and tok.lower_ in ATTITUDE_ADJECTIVES:
                claims += attitude_adjective(doc, tok, resolver, Claim)
        claims = self._drop_nested(claims)
        # A cue inside a quote is the quoted speaker's report; it stays unless the quote is attributed.
        nested = [c for c in claims if quote_of.get(c.cue.i if c.cue is not None else -1) is not None]
        claims = [c for c in claims if c not in nested]
        claims = self._snap_to_quotes(text, claims, quotes)
        for c in self._transcripts(doc, claims):
            c.quotes = [i for i, q in enumerate(quotes) if q.start < c.end and c.start < q.end]
            claims.append(c)
        claims += self._quote_claims(doc, quotes, claims, resolver)
        claims += [c for c in nested if not any(o.start <= c.cue_start < o.end for o in claims)]
        claims.sort(key=lambda c: (c.start, c.end))
        claims = self._join_continuations(doc, claims)
        claims += self._conjoined_speakers(doc, claims, resolver)
        claims.sort(key=lambda c: (c.start, c.end))
        claims = self._join_quote_pieces(claims)
        return [self._record(doc, c) for c in claims if c.end > c.start]

    # ---- reported speech ----------------------------------------------------------------------

    def _reported(self, doc: Doc, cue: Token, lemma: str, resolver: SpeakerResolver, quote_of) -> list[Claim]:
        subj = _subject(cue)
        if subj is not None and subj.lower_ in ("who", "that", "which") and cue.dep_ == "relcl":
            subj = cue.head  # "voters who say ..."
        if subj is None or subj.lower_ in ("that", "which", "who", "this", "what"):
            return []
        if (subj.i in quote_of) != (cue.i in quote_of):
            return []
        if any(c.dep_ == "neg" for c in cue.children) and (lemma in UNSAID_WHEN_NEGATED or any(
                c.dep_ == "ccomp" and c.left_edge.lower_ in ("how", "whether", "if", "what", "when", "why", "who")
                for c in cue.children)):
            return []  # "has not said how much it will cost", "would not comment": nothing was said
        # Not the discourse markers "you know", "I mean".
        pieces = _parenthetical_pieces(cue) if lemma in CLAUSE_CUES and lemma != "know" and subj.lower_ != "you" \
            else None
        if pieces:
            text = doc_text(doc)
            speaker = resolver.resolve(subj)
            out = []
            for start, end in pieces:
                start, end = _trim(text, start, end)
                while end > start and text[end - 1] in ".!?":
                    end -= 1
                if end > start:
                    out.append(Claim(start, end, cue, cue.text, cue.idx, cue.idx + len(cue.text), speaker, "reported"))
            return out
        if lemma in STANCE_CUES:
            claim = self._stance(doc, cue, resolver, subj)
        else:
            claim = self._reported_one(doc, cue, lemma, resolver, subj)
        if claim is None:
            return []
        return [claim] + self._conjoined(doc, claim, subj, resolver)

    def _conjoined(self, doc: Doc, claim: Claim, subj: Token, resolver: SpeakerResolver) -> list[Claim]:
        """"X told jurors he met Y, told him about Z and had warned him W": cue verbs conjoined inside
        the content, without a subject of their own, report for the same speaker. Each becomes a claim
        with its own clause and the first claim ends before them."""
        if claim.pattern != "reported" or claim.cue is None:
            return []
        text = doc_text(doc)
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None:
            return []
        found = []
        for t in span:
            # "..., telling reporters that ...": a participle cue after a comma is the speaker's next
            # statement too.
            participle = t.tag_ == "VBG" and t.dep_ in ("advcl", "conj", "xcomp") and doc[t.i - 1].text == ","
            if not (t.dep_ in ("conj", "ccomp") and t.tag_ in ("VBD", "VBZ", "VBP", "VBN") or participle) \
                    or cue_lemma(t) not in (CLAUSE_CUES | OBJECT_CUES if t.dep_ == "conj" else CLAUSE_CUES) \
                    or t.pos_ != "VERB" or t.i <= claim.cue.i or t.i in self._consumed:
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
                continue
            left = t.left_edge.i if t.left_edge.i < t.i and all(
                doc[k].dep_ in ("aux", "neg", "advmod") for k in range(t.left_edge.i, t.i)) else t.i
            before = doc[left - 1] if left > span.start else None
            if before is None or before.lower_ not in ("and", "but", ","):
                continue
            owner = _subject(t)
            if owner is None and t.dep_ == "ccomp":
                # A second clause of the cue: it shares the subject of the clause before it.
                prev = [c for c in t.head.children if c.dep_ == "ccomp" and c.i < t.i]
                owner = next((c for c in prev[-1].children if c.dep_ in SUBJECT_DEPS), None) if prev else None
            if owner is not None and owner.i != subj.i and self._could_speak(owner):
                # "said the minister met voters and told them ...": the minister told, unless the
                # clause's subject is the speaker again ("he", the same name).
                ent = resolver.ent_at.get(owner.i)
                same = resolver.resolve(owner).entity_id if owner.pos_ == "PRON" else ent.kb_id_ if ent else None
                if same is None or claim.speaker is None or same != claim.speaker.entity_id:
                    continue
            found.append((t, before))
        if not found:
            return []
        self._consumed.update(t.i for t, _ in found)
        out = []
        stops = [before.i for _, before in found] + [span.end]
        for k, (t, _before) in enumerate(found):
            sub = self._reported_one(doc, t, cue_lemma(t), resolver, subj)
            stop = doc[stops[k + 1] - 1]
            hi = stop.idx + len(stop.text)
            if sub is None:
                # "told him about the changes": what follows the cue and its listener.
                first = t.i + 1
                while first < stops[k + 1] and (doc[first].pos_ == "PRON" or doc[first].is_punct):
                    first += 1
                if first >= stops[k + 1]:
                    continue
                sub = Claim(doc[first].idx, hi, t, t.text, t.idx, t.idx + len(t.text), claim.speaker, "reported")
            sub.start, sub.end = _trim(text, sub.start, min(sub.end, hi))
            sub.speaker = claim.speaker
            if sub.end > sub.start:
                out.append(sub)
        first_stop = doc[found[0][1].i - 1]
        claim.extent = (claim.start, claim.end)
        claim.start, claim.end = _trim(text, claim.start, min(claim.end, first_stop.idx + len(first_stop.text)))
        return out

    @staticmethod
    def _could_speak(tok: Token) -> bool:
        return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ in ("PRON", "PROPN") \
            or tok.lower_ in ROLE_HEADS or tok.lower_ in ORG_NOUNS or tok.lower_ in SPOKES

    @staticmethod
    def _stance(doc: Doc, cue: Token, resolver: SpeakerResolver, subj: Token) -> Claim | None:
        """"X wants the exchange to buy back shares", "X opposes closing the plant": the infinitive
        or gerund clause after the cue is the content."""
        if cue.dep_ in ("relcl", "acl", "advcl", "amod", "csubj") or subj.lower_ in ("i", "we", "you"):
            # "voters who want to ...", "if you want to ...": a description, not a stance; "I want to
            # thank ...": a speaker's own words, not a reported stance.
            return None
        clause = next((c for c in cue.rights if c.dep_ in ("xcomp", "ccomp") and c.left_edge.i > cue.i), None)
        if clause is None or clause.lemma_ == "know" or any(c.dep_ in ("dobj", "dative") and c.i < clause.i for c in cue.rights):
            return None
        infinitive = clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if not (infinitive or clause.tag_ == "VBG" and cue.lemma_ != "want"):
            return None
        start, end = _trim(doc_text(doc), clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
        if len(doc_text(doc)[start:end].split()) < 2:
            return None
        return Claim(start, end, cue, cue.text, cue.idx, cue.idx + len(cue.text), resolver.resolve(subj), "reported")

    def _reported_one(self, doc: Doc, cue: Token, lemma: str, resolver: SpeakerResolver, subj: Token) -> Claim | None:
        comps = [c for c in cue.children if c.dep_ == "ccomp"]
        # A clause after the cue is its content; one before it is so only when none follows.
        comp = next((c for c in comps if c.i > cue.i), comps[0] if comps else None)
        pattern = "reported"
        if lemma in INTENT_CUES and (comp is None or comp.i < cue.i):
            comp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), comp)
        if lemma in EVIDENCE_CUES and not _stated_finding(cue, comp, subj):
            return None
        if comp is not None and lemma in CLAUSE_CUES | INTENT_CUES | EVIDENCE_CUES:
            start, end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
            # "said Tory plans to cut tax would cut deep": the parse split one clause in two.
            later = [c for c in comps if c.i > comp.i > cue.i]
            if later:
                end = later[-1].right_edge.idx + len(later[-1].right_edge.text)
            if comp.i > cue.i and (comp.left_edge.i <= cue.i or lemma not in ADDRESSEE_CUES):
                # The content runs from the cue on ("said AmCham China, with ..., looks forward":
                # the parser may hang the clause's subject on the cue).
                start = doc[cue.i + 1].idx if comp.left_edge.i <= cue.i else min(
                    [start] + [c.left_edge.idx for c in cue.rights if c.i < comp.i and c.dep_ in ("dobj", "prep", "npadvmod")])
                # "said at a press briefing on Monday that China ...", "said in its report that ...":
                # the clause opens at its "that"; what comes before it is where it was said.
                mark = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > cue.i), None)
                if mark is not None and mark.idx > start and not any(
                        t.dep_ in ("nsubj", "nsubjpass") for t in doc[cue.i + 1:mark.i]):
                    start = mark.idx
            elif comp.i > cue.i and lemma in ADDRESSEE_CUES:
                start = _subject_taken_as_object(doc, cue, comp, start)
                start = _listener_glued_to_subject(doc, cue, start)
        elif cue.dep_ in ("advcl", "parataxis") and cue.head.i > cue.i and cue_lemma(cue.head) and lemma not in ADDRESSEE_CUES:
            # "X said, with 2024 marking ..., he hoped ...": the cue introduces the whole rest.
            start = doc[cue.i + 1].idx
            end = cue.head.right_edge.idx + len(cue.head.right_edge.text)
        elif lemma in OBJECT_CUES:
            parts = [c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp")
                     or c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                     or c.dep_ == "prt" and c.lower_ in ("out",)]
            parts = [c for c in parts if c.dep_ != "prt"]
            if not parts or any(c.dep_ == "dobj" and (c.is_stop or c.pos_ == "PRON") for c in parts):
                return None
            if lemma in FIGURE_CUES and not any(t.like_num for c in parts for t in c.subtree):
                return None  # "estimated the damage": a figure is what makes it a claim
            if lemma == "share" and not any(c.dep_ == "dobj" and c.lemma_.lower() in SHARED_THINGS for c in parts):
                return None
            quoted_name = next((n for c in parts if c.dep_ == "dobj" for n in [_named_in_quotes(c)] if n), None)
            if lemma in NAMING_CUES and quoted_name is None and not any(
                    c.dep_ in ("oprd", "xcomp") or c.lower_ == "as" or c.lower_ == "for" and lemma == "call" for c in parts) and sum(
                    c.dep_ == "dobj" for c in parts) < 2:  # "branded the plan a gamble": object and name
                return None
            start = min(c.left_edge.idx for c in parts) if quoted_name is None else quoted_name.idx
            # "defended the remark, saying ...": a participle cue after the object has its own content.
            tail = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj") and c.i > min(p.i for p in parts)
                    and not (c.dep_ == "advcl" and c.tag_ == "VBG" and cue_lemma(c) in CLAUSE_CUES)]
            last = max((c.right_edge for c in parts + tail), key=lambda t: t.i)
            end = last.idx + len(last.text)
            pattern = "object"
        elif cue.dep_ == "parataxis" and cue.head.i < cue.i:
            # "The market will grow, he said": the cue hangs off the clause it reports.
            start = cue.head.left_edge.idx
            end = doc[cue.left_edge.i - 1].idx + len(doc[cue.left_edge.i - 1].text) if cue.left_edge.i > 0 else 0
        else:
            loose = _loose_content(cue, lemma) if lemma in SPEECH_CUES else None
            if loose is None:
                return None
            start, end = loose
        start, end = _trim(doc_text(doc), start, end)
        if end - start < 3 or len(doc_text(doc)[start:end].split()) < 2 and pattern != "object":
            return None
        speaker = resolver.resolve(subj)
        return Claim(start, end, cue, cue.text, cue.idx, cue.idx + len(cue.text), speaker, pattern)

    @staticmethod
    def _noun_cue(doc: Doc, noun: Token, resolver: SpeakerResolver, quote_of) -> list[Claim]:
        """"his claim that the vote was rigged", "Lee's warning that prices would rise": a statement
        noun whose owner is named and whose that-clause is the content."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > noun.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is None or clause is None or (owner.i in quote_of) != (noun.i in quote_of):
            return []
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            return []
        start, end = _trim(doc_text(doc), clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
        if len(doc_text(doc)[start:end].split()) < 3:
            return []
        # The owner is named in passing ("hit back at Lee's claim that ..."): not the speaker a later
        # "he said" goes back to.
        recent = list(resolver.recent)
        speaker = resolver.resolve(owner)
        resolver.recent[:] = recent
        return [Claim(start, end, noun, noun.text, noun.idx, noun.idx + len(noun.text), speaker, "reported")]

    def _according(self, doc: Doc, tok: Token, resolver: SpeakerResolver) -> list[Claim]:
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            return []
        sent = tok.sent
        phrase_end = max(obj.right_edge.i, obj.i) + 1
        author = None
        titled = _titled_appositive(doc, phrase_end, sent.end)
        if titled is not None:
            # "According to a new book, The Long Game by Ann Fry, ...": the title and author are
            # part of the source even when the parse left them to the clause.
            phrase_end, author = titled
        before = (sent.start_char, tok.idx)
        after = (doc[phrase_end].idx if phrase_end < len(doc) else sent.end_char, sent.end_char)
        start, end = max((before, after), key=lambda r: r[1] - r[0])
        start, end = _trim(doc_text(doc), start, end)
        while end > start and doc_text(doc)[end - 1] in ".!?":
            end -= 1
        if end - start < 3:
            return []
        speaker = resolver.resolve(obj)
        if speaker.name is None and author is not None and author.i in resolver.ent_at:
            named = resolver.resolve(author)
            if named.name is not None:
                speaker = Speaker(named.name, named.entity_id, named.label, speaker.start, speaker.end,
                                  named.aliases, "description")
        cue_end = to.idx + len(to.text)
        return [Claim(start, end, tok, doc_text(doc)[tok.idx:cue_end], tok.idx, cue_end, speaker, "according")]

    def _drop_nested(self, claims: list[Claim]) -> list[Claim]:
        """Attributions do not nest: a cue inside another claim's content belongs to that claim."""
        def span(c: Claim) -> tuple[int, int]:
            return c.extent or (c.start, c.end)

        # Largest first, so that a claim dropped as nested never drops a smaller one in turn.
        kept: list[Claim] = []
        for c in sorted(claims, key=lambda c: span(c)[0] - span(c)[1]):
            outer = [o for o in kept if span(o)[0] <= c.cue_start < span(o)[1] and span(o)[1] - span(o)[0] > c.end - c.start
                     and not (o.extent and c.cue is not None and c.cue.i in self._consumed)]
            if outer and not all(self._reported_report(o, c) for o in outer):
                continue
            kept.append(c)
        kept_ids = {id(c) for c in kept}
        return [c for c in claims if id(c) in kept_ids]

    @staticmethod
    def _reported_report(outer: Claim, inner: Claim) -> bool:
        """"Plevnik noted that Xi said China is ready ...": A reports B's words, and both made a claim
        (B the inner statement, A all of it). Only for a named inner speaker other than the outer one,
        with a speech cue of its own (not "hope", "want": those are the outer speaker's reading)."""
        sp, op = inner.speaker, outer.speaker
        return (sp is not None and sp.name is not None and sp.label in ("PERSON", "ORG", "GPE")
                and (op is None or op.entity_id != sp.entity_id) and inner.cue is not None
                and cue_lemma(inner.cue) in _NESTABLE_CUES and inner.pattern == "reported")

    @staticmethod
    def _conjoined_speakers(doc: Doc, claims: list[Claim], resolver: SpeakerResolver) -> list[Claim]:
        """"GM and Ford blamed high fuel prices ...", "Both the cardinal and Dr Williams appealed ...":
        each named conjunct of the subject made the claim too, so each gets one."""
        out = []
        for c in claims:
            if c.speaker is None or c.speaker.start is None:
                continue
            mention = doc.char_span(c.speaker.start, c.speaker.end, alignment_mode="expand")
            if mention is None or c.cue is None or mention.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for conj in mention.root.conjuncts:
                if conj.i <= mention.root.i or not conj.ent_type_ and conj.pos_ != "NOUN":
                    continue
                other = resolver.resolve(conj)
                if other.name is None or other.entity_id == c.speaker.entity_id:
                    continue
                out.append(Claim(c.start, c.end, c.cue, c.cue_text, c.cue_start, c.cue_end, other, c.pattern,
                                 direct=c.direct, quotes=list(c.quotes), pieces=list(c.pieces)))
        return out

    @staticmethod
    def _join_quote_pieces(claims: list[Claim]) -> list[Claim]:
        """"“A,” she said. “B.”", "The list, she says, is long": one attribution (one cue, one
        speaker), as PolNeAR and PARC count them, so one claim whose content is the pieces in order."""
        out: list[Claim] = []
        for c in claims:
            prev = out[-1] if out else None
            if (prev is not None and c.direct == prev.direct and c.cue is not None
                    and (c.cue_start, c.cue_end) == (prev.cue_start, prev.cue_end)
                    and (c.speaker.entity_id if c.speaker else None) == (prev.speaker.entity_id if prev.speaker else None)
                    and prev.end <= c.start and (c.direct or prev.end <= c.cue_start < c.start)):
                prev.pieces = (prev.pieces or [(prev.start, prev.end)]) + [(c.start, c.end)]
                prev.end = c.end
                prev.quotes = prev.quotes + c.quotes
                continue
            out.append(c)
        return out

    @staticmethod
    def _join_continuations(doc: Doc, claims: list[Claim]) -> list[Claim]:
        """"X hoped for A. This would bring B, he added.": a reported claim that opens on a
        demonstrative pronoun only means something with the same speaker's statement right
        before it, so the two become one claim (the first one's cue)."""
        text = doc_text(doc)
        out: list[Claim] = []
        for c in claims:
            prev = out[-1] if out else None
            first = doc.char_span(c.start, c.end, alignment_mode="expand")
            if (prev is not None and not c.direct and not prev.direct and first is not None
                    and first[0].lower_ in CONTINUATION_PRONOUNS and first[0].dep_ in SUBJECT_DEPS
                    and c.speaker is not None and prev.speaker is not None and c.speaker.name is not None
                    and (c.speaker.entity_id or c.speaker.name) == (prev.speaker.entity_id or prev.speaker.name)
                    and prev.end <= c.start and re.fullmatch(r"[.;!?]?[ \t]*", text[prev.end:c.start])):
                prev.end = c.end
                continue
            out.append(c)
        return out

    # ---- direct quotes ------------------------------------------------------------------------

    @staticmethod
    def _snap_to_quotes(text: str, claims: list[Claim], quotes: list[Quote]) -> list[Claim]:
        """A reported content that lies in a quote (or is one) becomes that whole quote, direct."""
        for c in claims:
            inside = [i for i, q in enumerate(quotes) if q.start < c.end and c.start < q.end]
            if not inside:
                continue
            covered = sum(min(quotes[i].end, c.end) - max(quotes[i].start, c.start) for i in inside)
            outside = text[c.start:c.end]
            for i in inside:
                outside = outside.replace(text[quotes[i].start:quotes[i].end], "")
            if covered >= 0.8 * (c.end - c.start) or len(outside.split()) <= 2:
                best = max(inside, key=lambda i: min(quotes[i].end, c.end) - max(quotes[i].start, c.start))
                c.start, c.end = _trim_quote(text, quotes[best].start, quotes[best].end)
                c.direct = True
                c.quotes = [best]
                if c.pattern == "object":
                    c.pattern = "reported"
            else:
                c.quotes = inside  # a mixed quote: part of a reported claim
        return claims

    def _quote_claims(self, doc: Doc, quotes: list[Quote], claims: list[Claim],
                      resolver: SpeakerResolver) -> list[Claim]:
        text = doc_text(doc)
        used = {i for c in claims for i in c.quotes}
        cues = sorted(claims, key=lambda c: c.cue_start)
        out: list[Claim] = []
        for i, q in enumerate(quotes):
            if i in used or _looks_like_title(text[q.start:q.end]):
                continue
            prev = quotes[i - 1] if i else None
            if prev is not None and prev.chain == q.chain and prev.close_at is None:
                # The next paragraph of a quote (also where the text lost its paragraph breaks:
                # “A. “B.”): the speaker of the piece before, whatever cue follows this piece.
                owner = next((c for c in claims + out if i - 1 in c.quotes and c.direct), None)
                if owner is not None:
                    s, e = _trim_quote(text, q.start, q.end)
                    out.append(Claim(s, e, owner.cue, owner.cue_text, owner.cue_start, owner.cue_end,
                                     owner.speaker, owner.pattern, direct=True, quotes=[i]))
                    continue
            before = text[:q.open_at].rstrip()[-1:]
            if q.words(text) <= 3 and before.isalnum() and self._cue_right_before(
                    doc, q, text.rfind("\n", 0, q.open_at) + 1, cues + out) is None:
                continue  # a fragment quoted inside someone else's sentence, not a statement
            owner = self._cue_near(doc, q, quotes, i, cues + out)
            if owner is not None:
                pattern = "quote"
            else:
                owner = self._dash_source(doc, q, resolver)
                pattern = "dash"
            if owner is None:
                owner = self._inherited(text, q, quotes, i, cues + out)
                pattern = "quote-inherited"
            if owner is None:
                owner = self._introduced(doc, q)
                pattern = "quote"
            if owner is None:
                continue
            if pattern == "quote-inherited" and q.words(text) < 4:
                continue
            s, e = _trim_quote(text, q.start, q.end)
            out.append(Claim(s, e, owner.cue, owner.cue_text, owner.cue_start, owner.cue_end, owner.speaker,
                             pattern, direct=True, quotes=[i]))
        return out

    def _cue_near(self, doc: Doc, q: Quote, quotes: list[Quote], qi: int, known: list[Claim]) -> Claim | None:
        """A speech cue with a subject between this quote and its neighbours in the same paragraph."""
        text = doc_text(doc)
        para_start = text.rfind("\n", 0, q.open_at) + 1
        para_end = text.find("\n", q.end)
        para_end = len(text) if para_end < 0 else para_end
        prev_close = max([quotes[j].close_at + 1 for j in range(qi) if quotes[j].close_at is not None
                          and quotes[j].close_at >= para_start] or [para_start])
        next_open = min([quotes[j].open_at for j in range(qi + 1, len(quotes)) if quotes[j].open_at < para_end]
                        or [para_end])
        right_before = self._cue_right_before(doc, q, prev_close, known)
        if right_before is not None:
            return right_before
        after_from = (q.close_at + 1) if q.close_at is not None else para_end
        windows = [(after_from, next_open, "after"), (prev_close, q.open_at, "before")]
        for lo, hi, side in windows:
            if hi <= lo:
                continue
            span = doc.char_span(lo, hi, alignment_mode="expand")
            if span is None:
                continue
            toks = list(span)
            # A quote that ends its own sentence (“... $1.30.” Some analysts maintain ...) is followed
            # by a new statement: only a cue right after it ("." he said) is its cue.
            ends_sentence = q.close_at is not None and text[:q.close_at].rstrip()[-1:] in ".?!"
            if side == "after":
                toks = [t for t in toks if not t.is_space][:2] if ends_sentence else toks[:self.max_quote_gap]
            else:
                toks.reverse()  # the cue nearest the quote
                tail = text[lo:hi].rstrip()
                introduces = bool(tail) and (tail[-1] in ":,—–" or tail.lower().endswith("that"))
                if not introduces:
                    toks = toks[:6]  # "Trump said Monday “...”"
            for tok in toks:
                # A verb of voice or display attributes only the quote right next to it.
                if cue_lemma(tok) not in (QUOTE_CUES if side == "after" else CLAUSE_CUES) \
                        or tok.pos_ not in ("VERB", "AUX"):
                    continue
                existing = next((c for c in known if c.cue is tok), None)
                if existing is not None:
                    if side == "after" and existing.start > tok.idx and not existing.direct:
                        continue  # that cue introduces its own content
                    return existing
                subj = _subject(tok) or _quote_cue_subject(tok)
                if cue_lemma(tok) == "quote":
                    # "“...,” AP quoted prosecutor Russell McGuire as saying": the one quoted speaks.
                    subj = next((c for c in tok.children if c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "ORG")),
                                None)
                if subj is None:
                    continue
                speaker = self._resolver.resolve(subj)
                return Claim(0, 0, tok, tok.text, tok.idx, tok.idx + len(tok.text), speaker, "quote")
            if side == "after" and not ends_sentence:
                late = self._late_cue(list(span), known)
                if late is not None:
                    return late
        return None

    def _cue_right_before(self, doc: Doc, q: Quote, lo: int, known: list[Claim]) -> Claim | None:
        """"She declared “What a night!” and said ...", "When a man shouted, “Out!” the mayor joked":
        a cue verb right before the opening mark (a comma, colon or adverb between) introduces this
        quote, whatever cue comes after it."""
        span = doc.char_span(lo, q.open_at, alignment_mode="contract") if q.open_at > lo else None
        if span is None or not len(span):
            return None
        k = span.end - 1
        while k >= span.start and (doc[k].is_space or doc[k].text in (",", ":") or doc[k].pos_ == "ADV"
                                   and doc[k].dep_ in ("advmod", "prt") and span.end - k <= 3):
            k -= 1
        if k < span.start:
            return None
        tok = doc[k]
        if cue_lemma(tok) not in QUOTE_CUES or tok.pos_ not in ("VERB", "AUX"):
            return None
        existing = next((c for c in known if c.cue is tok), None)
        if existing is not None:
            return existing if existing.direct or existing.start < tok.idx else None
        subj = _subject(tok) or _quote_cue_subject(tok)
        if subj is None:
            return None
        return Claim(0, 0, tok, tok.text, tok.idx, tok.idx + len(tok.text), self._resolver.resolve(subj), "quote")

    def _late_cue(self, toks: list[Token], known: list[Claim]) -> Claim | None:
        """“...,” Trump, the party's candidate in a race he leads by a wide margin, said: a name
        right after the quote and its cue further on than the usual window, in the same sentence."""
        words = [t for t in toks if not (t.is_punct or t.is_space)]
        if not words:
            return None
        lead = words[0]
        named = lead.ent_type_ in ("PERSON", "ORG") or lead.lower_ in ("he", "she", "they")
        if not named or lead.i in self._resolver.ent_at and self._resolver.ent_at[lead.i].start != lead.i:
            return None
        root = self._resolver.ent_at[lead.i].root if lead.i in self._resolver.ent_at else lead
        for tok in toks[:40]:
            if tok.sent.start != lead.sent.start or tok.text in QUOTE_MARKS:
                return None
            if cue_lemma(tok) not in CLAUSE_CUES or tok.pos_ != "VERB" or tok.i <= root.i:
                continue
            own = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if own is not None and own.i != root.i or any(c.cue is tok for c in known):
                return None
            speaker = self._resolver.resolve(root)
            return Claim(0, 0, tok, tok.text, tok.idx, tok.idx + len(tok.text), speaker, "quote")
        return None

    def _dash_source(self, doc: Doc, q: Quote, resolver: SpeakerResolver) -> Claim | None:
        """“...” — Jane Doe: a quote signed by a dash and a name."""
        if q.close_at is None:
            return None
        rest = doc_text(doc)[q.close_at + 1:q.close_at + 6]
        stripped = rest.lstrip()
        if not stripped or stripped[0] not in _DASHES:
            return None
        dash_at = q.close_at + 1 + (len(rest) - len(stripped))
        after = doc.char_span(dash_at + 1, min(len(doc_text(doc)), dash_at + 60), alignment_mode="expand")
        if after is None:
            return None
        toks = [t for t in after if not t.is_space]
        if toks and (toks[0].ent_type_ in ("PERSON", "ORG") or toks[0].pos_ == "PROPN" and toks[0].is_title):
            head = toks[0]
            span = next((e for e in doc.ents if e.start <= head.i < e.end), None)
            if span is not None:
                head = span.root
            speaker = resolver.resolve(head)
            if speaker.name is None:
                end = head.i
                while end + 1 < len(doc) and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN":
                    end += 1
                speaker.start, speaker.end = toks[0].idx, doc[end].idx + len(doc[end].text)
            return Claim(0, 0, None, doc_text(doc)[dash_at], dash_at, dash_at + 1, speaker, "dash")
        return None

    def _introduced(self, doc: Doc, q: Quote) -> Claim | None:
        """A quote after a colon: "She said:" ending the paragraph before, or a sentence naming the
        speaker before the colon in the same paragraph or the one before ("The timing does not
        surprise pollster Dan Ruiz: “...”", "He then listed his tests:", "Lee released the
        following statement:")."""
        text = doc_text(doc)
        para_start = text.rfind("\n", 0, q.open_at) + 1
        lead = text[para_start:q.open_at].strip()
        if lead:
            if not lead.endswith(":"):
                return None
            colon = text.rfind(":", para_start, q.open_at)
        else:
            colon = len(text[:para_start].rstrip()) - 1
            if colon < 0 or text[colon] != ":":
                return None
        span = doc.char_span(max(0, colon - 200), colon, alignment_mode="contract")
        if span is None or not len(span):
            return None
        last = span[-1]
        sent = last.sent
        ent = self._resolver.ent_at.get(last.i)
        if ent is not None and ent.end == last.i + 1 and ent.label_ in ("PERSON", "ORG"):
            # The speaker's name right before the colon.
            return Claim(0, 0, None, ":", colon, colon + 1, self._resolver.resolve(ent.root), "quote")
        for tok in reversed(list(sent)):
            if tok.i <= last.i and cue_lemma(tok) in CLAUSE_CUES and tok.pos_ in ("VERB", "AUX"):
                subj = _subject(tok)
                if subj is not None:
                    return Claim(0, 0, tok, tok.text, tok.idx, tok.idx + len(tok.text), self._resolver.resolve(subj),
                                 "quote")
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if root.pos_ not in ("VERB", "AUX") or subj is None or subj.lower_ in ("it", "this", "that", "there", "what") \
                or not self._could_speak(subj) or root.i > last.i:
            return None
        return Claim(0, 0, root, root.text, root.idx, root.idx + len(root.text), self._resolver.resolve(subj), "quote")

    @staticmethod
    def _inherited(text: str, q: Quote, quotes: list[Quote], qi: int, known: list[Claim]) -> Claim | None:
        """A quote with no cue of its own continues the speaker of the previous quote in the paragraph,
        or, when it opens its paragraph, of a claim ending the paragraph before."""
        para_start = text.rfind("\n", 0, q.open_at) + 1
        before = [c for c in known if c.end <= q.open_at and c.cue_start <= q.open_at]
        if not before:
            return None
        last = max(before, key=lambda c: max(c.end, c.cue_end))
        if last.speaker is None:
            return None
        if max(last.end, last.cue_end) >= para_start:
            # "Mr Fox said closures had no impact. “If it's 12.30 ...”": a quote right after the
            # speaker's reported statement goes on with it.
            right_after = re.fullmatch(r"[.,;:!?]?\s*", text[max(last.end, last.cue_end):q.open_at]) is not None
            quoted = last.direct or text[max(0, last.start - 1):last.start] in QUOTE_MARKS or any(
                text[max(0, a - 1):a] in QUOTE_MARKS for a, _ in last.pieces)
            return last if quoted or right_after or text[para_start:q.open_at].strip() == "" else None
        if text[para_start:q.open_at].strip():
            return None
        prev_para_start = text.rfind("\n", 0, max(0, para_start - 1))
        prev_para_start = text.rfind("\n", 0, prev_para_start) if text[prev_para_start + 1:para_start].strip() == "" \
            else prev_para_start
        if max(last.end, last.cue_end) < prev_para_start:
            return None
        tail = text[max(last.end, last.cue_end):para_start].strip()
        return last if tail in ("", ":", ".", ":”", ".”") or tail.endswith(":") else None

    # ---- transcripts --------------------------------------------------------------------------

    def _transcripts(self, doc: Doc, claims: list[Claim]) -> list[Claim]:
        """A paragraph "NAME: text" where NAME is a person (interview transcripts)."""
        out = []
        text = doc_text(doc)
        taken = [(c.start, c.end) for c in claims]
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            colon = line.find(":")
            if colon <= 0 or colon > 40:
                continue
            name = line[:colon].strip().lstrip("\"“'‘ ")
            words = name.split()
            if not words or len(words) > 8 or not words[-1][:1].isupper():
                continue
            at = start + line.index(name)
            span = doc.char_span(at, at + len(name), alignment_mode="contract")
            if span is None:
                continue
            # The name before the colon: a person or organisation entity, a transcript's capitals,
            # or a short capitalised name opening the headline ("Poll: ...").
            named = span[-1].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            headline = start == 0 and len(words) <= 3 and all(w[:1].isupper() for w in words)
            if not (named or name.isupper() and len(words) <= 3 or headline):
                continue
            if named and not all(w[:1].isupper() for w in words):
                # "Republican pollster Daron Shaw:": the mention is the trailing name.
                ent = next((e for e in doc.ents if e.start <= span[-1].i < e.end), None)
                if ent is None:
                    continue
                span = ent
            if " ".join(name.lower().strip("*#>|-–— ").split()) in WEB_LABELS:
                continue  # "READ MORE: ...", "WATCH: ...", "** WINNER: ...": page furniture, not a speaker
            cs, ce = _trim(text, start + colon + 1, start + len(line), strip_that=False)
            if ce - cs < 3:
                continue  # "More from CBC Manitoba:" at the very end: nothing after the colon
            cs, ce = _trim_quote(text, cs + (text[cs] in "\"“"), ce - (text[ce - 1] in "\"”"))
            if ce - cs < 3 or any(s < ce and cs < e for s, e in taken):
                continue
            speaker = self._resolver.resolve(span[-1])
            if speaker.name is None:
                speaker = Speaker(None, None, None, span.start_char, span.end_char, [], "unnamed")
            out.append(Claim(cs, ce, None, ":", start + colon, start + colon + 1, speaker, "transcript"))
        return out

    # ---- records ------------------------------------------------------------------------------

    def _record(self, doc: Doc, c: Claim) -> dict:
        sp = c.speaker
        affs = [a for a in (doc._.affiliations or []) if sp and sp.entity_id and a.get("person_id") == sp.entity_id]
        aff = max(affs, key=lambda a: a.get("confidence") or 0, default=None)
        lo = min(c.start, c.cue_start, sp.start if sp else c.start)
        hi = max(c.end, c.cue_end, sp.end if sp else c.end)
        first = doc.char_span(lo, hi, alignment_mode="expand")
        if first is not None:
            ev_start, ev_end = first[0].sent.start_char, first[-1].sent.end_char
        else:
            ev_start, ev_end = lo, hi
        confidence = CONFIDENCE[c.pattern] if c.pattern in CONFIDENCE else rule_confidence(c.pattern)
        pieces = c.pieces or [(c.start, c.end)]
        if sp is not None and sp.via in ("pronoun", "description"):
            confidence -= 0.1
        return {
            "speaker": sp.name if sp else None,
            "speaker_id": sp.entity_id if sp else None,
            "speaker_type": sp.label if sp else None,
            "speaker_aliases": sp.aliases if sp else [],
            "speaker_mention": doc_text(doc)[sp.start:sp.end] if sp else None,
            "role": aff["role"] if aff else None,
            "org": aff["org"] if aff else None,
            "org_aliases": aff["org_aliases"] if aff else [],
            "text": " … ".join(doc_text(doc)[s:e] for s, e in pieces),
            "direct": c.direct,
            "cue": c.cue_text,
            "evidence": " ".join(doc_text(doc)[ev_start:ev_end].split()),
            "confidence": round(confidence, 2),
            "pattern": c.pattern,
            "start": c.start,
            "end": c.end,
            "pieces": [list(p) for p in pieces],
            "speaker_start": sp.start if sp else None,
            "speaker_end": sp.end if sp else None,
            "cue_start": c.cue_start,
            "cue_end": c.cue_end,
        }


def _looks_like_title(quoted: str) -> bool:
    """“The Steve Harvey Morning Show”: a short quote of capitalised words names something."""
    words = [w for w in quoted.strip(" ,.").split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "from", "by", "or"}
    return 0 < len(words) <= 8 and quoted.strip()[-1:] not in ".!?" and all(
        w[:1].isupper() or w.lower() in small for w in words) and len(words) > 1


def _trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Inside of the marks without the comma that news style puts before the closing mark."""
    while end > start and (text[end - 1] in ",;:—– " or text[end - 1].isspace()):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


@Language.factory("cooptool_claims", default_config={"max_quote_gap": 12}, requires=["doc.ents", "doc._.entities", "doc._.affiliations", "token.dep", "token.lemma"], assigns=["doc._.claims"])
def make_claim_extractor(nlp: Language, name: str, max_quote_gap: int) -> ClaimExtractor:
    return ClaimExtractor(nlp, name, max_quote_gap)
