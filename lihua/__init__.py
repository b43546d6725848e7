"""lihua — an English letter-writing tutor for Chinese high-school students.

Library use (no CLI needed)::

    from lihua import check_text, grade
    findings = check_text("He go to school every day.")
    report = grade(open("letter.txt").read())

Heavy modules (Harper, rules, scoring) load on first use, so `import lihua` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lihua.version import __version__

__all__ = ["__version__", "check_text", "grade"]

if TYPE_CHECKING:
    from lihua.grading.pipeline import check_text, grade


def __getattr__(name: str) -> Any:
    if name in ("check_text", "grade"):
        from lihua.grading import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'lihua' has no attribute {name!r}")
