"""Rubric scoring: Letter + Prompt + Findings → the score a gaokao marker would give, and why.

The model (docs/scoring.md explains the weights):
1. Three components, each starting full and losing points only through named deductions —
   content (内容要点 coverage and relevance), language (accuracy from the findings, then range)
   and organisation (letter format, paragraphs, linking words, register). On 15 points they weigh
   6 + 6 + 3, on 25 points 10 + 10 + 5. Without a prompt content is not scored and language and
   organisation are scaled up to the whole scale (10 + 5 or 16.7 + 8.3).
2. Band: the sum places the letter in a band; content caps the band as markers do (a missing
   point keeps a letter out of band 5; an off-topic letter stays in the low bands).
3. Length: judged against the task's own range (the prompt's word_limit) and taken off the total
   last; without a task no length is marked down.
Every point lost is a `Deduction` naming its reason and the findings or content points behind it.
The function is pure: no I/O, no clock, the same inputs always give the same Score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lihua.findings import Finding
from lihua.scoring.content import PointCoverage
from lihua.scoring.marking import measure_letter
from lihua.scoring.result import NO_PROMPT_NOTE, Component, Deduction, Score
from lihua.text.letter import Letter, count_words

ContentCoverage = PointCoverage  # one content point, covered or not, with its evidence sentence

COMPONENT_MAX = {15: {"content": 6.0, "language": 6.0, "organisation": 3.0},
                 25: {"content": 10.0, "language": 10.0, "organisation": 5.0}}
BANDS = {15: [(5, 13, 15), (4, 10, 12), (3, 7, 9), (2, 4, 6), (1, 1, 3), (0, 0, 0)],
         25: [(5, 21, 25), (4, 16, 20), (3, 11, 15), (2, 6, 10), (1, 1, 5), (0, 0, 0)]}
OFF_TOPIC = 0.3  # below this share of the task's own words a letter is off-topic (band 2 at most)
UNRELATED = 0.15  # below this it is unrelated to the task (band 1 at most)
_KIND_EN = {"invitation": "an invitation", "thanks": "a thank-you letter", "apology": "an apology",
            "advice": "a letter of advice", "application": "an application", "request": "a request for help",
            "introduction": "an introduction", "notice": "a notice", "congratulation": "a letter of congratulation",
            "consultation": "an enquiry", "reply": "a reply", "farewell": "a farewell letter",
            "complaint": "a complaint", "recommendation": "a recommendation"}
_KIND_ZH = {"invitation": "邀请信", "thanks": "感谢信", "apology": "道歉信", "advice": "建议信", "application": "申请信",
            "request": "求助信", "introduction": "介绍信", "notice": "通知", "congratulation": "祝贺信",
            "consultation": "咨询信", "reply": "回信", "farewell": "告别信", "complaint": "投诉信", "recommendation": "推荐信"}
def scale_for(prompt: Any, scale: int | None = None) -> int:
    """15 for 应用文 (gaokao-15) and when there is no prompt; 25 for gaokao-25; `scale` overrides."""
    if scale is not None:
        if scale not in COMPONENT_MAX:
            raise ValueError(f"scale must be 15 or 25, not {scale}")
        return scale
    return 25 if str(getattr(prompt, "exam", "")) == "gaokao-25" else 15


def band_for(total: float, scale: int) -> tuple[int, float, float]:
    """(band, low, high) for a total, in the half points totals move in: band 4 on 15 points is
    10–12.5 (12.5 is band 4, 13 band 5), so a total always lies inside the range printed beside it."""
    bands = BANDS[scale]
    for i, (band, low, _high) in enumerate(bands):
        if total >= low:
            high = float(scale) if i == 0 else bands[i - 1][1] - 0.5
            return band, low, int(high) if high.is_integer() else high
    return bands[-1][0], 0, 0


def score_letter(letter: Letter, prompt: Any, findings: Sequence[Finding], *, scale: int | None = None) -> Score:
    """Score one letter on the gaokao rubric; `prompt` may be None (content is then not scored)."""
    from lihua.scoring.language import DENSITY_CAPS, language_deductions
    from lihua.scoring.organisation import organisation_deductions

    points_scale = scale_for(prompt, scale)
    words = body_word_count(letter, prompt)
    limit = _word_limit(prompt)
    notes: list[dict[str, str]] = []
    maxima = dict(COMPONENT_MAX[points_scale])
    content_scored = prompt is not None
    if not content_scored:
        factor = points_scale / (maxima["language"] + maxima["organisation"])
        maxima = {"content": 0.0, "language": maxima["language"] * factor, "organisation": maxima["organisation"] * factor}
        notes.append(dict(NO_PROMPT_NOTE))
    if words == 0:
        return _empty(letter, points_scale, maxima, content_scored, notes, limit)

    deductions: list[Deduction] = []
    coverage: list[PointCoverage] = []
    relevance = kind = None
    band_cap = 5
    if content_scored:
        from lihua.scoring.content import read_content

        reading = read_content(letter, prompt)
        coverage, relevance, kind = reading.points, reading.relevance, reading.letter_kind
        content_cuts, band_cap, content_notes = _content_deductions(reading, maxima["content"])
        deductions += content_cuts
        notes += content_notes
    names = _names(prompt)
    measured = measure_letter(letter, findings, limit)
    language_cuts, profile, density = language_deductions(letter, findings, maxima["language"], names, measured)
    deductions += language_cuts
    cap_reason = None
    if content_scored and band_cap < 5:
        cap_reason = ("Content keeps the letter in band {band} at most ({low}–{high}).",
                      "内容要点不全或偏题，最高只能评为第{band}档（{low}–{high}分）。",
                      [p.id for p in coverage if not p.covered], [])
    error_cap = next((band for limit, band in DENSITY_CAPS if density >= limit), 5)
    if error_cap < band_cap:
        band_cap = error_cap
        cap_reason = (f"{density:.1f} weighted errors per 100 words keep the letter in band {{band}} at most ({{low}}–{{high}}).",
                      f"每百词约{density:.1f}处（加权）错误，最高只能评为第{{band}}档（{{low}}–{{high}}分）。",
                      [], sorted({i for d in language_cuts for i in d.findings}))
    floor = limit[0] if limit else _usual_minimum(points_scale)
    short_cap = 1 if words * 4 < floor else 2 if words * 2 < floor else 5
    if short_cap < band_cap:  # a few lines cannot do the task, however clean they are
        band_cap = short_cap
        whose, whose_zh = ("the task's", "要求的") if limit else ("the exam's usual", "考试通常要求的")
        cap_reason = (f"{words} words, far under {whose} {floor}: the task is not done, so band {{band}} at most "
                      "({low}–{high}).",
                      f"仅{words}词，远少于{whose_zh}{floor}词，未能完成任务，最高只能评为第{{band}}档（{{low}}–{{high}}分）。",
                      [], [])
    deductions += organisation_deductions(letter, prompt, findings, maxima["organisation"], measured)

    components = {}
    for name in ("content", "language", "organisation"):  # each in half points, as the total
        lost = sum(d.points for d in deductions if d.component == name)
        components[name] = Component(name, max(0.0, _round(maxima[name] - lost)), maxima[name],
                                     name != "content" or content_scored)
    deductions = _to_half_points(deductions, components)
    raw = sum(c.score for c in components.values())
    band, low, high = band_for(raw, points_scale)
    if band > band_cap and cap_reason:
        _, cap_low, cap_high = _band_range(band_cap, points_scale)
        reason, reason_zh, point_ids, indices = cap_reason
        deductions.append(Deduction(
            "band", reason.format(band=band_cap, low=f"{cap_low:g}", high=f"{cap_high:g}"),
            reason_zh.format(band=band_cap, low=f"{cap_low:g}", high=f"{cap_high:g}"), raw - cap_high,
            findings=indices, rule_ids=sorted({findings[i].rule_id for i in indices}), content_points=point_ids))
        raw = float(cap_high)
    total = _round(raw)
    length_cut = _length_deduction(words, limit, points_scale)
    if length_cut:
        deductions.append(length_cut)
        total = max(1.0, total - length_cut.points)
    elif limit and words > limit[1]:  # 15 points: reported, not marked down
        notes.append({"en": f"{words} words, over the task's {limit[1]}: markers may not read the rest.",
                      "zh": f"共{words}词，超过题目要求的{limit[1]}词。"})
    total = max(1.0, total)
    band, low, high = band_for(total, points_scale)
    descriptor = describe(band, components, content_scored, {"language": error_cap})
    return Score(points_scale, total, raw, band, (low, high), descriptor, components, deductions, content_scored,
                 coverage, notes, words, limit, relevance, kind, profile.to_dict())


def _to_half_points(deductions: list[Deduction], components: dict[str, Component]) -> list[Deduction]:
    """Each component's deductions rescaled to the points it really lost once rounded to half
    points, so the points listed add up to the sub-score shown; a reason whose share rounds to
    nothing is dropped (no point lost, nothing to explain)."""
    lost = {name: sum(d.points for d in deductions if d.component == name) for name in components}
    out = []
    for d in deductions:
        component = components.get(d.component)
        if component is not None:
            d.points *= (component.max - component.score) / lost[d.component] if lost[d.component] else 0.0
            if d.points < 0.005:
                continue
        out.append(d)
    return out


def _band_range(band: int, scale: int) -> tuple[int, float, float]:
    low = next(b[1] for b in BANDS[scale] if b[0] == band)
    return band_for(low, scale)


def describe(band: int, components: dict[str, Component], content_scored: bool,
             caps: dict[str, int] | None = None) -> dict[str, str]:
    """The band descriptor built from the components' own numbers: one clause per component at the
    level its share of points reaches (the band cut points of 15 points), so none contradicts them.
    Language says two things: its structures and vocabulary at that level, and its errors at the level
    `caps["language"]` (the weighted error density) reaches, so a letter poor in range but with few
    errors is never told its errors hinder understanding, nor a letter full of errors that it is accurate."""
    from lihua.scoring.marking import marking
    from lihua.scoring.words import scoring_words

    if band == 0:
        return dict(scoring_words().bands[0])
    parts = marking().descriptor
    clauses: list[dict[str, str]] = []
    for name in ("content", "language", "organisation"):
        component = components[name]
        if not component.scored:
            clauses.append(parts["not_scored"][name])
            continue
        share = component.score / component.max if component.max else 0.0
        level = band_for(_round(share * 15), 15)[0]
        clauses.append(parts[name][level])
        if name == "language" and level > 0:
            clauses.append(parts["accuracy"][(caps or {}).get(name, 5)])
    return {"en": "; ".join(c["en"] for c in clauses).capitalize() + ".",
            "zh": "；".join(c["zh"] for c in clauses) + "。"}


def body_word_count(letter: Letter, prompt: Any) -> int:
    """Words of the body, minus any opening or closing sentence the task gave (not counted in the exam)."""
    total = letter.word_count
    if prompt is None or not letter.paragraphs:
        return total
    body = " ".join(p.text for p in letter.paragraphs)
    flat = " ".join(body.split())
    for given in (getattr(prompt, "given_opening", None), getattr(prompt, "given_closing", None)):
        for line in (given or "").splitlines():
            line = " ".join(line.split())
            if count_words(line) >= 3 and line in flat:
                total -= count_words(line)
    return max(total, 0)


def _word_limit(prompt: Any) -> tuple[int, int] | None:
    """The task card's own range (as `lihua prompts show` prints it); no task, no range to judge."""
    limit = getattr(prompt, "word_limit", None)
    return (limit.min, limit.max) if limit else None


