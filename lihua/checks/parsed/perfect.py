"""The present perfect against the time a sentence names: a finished time takes the past simple
('has been set up last year' → was set up), a period running from "since" takes the perfect
('I am interested in music since I was a child' → have been).

The parse says which verb the time phrase hangs from and what marks it ("since 2019", "two years
ago", "last Sunday"); the word lists (lihua/data/parsed_words.yaml) name the nouns "last" makes a
finished time and the verbs that start a period in a "since" clause, so a "since" of cause ("since
you asked, I am glad to explain") is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.tense import tense_of
from lihua.checks.parsed.words import in_place_of, in_quotes, penn, subject_number, word_set
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter

_YEAR = re.compile(r"(?:19|20)\d\d")


def _finished_time(analysis: Analysis, clause: Token) -> Token | None:
    """A dependent of the clause that names a finished time: yesterday, two days ago, last year, in 2015."""
    nouns = word_set("finished_time_nouns")
    periods = word_set("period_prepositions")
    for child in analysis.children(clause):
        if child.i < clause.i and child.dep != "advmod":
            continue  # a fronted noun phrase ("Last year I have…") is left to the story checks; a fronted
            # adverb ("Two days ago, I have…") is judged
        kids = analysis.children(child)
        marks = {c.lower for c in kids if c.dep == "case"}
        previous = analysis.tokens[child.i - 1].lower if child.i else ""
        if (previous in periods or marks & periods) and not (marks == {"in"} and previous == "in"):
            continue  # "since yesterday", "for the last year"
        if child.lower == "yesterday" or (child.lower == "ago" and penn(child) == "RB"):
            return child
        if child.lower in nouns and any(c.lower == "last" and c.dep == "amod" for c in kids) and not any(
            c.dep in {"det", "case", "nummod"} for c in kids
        ):
            return child
        if marks == {"in"} and child.pos == "NUM" and _YEAR.fullmatch(child.text) and not any(
            t.lower == "for" for t in analysis.tokens[clause.i : child.i]
        ):
            return child  # not "has budgeted for port security in 2005": a year planned for
    return None


def _past_of(analysis: Analysis, have: Token, clause: Token) -> tuple[int, int, str] | None:
    """The span from "have" to the verb and its past simple: 'has been set' → 'was set', 'have lost' → 'lost'."""
    text = analysis.text
    subject = next((c for c in analysis.children(clause) if c.dep in {"nsubj", "nsubj:pass"}), None)
    number = subject_number(analysis, subject, have) if subject is not None else None
    plural = number in {"plural", "you"} if number else have.lower in {"have", "'ve", "’ve"}
    if subject is not None and subject.i and analysis.tokens[subject.i - 1].lower == "and":
        plural = True  # "Tom and I have been…" (the parser may lose "Tom")
    been = next((t for t in analysis.tokens[have.i + 1 : clause.i + 1] if t.lower == "been"), None)
    if been is not None:
        was = "were" if plural else "was"
        if been.dep == "cop" and any(c.lower == "to" and c.dep == "case" for c in analysis.children(clause)):
            was = "went"  # "I have been to Beijing in 2015" → went
        between = text[have.end : been.start]  # "has already been built" → "was already built"
        fix = lexicon.same_case(have.text.lstrip("'’"), was) + (" " + between.strip() if between.strip() else "")
        return have.start, been.end, in_place_of(have, fix)
    if clause.pos != "VERB" or penn(clause) != "VBN":
        return None
    between = text[have.end : clause.start]
    if re.search(r"\bnot\b|n['’]t", between, re.IGNORECASE) or have.text.lower().endswith(("n't", "n’t")):
        return None  # "haven't seen him yesterday": the fix is "didn't see", left to the message
    past = lexicon.verb_form(clause.text, "VBD")
    if not past:
        return None
    return have.start, clause.end, in_place_of(have, (between.strip() + " " + past).strip())


def perfect_with_past_time(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'A new school has been set up last year' → was set up; 'I have lost my key yesterday' → lost."""
    analysis = analyse(text)
    for have in analysis.tokens:
        if have.lemma != "have" or have.dep != "aux" or penn(have) not in {"VBP", "VBZ"}:
            continue
        clause = analysis.head(have)
        time = _finished_time(analysis, clause)
        if time is None or in_quotes(analysis, have):
            continue
        fix = _past_of(analysis, have, clause)
        if fix is not None:
            start, end, replacement = fix
            yield start, end, replacement, {"time": text[_phrase_start(analysis, time) : time.end]}


