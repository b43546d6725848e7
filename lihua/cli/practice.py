"""`lihua practice` (write, grade, revise in the terminal) and `lihua history`. Wiring and display only.

Only typer is imported at module top; prompt_toolkit, rich, plotext, the bank and the graders load
inside the commands so `lihua --help` stays fast. Every keystroke's text reaches a draft file
(throttled), so Ctrl-C anywhere leaves with the draft saved and exit code 130.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lihua.cli.common import RULES_DIR_HELP, choices, command_group, fail, stdout_console, warn
from lihua.cli.grade import Lang, cli_rule_dirs, disabled_names, grade_request_from

if TYPE_CHECKING:
    from lihua.practice.drafts import DraftWriter
    from lihua.practice.history import Attempt, History

INTERRUPTED = 130  # the shell's code for "stopped by Ctrl-C"
NO_TTY = "practice needs a terminal; to grade a letter from a pipe use `lihua grade -`"
FINISH_HINT = "Esc then Enter to finish · Ctrl-C to leave (draft saved)"


def _warn(message: str) -> None:
    warn(message)


def _ask(question: str, *, default: bool) -> bool:
    """A yes/no question on the terminal; end of input means the default."""
    try:
        answer = input(question).strip().lower()
    except EOFError:
        return default
    return default if not answer else answer.startswith("y")


# ------------------------------------------------------------------------------------ practice


def _live_words(text: str) -> int:
    """The word count the grader will use (body only), for the toolbar."""
    from lihua.text.letter import count_words, parse_letter

    try:
        return parse_letter(text).word_count
    except Exception:  # a half-typed letter must never break the editor
        return count_words(text)


def _edit_in_terminal(start: str, writer: DraftWriter, limit: tuple[int, int] | None) -> str:
    """Multi-line editing with a live word count; every change goes to the draft file."""
    from prompt_toolkit import PromptSession

    from lihua.practice.editor_wrap import WordWrap

    session: PromptSession[str] = PromptSession(input_processors=[WordWrap()])  # wrap at words, not mid-word
    session.default_buffer.on_text_changed += lambda buffer: writer.update(buffer.text)
    _LEAVING["editor"] = session.app  # a hangup asks this app to leave, as Ctrl-C does

    def toolbar() -> str:
        words = _live_words(session.default_buffer.text)
        task = f" of {limit[0]}–{limit[1]}" if limit else ""
        return f" {words} words{task} · {FINISH_HINT} "

    typer.echo(f"\nWrite your letter below. {FINISH_HINT}.\n")
    try:
        text = session.prompt("", multiline=True, default=start, bottom_toolbar=toolbar)
    finally:
        _LEAVING.pop("editor", None)
    writer.update(text)
    writer.flush()
    return text


def _edit_in_editor(start: str, writer: DraftWriter) -> str:
    """Open $VISUAL/$EDITOR (else vi) on the draft file itself, so the editor's saves are the draft."""
    import shlex
    import subprocess

    writer.update(start)
    path = writer.flush()
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except FileNotFoundError:
        raise fail(f"cannot run the editor '{editor}'; set EDITOR, or leave out --editor; your draft is {path}") from None
    if done.returncode != 0:
        raise fail(f"the editor '{editor}' exited with code {done.returncode}; your draft is {path}")
    text = Path(str(path)).read_text(encoding="utf-8")
    writer.update(text)
    return text


def _show_graded(report: Any, lang: str) -> None:
    """The marked letter, the score and the pen pal's reply."""
    from lihua.render.score_text import render_score
    from lihua.render.text import render_text

    console = stdout_console(highlight=False)
    console.print()
    render_text(report, console, lang=lang)
    if report.score is not None:
        console.print()
        render_score(report.score, console, lang=lang, findings=report.findings)
    if report.reply is None:
        _warn(f"no reply this time: {report.reply_error or 'none was written'}")
        return
    from rich.text import Text

    console.print(f"\nA reply from your pen pal ({report.reply.signer}):\n", markup=False)
    console.print(Text(report.reply.text))  # wrapped at word boundaries on a terminal; the letter's text is not markup


