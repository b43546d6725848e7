"""Range of language (what a marker calls 词汇和句式的多样性): variety of words and structures.

Measured on the body only, all cheap counts on tokens:
- lexical variety by MTLD (McCarthy & Jarvis 2010), written here: the mean length of stretches
  of text that keep a type-token ratio above 0.72, read forwards and backwards. Unlike a plain
  type-token ratio it does not fall just because a letter is longer.
- sentence length (mean and spread) and structures: subordinate clauses, relative clauses and
  non-finite forms (to-infinitives of purpose, -ing and -ed participle clauses).
- advanced vocabulary: content words rarer than Zipf 4.5 in `wordfreq` (about the 6 000 most
  common English words and beyond), but known to it (Zipf ≥ 1.5, so pinyin and misspellings
  are not "advanced"), and not a name; and the phrasal verbs and idioms of scoring.yaml
  (draw up, stick to, take one's mind off), whose words are common but whose use is not.
- overuse: "very", "and so on" and the like past their limit, and content words repeated often.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from lihua.scoring.words import scoring_words
from lihua.text.letter import Letter
from lihua.text.sentences import read_body
from lihua.text.word_classes import word_class

MTLD_THRESHOLD = 0.72
ADVANCED_ZIPF = 4.5
KNOWN_ZIPF = 1.5
REPEAT_LIMIT = 4  # a content word used more often than this in a short letter reads as repetition

_NON_FINITE = re.compile(
    r"(?:^|[,;]\s*)(?!(?:[Dd]uring|\w*[Tt]hing|[Mm]orning|[Ee]vening|[Ss]pring|[Kk]ing|[Ii]ndeed|[Nn]eed|[Bb]ed)\b)"
    r"(?:[A-Z]?[a-z]+ing|[A-Z]?[a-z]+ed)\b(?!\s+(?:is|are|was|were)\b)"  # Having…, Seen from…
    r"|\b(?:in order )?to\s+(?!(?:the|a|an|my|your|our|his|her|their|school|me|you|him|us|them)\b)[a-z]+"
    r"|\b(?:look(?:ing)? forward to|enjoy|finish|mind|avoid|practi[cs]e|suggest)\s+[a-z]+ing\b",
    re.MULTILINE,
)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+")
_ZIPF_CACHE: dict[str, float] = {}
_LEMMA_CACHE: dict[str, str] = {}


@dataclass
class RangeProfile:
    """What the scorer needs to judge range, with the words behind each number."""

    tokens: int
    mtld: float
    sentences: int
    mean_sentence_length: float
    sentence_length_spread: float
    structures: dict[str, int]  # subordinate / relative / non-finite -> count
    advanced_words: list[str]
    content_tokens: int
    overused: dict[str, int] = field(default_factory=dict)  # word -> count past the limit
    repeated: dict[str, int] = field(default_factory=dict)  # content word -> count

    @property
    def advanced_share(self) -> float:
        return len(self.advanced_words) / self.content_tokens if self.content_tokens else 0.0

    @property
    def structure_kinds(self) -> int:
        return sum(1 for count in self.structures.values() if count)

    def to_dict(self) -> dict:
        return {
            "tokens": self.tokens,
            "mtld": round(self.mtld, 1),
            "sentences": self.sentences,
            "mean_sentence_length": round(self.mean_sentence_length, 1),
            "sentence_length_spread": round(self.sentence_length_spread, 1),
            "structures": dict(self.structures),
            "advanced_words": list(self.advanced_words),
            "advanced_share": round(self.advanced_share, 3),
            "overused": dict(self.overused),
            "repeated": dict(self.repeated),
        }


def mtld(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of Textual Lexical Diversity: mean of the forward and backward passes."""
    if not tokens:
        return 0.0
    return (_mtld_pass(tokens, threshold) + _mtld_pass(tokens[::-1], threshold)) / 2


