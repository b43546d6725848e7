"""Rubric scoring: the number a gaokao marker would give, and every reason for it.

Letters are original fixtures in tests/fixtures/scoring/; findings come from the real checks
(`lihua.grading.pipeline.grade`) except where a test says it builds them from the exam's answer key.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lihua.cli.app import app
from lihua.findings import Category, Finding, Severity, Source, Span
from lihua.grading.pipeline import grade
from lihua.prompts import load_bank
from lihua.scoring.language import language_deductions
from lihua.scoring.score import Score, score_letter
from lihua.text.letter import count_words, parse_letter
from tests.support import FIXTURES, require_shared_eval, shared_eval_params

BANK = load_bank(use_env=False)
DRAGON = BANK.get("invite-dragon-boat")
LETTERS = FIXTURES / "scoring"
GOOD = (LETTERS / "good_dragon_boat.txt").read_text(encoding="utf-8")
DEV_FILE = "gaokao_corrections_dev.jsonl"


def score_of(text: str, prompt=DRAGON, scale: int | None = None) -> Score:
    return grade(text, prompt=prompt, scale=scale).score


def reasons(score: Score) -> str:
    return "\n".join(d.reason for d in score.deductions)


@pytest.fixture(scope="module")
def good() -> Score:
    return score_of(GOOD)


# --- the bands the rubric describes -------------------------------------------------------------

def test_good_original_letter_is_in_the_top_band(good: Score) -> None:
    assert good.scale == 15 and good.band == 5 and 13 <= good.total <= 15
    assert all(point.covered for point in good.coverage)
    assert good.components["content"].score == good.components["content"].max


def test_letter_with_many_errors_and_one_content_point_is_band_two_or_below() -> None:
    weak = score_of((LETTERS / "weak_dragon_boat.txt").read_text(encoding="utf-8"))
    assert [p.id for p in weak.coverage if p.covered] == ["activities"]
    assert weak.band <= 2 and weak.total <= 6
    assert "grammar error(s) in 58 words" in reasons(weak)  # the fitted model names the errors it counts


def test_empty_body_scores_zero() -> None:
    empty = score_of((LETTERS / "empty_body.txt").read_text(encoding="utf-8"))
    assert (empty.total, empty.band) == (0, 0)
    assert "no body" in reasons(empty)


def test_a_letter_for_another_task_is_noticed_and_stays_low() -> None:
    thanks = (LETTERS / "thanks_host_family.txt").read_text(encoding="utf-8")
    assert score_of(thanks, BANK.get("thank-host-family")).band == 5
    wrong = score_of(thanks, DRAGON)
    assert wrong.band <= 2
    assert "reads as a thank-you letter, but the task asks for an invitation" in reasons(wrong)
    assert any("different task" in note["en"] for note in wrong.notes)


# --- each degradation of a good letter costs points, for the reason the rubric gives ---------------

def _body_without(text: str, sentence: str) -> str:
    assert sentence in text
    return text.replace(sentence, "")


@pytest.mark.parametrize(
    ("name", "degrade", "reason"),
    [
        ("drop a content point", lambda t: _body_without(t, " I sincerely hope you can join us. Please let me know soon."),
         "Content point not covered: your hope that he will come."),
        ("colon salutation", lambda t: t.replace("Dear Chris,", "Dear Chris:"), "Colon after the salutation"),
        ("Chinese punctuation", lambda t: t.replace(". ", "。").replace(", ", "，"), "Chinese (full-width) punctuation"),
        ("no signature", lambda t: t.replace("Yours,\nLi Hua\n", "Yours,\n"), "No signature"),
        ("real name as signature", lambda t: t.replace("Li Hua\n", "Wang Fang\n"), "signed “Li Hua”"),
    ],
)
def test_degradation_lowers_the_score(good: Score, name: str, degrade, reason: str) -> None:
    worse = score_of(degrade(GOOD))
    assert worse.total < good.total, name
    assert worse.raw < good.raw
    assert reason in reasons(worse), reasons(worse)


def test_dropping_a_content_point_keeps_the_letter_out_of_band_five(good: Score) -> None:
    worse = score_of(_body_without(GOOD, " I sincerely hope you can join us. Please let me know soon."))
    assert worse.band <= 4
    cut = next(d for d in worse.deductions if d.content_points == ["hope"])
    assert cut.component == "content" and cut.points > 0


def test_cutting_to_forty_words_costs_length_points(good: Score) -> None:
    words = re.findall(r"\S+", "\n".join(p.text for p in parse_letter(GOOD).paragraphs))
    body = " ".join(words[:40])
    worse = score_of("Dear Chris,\n\n" + body + "\n\nYours,\nLi Hua\n")
    assert worse.word_count == count_words(body) < 45
    assert worse.total <= good.total - 2
    assert any(d.component == "length" and d.points == 2 for d in worse.deductions)


SCREEN = BANK.get("advise-screen-time")  # a 25-point task whose card says 100–120 words
SCREEN_LETTER = (LETTERS / "advice_screen_time.txt").read_text(encoding="utf-8")


def _first_words(text: str, n: int) -> str:
    """The letter cut to its first `n` body words, with its salutation and close kept."""
    letter = parse_letter(text)
    words = re.findall(r"\S+", "\n".join(p.text for p in letter.paragraphs))
    return f"{letter.salutation.text}\n\n{' '.join(words[:n])}\n\nYours,\nLi Hua\n"


def _length_cuts(score: Score) -> list[str]:
    return [d.reason for d in score.deductions if d.component == "length"]


def test_the_score_names_exactly_the_task_cards_word_range(runner) -> None:
    """The card says 100–120; the score said 'task 80–120'. Both come from the CLI, as a student sees them."""
    card = runner.invoke(app, ["prompts", "show", SCREEN.id]).stdout
    card_range = re.search(r"(\d+)–(\d+) words", card).group(1, 2)
    assert card_range == (str(SCREEN.word_limit.min), str(SCREEN.word_limit.max))
    path = LETTERS / "advice_screen_time.txt"
    report = runner.invoke(app, ["grade", str(path), "--prompt", SCREEN.id]).stdout
    words_line = next(line for line in report.splitlines() if line.startswith("Words:"))
    low, high = card_range
    assert f"(task {low}–{high})" in words_line and f"{low}–{high} words" in words_line, words_line
    assert "80" not in words_line
    data = json.loads(runner.invoke(app, ["grade", str(path), "--prompt", SCREEN.id, "--format", "json"]).stdout)
    assert data["score"]["word_limit"] == [int(low), int(high)]
    assert f"{low}–{high}" in data["score"]["length_rule"]["en"]


def test_a_25_point_letter_is_judged_against_its_tasks_own_range() -> None:
    full = score_of(SCREEN_LETTER, SCREEN)
    assert SCREEN.word_limit.min <= full.word_count <= SCREEN.word_limit.max and not _length_cuts(full)
    short = score_of(_first_words(SCREEN_LETTER, 90), SCREEN)  # over the old 80, under this task's 100
    assert short.word_count == 90
    assert _length_cuts(short) == ["90 words, under the task's 100: 2 points off the total."]
    # a teacher's 25-point task asking for 120–150 words: 140 words meets it (the old rule took 2 off)
    longer = SCREEN.model_copy(update={"word_limit": SCREEN.word_limit.model_copy(update={"min": 120, "max": 150})})
    padded = SCREEN_LETTER.replace("Yours,", "I also think you could ask your parents to keep your phone at night, "
                                   "and I am sure they will be glad to help you with that. Yours,")
    kept = score_of(padded, longer)
    assert 120 < kept.word_count <= 150 and not _length_cuts(kept)
    assert _length_cuts(score_of(padded, SCREEN)) == [f"{kept.word_count} words, over the task's 120: 2 points off the total."]


@pytest.mark.parametrize("scale", [15, 25])
def test_without_a_task_no_length_is_marked_down(scale: int) -> None:
    """A 117-word letter for a 25-point task, graded without --prompt, was judged against 60–100."""
    alone = score_of(SCREEN_LETTER, None, scale)
    assert alone.word_limit is None and not _length_cuts(alone)
    assert not any("over the task" in note["en"] for note in alone.notes)
    assert alone.to_dict()["length_rule"]["en"] == "No task given (--prompt): length is not marked down."
    short = score_of(_first_words(SCREEN_LETTER, 70), None, scale)
    assert not _length_cuts(short)


def test_without_a_task_the_report_shows_no_task_range(runner) -> None:
    report = runner.invoke(app, ["grade", str(LETTERS / "advice_screen_time.txt")]).stdout
    words_line = next(line for line in report.splitlines() if line.startswith("Words:"))
    assert "task" in words_line and "(task" not in words_line and "markers may not read the rest" not in report


def test_given_opening_sentence_is_not_counted() -> None:
    prompt = DRAGON.model_copy(update={"given_opening": "Dear Chris,\nI hope this email finds you well."})
    text = GOOD.replace("Dear Chris,\n\n", "Dear Chris,\n\nI hope this email finds you well. ")
    assert score_of(text, prompt).word_count == score_of(GOOD).word_count


# --- language: errors weigh more than range -------------------------------------------------------

def _answer_key_findings(passage: dict) -> list[Finding]:
    """The exam's own ten corrections as error findings (perfect detection)."""
    return [Finding(f"key.{edit['type'].replace(' ', '-').replace('/', '-')}", Source.LIHUA, Category.GRAMMAR,
                    Severity.ERROR, edit["key"], Span(edit["start"], edit["end"])) for edit in passage["edits"]]


