"""Grammar engines behind one small interface: `check(text, names=...) -> list[Finding]`.

An engine that cannot run (no server, no install) raises `EngineUnavailable` with a one-line
reason; the pipeline reports it and goes on with the other engines.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from lihua.findings import Finding


class EngineUnavailable(RuntimeError):
    """The engine cannot check text here; the message says why and what to do, in one line."""


class Engine(Protocol):
    name: str

    def check(self, text: str, *, names: Collection[str] = ()) -> list[Finding]:
        """Findings for `text`, spans as offsets into `text` (line/column filled in later)."""
        ...


KNOWN_ENGINES = ("harper", "languagetool")
