"""lihua's own checks: what the grammar engines miss for Chinese learners, plus letter format.

`check_letter(text, letter)` runs every lihua check and returns findings with spans into `text`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from lihua.checks.chinese_text import check_chinese_text
from lihua.findings import Finding, is_disabled
from lihua.text.letter import Letter


def check_letter(text: str, letter: Letter, *, disabled: Collection[str] = (),
                 rule_dirs: Sequence[str] = (), failures: list[str] | None = None) -> list[Finding]:
    """All lihua checks on one letter; `disabled` holds rule ids or categories to skip, `rule_dirs`
    a teacher's folders of rule packs (RulePackError if one is broken), `failures` collects rules
    that broke on this letter (see run_rules)."""
    from lihua.checks.rulebook import run_rules

    findings = [f for f in check_chinese_text(text) if not is_disabled(f, disabled)]
    findings.extend(run_rules(text, letter, disabled=disabled, rule_dirs=tuple(rule_dirs), failures=failures))
    return findings


def all_rule_ids(rule_dirs: Sequence[str] = ()) -> list[str]:
    """Every rule id lihua can report: the built-in packs, the checks written in code, and the
    rules of a teacher's `rule_dirs` — what `--disable` and `lihua rules` know."""
    from lihua.checks.chinese_text import RULE_IDS
    from lihua.checks.rulebook import load_rules

    return [*RULE_IDS, *(rule.id for rule in load_rules(tuple(rule_dirs)))]
