"""The shape of a writing task ("prompt"): pydantic models that every prompt file must satisfy.

Teachers write these files by hand, so the validators aim at messages a teacher can act on
("unknown letter type 'invite'; did you mean 'invitation'?"), and unknown keys are refused so a
typo such as `keyword:` is reported instead of silently ignored. Pinyin is derived from the
Chinese with pypinyin and never stored, so it cannot drift from the characters.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HINT = "ids are slugs like 'invite-dragon-boat' (lower-case letters, digits, single hyphens)"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_STOPS = "。，、！？；：（）“”‘’"  # dropped from pinyin; "……" stays as the gap it marks

LetterType = Literal[
    "invitation",
    "thanks",
    "apology",
    "advice",
    "application",
    "request",
    "introduction",
    "notice",
    "congratulation",
    "consultation",
    "reply",
    "farewell",
    "complaint",
    "recommendation",
]
LETTER_TYPES: tuple[str, ...] = get_args(LetterType)

Exam = Literal["gaokao-15", "gaokao-25"]
EXAMS: tuple[str, ...] = get_args(Exam)

#: Word limits the exam states when a prompt does not give its own.
DEFAULT_WORD_LIMITS: dict[str, tuple[int, int]] = {"gaokao-15": (60, 100), "gaokao-25": (100, 120)}


def is_slug(value: str) -> bool:
    """True for ids we accept: also what keeps `../x` or `/etc/passwd` out of file lookups."""
    return bool(SLUG.fullmatch(value))


def _closest(value: str, choices: tuple[str, ...]) -> str:
    """' did you mean …?' text for a mistyped choice, or '' when nothing is close."""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    if not close:
        close = [c for c in choices if value and (c.startswith(value) or value.startswith(c))][:1]
    return f"; did you mean '{close[0]}'?" if close else ""


class _Strict(BaseModel):
    """Unknown keys are errors: a teacher's typo must not vanish silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Bilingual(_Strict):
    """The same text in English and in Chinese (students may read either)."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    @field_validator("en")
    @classmethod
    def _english_has_no_chinese(cls, value: str) -> str:
        if _CJK.search(value):
            raise ValueError("the English text contains Chinese characters; put Chinese under 'zh'")
        return value

    @field_validator("zh")
    @classmethod
    def _chinese_is_chinese(cls, value: str) -> str:
        if not _CJK.search(value):
            raise ValueError("the Chinese text has no Chinese characters; put English under 'en'")
        return value


class ContentPoint(Bilingual):
    """One 内容要点 the letter must cover, with the words a student is likely to cover it with."""

    id: str
    keywords: list[str] = Field(min_length=2)
    synonyms: list[str] = []
    states: list[str] = []  # kinds the point asks for (time, place, date, number): lihua/data/point_kinds.yaml

    @field_validator("states")
    @classmethod
    def _known_kinds(cls, value: list[str]) -> list[str]:
        from lihua.prompts.point_kinds import point_kinds

        known = tuple(point_kinds())
        for kind in value:
            if kind not in known:
                raise ValueError(f"unknown kind '{kind}'{_closest(kind, known)} (choose from: {', '.join(known)})")
        return value

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not is_slug(value):
            raise ValueError(f"'{value}' is not a slug; {SLUG_HINT}")
        return value

    @field_validator("keywords", "synonyms")
    @classmethod
    def _words_are_english(cls, value: list[str]) -> list[str]:
        cleaned = [word.strip() for word in value]
        for word in cleaned:
            if not word:
                raise ValueError("empty keyword; remove it or write the word")
            if _CJK.search(word):
                raise ValueError(f"'{word}' is Chinese; keywords are English words a student may write")
        return cleaned


class WordLimit(_Strict):
    """How long the letter should be (the opening and closing given by the task are not counted)."""

    min: int = Field(gt=0)
    max: int = Field(gt=0)

    @model_validator(mode="after")
    def _min_below_max(self) -> WordLimit:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be less than max ({self.max})")
        return self


class VocabItem(_Strict):
    """A useful word or phrase; its pinyin is derived from `zh` when shown, never stored."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _pinyin_is_derived(cls, data: Any) -> Any:
        if isinstance(data, dict) and "pinyin" in data:
            raise ValueError("pinyin is derived from 'zh' with pypinyin; remove the 'pinyin' key")
        return data

    @field_validator("zh")
    @classmethod
    def _chinese_is_chinese(cls, value: str) -> str:
        if not _CJK.search(value):
            raise ValueError("'zh' has no Chinese characters")
        return value

    @property
    def pinyin(self) -> str:
        """Tone-marked pinyin of `zh`, e.g. 端午节 → 'duān wǔ jié' (pypinyin picks phrase readings)."""
        from pypinyin import Style, pinyin

        readings = (reading[0].strip() for reading in pinyin(self.zh, style=Style.TONE) if reading)
        return " ".join(r for r in readings if r and r.strip(_CJK_STOPS))


