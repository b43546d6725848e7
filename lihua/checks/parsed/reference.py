"""Whom a pronoun points back to: its sex, and for a reflexive the subject of its clause.

"My mother had baked a cake by himself", "the boy lent me her jacket": the writer meant the person
just named. The sex check looks back over the current and the two previous sentences and speaks
only when every sexed word there (mother/uncle, names it knows, other pronouns) points the other
way and no person of unknown sex (a friend, Li Ming) stands in between.

"We are old enough to look after themselves": a reflexive refers to the subject of its clause,
which the parse gives (through "to" clauses, to the subject of the verb they hang from).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_MALE_NAMES_ALSO_WORDS = word_class("male_names_also_words")
_TITLES = word_class("titles")
_REFLEXIVE_BLOCKERS = word_class("reflexive_blockers")
#: People of either sex: when one of them is nearer than the sexed word, the pronoun may mean them.
_EITHER = word_class("either_sex_nouns")

_SWAP = {
    "he": "she",
    "him": "her",
    "his": "her",
    "himself": "herself",
    "she": "he",
    "herself": "himself",
    "hers": "his",
}
_PRONOUNS = set(_SWAP) | {"her"}
_SEXED_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
#: "his or her", "his, or her,", "he (or she)": a pronoun paired with the other sex means anyone.
_PAIRED_BEFORE = re.compile(
    r"\b(?:he|she|him|her|his|hers|himself|herself)\s*,?\s*\(?\s*(?:or|and)\s+$", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _sex(word: str, token_text: str, first: bool, proper: bool) -> str | None:
    """'m', 'f', '?' (a person of either sex, or a name not known) or None; `proper`: the parser
    reads the word as a name in its sentence (Martin, Ricky), though it is also a word."""
    lowered = word.lower()
    if lowered in lexicon.MALE_WORDS and (lowered not in _MALE_NAMES_ALSO_WORDS or token_text[:1].isupper()):
        return "m"
    if lowered in lexicon.FEMALE_WORDS and (
        lowered not in {"rose", "grace", "miss", "lily"} or token_text[:1].isupper()
    ):
        return "f"
    if lowered in _EITHER or (
        token_text[:1].isupper()
        and token_text[:1].isalpha()
        and token_text != "I"
        and (proper or not first and not lexicon.readings(lowered))
    ):
        return "?"  # a person of unknown sex (or a name we do not know)
    return None


def _mentions(tokens: tuple[Token, ...]) -> list[str | None]:
    """The sex each word of a sentence tells, if any; a name after Mr/Mrs/Ms takes the title's."""
    found: list[str | None] = []
    for i, token in enumerate(tokens):
        titled = i and tokens[i - 1].lower.rstrip(".") in _TITLES
        found.append(
            found[-1] if titled else _sex(token.lower.rstrip("."), token.text, i == 0, token.pos == "PROPN")
        )  # "Mr." is "mr"
    return found


