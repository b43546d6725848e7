"""The checks on the parse (lihua/checks/parsed/): wired to the pack, local to their sentence, quiet on odd input."""

from __future__ import annotations

import pytest

from lihua.checks.named_checks import NAMED_CHECKS
from lihua.checks.parsed.feelings import FEELING_CHECKS
from lihua.checks.parsed.modifiers import MODIFIER_CHECKS
from lihua.checks.parsed.nouns import NOUN_CHECKS, _sound_article
from lihua.checks.parsed.pronouns import PRONOUN_CHECKS
from lihua.checks.parsed.relatives import RELATIVE_CHECKS
from lihua.checks.rulebook import load_rules

PARSED = {**NOUN_CHECKS, **MODIFIER_CHECKS, **FEELING_CHECKS, **PRONOUN_CHECKS, **RELATIVE_CHECKS}
PACK = [rule for rule in load_rules() if rule.pack == "parsed-phrases"]


def test_every_parsed_check_is_registered_and_used_by_exactly_one_rule() -> None:
    assert all(NAMED_CHECKS[name] is check for name, check in PARSED.items())
    used = sorted(rule.check for rule in PACK)
    assert used == sorted(PARSED)


def _bad_examples() -> list:
    return [pytest.param(rule, example.bad, id=rule.id) for rule in PACK
            for example in rule.examples[:1] if example.bad is not None]


@pytest.mark.parametrize(("rule", "sentence"), _bad_examples())
def test_a_finding_stays_in_its_sentence_however_long_the_text(rule, sentence: str) -> None:
    """The same wrong sentence among correct ones is found once per copy, at the copy's own offset:
    each check reads its own sentence's tokens, so the work grows with the text, no faster."""
    filler = "We went to the park on Sunday and played football with our friends. "
    text = "".join(filler + sentence + " " for _ in range(6))
    one = [(f.span.start, f.span.end) for f in rule.findings(sentence)]
    many = [(f.span.start, f.span.end) for f in rule.findings(text)]
    assert len(many) == 6 * len(one) and one
    step = len(filler) + len(sentence) + 1
    expected = sorted((start + len(filler) + k * step, end + len(filler) + k * step)
                      for k in range(6) for start, end in one)
    assert sorted(many) == expected


@pytest.mark.parametrize("text", ["", "   \n\n", "你好，我是李华。", "!!! ??? ...", "a", "an an an", "Its"])
def test_odd_input_gives_no_finding_and_no_error(text: str) -> None:
    for name, check in PARSED.items():
        assert list(check(text, None, {})) == [], name


@pytest.mark.parametrize(("word", "article"), [
    ("apple", "an"), ("book", "a"), ("elephant", "an"), ("orange", "an"),
    ("hour", None), ("university", None), ("useful", None), ("NBA", None), ("European", None), ("one", None),
])
def test_the_article_is_judged_only_where_the_spelling_tells_the_sound(word: str, article: str | None) -> None:
    assert _sound_article(word) == article


def test_the_counted_phrase_is_flagged_whole_so_either_end_can_be_the_fix() -> None:
    """'these moment' may become 'these moments' or 'this moment': the finding covers both words."""
    rule = next(r for r in PACK if r.id == "learner.parsed.plural-after-quantifier")
    text = "I will remember these happy moment."
    found = [(text[f.span.start:f.span.end], f.replacements) for f in rule.findings(text)]
    assert found == [("these happy moment", ("these happy moments",))]
