"""The one grading service: a GradeRequest built from the merged settings, and grade_request()."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from lihua.config import load_config
from lihua.grading.service import GradeRequest, RequestError, grade_request
from lihua.reply.result import Reply
from lihua.scoring.result import Score
from tests.support import ROOT

SAMPLE = (ROOT / "examples" / "letter.txt").read_text(encoding="utf-8")
PROMPT = "invite-dragon-boat"
THERE_HAVE = "learner.there-be.have"  # the sample letter's "There have many students"
CLASS_PACK = """\
rules:
  - id: class.word.dragon-boat
    category: word-choice
    severity: warning
    description: our class writes "dragon boat" as two words
    message: our class's word check
    pattern: '\\bdragon\\s+boat\\b'
    examples:
      - {bad: "We watch the dragon boat race."}
      - {good: "We watch the race."}
"""


def config_in(folder: Path, toml: str, **cli: object):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lihua.toml").write_text(toml, encoding="utf-8")
    return load_config(cli, cwd=folder, env={})


def test_the_request_is_what_lihua_toml_says(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "class.yaml").write_text(CLASS_PACK, encoding="utf-8")
    config = config_in(tmp_path / "class3", f'prompt = "{PROMPT}"\nscale = 25\ndisable = ["{THERE_HAVE}"]\n'
                                            'rules_dirs = ["../rules"]\nengines = ["harper"]\n')
    request = GradeRequest.from_config(config, reply=True)
    assert request.prompt_id == PROMPT and request.scale == 25 and request.reply
    assert request.disabled == (THERE_HAVE,) and request.engines == ("harper",)
    assert request.rule_dirs == (str((tmp_path / "rules").resolve()),)
    report = grade_request(SAMPLE, request)
    ids = {f.rule_id for f in report.findings}
    assert THERE_HAVE not in ids and "class.word.dragon-boat" in ids and report.score.scale == 25
    plain = grade_request(SAMPLE, GradeRequest.from_config(load_config(cwd=tmp_path, env={}), prompt=request.prompt))
    assert THERE_HAVE in {f.rule_id for f in plain.findings} and plain.score.scale == 15  # the toml made the difference


def test_the_command_line_wins_over_lihua_toml(tmp_path: Path) -> None:
    config = config_in(tmp_path, "scale = 25\n", scale=15)
    assert GradeRequest.from_config(config).scale == 15


@pytest.mark.parametrize(("toml", "message"), [
    ('prompt = "invite-dragon-bot"\n', "did you mean"),
    ('rules_dirs = ["empty"]\n', "a rule pack cannot be used"),
])
def test_settings_that_cannot_grade_are_one_request_error(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(RequestError, match=message):
        GradeRequest.from_config(config_in(tmp_path, toml))


def test_an_unknown_scale_or_engine_from_the_command_line_is_a_request_error(tmp_path: Path) -> None:
    with pytest.raises(RequestError, match="--scale must be 15 or 25, not 20"):
        GradeRequest.from_config(load_config({"scale": 20}, cwd=tmp_path, env={}))
    with pytest.raises(RequestError, match="unknown engine nope; choose from: harper, languagetool"):
        GradeRequest.from_config(load_config({"engines": ["nope"]}, cwd=tmp_path, env={}))


def test_score_and_reply_are_typed_fields_with_one_json_shape(tmp_path: Path) -> None:
    request = GradeRequest.from_config(load_config({"prompt": PROMPT}, cwd=tmp_path, env={}), reply=True)
    report = grade_request(SAMPLE, request)
    assert isinstance(report.score, Score) and isinstance(report.reply, Reply)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["score"] == json.loads(json.dumps(report.score.to_dict()))
    assert data["reply"] == json.loads(json.dumps(report.reply.to_dict()))
    assert report.reply.signer == "Chris" and report.reply_error is None


def test_no_reply_asked_for_means_no_reply_key(tmp_path: Path) -> None:
    report = grade_request(SAMPLE, GradeRequest())
    assert report.reply is None and "reply" not in report.to_dict() and "score" in report.to_dict()


def test_a_reply_that_cannot_be_written_is_null_with_its_reason(tmp_path: Path) -> None:
    request = GradeRequest(reply=True, templates_dir=str(tmp_path / "no-such-folder"))
    report = grade_request(SAMPLE, request)
    assert report.reply is None and "does not exist" in report.reply_error
    data = report.to_dict()
    assert data["reply"] is None and data["notes"][-1] == f"reply: {report.reply_error}"
    assert report.notes == []  # the engines' notes only: the commands print these as warnings


def test_the_request_survives_the_trip_to_a_batch_worker(tmp_path: Path) -> None:
    request = GradeRequest.from_config(load_config({"prompt": PROMPT, "scale": 25}, cwd=tmp_path, env={}), reply=True)
    copy = pickle.loads(pickle.dumps(request))
    assert copy == request and copy.prompt.id == PROMPT
    assert grade_request(SAMPLE, copy).to_dict() == grade_request(SAMPLE, request).to_dict()
