"""How an action is done is an adverb: 'explained it to me patient', 'she sang so beautiful that'.

An adjective at the end of a clause, after a verb and what the verb governs (its object, a "to"
phrase, intensifiers), says how the action was done unless the verb is one that takes an adjective
about its object or subject ("make it clear", "came home happy"). The parser says which word is
the verb; the lexicon says which adjectives have an adverb people write.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.text.analysis import Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_INTENSIFIERS = word_class("intensifiers")
_OBJECT_WORDS = word_class("object_prepositions")
_DETERMINERS = word_class("determiners")
_OBJECT_PRONOUNS = word_class("object_pronouns")
_VERB_GROUP_WORDS = word_class("verb_group_words")
_CLAUSE_OPENERS = word_class("clause_openers")
_PARTICLES = word_class("motion_particles")
_AFTER_PARTICLE = word_class("manner_after_particle")
#: What may follow the adjective when it ends its clause.
_CLAUSE_END = frozenset(
    {
        ",",
        ";",
        ":",
        "and",
        "but",
        "when",
        "while",
        "as",
        "because",
        "so",
        "at",
        "in",
        "on",
        "with",
        "together",
        "before",
        "after",
        "until",
        "every",
        "all",
        "than",
        "that",
        "for",
        "during",
        "into",
        "is",
        "was",
        "between",
        "today",
        "yesterday",
        "now",
        "again",
        "there",
        "here",
    }
)


def _governing_verb(tokens: tuple[Token, ...], i: int) -> Token | None:
    """The verb the adjective at i follows, over its object and intensifiers ('told me the story so vivid')."""
    k = i - 1
    while k >= 0 and i - k <= 6:
        token = tokens[k]
        lowered = token.lower
        if token.lemma == "do" and i - k == 1 and not any(t.pos == "VERB" for t in tokens[i + 1 :]):
            return token  # "I did bad in the exam": "do" is the verb itself
        if (
            not token.text[:1].isalpha()
            or lowered in _CLAUSE_OPENERS - {"as", "so"}
            or lowered in _VERB_GROUP_WORDS
        ):
            return None
        if token.pos == "AUX":
            return None  # "it was so beautiful": a copula, the adjective describes the subject
        if token.pos == "VERB":
            return token if lexicon.verb_tags(lowered) else None
        if lowered in _PARTICLES and k == i - 1:
            k -= 1
            continue
        if (
            lowered in _INTENSIFIERS
            or (token.tag == "RB" and token.head == tokens[i].i)  # "showed me again patient"
            or lowered in _OBJECT_WORDS
            or lowered in _DETERMINERS
            or lowered in _OBJECT_PRONOUNS
            or token.dep == "compound:prt"  # "ran over immediate": the verb's particle
        ):
            k -= 1
            continue
        if token.pos in {"NOUN", "PROPN", "ADJ", "NUM", "PRON"}:
            k -= 1
            continue
        return None
    return None


def manner_adverb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'explained it to me patient', 'she sang so beautiful that': how an action is done is an adverb.

    Options (from the YAML rule): `keep` adjectives never turned into adverbs (hard/hardly mean different
    things), `adjective_verbs` that take an adjective about their object or subject (make it clear, came
    home happy), `subject_verbs` among them whose adjective describes the subject only, so not once
    they have an object (the soup tastes good / she tasted the soup careful), `also_nouns` adjectives
    still checked though they can be nouns (patient, kind).
    """
    keep = set(options.get("keep", ()))
    adjective_verbs = lexicon.LINKING_VERBS | set(options.get("adjective_verbs", ()))
    also_nouns = set(options.get("also_nouns", ()))
    subject_verbs = set(options.get("subject_verbs", ()))
    analysis = analyse(text)
    for index in range(len(analysis.sentences)):
        tokens = analysis.sentence_tokens(index)
        for i, token in enumerate(tokens):
            word = token.lower
            if (
                i < 2
                or word in keep
                or not (
                    token.pos == "ADJ"
                    or token.tag == "JJ"
                    or (word in also_nouns and token.pos in {"NOUN", "ADV"})
                    or (token.pos == "NOUN" and not lexicon.is_noun(word))  # "say it fluent" misread
                )
                or not lexicon.is_adjective(word)
            ):
                continue
            particle = tokens[i - 1].lower in _PARTICLES and tokens[i - 2].pos == "VERB"  # "ran over immediate"
            if tokens[i - 1].lower in _PARTICLES and word not in _AFTER_PARTICLE:
                continue  # "walk out unhappy": how the mover felt
            if tokens[i - 1].pos == "ADP" and tokens[i - 1].lower not in {"as", "so"} and not particle:
                continue  # "working in silent": after a preposition the word stands for a noun
            if lexicon.is_noun(word) and word not in also_nouns:
                continue  # "course material", "take part": read as a noun unless listed
            adverb = "well" if word == "good" else lexicon.adverb_of_adjective(word)
            if adverb is None or lexicon.verb_tags(word) & {"VBN", "VBG", "VBD"}:
                continue
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is not None and following.lower not in _CLAUSE_END and following.pos != "PUNCT":
                continue  # "a patient teacher", "kind to me": it describes a noun, or takes its own phrase
            if (
                following is not None
                and following.pos == "PUNCT"
                and following.text not in {",", ";", ":", ".", "!"}
            ):
                continue
            previous = tokens[i - 1].lower
            if previous in _DETERMINERS or previous.endswith(("thing", "one", "body")):
                continue  # "the poor", "their major", "something new": a noun, or after one
            before = i - 1
            while before >= 0 and tokens[before].lower in _INTENSIFIERS:
                before -= 1
            if before < i - 1 and (
                before < 0 or not (tokens[before].pos == "VERB" or tokens[before].lower in _OBJECT_PRONOUNS)
            ):
                continue  # "ideas most important in…": the intensifier does not follow a verb or its object
            verb = _governing_verb(tokens, i)
            if verb is None:
                continue
            lemma = verb.lemma
            has_object = any(
                child.dep in {"obj", "iobj"} and verb.i < child.i < token.i for child in analysis.children(verb)
            )
            if (
                lemma in adjective_verbs
                and not (word == "good" and lemma in {"go", "do", "play", "work"})
                and not (has_object and lemma in subject_verbs)
            ):
                continue  # "the soup tastes good" — but "she tasted each dish careful" has an object
            yield (
                token.start,
                token.end,
                lexicon.same_case(token.text, adverb),
                {"adjective": token.text, "verb": verb.text},
            )


MANNER_CHECKS = {"manner-adverb": manner_adverb}
