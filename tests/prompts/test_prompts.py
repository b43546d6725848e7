"""The prompt bank: every bundled prompt validates, and `lihua prompts …` behaves as documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from lihua.cli.app import app
from lihua.prompts import (
    BUNDLED_DIR,
    InvalidPromptId,
    PromptNotFound,
    load_bank,
    load_file,
    validate_file,
)
from lihua.prompts.schema import LETTER_TYPES, Prompt, VocabItem
from tests.support import FIXTURES, ROOT

PROMPT_FIXTURES = FIXTURES / "prompts"
GOOD = PROMPT_FIXTURES / "good"
BAD = PROMPT_FIXTURES / "bad"
BUNDLED_FILES = sorted(BUNDLED_DIR.glob("*.yaml"))
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<field>[\w\[\].()]+): (?P<message>.+)$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def bank():
    return load_bank(use_env=False)


@pytest.fixture(autouse=True)
def _no_teacher_env(monkeypatch) -> None:
    """A developer's own LIHUA_PROMPTS must not leak into these tests."""
    monkeypatch.delenv("LIHUA_PROMPTS", raising=False)


# ------------------------------------------------------------------------------ the bundled bank


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.stem)
def test_every_bundled_prompt_validates(path: Path) -> None:
    assert validate_file(path) == []
    prompt, _ = load_file(path)
    assert prompt is not None and prompt.id == path.stem, "a bundled file is named after its id"


def test_bank_size_and_coverage(bank) -> None:
    prompts = list(bank.prompts.values())
    assert bank.warnings == []
    assert len(prompts) >= 40
    types = Counter(p.letter_type for p in prompts)
    assert len(types) >= 10
    for required in ("invitation", "thanks", "apology", "advice", "application", "request", "introduction",
                     "notice", "congratulation", "consultation", "reply"):
        assert types[required] >= 2, required
    assert {p.exam for p in prompts} == {"gaokao-15", "gaokao-25"}
    assert sum("seeds" in p.tags for p in prompts) >= 8
    assert sum(p.given_opening is not None for p in prompts) >= 10


def test_bundled_prompts_meet_the_house_style(bank) -> None:
    """Stricter than the schema: what a bundled prompt must give a student."""
    for prompt in bank.prompts.values():
        assert 4 <= len(prompt.vocabulary) <= 8, prompt.id
        assert all(len(point.keywords) >= 3 for point in prompt.content_points), prompt.id
        assert prompt.situation.en.startswith("Assume you are Li Hua"), prompt.id
        assert prompt.situation.zh.startswith("假定你是"), prompt.id
        assert "Li" in prompt.spelling_names() and "Hua" in prompt.spelling_names()
        surname = prompt.recipient.split()[-1]
        assert surname in prompt.spelling_names(), prompt.id
        if "seeds" in prompt.tags:
            assert "RedNote" in prompt.situation.en and "小红书" in prompt.situation.zh, prompt.id
        low, high = prompt.word_limit.min, prompt.word_limit.max
        assert (low, high) in {(60, 100), (100, 120), (80, 120)}, prompt.id


def test_pinyin_is_derived_never_stored(bank) -> None:
    for path in BUNDLED_FILES:
        assert "pinyin:" not in path.read_text(encoding="utf-8"), path.name
    assert VocabItem(en="Dragon Boat Festival", zh="端午节").pinyin == "duān wǔ jié"
    assert VocabItem(en="We will miss you.", zh="我们会想念您。").pinyin == "wǒ men huì xiǎng niàn nín"
    for prompt in bank.prompts.values():
        for item in prompt.vocabulary:
            assert item.pinyin and not CJK.search(item.pinyin), item.zh


def test_spelling_names_cover_recipient_and_task_names(bank) -> None:
    hutong = bank.get("introduce-hutong")
    assert {"Ben", "Beijing", "RedNote", "Xiaohongshu", "Li", "Hua"} <= hutong.spelling_names()
    smith = bank.get("invite-english-corner-talk")
    assert "Smith" in smith.spelling_names() and "Mr" not in smith.spelling_names()