@pytest.mark.parametrize("passage", shared_eval_params(DEV_FILE))
def test_corrected_passage_outranks_its_errors_given_the_answer_key(passage: dict) -> None:
    erroneous = score_letter(parse_letter(passage["text"]), None, _answer_key_findings(passage))
    corrected = grade(passage["corrected"]).score
    assert corrected.components["language"].score > erroneous.components["language"].score
    assert corrected.total > erroneous.total


def _load(score: Score) -> float:
    return sum(d.points for d in score.deductions if d.component == "language" and d.findings)


@pytest.mark.parametrize("passage", shared_eval_params(DEV_FILE))
def test_corrected_passage_never_ranks_below_with_lihuas_own_checks(passage: dict) -> None:
    """End to end: never below, and strictly above wherever the checks see more errors in `text`."""
    erroneous, corrected = grade(passage["text"]).score, grade(passage["corrected"]).score
    language_e, language_c = erroneous.components["language"].score, corrected.components["language"].score
    assert language_c >= language_e
    if _load(erroneous) > _load(corrected):
        assert language_c > language_e


def test_range_alone_cannot_outweigh_errors() -> None:
    text = require_shared_eval(DEV_FILE)[0]["corrected"]
    clean = grade(text).score
    two = [Finding("key.x", Source.LIHUA, Category.GRAMMAR, Severity.ERROR, "x", Span(0, 1)),
           Finding("key.y", Source.LIHUA, Category.GRAMMAR, Severity.ERROR, "y", Span(5, 6))]
    flawed = score_letter(parse_letter(text), None, two)
    range_budget = 0.3 * clean.components["language"].max
    assert clean.components["language"].score - flawed.components["language"].score > 0
    assert sum(d.points for d in flawed.deductions if d.component == "language" and not d.findings) <= range_budget + 1e-9


