"""`lihua grade`: read one letter, grade it, render the report. Wiring only."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from lihua.cli.common import RULES_DIR_HELP, choices, fail, stdout_console, warn
from lihua.cli.exitcodes import ExitCode
from lihua.engines import engine_help


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    en = "en"
    zh = "zh"


def split_list(values: list[str] | None) -> list[str]:
    """Options that take a list accept repeats and commas: --disable a,b --disable c."""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


def disabled_names(values: list[str] | None) -> list[str]:
    """The --disable names, split; a name that matches no rule or category is exit 2 with a did-you-mean."""
    names = split_list(values)
    if names:
        from lihua.grading.rule_names import UnknownRuleName, check_disable

        try:
            check_disable(names)
        except UnknownRuleName as error:
            raise fail(str(error)) from None
    return names


def cli_rule_dirs(values: list[str] | None) -> list[str]:
    """--rules-dir folders as absolute paths (batch workers and error lines need no working directory)."""
    return [str(Path(value).expanduser().resolve()) for value in values or []]


def load_prompt(prompt_id: str | None, prompts_dirs: list[str] | None):
    """The prompt named on the command line, or None; warnings go to stderr (`lihua reply`, `lihua model`)."""
    from lihua.grading.service import RequestError
    from lihua.grading.service import load_prompt as load

    try:
        return load(prompt_id, prompts_dirs or [], warn=warn)
    except RequestError as error:
        raise fail(str(error)) from None


def grade_request_from(config: Any, **options: Any) -> Any:
    """`GradeRequest.from_config`, its one-line errors as exit 2 and the prompt bank's warnings on stderr."""
    from lihua.grading.service import GradeRequest, RequestError

    try:
        return GradeRequest.from_config(config, warn=warn, **options)
    except RequestError as error:
        raise fail(str(error)) from None


def grade_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The letter: .txt/.md (any encoding) or .docx; '-' reads stdin.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text for people, json for tools.", **choices(OutputFormat))] = OutputFormat.text,
    prompt: Annotated[str | None, typer.Option("--prompt", "-p", help="Task id (see `lihua prompts list`): names, word limit, content points.", metavar="ID")] = None,
    prompts_dir: Annotated[list[str] | None, typer.Option("--prompts-dir", help="Extra folder of YAML prompts (also LIHUA_PROMPTS).", metavar="DIR")] = None,
    max_errors: Annotated[int | None, typer.Option("--max-errors", min=0, help="Exit 1 when the letter has more error-level findings than this.", metavar="N")] = None,
    disable: Annotated[list[str] | None, typer.Option("--disable", "-d", help="Rule id, rule-id prefix or category to switch off (repeat or comma-separate).", metavar="RULE")] = None,
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", metavar="DIR", help=RULES_DIR_HELP)] = None,
    engine: Annotated[str | None, typer.Option("--engine", "-e", help=engine_help(), metavar="ENGINES")] = None,
    lt_url: Annotated[str | None, typer.Option("--lt-url", help="LanguageTool server, e.g. http://localhost:8081 (also LIHUA_LT_URL).", metavar="URL")] = None,
    variant: Annotated[str, typer.Option("--variant", help="English variant for LanguageTool: en-US or en-GB (Harper accepts both spellings).", metavar="VARIANT")] = "en-US",
    lang: Annotated[Lang, typer.Option("--lang", help="Language of explanations: en or zh.", **choices(Lang))] = Lang.en,
    scale: Annotated[int | None, typer.Option("--scale", help="Marking scale: 15 (应用文) or 25 (书面表达); default from the prompt, else 15.", metavar="[15|25]")] = None,
    with_reply: Annotated[bool, typer.Option("--reply", help="Also write the pen pal's reply: after the report, or under \"reply\" in JSON.")] = False,
) -> None:
    """Grade a letter: every problem with its line:column and fix.

    Examples:

      lihua grade letter.txt

      lihua grade letter.docx --prompt invite-dragon-boat

      cat letter.txt | lihua grade - --format json

      lihua grade letter.txt --prompt invite-dragon-boat --reply

    Exit codes: 0 graded · 1 graded, but more errors than --max-errors · 2 usage or input error.
    """
    from lihua.config import ConfigError, load_config

    try:  # lihua.toml / [tool.lihua] defaults; the command line wins (see `lihua config show`)
        config = load_config({"prompt": prompt, "scale": scale, "disable": disabled_names(disable), "prompts_dir": prompts_dir,
                              "rules_dirs": cli_rule_dirs(rules_dir), "lt_url": lt_url, "engines": split_list([engine] if engine else [])})
    except ConfigError as error:
        raise fail(str(error)) from None
    from lihua.engines import prewarm

    prewarm(config["engines"])  # build Harper's Linter on a thread while the rest loads

    from lihua.io.read import InputError, read_source

    try:
        source = read_source(file)
    except InputError as error:
        raise fail(str(error)) from None
    request = grade_request_from(config, reply=with_reply, variant=variant, lang=lang.value)

    from lihua.grading.service import grade_request

    report = grade_request(source.text, request, source=source.name, encoding=source.encoding)
    for note in report.notes:
        warn(note)
    if set(request.engines) <= set(report.failed_engines):
        raise fail("no engine you asked for could run; see the warning above or `lihua doctor`")
    if report.reply_error:
        raise fail(report.reply_error)

    if output_format is OutputFormat.json:
        from lihua.render.json_report import render_json

        sys.stdout.write(render_json(report) + "\n")
    else:
        from lihua.render.text import render_text

        console = stdout_console(highlight=False)
        render_text(report, console, lang=request.lang)
        if report.score is not None:
            from lihua.render.score_text import render_score

            console.print()
            render_score(report.score, console, lang=request.lang, findings=report.findings)
        if report.reply is not None:
            typer.echo(f"\nA reply from your pen pal ({report.reply.signer}):\n")
            typer.echo(report.reply.text, nl=False)

    if max_errors is not None and report.count_errors() > max_errors:
        typer.echo(f"lihua: {report.count_errors()} errors, more than --max-errors {max_errors}", err=True)
        raise typer.Exit(int(ExitCode.THRESHOLD))
