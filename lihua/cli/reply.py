"""`lihua reply` and `lihua model`: the pen pal writes back, and a model letter for a task. Wiring only.

Only typer is imported at module top; Jinja2, pypinyin and the prompt bank load inside the
commands, so `lihua --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from lihua.cli.common import choices, fail
from lihua.io.safe_text import json_dumps


class ReplyFormat(StrEnum):
    text = "text"
    json = "json"


def _load_prompt(prompt_id: str | None, prompts_dirs: list[str] | None):
    from lihua.cli.grade import load_prompt

    return load_prompt(prompt_id, prompts_dirs)


def reply_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Li Hua's letter: .txt/.md (any encoding) or .docx; '-' reads stdin.")],
    prompt: Annotated[str | None, typer.Option("--prompt", "-p", help="Task id: gives the letter type, the recipient and the content points.", metavar="ID")] = None,
    prompts_dir: Annotated[list[str] | None, typer.Option("--prompts-dir", help="Extra folder of YAML prompts (also LIHUA_PROMPTS).", metavar="DIR")] = None,
    seed: Annotated[int | None, typer.Option("--seed", min=0, help="Pick the reply variant; the same seed gives the same reply (default: from the letter).", metavar="N")] = None,
    templates_dir: Annotated[str | None, typer.Option("--templates-dir", help="A teacher's folder of templates (reply/<type>-<n>.txt.j2) used before lihua's own.", metavar="DIR")] = None,
    output_format: Annotated[ReplyFormat, typer.Option("--format", "-f", help="text: the reply letter; json: the reply with its template and the Chinese terms found.", **choices(ReplyFormat))] = ReplyFormat.text,
) -> None:
    """The pen pal's reply to Li Hua's letter, with the Chinese words given back.

    It answers the letter's purpose (accepts an invitation and names a time, says which tip it
    will try, answers the questions), is signed by the person in the salutation, and gives back
    each Chinese word (zongzi or 粽子) with characters, tone-marked pinyin and a gloss.

    Examples:

      lihua reply letter.txt

      lihua reply letter.txt --prompt invite-dragon-boat --seed 2

      cat letter.txt | lihua reply - --format json

    Exit codes: 0 written · 2 usage or input error (unreadable file, unknown prompt, bad template).
    """
    from lihua.io.read import InputError, read_source

    try:
        source = read_source(file)
    except InputError as error:
        raise fail(str(error)) from None
    task = _load_prompt(prompt, prompts_dir)

    from lihua.reply.writer import ReplyError, write_reply

    try:
        reply = write_reply(source.text, prompt=task, seed=seed, templates_dir=templates_dir)
    except ReplyError as error:
        raise fail(str(error)) from None
    if output_format is ReplyFormat.json:
        data = {"schema": 1, "source": source.name, "prompt": getattr(task, "id", None), "reply": reply.to_dict()}
        sys.stdout.write(json_dumps(data) + "\n")
    else:
        sys.stdout.write(reply.text)


def model_command(
    prompt_id: Annotated[str, typer.Argument(metavar="PROMPT_ID", help="Task id, see `lihua prompts list`.")],
    prompts_dir: Annotated[list[str] | None, typer.Option("--prompts-dir", help="Extra folder of YAML prompts (also LIHUA_PROMPTS).", metavar="DIR")] = None,
    templates_dir: Annotated[str | None, typer.Option("--templates-dir", help="A teacher's folder of templates (model/<prompt-id>.txt.j2) used before lihua's own.", metavar="DIR")] = None,
    output_format: Annotated[ReplyFormat, typer.Option("--format", "-f", help="text: the letter; json: the letter with its template.", **choices(ReplyFormat))] = ReplyFormat.text,
) -> None:
    """A model top-band letter for a task, covering every content point.

    Examples:

      lihua model invite-dragon-boat

      lihua model my-task --prompts-dir prompts/ --templates-dir templates/

    A prompt without its own model template gets an outline instead (a note on stderr says so).

    Exit codes: 0 written · 2 usage error (unknown prompt, bad template).
    """
    task = _load_prompt(prompt_id, prompts_dir)

    from lihua.reply.model_letter import ModelError, write_model

    try:
        letter = write_model(task, templates_dir=templates_dir)
    except ModelError as error:
        raise fail(str(error)) from None
    if letter.is_outline:
        typer.echo(f"lihua: note: prompt '{task.id}' has no model letter yet, so this is an outline "
                   f"(a teacher can add model/{task.id}.txt.j2 to --templates-dir)", err=True)
    if output_format is ReplyFormat.json:
        sys.stdout.write(json_dumps({"schema": 1, "model": letter.to_dict()}) + "\n")
    else:
        sys.stdout.write(letter.text)
