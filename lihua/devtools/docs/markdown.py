"""Small Markdown helpers the doc pages share: escaping, code spans, the generated-file banner."""

from __future__ import annotations

import re

COMMAND = "python -m lihua.devtools.docs"
_SPECIAL = re.compile(r"([\\`*_<>\[\]|#])")


def banner(sources: str) -> str:
    """The first lines of a generated page: where it comes from and how to remake it."""
    return (f"<!-- Generated from {sources} by `{COMMAND}`; do not edit by hand. -->\n")


def page(lines: list[str]) -> str:
    """The lines as one file: no trailing spaces, one newline at the end (the bytes never vary)."""
    return "\n".join(line.rstrip() for line in "\n".join(lines).split("\n")).strip("\n") + "\n"


def text(value: str) -> str:
    """Plain text that Markdown shows as written (no stray emphasis, links or table cells)."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def code(value: str) -> str:
    """An inline code span holding `value` exactly, however many backticks it contains."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or longest else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def block(value: str, indent: str = "") -> str:
    """A fenced code block (lines kept), indented to sit inside a list item."""
    longest = max((len(run) for run in re.findall(r"`{3,}", value)), default=2)
    fence = "`" * (longest + 1)
    lines = [fence, *value.split("\n"), fence]
    return "\n".join(indent + line if line else line for line in lines)


def shown(value: str, indent: str = "  ") -> str:
    """A sample text: inline code when it is one line, a code block under the item when it is more."""
    if "\n" in value:
        return "\n\n" + block(value, indent) + "\n"
    return code(value)