def test_errors_that_hinder_meaning_weigh_more() -> None:
    letter = parse_letter(GOOD)
    plain = Finding("learner.article.a-an", Source.LIHUA, Category.GRAMMAR, Severity.ERROR, "x", Span(20, 21))
    blocking = Finding("script.chinese-characters", Source.LIHUA, Category.GRAMMAR, Severity.ERROR, "x", Span(20, 21),
                       hinders_meaning=True)
    density = [language_deductions(letter, [f], 6.0, set())[2] for f in (blocking, plain)]
    assert density[0] > density[1]  # the density that caps the band weighs them 1.5 times
    spelling = Finding("harper.Spelling", Source.HARPER, Category.SPELLING, Severity.ERROR, "x", Span(20, 21))
    lost = [sum(d.points for d in language_deductions(letter, [f], 6.0, set())[0]) for f in (spelling, plain)]
    assert lost[0] < lost[1]  # a spelling slip costs less than a grammar error (before half points)


def _lost(score: Score) -> float:
    """Points lost before the half-point rounding of the components (small differences show)."""
    return sum(d.points for d in score.deductions)


# --- content without a prompt, explanations, the contract -----------------------------------------

def test_without_a_prompt_content_is_not_scored_and_the_report_says_so() -> None:
    score = score_of(GOOD, prompt=None)
    data = score.to_dict()
    assert data["content_scored"] is False and data["content_coverage"] == []
    assert data["components"]["content"]["scored"] is False
    assert "content is not scored" in data["content_note"]["en"] and data["content_note"]["zh"]
    assert data["components"]["language"]["max"] + data["components"]["organisation"]["max"] == pytest.approx(15)


def test_every_point_lost_is_explained(good: Score) -> None:
    for text in (GOOD, (LETTERS / "weak_dragon_boat.txt").read_text(encoding="utf-8")):
        score = score_of(text)
        explained = sum(d.points for d in score.deductions if d.component != "length")
        assert score.scale - explained == pytest.approx(score.raw)
        assert all(d.reason and d.reason_zh and d.points > 0 for d in score.deductions)


