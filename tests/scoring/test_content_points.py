"""Content points: a point is covered, and quoted, only by a sentence that states it.

A keyword alone is not enough when it merely appears ("As your friend, …" does not tell David
healthier ways to spend his time); a point that asks for a time and a place is covered by any
phrasing of them ("at the school gate at 8 a.m."), not only the prompt's own keywords.
"""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from lihua.cli.app import app
from lihua.prompts import load_bank
from lihua.prompts.point_kinds import point_kinds
from lihua.prompts.schema import ContentPoint
from lihua.scoring.content import forms_of, read_content
from lihua.scoring.words import scoring_words
from lihua.text.letter import parse_letter
from lihua.text.sentences import tokens_of
from tests.support import FIXTURES, ROOT

BANK = load_bank(use_env=False)
_STOP = scoring_words().stop_words


def _point(prompt_id: str, point_id: str, sentence: str):
    """How `point_id` of the prompt reads a letter whose whole body is `sentence`."""
    text = f"Dear {BANK.get(prompt_id).recipient},\n\n{sentence}\n\nYours,\nLi Hua\n"
    reading = read_content(parse_letter(text), BANK.get(prompt_id))
    return next(p for p in reading.points if p.id == point_id)


@pytest.mark.parametrize("kind", sorted(point_kinds()))
def test_each_kind_carries_examples_that_hold(kind: str) -> None:
    finder = point_kinds()[kind]
    assert finder.states and finder.does_not_state, f"{kind}: give examples both ways"
    for sentence in finder.states:
        assert finder.find(sentence), f"{kind} should be stated in: {sentence}"
    for sentence in finder.does_not_state:
        assert finder.find(sentence) is None, f"{kind} is not stated in: {sentence} (found {finder.find(sentence)!r})"


STATES = [
    # prompt, point, a sentence that states the point
    ("invite-dragon-boat", "time-place", "We should meet at the school gate at 8 a.m."),
    ("invite-dragon-boat", "time-place", "The race starts at noon by the lake."),
    ("invite-dragon-boat", "time-place", "Let's meet in front of the library on Saturday morning."),
    ("invite-english-corner-talk", "arrangements", "You will speak in the lecture hall at four o'clock next Friday."),
    ("invite-paper-cutting-workshop", "time-place", "The workshop will be in Room 302 on Wednesday afternoon."),
    ("notice-speech-contest", "details", "The contest will be held in the school hall on May 20."),
    ("notice-river-clean-up", "arrangements", "We will meet on the river bank at 7:30 a.m. this Saturday."),
    ("request-speech-revision", "meeting", "Could we meet in your office after class on Tuesday?"),
    ("advise-screen-time", "alternatives", "You could play basketball with your friends after school."),
    ("advise-screen-time", "alternatives", "Why not go hiking with your classmates at weekends?"),
]

DOES_NOT_STATE = [
    # prompt, point, a sentence with one of the point's keywords (or "friends", the keyword the tester
    # saw match) that does not state the point
    ("advise-screen-time", "alternatives", "As your friend, I can't help worrying about you."),
    ("invite-dragon-boat", "time-place", "I am writing this email on a quiet afternoon."),
    ("invite-dragon-boat", "time-place", "There is a beautiful lake in my hometown."),
    ("invite-english-corner-talk", "arrangements", "Our library has many English books."),
    ("request-speech-revision", "meeting", "Please feel free to correct any mistakes."),
    ("notice-painting-lecture", "time-place", "Every room in my house has a painting."),
]


@pytest.mark.parametrize(("prompt_id", "point_id", "sentence"), STATES, ids=lambda v: v if len(v) < 30 else v[:30])
def test_a_sentence_that_states_the_point_covers_it_and_is_the_evidence(prompt_id: str, point_id: str,
                                                                        sentence: str) -> None:
    point = _point(prompt_id, point_id, sentence)
    assert point.covered, f"{point.en}: {sentence}"
    assert point.evidence is not None and point.evidence.text == sentence


@pytest.mark.parametrize(("prompt_id", "point_id", "sentence"), DOES_NOT_STATE, ids=lambda v: v if len(v) < 30 else v[:30])
def test_a_keyword_alone_does_not_cover_a_point_it_does_not_state(prompt_id: str, point_id: str, sentence: str) -> None:
    prompt = BANK.get(prompt_id)
    known = next(p for p in prompt.content_points if p.id == point_id)
    words = {w for keyword in (*known.keywords, "friends") for w in tokens_of(keyword) if w not in _STOP}
    assert any(not forms_of(w).isdisjoint(tokens_of(sentence)) for w in words), "the case must contain a keyword"
    point = _point(prompt_id, point_id, sentence)
    assert not point.covered and point.evidence is None, f"{point.en}: {sentence}"


def test_readme_sample_letter_covers_time_and_place_with_the_school_gate_at_8_am(runner) -> None:
    """README grades examples/letter.txt against invite-dragon-boat; its time and place were marked missing."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "lihua grade examples/letter.txt --prompt invite-dragon-boat" in readme
    result = runner.invoke(app, ["grade", str(ROOT / "examples" / "letter.txt"), "--prompt", "invite-dragon-boat",
                                 "--format", "json"])
    coverage = {p["id"]: p for p in json.loads(result.stdout)["score"]["content_coverage"]}
    assert all(p["covered"] for p in coverage.values()), coverage
    assert {"at 8 a.m.", "at the school gate"} <= set(coverage["time-place"]["matched"])
    assert coverage["time-place"]["evidence"]["text"].endswith("meet at the school gate at 8 a.m.")
    assert "Content point not covered" not in runner.invoke(
        app, ["grade", str(ROOT / "examples" / "letter.txt"), "--prompt", "invite-dragon-boat"]).stdout


def test_the_tester_letter_is_not_credited_with_healthier_ways(runner) -> None:
    """The tester saw “As your friend, I can't help worrying about you.” as evidence of healthier ways."""
    path = FIXTURES / "scoring" / "advice_screen_time.txt"
    report = runner.invoke(app, ["grade", str(path), "--prompt", "advise-screen-time"]).stdout
    assert "✗ alternatives: healthier ways to spend his time" in report
    assert "Content point not covered: healthier ways to spend his time." in report
    assert "As your friend" not in report.split("Content points:")[1]


def test_a_prompt_naming_an_unknown_kind_is_refused_with_a_suggestion() -> None:
    base = {"id": "when", "en": "when it is", "zh": "时间", "keywords": ["today", "tomorrow"]}
    assert ContentPoint(**base, states=["time", "place"]).states == ["time", "place"]
    with pytest.raises(ValidationError, match="unknown kind 'tiem'; did you mean 'time'"):
        ContentPoint(**base, states=["tiem"])
