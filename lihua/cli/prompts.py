"""`lihua prompts …`: browse, show, pick, check and create writing tasks. Wiring and display only.

Only typer is imported at module top; the bank (pydantic, PyYAML, pypinyin) and rich load inside
the commands, so `lihua --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lihua.cli.common import choices, command_group, fail, stdout_console, warn
from lihua.cli.exitcodes import ExitCode

if TYPE_CHECKING:
    from lihua.prompts import Bank
    from lihua.prompts.schema import Prompt

app = command_group(
    "prompts",
    (
        "The prompt bank: gaokao-style 'Li Hua' writing tasks.\n\n"
        "Browse:  lihua prompts list --type invitation\n\n"
        "Read one:  lihua prompts show invite-dragon-boat\n\n"
        "Pick one:  lihua prompts random --format gaokao-25 --seed 7\n\n"
        "Teachers:  lihua prompts new my-prompts/my-task.yaml\n\n"
        "Then:  lihua prompts check my-prompts/"
    ),
    no_args_is_help=True,
)

EXAM_CHOICES = ("gaokao-15", "gaokao-25")
EXAM_LABEL = {"gaokao-15": "应用文, 15 points", "gaokao-25": "书面表达, 25 points"}


class Lang(StrEnum):
    en = "en"
    zh = "zh"
    both = "both"


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


PromptsDir = Annotated[
    list[Path] | None,
    typer.Option("--prompts-dir", metavar="DIR", help="Extra folder of YAML prompts; repeatable (also LIHUA_PROMPTS)."),
]
TypeFilter = Annotated[str | None, typer.Option("--type", "-t", metavar="TYPE", help="Only this letter type, e.g. invitation.")]
FormatFilter = Annotated[
    list[str] | None,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help="gaokao-15 or gaokao-25 (also 15/25) filters by exam; json prints JSON."),
]
SearchFilter = Annotated[str | None, typer.Option("--search", "-s", metavar="WORDS", help="Words that must all appear (English or Chinese).")]
TagFilter = Annotated[str | None, typer.Option("--tag", metavar="TAG", help="Only prompts with this tag, e.g. seeds, festival, school.")]




def _load(prompts_dir: list[Path] | None) -> Bank:
    """The bank with the user's folders; its warnings go to stderr, one line each."""
    from lihua.prompts import load_bank

    bank = load_bank(prompts_dir or [])
    for warning in bank.warnings:
        warn(warning)
    return bank


def _split_format(values: list[str] | None) -> tuple[str | None, OutputFormat]:
    """`--format` takes an exam (gaokao-15/25, 15, 25) and/or an output format (text, json)."""
    exam: str | None = None
    output = OutputFormat.text
    for raw in values or []:
        value = raw.strip().lower()
        if value in ("text", "json"):
            output = OutputFormat(value)
        elif value in EXAM_CHOICES or value in ("15", "25"):
            exam = value if value in EXAM_CHOICES else f"gaokao-{value}"
        else:
            raise fail(f"unknown --format '{raw}'; choose gaokao-15, gaokao-25 (filters) or text, json (output)")
    return exam, output


def _check_type(letter_type: str | None) -> str | None:
    if letter_type is None:
        return None
    import difflib

    from lihua.prompts.schema import LETTER_TYPES

    wanted = letter_type.strip().lower()
    if wanted in LETTER_TYPES:
        return wanted
    close = difflib.get_close_matches(wanted, LETTER_TYPES, n=1, cutoff=0.5)
    close = close or [t for t in LETTER_TYPES if wanted and t.startswith(wanted)][:1]
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise fail(f"unknown letter type '{letter_type}'; {hint}choose from: {', '.join(LETTER_TYPES)}")


def _select(bank: Bank, letter_type: str | None, exam: str | None, search: str | None,
            tag: str | None) -> list[Prompt]:
    return bank.select(letter_type=_check_type(letter_type), exam=exam, search=search, tag=tag)


def prompt_json(prompt: Prompt) -> dict[str, Any]:
    """The prompt as plain data, with each vocabulary item's derived pinyin added."""
    data = prompt.model_dump(mode="json")
    for item, vocab in zip(data["vocabulary"], prompt.vocabulary, strict=True):
        item["pinyin"] = vocab.pinyin
    return data


def _echo_json(data: Any) -> None:
    from lihua.io.safe_text import json_dumps

    typer.echo(json_dumps(data))