def _choose_prompt(prompt_id: str | None, letter_type: str | None, exam: str | None,
                   prompts_dir: list[str] | tuple[str, ...]) -> Any:
    """The task asked for by id (with the bank's did-you-mean), else a random one matching the filters."""
    import random

    from lihua.cli.prompts import EXAM_CHOICES, _check_type
    from lihua.prompts import PromptError, load_bank

    if exam is not None:
        exam = exam.strip().lower()
        exam = f"gaokao-{exam}" if exam in ("15", "25") else exam
        if exam not in EXAM_CHOICES:
            raise fail(f"unknown --format '{exam}'; choose gaokao-15 or gaokao-25")
    letter_type = _check_type(letter_type)  # exit 2 with a did-you-mean for a mistyped type
    bank = load_bank([Path(d) for d in prompts_dir])
    for warning in bank.warnings:
        _warn(warning)
    if prompt_id:
        if letter_type or exam:
            _warn(f"a task id was given, so --type/--format are ignored (practising {prompt_id})")
        try:
            return bank.get(prompt_id)
        except PromptError as error:
            raise fail(str(error)) from None
    choices = bank.select(letter_type=letter_type, exam=exam)
    if not choices:
        raise fail("no prompt matches these filters; see lihua prompts list")
    return random.choice(choices)


def _starting_text(prompt_id: str) -> str:
    """The saved draft if the student wants to continue it; an unwanted one is renamed aside."""
    from lihua.practice import drafts

    saved = drafts.load_draft(prompt_id)
    if saved is None:
        return ""
    words = _live_words(saved)
    if _ask(f"\nYou have a draft for this prompt ({words} words). Continue it? [Y/n] ", default=True):
        return saved
    kept = drafts.set_aside(prompt_id)
    typer.echo(f"Starting afresh; the old draft is kept at {kept}")
    return ""


class _Session:
    """One practice run: the current draft writer is what Ctrl-C must save."""

    def __init__(self, request: Any, history: History, *, editor: bool) -> None:
        self.request, self.prompt, self.history, self.editor = request, request.prompt, history, editor
        self.writer: DraftWriter | None = None
        self.saved_ids: list[int] = []
        self.told_draft = False

    def write(self, start: str) -> str:
        from lihua.practice.drafts import DraftWriter

        if self.writer is not None:
            self.writer.close()  # one writer per draft file: the old one must not write over the new
        self.writer = DraftWriter(self.prompt.id)
        _LEAVING["writer"] = self.writer
        if not self.told_draft:
            typer.echo(f"\nYour draft is saved as you write, in {self.writer.path}")
            self.told_draft = True
        if self.editor:
            return _edit_in_editor(start, self.writer)
        limit = (self.prompt.word_limit.min, self.prompt.word_limit.max)
        return _edit_in_terminal(start, self.writer, limit)

    def grade(self, text: str, source: str) -> Any:
        from lihua.grading.service import grade_request

        typer.echo("\nGrading…")
        report = grade_request(text, self.request, source=source)
        for note in report.notes:
            _warn(note)
        return report

    def keep(self, report: Any, revision_of: int | None) -> int | None:
        """Store the attempt; then its draft is no longer needed (the history holds the text)."""
        import sqlite3

        from lihua.practice import drafts

        try:
            attempt_id = self.history.add_report(report, revision_of=revision_of)
        except sqlite3.Error as error:  # e.g. a full disk: the letter stays in its draft file
            path = self.writer.flush() if self.writer is not None else None
            _warn(f"could not save this attempt in {self.history.path}: {error}"
                  + (f"; your letter is kept in {path}" if path else ""))
            return revision_of
        self.saved_ids.append(attempt_id)
        if self.writer is not None:
            self.writer.close()  # no late trailing write may bring the discarded draft back
        drafts.discard(self.prompt.id)
        self.writer = None
        typer.echo(f"\nSaved as attempt #{attempt_id} (see `lihua history`).")
        return attempt_id

    def run(self, start: str) -> None:
        from lihua.practice.compare import compare_attempts, format_improvement

        text = self.write(start)
        if not text.strip():
            typer.echo("Nothing written, nothing graded.")
            return
        report = self.grade(text, "your letter")
        _show_graded(report, self.request.lang)
        attempt_id = self.keep(report, None)
        while _ask("\nRevise? [y/N] ", default=False):
            text = self.write(report.letter.text)
            if not text.strip():
                typer.echo("Nothing written, nothing graded.")
                return
            revised = self.grade(text, "your revision")
            _show_graded(revised, self.request.lang)
            typer.echo("\nWhat changed since your last version:")
            for line in format_improvement(compare_attempts(report, revised)):
                typer.echo(line)
            attempt_id = self.keep(revised, attempt_id)
            report = revised

    def interrupted(self) -> None:
        """Ctrl-C: save whatever is being written and say where it is."""
        from lihua.practice.drafts import draft_path

        if self.writer is not None:
            self.writer.flush()
        path = draft_path(self.prompt.id)
        if path.exists():
            _say(f"\nDraft saved to {path}\nRun `lihua practice {self.prompt.id}` to continue it.")
        elif self.saved_ids:
            _say("\nYour graded letters are in `lihua history`.")
        else:
            _say("\nNothing written yet; nothing to save.")