def _usual_minimum(scale: int) -> int:
    """The exam's usual minimum, only to notice a letter of a few lines when no task is given."""
    from lihua.prompts.schema import DEFAULT_WORD_LIMITS

    return DEFAULT_WORD_LIMITS[f"gaokao-{scale}"][0]


def _length_deduction(words: int, limit: tuple[int, int] | None, scale: int) -> Deduction | None:
    """2 points off outside the task's range (25 points) or under its minimum (15 points); no task, none."""
    if not limit:
        return None
    low, high = limit
    if words < low:
        return Deduction("length", f"{words} words, under the task's {low}: 2 points off the total.",
                         f"共{words}词，少于题目要求的{low}词：从总分中减去2分。", 2.0)
    if scale == 25 and words > high:
        return Deduction("length", f"{words} words, over the task's {high}: 2 points off the total.",
                         f"共{words}词，多于题目要求的{high}词：从总分中减去2分。", 2.0)
    return None


def _content_deductions(reading: Any, maximum: float) -> tuple[list[Deduction], int, list[dict[str, str]]]:
    """Missing points cost their share of content; missing or off-topic content caps the band."""
    points = reading.points
    n = len(points) or 1
    missing = [p for p in points if not p.covered]
    cuts = [Deduction("content", f"Content point not covered: {p.en}.", f"未覆盖内容要点：{p.zh}。",
                      maximum / n, content_points=[p.id]) for p in missing]
    covered = n - len(missing)
    cap = 5 if not missing else 4 if len(missing) == 1 and n >= 3 else 3 if covered * 2 >= n else 2 if covered else 1
    notes = []
    left = maximum * covered / n
    if reading.relevance < OFF_TOPIC:
        unrelated = reading.relevance < UNRELATED
        share = 1.0 if unrelated else 0.5
        kind = reading.letter_kind
        other = kind and kind != reading.expected_kind
        what = f"it reads as {_KIND_EN.get(kind, kind)}, but the task asks for {_KIND_EN.get(reading.expected_kind)}" \
            if other else f"it uses {reading.relevance:.0%} of the task's own words"
        what_zh = f"读起来像{_KIND_ZH.get(kind, kind)}，而题目要求写{_KIND_ZH.get(reading.expected_kind)}" \
            if other else f"只用到题目情景中{reading.relevance:.0%}的关键词"
        cuts.append(Deduction("content", f"Off the task: {what}.", f"偏离题意：{what_zh}。", left * share,
                              content_points=[p.id for p in points if p.covered]))
        cap = min(cap, 1 if unrelated else 2)
        if other:
            notes.append({"en": "This letter seems to answer a different task; check the prompt.",
                          "zh": "这封信似乎回答的是另一道题，请核对题目要求。"})
    return cuts, cap, notes


def _names(prompt: Any) -> set[str]:
    if prompt is None:
        return set()
    names = [getattr(prompt, "recipient", ""), *getattr(prompt, "names", [])]
    return {w.lower() for n in names for w in n.split()}


def _round(value: float) -> float:
    """To the nearest half point (half up): the gaokao mark is the mean of two markers' whole marks."""
    return int(value * 2 + 0.5 + 1e-9) / 2


def _empty(letter: Letter, scale: int, maxima: dict[str, float], content_scored: bool,
           notes: list[dict[str, str]], limit: tuple[int, int] | None) -> Score:
    """A letter with no body gets 0: nothing reaches the reader."""
    from lihua.scoring.words import scoring_words

    components = {n: Component(n, 0.0, maxima[n], n != "content" or content_scored)
                  for n in ("content", "language", "organisation")}
    cut = Deduction("band", "The letter has no body: there is nothing to mark.", "正文为空，无法评分。", float(scale))
    return Score(scale, 0.0, 0.0, 0, (0, 0), scoring_words().bands[0], components, [cut], content_scored,
                 [], notes, 0, limit, None, None, {})
