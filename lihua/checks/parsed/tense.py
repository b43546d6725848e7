"""Story tense read from the parse: a present verb in a paragraph told in the past.

One pass counts, per sentence, the finite verbs whose form is plainly past or plainly present
(the parser says which verb is finite, the word's own forms say which tense it can be: "put" and
"read" count for neither); a second pass flags the present verbs of a sentence whose neighbours in
its paragraph (two either side) are told in the past. Linear in the text. Left alone: reported speech and general truths (a clause under
"said that", "learned that"), opinions and states ("I think", "I hope", "she likes"), habits and
the writer's now ("now", "every day", "these days"), quotations, questions and the future.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import in_quotes, penn, word_set
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_NOW = re.compile(r"\b(?:now|today|nowadays|these\s+days|at\s+present|currently|every|always|usually|often|"
                  r"sometimes|never|ever|still|each|tomorrow|next|will|future|hope|wish)\b|[?]|['’]ll\b",
                  re.IGNORECASE)
# A time in the past named in the sentence itself: "Last July I join a camp" needs no story around it.
_THEN = re.compile(r"\b(?:yesterday|ago|last\s+(?:week|weekend|month|year|term|summer|winter|spring|autumn|night|"
                   r"time|holiday|vacation|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|"
                   r"may|june|july|august|september|october|november|december)|in\s+(?:19|20)\d\d|one\s+day|"
                   r"the\s+(?:next|following)\s+(?:day|morning|week))\b", re.IGNORECASE)
_FINITE_DEPS = frozenset({"ROOT", "conj", "advcl", "parataxis"})


def tense_of(token: Token, analysis: Analysis | None = None) -> str | None:
    """'past' or 'present' for a finite verb whose word leaves no doubt, else None; with `analysis`,
    a base form with a subject of its own ("my cousin visit us") counts as present too."""
    tag = penn(token)
    if tag == "VB" and analysis is not None and token.pos == "VERB":
        kids = analysis.children(token)
        if any(c.dep == "nsubj" for c in kids) and not any(c.dep in {"aux", "mark", "aux:pass"} for c in kids):
            tag = "VBP"
    if token.pos not in {"VERB", "AUX"} or tag not in {"VBD", "VBZ", "VBP"}:
        return None
    tags = lexicon.verb_tags(token.lower)
    if token.lower in {"was", "were", "had", "did"} or (tag == "VBD" and "VBD" in tags and "VB" not in tags):
        return "past"
    if token.lower in word_class("present_finite_auxiliaries") or (tag in {"VBZ", "VBP"} and tags and "VBD" not in tags):
        return "present"
    return None


def _paragraph_of(text: str) -> list[int]:
    """The start offset of every paragraph (a line break starts one)."""
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _sentence_ok(analysis: Analysis, index: int) -> bool:
    """A sentence that may carry a slip: no "now", habit, question, quote or future in it."""
    sentence = analysis.sentences[index]
    return _NOW.search(analysis.text[sentence.start:sentence.end]) is None


def _reported(analysis: Analysis, verb: Token) -> bool:
    """The verb stands in a clause under another verb or noun ("said that it is", "the reason it is"),
    or after a present-tense frame ("I think", "I know")."""
    node = verb
    for _ in range(8):
        if node.is_root:
            return False
        if node.dep in {"ccomp", "csubj", "acl", "acl:relcl", "xcomp", "advcl"} and any(
                c.dep == "mark" and c.lower in word_class("clause_openers_keeping_tense")
                for c in analysis.children(node)):
            return True
        if node.dep in {"ccomp", "acl:relcl", "acl", "csubj"}:
            return True
        node = analysis.head(node)
    return False


_WHEN = word_class("time_conjunctions_of_story")  # not "as": "as though"


def _time_clause(analysis: Analysis, clause: Token) -> bool:
    return any(c.lower in _WHEN and c.dep in {"mark", "advmod"} and c.i < clause.i for c in analysis.children(clause))


def _clause_past(analysis: Analysis, clause: Token) -> bool:
    """The clause's finite word is plainly past ("I was a student", "my father said")."""
    words = [clause, *(c for c in analysis.children(clause) if c.dep in {"aux", "cop", "aux:pass"})]
    return any(tense_of(w) == "past" for w in words) and not any(tense_of(w) == "present" for w in words)


def _past_time_pair(analysis: Analysis, verb: Token) -> bool:
    """'When I was a student, I spend…', 'I was four when she passes away': a time clause and its main
    clause, one plainly past, the other the present verb."""
    if verb.dep == "advcl" and _time_clause(analysis, verb) and _clause_past(analysis, analysis.head(verb)):
        return True
    return any(c.dep == "advcl" and _time_clause(analysis, c) and _clause_past(analysis, c)
               for c in analysis.children(verb))


def story_present(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'When I tear it apart, my father said…': a present verb in a paragraph told in the past."""
    analysis = analyse(text)
    minimum = int(options.get("minimum_past", 4))
    reach = int(options.get("window", 2))
    starts = _paragraph_of(text)
    paragraph = [0] * len(analysis.sentences)
    tallies: list[tuple[int, int]] = []
    p = 0
    for index, sentence in enumerate(analysis.sentences):  # one pass: each sentence's clear tenses
        while p + 1 < len(starts) and starts[p + 1] <= sentence.start:
            p += 1
        paragraph[index] = p
        tenses = [tense_of(token, analysis) for token in analysis.sentence_tokens(index)]
        tallies.append((tenses.count("past"), tenses.count("present")))
    states = word_set("state_verbs")
    for index in range(len(analysis.sentences)):  # a window of a few sentences around: linear in the text
        near = [j for j in range(max(0, index - reach), min(len(tallies), index + reach + 1))
                if paragraph[j] == paragraph[index]]
        past = sum(tallies[j][0] for j in near)
        present = sum(tallies[j][1] for j in near)
        if not _sentence_ok(analysis, index):
            continue
        sentence = analysis.sentences[index]
        then = _THEN.search(text, sentence.start, sentence.end)
        story = (past >= minimum and past >= 3 * present) or (
            then is not None and not re.search(r"\b(?:since|from)\s+$", text[sentence.start:then.start()], re.IGNORECASE))
        tokens = analysis.sentence_tokens(index)
        if any(t.lemma in states and tense_of(t) == "present" for t in tokens):
            continue  # "I think", "she likes": the writer's opinion, true now
        for token in tokens:
            if token.pos != "VERB" or token.dep not in _FINITE_DEPS - {"parataxis"} or tense_of(token, analysis) != "present":
                continue
            kids = analysis.children(token)
            if token.lemma in {"be", "have", "do"} or any(c.dep in {"aux", "aux:pass", "cop"} for c in kids):
                continue
            has_subject = any(c.dep == "nsubj" or (
                c.dep == "compound" and c.pos == "NOUN" and c.i == token.i - 1 and c.i > 0
                and penn(analysis.tokens[c.i - 1]) in {"DT", "PRP$"}) for c in kids)  # "my father drives"
            if not has_subject or in_quotes(analysis, token) or _reported(analysis, token):
                continue
            if any(c.dep == "nsubj" and c.pos == "PRON" and c.lower in {"this", "that"} for c in kids):
                continue  # "This shows…": the writer comments now on what the story told
            if not story and not _past_time_pair(analysis, token):
                continue
            past_form = lexicon.verb_form(token.lower, "VBD")
            if past_form and past_form.lower() != token.lower:
                yield token.start, token.end, lexicon.same_case(token.text, past_form), {"verb": token.text}


TENSE_CHECKS = {"story-present": story_present}
