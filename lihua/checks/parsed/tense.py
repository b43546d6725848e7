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
# "Two months later": a past time only inside a story already told in the past (a plan may say it too).
_LATER = re.compile(r"\b(?:a|an|one|two|three|four|five|six|few|several|some|\d+)\s+"
                    r"(?:minutes?|hours?|days?|weeks?|months?|years?)\s+later\b", re.IGNORECASE)
_FINITE_DEPS = frozenset({"ROOT", "conj", "advcl", "parataxis"})


def tense_of(token: Token, analysis: Analysis | None = None) -> str | None:
    """'past' or 'present' for a finite verb whose word leaves no doubt, else None; with `analysis`,
    a base form with a subject of its own ("my cousin visit us") counts as present too."""
    tag = penn(token)
    if tag in {"VB", "VBN"} and analysis is not None and token.pos == "VERB":
        kids = analysis.children(token)
        if any(c.dep == "nsubj" for c in kids) and not any(c.dep in {"aux", "mark", "aux:pass"} for c in kids):
            tag = "VBP" if tag == "VB" else "VBD"  # "my cousin visit us"; "the coach talked" read as a participle
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
                for c in analysis.children(node)) and not _as_soon_as(analysis, node):
            return True
        if node.dep in {"ccomp", "acl:relcl", "acl", "csubj"}:
            return True
        node = analysis.head(node)
    return False


_WHEN = word_class("time_conjunctions_of_story")  # not "as": "as though"


def _as_soon_as(analysis: Analysis, clause: Token) -> bool:
    """'As soon as we arrive': the parser hangs the clause from "soon"; it tells a time, not a reason."""
    return not clause.is_root and analysis.head(clause).lower == "soon"


def _time_clause(analysis: Analysis, clause: Token, words: frozenset[str] = _WHEN) -> bool:
    return _as_soon_as(analysis, clause) or any(
        c.lower in words and c.dep in {"mark", "advmod"} and c.i < clause.i for c in analysis.children(clause))


#: Time words that never mean "although" (a "while" clause may set a contrast: "While it turned out…").
_ONLY_TIME = _WHEN - {"while"}
_AT_THAT_TIME = _ONLY_TIME - {"before", "after", "until", "till"}


def _clause_of(analysis: Analysis, clause: Token) -> Token:
    """The clause an "as soon as" clause belongs to (the parser puts "soon" between them)."""
    head = analysis.head(clause)
    return analysis.head(head) if head.lower == "soon" and not head.is_root else head


def _clause_past(analysis: Analysis, clause: Token) -> bool:
    """The clause's finite word is plainly past ("I was a student", "my father said")."""
    words = [clause, *(c for c in analysis.children(clause) if c.dep in {"aux", "cop", "aux:pass"})]
    return any(tense_of(w) == "past" for w in words) and not any(tense_of(w) == "present" for w in words)


def _past_time_pair(analysis: Analysis, verb: Token, words: frozenset[str] = _WHEN) -> bool:
    """'When I was a student, I spend…', 'I was four when she passes away': a time clause and its main
    clause, one plainly past, the other the present verb."""
    if verb.dep == "advcl" and _time_clause(analysis, verb, words) and _clause_past(analysis, _clause_of(analysis, verb)):
        return True
    return any(c.dep == "advcl" and _time_clause(analysis, c, words) and _clause_past(analysis, c)
               for c in analysis.children(verb))


def _joined_to_past(analysis: Analysis, verb: Token) -> bool:
    """'We work harder and passed the ball': a verb joined by "and" to a plainly past verb of the same
    subject (the second verb has none of its own)."""
    if verb.dep == "conj":
        other = analysis.head(verb)
        own_subject = any(c.dep == "nsubj" for c in analysis.children(verb))
        return not own_subject and tense_of(other, analysis) == "past"
    return any(c.dep == "conj" and _past_without_subject(analysis, c) for c in analysis.children(verb))


def _past_without_subject(analysis: Analysis, verb: Token) -> bool:
    """A joined verb with no subject or auxiliary of its own, in a past form ("…and told stories": the
    tagger may read "told" as a participle)."""
    kids = analysis.children(verb)
    if any(k.dep in {"nsubj", "nsubj:pass", "expl", "csubj"} for k in kids):
        return False
    auxiliaries = [k for k in kids if k.dep in {"aux", "aux:pass"}]
    if auxiliaries:  # "…and was deeply moved": the auxiliary carries the tense
        return all(tense_of(k) == "past" for k in auxiliaries)
    return tense_of(verb, analysis) == "past" or (
        penn(verb) == "VBN" and verb.pos == "VERB" and "VBD" in lexicon.verb_tags(verb.lower))


def _feeling(analysis: Analysis, verb: Token) -> bool:
    """'I feel so sad that…': a linking verb with an adjective tells how someone felt then, no opinion."""
    return verb.lemma in {"feel", "look", "seem", "sound"} and any(
        c.dep == "xcomp" and c.pos == "ADJ" for c in analysis.children(verb))


