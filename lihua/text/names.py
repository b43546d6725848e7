"""Recognise Chinese names and pinyin words, so spelling engines do not flag "Li Hua" or "zongzi".

The syllable inventory comes from pypinyin's own character table (tone marks stripped), so it is
derived, not typed by hand. It is built lazily: only a letter with a spelling finding pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_ASCII_WORD = re.compile(r"[A-Za-z]+")
_MAX_SYLLABLE = 6  # longest pinyin syllable: "zhuang", "chuang", "shuang"


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows ("zong", "zi", "hua", "lv" for lü…)."""
    readings = {reading for value in _pinyin_table().values() for reading in value.split(",")}
    syllables = {
        "".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c)).lower().replace("ü", "v")
        for r in readings
    }
    syllables.update({"lu", "nu", "yu", "ju", "qu", "xu"})  # ü written as u after j q x y
    # interjections without a vowel (嗯 n, ng, m, hm) would make almost any word "pinyin"
    return frozenset(s for s in syllables if any(v in s for v in "aeiouv"))


def _pinyin_table() -> dict[str, str]:
    """pypinyin's character → readings table.

    Read straight from its JSON file when it is there: importing the `pypinyin` package also
    loads its 2.5 MB phrase dictionary (about 0.35 s), which a spelling filter does not need.
    """
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        table = Path(folder) / "pinyin_dict.json"
        if table.is_file():
            return json.loads(table.read_text(encoding="utf-8"))
    from pypinyin import pinyin_dict  # layout changed: take the slow, public way

    return {str(k): v for k, v in pinyin_dict.pinyin_dict.items()}


_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")  # combining macron, acute, caron, grave: ā á ǎ à


def toneless(word: str) -> str:
    """'zòngzi' → 'zongzi', 'lǜchá' → 'lucha': pinyin as a student types it, matching `pinyin_syllables`."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def has_tone_marks(word: str) -> bool:
    """A vowel with a pinyin tone mark (ā á ǎ à, ǖ…): a sign the word is pinyin, not English."""
    return any(c in _TONE_MARKS for c in unicodedata.normalize("NFD", word))


@lru_cache(maxsize=4096)
def pinyin_split(word: str) -> tuple[str, ...] | None:
    """Split a word into pinyin syllables ("zongzi" → ("zong", "zi")), or None if it is not pinyin.

    The split is the one a longest-syllable-first search with backtracking would find, and an
    apostrophe may separate syllables ("Xi'an"). It is computed with a table from the word's end
    (can the rest from here be split?), so a crafted word costs linear time, never exponential
    backtracking or a recursion as deep as the word is long.
    """
    lowered = toneless(word).lower().replace("'", "").replace("’", "")
    if not lowered or not lowered.isascii() or not lowered.isalpha():
        return None
    syllables = pinyin_syllables()
    splittable = [False] * len(lowered) + [True]  # splittable[i]: lowered[i:] is a run of syllables
    for i in range(len(lowered) - 1, -1, -1):
        splittable[i] = any(splittable[i + size] and lowered[i : i + size] in syllables
                            for size in range(1, min(_MAX_SYLLABLE, len(lowered) - i) + 1))
    if not splittable[0]:
        return None
    parts, i = [], 0
    while i < len(lowered):  # the longest syllable whose rest still splits, as the search would pick
        size = next(size for size in range(min(_MAX_SYLLABLE, len(lowered) - i), 0, -1)
                    if splittable[i + size] and lowered[i : i + size] in syllables)
        parts.append(lowered[i : i + size])
        i += size
    return tuple(parts)


def is_chinese_name_or_pinyin(word: str, extra_names: Iterable[str] = ()) -> bool:
    """True for words a spelling checker should leave alone in a Li Hua letter.

    - names the prompt or the caller supplies (case-insensitive);
    - capitalised words made of pinyin syllables ("Li", "Hua", "Qingming", "Xi'an");
    - lower-case words of two or more pinyin syllables ("zongzi", "hutong", "jiaozi"): one
      syllable alone is too likely to be a real misspelling;
    - any pinyin word written with tone marks ("zòngzi", "chá", "Běijīng"), as lihua's replies
      write them: the marks make it plainly Chinese.
    """
    bare = word.strip(".,!?;:'\"()[]“”‘’")
    for possessive in ("'s", "’s"):
        bare = bare.removesuffix(possessive)  # "Mr. Li's help"
    if not bare:
        return False
    if bare.lower() in {n.lower() for n in extra_names}:
        return True
    parts = pinyin_split(bare)
    if parts is None and bare.endswith("s") and len(bare) > 4:
        parts = pinyin_split(bare[:-1])  # an English plural of a pinyin word: "hutongs", "zongzis"
    if parts is None:
        return False
    if has_tone_marks(bare):
        return len(parts) <= 4
    if bare[0].isupper():
        return len(parts) <= 4
    return 2 <= len(parts) <= 4


def names_in(texts: Iterable[str]) -> set[str]:
    """The words of the given strings (e.g. a prompt's recipient and names), for the filter."""
    return {m.group() for text in texts for m in _ASCII_WORD.finditer(text)}
