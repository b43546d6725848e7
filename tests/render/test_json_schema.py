"""The JSON report is `"schema": 1`: fields may be added, never renamed or removed.

The key sets in tests/fixtures/schema were written from the reports of `lihua grade --format json`
and `lihua batch` (reports.jsonl) before the score and the reply became typed fields; every key
path they list must still be there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lihua.cli.app import app
from tests.support import FIXTURES, ROOT

SAMPLE = ROOT / "examples" / "letter.txt"
PROMPT = "invite-dragon-boat"


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key of a JSON value as a dotted path; list items share one `[]` step."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            here = f"{prefix}.{key}" if prefix else key
            paths |= {here, *key_paths(inner, here)}
    elif isinstance(value, list):
        for inner in value:
            paths |= key_paths(inner, f"{prefix}[]")
    return paths


def recorded(name: str) -> set[str]:
    return set((FIXTURES / "schema" / name).read_text(encoding="utf-8").split())


def test_key_paths_walks_dicts_and_lists() -> None:
    assert key_paths({"a": {"b": 1}, "c": [{"d": 2}, {"e": 3}]}) == {"a", "a.b", "c", "c[].d", "c[].e"}


def test_grade_json_keeps_every_schema_1_key(runner) -> None:
    result = runner.invoke(app, ["grade", str(SAMPLE), "--prompt", PROMPT, "--reply", "--format", "json"])
    assert result.exit_code == 0, result.output
    missing = recorded("grade_prompt_reply_keys.txt") - key_paths(json.loads(result.stdout))
    assert not missing, f"schema 1 keys removed or renamed: {sorted(missing)}"


def test_batch_jsonl_keeps_every_schema_1_key(runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(SAMPLE), "--prompt", PROMPT, "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    line = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()[0]
    missing = recorded("batch_prompt_reply_keys.txt") - key_paths(json.loads(line))
    assert not missing, f"schema 1 keys removed or renamed: {sorted(missing)}"
