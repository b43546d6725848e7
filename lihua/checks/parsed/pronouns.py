"""Pronoun case and form judged by the pronoun's role in the parse.

A subject takes I/he/she/we/they, an object me/him/her/us/them: the parser says which the
pronoun is, so "Me and him went" and "help they" are found wherever they stand. "between you
and I" is a question of style and is left alone, as is every "I" (too often misread).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

#: The word lists are data: lihua/data/parsed_words.yaml.
_WORDS = data_file("parsed_words.yaml")["pronouns"]

SUBJECT_OF = {"me": "I", "him": "he", "us": "we", "them": "they"}
OBJECT_OF = {"he": "him", "she": "her", "we": "us", "they": "them"}
POSSESSIVE_OF_REFLEXIVE = {"myself": "my", "yourself": "your", "himself": "his", "herself": "her",
                           "itself": "its", "ourselves": "our", "yourselves": "your", "themselves": "their"}
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Words after which a subject pronoun is right: "taller than he (is)", "as he".
_COMPARISON = word_class("comparison_words")
#: What follows "its" only when the writer meant "it's" (it is / it has).
_AFTER_ITS = frozenset(_WORDS["after_its"])


def _is_finite_clause(analysis: Analysis, verb: Token) -> bool:
    """The verb, or an auxiliary or copula on it, is finite: "him is", "me and him went"."""
    if verb.tag in _FINITE_TAGS:
        return True
    return any(c.dep in ("aux", "cop", "aux:pass") and c.tag in _FINITE_TAGS for c in analysis.children(verb))


def object_pronoun_as_subject(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Him is my friend', 'Me and my sister went': an object pronoun as the subject of a verb."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens:
        fix = SUBJECT_OF.get(word.lower)
        if fix is None:
            continue
        subject = word
        if word.dep == "conj":
            subject = analysis.head(word)
        if subject.dep != "nsubj":
            continue
        verb = analysis.head(subject)
        if verb.i < word.i or not _is_finite_clause(analysis, verb):
            continue
        if word.i and tokens[word.i - 1].lower in word_class("verbs_taking_object_then_verb"):
            continue  # "let him go": an object the parser may read as a subject
        if word.i and tokens[word.i - 1].pos in ("VERB", "ADP", "AUX"):
            continue
        replacement = fix if fix == "I" or not word.text[:1].isupper() else fix.capitalize()
        yield word.start, word.end, replacement, {"pronoun": word.text}


def subject_pronoun_as_object(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'help they', 'with he and his wife': a subject pronoun as the object of a verb or preposition."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens:
        fix = OBJECT_OF.get(word.lower)
        if fix is None or word.i == 0:
            continue
        before = tokens[word.i - 1]
        if before.lower in _COMPARISON or before.pos == "PUNCT":
            continue
        after = tokens[word.i + 1] if word.i + 1 < len(tokens) else None
        if after is not None and after.pos in ("VERB", "AUX") and after.sent == word.sent:
            continue  # "I think he is": a clause the parser may hang wrongly
        object_of_verb = word.dep in ("obj", "iobj") and analysis.head(word).pos == "VERB" and before.i == word.head
        object_of_preposition = (word.dep in ("obl", "nmod") and before.pos == "ADP" and before.head == word.i
                                 and before.dep == "case")
        if not (object_of_verb or object_of_preposition):
            continue
        yield word.start, word.end, lexicon.same_case(word.text, fix), {"pronoun": word.text}


def reflexive_possessive(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """"myself's room": a reflexive has no possessive; "my own room"."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens[:-1]:
        fix = POSSESSIVE_OF_REFLEXIVE.get(word.lower)
        after = tokens[word.i + 1]
        if fix and after.text in ("'s", "’s", "'", "’") and after.start == word.end:
            yield word.start, after.end, lexicon.same_case(word.text, fix) + " own", {"pronoun": word.text}


def its_for_it_is(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'its a good idea': "its" owns something; "it is" is "it's"."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens[:-1]:
        if word.lower != "its":
            continue
        after = tokens[word.i + 1]
        if after.lower not in _AFTER_ITS or after.sent != word.sent:
            continue
        if after.lower == "very" and (word.i + 2 >= len(tokens) or tokens[word.i + 2].pos != "ADJ"):
            continue  # "its very nature"
        apostrophe = "’" if "’" in text else "'"
        yield word.start, word.end, lexicon.same_case(word.text, f"it{apostrophe}s"), {"word": word.text}


PRONOUN_CHECKS = {
    "parsed-object-pronoun-as-subject": object_pronoun_as_subject,
    "parsed-subject-pronoun-as-object": subject_pronoun_as_object,
    "parsed-reflexive-possessive": reflexive_possessive,
    "parsed-its-for-it-is": its_for_it_is,
}
