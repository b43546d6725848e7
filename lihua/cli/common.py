"""What every `lihua` command shares: sub-command groups that behave alike (-h/--help, plain help
text), help that names values (FILE, ID, N) rather than Python types, choices that say what they
accept, a reader that stops early ending lihua quietly, and the one-line "lihua: …" error."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from enum import Enum
from functools import cache
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from lihua.cli.exitcodes import ExitCode
from lihua.io.safe_text import shown_name


class LihuaCommand(TyperCommand):
    """A command whose help shows an argument by its metavar alone ("FILE", not "FILE <str>")."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((param.metavar, record[1]) if param.metavar else record)
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class LihuaGroup(TyperGroup):
    """The root command. `lihua grade … | head -2`: the reader closed the pipe, so lihua stops
    without a traceback and with CLOSED_PIPE, not 1 (which means "--max-errors exceeded")."""

    def invoke(self, ctx: Any) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # here, not at exit, where a closed pipe can only be reported
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.CLOSED_PIPE)) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so what is still buffered cannot fail again at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def stdout_console(**options: Any) -> Any:
    """lihua's safe Console on stdout (text sanitised: safe_text) that lets a closed pipe reach LihuaGroup
    (rich's own handling exits 1)."""
    return _stdout_console_class()(**options)


@cache
def _stdout_console_class() -> type:
    """Built on first use, so `lihua --help` never imports rich."""
    from lihua.io.safe_text import safe_console_class

    class StdoutConsole(safe_console_class()):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return StdoutConsole


class LihuaTyper(typer.Typer):
    """typer.Typer whose commands are LihuaCommands."""

    def command(self, *args: Any, cls: type[TyperCommand] | None = LihuaCommand, **options: Any) -> Any:
        return super().command(*args, cls=cls, **options)

#: The help of --rules-dir on every command that grades (grade, batch, practice).
RULES_DIR_HELP = ("A folder of your own rule packs (YAML; check them with `lihua rules check DIR`); repeat for more; "
                  "or rules_dirs in lihua.toml.")


def command_group(name: str, help: str, **extra: Any) -> typer.Typer:
    """A sub-command group (shell completion is the root command's: `lihua --install-completion`)."""
    return LihuaTyper(name=name, help=help, add_completion=False, rich_markup_mode=None,
                      context_settings={"help_option_names": ["-h", "--help"]}, **extra)


def choices(kind: type[Enum]) -> dict[str, Any]:
    """Option settings for a choice: --help lists the values, the shell completes them, and a wrong
    value is one plain sentence ("'yaml' is not one of: text, json") on every Typer version."""
    values = [str(member.value) for member in kind]

    def parse(value: Any) -> Enum:
        if isinstance(value, kind):
            return value
        try:
            return kind(str(value).strip().lower())
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not one of: {', '.join(values)}") from None

    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete)]

    return {"parser": parse, "metavar": f"[{'|'.join(values)}]", "autocompletion": complete}


def warn(message: str) -> None:
    """One warning line on stderr ("lihua: warning: …"), as safe to show as `fail`'s."""
    typer.echo(f"lihua: warning: {shown_name(message)}", err=True)


def fail(message: str, code: int = ExitCode.USAGE) -> typer.Exit:
    """One diagnostic line on stderr ("lihua: …"); the Exit to raise.

    A message that lists several problems (a broken rule pack: one `file:line: …` each) gets one
    indented line per problem. A file name or server text inside a line can neither break it nor
    drive the terminal.
    """
    first, *more = message.split("\n")
    typer.echo(f"lihua: {shown_name(first)}", err=True)
    for line in more:
        if line.strip():
            typer.echo(f"  {shown_name(line.strip())}", err=True)
    return typer.Exit(int(code))
