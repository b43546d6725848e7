"""A teacher's rule packs: the schema refuses a broken pack at load, naming file:line and what is wrong."""

from __future__ import annotations

import re
from importlib import resources
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
    rule = next(r for r in load_rules() if r.id == "learner.parsed.reflexive-object")
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


# ------------------------------------------------------------------------------ through the CLI

CLASS_PACK = """\
# Words our class agreed on.
defaults:
  category: word-choice
  severity: warning
rules:
  - id: class.word.mobile-phone
    description: 'Our class writes "mobile phone", not "cellphone".'
    message: "Write 'mobile phone' (our class's word) instead of '{mark}'."
    message_zh: 本班统一用 mobile phone，不用 cellphone。
    pattern: '\\b(?P<mark>cell\\s*phone(?P<plural>s)?)\\b'
    fix: 'mobile phone{plural}'
    examples:
      - {bad: "I left my cellphone at home.", fix: "I left my mobile phone at home."}
      - {good: "I left my mobile phone at home."}
"""
LETTER = "Dear Tom,\n\nI left my cellphone at home, so I could not call you.\n\nYours,\nLi Hua\n"
RULE = "class.word.mobile-phone"


def _rule_ids(stdout: bytes) -> set[str]:
    import json

    return {f["rule_id"] for f in json.loads(stdout)["findings"]}


def test_grade_uses_a_teachers_pack_from_rules_dir_and_from_lihua_toml(tmp_path: Path) -> None:
    from tests.support import run_lihua

    write_pack(tmp_path / "my-rules", CLASS_PACK)
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    without = run_lihua("grade", str(letter), "--format", "json", cwd=tmp_path)
    assert without.returncode == 0 and RULE not in _rule_ids(without.stdout)
    given = run_lihua("grade", str(letter), "--format", "json", "--rules-dir", str(tmp_path / "my-rules"), cwd=tmp_path)
    assert given.returncode == 0, given.stderr
    assert RULE in _rule_ids(given.stdout)
    class_folder = tmp_path / "class3"
    class_folder.mkdir()
    (class_folder / "lihua.toml").write_text('rules_dirs = ["../my-rules"]\n', encoding="utf-8")  # relative to the toml
    from_toml = run_lihua("grade", str(letter), "--format", "json", cwd=class_folder)
    assert from_toml.returncode == 0, from_toml.stderr
    assert RULE in _rule_ids(from_toml.stdout)


