"""Who speaks: the subject of a cue verb, also where the parse lost it."""

from __future__ import annotations

from spacy.tokens import Token

from cooptool.extract import lexicon
from cooptool.extract.components.claims.base import (
    ADDRESSEE_CUES,
    CLAUSE_CUES,
    DIRECTIVE_CUES,
    EVIDENCE_CUES,
    OBJECT_CUES,
    QUOTE_MARKS,
    SUBJECT_DEPS,
    could_speak,
    cue_lemma,
)
from cooptool.extract.components.speakers import DOCUMENT_NOUNS
from cooptool.extract.lexicon import ROLE_HEADS

# Verbs whose object receives a message ("emailed supporters saying ..."): the sender speaks.
SENDING_VERBS = lexicon.words("sending_verbs")
# Verbs that frame a statement not (yet) made: "expected to say", "has to show", "declined to say",
# "is to tell" (and "going to say", not "went on to say").
UNSAID_FRAMES = lexicon.words("unsaid_frames")
PEOPLE_NOUNS = lexicon.words("people_nouns")
_MESSAGE_NOUNS = frozenset({"message", "tweet", "post", "email", "note"})
_NO_SPEAKER = ("it", "that", "which", "what", "this", "there")
# Cues of a state of mind: as an opening participle ("Fearing that ..., she ...") a motive, not a statement.
_MINDS = frozenset({"assume", "believe", "doubt", "expect", "fear", "feel", "guess", "hope", "know", "learn",
                    "realise", "realize", "recognise", "recognize", "suspect", "think", "wonder", "worry"})


def own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def subject(cue: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, else the one it shares or the parse lost; "a
    resident surnamed Lin said": the name given."""
    subj = _subject(cue)
    return _given_name(subj) or subj if subj is not None else None


# "a resident surnamed Lin", "a shop owner named Tom Hill": the participle that gives a name.
_NAMING_PARTICIPLES = frozenset({"surnamed", "named"})


def _named_object(verb: Token) -> Token | None:
    """The name a naming participle gives, when it is a person's or an organisation's."""
    if verb.lower_ not in _NAMING_PARTICIPLES:
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr") and c.pos_ == "PROPN"
                 and c.ent_type_ in ("PERSON", "ORG")), None)


def _given_name(subj: Token) -> Token | None:
    """"A resident surnamed Lin said ...": the name the subject noun is given speaks."""
    if subj.pos_ != "NOUN":
        return None
    return next((n for c in subj.children if c.dep_ == "acl" and c.i > subj.i
                 for n in [_named_object(c)] if n is not None), None)


def _inverted_named_subject(cue: Token) -> Token | None:
    """"..., said a resident surnamed Lin": the parse made the participle a clause of the cue, with the
    noun as its subject; the name given speaks."""
    return next((_named_object(c) for c in cue.children if names_the_speaker(cue, c)), None)


def names_the_speaker(cue: Token, c: Token) -> bool:
    """`c`, hung on the cue after it, is a naming participle with a noun subject ("said a resident
    surnamed Lin")."""
    return c.i > cue.i and c.dep_ in ("ccomp", "conj", "advcl", "dep") and _named_object(c) is not None and any(
        s.dep_ in SUBJECT_DEPS and cue.i < s.i < c.i and s.pos_ == "NOUN" for s in c.children)


def inverted_object_speaker(cue: Token) -> Token | None:
    """"The levy will hurt shops, observed Lia Moor, who works for ...": a cue after the comma that
    ends the clause it reports, parsed as that clause's conjunct with the speaker's name as its object
    (the name last in the sentence, or followed only by who or what the speaker is)."""
    if not _inverting_cue(cue):
        return None
    kids = [c for c in cue.children if not c.is_punct]
    if len(kids) != 1 or kids[0].dep_ != "dobj" or kids[0].pos_ != "PROPN" or not _a_person(kids[0]):
        return None
    if any(c.dep_ == "cc" and cue.head.i < c.i < cue.i for c in cue.head.children):
        return None  # "She left the hall and thanked Tom Hill"
    return kids[0] if _ends_on_name(cue, kids[0]) else None


def _inverting_cue(cue: Token) -> bool:
    """A clause cue that takes no object or listener, right after a comma, hung on the clause before it."""
    lemma = cue_lemma(cue)
    if lemma not in CLAUSE_CUES or lemma in OBJECT_CUES or lemma in ADDRESSEE_CUES or lemma in DIRECTIVE_CUES:
        return False
    return cue.dep_ in ("conj", "parataxis") and cue.head.i < cue.i and cue.head.pos_ in ("VERB", "AUX") \
        and cue.i > 0 and cue.nbor(-1).text == "," and cue.tag_ in ("VBD", "VBZ", "VBP")


def _a_person(name: Token) -> bool:
    """A person's name, also one the NER missed that "who ..." follows."""
    return name.ent_type_ == "PERSON" or any(
        c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children) for c in name.children)


