"""Feedback a student can trust: every suggested word is a real, everyday word; one error gives one
finding (and one deduction); a Chinese explanation speaks about the words the student wrote."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest

from lihua.checks import lexicon
from lihua.checks.rulebook import load_rules
from lihua.grading.pipeline import check_text
from lihua.io.read import InputError, decode_bytes
from lihua.prompts import load_bank
from lihua.reply.model_letter import write_model
from lihua.text.frequency import zipf
from tests.support import FIXTURES, ROOT, run_lihua

_WORD = re.compile(r"[A-Za-z]+")


def _letter(body: str) -> bytes:
    return f"Dear Chris,\n\n{body}\n\nYours,\nLi Hua\n".encode()


def _grade_json(body: str, *args: str) -> dict:
    result = run_lihua("grade", "-", "--format", "json", *args, input_bytes=_letter(body))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- every suggested word is one a student should write --------------------------------------------

def _corpus() -> list[tuple[str, str]]:
    """(where it comes from, text): the rules' own examples, the test letters, examples/, the model letters."""
    texts = [(f"{rule.id} example", text) for rule in load_rules() for example in rule.examples
             for text in (example.bad, example.good, example.fix) if text]
    for folder in (FIXTURES, ROOT / "examples"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".txt", ".md"} and path.is_file():
                try:
                    texts.append((str(path.relative_to(ROOT)), decode_bytes(path.read_bytes(), path.name)[0]))
                except InputError:
                    continue  # the refused inputs (empty, binary) are letters no rule reads
    bank = load_bank(use_env=False)
    texts += [(f"model letter {pid}", write_model(bank.get(pid)).text) for pid in sorted(bank.prompts)]
    return texts


@lru_cache(maxsize=1)
def _suggested_words() -> dict[str, set[str]]:
    """Every word a fix offers anywhere in the corpus (lihua's rules and Harper's, as the report shows
    them) → the rules and places offering it.

    A word the letter itself already contains (a name, the student's own word kept in a longer fix)
    is the writer's, not lihua's suggestion, and is left out.
    """
    offered: dict[str, set[str]] = {}
    for where, text in _corpus():
        written = {w.lower() for w in _WORD.findall(text)}
        for finding in check_text(text):
            for replacement in finding.replacements:
                for word in _WORD.findall(replacement):
                    if word.lower() not in written:
                        offered.setdefault(word.lower(), set()).add(f"{finding.rule_id} in {where}")
    return offered


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    assert len(_corpus()) > 1000
    assert len(_suggested_words()) > 200


def test_every_suggested_word_is_an_everyday_word() -> None:
    """No fix may be a rare or archaic word ('verily') or a non-word ('importanter', 'beautifuler')."""
    rare = {word: (zipf(word), sorted(where)[:3]) for word, where in _suggested_words().items()
            if zipf(word) < lexicon.EVERYDAY_ZIPF and word not in lexicon.RARE_BUT_RIGHT}
    assert rare == {}


def test_the_allow_list_holds_only_words_that_need_it() -> None:
    """An allowed word must be rare (else it needs no exception) and still be known to wordfreq."""
    for word in lexicon.RARE_BUT_RIGHT:
        assert 0 < zipf(word) < lexicon.EVERYDAY_ZIPF, word


@pytest.mark.parametrize(("body", "rare"), [
    ("She is one of the best in the world.", "bests"),
    ("The old town is surrounded by a stone wall.", "stonewall"),
    ("On New Year's Eve we eat jiǎozi together.", "jihadi"),
])
def test_no_rare_word_from_harper(body: str, rare: str) -> None:
    findings = _grade_json(body)["findings"]
    assert all(rare not in " ".join(f["replacements"]).lower() for f in findings), findings


def test_will_very_like_gets_really_not_verily() -> None:
    report = _grade_json("I think you will very like it.")
    fixes = [(f["text"], f["replacements"]) for f in report["findings"]]
    assert ("very", ["really"]) in fixes
    assert all("verily" not in f["replacements"] and "verily" not in f["message"] for f in report["findings"])


@pytest.mark.parametrize(("body", "right"), [
    ("The park is much beautiful than before.", "more beautiful"),
    ("Hangzhou is beautiful than my hometown.", "more beautiful"),
])
def test_an_adjective_without_an_er_form_gets_more(body: str, right: str) -> None:
    replacements = [r for f in _grade_json(body)["findings"] for r in f["replacements"]]
    assert "beautifuler" not in replacements and right in replacements, replacements



# --- a Chinese explanation is about the student's own words ----------------------------------------

@pytest.mark.parametrize(("body", "verb"), [("I very worry about it.", "worry"), ("We very hope you can come.", "hope")])
def test_chinese_explanation_names_the_verb_written(body: str, verb: str) -> None:
    """'I very worry' was explained in Chinese with 'really like': the zh text must be about 'worry'."""
    [finding] = [f for f in _grade_json(body)["findings"] if f["text"] == "very"]
    assert f"really {verb}" in finding["message_zh"] and "like" not in finding["message_zh"]
    shown = run_lihua("grade", "-", "--lang", "zh", input_bytes=_letter(body)).stdout.decode()
    assert finding["message_zh"] in shown and "really like" not in shown


# --- one error, one finding, one deduction ---------------------------------------------------------

def _deducted(report: dict) -> list[int]:
    """The finding indexes the score's deductions cite (each finding at most once)."""
    return [index for d in report["score"]["deductions"] for index in d["findings"]]


@pytest.mark.parametrize(("body", "wrong", "fixed"), [
    ("My grades is good.", "is", "My grades are good."),
    ("The activities is interesting.", "is", "The activities are interesting."),
    ("Please let us to know your idea.", "to", "Please let us know your idea."),
])
def test_one_error_is_one_finding_with_its_fix_and_one_deduction(body: str, wrong: str, fixed: str) -> None:
    report = _grade_json(body)
    start = len("Dear Chris,\n\n")
    mine = [(i, f) for i, f in enumerate(report["findings"])
            if f["span"]["start"] - start <= body.index(f" {wrong} ") + 1 < f["span"]["end"] - start]
    assert len(mine) == 1, [f["rule_id"] for _, f in mine]
    index, finding = mine[0]
    assert finding["replacements"], finding
    text = _letter(body).decode()
    corrected = text[:finding["span"]["start"]] + finding["replacements"][0] + text[finding["span"]["end"]:]
    assert fixed in corrected
    assert _deducted(report).count(index) == 1


def test_two_different_errors_side_by_side_stay_two() -> None:
    """'He go to scool': the verb and the spelling are two mistakes, each with its own finding."""
    rules = [f["rule_id"] for f in _grade_json("He go to scool every day.")["findings"]]
    assert len(rules) == 2, rules
