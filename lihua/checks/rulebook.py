"""The learner-rule engine: YAML rules in, findings with exact spans and fixes out.

A rule is data (see `lihua/checks/rules/*.yaml`). Two kinds cover most needs:

- `pattern`: a regular expression, kept inside one sentence by the pack author (`[^.!?\\n]`
  gaps). The named group `mark` is what gets flagged (the whole match if absent). `when` and
  `unless` put word-class conditions on named groups (e.g. `mark: [verb-past-only]`), answered
  from lemminflect's lexicon; `fix` says how to correct the mark: a transform (`verb-base`,
  `plural`, `adverb`…), a literal, or a template with `{group}` references.
- `requires` (optional): strings one of which must be in the letter for the rule to run at all —
  a cheap test for a pattern whose literal core is not at its start (", that").
- `check`: a named sentence- or letter-level check written in code (`lihua/checks/sentence_checks.py`,
  `lihua/checks/format_checks.py`) — comma splices, tense shifts, the letter's salutation and
  signature — whose wording, severity and examples still live in the YAML.

Every rule carries `examples`: `{bad, fix}` pairs and `{good}` sentences; one test runs them all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

from lihua.checks import in_sentence, lexicon
from lihua.checks.parsed_rules import ParsedPattern
from lihua.checks.rule_schema import RulePackError, expand_lists
from lihua.checks.triggers import has_needs
from lihua.findings import Category, Finding, Severity, Source, Span, component_of_category
from lihua.io.yaml_data import data_file
from lihua.text.frequency import zipf
from lihua.text.letter import Letter

Predicate = Callable[[str], bool]

PREDICATES: dict[str, Predicate] = {
    "verb": lambda w: bool(lexicon.verb_tags(w)),
    "verb-base": lambda w: "VB" in lexicon.verb_tags(w),
    "not-verb-base": lambda w: "VB" not in lexicon.verb_tags(w),
    "verb-past-only": lambda w: lexicon.verb_tags(w) == {"VBD"},
    "verb-base-only": lambda w: "VB" in (t := lexicon.verb_tags(w)) and not t & {"VBD", "VBN", "VBZ", "VBG"},
    "verb-past": lambda w: "VBD" in lexicon.verb_tags(w),
    "verb-past-not-base": lambda w: "VBD" in (t := lexicon.verb_tags(w)) and "VB" not in t,
    "verb-past-not-participle": lambda w: "VBD" in (t := lexicon.verb_tags(w)) and "VBN" not in t and "VB" not in t,
    "verb-participle-only": lambda w: "VBN" in (t := lexicon.verb_tags(w)) and "VBD" not in t and "VB" not in t,
    "verb-3sg": lambda w: "VBZ" in lexicon.verb_tags(w),
    "verb-ing": lambda w: "VBG" in lexicon.verb_tags(w),
    "verb-participle": lambda w: "VBN" in lexicon.verb_tags(w),
    "any": lambda w: True,  # with `unless`: the optional group matched at all
    "verb-finite-nonbase": lambda w: bool(lexicon.verb_tags(w) & {"VBD", "VBZ"}) and "VB" not in lexicon.verb_tags(w),
    "verb-nonbase": lambda w: bool(lexicon.verb_tags(w) & {"VBD", "VBZ", "VBG", "VBN"}) and "VB" not in lexicon.verb_tags(w),
    "noun": lexicon.is_noun,
    "often-plural": lambda w: zipf(lexicon.plural_of(w) or "") >= zipf(w) - 0.2,
    "noun-not-common-verb": lambda w: lexicon.is_noun(w) and w.lower() not in lexicon.COMMON_VERBS,
    "adjective-not-participle": lambda w: lexicon.is_adjective(w) and "VBN" not in lexicon.verb_tags(w),
    "adjective-with-comparative": lambda w: lexicon.is_adjective(w) and lexicon.comparative_of(w) not in (None, w),
    "comparative-phrase": lambda w: w.lower().startswith("more ") and lexicon.is_adjective(w.split()[-1])
    or lexicon.adjective_degree(w) == "comparative",
    "noun-with-adjective": lambda w: w.lower() in lexicon.ADJECTIVE_OF_NOUN,
    "adjective-with-noun": lambda w: lexicon.noun_of_adjective(w) is not None,
    "noun-with-verb": lambda w: lexicon.verb_of_noun(w) is not None,
    "thing-noun": lexicon.is_thing_noun,
    "count-noun": lambda w: lexicon.is_singular_noun(w) and w.lower() not in lexicon.MASS_SENSES,
    "mass-noun": lambda w: w.lower() in lexicon.MASS_SENSES and lexicon.noun_number(w) != "plural",
    "noun-or-adjective": lambda w: lexicon.is_noun(w) or lexicon.is_adjective(w),
    "not-adjective-or-noun": lambda w: not (lexicon.is_noun(w) or lexicon.is_adjective(w)),
    "not-noun": lambda w: not lexicon.is_noun(w),
    "plural-noun": lambda w: lexicon.noun_number(w) == "plural",
    "not-plural-noun": lambda w: lexicon.noun_number(w) != "plural",
    "singular-count": lexicon.is_countable_singular,
    "uncountable": lexicon.is_uncountable,
    "adjective": lexicon.is_adjective,
    "not-adjective": lambda w: not lexicon.is_adjective(w),
    "adverb-from-adjective": lambda w: not lexicon.is_adjective(w) and lexicon.adjective_of_adverb(w) is not None,
    "adjective-with-adverb": lambda w: lexicon.adverb_of_adjective(w) is not None,
    "singular-noun": lexicon.is_singular_noun,
    "adverb": lexicon.is_adverb,
    "adverb-not-adjective": lambda w: lexicon.is_adverb(w) and not lexicon.is_adjective(w),
    "noun-not-state": lambda w: lexicon.is_noun(w) and w.lower() not in {"ill", "sick", "hurt", "well"},
    "preposition": lambda w: w.lower() in lexicon.PREPOSITIONS,
    "not-verb": lambda w: not lexicon.verb_tags(w),
    "linking-verb": lambda w: (lexicon.readings(w).get("VERB") or ("",))[0] in lexicon.LINKING_VERBS,
    "comparative": lambda w: lexicon.adjective_degree(w) == "comparative",
    "superlative": lambda w: lexicon.adjective_degree(w) == "superlative",
}
for _name in in_sentence.TAG_CLASSES:
    in_sentence.register_positive(_name, PREDICATES[_name])

TRANSFORMS: dict[str, Callable[[str], str | None]] = {
    "verb-base": lambda w: lexicon.verb_form(w, "VB"),
    "verb-past": lambda w: lexicon.verb_form(w, "VBD"),
    "verb-participle": lambda w: lexicon.verb_form(w, "VBN"),
    "verb-ing": lambda w: lexicon.verb_form(w, "VBG"),
    "verb-3sg": lambda w: lexicon.verb_form(w, "VBZ"),
    "plural": lexicon.plural_of,
    "singular": lexicon.singular_of,
    "adjective": lexicon.adjective_of_adverb,
    "adverb": lexicon.adverb_of_adjective,
    "adjective-positive": lexicon.adjective_positive,
    "comparative": lexicon.comparative_of,
    "superlative": lexicon.superlative_of,
    "delete": lambda w: "",
    "title-case": lambda w: re.sub(r"(?:(?<=^)|(?<=[ -]))[a-z]", lambda m: m.group().upper(), w),
    "superlative-phrase": lambda w: ("most " + w.split(None, 1)[1]) if w.lower().startswith("more ")
    else lexicon.superlative_of(lexicon.adjective_positive(w) or w),
    "with-article": lambda w: f"{lexicon.indefinite_article(w)} {w}",
    "adjective-of-noun": lambda w: lexicon.ADJECTIVE_OF_NOUN.get(w.lower()),
    "noun-of-adjective": lexicon.noun_of_adjective,
    "verb-of-noun": lexicon.verb_of_noun,
}


@dataclass(frozen=True)
class Example:
    bad: str | None = None
    fix: str | None = None
    good: str | None = None


@dataclass
class Rule:
    """One learner rule, loaded from a YAML pack."""

    id: str
    category: Category
    severity: Severity
    description: str
    message: str
    message_zh: str
    examples: tuple[Example, ...]
    pack: str
    source: str | None = None  # the regular expression, compiled on first use (most rules never run)
    flags: int = 0
    when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unless: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fix: Any = None
    check: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    triggers: frozenset[str] | None = None  # literal text every match starts with (None: always run)
    heads: frozenset[str] | None = None  # when matches start words: the triggers' first letters, lower-cased
    needs: tuple[frozenset[str], ...] = ()  # groups of literal text a match has one of each (triggers.analyse)
    ignore_case: bool = True
    requires: tuple[str, ...] = ()  # from the YAML: the rule runs only if one of these is in the letter
    component: str = "language"  # the rubric component its findings count toward
    aspect: str = ""  # what in that component they mark (salutation, closing, …), see rule_schema.ASPECTS
    hinders_meaning: bool = False  # its errors block the reader's understanding: weighted up by the language score
    word_classes_from: str = in_sentence.DEFAULT_MODE  # "lexicon" or "sentence": how when/unless are answered
    tokens: list[dict[str, Any]] | None = None  # a token pattern (spaCy Matcher), see parsed_rules
    dependency: list[dict[str, Any]] | None = None  # a dependency pattern (spaCy DependencyMatcher)
    mark: str | int | None = None  # which token of `tokens`/`dependency` is flagged (name or index)
    where: tuple[str, int] = ("", 0)  # (file, line) of the rule
    example_lines: tuple[int, ...] = ()  # the line of each example

    @cached_property
    def parsed(self) -> ParsedPattern | None:
        """The token or dependency pattern, when the rule has one."""
        if self.tokens is None and self.dependency is None:
            return None
        return ParsedPattern(self.id, self.tokens, self.dependency, self.mark)

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.source, self.flags) if self.source is not None else None

    def may_fire(self, text: str, lowered: str) -> bool:
        """False when none of the rule's trigger strings is in the text, or it lacks all of a group
        the pattern needs: the regex cannot match."""
        haystack = lowered if self.ignore_case else text
        if self.needs and not has_needs(self.needs, haystack):
            return False
        if self.triggers is None:
            return True
        return any(trigger in haystack for trigger in self.triggers)

    def matches(self, text: str, lowered: str | None = None,
                index: dict[str, list[int]] | None = None) -> Iterator[re.Match[str]]:
        """What `pattern.finditer(text)` yields, found faster when the rule has trigger strings.

        Every match starts where a trigger occurs, so the pattern is tried only at those offsets,
        left to right, skipping offsets inside the previous match — finditer's own semantics.
        With `index` (word prefix → word starts, see triggers.word_prefix_index) and a rule whose
        matches start words, the offsets are looked up instead of searched for.
        """
        if lowered is None:
            lowered = text.lower()
        haystack = lowered if self.ignore_case else text
        if self.triggers is None or len(lowered) != len(text):
            assert self.pattern is not None
            yield from self.pattern.finditer(text)
            return
        starts: set[int] = set()
        if index is not None and self.heads is not None:
            for head in self.heads:
                starts.update(index.get(head, ()))
        else:
            for trigger in self.triggers:
                at = haystack.find(trigger)
                while at != -1:
                    starts.add(at)
                    at = haystack.find(trigger, at + 1)
        if not starts:
            return  # the pattern is compiled only for a text that has one of its triggers
        assert self.pattern is not None
        resume = 0
        match_at = self.pattern.match
        for start in sorted(starts):
            if start < resume:
                continue
            match = match_at(text, start)
            if match is not None:
                resume = match.end()
                yield match

    def findings(self, text: str, letter: Letter | None = None, lowered: str | None = None,
                 index: dict[str, list[int]] | None = None) -> Iterator[Finding]:
        """Every place this rule fires in `text` (`lowered`, `index`: shared by the caller, see matches)."""
        if self.check is not None:
            from lihua.checks.named_checks import NAMED_CHECKS

            for start, end, replacement, values in NAMED_CHECKS[self.check](text, letter, self.options):
                yield self._finding(start, end, (replacement,) if replacement is not None else (), values)
            return
        if self.parsed is not None:
            yield from self._parsed_findings(text)
            return
        for match in self.matches(text, lowered, index):
            if not self._conditions_hold(match):
                continue
            start, end = match.span("mark") if "mark" in self.pattern.groupindex else match.span()
            replacement = self._replacement(match)
            if replacement is False:
                continue
            values = {k: v for k, v in match.groupdict().items() if v is not None}
            yield self._finding(start, end, (replacement,) if replacement is not None else (), values)

    def _parsed_findings(self, text: str) -> Iterator[Finding]:
        """The findings of a token or dependency pattern: matched over the text's analysis."""
        assert self.parsed is not None
        analysis = _analysis_of(text)
        if not analysis:
            return
        mode = in_sentence.OVERRIDE or self.word_classes_from
        for found in self.parsed.matches(analysis):
            words = {name: token.text for name, token in found.named.items()}
            flagged = text[found.start:found.end]
            holds = partial(_token_holds, mode)
            if not all(name in found.named and all(holds(p, found.named[name]) for p in predicates)
                       for name, predicates in self.when.items()):
                continue
            if any(name in found.named and any(holds(p, found.named[name]) for p in predicates)
                   for name, predicates in self.unless.items()):
                continue
            groups = {**words, "mark": flagged}
            replacement = self._fixed(groups, flagged)
            if replacement is False:
                continue
            start, end = found.start, found.end
            if replacement == "":  # a deleted word takes one space with it ("must to be" → "must be")
                if text[end:end + 1] == " ":
                    end += 1
                elif text[start - 1:start] == " ":
                    start -= 1
            yield self._finding(start, end, (replacement,) if replacement is not None else (), groups)

    def _conditions_hold(self, match: re.Match[str]) -> bool:
        sentence = _InSentence(match.string, in_sentence.OVERRIDE or self.word_classes_from)
        for group, names in self.when.items():
            word = match.group(group)
            if word is None or not all(sentence.holds(name, word, match.span(group)) for name in names):
                return False
        for group, names in self.unless.items():
            word = match.group(group)
            if word is not None and any(sentence.holds(name, word, match.span(group)) for name in names):
                return False
        return True

    def _replacement(self, match: re.Match[str]) -> str | None | bool:
        """The fix for a match; False when a transform has no answer (the rule then stays quiet)."""
        if self.fix is None:
            return None
        groups = {k: (v or "") for k, v in match.groupdict().items()}
        flagged = match.group("mark") if "mark" in self.pattern.groupindex else match.group()
        return self._fixed(groups, flagged)

    def _fixed(self, groups: dict[str, str], flagged: str) -> str | None | bool:
        """The fix from the matched groups (or named tokens) and the flagged text; False: no answer."""
        if self.fix is None:
            return None
        if isinstance(self.fix, str):
            return self.fix.format(**groups)
        word = groups.get(self.fix.get("group", "mark")) or ""
        if "lookup" in self.fix:
            found = self.fix["lookup"].get(word.lower())
            if found is None:
                return False
            fixed = _match_case(flagged or word, found)
        else:
            fixed = TRANSFORMS[self.fix["transform"]](word)
            if fixed is None:
                return False
        template = self.fix.get("template")
        return template.format(**{**groups, "fixed": fixed}) if template else fixed

    def _finding(self, start: int, end: int, replacements: tuple[str, ...], values: dict[str, str]) -> Finding:
        fix = replacements[0] if replacements else ""
        safe = _SafeDict(values, fix=fix)
        return Finding(
            rule_id=self.id,
            source=Source.LIHUA,
            category=self.category,
            severity=self.severity,
            message=self.message.format_map(safe),
            message_zh=self.message_zh.format_map(safe),
            span=Span(start, end),
            replacements=replacements,
            explanation=self.description,
            component=self.component,
            aspect=self.aspect,
            hinders_meaning=self.hinders_meaning,
        )


