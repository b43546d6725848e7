"""How the rules are run for a letter: a retired rule id in a teacher's --disable list still works
(it switches off the rule that replaced it), and a rule that breaks on a letter costs only itself."""

from __future__ import annotations

from lihua import check_text
from lihua.checks import all_rule_ids
from lihua.checks.rulebook import retired_rules
from lihua.grading.rule_names import check_disable

STORY = ("Last year I visited my uncle. We went to the lake and we swam every morning. We had lunch under a "
         "tree and we talked a lot. When it got dark, he drives us home. We were tired but happy.")


def test_each_retired_rule_names_a_rule_that_exists_and_is_itself_gone() -> None:
    ids = set(all_rule_ids())
    assert retired_rules()
    for old, successor in retired_rules().items():
        assert successor in ids and old not in ids, (old, successor)


def test_disabling_a_retired_id_switches_its_successor_off() -> None:
    old, successor = "learner.verb.tense-shift", retired_rules()["learner.verb.tense-shift"]
    check_disable([old])  # no UnknownRuleName
    assert any(f.rule_id == successor for f in check_text(STORY))
    assert not any(f.rule_id == successor for f in check_text(STORY, disabled=[old]))


def test_a_rule_that_breaks_on_a_letter_is_skipped_with_a_note_and_the_rest_is_checked(monkeypatch) -> None:
    from lihua.checks import named_checks, rulebook
    from lihua.grading.pipeline import run_checks

    def broken(text, letter, options):
        raise ValueError("a bug")

    monkeypatch.setattr(rulebook, "_RAISE_RULE_ERRORS", False)
    monkeypatch.setitem(named_checks.NAMED_CHECKS, "comma-splice", broken)
    result = run_checks("I was tired, I went to bed. He go to school every day.", engines=())
    assert any("learner.sentence.comma-splice" in note and "skipped" in note for note in result.notes)
    assert any(f.rule_id.startswith("learner.") for f in result.findings)  # the other rules still ran
