"""The fitted model wired into the scorer: letters of three levels rank and sit a band apart, clean
model letters reach the top band, corrected passages outscore their erroneous versions, and no
band, range, descriptor or sub-score contradicts the numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lihua.grading.pipeline import grade
from lihua.prompts import load_bank, load_file
from lihua.reply.model_letter import write_model
from lihua.scoring.marking import marking
from lihua.scoring.score import band_for
from tests.support import shared_eval_params

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LEVELS = json.loads((FIXTURES / "scoring" / "three_levels.json").read_text(encoding="utf-8"))
BANK = load_bank(use_env=False)


def test_three_letters_for_one_task_rank_a_band_apart() -> None:
    scores = [grade(LEVELS[k]).score for k in ("weak", "average", "very_good")]
    totals = [s.total for s in scores]
    assert totals == sorted(totals) and len(set(totals)) == 3, totals
    bands = [s.band for s in scores]
    assert bands[1] - bands[0] >= 1 and bands[2] - bands[1] >= 1, bands


def test_with_their_task_the_three_letters_rank_a_band_apart() -> None:
    prompt, errors = load_file(FIXTURES / "scoring" / "invite-painting-exhibition.yaml")
    assert not errors
    scores = [grade(LEVELS[k], prompt=prompt).score for k in ("weak", "average", "very_good")]
    assert scores[0].total < scores[1].total < scores[2].total, [s.total for s in scores]
    bands = [s.band for s in scores]
    assert bands[1] - bands[0] >= 1 and bands[2] - bands[1] >= 1, bands


@pytest.mark.parametrize("prompt_id", sorted(BANK.prompts)[:8])
def test_a_clean_model_letter_is_in_the_top_band(prompt_id: str) -> None:
    prompt = BANK.get(prompt_id)
    score = grade(write_model(prompt).text, prompt=prompt).score
    assert score.band == 5, [(d.reason, round(d.points, 2)) for d in score.deductions]


@pytest.mark.parametrize("row", shared_eval_params("gaokao_corrections_dev.jsonl"))
def test_a_corrected_passage_outscores_its_erroneous_text(row: dict) -> None:
    wrong, right = grade(row["text"]).score, grade(row["corrected"]).score
    assert right.total > wrong.total or right.raw > wrong.raw, (wrong.total, right.total)


def test_length_is_not_marked_without_a_task() -> None:
    text = LEVELS["very_good"]
    short = "\n".join(text.splitlines()[:2] + text.splitlines()[-2:])
    score = grade(short).score
    assert not [d for d in score.deductions if d.component == "length" or "the task's" in d.reason]


def test_a_text_that_is_no_letter_is_not_marked_for_format() -> None:
    body = "\n\n".join(p for p in LEVELS["average"].split("\n") if p.strip() and not p.startswith(("Dear", "Yours", "Li Hua")))
    score = grade(body).score
    assert not [d for d in score.deductions if "salutation" in d.reason or "signature" in d.reason.lower()]


def _letters() -> list[tuple[str, str, object]]:
    """Many letters: the three levels, fixtures, model letters, and variations cut from them."""
    out: list[tuple[str, str, object]] = [(k, LEVELS[k], None) for k in ("weak", "average", "very_good")]
    for path in sorted((FIXTURES / "scoring").glob("*.txt")) + sorted((FIXTURES / "correct_letters").glob("*.txt"))[:6]:
        out.append((path.name, path.read_text(encoding="utf-8"), None))
    for prompt_id in sorted(BANK.prompts)[:6]:
        prompt = BANK.get(prompt_id)
        text = write_model(prompt).text
        out.append((prompt_id, text, prompt))
        lines = text.splitlines()
        out.append((prompt_id + "-half", "\n".join(lines[: max(2, len(lines) // 2)]), prompt))
        out.append((prompt_id + "-broken", text.replace(" is ", " are ").replace(" the ", " "), prompt))
    return out


@pytest.mark.parametrize(("name", "text", "prompt"), _letters(), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_no_band_descriptor_or_note_contradicts_the_numbers(name: str, text: str, prompt: object) -> None:
    score = grade(text, prompt=prompt).score
    low, high = score.band_range
    assert low <= score.total <= high, (score.total, score.band_range)
    assert band_for(score.total, score.scale)[0] == score.band
    for component in score.components.values():
        assert (component.score * 2).is_integer(), component  # half points, as the total
        assert 0 <= component.score <= component.max
        if score.band:  # the points listed add up to the sub-score shown
            listed = sum(d.points for d in score.deductions if d.component == component.name)
            assert listed == pytest.approx(component.max - component.score if component.scored else 0.0)
    parts = marking().descriptor
    content = score.components["content"]
    if not score.content_scored and score.band:
        assert parts["not_scored"]["content"]["en"] in score.descriptor["en"].lower()
        assert "content point" not in score.descriptor["en"]
    elif content.score == content.max and score.band:
        assert parts["content"][5]["en"] in score.descriptor["en"].lower()
        assert "missing" not in score.descriptor["en"]
    if any("weighted errors" in d.reason for d in score.deductions):  # errors capped the band
        assert "mostly accurate" not in score.descriptor["en"] and "a few errors" not in score.descriptor["en"]
    notes = " ".join(n["en"] for n in score.notes)
    if score.content_scored:
        assert "content is not scored" not in notes
    for cut in score.deductions:
        assert cut.points >= 0 and cut.reason and cut.reason_zh


def test_finding_rows_read_hinders_as_the_language_weights_do() -> None:
    from lihua.findings import Category, Finding, Severity, Source, Span
    from lihua.scoring.features import finding_rows
    from lihua.scoring.language import finding_weight

    found = [Finding("r", Source.LIHUA, category, severity, "x", Span(0, 1), component=component, hinders_meaning=True)
             for category in (Category.GRAMMAR, Category.SPELLING, Category.FORMAT)
             for severity in (Severity.ERROR, Severity.SUGGESTION) for component in ("language", "organisation")]
    assert [row[7] for row in finding_rows(found)] == [finding_weight(f)[1] for f in found]


def test_length_is_the_length_rules_alone() -> None:
    """The model is fitted on texts measured at one usual length, so length itself has no weight in
    it: a letter inside, under or over the task's range loses the same model points, and no model
    line names the task's length (the length rule and the short-letter cap speak for it)."""
    from lihua.scoring.marking import measure_letter, model_deductions
    from lihua.text.letter import parse_letter

    letter = parse_letter(LEVELS["average"])
    words = letter.word_count
    limits = {"inside": (words - 10, words + 10), "short": (words * 2, words * 2 + 20), "over": (words // 2, words // 2 + 10)}
    lost = {}
    for name, limit in limits.items():
        cuts = model_deductions("overall", "language", measure_letter(letter, [], limit), 6.0)
        assert not [d for d in cuts if "the task's" in d.reason], (name, [d.reason for d in cuts])
        lost[name] = sum(d.points for d in cuts)
    assert lost["short"] >= lost["inside"] == pytest.approx(lost["over"]), lost


def test_pinyin_names_for_chinese_things_are_not_unknown_words() -> None:
    from lihua.scoring.features import finding_rows, measure

    _, facts = measure("Dear Tom,\n\nWe eat zongzi and jiaozi at the festival.\n\nYours,\nLi Hua", finding_rows([]), 1.0)
    assert "zongzi" not in facts["unknown_words"] and "jiaozi" not in facts["unknown_words"]
    _, facts = measure("Dear Tom,\n\nWe eat blorptastic food.\n\nYours,\nLi Hua", finding_rows([]), 1.0)
    assert "blorptastic" in facts["unknown_words"]


@pytest.mark.parametrize(("name", "text", "prompt"), _letters(), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_each_finding_and_each_reason_is_cited_once(name: str, text: str, prompt: object) -> None:
    import re

    report = grade(text, prompt=prompt)
    cuts = [d for d in report.score.deductions if d.component in ("language", "organisation")]
    cited = [i for d in cuts for i in d.findings]
    assert len(cited) == len(set(cited)), [(d.reason, d.findings) for d in cuts]
    reasons = [re.sub(r"\(.*?\)|\d+", "", d.reason) for d in cuts]
    assert len(reasons) == len(set(reasons)), reasons
    for cut in cuts:  # "3 grammar error(s)": the three findings this line cites
        counted = re.match(r"(\d+) (grammar|spelling|punctuation|word-choice|learner) error", cut.reason)
        if counted:
            assert int(counted.group(1)) == len(cut.findings), (cut.reason, cut.findings)


def test_points_follow_the_model_on_the_curve() -> None:
    """A component loses what the curve says for its model's z, whatever the features behind it."""
    from lihua.scoring.marking import measure_letter, model_deductions, model_z
    from lihua.text.letter import parse_letter

    rules = marking()
    for component in rules.curve:
        shares = [rules.kept(component, z / 10) for z in range(-40, 41)]
        assert shares == sorted(shares) and shares[0] >= 0.0 and shares[-1] == 1.0
    for key in ("weak", "average", "very_good"):
        measured = measure_letter(parse_letter(LEVELS[key]), [], None)
        lost = sum(d.points for d in model_deductions("overall", "language", measured, 10.0))
        expected = (1.0 - rules.kept("language", model_z("overall", measured))) * 10.0
        assert lost == pytest.approx(expected if expected >= 0.05 else 0.0)


@pytest.mark.parametrize(("language", "error_level", "said", "not_said"), [
    # few errors, little range: the range is limited, the errors are not said to hinder
    (2.5, 5, ["limited structures and vocabulary", "a few errors at most"], ["hinder", "varied"]),
    # many errors, wide range: the range is varied, the errors hinder
    (5.5, 2, ["varied structures and vocabulary", "errors that hinder understanding"], ["a few errors", "accurate"]),
    (4.5, 4, ["structures and vocabulary meet the task", "mostly accurate"], ["hinder"]),
])
def test_the_descriptor_says_range_by_the_sub_score_and_errors_by_their_density(
        language: float, error_level: int, said: list[str], not_said: list[str]) -> None:
    from lihua.scoring.result import Component
    from lihua.scoring.score import describe

    components = {"content": Component("content", 6.0, 6.0), "language": Component("language", language, 6.0),
                  "organisation": Component("organisation", 2.0, 3.0)}
    descriptor = describe(4, components, True, {"language": error_level})
    text = descriptor["en"].lower()
    for phrase in said:
        assert phrase in text, text
    for phrase in not_said:
        assert phrase not in text, text
    assert descriptor["zh"].count("；") == 3  # content, range, errors, organisation
