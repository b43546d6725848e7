"""The rule-pack schema, checked when a pack loads, so a broken pack fails before it grades anything.

A misspelt key (`unles:`) would otherwise be dropped without a word, and an unknown predicate or
a `{group}` the pattern lacks would fail only when the rule first matched a student's letter.
Every problem is reported as (line, message); `RulePackError` prints them as `file:line: …`.
What the keys mean is documented in README.md ("Your own rules") and `lihua/checks/rulebook.py`.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Callable, Collection
from typing import Any

from lihua.findings import Category, Severity
from lihua.io.yaml_lines import Parsed, line_of

#: Every key a rule may have, and the type its value must be.
RULE_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str, "description": str, "message": str, "message_zh": str, "category": str, "severity": str,
    "examples": list, "pattern": str, "check": str, "fix": (str, dict), "when": dict, "unless": dict,
    "case_sensitive": bool, "options": dict, "requires": list, "component": str, "aspect": str,
    "hinders_meaning": bool, "word_classes_from": str, "tokens": list, "dependency": list, "mark": (str, int),
}
#: The rubric components a rule may count toward (content and length are not marked by rules).
COMPONENTS = ("language", "organisation")
#: What in the organisation component a rule's finding marks (lihua/scoring/organisation.py cites
#: it under that deduction); a finding without an aspect counts as a small share of its own.
ASPECTS = ("salutation", "closing", "signature", "punctuation")
REQUIRED_KEYS = ("id", "description", "message", "category", "examples")
#: What a pack's `defaults:` may set for all of its rules.
DEFAULT_KEYS = ("category", "severity", "case_sensitive", "component", "aspect", "hinders_meaning",
                "word_classes_from")
#: `word_classes_from:` how a rule answers its when/unless word classes: "lexicon" (what the word could
#: be) or "sentence" (its tag in the parsed sentence, guarded by the lexicon; see checks/in_sentence.py).
WORD_CLASS_MODES = ("lexicon", "sentence")
PACK_KEYS: dict[str, type] = {"defaults": dict, "rules": list, "lists": dict}
#: How a pattern names one of the pack's word lists: {list:NAME} is any of its words,
#: {not-after:NAME} is "not right after any of them" (a negative look-behind per word, then \s),
#: {not-after-space:NAME} the same with a plain space after the word.
LIST_REFERENCE = re.compile(r"\{(list|not-after-space|not-after):([a-z0-9-]+)\}")
#: Anything written like a reference ({kind:name}), to refuse a misspelt kind rather than match it literally.
REFERENCE_LIKE = re.compile(r"\{([a-z-]+):([a-z0-9-]+)\}")
REFERENCE_KINDS = ("list", "not-after", "not-after-space")


def _word_list(words: Any) -> bool:
    return isinstance(words, list) and bool(words) and all(isinstance(w, str) and w.strip() for w in words)


def expand_lists(source: str, lists: dict[str, list[str]]) -> str:
    """The pattern with its list references written out (KeyError: a list the pack does not have)."""
    def written_out(match: re.Match[str]) -> str:
        words = [re.escape(word).replace(r"\ ", r"\s+") for word in lists[match.group(2)]]
        if match.group(1) == "list":
            return "(?:" + "|".join(words) + ")"
        after = r"\s" if match.group(1) == "not-after" else " "
        return "".join(rf"(?<!\b{word}{after})" for word in words)

    return LIST_REFERENCE.sub(written_out, source)
#: What a rule matches with: one of these keys, exactly (see lihua/checks/parsed_rules.py for the
#: token and dependency patterns).
MATCH_KINDS = ("pattern", "tokens", "dependency", "check")
FIX_KEYS: dict[str, type] = {"lookup": dict, "transform": str, "group": str, "template": str}
EXAMPLE_KEYS = ("bad", "fix", "good")
RULE_ID = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+")

Loc = tuple[str | int, ...]


class RulePackError(ValueError):
    """A rule pack lihua refuses; one `file:line: what is wrong` line per problem."""

    def __init__(self, problems: list[tuple[str, int, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{file}:{line}: {message}" for file, line, message in problems))


def did_you_mean(wanted: str, known: Collection[str]) -> str:
    """'; did you mean 'unless'?' for a near miss, else the list of what is known."""
    close = difflib.get_close_matches(wanted, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(sorted(known))}"


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


def _wanted(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_kind(k()) if k is not bool else "true/false" for k in kinds)


class PackChecker:
    """Collects the problems of one parsed pack; `groups_of(pattern, flags)` names a pattern's groups."""

    def __init__(self, parsed: Parsed, predicates: Collection[str], transforms: Collection[str],
                 checks: Collection[str], groups_of: Callable[[str, int], Collection[str]]) -> None:
        self.parsed, self.predicates, self.transforms, self.checks = parsed, predicates, transforms, checks
        self.groups_of = groups_of
        self.problems: list[tuple[int, str]] = []

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append((line_of(self.parsed.node, loc), message))

    def check(self) -> list[tuple[int, str]]:
        """Every problem of the pack, by line."""
        parsed = self.parsed
        if parsed.error:
            return [parsed.error]
        self.problems += [(line, f"{path}: {message}") for line, path, message in parsed.duplicates]
        if parsed.aliases:
            return [(parsed.aliases[0][0], "anchors and aliases (&name, *name) are not allowed in rule packs; "
                                           "write the value out")]
        data = parsed.data
        if not isinstance(data, dict):
            return [(1, f"expected a mapping with 'rules:' (and optionally 'defaults:'), found {_kind(data)}")]
        for key, value in data.items():
            if key not in PACK_KEYS:
                self.add((key,), f"unknown top-level key '{key}'{did_you_mean(str(key), PACK_KEYS)}")
            elif not isinstance(value, PACK_KEYS[key]):
                self.add((key,), f"'{key}' must be {_wanted(PACK_KEYS[key])}, found {_kind(value)}")
        self.lists = self._lists(data.get("lists"))
        defaults = data.get("defaults") if isinstance(data.get("defaults"), dict) else {}
        for key in defaults:
            if key not in DEFAULT_KEYS:
                self.add(("defaults", key), f"'{key}' cannot be a default{did_you_mean(str(key), DEFAULT_KEYS)}")
        rules = data.get("rules")
        if not isinstance(rules, list) or not rules:
            if "rules" not in data or rules == []:
                self.add(("rules",), "no rules: a pack needs 'rules:' with at least one rule")
        else:
            for index, raw in enumerate(rules):
                self._rule(index, raw, defaults)
        return sorted(set(self.problems))

    def _lists(self, lists: Any) -> dict[str, list[str]]:
        """The pack's named word lists (each a non-empty list of texts)."""
        if not isinstance(lists, dict):
            return {}
        for name, words in lists.items():
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9-]+", name):
                self.add(("lists", name), f"list name '{name}': lower-case letters, digits and hyphens only")
            if not _word_list(words):
                odd = [w for w in words if isinstance(w, bool)] if isinstance(words, list) else []
                hint = " (YAML reads on, off, yes and no as true/false: put them in quotes, 'on')" if odd else ""
                self.add(("lists", name), f"list '{name}' must be a non-empty list of words{hint}")
        return {name: words for name, words in lists.items() if _word_list(words)}

    def _rule(self, index: int, raw: Any, defaults: dict[str, Any]) -> None:
        loc: Loc = ("rules", index)
        if not isinstance(raw, dict):
            self.add(loc, f"a rule must be a mapping (id:, description:, …), found {_kind(raw)}")
            return
        name = f"rule '{raw['id']}'" if isinstance(raw.get("id"), str) else f"rules[{index}]"
        merged = {k: v for k, v in defaults.items() if k in DEFAULT_KEYS} | raw
        for key, value in raw.items():
            if key not in RULE_KEYS:
                self.add((*loc, key), f"{name}: unknown key '{key}'{did_you_mean(str(key), RULE_KEYS)}")
            elif not isinstance(value, RULE_KEYS[key]):
                self.add((*loc, key), f"{name}: '{key}' must be {_wanted(RULE_KEYS[key])}, found {_kind(value)}")
        for key in REQUIRED_KEYS:
            if key not in merged:
                self.add(loc, f"{name}: '{key}' is missing")
        self._values(loc, name, merged, raw)
        groups = self._pattern(loc, name, merged)
        if groups is None and ("tokens" in merged or "dependency" in merged):
            groups = self._parsed(loc, name, merged)
        for key in ("when", "unless"):
            if isinstance(merged.get(key), dict):
                self._conditions((*loc, key), name, key, merged[key], groups)
        self._fix(loc, name, merged, groups)
        if groups is not None:
            for key in ("message", "message_zh"):
                self._placeholders((*loc, key), name, key, merged.get(key), set(groups) | {"fix"})
        if isinstance(merged.get("examples"), list):
            self._examples((*loc, "examples"), name, merged)

    def _values(self, loc: Loc, name: str, merged: dict[str, Any], raw: dict[str, Any]) -> None:
        rule_id = merged.get("id")
        if isinstance(rule_id, str) and not RULE_ID.fullmatch(rule_id):
            self.add((*loc, "id"), f"{name}: an id is lower-case words joined by dots, e.g. 'class.verb.go-to-home'")
        for key, known in (("category", [c.value for c in Category]), ("severity", [s.value for s in Severity]),
                           ("component", COMPONENTS), ("aspect", ASPECTS), ("word_classes_from", WORD_CLASS_MODES)):
            value = merged.get(key)
            if isinstance(value, str) and value not in known:
                where = (*loc, key) if key in raw else ("defaults", key)  # a default is wrong where it is written
                self.add(where, f"{name}: unknown {key} '{value}'{did_you_mean(value, known)}")
        requires = merged.get("requires")
        if isinstance(requires, list) and not all(isinstance(item, str) and item for item in requires):
            self.add((*loc, "requires"), f"{name}: 'requires' is a list of texts")
        check = merged.get("check")
        if isinstance(check, str) and check not in self.checks:
            self.add((*loc, "check"), f"{name}: unknown check '{check}'{did_you_mean(check, self.checks)}")
        kinds = [key for key in MATCH_KINDS if key in merged]
        if len(kinds) != 1:
            self.add(loc, f"{name}: needs one of pattern, tokens, dependency or check"
                          + (f", not {' and '.join(kinds)}" if kinds else ""))
        if "check" in merged and any(k in merged for k in ("when", "unless")):
            self.add(loc, f"{name}: 'when' and 'unless' go with a pattern; a check tests its own conditions")
        if "mark" in merged and not any(k in merged for k in ("tokens", "dependency")):
            self.add((*loc, "mark"), f"{name}: 'mark' goes with tokens: or dependency: (a pattern marks its "
                                     "group named 'mark')")

    def _parsed(self, loc: Loc, name: str, merged: dict[str, Any]) -> Collection[str] | None:
        """The token names of a `tokens:` or `dependency:` pattern (with 'mark'), its vocabulary checked."""
        from lihua.checks import parsed_rules as pr

        key = "tokens" if "tokens" in merged else "dependency"
        specs = merged[key]
        if not isinstance(specs, list) or not specs:
            self.add((*loc, key), f"{name}: '{key}' must be a non-empty list of token specs")
            return None
        names: list[str] = []
        for number, spec in enumerate(specs):
            here = (*loc, key, number)
            if not isinstance(spec, dict):
                self.add(here, f"{name}: {key}[{number}] must be a mapping, found {_kind(spec)}")
                continue
            if key == "tokens":
                self._token_spec(here, name, f"tokens[{number}]", spec, allow_name=True)
                given = spec.get(pr.NAME_KEY)
            else:
                given = self._dependency_node(here, name, number, spec, names)
            if isinstance(given, str):
                if given in names:
                    self.add(here, f"{name}: the token name '{given}' is used twice")
                names.append(given)
        mark = merged.get("mark")
        if isinstance(mark, bool) or (isinstance(mark, int) and not (key == "tokens" and 0 <= mark < len(specs))):
            self.add((*loc, "mark"), f"{name}: mark {mark!r} is not a token of the pattern"
                                     + (f" (0 to {len(specs) - 1}, or a token name)" if key == "tokens" else ""))
        elif isinstance(mark, str) and mark not in names:
            self.add((*loc, "mark"), f"{name}: mark '{mark}' names no token of the pattern{did_you_mean(mark, names)}"
                     if names else f"{name}: mark '{mark}' names no token: give a token `name: {mark}`")
        return [*names, "mark"]

    def _token_spec(self, loc: Loc, name: str, where: str, spec: dict[Any, Any], allow_name: bool) -> None:
        """One token spec: known attributes, and values spaCy's Matcher can read."""
        from lihua.checks import parsed_rules as pr

        known = pr.TOKEN_ATTRS | ({pr.NAME_KEY} if allow_name else set())
        for attr, value in spec.items():
            here = (*loc, attr)
            if attr not in known:
                self.add(here, f"{name}: unknown token attribute '{attr}' in {where}{did_you_mean(str(attr), known)}")
            elif attr == pr.NAME_KEY:
                if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
                    self.add(here, f"{name}: a token name is lower-case letters, digits and _ (e.g. verb)")
            elif attr == "OP":
                if not isinstance(value, str) or not re.fullmatch(pr.OP_PATTERN, value):
                    self.add(here, f"{name}: OP is one of ! ? * + or {{n,m}}, found {value!r}")
            elif isinstance(value, dict):
                for operator, operand in value.items():
                    if operator not in pr.VALUE_OPERATORS:
                        self.add(here, f"{name}: unknown operator '{operator}' for {attr}"
                                       f"{did_you_mean(str(operator), pr.VALUE_OPERATORS)}")
                    elif operator in ("IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS") \
                            and not isinstance(operand, list):
                        self.add(here, f"{name}: {attr}.{operator} takes a list, found {_kind(operand)}")
                    elif isinstance(operand, list) and any(isinstance(item, bool) for item in operand):
                        self.add(here, f"{name}: {attr}.{operator}: quote on/off/yes/no, YAML reads them as "
                                       f"true/false ({operand!r})")
                    elif operator == "REGEX":
                        try:
                            re.compile(str(operand))
                        except re.error as error:
                            self.add(here, f"{name}: {attr}.REGEX is not a valid regular expression: {error.msg}")
            elif isinstance(value, bool) and not attr.startswith(("IS_", "LIKE_", "SPACY")):
                self.add(here, f"{name}: {attr}: quote on/off/yes/no, YAML reads them as true/false")
            elif not isinstance(value, (str, int, bool)):
                self.add(here, f"{name}: {attr} must be a value or a mapping like {{IN: [...]}}, found {_kind(value)}")

    def _dependency_node(self, loc: Loc, name: str, number: int, node: dict[Any, Any], names: list[str]) -> Any:
        """One DependencyMatcher node; returns its RIGHT_ID."""
        from lihua.checks import parsed_rules as pr

        for key in node:
            if key not in pr.DEPENDENCY_KEYS:
                self.add((*loc, key), f"{name}: unknown dependency key '{key}'{did_you_mean(str(key), pr.DEPENDENCY_KEYS)}")
        wanted = ("RIGHT_ID", "RIGHT_ATTRS") if number == 0 else ("LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS")
        for key in wanted:
            if key not in node:
                self.add(loc, f"{name}: dependency[{number}] needs {key}")
        if number == 0 and any(k in node for k in ("LEFT_ID", "REL_OP")):
            self.add(loc, f"{name}: the first dependency node is the anchor: RIGHT_ID and RIGHT_ATTRS only")
        left = node.get("LEFT_ID")
        if number > 0 and isinstance(left, str) and left not in names:
            self.add((*loc, "LEFT_ID"), f"{name}: LEFT_ID '{left}' is not the RIGHT_ID of an earlier node"
                                        f"{did_you_mean(left, names) if names else ''}")
        rel = node.get("REL_OP")
        if rel is not None and rel not in pr.REL_OPS:
            self.add((*loc, "REL_OP"), f"{name}: unknown REL_OP {rel!r}; known: {' '.join(sorted(pr.REL_OPS))}")
        attrs = node.get("RIGHT_ATTRS")
        if isinstance(attrs, dict):
            self._token_spec((*loc, "RIGHT_ATTRS"), name, f"dependency[{number}].RIGHT_ATTRS", attrs, allow_name=False)
        elif attrs is not None:
            self.add((*loc, "RIGHT_ATTRS"), f"{name}: RIGHT_ATTRS must be a mapping, found {_kind(attrs)}")
        right = node.get("RIGHT_ID")
        if right is not None and (not isinstance(right, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", right)):
            self.add((*loc, "RIGHT_ID"), f"{name}: RIGHT_ID is a token name: lower-case letters, digits and _")
            return None
        return right

    def _pattern(self, loc: Loc, name: str, merged: dict[str, Any]) -> Collection[str] | None:
        """The pattern's group names, or None when there is no usable pattern."""
        source = merged.get("pattern")
        if not isinstance(source, str):
            return None
        flags = 0 if merged.get("case_sensitive") is True else int(re.IGNORECASE)
        for kind, _ in REFERENCE_LIKE.findall(source):
            if kind not in REFERENCE_KINDS:
                self.add((*loc, "pattern"), f"{name}: '{{{kind}:…}}' is no kind of list reference"
                                            f"{did_you_mean(kind, REFERENCE_KINDS)}")
                return None
        try:
            source = expand_lists(source, self.lists)
        except KeyError as missing:
            wanted = str(missing.args[0])
            hint = did_you_mean(wanted, self.lists) if self.lists else ""
            self.add((*loc, "pattern"), f"{name}: the pattern uses the list '{wanted}', which the pack's lists: "
                                        f"do not have{hint}")
            return None
        try:
            return self.groups_of(source, flags)
        except re.error as error:
            where = f" at character {error.pos + 1}" if error.pos is not None else ""
            self.add((*loc, "pattern"), f"{name}: the pattern is not a valid regular expression: {error.msg}{where}")
            return None

    def _conditions(self, loc: Loc, name: str, key: str, conditions: dict[Any, Any],
                    groups: Collection[str] | None) -> None:
        for group, names in conditions.items():
            if groups is not None and group not in groups:
                self.add((*loc, group), f"{name}: {key} names the group '{group}', which the pattern does not have"
                                        f"{did_you_mean(str(group), groups)}")
            if not isinstance(names, list) or not names:
                self.add((*loc, group), f"{name}: {key}.{group} must be a list of word classes, e.g. [verb-past]")
                continue
            for predicate in names:
                if predicate not in self.predicates:
                    self.add((*loc, group), f"{name}: unknown word class '{predicate}' in {key}.{group}"
                                            f"{did_you_mean(str(predicate), self.predicates)}")

    def _fix(self, loc: Loc, name: str, merged: dict[str, Any], groups: Collection[str] | None) -> None:
        fix = merged.get("fix")
        here = (*loc, "fix")
        if isinstance(fix, str) and groups is not None:
            self._placeholders(here, name, "fix", fix, set(groups))
        if not isinstance(fix, dict):
            return
        for key, value in fix.items():
            if key not in FIX_KEYS:
                self.add((*here, key), f"{name}: unknown fix key '{key}'{did_you_mean(str(key), FIX_KEYS)}")
            elif not isinstance(value, FIX_KEYS[key]):
                self.add((*here, key), f"{name}: fix.{key} must be {_wanted(FIX_KEYS[key])}, found {_kind(value)}")
        if ("lookup" in fix) == ("transform" in fix):
            self.add(here, f"{name}: a fix mapping needs 'lookup' or 'transform' (one of them)")
        transform = fix.get("transform")
        if isinstance(transform, str) and transform not in self.transforms:
            self.add((*here, "transform"), f"{name}: unknown transform '{transform}'{did_you_mean(transform, self.transforms)}")
        lookup = fix.get("lookup")
        if isinstance(lookup, dict):
            bad = [value for value in lookup.values() if not isinstance(value, str)]
            if bad:  # YAML reads a bare on/no/yes as true/false
                self.add((*here, "lookup"), f"{name}: fix values must be quoted text, got {bad!r}")
        group = fix.get("group")
        if isinstance(group, str) and groups is not None and group not in groups:
            self.add((*here, "group"), f"{name}: fix.group '{group}' is not a group of the pattern"
                                       f"{did_you_mean(group, groups)}")
        if groups is not None:
            self._placeholders((*here, "template"), name, "fix.template", fix.get("template"), set(groups) | {"fixed"})

    def _placeholders(self, loc: Loc, name: str, key: str, text: Any, known: set[str]) -> None:
        """`{group}` references must name groups the pattern has (else they come out empty, or crash)."""
        if not isinstance(text, str):
            return
        try:
            used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        except ValueError as error:
            self.add(loc, f"{name}: {key} has a stray brace ({error}); write '{{{{' or '}}}}' for a literal one")
            return
        for field in sorted(used - known):
            self.add(loc, f"{name}: {key} uses '{{{field}}}', which the pattern does not capture"
                          f"{did_you_mean(field, known)}")

    def _examples(self, loc: Loc, name: str, merged: dict[str, Any]) -> None:
        examples = merged["examples"]
        for number, example in enumerate(examples):
            here = (*loc, number)
            if not isinstance(example, dict):
                self.add(here, f"{name}: an example is {{bad: …, fix: …}} or {{good: …}}, found {_kind(example)}")
                continue
            for key, value in example.items():
                if key not in EXAMPLE_KEYS:
                    self.add((*here, key), f"{name}: unknown example key '{key}'{did_you_mean(str(key), EXAMPLE_KEYS)}")
                elif not isinstance(value, str):
                    self.add((*here, key), f"{name}: example {key} must be text, found {_kind(value)}")
            if ("bad" in example) == ("good" in example):
                self.add(here, f"{name}: an example has either 'bad' (with its 'fix') or 'good'")
            elif "fix" in example and "bad" not in example:
                self.add(here, f"{name}: 'fix' goes with a 'bad' example")
        kinds = {key for example in examples if isinstance(example, dict) for key in example}
        if "bad" not in kinds or "good" not in kinds:
            self.add(loc, f"{name}: needs at least one wrong example {{bad: …, fix: …}} and one right one {{good: …}}")
        elif merged.get("fix") is not None and "fix" not in kinds:
            self.add(loc, f"{name}: has a fix but no example shows it (add fix: to a bad example)")