def _console():

    return stdout_console(highlight=False, soft_wrap=not sys.stdout.isatty())


# ---------------------------------------------------------------------------------------- list


@app.command("list")
def list_command(
    letter_type: TypeFilter = None,
    formats: FormatFilter = None,
    search: SearchFilter = None,
    tag: TagFilter = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Titles in en, zh or both.", **choices(Lang))] = Lang.en,
    prompts_dir: PromptsDir = None,
) -> None:
    """List the prompts: id, type, format and title.

    Examples:

      lihua prompts list

      lihua prompts list --type invitation --format gaokao-15

      lihua prompts list --search festival --lang zh

      lihua prompts list --tag seeds --format json
    """
    exam, output = _split_format(formats)
    bank = _load(prompts_dir)
    prompts = _select(bank, letter_type, exam, search, tag)
    if output is OutputFormat.json:
        _echo_json([{"id": p.id, "letter_type": p.letter_type, "exam": p.exam, "title": p.title.model_dump(),
                     "tags": p.tags, "bundled": bank.is_bundled(p.id)} for p in prompts])
        return
    if not prompts:
        typer.echo("lihua: no prompts match these filters", err=True)
        return

    def title(p: Prompt) -> str:
        return {Lang.en: p.title.en, Lang.zh: p.title.zh, Lang.both: f"{p.title.en} / {p.title.zh}"}[lang]

    rows = [(p.id, p.letter_type, p.exam, title(p)) for p in prompts]
    if sys.stdout.isatty():
        from rich.table import Table

        table = Table("id", "type", "format", "title", box=None, header_style="bold", pad_edge=False)
        for row in rows:
            table.add_row(*row)
        console = _console()
        console.print(table)
        console.print(f"[dim]{len(rows)} prompts · lihua prompts show ID[/dim]")
        return
    widths = [max(len(row[i]) for row in [("id", "type", "format", "title"), *rows]) for i in range(3)]
    for row in [("ID", "TYPE", "FORMAT", "TITLE"), *rows]:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3])


# ---------------------------------------------------------------------------------------- show


def _card(prompt: Prompt, lang: Lang, hints: bool, source: Path | None, wrap: bool = False) -> list[Any]:
    """The renderables of one bilingual task card (rich drops the styles when not a terminal).

    On a terminal (`wrap`) long lines wrap with a hanging indent; in a pipe each line stays whole.
    """
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.text import Text

    def indented(text: str, depth: int, style: str = "") -> Any:
        if wrap:
            return Padding(Text(text, style=style), (0, 0, 0, depth))
        return Text(" " * depth + text, style=style)

    en, zh = lang in (Lang.en, Lang.both), lang in (Lang.zh, Lang.both)
    label = (lambda e, z: z) if lang is Lang.zh else (lambda e, z: e)
    out: list[Any] = []
    if en:
        out.append(Text(prompt.title.en, style="bold"))
    if zh:
        out.append(Text(prompt.title.zh, style="bold"))
    out.append(Text(f"{prompt.id} · {prompt.letter_type} · {prompt.exam} ({EXAM_LABEL[prompt.exam]}) · "
                    f"{label('to', '收信人')} {prompt.recipient}", style="dim"))
    if source is not None:
        out.append(Text(f"{label('from', '来自')} {source}", style="dim"))

    out += [Text(""), Text(label("Situation", "情景"), style="bold cyan")]
    if en:
        out.append(indented(" ".join(prompt.situation.en.split()), 2))
    if zh:
        out.append(indented(prompt.situation.zh.strip(), 2))

    out += [Text(""), Text(label("Content points", "内容要点"), style="bold cyan")]
    for number, point in enumerate(prompt.content_points, 1):
        lines = ([point.en] if en else []) + ([point.zh] if zh else [])
        out.append(Text(f"  {number}. {lines[0]}"))
        out += [indented(line, 5) for line in lines[1:]]
        if hints:
            out.append(indented(f"{label('keywords', '关键词')}: {', '.join(point.keywords + point.synonyms)}",
                                5, "dim"))

    if prompt.given_opening or prompt.given_closing:
        out += [Text(""), Text(label("Given (not counted)", "已给出（不计入词数）"), style="bold cyan")]
        if prompt.given_opening:
            out.append(Text(f"  {label('Begin', '开头')}: " + prompt.given_opening.replace("\n", " / ")))
        if prompt.given_closing:
            out.append(Text(f"  {label('End', '结尾')}: " + prompt.given_closing.replace("\n", " / ")))

    limit = f"{prompt.word_limit.min}–{prompt.word_limit.max}"
    out += [Text(""), Text(label("Word limit", "词数"), style="bold cyan"),
            Text("  " + label(f"{limit} words (the given opening and closing are not counted)",
                              f"{limit} 词（已给出的开头和结尾不计入）"))]

    if prompt.vocabulary:
        out += [Text(""), Text(label("Useful vocabulary", "参考词汇"), style="bold cyan")]
        en_width = max(cell_len(item.en) for item in prompt.vocabulary)
        zh_width = max(cell_len(item.zh) for item in prompt.vocabulary)
        for item in prompt.vocabulary:
            line = Text("  " + item.en + " " * (en_width - cell_len(item.en) + 2))
            line.append(item.zh + " " * (zh_width - cell_len(item.zh) + 2))
            line.append(item.pinyin, style="green")
            out.append(line)
    return out