def test_grade_refuses_a_broken_pack_with_file_and_line(tmp_path: Path) -> None:
    from tests.support import run_lihua

    pack = write_pack(tmp_path / "my-rules", CLASS_PACK.replace("    fix:", "    fixx:"))
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    done = run_lihua("grade", str(letter), "--rules-dir", str(tmp_path / "my-rules"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == b""
    assert (f"{pack}:{line_with(pack, 'fixx:')}: rule '{RULE}': unknown key 'fixx'; did you mean 'fix'?"
            in done.stderr.decode())
    lines = done.stderr.decode().splitlines()  # each problem on a line of its own, under one "lihua:" line
    assert lines[0] == "lihua: a rule pack cannot be used:" and all(line.startswith(f"  {pack}:") for line in lines[1:])


def test_batch_uses_a_teachers_pack_and_refuses_a_broken_one(tmp_path: Path) -> None:
    import json

    from tests.support import run_lihua

    write_pack(tmp_path / "my-rules", CLASS_PACK)
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "s01.txt").write_text(LETTER, encoding="utf-8")
    out = tmp_path / "out"
    done = run_lihua("batch", str(letters), "--prompt", "invite-dragon-boat", "--out", str(out), "--jobs", "1",
                     "--rules-dir", str(tmp_path / "my-rules"), "--no-reply", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (report,) = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert RULE in {f["rule_id"] for f in report["findings"]}
    pack = write_pack(tmp_path / "broken", CLASS_PACK.replace("category: word-choice", "category: wordchoice"))
    refused = run_lihua("batch", str(letters), "--prompt", "invite-dragon-boat", "--out", str(tmp_path / "o2"),
                        "--rules-dir", str(tmp_path / "broken"), cwd=tmp_path)
    assert refused.returncode == 2
    assert (f"{pack}:{line_with(pack, 'wordchoice')}: rule '{RULE}': unknown category 'wordchoice'; "
            "did you mean 'word-choice'?") in refused.stderr.decode()
    assert not (tmp_path / "o2" / "reports.jsonl").exists()


def test_rules_check_runs_the_examples_and_exits_0_or_2(tmp_path: Path) -> None:
    from tests.support import run_lihua

    write_pack(tmp_path / "good", CLASS_PACK)
    ok = run_lihua("rules", "check", str(tmp_path / "good"))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.decode().splitlines()[0].startswith(f"ok  {RULE}  (2 examples)  ")
    pack = write_pack(tmp_path / "bad", CLASS_PACK.replace("{good: \"I left my mobile phone",
                                                            "{good: \"I left my cellphone"))
    bad = run_lihua("rules", "check", str(tmp_path / "bad"))
    assert bad.returncode == 2
    first = bad.stderr.decode().splitlines()[0]
    line = line_with(pack, "{good: \"I left my cellphone")
    assert first == (f"{pack}:{line}: rule '{RULE}' flags its good example "
                     "'I left my cellphone at home.' at 'cellphone'")


def test_every_rule_id_includes_the_checks_in_code_and_a_teachers_rules(tmp_path: Path) -> None:
    from lihua.checks import all_rule_ids, check_letter
    from lihua.text.letter import parse_letter

    write_pack(tmp_path, CLASS_PACK)
    ids = all_rule_ids((str(tmp_path),))
    assert RULE in ids and RULE not in all_rule_ids()
    text = "Dear Tom,\n\nI like 粽子，and my cellphone.\n\nYours,\nLi Hua\n"
    found = {f.rule_id for f in check_letter(text, parse_letter(text), rule_dirs=(str(tmp_path),))}
    assert found <= set(ids) and {"script.chinese-characters", "punctuation.full-width", RULE} <= found


@pytest.mark.slow
def test_practice_grades_with_a_teachers_pack(tmp_path: Path) -> None:
    import sys

    from tests.practice.test_practice import LETTER as PRACTICE_LETTER
    from tests.practice.test_practice import PROMPT_ID, Terminal

    write_pack(tmp_path / "my-rules", CLASS_PACK)
    letter = tmp_path / "letter.txt"
    letter.write_text(PRACTICE_LETTER.replace("make zongzi together.", "make zongzi together. Bring your cellphone."),
                      encoding="utf-8")
    copy = f"{sys.executable} -c \"import sys,shutil; shutil.copyfile(r'{letter}', sys.argv[1])\""
    term = Terminal(tmp_path / "home", "practice", PROMPT_ID, "--editor", "--rules-dir", str(tmp_path / "my-rules"),
                    env={"VISUAL": "", "EDITOR": copy})
    term.expect(r"Revise\? \[y/N\]")
    assert "our class's word" in " ".join(term.transcript.split())
    term.child.sendintr()
    assert term.wait_exit() == 130


# ------------------------------------------------------------------------------ the component a rule counts toward


def _deducted_under(rule_dirs: tuple[str, ...], rule_id: str) -> set[str]:
    """The components whose deductions cite `rule_id` when the letter is graded with `rule_dirs`."""
    from lihua.grading.pipeline import grade

    text = "Dear Tom,\n\n" + "I left my cellphone at home, so I could not call you after school. " * 4 + \
        "\n\nYours,\nLi Hua\n"
    score = grade(text, rule_dirs=rule_dirs).score
    return {d.component for d in score.deductions if rule_id in d.rule_ids}


def test_a_rule_counts_toward_the_component_it_names(tmp_path: Path) -> None:
    write_pack(tmp_path / "language", CLASS_PACK.replace("severity: warning", "severity: error"))
    assert _deducted_under((str(tmp_path / "language"),), RULE) == {"language"}
    write_pack(tmp_path / "organisation", CLASS_PACK.replace("severity: warning", "severity: error\n  component: organisation")
               .replace("category: word-choice", "category: format"))
    assert _deducted_under((str(tmp_path / "organisation"),), RULE) == {"organisation"}


def test_the_component_defaults_from_the_category_table() -> None:
    rules = {r.id: r for r in load_rules()}
    assert {r.component for r in rules.values() if r.category.value == "format"} == {"organisation"}
    assert rules["learner.register.text-speak"].component == "organisation"  # its pack's default
    assert rules["learner.verb.modal-base"].component == "language"


def test_an_unknown_component_is_refused(tmp_path: Path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("    category: grammar\n", "    category: grammar\n    component: langauge\n"))
    assert refusal(tmp_path) == (f"{path}:{line_with(path, 'langauge')}: rule 'class.go-to-home': unknown component "
                                 "'langauge'; did you mean 'language'?")



def test_an_unknown_aspect_is_refused_and_a_known_one_reaches_the_finding(tmp_path: Path) -> None:
    path = write_pack(tmp_path / "bad", GOOD_RULE.replace("    category: grammar\n", "    category: format\n    aspect: salutaton\n"))
    assert refusal(tmp_path / "bad") == (f"{path}:{line_with(path, 'salutaton')}: rule 'class.go-to-home': unknown aspect "
                                         "'salutaton'; did you mean 'salutation'?")
    write_pack(tmp_path / "ok", GOOD_RULE.replace("    category: grammar\n", "    category: grammar\n    hinders_meaning: true\n"))
    rule = next(r for r in load_rules((str(tmp_path / "ok"),)) if r.id == "class.go-to-home")
    assert [f.hinders_meaning for f in rule.findings("After school I went to home.")] == [True]


# ------------------------------------------------------------------------------ named word lists


def test_list_references_are_written_out_as_the_regex_they_stand_for() -> None:
    import re

    from lihua.checks.rule_schema import expand_lists

    lists = {"be": ["is", "are"], "phones": ["cell phone", "mobile"]}
    assert expand_lists(r"{not-after:be}\bgo", lists) == r"(?<!\bis\s)(?<!\bare\s)\bgo"
    assert expand_lists(r"\b{list:phones}\b", lists) == r"\b(?:cell\s+phone|mobile)\b"
    assert expand_lists(r"a{1,2}", lists) == r"a{1,2}"  # a quantifier is not a reference
    pattern = re.compile(expand_lists(r"{not-after:be}\bgoing", lists))
    text = "is going, was going, are going"
    assert [m.start() for m in pattern.finditer(text)] == [text.index("was going") + len("was ")]  # 'was' is not listed


def test_a_built_in_rule_written_with_lists_keeps_its_look_behinds() -> None:
    rule = next(r for r in load_rules() if r.id == "learner.verb.parallel-past")
    assert rule.source.startswith(r"(?<!\bam\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)"
                                  r"(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)(?<!\bvery\s)")


def test_a_teachers_pack_can_use_lists_and_an_unknown_list_is_refused(tmp_path: Path) -> None:
    listed = CLASS_PACK.replace("rules:\n", "lists:\n  phones: [cellphone, cell phone]\nrules:\n").replace(
        "(?P<mark>cell\\s*phone(?P<plural>s)?)", "(?P<mark>{list:phones}(?P<plural>s)?)")
    assert "{list:phones}" in listed
    write_pack(tmp_path / "ok", listed)
    assert RULE in [r.id for r in load_rules((str(tmp_path / "ok"),))]
    path = write_pack(tmp_path / "bad", listed.replace("{list:phones}", "{list:phone}"))
    assert refusal(tmp_path / "bad") == (f"{path}:{line_with(path, 'pattern:')}: rule '{RULE}': the pattern uses the "
                                         "list 'phone', which the pack's lists: do not have; did you mean 'phones'?")


def test_not_after_space_writes_a_plain_space_and_a_misspelt_kind_is_refused(tmp_path: Path) -> None:
    from lihua.checks.rule_schema import expand_lists

    assert expand_lists(r"{not-after-space:be}x", {"be": ["is", "are"]}) == r"(?<!\bis )(?<!\bare )x"
    listed = GOOD_RULE.replace("rules:\n", "lists:\n  verbs: [go, goes, went, come, came]\nrules:\n").replace(
        "(?P<verb>go|goes|went|come|came)", "(?P<verb>{lists:verbs})")
    path = write_pack(tmp_path, listed)
    assert refusal(tmp_path) == (f"{path}:{line_with(path, 'pattern:')}: rule 'class.go-to-home': '{{lists:…}}' is "
                                 "no kind of list reference; did you mean 'list'?")


def test_no_built_in_pattern_writes_out_an_exception_list() -> None:
    """Words a rule excuses (not right after them, not right before them) are a named list, not regex."""
    from lihua.checks.rulebook import BUILT_IN
    from lihua.io.yaml_lines import parse

    look_behind = re.compile(r"\(\?<!(?:[^()\\]|\\.)*\)")
    word_behind = re.compile(r"\(\?<!\\b[A-Za-z]+(?:\\s| )\)")
    word_ahead = re.compile(r"\(\?!(?:\\s\+)?\(\?:(?:[A-Za-z]+\|){3,}[A-Za-z]+\)")
    found = []
    for pack in sorted(resources.files(BUILT_IN).joinpath("rules").iterdir(), key=lambda p: p.name):
        for rule in parse(pack.read_text(encoding="utf-8")).data.get("rules", []):
            source = rule.get("pattern") or ""
            runs = [m.group() for m in re.finditer(rf"(?:{look_behind.pattern})+", source)]
            if any(len(word_behind.findall(run)) >= 4 for run in runs) or word_ahead.search(source):
                found.append(rule["id"])
    assert not found, found


def test_a_list_word_yaml_reads_as_true_or_false_is_refused_with_how_to_quote_it(tmp_path: Path) -> None:
    listed = CLASS_PACK.replace("rules:\n", "lists:\n  places: [in, on, at]\nrules:\n").replace(
        "(?P<mark>cell\\s*phone(?P<plural>s)?)", "(?P<mark>{list:places})")
    path = write_pack(tmp_path, listed)
    message = refusal(tmp_path)
    assert message.startswith(f"{path}:{line_with(path, 'places:')}: ")
    assert "list 'places' must be a non-empty list of words" in message and "'on'" in message
