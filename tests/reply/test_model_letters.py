"""Every bundled prompt has a model letter, and every model letter passes lihua's own grading:
zero error-level findings, within the word limit, every content point covered, top band."""

from __future__ import annotations

import json
import re

import pytest

from lihua.cli.app import app
from lihua.grading.pipeline import grade
from lihua.prompts import load_bank
from lihua.reply.context import points_covered
from lihua.reply.model_letter import write_model

BANK = load_bank(use_env=False)
PROMPT_IDS = sorted(BANK.prompts)


def _band(report) -> int | None:
    """The score's band as a number, whether the scorer gives a dict, an object, or a band with a descriptor."""
    score = report.score
    if score is None:
        return None
    band = score["band"] if isinstance(score, dict) else score.band
    for _ in range(3):
        if isinstance(band, int):
            return band
        if hasattr(band, "to_dict"):
            band = band.to_dict()
        if isinstance(band, dict):
            band = next((band[k] for k in ("number", "band", "level", "value") if k in band), str(band))
        elif not isinstance(band, str | int):
            band = next((getattr(band, k) for k in ("number", "level", "value") if hasattr(band, k)), str(band))
        if isinstance(band, str):
            digits = re.search(r"\d+", band)
            return int(digits.group()) if digits else None
    return None


@pytest.mark.parametrize("prompt_id", PROMPT_IDS)
def test_model_letter_grades_in_the_top_band_with_no_errors(prompt_id: str) -> None:
    prompt = BANK.get(prompt_id)
    letter = write_model(prompt)
    assert not letter.is_outline, f"add templates/model/{prompt_id}.txt.j2"
    report = grade(letter.text, prompt=prompt)
    errors = [f"{f.rule_id} '{f.text}': {f.message}" for f in report.findings if f.severity.value == "error"]
    assert report.count_errors() == 0, errors
    assert prompt.word_limit.min <= report.word_count <= prompt.word_limit.max
    assert [p["id"] for p in points_covered(letter.text, prompt) if not p["covered"]] == []
    band = _band(report)
    assert band is None or band == 5, report.score


@pytest.mark.parametrize("prompt_id", PROMPT_IDS)
def test_model_letter_uses_the_prompts_opening_and_closing(prompt_id: str) -> None:
    prompt = BANK.get(prompt_id)
    text = write_model(prompt).text
    assert text.startswith(prompt.given_opening or f"Dear {prompt.recipient},")
    assert text.rstrip().endswith((prompt.given_closing or "Li Hua").strip())


def test_a_prompt_without_a_model_gets_an_outline_and_a_note(runner, tmp_path) -> None:
    source = (BANK.sources["invite-dragon-boat"]).read_text(encoding="utf-8")
    (tmp_path / "my-party.yaml").write_text(source.replace("id: invite-dragon-boat", "id: my-class-party"), encoding="utf-8")
    result = runner.invoke(app, ["model", "my-class-party", "--prompts-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert "has no model letter yet" in result.stderr
    assert result.stdout.startswith("Dear Chris,") and "the time and place of the activities" in result.stdout


def test_cli_model_prints_the_letter(runner) -> None:
    result = runner.invoke(app, ["model", "invite-dragon-boat"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == write_model(BANK.get("invite-dragon-boat")).text


@pytest.mark.parametrize("prompt_id", PROMPT_IDS)
def test_a_model_letter_and_the_reply_to_it_have_no_spelling_finding(prompt_id: str) -> None:
    """Graded with or without its task, a model letter has no spelling finding, nor has any reply
    variant the pen pal writes to it: the Chinese names and terms lihua writes are never misspellings."""
    from typer.testing import CliRunner

    runner = CliRunner()
    model = runner.invoke(app, ["model", prompt_id])
    assert model.exit_code == 0, model.output
    texts = {"model": model.stdout}
    for seed in range(3):
        reply = runner.invoke(app, ["reply", "-", "--prompt", prompt_id, "--seed", str(seed)], input=model.stdout)
        assert reply.exit_code == 0, reply.output
        texts[f"reply {seed}"] = reply.stdout
    for options in ((), ("--prompt", prompt_id)):
        for name, text in texts.items():
            graded = runner.invoke(app, ["grade", "-", "--format", "json", *options], input=text)
            spelling = [f"{f['rule_id']} {f['text']!r}" for f in json.loads(graded.stdout)["findings"]
                        if f["category"] == "spelling"]
            assert spelling == [], f"{name} {options}: {spelling}"
