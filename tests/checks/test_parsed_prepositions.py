"""The verb–preposition checks (lihua/checks/parsed/prepositions.py): wired to their pack, by the
verb's lemma in every form, driven by the table they are given, quiet on odd input."""

from __future__ import annotations

import pytest

from lihua.checks.named_checks import NAMED_CHECKS
from lihua.checks.parsed.prepositions import PREPOSITION_CHECKS
from lihua.checks.rulebook import load_rules

PACK = {rule.check: rule for rule in load_rules() if rule.pack == "parsed-prepositions"}


def _found(check: str, text: str) -> list[tuple[str, str | None]]:
    rule = PACK[check]
    return [
        (text[f.span.start : f.span.end], f.replacements[0] if f.replacements else None)
        for f in rule.findings(text)
    ]


def test_every_preposition_check_is_registered_and_used_by_exactly_one_rule() -> None:
    assert all(NAMED_CHECKS[name] is check for name, check in PREPOSITION_CHECKS.items())
    assert sorted(PACK) == sorted(PREPOSITION_CHECKS)


@pytest.mark.parametrize("verb", ["rely", "relies", "relied", "relying"])
def test_the_wrong_preposition_is_found_in_every_form_of_the_verb(verb: str) -> None:
    text = (
        f"In those years they {verb} in their parents for money."
        if verb != "relying"
        else "In those years they were relying in their parents for money."
    )
    assert _found("verb-preposition", text) == [("in", "on")]


@pytest.mark.parametrize("verb", ["consider", "considers", "considered", "considering"])
def test_the_extra_preposition_is_found_in_every_form_of_the_verb(verb: str) -> None:
    text = f"We are {verb} about the cost." if verb == "considering" else f"We {verb} about the cost."
    assert _found("verb-extra-preposition", text) == [(f"{verb} about", verb)]


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("We complain the noise every night.", "complain about"),
        ("They complained the noise.", "complained about"),
        ("She is complaining the noise again.", "complaining about"),
    ],
)
def test_the_missing_preposition_is_found_in_every_form_of_the_verb(text: str, fix: str) -> None:
    assert [found[1] for found in _found("verb-missing-preposition", text)] == [fix]


def test_a_verb_the_tagger_misreads_is_still_judged() -> None:
    """'relies to his son' is tagged as a plural noun: a word that can only be a verb is the verb."""
    assert _found("verb-preposition", "The old man relies to his son for everything.") == [("to", "on")]


@pytest.mark.parametrize(
    ("check", "text"),
    [
        ("verb-preposition", "He relied in part on his savings."),
        ("verb-preposition", "Our team participated on Friday."),
        ("verb-extra-preposition", "My visit to the old museum was fun."),
        ("verb-extra-preposition", "The dance was accompanied with music."),
        ("verb-extra-preposition", "We considered about twenty books."),
        ("verb-missing-preposition", "She returned the book on time."),
        ("verb-missing-preposition", "Please wait a minute."),
    ],
)
def test_correct_english_is_left_alone(check: str, text: str) -> None:
    assert _found(check, text) == []


def test_the_table_is_data_a_pack_can_change() -> None:
    """The check knows no verb of its own: a table naming another verb finds that verb."""
    check = PREPOSITION_CHECKS["verb-preposition"]
    text = "The children shouted on him."
    assert list(check(text, None, {})) == []
    hits = list(check(text, None, {"verbs": {"shout": {"right": "at", "wrong": ["on"]}}}))
    assert [(text[a:b], fix) for a, b, fix, _ in hits] == [("on", "at")]


def test_a_finding_stays_in_its_sentence_however_long_the_text() -> None:
    filler = "We went to the park on Sunday and played football with our friends. "
    sentence = "The exam consists with three parts."
    text = "".join(filler + sentence + " " for _ in range(5))
    assert [fix for _, fix in _found("verb-preposition", text)] == ["of"] * 5


@pytest.mark.parametrize("text", ["", "   \n\n", "你好，我是李华。", "!!! ??? ...", "a", "rely", "wait wait"])
def test_odd_input_gives_no_finding_and_no_error(text: str) -> None:
    for name, check in PREPOSITION_CHECKS.items():
        assert list(check(text, None, PACK[name].options)) == [], name
