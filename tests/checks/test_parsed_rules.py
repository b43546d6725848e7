"""Rules that read the parse: token and dependency patterns, word classes from the sentence, and
the schema that refuses a broken pattern at load with its file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from lihua.checks import in_sentence
from lihua.checks.rulebook import PREDICATES, RulePackError, apply_fixes, load_pack, load_rules
from lihua.text.analysis import MODEL_DIR, analyse
from tests.checks.test_rule_packs import line_with, refusal, write_pack

needs_model = pytest.mark.skipif(not MODEL_DIR.is_dir(), reason="lihua's English model is not installed")

TOKEN_RULE = """\
rules:
  - id: class.must-to
    category: grammar
    description: No "to" after a modal.
    message: "Leave out 'to' after '{modal}'."
    message_zh: 情态动词后不加 to。
    tokens:
      - {name: modal, TAG: MD}
      - {name: to, LOWER: to}
      - {name: verb, TAG: VB}
    mark: to
    fix: {transform: delete}
    examples:
      - {bad: "It must to be easy.", fix: "It must be easy."}
      - {good: "It must be easy."}
"""

DEPENDENCY_RULE = """\
rules:
  - id: class.suggest-to
    category: grammar
    description: suggest takes no object + to-infinitive.
    message: "Not 'suggest {object} to …'."
    message_zh: suggest 不接 sb. to do。
    dependency:
      - {RIGHT_ID: suggest, RIGHT_ATTRS: {LEMMA: suggest}}
      - {LEFT_ID: suggest, REL_OP: ">", RIGHT_ID: verb, RIGHT_ATTRS: {TAG: VB}}
      - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: to, RIGHT_ATTRS: {LOWER: to}}
      - {LEFT_ID: suggest, REL_OP: ">", RIGHT_ID: object, RIGHT_ATTRS: {DEP: {IN: [iobj, obj]}}}
    mark: to
    examples:
      - {bad: "I suggest you to join the club."}
      - {good: "I suggest that you join the club."}
