"""Bad input never costs a class: no letter may cost more than a letter.

Each blow-up is reproduced in a real `lihua` subprocess under a memory limit and a timeout, so a
regression fails in seconds (a clean exit and one clear line) instead of eating the machine.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lihua.findings import Category, Finding, Severity, Source, Span
from lihua.grading.merge import _same_problem, merge_findings
from lihua.text.names import pinyin_split
from tests.support import FIXTURES, ROOT

MEMORY_LIMIT = 2_000_000_000  # bytes of address space for one bounded run: a letter needs ~500 MB


def run_bounded(*args: str, seconds: float = 60, cwd: Path | None = None,
                memory: int = MEMORY_LIMIT) -> tuple[subprocess.CompletedProcess, float]:
    """`python -m lihua ARGS` under an address-space limit and a timeout; (result, seconds taken)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "NO_COLOR": "1"}
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "lihua", *args], capture_output=True, env=env,
                                cwd=cwd or ROOT, timeout=seconds, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"lihua {' '.join(args)} still running after {seconds} s")
    return result, time.perf_counter() - started


def graded_json(result: subprocess.CompletedProcess) -> dict:
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-2000:]
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return json.loads(result.stdout)


# --- pinyin: the split must not backtrack exponentially or recurse once per letter ---------------

def test_a_word_of_repeated_pinyin_syllables_is_split_in_linear_time(tmp_path: Path) -> None:
    letter = tmp_path / "pinyin.txt"
    letter.write_text("I like " + "xian" * 26 + "v food.\n", encoding="utf-8")
    result, seconds = run_bounded("grade", str(letter), "--format", "json", seconds=30)
    graded_json(result)
    assert seconds < 30


@pytest.mark.parametrize("word", ["a" * 1000, "Li'" * 1200 + "Li"])
def test_a_very_long_word_gives_a_report_not_a_recursion_error(tmp_path: Path, word: str) -> None:
    letter = tmp_path / "long.txt"
    letter.write_text(f"Dear Chris,\n\n{word}\n\nYours,\nLi Hua\n", encoding="utf-8")
    result, _ = run_bounded("grade", str(letter), "--format", "json", seconds=30)
    assert graded_json(result)["schema"] == 1


def test_pinyin_split_still_prefers_long_syllables_and_backtracks() -> None:
    assert pinyin_split("zongzi") == ("zong", "zi")
    assert pinyin_split("Xi'an") == ("xian",)  # the apostrophe is dropped before splitting
    assert pinyin_split("xian") == ("xian",)  # the longest syllable first
    assert pinyin_split("tiananmen") == ("tian", "an", "men")
    assert pinyin_split("zhuangu") == ("zhuan", "gu")  # "zhuang" would leave "u", no syllable: back off
    assert pinyin_split("recieve") is None
    assert pinyin_split("a" * 5000) == ("a",) * 5000


# --- merge: about linear in the number of findings, same result as comparing every pair ----------

def _pairwise_merge(findings: list[Finding]) -> list[Finding]:
    """The definition: in rank order, keep a finding unless it is the same problem as one kept."""
    from lihua.grading.merge import _PRIORITY

    ranked = sorted(findings, key=lambda f: (_PRIORITY[f.source], f.severity.rank, f.span.start, f.span.end))
    kept: list[Finding] = []
    for finding in ranked:
        if not any(_same_problem(finding, other) for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.span.start, f.span.end, f.rule_id))


def _letters() -> list[str]:
    """Every letter the tests keep (fixtures, examples, replies), in whatever encoding it was saved."""
    from lihua.io.read import InputError, read_source

    paths = sorted((FIXTURES / "correct_letters").glob("*.txt")) + sorted((FIXTURES / "batch").glob("*.*"))
    paths += sorted((ROOT / "examples").glob("*.txt")) + sorted((FIXTURES / "replies").glob("*.txt"))
    paths += sorted(FIXTURES.glob("letter*.*")) + [FIXTURES / "chinese_inside.txt"]
    texts = []
    for path in paths:
        try:
            texts.append(read_source(path).text)
        except InputError:
            continue  # the fixtures of unreadable files
    return texts


