"""Sentences of a letter body with their offsets, so a score can quote its evidence in place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lihua.text.letter import WORD_RE, Letter, Part

# A sentence ends at . ! ? (or their full-width forms) followed by space and a capital, a quote or
# the end; "p.m. next Friday" and "Mr. Smith" do not end one.
_END = re.compile(r"[.!?。！？]+[\"'”’)]*(?=\s+[\"“'‘(]?[A-Z0-9]|\s*$)|[。！？]+")
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|e\.g|i\.e|a\.m|p\.m)\.)$", re.IGNORECASE)


def split_sentences(part: Part) -> list[Part]:
    """The sentences of one paragraph, offsets into the letter text."""
    out: list[Part] = []
    text = part.text
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if _ABBREVIATIONS.search(text[start:end]) and end < len(text.rstrip()):
            following = text[end:].lstrip()[:1]
            if not following or not following.isupper() or text[start:end].rstrip().lower().endswith(("mr.", "mrs.", "ms.", "dr.", "prof.")):
                continue
        _append(out, part, start, end)
        start = end
    _append(out, part, start, len(text))
    return out


def _append(out: list[Part], part: Part, start: int, end: int) -> None:
    chunk = part.text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    begin = part.start + start + lead
    out.append(Part(stripped, begin, begin + len(stripped)))


def letter_sentences(letter: Letter) -> list[Part]:
    """Every sentence of the body, in order."""
    return [s for p in letter.paragraphs for s in split_sentences(p)]


@dataclass(frozen=True)
class Body:
    """The body read once: sentences, their lower-case tokens, and where each token occurs."""

    sentences: tuple[Part, ...]
    sentence_tokens: tuple[tuple[str, ...], ...]
    tokens: tuple[str, ...]
    index: dict[str, list[int]]

    def count(self, phrase: tuple[str, ...]) -> int:
        """How often a run of tokens occurs (whole words)."""
        width = len(phrase)
        if not width:
            return 0
        toks = self.tokens
        return sum(1 for i in self.index.get(phrase[0], ()) if toks[i : i + width] == phrase)


def tokens_of(text: str) -> list[str]:
    """Lower-case words ("p.m." gives "p", "m"; curly apostrophes made straight)."""
    words = WORD_RE.findall(text.lower())
    return [w.replace("’", "'") for w in words] if "’" in text else words


@lru_cache(maxsize=32)
def read_body(letter: Letter) -> Body:
    """Sentences and tokens of `letter`'s body, computed once per letter."""
    sentences = tuple(letter_sentences(letter))
    per = tuple(tuple(tokens_of(s.text)) for s in sentences)
    tokens = tuple(t for toks in per for t in toks)
    index: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        index.setdefault(token, []).append(i)
    return Body(sentences, per, tokens, index)
