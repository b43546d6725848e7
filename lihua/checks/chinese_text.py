"""Chinese characters and full-width punctuation inside an English letter.

Students type on Chinese input methods, so "，" "。" "：" and full-width spaces slip in; markers
take them as errors. Each run is one finding with the ASCII replacement. Chinese words are found,
not crashed on: a learner who writes 粽子 is told to write the English or pinyin instead. Characters
in brackets right after the English name ("the Dragon Boat Festival (端午节)") only gloss it: a
suggestion, never an error that hinders meaning (scoring.yaml lists script.chinese-characters only).
"""

from __future__ import annotations

import re

from lihua.findings import Category, Finding, Severity, Source, Span

#: The ids of the findings this check can make (see `lihua.checks.all_rule_ids`).
RULE_IDS = ("script.chinese-characters", "punctuation.full-width", "punctuation.full-width-letters",
            "script.chinese-gloss")
#: For each id, a text it flags and a text it leaves alone: shown in docs/rules.md, which is
#: generated only while each still holds (python -m lihua.devtools.docs).
EXAMPLES: dict[str, tuple[str, str]] = {
    "script.chinese-characters": ("My mother will teach you to make 粽子.", "My mother will teach you to make zongzi."),
    "punctuation.full-width": ("Dear Chris，I am Li Hua。", "Dear Chris, I am Li Hua."),
    "punctuation.full-width-letters": ("Let's meet at ８ a.m.", "Let's meet at 8 a.m."),
    "script.chinese-gloss": ("The Dragon Boat Festival (端午节) is coming.", "The Dragon Boat Festival is coming."),
}

# Full-width punctuation → what an English letter uses (a space follows , . ; : ! ? in English).
FULL_WIDTH = {
    "，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "、": ",",
    "（": "(", "）": ")", "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"', "》": '"',
    "【": "[", "】": "]", "—": "-", "…": "...", "～": "~", "\u3000": " ",
}
_CURLY_ALLOWED = set("“”‘’—…")  # curly quotes, dashes and ellipses are English typesetting too
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_FULL_WIDTH_RUN = re.compile("[" + "".join(re.escape(c) for c in FULL_WIDTH if c not in _CURLY_ALLOWED) + "]")
_FULL_WIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
# "the Dragon Boat Festival (端午节)": characters in brackets right after an English word gloss it —
# the English is there, so the meaning is too. The brackets may also hold pinyin ("(端午节, Duanwu)").
_GLOSS = re.compile(rf"(?<=[A-Za-z\"'”’])[ \t]*[(（](?=[^()（）\n]*[{_CJK}])[^()（）\n.!?。！？]{{1,40}}[)）]")


def check_chinese_text(text: str) -> list[Finding]:
    """Findings for Chinese characters, full-width punctuation and full-width letters/digits."""
    glosses = [m.span() for m in _GLOSS.finditer(text)]
    findings = [
        _gloss_note(m) if any(a <= m.start() and m.end() <= b for a, b in glosses) else _chinese_words(m)
        for m in _CJK_RUN.finditer(text)
    ]
    for m in _FULL_WIDTH_RUN.finditer(text):
        char = m.group()
        ascii_mark = FULL_WIDTH[char]
        follows_word = m.end() < len(text) and not text[m.end()].isspace() and ascii_mark in ",.;:!?"
        findings.append(
            Finding(
                rule_id=RULE_IDS[1],
                source=Source.LIHUA,
                category=Category.PUNCTUATION,
                severity=Severity.ERROR,
                message=f"Chinese (full-width) punctuation '{char}': use the English '{ascii_mark.strip() or 'space'}'.",
                message_zh=f"使用了中文标点“{char}”，英文书信应使用英文标点。",
                span=Span(m.start(), m.end()),
                replacements=(ascii_mark + " " if follows_word else ascii_mark,),
                component="organisation",  # the rubric marks the letter's punctuation under organisation
                aspect="punctuation",
            )
        )
    for m in _FULL_WIDTH_ALNUM.finditer(text):
        ascii_text = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
        findings.append(
            Finding(
                rule_id=RULE_IDS[2],
                source=Source.LIHUA,
                category=Category.PUNCTUATION,
                severity=Severity.WARNING,
                message=f"Full-width letters or digits '{m.group()}': type them in half-width (English) mode.",
                message_zh="使用了全角字母或数字，请切换到英文（半角）输入。",
                span=Span(m.start(), m.end()),
                replacements=(ascii_text,),
                component="organisation",
                aspect="punctuation",
            )
        )
    return findings


def _chinese_words(match: re.Match[str]) -> Finding:
    """Chinese standing where the English should be: the reader cannot follow it."""
    return Finding(
        rule_id=RULE_IDS[0],
        source=Source.LIHUA,
        category=Category.WORD_CHOICE,
        severity=Severity.ERROR,
        message="Chinese characters in an English letter: write the English word, or pinyin with an explanation.",
        message_zh="英文书信中出现了汉字：请写出英文，或用拼音并加英文解释。",
        span=Span(match.start(), match.end()),
        hinders_meaning=True,
    )


def _gloss_note(match: re.Match[str]) -> Finding:
    """Chinese in brackets after the English name: the meaning is given; a gentle note, no error."""
    return Finding(
        rule_id=RULE_IDS[3],
        source=Source.LIHUA,
        category=Category.STYLE,
        severity=Severity.SUGGESTION,
        message="A Chinese gloss after the English name is fine for a pen pal; in the exam, English (or pinyin) alone is safer.",
        message_zh="英文名称后用括号注汉字，写给笔友可以；考试中最好只用英文（或拼音）。",
        span=Span(match.start(), match.end()),
    )
