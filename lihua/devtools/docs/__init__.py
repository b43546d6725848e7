"""docs/ generated from the code: the rules, the rule-pack language and every command's help.

`python -m lihua.devtools.docs` writes them; `--check` only says whether docs/ is up to date.
The pages are a pure function of the code and its data, so the same checkout always gives the
same bytes (a test compares them with docs/).
"""

from __future__ import annotations

from lihua.checks.chinese_text import EXAMPLES, RULE_IDS, check_chinese_text
from lihua.findings import Finding

PAGES = ("rules.md", "rule-language.md", "commands.md")


class ExampleError(ValueError):
    """A shown example of a check written in code no longer does what the page would say."""


def code_findings() -> list[tuple[Finding, str | None, str, str]]:
    """For each id of chinese_text: (its finding on its example, the example fixed, the example,
    a text it leaves alone) — the page shows what the code does, so the code is run."""
    found = []
    for rule_id in RULE_IDS:
        flagged, left_alone = EXAMPLES[rule_id]
        hits = [f for f in check_chinese_text(flagged) if f.rule_id == rule_id]
        if not hits:
            raise ExampleError(f"{rule_id} does not flag its example {flagged!r}")
        if any(f.rule_id == rule_id for f in check_chinese_text(left_alone)):
            raise ExampleError(f"{rule_id} flags the example it should leave alone {left_alone!r}")
        fixed = flagged
        for hit in sorted(hits, key=lambda f: f.span.start, reverse=True):
            if hit.replacements:
                fixed = fixed[:hit.span.start] + hit.replacements[0] + fixed[hit.span.end:]
        found.append((hits[0], fixed if fixed != flagged else None, flagged, left_alone))
    return found


def generate() -> dict[str, str]:
    """Each page of docs/ by file name, as text."""
    from typer.main import get_command

    from lihua.checks.named_checks import NAMED_CHECKS
    from lihua.checks.rule_schema import COMPONENTS, REQUIRED_KEYS
    from lihua.checks.rulebook import load_rules
    from lihua.cli.app import app
    from lihua.devtools.docs.commands_page import commands_page
    from lihua.devtools.docs.language_page import descriptions, language_page, vocabulary
    from lihua.devtools.docs.rules_page import rules_page
    from lihua.findings import Category, Severity

    return {
        "rules.md": rules_page(load_rules(), NAMED_CHECKS, code_findings()),
        "rule-language.md": language_page(vocabulary(), descriptions(), NAMED_CHECKS, REQUIRED_KEYS,
                                          [c.value for c in Category], [s.value for s in Severity], COMPONENTS),
        "commands.md": commands_page(get_command(app)),
    }