def _say(message: str) -> None:
    """A last message that must not fail when the terminal has gone (a closed window)."""
    with contextlib.suppress(OSError):
        typer.echo(message)


_LEAVING: dict[str, Any] = {}  # what a hangup must save and stop: the draft "writer", the running "editor"
LEAVE_WITHIN = 10  # seconds; should leaving cleanly ever hang, the process ends anyway (the draft is saved)


def _on_hangup(signum: int, frame: object) -> None:
    """SIGHUP (the window closed) or SIGTERM: save the draft first, then leave the way Ctrl-C does."""
    import signal

    writer = _LEAVING.get("writer")
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.flush()
    if hasattr(signal, "alarm"):
        signal.alarm(LEAVE_WITHIN)
    editor = _LEAVING.get("editor")
    if editor is not None and editor.is_running and editor.loop is not None:
        # raising here, at an arbitrary point inside the editor's event loop, can leave it waiting
        # forever; the editor's own exit path (what its Ctrl-C key uses) always ends it
        def leave() -> None:
            if not editor.is_done:
                editor.exit(exception=KeyboardInterrupt)

        editor.loop.call_soon_threadsafe(leave)
        return
    raise KeyboardInterrupt


def _save_on_hangup() -> None:
    """A closed terminal window (SIGHUP) or a `kill` (SIGTERM) leaves like Ctrl-C: the draft is flushed."""
    import signal

    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_hangup)


def _settings(disable: list[str] | None, rules_dir: list[str] | None, prompts_dir: list[str] | None) -> Any:
    """lihua.toml (or [tool.lihua]) under the command line, as `lihua grade` reads them: the same
    disabled rules, rule packs, engines, scale and prompt folders grade the student's letter."""
    from lihua.config import ConfigError, load_config

    try:
        return load_config({"disable": disabled_names(disable), "rules_dirs": cli_rule_dirs(rules_dir),
                            "prompts_dir": prompts_dir})
    except ConfigError as error:
        raise fail(str(error)) from None


def practice_command(
    prompt_id: Annotated[str | None, typer.Argument(metavar="PROMPT_ID", help="Task id (see `lihua prompts list`); default: a random one.")] = None,
    letter_type: Annotated[str | None, typer.Option("--type", "-t", metavar="TYPE", help="Pick a random task of this letter type, e.g. invitation.")] = None,
    exam: Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT", help="Pick a random task of this exam: gaokao-15 or gaokao-25.")] = None,
    editor: Annotated[bool, typer.Option("--editor", help="Write in $VISUAL / $EDITOR instead of in the terminal.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of explanations.", **choices(Lang))] = Lang.en,
    prompts_dir: Annotated[list[str] | None, typer.Option("--prompts-dir", help="Extra folder of YAML prompts (also LIHUA_PROMPTS).", metavar="DIR")] = None,
    disable: Annotated[list[str] | None, typer.Option("--disable", "-d", metavar="RULE", help="Rule id, rule-id prefix or category to switch off (repeat or comma-separate); also `disable` in lihua.toml.")] = None,
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", metavar="DIR", help=RULES_DIR_HELP)] = None,
) -> None:
    """Practise a letter in the terminal: read the task, write, get it graded with a reply, revise.

    Drafts are saved as you type (Ctrl-C leaves; the draft is offered back next time). Every
    graded attempt goes into `lihua history`.

    Examples:

      lihua practice invite-dragon-boat

      lihua practice --type invitation --format gaokao-15

      lihua practice invite-dragon-boat --editor

    Exit codes: 0 done · 2 usage error, or not a terminal (use `lihua grade -`) · 130 left with Ctrl-C.
    """
    config = _settings(disable, rules_dir, prompts_dir)  # a usage error is one whatever the terminal
    if not sys.stdin.isatty():
        raise fail(NO_TTY)
    session: _Session | None = None
    _save_on_hangup()
    try:
        from lihua.engines import prewarm

        prewarm(config["engines"])  # build Harper's Linter while the student reads and writes
        from lihua.cli.prompts import Lang, _card
        from lihua.grading.service import config_prompt_dirs
        from lihua.practice.history import History, HistoryError

        task = _choose_prompt(prompt_id, letter_type, exam, config_prompt_dirs(config))
        # checked before the student writes: a broken rule pack is one line now, not after the letter
        request = grade_request_from(config, prompt=task, reply=True, lang=lang.value)
        try:
            history = History(warn=_warn)
        except HistoryError as error:
            raise fail(str(error)) from None

        console = stdout_console(highlight=False)
        for renderable in _card(task, Lang.both, False, None, wrap=console.is_terminal):
            console.print(renderable)
        with history:
            session = _Session(request, history, editor=editor)
            session.run(_starting_text(task.id))
    except KeyboardInterrupt:
        if session is not None:
            session.interrupted()
        else:
            _say("")
        raise typer.Exit(INTERRUPTED) from None
    except EOFError:  # Ctrl-D on an empty editor: leave like Ctrl-C, keeping the draft
        if session is not None:
            session.interrupted()
        raise typer.Exit(INTERRUPTED) from None


