"""The false-alarm benchmark reads its correct texts from the folder --eval names (a worktree has no ../shared)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "false_alarms.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("false_alarms_benchmark", _PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpora_reads_the_named_eval_folder(tmp_path: Path) -> None:
    (tmp_path / "gaokao_corrections_dev.jsonl").write_text(
        json.dumps({"corrected": "We planted two trees in the yard."}) + "\n", encoding="utf-8")
    (tmp_path / "jfleg_dev.jsonl").write_text(
        json.dumps({"references": ["The shop opens at nine.", "The shop is open at nine."]}) + "\n", encoding="utf-8")
    found = _benchmark().corpora(tmp_path)
    assert found["gaokao dev, corrected"] == ["We planted two trees in the yard."]
    assert found["JFLEG dev, references"] == ["The shop opens at nine.", "The shop is open at nine."]


def test_missing_eval_folder_gives_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["false_alarms.py", "--eval", str(tmp_path / "nowhere")])
    with pytest.raises(SystemExit) as stop:
        _benchmark().main()
    assert stop.value.code == 1
    assert capsys.readouterr().err.strip() == f"no eval folder at {tmp_path / 'nowhere'}: pass --eval DIR"
