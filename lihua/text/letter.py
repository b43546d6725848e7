"""A letter split into its parts (salutation, body, closing, signature), with offsets kept.

Every part is a `Part`: its text and where it stands in the user's original string, so a
finding on a part points at the right place whatever the line endings were.

Word count (the rule lihua applies, documented in README): English words of the body only —
the salutation ("Dear Chris,"), the complimentary close ("Yours,") and the signature ("Li Hua")
are not counted, as markers do not count them. A word is a run of Latin letters or digits that
may contain inner apostrophes or hyphens: "don't", "well-known", "2025" and "Li" are one word
each; punctuation, Chinese characters and emoji are not words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
_SALUTATION_RE = re.compile(
    r"^\s*(dear|hi|hello|hey|to|greetings|respected)\b[^\n]{0,60}$", re.IGNORECASE
)
_CLOSING_RE = re.compile(
    r"^\s*(yours|sincerely|best|regards|kind regards|warm(est)? regards|love|cheers|all the best|"
    r"with (best|warm|kind) (wishes|regards)|take care|faithfully|truly|thanks|thank you|your friend|"
    r"your (sincere|loving|dear|good) friend)\b[^\n]{0,40}$",
    re.IGNORECASE,
)
_MAX_SIGNATURE_WORDS = 4
_GREETING_END = re.compile(r"[,:，：]")
_MAX_GREETING_WORDS = 5  # "Dear Mr. and Mrs. Brown,"


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the letter and its [start, end) offsets in the original text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Letter:
    """The parts of a letter. Missing parts are None; the body may be empty."""

    text: str
    salutation: Part | None = None
    paragraphs: tuple[Part, ...] = ()
    closing: Part | None = None
    signature: Part | None = None
    lines: tuple[Part, ...] = field(default=(), repr=False)

    @property
    def body_text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(count_words(p.text) for p in self.paragraphs)

    def to_dict(self) -> dict:
        def part(p: Part | None) -> dict | None:
            return p.to_dict() if p else None

        return {
            "salutation": part(self.salutation),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "closing": part(self.closing),
            "signature": part(self.signature),
        }


def count_words(text: str) -> int:
    """English words as lihua counts them (see module docstring)."""
    return sum(1 for _ in WORD_RE.finditer(text))


def split_lines(text: str) -> list[Part]:
    """Every line with its offsets, line endings (\\n, \\r\\n, \\r) excluded."""
    parts = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        raw = match.group()
        if not raw and match.start() == len(text) and parts:
            break
        content = raw.rstrip("\r\n")
        parts.append(Part(content, match.start(), match.start() + len(content)))
        if match.end() == len(text):
            break
    return parts


def _strip(part: Part) -> Part:
    lead = len(part.text) - len(part.text.lstrip())
    stripped = part.text.strip()
    return Part(stripped, part.start + lead, part.start + lead + len(stripped))


def parse_letter(text: str) -> Letter:
    """Split a letter into salutation, body paragraphs, closing and signature."""
    lines = split_lines(text)
    content = [_strip(p) for p in lines if p.text.strip()]
    if not content:
        return Letter(text=text, lines=tuple(lines))

    salutation = None
    first = 0
    body_lines = lines
    if _looks_like_salutation(content[0]):
        salutation, inline = _split_greeting(content[0])
        first = 1
        if inline is not None:  # "Dear Chris, I want to invite you…": the body starts on the greeting's line
            content.insert(1, inline)
            body_lines = [Part(text[inline.start : p.end], inline.start, p.end) if p.start <= inline.start <= p.end else p
                          for p in lines]

    closing = signature = None
    last = len(content)
    tail = content[first:]
    if len(tail) >= 2 and _CLOSING_RE.match(tail[-2].text) and _looks_like_signature(tail[-1]):
        closing, signature = tail[-2], tail[-1]
        last -= 2
    elif tail and _CLOSING_RE.match(tail[-1].text):
        closing = tail[-1]
        last -= 1
    elif len(tail) >= 2 and _looks_like_signature(tail[-1]) and not _ends_sentence(tail[-1].text):
        signature = tail[-1]
        last -= 1

    body_start = salutation.end if salutation else 0
    body_end = (closing or signature).start if (closing or signature) else len(text)
    paragraphs = _paragraphs(text, body_lines, body_start, body_end)
    return Letter(
        text=text,
        salutation=salutation,
        paragraphs=tuple(paragraphs),
        closing=closing,
        signature=signature,
        lines=tuple(lines),
    )


def _looks_like_salutation(part: Part) -> bool:
    match = _SALUTATION_RE.match(part.text)
    if match and match.group(1).lower() == "to":
        # "To Mr. Smith," / "To whom it may concern:" is a greeting line of its own; "To my surprise,
        # nothing happened." opens a story. A "To" greeting never has the body on its line.
        greeting = part.text.strip()
        return greeting[-1:] in (",", ":", "，", "：") and len(WORD_RE.findall(greeting)) <= _MAX_GREETING_WORDS + 1
    if match:
        return True
    # "Chris," alone on the first line is also a salutation.
    return bool(re.fullmatch(r"[A-Z][\w .'-]{0,40}[,:：，]", part.text))


def _split_greeting(line: Part) -> tuple[Part, Part | None]:
    """The greeting of a first line, and the body text that follows it on that line, if any.

    The greeting ends at the last comma or colon within its first few words ("Hello, Chris,").
    """
    end = None
    for mark in _GREETING_END.finditer(line.text):
        if len(WORD_RE.findall(line.text[: mark.end()])) > _MAX_GREETING_WORDS:
            break
        if line.text[mark.end() :].strip():
            end = mark.end()
    if end is None:
        return line, None
    rest = line.text[end:]
    start = end + len(rest) - len(rest.lstrip())
    return Part(line.text[:end], line.start, line.start + end), Part(line.text[start:], line.start + start, line.end)


def _looks_like_signature(part: Part) -> bool:
    words = part.text.split()
    return 0 < len(words) <= _MAX_SIGNATURE_WORDS and len(part.text) <= 40


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "。", "！", "？"))


def _paragraphs(text: str, lines: list[Part], start: int, end: int) -> list[Part]:
    """Body paragraphs: blocks separated by blank lines; without blank lines, one per line."""
    body_lines = [p for p in lines if p.start >= start and p.end <= end and p.start < end]
    blocks: list[list[Part]] = [[]]
    for line in body_lines:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) == 1 and len(blocks[0]) > 1 and _indented_paragraphs(blocks[0]):
        blocks = [[line] for line in blocks[0]]
    paragraphs = []
    for block in blocks:
        first, last = _strip(block[0]), _strip(block[-1])
        paragraphs.append(Part(text[first.start : last.end], first.start, last.end))
    return paragraphs


def _indented_paragraphs(block: list[Part]) -> bool:
    """Without blank lines, lines that are indented or end a sentence each start a paragraph."""
    return all(_ends_sentence(line.text) for line in block) or any(
        line.text[:1] in (" ", "\t", "\u3000") for line in block[1:]
    )
