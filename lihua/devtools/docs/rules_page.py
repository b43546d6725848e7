"""docs/rules.md: every built-in rule, pack by pack, and the checks written in code."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from pathlib import Path

from lihua.checks.rulebook import Example, Rule
from lihua.devtools.docs.markdown import banner, code, page, shown, text
from lihua.findings import Finding


def rules_page(rules: Iterable[Rule], named_checks: dict[str, Callable], code_findings: list[tuple[Finding, str | None, str, str]]) -> str:
    """The page. `code_findings`: for each check written in code, (a finding it makes, the text
    after its fix, the text it flagged, a text it leaves alone)."""
    rules = list(rules)
    packs: dict[str, list[Rule]] = {}
    for rule in rules:
        packs.setdefault(rule.pack, []).append(rule)
    used_by: dict[str, list[str]] = {}
    for rule in rules:
        if rule.check:
            used_by.setdefault(rule.check, []).append(rule.id)
    out = [banner("lihua/checks/rules/*.yaml, lihua/checks/named_checks.py and lihua/checks/chinese_text.py"),
           "# lihua's own rules", "",
           f"{len(rules)} rules in {len(packs)} packs (YAML, `lihua/checks/rules/`), and "
           f"{len(code_findings)} findings made by checks written in code. Each rule lists the examples "
           "the test suite runs: ✗ a sentence it flags, → the sentence after its fix, ✓ a sentence it "
           "leaves alone. `lihua rules show ID` prints one rule; `lihua grade FILE --disable ID` turns it off. "
           "The language the packs are written in: [rule-language.md](rule-language.md).", "",
           "## Packs", ""]
    out += [f"- [{name}](#pack-{name}): {len(members)} rules" for name, members in packs.items()]
    out += ["- [Findings made in code](#findings-made-in-code)", "- [Named checks](#named-checks)", ""]
    for name, members in packs.items():
        out += [f'<a id="pack-{name}"></a>', "", f"## Pack {name}", "",
                f"`lihua/checks/rules/{name}.yaml` · {len(members)} rules", ""]
        for rule in members:
            out += _rule(rule)
    out += ["## Findings made in code", "",
            "Chinese characters and full-width punctuation (`lihua/checks/chinese_text.py`): no YAML, the "
            "same id, category and severity as a rule, and `--disable` turns them off alike.", ""]
    for finding, fixed, flagged, left_alone in code_findings:
        out += _code_finding(finding, fixed, flagged, left_alone)
    out += ["## Named checks", "",
            "What a pattern cannot express is a check written in code; a rule names it with `check:` and "
            "gives it its wording, severity and examples.", ""]
    for name in sorted(named_checks):
        function = named_checks[name]
        doc = (inspect.getdoc(function) or "").split("\n\n")[0]
        users = ", ".join(code(rule_id) for rule_id in used_by.get(name, [])) or "no built-in rule"
        out += [f"### {name}", "", text(doc), "",
                f"- in: `{function.__module__}.{function.__name__}`", f"- used by: {users}", ""]
    return page(out)


def _rule(rule: Rule) -> list[str]:
    kind = (f"check `{rule.check}` (see [Named checks](#named-checks))" if rule.check
            else "token pattern over the parse" if rule.tokens is not None
            else "dependency pattern over the parse" if rule.dependency is not None else "pattern")
    lines = [f"### {rule.id}", "", text(rule.description), "",
             f"- category: {rule.category.value} · component: {rule.component} · severity: {rule.severity.value}",
             f"- kind: {kind}",
             f"- message: {code(rule.message)}"]
    if rule.message_zh:
        lines.append(f"- message_zh: {text(rule.message_zh)}")
    lines += [f"- defined at: `lihua/checks/rules/{Path(rule.where[0]).name}:{rule.where[1]}`", "", "Examples:", ""]
    lines += [_example(example) for example in rule.examples]
    return [*lines, ""]


def _example(example: Example) -> str:
    if example.bad is not None:
        line = f"- ✗ {shown(example.bad)}"
        if example.fix is not None:
            line += f"\n  → {shown(example.fix)}" if "\n" not in example.fix else f"\n\n  →{shown(example.fix)}"
        return line
    return f"- ✓ {shown(example.good or '')}"


def _code_finding(finding: Finding, fixed: str | None, flagged: str, left_alone: str) -> list[str]:
    lines = [f"### {finding.rule_id}", "",
             f"- category: {finding.category.value} · component: {finding.component} · severity: {finding.severity.value}",
             "- kind: written in code",
             f"- message: {code(finding.message)}",
             f"- message_zh: {text(finding.message_zh)}", "", "Examples:", "",
             f"- ✗ {shown(flagged)}" + (f"\n  → {shown(fixed)}" if fixed is not None else ""),
             f"- ✓ {shown(left_alone)}", ""]
    return lines