def pronoun_sex(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'my mother … by himself': the pronoun's sex disagrees with every person just before it."""
    if not _SEXED_PRONOUN.search(text):
        return
    analysis = analyse(text)
    told = [_mentions(analysis.sentence_tokens(i)) for i in range(len(analysis.sentences))]
    for index in range(len(analysis.sentences)):
        mentions = [m for earlier in told[max(0, index - 2) : index] for m in earlier]
        sentence = analysis.sentence_tokens(index)
        earlier = len(mentions)
        for token, own in zip(sentence, told[index], strict=True):
            lowered = token.lower
            if (
                lowered in _PRONOUNS
                and not (  # "he/she", "his or her" mean anyone
                    "/" in text[max(0, token.start - 3) : token.start]
                    or _PAIRED_BEFORE.search(text[max(0, token.start - 16) : token.start])
                )
            ):
                sex = "m" if lowered in {"he", "him", "his", "himself"} else "f"
                candidates = mentions
                if lowered in _PLAIN_PRONOUNS and token.dep not in ("nmod:poss", "det:poss"):
                    candidates = mentions[:earlier] + _outside_clause(analysis, sentence, token, told[index])
                nearest = [m for m in candidates if m is not None]
                if nearest and "?" not in nearest[-3:] and sex not in nearest:
                    if lowered == "her":  # her: "his" as a possessive, "him" as an object
                        swapped = "his" if token.dep in ("nmod:poss", "det:poss") or token.tag == "PRP$" else "him"
                    else:
                        swapped = _SWAP[lowered]
                    fix = lexicon.same_case(token.text, swapped)
                    yield token.start, token.end, fix, {"pronoun": token.text}
            mentions.append(own)


#: An object he/him/she/her never means a person of its own clause ("She married him": him is not she);
#: a possessive may ("My uncle told us about his childhood").
_PLAIN_PRONOUNS = frozenset({"he", "him", "she", "her"})


def _clause_verb(analysis: Analysis, token: Token) -> Token:
    """The verb (or predicate) whose clause `token` stands in: "him" in "She married him" → married."""
    word = analysis.head(token)
    for _ in range(3):
        if word.dep in ("ROOT", "root") or word.pos in ("VERB", "AUX") or any(
                c.dep == "cop" for c in analysis.children(word)):
            return word
        word = analysis.head(word)
    return word


def _outside_clause(analysis: Analysis, sentence: tuple[Token, ...], pronoun: Token,
                    told: list[str | None]) -> list[str | None]:
    """The sentence's mentions before `pronoun`, with the subject and objects of its own clause
    left out (None in their place)."""
    verb = _clause_verb(analysis, pronoun)
    kept: list[str | None] = []
    for token, sex in zip(sentence, told, strict=True):
        if token.i >= pronoun.i:
            break
        co_argument = token.head == verb.i and (token.dep.startswith("nsubj") or token.dep in ("obj", "iobj"))
        kept.append(None if co_argument else sex)
    return kept


# himself/herself are left to the he/she check: "he … himself" may mean another man.
_REFLEXIVE_SUBJECT = {
    "myself": "i",
    "ourselves": "we",
    "yourself": "you",
    "yourselves": "you",
    "themselves": "they",
}
_OBJECT_OF_REFLEXIVE = {
    "myself": "me",
    "ourselves": "us",
    "yourself": "you",
    "yourselves": "you",
    "themselves": "them",
}
_REFLEXIVE_OF_SUBJECT = {"i": "myself", "we": "ourselves", "you": "yourself", "they": "themselves"}
_OWN_CLAUSE = frozenset({"ccomp", "csubj", "acl", "acl:relcl", "parataxis"})
_CONTROLLED = frozenset({"xcomp", "advcl", "conj"})  # clauses that take the subject of the verb above


def _subject_of(analysis: Analysis, word: Token) -> tuple[Token, Token] | None:
    """(subject, verb) for the clause `word` stands in: "we are old enough to look after [themselves]"
    gives "we"; an object's own "to" clause ("taught me to cook by myself") is left to the blockers."""
    node = word
    for _ in range(8):
        if node.is_root or node.dep in _OWN_CLAUSE or any(c.dep == "cop" for c in analysis.children(node)):
            break  # "I agree that (you should) be yourself": the reflexive's clause has no subject to read
        node = analysis.head(node)
        kids = analysis.children(node)
        subject = next((c for c in kids if c.dep in {"nsubj", "nsubj:pass"} and c.i < word.i), None)
        if subject is not None:
            return subject, node
        if node.pos in {"VERB", "AUX", "ADJ"} and node.dep not in _CONTROLLED:
            return None
        if node.is_root:
            break
    return None


def reflexive_subject(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'you can help myself', 'we are old enough to look after themselves': the reflexive is not the subject's."""
    analysis = analyse(text)
    for token in analysis.tokens:
        wanted = _REFLEXIVE_SUBJECT.get(token.lower)
        if wanted is None:
            continue
        found = _subject_of(analysis, token)
        if found is None:
            continue
        head, verb = found
        subject = head.lower
        between = {t.lower for t in analysis.tokens[verb.i : token.i]}
        if between & _REFLEXIVE_BLOCKERS or subject == wanted:
            continue  # "taught me to cook by myself": the reflexive belongs to the object
        plural_noun = head.pos == "NOUN" and lexicon.noun_number(subject) == "plural"
        if plural_noun and token.lower == "themselves":
            continue  # "few animals could sustain themselves"
        if subject in {"i", "we", "you", "they"} or plural_noun:
            # "you can help myself" means me; "we … look after themselves" means ourselves
            if token.lower in {"myself", "ourselves"} or subject not in _REFLEXIVE_OF_SUBJECT:
                fix = _OBJECT_OF_REFLEXIVE[token.lower]
            else:
                fix = _REFLEXIVE_OF_SUBJECT[subject]
            yield token.start, token.end, fix, {"pronoun": token.text, "subject": head.text}


REFERENCE_CHECKS = {"pronoun-sex": pronoun_sex, "reflexive-subject": reflexive_subject}