def test_merge_gives_the_pairwise_result_on_real_letters() -> None:
    from lihua.checks import check_letter
    from lihua.engines.harper import HarperEngine
    from lihua.text.letter import parse_letter

    harper = HarperEngine()
    compared = 0
    for text in _letters():
        collected = list(check_letter(text, parse_letter(text))) + harper.check(text)
        assert merge_findings(collected) == _pairwise_merge(collected)
        compared += len(collected)
    assert compared > 50  # the letters do have findings to merge


def test_merge_gives_the_pairwise_result_on_crowded_random_findings() -> None:
    rng = random.Random(19)
    for _ in range(200):
        findings = []
        for n in range(rng.randint(0, 40)):
            start = rng.randint(0, 30)
            end = start + rng.choice([0, 0, 1, 2, 3, 5, 12])
            findings.append(Finding(f"rule{n % 5}", rng.choice(list(Source)), rng.choice(list(Category)[:3]),
                                    rng.choice(list(Severity)), "m", Span(start, end)))
        assert merge_findings(findings) == _pairwise_merge(findings)


def test_merging_many_findings_takes_linear_time() -> None:
    findings = [Finding("lihua.punct", source, Category.PUNCTUATION, Severity.WARNING, "m", Span(i, i + 1))
                for i in range(40_000) for source in (Source.LIHUA, Source.HARPER)]
    started = time.perf_counter()
    merged = merge_findings(findings)
    assert len(merged) == 40_000
    assert time.perf_counter() - started < 5  # pairwise: about 800 million comparisons


# --- parsed checks: one pass per sentence and paragraph, not one per clause ----------------------

