"""Feelings said with a participle: '-ed' for the one who feels, '-ing' for what makes them feel.

"The match was exciting" and "we were excited"; learners swap them ("the atmosphere is very
excited", "everyone was very exciting", "I felt so relaxing"). The parse gives the subject and the
linking verb or copula the participle completes; the word lists (lihua/data/parsed_words.yaml,
`modifiers`) say which subjects only cause a feeling and which only feel one, so a subject that may
be either ("he is boring", "the city was shocked") is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import in_quotes
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter

_WORDS = data_file("parsed_words.yaml")["modifiers"]
_CAUSES = frozenset(_WORDS["feeling_causes"])
_FEELERS = frozenset(_WORDS["feelers"])
_ED_OF_THINGS = frozenset(_WORDS["feeling_ed_of_things"])
_LINKING = frozenset(_WORDS["feeling_linking_verbs"])


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, str]]:
    """Each participle of a feeling verb → ('ed' or 'ing', the other participle)."""
    forms: dict[str, tuple[str, str]] = {}
    for verb in _WORDS["feeling_verbs"]:
        ed, ing = lexicon.verb_form(verb, "VBN"), lexicon.verb_form(verb, "VBG")
        if ed and ing:
            forms[ed.lower()] = ("ed", ing.lower())
            forms[ing.lower()] = ("ing", ed.lower())
    return forms


def _subject(analysis: Analysis, word: Token) -> Token | None:
    """The subject the participle describes: of its copula ("the film was boring") or of the linking
    verb it completes ("I felt relaxing")."""
    kids = analysis.children(word)
    if any(c.dep == "cop" for c in kids):
        holder = word
    elif word.dep == "xcomp" and analysis.head(word).lemma in _LINKING:
        holder = analysis.head(word)
    else:
        return None
    return next((c for c in analysis.children(holder) if c.dep == "nsubj"), None)


def swapped_participle(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'The atmosphere is very excited' → exciting; 'Everyone was very exciting' → excited."""
    analysis = analyse(text)
    forms = _forms()
    for word in analysis.tokens:
        form = forms.get(word.lower)
        if form is None or word.pos not in {"ADJ", "VERB"} or in_quotes(analysis, word):
            continue
        subject = _subject(analysis, word)
        kind, other = form
        if subject is None or kind == "ed" and any(
                c.dep in {"obl", "obl:agent", "ccomp", "xcomp"} for c in analysis.children(word)):
            continue  # "the city was shocked by the news": a place may stand for its people
        thing = subject.lower in _CAUSES and subject.pos == "NOUN" or subject.lower == "which"  # a thing
        if kind == "ed" and thing and word.lower not in _ED_OF_THINGS or (
                kind == "ing" and subject.lower in _FEELERS):
            yield word.start, word.end, lexicon.same_case(word.text, other), {
                "subject": subject.text, "word": word.text}


FEELING_CHECKS = {"swapped-participle": swapped_participle}
