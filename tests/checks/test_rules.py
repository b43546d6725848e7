"""Learner rules: every example of every rule, the packs' shape, and the rules on correct English."""

from __future__ import annotations

import pytest

from lihua.checks.rulebook import Example, Rule, load_rules
from lihua.checks.triggers import word_prefix_index
from lihua.findings import Severity
from lihua.text.letter import parse_letter
from tests.support import FIXTURES, require_shared_eval

RULES = load_rules()


def _apply(text: str, rule: Rule) -> tuple[str, list[str]]:
    """`text` with every fix of `rule` applied (right to left), and the flagged spans."""
    findings = sorted(rule.findings(text, parse_letter(text)), key=lambda f: f.span.start)
    flagged = [text[f.span.start:f.span.end] for f in findings]
    fixed = text
    for finding in reversed(findings):
        if finding.replacements:
            fixed = fixed[:finding.span.start] + finding.replacements[0] + fixed[finding.span.end:]
    return fixed, flagged


def _cases() -> list:
    cases = []
    for rule in RULES:
        for number, example in enumerate(rule.examples):
            cases.append(pytest.param(rule, example, id=f"{rule.id}#{number}"))
    return cases


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_rule_example(rule: Rule, example: Example) -> None:
    if example.bad is not None:
        fixed, flagged = _apply(example.bad, rule)
        assert flagged, f"{rule.id} missed its own example: {example.bad!r}"
        assert rule.may_fire(example.bad, example.bad.lower()), f"{rule.id}: its triggers skip its own example"
        assert not rule.requires or any(r in example.bad.lower() for r in rule.requires), f"{rule.id}: requires"
        if example.fix is not None and (rule.fix is not None or rule.check is not None):
            assert fixed == example.fix, f"{rule.id}: fix gives {fixed!r}"
    if example.good is not None:
        _, flagged = _apply(example.good, rule)
        assert not flagged, f"{rule.id} flags correct English {example.good!r} at {flagged}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_a_wrong_and_a_right_example(rule: Rule) -> None:
    assert any(e.bad is not None for e in rule.examples), f"{rule.id}: no wrong example"
    assert any(e.good is not None for e in rule.examples), f"{rule.id}: no correct example"
    if rule.fix is not None:
        assert any(e.fix is not None for e in rule.examples), f"{rule.id}: has a fix but no example of it"
    assert rule.message_zh, f"{rule.id}: no Chinese explanation"


def test_packs_cover_the_issue_minimum() -> None:
    packs = {rule.pack for rule in RULES}
    assert len(RULES) >= 80, len(RULES)
    assert len(packs) >= 12, sorted(packs)


def test_rule_ids_are_unique_and_namespaced() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(("learner.", "format.")) for i in ids), [i for i in ids if "." not in i]


def test_rule_without_examples_is_refused_by_the_test() -> None:
    """The shape test above is what fails a rule added without examples; prove it would."""
    bare = Rule(id="learner.test.bare", category=RULES[0].category, severity=Severity.ERROR,
                description="d", message="m", message_zh="z", examples=(), pack="test")
    with pytest.raises(AssertionError):
        test_every_rule_has_a_wrong_and_a_right_example(bare)


# ------------------------------------------------------------------------------ triggers


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?P<m>can|could)\s+(?P<v>[a-z]+)", {"can", "could"}),
    (r"(?:(?<!.)|(?<=,\s))(?:my|the)\s+friend", {"my", "the"}),  # up to the first non-literal
    (r"\bdiscuss(?:es|ed)?\s+about\b", {"discuss", "discusses", "discussed"}),
    (r"\b[a-z]+ly\b", None),          # no literal start: the rule always runs
    (r"(?:\b\w+\s+)?about", None),       # an optional part without a literal start: no trigger
    (r"\b(?:the\s+|a\s+)?hour", {"the", "a", "hour"}),  # an optional start, or what follows it
    (r"\b(?:[Xx]|about)\b", {"x", "about"}),  # small character classes are spelled out
])
def test_literal_prefixes_of_a_pattern(pattern: str, expected: set[str] | None) -> None:
    import re

    from lihua.checks.triggers import literal_prefixes

    found = literal_prefixes(re.compile(pattern, re.IGNORECASE))
    assert (set(found) if found is not None else None) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bthe\s+\w+\s+(?:of|for)\b", [{"for", "of"}, {"the"}]),
    (r"\b(?:a|an)\s+(?P<n>\w+)\s+of\b", [{"of"}]),  # "a" is in every letter: not worth a group
    (r"\bgood\s+at\s+(?:play|swim)(?:ing)?", [{"at"}, {"good"}, {"play", "swim"}]),
    (r"\b(?:look|looking)\s+forward\s+(?:to\s+)?(?:hear|see)\b", [{"forward"}, {"hear", "see"}, {"look"}]),
    (r"(?<!not )\bvery\s+like\b", [{"like"}, {"very"}]),  # a look-behind needs nothing
    (r"\b(?:very|\w+ly)\s+like\b", [{"like"}, {"ly", "very"}]),  # each alternative gives its own
    (r"\b(?:very|[a-z]+)\s+like\b", [{"like"}]),  # an alternative with no literal: no group for the branch
    (r"\bsome(?:thing)?\b", [{"some"}]),
    (r"\b[A-Z]\w+", []),
])
def test_strings_a_pattern_needs(pattern: str, expected: list[set[str]]) -> None:
    import re

    from lihua.checks.triggers import needed_strings

    assert sorted(map(sorted, needed_strings(re.compile(pattern, re.IGNORECASE)))) == sorted(map(sorted, expected))


