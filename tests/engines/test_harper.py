"""The Harper engine as lihua uses it: names and pinyin allowed, British spelling allowed, stdout clean."""

from __future__ import annotations

import json

import pytest

from lihua.engines.harper import HarperEngine, paragraph_chunks
from lihua.text.names import is_chinese_name_or_pinyin
from tests.support import run_lihua


@pytest.fixture(scope="module")
def engine() -> HarperEngine:
    return HarperEngine()


def flagged_words(engine: HarperEngine, text: str, names=()) -> set[str]:
    return {text[f.span.start : f.span.end] for f in engine.check(text, names=names)}


def test_chinese_names_and_pinyin_are_not_spelling_errors(engine: HarperEngine) -> None:
    text = ("Li Hua and Zhang Wei ate zongzi and jiaozi at Qingming in a hutong in Beijing and Hangzhou "
            "with Mr. Li's help.")
    assert flagged_words(engine, text) == set()


def test_prompt_names_are_accepted(engine: HarperEngine) -> None:
    text = "Dear Krzysztof, thank you."
    assert "Krzysztof" in flagged_words(engine, text)
    assert "Krzysztof" not in flagged_words(engine, text, names={"Krzysztof"})


def test_words_of_chinese_life_that_harper_does_not_know_are_accepted(engine: HarperEngine) -> None:
    text = "My deskmate and I made mooncakes, ate tangyuan in two old hutongs and shared photos on RedNote and WeChat."
    assert flagged_words(engine, text) == set()
    assert "mooncaeks" in flagged_words(engine, "We made mooncaeks.")  # near misses are still wrong


def test_a_title_abbreviation_does_not_end_a_sentence(engine: HarperEngine) -> None:
    assert flagged_words(engine, "Dear Mr. and Mrs. Brown, thank you for everything.") == set()


def test_a_slip_that_happens_to_split_into_pinyin_is_still_a_misspelling(engine: HarperEngine) -> None:
    flagged = flagged_words(engine, "The familes were intrested in politica and siences.")
    assert {"familes", "politica", "siences"} <= flagged
    assert "wild life" in flagged_words(engine, "I love watching wild life on TV.")  # only listed open compounds pass


def test_real_misspellings_are_still_found(engine: HarperEngine) -> None:
    assert {"recieve", "beautifull"} <= flagged_words(engine, "I recieve a beautifull gift.")


def test_british_and_american_spellings_are_both_accepted(engine: HarperEngine) -> None:
    text = ("My favourite colour is grey; I practise at the theatre and organise a programme in our neighbourhood. "
            "My favorite color is gray. Our head teacher is kind.")
    assert flagged_words(engine, text) == set()


def test_words_harper_reads_as_another_word_are_not_flagged(engine: HarperEngine) -> None:
    assert flagged_words(engine, "Gradually, she learnt how to make video calls.") == set()  # British past
    assert flagged_words(engine, "Saturday, 18 May\nToday was the first time I cooked.") == set()  # the month
    assert flagged_words(engine, "Thank you for your kind help during my stay.") == set()  # "your" + adjective + noun
    assert flagged_words(engine, "I think every one of us should help. My cousin got a flat tyre.") == set()
    assert flagged_words(engine, "I could hard believe it.") <= {"hard"}  # not "believe" → "belief"
    assert "your" in flagged_words(engine, "I think your kind.")  # still "you're" before a predicate adjective


def test_abbreviations_are_not_article_errors(engine: HarperEngine) -> None:
    assert flagged_words(engine, "Let's meet at 8 a.m. at the gate.") == set()


def test_a_real_grammar_error_is_found(engine: HarperEngine) -> None:
    findings = engine.check("He go to school every day.")
    assert any(f.replacements and f.replacements[0] == "goes" for f in findings)


def test_errors_inside_a_long_sentence_are_not_hidden_by_its_long_sentence_lint(engine: HarperEngine) -> None:
    """Harper's own dedup keeps only the longest of overlapping lints, so a run-on sentence's
    readability lint used to hide every error in it: the weakest writing looked cleanest."""
    text = ("Yesterday I went to the big park near my home with my mother and my father and my little brother "
            "and we plays football and basketball all afternoon and then we ate noodles in a small shop near the "
            "river before we went home by bus.")
    found = engine.check(text)
    kinds = {f.rule_id for f in found}
    assert "harper.Readability" in kinds  # the long sentence is still told
    assert any(text[f.span.start:f.span.end] == "plays" for f in found), sorted(kinds)


def test_offsets_are_kept_across_paragraph_chunks(engine: HarperEngine) -> None:
    text = "Fine text here.\n\n\nAnother fine one.\r\n\r\nHe go to school."
    findings = engine.check(text)
    assert [text[f.span.start : f.span.end] for f in findings] == ["go"]