def _show(bank: Bank, prompt: Prompt, lang: Lang, output: OutputFormat, hints: bool) -> None:
    if output is OutputFormat.json:
        _echo_json(prompt_json(prompt))
        return
    source = None if bank.is_bundled(prompt.id) else bank.sources.get(prompt.id)
    console = _console()
    for renderable in _card(prompt, lang, hints, source, wrap=console.is_terminal):
        console.print(renderable)


@app.command("show")
def show_command(
    prompt_id: Annotated[str, typer.Argument(metavar="ID", help="Prompt id, e.g. invite-dragon-boat.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Show en, zh or both.", **choices(Lang))] = Lang.both,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="text for people, json for tools.", **choices(OutputFormat))] = OutputFormat.text,
    hints: Annotated[bool, typer.Option("--hints", help="Also show each point's keywords.")] = False,
    prompts_dir: PromptsDir = None,
) -> None:
    """Show one task as a bilingual card: situation, content points, word limit, vocabulary with pinyin.

    Examples:

      lihua prompts show invite-dragon-boat

      lihua prompts show invite-dragon-boat --lang zh --hints

      lihua prompts show invite-dragon-boat --format json
    """
    from lihua.prompts import PromptError

    bank = _load(prompts_dir)
    try:
        prompt = bank.get(prompt_id)
    except PromptError as error:
        raise fail(str(error)) from None
    _show(bank, prompt, lang, output, hints)


# -------------------------------------------------------------------------------------- random


@app.command("random")
def random_command(
    letter_type: TypeFilter = None,
    formats: FormatFilter = None,
    search: SearchFilter = None,
    tag: TagFilter = None,
    seed: Annotated[int | None, typer.Option("--seed", metavar="N", help="Same seed, same bank → same prompt.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Show en, zh or both.", **choices(Lang))] = Lang.both,
    id_only: Annotated[bool, typer.Option("--id-only", help="Print only the id (for scripts).")] = False,
    hints: Annotated[bool, typer.Option("--hints", help="Also show each point's keywords.")] = False,
    prompts_dir: PromptsDir = None,
) -> None:
    """Pick a task at random (from those matching the filters) and show it.

    Examples:

      lihua prompts random

      lihua prompts random --format gaokao-25 --tag seeds --seed 7

      lihua grade letter.txt -p "$(lihua prompts random --id-only)"
    """
    import random

    exam, output = _split_format(formats)
    bank = _load(prompts_dir)
    prompts = _select(bank, letter_type, exam, search, tag)
    if not prompts:
        raise fail("no prompt matches these filters; see lihua prompts list")
    prompt = random.Random(seed).choice(prompts)
    if id_only:
        typer.echo(prompt.id)
        return
    _show(bank, prompt, lang, output, hints)


# --------------------------------------------------------------------------------------- check


