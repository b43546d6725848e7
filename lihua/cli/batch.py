"""`lihua batch` (a class's letters → scores.csv, reports.jsonl, report.html) and `lihua config`.

Wiring only: discovery and the worker pool live in `lihua.batch.run`, outputs in
`lihua.batch.outputs`, the page in `lihua.batch.html_report`. Only typer is imported at the
top so `lihua --help` stays fast.
"""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from lihua.cli.common import RULES_DIR_HELP, choices, command_group
from lihua.config import MAX_JOBS
from lihua.engines import engine_help

INTERRUPTED = 130  # the shell's convention for "stopped by Ctrl-C"
MAX_LISTED_FAILURES = 20


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


def batch_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Letter files, folders (searched recursively) or glob patterns such as 'class3/*.txt'.")],
    prompt: Annotated[str | None, typer.Option("--prompt", "-p", help="Task id the letters answer (see `lihua prompts list`); or `prompt` in lihua.toml.", metavar="ID")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, max=MAX_JOBS, help="Worker processes (default: all cores; never more than the cores or than the files need).", metavar="N")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for scores.csv, reports.jsonl and report.html (created if needed).", metavar="DIR")] = Path("lihua-report"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite reports already in --out.")] = False,
    with_reply: Annotated[bool, typer.Option("--reply/--no-reply", help="Write each student the pen pal's reply in report.html and reports.jsonl.")] = True,
    scale: Annotated[int | None, typer.Option("--scale", help="Score out of 15 or 25 (default: the prompt's exam).", metavar="[15|25]")] = None,
    prompts_dir: Annotated[list[str] | None, typer.Option("--prompts-dir", help="Extra folder of YAML prompts (also LIHUA_PROMPTS).", metavar="DIR")] = None,
    disable: Annotated[list[str] | None, typer.Option("--disable", "-d", help="Rule id, prefix or category to switch off (repeat or comma-separate).", metavar="RULE")] = None,
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", metavar="DIR", help=RULES_DIR_HELP)] = None,
    engine: Annotated[str | None, typer.Option("--engine", "-e", help=engine_help(), metavar="ENGINES")] = None,
    lt_url: Annotated[str | None, typer.Option("--lt-url", help="LanguageTool server (also LIHUA_LT_URL).", metavar="URL")] = None,
) -> None:
    """Grade a class's letters: scores.csv, reports.jsonl and a class report.html.

    Examples:

      lihua batch letters/ --prompt invite-dragon-boat

      lihua batch 'class3/*.txt' essays.docx --prompt invite-dragon-boat --out class3-report --jobs 2

    A file that cannot be read is listed with its error in every output; the rest are graded.
    Existing reports in --out are never overwritten without --force.

    An engine you asked for that cannot run (a LanguageTool server that is down) is named in one
    warning; those letters are graded with the other engines and lihua's rules, and say so.

    Exit codes: 0 all graded · 1 some files could not be graded, or an engine you asked for could not
    check some letters · 2 usage error · 130 stopped by Ctrl-C (143 by SIGTERM, 129 by SIGHUP), with
    the finished letters in the reports.
    """
    from lihua.cli.common import fail
    from lihua.cli.grade import cli_rule_dirs, disabled_names, split_list
    from lihua.config import ConfigError, load_config

    try:
        config = load_config({"prompt": prompt, "jobs": jobs, "scale": scale, "prompts_dir": prompts_dir,
                              "rules_dirs": cli_rule_dirs(rules_dir), "disable": disabled_names(disable), "engines": split_list([engine] if engine else []),
                              "lt_url": lt_url})
    except ConfigError as error:
        raise fail(str(error)) from None
    request = _request(config, with_reply)
    task = request.prompt
    from lihua.batch.run import Stop, default_jobs, run_batch, start_engines, stop_on_signals, worker_count

    jobs = config["jobs"] or default_jobs()
    start_engines(request, jobs)
    files = _discover(paths)
    jobs = worker_count(config["jobs"], len(files))

    from lihua.batch.outputs import BatchWriter, OutputExists, existing_reports

    existing = existing_reports(out)
    if existing and not force:
        raise fail(f"{', '.join(str(p) for p in existing)} already exist; choose another --out or add --force")

    from lihua.batch.summary import ClassSummary

    summary = ClassSummary(total_files=len(files))
    try:
        writer = BatchWriter(out, force=force)
    except OSError as error:  # --out is a file, or a folder we may not write to
        raise fail(f"{out}: cannot write the reports there ({error.strerror or error}); choose another --out") from None
    started = time.perf_counter()
    stop = Stop()
    try:
        with stop_on_signals(stop):  # from the first spool to the last rename: a signal never strands them
            with _Progress(len(files)) as advance:
                def on_result(result: dict[str, Any]) -> None:
                    writer.add(result)
                    summary.add(result)
                    advance()

                finished = run_batch(files, request, jobs=jobs, on_result=on_result, stop=stop)
            summary.interrupted = not finished
            written = writer.finish(summary, prompt=task)  # a signal now only sets `stop`: finishing goes on
    except OutputExists as error:
        writer.abort()
        raise fail(str(error)) from None
    except OSError as error:  # a full disk, mostly: the temporary files go, the reports were never there
        writer.abort()
        raise fail(f"{out}: cannot write the reports ({error.strerror or error}); nothing was written, "
                   "free some space or choose another --out") from None
    except BaseException:
        writer.abort()
        raise
    _print_summary(summary, written, time.perf_counter() - started)
    _warn_engine_failures(summary)
    if summary.interrupted:
        typer.echo(f"lihua: stopped ({stop.how}) after {summary.graded + summary.failed} of {len(files)} files; "
                   f"the reports cover those", err=True)
        raise typer.Exit(128 + stop.signum if stop.signum else INTERRUPTED)
    if summary.failed or summary.engine_failures:
        raise typer.Exit(1)