def test_paragraph_chunks_cover_the_text() -> None:
    text = "One.\n\nTwo.\r\n \r\nThree."
    assert [chunk for _, chunk in paragraph_chunks(text)] == ["One.", "Two.", "Three."]
    assert all(text[o : o + len(c)] == c for o, c in paragraph_chunks(text))


def test_name_filter_rules() -> None:
    assert is_chinese_name_or_pinyin("Xi'an")
    assert is_chinese_name_or_pinyin("tangyuan")
    assert not is_chinese_name_or_pinyin("shi")  # one lower-case syllable may be a real typo
    assert not is_chinese_name_or_pinyin("recieve")


def test_harper_debug_prints_never_reach_stdout() -> None:
    """Harper's Rust code prints 'gerund_form: …' to fd 1 for this sentence; JSON must stay clean."""
    result = run_lihua("grade", "-", "--format", "json", input_bytes=b"Dear Tom,\n\nLooking forward to see you.\n\nYours,\nLi Hua\n")
    assert result.returncode == 0
    assert result.stdout.lstrip().startswith(b"{")
    assert b"gerund_form" not in result.stdout


def test_lint_chunks_are_bounded_and_cover_the_text() -> None:
    from lihua.engines.harper import lint_chunks

    paragraph = "He goes to school. " * 40  # 760 characters
    text = "\n\n".join([paragraph] * 30) + "\n\n" + "One long paragraph. " * 500
    chunks = lint_chunks(text, max_chars=2000)
    assert len(chunks) > 5
    assert all(len(chunk) <= 2000 for _, chunk in chunks)
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)
    covered = "".join(chunk for _, chunk in chunks).replace(" ", "").replace("\n", "")
    assert covered == text.replace(" ", "").replace("\n", "")


def test_a_short_letter_is_one_chunk() -> None:
    from lihua.engines.harper import lint_chunks

    assert lint_chunks("Dear Tom,\n\nHi.\n\nYours,\nLi Hua") == [(0, "Dear Tom,\n\nHi.\n\nYours,\nLi Hua")]


def _grade_json(runner, body: str) -> dict:
    """`lihua grade - --format json` on a short letter to Chris with `body` as its only paragraph."""
    from lihua.cli.app import app

    result = runner.invoke(app, ["grade", "-", "--format", "json"], input=f"Dear Chris,\n\n{body}\n\nBest wishes,\nLi Hua\n")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("written", ["a.m", "p.m", "A.M", "e.g", "i.e"])
def test_a_dotted_abbreviation_without_its_last_dot_is_a_punctuation_hint_not_a_misspelling(runner, written) -> None:
    report = _grade_json(runner, f"We will meet at 8 {written} on Saturday at the school gate, and then we can go together.")
    found = [f for f in report["findings"] if written in f["text"] or f["text"] in written]
    assert [f["category"] for f in found if f["category"] == "spelling"] == [], found
    hint = [f for f in found if f["rule_id"] == "learner.punctuation.abbreviation-dot"]
    assert len(hint) == 1 and hint[0]["severity"] == "suggestion" and hint[0]["replacements"] == [f"{written}."]
    assert report["summary"]["error"] == 0, report["findings"]


def test_english_names_that_keep_an_old_place_name_are_not_renamed(runner) -> None:
    """'Peking duck', 'Peking Opera', 'Peking University' are the English names of a dish, an art and a
    university (lihua/data/known_words.yaml: fixed_names); only the city itself is now Beijing."""
    report = _grade_json(runner, "When you come, I will take you to eat Peking duck and Peking roast ducks. We can watch "
                                 "Peking opera, visit Peking University and climb the Canton Tower.")
    assert [f for f in report["findings"] if f["source"] == "harper"] == []
    city = _grade_json(runner, "I will take you to Peking and Canton next summer.")
    assert {(f["text"], f["replacements"][0]) for f in city["findings"] if f["source"] == "harper"} == {
        ("Peking", "Beijing"), ("Canton", "Guangzhou")}


def test_no_to_is_asked_for_after_a_verb_that_closes_a_subject_clause(runner) -> None:
    """'the things I learned will help': a finite verb follows, so 'learned' ends the clause; Harper's
    'insert to' stays where an infinitive is missing ('if you want sell it')."""
    report = _grade_json(runner, "I hope the things I learned will help me. What he wants is a bike. "
                                 "If you want sell it, take a good photo.")
    asked = [(f["text"], f["replacements"]) for f in report["findings"] if f["source"] == "harper"]
    assert asked == [("want", [" to"])]
