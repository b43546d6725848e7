"""The `lihua` command line: Typer wiring only; every stage it calls lives in its own module.

Heavy imports (Harper, rules, scoring, Jinja2) happen inside commands, so `lihua --help` and
`lihua --version` stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from lihua.cli.batch import batch_command, config_app
from lihua.cli.common import LihuaGroup, LihuaTyper
from lihua.cli.doctor import doctor_command
from lihua.cli.grade import grade_command
from lihua.cli.practice import history_app, practice_command
from lihua.cli.prompts import app as prompts_app
from lihua.cli.reply import model_command, reply_command
from lihua.cli.rules import app as rules_app
from lihua.version import __version__

EXIT_CODES_HELP = ("Exit codes: 0 done · 1 done, but a limit you set (--max-errors) was exceeded · 2 usage or input error"
                   " · 141 the reader of the output stopped early (e.g. | head).")

app = LihuaTyper(
    name="lihua",
    cls=LihuaGroup,
    help=(
        "lihua — an English letter-writing tutor for gaokao 'Li Hua' letters.\n\n"
        "Grade a letter:  lihua grade letter.txt\n\n"
        "From a pipe, as JSON:  cat letter.txt | lihua grade - --format json\n\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lihua {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """lihua — an English letter-writing tutor for gaokao 'Li Hua' letters."""


app.command("grade", help=grade_command.__doc__, no_args_is_help=True)(grade_command)
app.command("reply", help=reply_command.__doc__, no_args_is_help=True)(reply_command)
app.command("model", help=model_command.__doc__, no_args_is_help=True)(model_command)
app.command("doctor", help=doctor_command.__doc__)(doctor_command)
app.add_typer(prompts_app, name="prompts")
app.add_typer(rules_app, name="rules")
app.command("batch", help=batch_command.__doc__, no_args_is_help=True)(batch_command)
app.add_typer(config_app, name="config")
app.command("practice", help=practice_command.__doc__)(practice_command)
app.add_typer(history_app, name="history")


def main() -> None:
    """Console-script entry point (also for `python -m lihua`, so usage lines and completion say `lihua`)."""
    app(prog_name="lihua")
