"""docs/commands.md: the `--help` of every command and sub-command, as the Typer app prints it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.devtools.docs.markdown import banner, block, page

#: Click wraps help at the terminal width less 2 (at most 80): this is what an 80-column terminal shows,
#: whatever terminal generates the page.
WIDTH = 78


def commands(command: Any, path: tuple[str, ...] = ("lihua",)) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(the words that call it, the command) for the command and each visible sub-command, depth first."""
    yield path, command
    if hasattr(command, "list_commands"):  # a group (Typer's click: typer.main.get_command(app))
        context = command.context_class(command, info_name=path[-1])
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                yield from commands(sub, (*path, name))


def help_text(root: Any, path: tuple[str, ...]) -> str:
    """What `lihua … --help` prints for the command at `path`."""
    context: Any = None
    command = root
    for depth, name in enumerate(path):
        if depth:
            command = command.get_command(context, name)
        context = command.context_class(command, info_name=name, parent=context, terminal_width=WIDTH,
                                max_content_width=WIDTH, help_option_names=["-h", "--help"])
    return command.get_help(context)


def commands_page(root: Any) -> str:
    """The page: a table of contents, then each command's help in a code block."""
    found = list(commands(root))
    out = [banner("the Typer app (lihua/cli/app.py)"), "# Commands", "",
           "Every command's `--help`, as `lihua … --help` prints it on an 80-column terminal.", ""]
    out += [f"- [{' '.join(path)}](#{'-'.join(path)})" for path, _ in found]
    out.append("")
    for path, _ in found:
        out += [f'<a id="{"-".join(path)}"></a>', "", f"## {' '.join(path)}", "", block(help_text(root, path)), ""]
    return page(out)