def _ends_on_name(cue: Token, obj: Token) -> bool:
    """The name ends the sentence, or only who or what the speaker is follows it."""
    after = [t for t in cue.sent if t.i > obj.i and not t.is_space]
    return not after or after[0].is_punct and (
        len(after) == 1 or any(c.dep_ in ("relcl", "appos", "acl") for c in obj.children))


def _subject(cue: Token) -> Token | None:
    inverted = inverted_object_speaker(cue)
    if inverted is not None:
        return inverted
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # "The figures, the company said, were wrong": the parser may hang the reported clause's
        # subject on the cue too; the speaker is the subject nearest before the cue.
        before = [c for c in subjects if c.i < cue.i]
        return before[-1] if before else subjects[0]
    for reading in (_conjunct_subject, _participle_clause_subject, _infinitive_subject, _inverted_named_subject):
        subj = reading(cue)
        if subj is not None:
            return subj
    if cue.tag_ == "VBG":
        participle_subject = _participle_subject(cue)
        if participle_subject is not None:
            return participle_subject
    return _adjacent_subject(cue)


def _conjunct_subject(cue: Token) -> Token | None:
    """"X said ... and added ...", "X arrived and said ...": a verb conjunct shares the subject."""
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX") and cue.head.i < cue.i:
        return subject(cue.head) if cue_lemma(cue.head) else own_subject(cue.head)
    return None


def _participle_clause_subject(cue: Token) -> Token | None:
    """"..., Trump said, adding ...": a participle takes the subject of the clause it hangs on."""
    if cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.head.i > cue.i and cue.i == cue.sent.start \
            and cue_lemma(cue) in CLAUSE_CUES and cue_lemma(cue) not in _MINDS \
            and any(c.dep_ == "ccomp" for c in cue.children):
        return own_subject(cue.head)  # "Noting that ..., Premier Reid told ...": the main clause's subject
    if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj") and cue.head.i < cue.i:
        verb = cue.head
        if own_subject(verb) is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") \
                and verb.head.i < verb.i:
            verb = verb.head  # "X took over and has championed ..., vowing to ...": the conjunct's subject
        return own_subject(verb)
    return None


def _infinitive_subject(cue: Token) -> Token | None:
    """"X continued to argue ...", "X went on to insist ...", "X took to Twitter to say ...": the subject
    of the verb the infinitive completes, unless that verb has an object who is the one to speak
    ("urged voters to say no"). Not a statement yet to be made or withheld ("is expected to outline",
    "will have to show", "refused to say")."""
    if not _completes_a_verb(cue):
        return None
    verb = cue.head
    chain = [verb]
    while verb.dep_ in ("acomp", "xcomp") and verb.head.i != verb.i and not any(
            c.dep_ in SUBJECT_DEPS for c in verb.children):
        verb = verb.head
        chain.append(verb)
    if any(c.dep_ in ("dobj", "dative") for c in verb.children) or any(
            v.lemma_.lower() in UNSAID_FRAMES or v.tag_ == "MD" or v.lower_ == "going" for v in chain):
        return None
    subj = own_subject(verb)
    if subj is not None and subj.lower_ != "it":  # "it is too early to say"
        return subj
    return None


def _completes_a_verb(cue: Token) -> bool:
    """A clause or evidence cue in the infinitive that completes another verb ("continued to argue")."""
    lemma = cue_lemma(cue)
    if cue.tag_ != "VB" or not (lemma in CLAUSE_CUES or lemma in EVIDENCE_CUES):
        return False
    return cue.dep_ == "xcomp" or cue.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                              for c in cue.children)


def _participle_subject(cue: Token) -> Token | None:
    """Who speaks in a participle cue the parse left without a subject: "voters saying they want ...",
    "emails with aides suggesting ..." (the noun it describes); "issued a statement saying ...",
    "emailed supporters saying ..." (who issued or sent it); "After saying that ..., Lee left", "in
    addition to stating that ..." (the subject of the verb the phrase hangs on)."""
    head = cue.head
    if cue.dep_ == "acl" and head.i < cue.i and head.pos_ in ("NOUN", "PROPN"):
        if head.dep_ in ("dobj", "dative") and head.head.pos_ == "VERB" and (
                head.lemma_.lower() in DOCUMENT_NOUNS or head.lemma_.lower() in _MESSAGE_NOUNS
                or head.head.lemma_.lower() in SENDING_VERBS):
            return own_subject(head.head)
        doer = _doer_of_the_act(head)
        return doer if doer is not None else head
    if cue.dep_ == "pcomp":
        verb = _verb_above(head)
        if verb.lemma_.lower() == "quote" and head.lower_ == "as":
            return _quoted_one(verb)
        if verb.pos_ in ("VERB", "AUX") and verb.i != cue.i:
            return own_subject(verb)
    return None


def _doer_of_the_act(head: Token) -> Token | None:
    """"Kell defended the plan saying it would ...": the participle hangs on an object that cannot
    speak (not a person, a group of people or an organisation); the one who did the act speaks."""
    verb = head.head
    if head.dep_ != "dobj" or verb.pos_ != "VERB" or could_speak(head) or head.lemma_.lower() in PEOPLE_NOUNS \
            or head.lower_ in PEOPLE_NOUNS:
        return None
    subj = own_subject(verb)
    return subj if subj is not None and subj.i < verb.i and could_speak(subj) and subj.pos_ != "PRON" \
        or subj is not None and subj.lower_ in ("he", "she", "they") else None


