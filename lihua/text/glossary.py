"""Chinese things a letter mentions — typed as characters (粽子) or as pinyin (zongzi) — and their gloss.

The glossary (`lihua/data/glossary.yaml`) is data a teacher can read; tone-marked pinyin is
derived with pypinyin when a term is found, so it can never disagree with the characters.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "data" / "glossary.yaml"
_PROPER = {"festival", "place", "app"}  # without a spelling to go by, these are names


@dataclass(frozen=True, slots=True)
class Entry:
    zh: str
    en: str
    category: str
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    """One Chinese thing found in a letter, ready to be given back in a reply."""

    written: str  # as the reply names it: the glossary spelling ("zongzi") or the characters
    form: str  # "pinyin" or "characters": how the student wrote it
    zh: str
    pinyin: str  # tone-marked, derived: "zòngzi"
    en: str
    category: str
    start: int  # first mention, offset into the letter text

    @property
    def phrase(self) -> str:
        """'zongzi (粽子, zòngzi — sticky rice …)' or '粽子 (zòngzi — sticky rice …)'."""
        if self.form == "pinyin":
            return f"{self.written} ({self.zh}, {self.pinyin} — {self.en})"
        return f"{self.zh} ({self.pinyin} — {self.en})"

    def to_dict(self) -> dict:
        return {**asdict(self), "phrase": self.phrase}


@lru_cache(maxsize=1)
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Entry, ...]:
    """The bundled glossary entries, in file order."""
    from lihua.io.yaml_data import load_yaml

    raw = load_yaml(path.read_text(encoding="utf-8")) or []
    return tuple(
        Entry(zh=str(item["zh"]), en=str(item["en"]), category=str(item.get("category", "culture")),
              spellings=tuple(str(s) for s in item.get("pinyin_spellings", []) or []))
        for item in raw
    )


def tone_pinyin(zh: str, *, proper: bool = False) -> str:
    """Tone-marked pinyin written as words: 粽子 → 'zòngzi', 北京烤鸭 → 'běijīng kǎoyā'."""
    from pypinyin import Style, pinyin

    syllables = [reading[0] for reading in pinyin(zh, style=Style.TONE) if reading and reading[0].strip()]
    if len(syllables) >= 4 and len(syllables) % 2 == 0:
        words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    else:
        words = ["".join(syllables)]
    if proper:
        words = [word[:1].upper() + word[1:] for word in words]
    return " ".join(words)


@lru_cache(maxsize=1)
def _pinyin_patterns() -> tuple[tuple[re.Pattern[str], Entry, str], ...]:
    """One pattern per pinyin spelling, longest first so 'mapo doufu' wins over 'doufu'."""
    pairs = [(spelling, entry) for entry in load_glossary() for spelling in entry.spellings]
    pairs.sort(key=lambda pair: -len(pair[0]))
    patterns = []
    for spelling, entry in pairs:
        body = r"[\s-]*".join(re.escape(part) for part in spelling.split())
        patterns.append((re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])", re.IGNORECASE), entry, spelling))
    return tuple(patterns)


def _is_proper(entry: Entry) -> bool:
    """Names (Qingming, Changcheng) are capitalised in pinyin; things (zongzi, hutong) are not."""
    if entry.spellings:
        return entry.spellings[0][:1].isupper()
    return entry.category in _PROPER


def find_terms(text: str) -> list[Term]:
    """Every glossary thing the text mentions, once each, in order of first mention."""
    taken: list[tuple[int, int]] = []
    found: dict[str, Term] = {}

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(entry: Entry, start: int, end: int, form: str, written: str) -> None:
        taken.append((start, end))
        previous = found.get(entry.zh)
        if previous is None or start < previous.start:
            proper = _is_proper(entry)
            found[entry.zh] = Term(written=written, form=form, zh=entry.zh, pinyin=tone_pinyin(entry.zh, proper=proper),
                                   en=entry.en, category=entry.category, start=start)

    for entry in sorted(load_glossary(), key=lambda e: -len(e.zh)):
        for match in re.finditer(re.escape(entry.zh), text):
            if free(match.start(), match.end()):
                add(entry, match.start(), match.end(), "characters", entry.zh)
    for pattern, entry, _spelling in _pinyin_patterns():
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                # the glossary's first spelling, in its case: "Hutongs" is given back as "hutong"
                add(entry, match.start(), match.end(), "pinyin", entry.spellings[0])
    return sorted(found.values(), key=lambda term: term.start)
