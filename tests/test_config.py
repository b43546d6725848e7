"""lihua.toml / [tool.lihua]: found from the working folder upward; command line > environment > file > default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lihua.config import ConfigError, find_config_file, load_config
from tests.support import FIXTURES, run_lihua

LETTER = FIXTURES / "batch" / "01_wang_fang.txt"
NO_ENV: dict[str, str] = {}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_command_line_beats_environment_beats_file_beats_default(tmp_path: Path) -> None:
    write(tmp_path / "lihua.toml", 'prompt = "invite-dragon-boat"\nscale = 25\ndisable = ["punctuation"]\n'
                                   'lt_url = "http://file:8081"\njobs = 3\n')
    config = load_config({"prompt": "thank-host-family", "jobs": None, "disable": []}, cwd=tmp_path,
                         env={"LIHUA_LT_URL": "http://env:8081"})
    assert config["prompt"] == "thank-host-family" and config.settings["prompt"].source == "command line"
    assert config["lt_url"] == "http://env:8081" and config.settings["lt_url"].source == "env LIHUA_LT_URL"
    assert config["scale"] == 25 and config.settings["scale"].source == str(tmp_path / "lihua.toml")
    assert config["jobs"] == 3  # None on the command line means "not given"
    assert config["disable"] == ["punctuation"]  # so does an empty list
    assert config["engines"] == ["harper"] and config.settings["engines"].source == "default"


def test_the_nearest_file_upward_wins_and_lihua_toml_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "lihua.toml", 'prompt = "invite-dragon-boat"\n')
    write(tmp_path / "school" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.lihua]: keep looking
    nested = tmp_path / "school" / "class3" / "week1"
    nested.mkdir(parents=True)
    path, table = find_config_file(nested)
    assert path == tmp_path / "lihua.toml" and table == {"prompt": "invite-dragon-boat"}

    write(tmp_path / "school" / "class3" / "pyproject.toml", '[tool.lihua]\nprompt = "thank-host-family"\n')
    config = load_config(cwd=nested, env=NO_ENV)
    assert config["prompt"] == "thank-host-family"
    assert config.settings["prompt"].source.endswith("pyproject.toml [tool.lihua]")

    write(tmp_path / "school" / "class3" / "lihua.toml", 'prompt = "advise-exam-stress"\n')
    assert load_config(cwd=nested, env=NO_ENV)["prompt"] == "advise-exam-stress"


def test_prompts_dir_is_relative_to_the_config_file(tmp_path: Path) -> None:
    write(tmp_path / "lihua.toml", 'prompts_dir = "my-prompts"\nengines = "harper, languagetool"\n')
    (tmp_path / "sub").mkdir()
    config = load_config(cwd=tmp_path / "sub", env=NO_ENV)
    assert config["prompts_dir"] == [str((tmp_path / "my-prompts").resolve())]
    assert config["engines"] == ["harper", "languagetool"]


@pytest.mark.parametrize(("text", "expected"), [
    ('promt = "x"\n', "unknown key 'promt'"),
    ("scale = 20\n", "scale must be 15 or 25"),
    ('jobs = "many"\n', "jobs must be a whole number"),
    ('engines = ["grammarly"]\n', "unknown engine grammarly"),
    ("prompt = [\n", "not valid TOML"),
])
def test_a_bad_config_file_is_named_with_the_key_and_the_fix(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / "lihua.toml", text)
    with pytest.raises(ConfigError) as error:
        load_config(cwd=tmp_path, env=NO_ENV)
    assert str(tmp_path / "lihua.toml") in str(error.value) and expected in str(error.value)


def test_config_show_prints_each_value_and_where_it_came_from(tmp_path: Path) -> None:
    write(tmp_path / "lihua.toml", 'prompt = "invite-dragon-boat"\ndisable = ["style"]\n')
    done = run_lihua("config", "show", "--format", "json", cwd=tmp_path, env={"LIHUA_LT_URL": "http://lt:8081"})
    assert done.returncode == 0, done.stderr.decode()
    shown = json.loads(done.stdout)
    assert shown["file"] == str(tmp_path / "lihua.toml")
    assert shown["settings"]["prompt"] == {"value": "invite-dragon-boat", "source": str(tmp_path / "lihua.toml")}
    assert shown["settings"]["lt_url"] == {"value": "http://lt:8081", "source": "env LIHUA_LT_URL"}
    assert shown["settings"]["scale"] == {"value": None, "source": "default"}

    text = run_lihua("config", "show", cwd=tmp_path).stdout.decode()
    assert f"config file: {tmp_path / 'lihua.toml'}" in text
    assert any(line.startswith("prompt") and "invite-dragon-boat" in line and "lihua.toml" in line for line in text.splitlines())

    write(tmp_path / "lihua.toml", "scale = 20\n")
    broken = run_lihua("config", "show", cwd=tmp_path)
    assert broken.returncode == 2 and "scale must be 15 or 25" in broken.stderr.decode()


def test_grade_takes_its_prompt_from_the_config_unless_given_on_the_command_line(tmp_path: Path) -> None:
    write(tmp_path / "lihua.toml", 'prompt = "invite-dragon-boat"\nscale = 25\n')
    from_file = json.loads(run_lihua("grade", str(LETTER), "--format", "json", cwd=tmp_path).stdout)
    assert from_file["prompt"] == "invite-dragon-boat" and from_file["score"]["scale"] == 25
    given = json.loads(run_lihua("grade", str(LETTER), "--format", "json", "--prompt", "thank-host-family",
                                 "--scale", "15", cwd=tmp_path).stdout)
    assert given["prompt"] == "thank-host-family" and given["score"]["scale"] == 15


def test_batch_takes_prompt_and_jobs_from_the_config(tmp_path: Path) -> None:
    write(tmp_path / "lihua.toml", 'prompt = "invite-dragon-boat"\njobs = 1\ndisable = ["word-choice"]\n')
    done = run_lihua("batch", str(LETTER), "--out", "out", "--no-reply", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads((tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8"))
    assert report["prompt"] == "invite-dragon-boat"
    assert not [f for f in report["findings"] if f["category"] == "word-choice"]  # it has one without the config


def test_a_lihua_toml_that_is_not_utf8_is_one_line_naming_it_in_every_folder_below(tmp_path: Path) -> None:
    (tmp_path / "lihua.toml").write_bytes('prompt = "邀请"\n'.encode("gbk"))  # saved by a Chinese editor
    below = tmp_path / "class3" / "week2"
    below.mkdir(parents=True)
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(cwd=below, env=NO_ENV)
    for args in (["config", "show"], ["grade", str(LETTER)]):
        done = run_lihua(*args, cwd=below)
        assert done.returncode == 2 and b"Traceback" not in done.stderr
        assert done.stderr.decode() == f"lihua: {tmp_path / 'lihua.toml'}: not UTF-8 text; save it as UTF-8 (TOML files must be UTF-8)\n"


@pytest.mark.parametrize("text", [
    'tool = "x"\n',  # another tool's idea of a pyproject, not lihua's business
    "[tool]\nblack = 3\n",
    b"[project]\nname = '\xcd\xf5'\n",  # not UTF-8, and no lihua settings in it
    "[project\nname = 1\n",  # not TOML, and no lihua settings in it
])
def test_a_broken_pyproject_without_lihua_settings_is_ignored(tmp_path: Path, text: str | bytes) -> None:
    data = text if isinstance(text, bytes) else text.encode()
    (tmp_path / "pyproject.toml").write_bytes(data)
    assert load_config(cwd=tmp_path, env=NO_ENV).path is None
    done = run_lihua("config", "show", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.parametrize(("text", "expected"), [
    ('[tool]\nlihua = "x"\n', "tool.lihua must be a table"),
    ("[tool.lihua]\nprompt = [\n", "not valid TOML"),
    ('[tool.lihua]\nprompt = "\xcd\xf5"\n'.encode("latin-1"), "not UTF-8"),
])
def test_a_broken_tool_lihua_table_is_an_error_naming_the_file(tmp_path: Path, text: str | bytes, expected: str) -> None:
    (tmp_path / "pyproject.toml").write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ConfigError) as error:
        load_config(cwd=tmp_path, env=NO_ENV)
    assert str(error.value).startswith(f"{tmp_path / 'pyproject.toml'}: ") and expected in str(error.value)
    done = run_lihua("grade", str(LETTER), cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1 and expected in done.stderr.decode()