def test_coverage_quotes_the_sentence_that_covers_each_point(good: Score) -> None:
    evidence = {p.id: p.evidence.text for p in good.coverage}
    assert evidence["activities"] == "First, we will watch an exciting dragon boat race."
    assert evidence["hope"] == "I sincerely hope you can join us."
    for point in good.coverage:
        assert GOOD[point.evidence.start:point.evidence.end] == point.evidence.text


def test_inflected_keywords_cover_a_point() -> None:
    text = GOOD.replace("how to make zongzi", "the making of zongzi").replace("we will watch an exciting dragon boat race",
                                                                            "we watched dragon boat races")
    matched = next(p for p in score_of(text).coverage if p.id == "activities").matched
    assert {"make", "watch", "dragon boat race"} <= set(matched)


def test_chat_words_cost_more_when_writing_to_a_teacher() -> None:
    friend = score_of(GOOD.replace("Please let me know soon.", "Pls let me know, it's gonna be cool."))
    teacher_prompt = DRAGON.model_copy(update={"recipient": "Mr. Smith"})
    teacher = score_of(GOOD.replace("Please let me know soon.", "Pls let me know, it's gonna be cool."), teacher_prompt)
    friend_cut, teacher_cut = (next(d.points for d in s.deductions if d.reason.startswith("Chat words"))
                               for s in (friend, teacher))
    assert teacher_cut > friend_cut > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("abc DEF,.:;!?\n。，Li Hua Dear Yours")), max_size=300))
def test_any_text_gets_a_score_within_the_scale(text: str) -> None:
    score = score_letter(parse_letter(text), DRAGON, [])
    assert 0 <= score.total <= score.scale and 0 <= score.band <= 5
    for component in score.components.values():
        assert 0 <= component.score <= component.max
    json.dumps(score.to_dict())


# --- CLI ----------------------------------------------------------------------------------------------

