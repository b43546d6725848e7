"""Rule checks that read clauses (subject + verb) instead of phrases: present tense, parallel verbs, manner.

They share the shallow reader in `lihua.checks.clauses`; each is named from a YAML rule, which gives it
its id, wording, severity and examples.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lihua.checks import lexicon
from lihua.checks.clauses import (
    BE_HAVE_DO,
    CLAUSE_OPENERS,
    DETERMINERS,
    MODALS,
    OBJECT_PRONOUNS,
    PRONOUN_PERSON,
    TIME_NOUNS,
    Clause,
    Sentence,
    Token,
    clauses,
    sentence_clauses,
    sentences,
    verb_tense,
)
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_BEFORE_BASE_VERB = word_class("before_base_verb")
_CLAUSE_BOUNDARIES = word_class("clause_boundaries")
_TIME_OPENERS = word_class("time_openers")
_VERB_GROUP_WORDS = word_class("verb_group_words")

Hit = tuple[int, int, str | None, dict[str, str]]

_PAST_MARKERS = re.compile(
    r"\b(?:yesterday|ago|last\s+(?:week|weekend|month|year|term|semester|summer|winter|spring|autumn|night|time|holiday|"
    r"vacation|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|in\s+(?:19|20)\d\d|when\s+(?:i|we|he|she|they)\s+(?:was|were)|the\s+(?:next|following)\s+"
    r"(?:day|morning|week)|as\s+a\s+child|one\s+day)\b", re.IGNORECASE)
_PRESENT_MARKERS = re.compile(
    r"\b(?:now|today|nowadays|these\s+days|at\s+present|currently|tomorrow|next|will|hope|wish|future)\b|[“”\"?]",
    re.IGNORECASE)
# Habits ("every morning we walk…") may be told in either tense: only a past sentence decides.
_HABIT_MARKERS = re.compile(r"\b(?:every|always|usually|often|sometimes|never|ever|still|each)\b", re.IGNORECASE)
_REPORTING = word_class("reporting_verbs")
_OPENERS_KEEPING_PRESENT = word_class("openers_keeping_present")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line or paragraph: a story's tense is judged paragraph by paragraph."""
    spans, start = [], 0
    for match in re.finditer(r"\n+", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _sentence_text(text: str, sentence: Sentence) -> str:
    return text[sentence.start : sentence.end]


def _lemma(word: str) -> str:
    read = lexicon.readings(word)
    return (read.get("VERB") or read.get("AUX") or ("",))[0]


_THEN_WORDS = re.compile(r"\b(?:then|once|before|ago|used|just|first)\b", re.IGNORECASE)


@dataclass
class _SentenceFacts:
    """What the tense checks ask of one sentence, read once: its clauses, its markers, its finite words.

    Asked per clause, a search of the sentence's text costs the sentence's length each time, which
    grows with the square of a long sentence's length; read once, it is one pass per sentence.
    """

    clauses: list[Clause]
    verb_starts: list[int]  # of `clauses`, in text order
    past_markers: list[tuple[int, int]]  # (start, end) of each past-time phrase, in text order
    present: bool  # a present-time word, a quote or a question
    habit: bool  # every, always, usually…
    then_words: bool  # then, once, before…
    past: int  # clauses in the past
    present_clauses: int  # clauses in the present
    past_with_time_opener: bool  # "when I woke up", "before we left"
    finite_words: list[int]  # indices of tokens that read as a finite verb (and not as a noun)

    def first_marker_from(self, position: int) -> tuple[int, int] | None:
        """The first past-time phrase starting at or after `position`."""
        at = bisect_left(self.past_markers, (position, -1))
        return self.past_markers[at] if at < len(self.past_markers) else None

    def verb_between(self, after: int, before: int) -> bool:
        """Another clause's verb starts strictly between the two offsets."""
        return bisect_left(self.verb_starts, before) > bisect_right(self.verb_starts, after)


class _TextFacts:
    """The clauses of a text grouped by sentence and paragraph, for checks that compare them."""

    def __init__(self, text: str) -> None:
        self.found = clauses(text)
        by_sentence: dict[tuple[int, int], list[Clause]] = {}
        for clause in self.found:
            by_sentence.setdefault((clause.sentence.start, clause.sentence.end), []).append(clause)
        self._sentences = {key: _sentence_facts(text, found[0].sentence, found) for key, found in by_sentence.items()}
        self.paragraphs = _paragraphs(text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]

    def sentence(self, clause: Clause) -> _SentenceFacts:
        return self._sentences[(clause.sentence.start, clause.sentence.end)]

    def paragraph_of(self, position: int) -> int | None:
        """The index of the paragraph (start <= position <= end) holding `position`."""
        at = bisect_right(self._paragraph_starts, position) - 1
        if at >= 0 and position <= self.paragraphs[at][1]:
            return at
        return None

    def by_paragraph(self) -> list[list[Clause]]:
        """The clauses of each paragraph, in text order."""
        grouped: list[list[Clause]] = [[] for _ in self.paragraphs]
        for clause in self.found:
            at = self.paragraph_of(clause.verb.start)
            if at is not None:
                grouped[at].append(clause)
        return grouped


def _sentence_facts(text: str, sentence: Sentence, found: list[Clause]) -> _SentenceFacts:
    body = _sentence_text(text, sentence)
    tenses = [verb_tense(c) for c in found]
    finite = [i for i, t in enumerate(sentence.tokens)
              if lexicon.verb_tags(t.lower) & {"VBD", "VBZ"} and not lexicon.is_noun(t.lower)]
    return _SentenceFacts(
        clauses=found, verb_starts=[c.verb.start for c in found],
        past_markers=[(sentence.start + m.start(), sentence.start + m.end()) for m in _PAST_MARKERS.finditer(body)],
        present=bool(_PRESENT_MARKERS.search(body)), habit=bool(_HABIT_MARKERS.search(body)),
        then_words=bool(_THEN_WORDS.search(body)), past=tenses.count("past"), present_clauses=tenses.count("present"),
        past_with_time_opener=any(tense == "past" and c.opener in _TIME_OPENERS for c, tense in zip(found, tenses, strict=True)),
        finite_words=finite)


@lru_cache(maxsize=16)
def _facts(text: str) -> _TextFacts:
    return _TextFacts(text)


def present_tense(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Every year we clean the house and … we cleaned it': a past verb in a paragraph told in the present."""
    facts = _facts(text)
    for in_paragraph in facts.by_paragraph():
        inside = [c for c in in_paragraph if c.confident]
        present = [c for c in inside if verb_tense(c) == "present" and c.verb.lower not in MODALS]
        past = [c for c in inside if verb_tense(c) == "past"]
        if len(present) < 4 or len(past) * 3 > len(present):
            continue
        for clause in past:
            sentence = facts.sentence(clause)
            if sentence.past_markers or sentence.then_words:
                continue
            if clause.opener in _OPENERS_KEEPING_PRESENT | {"when", "after", "before", "since"}:
                continue
            if sentence.past > 1:
                continue  # a whole sentence in the past is a memory, not a slip
            word = clause.verb.lower
            tags = lexicon.verb_tags(word)
            if _lemma(word) in _REPORTING:
                continue  # "my teacher said…", "I learned from your website…": telling what happened
            if word in BE_HAVE_DO or "VB" in tags:
                continue  # was/had, and forms that are also the present ("put", "read"), are left alone
            fix = lexicon.verb_form(clause.verb.text, "VBZ" if clause.person == "singular" else "VB")
            if fix and fix.lower() != word:
                yield clause.verb.start, clause.verb.end, lexicon.same_case(clause.verb.text, fix), {"verb": clause.verb.text}


_COORDINATORS = word_class("coordinators")
_SKIPPABLE = word_class("skippable_adverbs")
_OBJECT_STARTERS = word_class("object_starters")


_MAIN_CLAUSE_OPENERS = {"", ",", "and", "but", "so", "then", ";"}


def _nominal_word(token: Token) -> bool:
    return token.is_word and lexicon.is_noun(token.lower) and token.lower not in PRONOUN_PERSON


@lru_cache(maxsize=256)
def _clauses_by_verb(sentence: Sentence) -> dict[int, Clause]:
    """The sentence's clauses by the index of their verb (one clause per verb)."""
    return {clause.verb_index: clause for clause in sentence_clauses(sentence)}


@lru_cache(maxsize=256)
def _first_with_tag(sentence: Sentence) -> dict[str, int]:
    """For each verb tag, the index of the first token (modals aside) that can carry it."""
    first: dict[str, int] = {}
    for i, token in enumerate(sentence.tokens):
        if token.lower not in MODALS:
            for tag in lexicon.verb_tags(token.lower):
                first.setdefault(tag, i)
    return first


def _head_verb(sentence: Sentence, before: int) -> tuple[int, str] | None:
    """The verb that a coordinated verb at `before` shares its form with: 'to dig … and', 'sang … and'."""
    tokens = sentence.tokens
    by_verb = _clauses_by_verb(sentence)
    for k in range(before - 1, max(-1, before - 9), -1):
        token = tokens[k]
        if token.text in {",", ";", ":"} or token.lower in _CLAUSE_BOUNDARIES:
            return None
        previous = tokens[k - 1].lower if k else ""
        clause = by_verb.get(k)
        if token.lower in {"was", "were", "is"} and clause is not None and clause.opener in _MAIN_CLAUSE_OPENERS:
            # "I was shy and seldom spoke", "she is eighty and lives alone"
            return k, "past" if token.lower != "is" else "3sg"
        if token.lower in BE_HAVE_DO | {"be", "been", "being"}:
            return None  # "had cleaned and …": the form is the auxiliary's business
        tags = lexicon.verb_tags(token.lower)
        if not tags or token.lower in lexicon.PREPOSITIONS:
            continue
        if previous == "to" or previous in MODALS or previous in _BEFORE_BASE_VERB:
            if "VB" in tags:
                return k, "base"
            return None
        if k >= 2 and previous in PRONOUN_PERSON and _nominal_word(tokens[k - 2]) and tokens[k - 2].lower not in TIME_NOUNS:
            return None  # "the ideas they gave us and…": a clause inside a noun phrase
        if tags & {"VBD"} and not tags & {"VB", "VBZ"} and (
                previous in PRONOUN_PERSON or previous in {"then", "also", "and"}
                or clause is not None):
            if "VBN" in tags and previous in {"been", "being", "get", "got"}:
                return None
            return k, "past"
        main = clause is not None and clause.confident and clause.opener in _MAIN_CLAUSE_OPENERS
        if tags == {"VBZ"} and main:
            return k, "3sg"  # "reading widens my mind and helps me relax"
        if "VB" in tags and "VBD" not in tags and previous in {"i", "we", "they", "you"} and main:
            return k, "present"  # "I carry her bags and read to her"
        if not (lexicon.is_noun(token.lower) or lexicon.is_adjective(token.lower)):
            return None  # another verb ("helps them understand … and make"): too far to tell
    return None


def parallel_verbs(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'showed us how to dig the soil and planting the seeds': verbs joined by and/but share a form."""
    for sentence in sentences(text):
        tokens = sentence.tokens
        for i, token in enumerate(tokens[:-2]):
            if token.lower not in _COORDINATORS:
                continue
            j = i + 1
            while j < len(tokens) - 1 and tokens[j].lower in _SKIPPABLE:
                j += 1
            verb = tokens[j]
            tags = lexicon.verb_tags(verb.lower)
            if not tags or verb.lower in BE_HAVE_DO | MODALS | lexicon.PREPOSITIONS:
                continue
            following = tokens[j + 1].lower if j + 1 < len(tokens) else ""
            read = lexicon.readings(verb.lower)
            linking = _lemma(verb.lower) in lexicon.LINKING_VERBS and lexicon.is_adjective(following)
            manner = following.endswith("ly") and lexicon.is_adverb(following)  # "talked and laughed happily"
            if ("NOUN" in read or "ADJ" in read) and following not in _OBJECT_STARTERS and not linking and not manner:
                continue  # "… and smell terrible" is a verb: a linking verb before its adjective
            if any(t.lower in PRONOUN_PERSON for t in tokens[i + 1 : j]):
                continue
            head = _head_verb(sentence, i)
            if head is None:
                continue
            k, form = head
            if token.lower == "but" and tokens[i - 1].lower == "help":
                continue  # "could not help but smile"
            first = _first_with_tag(sentence)  # modals never carry -ing, so "an -ing word before" is the same
            ing_before = first.get("VBG", len(tokens)) < i
            if form == "base" and not tags & {"VB"} and tags & {"VBG", "VBD", "VBZ"}:
                if "VBG" in tags and (following == "to" or ing_before):
                    continue  # "by listening … and copying", "avoid … and having to"
                if not tags & {"VBG"} and any(first.get(tag, len(tokens)) < k for tag in tags):
                    continue  # "she told us to wait and left": the -ed verb pairs with "told"
                fix = lexicon.verb_form(verb.text, "VB")
            elif form == "past" and not tags & {"VBD"} and tags & {"VB", "VBZ", "VBG"}:
                if "VBG" in tags and (not (following in _OBJECT_STARTERS or lexicon.is_noun(following)) or ing_before):
                    continue
                fix = lexicon.verb_form(verb.text, "VBD")
            elif form == "3sg" and tags & {"VB"} and not tags & {"VBZ", "VBD", "VBN"}:
                fix = lexicon.verb_form(verb.text, "VBZ")
            elif form == "present" and tags == {"VBG"} and following in _OBJECT_STARTERS and not ing_before:
                fix = lexicon.verb_form(verb.text, "VB")
            else:
                continue
            if fix and fix.lower() != verb.lower:
                yield verb.start, verb.end, fix, {"first": tokens[k].text, "verb": verb.text}


_INTENSIFIERS = word_class("intensifiers")
_CLAUSE_END = {",", ";", ":", "and", "but", "when", "while", "as", "because", "so", "at", "in", "on", "with",
               "together", "before", "after", "until", "every", "all", "than", "that", "for", "during", "into",
               "today", "yesterday", "now", "again", "there", "here"}
_OBJECT_WORDS = word_class("object_prepositions")


def manner_adverb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'explained it to me patient', 'she sang so beautiful that': how an action is done is an adverb.

    Options (from the YAML rule): `keep` adjectives never turned into adverbs (hard/hardly mean different
    things; "push it open" describes the object), `adjective_verbs` that take an adjective about their
    object or subject (make it clear, came home happy), `also_nouns` adjectives still checked though they
    can be nouns (patient, kind).
    """
    keep = set(options.get("keep", ()))
    adjective_verbs = lexicon.LINKING_VERBS | set(options.get("adjective_verbs", ()))
    also_nouns = set(options.get("also_nouns", ()))
    for sentence in sentences(text):
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            word = token.lower
            if i < 2 or word in keep or not lexicon.is_adjective(word):
                continue
            if lexicon.is_noun(word) and word not in also_nouns:
                continue  # "course material", "take part": read as a noun unless listed
            adverb = "well" if word == "good" else lexicon.adverb_of_adjective(word)
            if adverb is None or lexicon.verb_tags(word) & {"VBN", "VBG", "VBD"}:
                continue
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is not None and (following.lower if following.is_word else following.text) not in _CLAUSE_END:
                continue  # "a patient teacher", "kind to me": it describes a noun, or takes its own phrase
            previous = tokens[i - 1].lower
            if previous in DETERMINERS or previous.endswith(("thing", "one", "body")):
                continue  # "the poor", "their major", "something new": a noun, or after one
            before = i - 1
            while before >= 0 and tokens[before].lower in _INTENSIFIERS:
                before -= 1
            if before < i - 1 and (before < 0 or not (lexicon.verb_tags(tokens[before].lower)
                                                      or tokens[before].lower in OBJECT_PRONOUNS)):
                continue  # "ideas most important in…": the intensifier does not follow a verb or its object
            verb = _governing_verb(tokens, i)
            if verb is None:
                continue
            lemma = _lemma(verb.lower)
            if lemma in adjective_verbs and not (word == "good" and lemma in {"go", "do", "play", "work"}):
                continue
            yield token.start, token.end, lexicon.same_case(token.text, adverb), {"adjective": token.text, "verb": verb.text}


def _governing_verb(tokens: tuple[Token, ...], i: int) -> Token | None:
    """The verb an adjective at i follows, over its object and intensifiers ('told me the story so vivid')."""
    k = i - 1
    while k >= 0 and i - k <= 6:
        token = tokens[k]
        lowered = token.lower
        if not token.is_word or lowered in CLAUSE_OPENERS - {"as", "so"}:
            return None
        if lowered in _VERB_GROUP_WORDS:
            return None
        if lowered in _INTENSIFIERS or lowered in _OBJECT_WORDS or lowered in DETERMINERS or lowered in OBJECT_PRONOUNS:
            k -= 1
            continue
        tags = lexicon.verb_tags(lowered)
        before = tokens[k - 1].lower if k else ""
        if tags & {"VBD", "VBZ"} and not lexicon.is_noun(lowered) or tags and (
                before in {*PRONOUN_PERSON, *MODALS, "to"} or lexicon.noun_number(before) == "plural"):
            return token  # "she told", "to speak", "the sellers greet"
        if lexicon.is_noun(lowered) or lexicon.is_adjective(lowered):
            k -= 1
            continue
        return token if tags else None
    return None


CLAUSE_CHECKS = {
    "manner-adverb": manner_adverb,
    "present-tense": present_tense,
    "parallel-verbs": parallel_verbs,
}
