"""The word lists and label sets the affiliation rules share (lists of 8 or more live in the lexicon)."""

from __future__ import annotations

from cooptool.extract import lexicon

ORG_LABELS = ("ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC")
# Labels that name an employer by themselves (no public office needed); the model often calls
# newspapers WORK_OF_ART and some bodies PRODUCT or FAC.
EMPLOYER_LABELS = ("ORG", "PRODUCT", "FAC", "WORK_OF_ART")
# Punctuation that ends a role phrase (not words: kept here).
STOP_PUNCT = {",", ";", "(", ")", "—", "–", ":", "“", "”", '"', "--"}
DETS = {"a", "an", "the", "its", "their", "his", "her"}
POSSESSIVE = {"'s", "’s", "'"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
ROLE_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "CCONJ", "PART"}
TITLE_PREFIXES = frozenset("co vice ex deputy joint acting under".split())
# Departments known by one word: "Treasury minister X" works at the Treasury.
INSTITUTIONS = frozenset("treasury exchequer pentagon kremlin".split())
# UK nations whose "Secretary" sits in the UK cabinet ("Wales Secretary", "Scottish Secretary").
UK_NATIONS = frozenset({"Wales", "Scotland", "Northern Ireland", "Welsh", "Scottish"})
# Words before a post that make it no longer, or not, the government's.
PAST_OR_SHADOW = ("former", "ex", "ex-", "shadow")

# "X, which ...", "X, said ...": a clause, not a role, after the name.
CLAUSE_START = lexicon.words("clause_openers")
# "X is now chairman of Y"
COPULA_FILLERS = lexicon.words("copula_adverbs")
# Nouns that describe an organisation before its name: "US investment bank X"; the "of" ones are
# also read after "of" and after a name ("Cara Diemont of IT firm Dimension Data").
ORG_DESCRIPTORS = lexicon.where("org_nouns", 1, "descriptor")
ORG_DESCRIPTORS_OF = lexicon.where("org_nouns", 1, "descriptor-of")
SPEECH_LEMMAS = lexicon.words("speaking_verbs")
# Titles between a post and a name ("Energy Minister Prince Abdulaziz", "Deputy Prime Minister Mr Prescott").
NAME_TITLES = lexicon.where("personal_titles", 1, "name-title")
# Company posts that, with no company named, belong to the organisation the article is about.
COMPANY_TITLES = lexicon.words("company_titles")
# Posts that belong to a state, so that a nationality before them names its government.
STATE_POSTS = lexicon.words("state_posts")
ENVOY_HEADS = lexicon.words("envoy_heads")
KIN_NOUNS = lexicon.words("kin_nouns")
DEMONYM_ENDINGS = lexicon.words("demonym_endings")
ROLE_WORDS = lexicon.union("role_heads", "role_modifiers")


def ends_like_demonym(word: str, *more: str) -> bool:
    """"French", "Chinese": the word ends as a nationality does."""
    return any(word.endswith(e) for e in DEMONYM_ENDINGS) or any(word.endswith(e) for e in more)
