"""`lihua rules …`: list the learner rules and show one with its examples. Wiring and display only.

The rule packs (YAML, lihua/checks/rules/) load inside the commands, so `lihua --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lihua.cli.common import choices, command_group, fail, stdout_console
from lihua.grading.rule_names import did_you_mean
from lihua.io.safe_text import json_dumps

if TYPE_CHECKING:
    from lihua.checks.rulebook import Rule

app = command_group(
    "rules",
    (
        "lihua's learner rules: the errors Chinese students make, each with examples.\n\n"
        "All rules:  lihua rules list\n\n"
        "One category:  lihua rules list --category punctuation\n\n"
        "One rule:  lihua rules show learner.verb.modal-base\n\n"
        "Check your own rule packs:  lihua rules check my-rules/\n\n"
        "Turn a rule or category off when grading:  lihua grade letter.txt --disable learner.parsed.story-tense"
    ),
    no_args_is_help=True,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="text (default) or json.", **choices(OutputFormat))]




def _rules() -> tuple[Rule, ...]:
    from lihua.checks.rulebook import load_rules

    return load_rules()


def rule_json(rule: Rule) -> dict[str, Any]:
    """A rule as plain data: what `rules list/show --format json` print."""
    return {
        "id": rule.id,
        "pack": rule.pack,
        "category": rule.category.value,
        "severity": rule.severity.value,
        "kind": "check" if rule.check else "tokens" if rule.tokens is not None
        else "dependency" if rule.dependency is not None else "pattern",
        "description": rule.description,
        "message_zh": rule.message_zh,
        "examples": [{k: v for k, v in vars(e).items() if v is not None} for e in rule.examples],
    }


@app.command("list")
def list_command(
    category: Annotated[str | None, typer.Option("--category", "-c", metavar="CATEGORY",
                                                 help="Only this category: grammar, punctuation, format…")] = None,
    pack: Annotated[str | None, typer.Option("--pack", "-p", metavar="PACK",
                                             help="Only this pack, e.g. verb-form, prepositions.")] = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """List the learner rules: id, category, severity, description.

    Examples:

      lihua rules list

      lihua rules list --category punctuation

      lihua rules list --pack prepositions --format json
    """
    rules = _rules()
    categories = sorted({r.category.value for r in rules})
    packs = sorted({r.pack for r in rules})
    if category is not None and category not in categories:
        raise fail(f"unknown category '{category}'; {did_you_mean(category, categories)}"
                    f"choose from: {', '.join(categories)}")
    if pack is not None and pack not in packs:
        raise fail(f"unknown pack '{pack}'; {did_you_mean(pack, packs)}choose from: {', '.join(packs)}")
    chosen = [r for r in rules if (category is None or r.category.value == category)
              and (pack is None or r.pack == pack)]
    if output is OutputFormat.json:
        typer.echo(json_dumps([rule_json(r) for r in chosen]))
        return
    rows = [(r.id, r.category.value, r.severity.value, r.description) for r in chosen]
    if sys.stdout.isatty():
        from rich.table import Table

        table = Table("id", "category", "severity", "description", box=None, header_style="bold", pad_edge=False)
        for row in rows:
            table.add_row(*row)
        console = stdout_console(highlight=False)
        console.print(table)
        console.print(f"[dim]{len(rows)} rules in {len({r.pack for r in chosen})} packs · lihua rules show ID[/dim]")
        return
    widths = [max(len(row[i]) for row in [("ID", "CATEGORY", "SEVERITY"), *rows]) for i in range(3)]
    for row in [("ID", "CATEGORY", "SEVERITY", "DESCRIPTION"), *rows]:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3])


@app.command("show")
def show_command(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id from `lihua rules list`.")],
    output: FormatOption = OutputFormat.text,
) -> None:
    """Show one rule: what it checks, why (in Chinese too), and its examples.

    Examples:

      lihua rules show learner.preposition.discuss-about

      lihua rules show format.signature --format json
    """
    rules = {r.id: r for r in _rules()}
    rule = rules.get(rule_id.strip())
    if rule is None:
        raise fail(f"no rule '{rule_id}'; {did_you_mean(rule_id, list(rules))}see `lihua rules list`")
    if output is OutputFormat.json:
        typer.echo(json_dumps(rule_json(rule)))
        return
    lines = [rule.id, f"  {rule.description}"]
    if rule.message_zh:
        lines.append(f"  {rule.message_zh}")
    lines += [f"  category: {rule.category.value} · severity: {rule.severity.value} · pack: {rule.pack}",
              "", "  Examples:"]
    for example in rule.examples:
        if example.bad is not None:
            lines.append(f"    ✗ {example.bad}")
            if example.fix is not None:
                lines.append(f"    → {example.fix}")
        if example.good is not None:
            lines.append(f"    ✓ {example.good}  (not flagged)")
    typer.echo("\n".join(lines))
    typer.echo(f"\n  Turn it off:  lihua grade FILE --disable {rule.id}")


@app.command("check")
def check_command(
    folders: Annotated[list[str], typer.Argument(metavar="DIR...", help="Folders of your own rule packs (*.yaml).")],
) -> None:
    """Check your own rule packs: the schema, ids that clash, and every rule on its own examples.

    Prints one line per rule (ok, or file:line: what is wrong). Use the folder when grading with
    --rules-dir DIR, or rules_dirs = ["DIR"] in lihua.toml.

    Examples:

      lihua rules check my-rules/

    Exit codes: 0 every pack is usable · 2 something is wrong (each problem on its own line).
    """
    from lihua.checks.rulebook import RulePackError, load_rules

    built_in = len(load_rules())
    dirs = tuple(str(Path(folder).expanduser().resolve()) for folder in folders)
    try:
        rules = load_rules(dirs)[built_in:]
    except RulePackError as error:
        for file, line, message in error.problems:
            typer.echo(f"{file}:{line}: {message}", err=True)
        count = len(error.problems)
        raise fail(f"{count} problem{'s' if count != 1 else ''}; the packs cannot be used until they are fixed") from None
    for rule in rules:
        file, line = rule.where
        typer.echo(f"ok  {rule.id}  ({len(rule.examples)} examples)  {file}:{line}")
    typer.echo(f"{len(rules)} rule{'s' if len(rules) != 1 else ''} ready: lihua grade FILE "
               + " ".join(f"--rules-dir {folder}" for folder in folders))

