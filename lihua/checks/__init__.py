"""lihua's own checks: what the grammar engines miss for Chinese learners, plus letter format.

`check_letter(text, letter)` runs every lihua check and returns findings with spans into `text`.
"""

from __future__ import annotations

from collections.abc import Collection

from lihua.checks.chinese_text import check_chinese_text
from lihua.findings import Finding
from lihua.letter import Letter


def check_letter(text: str, letter: Letter, *, disabled: Collection[str] = ()) -> list[Finding]:
    """All lihua checks on one letter; `disabled` holds rule ids or categories to skip."""
    from lihua.checks.rulebook import run_rules

    findings = [f for f in check_chinese_text(text) if not is_disabled(f, disabled)]
    findings.extend(run_rules(text, letter, disabled=disabled))
    return findings


def is_disabled(finding: Finding, disabled: Collection[str]) -> bool:
    """A finding is off when its rule id, a dotted prefix of it, or its category is disabled."""
    if not disabled:
        return False
    rule = finding.rule_id
    return any(
        rule == d or rule.startswith(d + ".") or finding.category.value == d for d in disabled
    )
