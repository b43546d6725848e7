"""Settings a teacher writes once: `lihua.toml` (or `[tool.lihua]` in pyproject.toml).

The file is found by walking up from the working directory, so a class folder can carry its own
prompt and disabled rules. Precedence, highest first: command line, environment
(`LIHUA_PROMPTS`, `LIHUA_LT_URL`), the config file, built-in defaults. Every value remembers
where it came from, so `lihua config show` can answer "why is this the prompt?".
Only the standard library and the engine registry (names, no engine code) are imported: commands
read the config before anything heavy loads (a file's `disable` list alone loads the rule names,
to check them).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lihua.engines import default_engines, unknown_engine_error

MAX_JOBS = 64  # the most --jobs or lihua.toml may ask for; past the cores a worker only costs memory

CONFIG_FILE = "lihua.toml"
PYPROJECT = "pyproject.toml"
ENV = {"prompts_dir": "LIHUA_PROMPTS", "lt_url": "LIHUA_LT_URL"}
DEFAULTS: dict[str, Any] = {
    "prompt": None,
    "scale": None,  # None: the prompt's own exam decides (15 or 25)
    "disable": [],
    "prompts_dir": [],
    "rules_dirs": [],  # a teacher's folders of rule packs, on top of the built-in ones
    "lt_url": None,
    "engines": list(default_engines()),  # the registry's (lihua.engines.ENGINES)
    "jobs": None,  # None: all cores
}


class ConfigError(Exception):
    """A config file lihua cannot use; the message names the file, the key and the fix."""


@dataclass(frozen=True, slots=True)
class Setting:
    value: Any
    source: str  # "default", "command line", "env LIHUA_LT_URL", "/path/lihua.toml"


@dataclass
class Config:
    """The merged settings; `config[key]` is the value, `config.settings[key].source` its origin."""

    settings: dict[str, Setting] = field(default_factory=dict)
    path: Path | None = None  # the config file used, if any

    def __getitem__(self, key: str) -> Any:
        return self.settings[key].value

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path) if self.path else None,
            "settings": {key: {"value": s.value, "source": s.source} for key, s in self.settings.items()},
        }


def find_config_file(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest lihua.toml, or pyproject.toml with [tool.lihua], from `start` upward."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            table = _lihua_table(pyproject)
            if table is not None:
                return pyproject, table
    return None


def _lihua_table(pyproject: Path) -> dict[str, Any] | None:
    """[tool.lihua] of a pyproject.toml, or None when it has none.

    The rest of the file belongs to other tools: if it is broken (not TOML, `tool = "x"`) that is
    no reason to stop grading, unless lihua's own table is what cannot be read.
    """
    try:
        data = _read_toml(pyproject)
    except ConfigError:
        if b"lihua" in _raw_bytes(pyproject):  # lihua's settings may be in the broken part: say so
            raise
        return None
    tool = data.get("tool")
    table = tool.get("lihua") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{_shown(pyproject)}: tool.lihua must be a table ([tool.lihua] with key = value lines), "
                          f"not {type(table).__name__}")
    return table


def _raw_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def load_config(cli: Mapping[str, Any] | None = None, *, cwd: Path | None = None,
                env: Mapping[str, str] | None = None) -> Config:
    """Merge defaults < config file < environment < command line (`None` means "not given")."""
    env = os.environ if env is None else env
    config = Config({key: Setting(value, "default") for key, value in DEFAULTS.items()})
    found = find_config_file(cwd)
    if found:
        config.path, table = found
        label = str(config.path) + ("" if config.path.name == CONFIG_FILE else " [tool.lihua]")
        for key, value in table.items():
            config.settings[key] = Setting(_validate(key, value, config.path), label)
    for key, var in ENV.items():
        if env.get(var, "").strip():
            value = [p for p in env[var].split(os.pathsep) if p.strip()] if key == "prompts_dir" else env[var].strip()
            config.settings[key] = Setting(value, f"env {var}")
    for key, value in (cli or {}).items():
        if value is not None and value != []:
            config.settings[key] = Setting(value, "command line")
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{_shown(path)}: not valid TOML ({error}); fix the file or remove it") from None
    except UnicodeDecodeError:  # tomllib reads UTF-8 only; a file saved as GBK fails here
        raise ConfigError(f"{_shown(path)}: not UTF-8 text; save it as UTF-8 (TOML files must be UTF-8)") from None
    except OSError as error:
        raise ConfigError(f"{_shown(path)}: cannot read ({error.strerror or error})") from None


def _shown(path: Path) -> str:
    from lihua.io.safe_text import shown_name

    return shown_name(path)


def _validate(key: str, value: Any, path: Path) -> Any:
    """One key of the file, checked and normalised (lists may be written as "a, b")."""
    where = f"{path}: {key}"
    if key not in DEFAULTS:
        raise ConfigError(f"{path}: unknown key '{key}'; known keys: {', '.join(DEFAULTS)}")
    if key in ("prompt", "lt_url"):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where} must be a non-empty string, e.g. {key} = \"...\"")
        return value.strip()
    if key == "scale":
        if value not in (15, 25):
            raise ConfigError(f"{where} must be 15 or 25, not {value!r}")
        return value
    if key == "jobs":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_JOBS:
            raise ConfigError(f"{where} must be a whole number from 1 to {MAX_JOBS}, not {value!r}"
                              " (lihua never starts more workers than there are cores)")
        return value
    items = _string_list(value, where)
    if key in ("prompts_dir", "rules_dirs"):
        return [str((path.parent / Path(item).expanduser()).resolve()) for item in items]
    if key == "disable" and items:
        from lihua.grading.rule_names import UnknownRuleName, check_disable

        try:
            check_disable(items, where=f"{path}: disable")
        except UnknownRuleName as error:
            raise ConfigError(str(error)) from None
    if key == "engines":
        problem = unknown_engine_error(items)
        if problem:
            raise ConfigError(f"{where}: {problem}")
    return items


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings, e.g. [\"a\", \"b\"]")
    return [item.strip() for item in value if item.strip()]
