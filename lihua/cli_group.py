"""One way to make a `lihua <group> …` sub-command app, so every group behaves alike:
-h/--help, plain help text (no rich markup parsing), no shell-completion options."""

from __future__ import annotations

from typing import Any

import typer


def command_group(name: str, help: str, **extra: Any) -> typer.Typer:
    return typer.Typer(name=name, help=help, add_completion=False, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]}, **extra)


def usage_error(message: str) -> typer.Exit:
    """One diagnostic line on stderr ("lihua: …"); the Exit (code 2) to raise."""
    from lihua.exitcodes import ExitCode

    typer.echo(f"lihua: {message}", err=True)
    return typer.Exit(int(ExitCode.USAGE))