# ---------------------------------------------------------------------------- schema and loading


def _minimal(**changes) -> dict:
    data = {
        "id": "x-task", "title": {"en": "A task", "zh": "任务"}, "letter_type": "advice", "exam": "gaokao-25",
        "recipient": "Tom", "situation": {"en": "Assume you are Li Hua.", "zh": "假定你是李华。"},
        "content_points": [{"id": "a", "en": "one", "zh": "一", "keywords": ["a", "b"]},
                           {"id": "b", "en": "two", "zh": "二", "keywords": ["c", "d"]}],
    }
    data.update(changes)
    return data


def test_word_limit_defaults_to_the_exam() -> None:
    long = Prompt.model_validate(_minimal())
    assert (long.word_limit.min, long.word_limit.max) == (100, 120)
    short = Prompt.model_validate(_minimal(exam="15"))
    assert short.exam == "gaokao-15" and (short.word_limit.min, short.word_limit.max) == (60, 100)


@pytest.mark.parametrize("changes", [
    {"word_limit": {"min": 100, "max": 100}},
    {"content_points": [{"id": "a", "en": "one", "zh": "一", "keywords": ["a", "b"]}]},
    {"content_points": [{"id": "a", "en": "one", "zh": "一", "keywords": ["a", "b"]}] * 2},
    {"letter_type": "thank-you"},
    {"title": {"en": "任务", "zh": "A task"}},
    {"colour": "red"},
])
def test_schema_refuses_bad_prompts(changes: dict) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Prompt.model_validate(_minimal(**changes))


def test_invalid_file_reports_every_problem_with_its_line() -> None:
    problems = validate_file(BAD / "invalid.yaml")
    for problem in problems:
        match = PROBLEM_LINE.match(problem)
        assert match and match["file"] == str(BAD / "invalid.yaml"), problem
    found = {(int(PROBLEM_LINE.match(p)["line"]), PROBLEM_LINE.match(p)["field"]) for p in problems}
    assert found == {
        (1, "id"), (1, "recipient"), (5, "letter_type"), (11, "content_points[0].keywords"),
        (14, "content_points[0].keyword"), (18, "content_points[1].keywords"), (19, "word_limit"),
        (21, "vocabulary[0]"),
    }
    text = "\n".join(problems)
    assert "did you mean 'invitation'?" in text
    assert "did you mean 'keywords'?" in text
    assert "min (120) must be less than max (80)" in text
    assert "remove the 'pinyin' key" in text


def test_broken_yaml_is_one_problem_with_a_line() -> None:
    [problem] = validate_file(BAD / "broken.yaml")
    assert problem.startswith(f"{BAD / 'broken.yaml'}:6: (yaml): ")