def _quoted_one(verb: Token) -> Token | None:
    """"X was quoted (by Y) as saying ...", "Y quoted X as saying ...": the one quoted speaks, the
    passive's subject or the active's object."""
    deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in verb.children) else ("dobj",)
    return next((c for c in verb.children if c.dep_ in deps), None)


def _verb_above(tok: Token) -> Token:
    """The nearest verb at or above `tok` (the root when there is none)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:  # Tokens are not singletons
        tok = tok.head
    return tok


def _adjacent_subject(cue: Token) -> Token | None:
    """When the parse lost the subject: a name or pronoun right before (or, inverted, right after) the cue."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ == "ADV":
        j -= 1
    if j >= 0 and doc[j].pos_ in ("PROPN", "PRON") and not doc[j].is_punct and doc[j].lower_ not in _NO_SPEAKER:
        return doc[j]
    k = cue.i + 1
    if k < len(doc) and doc[k].ent_type_ == "PERSON" and cue.i > 0 and doc[cue.i - 1].text in (",", "”", '"'):
        return doc[k]
    if j >= 0 and doc[j].text == ",":
        return _name_before_apposition(cue, j)
    return None


def _name_before_apposition(cue: Token, comma: int) -> Token | None:
    """"..., Peter Grant, chairman of Grant Energy, said": the parse lost the name before the apposition
    that ends at the comma at `comma`."""
    doc = cue.doc
    k = comma - 1
    while k > cue.sent.start and comma - k < 15 and doc[k].text != "," and doc[k].pos_ not in ("VERB", "AUX"):
        k -= 1
    if k > cue.sent.start and doc[k].text == "," and doc[k - 1].ent_type_ in ("PERSON", "ORG") \
            and any(t.lower_ in ROLE_HEADS for t in doc[k + 1:comma]):
        return doc[k - 1]
    return _person_before_two_appositions(cue, k) if k > cue.sent.start and doc[k].text == "," else None


def _person_before_two_appositions(cue: Token, comma: int) -> Token | None:
    """"..., Ana Ruiz, editor of the Harlow Times, Kenya, said": the apposition goes on with a place after
    another comma; the name is a person's before a comma, the role right after it."""
    doc = cue.doc
    k = comma - 1
    while k > cue.sent.start and comma - k < 15 and doc[k].text != "," and doc[k].pos_ not in ("VERB", "AUX"):
        k -= 1
    if k > cue.sent.start and doc[k].text == "," and doc[k - 1].ent_type_ == "PERSON" \
            and doc[k + 1].lower_ in ROLE_HEADS and all(t.ent_type_ in ("GPE", "LOC") for t in doc[comma + 1:cue.i - 1]):
        return doc[k - 1]
    return None


# ---- the speaker of a cue right before a quote ------------------------------------------------

def quote_cue_subject(cue: Token) -> Token | None:
    """The speaker of a cue right before a quote when the parse lost its subject: "a man yelled
    “...”" read as a reduced relative clause of "man", "Jo Lee (D-NY) said “...”" with the name
    before a parenthesis."""
    for reading in (_reduced_relative, _name_before_parenthesis, _inverted_speaker, _participle_verb_subject):
        subj = reading(cue)
        if subj is not None:
            return subj
    return None


def _reduced_relative(cue: Token) -> Token | None:
    if cue.dep_ in ("acl", "relcl") and cue.head.i == cue.i - 1 and cue.tag_ == "VBD" and cue.head.pos_ in (
            "NOUN", "PROPN"):
        return cue.head
    return None


def _name_before_parenthesis(cue: Token) -> Token | None:
    doc = cue.doc
    j = cue.i - 1
    if j > 0 and doc[j].text == ")":
        opening = next((k for k in range(j - 1, max(-1, j - 8), -1) if doc[k].text == "("), None)
        if opening is not None and opening > 0 and doc[opening - 1].pos_ == "PROPN":
            return doc[opening - 1]
    return None


def _inverted_speaker(cue: Token) -> Token | None:
    """"“...,” read one.": the inverted speaker parsed as the object."""
    doc = cue.doc
    j = cue.i - 1
    if j >= 0 and (doc[j].text in QUOTE_MARKS or doc[j].text == ",") and cue.i + 1 < len(doc):
        after = next((c for c in cue.rights if c.dep_ in ("dobj", "attr", "nsubj")), None)
        if after is not None and after.left_edge.i == cue.i + 1 and after.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return after
    return None


def _participle_verb_subject(cue: Token) -> Token | None:
    """"X shared the news, writing “...”", "X ended by saying “...”": the participle's subject is the
    one of the verb it hangs on."""
    if cue.tag_ != "VBG":
        return None
    verb = _verb_above(cue.head.head if cue.dep_ == "pcomp" else cue.head)
    if verb.i < cue.i:
        return own_subject(verb)
    return None
