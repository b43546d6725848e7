"""The kinds of thing a content point may ask a letter to state (a time, a place, a date, a number).

They are part of the prompt language (`states:` in a prompt names them), so they live with the
prompts; the content scorer uses them to decide whether a point is really covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

POINT_KINDS_FILE = Path(__file__).resolve().parents[1] / "data" / "point_kinds.yaml"


@dataclass(frozen=True)
class PointKind:
    """One kind of thing a point may ask a letter to state (time, place…), as patterns."""

    name: str
    en: str
    patterns: tuple[re.Pattern[str], ...]
    states: tuple[str, ...] = ()
    does_not_state: tuple[str, ...] = ()

    def find(self, sentence: str) -> str | None:
        """The first words of `sentence` that state this kind, or None."""
        found = self.find_all(sentence)
        return found[0] if found else None

    def find_all(self, sentence: str) -> list[str]:
        """Every phrase of `sentence` that states this kind ("by the river", "at the school gate")."""
        found: list[str] = []
        for pattern in self.patterns:
            for match in pattern.finditer(sentence):
                words = match.group().strip()
                if words not in found and not any(words in longer for longer in found):
                    found.append(words)
        return found


@cache
def point_kinds() -> dict[str, PointKind]:
    """The kinds of lihua/data/point_kinds.yaml, their word lists filled in, `also` kinds joined."""
    import yaml

    data = yaml.safe_load(POINT_KINDS_FILE.read_text(encoding="utf-8"))
    lists = {name: "|".join(re.escape(w) for w in words) for name, words in data["words"].items()}
    raw = data["kinds"]

    def patterns_of(name: str) -> list[str]:
        spec = raw[name]
        own = [re.sub(r"\{([a-z_]+)\}", lambda m: lists.get(m.group(1), m.group()), p) for p in spec["patterns"]]
        return own + [p for other in spec.get("also", []) for p in patterns_of(other)]

    return {name: PointKind(name, spec["en"], tuple(re.compile(p, re.IGNORECASE) for p in patterns_of(name)),
                            tuple(spec.get("states", [])), tuple(spec.get("does_not_state", [])))
            for name, spec in raw.items()}