def test_cli_text_report_shows_the_score_table(runner, tmp_path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(GOOD.replace("Dear Chris,", "Dear Chris:"), encoding="utf-8")
    result = runner.invoke(app, ["grade", str(path), "--prompt", "invite-dragon-boat"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Score: \d+(\.5)?/15 · band [45] \(\d+–\d+\)", result.stdout)
    assert "Colon after the salutation" in result.stdout
    assert "✓ hope: your hope that he will come" in result.stdout


def test_cli_chinese_explanations_and_25_point_scale(runner, tmp_path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(GOOD.replace("Dear Chris,", "Dear Chris:"), encoding="utf-8")
    result = runner.invoke(app, ["grade", str(path), "--prompt", "invite-dragon-boat", "--lang", "zh", "--scale", "25"])
    assert result.exit_code == 0, result.output
    assert "得分" in result.stdout and "/25 · 第" in result.stdout and "称呼后用了冒号" in result.stdout


def test_cli_json_has_the_score(runner, tmp_path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["grade", str(path), "--format", "json"])
    score = json.loads(result.stdout)["score"]
    assert score["scale"] == 15 and score["content_scored"] is False
    assert set(score["components"]) == {"content", "language", "organisation"}
    assert score["band_descriptor"]["en"] and score["band_descriptor"]["zh"]
    for deduction in score["deductions"]:
        assert {"reason", "reason_zh", "points", "findings", "rule_ids", "content_points"} <= set(deduction)


def test_cli_refuses_another_scale(runner, tmp_path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["grade", str(path), "--scale", "20"])
    assert result.exit_code == 2 and "15 or 25" in result.stderr


def test_although_but_is_a_mistake_not_a_linking_word() -> None:
    sentence = "Since you are keen on Chinese culture, I am sure you will enjoy it."
    right = score_letter(parse_letter(GOOD.replace(sentence, "Although it may rain, I am sure you will enjoy it.")), DRAGON, [])
    paired = score_letter(parse_letter(GOOD.replace(sentence, "Although it may rain, but I am sure you will enjoy it.")),
                          DRAGON, [])
    assert paired.raw < right.raw
    assert "“although/though … but” in one sentence" in reasons(paired)


def test_colour_table_keeps_finding_positions_and_chinese(tmp_path) -> None:
    from rich.console import Console

    from lihua.render.score_text import render_score

    report = grade(GOOD.replace("Dear Chris,", "Dear Chris:").replace(". After", "。After"), prompt=DRAGON)
    for lang, expected in (("en", "Chinese (full-width) punctuation × 1"), ("zh", "使用中文标点1处")):
        console = Console(force_terminal=True, width=160, record=True)
        render_score(report.score, console, lang=lang, findings=report.findings)
        shown = console.export_text()
        assert expected in shown
        assert re.search(r"\[(at|位置) \d+:\d+\]", shown), shown


def test_format_findings_are_cited_once_and_unknown_ones_still_count() -> None:
    text = GOOD.replace("Dear Chris,", "Dear Chris:")
    letter = parse_letter(text)
    colon = Finding("format.salutation.colon", Source.LIHUA, Category.FORMAT, Severity.ERROR, "Use a comma.",
                    Span(letter.salutation.end - 1, letter.salutation.end))
    other = Finding("format.closing.capital", Source.LIHUA, Category.FORMAT, Severity.ERROR, "Capitalise the close.",
                    Span(letter.closing.start, letter.closing.start + 1))
    alone = score_letter(letter, DRAGON, [])
    cited = score_letter(letter, DRAGON, [colon])
    assert _lost(cited) == pytest.approx(_lost(alone))  # the colon costs once, whoever noticed it
    assert next(d for d in cited.deductions if "Colon" in d.reason).findings == [0]
    extra = score_letter(letter, DRAGON, [colon, other])
    # The second format slip gets its own line of the points lost; with sub-scores in half points
    # (as markers give them) it may not move the component by itself, and never raises it.
    assert _lost(extra) >= _lost(cited)
    assert next(d for d in extra.deductions if d.reason.startswith("Letter format")).findings == [1]


def test_many_errors_keep_a_letter_with_every_point_out_of_the_top_bands() -> None:
    letter = parse_letter(GOOD)
    starts = [m.start() for m in re.finditer(r"\b\w+\b", GOOD)][5:95:9]
    errors = [Finding("learner.verb.form", Source.LIHUA, Category.GRAMMAR, Severity.ERROR, "x", Span(s, s + 2))
              for s in starts]
    assert len(errors) == 10
    score = score_letter(letter, DRAGON, errors)
    assert all(p.covered for p in score.coverage)
    assert score.band <= 3
    cap = next(d for d in score.deductions if d.component == "band")
    assert "weighted errors per 100 words" in cap.reason and cap.findings == list(range(10))


def test_chat_words_are_marked_once_under_organisation_not_again_as_language_errors() -> None:
    text = ("Dear Tom,\n\nThx for ur letter. I'm gonna visit Beijing next month and I want to see the Great "
            "Wall with u. My parents will take us there by car, and we will eat roast duck together.\n\n"
            "Yours,\nLi Hua\n")
    report = grade(text)
    score = report.score
    register = [i for i, f in enumerate(report.findings) if f.rule_id.startswith("learner.register.")]
    assert register, [f.rule_id for f in report.findings]
    cited_by = {d.component for d in score.deductions for i in register if i in d.findings}
    assert cited_by == {"organisation"}


def test_a_rule_marked_hinders_meaning_weighs_more_than_the_same_error_unmarked() -> None:
    from dataclasses import replace

    from lihua.checks.rulebook import load_rules, run_rules
    from lihua.scoring.language import finding_weight

    splice = next(r for r in load_rules() if r.id == "learner.sentence.comma-splice")
    assert splice.hinders_meaning
    found = run_rules(splice.examples[0].bad)
    marked = next(f for f in found if f.rule_id == splice.id)
    assert marked.hinders_meaning
    weight, hinders = finding_weight(marked)
    assert hinders and weight == pytest.approx(1.5 * finding_weight(replace(marked, hinders_meaning=False))[0])


def test_chinese_characters_hinder_meaning_and_full_width_marks_are_organisation_punctuation() -> None:
    from lihua.checks.chinese_text import check_chinese_text

    found = {f.rule_id: f for f in check_chinese_text("I ate 饺子 with Tom，then went home.")}
    assert found["script.chinese-characters"].hinders_meaning
    wide = found["punctuation.full-width"]
    assert (wide.component, wide.aspect, wide.hinders_meaning) == ("organisation", "punctuation", False)


def test_a_teachers_format_rule_is_cited_under_the_aspect_it_names() -> None:
    text = GOOD.replace("Yours,\n", "")
    letter = parse_letter(text)
    assert letter.closing is None
    def close(aspect: str) -> Finding:
        return Finding("school.close-needed", Source.LIHUA, Category.FORMAT, Severity.ERROR, "Add a close.",
                       Span(len(text) - 3, len(text) - 1), aspect=aspect)
    missing = next(d for d in score_letter(letter, DRAGON, [close("closing")]).deductions if "complimentary" in d.reason)
    assert missing.findings == [0]
    other = score_letter(letter, DRAGON, [close("")]).deductions
    assert next(d for d in other if "complimentary" in d.reason).findings == []
    assert next(d for d in other if d.reason.startswith("Letter format")).findings == [0]


def test_a_letter_far_too_short_cannot_pass_however_clean() -> None:
    few = grade("Dear Tom,\n\nI will come to your party on Sunday.\n\nYours,\nLi Hua\n").score
    assert few.band <= 1 and any(d.component == "band" and "far under" in d.reason for d in few.deductions)
    half = " ".join(["We will watch the dragon boat race by the river and eat zongzi together."] * 2)
    some = grade(f"Dear Tom,\n\n{half}\n\nYours,\nLi Hua\n").score
    assert some.band <= 2


def _graded(body: str, *options: str) -> dict:
    """`lihua grade - --format json` of a letter to Chris whose body is `body`."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["grade", "-", "--format", "json", *options],
                                input=f"Dear Chris,\n\n{body}\n\nBest wishes,\nLi Hua\n")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


INVITATION = ("I am writing to invite you to celebrate the Dragon Boat Festival{gloss} with my family next "
              "Saturday. It falls on the fifth day of the fifth lunar month, and people remember the poet Qu Yuan "
              "on that day. We will watch the exciting dragon boat races by the river in the morning. After "
              "that, my grandmother will teach us how to make zongzi, which are rice dumplings wrapped in "
              "bamboo leaves. I am sure you will enjoy it. Please let me know if you can come.")


@pytest.mark.parametrize("gloss", [" (端午节)", "(端午节)", " (端午节, Duanwu)"])
def test_a_chinese_gloss_in_brackets_after_the_english_name_is_a_note_not_an_error(gloss: str) -> None:
    """Characters in brackets right after the English name explain it: at most a suggestion, never
    'hinders meaning', and the score is the one the letter earns without the gloss."""
    glossed = _graded(INVITATION.format(gloss=gloss), "--prompt", "invite-dragon-boat")
    plain = _graded(INVITATION.format(gloss=""), "--prompt", "invite-dragon-boat")
    chinese = [f for f in glossed["findings"] if any("\u4e00" <= c <= "\u9fff" for c in f["text"])]
    assert chinese and all(f["severity"] == "suggestion" for f in chinese), chinese
    assert glossed["summary"]["error"] == plain["summary"]["error"]
    assert glossed["score"]["total"] == plain["score"]["total"]
    assert "hinder" not in json.dumps([d["reason"] for d in glossed["score"]["deductions"]])


def test_chinese_words_standing_in_for_english_are_still_an_error() -> None:
    bare = _graded(INVITATION.format(gloss="").replace("make zongzi", "make 粽子"), "--prompt", "invite-dragon-boat")
    assert [f["severity"] for f in bare["findings"] if f["text"] == "粽子"] == ["error"]


ADVICE = ("I am sorry to hear that you are worried about your exams. Here is some advice. First, you should "
          "draw up a study plan and stick to it every day. Second, do some sports after class, which can take "
          "your mind off the pressure. Third, talk with your friends when you feel down. I hope my advice is of "
          "help to you and you will do well in the exams.")


def test_phrasal_verbs_and_idioms_count_as_advanced_vocabulary() -> None:
    """'draw up', 'stick to', 'take your mind off' are made of common words but are advanced usage
    (scoring.yaml advanced_phrases): a letter using them is not told it has little advanced vocabulary."""
    report = _graded(ADVICE)
    advanced = report["score"]["language_range"]["advanced_words"]
    assert {"draw up", "stick to", "take one's mind off"} <= set(advanced)
    assert "advanced vocabulary" not in json.dumps([d["reason"] for d in report["score"]["deductions"]])


def test_advanced_phrases_are_found_in_any_tense_and_with_any_possessive() -> None:
    told = ("Last term I drew up a plan and was sticking to it, and music took my mind off the exams. "
            "We came up with a good idea.")
    assert {"draw up", "stick to", "take one's mind off", "come up with"} <= set(
        _graded(told)["score"]["language_range"]["advanced_words"])
    plain = _graded("I drew a plan. I stick it on the wall. I took my book off the desk. I came up the hill.")
    assert not {"draw up", "stick to", "take one's mind off", "come up with"} & set(
        plain["score"]["language_range"]["advanced_words"])