@app.command("check", no_args_is_help=True)
def check_command(
    paths: Annotated[list[Path], typer.Argument(metavar="DIR|FILE...", help="Prompt files or folders of them.")],
) -> None:
    """Validate prompt files; print every problem as file:line: field: what is wrong.

    Examples:

      lihua prompts check my-prompts/

      lihua prompts check my-prompts/festival.yaml

    Exit codes: 0 all valid · 2 a problem was found (or a path is missing).
    """
    from lihua.io.safe_text import shown_name as printable_name
    from lihua.prompts import load_bank, load_file, prompt_files

    bundled = load_bank(use_env=False)
    files: list[Path] = []
    missing = False
    for path in paths:
        if not path.exists():
            typer.echo(f"lihua: no such file or folder: {printable_name(path)}", err=True)
            missing = True
            continue
        found = prompt_files(path)
        if not found:
            warn(f"no .yaml files in {path}")
        files += found

    problems: list[str] = []
    bad_files = 0
    ids: dict[str, Path] = {}
    for path in files:
        prompt, found = load_file(path)
        if prompt is not None:
            if prompt.id in ids:
                found = [f"{path}:{_id_line(path)}: id: '{prompt.id}' is also the id of {ids[prompt.id]}"]
            elif prompt.id in bundled.prompts and path.resolve() != bundled.sources[prompt.id].resolve():
                warn(f"{path}: id '{prompt.id}' is a bundled prompt; this file overrides it")
            ids.setdefault(prompt.id, path)
        if found:
            bad_files += 1
            problems += found
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"lihua: {len(problems)} problem{'s' * (len(problems) != 1)} in {bad_files} of "
                   f"{len(files)} file{'s' * (len(files) != 1)}", err=True)
        raise typer.Exit(int(ExitCode.USAGE))
    if missing:
        raise typer.Exit(int(ExitCode.USAGE))
    typer.echo(f"ok: {len(files)} prompt file{'s' * (len(files) != 1)}, no problems")


def _id_line(path: Path) -> int:
    """The line of the top-level `id:` key (for the duplicate-id problem)."""
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith("id:"):
            return number
    return 1


# ----------------------------------------------------------------------------------------- new


@app.command("new")
def new_command(
    file: Annotated[str | None, typer.Argument(metavar="FILE", help="File to create ('-' prints it); default ID.yaml.")] = None,
    prompt_id: Annotated[str | None, typer.Option("--id", metavar="ID", help="The new prompt's id (default: from FILE's name).")] = None,
    exam: Annotated[str, typer.Option("--exam", metavar="EXAM", help="gaokao-15 (about 80 words) or gaokao-25 (100–120).")] = "gaokao-15",
    letter_type: Annotated[str, typer.Option("--type", "-t", metavar="TYPE", help="Letter type, e.g. invitation, advice.")] = "invitation",
) -> None:
    """Write a commented template for a new prompt; never overwrites a file.

    Examples:

      lihua prompts new my-prompts/thank-host-family.yaml

      lihua prompts new --id advise-sleep --exam gaokao-25 --type advice

    Then edit the file and run: lihua prompts check my-prompts/
    """
    from lihua.io.safe_text import shown_name as printable_name
    from lihua.prompts.schema import SLUG_HINT, is_slug
    from lihua.prompts.template import prompt_template

    exam_value = exam if exam in EXAM_CHOICES else f"gaokao-{exam}"
    if exam_value not in EXAM_CHOICES:
        raise fail(f"--exam must be gaokao-15 or gaokao-25, not '{exam}'")
    chosen_type = _check_type(letter_type) or "invitation"
    if file is None and prompt_id is None:
        raise fail("give a FILE or --id, e.g. lihua prompts new --id invite-sports-day")
    if prompt_id is None:
        prompt_id = _slugify(Path(str(file)).stem) if file != "-" else "my-prompt"
    if not is_slug(prompt_id):
        raise fail(f"'{prompt_id}' is not a prompt id: {SLUG_HINT}")
    target = file or f"{prompt_id}.yaml"
    shown_name = printable_name(target) if target != "-" else f"{prompt_id}.yaml"  # it is quoted in the file
    text = prompt_template(prompt_id, exam=exam_value, letter_type=chosen_type, filename=shown_name)
    if target == "-":
        typer.echo(text, nl=False)
        return
    path = Path(target)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise fail(f"{path}: a prompt file must end in .yaml or .yml")
    from lihua.io.write import write_atomic

    try:
        write_atomic(path, text, exclusive=True)  # a full disk leaves no empty file to block the retry
    except FileExistsError:
        raise fail(f"{path} already exists; not overwriting it (choose another name)") from None
    except OSError as error:
        raise fail(f"cannot write {path}: {error.strerror or error}") from None
    typer.echo(f"wrote {shown_name}: edit it, then run: lihua prompts check {shown_name}", err=True)


def _slugify(name: str) -> str:
    """'Thank Host Family' → 'thank-host-family' (a file name suggests the id)."""
    import re

    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "my-prompt"