@pytest.mark.parametrize("unit", [
    "my mother and aunt spends time and the garden have flowers and ",  # one endless sentence
    "Last July I join a camp and we go hiking.\n",  # thousands of paragraphs
    "Last July we went to a camp. We walked and we talked. My friend cooks dinner. ",  # one long story in the past
    "Every year we clean the house and we cook food and we visit friends and we sang songs. ",
])
def test_parsed_checks_take_linear_time_on_a_long_letter(unit: str) -> None:
    from lihua.checks.parsed import PARSED_CHECKS
    from lihua.text.analysis import analyse

    text = unit * (80_000 // len(unit))
    analyse(text)  # the parse is made once per text (and is linear, see tests/text); time the checks on it
    started = time.perf_counter()
    hits = sum(len(list(check(text, None, {}))) for check in PARSED_CHECKS.values())
    assert hits > 0
    assert time.perf_counter() - started < 8  # the old clause reader: about 20 s for the endless sentence, growing as n²


# --- Harper: no word longer than MAX_WORD reaches its spelling suggester; chunks stay bounded ----

@pytest.mark.parametrize("unit, repeat", [("qwertyuiop", 1000), ("although'", 4400)])
def test_a_huge_word_is_one_finding_not_gigabytes(tmp_path: Path, unit: str, repeat: int) -> None:
    letter = tmp_path / "word.txt"
    letter.write_text(unit * repeat + "\n", encoding="utf-8")
    result, _ = run_bounded("grade", str(letter), "--format", "json", seconds=60)  # before: 5.4 GB / 19.6 GB
    findings = graded_json(result)["findings"]
    assert [f["span"]["end"] - f["span"]["start"] for f in findings if f["rule_id"] == "harper.LongWord"] == [
        len(unit) * repeat]  # one finding over the whole run of letters (and apostrophes)


def test_words_up_to_the_limit_are_still_checked_by_harper() -> None:
    from lihua.engines.harper import MAX_WORD, HarperEngine

    engine = HarperEngine()
    text = "I recieve your letter and " + "x" * MAX_WORD + " ok."
    assert "recieve" in {text[f.span.start:f.span.end] for f in engine.check(text)}
    assert not [f for f in engine.check(text) if f.rule_id == "harper.LongWord"]
    chinese = "我" * (MAX_WORD * 3)
    assert not [f for f in engine.check(f"Dear Chris, {chinese}.") if f.rule_id == "harper.LongWord"]


def test_a_line_without_sentence_ends_is_linted_in_bounded_chunks() -> None:
    from lihua.engines.harper import _MAX_CHUNK, lint_chunks

    text = "we go to the park and " * 40_000
    chunks = lint_chunks(text)
    assert max(len(chunk) for _, chunk in chunks) <= _MAX_CHUNK
    assert "".join(chunk for _, chunk in chunks) == text  # nothing lost, offsets in order
    assert all(text[offset:offset + len(chunk)] == chunk for offset, chunk in chunks)


# --- input: refuse what is not a letter before reading or unpacking it ---------------------------

def test_a_fifo_named_like_a_letter_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    result, _ = run_bounded("grade", str(fifo), seconds=30)
    assert result.returncode == 2
    assert "not a regular file" in result.stderr.decode()
    (tmp_path / "ok.txt").write_text((ROOT / "examples" / "letter.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result, _ = run_bounded("batch", str(tmp_path), "--prompt", "invite-dragon-boat", "--out", str(tmp_path / "out"),
                           "--jobs", "1", seconds=60)
    assert result.returncode == 1  # the FIFO failed, the letter beside it was graded
    rows = (tmp_path / "out" / "scores.csv").read_text(encoding="utf-8")
    assert "not a regular file" in rows and "graded" in rows


def test_a_small_docx_holding_megabytes_of_text_is_refused(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for _ in range(60):
        document.add_paragraph("I like playing football with my friends. " * 2000)
    bomb = tmp_path / "bomb.docx"
    document.save(bomb)
    assert bomb.stat().st_size < 1_000_000  # under the byte limit: only the text's length tells
    result, seconds = run_bounded("grade", str(bomb), seconds=60)
    assert result.returncode == 2
    assert "characters of text" in result.stderr.decode() or "unpacks to" in result.stderr.decode()
    assert seconds < 30


def test_harper_stops_at_its_time_budget_and_says_what_it_left_unchecked() -> None:
    """Past the budget (checked between chunks) the rest goes unlinted, and a notice says which part."""
    from lihua.engines.harper import HarperEngine, lint_chunks

    paragraph = "He go to school every day and she like it very much. " * 60  # > 3 000 characters
    text = "\n\n".join([paragraph] * 4)
    chunks = lint_chunks(text)
    assert len(chunks) >= 2
    engine = HarperEngine()
    whole = engine.check(text)
    assert engine.take_notices() == []
    cut = engine.check(text, budget_seconds=0)
    notices = engine.take_notices()
    assert len(notices) == 1 and f"{chunks[1][0] + 1:,}" in notices[0] and "not checked by Harper" in notices[0]
    assert cut and all(f.span.start < chunks[1][0] for f in cut)
    assert len(cut) < len(whole)
    assert engine.take_notices() == []  # given once


def test_merge_reads_each_findings_words_once_however_many_findings_it_touches(monkeypatch) -> None:
    """A span over thousands of characters (a run of '，' that Harper flags whole) touched by thousands of
    small findings: its words are read once, not once per comparison (that was 25 million characters
    scanned for 5 000 commas)."""
    import lihua.grading.merge as merge

    text = "Dear Chris,\n\n" + "，" * 3000
    big = Finding("harper.Whole", Source.HARPER, Category.PUNCTUATION, Severity.WARNING, "m",
                  Span(13, len(text)), text=text[13:])
    small = [Finding("punctuation.full-width", Source.LIHUA, Category.GRAMMAR, Severity.ERROR, "m",
                     Span(i, i + 1), text=text[i]) for i in range(13, len(text))]
    calls = []
    real = merge._flagged_words
    monkeypatch.setattr(merge, "_flagged_words", lambda f: calls.append(f) or real(f))
    kept = merge.merge_findings([big, *small])
    assert len(calls) == len(small) + 1
    assert kept == _pairwise_merge([big, *small])