def _token_holds(mode: str, name: str, token: Any) -> bool:
    """A word-class condition on a token a token/dependency pattern matched."""
    could_be = PREDICATES[name]
    if mode == "lexicon" or not in_sentence.reads_sentence(name):
        return could_be(token.text)
    return in_sentence.in_sentence(name, token.text, token, could_be)


class _InSentence:
    """Answers a word-class condition from the word's tag in its parsed sentence (see in_sentence);
    the text is parsed only when a condition needs it, once per text (analyse caches it)."""

    def __init__(self, text: str, mode: str) -> None:
        self.text, self.mode = text, mode
        self.analysis: Any = None

    def holds(self, name: str, word: str, span: tuple[int, int]) -> bool:
        could_be = PREDICATES[name]
        if self.mode == "lexicon" or not in_sentence.reads_sentence(name):
            return could_be(word)
        if self.analysis is None:
            self.analysis = _analysis_of(self.text)
        token = in_sentence.token_at(self.analysis, *span) if self.analysis else None
        if token is None:
            return could_be(word)
        return in_sentence.in_sentence(name, word, token, could_be)


def _analysis_of(text: str) -> Any:
    """The text's analysis, or False when lihua's English model is not installed (the lexicon answers)."""
    from lihua.text.analysis import analyse

    try:
        return analyse(text)
    except FileNotFoundError:
        return False


