"""Packaging is part of the product: the built wheel carries templates and data and grades a letter."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("lihua-*.whl"))


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory):
    """A clean venv with only the wheel (and its dependencies) installed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(wheel)], check=True, capture_output=True, timeout=900)
    return venv


@pytest.mark.slow
def test_wheel_contains_templates_and_package_data(wheel) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("lihua/reply/templates/") for n in names), "reply templates must ship in the wheel"
    assert any(n.startswith("lihua/render/templates/report/") for n in names), "report templates must ship in the wheel"
    assert "lihua/cli/app.py" in names
    # lihua's own English model ships inside the wheel, under its own licence (CC BY-SA, the treebank credited)
    assert {"lihua/text/model/LICENSE.md", "lihua/text/model/en_lihua_ewt/meta.json",
            "lihua/text/model/en_lihua_ewt/parser/model", "lihua/text/model/en_lihua_ewt/accuracy.json"} <= set(names)


@pytest.mark.slow
def test_installed_wheel_grades_a_letter(installed, tmp_path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Tom,\n\nHe go to school with Li Hua.\n\nYours,\nLi Hua\n", encoding="utf-8")
    result = subprocess.run([str(installed / "bin" / "lihua"), "grade", str(letter), "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert any(f["text"] == "go" for f in data["findings"])


@pytest.mark.slow
def test_installed_wheel_parses_with_its_own_model(installed, tmp_path) -> None:
    code = ("from lihua.text.analysis import MODEL_DIR, analyse; a = analyse('The people who lives here are kind.'); "
            "print(MODEL_DIR); print(' '.join(t.tag for t in a.tokens))")
    result = subprocess.run([str(installed / "bin" / "python"), "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    model_dir, tags = result.stdout.splitlines()
    assert "site-packages" in model_dir  # the installed package's copy, not the checkout's
    assert tags.split()[:4] == ["DT", "NNS", "WP", "VBZ"]


@pytest.mark.slow
def test_wheel_ships_reply_and_model_templates_and_the_glossary(wheel) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"lihua/reply/templates/reply/_parts.txt.j2", "lihua/reply/templates/reply/generic-1.txt.j2",
            "lihua/reply/templates/model/_layout.txt.j2", "lihua/data/glossary.yaml"} <= names


@pytest.mark.slow
def test_installed_wheel_writes_a_reply(installed, tmp_path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Chris,\n\nI'm writing to invite you to make zongzi and eat 月饼 with us next Friday at 2 p.m.\n\n"
                      "Yours,\nLi Hua\n", encoding="utf-8")
    result = subprocess.run([str(installed / "bin" / "lihua"), "reply", str(letter), "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)["reply"]
    assert reply["template"].startswith("reply/invitation-")
    assert "zongzi (粽子, zòngzi" in reply["text"] and "月饼 (yuèbǐng" in reply["text"]
    assert "next Friday at 2 p.m." in reply["text"] and reply["text"].rstrip().endswith("Chris")