def _phrase_start(analysis: Analysis, token: Token) -> int:
    """Where the phrase a token heads begins ("two days ago", "last year")."""
    return min(t.start for t in analysis.subtree(token))


def _since_period(analysis: Analysis, clause: Token) -> Token | None:
    """The "since" that opens a period for the clause: since 2019 / since then / since I came here."""
    starts = word_set("since_start_verbs")
    times = word_set("since_time_words") | word_set("finished_time_nouns")
    ages = word_set("since_ages")
    for child in analysis.children(clause):
        kids = analysis.children(child)
        if child.dep in {"obl", "advmod", "obl:unmarked"} and any(c.lower == "since" and c.dep == "case" for c in kids):
            words = {t.lower for t in analysis.subtree(child)}
            if child.pos == "NUM" or words & times:
                return child  # since 2019, since then, since last year — not "since wolf recovery"
        if child.dep == "advcl" and any(c.lower == "since" and c.dep == "mark" for c in kids):
            finite = [c for c in kids if c.dep in {"aux", "cop", "aux:pass"}] or [child]
            past = any(tense_of(w) == "past" for w in finite) or (
                penn(child) in {"VBD", "VBN"} and "VBD" in lexicon.verb_tags(child.lower)
            )
            age = any(c.dep == "cop" for c in kids) and (
                child.lemma in ages or child.pos == "NUM" or any(c.pos == "NUM" or c.dep == "case" for c in kids)
            )  # "since I was a child / ten / in Grade 7" — not "since you were so kind"
            if past and (age or (child.lemma in starts and child.pos == "VERB")):
                return child
    return None


def since_needs_perfect(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I am interested in music since I was a child' → have been; 'we live here since 2019' → have lived."""
    analysis = analyse(text)
    for clause in analysis.tokens:
        if clause.dep not in {"ROOT", "conj", "ccomp"}:
            continue
        kids = analysis.children(clause)
        subject = next((c for c in kids if c.dep in {"nsubj", "nsubj:pass"}), None)
        if subject is None or subject.lower in {"it", "this", "that"}:
            continue  # "it is three years since we met" is right
        helpers = [c for c in kids if c.dep in {"aux", "aux:pass", "cop"} and c.i < clause.i]
        if len(helpers) > 1 or _since_period(analysis, clause) is None or in_quotes(analysis, clause):
            continue
        if penn(clause) in {"JJS", "RBS"} or any(c.lower in {"now", "still"} for c in kids):
            continue  # "at their highest since April", "since then I now use": a comparison, or the now
        if helpers:
            word = helpers[0]
            if word.lower not in {"am", "is", "are", "'m", "'re", "’m", "’re", "'s", "’s"} or word.dep != "cop":
                continue  # modals, "have", the progressive ("am learning since…") and passives are left alone
            fix = "has been" if word.lower in {"is", "'s", "’s"} else "have been"
            replacement = in_place_of(word, lexicon.same_case(word.text.lstrip("'’"), fix))  # "I'm" → "I have been"
            yield word.start, word.end, replacement, {"verb": word.text}
        elif clause.pos == "VERB" and tense_of(clause, analysis) == "present" and penn(clause) in {"VBP", "VBZ"}:
            participle = lexicon.verb_form(clause.text, "VBN")
            if participle and participle.lower() != clause.lower:
                have = "has" if penn(clause) == "VBZ" else "have"
                yield clause.start, clause.end, f"{have} {participle}", {"verb": clause.text}


PERFECT_CHECKS = {"perfect-with-past-time": perfect_with_past_time, "since-needs-perfect": since_needs_perfect}
