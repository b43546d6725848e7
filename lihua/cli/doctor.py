"""`lihua doctor`: which engines can run here, their versions, and how long a one-line check takes.

Engines are imported inside the command so `lihua --help` stays fast.
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from typing import Annotated, Any

import typer

from lihua.cli.common import choices, fail

CHECK_LINE = "He go to school by bike."


def _row(name: str, status: str, detail: str) -> str:
    return f"{name:<13} {status:<14} {detail}"


def _place(name: str, where: str) -> str:
    return f"{name:<13} {where}"


def _check_engines(config: Any, variant: str) -> dict[str, dict[str, Any]]:
    """Every registered engine: whether it runs here, whether this setup asks for it, and the detail."""
    from lihua.engines import ENGINES

    options = {"lt_url": config["lt_url"], "lt_language": variant}
    checked = {}
    for name, info in ENGINES.items():
        module = info.load()
        available, detail = module.probe(CHECK_LINE, **options)
        asked_for = info.default or name in config["engines"] or getattr(module, "asked_for", lambda **_: False)(**options)
        checked[name] = {"available": available, "asked_for": bool(asked_for), "detail": detail}
    return checked


class DoctorFormat(StrEnum):
    text = "text"
    json = "json"


def _prompt_bank(config: Any) -> dict[str, Any]:
    """How many prompts load, from which folders, and what went wrong while loading them."""
    from lihua.prompts import BUNDLED_DIR, load_bank

    extra = [] if config.settings["prompts_dir"].source.startswith("env") else list(config["prompts_dir"])
    bank = load_bank(extra)
    folders = [str(BUNDLED_DIR), *(p for p in os.environ.get("LIHUA_PROMPTS", "").split(os.pathsep) if p.strip()), *extra]
    return {"prompts": len(bank.prompts), "folders": folders, "warnings": list(bank.warnings)}


def _places(config: Any) -> dict[str, Any]:
    """The files lihua reads and writes here: the config in force, the student's data, the prompt bank."""
    from lihua.practice.drafts import drafts_dir
    from lihua.practice.history import data_home, history_path

    return {"config_file": str(config.path) if config.path else None, "data_home": str(data_home()),
            "history": str(history_path()), "drafts": str(drafts_dir()), "prompt_bank": _prompt_bank(config)}


def _print_text(engines: dict[str, dict[str, Any]], places: dict[str, Any]) -> None:
    for name, engine in engines.items():
        status = "available" if engine["available"] else ("NOT AVAILABLE" if engine["asked_for"] else "not available")
        typer.echo(_row(name, status, engine["detail"]))
    from lihua.engines import ENGINES

    for name, engine in engines.items():
        setup_help = getattr(ENGINES[name].load(), "SETUP_HELP", None)
        if setup_help and not engine["available"]:
            typer.echo(setup_help)
    bank = places["prompt_bank"]
    typer.echo("")
    typer.echo(_place("config file", places["config_file"] or "none (no lihua.toml or [tool.lihua] here or above)"))
    typer.echo(_place("data", places["data_home"] + "  (LIHUA_HOME moves it)"))
    typer.echo(_place("history", places["history"]))
    typer.echo(_place("drafts", places["drafts"]))
    typer.echo(_place("prompt bank", f"{bank['prompts']} prompts from {', '.join(bank['folders'])}"))
    for warning in bank["warnings"]:
        typer.echo(_place("", f"warning: {warning}"))


def doctor_command(
    lt_url: Annotated[str | None, typer.Option("--lt-url", help="LanguageTool server to check (also LIHUA_LT_URL); 'public' for the public API.", metavar="URL")] = None,
    variant: Annotated[str, typer.Option("--variant", help="English variant to ask LanguageTool for: en-US or en-GB.", metavar="VARIANT")] = "en-US",
    output_format: Annotated[DoctorFormat, typer.Option("--format", "-f", help="text for people, json for tools.", **choices(DoctorFormat))] = DoctorFormat.text,
) -> None:
    """Show which engines work here (version, time of a one-line check), the config file in force,
    where your history and drafts are kept, and the prompt bank.

    Examples:

      lihua doctor

      lihua doctor --lt-url http://localhost:8081

      lihua doctor --format json

    Exit codes: 0 every engine asked for works · 1 one does not: Harper (always asked for), or
    LanguageTool when --lt-url, LIHUA_LT_URL or lihua.toml (lt_url, engines) asks for it · 2 usage error.
    """
    from lihua.config import ConfigError, load_config

    try:
        config = load_config({"lt_url": lt_url})
    except ConfigError as error:
        raise fail(str(error)) from None
    engines = _check_engines(config, variant)
    places = _places(config)
    broken = [name for name, engine in engines.items() if engine["asked_for"] and not engine["available"]]
    if output_format is DoctorFormat.json:
        typer.echo(json.dumps({"schema": 1, "ok": not broken, "engines": engines, **places}, ensure_ascii=False, indent=2))
    else:
        _print_text(engines, places)
    if broken:
        typer.echo(f"lihua: {' and '.join(broken)} was asked for but does not work (see its line in the report)", err=True)
        raise typer.Exit(1)
