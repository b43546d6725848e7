"""`lihua doctor`: which engines can run here, their versions, and how long a one-line check takes.

Engines are imported inside the command so `lihua --help` stays fast.
"""

from __future__ import annotations

import json
import os
import time
from enum import StrEnum
from typing import Annotated, Any

import typer

from lihua.cli.common import choices, fail

CHECK_LINE = "He go to school by bike."

HOW_TO_GET_LANGUAGETOOL = """\
  How to get LanguageTool (optional; Harper and lihua's own rules work without it):
    - run a server (Java 17+):
        java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081
    - or with Docker:
        docker run -d -p 8081:8010 erikvl87/languagetool
    - then point lihua at it:
        lihua grade letter.txt --engine harper,languagetool --lt-url http://localhost:8081
        (or export LIHUA_LT_URL=http://localhost:8081 once)
    - or let language-tool-python install one (downloads ~250 MB, needs Java 17+):
        python -c "import language_tool_python as l; l.LanguageTool('en-US').close()"
      lihua then finds it in ~/.cache/language_tool_python (or $LTP_PATH) by itself.
    - the public API (your letter leaves this machine): --lt-url public"""


def _row(name: str, status: str, detail: str) -> str:
    return f"{name:<13} {status:<14} {detail}"


def _place(name: str, where: str) -> str:
    return f"{name:<13} {where}"


def _check_harper() -> tuple[bool, str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        harper_version = version("harper-py")
    except PackageNotFoundError:
        return False, "harper-py is not installed: pip install harper-py"
    try:
        from lihua.engines.harper import default_engine

        started = time.perf_counter()
        engine = default_engine()
        engine.check(CHECK_LINE)  # the first call builds the Linter
        ready = time.perf_counter()
        engine.check(CHECK_LINE)
        done = time.perf_counter()
    except Exception as error:  # doctor reports every failure as one line
        return False, f"harper-py {harper_version} fails: {type(error).__name__}: {error}"
    return True, (f"harper-py {harper_version}; ready in {(ready - started) * 1000:.0f} ms, "
                  f"one-line check {(done - ready) * 1000:.1f} ms")


def _check_languagetool(lt_url: str | None, variant: str) -> tuple[bool, str]:
    from lihua.engines import EngineUnavailable
    from lihua.engines.languagetool import LanguageToolEngine

    try:
        engine = LanguageToolEngine(lt_url, language=variant)
        started = time.perf_counter()
        software = engine.server_info(CHECK_LINE)
        elapsed = time.perf_counter() - started
    except EngineUnavailable as error:
        return False, str(error).removesuffix("; see `lihua doctor`")
    name = software.get("name") or "LanguageTool"
    where = engine.label if engine.url else f"{engine.label} (started by language-tool-python)"
    notice = "; your letter leaves this machine" if engine.public else ""
    engine.close()
    return True, (f"{name} {software.get('version', '?')} at {where} ({variant}); "
                  f"one-line check {elapsed * 1000:.0f} ms{notice}")


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
    if not engines["languagetool"]["available"]:
        typer.echo(HOW_TO_GET_LANGUAGETOOL)
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
    from lihua.engines.languagetool import resolve_url

    try:
        config = load_config({"lt_url": lt_url})
    except ConfigError as error:
        raise fail(str(error)) from None
    lt_url = config["lt_url"]
    harper_ok, harper_detail = _check_harper()
    lt_ok, lt_detail = _check_languagetool(lt_url, variant)
    engines = {
        "harper": {"available": harper_ok, "asked_for": True, "detail": harper_detail},
        "languagetool": {"available": lt_ok, "asked_for": bool(resolve_url(lt_url)) or "languagetool" in config["engines"],
                         "detail": lt_detail},
    }
    places = _places(config)
    broken = [name for name, engine in engines.items() if engine["asked_for"] and not engine["available"]]
    if output_format is DoctorFormat.json:
        typer.echo(json.dumps({"schema": 1, "ok": not broken, "engines": engines, **places}, ensure_ascii=False, indent=2))
    else:
        _print_text(engines, places)
    if broken:
        typer.echo(f"lihua: {' and '.join(broken)} was asked for but does not work (see its line in the report)", err=True)
        raise typer.Exit(1)
