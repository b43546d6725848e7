"""The scorer's word lists (lihua/data/scoring.yaml), read once and kept as sets and patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "scoring.yaml"


@dataclass(frozen=True)
class PhraseSet:
    """Phrases as token runs, counted on a read body without regular expressions (fast)."""

    phrases: dict[str, tuple[str, ...]]  # phrase -> its tokens

    @classmethod
    def of(cls, phrases: list[str]) -> PhraseSet:
        from lihua.text.sentences import tokens_of

        return cls({" ".join(p.lower().split()): tuple(tokens_of(p)) for p in phrases})

    def counts(self, body) -> dict[str, int]:
        """phrase -> occurrences in `body` (a `lihua.text.sentences.Body`), only those present."""
        found = {}
        for phrase, run in self.phrases.items():
            if run and run[0] in body.index:
                n = body.count(run)
                if n:
                    found[phrase] = n
        return found


@dataclass(frozen=True)
class ScoringWords:
    """Every list the scorer uses; phrases are compiled to whole-word patterns once."""

    linking: PhraseSet
    subordinators: re.Pattern[str]
    relatives: re.Pattern[str]
    overused: PhraseSet
    overuse_limits: dict[str, int]
    informal: frozenset[str]
    formal_titles: frozenset[str]
    stop_words: frozenset[str]
    letter_types: PhraseSet  # every kind's phrases
    letter_type_of: dict[str, tuple[str, ...]]  # phrase -> the kinds it marks
    advanced_phrases: tuple[str, ...]  # phrasal verbs and idioms, as written in the YAML
    bands: dict[int, dict[str, str]]  # band -> {en, zh} descriptor


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `phrases` as whole words (longest first)."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", re.IGNORECASE)


@cache
def scoring_words() -> ScoringWords:
    """Load the YAML once per process."""
    from lihua.io.yaml_data import load_yaml

    data = load_yaml(DATA_FILE.read_text(encoding="utf-8"))
    linkers = [w for group in data["linking_words"].values() for w in group]
    return ScoringWords(
        linking=PhraseSet.of(linkers),
        subordinators=phrase_pattern(data["subordinators"]),
        relatives=phrase_pattern(data["relative_words"]),
        overused=PhraseSet.of(list(data["overused"])),
        overuse_limits={" ".join(w.lower().split()): int(v["limit"]) for w, v in data["overused"].items()},
        informal=frozenset(data["informal_markers"]),
        formal_titles=frozenset(data["formal_titles"]),
        stop_words=frozenset(data["stop_words"]),
        letter_types=PhraseSet.of([p for v in data["letter_type_markers"].values() for p in v]),
        letter_type_of=_kinds_by_phrase(data["letter_type_markers"]),
        advanced_phrases=tuple(" ".join(p.lower().split()) for p in data["advanced_phrases"]),
        bands={int(k): dict(v) for k, v in data["bands"].items()},
    )


def _kinds_by_phrase(markers: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for kind, phrases in markers.items():
        for phrase in phrases:
            kinds.setdefault(" ".join(phrase.lower().split()), []).append(kind)
    return {phrase: tuple(k) for phrase, k in kinds.items()}
