"""What every `lihua` command shares: sub-command groups that behave alike (-h/--help, plain help
text, no shell-completion options) and the one-line "lihua: …" error with its exit code."""

from __future__ import annotations

from typing import Any

import typer

from lihua.exitcodes import ExitCode
from lihua.safe_text import shown_name


def command_group(name: str, help: str, **extra: Any) -> typer.Typer:
    return typer.Typer(name=name, help=help, add_completion=False, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]}, **extra)


def warn(message: str) -> None:
    """One warning line on stderr ("lihua: warning: …"), as safe to show as `fail`'s."""
    typer.echo(f"lihua: warning: {shown_name(message)}", err=True)


def fail(message: str, code: int = ExitCode.USAGE) -> typer.Exit:
    """One diagnostic line on stderr ("lihua: …"); the Exit to raise.

    A file name or server text inside the message can neither break the line nor drive the terminal.
    """
    typer.echo(f"lihua: {shown_name(message)}", err=True)
    return typer.Exit(int(code))
