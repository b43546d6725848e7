"""The console-script entry point: start the slow work first, then load the CLI.

Building Harper's Linter takes about 0.7 s and releases the GIL, while importing the CLI stack
(typer, pydantic, rich) takes about 0.4 s. Starting the build on a thread *before* those imports
lets the two overlap, so a cold `lihua grade` costs little more than Harper alone.
"""

from __future__ import annotations

import gc
import sys

_GRADING_COMMANDS = {"grade", "practice"}


def engines_to_prewarm(argv: list[str]) -> tuple[str, ...]:
    """The engines this command line will lint with (--engine, else the registry's defaults), so
    their slow set-up (Harper's Linter) is worth starting now; () for commands that do not grade."""
    from lihua.engines import default_engines

    if len(argv) < 2 or argv[1] not in _GRADING_COMMANDS or "--help" in argv or "-h" in argv:
        return ()
    for i, arg in enumerate(argv):
        value = None
        if arg in ("--engine", "-e") and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--engine="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return tuple(name.strip() for name in value.split(",") if name.strip())
    return default_engines()


#: Objects made between two collections of the youngest generation. Python's default (700) suits
#: programs that make and drop small cycles; a grade instead builds some million long-lived objects
#: (modules, the parser's tables, the rules) and a default collector walks them over and over: a
#: tenth of a cold `lihua grade` (measured: 259 collections, ~0.13 s). Cycles are still collected.
_YOUNG_GENERATION = 50_000


def main() -> None:
    gc.set_threshold(_YOUNG_GENERATION, *gc.get_threshold()[1:])
    from lihua.io.safe_text import install_safe_streams

    install_safe_streams()  # no letter, name or server message drives the terminal; no UnicodeEncodeError
    names = engines_to_prewarm(sys.argv)
    if names:
        from lihua.engines import prewarm

        prewarm(names)  # unknown names are skipped: the command itself says they are unknown
    from lihua.cli.app import main as cli_main

    try:
        cli_main()
    finally:
        # The process is about to end: the interpreter's last cyclic collection would walk every
        # object the parser, the rules and the tables made (0.2-0.3 s of a cold grade) to free
        # memory the exit frees anyway. Frozen objects are left out of it.
        gc.freeze()
