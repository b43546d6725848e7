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
