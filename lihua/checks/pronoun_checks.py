"""A pronoun that disagrees in sex with the only person mentioned just before it.

"My mother had baked a cake by himself", "the boy lent me her jacket": the writer meant the person
just named. The check looks back over the current and the two previous sentences; it speaks only
when every sexed word there (nouns like mother/uncle, names it knows, and other pronouns) points
the other way and no person of unknown sex (a friend, Li Ming) stands in between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lihua.checks import lexicon
from lihua.checks.clauses import Sentence, sentence_clauses, sentences
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_MALE_NAMES_ALSO_WORDS = word_class("male_names_also_words")
_TITLES = word_class("titles")
_REFLEXIVE_BLOCKERS = word_class("reflexive_blockers")

Hit = tuple[int, int, str | None, dict[str, str]]

_SWAP = {"he": "she", "him": "her", "his": "her", "himself": "herself",
         "she": "he", "herself": "himself", "hers": "his"}
_PRONOUNS = set(_SWAP) | {"her"}
_SEXED_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
# "his or her", "his, or her,", "he (or she)": a pronoun paired with the other sex means anyone.
_PAIRED_BEFORE = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\s*,?\s*\(?\s*(?:or|and)\s+$",
                            re.IGNORECASE)
# People of either sex: when one of them is nearer than the sexed word, the pronoun may mean them.
_EITHER = word_class("either_sex_nouns")


@lru_cache(maxsize=4096)
def _sex(word: str, token_text: str, first: bool) -> str | None:
    lowered = word.lower()
    if lowered in lexicon.MALE_WORDS and (lowered not in _MALE_NAMES_ALSO_WORDS or token_text[:1].isupper()):
        return "m"
    if lowered in lexicon.FEMALE_WORDS and (lowered not in {"rose", "grace", "miss", "lily"} or token_text[:1].isupper()):
        return "f"
    if lowered in _EITHER or token_text[:1].isupper() and not first and token_text != "I" and not lexicon.readings(lowered):
        return "?"  # a person of unknown sex (or a name we do not know)
    return None


def pronoun_sex(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'my mother … by himself': the pronoun's sex disagrees with every person just before it."""
    if not _SEXED_PRONOUN.search(text):
        return
    found = sentences(text)
    for index, sentence in enumerate(found):
        window: list[Sentence] = list(found[max(0, index - 2) : index])
        mentions: list[str] = []
        for earlier in window:
            mentions += _sentence_mentions(earlier)
        own = _sentence_mentions(sentence)
        for position, token in enumerate(sentence.tokens):
            lowered = token.lower
            paired = "/" in text[max(0, token.start - 3) : token.start] or bool(
                _PAIRED_BEFORE.search(text[max(0, token.start - 16) : token.start]))
            if lowered in _PRONOUNS and not paired:  # "he/she", "his or her" mean anyone
                sex = "m" if lowered in {"he", "him", "his", "himself"} else "f"
                nearest = [m for m in mentions if m is not None]
                if nearest and "?" not in nearest[-3:] and sex not in nearest:
                    # "her" may be him or his: no single fix
                    fix = None if lowered == "her" else lexicon.same_case(token.text, _SWAP[lowered])
                    yield token.start, token.end, fix, {"pronoun": token.text}
            mentions.append(own[position])


@lru_cache(maxsize=256)
def _sentence_mentions(sentence: Sentence) -> tuple[str | None, ...]:
    """The sex each word tells, if any; a name after Mr/Mrs/Ms takes the title's (Ms. Lin is a woman)."""
    found: list[str | None] = []
    for i, token in enumerate(sentence.tokens):
        titled = i and sentence.tokens[i - 1].lower in _TITLES
        found.append(found[-1] if titled else _sex(token.lower, token.text, i == 0))
    return tuple(found)


# himself/herself are left to the he/she check: "he … himself" may mean another man.
_REFLEXIVE_SUBJECT = {"myself": "i", "ourselves": "we", "yourself": "you", "yourselves": "you", "themselves": "they"}
_OBJECT_OF_REFLEXIVE = {"myself": "me", "ourselves": "us", "yourself": "you", "yourselves": "you", "themselves": "them"}
_REFLEXIVE_OF_SUBJECT = {"i": "myself", "we": "ourselves", "you": "yourself", "they": "themselves"}


def reflexive_subject(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'you can help myself', 'we are old enough to look after themselves': the reflexive is not the subject's."""
    for sentence in sentences(text):
        found = sentence_clauses(sentence)
        for position, token in enumerate(sentence.tokens):
            wanted = _REFLEXIVE_SUBJECT.get(token.lower)
            if wanted is None:
                continue
            owners = [c for c in found if c.verb_index < position]
            if not owners:
                continue
            clause = owners[-1]
            subject = clause.head.lower
            between = {t.lower for t in sentence.tokens[clause.verb_index : position]}
            if between & _REFLEXIVE_BLOCKERS or subject == wanted:
                continue  # "taught me to cook by myself": the reflexive belongs to the object
            plural_noun = lexicon.noun_number(subject) == "plural"
            if plural_noun and token.lower == "themselves":
                continue  # "few animals could sustain themselves"
            if subject in {"i", "we", "you", "they"} or plural_noun:
                # "you can help myself" means me; "we … look after themselves" means ourselves
                if token.lower in {"myself", "ourselves"} or subject not in _REFLEXIVE_OF_SUBJECT:
                    fix = _OBJECT_OF_REFLEXIVE[token.lower]
                else:
                    fix = _REFLEXIVE_OF_SUBJECT[subject]
                yield token.start, token.end, fix, {"pronoun": token.text, "subject": clause.head.text}


PRONOUN_CHECKS = {"pronoun-sex": pronoun_sex, "reflexive-subject": reflexive_subject}