class Prompt(_Strict):
    """A gaokao-style letter-writing task: who writes to whom, about what, and how long."""

    id: str
    title: Bilingual
    letter_type: LetterType
    exam: Exam
    recipient: str = Field(min_length=1)
    situation: Bilingual
    content_points: list[ContentPoint] = Field(min_length=2, max_length=4)
    word_limit: WordLimit
    vocabulary: list[VocabItem] = []
    given_opening: str | None = None
    given_closing: str | None = None
    names: list[str] = []
    tags: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _default_word_limit(cls, data: Any) -> Any:
        """The exam's usual limits when the file gives none (60–100 or 100–120 words)."""
        exam = data.get("exam") if isinstance(data, dict) else None
        exam = f"gaokao-{exam}" if str(exam) in ("15", "25") else exam
        if isinstance(data, dict) and data.get("word_limit") is None and exam in DEFAULT_WORD_LIMITS:
            low, high = DEFAULT_WORD_LIMITS[exam]
            data = {**data, "word_limit": {"min": low, "max": high}}
        return data

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not is_slug(value):
            raise ValueError(f"'{value}' is not a slug; {SLUG_HINT}")
        return value

    @field_validator("letter_type", mode="before")
    @classmethod
    def _known_letter_type(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in LETTER_TYPES:
            raise ValueError(f"unknown letter type '{value}'{_closest(value, LETTER_TYPES)} "
                             f"(choose from: {', '.join(LETTER_TYPES)})")
        return value

    @field_validator("exam", mode="before")
    @classmethod
    def _known_exam(cls, value: Any) -> Any:
        if isinstance(value, int | str) and str(value) in ("15", "25"):
            return f"gaokao-{value}"
        if isinstance(value, str) and value not in EXAMS:
            raise ValueError(f"unknown exam '{value}'{_closest(value, EXAMS)} "
                             "(gaokao-15 = 应用文, about 80 words; gaokao-25 = 书面表达, 100–120 words)")
        return value

    @field_validator("given_opening", "given_closing")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("names", "tags")
    @classmethod
    def _no_blank_items(cls, value: list[str]) -> list[str]:
        cleaned = [item.strip() for item in value]
        if any(not item for item in cleaned):
            raise ValueError("empty item; remove it")
        return cleaned

    @field_validator("content_points")
    @classmethod
    def _point_ids_unique(cls, value: list[ContentPoint]) -> list[ContentPoint]:
        seen: set[str] = set()
        for point in value:
            if point.id in seen:
                raise ValueError(f"content point id '{point.id}' is used twice; ids must differ")
            seen.add(point.id)
        return value

    def spelling_names(self) -> set[str]:
        """Words the spelling filter must accept: the recipient, the task's names, and Li Hua."""
        from lihua.text.names import names_in

        titles = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof"}
        return {word for word in names_in([self.recipient, *self.names, "Li Hua"]) if word not in titles}

    def all_keywords(self) -> set[str]:
        """Every keyword and synonym of every content point, lower-cased (for coverage checks)."""
        return {word.lower() for point in self.content_points for word in (*point.keywords, *point.synonyms)}
