"""What every claim rule shares: the cue lexicon, the `Claim` in the making, the per-document run
state and the rule names (a record's `pattern`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from cooptool.extract import lexicon
from cooptool.extract.components.context import DocContext
from cooptool.extract.components.quotes import Quote
from cooptool.extract.components.speakers import ORG_NOUNS, SPOKES, Speaker, SpeakerResolver
from cooptool.extract.lexicon import ROLE_HEADS
from cooptool.extract.structure import looks_like_heading

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
NESTABLE_CUES = lexicon.where("cue_verbs", 1, "nestable")
DIRECTIVE_CUES = lexicon.where("cue_verbs", 1, "directive")
# Verbs that report only with a particle or preposition ("pushed for", "lashed out at"): lemma -> rows of
# (particle, preposition, object kind: "proposal" or "-").
PHRASAL_CUES: dict[str, list[tuple[str, str, str]]] = {}
for _row in lexicon.rows("cue_phrasal"):
    PHRASAL_CUES.setdefault(_row[0], []).append((_row[1], _row[2], _row[3] if len(_row) > 3 and _row[3] else "-"))
# Nouns of what is put forward or laid out as a proposal ("put forward a plan").
PROPOSAL_NOUNS = lexicon.words("proposal_nouns")
ALL_CUES = CLAUSE_CUES | OBJECT_CUES | INTENT_CUES | STANCE_CUES | QUOTE_ONLY_CUES | EVIDENCE_CUES | DIRECTIVE_CUES \
    | set(PHRASAL_CUES)
QUOTE_CUES = CLAUSE_CUES | QUOTE_ONLY_CUES
# Forms the lemmatizer slips on ("hoped" -> "hop").
CUE_VERB_FORMS = lexicon.mapping("cue_verb_forms")
# Nouns of statement that report their that-clause for their owner ("her claim that ...").
STATEMENT_NOUNS = lexicon.words("statement_nouns")
# Labels of web pages that look like "NAME: text" but name no speaker.
WEB_LABELS = lexicon.words("web_labels")

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
QUOTE_MARKS = set("\"“”„«»") | {"''"}  # the token of two apostrophes typed for a double mark
SUBJECT_DEPS = ("nsubj",)
_EDGE_PUNCT = set(" \t\n,;:—–-")

# ---- rule names: each record's `pattern` -------------------------------------------------------
# Reported speech (a cue verb and what it governs).
CLAUSE = "claim.reported.clause"  # "X said (that) ..."
INTENT = "claim.reported.intent"  # "X promised to ..."
EVIDENCE = "claim.reported.evidence"  # "the survey showed turnout had risen"
EVIDENCE_OBJECT = "claim.reported.evidence.object"  # "polls show a close contest"
INTRODUCING = "claim.reported.introducing"  # "X said, with ..., he hoped ..."
TRAILING = "claim.reported.trailing"  # "The market will grow, he said"
LOOSE = "claim.reported.loose"  # "X says in a statement that ..." (clause hung elsewhere)
AS_SAID = "claim.reported.as_said"  # "As Premier Li said, member states should ..."
PARENTHETICAL = "claim.reported.parenthetical"  # "The figures, the company said, were wrong"
STANCE = "claim.reported.stance"  # "X wants the exchange to buy back shares"
CONJOINED = "claim.reported.conjoined"  # "X said A and told him about B"
OBJECT = "claim.reported.object"  # "X denied the allegations"
DIRECTIVE = "claim.reported.directive"  # "X asked the court to dismiss the case"
PHRASAL = "claim.reported.phrasal"  # "X pushed for a cease-fire", "X lashed out at the double standards"
NAMING_EXTRAPOSED = "claim.reported.object.extraposed"  # "X called it “double standards” to ignore ..."
OBJECT_QUOTED = "claim.reported.object.quoted"  # "X called the plan “a gamble”", the object a whole quote
NOUN = "claim.noun"  # "his claim that ..."
ACCORDING = "claim.according"  # "according to X, ..."
# Direct quotes.
QUOTE_OPENING = "claim.quote.cue.opening"  # a cue right before the opening mark: "She declared “...”"
QUOTE_AFTER = "claim.quote.cue.after"  # a cue after the quote: "“...,” she barked", "“...,” X, the ..., said"
QUOTE_BEFORE = "claim.quote.cue.before"  # a cue before the quote: "Trump said Monday “...”"
QUOTE_INTRODUCED = "claim.quote.introduced"  # "She said:" / "... pollster Dan Ruiz: “...”"
QUOTE_DASH = "claim.quote.dash"  # "“...” — Jane Doe"
QUOTE_INHERITED = "claim.quote.inherited"  # a quote with no cue goes on with the speaker before
QUOTE_FLOATING = "claim.quote.floating"  # a quote paragraph after a paragraph naming its speaker
TRANSCRIPT = "claim.transcript"  # "NAME: text" paragraphs

# The rules that read reported speech (and may report someone else's words inside their content).
REPORTED_RULES = frozenset({CLAUSE, INTENT, EVIDENCE, INTRODUCING, TRAILING, LOOSE, PARENTHETICAL, STANCE,
                            CONJOINED, OBJECT_QUOTED, NOUN, AS_SAID, NAMING_EXTRAPOSED, DIRECTIVE, EVIDENCE_OBJECT, PHRASAL})


def cue_lemma(tok: Token) -> str | None:
    """The cue verb a token is a form of, or None; tolerant of the lemmatizer's slips ("hoped" -> "hop")."""
    low = tok.lower_
    for form in (tok.lemma_.lower(), CUE_VERB_FORMS.get(low), low, low[:-1], low[:-2], low[:-3], low[:-3] + "e",
                 low[:-2] + "y" if low.endswith("ied") else None):
        if form and form in ALL_CUES:
            return form
    return None