@pytest.mark.parametrize(("content", "expected"), [
    ("", "empty file"),
    ("- a\n- b\n", "found a list"),
    ("id: a\nid: b\n", "duplicate key (first on line 1)"),
    ("!!python/object/apply:os.system ['echo unsafe']\n", "(yaml)"),
    ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nnames: [*b, *b, *b]\n", ":2: b[0]: anchors and aliases"),
])
def test_odd_files_are_problems_not_crashes(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(content, encoding="utf-8")
    problems = validate_file(path)
    assert problems and any(expected in problem for problem in problems)


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("names:\n" + "  - Chris\n" * 100_000, encoding="utf-8")
    [problem] = validate_file(path)
    assert "far too large for a prompt" in problem


def test_a_gbk_file_from_a_chinese_editor_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "thank-art-teacher.yaml"
    path.write_bytes((GOOD / "thank-art-teacher.yaml").read_text(encoding="utf-8").encode("gbk"))
    prompt, problems = load_file(path)
    assert problems == [] and prompt is not None and prompt.situation.zh.startswith("假定你是李华")


def test_teacher_folder_adds_prompts_and_broken_files_are_skipped_with_one_warning_each() -> None:
    bank = load_bank([GOOD, BAD], use_env=False)
    assert "thank-art-teacher" in bank.prompts
    assert "invite-dragon-boat" in bank.prompts
    assert len(bank.warnings) == 2
    assert any("broken.yaml:6" in w for w in bank.warnings)
    assert any("invalid.yaml" in w and "lihua prompts check" in w for w in bank.warnings)


def test_env_var_adds_folders_unless_use_env_is_false(monkeypatch) -> None:
    monkeypatch.setenv("LIHUA_PROMPTS", f"{GOOD}{__import__('os').pathsep}{ROOT / 'no-such-folder'}")
    bank = load_bank()
    assert "thank-art-teacher" in bank.prompts
    assert any("does not exist" in w for w in bank.warnings)
    assert "thank-art-teacher" not in load_bank(use_env=False).prompts


def test_teacher_prompt_overrides_bundled_id_with_a_warning(tmp_path: Path) -> None:
    text = (BUNDLED_DIR / "invite-dragon-boat.yaml").read_text(encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(text.replace("the Dragon Boat Festival activities", "our boat race"),
                                        encoding="utf-8")
    bank = load_bank([tmp_path], use_env=False)
    assert bank.get("invite-dragon-boat").title.en == "Invite Chris to our boat race"
    assert bank.warnings == [f"prompt 'invite-dragon-boat' in {tmp_path / 'mine.yaml'} overrides the bundled one"]
    assert not bank.is_bundled("invite-dragon-boat")


@pytest.mark.parametrize("bad_id", ["../x", "/etc/passwd", "a/b", "..", "", "invite dragon", "x.yaml"])
def test_ids_that_are_not_slugs_are_refused(bank, bad_id: str) -> None:
    with pytest.raises(InvalidPromptId, match="is not a prompt id: ids are slugs like 'invite-dragon-boat'"):
        bank.get(bad_id)


def test_unknown_id_suggests_close_ones(bank) -> None:
    with pytest.raises(PromptNotFound) as error:
        bank.get("invite-dragon-bot")
    assert str(error.value).startswith("no prompt 'invite-dragon-bot'; did you mean 'invite-dragon-boat'")
    with pytest.raises(PromptNotFound, match="did you mean 'introduce-hutong'"):
        bank.get("hutong")
    with pytest.raises(PromptNotFound) as error:
        bank.get("zzzz")
    assert str(error.value) == "no prompt 'zzzz'; see lihua prompts list"
    assert bank.get("Invite-Dragon-Boat").id == "invite-dragon-boat"


def test_importing_the_package_and_cli_stays_light() -> None:
    code = ("import sys, lihua.cli.app, lihua.prompts, lihua.cli.prompts; "
            "print(sorted(m for m in ('pydantic', 'yaml', 'pypinyin', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------------- CLI


def _rows(stdout: str) -> list[list[str]]:
    lines = stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "TYPE", "FORMAT"]
    return [line.split(None, 3) for line in lines[1:]]


def test_list_shows_every_prompt_as_plain_rows(runner, bank) -> None:
    result = runner.invoke(app, ["prompts", "list"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert [row[0] for row in rows] == sorted(bank.prompts)
    assert ["invite-dragon-boat", "invitation", "gaokao-15", "Invite Chris to the Dragon Boat Festival activities"] in rows
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(("args", "check"), [
    (["--type", "invitation"], lambda row: row[1] == "invitation"),
    (["--format", "gaokao-25"], lambda row: row[2] == "gaokao-25"),
    (["-f", "15"], lambda row: row[2] == "gaokao-15"),
    (["--type", "apology", "--format", "gaokao-15"], lambda row: row[1:3] == ["apology", "gaokao-15"]),
])
def test_list_filters(runner, args: list[str], check) -> None:
    result = runner.invoke(app, ["prompts", "list", *args])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert rows and all(check(row) for row in rows)


def test_list_search_tag_and_lang(runner) -> None:
    search = _rows(runner.invoke(app, ["prompts", "list", "--search", "hutong"]).stdout)
    assert [row[0] for row in search] == ["introduce-hutong"]
    chinese = _rows(runner.invoke(app, ["prompts", "list", "--search", "端午节"]).stdout)
    assert [row[0] for row in chinese] == ["invite-dragon-boat"]
    seeds = _rows(runner.invoke(app, ["prompts", "list", "--tag", "seeds"]).stdout)
    assert len(seeds) >= 8
    zh = runner.invoke(app, ["prompts", "list", "--lang", "zh", "--type", "notice"]).stdout
    assert "写一则英语演讲比赛通知" in zh and "Write a notice" not in zh


def test_list_as_json(runner) -> None:
    result = runner.invoke(app, ["prompts", "list", "--tag", "seeds", "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data) >= 8 and all("seeds" in item["tags"] and item["bundled"] for item in data)


def test_list_no_match_is_not_an_error(runner) -> None:
    result = runner.invoke(app, ["prompts", "list", "--search", "no-such-words-anywhere"])
    assert result.exit_code == 0 and result.stdout == ""
    assert "lihua: no prompts match" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "invite"], "unknown letter type 'invite'; did you mean 'invitation'?"),
    (["--format", "gaokao-20"], "unknown --format 'gaokao-20'"),
])
def test_list_bad_filters_exit_2(runner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["prompts", "list", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"lihua: {message}") and result.stdout == ""


def test_show_prints_a_bilingual_card(runner) -> None:
    result = runner.invoke(app, ["prompts", "show", "invite-dragon-boat"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("Invite Chris to the Dragon Boat Festival activities", "邀请Chris参加端午节活动",
                     "Situation", "Assume you are Li Hua. Your school will hold", "假定你是李华。下周五",
                     "Content points", "1. the time and place of the activities", "活动的时间和地点",
                     "60–100 words", "Begin: Dear Chris,", "End: Yours, / Li Hua",
                     "Useful vocabulary", "端午节", "duān wǔ jié"):
        assert expected in out, expected
    assert "keywords" not in out, "keywords are hints, shown only with --hints"
    assert "keywords: next Friday" in runner.invoke(app, ["prompts", "show", "invite-dragon-boat", "--hints"]).stdout


def test_show_one_language(runner) -> None:
    english = runner.invoke(app, ["prompts", "show", "introduce-hutong", "--lang", "en"]).stdout
    assert "Assume you are Li Hua, a student in Beijing" in english and "假定你是" not in english
    chinese = runner.invoke(app, ["prompts", "show", "introduce-hutong", "--lang", "zh"]).stdout
    assert "假定你是北京的学生李华" in chinese and "Assume you are" not in chinese
    assert "内容要点" in chinese and "参考词汇" in chinese and "hú tòng" in chinese


def test_show_json_has_derived_pinyin_and_round_trips(runner) -> None:
    result = runner.invoke(app, ["prompts", "show", "invite-dragon-boat", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "invite-dragon-boat" and data["word_limit"] == {"min": 60, "max": 100}
    assert {"en": "Dragon Boat Festival", "zh": "端午节", "pinyin": "duān wǔ jié"} in data["vocabulary"]
    for item in data["vocabulary"]:
        del item["pinyin"]
    assert Prompt.model_validate(data) == load_bank(use_env=False).get("invite-dragon-boat")


@pytest.mark.parametrize(("prompt_id", "message"), [
    ("invite-dragon-bot", "lihua: no prompt 'invite-dragon-bot'; did you mean 'invite-dragon-boat'?"),
    ("../x", "lihua: '../x' is not a prompt id: ids are slugs like 'invite-dragon-boat'"),
    ("/etc/passwd", "lihua: '/etc/passwd' is not a prompt id"),
])
def test_show_bad_ids_exit_2(runner, prompt_id: str, message: str) -> None:
    result = runner.invoke(app, ["prompts", "show", prompt_id])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_random_is_repeatable_with_a_seed(runner, bank) -> None:
    first = runner.invoke(app, ["prompts", "random", "--seed", "7"])
    again = runner.invoke(app, ["prompts", "random", "--seed", "7"])
    assert first.exit_code == 0 and first.stdout == again.stdout and "Content points" in first.stdout
    picks = {runner.invoke(app, ["prompts", "random", "--seed", str(s), "--id-only"]).stdout.strip()
             for s in range(12)}
    assert len(picks) > 3 and picks <= set(bank.prompts)


def test_random_respects_filters(runner, bank) -> None:
    for seed in range(5):
        result = runner.invoke(app, ["prompts", "random", "--type", "apology", "--format", "gaokao-15",
                                     "--seed", str(seed), "--id-only"])
        picked = bank.get(result.stdout.strip())
        assert (picked.letter_type, picked.exam) == ("apology", "gaokao-15")
    data = json.loads(runner.invoke(app, ["prompts", "random", "--tag", "seeds", "--format", "json"]).stdout)
    assert "seeds" in data["tags"] and all("pinyin" in item for item in data["vocabulary"])


def test_random_with_no_match_exits_2(runner) -> None:
    result = runner.invoke(app, ["prompts", "random", "--search", "no-such-words-anywhere"])
    assert result.exit_code == 2 and "no prompt matches these filters" in result.stderr


def test_check_bundled_folder_is_clean(runner) -> None:
    result = runner.invoke(app, ["prompts", "check", str(BUNDLED_DIR)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"ok: {len(BUNDLED_FILES)} prompt files, no problems"


def test_check_reports_every_problem_and_exits_2(runner) -> None:
    result = runner.invoke(app, ["prompts", "check", str(BAD), str(GOOD / "thank-art-teacher.yaml")])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines == validate_file(BAD / "broken.yaml") + validate_file(BAD / "invalid.yaml")
    assert all(PROBLEM_LINE.match(line) for line in lines)
    assert result.stderr.strip() == f"lihua: {len(lines)} problems in 2 of 3 files"


def test_check_missing_path_and_duplicate_ids(runner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["prompts", "check", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    text = (GOOD / "thank-art-teacher.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["prompts", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout.strip() == f"{tmp_path / 'b.yaml'}:2: id: 'thank-art-teacher' is also the id of {tmp_path / 'a.yaml'}"


SHADOW_LIKE = "root:$6$secrethash:20228:0:99999:7::\ndaemon:*:20228:0:99999:7::\nteacher:$6$another:20228:0:99999:7::\n"


def test_check_on_a_symlink_to_a_system_file_refuses_it_without_echoing_it(runner, tmp_path: Path) -> None:
    system = tmp_path / "etc" / "shadow"  # a password file parses as YAML: one key per line
    system.parent.mkdir()
    system.write_text(SHADOW_LIKE, encoding="utf-8")
    (tmp_path / "x.yaml").symlink_to(system)
    result = runner.invoke(app, ["prompts", "check", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert result.stdout == f"{tmp_path / 'x.yaml'}:1: (file): not a prompt file (none of the fields id:, title:, " \
                            "letter_type:, …); check the path\n"
    assert not any(word in result.output for word in ("secrethash", "daemon", "another", "20228"))


def test_a_prompt_with_one_known_field_still_gets_every_problem_with_its_field_name(tmp_path: Path) -> None:
    (tmp_path / "typo.yaml").write_text("id: my-task\ntitel: Invite Chris\n", encoding="utf-8")
    problems = validate_file(tmp_path / "typo.yaml")
    assert any("titel: unknown field; did you mean 'title'?" in problem for problem in problems)


def test_check_warns_when_a_file_overrides_a_bundled_prompt(runner, tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text((BUNDLED_DIR / "reply-study-apps.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    result = runner.invoke(app, ["prompts", "check", str(tmp_path)])
    assert result.exit_code == 0
    assert "id 'reply-study-apps' is a bundled prompt; this file overrides it" in result.stderr


def test_new_writes_a_template_that_validates_and_never_overwrites(runner, tmp_path: Path) -> None:
    target = tmp_path / "Thank Host Family.yaml"
    result = runner.invoke(app, ["prompts", "new", str(target), "--exam", "gaokao-25", "--type", "thanks"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A lihua writing task") and "id: thank-host-family" in text
    assert validate_file(target) == []
    prompt, _ = load_file(target)
    assert prompt is not None and (prompt.exam, prompt.letter_type) == ("gaokao-25", "thanks")
    assert (prompt.word_limit.min, prompt.word_limit.max) == (100, 120)

    again = runner.invoke(app, ["prompts", "new", str(target)])
    assert again.exit_code == 2 and "already exists; not overwriting it" in again.stderr
    assert target.read_text(encoding="utf-8") == text

    shown = runner.invoke(app, ["prompts", "show", "thank-host-family", "--prompts-dir", str(tmp_path)])
    assert shown.exit_code == 0 and f"from {target}" in shown.stdout


def test_new_by_id_and_to_stdout(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["prompts", "new", "--id", "advise-sleep"]).exit_code == 0
    assert validate_file(tmp_path / "advise-sleep.yaml") == []
    printed = runner.invoke(app, ["prompts", "new", "-", "--id", "print-me"])
    assert printed.exit_code == 0 and "id: print-me" in printed.stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "../x"], "'../x' is not a prompt id"),
    ([], "give a FILE or --id"),
    (["x.txt"], "must end in .yaml or .yml"),
    (["--id", "ok-id", "--exam", "gaokao-30"], "--exam must be gaokao-15 or gaokao-25"),
])
def test_new_refuses_bad_input(runner, tmp_path: Path, monkeypatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["prompts", "new", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_teacher_folder_on_the_command_line_and_in_the_environment(runner) -> None:
    listed = runner.invoke(app, ["prompts", "list", "--prompts-dir", str(GOOD), "--tag", "fixture"])
    assert [row[0] for row in _rows(listed.stdout)] == ["thank-art-teacher"]
    via_env = runner.invoke(app, ["prompts", "show", "thank-art-teacher"], env={"LIHUA_PROMPTS": str(GOOD)})
    assert via_env.exit_code == 0 and "Ms. Rose" in via_env.stdout and "sù miáo" in via_env.stdout


def test_broken_teacher_files_warn_on_stderr_and_the_rest_still_works(runner) -> None:
    result = runner.invoke(app, ["prompts", "list", "--prompts-dir", str(BAD), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == len(BUNDLED_FILES)
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all(w.startswith("lihua: warning: skipped broken prompt file") for w in warnings)


def test_grade_uses_the_prompt_from_a_teacher_folder(runner) -> None:
    letter = "Dear Ms. Rose,\n\nThank you for your patient guidance in the art club.\n\nYours,\nLi Hua\n"
    result = runner.invoke(app, ["grade", "-", "--prompt", "thank-art-teacher", "--prompts-dir", str(GOOD),
                                 "--format", "json"], input=letter)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["prompt"] == "thank-art-teacher"
    unknown = runner.invoke(app, ["grade", "-", "--prompt", "../x"], input=letter)
    assert unknown.exit_code == 2 and "is not a prompt id" in unknown.stderr


@pytest.mark.parametrize("command", ["list", "show", "random", "check", "new"])
def test_every_command_help_has_an_example(runner, command: str) -> None:
    result = runner.invoke(app, ["prompts", command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "lihua prompts" in result.stdout


def test_types_in_the_schema_cover_the_issue() -> None:
    assert set(LETTER_TYPES) >= {"invitation", "thanks", "apology", "advice", "application", "request",
                                 "introduction", "notice", "congratulation", "consultation", "reply"}


def test_new_on_a_full_disk_leaves_no_empty_file_so_a_retry_works(full_disk) -> None:
    """Before: a 0-byte file stayed, and the retry said "already exists"."""
    target = full_disk.folder / "thank-host-family.yaml"
    filler = full_disk.fill() if full_disk.kind == "tmpfs" else None
    full_disk.limit = 512  # the template is several KB
    done = full_disk.run("prompts", "new", str(target))
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith(f"lihua: cannot write {target}: ")
    assert "Traceback" not in stderr
    assert sorted(full_disk.folder.iterdir()) == ([filler] if filler else [])  # no empty file, no hidden temp
    if filler is not None:
        filler.unlink()  # the teacher frees some space
    retry = subprocess.run([sys.executable, "-m", "lihua", "prompts", "new", str(target)], capture_output=True,
                           cwd=ROOT, timeout=60)
    assert retry.returncode == 0, retry.stderr.decode()
    assert validate_file(target) == []