# ------------------------------------------------------------------------------------- history


history_app = command_group(
    "history",
    (
        "Your practice history: every graded attempt.\n\n"
        "List:  lihua history\n\n"
        "Trend and frequent mistakes:  lihua history --stats\n\n"
        "Export:  lihua history export --format csv --out attempts.csv"
    ),
)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


def _open_history() -> History:
    from lihua.practice.history import History, HistoryError

    try:
        return History(warn=_warn)
    except HistoryError as error:
        raise fail(str(error)) from None


def _read_attempts(prompt: str | None = None, limit: int | None = None) -> list[Attempt]:
    """Every stored attempt (oldest first); a database error is one line and exit 2, not a traceback."""
    import sqlite3

    with _open_history() as history:
        try:
            return history.attempts(prompt_id=prompt, limit=limit)
        except sqlite3.Error as error:
            raise fail(f"cannot read the practice history {history.path}: {error}") from None


def _score(attempt: Attempt) -> str:
    if attempt.total is None:
        return "-"
    return f"{attempt.total:g}/{attempt.scale}" if attempt.scale else f"{attempt.total:g}"


def _table(attempts: list[Attempt]) -> list[str]:
    header = ("#", "date (UTC)", "prompt", "words", "score", "band", "errors", "revises")
    rows = [(str(a.id), a.created[:16].replace("T", " "), a.prompt_id or "-", str(a.word_count), _score(a),
             "-" if a.band is None else str(a.band), str(a.errors), f"#{a.revision_of}" if a.revision_of else "")
            for a in attempts]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in [header, *rows]]


