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
_NOT_CAUSED_BY_PEOPLE = frozenset(_WORDS["felt_not_caused_by_people"])
_PEOPLE = frozenset(_WORDS["people_subjects"])


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, str, str]]:
    """Each participle of a feeling verb → ('ed' or 'ing', the other participle, the verb)."""
    forms: dict[str, tuple[str, str, str]] = {}
    for verb in _WORDS["feeling_verbs"]:
        ed, ing = lexicon.verb_form(verb, "VBN"), lexicon.verb_form(verb, "VBG")
        if ed and ing:
            forms[ed.lower()] = ("ed", ing.lower(), verb)
            forms[ing.lower()] = ("ing", ed.lower(), verb)
    return forms


def _subject(analysis: Analysis, word: Token) -> Token | None:
    """The subject the participle describes: of its copula ("the film was boring") or of the linking
    verb it completes ("I felt relaxing")."""
    kids = analysis.children(word)
    if any(c.dep == "cop" for c in kids) or word.tag == "VBG" and any(
            c.dep == "aux" and c.lemma == "be" for c in kids) and not any(c.dep in {"obj", "ccomp", "xcomp"} for c in kids):
        holder = word  # "the film was boring"; "I was tiring" (read as a progressive with no object)
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
        kind, other, verb = form
        if subject is None or kind == "ed" and any(
                c.dep in {"obl", "obl:agent", "ccomp", "xcomp"} for c in analysis.children(word)):
            continue  # "the city was shocked by the news": a place may stand for its people
        thing = subject.lower in _CAUSES and subject.pos == "NOUN" or subject.lower == "which"  # a thing
        following = analysis.tokens[word.i + 1] if word.i + 1 < len(analysis.tokens) else None
        done_to_someone = following is not None and (following.pos in {"PRON", "DET", "NOUN", "PROPN"}
                                                     or following.lower == "to")  # "very exciting to watch"
        person = subject.lower in _FEELERS or (
            subject.lower in _PEOPLE and verb in _NOT_CAUSED_BY_PEOPLE and not done_to_someone)
        if kind == "ed" and thing and word.lower not in _ED_OF_THINGS or (kind == "ing" and person):
            yield word.start, word.end, lexicon.same_case(word.text, other), {
                "subject": subject.text, "word": word.text}


FEELING_CHECKS = {"swapped-participle": swapped_participle}
