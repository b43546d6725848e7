"""What a word IS in its sentence, for the word-class conditions (`when`/`unless`) of the rules.

The lexicon (`lihua/checks/lexicon.py`) knows every class a word COULD have: "play" can be a
noun, so "good at play basketball" used to pass a rule with `unless: {mark: [noun]}`. Here the
conditions that name a word class are answered from the token's tag in the parsed sentence
(`lihua/text/analysis.py`), with the lexicon as a guard, because the tagger learnt correct
English and tags a learner's wrong word charitably:

- the lexicon says the word cannot be of the class → false (the tag is not trusted to invent one);
- every class the lexicon allows the word falls inside the predicate ("went": only a past form)
  → true, whatever the tag says;
- the word is ambiguous in the lexicon ("play": verb or noun) → the tag in this sentence decides.

Conditions that are not about a word class (`often-plural`, `noun-with-adjective`, the `-only`
forms that are lexicon facts by name …) keep their lexicon answer.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from lihua.checks import lexicon

if TYPE_CHECKING:
    from lihua.text.analysis import Analysis, Token

VERB = frozenset({"VB", "VBP", "VBD", "VBN", "VBG", "VBZ", "MD"})
NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
ADJECTIVE = frozenset({"JJ", "JJR", "JJS"})
ADVERB = frozenset({"RB", "RBR", "RBS", "WRB"})

#: Each word-class predicate → the Penn tags that mean it in a sentence (a leading "not-" negates).
#: verb-base covers VBP: Penn tags the base form used as a present tense ("they play") VBP.
TAG_CLASSES: dict[str, frozenset[str]] = {
    "verb": VERB,
    "verb-base": frozenset({"VB", "VBP"}),
    "verb-past": frozenset({"VBD"}),
    "verb-3sg": frozenset({"VBZ"}),
    "verb-ing": frozenset({"VBG"}),
    "verb-participle": frozenset({"VBN"}),
    "noun": NOUN,
    "plural-noun": frozenset({"NNS", "NNPS"}),
    "adjective": ADJECTIVE,
    "adverb": ADVERB,
}
NEGATED = {"not-verb": "verb", "not-verb-base": "verb-base", "not-noun": "noun", "not-adjective": "adjective"}

#: How a rule answers its word-class conditions (its `word_classes_from:` key, also a pack default):
#: "lexicon" (what the word could be: every rule's answer until the tagger is trusted on learner
#: text) or "sentence" (the tag in the parsed sentence, guarded by the lexicon as above).
#: Measured on gaokao/JFLEG dev with en_lihua_ewt, "sentence" for every rule lowered precision
#: (the tagger reads "play" in "good at play" as a noun), so "lexicon" is the default.
#: LIHUA_WORD_CLASSES=sentence|lexicon overrides every rule, to measure one against the other.
WORD_CLASS_MODES = ("lexicon", "sentence")
DEFAULT_MODE = "lexicon"
OVERRIDE = os.environ.get("LIHUA_WORD_CLASSES") if os.environ.get("LIHUA_WORD_CLASSES") in WORD_CLASS_MODES else None


def reads_sentence(name: str) -> bool:
    """Whether the condition `name` is a word class the sentence can answer (else: the lexicon's)."""
    return name in TAG_CLASSES or name in NEGATED


@lru_cache(maxsize=16384)
def lexicon_tags(word: str) -> frozenset[str]:
    """Every Penn tag the lexicon allows the word (verb forms, noun number, adjective degree, adverb)."""
    tags = set(lexicon.verb_tags(word))
    if lexicon.is_noun(word):
        number = lexicon.noun_number(word)
        tags.update({"NN"} if number == "singular" else {"NNS"} if number == "plural" else {"NN", "NNS"})
    if lexicon.is_adjective(word):
        degree = lexicon.adjective_degree(word)
        tags.add({"comparative": "JJR", "superlative": "JJS"}.get(degree or "", "JJ"))
    if lexicon.is_adverb(word):
        tags.add("RB")
    return frozenset(tags)


def in_sentence(name: str, word: str, token: Token, could_be: Callable[[str], bool]) -> bool:
    """Whether `word` (the token `token`) is of the class `name` here; `could_be`: the lexicon's answer."""
    if name in NEGATED:
        positive = NEGATED[name]
        return not in_sentence(positive, word, token, _POSITIVE[positive])
    tags = TAG_CLASSES[name]
    if not could_be(word):
        return False
    allowed = lexicon_tags(word)
    if allowed and allowed <= tags:
        return True
    return token.tag in tags


_POSITIVE: dict[str, Callable[[str], bool]] = {}


def register_positive(name: str, could_be: Callable[[str], bool]) -> None:
    """The lexicon answer of a positive class, which its `not-` form negates (set by rulebook)."""
    _POSITIVE[name] = could_be


_last: list[tuple[Analysis, list[int]]] = []


def token_at(analysis: Analysis, start: int, end: int) -> Token | None:
    """The one token spanning exactly [start, end), or None (a group of two words, or cut mid-token)."""
    last = _last[0] if _last else None  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is analysis:
        starts = last[1]
    else:
        starts = [token.start for token in analysis.tokens]
        _last[:] = [(analysis, starts)]
    at = bisect_left(starts, start)
    if at < len(starts) and starts[at] == start and analysis.tokens[at].end == end:
        return analysis.tokens[at]
    return None
