"""One engine registry (lihua.engines.ENGINES): config validation, the CLI's --engine help,
`lihua doctor` and the pipeline all read it, so an engine registered there is known everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lihua.cli.app import app
from lihua.config import ConfigError, load_config
from lihua.engines import ENGINES, EngineInfo, EngineUnavailable, build_engine, default_engines, engine_help
from lihua.grading.pipeline import grade
from tests.engines.fake_engine import RULE_ID

LETTER = "Dear Chris,\n\nI will zzz come to your party on Sunday.\n\nYours,\nLi Hua\n"


@pytest.fixture
def fake_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENGINES, "fake", EngineInfo("fake", "a test engine", default=False,
                                                    module="tests.engines.fake_engine"))


def test_the_registry_names_harper_as_the_default_and_languagetool_as_optional() -> None:
    assert list(ENGINES) == ["harper", "languagetool"] and default_engines() == ("harper",)
    assert engine_help() == "Engines, comma-separated: harper, languagetool (default: harper)."


def test_config_defaults_and_validation_come_from_the_registry(tmp_path: Path, fake_registered: None) -> None:
    assert load_config(cwd=tmp_path, env={})["engines"] == ["harper"]
    (tmp_path / "lihua.toml").write_text('engines = ["harper", "fake"]\n', encoding="utf-8")
    assert load_config(cwd=tmp_path, env={})["engines"] == ["harper", "fake"]
    (tmp_path / "lihua.toml").write_text('engines = ["nope"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown engine nope; choose from: harper, languagetool, fake"):
        load_config(cwd=tmp_path, env={})


def test_the_pipeline_builds_a_registered_engine(fake_registered: None) -> None:
    report = grade(LETTER, engines=["fake"])
    zzz = [f for f in report.findings if f.rule_id == RULE_ID]
    assert [f.text for f in zzz] == ["zzz"] and not report.failed_engines


def test_an_unregistered_engine_is_unavailable_with_the_registered_names() -> None:
    with pytest.raises(EngineUnavailable, match="unknown engine nope; choose from: harper, languagetool"):
        build_engine("nope")


def test_doctor_checks_every_registered_engine(runner, fake_registered: None, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no lihua.toml above: only the defaults ask for engines
    monkeypatch.delenv("LIHUA_LT_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-install"))
    result = runner.invoke(app, ["doctor", "--format", "json"])
    engines = json.loads(result.stdout)["engines"]
    assert list(engines) == ["harper", "languagetool", "fake"]
    assert engines["fake"] == {"available": True, "asked_for": False, "detail": "fake engine checked 24 characters"}
    assert engines["harper"]["asked_for"] is True


def test_grade_and_batch_help_list_the_registered_engines(runner) -> None:
    for command in ("grade", "batch"):
        shown = " ".join(runner.invoke(app, [command, "--help"]).stdout.split())
        assert "harper, languagetool (default: harper)" in shown, command


@pytest.mark.parametrize(("argv", "names"), [
    (["lihua", "grade", "a.txt"], ("harper",)),
    (["lihua", "grade", "a.txt", "--engine", "languagetool"], ("languagetool",)),
    (["lihua", "grade", "a.txt", "--engine=harper,languagetool"], ("harper", "languagetool")),
    (["lihua", "grade", "--help"], ()),
    (["lihua", "prompts", "list"], ()),
])
def test_the_entry_point_prewarms_the_engines_the_command_will_use(argv: list[str], names: tuple[str, ...]) -> None:
    from lihua.entry import engines_to_prewarm

    assert engines_to_prewarm(argv) == names


def test_the_entry_point_prewarms_the_registrys_defaults(fake_registered: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from lihua.entry import engines_to_prewarm

    monkeypatch.setitem(ENGINES, "fake", EngineInfo("fake", "a test engine", default=True, module="tests.engines.fake_engine"))
    assert engines_to_prewarm(["lihua", "grade", "a.txt"]) == ("harper", "fake")


def test_a_registered_engines_rule_ids_are_names_disable_takes(fake_registered: None) -> None:
    from lihua.grading.rule_names import UnknownRuleName, check_disable, known_names

    known_names.cache_clear()
    try:
        check_disable([RULE_ID, "fake", "harper", "languagetool.SOME_RULE"])  # "fake": the dotted prefix of its id
        with pytest.raises(UnknownRuleName, match="did you mean 'fake.Zzz'"):
            check_disable(["fake.Zz"])
    finally:
        known_names.cache_clear()  # the real registry again for the tests after this one
    assert not [f for f in grade(LETTER, engines=["fake"], disabled=[RULE_ID]).findings if f.rule_id == RULE_ID]