def _time_clause_auxiliaries(analysis: Analysis, tokens: tuple[Token, ...], story: bool) -> Iterator[Token]:
    """'When the water is boiling, I put…': the present "is" / "has" of a time clause in a past story."""
    for token in tokens:
        if token.pos != "AUX" or token.dep not in {"aux", "cop", "aux:pass"} or tense_of(token) != "present":
            continue
        clause = analysis.head(token)
        if clause.dep != "advcl" or not _time_clause(analysis, clause) or in_quotes(analysis, token):
            continue
        if story or _clause_past(analysis, _clause_of(analysis, clause)):
            yield token


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
    opened: set[int] = set()  # paragraphs a past time ("Last Saturday…") has opened so far
    for index in range(len(analysis.sentences)):  # a window of a few sentences around: linear in the text
        near = [j for j in range(max(0, index - reach), min(len(tallies), index + reach + 1))
                if paragraph[j] == paragraph[index]]
        past = sum(tallies[j][0] for j in near)
        present = sum(tallies[j][1] for j in near)
        sentence = analysis.sentences[index]
        then = _THEN.search(text, sentence.start, sentence.end)
        then = then if then is None or not re.search(
            r"\b(?:since|from)\s+$", text[sentence.start:then.start()], re.IGNORECASE) else None
        needed = minimum - 1 if paragraph[index] in opened else minimum
        if then is not None:
            opened.add(paragraph[index])
        if not _sentence_ok(analysis, index):
            continue
        later = _LATER.search(text, sentence.start, sentence.end) is not None and past >= 1 and past >= present
        story = (past >= needed and past >= 3 * present) or then is not None or later
        tokens = analysis.sentence_tokens(index)
        if any(t.lemma in states and tense_of(t) == "present" and not _feeling(analysis, t)
               and not _joined_to_past(analysis, t) for t in tokens):
            continue  # "I think", "she likes": the writer's opinion, true now (not "we work and passed")
        flagged: set[int] = set()
        for token in (*_time_clause_auxiliaries(analysis, tokens, story), *_story_verbs(analysis, tokens, story)):
            past_form = "were" if token.lower == "are" else lexicon.verb_form(token.lower, "VBD")
            if token.i not in flagged and past_form and past_form.lower() != token.lower:
                flagged.add(token.i)
                yield token.start, token.end, lexicon.same_case(token.text, past_form), {"verb": token.text}


def _story_verbs(analysis: Analysis, tokens: tuple[Token, ...], story: bool) -> Iterator[Token]:
    """The present finite verbs (or copulas) of a sentence that a past story or a past verb beside them
    puts in the past: in a story window, plain verbs with a subject; "is" / "has" (a copula or the
    auxiliary of "are sitting", "has cooked") only beside a past time clause or a past verb joined to
    them ("When I came, my English is poor", "When we arrived, they are sitting in the hall")."""
    for token in tokens:
        clause = (
            analysis.head(token)
            if token.pos == "AUX"
            and (token.dep == "cop" or (token.dep == "aux" and token.lemma in {"be", "have"}))
            else token
        )  # "my drawing is poor", "the old people are sitting": the auxiliary carries the tense
        if clause.dep not in _FINITE_DEPS - {"parataxis"} or tense_of(token, analysis) != "present":
            continue
        if token is clause and token.pos != "VERB":
            continue
        kids = analysis.children(clause)
        paired = _past_time_pair(analysis, clause) or _joined_to_past(analysis, clause)
        if token.dep == "aux":
            if not _past_time_pair(analysis, clause, _AT_THAT_TIME):
                continue  # "I have weighed them and found": a joined verb shares the auxiliary;
                # "it is showing up before it used to" compares two times
        elif token is not clause or token.lemma in {"be", "have", "do"}:
            if not (_past_time_pair(analysis, clause, _ONLY_TIME) or _joined_to_past(analysis, clause)):
                continue  # a main "is" / "has" describes what is still true ("The farm is near the river")
        elif any(c.dep in {"aux", "aux:pass", "cop"} for c in kids):
            continue
        has_subject = any(c.dep == "nsubj" or (
            c.dep == "compound" and c.pos == "NOUN" and c.i == clause.i - 1 and c.i > 0
            and penn(analysis.tokens[c.i - 1]) in {"DT", "PRP$"}) for c in kids)  # "my father drives"
        if not has_subject or in_quotes(analysis, token) or _reported(analysis, clause):
            continue
        if any(c.dep == "nsubj" and c.pos == "PRON" and c.lower in {"this", "that"} for c in kids):
            continue  # "This shows…": the writer comments now on what the story told
        if story or paired:
            yield token


TENSE_CHECKS = {"story-present": story_present}
