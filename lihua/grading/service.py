"""One way to grade: a `GradeRequest` (what to grade with) and `grade_request(text, request) -> Report`.

`lihua grade`, `lihua batch` (each worker) and `lihua practice` all build their request with
`GradeRequest.from_config` from the same merged settings (lihua.toml or [tool.lihua], environment,
command line), so a teacher's disabled rules, rule packs, engines and scale grade a letter the
same way whichever command the student or teacher runs. The request is small, frozen and
picklable: batch sends it once to each worker process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lihua.engines import default_engines, unknown_engine_error
from lihua.report import Report

_FROM_CONFIG = object()  # from_config's "prompt not given: load the one the config names"
SCALES = (15, 25)


class RequestError(Exception):
    """Settings that cannot grade (unknown engine or prompt, broken rule pack); one line for the user."""


@dataclass(frozen=True)
class GradeRequest:
    """Everything that decides how a letter is graded, checked once, before any letter is."""

    prompt: Any = None  # the loaded Prompt, or None: no task (content and length are not scored)
    engines: tuple[str, ...] = field(default_factory=default_engines)
    disabled: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()  # a teacher's rule packs, on top of lihua's own
    scale: int | None = None  # None: the prompt's exam decides (15 or 25)
    lt_url: str | None = None
    variant: str = "en-US"  # English variant asked of LanguageTool
    reply: bool = False  # also write the pen pal's reply
    templates_dir: str | None = None  # a teacher's reply templates, used before lihua's own
    lang: str = "en"  # language of the explanations shown to the student
    prompts_dirs: tuple[str, ...] = ()  # where the prompt came from (besides the bundled bank and LIHUA_PROMPTS)

    @property
    def prompt_id(self) -> str | None:
        return getattr(self.prompt, "id", None)

    @property
    def engine_options(self) -> dict[str, Any]:
        """The options the engine factories take (lihua.engines.build_engine)."""
        return {"lt_url": self.lt_url, "lt_language": self.variant}

    @classmethod
    def from_config(cls, config: Any, *, prompt: Any = _FROM_CONFIG, reply: bool = False, variant: str = "en-US",
                    lang: str = "en", templates_dir: str | None = None,
                    warn: Callable[[str], None] | None = None) -> GradeRequest:
        """The request the merged `config` (lihua.config.load_config) describes, plus the per-command
        options no config file holds. `prompt`: an already chosen Prompt (practice picks one itself);
        by default the one `config["prompt"]` names is loaded. Raises RequestError."""
        engines = tuple(config["engines"])
        problem = unknown_engine_error(engines)
        if problem:
            raise RequestError(problem)
        if config["scale"] not in (None, *SCALES):
            raise RequestError(f"--scale must be 15 or 25, not {config['scale']}")
        prompts_dirs = config_prompt_dirs(config)
        if prompt is _FROM_CONFIG:
            prompt = load_prompt(config["prompt"], prompts_dirs, warn=warn)
        return cls(prompt=prompt, engines=engines, disabled=tuple(config["disable"]),
                   rule_dirs=checked_rule_dirs(config["rules_dirs"]), scale=config["scale"], lt_url=config["lt_url"],
                   variant=variant, reply=reply, templates_dir=templates_dir, lang=lang, prompts_dirs=prompts_dirs)


def config_prompt_dirs(config: Any) -> tuple[str, ...]:
    """The prompt folders `config` adds to the bank. LIHUA_PROMPTS is read by the bank itself
    (lihua.prompts.load_bank): passed again, its prompts would be loaded twice."""
    return () if config.settings["prompts_dir"].source.startswith("env") else tuple(config["prompts_dir"])


def load_prompt(prompt_id: str | None, prompts_dirs: Any = (), *, warn: Callable[[str], None] | None = None) -> Any:
    """The prompt called `prompt_id` (None for none); the bank's warnings go to `warn`."""
    if not prompt_id:
        return None
    from lihua.prompts import PromptError, load_bank

    bank = load_bank(list(prompts_dirs or []))
    for warning in bank.warnings:
        if warn is not None:
            warn(warning)
    try:
        return bank.get(prompt_id)
    except PromptError as error:
        raise RequestError(str(error)) from None


def checked_rule_dirs(dirs: Any) -> tuple[str, ...]:
    """The teacher's rule folders, loaded once here so a broken pack stops the command with
    `file:line: what is wrong` before any letter is graded."""
    from lihua.checks.rulebook import RulePackError, load_rules

    dirs = tuple(dirs)
    try:
        load_rules(dirs)
    except RulePackError as error:
        raise RequestError(f"a rule pack cannot be used:\n{error}") from None
    return dirs


def grade_request(text: str, request: GradeRequest, *, source: str = "<text>", encoding: str = "utf-8") -> Report:
    """Grade one letter as `request` says: findings, score and, when asked for, the reply.

    A reply that cannot be written leaves `report.reply` None and says why in `report.reply_error`
    (the JSON report then has `"reply": null` and a "reply: …" note); each command decides whether
    that stops it.
    """
    from lihua.grading.pipeline import grade

    report = grade(text, source=source, encoding=encoding, prompt=request.prompt, engines=request.engines,
                   disabled=request.disabled, engine_options=request.engine_options, scale=request.scale,
                   rule_dirs=request.rule_dirs)
    if request.reply:
        _attach_reply(report, text, request)
    return report


def _attach_reply(report: Report, text: str, request: GradeRequest) -> None:
    from lihua.reply.writer import ReplyError, write_reply

    # the pen pal does not quote back as model English a sentence the grader found a mistake in
    mistakes = [(f.span.start, f.span.end) for f in report.findings if f.severity.value != "suggestion"]
    try:
        report.reply = write_reply(text, prompt=request.prompt, templates_dir=request.templates_dir,
                                   flagged_spans=mistakes)
    except ReplyError as error:
        report.reply_error = str(error)