def _warn_engine_failures(summary: Any) -> None:
    """One line per engine that could not check some letters: the teacher asked for it."""
    for engine, failure in summary.engine_failures.items():
        typer.echo(f"lihua: warning: {engine} could not check {failure.letters} of {summary.graded} letters "
                   f"({failure.reason or 'no reason given'}); they were graded without it, and each of "
                   "their reports says so", err=True)


def _request(config: Any, with_reply: bool) -> Any:
    """The one GradeRequest every worker grades with, the prompt loaded (and checked) once, here."""
    from lihua.cli.common import fail
    from lihua.cli.grade import grade_request_from

    if not config["prompt"]:
        raise fail("which task did the class write? give --prompt ID (see `lihua prompts list`) or set prompt in lihua.toml")
    return grade_request_from(config, reply=with_reply)


def _discover(paths: list[str]) -> list[str]:
    from lihua.batch.run import BatchInputError, discover
    from lihua.cli.common import fail
    from lihua.io.safe_text import shown_name

    try:
        files = discover(paths)
    except BatchInputError as error:
        raise fail(str(error)) from None
    if not files:
        raise fail(f"no .txt, .md or .docx files in {' '.join(shown_name(path) for path in paths)}")
    return files


class _Progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise.

    It is refreshed by hand (no background thread), because worker processes are forked while
    it runs.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None
        self.last = 0.0

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            from lihua.io.safe_text import safe_console

            self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=safe_console(stderr=True), auto_refresh=False, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("grading", total=self.total)
        return self.advance

    def advance(self) -> None:
        if self.bar is None:
            return
        self.bar.advance(self.task)
        now = time.monotonic()
        if now - self.last > 0.1:
            self.last = now
            self.bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_summary(summary: Any, written: list[Path], seconds: float) -> None:
    from lihua.io.safe_text import shown_name

    done = summary.graded + summary.failed
    line = f"graded {summary.graded} of {summary.total_files} letters"
    if summary.failed:
        line += f" ({summary.failed} could not be read)"
    typer.echo(f"{line} in {seconds:.1f} s ({done / seconds if seconds else 0:.0f} files/s)")
    if summary.mean() is not None:
        scale = f" / {summary.scale}" if summary.scale else ""
        typer.echo(f"mean {summary.mean()}{scale}, median {summary.median()}")
    for path in written:
        typer.echo(f"wrote {shown_name(path)}")
    if summary.failures:
        typer.echo("not graded:")
        for file, error in summary.failures[:MAX_LISTED_FAILURES]:
            typer.echo(f"  {file}: {error}")
        if summary.failed > MAX_LISTED_FAILURES:
            typer.echo(f"  … and {summary.failed - MAX_LISTED_FAILURES} more (see scores.csv)")


config_app = command_group("config", "Show lihua's settings: lihua.toml, [tool.lihua] in pyproject.toml, environment.",
                           no_args_is_help=True)


@config_app.command("show")
def config_show(
    output_format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text for people, json for tools.", **choices(ShowFormat))] = ShowFormat.text,
) -> None:
    """Print the merged settings and where each value came from.

    lihua looks for lihua.toml (or [tool.lihua] in pyproject.toml) in the working folder and
    its parents; LIHUA_PROMPTS and LIHUA_LT_URL override the file, command-line options override both.

    Example:

      lihua config show --format json
    """
    from lihua.cli.common import fail
    from lihua.config import ConfigError, load_config
    from lihua.io.safe_text import json_dumps

    try:
        config = load_config()
    except ConfigError as error:
        raise fail(str(error)) from None
    if output_format is ShowFormat.json:
        typer.echo(json_dumps(config.to_dict()))
        return
    typer.echo(f"config file: {config.path or 'none (looked for lihua.toml or [tool.lihua] in pyproject.toml, here and above)'}")
    width = max(len(key) for key in config.settings)
    for key, setting in config.settings.items():
        typer.echo(f"{key.ljust(width)} = {_show_value(setting.value).ljust(30)}  ({setting.source})")


def _show_value(value: Any) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    return str(value)
