"""docs/rule-language.md: the rule-pack language, read off the code that checks and runs it.

The vocabulary (keys, word classes, transforms, named checks) comes from rule_schema.py,
rulebook.py and named_checks.py; what each word means is lihua/checks/rule_language.yaml,
which must name exactly the code's words, so the page can neither miss nor invent one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Mapping
from importlib import resources
from typing import Any

from lihua.devtools.docs.markdown import banner, block, code, page, text
from lihua.io.yaml_data import load_yaml


class VocabularyError(ValueError):
    """The descriptions in rule_language.yaml do not match the words of the code."""


def descriptions() -> dict[str, dict[str, str]]:
    """lihua/checks/rule_language.yaml: section → word → what it does."""
    return load_yaml(resources.files("lihua.checks").joinpath("rule_language.yaml").read_text(encoding="utf-8"))


def vocabulary() -> dict[str, Collection[str]]:
    """The words of the language, section by section, as the code knows them."""
    from lihua.checks import rule_schema
    from lihua.checks.rulebook import PREDICATES, TRANSFORMS

    return {"pack_keys": rule_schema.PACK_KEYS, "rule_keys": rule_schema.RULE_KEYS, "fix_keys": rule_schema.FIX_KEYS,
            "example_keys": rule_schema.EXAMPLE_KEYS, "default_keys": rule_schema.DEFAULT_KEYS,
            "predicates": PREDICATES, "transforms": TRANSFORMS}


def check_vocabulary(words: Mapping[str, Collection[str]], described: Mapping[str, Mapping[str, str]]) -> None:
    """Raise VocabularyError naming every word without a description and every description of no word."""
    problems = []
    for section, known in words.items():
        have = described.get(section) or {}
        problems += [f"{section}: '{word}' has no description" for word in known if word not in have]
        problems += [f"{section}: '{word}' is described but the code has no such word" for word in have if word not in known]
    problems += [f"'{section}' is not a section the code has" for section in described if section not in words]
    if problems:
        raise VocabularyError("lihua/checks/rule_language.yaml: " + "; ".join(problems))


def language_page(words: Mapping[str, Collection[str]], described: Mapping[str, Mapping[str, str]],
                  named_checks: Mapping[str, Callable[..., Any]], required: Collection[str],
                  categories: Collection[str], severities: Collection[str], components: Collection[str]) -> str:
    """The page; raises VocabularyError first if a word and its description do not match."""
    check_vocabulary(words, described)
    out = [banner("lihua/checks/rule_schema.py, rulebook.py, named_checks.py and rule_language.yaml"),
           "# The rule-pack language", "",
           "A rule pack is a YAML file: lihua's own are in `lihua/checks/rules/`, a teacher's in any folder "
           "given with `--rules-dir` (check them with `lihua rules check DIR`). A pack is checked when it "
           "loads; a broken one is refused as `file:line: what is wrong` before anything is graded. "
           "Every rule: [rules.md](rules.md).", "",
           "## A pack", "", *_table(words["pack_keys"], described["pack_keys"]), "",
           "## Named lists", "",
           "A pack's `lists:` names word lists its patterns share; a list the pack does not have is "
           "refused when it loads. A pattern names one as `{list:NAME}` (any of its words; a space in a "
           "word matches any run of spaces) or `{not-after:NAME}` (not right after one of them):", "",
           block("lists:\n  be-forms: [am, is, are, was, were]\nrules:\n  - id: class.verb.be-go\n"
                 "    pattern: '\\b{list:be-forms}\\s+(?P<mark>go)\\b'"), "",
           "## A rule", "",
           f"Required: {', '.join(code(key) for key in required)}; and either `pattern` or `check`.", "",
           *_table(words["rule_keys"], described["rule_keys"]), "",
           "## Defaults", "", "What a pack's `defaults:` may set for all its rules:", "",
           *_table(words["default_keys"], described["default_keys"]), "",
           "## Values", "",
           f"- category: {', '.join(code(c) for c in categories)}",
           f"- severity: {', '.join(code(s) for s in severities)}",
           f"- component: {', '.join(code(c) for c in components)}", "",
           "## Fixes", "",
           "`fix:` is a text, with `{group}` references to what the pattern captured, or a mapping with "
           "`transform` or `lookup` (one of them):", "",
           *_table(words["fix_keys"], described["fix_keys"]), "",
           "## Examples", "", *_table(words["example_keys"], described["example_keys"]), "",
           "## Word classes", "",
           "The conditions of `when:` and `unless:` (`when: {mark: [verb-past-only]}`), answered from "
           "lemminflect's lexicon and `lihua/data/lexicon.yaml`:", "",
           *_table(sorted(words["predicates"]), described["predicates"]), "",
           "## Transforms", "", "What `fix: {transform: NAME}` makes of the word of its group:", "",
           *_table(sorted(words["transforms"]), described["transforms"]), "",
           "## Named checks", "",
           "What `check: NAME` runs (with the rule's `options:`); each is described with the rules that "
           "use it in [rules.md](rules.md#named-checks).", ""]
    for name in sorted(named_checks):
        doc = (inspect.getdoc(named_checks[name]) or "").split("\n\n")[0]
        out.append(f"- {code(name)}: {text(doc)}")
    return page(out)


def _table(words: Collection[str], described: Mapping[str, str]) -> list[str]:
    rows = ["| word | what it does |", "|---|---|"]
    return rows + ["| " + code(str(word)) + " | " + described[word].strip().replace("|", "\\|") + " |" for word in words]
