"""The lemminflect table cache: written once, read after, and never trusted blindly."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = ("from lihua.checks import lexicon; "
         "print(sorted(lexicon.verb_tags('went')), lexicon.verb_form('begun', 'VBD'), lexicon.plural_of('child'))")


def _probe(home) -> str:
    env = {**os.environ, "LIHUA_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          check=True, timeout=120).stdout


def test_first_run_writes_the_cache_and_later_runs_give_the_same_answers(tmp_path) -> None:
    first = _probe(tmp_path)
    cached = list((tmp_path / "cache").glob("lemminflect-*.marshal"))
    assert len(cached) == 1 and cached[0].stat().st_size > 1_000_000
    assert _probe(tmp_path) == first == "['VBD'] began children\n"


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path) -> None:
    _probe(tmp_path)
    cached = next((tmp_path / "cache").glob("lemminflect-*.marshal"))
    cached.write_bytes(b"not marshal data")
    assert _probe(tmp_path) == "['VBD'] began children\n"
    assert cached.stat().st_size > 1_000_000


RULES_PROBE = ("from lihua.checks.rulebook import run_rules; "
               "print(sorted(f.rule_id for f in run_rules('He can went to school. I dont know.')))")


def test_rule_triggers_cached_or_not_give_the_same_findings(tmp_path) -> None:
    env = {**os.environ, "LIHUA_HOME": str(tmp_path)}

    def probe() -> str:
        return subprocess.run([sys.executable, "-c", RULES_PROBE], capture_output=True, text=True, env=env,
                              check=True, timeout=120).stdout

    first = probe()
    assert "learner.verb.modal-base" in first
    cached = next((tmp_path / "cache").glob("rule-triggers-*.marshal"))
    assert probe() == first
    cached.write_bytes(b"\x00garbage")
    assert probe() == first
