"""A lone past verb in a paragraph told in the present: 'Every spring my family plants trees … We
worked hard, and we are always tired'.

One pass reads each clause of the text (a verb with a subject in the parse) with the tense of its
finite word, a second judges each paragraph from its counts: linear in the text. A sentence that
names a past time ("last year", "then") or tells two things in the past is a memory, not a slip;
verbs of telling ("my teacher said") and forms that are also the present ("put", "read") are left
alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.tense import tense_of
from lihua.checks.parsed.words import AUX, SUBJECT, in_quotes, penn, subject_number
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_PAST_MARKERS = re.compile(
    r"\b(?:yesterday|ago|last\s+(?:week|weekend|month|year|term|semester|summer|winter|spring|autumn|night|time|holiday|"
    r"vacation|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|in\s+(?:19|20)\d\d|when\s+(?:i|we|he|she|they)\s+(?:was|were)|the\s+"
    r"(?:next|following)\s+(?:day|morning|week)|as\s+a\s+child|one\s+day|then|once|before|used|just|first)\b",
    re.IGNORECASE,
)
_REPORTING = word_class("reporting_verbs")
_KEEPING_PRESENT = word_class("openers_keeping_present") | {"when", "after", "before", "since"}
_BE_HAVE_DO = word_class("be_have_do")
_MAIN = frozenset({"ROOT", "conj", "parataxis"})  # a main clause, or one joined to it


@dataclass(frozen=True)
class _Clause:
    verb: Token  # the clause's predicate in the parse
    finite: Token  # its finite word: the verb itself or its auxiliary
    tense: str | None  # "past", "present", "modal" or None (either, or not finite)
    subject: Token


def _clauses(analysis: Analysis) -> list[_Clause]:
    """Every verb with a subject of its own, with the tense its finite word shows."""
    found: list[_Clause] = []
    by_verb: dict[int, _Clause] = {}
    for token in analysis.tokens:
        if token.pos not in {"VERB", "AUX", "ADJ", "NOUN"}:
            continue
        kids = analysis.children(token)
        subject = next((c for c in kids if c.dep in SUBJECT and c.i < token.i), None)
        if subject is None and token.dep == "conj" and token.pos == "VERB" and token.head in by_verb:
            subject = by_verb[
                token.head
            ].subject  # "we worked hard and go home": the joined verb shares the subject
        if subject is None:
            misread = _misread_verb(analysis, token)
            if misread is not None:
                found.append(_Clause(token, token, "present", misread))
            continue
        helpers = [c for c in kids if c.dep in AUX and subject.i < c.i < token.i]
        finite = helpers[0] if helpers else token
        if finite.pos not in {"VERB", "AUX"}:
            continue
        tense = "modal" if penn(finite) == "MD" else tense_of(finite)
        if tense is None and penn(finite) in {"VBP", "VBZ"} and _past_only(finite):
            tense = "past"  # "we sang songs" tagged as a present: the word has no present form
        found.append(_Clause(token, finite, tense, subject))
        by_verb[token.i] = found[-1]
    return found


def _past_only(token: Token) -> bool:
    tags = lexicon.verb_tags(token.lower)
    return "VBD" in tags and not tags & {"VB", "VBZ"}


def _misread_verb(analysis: Analysis, token: Token) -> Token | None:
    """'my mother waters the trees', read by the parser as one noun: an -s word after "my/the +
    noun" and before an object is a present verb; counted for the paragraph's tense, never flagged."""
    tokens = analysis.tokens
    if (
        penn(token) != "NNS"
        or "VBZ" not in lexicon.verb_tags(token.lower)
        or token.i < 2
        or token.i + 1 >= len(tokens)
    ):
        return None
    person, owner, after = tokens[token.i - 1], tokens[token.i - 2], tokens[token.i + 1]
    if (
        person.head == token.i
        and person.pos == "NOUN"
        and penn(owner) in {"DT", "PRP$"}
        and (penn(after) in {"DT", "PRP$", "NNS"})
    ):
        return person
    return None


def _opener(analysis: Analysis, verb: Token) -> str:
    """The word that opens the clause ("when", "that", "because"), or ""."""
    return next((c.lower for c in analysis.children(verb) if c.dep == "mark" and c.i < verb.i), "")


def present_tense(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Every year we clean the house and … we cleaned it': a past verb in a paragraph told in the present."""
    analysis = analyse(text)
    starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    by_paragraph: dict[int, list[_Clause]] = {}
    for clause in _clauses(analysis):
        by_paragraph.setdefault(bisect_right(starts, clause.finite.start) - 1, []).append(clause)
    past_in_sentence: dict[int, int] = {}
    for clauses in by_paragraph.values():
        for clause in clauses:
            if clause.tense == "past":
                past_in_sentence[clause.verb.sent] = past_in_sentence.get(clause.verb.sent, 0) + 1
    marked: dict[int, bool] = {}
    for clauses in by_paragraph.values():
        present = [c for c in clauses if c.tense == "present"]
        past = [c for c in clauses if c.tense == "past"]
        if len(present) < 4 or len(past) * 3 > len(present):
            continue
        for clause in past:
            verb = clause.finite
            if verb is not clause.verb or verb.lower in _BE_HAVE_DO or past_in_sentence[verb.sent] > 1:
                continue
            if verb.dep not in _MAIN or in_quotes(analysis, verb):
                continue  # "the idea you acquired", "what he wanted", a quotation: told from another time  # "had gone", "was happy"; a whole sentence in the past is a memory, not a slip
            if verb.sent not in marked:
                sentence = analysis.sentences[verb.sent]
                marked[verb.sent] = _PAST_MARKERS.search(text, sentence.start, sentence.end) is not None or (
                    "?" in text[sentence.start : sentence.end]
                )
            if marked[verb.sent] or _opener(analysis, verb) in _KEEPING_PRESENT or verb.lemma in _REPORTING:
                continue  # "last year we planted", "because it rained", "my teacher said…"
            if "VB" in lexicon.verb_tags(verb.lower):
                continue  # "put", "read": also the present
            number = subject_number(analysis, clause.subject, verb)
            if number is None:
                continue
            fix = lexicon.verb_form(verb.text, "VBZ" if number == "sing3" else "VB")
            if fix and fix.lower() != verb.lower:
                yield verb.start, verb.end, lexicon.same_case(verb.text, fix), {"verb": verb.text}


PRESENT_CHECKS = {"present-tense": present_tense}