def _chart(attempts: list[Attempt]) -> str:
    """The score of each graded attempt (x: its number in `lihua history`) as a terminal line chart.

    One line per scale when 15- and 25-point attempts are mixed. Plain characters, no colour codes,
    unless stdout is a colour terminal.
    """
    import shutil

    import plotext as plt

    scored = [a for a in attempts if a.total is not None and a.scale]
    plt.clear_figure()
    plt.plotsize(min(shutil.get_terminal_size((80, 24)).columns, 100), 17)
    for scale in sorted({a.scale for a in scored}):
        points = [a for a in scored if a.scale == scale]
        plt.plot([a.id for a in points], [a.total for a in points], label=f"{scale}-point scale", marker="dot")
    ids = [a.id for a in scored]
    step = max(1, -(-len(ids) // 12))  # at most about 12 labels on the x axis
    plt.xticks(ids[::step], [f"#{i}" for i in ids[::step]])
    if len(ids) == 1:
        plt.xlim(ids[0] - 1, ids[0] + 1)
    top = max(a.scale for a in scored)
    plt.ylim(0, top)
    plt.yticks(list(range(0, top + 1, 5)))
    plt.title("Score per attempt")
    plt.xlabel("attempt")
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        plt.theme("clear")
    return plt.build()


def _trend(attempts: list[Attempt]) -> str:
    """One line: first, best and latest score of the scored attempts."""
    scored = [a for a in attempts if a.total is not None]
    if not scored:
        return "No scored attempts yet (a score needs a task: lihua practice)."
    best = max(scored, key=lambda a: (a.total or 0) / (a.scale or 1))
    return (f"{len(attempts)} attempts · first {_score(scored[0])} · best {_score(best)} (#{best.id}) · "
            f"latest {_score(scored[-1])}")


def _frequent_categories(attempts: list[Attempt], top: int = 5) -> list[str]:
    """The most frequent kinds of finding, each with its most recent example."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for attempt in attempts:
        counts.update(attempt.categories)
    lines = []
    for category, count in counts.most_common(top):
        example = next((f for a in reversed(attempts) for f in a.findings if f.get("category") == category), None)
        line = f"  {category:<12} {count:>4}"
        if example:
            fix = f" → {example['replacements'][0]}" if example.get("replacements") else ""
            covered = f"“{example.get('text')}”{fix}: " if example.get("text") else ""
            line += f"   e.g. {covered}{example.get('message', '')}"
        lines.append(line)
    return lines


@history_app.callback(invoke_without_command=True)
def history_command(
    ctx: typer.Context,
    stats: Annotated[bool, typer.Option("--stats", help="Show the score trend as a chart and your most frequent mistakes.")] = False,
    prompt: Annotated[str | None, typer.Option("--prompt", "-p", metavar="ID", help="Only attempts at this task.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, metavar="N", help="Only the latest N attempts.")] = None,
) -> None:
    """List your graded attempts, oldest first (or --stats for the trend)."""
    if ctx.invoked_subcommand:
        return
    attempts = _read_attempts(prompt, limit)
    if not attempts:
        if prompt:
            typer.echo(f"No attempts at {prompt} yet. Start with: lihua practice {prompt}")
        else:
            typer.echo("No attempts yet: your practice history is empty. Start with: lihua practice")
        return
    if not stats:
        for line in _table(attempts):
            typer.echo(line)
        return
    if any(a.total is not None and a.scale for a in attempts):
        from lihua.io.safe_text import echo_own_styling

        echo_own_styling(_chart(attempts))  # the chart's colours are lihua's own; it shows only numbers
    typer.echo(_trend(attempts))
    typer.echo("\nMost frequent mistakes (count, then your latest example):")
    lines = _frequent_categories(attempts)
    for line in lines or ["  none: every attempt was clean"]:
        typer.echo(line)


CSV_COLUMNS = ("id", "created", "prompt_id", "word_count", "total", "band", "scale", "errors", "categories",
               "revision_of", "text", "findings")


def _export_text(attempts: list[Attempt], fmt: ExportFormat, *, ascii_only: bool | None = False) -> str:
    """The export; JSON for stdout decides `ascii_only` (None) by the stream's encoding."""
    import json

    from lihua.io.safe_text import json_dumps

    if fmt is ExportFormat.json:
        return json_dumps({"schema": 1, "attempts": [a.to_dict() for a in attempts]}, ascii_only=ascii_only) + "\n"
    import csv
    import io

    from lihua.batch.outputs import excel_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for a in attempts:
        row = {**a.to_dict(), "errors": a.errors, "categories": json.dumps(a.categories),
               "findings": json.dumps(a.findings, ensure_ascii=False)}
        writer.writerow([excel_safe(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


@history_app.command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (a spreadsheet) or json.", **choices(ExportFormat))] = ExportFormat.csv,
    output: Annotated[str, typer.Option("--out", "--output", "-o", metavar="FILE|-", help="File to write; '-' (the default) is stdout.")] = "-",
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write every attempt (text, score, findings) as CSV or JSON.

    Examples:

      lihua history export --format csv --out attempts.csv

      lihua history export --format json | jq '.attempts[-1].total'
    """
    attempts = _read_attempts()
    if not attempts:
        _warn("no attempts yet, so the export is empty; start with: lihua practice")
    text = _export_text(attempts, fmt, ascii_only=None if output == "-" else False)
    if output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.is_dir():
        raise fail(f"{target} is a folder; give a file name")
    if target.exists() and not force:
        raise fail(f"{target} exists; use --force to replace it")
    from lihua.practice.drafts import write_atomic

    try:
        write_atomic(target, text)
    except OSError as error:
        raise fail(f"cannot write {target}: {error.strerror or error}") from None
    from lihua.io.safe_text import shown_name

    typer.echo(f"Wrote {shown_name(target)}", err=True)
