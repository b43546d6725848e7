"""`lihua doctor`: which engines can run here, their versions, and how long a one-line check takes.

Engines are imported inside the command so `lihua --help` stays fast.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

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


def doctor_command(
    lt_url: Annotated[str | None, typer.Option("--lt-url", help="LanguageTool server to check (also LIHUA_LT_URL); 'public' for the public API.")] = None,
    variant: Annotated[str, typer.Option("--variant", help="English variant to ask LanguageTool for: en-US or en-GB.")] = "en-US",
) -> None:
    """Show which engines work here: available or not, version, time of a one-line check.

    Examples:

      lihua doctor

      lihua doctor --lt-url http://localhost:8081

    Exit codes: 0 Harper works (LanguageTool is optional) · 1 Harper cannot run.
    """
    harper_ok, harper_detail = _check_harper()
    typer.echo(_row("harper", "available" if harper_ok else "NOT AVAILABLE", harper_detail))
    lt_ok, lt_detail = _check_languagetool(lt_url, variant)
    typer.echo(_row("languagetool", "available" if lt_ok else "not available", lt_detail))
    if not lt_ok:
        typer.echo(HOW_TO_GET_LANGUAGETOOL)
    if not harper_ok:
        raise typer.Exit(1)
