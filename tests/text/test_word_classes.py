"""Word classes are data (lihua/data/word_classes.yaml): each declared once, none written in Python."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lihua.text.word_classes import WordClassError, class_names, resolve, word_class, word_list
from tests.support import ROOT

PACKAGE = ROOT / "lihua"
WORD = re.compile(r"[a-z][a-z'’ -]*")
#: Literal collections of lower-case words that are not English word knowledge, and why.
NOT_WORD_LISTS = {
    ("lihua/batch/worker.py", "number"): "the keys a score's band may be stored under (a file format)",
    ("lihua/checks/rule_schema.py", "id"): "the keys every rule must have (the pack schema)",
    ("lihua/text/names.py", "lu"): "pinyin spelling: ü is written u after j, q, x, y",
    ("lihua/scoring/features.py", "grammar"): "finding categories the language score weighs (the report's own names)",
    ("lihua/scoring/complexity.py", "relative clause"): "the names of the structures it counts (report keys, on main)",
    ("lihua/checks/parsed/participles.py", "obj"): "UD relation labels of the parse, not English words",
}


def literal_word_lists(path: Path) -> list[tuple[int, list[str]]]:
    """(line, words) of each set/list/tuple literal of five or more lower-case words in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typed = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)
             and getattr(node.value, "id", "") == "Literal"}  # Literal["invitation", …] is a type
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)) and id(node) not in typed and len(node.elts) >= 5:
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) == len(node.elts) and all(WORD.fullmatch(w) for w in words):
                found.append((node.lineno, words))
    return found


def test_no_english_word_list_is_written_in_python() -> None:
    offending = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        offending += [f"{name}:{line}: {' '.join(words[:6])} …" for line, words in literal_word_lists(path)
                      if (name, words[0]) not in NOT_WORD_LISTS]
    assert not offending, "word lists belong in lihua/data/word_classes.yaml (or a check's YAML):\n" + "\n".join(offending)


def test_the_scan_sees_a_word_list(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('MODALS = {"can", "could", "will", "would", "must"}\nKIND = Literal["a", "b", "c", "d", "e"]\n')
    assert literal_word_lists(module) == [(1, ["can", "could", "will", "would", "must"])]


def test_every_class_named_in_code_exists_and_every_class_is_used() -> None:
    named = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("word_class", "word_list") \
                    and node.args and isinstance(node.args[0], ast.Constant):
                named.add(node.args[0].value)
    included = {inc for name in class_names() for inc in _includes(name)}
    assert named <= set(class_names()), sorted(named - set(class_names()))
    assert set(class_names()) <= named | included, sorted(set(class_names()) - named - included)


def _includes(name: str) -> list[str]:
    from lihua.text.word_classes import _classes

    value = _classes()[name]
    return value.get("include", []) if isinstance(value, dict) else []


def test_every_class_is_a_set_of_words() -> None:
    for name in class_names():
        words = word_list(name)
        assert words and all(isinstance(w, str) and w == w.strip() for w in words), name
        assert word_class(name) == frozenset(words)


def test_shared_classes_hold_what_the_checks_rely_on() -> None:
    assert word_class("modals") == {"can", "could", "will", "would", "shall", "should", "may", "might", "must"}
    assert word_class("finite_auxiliaries") == word_class("be_have_do") | word_class("modals")
    assert "it" in word_class("subject_pronouns") and "it" not in word_class("person_object_pronouns")
    assert "no" in word_class("determiners")  # quoted in the YAML, else it would be read as false


def test_include_words_and_except_compose_in_order() -> None:
    classes = {"a": ["x", "y"], "b": {"include": ["a"], "words": ["z", "x"], "except": ["y"]}}
    assert resolve(classes, "b") == ["x", "z", "x"]


@pytest.mark.parametrize(("classes", "message"), [
    ({"a": ["x", False]}, "must be a list of quoted words"),
    ({"a": {"include": ["b"]}}, "no word class 'b' (included by 'a')"),
    ({"a": {"include": ["a"]}}, "'a' includes itself"),
    ({"a": {"word": ["x"]}}, "unknown key(s) word"),
])
def test_a_broken_class_is_one_clear_error(classes: dict, message: str) -> None:
    with pytest.raises(WordClassError, match=re.escape(message)):
        resolve(classes, "a")


def test_no_class_is_declared_twice() -> None:
    """YAML keeps the last of two equal keys without a word: a class declared twice is half lost."""
    from lihua.io.yaml_lines import parse

    for name in ("word_classes.yaml", "parsed_words.yaml"):
        parsed = parse((PACKAGE / "data" / name).read_text(encoding="utf-8"))
        assert parsed.duplicates == [], f"{name}: {parsed.duplicates}"
