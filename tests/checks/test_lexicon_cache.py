"""lihua's caches (lemminflect's tables, the rules): written once, read after, and never trusted blindly."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys

import pytest

from lihua.checks.rulebook import (
    _built_in_key,
    _built_in_packs,
    _built_in_rules,
    load_pack,
    rules_from_data,
    rules_to_data,
)
from lihua.io.cache import read_table

PROBE = ("from lihua.checks import lexicon; "
         "print(sorted(lexicon.verb_tags('went')), lexicon.verb_form('begun', 'VBD'), lexicon.plural_of('child'))")


def _probe(home) -> str:
    env = {**os.environ, "LIHUA_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          check=True, timeout=120).stdout


def test_first_run_writes_the_cache_and_later_runs_give_the_same_answers(tmp_path) -> None:
    first = _probe(tmp_path)
    cached = sorted((tmp_path / "cache").glob("lemminflect-*.table"))
    assert len(cached) == 2 and all(path.stat().st_size > 100_000 for path in cached)
    assert _probe(tmp_path) == first == "['VBD'] began children\n"


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path, monkeypatch) -> None:
    _probe(tmp_path)
    lemmas, inflections = sorted((tmp_path / "cache").glob("lemminflect-*.table"))
    lemmas.write_bytes(b"not a table")
    inflections.write_bytes(inflections.read_bytes()[:-10] + b"0123456789")  # the same size, other bytes
    assert _probe(tmp_path) == "['VBD'] began children\n"
    monkeypatch.setenv("LIHUA_HOME", str(tmp_path))
    assert read_table(lemmas.name) is not None and read_table(inflections.name) is not None


RULES_PROBE = ("from lihua.checks.rulebook import run_rules; "
               "print(sorted(f.rule_id for f in run_rules('He can went to school. I dont know.')))")


def test_rule_triggers_cached_or_not_give_the_same_findings(tmp_path) -> None:
    env = {**os.environ, "LIHUA_HOME": str(tmp_path)}

    def probe() -> str:
        return subprocess.run([sys.executable, "-c", RULES_PROBE], capture_output=True, text=True, env=env,
                              check=True, timeout=120).stdout

    first = probe()
    assert "learner.verb.modal-base" in first
    triggers = next((tmp_path / "cache").glob("rule-triggers-*.marshal"))
    rules = next((tmp_path / "cache").glob("rules-*.marshal"))
    assert probe() == first
    rules.write_bytes(b"\x00garbage")  # the rules are read from the packs again, their triggers from the cache
    assert probe() == first
    triggers.write_bytes(b"\x00garbage")
    rules.write_bytes(b"\x00garbage")
    assert probe() == first
    assert marshal.loads(rules.read_bytes())[0] == _built_in_key(_built_in_packs())


def test_cached_rules_are_the_rules_the_packs_give() -> None:
    fresh = tuple(rule for file, text in _built_in_packs() for rule in load_pack(text, file))
    assert rules_from_data(rules_to_data(fresh)) == fresh == _built_in_rules()


def test_a_cached_rule_of_another_shape_is_refused() -> None:
    data = rules_to_data(_built_in_rules()[:1])
    with pytest.raises(ValueError):
        rules_from_data((data[0][:-1],))


def test_the_rules_cache_key_changes_with_a_pack() -> None:
    packs = _built_in_packs()
    edited = [(packs[0][0], packs[0][1] + "\n# a comment\n"), *packs[1:]]
    assert _built_in_key(edited) != _built_in_key(packs)
