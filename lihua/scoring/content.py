"""Content-point coverage (内容要点): which points a letter covers, and the sentence that shows it.

A keyword covers a point when it appears in the body in any inflection ("make" also matches
"made", "making"; "race" matches "races"): lemminflect expands each keyword word once per prompt.
Multi-word keywords match as a run of words ("look forward to", "at 2 p.m."); a determiner or
possessive may stand between their words ("play with friends" matches "play with my friends").
Synonyms from the prompt count like keywords.

A point may name what kind of thing it asks for (`states: [time, place]`, the kinds are data in
lihua/data/point_kinds.yaml): it is then covered only when the body states each kind, so "meet at
the school gate at 8 a.m." covers "the time and place" whatever the prompt's keywords, and a
keyword in a sentence that says no time or place does not. Evidence is the sentence that states
the most: each kind it states counts one more than the phrases stating it, each keyword once.

Relevance: the share of the task's own words (situation, title, keywords, vocabulary) that
the letter uses. Off-topic letters use few of them. The letter's kind is read from phrases
("thank", "sorry", "invite"…) so a letter that answers a different kind of task is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from lihua.prompts.point_kinds import point_kinds
from lihua.scoring.words import scoring_words
from lihua.text.letter import Letter, Part
from lihua.text.sentences import Body, read_body, tokens_of
from lihua.text.word_classes import word_class

_GENERIC_TASK_WORDS = word_class("generic_task_words")
#: Words that may stand between the words of a keyword: "with friends" ~ "with my friends".
_FILLERS = word_class("keyword_fillers")
_MAX_FILLERS = 2


@dataclass
class PointCoverage:
    """One content point: covered or not, the words that covered it, and the sentence as evidence."""

    id: str
    en: str
    zh: str
    covered: bool
    matched: list[str] = field(default_factory=list)
    evidence: Part | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "en": self.en,
            "zh": self.zh,
            "covered": self.covered,
            "matched": list(self.matched),
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass
class ContentReading:
    """Everything the scorer knows about what a letter says, against one prompt."""

    points: list[PointCoverage]
    relevance: float  # share of the task's own words the letter uses (0–1)
    task_words_used: list[str]
    letter_kind: str | None  # the kind of letter it reads as, when clear
    expected_kind: str

    @property
    def covered(self) -> int:
        return sum(1 for p in self.points if p.covered)

    @property
    def answers_other_task(self) -> bool:
        """Reads as another kind of letter and covers at most one point: the wrong task."""
        return bool(self.letter_kind) and self.letter_kind != self.expected_kind and self.covered <= 1


@cache
def forms_of(word: str) -> frozenset[str]:
    """The word and every inflection lemminflect knows for it (and for its lemmas)."""
    from lihua.text.lemminflect_tables import warm

    warm()
    from lemminflect import getAllInflections, getAllLemmas

    forms = {word}
    lemmas = {lemma for found in getAllLemmas(word).values() for lemma in found} | {word}
    for lemma in lemmas:
        forms.add(lemma)
        for inflected in getAllInflections(lemma).values():
            forms.update(inflected)
    return frozenset(f.lower() for f in forms)


@cache
def keyword_forms(keyword: str) -> tuple[frozenset[str], ...]:
    """A keyword as a run of word-form sets; short function words match only themselves.

    Determiners inside the keyword are dropped ("join a club" → join … club), since any of them,
    or none, may stand there in a letter; the first and last words always stay.
    """
    stop = scoring_words().stop_words
    words = tokens_of(keyword)
    kept = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or w not in _FILLERS]
    return tuple(frozenset({w}) if (w in stop or not w.isalpha()) else forms_of(w) for w in kept)


def _sentence_of(body: Body, position: int) -> int:
    """Which sentence holds token `position`."""
    seen = 0
    for n, toks in enumerate(body.sentence_tokens):
        seen += len(toks)
        if position < seen:
            return n
    return len(body.sentence_tokens) - 1


def _run_at(toks: tuple[str, ...], start: int, run: tuple[frozenset[str], ...]) -> bool:
    """Does `run` match from token `start` (its first word already matched), fillers allowed between?"""
    i = start + 1
    for forms in run[1:]:
        skipped = 0
        while i < len(toks) and toks[i] not in forms and toks[i] in _FILLERS and skipped < _MAX_FILLERS:
            i += 1
            skipped += 1
        if i >= len(toks) or toks[i] not in forms:
            return False
        i += 1
    return True


def _hits(body: Body, keyword: str) -> set[int]:
    """Sentences in which `keyword` occurs."""
    run = keyword_forms(keyword)
    if not run:
        return set()
    toks = body.tokens
    return {_sentence_of(body, i) for form in run[0] for i in body.index.get(form, ()) if _run_at(toks, i, run)}


def _stated(body: Body, kind: str) -> dict[int, list[str]]:
    """Sentence index → the phrases that state `kind` there."""
    finder = point_kinds()[kind]
    found = {}
    for n, sentence in enumerate(body.sentences):
        phrases = finder.find_all(sentence.text)
        if phrases:
            found[n] = phrases
    return found


def _cover(body: Body, point: Any) -> PointCoverage:
    """One point: the keywords found, the kinds it asks for stated, and the sentence that shows it best."""
    votes: dict[int, int] = {}
    matched: list[str] = []
    for word in (*point.keywords, *getattr(point, "synonyms", [])):
        found = _hits(body, word)
        if found:
            matched.append(word)
            for n in found:
                votes[n] = votes.get(n, 0) + 1
    kinds = list(getattr(point, "states", []) or [])
    stated_all = True
    for kind in kinds:
        stated = _stated(body, kind)
        stated_all = stated_all and bool(stated)
        for n, phrases in stated.items():
            votes[n] = votes.get(n, 0) + 1 + len(phrases)
            matched += [words for words in phrases if words not in matched]
    covered = stated_all if kinds else bool(matched)
    evidence = body.sentences[max(sorted(votes), key=lambda n: votes[n])] if covered and votes else None
    return PointCoverage(point.id, point.en, point.zh, covered, matched if covered else [], evidence)


def read_content(letter: Letter, prompt: Any) -> ContentReading:
    """Cover each content point of `prompt` and measure how much the letter keeps to the task."""
    body = read_body(letter)
    points = [_cover(body, point) for point in prompt.content_points]
    task_words = _task_words(prompt)
    used = sorted(w for w in task_words if not forms_of(w).isdisjoint(body.index))
    relevance = len(used) / len(task_words) if task_words else 1.0
    return ContentReading(points, relevance, used, letter_kind(body), str(prompt.letter_type))


def _task_words(prompt: Any) -> frozenset[str]:
    """Content words of the situation, title, keywords and vocabulary (not the recipient or Li Hua)."""
    texts = [prompt.situation.en, prompt.title.en]
    texts += [w for p in prompt.content_points for w in (*p.keywords, *getattr(p, "synonyms", []), p.en)]
    texts += [v.en for v in getattr(prompt, "vocabulary", [])]
    return _words_of_task(tuple(texts), tuple((prompt.recipient, *getattr(prompt, "names", []))))


@lru_cache(maxsize=256)
def _words_of_task(texts: tuple[str, ...], name_texts: tuple[str, ...]) -> frozenset[str]:
    stop = scoring_words().stop_words
    names = {w for n in name_texts for w in tokens_of(n)}
    return frozenset(
        w for t in texts for w in tokens_of(t)
        if w.isalpha() and len(w) > 2 and w not in stop and w not in _GENERIC_TASK_WORDS and w not in names
    )


def letter_kind(body: Body) -> str | None:
    """The kind of letter the body reads as: the kind whose phrases it uses most, if clearly ahead."""
    words = scoring_words()
    counts: dict[str, int] = {}
    for phrase, n in words.letter_types.counts(body).items():
        for kind in words.letter_type_of.get(phrase, ()):
            counts[kind] = counts.get(kind, 0) + n
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < ranked[1][1] + 2):
        return None
    return ranked[0][0]