def _texts_to_try() -> list[str]:
    texts = [e.bad or e.good or "" for rule in RULES for e in rule.examples]
    for path in sorted(FIXTURES.rglob("*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the GBK and broken-encoding fixtures
            continue
    return texts


def test_no_rule_is_skipped_for_lack_of_a_string_in_a_text_it_matches() -> None:
    """The skip must be exact: wherever a rule's pattern matches, its needed strings are there."""
    texts = _texts_to_try()
    wrong = []
    for rule in RULES:
        if not rule.needs or rule.pattern is None:
            continue
        for text in texts:
            if rule.pattern.search(text) and not rule.may_fire(text, text.lower()):
                wrong.append((rule.id, text))
    assert wrong == []
    assert sum(bool(rule.needs) for rule in RULES) > 100  # the skip is used by most pattern rules


def test_a_rule_whose_triggers_are_absent_is_skipped_and_present_runs() -> None:
    from lihua.checks.rulebook import run_rules

    rule = next(r for r in RULES if r.id == "learner.verb.modal-base")
    assert rule.triggers and not rule.may_fire("We went home.", "we went home.")
    assert "learner.verb.modal-base" in {f.rule_id for f in run_rules("We CAN went home.")}


# ------------------------------------------------------------------------------ lihua rules …


def test_rules_list_names_every_rule(runner) -> None:
    from lihua.cli.app import app

    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert listed == [rule.id for rule in RULES]


def test_rules_list_filters_by_category_and_prints_json(runner) -> None:
    import json

    from lihua.cli.app import app

    result = runner.invoke(app, ["rules", "list", "--category", "grammar", "--format", "json"])
    data = json.loads(result.stdout)
    assert data and {row["category"] for row in data} == {"grammar"}
    assert len(data) == sum(rule.category.value == "grammar" for rule in RULES)
    assert all(row["examples"] for row in data)


def test_rules_show_prints_description_and_examples(runner) -> None:
    from lihua.cli.app import app

    rule = next(r for r in RULES if r.fix is not None)
    result = runner.invoke(app, ["rules", "show", rule.id])
    assert result.exit_code == 0
    assert rule.description in result.stdout
    first_bad = next(e for e in rule.examples if e.bad is not None)
    assert first_bad.bad in result.stdout


def test_rules_show_unknown_id_suggests_and_exits_2(runner) -> None:
    from lihua.cli.app import app

    rule = RULES[0]
    result = runner.invoke(app, ["rules", "show", rule.id[:-2]])
    assert result.exit_code == 2
    assert f"did you mean '{rule.id}'" in result.stderr
    assert runner.invoke(app, ["rules", "list", "--category", "nonsense"]).exit_code == 2


def test_grade_disable_turns_a_rule_off(runner) -> None:
    import json

    from lihua.cli.app import app

    letter = "Dear Tom,\n\nI can went to your party on Sunday.\n\nYours,\nLi Hua\n"
    on = json.loads(runner.invoke(app, ["grade", "-", "--format", "json"], input=letter).stdout)
    assert "learner.parsed.after-auxiliary" in {f["rule_id"] for f in on["findings"]}
    off = json.loads(runner.invoke(app, ["grade", "-", "--format", "json", "--disable",
                                         "learner.parsed.after-auxiliary"], input=letter).stdout)
    # the rule is off; the phrase rule that finds the same slip still speaks
    assert {f["rule_id"] for f in off["findings"]} >= {"learner.verb.modal-base"}
    assert "learner.parsed.after-auxiliary" not in {f["rule_id"] for f in off["findings"]}


# ------------------------------------------------------------------------------ precision guard

CORRECT_LETTERS = sorted((FIXTURES / "correct_letters").glob("*.txt"))


def test_the_correct_letter_corpus_is_there() -> None:
    assert len(CORRECT_LETTERS) >= 10


@pytest.mark.parametrize("path", CORRECT_LETTERS, ids=lambda p: p.stem)
def test_correct_letters_get_no_error_level_finding(path) -> None:
    """Harper and every learner rule together: correct English is never marked wrong."""
    from lihua.grading.pipeline import check_text

    text = path.read_text(encoding="utf-8")
    errors = [(f.rule_id, text[f.span.start:f.span.end]) for f in check_text(text) if f.severity is Severity.ERROR]
    assert errors == []


def test_learner_rules_stay_quiet_on_the_corrected_dev_passages() -> None:
    """The exam setters' corrected passages: at most one learner-rule error in the whole set (~1 000 words)."""
    from lihua.checks import check_letter

    rows = require_shared_eval("gaokao_corrections_dev.jsonl")
    alarms = [(f.rule_id, row["corrected"][f.span.start:f.span.end]) for row in rows
              for f in check_letter(row["corrected"], parse_letter(row["corrected"]))
              if f.severity is Severity.ERROR and f.rule_id.startswith("learner.")]
    assert len(alarms) <= 1, alarms


def test_a_fix_that_yaml_read_as_a_boolean_is_refused_at_load() -> None:
    from lihua.checks.rulebook import RulePackError, load_pack

    pack = ("rules:\n  - id: learner.test.on\n    category: grammar\n    description: d\n    message: m\n"
            "    pattern: '\\bin\\b'\n    fix: {lookup: {in: on}}\n"
            "    examples: [{bad: in, fix: 'on'}, {good: at}]\n")
    with pytest.raises(RulePackError, match=r"^test.yaml:7: .*quoted"):
        load_pack(pack, "test.yaml")


@pytest.mark.parametrize("rule", [r for r in RULES if r.triggers], ids=lambda r: r.id)
def test_trigger_search_finds_exactly_what_finditer_finds(rule: Rule) -> None:
    """The fast path must be finditer in disguise: same matches, same order, on every example."""
    texts = [t for e in rule.examples for t in (e.bad, e.good) if t]
    text = "\n\n".join(texts + [t.upper() for t in texts] + [" ".join(texts)])
    expected = [(m.start(), m.end()) for m in rule.pattern.finditer(text)]
    assert [(m.start(), m.end()) for m in rule.matches(text)] == expected
    index = word_prefix_index(text.lower())
    assert [(m.start(), m.end()) for m in rule.matches(text, text.lower(), index)] == expected


@pytest.mark.parametrize("rule", [r for r in RULES if r.source], ids=lambda r: r.id)
def test_every_pattern_compiles(rule: Rule) -> None:
    """Patterns compile lazily at run time; a pattern that cannot compile must fail here instead."""
    import re

    assert re.compile(rule.source, rule.flags)


_STORY = ("Last summer I visited my grandparents in the countryside. We picked apples, went fishing and cooked "
          "dinner together. My grandfather taught me to ride a horse and I fell off twice. I learned a lot and "
          "had a great time there")


@pytest.mark.parametrize("closing", ["Best regards,", "Kind regards,", "Warm regards,", "Warmest regards,",
                                     "Best wishes,", "With best wishes,", "Best regards to your family,"])
@pytest.mark.parametrize("fold", [". ", " ", "!\n"])
def test_a_closing_folded_into_the_last_line_is_never_read_as_a_clause(runner, closing: str, fold: str) -> None:
    """A transcript that puts 'Best regards, Li Hua' on the story's last line: the closing is not a
    subject and a verb, so no tense ('regards' → 'regarded') or agreement finding lands on it."""
    import json

    from lihua.cli.app import app

    text = f"Dear Chris,\n\n{_STORY}{fold}{closing} Li Hua\n"
    start = text.index(closing)
    result = runner.invoke(app, ["grade", "-", "--format", "json"], input=text)
    on_closing = [f["rule_id"] for f in json.loads(result.stdout)["findings"]
                  if f["category"] == "grammar" and start <= f["span"]["start"] < start + len(closing)]
    assert on_closing == []


def test_a_present_verb_in_the_story_before_a_folded_closing_is_still_found(runner) -> None:
    import json

    from lihua.cli.app import app

    story = _STORY.replace("I learned a lot", "I learn a lot")
    result = runner.invoke(app, ["grade", "-", "--format", "json"], input=f"Dear Chris,\n\n{story}. Best regards, Li Hua\n")
    found = {(f["rule_id"], f["text"]) for f in json.loads(result.stdout)["findings"]}
    assert ("learner.parsed.story-tense", "learn") in found


@pytest.mark.parametrize("time", ["6 a.m.", "6 a.m"])
def test_a_time_written_without_its_last_dot_does_not_cut_the_sentence(time: str) -> None:
    """'a.m' is one abbreviation, not 'a.' ending a sentence: the clause checks read the whole sentence."""
    from lihua.grading.pipeline import check_text

    text = f"Dear Chris,\n\nLast Sunday we got up at {time} and my father drives us to the park.\n\nYours,\nLi Hua\n"
    assert "learner.parsed.story-tense" in {f.rule_id for f in check_text(text)}