"""


@needs_model
def test_a_token_rule_marks_its_named_token_and_deletes_it_with_one_space(tmp_path: Path) -> None:
    rule = load_pack(TOKEN_RULE, "class.yaml")[0]
    fixed, flagged = apply_fixes("You should to go. It must to be easy.", rule)
    assert flagged == ["to ", "to "]
    assert fixed == "You should go. It must be easy."
    finding = next(rule.findings("It must to be easy."))
    assert finding.message == "Leave out 'to' after 'must'."


@needs_model
def test_a_dependency_rule_marks_the_node_it_names() -> None:
    rule = load_pack(DEPENDENCY_RULE, "class.yaml")[0]
    text = "I suggest you to join the club. I suggest that you join the club."
    findings = list(rule.findings(text))
    assert [(text[f.span.start:f.span.end], f.message) for f in findings] == [("to", "Not 'suggest you to …'.")]


@pytest.mark.parametrize(("change", "needle", "expected"), [
    ("      - {name: verb, TAG: VB}", "LOWR", "unknown token attribute 'LOWR' in tokens[2]; did you mean 'LOWER'?"),
    ("    mark: to", "mark: too", "mark 'too' names no token of the pattern; did you mean 'to'?"),
    ("    mark: to", "mark: 7", "mark 7 is not a token of the pattern (0 to 2, or a token name)"),
    ("      - {name: to, LOWER: to}", "{IN: [to, on]}", "LOWER.IN: quote on/off/yes/no"),
    ("      - {name: to, LOWER: to}", "OP: many", "OP is one of ! ? * + or {n,m}, found 'many'"),
    ("      - {name: to, LOWER: to}", "ISIN", "unknown operator 'ISIN' for LOWER"),
])
def test_a_broken_token_pattern_is_refused_at_load_with_its_line(tmp_path: Path, change: str, needle: str,
                                                                 expected: str) -> None:
    replacement = {
        "LOWR": "      - {name: verb, TAG: VB, LOWR: go}",
        "mark: too": "    mark: too",
        "mark: 7": "    mark: 7",
        "{IN: [to, on]}": "      - {name: to, LOWER: {IN: [to, on]}}",
        "OP: many": "      - {name: to, LOWER: to, OP: many}",
        "ISIN": "      - {name: to, LOWER: {ISIN: [to]}}",
    }[needle]
    path = write_pack(tmp_path, TOKEN_RULE.replace(change, replacement))
    message = refusal(tmp_path)
    assert f"{path}:{line_with(path, needle)}: rule 'class.must-to': {expected}" in message


@pytest.mark.parametrize(("change", "replacement", "expected"), [
    ('LEFT_ID: verb, REL_OP: ">", RIGHT_ID: to', 'LEFT_ID: verbb, REL_OP: ">", RIGHT_ID: to',
     "LEFT_ID 'verbb' is not the RIGHT_ID of an earlier node; did you mean 'verb'?"),
    ('REL_OP: ">", RIGHT_ID: verb', 'REL_OP: "=>", RIGHT_ID: verb', "unknown REL_OP '=>'"),
    ("RIGHT_ATTRS: {TAG: VB}", "RIGHT_ATTRS: {TAGS: VB}", "unknown token attribute 'TAGS'"),
    ("RIGHT_ATTRS: {LEMMA: suggest}}", "RIGHT_ATTRS: {LEMMA: suggest}, LEFT: x}", "unknown dependency key 'LEFT'"),
])
def test_a_broken_dependency_pattern_is_refused_at_load_with_its_line(tmp_path: Path, change: str,
                                                                      replacement: str, expected: str) -> None:
    assert change in DEPENDENCY_RULE
    path = write_pack(tmp_path, DEPENDENCY_RULE.replace(change, replacement))
    message = refusal(tmp_path)
    assert f"{path}:{line_with(path, replacement.split(',')[0].split('{')[-1])}: rule 'class.suggest-to': " \
           f"{expected}" in message


def test_a_rule_has_one_kind_of_pattern(tmp_path: Path) -> None:
    write_pack(tmp_path, TOKEN_RULE.replace("    mark: to\n", "    mark: to\n    pattern: 'x'\n"))
    assert "needs one of pattern, tokens, dependency or check, not pattern and tokens" in refusal(tmp_path)


def test_mark_goes_with_a_token_pattern_only() -> None:
    from tests.checks.test_rule_packs import GOOD_RULE

    with pytest.raises(RulePackError, match="'mark' goes with tokens: or dependency:"):
        load_pack(GOOD_RULE.replace("    fix: ''\n", "    fix: ''\n    mark: verb\n"), "class.yaml")


def test_word_classes_takes_lexicon_or_sentence(tmp_path: Path) -> None:
    write_pack(tmp_path, TOKEN_RULE.replace("    mark: to\n", "    mark: to\n    word_classes_from: tagger\n"))
    assert "unknown word_classes_from 'tagger'" in refusal(tmp_path)


@needs_model
def test_a_word_class_read_from_the_sentence_is_guarded_by_the_lexicon() -> None:
    analysis = analyse("They play football. The play was long. I went home.")
    play_verb, play_noun, went = (next(t for t in analysis.tokens if t.start == analysis.text.index(w, at))
                                  for w, at in (("play", 0), ("play", 20), ("went", 0)))
    verb_base = PREDICATES["verb-base"]
    # ambiguous in the lexicon (verb or noun): the tag decides
    assert in_sentence.in_sentence("verb-base", "play", play_verb, verb_base)
    assert not in_sentence.in_sentence("verb-base", "play", play_noun, verb_base)
    assert in_sentence.in_sentence("noun", "play", play_noun, PREDICATES["noun"])
    assert in_sentence.in_sentence("not-noun", "play", play_verb, PREDICATES["not-noun"])
    # what the lexicon rules out, no tag brings back: "went" is never a noun
    assert not in_sentence.in_sentence("noun", "went", went, PREDICATES["noun"])
    # what the lexicon allows only one way holds whatever the tag says: "went" is a past form
    assert in_sentence.in_sentence("verb-past", "went", went, PREDICATES["verb-past"])


@needs_model
def test_a_rule_in_sentence_mode_reads_the_tag_where_lexicon_mode_cannot(tmp_path: Path) -> None:
    pack = """\
defaults: {word_classes_from: MODE}
rules:
  - id: class.at-verb
    category: grammar
    description: A verb after "at" takes -ing.
    message: "Use -ing after 'at'."
    message_zh: at 后的动词用 -ing。
    pattern: '\\bat\\s+(?P<mark>[a-z]+)\\s+the\\b'
    unless: {mark: [noun]}
    examples:
      - {bad: "She is good at play the piano."}
      - {good: "We met at work the next day."}
"""
    sentence = load_pack(pack.replace("MODE", "sentence"), "class.yaml")[0]
    lexicon = load_pack(pack.replace("MODE", "lexicon"), "class.yaml")[0]
    text = "She is good at play the piano."
    assert analyse(text).tokens[4].tag == "VB"  # what the test leans on: the tagger reads a verb here
    assert [f.span.start for f in sentence.findings(text)] == [text.index("play")]
    assert list(lexicon.findings(text)) == []  # "play" could be a noun: the old answer lets it pass


def test_the_parsed_pack_loads_and_its_rules_say_what_they_do() -> None:
    parsed = [rule for rule in load_rules() if rule.pack == "parsed"]
    assert len(parsed) >= 6
    assert all(rule.parsed is not None and rule.message_zh and rule.description for rule in parsed)


@needs_model
def test_token_at_finds_the_token_of_a_span_only_when_it_is_one_token() -> None:
    analysis = analyse("I can't go.")
    assert in_sentence.token_at(analysis, 8, 10).text == "go"
    assert in_sentence.token_at(analysis, 2, 7) is None  # "can't" is two tokens
