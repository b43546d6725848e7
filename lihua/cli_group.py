"""What every `lihua` command shares: sub-command groups that behave alike (-h/--help, plain help
text, no shell-completion options) and the one-line "lihua: …" error with its exit code."""

from __future__ import annotations

from typing import Any

import typer

from lihua.exitcodes import ExitCode

#: The help of --rules-dir on every command that grades (grade, batch, practice).
RULES_DIR_HELP = ("A folder of your own rule packs (YAML; check them with `lihua rules check DIR`); repeat for more; "
                  "or rules_dirs in lihua.toml.")


def command_group(name: str, help: str, **extra: Any) -> typer.Typer:
    return typer.Typer(name=name, help=help, add_completion=False, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]}, **extra)


def fail(message: str, code: int = ExitCode.USAGE) -> typer.Exit:
    """One diagnostic line on stderr ("lihua: …"); the Exit to raise."""
    typer.echo(f"lihua: {message}", err=True)
    return typer.Exit(int(code))
