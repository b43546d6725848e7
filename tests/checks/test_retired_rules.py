"""A retired rule id in a teacher's --disable list still works: it switches off the rule that
replaced it, and it is no unknown name."""

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
