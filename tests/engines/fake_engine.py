"""A stand-in engine module for tests of the registry: flags every "zzz" in the letter."""

from __future__ import annotations

import re
from collections.abc import Collection

from lihua.findings import Category, Finding, Severity, Source, Span

RULE_ID = "fake.Zzz"


class FakeEngine:
    name = "fake"

    def check(self, text: str, *, names: Collection[str] = ()) -> list[Finding]:
        return [Finding(RULE_ID, Source.LIHUA, Category.SPELLING, Severity.ERROR, "zzz is not a word",
                        Span(m.start(), m.end())) for m in re.finditer("zzz", text)]


def build(**_options: object) -> FakeEngine:
    return FakeEngine()


def probe(line: str, **_options: object) -> tuple[bool, str]:
    return True, f"fake engine checked {len(line)} characters"


def rule_ids() -> list[str]:
    return [RULE_ID]
