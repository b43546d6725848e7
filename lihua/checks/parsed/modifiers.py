"""Adjective or adverb, judged by the word's role in the parse, not by its neighbours.

An adjective describes a noun or completes a linking verb ("I felt happy"); an adverb describes a
verb, an adjective or a clause ("extremely tired", "speak fluently"). The parser says what each
word modifies; the lexicon gives the other form (happily ↔ happy) and says whether a word is both
(fast, hard, early, friendly), in which case it is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter

#: The word lists are data: lihua/data/parsed_words.yaml.
_WORDS = data_file("parsed_words.yaml")["modifiers"]

#: Linking verbs whose complement describes the subject: "I felt happily" → "happy".
SENSE_VERBS = frozenset(_WORDS["sense_verbs"])
#: Adverbs that go well after a linking verb or on a noun phrase: "feel strongly", "especially students".
_FREE_ADVERBS = frozenset(_WORDS["free_adverbs"])
#: Adjective + adjective that English writes as one idea: "light blue", "brand new", "bitter cold".
_COMPOUND_FIRSTS = frozenset(_WORDS["compound_firsts"])
_CLAUSE_END = frozenset({"PUNCT", "CCONJ"})


def _ends_clause(analysis: Analysis, token: Token) -> bool:
    """Nothing of the clause follows: a full stop, a comma, "and", or the end of the text."""
    after = token.i + 1
    return after >= len(analysis.tokens) or analysis.tokens[after].pos in _CLAUSE_END or (
        analysis.tokens[after].sent != token.sent)


def _adjective_for(word: Token) -> str | None:
    """happily → happy, for a -ly adverb that is not an adjective itself (friendly, lovely, early)."""
    lowered = word.lower
    if not lowered.endswith("ly") or lowered in _FREE_ADVERBS or lexicon.is_adjective(lowered):
        return None
    return lexicon.adjective_of_adverb(word.text)


def _clause_follows(analysis: Analysis, word: Token, children: list[Token]) -> bool:
    """"I'm surely you will like it", "I am very happily to help": the predicate is followed by what it
    is about — a clause with its own subject, or a to-infinitive — so it is an adjective (sure, happy)."""
    after = word.i + 1
    if after < len(analysis.tokens) and analysis.tokens[after].dep.startswith("nsubj") and (
            analysis.tokens[after].head > word.i):
        return True
    return any(c.i > word.i and (c.dep in ("ccomp", "parataxis") or (c.dep in ("advcl", "xcomp") and any(
        m.lower == "to" and m.dep == "mark" for m in analysis.children(c)))) for c in children)


def adverb_as_complement(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I felt very happily', 'It sounds greatly', 'I'm surely': the complement of a linking verb is an adjective."""
    analysis = analyse(text)
    for word in analysis.tokens:
        misread = word.pos != "ADV" and word.tag != "RB"  # the tagger may read "feel nervously" as an adjective
        if misread and not lexicon.is_adverb(word.lower):
            continue
        fix = _adjective_for(word)
        if fix is None:
            continue
        head = analysis.head(word)
        children = analysis.children(word)
        if word.dep == "xcomp" and head.lemma in SENSE_VERBS and head.i < word.i:
            pass  # "I always feel nervously and…": the complement of the linking verb
        elif word.dep == "conj" and head.i < word.i and _is_complement(analysis, head):
            pass  # "I was both excited and nervously": joined to an adjective complement
        elif misread:
            continue
        elif word.dep == "advmod" and head.pos in ("VERB", "AUX") and head.lemma in SENSE_VERBS and head.i < word.i:
            between = analysis.tokens[head.i + 1:word.i]
            if not all(t.head == word.i and t.pos == "ADV" for t in between) or not _ends_clause(analysis, word):
                continue
        elif any(c.dep == "cop" for c in children) and any(c.dep.startswith("nsubj") for c in children):
            if not (_ends_clause(analysis, word) or _clause_follows(analysis, word, children)):
                continue
        else:
            continue
        yield word.start, word.end, fix, {"word": word.text}


def _is_complement(analysis: Analysis, word: Token) -> bool:
    """An adjective that completes a copula or a linking verb ("was excited", "felt tired")."""
    if word.pos != "ADJ":
        return False
    if any(c.dep == "cop" for c in analysis.children(word)):
        return True
    head = analysis.head(word)
    return word.dep == "xcomp" and head.lemma in SENSE_VERBS


def adverb_before_noun(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'a form of mentally relaxation', 'a real quickly way': a noun is described by an adjective."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens:
        if word.i + 1 >= len(tokens) or word.dep not in ("advmod", "amod"):
            continue
        noun = tokens[word.i + 1]
        if word.head != noun.i or noun.pos != "NOUN" or noun.dep == "compound" or not noun.text.isalpha():
            continue
        if noun.i + 1 < len(tokens) and tokens[noun.i + 1].text in ("-", "'s", "’s"):
            continue
        before = tokens[word.i - 1] if word.i else None
        object_of = before is not None and before.pos == "VERB" and noun.dep == "obj" and noun.head == before.i
        if before is None or not (before.pos in ("DET", "ADP", "ADJ") or before.tag == "PRP$" or object_of):
            continue  # "almost perfectly reply": the "noun" may be a verb; a determiner or preposition says not
        fix = _adjective_for(word)
        if fix:
            yield word.start, word.end, fix, {"word": word.text, "noun": noun.text}


def adjective_for_adverb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'extreme tired', 'terrible sorry': an adjective cannot describe another adjective; the adverb can."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens:
        if word.tag != "JJ" or word.dep not in ("advmod", "amod") or word.i + 1 >= len(tokens):
            continue
        head = tokens[word.i + 1]
        lowered = word.lower
        if word.head != head.i or head.tag not in ("JJ", "VBN") or head.pos != "ADJ" or lowered in _COMPOUND_FIRSTS:
            continue  # an adjective on an adjective (either relation the parser gives it), not on a noun
        if lexicon.is_adverb(lowered) or not lexicon.is_adjective(lowered):
            continue
        fix = lexicon.adverb_of_adjective(word.text)
        if fix:
            yield word.start, word.end, fix, {"word": word.text, "adjective": head.text}


MODIFIER_CHECKS = {
    "parsed-adverb-as-complement": adverb_as_complement,
    "parsed-adverb-before-noun": adverb_before_noun,
    "parsed-adjective-for-adverb": adjective_for_adverb,
}
