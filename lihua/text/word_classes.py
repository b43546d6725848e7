"""Word classes by name (modals, determiners, time nouns …), read from lihua/data/word_classes.yaml.

Why: the checks and scorers all need the same small classes of English words; declared once as
data, a class cannot drift between two modules, and a teacher can read what lihua counts as what.
A class is a list of words, or {include: [classes], words: [...], except: [...]}.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

DATA_FILE = "word_classes.yaml"
CLASS_KEYS = ("include", "words", "except")


class WordClassError(ValueError):
    """word_classes.yaml names a class it does not define, or holds something that is not a word."""


@lru_cache(maxsize=1)
def _classes() -> dict[str, Any]:
    from lihua.io.yaml_data import data_file

    data = data_file(DATA_FILE)
    if not isinstance(data, dict):
        raise WordClassError(f"{DATA_FILE}: expected a mapping of class names to words")
    return data


def _words(where: str, value: Any) -> list[str]:
    """The texts of a list, refusing what YAML read as something else (a bare `no` is false)."""
    if not isinstance(value, list) or not all(isinstance(word, str) and word for word in value):
        raise WordClassError(f"{DATA_FILE}: {where} must be a list of quoted words, got {value!r}")
    return value


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The words of class `name` in the file's order (included classes first), without repeats."""
    return tuple(dict.fromkeys(resolve(_classes(), name)))


@cache
def word_class(name: str) -> frozenset[str]:
    """The words of class `name`, for membership tests."""
    return frozenset(word_list(name))


def resolve(classes: dict[str, Any], name: str, seen: tuple[str, ...] = ()) -> list[str]:
    """The words of `name` in `classes` (the data file's mapping), its includes written out."""
    if name not in classes:
        raise WordClassError(f"{DATA_FILE}: no word class '{name}'" + (f" (included by '{seen[-1]}')" if seen else ""))
    if name in seen:
        raise WordClassError(f"{DATA_FILE}: '{name}' includes itself ({' → '.join((*seen, name))})")
    value = classes[name]
    if not isinstance(value, dict):
        return list(_words(name, value))
    unknown = sorted(set(value) - set(CLASS_KEYS))
    if unknown:
        raise WordClassError(f"{DATA_FILE}: '{name}' has unknown key(s) {', '.join(unknown)}; "
                             f"known: {', '.join(CLASS_KEYS)}")
    words = [w for included in _words(f"{name}.include", value.get("include", []))
             for w in resolve(classes, included, (*seen, name))]
    words += _words(f"{name}.words", value.get("words", []))
    left_out = set(_words(f"{name}.except", value.get("except", [])))
    return [w for w in words if w not in left_out]


def class_names() -> tuple[str, ...]:
    """Every class the data file defines."""
    return tuple(_classes())
