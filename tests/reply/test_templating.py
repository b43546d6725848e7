"""Templates are fenced in and sandboxed, and a student's letter is only ever data.

A reply quotes what the student wrote, and teachers may bring their own templates: neither may run
template code, read files outside the template folders, or reach Python internals.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError, TemplateNotFound, UndefinedError

from lihua.cli.app import app
from lihua.render.templating import (
    MAX_SECONDS,
    TemplateNameError,
    bundled_template_dirs,
    check_template_name,
    make_environment,
    render_within_budget,
    tidy_letter,
)
from lihua.reply.writer import ReplyError, write_reply
from tests.support import run_lihua

INJECTION = (
    "Dear Chris,\n\n"
    "I'm writing to invite you to try zongzi and 月饼 with us next Friday at 2 p.m.\n\n"
    "Can you bring {{ 7*7 }} friends and {% include 'reply/_parts.txt.j2' %} too?\n"
    "Could you say {{ ''.__class__.__mro__ }} and {{ config }} to my mother?\n\n"
    "Yours,\nLi Hua\n"
)


def teacher_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("seed", [0, 1])
def test_template_syntax_in_a_letter_is_echoed_literally(seed: int) -> None:
    reply = write_reply(INJECTION, seed=seed)
    assert "“Can you bring {{ 7*7 }} friends and {% include 'reply/_parts.txt.j2' %} too?”" in reply.text
    assert "{{ ''.__class__.__mro__ }} and {{ config }}" in reply.text
    assert "49" not in reply.text and "macro" not in reply.text and "<class" not in reply.text


def test_a_student_signature_or_salutation_is_never_compiled(runner) -> None:
    letter = "Dear {{ 7*7 }},\n\nThank you for the gift. Did you like my {% raw %}card{% endraw %}?\n\nYours,\n{{ 6*7 }}\n"
    result = runner.invoke(app, ["reply", "-", "--seed", "0"], input=letter)
    assert result.exit_code == 0
    assert "49" not in result.stdout and "42" not in result.stdout
    assert "“Did you like my {% raw %}card{% endraw %}?”" in result.stdout
    assert result.stdout.rstrip().endswith("Your pen pal"), "a salutation that is not a name is not used as one"


@pytest.mark.parametrize("name", [
    "../secret.txt", "reply/../../secret.txt", "/etc/passwd", "reply//x.txt.j2", "reply\\x.txt.j2",
    "C:/windows/x.j2", "~/x.j2", ".hidden/x.j2", "reply/x..j2", "", " reply/x.txt.j2",
])
def test_unsafe_template_names_are_refused(name: str) -> None:
    with pytest.raises(TemplateNameError):
        check_template_name(name)


@pytest.mark.parametrize("name", ["reply/invitation-1.txt.j2", "model/invite-dragon-boat.txt.j2", "reply/_parts.txt.j2"])
def test_ordinary_template_names_pass(name: str) -> None:
    assert check_template_name(name) == name
    assert make_environment().get_template(name)


@pytest.mark.parametrize("include", ["../secret.txt", "/etc/passwd", "reply/../../secret.txt"])
def test_a_teacher_template_cannot_include_files_outside_the_folders(tmp_path: Path, include: str) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    folder = teacher_dir(tmp_path / "teacher", {"reply/invitation-1.txt.j2": f"Dear Li Hua,\n\n{{% include '{include}' %}}\n"})
    with pytest.raises(ReplyError, match="refused|not found|secret|passwd") as raised:
        write_reply("Dear Chris,\n\nI invite you to come.\n\nYours,\nLi Hua\n", seed=0, templates_dir=folder)
    assert "TOP SECRET" not in str(raised.value)


def test_a_symlink_out_of_the_teacher_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt.j2"
    outside.write_text("TOP SECRET", encoding="utf-8")
    folder = teacher_dir(tmp_path / "teacher", {"reply/x.txt": ""})
    (folder / "reply" / "leak.txt.j2").symlink_to(outside)
    env = make_environment(folder)
    with pytest.raises(TemplateNotFound):
        env.get_template("reply/leak.txt.j2")
    assert "reply/leak.txt.j2" not in env.loader.list_templates()


def test_the_sandbox_blocks_python_internals() -> None:
    env = make_environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__ }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ ().__class__.__base__.__subclasses__() }}").render()


def test_a_teacher_template_reaching_for_internals_fails_cleanly(runner, tmp_path: Path) -> None:
    folder = teacher_dir(tmp_path, {"reply/invitation-1.txt.j2": "{{ ''.__class__.__mro__[1].__subclasses__() }}"})
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Chris,\n\nI'm writing to invite you to my home.\n\nYours,\nLi Hua\n", encoding="utf-8")
    result = runner.invoke(app, ["reply", str(letter), "--seed", "0", "--templates-dir", str(folder)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("lihua: template reply/invitation-1.txt.j2:") and "unsafe" in result.stderr


def test_strict_undefined_turns_a_typo_into_an_error() -> None:
    with pytest.raises(UndefinedError):
        make_environment().from_string("Dear {{ wirter }},").render(writer="Li Hua")


def test_a_teacher_variant_is_used_and_can_replace_lihuas_own(tmp_path: Path) -> None:
    folder = teacher_dir(tmp_path, {"reply/invitation-1.txt.j2": "Dear {{ writer }},\n\nSee you {{ time.phrase }}!\n\nCheers,\n{{ signer }}\n"})
    reply = write_reply("Dear Chris,\n\nI'm writing to invite you to dinner on Saturday at 6 p.m.\n\nYours,\nLi Hua\n",
                        seed=0, templates_dir=folder)
    assert reply.text == "Dear Li Hua,\n\nSee you on Saturday at 6 p.m.!\n\nCheers,\nChris\n"


def test_html_templates_are_autoescaped_and_text_templates_are_not(tmp_path: Path) -> None:
    folder = teacher_dir(tmp_path, {"report/card.html.j2": "<p>{{ quote }}</p>", "report/card.txt.j2": "{{ quote }}"})
    env = make_environment(folder)
    quote = "<script>alert('x')</script> & “zongzi”"
    assert env.get_template("report/card.html.j2").render(quote=quote) == (
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; “zongzi”</p>")
    assert env.get_template("report/card.txt.j2").render(quote=quote) == quote


def test_templates_are_found_in_a_checkout_or_an_installed_package() -> None:
    reply_folder, render_folder = bundled_template_dirs()
    assert (reply_folder / "reply" / "_parts.txt.j2").is_file() and (reply_folder / "model" / "_layout.txt.j2").is_file()
    assert (render_folder / "report" / "student.html.j2").is_file()


def test_tidy_letter_joins_wrapped_lines_and_keeps_the_sign_off() -> None:
    rendered = "Dear Li Hua,\n\nOne line\n   wrapped here.\n\n\n\nBest wishes,\nChris\n"
    assert tidy_letter(rendered) == "Dear Li Hua,\n\nOne line wrapped here.\n\nBest wishes,\nChris\n"


INVITATION = "Dear Chris,\n\nI'm writing to invite you to my home.\n\nYours,\nLi Hua\n"
OVER_BUDGET = {
    "recursive-macro": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "nest too deeply"),
    "huge-range": ("{{ range(10**8) | length }}", "range of 100000000 numbers is over the budget"),
    "nested-huge-ranges": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}x",
                           "over the budget of 10000"),
    "nested-ranges": ("{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}x",
                      "loops ran over 1000000 steps"),
    "nested-list-loops": ("{% set w = [1] * 3000 %}{% for i in w %}{% for j in w %}{% for k in w %}"
                          "{% endfor %}{% endfor %}{% endfor %}", "rendering took over 5 s"),
    "huge-text": ("{{ 'x' * 10**9 }}", "repeated 1000000000 times"),
    "huge-number": ("{{ (10**100000)**100 }}", "too large a number"),
    "huge-output": ("{% for i in range(5000) %}{{ 'y' * 999 }}{% endfor %}", "output is over 1000000 characters"),
    "division-by-zero": ("{{ 1 / 0 }}", "ZeroDivisionError"),
}


def reply_with(tmp_path: Path, template: str | bytes):
    folder = tmp_path / "teacher" / "reply"
    folder.mkdir(parents=True)
    data = template if isinstance(template, bytes) else template.encode("utf-8")
    (folder / "invitation-1.txt.j2").write_bytes(data)
    letter = tmp_path / "letter.txt"
    letter.write_text(INVITATION, encoding="utf-8")
    started = time.monotonic()
    done = run_lihua("reply", str(letter), "--seed", "0", "--templates-dir", str(folder.parent))
    return done, time.monotonic() - started


@pytest.mark.parametrize("case", list(OVER_BUDGET), ids=list(OVER_BUDGET))
def test_a_teacher_template_over_its_budget_stops_with_one_line(tmp_path: Path, case: str) -> None:
    template, expected = OVER_BUDGET[case]
    done, seconds = reply_with(tmp_path, template)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2 and done.stdout == b"", stderr
    assert stderr.startswith("lihua: template reply/invitation-1.txt.j2: ") and stderr.count("\n") == 1, stderr
    assert expected in stderr
    assert seconds < MAX_SECONDS + 20  # the budget's 5 s plus a cold start on a busy machine, never a hang


def test_a_teacher_template_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    done, _ = reply_with(tmp_path, "Dear {{ writer }}, 欢迎!\n".encode("gbk"))
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode() == "lihua: template reply/invitation-1.txt.j2: not UTF-8 text; save the template as UTF-8\n"


def test_a_model_template_over_its_budget_stops_with_one_line(tmp_path: Path) -> None:
    folder = teacher_dir(tmp_path, {"model/invite-dragon-boat.txt.j2": OVER_BUDGET["recursive-macro"][0]})
    done = run_lihua("model", "invite-dragon-boat", "--templates-dir", str(folder))
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().startswith("lihua: template") and "nest too deeply" in done.stderr.decode()


def test_ranges_within_the_budget_behave_like_range() -> None:
    template = make_environment().from_string(
        "{{ range(3) | list }} {{ range(2, 9, 3) | join(',') }} {{ range(5) | length }} {{ 2 in range(3) }} "
        "{{ range(4)[-1] }} {% for i in range(2) %}{{ loop.index }}{% endfor %} {{ 2 ** 10 }} {{ 'ab' * 2 }}")
    assert render_within_budget(template, {}) == "[0, 1, 2] 2,5,8 5 True 3 12 1024 abab"