def _mtld_pass(tokens: list[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    for token in tokens:
        types.add(token)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        ttr = len(types) / count
        factors += (1 - ttr) / (1 - threshold)
    return len(tokens) / factors if factors else float(len(tokens)) * 2


def zipf(word: str) -> float:
    """Zipf frequency of the word's most frequent lemma (inflected forms are rarer than their lemma)."""
    cached = _ZIPF_CACHE.get(word)
    if cached is None:
        from lihua.text.frequency import zipf as zipf_frequency

        cached = max(zipf_frequency(form) for form in (word, lemma(word), *_adverb_bases(word)))
        _ZIPF_CACHE[word] = cached
    return cached


def _adverb_bases(word: str) -> tuple[str, ...]:
    """'freely' → 'free', 'happily' → 'happy': an adverb is no more advanced than its adjective."""
    if not word.endswith("ly") or len(word) < 5:
        return ()
    stem = word[:-2]
    return (stem, stem[:-1] + "y" if stem.endswith("i") else stem, stem + "le" if stem.endswith("ab") else stem)


def lemma(word: str) -> str:
    """The first lemma lemminflect gives (verbs before nouns), or the word itself."""
    cached = _LEMMA_CACHE.get(word)
    if cached is None:
        from lihua.text.lemminflect_tables import warm

        warm()
        from lemminflect import getAllLemmas

        lemmas = getAllLemmas(word)
        cached = next((forms[0] for pos in ("VERB", "NOUN", "ADJ", "ADV") if (forms := lemmas.get(pos))), word)
        _LEMMA_CACHE[word] = cached
    return cached


def range_profile(letter: Letter, *, names: frozenset[str] | set[str] = frozenset(),
                  flagged: frozenset[str] | set[str] = frozenset()) -> RangeProfile:
    """Profile the body of `letter`; `names` and `flagged` words (lower-case; inside a finding) are
    never counted as advanced: a wrong word form is rare, not rich."""
    words = scoring_words()
    body = read_body(letter)
    tokens = body.tokens
    capitalised: set[str] = set(names)
    lengths = [len(toks) for toks in body.sentence_tokens if toks]
    for sentence in body.sentences:
        first = True
        for match in _CAPITALISED.finditer(sentence.text):
            if not first or match.start() > 0:
                capitalised.add(match.group().lower())
            first = False
    capitalised.discard("i")
    text = "\n".join(s.text for s in body.sentences)
    statements = "\n".join(_without_questions(s.text) for s in body.sentences)
    structures = {
        "subordinate": len(words.subordinators.findall(text)),
        "relative": len(words.relatives.findall(statements)),
        "non-finite": len(_NON_FINITE.findall(text)),
    }
    stop = words.stop_words
    content = [t for t in tokens if t not in stop and len(t) > 1 and t.isalpha()]
    advanced = sorted({t for t in content
                       if t not in capitalised and t not in flagged and KNOWN_ZIPF <= zipf(t) < ADVANCED_ZIPF})
    advanced += sorted(advanced_phrases_in(body.sentence_tokens, words.advanced_phrases))
    overused = {w: c for w, c in words.overused.counts(body).items() if c > words.overuse_limits[w]}
    counts: dict[str, int] = {}
    for token in content:
        if token not in capitalised:
            key = lemma(token)
            counts[key] = counts.get(key, 0) + 1
    limit = max(REPEAT_LIMIT, len(tokens) // 30)
    repeated = {w: c for w, c in counts.items() if c > limit and w not in words.overuse_limits}
    return RangeProfile(
        tokens=len(tokens),
        mtld=mtld(list(tokens)),
        sentences=len(lengths),
        mean_sentence_length=statistics.fmean(lengths) if lengths else 0.0,
        sentence_length_spread=statistics.pstdev(lengths) if len(lengths) > 1 else 0.0,
        structures=structures,
        advanced_words=advanced,
        content_tokens=len(content),
        overused=overused,
        repeated=repeated,
    )


_POSSESSIVES = word_class("possessives")
_REFLEXIVES = word_class("reflexives")


def advanced_phrases_in(sentences: tuple[tuple[str, ...], ...], phrases: tuple[str, ...]) -> set[str]:
    """The phrases (as listed) that some sentence uses, each word matched by its lemma: 'drew up' is
    'draw up', 'took my mind off' is "take one's mind off". One pass over the tokens, whatever the list."""
    by_first: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase.split()[0], []).append(phrase.split())
    found = set()
    for tokens in sentences:
        for i, token in enumerate(tokens):
            for wanted in by_first.get(token, []) + (by_first.get(lemma(token), []) if lemma(token) != token else []):
                if i + len(wanted) <= len(tokens) and _phrase_at(tokens, i, wanted):
                    found.add(" ".join(wanted))
    return found


def _phrase_at(tokens: tuple[str, ...], i: int, wanted: list[str]) -> bool:
    for offset, word in enumerate(wanted):
        token = tokens[i + offset]
        if word == "one's":
            ok = token in _POSSESSIVES
        elif word == "oneself":
            ok = token in _REFLEXIVES
        else:
            ok = token == word or lemma(token) == word
        if not ok:
            return False
    return True


def _without_questions(sentence: str) -> str:
    """'Which day suits you?' asks; it is not a relative clause."""
    return "" if sentence.rstrip().endswith("?") and re.match(r"\s*(who|which|where|whose)\b", sentence, re.I) else sentence
