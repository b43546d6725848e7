"""A teacher's rule packs: the schema refuses a broken pack at load, naming file:line and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from lihua.checks.rulebook import RulePackError, load_rules

GOOD_RULE = """\
rules:
  - id: class.go-to-home
    category: grammar
    description: '"home" needs no "to" after go/come.'
    message: "Write '{verb} home', without 'to'."
    message_zh: home 是副词，go home 不加 to。
    pattern: '\\b(?P<verb>go|goes|went|come|came)\\s+(?P<mark>to\\s+)home\\b'
    fix: ''
    examples:
      - {bad: "After school I went to home.", fix: "After school I went home."}
      - {good: "After school I went home."}
"""


def write_pack(folder: Path, text: str, name: str = "class.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_with(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing `needle`: where the error must point."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def refusal(folder: Path) -> str:
    with pytest.raises(RulePackError) as caught:
        load_rules((str(folder),))
    return str(caught.value)


def test_a_good_pack_loads_after_the_built_in_rules(tmp_path: Path) -> None:
    write_pack(tmp_path, GOOD_RULE)
    rules = load_rules((str(tmp_path),))
    assert rules[: len(load_rules())] == load_rules()
    assert [r.id for r in rules[len(load_rules()):]] == ["class.go-to-home"]
    assert rules[-1].pack == "class"


def test_a_misspelt_key_is_refused_with_its_line_and_the_right_spelling(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("    fix: ''\n", "    fix: ''\n    unles: {verb: [verb-past]}\n"))
    message = refusal(tmp_path)
    assert message == (f"{path}:{line_with(path, 'unles:')}: rule 'class.go-to-home': unknown key 'unles'; "
                       "did you mean 'unless'?")


def test_an_unknown_word_class_is_refused_at_load_not_when_the_rule_matches(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("    fix: ''\n", "    fix: ''\n    when: {verb: [verb-passt]}\n"))
    message = refusal(tmp_path)
    assert message.startswith(f"{path}:{line_with(path, 'verb-passt')}: ")
    assert "unknown word class 'verb-passt'" in message and "did you mean 'verb-past'?" in message


def test_a_condition_on_a_group_the_pattern_lacks_is_refused(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("    fix: ''\n", "    fix: ''\n    when: {verbs: [verb-past]}\n"))
    message = refusal(tmp_path)
    assert message.startswith(f"{path}:{line_with(path, 'verbs:')}: ")
    assert "'verbs', which the pattern does not have; did you mean 'verb'?" in message


def test_a_pattern_that_does_not_compile_is_refused(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("(?P<verb>go|", "(?P<verb>go|(?<=a+)"))
    message = refusal(tmp_path)
    assert message.startswith(f"{path}:{line_with(path, 'pattern:')}: rule 'class.go-to-home': the pattern is not "
                              "a valid regular expression: look-behind requires fixed-width pattern")


def test_a_rule_without_examples_is_refused(tmp_path: Path) -> None:
    text = GOOD_RULE[: GOOD_RULE.index("    examples:")]
    path = write_pack(tmp_path, text)
    assert refusal(tmp_path) == f"{path}:{line_with(path, '- id:')}: rule 'class.go-to-home': 'examples' is missing"


def test_a_bad_example_the_rule_does_not_flag_is_refused(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("{bad: \"After school I went to home.\", fix: \"After school I went home.\"}",
                                                  "{bad: \"After school I go back to home.\", fix: \"After school I go back home.\"}"))
    message = refusal(tmp_path)
    assert message == (f"{path}:{line_with(path, 'go back to home')}: rule 'class.go-to-home' does not flag its own "
                       "bad example 'After school I go back to home.'")


def test_a_good_example_the_rule_flags_is_refused(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("{good: \"After school I went home.\"}",
                                                  "{good: \"Come to home early.\"}"))
    assert f"{path}:{line_with(path, 'Come to home')}: rule 'class.go-to-home' flags its good example" in refusal(tmp_path)


def test_a_message_naming_a_group_the_pattern_lacks_is_refused(tmp_path: Path) -> None:
    """It would print as '' in every report (a built-in rule said "The subject is ''")."""
    path = write_pack(tmp_path, GOOD_RULE.replace("Write '{verb} home'", "Write '{verbs} home'"))
    assert refusal(tmp_path) == (f"{path}:{line_with(path, 'message:')}: rule 'class.go-to-home': message uses "
                                 "'{verbs}', which the pattern does not capture; did you mean 'verb'?")


def test_the_reflexive_rule_message_names_no_missing_group() -> None:
    rule = next(r for r in load_rules() if r.id == "learner.pronoun.reflexive-after-i")
    example = next(e for e in rule.examples if e.bad)
    (finding,) = rule.findings(example.bad)
    assert "''" not in finding.message and "'myself'" in finding.message


def test_an_id_a_built_in_rule_has_is_refused(tmp_path: Path) -> None:
    built_in = load_rules()[0].id
    path = write_pack(tmp_path, GOOD_RULE.replace("class.go-to-home", built_in))
    assert refusal(tmp_path) == (f"{path}:{line_with(path, '- id:')}: rule id '{built_in}' is already used by "
                                 "a built-in rule; choose another id")


def test_every_problem_of_every_pack_is_listed_by_line(tmp_path: Path) -> None:
    first = write_pack(tmp_path, GOOD_RULE.replace("severity", "x").replace("category: grammar", "categry: grammar"),
                       "a.yaml")
    second = write_pack(tmp_path, GOOD_RULE.replace("class.go-to-home", "class.other").replace(
        "    fix: ''\n", "    fix: {transform: verb-bse}\n"), "b.yaml")
    lines = refusal(tmp_path).splitlines()
    assert lines[0] == f"{first}:{line_with(first, '- id:')}: rule 'class.go-to-home': 'category' is missing"
    assert lines[1] == (f"{first}:{line_with(first, 'categry')}: rule 'class.go-to-home': unknown key 'categry'; "
                        "did you mean 'category'?")
    assert lines[2].startswith(f"{second}:{line_with(second, 'verb-bse')}: rule 'class.other': unknown transform "
                               "'verb-bse'; did you mean 'verb-base'?")
    assert len(lines) == 3


def test_a_missing_folder_and_an_empty_one_are_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nope") == f"{tmp_path / 'nope'}:1: no such folder of rule packs"
    (tmp_path / "empty").mkdir()
    assert refusal(tmp_path / "empty") == f"{tmp_path / 'empty'}:1: no rule packs here (*.yaml files)"
