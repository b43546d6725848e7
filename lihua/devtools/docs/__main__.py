"""`python -m lihua.devtools.docs [--out DIR] [--check]`: write docs/ from the code, or check it is current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lihua.devtools.docs import PAGES, generate
from lihua.devtools.docs.markdown import COMMAND

_CHECKOUT = Path(__file__).resolve().parents[3]
#: The checkout's docs/; installed from a wheel there is no checkout, so docs/ of the working directory.
DOCS = _CHECKOUT / "docs" if (_CHECKOUT / "pyproject.toml").is_file() else Path("docs")


def stale(out: Path, pages: dict[str, str]) -> list[str]:
    """The pages whose file in `out` is missing or differs from what the code gives now."""
    return [name for name in PAGES
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != pages[name]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write docs/ from the code (rules, rule language, commands).")
    parser.add_argument("--out", type=Path, default=DOCS, help="folder to write to (default: the checkout's docs/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a page is out of date")
    options = parser.parse_args(argv)
    pages = generate()
    if options.check:
        behind = stale(options.out, pages)
        for name in behind:
            print(f"{options.out / name} is out of date: run `{COMMAND}`", file=sys.stderr)
        return 1 if behind else 0
    options.out.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        path = options.out / name
        path.write_text(pages[name], encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
