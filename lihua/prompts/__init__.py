"""The prompt bank: gaokao-style writing tasks, one YAML file each, bundled and from teachers.

`load_bank()` reads the bundled files in `bank/`, then folders named in `LIHUA_PROMPTS`
and then folders given by the caller (later ones override earlier ids, with a warning). A broken
file never stops the bank: it is skipped with one warning naming it, and `validate_file()` gives
every problem as `file:line: field: what is wrong` for `lihua prompts check`.

Only the standard library is imported at module top so that `lihua --help` stays fast; pydantic,
PyYAML and pypinyin load when a bank is actually read.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lihua.prompts.schema import Prompt

BUNDLED_DIR = Path(__file__).resolve().parent / "bank"
ENV_VAR = "LIHUA_PROMPTS"
SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 256 * 1024  # a prompt is a few KB; a huge file is a mistake, not a prompt

__all__ = [
    "BUNDLED_DIR",
    "Bank",
    "InvalidPromptId",
    "PromptError",
    "PromptNotFound",
    "load_bank",
    "load_file",
    "prompt_files",
    "validate_file",
]


class PromptError(Exception):
    """A prompt the user asked for cannot be given; the message is one line for the user."""


class PromptNotFound(PromptError):
    """No prompt has this id (the message suggests close ids)."""


class InvalidPromptId(PromptError):
    """The id is not a slug: refused before it could ever reach a file path."""


def __getattr__(name: str) -> Any:
    """`from lihua.prompts import Prompt` works without importing pydantic at package import."""
    if name in ("Prompt", "ContentPoint", "Bilingual", "WordLimit", "VocabItem", "LETTER_TYPES", "EXAMS"):
        from lihua.prompts import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Bank:
    """Every prompt that loaded, by id, plus the warnings a user should see once."""

    prompts: dict[str, Prompt] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)

    def get(self, prompt_id: str) -> Prompt:
        """The prompt with this id; `InvalidPromptId` for non-slugs, `PromptNotFound` with suggestions."""
        from lihua.prompts.schema import SLUG_HINT, is_slug

        wanted = prompt_id.strip().lower()
        if not is_slug(wanted):
            raise InvalidPromptId(f"'{prompt_id}' is not a prompt id: {SLUG_HINT}")
        if wanted in self.prompts:
            return self.prompts[wanted]
        suggestions = self.suggest(wanted)
        if suggestions:
            raise PromptNotFound(f"no prompt '{prompt_id}'; did you mean {', '.join(repr(s) for s in suggestions)}?")
        raise PromptNotFound(f"no prompt '{prompt_id}'; see lihua prompts list")

    def suggest(self, wanted: str, limit: int = 3) -> list[str]:
        """Ids close to a mistyped one: difflib first, then ids sharing every word of it."""
        ids = sorted(self.prompts)
        close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.6)
        words = [w for w in wanted.split("-") if len(w) > 2]
        if words:
            close += [i for i in ids if all(w in i.split("-") for w in words) and i not in close]
        return close[:limit]

    def is_bundled(self, prompt_id: str) -> bool:
        """True when the prompt comes from lihua itself rather than a teacher's folder."""
        source = self.sources.get(prompt_id)
        return source is not None and source.parent == BUNDLED_DIR

    def select(self, *, letter_type: str | None = None, exam: str | None = None,
               search: str | None = None, tag: str | None = None) -> list[Prompt]:
        """Prompts matching every filter given, sorted by id (search: all words, any field, any case)."""
        if exam and exam.isdigit():
            exam = f"gaokao-{exam}"
        words = (search or "").lower().split()
        chosen = []
        for prompt_id in sorted(self.prompts):
            prompt = self.prompts[prompt_id]
            if letter_type and prompt.letter_type != letter_type:
                continue
            if exam and prompt.exam != exam:
                continue
            if tag and tag.lower() not in (t.lower() for t in prompt.tags):
                continue
            if words:
                haystack = _searchable(prompt)
                if not all(word in haystack for word in words):
                    continue
            chosen.append(prompt)
        return chosen


