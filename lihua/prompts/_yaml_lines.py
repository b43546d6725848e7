"""YAML with line numbers: parse once, keep the node tree, and point pydantic errors at lines.

A teacher fixing a prompt file needs `file:12: content_points[1].keywords: …`, so errors are
mapped back through the composed YAML nodes. Loading is always safe (SafeLoader: no Python
objects), and duplicate keys — which PyYAML silently collapses — are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _model_at(parent: str) -> Any:
    """Which model a field path lands in, to suggest the right spelling of an unknown key.

    The prompt models load here, not at import: rule packs use this module's line mapping too,
    and grading a letter without a prompt should not pay for pydantic.
    """
    from lihua.prompts.schema import Bilingual, ContentPoint, Prompt, VocabItem, WordLimit

    return {"title": Bilingual, "situation": Bilingual, "content_points": ContentPoint,
            "word_limit": WordLimit, "vocabulary": VocabItem}.get(parent, Prompt)


@dataclass
class Parsed:
    """The YAML data, its node tree, and any parse error, duplicate keys or aliases found on the way."""

    data: Any = None
    node: yaml.Node | None = None
    error: tuple[int, str] | None = None
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)
    aliases: list[tuple[int, str, str]] = field(default_factory=list)


def parse(text: str) -> Parsed:
    """Compose and construct in one pass; a syntax error becomes (line, message), never an exception."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        return Parsed(error=(line, message or "not valid YAML"))
    except yaml.YAMLError as error:
        return Parsed(error=(1, str(error).splitlines()[0] if str(error) else "not valid YAML"))
    finally:
        loader.dispose()
    parsed = Parsed(data=data, node=node)
    if node is not None:
        _find_duplicates(node, (), node.start_mark.line + 1, parsed.duplicates, parsed.aliases, set())
    return parsed


def _find_duplicates(node: yaml.Node, path: tuple[str | int, ...], line: int, out: list[tuple[int, str, str]],
                     aliases: list[tuple[int, str, str]], visited: set[int]) -> None:
    """Report duplicate keys; collect re-used collections (YAML aliases) instead of walking them twice."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        if id(node) in visited:
            aliases.append((line, field_path(path),
                            "anchors and aliases (&name, *name) are not allowed in prompt files; write it out"))
            return
        visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None:
                if name in seen:
                    out.append((key.start_mark.line + 1, field_path((*path, name)),
                                f"duplicate key (first on line {seen[name]}); only one is kept, merge them"))
                else:
                    seen[name] = key.start_mark.line + 1
            _find_duplicates(value, (*path, name if name is not None else "?"), key.start_mark.line + 1, out,
                             aliases, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _find_duplicates(item, (*path, index), line, out, aliases, visited)


def field_path(loc: tuple[str | int, ...]) -> str:
    """('content_points', 1, 'keywords') → 'content_points[1].keywords'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(prompt)"


def line_of(node: yaml.Node | None, loc: tuple[str | int, ...]) -> int:
    """The line of the deepest node on the path that exists (a missing key points at its parent)."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            if match is None:
                return line
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def has_prompt_fields(data: Any) -> bool:
    """False for a mapping none of whose keys is a prompt field: some other file, whose keys are its
    contents (a password file parses as one key per line), so they must not be echoed as "unknown field".
    Anything else is left for `validate` to explain."""
    from lihua.prompts.schema import Prompt

    return not isinstance(data, dict) or any(isinstance(key, str) and key in Prompt.model_fields for key in data)


def validate(parsed: Parsed) -> tuple[Any, list[tuple[int, str, str]]]:
    """The Prompt (None on problems), or the validation problems as (line, field path, message)."""
    data = parsed.data
    if parsed.aliases:  # never validate: nested aliases expand exponentially ("billion laughs")
        return None, []
    if data is None:
        return None, [(1, "(file)", "empty file; expected a prompt (id:, title:, letter_type:, …)")]
    if not isinstance(data, dict):
        return None, [(line_of(parsed.node, ()), "(file)",
                       f"expected a mapping of fields (id:, title:, …), found {_kind(data)}")]
    from pydantic import ValidationError

    from lihua.prompts.schema import Prompt

    try:
        return Prompt.model_validate(data), []
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            problems.append((line_of(parsed.node, loc), field_path(loc), _message(item, loc)))
        return None, sorted(problems, key=lambda p: p[0])


def _kind(value: Any) -> str:
    return {list: "a list", str: "a single text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__)


def _message(item: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    """pydantic's message, reworded where a teacher would not know what it means."""
    kind = item["type"]
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), found {_kind(item.get('input'))}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), found {_kind(item.get('input'))}"
    if kind in ("too_short", "too_long"):
        ctx = item.get("ctx") or {}
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        if bound is not None:
            side = "at least" if kind == "too_short" else "at most"
            return f"needs {side} {bound} item{'s' if bound != 1 else ''}, has {ctx.get('actual_length', '?')}"
    message = str(item["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def _unknown_field(loc: tuple[str | int, ...]) -> str:
    import difflib

    name = str(loc[-1])
    parent = next((str(p) for p in loc[:-1] if isinstance(p, str)), "") if len(loc) > 1 else ""
    model = _model_at(parent)
    known = sorted(model.model_fields)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
    return f"unknown field; {hint}"