def end_of(tok: Token) -> int:
    """Character offset right after a token."""
    return tok.idx + len(tok.text)


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

    @classmethod
    def at_cue(cls, cue: Token, speaker: Speaker | None, pattern: str, start: int = 0, end: int = 0) -> Claim:
        """A claim whose cue is the token `cue` (start/end 0: an attribution whose content comes later)."""
        return cls(start, end, cue, cue.text, cue.idx, end_of(cue), speaker, pattern)

    def quoted_as(self, start: int, end: int, pattern: str, quote: int) -> Claim:
        """The direct quote `quote` (content start..end) attributed like this claim."""
        return Claim(start, end, self.cue, self.cue_text, self.cue_start, self.cue_end, self.speaker, pattern,
                     direct=True, quotes=[quote])


@dataclass
class ClaimRun:
    """What one call of the component knows about its document; nothing of it outlives the call."""
    doc: Doc
    ctx: DocContext
    resolver: SpeakerResolver
    max_quote_gap: int
    consumed: set[int] = field(default_factory=set)  # cue tokens already taken as conjoined cues
    held: list[Claim] = field(default_factory=list)  # claims whose cue is inside a quote, set aside

    @property
    def text(self) -> str:
        return self.ctx.text

    @cached_property
    def headline(self) -> tuple[int, str] | None:
        """The headline's offset and text. The layout blanks the headline line in the parsed text
        (offsets kept); the document's title is that line when the text opens with a blank run as long
        as the title and its line break (and at most two blank lines): not a title given apart from
        a text whose own first line was blanked."""
        meta = getattr(self.doc._, "meta", None) or {}
        title = (meta.get("title") or "").strip()
        text = self.text
        blank = len(text) - len(text.lstrip())
        if blank == 0:
            # A headline ending in a full stop stays in the prose ("Petrol Duties Frozen, Brown Says.").
            first = text.split("\n", 1)[0].rstrip()
            return (0, first) if "\n" in text and looks_like_heading(first.rstrip(".")) else None
        if not title or not 1 <= blank - len(title) <= 3 or blank == len(text):
            return None
        return 0, title

    @cached_property
    def shown_text(self) -> str:
        """The text records quote: the parsed text with the headline put back."""
        if self.headline is None:
            return self.text
        start, title = self.headline
        return self.text[:start] + title + self.text[start + len(title):]

    @property
    def quotes(self) -> list[Quote]:
        return self.ctx.quotes

    @property
    def quote_of(self) -> dict[int, int]:
        return self.ctx.quote_of

    @property
    def ent_at(self) -> dict[int, Span]:
        return self.ctx.ent_at


def trim(text: str, start: int, end: int, strip_that: bool = True) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1].isspace()):
        end -= 1
    if strip_that and text[start:start + 5].lower() == "that " and end - start > 8:
        start += 5
    return start, end


def trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Inside of the marks without the comma that news style puts before the closing mark."""
    while end > start and (text[end - 1] in ",;:—– " or text[end - 1].isspace()):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def has_own_subject(tok: Token) -> bool:
    """A clause or verb with a subject of its own (also a passive or expletive one)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def is_cue_verb(tok: Token, cues: set[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and cue_lemma(tok) in cues


def claim_with_cue(claims: list[Claim], tok: Token) -> Claim | None:
    """The claim whose cue is `tok` (spaCy makes a new Token object on each access: compare positions)."""
    return next((c for c in claims if c.cue is not None and c.cue.doc is tok.doc and c.cue.i == tok.i), None)


def could_speak(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ in ("PRON", "PROPN") \
        or tok.lower_ in ROLE_HEADS or tok.lower_ in ORG_NOUNS or tok.lower_ in SPOKES
