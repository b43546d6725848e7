"""Grammar engines behind one small interface: `check(text, names=...) -> list[Finding]`.

An engine that cannot run (no server, no install) raises `EngineUnavailable` with a one-line
reason; the pipeline reports it and goes on with the other engines.

`ENGINES` is the one list of engines: config validation, the CLI's --engine help, `lihua doctor`
and the pipeline all read it. Each entry names the module that implements it; the module is
imported only when the engine is used, so reading the registry costs nothing (`lihua --help`,
`lihua.config`). An engine module provides `build(**options)` and `probe(**options)` (doctor's
check), and may provide `prewarm()`, `asked_for(**options)`, `SETUP_HELP`, and for --disable
`rule_ids()` and `RULE_ID_PATTERN` (ids known only to the engine).
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from lihua.findings import Finding


class EngineUnavailable(RuntimeError):
    """The engine cannot check text here; the message says why and what to do, in one line."""


class Engine(Protocol):
    name: str

    def check(self, text: str, *, names: Collection[str] = ()) -> list[Finding]:
        """Findings for `text`, spans as offsets into `text` (line/column filled in later)."""
        ...


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """One registered engine: its name, what it is, whether it runs unasked, where its code is."""

    name: str
    description: str
    default: bool
    module: str

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


ENGINES: dict[str, EngineInfo] = {info.name: info for info in (
    EngineInfo("harper", "Harper, a fast grammar and spelling checker that runs inside lihua (harper-py)",
               default=True, module="lihua.engines.harper"),
    EngineInfo("languagetool", "LanguageTool, through a server (--lt-url, LIHUA_LT_URL) or a local install",
               default=False, module="lihua.engines.languagetool"),
)}


def engine_names() -> tuple[str, ...]:
    return tuple(ENGINES)


def default_engines() -> tuple[str, ...]:
    """The engines used when none are asked for."""
    return tuple(name for name, info in ENGINES.items() if info.default)


def unknown_engine_error(names: Collection[str]) -> str | None:
    """The one line for a list of engines naming one lihua does not know (or none at all); else None."""
    unknown = [name for name in names if name not in ENGINES]
    if unknown or not names:
        return f"unknown engine {', '.join(unknown) or '(none)'}; choose from: {', '.join(ENGINES)}"
    return None


def engine_help() -> str:
    """The --engine help of every command that grades."""
    return f"Engines, comma-separated: {', '.join(ENGINES)} (default: {', '.join(default_engines())})."


def build_engine(name: str, **options: Any) -> Engine:
    """The engine called `name`, built once per process and reused (each module caches its own)."""
    info = ENGINES.get(name)
    if info is None:
        raise EngineUnavailable(unknown_engine_error([name]) or name)
    return info.load().build(**options)


def prewarm(names: Iterable[str]) -> None:
    """Start the slow set-up of the engines in `names` that have one (Harper's Linter, on a thread)."""
    for name in names:
        info = ENGINES.get(name)
        start = getattr(info.load(), "prewarm", None) if info else None
        if start is not None:
            start()


def engine_rule_ids() -> list[str]:
    """The rule ids and names of every engine that --disable can switch off."""
    return [rule_id for info in ENGINES.values() for rule_id in getattr(info.load(), "rule_ids", list)()]


def is_engine_rule_id(name: str) -> bool:
    """A name of an engine's rule that lihua cannot list (LanguageTool's live on its server)."""
    for info in ENGINES.values():
        pattern = getattr(info.load(), "RULE_ID_PATTERN", None)
        if pattern is not None and pattern.fullmatch(name):
            return True
    return False
