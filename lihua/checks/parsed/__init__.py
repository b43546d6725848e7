"""Checks that read the parse (lihua.text.analysis): each finds one kind of error from the
sentence's structure (word class and relation in its sentence), combined with word facts from
`lihua.checks.lexicon`, in one pass over the tokens."""

from __future__ import annotations

from lihua.checks.parsed.agreement import AGREEMENT_CHECKS
from lihua.checks.parsed.coordination import COORDINATION_CHECKS
from lihua.checks.parsed.feelings import FEELING_CHECKS
from lihua.checks.parsed.infinitives import INFINITIVE_CHECKS
from lihua.checks.parsed.manner import MANNER_CHECKS
from lihua.checks.parsed.modifiers import MODIFIER_CHECKS
from lihua.checks.parsed.nouns import NOUN_CHECKS
from lihua.checks.parsed.participles import PARTICIPLE_CHECKS
from lihua.checks.parsed.perfect import PERFECT_CHECKS
from lihua.checks.parsed.phrases import PHRASE_CHECKS
from lihua.checks.parsed.prepositions import PREPOSITION_CHECKS
from lihua.checks.parsed.present import PRESENT_CHECKS
from lihua.checks.parsed.pronouns import PRONOUN_CHECKS
from lihua.checks.parsed.questions import QUESTION_CHECKS
from lihua.checks.parsed.reference import REFERENCE_CHECKS
from lihua.checks.parsed.relatives import RELATIVE_CHECKS
from lihua.checks.parsed.tense import TENSE_CHECKS
from lihua.checks.parsed.verbs import VERB_CHECKS

_TABLES = (AGREEMENT_CHECKS, VERB_CHECKS, INFINITIVE_CHECKS, TENSE_CHECKS, NOUN_CHECKS, MODIFIER_CHECKS, FEELING_CHECKS,
           PRONOUN_CHECKS, RELATIVE_CHECKS, PREPOSITION_CHECKS, COORDINATION_CHECKS, MANNER_CHECKS, PHRASE_CHECKS,
           PRESENT_CHECKS, REFERENCE_CHECKS, QUESTION_CHECKS, PERFECT_CHECKS,
           PARTICIPLE_CHECKS)
PARSED_CHECKS = {name: check for table in _TABLES for name, check in table.items()}
#: a name two modules give would silently run only one of the checks (the later)
_TWICE = sorted({name for table in _TABLES for name in table if sum(name in t for t in _TABLES) > 1})
if _TWICE:
    raise ImportError(f"parsed checks named twice: {', '.join(_TWICE)}")