def _searchable(prompt: Prompt) -> str:
    """One lower-case string of everything a user might search a prompt by."""
    parts = [prompt.id, prompt.letter_type, prompt.exam, prompt.recipient, prompt.title.en, prompt.title.zh,
             prompt.situation.en, prompt.situation.zh, *prompt.tags, *prompt.names]
    for point in prompt.content_points:
        parts += [point.en, point.zh]
    return "\n".join(parts).lower()


def prompt_files(path: Path) -> list[Path]:
    """The prompt files in a folder (not recursive, hidden files skipped), or the file itself."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir()
                  if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith("."))


def load_bank(extra_dirs: Sequence[Path | str] = (), *, use_env: bool = True) -> Bank:
    """Bundled prompts, then `LIHUA_PROMPTS` folders (if use_env), then `extra_dirs`; later wins."""
    bank = Bank()
    _load_into(bank, BUNDLED_DIR)
    folders: list[Path] = []
    if use_env:
        folders += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    folders += [Path(p) for p in extra_dirs]
    seen: set[Path] = {BUNDLED_DIR}
    for folder in folders:
        folder = folder.expanduser()
        key = folder.resolve()
        if key in seen:
            continue
        seen.add(key)
        if not folder.exists():
            bank.warnings.append(f"prompts folder '{folder}' does not exist; skipped")
            continue
        _load_into(bank, folder)
    return bank


def _load_into(bank: Bank, folder: Path) -> None:
    try:
        files = prompt_files(folder)
    except OSError as error:
        bank.warnings.append(f"cannot read prompts folder '{folder}': {error.strerror or error}")
        return
    for path in files:
        prompt, problems = load_file(path)
        if prompt is None:
            more = f" (and {len(problems) - 1} more; run `lihua prompts check {path}`)" if len(problems) > 1 else ""
            bank.warnings.append(f"skipped broken prompt file {problems[0]}{more}")
            continue
        if prompt.id in bank.prompts:
            before = bank.sources[prompt.id]
            what = "the bundled one" if bank.is_bundled(prompt.id) else f"the one in {before}"
            bank.warnings.append(f"prompt '{prompt.id}' in {path} overrides {what}")
        bank.prompts[prompt.id] = prompt
        bank.sources[prompt.id] = path


def validate_file(path: Path | str) -> list[str]:
    """Every problem in one prompt file, as `file:line: field: what is wrong` ([] when valid)."""
    return load_file(path)[1]


def load_file(path: Path | str) -> tuple[Prompt | None, list[str]]:
    """Parse and validate one file: (prompt, []) or (None, problems). Never raises for bad content."""
    from lihua.io import yaml_lines
    from lihua.prompts import validation

    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [f"{path}:1: (file): {path.stat().st_size} bytes is far too large for a prompt "
                          f"(limit {MAX_FILE_BYTES // 1024} KB)"]
        raw = path.read_bytes()
    except OSError as error:
        return None, [f"{path}:1: (file): cannot read: {error.strerror or error}"]
    text = _decode(raw)
    if text is None:
        return None, [f"{path}:1: (file): not UTF-8 text; save the file as UTF-8"]
    parsed = yaml_lines.parse(text)
    if parsed.error:
        line, message = parsed.error
        return None, [f"{path}:{line}: (yaml): {message}"]
    if not validation.has_prompt_fields(parsed.data):  # e.g. a symlink to /etc/shadow: its lines are not echoed
        return None, [f"{path}:1: (file): not a prompt file (none of the fields id:, title:, letter_type:, …); "
                      f"check the path"]
    prompt, errors = validation.validate(parsed)
    found = sorted([*parsed.duplicates, *parsed.aliases, *errors], key=lambda problem: problem[0])
    problems = [f"{path}:{line}: {where}: {message}" for line, where, message in found]
    if problems:
        return None, problems
    return prompt, []


def _decode(raw: bytes) -> str | None:
    """UTF-8 (with or without BOM); GB18030 as a fallback for files saved by Chinese editors."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None

