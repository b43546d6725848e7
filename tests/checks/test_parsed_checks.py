"""The checks on the parse (lihua/checks/parsed/): each kind of error they find, what they leave
alone, and that they cost time in proportion to the text."""

from __future__ import annotations

import time

import pytest

from lihua.checks.parsed import PARSED_CHECKS
from lihua.text.analysis import analyse


def _fixes(check: str, text: str) -> list[tuple[str, str | None]]:
    return [(text[a:b], fix) for a, b, fix, _ in PARSED_CHECKS[check](text, None, {})]


@pytest.mark.parametrize(("text", "wrong", "fix"), [
    ("The people who lives in the old town are kind.", "lives", "live"),
    ("Many instruments was used in the concert.", "was", "were"),
    ("In the past many instruments was used.", "was", "were"),  # the parser glues "In the past" to the subject
    ("There is many people in the square.", "is", "are"),
    ("There are a small shop near my home.", "are", "is"),
    ("My mother and father is doctors.", "is", "are"),
    ("One of the boys are from Beijing.", "are", "is"),
    ("Each of them have a new bike.", "have", "has"),
    ("Most of the money are gone.", "are", "is"),
    ("Everyone in our class have a dictionary.", "have", "has"),
    ("I is a student of Class Two.", "is", "am"),
])
def test_subject_agreement_finds_each_kind(text: str, wrong: str, fix: str) -> None:
    found = _fixes("subject-agreement", text)
    assert len(found) == 1
    flagged, replacement = found[0]
    assert flagged.split()[-1] == wrong and replacement is not None and replacement.split()[-1] == fix


@pytest.mark.parametrize("text", [
    "The news is good, and my family are well.",
    "If my brother were here, he would help us.",
    "I suggest that he go to bed early.",
    "Two hours is enough for the trip.",
    "She is one of the students who enjoy art.",
    "There is a pen and two books on the desk.",
    "Reading comics helps me relax.",
    "My classmates and I are talking about the trip.",
    "The best way to explore these lanes is by bike.",
    "He said, \"They is late.\"",
    "In the past many instruments were used.",
    "In the company of my friends is where I feel at home.",
])
def test_subject_agreement_leaves_correct_and_doubtful_sentences_alone(text: str) -> None:
    assert _fixes("subject-agreement", text) == []


@pytest.mark.parametrize(("check", "text", "fix"), [
    ("after-auxiliary", "Did he went to the party?", "go"),
    ("after-auxiliary", "She can sings well.", "sing"),
    ("after-auxiliary", "You must to be quiet here.", "must"),
    ("after-to", "I hope to visited you soon.", "visit"),
    ("after-preposition", "He left without say a word.", "saying"),
    ("bare-infinitive", "My parents let me to go.", ""),
    ("there-be-second-verb", "There are many people come to the park.", "coming"),
    ("missing-be", "I very glad to help you.", "I am"),
    ("missing-be", "I will very happy if you come.", "will be very happy"),
])
def test_verb_checks_find_their_kind(check: str, text: str, fix: str) -> None:
    assert [replacement for _, replacement in _fixes(check, text)] == [fix]


@pytest.mark.parametrize(("check", "text"), [
    ("after-auxiliary", "You ought to rest, and you need to sleep."),
    ("after-auxiliary", "Did you read the book I put there?"),
    ("after-to", "I look forward to hearing from you."),
    ("after-preposition", "After school we go home for lunch."),
    ("bare-infinitive", "He was made to wait, and I asked him to stay."),
    ("there-be-second-verb", "There are many people who come here."),
    ("missing-be", "I found it easy, and I ought to go."),
])
def test_verb_checks_leave_correct_english_alone(check: str, text: str) -> None:
    assert _fixes(check, text) == []


def _check_seconds(text: str) -> float:
    analyse(text)  # parsed once, cached: time the checks alone
    start = time.perf_counter()
    for check in PARSED_CHECKS.values():
        list(check(text, None, {}))
    return time.perf_counter() - start


def test_the_checks_are_linear_in_the_length_of_the_text() -> None:
    one = "My mother and father is teachers, and there is many students who likes them. "
    small, large = one * 40, one * 160
    small_time = min(_check_seconds(small) for _ in range(2))
    large_time = min(_check_seconds(large) for _ in range(2))
    assert len(list(PARSED_CHECKS["subject-agreement"](large, None, {}))) == 3 * 160
    assert large_time < 8 * small_time + 0.05  # quadratic work would take about 16 times as long
