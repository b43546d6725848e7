"""docs/rules.md, rule-language.md and commands.md are generated from the code; CI keeps them current."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lihua.checks import all_rule_ids, chinese_text
from lihua.checks.rulebook import PREDICATES, TRANSFORMS
from lihua.devtools.docs import PAGES, ExampleError, code_findings, generate
from lihua.devtools.docs.__main__ import main
from lihua.devtools.docs.commands_page import commands, help_text
from lihua.devtools.docs.language_page import VocabularyError, check_vocabulary, descriptions, vocabulary
from lihua.devtools.docs.markdown import COMMAND
from tests.support import ROOT, run_lihua

DOCS = ROOT / "docs"


def _differences(expected: str, actual: str, name: str) -> str:
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"docs/{name}", f"generated {name}",
                                lineterm="", n=1)
    return "\n".join(list(diff)[:40])


def test_docs_are_up_to_date(tmp_path: Path) -> None:
    """The command run in a fresh process (its own hash seed) gives exactly the committed pages."""
    env = {**os.environ, "PYTHONHASHSEED": "12345", "COLUMNS": "200"}
    subprocess.run([sys.executable, "-m", "lihua.devtools.docs", "--out", str(tmp_path)], check=True,
                   capture_output=True, cwd=ROOT, env=env, timeout=120)
    stale = []
    for name in PAGES:
        committed = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).is_file() else ""
        generated = (tmp_path / name).read_text(encoding="utf-8")
        if committed != generated:
            stale.append(f"docs/{name} is out of date: run `{COMMAND}`\n{_differences(committed, generated, name)}")
    assert not stale, "\n\n".join(stale)


def test_check_names_a_stale_page_and_passes_a_current_one(tmp_path: Path, capsys) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert main(["--out", str(tmp_path), "--check"]) == 0
    page = tmp_path / "commands.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert main(["--out", str(tmp_path), "--check"]) == 1
    assert f"commands.md is out of date: run `{COMMAND}`" in capsys.readouterr().err


def test_every_rule_and_every_check_in_code_has_its_section() -> None:
    page = generate()["rules.md"]
    headings = {line[4:] for line in page.splitlines() if line.startswith("### ")}
    assert set(all_rule_ids()) <= headings
    from lihua.checks.named_checks import NAMED_CHECKS

    assert set(NAMED_CHECKS) <= headings


def test_every_word_of_the_rule_language_is_described() -> None:
    page = generate()["rule-language.md"]
    for word in [*PREDICATES, *TRANSFORMS, *vocabulary()["rule_keys"]]:
        assert f"| `{word}` | " in page, word


def test_a_word_without_a_description_or_a_description_without_a_word_is_refused() -> None:
    words = {**vocabulary(), "predicates": [*PREDICATES, "verb-modal"]}
    described = descriptions()
    described["transforms"] = {**described["transforms"], "unheard-of": "Nothing the code has."}
    with pytest.raises(VocabularyError) as refused:
        check_vocabulary(words, described)
    assert "'verb-modal' has no description" in str(refused.value)
    assert "'unheard-of' is described but the code has no such word" in str(refused.value)
    check_vocabulary(vocabulary(), descriptions())  # the real pair matches


def test_an_example_of_a_check_in_code_that_no_longer_holds_stops_the_page(monkeypatch) -> None:
    monkeypatch.setitem(chinese_text.EXAMPLES, "punctuation.full-width", ("Dear Chris, I am Li Hua.", "Fine."))
    with pytest.raises(ExampleError, match="does not flag its example"):
        code_findings()


def test_every_command_is_on_the_commands_page() -> None:
    from typer.main import get_command

    from lihua.cli.app import app

    page = generate()["commands.md"]
    paths = [" ".join(path) for path, _ in commands(get_command(app))]
    assert {"lihua grade", "lihua rules check", "lihua history export"} <= set(paths)
    for path in paths:
        assert f"\n## {path}\n" in page


def test_the_page_shows_the_help_an_80_column_terminal_shows() -> None:
    from typer.main import get_command

    from lihua.cli.app import app

    shown = run_lihua("rules", "list", "--help", env={"COLUMNS": "80"})
    assert shown.returncode == 0
    assert shown.stdout.decode() == help_text(get_command(app), ("lihua", "rules", "list")) + "\n"  # echo ends the line


def test_the_readme_points_at_the_generated_pages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in PAGES:
        assert f"(docs/{name})" in readme, name