class _SafeDict(dict):
    def __init__(self, values: dict[str, str], **extra: str) -> None:
        super().__init__(values, **extra)

    def __missing__(self, key: str) -> str:
        return ""


def _match_case(model: str, word: str) -> str:
    """'In' → 'On' at a sentence start; but 'I' is upper case only because it is 'I' ('asked I' → 'me')."""
    return word[:1].upper() + word[1:] if model[:1].isupper() and model != "I" else word


BUILT_IN = "lihua.checks"


@lru_cache(maxsize=8)
def load_rules(rule_dirs: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Every rule of every bundled pack, in pack then file order, then those of `rule_dirs`.

    A teacher's folder (`--rules-dir`, `rules_dirs` in lihua.toml) holds packs of the same shape;
    its rules must not reuse an id, and their own examples must hold. Raises RulePackError.
    """
    rules = list(_built_in_rules())
    seen = {rule.id: rule for rule in rules}
    if len(seen) != len(rules):
        ids = [rule.id for rule in rules]
        raise ValueError(f"duplicate rule ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    built_in = set(seen)
    problems: list[tuple[str, int, str]] = []
    for rule in (r for folder in rule_dirs for r in _folder_rules(folder, problems)):
        if rule.id in seen:
            first = seen[rule.id]
            other = "a built-in rule" if rule.id in built_in else f"the rule at {first.where[0]}:{first.where[1]}"
            problems.append((*rule.where, f"rule id '{rule.id}' is already used by {other}; choose another id"))
            continue
        seen[rule.id] = rule
        rules.append(rule)
        problems += [(rule.where[0], line, message) for line, message in example_problems(rule)]
    if problems:
        raise RulePackError(problems)
    return tuple(rules)


_RULES_FORMAT = 1  # bump when the plain-data form of a Rule (rules_to_data) changes


def _built_in_packs() -> list[tuple[str, str]]:
    """(file, text) of every bundled pack, by name."""
    folder = resources.files(BUILT_IN).joinpath("rules")
    return [(str(entry), entry.read_text(encoding="utf-8"))
            for entry in sorted(folder.iterdir(), key=lambda p: p.name) if entry.name.endswith(".yaml")]


def _built_in_key(packs: list[tuple[str, str]]) -> str:
    """What the built-in rules are made from: the packs (path and text) and the code and data that
    read them (every file of lihua.checks, findings, the YAML reader), so an edited pack or engine
    never meets a stale cache."""
    import hashlib

    digest = hashlib.sha256(f"{_RULES_FORMAT}".encode())
    package = Path(__file__).resolve().parent.parent
    code = [*(package / "checks").rglob("*.py"), *(package / "checks").glob("*.yaml"),
            package / "findings.py", package / "io" / "yaml_lines.py"]
    for path in sorted(code):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for file, text in packs:
        digest.update(file.encode("utf-8", "surrogatepass") + b"\0" + text.encode("utf-8") + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _built_in_rules() -> tuple[Rule, ...]:
    """The bundled rules: from lihua's cache when it holds them for these packs and this code,
    else read from the packs (schema-checked, patterns analysed) and cached as plain data."""
    from lihua.io.cache import read_entry, write_entry
    from lihua.version import __version__

    packs = _built_in_packs()
    key = _built_in_key(packs)
    rules_name = f"rules-{__version__}.marshal"
    cached = read_entry(rules_name)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == key:
        try:
            return rules_from_data(cached[1])
        except (TypeError, ValueError, KeyError):
            pass  # damaged: read the packs again
    # what each pattern's triggers are (a regex parse per rule) is cached by the pattern's own text
    cache_name = f"rule-triggers-v3-{__version__}.marshal"
    analysed = read_entry(cache_name)
    analysed = analysed if isinstance(analysed, dict) else {}
    known = len(analysed)
    rules: list[Rule] = []
    for file, text in packs:
        rules += load_pack(text, file, analysed)
    if len(analysed) != known:
        write_entry(cache_name, analysed)
    write_entry(rules_name, (key, rules_to_data(rules)))
    return tuple(rules)


_ENUM_FIELDS = {"category": Category, "severity": Severity}


def rules_to_data(rules: Collection[Rule]) -> tuple[tuple[Any, ...], ...]:
    """Rules as plain data (tuples of field values, enums as their values) for lihua's cache."""
    names = [f.name for f in fields(Rule)]
    out = []
    for rule in rules:
        values = []
        for name in names:
            value = getattr(rule, name)
            if name in _ENUM_FIELDS:
                value = value.value
            elif name == "examples":
                value = tuple((e.bad, e.fix, e.good) for e in value)
            values.append(value)
        out.append(tuple(values))
    return tuple(out)


def rules_from_data(data: tuple[tuple[Any, ...], ...]) -> tuple[Rule, ...]:
    """The rules `rules_to_data` made the data of (TypeError, ValueError or KeyError if it is not that)."""
    names = [f.name for f in fields(Rule)]
    rules = []
    for values in data:
        if len(values) != len(names):
            raise ValueError("a cached rule of another shape")
        raw = dict(zip(names, values, strict=True))
        for name, kind in _ENUM_FIELDS.items():
            raw[name] = kind(raw[name])
        raw["examples"] = tuple(Example(*example) for example in raw["examples"])
        rules.append(Rule(**raw))
    return tuple(rules)


def pack_files(folder: str) -> list[Path]:
    """The packs of a teacher's folder: its *.yaml and *.yml files, by name."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _folder_rules(folder: str, problems: list[tuple[str, int, str]]) -> list[Rule]:
    """The rules of every pack in `folder`; what is wrong goes to `problems` (file, line, message)."""
    path = Path(folder)
    if not path.is_dir():
        problems.append((folder, 1, "no such folder of rule packs" if not path.exists() else "not a folder"))
        return []
    files = pack_files(folder)
    if not files:
        problems.append((folder, 1, "no rule packs here (*.yaml files)"))
    rules: list[Rule] = []
    for file in files:
        try:
            rules += load_pack(file.read_text(encoding="utf-8"), str(file))
        except RulePackError as error:
            problems += error.problems
        except (OSError, UnicodeDecodeError) as error:
            problems.append((str(file), 1, f"cannot read: {getattr(error, 'strerror', None) or error}"))
    return rules


def load_pack(text: str, file: str, analysed: dict[tuple[str, int], Any] | None = None) -> list[Rule]:
    """The rules of one pack file, checked against the schema first (RulePackError: file:line: …)."""
    from lihua.checks.named_checks import NAMED_CHECKS
    from lihua.checks.rule_schema import PackChecker
    from lihua.io.yaml_lines import line_of, parse

    analysed = {} if analysed is None else analysed
    parsed = parse(text)
    groups_of = partial(_analysis_groups, analysed)
    problems = PackChecker(parsed, PREDICATES, TRANSFORMS, NAMED_CHECKS, groups_of).check()
    if problems:
        raise RulePackError([(file, line, message) for line, message in problems])
    data = parsed.data
    pack = Path(file).stem
    defaults = data.get("defaults", {})
    rules = []
    for index, raw in enumerate(data.get("rules", [])):
        rule = _rule_from(raw, defaults, pack, analysed, data.get("lists") or {})
        rule.where = (file, line_of(parsed.node, ("rules", index)))
        rule.example_lines = tuple(line_of(parsed.node, ("rules", index, "examples", n))
                                   for n in range(len(rule.examples)))
        rules.append(rule)
    return rules


def _analysis_groups(analysed: dict[tuple[str, int], Any], source: str, flags: int) -> tuple[str, ...]:
    """The pattern's group names (re.error if it does not compile); analyses it once, cached by its text."""
    return _analysis(analysed, source, flags)[2]


def _analysis(analysed: dict[tuple[str, int], Any], source: str, flags: int) -> tuple[Any, bool, tuple[str, ...], Any]:
    """(triggers, matches start words, group names, needed strings) of a pattern: from the cache,
    or worked out now."""
    known = analysed.get((source, flags))
    if known is None or len(known) != 4:
        from lihua.checks.triggers import analyse

        groups = tuple(re.compile(source, flags).groupindex)  # checks it compiles (look-behind widths too)
        found, word_start, needs = analyse(source, flags)
        known = (tuple(sorted(found)) if found else None, word_start, groups, needs)
        analysed[(source, flags)] = known
    return known


def apply_fixes(text: str, rule: Rule) -> tuple[str, list[str]]:
    """`text` with every fix of `rule` applied (right to left), and the texts it flagged."""
    from lihua.text.letter import parse_letter

    findings = sorted(rule.findings(text, parse_letter(text)), key=lambda f: f.span.start)
    fixed = text
    for finding in reversed(findings):
        if finding.replacements:
            fixed = fixed[:finding.span.start] + finding.replacements[0] + fixed[finding.span.end:]
    return fixed, [text[f.span.start:f.span.end] for f in findings]


def example_problems(rule: Rule) -> list[tuple[int, str]]:
    """(line, what is wrong) for each of the rule's own examples that does not hold."""
    problems = []
    lines = rule.example_lines or (rule.where[1],) * len(rule.examples)
    for example, line in zip(rule.examples, lines, strict=True):
        if example.bad is not None:
            fixed, flagged = apply_fixes(example.bad, rule)
            if not flagged:
                problems.append((line, f"rule '{rule.id}' does not flag its own bad example {example.bad!r}"))
            elif example.fix is not None and rule.fix is not None and fixed != example.fix:
                problems.append((line, f"rule '{rule.id}': the fix gives {fixed!r}, the example says {example.fix!r}"))
        if example.good is not None:
            _, flagged = apply_fixes(example.good, rule)
            if flagged:
                problems.append((line, f"rule '{rule.id}' flags its good example {example.good!r} at "
                                       f"{', '.join(repr(f) for f in flagged)}"))
    return problems


def _rule_from(raw: dict[str, Any], defaults: dict[str, Any], pack: str,
               analysed: dict[tuple[str, int], Any] | None = None, lists: dict[str, list[str]] | None = None) -> Rule:
    """One Rule from its (schema-checked) YAML; `analysed` caches each pattern's analysis, `lists`
    are the pack's named word lists its pattern may reference ({list:NAME}, {not-after:NAME})."""
    merged = {**defaults, **raw}
    flags = 0 if merged.get("case_sensitive") else int(re.IGNORECASE)
    source = merged.get("pattern")
    if source is not None and lists:
        source = expand_lists(source, lists)
    from lihua.checks.triggers import trigger_heads

    triggers, word_start, needs = None, False, ()
    if source is not None:
        known = _analysis({} if analysed is None else analysed, source, flags)
        triggers = frozenset(known[0]) if known[0] else None
        word_start, needs = known[1], tuple(known[3])
    heads = trigger_heads(triggers) if triggers and word_start else None
    return Rule(
        id=merged["id"],
        category=Category(merged["category"]),
        severity=Severity(merged.get("severity", "error")),
        description=merged["description"],
        message=merged["message"],
        message_zh=merged.get("message_zh", ""),
        examples=tuple(Example(**e) for e in merged.get("examples", [])),
        pack=pack,
        source=source,
        flags=flags,
        when={k: tuple(v) for k, v in (merged.get("when") or {}).items()},
        unless={k: tuple(v) for k, v in (merged.get("unless") or {}).items()},
        fix=merged.get("fix"),
        check=merged.get("check"),
        options=merged.get("options") or {},
        triggers=triggers,
        heads=heads,
        needs=needs,
        requires=tuple(str(r).lower() for r in merged.get("requires") or ()),
        ignore_case=bool(flags & re.IGNORECASE),
        component=merged.get("component") or component_of_category(merged["category"]),
        aspect=merged.get("aspect") or "",
        hinders_meaning=bool(merged.get("hinders_meaning")),
        word_classes_from=merged.get("word_classes_from") or in_sentence.DEFAULT_MODE,
        tokens=merged.get("tokens"),
        dependency=merged.get("dependency"),
        mark=merged.get("mark"),
    )



@lru_cache(maxsize=1)
def retired_rules() -> dict[str, str]:
    """Retired rule id → the rule that now finds its errors (lihua/data/retired_rules.yaml)."""
    return dict(data_file("retired_rules.yaml"))


def with_successors(disabled: Collection[str]) -> Collection[str]:
    """`disabled` with each retired rule id replaced by its successor, so an old config still works."""
    retired = retired_rules()
    if not disabled or retired.keys().isdisjoint(disabled):
        return disabled
    return frozenset(retired.get(name, name) for name in disabled)


def run_rules(text: str, letter: Letter | None = None, *, disabled: Collection[str] = (),
              rule_dirs: tuple[str, ...] = (), failures: list[str] | None = None) -> list[Finding]:
    """All learner-rule findings for `text` (spans into `text`), skipping disabled rules/categories;
    `rule_dirs`: a teacher's folders of packs, run after the built-in ones. With `failures`, a rule
    that breaks on this text (a bug in lihua) is skipped and named there, so one rule never costs a
    student the whole grade; without it (tests, library callers) the error is raised."""
    from lihua.checks.triggers import word_prefix_index
    from lihua.findings import is_disabled

    disabled = with_successors(disabled)
    findings: list[Finding] = []

    lowered = text.lower()  # only searched for trigger strings; offsets come from `text` itself
    index = word_prefix_index(lowered) if len(lowered) == len(text) else None
    for rule in load_rules(tuple(rule_dirs)):
        if rule.requires and not any(needed in lowered for needed in rule.requires):
            continue
        if index is not None and rule.heads is not None:
            if index.keys().isdisjoint(rule.heads):  # set work in C, over the smaller side
                continue
            if rule.needs and not has_needs(rule.needs, lowered if rule.ignore_case else text):
                continue
        elif not rule.may_fire(text, lowered):
            continue
        if disabled and (rule.id in disabled or rule.category.value in disabled
                         or any(rule.id.startswith(d + ".") for d in disabled)):
            continue
        try:
            found = list(rule.findings(text, letter, lowered, index))
        except Exception as error:  # noqa: BLE001 — any bug in one rule: skip that rule, keep the grade
            if failures is None or _RAISE_RULE_ERRORS:
                raise
            failures.append(f"{rule.id} ({type(error).__name__}: {error})")
            continue
        findings.extend(f for f in found if not is_disabled(f, disabled))
    return findings


#: LIHUA_RULE_ERRORS=raise makes a rule's error stop the grade (the test suite sets it: bugs stay loud).
_RAISE_RULE_ERRORS = os.environ.get("LIHUA_RULE_ERRORS") == "raise"
