"""The one-way flow of a letter: text → Letter → engines → filter/merge → Report.

`check_text` and `grade` are the library API (`from lihua import check_text, grade`); the CLI
only reads input, calls `grade`, and renders the Report.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from lihua.checks import check_letter
from lihua.engines import EngineUnavailable, build_engine, default_engines
from lihua.findings import Finding, is_disabled
from lihua.grading.merge import merge_findings
from lihua.report import Report
from lihua.text.letter import Letter, parse_letter
from lihua.text.names import names_in
from lihua.text.positions import locate

DEFAULT_ENGINES = default_engines()


@dataclass
class CheckResult:
    letter: Letter
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    failed_engines: list[str] = field(default_factory=list)


def check_text(text: str, *, prompt: Any = None, engines: Sequence[str] = DEFAULT_ENGINES,
               disabled: Collection[str] = (), rule_dirs: Sequence[str] = ()) -> list[Finding]:
    """Every finding for `text` (engines + lihua's checks), merged, located, in text order."""
    return run_checks(text, prompt=prompt, engines=engines, disabled=disabled, rule_dirs=rule_dirs).findings


def run_checks(text: str, *, prompt: Any = None, engines: Sequence[str] = DEFAULT_ENGINES,
               disabled: Collection[str] = (), engine_options: dict[str, Any] | None = None,
               rule_dirs: Sequence[str] = ()) -> CheckResult:
    """Like `check_text`, also returning notes about engines that could not run."""
    letter = parse_letter(text)
    names = _names_for(prompt)
    broken: list[str] = []
    collected: list[Finding] = list(check_letter(text, letter, disabled=disabled, rule_dirs=rule_dirs, failures=broken))
    notes: list[str] = [f"lihua's rule {rule} broke on this letter and was skipped; the rest was checked. "
                        "Please report it, with the letter" for rule in broken]
    failed: list[str] = []
    for name in engines:
        engine = None
        try:
            engine = build_engine(name, **(engine_options or {}))
            collected.extend(f for f in engine.check(text, names=names) if not is_disabled(f, disabled))
        except EngineUnavailable as error:
            notes.append(f"{name}: {error}")
            failed.append(name)
        notes.extend(f"{name} notice: {notice}" for notice in getattr(engine, "take_notices", list)())
    # located first: merging compares the words each finding covers, not only its offsets
    return CheckResult(letter, merge_findings(locate(collected, text)), notes, failed)


def grade(text: str, *, source: str = "<text>", encoding: str = "utf-8", prompt: Any = None,
          engines: Sequence[str] = DEFAULT_ENGINES, disabled: Collection[str] = (),
          engine_options: dict[str, Any] | None = None, scale: int | None = None,
          rule_dirs: Sequence[str] = ()) -> Report:
    """Grade one letter: the Report that `lihua grade` renders, with its rubric score in `score`."""
    from lihua.scoring.score import score_letter

    result = run_checks(text, prompt=prompt, engines=engines, disabled=disabled, engine_options=engine_options,
                        rule_dirs=rule_dirs)
    report = Report(
        source=source,
        encoding=encoding,
        letter=result.letter,
        findings=result.findings,
        prompt_id=getattr(prompt, "id", None),
        notes=result.notes,
        failed_engines=result.failed_engines,
        score=score_letter(result.letter, prompt, result.findings, scale=scale),
    )
    return report


def _names_for(prompt: Any) -> set[str]:
    """Names the spelling filter must accept: the prompt's recipient, names and vocabulary."""
    if prompt is None:
        return set()
    spelling_names = getattr(prompt, "spelling_names", None)
    if callable(spelling_names):
        return set(spelling_names())
    return names_in([str(getattr(prompt, "recipient", ""))])
