"""Import spaCy without its command line: a cold `lihua grade` never runs `spacy download` or `train`.

`import spacy` also imports `spacy.cli` (for the one name `spacy.info`), and with it weasel, an
HTTP client, typer and a YAML file read at import: 300 modules and 0.1–0.2 s of every cold grade.
While spaCy is imported, a stand-in answers that one import; it is taken out of `sys.modules` as
soon as spaCy is in, so `import spacy.cli` later still gets the real package, and `spacy.info`
calls the real one.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """The `spacy` module, imported the first time without `spacy.cli` (see the module's docstring)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that `spacy.cli.info` can be looked up under it
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    for name, module in stand_ins.items():
        sys.modules.setdefault(name, module)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy
