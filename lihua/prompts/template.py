"""The commented file `lihua prompts new` writes: a complete, valid example a teacher edits.

It is a working prompt rather than blanks, so a teacher sees every field filled in the expected
shape, and `lihua prompts check` passes from the first save.
"""

from __future__ import annotations

from lihua.prompts.schema import DEFAULT_WORD_LIMITS

TEMPLATE = """\
# A lihua writing task (prompt). Edit the values, keep the keys. Check it with:
#     lihua prompts check {filename}
# Use it with:  lihua prompts show {prompt_id} --prompts-dir DIR   (or set LIHUA_PROMPTS=DIR)
# 每个字段都要填写；"#" 后面是说明，可以删除。拼音会自动生成，不要自己写。

# The id: lower-case words joined by hyphens. It must be unique; the same id as a bundled
# prompt replaces the bundled one (with a warning).
id: {prompt_id}

title:
  en: Invite Chris to the school sports meeting
  zh: 邀请Chris参加学校运动会

{letter_types}
letter_type: {letter_type}

# gaokao-15 = 应用文 (about 80 words) · gaokao-25 = 书面表达 (100–120 words)
exam: {exam}

# Who the letter is written to, as the task names them: Chris, Mr. Smith, Ms. Green …
recipient: Chris

situation:
  en: >-
    Assume you are Li Hua. Your school will hold its sports meeting next week. Write an email
    to Chris, your exchange-student friend, inviting him to come and watch.
  zh: >-
    假定你是李华。你校下周将举行运动会。请给交换生朋友Chris写一封邮件，邀请他来观看。

# 2–4 points the letter must cover (内容要点). Keywords: at least 2 words or short phrases a
# student is likely to use for the point (base forms are enough: "invite" also finds "invited").
# `states` (optional): what the point must state, whatever the words: time, date, place, number.
content_points:
  - id: time-place
    en: the time and place of the sports meeting
    zh: 运动会的时间和地点
    keywords: [next week, Friday, playground, stadium, at 8 a.m.]
    states: [time, place]
  - id: events
    en: the events he can watch or join
    zh: 可以观看或参加的项目
    keywords: [relay race, high jump, tug of war, cheer, take part in]
  - id: hope
    en: your hope that he will come
    zh: 期待他来
    keywords: [hope, look forward to, come, join us]

# Words counted in the letter body (the given opening and closing are not counted).
word_limit:
  min: {word_min}
  max: {word_max}

# Useful words for students: English and Chinese only (pinyin is derived automatically).
vocabulary:
  - en: sports meeting
    zh: 运动会
  - en: relay race
    zh: 接力赛
  - en: cheer for
    zh: 为……加油
  - en: tug of war
    zh: 拔河

# Sentences the task gives (delete these two lines if the task gives none).
given_opening: "Dear Chris,"
given_closing: "Yours,\\nLi Hua"

# Names in the task, so the spelling checker accepts them.
names: [Chris]

# Free labels for searching: seeds, festival, school, food, travel …
tags: [school, sports]
"""


def prompt_template(prompt_id: str, *, exam: str = "gaokao-15", letter_type: str = "invitation",
                    filename: str = "FILE") -> str:
    """The template text for one new prompt (valid as written)."""
    import textwrap

    from lihua.prompts.schema import LETTER_TYPES

    word_min, word_max = DEFAULT_WORD_LIMITS[exam]
    letter_types = "\n".join(textwrap.wrap("One of: " + ", ".join(LETTER_TYPES), 92,
                                           initial_indent="# ", subsequent_indent="#   "))
    return TEMPLATE.format(prompt_id=prompt_id, exam=exam, letter_type=letter_type, word_min=word_min,
                           word_max=word_max, filename=filename, letter_types=letter_types)
